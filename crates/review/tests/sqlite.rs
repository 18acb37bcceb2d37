//! The SQLite store: one case per held payment, whatever is replayed; one winner per
//! claim; a decision and its outcome written together; an audit chain that shows edits.

mod common;

use std::sync::{Arc, Barrier};

use chrono::{DateTime, Duration, TimeZone, Utc};
use interdict_review::{Action, Actor, CaseStore, Decision, DuePolicy, Error, Role, Rules, SqliteStore, State};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap()
}

fn analyst(user: &str) -> Actor {
    Actor { user: user.into(), role: Role::Analyst }
}

fn store_in(dir: &tempfile::TempDir) -> SqliteStore {
    SqliteStore::open(&dir.path().join("review.db")).expect("the store opens")
}

#[test]
fn a_replayed_record_makes_no_second_case() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_in(&dir);
    let first = store.ingest(common::held_record(7), &DuePolicy::default(), now()).unwrap();
    let again = store.ingest(common::held_record(7), &DuePolicy::default(), now() + Duration::minutes(1)).unwrap();
    let other = store.ingest(common::held_record(8), &DuePolicy::default(), now()).unwrap();
    assert!(first.new && !again.new && other.new);
    assert_eq!(first.case_id, again.case_id);
    assert_ne!(first.case_id, other.case_id);
    drop(store);
    // Durable: a new connection to the file sees both cases, once each.
    let reopened = store_in(&dir);
    let listed = reopened.list(None, 100, None).unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().all(|c| c.state == State::Open && c.hits > 0));
}

#[test]
fn cases_page_in_creation_order() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_in(&dir);
    for offset in 0..5 {
        store.ingest(common::held_record(offset), &DuePolicy::default(), now() + Duration::seconds(offset)).unwrap();
    }
    let first = store.list(Some(State::Open), 2, None).unwrap();
    let second = store.list(Some(State::Open), 2, Some(&first[1].id)).unwrap();
    let third = store.list(Some(State::Open), 2, Some(&second[1].id)).unwrap();
    let offsets: Vec<i64> =
        [first, second, third].concat().iter().map(|c| store.get(&c.id).unwrap().record.message.input.offset).collect();
    assert_eq!(offsets, [0, 1, 2, 3, 4]);
    assert!(store.list(Some(State::Decided), 10, None).unwrap().is_empty());
}

#[test]
fn two_reviewers_claiming_at_once_one_wins() {
    let dir = tempfile::tempdir().unwrap();
    let id = store_in(&dir).ingest(common::held_record(1), &DuePolicy::default(), now()).unwrap().case_id;
    for round in 0..5 {
        let barrier = Arc::new(Barrier::new(2));
        let users = ["ana", "ben"];
        let results: Vec<Result<(), String>> = std::thread::scope(|s| {
            let handles: Vec<_> = users
                .iter()
                .map(|user| {
                    // Two connections, as two service instances would have.
                    let store = store_in(&dir);
                    let barrier = barrier.clone();
                    let id = id.clone();
                    let at = now() + Duration::hours(round);
                    s.spawn(move || {
                        barrier.wait();
                        store
                            .act(&id, &analyst(user), &Action::Claim, &Rules::default(), at, None)
                            .map(|_| ())
                            .map_err(|e| e.to_string())
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().expect("no panic")).collect()
        });
        assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1, "round {round}: {results:?}");
        assert!(results.iter().any(|r| r.as_ref().is_err_and(|e| e.contains("claimed by"))), "{results:?}");
        // Let the claim lapse for the next round.
        let case = store_in(&dir).get(&id).unwrap();
        assert_eq!(case.state, State::Claimed);
    }
}

#[test]
fn a_decision_stores_its_outcome_until_published() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_in(&dir);
    let rules = Rules::default();
    let id = store.ingest(common::held_record(3), &DuePolicy::default(), now()).unwrap().case_id;
    store.act(&id, &analyst("ana"), &Action::Claim, &rules, now(), Some("10.0.0.7")).unwrap();
    let propose =
        Action::Propose { decision: Decision::Reject, reason: "listed person, same birth date".into(), good_guy: None };
    store.act(&id, &analyst("ana"), &propose, &rules, now(), None).unwrap();
    assert!(store.pending_outcomes(10).unwrap().is_empty(), "nothing goes out before the approval");
    let refused = store.act(&id, &analyst("ana"), &Action::Approve { reason: "ok".into() }, &rules, now(), None);
    assert!(matches!(refused, Err(Error::Refused(_))), "{refused:?}");
    store.act(&id, &analyst("ben"), &Action::Approve { reason: "agreed".into() }, &rules, now(), None).unwrap();

    let pending = store.pending_outcomes(10).unwrap();
    assert_eq!(pending.len(), 1);
    let outcome = &pending[0].outcome;
    assert_eq!(
        (outcome.decision, outcome.proposed_by.as_str(), outcome.approved_by.as_str()),
        (Decision::Reject, "ana", "ben")
    );
    assert_eq!(outcome.input.offset, 3);
    assert_eq!(pending[0].key.as_deref(), Some("payment-3"));
    assert_eq!(outcome.message_id.as_deref(), store.get(&id).unwrap().record.verdict.message_id.as_deref());

    // A decided case stays decided: the second approval is refused, no second outcome.
    let again = store.act(
        &id,
        &Actor { user: "sue".into(), role: Role::Supervisor },
        &Action::Approve { reason: "x".into() },
        &rules,
        now(),
        None,
    );
    assert!(matches!(again, Err(Error::Refused(_))));
    assert_eq!(store.pending_outcomes(10).unwrap().len(), 1);

    store.mark_published(&id, now()).unwrap();
    assert!(store.pending_outcomes(10).unwrap().is_empty());
}

#[test]
fn every_action_is_audited_refused_ones_too_and_an_edit_breaks_the_chain() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_in(&dir);
    let rules = Rules::default();
    let id = store.ingest(common::held_record(4), &DuePolicy::default(), now()).unwrap().case_id;
    store.act(&id, &analyst("ana"), &Action::Claim, &rules, now(), Some("10.0.0.7")).unwrap();
    let _ = store.act(&id, &analyst("ben"), &Action::Claim, &rules, now(), Some("10.0.0.8"));
    let entries = store.audit(0, 100).unwrap();
    let summary: Vec<(&str, &str, bool)> =
        entries.iter().map(|e| (e.actor.as_str(), e.action.as_str(), e.accepted)).collect();
    assert_eq!(summary, [("system", "ingest", true), ("ana", "claim", true), ("ben", "claim", false)]);
    assert!(entries[2].detail.contains("claimed by ana"), "{}", entries[2].detail);
    assert_eq!(entries[2].from.as_deref(), Some("10.0.0.8"));
    let verified = store.verify_audit().unwrap();
    assert_eq!((verified.entries, verified.broken), (3, None));

    // Behind the service's back: rewrite who made the refused claim.
    let conn = rusqlite_connection(&dir);
    conn.execute("UPDATE audit SET actor = 'ana' WHERE seq = 3", []).unwrap();
    let broken = store.verify_audit().unwrap().broken.expect("the edit is found");
    assert_eq!(broken.seq, 3);
    assert!(broken.reason.contains("edited"), "{}", broken.reason);

    // Removing an entry breaks the chain where it was.
    conn.execute("UPDATE audit SET actor = 'ben' WHERE seq = 3", []).unwrap();
    assert_eq!(store.verify_audit().unwrap().broken, None, "restored");
    conn.execute("DELETE FROM audit WHERE seq = 2", []).unwrap();
    assert_eq!(store.verify_audit().unwrap().broken.map(|b| b.seq), Some(3));
}

#[test]
fn the_overdue_sweep_escalates_and_never_decides() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_in(&dir);
    let rules = Rules::default();
    let due = DuePolicy::default();
    let late = store.ingest(common::held_record(5), &due, now()).unwrap().case_id;
    let fresh = store.ingest(common::held_record(6), &due, now() + Duration::hours(3)).unwrap().case_id;
    store.act(&late, &analyst("ana"), &Action::Claim, &rules, now(), None).unwrap();
    let marked = store.mark_overdue(&rules, now() + Duration::hours(5)).unwrap();
    assert_eq!(marked, std::slice::from_ref(&late));
    let case = store.get(&late).unwrap();
    assert!(case.overdue && case.decided.is_none() && case.state == State::Open);
    assert!(!store.get(&fresh).unwrap().overdue);
    assert!(store.pending_outcomes(10).unwrap().is_empty(), "a timer releases nothing");
    assert!(store.mark_overdue(&rules, now() + Duration::hours(6)).unwrap().is_empty(), "flagged once");
}

fn rusqlite_connection(dir: &tempfile::TempDir) -> rusqlite::Connection {
    rusqlite::Connection::open(dir.path().join("review.db")).unwrap()
}

#[test]
fn an_approved_false_positive_reaches_the_good_guy_file_and_the_payment_then_passes() {
    use interdict_review::GoodGuyProposal;
    let dir = tempfile::tempdir().unwrap();
    let store = store_in(&dir);
    let rules = Rules::default();
    let id = store.ingest(common::held_record(9), &DuePolicy::default(), now()).unwrap().case_id;
    let case = store.get(&id).unwrap();
    let hit = &case.record.verdict.hits[0];
    let party = hit.matched_text.clone();
    let entry = GoodGuyProposal {
        entity_id: hit.entity_id.clone().unwrap(),
        party_name: party.clone(),
        account: None,
        expires: "2027-06-30".into(),
    };
    store.act(&id, &analyst("ana"), &Action::Claim, &rules, now(), None).unwrap();
    let propose =
        Action::Propose { decision: Decision::Release, reason: "a namesake, born 1990".into(), good_guy: Some(entry) };
    store.act(&id, &analyst("ana"), &propose, &rules, now(), None).unwrap();
    assert!(store.good_guys().unwrap().is_empty(), "not before the approval");
    store.act(&id, &analyst("ben"), &Action::Approve { reason: "agreed".into() }, &rules, now(), None).unwrap();
    let entries = store.good_guys().unwrap();
    assert_eq!(entries.len(), 1);

    let file = dir.path().join("good-guys.json");
    interdict_review::write_good_guy_file(&file, &entries).unwrap();
    let list = interdict_screen::GoodGuyList::read(&file).expect("the screening service reads the file");
    let screened = common::screen_with(list);
    assert_eq!(screened.verdict, interdict_model::Outcome::Pass, "{screened:?}");
    assert!(!screened.suppressed.is_empty());
    let again = serde_json::to_string(&screened.suppressed).unwrap();
    assert!(again.contains(id.as_str()), "the suppression names the entry (its case): {again}");
}
