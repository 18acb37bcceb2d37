//! `interdict run`: screen a Kafka stream. Configuration comes from a TOML file, then
//! `INTERDICT_*` environment variables, then these flags.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use interdict_stream::service::ServiceError;
use interdict_stream::{Config, Service, Start};

#[derive(Args)]
pub struct RunArgs {
    /// Bootstrap brokers, HOST:PORT[,HOST:PORT...].
    #[arg(long)]
    pub brokers: Option<String>,
    /// The index file (reloaded on SIGHUP).
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// An input topic; repeat for several.
    #[arg(long = "input-topic")]
    pub input_topics: Vec<String>,
    #[arg(long)]
    pub decisions_topic: Option<String>,
    #[arg(long)]
    pub review_topic: Option<String>,
    #[arg(long)]
    pub dlq_topic: Option<String>,
    /// Consumer group id.
    #[arg(long)]
    pub group: Option<String>,
    /// A TOML configuration file (flags and environment override it).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Outputs and offsets in Kafka transactions.
    #[arg(long)]
    pub exactly_once: bool,
    /// Address of the HTTP server (/metrics, /healthz, /readyz, /v1/screen).
    #[arg(long)]
    pub http_listen: Option<String>,
    /// Screening threads (default: one per core).
    #[arg(long)]
    pub workers: Option<usize>,
    /// How long a stop may take (`25s`); past it the process exits non-zero, saying
    /// what it was waiting for.
    #[arg(long)]
    pub shutdown_timeout: Option<String>,
    /// Embargo policy (TOML), as for `interdict screen`; the shipped one by default.
    #[arg(long)]
    pub policy: Option<PathBuf>,
    /// Good-guy list (accepted false positives), CSV or JSON, as for `interdict screen`;
    /// reloaded on SIGHUP and when the file changes.
    #[arg(long)]
    pub good_guys: Option<PathBuf>,
    /// Name alert threshold, 0 to 1 (default 0.80, as `interdict screen`).
    #[arg(long)]
    pub threshold: Option<f64>,
    /// Log lines as `text` or `json` (one object a line), on stderr.
    #[arg(long)]
    pub log_format: Option<String>,
    /// Which log lines: `info`, `debug` (one line per message), or directives such as
    /// `info,interdict_stream=debug`.
    #[arg(long)]
    pub log_level: Option<String>,
}

/// Merges file, environment and flags.
pub fn config(args: &RunArgs) -> Result<Config> {
    let file = match &args.config {
        Some(path) => Some(std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?),
        None => None,
    };
    let text = |v: &Option<PathBuf>| v.as_ref().map(|p| p.display().to_string());
    let flags = [
        ("brokers", args.brokers.clone()),
        ("index", text(&args.index)),
        ("input_topics", (!args.input_topics.is_empty()).then(|| args.input_topics.join(","))),
        ("decisions_topic", args.decisions_topic.clone()),
        ("review_topic", args.review_topic.clone()),
        ("dlq_topic", args.dlq_topic.clone()),
        ("group", args.group.clone()),
        ("exactly_once", args.exactly_once.then(|| "true".to_string())),
        ("http_listen", args.http_listen.clone()),
        ("workers", args.workers.map(|v| v.to_string())),
        ("shutdown_timeout", args.shutdown_timeout.clone()),
        ("policy", text(&args.policy)),
        ("good_guys", text(&args.good_guys)),
        ("threshold", args.threshold.map(|v| v.to_string())),
        ("log_format", args.log_format.clone()),
        ("log_level", args.log_level.clone()),
    ];
    let given = flags.into_iter().filter_map(|(key, value)| Some((key, value?)));
    Ok(Config::layered(file.as_deref(), std::env::vars(), given)?)
}

pub fn run(args: RunArgs) -> Result<ExitCode> {
    let config = config(&args)?;
    let runtime = tokio::runtime::Runtime::new()?;
    let result = runtime.block_on(serve(config));
    // The runtime is not torn down: after a failed stop, a task may still hold a Kafka
    // client whose drop waits on the broker without limit. Everything that must finish
    // (outputs, commits, leaving the group) has finished or timed out by now; the
    // process ends when this returns.
    std::mem::forget(runtime);
    result
}

async fn serve(config: Config) -> Result<ExitCode> {
    interdict_stream::logging::init(config.log_format, &config.log_level)?;
    let service = Service::start(config, Start::process()).await?;
    if let Some(addr) = service.http_addr() {
        tracing::info!("HTTP on http://{addr}");
    }
    match service.wait().await {
        Ok(stats) => {
            tracing::info!(
                messages = stats.messages,
                holds = stats.holds,
                errors = stats.errors,
                "stopped: {} message(s), {} hold, {} error",
                stats.messages,
                stats.holds,
                stats.errors
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e @ ServiceError::Shutdown(_)) => {
            // Threads may still be blocked in the client: leave without waiting for them.
            tracing::error!("{e}");
            std::process::exit(70);
        }
        Err(e) => Err(e.into()),
    }
}
