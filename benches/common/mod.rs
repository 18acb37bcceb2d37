//! What the hand-written benches share: how they read their command line.
// Each bench uses some of these.
#![allow(dead_code)]

/// The arguments a bench runs with. `cargo bench` passes `--bench`; without it (`cargo
/// test --benches`) a bench runs quickly and says that its figures measure nothing.
pub struct BenchArgs {
    args: Vec<String>,
    /// Run without `--bench`.
    pub quick: bool,
}

impl BenchArgs {
    pub fn from_env() -> BenchArgs {
        let args: Vec<String> = std::env::args().collect();
        let quick = !args.iter().any(|a| a == "--bench");
        BenchArgs { args, quick }
    }

    /// The number given after `flag` (`--messages 5000`), if any.
    pub fn number(&self, flag: &str) -> Option<usize> {
        let at = self.args.iter().position(|a| a == flag)?;
        self.args.get(at + 1)?.parse().ok()
    }

    /// The number given after `flag`, else `quick` or `full` as the run is quick or not.
    pub fn count(&self, flag: &str, quick: usize, full: usize) -> usize {
        self.number(flag).unwrap_or(if self.quick { quick } else { full })
    }
}
