//! The decision about one payment message, with its explained hits.

use serde::{Deserialize, Serialize};

use crate::{Located, MessageFormat};

/// The outcome of screening one message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Outcome {
    /// Nothing alerted: the payment may proceed.
    Pass,
    /// At least one hit: the payment waits for a compliance analyst.
    Hold,
    /// The message could not be parsed or screened. Never treated as pass.
    Error,
}

impl Outcome {
    /// The outcome as records write it: `pass`, `hold`, `error`.
    pub fn as_str(&self) -> &'static str {
        self.into()
    }

    /// The outcome of several messages taken together (an input of several payments, a
    /// run over several files): an error if any could not be screened, else a hold if
    /// any is held, else a pass. Nothing passes unless every message passed; an input
    /// with an error goes to the dead-letter topic whole, to be replayed whole.
    pub fn combined(outcomes: impl IntoIterator<Item = Outcome>) -> Outcome {
        outcomes.into_iter().fold(Outcome::Pass, |worst, o| match (worst, o) {
            (Outcome::Error, _) | (_, Outcome::Error) => Outcome::Error,
            (Outcome::Hold, _) | (_, Outcome::Hold) => Outcome::Hold,
            _ => Outcome::Pass,
        })
    }
}

/// What a hit matched on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum HitKind {
    /// A party name against a listed name.
    Name,
    /// A country or region under embargo (address, BIC or IBAN country).
    Country,
    /// A BIC listed on a sanctions list.
    Bic,
    /// A listed name found inside free text.
    Text,
    /// A listed vessel (name in text with a vessel marker, or its IMO number).
    Vessel,
    /// A listed identifier (passport, IMO, registration number...).
    Id,
    /// A name disguised to slip past screening: letters of two scripts in one word,
    /// bidirectional control characters. Held on its own, whatever the name matches.
    Disguise,
}

impl HitKind {
    /// The kind as records write it: `name`, `country`, `bic`...
    pub fn as_str(&self) -> &'static str {
        self.into()
    }
}

/// One reason to hold a payment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub kind: HitKind,
    /// The listed entity, for list hits; `None` for embargo (country) hits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<String>,
    /// The listed name (primary name of the entity), or the embargoed country or region.
    pub listed_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub programs: Vec<String>,
    pub score: f64,
    /// Where in the message: the field path.
    pub field_path: String,
    /// What the message said there.
    pub matched_text: String,
    /// Index of the transaction in the message, when the hit is in one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction: Option<usize>,
    /// Why, for an analyst.
    pub explanation: String,
}

impl Hit {
    /// A hit of full score on the value `at` (its field path and text) of transaction
    /// `transaction`, against `listed_name`, naming no listed entity, source or program:
    /// the caller adds those a list hit has.
    pub fn at(
        kind: HitKind,
        at: &Located,
        transaction: Option<usize>,
        listed_name: impl Into<String>,
        explanation: String,
    ) -> Hit {
        Hit {
            kind,
            entity_id: None,
            listed_name: listed_name.into(),
            source: None,
            programs: Vec::new(),
            score: 1.0,
            field_path: at.path.clone(),
            matched_text: at.value.clone(),
            transaction,
            explanation,
        }
    }
}

/// A hit that a good-guy entry (an accepted false positive) suppressed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuppressedHit {
    pub hit: Hit,
    /// The good-guy entry's reason and approver.
    pub reason: String,
}

/// Why a message is an error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerdictError {
    /// `unknown_format`, `encoding`, `too_large`, `malformed`, `unsupported`, `invalid`,
    /// `no_index`...
    pub kind: String,
    /// Byte offset in the input, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    pub reason: String,
}

/// Time spent, in microseconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Timings {
    pub parse_us: f64,
    pub screen_us: f64,
}

/// The decision about one message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// The message id, when the message could be read that far.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<MessageFormat>,
    pub verdict: Outcome,
    /// The index version that produced the decision (`idx-<checksum>`).
    pub index_version: String,
    pub timings: Timings,
    pub hits: Vec<Hit>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<SuppressedHit>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<VerdictError>,
}

impl Verdict {
    /// The verdict for a message that was not screened (no usable index, an internal
    /// failure): an error, never a pass. `kind` is `no_index`, `stale_index` or
    /// `internal`; the index version reads `none`.
    pub fn not_screened(kind: &str, reason: impl Into<String>) -> Verdict {
        Verdict {
            message_id: None,
            format: None,
            verdict: Outcome::Error,
            index_version: "none".into(),
            timings: Timings::default(),
            hits: Vec::new(),
            suppressed: Vec::new(),
            error: Some(VerdictError { kind: kind.to_string(), offset: None, line: None, reason: reason.into() }),
        }
    }

    /// Fail closed: no valid index is loaded, so nothing can be screened.
    pub fn no_index() -> Verdict {
        Verdict::not_screened("no_index", "no valid index is loaded: the message was not screened (fail closed)")
    }

    /// Fail closed: the index in use was built longer ago than the maximum age allows.
    pub fn stale_index(index_version: &str, max_age: std::time::Duration) -> Verdict {
        Verdict::not_screened(
            "stale_index",
            format!(
                "index {index_version} is older than the maximum age of {} s: the message was not screened (fail closed)",
                max_age.as_secs()
            ),
        )
    }

    /// Screening itself failed (a bug, a panic caught at the boundary): never a pass.
    pub fn internal(reason: impl std::fmt::Display) -> Verdict {
        Verdict::not_screened("internal", format!("screening failed: {reason}"))
    }

    /// The verdict for people, as `interdict screen` prints it: the outcome, the input
    /// it came from, the message id, format and index version; then the error, or each
    /// hit (score, kind, entity, listed name, where, what) with its explanation, and
    /// each suppressed hit with the good-guy entry's reason.
    pub fn to_text(&self, input: &str) -> String {
        let mut text = format!(
            "{:<5} {input} {} ({}, {})\n",
            self.verdict.as_str().to_uppercase(),
            self.message_id.as_deref().unwrap_or("-"),
            self.format.map(|f| f.as_str()).unwrap_or("?"),
            self.index_version
        );
        if let Some(e) = &self.error {
            text += &format!("      {}: {}\n", e.kind, e.reason);
        }
        for h in &self.hits {
            text += &format!(
                "      {:.2} {:<7} {} {} at {}: {:?}\n           {}\n",
                h.score,
                h.kind.as_str(),
                h.entity_id.as_deref().unwrap_or("-"),
                h.listed_name,
                h.field_path,
                h.matched_text,
                h.explanation
            );
        }
        for s in &self.suppressed {
            let entity = s.hit.entity_id.as_deref().unwrap_or("-");
            text += &format!("      suppressed {entity} at {}: {}\n", s.hit.field_path, s.reason);
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_not_screened_is_an_error_never_a_pass() {
        for kind in ["no_index", "stale_index", "internal"] {
            let v = Verdict::not_screened(kind, "why");
            assert_eq!(v.verdict, Outcome::Error);
            assert_eq!(v.index_version, "none");
            let e = v.error.unwrap();
            assert_eq!((e.kind.as_str(), e.reason.as_str()), (kind, "why"));
        }
    }

    #[test]
    fn outcomes_and_hit_kinds_read_as_records_write_them() {
        for outcome in [Outcome::Pass, Outcome::Hold, Outcome::Error] {
            assert_eq!(serde_json::to_string(&outcome).unwrap(), format!("\"{}\"", outcome.as_str()));
        }
        use HitKind::*;
        for kind in [Name, Country, Bic, Text, Vessel, Id, Disguise] {
            assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{}\"", kind.as_str()));
        }
    }

    #[test]
    fn a_verdict_reads_as_text_with_its_hits_and_why() {
        // An embargo hit names no entity; a suppressed name hit keeps its entity.
        let at = Located::new("/Cdtr/PstlAdr/Ctry", "IR");
        let why = "creditor country IR is under embargo (policy)";
        let embargo = Hit::at(HitKind::Country, &at, None, "IR", why.into());
        let bank = Hit { kind: HitKind::Bic, entity_id: Some("ofac-sdn:306".into()), ..embargo.clone() };
        let held = Verdict {
            message_id: Some("M1".into()),
            format: Some(MessageFormat::Pacs008),
            verdict: Outcome::Hold,
            index_version: "idx-1".into(),
            timings: Timings::default(),
            hits: vec![embargo],
            suppressed: vec![SuppressedHit { hit: bank, reason: "our correspondent".into() }],
            error: None,
        };
        assert_eq!(
            held.to_text("a.xml"),
            "HOLD  a.xml M1 (pacs.008, idx-1)\n      \
             1.00 country - IR at /Cdtr/PstlAdr/Ctry: \"IR\"\n           \
             creditor country IR is under embargo (policy)\n      \
             suppressed ofac-sdn:306 at /Cdtr/PstlAdr/Ctry: our correspondent\n"
        );
        assert_eq!(
            Verdict::no_index().to_text("-"),
            "ERROR - - (?, none)\n      no_index: no valid index is loaded: the message was not screened (fail closed)\n"
        );
    }

    #[test]
    fn several_outcomes_combine_to_the_worst() {
        use Outcome::*;
        let cases: &[(&[Outcome], Outcome)] = &[
            (&[], Pass),
            (&[Pass, Pass], Pass),
            (&[Pass, Hold, Pass], Hold),
            (&[Hold, Error], Error),
            (&[Error, Pass], Error),
            (&[Pass, Hold, Error, Hold], Error),
        ];
        for (outcomes, expected) in cases {
            assert_eq!(Outcome::combined(outcomes.iter().copied()), *expected, "{outcomes:?}");
        }
    }

    #[test]
    fn the_fail_closed_verdicts_say_why() {
        let stale = Verdict::stale_index("idx-1", std::time::Duration::from_secs(86_400));
        let cases = [
            (Verdict::no_index(), "no_index", "no valid index"),
            (stale, "stale_index", "idx-1 is older than the maximum age of 86400 s"),
            (Verdict::internal("a worker panicked"), "internal", "screening failed: a worker panicked"),
        ];
        for (verdict, kind, reason) in cases {
            assert_eq!(verdict.verdict, Outcome::Error);
            let error = verdict.error.unwrap();
            assert_eq!(error.kind, kind);
            assert!(error.reason.contains(reason), "{}", error.reason);
        }
    }
}
