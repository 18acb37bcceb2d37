//! What every case store does ([`CaseStore`]), and the parts of it that do not depend
//! on the database: time stamps, audit events, good-guy entries.
//!
//! Each store runs every change in one transaction that holds the store's write lock
//! from its first read (SQLite `BEGIN IMMEDIATE`; PostgreSQL a transaction-scoped
//! advisory lock), so the four-eyes rules ([`Rules::apply`]) always see the case as it
//! is, two reviewers acting at once are served one after the other, and the audit chain
//! is appended in order, even across several service instances on one PostgreSQL.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use interdict_model::record::ReviewRecord;
use interdict_screen::GoodGuyEntry;

use crate::audit::{self, AuditEntry, AuditEvent, Verification};
use crate::case::{Case, CaseId, Decision, State};
use crate::due::DuePolicy;
use crate::outcome::PendingOutcome;
use crate::workflow::{Action, Actor, Rules};
use crate::{CaseSummary, Error, Ingested, StoreMetrics};

/// A case store: cases, their audit chain, pending outcomes and approved good-guy
/// entries.
pub trait CaseStore: Send + Sync {
    /// Stores each record as a new open case unless its case exists already (a replayed
    /// record), all in one transaction. Durable when this returns: the caller may then
    /// commit the records' offsets.
    fn ingest_batch(
        &self,
        records: Vec<ReviewRecord>,
        due: &DuePolicy,
        now: DateTime<Utc>,
    ) -> Result<Vec<Ingested>, Error>;

    /// [`CaseStore::ingest_batch`] for one record.
    fn ingest(&self, record: ReviewRecord, due: &DuePolicy, now: DateTime<Utc>) -> Result<Ingested, Error> {
        Ok(self.ingest_batch(vec![record], due, now)?.remove(0))
    }

    /// One case.
    fn get(&self, id: &CaseId) -> Result<Case, Error>;

    /// Cases in `state` (every state when `None`), oldest first, at most `limit`, after
    /// the case `after` (for paging).
    fn list(&self, state: Option<State>, limit: usize, after: Option<&CaseId>) -> Result<Vec<CaseSummary>, Error>;

    /// Does `action` as `actor` on case `id` under `rules`, and audits it, refused or
    /// not. A decision stores its outcome (and an approved good-guy entry) in the same
    /// transaction.
    fn act(
        &self,
        id: &CaseId,
        actor: &Actor,
        action: &Action,
        rules: &Rules,
        now: DateTime<Utc>,
        from: Option<&str>,
    ) -> Result<Case, Error>;

    /// Cases decided `decision` at or after `from` and before `to` (RFC 3339 or
    /// `YYYY-MM-DD`), oldest decision first.
    fn decided(&self, decision: Decision, from: &str, to: &str) -> Result<Vec<Case>, Error>;

    /// Escalates and flags every undecided case past its due time; returns their ids.
    fn mark_overdue(&self, rules: &Rules, now: DateTime<Utc>) -> Result<Vec<CaseId>, Error>;

    /// Outcomes decided and not yet acknowledged by the broker, oldest first.
    fn pending_outcomes(&self, limit: usize) -> Result<Vec<PendingOutcome>, Error>;

    /// Records that the broker acknowledged the outcome of case `id`.
    fn mark_published(&self, id: &CaseId, now: DateTime<Utc>) -> Result<(), Error>;

    /// The figures `/metrics` reports, read from the store (so they hold across
    /// restarts and for several instances on one store).
    fn metrics(&self, now: DateTime<Utc>) -> Result<StoreMetrics, Error>;

    /// Every accepted false positive approved with a release, oldest first.
    fn good_guys(&self) -> Result<Vec<GoodGuyEntry>, Error>;

    /// Audits something that is not an action on a case (a refused login).
    fn audit_event(&self, event: AuditEvent) -> Result<AuditEntry, Error>;

    /// Audit entries after `after_seq`, in order, at most `limit`.
    fn audit(&self, after_seq: i64, limit: usize) -> Result<Vec<AuditEntry>, Error>;

    /// Recomputes the whole audit chain.
    fn verify_audit(&self) -> Result<Verification, Error> {
        const PAGE: usize = 10_000;
        let mut entries = Vec::new();
        let mut after = 0;
        loop {
            let page = self.audit(after, PAGE)?;
            let Some(last) = page.last() else { break };
            after = last.seq;
            let full = page.len() == PAGE;
            entries.extend(page);
            if !full {
                break;
            }
        }
        Ok(audit::verify(entries))
    }
}

/// Opens the store `db` names: `sqlite:PATH` or `postgres://...`.
pub fn open(db: &str) -> Result<Arc<dyn CaseStore>, Error> {
    if let Some(path) = db.strip_prefix("sqlite:").filter(|p| !p.is_empty()) {
        return Ok(Arc::new(crate::SqliteStore::open(std::path::Path::new(path))?));
    }
    if db.starts_with("postgres://") || db.starts_with("postgresql://") {
        return Ok(Arc::new(crate::PgStore::connect(db)?));
    }
    Err(Error::Config(format!("{db}: expected sqlite:PATH or postgres://USER@HOST:PORT/DATABASE")))
}

/// The audit event of a new case.
pub(crate) fn ingest_event(case: &Case, now: DateTime<Utc>) -> AuditEvent {
    AuditEvent {
        at: now,
        actor: "system".into(),
        action: "ingest".into(),
        case_id: Some(case.id.to_string()),
        accepted: true,
        detail: format!(
            "held message {} from {}/{}/{}, due {}",
            case.record.verdict.message_id.as_deref().unwrap_or("(no id)"),
            case.record.message.input.topic,
            case.record.message.input.partition,
            case.record.message.input.offset,
            time(case.due_at)
        ),
        from: None,
    }
}

/// The audit event of a case found past due.
pub(crate) fn overdue_event(case: &Case, now: DateTime<Utc>) -> AuditEvent {
    AuditEvent {
        at: now,
        actor: "system".into(),
        action: "overdue".into(),
        case_id: Some(case.id.to_string()),
        accepted: true,
        detail: format!("undecided at its due time {}: escalated to the supervisors", time(case.due_at)),
        from: None,
    }
}

pub(crate) fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

pub(crate) fn parse_time(text: &str) -> Result<DateTime<Utc>, Error> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| Error::Corrupt(format!("time {text:?}: {e}")))
}

pub(crate) fn audit_event(
    now: DateTime<Utc>,
    actor: &Actor,
    action: &Action,
    case: Option<&CaseId>,
    accepted: bool,
    detail: String,
    from: Option<&str>,
) -> AuditEvent {
    AuditEvent {
        at: now,
        actor: actor.user.clone(),
        action: action.name().to_string(),
        case_id: case.map(|c| c.to_string()),
        accepted,
        detail,
        from: from.map(str::to_string),
    }
}

/// What an accepted action's audit entry says.
pub(crate) fn reason_of(action: &Action) -> String {
    match action {
        Action::Claim => String::new(),
        Action::Propose { decision, reason, good_guy } => match good_guy {
            Some(g) => format!(
                "{}: {reason} (with an accepted false positive: {:?} is not {}, until {})",
                decision.as_str(),
                g.party_name,
                g.entity_id,
                g.expires
            ),
            None => format!("{}: {reason}", decision.as_str()),
        },
        Action::Approve { reason } | Action::SendBack { reason } | Action::Escalate { reason } => reason.clone(),
    }
}

/// The good-guy entry a decided release approves, as the screening service reads it.
pub(crate) fn approved_good_guy(case: &Case) -> Option<GoodGuyEntry> {
    let decided = case.decided.as_ref()?;
    let proposal = decided.good_guy.as_ref()?;
    Some(GoodGuyEntry {
        entity_id: proposal.entity_id.clone(),
        party_name: Some(proposal.party_name.clone()),
        account: proposal.account.clone(),
        reason: format!("{} (case {})", decided.reason, case.id),
        approved_by: format!("{} (proposed by {})", decided.approved_by, decided.proposed_by),
        expires: Some(proposal.expires.clone()),
    })
}
