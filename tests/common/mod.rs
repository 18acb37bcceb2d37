//! Helpers shared by the tests that run the `interdict` binary against a broker.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Starts a command; the process is killed if the test ends before it does.
pub fn start(mut command: impl std::borrow::BorrowMut<Command>) -> interdict_testkit::ChildGuard {
    interdict_testkit::ChildGuard::new(command.borrow_mut().spawn().expect("the command starts"))
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
