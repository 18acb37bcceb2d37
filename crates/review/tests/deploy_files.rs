//! The review service's metrics in the deployment files: every `interdict_review_*`
//! series the Grafana dashboard or an alert queries is one the service exports, and
//! every metric it exports is charted or alerted on.

use std::collections::BTreeSet;

use interdict_review::StoreMetrics;

/// `interdict_review_*` names in a text (a query, a whole file).
fn review_names(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(at) = rest.find("interdict_review_") {
        let tail = &rest[at..];
        let end = tail.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(tail.len());
        names.insert(tail[..end].to_string());
        rest = &tail[end..];
    }
    names
}

#[test]
fn the_dashboard_and_the_alerts_query_only_exported_review_metrics_and_all_of_them() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy");
    let read = |p: &str| std::fs::read_to_string(root.join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    let dashboard = read("grafana/dashboards/interdict.json");
    let alerts = read("prometheus/alerts.yml");
    let metrics = StoreMetrics { decision_seconds: vec![30.0], ..StoreMetrics::default() }.render();
    // Every series the exporter writes (histograms as _bucket, _sum and _count).
    let exported: BTreeSet<String> = metrics
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split(['{', ' ']).next())
        .map(str::to_string)
        .collect();
    let families: BTreeSet<String> = metrics
        .lines()
        .filter_map(|l| l.strip_prefix("# TYPE "))
        .filter_map(|l| l.split(' ').next())
        .map(str::to_string)
        .collect();
    let queried: BTreeSet<String> = review_names(&dashboard).into_iter().chain(review_names(&alerts)).collect();
    let unknown: Vec<&String> = queried.iter().filter(|n| !exported.contains(*n)).collect();
    assert!(unknown.is_empty(), "queried but not exported: {unknown:?}");
    let family =
        |n: &str| ["_bucket", "_sum", "_count"].iter().find_map(|s| n.strip_suffix(s)).unwrap_or(n).to_string();
    let used: BTreeSet<String> = queried.iter().map(|n| family(n)).collect();
    let unused: Vec<&String> = families.iter().filter(|f| !used.contains(*f)).collect();
    assert!(unused.is_empty(), "exported but neither charted nor alerted on: {unused:?}");
    assert!(queried.len() >= 5, "{queried:?}");
}
