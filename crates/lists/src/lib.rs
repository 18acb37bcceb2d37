//! Parsers for the official sanctions list formats, one module per format.
//!
//! Each parser turns a list file into [`interdict_model::Entity`] values with ids of the
//! form `<source>:<the source's own id>`, and reports every error with the file, a line
//! or byte position and the reason. Problems that do not stop a parse (an alias whose
//! entry is missing, an unknown country name) are counted as [`Warnings`].
//!
//! | kind            | format                                                        | entity ids            |
//! |-----------------|---------------------------------------------------------------|-----------------------|
//! | `ofac-csv`      | OFAC legacy CSV: sdn/alt/add/sdn_comments, cons_prim/alt/add/comments | `ofac-sdn:`, `ofac-cons:` |
//! | `ofac-xml`      | OFAC sdn.xml / consolidated.xml                               | `ofac-sdn:`, `ofac-cons:` |
//! | `ofac-advanced` | OFAC advanced ("enhanced") XML, sdn_advanced.xsd              | `ofac-sdn:`, `ofac-cons:` |
//! | `un-xml`        | UN Security Council consolidated list XML                     | `un:`                 |
//! | `eu-xml`        | EU financial sanctions files (FSF) consolidated XML           | `eu:`                 |
//! | `uk-csv`        | UK sanctions list CSV (FCDO/OFSI)                              | `uk:`                 |
//! | `custom-csv`, `custom-json` | the bank's own lists, see `docs/formats.md`       | `custom:`             |
//!
//! Inputs may be gzip-compressed (`.gz`). Good-guy lists (accepted false positives) are
//! screening policy, not sanctions lists: `interdict-screen` reads them.
//!
//! What this crate is not for: normalising or matching names, or building the index.
//!
//! ```no_run
//! use interdict_lists::{parse_source, SourceKind};
//!
//! let parsed = parse_source(SourceKind::OfacCsv, "data/ofac".as_ref()).unwrap();
//! println!("{} entities, {} warnings", parsed.entities.len(), parsed.warnings.total());
//! ```

mod error;
mod fields;
mod reader;
pub mod xml;

pub mod custom;
pub mod dates;
pub mod eu_xml;
pub mod ids;
pub mod ofac_advanced;
pub mod ofac_csv;
pub mod ofac_xml;
pub mod remarks;
pub mod uk_csv;
pub mod un_xml;

use std::io::Read;
use std::path::{Path, PathBuf};

use interdict_model::Entity;
use sha2::{Digest, Sha256};

pub use error::{Error, Position, Warning, Warnings};

/// The list formats `interdict index build --source KIND=PATH` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceKind {
    OfacCsv,
    OfacXml,
    OfacAdvanced,
    UnXml,
    EuXml,
    UkCsv,
    CustomCsv,
    CustomJson,
}

impl SourceKind {
    pub const ALL: [SourceKind; 8] = [
        SourceKind::OfacCsv,
        SourceKind::OfacXml,
        SourceKind::OfacAdvanced,
        SourceKind::UnXml,
        SourceKind::EuXml,
        SourceKind::UkCsv,
        SourceKind::CustomCsv,
        SourceKind::CustomJson,
    ];
    pub const NAMES: [&'static str; 8] =
        ["ofac-csv", "ofac-xml", "ofac-advanced", "un-xml", "eu-xml", "uk-csv", "custom-csv", "custom-json"];

    pub fn as_str(&self) -> &'static str {
        let i = Self::ALL.iter().position(|k| k == self).expect("every kind is in ALL");
        Self::NAMES[i]
    }
}

impl std::str::FromStr for SourceKind {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        Self::NAMES.iter().position(|n| *n == s).map(|i| Self::ALL[i]).ok_or_else(|| Error::UnknownKind(s.to_string()))
    }
}

impl std::fmt::Display for SourceKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One input file, read whole and decompressed if it was gzip.
#[derive(Debug, Clone)]
pub struct InputFile {
    pub path: PathBuf,
    /// The decompressed content.
    pub bytes: Vec<u8>,
    /// SHA-256 of the file as stored (before decompression), hex.
    pub sha256: String,
    /// Size of the file as stored.
    pub stored_len: u64,
}

impl InputFile {
    /// Reads a file; a `.gz` name or gzip magic bytes mean it is decompressed.
    pub fn read(path: &Path) -> Result<Self, Error> {
        let raw = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let sha256 = hex(&Sha256::digest(&raw));
        let stored_len = raw.len() as u64;
        let bytes = if raw.starts_with(&[0x1f, 0x8b]) {
            let mut out = Vec::with_capacity(raw.len() * 5);
            flate2::read::MultiGzDecoder::new(&raw[..])
                .read_to_end(&mut out)
                .map_err(|e| Error::parse(path, Position::File, format!("bad gzip data: {e}")))?;
            out
        } else {
            raw
        };
        Ok(InputFile { path: path.to_path_buf(), bytes, sha256, stored_len })
    }

    /// An in-memory input, for tests and for lists that arrive over the network.
    pub fn from_bytes(path: impl Into<PathBuf>, bytes: Vec<u8>) -> Self {
        let sha256 = hex(&Sha256::digest(&bytes));
        let stored_len = bytes.len() as u64;
        InputFile { path: path.into(), bytes, sha256, stored_len }
    }

    /// The file name without a `.gz` suffix, lower case (`sdn.csv`).
    pub fn base_name(&self) -> String {
        let name = self.path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        name.strip_suffix(".gz").map(str::to_string).unwrap_or(name)
    }

    /// The content as UTF-8, or an error at the first invalid byte.
    pub fn text(&self) -> Result<&str, Error> {
        utf8_text(&self.path, &self.bytes)
    }
}

/// Checks that bytes are UTF-8 and reports the line and byte of the first bad one.
pub(crate) fn utf8_text<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str, Error> {
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        Error::parse(
            path,
            Position::Line { line, byte: at as u64 },
            format!("invalid UTF-8 (byte 0x{:02X}); the file must be UTF-8", bytes[at]),
        )
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What a parser produced from one `--source`.
#[derive(Debug, Clone)]
pub struct ParsedSource {
    pub kind: SourceKind,
    /// The list's own publish date, ISO 8601, when the files carry one.
    pub published: Option<String>,
    pub entities: Vec<Entity>,
    pub warnings: Warnings,
    /// The files read: path, SHA-256 and size.
    pub inputs: Vec<InputSummary>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct InputSummary {
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
}

impl InputSummary {
    pub fn of(file: &InputFile) -> Self {
        InputSummary { path: file.path.display().to_string(), sha256: file.sha256.clone(), bytes: file.stored_len }
    }
}

impl ParsedSource {
    pub(crate) fn new(kind: SourceKind, inputs: &[&InputFile]) -> Self {
        ParsedSource {
            kind,
            published: None,
            entities: Vec::new(),
            warnings: Warnings::default(),
            inputs: inputs.iter().map(|f| InputSummary::of(f)).collect(),
        }
    }
}

/// Parses one `--source KIND=PATH`. For `ofac-csv`, `path` is a directory or a
/// comma-separated list of files; for the other kinds it is one file.
pub fn parse_source(kind: SourceKind, path: &Path) -> Result<ParsedSource, Error> {
    match kind {
        SourceKind::OfacCsv => {
            let files = ofac_csv::input_paths(path)?;
            let inputs = files.iter().map(|p| InputFile::read(p)).collect::<Result<Vec<_>, _>>()?;
            ofac_csv::parse(&inputs)
        }
        _ => {
            let input = InputFile::read(path)?;
            parse_file(kind, &input)
        }
    }
}

/// Parses one in-memory file of a single-file kind (every kind but a multi-file `ofac-csv`).
pub fn parse_file(kind: SourceKind, input: &InputFile) -> Result<ParsedSource, Error> {
    match kind {
        SourceKind::OfacCsv => ofac_csv::parse(std::slice::from_ref(input)),
        SourceKind::OfacXml => ofac_xml::parse(input),
        SourceKind::OfacAdvanced => ofac_advanced::parse(input),
        SourceKind::UnXml => un_xml::parse(input),
        SourceKind::EuXml => eu_xml::parse(input),
        SourceKind::UkCsv => uk_csv::parse(input),
        SourceKind::CustomCsv => custom::parse_csv(input),
        SourceKind::CustomJson => custom::parse_json(input),
    }
}

/// Tells the person running the tests that a test on `../shared` data did not run.
/// It writes to the process's stderr directly, past the test harness's capture, so the
/// line shows in a passing run.
#[doc(hidden)]
pub fn report_skipped(what: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED: ../shared not present: {what}");
}

/// `path` (a file or folder under `../shared`) if it is there; else tells the person
/// running the tests that the test on it did not run (`test` names it) and gives `None`.
#[doc(hidden)]
pub fn shared_or_skipped(path: impl Into<std::path::PathBuf>, test: &str) -> Option<std::path::PathBuf> {
    let path = path.into();
    if !path.exists() {
        report_skipped(&format!("{test} did not run"));
        return None;
    }
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_names() {
        for kind in SourceKind::ALL {
            assert_eq!(kind.as_str().parse::<SourceKind>().unwrap(), kind);
        }
        let err = "ofac".parse::<SourceKind>().unwrap_err();
        assert!(err.to_string().contains("ofac-csv, ofac-xml"), "{err}");
    }

    #[test]
    fn gzip_inputs_are_decompressed_and_hashed_as_stored() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sdn.csv.gz");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(b"36,\"AEROCARIBBEAN AIRLINES\"").unwrap();
        let stored = gz.finish().unwrap();
        std::fs::write(&path, &stored).unwrap();
        let input = InputFile::read(&path).unwrap();
        assert_eq!(input.bytes, b"36,\"AEROCARIBBEAN AIRLINES\"");
        assert_eq!(input.base_name(), "sdn.csv");
        assert_eq!(input.stored_len, stored.len() as u64);
        assert_eq!(input.sha256, hex(&Sha256::digest(&stored)));
    }

    #[test]
    fn invalid_utf8_reports_line_and_byte() {
        let err = utf8_text(Path::new("x.csv"), b"ok\nbad \xff here").unwrap_err();
        assert_eq!(err.position(), Some(Position::Line { line: 2, byte: 7 }));
        assert!(err.to_string().contains("0xFF"), "{err}");
    }
}
