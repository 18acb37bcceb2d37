//! `interdict demo`: compile the bundled OFAC lists, screen sample names, then screen
//! the sample payments in `data/payments` (ISO 20022, SWIFT MT, JSON).
//!
//! Then it streams the same payments (and a broken one) through the service on an
//! in-process Kafka (librdkafka's mock cluster) and prints the decisions read back from
//! the decisions topic.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;
use interdict_index::{Index, Source};
use interdict_lists::SourceKind;
use interdict_matcher::{MatchConfig, Matcher};
use interdict_screen::{ScreenConfig, Screener};

#[derive(Args)]
pub struct DemoArgs {
    /// Directory holding the bundled OFAC files (sdn/ and consolidated.xml.gz).
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Where to write the demo index.
    #[arg(long, default_value = "target/demo/lists.idx")]
    pub out: PathBuf,
}

/// Names a payment might carry: listed parties written the way payments write them,
/// and innocent ones.
const SAMPLE_NAMES: [&str; 7] = [
    "CHOI CHOL-MIN",
    "Min Chol Choe",
    "2ND ACADEMY OF NATURAL SCIENCES",
    "BANCO NACIONAL DE CUBA",
    "EMMA DANIELS",
    "Aerocaribbean Airlines",
    "John Smith Plumbing Ltd",
];

fn default_data_dir() -> PathBuf {
    let local = PathBuf::from("data/ofac");
    if local.is_dir() {
        return local;
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/ofac")
}

pub fn run(args: DemoArgs) -> Result<ExitCode> {
    // The service's own log lines: only what goes wrong.
    interdict_stream::logging::init(interdict_stream::LogFormat::Text, "warn")?;
    let data = args.data.unwrap_or_else(default_data_dir);
    if let Some(dir) = args.out.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let sources = [
        // sdn.csv as OFAC served it on 2024-05-03; the CSV files carry no date of their own.
        Source { published: Some("2024-05-03".into()), ..Source::new(SourceKind::OfacCsv, data.join("sdn")) },
        Source::new(SourceKind::OfacXml, data.join("consolidated.xml.gz")),
    ];
    println!("== Building an index from the bundled OFAC lists ({})", data.display());
    print!("{}", super::index::build_index(&sources, &args.out, true, false)?);

    let started = Instant::now();
    let index = Index::open(&args.out)?;
    println!(
        "\n== Opened {} in {:.1} ms ({})",
        args.out.display(),
        started.elapsed().as_secs_f64() * 1e3,
        index.version()
    );
    let matcher = Matcher::new(&index, MatchConfig::default());
    println!("\n== Screening sample names (threshold {})", matcher.config().threshold);
    for name in SAMPLE_NAMES {
        let alerts = matcher.search(name);
        if alerts.is_empty() {
            println!("PASS  {name}");
        }
        for (i, a) in alerts.iter().take(3).enumerate() {
            let j = a.details(&index);
            let label = if i == 0 { "HOLD " } else { "     " };
            let shown = if i == 0 { name } else { "" };
            println!("{label} {shown:<32} {j}");
            println!("        {}", j.explanation);
        }
    }
    let payments_dir = data.parent().map(|d| d.join("payments")).unwrap_or_else(|| PathBuf::from("data/payments"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&payments_dir)
        .with_context(|| format!("reading {}", payments_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    println!("\n== Screening sample payments ({})", payments_dir.display());
    let screener = Arc::new(Screener::new(Arc::new(index), ScreenConfig::default())?);
    let mut messages: Vec<(String, Vec<u8>)> = Vec::new();
    for file in files {
        let bytes = std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
        let name = file.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        // One Kafka message per payment: NDJSON lines apart, other files whole.
        if name.ends_with(".ndjson") {
            for (i, line) in bytes.split(|b| *b == b'\n').filter(|l| !l.is_empty()).enumerate() {
                messages.push((format!("{name}#{}", i + 1), line.to_vec()));
            }
        } else {
            messages.push((name.clone(), bytes.clone()));
        }
        for v in screener.screen_bytes(&bytes) {
            print!("{}", v.to_text(&name));
        }
    }
    messages.push(("broken.xml".into(), b"<Document><FIToFICstmrCdtTrf><GrpHdr>".to_vec()));

    println!("\n== Streaming the same payments through an in-process Kafka (librdkafka mock cluster)");
    let work = args.out.parent().unwrap_or(Path::new(".")).join("demo-review");
    tokio::runtime::Runtime::new()?.block_on(stream(screener, messages, &work))?;
    Ok(ExitCode::SUCCESS)
}

/// Streams the payments through the service on an in-process Kafka, prints the decisions
/// read back, then has the holds reviewed (the first decided by two demo users).
async fn stream(screener: Arc<Screener>, messages: Vec<(String, Vec<u8>)>, work: &Path) -> Result<()> {
    let config = interdict_stream::Config {
        group: "interdict-demo".into(),
        input_topics: vec!["payments.in".into()],
        decisions_topic: "payments.decisions".into(),
        review_topic: "payments.review".into(),
        dlq_topic: "payments.dlq".into(),
        ..interdict_stream::Config::default()
    };
    let run = interdict_stream::mock::stream_through(config, 3, screener, &messages).await?;
    println!("produced {} payments to payments.in (3 partitions) on {}", messages.len(), run.brokers);
    for d in &run.decisions {
        println!(
            "decision  {:<5} {:<26} partition {} offset {}  hits {}  {:.0} us",
            d.verdict.as_str().to_uppercase(),
            d.message.key.as_deref().unwrap_or("-"),
            d.message.input.partition,
            d.message.input.offset,
            d.hits,
            d.latency_us
        );
    }
    println!(
        "{} messages screened: {} decisions, {} on the review topic, {} on the dead-letter topic; offsets stored: {:?}",
        run.stats.messages,
        run.decisions.len(),
        run.reviews.len(),
        run.dead_letters,
        run.stats.stored.values().collect::<Vec<_>>()
    );
    println!("\n== Reviewing the holds (interdict review on the in-process Kafka, SQLite in {})", work.display());
    let seen = interdict_review::demo::decide_first_hold(&run.reviews, work).await?;
    let o = &seen.outcome;
    println!(
        "{} cases opened; {} proposed by {}, approved by {}:",
        seen.cases,
        o.decision.as_str(),
        o.proposed_by,
        o.approved_by
    );
    println!("outcome   {}", serde_json::to_string(o)?);
    println!("pacs.002  {}", seen.status_report.as_deref().unwrap_or("(not an ISO 20022 payment)"));
    Ok(())
}
