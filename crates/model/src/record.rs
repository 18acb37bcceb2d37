//! The records `interdict run` writes to Kafka, as their readers see them: one
//! [`DecisionRecord`] per message on the decisions topic, one [`ReviewRecord`] per held
//! message on the review topic, and the input record itself, untouched, on the
//! dead-letter topic with the `interdict-*` headers below. The writer (the service)
//! and every reader (the load generator, the demo, the review service) use these types;
//! `docs/schemas/` publishes them as JSON Schema, and each record names its
//! [`SCHEMA_VERSION`].
//!
//! A decision names what it was screened against ([`ScreenedWith`]): a regulator's
//! "which list version cleared this payment on 3 March" is answered by the record alone.

use serde::{Deserialize, Serialize};

use crate::{Outcome, Payment, Verdict};

/// The version of the record shapes below. It goes up when a field is removed or
/// changes meaning; adding an optional field keeps it.
pub const SCHEMA_VERSION: u32 = 1;

/// Header names the service writes on every output record, after the input record's
/// own headers (which are copied first, unless they use one of these names).
pub mod headers {
    pub const INPUT_TOPIC: &str = "interdict-input-topic";
    pub const INPUT_PARTITION: &str = "interdict-input-partition";
    pub const INPUT_OFFSET: &str = "interdict-input-offset";
    pub const INDEX_VERSION: &str = "interdict-index-version";
    pub const VERDICT: &str = "interdict-verdict";
    pub const SCHEMA_VERSION: &str = "interdict-schema-version";
    /// On decision and review records of an input holding several messages: which one
    /// (0-based) and how many.
    pub const MESSAGE_INDEX: &str = "interdict-message-index";
    pub const MESSAGES_IN_INPUT: &str = "interdict-messages-in-input";
    /// Dead letters: the first error's kind and reason, and the 0-based indexes of the
    /// messages of the input that are errors (comma-separated).
    pub const ERROR_KIND: &str = "interdict-error-kind";
    pub const ERROR_REASON: &str = "interdict-error-reason";
    pub const ERROR_MESSAGES: &str = "interdict-error-messages";

    /// Every name above: an input header with one of these names is not copied, so no
    /// output carries a second, spoofed value.
    pub const RESERVED: [&str; 11] = [
        INPUT_TOPIC,
        INPUT_PARTITION,
        INPUT_OFFSET,
        INDEX_VERSION,
        VERDICT,
        SCHEMA_VERSION,
        MESSAGE_INDEX,
        MESSAGES_IN_INPUT,
        ERROR_KIND,
        ERROR_REASON,
        ERROR_MESSAGES,
    ];
}

/// Where an input record was read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct InputRef {
    pub topic: String,
    pub partition: i32,
    pub offset: i64,
}

/// One list source of the index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListVersion {
    /// The source kind (`ofac-csv`, `un-xml`...).
    pub kind: String,
    /// The lists it holds (`ofac-sdn`, `un`...).
    pub lists: Vec<String>,
    /// The list's publish date, when its files carry one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    pub entities: u64,
}

/// The accepted-false-positive list in use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoodGuysVersion {
    /// SHA-256 of the file as read (of nothing, when no list is configured).
    pub sha256: String,
    pub entries: u64,
}

/// Everything a decision depends on besides the message: the index and its lists, the
/// embargo policy, the good-guy list, the threshold and the engine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreenedWith {
    /// `idx-<checksum>`: the index file.
    pub index_version: String,
    /// When the index was built (RFC 3339).
    pub index_built: String,
    pub lists: Vec<ListVersion>,
    /// SHA-256 of the embargo policy's text (the shipped default, or the file given).
    pub policy_sha256: String,
    pub good_guys: GoodGuysVersion,
    /// The name alert threshold.
    pub threshold: f64,
    /// `interdict <version>`.
    pub engine: String,
}

/// Which message of which input record an output record is about. Decision and review
/// records both carry it, flattened: its fields stand at the top of their JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageRef {
    pub input: InputRef,
    /// The input record's key, as text (invalid UTF-8 replaced); the output record's key
    /// is the input's key, byte for byte.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Which message of the input (0-based), and how many it holds.
    pub message_index: u32,
    pub messages_in_input: u32,
}

/// The decision about one message of an input record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionRecord {
    pub schema_version: u32,
    #[serde(flatten)]
    pub message: MessageRef,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
    pub verdict: Outcome,
    /// `idx-<checksum>`, or `none` when no usable index was loaded.
    pub index_version: String,
    /// What the message was screened against; absent when it was not screened (no
    /// usable index).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub screened_with: Option<ScreenedWith>,
    /// Microseconds from reading the input record to handing this record to the
    /// producer (queueing, parsing and screening included).
    pub latency_us: f64,
    /// Microseconds spent parsing and screening this message.
    pub screen_us: f64,
    /// Hits left, and hits an accepted false positive suppressed.
    pub hits: usize,
    pub suppressed: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// How the original message is carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Encoding {
    /// The bytes are UTF-8: `content` is the text.
    Utf8,
    /// `content` is standard base64 with padding.
    Base64,
}

/// The input record's bytes, as an analyst needs them without going back to the input
/// topic: whole up to a size limit, else cut, and then flagged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OriginalMessage {
    pub encoding: Encoding,
    pub content: String,
    /// The length of the whole input record, in bytes.
    pub length: u64,
    /// Whether `content` holds less than the whole record.
    pub truncated: bool,
}

/// A held message, with everything an analyst needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewRecord {
    pub schema_version: u32,
    #[serde(flatten)]
    pub message: MessageRef,
    pub screened_with: ScreenedWith,
    /// The verdict: message id, format, hits with their explanations, suppressed hits.
    #[serde(flatten)]
    pub verdict: Verdict,
    /// The message as parsed: ids, amounts, dates, every party with its field paths.
    pub payment: Payment,
    /// The input record's bytes.
    pub original: OriginalMessage,
}
