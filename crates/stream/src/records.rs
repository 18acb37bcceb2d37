//! The records Interdict writes for each input message.
//!
//! Every input message yields exactly one record on the decisions topic; a `hold` also
//! yields one on the review topic (the verdict with its explained hits, for analysts);
//! an `error` also yields one on the dead-letter topic (the original bytes, untouched,
//! with the reason in headers). Every output keeps the input's key and carries the input
//! topic, partition and offset, in its payload and in headers, so a payment hub can
//! correlate without parsing.

use interdict_model::{Outcome, Verdict};
use serde::Serialize;

/// Where an input message came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputRef {
    pub topic: String,
    pub partition: i32,
    pub offset: i64,
    /// The input record's key, as bytes (kept as is on every output).
    #[serde(skip)]
    pub key: Option<Vec<u8>>,
}

/// Which output topic a record goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Destination {
    Decisions,
    Review,
    DeadLetter,
}

/// One record to produce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputRecord {
    pub destination: Destination,
    pub key: Option<Vec<u8>>,
    pub payload: Vec<u8>,
    pub headers: Vec<(String, Vec<u8>)>,
}

/// Header names every output carries.
pub const HEADER_INPUT_TOPIC: &str = "interdict-input-topic";
pub const HEADER_INPUT_PARTITION: &str = "interdict-input-partition";
pub const HEADER_INPUT_OFFSET: &str = "interdict-input-offset";
pub const HEADER_INDEX_VERSION: &str = "interdict-index-version";
pub const HEADER_VERDICT: &str = "interdict-verdict";
pub const HEADER_ERROR_KIND: &str = "interdict-error-kind";
pub const HEADER_ERROR_REASON: &str = "interdict-error-reason";

/// The decision record: the outcome and where it came from, without the hits.
#[derive(Debug, Serialize)]
struct Decision<'a> {
    input: &'a InputRef,
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message_id: Option<&'a str>,
    verdict: Outcome,
    index_version: &'a str,
    /// Time from reading the input to the decision, in microseconds.
    latency_us: f64,
    hits: usize,
    suppressed: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

/// The review record: the whole verdict, with the input it belongs to.
#[derive(Debug, Serialize)]
struct Review<'a> {
    input: &'a InputRef,
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<String>,
    #[serde(flatten)]
    verdict: &'a Verdict,
}

fn headers(input: &InputRef, verdict: &Verdict) -> Vec<(String, Vec<u8>)> {
    vec![
        (HEADER_INPUT_TOPIC.into(), input.topic.clone().into_bytes()),
        (HEADER_INPUT_PARTITION.into(), input.partition.to_string().into_bytes()),
        (HEADER_INPUT_OFFSET.into(), input.offset.to_string().into_bytes()),
        (HEADER_INDEX_VERSION.into(), verdict.index_version.clone().into_bytes()),
        (HEADER_VERDICT.into(), outcome_name(verdict.verdict).as_bytes().to_vec()),
    ]
}

fn outcome_name(o: Outcome) -> &'static str {
    match o {
        Outcome::Pass => "pass",
        Outcome::Hold => "hold",
        Outcome::Error => "error",
    }
}

/// The records for one input message and its verdict, in the order to produce them:
/// decision first, then review or dead letter.
pub fn outputs(input: &InputRef, original: &[u8], verdict: &Verdict, latency_us: f64) -> Vec<OutputRecord> {
    let key_text = input.key.as_ref().map(|k| String::from_utf8_lossy(k).into_owned());
    let decision = Decision {
        input,
        key: key_text.clone(),
        message_id: verdict.message_id.as_deref(),
        verdict: verdict.verdict,
        index_version: &verdict.index_version,
        latency_us: (latency_us * 10.0).round() / 10.0,
        hits: verdict.hits.len(),
        suppressed: verdict.suppressed.len(),
        error: verdict.error.as_ref().map(|e| e.reason.as_str()),
    };
    let mut out = vec![OutputRecord {
        destination: Destination::Decisions,
        key: input.key.clone(),
        payload: serde_json::to_vec(&decision).expect("a decision serializes"),
        headers: headers(input, verdict),
    }];
    match verdict.verdict {
        Outcome::Pass => {}
        Outcome::Hold => out.push(OutputRecord {
            destination: Destination::Review,
            key: input.key.clone(),
            payload: serde_json::to_vec(&Review { input, key: key_text, verdict }).expect("a verdict serializes"),
            headers: headers(input, verdict),
        }),
        Outcome::Error => {
            let mut h = headers(input, verdict);
            if let Some(e) = &verdict.error {
                h.push((HEADER_ERROR_KIND.into(), e.kind.clone().into_bytes()));
                h.push((HEADER_ERROR_REASON.into(), e.reason.clone().into_bytes()));
            }
            out.push(OutputRecord {
                destination: Destination::DeadLetter,
                key: input.key.clone(),
                // The original bytes, untouched: the DLQ must let the message be replayed.
                payload: original.to_vec(),
                headers: h,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use interdict_model::{Hit, HitKind, Timings, VerdictError};

    fn verdict(outcome: Outcome) -> Verdict {
        let hit = Hit {
            kind: HitKind::Name,
            entity_id: Some("ofac-sdn:43598".into()),
            listed_name: "CHOE, Chol Min".into(),
            source: Some("ofac-sdn".into()),
            programs: vec!["NPWMD".into()],
            score: 1.0,
            field_path: "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/Nm".into(),
            matched_text: "CHOI CHOL-MIN".into(),
            transaction: Some(0),
            explanation: "debtor name: ...".into(),
        };
        Verdict {
            message_id: (outcome != Outcome::Error).then(|| "M-1".to_string()),
            format: None,
            verdict: outcome,
            index_version: "idx-0123456789abcdef".into(),
            timings: Timings::default(),
            hits: if outcome == Outcome::Hold { vec![hit] } else { Vec::new() },
            suppressed: Vec::new(),
            error: (outcome == Outcome::Error).then(|| VerdictError {
                kind: "malformed".into(),
                offset: Some(17),
                line: None,
                reason: "byte 17: malformed XML".into(),
            }),
        }
    }

    fn input() -> InputRef {
        InputRef { topic: "payments".into(), partition: 3, offset: 41, key: Some(b"PAY-1".to_vec()) }
    }

    #[test]
    fn one_decision_per_message_plus_review_or_dead_letter() {
        let cases = [
            (Outcome::Pass, vec![Destination::Decisions]),
            (Outcome::Hold, vec![Destination::Decisions, Destination::Review]),
            (Outcome::Error, vec![Destination::Decisions, Destination::DeadLetter]),
        ];
        for (outcome, destinations) in cases {
            let records = outputs(&input(), b"<original/>", &verdict(outcome), 123.456);
            let got: Vec<Destination> = records.iter().map(|r| r.destination).collect();
            assert_eq!(got, destinations, "{outcome:?}");
            for r in &records {
                assert_eq!(r.key.as_deref(), Some(&b"PAY-1"[..]), "{outcome:?}: the input key is kept");
                let header = |name: &str| r.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
                assert_eq!(header(HEADER_INPUT_TOPIC).as_deref(), Some(&b"payments"[..]));
                assert_eq!(header(HEADER_INPUT_PARTITION).as_deref(), Some(&b"3"[..]));
                assert_eq!(header(HEADER_INPUT_OFFSET).as_deref(), Some(&b"41"[..]));
                assert_eq!(header(HEADER_INDEX_VERSION).as_deref(), Some(&b"idx-0123456789abcdef"[..]));
            }
        }
    }

    #[test]
    fn payloads_carry_what_each_reader_needs() {
        let hold = outputs(&input(), b"<original/>", &verdict(Outcome::Hold), 123.456);
        let decision: serde_json::Value = serde_json::from_slice(&hold[0].payload).unwrap();
        assert_eq!(decision["verdict"], "hold");
        assert_eq!(decision["input"]["offset"], 41);
        assert_eq!(decision["key"], "PAY-1");
        assert_eq!(decision["latency_us"], 123.5);
        assert_eq!(decision["hits"], 1);
        let review: serde_json::Value = serde_json::from_slice(&hold[1].payload).unwrap();
        assert_eq!(review["hits"][0]["entity_id"], "ofac-sdn:43598");
        assert_eq!(review["input"]["partition"], 3);
        assert_eq!(review["message_id"], "M-1");

        let error = outputs(&input(), b"<original/>", &verdict(Outcome::Error), 5.0);
        assert_eq!(error[1].payload, b"<original/>", "the DLQ keeps the original bytes");
        let reason = error[1].headers.iter().find(|(n, _)| n == HEADER_ERROR_REASON).unwrap();
        assert_eq!(reason.1, b"byte 17: malformed XML");
        let decision: serde_json::Value = serde_json::from_slice(&error[0].payload).unwrap();
        assert_eq!(decision["verdict"], "error");
        assert_eq!(decision["error"], "byte 17: malformed XML");
    }
}
