//! The good-guy list in use: accepted false positives, and the fingerprint of the file
//! they came from (what every decision names). The file format is read
//! in `parse`.

mod parse;

use std::fmt;
use std::io::Read;
use std::path::Path;

pub use parse::GoodGuyEntry;

use crate::Error;

/// Where in a good-guy file a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilePosition {
    /// A line (from 1) and a byte offset into the file (from 0): where a CSV row starts,
    /// or where serde_json stopped in JSON.
    Line { line: u64, byte: u64 },
    /// The whole file (an empty file, data that is not gzip).
    File,
}

impl fmt::Display for FilePosition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FilePosition::Line { line, byte } => write!(f, "line {line} (byte {byte})"),
            FilePosition::File => f.write_str("file"),
        }
    }
}

/// Accepted false positives, with the SHA-256 of the file they were read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoodGuyList {
    entries: Vec<GoodGuyEntry>,
    sha256: String,
}

impl Default for GoodGuyList {
    fn default() -> Self {
        GoodGuyList::empty()
    }
}

impl GoodGuyList {
    /// No list: nothing is suppressed. Its fingerprint is the SHA-256 of nothing.
    pub fn empty() -> GoodGuyList {
        GoodGuyList { entries: Vec::new(), sha256: crate::sha256_hex(b"") }
    }

    /// Entries read from a source whose bytes had this SHA-256.
    pub fn new(entries: Vec<GoodGuyEntry>, sha256: String) -> GoodGuyList {
        GoodGuyList { entries, sha256 }
    }

    /// Reads a good-guy file (CSV or JSON, see `docs/formats.md`; gzip-compressed if it
    /// starts with the gzip magic bytes). The fingerprint is the SHA-256 of the file as
    /// stored. Errors name the file, the line and the reason.
    pub fn read(path: &Path) -> Result<GoodGuyList, Error> {
        let stored =
            std::fs::read(path).map_err(|source| Error::GoodGuysUnreadable { path: path.to_path_buf(), source })?;
        let entries = if stored.starts_with(&[0x1f, 0x8b]) {
            let mut bytes = Vec::new();
            flate2::read::MultiGzDecoder::new(&stored[..]).read_to_end(&mut bytes).map_err(|e| {
                Error::GoodGuysInvalid {
                    path: path.to_path_buf(),
                    position: FilePosition::File,
                    reason: format!("bad gzip data: {e}"),
                }
            })?;
            parse::parse_entries(path, &bytes)?
        } else {
            parse::parse_entries(path, &stored)?
        };
        Ok(GoodGuyList { entries, sha256: crate::sha256_hex(&stored) })
    }

    /// Reads a good-guy list already in memory (not compressed), such as one that came
    /// over the network; `path` names it in errors.
    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<GoodGuyList, Error> {
        Ok(GoodGuyList { entries: parse::parse_entries(path, bytes)?, sha256: crate::sha256_hex(bytes) })
    }

    pub fn entries(&self) -> &[GoodGuyEntry] {
        &self.entries
    }

    /// SHA-256 of the file as read, hex.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    const CSV: &[u8] = b"entity_id,party_name,reason,approved_by\nun:KPi.066,ACME,name only,a.khan\n";

    #[test]
    fn a_file_is_fingerprinted_as_stored_and_may_be_gzip() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("goodguys.csv");
        std::fs::write(&plain, CSV).unwrap();
        let list = GoodGuyList::read(&plain).unwrap();
        assert_eq!(list, GoodGuyList::from_bytes(&plain, CSV).unwrap());
        assert_eq!(list.sha256(), crate::sha256_hex(CSV));

        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(CSV).unwrap();
        let stored = gz.finish().unwrap();
        let packed = dir.path().join("goodguys.csv.gz");
        std::fs::write(&packed, &stored).unwrap();
        let unpacked = GoodGuyList::read(&packed).unwrap();
        assert_eq!(unpacked.entries(), list.entries());
        assert_eq!(unpacked.sha256(), crate::sha256_hex(&stored));
    }

    #[test]
    fn errors_name_the_file_the_line_and_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.csv");
        let err = GoodGuyList::read(&missing).unwrap_err();
        assert!(matches!(err, Error::GoodGuysUnreadable { .. }), "{err}");
        assert!(err.to_string().starts_with(&format!("{}: ", missing.display())), "{err}");

        let bad = dir.path().join("bad.csv");
        std::fs::write(&bad, "entity_id,party_name,reason,approved_by\nnot-an-id,SOMEONE,why,who\n").unwrap();
        let err = GoodGuyList::read(&bad).unwrap_err();
        assert_eq!(err.position(), Some(FilePosition::Line { line: 2, byte: 40 }));
        let expected = format!("{}: line 2 (byte 40): entity_id \"not-an-id\" is not <source>:<id>", bad.display());
        assert!(err.to_string().starts_with(&expected), "{err}");

        std::fs::write(&bad, [0x1f, 0x8b, 0]).unwrap();
        let err = GoodGuyList::read(&bad).unwrap_err();
        assert_eq!(err.position(), Some(FilePosition::File));
        assert!(err.to_string().contains("bad gzip data"), "{err}");
    }
}
