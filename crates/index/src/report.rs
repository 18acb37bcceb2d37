//! What an index shows of itself to people: the build report (what each source gave,
//! in all, and the first warnings of each kind), which `interdict index build` and the
//! demo print after a build and `interdict index info` prints the sources of; and the
//! list of every indexed name (`interdict index names`).

use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Write};

use crate::{BuiltIndex, Index, SourceMeta};

impl Index {
    /// Writes every indexed name as a line `entity_id<TAB>role<TAB>name`, in name id
    /// order, for audits and exports. A tab or line break inside a name is written as a
    /// space, so that every line has three fields.
    pub fn write_names(&self, out: &mut impl Write) -> io::Result<()> {
        for i in self.name_ids() {
            let name = self.name(i);
            let text: String =
                name.text().chars().map(|c| if c == '\t' || c == '\n' || c == '\r' { ' ' } else { c }).collect();
            writeln!(out, "{}\t{}\t{}", self.entity(name.entity()).id.as_str(), name.role().as_str(), text)?;
        }
        Ok(())
    }
}

/// `key n, key n`, in key order.
fn counts<K: fmt::Display>(map: &BTreeMap<K, u64>) -> String {
    map.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ")
}

/// A source's lines, indented under a heading: kind, path, entities, publish date,
/// entities by type and by list, then its warning counts if any; the alternate form
/// (`{:#}`) adds the files read with their SHA-256.
impl fmt::Display for SourceMeta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "  {} {}: {} entities (published {}; {}; lists: {})",
            self.kind,
            self.path,
            self.entities,
            self.published.as_deref().unwrap_or("unknown"),
            counts(&self.by_type),
            counts(&self.by_list),
        )?;
        if !self.warnings.is_empty() {
            writeln!(f, "    warnings: {}", counts(&self.warnings))?;
        }
        if f.alternate() {
            for i in &self.inputs {
                writeln!(f, "    {} sha256:{} ({} bytes)", i.path, i.sha256, i.bytes)?;
            }
        }
        Ok(())
    }
}

/// Every source's lines, the entities of all sources by type, and the first warnings
/// of each kind.
impl fmt::Display for BuiltIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut by_type: BTreeMap<&str, u64> = BTreeMap::new();
        for m in &self.sources {
            write!(f, "{m}")?;
            for (k, v) in &m.by_type {
                *by_type.entry(k).or_default() += v;
            }
        }
        writeln!(f, "  all sources: {}", counts(&by_type))?;
        if !self.warnings.is_empty() {
            writeln!(f, "first warnings of each kind:")?;
            for w in &self.warnings {
                writeln!(f, "  warning: {w}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::InputMeta;

    fn source(kind: &str, by_type: &[(&str, u64)], warnings: &[(&str, u64)]) -> SourceMeta {
        let mut m = SourceMeta::new(kind, &format!("data/{kind}"));
        m.entities = by_type.iter().map(|(_, n)| n).sum();
        m.by_type = by_type.iter().map(|(k, n)| (k.to_string(), *n)).collect();
        m.by_list = [(kind.to_string(), m.entities)].into();
        m.warnings = warnings.iter().map(|(k, n)| (k.to_string(), *n)).collect();
        m
    }

    #[test]
    fn the_report_adds_up_the_sources_and_lists_the_first_warnings() {
        let mut csv = source("ofac-csv", &[("person", 2), ("vessel", 1)], &[("dangling-alias", 4)]);
        csv.published = Some("2024-05-03".into());
        let built = BuiltIndex {
            bytes: Vec::new(),
            sources: vec![csv, source("un-xml", &[("person", 5)], &[])],
            warnings: vec!["alt.csv: line 3 (byte 80): alias refers to ent_num 9".into()],
        };
        assert_eq!(
            built.to_string(),
            "  ofac-csv data/ofac-csv: 3 entities (published 2024-05-03; person 2, vessel 1; lists: ofac-csv 3)\n\
             \x20   warnings: dangling-alias 4\n\
             \x20 un-xml data/un-xml: 5 entities (published unknown; person 5; lists: un-xml 5)\n\
             \x20 all sources: person 7, vessel 1\n\
             first warnings of each kind:\n\
             \x20 warning: alt.csv: line 3 (byte 80): alias refers to ent_num 9\n"
        );
    }

    #[test]
    fn names_are_written_one_a_line_with_entity_and_role() {
        use interdict_model::{Alias, AliasKind, Entity, EntityKind, Strength};
        let mut e = Entity::new("custom:1", "custom", EntityKind::Person, "CHOE,\tChol\nMin");
        e.aliases.push(Alias { name: "PAK Il Ho".into(), kind: AliasKind::Aka, strength: Strength::Weak });
        let index = Index::from_bytes(crate::build(vec![e], vec![], "2026-01-01T00:00:00Z").unwrap()).unwrap();
        let mut out = Vec::new();
        index.write_names(&mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "custom:1\tprimary\tCHOE, Chol Min\ncustom:1\tweak_alias\tPAK Il Ho\n"
        );
    }

    #[test]
    fn a_source_shows_its_files_in_the_alternate_form() {
        let mut m = source("un-xml", &[("person", 1)], &[]);
        m.inputs.push(InputMeta { path: "un.xml".into(), sha256: "ab12".into(), bytes: 7 });
        assert!(!m.to_string().contains("sha256"));
        assert!(format!("{m:#}").ends_with("\n    un.xml sha256:ab12 (7 bytes)\n"), "{m:#}");
    }
}
