//! Indexes of the lists bundled under `data/`, compiled in memory the way `interdict
//! index build` compiles them ([`interdict_index::build_from_sources`]), for tests,
//! benches and fuzz targets; and the file names under which list inputs made in memory
//! are parsed.

use std::path::{Path, PathBuf};

use interdict_index::{build_from_sources, BuildOptions, Index, Source};
use interdict_lists::SourceKind;

/// A fixed build time: the same lists give the same index bytes and version.
pub const BUILD_TIME: &str = "2026-01-01T00:00:00Z";

/// A path in the repository, from its root.
pub fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(relative)
}

/// The bundled OFAC lists: the SDN list (CSV) and the consolidated non-SDN list (XML).
pub fn bundled_ofac() -> Vec<Source> {
    vec![
        Source::new(SourceKind::OfacCsv, repo_path("data/ofac/sdn")),
        Source::new(SourceKind::OfacXml, repo_path("data/ofac/consolidated.xml.gz")),
    ]
}

/// The bundled OFAC SDN list alone (CSV).
pub fn bundled_sdn() -> Vec<Source> {
    vec![Source::new(SourceKind::OfacCsv, repo_path("data/ofac/sdn"))]
}

/// The lists the benchmarks measure: the bundled OFAC CSV lists (SDN and non-SDN) and,
/// when `../shared` holds it, the UN consolidated list (a note on stderr says when not).
pub fn bench_lists() -> Vec<Source> {
    let mut sources = vec![
        Source::new(SourceKind::OfacCsv, repo_path("data/ofac/sdn")),
        Source::new(SourceKind::OfacCsv, repo_path("data/ofac/nonsdn-csv")),
    ];
    let un = repo_path("../shared/data/un/un_consolidated_2026-02-27.xml");
    if un.exists() {
        sources.push(Source::new(SourceKind::UnXml, un));
    } else {
        eprintln!("note: ../shared not present, the UN list is not included");
    }
    sources
}

/// The index of `sources`, in memory; panics saying which source failed.
pub fn index_of(sources: &[Source]) -> Index {
    let options = BuildOptions { allow_empty: false, build_time: Some(BUILD_TIME.into()) };
    match build_from_sources(sources, &options, |_| {}).and_then(|built| built.open()) {
        Ok(index) => index,
        Err(e) => panic!("building an index of {sources:?}: {e}"),
    }
}

/// A file name the parser of `kind` accepts, for an input made in memory (the OFAC CSV
/// parser reads the file's role from its name).
pub fn file_name(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::OfacCsv => "sdn.csv",
        SourceKind::OfacXml => "sdn.xml",
        SourceKind::OfacAdvanced => "sdn_advanced.xml",
        SourceKind::UnXml => "un.xml",
        SourceKind::EuXml => "eu.xml",
        SourceKind::UkCsv => "uk.csv",
        SourceKind::CustomCsv => "x.csv",
        SourceKind::CustomJson => "x.json",
    }
}
