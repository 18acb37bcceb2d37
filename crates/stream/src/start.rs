//! Starting and stopping the whole service: [`Service::start`] builds the shared state,
//! loads the screener, serves HTTP, installs the signal handlers and runs the Kafka
//! loop; the [`ServiceHandle`] it returns stops it and says how the run went.
//!
//! `interdict run`, `interdict demo`, the Kafka bench and the mock-cluster tests all
//! start the service here, so the state is built in one place and a stop runs the same
//! phases everywhere. What differs is said in [`Start`]: where the screener comes from
//! (the configured files, reloaded on SIGHUP and watched; or one the caller built),
//! whether to serve HTTP, and whether the process's signals belong to the service.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use interdict_screen::Screener;
use tokio::signal::unix::{signal, Signal, SignalKind};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::http::{self, AppState};
use crate::screening::{self, Trigger};
use crate::service::{RunStats, ServiceError};
use crate::shutdown::{self, StopProgress};
use crate::Config;

/// Where the service's screener comes from.
pub enum ScreenerSource {
    /// The configured index, embargo policy and good-guy list. A policy or good-guy
    /// file that does not parse stops the start (the bank asked for it); a missing or
    /// bad index does not: the service runs and fails closed (an error verdict for
    /// every message) until one loads. SIGHUP reloads the set, the good-guy file is
    /// watched when configured, and a change of the index file on disk is reported.
    Files,
    /// A screener the caller built (the demo, benches, tests); nothing is reloaded.
    Given(Arc<Screener>),
}

/// What to start besides the Kafka loop.
pub struct Start {
    pub screener: ScreenerSource,
    /// Serve `/healthz`, `/readyz`, `/metrics` and `/v1/screen` on `http_listen`.
    pub http: bool,
    /// The process's SIGTERM and SIGINT stop the service (a second one exits 130; a
    /// stop that outlasts `shutdown_timeout` exits 70, saying what it waited for), and
    /// SIGHUP reloads the screening set. For the binary; in-process users stop through
    /// [`ServiceHandle::stop`].
    pub signals: bool,
}

impl Start {
    /// The running service of `interdict run`: files, HTTP, signals.
    pub fn process() -> Start {
        Start { screener: ScreenerSource::Files, http: true, signals: true }
    }

    /// An in-process service screening with `screener`: no HTTP, no signals.
    pub fn with_screener(screener: Arc<Screener>) -> Start {
        Start { screener: ScreenerSource::Given(screener), http: false, signals: false }
    }
}

/// The service.
pub struct Service;

/// A started service.
pub struct ServiceHandle {
    state: Arc<AppState>,
    http_addr: Option<SocketAddr>,
    stop: watch::Sender<bool>,
    progress: StopProgress,
    service: JoinHandle<Result<RunStats, ServiceError>>,
    http: Option<JoinHandle<std::io::Result<()>>>,
    background: Vec<JoinHandle<()>>,
}

/// The process signals the service answers, installed before anything else so that an
/// early signal cannot kill the process without a drain.
struct Signals {
    term: Signal,
    interrupt: Signal,
    hangup: Signal,
}

fn install(kind: SignalKind, name: &str) -> Result<Signal, ServiceError> {
    signal(kind).map_err(|error| ServiceError::Io { what: format!("installing the {name} handler"), error })
}

impl Service {
    /// Starts the service as `options` say. Returns once the HTTP server listens and
    /// the Kafka loop runs; the loop joins its consumer group in the background.
    pub async fn start(config: Config, options: Start) -> Result<ServiceHandle, ServiceError> {
        let signals = match options.signals {
            true => Some(Signals {
                term: install(SignalKind::terminate(), "SIGTERM")?,
                interrupt: install(SignalKind::interrupt(), "SIGINT")?,
                hangup: install(SignalKind::hangup(), "SIGHUP")?,
            }),
            false => None,
        };
        config.validate()?;
        let state = Arc::new(AppState::new(None, config.http_token.clone(), config.max_index_age()));
        let mut background = Vec::new();
        let reloads = match options.screener {
            ScreenerSource::Files => {
                screening::load_settings(&config)?;
                if let Err(e) = screening::reload(&config, &state, Trigger::Start) {
                    tracing::error!("no valid index ({e}): every message gets an error verdict until one loads");
                }
                if config.watch_good_guys && config.good_guys.is_some() {
                    background.push(tokio::spawn(screening::watch_good_guys(config.clone(), state.clone())));
                }
                background.push(tokio::spawn(screening::watch_index_file(config.clone(), Duration::from_secs(2))));
                true
            }
            ScreenerSource::Given(screener) => {
                state.screener.store(Some(screener));
                false
            }
        };

        let (stop, stopped) = watch::channel(false);
        let (http, http_addr) = match options.http {
            true => {
                let listener = tokio::net::TcpListener::bind(&config.http_listen).await.map_err(|error| {
                    ServiceError::Io { what: format!("binding the HTTP server to {}", config.http_listen), error }
                })?;
                let addr = listener.local_addr().ok();
                let router = http::router(state.clone(), config.http_max_body);
                let mut stopped = stopped.clone();
                let server = tokio::spawn(http::serve(listener, router, async move {
                    let _ = stopped.wait_for(|stop| *stop).await;
                }));
                (Some(server), addr)
            }
            false => (None, None),
        };

        let progress = StopProgress::default();
        if let Some(Signals { mut term, mut interrupt, mut hangup }) = signals {
            if reloads {
                // SIGHUP: read the index, policy and good-guy list again and swap them in
                // as one set; if any is bad, the set in use stays.
                let (config, state) = (config.clone(), state.clone());
                background.push(tokio::spawn(async move {
                    while hangup.recv().await.is_some() {
                        let (config, state) = (config.clone(), state.clone());
                        // Building a screener takes a moment: off the async threads.
                        let _ =
                            tokio::task::spawn_blocking(move || screening::reload(&config, &state, Trigger::Signal))
                                .await;
                    }
                }));
            }
            let (stop, progress, limit) = (stop.clone(), progress.clone(), config.shutdown_timeout());
            background.push(tokio::spawn(async move {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = interrupt.recv() => {}
                }
                tracing::info!("stopping: draining, flushing, committing and leaving the group (at most {limit:?})");
                progress.enter("finishing the batch being read");
                // The loop's own phases time out first; this ends the process if even
                // their error cannot come back (a thread blocked inside the client).
                shutdown::watchdog(limit + Duration::from_secs(2), progress.clone());
                let _ = stop.send(true);
                tokio::select! {
                    _ = term.recv() => {}
                    _ = interrupt.recv() => {}
                }
                tracing::error!("second signal: exiting without finishing the stop (it was {})", progress.current());
                std::process::exit(130);
            }));
        }

        let service = {
            let (state, progress, mut stopped) = (state.clone(), progress.clone(), stopped);
            tokio::spawn(async move {
                let shutdown = async move {
                    let _ = stopped.wait_for(|stop| *stop).await;
                };
                crate::service::run(&config, state, shutdown, progress).await
            })
        };
        Ok(ServiceHandle { state, http_addr, stop, progress, service, http, background })
    }
}

impl ServiceHandle {
    /// The state the service shares with its HTTP handlers: the screener in use (which
    /// a caller may swap, as SIGHUP does), the partitions held, the metrics.
    pub fn state(&self) -> &Arc<AppState> {
        &self.state
    }

    /// Where the HTTP server listens, when it was started.
    pub fn http_addr(&self) -> Option<SocketAddr> {
        self.http_addr
    }

    /// The stop's current phase, for a caller's own deadline message.
    pub fn progress(&self) -> StopProgress {
        self.progress.clone()
    }

    /// Asks the service to stop: finish the batch being read, drain, flush, commit and
    /// leave the group, each phase under `shutdown_timeout`. [`ServiceHandle::wait`]
    /// says how it went.
    pub fn stop(&self) {
        let _ = self.stop.send(true);
    }

    /// Waits until the Kafka loop has ended (after a stop, or on an error such as an
    /// output that could not be delivered), then stops the HTTP server and the reload
    /// and watch tasks, and returns the run's figures or its error.
    pub async fn wait(self) -> Result<RunStats, ServiceError> {
        let result = match self.service.await {
            Ok(result) => result,
            Err(e) => Err(ServiceError::Task(e.to_string())),
        };
        let _ = self.stop.send(true);
        for task in &self.background {
            task.abort();
        }
        if let Some(http) = self.http {
            // Open connections get a moment to finish; a stuck one does not hold the stop.
            let _ = tokio::time::timeout(Duration::from_secs(2), http).await;
        }
        result
    }

    /// [`ServiceHandle::stop`], then [`ServiceHandle::wait`].
    pub async fn stop_and_wait(self) -> Result<RunStats, ServiceError> {
        self.stop();
        self.wait().await
    }
}
