//! `interdict run`: screen a Kafka stream. Configuration comes from a TOML file, then
//! `INTERDICT_*` environment variables, then these flags.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result};
use arc_swap::ArcSwapOption;
use clap::Args;
use interdict_index::Index;
use interdict_screen::{ScreenConfig, Screener};
use interdict_stream::http::{self, AppState};
use interdict_stream::telemetry::{self, IndexLoaded, IndexRefused};
use interdict_stream::Config;

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
    config.exactly_once |= args.exactly_once;
    config.validate()?;
    Ok(config)
}

/// Opens and verifies an index and prepares its screener. A bad file is an error.
pub fn load_screener(config: &Config) -> Result<Arc<Screener>> {
    let index = Index::open(&config.index).with_context(|| format!("opening {}", config.index.display()))?;
    let screener = Screener::new(Arc::new(index), ScreenConfig::default())?;
    let age = http::index_age(&screener).map_or(0.0, |a| a.as_secs_f64());
    IndexLoaded { version: screener.index_version(), age_seconds: age }.emit();
    Ok(Arc::new(screener))
}

pub fn run(args: RunArgs) -> Result<ExitCode> {
    let config = config(&args)?;
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(serve(config))
}

async fn serve(config: Config) -> Result<ExitCode> {
    // Handlers are registered now, before any work: a signal that arrives early must not
    // kill the process without a drain.
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    let mut interrupt = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())?;
    let state = Arc::new(AppState {
        screener: ArcSwapOption::new(None),
        token: config.http_token.clone(),
        max_index_age: config.max_index_age(),
        metrics: telemetry::prometheus(),
    });
    // Fail closed: without a valid index the service still runs and holds everything.
    match load_screener(&config) {
        Ok(s) => {
            eprintln!("index {} loaded from {}", s.index_version(), config.index.display());
            state.screener.store(Some(s));
        }
        Err(e) => eprintln!("no valid index ({e:#}): every message gets an error verdict until one loads"),
    }

    let listener = tokio::net::TcpListener::bind(&config.http_listen)
        .await
        .with_context(|| format!("binding the HTTP server to {}", config.http_listen))?;
    eprintln!("HTTP on http://{}", listener.local_addr()?);
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let http = {
        let mut stop = stop_rx.clone();
        let router = http::router(state.clone(), config.http_max_body);
        tokio::spawn(async move {
            http::serve(listener, router, async move {
                let _ = stop.changed().await;
            })
            .await
        })
    };

    // SIGHUP: verify the index file again and swap it in; a bad file leaves the old one.
    let reload = {
        let config = config.clone();
        let state = state.clone();
        tokio::spawn(async move {
            let Ok(mut hup) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup()) else { return };
            while hup.recv().await.is_some() {
                match load_screener(&config) {
                    Ok(s) => {
                        eprintln!("index reloaded: {}", s.index_version());
                        state.screener.store(Some(s));
                    }
                    Err(e) => {
                        IndexRefused.emit();
                        eprintln!("index reload refused, keeping the old one: {e:#}");
                    }
                }
            }
        })
    };

    let shutdown = async move {
        tokio::select! {
            _ = term.recv() => {}
            _ = interrupt.recv() => {}
        }
        eprintln!("stopping: draining, flushing and committing");
    };
    let result = interdict_stream::service::run(&config, state, shutdown).await;
    let _ = stop_tx.send(true);
    reload.abort();
    let _ = http.await;
    let stats = result?;
    eprintln!("{} message(s): {} hold, {} error", stats.messages, stats.holds, stats.errors);
    Ok(ExitCode::SUCCESS)
}
