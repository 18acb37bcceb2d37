//! The running review service: the review topic in, cases stored, the API served,
//! overdue cases escalated, decided outcomes published.
//!
//! - **Ingest**: each review record becomes a case ([`SqliteStore::ingest`]); its offset
//!   is stored for commit only once the case is durably written, so a crash replays the
//!   record, and the case id derived from the payment makes the replay a no-op. A
//!   record that does not parse, or of an unknown schema version, goes to the review
//!   dead-letter topic with the reason, and the service goes on. A store that fails is
//!   retried; nothing moves past an unstored record.
//! - **Outcomes**: decisions are written with their pending outcome in one transaction;
//!   the publisher sends pending outcomes until the broker acknowledges each, then marks
//!   it published. A crash between the acknowledgement and the mark sends that outcome
//!   again after restart: the same case id and decision, which a consumer of the
//!   outcomes topic drops as a duplicate by `case_id`.
//! - **Due times**: every `overdue_check_interval`, cases past due are escalated and
//!   flagged ([`Rules::mark_overdue`]); never released.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::message::{Header, Message, OwnedHeaders};
use rdkafka::producer::{FutureProducer, FutureRecord};
use serde::Deserialize;
use tokio::sync::watch;

use interdict_index::Index;
use interdict_model::record::{ReviewRecord, SCHEMA_VERSION};
use interdict_stream::consumer::{self, ReaderContext};

use crate::api::{self, ApiState};
use crate::config::{parse_duration, ReviewConfig};
use crate::outcome::PendingOutcome;
use crate::pacs002::{status_report, StatusCodes};
use crate::users::Users;
use crate::workflow::Rules;
use crate::{CaseStore, DuePolicy};

/// Why the service could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("{0}")]
    Config(String),
    #[error("case store: {0}")]
    Store(#[from] crate::Error),
    #[error("kafka: {0}")]
    Kafka(#[from] rdkafka::error::KafkaError),
    #[error("HTTP listener {listen}: {source}")]
    Listen {
        listen: String,
        #[source]
        source: std::io::Error,
    },
    #[error("stopping: {0}")]
    Stop(String),
}

/// Counts of what one run did, for tests and the log.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ingest {
    /// Review records read.
    pub records: u64,
    /// New cases made (a replayed record makes none).
    pub new_cases: u64,
    /// Records sent to the dead-letter topic.
    pub dead_letters: u64,
}

/// A started review service.
pub struct ReviewHandle {
    stop: watch::Sender<bool>,
    tasks: tokio::task::JoinSet<Result<Option<Ingest>, ServiceError>>,
    /// Where the API listens (the port chosen, when the configuration said `:0`).
    pub listening: SocketAddr,
    pub store: Arc<dyn CaseStore>,
}

impl ReviewHandle {
    /// Stops every loop, closes the consumer and waits for them, under `limit`.
    pub async fn stop_and_wait(mut self, limit: Duration) -> Result<Ingest, ServiceError> {
        let _ = self.stop.send(true);
        let mut ingest = Ingest::default();
        let joined = tokio::time::timeout(limit, async {
            while let Some(done) = self.tasks.join_next().await {
                match done {
                    Ok(Ok(Some(counts))) => ingest = counts,
                    Ok(Ok(None)) => {}
                    Ok(Err(e)) => return Err(e),
                    Err(e) => return Err(ServiceError::Stop(format!("a task failed: {e}"))),
                }
            }
            Ok(())
        })
        .await;
        match joined {
            Ok(result) => result.map(|()| ingest),
            Err(_) => Err(ServiceError::Stop(format!("the review loops did not stop within {limit:?}"))),
        }
    }
}

/// Starts the review service: opens the store, reads the users and the index, binds the
/// API and starts the loops.
pub async fn start(config: ReviewConfig) -> Result<ReviewHandle, ServiceError> {
    let users_text = std::fs::read_to_string(&config.users)
        .map_err(|e| ServiceError::Config(format!("{}: {e}", config.users.display())))?;
    let users =
        Users::from_toml(&users_text).map_err(|e| ServiceError::Config(format!("{}: {e}", config.users.display())))?;
    let store = crate::store::open(&config.db)?;
    let index = match &config.index {
        Some(p) => {
            Some(Arc::new(Index::open(p).map_err(|e| ServiceError::Config(format!("index {}: {e}", p.display())))?))
        }
        None => None,
    };
    let claim_idle = parse_duration(&config.claim_idle).map_err(ServiceError::Config)?;
    let rules = Rules {
        claim_idle: chrono::Duration::from_std(claim_idle).unwrap_or(chrono::Duration::MAX),
        ..Rules::default()
    };
    let overdue_every = parse_duration(&config.overdue_check_interval).map_err(ServiceError::Config)?;

    let client = client_config(&config);
    let reader = consumer::reader(
        client
            .clone()
            .set("group.id", &config.group)
            .set("enable.auto.commit", "true")
            .set("enable.auto.offset.store", "false")
            .set("auto.offset.reset", "earliest"),
    )?;
    reader.subscribe(&[config.review_topic.as_str()])?;
    let producer: FutureProducer = client.clone().set("enable.idempotence", "true").create()?;

    let listener = tokio::net::TcpListener::bind(&config.listen)
        .await
        .map_err(|source| ServiceError::Listen { listen: config.listen.clone(), source })?;
    let listening =
        listener.local_addr().map_err(|source| ServiceError::Listen { listen: config.listen.clone(), source })?;
    let (stop, stopped) = watch::channel(false);
    let mut tasks = tokio::task::JoinSet::new();

    let app = api::router(Arc::new(ApiState { store: store.clone(), users, rules: rules.clone(), index }));
    let mut http_stop = stopped.clone();
    tasks.spawn(async move {
        axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(async move {
                let _ = http_stop.wait_for(|s| *s).await;
            })
            .await
            .map_err(|e| ServiceError::Stop(format!("HTTP server: {e}")))?;
        Ok(None)
    });
    let ingest = Ingester {
        store: store.clone(),
        due: config.due.clone(),
        producer: producer.clone(),
        dead_letter_topic: config.dead_letter_topic.clone(),
    };
    tasks.spawn(ingest.run(reader, stopped.clone()));
    let publisher = Publisher {
        store: store.clone(),
        producer,
        outcomes_topic: config.outcomes_topic.clone(),
        status_topic: config.status_topic.clone(),
        codes: config.status_codes.clone(),
        good_guys: config.good_guys.clone(),
    };
    tasks.spawn(publisher.run(stopped.clone()));
    tasks.spawn(sweep(store.clone(), rules, overdue_every, stopped));
    Ok(ReviewHandle { stop, tasks, listening, store })
}

fn client_config(config: &ReviewConfig) -> ClientConfig {
    let mut client = ClientConfig::new();
    client.set("bootstrap.servers", &config.brokers);
    for (k, v) in &config.kafka {
        client.set(k, v);
    }
    client
}

struct Ingester {
    store: Arc<dyn CaseStore>,
    due: DuePolicy,
    producer: FutureProducer,
    dead_letter_topic: String,
}

/// Review records stored in one transaction at most.
const MAX_BATCH: usize = 500;

/// How long a failed store or dead-letter write waits before it is tried again.
const RETRY: Duration = Duration::from_secs(1);

impl Ingester {
    async fn run(
        self,
        reader: StreamConsumer<ReaderContext>,
        mut stop: watch::Receiver<bool>,
    ) -> Result<Option<Ingest>, ServiceError> {
        let mut counts = Ingest::default();
        loop {
            let first = tokio::select! {
                _ = stop.wait_for(|s| *s) => break,
                m = reader.recv() => m,
            };
            let mut batch = match first {
                Ok(m) => vec![m],
                Err(e) => {
                    tracing::warn!(error = %e, "reading the review topic");
                    continue;
                }
            };
            // What else is already fetched joins the batch: one transaction, one sync.
            while batch.len() < MAX_BATCH {
                match tokio::time::timeout(Duration::ZERO, reader.recv()).await {
                    Ok(Ok(m)) => batch.push(m),
                    _ => break,
                }
            }
            counts.records += batch.len() as u64;
            let mut records = Vec::with_capacity(batch.len());
            for message in &batch {
                match parse_review(message.payload().unwrap_or(&[])) {
                    Ok(record) => records.push(record),
                    Err(reason) => {
                        // Retried until the broker takes it: nothing moves past a record.
                        while let Err(e) = self.dead_letter(message, &reason).await {
                            tracing::error!(error = %e, offset = message.offset(), "writing a dead letter; retrying");
                            if *stop.borrow() {
                                return finish(reader, counts).await;
                            }
                            tokio::time::sleep(RETRY).await;
                        }
                        counts.dead_letters += 1;
                        tracing::warn!(topic = message.topic(), partition = message.partition(), offset = message.offset(), %reason, "review record to the dead-letter topic");
                    }
                }
            }
            // Retried until it holds: no offset is stored past a record not stored.
            loop {
                let store = self.store.clone();
                let due = self.due.clone();
                let pending = records.clone();
                match tokio::task::spawn_blocking(move || store.ingest_batch(pending, &due, Utc::now())).await {
                    Ok(Ok(ingested)) => {
                        counts.new_cases += ingested.iter().filter(|i| i.new).count() as u64;
                        break;
                    }
                    failed => {
                        let e = match failed {
                            Ok(Err(e)) => e.to_string(),
                            Err(e) => e.to_string(),
                            Ok(Ok(_)) => unreachable!("handled above"),
                        };
                        tracing::error!(error = %e, records = records.len(), "storing review records; retrying");
                        if *stop.borrow() {
                            // Not stored, not committed: the next run reads them again.
                            return finish(reader, counts).await;
                        }
                        tokio::time::sleep(RETRY).await;
                    }
                }
            }
            for message in &batch {
                reader.store_offset_from_message(message)?;
            }
        }
        finish(reader, counts).await
    }

    async fn dead_letter(&self, message: &rdkafka::message::BorrowedMessage<'_>, reason: &str) -> Result<(), String> {
        let headers = OwnedHeaders::new()
            .insert(Header { key: "interdict-error-reason", value: Some(reason) })
            .insert(Header { key: "interdict-input-topic", value: Some(message.topic()) })
            .insert(Header { key: "interdict-input-partition", value: Some(&message.partition().to_string()) })
            .insert(Header { key: "interdict-input-offset", value: Some(&message.offset().to_string()) });
        let mut record =
            FutureRecord::to(&self.dead_letter_topic).payload(message.payload().unwrap_or(&[])).headers(headers);
        if let Some(key) = message.key() {
            record = record.key(key);
        }
        self.producer.send(record, Duration::from_secs(30)).await.map(|_| ()).map_err(|(e, _)| e.to_string())
    }
}

async fn finish(reader: StreamConsumer<ReaderContext>, counts: Ingest) -> Result<Option<Ingest>, ServiceError> {
    // Stored offsets are committed as the consumer leaves the group.
    if let Err(e) = reader.commit_consumer_state(rdkafka::consumer::CommitMode::Sync) {
        // Nothing stored yet is not an error worth failing the stop for.
        tracing::debug!(error = %e, "committing on close");
    }
    consumer::close(reader, Duration::from_secs(20)).await.map_err(|e| ServiceError::Stop(e.to_string()))?;
    Ok(Some(counts))
}

/// A review record of the known schema version, or why not.
pub fn parse_review(payload: &[u8]) -> Result<ReviewRecord, String> {
    #[derive(Deserialize)]
    struct Version {
        schema_version: Option<u64>,
    }
    let version: Version = serde_json::from_slice(payload).map_err(|e| format!("not a review record: {e}"))?;
    match version.schema_version {
        Some(v) if v == u64::from(SCHEMA_VERSION) => {}
        Some(v) => return Err(format!("unknown schema version {v} (this service reads {SCHEMA_VERSION})")),
        None => return Err("not a review record: no schema_version".into()),
    }
    serde_json::from_slice(payload).map_err(|e| format!("not a review record: {e}"))
}

/// How often the publisher looks for pending outcomes.
const PUBLISH_EVERY: Duration = Duration::from_millis(200);

struct Publisher {
    store: Arc<dyn CaseStore>,
    producer: FutureProducer,
    outcomes_topic: String,
    status_topic: String,
    codes: StatusCodes,
    /// Where approved accepted false positives are written, if anywhere.
    good_guys: Option<std::path::PathBuf>,
}

impl Publisher {
    async fn run(self, mut stop: watch::Receiver<bool>) -> Result<Option<Ingest>, ServiceError> {
        // Entries in the good-guy file as last written (None: not written by this run).
        let mut written: Option<usize> = None;
        loop {
            if let Some(path) = self.good_guys.clone() {
                let store = self.store.clone();
                let known = written;
                let result = tokio::task::spawn_blocking(move || {
                    let entries = store.good_guys()?;
                    if known == Some(entries.len()) {
                        return Ok(known);
                    }
                    crate::write_good_guy_file(&path, &entries).map(|()| Some(entries.len()))
                })
                .await;
                match result {
                    Ok(Ok(now)) => {
                        if now != written {
                            tracing::info!(entries = now.unwrap_or(0), "good-guy file written");
                        }
                        written = now
                    }
                    Ok(Err(e)) => tracing::error!(error = %e, "writing the good-guy file; retrying"),
                    Err(e) => tracing::error!(error = %e, "writing the good-guy file; retrying"),
                }
            }
            let store = self.store.clone();
            match tokio::task::spawn_blocking(move || store.pending_outcomes(100)).await {
                Ok(Ok(pending)) => {
                    for outcome in pending {
                        if let Err(e) = self.send(&outcome).await {
                            tracing::warn!(error = %e, case = %outcome.case_id, "publishing an outcome; retrying");
                            break;
                        }
                    }
                }
                Ok(Err(e)) => tracing::error!(error = %e, "reading pending outcomes"),
                Err(e) => tracing::error!(error = %e, "reading pending outcomes"),
            }
            tokio::select! {
                _ = stop.wait_for(|s| *s) => return Ok(None),
                _ = tokio::time::sleep(PUBLISH_EVERY) => {}
            }
        }
    }

    /// Sends the outcome and, for an ISO 20022 payment, its pacs.002; marks it published
    /// once the broker acknowledged both.
    async fn send(&self, outcome: &PendingOutcome) -> Result<(), String> {
        let store = self.store.clone();
        let id = outcome.case_id.clone();
        let case = tokio::task::spawn_blocking(move || store.get(&id))
            .await
            .map_err(|e| e.to_string())?
            .map_err(|e| e.to_string())?;
        let payload = serde_json::to_vec(&outcome.outcome).expect("an outcome serializes");
        self.produce(&self.outcomes_topic, outcome.key.as_deref(), &payload).await?;
        if let Some(report) = status_report(&case, &self.codes) {
            self.produce(&self.status_topic, outcome.key.as_deref(), report.as_bytes()).await?;
        }
        let store = self.store.clone();
        let id = outcome.case_id.clone();
        match tokio::task::spawn_blocking(move || store.mark_published(&id, Utc::now())).await {
            Ok(Ok(())) => Ok(()),
            _ => {
                tracing::error!(case = %outcome.case_id, "marking an outcome published failed; it will be sent again");
                Ok(())
            }
        }
    }

    async fn produce(&self, topic: &str, key: Option<&str>, payload: &[u8]) -> Result<(), String> {
        let mut record = FutureRecord::to(topic).payload(payload);
        if let Some(key) = key {
            record = record.key(key.as_bytes());
        }
        self.producer.send(record, Duration::from_secs(30)).await.map(|_| ()).map_err(|(e, _)| e.to_string())
    }
}

async fn sweep(
    store: Arc<dyn CaseStore>,
    rules: Rules,
    every: Duration,
    mut stop: watch::Receiver<bool>,
) -> Result<Option<Ingest>, ServiceError> {
    loop {
        let store2 = store.clone();
        let rules2 = rules.clone();
        match tokio::task::spawn_blocking(move || store2.mark_overdue(&rules2, Utc::now())).await {
            Ok(Ok(marked)) if !marked.is_empty() => tracing::warn!(cases = marked.len(), "cases past due escalated"),
            Ok(Ok(_)) => {}
            Ok(Err(e)) => tracing::error!(error = %e, "checking due times"),
            Err(e) => tracing::error!(error = %e, "checking due times"),
        }
        tokio::select! {
            _ = stop.wait_for(|s| *s) => return Ok(None),
            _ = tokio::time::sleep(every) => {}
        }
    }
}
