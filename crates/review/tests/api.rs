//! The JSON API over a real store: users are required, the four-eyes rules hold over
//! HTTP, refusals are audited with the caller's address, and the audit log verifies.

mod common;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{header, Request, StatusCode};
use chrono::Utc;
use http_body_util::BodyExt;
use interdict_review::api::{router, ApiState};
use interdict_review::users::new_token;
use interdict_review::{CaseStore, DuePolicy, Rules, SqliteStore, Users};
use serde_json::{json, Value};
use tower::ServiceExt;

struct Desk {
    app: axum::Router,
    tokens: std::collections::HashMap<&'static str, String>,
    store: Arc<SqliteStore>,
    _dir: tempfile::TempDir,
}

fn desk() -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(SqliteStore::open(&dir.path().join("review.db")).unwrap());
    let mut tokens = std::collections::HashMap::new();
    let mut toml = String::new();
    for (name, role) in [("ana", "analyst"), ("ben", "analyst"), ("sue", "supervisor"), ("aud", "auditor")] {
        let (token, hash) = new_token();
        toml.push_str(&format!("[[users]]\nname = \"{name}\"\nrole = \"{role}\"\ntoken_sha256 = [\"{hash}\"]\n"));
        tokens.insert(name, token);
    }
    let state = ApiState {
        store: store.clone(),
        users: Users::from_toml(&toml).unwrap(),
        rules: Rules::default(),
        index: None,
    };
    let app = router(Arc::new(state)).layer(MockConnectInfo(SocketAddr::from(([10, 0, 0, 7], 5555))));
    Desk { app, tokens, store, _dir: dir }
}

impl Desk {
    async fn call(&self, user: Option<&str>, method: &str, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let mut request = Request::builder().method(method).uri(path);
        if let Some(user) = user {
            request = request.header(header::AUTHORIZATION, format!("Bearer {}", self.tokens[user]));
        }
        let request = match body {
            Some(b) => request.header(header::CONTENT_TYPE, "application/json").body(Body::from(b.to_string())),
            None => request.body(Body::empty()),
        }
        .unwrap();
        let response = tokio::time::timeout(std::time::Duration::from_secs(30), self.app.clone().oneshot(request))
            .await
            .expect("the API answers within 30 s")
            .unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let value = serde_json::from_slice(&bytes).unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into()));
        (status, value)
    }
}

#[tokio::test]
async fn a_case_is_decided_by_two_people_over_http() {
    let desk = desk();
    let id = desk.store.ingest(common::held_record(11), &DuePolicy::default(), Utc::now()).unwrap().case_id;
    let case = format!("/api/cases/{id}");

    let (status, listed) = desk.call(Some("ana"), "GET", "/api/cases?status=open", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(listed[0]["id"], id.as_str());

    assert_eq!(desk.call(Some("ana"), "POST", &format!("{case}/claim"), None).await.0, StatusCode::OK);
    let (status, body) = desk.call(Some("ben"), "POST", &format!("{case}/claim"), None).await;
    assert_eq!((status, body["error"].as_str().unwrap().contains("claimed by ana")), (StatusCode::CONFLICT, true));
    let propose = json!({"decision": "block", "reason": "listed person: name, birth date and country agree"});
    assert_eq!(desk.call(Some("ana"), "POST", &format!("{case}/propose"), Some(propose)).await.0, StatusCode::OK);
    let approve = json!({"reason": "agreed"});
    let (status, _) = desk.call(Some("ana"), "POST", &format!("{case}/approve"), Some(approve.clone())).await;
    assert_eq!(status, StatusCode::CONFLICT, "the proposer does not approve");
    let (status, body) = desk.call(Some("ben"), "POST", &format!("{case}/approve"), Some(approve.clone())).await;
    assert_eq!(status, StatusCode::CONFLICT, "a block needs a supervisor: {body}");
    let (status, _) = desk.call(Some("aud"), "POST", &format!("{case}/approve"), Some(approve.clone())).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "an auditor decides nothing");
    let (status, decided) = desk.call(Some("sue"), "POST", &format!("{case}/approve"), Some(approve)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!((decided["state"].as_str(), decided["decided"]["approved_by"].as_str()), (Some("decided"), Some("sue")));

    let (status, view) = desk.call(Some("aud"), "GET", &case, None).await;
    assert_eq!((status, view["state"].as_str()), (StatusCode::OK, Some("decided")));
    assert_eq!(desk.store.pending_outcomes(10).unwrap().len(), 1);

    let (status, audit) = desk.call(Some("aud"), "GET", "/api/audit", None).await;
    assert_eq!(status, StatusCode::OK);
    let refused: Vec<(&str, &str)> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["accepted"] == false)
        .map(|e| (e["actor"].as_str().unwrap(), e["action"].as_str().unwrap()))
        .collect();
    assert_eq!(refused, [("ben", "claim"), ("ana", "approve"), ("ben", "approve"), ("aud", "approve")]);
    assert!(audit.as_array().unwrap().iter().skip(1).all(|e| e["from"] == "10.0.0.7:5555"), "{audit}");
    // The blocked-transaction report, for the case and for the day.
    let (status, rows) = desk.call(Some("aud"), "GET", &format!("{case}/blocked-report"), None).await;
    assert_eq!(status, StatusCode::OK, "{rows}");
    assert_eq!(
        (rows[0]["list_entries"].as_str(), rows[0]["originator"].as_str()),
        (Some("ofac-sdn:43598"), Some("CHOI CHOL-MIN")),
        "{rows}"
    );
    assert_eq!((rows[0]["proposed_by"].as_str(), rows[0]["approved_by"].as_str()), (Some("ana"), Some("sue")));
    let today = Utc::now().date_naive();
    let range = format!("from={today}&to={}", today.succ_opt().unwrap());
    let (status, csv) = desk.call(Some("sue"), "GET", &format!("/api/reports/blocked?{range}&format=csv"), None).await;
    assert_eq!(status, StatusCode::OK);
    let csv = csv.as_str().expect("CSV text").to_string();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 2, "a header and one blocked transaction:\n{csv}");
    assert!(lines[0].starts_with("case_id,blocked_at,message_id") && lines[1].contains(id.as_str()), "{csv}");
    let (status, _) = desk.call(Some("ana"), "GET", &format!("/api/reports/blocked?{range}"), None).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "reports are for supervisors, auditors and admins");
    let (status, _) = desk.call(Some("sue"), "GET", "/api/reports/blocked?from=yesterday&to=today", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    let (status, metrics) = desk.call(None, "GET", "/metrics", None).await;
    assert_eq!(status, StatusCode::OK);
    let metrics = metrics.as_str().expect("Prometheus text").to_string();
    for line in [
        "interdict_review_cases{state=\"decided\"} 1",
        "interdict_review_cases{state=\"open\"} 0",
        "interdict_review_decisions_total{decision=\"block\"} 1",
        "interdict_review_decision_seconds_count 1",
        "interdict_review_outcomes_pending 1",
    ] {
        assert!(metrics.lines().any(|l| l == line), "{line} missing from\n{metrics}");
    }
    let (status, verified) = desk.call(Some("aud"), "GET", "/api/audit/verify", None).await;
    assert_eq!((status, verified["broken"].is_null()), (StatusCode::OK, true), "{verified}");
}

#[tokio::test]
async fn every_route_but_health_needs_a_user_and_refusals_are_audited() {
    let desk = desk();
    for path in ["/api/cases", "/api/cases/case-00000000000000000000", "/api/audit", "/api/audit/verify"] {
        let (status, _) = desk.call(None, "GET", path, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
    }
    let (status, _) = desk.call(None, "POST", "/api/cases/case-00000000000000000000/claim", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    for path in ["/healthz", "/readyz", "/metrics", "/openapi.json"] {
        assert_eq!(desk.call(None, "GET", path, None).await.0, StatusCode::OK, "{path}");
    }
    let logins = desk.store.audit(0, 100).unwrap();
    assert_eq!(logins.len(), 5);
    assert!(logins.iter().all(|e| e.action == "login" && !e.accepted && e.from.as_deref() == Some("10.0.0.7:5555")));
    // An analyst does not read the audit log; the refusal is itself audited.
    assert_eq!(desk.call(Some("ana"), "GET", "/api/audit", None).await.0, StatusCode::FORBIDDEN);
    assert_eq!(desk.store.audit(5, 10).unwrap()[0].actor, "ana");
}

#[tokio::test]
async fn bad_requests_say_what_is_wrong() {
    let desk = desk();
    let id = desk.store.ingest(common::held_record(12), &DuePolicy::default(), Utc::now()).unwrap().case_id;
    let cases = [
        ("GET", "/api/cases?status=pending".to_string(), None, StatusCode::BAD_REQUEST, "status"),
        ("GET", "/api/cases/case-ffffffffffffffffffff".to_string(), None, StatusCode::NOT_FOUND, "no case"),
        ("POST", format!("/api/cases/{id}/release"), None, StatusCode::NOT_FOUND, "no action"),
        ("POST", format!("/api/cases/{id}/propose"), Some(json!({"reason": "x"})), StatusCode::BAD_REQUEST, "decision"),
    ];
    for (method, path, body, expected, says) in cases {
        let (status, body) = desk.call(Some("ana"), method, &path, body).await;
        assert_eq!(status, expected, "{method} {path}: {body}");
        assert!(body["error"].as_str().unwrap_or("").contains(says), "{method} {path}: {body}");
    }
    let openapi: Value = serde_json::from_str(interdict_review::api::OPENAPI).expect("the OpenAPI document is JSON");
    for path in [
        "/api/cases",
        "/api/cases/{id}",
        "/api/cases/{id}/claim",
        "/api/cases/{id}/propose",
        "/api/cases/{id}/approve",
        "/api/cases/{id}/send-back",
        "/api/cases/{id}/escalate",
        "/api/audit",
        "/api/audit/verify",
        "/api/reports/blocked",
        "/api/cases/{id}/blocked-report",
        "/metrics",
    ] {
        assert!(openapi["paths"].get(path).is_some(), "the OpenAPI document describes {path}");
    }
}

#[test]
fn the_compose_example_users_file_reads() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/review/users.toml");
    let users = Users::from_toml(&std::fs::read_to_string(&path).unwrap()).expect("deploy/review/users.toml reads");
    assert_eq!(users.users().len(), 4);
    assert!(users.by_password("sue", "change-me").is_some(), "the documented example password");
}
