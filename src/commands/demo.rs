//! `interdict demo`: compile the bundled OFAC lists and screen sample names.
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
    Ok(ExitCode::SUCCESS)
}
