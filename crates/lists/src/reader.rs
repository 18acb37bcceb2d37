//! Per-file state shared by the record-based parsers: the file, for errors, and the
//! warnings so far. Each parser adds its own methods in its module.

use std::collections::HashMap;
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

/// A file's entities in order, each id once: a second record with an id already taken
/// is an error that names where the first one was.
pub(crate) struct UniqueEntities<'a> {
    path: &'a Path,
    /// What the file calls the id (`uid`, `REFERENCE_NUMBER`), for the error.
    id_name: &'static str,
    entities: Vec<Entity>,
    first_seen: HashMap<String, u64>,
}

impl<'a> UniqueEntities<'a> {
    pub(crate) fn new(path: &'a Path, id_name: &'static str) -> Self {
        UniqueEntities { path, id_name, entities: Vec::new(), first_seen: HashMap::new() }
    }

    /// Adds the entity of the record at byte `offset`, unless its id is taken.
    pub(crate) fn push(&mut self, entity: Entity, offset: u64) -> Result<(), Error> {
        if let Some(first) = self.first_seen.insert(entity.id.clone(), offset) {
            let reason = format!("{} of {} is used twice (first at byte {first})", self.id_name, entity.id);
            return Err(Error::parse(self.path, Position::Byte(offset), reason));
        }
        self.entities.push(entity);
        Ok(())
    }

    /// The entities, or an error when the file held none; `records` names the records it
    /// should hold (`sdnEntry`).
    pub(crate) fn into_entities(self, records: &str) -> Result<Vec<Entity>, Error> {
        if self.entities.is_empty() {
            let reason = format!("no {records} records: refusing an empty list");
            return Err(Error::parse(self.path, Position::File, reason));
        }
        Ok(self.entities)
    }
}
