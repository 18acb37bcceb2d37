//! Cases in PostgreSQL: several review instances share one queue.
//!
//! Every change runs in one transaction that first takes a transaction-scoped advisory
//! lock ([`WRITE_LOCK`]): the writes of all instances are applied one after the other,
//! as SQLite's `BEGIN IMMEDIATE` applies those of one. Two analysts claiming a case at
//! once on two instances are served in turn, the second sees the first's claim, and the
//! audit chain is appended in one order. Reads take no lock. A new case is
//! `INSERT ... ON CONFLICT DO NOTHING`, so two instances reading the same replayed
//! record make one case.

use std::sync::Mutex;

use chrono::{DateTime, Utc};
use postgres::{Client, NoTls, Transaction};

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

/// The advisory lock every writing transaction holds (an arbitrary constant: "rv").
pub const WRITE_LOCK: i64 = 0x7276;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS cases (
    id TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    queue TEXT NOT NULL,
    overdue BOOLEAN NOT NULL,
    due_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    message_id TEXT,
    format TEXT,
    hits BIGINT NOT NULL,
    version BIGINT NOT NULL,
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
    seq BIGINT PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    case_id TEXT,
    accepted BOOLEAN NOT NULL,
    detail TEXT NOT NULL,
    from_addr TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
";

/// A case store in a PostgreSQL database.
pub struct PgStore {
    client: Mutex<Client>,
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, Error> {
    serde_json::to_string(value).map_err(|e| Error::Corrupt(e.to_string()))
}

impl PgStore {
    /// Connects to `url` (`postgres://USER@HOST:PORT/DATABASE`) and creates the tables
    /// that are missing.
    pub fn connect(url: &str) -> Result<PgStore, Error> {
        let mut client = Client::connect(url, NoTls)?;
        let mut tx = client.transaction()?;
        // Two instances starting at once must not both create the tables.
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])?;
        tx.batch_execute(SCHEMA)?;
        tx.commit()?;
        Ok(PgStore { client: Mutex::new(client) })
    }

    fn client(&self) -> std::sync::MutexGuard<'_, Client> {
        self.client.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A transaction holding the write lock.
    fn writing<T>(&self, work: impl FnOnce(&mut Transaction<'_>) -> Result<T, Error>) -> Result<T, Error> {
        let mut client = self.client();
        let mut tx = client.transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])?;
        let value = work(&mut tx)?;
        tx.commit()?;
        Ok(value)
    }
}

impl CaseStore for PgStore {
    fn ingest_batch(
        &self,
        records: Vec<ReviewRecord>,
        due: &DuePolicy,
        now: DateTime<Utc>,
    ) -> Result<Vec<Ingested>, Error> {
        self.writing(|tx| {
            let insert = tx.prepare(
                "INSERT INTO cases (id, state, queue, overdue, due_at, created_at, message_id, format, hits, version, body)
                 VALUES ($1, $2, $3, FALSE, $4, $5, $6, $7, $8, 0, $9) ON CONFLICT (id) DO NOTHING",
            )?;
            let mut out = Vec::with_capacity(records.len());
            for record in records {
                let due_at = now + due.within(&record);
                let case = Case::open(record, now, due_at);
                let inserted = tx.execute(
                    &insert,
                    &[
                        &case.id.as_str(),
                        &case.state.as_str(),
                        &case.queue.as_str(),
                        &time(case.due_at),
                        &time(case.created_at),
                        &case.record.verdict.message_id,
                        &case.record.verdict.format.map(|f| f.as_str()),
                        &(case.record.verdict.hits.len() as i64),
                        &json(&case)?,
                    ],
                )?;
                let new = inserted == 1;
                if new {
                    append_audit(tx, ingest_event(&case, now))?;
                }
                out.push(Ingested { case_id: case.id, new });
            }
            Ok(out)
        })
    }

    fn get(&self, id: &CaseId) -> Result<Case, Error> {
        let mut client = self.client();
        let row = client.query_opt("SELECT body FROM cases WHERE id = $1", &[&id.as_str()])?;
        let body: String = row.ok_or_else(|| Error::NotFound(id.clone()))?.get(0);
        serde_json::from_str(&body).map_err(|e| Error::Corrupt(format!("case {id}: {e}")))
    }

    fn list(&self, state: Option<State>, limit: usize, after: Option<&CaseId>) -> Result<Vec<CaseSummary>, Error> {
        let mut client = self.client();
        let (after_created, after_id) = match after {
            Some(id) => client
                .query_opt("SELECT created_at, id FROM cases WHERE id = $1", &[&id.as_str()])?
                .map(|r| (r.get::<_, String>(0), r.get::<_, String>(1)))
                .unwrap_or_default(),
            None => Default::default(),
        };
        let rows = client.query(
            "SELECT id, state, queue, overdue, due_at, created_at, message_id, format, hits FROM cases
             WHERE ($1::TEXT IS NULL OR state = $1) AND (created_at, id) > ($2, $3)
             ORDER BY created_at, id LIMIT $4",
            &[&state.map(State::as_str), &after_created, &after_id, &(limit as i64)],
        )?;
        rows.iter()
            .map(|r| {
                let state: String = r.get(1);
                let queue: String = r.get(2);
                Ok(CaseSummary {
                    id: CaseId(r.get(0)),
                    state: State::parse(&state).ok_or_else(|| Error::Corrupt(format!("state {state:?}")))?,
                    queue: Queue::parse(&queue).ok_or_else(|| Error::Corrupt(format!("queue {queue:?}")))?,
                    overdue: r.get(3),
                    due_at: parse_time(r.get(4))?,
                    created_at: parse_time(r.get(5))?,
                    message_id: r.get(6),
                    format: r.get(7),
                    hits: r.get::<_, i64>(8).max(0) as usize,
                })
            })
            .collect()
    }

    fn act(
        &self,
        id: &CaseId,
        actor: &Actor,
        action: &Action,
        rules: &Rules,
        now: DateTime<Utc>,
        from: Option<&str>,
    ) -> Result<Case, Error> {
        // A refusal is audited and committed, then returned as the error.
        let outcome = self.writing(|tx| {
            let Some(mut case) = load(tx, id)? else {
                append_audit(tx, audit_event(now, actor, action, Some(id), false, format!("no case {id}"), from))?;
                return Ok(Err(Error::NotFound(id.clone())));
            };
            match rules.apply(&mut case, actor, action, now) {
                Err(refusal) => {
                    append_audit(tx, audit_event(now, actor, action, Some(id), false, refusal.0.clone(), from))?;
                    Ok(Err(Error::Refused(refusal)))
                }
                Ok(()) => {
                    save(tx, &case)?;
                    if let Some(entry) = approved_good_guy(&case) {
                        tx.execute(
                            "INSERT INTO good_guys (case_id, entry, approved_at) VALUES ($1, $2, $3)",
                            &[&case.id.as_str(), &json(&entry)?, &time(now)],
                        )?;
                    }
                    if let Some(outcome) = OutcomeRecord::of(&case) {
                        tx.execute(
                            "INSERT INTO outbox (case_id, key, outcome, created_at) VALUES ($1, $2, $3, $4)",
                            &[&case.id.as_str(), &case.record.message.key, &json(&outcome)?, &time(now)],
                        )?;
                    }
                    append_audit(tx, audit_event(now, actor, action, Some(id), true, reason_of(action), from))?;
                    Ok(Ok(case))
                }
            }
        })?;
        outcome
    }

    fn decided(&self, decision: Decision, from: &str, to: &str) -> Result<Vec<Case>, Error> {
        let rows = self.client().query(
            "SELECT body FROM cases WHERE decision = $1 AND decided_at >= $2 AND decided_at < $3 ORDER BY decided_at, id",
            &[&decision.as_str(), &from, &to],
        )?;
        rows.iter()
            .map(|r| serde_json::from_str(r.get(0)).map_err(|e| Error::Corrupt(format!("a decided case: {e}"))))
            .collect()
    }

    fn mark_overdue(&self, rules: &Rules, now: DateTime<Utc>) -> Result<Vec<CaseId>, Error> {
        self.writing(|tx| {
            let due: Vec<String> = tx
                .query(
                    "SELECT id FROM cases WHERE state <> 'decided' AND NOT overdue AND due_at <= $1 ORDER BY due_at",
                    &[&time(now)],
                )?
                .iter()
                .map(|r| r.get(0))
                .collect();
            let mut marked = Vec::new();
            for id in due {
                let id = CaseId(id);
                let Some(mut case) = load(tx, &id)? else { continue };
                if rules.mark_overdue(&mut case, now) {
                    save(tx, &case)?;
                    append_audit(tx, overdue_event(&case, now))?;
                    marked.push(id);
                }
            }
            Ok(marked)
        })
    }

    fn pending_outcomes(&self, limit: usize) -> Result<Vec<PendingOutcome>, Error> {
        let rows = self.client().query(
            "SELECT case_id, key, outcome FROM outbox WHERE published_at IS NULL ORDER BY created_at, case_id LIMIT $1",
            &[&(limit as i64)],
        )?;
        rows.iter()
            .map(|r| {
                let case_id: String = r.get(0);
                let outcome: String = r.get(2);
                let outcome = serde_json::from_str(&outcome)
                    .map_err(|e| Error::Corrupt(format!("outcome of case {case_id}: {e}")))?;
                Ok(PendingOutcome { case_id: CaseId(case_id), key: r.get(1), outcome })
            })
            .collect()
    }

    fn mark_published(&self, id: &CaseId, now: DateTime<Utc>) -> Result<(), Error> {
        self.client().execute(
            "UPDATE outbox SET published_at = $2 WHERE case_id = $1 AND published_at IS NULL",
            &[&id.as_str(), &time(now)],
        )?;
        Ok(())
    }

    fn metrics(&self, now: DateTime<Utc>) -> Result<StoreMetrics, Error> {
        let mut client = self.client();
        let mut m = StoreMetrics::default();
        for r in client.query("SELECT state, count(*) FROM cases GROUP BY state", &[])? {
            m.by_state.push((r.get(0), r.get::<_, i64>(1).max(0) as u64));
        }
        for r in
            client.query("SELECT decision, count(*) FROM cases WHERE decision IS NOT NULL GROUP BY decision", &[])?
        {
            m.decisions.push((r.get(0), r.get::<_, i64>(1).max(0) as u64));
        }
        m.overdue = client
            .query_one("SELECT count(*) FROM cases WHERE state <> 'decided' AND overdue", &[])?
            .get::<_, i64>(0)
            .max(0) as u64;
        let oldest: Option<String> =
            client.query_one("SELECT min(created_at) FROM cases WHERE state <> 'decided'", &[])?.get(0);
        m.oldest_undecided_seconds = match oldest {
            Some(t) => (now - parse_time(&t)?).num_milliseconds().max(0) as f64 / 1000.0,
            None => 0.0,
        };
        m.outcomes_pending =
            client.query_one("SELECT count(*) FROM outbox WHERE published_at IS NULL", &[])?.get::<_, i64>(0).max(0)
                as u64;
        for r in client.query("SELECT created_at, decided_at FROM cases WHERE decided_at IS NOT NULL", &[])? {
            let seconds = (parse_time(r.get(1))? - parse_time(r.get(0))?).num_milliseconds().max(0) as f64 / 1000.0;
            m.decision_seconds.push(seconds);
        }
        Ok(m)
    }

    fn good_guys(&self) -> Result<Vec<GoodGuyEntry>, Error> {
        let rows = self.client().query("SELECT case_id, entry FROM good_guys ORDER BY approved_at, case_id", &[])?;
        rows.iter()
            .map(|r| {
                let case_id: String = r.get(0);
                serde_json::from_str(r.get(1))
                    .map_err(|e| Error::Corrupt(format!("good-guy entry of case {case_id}: {e}")))
            })
            .collect()
    }

    fn audit_event(&self, event: AuditEvent) -> Result<AuditEntry, Error> {
        self.writing(|tx| append_audit(tx, event))
    }

    fn audit(&self, after_seq: i64, limit: usize) -> Result<Vec<AuditEntry>, Error> {
        let rows = self.client().query(
            "SELECT seq, at, actor, action, case_id, accepted, detail, from_addr, prev_hash, hash
             FROM audit WHERE seq > $1 ORDER BY seq LIMIT $2",
            &[&after_seq, &(limit as i64)],
        )?;
        rows.iter()
            .map(|r| {
                Ok(AuditEntry {
                    seq: r.get(0),
                    at: parse_time(r.get(1))?,
                    actor: r.get(2),
                    action: r.get(3),
                    case_id: r.get(4),
                    accepted: r.get(5),
                    detail: r.get(6),
                    from: r.get(7),
                    prev_hash: r.get(8),
                    hash: r.get(9),
                })
            })
            .collect()
    }
}

/// Appends to the chain; the caller holds the write lock.
fn append_audit(tx: &mut Transaction<'_>, event: AuditEvent) -> Result<AuditEntry, Error> {
    let last = tx.query_opt("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", &[])?;
    let (seq, prev) = last.map_or((1, GENESIS.to_string()), |r| (r.get::<_, i64>(0) + 1, r.get(1)));
    let entry = event.chain(seq, &prev);
    tx.execute(
        "INSERT INTO audit (seq, at, actor, action, case_id, accepted, detail, from_addr, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        &[
            &entry.seq,
            &time(entry.at),
            &entry.actor,
            &entry.action,
            &entry.case_id,
            &entry.accepted,
            &entry.detail,
            &entry.from,
            &entry.prev_hash,
            &entry.hash,
        ],
    )?;
    Ok(entry)
}

fn load(tx: &mut Transaction<'_>, id: &CaseId) -> Result<Option<Case>, Error> {
    let row = tx.query_opt("SELECT body FROM cases WHERE id = $1", &[&id.as_str()])?;
    row.map(|r| serde_json::from_str(r.get(0)).map_err(|e| Error::Corrupt(format!("case {id}: {e}")))).transpose()
}

/// Writes `case` over its stored row, refusing when the row changed since it was read.
fn save(tx: &mut Transaction<'_>, case: &Case) -> Result<(), Error> {
    let changed = tx.execute(
        "UPDATE cases SET state = $2, queue = $3, overdue = $4, version = $5, body = $6, decision = $8, decided_at = $9
         WHERE id = $1 AND version = $7",
        &[
            &case.id.as_str(),
            &case.state.as_str(),
            &case.queue.as_str(),
            &case.overdue,
            &(case.version as i64),
            &json(case)?,
            &(case.version as i64 - 1),
            &case.decided.as_ref().map(|d| d.decision.as_str()),
            &case.decided.as_ref().map(|d| time(d.at)),
        ],
    )?;
    if changed != 1 {
        return Err(Error::Conflict(case.id.clone()));
    }
    Ok(())
}
