//! The Kafka service (`interdict run`), started and stopped as one ([`Service::start`]
//! gives a [`ServiceHandle`]): the consume → screen → produce loop at least once
//! ([`service`]) or exactly once through transactions ([`transactional`]), and its
//! building blocks that need no broker: which input offsets may be stored
//! ([`OffsetTracker`]), the records written to the decisions, review and dead-letter
//! topics ([`records`]), the configuration ([`Config`]: TOML file, then environment,
//! then flags), the HTTP server ([`http`]: health, readiness, Prometheus metrics,
//! `POST /v1/screen`) and the typed telemetry events ([`telemetry`]). Every consumer the
//! project owns rebalances and closes through [`consumer`], which never blocks a close,
//! and a stop runs its phases under one deadline ([`shutdown`]).
//!
//! The correctness rules (nothing is skipped, nothing moves past a failed message,
//! every output names its input) are tested here without Kafka; the loops are tested
//! against librdkafka's mock cluster (`tests/mock_cluster.rs`) and, from the binary,
//! against a real broker. What it is not for: parsing or screening payments
//! (`interdict-screen` does that), or load testing (`interdict-loadgen`).
//!
//! ```
//! use interdict_stream::OffsetTracker;
//!
//! let mut t = OffsetTracker::default();
//! t.begin("payments", 3, 41);
//! assert_eq!(t.complete("payments", 3, 41), Some(42));
//! ```

mod config;
pub mod consumer;
pub mod http;
pub mod logging;
pub mod mock;
mod offsets;
pub mod records;
pub mod screening;
pub mod service;
pub mod shutdown;
mod start;
pub mod telemetry;
pub mod transactional;

pub use config::{parse_duration, Config, ConfigError, LogFormat};
pub use offsets::OffsetTracker;
pub use start::{ScreenerSource, Service, ServiceHandle, Start};
