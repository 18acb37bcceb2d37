//! The audit log: every action on a case, refused ones included, in a hash chain.
//!
//! Each entry carries the hash of the one before it, and its own hash covers its fields
//! and that link. Editing, removing or reordering a stored entry breaks the chain at that
//! entry, and [`verify`] says where.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The hash the first entry links to.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One audited action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// 1, 2, 3...: the entry's place in the chain.
    pub seq: i64,
    pub at: DateTime<Utc>,
    /// Who acted (`system` for the service itself).
    pub actor: String,
    /// `claim`, `propose`, `approve`, `send-back`, `escalate`, `ingest`, `overdue`, `login`...
    pub action: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_id: Option<String>,
    /// Whether the action was carried out.
    pub accepted: bool,
    /// The reason given, or why the action was refused.
    pub detail: String,
    /// Where the request came from (an address), when it came over the network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// The hash of the entry before (GENESIS for the first).
    pub prev_hash: String,
    /// SHA-256 over this entry's fields and `prev_hash`, lower-case hex.
    pub hash: String,
}

/// An action to audit, before it is chained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub case_id: Option<String>,
    pub accepted: bool,
    pub detail: String,
    pub from: Option<String>,
}

impl AuditEvent {
    /// The entry this event becomes after `prev` (the chain's last hash) at `seq`.
    pub fn chain(self, seq: i64, prev: &str) -> AuditEntry {
        let mut entry = AuditEntry {
            seq,
            at: self.at,
            actor: self.actor,
            action: self.action,
            case_id: self.case_id,
            accepted: self.accepted,
            detail: self.detail,
            from: self.from,
            prev_hash: prev.to_string(),
            hash: String::new(),
        };
        entry.hash = entry.computed_hash();
        entry
    }
}

impl AuditEntry {
    /// The hash the entry's fields give. Each field is written with its length, so no two
    /// different entries write the same bytes.
    pub fn computed_hash(&self) -> String {
        use sha2::Digest;
        let mut hash = sha2::Sha256::new();
        let at = self.at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        let fields: [&str; 8] = [
            &self.prev_hash,
            &at,
            &self.actor,
            &self.action,
            self.case_id.as_deref().unwrap_or(""),
            if self.accepted { "accepted" } else { "refused" },
            &self.detail,
            self.from.as_deref().unwrap_or(""),
        ];
        hash.update(self.seq.to_be_bytes());
        for field in fields {
            hash.update((field.len() as u64).to_be_bytes());
            hash.update(field.as_bytes());
        }
        hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// Where a chain breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Break {
    /// The first entry that does not hold.
    pub seq: i64,
    pub reason: String,
}

/// What [`verify`] found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    /// Entries checked.
    pub entries: u64,
    /// The first break, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub broken: Option<Break>,
}

/// Recomputes the chain over `entries` (in stored order) and says where it first breaks.
pub fn verify(entries: impl IntoIterator<Item = AuditEntry>) -> Verification {
    let mut prev = GENESIS.to_string();
    let mut checked = 0;
    for (expected_seq, entry) in (1..).zip(entries) {
        checked += 1;
        let reason = if entry.seq != expected_seq {
            Some(format!("entry {} found where entry {expected_seq} belongs (removed or reordered)", entry.seq))
        } else if entry.prev_hash != prev {
            Some("its link does not match the hash of the entry before".to_string())
        } else if entry.computed_hash() != entry.hash {
            Some("its fields do not give its hash (edited after it was written)".to_string())
        } else {
            None
        };
        if let Some(reason) = reason {
            return Verification { entries: checked, broken: Some(Break { seq: entry.seq, reason }) };
        }
        prev = entry.hash;
    }
    Verification { entries: checked, broken: None }
}
