//! From list files to an index file: the sources named as `KIND=PATH[@DATE]`, parsed
//! and checked ([`build_from_sources`]), and the file written so that no reader ever
//! maps a half-written or unverified index ([`BuiltIndex::write`]).
//!
//! Every caller that turns lists into an index (the `index build` command, the demo,
//! the benches and the tests) goes through here, so the rules live in one place: a
//! source that gives no entities is refused unless allowed, an operator's publish date
//! overrides what the files say, and the report names every file read with its hash.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use interdict_lists::{parse_source, ParsedSource, SourceKind};

use crate::{Error, Index, InputMeta, SourceMeta};

/// One list to include: its format, where its files are, and the publish date the
/// operator gives it (OFAC's CSV files carry none of their own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub kind: SourceKind,
    pub path: PathBuf,
    /// ISO 8601 date (`YYYY-MM-DD`); overrides the date the files carry.
    pub published: Option<String>,
}

impl Source {
    pub fn new(kind: SourceKind, path: impl Into<PathBuf>) -> Source {
        Source { kind, path: path.into(), published: None }
    }
}

impl std::str::FromStr for Source {
    type Err = Error;

    /// `KIND=PATH[@YYYY-MM-DD]`, as given to `--source`.
    fn from_str(arg: &str) -> Result<Source, Error> {
        let bad = |reason: String| Error::SourceArgument { argument: arg.to_string(), reason };
        let (kind, rest) = arg.split_once('=').ok_or_else(|| bad("expected KIND=PATH".into()))?;
        let kind: SourceKind = kind.parse().map_err(|e: interdict_lists::Error| bad(e.to_string()))?;
        let (path, published) = match rest.rsplit_once('@') {
            Some((path, date)) if date.len() == 10 && date.as_bytes()[4] == b'-' && date.as_bytes()[7] == b'-' => {
                if interdict_lists::dates::parse_iso(date).is_none_or(|d| d.day.is_none()) {
                    return Err(bad(format!("{date:?} is not a date (YYYY-MM-DD)")));
                }
                (path, Some(date.to_string()))
            }
            _ => (rest, None),
        };
        if path.is_empty() {
            return Err(bad("the path is empty".into()));
        }
        Ok(Source { kind, path: PathBuf::from(path), published })
    }
}

/// How to build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Accept a source that gives no entities (a list empty on purpose). Without it, an
    /// empty source is an error: an index missing a list screens nothing against it,
    /// silently.
    pub allow_empty: bool,
    /// RFC 3339 build time to record; now when `None`. Fixed times make byte-identical
    /// builds for tests and benches.
    pub build_time: Option<String>,
}

/// What [`build_from_sources`] is doing, for a progress display.
#[derive(Debug, Clone, Copy)]
pub enum BuildStep<'a> {
    Parsing(&'a Source),
    Compiling,
}

/// The bytes of a built index and what went into it.
#[derive(Debug)]
pub struct BuiltIndex {
    pub bytes: Vec<u8>,
    /// One entry per source, in the order given: files read with their SHA-256,
    /// entities by type and list, warning counts. Also stored in the index metadata.
    pub sources: Vec<SourceMeta>,
    /// The first warnings of each kind, as `file: position: message`.
    pub warnings: Vec<String>,
}

/// Parses every source and compiles one index from all their entities.
pub fn build_from_sources(
    sources: &[Source],
    options: &BuildOptions,
    mut progress: impl FnMut(BuildStep<'_>),
) -> Result<BuiltIndex, Error> {
    let mut entities = Vec::new();
    let mut metas = Vec::with_capacity(sources.len());
    let mut warnings = Vec::new();
    for source in sources {
        progress(BuildStep::Parsing(source));
        let mut parsed = parse_source(source.kind, &source.path).map_err(|error| Error::Source {
            kind: source.kind.as_str(),
            path: source.path.clone(),
            error: Box::new(error),
        })?;
        if let Some(date) = &source.published {
            // The operator's date wins: it names the list release the files came from.
            parsed.published = Some(date.clone());
            for e in &mut parsed.entities {
                e.published = Some(date.clone());
            }
        }
        if parsed.entities.is_empty() && !options.allow_empty {
            return Err(Error::EmptySource { kind: source.kind.as_str(), path: source.path.clone() });
        }
        warnings.extend(parsed.warnings.kept.iter().map(|w| format!("{}: {}: {}", w.file, w.position, w.message)));
        metas.push(source_meta(source, &parsed));
        entities.extend(parsed.entities);
    }
    progress(BuildStep::Compiling);
    let build_time = match &options.build_time {
        Some(time) => time.clone(),
        None => humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string(),
    };
    let bytes = crate::build(entities, metas.clone(), &build_time)?;
    Ok(BuiltIndex { bytes, sources: metas, warnings })
}

fn source_meta(source: &Source, parsed: &ParsedSource) -> SourceMeta {
    let mut meta = SourceMeta::new(source.kind.as_str(), &source.path.display().to_string());
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
    meta.warnings = parsed.warnings.counts.iter().cloned().collect::<BTreeMap<_, _>>();
    meta
}

impl BuiltIndex {
    /// The index in memory, verified as [`Index::open`] verifies a file.
    pub fn open(self) -> Result<Index, Error> {
        Index::from_bytes(self.bytes)
    }

    /// Writes the index to `path` and returns it opened from there. See [`write_index`].
    pub fn write(&self, path: &Path) -> Result<Index, Error> {
        write_index(path, &self.bytes)
    }
}

/// Writes index bytes to `path` so that a reader never maps anything but a whole,
/// verified index: the bytes go to a temporary name beside it, are synced, opened and
/// verified there, and only then renamed over `path` (one atomic step on POSIX). A
/// running service that maps the old file keeps reading the old inode; `Index::open`'s
/// safety argument (index files are never modified in place) rests on this. Returns the
/// index as opened from the verified file.
pub fn write_index(path: &Path, bytes: &[u8]) -> Result<Index, Error> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |error| Error::Io { path, error }
    };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let file_name = path.file_name().ok_or_else(|| Error::Io {
        path: path.to_path_buf(),
        error: std::io::Error::new(std::io::ErrorKind::InvalidInput, "the path has no file name"),
    })?;
    let tmp = dir.join(format!(".{}.tmp-{}", file_name.to_string_lossy(), std::process::id()));
    let written = (|| {
        let mut file = std::fs::File::create(&tmp).map_err(io(&tmp))?;
        file.write_all(bytes).map_err(io(&tmp))?;
        file.sync_all().map_err(io(&tmp))?;
        drop(file);
        let index = Index::open(&tmp)?;
        std::fs::rename(&tmp, path).map_err(io(path))?;
        Ok(index)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_arguments_parse_or_say_why_not() {
        // (argument, Ok((path, date)) or Err(part of the message))
        type Expected = Result<(&'static str, Option<&'static str>), &'static str>;
        let cases: &[(&str, Expected)] = &[
            ("ofac-csv=data/ofac/sdn", Ok(("data/ofac/sdn", None))),
            ("ofac-csv=data/ofac/sdn@2024-05-03", Ok(("data/ofac/sdn", Some("2024-05-03")))),
            // An `@` that is not followed by a date belongs to the path.
            ("custom-csv=lists/a@b.csv", Ok(("lists/a@b.csv", None))),
            ("ofac-csv=data/ofac/sdn@2024-13-40", Err("is not a date")),
            ("ofac-csv=", Err("the path is empty")),
            ("data/ofac/sdn", Err("expected KIND=PATH")),
            ("nosuch=x", Err("nosuch")),
        ];
        for (arg, expected) in cases {
            match (arg.parse::<Source>(), expected) {
                (Ok(s), Ok((path, date))) => {
                    assert_eq!((s.path.to_str().unwrap(), s.published.as_deref()), (*path, *date), "{arg}")
                }
                (Err(e), Err(reason)) => {
                    let e = e.to_string();
                    assert!(e.contains(reason) && e.contains(arg), "{arg}: {e}");
                }
                (got, _) => panic!("{arg}: {got:?}"),
            }
        }
    }
}
