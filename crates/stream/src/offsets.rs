//! Which input offsets may be stored (committed) for a consumer group.
//!
//! Messages of a partition are screened in parallel, so their outputs are acknowledged
//! out of order. An offset may be stored only when the outputs of that message **and of
//! every message before it on its partition** are acknowledged: storing offset `n + 1`
//! tells Kafka that everything up to `n` is done. [`OffsetTracker`] keeps, per
//! partition, the offsets in flight and answers with the offset that is safe to store
//! after each acknowledgement. A failed output never completes, so nothing moves past
//! it (the opposite of skipping a failed message).
//!
//! ```
//! use interdict_stream::OffsetTracker;
//!
//! let mut t = OffsetTracker::default();
//! for offset in [10, 11, 12] {
//!     t.begin("payments", 0, offset);
//! }
//! assert_eq!(t.complete("payments", 0, 11), None); // 10 still in flight
//! assert_eq!(t.complete("payments", 0, 10), Some(12)); // 10 and 11 done: store 12
//! assert_eq!(t.complete("payments", 0, 12), Some(13));
//! ```

use std::collections::{BTreeSet, HashMap};

#[derive(Debug, Default, Clone)]
struct PartitionState {
    /// Offsets handed out and not yet acknowledged.
    in_flight: BTreeSet<i64>,
    /// The highest offset acknowledged so far, in flight order or not.
    highest_done: Option<i64>,
    /// The last offset reported as safe to store (the next offset to read).
    stored: Option<i64>,
    /// The first offset handed out: storing it would record no progress.
    first: Option<i64>,
}

/// Per-partition bookkeeping of messages in flight.
#[derive(Debug, Default, Clone)]
pub struct OffsetTracker {
    partitions: HashMap<(String, i32), PartitionState>,
}

impl OffsetTracker {
    /// A message was read and handed to screening.
    pub fn begin(&mut self, topic: &str, partition: i32, offset: i64) {
        let state = self.partitions.entry((topic.to_string(), partition)).or_default();
        state.in_flight.insert(offset);
        state.first = Some(state.first.map_or(offset, |f| f.min(offset)));
    }

    /// The outputs of a message are acknowledged. Returns the offset that is now safe to
    /// store (one past the highest offset with nothing in flight before it), if it moved.
    pub fn complete(&mut self, topic: &str, partition: i32, offset: i64) -> Option<i64> {
        let state = self.partitions.get_mut(&(topic.to_string(), partition))?;
        if !state.in_flight.remove(&offset) {
            return None;
        }
        state.highest_done = Some(state.highest_done.map_or(offset, |h| h.max(offset)));
        // Everything below the oldest message in flight is done; with none in flight,
        // everything up to the highest done is.
        let safe = match state.in_flight.first() {
            Some(&oldest) => oldest,
            None => state.highest_done? + 1,
        };
        if state.first.is_some_and(|f| safe <= f) || state.stored.is_some_and(|s| s >= safe) {
            return None;
        }
        state.stored = Some(safe);
        Some(safe)
    }

    /// Messages of a partition still in flight.
    pub fn in_flight(&self, topic: &str, partition: i32) -> usize {
        self.partitions.get(&(topic.to_string(), partition)).map_or(0, |s| s.in_flight.len())
    }

    /// Messages in flight over all partitions.
    pub fn total_in_flight(&self) -> usize {
        self.partitions.values().map(|s| s.in_flight.len()).sum()
    }

    /// Forgets a partition (revoked in a rebalance, after its work drained).
    pub fn forget(&mut self, topic: &str, partition: i32) {
        self.partitions.remove(&(topic.to_string(), partition));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_only_past_a_contiguous_done_prefix() {
        // (action, offset, expected store)
        let steps: &[(&str, i64, Option<i64>)] = &[
            ("begin", 5, None),
            ("begin", 6, None),
            ("begin", 7, None),
            ("begin", 8, None),
            ("done", 7, None),    // 5 and 6 still in flight
            ("done", 6, None),    // 5 still in flight
            ("done", 5, Some(8)), // 5, 6, 7 done; 8 in flight
            ("done", 8, Some(9)),
            ("done", 8, None), // twice: ignored
            ("begin", 9, None),
            ("done", 9, Some(10)),
        ];
        let mut t = OffsetTracker::default();
        for (action, offset, expected) in steps {
            match *action {
                "begin" => t.begin("p", 0, *offset),
                _ => assert_eq!(t.complete("p", 0, *offset), *expected, "done {offset}"),
            }
        }
        assert_eq!(t.total_in_flight(), 0);
    }

    #[test]
    fn a_failed_message_holds_its_partition_only() {
        let mut t = OffsetTracker::default();
        for o in 0..3 {
            t.begin("p", 0, o);
            t.begin("p", 1, o);
        }
        // Offset 0 of partition 0 never completes (its output failed).
        assert_eq!(t.complete("p", 0, 1), None);
        assert_eq!(t.complete("p", 0, 2), None);
        assert_eq!(t.in_flight("p", 0), 1);
        // Partition 1 moves on.
        assert_eq!(t.complete("p", 1, 0), Some(1));
        assert_eq!(t.complete("p", 1, 1), Some(2));
        assert_eq!(t.complete("p", 1, 2), Some(3));
        t.forget("p", 1);
        assert_eq!(t.in_flight("p", 1), 0);
        // Unknown partitions and offsets are ignored.
        assert_eq!(t.complete("q", 0, 0), None);
        assert_eq!(t.complete("p", 0, 99), None);
    }
}
