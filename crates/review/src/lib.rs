//! Review of held payments: each held message becomes a case; two people decide it;
//! the decision goes back to the payment flow.
//!
//! - A [`Case`] is one held message ([`ReviewRecord`]) with its state, its queue, its
//!   due time and what the analysts said. Its [`CaseId`] is derived from where the
//!   payment was read, so a replay never makes two cases for one payment.
//! - [`Rules::apply`] holds every four-eyes rule: a case is claimed by one analyst, a
//!   decision (`release`, `reject`, `block`) is proposed with a reason and decided only
//!   when a *second* user approves it; a `block` needs a supervisor; nobody edits a
//!   decided case; an escalated case is the supervisors'. A case past its due time is
//!   escalated and flagged, never released.
//! - [`SqliteStore`] keeps cases, the hash-chained audit log ([`audit`]) and the outbox
//!   of decided outcomes ([`OutcomeRecord`]) in one SQLite file; a decision and its
//!   pending outcome are written in one transaction.
//!
//! What this crate is not for: screening (see `interdict-screen`) or reading the review
//! topic (the service that consumes it builds on this crate).
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use interdict_review::{Action, Actor, Case, Decision, Role, Rules, State};
//! # let record: interdict_model::record::ReviewRecord = serde_json::from_str(include_str!("../tests/data/review-record.json")).unwrap();
//! let now = Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap();
//! let mut case = Case::open(record, now, now + chrono::Duration::hours(4));
//! let rules = Rules::default();
//! let ana = Actor { user: "ana".into(), role: Role::Analyst };
//! let ben = Actor { user: "ben".into(), role: Role::Analyst };
//! let propose = Action::Propose { decision: Decision::Release, reason: "different birth date".into(), good_guy: None };
//! rules.apply(&mut case, &ana, &Action::Claim, now).unwrap();
//! rules.apply(&mut case, &ana, &propose, now).unwrap();
//! // The proposer cannot approve their own proposal; a second analyst can.
//! let approve = Action::Approve { reason: "agreed".into() };
//! assert!(rules.apply(&mut case, &ana, &approve, now).is_err());
//! rules.apply(&mut case, &ben, &approve, now).unwrap();
//! assert_eq!(case.state, State::Decided);
//! ```

pub mod api;
pub mod audit;
pub mod blocked;
mod case;
#[cfg(feature = "cli")]
pub mod cli;
pub mod config;
pub mod demo;
mod due;
mod good_guys;
mod outcome;
pub mod pacs002;
mod pg;
pub mod service;
mod sqlite;
pub mod store;
pub mod users;
mod workflow;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use audit::{AuditEntry, AuditEvent, Verification};
pub use case::{Case, CaseId, Decided, Decision, GoodGuyProposal, Proposal, Queue, State};
pub use config::ReviewConfig;
pub use due::{DuePolicy, DueRule};
pub use good_guys::write_good_guy_file;
pub use interdict_model::record::ReviewRecord;
pub use outcome::{OutcomeRecord, PendingOutcome, OUTCOME_SCHEMA_VERSION};
pub use pg::PgStore;
pub use sqlite::SqliteStore;
pub use store::CaseStore;
pub use users::{User, Users, UsersError};
pub use workflow::{Action, Actor, Refusal, Role, Rules};

/// The one error type of this crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no case {0}")]
    NotFound(CaseId),
    /// The workflow refused the action; it is audited as refused.
    #[error("refused: {0}")]
    Refused(Refusal),
    /// The case changed between reading and writing it.
    #[error("case {0} changed meanwhile; read it again")]
    Conflict(CaseId),
    #[error("database: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("database: {0}")]
    Postgres(#[from] ::postgres::Error),
    /// The store named cannot be opened as configured.
    #[error("case store: {0}")]
    Config(String),
    /// The good-guy file could not be written.
    #[error("good-guy file {0}")]
    GoodGuys(String),
    /// A stored value does not read back.
    #[error("stored data does not read back: {0}")]
    Corrupt(String),
}

/// What ingesting a review record did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ingested {
    pub case_id: CaseId,
    /// False when the case existed already (a replayed record).
    pub new: bool,
}

/// A case as a queue lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub id: CaseId,
    pub state: State,
    pub queue: Queue,
    pub overdue: bool,
    pub due_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    pub hits: usize,
}

/// What the case store says about the queue, for `/metrics`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoreMetrics {
    /// Cases per state.
    pub by_state: Vec<(String, u64)>,
    /// Decided cases per decision.
    pub decisions: Vec<(String, u64)>,
    /// Undecided cases past their due time.
    pub overdue: u64,
    /// Age of the oldest undecided case (0 when none).
    pub oldest_undecided_seconds: f64,
    /// Decided outcomes the broker has not acknowledged yet.
    pub outcomes_pending: u64,
    /// From the hold (the case's creation) to the decision, per decided case.
    pub decision_seconds: Vec<f64>,
}

impl StoreMetrics {
    /// Upper bounds of the hold-to-decision histogram, in seconds.
    pub const DECISION_BUCKETS: [f64; 8] = [60.0, 300.0, 900.0, 1800.0, 3600.0, 14_400.0, 28_800.0, 86_400.0];

    /// Prometheus text exposition.
    pub fn render(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        out.push_str("# HELP interdict_review_cases Cases by state.\n# TYPE interdict_review_cases gauge\n");
        for state in ["open", "claimed", "proposed", "decided"] {
            let n = self.by_state.iter().find(|(s, _)| s == state).map_or(0, |(_, n)| *n);
            let _ = writeln!(out, "interdict_review_cases{{state=\"{state}\"}} {n}");
        }
        out.push_str("# HELP interdict_review_cases_overdue Undecided cases past their due time.\n# TYPE interdict_review_cases_overdue gauge\n");
        let _ = writeln!(out, "interdict_review_cases_overdue {}", self.overdue);
        out.push_str("# HELP interdict_review_oldest_undecided_seconds Age of the oldest undecided case.\n# TYPE interdict_review_oldest_undecided_seconds gauge\n");
        let _ = writeln!(out, "interdict_review_oldest_undecided_seconds {:.3}", self.oldest_undecided_seconds);
        out.push_str("# HELP interdict_review_outcomes_pending Decided outcomes not yet acknowledged by the broker.\n# TYPE interdict_review_outcomes_pending gauge\n");
        let _ = writeln!(out, "interdict_review_outcomes_pending {}", self.outcomes_pending);
        out.push_str("# HELP interdict_review_decisions_total Decided cases by decision.\n# TYPE interdict_review_decisions_total counter\n");
        for decision in ["release", "reject", "block"] {
            let n = self.decisions.iter().find(|(d, _)| d == decision).map_or(0, |(_, n)| *n);
            let _ = writeln!(out, "interdict_review_decisions_total{{decision=\"{decision}\"}} {n}");
        }
        out.push_str("# HELP interdict_review_decision_seconds Time from the hold to the decision.\n# TYPE interdict_review_decision_seconds histogram\n");
        for bound in Self::DECISION_BUCKETS {
            let n = self.decision_seconds.iter().filter(|s| **s <= bound).count();
            let _ = writeln!(out, "interdict_review_decision_seconds_bucket{{le=\"{bound}\"}} {n}");
        }
        let _ =
            writeln!(out, "interdict_review_decision_seconds_bucket{{le=\"+Inf\"}} {}", self.decision_seconds.len());
        let _ = writeln!(out, "interdict_review_decision_seconds_sum {:.3}", self.decision_seconds.iter().sum::<f64>());
        let _ = writeln!(out, "interdict_review_decision_seconds_count {}", self.decision_seconds.len());
        out
    }
}
