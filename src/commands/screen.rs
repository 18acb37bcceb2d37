//! `interdict screen`: screen payment messages from files or stdin, one verdict per
//! message (NDJSON with `--json`, each naming its input file).
//!
//! Exit codes: 0 when every message was screened (passed or held), 1 when at least one
//! could not be (an `error` verdict), 2 when the command itself failed (arguments, the
//! index, a file that cannot be read).

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result};
use clap::Args;
use interdict_matcher::MatchConfig;
use interdict_model::{Outcome, Verdict};
use interdict_screen::{GoodGuyList, Policy, ScreenConfig, Screener};

use super::ScreeningArgs;

#[derive(Args)]
pub struct ScreenArgs {
    // With `--json`, one verdict per message (NDJSON).
    #[command(flatten)]
    pub screening: ScreeningArgs,
    /// Embargo policy (TOML); the shipped default holds KP, IR, CU, SY, Crimea, Donetsk, Luhansk.
    #[arg(long)]
    pub policy: Option<PathBuf>,
    /// Good-guy list (accepted false positives), CSV or JSON.
    #[arg(long)]
    pub good_guys: Option<PathBuf>,
    /// Largest message accepted, in bytes.
    #[arg(long, default_value_t = 1 << 20)]
    pub max_message_bytes: usize,
    /// Message files (ISO 20022 XML, SWIFT MT, JSON); `-` or nothing reads stdin.
    pub files: Vec<PathBuf>,
}

pub fn run(args: ScreenArgs) -> Result<ExitCode> {
    let threshold = args.screening.threshold()?;
    let policy = match &args.policy {
        Some(p) => Policy::from_toml(&std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?)?,
        None => Policy::default_policy(),
    };
    let good_guys = match &args.good_guys {
        Some(p) => GoodGuyList::read(p)?,
        None => GoodGuyList::empty(),
    };
    let index = Arc::new(args.screening.open_index()?);
    let config = ScreenConfig {
        matcher: MatchConfig { threshold, ..MatchConfig::default() },
        policy,
        good_guys,
        limits: interdict_messages::Limits { max_message_bytes: args.max_message_bytes },
        ..ScreenConfig::default()
    };
    let screener = Screener::new(index, config)?;

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let inputs: Vec<Option<PathBuf>> = if args.files.is_empty() {
        vec![None]
    } else {
        args.files.iter().map(|f| if f.as_os_str() == "-" { None } else { Some(f.clone()) }).collect()
    };
    let (mut holds, mut errors, mut total) = (0u64, 0u64, 0u64);
    let mut overall = Outcome::Pass;
    for input in inputs {
        let (label, bytes) = match &input {
            Some(path) => (
                path.display().to_string(),
                std::fs::read(path).with_context(|| format!("reading {}", path.display()))?,
            ),
            None => {
                let mut buf = Vec::new();
                std::io::stdin().read_to_end(&mut buf).context("reading stdin")?;
                ("-".to_string(), buf)
            }
        };
        for verdict in screener.screen_bytes(&bytes) {
            total += 1;
            overall = Outcome::combined([overall, verdict.verdict]);
            match verdict.verdict {
                Outcome::Hold => holds += 1,
                Outcome::Error => errors += 1,
                Outcome::Pass => {}
            }
            if args.screening.json {
                serde_json::to_writer(&mut out, &Named { input: &label, verdict: &verdict })?;
                writeln!(out)?;
            } else {
                out.write_all(verdict.to_text(&label).as_bytes())?;
            }
        }
    }
    out.flush()?;
    if !args.screening.json {
        eprintln!("{total} message(s): {holds} hold, {errors} error, {} pass", total - holds - errors);
    }
    // 0: every message was screened (passed or held); 1: at least one could not be.
    Ok(if overall == Outcome::Error { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// A verdict with the input it came from (`--json`).
#[derive(serde::Serialize)]
struct Named<'a> {
    /// The file, or `-` for stdin.
    input: &'a str,
    #[serde(flatten)]
    verdict: &'a Verdict,
}
