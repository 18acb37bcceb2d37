//! Held payments for the review tests: the sample pacs.008 screened against a
//! one-entity index and no embargo rules, wrapped as the screening service writes it to the review topic.

#[allow(dead_code)]
pub mod postgres;

use std::sync::Arc;

use interdict_index::{build, Index};
use interdict_model::record::{Encoding, InputRef, MessageRef, OriginalMessage, ReviewRecord, SCHEMA_VERSION};
use interdict_model::{Entity, EntityKind, Outcome};
use interdict_screen::{GoodGuyList, Policy, ScreenConfig, Screener};

const SAMPLE: &str = include_str!("../../../../data/payments/pacs008_choe.xml");

fn screener(good_guys: GoodGuyList) -> Screener {
    let listed = Entity::new("ofac-sdn:43598", "ofac-sdn", EntityKind::Person, "CHOE, Chol Min");
    let index = Index::from_bytes(build(vec![listed], vec![], "2026-01-01T00:00:00Z").expect("an index builds"))
        .expect("the index opens");
    // No embargo rules: the listed name is the payment's only hit, so a good-guy entry
    // for it decides the verdict.
    let policy = Policy::from_toml("").expect("an empty policy");
    let config = ScreenConfig { good_guys, policy, today: "2026-12-03".into(), ..ScreenConfig::default() };
    Screener::new(Arc::new(index), config).expect("a screener")
}

/// The verdict of the sample payment screened with `good_guys`.
#[allow(dead_code)]
pub fn screen_with(good_guys: GoodGuyList) -> interdict_model::Verdict {
    screener(good_guys).screen_bytes(SAMPLE.as_bytes()).remove(0)
}

/// The sample payment, held, as read at `offset` of partition 0 of `payments.in`.
#[allow(dead_code)]
pub fn held_record(offset: i64) -> ReviewRecord {
    let screener = screener(GoodGuyList::empty());
    let mut screened = screener.screen_input(SAMPLE.as_bytes());
    let screened = screened.remove(0);
    assert_eq!(screened.verdict.verdict, Outcome::Hold, "the sample payment must be held");
    ReviewRecord {
        schema_version: SCHEMA_VERSION,
        message: MessageRef {
            input: InputRef { topic: "payments.in".into(), partition: 0, offset },
            key: Some(format!("payment-{offset}")),
            message_index: 0,
            messages_in_input: 1,
        },
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

/// The outcome record's published schema (docs/schemas/outcome.schema.json), compiled.
#[allow(dead_code)]
pub fn outcome_schema() -> jsonschema::Validator {
    let read = |name: &str| -> serde_json::Value {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/schemas").join(name);
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let common = read("common.schema.json");
    let id = common["$id"].as_str().expect("common has an $id").to_string();
    let registry = jsonschema::Registry::new().add(id, common).unwrap().prepare().unwrap();
    jsonschema::options().with_registry(&registry).build(&read("outcome.schema.json")).expect("the schema compiles")
}
