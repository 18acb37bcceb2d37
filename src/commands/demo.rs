//! `interdict demo`: compile the bundled OFAC lists, screen sample names, then screen
//! the sample payments in `data/payments` (ISO 20022, SWIFT MT, JSON).
//!
//! The streaming demo (an in-process Kafka, the service and a payment producer) will
//! replace this once the Kafka service exists; today it shows the list → index →
//! search path end to end.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;
use interdict_index::Index;
use interdict_matcher::{MatchConfig, Matcher};
use interdict_model::Outcome;
use interdict_screen::{ScreenConfig, Screener};

use super::search::alert_json;

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
    let data = args.data.unwrap_or_else(default_data_dir);
    if let Some(dir) = args.out.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let sources = [
        // sdn.csv as OFAC served it on 2024-05-03; the CSV files carry no date of their own.
        format!("ofac-csv={}@2024-05-03", data.join("sdn").display()),
        format!("ofac-xml={}", data.join("consolidated.xml.gz").display()),
    ];
    println!("== Building an index from the bundled OFAC lists ({})", data.display());
    print!("{}", super::index::build_index(&sources, &args.out, true)?);

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
            let j = alert_json(&index, a);
            let label = if i == 0 { "HOLD " } else { "     " };
            let shown = if i == 0 { name } else { "" };
            println!("{label} {shown:<32} {:.2} {} {} [{}]", j.score, j.entity_id, j.name, j.programs.join(", "));
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
    let screener = Screener::new(std::sync::Arc::new(index), ScreenConfig::default())?;
    for file in files {
        let bytes = std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
        let name = file.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        for v in screener.screen_bytes(&bytes) {
            let outcome = match v.verdict {
                Outcome::Pass => "PASS ",
                Outcome::Hold => "HOLD ",
                Outcome::Error => "ERROR",
            };
            let format = v.format.map(|f| f.as_str()).unwrap_or("?");
            println!("{outcome} {name} {} ({format})", v.message_id.as_deref().unwrap_or("-"));
            if let Some(e) = &v.error {
                println!("        {}", e.reason);
            }
            for h in &v.hits {
                println!(
                    "        {} {}: {}",
                    h.field_path,
                    h.entity_id.as_deref().unwrap_or(&h.listed_name),
                    h.explanation
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
