//! The four-eyes rules, case by case: who may do what, and what a case becomes.

use chrono::{DateTime, Duration, TimeZone, Utc};
use interdict_review::{Action, Actor, Case, Decision, GoodGuyProposal, Queue, ReviewRecord, Role, Rules, State};

fn record() -> ReviewRecord {
    serde_json::from_str(include_str!("data/review-record.json")).expect("the fixture reads")
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap()
}

fn actor(user: &str) -> Actor {
    let role = match user {
        "sue" | "sam" => Role::Supervisor,
        "aud" => Role::Auditor,
        "adm" => Role::Admin,
        _ => Role::Analyst,
    };
    Actor { user: user.into(), role }
}

fn propose(decision: Decision) -> Action {
    Action::Propose { decision, reason: "checked".into(), good_guy: None }
}

fn approve() -> Action {
    Action::Approve { reason: "agreed".into() }
}

fn good_guy(expires: &str) -> GoodGuyProposal {
    GoodGuyProposal {
        entity_id: "ofac-sdn:43598".into(),
        party_name: "CHOE CHOL MIN".into(),
        account: None,
        expires: expires.into(),
    }
}

/// Runs `steps` (user, action) on a new case; every step but the last must succeed.
/// Returns the case and the last step's result.
fn run(steps: &[(&str, Action)]) -> (Case, Result<(), String>) {
    let rules = Rules::default();
    let mut case = Case::open(record(), now(), now() + Duration::hours(4));
    let (last, before) = steps.split_last().expect("at least one step");
    for (user, action) in before {
        rules.apply(&mut case, &actor(user), action, now()).unwrap_or_else(|e| panic!("{user} {action:?}: {e}"));
    }
    let result = rules.apply(&mut case, &actor(last.0), &last.1, now()).map_err(|e| e.0);
    (case, result)
}

#[test]
fn each_rule_allows_or_refuses_as_written() {
    let escalate = || Action::Escalate { reason: "unsure".into() };
    let send_back = || Action::SendBack { reason: "look at the birth date".into() };
    // (what happens, steps, refused with a reason containing this, or accepted)
    type Case<'a> = (&'a str, Vec<(&'a str, Action)>, Option<&'a str>);
    let cases: Vec<Case> = vec![
        ("an analyst claims an open case", vec![("ana", Action::Claim)], None),
        (
            "a second analyst cannot take a live claim",
            vec![("ana", Action::Claim), ("ben", Action::Claim)],
            Some("claimed by ana"),
        ),
        ("a proposal needs a claim", vec![("ana", propose(Decision::Release))], Some("claim case")),
        (
            "a proposal needs a reason",
            vec![
                ("ana", Action::Claim),
                ("ana", Action::Propose { decision: Decision::Reject, reason: "  ".into(), good_guy: None }),
            ],
            Some("reason is required"),
        ),
        (
            "only the claimant proposes",
            vec![("ana", Action::Claim), ("ben", propose(Decision::Release))],
            Some("claim case"),
        ),
        (
            "the proposer never approves",
            vec![("ana", Action::Claim), ("ana", propose(Decision::Release)), ("ana", approve())],
            Some("never the proposer"),
        ),
        (
            "a second analyst approves a release",
            vec![("ana", Action::Claim), ("ana", propose(Decision::Release)), ("ben", approve())],
            None,
        ),
        (
            "a second analyst approves a reject",
            vec![("ana", Action::Claim), ("ana", propose(Decision::Reject)), ("ben", approve())],
            None,
        ),
        (
            "a block needs a supervisor",
            vec![("ana", Action::Claim), ("ana", propose(Decision::Block)), ("ben", approve())],
            Some("supervisor"),
        ),
        (
            "a supervisor approves a block",
            vec![("ana", Action::Claim), ("ana", propose(Decision::Block)), ("sue", approve())],
            None,
        ),
        (
            "a supervisor's own block needs another supervisor",
            vec![("sue", Action::Claim), ("sue", propose(Decision::Block)), ("sue", approve())],
            Some("never the proposer"),
        ),
        (
            "nobody edits a decided case",
            vec![("ana", Action::Claim), ("ana", propose(Decision::Release)), ("ben", approve()), ("sue", escalate())],
            Some("decided"),
        ),
        (
            "nobody claims a decided case",
            vec![
                ("ana", Action::Claim),
                ("ana", propose(Decision::Release)),
                ("ben", approve()),
                ("ana", Action::Claim),
            ],
            Some("decided"),
        ),
        ("an auditor changes nothing", vec![("aud", Action::Claim)], Some("auditor")),
        (
            "an admin decides nothing",
            vec![("ana", Action::Claim), ("ana", propose(Decision::Release)), ("adm", approve())],
            Some("admin"),
        ),
        ("an approval needs a proposal", vec![("ana", Action::Claim), ("ben", approve())], Some("no proposal")),
        (
            "the proposer does not send back their own proposal",
            vec![("ana", Action::Claim), ("ana", propose(Decision::Release)), ("ana", send_back())],
            Some("second person"),
        ),
        (
            "a second person sends a proposal back",
            vec![("ana", Action::Claim), ("ana", propose(Decision::Release)), ("ben", send_back())],
            None,
        ),
        (
            "an escalated case is the supervisors'",
            vec![("ana", escalate()), ("ben", Action::Claim)],
            Some("only a supervisor"),
        ),
        ("a supervisor claims an escalated case", vec![("ana", escalate()), ("sue", Action::Claim)], None),
        (
            "an analyst cannot approve in the supervisors' queue",
            vec![("ana", escalate()), ("sue", Action::Claim), ("sue", propose(Decision::Reject)), ("ben", approve())],
            Some("only a supervisor"),
        ),
        (
            "a second supervisor decides an escalated case",
            vec![("ana", escalate()), ("sue", Action::Claim), ("sue", propose(Decision::Reject)), ("sam", approve())],
            None,
        ),
        ("escalating twice is refused", vec![("ana", escalate()), ("sue", escalate())], Some("already")),
        (
            "an escalation needs a reason",
            vec![("ana", Action::Escalate { reason: String::new() })],
            Some("reason is required"),
        ),
        (
            "a good-guy entry goes only with a release",
            vec![
                ("ana", Action::Claim),
                (
                    "ana",
                    Action::Propose {
                        decision: Decision::Reject,
                        reason: "r".into(),
                        good_guy: Some(good_guy("2027-06-01")),
                    },
                ),
            ],
            Some("only with a release"),
        ),
        (
            "a good-guy entry holds a year at most",
            vec![
                ("ana", Action::Claim),
                (
                    "ana",
                    Action::Propose {
                        decision: Decision::Release,
                        reason: "r".into(),
                        good_guy: Some(good_guy("2028-01-01")),
                    },
                ),
            ],
            Some("more than a year"),
        ),
        (
            "a good-guy expiry is a date",
            vec![
                ("ana", Action::Claim),
                (
                    "ana",
                    Action::Propose {
                        decision: Decision::Release,
                        reason: "r".into(),
                        good_guy: Some(good_guy("next year")),
                    },
                ),
            ],
            Some("not a date"),
        ),
        (
            "a good-guy expiry is not past",
            vec![
                ("ana", Action::Claim),
                (
                    "ana",
                    Action::Propose {
                        decision: Decision::Release,
                        reason: "r".into(),
                        good_guy: Some(good_guy("2026-12-02")),
                    },
                ),
            ],
            Some("in the past"),
        ),
        (
            "a release with a good-guy entry of a year",
            vec![
                ("ana", Action::Claim),
                (
                    "ana",
                    Action::Propose {
                        decision: Decision::Release,
                        reason: "r".into(),
                        good_guy: Some(good_guy("2027-12-03")),
                    },
                ),
            ],
            None,
        ),
    ];
    for (what, steps, refused) in cases {
        let (_, result) = run(&steps);
        match (refused, result) {
            (None, Ok(())) => {}
            (Some(why), Err(e)) => assert!(e.contains(why), "{what}: refused with {e:?}, expected {why:?}"),
            (None, Err(e)) => panic!("{what}: refused: {e}"),
            (Some(why), Ok(())) => panic!("{what}: accepted, expected a refusal saying {why:?}"),
        }
    }
}

#[test]
fn a_decision_records_both_people_and_reasons() {
    let (case, result) = run(&[("ana", Action::Claim), ("ana", propose(Decision::Block)), ("sue", approve())]);
    result.unwrap();
    assert_eq!(case.state, State::Decided);
    let decided = case.decided.expect("decided");
    assert_eq!(
        (decided.decision, decided.proposed_by.as_str(), decided.approved_by.as_str()),
        (Decision::Block, "ana", "sue")
    );
    assert_eq!((decided.reason.as_str(), decided.approval_reason.as_str()), ("checked", "agreed"));
}

#[test]
fn a_refused_action_leaves_the_case_as_it_was() {
    let (before, _) = run(&[("ana", Action::Claim), ("ana", propose(Decision::Block))]);
    let mut case = before.clone();
    assert!(Rules::default().apply(&mut case, &actor("ben"), &approve(), now()).is_err());
    assert_eq!(case, before);
}

#[test]
fn a_sent_back_case_returns_to_its_proposer() {
    let (case, result) = run(&[
        ("ana", Action::Claim),
        ("ana", propose(Decision::Release)),
        ("ben", Action::SendBack { reason: "no".into() }),
    ]);
    result.unwrap();
    assert_eq!((case.state, case.claimed_by.as_deref(), case.proposal.as_ref()), (State::Claimed, Some("ana"), None));
}

#[test]
fn an_idle_claim_expires_and_another_analyst_takes_it() {
    let rules = Rules::default();
    let mut case = Case::open(record(), now(), now() + Duration::hours(4));
    rules.apply(&mut case, &actor("ana"), &Action::Claim, now()).unwrap();
    let soon = now() + rules.claim_idle - Duration::seconds(1);
    assert!(rules.apply(&mut case, &actor("ben"), &Action::Claim, soon).is_err());
    let later = now() + rules.claim_idle + Duration::seconds(1);
    assert!(
        rules.apply(&mut case, &actor("ana"), &propose(Decision::Release), later).is_err(),
        "an expired claim proposes nothing"
    );
    rules.apply(&mut case, &actor("ben"), &Action::Claim, later).unwrap();
    assert_eq!(case.claimed_by.as_deref(), Some("ben"));
}

#[test]
fn a_case_past_due_is_escalated_and_flagged_never_decided() {
    let rules = Rules::default();
    let mut case = Case::open(record(), now(), now() + Duration::hours(4));
    rules.apply(&mut case, &actor("ana"), &Action::Claim, now()).unwrap();
    assert!(!rules.mark_overdue(&mut case, now() + Duration::hours(3)), "not yet due");
    assert!(rules.mark_overdue(&mut case, now() + Duration::hours(5)));
    assert_eq!(
        (case.state, case.queue, case.overdue, case.decided.as_ref()),
        (State::Open, Queue::Supervisors, true, None)
    );
    assert!(!rules.mark_overdue(&mut case, now() + Duration::hours(6)), "flagged once");

    let (mut decided, _) = run(&[("ana", Action::Claim), ("ana", propose(Decision::Release)), ("ben", approve())]);
    let before = decided.clone();
    assert!(!rules.mark_overdue(&mut decided, now() + Duration::days(2)), "a decided case is left alone");
    assert_eq!(decided, before);
}
