//! A case: one held message, what the analysts said about it, and where it stands.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use interdict_model::record::{InputRef, ReviewRecord};

/// A case's id: derived from where the held payment was read (input topic, partition,
/// offset and the message's place in the record), so a replayed review record, or a
/// payment screened twice after a restart, lands on the same case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CaseId(pub String);

impl CaseId {
    /// The id of the case for message `message_index` of the input record at `input`.
    ///
    /// ```
    /// use interdict_model::record::InputRef;
    /// use interdict_review::CaseId;
    ///
    /// let input = InputRef { topic: "payments.in".into(), partition: 3, offset: 1042 };
    /// assert_eq!(CaseId::of(&input, 0), CaseId::of(&input, 0));
    /// assert_ne!(CaseId::of(&input, 0), CaseId::of(&input, 1));
    /// assert!(CaseId::of(&input, 0).as_str().starts_with("case-"));
    /// ```
    pub fn of(input: &InputRef, message_index: u32) -> CaseId {
        use sha2::Digest;
        // Lengths first, so no two coordinates write the same bytes.
        let mut hash = sha2::Sha256::new();
        hash.update((input.topic.len() as u64).to_be_bytes());
        hash.update(input.topic.as_bytes());
        hash.update(input.partition.to_be_bytes());
        hash.update(input.offset.to_be_bytes());
        hash.update(message_index.to_be_bytes());
        let digest = hash.finalize();
        CaseId(format!("case-{}", digest[..10].iter().map(|b| format!("{b:02x}")).collect::<String>()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for CaseId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What is finally done with a held payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    /// A false positive: the payment goes on.
    Release,
    /// Returned to the sender.
    Reject,
    /// The funds are frozen and reported to the regulator.
    Block,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Release => "release",
            Decision::Reject => "reject",
            Decision::Block => "block",
        }
    }
}

/// Where a case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Waiting for an analyst.
    Open,
    /// One analyst works it.
    Claimed,
    /// A decision is proposed and waits for a second person.
    Proposed,
    /// Decided by two people; nobody edits it any more.
    Decided,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Open => "open",
            State::Claimed => "claimed",
            State::Proposed => "proposed",
            State::Decided => "decided",
        }
    }

    pub fn parse(text: &str) -> Option<State> {
        [State::Open, State::Claimed, State::Proposed, State::Decided].into_iter().find(|s| s.as_str() == text)
    }
}

/// Whose queue a case is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Queue {
    Analysts,
    /// Escalated: only supervisors work and decide it.
    Supervisors,
}

impl Queue {
    pub fn as_str(self) -> &'static str {
        match self {
            Queue::Analysts => "analysts",
            Queue::Supervisors => "supervisors",
        }
    }

    pub fn parse(text: &str) -> Option<Queue> {
        [Queue::Analysts, Queue::Supervisors].into_iter().find(|q| q.as_str() == text)
    }
}

/// An accepted false positive proposed with a release: this party is not that listed
/// entity. Approved with the decision, it joins the good-guy list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoodGuyProposal {
    /// The listed entity the party is not (`ofac-sdn:12345`).
    pub entity_id: String,
    /// The party's name as the payment carries it.
    pub party_name: String,
    /// The party's account, when the entry should hold only for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// The last day the entry holds, `YYYY-MM-DD`: at most a year after the proposal.
    pub expires: String,
}

/// A decision waiting for its second person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub decision: Decision,
    pub reason: String,
    pub by: String,
    pub at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub good_guy: Option<GoodGuyProposal>,
}

/// The final word on a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decided {
    pub decision: Decision,
    /// The proposer's reason.
    pub reason: String,
    pub proposed_by: String,
    pub approved_by: String,
    pub approval_reason: String,
    pub at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub good_guy: Option<GoodGuyProposal>,
}

/// One held message under review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Case {
    pub id: CaseId,
    pub state: State,
    pub queue: Queue,
    /// Who holds the claim and since when their last action (claims expire when idle).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimed_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimed_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposal: Option<Proposal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided: Option<Decided>,
    pub created_at: DateTime<Utc>,
    /// When a decision is due; past it the case is escalated and flagged, never released.
    pub due_at: DateTime<Utc>,
    /// The case went past its due time undecided.
    pub overdue: bool,
    /// Bumped by every change, so a change made on a stale read is refused.
    pub version: u64,
    /// The held message as the screening service sent it.
    pub record: ReviewRecord,
}

impl Case {
    /// A new, open case for `record`, due at `due_at`.
    pub fn open(record: ReviewRecord, now: DateTime<Utc>, due_at: DateTime<Utc>) -> Case {
        Case {
            id: CaseId::of(&record.message.input, record.message.message_index),
            state: State::Open,
            queue: Queue::Analysts,
            claimed_by: None,
            claimed_at: None,
            proposal: None,
            decided: None,
            created_at: now,
            due_at,
            overdue: false,
            version: 0,
            record,
        }
    }
}
