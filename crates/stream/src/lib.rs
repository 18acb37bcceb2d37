//! Building blocks of the Kafka service (`interdict run`) that do not need a broker:
//! which input offsets may be stored ([`OffsetTracker`]), the records written to the
//! decisions, review and dead-letter topics ([`records`]), and the configuration
//! ([`Config`]: TOML file, then environment, then flags), the HTTP server ([`http`]:
//! health, readiness, Prometheus metrics, `POST /v1/screen`) and the typed telemetry
//! events ([`telemetry`]).
//!
//! Why a crate of its own: these are the service's correctness rules (nothing is skipped,
//! nothing moves past a failed message, every output names its input), and they are
//! tested here without Kafka. The consumer and producer loop that uses them is the
//! service's job.
//!
//! ```
//! use interdict_stream::OffsetTracker;
//!
//! let mut t = OffsetTracker::default();
//! t.begin("payments", 3, 41);
//! assert_eq!(t.complete("payments", 3, 41), Some(42));
//! ```

mod config;
pub mod http;
mod offsets;
pub mod records;
pub mod service;
pub mod telemetry;
pub mod transactional;

pub use config::{parse_duration, Config, ConfigError};
pub use offsets::OffsetTracker;
