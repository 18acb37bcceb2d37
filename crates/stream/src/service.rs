//! The consume → screen → produce loop, at least once.
//!
//! A consumer group reads the input topics. Each message is screened (a fast, in-memory
//! step) and its output records (decision, and review or dead letter) are handed to the
//! producer in consume order, which keeps per-partition order. An acknowledgement task
//! awaits the deliveries in the same order; only when every output of a message is
//! acknowledged does [`OffsetTracker`] say which offset may be stored, so an offset is
//! never stored past a message whose outputs are not safely written. A delivery that
//! fails stops the service with an error: nothing moves past it, and a restart resumes
//! from the last stored offset (at least once). Work in flight is bounded by
//! `max_in_flight` (a bounded channel: the consumer waits when it is full).
//!
//! With no valid index, every message gets an `error` verdict (kind `no_index`), which
//! goes to the decisions and dead-letter topics: fail closed, and replayable.
//!
//! An index older than the configured maximum age is treated like no index.
//!
//! Screening runs on `workers` threads at once; results are taken in consume order, so
//! decisions keep per-partition order. Before a rebalance takes partitions away, the
//! work read from them is drained (outputs acknowledged, offsets stored and committed),
//! so their new owner starts right after it. Consumer lag per partition comes from
//! librdkafka's statistics. With `exactly_once`, see [`crate::transactional`]. Hot
//! reload swaps the [`AppState`] screener (see `interdict run`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use interdict_model::record::{InputRef, ScreenedWith};
use interdict_model::{Outcome, Verdict};
use interdict_screen::{Screened, Screener};
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer, ConsumerContext, StreamConsumer};
use rdkafka::error::KafkaError;
use rdkafka::message::{Header, Message, OwnedHeaders};
use rdkafka::producer::{DeliveryFuture, FutureProducer, FutureRecord, Producer};
use rdkafka::statistics::Statistics;
use rdkafka::types::{RDKafkaErrorCode, RDKafkaRespErr};
use rdkafka::ClientContext;
use rdkafka::{Offset, TopicPartitionList};
use tokio::sync::mpsc;

use crate::consumer::{Member, Membership, Protocol};
use crate::http::AppState;
use crate::records::{self, Destination, Input};
use crate::shutdown::{StopDeadline, StopProgress, StopTimeout};
use crate::telemetry::MessageScreened;
use crate::{Config, OffsetTracker};

/// Why the service stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("kafka: {0}")]
    Kafka(#[from] rdkafka::error::KafkaError),
    #[error("an output was not delivered ({0}); stopping so that nothing moves past it")]
    Delivery(String),
    #[error("config: {0}")]
    Config(#[from] crate::ConfigError),
    #[error(transparent)]
    Shutdown(#[from] StopTimeout),
    #[error(transparent)]
    Load(#[from] crate::screening::LoadError),
    #[error("{what}: {error}")]
    Io { what: String, error: std::io::Error },
    #[error("the service task ended abnormally: {0}")]
    Task(String),
}

/// What a run did, for logs and tests.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RunStats {
    /// Input records read and decided.
    pub messages: u64,
    /// Decisions written: one per message of each input record.
    pub decisions: u64,
    /// Decisions that were holds, and errors.
    pub holds: u64,
    pub errors: u64,
    /// The last offset stored per (topic, partition): the next offset to read.
    pub stored: HashMap<(String, i32), i64>,
}

/// One message's outputs, in flight.
struct Pending {
    input: Input,
    deliveries: Vec<DeliveryFuture>,
}

/// A client configuration: latency-minded defaults, then the user's librdkafka
/// properties (which may override the defaults), then the brokers. The settings the
/// delivery guarantees rest on are set by the caller after this, so nothing overrides them.
pub(crate) fn client_config(config: &Config, defaults: &[(&str, &str)]) -> ClientConfig {
    let mut c = ClientConfig::new();
    for (k, v) in defaults {
        c.set(*k, *v);
    }
    for (k, v) in &config.kafka {
        c.set(k, v);
    }
    c.set("bootstrap.servers", &config.brokers);
    c
}

/// A payment waits for its decision, not for a batch to fill.
/// Statistics every 5 s give the consumer lag per partition.
/// Stored offsets are committed every second, which bounds what a crash replays.
const CONSUMER_DEFAULTS: [(&str, &str); 3] =
    [("fetch.wait.max.ms", "10"), ("statistics.interval.ms", "5000"), ("auto.commit.interval.ms", "1000")];
const PRODUCER_DEFAULTS: [(&str, &str); 1] = [("linger.ms", "1")];

/// The screener to use, unless none is loaded or it is older than the maximum age:
/// then the verdict to give instead (fail closed: an error, never a pass).
pub fn usable_screener(state: &AppState) -> Result<Arc<Screener>, Box<Verdict>> {
    let Some(screener) = state.screener.load_full() else {
        return Err(Box::new(Verdict::no_index()));
    };
    if let (Some(max), Some(age)) = (state.max_index_age, crate::http::index_age(&screener)) {
        if age > max {
            return Err(Box::new(Verdict::stale_index(screener.index_version(), max)));
        }
    }
    Ok(screener)
}

/// Screens one input record with the screener in use: each message's verdict and
/// payment, and the screener (for what it was screened with), or the fail-closed
/// verdict when there is no usable screener.
pub(crate) fn screen_record(state: &AppState, payload: &[u8]) -> (Vec<Screened>, Option<Arc<Screener>>) {
    match usable_screener(state) {
        Ok(screener) => (screener.screen_input(payload), Some(screener)),
        Err(verdict) => (vec![Screened { verdict: *verdict, payment: None }], None),
    }
}

/// An input record as read from Kafka: where, key, headers, when.
pub(crate) fn read_input<M: Message>(message: &M, raw: *mut rdkafka::bindings::rd_kafka_message_t) -> Input {
    Input {
        at: InputRef { topic: message.topic().to_string(), partition: message.partition(), offset: message.offset() },
        key: message.key().map(<[u8]>::to_vec),
        headers: input_headers(raw),
        read_at: Instant::now(),
    }
}

/// The headers of a consumed record, read through librdkafka's C API: rust-rdkafka's
/// reader panics on a header name that is not UTF-8, and a hostile producer must not be
/// able to stop screening with one. Values are copied byte for byte; a name that is not
/// UTF-8 (the protocol says names are strings) is kept with U+FFFD for the bad bytes.
fn input_headers(raw: *mut rdkafka::bindings::rd_kafka_message_t) -> Vec<(String, Option<Vec<u8>>)> {
    use rdkafka::bindings as rd;
    let mut out = Vec::new();
    let mut headers: *mut rd::rd_kafka_headers_t = std::ptr::null_mut();
    // SAFETY: `raw` is the message the consumer just returned, alive for this call;
    // librdkafka returns a pointer into it (not to be freed) or an error.
    let found = unsafe { rd::rd_kafka_message_headers(raw, &mut headers) };
    if found != rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR_NO_ERROR || headers.is_null() {
        return out;
    }
    // SAFETY: `headers` belongs to the live message; each name is a NUL-terminated
    // string and each value `size` bytes (or null), both owned by the message.
    unsafe {
        for index in 0..rd::rd_kafka_header_cnt(headers) {
            let mut name: *const std::os::raw::c_char = std::ptr::null();
            let mut value: *const std::os::raw::c_void = std::ptr::null();
            let mut size = 0usize;
            let got = rd::rd_kafka_header_get_all(headers, index, &mut name, &mut value, &mut size);
            if got != rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR_NO_ERROR || name.is_null() {
                continue;
            }
            let name = String::from_utf8_lossy(std::ffi::CStr::from_ptr(name).to_bytes()).into_owned();
            let value = (!value.is_null()).then(|| std::slice::from_raw_parts(value.cast::<u8>(), size).to_vec());
            out.push((name, value));
        }
    }
    out
}

/// The consumer's context: exports consumer lag from librdkafka's statistics, and
/// drains revoked partitions before a rebalance completes. Rebalances go through
/// [`Membership`], which never asks librdkafka for the protocol (see
/// [`crate::consumer`]).
pub struct ServiceContext {
    tracker: Arc<Mutex<OffsetTracker>>,
    drain_timeout: Duration,
    /// At least once: drain and commit revoked partitions. Exactly once commits offsets
    /// only inside transactions, so it does neither.
    drain_on_revoke: bool,
    membership: Membership,
}

impl ServiceContext {
    /// A context that only exports consumer lag.
    pub(crate) fn lag_only(membership: Membership) -> Self {
        ServiceContext { tracker: Arc::default(), drain_timeout: Duration::ZERO, drain_on_revoke: false, membership }
    }

    fn drained(&self, partitions: &TopicPartitionList) -> bool {
        let tracker = self.tracker.lock().expect("tracker lock");
        partitions.elements().iter().all(|e| tracker.in_flight(e.topic(), e.partition()) == 0)
    }

    /// Waits until every message read from these partitions has its outputs
    /// acknowledged and its offset stored, or the drain timeout passes.
    fn wait_drained(&self, partitions: &TopicPartitionList) -> bool {
        let deadline = Instant::now() + self.drain_timeout;
        loop {
            if self.drained(partitions) {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// Before partitions are given up: their work is drained and committed, so their
    /// new owner starts right after it.
    fn drain_revoked(&self, consumer: &BaseConsumer<Self>, revoked: &TopicPartitionList) {
        if !self.drain_on_revoke {
            return;
        }
        // The callback runs inside `recv` on a runtime thread; let the runtime move the
        // tasks that finish the in-flight work elsewhere while this thread waits.
        let drained = match tokio::runtime::Handle::try_current() {
            Ok(h) if h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
                tokio::task::block_in_place(|| self.wait_drained(revoked))
            }
            _ => self.wait_drained(revoked),
        };
        if !drained {
            tracing::warn!(
                "revoked partitions still had work in flight after {:?}; their new owner resumes from the last commit",
                self.drain_timeout
            );
        }
        // Commit what was stored, so the new owner starts right after it.
        if let Err(e) = consumer.commit_consumer_state(CommitMode::Sync) {
            if !matches!(e, KafkaError::ConsumerCommit(RDKafkaErrorCode::NoOffset)) {
                tracing::warn!("commit before releasing revoked partitions failed: {e}");
            }
        }
        let mut tracker = self.tracker.lock().expect("tracker lock");
        for e in revoked.elements() {
            tracker.forget(e.topic(), e.partition());
        }
    }
}

impl ClientContext for ServiceContext {
    fn stats(&self, statistics: Statistics) {
        for (name, topic) in &statistics.topics {
            for (&partition, p) in &topic.partitions {
                // Lag behind the offsets stored after acknowledgement (what is still to
                // do), else behind the last commit. librdkafka reports -1 while it does
                // not know, and an internal partition numbered -1.
                let lag = if p.consumer_lag_stored >= 0 { p.consumer_lag_stored } else { p.consumer_lag };
                if partition >= 0 && lag >= 0 {
                    metrics::gauge!("interdict_consumer_lag", "topic" => name.clone(), "partition" => partition.to_string())
                        .set(lag as f64);
                }
            }
        }
    }
}

impl ConsumerContext for ServiceContext {
    fn rebalance(&self, consumer: &BaseConsumer<Self>, event: RDKafkaRespErr, partitions: &mut TopicPartitionList) {
        self.membership.rebalance(consumer, event, partitions, |revoked| self.drain_revoked(consumer, revoked));
    }
}

impl Member for ServiceContext {
    fn membership(&self) -> &Membership {
        &self.membership
    }
}

/// How long a rebalance waits for the work of revoked partitions.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(20);

/// Messages read together and handed to one screening worker; the verdicts come back
/// in the same order.
struct Screening {
    batch: Vec<(Input, Vec<u8>)>,
    result: tokio::task::JoinHandle<Vec<Screening1>>,
}

/// One input record screened: its messages, and the screener used (none: fail closed).
pub(crate) type Screening1 = (Vec<Screened>, Option<Arc<Screener>>);

/// At most this many already-fetched messages go to one worker at once.
const MAX_BATCH: usize = 64;

/// Runs until `shutdown` completes (then drains, flushes, commits and returns) or an
/// output cannot be delivered (then returns the error), recording the phases of its
/// stop in `progress` (for a watchdog's message). Started by [`crate::Service::start`].
///
/// Three stages, joined by bounded channels: the consumer loop reads messages and hands
/// each to a screening worker (at most `workers` at once, on the blocking pool); the
/// output stage takes the results **in consume order** and produces their records; the
/// acknowledgement stage awaits the deliveries, in the same order, and stores offsets.
pub(crate) async fn run(
    config: &Config,
    state: Arc<AppState>,
    shutdown: impl std::future::Future<Output = ()>,
    progress: StopProgress,
) -> Result<RunStats, ServiceError> {
    config.validate()?;
    if config.exactly_once {
        return crate::transactional::run(config, state, shutdown, progress).await;
    }
    let tracker = Arc::new(Mutex::new(OffsetTracker::default()));
    let settings = client_config(config, &CONSUMER_DEFAULTS);
    let context = ServiceContext {
        tracker: tracker.clone(),
        // A drain inside a rebalance never outlasts a stop.
        drain_timeout: DRAIN_TIMEOUT.min(config.shutdown_timeout()),
        drain_on_revoke: true,
        membership: Membership::sharing(Protocol::of(&settings), state.assignment.clone()),
    };
    let consumer: Arc<StreamConsumer<ServiceContext>> = Arc::new(
        settings
            .clone()
            .set("group.id", &config.group)
            .set("enable.auto.commit", "true")
            // Offsets are stored by hand, only after the outputs are acknowledged.
            .set("enable.auto.offset.store", "false")
            .set("auto.offset.reset", "earliest")
            .create_with_context(context)?,
    );
    let topics: Vec<&str> = config.input_topics.iter().map(String::as_str).collect();
    consumer.subscribe(&topics)?;
    let producer: FutureProducer =
        client_config(config, &PRODUCER_DEFAULTS).set("enable.idempotence", "true").set("acks", "all").create()?;

    let capacity = config.max_in_flight.max(1);
    let (ack_tx, mut ack_rx) = mpsc::channel::<Pending>(capacity);
    let acker = {
        let consumer = consumer.clone();
        let tracker = tracker.clone();
        tokio::spawn(async move {
            let mut stored = HashMap::new();
            while let Some(pending) = ack_rx.recv().await {
                for delivery in pending.deliveries {
                    match delivery.await {
                        Ok(Ok(_)) => {}
                        Ok(Err((e, _))) => return Err(ServiceError::Delivery(e.to_string())),
                        Err(_) => return Err(ServiceError::Delivery("the producer dropped the message".into())),
                    }
                }
                let input = &pending.input.at;
                // Completing and storing under one lock: a rebalance that sees the
                // partition drained also sees its offset stored.
                let mut tracker = tracker.lock().expect("tracker lock");
                if let Some(next) = tracker.complete(&input.topic, input.partition, input.offset) {
                    let mut tpl = TopicPartitionList::new();
                    tpl.add_partition_offset(&input.topic, input.partition, Offset::Offset(next))?;
                    if let Err(e) = consumer.store_offsets(&tpl) {
                        // A partition revoked in a rebalance cannot be stored any more; its
                        // new owner resumes from the last commit (at least once). Any other
                        // failure stops the service.
                        let assigned = consumer
                            .assignment()
                            .map(|a| a.find_partition(&input.topic, input.partition).is_some())
                            .unwrap_or(false);
                        if assigned {
                            return Err(e.into());
                        }
                    } else {
                        stored.insert((input.topic.clone(), input.partition), next);
                    }
                }
                metrics::gauge!("interdict_in_flight").set(tracker.total_in_flight() as f64);
            }
            Ok::<_, ServiceError>(stored)
        })
    };

    // Batches of up to MAX_BATCH messages: the in-flight bound stays about max_in_flight.
    let (screened_tx, mut screened_rx) = mpsc::channel::<Screening>((capacity / MAX_BATCH).max(1));
    let outputs = {
        let config = config.clone();
        tokio::spawn(async move {
            let mut stats = RunStats::default();
            'batches: while let Some(Screening { batch, result }) = screened_rx.recv().await {
                let results = result.await.unwrap_or_else(|e| {
                    let failed = Screened { verdict: Verdict::internal(&e), payment: None };
                    batch.iter().map(|_| (vec![failed.clone()], None)).collect()
                });
                for ((input, payload), (screened, screener)) in batch.into_iter().zip(results) {
                    stats.count(&screened, "kafka");
                    let with = screener.as_ref().map(|s| s.screened_with());
                    let deliveries = produce_outputs(&producer, &config, &input, &payload, &screened, with).await;
                    if ack_tx.send(Pending { input, deliveries }).await.is_err() {
                        // The acknowledgement stage stopped: its error is returned by `run`.
                        break 'batches;
                    }
                }
            }
            (stats, producer)
        })
    };

    let workers = Arc::new(tokio::sync::Semaphore::new(config.worker_count()));
    tokio::pin!(shutdown);
    let mut stopping = false;
    while !stopping {
        // Wait for one message, then take what is already fetched, up to a batch: one
        // hand-off to a worker per batch instead of per message, and no waiting added.
        let mut batch: Vec<(Input, Vec<u8>)> = Vec::new();
        while batch.len() < MAX_BATCH {
            let message = if batch.is_empty() {
                tokio::select! {
                    _ = &mut shutdown => { stopping = true; break }
                    m = consumer.recv() => m,
                }
            } else {
                match tokio::time::timeout(Duration::ZERO, consumer.recv()).await {
                    Ok(m) => m,
                    Err(_) => break, // nothing more fetched yet
                }
            };
            let message = match message {
                Ok(m) => m,
                Err(_) => {
                    // Transient consumer errors (a broker going away) are retried by
                    // librdkafka; nothing was read, so nothing is lost.
                    if batch.is_empty() {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                    }
                    break;
                }
            };
            let input = read_input(&message, message.ptr());
            batch.push((input, message.payload().unwrap_or(&[]).to_vec()));
        }
        if batch.is_empty() {
            continue;
        }
        {
            let mut tracker = tracker.lock().expect("tracker lock");
            for (input, _) in &batch {
                tracker.begin(&input.at.topic, input.at.partition, input.at.offset);
            }
        }
        let permit = workers.clone().acquire_owned().await.expect("the worker semaphore is never closed");
        let payloads: Vec<Vec<u8>> = batch.iter().map(|(_, p)| p.clone()).collect();
        let result = {
            let state = state.clone();
            tokio::task::spawn_blocking(move || {
                let _permit = permit;
                payloads.iter().map(|payload| screen_record(&state, payload)).collect()
            })
        };
        if screened_tx.send(Screening { batch, result }).await.is_err() {
            // The output stage stopped because the acknowledgement stage did.
            break;
        }
    }
    drop(screened_tx);
    // Stopping (asked to, or an output could not be delivered): every phase under one
    // deadline, and the error names the phase that ran out of time.
    let deadline = StopDeadline::start(config.shutdown_timeout(), progress);
    let finished = finish(&deadline, outputs, acker, &consumer).await;
    let closed = match Arc::try_unwrap(consumer) {
        Ok(consumer) => close_within(consumer, &deadline).await,
        // A stage that ran out of time still holds it; that error is returned below.
        Err(_) => Ok(()),
    };
    let stats = finished?;
    closed?;
    Ok(stats)
}

/// The output stage's result: what it counted, and the producer to flush.
type OutputStage = tokio::task::JoinHandle<(RunStats, FutureProducer)>;
/// The acknowledgement stage's result: the offsets stored per partition.
type AckStage = tokio::task::JoinHandle<Result<HashMap<(String, i32), i64>, ServiceError>>;

/// Finishes the work in flight: outputs produced and acknowledged, producer flushed,
/// stored offsets committed.
async fn finish(
    deadline: &StopDeadline,
    outputs: OutputStage,
    acker: AckStage,
    consumer: &Arc<StreamConsumer<ServiceContext>>,
) -> Result<RunStats, ServiceError> {
    let (mut stats, producer) = deadline
        .phase("waiting for the messages in flight to be screened and their outputs handed to the producer", outputs)
        .await?
        .map_err(|e| ServiceError::Delivery(format!("output stage: {e}")))?;
    let acked = deadline
        .phase("waiting for the broker to acknowledge the outputs in flight", acker)
        .await?
        .map_err(|e| ServiceError::Delivery(format!("acknowledgement stage: {e}")))?;
    let limit = deadline.remaining();
    deadline
        .phase("flushing the producer", tokio::task::spawn_blocking(move || producer.flush(limit)))
        .await?
        .map_err(|e| ServiceError::Delivery(format!("flush: {e}")))??;
    stats.stored = acked?;
    // Commit what was stored before leaving the group.
    let committing = {
        let consumer = consumer.clone();
        tokio::task::spawn_blocking(move || consumer.commit_consumer_state(CommitMode::Sync))
    };
    let committed = deadline
        .phase("committing the stored offsets", committing)
        .await?
        .map_err(|e| ServiceError::Delivery(format!("commit: {e}")))?;
    match committed {
        // Nothing new to commit.
        Ok(()) | Err(KafkaError::ConsumerCommit(RDKafkaErrorCode::NoOffset)) => {}
        // The group is rebalancing (another member left or joined at the same moment):
        // the revocation while leaving commits again, and whatever stays uncommitted is
        // read again by the next owner. A repeat, never a loss: not a failed stop.
        Err(e) => tracing::warn!(
            "committing before leaving the group failed ({e}); the next owner resumes from the last commit"
        ),
    }
    Ok(stats)
}

/// Leaves the group (the final revocation handled, see [`crate::consumer::close`])
/// within what is left of the deadline.
pub(crate) async fn close_within<C: Member + 'static>(
    consumer: StreamConsumer<C>,
    deadline: &StopDeadline,
) -> Result<(), ServiceError> {
    deadline.phase("leaving the consumer group", crate::consumer::close(consumer, deadline.remaining())).await?.map_err(
        |e| ServiceError::Shutdown(deadline.timeout(&format!("leaving the consumer group: {}", e.waiting_for))),
    )
}

impl RunStats {
    /// Counts one input record's decisions, and emits their telemetry.
    pub(crate) fn count(&mut self, screened: &[Screened], source: &'static str) {
        self.messages += 1;
        for message in screened {
            let verdict = &message.verdict;
            let seconds = (verdict.timings.parse_us + verdict.timings.screen_us) / 1e6;
            MessageScreened { verdict, source, latency_seconds: seconds }.emit();
            self.decisions += 1;
            match verdict.verdict {
                Outcome::Hold => self.holds += 1,
                Outcome::Error => self.errors += 1,
                Outcome::Pass => {}
            }
        }
    }

    pub(crate) fn add(&mut self, other: RunStats) {
        self.messages += other.messages;
        self.decisions += other.decisions;
        self.holds += other.holds;
        self.errors += other.errors;
        self.stored.extend(other.stored);
    }
}

/// Hands a message's output records to the producer, in order; a full producer queue
/// is waited out, never skipped.
pub(crate) async fn produce_outputs(
    producer: &FutureProducer,
    config: &Config,
    input: &Input,
    payload: &[u8],
    screened: &[Screened],
    screened_with: Option<&ScreenedWith>,
) -> Vec<DeliveryFuture> {
    let mut deliveries = Vec::new();
    for out in records::outputs(input, payload, screened, screened_with, config.review_max_original_bytes) {
        let topic = match out.destination {
            Destination::Decisions => &config.decisions_topic,
            Destination::Review => &config.review_topic,
            Destination::DeadLetter => &config.dlq_topic,
        };
        let mut headers = OwnedHeaders::new();
        for (name, value) in &out.headers {
            headers = headers.insert(Header { key: name, value: value.as_deref() });
        }
        let mut record = FutureRecord::to(topic).payload(&out.payload).headers(headers);
        if let Some(key) = &out.key {
            record = record.key(key);
        }
        let delivery = loop {
            match producer.send_result(record) {
                Ok(d) => break d,
                Err((_, back)) => {
                    record = back;
                    tokio::time::sleep(Duration::from_millis(5)).await;
                }
            }
        };
        deliveries.push(delivery);
    }
    deliveries
}

#[cfg(test)]
mod tests {
    use super::*;
    use interdict_index::{build, Index};
    use interdict_screen::ScreenConfig;

    fn state(build_time: Option<&str>, max_age: Option<Duration>) -> AppState {
        let screener = build_time.map(|t| {
            let index = Index::from_bytes(build(vec![], vec![], t).unwrap()).unwrap();
            Arc::new(Screener::new(Arc::new(index), ScreenConfig::default()).unwrap())
        });
        AppState::new(screener, None, max_age)
    }

    #[test]
    fn no_index_or_a_stale_one_fails_closed() {
        let now = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
        let day = Some(Duration::from_secs(86_400));
        let cases = [
            ("no index", state(None, day), Some(("no_index", "no valid index"))),
            ("fresh", state(Some(&now), day), None),
            ("stale", state(Some("2020-01-01T00:00:00Z"), day), Some(("stale_index", "older than the maximum age"))),
            ("no maximum", state(Some("2020-01-01T00:00:00Z"), None), None),
        ];
        for (what, state, refusal) in cases {
            match (usable_screener(&state), refusal) {
                (Ok(_), None) => {}
                (Err(verdict), Some((kind, reason))) => {
                    assert_eq!(verdict.verdict, Outcome::Error, "{what}");
                    let error = verdict.error.unwrap();
                    assert_eq!(error.kind, kind, "{what}");
                    assert!(error.reason.contains(reason), "{what}: {}", error.reason);
                }
                (got, _) => panic!("{what}: {:?}", got.map(|s| s.index_version().to_string())),
            }
            // The record-level screening follows the same rule.
            let (screened, screener) = screen_record(&state, b"{}");
            assert_eq!(screener.is_none(), refusal.is_some(), "{what}");
            assert_eq!(screened.len(), 1, "{what}");
        }
    }

    #[test]
    fn several_messages_in_one_record_are_counted_one_decision_each() {
        let verdict =
            |o: Outcome| Screened { verdict: Verdict { verdict: o, ..Verdict::not_screened("x", "y") }, payment: None };
        let mut stats = RunStats::default();
        stats.count(&[verdict(Outcome::Hold), verdict(Outcome::Pass), verdict(Outcome::Error)], "kafka");
        stats.count(&[verdict(Outcome::Pass)], "kafka");
        assert_eq!((stats.messages, stats.decisions, stats.holds, stats.errors), (2, 4, 1, 1));
    }
}
