//! The good-guy list in use: accepted false positives, and the fingerprint of the file
//! they came from (what every decision names).

use std::path::Path;

use interdict_lists::goodguy::{parse_goodguy, GoodGuyEntry};
use interdict_lists::InputFile;

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

    /// Reads a good-guy file (CSV or JSON, see `docs/formats.md`); errors name the file,
    /// the line and the reason.
    pub fn read(path: &Path) -> Result<GoodGuyList, interdict_lists::Error> {
        let file = InputFile::read(path)?;
        let entries = parse_goodguy(&file)?;
        Ok(GoodGuyList { entries, sha256: file.sha256 })
    }

    pub fn entries(&self) -> &[GoodGuyEntry] {
        &self.entries
    }

    /// SHA-256 of the file as read, hex.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }
}
