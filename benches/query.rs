//! Criterion benches: opening the index and screening single names.
//!
//! Run: `cargo bench --bench query`. Uses the bundled OFAC lists (SDN and non-SDN CSV).

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use interdict_index::{build, Index, SourceMeta};
use interdict_lists::{parse_source, SourceKind};
use interdict_matcher::{MatchConfig, Matcher};

fn index_file() -> std::path::PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut entities = Vec::new();
    for dir in ["data/ofac/sdn", "data/ofac/nonsdn-csv"] {
        entities.extend(parse_source(SourceKind::OfacCsv, &root.join(dir)).expect("bundled lists parse").entities);
    }
    let bytes = build(entities, vec![SourceMeta::new("ofac-csv", "bundled")], "2026-01-01T00:00:00Z").unwrap();
    let path = std::env::temp_dir().join(format!("interdict-criterion-{}.idx", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    path
}

fn benches(c: &mut Criterion) {
    let path = index_file();
    c.bench_function("index_open_verify", |b| b.iter(|| Index::open(&path).unwrap()));
    let index = Index::open(&path).unwrap();
    let matcher = Matcher::new(&index, MatchConfig::default());
    let queries = [
        ("listed_reordered", "Min Chol Choe"),
        ("listed_variant", "CHOI CHOL-MIN"),
        ("organisation", "2ND ACADEMY OF NATURAL SCIENCES"),
        ("innocent_common", "MOHAMMED ALI HASSAN"),
        ("innocent_rare", "EMMA DANIELS"),
    ];
    let mut group = c.benchmark_group("search");
    for (label, q) in queries {
        group.bench_function(label, |b| b.iter(|| matcher.search(std::hint::black_box(q))));
    }
    group.finish();
    std::fs::remove_file(&path).ok();
}

criterion_group!(query, benches);
criterion_main!(query);
