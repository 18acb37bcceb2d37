//! The service's one small HTTP server: `/healthz`, `/readyz`, `/metrics` and
//! `POST /v1/screen`.
//!
//! - `/healthz`: the process is alive (200).
//! - `/readyz`: an index is loaded and, if a maximum age is set, young enough (200);
//!   otherwise 503 with the reason. With no valid index the service holds every
//!   payment (fail closed); readiness tells the orchestrator.
//! - `/metrics`: Prometheus text (see [`crate::telemetry`]).
//! - `POST /v1/screen`: a payment message in any supported format (ISO 20022, SWIFT MT,
//!   JSON) in the body; the verdicts as a JSON array, one per message, exactly as
//!   `interdict screen --json` writes them, screened with the same screener (index,
//!   policy, good-guy list, threshold) as the Kafka path. Without a usable index (none,
//!   or one older than the maximum age) it answers 503 with the reason, never a
//!   verdict. Guarded by a bearer token when one is configured; bodies over the
//!   configured size are refused (413).
//!
//! It listens on loopback unless configured otherwise.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use arc_swap::ArcSwapOption;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use interdict_screen::Screener;
use metrics_exporter_prometheus::PrometheusHandle;

use crate::consumer::Assignment;
use crate::telemetry::MessageScreened;

/// What the HTTP handlers share with the rest of the service.
pub struct AppState {
    /// The screener of the index in use; `None` until a valid index is loaded.
    pub screener: ArcSwapOption<Screener>,
    /// Bearer token for `POST /v1/screen`, if set.
    pub token: Option<String>,
    /// An index built longer ago than this is not ready.
    pub max_index_age: Option<Duration>,
    pub metrics: PrometheusHandle,
    /// The input partitions this instance's consumer holds now.
    pub assignment: Assignment,
}

impl AppState {
    /// State with this screener (or none yet), the bearer token for `/v1/screen` and the
    /// maximum index age.
    pub fn new(screener: Option<Arc<Screener>>, token: Option<String>, max_index_age: Option<Duration>) -> AppState {
        AppState {
            screener: ArcSwapOption::new(screener),
            token,
            max_index_age,
            metrics: crate::telemetry::prometheus(),
            assignment: Assignment::default(),
        }
    }
}

/// The routes, with the body limit applied.
pub fn router(state: Arc<AppState>, max_body: usize) -> Router {
    Router::new()
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .route("/v1/screen", post(screen))
        .layer(DefaultBodyLimit::max(max_body))
        .with_state(state)
}

/// Age of the index from its recorded build time.
pub fn index_age(screener: &Screener) -> Option<Duration> {
    let built = humantime::parse_rfc3339(&screener.index().metadata().build_time).ok()?;
    SystemTime::now().duration_since(built).ok()
}

async fn readyz(State(state): State<Arc<AppState>>) -> Response {
    let Some(screener) = state.screener.load_full() else {
        return (StatusCode::SERVICE_UNAVAILABLE, "no valid index loaded: holding every payment\n").into_response();
    };
    if let (Some(max), Some(age)) = (state.max_index_age, index_age(&screener)) {
        if age > max {
            let text = format!(
                "index {} is {} old, more than the maximum {}\n",
                screener.index_version(),
                humantime::format_duration(Duration::from_secs(age.as_secs())),
                humantime::format_duration(max)
            );
            return (StatusCode::SERVICE_UNAVAILABLE, text).into_response();
        }
    }
    (StatusCode::OK, format!("ready: {}\n", screener.index_version())).into_response()
}

async fn metrics(State(state): State<Arc<AppState>>) -> Response {
    // The index ages between reloads: read its age at each scrape.
    if let Some(age) = state.screener.load_full().and_then(|s| index_age(&s)) {
        metrics::gauge!("interdict_index_age_seconds").set(age.as_secs_f64());
    }
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], state.metrics.render()).into_response()
}

/// Compares without stopping at the first difference, so timing tells nothing.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn screen(State(state): State<Arc<AppState>>, headers: HeaderMap, body: Bytes) -> Response {
    if let Some(token) = &state.token {
        let given = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or("");
        if !same_secret(given.as_bytes(), token.as_bytes()) {
            return (StatusCode::UNAUTHORIZED, "a bearer token is required\n").into_response();
        }
    }
    // Fail closed, as the Kafka path: without a usable index (none, or one older than
    // the maximum age) nothing is screened, so nothing passes.
    let screener = match crate::service::usable_screener(&state) {
        Ok(screener) => screener,
        Err(refusal) => {
            let reason = refusal.error.map(|e| e.reason).unwrap_or_default();
            return (StatusCode::SERVICE_UNAVAILABLE, format!("{reason}\n")).into_response();
        }
    };
    let started = Instant::now();
    let verdicts = screener.screen_bytes(&body);
    let latency = started.elapsed().as_secs_f64() / verdicts.len().max(1) as f64;
    for v in &verdicts {
        MessageScreened { verdict: v, source: "http", latency_seconds: latency }.emit();
    }
    match serde_json::to_vec(&verdicts) {
        Ok(json) => ([(header::CONTENT_TYPE, "application/json")], json).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, format!("{e}\n")).into_response(),
    }
}

/// Serves until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router).with_graceful_shutdown(shutdown).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::Request;
    use http_body_util::BodyExt;
    use interdict_index::{build, Index};
    use interdict_model::{Entity, EntityKind};
    use interdict_screen::ScreenConfig;
    use tower::ServiceExt;

    fn screener() -> Arc<Screener> {
        let e =
            Entity::new("ofac-sdn:12215", "ofac-sdn", EntityKind::Organization, "SECOND ACADEMY OF NATURAL SCIENCES");
        let now = humantime::format_rfc3339_seconds(SystemTime::now()).to_string();
        let index = Index::from_bytes(build(vec![e], vec![], &now).unwrap()).unwrap();
        Arc::new(Screener::new(Arc::new(index), ScreenConfig::default()).unwrap())
    }

    fn state(token: Option<&str>, loaded: bool, max_age: Option<Duration>) -> Arc<AppState> {
        Arc::new(AppState::new(loaded.then(screener), token.map(str::to_string), max_age))
    }

    async fn call(app: Router, request: Request<Body>) -> (StatusCode, String) {
        let response = app.oneshot(request).await.unwrap();
        let status = response.status();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        (status, String::from_utf8_lossy(&body).into_owned())
    }

    const PAYMENT: &str = r#"{"message_id": "P1", "format": "json", "transactions": [{"parties": [],
        "free_text": [{"path": "/rmt", "value": "VIA 2ND ACADEMY OF NATURAL SCIENCES"}]}]}"#;

    fn post(body: &str, token: Option<&str>) -> Request<Body> {
        let mut r = Request::post("/v1/screen");
        if let Some(t) = token {
            r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        r.body(Body::from(body.to_string())).unwrap()
    }

    #[tokio::test]
    async fn screen_endpoint_returns_verdicts_and_counts_them() {
        let app = router(state(Some("s3cret"), true, None), 4096);
        let (status, body) = call(app.clone(), post(PAYMENT, Some("s3cret"))).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let verdicts: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(verdicts[0]["verdict"], "hold");
        assert_eq!(verdicts[0]["hits"][0]["entity_id"], "ofac-sdn:12215");

        let (status, body) = call(app.clone(), post("garbage", Some("s3cret"))).await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains("\"verdict\":\"error\""), "{body}");

        let (status, metrics) = call(app, Request::get("/metrics").body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::OK);
        assert!(metrics.contains("interdict_messages_total{verdict=\"hold\",source=\"http\"}"), "{metrics}");
        assert!(metrics.contains("interdict_hits_total{kind=\"text\"}"), "{metrics}");
    }

    #[tokio::test]
    async fn tokens_limits_and_fail_closed() {
        let guarded = router(state(Some("s3cret"), true, None), 4096);
        let cases: Vec<(&str, Request<Body>, StatusCode)> = vec![
            ("no token", post(PAYMENT, None), StatusCode::UNAUTHORIZED),
            ("wrong token", post(PAYMENT, Some("guess")), StatusCode::UNAUTHORIZED),
            ("body too large", post(&"x".repeat(5000), Some("s3cret")), StatusCode::PAYLOAD_TOO_LARGE),
        ];
        for (what, request, expected) in cases {
            let (status, body) = call(guarded.clone(), request).await;
            assert_eq!(status, expected, "{what}: {body}");
        }
        let empty = router(state(None, false, None), 4096);
        let (status, body) = call(empty.clone(), post(PAYMENT, None)).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
        let (status, _) = call(empty.clone(), Request::get("/readyz").body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        let (status, _) = call(empty, Request::get("/healthz").body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::OK);
    }

    #[tokio::test]
    async fn the_api_refuses_to_screen_with_a_stale_index() {
        let stale = router(state(None, true, Some(Duration::from_secs(0))), 4096);
        tokio::time::sleep(Duration::from_millis(1100)).await;
        let (status, body) = call(stale, post(PAYMENT, None)).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
        assert!(body.contains("older than the maximum age"), "{body}");
        assert!(!body.contains("\"verdict\""), "no verdict at all: {body}");
    }

    #[tokio::test]
    async fn readiness_follows_index_age() {
        let fresh = router(state(None, true, Some(Duration::from_secs(3600))), 4096);
        let (status, body) = call(fresh, Request::get("/readyz").body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(body.starts_with("ready: idx-"), "{body}");
        let stale = router(state(None, true, Some(Duration::from_secs(0))), 4096);
        tokio::time::sleep(Duration::from_millis(1100)).await;
        let (status, body) = call(stale, Request::get("/readyz").body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
        assert!(body.contains("more than the maximum"), "{body}");
    }
}
