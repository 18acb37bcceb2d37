//! OFAC legacy CSV files: the SDN list (`sdn.csv`, `alt.csv`, `add.csv`,
//! `sdn_comments.csv`) and the consolidated non-SDN list (`cons_prim.csv`,
//! `cons_alt.csv`, `cons_add.csv`, `cons_comments.csv`).
//!
//! The format (OFAC's `dat_spec.txt`): no header row, comma-separated, text in double
//! quotes, `-0-` (often followed by a space) for null, CRLF line ends, and an MS-DOS
//! end-of-file byte (0x1A) after the last record, which is ignored here.
//!
//! | file          | columns                                                                    |
//! |---------------|----------------------------------------------------------------------------|
//! | sdn / prim    | ent_num, name, type, program, title, call sign, vessel type, tonnage, GRT, vessel flag, vessel owner, remarks |
//! | alt           | ent_num, alt_num, alt_type (aka/fka/nka), alt_name, alt_remarks            |
//! | add           | ent_num, add_num, address, city/state/postal code, country, add_remarks    |
//! | comments      | ent_num, the continuation of a remarks field longer than the column       |
//!
//! Mapping: ids are `ofac-sdn:<ent_num>` (sdn files) or `ofac-cons:<ent_num>` (cons
//! files); an empty type means an organisation; programs split on `] [`; names in
//! `alt.csv` are strong aliases and the `a.k.a. '...'` items of the remarks are OFAC's
//! weak ones; the remarks are read into structured fields by [`crate::remarks`];
//! "Linked To" names are resolved to entity ids when exactly one entry has that name.
//! Aliases, addresses and comments whose entry is missing are counted as warnings
//! (`dangling-alias`, `dangling-address`, `dangling-comment`), not errors: OFAC
//! publishes the files separately and they drift.
//!
//! The CSV files carry no publish date; `index build --source ofac-csv=PATH@YYYY-MM-DD`
//! records one.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use interdict_model::{Address, Alias, AliasKind, Country, Entity, EntityKind, Strength, VesselInfo};

use crate::error::{Error, Position};
use crate::{remarks, InputFile, ParsedSource, SourceKind};

/// The file roles this parser knows, by base name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Main,
    Alt,
    Add,
    Comments,
}

const FILES: [(&str, &str, Role); 8] = [
    ("sdn.csv", "ofac-sdn", Role::Main),
    ("alt.csv", "ofac-sdn", Role::Alt),
    ("add.csv", "ofac-sdn", Role::Add),
    ("sdn_comments.csv", "ofac-sdn", Role::Comments),
    ("cons_prim.csv", "ofac-cons", Role::Main),
    ("cons_alt.csv", "ofac-cons", Role::Alt),
    ("cons_add.csv", "ofac-cons", Role::Add),
    ("cons_comments.csv", "ofac-cons", Role::Comments),
];

fn role_of(base_name: &str) -> Option<(&'static str, Role)> {
    FILES.iter().find(|(name, _, _)| *name == base_name).map(|(_, source, role)| (*source, *role))
}

/// The files of a `--source ofac-csv=PATH`: a directory (its known files, `.gz` or not)
/// or a comma-separated list of files.
pub fn input_paths(path: &Path) -> Result<Vec<PathBuf>, Error> {
    if path.is_dir() {
        let mut found = Vec::new();
        let entries = std::fs::read_dir(path).map_err(|e| Error::io(path, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(path, e))?;
            let name = entry.file_name().to_string_lossy().to_ascii_lowercase();
            let base = name.strip_suffix(".gz").unwrap_or(&name);
            if role_of(base).is_some() {
                found.push(entry.path());
            }
        }
        found.sort();
        if found.is_empty() {
            return Err(Error::MissingInput {
                path: path.to_path_buf(),
                reason: "no OFAC CSV files here (expected sdn.csv or cons_prim.csv, optionally .gz)".into(),
            });
        }
        return Ok(found);
    }
    let text = path.to_string_lossy();
    Ok(text.split(',').filter(|p| !p.trim().is_empty()).map(|p| PathBuf::from(p.trim())).collect())
}

/// One record: its fields and where it starts.
struct Row {
    fields: Vec<String>,
    position: Position,
}

/// Reads every record of one file, checking the field count.
fn read_rows(input: &InputFile, columns: usize) -> Result<Vec<Row>, Error> {
    let path = &input.path;
    let text = input.text()?;
    // The MS-DOS end-of-file byte and trailing blank lines are not records.
    let text = text.trim_end_matches(['\u{1a}', '\r', '\n', ' ']);
    check_quotes_balanced(path, text)?;
    // A UTF-8 byte-order mark is not part of the first field; positions still count it.
    let bom = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let text = &text[bom..];
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut lines = LineCounter::new(text, bom as u64);
    loop {
        let more = reader.read_record(&mut record).map_err(|e| csv_error(path, &e))?;
        if !more {
            break;
        }
        let pos = record.position().map_or(Position::File, |p| lines.position(p.byte()));
        if record.len() == 1 && record[0].trim().is_empty() {
            continue;
        }
        if record.len() != columns {
            return Err(Error::parse(
                path,
                pos,
                format!("expected {columns} fields, found {} (truncated or malformed row)", record.len()),
            ));
        }
        rows.push(Row { fields: record.iter().map(clean_field).collect(), position: pos });
    }
    Ok(rows)
}

/// A quote left open means the file was cut short; the csv reader would accept it.
fn check_quotes_balanced(path: &Path, text: &str) -> Result<(), Error> {
    let quotes = text.bytes().filter(|&b| b == b'"').count();
    if quotes % 2 == 1 {
        let last_quote = text.rfind('"').unwrap_or(0);
        let line_start = text[..last_quote].rfind('\n').map_or(0, |i| i + 1);
        let line = text[..line_start].bytes().filter(|&b| b == b'\n').count() as u64 + 1;
        return Err(Error::parse(
            path,
            Position::Line { line, byte: line_start as u64 },
            "unterminated quoted field (the file is truncated or a quote is unbalanced)",
        ));
    }
    Ok(())
}

fn csv_error(path: &Path, e: &csv::Error) -> Error {
    let position = e.position().map_or(Position::File, |p| Position::Line { line: p.line(), byte: p.byte() });
    Error::parse(path, position, format!("malformed CSV: {e}"))
}

/// Turns record byte offsets into line numbers, counting newlines once as records
/// advance (offsets only grow), so the whole file costs one pass.
struct LineCounter<'a> {
    bytes: &'a [u8],
    /// Bytes before `bytes` in the file (a byte-order mark).
    base: u64,
    counted_to: usize,
    newlines: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str, base: u64) -> Self {
        LineCounter { bytes: text.as_bytes(), base, counted_to: 0, newlines: 0 }
    }

    /// The line and start byte of the record at `byte`. The csv reader ends a record at
    /// the CR of a CRLF, so a record offset may point at the LF before it.
    fn position(&mut self, byte: u64) -> Position {
        let bytes = self.bytes;
        let mut at = (byte as usize).min(bytes.len());
        while at < bytes.len() && (bytes[at] == b'\n' || bytes[at] == b'\r') {
            at += 1;
        }
        if at < self.counted_to {
            self.counted_to = 0;
            self.newlines = 0;
        }
        self.newlines += bytes[self.counted_to..at].iter().filter(|&&b| b == b'\n').count() as u64;
        self.counted_to = at;
        Position::Line { line: self.newlines + 1, byte: self.base + at as u64 }
    }
}

/// Trims a field and maps OFAC's `-0-` null to the empty string.
fn clean_field(field: &str) -> String {
    let t = field.trim();
    if t == "-0-" {
        String::new()
    } else {
        t.to_string()
    }
}

fn opt(field: &str) -> Option<String> {
    (!field.is_empty()).then(|| field.to_string())
}

fn ent_num(path: &Path, row: &Row) -> Result<u64, Error> {
    row.fields[0]
        .parse::<u64>()
        .map_err(|_| Error::parse(path, row.position, format!("ent_num {:?} is not a number", row.fields[0])))
}

/// Parses the files of one or both OFAC lists.
pub fn parse(inputs: &[InputFile]) -> Result<ParsedSource, Error> {
    let refs: Vec<&InputFile> = inputs.iter().collect();
    let mut parsed = ParsedSource::new(SourceKind::OfacCsv, &refs);
    let mut roles = Vec::new();
    for input in inputs {
        let base = input.base_name();
        let (source, role) = role_of(&base).ok_or_else(|| Error::MissingInput {
            path: input.path.clone(),
            reason: format!(
                "not an OFAC CSV file name (expected one of {})",
                FILES.iter().map(|f| f.0).collect::<Vec<_>>().join(", ")
            ),
        })?;
        roles.push((input, source, role));
    }
    // Main files first, so that aliases and addresses find their entries.
    roles.sort_by_key(|(_, _, role)| *role as u8);
    if !roles.iter().any(|(_, _, r)| *r == Role::Main) {
        return Err(Error::MissingInput {
            path: inputs.first().map(|i| i.path.clone()).unwrap_or_default(),
            reason: "an OFAC CSV source needs sdn.csv or cons_prim.csv".into(),
        });
    }

    let mut entities: Vec<Entity> = Vec::new();
    let mut by_key: HashMap<(&'static str, u64), usize> = HashMap::new();
    let mut raw_remarks: Vec<String> = Vec::new();
    for (input, source, role) in roles {
        let path = &input.path;
        let file = input.base_name();
        match role {
            Role::Main => {
                for row in read_rows(input, 12)? {
                    let num = ent_num(path, &row)?;
                    if by_key.contains_key(&(source, num)) {
                        return Err(Error::parse(path, row.position, format!("duplicate ent_num {num}")));
                    }
                    let entity = main_entity(path, source, num, &row)?;
                    by_key.insert((source, num), entities.len());
                    raw_remarks.push(row.fields[11].clone());
                    entities.push(entity);
                }
            }
            Role::Alt => {
                for row in read_rows(input, 5)? {
                    let num = ent_num(path, &row)?;
                    let Some(&i) = by_key.get(&(source, num)) else {
                        parsed.warnings.push(
                            "dangling-alias",
                            &file,
                            row.position,
                            format!("alias {:?} refers to ent_num {num}, which is not in the main file", row.fields[3]),
                        );
                        continue;
                    };
                    let kind = match row.fields[2].to_ascii_lowercase().as_str() {
                        "fka" => AliasKind::Fka,
                        "nka" => AliasKind::Nka,
                        _ => AliasKind::Aka,
                    };
                    if row.fields[3].is_empty() {
                        return Err(Error::parse(path, row.position, "alias with an empty name"));
                    }
                    entities[i].aliases.push(Alias { name: row.fields[3].clone(), kind, strength: Strength::Strong });
                }
            }
            Role::Add => {
                for row in read_rows(input, 6)? {
                    let num = ent_num(path, &row)?;
                    let Some(&i) = by_key.get(&(source, num)) else {
                        parsed.warnings.push(
                            "dangling-address",
                            &file,
                            row.position,
                            format!("address {} refers to ent_num {num}, which is not in the main file", row.fields[1]),
                        );
                        continue;
                    };
                    let address = Address {
                        street: opt(&row.fields[2]),
                        city: opt(&row.fields[3]),
                        region: None,
                        postal_code: None,
                        country: opt(&row.fields[4]).map(|c| Country::from_name(&c)),
                        note: opt(&row.fields[5]),
                    };
                    if let Some(country) = address.country.as_ref().filter(|c| c.code.is_none()) {
                        parsed.warnings.push(
                            "unknown-country",
                            &file,
                            row.position,
                            format!("country {:?} has no ISO code in the country table", country.name),
                        );
                    }
                    if !address.is_empty() {
                        entities[i].addresses.push(address);
                    }
                }
            }
            Role::Comments => {
                for row in read_rows(input, 2)? {
                    let num = ent_num(path, &row)?;
                    match by_key.get(&(source, num)) {
                        // The comments file continues a remarks field cut at its column size.
                        Some(&i) => raw_remarks[i].push_str(&row.fields[1]),
                        None => parsed.warnings.push(
                            "dangling-comment",
                            &file,
                            row.position,
                            format!("comment refers to ent_num {num}, which is not in the main file"),
                        ),
                    }
                }
            }
        }
    }

    for (entity, text) in entities.iter_mut().zip(raw_remarks) {
        if !text.is_empty() {
            let found = remarks::apply(entity, &text);
            if found.unreadable > 0 {
                parsed.warnings.push(
                    "unreadable-remark",
                    "remarks",
                    Position::File,
                    format!("{}: {} remark item(s) could not be read", entity.id, found.unreadable),
                );
            }
            entity.remarks = Some(text);
        }
    }
    resolve_links(&mut entities);
    parsed.entities = entities;
    Ok(parsed)
}

fn main_entity(path: &Path, source: &str, num: u64, row: &Row) -> Result<Entity, Error> {
    let f = &row.fields;
    if f[1].is_empty() {
        return Err(Error::parse(path, row.position, format!("entry {num} has no name")));
    }
    let kind = match f[2].to_ascii_lowercase().as_str() {
        "individual" => EntityKind::Person,
        "vessel" => EntityKind::Vessel,
        "aircraft" => EntityKind::Aircraft,
        "" | "entity" => EntityKind::Organization,
        other => return Err(Error::parse(path, row.position, format!("unknown SDN type {other:?}"))),
    };
    let mut e = Entity::new(&format!("{source}:{num}"), source, kind.clone(), &f[1]);
    e.programs = f[3]
        .split("] [")
        .map(|p| p.trim_matches(|c| c == '[' || c == ']' || c == ' ').to_string())
        .filter(|p| !p.is_empty())
        .collect();
    e.title = opt(&f[4]);
    let vessel = VesselInfo {
        call_sign: opt(&f[5]),
        vessel_type: opt(&f[6]),
        tonnage: opt(&f[7]),
        gross_registered_tonnage: opt(&f[8]),
        flag: opt(&f[9]).map(|c| Country::from_name(&c)),
        owner: opt(&f[10]),
    };
    if kind == EntityKind::Vessel || vessel != VesselInfo::default() {
        e.vessel = Some(vessel);
    }
    Ok(e)
}

/// Fills `target_id` of links whose target name is the primary name of exactly one entry
/// of the same list.
fn resolve_links(entities: &mut [Entity]) {
    let mut by_name: HashMap<(String, String), Option<String>> = HashMap::new();
    for e in entities.iter() {
        let key = (e.source.clone(), link_key(&e.name));
        by_name.entry(key).and_modify(|v| *v = None).or_insert_with(|| Some(e.id.clone()));
    }
    for e in entities.iter_mut() {
        let source = e.source.clone();
        for link in &mut e.links {
            if let Some(Some(id)) = by_name.get(&(source.clone(), link_key(&link.target_name))) {
                link.target_id = Some(id.clone());
            }
        }
    }
}

fn link_key(name: &str) -> String {
    name.trim().trim_end_matches('.').to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use interdict_model::IdKind;

    const SDN: &str = "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\
12215,\"SECOND ACADEMY OF NATURAL SCIENCES\",-0- ,\"NPWMD\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"Secondary sanctions risk: North Korea Sanctions Regulations.\"\r\n\
43598,\"CHOE, Chol Min\",\"individual\",\"NPWMD\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 03 Apr 1978; nationality Korea, North; Passport 108410050 (Korea, North); Linked To: SECOND ACADEMY OF NATURAL SCIENCES.\"\r\n\
15036,\"ARTAVIL\",\"vessel\",\"IRAN] [SDGT\",-0- ,\"T2EU4\",\"Crude/Oil Products Tanker\",\"99,144\",\"56,068\",\"Iran\",-0- ,\"Vessel Registration Identification IMO 9187629; MMSI 572469210; f.k.a. 'ALPHA'.\"\r\n\u{1a}";
    const ALT: &str = "12215,13157,\"aka\",\"2ND ACADEMY OF NATURAL SCIENCES\",-0- \r\n\
43598,67592,\"aka\",\"CHOE, Chol-min\",-0- \r\n\
99999,1,\"aka\",\"NOBODY\",-0- \r\n";
    const ADD: &str = "43598,65028,-0- ,\"Beijing\",\"China\",-0- \r\n";

    fn inputs(files: &[(&str, &str)]) -> Vec<InputFile> {
        files.iter().map(|(name, text)| InputFile::from_bytes(*name, text.as_bytes().to_vec())).collect()
    }

    #[test]
    fn sdn_files_join_into_entities() {
        let parsed = parse(&inputs(&[("alt.csv", ALT), ("sdn.csv", SDN), ("add.csv", ADD)])).unwrap();
        assert_eq!(parsed.entities.len(), 4);
        assert_eq!(parsed.warnings.count("dangling-alias"), 1);
        let choe = parsed.entities.iter().find(|e| e.id == "ofac-sdn:43598").unwrap();
        assert_eq!(choe.kind, EntityKind::Person);
        assert_eq!(choe.programs, ["NPWMD"]);
        assert_eq!(choe.aliases[0].name, "CHOE, Chol-min");
        assert_eq!(choe.aliases[0].strength, Strength::Strong);
        assert_eq!(choe.addresses[0].country.as_ref().unwrap().code.as_deref(), Some("CN"));
        assert_eq!(choe.links[0].target_id.as_deref(), Some("ofac-sdn:12215"));
        assert_eq!(choe.identifiers[0].kind, IdKind::Passport);
        let vessel = parsed.entities.iter().find(|e| e.id == "ofac-sdn:15036").unwrap();
        assert_eq!(vessel.programs, ["IRAN", "SDGT"]);
        let info = vessel.vessel.as_ref().unwrap();
        assert_eq!(info.call_sign.as_deref(), Some("T2EU4"));
        assert_eq!(info.flag.as_ref().unwrap().code.as_deref(), Some("IR"));
        assert_eq!(info.tonnage.as_deref(), Some("99,144"));
        let kinds: Vec<_> = vessel.identifiers.iter().map(|i| (i.kind.clone(), i.value.as_str())).collect();
        assert_eq!(kinds, [(IdKind::Imo, "9187629"), (IdKind::Mmsi, "572469210")]);
        assert_eq!(vessel.aliases[0].strength, Strength::Weak);
        let airline = parsed.entities.iter().find(|e| e.id == "ofac-sdn:36").unwrap();
        assert_eq!(airline.kind, EntityKind::Organization);
        assert!(airline.remarks.is_none());
    }

    #[test]
    fn comments_continue_remarks() {
        let sdn = "28264,\"X\",-0- ,\"CYBER2\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 1987; P\"\r\n";
        let comments = "28264,\"assport 4005504207 (Russia).\"\r\n";
        let parsed = parse(&inputs(&[("sdn.csv", sdn), ("sdn_comments.csv", comments)])).unwrap();
        let e = &parsed.entities[0];
        assert_eq!(e.remarks.as_deref(), Some("DOB 1987; Passport 4005504207 (Russia)."));
        assert_eq!(e.identifiers[0].value, "4005504207");
    }

    #[test]
    fn consolidated_files_get_their_own_prefix() {
        let prim = "9639,\"HANIYA, Ismail Abdul Salah\",\"individual\",\"NS-PLC\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 1962; POB Shati.\"\r\n";
        let parsed = parse(&inputs(&[("cons_prim.csv", prim)])).unwrap();
        assert_eq!(parsed.entities[0].id, "ofac-cons:9639");
        assert_eq!(parsed.entities[0].birth_places, ["Shati"]);
    }

    #[test]
    fn malformed_files_fail_with_a_position() {
        let cases: &[(&str, &[u8], Position, &str)] = &[
            (
                "truncated row",
                b"36,\"A\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n37,\"B\",-0- ,\"CUBA\"\r\n",
                Position::Line { line: 2, byte: 60 },
                "expected 12 fields, found 4",
            ),
            (
                "cut inside a quoted field",
                b"36,\"A\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n37,\"B\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 19",
                Position::Line { line: 2, byte: 60 },
                "unterminated quoted field",
            ),
            (
                "Latin-1 instead of UTF-8",
                b"36,\"CAF\xc9 A\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n",
                Position::Line { line: 1, byte: 7 },
                "invalid UTF-8",
            ),
            (
                "bad ent_num",
                b"3x6,\"A\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n",
                Position::Line { line: 1, byte: 0 },
                "not a number",
            ),
            (
                "unknown type",
                b"36,\"A\",\"spaceship\",\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n",
                Position::Line { line: 1, byte: 0 },
                "unknown SDN type",
            ),
        ];
        for (what, bytes, position, reason) in cases {
            let err = parse(&[InputFile::from_bytes("sdn.csv", bytes.to_vec())]).expect_err(what);
            assert_eq!(err.position(), Some(*position), "{what}: {err}");
            assert!(err.to_string().contains(reason), "{what}: {err}");
        }
    }

    #[test]
    fn end_of_file_byte_is_not_a_record() {
        let parsed = parse(&inputs(&[("sdn.csv", SDN)])).unwrap();
        assert_eq!(parsed.entities.len(), 4);
        let only_eof = parse(&[InputFile::from_bytes("sdn.csv", b"\x1a".to_vec())]).unwrap();
        assert!(only_eof.entities.is_empty());
    }

    #[test]
    fn byte_order_mark_is_skipped_and_counted_in_positions() {
        let mut bytes = "\u{feff}".as_bytes().to_vec();
        bytes.extend_from_slice(b"36,\"A\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n37,\"B\"\r\n");
        let err = parse(&[InputFile::from_bytes("sdn.csv", bytes.clone())]).unwrap_err();
        assert_eq!(err.position(), Some(Position::Line { line: 2, byte: 63 }), "{err}");
        let good = &bytes[..bytes.len() - 8];
        let parsed = parse(&[InputFile::from_bytes("sdn.csv", good.to_vec())]).unwrap();
        assert_eq!(parsed.entities[0].id, "ofac-sdn:36");
    }

    #[test]
    fn alt_without_main_file_is_refused() {
        let err = parse(&inputs(&[("alt.csv", ALT)])).unwrap_err();
        assert!(err.to_string().contains("needs sdn.csv"), "{err}");
    }
}
