//! The review half of `interdict demo`: held payments become cases on an in-process
//! Kafka and a temporary SQLite store, one demo analyst proposes `block`, a demo
//! supervisor approves, and the outcome and the pacs.002 come back on their topics.

use std::time::{Duration, Instant};

use chrono::Utc;
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::message::Message;
use rdkafka::mocking::MockCluster;
use rdkafka::producer::{FutureProducer, FutureRecord};

use interdict_model::record::ReviewRecord;
use interdict_stream::consumer::{self, ReaderContext};

use crate::config::ReviewConfig;
use crate::service::{start, ServiceError};
use crate::workflow::{Action, Actor, Role, Rules};
use crate::{CaseId, Decision, OutcomeRecord};

/// What the review half of the demo saw.
#[derive(Debug, Clone)]
pub struct DemoReview {
    pub case_id: CaseId,
    pub outcome: OutcomeRecord,
    /// The pacs.002, for an ISO 20022 payment.
    pub status_report: Option<String>,
    /// Cases opened (one per held payment).
    pub cases: usize,
}

/// Runs the review service on an in-process Kafka with `held` on its review topic and a
/// new SQLite store in `work` (created if needed; an earlier demo's store is removed); the
/// case of the first ISO 20022 held payment (else the first) is decided `block` by `ana`
/// (analyst) and `sue` (supervisor).
pub async fn decide_first_hold(held: &[ReviewRecord], work: &std::path::Path) -> Result<DemoReview, ServiceError> {
    let fail = |what: &str| ServiceError::Stop(format!("demo: {what}"));
    // A fresh store each run: the demo decides its first case every time.
    std::fs::create_dir_all(work).map_err(|e| fail(&format!("creating {}: {e}", work.display())))?;
    for file in ["review.db", "review.db-wal", "review.db-shm"] {
        let _ = std::fs::remove_file(work.join(file));
    }
    let cluster = MockCluster::new(1)?;
    for topic in ["payments.review", "payments.outcomes", "payments.status", "payments.review.dlq"] {
        cluster.create_topic(topic, 1, 1)?;
    }
    let brokers = cluster.bootstrap_servers();
    let producer: FutureProducer = ClientConfig::new().set("bootstrap.servers", &brokers).create()?;
    for record in held {
        let payload = serde_json::to_vec(record).expect("a review record serializes");
        let mut out = FutureRecord::to("payments.review").payload(&payload);
        if let Some(key) = &record.message.key {
            out = out.key(key.as_bytes());
        }
        producer.send(out, Duration::from_secs(5)).await.map_err(|(e, _)| e)?;
    }
    // The demo's users hold API tokens only; nobody logs in.
    let (_, token_hash) = crate::users::new_token();
    let users = work.join("users.toml");
    std::fs::write(
        &users,
        format!("[[users]]\nname = \"ana\"\nrole = \"analyst\"\ntoken_sha256 = [\"{token_hash}\"]\n[[users]]\nname = \"sue\"\nrole = \"supervisor\"\ntoken_sha256 = [\"{token_hash}\"]\n"),
    )
    .map_err(|e| fail(&format!("writing {}: {e}", users.display())))?;
    let config = ReviewConfig {
        brokers: brokers.clone(),
        review_topic: "payments.review".into(),
        outcomes_topic: "payments.outcomes".into(),
        status_topic: "payments.status".into(),
        dead_letter_topic: "payments.review.dlq".into(),
        group: "interdict-demo-review".into(),
        db: format!("sqlite:{}", work.join("review.db").display()),
        users,
        listen: "127.0.0.1:0".into(),
        ..ReviewConfig::default()
    };
    let service = start(config).await?;
    let store = service.store.clone();
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut cases = Vec::new();
    while cases.len() < held.len() && Instant::now() < deadline {
        cases = store.list(None, 100, None)?;
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // The ISO 20022 hold if there is one: its decision also goes out as a pacs.002.
    let iso = |r: &&ReviewRecord| crate::pacs002::is_iso20022(r.payment.format);
    let first_held = held.iter().find(iso).or(held.first()).ok_or_else(|| fail("no held payment to review"))?;
    let first = CaseId::of(&first_held.message.input, first_held.message.message_index);
    if !cases.iter().any(|c| c.id == first) {
        return Err(fail("the first held payment's case was not opened within 30 s"));
    }
    let rules = Rules::default();
    let ana = Actor { user: "ana".into(), role: Role::Analyst };
    let sue = Actor { user: "sue".into(), role: Role::Supervisor };
    let now = Utc::now();
    store.act(&first, &ana, &Action::Claim, &rules, now, None)?;
    let propose = Action::Propose {
        decision: Decision::Block,
        reason: "the debtor is the listed person: name, birth year and country agree".into(),
        good_guy: None,
    };
    store.act(&first, &ana, &propose, &rules, now, None)?;
    store.act(&first, &sue, &Action::Approve { reason: "agreed: block and report".into() }, &rules, now, None)?;

    let reader: StreamConsumer<ReaderContext> = consumer::reader(
        ClientConfig::new()
            .set("bootstrap.servers", &brokers)
            .set("group.id", "interdict-demo-outcomes")
            .set("auto.offset.reset", "earliest"),
    )?;
    reader.subscribe(&["payments.outcomes", "payments.status"])?;
    let iso = crate::pacs002::is_iso20022(first_held.payment.format);
    let (mut outcome, mut status_report) = (None, None);
    let deadline = Instant::now() + Duration::from_secs(30);
    while (outcome.is_none() || (iso && status_report.is_none())) && Instant::now() < deadline {
        let Ok(Ok(m)) = tokio::time::timeout(Duration::from_secs(1), reader.recv()).await else { continue };
        let payload = m.payload().unwrap_or(&[]);
        if m.topic() == "payments.outcomes" {
            outcome = serde_json::from_slice::<OutcomeRecord>(payload).ok();
        } else {
            status_report = Some(String::from_utf8_lossy(payload).into_owned());
        }
    }
    let _ = consumer::close(reader, Duration::from_secs(20)).await;
    let counted = store.list(None, 1000, None)?.len();
    service.stop_and_wait(Duration::from_secs(30)).await?;
    drop(producer);
    drop(cluster);
    let outcome = outcome.ok_or_else(|| fail("no outcome within 30 s"))?;
    Ok(DemoReview { case_id: first, outcome, status_report, cases: counted })
}
