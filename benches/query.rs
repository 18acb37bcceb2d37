//! Criterion benches: building and opening the index, screening single names, parsing
//! each payment format, screening a payment end to end, and generating load-test
//! payments.
//!
//! Run: `cargo bench --bench query`. Uses the bundled OFAC lists (SDN and non-SDN CSV)
//! and the sample payments in data/payments.

/// The binary's allocator (src/main.rs), so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use interdict_index::{build, Index, SourceMeta};
use interdict_lists::{parse_source, SourceKind};
use interdict_loadgen::{Generator, GeneratorConfig, ListedName, Mix};
use interdict_matcher::{MatchConfig, Matcher};
use interdict_messages::Limits;
use interdict_screen::{ScreenConfig, Screener};

fn bundled_entities() -> Vec<interdict_model::Entity> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut entities = Vec::new();
    for dir in ["data/ofac/sdn", "data/ofac/nonsdn-csv"] {
        entities.extend(parse_source(SourceKind::OfacCsv, &root.join(dir)).expect("bundled lists parse").entities);
    }
    entities
}

fn index_file() -> std::path::PathBuf {
    let sources = ["data/ofac/sdn", "data/ofac/nonsdn-csv"]
        .map(|dir| interdict_index::Source::new(SourceKind::OfacCsv, interdict_testkit::lists::repo_path(dir)));
    let options = interdict_index::BuildOptions {
        build_time: Some(interdict_testkit::lists::BUILD_TIME.into()),
        ..Default::default()
    };
    let path = std::env::temp_dir().join(format!("interdict-criterion-{}.idx", std::process::id()));
    interdict_index::build_from_sources(&sources, &options, |_| {}).unwrap().write(&path).unwrap();
    path
}

fn benches(c: &mut Criterion) {
    let path = index_file();
    let mut group = c.benchmark_group("index");
    group.sample_size(10);
    let entities = bundled_entities();
    group.bench_function("build_from_parsed_lists", |b| {
        b.iter(|| build(entities.clone(), vec![SourceMeta::new("ofac-csv", "bundled")], "2026-01-01T00:00:00Z"))
    });
    group.finish();
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

    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |f: &str| std::fs::read(root.join(f)).expect("sample payment");
    let samples = [
        ("pacs008_with_header", read("data/payments/pacs008_choe.xml")),
        ("mt103", read("data/payments/mt103_rent.txt")),
        ("json_ndjson", read("data/payments/json_payments.ndjson")),
    ];
    let limits = Limits::default();
    let mut group = c.benchmark_group("parse");
    for (label, bytes) in &samples {
        group.bench_function(*label, |b| b.iter(|| interdict_messages::parse(std::hint::black_box(bytes), &limits)));
    }
    group.finish();

    // Parse + screen + verdict, with the name cache off: every name is matched.
    let index = std::sync::Arc::new(Index::open(&path).unwrap());
    let screener = Screener::new(index, ScreenConfig { name_cache_entries: 0, ..ScreenConfig::default() }).unwrap();
    let mut group = c.benchmark_group("screen");
    for (label, bytes) in &samples {
        group.bench_function(*label, |b| b.iter(|| screener.screen_bytes(std::hint::black_box(bytes))));
    }
    group.finish();

    // The load generator must outpace the service it loads: one payment of each format.
    let mut group = c.benchmark_group("loadgen");
    for (label, mix) in [
        ("pacs008", Mix { pacs008: 1, pacs009: 0, mt103: 0 }),
        ("pacs009", Mix { pacs008: 0, pacs009: 1, mt103: 0 }),
        ("mt103", Mix { pacs008: 0, pacs009: 0, mt103: 1 }),
    ] {
        let listed =
            vec![ListedName { entity_id: "ofac-sdn:43598".into(), name: "CHOE, Chol Min".into(), organisation: false }];
        let mut generator =
            Generator::new(GeneratorConfig { seed: 1, hit_ratio: 0.02, mix, run_id: "bench".into() }, listed);
        group.bench_function(label, |b| b.iter(|| generator.next_payment()));
    }
    group.finish();
    std::fs::remove_file(&path).ok();
}

criterion_group!(query, benches);
criterion_main!(query);
