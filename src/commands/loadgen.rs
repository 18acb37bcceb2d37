//! `interdict loadgen`: send realistic payments to a topic at a controlled rate, read the
//! decisions back, and report throughput, produce→decision latency and whether every
//! expected hit was held. Without brokers it writes the payments to files instead.
//!
//! Here: the arguments, and the listed names taken from the index. The run itself is
//! `interdict_loadgen::kafka::run` (or `interdict_loadgen::write_files`).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use interdict_index::Index;
use interdict_loadgen::kafka::{self, Progress, Target};
use interdict_loadgen::{listed_names_from, Generator, GeneratorConfig, Mix, Rate};
use interdict_model::EntityKind;
use interdict_stream::parse_duration;

#[derive(Args)]
pub struct LoadgenArgs {
    /// Bootstrap brokers, HOST:PORT[,...]. Without them, payments go to files (--out).
    #[arg(long)]
    pub brokers: Option<String>,
    /// The topic payments are sent to.
    #[arg(long, default_value = "payments.in")]
    pub topic: String,
    /// The topic the decisions are read from.
    #[arg(long, default_value = "interdict.decisions")]
    pub decisions_topic: String,
    /// The index whose listed names make the hits.
    #[arg(long, env = "INTERDICT_INDEX", default_value = "lists.idx")]
    pub index: PathBuf,
    /// Payments per second, or `max`.
    #[arg(long, default_value = "1000")]
    pub rate: String,
    /// Ramp the rate up from zero over this long (`30s`), then hold it.
    #[arg(long)]
    pub ramp: Option<String>,
    /// Send for this long (`60s`, `5m`).
    #[arg(long)]
    pub duration: Option<String>,
    /// Send this many payments (with --duration, whichever comes first).
    #[arg(long)]
    pub count: Option<u64>,
    /// The share of payments that carry a listed name and must be held.
    #[arg(long, default_value_t = 0.02)]
    pub hit_ratio: f64,
    /// Format weights.
    #[arg(long, default_value = "pacs008=50,pacs009=20,mt103=30")]
    pub mix: Mix,
    /// The same seed makes the same payments.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Write the report as JSON here.
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// Write a latency and throughput plot (SVG) here.
    #[arg(long)]
    pub plot: Option<PathBuf>,
    /// Write the payments to this directory (one file each, and expected.tsv) instead
    /// of sending them.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// After the last send, wait this long at most for the remaining decisions.
    #[arg(long, default_value = "30s")]
    pub drain_timeout: String,
    /// A librdkafka property for both clients, KEY=VALUE (repeat).
    #[arg(long = "kafka", value_name = "KEY=VALUE")]
    pub kafka: Vec<String>,
    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,
}

fn rate(args: &LoadgenArgs) -> Result<Rate> {
    // The error names the argument: `--rate "fast": a number or max`.
    let Rate::Fixed { per_second, .. } = args.rate.parse().map_err(|e| anyhow::anyhow!("--{e}"))? else {
        return Ok(Rate::Max);
    };
    let ramp = match &args.ramp {
        Some(r) => parse_duration(r).map_err(|e| anyhow::anyhow!("--ramp: {e}"))?,
        None => Duration::ZERO,
    };
    Ok(Rate::Fixed { per_second, ramp })
}

fn generator(args: &LoadgenArgs, run_id: String) -> Result<Generator> {
    if !(0.0..=1.0).contains(&args.hit_ratio) {
        bail!("--hit-ratio must be between 0 and 1");
    }
    let listed = if args.hit_ratio > 0.0 {
        let index = Index::open(&args.index)
            .with_context(|| format!("opening {} for the listed names of hits (--index)", args.index.display()))?;
        let names = listed_names_from(index.entity_ids().map(|i| {
            let e = index.entity(i);
            (e.id.to_string(), e.name.to_string(), EntityKind::from(&e.kind))
        }));
        if names.is_empty() {
            bail!("{} lists no person or organisation to make hits with", args.index.display());
        }
        names
    } else {
        Vec::new()
    };
    Ok(Generator::new(
        GeneratorConfig { seed: args.seed, hit_ratio: args.hit_ratio, mix: args.mix.clone(), run_id },
        listed,
    ))
}

pub fn run(args: LoadgenArgs) -> Result<ExitCode> {
    let rate = rate(&args)?;
    let duration =
        args.duration.as_deref().map(parse_duration).transpose().map_err(|e| anyhow::anyhow!("--duration: {e}"))?;
    let drain = parse_duration(&args.drain_timeout).map_err(|e| anyhow::anyhow!("--drain-timeout: {e}"))?;
    let run_id = GeneratorConfig::run_id_now(args.seed);
    let mut generator = generator(&args, run_id.clone())?;
    if let Some(dir) = &args.out {
        let count = args.count.unwrap_or(1000);
        interdict_loadgen::write_files(&mut generator, dir, count)?;
        println!("wrote {count} payments and expected.tsv to {}", dir.display());
        return Ok(ExitCode::SUCCESS);
    }
    let Some(brokers) = args.brokers.clone() else {
        bail!("give --brokers to send payments, or --out DIR to write them to files");
    };
    if duration.is_none() && args.count.is_none() {
        bail!("give --duration or --count");
    }
    let properties = args
        .kafka
        .iter()
        .map(|kv| {
            let (k, v) = kv.split_once('=').with_context(|| format!("--kafka {kv:?}: expected KEY=VALUE"))?;
            Ok((k.to_string(), v.to_string()))
        })
        .collect::<Result<Vec<_>>>()?;
    let target = Target {
        brokers,
        properties,
        topic: args.topic.clone(),
        decisions_topic: args.decisions_topic.clone(),
        rate,
        duration,
        count: args.count,
        drain,
        run_id,
    };
    let progress = if args.quiet { ProgressBar::hidden() } else { ProgressBar::new(args.count.unwrap_or(0)) };
    progress.set_style(
        ProgressStyle::with_template("{spinner} {elapsed_precise} {pos} sent {msg}")
            .expect("static template")
            .tick_chars("/|\\- "),
    );
    let show = |p: Progress| {
        let pending = match p {
            Progress::Sending { sent, pending } => {
                progress.set_position(sent);
                pending
            }
            Progress::Draining { pending } => pending,
        };
        progress.set_message(format!("{pending} awaiting a decision"));
    };
    let runtime = tokio::runtime::Runtime::new()?;
    let finished = runtime.block_on(kafka::run(&target, generator, show));
    progress.finish_and_clear();
    let kafka::Finished { report, failed_sends } = finished?;
    if failed_sends > 0 {
        eprintln!("{failed_sends} payments could not be sent (their decisions are missing)");
    }
    println!("{}", report.summary());
    if let Some(path) = &args.report {
        std::fs::write(path, serde_json::to_vec_pretty(&report)?)
            .with_context(|| format!("writing {}", path.display()))?;
        println!("report: {}", path.display());
    }
    if let Some(path) = &args.plot {
        interdict_loadgen::write_svg(&report, path)?;
        println!("plot: {}", path.display());
    }
    Ok(if report.passed { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
