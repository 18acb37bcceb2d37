//! Review store figures: cases ingested per second into SQLite (in batches, as the
//! service's consumer stores them, and one by one), and the latency of
//! `GET /api/cases` through the API with 100,000 cases stored.
//!
//! Run: `cargo bench -p interdict-review --bench review` (`-- --quick` for a smoke run
//! that measures nothing worth quoting).

#[path = "../tests/common/mod.rs"]
mod common;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{header, Request, StatusCode};
use chrono::Utc;
use http_body_util::BodyExt;
use interdict_review::api::{router, ApiState};
use interdict_review::users::new_token;
use interdict_review::{CaseStore, DuePolicy, Rules, SqliteStore, Users};
use tower::ServiceExt;

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let (stored, batch, single, lists) = if quick { (2_000, 500, 50, 20) } else { (100_000, 500, 1_000, 1_000) };
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(SqliteStore::open(&dir.path().join("review.db")).unwrap());
    let template = common::held_record(0);
    let due = DuePolicy::default();
    let record = |offset: i64| {
        let mut r = template.clone();
        r.message.input.offset = offset;
        r
    };

    // Batches, as the consumer stores what one poll brings.
    let started = Instant::now();
    let mut offset = 0;
    while offset < stored {
        let records: Vec<_> = (offset..(offset + batch).min(stored)).map(record).collect();
        store.ingest_batch(records, &due, Utc::now()).unwrap();
        offset += batch;
    }
    let batched = stored as f64 / started.elapsed().as_secs_f64();

    // One record per transaction: the rate when records trickle in.
    let started = Instant::now();
    for i in 0..single {
        store.ingest(record(stored + i), &due, Utc::now()).unwrap();
    }
    let one_by_one = single as f64 / started.elapsed().as_secs_f64();

    let (token, hash) = new_token();
    let users =
        Users::from_toml(&format!("[[users]]\nname = \"ana\"\nrole = \"analyst\"\ntoken_sha256 = [\"{hash}\"]\n"))
            .unwrap();
    let state = ApiState { store: store.clone(), users, rules: Rules::default(), index: None };
    let app = router(Arc::new(state)).layer(MockConnectInfo(SocketAddr::from(([127, 0, 0, 1], 1))));
    let ids: Vec<String> = store.list(None, 1000, None).unwrap().into_iter().map(|c| c.id.0).collect();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let mut latencies: Vec<f64> = runtime.block_on(async {
        let mut out = Vec::with_capacity(lists);
        for i in 0..lists {
            // The first page, and pages further on, of the open queue.
            let uri = if i % 2 == 0 {
                "/api/cases?status=open&limit=100".to_string()
            } else {
                format!("/api/cases?status=open&limit=100&after={}", ids[(i * 7) % ids.len()])
            };
            let request =
                Request::get(uri).header(header::AUTHORIZATION, format!("Bearer {token}")).body(Body::empty()).unwrap();
            let t = Instant::now();
            let response = app.clone().oneshot(request).await.unwrap();
            assert_eq!(response.status(), StatusCode::OK);
            let body = response.into_body().collect().await.unwrap().to_bytes();
            out.push(t.elapsed().as_secs_f64() * 1e3);
            assert!(body.len() > 2, "a page of cases");
        }
        out
    });
    latencies.sort_by(f64::total_cmp);
    let percentile = |p: f64| latencies[((latencies.len() - 1) as f64 * p).round() as usize];
    // The same batches into PostgreSQL (a throwaway local cluster, fsync on), when installed.
    let postgres_ingest = common::postgres::TempPostgres::start_durable().map(|pg| {
        let store = interdict_review::PgStore::connect(&pg.url).unwrap();
        let started = Instant::now();
        let mut offset = 0;
        let total = stored.min(20_000);
        while offset < total {
            let records: Vec<_> = (offset..(offset + batch).min(total)).map(record).collect();
            store.ingest_batch(records, &due, Utc::now()).unwrap();
            offset += batch;
        }
        (total, total as f64 / started.elapsed().as_secs_f64())
    });
    println!(
        "review store benchmark (SQLite, synchronous=FULL){}",
        if quick { " [quick mode: not a measurement]" } else { "" }
    );
    println!("  ingest, batches of {batch}: {batched:.0} cases/s ({stored} cases)");
    println!("  ingest, one per transaction: {one_by_one:.0} cases/s ({single} cases)");
    match postgres_ingest {
        Some((n, rate)) => {
            println!("  PostgreSQL (local, fsync on), batches of {batch}: {rate:.0} cases/s ({n} cases)")
        }
        None => println!("  PostgreSQL: not installed, not measured"),
    }
    println!(
        "  GET /api/cases?status=open&limit=100 with {} cases stored, {lists} calls: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        stored + single,
        percentile(0.5),
        percentile(0.99),
        latencies.last().unwrap()
    );
}
