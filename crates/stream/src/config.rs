//! The service's configuration: a TOML file, then `INTERDICT_*` environment variables,
//! then command-line flags, each overriding the one before.
//!
//! ```toml
//! brokers = "kafka-1:9092,kafka-2:9092"
//! group = "interdict"
//! input_topics = ["payments.in"]
//! decisions_topic = "payments.decisions"
//! review_topic = "payments.review"
//! dlq_topic = "payments.dlq"
//! index = "/var/lib/interdict/lists.idx"
//! policy = "/etc/interdict/embargo.toml"      # default: the shipped policy
//! good_guys = "/var/lib/interdict/goodguys.csv" # reloaded when it changes
//! threshold = 0.80
//! exactly_once = false
//! max_in_flight = 1024
//! workers = 0                  # screening threads; 0: one per core
//! http_listen = "127.0.0.1:9095"
//! max_index_age = "36h"
//! shutdown_timeout = "25s"      # a stop that takes longer exits non-zero, saying why
//! log_format = "json"          # or "text"; logs go to stderr
//! log_level = "info"           # or directives: "info,interdict_stream=debug"
//!
//! [kafka]                      # passed to librdkafka as is: TLS, SASL, tuning
//! "security.protocol" = "SASL_SSL"
//! "sasl.mechanism" = "SCRAM-SHA-512"
//! ```

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use serde::Deserialize;

/// Why a configuration was refused.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("config file: {0}")]
    File(String),
    #[error("environment variable {name}: {reason}")]
    Env { name: String, reason: String },
    #[error("config: {0}")]
    Invalid(String),
    #[error("log level {level:?}: {reason}")]
    LogLevel { level: String, reason: String },
    /// A command-line flag's value is refused: `--flag-name: why`.
    #[error("{flag}: {reason}")]
    Flag { flag: String, reason: String },
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

impl std::str::FromStr for LogFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<LogFormat, String> {
        match s {
            "text" => Ok(LogFormat::Text),
            "json" => Ok(LogFormat::Json),
            _ => Err(format!("expected text or json, not {s:?}")),
        }
    }
}

/// Everything `interdict run` needs. Field names are the TOML keys; the environment
/// variable of a key is `INTERDICT_` and the key in upper case (`INTERDICT_BROKERS`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Bootstrap brokers, `host:port,host:port`.
    pub brokers: String,
    /// Consumer group id.
    pub group: String,
    pub input_topics: Vec<String>,
    pub decisions_topic: String,
    pub review_topic: String,
    pub dlq_topic: String,
    /// The index file; a new file at this path is picked up by hot reload.
    pub index: PathBuf,
    /// The embargo policy (TOML, as `interdict screen --policy`); the shipped one if unset.
    pub policy: Option<PathBuf>,
    /// Accepted false positives (CSV or JSON, as `interdict screen --good-guys`).
    pub good_guys: Option<PathBuf>,
    /// Reload the good-guy list when its file changes (checked every
    /// `good_guys_check_interval`), besides on SIGHUP.
    pub watch_good_guys: bool,
    pub good_guys_check_interval: String,
    /// Name alert threshold, 0 to 1 (as `interdict screen --threshold`).
    pub threshold: f64,
    /// A review record carries the input record's bytes up to this many, then is
    /// flagged as truncated.
    pub review_max_original_bytes: usize,
    /// Outputs and consumer offsets in one Kafka transaction per batch.
    pub exactly_once: bool,
    /// Messages screened or waiting for their outputs, at most (backpressure).
    pub max_in_flight: usize,
    /// Screening threads; 0 means one per core.
    pub workers: usize,
    /// With `exactly_once`: the producer's transactional id. Unique per instance and
    /// stable across its restarts (a pod name); by default `interdict-<group>-<HOSTNAME>`.
    pub transactional_id: Option<String>,
    /// With `exactly_once`: at most this many messages per transaction.
    pub transaction_max_messages: usize,
    /// With `exactly_once`: a transaction commits at the latest this long after its
    /// first message (`50ms`, `1s`).
    pub transaction_max_wait: String,
    /// The HTTP server for /metrics, /healthz, /readyz and /v1/screen.
    pub http_listen: String,
    /// A bearer token that guards `POST /v1/screen`, if set (the other endpoints,
    /// health, readiness and metrics, are open: keep the server on a private network).
    pub http_token: Option<String>,
    /// Largest HTTP request body accepted, in bytes.
    pub http_max_body: usize,
    /// An index older than this (by its build time) is refused: fail closed. Written
    /// as a number and a unit: `90m`, `36h`, `7d`.
    pub max_index_age: Option<String>,
    /// How long a stop (SIGTERM) may take to drain, flush, commit and leave the group;
    /// past it the service exits non-zero, naming what it was waiting for. Below
    /// Kubernetes' default grace period of 30 s.
    pub shutdown_timeout: String,
    /// Log lines as text for people, or one JSON object a line for a log pipeline.
    pub log_format: LogFormat,
    /// Which log lines to write: a level (`info`, `debug`) or per-module directives
    /// (`info,interdict_stream=debug`). Logs go to stderr.
    pub log_level: String,
    /// librdkafka properties, passed through (TLS, SASL, tuning).
    pub kafka: BTreeMap<String, String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            brokers: "127.0.0.1:9092".into(),
            group: "interdict".into(),
            input_topics: Vec::new(),
            decisions_topic: "interdict.decisions".into(),
            review_topic: "interdict.review".into(),
            dlq_topic: "interdict.dlq".into(),
            index: PathBuf::from("lists.idx"),
            policy: None,
            good_guys: None,
            watch_good_guys: true,
            good_guys_check_interval: "2s".into(),
            threshold: interdict_matcher::DEFAULT_THRESHOLD,
            review_max_original_bytes: 256 * 1024,
            exactly_once: false,
            max_in_flight: 1024,
            workers: 0,
            transactional_id: None,
            transaction_max_messages: 500,
            transaction_max_wait: "20ms".into(),
            http_listen: "127.0.0.1:9095".into(),
            http_token: None,
            http_max_body: 1 << 20,
            max_index_age: None,
            shutdown_timeout: "25s".into(),
            log_format: LogFormat::Text,
            log_level: "info".into(),
            kafka: BTreeMap::new(),
        }
    }
}

impl Config {
    /// The configuration `interdict run` starts with, each layer over the one before: the
    /// TOML file's text if any, the `INTERDICT_*` variables of `env`, then the flags
    /// given (by key, as [`Config::set`] takes them; the flag is `--` and the key with
    /// dashes); then checked.
    pub fn layered(
        toml: Option<&str>,
        env: impl IntoIterator<Item = (String, String)>,
        flags: impl IntoIterator<Item = (&'static str, String)>,
    ) -> Result<Config, ConfigError> {
        let mut config = match toml {
            Some(text) => Config::from_toml(text)?,
            None => Config::default(),
        };
        config.apply_env(env)?;
        for (key, value) in flags {
            let flag = || format!("--{}", key.replace('_', "-"));
            config.set(key, value).map_err(|reason| ConfigError::Flag { flag: flag(), reason })?;
        }
        config.validate()?;
        Ok(config)
    }

    /// Reads a TOML configuration; keys left out keep their defaults.
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        toml::from_str(text).map_err(|e| ConfigError::File(e.to_string()))
    }

    /// Applies `INTERDICT_*` variables from an iterator of (name, value) pairs (pass
    /// `std::env::vars()`). `INTERDICT_INPUT_TOPICS` is comma-separated;
    /// `INTERDICT_KAFKA_<PROPERTY>` sets a librdkafka property, with `_` for `.`
    /// (`INTERDICT_KAFKA_SASL_USERNAME` → `sasl.username`).
    pub fn apply_env(&mut self, vars: impl IntoIterator<Item = (String, String)>) -> Result<(), ConfigError> {
        for (name, value) in vars {
            let Some(key) = name.strip_prefix("INTERDICT_") else { continue };
            if let Some(property) = key.strip_prefix("KAFKA_").filter(|p| !p.is_empty()) {
                self.kafka.insert(property.to_ascii_lowercase().replace('_', "."), value);
                continue;
            }
            if let Err(reason) = self.set(&key.to_ascii_lowercase(), value) {
                return Err(ConfigError::Env { name, reason });
            }
        }
        Ok(())
    }

    /// Sets the key `key` (a TOML key, as `brokers` or `log_format`) from its text, as
    /// an environment variable or a command-line flag gives it. Returns whether the key
    /// is one of this configuration's (other keys belong to other commands), or why the
    /// value is refused.
    pub fn set(&mut self, key: &str, value: String) -> Result<bool, String> {
        let number = |what: &str| format!("expected {what}");
        let flag = |value: &str| parse_bool(value).ok_or_else(|| number("true or false"));
        match key {
            "brokers" => self.brokers = value,
            "group" => self.group = value,
            "input_topics" => {
                self.input_topics =
                    value.split(',').map(str::trim).filter(|t| !t.is_empty()).map(String::from).collect()
            }
            "decisions_topic" => self.decisions_topic = value,
            "review_topic" => self.review_topic = value,
            "dlq_topic" => self.dlq_topic = value,
            "index" => self.index = PathBuf::from(value),
            "policy" => self.policy = Some(PathBuf::from(value)),
            "good_guys" => self.good_guys = Some(PathBuf::from(value)),
            "watch_good_guys" => self.watch_good_guys = flag(&value)?,
            "good_guys_check_interval" => self.good_guys_check_interval = value,
            "threshold" => self.threshold = value.parse().map_err(|_| number("a number from 0 to 1"))?,
            "review_max_original_bytes" => {
                self.review_max_original_bytes = value.parse().map_err(|_| number("a number of bytes"))?
            }
            "exactly_once" => self.exactly_once = flag(&value)?,
            "max_in_flight" => self.max_in_flight = value.parse().map_err(|_| number("a number"))?,
            "workers" => self.workers = value.parse().map_err(|_| number("a number"))?,
            "transactional_id" => self.transactional_id = Some(value),
            "transaction_max_messages" => {
                self.transaction_max_messages = value.parse().map_err(|_| number("a number"))?
            }
            "transaction_max_wait" => self.transaction_max_wait = value,
            "http_listen" => self.http_listen = value,
            "http_token" => self.http_token = Some(value),
            "http_max_body" => self.http_max_body = value.parse().map_err(|_| number("a number of bytes"))?,
            "max_index_age" => self.max_index_age = Some(value),
            "shutdown_timeout" => self.shutdown_timeout = value,
            "log_format" => self.log_format = value.parse()?,
            "log_level" => self.log_level = value,
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Checks what the service cannot run without.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let invalid = |m: String| Err(ConfigError::Invalid(m));
        if self.brokers.trim().is_empty() {
            return invalid("no brokers".into());
        }
        if self.input_topics.is_empty() {
            return invalid("no input topic".into());
        }
        let outputs = [&self.decisions_topic, &self.review_topic, &self.dlq_topic];
        for t in outputs {
            if t.trim().is_empty() {
                return invalid("an output topic is empty".into());
            }
            if self.input_topics.contains(t) {
                return invalid(format!("topic {t:?} is both an input and an output"));
            }
        }
        if !(0.0..=1.0).contains(&self.threshold) {
            return invalid(format!("threshold must be between 0 and 1, got {}", self.threshold));
        }
        match parse_duration(&self.good_guys_check_interval) {
            Ok(every) if every.is_zero() => return invalid("good_guys_check_interval must be more than 0".into()),
            Ok(_) => {}
            Err(e) => return invalid(format!("good_guys_check_interval: {e}")),
        }
        if self.max_in_flight == 0 {
            return invalid("max_in_flight must be at least 1".into());
        }
        if self.transaction_max_messages == 0 {
            return invalid("transaction_max_messages must be at least 1".into());
        }
        parse_duration(&self.transaction_max_wait)
            .map_err(|e| ConfigError::Invalid(format!("transaction_max_wait: {e}")))?;
        match parse_duration(&self.shutdown_timeout) {
            Ok(limit) if limit.is_zero() => return invalid("shutdown_timeout must be more than 0".into()),
            Ok(_) => {}
            Err(e) => return invalid(format!("shutdown_timeout: {e}")),
        }
        if let Some(age) = &self.max_index_age {
            parse_duration(age).map_err(|e| ConfigError::Invalid(format!("max_index_age: {e}")))?;
        }
        Ok(())
    }

    /// Screening threads: `workers`, or one per core.
    pub fn worker_count(&self) -> usize {
        if self.workers > 0 {
            self.workers
        } else {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        }
    }

    /// The transactional id for exactly-once delivery.
    pub fn transactional_id(&self) -> String {
        self.transactional_id.clone().unwrap_or_else(|| {
            let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "local".into());
            format!("interdict-{}-{host}", self.group)
        })
    }

    /// The longest a transaction stays open.
    pub fn transaction_max_wait(&self) -> Duration {
        parse_duration(&self.transaction_max_wait).unwrap_or(Duration::from_millis(20))
    }

    /// How often the good-guy file is checked for changes.
    pub fn good_guys_check_interval(&self) -> Duration {
        parse_duration(&self.good_guys_check_interval).unwrap_or(Duration::from_secs(2))
    }

    /// How long a stop may take.
    pub fn shutdown_timeout(&self) -> Duration {
        parse_duration(&self.shutdown_timeout).unwrap_or(Duration::from_secs(25))
    }

    /// The maximum index age, if set.
    pub fn max_index_age(&self) -> Option<Duration> {
        self.max_index_age.as_deref().and_then(|a| parse_duration(a).ok())
    }
}

fn parse_bool(value: &str) -> Option<bool> {
    match value.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" => Some(true),
        "0" | "false" | "no" => Some(false),
        _ => None,
    }
}

/// Reads `20ms`, `90s`, `90m`, `36h` or `7d`.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit()).ok_or_else(|| format!("{text:?} has no unit (s, m, h, d)"))?;
    let (number, unit) = text.split_at(split);
    let n: u64 = number.parse().map_err(|_| format!("{text:?} does not start with a number"))?;
    let seconds = match unit.trim() {
        "ms" => return Ok(Duration::from_millis(n)),
        "s" => n,
        "m" => n * 60,
        "h" => n * 3600,
        "d" => n * 86_400,
        other => return Err(format!("unknown unit {other:?} (ms, s, m, h, d)")),
    };
    Ok(Duration::from_secs(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_go_over_the_environment_over_the_file() {
        let file = "brokers = \"file:1\"\ngroup = \"from-file\"\ninput_topics = [\"in\"]\nworkers = 3\n";
        let env = [("INTERDICT_BROKERS".to_string(), "env:1".to_string()), ("INTERDICT_WORKERS".into(), "5".into())];
        let config = Config::layered(Some(file), env.clone(), [("workers", "7".to_string())]).unwrap();
        assert_eq!((config.group.as_str(), config.brokers.as_str(), config.workers), ("from-file", "env:1", 7));
        let refused =
            Config::layered(Some(file), env, [("shutdown_timeout", "25s".into()), ("max_in_flight", "many".into())]);
        assert_eq!(refused.unwrap_err().to_string(), "--max-in-flight: expected a number");
        let unchecked = Config::layered(None, [], [("brokers", " ".to_string())]);
        assert!(matches!(unchecked, Err(ConfigError::Invalid(_))), "{unchecked:?}");
    }

    #[test]
    fn file_then_environment() {
        let mut config = Config::from_toml(
            r#"
            brokers = "kafka:9092"
            input_topics = ["payments.in"]
            max_index_age = "36h"
            log_format = "json"
            [kafka]
            "security.protocol" = "SASL_SSL"
            "#,
        )
        .unwrap();
        assert_eq!(config.group, "interdict", "defaults fill what the file leaves out");
        config
            .apply_env([
                ("INTERDICT_BROKERS".to_string(), "a:1,b:2".to_string()),
                ("INTERDICT_INPUT_TOPICS".to_string(), "x, y".to_string()),
                ("INTERDICT_EXACTLY_ONCE".to_string(), "true".to_string()),
                ("INTERDICT_KAFKA_SASL_USERNAME".to_string(), "svc".to_string()),
                ("INTERDICT_POLICY".to_string(), "/etc/interdict/embargo.toml".to_string()),
                ("INTERDICT_GOOD_GUYS".to_string(), "/var/lib/interdict/goodguys.csv".to_string()),
                ("INTERDICT_THRESHOLD".to_string(), "0.9".to_string()),
                ("INTERDICT_WATCH_GOOD_GUYS".to_string(), "no".to_string()),
                ("INTERDICT_LOG_LEVEL".to_string(), "debug".to_string()),
                ("PATH".to_string(), "/bin".to_string()),
            ])
            .unwrap();
        assert_eq!(config.brokers, "a:1,b:2");
        assert_eq!(config.input_topics, ["x", "y"]);
        assert!(config.exactly_once);
        assert_eq!(config.kafka["security.protocol"], "SASL_SSL");
        assert_eq!(config.kafka["sasl.username"], "svc");
        assert_eq!(config.max_index_age(), Some(Duration::from_secs(36 * 3600)));
        assert_eq!(config.policy.as_deref(), Some(std::path::Path::new("/etc/interdict/embargo.toml")));
        assert_eq!(config.good_guys.as_deref(), Some(std::path::Path::new("/var/lib/interdict/goodguys.csv")));
        assert_eq!((config.threshold, config.watch_good_guys), (0.9, false));
        assert_eq!((config.log_format, config.log_level.as_str()), (LogFormat::Json, "debug"));
        config.validate().unwrap();
        let err = config.apply_env([("INTERDICT_LOG_FORMAT".to_string(), "xml".to_string())]).unwrap_err();
        assert!(err.to_string().contains("expected text or json"), "{err}");
    }

    #[test]
    fn bad_configurations_are_refused_with_the_reason() {
        let cases: &[(&str, &str)] = &[
            ("brokres = \"x\"", "unknown field"),
            ("input_topics = []", "no input topic"),
            ("input_topics = [\"a\"]\ndecisions_topic = \"a\"", "both an input and an output"),
            ("input_topics = [\"a\"]\nmax_in_flight = 0", "at least 1"),
            ("input_topics = [\"a\"]\nmax_index_age = \"36 hours\"", "unknown unit"),
            ("input_topics = [\"a\"]\nshutdown_timeout = \"0s\"", "more than 0"),
            ("input_topics = [\"a\"]\nthreshold = 1.5", "between 0 and 1"),
            ("input_topics = [\"a\"]\ngood_guys_check_interval = \"0s\"", "more than 0"),
            ("input_topics = [\"a\"]\nshutdown_timeout = \"soon\"", "shutdown_timeout"),
        ];
        for (text, reason) in cases {
            let err = Config::from_toml(text).and_then(|c| c.validate().map(|_| c)).unwrap_err();
            assert!(err.to_string().contains(reason), "{text}: {err}");
        }
        let err =
            Config::default().apply_env([("INTERDICT_MAX_IN_FLIGHT".to_string(), "lots".to_string())]).unwrap_err();
        assert!(err.to_string().contains("INTERDICT_MAX_IN_FLIGHT"), "{err}");
    }
}
