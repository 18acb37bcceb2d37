//! Telemetry as typed events: each event records its counters and gauges and writes its
//! log line (through `tracing`, with the same labels as fields). Counters are named
//! `..._total`. A decided message logs at `debug` (one line a message would drown the
//! log at tens of thousands a second); a loaded screening set at `info`; a refused set
//! and a changed index file at `warn`.
//!
//! | metric | type | labels |
//! |--------|------|--------|
//! | `interdict_messages_total` | counter | `verdict` (`pass`, `hold`, `error`), `source` (`kafka`, `http`) |
//! | `interdict_hits_total` | counter | `kind` (`name`, `country`, `bic`, `text`, `vessel`, `id`, `disguise`) |
//! | `interdict_errors_total` | counter | `kind` (`malformed`, `unsupported`, `no_index`...) |
//! | `interdict_screen_latency_seconds` | histogram | `source` |
//! | `interdict_in_flight` | gauge | |
//! | `interdict_consumer_lag` | gauge | `topic`, `partition` |
//! | `interdict_index_info` | gauge: 1 for the index in use, 0 for those it replaced | `version` |
//! | `interdict_index_age_seconds` | gauge, read at each scrape | |
//! | `interdict_index_file_changes_total` | counter: the index file changed on disk (the copy in use is unaffected) | |
//! | `interdict_index_reloads_total` | counter: loads of the screening set (index, policy, good-guy list) | `result` (`ok`, `refused`), `trigger` (`start`, `signal`, `good_guys_changed`) |

use std::sync::OnceLock;

use interdict_model::{HitKind, Verdict};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

/// Every metric name the service exports (the dashboard test compares against this).
pub const METRIC_NAMES: [&str; 10] = [
    "interdict_messages_total",
    "interdict_hits_total",
    "interdict_errors_total",
    "interdict_screen_latency_seconds",
    "interdict_in_flight",
    "interdict_consumer_lag",
    "interdict_index_info",
    "interdict_index_age_seconds",
    "interdict_index_reloads_total",
    "interdict_index_file_changes_total",
];

/// Installs the Prometheus recorder once per process and returns its handle.
pub fn prometheus() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            PrometheusBuilder::new()
                .set_buckets(&[
                    0.000_01, 0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.1,
                ])
                .expect("static buckets are valid")
                .install_recorder()
                .expect("the Prometheus recorder installs once")
        })
        .clone()
}

fn hit_label(k: HitKind) -> &'static str {
    match k {
        HitKind::Name => "name",
        HitKind::Country => "country",
        HitKind::Bic => "bic",
        HitKind::Text => "text",
        HitKind::Vessel => "vessel",
        HitKind::Id => "id",
        HitKind::Disguise => "disguise",
    }
}

/// A message was decided.
pub struct MessageScreened<'a> {
    pub verdict: &'a Verdict,
    /// `kafka` or `http`.
    pub source: &'static str,
    pub latency_seconds: f64,
}

impl MessageScreened<'_> {
    pub fn emit(&self) {
        let verdict = self.verdict.verdict.as_str();
        tracing::debug!(
            verdict,
            source = self.source,
            message_id = self.verdict.message_id.as_deref().unwrap_or("-"),
            hits = self.verdict.hits.len(),
            error_kind = self.verdict.error.as_ref().map_or("-", |e| e.kind.as_str()),
            latency_us = self.latency_seconds * 1e6,
            "message screened"
        );
        metrics::counter!("interdict_messages_total", "verdict" => verdict, "source" => self.source).increment(1);
        metrics::histogram!("interdict_screen_latency_seconds", "source" => self.source).record(self.latency_seconds);
        for hit in &self.verdict.hits {
            metrics::counter!("interdict_hits_total", "kind" => hit_label(hit.kind)).increment(1);
        }
        if let Some(e) = &self.verdict.error {
            metrics::counter!("interdict_errors_total", "kind" => e.kind.clone()).increment(1);
        }
    }
}

/// The screening set in use changed (or was loaded at start).
pub struct ScreenerLoaded<'a> {
    pub version: &'a str,
    pub age_seconds: f64,
    /// `start`, `signal` or `good_guys_changed`.
    pub trigger: &'static str,
    /// SHA-256 of the embargo policy, hex.
    pub policy_sha256: &'a str,
    pub good_guy_entries: u64,
    pub threshold: f64,
}

impl ScreenerLoaded<'_> {
    pub fn emit(&self) {
        tracing::info!(
            index = self.version,
            index_age_seconds = self.age_seconds.round(),
            policy = self.policy_sha256.get(..12).unwrap_or(self.policy_sha256),
            good_guy_entries = self.good_guy_entries,
            threshold = self.threshold,
            trigger = self.trigger,
            "now screening with index {}",
            self.version
        );
        // Only the index in use reads 1; the one it replaced drops to 0.
        static CURRENT: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);
        let mut current = CURRENT.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(old) = current.replace(self.version.to_string()).filter(|old| old != self.version) {
            metrics::gauge!("interdict_index_info", "version" => old).set(0.0);
        }
        metrics::gauge!("interdict_index_info", "version" => self.version.to_string()).set(1.0);
        metrics::gauge!("interdict_index_age_seconds").set(self.age_seconds);
        metrics::counter!("interdict_index_reloads_total", "result" => "ok", "trigger" => self.trigger).increment(1);
    }
}

/// A new screening set was refused (a bad index, policy or good-guy file); the old one
/// stays.
pub struct ScreenerRefused<'a> {
    pub trigger: &'static str,
    /// Which file was refused and why.
    pub reason: &'a str,
}

impl ScreenerRefused<'_> {
    pub fn emit(&self) {
        tracing::warn!(
            trigger = self.trigger,
            reason = self.reason,
            "reload refused, the screening set in use stays: {}",
            self.reason
        );
        metrics::counter!("interdict_index_reloads_total", "result" => "refused", "trigger" => self.trigger)
            .increment(1);
    }
}

/// The index file changed on disk since it was last seen.
pub struct IndexFileChanged<'a> {
    pub path: &'a std::path::Path,
}

impl IndexFileChanged<'_> {
    pub fn emit(&self) {
        tracing::warn!(
            path = %self.path.display(),
            "the index file changed on disk; screening goes on with the verified copy in memory; send SIGHUP to load the new file"
        );
        metrics::counter!("interdict_index_file_changes_total").increment(1);
    }
}
