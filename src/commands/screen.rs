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
use interdict_index::Index;
use interdict_matcher::{MatchConfig, DEFAULT_THRESHOLD};
use interdict_model::{Outcome, Verdict};
use interdict_screen::{GoodGuyList, Policy, ScreenConfig, Screener};

#[derive(Args)]
pub struct ScreenArgs {
    /// The index file.
    #[arg(long)]
    pub index: PathBuf,
    /// One JSON verdict per message (NDJSON).
    #[arg(long)]
    pub json: bool,
    /// Name alert threshold, 0 to 1.
    #[arg(long, default_value_t = DEFAULT_THRESHOLD)]
    pub threshold: f64,
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
    if !(0.0..=1.0).contains(&args.threshold) {
        anyhow::bail!("--threshold must be between 0 and 1, got {}", args.threshold);
    }
    let policy = match &args.policy {
        Some(p) => Policy::from_toml(&std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?)?,
        None => Policy::default_policy(),
    };
    let good_guys = match &args.good_guys {
        Some(p) => GoodGuyList::read(p)?,
        None => GoodGuyList::empty(),
    };
    let index = Arc::new(Index::open(&args.index).with_context(|| format!("opening {}", args.index.display()))?);
    let config = ScreenConfig {
        matcher: MatchConfig { threshold: args.threshold, ..MatchConfig::default() },
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
            if args.json {
                serde_json::to_writer(&mut out, &Named { input: &label, verdict: &verdict })?;
                writeln!(out)?;
            } else {
                write_text(&mut out, &label, &verdict)?;
            }
        }
    }
    out.flush()?;
    if !args.json {
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

fn write_text(out: &mut impl Write, label: &str, v: &Verdict) -> Result<()> {
    let outcome = format!("{:<5}", v.verdict.as_str().to_uppercase());
    let format = v.format.map(|f| f.as_str()).unwrap_or("?");
    writeln!(out, "{outcome} {label} {} ({format}, {})", v.message_id.as_deref().unwrap_or("-"), v.index_version)?;
    if let Some(e) = &v.error {
        writeln!(out, "      {}: {}", e.kind, e.reason)?;
    }
    for h in &v.hits {
        writeln!(
            out,
            "      {:.2} {:<7} {} {} at {}: {:?}",
            h.score,
            serde_json::to_value(h.kind)?.as_str().unwrap_or(""),
            h.entity_id.as_deref().unwrap_or("-"),
            h.listed_name,
            h.field_path,
            h.matched_text
        )?;
        writeln!(out, "           {}", h.explanation)?;
    }
    for s in &v.suppressed {
        writeln!(
            out,
            "      suppressed {} at {}: {}",
            s.hit.entity_id.as_deref().unwrap_or("-"),
            s.hit.field_path,
            s.reason
        )?;
    }
    Ok(())
}
