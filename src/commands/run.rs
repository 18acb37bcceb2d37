//! `interdict run`: screen a Kafka stream. Configuration comes from a TOML file, then
//! `INTERDICT_*` environment variables, then these flags.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::Args;
use interdict_stream::http::{self, AppState};
use interdict_stream::screening::{self, Trigger};
use interdict_stream::service::ServiceError;
use interdict_stream::shutdown::{self, StopProgress};
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
    // Handlers are registered now, before any work: a signal that arrives early must not
    // kill the process without a drain.
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    let mut interrupt = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())?;
    let state = Arc::new(AppState::new(None, config.http_token.clone(), config.max_index_age()));
    // A policy or good-guy file that does not parse stops the start: the bank asked for
    // it, and screening without it would not be what it asked for.
    screening::load_settings(&config)?;
    // Fail closed: without a valid index the service still runs and holds everything.
    if let Err(e) = screening::reload(&config, &state, Trigger::Start) {
        eprintln!("no valid index ({e}): every message gets an error verdict until one loads");
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

    // SIGHUP: read the index, policy and good-guy list again and swap them in as one
    // set; if any is bad, the set in use stays.
    let reload = {
        let config = config.clone();
        let state = state.clone();
        let mut hup = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup())?;
        tokio::spawn(async move {
            while hup.recv().await.is_some() {
                let (config, state) = (config.clone(), state.clone());
                // Building a screener takes a moment: off the async threads.
                let _ = tokio::task::spawn_blocking(move || screening::reload(&config, &state, Trigger::Signal)).await;
            }
        })
    };
    let watch = (config.watch_good_guys && config.good_guys.is_some())
        .then(|| tokio::spawn(screening::watch_good_guys(config.clone(), state.clone())));
    let index_watch = tokio::spawn(screening::watch_index_file(config.clone(), Duration::from_secs(2)));

    let progress = StopProgress::default();
    let shutdown = {
        let progress = progress.clone();
        let limit = config.shutdown_timeout();
        async move {
            tokio::select! {
                _ = term.recv() => {}
                _ = interrupt.recv() => {}
            }
            eprintln!("stopping: draining, flushing, committing and leaving the group (at most {limit:?})");
            progress.enter("finishing the batch being read");
            // The service's own phases time out first; this ends the process if even
            // their error cannot come back (a thread blocked inside the client).
            shutdown::watchdog(limit + Duration::from_secs(2), progress.clone());
            // A second signal: stop now, saying what the stop was waiting for.
            tokio::spawn(async move {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = interrupt.recv() => {}
                }
                eprintln!("second signal: exiting without finishing the stop (it was {})", progress.current());
                std::process::exit(130);
            });
        }
    };
    let result = interdict_stream::service::run_reporting(&config, state, shutdown, progress).await;
    let _ = stop_tx.send(true);
    reload.abort();
    if let Some(watch) = watch {
        watch.abort();
    }
    index_watch.abort();
    let _ = tokio::time::timeout(Duration::from_secs(2), http).await;
    let stats = match result {
        Ok(stats) => stats,
        Err(e @ ServiceError::Shutdown(_)) => {
            // Threads may still be blocked in the client: leave without waiting for them.
            eprintln!("interdict: {e}");
            std::process::exit(70);
        }
        Err(e) => return Err(e.into()),
    };
    eprintln!("{} message(s): {} hold, {} error", stats.messages, stats.holds, stats.errors);
    Ok(ExitCode::SUCCESS)
}
