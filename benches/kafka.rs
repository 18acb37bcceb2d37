//! End-to-end Kafka benchmark on librdkafka's in-process mock cluster: the service's
//! throughput and produce→decision latency, and, in the same run and on the same
//! cluster, a plain consume→produce passthrough (no screening) as the reference. The
//! ratio of the two rates is the figure.
//!
//! Run: `cargo bench --bench kafka` (add `-- --messages N`). The mock cluster is not a
//! real broker (no disks, no network between machines). With `INTERDICT_BENCH_BROKERS`
//! set, the same bench runs against that broker (`benches/kafka_e2e.sh` starts tansu
//! and does so).

/// The binary's allocator (src/main.rs), so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use interdict_screen::{ScreenConfig, Screener};
use interdict_stream::{Config, Service, Start};
use rdkafka::config::ClientConfig;
use rdkafka::consumer::Consumer;
use rdkafka::message::Message;
use rdkafka::producer::{FutureProducer, FutureRecord};

mod common;
use common::BenchArgs;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[(((p / 100.0) * (sorted.len() - 1) as f64).round() as usize).min(sorted.len() - 1)]
}

/// Produces `n` payments with their send time, keyed `i`.
async fn produce(brokers: &str, topic: &str, n: usize, payloads: &[Vec<u8>]) -> HashMap<String, Instant> {
    let producer: FutureProducer =
        ClientConfig::new().set("bootstrap.servers", brokers).set("linger.ms", "1").create().unwrap();
    let mut sent = HashMap::with_capacity(n);
    let mut pending = Vec::with_capacity(n);
    for i in 0..n {
        let key = i.to_string();
        sent.insert(key.clone(), Instant::now());
        let record = FutureRecord::to(topic).key(&key).payload(&payloads[i % payloads.len()]);
        pending.push(producer.send_result(record).map_err(|(e, _)| e).unwrap());
    }
    for p in pending {
        p.await.unwrap().unwrap();
    }
    sent
}

/// Reads `n` records from `topic`, returning the time each key arrived.
async fn collect(brokers: &str, topic: &str, group: &str, n: usize) -> HashMap<String, Instant> {
    let reader = interdict_stream::consumer::reader(
        ClientConfig::new()
            .set("bootstrap.servers", brokers)
            .set("group.id", group)
            .set("auto.offset.reset", "earliest")
            .set("fetch.wait.max.ms", "10"),
    )
    .unwrap();
    // Assigned, not subscribed: no group join delays the first read.
    let mut tpl = rdkafka::TopicPartitionList::new();
    for partition in 0..4 {
        tpl.add_partition_offset(topic, partition, rdkafka::Offset::Beginning).unwrap();
    }
    reader.assign(&tpl).unwrap();
    let mut seen = HashMap::with_capacity(n);
    let deadline = Instant::now() + Duration::from_secs(300);
    while seen.len() < n && Instant::now() < deadline {
        if let Ok(Ok(m)) = tokio::time::timeout(Duration::from_secs(1), reader.recv()).await {
            let key = String::from_utf8_lossy(m.key().unwrap_or(&[])).into_owned();
            seen.entry(key).or_insert_with(Instant::now);
        }
    }
    interdict_stream::consumer::close(reader, Duration::from_secs(30)).await.unwrap();
    seen
}

/// The topics the bench uses.
const TOPICS: [&str; 6] = ["in", "decisions", "review", "dlq", "pass-in", "pass-out"];

/// One timed run through the cluster: when each payment was sent to `input`, when its
/// record was read from `output`, and when sending started.
struct Round {
    started: Instant,
    sent: HashMap<String, Instant>,
    read: HashMap<String, Instant>,
}

impl Round {
    /// Lets the consumer group on `input` form, starts a reader of `output` (group
    /// `reader`), then sends `n` payments and waits for their `n` records.
    async fn run(brokers: &str, input: &str, output: &str, reader: &str, n: usize, payloads: &[Vec<u8>]) -> Round {
        tokio::time::sleep(Duration::from_secs(3)).await;
        let collector = tokio::spawn({
            let (brokers, output, reader) = (brokers.to_string(), output.to_string(), reader.to_string());
            async move { collect(&brokers, &output, &reader, n).await }
        });
        tokio::time::sleep(Duration::from_secs(2)).await;
        let started = Instant::now();
        let sent = produce(brokers, input, n, payloads).await;
        let read = collector.await.unwrap();
        Round { started, sent, read }
    }

    /// Seconds from the first send to the last record read.
    fn seconds(&self) -> f64 {
        self.read.values().max().map_or(0.0, |t| t.duration_since(self.started).as_secs_f64())
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args = BenchArgs::from_env();
    let quick = args.quick;
    let n = args.count("--messages", 200, 20_000);
    let index = interdict_testkit::lists::index_of(&interdict_testkit::lists::bundled_sdn());
    let screener = Arc::new(Screener::new(Arc::new(index), ScreenConfig::default()).unwrap());
    let payloads: Vec<Vec<u8>> = ["data/payments/pacs008_choe.xml", "data/payments/mt103_rent.txt"]
        .iter()
        .map(|f| std::fs::read(interdict_testkit::lists::repo_path(f)).unwrap())
        .collect();

    // A real broker when one is given (its topics created beforehand, 4 partitions
    // each: see benches/kafka_e2e.sh), else the in-process mock cluster.
    let (cluster, brokers) = match std::env::var("INTERDICT_BENCH_BROKERS") {
        Ok(brokers) => (None, brokers),
        Err(_) => {
            let (cluster, brokers) = interdict_stream::mock::cluster(&TOPICS.map(|t| (t, 4))).unwrap();
            (Some(cluster), brokers)
        }
    };
    let broker_name =
        if cluster.is_some() { "the librdkafka mock cluster" } else { "the broker at INTERDICT_BENCH_BROKERS" };

    // Interdict: consume, screen, produce decision (+ review), store offsets.
    let config = Config {
        brokers: brokers.clone(),
        group: "interdict-bench".into(),
        input_topics: vec!["in".into()],
        decisions_topic: "decisions".into(),
        review_topic: "review".into(),
        dlq_topic: "dlq".into(),
        ..Config::default()
    };
    let service = Service::start(config, Start::with_screener(screener)).await.unwrap();
    let screened = Round::run(&brokers, "in", "decisions", "bench-reader", n, &payloads).await;
    let (decided, service_seconds) = (&screened.read, screened.seconds());
    let mut latencies: Vec<f64> = decided
        .iter()
        .filter_map(|(k, t)| screened.sent.get(k).map(|s| t.duration_since(*s).as_secs_f64() * 1e3))
        .collect();
    latencies.sort_by(f64::total_cmp);
    service.stop_and_wait().await.unwrap();

    // Reference: the same cluster, a plain consume → produce copy with no screening.
    let (pass_stop, mut pass_stopped) = tokio::sync::oneshot::channel::<()>();
    let passthrough = tokio::spawn({
        let brokers = brokers.clone();
        async move {
            let consumer = interdict_stream::consumer::reader(
                ClientConfig::new()
                    .set("bootstrap.servers", &brokers)
                    .set("group.id", "passthrough")
                    .set("auto.offset.reset", "earliest")
                    .set("fetch.wait.max.ms", "10"),
            )
            .unwrap();
            consumer.subscribe(&["pass-in"]).unwrap();
            let producer: FutureProducer =
                ClientConfig::new().set("bootstrap.servers", &brokers).set("linger.ms", "1").create().unwrap();
            loop {
                let m = tokio::select! {
                    _ = &mut pass_stopped => break,
                    m = consumer.recv() => m,
                };
                let Ok(m) = m else { continue };
                let key = m.key().unwrap_or(&[]).to_vec();
                let payload = m.payload().unwrap_or(&[]).to_vec();
                // Queued like the service queues its outputs; delivery awaited on the side.
                let record = FutureRecord::to("pass-out").key(&key).payload(&payload);
                let delivery = producer.send_result(record).map_err(|(e, _)| e).unwrap();
                tokio::spawn(delivery);
            }
            interdict_stream::consumer::close(consumer, Duration::from_secs(30)).await.unwrap();
        }
    });
    let passed = Round::run(&brokers, "pass-in", "pass-out", "pass-reader", n, &payloads).await;
    let (copied, pass_seconds) = (&passed.read, passed.seconds());
    pass_stop.send(()).unwrap();
    passthrough.await.unwrap();

    let service_rate = decided.len() as f64 / service_seconds.max(1e-9);
    let pass_rate = copied.len() as f64 / pass_seconds.max(1e-9);
    println!("kafka benchmark on {broker_name}{}", if quick { " [quick mode: not a measurement]" } else { "" });
    println!("  messages: {n} (pacs.008 holds and MT103 passes alternating), 4 partitions, one service instance");
    println!(
        "  interdict: {} decisions in {service_seconds:.2} s = {service_rate:.0} messages/s; produce->decision latency p50 {:.1} ms, p99 {:.1} ms",
        decided.len(),
        percentile(&latencies, 50.0),
        percentile(&latencies, 99.0)
    );
    println!("  passthrough (consume -> produce, no screening): {} copies in {pass_seconds:.2} s = {pass_rate:.0} messages/s", copied.len());
    println!("  ratio interdict / passthrough: {:.0} %", 100.0 * service_rate / pass_rate.max(1e-9));
    drop(cluster);
}
