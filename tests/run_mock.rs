//! `interdict run` as a process against librdkafka's mock cluster (a real TCP listener
//! on loopback): it screens what is on the input topic, writes one decision per message,
//! and on SIGTERM drains, commits and exits 0.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use interdict_stream::consumer::{self, ReaderContext};
use interdict_testkit::{output_within, wait_exit};
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::message::Message;
use rdkafka::mocking::MockCluster;
use rdkafka::producer::{FutureProducer, FutureRecord};

mod common;
use common::{build_index, close_all, service, start, stop};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_screens_a_topic_and_stops_cleanly_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let index = build_index(dir.path());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));

    let (cluster, brokers) = cluster(2);
    let producer: FutureProducer = ClientConfig::new().set("bootstrap.servers", &brokers).create().unwrap();
    let payments = [
        std::fs::read(root.join("data/payments/pacs008_choe.xml")).unwrap(),
        std::fs::read(root.join("data/payments/mt103_rent.txt")).unwrap(),
        b"not a payment".to_vec(),
    ];
    for (i, p) in payments.iter().cycle().take(9).enumerate() {
        let key = format!("m{i}");
        producer.send(FutureRecord::to("in").key(&key).payload(p), Duration::from_secs(5)).await.unwrap();
    }

    let child = start(service(&brokers, &index, "g").stderr(Stdio::piped()));

    let reader = reader(&brokers);
    reader.subscribe(&["decisions", "review", "dlq"]).unwrap();
    let mut counts = std::collections::HashMap::<String, usize>::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while counts.values().sum::<usize>() < 9 + 3 + 3 && Instant::now() < deadline {
        if let Ok(Ok(m)) = tokio::time::timeout(Duration::from_secs(1), reader.recv()).await {
            *counts.entry(m.topic().to_string()).or_default() += 1;
        }
    }
    let out = stop(child);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("9 message(s), 3 hold, 3 error"), "{stderr}");
    assert_eq!(counts.get("decisions"), Some(&9), "{counts:?}");
    assert_eq!(counts.get("review"), Some(&3), "{counts:?}");
    assert_eq!(counts.get("dlq"), Some(&3), "{counts:?}");
    close_all(reader, producer, cluster).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_mid_stream_and_restart_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let index = build_index(dir.path());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));

    let (cluster, brokers) = cluster(3);
    let producer: FutureProducer = ClientConfig::new().set("bootstrap.servers", &brokers).create().unwrap();
    let payment = std::fs::read(root.join("data/payments/mt103_rent.txt")).unwrap();
    let mut produced = std::collections::BTreeSet::new();
    for i in 0..300 {
        let key = format!("m{i}");
        let d =
            producer.send(FutureRecord::to("in").key(&key).payload(&payment), Duration::from_secs(5)).await.unwrap();
        produced.insert((d.partition, d.offset));
    }

    let start_one = || {
        start(
            service(&brokers, &index, "g")
                // Commit stored offsets often, and fetch little at a time, so kills land mid-stream.
                .env("INTERDICT_KAFKA_AUTO_COMMIT_INTERVAL_MS", "100")
                .env("INTERDICT_KAFKA_MAX_PARTITION_FETCH_BYTES", "2048")
                // A killed member leaves the group only when its session times out.
                .env("INTERDICT_KAFKA_SESSION_TIMEOUT_MS", "6000")
                .env("INTERDICT_KAFKA_HEARTBEAT_INTERVAL_MS", "500"),
        )
    };
    let reader = reader(&brokers);
    reader.subscribe(&["decisions"]).unwrap();
    let mut decided = std::collections::BTreeSet::new();
    let mut decisions = 0usize;
    // Three times: start, let it work for a moment, kill -9.
    for round in 0..3 {
        let mut child = start_one();
        let before = decided.len();
        // Wait until this run has decided something (it first waits for the killed
        // member's session to end), then a little more, then kill it.
        let limit = Instant::now() + Duration::from_secs(20);
        while decided.len() == before && Instant::now() < limit {
            read_for(&reader, Instant::now() + Duration::from_millis(200), &mut decided, &mut decisions).await;
        }
        read_for(&reader, Instant::now() + Duration::from_millis(100 * round), &mut decided, &mut decisions).await;
        child.kill().unwrap(); // SIGKILL: no drain, no commit
        wait_exit(&mut child, STOP, "interdict run to die on SIGKILL");
    }
    // A last run finishes the topic.
    let child = start_one();
    let deadline = Instant::now() + Duration::from_secs(60);
    while decided.len() < produced.len() && Instant::now() < deadline {
        read_for(&reader, Instant::now() + Duration::from_millis(500), &mut decided, &mut decisions).await;
    }
    // The earlier runs may have finished the topic already: let this one start up before
    // asking it to stop (a signal during process start-up is not the case under test).
    tokio::time::sleep(Duration::from_secs(2)).await;
    let out = stop(child);
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(
        out.status.code(),
        Some(0),
        "signal {:?}; decided {} of {}",
        out.status.signal(),
        decided.len(),
        produced.len()
    );
    assert_eq!(decided, produced, "every input offset has a decision after three kill -9");
    assert!(decisions >= produced.len(), "at least once: {decisions} decisions for {} messages", produced.len());
    close_all(reader, producer, cluster).await;
}

/// Reads decisions until `until`, noting each input (partition, offset) decided.
async fn read_for(
    reader: &Reader,
    until: Instant,
    decided: &mut std::collections::BTreeSet<(i32, i64)>,
    decisions: &mut usize,
) {
    while Instant::now() < until {
        if let Ok(Ok(m)) = tokio::time::timeout(Duration::from_millis(200), reader.recv()).await {
            let d: serde_json::Value = serde_json::from_slice(m.payload().unwrap_or(&[])).unwrap();
            decided.insert((d["input"]["partition"].as_i64().unwrap() as i32, d["input"]["offset"].as_i64().unwrap()));
            *decisions += 1;
        }
    }
}

/// How long `interdict run` may take to stop (its own limit is 25 s) before the test fails.
const STOP: Duration = Duration::from_secs(60);

type Reader = StreamConsumer<ReaderContext>;

/// A consumer of the output topics from the beginning, with the project's safe close.
fn reader(brokers: &str) -> Reader {
    consumer::reader_from_start(brokers, "reader").unwrap()
}

/// A mock cluster with the input topic (`partitions` partitions) and the three outputs.
fn cluster(partitions: i32) -> (MockCluster<'static, rdkafka::producer::DefaultProducerContext>, String) {
    interdict_stream::mock::cluster(&[("in", partitions), ("decisions", 1), ("review", 1), ("dlq", 1)]).unwrap()
}

/// kcat (Debian's package, its own librdkafka build) produces the payments and reads
/// the decisions back: a client independent of the service's. (Debian 12's kcat cannot
/// talk to tansu 0.6: its librdkafka 2.0.2 misreads tansu's ApiVersions response.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kcat_produces_payments_and_reads_the_decisions() {
    let Some(kcat) = ["/usr/bin/kcat", "/usr/local/bin/kcat"].iter().map(Path::new).find(|p| p.is_file()) else {
        if std::env::var_os("CI").is_some() {
            panic!("kcat is not installed; .ci/run installs it (apt-get install kcat)");
        }
        eprintln!("SKIPPED kcat_produces_payments_and_reads_the_decisions: kcat is not installed");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let index = build_index(dir.path());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (cluster, brokers) = cluster(2);
    // (key, file, expected verdict)
    let payments = [
        ("k-hold", root.join("data/payments/pacs008_choe.xml"), "hold"),
        ("k-pass", root.join("data/payments/mt103_rent.txt"), "pass"),
        ("k-bad", dir.path().join("bad.xml"), "error"),
    ];
    std::fs::write(dir.path().join("bad.xml"), "<Document><unclosed></Document>").unwrap();
    for (key, file, _) in &payments {
        // Each file is one message.
        let sent = output_within(
            Command::new(kcat).args(["-P", "-b", &brokers, "-t", "in", "-k", key]).arg(file),
            Duration::from_secs(60),
            "kcat -P",
        );
        assert!(sent.status.success(), "kcat -P: {}", String::from_utf8_lossy(&sent.stderr));
    }
    let child = start(service(&brokers, &index, "g"));
    let mut verdicts = std::collections::BTreeMap::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while verdicts.len() < payments.len() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let read = output_within(
            Command::new(kcat).args([
                "-C",
                "-b",
                &brokers,
                "-t",
                "decisions",
                "-o",
                "beginning",
                "-e",
                "-q",
                "-f",
                "%k\t%s\n",
            ]),
            Duration::from_secs(60),
            "kcat -C",
        );
        for line in String::from_utf8_lossy(&read.stdout).lines() {
            let Some((key, json)) = line.split_once('\t') else { continue };
            let d: serde_json::Value = serde_json::from_str(json).unwrap();
            verdicts.insert(key.to_string(), d["verdict"].as_str().unwrap().to_string());
        }
    }
    assert_eq!(stop(child).status.code(), Some(0));
    for (key, _, expected) in &payments {
        assert_eq!(verdicts.get(*key).map(String::as_str), Some(*expected), "{key}: {verdicts:?}");
    }
    drop(cluster);
}
