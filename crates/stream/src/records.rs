//! The records Interdict writes for each input record (their shapes are in
//! `interdict_model::record` and `docs/schemas/`).
//!
//! Every message of an input record yields exactly one [`DecisionRecord`] on the
//! decisions topic (an MT file or NDJSON record holding three messages yields three); a
//! held message also yields one [`ReviewRecord`] on the review topic, with the parsed
//! payment and the original bytes; an input with an error in it also yields, once, the
//! input itself, untouched, on the dead-letter topic with the reason in headers. Every
//! output keeps the input's key and the input's own headers (a bank's tracing and
//! correlation headers, value bytes untouched), then adds the `interdict-*` headers.

use std::time::Instant;

use base64::Engine;
use interdict_model::record::{
    headers as names, DecisionRecord, Encoding, InputRef, MessageRef, OriginalMessage, ReviewRecord, ScreenedWith,
    SCHEMA_VERSION,
};
use interdict_model::Outcome;
use interdict_screen::Screened;

/// An input record as read: where, its key and headers, and when it was read.
#[derive(Debug, Clone)]
pub struct Input {
    pub at: InputRef,
    /// The input record's key, as bytes (kept as is on every output).
    pub key: Option<Vec<u8>>,
    /// The input record's headers in order: name, and value bytes (`None`: a null value).
    pub headers: Vec<(String, Option<Vec<u8>>)>,
    /// When the consumer handed it over: decisions measure their latency from here.
    pub read_at: Instant,
}

impl Input {
    /// An input read now, without key or headers (tests).
    pub fn at(topic: &str, partition: i32, offset: i64) -> Input {
        Input {
            at: InputRef { topic: topic.to_string(), partition, offset },
            key: None,
            headers: Vec::new(),
            read_at: Instant::now(),
        }
    }
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
    pub headers: Vec<(String, Option<Vec<u8>>)>,
}

/// The input's headers, except those in the `interdict-*` names the service writes
/// itself (a second, spoofed `interdict-verdict` must not ride along).
fn copied_headers(input: &Input) -> Vec<(String, Option<Vec<u8>>)> {
    input.headers.iter().filter(|(name, _)| !names::RESERVED.contains(&name.as_str())).cloned().collect()
}

fn header(name: &str, value: impl ToString) -> (String, Option<Vec<u8>>) {
    (name.to_string(), Some(value.to_string().into_bytes()))
}

/// The headers every output of this input carries.
fn base_headers(input: &Input, index_version: &str, verdict: Outcome) -> Vec<(String, Option<Vec<u8>>)> {
    let mut h = copied_headers(input);
    h.push(header(names::INPUT_TOPIC, &input.at.topic));
    h.push(header(names::INPUT_PARTITION, input.at.partition));
    h.push(header(names::INPUT_OFFSET, input.at.offset));
    h.push(header(names::INDEX_VERSION, index_version));
    h.push(header(names::VERDICT, verdict.as_str()));
    h.push(header(names::SCHEMA_VERSION, SCHEMA_VERSION));
    h
}

/// The original bytes for a review record: the text when the record is UTF-8, else
/// base64; at most `limit` bytes of the record, flagged when cut.
pub fn original_message(bytes: &[u8], limit: usize) -> OriginalMessage {
    let truncated = bytes.len() > limit;
    let kept = &bytes[..bytes.len().min(limit)];
    let (encoding, content) = match std::str::from_utf8(kept) {
        Ok(text) => (Encoding::Utf8, text.to_string()),
        // Cut inside a character: keep the whole characters before the cut.
        Err(e) if truncated && e.error_len().is_none() && std::str::from_utf8(bytes).is_ok() => {
            (Encoding::Utf8, String::from_utf8_lossy(&kept[..e.valid_up_to()]).into_owned())
        }
        Err(_) => (Encoding::Base64, base64::engine::general_purpose::STANDARD.encode(kept)),
    };
    OriginalMessage { encoding, content, length: bytes.len() as u64, truncated }
}

/// The records for one input record and its screened messages, in the order to
/// produce them: per message its decision, then its review record if held; then the
/// dead letter if any message is an error. `screened_with` is `None` when nothing was
/// screened (no usable index). `max_original` bounds the bytes a review record carries.
pub fn outputs(
    input: &Input,
    original: &[u8],
    screened: &[Screened],
    screened_with: Option<&ScreenedWith>,
    max_original: usize,
) -> Vec<OutputRecord> {
    let key_text = input.key.as_ref().map(|k| String::from_utf8_lossy(k).into_owned());
    let count = screened.len() as u32;
    let latency_us = (input.read_at.elapsed().as_secs_f64() * 1e7).round() / 10.0;
    let mut out = Vec::with_capacity(screened.len() + 1);
    let mut errors = Vec::new();
    for (index, message) in screened.iter().enumerate() {
        let verdict = &message.verdict;
        let mut headers = base_headers(input, &verdict.index_version, verdict.verdict);
        if count > 1 {
            headers.push(header(names::MESSAGE_INDEX, index));
            headers.push(header(names::MESSAGES_IN_INPUT, count));
        }
        let message_ref = MessageRef {
            input: input.at.clone(),
            key: key_text.clone(),
            message_index: index as u32,
            messages_in_input: count,
        };
        let decision = DecisionRecord {
            schema_version: SCHEMA_VERSION,
            message: message_ref.clone(),
            message_id: verdict.message_id.clone(),
            verdict: verdict.verdict,
            index_version: verdict.index_version.clone(),
            screened_with: screened_with.cloned(),
            latency_us,
            screen_us: ((verdict.timings.parse_us + verdict.timings.screen_us) * 10.0).round() / 10.0,
            hits: verdict.hits.len(),
            suppressed: verdict.suppressed.len(),
            error_kind: verdict.error.as_ref().map(|e| e.kind.clone()),
            error: verdict.error.as_ref().map(|e| e.reason.clone()),
        };
        out.push(OutputRecord {
            destination: Destination::Decisions,
            key: input.key.clone(),
            payload: serde_json::to_vec(&decision).expect("a decision serializes"),
            headers: headers.clone(),
        });
        match (verdict.verdict, &message.payment, screened_with) {
            (Outcome::Hold, Some(payment), Some(with)) => {
                let review = ReviewRecord {
                    schema_version: SCHEMA_VERSION,
                    message: message_ref,
                    screened_with: with.clone(),
                    verdict: verdict.clone(),
                    payment: payment.clone(),
                    original: original_message(original, max_original),
                };
                out.push(OutputRecord {
                    destination: Destination::Review,
                    key: input.key.clone(),
                    payload: serde_json::to_vec(&review).expect("a review record serializes"),
                    headers,
                });
            }
            (Outcome::Error, _, _) => errors.push(index),
            // A hold comes only from a parsed, screened payment.
            _ => {}
        }
    }
    // An input with an error goes to the dead-letter topic whole (see `Outcome::combined`).
    if let Some(&first) = errors.first() {
        let verdict = &screened[first].verdict;
        let mut h = base_headers(input, &verdict.index_version, Outcome::Error);
        if let Some(e) = &verdict.error {
            h.push(header(names::ERROR_KIND, &e.kind));
            h.push(header(names::ERROR_REASON, &e.reason));
        }
        let indexes: Vec<String> = errors.iter().map(usize::to_string).collect();
        h.push(header(names::ERROR_MESSAGES, indexes.join(",")));
        out.push(OutputRecord {
            destination: Destination::DeadLetter,
            key: input.key.clone(),
            // The original bytes, untouched: the DLQ must let the record be replayed.
            payload: original.to_vec(),
            headers: h,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use interdict_model::record::{GoodGuysVersion, ListVersion};
    use interdict_model::{Hit, HitKind, MessageFormat, Payment, Timings, Verdict, VerdictError};

    fn verdict(outcome: Outcome, id: &str) -> Verdict {
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
            message_id: (outcome != Outcome::Error).then(|| id.to_string()),
            format: Some(MessageFormat::Mt103),
            verdict: outcome,
            index_version: "idx-0123456789abcdef".into(),
            timings: Timings { parse_us: 10.0, screen_us: 20.0 },
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

    fn screened(outcome: Outcome, id: &str) -> Screened {
        let payment = (outcome != Outcome::Error).then(|| Payment {
            message_id: id.to_string(),
            format: MessageFormat::Mt103,
            version: None,
            parties: Vec::new(),
            transactions: Vec::new(),
        });
        Screened { verdict: verdict(outcome, id), payment }
    }

    fn with() -> ScreenedWith {
        ScreenedWith {
            index_version: "idx-0123456789abcdef".into(),
            index_built: "2026-03-03T00:00:00Z".into(),
            lists: vec![ListVersion {
                kind: "ofac-csv".into(),
                lists: vec!["ofac-sdn".into()],
                published: Some("2026-03-02".into()),
                entities: 14965,
            }],
            policy_sha256: "a".repeat(64),
            good_guys: GoodGuysVersion { sha256: "b".repeat(64), entries: 3 },
            threshold: 0.86,
            engine: "interdict 0.1.0".into(),
        }
    }

    fn input() -> Input {
        Input {
            key: Some(b"PAY-1".to_vec()),
            headers: vec![
                ("traceparent".into(), Some(b"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".to_vec())),
                ("binary".into(), Some(vec![0xff, 0x00, 0xfe])),
                ("empty".into(), None),
                (names::VERDICT.into(), Some(b"pass".to_vec())),
            ],
            ..Input::at("payments", 3, 41)
        }
    }

    fn header_of<'a>(r: &'a OutputRecord, name: &str) -> Vec<Option<&'a [u8]>> {
        r.headers.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_deref()).collect()
    }

    #[test]
    fn one_decision_per_message_plus_review_or_dead_letter() {
        use Destination::*;
        let cases = [
            (vec![Outcome::Pass], vec![Decisions]),
            (vec![Outcome::Hold], vec![Decisions, Review]),
            (vec![Outcome::Error], vec![Decisions, DeadLetter]),
            (
                vec![Outcome::Hold, Outcome::Pass, Outcome::Error],
                vec![Decisions, Review, Decisions, Decisions, DeadLetter],
            ),
            (vec![Outcome::Error, Outcome::Error], vec![Decisions, Decisions, DeadLetter]),
        ];
        for (outcomes, destinations) in cases {
            let messages: Vec<Screened> =
                outcomes.iter().enumerate().map(|(k, o)| screened(*o, &format!("M-{k}"))).collect();
            let records = outputs(&input(), b"<original/>", &messages, Some(&with()), 1024);
            let got: Vec<Destination> = records.iter().map(|r| r.destination).collect();
            assert_eq!(got, destinations, "{outcomes:?}");
            for r in &records {
                assert_eq!(r.key.as_deref(), Some(&b"PAY-1"[..]), "{outcomes:?}: the input key is kept");
                assert_eq!(header_of(r, names::INPUT_TOPIC), [Some(&b"payments"[..])]);
                assert_eq!(header_of(r, names::INPUT_PARTITION), [Some(&b"3"[..])]);
                assert_eq!(header_of(r, names::INPUT_OFFSET), [Some(&b"41"[..])]);
                assert_eq!(header_of(r, names::INDEX_VERSION), [Some(&b"idx-0123456789abcdef"[..])]);
                assert_eq!(header_of(r, names::SCHEMA_VERSION), [Some(&b"1"[..])]);
                // The input's own headers come first, bytes untouched; a spoofed
                // interdict header is not copied.
                assert_eq!(r.headers[0].0, "traceparent");
                assert_eq!(header_of(r, "binary"), [Some(&[0xff, 0x00, 0xfe][..])]);
                assert_eq!(header_of(r, "empty"), [None]);
                assert_eq!(header_of(r, names::VERDICT).len(), 1, "one verdict header");
            }
            let decisions: Vec<DecisionRecord> = records
                .iter()
                .filter(|r| r.destination == Decisions)
                .map(|r| serde_json::from_slice(&r.payload).unwrap())
                .collect();
            assert_eq!(decisions.len(), outcomes.len());
            for (k, d) in decisions.iter().enumerate() {
                assert_eq!((d.message.message_index, d.message.messages_in_input), (k as u32, outcomes.len() as u32));
                assert_eq!(d.verdict, outcomes[k]);
            }
        }
    }

    #[test]
    fn payloads_carry_what_each_reader_needs() {
        let hold = outputs(&input(), b"<original/>", &[screened(Outcome::Hold, "M-1")], Some(&with()), 1024);
        let decision: DecisionRecord = serde_json::from_slice(&hold[0].payload).unwrap();
        assert_eq!(decision.verdict, Outcome::Hold);
        assert_eq!(decision.message.input, InputRef { topic: "payments".into(), partition: 3, offset: 41 });
        assert_eq!(decision.message.key.as_deref(), Some("PAY-1"));
        assert_eq!(decision.screen_us, 30.0);
        assert!(decision.latency_us >= 0.0);
        assert_eq!(decision.hits, 1);
        assert_eq!(decision.screened_with.as_ref(), Some(&with()));
        let review: ReviewRecord = serde_json::from_slice(&hold[1].payload).unwrap();
        assert_eq!(review.verdict.hits[0].entity_id.as_deref(), Some("ofac-sdn:43598"));
        assert_eq!(review.verdict.message_id.as_deref(), Some("M-1"));
        assert_eq!(review.payment.message_id, "M-1");
        assert_eq!(review.screened_with, with());
        assert_eq!(
            review.original,
            OriginalMessage { encoding: Encoding::Utf8, content: "<original/>".into(), length: 11, truncated: false }
        );

        let error = outputs(&input(), b"<original/>", &[screened(Outcome::Error, "")], None, 1024);
        assert_eq!(error[1].payload, b"<original/>", "the DLQ keeps the original bytes");
        assert_eq!(header_of(&error[1], names::ERROR_REASON), [Some(&b"byte 17: malformed XML"[..])]);
        assert_eq!(header_of(&error[1], names::ERROR_MESSAGES), [Some(&b"0"[..])]);
        let decision: DecisionRecord = serde_json::from_slice(&error[0].payload).unwrap();
        assert_eq!(decision.verdict, Outcome::Error);
        assert_eq!(decision.error.as_deref(), Some("byte 17: malformed XML"));
        assert_eq!(decision.error_kind.as_deref(), Some("malformed"));
        assert_eq!(decision.screened_with, None, "nothing screened, nothing named");
    }

    #[test]
    fn the_original_is_text_or_base64_and_flagged_when_cut() {
        let cases: &[(&[u8], usize, Encoding, &str, bool)] = &[
            (b"plain text", 100, Encoding::Utf8, "plain text", false),
            (b"plain text", 5, Encoding::Utf8, "plain", true),
            ("caf\u{e9} au lait".as_bytes(), 4, Encoding::Utf8, "caf", true),
            (b"\xff\xfe\x00bin", 100, Encoding::Base64, "//4AYmlu", false),
            (b"\xff\xfe\x00bin", 3, Encoding::Base64, "//4A", true),
        ];
        for (bytes, limit, encoding, content, truncated) in cases {
            let o = original_message(bytes, *limit);
            assert_eq!((o.encoding, o.content.as_str(), o.truncated), (*encoding, *content, *truncated), "{bytes:?}");
            assert_eq!(o.length, bytes.len() as u64);
        }
    }
}
