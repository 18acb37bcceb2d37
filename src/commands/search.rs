//! `interdict search`: screen names, from arguments or stdin, one result per name.
//!
//! With `--json` every input line yields one JSON object on its own line, in input
//! order, so a bank's whole customer file can be piped through for rescreening.

use std::io::{BufRead, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use interdict_index::Index;
use interdict_matcher::{Alert, MatchConfig, Matcher, DEFAULT_MAX_ALERTS, DEFAULT_THRESHOLD};
use serde::Serialize;

#[derive(Args)]
pub struct SearchArgs {
    /// The index file.
    #[arg(long)]
    pub index: PathBuf,
    /// One JSON object per name: {"query": ..., "alerts": [...]}.
    #[arg(long)]
    pub json: bool,
    /// Alert threshold, 0 to 1.
    #[arg(long, default_value_t = DEFAULT_THRESHOLD)]
    pub threshold: f64,
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

fn context(args: &SearchArgs) -> Result<interdict_matcher::Context> {
    let country = match &args.country {
        Some(c) => Some(
            interdict_model::countries::code_for(c)
                .with_context(|| format!("--country {c:?} is not a known country name or ISO code"))?
                .to_string(),
        ),
        None => None,
    };
    let mut identifiers = Vec::new();
    for id in &args.identifiers {
        let (kind, value) = id.split_once(':').with_context(|| format!("--id {id:?}: expected KIND:VALUE"))?;
        let kind = interdict_model::IdKind::parse(kind).with_context(|| {
            let kinds: Vec<&str> = interdict_model::IdKind::ALL.iter().map(|k| k.as_str()).collect();
            format!("--id {id:?}: unknown kind {kind:?} (one of {})", kinds.join(", "))
        })?;
        identifiers.push((kind, value.to_string()));
    }
    Ok(interdict_matcher::Context { birth_year: args.birth_year, country, identifiers })
}

#[derive(Serialize)]
pub struct AlertJson {
    pub entity_id: String,
    /// The entity's primary listed name.
    pub name: String,
    /// The listed name (primary or alias) that matched.
    pub matched_name: String,
    pub score: f64,
    pub source: String,
    pub kind: String,
    pub programs: Vec<String>,
    pub explanation: String,
}

#[derive(Serialize)]
struct ResultJson<'a> {
    query: &'a str,
    alerts: Vec<AlertJson>,
}

pub fn alert_json(index: &Index, alert: &Alert) -> AlertJson {
    let entity = index.entity(alert.entity);
    AlertJson {
        entity_id: entity.id.to_string(),
        name: entity.name.to_string(),
        matched_name: index.name(alert.name).text().to_string(),
        score: (alert.score * 1000.0).round() / 1000.0,
        source: entity.source.to_string(),
        kind: interdict_model::EntityKind::from(&entity.kind).as_str().to_string(),
        programs: entity.programs.iter().map(|p| p.to_string()).collect(),
        explanation: alert.explanation.clone(),
    }
}

pub fn run(args: SearchArgs) -> Result<ExitCode> {
    if !(0.0..=1.0).contains(&args.threshold) {
        anyhow::bail!("--threshold must be between 0 and 1, got {}", args.threshold);
    }
    let context = context(&args)?;
    let index = Index::open(&args.index).with_context(|| format!("opening {}", args.index.display()))?;
    let matcher = Matcher::new(&index, MatchConfig { threshold: args.threshold, max_alerts: args.max_alerts });
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let screen = |name: &str, out: &mut BufWriter<_>| -> Result<()> {
        let alerts = matcher.search_with(name, &context);
        if args.json {
            let result = ResultJson { query: name, alerts: alerts.iter().map(|a| alert_json(&index, a)).collect() };
            serde_json::to_writer(&mut *out, &result)?;
            writeln!(out)?;
        } else {
            writeln!(out, "{name}: {} alert(s)", alerts.len())?;
            for a in &alerts {
                let j = alert_json(&index, a);
                writeln!(out, "  {:.2} {} {} [{}]", j.score, j.entity_id, j.name, j.programs.join(", "))?;
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
