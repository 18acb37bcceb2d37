//! The service on an in-process Kafka (librdkafka's mock cluster), with no broker to
//! install: `interdict demo` streams its sample payments through it and shows the
//! decisions read back, typed, from the decisions topic.

use std::sync::Arc;
use std::time::{Duration, Instant};

use interdict_model::record::{DecisionRecord, ReviewRecord};
use interdict_screen::Screener;
use rdkafka::consumer::Consumer;
use rdkafka::error::KafkaResult;
use rdkafka::message::Message;
use rdkafka::mocking::MockCluster;
use rdkafka::producer::{DefaultProducerContext, FutureProducer, FutureRecord};
use rdkafka::ClientConfig;

use crate::service::{RunStats, ServiceError};
use crate::{consumer, Config, Service, Start};

/// How long the decisions of the records sent may take, in all.
const DECISIONS_WAIT: Duration = Duration::from_secs(30);
/// The review and dead-letter records follow their decisions: how long to wait for them.
const SETTLE: Duration = Duration::from_secs(2);
/// How long the service and the reader may take to stop.
const STOP_WAIT: Duration = Duration::from_secs(60);
const CLOSE_WAIT: Duration = Duration::from_secs(30);

/// What came out of a run on the mock cluster.
#[derive(Debug)]
pub struct MockRun {
    /// The cluster's bootstrap address (a loopback port).
    pub brokers: String,
    /// The decision records read back, in the order read.
    pub decisions: Vec<DecisionRecord>,
    /// The review records read back (the held messages), in the order read.
    pub reviews: Vec<ReviewRecord>,
    /// Records read from the dead-letter topic.
    pub dead_letters: usize,
    /// What the service counted, once stopped.
    pub stats: RunStats,
}

/// librdkafka's mock cluster, one broker, holding `topics` (name and partitions), and its
/// bootstrap address. It runs in this process; dropping it stops it.
pub fn cluster(topics: &[(&str, i32)]) -> KafkaResult<(MockCluster<'static, DefaultProducerContext>, String)> {
    let cluster = MockCluster::new(1)?;
    for &(topic, partitions) in topics {
        cluster.create_topic(topic, partitions, 1)?;
    }
    let brokers = cluster.bootstrap_servers();
    Ok((cluster, brokers))
}

/// Starts a mock cluster holding `config`'s topics (each input topic with
/// `input_partitions` partitions, each output topic with one; `config.brokers` is set to
/// the cluster), starts the service on it with `screener`, sends `records` (key,
/// payload) to the first input topic, reads the output topics until every record has
/// its decision (at most 30 s) and the review and dead-letter records have followed
/// (2 s more), then stops the service and closes every client.
pub async fn stream_through(
    mut config: Config,
    input_partitions: i32,
    screener: Arc<Screener>,
    records: &[(String, Vec<u8>)],
) -> Result<MockRun, ServiceError> {
    let outputs = [config.decisions_topic.clone(), config.review_topic.clone(), config.dlq_topic.clone()];
    let inputs = config.input_topics.iter().map(|t| (t.as_str(), input_partitions));
    let topics: Vec<(&str, i32)> = inputs.chain(outputs.iter().map(|t| (t.as_str(), 1))).collect();
    let (cluster, brokers) = cluster(&topics)?;
    config.brokers = brokers.clone();
    let input = config.input_topics.first().cloned().unwrap_or_default();
    let reader_group = format!("{}-reader", config.group);
    let service = Service::start(config, Start::with_screener(screener)).await?;

    let producer: FutureProducer = ClientConfig::new().set("bootstrap.servers", &brokers).create()?;
    for (key, payload) in records {
        producer
            .send(FutureRecord::to(&input).key(key).payload(payload), Duration::from_secs(5))
            .await
            .map_err(|(e, _)| e)?;
    }

    let reader = consumer::reader_from_start(&brokers, &reader_group)?;
    reader.subscribe(&outputs.iter().map(String::as_str).collect::<Vec<_>>())?;
    let mut run =
        MockRun { brokers, decisions: Vec::new(), reviews: Vec::new(), dead_letters: 0, stats: RunStats::default() };
    let mut read = |m: &rdkafka::message::BorrowedMessage<'_>| -> Result<(), ServiceError> {
        if m.topic() == outputs[0] {
            let decision = serde_json::from_slice(m.payload().unwrap_or(&[]))
                .map_err(|e| ServiceError::Io { what: "reading a decision record back".into(), error: e.into() })?;
            run.decisions.push(decision);
        } else if m.topic() == outputs[1] {
            let review = serde_json::from_slice(m.payload().unwrap_or(&[]))
                .map_err(|e| ServiceError::Io { what: "reading a review record back".into(), error: e.into() })?;
            run.reviews.push(review);
        } else {
            run.dead_letters += 1;
        }
        Ok(())
    };
    let deadline = Instant::now() + DECISIONS_WAIT;
    let mut decided = 0;
    while decided < records.len() && Instant::now() < deadline {
        let Ok(Ok(m)) = tokio::time::timeout(Duration::from_secs(1), reader.recv()).await else { continue };
        decided += usize::from(m.topic() == outputs[0]);
        read(&m)?;
    }
    let settle = Instant::now() + SETTLE;
    while Instant::now() < settle {
        let Ok(Ok(m)) = tokio::time::timeout(Duration::from_millis(200), reader.recv()).await else { continue };
        read(&m)?;
    }
    run.stats = tokio::time::timeout(STOP_WAIT, service.stop_and_wait())
        .await
        .map_err(|_| ServiceError::Task("the service did not stop within 60 s".into()))??;
    consumer::close(reader, CLOSE_WAIT).await.map_err(|e| ServiceError::Task(e.to_string()))?;
    drop(producer);
    drop(cluster);
    Ok(run)
}
