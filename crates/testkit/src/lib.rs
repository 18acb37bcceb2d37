//! Bounded waits for the project's tests, the bundled lists compiled for them
//! ([`lists`]), a small index and a reader of all its tables ([`index`]), disguised
//! payments ([`evasion`]) and, with the feature `damage`,
//! damaged inputs for the parsers' no-panic property tests (`damage`).
//!
//! A test that waits for a service, a consumer, a broker or a child process must not
//! hang CI: each helper here waits at most a given time and then fails the test with a
//! message that says what it was waiting for (and, for a child process, kills it).
//! What it is not for: production code, which has its own deadlines
//! (`interdict_stream::shutdown`).
//!
//! ```
//! use std::time::Duration;
//! use interdict_testkit::within;
//!
//! # tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap().block_on(async {
//! let answer = within(Duration::from_secs(5), "the answer", async { 42 }).await;
//! assert_eq!(answer, 42);
//! # });
//! ```

#[cfg(feature = "damage")]
pub mod damage;
pub mod evasion;
pub mod index;
pub mod lists;

use std::future::Future;
use std::process::{Child, Command, ExitStatus, Output};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Awaits `work`, or fails the test after `limit` saying it waited for `what`.
pub async fn within<T>(limit: Duration, what: &str, work: impl Future<Output = T>) -> T {
    match tokio::time::timeout(limit, work).await {
        Ok(value) => value,
        Err(_) => panic!("timed out after {limit:?} waiting for {what}"),
    }
}

/// Waits for a child process to exit, or kills it and fails the test after `limit`.
pub fn wait_exit(child: &mut Child, limit: Duration, what: &str) -> ExitStatus {
    let deadline = Instant::now() + limit;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return status,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("timed out after {limit:?} waiting for {what} (process {} killed)", child.id());
            }
            Err(e) => panic!("waiting for {what}: {e}"),
        }
    }
}

/// Waits for a child process to exit and collects its piped output, or kills it and
/// fails the test after `limit`.
pub fn wait_output(child: Child, limit: Duration, what: &str) -> Output {
    let pid = child.id();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(limit) {
        Ok(Ok(output)) => output,
        Ok(Err(e)) => panic!("waiting for {what}: {e}"),
        Err(_) => {
            let _ = Command::new("kill").args(["-KILL", &pid.to_string()]).status();
            panic!("timed out after {limit:?} waiting for {what} (process {pid} killed)");
        }
    }
}

/// A child process that is killed when the guard goes out of scope (a test that fails
/// half-way must not leave a service running).
#[derive(Debug)]
pub struct ChildGuard(Option<Child>);

impl ChildGuard {
    pub fn new(child: Child) -> ChildGuard {
        ChildGuard(Some(child))
    }

    /// The child, no longer guarded (to wait for it with [`wait_output`]).
    pub fn into_child(mut self) -> Child {
        self.0.take().expect("the child is present until taken")
    }
}

impl std::ops::Deref for ChildGuard {
    type Target = Child;
    fn deref(&self) -> &Child {
        self.0.as_ref().expect("the child is present until taken")
    }
}

impl std::ops::DerefMut for ChildGuard {
    fn deref_mut(&mut self) -> &mut Child {
        self.0.as_mut().expect("the child is present until taken")
    }
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        if let Some(child) = &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Runs a command to completion with its output collected, under `limit`.
pub fn output_within(command: &mut Command, limit: Duration, what: &str) -> Output {
    let child = command
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("starting {what}: {e}"));
    wait_output(child, limit, what)
}

/// Drops `value` on another thread and waits at most `limit` for the drop to finish
/// (a Kafka client's drop closes it, which talks to the broker).
pub fn drop_within<T: Send + 'static>(value: T, limit: Duration, what: &str) {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        drop(value);
        let _ = tx.send(());
    });
    if rx.recv_timeout(limit).is_err() {
        panic!("timed out after {limit:?} waiting for {what} to close");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    #[should_panic(expected = "timed out after 20ms waiting for a reply that never comes")]
    async fn a_wait_past_its_limit_fails_saying_what_it_waited_for() {
        within(Duration::from_millis(20), "a reply that never comes", std::future::pending::<()>()).await;
    }

    #[test]
    fn a_child_past_its_limit_is_killed_and_named() {
        let child = Command::new("sleep").arg("30").spawn().unwrap();
        let pid = child.id();
        let failure = std::panic::catch_unwind(|| wait_output(child, Duration::from_millis(100), "sleep 30"));
        let message = failure.unwrap_err().downcast::<String>().unwrap();
        assert!(message.contains("waiting for sleep 30"), "{message}");
        std::thread::sleep(Duration::from_millis(200));
        let alive = Command::new("kill").args(["-0", &pid.to_string()]).status().unwrap().success();
        assert!(!alive, "the child was killed");

        let mut quick = Command::new("true").spawn().unwrap();
        assert!(wait_exit(&mut quick, Duration::from_secs(10), "true").success());
        let out = output_within(Command::new("echo").arg("hi"), Duration::from_secs(10), "echo");
        assert_eq!(out.stdout, b"hi\n");
    }

    #[test]
    fn a_guarded_child_dies_with_its_guard() {
        let guard = ChildGuard::new(Command::new("sleep").arg("30").spawn().unwrap());
        let pid = guard.id();
        drop(guard);
        let alive = Command::new("kill").args(["-0", &pid.to_string()]).status().unwrap().success();
        assert!(!alive, "the child was killed with its guard");
        let kept = ChildGuard::new(Command::new("true").spawn().unwrap()).into_child();
        assert!(wait_output(kept, Duration::from_secs(10), "true").status.success());
    }

    #[test]
    fn a_drop_past_its_limit_is_reported() {
        struct Slow;
        impl Drop for Slow {
            fn drop(&mut self) {
                std::thread::sleep(Duration::from_millis(300));
            }
        }
        drop_within(Slow, Duration::from_secs(5), "a slow value");
        let failure = std::panic::catch_unwind(|| drop_within(Slow, Duration::from_millis(10), "a slow value"));
        assert!(failure.is_err());
    }
}
