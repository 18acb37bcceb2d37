//! One module per subcommand.

pub mod demo;
pub mod index;
pub mod loadgen;
pub mod run;
pub mod screen;
pub mod search;

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;
use interdict_index::Index;
use interdict_matcher::DEFAULT_THRESHOLD;

/// What `search` and `screen` both take: the index to screen against, the name alert
/// threshold, and JSON output.
#[derive(Args)]
pub struct ScreeningArgs {
    /// The index file.
    #[arg(long)]
    pub index: PathBuf,
    /// JSON output, one object a line: a name's alerts (`search`), a message's verdict
    /// (`screen`).
    #[arg(long)]
    pub json: bool,
    /// Name alert threshold, 0 to 1.
    #[arg(long, default_value_t = DEFAULT_THRESHOLD)]
    pub threshold: f64,
}

impl ScreeningArgs {
    /// The threshold, once checked.
    pub fn threshold(&self) -> Result<f64> {
        if !(0.0..=1.0).contains(&self.threshold) {
            anyhow::bail!("--threshold must be between 0 and 1, got {}", self.threshold);
        }
        Ok(self.threshold)
    }

    /// The index, opened (and so verified).
    pub fn open_index(&self) -> Result<Index> {
        Index::open(&self.index).with_context(|| format!("opening {}", self.index.display()))
    }
}
