//! Stopping within a deadline.
//!
//! A stop (SIGTERM, the end of a test) runs in phases: finish the messages in flight,
//! wait for their outputs to be acknowledged, flush the producer, commit, leave the
//! consumer group. Each phase records itself in a [`StopProgress`], and each runs under
//! the one shutdown deadline (`shutdown_timeout`, 25 s by default: below Kubernetes'
//! default grace period of 30 s). Past the deadline the service returns an error that
//! names the phase it was in; the binary also arms a [`watchdog`] that ends the process
//! with a message and a non-zero code if even that return does not come, so a stop
//! never hangs silently.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The phase a stopping service is in, shared with whoever reports on it.
#[derive(Debug, Clone, Default)]
pub struct StopProgress(Arc<Mutex<String>>);

impl StopProgress {
    /// Records the phase now starting.
    pub fn enter(&self, phase: &str) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = phase.to_string();
    }

    /// The phase in progress (empty before the stop began).
    pub fn current(&self) -> String {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// A phase of the stop ran past the deadline.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the shutdown did not finish within {limit:?}: still {waiting_for}")]
pub struct StopTimeout {
    pub limit: Duration,
    pub waiting_for: String,
}

/// The deadline of one stop.
#[derive(Debug, Clone)]
pub struct StopDeadline {
    at: Instant,
    limit: Duration,
    progress: StopProgress,
}

impl StopDeadline {
    /// A deadline `limit` from now, reporting its phases to `progress`.
    pub fn start(limit: Duration, progress: StopProgress) -> StopDeadline {
        StopDeadline { at: Instant::now() + limit, limit, progress }
    }

    /// The time left.
    pub fn remaining(&self) -> Duration {
        self.at.saturating_duration_since(Instant::now())
    }

    /// The whole allowance, for messages.
    pub fn limit(&self) -> Duration {
        self.limit
    }

    /// Runs one phase under what is left of the deadline.
    pub async fn phase<T>(&self, phase: &str, work: impl Future<Output = T>) -> Result<T, StopTimeout> {
        self.progress.enter(phase);
        tokio::time::timeout(self.remaining(), work).await.map_err(|_| self.timeout(phase))
    }

    /// The error for a phase that ran out of time.
    pub fn timeout(&self, waiting_for: &str) -> StopTimeout {
        StopTimeout { limit: self.limit, waiting_for: waiting_for.to_string() }
    }
}

/// Ends the process if a stop has not finished `limit` after it began: prints what it
/// was waiting for (from `progress`) and exits with code 70 (`EX_SOFTWARE`). For the
/// binary; the service's own phases time out first, so this fires only if a blocked
/// thread keeps even the error from being returned.
pub fn watchdog(limit: Duration, progress: StopProgress) {
    std::thread::spawn(move || {
        std::thread::sleep(limit);
        let phase = progress.current();
        let phase = if phase.is_empty() { "the stop to begin".to_string() } else { phase };
        tracing::error!("the shutdown did not finish within {limit:?}: still {phase}; exiting without it");
        std::process::exit(70);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_phase_past_the_deadline_names_itself() {
        let progress = StopProgress::default();
        let deadline = StopDeadline::start(Duration::from_millis(50), progress.clone());
        assert_eq!(deadline.phase("quick", async { 7 }).await, Ok(7));
        let late = deadline.phase("waiting for a delivery", std::future::pending::<()>()).await.unwrap_err();
        assert_eq!(late.waiting_for, "waiting for a delivery");
        assert!(late.to_string().contains("did not finish within 50ms: still waiting for a delivery"), "{late}");
        assert_eq!(progress.current(), "waiting for a delivery");
        assert!(deadline.remaining().is_zero());
    }
}
