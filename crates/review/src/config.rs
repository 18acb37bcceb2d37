//! What `interdict review` needs: a TOML file, then `INTERDICT_REVIEW_*` variables, then
//! flags, as `interdict run` reads its own.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

use crate::due::DuePolicy;
use crate::pacs002::StatusCodes;

/// The review service's settings. Field names are the TOML keys; the environment
/// variable of a key is `INTERDICT_REVIEW_` and the key in upper case.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReviewConfig {
    /// Bootstrap brokers, `host:port,host:port`.
    pub brokers: String,
    /// The topic `interdict run` writes held payments to.
    pub review_topic: String,
    /// Decided cases go out here, keyed by the original payment's key.
    pub outcomes_topic: String,
    /// pacs.002 status reports for ISO 20022 inputs.
    pub status_topic: String,
    /// Review records that do not parse, or of an unknown schema version, with the reason.
    pub dead_letter_topic: String,
    /// Consumer group of the review instances.
    pub group: String,
    /// `sqlite:PATH`, or `postgres://USER@HOST:PORT/DATABASE` for several instances
    /// sharing one queue.
    pub db: String,
    /// The index the listed entities of hits are read from (optional).
    pub index: Option<PathBuf>,
    /// `users.toml`.
    pub users: PathBuf,
    /// The good-guy file approved accepted false positives are written to (JSON, whole,
    /// atomically); point `interdict run --good-guys` at it. None: not written.
    pub good_guys: Option<PathBuf>,
    /// The HTTP API.
    pub listen: String,
    /// A claim with no action for this long may be taken by another analyst (`30m`).
    pub claim_idle: String,
    /// How often undecided cases are checked against their due time.
    pub overdue_check_interval: String,
    /// Due times by format and amount.
    pub due: DuePolicy,
    /// The pacs.002 status and reason code of each decision.
    pub status_codes: StatusCodes,
    /// librdkafka properties, passed through (TLS, SASL, tuning).
    pub kafka: BTreeMap<String, String>,
}

impl Default for ReviewConfig {
    fn default() -> Self {
        ReviewConfig {
            brokers: "127.0.0.1:9092".into(),
            review_topic: "interdict.review".into(),
            outcomes_topic: "interdict.outcomes".into(),
            status_topic: "interdict.status".into(),
            dead_letter_topic: "interdict.review.dlq".into(),
            group: "interdict-review".into(),
            db: "sqlite:review.db".into(),
            index: None,
            users: PathBuf::from("users.toml"),
            good_guys: None,
            listen: "127.0.0.1:8081".into(),
            claim_idle: "30m".into(),
            overdue_check_interval: "30s".into(),
            due: DuePolicy::default(),
            status_codes: StatusCodes::default(),
            kafka: BTreeMap::new(),
        }
    }
}

/// Why a configuration was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("configuration file: {0}")]
    File(String),
    #[error("{name}: {reason}")]
    Setting { name: String, reason: String },
}

impl ReviewConfig {
    /// The configuration each layer over the one before: the TOML file's text if any,
    /// the `INTERDICT_REVIEW_*` variables of `env`, then the flags (by key, as
    /// [`ReviewConfig::set`] takes them; the flag is `--` and the key with dashes).
    pub fn layered(
        toml: Option<&str>,
        env: impl IntoIterator<Item = (String, String)>,
        flags: impl IntoIterator<Item = (&'static str, String)>,
    ) -> Result<ReviewConfig, ConfigError> {
        let mut config = match toml {
            Some(text) => ReviewConfig::from_toml(text)?,
            None => ReviewConfig::default(),
        };
        config.apply_env(env)?;
        for (key, value) in flags {
            let name = format!("--{}", key.replace('_', "-"));
            match config.set(key, value) {
                Ok(true) => {}
                Ok(false) => return Err(ConfigError::Setting { name, reason: "no such setting".into() }),
                Err(reason) => return Err(ConfigError::Setting { name, reason }),
            }
        }
        Ok(config)
    }

    /// Reads a TOML configuration; keys left out keep their defaults.
    pub fn from_toml(text: &str) -> Result<ReviewConfig, ConfigError> {
        toml::from_str(text).map_err(|e| ConfigError::File(e.to_string()))
    }

    /// Applies `INTERDICT_REVIEW_*` variables (pass `std::env::vars()`);
    /// `INTERDICT_REVIEW_KAFKA_<PROPERTY>` sets a librdkafka property, `_` for `.`.
    pub fn apply_env(&mut self, vars: impl IntoIterator<Item = (String, String)>) -> Result<(), ConfigError> {
        for (name, value) in vars {
            let Some(key) = name.strip_prefix("INTERDICT_REVIEW_") else { continue };
            if let Some(property) = key.strip_prefix("KAFKA_").filter(|p| !p.is_empty()) {
                self.kafka.insert(property.to_ascii_lowercase().replace('_', "."), value);
                continue;
            }
            match self.set(&key.to_ascii_lowercase(), value) {
                Ok(true) => {}
                Ok(false) => return Err(ConfigError::Setting { name, reason: "no such setting".into() }),
                Err(reason) => return Err(ConfigError::Setting { name, reason }),
            }
        }
        Ok(())
    }

    /// Sets the key `key` from its text (an environment variable or a flag). Returns
    /// whether the key is one of this configuration's, or why the value is refused.
    pub fn set(&mut self, key: &str, value: String) -> Result<bool, String> {
        match key {
            "brokers" => self.brokers = value,
            "review_topic" => self.review_topic = value,
            "outcomes_topic" => self.outcomes_topic = value,
            "status_topic" => self.status_topic = value,
            "dead_letter_topic" => self.dead_letter_topic = value,
            "group" => self.group = value,
            "db" => self.db = value,
            "index" => self.index = Some(PathBuf::from(value)),
            "users" => self.users = PathBuf::from(value),
            "good_guys" => self.good_guys = Some(PathBuf::from(value)),
            "listen" => self.listen = value,
            "claim_idle" => {
                parse_duration(&value)?;
                self.claim_idle = value
            }
            "overdue_check_interval" => {
                parse_duration(&value)?;
                self.overdue_check_interval = value
            }
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// `90s`, `30m`, `4h`, `2d` as a duration.
pub fn parse_duration(text: &str) -> Result<std::time::Duration, String> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let n: u64 = number.parse().map_err(|_| format!("{text:?}: expected a number and a unit (90s, 30m, 4h, 2d)"))?;
    let seconds = match unit {
        "ms" => return Ok(std::time::Duration::from_millis(n)),
        "s" => n,
        "m" => n * 60,
        "h" => n * 3600,
        "d" => n * 86_400,
        _ => return Err(format!("{text:?}: the unit is one of ms, s, m, h, d")),
    };
    Ok(std::time::Duration::from_secs(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_then_environment() {
        let mut config = ReviewConfig::from_toml(
            "brokers = \"kafka:9092\"\ndb = \"sqlite:/var/lib/review.db\"\n[due]\ndefault_minutes = 120\nrules = []\n",
        )
        .unwrap();
        config
            .apply_env([
                ("INTERDICT_REVIEW_LISTEN".to_string(), "0.0.0.0:8081".to_string()),
                ("INTERDICT_REVIEW_KAFKA_SASL_USERNAME".to_string(), "review".to_string()),
                ("INTERDICT_BROKERS".to_string(), "ignored:1".to_string()),
            ])
            .unwrap();
        assert_eq!(config.brokers, "kafka:9092");
        assert_eq!(config.listen, "0.0.0.0:8081");
        assert_eq!(config.kafka["sasl.username"], "review");
        assert_eq!(config.due.default_minutes, 120);
        assert_eq!(config.db, "sqlite:/var/lib/review.db");
        let flags = [("listen", "127.0.0.1:9000".to_string())];
        let layered = ReviewConfig::layered(Some("listen = \"0.0.0.0:1\"\n"), [], flags).unwrap();
        assert_eq!(layered.listen, "127.0.0.1:9000", "a flag wins over the file");
        let bad = ReviewConfig::layered(None, [], [("claim_idle", "soon".to_string())]).unwrap_err().to_string();
        assert!(bad.contains("--claim-idle"), "{bad}");
    }

    #[test]
    fn bad_settings_say_which_and_why() {
        let mut config = ReviewConfig::default();
        let cases = [
            ("INTERDICT_REVIEW_CLAIM_IDLE", "soon", "a number and a unit"),
            ("INTERDICT_REVIEW_CLAIM_IDLE", "30y", "the unit"),
            ("INTERDICT_REVIEW_COLOUR", "red", "no such setting"),
        ];
        for (name, value, why) in cases {
            let e = config.apply_env([(name.to_string(), value.to_string())]).unwrap_err().to_string();
            assert!(e.contains(name) && e.contains(why), "{e}");
        }
        assert!(ReviewConfig::from_toml("brokerz = \"x\"").unwrap_err().to_string().contains("unknown field"));
        let e = crate::store::open("review.db").err().expect("a store must be named by its kind").to_string();
        assert!(e.contains("sqlite:PATH or postgres://"), "{e}");
    }
}
