//! Index benchmark: build time, file size, open time, RSS after open and name query
//! latency (p50/p99) over all real lists available.
//!
//! Run: `cargo bench --bench index` (add `-- --queries N` to change the query count).
//! Lists: the bundled OFAC SDN CSV (2024-05-03 sdn.csv with 2026-06 alt/add) and
//! non-SDN consolidated CSV (2025-12); the UN consolidated XML from ../shared when present.
//! Queries: ../shared/eval/names-dev.tsv when present, else listed names of the index.
//! Every figure is printed with the machine's core count and the date, for
//! docs/benchmarks.md.

/// The binary's allocator (src/main.rs), so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::time::Instant;

use interdict_index::{build_from_sources, BuildOptions, BuildStep, Index};
use interdict_matcher::{MatchConfig, Matcher};

mod common;
use common::BenchArgs;

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    percentile(&v, 50.0)
}

fn main() {
    let args = BenchArgs::from_env();
    let query_limit = args.number("--queries").unwrap_or(usize::MAX);
    let quick = args.quick;

    let sources = interdict_testkit::lists::bench_lists();

    let runs = if quick { 1 } else { 5 };
    let mut build_times = Vec::new();
    let mut file = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let mut parse_done = 0.0;
        let options = BuildOptions { build_time: Some("2026-01-01T00:00:00Z".into()), ..BuildOptions::default() };
        file = build_from_sources(&sources, &options, |step| {
            if let BuildStep::Compiling = step {
                parse_done = started.elapsed().as_secs_f64();
            }
        })
        .expect("index builds")
        .bytes;
        build_times.push((parse_done, started.elapsed().as_secs_f64()));
    }
    let dir = std::env::temp_dir().join(format!("interdict-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("lists.idx");
    std::fs::write(&path, &file).unwrap();

    let mut open_times = Vec::new();
    for _ in 0..if quick { 1 } else { 20 } {
        let started = Instant::now();
        let index = Index::open(&path).expect("index opens");
        open_times.push(started.elapsed().as_secs_f64());
        drop(index);
    }
    let rss_before = rss_kib();
    let index = Index::open(&path).unwrap();
    let rss_after = rss_kib();

    let dev = repo("../shared/eval/names-dev.tsv");
    let mut queries: Vec<String> = match std::fs::read_to_string(&dev) {
        Ok(text) => text.lines().skip(1).filter_map(|l| l.split('\t').nth(1)).map(str::to_string).collect(),
        Err(_) => {
            eprintln!("note: ../shared not present, querying listed names instead of the dev set");
            index.name_ids().step_by(7).map(|i| index.name(i).text().to_string()).collect()
        }
    };
    queries.truncate(if quick { 200 } else { query_limit });
    let matcher = Matcher::new(&index, MatchConfig::default());
    // Warm up caches and page in the index once, as a long-running service would be.
    for q in &queries {
        std::hint::black_box(matcher.search(q));
    }
    let mut latencies = Vec::with_capacity(queries.len());
    let mut alerts = 0usize;
    for q in &queries {
        let started = Instant::now();
        let found = matcher.search(q);
        latencies.push(started.elapsed().as_secs_f64() * 1e6);
        alerts += found.len();
    }
    latencies.sort_by(f64::total_cmp);

    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    println!("index benchmark ({cores} cores){}", if quick { " [quick mode: not a measurement]" } else { "" });
    println!(
        "  sources: {}",
        sources.iter().map(|s| format!("{}={}", s.kind, s.path.display())).collect::<Vec<_>>().join(" ")
    );
    println!("  entities {}, names {}, tokens {}", index.entity_count(), index.name_count(), index.token_count());
    println!(
        "  build (parse + index), median of {runs}: {:.3} s (parse {:.3} s)",
        median(build_times.iter().map(|b| b.1).collect()),
        median(build_times.iter().map(|b| b.0).collect())
    );
    println!("  file size: {} bytes ({:.1} MiB)", file.len(), file.len() as f64 / 1048576.0);
    println!(
        "  open (mmap + checksum + validation), median of {}: {:.2} ms",
        open_times.len(),
        median(open_times.clone()) * 1e3
    );
    println!(
        "  RSS: {} KiB before open, {} KiB after open (+{} KiB)",
        rss_before,
        rss_after,
        rss_after.saturating_sub(rss_before)
    );
    println!(
        "  name query latency over {} queries: p50 {:.1} us, p99 {:.1} us, max {:.1} us ({} alerts)",
        latencies.len(),
        percentile(&latencies, 50.0),
        percentile(&latencies, 99.0),
        latencies.last().copied().unwrap_or(0.0),
        alerts
    );
    std::fs::remove_dir_all(&dir).ok();
}
