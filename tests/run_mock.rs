//! `interdict run` as a process against librdkafka's mock cluster (a real TCP listener
//! on loopback): it screens what is on the input topic, writes one decision per message,
//! and on SIGTERM drains, commits and exits 0.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rdkafka::config::ClientConfig;
use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::message::Message;
use rdkafka::mocking::MockCluster;
use rdkafka::producer::{FutureProducer, FutureRecord};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_screens_a_topic_and_stops_cleanly_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("lists.idx");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let built = Command::new(env!("CARGO_BIN_EXE_interdict"))
        .args(["index", "build", "--quiet", "--out"])
        .arg(&index)
        .arg("--source")
        .arg(format!("ofac-csv={}", root.join("data/ofac/sdn").display()))
        .status()
        .unwrap();
    assert!(built.success());

    let cluster = MockCluster::new(1).unwrap();
    for (topic, partitions) in [("in", 2), ("decisions", 1), ("review", 1), ("dlq", 1)] {
        cluster.create_topic(topic, partitions, 1).unwrap();
    }
    let brokers = cluster.bootstrap_servers();
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

    let child = Command::new(env!("CARGO_BIN_EXE_interdict"))
        .args(["run", "--brokers", &brokers, "--input-topic", "in", "--group", "g"])
        .args(["--decisions-topic", "decisions", "--review-topic", "review", "--dlq-topic", "dlq"])
        .args(["--http-listen", "127.0.0.1:0", "--index"])
        .arg(&index)
        .env_remove("INTERDICT_INPUT_TOPICS")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();

    let reader: StreamConsumer = ClientConfig::new()
        .set("bootstrap.servers", &brokers)
        .set("group.id", "reader")
        .set("auto.offset.reset", "earliest")
        .create()
        .unwrap();
    reader.subscribe(&["decisions", "review", "dlq"]).unwrap();
    let mut counts = std::collections::HashMap::<String, usize>::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while counts.values().sum::<usize>() < 9 + 3 + 3 && Instant::now() < deadline {
        if let Ok(Ok(m)) = tokio::time::timeout(Duration::from_secs(1), reader.recv()).await {
            *counts.entry(m.topic().to_string()).or_default() += 1;
        }
    }
    let term = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(term.success());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("9 message(s): 3 hold, 3 error"), "{stderr}");
    assert_eq!(counts.get("decisions"), Some(&9), "{counts:?}");
    assert_eq!(counts.get("review"), Some(&3), "{counts:?}");
    assert_eq!(counts.get("dlq"), Some(&3), "{counts:?}");
    drop(reader);
    drop(producer);
    drop(cluster);
}
