//! `interdict index build` and `interdict index info`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Instant, SystemTime};

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use interdict_index::{Index, InputMeta, SourceMeta};
use interdict_lists::{parse_source, ParsedSource, SourceKind};
use interdict_model::Entity;

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
            let summary = build_index(&args.sources, &args.out, !args.quiet, args.allow_empty)?;
            if !args.quiet {
                print!("{summary}");
            }
            Ok(ExitCode::SUCCESS)
        }
        IndexCommand::Info(args) => info(&args.file, args.json),
        IndexCommand::Names(args) => names(&args.file),
    }
}

/// One `--source KIND=PATH[@YYYY-MM-DD]`.
pub struct SourceArg {
    pub kind: SourceKind,
    pub path: PathBuf,
    /// The publish date given on the command line, for formats that carry none
    /// (the OFAC CSV files).
    pub published: Option<String>,
}

/// Splits `KIND=PATH`, with an optional `@YYYY-MM-DD` publish date after the path.
pub fn parse_source_arg(arg: &str) -> Result<SourceArg> {
    let (kind, rest) = arg.split_once('=').with_context(|| format!("--source {arg:?}: expected KIND=PATH"))?;
    let kind: SourceKind = kind.parse()?;
    let (path, published) = match rest.rsplit_once('@') {
        Some((path, date)) if date.len() == 10 && date.as_bytes()[4] == b'-' && date.as_bytes()[7] == b'-' => {
            let ok = interdict_lists::dates::parse_iso(date).is_some_and(|d| d.day.is_some());
            if !ok {
                bail!("--source {arg:?}: {date:?} is not a date (YYYY-MM-DD)");
            }
            (path, Some(date.to_string()))
        }
        _ => (rest, None),
    };
    if path.is_empty() {
        bail!("--source {arg:?}: the path is empty");
    }
    Ok(SourceArg { kind, path: PathBuf::from(path), published })
}

fn source_meta(kind: SourceKind, path: &Path, parsed: &ParsedSource) -> SourceMeta {
    let mut meta = SourceMeta::new(kind.as_str(), &path.display().to_string());
    meta.published = parsed.published.clone();
    meta.inputs = parsed
        .inputs
        .iter()
        .map(|i| InputMeta { path: i.path.clone(), sha256: i.sha256.clone(), bytes: i.bytes })
        .collect();
    meta.entities = parsed.entities.len() as u64;
    for e in &parsed.entities {
        *meta.by_type.entry(e.kind.as_str().to_string()).or_default() += 1;
        *meta.by_list.entry(e.source.clone()).or_default() += 1;
    }
    meta.warnings = parsed.warnings.counts.iter().cloned().collect();
    meta
}

/// Parses every source, builds the index and writes it atomically. Returns a
/// human-readable summary.
pub fn build_index(sources: &[String], out: &Path, progress: bool, allow_empty: bool) -> Result<String> {
    let started = Instant::now();
    let parsed_args = sources.iter().map(|s| parse_source_arg(s)).collect::<Result<Vec<_>>>()?;
    let bar = if progress { ProgressBar::new(parsed_args.len() as u64 + 2) } else { ProgressBar::hidden() };
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {msg}")
            .expect("static template")
            .progress_chars("=> "),
    );
    let mut entities: Vec<Entity> = Vec::new();
    let mut metas = Vec::new();
    let mut warnings_text = String::new();
    for SourceArg { kind, path, published } in &parsed_args {
        bar.set_message(format!("parsing {kind} {}", path.display()));
        let mut parsed =
            parse_source(*kind, path).with_context(|| format!("reading {kind} source {}", path.display()))?;
        if let Some(date) = published {
            // The operator's date wins: it names the list release the files came from.
            parsed.published = Some(date.clone());
            for e in &mut parsed.entities {
                e.published = Some(date.clone());
            }
        }
        if parsed.entities.is_empty() && !allow_empty {
            bail!(
                "{kind} source {} gives no entities: an index without this list would screen nothing against it \
                 (pass --allow-empty if the list is empty on purpose)",
                path.display()
            );
        }
        for w in &parsed.warnings.kept {
            warnings_text.push_str(&format!("  warning: {}: {}: {}\n", w.file, w.position, w.message));
        }
        metas.push(source_meta(*kind, path, &parsed));
        entities.extend(parsed.entities);
        bar.inc(1);
    }
    bar.set_message("building index");
    let build_time = humantime::format_rfc3339_seconds(SystemTime::now()).to_string();
    let bytes = interdict_index::build(entities, metas.clone(), &build_time)?;
    bar.inc(1);
    bar.set_message(format!("writing {}", out.display()));
    write_atomically(out, &bytes)?;
    // Prove the file we wrote opens and verifies before anyone relies on it.
    let index = Index::open(out).with_context(|| format!("verifying {}", out.display()))?;
    bar.inc(1);
    bar.finish_and_clear();

    let mut s = String::new();
    s.push_str(&format!(
        "wrote {} ({} bytes, {}) in {:.2} s: {} entities, {} names, {} tokens, {} identifiers\n",
        out.display(),
        bytes.len(),
        index.version(),
        started.elapsed().as_secs_f64(),
        index.entity_count(),
        index.name_count(),
        index.token_count(),
        index.metadata().identifiers,
    ));
    for m in &metas {
        s.push_str(&source_line(m));
    }
    let mut by_type: BTreeMap<&str, u64> = BTreeMap::new();
    for m in &metas {
        for (k, v) in &m.by_type {
            *by_type.entry(k).or_default() += v;
        }
    }
    s.push_str(&format!("  all sources: {}\n", counts(&by_type)));
    if !warnings_text.is_empty() {
        s.push_str("first warnings of each kind:\n");
        s.push_str(&warnings_text);
    }
    Ok(s)
}

fn counts<K: std::fmt::Display>(map: &BTreeMap<K, u64>) -> String {
    map.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ")
}

fn source_line(m: &SourceMeta) -> String {
    let mut s = format!(
        "  {} {}: {} entities (published {}; {}; lists: {})\n",
        m.kind,
        m.path,
        m.entities,
        m.published.as_deref().unwrap_or("unknown"),
        counts(&m.by_type),
        counts(&m.by_list),
    );
    if !m.warnings.is_empty() {
        s.push_str(&format!("    warnings: {}\n", counts(&m.warnings)));
    }
    s
}

fn write_atomically(out: &Path, bytes: &[u8]) -> Result<()> {
    let dir = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let file_name = out.file_name().context("--out has no file name")?.to_string_lossy();
    let tmp = dir.join(format!(".{file_name}.tmp-{}", std::process::id()));
    let mut f = std::fs::File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
    f.write_all(bytes).with_context(|| format!("writing {}", tmp.display()))?;
    f.sync_all().with_context(|| format!("syncing {}", tmp.display()))?;
    drop(f);
    std::fs::rename(&tmp, out).with_context(|| format!("renaming {} to {}", tmp.display(), out.display()))?;
    Ok(())
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
            print!("{}", source_line(m));
            for i in &m.inputs {
                println!("    {} sha256:{} ({} bytes)", i.path, i.sha256, i.bytes);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn names(path: &Path) -> Result<ExitCode> {
    let index = Index::open(path).with_context(|| format!("opening {}", path.display()))?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for i in 0..index.name_count() as u32 {
        let name = index.name(i);
        let role = interdict_model::NameRole::from(&name.role);
        let entity = index.entity(name.entity.to_native());
        // Tabs and line breaks inside a name would break the format.
        let text: String =
            name.text.chars().map(|c| if c == '\t' || c == '\n' || c == '\r' { ' ' } else { c }).collect();
        writeln!(out, "{}\t{}\t{}", entity.id.as_str(), role.as_str(), text)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
