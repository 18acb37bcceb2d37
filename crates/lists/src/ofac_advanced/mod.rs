//! OFAC's "advanced" sanctions XML, in both shapes OFAC publishes it.
//!
//! **Advanced XML** (`sdn_advanced.xml`, `cons_advanced.xml`; schema `sdn_advanced.xsd`,
//! root `<Sanctions>`) is relational. `DateOfIssue` comes first, then
//! `ReferenceValueSets` (id → name tables: alias types, countries, feature types, name-part
//! types, party types, scripts, lists, sanctions types, legal bases...), `Locations`,
//! `IDRegDocuments` (keyed by the `IdentityID` of the party they belong to),
//! `DistinctParties` (Profile → Identity → Alias → DocumentedName → NamePartValue, plus
//! Features), `ProfileRelationships` and `SanctionsEntries` (which list and programs a
//! profile is on, and since when). The parser streams the file one record at a time,
//! keeps the tables that come before the parties as lookup maps, builds each party as it
//! arrives, and attaches sanctions entries and relationships (which come after the
//! parties) once the stream ends.
//!
//! **Enhanced XML** (the Sanctions List Service export, root `<sanctionsData>`, used for
//! the per-program extracts such as `IRGC_sanctions.xml`) carries the same data with
//! every entity self-contained: names, features, addresses, documents and relationships
//! sit inside `<entity>`, with reference values resolved inline. The root element decides
//! which reader is used.
//!
//! This module holds the entry point and the last step both readers share (settling ids
//! and sources, resolving links). `relational` reads the advanced XML, `enhanced` the
//! enhanced XML; `mapping` turns what either says into [`Entity`] fields and `periods`
//! reads their dates.
//!
//! Mapped into [`Entity`]:
//! - id `ofac-sdn:<profile id>` when the party is on the SDN List, `ofac-cons:<id>` when
//!   it is only on other (non-SDN, consolidated) lists; the profile id is OFAC's entry
//!   number, the same as in the legacy CSV and XML files;
//! - kind from the party sub-type / type (Individual, Entity, Vessel, Aircraft);
//! - the primary name in OFAC's `LAST, First Middle` order for people (last names and
//!   organisation, vessel and aircraft names upper-cased, as OFAC prints them), aliases
//!   with their kind (a.k.a., f.k.a., n.k.a.) and strength (low quality → weak), and
//!   names in a non-Latin script as original-script names;
//! - dates of birth (exact, year or month only, ranges, approximate), places of birth,
//!   nationalities, citizenships, gender, title, addresses;
//! - identifiers from identity documents (passports, national ids, registration numbers;
//!   `IMO 1234567` becomes an IMO number) and from features (SWIFT/BIC, e-mail, website,
//!   phone, digital currency addresses, call signs, aircraft serial and tail numbers);
//! - vessel details (type, flag, owner, tonnage, gross registered tonnage, call sign);
//! - links between parties (relation type, the target's primary name and entity id; in
//!   an enhanced extract a target outside the file keeps the name the list gives and an
//!   id with the linking party's source, since the extract does not say its list);
//! - sanctions programs, the listing date and the file's publish date.
//!
//! Features with no structured field (secondary sanctions information, aircraft model and
//! operator, organisation type, directive information...) are kept in `remarks` as
//! `TYPE VALUE` items, after the list's own comment.
//!
//! Not mapped: delta files (`DeltaAction` attributes are ignored, so a delta file reads
//! as a partial list), `SanctionsEntryLinks`, external references, legal authorities and
//! sanctions types (Block...), feature reliability and validity periods, date periods on
//! aliases, and the document a name was taken from.
//!
//! Errors: structural problems (a missing required id, a party whose type or name parts
//! point nowhere, duplicate ids) stop the parse with the byte offset of the element.
//! Dangling optional references (an unknown feature type, country or location) and
//! records that point at parties not in the file are counted as warnings.

use std::collections::HashMap;

use interdict_model::{Entity, EntityKind, Link};

use crate::fields::push_unique;
use crate::reader::Reader;
use crate::xml::{for_each_record, Node};
use crate::{Error, InputFile, ParsedSource, Position, SourceKind};

mod enhanced;
mod mapping;
mod periods;
mod relational;

use enhanced::Enhanced;
use mapping::Names;
use relational::Relational;

/// Records are the children of the root's sections (`<DistinctParty>`, `<entity>`...).
const RECORD_DEPTH: usize = 2;
const SDN: &str = "ofac-sdn";
const CONS: &str = "ofac-cons";
const SDN_LIST: &str = "SDN List";

/// Root element of the advanced XML (`sdn_advanced.xsd`).
const ADVANCED_ROOT: &str = "Sanctions";
/// Root element of the Sanctions List Service "enhanced" XML.
const ENHANCED_ROOT: &str = "sanctionsData";

/// Warning kinds.
const W_UNKNOWN_REF: &str = "ofac-advanced-unknown-reference";
const W_MISSING: &str = "ofac-advanced-missing-value";
const W_FEATURE: &str = "ofac-advanced-unreadable-feature";
const W_ORPHAN: &str = "ofac-advanced-orphan-record";
const W_NO_PRIMARY: &str = "ofac-advanced-no-primary-name";
const W_NO_ENTRY: &str = "ofac-advanced-no-sanctions-entry";
const W_DATE: &str = "ofac-advanced-bad-date";

/// Parses one OFAC advanced (`<Sanctions>`) or enhanced (`<sanctionsData>`) XML file.
pub fn parse(input: &InputFile) -> Result<ParsedSource, Error> {
    let mut reader = Reader::new(&input.path);
    let mut root_name = String::new();
    let mut relational = Relational::default();
    let mut enhanced = Enhanced::default();
    for_each_record(
        &input.path,
        &input.bytes,
        RECORD_DEPTH,
        |root| {
            if root.name != ADVANCED_ROOT && root.name != ENHANCED_ROOT {
                return Err(Error::parse(
                    &input.path,
                    Position::Byte(root.offset),
                    format!(
                        "root element <{}> is not an OFAC advanced list (expected <{ADVANCED_ROOT}> or <{ENHANCED_ROOT}>)",
                        root.name
                    ),
                ));
            }
            root_name = root.name.clone();
            Ok(())
        },
        |ancestors, node| {
            let section = ancestors.get(1).map_or("", String::as_str);
            match ancestors.first().map(String::as_str) {
                Some(ADVANCED_ROOT) => relational.record(&mut reader, section, node),
                Some(ENHANCED_ROOT) => enhanced.record(&mut reader, section, node),
                _ => Ok(()),
            }
        },
    )?;
    let (published, parties, require_targets) =
        if root_name == ENHANCED_ROOT { enhanced.finish() } else { relational.finish(&mut reader) };
    let entities = finish_parties(parties, &mut reader, require_targets);
    Ok(reader.finish(SourceKind::OfacAdvanced, input, published, entities))
}

/// One listed party while the file is read; its id and source are settled at the end,
/// when its sanctions entries are known.
struct Party {
    /// The profile (advanced) or entity (enhanced) id.
    key: u64,
    offset: u64,
    entity: Entity,
    remarks: Vec<String>,
    on_sdn: bool,
    on_other: bool,
    has_entry: bool,
    links: Vec<PendingLink>,
}

impl Party {
    fn new(key: u64, offset: u64, kind: EntityKind) -> Self {
        Party {
            key,
            offset,
            entity: Entity::new("", "", kind, ""),
            remarks: Vec::new(),
            on_sdn: false,
            on_other: false,
            has_entry: false,
            links: Vec::new(),
        }
    }

    fn add_list(&mut self, list: &str) {
        self.has_entry = true;
        if list.trim().eq_ignore_ascii_case(SDN_LIST) {
            self.on_sdn = true;
        } else {
            self.on_other = true;
        }
    }

    /// Writes the names read into the entity. A party without a primary name takes its
    /// first alias, with a warning; one without any name is an error. `record` is what
    /// messages call the party's element (`profile`, `entity`).
    fn set_names(&mut self, names: Names, reader: &mut Reader, record: &str) -> Result<(), Error> {
        let (key, offset) = (self.key, self.offset);
        match names.into_entity(&mut self.entity) {
            Ok(false) => {}
            Ok(true) => reader.warn(
                W_NO_PRIMARY,
                offset,
                format!("{record} {key} has no primary name; its first alias is used"),
            ),
            Err(()) => return Err(reader.error(offset, format!("{record} {key} has no name"))),
        }
        Ok(())
    }

    fn add_listed_on(&mut self, date: String) {
        match &self.entity.listed_on {
            Some(d) if *d <= date => {}
            _ => self.entity.listed_on = Some(date),
        }
    }
}

/// A link whose target is resolved once every party is known.
struct PendingLink {
    relation: String,
    target: u64,
    /// The target's name as the list gives it (enhanced XML only).
    target_name: Option<String>,
    offset: u64,
}

/// Settles ids and sources, resolves links and returns the entities in file order.
/// With `require_targets`, a link to a party that is not in the file is dropped with a
/// warning; otherwise it keeps the name the list gives and the linking party's source.
fn finish_parties(mut parties: Vec<Party>, reader: &mut Reader, require_targets: bool) -> Vec<Entity> {
    let mut index = HashMap::new();
    for (i, p) in parties.iter_mut().enumerate() {
        let source = if p.on_sdn || !p.on_other { SDN } else { CONS };
        p.entity.source = source.to_string();
        p.entity.id = format!("{source}:{}", p.key);
        if !p.remarks.is_empty() {
            p.entity.remarks = Some(p.remarks.join("; "));
        }
        index.insert(p.key, i);
    }
    let mut resolved: Vec<(usize, Link)> = Vec::new();
    for (i, p) in parties.iter().enumerate() {
        for link in &p.links {
            match index.get(&link.target).and_then(|&j| parties.get(j)) {
                Some(target) => resolved.push((
                    i,
                    Link {
                        relation: link.relation.clone(),
                        target_name: target.entity.name.clone(),
                        target_id: Some(target.entity.id.clone()),
                    },
                )),
                None => match &link.target_name {
                    Some(name) if !require_targets => resolved.push((
                        i,
                        Link {
                            relation: link.relation.clone(),
                            target_name: name.clone(),
                            target_id: Some(format!("{}:{}", p.entity.source, link.target)),
                        },
                    )),
                    _ => reader.warn(
                        W_ORPHAN,
                        link.offset,
                        format!(
                            "relationship of party {} points to party {}, which is not in the file; link dropped",
                            p.key, link.target
                        ),
                    ),
                },
            }
        }
    }
    for (i, link) in resolved {
        if let Some(p) = parties.get_mut(i) {
            push_unique(&mut p.entity.links, link);
        }
    }
    parties.into_iter().map(|p| p.entity).collect()
}

fn id_attr(node: &Node, name: &str) -> Option<u64> {
    node.attr(name).and_then(|v| v.trim().parse().ok())
}

fn required_id(reader: &Reader, node: &Node, name: &str) -> Result<u64, Error> {
    match node.attr(name) {
        None => Err(reader.error(node.offset, format!("<{}> has no {name} attribute", node.name))),
        Some(v) => v.trim().parse().map_err(|_| {
            reader.error(node.offset, format!("<{}> {name}={v:?} is not a non-negative integer id", node.name))
        }),
    }
}

/// xsd:boolean: `true` or `1`.
fn truthy(value: Option<&str>) -> bool {
    matches!(value.map(str::trim), Some("true") | Some("1"))
}

/// The fixtures and helpers the tests of this module and its submodules share.
#[cfg(test)]
mod test_support {
    use interdict_model::Entity;

    use crate::{Error, InputFile, ParsedSource};

    /// A small advanced-XML list: a person, a vessel and a company on the non-SDN list.
    pub(super) const ADVANCED: &str = include_str!("../../tests/fixtures/ofac_advanced_sample.xml");

    /// A small enhanced-XML list: a vessel on the SDN list with a Cyrillic name, linked to
    /// a person on a non-SDN list and to a party outside the file.
    pub(super) const ENHANCED: &str = include_str!("../../tests/fixtures/ofac_enhanced_sample.xml");

    pub(super) fn parse_str(xml: &str) -> Result<ParsedSource, Error> {
        super::parse(&InputFile::from_bytes("sdn_advanced.xml", xml.as_bytes().to_vec()))
    }

    pub(super) fn entity<'a>(parsed: &'a ParsedSource, id: &str) -> &'a Entity {
        parsed.entities.iter().find(|e| e.id == id).unwrap_or_else(|| panic!("no entity {id}"))
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{parse_str, ADVANCED, ENHANCED};
    use super::*;

    #[test]
    fn broken_files_fail_with_a_position() {
        let dangling_sub_type = ADVANCED.replacen(r#"PartySubTypeID="4""#, r#"PartySubTypeID="999""#, 1);
        let dangling_group = ADVANCED.replacen(r#"NamePartGroupID="12""#, r#"NamePartGroupID="999""#, 1);
        let no_fixed_ref = ADVANCED.replacen(r#"<DistinctParty FixedRef="43598">"#, "<DistinctParty>", 1);
        let no_profile_id = ADVANCED.replacen(r#"<Profile ID="43598""#, r#"<Profile ID="x""#, 1);
        let no_name = ADVANCED.replacen(">Korea Shipping Co.<", "><", 1);
        let twice = ADVANCED.replacen(r#"<Profile ID="7002""#, r#"<Profile ID="15036""#, 1);
        let entry_without_profile = ADVANCED.replacen(r#" ProfileID="7002""#, "", 1);
        let enhanced_no_id = ENHANCED.replacen(r#"<entity id="777">"#, "<entity>", 1);
        let enhanced_no_type = ENHANCED.replacen(r#"<entityType refId="600">Individual</entityType>"#, "", 1);
        let enhanced_dangling_type =
            ENHANCED.replacen(r#"<entityType refId="600">Individual</entityType>"#, r#"<entityType refId="600"/>"#, 1);
        let enhanced_no_names = ENHANCED.replacen("<names>", "<gone>", 1).replacen("</names>", "</gone>", 1);
        let cases: Vec<(String, &str)> = vec![
            (ADVANCED[..ADVANCED.find("<ProfileRelationships>").unwrap()].to_string(), "truncated"),
            (ADVANCED.replacen("</DistinctParty>", "</DistinctPart>", 1), "malformed"),
            // A tag left open: only "an error with a position" is promised.
            (ADVANCED.replacen("<Locations>", "<Locations", 1), "sdn_advanced.xml"),
            (ADVANCED.replacen("<Sanctions ", "<!DOCTYPE Sanctions [<!ENTITY x \"y\">]><Sanctions ", 1), "DOCTYPE"),
            (dangling_sub_type, "PartySubTypeID 999"),
            (dangling_group, "NamePartGroupID 999"),
            (no_fixed_ref, "no FixedRef"),
            (no_profile_id, "ID=\"x\""),
            (no_name, "profile 7002 has no name"),
            (twice, "appears twice"),
            (entry_without_profile, "no ProfileID"),
            ("<sdnList><sdnEntry/></sdnList>".to_string(), "not an OFAC advanced list"),
            (enhanced_no_id, "no id attribute"),
            (enhanced_no_type, "no <entityType>"),
            (enhanced_dangling_type, "names no type"),
            (enhanced_no_names, "entity 15036 has no name"),
            ("".to_string(), "no root"),
        ];
        for (xml, expected) in &cases {
            let err = parse_str(xml).expect_err(expected);
            let text = err.to_string();
            assert!(text.contains(expected), "expected {expected:?} in: {text}");
            assert!(matches!(err.position(), Some(Position::Byte(_))), "{expected}: no byte position in {text}");
        }
        // The dangling party type is reported at its <Profile>.
        let xml = ADVANCED.replacen(r#"PartySubTypeID="4""#, r#"PartySubTypeID="999""#, 1);
        let at = xml.find(r#"<Profile ID="43598""#).unwrap() as u64;
        assert_eq!(parse_str(&xml).unwrap_err().position(), Some(Position::Byte(at)));
    }

    #[test]
    fn no_truncation_or_corruption_panics() {
        for xml in [ADVANCED, ENHANCED] {
            let bytes = xml.as_bytes();
            for cut in (0..bytes.len()).step_by(53) {
                let _ = parse(&InputFile::from_bytes("t.xml", bytes[..cut].to_vec()));
                let mut spliced = bytes.to_vec();
                spliced.drain(cut..(cut + 9).min(bytes.len()));
                let _ = parse(&InputFile::from_bytes("t.xml", spliced));
            }
        }
    }
}
