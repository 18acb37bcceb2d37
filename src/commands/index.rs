//! `interdict index build` and `interdict index info`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use interdict_index::{build_from_sources, BuildOptions, BuildStep, Index, Source};

#[derive(Subcommand)]
pub enum IndexCommand {
    /// Compile list files into one index file.
    Build(BuildArgs),
    /// Describe an index file: format version, build time, sources and counts.
    Info(InfoArgs),
    /// Print every indexed name as `entity_id<TAB>role<TAB>name`, one per line.
    Names(NamesArgs),
}

#[derive(Args)]
pub struct NamesArgs {
    /// The index file.
    pub file: PathBuf,
}

#[derive(Args)]
pub struct BuildArgs {
    /// A list to include, as KIND=PATH. KIND is one of ofac-csv (a directory or
    /// comma-separated files), ofac-xml, ofac-advanced, un-xml, eu-xml, uk-csv,
    /// custom-csv, custom-json. Append @YYYY-MM-DD to record the list's publish date
    /// when its files carry none (OFAC CSV). Repeat for several lists.
    #[arg(long = "source", value_name = "KIND=PATH[@DATE]", required = true)]
    pub sources: Vec<String>,
    /// The index file to write (replaced atomically).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Print nothing but errors.
    #[arg(long)]
    pub quiet: bool,
    /// Accept a source that gives no entities (a list that is empty on purpose).
    /// Without it, an empty source is an error: an index missing a list screens
    /// nothing against it, silently.
    #[arg(long)]
    pub allow_empty: bool,
}

#[derive(Args)]
pub struct InfoArgs {
    /// The index file.
    pub file: PathBuf,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run(cmd: IndexCommand) -> Result<ExitCode> {
    match cmd {
        IndexCommand::Build(args) => {
            let sources = args.sources.iter().map(|s| s.parse::<Source>()).collect::<Result<Vec<_>, _>>()?;
            let summary = build_index(&sources, &args.out, !args.quiet, args.allow_empty)?;
            if !args.quiet {
                print!("{summary}");
            }
            Ok(ExitCode::SUCCESS)
        }
        IndexCommand::Info(args) => info(&args.file, args.json),
        IndexCommand::Names(args) => names(&args.file),
    }
}

/// Builds the index of `sources` into `out`, with a progress bar on stderr when
/// `progress`; returns the summary to print.
pub fn build_index(sources: &[Source], out: &Path, progress: bool, allow_empty: bool) -> Result<String> {
    let started = Instant::now();
    let bar = if progress { ProgressBar::new(sources.len() as u64 + 2) } else { ProgressBar::hidden() };
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {msg}")
            .expect("static template")
            .progress_chars("=> "),
    );
    let options = BuildOptions { allow_empty, build_time: None };
    let built = build_from_sources(sources, &options, |step| {
        match step {
            BuildStep::Parsing(source) => bar.set_message(format!("parsing {} {}", source.kind, source.path.display())),
            BuildStep::Compiling => bar.set_message("building index"),
        }
        bar.inc(1);
    })
    .map_err(|e| match e {
        interdict_index::Error::EmptySource { .. } => anyhow::anyhow!("{e}; pass --allow-empty if it is"),
        e => e.into(),
    })?;
    bar.set_message(format!("writing {}", out.display()));
    let index = built.write(out).with_context(|| format!("writing {}", out.display()))?;
    bar.inc(1);
    bar.finish_and_clear();
    Ok(format!(
        "wrote {} ({} bytes, {}) in {:.2} s: {} entities, {} names, {} tokens, {} identifiers\n{built}",
        out.display(),
        built.bytes.len(),
        index.version(),
        started.elapsed().as_secs_f64(),
        index.entity_count(),
        index.name_count(),
        index.token_count(),
        index.metadata().identifiers,
    ))
}

fn info(path: &Path, json: bool) -> Result<ExitCode> {
    let started = Instant::now();
    let index = Index::open(path).with_context(|| format!("opening {}", path.display()))?;
    let open_ms = started.elapsed().as_secs_f64() * 1e3;
    let meta = index.metadata();
    if json {
        let value = serde_json::json!({
            "file": path.display().to_string(),
            "version": index.version(),
            "format_version": meta.format_version,
            "build_time": meta.build_time,
            "builder": meta.builder,
            "bytes": index.file_len(),
            "entities": meta.entities,
            "names": meta.names,
            "tokens": meta.tokens,
            "identifiers": meta.identifiers,
            "sources": meta.sources,
        });
        println!("{}", serde_json::to_string_pretty(&value)?);
    } else {
        println!("{}: {}", path.display(), index.version());
        println!("  format version {}, built {} by {}", meta.format_version, meta.build_time, meta.builder);
        println!(
            "  {} bytes, {} entities, {} names, {} tokens, {} identifiers (opened and verified in {open_ms:.1} ms)",
            index.file_len(),
            meta.entities,
            meta.names,
            meta.tokens,
            meta.identifiers
        );
        for m in &meta.sources {
            print!("{m:#}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn names(path: &Path) -> Result<ExitCode> {
    let index = Index::open(path).with_context(|| format!("opening {}", path.display()))?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    index.write_names(&mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
