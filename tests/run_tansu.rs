//! `interdict run` and `interdict loadgen` as processes against a real Kafka-protocol
//! broker: tansu, started on loopback with in-memory storage. `.ci/run` installs tansu;
//! on a machine without it these tests say SKIPPED and pass (in CI, with `CI` set, a
//! missing tansu is a failure).
//!
//! tansu 0.6 has no transactions, and its memory storage does not survive a restart, so
//! the exactly-once and broker-outage tests run on librdkafka's mock cluster instead
//! (crates/stream/tests/mock_cluster.rs).

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use interdict_stream::consumer::{self, ReaderContext};
use interdict_testkit::{output_within, wait_exit, wait_output};
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::message::Message;
use rdkafka::producer::{FutureProducer, FutureRecord};

mod common;
use common::{build_index, start, stop, terminate};

/// A tansu broker on a free loopback port, stopped when dropped.
struct Tansu {
    child: Child,
    brokers: String,
}

impl Drop for Tansu {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn tansu_binary() -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|d| d.join("tansu"));
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
        .map(|h| h.join("bin/tansu"));
    on_path.chain(cargo_home).find(|p| p.is_file())
}

/// Starts tansu with the topics given, or says why the test is skipped.
fn start_tansu(test: &str, topics: &[(&str, u32)]) -> Option<Tansu> {
    let Some(binary) = tansu_binary() else {
        if std::env::var_os("CI").is_some() {
            panic!("{test}: tansu is not installed; .ci/run installs it (cargo install tansu --locked --features dynostore)");
        }
        eprintln!("SKIPPED {test}: tansu is not installed (cargo install tansu --locked --features dynostore)");
        return None;
    };
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("tcp://127.0.0.1:{port}");
    let child = Command::new(&binary)
        .args(["broker", "--listener-url", &url, "--advertised-listener-url", &url])
        .args(["--storage-engine", "memory://tansu/"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let tansu = Tansu { child, brokers: format!("127.0.0.1:{port}") };
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(&tansu.brokers).is_err() {
        assert!(Instant::now() < deadline, "tansu did not start listening on {}", tansu.brokers);
        std::thread::sleep(Duration::from_millis(50));
    }
    for (topic, partitions) in topics {
        let created = output_within(
            Command::new(&binary).args([
                "topic",
                "create",
                "--broker",
                &url,
                "--partitions",
                &partitions.to_string(),
                topic,
            ]),
            Duration::from_secs(30),
            &format!("tansu to create {topic}"),
        );
        assert!(created.status.success(), "creating {topic} on tansu: {}", String::from_utf8_lossy(&created.stderr));
    }
    Some(tansu)
}

const TOPICS: [(&str, u32); 4] = [("in", 3), ("decisions", 1), ("review", 1), ("dlq", 1)];

/// The service, with quick group membership so restarts and joins settle fast.
fn service(brokers: &str, index: &Path, group: &str) -> Command {
    let mut c = common::service(brokers, index, group);
    c.env("INTERDICT_KAFKA_AUTO_COMMIT_INTERVAL_MS", "100")
        .env("INTERDICT_KAFKA_SESSION_TIMEOUT_MS", "6000")
        .env("INTERDICT_KAFKA_HEARTBEAT_INTERVAL_MS", "500");
    c
}

type Reader = StreamConsumer<ReaderContext>;

fn reader(brokers: &str, topics: &[&str]) -> Reader {
    let reader = consumer::reader(
        ClientConfig::new()
            .set("bootstrap.servers", brokers)
            .set("group.id", "checker")
            .set("auto.offset.reset", "earliest"),
    )
    .unwrap();
    reader.subscribe(topics).unwrap();
    reader
}

/// How long `interdict run` may take to stop (its own limit is 25 s) before the test fails.
const STOP: Duration = Duration::from_secs(60);

/// What the output topics held: decisions per input offset, records per topic.
#[derive(Default)]
struct Outputs {
    decided: HashMap<(i32, i64), usize>,
    per_topic: HashMap<String, usize>,
    dlq_payloads: Vec<Vec<u8>>,
}

impl Outputs {
    async fn read_until(&mut self, reader: &Reader, done: impl Fn(&Outputs) -> bool, limit: Duration) {
        let deadline = Instant::now() + limit;
        while !done(self) && Instant::now() < deadline {
            let Ok(Ok(m)) = tokio::time::timeout(Duration::from_millis(200), reader.recv()).await else { continue };
            *self.per_topic.entry(m.topic().to_string()).or_default() += 1;
            match m.topic() {
                "decisions" => {
                    let d: serde_json::Value = serde_json::from_slice(m.payload().unwrap_or(&[])).unwrap();
                    let at = (d["input"]["partition"].as_i64().unwrap() as i32, d["input"]["offset"].as_i64().unwrap());
                    *self.decided.entry(at).or_default() += 1;
                }
                "dlq" => self.dlq_payloads.push(m.payload().unwrap_or(&[]).to_vec()),
                _ => {}
            }
        }
    }

    fn count(&self, topic: &str) -> usize {
        self.per_topic.get(topic).copied().unwrap_or(0)
    }
}

/// Produces `n` payments cycling hold, pass and bad; returns their offsets and how
/// many of each.
async fn produce(brokers: &str, n: usize) -> (BTreeSet<(i32, i64)>, usize, usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let payments = [
        std::fs::read(root.join("data/payments/pacs008_choe.xml")).unwrap(),
        std::fs::read(root.join("data/payments/mt103_rent.txt")).unwrap(),
        BAD.to_vec(),
    ];
    let producer: FutureProducer = ClientConfig::new().set("bootstrap.servers", brokers).create().unwrap();
    let mut produced = BTreeSet::new();
    for i in 0..n {
        let key = format!("m{i}");
        let d = producer
            .send(FutureRecord::to("in").key(&key).payload(&payments[i % 3]), Duration::from_secs(10))
            .await
            .unwrap();
        produced.insert((d.partition, d.offset));
    }
    (produced, n.div_ceil(3), n / 3)
}

const BAD: &[u8] = b"{1:F01BANKDEFFXXXX0000000000}{2:I103";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_tansu_kill_9_and_restart_lose_nothing() {
    let Some(tansu) = start_tansu("on_tansu_kill_9_and_restart_lose_nothing", &TOPICS) else { return };
    let dir = tempfile::tempdir().unwrap();
    let index = build_index(dir.path());
    let (produced, holds, bad) = produce(&tansu.brokers, 240).await;
    let reader = reader(&tansu.brokers, &["decisions", "review", "dlq"]);
    let mut out = Outputs::default();

    // Three times: start, let it decide something, kill -9 (no drain, no commit).
    for _ in 0..3 {
        let mut child = start(service(&tansu.brokers, &index, "screeners"));
        let before = out.decided.len();
        out.read_until(&reader, |o| o.decided.len() > before + 10, Duration::from_secs(30)).await;
        child.kill().unwrap();
        wait_exit(&mut child, STOP, "interdict run to die on SIGKILL");
    }
    let child = start(service(&tansu.brokers, &index, "screeners"));
    out.read_until(
        &reader,
        |o| o.decided.len() == produced.len() && o.count("review") >= holds && o.count("dlq") >= bad,
        Duration::from_secs(90),
    )
    .await;
    // The earlier runs may have finished the topic already: let this one start up before
    // asking it to stop (a signal during process start-up is not the case under test).
    tokio::time::sleep(Duration::from_secs(2)).await;
    let status = stop(child).status;
    assert_eq!(status.code(), Some(0), "the last run stops cleanly on SIGTERM");

    let keys: BTreeSet<(i32, i64)> = out.decided.keys().copied().collect();
    assert_eq!(keys, produced, "every input offset has a decision after three kill -9");
    assert!(out.count("review") >= holds, "every hold reached review: {} of {holds}", out.count("review"));
    assert!(out.count("dlq") >= bad, "every bad message reached the DLQ: {} of {bad}", out.count("dlq"));
    assert!(out.dlq_payloads.iter().all(|p| p == BAD), "the DLQ keeps the original bytes");
    consumer::close(reader, Duration::from_secs(30)).await.expect("the reader closes");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_tansu_a_rebalance_between_two_instances_loses_nothing() {
    let test = "on_tansu_a_rebalance_between_two_instances_loses_nothing";
    let Some(tansu) = start_tansu(test, &TOPICS) else { return };
    let dir = tempfile::tempdir().unwrap();
    let index = build_index(dir.path());
    let reader = reader(&tansu.brokers, &["decisions", "review", "dlq"]);
    let mut out = Outputs::default();
    let mut first = start(service(&tansu.brokers, &index, "pair"));
    let (mut produced, mut holds, mut bad) = produce(&tansu.brokers, 90).await;
    out.read_until(&reader, |o| o.decided.len() >= 30, Duration::from_secs(30)).await;
    // A second instance joins mid-stream; the group splits the three partitions.
    let mut second = start(service(&tansu.brokers, &index, "pair"));
    let (more, more_holds, more_bad) = produce(&tansu.brokers, 90).await;
    produced.extend(more);
    holds += more_holds;
    bad += more_bad;
    out.read_until(
        &reader,
        |o| o.decided.len() == produced.len() && o.count("review") >= holds && o.count("dlq") >= bad,
        Duration::from_secs(90),
    )
    .await;
    for child in [&first, &second] {
        terminate(child);
    }
    assert_eq!(wait_exit(&mut first, STOP, "the first instance to stop on SIGTERM").code(), Some(0));
    assert_eq!(wait_exit(&mut second, STOP, "the second instance to stop on SIGTERM").code(), Some(0));
    let keys: BTreeSet<(i32, i64)> = out.decided.keys().copied().collect();
    assert_eq!(keys, produced, "every input offset has a decision across the rebalance");
    assert!(out.count("review") >= holds, "every hold reached review: {} of {holds}", out.count("review"));
    assert!(out.count("dlq") >= bad, "every bad message reached the DLQ: {} of {bad}", out.count("dlq"));
    consumer::close(reader, Duration::from_secs(30)).await.expect("the reader closes");
}

#[test]
fn loadgen_smoke_run_on_tansu() {
    let Some(tansu) = start_tansu("loadgen_smoke_run_on_tansu", &TOPICS) else { return };
    let dir = tempfile::tempdir().unwrap();
    let index = build_index(dir.path());
    let mut child = start(service(&tansu.brokers, &index, "smoke"));
    let report = dir.path().join("report.json");
    let plot = dir.path().join("latency.svg");
    let run = Command::new(env!("CARGO_BIN_EXE_interdict"))
        .args(["loadgen", "--brokers", &tansu.brokers, "--topic", "in", "--decisions-topic", "decisions"])
        .args(["--count", "400", "--rate", "400", "--hit-ratio", "0.1", "--quiet", "--index"])
        .arg(&index)
        .arg("--report")
        .arg(&report)
        .arg("--plot")
        .arg(&plot)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let run = wait_output(run, Duration::from_secs(300), "interdict loadgen");
    // (wait_output kills the load generator itself if it overruns.)
    terminate(&child);
    wait_exit(&mut child, STOP, "interdict run to stop on SIGTERM");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(0), "{stdout}\n{}", String::from_utf8_lossy(&run.stderr));
    let r: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(r["sent"], 400, "{r}");
    assert_eq!(r["decided"], 400, "{r}");
    assert_eq!(r["missed_hits"], 0, "{r}");
    assert!(r["expected_hits"].as_u64().unwrap() > 10, "{r}");
    assert!(r["latency_us"]["p99"].as_u64().unwrap() > 0, "{r}");
    assert!(std::fs::read_to_string(&plot).unwrap().starts_with("<svg"));
}
