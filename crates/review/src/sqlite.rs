//! Cases in SQLite: the embedded store, nothing to install.
//!
//! Every change runs in one `BEGIN IMMEDIATE` transaction: the case as it becomes, its
//! audit entry and, for a decision, its pending outcome are written together or not at
//! all. `IMMEDIATE` takes the write lock before reading, so two reviewers acting on one
//! case at once are served one after the other, and the second sees what the first did.

use std::path::Path;
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use interdict_model::record::ReviewRecord;
use interdict_screen::GoodGuyEntry;

use crate::audit::{AuditEntry, AuditEvent, GENESIS};
use crate::case::{Case, CaseId, Decision, Queue, State};
use crate::due::DuePolicy;
use crate::outcome::{OutcomeRecord, PendingOutcome};
use crate::store::{
    approved_good_guy, audit_event, ingest_event, overdue_event, parse_time, reason_of, time, CaseStore,
};
use crate::workflow::{Action, Actor, Rules};
use crate::{CaseSummary, Error, Ingested, StoreMetrics};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS cases (
    id TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    queue TEXT NOT NULL,
    overdue INTEGER NOT NULL,
    due_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    message_id TEXT,
    format TEXT,
    hits INTEGER NOT NULL,
    version INTEGER NOT NULL,
    decision TEXT,
    decided_at TEXT,
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS cases_by_state ON cases (state, created_at, id);
CREATE INDEX IF NOT EXISTS cases_by_age ON cases (created_at, id);
CREATE INDEX IF NOT EXISTS cases_by_due ON cases (due_at) WHERE state <> 'decided';
CREATE TABLE IF NOT EXISTS outbox (
    case_id TEXT PRIMARY KEY,
    key TEXT,
    outcome TEXT NOT NULL,
    created_at TEXT NOT NULL,
    published_at TEXT
);
CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (created_at) WHERE published_at IS NULL;
CREATE TABLE IF NOT EXISTS good_guys (
    case_id TEXT PRIMARY KEY,
    entry TEXT NOT NULL,
    approved_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    case_id TEXT,
    accepted INTEGER NOT NULL,
    detail TEXT NOT NULL,
    from_addr TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
";

/// A case store in one SQLite file.
pub struct SqliteStore {
    conn: Mutex<Connection>,
}

impl SqliteStore {
    /// Opens (creating if needed) the store at `path`.
    pub fn open(path: &Path) -> Result<SqliteStore, Error> {
        let conn = Connection::open(path)?;
        // WAL: readers do not wait for the writer; NORMAL sync is durable at each commit
        // in WAL mode up to a power loss of the last commits, FULL is used instead since
        // a case acknowledged to Kafka must survive one.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.execute_batch(SCHEMA)?;
        Ok(SqliteStore { conn: Mutex::new(conn) })
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl CaseStore for SqliteStore {
    fn ingest_batch(
        &self,
        records: Vec<ReviewRecord>,
        due: &DuePolicy,
        now: DateTime<Utc>,
    ) -> Result<Vec<Ingested>, Error> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut out = Vec::with_capacity(records.len());
        for record in records {
            let due_at = now + due.within(&record);
            let case = Case::open(record, now, due_at);
            let inserted = tx.prepare_cached(
                "INSERT OR IGNORE INTO cases (id, state, queue, overdue, due_at, created_at, message_id, format, hits, version, body)
                 VALUES (?1, ?2, ?3, 0, ?4, ?5, ?6, ?7, ?8, 0, ?9)",
            )?
            .execute(params![
                case.id.as_str(),
                case.state.as_str(),
                case.queue.as_str(),
                time(case.due_at),
                time(case.created_at),
                case.record.verdict.message_id,
                case.record.verdict.format.map(|f| f.as_str()),
                case.record.verdict.hits.len() as i64,
                serde_json::to_string(&case).map_err(|e| Error::Corrupt(e.to_string()))?,
            ])?;
            let new = inserted == 1;
            if new {
                let event = ingest_event(&case, now);
                append_audit(&tx, event)?;
            }
            out.push(Ingested { case_id: case.id, new });
        }
        tx.commit()?;
        Ok(out)
    }

    /// One case.
    fn get(&self, id: &CaseId) -> Result<Case, Error> {
        load(&self.conn(), id)?.ok_or_else(|| Error::NotFound(id.clone()))
    }

    /// Cases in `state` (every state when `None`), oldest first, at most `limit`, after
    /// the case created at `after` (for paging).
    fn list(&self, state: Option<State>, limit: usize, after: Option<&CaseId>) -> Result<Vec<CaseSummary>, Error> {
        let conn = self.conn();
        let after_key: Option<(String, String)> = match after {
            Some(id) => conn
                .query_row("SELECT created_at, id FROM cases WHERE id = ?1", [id.as_str()], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?,
            None => None,
        };
        let (after_created, after_id) = after_key.unwrap_or_default();
        let mut statement = conn.prepare_cached(
            "SELECT id, state, queue, overdue, due_at, created_at, message_id, format, hits FROM cases
             WHERE (?1 IS NULL OR state = ?1) AND (created_at, id) > (?2, ?3)
             ORDER BY created_at, id LIMIT ?4",
        )?;
        let rows =
            statement.query_map(params![state.map(State::as_str), after_created, after_id, limit as i64], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, bool>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, Option<String>>(6)?,
                    r.get::<_, Option<String>>(7)?,
                    r.get::<_, i64>(8)?,
                ))
            })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, state, queue, overdue, due_at, created_at, message_id, format, hits) = row?;
            out.push(CaseSummary {
                id: CaseId(id),
                state: State::parse(&state).ok_or_else(|| Error::Corrupt(format!("state {state:?}")))?,
                queue: Queue::parse(&queue).ok_or_else(|| Error::Corrupt(format!("queue {queue:?}")))?,
                overdue,
                due_at: parse_time(&due_at)?,
                created_at: parse_time(&created_at)?,
                message_id,
                format,
                hits: hits.max(0) as usize,
            });
        }
        Ok(out)
    }

    /// Does `action` as `actor` on case `id`, under `rules`, and audits it, refused or
    /// not. A decision stores its outcome for the publisher in the same transaction.
    fn act(
        &self,
        id: &CaseId,
        actor: &Actor,
        action: &Action,
        rules: &Rules,
        now: DateTime<Utc>,
        from: Option<&str>,
    ) -> Result<Case, Error> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let Some(mut case) = load(&tx, id)? else {
            let event = audit_event(now, actor, action, Some(id), false, format!("no case {id}"), from);
            append_audit(&tx, event)?;
            tx.commit()?;
            return Err(Error::NotFound(id.clone()));
        };
        match rules.apply(&mut case, actor, action, now) {
            Err(refusal) => {
                append_audit(&tx, audit_event(now, actor, action, Some(id), false, refusal.0.clone(), from))?;
                tx.commit()?;
                Err(Error::Refused(refusal))
            }
            Ok(()) => {
                save(&tx, &case)?;
                if let Some(entry) = approved_good_guy(&case) {
                    tx.execute(
                        "INSERT INTO good_guys (case_id, entry, approved_at) VALUES (?1, ?2, ?3)",
                        params![
                            case.id.as_str(),
                            serde_json::to_string(&entry).map_err(|e| Error::Corrupt(e.to_string()))?,
                            time(now)
                        ],
                    )?;
                }
                if let Some(outcome) = OutcomeRecord::of(&case) {
                    tx.execute(
                        "INSERT INTO outbox (case_id, key, outcome, created_at) VALUES (?1, ?2, ?3, ?4)",
                        params![
                            case.id.as_str(),
                            case.record.message.key,
                            serde_json::to_string(&outcome).map_err(|e| Error::Corrupt(e.to_string()))?,
                            time(now)
                        ],
                    )?;
                }
                append_audit(&tx, audit_event(now, actor, action, Some(id), true, reason_of(action), from))?;
                tx.commit()?;
                Ok(case)
            }
        }
    }

    /// Escalates and flags every undecided case past its due time; returns their ids.
    fn decided(&self, decision: Decision, from: &str, to: &str) -> Result<Vec<Case>, Error> {
        let conn = self.conn();
        let mut statement = conn.prepare_cached(
            "SELECT body FROM cases WHERE decision = ?1 AND decided_at >= ?2 AND decided_at < ?3 ORDER BY decided_at, id",
        )?;
        let rows = statement.query_map(params![decision.as_str(), from, to], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for body in rows {
            out.push(serde_json::from_str(&body?).map_err(|e| Error::Corrupt(format!("a decided case: {e}")))?);
        }
        Ok(out)
    }

    fn mark_overdue(&self, rules: &Rules, now: DateTime<Utc>) -> Result<Vec<CaseId>, Error> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let due: Vec<String> = {
            let mut statement = tx.prepare_cached(
                "SELECT id FROM cases WHERE state <> 'decided' AND overdue = 0 AND due_at <= ?1 ORDER BY due_at",
            )?;
            let rows = statement.query_map([time(now)], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        let mut marked = Vec::new();
        for id in due {
            let id = CaseId(id);
            let Some(mut case) = load(&tx, &id)? else { continue };
            if rules.mark_overdue(&mut case, now) {
                save(&tx, &case)?;
                let event = overdue_event(&case, now);
                append_audit(&tx, event)?;
                marked.push(id);
            }
        }
        tx.commit()?;
        Ok(marked)
    }

    /// Outcomes decided and not yet acknowledged by the broker, oldest first.
    fn pending_outcomes(&self, limit: usize) -> Result<Vec<PendingOutcome>, Error> {
        let conn = self.conn();
        let mut statement = conn.prepare_cached(
            "SELECT case_id, key, outcome FROM outbox WHERE published_at IS NULL ORDER BY created_at, case_id LIMIT ?1",
        )?;
        let rows = statement.query_map([limit as i64], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, String>(2)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (case_id, key, outcome) = row?;
            let outcome = serde_json::from_str(&outcome)
                .map_err(|e| Error::Corrupt(format!("outcome of case {case_id}: {e}")))?;
            out.push(PendingOutcome { case_id: CaseId(case_id), key, outcome });
        }
        Ok(out)
    }

    /// Records that the broker acknowledged the outcome of case `id`.
    fn mark_published(&self, id: &CaseId, now: DateTime<Utc>) -> Result<(), Error> {
        self.conn().execute(
            "UPDATE outbox SET published_at = ?2 WHERE case_id = ?1 AND published_at IS NULL",
            params![id.as_str(), time(now)],
        )?;
        Ok(())
    }

    /// The figures `/metrics` reports, read from the store (so they hold across restarts
    /// and for several instances on one store).
    fn metrics(&self, now: DateTime<Utc>) -> Result<StoreMetrics, Error> {
        let conn = self.conn();
        let mut m = StoreMetrics::default();
        {
            let mut statement = conn.prepare_cached("SELECT state, count(*) FROM cases GROUP BY state")?;
            let rows = statement.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
            for row in rows {
                let (state, n) = row?;
                m.by_state.push((state, n.max(0) as u64));
            }
        }
        {
            let mut statement = conn
                .prepare_cached("SELECT decision, count(*) FROM cases WHERE decision IS NOT NULL GROUP BY decision")?;
            let rows = statement.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
            for row in rows {
                let (decision, n) = row?;
                m.decisions.push((decision, n.max(0) as u64));
            }
        }
        m.overdue = conn
            .query_row("SELECT count(*) FROM cases WHERE state <> 'decided' AND overdue = 1", [], |r| {
                r.get::<_, i64>(0)
            })?
            .max(0) as u64;
        let oldest: Option<String> =
            conn.query_row("SELECT min(created_at) FROM cases WHERE state <> 'decided'", [], |r| r.get(0))?;
        m.oldest_undecided_seconds = match oldest {
            Some(t) => (now - parse_time(&t)?).num_milliseconds().max(0) as f64 / 1000.0,
            None => 0.0,
        };
        m.outcomes_pending = conn
            .query_row("SELECT count(*) FROM outbox WHERE published_at IS NULL", [], |r| r.get::<_, i64>(0))?
            .max(0) as u64;
        {
            let mut statement =
                conn.prepare_cached("SELECT created_at, decided_at FROM cases WHERE decided_at IS NOT NULL")?;
            let rows = statement.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
            for row in rows {
                let (created, decided) = row?;
                let seconds = (parse_time(&decided)? - parse_time(&created)?).num_milliseconds().max(0) as f64 / 1000.0;
                m.decision_seconds.push(seconds);
            }
        }
        Ok(m)
    }

    /// Every accepted false positive approved with a release, oldest first.
    fn good_guys(&self) -> Result<Vec<GoodGuyEntry>, Error> {
        let conn = self.conn();
        let mut statement =
            conn.prepare_cached("SELECT case_id, entry FROM good_guys ORDER BY approved_at, case_id")?;
        let rows = statement.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (case_id, entry) = row?;
            out.push(
                serde_json::from_str(&entry)
                    .map_err(|e| Error::Corrupt(format!("good-guy entry of case {case_id}: {e}")))?,
            );
        }
        Ok(out)
    }

    /// Audits something that is not an action on a case (a refused login, a report).
    fn audit_event(&self, event: AuditEvent) -> Result<AuditEntry, Error> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let entry = append_audit(&tx, event)?;
        tx.commit()?;
        Ok(entry)
    }

    /// Audit entries after `after_seq`, in order, at most `limit`.
    fn audit(&self, after_seq: i64, limit: usize) -> Result<Vec<AuditEntry>, Error> {
        let conn = self.conn();
        let mut statement = conn.prepare_cached(
            "SELECT seq, at, actor, action, case_id, accepted, detail, from_addr, prev_hash, hash
             FROM audit WHERE seq > ?1 ORDER BY seq LIMIT ?2",
        )?;
        let rows = statement.query_map(params![after_seq, limit as i64], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, bool>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, String>(9)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (seq, at, actor, action, case_id, accepted, detail, from, prev_hash, hash) = row?;
            out.push(AuditEntry {
                seq,
                at: parse_time(&at)?,
                actor,
                action,
                case_id,
                accepted,
                detail,
                from,
                prev_hash,
                hash,
            });
        }
        Ok(out)
    }
}

fn append_audit(conn: &Connection, event: AuditEvent) -> Result<AuditEntry, Error> {
    let last: Option<(i64, String)> = conn
        .prepare_cached("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (seq, prev) = last.map_or((1, GENESIS.to_string()), |(seq, hash)| (seq + 1, hash));
    let entry = event.chain(seq, &prev);
    conn.prepare_cached(
        "INSERT INTO audit (seq, at, actor, action, case_id, accepted, detail, from_addr, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        entry.seq,
        time(entry.at),
        entry.actor,
        entry.action,
        entry.case_id,
        entry.accepted,
        entry.detail,
        entry.from,
        entry.prev_hash,
        entry.hash
    ])?;
    Ok(entry)
}

fn load(conn: &Connection, id: &CaseId) -> Result<Option<Case>, Error> {
    let body: Option<String> =
        conn.query_row("SELECT body FROM cases WHERE id = ?1", [id.as_str()], |r| r.get(0)).optional()?;
    body.map(|b| serde_json::from_str(&b).map_err(|e| Error::Corrupt(format!("case {id}: {e}")))).transpose()
}

/// Writes `case` over its stored row, refusing when the row changed since it was read.
fn save(conn: &Connection, case: &Case) -> Result<(), Error> {
    let changed = conn.execute(
        "UPDATE cases SET state = ?2, queue = ?3, overdue = ?4, version = ?5, body = ?6, decision = ?8, decided_at = ?9
         WHERE id = ?1 AND version = ?7",
        params![
            case.id.as_str(),
            case.state.as_str(),
            case.queue.as_str(),
            case.overdue,
            case.version as i64,
            serde_json::to_string(case).map_err(|e| Error::Corrupt(e.to_string()))?,
            case.version as i64 - 1,
            case.decided.as_ref().map(|d| d.decision.as_str()),
            case.decided.as_ref().map(|d| time(d.at)),
        ],
    )?;
    if changed != 1 {
        return Err(Error::Conflict(case.id.clone()));
    }
    Ok(())
}
