//! Payment screening benchmark: a typical pacs.008 against the full index on one core.
//! Reports messages per second and the latency distribution (parse + screen), and the
//! parse time alone for each format.
//!
//! Run: `cargo bench --bench screening` (add `-- --messages N`). Lists as in the index
//! bench: bundled OFAC SDN and non-SDN CSV, plus the UN list from ../shared when present.
//! Messages: `data/payments/pacs008_choe.xml` (a hold: a listed debtor, a Tehran
//! creditor, a listed name in the remittance) and a pass variant of it with innocent
//! parties, alternating; a stream of generated pacs.008 payments (the load generator's
//! tables); MT103 and JSON samples for parse times.

/// The binary's allocator (src/main.rs), so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use interdict_loadgen::{Generator, GeneratorConfig, Mix};
use interdict_messages::{parse, Limits};
use interdict_model::{EntityKind, Outcome};
use interdict_screen::{ScreenConfig, Screener};

mod common;
use common::BenchArgs;

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[(((p / 100.0) * (sorted.len() - 1) as f64).round() as usize).min(sorted.len() - 1)]
}

/// The texts of the `<Nm>` elements of a message.
fn party_names(message: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut rest = message;
    while let Some(start) = rest.windows(4).position(|w| w == b"<Nm>") {
        let after = &rest[start + 4..];
        let Some(end) = after.windows(5).position(|w| w == b"</Nm>") else { break };
        out.push(&after[..end]);
        rest = &after[end..];
    }
    out
}

fn main() {
    let args = BenchArgs::from_env();
    let quick = args.quick;
    let messages = args.count("--messages", 200, 100_000);

    let index = Arc::new(interdict_testkit::lists::index_of(&interdict_testkit::lists::bench_lists()));
    // No name cache: every message's names are screened, as for counterparties never seen.
    let screener = Screener::new(index.clone(), ScreenConfig { name_cache_entries: 0, ..ScreenConfig::default() })
        .expect("screener");
    let cached = Screener::new(index.clone(), ScreenConfig::default()).expect("screener");

    let hold = std::fs::read(repo("data/payments/pacs008_choe.xml")).unwrap();
    let pass = String::from_utf8(hold.clone())
        .unwrap()
        .replace("CHOI CHOL-MIN", "LI WEI MACHINERY CO")
        .replace("PARS PRECISION BEARINGS CO", "GULF INDUSTRIAL SUPPLIES LLC")
        .replace("<AdrLine>TEHRAN</AdrLine>", "<AdrLine>DUBAI</AdrLine>")
        .replace("VIA 2ND ACADEMY OF NATURAL SCIENCES", "PO 7781 DELIVERY 3")
        .into_bytes();
    let inputs = [&hold, &pass];
    let first = screener.screen_bytes(&hold);
    let second = screener.screen_bytes(&pass);
    let outcomes = (first[0].verdict, second[0].verdict);

    // Warm up, then measure each message end to end (parse + screen), one thread.
    for i in 0..1000.min(messages) {
        std::hint::black_box(screener.screen_bytes(inputs[i % 2]));
    }
    let mut latencies = Vec::with_capacity(messages);
    let started = Instant::now();
    for i in 0..messages {
        let t = Instant::now();
        let v = screener.screen_bytes(inputs[i % 2]);
        latencies.push(t.elapsed().as_secs_f64() * 1e6);
        std::hint::black_box(v);
    }
    let total = started.elapsed().as_secs_f64();
    latencies.sort_by(f64::total_cmp);

    // The same two messages with the name cache on: repeated counterparties.
    let mut warm = Vec::with_capacity(messages);
    let started_warm = Instant::now();
    for i in 0..messages {
        let t = Instant::now();
        std::hint::black_box(cached.screen_bytes(inputs[i % 2]));
        warm.push(t.elapsed().as_secs_f64() * 1e6);
    }
    let total_warm = started_warm.elapsed().as_secs_f64();
    warm.sort_by(f64::total_cmp);

    // A stream of generated pacs.008 payments (the load generator's tables: 23 locales,
    // 2 % listed names), each screened once: with the name cache off (every name
    // matched), and with it on, starting empty (names repeat as often as the tables
    // make them).
    let listed = interdict_loadgen::listed_names_from(index.entity_ids().map(|i| {
        let e = index.entity(i);
        (e.id.to_string(), e.name.to_string(), EntityKind::from(&e.kind))
    }));
    let mut generator = Generator::new(
        GeneratorConfig {
            seed: 7,
            hit_ratio: 0.02,
            mix: Mix { pacs008: 1, pacs009: 0, mt103: 0 },
            run_id: "bench".into(),
        },
        listed,
    );
    let stream: Vec<Vec<u8>> = (0..messages).map(|_| generator.next_payment().bytes).collect();
    let names: Vec<&[u8]> = stream.iter().flat_map(|m| party_names(m)).collect();
    let distinct: std::collections::HashSet<&[u8]> = names.iter().copied().collect();
    let generated_cached = Screener::new(index.clone(), ScreenConfig::default()).expect("screener");
    let mut generated = Vec::new();
    for (label, screener) in [("name cache off", &screener), ("name cache on, from empty", &generated_cached)] {
        let mut lat = Vec::with_capacity(messages);
        let started = Instant::now();
        for m in &stream {
            let t = Instant::now();
            std::hint::black_box(screener.screen_bytes(m));
            lat.push(t.elapsed().as_secs_f64() * 1e6);
        }
        let rate = messages as f64 / started.elapsed().as_secs_f64();
        lat.sort_by(f64::total_cmp);
        generated.push((label, rate, percentile(&lat, 50.0), percentile(&lat, 99.0)));
    }

    let mut parse_times = Vec::new();
    for (label, file) in [
        ("pacs.008 (CBPR+ with AppHdr)", "data/payments/pacs008_choe.xml"),
        ("MT103", "data/payments/mt103_rent.txt"),
        ("JSON (2 payments, NDJSON)", "data/payments/json_payments.ndjson"),
    ] {
        let bytes = std::fs::read(repo(file)).unwrap();
        let rounds = if quick { 100 } else { 50_000 };
        let t = Instant::now();
        let mut ok = 0;
        for _ in 0..rounds {
            ok += parse(std::hint::black_box(&bytes), &Limits::default()).iter().filter(|r| r.is_ok()).count();
        }
        parse_times.push((label, t.elapsed().as_secs_f64() * 1e6 / rounds as f64, ok / rounds));
    }

    // Worst cases: messages just under the 1 MiB limit built to make screening work
    // hard. Each is screened several times (no name cache); the median is reported.
    let limit = Limits::default().max_message_bytes;
    let worst: Vec<(&str, Vec<u8>)> = vec![
        ("one long word as the debtor's name", worst_pacs008(limit, |room| format!("<Nm>{}</Nm>", "A".repeat(room)))),
        (
            "many short words as the debtor's name",
            worst_pacs008(limit, |room| format!("<Nm>{}</Nm>", "AB CD EF GH ".repeat(room / 12))),
        ),
        ("many distinct parties (one transaction each)", worst_transactions(limit)),
        (
            "many words of remittance text",
            worst_pacs008(limit, |room| {
                format!(
                    "<Nm>EMMA DANIELS</Nm></Dbtr><RmtInf><Ustrd>{}</Ustrd></RmtInf><Dbtr><Nm>X</Nm>",
                    "KIM AL ABU ".repeat(room / 12)
                )
            }),
        ),
    ];
    let mut worst_times = Vec::new();
    for (label, message) in &worst {
        assert!(message.len() <= limit, "{label}: {} bytes", message.len());
        let rounds = if quick { 1 } else { 7 };
        let mut times: Vec<f64> = (0..rounds)
            .map(|_| {
                let t = Instant::now();
                let v = screener.screen_bytes(message);
                let ms = t.elapsed().as_secs_f64() * 1e3;
                assert!(v.iter().all(|v| v.verdict != Outcome::Error), "{label}: {:?}", v[0].error);
                ms
            })
            .collect();
        times.sort_by(f64::total_cmp);
        worst_times.push((*label, message.len(), times[times.len() / 2], *times.last().unwrap()));
    }

    println!("screening benchmark, one thread{}", if quick { " [quick mode: not a measurement]" } else { "" });
    println!("  index: {} entities, {} names ({})", index.entity_count(), index.name_count(), index.version());
    println!("  verdicts: hold sample {:?}, pass sample {:?}", outcomes.0, outcomes.1);
    assert!(outcomes.0 == Outcome::Hold || quick, "the hold sample must hold");
    println!(
        "  pacs.008 parse + screen, no name cache, {messages} messages: {:.0} messages/s; latency p50 {:.1} us, p99 {:.1} us, max {:.1} us",
        messages as f64 / total,
        percentile(&latencies, 50.0),
        percentile(&latencies, 99.0),
        latencies.last().copied().unwrap_or(0.0)
    );
    println!(
        "  pacs.008 parse + screen, repeated counterparties (name cache on): {:.0} messages/s; latency p50 {:.1} us, p99 {:.1} us",
        messages as f64 / total_warm,
        percentile(&warm, 50.0),
        percentile(&warm, 99.0)
    );
    println!(
        "  generated pacs.008 stream ({messages} payments, {} party names of which {} distinct):",
        names.len(),
        distinct.len()
    );
    for (label, rate, p50, p99) in generated {
        println!("    {label}: {rate:.0} messages/s; latency p50 {p50:.1} us, p99 {p99:.1} us");
    }
    for (label, us, ok) in parse_times {
        println!("  parse only, {label}: {us:.2} us per input ({ok} payment(s) parsed)");
    }
    println!("  worst cases, a message just under the 1 MiB limit, parse + screen, no name cache:");
    for (label, len, median, max) in worst_times {
        println!("    {label} ({len} bytes): median {median:.1} ms, max {max:.1} ms");
    }
}

/// A pacs.008 of at most `limit` bytes whose debtor element is `debtor(room)`, `room`
/// being the bytes left for it.
fn worst_pacs008(limit: usize, debtor: impl Fn(usize) -> String) -> Vec<u8> {
    let wrap = |inner: &str| {
        format!(
            r#"<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf><GrpHdr><MsgId>WORST</MsgId><NbOfTxs>1</NbOfTxs></GrpHdr><CdtTrfTxInf><PmtId><EndToEndId>E</EndToEndId></PmtId><IntrBkSttlmAmt Ccy="EUR">1.00</IntrBkSttlmAmt><Dbtr>{inner}</Dbtr><Cdtr><Nm>NORTHERN HOMES</Nm></Cdtr></CdtTrfTxInf></FIToFICstmrCdtTrf></Document>"#
        )
    };
    let overhead = wrap("").len() + 64;
    let mut room = limit - overhead;
    loop {
        let message = wrap(&debtor(room));
        if message.len() <= limit {
            return message.into_bytes();
        }
        room -= message.len() - limit;
    }
}

/// A pacs.008 of at most `limit` bytes holding as many transactions as fit, each with a
/// debtor and a creditor of distinct names.
fn worst_transactions(limit: usize) -> Vec<u8> {
    let head = r#"<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf><GrpHdr><MsgId>WORST</MsgId></GrpHdr>"#;
    let tail = "</FIToFICstmrCdtTrf></Document>";
    let mut body = String::new();
    let words = ["HASSAN", "PETROV", "NGUYEN", "MUELLER", "OKAFOR", "SILVA", "KOWALSKI", "TANAKA", "HOLM", "DIAZ"];
    for i in 0.. {
        let name =
            |k: usize| format!("{} {} {i}", words[(i + k) % words.len()], words[(i / words.len() + k) % words.len()]);
        let tx = format!(
            "<CdtTrfTxInf><PmtId><EndToEndId>E{i}</EndToEndId></PmtId><Dbtr><Nm>{}</Nm><PstlAdr><AdrLine>{i} HIGH STREET</AdrLine></PstlAdr></Dbtr><Cdtr><Nm>{}</Nm></Cdtr></CdtTrfTxInf>",
            name(1),
            name(3)
        );
        if head.len() + body.len() + tx.len() + tail.len() > limit {
            break;
        }
        body.push_str(&tx);
    }
    format!("{head}{body}{tail}").into_bytes()
}
