//! The review service's JSON API: what the analysts' pages and a bank's own systems use.
//!
//! Every route but `/healthz`, `/readyz`, `/metrics` and `/openapi.json` needs a user:
//! `Authorization: Bearer TOKEN` (an API token of `users.toml`) or `Authorization: Basic`
//! (name and password). A request without a valid user gets 401 and is audited as a
//! refused login, with the address it came from.
//!
//! - `GET /api/cases?status=open&limit=100&after=ID`: the queue, oldest first.
//! - `GET /api/cases/{id}`: the case, with the listed entities of its hits read from the
//!   index (names, aliases, programs, birth dates, nationalities, addresses, ids).
//! - `POST /api/cases/{id}/claim`, `/propose` `{"decision", "reason", "good_guy"?}`,
//!   `/approve` `{"reason"}`, `/send-back` `{"reason"}`, `/escalate` `{"reason"}`: the
//!   four-eyes actions; a refusal is 409 with the reason (403 for a role that decides
//!   nothing), and is audited.
//! - `GET /api/audit?after=SEQ&limit=N` and `GET /api/audit/verify`: auditors,
//!   supervisors and admins.
//! - `GET /api/reports/blocked?from=YYYY-MM-DD&to=YYYY-MM-DD&format=json|csv` and
//!   `GET /api/cases/{id}/blocked-report`: draft reports of blocked transactions
//!   (supervisors, auditors, admins).
//!
//! The document is `docs/openapi/review.json`, served at `/openapi.json`.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use chrono::Utc;
use serde::{Deserialize, Serialize};

use interdict_index::Index;
use interdict_model::Entity;

use crate::audit::AuditEvent;
use crate::case::{Case, CaseId, Decision, GoodGuyProposal, State as CaseState};
use crate::users::Users;
use crate::workflow::{Action, Actor, Role, Rules};
use crate::{CaseStore, Error};

/// The OpenAPI document of this API.
pub const OPENAPI: &str = include_str!("../../../docs/openapi/review.json");

/// What the handlers share.
pub struct ApiState {
    pub store: Arc<dyn CaseStore>,
    pub users: Users,
    pub rules: Rules,
    /// The index the entities of hits are read from, when one is configured.
    pub index: Option<Arc<Index>>,
}

/// The routes. Serve with `into_make_service_with_connect_info::<SocketAddr>()`, so
/// that refused requests are audited with their address.
pub fn router(state: Arc<ApiState>) -> Router {
    Router::new()
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .route("/openapi.json", get(|| async { ([(header::CONTENT_TYPE, "application/json")], OPENAPI) }))
        .route("/api/cases", get(list_cases))
        .route("/api/cases/{id}", get(get_case))
        .route("/api/cases/{id}/{action}", post(act))
        .route("/api/cases/{id}/blocked-report", get(case_blocked_report))
        .route("/api/reports/blocked", get(blocked_report))
        .route("/api/audit", get(audit))
        .route("/api/audit/verify", get(verify))
        .with_state(state)
}

/// A JSON error body: `{"error": "..."}`.
fn error(status: StatusCode, message: impl Into<String>) -> Response {
    #[derive(Serialize)]
    struct Body {
        error: String,
    }
    (status, Json(Body { error: message.into() })).into_response()
}

fn store_error(e: Error) -> Response {
    match e {
        Error::NotFound(id) => error(StatusCode::NOT_FOUND, format!("no case {id}")),
        Error::Refused(r) => error(StatusCode::CONFLICT, r.0),
        Error::Conflict(id) => error(StatusCode::CONFLICT, format!("case {id} changed meanwhile; read it again")),
        other => error(StatusCode::INTERNAL_SERVER_ERROR, other.to_string()),
    }
}

/// Runs a store call off the async threads (SQLite calls block).
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> Result<T, Error> + Send + 'static) -> Result<T, Response> {
    match tokio::task::spawn_blocking(work).await {
        Ok(result) => result.map_err(store_error),
        Err(e) => Err(error(StatusCode::INTERNAL_SERVER_ERROR, format!("store call failed: {e}"))),
    }
}

/// The user a request comes from, or the 401 answer (audited).
async fn authenticate(
    state: &Arc<ApiState>,
    headers: &HeaderMap,
    from: SocketAddr,
    what: &str,
) -> Result<Actor, Response> {
    let presented = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).unwrap_or("");
    let users = state.users.clone();
    let presented = presented.to_string();
    // Password checks are deliberately slow (argon2id): off the async threads.
    let found = tokio::task::spawn_blocking(move || identify(&users, &presented)).await.ok().flatten();
    match found {
        Some(actor) => Ok(actor),
        None => {
            let store = state.store.clone();
            let event = AuditEvent {
                at: Utc::now(),
                actor: "anonymous".into(),
                action: "login".into(),
                case_id: None,
                accepted: false,
                detail: format!("no valid credentials for {what}"),
                from: Some(from.to_string()),
            };
            let _ = tokio::task::spawn_blocking(move || store.audit_event(event)).await;
            let mut response = error(StatusCode::UNAUTHORIZED, "a user is required: Authorization: Bearer TOKEN");
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                "Bearer, Basic realm=\"interdict review\"".parse().expect("a valid header"),
            );
            Err(response)
        }
    }
}

fn identify(users: &Users, authorization: &str) -> Option<Actor> {
    if let Some(token) = authorization.strip_prefix("Bearer ") {
        return users.by_token(token.trim());
    }
    let basic = authorization.strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD.decode(basic.trim()).ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (name, password) = text.split_once(':')?;
    users.by_password(name, password)
}

/// Prometheus text, read from the store: open on the private network, as the screening
/// service's `/metrics`.
async fn metrics(State(state): State<Arc<ApiState>>) -> Response {
    let store = state.store.clone();
    match blocking(move || store.metrics(Utc::now())).await {
        Ok(m) => ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], m.render()).into_response(),
        Err(r) => r,
    }
}

async fn readyz(State(state): State<Arc<ApiState>>) -> Response {
    let store = state.store.clone();
    match blocking(move || store.list(None, 1, None)).await {
        Ok(_) => "ready\n".into_response(),
        Err(_) => error(StatusCode::SERVICE_UNAVAILABLE, "the case store does not answer"),
    }
}

#[derive(Debug, Deserialize)]
struct ListQuery {
    status: Option<String>,
    limit: Option<usize>,
    after: Option<String>,
}

async fn list_cases(
    State(state): State<Arc<ApiState>>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Query(query): Query<ListQuery>,
) -> Response {
    if let Err(r) = authenticate(&state, &headers, from, "GET /api/cases").await {
        return r;
    }
    let status = match query.status.as_deref() {
        None | Some("") | Some("all") => None,
        Some(s) => match CaseState::parse(s) {
            Some(s) => Some(s),
            None => {
                return error(
                    StatusCode::BAD_REQUEST,
                    format!("status {s:?}: one of open, claimed, proposed, decided, all"),
                )
            }
        },
    };
    let limit = query.limit.unwrap_or(100).clamp(1, 1000);
    let store = state.store.clone();
    let after = query.after.map(CaseId);
    match blocking(move || store.list(status, limit, after.as_ref())).await {
        Ok(cases) => Json(cases).into_response(),
        Err(r) => r,
    }
}

/// A case as the API shows it: the case and the listed entities its hits name.
#[derive(Debug, Serialize, Deserialize)]
pub struct CaseView {
    #[serde(flatten)]
    pub case: Case,
    /// The listed entities of the hits, read from the index; empty when no index is
    /// configured or an entity is no longer listed.
    pub entities: Vec<Entity>,
}

async fn get_case(
    State(state): State<Arc<ApiState>>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    if let Err(r) = authenticate(&state, &headers, from, "GET /api/cases/{id}").await {
        return r;
    }
    let store = state.store.clone();
    let case = match blocking(move || store.get(&CaseId(id))).await {
        Ok(case) => case,
        Err(r) => return r,
    };
    let mut entities: Vec<Entity> = Vec::new();
    if let Some(index) = &state.index {
        for hit in &case.record.verdict.hits {
            let Some(entity_id) = hit.entity_id.as_deref() else { continue };
            if entities.iter().any(|e| e.id == entity_id) {
                continue;
            }
            if let Some(found) = index.find_entity(entity_id) {
                entities.push(index.entity_owned(found));
            }
        }
    }
    Json(CaseView { case, entities }).into_response()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActionBody {
    decision: Option<Decision>,
    reason: Option<String>,
    good_guy: Option<GoodGuyProposal>,
}

async fn act(
    State(state): State<Arc<ApiState>>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path((id, action)): Path<(String, String)>,
    body: Option<Json<ActionBody>>,
) -> Response {
    let actor = match authenticate(&state, &headers, from, &format!("POST /api/cases/{{id}}/{action}")).await {
        Ok(actor) => actor,
        Err(r) => return r,
    };
    let body = body.map(|Json(b)| b).unwrap_or(ActionBody { decision: None, reason: None, good_guy: None });
    let reason = body.reason.unwrap_or_default();
    let action = match action.as_str() {
        "claim" => Action::Claim,
        "propose" => match body.decision {
            Some(decision) => Action::Propose { decision, reason, good_guy: body.good_guy },
            None => return error(StatusCode::BAD_REQUEST, "a proposal names its decision: release, reject or block"),
        },
        "approve" => Action::Approve { reason },
        "send-back" => Action::SendBack { reason },
        "escalate" => Action::Escalate { reason },
        other => {
            return error(
                StatusCode::NOT_FOUND,
                format!("no action {other:?}: claim, propose, approve, send-back, escalate"),
            )
        }
    };
    let store = state.store.clone();
    let rules = state.rules.clone();
    let role = actor.role;
    let from = from.to_string();
    match blocking(move || store.act(&CaseId(id), &actor, &action, &rules, Utc::now(), Some(&from))).await {
        Ok(case) => Json(case).into_response(),
        Err(r) if r.status() == StatusCode::CONFLICT && matches!(role, Role::Auditor | Role::Admin) => {
            let mut r = r;
            *r.status_mut() = StatusCode::FORBIDDEN;
            r
        }
        Err(r) => r,
    }
}

#[derive(Debug, Deserialize)]
struct ReportQuery {
    /// `YYYY-MM-DD` (or RFC 3339), inclusive.
    from: Option<String>,
    /// `YYYY-MM-DD` (or RFC 3339), exclusive.
    to: Option<String>,
    /// `json` (default) or `csv`.
    format: Option<String>,
}

/// Blocked-transaction reports are for supervisors, auditors and admins.
fn may_read_reports(actor: &Actor) -> bool {
    matches!(actor.role, Role::Supervisor | Role::Auditor | Role::Admin)
}

fn report_response(rows: Vec<crate::blocked::BlockedRow>, format: Option<&str>) -> Response {
    match format.unwrap_or("json") {
        "json" => Json(rows).into_response(),
        "csv" => ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], crate::blocked::to_csv(&rows)).into_response(),
        other => error(StatusCode::BAD_REQUEST, format!("format {other:?}: json or csv")),
    }
}

async fn blocked_report(
    State(state): State<Arc<ApiState>>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Query(query): Query<ReportQuery>,
) -> Response {
    let actor = match authenticate(&state, &headers, from, "GET /api/reports/blocked").await {
        Ok(actor) => actor,
        Err(r) => return r,
    };
    if !may_read_reports(&actor) {
        return forbidden(&state, &actor, from, "GET /api/reports/blocked").await;
    }
    let (Some(start), Some(end)) = (query.from.clone(), query.to.clone()) else {
        return error(StatusCode::BAD_REQUEST, "from and to are required (YYYY-MM-DD; to is exclusive)");
    };
    for value in [&start, &end] {
        if chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").is_err()
            && chrono::DateTime::parse_from_rfc3339(value).is_err()
        {
            return error(StatusCode::BAD_REQUEST, format!("{value:?}: expected YYYY-MM-DD or an RFC 3339 time"));
        }
    }
    let store = state.store.clone();
    match blocking(move || store.decided(Decision::Block, &start, &end)).await {
        Ok(cases) => report_response(crate::blocked::blocked_rows(&cases), query.format.as_deref()),
        Err(r) => r,
    }
}

async fn case_blocked_report(
    State(state): State<Arc<ApiState>>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(query): Query<ReportQuery>,
) -> Response {
    let actor = match authenticate(&state, &headers, from, "GET /api/cases/{id}/blocked-report").await {
        Ok(actor) => actor,
        Err(r) => return r,
    };
    if !may_read_reports(&actor) {
        return forbidden(&state, &actor, from, "GET /api/cases/{id}/blocked-report").await;
    }
    let store = state.store.clone();
    let case = match blocking(move || store.get(&CaseId(id))).await {
        Ok(case) => case,
        Err(r) => return r,
    };
    if case.decided.as_ref().map(|d| d.decision) != Some(Decision::Block) {
        return error(StatusCode::CONFLICT, format!("case {} is not decided block", case.id));
    }
    report_response(crate::blocked::blocked_rows(&[case]), query.format.as_deref())
}

#[derive(Debug, Deserialize)]
struct AuditQuery {
    after: Option<i64>,
    limit: Option<usize>,
}

/// Reading the audit log is for auditors, supervisors and admins.
fn may_read_audit(actor: &Actor) -> bool {
    matches!(actor.role, Role::Auditor | Role::Supervisor | Role::Admin)
}

async fn audit(
    State(state): State<Arc<ApiState>>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Query(query): Query<AuditQuery>,
) -> Response {
    let actor = match authenticate(&state, &headers, from, "GET /api/audit").await {
        Ok(actor) => actor,
        Err(r) => return r,
    };
    if !may_read_audit(&actor) {
        return forbidden(&state, &actor, from, "GET /api/audit").await;
    }
    let store = state.store.clone();
    let limit = query.limit.unwrap_or(1000).clamp(1, 10_000);
    match blocking(move || store.audit(query.after.unwrap_or(0), limit)).await {
        Ok(entries) => Json(entries).into_response(),
        Err(r) => r,
    }
}

async fn verify(
    State(state): State<Arc<ApiState>>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    let actor = match authenticate(&state, &headers, from, "GET /api/audit/verify").await {
        Ok(actor) => actor,
        Err(r) => return r,
    };
    if !may_read_audit(&actor) {
        return forbidden(&state, &actor, from, "GET /api/audit/verify").await;
    }
    let store = state.store.clone();
    match blocking(move || store.verify_audit()).await {
        Ok(v) => Json(v).into_response(),
        Err(r) => r,
    }
}

async fn forbidden(state: &Arc<ApiState>, actor: &Actor, from: SocketAddr, what: &str) -> Response {
    let why = format!("the {} role may not {what}", actor.role.as_str());
    let event = AuditEvent {
        at: Utc::now(),
        actor: actor.user.clone(),
        action: what.to_string(),
        case_id: None,
        accepted: false,
        detail: why.clone(),
        from: Some(from.to_string()),
    };
    let store = state.store.clone();
    let _ = tokio::task::spawn_blocking(move || store.audit_event(event)).await;
    error(StatusCode::FORBIDDEN, why)
}
