//! Consumer-group members that close without hanging.
//!
//! rust-rdkafka's default rebalance handler asks librdkafka which rebalance protocol the
//! group uses (`rd_kafka_rebalance_protocol`) on every assignment and revocation. That
//! question is answered by the group thread; while a consumer closes, the thread may
//! never answer, and the callback (inside the consumer's `Drop`) then waits forever:
//! a SIGTERM near a rebalance never finishes its drain. Every consumer the project owns
//! therefore uses a context built on [`Membership`], which knows the protocol from the
//! configured assignor (all assignors of one consumer must share a protocol, so the
//! configuration decides it) and never asks.
//!
//! Closing is explicit ([`close`]): unsubscribe, keep polling until the final
//! revocation has been handled, then drop the client on a blocking thread under a
//! deadline; past the deadline the caller gets an error naming what it waited for.
//!
//! ```
//! use interdict_stream::consumer::Protocol;
//!
//! assert_eq!(Protocol::configured(None), Protocol::Eager);
//! assert_eq!(Protocol::configured(Some("cooperative-sticky")), Protocol::Cooperative);
//! ```

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rdkafka::config::ClientConfig;
use rdkafka::consumer::{BaseConsumer, Consumer, ConsumerContext, StreamConsumer};
use rdkafka::error::KafkaResult;
use rdkafka::types::RDKafkaRespErr;
use rdkafka::{ClientContext, TopicPartitionList};

/// The rebalance protocol of a consumer group member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// `range`, `roundrobin` (librdkafka's default): every rebalance revokes the whole
    /// assignment and assigns a new one.
    Eager,
    /// `cooperative-sticky`: a rebalance revokes and assigns only what moves.
    Cooperative,
}

impl Protocol {
    /// The protocol of the configured `partition.assignment.strategy`.
    pub fn configured(strategy: Option<&str>) -> Protocol {
        let cooperative =
            strategy.is_some_and(|s| s.split(',').any(|a| a.trim().eq_ignore_ascii_case("cooperative-sticky")));
        if cooperative {
            Protocol::Cooperative
        } else {
            Protocol::Eager
        }
    }

    /// The protocol of a client configuration.
    pub fn of(config: &ClientConfig) -> Protocol {
        Protocol::configured(config.get("partition.assignment.strategy"))
    }
}

/// The partitions a member holds now, shared with whoever reports on them (readiness,
/// tests).
#[derive(Debug, Clone, Default)]
pub struct Assignment(Arc<Mutex<BTreeSet<(String, i32)>>>);

impl Assignment {
    /// The (topic, partition) pairs assigned now.
    pub fn partitions(&self) -> BTreeSet<(String, i32)> {
        self.lock().clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeSet<(String, i32)>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Which partitions a member holds, kept by the rebalance handler itself (asking
/// librdkafka for the assignment goes through the group thread too).
#[derive(Debug)]
pub struct Membership {
    protocol: Protocol,
    assigned: Assignment,
}

impl Membership {
    pub fn new(protocol: Protocol) -> Membership {
        Membership::sharing(protocol, Assignment::default())
    }

    /// A membership that records its partitions in `assigned`.
    pub fn sharing(protocol: Protocol, assigned: Assignment) -> Membership {
        Membership { protocol, assigned }
    }

    pub fn protocol(&self) -> Protocol {
        self.protocol
    }

    /// The partitions assigned now.
    pub fn assigned(&self) -> BTreeSet<(String, i32)> {
        self.assigned.partitions()
    }

    /// Handles one rebalance event the way rust-rdkafka's default does, without asking
    /// for the protocol: `before_revoke` runs before partitions are given up (to drain
    /// and commit their work), then the assignment is changed and recorded.
    pub fn rebalance<C: ConsumerContext>(
        &self,
        consumer: &BaseConsumer<C>,
        event: RDKafkaRespErr,
        partitions: &TopicPartitionList,
        before_revoke: impl FnOnce(&TopicPartitionList),
    ) {
        let listed: Vec<(String, i32)> =
            partitions.elements().iter().map(|e| (e.topic().to_string(), e.partition())).collect();
        let change = match event {
            RDKafkaRespErr::RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS => {
                let done = match self.protocol {
                    Protocol::Cooperative => consumer.incremental_assign(partitions),
                    Protocol::Eager => consumer.assign(partitions),
                };
                let mut assigned = self.assigned.lock();
                if self.protocol == Protocol::Eager {
                    assigned.clear();
                }
                assigned.extend(listed);
                done
            }
            RDKafkaRespErr::RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS => {
                before_revoke(partitions);
                let done = match self.protocol {
                    Protocol::Cooperative => consumer.incremental_unassign(partitions),
                    Protocol::Eager => consumer.unassign(),
                };
                let mut assigned = self.assigned.lock();
                match self.protocol {
                    Protocol::Cooperative => listed.iter().for_each(|p| {
                        assigned.remove(p);
                    }),
                    Protocol::Eager => assigned.clear(),
                }
                done
            }
            other => {
                // A failed rebalance: give everything up; the group assigns again.
                tracing::warn!("rebalance error {other:?}: giving up the assignment");
                self.assigned.lock().clear();
                consumer.unassign()
            }
        };
        if let Err(e) = change {
            tracing::error!("changing the assignment in a rebalance failed: {e}");
        }
    }
}

/// A consumer context for members that only read (the demo, tests
/// and benchmarks): safe rebalancing, nothing else.
#[derive(Debug)]
pub struct ReaderContext {
    membership: Membership,
}

impl ReaderContext {
    pub fn new(protocol: Protocol) -> ReaderContext {
        ReaderContext { membership: Membership::new(protocol) }
    }
}

impl ClientContext for ReaderContext {}

impl ConsumerContext for ReaderContext {
    fn rebalance(&self, consumer: &BaseConsumer<Self>, event: RDKafkaRespErr, partitions: &mut TopicPartitionList) {
        self.membership.rebalance(consumer, event, partitions, |_| {});
    }
}

/// A context whose member knows its assignment: what [`close`] waits on.
pub trait Member: ConsumerContext {
    fn membership(&self) -> &Membership;
}

impl Member for ReaderContext {
    fn membership(&self) -> &Membership {
        &self.membership
    }
}

/// A reader in group `group` of `brokers` that starts at the beginning of the partitions
/// its group has no offset for (`auto.offset.reset=earliest`); see [`reader`].
pub fn reader_from_start(brokers: &str, group: &str) -> KafkaResult<StreamConsumer<ReaderContext>> {
    reader(
        ClientConfig::new()
            .set("bootstrap.servers", brokers)
            .set("group.id", group)
            .set("auto.offset.reset", "earliest"),
    )
}

/// A reading consumer with the safe context: `config` as given, its protocol from it.
pub fn reader(config: &ClientConfig) -> KafkaResult<StreamConsumer<ReaderContext>> {
    config.create_with_context(ReaderContext::new(Protocol::of(config)))
}

/// Why a consumer did not close in time.
#[derive(Debug, thiserror::Error)]
#[error("closing the consumer did not finish within {limit:?}: still {waiting_for}")]
pub struct CloseError {
    pub limit: Duration,
    /// What the close was waiting for when the time ran out.
    pub waiting_for: String,
}

/// Leaves the group and closes the consumer, within `limit`.
///
/// Unsubscribes (which makes librdkafka revoke the assignment: the context drains and
/// commits in its revoke hook), polls until the revocation has been handled, then drops
/// the client on a blocking thread (librdkafka's close: leave the group, stop the
/// fetchers). Messages that arrive meanwhile are not processed: their offsets are not
/// stored, so the partition's next owner reads them. Past `limit` the close is
/// abandoned (the thread stays blocked; the caller should exit) and the error says
/// what it was waiting for.
pub async fn close<C: Member + 'static>(consumer: StreamConsumer<C>, limit: Duration) -> Result<(), CloseError> {
    let deadline = Instant::now() + limit;
    let late = |waiting_for: &str| CloseError { limit, waiting_for: waiting_for.to_string() };
    // Unsubscribing asks the group thread and waits for its answer: off the runtime, and
    // under the deadline like the rest.
    let unsubscribing = tokio::task::spawn_blocking(move || {
        consumer.unsubscribe();
        consumer
    });
    let consumer = match tokio::time::timeout(limit, unsubscribing).await {
        Ok(Ok(consumer)) => consumer,
        Ok(Err(e)) => return Err(late(&format!("unsubscribing (the unsubscribing thread failed: {e})"))),
        Err(_) => return Err(late("waiting for the group thread to accept the unsubscription")),
    };
    while !consumer.context().membership().assigned().is_empty() {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            let held = consumer.context().membership().assigned();
            return Err(late(&format!("waiting for the revocation of {} partition(s): {held:?}", held.len())));
        }
        // The revocation is delivered (and handled by the context) inside a poll.
        let _ = tokio::time::timeout(left.min(Duration::from_millis(50)), consumer.recv()).await;
    }
    let closing = tokio::task::spawn_blocking(move || drop(consumer));
    match tokio::time::timeout(deadline.saturating_duration_since(Instant::now()), closing).await {
        Ok(_) => Ok(()),
        Err(_) => Err(late("waiting for librdkafka to leave the group and close the client")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_protocol_follows_the_configured_assignor() {
        let cases: &[(Option<&str>, Protocol)] = &[
            (None, Protocol::Eager),
            (Some("range,roundrobin"), Protocol::Eager),
            (Some("roundrobin"), Protocol::Eager),
            (Some("cooperative-sticky"), Protocol::Cooperative),
            (Some(" Cooperative-Sticky "), Protocol::Cooperative),
        ];
        for (strategy, expected) in cases {
            assert_eq!(Protocol::configured(*strategy), *expected, "{strategy:?}");
        }
        let mut config = ClientConfig::new();
        assert_eq!(Protocol::of(&config), Protocol::Eager);
        config.set("partition.assignment.strategy", "cooperative-sticky");
        assert_eq!(Protocol::of(&config), Protocol::Cooperative);
    }
}
