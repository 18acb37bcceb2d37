//! Per-file state shared by the record-based parsers: the file, for errors, and the
//! warnings so far. Each parser adds its own methods in its module.

use std::path::Path;

use interdict_model::{Country, Entity};

use crate::error::{Error, Position, Warnings};
use crate::{InputFile, ParsedSource, SourceKind};

pub(crate) struct Reader<'a> {
    pub(crate) path: &'a Path,
    pub(crate) file: String,
    pub(crate) warnings: Warnings,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(path: &'a Path) -> Self {
        Reader { path, file: path.display().to_string(), warnings: Warnings::default() }
    }

    /// A parse error at byte `offset` of the file.
    pub(crate) fn error(&self, offset: u64, reason: impl Into<String>) -> Error {
        Error::parse(self.path, Position::Byte(offset), reason)
    }

    pub(crate) fn warn(&mut self, kind: &str, offset: u64, message: impl Into<String>) {
        self.warnings.push(kind, &self.file, Position::Byte(offset), message.into());
    }

    /// A country from a listed name, warning when the table does not know it.
    pub(crate) fn country(&mut self, name: &str, offset: u64) -> Country {
        let country = Country::from_name(name);
        if country.code.is_none() {
            self.warn("unknown-country", offset, format!("unknown country name {name:?}"));
        }
        country
    }

    /// The parse result: every entity stamped with the list's publish date.
    pub(crate) fn finish(
        self,
        kind: SourceKind,
        input: &InputFile,
        published: Option<String>,
        mut entities: Vec<Entity>,
    ) -> ParsedSource {
        for e in &mut entities {
            e.published = published.clone();
        }
        let mut parsed = ParsedSource::new(kind, &[input]);
        parsed.published = published;
        parsed.entities = entities;
        parsed.warnings = self.warnings;
        parsed
    }
}
