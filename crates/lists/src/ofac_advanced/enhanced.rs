//! OFAC's enhanced XML (`<sanctionsData>`, the Sanctions List Service export used for the
//! per-program extracts): every `<entity>` carries its names, features, addresses,
//! documents and relationships, with reference values resolved inline.

use std::collections::HashMap;

use interdict_model::{AliasKind, BirthDate, Country, EntityKind, IdKind, Strength, VesselInfo};

use super::mapping::{
    address_from_parts, alias_kind_or_aka, apply_feature, assemble_name, clean, is_latin_script, kind_from_label,
    make_country, make_identifier, FeatureValue, NameSet, Names,
};
use super::periods::{date_from_bounds, describe_date, Ymd};
use super::{id_attr, required_id, truthy, Party, PendingLink, W_DATE, W_FEATURE, W_MISSING, W_UNKNOWN_REF};
use crate::fields::{non_empty, push_unique};
use crate::ids;
use crate::reader::Reader;
use crate::xml::Node;
use crate::Error;

struct ReferenceValue {
    kind: String,
    value: String,
    iso: Option<String>,
}

/// The parties of an enhanced XML file, read one `<entity>` at a time, and the tables
/// that entities may refer to.
#[derive(Default)]
pub(super) struct Enhanced {
    refs: HashMap<u64, ReferenceValue>,
    feature_types: HashMap<u64, String>,
    parties: Vec<Party>,
    by_id: HashMap<u64, usize>,
    published: Option<String>,
}

impl Enhanced {
    pub(super) fn record(&mut self, reader: &mut Reader, section: &str, node: Node) -> Result<(), Error> {
        match (section, node.name.as_str()) {
            ("publicationInfo", "dataAsOf") => match Ymd::parse_iso(&node.text) {
                Some(date) => self.published = Some(date.iso()),
                None => reader.warn(W_DATE, node.offset, format!("dataAsOf {:?} is not a date", node.text)),
            },
            ("referenceValues", "referenceValue") => {
                let id = required_id(reader, &node, "refId")?;
                let value = ReferenceValue {
                    kind: node.text_of("type").map(clean).unwrap_or_default(),
                    value: node.text_of("value").map(clean).unwrap_or_default(),
                    iso: node.text_of("isoCode").map(str::to_string),
                };
                self.refs.insert(id, value);
            }
            ("featureTypes", "featureType") => {
                let id = required_id(reader, &node, "featureTypeId")?;
                if let Some(name) = node.text_of("type") {
                    self.feature_types.insert(id, clean(name));
                }
            }
            ("entities", "entity") => {
                let party = self.entity(reader, &node)?;
                if self.by_id.contains_key(&party.key) {
                    return Err(reader.error(node.offset, format!("entity id {} appears twice", party.key)));
                }
                self.by_id.insert(party.key, self.parties.len());
                self.parties.push(party);
            }
            _ => {}
        }
        Ok(())
    }

    /// The publish date and the parties. Links may point outside the file: an extract
    /// for one program names parties listed under other programs.
    pub(super) fn finish(&mut self) -> (Option<String>, Vec<Party>, bool) {
        (self.published.take(), std::mem::take(&mut self.parties), false)
    }

    /// The text of a `<x refId="..">text</x>` element, or the reference value it names.
    fn label(&self, reader: &mut Reader, node: &Node) -> Option<String> {
        if let Some(text) = node.text() {
            return non_empty(clean(text));
        }
        let id = id_attr(node, "refId")?;
        match self.refs.get(&id) {
            Some(r) => non_empty(r.value.clone()),
            None => {
                reader.warn(
                    W_UNKNOWN_REF,
                    node.offset,
                    format!("<{}> refId {id} is not a defined reference value", node.name),
                );
                None
            }
        }
    }

    fn country(&self, reader: &mut Reader, node: &Node) -> Option<Country> {
        let name = self.label(reader, node)?;
        let iso = id_attr(node, "refId").and_then(|id| self.refs.get(&id)).and_then(|r| r.iso.as_deref());
        Some(make_country(&name, iso))
    }

    /// A `<valueDate>`, `<issueDate>` or `<expirationDate>`.
    fn date(node: &Node) -> Option<BirthDate> {
        let bound = |name: &str| node.text_of(name).and_then(Ymd::parse_iso);
        let (fb, fe, tb, te) = (bound("fromDateBegin"), bound("fromDateEnd"), bound("toDateBegin"), bound("toDateEnd"));
        let start = fb.or(fe).map(|b| (b, fe.unwrap_or(b)));
        let end = te.or(tb).map(|e| (tb.unwrap_or(e), e));
        let (start, end) = match (start, end) {
            (Some(s), Some(e)) => (s, e),
            (Some(b), None) | (None, Some(b)) => (b, b),
            (None, None) => return None,
        };
        let approximate = truthy(node.text_of("isApproximate"));
        Some(date_from_bounds(start, end, approximate, truthy(node.text_of("isDateRange"))))
    }

    fn entity(&self, reader: &mut Reader, node: &Node) -> Result<Party, Error> {
        let key = required_id(reader, node, "id")?;
        let Some(info) = node.child("generalInfo") else {
            return Err(reader.error(node.offset, format!("entity {key} has no <generalInfo>")));
        };
        let Some(type_node) = info.child("entityType") else {
            return Err(reader.error(info.offset, format!("entity {key} has no <entityType>")));
        };
        let Some(type_label) = self.label(reader, type_node) else {
            return Err(reader.error(type_node.offset, format!("entity {key}: entityType names no type")));
        };
        let kind = kind_from_label(&type_label).unwrap_or_else(|| {
            reader.warn(W_UNKNOWN_REF, type_node.offset, format!("entity {key}: unknown entity type {type_label:?}"));
            EntityKind::Unknown
        });
        let mut party = Party::new(key, node.offset, kind.clone());
        party.entity.title = info.text_of("title").map(clean);
        party.remarks.extend(info.text_of("remarks").map(clean));

        for list in node.children_named("sanctionsLists").flat_map(|l| l.children_named("sanctionsList")) {
            if let Some(name) = self.label(reader, list) {
                party.add_list(&name);
            }
            if let Some(date) = list.attr("datePublished").and_then(Ymd::parse_iso) {
                party.add_listed_on(date.iso());
            }
        }
        for program in node.children_named("sanctionsPrograms").flat_map(|p| p.children_named("sanctionsProgram")) {
            if let Some(name) = self.label(reader, program) {
                push_unique(&mut party.entity.programs, name);
            }
        }

        let mut names = Names::default();
        for name in node.children_named("names").flat_map(|n| n.children_named("name")) {
            self.name(reader, name, kind == EntityKind::Person, &mut names);
        }
        party.set_names(names, reader, "entity")?;

        for address in node.children_named("addresses").flat_map(|a| a.children_named("address")) {
            let country = address.child("country").and_then(|c| self.country(reader, c));
            let translations: Vec<&Node> =
                address.children_named("translations").flat_map(|t| t.children_named("translation")).collect();
            let translation =
                translations.iter().find(|t| truthy(t.text_of("isPrimary"))).or_else(|| translations.first());
            let mut parts = Vec::new();
            for part in translation
                .into_iter()
                .flat_map(|t| t.children_named("addressParts"))
                .flat_map(|p| p.children_named("addressPart"))
            {
                let kind = part.child("type").and_then(|t| self.label(reader, t)).unwrap_or_default();
                if let Some(value) = part.text_of("value") {
                    parts.push((kind, value.to_string()));
                }
            }
            let address = address_from_parts(&parts, country);
            if !address.is_empty() {
                push_unique(&mut party.entity.addresses, address);
            }
        }

        for feature in node.children_named("features").flat_map(|f| f.children_named("feature")) {
            let type_name = feature.child("type").and_then(|t| {
                t.text().map(clean).and_then(non_empty).or_else(|| {
                    let id = id_attr(t, "featureTypeId")?;
                    let name = self.feature_types.get(&id).cloned();
                    if name.is_none() {
                        reader.warn(W_UNKNOWN_REF, t.offset, format!("feature type {id} is not defined"));
                    }
                    name
                })
            });
            let Some(type_name) = type_name else {
                reader.warn(W_MISSING, feature.offset, format!("entity {key}: feature without a type"));
                continue;
            };
            let text = feature.text_of("value").map(str::to_string);
            let country = feature
                .text_of("valueRefId")
                .and_then(|id| id.trim().parse::<u64>().ok())
                .and_then(|id| self.refs.get(&id))
                .filter(|r| r.kind.eq_ignore_ascii_case("COUNTRY"))
                .map(|r| make_country(text.as_deref().unwrap_or(&r.value), r.iso.as_deref()));
            let date = feature.child("valueDate").and_then(Self::date);
            let value = FeatureValue { text, date, country, address: None };
            if let Err(message) = apply_feature(&mut party.entity, &mut party.remarks, &type_name, value) {
                reader.warn(W_FEATURE, feature.offset, format!("entity {key}: {message}"));
            }
        }

        for document in node.children_named("identityDocuments").flat_map(|d| d.children_named("identityDocument")) {
            let Some(label) = document.child("type").and_then(|t| self.label(reader, t)) else {
                reader.warn(W_MISSING, document.offset, format!("entity {key}: identity document without a type"));
                continue;
            };
            let Some(number) = document.text_of("documentNumber") else {
                reader.warn(W_MISSING, document.offset, format!("entity {key}: {label} without a documentNumber"));
                continue;
            };
            let country = document.child("issuingCountry").and_then(|c| self.country(reader, c));
            let mut notes = Vec::new();
            if let Some(place) = document.text_of("issuingLocation").map(clean) {
                if country.as_ref().is_none_or(|c| c.name != place) {
                    notes.push(format!("issued in {place}"));
                }
            }
            for (element, word) in [("issueDate", "issued"), ("expirationDate", "expires")] {
                if let Some(date) = document.child(element).and_then(Self::date) {
                    notes.push(format!("{word} {}", describe_date(&date)));
                }
            }
            if document.text_of("isValid").is_some_and(|v| v.trim() == "false") {
                notes.push("invalid".to_string());
            }
            let identifier =
                make_identifier(ids::kind_for_label(&label), &label, number, country, non_empty(notes.join("; ")));
            if matches!(identifier.kind, IdKind::Imo | IdKind::Mmsi) {
                party.entity.vessel.get_or_insert_with(VesselInfo::default);
            }
            push_unique(&mut party.entity.identifiers, identifier);
        }

        for relationship in node.children_named("relationships").flat_map(|r| r.children_named("relationship")) {
            let relation = relationship.child("type").and_then(|t| self.label(reader, t));
            let related = relationship.child("relatedEntity");
            let target = related.and_then(|r| id_attr(r, "entityId"));
            let (Some(relation), Some(target)) = (relation, target) else {
                reader.warn(
                    W_MISSING,
                    relationship.offset,
                    format!("entity {key}: relationship without a type or related entity"),
                );
                continue;
            };
            let target_name = related.and_then(Node::text).map(clean).and_then(non_empty);
            party.links.push(PendingLink { relation, target, target_name, offset: relationship.offset });
        }
        if kind == EntityKind::Vessel {
            party.entity.vessel.get_or_insert_with(VesselInfo::default);
        }
        Ok(party)
    }

    /// One `<name>` with its translations: the Latin one is the name, others are
    /// original-script names.
    fn name(&self, reader: &mut Reader, name: &Node, person: bool, names: &mut Names) {
        let primary = truthy(name.text_of("isPrimary"));
        let strength = if truthy(name.text_of("isLowQuality")) { Strength::Weak } else { Strength::Strong };
        let kind = if primary {
            AliasKind::Aka
        } else {
            let label = name.child("aliasType").and_then(|t| self.label(reader, t));
            alias_kind_or_aka(label, reader, name.offset)
        };
        let mut translations: Vec<&Node> =
            name.children_named("translations").flat_map(|t| t.children_named("translation")).collect();
        // The primary translation first, so it becomes the name.
        translations.sort_by_key(|t| !truthy(t.text_of("isPrimary")));
        let mut set = NameSet::default();
        for translation in translations {
            let latin =
                translation.child("script").and_then(|s| self.label(reader, s)).is_none_or(|s| is_latin_script(&s));
            let parts: Vec<(String, String)> = translation
                .children_named("nameParts")
                .flat_map(|p| p.children_named("namePart"))
                .filter_map(|part| {
                    let kind = part.child("type").and_then(|t| self.label(reader, t)).unwrap_or_default();
                    part.text_of("value").map(|v| (kind, v.to_string()))
                })
                .collect();
            let formatted = translation.text_of("formattedFullName").map(clean).and_then(non_empty);
            let text = if latin {
                formatted.or_else(|| non_empty(assemble_name(&parts, person, true)))
            } else {
                non_empty(assemble_name(&parts, person, false)).or(formatted)
            };
            match text {
                Some(text) if latin => set.latin.push(text),
                Some(text) => set.other_script.push(text),
                None => reader.warn(W_MISSING, translation.offset, "name translation has no text"),
            }
        }
        names.add(set, primary, kind, strength);
    }
}

#[cfg(test)]
mod tests {

    use interdict_model::{Address, Alias, Gender, Link, PartialDate};

    use super::super::test_support::{entity, parse_str, ENHANCED};
    use super::*;
    use crate::SourceKind;

    #[test]
    fn enhanced_fixture_maps_every_field() {
        let parsed = parse_str(ENHANCED).unwrap();
        assert_eq!(parsed.published.as_deref(), Some("2024-08-28"));
        assert_eq!(parsed.warnings.total(), 0, "{:?}", parsed.warnings);
        assert_eq!(parsed.entities.len(), 2);

        let ship = entity(&parsed, "ofac-sdn:15036");
        assert_eq!(ship.kind, EntityKind::Vessel);
        assert_eq!(ship.name, "ARTAVIL");
        assert_eq!(ship.aliases, [Alias { name: "ART".into(), kind: AliasKind::Aka, strength: Strength::Weak }]);
        assert_eq!(ship.original_script_names, ["Артавил"]);
        assert_eq!(ship.programs, ["IRGC"]);
        assert_eq!(ship.listed_on.as_deref(), Some("2011-07-12"));
        assert_eq!(ship.published.as_deref(), Some("2024-08-28"));
        assert!(ship.addresses.is_empty(), "an empty <address/> is no address");
        let vessel = ship.vessel.as_ref().unwrap();
        assert_eq!(vessel.flag, Some(Country { name: "Iran".into(), code: Some("IR".into()) }));
        assert_eq!(vessel.vessel_type.as_deref(), Some("Crude/Oil Products Tanker"));
        assert_eq!(vessel.owner.as_deref(), Some("NITC"));
        assert_eq!(vessel.call_sign.as_deref(), Some("9BQK"));
        let numbers: Vec<(&IdKind, &str)> = ship.identifiers.iter().map(|i| (&i.kind, i.value.as_str())).collect();
        assert_eq!(numbers, [(&IdKind::CallSign, "9BQK"), (&IdKind::Imo, "9187629"), (&IdKind::Mmsi, "572469210")]);
        assert_eq!(ship.remarks.as_deref(), Some("Aircraft Model none"));
        assert_eq!(
            ship.links,
            [
                Link {
                    relation: "Owned or Controlled By".into(),
                    target_name: "MOHAMMADI, Reza".into(),
                    target_id: Some("ofac-cons:777".into()),
                },
                Link {
                    relation: "Owned or Controlled By".into(),
                    target_name: "ANSAR BANK".into(),
                    target_id: Some("ofac-sdn:12478".into()),
                },
            ]
        );

        let person = entity(&parsed, "ofac-cons:777");
        assert_eq!(person.kind, EntityKind::Person);
        assert_eq!(person.name, "MOHAMMADI, Reza");
        assert_eq!(person.title.as_deref(), Some("Captain"));
        assert_eq!(person.remarks.as_deref(), Some("Ship master"));
        assert_eq!(
            person.birth_dates,
            [
                BirthDate { from: PartialDate::year(1951), to: Some(PartialDate::year(1953)), approximate: false },
                BirthDate { from: PartialDate { year: 1961, month: Some(4), day: None }, to: None, approximate: true },
            ]
        );
        assert_eq!(person.nationalities, [Country { name: "Iran".into(), code: Some("IR".into()) }]);
        // A name the model's table does not know keeps the list's ISO code.
        assert_eq!(person.citizenships, [Country { name: "Atlantis".into(), code: Some("XA".into()) }]);
        assert_eq!(person.gender, Some(Gender::Male));
        assert_eq!(
            person.addresses,
            [Address {
                street: Some("No. 5, Pasdaran Street".into()),
                city: Some("Tehran".into()),
                postal_code: Some("12345".into()),
                country: Some(Country { name: "Atlantis".into(), code: Some("XA".into()) }),
                ..Address::default()
            }]
        );
        assert_eq!(person.identifiers.len(), 2);
        assert_eq!(
            (&person.identifiers[0].kind, person.identifiers[0].value.as_str()),
            (&IdKind::Email, "captain@example.com")
        );
        let passport = &person.identifiers[1];
        assert_eq!((&passport.kind, passport.value.as_str()), (&IdKind::Passport, "G9333110"));
        assert_eq!(passport.country.as_ref().and_then(|c| c.code.as_deref()), Some("IR"));
        assert_eq!(passport.note.as_deref(), Some("issued 2014-03-03; invalid"));
    }

    const REAL_FILE: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/ofac/enhanced_xml_program-IRGC_2024-08-28/IRGC_sanctions.xml"
    );

    #[test]
    fn real_irgc_enhanced_file() {
        let Some(path) = crate::shared_or_skipped(REAL_FILE, "the OFAC IRGC enhanced XML test") else { return };
        let parsed = crate::parse_source(SourceKind::OfacAdvanced, &path).unwrap();
        assert_eq!(parsed.published.as_deref(), Some("2024-08-28"));
        // `grep -c '<entity id=' IRGC_sanctions.xml` is 293: 165 individuals, 84 entities, 44 aircraft.
        assert_eq!(parsed.entities.len(), 293);
        let count = |kind: EntityKind| parsed.entities.iter().filter(|e| e.kind == kind).count();
        assert_eq!(
            [count(EntityKind::Person), count(EntityKind::Organization), count(EntityKind::Aircraft)],
            [165, 84, 44]
        );
        assert!(parsed.entities.iter().all(|e| e.source == "ofac-sdn" && e.programs.iter().any(|p| p == "IRGC")));
        assert_eq!(parsed.warnings.total(), 0, "{:?}", parsed.warnings);

        let naqdi = entity(&parsed, "ofac-sdn:12057");
        assert_eq!(naqdi.kind, EntityKind::Person);
        assert_eq!(naqdi.name, "NAQDI, Mohammad Reza");
        assert_eq!(naqdi.aliases.len(), 7);
        assert!(naqdi.aliases.iter().any(|a| a.name == "SHAMS, Mohammad Reza" && a.kind == AliasKind::Aka));
        assert_eq!(
            naqdi.birth_dates,
            [
                BirthDate { from: PartialDate::year(1951), to: Some(PartialDate::year(1953)), approximate: false },
                BirthDate { from: PartialDate::year(1960), to: Some(PartialDate::year(1962)), approximate: false },
                BirthDate { from: PartialDate { year: 1961, month: Some(4), day: None }, to: None, approximate: false },
                BirthDate::exact(PartialDate::year(1953)),
            ]
        );
        assert_eq!(naqdi.birth_places, ["Najaf, Iraq", "Tehran, Iran"]);
        assert_eq!(naqdi.nationalities, [Country { name: "Iran".into(), code: Some("IR".into()) }]);
        assert_eq!(naqdi.gender, Some(Gender::Male));
        assert_eq!(naqdi.programs, ["IFSR", "IRAN-EO13876", "IRAN-HR", "IRGC", "NPWMD", "SDGT"]);
        assert_eq!(naqdi.listed_on.as_deref(), Some("2010-06-16"));
        assert!(naqdi.title.as_deref().unwrap_or("").starts_with("Brigadier General and Commander of the IRGC Basij"));
        assert_eq!(
            naqdi.remarks.as_deref(),
            Some("Head of the Basij; Additional Sanctions Information - Subject to Secondary Sanctions")
        );

        let aircraft = entity(&parsed, "ofac-sdn:24475");
        assert_eq!((aircraft.kind.clone(), aircraft.name.as_str()), (EntityKind::Aircraft, "EP-PUL"));
        assert_eq!(aircraft.identifiers.len(), 1);
        assert_eq!(
            (&aircraft.identifiers[0].kind, aircraft.identifiers[0].value.as_str()),
            (&IdKind::AircraftId, "33448393")
        );
        assert_eq!(aircraft.links.len(), 1);
        assert_eq!(aircraft.links[0].relation, "Owned or Controlled By");
        assert_eq!(aircraft.links[0].target_name, "POUYA AIR");
        assert_eq!(aircraft.links[0].target_id.as_deref(), Some("ofac-sdn:13109"));
        let remarks = aircraft.remarks.as_deref().unwrap_or("");
        assert!(
            remarks.contains("Aircraft Model IL-76") && remarks.contains("Aircraft Operator Pouya Air"),
            "{remarks}"
        );

        let fatemiyoun = entity(&parsed, "ofac-sdn:26347");
        assert_eq!(
            (fatemiyoun.kind.clone(), fatemiyoun.name.as_str()),
            (EntityKind::Organization, "FATEMIYOUN DIVISION")
        );
        assert_eq!(fatemiyoun.original_script_names, ["لواء فاطميون"]);
        assert_eq!(fatemiyoun.links[0].target_id.as_deref(), Some("ofac-sdn:10465"));

        let atlas = entity(&parsed, "ofac-sdn:26527");
        let doc = &atlas.identifiers[0];
        assert_eq!(
            (&doc.kind, doc.value.as_str(), doc.label.as_str()),
            (&IdKind::RegistrationNumber, "59784", "Business Registration Number")
        );
        assert_eq!(doc.country.as_ref().and_then(|c| c.code.as_deref()), Some("IR"));
    }
}
