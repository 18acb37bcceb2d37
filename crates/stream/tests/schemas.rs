//! The records the service writes follow the published JSON Schemas
//! (`docs/schemas/`), for every kind of outcome, and the schemas refuse what they must.

use std::sync::Arc;

use interdict_index::{build, Index};
use interdict_model::{Entity, EntityKind};
use interdict_screen::{ScreenConfig, Screener};
use interdict_stream::records::{outputs, Destination, Input};

mod support;
use support::schemas::Schemas;

const MT_PAIR: &str = "{1:F01BANKGB2LAXXX0000000000}{2:I103BANKUS33XXXXN}{4:\n:20:FIRST-1\n:23B:CRED\n:32A:261128GBP1250,00\n:50K:/GB29NWBK60161331926819\nEMMA DANIELS\nLEEDS\n:59:/GB82WEST12345698765432\nNORTHERN HOMES LTD\n:70:VIA 2ND ACADEMY OF NATURAL SCIENCES\n:71A:SHA\n-}\n{1:F01BANKGB2LAXXX0000000000}{2:I103BANKUS33XXXXN}{4:\n:20:SECOND-2\n:23B:CRED\n:32A:261128GBP90,00\n:50K:/GB29NWBK60161331926819\nEMMA DANIELS\nLEEDS\n:59:/GB82WEST12345698765432\nNORTHERN HOMES LTD\n:70:RENT\n:71A:SHA\n-}\n";

fn screener() -> Screener {
    let e = Entity::new("ofac-sdn:12215", "ofac-sdn", EntityKind::Organization, "SECOND ACADEMY OF NATURAL SCIENCES");
    let index = Index::from_bytes(build(vec![e], vec![], "2026-01-01T00:00:00Z").unwrap()).unwrap();
    Screener::new(Arc::new(index), ScreenConfig::default()).unwrap()
}

#[test]
fn every_record_follows_its_schema() {
    let schemas = Schemas::load();
    let screener = screener();
    let inputs: &[&[u8]] = &[
        MT_PAIR.as_bytes(),
        b"<Document><unclosed></Document>",
        b"\xff\xfe not a payment",
        br#"{"message_id": "J", "format": "json", "transactions": [{"parties": [], "free_text": [{"path": "/rmt", "value": "RENT"}]}]}"#,
    ];
    let mut seen = std::collections::BTreeSet::new();
    for bytes in inputs {
        let screened = screener.screen_input(bytes);
        for record in outputs(&Input::at("in", 0, 7), bytes, &screened, Some(screener.screened_with()), 1 << 16) {
            seen.insert(format!("{:?}", record.destination));
            match record.destination {
                Destination::Decisions => schemas.check_decision(&record.payload),
                Destination::Review => schemas.check_review(&record.payload),
                Destination::DeadLetter => schemas.check_dead_letter_headers(&record.headers),
            }
        }
    }
    // Not screened at all (no index): the decision names no screening set.
    let not_screened = interdict_screen::Screened {
        verdict: interdict_model::Verdict::not_screened("no_index", "no valid index"),
        payment: None,
    };
    for record in outputs(&Input::at("in", 0, 8), b"x", &[not_screened], None, 1 << 16) {
        match record.destination {
            Destination::Decisions => schemas.check_decision(&record.payload),
            _ => schemas.check_dead_letter_headers(&record.headers),
        }
    }
    assert_eq!(seen.len(), 3, "decisions, reviews and dead letters were all checked: {seen:?}");
}

#[test]
fn the_schemas_refuse_what_they_must() {
    let schemas = Schemas::load();
    let screener = screener();
    let screened = screener.screen_input(MT_PAIR.as_bytes());
    let records = outputs(&Input::at("in", 0, 1), MT_PAIR.as_bytes(), &screened, Some(screener.screened_with()), 64);
    let good: serde_json::Value = serde_json::from_slice(&records[0].payload).unwrap();
    assert!(schemas.decision_accepts(&good));
    type Damage = fn(&mut serde_json::Value);
    let broken: [(&str, Damage); 7] = [
        ("an input partition that is text", |d| d["input"]["partition"] = "3".into()),
        ("a policy hash that is not SHA-256", |d| d["screened_with"]["policy_sha256"] = "abc".into()),
        ("an unknown field", |d| d["surprise"] = true.into()),
        ("a verdict that is not pass, hold or error", |d| d["verdict"] = "maybe".into()),
        ("a missing input", |d| {
            d.as_object_mut().unwrap().remove("input");
        }),
        ("a pass without what it was screened with", |d| {
            d["verdict"] = "pass".into();
            d.as_object_mut().unwrap().remove("screened_with");
        }),
        ("another schema version", |d| d["schema_version"] = 2.into()),
    ];
    for (what, damage) in broken {
        let mut record = good.clone();
        damage(&mut record);
        assert!(!schemas.decision_accepts(&record), "the decision schema accepts {what}");
    }
}
