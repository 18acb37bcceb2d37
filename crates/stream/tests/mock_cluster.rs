//! The service against librdkafka's in-process mock cluster: every input message gets
//! exactly one decision, holds reach the review topic, bad messages reach the dead
//! letter topic with their original bytes, and offsets are stored past everything.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

use interdict_index::{build, Index};
use interdict_model::{Entity, EntityKind};
use interdict_screen::{ScreenConfig, Screener};
use interdict_stream::consumer::{self, Member, ReaderContext};
use interdict_stream::{mock, Config, Service, ServiceHandle, Start};
use interdict_testkit::{drop_within, within};
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::message::Message;
use rdkafka::mocking::MockCluster;
use rdkafka::producer::{FutureProducer, FutureRecord};

mod support;
use support::schemas::Schemas;

/// A record read back: its key and payload.
type Record = (Option<Vec<u8>>, Vec<u8>);

const HOLD: &str = r#"{"message_id": "H", "format": "json", "transactions": [{"parties": [], "free_text": [{"path": "/rmt", "value": "VIA 2ND ACADEMY OF NATURAL SCIENCES"}]}]}"#;
const PASS: &str = r#"{"message_id": "P", "format": "json", "transactions": [{"parties": [], "free_text": [{"path": "/rmt", "value": "RENT"}]}]}"#;
const BAD: &str = "<Document><unclosed></Document>";

/// A screener over one listed organisation; the build time makes the index version.
fn screener(build_time: &str) -> Arc<Screener> {
    let e = Entity::new("ofac-sdn:12215", "ofac-sdn", EntityKind::Organization, "SECOND ACADEMY OF NATURAL SCIENCES");
    let index = Index::from_bytes(build(vec![e], vec![], build_time).unwrap()).unwrap();
    Arc::new(Screener::new(Arc::new(index), ScreenConfig::default()).unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_decision_per_message_holds_to_review_bad_to_dead_letter() {
    let (cluster, brokers) = cluster(3);
    let producer: FutureProducer = ClientConfig::new().set("bootstrap.servers", &brokers).create().unwrap();
    let mut produced = BTreeSet::new();
    for i in 0..30 {
        let payload = [HOLD, PASS, BAD][i % 3];
        let key = format!("k{i}");
        let delivery = producer
            .send(FutureRecord::to("in").key(&key).payload(payload).partition((i % 3) as i32), Duration::from_secs(5))
            .await
            .unwrap();
        produced.insert((delivery.partition, delivery.offset));
    }

    // Statistics often, so that consumer lag is exported within the test.
    let config = Config {
        kafka: [("statistics.interval.ms".to_string(), "100".to_string())].into_iter().collect(),
        ..config(&brokers)
    };
    let service = start(config).await;

    let reader = reader(&brokers);
    reader.subscribe(&["decisions", "review", "dlq"]).unwrap();
    let mut by_topic: HashMap<String, Vec<Record>> = HashMap::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while by_topic.values().map(Vec::len).sum::<usize>() < 50 && Instant::now() < deadline {
        if let Ok(Ok(m)) = tokio::time::timeout(Duration::from_secs(1), reader.recv()).await {
            by_topic
                .entry(m.topic().to_string())
                .or_default()
                .push((m.key().map(<[u8]>::to_vec), m.payload().unwrap_or(&[]).to_vec()));
        }
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let metrics = interdict_stream::telemetry::prometheus().render();
    let stats = within(STOP, "the service to stop", service.stop_and_wait()).await.unwrap();
    let lag: Vec<&str> = metrics.lines().filter(|l| l.starts_with("interdict_consumer_lag{")).collect();
    assert!(
        lag.iter().any(|l| l.contains("topic=\"in\"") && l.contains("partition=\"0\"")),
        "consumer lag per input partition is exported: {lag:?}"
    );

    let decisions = &by_topic["decisions"];
    assert_eq!(decisions.len(), 30, "exactly one decision per input message");
    let mut seen = BTreeSet::new();
    for (key, payload) in decisions {
        let d: serde_json::Value = serde_json::from_slice(payload).unwrap();
        let at = (d["input"]["partition"].as_i64().unwrap() as i32, d["input"]["offset"].as_i64().unwrap());
        assert!(seen.insert(at), "a second decision for {at:?}");
        assert_eq!(
            key.as_deref().map(|k| String::from_utf8_lossy(k).into_owned()),
            d["key"].as_str().map(String::from)
        );
    }
    assert_eq!(seen, produced, "every produced offset has its decision");
    assert_eq!(by_topic["review"].len(), 10, "every hold is on the review topic");
    assert_eq!(by_topic["dlq"].len(), 10, "every bad message is on the dead-letter topic");
    assert!(by_topic["dlq"].iter().all(|(_, p)| p == BAD.as_bytes()), "the DLQ keeps the original bytes");
    assert_eq!((stats.messages, stats.holds, stats.errors), (30, 10, 10));
    for partition in 0..3 {
        assert_eq!(
            stats.stored.get(&("in".to_string(), partition)),
            Some(&10),
            "partition {partition} stored past all"
        );
    }
    close_all(reader, producer, cluster).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broker_outage_loses_nothing() {
    let (cluster, brokers) = cluster(2);
    let producer: FutureProducer = ClientConfig::new().set("bootstrap.servers", &brokers).create().unwrap();
    let mut sent = Sent::default();
    for i in 0..40 {
        let payload = [HOLD, PASS, BAD, PASS][i % 4];
        let d =
            producer.send(FutureRecord::<(), str>::to("in").payload(payload), Duration::from_secs(5)).await.unwrap();
        sent.add((d.partition, d.offset), payload);
    }
    let config = Config {
        // Small batches, so the outage falls in the middle of the stream.
        kafka: [("max.partition.fetch.bytes".to_string(), "512".to_string())].into_iter().collect(),
        max_in_flight: 4,
        ..config(&brokers)
    };
    let service = start(config).await;

    // Take the only broker down for a while as soon as decisions start to flow.
    let reader = reader(&brokers);
    reader.subscribe(&["decisions", "review", "dlq"]).unwrap();
    let mut tally = Tally::default();
    let mut outage_done = false;
    let deadline = Instant::now() + Duration::from_secs(90);
    while !tally.complete(&sent) && Instant::now() < deadline {
        if let Ok(Ok(m)) = tokio::time::timeout(Duration::from_secs(1), reader.recv()).await {
            tally.read(&m);
            if !outage_done && !tally.decided.is_empty() {
                outage_done = true;
                cluster.broker_down(1).unwrap();
                tokio::time::sleep(Duration::from_secs(3)).await;
                cluster.broker_up(1).unwrap();
            }
        }
    }
    let stats = within(STOP, "the service to stop", service.stop_and_wait()).await.unwrap();
    assert!(outage_done, "the outage happened");
    tally.assert_complete(&sent, "after the outage");
    assert!(stats.messages >= 40, "{stats:?}");
    close_all(reader, producer, cluster).await;
}

/// A mock cluster with the input topic (`partitions` partitions) and the three outputs.
fn cluster(partitions: i32) -> (MockCluster<'static, rdkafka::producer::DefaultProducerContext>, String) {
    mock::cluster(&[("in", partitions), ("decisions", 1), ("review", 1), ("dlq", 1)]).unwrap()
}

fn config(brokers: &str) -> Config {
    Config {
        brokers: brokers.to_string(),
        group: "screeners".into(),
        input_topics: vec!["in".into()],
        decisions_topic: "decisions".into(),
        review_topic: "review".into(),
        dlq_topic: "dlq".into(),
        ..Config::default()
    }
}

/// Starts the service with the test screener.
async fn start(config: Config) -> ServiceHandle {
    start_with(config, screener("2026-01-01T00:00:00Z")).await
}

async fn start_with(config: Config, screener: Arc<Screener>) -> ServiceHandle {
    within(STOP, "the service to start", Service::start(config, Start::with_screener(screener))).await.unwrap()
}

/// A consumer of the output topics, from the beginning.
fn reader(brokers: &str) -> Reader {
    consumer::reader_from_start(brokers, "checker").unwrap()
}

type Reader = StreamConsumer<ReaderContext>;

/// How long a stopping service may take before the test fails.
const STOP: Duration = Duration::from_secs(60);

/// Closes the test's clients before the cluster goes (or their close waits for
/// timeouts), each under a limit.
async fn close_all(
    reader: Reader,
    producer: FutureProducer,
    cluster: MockCluster<'static, rdkafka::producer::DefaultProducerContext>,
) {
    consumer::close(reader, Duration::from_secs(30)).await.expect("the reader closes");
    drop_within(producer, Duration::from_secs(30), "the test producer");
    // In process, and not `Send`: its drop stops its threads without a network wait.
    drop(cluster);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hot_reload_under_load_loses_nothing_and_each_decision_names_its_index() {
    let (cluster, brokers) = cluster(2);
    let producer: FutureProducer = ClientConfig::new().set("bootstrap.servers", &brokers).create().unwrap();
    let service = start(config(&brokers)).await;
    let old_version = service.state().screener.load_full().unwrap().index_version().to_string();
    let new = screener("2026-02-01T00:00:00Z");
    let new_version = new.index_version().to_string();
    assert_ne!(old_version, new_version);
    let reader = reader(&brokers);
    reader.subscribe(&["decisions", "review", "dlq"]).unwrap();

    // Payments keep arriving while the index is swapped: 100 before, 100 after.
    let mut sent = Sent::default();
    let mut tally = Tally::default();
    let mut versions = BTreeSet::new();
    for round in 0..2 {
        for i in 0..100 {
            let payload = [HOLD, PASS, BAD, PASS][i % 4];
            let d = producer
                .send(FutureRecord::<(), str>::to("in").payload(payload), Duration::from_secs(5))
                .await
                .unwrap();
            sent.add((d.partition, d.offset), payload);
        }
        let deadline = Instant::now() + Duration::from_secs(60);
        while !tally.complete(&sent) && Instant::now() < deadline {
            if let Ok(Ok(m)) = tokio::time::timeout(Duration::from_secs(1), reader.recv()).await {
                if m.topic() == "decisions" {
                    let d: serde_json::Value = serde_json::from_slice(m.payload().unwrap_or(&[])).unwrap();
                    versions.insert(d["index_version"].as_str().unwrap().to_string());
                }
                tally.read(&m);
            }
        }
        if round == 0 {
            // What SIGHUP does in `interdict run`: swap in a verified screener, no restart.
            service.state().screener.store(Some(new.clone()));
        }
    }
    within(STOP, "the service to stop", service.stop_and_wait()).await.unwrap();
    tally.assert_complete(&sent, "across the reload");
    let expected: BTreeSet<String> = [old_version, new_version].into_iter().collect();
    assert_eq!(versions, expected, "decisions name the index that produced them");
    close_all(reader, producer, cluster).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rebalance_between_two_instances_loses_nothing() {
    rebalance_between_two_instances("range,roundrobin").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cooperative_rebalance_between_two_instances_loses_nothing() {
    rebalance_between_two_instances("cooperative-sticky").await;
}

async fn rebalance_between_two_instances(assignor: &str) {
    let (cluster, brokers) = cluster(4);
    let producer: FutureProducer = ClientConfig::new().set("bootstrap.servers", &brokers).create().unwrap();
    let fast_group = |brokers: &str| Config {
        // Quick group membership, so the second instance joins within the test.
        kafka: [
            ("session.timeout.ms".to_string(), "6000".to_string()),
            ("heartbeat.interval.ms".to_string(), "500".to_string()),
            ("partition.assignment.strategy".to_string(), assignor.to_string()),
        ]
        .into_iter()
        .collect(),
        ..config(brokers)
    };
    let service_a = start(fast_group(&brokers)).await;
    let reader = reader(&brokers);
    reader.subscribe(&["decisions", "review", "dlq"]).unwrap();

    let mut sent = Sent::default();
    let mut tally = Tally::default();
    let mut second = None;
    for round in 0..3 {
        for i in 0..60 {
            let payload = [HOLD, PASS, BAD][i % 3];
            let d = producer
                .send(FutureRecord::<(), str>::to("in").payload(payload), Duration::from_secs(5))
                .await
                .unwrap();
            sent.add((d.partition, d.offset), payload);
        }
        tally.read_all(&reader, &sent, Duration::from_secs(60)).await;
        if round == 0 {
            // The first instance holds all four partitions and has done work on each;
            // a second instance joins and the group rebalances them.
            let service_b = start(fast_group(&brokers)).await;
            // Until it holds partitions (a cooperative rebalance takes two rounds).
            let state = service_b.state().clone();
            second = Some(service_b);
            within(Duration::from_secs(60), "the second instance's assignment", async {
                while state.assignment.partitions().is_empty() {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            })
            .await;
        }
    }
    let service_b = second.unwrap();
    service_a.stop();
    service_b.stop();
    let a = within(STOP, "service a to stop", service_a.wait()).await.unwrap();
    let b = within(STOP, "service b to stop", service_b.wait()).await.unwrap();
    tally.assert_complete(&sent, "across the rebalance");
    assert!(a.messages + b.messages >= sent.all.len() as u64, "{a:?} {b:?}");
    assert!(b.messages > 0, "the second instance took partitions: {b:?}");
    // Revoked partitions are drained before they move, then committed. The mock cluster
    // refuses that commit while the rebalance is in progress (a real broker accepts it
    // from the current generation), so here the new owner may replay what was done
    // since the last periodic commit: duplicates are possible, losses are not.
    close_all(reader, producer, cluster).await;
}

/// Two MT103 in one record: the first names a listed organisation in field 70.
const MT_PAIR: &str = "{1:F01BANKGB2LAXXX0000000000}{2:I103BANKUS33XXXXN}{4:\n:20:FIRST-1\n:23B:CRED\n:32A:261128GBP1250,00\n:50K:/GB29NWBK60161331926819\nEMMA DANIELS\nLEEDS\n:59:/GB82WEST12345698765432\nNORTHERN HOMES LTD\n:70:VIA 2ND ACADEMY OF NATURAL SCIENCES\n:71A:SHA\n-}\n{1:F01BANKGB2LAXXX0000000000}{2:I103BANKUS33XXXXN}{4:\n:20:SECOND-2\n:23B:CRED\n:32A:261128GBP90,00\n:50K:/GB29NWBK60161331926819\nEMMA DANIELS\nLEEDS\n:59:/GB82WEST12345698765432\nNORTHERN HOMES LTD\n:70:RENT\n:71A:SHA\n-}\n";

/// What a bank's payment hub puts on its records: W3C trace context, a correlation id,
/// a binary value, a null value, and a forged interdict header.
fn hub_headers() -> rdkafka::message::OwnedHeaders {
    use rdkafka::message::{Header, OwnedHeaders};
    OwnedHeaders::new()
        .insert(Header { key: "traceparent", value: Some("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01") })
        .insert(Header { key: "x-correlation-id", value: Some("hub-7781") })
        .insert(Header { key: "x-binary", value: Some(&[0xff_u8, 0x00, 0xc3, 0x28][..]) })
        .insert(Header::<&str> { key: "x-null", value: None })
        .insert(Header { key: "interdict-verdict", value: Some("pass") })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn outputs_keep_the_input_headers_follow_their_schemas_and_decide_each_message() {
    use interdict_model::record::{DecisionRecord, ReviewRecord};
    use rdkafka::message::Headers;
    let schemas = Schemas::load();
    let (cluster, brokers) = cluster(1);
    let producer: FutureProducer = ClientConfig::new().set("bootstrap.servers", &brokers).create().unwrap();
    for (key, payload) in [("k-hold", HOLD), ("k-pair", MT_PAIR), ("k-bad", BAD)] {
        producer
            .send(FutureRecord::to("in").key(key).payload(payload).headers(hub_headers()), Duration::from_secs(5))
            .await
            .unwrap();
    }
    let service = start(config(&brokers)).await;
    let reader = reader(&brokers);
    reader.subscribe(&["decisions", "review", "dlq"]).unwrap();
    // Four decisions (the pair gives two), two reviews, one dead letter.
    // (topic, headers, payload) of each output record.
    type HeaderList = Vec<(String, Option<Vec<u8>>)>;
    let mut records: Vec<(String, HeaderList, Vec<u8>)> = Vec::new();
    within(Duration::from_secs(60), "seven output records", async {
        while records.len() < 7 {
            let Ok(Ok(m)) = tokio::time::timeout(Duration::from_secs(1), reader.recv()).await else { continue };
            let headers = m
                .headers()
                .map(|h| h.iter().map(|h| (h.key.to_string(), h.value.map(<[u8]>::to_vec))).collect())
                .unwrap_or_default();
            records.push((m.topic().to_string(), headers, m.payload().unwrap_or(&[]).to_vec()));
        }
    })
    .await;
    within(STOP, "the service to stop", service.stop_and_wait()).await.unwrap();

    let mut decisions = Vec::new();
    for (topic, headers, payload) in &records {
        // The hub's headers come first, in order and byte for byte; the forged verdict
        // is not copied, so each record has exactly one, the service's own.
        let names: Vec<&str> = headers.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names[..4], ["traceparent", "x-correlation-id", "x-binary", "x-null"], "{topic}");
        assert_eq!(headers[0].1.as_deref(), Some(&b"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"[..]));
        assert_eq!(headers[2].1.as_deref(), Some(&[0xff_u8, 0x00, 0xc3, 0x28][..]), "{topic}: bytes untouched");
        assert_eq!(headers[3].1, None, "{topic}: a null value stays null");
        let verdicts: Vec<_> = headers.iter().filter(|(n, _)| n == "interdict-verdict").collect();
        assert_eq!(verdicts.len(), 1, "{topic}: {verdicts:?}");
        let verdict = match topic.as_str() {
            "decisions" => {
                schemas.check_decision(payload);
                let decision: DecisionRecord = serde_json::from_slice(payload).unwrap();
                let verdict = serde_json::to_value(decision.verdict).unwrap().as_str().unwrap().to_string();
                decisions.push(decision);
                verdict
            }
            "review" => {
                schemas.check_review(payload);
                let review: ReviewRecord = serde_json::from_slice(payload).unwrap();
                assert!(!review.original.content.is_empty());
                assert_eq!(review.screened_with.index_version, review.verdict.index_version);
                "hold".to_string()
            }
            _ => {
                schemas.check_dead_letter_headers(headers);
                "error".to_string()
            }
        };
        assert_eq!(verdicts[0].1.as_deref(), Some(verdict.as_bytes()), "{topic}: the service's own verdict");
    }
    let topics = |t: &str| records.iter().filter(|(topic, _, _)| topic == t).count();
    assert_eq!((topics("decisions"), topics("review"), topics("dlq")), (4, 2, 1));
    // The MT pair: one input record, two decisions, each with its own message id.
    let mut pair: Vec<_> = decisions.iter().filter(|d| d.message.key.as_deref() == Some("k-pair")).collect();
    pair.sort_by_key(|d| d.message.message_index);
    let got: Vec<_> = pair
        .iter()
        .map(|d| (d.message.message_index, d.message.messages_in_input, d.message_id.as_deref(), d.verdict))
        .collect();
    assert_eq!(
        got,
        [
            (0, 2, Some("FIRST-1"), interdict_model::Outcome::Hold),
            (1, 2, Some("SECOND-2"), interdict_model::Outcome::Pass)
        ]
    );
    assert_eq!(pair[0].message.input, pair[1].message.input, "both name the same input record");
    close_all(reader, producer, cluster).await;
}

/// Regression: a member that closes while its group rebalances used to wait forever
/// inside its final revocation (rust-rdkafka's default handler asks librdkafka for the
/// rebalance protocol, which a closing consumer may never answer). Each close here
/// lands at a different moment of a second member's join, with both protocols.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_closing_during_a_rebalance_closes_within_its_limit() {
    let (cluster, brokers) = cluster(4);
    let member = |assignor: &str, group: &str| -> Reader {
        let member = consumer::reader(
            ClientConfig::new()
                .set("bootstrap.servers", &brokers)
                .set("group.id", group)
                .set("session.timeout.ms", "6000")
                .set("heartbeat.interval.ms", "200")
                .set("partition.assignment.strategy", assignor),
        )
        .unwrap();
        member.subscribe(&["in"]).unwrap();
        member
    };
    for assignor in ["range,roundrobin", "cooperative-sticky"] {
        for (round, delay_ms) in [0u64, 150, 600].into_iter().enumerate() {
            let group = format!("closing-{assignor}-{round}");
            let first = member(assignor, &group);
            within(Duration::from_secs(30), "the first member's assignment", async {
                while first.context().membership().assigned().is_empty() {
                    let _ = tokio::time::timeout(Duration::from_millis(50), first.recv()).await;
                }
            })
            .await;
            // A second member joins (and keeps polling); the group rebalances.
            let second = member(assignor, &group);
            let (stop_polling, mut stopped) = tokio::sync::oneshot::channel::<()>();
            let poller = tokio::spawn(async move {
                loop {
                    tokio::select! {
                        _ = &mut stopped => return second,
                        _ = tokio::time::timeout(Duration::from_millis(50), second.recv()) => {}
                    }
                }
            });
            // The first member keeps polling for a moment, then closes mid-rebalance.
            let until = Instant::now() + Duration::from_millis(delay_ms);
            while Instant::now() < until {
                let _ = tokio::time::timeout(Duration::from_millis(20), first.recv()).await;
            }
            let what = format!("{assignor}: the first member to close {delay_ms} ms into a rebalance");
            within(Duration::from_secs(40), &what, consumer::close(first, Duration::from_secs(30)))
                .await
                .unwrap_or_else(|e| panic!("{what}: {e}"));
            let _ = stop_polling.send(());
            let second = within(Duration::from_secs(10), "the second member's poller", poller).await.unwrap();
            within(
                Duration::from_secs(40),
                "the second member to close",
                consumer::close(second, Duration::from_secs(30)),
            )
            .await
            .unwrap();
        }
    }
    drop(cluster);
}

/// Output records read back: decisions per input offset, records per topic, and the
/// inputs that reached review and the dead-letter topic (from the records' headers).
#[derive(Default)]
struct Tally {
    decided: HashMap<(i32, i64), usize>,
    per_topic: HashMap<String, usize>,
    reviewed: BTreeSet<(i32, i64)>,
    dead_lettered: BTreeSet<(i32, i64)>,
}

impl Tally {
    fn read(&mut self, m: &rdkafka::message::BorrowedMessage<'_>) {
        use rdkafka::message::Headers;
        *self.per_topic.entry(m.topic().to_string()).or_default() += 1;
        let header = |name: &str| -> Option<i64> {
            let headers = m.headers()?;
            let h = headers.iter().find(|h| h.key == name)?;
            std::str::from_utf8(h.value?).ok()?.parse().ok()
        };
        let input = || {
            (
                header(interdict_model::record::headers::INPUT_PARTITION).unwrap() as i32,
                header(interdict_model::record::headers::INPUT_OFFSET).unwrap(),
            )
        };
        match m.topic() {
            "decisions" => {
                let d: serde_json::Value = serde_json::from_slice(m.payload().unwrap_or(&[])).unwrap();
                let at = (d["input"]["partition"].as_i64().unwrap() as i32, d["input"]["offset"].as_i64().unwrap());
                *self.decided.entry(at).or_default() += 1;
            }
            "review" => {
                self.reviewed.insert(input());
            }
            "dlq" => {
                self.dead_lettered.insert(input());
            }
            _ => {}
        }
    }

    /// Reads until every produced message has its decision and every hold and bad
    /// message its review or dead-letter record, or the time is up.
    async fn read_all(&mut self, reader: &Reader, sent: &Sent, limit: Duration) {
        let deadline = Instant::now() + limit;
        while !self.complete(sent) && Instant::now() < deadline {
            if let Ok(Ok(m)) = tokio::time::timeout(Duration::from_millis(500), reader.recv()).await {
                self.read(&m);
            }
        }
    }

    fn complete(&self, sent: &Sent) -> bool {
        sent.all.iter().all(|k| self.decided.contains_key(k))
            && sent.holds.is_subset(&self.reviewed)
            && sent.bad.is_subset(&self.dead_lettered)
    }

    /// Every input has a decision, every hold is on review, every bad message on the DLQ.
    fn assert_complete(&self, sent: &Sent, what: &str) {
        let decided: BTreeSet<(i32, i64)> = self.decided.keys().copied().collect();
        assert_eq!(decided, sent.all, "{what}: every input offset has a decision");
        assert!(sent.holds.is_subset(&self.reviewed), "{what}: every hold is on the review topic");
        assert!(sent.bad.is_subset(&self.dead_lettered), "{what}: every bad message is on the dead-letter topic");
        assert!(
            self.reviewed.is_subset(&sent.holds) && self.dead_lettered.is_subset(&sent.bad),
            "{what}: nothing else is on review or the DLQ"
        );
    }
}

/// What was produced: all input offsets, and which were holds and which bad.
#[derive(Default)]
struct Sent {
    all: BTreeSet<(i32, i64)>,
    holds: BTreeSet<(i32, i64)>,
    bad: BTreeSet<(i32, i64)>,
}

impl Sent {
    fn add(&mut self, at: (i32, i64), payload: &str) {
        self.all.insert(at);
        if payload == HOLD {
            self.holds.insert(at);
        }
        if payload == BAD {
            self.bad.insert(at);
        }
    }
}

/// A reader that sees only committed transactions.
fn committed_reader(brokers: &str, group: &str) -> Reader {
    consumer::reader(
        ClientConfig::new()
            .set("bootstrap.servers", brokers)
            .set("group.id", group)
            .set("auto.offset.reset", "earliest")
            .set("isolation.level", "read_committed"),
    )
    .unwrap()
}

/// The mock cluster speaks the transactional protocol (InitProducerId, AddPartitionsToTxn,
/// TxnOffsetCommit, EndTxn) but writes no transaction markers and keeps no offsets sent
/// in a transaction, so what a crash or an abort leaves behind cannot be checked on it;
/// this checks the transactional path end to end on a clean run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exactly_once_writes_each_output_once() {
    let (cluster, brokers) = cluster(2);
    let producer: FutureProducer = ClientConfig::new().set("bootstrap.servers", &brokers).create().unwrap();
    let mut produced = BTreeSet::new();
    let mut last: HashMap<(String, i32), i64> = HashMap::new();
    let (mut expected_holds, mut expected_bad) = (0, 0);
    for i in 0..90 {
        let payload = [HOLD, PASS, BAD][i % 3];
        let d =
            producer.send(FutureRecord::<(), str>::to("in").payload(payload), Duration::from_secs(5)).await.unwrap();
        produced.insert((d.partition, d.offset));
        last.insert(("in".to_string(), d.partition), d.offset + 1);
        expected_holds += usize::from(payload == HOLD);
        expected_bad += usize::from(payload == BAD);
    }
    let eos = Config {
        exactly_once: true,
        transactional_id: Some("interdict-eos-test".into()),
        // Many small transactions.
        transaction_max_messages: 7,
        ..config(&brokers)
    };
    let reader = committed_reader(&brokers, "eos-checker");
    reader.subscribe(&["decisions", "review", "dlq"]).unwrap();
    let mut tally = Tally::default();
    let service = start(eos).await;
    let deadline = Instant::now() + Duration::from_secs(60);
    while tally.decided.len() < produced.len() && Instant::now() < deadline {
        if let Ok(Ok(m)) = tokio::time::timeout(Duration::from_secs(1), reader.recv()).await {
            tally.read(&m);
        }
    }
    // Duplicates, if any, would arrive within this.
    while let Ok(Ok(m)) = tokio::time::timeout(Duration::from_secs(2), reader.recv()).await {
        tally.read(&m);
    }
    let stats = within(STOP, "the service to stop", service.stop_and_wait()).await.unwrap();

    let keys: BTreeSet<(i32, i64)> = tally.decided.keys().copied().collect();
    assert_eq!(keys, produced, "every input offset has a decision");
    let repeated: Vec<_> = tally.decided.iter().filter(|(_, &n)| n != 1).collect();
    assert!(repeated.is_empty(), "one decision per input: {repeated:?}");
    assert_eq!(tally.per_topic.get("review").copied().unwrap_or(0), expected_holds, "every hold once on review");
    assert_eq!(tally.per_topic.get("dlq").copied().unwrap_or(0), expected_bad, "every bad message once on the DLQ");
    assert_eq!(stats.messages, 90, "{stats:?}");
    assert_eq!(stats.stored, last, "the offsets sent with the last transactions are one past each partition's end");
    close_all(reader, producer, cluster).await;
}
