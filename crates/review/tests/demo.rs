//! The review half of the demo: the first held payment becomes a case, is blocked by two
//! people, and its outcome and pacs.002 come back.

mod common;

use interdict_review::demo::decide_first_hold;
use interdict_review::Decision;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_blocks_the_first_hold_with_four_eyes() {
    let dir = tempfile::tempdir().unwrap();
    let held = [common::held_record(1), common::held_record(2)];
    let seen = tokio::time::timeout(std::time::Duration::from_secs(120), decide_first_hold(&held, dir.path()))
        .await
        .expect("the demo's review half ends within 120 s")
        .unwrap();
    assert_eq!(seen.cases, 2);
    assert_eq!(
        (seen.outcome.decision, seen.outcome.proposed_by.as_str(), seen.outcome.approved_by.as_str()),
        (Decision::Block, "ana", "sue")
    );
    assert_eq!(seen.outcome.input.offset, 1, "the first ISO 20022 held payment's case");
    let report = seen.status_report.expect("a pacs.002 for the ISO 20022 payment");
    assert!(report.contains("<TxSts>RJCT</TxSts>") && report.contains("<Cd>RR04</Cd>"), "{report}");
}
