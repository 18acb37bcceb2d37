//! What a load-test run measured: every payment sent, every decision read back.

use std::collections::HashMap;
use std::time::Duration;

use hdrhistogram::Histogram;
use interdict_model::record::DecisionRecord;
use serde::Serialize;

use crate::{Error, Expected};

/// A decision read back from the decisions topic (or from `interdict screen` output).
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// The input message's key.
    pub key: String,
    /// `pass`, `hold` or `error`.
    pub verdict: String,
    /// Where the decision record was read: partition and offset in the decisions topic.
    pub record: Option<(i32, i64)>,
}

impl Decision {
    /// The decision a record of the decisions topic carries: its payload is a
    /// [`DecisionRecord`] as JSON. `None` for anything else, and for a record without a
    /// key (which no payment sent can be matched with). `record` is left for the reader
    /// to fill in.
    pub fn from_record(payload: &[u8]) -> Option<Decision> {
        let record: DecisionRecord = serde_json::from_slice(payload).ok()?;
        Some(Decision { key: record.message.key?, verdict: record.verdict.as_str().to_string(), record: None })
    }
}

/// A payment sent and not yet decided.
#[derive(Debug, Clone)]
struct Sent {
    at: Duration,
    expected: Expected,
    decided: bool,
    /// Where its first decision was read.
    record: Option<(i32, i64)>,
}

/// Collects sends and decisions during a run and turns them into a [`Report`].
///
/// Latency is measured from the moment a payment was handed to the producer to the
/// moment its decision was read back: what a payment hub waiting for the decision sees.
pub struct Recorder {
    sent: HashMap<String, Sent>,
    /// Payments sent whose first decision was read (kept so `pending` is O(1): it is
    /// asked often during a run of millions).
    decided: usize,
    latency_us: Histogram<u64>,
    per_second: Vec<PerSecond>,
    first_send: Option<Duration>,
    last_decision: Option<Duration>,
    duplicates: u64,
    rereads: u64,
    unknown: u64,
    expected_hits: u64,
    hits_found: u64,
    false_positives: u64,
    errors: u64,
    missed_hit_keys: Vec<String>,
    error_keys: Vec<String>,
}

/// Sends and decisions in one second of the run.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct PerSecond {
    pub second: u64,
    pub sent: u64,
    pub decided: u64,
}

/// Produce→decision latency, in microseconds.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct LatencySummary {
    pub count: u64,
    pub p50: u64,
    pub p90: u64,
    pub p99: u64,
    pub p999: u64,
    pub max: u64,
    pub mean: f64,
}

/// One point of the latency curve: at this percentile, this many microseconds.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CurvePoint {
    pub percentile: f64,
    pub us: u64,
}

/// The outcome of a run, written as JSON and plotted.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Report {
    pub sent: u64,
    pub decided: u64,
    /// Payments sent whose decision never came back: failures.
    pub without_decision: u64,
    /// Decisions read more than once for the same payment (at-least-once replays).
    pub duplicates: u64,
    /// Of those, the same record (partition and offset) read again by the reader; the
    /// others are records repeated in the decisions topic.
    pub duplicate_rereads: u64,
    /// Decisions for keys this run did not send (an earlier run's, for example).
    pub unknown_keys: u64,
    /// From the first send to the last decision.
    pub elapsed_seconds: f64,
    pub decisions_per_second: f64,
    pub latency_us: LatencySummary,
    pub expected_hits: u64,
    pub hits_found: u64,
    /// Payments that should have been held and were not: failures.
    pub missed_hits: u64,
    /// Innocent payments that were held (analyst work, not failures).
    pub false_positives: u64,
    /// Payments that got an `error` verdict: generated payments are well formed, so
    /// these are failures.
    pub errors: u64,
    /// Up to 100 keys of each kind of failure, to look them up.
    pub missed_hit_keys: Vec<String>,
    pub error_keys: Vec<String>,
    pub without_decision_keys: Vec<String>,
    pub per_second: Vec<PerSecond>,
    pub latency_curve: Vec<CurvePoint>,
    /// No missed hit, no payment without a decision, no error.
    pub passed: bool,
}

const LISTED_KEYS: usize = 100;

impl Recorder {
    pub fn new() -> Result<Recorder, Error> {
        Ok(Recorder {
            sent: HashMap::new(),
            decided: 0,
            // 1 µs to 10 minutes, three significant digits.
            latency_us: Histogram::new_with_bounds(1, 600_000_000, 3).map_err(|e| Error::Histogram(e.to_string()))?,
            per_second: Vec::new(),
            first_send: None,
            last_decision: None,
            duplicates: 0,
            rereads: 0,
            unknown: 0,
            expected_hits: 0,
            hits_found: 0,
            false_positives: 0,
            errors: 0,
            missed_hit_keys: Vec::new(),
            error_keys: Vec::new(),
        })
    }

    fn second(&mut self, at: Duration) -> &mut PerSecond {
        let s = at.as_secs() as usize;
        while self.per_second.len() <= s {
            let second = self.per_second.len() as u64;
            self.per_second.push(PerSecond { second, ..PerSecond::default() });
        }
        &mut self.per_second[s]
    }

    /// A payment was handed to the producer `at` after the start of the run.
    pub fn sent(&mut self, key: &str, at: Duration, expected: Expected) {
        self.first_send.get_or_insert(at);
        self.second(at).sent += 1;
        if expected == Expected::Hold {
            self.expected_hits += 1;
        }
        // Keys are unique within a run; a repeated one starts over.
        if let Some(previous) = self.sent.insert(key.to_string(), Sent { at, expected, decided: false, record: None }) {
            self.decided -= usize::from(previous.decided);
        }
    }

    /// Payments sent so far.
    pub fn sent_count(&self) -> usize {
        self.sent.len()
    }

    /// Payments sent whose decision has not been read yet.
    pub fn pending(&self) -> usize {
        self.sent.len().saturating_sub(self.decided)
    }

    /// A decision was read back `at` after the start of the run.
    pub fn decided(&mut self, decision: &Decision, at: Duration) {
        let Some(sent) = self.sent.get_mut(&decision.key) else {
            self.unknown += 1;
            return;
        };
        if sent.decided {
            self.duplicates += 1;
            if decision.record.is_some() && decision.record == sent.record {
                self.rereads += 1;
            }
            return;
        }
        sent.decided = true;
        sent.record = decision.record;
        self.decided += 1;
        let (sent_at, expected) = (sent.at, sent.expected);
        let latency = at.saturating_sub(sent_at).as_micros().clamp(1, 600_000_000) as u64;
        // Within the histogram's bounds by the clamp above.
        let _ = self.latency_us.record(latency);
        self.last_decision = Some(self.last_decision.map_or(at, |l| l.max(at)));
        self.second(at).decided += 1;
        match (decision.verdict.as_str(), expected) {
            ("hold", Expected::Hold) => self.hits_found += 1,
            ("hold", Expected::Pass) => self.false_positives += 1,
            ("pass", Expected::Hold) => {
                if self.missed_hit_keys.len() < LISTED_KEYS {
                    self.missed_hit_keys.push(decision.key.clone());
                }
            }
            ("pass", Expected::Pass) => {}
            // `error`, or anything else: never a pass.
            _ => {
                self.errors += 1;
                if self.error_keys.len() < LISTED_KEYS {
                    self.error_keys.push(decision.key.clone());
                }
            }
        }
    }

    pub fn report(&self) -> Report {
        let decided = self.sent.values().filter(|s| s.decided).count() as u64;
        let sent = self.sent.len() as u64;
        // An expected hit decided as anything but a hold (a pass, or an error) is missed.
        let missed_hits =
            self.sent.values().filter(|s| s.decided && s.expected == Expected::Hold).count() as u64 - self.hits_found;
        let mut without: Vec<(&String, &Sent)> = self.sent.iter().filter(|(_, s)| !s.decided).collect();
        without.sort_by_key(|(_, s)| s.at);
        let elapsed = match (self.first_send, self.last_decision) {
            (Some(f), Some(l)) => l.saturating_sub(f).as_secs_f64(),
            _ => 0.0,
        };
        let h = &self.latency_us;
        let q = |p: f64| if h.is_empty() { 0 } else { h.value_at_quantile(p) };
        let latency_us = LatencySummary {
            count: h.len(),
            p50: q(0.50),
            p90: q(0.90),
            p99: q(0.99),
            p999: q(0.999),
            max: if h.is_empty() { 0 } else { h.max() },
            mean: if h.is_empty() { 0.0 } else { h.mean() },
        };
        let latency_curve = if h.is_empty() {
            Vec::new()
        } else {
            CURVE_PERCENTILES
                .iter()
                .map(|&p| CurvePoint { percentile: p, us: h.value_at_quantile(p / 100.0) })
                .collect()
        };
        let without_decision = sent - decided;
        Report {
            sent,
            decided,
            without_decision,
            duplicates: self.duplicates,
            duplicate_rereads: self.rereads,
            unknown_keys: self.unknown,
            elapsed_seconds: elapsed,
            decisions_per_second: if elapsed > 0.0 { decided as f64 / elapsed } else { 0.0 },
            latency_us,
            expected_hits: self.expected_hits,
            hits_found: self.hits_found,
            missed_hits,
            false_positives: self.false_positives,
            errors: self.errors,
            missed_hit_keys: self.missed_hit_keys.clone(),
            error_keys: self.error_keys.clone(),
            without_decision_keys: without.iter().take(LISTED_KEYS).map(|(k, _)| (*k).clone()).collect(),
            per_second: self.per_second.clone(),
            latency_curve,
            passed: missed_hits == 0 && without_decision == 0 && self.errors == 0,
        }
    }
}

/// Where the latency curve is sampled: denser towards the tail.
const CURVE_PERCENTILES: [f64; 16] =
    [0.0, 10.0, 25.0, 50.0, 75.0, 90.0, 95.0, 99.0, 99.5, 99.9, 99.95, 99.99, 99.995, 99.999, 99.9995, 100.0];

impl Report {
    /// A few lines for the terminal.
    pub fn summary(&self) -> String {
        let l = &self.latency_us;
        format!(
            "sent {} decided {} without decision {} duplicates {} (same record read again: {})\n\
             throughput {:.0} decisions/s over {:.2} s\n\
             latency (produce → decision read) p50 {} µs, p90 {} µs, p99 {} µs, p99.9 {} µs, max {} µs\n\
             hits expected {} found {} missed {}; false positives {}; errors {}\n\
             {}",
            self.sent,
            self.decided,
            self.without_decision,
            self.duplicates,
            self.duplicate_rereads,
            self.decisions_per_second,
            self.elapsed_seconds,
            l.p50,
            l.p90,
            l.p99,
            l.p999,
            l.max,
            self.expected_hits,
            self.hits_found,
            self.missed_hits,
            self.false_positives,
            self.errors,
            if self.passed { "PASSED" } else { "FAILED" }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn counts_latency_outcomes_and_failures() {
        let mut r = Recorder::new().unwrap();
        // (key, sent at ms, expected)
        let sends = [
            ("a", 0, Expected::Pass),
            ("b", 1, Expected::Hold),
            ("c", 2, Expected::Hold),
            ("d", 3, Expected::Pass),
            ("e", 4, Expected::Pass),
            ("f", 1500, Expected::Pass),
        ];
        for (k, at, e) in sends {
            r.sent(k, ms(at), e);
        }
        // (key, verdict, read at ms)
        let decisions = [
            ("a", "pass", 10),
            ("b", "hold", 21),
            ("c", "pass", 32),    // a missed hit
            ("d", "hold", 43),    // a false positive
            ("a", "pass", 50),    // a replay: another record
            ("b", "hold", 21),    // the same record read again
            ("zz", "pass", 60),   // not ours
            ("f", "error", 1600), // an error
        ];
        for (k, v, at) in decisions {
            r.decided(&Decision { key: k.into(), verdict: v.into(), record: Some((0, at as i64)) }, ms(at));
        }
        assert_eq!(r.pending(), 1, "only e awaits its decision");
        let report = r.report();
        assert_eq!((report.sent, report.decided, report.without_decision), (6, 5, 1));
        assert_eq!(report.without_decision_keys, ["e"]);
        assert_eq!((report.duplicates, report.unknown_keys), (2, 1));
        assert_eq!(report.duplicate_rereads, 1, "b's record read twice; a's replay is another record");
        assert_eq!((report.expected_hits, report.hits_found, report.missed_hits), (2, 1, 1));
        assert_eq!(report.missed_hit_keys, ["c"]);
        assert_eq!((report.false_positives, report.errors), (1, 1));
        assert_eq!(report.error_keys, ["f"]);
        assert!(!report.passed);
        // Latencies 10, 20, 30, 40 and 100 ms.
        assert_eq!(report.latency_us.count, 5);
        assert!((report.latency_us.p50 as f64 - 30_000.0).abs() < 100.0, "{:?}", report.latency_us);
        assert!((report.latency_us.max as f64 - 100_000.0).abs() < 200.0, "{:?}", report.latency_us);
        assert_eq!(report.per_second.len(), 2);
        assert_eq!((report.per_second[0].sent, report.per_second[0].decided), (5, 4));
        assert_eq!((report.per_second[1].sent, report.per_second[1].decided), (1, 1));
        assert!((report.elapsed_seconds - 1.6).abs() < 1e-9);
        assert!(report.latency_curve.windows(2).all(|w| w[0].us <= w[1].us), "the curve never goes down");
    }

    #[test]
    fn decisions_are_read_from_records() {
        let ok = br#"{"schema_version": 1, "input": {"topic": "in", "partition": 0, "offset": 4}, "key": "lg-1",
            "message_index": 0, "messages_in_input": 1, "verdict": "hold", "index_version": "idx-1",
            "latency_us": 950.0, "screen_us": 120.5, "hits": 1, "suppressed": 0}"#;
        assert_eq!(
            Decision::from_record(ok),
            Some(Decision { key: "lg-1".into(), verdict: "hold".into(), record: None })
        );
        let without_key = br#"{"schema_version": 1, "input": {"topic": "in", "partition": 0, "offset": 5},
            "message_index": 0, "messages_in_input": 1, "verdict": "pass", "index_version": "idx-1",
            "latency_us": 950.0, "screen_us": 120.5, "hits": 0, "suppressed": 0}"#;
        for bad in [&b"not json"[..], br#"{"verdict": "pass"}"#, br#"{"key": 7, "verdict": "pass"}"#, without_key] {
            assert_eq!(Decision::from_record(bad), None);
        }
    }

    #[test]
    fn a_clean_run_passes() {
        let mut r = Recorder::new().unwrap();
        r.sent("a", ms(0), Expected::Hold);
        r.sent("b", ms(0), Expected::Pass);
        r.decided(&Decision { key: "a".into(), verdict: "hold".into(), record: Some((1, 7)) }, ms(5));
        r.decided(&Decision { key: "b".into(), verdict: "pass".into(), record: None }, ms(6));
        assert_eq!(r.pending(), 0);
        let report = r.report();
        assert!(report.passed, "{}", report.summary());
        assert!(report.summary().ends_with("PASSED"));
    }
}
