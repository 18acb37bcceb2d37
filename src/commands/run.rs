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
    pub log_format: Option<interdict_stream::LogFormat>,
    /// Which log lines: `info`, `debug` (one line per message), or directives such as
    /// `info,interdict_stream=debug`.
    #[arg(long)]
    pub log_level: Option<String>,
}

/// Merges file, environment and flags.
pub fn config(args: &RunArgs) -> Result<Config> {
    let mut config = match &args.config {
        Some(path) => {
            Config::from_toml(&std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?)?
        }
        None => Config::default(),
    };
    config.apply_env(std::env::vars())?;
    if let Some(v) = &args.brokers {
        config.brokers = v.clone();
    }
    if let Some(v) = &args.index {
        config.index = v.clone();
    }
    if !args.input_topics.is_empty() {
        config.input_topics = args.input_topics.clone();
    }
    if let Some(v) = &args.decisions_topic {
        config.decisions_topic = v.clone();
    }
    if let Some(v) = &args.review_topic {
        config.review_topic = v.clone();
    }
    if let Some(v) = &args.dlq_topic {
        config.dlq_topic = v.clone();
    }
    if let Some(v) = &args.group {
        config.group = v.clone();
    }
    if let Some(v) = &args.http_listen {
        config.http_listen = v.clone();
    }
    if let Some(v) = args.workers {
        config.workers = v;
    }
    if let Some(v) = &args.shutdown_timeout {
        config.shutdown_timeout = v.clone();
    }
    if let Some(v) = &args.policy {
        config.policy = Some(v.clone());
    }
    if let Some(v) = &args.good_guys {
        config.good_guys = Some(v.clone());
    }
    if let Some(v) = args.threshold {
        config.threshold = v;
    }
    if let Some(v) = args.log_format {
        config.log_format = v;
    }
    if let Some(v) = &args.log_level {
        config.log_level = v.clone();
    }
    config.exactly_once |= args.exactly_once;
    config.validate()?;
    Ok(config)
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
    crate::logging::init(config.log_format, &config.log_level)?;
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
