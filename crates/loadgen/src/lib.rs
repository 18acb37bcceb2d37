//! Load testing for Interdict: realistic payment messages with their expected outcome,
//! and the report of a run (throughput, produce→decision latency as an HDR histogram,
//! hits expected against hits found, messages without a decision, and a plot).
//!
//! What it is for: `interdict loadgen`, which sends these messages to Kafka (or writes
//! them to files for `interdict screen`) and reads the decisions back. What it is not
//! for: screening, or talking to Kafka itself (the binary does that).
//!
//! ```
//! use interdict_loadgen::{Generator, GeneratorConfig, ListedName};
//!
//! let listed = vec![ListedName { entity_id: "ofac-sdn:43598".into(), name: "CHOE, Chol Min".into(), organisation: false }];
//! let mut generator = Generator::new(GeneratorConfig { seed: 7, hit_ratio: 0.5, ..GeneratorConfig::default() }, listed);
//! let payment = generator.next_payment();
//! assert!(!payment.bytes.is_empty());
//! ```

mod generate;
mod names;
mod plot;
mod report;

pub use generate::{
    listed_names_from, Expected, Format, GeneratedPayment, Generator, GeneratorConfig, ListedName, Mix,
};
pub use plot::write_svg;
pub use report::{Decision, LatencySummary, Recorder, Report};

/// Why a load-test step failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("mix: {0}")]
    Mix(String),
    #[error("plot: {0}")]
    Plot(String),
    #[error("histogram: {0}")]
    Histogram(String),
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
}
