//! The deployment files under `deploy/` against the service they deploy: the Grafana
//! dashboard and the Prometheus files parse and have the expected shape, every metric
//! they query is one the service really exports (and `interdict_index_info` is queried for
//! the index in use only), the configuration keys and `INTERDICT_*` variables that the
//! compose file and the Helm chart set are ones the service reads, and the chart's plain
//! YAML files parse. Nothing here needs Docker, Helm or Prometheus; the manual checks with
//! those tools are in docs/operations.md.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use interdict_model::Verdict;
use interdict_stream::telemetry::{self, MessageScreened, ScreenerLoaded, ScreenerRefused, METRIC_NAMES};
use interdict_stream::Config;
use serde_json::{json, Value};

/// Series that Prometheus itself writes for every scrape target, which the rules and the
/// dashboard may query although the service does not export them.
const SCRAPE_SERIES: [&str; 1] = ["up"];

/// Exported metrics that no telemetry event type records yet (the service records them
/// directly), so this test cannot make them appear in the exporter's output; they are
/// accepted on their place in `METRIC_NAMES`. Once telemetry.rs records one of them, the
/// test fails until that event is emitted below and the name is taken off this list.
const NOT_RECORDED_BY_AN_EVENT: [&str; 2] = ["interdict_in_flight", "interdict_consumer_lag"];

fn repo_path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").join(relative)
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(repo_path(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

fn yaml(relative: &str) -> Value {
    serde_yaml_ng::from_str(&read(relative)).unwrap_or_else(|e| panic!("{relative} is not valid YAML: {e}"))
}

fn json_file(relative: &str) -> Value {
    serde_json::from_str(&read(relative)).unwrap_or_else(|e| panic!("{relative} is not valid JSON: {e}"))
}

fn as_array<'a>(v: &'a Value, what: &str) -> &'a Vec<Value> {
    v.as_array().unwrap_or_else(|| panic!("{what} is not a list: {v}"))
}

fn as_str<'a>(v: &'a Value, what: &str) -> &'a str {
    v.as_str().unwrap_or_else(|| panic!("{what} is not a string: {v}"))
}

// ---------------------------------------------------------------------------------------
// PromQL: which metric names an expression selects.

/// Aggregation operators, set and arithmetic keywords, modifiers and literals: words in
/// PromQL that are never metric names.
const PROMQL_KEYWORDS: [&str; 24] = [
    "sum",
    "min",
    "max",
    "avg",
    "group",
    "stddev",
    "stdvar",
    "count",
    "count_values",
    "bottomk",
    "topk",
    "quantile",
    "limitk",
    "limit_ratio",
    "and",
    "or",
    "unless",
    "atan2",
    "offset",
    "bool",
    "group_left",
    "group_right",
    "inf",
    "nan",
];

/// Modifiers followed by a parenthesised list of label names.
const LABEL_LIST_MODIFIERS: [&str; 6] = ["by", "without", "on", "ignoring", "group_left", "group_right"];

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || c == ':'
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == ':'
}

/// Index just past the bracket that closes the one at `open` (strings inside are skipped).
fn skip_bracketed(c: &[char], open: usize, close: char) -> usize {
    let mut i = open + 1;
    while i < c.len() && c[i] != close {
        if matches!(c[i], '"' | '\'' | '`') {
            i = skip_string(c, i);
        } else {
            i += 1;
        }
    }
    i + 1
}

/// Index just past the string literal that starts at `start`.
fn skip_string(c: &[char], start: usize) -> usize {
    let quote = c[start];
    let mut i = start + 1;
    while i < c.len() && c[i] != quote {
        i += if c[i] == '\\' && quote != '`' { 2 } else { 1 };
    }
    i + 1
}

/// The metric names a PromQL expression selects. Strings, label matchers (`{...}`),
/// ranges and subqueries (`[...]`), numbers and durations, Grafana variables (`$job`,
/// `${datasource}`), functions (a name followed by `(`), aggregation operators and other
/// keywords, and the label lists of `by`, `without`, `on`, `ignoring`, `group_left` and
/// `group_right` are not metric names.
fn metric_names(expr: &str) -> BTreeSet<String> {
    let c: Vec<char> = expr.chars().collect();
    let mut names = BTreeSet::new();
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        if ch == '"' || ch == '\'' || ch == '`' {
            i = skip_string(&c, i);
        } else if ch == '{' {
            i = skip_bracketed(&c, i, '}');
        } else if ch == '[' {
            i = skip_bracketed(&c, i, ']');
        } else if ch == '#' {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '$' {
            i += 1;
            if i < c.len() && c[i] == '{' {
                i = skip_bracketed(&c, i, '}');
            } else {
                while i < c.len() && is_ident_char(c[i]) {
                    i += 1;
                }
            }
        } else if ch.is_ascii_digit() || (ch == '.' && c.get(i + 1).is_some_and(char::is_ascii_digit)) {
            // Numbers, durations (5m, 1h30m), exponents and hexadecimal.
            while i < c.len() && (c[i].is_ascii_alphanumeric() || c[i] == '.' || c[i] == '_') {
                i += 1;
            }
        } else if is_ident_start(ch) {
            let start = i;
            while i < c.len() && is_ident_char(c[i]) {
                i += 1;
            }
            let word: String = c[start..i].iter().collect();
            let lower = word.to_ascii_lowercase();
            let mut next = i;
            while next < c.len() && c[next].is_whitespace() {
                next += 1;
            }
            let followed_by_paren = c.get(next) == Some(&'(');
            if LABEL_LIST_MODIFIERS.contains(&lower.as_str()) {
                if followed_by_paren {
                    i = skip_bracketed(&c, next, ')');
                }
            } else if followed_by_paren || PROMQL_KEYWORDS.contains(&lower.as_str()) {
                // A function call or a keyword; a call's arguments are read on.
            } else {
                names.insert(word);
            }
        } else {
            i += 1;
        }
    }
    names
}

/// Whether every `interdict_index_info` selector in `expr` is compared with `== 1`. The
/// gauge is 1 for the index in use and 0 for each version a reload replaced, which stays
/// exported, so a query of the bare series also counts the replaced versions.
fn only_the_current_index(expr: &str) -> bool {
    const NAME: &str = "interdict_index_info";
    let mut rest = expr;
    while let Some(at) = rest.find(NAME) {
        let before_is_ident = rest[..at].chars().next_back().is_some_and(is_ident_char);
        let mut after = &rest[at + NAME.len()..];
        if before_is_ident || after.starts_with(is_ident_char) {
            // Part of a longer name.
            rest = after;
            continue;
        }
        if after.starts_with('{') {
            let c: Vec<char> = after.chars().collect();
            let end = skip_bracketed(&c, 0, '}').min(c.len());
            after = &after[c[..end].iter().map(|ch| ch.len_utf8()).sum::<usize>()..];
        }
        let Some(operand) = after.trim_start().strip_prefix("==") else { return false };
        let number: String =
            operand.trim_start().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '.').collect();
        if number.parse::<f64>() != Ok(1.0) {
            return false;
        }
        rest = after;
    }
    true
}

// ---------------------------------------------------------------------------------------
// What the exporter renders.

/// The metrics of a Prometheus text exposition: every sample name, and the type of each
/// family from its `# TYPE` line.
struct Exposition {
    samples: BTreeSet<String>,
    types: BTreeMap<String, String>,
}

fn parse_exposition(text: &str) -> Exposition {
    let mut samples = BTreeSet::new();
    let mut types = BTreeMap::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(rest) = line.strip_prefix("# TYPE ") {
            let mut parts = rest.split_whitespace();
            if let (Some(name), Some(kind)) = (parts.next(), parts.next()) {
                types.insert(name.to_string(), kind.to_string());
            }
        } else if !line.starts_with('#') {
            let end = line.find(['{', ' ']).unwrap_or(line.len());
            samples.insert(line[..end].to_string());
        }
    }
    Exposition { samples, types }
}

/// The family a sample name belongs to: a histogram's or summary's `_bucket`, `_sum` and
/// `_count` series belong to the histogram; every other name is its own family.
fn family<'a>(name: &'a str, exposition: &Exposition) -> &'a str {
    for suffix in ["_bucket", "_sum", "_count"] {
        if let Some(base) = name.strip_suffix(suffix) {
            if matches!(exposition.types.get(base).map(String::as_str), Some("histogram" | "summary")) {
                return base;
            }
        }
    }
    name
}

/// Why `name`, used in a query, is not a metric the service exports; `None` when it is.
fn unknown_metric(name: &str, exposition: &Exposition) -> Option<String> {
    if SCRAPE_SERIES.contains(&name) {
        return None;
    }
    // The review service's own metrics: checked against what it exports by
    // interdict-review's tests (crates/review/tests/deploy_files.rs).
    if name.starts_with("interdict_review_") {
        return None;
    }
    let family = family(name, exposition);
    if !METRIC_NAMES.contains(&family) {
        return Some(format!("{name}: not in telemetry::METRIC_NAMES"));
    }
    if exposition.samples.contains(name) {
        return None;
    }
    if NOT_RECORDED_BY_AN_EVENT.contains(&name) {
        // In METRIC_NAMES (checked above) but recorded outside the telemetry events.
        return None;
    }
    Some(format!("{name}: the exporter renders no such series (a histogram is queried as _bucket, _sum, _count)"))
}

/// A verdict with a hit and an error, so one event records every counter.
fn verdict_with_a_hit_and_an_error() -> Verdict {
    serde_json::from_value(json!({
        "message_id": "DEPLOY-TEST-1",
        "verdict": "hold",
        "index_version": "idx-0000000000000000",
        "timings": {"parse_us": 12.0, "screen_us": 40.0},
        "hits": [{
            "kind": "name",
            "entity_id": "ofac-sdn:12215",
            "listed_name": "SECOND ACADEMY OF NATURAL SCIENCES",
            "score": 0.97,
            "field_path": "/Document/Dbtr/Nm",
            "matched_text": "2ND ACADEMY OF NATURAL SCIENCES",
            "explanation": "test"
        }],
        "error": {"kind": "malformed", "reason": "test"}
    }))
    .expect("a Verdict from JSON")
}

/// Emits one of each telemetry event and parses what the exporter renders.
fn exported() -> Exposition {
    let handle = telemetry::prometheus();
    let verdict = verdict_with_a_hit_and_an_error();
    for source in ["kafka", "http"] {
        MessageScreened { verdict: &verdict, source, latency_seconds: 0.000_07 }.emit();
    }
    ScreenerLoaded {
        version: "idx-0000000000000000",
        age_seconds: 3600.0,
        trigger: "start",
        policy_sha256: "0123456789abcdef",
        good_guy_entries: 0,
        threshold: 0.8,
    }
    .emit();
    ScreenerRefused { trigger: "signal", reason: "index lists.idx: truncated" }.emit();
    telemetry::IndexFileChanged { path: std::path::Path::new("lists.idx") }.emit();
    parse_exposition(&handle.render())
}

// ---------------------------------------------------------------------------------------
// The queries in the deployment files.

/// Every panel, rows' nested panels included.
fn dashboard_panels(dashboard: &Value) -> Vec<&Value> {
    let mut out = Vec::new();
    for panel in as_array(&dashboard["panels"], "dashboard panels") {
        out.push(panel);
        if let Some(nested) = panel.get("panels").and_then(Value::as_array) {
            out.extend(nested);
        }
    }
    out
}

/// (where, PromQL) for every query of the dashboard: panel targets, annotations, and the
/// series of `label_values(...)` variables.
fn dashboard_queries(dashboard: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for panel in dashboard_panels(dashboard) {
        let title = panel["title"].as_str().unwrap_or("?");
        for target in panel.get("targets").and_then(Value::as_array).into_iter().flatten() {
            if let Some(expr) = target["expr"].as_str() {
                out.push((format!("panel {title:?}"), expr.to_string()));
            }
        }
    }
    for annotation in dashboard["annotations"]["list"].as_array().into_iter().flatten() {
        if let Some(expr) = annotation.get("expr").and_then(Value::as_str) {
            out.push((format!("annotation {:?}", annotation["name"]), expr.to_string()));
        }
    }
    for variable in dashboard["templating"]["list"].as_array().into_iter().flatten() {
        let query = match &variable["query"] {
            Value::String(s) => s.as_str(),
            other => other["query"].as_str().unwrap_or(""),
        };
        if let Some(inner) = query.strip_prefix("label_values(") {
            // label_values(SERIES, LABEL): the series is PromQL.
            let series = inner.rsplit_once(',').map_or(inner, |(s, _)| s);
            out.push((format!("variable {:?}", variable["name"]), series.to_string()));
        }
    }
    out
}

/// (where, PromQL) for every alert rule.
fn alert_queries(alerts: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for group in as_array(&alerts["groups"], "groups") {
        for rule in as_array(&group["rules"], "rules") {
            let name = rule["alert"].as_str().or(rule["record"].as_str()).unwrap_or("?");
            out.push((format!("rule {name}"), as_str(&rule["expr"], name).to_string()));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Tests.

#[test]
fn the_extraction_finds_metric_names_and_flags_unknown_ones() {
    let expr = r#"sum by (verdict, source) (rate(interdict_messages_total{verdict="hold", job=~"$job"}[5m] offset 1h))
        / on (instance) group_left (version) max by (instance, version) (interdict_index_info)
        and histogram_quantile(0.99, sum by (le) (rate(interdict_screen_latency_seconds_bucket[$__rate_interval]))) > 2.5e-3
        or up{job="interdict"} == bool 0 unless time() - min_over_time(timestamp(interdict_index_age_seconds)[26h:10m]) > 25 * 3600"#;
    let names: Vec<String> = metric_names(expr).into_iter().collect();
    assert_eq!(
        names,
        [
            "interdict_index_age_seconds",
            "interdict_index_info",
            "interdict_messages_total",
            "interdict_screen_latency_seconds_bucket",
            "up"
        ]
    );
    assert!(metric_names(r#"label_replace(vector(1), "dst", "$1", "src", "(.*)")"#).is_empty());

    for current in [
        r#"up{job="interdict"} == 1 unless on (instance) (interdict_index_info == 1)"#,
        r#"max by (instance, version) (interdict_index_info{job="$job", instance=~"$instance"} == 1)"#,
        "sum(rate(interdict_messages_total[5m]))",
    ] {
        assert!(only_the_current_index(current), "{current}");
    }
    for any_version in [
        r#"up{job="interdict"} == 1 unless on (instance) interdict_index_info"#,
        r#"max by (instance, version) (interdict_index_info{job="$job"})"#,
        "interdict_index_info == 0",
        "interdict_index_info == bool 1",
        "interdict_index_info == 10",
        "interdict_index_info == 1e3",
    ] {
        assert!(!only_the_current_index(any_version), "{any_version}");
    }

    let exposition = exported();
    for known in ["interdict_messages_total", "interdict_screen_latency_seconds_bucket", "up", "interdict_in_flight"] {
        assert_eq!(unknown_metric(known, &exposition), None, "{known}");
    }
    // A made-up name, a misspelling, and a histogram queried without its series suffix.
    for unknown in ["interdict_made_up_total", "interdict_message_total", "interdict_screen_latency_seconds"] {
        let why = unknown_metric(unknown, &exposition);
        assert!(why.is_some(), "{unknown} should be reported as not exported");
    }
    let in_a_query = metric_names("sum(rate(interdict_made_up_total[5m])) / sum(rate(interdict_messages_total[5m]))");
    let unknown: Vec<String> = in_a_query.iter().filter_map(|n| unknown_metric(n, &exposition)).collect();
    assert_eq!(unknown.len(), 1, "{unknown:?}");
    assert!(unknown[0].starts_with("interdict_made_up_total"), "{unknown:?}");
}

#[test]
fn the_dashboard_parses_and_every_panel_has_queries() {
    let dashboard = json_file("deploy/grafana/dashboards/interdict.json");
    assert_eq!(dashboard["uid"], "interdict");
    let panels = dashboard_panels(&dashboard);
    assert!(panels.len() >= 10, "only {} panels", panels.len());
    let mut ids = BTreeSet::new();
    for panel in panels {
        let title = as_str(&panel["title"], "panel title");
        assert!(ids.insert(panel["id"].as_u64().expect("panel id")), "duplicate panel id in {title:?}");
        assert!(panel["gridPos"]["w"].as_u64().is_some(), "{title:?} has no gridPos");
        if panel["type"] == "row" {
            continue;
        }
        let targets = panel.get("targets").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
        assert!(!targets.is_empty(), "panel {title:?} has no targets");
        let mut ref_ids = BTreeSet::new();
        for target in targets {
            let expr = as_str(&target["expr"], title);
            assert!(!expr.trim().is_empty(), "panel {title:?} has an empty query");
            assert!(ref_ids.insert(as_str(&target["refId"], title)), "panel {title:?} repeats a refId");
            assert!(!metric_names(expr).is_empty(), "panel {title:?} queries no metric: {expr}");
        }
        assert_eq!(
            panel["datasource"]["uid"], "${datasource}",
            "panel {title:?} does not use the data source variable"
        );
    }
    // The panels the operations guide describes.
    let all_queries: String = dashboard_queries(&dashboard).into_iter().map(|(_, q)| q + "\n").collect();
    for needle in [
        "sum by (verdict) (rate(interdict_messages_total",
        "histogram_quantile(0.5,",
        "histogram_quantile(0.99,",
        "histogram_quantile(0.999,",
        "sum by (kind) (rate(interdict_hits_total",
        "sum by (kind) (rate(interdict_errors_total",
        "interdict_consumer_lag",
        "interdict_in_flight",
        "interdict_index_info",
        "interdict_index_age_seconds",
        "interdict_index_reloads_total",
    ] {
        assert!(all_queries.contains(needle), "no dashboard query contains {needle:?}");
    }
}

#[test]
fn prometheus_config_and_alert_rules_have_the_expected_structure() {
    let config = yaml("deploy/prometheus/prometheus.yml");
    let rule_files: Vec<&str> =
        as_array(&config["rule_files"], "rule_files").iter().map(|f| as_str(f, "rule file")).collect();
    assert!(rule_files.iter().any(|f| f.ends_with("alerts.yml")), "{rule_files:?}");
    let jobs = as_array(&config["scrape_configs"], "scrape_configs");
    let job = jobs.iter().find(|j| j["job_name"] == "interdict").expect("a scrape job named interdict");
    assert!(job["metrics_path"].is_null() || job["metrics_path"] == "/metrics", "{job}");
    let targets = as_array(&job["static_configs"][0]["targets"], "targets");
    assert!(targets.iter().any(|t| t == "interdict:9095"), "{targets:?}");

    let alerts = yaml("deploy/prometheus/alerts.yml");
    let mut names = BTreeSet::new();
    for group in as_array(&alerts["groups"], "groups") {
        let group_name = as_str(&group["name"], "group name");
        let rules = as_array(&group["rules"], group_name);
        assert!(!rules.is_empty(), "group {group_name} has no rules");
        for rule in rules {
            let name = as_str(&rule["alert"], "alert name");
            assert!(names.insert(name.to_string()), "alert {name} appears twice");
            assert!(!as_str(&rule["expr"], name).trim().is_empty(), "{name} has an empty expr");
            let severity = as_str(&rule["labels"]["severity"], name);
            assert!(["page", "ticket"].contains(&severity), "{name}: severity {severity}");
            assert!(!as_str(&rule["annotations"]["summary"], name).is_empty(), "{name} has no summary");
            if let Some(duration) = rule.get("for") {
                let d = as_str(duration, name);
                assert!(d.ends_with(['s', 'm', 'h']) && d[..d.len() - 1].parse::<u32>().is_ok(), "{name}: for {d}");
            }
        }
    }
    // The conditions docs/operations.md says are worth paging on.
    for expected in [
        "InterdictDown",
        "InterdictRestartLoop",
        "InterdictNoIndex",
        "InterdictFailingClosed",
        "InterdictIndexStale",
        "InterdictErrorRate",
        "InterdictHoldRatioJump",
        "InterdictLatencyHigh",
        "InterdictConsumerLagGrowing",
    ] {
        assert!(names.contains(expected), "no alert {expected} in alerts.yml");
    }
}

#[test]
fn every_metric_in_the_dashboard_and_the_alerts_is_exported() {
    let exposition = exported();

    // The exporter renders what the events record, and all of it is in METRIC_NAMES.
    for sample in &exposition.samples {
        let family = family(sample, &exposition);
        assert!(METRIC_NAMES.contains(&family), "{sample} is exported but not in METRIC_NAMES");
    }
    // Every name in METRIC_NAMES is either rendered after one of each event, or recorded
    // outside the events and listed as such.
    let telemetry_source: String = read("crates/stream/src/telemetry.rs").split_whitespace().collect();
    for name in METRIC_NAMES {
        let rendered = exposition.samples.iter().any(|s| family(s, &exposition) == name);
        if NOT_RECORDED_BY_AN_EVENT.contains(&name) {
            assert!(
                !telemetry_source.contains(&format!("!(\"{name}\"")),
                "{name} is now recorded by a telemetry event: emit that event in exported() and take \
                 {name} off NOT_RECORDED_BY_AN_EVENT"
            );
        } else {
            assert!(rendered, "{name} is in METRIC_NAMES but no telemetry event renders it:\n{}", {
                exposition.samples.iter().cloned().collect::<Vec<_>>().join("\n")
            });
        }
    }
    for name in NOT_RECORDED_BY_AN_EVENT {
        assert!(METRIC_NAMES.contains(&name), "{name} is queried by the deployment files but not exported");
    }

    let dashboard = json_file("deploy/grafana/dashboards/interdict.json");
    let alerts = yaml("deploy/prometheus/alerts.yml");
    let queries: Vec<(String, String)> = dashboard_queries(&dashboard)
        .into_iter()
        .map(|(w, q)| (format!("dashboard {w}"), q))
        .chain(alert_queries(&alerts).into_iter().map(|(w, q)| (format!("alerts.yml {w}"), q)))
        .collect();
    assert!(queries.len() > 20, "only {} queries found", queries.len());
    let mut problems = Vec::new();
    let mut replaced_versions = Vec::new();
    let mut used = BTreeSet::new();
    for (place, expr) in &queries {
        let names = metric_names(expr);
        assert!(!names.is_empty(), "{place}: no metric found in {expr}");
        if !only_the_current_index(expr) {
            replaced_versions.push(place.as_str());
        }
        for name in names {
            if let Some(why) = unknown_metric(&name, &exposition) {
                problems.push(format!("{place}: {why}"));
            }
            used.insert(family(&name, &exposition).to_string());
        }
    }
    assert!(problems.is_empty(), "queries of metrics the service does not export:\n{}", problems.join("\n"));
    assert!(
        replaced_versions.is_empty(),
        "queries of interdict_index_info without == 1, which also count the versions a reload replaced:\n{}",
        replaced_versions.join("\n")
    );
    // Every exported metric is on the dashboard or in a rule.
    for name in METRIC_NAMES {
        assert!(used.contains(name), "{name} is exported but neither charted nor alerted on");
    }
}

/// A sample value for each configuration key the chart writes, to feed `Config::from_toml`.
fn sample_toml_value(key: &str) -> Option<&'static str> {
    Some(match key {
        "brokers" => r#""kafka:9092""#,
        "group" => r#""interdict""#,
        "input_topics" => r#"["payments.in"]"#,
        "decisions_topic" => r#""interdict.decisions""#,
        "review_topic" => r#""interdict.review""#,
        "dlq_topic" => r#""interdict.dlq""#,
        "index" => r#""/var/lib/interdict/lists.idx""#,
        "max_in_flight" => "1024",
        "workers" => "0",
        "transaction_max_messages" => "500",
        "transaction_max_wait" => r#""20ms""#,
        "transactional_id" => r#""interdict-1""#,
        "http_listen" => r#""0.0.0.0:9095""#,
        "http_max_body" => "1048576",
        "max_index_age" => r#""36h""#,
        "exactly_once" => "false",
        "http_token" => r#""t""#,
        _ => return None,
    })
}

/// Whether setting `name` changes the configuration (an unknown INTERDICT_ variable is
/// silently left to other commands, so a misspelt one would be lost).
fn env_var_is_read(name: &str) -> bool {
    let before = Config::default();
    let mut after = before.clone();
    let value = if name.ends_with("MAX_IN_FLIGHT") || name.ends_with("MAX_BODY") { "7" } else { "x,y" };
    after.apply_env([(name.to_string(), value.to_string())]).unwrap_or_else(|e| panic!("{name}: {e}"));
    after != before
}

#[test]
fn the_compose_file_sets_only_variables_the_service_reads() {
    let compose = yaml("deploy/docker-compose.yml");
    let services = &compose["services"];
    for name in ["kafka", "topic-init", "index-builder", "interdict", "loadgen", "prometheus", "grafana"] {
        assert!(services[name].is_object(), "no service {name}");
    }
    let env = services["interdict"]["environment"].as_object().expect("interdict environment");
    for name in env.keys() {
        assert!(name.starts_with("INTERDICT_"), "{name}");
        assert!(env_var_is_read(name), "interdict run does not read {name}");
    }
    let mut config = Config::default();
    config
        .apply_env(env.iter().map(|(k, v)| (k.clone(), v.as_str().map_or_else(|| v.to_string(), str::to_string))))
        .unwrap();
    config.validate().unwrap();
    assert_eq!(config.http_listen, "0.0.0.0:9095", "Prometheus scrapes interdict:9095");

    let topics = as_str(&services["topic-init"]["environment"]["TOPICS"], "TOPICS");
    for topic in config.input_topics.iter().chain([&config.decisions_topic, &config.review_topic, &config.dlq_topic]) {
        assert!(topics.split_whitespace().any(|t| t == topic), "topic-init does not create {topic}");
    }

    let loadgen = &services["loadgen"];
    assert_eq!(loadgen["profiles"], json!(["loadgen"]));
    let args: Vec<&str> = as_array(&loadgen["command"], "loadgen command").iter().map(|a| as_str(a, "arg")).collect();
    let expected =
        "loadgen --brokers kafka:9092 --topic payments.in --decisions-topic interdict.decisions --rate 2000 \
                    --duration 60s --hit-ratio 0.02 --report /out/report.json --plot /out/latency.svg";
    assert_eq!(args.join(" "), expected);

    let redpanda = yaml("deploy/docker-compose.redpanda.yml");
    assert!(as_str(&redpanda["services"]["kafka"]["image"], "redpanda image").contains("redpanda"));
}

#[test]
fn the_dockerfile_runs_the_service_as_a_non_root_user() {
    let dockerfile = read("deploy/Dockerfile");
    for needle in [
        "rust:1-bookworm",
        "cargo build --release --locked",
        "debian:bookworm-slim",
        "ENV INTERDICT_HTTP_LISTEN=0.0.0.0:9095",
        "/healthz",
        "ENTRYPOINT [\"interdict\"]",
        "CMD [\"run\"]",
        "USER 10001:10001",
        "VOLUME [\"/var/lib/interdict\"]",
        "index build",
    ] {
        assert!(dockerfile.contains(needle), "deploy/Dockerfile has no {needle:?}");
    }
    assert!(env_var_is_read("INTERDICT_HTTP_LISTEN"));
    let ignore = read(".dockerignore");
    for needle in ["target", ".git"] {
        assert!(ignore.lines().any(|l| l.trim() == needle), ".dockerignore does not exclude {needle}");
    }
}

#[test]
fn the_helm_chart_parses_and_configures_the_service_with_keys_it_reads() {
    let chart = yaml("deploy/helm/interdict/Chart.yaml");
    assert_eq!(chart["apiVersion"], "v2");
    assert_eq!(chart["name"], "interdict");
    for key in ["version", "appVersion"] {
        assert!(chart[key].is_string(), "Chart.yaml has no {key}");
    }

    let values = yaml("deploy/helm/interdict/values.yaml");
    assert_eq!(values["livenessProbe"]["httpGet"]["path"], "/healthz");
    assert_eq!(values["readinessProbe"]["httpGet"]["path"], "/readyz");
    assert_eq!(values["podSecurityContext"]["runAsNonRoot"], true);
    assert_eq!(values["securityContext"]["readOnlyRootFilesystem"], true);
    assert_eq!(values["securityContext"]["allowPrivilegeEscalation"], false);
    assert!(values["resources"]["requests"].is_object() && values["resources"]["limits"].is_object());
    let keda = &values["autoscaling"]["keda"];
    assert!(
        keda["maxReplicaCount"].as_u64().unwrap() <= values["inputPartitions"].as_u64().unwrap(),
        "the default KEDA maximum is above the partition count"
    );
    assert!(keda["minReplicaCount"].as_u64().unwrap() >= 1);
    let config_values = values["config"].as_object().expect("values.config");
    for key in ["brokers", "group", "inputTopics", "decisionsTopic", "reviewTopic", "dlqTopic", "maxIndexAge", "kafka"]
    {
        assert!(config_values.contains_key(key), "values.config has no {key}");
    }

    let templates = "deploy/helm/interdict/templates";
    for file in [
        "_helpers.tpl",
        "configmap.yaml",
        "deployment.yaml",
        "secret.yaml",
        "service.yaml",
        "pdb.yaml",
        "scaledobject.yaml",
        "serviceaccount.yaml",
        "NOTES.txt",
    ] {
        assert!(repo_path(&format!("{templates}/{file}")).is_file(), "no {templates}/{file}");
    }

    // The TOML the ConfigMap writes uses only keys the service accepts (unknown keys stop
    // it at start): fill each key with a sample value and parse it as the service does.
    let configmap = read(&format!("{templates}/configmap.yaml"));
    let toml_block = configmap
        .split("interdict.toml: |")
        .nth(1)
        .and_then(|rest| rest.split("[kafka]").next())
        .expect("an interdict.toml block with a [kafka] table in configmap.yaml");
    let mut keys = Vec::new();
    for line in toml_block.lines().map(str::trim) {
        if let Some((key, _)) = line.split_once(" = ") {
            if key.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                keys.push(key.to_string());
            }
        }
    }
    assert!(keys.len() >= 10, "{keys:?}");
    let mut toml = String::new();
    for key in &keys {
        let value =
            sample_toml_value(key).unwrap_or_else(|| panic!("configmap.yaml writes {key}, unknown to this test"));
        toml.push_str(&format!("{key} = {value}\n"));
    }
    toml.push_str("[kafka]\n\"security.protocol\" = \"SASL_SSL\"\n");
    let config = Config::from_toml(&toml).unwrap_or_else(|e| panic!("the chart's keys are refused: {e}\n{toml}"));
    config.validate().unwrap();

    // Every INTERDICT_ variable the templates set is one the service reads.
    let deployment = read(&format!("{templates}/deployment.yaml"));
    let mut variables = BTreeSet::new();
    for part in deployment.split("name: ").skip(1) {
        let word: String = part.chars().take_while(|c| c.is_ascii_uppercase() || *c == '_').collect();
        if word.starts_with("INTERDICT_") {
            variables.insert(word);
        }
    }
    for needed in ["INTERDICT_HTTP_LISTEN", "INTERDICT_KAFKA_SASL_USERNAME", "INTERDICT_KAFKA_SASL_PASSWORD"] {
        assert!(variables.contains(needed), "deployment.yaml does not set {needed}");
    }
    for name in &variables {
        assert!(env_var_is_read(name), "interdict run does not read {name}");
    }
    let mut sasl = Config::default();
    sasl.apply_env([("INTERDICT_KAFKA_SASL_PASSWORD".to_string(), "secret".to_string())]).unwrap();
    assert_eq!(sasl.kafka.get("sasl.password").map(String::as_str), Some("secret"));

    // Index distribution and hot reload, probes, KEDA bounds.
    for (file, needles) in [
        ("deployment.yaml", &["shareProcessNamespace", "index-sync.sh", "readOnly: true", "initContainers"][..]),
        ("configmap.yaml", &["kill -HUP", "interdict index info", "mv -f", "[kafka]"][..]),
        ("scaledobject.yaml", &["type: kafka", "lagThreshold", "maxReplicaCount", "consumerGroup"][..]),
        ("_helpers.tpl", &["maxReplicaCount", "inputPartitions", "fail"][..]),
        ("pdb.yaml", &["PodDisruptionBudget"][..]),
    ] {
        let text = read(&format!("{templates}/{file}"));
        for needle in needles {
            assert!(text.contains(needle), "{file} has no {needle:?}");
        }
    }
}
