//! The outcome record: a decided case, as it goes back to the payment flow.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use interdict_model::record::{InputRef, ScreenedWith};

use crate::case::{Case, CaseId, Decision};

/// The version of the outcome record's schema (docs/schemas/outcome.schema.json).
pub const OUTCOME_SCHEMA_VERSION: u32 = 1;

/// What was decided about one held payment, keyed on the outcomes topic by the original
/// payment's key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutcomeRecord {
    pub schema_version: u32,
    pub case_id: CaseId,
    pub decision: Decision,
    /// The proposer's reason.
    pub reason: String,
    pub proposed_by: String,
    pub approved_by: String,
    pub decided_at: DateTime<Utc>,
    /// Where the held payment was read.
    pub input: InputRef,
    /// Which message of that input record.
    pub message_index: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
    pub screened_with: ScreenedWith,
}

impl OutcomeRecord {
    /// The outcome of a decided case; `None` while it is undecided.
    pub fn of(case: &Case) -> Option<OutcomeRecord> {
        let decided = case.decided.as_ref()?;
        Some(OutcomeRecord {
            schema_version: OUTCOME_SCHEMA_VERSION,
            case_id: case.id.clone(),
            decision: decided.decision,
            reason: decided.reason.clone(),
            proposed_by: decided.proposed_by.clone(),
            approved_by: decided.approved_by.clone(),
            decided_at: decided.at,
            input: case.record.message.input.clone(),
            message_index: case.record.message.message_index,
            message_id: case.record.verdict.message_id.clone(),
            screened_with: case.record.screened_with.clone(),
        })
    }
}

/// An outcome stored with its decision and not yet acknowledged by the broker.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingOutcome {
    pub case_id: CaseId,
    /// The original payment's key, to key the outcome record with.
    pub key: Option<String>,
    pub outcome: OutcomeRecord,
}
