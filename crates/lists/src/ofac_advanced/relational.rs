//! OFAC's advanced XML (`<Sanctions>`, schema `sdn_advanced.xsd`): relational tables
//! that refer to each other by id. Reference values, locations and identity documents
//! come before the parties and are kept as lookup maps; sanctions entries and
//! relationships come after them and are attached once the stream ends.

use std::collections::HashMap;

use interdict_model::{Address, AliasKind, BirthDate, Country, EntityKind, IdKind, Identifier, Strength, VesselInfo};

use super::mapping::{
    address_from_parts, address_line, alias_kind_or_aka, apply_feature, assemble_name, clean, is_latin_script,
    kind_from_label, make_country, make_identifier, FeatureValue, NameSet, Names,
};
use super::periods::{date_from_bounds, days_in_month, describe_date, Ymd};
use super::{
    id_attr, required_id, truthy, Party, PendingLink, SDN_LIST, W_DATE, W_FEATURE, W_MISSING, W_NO_ENTRY, W_ORPHAN,
    W_UNKNOWN_REF,
};
use crate::fields::{non_empty, push_unique};
use crate::ids;
use crate::reader::Reader;
use crate::xml::Node;
use crate::Error;

/// A location from `<Locations>`.
struct Location {
    parts: Vec<(String, String)>,
    country: Option<Country>,
}

/// A `<SanctionsEntry>`: which list and programs a profile is on, and since when.
struct SanctionsEntry {
    offset: u64,
    profile: u64,
    list: Option<String>,
    listed_on: Option<String>,
    programs: Vec<String>,
    /// Programs of the legal bases, used when no measure names a program.
    basis_programs: Vec<String>,
}

/// What is kept of an advanced XML file while it streams past: the tables that come
/// before the parties, the parties, and the entries and relationships to attach to them.
#[derive(Default)]
pub(super) struct Relational {
    /// Reference values by element name (`AliasType`, `Country`...) and id.
    refs: HashMap<String, HashMap<u64, Node>>,
    locations: HashMap<u64, Location>,
    /// Identity documents by the identity they belong to, with their offsets.
    documents: HashMap<u64, Vec<(u64, Identifier)>>,
    parties: Vec<Party>,
    by_profile: HashMap<u64, usize>,
    relations: Vec<(u64, PendingLink)>,
    entries: Vec<SanctionsEntry>,
    issue_date: [Option<(u64, String)>; 3],
}

impl Relational {
    pub(super) fn record(&mut self, reader: &mut Reader, section: &str, node: Node) -> Result<(), Error> {
        match (section, node.name.as_str()) {
            ("DateOfIssue", "Year") => self.issue_date[0] = Some((node.offset, node.text)),
            ("DateOfIssue", "Month") => self.issue_date[1] = Some((node.offset, node.text)),
            ("DateOfIssue", "Day") => self.issue_date[2] = Some((node.offset, node.text)),
            ("ReferenceValueSets", _) => self.reference_set(reader, node)?,
            ("Locations", "Location") => self.location(reader, &node)?,
            ("IDRegDocuments", "IDRegDocument") => self.document(reader, &node)?,
            ("DistinctParties", "DistinctParty") => self.distinct_party(reader, &node)?,
            ("ProfileRelationships", "ProfileRelationship") => self.relationship(reader, &node)?,
            ("SanctionsEntries", "SanctionsEntry") => self.sanctions_entry(reader, &node)?,
            _ => {}
        }
        Ok(())
    }

    fn reference_set(&mut self, reader: &mut Reader, set: Node) -> Result<(), Error> {
        for value in set.children {
            let id = required_id(reader, &value, "ID")?;
            self.refs.entry(value.name.clone()).or_default().insert(id, value);
        }
        Ok(())
    }

    fn reference(&self, set: &str, id: u64) -> Option<&Node> {
        self.refs.get(set).and_then(|values| values.get(&id))
    }

    /// The name of reference value `set` `id`; a warning when it is not defined.
    fn lookup(&self, reader: &mut Reader, set: &str, id: u64, at: &Node) -> Option<String> {
        match self.reference(set, id).and_then(Node::text) {
            Some(text) => Some(clean(text)),
            None => {
                reader.warn(
                    W_UNKNOWN_REF,
                    at.offset,
                    format!("<{}> refers to {set} {id}, which is not defined", at.name),
                );
                None
            }
        }
    }

    /// The name of the reference value in attribute `attr`, if the attribute is present.
    fn lookup_attr(&self, reader: &mut Reader, set: &str, at: &Node, attr: &str) -> Option<String> {
        id_attr(at, attr).and_then(|id| self.lookup(reader, set, id, at))
    }

    fn country(&self, reader: &mut Reader, id: u64, at: &Node) -> Option<Country> {
        let name = self.lookup(reader, "Country", id, at)?;
        let iso2 = self.reference("Country", id).and_then(|c| c.attr("ISO2"));
        Some(make_country(&name, iso2))
    }

    fn location(&mut self, reader: &mut Reader, node: &Node) -> Result<(), Error> {
        let id = required_id(reader, node, "ID")?;
        let country = node
            .children_named("LocationCountry")
            .find_map(|c| id_attr(c, "CountryID").and_then(|cid| self.country(reader, cid, c)));
        let mut parts = Vec::new();
        for part in node.children_named("LocationPart") {
            let Some(kind) = self.lookup_attr(reader, "LocPartType", part, "LocPartTypeID") else { continue };
            let values: Vec<&Node> = part.children_named("LocationPartValue").collect();
            let value = values
                .iter()
                .find(|v| truthy(v.attr("Primary")))
                .or_else(|| values.first())
                .and_then(|v| v.text_of("Value"));
            if let Some(value) = value {
                parts.push((kind, value.to_string()));
            }
        }
        self.locations.insert(id, Location { parts, country });
        Ok(())
    }

    fn location_address(&self, reader: &mut Reader, at: &Node, attr: &str) -> Option<Address> {
        let id = id_attr(at, attr)?;
        match self.locations.get(&id) {
            Some(loc) => Some(address_from_parts(&loc.parts, loc.country.clone())),
            None => {
                reader.warn(
                    W_UNKNOWN_REF,
                    at.offset,
                    format!("<{}> refers to location {id}, which is not defined", at.name),
                );
                None
            }
        }
    }

    /// A `<DatePeriod>` (Start/End, each From/To Year/Month/Day).
    fn date_period(node: &Node) -> Option<BirthDate> {
        fn point(node: &Node, latest: bool) -> Option<Ymd> {
            let number = |name: &str| -> Option<Option<u64>> {
                match node.text_of(name) {
                    None => Some(None),
                    Some(t) => t.trim().parse().ok().map(Some),
                }
            };
            let y = number("Year")??;
            let m = number("Month")?.unwrap_or(if latest { 12 } else { 1 });
            let last_day = u16::try_from(y).ok().zip(u8::try_from(m).ok()).map_or(31, |(y, m)| days_in_month(y, m));
            let d = number("Day")?.unwrap_or(if latest { u64::from(last_day) } else { 1 });
            Ymd::new(y, m, d)
        }
        fn boundary(node: &Node) -> Option<(Ymd, Ymd)> {
            let from = node.child("From").and_then(|n| point(n, false));
            let to = node.child("To").and_then(|n| point(n, true));
            match (from, to) {
                (Some(f), Some(t)) => Some((f, t)),
                (Some(p), None) | (None, Some(p)) => Some((p, p)),
                (None, None) => None,
            }
        }
        let start_node = node.child("Start");
        let end_node = node.child("End");
        let approximate = [start_node, end_node].into_iter().flatten().any(|n| truthy(n.attr("Approximate")));
        let (start, end) = match (start_node.and_then(boundary), end_node.and_then(boundary)) {
            (Some(s), Some(e)) => (s, e),
            (Some(b), None) | (None, Some(b)) => (b, b),
            (None, None) => return None,
        };
        Some(date_from_bounds(start, end, approximate, false))
    }

    /// A `<Date>` with Year, Month and Day, as ISO.
    fn date_point(node: &Node) -> Option<String> {
        let number = |name: &str| node.text_of(name).and_then(|t| t.trim().parse::<u64>().ok());
        Some(Ymd::new(number("Year")?, number("Month")?, number("Day")?)?.iso())
    }

    fn document(&mut self, reader: &mut Reader, node: &Node) -> Result<(), Error> {
        let id = required_id(reader, node, "ID")?;
        let identity = required_id(reader, node, "IdentityID")?;
        let type_id = required_id(reader, node, "IDRegDocTypeID")?;
        let Some(label) = self.lookup(reader, "IDRegDocType", type_id, node) else { return Ok(()) };
        let Some(number) = node.text_of("IDRegistrationNo") else {
            reader.warn(W_MISSING, node.offset, format!("IDRegDocument {id} ({label}) has no IDRegistrationNo"));
            return Ok(());
        };
        let country = id_attr(node, "IssuedBy-CountryID").and_then(|c| self.country(reader, c, node));
        let mut notes: Vec<String> = Vec::new();
        if let Some(comment) = node.text_of("Comment") {
            notes.push(clean(comment));
        }
        if let Some(authority) = node.text_of("IssuingAuthority") {
            notes.push(format!("issued by {}", clean(authority)));
        }
        if let Some(place) =
            self.location_address(reader, node, "IssuedIn-LocationID").map(|a| address_line(&a)).and_then(non_empty)
        {
            notes.push(format!("issued in {place}"));
        }
        for dated in node.children_named("DocumentDate") {
            let kind = self.lookup_attr(reader, "IDRegDocDateType", dated, "IDRegDocDateTypeID");
            match dated.child("DatePeriod").and_then(Self::date_period) {
                Some(date) => notes.push(format!("{} {}", kind.as_deref().unwrap_or("date"), describe_date(&date))),
                None => reader.warn(W_DATE, dated.offset, format!("IDRegDocument {id}: unreadable document date")),
            }
        }
        let note = non_empty(notes.join("; "));
        let identifier = make_identifier(ids::kind_for_label(&label), &label, number, country, note);
        self.documents.entry(identity).or_default().push((node.offset, identifier));
        Ok(())
    }

    fn distinct_party(&mut self, reader: &mut Reader, node: &Node) -> Result<(), Error> {
        let fixed_ref = node.attr("FixedRef").map(str::trim).filter(|r| !r.is_empty());
        let Some(fixed_ref) = fixed_ref else {
            return Err(reader.error(node.offset, "<DistinctParty> has no FixedRef attribute"));
        };
        let comments: Vec<String> = node.children_named("Comment").filter_map(Node::text).map(clean).collect();
        let mut profiles = node.children_named("Profile").peekable();
        if profiles.peek().is_none() {
            return Err(reader.error(node.offset, format!("DistinctParty {fixed_ref} has no <Profile>")));
        }
        for profile in profiles {
            let (mut party, identities) = self.profile(reader, profile, &comments)?;
            for identity in identities {
                for (_, identifier) in self.documents.remove(&identity).unwrap_or_default() {
                    if matches!(identifier.kind, IdKind::Imo | IdKind::Mmsi) {
                        party.entity.vessel.get_or_insert_with(VesselInfo::default);
                    }
                    push_unique(&mut party.entity.identifiers, identifier);
                }
            }
            if self.by_profile.contains_key(&party.key) {
                return Err(reader.error(profile.offset, format!("profile ID {} appears twice", party.key)));
            }
            self.by_profile.insert(party.key, self.parties.len());
            self.parties.push(party);
        }
        Ok(())
    }

    /// One profile: its party and the ids of its identities (for identity documents).
    fn profile(&self, reader: &mut Reader, profile: &Node, comments: &[String]) -> Result<(Party, Vec<u64>), Error> {
        let key = required_id(reader, profile, "ID")?;
        let sub_type_id = required_id(reader, profile, "PartySubTypeID")?;
        let Some(sub_type) = self.reference("PartySubType", sub_type_id) else {
            return Err(reader.error(
                profile.offset,
                format!("profile {key}: PartySubTypeID {sub_type_id} is not a defined PartySubType"),
            ));
        };
        let party_type = self.lookup_attr(reader, "PartyType", sub_type, "PartyTypeID");
        let kind = kind_from_label(&sub_type.text)
            .or_else(|| party_type.as_deref().and_then(kind_from_label))
            .unwrap_or(EntityKind::Unknown);
        let mut party = Party::new(key, profile.offset, kind.clone());
        party.remarks.extend(comments.iter().cloned());
        party.remarks.extend(profile.children_named("Comment").filter_map(Node::text).map(clean));

        let identities: Vec<&Node> = profile.children_named("Identity").collect();
        if identities.is_empty() {
            return Err(reader.error(profile.offset, format!("profile {key} has no <Identity>")));
        }
        let only_one = identities.len() == 1;
        let mut names = Names::default();
        let mut identity_ids = Vec::new();
        for identity in identities {
            identity_ids.push(required_id(reader, identity, "ID")?);
            let primary_identity = only_one || truthy(identity.attr("Primary"));
            self.identity_names(reader, identity, kind == EntityKind::Person, primary_identity, &mut names)?;
        }
        party.set_names(names, reader, "profile")?;

        for feature in profile.children_named("Feature") {
            let type_id = required_id(reader, feature, "FeatureTypeID")?;
            let Some(type_name) = self.lookup(reader, "FeatureType", type_id, feature) else { continue };
            for version in feature.children_named("FeatureVersion") {
                let value = self.feature_value(reader, version);
                if let Err(message) = apply_feature(&mut party.entity, &mut party.remarks, &type_name, value) {
                    reader.warn(W_FEATURE, version.offset, format!("profile {key}: {message}"));
                }
            }
        }
        if kind == EntityKind::Vessel {
            party.entity.vessel.get_or_insert_with(VesselInfo::default);
        }
        Ok((party, identity_ids))
    }

    fn identity_names(
        &self,
        reader: &mut Reader,
        identity: &Node,
        person: bool,
        primary_identity: bool,
        names: &mut Names,
    ) -> Result<(), Error> {
        let mut groups: HashMap<u64, String> = HashMap::new();
        let group_nodes = identity
            .children_named("NamePartGroups")
            .flat_map(|g| g.children_named("MasterNamePartGroup"))
            .flat_map(|m| m.children_named("NamePartGroup"));
        for group in group_nodes {
            let id = required_id(reader, group, "ID")?;
            let kind = self.lookup_attr(reader, "NamePartType", group, "NamePartTypeID").unwrap_or_default();
            groups.insert(id, kind);
        }
        for alias in identity.children_named("Alias") {
            let primary = primary_identity && truthy(alias.attr("Primary"));
            let strength = if truthy(alias.attr("LowQuality")) { Strength::Weak } else { Strength::Strong };
            let kind = if primary {
                AliasKind::Aka
            } else {
                let label = self.lookup_attr(reader, "AliasType", alias, "AliasTypeID");
                alias_kind_or_aka(label, reader, alias.offset)
            };
            let mut set = NameSet::default();
            for documented in alias.children_named("DocumentedName") {
                let mut parts = Vec::new();
                let mut latin = true;
                for part in documented.children_named("DocumentedNamePart") {
                    let Some(value) = part.child("NamePartValue") else {
                        return Err(reader.error(part.offset, "<DocumentedNamePart> has no <NamePartValue>"));
                    };
                    let group = required_id(reader, value, "NamePartGroupID")?;
                    let Some(part_kind) = groups.get(&group) else {
                        return Err(reader.error(
                            value.offset,
                            format!(
                                "NamePartValue refers to NamePartGroupID {group}, which its identity does not define"
                            ),
                        ));
                    };
                    if let Some(script) = id_attr(value, "ScriptID") {
                        match self.reference("Script", script) {
                            Some(s) => {
                                let code = s.attr("ScriptCode").unwrap_or("");
                                if !is_latin_script(&s.text) && !is_latin_script(code) {
                                    latin = false;
                                }
                            }
                            None => reader.warn(
                                W_UNKNOWN_REF,
                                value.offset,
                                format!("<NamePartValue> refers to Script {script}, which is not defined"),
                            ),
                        }
                    }
                    if let Some(text) = value.text() {
                        parts.push((part_kind.clone(), text.to_string()));
                    }
                }
                let name = assemble_name(&parts, person, latin);
                if name.is_empty() {
                    reader.warn(W_MISSING, documented.offset, "documented name has no text");
                } else if latin {
                    set.latin.push(name);
                } else {
                    set.other_script.push(name);
                }
            }
            names.add(set, primary, kind, strength);
        }
        Ok(())
    }

    fn feature_value(&self, reader: &mut Reader, version: &Node) -> FeatureValue {
        let mut value = FeatureValue::default();
        for detail in version.children_named("VersionDetail") {
            let text = match detail.text() {
                Some(t) => Some(t.to_string()),
                None => self.lookup_attr(reader, "DetailReference", detail, "DetailReferenceID"),
            };
            if value.text.is_none() {
                value.text = text;
            }
        }
        if let Some(period) = version.child("DatePeriod") {
            value.date = Self::date_period(period);
        }
        for at in version.children_named("VersionLocation") {
            if let Some(address) = self.location_address(reader, at, "LocationID") {
                if value.country.is_none() {
                    value.country = address.country.clone();
                }
                if value.address.is_none() {
                    value.address = Some(address);
                }
            }
        }
        value
    }

    fn relationship(&mut self, reader: &mut Reader, node: &Node) -> Result<(), Error> {
        let from = required_id(reader, node, "From-ProfileID")?;
        let to = required_id(reader, node, "To-ProfileID")?;
        let type_id = required_id(reader, node, "RelationTypeID")?;
        let Some(relation) = self.lookup(reader, "RelationType", type_id, node) else { return Ok(()) };
        let relation = if truthy(node.attr("Former")) { format!("{relation} (former)") } else { relation };
        self.relations.push((from, PendingLink { relation, target: to, target_name: None, offset: node.offset }));
        Ok(())
    }

    fn sanctions_entry(&mut self, reader: &mut Reader, node: &Node) -> Result<(), Error> {
        required_id(reader, node, "ID")?;
        let profile = required_id(reader, node, "ProfileID")?;
        let list = self.lookup_attr(reader, "List", node, "ListID");
        let mut entry = SanctionsEntry {
            offset: node.offset,
            profile,
            list,
            listed_on: None,
            programs: Vec::new(),
            basis_programs: Vec::new(),
        };
        for event in node.children_named("EntryEvent") {
            if let Some(date) = event.child("Date").and_then(Self::date_point) {
                if entry.listed_on.as_ref().is_none_or(|d| date < *d) {
                    entry.listed_on = Some(date);
                }
            }
            if let Some(basis) = id_attr(event, "LegalBasisID") {
                let program = self
                    .reference("LegalBasis", basis)
                    .and_then(|b| id_attr(b, "SanctionsProgramID"))
                    .and_then(|p| self.reference("SanctionsProgram", p))
                    .and_then(Node::text);
                if let Some(program) = program {
                    push_unique(&mut entry.basis_programs, clean(program));
                }
            }
        }
        for measure in node.children_named("SanctionsMeasure") {
            let kind = self.lookup_attr(reader, "SanctionsType", measure, "SanctionsTypeID");
            if kind.is_some_and(|k| k.eq_ignore_ascii_case("program")) {
                if let Some(program) = measure.text_of("Comment") {
                    push_unique(&mut entry.programs, clean(program));
                }
            }
        }
        self.entries.push(entry);
        Ok(())
    }

    /// Attaches entries and relationships; returns the publish date, the parties and
    /// `true`: the file is a whole list, so a link must point at a profile in it.
    pub(super) fn finish(&mut self, reader: &mut Reader) -> (Option<String>, Vec<Party>, bool) {
        let published = self.published(reader);
        let mut leftovers: Vec<(u64, u64, Identifier)> = self
            .documents
            .drain()
            .flat_map(|(identity, docs)| docs.into_iter().map(move |(offset, doc)| (offset, identity, doc)))
            .collect();
        leftovers.sort_by_key(|(offset, _, _)| *offset);
        for (offset, identity, doc) in leftovers {
            reader.warn(
                W_ORPHAN,
                offset,
                format!("IDRegDocument {:?} belongs to identity {identity}, which no party has", doc.value),
            );
        }
        for entry in std::mem::take(&mut self.entries) {
            let Some(party) = self.by_profile.get(&entry.profile).and_then(|&i| self.parties.get_mut(i)) else {
                reader.warn(
                    W_ORPHAN,
                    entry.offset,
                    format!("SanctionsEntry for profile {}, which is not in the file", entry.profile),
                );
                continue;
            };
            party.add_list(entry.list.as_deref().unwrap_or(SDN_LIST));
            let programs = if entry.programs.is_empty() { entry.basis_programs } else { entry.programs };
            for program in programs {
                push_unique(&mut party.entity.programs, program);
            }
            if let Some(date) = entry.listed_on {
                party.add_listed_on(date);
            }
        }
        for (from, link) in std::mem::take(&mut self.relations) {
            match self.by_profile.get(&from).and_then(|&i| self.parties.get_mut(i)) {
                Some(party) => party.links.push(link),
                None => reader.warn(
                    W_ORPHAN,
                    link.offset,
                    format!("ProfileRelationship from profile {from}, which is not in the file"),
                ),
            }
        }
        for party in &self.parties {
            if !party.has_entry {
                reader.warn(
                    W_NO_ENTRY,
                    party.offset,
                    format!("profile {} has no SanctionsEntry; read as SDN", party.key),
                );
            }
        }
        (published, std::mem::take(&mut self.parties), true)
    }

    fn published(&self, reader: &mut Reader) -> Option<String> {
        let [year, month, day] = &self.issue_date;
        let (offset, _) = year.as_ref()?;
        let number = |part: &Option<(u64, String)>| part.as_ref().and_then(|(_, t)| t.trim().parse::<u64>().ok());
        match (number(year), number(month), number(day)) {
            (Some(y), Some(m), Some(d)) => match Ymd::new(y, m, d) {
                Some(date) => return Some(date.iso()),
                None => reader.warn(W_DATE, *offset, format!("DateOfIssue {y}-{m}-{d} is not a date")),
            },
            _ => reader.warn(W_DATE, *offset, "DateOfIssue lacks a numeric Year, Month or Day"),
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use interdict_model::{Alias, Gender, Link, PartialDate};

    use super::super::test_support::{entity, parse_str, ADVANCED};
    use super::*;
    use crate::SourceKind;

    #[test]
    fn advanced_fixture_maps_every_field() {
        let parsed = parse_str(ADVANCED).unwrap();
        assert_eq!(parsed.kind, SourceKind::OfacAdvanced);
        assert_eq!(parsed.published.as_deref(), Some("2024-05-03"));
        assert_eq!(parsed.warnings.total(), 0, "{:?}", parsed.warnings);
        let ids: Vec<&str> = parsed.entities.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["ofac-sdn:43598", "ofac-sdn:15036", "ofac-cons:7002"]);

        let choe = entity(&parsed, "ofac-sdn:43598");
        assert_eq!(choe.source, "ofac-sdn");
        assert_eq!(choe.kind, EntityKind::Person);
        assert_eq!(choe.name, "CHOE, Chol Min");
        assert_eq!(
            choe.aliases,
            [
                Alias { name: "CHOE, Chol-min".into(), kind: AliasKind::Aka, strength: Strength::Strong },
                Alias { name: "Sky".into(), kind: AliasKind::Aka, strength: Strength::Weak },
                Alias { name: "KIM, Chol Il".into(), kind: AliasKind::Fka, strength: Strength::Strong },
            ]
        );
        assert_eq!(choe.original_script_names, ["최철민"]);
        assert_eq!(
            choe.birth_dates,
            [
                BirthDate { from: PartialDate::year(1955), to: Some(PartialDate::year(1958)), approximate: true },
                BirthDate::exact(PartialDate::ymd(1978, 4, 3)),
            ]
        );
        assert_eq!(choe.birth_places, ["Pyongyang, Korea, North"]);
        assert_eq!(choe.nationalities, [Country { name: "Korea, North".into(), code: Some("KP".into()) }]);
        assert_eq!(choe.gender, Some(Gender::Male));
        assert_eq!(
            choe.addresses,
            [Address {
                street: Some("Potonggang District".into()),
                city: Some("Pyongyang".into()),
                country: Some(Country::from_name("Korea, North")),
                ..Address::default()
            }]
        );
        assert_eq!(
            choe.identifiers,
            [Identifier {
                kind: IdKind::Passport,
                value: "745310010".into(),
                label: "Passport".into(),
                country: Some(Country::from_name("Korea, North")),
                note: Some("Diplomatic; Expiration Date 2019-11-26".into()),
            }]
        );
        assert_eq!(choe.programs, ["NPWMD", "DPRK3"]);
        assert_eq!(choe.listed_on.as_deref(), Some("2017-06-01"));
        assert_eq!(choe.published.as_deref(), Some("2024-05-03"));
        assert!(choe.links.is_empty() && choe.remarks.is_none() && choe.vessel.is_none());

        let ship = entity(&parsed, "ofac-sdn:15036");
        assert_eq!(ship.kind, EntityKind::Vessel);
        assert_eq!(ship.name, "ARTAVIL");
        let kinds: Vec<(&str, &AliasKind)> = ship.aliases.iter().map(|a| (a.name.as_str(), &a.kind)).collect();
        assert_eq!(kinds, [("ALPHA", &AliasKind::Fka), ("OMEGA", &AliasKind::Nka)]);
        assert_eq!(
            ship.vessel,
            Some(VesselInfo {
                vessel_type: Some("Bulk Carrier".into()),
                flag: Some(Country { name: "Panama".into(), code: Some("PA".into()) }),
                owner: None,
                tonnage: Some("99,144".into()),
                gross_registered_tonnage: Some("56,068".into()),
                call_sign: Some("T2EU4".into()),
            })
        );
        let numbers: Vec<(&IdKind, &str)> = ship.identifiers.iter().map(|i| (&i.kind, i.value.as_str())).collect();
        assert_eq!(numbers, [(&IdKind::CallSign, "T2EU4"), (&IdKind::Imo, "9187629")]);
        // No program measure: the program comes from the legal basis.
        assert_eq!(ship.programs, ["SDGT"]);
        assert_eq!(
            ship.links,
            [Link {
                relation: "Owned or Controlled By".into(),
                target_name: "KOREA SHIPPING CO.".into(),
                target_id: Some("ofac-cons:7002".into()),
            }]
        );
        assert_eq!(
            ship.remarks.as_deref(),
            Some("Crude oil tanker; Additional Sanctions Information - Subject to Secondary Sanctions")
        );

        let company = entity(&parsed, "ofac-cons:7002");
        assert_eq!((company.kind.clone(), company.source.as_str()), (EntityKind::Organization, "ofac-cons"));
        assert_eq!(company.programs, ["NS-MBS"]);
        assert_eq!(company.listed_on.as_deref(), Some("2020-02-29"));
        assert_eq!(company.identifiers[0].kind, IdKind::Bic);
        assert_eq!(company.identifiers[0].value, "KSCOKPPY");
    }

    #[test]
    fn dangling_optional_references_are_warnings() {
        let xml = ADVANCED
            .replacen(r#"FeatureTypeID="9""#, r#"FeatureTypeID="999""#, 1)
            .replacen(r#"<VersionLocation LocationID="300"/>"#, r#"<VersionLocation LocationID="998"/>"#, 1)
            .replacen(r#"IssuedBy-CountryID="11143""#, r#"IssuedBy-CountryID="997""#, 1)
            .replacen(r#"ProfileID="7002" ListID="91512""#, r#"ProfileID="996" ListID="91512""#, 1)
            .replacen(r#"To-ProfileID="7002""#, r#"To-ProfileID="995""#, 1)
            .replace("<Year>1978</Year>", "<Year>unknown</Year>");
        let parsed = parse_str(&xml).unwrap();
        assert_eq!(parsed.entities.len(), 3);
        assert_eq!(parsed.warnings.count(W_UNKNOWN_REF), 3, "{:?}", parsed.warnings);
        assert_eq!(parsed.warnings.count(W_ORPHAN), 2, "{:?}", parsed.warnings);
        assert_eq!(parsed.warnings.count(W_NO_ENTRY), 1, "{:?}", parsed.warnings);
        assert_eq!(parsed.warnings.count(W_FEATURE), 2, "{:?}", parsed.warnings);
        let choe = entity(&parsed, "ofac-sdn:43598");
        assert!(choe.birth_places.is_empty() && choe.nationalities.is_empty());
        assert_eq!(choe.birth_dates.len(), 1);
        assert_eq!(choe.identifiers[0].country, None);
        let ship = entity(&parsed, "ofac-sdn:15036");
        assert!(ship.links.is_empty());
        // Without its entry the company defaults to the SDN list.
        assert!(parsed.entities.iter().any(|e| e.id == "ofac-sdn:7002"));
    }
}
