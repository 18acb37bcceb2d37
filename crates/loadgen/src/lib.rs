//! Load testing for Interdict: realistic payment messages with their expected outcome,
//! the drive of a run through Kafka, and the report of a run (throughput,
//! produce→decision latency as an HDR histogram, hits expected against hits found,
//! messages without a decision, and a plot).
//!
//! What it is for: `interdict loadgen` and the benchmarks. The [`Generator`] makes the
//! payments; [`write_files`] writes them to a directory for `interdict screen`; with the
//! `kafka` feature, `kafka::run` sends them to a topic at a controlled [`Rate`] and reads
//! the decisions back (as [`interdict_model::record::DecisionRecord`]s) into a
//! [`Report`], which [`write_svg`] plots. Without the feature the crate needs no Kafka
//! client. What it is not for: screening (the service does that), or reading and
//! writing Kafka for anything but a load test (`interdict-stream` does that).
//!
//! ```
//! use interdict_loadgen::{Generator, GeneratorConfig, ListedName};
//!
//! let listed = vec![ListedName { entity_id: "ofac-sdn:43598".into(), name: "CHOE, Chol Min".into(), organisation: false }];
//! let mut generator = Generator::new(GeneratorConfig { seed: 7, hit_ratio: 0.5, ..GeneratorConfig::default() }, listed);
//! let payment = generator.next_payment();
//! assert!(!payment.bytes.is_empty());
//! ```
//!
//! A run through Kafka (needs brokers, so not run here):
//!
//! ```no_run
//! # #[cfg(feature = "kafka")]
//! # async fn example(generator: interdict_loadgen::Generator) -> Result<(), interdict_loadgen::Error> {
//! use std::time::Duration;
//!
//! use interdict_loadgen::kafka::{self, Target};
//! use interdict_loadgen::Rate;
//!
//! let target = Target {
//!     brokers: "localhost:9092".into(),
//!     properties: Vec::new(),
//!     topic: "payments.in".into(),
//!     decisions_topic: "interdict.decisions".into(),
//!     rate: Rate::Fixed { per_second: 500.0, ramp: Duration::from_secs(5) },
//!     duration: None,
//!     count: Some(10_000),
//!     drain: Duration::from_secs(30),
//!     run_id: "lg-example".into(),
//! };
//! let finished = kafka::run(&target, generator, |_progress| {}).await?;
//! println!("{}", finished.report.summary());
//! # Ok(())
//! # }
//! ```

use std::time::Duration;

mod files;
mod generate;
#[cfg(feature = "kafka")]
pub mod kafka;
mod names;
mod plot;
mod rate;
mod report;

pub use files::write_files;
pub use generate::{
    listed_names_from, Expected, Format, GeneratedPayment, Generator, GeneratorConfig, ListedName, Mix,
};
pub use plot::write_svg;
pub use rate::Rate;
pub use report::{Decision, LatencySummary, Recorder, Report};

/// Why a load-test step failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("mix: {0}")]
    Mix(String),
    /// A rate that is neither `max` nor a number of payments a second above zero.
    #[error("rate {0}")]
    Rate(String),
    #[error("plot: {0}")]
    Plot(String),
    #[error("histogram: {0}")]
    Histogram(String),
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    /// A Kafka client call failed: what was being done, and why.
    #[error("{doing}: {source}")]
    Kafka { doing: String, source: Box<dyn std::error::Error + Send + Sync> },
    /// A wait ran out of time.
    #[error("gave up after {limit:?} waiting for {waiting_for}")]
    Timeout { waiting_for: String, limit: Duration },
    /// A run that cannot start or go on (a missing topic, neither a count nor a duration).
    #[error("{0}")]
    Run(String),
}
