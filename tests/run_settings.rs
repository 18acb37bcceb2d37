//! `interdict run` screens with what `interdict screen` takes (the bank's embargo policy,
//! its good-guy list, its threshold), names them in every decision, and reloads them
//! with the index as one set: on SIGHUP (a bad file keeps the old set) and, for the
//! good-guy list, when the file changes. Against librdkafka's mock cluster, as a process.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use interdict_model::record::DecisionRecord;
use interdict_model::Outcome;
use interdict_stream::consumer::{self, ReaderContext};
use interdict_testkit::wait_output;
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::message::Message;
use rdkafka::mocking::MockCluster;
use rdkafka::producer::{FutureProducer, FutureRecord};

mod common;
use common::{build_index, close_all, service, start, stop};

/// A listed person's name on the debtor line: a name hit only (Beijing and the UK are
/// not under embargo).
const NAME_HIT: &str = "{1:F01BANKGB2LAXXX0000000000}{2:I103BANKUS33XXXXN}{4:\n:20:GOODGUY-1\n:23B:CRED\n:32A:261128USD5000,00\n:50K:/GB29NWBK60161331926819\nCHOI CHOL-MIN\nBEIJING\n:59:/GB82WEST12345698765432\nNORTHERN HOMES LTD\nLEEDS\n:70:INVOICE 77\n:71A:SHA\n-}";
/// A payment to a Belarusian account: held only where the policy embargoes BY.
const TO_BELARUS: &str = "{1:F01BANKGB2LAXXX0000000000}{2:I103BANKUS33XXXXN}{4:\n:20:POLICY-1\n:23B:CRED\n:32A:261128USD900,00\n:50K:/GB29NWBK60161331926819\nEMMA DANIELS\nLEEDS\n:59:/BY13NBRB3600900000002Z00AB00\nNORTHERN HOMES LTD\nMINSK\n:70:INVOICE 78\n:71A:SHA\n-}";

const GOOD_GUYS: &str = "entity_id,party_name,reason,approved_by\nofac-sdn:43598,CHOI CHOL-MIN,our customer since 2009; other birth date,analyst 7 and supervisor 2\n";
const NO_GOOD_GUYS: &str = "entity_id,party_name,reason,approved_by\n";

/// The service's stderr, collected line by line on a thread.
#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<String>>>);

impl Log {
    fn follow(child: &mut Child) -> Log {
        let log = Log::default();
        let lines = log.0.clone();
        let stderr = child.stderr.take().expect("stderr is piped");
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                lines.lock().unwrap().push(line);
            }
        });
        log
    }

    /// Lines holding every one of `needles`.
    fn count(&self, needles: &[&str]) -> usize {
        self.0.lock().unwrap().iter().filter(|l| needles.iter().all(|n| l.contains(n))).count()
    }

    fn find(&self, needle: &str) -> Option<String> {
        self.0.lock().unwrap().iter().find(|l| l.contains(needle)).cloned()
    }

    /// Waits until `times` lines hold every one of `needles`, or fails saying what it
    /// waited for.
    async fn wait_for(&self, needles: &[&str], times: usize, limit: Duration) {
        let deadline = Instant::now() + limit;
        while self.count(needles) < times {
            assert!(
                Instant::now() < deadline,
                "timed out after {limit:?} waiting for {times} line(s) with {needles:?} in the service's log:\n{}",
                self.0.lock().unwrap().join("\n")
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

type Reader = StreamConsumer<ReaderContext>;

/// A mock cluster with the service's topics, a producer to its input and a reader of
/// its decisions.
fn mock_cluster() -> (MockCluster<'static, rdkafka::producer::DefaultProducerContext>, String, FutureProducer, Reader) {
    let topics = [("in", 1), ("decisions", 1), ("review", 1), ("dlq", 1)];
    let (cluster, brokers) = interdict_stream::mock::cluster(&topics).unwrap();
    let producer: FutureProducer = ClientConfig::new().set("bootstrap.servers", &brokers).create().unwrap();
    let reader = consumer::reader_from_start(&brokers, "reader").unwrap();
    reader.subscribe(&["decisions"]).unwrap();
    (cluster, brokers, producer, reader)
}

/// Sends a payment and returns its decision (read from the decisions topic by key).
async fn decide(producer: &FutureProducer, reader: &Reader, key: &str, payment: &str) -> DecisionRecord {
    producer.send(FutureRecord::to("in").key(key).payload(payment), Duration::from_secs(5)).await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        assert!(Instant::now() < deadline, "timed out after 30 s waiting for the decision on {key}");
        let Ok(Ok(m)) = tokio::time::timeout(Duration::from_millis(500), reader.recv()).await else { continue };
        let d: DecisionRecord = serde_json::from_slice(m.payload().unwrap_or(&[])).unwrap();
        if d.message.key.as_deref() == Some(key) {
            return d;
        }
    }
}

/// `GET path` from the service's HTTP server: the status line and body.
fn get(address: &str, path: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    stream.write_all(format!("GET {path} HTTP/1.0\r\nHost: x\r\n\r\n").as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap_or_else(|e| panic!("GET {path} within 10 s: {e}"));
    response
}

fn sha256(path: &Path) -> String {
    interdict_screen::sha256_hex(&std::fs::read(path).unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_screens_with_the_banks_settings_and_reloads_them_as_one_set() {
    let dir = tempfile::tempdir().unwrap();
    let index = build_index(dir.path());
    let policy = dir.path().join("embargo.toml");
    let good_guys = dir.path().join("goodguys.csv");
    std::fs::write(&policy, format!("{}\n[[country]]\ncode = \"BY\"\n", interdict_screen::DEFAULT_POLICY)).unwrap();
    std::fs::write(&good_guys, GOOD_GUYS).unwrap();

    let (cluster, brokers, producer, reader) = mock_cluster();

    let mut child = start(
        service(&brokers, &index, "g")
            .arg("--policy")
            .arg(&policy)
            .arg("--good-guys")
            .arg(&good_guys)
            .args(["--threshold", "0.9"])
            .env("INTERDICT_GOOD_GUYS_CHECK_INTERVAL", "200ms")
            .stderr(Stdio::piped()),
    );
    let log = Log::follow(&mut child);
    log.wait_for(&["HTTP on http://"], 1, Duration::from_secs(30)).await;
    let address = log.find("HTTP on http://").unwrap().rsplit("http://").next().unwrap().to_string();

    // With the list, the listed name on a known customer passes, its hit suppressed and
    // named; under the bank's policy, Belarus is held.
    let d = decide(&producer, &reader, "a-1", NAME_HIT).await;
    assert_eq!((d.verdict, d.hits, d.suppressed), (Outcome::Pass, 0, 1), "{d:?}");
    let with = d.screened_with.clone().unwrap();
    assert_eq!(with.good_guys.entries, 1);
    assert_eq!(with.good_guys.sha256, sha256(&good_guys));
    assert_eq!(with.policy_sha256, sha256(&policy));
    assert_eq!(with.threshold, 0.9);
    assert_eq!(with.lists[0].kind, "ofac-csv");
    let d = decide(&producer, &reader, "b-1", TO_BELARUS).await;
    assert_eq!(d.verdict, Outcome::Hold, "{d:?}");

    // A broken policy and SIGHUP: refused, the whole set in use stays.
    std::fs::write(&policy, "[[country]]\ncode = \"XX\"\n").unwrap();
    let hup = Command::new("kill").args(["-HUP", &child.id().to_string()]).status().unwrap();
    assert!(hup.success());
    log.wait_for(&["reload refused", "trigger=\"signal\""], 1, Duration::from_secs(30)).await;
    assert!(log.find("reload refused").unwrap().contains("line 2"), "the refusal names the line");
    let d = decide(&producer, &reader, "b-2", TO_BELARUS).await;
    assert_eq!(d.verdict, Outcome::Hold, "the old policy stays: {d:?}");
    let text = get(&address, "/metrics");
    assert!(
        text.lines().any(|l| l.starts_with("interdict_index_reloads_total{")
            && l.contains("result=\"refused\"")
            && l.contains("trigger=\"signal\"")
            && l.ends_with(" 1")),
        "the refusal is counted:\n{text}"
    );
    let ready = get(&address, "/readyz");
    assert!(ready.starts_with("HTTP/1.0 200") || ready.starts_with("HTTP/1.1 200"), "readiness unchanged: {ready}");
    assert!(ready.contains(&with.index_version), "the same index is in use: {ready}");

    // The good-guy file changes (the review service withdrew the entry): picked up
    // without a signal, with the index and the policy in use.
    std::fs::write(&good_guys, NO_GOOD_GUYS).unwrap();
    log.wait_for(&["now screening with", "trigger=\"good_guys_changed\""], 1, Duration::from_secs(30)).await;
    let d = decide(&producer, &reader, "a-2", NAME_HIT).await;
    assert_eq!((d.verdict, d.hits, d.suppressed), (Outcome::Hold, 1, 0), "{d:?}");
    assert_eq!(d.screened_with.as_ref().unwrap().good_guys.entries, 0);
    assert_eq!(d.screened_with.as_ref().unwrap().policy_sha256, with.policy_sha256, "the policy in use stayed");

    // A good policy and SIGHUP: the new set is used.
    std::fs::write(&policy, interdict_screen::DEFAULT_POLICY).unwrap();
    Command::new("kill").args(["-HUP", &child.id().to_string()]).status().unwrap();
    log.wait_for(&["now screening with", "trigger=\"signal\""], 1, Duration::from_secs(30)).await;
    let d = decide(&producer, &reader, "b-3", TO_BELARUS).await;
    assert_eq!(d.verdict, Outcome::Pass, "Belarus is not in the shipped policy: {d:?}");

    assert_eq!(stop(child).status.code(), Some(0));
    close_all(reader, producer, cluster).await;
}

#[test]
fn run_refuses_to_start_with_a_policy_or_good_guy_file_that_does_not_parse() {
    let dir = tempfile::tempdir().unwrap();
    let policy = dir.path().join("bad.toml");
    std::fs::write(&policy, "[[country]]\ncode = \"XX\"\n").unwrap();
    let good_guys = dir.path().join("bad.csv");
    std::fs::write(&good_guys, "entity_id,party_name,reason,approved_by\nnot-an-id,SOMEONE,why,who\n").unwrap();
    let cases = [("--policy", &policy, "line 2"), ("--good-guys", &good_guys, "line 2")];
    for (flag, file, reason) in cases {
        let child = Command::new(env!("CARGO_BIN_EXE_interdict"))
            .args(["run", "--brokers", "127.0.0.1:9", "--input-topic", "in", "--http-listen", "127.0.0.1:0"])
            .arg(flag)
            .arg(file)
            .env_remove("INTERDICT_INPUT_TOPICS")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let out = wait_output(child, Duration::from_secs(60), "interdict run to refuse its settings");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{flag}: {stderr}");
        assert!(stderr.contains(&file.display().to_string()), "{flag}: the file is named: {stderr}");
        assert!(stderr.contains(reason), "{flag}: the line is named: {stderr}");
    }
}

/// An operator copies over the index in place (truncating it): with a mapped file the
/// service died at its next read, without a word. It screens on with the verified copy
/// in memory, and says that the file changed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_index_truncated_in_place_does_not_stop_screening() {
    let dir = tempfile::tempdir().unwrap();
    let index = build_index(dir.path());
    let (cluster, brokers, producer, reader) = mock_cluster();
    let mut child = start(service(&brokers, &index, "g").stderr(Stdio::piped()));
    let log = Log::follow(&mut child);
    let d = decide(&producer, &reader, "before", NAME_HIT).await;
    assert_eq!(d.verdict, Outcome::Hold);

    // In place: the same inode, truncated and rewritten (`std::fs::write` truncates).
    std::fs::write(&index, b"not an index any more").unwrap();
    log.wait_for(&["index file", "changed on disk"], 1, Duration::from_secs(30)).await;

    let d = decide(&producer, &reader, "after", NAME_HIT).await;
    assert_eq!(d.verdict, Outcome::Hold, "screened with the verified copy: {d:?}");
    assert!(child.try_wait().unwrap().is_none(), "the service is still running");
    assert_eq!(stop(child).status.code(), Some(0));
    close_all(reader, producer, cluster).await;
}
