//! Held payments for the review tests: the sample pacs.008 screened against a
//! one-entity index, wrapped as the screening service writes it to the review topic.

use std::sync::Arc;

use interdict_index::{build, Index};
use interdict_model::record::{Encoding, InputRef, OriginalMessage, ReviewRecord, SCHEMA_VERSION};
use interdict_model::{Entity, EntityKind, Outcome};
use interdict_screen::{ScreenConfig, Screener};

const SAMPLE: &str = include_str!("../../../../data/payments/pacs008_choe.xml");

/// The sample payment, held, as read at `offset` of partition 0 of `payments.in`.
pub fn held_record(offset: i64) -> ReviewRecord {
    let listed = Entity::new("ofac-sdn:43598", "ofac-sdn", EntityKind::Person, "CHOE, Chol Min");
    let index = Index::from_bytes(build(vec![listed], vec![], "2026-01-01T00:00:00Z").expect("an index builds"))
        .expect("the index opens");
    let screener = Screener::new(Arc::new(index), ScreenConfig::default()).expect("a screener");
    let mut screened = screener.screen_input(SAMPLE.as_bytes());
    let screened = screened.remove(0);
    assert_eq!(screened.verdict.verdict, Outcome::Hold, "the sample payment must be held");
    ReviewRecord {
        schema_version: SCHEMA_VERSION,
        input: InputRef { topic: "payments.in".into(), partition: 0, offset },
        key: Some(format!("payment-{offset}")),
        message_index: 0,
        messages_in_input: 1,
        screened_with: screener.screened_with().clone(),
        verdict: screened.verdict,
        payment: screened.payment.expect("a held payment was parsed"),
        original: OriginalMessage {
            encoding: Encoding::Utf8,
            content: SAMPLE.to_string(),
            length: SAMPLE.len() as u64,
            truncated: false,
        },
    }
}
