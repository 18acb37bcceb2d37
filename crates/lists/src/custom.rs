//! Parser for the bank's own internal lists, in the CSV and JSON formats documented in
//! `docs/formats.md` ("Custom lists").
//!
//! CSV: a header line naming the columns `id,type,name,aliases,programs,countries,dob,
//! identifiers,remarks` (any order; `id`, `type` and `name` are required, the others
//! optional), then one row per entity. List fields are `;`-separated; identifiers are
//! `kind:value` where `kind` is an [`IdKind`] snake_case name (`bic:BNKAKPPY;passport:108410050`).
//!
//! JSON: an array of entity objects, or `{"published": "YYYY-MM-DD", "entities": [...]}`,
//! with the same fields as arrays of strings.
//!
//! What it maps: `id` → entity id `custom:<id>`; `type` (an [`EntityKind`] name) → kind;
//! `name`; `aliases` (strong a.k.a.s); `programs`; `countries` (ISO codes or English
//! names) → nationalities for persons, country-only addresses for the other kinds;
//! `dob` (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `circa YYYY`, `YYYY to YYYY`) → birth dates;
//! `identifiers`; `remarks`. What it does not map: there is no way to give weak aliases,
//! addresses, links or original-script names in this format.
//!
//! The format is strict, because the bank controls it: an unknown type, identifier kind
//! or country, an invalid date, an empty id or name, a duplicate id, or an unknown
//! column is an error naming the line (CSV: the row's line; JSON: the line and byte
//! serde_json stopped at, at or just after the offending value or its enclosing object). Input must be UTF-8; a
//! leading BOM and a trailing DOS end-of-file byte (0x1A) are ignored.
//!
//! This module also holds the small text and CSV helpers it shares with `uk_csv`.

use std::collections::HashMap;
use std::path::Path;

use interdict_model::{
    countries, Address, Alias, AliasKind, BirthDate, Country, Entity, EntityKind, IdKind, Identifier, Strength,
};
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;

use crate::dates::{parse_birth_date, parse_iso};
use crate::fields::{collapse_whitespace, push_unique};
use crate::{Error, InputFile, ParsedSource, Position, SourceKind};

/// The source name and id prefix of custom-list entities.
pub const SOURCE: &str = "custom";

// ---------------------------------------------------------------------------------------
// Helpers shared with `uk_csv`.

/// The text of a CSV or JSON input: checked to be UTF-8, without a leading byte-order
/// mark or trailing DOS end-of-file bytes (0x1A). Also returns the byte offset of the
/// text in the file (3 after a BOM), to add to positions.
pub(crate) fn list_text(input: &InputFile) -> Result<(&str, u64), Error> {
    let text = input.text()?;
    let (text, base) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, 3),
        None => (text, 0),
    };
    Ok((text.trim_end_matches('\u{1a}'), base))
}

/// A CSV reader that leaves header handling and row lengths to the caller.
pub(crate) fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes())
}

/// The position of a CSV record (its first line and the byte where it starts).
pub(crate) fn record_position(record: &csv::StringRecord, base: u64) -> Position {
    record.position().map_or(Position::File, |p| Position::Line { line: p.line(), byte: p.byte() + base })
}

/// Where a data row starts, or `None` for a blank row that is skipped. A row whose field count
/// differs from the header's is an error: it is almost always a truncated file or an unquoted comma,
/// and reading it by column would put values under the wrong names.
pub(crate) fn data_row_position(
    path: &Path,
    record: &csv::StringRecord,
    header_len: usize,
    base: u64,
) -> Result<Option<Position>, Error> {
    let at = record_position(record, base);
    if record.iter().all(|f| f.trim().is_empty()) {
        return Ok(None);
    }
    if record.len() != header_len {
        return Err(Error::parse(
            path,
            at,
            format!(
                "row has {} fields; the header has {header_len} (a truncated row or an unquoted comma?)",
                record.len()
            ),
        ));
    }
    Ok(Some(at))
}

/// A CSV reader error as a parse error at the position csv reports.
pub(crate) fn csv_error(path: &Path, err: &csv::Error, base: u64) -> Error {
    let position = err.position().map_or(Position::File, |p| Position::Line { line: p.line(), byte: p.byte() + base });
    let reason = match err.kind() {
        csv::ErrorKind::Utf8 { err, .. } => format!("invalid UTF-8 in field {}", err.field() + 1),
        csv::ErrorKind::Io(e) => format!("read error: {e}"),
        _ => format!("malformed CSV: {err}"),
    };
    Error::parse(path, position, reason)
}

/// A serde_json error as a parse error at the line and byte it stopped at.
pub(crate) fn json_error(path: &Path, text: &str, base: u64, err: &serde_json::Error) -> Error {
    let position = if err.line() == 0 {
        Position::File
    } else {
        let line_start = if err.line() == 1 {
            0
        } else {
            text.match_indices('\n').nth(err.line() - 2).map_or(text.len(), |(i, _)| i + 1)
        };
        let byte = (line_start + err.column().saturating_sub(1)).min(text.len());
        Position::Line { line: err.line() as u64, byte: byte as u64 + base }
    };
    let message = err.to_string();
    let message = match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => &message,
    };
    let reason = match err.classify() {
        serde_json::error::Category::Eof => format!("unexpected end of JSON (the file is truncated): {message}"),
        serde_json::error::Category::Syntax => format!("malformed JSON: {message}"),
        _ => message.to_string(),
    };
    Error::parse(path, position, reason)
}

/// The first non-whitespace byte of a text and its offset.
pub(crate) fn first_byte(text: &str) -> Option<(usize, u8)> {
    text.bytes().enumerate().find(|(_, b)| !b.is_ascii_whitespace())
}

/// Column indexes by (trimmed, lower-cased) header name.
pub(crate) fn header_index(header: &csv::StringRecord) -> HashMap<String, usize> {
    let mut map = HashMap::new();
    for (i, name) in header.iter().enumerate() {
        map.entry(name.trim().to_ascii_lowercase()).or_insert(i);
    }
    map
}

// ---------------------------------------------------------------------------------------
// Field parsing shared by the CSV and JSON forms.

const COLUMNS: [&str; 9] = ["id", "type", "name", "aliases", "programs", "countries", "dob", "identifiers", "remarks"];
const REQUIRED: [&str; 3] = ["id", "type", "name"];

fn parse_kind(text: &str) -> Result<EntityKind, String> {
    let t = text.trim();
    EntityKind::parse(t).ok_or_else(|| {
        let names: Vec<&str> = EntityKind::ALL.iter().map(|k| k.as_str()).collect();
        format!("unknown type {t:?} (expected one of: {})", names.join(", "))
    })
}

fn parse_identifier(item: &str) -> Result<Identifier, String> {
    let Some((kind, value)) = item.split_once(':') else {
        return Err(format!("identifier {item:?} is not kind:value (such as bic:BNKAKPPY)"));
    };
    let (kind, value) = (kind.trim().to_ascii_lowercase(), value.trim());
    let parsed = IdKind::deserialize(de::value::StrDeserializer::<de::value::Error>::new(&kind))
        .map_err(|e| format!("unknown identifier kind {kind:?} in {item:?}: {e}"))?;
    if value.is_empty() {
        return Err(format!("identifier {item:?} has no value"));
    }
    Ok(Identifier::new(parsed, value, &kind))
}

fn parse_country(text: &str) -> Result<Country, String> {
    let t = text.trim();
    let code = countries::code_for(t)
        .ok_or_else(|| format!("unknown country {t:?} (use an ISO 3166 code or English name)"))?;
    let name = if t.len() <= 3 { countries::name_for(code).unwrap_or(t) } else { t };
    Ok(Country { name: name.to_string(), code: Some(code.to_string()) })
}

fn parse_dob(text: &str) -> Result<BirthDate, String> {
    parse_birth_date(text).ok_or_else(|| {
        format!(
            "invalid date of birth {:?} (use YYYY, YYYY-MM, YYYY-MM-DD, \"circa YYYY\" or \"YYYY to YYYY\")",
            text.trim()
        )
    })
}

/// Splits a `;`-separated list field, dropping empty items.
fn split_list(field: &str) -> impl Iterator<Item = &str> {
    field.split(';').map(str::trim).filter(|s| !s.is_empty())
}

/// One entity as given, before it is checked.
#[derive(Default)]
struct Raw {
    id: String,
    kind: Option<EntityKind>,
    name: String,
    aliases: Vec<String>,
    programs: Vec<String>,
    countries: Vec<Country>,
    dob: Vec<BirthDate>,
    identifiers: Vec<Identifier>,
    remarks: Option<String>,
}

impl Raw {
    fn into_entity(self) -> Result<Entity, String> {
        let id = self.id.trim();
        if id.is_empty() {
            return Err("empty id".into());
        }
        let name = collapse_whitespace(&self.name);
        if name.is_empty() {
            return Err(format!("entity {id:?} has an empty name"));
        }
        let kind = self.kind.ok_or_else(|| format!("entity {id:?} has no type"))?;
        let mut e = Entity::new(&format!("{SOURCE}:{id}"), SOURCE, kind.clone(), &name);
        for alias in self.aliases {
            let alias = collapse_whitespace(&alias);
            if !alias.is_empty() && alias != name && !e.aliases.iter().any(|a| a.name == alias) {
                e.aliases.push(Alias { name: alias, kind: AliasKind::Aka, strength: Strength::Strong });
            }
        }
        for p in self.programs {
            let p = p.trim().to_string();
            if !p.is_empty() {
                push_unique(&mut e.programs, p);
            }
        }
        for c in self.countries {
            if kind == EntityKind::Person {
                push_unique(&mut e.nationalities, c);
            } else {
                push_unique(&mut e.addresses, Address { country: Some(c), ..Address::default() });
            }
        }
        e.birth_dates = self.dob;
        e.identifiers = self.identifiers;
        e.remarks = self.remarks.map(|r| r.trim().to_string()).filter(|r| !r.is_empty());
        Ok(e)
    }
}

/// Checks for a repeated id; `seen` maps ids to where they were first seen.
fn check_duplicate<P: std::fmt::Display>(seen: &mut HashMap<String, P>, id: &str, at: P) -> Result<(), String> {
    if let Some(first) = seen.get(id) {
        return Err(format!("duplicate id {id:?} (first at {first})"));
    }
    seen.insert(id.to_string(), at);
    Ok(())
}

// ---------------------------------------------------------------------------------------
// CSV.

/// Parses a custom list in CSV form.
pub fn parse_csv(input: &InputFile) -> Result<ParsedSource, Error> {
    let path = input.path.as_path();
    let (text, base) = list_text(input)?;
    let mut reader = csv_reader(text);
    let mut records = reader.records();
    let header = match records.next() {
        Some(r) => r.map_err(|e| csv_error(path, &e, base))?,
        None => {
            return Err(Error::parse(path, Position::File, "empty file: expected the header line id,type,name,..."))
        }
    };
    let header_at = record_position(&header, base);
    let mut columns: Vec<Option<usize>> = vec![None; COLUMNS.len()];
    for (i, name) in header.iter().enumerate() {
        let name = name.trim().to_ascii_lowercase();
        let Some(c) = COLUMNS.iter().position(|c| *c == name) else {
            return Err(Error::parse(
                path,
                header_at,
                format!("unknown column {name:?} in the header (expected: {})", COLUMNS.join(",")),
            ));
        };
        if columns[c].is_some() {
            return Err(Error::parse(path, header_at, format!("column {name:?} appears twice in the header")));
        }
        columns[c] = Some(i);
    }
    for required in REQUIRED {
        if columns[COLUMNS.iter().position(|c| *c == required).unwrap_or(0)].is_none() {
            return Err(Error::parse(path, header_at, format!("the header has no {required:?} column")));
        }
    }

    let mut out = ParsedSource::new(SourceKind::CustomCsv, &[input]);
    let mut seen: HashMap<String, u64> = HashMap::new();
    for record in records {
        let record = record.map_err(|e| csv_error(path, &e, base))?;
        let Some(at) = data_row_position(path, &record, header.len(), base)? else {
            continue;
        };
        let field = |name: &str| -> &str {
            let c = COLUMNS.iter().position(|c| *c == name).unwrap_or(0);
            columns[c].and_then(|i| record.get(i)).unwrap_or("")
        };
        let fail = |reason: String| Error::parse(path, at, reason);
        let mut raw = Raw {
            id: field("id").trim().to_string(),
            kind: Some(parse_kind(field("type")).map_err(fail)?),
            name: field("name").to_string(),
            aliases: split_list(field("aliases")).map(str::to_string).collect(),
            programs: split_list(field("programs")).map(str::to_string).collect(),
            remarks: Some(field("remarks").to_string()),
            ..Raw::default()
        };
        for c in split_list(field("countries")) {
            raw.countries.push(parse_country(c).map_err(fail)?);
        }
        for d in split_list(field("dob")) {
            raw.dob.push(parse_dob(d).map_err(fail)?);
        }
        for i in split_list(field("identifiers")) {
            raw.identifiers.push(parse_identifier(i).map_err(fail)?);
        }
        let line = match at {
            Position::Line { line, .. } => line,
            _ => 0,
        };
        check_duplicate(&mut seen, &raw.id, line).map_err(|r| fail(r.replace("(first at ", "(first on line ")))?;
        out.entities.push(raw.into_entity().map_err(fail)?);
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// JSON.

fn de_with<'de, D: Deserializer<'de>, T>(d: D, f: fn(&str) -> Result<T, String>) -> Result<Vec<T>, D::Error> {
    let items = Option::<Vec<String>>::deserialize(d)?.unwrap_or_default();
    items.iter().filter(|s| !s.trim().is_empty()).map(|s| f(s).map_err(de::Error::custom)).collect()
}

fn de_strings<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    de_with(d, |s| Ok(s.to_string()))
}
fn de_countries<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Country>, D::Error> {
    de_with(d, parse_country)
}
fn de_dob<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<BirthDate>, D::Error> {
    de_with(d, parse_dob)
}
fn de_identifiers<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Identifier>, D::Error> {
    de_with(d, parse_identifier)
}
fn de_kind<'de, D: Deserializer<'de>>(d: D) -> Result<EntityKind, D::Error> {
    parse_kind(&String::deserialize(d)?).map_err(de::Error::custom)
}
fn de_id<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) => Ok(s),
        serde_json::Value::Number(n) => Ok(n.to_string()),
        other => Err(de::Error::custom(format!("id must be a string or a number, not {other}"))),
    }
}
fn de_published<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match Option::<String>::deserialize(d)? {
        None => Ok(None),
        Some(s) => parse_iso(&s)
            .map(|date| Some(date.to_string()))
            .ok_or_else(|| de::Error::custom(format!("invalid published date {s:?} (expected YYYY-MM-DD)"))),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonEntity {
    #[serde(deserialize_with = "de_id")]
    id: String,
    #[serde(rename = "type", deserialize_with = "de_kind")]
    kind: EntityKind,
    name: String,
    #[serde(default, deserialize_with = "de_strings")]
    aliases: Vec<String>,
    #[serde(default, deserialize_with = "de_strings")]
    programs: Vec<String>,
    #[serde(default, deserialize_with = "de_countries")]
    countries: Vec<Country>,
    #[serde(default, deserialize_with = "de_dob")]
    dob: Vec<BirthDate>,
    #[serde(default, deserialize_with = "de_identifiers")]
    identifiers: Vec<Identifier>,
    #[serde(default)]
    remarks: Option<String>,
}

/// The entity array; checks every entity as it is read, so errors carry its position.
struct JsonEntities(Vec<Entity>);

impl<'de> Deserialize<'de> for JsonEntities {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = JsonEntities;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an array of entity objects")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<JsonEntities, A::Error> {
                let mut out = Vec::new();
                let mut seen: HashMap<String, String> = HashMap::new();
                let mut n = 0usize;
                while let Some(j) = seq.next_element::<JsonEntity>()? {
                    n += 1;
                    let id = j.id.trim().to_string();
                    check_duplicate(&mut seen, &id, format!("entity {n}"))
                        .map_err(|r| de::Error::custom(format!("entity {n}: {r}")))?;
                    let raw = Raw {
                        id,
                        kind: Some(j.kind),
                        name: j.name,
                        aliases: j.aliases,
                        programs: j.programs,
                        countries: j.countries,
                        dob: j.dob,
                        identifiers: j.identifiers,
                        remarks: j.remarks,
                    };
                    out.push(raw.into_entity().map_err(|r| de::Error::custom(format!("entity {n}: {r}")))?);
                }
                Ok(JsonEntities(out))
            }
        }
        d.deserialize_seq(V)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonDocument {
    #[serde(default, deserialize_with = "de_published")]
    published: Option<String>,
    entities: JsonEntities,
}

/// Parses a custom list in JSON form.
pub fn parse_json(input: &InputFile) -> Result<ParsedSource, Error> {
    let path = input.path.as_path();
    let (text, base) = list_text(input)?;
    let (published, entities) = match first_byte(text) {
        Some((_, b'[')) => {
            let list: JsonEntities = serde_json::from_str(text).map_err(|e| json_error(path, text, base, &e))?;
            (None, list.0)
        }
        Some((_, b'{')) => {
            let doc: JsonDocument = serde_json::from_str(text).map_err(|e| json_error(path, text, base, &e))?;
            (doc.published, doc.entities.0)
        }
        Some((at, _)) => {
            let line = text[..at].matches('\n').count() as u64 + 1;
            return Err(Error::parse(
                path,
                Position::Line { line, byte: at as u64 + base },
                "expected a JSON array of entities or an object {\"published\": ..., \"entities\": [...]}",
            ));
        }
        None => return Err(Error::parse(path, Position::File, "empty file: expected a JSON array or object")),
    };
    let mut out = ParsedSource::new(SourceKind::CustomJson, &[input]);
    out.entities = entities;
    for e in &mut out.entities {
        e.published.clone_from(&published);
    }
    out.published = published;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use interdict_model::PartialDate;

    const CSV_FIXTURE: &[u8] = include_bytes!("../tests/fixtures/custom_list_sample.csv");
    const JSON_FIXTURE: &[u8] = include_bytes!("../tests/fixtures/custom_list_sample.json");

    fn csv(bytes: &[u8]) -> Result<ParsedSource, Error> {
        parse_csv(&InputFile::from_bytes("own.csv", bytes.to_vec()))
    }
    fn json(bytes: &[u8]) -> Result<ParsedSource, Error> {
        parse_json(&InputFile::from_bytes("own.json", bytes.to_vec()))
    }

    /// Both fixtures hold the same three entities; the checks apply to either.
    fn check_fixture(parsed: &ParsedSource) {
        assert_eq!(parsed.entities.len(), 3);
        let p = &parsed.entities[0];
        assert_eq!(p.id, "custom:C-0001");
        assert_eq!(p.source, "custom");
        assert_eq!(p.kind, EntityKind::Person);
        assert_eq!(p.name, "KIM, Chol Ung");
        assert_eq!(p.aliases.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["KIM Cholung", "Kim Chol-ung"]);
        assert!(p.aliases.iter().all(|a| a.strength == Strength::Strong && a.kind == AliasKind::Aka));
        assert_eq!(p.programs, ["INTERNAL-HIGH-RISK", "EXIT-2024"]);
        assert_eq!(
            p.nationalities,
            [Country { name: "Korea, Democratic People's Republic of".into(), code: Some("KP".into()) }]
        );
        assert_eq!(
            p.birth_dates,
            [
                BirthDate::exact(PartialDate::ymd(1971, 3, 4)),
                BirthDate { from: PartialDate::year(1970), to: None, approximate: true },
            ]
        );
        assert_eq!(p.identifiers.len(), 1);
        assert_eq!(p.identifiers[0].kind, IdKind::Passport);
        assert_eq!(p.identifiers[0].value, "108410050");
        assert_eq!(p.identifiers[0].label, "passport");
        assert_eq!(p.remarks.as_deref(), Some("Exited 2024-05; see case 88-113, \"do not onboard\""));

        let o = &parsed.entities[1];
        assert_eq!(o.id, "custom:C-0002");
        assert_eq!(o.kind, EntityKind::Organization);
        assert_eq!(o.name, "Banco Ejemplo del Caribe S.A.");
        let ids: Vec<(IdKind, &str)> = o.identifiers.iter().map(|i| (i.kind.clone(), i.value.as_str())).collect();
        assert_eq!(
            ids,
            [
                (IdKind::Bic, "BNKAKPPY"),
                (IdKind::RegistrationNumber, "RC-55120"),
                (IdKind::Website, "https://ejemplo.example")
            ]
        );
        assert!(o.nationalities.is_empty());
        let countries: Vec<_> =
            o.addresses.iter().map(|a| a.country.as_ref().unwrap().code.as_deref().unwrap()).collect();
        assert_eq!(countries, ["CU", "PA"]);
        assert_eq!(o.remarks, None);

        let v = &parsed.entities[2];
        assert_eq!(v.id, "custom:V-17");
        assert_eq!(v.kind, EntityKind::Vessel);
        assert_eq!(v.name, "SEA STAR");
        assert_eq!(v.identifiers[0].kind, IdKind::Imo);
        assert_eq!(v.identifiers[0].value, "9187629");
    }

    #[test]
    fn csv_fixture() {
        let parsed = csv(CSV_FIXTURE).unwrap();
        assert_eq!(parsed.kind, SourceKind::CustomCsv);
        assert_eq!(parsed.published, None);
        check_fixture(&parsed);
    }

    #[test]
    fn json_fixture() {
        let parsed = json(JSON_FIXTURE).unwrap();
        assert_eq!(parsed.kind, SourceKind::CustomJson);
        assert_eq!(parsed.published.as_deref(), Some("2025-03-01"));
        assert!(parsed.entities.iter().all(|e| e.published.as_deref() == Some("2025-03-01")));
        check_fixture(&parsed);
        assert_eq!(parsed.warnings.total(), 0);
    }

    #[test]
    fn json_bare_array_bom_and_dos_eof() {
        let mut bytes =
            b"\xEF\xBB\xBF[{\"id\": 7, \"type\": \"aircraft\", \"name\": \"EP-ABC\", \"aliases\": null}]\n".to_vec();
        bytes.push(0x1A);
        let parsed = json(&bytes).unwrap();
        assert_eq!(parsed.entities[0].id, "custom:7");
        assert_eq!(parsed.entities[0].kind, EntityKind::Aircraft);
        assert_eq!(parsed.published, None);
        let parsed =
            crate::parse_file(SourceKind::CustomJson, &InputFile::from_bytes("x.json", b"[]".to_vec())).unwrap();
        assert!(parsed.entities.is_empty());
    }

    #[test]
    fn csv_columns_in_any_order_and_optional() {
        let mut bytes = b"\xEF\xBB\xBFname,type,id\r\nACME LTD,organization,9\r\n\r\n".to_vec();
        bytes.push(0x1A);
        let parsed = csv(&bytes).unwrap();
        assert_eq!(parsed.entities.len(), 1);
        assert_eq!(parsed.entities[0].id, "custom:9");
        assert_eq!(parsed.entities[0].name, "ACME LTD");
    }

    #[test]
    fn malformed_csv_fails_with_line_and_reason() {
        const H: &str = "id,type,name,aliases,programs,countries,dob,identifiers,remarks\n";
        let row2 = H.len() as u64;
        let cases: Vec<(&str, String, Position, &str)> = vec![
            ("empty", String::new(), Position::File, "empty file"),
            (
                "unknown column",
                "id,type,name,nickname\n".into(),
                Position::Line { line: 1, byte: 0 },
                "unknown column \"nickname\"",
            ),
            ("missing name column", "id,type\n".into(), Position::Line { line: 1, byte: 0 }, "no \"name\" column"),
            ("repeated column", "id,type,name,id\n".into(), Position::Line { line: 1, byte: 0 }, "appears twice"),
            (
                "unknown type",
                format!("{H}1,company,ACME,,,,,,\n"),
                Position::Line { line: 2, byte: row2 },
                "unknown type \"company\" (expected one of: person, organization",
            ),
            (
                "unknown identifier kind",
                format!("{H}1,person,A B,,,,,swift:BNKAKPPY,\n"),
                Position::Line { line: 2, byte: row2 },
                "unknown identifier kind \"swift\"",
            ),
            (
                "identifier without kind",
                format!("{H}1,person,A B,,,,,BNKAKPPY,\n"),
                Position::Line { line: 2, byte: row2 },
                "not kind:value",
            ),
            (
                "identifier without value",
                format!("{H}1,person,A B,,,,,bic: ,\n"),
                Position::Line { line: 2, byte: row2 },
                "has no value",
            ),
            (
                "unknown country",
                format!("{H}1,person,A B,,,Narnia,,,\n"),
                Position::Line { line: 2, byte: row2 },
                "unknown country \"Narnia\"",
            ),
            (
                "bad dob",
                format!("{H}1,person,A B,,,,31/12/1970,,\n"),
                Position::Line { line: 2, byte: row2 },
                "invalid date of birth \"31/12/1970\"",
            ),
            ("empty id", format!("{H} ,person,A B,,,,,,\n"), Position::Line { line: 2, byte: row2 }, "empty id"),
            ("empty name", format!("{H}1,person, ,,,,,,\n"), Position::Line { line: 2, byte: row2 }, "empty name"),
            (
                "duplicate id",
                format!("{H}1,person,A B,,,,,,\n1,person,C D,,,,,,\n"),
                Position::Line { line: 3, byte: row2 + 19 },
                "duplicate id \"1\" (first on line 2)",
            ),
            (
                "truncated row",
                format!("{H}1,person,A B,,,"),
                Position::Line { line: 2, byte: row2 },
                "row has 6 fields; the header has 9",
            ),
            (
                "quoted newline keeps line numbers",
                format!("{H}1,person,A B,,,,,,\"two\nlines\"\n2,robot,C,,,,,,\n"),
                Position::Line { line: 4, byte: row2 + 30 },
                "unknown type \"robot\"",
            ),
        ];
        for (what, text, position, reason) in cases {
            let err = csv(text.as_bytes()).expect_err(what);
            let shown = err.to_string();
            assert!(shown.contains(reason), "{what}: {shown}");
            assert_eq!(err.position(), Some(position), "{what}: {shown}");
        }
        // Wrong encoding: Latin-1 bytes.
        let err = csv(b"id,type,name\n1,person,Jos\xE9\n").unwrap_err();
        assert_eq!(err.position(), Some(Position::Line { line: 2, byte: 25 }));
        assert!(err.to_string().contains("invalid UTF-8"), "{err}");
        // A BOM shifts byte offsets by its three bytes.
        let err = csv(b"\xEF\xBB\xBFid,type,name\n1,robot,A\n").unwrap_err();
        assert_eq!(err.position(), Some(Position::Line { line: 2, byte: 16 }));
    }

    #[test]
    fn malformed_json_fails_with_line_byte_and_reason() {
        let cases: Vec<(&str, &str, Position, &str)> = vec![
            ("empty", "  \n", Position::File, "empty file"),
            ("scalar", "\n  42", Position::Line { line: 2, byte: 3 }, "expected a JSON array"),
            (
                "unknown type",
                "[\n {\"id\": \"1\", \"type\": \"company\", \"name\": \"A\"}\n]",
                Position::Line { line: 2, byte: 31 },
                "unknown type \"company\"",
            ),
            (
                "unknown identifier kind",
                "[{\"id\": \"1\", \"type\": \"person\", \"name\": \"A\",\n \"identifiers\": [\"bic:X\", \"swift:Y\"]}]",
                Position::Line { line: 2, byte: 80 },
                "unknown identifier kind \"swift\"",
            ),
            (
                "unknown field",
                "[{\"id\": \"1\", \"type\": \"person\", \"nmae\": \"A\"}]",
                Position::Line { line: 1, byte: 36 },
                "unknown field `nmae`",
            ),
            (
                "missing name",
                "[{\"id\": \"1\", \"type\": \"person\"}]",
                Position::Line { line: 1, byte: 29 },
                "missing field `name`",
            ),
            (
                "empty name",
                "[{\"id\": \"1\", \"type\": \"person\", \"name\": \" \"}]",
                Position::Line { line: 1, byte: 43 },
                "entity 1: entity \"1\" has an empty name",
            ),
            (
                "duplicate id",
                "[{\"id\": 1, \"type\": \"person\", \"name\": \"A\"},\n {\"id\": \"1\", \"type\": \"person\", \"name\": \"B\"}]",
                Position::Line { line: 2, byte: 86 },
                "entity 2: duplicate id \"1\" (first at entity 1)",
            ),
            ("id object", "[{\"id\": {}, \"type\": \"person\", \"name\": \"A\"}]", Position::Line { line: 1, byte: 9 }, "id must be a string or a number"),
            (
                "bad published",
                "{\"published\": \"14/03/2025\", \"entities\": []}",
                Position::Line { line: 1, byte: 25 },
                "invalid published date",
            ),
            ("missing entities", "{\"published\": \"2025-03-14\"}", Position::Line { line: 1, byte: 26 }, "missing field `entities`"),
            ("truncated", "[{\"id\": \"1\", \"type\": \"pers", Position::Line { line: 1, byte: 25 }, "truncated"),
            ("syntax", "[{\"id\" \"1\"}]", Position::Line { line: 1, byte: 7 }, "malformed JSON: expected `:`"),
            ("wrong shape", "[\"x\"]", Position::Line { line: 1, byte: 3 }, "invalid type: string \"x\", expected struct JsonEntity"),
        ];
        for (what, text, position, reason) in cases {
            let err = json(text.as_bytes()).expect_err(what);
            let shown = err.to_string();
            assert!(shown.contains(reason), "{what}: {shown}");
            assert!(!shown.contains(" at line "), "{what}: position repeated in the reason: {shown}");
            assert_eq!(err.position(), Some(position), "{what}: {shown}");
        }
        let err = json(b"[{\"id\": \"1\", \"type\": \"person\", \"name\": \"Jos\xE9\"}]").unwrap_err();
        assert!(err.to_string().contains("invalid UTF-8"), "{err}");
    }

    #[test]
    fn arbitrary_prefixes_never_panic() {
        for fixture in [CSV_FIXTURE, JSON_FIXTURE] {
            for end in 0..fixture.len() {
                let _ = csv(&fixture[..end]);
                let _ = json(&fixture[..end]);
            }
        }
    }
}
