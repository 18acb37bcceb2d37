//! `interdict search`: screen names, from arguments or stdin, one result per name.
//!
//! With `--json` every input line yields one JSON object on its own line, in input
//! order, so a bank's whole customer file can be piped through for rescreening.

use std::io::{BufRead, BufWriter, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use interdict_matcher::{AlertDetails, MatchConfig, Matcher, DEFAULT_MAX_ALERTS};
use serde::Serialize;

use super::ScreeningArgs;

#[derive(Args)]
pub struct SearchArgs {
    // With `--json`, one object per name: {"query": ..., "alerts": [...]}.
    #[command(flatten)]
    pub screening: ScreeningArgs,
    /// At most this many alerts per name.
    #[arg(long, default_value_t = DEFAULT_MAX_ALERTS)]
    pub max_alerts: usize,
    /// The party's year of birth, when known: raises scores of entities listed with it
    /// and lowers those listed with other years.
    #[arg(long, value_name = "YEAR")]
    pub birth_year: Option<u16>,
    /// The party's country (ISO 3166 code or name), when known: raises scores of entities
    /// listed with it.
    #[arg(long)]
    pub country: Option<String>,
    /// An identifier of the party, as KIND:VALUE (passport:108410050, bic:BNCUCUHH...).
    /// Repeatable.
    #[arg(long = "id", value_name = "KIND:VALUE")]
    pub identifiers: Vec<String>,
    /// Names to screen; without any, names are read from stdin, one per line.
    pub names: Vec<String>,
}

/// What else is known about the party, from `--birth-year`, `--country` and `--id`.
fn context(args: &SearchArgs) -> Result<interdict_matcher::Context> {
    use interdict_matcher::Context as Factors;
    let country = args.country.as_deref().map(Factors::country_code).transpose();
    let identifiers = args.identifiers.iter().map(|id| Factors::identifier(id)).collect::<Result<_, _>>();
    Ok(Factors {
        birth_year: args.birth_year,
        country: country.map_err(|e| anyhow::anyhow!("--country {e}"))?,
        identifiers: identifiers.map_err(|e| anyhow::anyhow!("--id {e}"))?,
    })
}

#[derive(Serialize)]
struct ResultJson<'a> {
    query: &'a str,
    alerts: Vec<AlertDetails>,
}

pub fn run(args: SearchArgs) -> Result<ExitCode> {
    let threshold = args.screening.threshold()?;
    let context = context(&args)?;
    let index = args.screening.open_index()?;
    let matcher = Matcher::new(&index, MatchConfig { threshold, max_alerts: args.max_alerts });
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let screen = |name: &str, out: &mut BufWriter<_>| -> Result<()> {
        let alerts = matcher.search_with(name, &context);
        if args.screening.json {
            let result = ResultJson { query: name, alerts: alerts.iter().map(|a| a.details(&index)).collect() };
            serde_json::to_writer(&mut *out, &result)?;
            writeln!(out)?;
        } else {
            writeln!(out, "{name}: {} alert(s)", alerts.len())?;
            for a in &alerts {
                let j = a.details(&index);
                writeln!(out, "  {j}")?;
                writeln!(out, "       {}", j.explanation)?;
            }
        }
        Ok(())
    };
    if args.names.is_empty() {
        let stdin = std::io::stdin();
        let mut reader = stdin.lock();
        let mut line = Vec::new();
        let mut line_number = 0u64;
        loop {
            line.clear();
            if reader.read_until(b'\n', &mut line).context("reading stdin")? == 0 {
                break;
            }
            line_number += 1;
            while matches!(line.last(), Some(b'\n' | b'\r')) {
                line.pop();
            }
            let name = match std::str::from_utf8(&line) {
                Ok(s) => std::borrow::Cow::Borrowed(s),
                Err(e) => {
                    eprintln!(
                        "warning: stdin line {line_number}: invalid UTF-8 at byte {}; screening it with replacement characters",
                        e.valid_up_to()
                    );
                    String::from_utf8_lossy(&line)
                }
            };
            screen(&name, &mut out)?;
        }
    } else {
        for name in &args.names {
            screen(name, &mut out)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
