//! Helpers shared by the tests that run the `interdict` binary against a broker.
// Each test file uses some of them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use interdict_stream::consumer::{self, ReaderContext};
use interdict_testkit::ChildGuard;
use rdkafka::consumer::StreamConsumer;
use rdkafka::mocking::MockCluster;
use rdkafka::producer::{DefaultProducerContext, FutureProducer};

/// Starts a command; the process is killed if the test ends before it does.
pub fn start(mut command: impl std::borrow::BorrowMut<Command>) -> ChildGuard {
    ChildGuard::new(command.borrow_mut().spawn().expect("the command starts"))
}

/// Sends SIGTERM to a process: `interdict run` drains, commits and exits.
pub fn terminate(child: &ChildGuard) {
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
}

/// Stops `interdict run` with SIGTERM and returns its output, once it has exited (at
/// most a minute).
pub fn stop(child: ChildGuard) -> Output {
    terminate(&child);
    interdict_testkit::wait_output(child.into_child(), Duration::from_secs(60), "interdict run to stop on SIGTERM")
}

/// Closes a test's reader and producer, each under a limit, then the mock cluster.
pub async fn close_all(
    reader: StreamConsumer<ReaderContext>,
    producer: FutureProducer,
    cluster: MockCluster<'static, DefaultProducerContext>,
) {
    consumer::close(reader, Duration::from_secs(30)).await.expect("the reader closes");
    interdict_testkit::drop_within(producer, Duration::from_secs(30), "the test producer");
    // In process, and not `Send`: its drop stops its threads without a network wait.
    drop(cluster);
}

/// `interdict run` on the topics `in`, `decisions`, `review` and `dlq`, with an
/// ephemeral HTTP port and stderr discarded; callers add what their case needs.
pub fn service(brokers: &str, index: &Path, group: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_interdict"));
    c.args(["run", "--brokers", brokers, "--input-topic", "in", "--group", group])
        .args(["--decisions-topic", "decisions", "--review-topic", "review", "--dlq-topic", "dlq"])
        .args(["--http-listen", "127.0.0.1:0", "--index"])
        .arg(index)
        .env_remove("INTERDICT_INPUT_TOPICS")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

/// Builds an index of the bundled SDN list in `dir` with the binary.
pub fn build_index(dir: &Path) -> PathBuf {
    let index = dir.join("lists.idx");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let built = Command::new(env!("CARGO_BIN_EXE_interdict"))
        .args(["index", "build", "--quiet", "--out"])
        .arg(&index)
        .arg("--source")
        .arg(format!("ofac-csv={}", root.join("data/ofac/sdn").display()))
        .status()
        .unwrap();
    assert!(built.success());
    index
}
