//! `interdict review` as a process against librdkafka's mock cluster, killed with
//! SIGKILL while review records flow: every record becomes exactly one case; and an
//! approval stored while the service is down (as after a crash between an approval and
//! its publication) is published once it runs again.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use interdict_review::{Action, Actor, CaseStore, Decision, Role, Rules, SqliteStore};
use interdict_stream::consumer::{self, ReaderContext};
use interdict_testkit::{drop_within, wait_exit, wait_output, ChildGuard};
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::message::Message;
use rdkafka::mocking::MockCluster;
use rdkafka::producer::{FutureProducer, FutureRecord};

const STOP: Duration = Duration::from_secs(60);
const RECORDS: i64 = 1500;

/// The review record of the sample payment, as read at `offset` of the input topic.
fn record(offset: i64) -> Vec<u8> {
    let mut value: serde_json::Value =
        serde_json::from_str(include_str!("../crates/review/tests/data/review-record.json")).unwrap();
    value["input"]["offset"] = offset.into();
    value["key"] = format!("payment-{offset}").into();
    serde_json::to_vec(&value).unwrap()
}

fn review(brokers: &str, dir: &std::path::Path) -> ChildGuard {
    let child = Command::new(env!("CARGO_BIN_EXE_interdict"))
        .args(["review", "--brokers", brokers, "--review-topic", "review", "--outcomes-topic", "outcomes"])
        .args(["--status-topic", "status", "--dead-letter-topic", "review.dlq", "--group", "reviewers"])
        .args(["--listen", "127.0.0.1:0", "--users"])
        .arg(dir.join("users.toml"))
        .arg("--db")
        .arg(format!("sqlite:{}", dir.join("review.db").display()))
        // Commit stored offsets often and fetch little at a time, so kills land mid-stream;
        // a killed member leaves the group only when its session times out.
        .env("INTERDICT_REVIEW_KAFKA_AUTO_COMMIT_INTERVAL_MS", "100")
        .env("INTERDICT_REVIEW_KAFKA_MAX_PARTITION_FETCH_BYTES", "16384")
        .env("INTERDICT_REVIEW_KAFKA_SESSION_TIMEOUT_MS", "6000")
        .env("INTERDICT_REVIEW_KAFKA_HEARTBEAT_INTERVAL_MS", "500")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("interdict review starts");
    ChildGuard::new(child)
}

fn cases(store: &SqliteStore) -> usize {
    store.list(None, RECORDS as usize + 100, None).map(|c| c.len()).unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_while_records_flow_makes_one_case_per_record_and_loses_no_outcome() {
    let dir = tempfile::tempdir().unwrap();
    let (_, hash) = interdict_review::users::new_token();
    std::fs::write(
        dir.path().join("users.toml"),
        format!("[[users]]\nname = \"ops\"\nrole = \"admin\"\ntoken_sha256 = [\"{hash}\"]\n"),
    )
    .unwrap();
    let cluster = MockCluster::new(1).unwrap();
    cluster.create_topic("review", 2, 1).unwrap();
    for topic in ["outcomes", "status", "review.dlq"] {
        cluster.create_topic(topic, 1, 1).unwrap();
    }
    let brokers = cluster.bootstrap_servers();
    let producer: FutureProducer = ClientConfig::new().set("bootstrap.servers", &brokers).create().unwrap();
    for offset in 0..RECORDS {
        let key = format!("payment-{offset}");
        producer
            .send(FutureRecord::to("review").key(&key).payload(&record(offset)), Duration::from_secs(5))
            .await
            .unwrap();
    }
    let store = SqliteStore::open(&dir.path().join("review.db")).unwrap();

    // Three times: start, let it store some cases, kill -9.
    for round in 0..3u64 {
        let mut child = review(&brokers, dir.path());
        let before = cases(&store);
        let limit = Instant::now() + Duration::from_secs(30);
        while cases(&store) == before && Instant::now() < limit {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        tokio::time::sleep(Duration::from_millis(30 * round)).await;
        child.kill().unwrap(); // SIGKILL: no drain, no commit
        wait_exit(&mut child, STOP, "interdict review to die on SIGKILL");
    }
    // A last run stores the rest.
    let mut child = review(&brokers, dir.path());
    let deadline = Instant::now() + Duration::from_secs(120);
    while cases(&store) < RECORDS as usize && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let stored = cases(&store);
    let ingests: usize = store.audit(0, 100_000).unwrap().iter().filter(|e| e.action == "ingest").count();
    assert_eq!(stored, RECORDS as usize, "every review record is a case after three kill -9");
    assert_eq!(ingests, RECORDS as usize, "no record made a second case: each was ingested once");

    // An approval with the service down: its outcome waits in the store...
    child.kill().unwrap();
    wait_exit(&mut child, STOP, "interdict review to die on SIGKILL");
    let id = store.list(None, 1, None).unwrap()[0].id.clone();
    let rules = Rules::default();
    let now = chrono::Utc::now();
    let (ana, ben) =
        (Actor { user: "ana".into(), role: Role::Analyst }, Actor { user: "ben".into(), role: Role::Analyst });
    store.act(&id, &ana, &Action::Claim, &rules, now, None).unwrap();
    let propose = Action::Propose { decision: Decision::Reject, reason: "listed person".into(), good_guy: None };
    store.act(&id, &ana, &propose, &rules, now, None).unwrap();
    store.act(&id, &ben, &Action::Approve { reason: "agreed".into() }, &rules, now, None).unwrap();
    assert_eq!(store.pending_outcomes(10).unwrap().len(), 1);
    // ...and goes out when the service runs again.
    let child = review(&brokers, dir.path());
    let reader: StreamConsumer<ReaderContext> = consumer::reader(
        ClientConfig::new()
            .set("bootstrap.servers", &brokers)
            .set("group.id", "checker")
            .set("auto.offset.reset", "earliest"),
    )
    .unwrap();
    reader.subscribe(&["outcomes"]).unwrap();
    let mut outcomes = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while outcomes.is_empty() && Instant::now() < deadline {
        if let Ok(Ok(m)) = tokio::time::timeout(Duration::from_secs(1), reader.recv()).await {
            outcomes.push(serde_json::from_slice::<serde_json::Value>(m.payload().unwrap_or(&[])).unwrap());
        }
    }
    assert_eq!(outcomes.len(), 1, "the decision made while the service was down is published");
    assert_eq!(
        (outcomes[0]["case_id"].as_str(), outcomes[0]["decision"].as_str()),
        (Some(id.as_str()), Some("reject"))
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    while !store.pending_outcomes(10).unwrap().is_empty() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(store.pending_outcomes(10).unwrap().is_empty(), "marked sent once acknowledged");

    tokio::time::sleep(Duration::from_secs(1)).await;
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let out = wait_output(child.into_child(), STOP, "interdict review to stop on SIGTERM");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    consumer::close(reader, Duration::from_secs(30)).await.expect("the reader closes");
    drop_within(producer, Duration::from_secs(30), "the test producer");
    drop(cluster);
}
