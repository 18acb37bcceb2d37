//! Exactly-once delivery: each batch of input messages has its outputs and its consumer
//! offsets written in one Kafka transaction.
//!
//! A batch is at most `transaction_max_messages` messages, or what arrived within
//! `transaction_max_wait` of its first message. Its messages are screened in parallel,
//! their records produced inside a transaction in consume order, the next offset of each
//! partition sent to the transaction with the consumer group's metadata, and the
//! transaction committed. Readers of the output topics with `isolation.level =
//! read_committed` see every batch's records once, or not at all.
//!
//! When a transaction fails (a broker outage, a rebalance that took a partition away),
//! it is aborted and the consumer rewinds each partition it still owns to the batch's
//! first offset, so the batch is read and screened again. A fatal error (the producer
//! was fenced by a newer instance with the same transactional id) stops the service.
//! A crash leaves the open transaction to be aborted when the instance restarts with
//! the same transactional id, or when it times out.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::error::KafkaError;
use rdkafka::message::Message;
use rdkafka::producer::{FutureProducer, Producer};
use rdkafka::util::Timeout;
use rdkafka::{Offset, TopicPartitionList};

use crate::consumer::{Membership, Protocol};
use crate::http::AppState;
use crate::records::Input;
use crate::service::{
    client_config, close_within, produce_outputs, read_input, screen_record, RunStats, ServiceContext, ServiceError,
};
use crate::shutdown::{StopDeadline, StopProgress};
use crate::Config;
use interdict_screen::Screened;

/// How long a transaction's commit or abort may take before the service gives up.
const TRANSACTION_TIMEOUT: Duration = Duration::from_secs(30);

/// One message of a batch.
struct Read {
    input: Input,
    payload: Vec<u8>,
}

/// Runs until `shutdown` completes (then finishes the open batch and returns) or a
/// fatal error.
pub async fn run(
    config: &Config,
    state: Arc<AppState>,
    shutdown: impl std::future::Future<Output = ()>,
    progress: StopProgress,
) -> Result<RunStats, ServiceError> {
    let settings = client_config(config, &[("fetch.wait.max.ms", "10"), ("statistics.interval.ms", "5000")]);
    let membership = Membership::sharing(Protocol::of(&settings), state.assignment.clone());
    let consumer: StreamConsumer<ServiceContext> = settings
        .clone()
        .set("group.id", &config.group)
        // Offsets go into the transactions, never committed on their own.
        .set("enable.auto.commit", "false")
        .set("enable.auto.offset.store", "false")
        .set("auto.offset.reset", "earliest")
        // Inputs written by a transactional producer count only once committed.
        .set("isolation.level", "read_committed")
        .create_with_context(ServiceContext::lag_only(membership))?;
    let topics: Vec<&str> = config.input_topics.iter().map(String::as_str).collect();
    consumer.subscribe(&topics)?;
    let producer: FutureProducer = client_config(config, &[("linger.ms", "1")])
        .set("transactional.id", config.transactional_id())
        .set("enable.idempotence", "true")
        .set("acks", "all")
        .create()?;
    {
        let producer = producer.clone();
        // Aborts whatever a previous run with this transactional id left open.
        tokio::task::spawn_blocking(move || producer.init_transactions(TRANSACTION_TIMEOUT))
            .await
            .map_err(|e| ServiceError::Delivery(format!("init transactions: {e}")))??;
    }

    let mut stats = RunStats::default();
    let max_messages = config.transaction_max_messages.max(1);
    let max_wait = config.transaction_max_wait();
    let workers = Arc::new(tokio::sync::Semaphore::new(config.worker_count()));
    tokio::pin!(shutdown);
    let mut stopping = false;
    let mut failed = None;
    while !stopping {
        // A batch: wait for a first message, then take what comes within max_wait.
        let mut batch: Vec<Read> = Vec::new();
        let mut deadline = None::<Instant>;
        while batch.len() < max_messages {
            let wait = match deadline {
                None => Duration::from_secs(3600),
                Some(d) => d.saturating_duration_since(Instant::now()),
            };
            if deadline.is_some() && wait.is_zero() {
                break;
            }
            let message = tokio::select! {
                _ = &mut shutdown => { stopping = true; break }
                m = tokio::time::timeout(wait, consumer.recv()) => m,
            };
            let Ok(message) = message else { break }; // max_wait passed
            let message = match message {
                Ok(m) => m,
                Err(_) => {
                    // Transient consumer errors are retried by librdkafka.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            deadline.get_or_insert_with(|| Instant::now() + max_wait);
            batch.push(Read {
                input: read_input(&message, message.ptr()),
                payload: message.payload().unwrap_or(&[]).to_vec(),
            });
        }
        if batch.is_empty() {
            continue;
        }
        match write_batch(config, &state, &consumer, &producer, &workers, &batch, &mut stats).await {
            Ok(()) => {}
            Err(e) if is_fatal(&e) => {
                failed = Some(e);
                break;
            }
            Err(e) => {
                tracing::warn!("transaction aborted ({e}); reading the batch again");
                rewind(&consumer, &batch);
            }
        }
    }
    // Every batch read has been committed or aborted: leave the group within the
    // shutdown deadline.
    let deadline = StopDeadline::start(config.shutdown_timeout(), progress);
    let closed = close_within(consumer, &deadline).await;
    if let Some(e) = failed {
        return Err(e);
    }
    closed?;
    Ok(stats)
}

/// Screens a batch and writes its outputs and offsets in one transaction.
async fn write_batch(
    config: &Config,
    state: &Arc<AppState>,
    consumer: &StreamConsumer<ServiceContext>,
    producer: &FutureProducer,
    workers: &Arc<tokio::sync::Semaphore>,
    batch: &[Read],
    stats: &mut RunStats,
) -> Result<(), ServiceError> {
    let mut screenings = Vec::with_capacity(batch.len());
    for read in batch {
        let permit = workers.clone().acquire_owned().await.expect("the worker semaphore is never closed");
        let state = state.clone();
        let payload = read.payload.clone();
        screenings.push(tokio::task::spawn_blocking(move || {
            let _permit = permit;
            screen_record(&state, &payload)
        }));
    }
    producer.begin_transaction()?;
    let mut batch_stats = RunStats::default();
    let mut deliveries = Vec::new();
    let mut next_offsets: BTreeMap<(String, i32), i64> = BTreeMap::new();
    for (read, screening) in batch.iter().zip(screenings) {
        let (screened, screener) = screening.await.unwrap_or_else(|e| {
            (vec![Screened { verdict: interdict_model::Verdict::internal(&e), payment: None }], None)
        });
        batch_stats.count(&screened, "kafka");
        let with = screener.as_ref().map(|s| s.screened_with());
        deliveries.extend(produce_outputs(producer, config, &read.input, &read.payload, &screened, with).await);
        let at = &read.input.at;
        next_offsets.insert((at.topic.clone(), at.partition), at.offset + 1);
    }
    let result = commit(consumer, producer, deliveries, &next_offsets).await;
    if let Err(e) = &result {
        if !is_fatal(e) {
            let producer = producer.clone();
            let aborted = tokio::task::spawn_blocking(move || producer.abort_transaction(TRANSACTION_TIMEOUT))
                .await
                .map_err(|e| ServiceError::Delivery(format!("abort: {e}")))?;
            aborted?;
        }
        return result;
    }
    batch_stats.stored.extend(next_offsets);
    stats.add(batch_stats);
    Ok(())
}

async fn commit(
    consumer: &StreamConsumer<ServiceContext>,
    producer: &FutureProducer,
    deliveries: Vec<rdkafka::producer::DeliveryFuture>,
    next_offsets: &BTreeMap<(String, i32), i64>,
) -> Result<(), ServiceError> {
    for delivery in deliveries {
        match delivery.await {
            Ok(Ok(_)) => {}
            Ok(Err((e, _))) => return Err(e.into()),
            Err(_) => return Err(ServiceError::Delivery("the producer dropped the message".into())),
        }
    }
    let mut offsets = TopicPartitionList::new();
    for ((topic, partition), next) in next_offsets {
        offsets.add_partition_offset(topic, *partition, Offset::Offset(*next))?;
    }
    let group = consumer.group_metadata().ok_or_else(|| ServiceError::Delivery("no consumer group metadata".into()))?;
    let producer = producer.clone();
    tokio::task::spawn_blocking(move || {
        producer.send_offsets_to_transaction(&offsets, &group, TRANSACTION_TIMEOUT)?;
        producer.commit_transaction(TRANSACTION_TIMEOUT)
    })
    .await
    .map_err(|e| ServiceError::Delivery(format!("commit: {e}")))??;
    Ok(())
}

/// An error after which this producer can do no more transactions.
fn is_fatal(e: &ServiceError) -> bool {
    match e {
        ServiceError::Kafka(KafkaError::Transaction(t)) => t.is_fatal(),
        ServiceError::Kafka(_) => false,
        ServiceError::Delivery(_) => false,
        ServiceError::Config(_)
        | ServiceError::Shutdown(_)
        | ServiceError::Load(_)
        | ServiceError::Io { .. }
        | ServiceError::Task(_) => true,
    }
}

/// Points each partition of the batch that this consumer still owns back at the
/// batch's first offset on it.
fn rewind(consumer: &StreamConsumer<ServiceContext>, batch: &[Read]) {
    let mut first: BTreeMap<(&str, i32), i64> = BTreeMap::new();
    for read in batch {
        let key = (read.input.at.topic.as_str(), read.input.at.partition);
        first.entry(key).or_insert(read.input.at.offset);
    }
    for ((topic, partition), offset) in first {
        if let Err(e) = consumer.seek(topic, partition, Offset::Offset(offset), Timeout::After(Duration::from_secs(10)))
        {
            // A partition taken away in a rebalance: its new owner reads it from the
            // last committed transaction.
            tracing::warn!("could not rewind {topic}/{partition} to {offset}: {e}");
        }
    }
}
