//! The Kafka drive of a run (feature `kafka`) against librdkafka's in-process mock
//! cluster: a stand-in for the screening service answers every payment with a decision
//! record carrying the verdict its header expects, and the run reads every one back.
#![cfg(feature = "kafka")]

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use interdict_loadgen::kafka::{self, Progress, Target, HEADER_EXPECTED};
use interdict_loadgen::{Generator, GeneratorConfig, ListedName, Rate};
use interdict_model::record::{DecisionRecord, InputRef, MessageRef, SCHEMA_VERSION};
use interdict_model::Outcome;
use interdict_testkit::{drop_within, within};
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::message::{Headers, Message};
use rdkafka::mocking::MockCluster;
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::{Offset, TopicPartitionList};

const LIMIT: Duration = Duration::from_secs(60);

/// Reads the payments from the start of `in` and writes, for each, the decision record
/// the service would: keyed like the payment, with the verdict its header expects.
async fn stand_in_service(brokers: String, stop: Arc<AtomicBool>) -> usize {
    let consumer: StreamConsumer = ClientConfig::new()
        .set("bootstrap.servers", &brokers)
        .set("group.id", "stand-in")
        .set("enable.auto.commit", "false")
        .set("fetch.wait.max.ms", "10")
        .create()
        .unwrap();
    let mut assignment = TopicPartitionList::new();
    for p in 0..2 {
        assignment.add_partition_offset("in", p, Offset::Beginning).unwrap();
    }
    consumer.assign(&assignment).unwrap();
    let producer: FutureProducer =
        ClientConfig::new().set("bootstrap.servers", &brokers).set("linger.ms", "1").create().unwrap();
    let mut answered = 0;
    while !stop.load(Ordering::Relaxed) {
        let Ok(Ok(message)) = tokio::time::timeout(Duration::from_millis(100), consumer.recv()).await else {
            continue;
        };
        let expected = message
            .headers()
            .and_then(|h| h.iter().find(|h| h.key == HEADER_EXPECTED))
            .and_then(|h| h.value)
            .expect("every payment names its expected outcome");
        let hold = expected == b"hold";
        let key = String::from_utf8(message.key().expect("every payment has a key").to_vec()).unwrap();
        let record = DecisionRecord {
            schema_version: SCHEMA_VERSION,
            message: MessageRef {
                input: InputRef { topic: "in".into(), partition: message.partition(), offset: message.offset() },
                key: Some(key.clone()),
                message_index: 0,
                messages_in_input: 1,
            },
            message_id: None,
            verdict: if hold { Outcome::Hold } else { Outcome::Pass },
            index_version: "idx-test".into(),
            screened_with: None,
            latency_us: 100.0,
            screen_us: 50.0,
            hits: usize::from(hold),
            suppressed: 0,
            error_kind: None,
            error: None,
        };
        let payload = serde_json::to_vec(&record).unwrap();
        producer
            .send(FutureRecord::to("decisions").key(&key).payload(&payload), Duration::from_secs(5))
            .await
            .expect("the decision is written");
        answered += 1;
    }
    drop_within(consumer, LIMIT, "the stand-in's consumer");
    drop_within(producer, LIMIT, "the stand-in's producer");
    answered
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_reads_back_the_decision_of_every_payment() {
    let cluster = MockCluster::new(1).unwrap();
    cluster.create_topic("in", 2, 1).unwrap();
    cluster.create_topic("decisions", 1, 1).unwrap();
    let brokers = cluster.bootstrap_servers();
    let stop = Arc::new(AtomicBool::new(false));
    let service = tokio::spawn(stand_in_service(brokers.clone(), stop.clone()));

    let listed = vec![
        ListedName { entity_id: "t:choe".into(), name: "CHOE, Chol Min".into(), organisation: false },
        ListedName { entity_id: "t:bnc".into(), name: "BANCO NACIONAL DE CUBA".into(), organisation: true },
    ];
    let generator = Generator::new(GeneratorConfig { seed: 5, hit_ratio: 0.2, ..GeneratorConfig::default() }, listed);
    let target = Target {
        brokers,
        properties: vec![("message.timeout.ms".into(), "20000".into())],
        topic: "in".into(),
        decisions_topic: "decisions".into(),
        rate: Rate::Fixed { per_second: 2000.0, ramp: Duration::from_millis(100) },
        duration: None,
        count: Some(1500),
        drain: Duration::from_secs(30),
        run_id: "kafka-test".into(),
    };
    let mut seen = Vec::new();
    let finished =
        within(LIMIT, "the run", kafka::run(&target, generator, |p| seen.push(p))).await.expect("the run completes");
    stop.store(true, Ordering::Relaxed);
    let answered = within(LIMIT, "the stand-in service to stop", service).await.unwrap();

    let report = &finished.report;
    assert_eq!(finished.failed_sends, 0);
    assert_eq!(answered, 1500, "the stand-in answered every payment once");
    assert_eq!((report.sent, report.decided, report.without_decision), (1500, 1500, 0), "{}", report.summary());
    assert_eq!((report.duplicates, report.unknown_keys), (0, 0), "{}", report.summary());
    assert!(report.expected_hits > 100, "{}", report.summary());
    assert_eq!((report.hits_found, report.missed_hits), (report.expected_hits, 0), "{}", report.summary());
    assert_eq!((report.false_positives, report.errors), (0, 0));
    assert!(report.passed, "{}", report.summary());
    assert!(report.latency_us.p50 > 0);
    assert!(
        seen.iter().any(|p| matches!(p, Progress::Sending { sent: 1000, .. })),
        "progress is reported every thousand payments: {seen:?}"
    );
    assert_eq!(seen.last(), Some(&Progress::Draining { pending: 0 }), "the run ends with every decision read");
    // In process, and not `Send`: its drop stops its threads without a network wait.
    drop(cluster);
}

#[tokio::test]
async fn a_missing_decisions_topic_is_named() {
    let cluster = MockCluster::new(1).unwrap();
    cluster.create_topic("in", 1, 1).unwrap();
    let target = Target {
        brokers: cluster.bootstrap_servers(),
        properties: Vec::new(),
        topic: "in".into(),
        decisions_topic: "no-such-topic".into(),
        rate: Rate::Max,
        duration: None,
        count: Some(1),
        drain: Duration::from_secs(1),
        run_id: "kafka-test-missing".into(),
    };
    let generator = Generator::new(GeneratorConfig::default(), Vec::new());
    let error = within(LIMIT, "the run to fail", kafka::run(&target, generator, |_| {})).await.unwrap_err();
    assert!(error.to_string().contains("no-such-topic"), "{error}");
    drop(cluster);
}
