//! A load test through Kafka (feature `kafka`): send generated payments to a topic at a
//! controlled [`Rate`], read the decisions back from the decisions topic, and turn both
//! into a [`Report`].
//!
//! The decisions are read from the topic's end as it was when the run started, by a
//! consumer assigned every partition (no group membership, so no rebalance), and parsed
//! as [`interdict_model::record::DecisionRecord`]s. Every wait is bounded; one that runs
//! out fails with an error naming what it waited for.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::message::{Header, Message, OwnedHeaders};
use rdkafka::producer::{FutureProducer, FutureRecord, Producer};
use rdkafka::{ClientConfig, Offset, TopicPartitionList};

use crate::{Decision, Error, Generator, Rate, Recorder, Report};

/// The header that carries a payment's expected outcome (`hold` or `pass`).
pub const HEADER_EXPECTED: &str = "interdict-expected";
/// The header that carries a payment's format (`pacs.008`, `pacs.009`, `mt103`).
pub const HEADER_FORMAT: &str = "interdict-format";

/// How long reading a topic's metadata or a partition's end offset may take.
const METADATA_WAIT: Duration = Duration::from_secs(10);
/// How long one payment may wait for room in the producer's queue.
const QUEUE_FULL_WAIT: Duration = Duration::from_secs(60);
/// How long the brokers may take to acknowledge what is still queued after the last send.
const FLUSH_WAIT: Duration = Duration::from_secs(30);
/// How long the decisions reader may take to stop, and then to close.
const READER_STOP_WAIT: Duration = Duration::from_secs(10);
const READER_CLOSE_WAIT: Duration = Duration::from_secs(30);
/// How long the delivery reports may take once the producer has been flushed.
const DELIVERY_REPORTS_WAIT: Duration = Duration::from_secs(30);

/// Where to send, how fast and for how long.
#[derive(Debug, Clone)]
pub struct Target {
    /// Bootstrap brokers, `HOST:PORT[,...]`.
    pub brokers: String,
    /// librdkafka properties for both clients (the producer and the decisions reader).
    pub properties: Vec<(String, String)>,
    /// The topic payments are sent to.
    pub topic: String,
    /// The topic decisions are read from.
    pub decisions_topic: String,
    pub rate: Rate,
    /// Send for this long, or this many payments: whichever comes first. At least one
    /// must be given.
    pub duration: Option<Duration>,
    pub count: Option<u64>,
    /// After the last send, wait this long at most for the remaining decisions.
    pub drain: Duration,
    /// Names the decisions reader's consumer group (`interdict-loadgen-<run_id>`).
    pub run_id: String,
}

/// Where a run is, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// `sent` payments sent so far; `pending` of them await their decision.
    Sending { sent: u64, pending: usize },
    /// Sending is over; `pending` payments still await their decision.
    Draining { pending: usize },
}

/// What a run ends with.
#[derive(Debug, Clone)]
pub struct Finished {
    pub report: Report,
    /// Payments the producer could not deliver (their decisions are missing from the
    /// report).
    pub failed_sends: u64,
}

fn client(target: &Target) -> ClientConfig {
    let mut c = ClientConfig::new();
    c.set("bootstrap.servers", &target.brokers);
    for (k, v) in &target.properties {
        c.set(k, v);
    }
    c
}

fn kafka(doing: impl Into<String>) -> impl FnOnce(rdkafka::error::KafkaError) -> Error {
    let doing = doing.into();
    move |e| Error::Kafka { doing, source: Box::new(e) }
}

/// A consumer of the decisions topic from its current end, so only this run's decisions
/// (and late ones of earlier runs, which are counted apart) are read.
fn decisions_reader(target: &Target) -> Result<StreamConsumer, Error> {
    let topic = &target.decisions_topic;
    let consumer: StreamConsumer = client(target)
        .set("group.id", format!("interdict-loadgen-{}", target.run_id))
        .set("enable.auto.commit", "false")
        .set("fetch.wait.max.ms", "10")
        .create()
        .map_err(kafka("creating the decisions reader"))?;
    let metadata = consumer
        .fetch_metadata(Some(topic), METADATA_WAIT)
        .map_err(kafka(format!("reading the metadata of {topic} (waiting {METADATA_WAIT:?} at most)")))?;
    let partitions = metadata
        .topics()
        .iter()
        .find(|t| t.name() == topic)
        .map(|t| t.partitions())
        .filter(|p| !p.is_empty())
        .ok_or_else(|| Error::Run(format!("topic {topic} does not exist")))?;
    let mut assignment = TopicPartitionList::new();
    for p in partitions {
        let (_, high) = consumer.fetch_watermarks(topic, p.id(), METADATA_WAIT).map_err(kafka(format!(
            "reading the end offset of {topic} partition {} (waiting {METADATA_WAIT:?} at most)",
            p.id()
        )))?;
        assignment
            .add_partition_offset(topic, p.id(), Offset::Offset(high))
            .map_err(kafka(format!("assigning {topic} partition {}", p.id())))?;
    }
    consumer.assign(&assignment).map_err(kafka(format!("assigning {topic} to the decisions reader")))?;
    Ok(consumer)
}

/// Closes the decisions reader. It holds an assignment, not a group membership, so
/// closing leaves no group; librdkafka's close still blocks, so it runs on a blocking
/// thread, within a deadline.
async fn close(reader: StreamConsumer) -> Result<(), Error> {
    let closing = tokio::task::spawn_blocking(move || drop(reader));
    match tokio::time::timeout(READER_CLOSE_WAIT, closing).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(Error::Run(format!("closing the decisions reader failed: {e}"))),
        Err(_) => Err(Error::Timeout {
            waiting_for: "librdkafka to close the decisions reader".into(),
            limit: READER_CLOSE_WAIT,
        }),
    }
}

/// Sends `generator`'s payments to `target.topic` at `target.rate` until `target.count`
/// payments are sent or `target.duration` has passed, reads the decisions back (waiting
/// at most `target.drain` after the last send), and reports. `progress` is told how the
/// run goes every thousand payments and while the last decisions are awaited.
pub async fn run(
    target: &Target,
    mut generator: Generator,
    mut progress: impl FnMut(Progress),
) -> Result<Finished, Error> {
    if target.duration.is_none() && target.count.is_none() {
        return Err(Error::Run("a run needs a duration or a count".into()));
    }
    let reader = decisions_reader(target)?;
    let producer: FutureProducer =
        client(target).set("linger.ms", "1").create().map_err(kafka("creating the producer"))?;
    let recorder = Arc::new(Mutex::new(Recorder::new()?));
    let start = Instant::now();

    let (stop_reading, mut reading_stopped) = tokio::sync::oneshot::channel::<()>();
    let reading = {
        let recorder = recorder.clone();
        tokio::spawn(async move {
            loop {
                let received = tokio::select! {
                    _ = &mut reading_stopped => return reader,
                    m = reader.recv() => m,
                };
                let Ok(message) = received else {
                    // A broker error: librdkafka retries; do not spin meanwhile.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                };
                let at = start.elapsed();
                let Some(mut decision) = Decision::from_record(message.payload().unwrap_or(&[])) else { continue };
                decision.record = Some((message.partition(), message.offset()));
                recorder.lock().expect("recorder lock").decided(&decision, at);
            }
        })
    };
    let (failures_tx, mut failures_rx) = tokio::sync::mpsc::unbounded_channel();

    let mut sent = 0u64;
    loop {
        let elapsed = start.elapsed();
        if target.duration.is_some_and(|d| elapsed >= d) || target.count.is_some_and(|c| sent >= c) {
            break;
        }
        if let Some(due) = target.rate.due(elapsed) {
            if sent >= due {
                tokio::time::sleep(Duration::from_micros(500)).await;
                continue;
            }
        }
        let payment = generator.next_payment();
        let mut record = FutureRecord::to(&target.topic).key(&payment.key).payload(&payment.bytes).headers(
            OwnedHeaders::new()
                .insert(Header { key: HEADER_EXPECTED, value: Some(payment.expected.as_str()) })
                .insert(Header { key: HEADER_FORMAT, value: Some(payment.format.as_str()) }),
        );
        recorder.lock().expect("recorder lock").sent(&payment.key, start.elapsed(), payment.expected);
        let queued_at = Instant::now();
        let delivery = loop {
            match producer.send_result(record) {
                Ok(d) => break d,
                Err((_, back)) => {
                    // The producer queue is full: wait, never drop; but not forever.
                    if queued_at.elapsed() >= QUEUE_FULL_WAIT {
                        return Err(Error::Timeout {
                            waiting_for: format!(
                                "room in the producer's queue for payment {} (the brokers take no payments)",
                                payment.key
                            ),
                            limit: QUEUE_FULL_WAIT,
                        });
                    }
                    record = back;
                    tokio::time::sleep(Duration::from_millis(1)).await;
                }
            }
        };
        let failures = failures_tx.clone();
        tokio::spawn(async move {
            if !matches!(delivery.await, Ok(Ok(_))) {
                let _ = failures.send(());
            }
        });
        sent += 1;
        if sent % 1000 == 0 {
            let pending = recorder.lock().expect("recorder lock").pending();
            progress(Progress::Sending { sent, pending });
        }
    }
    let pending = recorder.lock().expect("recorder lock").pending();
    progress(Progress::Sending { sent, pending });
    producer.flush(FLUSH_WAIT).map_err(kafka(format!(
        "waiting for the brokers to acknowledge the payments still queued (at most {FLUSH_WAIT:?})"
    )))?;
    let deadline = Instant::now() + target.drain;
    while Instant::now() < deadline {
        let pending = recorder.lock().expect("recorder lock").pending();
        progress(Progress::Draining { pending });
        if pending == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let _ = stop_reading.send(());
    let reader = match tokio::time::timeout(READER_STOP_WAIT, reading).await {
        Ok(Ok(reader)) => reader,
        Ok(Err(e)) => return Err(Error::Run(format!("the decisions reader failed: {e}"))),
        Err(_) => {
            return Err(Error::Timeout { waiting_for: "the decisions reader to stop".into(), limit: READER_STOP_WAIT })
        }
    };
    close(reader).await?;
    drop(failures_tx);
    let mut failed_sends = 0;
    let counting = async {
        while failures_rx.recv().await.is_some() {
            failed_sends += 1;
        }
    };
    tokio::time::timeout(DELIVERY_REPORTS_WAIT, counting).await.map_err(|_| Error::Timeout {
        waiting_for: "the delivery reports of the payments sent".into(),
        limit: DELIVERY_REPORTS_WAIT,
    })?;
    let report = recorder.lock().expect("recorder lock").report();
    Ok(Finished { report, failed_sends })
}
