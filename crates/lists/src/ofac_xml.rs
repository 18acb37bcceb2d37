//! OFAC's `sdn.xml` and `consolidated.xml` (schema `consolidated_sdnList.xsd`).
//!
//! The file is one `<sdnList>` root whose children are a `<publshInformation>` (sic)
//! with `Publish_Date` (`MM/DD/YYYY`) and `Record_Count`, and one `<sdnEntry>` per
//! listed party. Each entry becomes an [`Entity`] with id `<source>:<uid>`. Records are
//! streamed by [`crate::xml::for_each_record`], so its hardening (no DOCTYPE, no entity
//! expansion, depth limit, UTF-8 only) applies.
//!
//! **Which list** (the rule [`source_for`] implements): the entities get source
//! `ofac-cons` (the consolidated non-SDN list) when the file's base name contains `cons`
//! (`consolidated.xml`, `cons.xml.gz`) or when the root's default namespace names the
//! consolidated schema (`http://tempuri.org/consolidated.xsd`); otherwise `ofac-sdn`.
//! The current OFAC service writes both files with the same namespace and the programs
//! of the two lists overlap, so the contents cannot tell them apart: name the file
//! after the list it holds.
//!
//! Mapped:
//!
//! | OFAC element                          | entity field                                     |
//! |---------------------------------------|--------------------------------------------------|
//! | `Publish_Date`                        | `published` of every entity (ISO)                |
//! | `uid`                                 | `id` (`ofac-sdn:36`, `ofac-cons:9639`)           |
//! | `lastName`, `firstName`               | `name`: `LAST, First` when there is a first name, else the last name |
//! | `sdnType`                             | `kind`: Individual, Entity, Vessel, Aircraft (anything else: unknown) |
//! | `programList/program`, `title`        | `programs`, `title`                              |
//! | `akaList/aka`                         | `aliases`, named like the primary name; `type` a.k.a./f.k.a./n.k.a., `category` strong/weak |
//! | `idList/id`                           | `identifiers`: kind from `idType` ([`kind_for_label`]), value `idNumber` (an `IMO ` prefix makes it an IMO number), country `idCountry`, note from `issueDate`/`expirationDate` |
//! | `idList/id` `Gender`                  | `gender`                                         |
//! | `idList/id` `Nationality of Registration` | `nationalities`                              |
//! | `idList/id` that describe rather than identify (directives, listing and effective dates, "Secondary sanctions risk:", target and organisation type, issuer name, aircraft model…) | appended to `remarks` as `Label: value` items |
//! | `addressList/address`                 | `addresses` (`address1..3` joined as the street, `city`, `stateOrProvince`, `postalCode`, `country`) |
//! | `nationalityList`, `citizenshipList`  | `nationalities`, `citizenships` (main entries first) |
//! | `dateOfBirthList`                     | `birth_dates` via [`parse_birth_date`] ("03 Apr 1978", "circa 1960", "1955 to 1958") |
//! | `placeOfBirthList`                    | `birth_places`                                   |
//! | `vesselInfo`                          | `vessel` (call sign, type, flag, owner, tonnage, GRT) |
//! | `remarks`                             | `remarks`; each `Linked To: NAME` in it also becomes a [`Link`] |
//!
//! Not mapped: the `uid`s of the sub-records, `mainEntry` beyond ordering, and the
//! structured facts that only the advanced XML carries (see `ofac_advanced`).
//!
//! Errors (with a byte position): anything [`crate::xml`] refuses, a root other than
//! `sdnList`, an entry without a numeric `uid` or without a name, a `uid` used twice,
//! and a file without entries. Warnings: `unknown-country`, `unparsed-birth-date`,
//! `bad-date` (an unreadable `Publish_Date`), `record-count` (`Record_Count` differs
//! from the entries read), `unknown-type`, `unknown-record`.

use std::cell::OnceCell;

use interdict_model::{
    Address, Alias, AliasKind, Country, Entity, EntityKind, Gender, IdKind, Identifier, Link, Strength, VesselInfo,
};

use crate::dates::{parse_birth_date, us_date_to_iso};
use crate::error::Position;
use crate::fields::{collapsed, push_unique};
use crate::ids::kind_for_label;
use crate::reader::{Reader, UniqueEntities};
use crate::xml::{for_each_record, Node};
use crate::{Error, InputFile, ParsedSource, SourceKind};

/// The source of the SDN list.
pub const SDN: &str = "ofac-sdn";
/// The source of the consolidated (non-SDN) list.
pub const CONS: &str = "ofac-cons";

const ROOT: &str = "sdnList";

/// Which OFAC list a file holds, from its base name and its root's default namespace:
/// `ofac-cons` when the name contains `cons` or the namespace contains `consolidated`,
/// else `ofac-sdn`.
pub fn source_for(base_name: &str, namespace: Option<&str>) -> &'static str {
    let namespace_says_cons = namespace.is_some_and(|ns| ns.to_ascii_lowercase().contains("consolidated"));
    if base_name.to_ascii_lowercase().contains("cons") || namespace_says_cons {
        CONS
    } else {
        SDN
    }
}

/// Labels of `idList` items that describe the listing rather than identify the party
/// (lower case, matched as substrings).
const DESCRIPTIVE_LABELS: [&str; 17] = [
    "date",
    "directive",
    "executive order",
    "sanctions risk",
    "sanctions information",
    "transactions prohibited",
    "target type",
    "organization type",
    "caatsa",
    "ifca",
    "issuer name",
    "aircraft model",
    "aircraft operator",
    "year of build",
    "vessel flag",
    "vessel type",
    "vessel owner",
];

/// Parses one `sdn.xml` or `consolidated.xml`.
pub fn parse(input: &InputFile) -> Result<ParsedSource, Error> {
    let path = input.path.as_path();
    let base_name = input.base_name();
    let mut reader = Reader::new(path);
    let source: OnceCell<&'static str> = OnceCell::new();
    let mut publish: Option<(Option<String>, Option<String>, u64)> = None;
    let mut entities = UniqueEntities::new(path, "uid");

    for_each_record(
        path,
        &input.bytes,
        1,
        |root| {
            crate::xml::expect_root(path, root, ROOT, "an OFAC sdn.xml/consolidated.xml")?;
            let _ = source.set(source_for(&base_name, root.attr("xmlns")));
            Ok(())
        },
        |_ancestors, node| {
            match node.name.as_str() {
                "sdnEntry" => {
                    let source = source.get().copied().unwrap_or(SDN);
                    entities.push(reader.entry(&node, source)?, node.offset)?;
                }
                "publshInformation" | "publishInformation" => {
                    publish = Some((field(&node, "Publish_Date"), field(&node, "Record_Count"), node.offset));
                }
                other => reader.warn("unknown-record", node.offset, format!("skipped unknown element <{other}>")),
            }
            Ok(())
        },
    )?;

    let entities = entities.into_entities("sdnEntry")?;

    let mut published = None;
    if let Some((date, count, offset)) = publish {
        if let Some(date) = date {
            published = us_date_to_iso(&date);
            if published.is_none() {
                reader.warn("bad-date", offset, format!("Publish_Date {date:?} is not MM/DD/YYYY"));
            }
        }
        if let Some(count) = count {
            if count.parse::<usize>().ok() != Some(entities.len()) {
                reader.warn(
                    "record-count",
                    offset,
                    format!("Record_Count says {count} but the file holds {} entries", entities.len()),
                );
            }
        }
    }
    Ok(reader.finish(SourceKind::OfacXml, input, published, entities))
}

impl Reader<'_> {
    /// The country in the named child of `node`, if there is one.
    fn country_in(&mut self, node: &Node, name: &str) -> Option<Country> {
        let child = node.child(name)?;
        let text = collapsed(&child.text)?;
        Some(self.country(&text, child.offset))
    }

    fn entry(&mut self, node: &Node, source: &str) -> Result<Entity, Error> {
        let at = Position::Byte(node.offset);
        let uid = field(node, "uid").ok_or_else(|| Error::parse(self.path, at, "sdnEntry without a uid"))?;
        if !uid.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::parse(self.path, at, format!("sdnEntry uid {uid:?} is not a number")));
        }
        let name = person_name(node)
            .ok_or_else(|| Error::parse(self.path, at, format!("sdnEntry {uid} has no lastName or firstName")))?;
        let kind = match field(node, "sdnType").as_deref().map(str::to_ascii_lowercase).as_deref() {
            Some("individual") => EntityKind::Person,
            Some("entity") => EntityKind::Organization,
            Some("vessel") => EntityKind::Vessel,
            Some("aircraft") => EntityKind::Aircraft,
            None => EntityKind::Unknown,
            Some(other) => {
                self.warn("unknown-type", node.offset, format!("sdnEntry {uid}: unknown sdnType {other:?}"));
                EntityKind::Unknown
            }
        };
        let mut e = Entity::new(&format!("{source}:{uid}"), source, kind, &name);
        e.title = field(node, "title");
        if let Some(programs) = node.child("programList") {
            for program in programs.children_named("program").filter_map(|p| collapsed(&p.text)) {
                push_unique(&mut e.programs, program);
            }
        }

        for aka in list(node, "akaList", "aka") {
            let Some(name) = person_name(aka) else { continue };
            let kind = match field(aka, "type").unwrap_or_default().to_ascii_lowercase().as_str() {
                "f.k.a." | "f.k.a" | "fka" => AliasKind::Fka,
                "n.k.a." | "n.k.a" | "nka" => AliasKind::Nka,
                _ => AliasKind::Aka,
            };
            let strength = match field(aka, "category").unwrap_or_default().to_ascii_lowercase().as_str() {
                "weak" => Strength::Weak,
                _ => Strength::Strong,
            };
            let alias = Alias { name, kind, strength };
            push_unique(&mut e.aliases, alias);
        }

        let mut described = Vec::new();
        for id in list(node, "idList", "id") {
            self.id_item(&mut e, id, &mut described);
        }

        for address in list(node, "addressList", "address") {
            let street: Vec<String> =
                ["address1", "address2", "address3"].iter().filter_map(|n| field(address, n)).collect();
            let a = Address {
                street: (!street.is_empty()).then(|| street.join(", ")),
                city: field(address, "city"),
                region: field(address, "stateOrProvince"),
                postal_code: field(address, "postalCode"),
                country: self.country_in(address, "country"),
                note: None,
            };
            if !a.is_empty() {
                e.addresses.push(a);
            }
        }

        for item in main_first(list(node, "nationalityList", "nationality")) {
            if let Some(country) = self.country_in(item, "country") {
                push_unique(&mut e.nationalities, country);
            }
        }
        for item in main_first(list(node, "citizenshipList", "citizenship")) {
            if let Some(country) = self.country_in(item, "country") {
                push_unique(&mut e.citizenships, country);
            }
        }
        for item in main_first(list(node, "dateOfBirthList", "dateOfBirthItem")) {
            let Some(text) = field(item, "dateOfBirth") else { continue };
            match parse_birth_date(&text) {
                Some(date) => push_unique(&mut e.birth_dates, date),
                None => self.warn(
                    "unparsed-birth-date",
                    item.offset,
                    format!("{}: date of birth {text:?} is not a date", e.id),
                ),
            }
        }
        for item in main_first(list(node, "placeOfBirthList", "placeOfBirthItem")) {
            if let Some(place) = field(item, "placeOfBirth") {
                push_unique(&mut e.birth_places, place);
            }
        }

        if let Some(info) = node.child("vesselInfo") {
            e.vessel = Some(VesselInfo {
                vessel_type: field(info, "vesselType"),
                flag: self.country_in(info, "vesselFlag"),
                owner: field(info, "vesselOwner"),
                tonnage: field(info, "tonnage"),
                gross_registered_tonnage: field(info, "grossRegisteredTonnage"),
                call_sign: field(info, "callSign"),
            });
        } else if e.kind == EntityKind::Vessel {
            e.vessel = Some(VesselInfo::default());
        }

        let remarks = field(node, "remarks");
        if let Some(text) = &remarks {
            e.links = links_in(text);
        }
        let items: Vec<String> = remarks.into_iter().chain(described).collect();
        e.remarks = (!items.is_empty()).then(|| items.join("; "));
        Ok(e)
    }

    /// One `idList/id`: an identifier, the gender, a country of registration, or a
    /// descriptive item for the remarks.
    fn id_item(&mut self, e: &mut Entity, id: &Node, described: &mut Vec<String>) {
        let Some(value) = field(id, "idNumber") else { return };
        let label = field(id, "idType").unwrap_or_default();
        let lower = label.to_ascii_lowercase();
        if lower == "gender" {
            match value.to_ascii_lowercase().as_str() {
                "male" => e.gender = Some(Gender::Male),
                "female" => e.gender = Some(Gender::Female),
                _ => described.push(format!("Gender: {value}")),
            }
        } else if lower.starts_with("nationality of registration") {
            let country = self.country(&value, id.offset);
            push_unique(&mut e.nationalities, country);
        } else if DESCRIPTIVE_LABELS.iter().any(|d| lower.contains(d)) {
            let label = label.trim_end_matches([':', '-', ' ']);
            described.push(format!("{label}: {value}"));
        } else {
            let mut kind = kind_for_label(&label);
            let mut value = value;
            if value.len() > 4 && value.is_char_boundary(4) && value[..4].eq_ignore_ascii_case("imo ") {
                value = value[4..].trim().to_string();
                kind = IdKind::Imo;
            }
            let mut note = Vec::new();
            if let Some(date) = field(id, "issueDate") {
                note.push(format!("issued {date}"));
            }
            if let Some(date) = field(id, "expirationDate") {
                note.push(format!("expires {date}"));
            }
            let identifier = Identifier {
                kind,
                value,
                label,
                country: self.country_in(id, "idCountry"),
                note: (!note.is_empty()).then(|| note.join("; ")),
            };
            push_unique(&mut e.identifiers, identifier);
        }
    }
}

/// The text of the first child with this name, white space collapsed.
fn field(node: &Node, name: &str) -> Option<String> {
    node.child(name).and_then(|c| collapsed(&c.text))
}

/// The items of a list element: `list(entry, "akaList", "aka")`.
fn list<'a>(node: &'a Node, list: &str, item: &'a str) -> Vec<&'a Node> {
    node.child(list).map(|l| l.children_named(item).collect()).unwrap_or_default()
}

/// Items with `<mainEntry>true</mainEntry>` first, the rest in file order.
fn main_first(mut items: Vec<&Node>) -> Vec<&Node> {
    items.sort_by_key(|n| !field(n, "mainEntry").is_some_and(|m| m.eq_ignore_ascii_case("true")));
    items
}

/// OFAC's name convention: `LAST, First` when there is a first name, else the last name.
fn person_name(node: &Node) -> Option<String> {
    match (field(node, "lastName"), field(node, "firstName")) {
        (Some(last), Some(first)) => Some(format!("{last}, {first}")),
        (Some(only), None) | (None, Some(only)) => Some(only),
        (None, None) => None,
    }
}

/// Every `Linked To: NAME` in a remarks text, as in `(Linked To: HAMAS)`. The name runs
/// to the `)` closing the item or a `;`, keeping parentheses it opens itself.
fn links_in(remarks: &str) -> Vec<Link> {
    const MARK: &str = "Linked To:";
    let mut links: Vec<Link> = Vec::new();
    let mut rest = remarks;
    while let Some(at) = rest.find(MARK) {
        let after = &rest[at + MARK.len()..];
        let mut depth = 0usize;
        let mut end = after.len();
        for (i, c) in after.char_indices() {
            match c {
                '(' => depth += 1,
                ')' if depth == 0 => {
                    end = i;
                    break;
                }
                ')' => depth -= 1,
                ';' if depth == 0 => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        let target = after[..end].trim().trim_end_matches('.').trim();
        if !target.is_empty() && !links.iter().any(|l| l.target_name == target) {
            links.push(Link { relation: "Linked To".into(), target_name: target.to_string(), target_id: None });
        }
        rest = &after[end..];
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;
    use interdict_model::BirthDate;
    use std::path::Path;

    const FIXTURE: &str = r#"<?xml version="1.0" standalone="yes"?>
<sdnList xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML">
  <publshInformation>
    <Publish_Date>05/06/2024</Publish_Date>
    <Record_Count>3</Record_Count>
  </publshInformation>
  <sdnEntry>
    <uid>1001</uid>
    <firstName>Chol Min</firstName>
    <lastName>CHOE</lastName>
    <title>Deputy Director</title>
    <sdnType>Individual</sdnType>
    <remarks>(Linked To: EXAMPLE BANK (EB)); (Linked To: SECOND FRONT COMPANY)</remarks>
    <programList>
      <program>NPWMD</program>
      <program>DPRK3</program>
    </programList>
    <idList>
      <id>
        <uid>1</uid>
        <idType>Passport</idType>
        <idNumber>108410050</idNumber>
        <idCountry>Korea, North</idCountry>
        <issueDate>19 Oct 2018</issueDate>
        <expirationDate>19 Oct 2023</expirationDate>
      </id>
      <id><uid>2</uid><idType>Gender</idType><idNumber>Male</idNumber></id>
      <id><uid>3</uid><idType>Secondary sanctions risk:</idType><idNumber>North Korea Sanctions Regulations</idNumber></id>
      <id><uid>4</uid><idType>Digital Currency Address - XBT</idType><idNumber>1AbCdEf</idNumber></id>
    </idList>
    <akaList>
      <aka><uid>5</uid><type>a.k.a.</type><category>strong</category><lastName>CH'OE</lastName><firstName>Chol-min</firstName></aka>
      <aka><uid>6</uid><type>a.k.a.</type><category>weak</category><lastName>CHOE, Min</lastName></aka>
      <aka><uid>7</uid><type>f.k.a.</type><category>strong</category><lastName>KIM</lastName><firstName>Min</firstName></aka>
    </akaList>
    <addressList>
      <address>
        <uid>8</uid>
        <address1>Room 1</address1>
        <address2>Test Building</address2>
        <city>Pyongyang</city>
        <stateOrProvince>Central</stateOrProvince>
        <postalCode>999</postalCode>
        <country>Korea, North</country>
      </address>
      <address><uid>9</uid><country>Region: Nowhere</country></address>
    </addressList>
    <nationalityList>
      <nationality><uid>10</uid><country>Russia</country><mainEntry>false</mainEntry></nationality>
      <nationality><uid>11</uid><country>Korea, North</country><mainEntry>true</mainEntry></nationality>
    </nationalityList>
    <citizenshipList>
      <citizenship><uid>12</uid><country>Korea, North</country><mainEntry>true</mainEntry></citizenship>
    </citizenshipList>
    <dateOfBirthList>
      <dateOfBirthItem><uid>13</uid><dateOfBirth>circa 1960</dateOfBirth><mainEntry>false</mainEntry></dateOfBirthItem>
      <dateOfBirthItem><uid>14</uid><dateOfBirth>03 Apr 1978</dateOfBirth><mainEntry>true</mainEntry></dateOfBirthItem>
      <dateOfBirthItem><uid>15</uid><dateOfBirth>1955 to 1958</dateOfBirth><mainEntry>false</mainEntry></dateOfBirthItem>
      <dateOfBirthItem><uid>16</uid><dateOfBirth>sometime</dateOfBirth><mainEntry>false</mainEntry></dateOfBirthItem>
    </dateOfBirthList>
    <placeOfBirthList>
      <placeOfBirthItem><uid>17</uid><placeOfBirth>Pyongyang, Korea, North</placeOfBirth><mainEntry>true</mainEntry></placeOfBirthItem>
    </placeOfBirthList>
  </sdnEntry>
  <sdnEntry>
    <uid>1002</uid>
    <lastName>SEA STAR</lastName>
    <sdnType>Vessel</sdnType>
    <programList><program>IRAN</program></programList>
    <idList>
      <id><uid>18</uid><idType>Vessel Registration Identification</idType><idNumber>IMO 7406784</idNumber></id>
      <id><uid>19</uid><idType>Listing Date (EO 14024 Directive 2):</idType><idNumber>24 Feb 2022</idNumber></id>
    </idList>
    <vesselInfo>
      <callSign>9HXY7</callSign>
      <vesselType>Crude Oil Tanker</vesselType>
      <vesselFlag>Malta</vesselFlag>
      <vesselOwner>EXAMPLE SHIPPING LTD</vesselOwner>
      <tonnage>1000</tonnage>
      <grossRegisteredTonnage>2000</grossRegisteredTonnage>
    </vesselInfo>
  </sdnEntry>
  <sdnEntry>
    <uid>1003</uid>
    <lastName>EXAMPLE TRADING LLC</lastName>
    <sdnType>Entity</sdnType>
    <programList><program>SDGT</program></programList>
    <idList>
      <id><uid>20</uid><idType>SWIFT/BIC</idType><idNumber>EXAMPXXX</idNumber></id>
      <id><uid>21</uid><idType>Nationality of Registration</idType><idNumber>Turkey</idNumber></id>
    </idList>
  </sdnEntry>
</sdnList>
"#;

    fn parse_named(name: &str, xml: &str) -> Result<ParsedSource, Error> {
        parse(&InputFile::from_bytes(name, xml.as_bytes().to_vec()))
    }

    fn dob(d: &BirthDate) -> (String, Option<String>, bool) {
        (d.from.to_string(), d.to.as_ref().map(|t| t.to_string()), d.approximate)
    }

    #[test]
    fn fixture_maps_every_field() {
        let parsed = parse_named("sdn.xml", FIXTURE).unwrap();
        assert_eq!(parsed.published.as_deref(), Some("2024-05-06"));
        assert_eq!(parsed.entities.len(), 3);
        assert_eq!(parsed.warnings.count("record-count"), 0);
        let p = &parsed.entities[0];
        assert_eq!(p.id, "ofac-sdn:1001");
        assert_eq!(p.source, "ofac-sdn");
        assert_eq!(p.kind, EntityKind::Person);
        assert_eq!(p.name, "CHOE, Chol Min");
        assert_eq!(p.title.as_deref(), Some("Deputy Director"));
        assert_eq!(p.programs, ["NPWMD", "DPRK3"]);
        assert_eq!(p.published.as_deref(), Some("2024-05-06"));
        assert_eq!(p.gender, Some(Gender::Male));
        let aliases: Vec<_> = p.aliases.iter().map(|a| (a.name.as_str(), a.kind.clone(), a.strength.clone())).collect();
        assert_eq!(
            aliases,
            [
                ("CH'OE, Chol-min", AliasKind::Aka, Strength::Strong),
                ("CHOE, Min", AliasKind::Aka, Strength::Weak),
                ("KIM, Min", AliasKind::Fka, Strength::Strong),
            ]
        );
        assert_eq!(p.identifiers.len(), 2);
        let pass = &p.identifiers[0];
        assert_eq!(
            (pass.kind.clone(), pass.value.as_str(), pass.label.as_str()),
            (IdKind::Passport, "108410050", "Passport")
        );
        assert_eq!(pass.country.as_ref().and_then(|c| c.code.as_deref()), Some("KP"));
        assert_eq!(pass.note.as_deref(), Some("issued 19 Oct 2018; expires 19 Oct 2023"));
        assert_eq!(p.identifiers[1].kind, IdKind::DigitalCurrencyAddress);
        assert_eq!(p.addresses.len(), 2);
        let a = &p.addresses[0];
        assert_eq!(a.street.as_deref(), Some("Room 1, Test Building"));
        assert_eq!(
            (a.city.as_deref(), a.region.as_deref(), a.postal_code.as_deref()),
            (Some("Pyongyang"), Some("Central"), Some("999"))
        );
        assert_eq!(a.country.as_ref().and_then(|c| c.code.as_deref()), Some("KP"));
        let codes = |cs: &[Country]| cs.iter().map(|c| c.code.clone().unwrap_or_default()).collect::<Vec<_>>();
        assert_eq!(codes(&p.nationalities), ["KP", "RU"]);
        assert_eq!(codes(&p.citizenships), ["KP"]);
        let dobs: Vec<_> = p.birth_dates.iter().map(dob).collect();
        let expect = |f: &str, t: Option<&str>, a: bool| (f.to_string(), t.map(str::to_string), a);
        assert_eq!(
            dobs,
            [expect("1978-04-03", None, false), expect("1960", None, true), expect("1955", Some("1958"), false)]
        );
        assert_eq!(p.birth_places, ["Pyongyang, Korea, North"]);
        let links: Vec<_> = p.links.iter().map(|l| l.target_name.as_str()).collect();
        assert_eq!(links, ["EXAMPLE BANK (EB)", "SECOND FRONT COMPANY"]);
        assert_eq!(
            p.remarks.as_deref(),
            Some(
                "(Linked To: EXAMPLE BANK (EB)); (Linked To: SECOND FRONT COMPANY); \
                 Secondary sanctions risk: North Korea Sanctions Regulations"
            )
        );

        let v = &parsed.entities[1];
        assert_eq!((v.kind.clone(), v.name.as_str()), (EntityKind::Vessel, "SEA STAR"));
        let info = v.vessel.as_ref().unwrap();
        assert_eq!(info.call_sign.as_deref(), Some("9HXY7"));
        assert_eq!(info.vessel_type.as_deref(), Some("Crude Oil Tanker"));
        assert_eq!(info.flag.as_ref().and_then(|c| c.code.as_deref()), Some("MT"));
        assert_eq!(info.owner.as_deref(), Some("EXAMPLE SHIPPING LTD"));
        assert_eq!((info.tonnage.as_deref(), info.gross_registered_tonnage.as_deref()), (Some("1000"), Some("2000")));
        assert_eq!(v.identifiers.len(), 1);
        assert_eq!((v.identifiers[0].kind.clone(), v.identifiers[0].value.as_str()), (IdKind::Imo, "7406784"));
        assert_eq!(v.remarks.as_deref(), Some("Listing Date (EO 14024 Directive 2): 24 Feb 2022"));

        let o = &parsed.entities[2];
        assert_eq!(o.kind, EntityKind::Organization);
        assert_eq!(o.identifiers[0].kind, IdKind::Bic);
        assert_eq!(o.nationalities[0].code.as_deref(), Some("TR"));
        assert_eq!(o.remarks, None);

        assert_eq!(parsed.warnings.count("unknown-country"), 1, "{:?}", parsed.warnings);
        assert_eq!(parsed.warnings.count("unparsed-birth-date"), 1, "{:?}", parsed.warnings);
    }

    #[test]
    fn the_source_follows_the_documented_rule() {
        assert_eq!(
            source_for(
                "sdn.xml",
                Some("https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML")
            ),
            SDN
        );
        assert_eq!(
            source_for(
                "consolidated.xml",
                Some("https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML")
            ),
            CONS
        );
        assert_eq!(source_for("list.xml", Some("http://tempuri.org/consolidated.xsd")), CONS);
        assert_eq!(source_for("sdn.xml", Some("http://tempuri.org/sdnList.xsd")), SDN);
        assert_eq!(source_for("list.xml", None), SDN);
        let cons = parse_named("/tmp/CONSOLIDATED.xml.gz", FIXTURE).unwrap();
        assert!(cons.entities.iter().all(|e| e.source == CONS && e.id.starts_with("ofac-cons:")));
        let by_namespace = parse_named(
            "list.xml",
            &FIXTURE.replace(
                "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML",
                "http://tempuri.org/consolidated.xsd",
            ),
        )
        .unwrap();
        assert_eq!(by_namespace.entities[0].id, "ofac-cons:1001");
    }

    #[test]
    fn count_and_date_problems_are_warnings() {
        let parsed = parse_named(
            "sdn.xml",
            &FIXTURE.replace("<Record_Count>3", "<Record_Count>4").replace("05/06/2024", "2024-05-06"),
        )
        .unwrap();
        assert_eq!(parsed.warnings.count("record-count"), 1);
        assert_eq!(parsed.warnings.count("bad-date"), 1);
        assert_eq!(parsed.published, None);
    }

    #[test]
    fn malformed_files_are_errors_with_positions() {
        let second = FIXTURE.find("<sdnEntry>\n    <uid>1002").unwrap();
        let cases: Vec<(String, &str)> = vec![
            (FIXTURE[..second].to_string(), "truncated"),
            (FIXTURE.replace("</lastName>", "</lastNme>"), "malformed"),
            (FIXTURE.replace("<uid>1001</uid>", "<uid>1001</uid><"), "bad attribute"),
            (
                FIXTURE.replacen("<sdnList", "<!DOCTYPE s [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><sdnList", 1),
                "DOCTYPE",
            ),
            (FIXTURE.replace("<lastName>SEA STAR", "<lastName>&x;"), "predefined entities"),
            (FIXTURE.replace("<uid>1003</uid>", ""), "without a uid"),
            (FIXTURE.replace("<uid>1003</uid>", "<uid>10 03</uid>"), "not a number"),
            (FIXTURE.replace("<lastName>EXAMPLE TRADING LLC</lastName>", "<lastName> </lastName>"), "no lastName"),
            (FIXTURE.replace("<uid>1003</uid>", "<uid>1001</uid>"), "used twice"),
            ("<CONSOLIDATED_LIST/>".to_string(), "not an OFAC"),
            ("<sdnList><publshInformation/></sdnList>".to_string(), "empty list"),
            (String::new(), "no root"),
        ];
        for (xml, expected) in &cases {
            let err = parse_named("sdn.xml", xml).expect_err(expected);
            assert!(err.to_string().contains(expected), "{expected}: {err}");
            assert!(err.position().is_some(), "{expected}: no position in {err}");
        }
        let err = parse_named("sdn.xml", &FIXTURE.replace("<uid>1003</uid>", "")).unwrap_err();
        let at = FIXTURE.find("<sdnEntry>\n    <uid>1003").unwrap() as u64;
        assert_eq!(err.position(), Some(Position::Byte(at)));
    }

    #[test]
    fn any_prefix_of_the_fixture_parses_or_fails_without_panicking() {
        let bytes = FIXTURE.as_bytes();
        for end in 0..bytes.len() {
            let _ = parse(&InputFile::from_bytes("sdn.xml", bytes[..end].to_vec()));
        }
        for text in ["Linked To:", "(Linked To: (", "Linked To: a)b; Linked To:", "Linked To: é(ü"] {
            let _ = links_in(text);
        }
    }

    #[test]
    fn real_consolidated_xml() {
        // The project ships this public-domain file, so the test always runs.
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/ofac/consolidated.xml.gz");
        let parsed = crate::parse_source(SourceKind::OfacXml, Path::new(path)).unwrap();
        let count = |k: EntityKind| parsed.entities.iter().filter(|e| e.kind == k).count();
        assert_eq!(parsed.entities.len(), 443);
        assert_eq!(count(EntityKind::Organization), 364);
        assert_eq!(count(EntityKind::Person), 79);
        assert_eq!(parsed.published.as_deref(), Some("2024-05-06"));
        assert!(parsed.entities.iter().all(|e| e.source == CONS
            && e.id.starts_with("ofac-cons:")
            && e.published.as_deref() == Some("2024-05-06")));
        assert_eq!(parsed.warnings.count("record-count"), 0);
        assert_eq!(parsed.warnings.count("unparsed-birth-date"), 0, "{:?}", parsed.warnings);
        let by_id = |id: &str| parsed.entities.iter().find(|e| e.id == id).unwrap_or_else(|| panic!("{id} missing"));

        let haniya = by_id("ofac-cons:9639");
        assert_eq!(haniya.name, "HANIYA, Ismail Abdul Salah");
        assert_eq!(haniya.programs, ["NS-PLC"]);
        assert_eq!(haniya.birth_dates.iter().map(|d| d.years()).collect::<Vec<_>>(), [(1962, 1962)]);
        assert_eq!(haniya.birth_places, ["Shati"]);
        assert!(haniya.aliases.iter().any(|a| a.name == "HANIYYA, Ismaeel" && a.strength == Strength::Strong));

        let zahhar = by_id("ofac-cons:9647");
        assert_eq!(zahhar.gender, Some(Gender::Male));
        assert!(zahhar.aliases.iter().any(|a| a.name == "ZAHAR, Mahmoud" && a.strength == Strength::Weak));
        assert_eq!(zahhar.links.iter().map(|l| l.target_name.as_str()).collect::<Vec<_>>(), ["HAMAS"]);
        assert_eq!(zahhar.programs, ["NS-PLC", "SDGT"]);

        let kayakiran = by_id("ofac-cons:26182");
        assert_eq!(kayakiran.name, "KAYAKIRAN, Evren");
        assert_eq!(kayakiran.birth_dates[0].from.to_string(), "1980-02-08");
        assert_eq!(kayakiran.citizenships[0].code.as_deref(), Some("TR"));
        let pass = &kayakiran.identifiers[0];
        assert_eq!((pass.kind.clone(), pass.value.as_str()), (IdKind::Passport, "U00242309"));
        assert_eq!(pass.country.as_ref().and_then(|c| c.code.as_deref()), Some("TR"));
        assert_eq!(kayakiran.identifiers.len(), 1, "Gender is not an identifier");

        let sberbank = by_id("ofac-cons:18715");
        assert_eq!(sberbank.kind, EntityKind::Organization);
        assert_eq!(sberbank.name, "JOINT STOCK COMPANY SBERBANK");
        assert!(sberbank.identifiers.iter().any(|i| i.kind == IdKind::Bic && i.value == "SABRUAUK"));
        assert!(sberbank.identifiers.iter().any(|i| i.kind == IdKind::TaxId
            && i.value == "259597826652"
            && i.country.as_ref().and_then(|c| c.code.as_deref()) == Some("UA")));
        assert_eq!(sberbank.links[0].target_name, "PUBLIC JOINT STOCK COMPANY SBERBANK OF RUSSIA");
        assert!(!sberbank.identifiers.iter().any(|i| i.label.contains("Directive")));
        assert!(sberbank.remarks.as_deref().unwrap().contains("Listing Date (EO 14024 Directive 2): 24 Feb 2022"));
    }
}
