//! The review service on librdkafka's mock cluster: each held payment becomes one case
//! however often its record is read, a bad record goes to the dead-letter topic, and a
//! decision made over the API comes out on the outcomes topic, keyed by the payment.

mod common;

use std::time::{Duration, Instant};

use interdict_review::service::start;
use interdict_review::users::new_token;
use interdict_review::{Action, Actor, ReviewConfig, Role, Rules, State};
use interdict_stream::consumer::{self, ReaderContext};
use interdict_testkit::{drop_within, within};
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::message::{Headers, Message};
use rdkafka::mocking::MockCluster;
use rdkafka::producer::{FutureProducer, FutureRecord};

const STOP: Duration = Duration::from_secs(60);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn held_payments_become_cases_and_decisions_go_back() {
    let cluster = MockCluster::new(1).unwrap();
    for topic in ["review", "outcomes", "status", "review.dlq"] {
        cluster.create_topic(topic, 1, 1).unwrap();
    }
    let brokers = cluster.bootstrap_servers();
    let producer: FutureProducer = ClientConfig::new().set("bootstrap.servers", &brokers).create().unwrap();
    let records = [
        serde_json::to_vec(&common::held_record(21)).unwrap(),
        serde_json::to_vec(&common::held_record(22)).unwrap(),
        // The first again, as a replay after a crash of the screening service.
        serde_json::to_vec(&common::held_record(21)).unwrap(),
        br#"{"schema_version": 99}"#.to_vec(),
        b"not json".to_vec(),
    ];
    for (i, payload) in records.iter().enumerate() {
        let key = format!("k{i}");
        producer.send(FutureRecord::to("review").key(&key).payload(payload), Duration::from_secs(5)).await.unwrap();
    }

    let dir = tempfile::tempdir().unwrap();
    let (_, token_hash) = new_token();
    let users = dir.path().join("users.toml");
    std::fs::write(&users, format!("[[users]]\nname = \"ops\"\nrole = \"admin\"\ntoken_sha256 = [\"{token_hash}\"]\n"))
        .unwrap();
    let config = ReviewConfig {
        brokers: brokers.clone(),
        review_topic: "review".into(),
        outcomes_topic: "outcomes".into(),
        status_topic: "status".into(),
        dead_letter_topic: "review.dlq".into(),
        db: format!("sqlite:{}", dir.path().join("review.db").display()),
        users,
        listen: "127.0.0.1:0".into(),
        good_guys: Some(dir.path().join("good-guys.json")),
        ..ReviewConfig::default()
    };
    let service = within(Duration::from_secs(30), "the review service to start", start(config)).await.unwrap();
    let store = service.store.clone();
    let deadline = Instant::now() + Duration::from_secs(60);
    while store.list(None, 10, None).unwrap().len() < 2 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let cases = store.list(None, 10, None).unwrap();
    assert_eq!(cases.len(), 2, "two held payments, two cases, whatever was replayed");

    let reader: StreamConsumer<ReaderContext> = consumer::reader(
        ClientConfig::new()
            .set("bootstrap.servers", &brokers)
            .set("group.id", "checker")
            .set("auto.offset.reset", "earliest"),
    )
    .unwrap();
    reader.subscribe(&["review.dlq", "outcomes", "status"]).unwrap();

    // Decide the first case: two analysts, as the API would.
    let id = cases.iter().find(|c| store.get(&c.id).unwrap().record.message.input.offset == 21).unwrap().id.clone();
    let rules = Rules::default();
    let ana = Actor { user: "ana".into(), role: Role::Analyst };
    let ben = Actor { user: "ben".into(), role: Role::Analyst };
    let now = chrono::Utc::now();
    store.act(&id, &ana, &Action::Claim, &rules, now, None).unwrap();
    let good_guy = interdict_review::GoodGuyProposal {
        entity_id: "ofac-sdn:43598".into(),
        party_name: "CHOI CHOL-MIN".into(),
        account: None,
        expires: (now + chrono::Duration::days(90)).format("%Y-%m-%d").to_string(),
    };
    let propose = Action::Propose {
        decision: interdict_review::Decision::Release,
        reason: "another person".into(),
        good_guy: Some(good_guy),
    };
    store.act(&id, &ana, &propose, &rules, now, None).unwrap();
    store.act(&id, &ben, &Action::Approve { reason: "agreed".into() }, &rules, now, None).unwrap();
    assert_eq!(store.get(&id).unwrap().state, State::Decided);

    let mut dead = Vec::new();
    let mut outcomes = Vec::new();
    let mut statuses = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while (dead.len() < 2 || outcomes.is_empty() || statuses.is_empty()) && Instant::now() < deadline {
        if let Ok(Ok(m)) = tokio::time::timeout(Duration::from_secs(1), reader.recv()).await {
            let payload = m.payload().unwrap_or(&[]).to_vec();
            let key = m.key().map(|k| String::from_utf8_lossy(k).into_owned());
            if m.topic() == "outcomes" {
                outcomes.push((key, payload));
            } else if m.topic() == "status" {
                statuses.push((key, String::from_utf8(payload).unwrap()));
            } else {
                let reason = m
                    .headers()
                    .and_then(|h| h.iter().find(|h| h.key == "interdict-error-reason"))
                    .and_then(|h| h.value)
                    .map(|v| String::from_utf8_lossy(v).into_owned())
                    .unwrap_or_default();
                dead.push((payload, reason));
            }
        }
    }
    assert_eq!(dead.len(), 2, "both bad records reach the dead-letter topic: {dead:?}");
    assert!(dead[0].1.contains("unknown schema version 99"), "{}", dead[0].1);
    assert!(dead[1].1.contains("not a review record"), "{}", dead[1].1);
    assert_eq!(dead[1].0, b"not json", "the dead letter keeps the original bytes");
    assert_eq!(outcomes.len(), 1);
    let (key, payload) = &outcomes[0];
    assert_eq!(key.as_deref(), Some("payment-21"), "keyed by the original payment's key");
    let outcome: serde_json::Value = serde_json::from_slice(payload).unwrap();
    let errors: Vec<String> =
        common::outcome_schema().iter_errors(&outcome).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "the outcome follows docs/schemas/outcome.schema.json: {errors:?}\n{outcome:#}");
    assert_eq!((outcome["decision"].as_str(), outcome["case_id"].as_str()), (Some("release"), Some(id.as_str())));
    assert_eq!((outcome["proposed_by"].as_str(), outcome["approved_by"].as_str()), (Some("ana"), Some("ben")));
    assert_eq!(statuses.len(), 1, "the ISO 20022 payment gets one pacs.002");
    assert_eq!(statuses[0].0.as_deref(), Some("payment-21"));
    assert!(statuses[0].1.contains("<TxSts>ACSP</TxSts>") && statuses[0].1.contains("DEMO-E2E-1"), "{}", statuses[0].1);
    // Published once: nothing is pending any more.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !store.pending_outcomes(10).unwrap().is_empty() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(store.pending_outcomes(10).unwrap().is_empty());
    // The approved accepted false positive is in the good-guy file `interdict run` reads.
    let file = dir.path().join("good-guys.json");
    let read = || interdict_screen::GoodGuyList::read(&file).ok().filter(|l| !l.entries().is_empty());
    let deadline = Instant::now() + Duration::from_secs(10);
    while read().is_none() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let list = read().expect("the good-guy file is written with the approved entry");
    assert_eq!(list.entries().len(), 1);
    assert_eq!(list.entries()[0].party_name.as_deref(), Some("CHOI CHOL-MIN"));

    let counts = service.stop_and_wait(STOP).await.unwrap();
    assert_eq!((counts.records, counts.new_cases, counts.dead_letters), (5, 2, 2));
    consumer::close(reader, Duration::from_secs(30)).await.expect("the reader closes");
    drop_within(producer, Duration::from_secs(30), "the test producer");
    drop(cluster);
}
