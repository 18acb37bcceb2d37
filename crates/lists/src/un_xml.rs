//! The UN Security Council consolidated sanctions list, XML (`sc-sanctions.xsd`).
//!
//! The file is one `<CONSOLIDATED_LIST dateGenerated="…">` root holding `<INDIVIDUALS>`
//! and `<ENTITIES>`. Every `<INDIVIDUAL>` becomes a [`EntityKind::Person`] and every
//! `<ENTITY>` an [`EntityKind::Organization`], with id `un:<REFERENCE_NUMBER>`
//! (`un:KPi.066`) and source `un`. Records are streamed one at a time by
//! [`crate::xml::for_each_record`], so the hardening there (no DOCTYPE, no entity
//! expansion, depth limit, UTF-8 only) applies.
//!
//! Mapped:
//!
//! | UN element                                  | entity field                                   |
//! |---------------------------------------------|------------------------------------------------|
//! | `dateGenerated` (root attribute)            | `published` of every entity (ISO date part)    |
//! | `REFERENCE_NUMBER`                          | `id` (`un:` + the reference)                   |
//! | `FIRST_NAME` … `FOURTH_NAME`                | `name`, joined by spaces; the schema's `na` placeholder is dropped |
//! | `UN_LIST_TYPE`                              | `programs`                                     |
//! | `NAME_ORIGINAL_SCRIPT`                      | `original_script_names`                        |
//! | `*_ALIAS` `QUALITY`/`ALIAS_NAME`            | `aliases`: `Good`, `a.k.a.` and a blank quality are strong a.k.a.; `Low` is a weak a.k.a.; `f.k.a.`/`n.k.a.` keep their kind |
//! | `*_ALIAS` `DATE_OF_BIRTH`, `CITY_/COUNTRY_OF_BIRTH` | added to `birth_dates` / `birth_places` when not already there |
//! | `INDIVIDUAL_DATE_OF_BIRTH`                  | `birth_dates`: `EXACT` `DATE` or `YEAR`, `APPROXIMATELY` (approximate), `BETWEEN` `FROM_YEAR`–`TO_YEAR`; a `NOTE` holding a date ("Nov. 1973") or a month ("Sep." next to a `YEAR`) is read too |
//! | `INDIVIDUAL_PLACE_OF_BIRTH`                 | `birth_places`: "CITY, STATE_PROVINCE, COUNTRY (NOTE)" |
//! | `NATIONALITY/VALUE`                         | `nationalities`                                |
//! | `*_ADDRESS`                                 | `addresses` (STREET, CITY, STATE_PROVINCE, ZIP_CODE, COUNTRY, NOTE) |
//! | `INDIVIDUAL_DOCUMENT`                       | `identifiers`: kind from `TYPE_OF_DOCUMENT` (or `TYPE_OF_DOCUMENT2`), value `NUMBER`, country `ISSUING_COUNTRY` or `COUNTRY_OF_ISSUE`, note from `TYPE_OF_DOCUMENT2`, `DATE_OF_ISSUE`, `CITY_OF_ISSUE`, `NOTE` |
//! | `GENDER`, `TITLE/VALUE`, `LISTED_ON`, `COMMENTS1` | `gender`, `title` (values joined by "; "), `listed_on`, `remarks` |
//!
//! All text has its whitespace runs collapsed to one space (the list wraps long comments
//! mid-sentence). An alias equal to the primary name or to an earlier alias is dropped.
//! Dates with a time-zone suffix (`LISTED_ON` `2015-07-01-04:00`) are read as the date.
//!
//! Not mapped: `DATAID`, `VERSIONNUM`, `LIST_TYPE`, `LAST_DAY_UPDATED`, `SORT_KEY*`,
//! `SUBMITTED_BY`/`SUBMITTED_ON`, `NATIONALITY2`, `DESIGNATION` (the party's function),
//! alias `NOTE`s, documents without a `NUMBER` (nothing to match on) and `DELISTED_ON`
//! (the published list carries no delisted entries; one that did would stay screened).
//! The gender some entries give only in `COMMENTS1` ("Gender: male") is not read.
//!
//! Errors (with a byte position): anything [`crate::xml`] refuses, a root other than
//! `CONSOLIDATED_LIST`, a record without `REFERENCE_NUMBER` or name, a reference used
//! twice, and a file without any record. Warnings: `unknown-country` (a country name the
//! table does not resolve), `unparsed-birth-date`, `bad-date`, `unknown-alias-quality`,
//! `unknown-record`, `no-publish-date`.

use interdict_model::{
    Address, Alias, AliasKind, BirthDate, Entity, EntityKind, Gender, IdKind, Identifier, PartialDate, Strength,
};

use crate::dates::{parse_birth_date, parse_iso, parse_partial};
use crate::error::Position;
use crate::fields::{collapsed, push_unique};
use crate::ids::kind_for_label;
use crate::reader::{Reader, UniqueEntities};
use crate::xml::{for_each_record, Node};
use crate::{Error, InputFile, ParsedSource, SourceKind};

/// The `source` of every entity this parser produces.
pub const SOURCE: &str = "un";

const ROOT: &str = "CONSOLIDATED_LIST";

/// Parses one UN consolidated list XML file.
pub fn parse(input: &InputFile) -> Result<ParsedSource, Error> {
    let path = input.path.as_path();
    let mut reader = Reader::new(path);
    let mut date_generated: Option<(Option<String>, u64)> = None;
    let mut entities = UniqueEntities::new(path, "REFERENCE_NUMBER");

    for_each_record(
        path,
        &input.bytes,
        2,
        |root| {
            crate::xml::expect_root(path, root, ROOT, "a UN consolidated list")?;
            date_generated = Some((root.attr("dateGenerated").map(str::to_string), root.offset));
            Ok(())
        },
        |_ancestors, node| {
            let kind = match node.name.as_str() {
                "INDIVIDUAL" => EntityKind::Person,
                "ENTITY" => EntityKind::Organization,
                other => {
                    reader.warn("unknown-record", node.offset, format!("skipped unknown record <{other}>"));
                    return Ok(());
                }
            };
            entities.push(reader.record(&node, kind)?, node.offset)
        },
    )?;

    let entities = entities.into_entities("INDIVIDUAL or ENTITY")?;

    let published = match date_generated {
        Some((Some(text), offset)) => {
            let date = iso_date(&text).map(|d| d.to_string());
            if date.is_none() {
                reader.warn("bad-date", offset, format!("dateGenerated {text:?} is not an ISO date"));
            }
            date
        }
        Some((None, offset)) => {
            reader.warn("no-publish-date", offset, "the root has no dateGenerated attribute".to_string());
            None
        }
        None => None,
    };
    Ok(reader.finish(SourceKind::UnXml, input, published, entities))
}

impl Reader<'_> {
    fn record(&mut self, node: &Node, kind: EntityKind) -> Result<Entity, Error> {
        let reference = field(node, "REFERENCE_NUMBER").ok_or_else(|| {
            Error::parse(self.path, Position::Byte(node.offset), format!("<{}> without a REFERENCE_NUMBER", node.name))
        })?;
        let name = primary_name(node, &kind).ok_or_else(|| {
            Error::parse(self.path, Position::Byte(node.offset), format!("<{}> {reference} has no name", node.name))
        })?;
        let mut e = Entity::new(&format!("{SOURCE}:{reference}"), SOURCE, kind, &name);

        e.programs.extend(node.children_named("UN_LIST_TYPE").filter_map(|c| collapsed(&c.text)));
        for script in node.children_named("NAME_ORIGINAL_SCRIPT").filter_map(|c| collapsed(&c.text)) {
            push_unique(&mut e.original_script_names, script);
        }
        e.gender = field(node, "GENDER").and_then(|g| match g.to_ascii_lowercase().as_str() {
            "male" => Some(Gender::Male),
            "female" => Some(Gender::Female),
            _ => None,
        });
        let titles: Vec<String> = node.children_named("TITLE").flat_map(values).collect();
        if !titles.is_empty() {
            e.title = Some(titles.join("; "));
        }
        if let Some(listed) = node.child("LISTED_ON") {
            if let Some(text) = collapsed(&listed.text) {
                e.listed_on = iso_date(&text).map(|d| d.to_string());
                if e.listed_on.is_none() {
                    self.warn("bad-date", listed.offset, format!("{reference}: LISTED_ON {text:?} is not an ISO date"));
                }
            }
        }
        e.remarks = field(node, "COMMENTS1");

        // Dates and places of birth given with aliases come after the entry's own.
        let mut alias_births = (Vec::new(), Vec::new());
        for child in &node.children {
            match child.name.as_str() {
                "INDIVIDUAL_ALIAS" | "ENTITY_ALIAS" => self.alias(&mut e, child, &mut alias_births),
                "INDIVIDUAL_DATE_OF_BIRTH" => match birth_date(child) {
                    Dob::Date(date) => push_unique(&mut e.birth_dates, date),
                    Dob::Unreadable(text) => self.warn(
                        "unparsed-birth-date",
                        child.offset,
                        format!("{reference}: date of birth {text:?} is not a date"),
                    ),
                    Dob::Empty => {}
                },
                "INDIVIDUAL_PLACE_OF_BIRTH" => {
                    if let Some(place) = place_of_birth(child) {
                        push_unique(&mut e.birth_places, place);
                    }
                }
                "NATIONALITY" => {
                    for value in values(child) {
                        let country = self.country(&value, child.offset);
                        push_unique(&mut e.nationalities, country);
                    }
                }
                "INDIVIDUAL_ADDRESS" | "ENTITY_ADDRESS" => {
                    if let Some(address) = self.address(child) {
                        e.addresses.push(address);
                    }
                }
                "INDIVIDUAL_DOCUMENT" => {
                    if let Some(id) = self.document(child) {
                        e.identifiers.push(id);
                    }
                }
                _ => {}
            }
        }
        for date in alias_births.0 {
            push_unique(&mut e.birth_dates, date);
        }
        for place in alias_births.1 {
            push_unique(&mut e.birth_places, place);
        }
        Ok(e)
    }

    fn alias(&mut self, e: &mut Entity, node: &Node, births: &mut (Vec<BirthDate>, Vec<String>)) {
        if let Some(name) = field(node, "ALIAS_NAME") {
            let quality = field(node, "QUALITY").unwrap_or_default();
            let (kind, strength) = alias_kind(&quality).unwrap_or_else(|| {
                self.warn(
                    "unknown-alias-quality",
                    node.offset,
                    format!("{}: alias quality {quality:?} is not known; read as a strong a.k.a.", e.id),
                );
                (AliasKind::Aka, Strength::Strong)
            });
            let seen =
                name.eq_ignore_ascii_case(&e.name) || e.aliases.iter().any(|a| a.name.eq_ignore_ascii_case(&name));
            if !seen {
                e.aliases.push(Alias { name, kind, strength });
            }
        }
        // Some aliases carry the date and place of birth used with them.
        if let Some(text) = field(node, "DATE_OF_BIRTH") {
            match iso_date(&text).map(BirthDate::exact).or_else(|| parse_birth_date(&text)) {
                Some(date) => births.0.push(date),
                None => self.warn(
                    "unparsed-birth-date",
                    node.offset,
                    format!("{}: alias date of birth {text:?} is not a date", e.id),
                ),
            }
        }
        let place: Vec<String> = ["CITY_OF_BIRTH", "COUNTRY_OF_BIRTH"].iter().filter_map(|n| field(node, n)).collect();
        if !place.is_empty() {
            births.1.push(place.join(", "));
        }
    }

    fn address(&mut self, node: &Node) -> Option<Address> {
        let country = node.child("COUNTRY").and_then(|c| collapsed(&c.text).map(|name| self.country(&name, c.offset)));
        let address = Address {
            street: field(node, "STREET"),
            city: field(node, "CITY"),
            region: field(node, "STATE_PROVINCE"),
            postal_code: field(node, "ZIP_CODE"),
            country,
            note: field(node, "NOTE"),
        };
        (!address.is_empty() || address.note.is_some()).then_some(address)
    }

    fn document(&mut self, node: &Node) -> Option<Identifier> {
        let value = field(node, "NUMBER")?;
        let type1 = field(node, "TYPE_OF_DOCUMENT");
        let type2 = field(node, "TYPE_OF_DOCUMENT2");
        let label = type1.clone().or_else(|| type2.clone()).unwrap_or_else(|| "Document".to_string());
        let mut kind = document_kind(&label);
        if kind == IdKind::Other {
            if let Some(t2) = &type2 {
                kind = document_kind(t2);
            }
        }
        let country = ["ISSUING_COUNTRY", "COUNTRY_OF_ISSUE"]
            .iter()
            .find_map(|n| node.child(n).and_then(|c| collapsed(&c.text).map(|t| (t, c.offset))))
            .map(|(name, offset)| self.country(&name, offset));
        let mut note = Vec::new();
        if let Some(t2) = type2.filter(|t| !t.eq_ignore_ascii_case(&label)) {
            note.push(t2);
        }
        if let Some(date) = field(node, "DATE_OF_ISSUE") {
            note.push(format!("issued {date}"));
        }
        if let Some(city) = field(node, "CITY_OF_ISSUE") {
            note.push(format!("issued in {city}"));
        }
        note.extend(field(node, "NOTE"));
        let note = (!note.is_empty()).then(|| note.join("; "));
        Some(Identifier { kind, value, label, country, note })
    }
}

/// The text of the first child with this name, white space collapsed.
fn field(node: &Node, name: &str) -> Option<String> {
    node.child(name).and_then(|c| collapsed(&c.text))
}

/// The texts of a node's `VALUE` children, white space collapsed.
fn values(node: &Node) -> Vec<String> {
    node.children_named("VALUE").filter_map(|v| collapsed(&v.text)).collect()
}

/// FIRST_NAME … FOURTH_NAME for a person, FIRST_NAME for an entity.
fn primary_name(node: &Node, kind: &EntityKind) -> Option<String> {
    let parts: &[&str] = match kind {
        EntityKind::Person => &["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"],
        _ => &["FIRST_NAME"],
    };
    let words: Vec<String> = parts
        .iter()
        .filter_map(|p| field(node, p))
        // "na" is the schema's default for a missing name part.
        .filter(|w| !w.eq_ignore_ascii_case("na"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

fn alias_kind(quality: &str) -> Option<(AliasKind, Strength)> {
    let q = quality.trim().to_ascii_lowercase();
    Some(match q.as_str() {
        "" | "good" | "a.k.a." | "a.k.a" | "aka" => (AliasKind::Aka, Strength::Strong),
        "low" => (AliasKind::Aka, Strength::Weak),
        "f.k.a." | "f.k.a" | "fka" => (AliasKind::Fka, Strength::Strong),
        "n.k.a." | "n.k.a" | "nka" => (AliasKind::Nka, Strength::Strong),
        _ => return None,
    })
}

/// [`kind_for_label`], plus the Spanish and French passport labels the UN list uses.
fn document_kind(label: &str) -> IdKind {
    let kind = kind_for_label(label);
    let l = label.to_lowercase();
    if kind == IdKind::Other && (l.contains("pasaporte") || l.contains("passeport")) {
        IdKind::Passport
    } else {
        kind
    }
}

enum Dob {
    Empty,
    Date(BirthDate),
    Unreadable(String),
}

/// An ISO date, ignoring a time or a time-zone offset after it: the list writes some
/// `xs:date` values as `2015-07-01-04:00`.
fn iso_date(text: &str) -> Option<PartialDate> {
    let t = text.trim();
    if t.len() > 10 && t.is_char_boundary(10) && !t[10..].starts_with(|c: char| c.is_ascii_digit()) {
        if let Some(date) = parse_iso(&t[..10]).filter(|d| d.day.is_some()) {
            return Some(date);
        }
    }
    parse_iso(t)
}

/// A four-digit year.
fn year(text: &str) -> Option<PartialDate> {
    parse_iso(text).filter(|d| d.month.is_none() && text.trim().len() == 4)
}

fn birth_date(node: &Node) -> Dob {
    let type_of_date = field(node, "TYPE_OF_DATE").unwrap_or_default().to_ascii_uppercase();
    let note = field(node, "NOTE");
    let approximate = type_of_date.starts_with("APPROX")
        || note.as_deref().is_some_and(|n| n.to_ascii_lowercase().contains("approx"));
    let single = |from: PartialDate| Dob::Date(BirthDate { from, to: None, approximate });

    if let Some(text) = field(node, "DATE") {
        return iso_date(&text).map_or(Dob::Unreadable(text), single);
    }
    let from = field(node, "FROM_YEAR");
    let to = field(node, "TO_YEAR");
    if from.is_some() || to.is_some() {
        let text = format!("{} to {}", from.as_deref().unwrap_or("?"), to.as_deref().unwrap_or("?"));
        return match (from.as_deref().map(year), to.as_deref().map(year)) {
            (Some(Some(f)), Some(Some(t))) => Dob::Date(BirthDate { from: f, to: Some(t), approximate }),
            (Some(Some(y)), None) | (None, Some(Some(y))) => single(y),
            _ => Dob::Unreadable(text),
        };
    }
    if let Some(text) = field(node, "YEAR") {
        let Some(y) = year(&text) else { return Dob::Unreadable(text) };
        // A month written in the note ("Sep.") narrows the year.
        if let Some(month) = note.as_deref().and_then(|n| parse_partial(&format!("{n} {text}"))) {
            if month.month.is_some() && month.year == y.year {
                return single(month);
            }
        }
        return single(y);
    }
    match note {
        Some(text) => match parse_birth_date(&text) {
            Some(mut date) => {
                date.approximate |= approximate;
                Dob::Date(date)
            }
            None => Dob::Unreadable(text),
        },
        None => Dob::Empty,
    }
}

fn place_of_birth(node: &Node) -> Option<String> {
    let parts: Vec<String> = ["CITY", "STATE_PROVINCE", "COUNTRY"].iter().filter_map(|n| field(node, n)).collect();
    let note = field(node, "NOTE");
    match (parts.is_empty(), note) {
        (true, None) => None,
        (true, Some(note)) => Some(note),
        (false, None) => Some(parts.join(", ")),
        (false, Some(note)) => Some(format!("{} ({note})", parts.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<CONSOLIDATED_LIST xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" dateGenerated="2026-02-27T00:00:09.554Z">
  <INDIVIDUALS>
    <INDIVIDUAL>
      <DATAID>1</DATAID>
      <VERSIONNUM>1</VERSIONNUM>
      <FIRST_NAME>PAK</FIRST_NAME>
      <SECOND_NAME>CHOL</SECOND_NAME>
      <THIRD_NAME>SU</THIRD_NAME>
      <FOURTH_NAME>na</FOURTH_NAME>
      <UN_LIST_TYPE>DPRK</UN_LIST_TYPE>
      <REFERENCE_NUMBER>KPi.901</REFERENCE_NUMBER>
      <LISTED_ON>2017-12-22-04:00</LISTED_ON>
      <GENDER>Male</GENDER>
      <NAME_ORIGINAL_SCRIPT>박철수</NAME_ORIGINAL_SCRIPT>
      <COMMENTS1>Official of a fictional
bureau &amp; test entry.</COMMENTS1>
      <TITLE><VALUE>Dr.</VALUE><VALUE>Director</VALUE></TITLE>
      <DESIGNATION><VALUE>not mapped</VALUE></DESIGNATION>
      <NATIONALITY>
        <VALUE>Democratic People's Republic of Korea</VALUE>
        <VALUE>Atlantis</VALUE>
      </NATIONALITY>
      <LIST_TYPE><VALUE>UN List</VALUE></LIST_TYPE>
      <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Pak Ch'ol-su</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>The Engineer</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>pak chol su</ALIAS_NAME><DATE_OF_BIRTH>1960-01-02</DATE_OF_BIRTH></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ADDRESS><STREET>1 Test Street</STREET><CITY>Pyongyang</CITY><ZIP_CODE>999</ZIP_CODE><COUNTRY>Democratic People's Republic of Korea</COUNTRY><NOTE>as of 2020</NOTE></INDIVIDUAL_ADDRESS>
      <INDIVIDUAL_ADDRESS><COUNTRY/></INDIVIDUAL_ADDRESS>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1960-01-02</DATE></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE><YEAR>1961</YEAR></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1955</FROM_YEAR><TO_YEAR>1958</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><YEAR>1959</YEAR><NOTE>Sep.</NOTE></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE><NOTE>30-35 years old</NOTE></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE/></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_PLACE_OF_BIRTH><CITY>Kaesong</CITY><COUNTRY>Democratic People's Republic of Korea</COUNTRY></INDIVIDUAL_PLACE_OF_BIRTH>
      <INDIVIDUAL_PLACE_OF_BIRTH><COUNTRY/></INDIVIDUAL_PLACE_OF_BIRTH>
      <INDIVIDUAL_DOCUMENT>
        <TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT>
        <NUMBER>836420186</NUMBER>
        <ISSUING_COUNTRY>Democratic People's Republic of Korea</ISSUING_COUNTRY>
        <DATE_OF_ISSUE>2016-10-28</DATE_OF_ISSUE>
        <NOTE>Expires 28 October 2021</NOTE>
      </INDIVIDUAL_DOCUMENT>
      <INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Numéro de passeport</TYPE_OF_DOCUMENT><NUMBER>AB 12</NUMBER><COUNTRY_OF_ISSUE>France</COUNTRY_OF_ISSUE></INDIVIDUAL_DOCUMENT>
      <INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>National Identification Number</TYPE_OF_DOCUMENT><NOTE>no number</NOTE></INDIVIDUAL_DOCUMENT>
      <INDIVIDUAL_DOCUMENT/>
      <SORT_KEY/>
      <SORT_KEY_LAST_MOD/>
    </INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES>
    <ENTITY>
      <DATAID>2</DATAID>
      <VERSIONNUM>1</VERSIONNUM>
      <FIRST_NAME>EXAMPLE GENERAL TRADING CORPORATION</FIRST_NAME>
      <UN_LIST_TYPE>DPRK</UN_LIST_TYPE>
      <REFERENCE_NUMBER>KPe.901</REFERENCE_NUMBER>
      <LISTED_ON>2009-04-24</LISTED_ON>
      <COMMENTS1/>
      <LIST_TYPE><VALUE>UN List</VALUE></LIST_TYPE>
      <ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>EGTC</ALIAS_NAME></ENTITY_ALIAS>
      <ENTITY_ALIAS><QUALITY>f.k.a.</QUALITY><ALIAS_NAME>OLD TRADING CO</ALIAS_NAME></ENTITY_ALIAS>
      <ENTITY_ADDRESS><NOTE>Offices in several cities</NOTE></ENTITY_ADDRESS>
      <SORT_KEY/>
      <SORT_KEY_LAST_MOD/>
    </ENTITY>
  </ENTITIES>
</CONSOLIDATED_LIST>
"#;

    fn parse_str(xml: &str) -> Result<ParsedSource, Error> {
        parse(&InputFile::from_bytes("un.xml", xml.as_bytes().to_vec()))
    }

    fn years(d: &BirthDate) -> (String, Option<String>, bool) {
        (d.from.to_string(), d.to.as_ref().map(|t| t.to_string()), d.approximate)
    }

    #[test]
    fn fixture_maps_every_field() {
        let parsed = parse_str(FIXTURE).unwrap();
        assert_eq!(parsed.published.as_deref(), Some("2026-02-27"));
        assert_eq!(parsed.entities.len(), 2);
        let p = &parsed.entities[0];
        assert_eq!(p.id, "un:KPi.901");
        assert_eq!(p.source, "un");
        assert_eq!(p.kind, EntityKind::Person);
        assert_eq!(p.name, "PAK CHOL SU");
        assert_eq!(p.programs, ["DPRK"]);
        assert_eq!(p.original_script_names, ["박철수"]);
        assert_eq!(p.gender, Some(Gender::Male));
        assert_eq!(p.title.as_deref(), Some("Dr.; Director"));
        assert_eq!(p.listed_on.as_deref(), Some("2017-12-22"));
        assert_eq!(p.published.as_deref(), Some("2026-02-27"));
        assert_eq!(p.remarks.as_deref(), Some("Official of a fictional bureau & test entry."));
        let aliases: Vec<_> = p.aliases.iter().map(|a| (a.name.as_str(), a.kind.clone(), a.strength.clone())).collect();
        assert_eq!(
            aliases,
            [("Pak Ch'ol-su", AliasKind::Aka, Strength::Strong), ("The Engineer", AliasKind::Aka, Strength::Weak)]
        );
        let dobs: Vec<_> = p.birth_dates.iter().map(years).collect();
        let expect = |f: &str, t: Option<&str>, a: bool| (f.to_string(), t.map(str::to_string), a);
        assert_eq!(
            dobs,
            [
                expect("1960-01-02", None, false),
                expect("1961", None, true),
                expect("1955", Some("1958"), false),
                expect("1959-09", None, false),
            ]
        );
        assert_eq!(p.birth_places, ["Kaesong, Democratic People's Republic of Korea"]);
        let nat: Vec<_> = p.nationalities.iter().map(|c| (c.name.as_str(), c.code.as_deref())).collect();
        assert_eq!(nat, [("Democratic People's Republic of Korea", Some("KP")), ("Atlantis", None)]);
        assert_eq!(p.addresses.len(), 1);
        let a = &p.addresses[0];
        assert_eq!(a.street.as_deref(), Some("1 Test Street"));
        assert_eq!(a.city.as_deref(), Some("Pyongyang"));
        assert_eq!(a.postal_code.as_deref(), Some("999"));
        assert_eq!(a.country.as_ref().and_then(|c| c.code.as_deref()), Some("KP"));
        assert_eq!(a.note.as_deref(), Some("as of 2020"));
        assert_eq!(p.identifiers.len(), 2);
        let pass = &p.identifiers[0];
        assert_eq!(
            (pass.kind.clone(), pass.value.as_str(), pass.label.as_str()),
            (IdKind::Passport, "836420186", "Passport")
        );
        assert_eq!(pass.country.as_ref().and_then(|c| c.code.as_deref()), Some("KP"));
        assert_eq!(pass.note.as_deref(), Some("issued 2016-10-28; Expires 28 October 2021"));
        let french = &p.identifiers[1];
        assert_eq!((french.kind.clone(), french.value.as_str()), (IdKind::Passport, "AB 12"));
        assert_eq!(french.country.as_ref().and_then(|c| c.code.as_deref()), Some("FR"));

        let o = &parsed.entities[1];
        assert_eq!(
            (o.id.as_str(), o.kind.clone(), o.name.as_str()),
            ("un:KPe.901", EntityKind::Organization, "EXAMPLE GENERAL TRADING CORPORATION")
        );
        assert_eq!(o.remarks, None);
        assert_eq!(o.aliases[1].kind, AliasKind::Fka);
        assert_eq!(o.addresses.len(), 1);
        assert_eq!(o.addresses[0].note.as_deref(), Some("Offices in several cities"));
        assert_eq!(o.published.as_deref(), Some("2026-02-27"));

        assert_eq!(parsed.warnings.count("unknown-country"), 1, "{:?}", parsed.warnings);
        assert_eq!(parsed.warnings.count("unparsed-birth-date"), 1, "{:?}", parsed.warnings);
    }

    #[test]
    fn malformed_files_are_errors_with_positions() {
        let without_reference = FIXTURE.replace("<REFERENCE_NUMBER>KPe.901</REFERENCE_NUMBER>", "");
        let without_name = FIXTURE
            .replace("<FIRST_NAME>PAK</FIRST_NAME>", "")
            .replace("<SECOND_NAME>CHOL</SECOND_NAME>", "")
            .replace("<THIRD_NAME>SU</THIRD_NAME>", "");
        let duplicate = FIXTURE.replace("KPe.901", "KPi.901");
        let cases: Vec<(String, &str)> = vec![
            (FIXTURE[..FIXTURE.find("<ENTITIES>").unwrap()].to_string(), "truncated"),
            (FIXTURE.replace("</SECOND_NAME>", "</SECOND_NAM>"), "malformed"),
            (FIXTURE.replace("<FIRST_NAME>PAK", "<FIRST_NAME PAK"), "bad attribute"),
            (
                FIXTURE.replacen(
                    "<CONSOLIDATED_LIST",
                    "<!DOCTYPE l [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><CONSOLIDATED_LIST",
                    1,
                ),
                "DOCTYPE",
            ),
            (FIXTURE.replace("<THIRD_NAME>SU</THIRD_NAME>", "<THIRD_NAME>&b;</THIRD_NAME>"), "predefined entities"),
            (without_reference, "without a REFERENCE_NUMBER"),
            (without_name, "has no name"),
            (duplicate, "used twice"),
            ("<sdnList><sdnEntry/></sdnList>".to_string(), "not a UN consolidated list"),
            (
                r#"<CONSOLIDATED_LIST dateGenerated="2026-02-27"><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>"#
                    .to_string(),
                "empty list",
            ),
            (String::new(), "no root"),
        ];
        for (xml, expected) in &cases {
            let err = parse_str(xml).expect_err(expected);
            assert!(err.to_string().contains(expected), "{expected}: {err}");
            assert!(err.position().is_some(), "{expected}: no position in {err}");
        }
        // The record without a reference is reported at its own start tag.
        let err = parse_str(&FIXTURE.replace("<REFERENCE_NUMBER>KPe.901</REFERENCE_NUMBER>", "")).unwrap_err();
        let at = FIXTURE.find("<ENTITY>").unwrap() as u64;
        assert_eq!(err.position(), Some(Position::Byte(at)));
    }

    #[test]
    fn any_prefix_of_the_fixture_parses_or_fails_without_panicking() {
        let bytes = FIXTURE.as_bytes();
        for end in 0..bytes.len() {
            let _ = parse(&InputFile::from_bytes("un.xml", bytes[..end].to_vec()));
        }
    }

    #[test]
    fn real_un_list() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/un/un_consolidated_2026-02-27.xml");
        let Some(path) = crate::shared_or_skipped(path, "the UN consolidated list test") else { return };
        let parsed = crate::parse_source(SourceKind::UnXml, &path).unwrap();
        let count = |k: EntityKind| parsed.entities.iter().filter(|e| e.kind == k).count();
        assert_eq!(count(EntityKind::Person), 730);
        assert_eq!(count(EntityKind::Organization), 273);
        assert_eq!(parsed.entities.len(), 1003);
        assert_eq!(parsed.published.as_deref(), Some("2026-02-27"));
        assert!(parsed.entities.iter().all(|e| e.published.as_deref() == Some("2026-02-27") && e.source == "un"));
        // Every document with a NUMBER, every non-empty original-script name.
        assert_eq!(parsed.entities.iter().map(|e| e.identifiers.len()).sum::<usize>(), 454);
        assert_eq!(parsed.entities.iter().map(|e| e.original_script_names.len()).sum::<usize>(), 378);
        // "30-35 years old", a Hijri date and "Between Aug. and Sep. 1977".
        assert_eq!(parsed.warnings.count("unparsed-birth-date"), 3, "{:?}", parsed.warnings);
        // "former Soviet Union" and the long form of Hong Kong's name, at most.
        assert!(parsed.warnings.count("unknown-country") <= 2, "{:?}", parsed.warnings);
        let by_id = |id: &str| parsed.entities.iter().find(|e| e.id == id).unwrap_or_else(|| panic!("{id} missing"));

        // A DPRK official: a year range of birth.
        let kim = by_id("un:KPi.066");
        assert_eq!(kim.name, "KIM JONG SIK");
        assert_eq!(kim.programs, ["DPRK"]);
        assert_eq!(kim.listed_on.as_deref(), Some("2017-12-22"));
        assert_eq!(kim.nationalities[0].code.as_deref(), Some("KP"));
        assert_eq!(kim.birth_dates.iter().map(|d| d.years()).collect::<Vec<_>>(), [(1967, 1969)]);
        assert_eq!(kim.aliases[0].name, "Kim Cho’ng-sik");
        assert_eq!(kim.aliases[0].strength, Strength::Strong);

        // The list has no Hangul; this entry has a Cyrillic original-script name.
        let umarov = by_id("un:QDi.290");
        assert_eq!(umarov.name, "DOKU KHAMATOVICH UMAROV");
        assert_eq!(umarov.original_script_names, ["Умаров Доку Хаматович"]);
        let dobs: Vec<String> = umarov.birth_dates.iter().map(|d| d.from.to_string()).collect();
        assert_eq!(dobs, ["1964-04-13", "1965-04-13", "1964-05-12", "1955"]);
        assert_eq!(
            umarov.birth_places,
            ["Kharsenoy Village, Shatoyskiy (Sovetskiy) District, Chechenskaya Respublika, Russian Federation"]
        );
        let pass = &umarov.identifiers[0];
        assert_eq!((pass.kind.clone(), pass.value.as_str()), (IdKind::Passport, "96 03 464086"));
        assert_eq!(pass.country.as_ref().and_then(|c| c.code.as_deref()), Some("RU"));
        assert_eq!(pass.note.as_deref(), Some("issued 2003-06-01"));

        // QUALITY Low gives a weak alias.
        let rumuli =
            parsed.entities.iter().find(|e| e.aliases.iter().any(|a| a.name == "Rumuli")).expect("the alias Rumuli");
        assert_eq!(rumuli.aliases.iter().find(|a| a.name == "Rumuli").unwrap().strength, Strength::Weak);
        let weak = parsed.entities.iter().flat_map(|e| &e.aliases).filter(|a| a.strength == Strength::Weak).count();
        assert!(weak > 500, "{weak} weak aliases");

        // An organisation with a former name.
        let ryonbong = by_id("un:KPe.002");
        assert_eq!(ryonbong.kind, EntityKind::Organization);
        assert_eq!(ryonbong.name, "KOREA RYONBONG GENERAL CORPORATION");
        assert!(ryonbong
            .aliases
            .iter()
            .any(|a| a.name == "LYONGAKSAN GENERAL TRADING CORPORATION" && a.kind == AliasKind::Fka));
    }
}
