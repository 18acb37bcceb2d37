//! The PostgreSQL store on a real PostgreSQL (a throwaway cluster): one case per held
//! payment across two instances, one winner per claim across two instances, a decision
//! and its outcome written together, an audit chain that shows edits.

mod common;

use std::sync::{Arc, Barrier};

use chrono::{DateTime, Duration, TimeZone, Utc};
use common::postgres::TempPostgres;
use interdict_review::{Action, Actor, CaseStore, Decision, DuePolicy, Error, PgStore, Role, Rules, State};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap()
}

fn analyst(user: &str) -> Actor {
    Actor { user: user.into(), role: Role::Analyst }
}

#[test]
fn the_postgres_store_keeps_every_promise_of_the_sqlite_store() {
    let Some(pg) = TempPostgres::start() else { return };
    let connect = || PgStore::connect(&pg.url).expect("the store connects");

    // Two instances ingesting the same records at once (a rebalance replays them to
    // both): one case per record.
    let records: Vec<_> = (0..40).map(common::held_record).collect();
    let barrier = Arc::new(Barrier::new(2));
    let ingested: Vec<usize> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..2)
            .map(|_| {
                let store = connect();
                let records = records.clone();
                let barrier = barrier.clone();
                s.spawn(move || {
                    barrier.wait();
                    let mut new = 0;
                    for chunk in records.chunks(5) {
                        new += store
                            .ingest_batch(chunk.to_vec(), &DuePolicy::default(), now())
                            .unwrap()
                            .iter()
                            .filter(|i| i.new)
                            .count();
                    }
                    new
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(
        ingested.iter().sum::<usize>(),
        40,
        "each record made one case, whichever instance stored it: {ingested:?}"
    );
    let store = connect();
    let listed = store.list(None, 100, None).unwrap();
    assert_eq!(listed.len(), 40);
    let page = store.list(Some(State::Open), 15, Some(&listed[9].id)).unwrap();
    assert_eq!(page.first().map(|c| &c.id), Some(&listed[10].id), "pages follow on");

    // Two analysts on two instances claim one case at once: one wins.
    let id = listed[0].id.clone();
    let barrier = Arc::new(Barrier::new(2));
    let claims: Vec<Result<(), String>> = std::thread::scope(|s| {
        let handles: Vec<_> = ["ana", "ben"]
            .into_iter()
            .map(|user| {
                let store = connect();
                let (barrier, id) = (barrier.clone(), id.clone());
                s.spawn(move || {
                    barrier.wait();
                    store
                        .act(&id, &analyst(user), &Action::Claim, &Rules::default(), now(), None)
                        .map(|_| ())
                        .map_err(|e| e.to_string())
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(claims.iter().filter(|c| c.is_ok()).count(), 1, "{claims:?}");
    let winner = store.get(&id).unwrap().claimed_by.unwrap();
    let other = if winner == "ana" { "ben" } else { "ana" };

    // The four-eyes rules and the outbox.
    let rules = Rules::default();
    let propose = Action::Propose { decision: Decision::Block, reason: "listed person".into(), good_guy: None };
    store.act(&id, &analyst(&winner), &propose, &rules, now(), Some("10.1.1.1")).unwrap();
    let refused = store.act(&id, &analyst(other), &Action::Approve { reason: "ok".into() }, &rules, now(), None);
    assert!(matches!(refused, Err(Error::Refused(_))), "a block needs a supervisor: {refused:?}");
    let sue = Actor { user: "sue".into(), role: Role::Supervisor };
    store.act(&id, &sue, &Action::Approve { reason: "agreed".into() }, &rules, now(), None).unwrap();
    let pending = store.pending_outcomes(10).unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!((pending[0].outcome.decision, pending[0].outcome.approved_by.as_str()), (Decision::Block, "sue"));
    store.mark_published(&id, now()).unwrap();
    assert!(store.pending_outcomes(10).unwrap().is_empty());
    let metrics = store.metrics(now() + Duration::hours(1)).unwrap().render();
    assert!(metrics.contains("interdict_review_decisions_total{decision=\"block\"} 1"), "{metrics}");

    // The overdue sweep escalates, never decides.
    let marked = store.mark_overdue(&rules, now() + Duration::hours(5)).unwrap();
    assert_eq!(marked.len(), 39, "every undecided case");
    assert!(store.pending_outcomes(10).unwrap().is_empty());

    // The audit chain holds, and an edit behind the service's back is found.
    let verified = store.verify_audit().unwrap();
    assert_eq!(verified.broken, None);
    assert!(verified.entries >= 40 + 4 + 39, "{}", verified.entries);
    let entries = store.audit(0, 1000).unwrap();
    let refusal =
        entries.iter().find(|e| !e.accepted && e.action == "approve").expect("the refused approval is audited");
    let mut sql = postgres::Client::connect(&pg.url, postgres::NoTls).unwrap();
    sql.execute("UPDATE audit SET detail = 'approved' WHERE seq = $1", &[&refusal.seq]).unwrap();
    let broken = store.verify_audit().unwrap().broken.expect("the edit is found");
    assert_eq!(broken.seq, refusal.seq);
}
