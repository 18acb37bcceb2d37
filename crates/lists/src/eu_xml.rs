//! Parser for the EU Financial Sanctions Files (FSF) consolidated list, XML version 1.1
//! (`<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="...">`, one
//! `<sanctionEntity>` per listed party).
//!
//! What it maps, per `<sanctionEntity logicalId="...">` (entity id `eu:<logicalId>`):
//!
//! - `subjectType code` `person` → [`EntityKind::Person`], `enterprise` →
//!   [`EntityKind::Organization`] (also `vessel`/`aircraft` should they appear); anything
//!   else is [`EntityKind::Unknown`] with a warning.
//! - `regulation programme` → programs; the earliest `publicationDate` (or the entity's
//!   `designationDate` when given) → `listed_on`.
//! - `nameAlias`: `wholeName` (or `firstName middleName lastName` when it is empty). The
//!   first strong name without a `nameLanguage` is the primary name; the others become
//!   aliases (`strong="false"` → weak) or, when written in a non-Latin script (Cyrillic,
//!   Greek, Arabic...), original-script names. The EU repeats one spelling for several
//!   languages; repeats are dropped. The first `title` and `gender` are kept; `function`
//!   goes into the remarks.
//! - `citizenship` → citizenships; `birthdate` (`birthdate`, or `year`/`monthOfYear`/
//!   `dayOfMonth`, or `yearRangeFrom`/`yearRangeTo`; `circa`) → birth dates, and its
//!   `city`/`place`/`region`/country → a birth place; `address` → addresses (its
//!   `contactInfo` EMAIL/PHONE/FAX/WEB become identifiers); `identification` →
//!   identifiers, typed by `identificationTypeCode` (`passport`, `id`, `fiscalcode`,
//!   `regnumber`, `swiftbic`, `imo`...), falling back to the description's words.
//! - `remark`, `euReferenceNumber` and `unitedNationId` → remarks.
//! - The root's `generationDate` (date part) → `published`.
//!
//! What it does not map: `regulationSummary` and publication URLs, identification flags
//! other than `knownFalse`/`knownExpired`/`diplomatic` (kept as a note), calendar types,
//! and addresses or countries given as `UNKNOWN`/`00`.
//!
//! No real FSF file is available in this repository: the parser was written from the
//! published format and is tested on a small hand-written fixture
//! (`tests/fixtures/eu_fsf_sample.xml`) with invented parties.

use std::path::Path;

use interdict_model::{
    countries, Address, Alias, AliasKind, BirthDate, Country, Entity, EntityKind, Gender, IdKind, Identifier,
    PartialDate, Strength,
};

use crate::dates::parse_iso;
use crate::fields::{collapse_whitespace, push_unique};
use crate::ids::kind_for_label;
use crate::xml::{for_each_record, Node};
use crate::{Error, InputFile, ParsedSource, Position, SourceKind, Warnings};

/// The source name and id prefix of EU entities.
pub const SOURCE: &str = "eu";

/// Parses one EU FSF XML file.
pub fn parse(input: &InputFile) -> Result<ParsedSource, Error> {
    let path = input.path.as_path();
    let file = path.display().to_string();
    let mut out = ParsedSource::new(SourceKind::EuXml, &[input]);
    let bytes = trim_dos_eof(&input.bytes);
    let mut published: Option<String> = None;
    let mut entities = Vec::new();
    let mut warnings = Warnings::default();
    let mut seen = std::collections::HashSet::new();
    for_each_record(
        path,
        bytes,
        1,
        |root| {
            crate::xml::expect_root(path, root, "export", "an EU FSF export")?;
            published = root.attr("generationDate").and_then(parse_iso).map(|d| d.to_string());
            Ok(())
        },
        |_, node| {
            if node.name != "sanctionEntity" {
                return Ok(());
            }
            let entity = entity_from(path, &file, &node, &mut warnings)?;
            if !seen.insert(entity.id.clone()) {
                return Err(Error::parse(
                    path,
                    Position::Byte(node.offset),
                    format!("duplicate sanctionEntity logicalId {:?}", &entity.id[SOURCE.len() + 1..]),
                ));
            }
            entities.push(entity);
            Ok(())
        },
    )?;
    if published.is_none() {
        warnings.push("missing-publish-date", &file, Position::File, "no usable generationDate on <export>".into());
    }
    for e in &mut entities {
        e.published.clone_from(&published);
    }
    out.published = published;
    out.entities = entities;
    out.warnings = warnings;
    Ok(out)
}

/// Drops trailing DOS end-of-file markers (0x1A).
fn trim_dos_eof(bytes: &[u8]) -> &[u8] {
    let end = bytes.iter().rposition(|&b| b != 0x1A).map_or(0, |i| i + 1);
    &bytes[..end]
}

/// A non-empty, trimmed attribute value.
fn attr<'a>(node: &'a Node, name: &str) -> Option<&'a str> {
    node.attr(name).map(str::trim).filter(|v| !v.is_empty())
}

/// A country from an ISO code and description; `None` for the EU's `00`/`UNKNOWN`.
fn country(node: &Node) -> Option<Country> {
    let code = attr(node, "countryIso2Code").filter(|c| countries::is_code(c)).map(str::to_ascii_uppercase);
    let desc = attr(node, "countryDescription").filter(|d| !d.eq_ignore_ascii_case("unknown"));
    match (code, desc) {
        (None, None) => None,
        (Some(code), desc) => {
            let name = desc.map(str::to_string).or_else(|| countries::name_for(&code).map(str::to_string));
            Some(Country { name: name.unwrap_or_else(|| code.clone()), code: Some(code) })
        }
        (None, Some(desc)) => Some(Country::from_name(desc)),
    }
}

/// Whether a name has letters outside the Latin script.
fn is_non_latin(name: &str) -> bool {
    name.chars().any(|c| {
        let u = c as u32;
        c.is_alphabetic()
            && !(u < 0x0250
                || (0x1E00..=0x1EFF).contains(&u)
                || (0x2C60..=0x2C7F).contains(&u)
                || (0xA720..=0xA7FF).contains(&u)
                || (0xFF21..=0xFF5A).contains(&u))
    })
}

fn kind_for_subject(code: &str) -> Option<EntityKind> {
    match code.to_ascii_lowercase().as_str() {
        "person" | "p" => Some(EntityKind::Person),
        "enterprise" | "e" => Some(EntityKind::Organization),
        "vessel" | "v" => Some(EntityKind::Vessel),
        "aircraft" => Some(EntityKind::Aircraft),
        _ => None,
    }
}

/// The kind of an `identificationTypeCode`, falling back to the description's words.
fn kind_for_id(code: Option<&str>, description: Option<&str>) -> IdKind {
    let by_code = match code.map(str::to_ascii_lowercase).as_deref() {
        Some("passport") => Some(IdKind::Passport),
        Some("id") | Some("ssn") => Some(IdKind::NationalId),
        Some("fiscalcode") | Some("tax") | Some("taxid") => Some(IdKind::TaxId),
        Some("regnumber") | Some("tradelic") => Some(IdKind::RegistrationNumber),
        Some("swiftbic") | Some("bic") => Some(IdKind::Bic),
        Some("imo") => Some(IdKind::Imo),
        _ => None,
    };
    by_code
        .or_else(|| description.map(kind_for_label).filter(|k| *k != IdKind::Other))
        .or_else(|| code.map(kind_for_label))
        .unwrap_or(IdKind::Other)
}

fn number<T: std::str::FromStr>(node: &Node, name: &str) -> Option<T> {
    attr(node, name).and_then(|v| v.parse().ok())
}

/// The date of one `<birthdate>`, if it gives one.
fn birth_date(node: &Node) -> Result<Option<BirthDate>, String> {
    let approximate = attr(node, "circa").is_some_and(|c| c.eq_ignore_ascii_case("true"));
    let valid_year = |y: u16| (1000..=2999).contains(&y);
    if let Some(text) = attr(node, "birthdate") {
        let date = parse_iso(text).ok_or_else(|| format!("invalid birthdate {text:?} (expected YYYY-MM-DD)"))?;
        return Ok(Some(BirthDate { from: date, to: None, approximate }));
    }
    if let (Some(from), Some(to)) = (number::<u16>(node, "yearRangeFrom"), number::<u16>(node, "yearRangeTo")) {
        if !valid_year(from) || !valid_year(to) {
            return Err(format!("invalid year range {from}-{to}"));
        }
        return Ok(Some(BirthDate { from: PartialDate::year(from), to: Some(PartialDate::year(to)), approximate }));
    }
    let Some(year) = attr(node, "year") else { return Ok(None) };
    let year: u16 = year.parse().ok().filter(|y| valid_year(*y)).ok_or_else(|| format!("invalid year {year:?}"))?;
    let month = number::<u8>(node, "monthOfYear").filter(|m| (1..=12).contains(m));
    let day = number::<u8>(node, "dayOfMonth").filter(|d| (1..=31).contains(d) && month.is_some());
    Ok(Some(BirthDate { from: PartialDate { year, month, day }, to: None, approximate }))
}

fn entity_from(path: &Path, file: &str, node: &Node, warnings: &mut Warnings) -> Result<Entity, Error> {
    let at = Position::Byte(node.offset);
    let logical_id =
        attr(node, "logicalId").ok_or_else(|| Error::parse(path, at, "<sanctionEntity> has no logicalId attribute"))?;
    let id = format!("{SOURCE}:{logical_id}");
    // A warning about this entity, at byte `offset`.
    let mut warn = |kind: &str, offset: u64, what: String| {
        warnings.push(kind, file, Position::Byte(offset), format!("{id}: {what}"));
    };

    let kind = match node.child("subjectType").and_then(|s| attr(s, "code")) {
        Some(code) => kind_for_subject(code).unwrap_or_else(|| {
            warn("unknown-subject-type", node.offset, format!("unknown subjectType code {code:?}"));
            EntityKind::Unknown
        }),
        None => {
            warn("unknown-subject-type", node.offset, "no subjectType".into());
            EntityKind::Unknown
        }
    };

    // Names: (name, strong, has language), in file order, without repeats.
    let mut names: Vec<(String, bool, bool)> = Vec::new();
    let mut title = None;
    let mut gender = None;
    let mut functions: Vec<String> = Vec::new();
    for alias in node.children_named("nameAlias") {
        let whole = attr(alias, "wholeName").map(str::to_string).or_else(|| {
            let parts: Vec<&str> =
                ["firstName", "middleName", "lastName"].iter().filter_map(|a| attr(alias, a)).collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        });
        let Some(whole) = whole else {
            warn("empty-name", alias.offset, "<nameAlias> without a name".into());
            continue;
        };
        let whole = collapse_whitespace(&whole);
        let strong = !attr(alias, "strong").is_some_and(|s| s.eq_ignore_ascii_case("false"));
        let has_language = attr(alias, "nameLanguage").is_some();
        match names.iter_mut().find(|(n, _, _)| *n == whole) {
            // A repeat: keep it once, strong if any copy is, language-free if any copy is.
            Some(existing) => {
                existing.1 |= strong;
                existing.2 &= has_language;
            }
            None => names.push((whole, strong, has_language)),
        }
        if title.is_none() {
            title = attr(alias, "title").map(str::to_string);
        }
        if gender.is_none() {
            gender = match attr(alias, "gender") {
                Some("M") | Some("m") => Some(Gender::Male),
                Some("F") | Some("f") => Some(Gender::Female),
                _ => None,
            };
        }
        if let Some(f) = attr(alias, "function") {
            push_unique(&mut functions, f.to_string());
        }
    }
    let primary = names
        .iter()
        .position(|(n, strong, lang)| *strong && !*lang && !is_non_latin(n))
        .or_else(|| names.iter().position(|(n, strong, _)| *strong && !is_non_latin(n)))
        .or_else(|| names.iter().position(|(n, _, _)| !is_non_latin(n)))
        .or(if names.is_empty() { None } else { Some(0) })
        .ok_or_else(|| {
            Error::parse(path, at, format!("{id}: <sanctionEntity> has no name (no nameAlias with a name)"))
        })?;
    let (name, _, _) = names.remove(primary);
    let mut e = Entity::new(&id, SOURCE, kind, &name);
    e.title = title;
    e.gender = gender;
    for (n, strong, _) in names {
        if is_non_latin(&n) {
            e.original_script_names.push(n);
        } else {
            let strength = if strong { Strength::Strong } else { Strength::Weak };
            e.aliases.push(Alias { name: n, kind: AliasKind::Aka, strength });
        }
    }

    let mut earliest: Option<String> = attr(node, "designationDate").and_then(parse_iso).map(|d| d.to_string());
    let use_regulations = earliest.is_none();
    for reg in node.children_named("regulation") {
        if let Some(p) = attr(reg, "programme") {
            push_unique(&mut e.programs, p.to_string());
        }
        if use_regulations {
            if let Some(date) = attr(reg, "publicationDate").and_then(parse_iso) {
                let date = date.to_string();
                if earliest.as_ref().is_none_or(|d| date < *d) {
                    earliest = Some(date);
                }
            }
        }
    }
    e.listed_on = earliest;

    for c in node.children_named("citizenship") {
        if let Some(country) = country(c) {
            push_unique(&mut e.citizenships, country);
        }
    }

    for b in node.children_named("birthdate") {
        match birth_date(b) {
            Ok(Some(date)) => push_unique(&mut e.birth_dates, date),
            Ok(None) => {}
            Err(reason) => warn("bad-birth-date", b.offset, reason),
        }
        let mut place: Vec<String> =
            ["city", "place", "region"].iter().filter_map(|a| attr(b, a)).map(str::to_string).collect();
        if let Some(c) = country(b) {
            place.push(c.name);
        }
        if !place.is_empty() {
            push_unique(&mut e.birth_places, place.join(", "));
        }
    }

    for a in node.children_named("address") {
        let mut notes: Vec<String> = Vec::new();
        if let Some(po) = attr(a, "poBox") {
            notes.push(format!("P.O. Box {po}"));
        }
        if let Some(place) = attr(a, "place") {
            notes.push(place.to_string());
        }
        notes.extend(a.children_named("remark").filter_map(|r| r.text()).map(str::to_string));
        let address = Address {
            street: attr(a, "street").map(str::to_string),
            city: attr(a, "city").map(str::to_string),
            region: attr(a, "region").map(str::to_string),
            postal_code: attr(a, "zipCode").map(str::to_string),
            country: country(a),
            note: (!notes.is_empty()).then(|| notes.join("; ")),
        };
        if !address.is_empty() || address.note.is_some() {
            push_unique(&mut e.addresses, address);
        }
        for info in a.children_named("contactInfo") {
            let (Some(key), Some(value)) = (attr(info, "key"), attr(info, "value")) else { continue };
            let kind = match key.to_ascii_uppercase().as_str() {
                "EMAIL" => IdKind::Email,
                "PHONE" | "FAX" => IdKind::Phone,
                "WEB" | "WEBSITE" => IdKind::Website,
                _ => IdKind::Other,
            };
            let id = Identifier::new(kind, value, key);
            push_unique(&mut e.identifiers, id);
        }
    }

    for i in node.children_named("identification") {
        let Some(value) = attr(i, "number").or_else(|| attr(i, "latinNumber")) else {
            warn("empty-identifier", i.offset, "<identification> without a number".into());
            continue;
        };
        let code = attr(i, "identificationTypeCode");
        let description = attr(i, "identificationTypeDescription");
        let mut notes: Vec<String> = Vec::new();
        for (flag, text) in
            [("knownFalse", "known false"), ("knownExpired", "known expired"), ("diplomatic", "diplomatic")]
        {
            if attr(i, flag).is_some_and(|v| v.eq_ignore_ascii_case("true")) {
                notes.push(text.to_string());
            }
        }
        if let Some(by) = attr(i, "issuedBy") {
            notes.push(format!("issued by {by}"));
        }
        notes.extend(i.children_named("remark").filter_map(|r| r.text()).map(str::to_string));
        let ident = Identifier {
            kind: kind_for_id(code, description),
            value: value.to_string(),
            label: description.or(code).unwrap_or("identification").to_string(),
            country: country(i),
            note: (!notes.is_empty()).then(|| notes.join("; ")),
        };
        push_unique(&mut e.identifiers, ident);
    }

    let mut remarks: Vec<String> = node.children_named("remark").filter_map(|r| r.text()).map(str::to_string).collect();
    for f in functions {
        remarks.push(format!("Function: {f}"));
    }
    if let Some(r) = attr(node, "euReferenceNumber") {
        remarks.push(format!("EU reference number: {r}"));
    }
    if let Some(r) = attr(node, "unitedNationId") {
        remarks.push(format!("UN reference: {r}"));
    }
    e.remarks = (!remarks.is_empty()).then(|| remarks.join("\n"));
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str = include_str!("../tests/fixtures/eu_fsf_sample.xml");

    fn parse_str(xml: &str) -> Result<ParsedSource, Error> {
        parse(&InputFile::from_bytes("eu.xml", xml.as_bytes().to_vec()))
    }

    fn wrap(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2025-01-02T10:00:00.000+01:00">{body}</export>"#
        )
    }

    #[test]
    fn fixture_maps_every_field() {
        let parsed = parse_str(FIXTURE).unwrap();
        assert_eq!(parsed.kind, SourceKind::EuXml);
        assert_eq!(parsed.published.as_deref(), Some("2025-03-14"));
        assert_eq!(parsed.entities.len(), 4);
        assert_eq!(parsed.warnings.total(), 0, "{:?}", parsed.warnings);

        let p = &parsed.entities[0];
        assert_eq!(p.id, "eu:900113");
        assert_eq!(p.source, "eu");
        assert_eq!(p.kind, EntityKind::Person);
        assert_eq!(p.name, "Viktor Aleksandrovich ZHURAVLEV");
        assert_eq!(p.programs, ["UKR", "RUS"]);
        assert_eq!(p.listed_on.as_deref(), Some("2022-02-25"));
        assert_eq!(p.published.as_deref(), Some("2025-03-14"));
        assert_eq!(p.gender, Some(Gender::Male));
        // The German copy of the primary name is dropped as a repeat.
        assert_eq!(
            p.aliases,
            [
                Alias {
                    name: "Viktor Aleksandrovitj ZJURAVLEV".into(),
                    kind: AliasKind::Aka,
                    strength: Strength::Strong
                },
                Alias { name: "Vitya Zhuravl".into(), kind: AliasKind::Aka, strength: Strength::Weak },
            ]
        );
        assert_eq!(p.original_script_names, ["Виктор Александрович ЖУРАВЛЕВ"]);
        assert_eq!(p.citizenships, [Country { name: "RUSSIAN FEDERATION".into(), code: Some("RU".into()) }]);
        assert_eq!(
            p.birth_dates,
            [
                BirthDate::exact(PartialDate::ymd(1966, 9, 12)),
                BirthDate { from: PartialDate::year(1967), to: None, approximate: true },
            ]
        );
        assert_eq!(p.birth_places, ["Tula, RUSSIAN FEDERATION"]);
        assert_eq!(p.identifiers.len(), 2);
        assert_eq!(p.identifiers[0].kind, IdKind::Passport);
        assert_eq!(p.identifiers[0].value, "7504 118812");
        assert_eq!(p.identifiers[0].label, "National passport");
        assert_eq!(p.identifiers[0].country.as_ref().and_then(|c| c.code.as_deref()), Some("RU"));
        assert_eq!(p.identifiers[0].note.as_deref(), Some("internal passport"));
        assert_eq!(p.identifiers[1].kind, IdKind::TaxId);
        assert!(p.addresses.is_empty(), "an UNKNOWN address is dropped: {:?}", p.addresses);
        let remarks = p.remarks.as_deref().unwrap();
        assert!(remarks.starts_with("Deputy head of a regional administration."), "{remarks}");
        assert!(remarks.contains("Function: Deputy Head of Administration"), "{remarks}");
        assert!(remarks.contains("EU reference number: EU.9012.41"), "{remarks}");

        let o = &parsed.entities[1];
        assert_eq!(o.id, "eu:900214");
        assert_eq!(o.kind, EntityKind::Organization);
        assert_eq!(o.name, "Northern Amber Shipping LLC");
        assert_eq!(o.original_script_names, ["ООО \"Северный Янтарь Шиппинг\""]);
        assert_eq!(o.aliases[0].strength, Strength::Weak);
        assert_eq!(o.addresses.len(), 1);
        let a = &o.addresses[0];
        assert_eq!(a.street.as_deref(), Some("Nevsky Prospekt 104, office 12"));
        assert_eq!(a.city.as_deref(), Some("Saint Petersburg"));
        assert_eq!(a.postal_code.as_deref(), Some("191025"));
        assert_eq!(a.country.as_ref().and_then(|c| c.code.as_deref()), Some("RU"));
        let kinds: Vec<(IdKind, &str)> = o.identifiers.iter().map(|i| (i.kind.clone(), i.value.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (IdKind::Email, "info@northern-amber.example"),
                (IdKind::Phone, "+7 812 555 0142"),
                (IdKind::RegistrationNumber, "1187847123456"),
                (IdKind::Imo, "9321654"),
            ]
        );
        assert_eq!(o.identifiers[3].country, None, "country 00 is no country");

        let q = &parsed.entities[2];
        assert_eq!(q.name, "Hamid Al-Rashidi", "built from first and last name");
        assert_eq!(q.title.as_deref(), Some("Sheikh"));
        assert_eq!(q.programs, ["TAQA"]);
        assert!(q.citizenships.is_empty());
        assert_eq!(
            q.birth_dates,
            [BirthDate { from: PartialDate::year(1970), to: Some(PartialDate::year(1973)), approximate: false }]
        );
        assert_eq!(q.birth_places, ["Deir ez-Zor, SYRIAN ARAB REPUBLIC"]);
        assert!(q.remarks.as_deref().unwrap().contains("UN reference: QDi.901"));

        let k = &parsed.entities[3];
        assert_eq!(k.name, "Kavir Precision Industries");
        assert!(k.aliases.is_empty(), "{:?}", k.aliases);
        assert_eq!(k.original_script_names, ["Кавир Прецижън Индъстрис", "Βιομηχανίες Ακριβείας Kavir"]);
        assert_eq!(k.addresses[0].note.as_deref(), Some("P.O. Box 19395-4411"));
        assert_eq!(k.addresses[0].country.as_ref().unwrap().code.as_deref(), Some("IR"));
        assert_eq!(k.identifiers[0].kind, IdKind::Bic);
        assert_eq!(k.identifiers[0].value, "KPIRIRTHXXX");
    }

    #[test]
    fn fixture_survives_a_bom_a_dos_eof_marker_and_parse_file() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(FIXTURE.as_bytes());
        bytes.push(0x1A);
        let parsed = crate::parse_file(SourceKind::EuXml, &InputFile::from_bytes("eu.xml", bytes)).unwrap();
        assert_eq!(parsed.entities.len(), 4);
    }

    #[test]
    fn lenient_cases_warn() {
        let xml = wrap(
            r#"<sanctionEntity logicalId="5"><subjectType code="alien"/><nameAlias wholeName="X Y" strong="true"/>
            <nameAlias wholeName=""/><birthdate year="12345"/><identification identificationTypeCode="id"/></sanctionEntity>"#,
        );
        let parsed = parse_str(&xml).unwrap();
        let e = &parsed.entities[0];
        assert_eq!(e.kind, EntityKind::Unknown);
        assert!(e.birth_dates.is_empty() && e.identifiers.is_empty());
        for kind in ["unknown-subject-type", "empty-name", "bad-birth-date", "empty-identifier"] {
            assert_eq!(parsed.warnings.count(kind), 1, "{kind}: {:?}", parsed.warnings);
        }
        // No generationDate: a warning, not an error.
        let parsed =
            parse_str("<export><sanctionEntity logicalId=\"1\"><nameAlias wholeName=\"A\"/></sanctionEntity></export>")
                .unwrap();
        assert_eq!(parsed.published, None);
        assert_eq!(parsed.warnings.count("missing-publish-date"), 1);
    }

    #[test]
    fn malformed_inputs_fail_with_position_and_reason() {
        let no_id = wrap(r#"<sanctionEntity><nameAlias wholeName="A"/></sanctionEntity>"#);
        let no_name = wrap(r#"<sanctionEntity logicalId="7"><subjectType code="person"/></sanctionEntity>"#);
        let dup = wrap(
            r#"<sanctionEntity logicalId="7"><nameAlias wholeName="A"/></sanctionEntity><sanctionEntity logicalId="7"><nameAlias wholeName="B"/></sanctionEntity>"#,
        );
        let truncated = &FIXTURE[..FIXTURE.find("</sanctionEntity>").unwrap() + "</sanctionEntity>".len()];
        let entity_at = wrap("").find("</export>").unwrap() as u64;
        let cases: Vec<(&str, &[u8], Option<Position>, &str)> = vec![
            ("wrong root", b"<sdnList><sdnEntry/></sdnList>", Some(Position::Byte(0)), "root element is <sdnList>"),
            ("missing logicalId", no_id.as_bytes(), Some(Position::Byte(entity_at)), "no logicalId"),
            ("no name", no_name.as_bytes(), Some(Position::Byte(entity_at)), "eu:7: <sanctionEntity> has no name"),
            ("duplicate id", dup.as_bytes(), None, "duplicate sanctionEntity logicalId \"7\""),
            ("truncated", truncated.as_bytes(), Some(Position::Byte(truncated.len() as u64)), "truncated"),
            (
                "not UTF-8",
                b"<export><sanctionEntity logicalId=\"1\"><nameAlias wholeName=\"caf\xE9\"/></sanctionEntity></export>",
                None,
                "UTF-8",
            ),
            ("DTD", b"<!DOCTYPE export [<!ENTITY x \"y\">]><export/>", Some(Position::Byte(0)), "DOCTYPE"),
            ("empty", b"", Some(Position::Byte(0)), "no root"),
            ("garbage", b"\x1A\x1A", Some(Position::Byte(0)), "no root"),
        ];
        for (what, bytes, position, reason) in cases {
            let err = parse(&InputFile::from_bytes("eu.xml", bytes.to_vec())).expect_err(what);
            let text = err.to_string();
            assert!(text.contains(reason), "{what}: {text}");
            assert!(text.starts_with("eu.xml: "), "{what}: {text}");
            match position {
                Some(p) => assert_eq!(err.position(), Some(p), "{what}: {text}"),
                None => assert!(matches!(err.position(), Some(Position::Byte(_))), "{what}: {text}"),
            }
        }
    }

    #[test]
    fn arbitrary_prefixes_never_panic() {
        let bytes = FIXTURE.as_bytes();
        for end in (0..bytes.len()).step_by(97) {
            let _ = parse(&InputFile::from_bytes("eu.xml", bytes[..end].to_vec()));
        }
    }
}
