//! The four-eyes rules: who may do what to a case, and what it becomes.
//!
//! Every rule is here, as one function over a case and an action, so that the stores
//! (SQLite, PostgreSQL) and the HTTP API cannot disagree about them.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::case::{Case, Decided, Decision, GoodGuyProposal, Proposal, Queue, State};

/// What a user may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Works cases: claims, proposes, approves others' releases and rejects.
    Analyst,
    /// What an analyst does, and approves blocks and works escalated cases.
    Supervisor,
    /// Reads cases and the audit log; changes nothing.
    Auditor,
    /// Runs the service; reads, and decides nothing.
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Analyst => "analyst",
            Role::Supervisor => "supervisor",
            Role::Auditor => "auditor",
            Role::Admin => "admin",
        }
    }

    /// Whether the role works cases at all.
    fn decides(self) -> bool {
        matches!(self, Role::Analyst | Role::Supervisor)
    }
}

/// Who acts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user: String,
    pub role: Role,
}

/// Something done to a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "kebab-case")]
pub enum Action {
    Claim,
    Propose {
        decision: Decision,
        reason: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        good_guy: Option<GoodGuyProposal>,
    },
    Approve {
        reason: String,
    },
    /// The second person does not agree: the case goes back to its proposer.
    SendBack {
        reason: String,
    },
    Escalate {
        reason: String,
    },
}

impl Action {
    pub fn name(&self) -> &'static str {
        match self {
            Action::Claim => "claim",
            Action::Propose { .. } => "propose",
            Action::Approve { .. } => "approve",
            Action::SendBack { .. } => "send-back",
            Action::Escalate { .. } => "escalate",
        }
    }
}

/// Why an action was refused: said to the user and written to the audit log.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Refusal(pub String);

fn refuse<T>(why: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal(why.into()))
}

/// The workflow's settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    /// A claim with no action for this long may be taken by another analyst.
    pub claim_idle: Duration,
    /// The longest an accepted false positive may hold, from its proposal.
    pub good_guy_max_days: i64,
}

impl Default for Rules {
    fn default() -> Self {
        Rules { claim_idle: Duration::minutes(30), good_guy_max_days: 366 }
    }
}

impl Rules {
    /// Applies `action` by `actor` to `case` at `now`: the case as it becomes, or why not.
    /// The case is left unchanged when the action is refused.
    pub fn apply(&self, case: &mut Case, actor: &Actor, action: &Action, now: DateTime<Utc>) -> Result<(), Refusal> {
        if case.state == State::Decided {
            return refuse(format!("case {} is decided; nobody edits a decided case", case.id));
        }
        if !actor.role.decides() {
            return refuse(format!("the {} role reads cases and changes none", actor.role.as_str()));
        }
        if case.queue == Queue::Supervisors && actor.role != Role::Supervisor {
            return refuse(format!("case {} is escalated: only a supervisor works it", case.id));
        }
        let mut next = case.clone();
        match action {
            Action::Claim => {
                match case.state {
                    State::Open => {}
                    State::Claimed if case.claimed_by.as_deref() == Some(actor.user.as_str()) => {}
                    State::Claimed if self.claim_expired(case, now) => {}
                    State::Claimed => {
                        return refuse(format!(
                            "case {} is claimed by {}",
                            case.id,
                            case.claimed_by.as_deref().unwrap_or("someone")
                        ))
                    }
                    State::Proposed => return refuse(format!("case {} has a proposal waiting for approval", case.id)),
                    State::Decided => unreachable!("refused above"),
                }
                next.state = State::Claimed;
                next.claimed_by = Some(actor.user.clone());
                next.claimed_at = Some(now);
            }
            Action::Propose { decision, reason, good_guy } => {
                if case.state != State::Claimed || case.claimed_by.as_deref() != Some(actor.user.as_str()) {
                    return refuse(format!("claim case {} before proposing a decision", case.id));
                }
                if self.claim_expired(case, now) {
                    return refuse(format!("the claim on case {} expired; claim it again", case.id));
                }
                require_reason(reason)?;
                if let Some(entry) = good_guy {
                    if *decision != Decision::Release {
                        return refuse("an accepted false positive goes only with a release");
                    }
                    self.check_good_guy(entry, now)?;
                }
                next.state = State::Proposed;
                next.claimed_at = Some(now);
                next.proposal = Some(Proposal {
                    decision: *decision,
                    reason: reason.trim().to_string(),
                    by: actor.user.clone(),
                    at: now,
                    good_guy: good_guy.clone(),
                });
            }
            Action::Approve { reason } => {
                let Some(proposal) = case.proposal.as_ref().filter(|_| case.state == State::Proposed) else {
                    return refuse(format!("case {} has no proposal to approve", case.id));
                };
                if proposal.by == actor.user {
                    return refuse("the approver is never the proposer: a second person approves");
                }
                if proposal.decision == Decision::Block && actor.role != Role::Supervisor {
                    return refuse("a block needs a supervisor's approval");
                }
                require_reason(reason)?;
                next.state = State::Decided;
                next.decided = Some(Decided {
                    decision: proposal.decision,
                    reason: proposal.reason.clone(),
                    proposed_by: proposal.by.clone(),
                    approved_by: actor.user.clone(),
                    approval_reason: reason.trim().to_string(),
                    at: now,
                    good_guy: proposal.good_guy.clone(),
                });
            }
            Action::SendBack { reason } => {
                let Some(proposal) = case.proposal.as_ref().filter(|_| case.state == State::Proposed) else {
                    return refuse(format!("case {} has no proposal to send back", case.id));
                };
                if proposal.by == actor.user {
                    return refuse("a proposal is sent back by a second person, not its proposer");
                }
                require_reason(reason)?;
                // Back to the proposer, who claimed it.
                next.state = State::Claimed;
                next.claimed_by = Some(proposal.by.clone());
                next.claimed_at = Some(now);
                next.proposal = None;
            }
            Action::Escalate { reason } => {
                if case.queue == Queue::Supervisors {
                    return refuse(format!("case {} is already with the supervisors", case.id));
                }
                require_reason(reason)?;
                next.queue = Queue::Supervisors;
                next.state = State::Open;
                next.claimed_by = None;
                next.claimed_at = None;
                next.proposal = None;
            }
        }
        next.version += 1;
        *case = next;
        Ok(())
    }

    /// Escalates and flags a case past its due time. Never decides it: a held payment
    /// is released by two people, not by a timer. Returns whether the case changed.
    pub fn mark_overdue(&self, case: &mut Case, now: DateTime<Utc>) -> bool {
        if case.state == State::Decided || case.overdue || now < case.due_at {
            return false;
        }
        case.overdue = true;
        case.queue = Queue::Supervisors;
        if case.state == State::Claimed {
            // An analyst's claim does not hold a supervisors' case.
            case.state = State::Open;
            case.claimed_by = None;
            case.claimed_at = None;
        }
        case.version += 1;
        true
    }

    fn claim_expired(&self, case: &Case, now: DateTime<Utc>) -> bool {
        case.claimed_at.is_none_or(|at| now - at > self.claim_idle)
    }

    fn check_good_guy(&self, entry: &GoodGuyProposal, now: DateTime<Utc>) -> Result<(), Refusal> {
        if entry.entity_id.trim().is_empty() || entry.party_name.trim().is_empty() {
            return refuse("an accepted false positive names the listed entity and the party");
        }
        let Ok(expires) = NaiveDate::parse_from_str(&entry.expires, "%Y-%m-%d") else {
            return refuse(format!("expiry {:?} is not a date YYYY-MM-DD", entry.expires));
        };
        let today = now.date_naive();
        if expires < today {
            return refuse(format!("expiry {} is in the past", entry.expires));
        }
        if (expires - today).num_days() > self.good_guy_max_days {
            return refuse(format!("expiry {} is more than a year away", entry.expires));
        }
        Ok(())
    }
}

fn require_reason(reason: &str) -> Result<(), Refusal> {
    if reason.trim().is_empty() {
        return refuse("a reason is required");
    }
    Ok(())
}
