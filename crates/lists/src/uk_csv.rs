//! Parser for the UK consolidated list of financial sanctions targets as OFSI publishes it
//! in CSV (`ConList.csv`): a first line `Last Updated,<dd/mm/yyyy>`, then a header
//! (`Name 6,Name 1,...,Name 5,Title,Name Non-Latin Script,...,Group Type,Alias Type,
//! Alias Quality,Regime,Listed On,UK Sanctions List Date Designated,Last Updated,Group ID`),
//! then one row per name. All the rows of one party share a `Group ID`; the file is
//! sorted by name, so they need not be adjacent.
//!
//! What it maps, per `Group ID` (entity id `uk:<Group ID>`):
//!
//! - `Group Type` `Individual` → [`EntityKind::Person`], `Entity` →
//!   [`EntityKind::Organization`], `Ship` → [`EntityKind::Vessel`]; anything else is
//!   [`EntityKind::Unknown`] with a warning.
//! - Names: `Name 6` is the surname, so an individual's name is `SURNAME, Name1 Name2...`;
//!   an entity's or ship's name is `Name 6` (or `Name 1..5` joined, when `Name 6` is
//!   empty). The `Alias Type` `Primary name` row gives the primary name; every other row
//!   (`AKA`, `Primary name variation`...) an a.k.a., weak when `Alias Quality` is `Low`.
//!   `Name Non-Latin Script` → original-script names.
//! - From every row of the group, without repeats: `Title`; `DOB` (`dd/mm/yyyy`, `00`
//!   for an unknown day or month) → birth dates; `Town of Birth`, `Country of Birth` →
//!   birth places; `Nationality` (also `(1) A (2) B` lists) → nationalities; `Passport
//!   Number`/`Details` and `National Identification Number`/`Details` → identifiers;
//!   `Address 1..6` (joined as the street), `Post/Zip Code`, `Country` → addresses;
//!   `Regime` → programs; the earliest `Listed On` → `listed_on`; `Position` and `Other
//!   Information` → remarks; an `IMO` number written in `Other Information` → an IMO
//!   identifier.
//! - The `Last Updated` first line → `published`.
//!
//! What it does not map: `Non-Latin Script Type`/`Language`, `UK Sanctions List Date
//! Designated` and the per-row `Last Updated`; the address lines are not split into
//! street and city (the list does not say which line is which). Only the OFSI ConList
//! layout is read, not the FCDO "UK Sanctions List" export.
//!
//! Errors (with the row's line and byte): a header without `Name 6`, `Group Type` or
//! `Group ID`; a row whose field count differs from the header's (a truncated row); a
//! row without a Group ID or without any name; input that is not UTF-8. Unparsable
//! dates, unknown group types and countries are counted as warnings. A BOM and a
//! trailing DOS end-of-file byte (0x1A) are ignored.
//!
//! No real ConList file is available in this repository: the parser was written from
//! the published format and is tested on a small hand-written fixture
//! (`tests/fixtures/uk_conlist_sample.csv`) with invented parties.

use std::collections::HashMap;

use interdict_model::{
    Address, Alias, AliasKind, BirthDate, Country, Entity, EntityKind, IdKind, Identifier, Strength,
};

use crate::custom::{csv_error, csv_reader, data_row_position, header_index, list_text, record_position};
use crate::dates::parse_day_first;
use crate::fields::{collapse_whitespace, collapsed, push_unique};
use crate::{Error, InputFile, ParsedSource, Position, SourceKind, Warnings};

/// The source name and id prefix of UK entities.
pub const SOURCE: &str = "uk";

const REQUIRED: [&str; 3] = ["name 6", "group type", "group id"];

/// The header columns this parser reads (lower case, as looked up).
struct Columns {
    names: [Option<usize>; 6],
    title: Option<usize>,
    non_latin: Option<usize>,
    dob: Option<usize>,
    town_of_birth: Option<usize>,
    country_of_birth: Option<usize>,
    nationality: Option<usize>,
    passport: Option<usize>,
    passport_details: Option<usize>,
    national_id: Option<usize>,
    national_id_details: Option<usize>,
    position: Option<usize>,
    address: [Option<usize>; 6],
    postcode: Option<usize>,
    country: Option<usize>,
    other: Option<usize>,
    group_type: Option<usize>,
    alias_type: Option<usize>,
    alias_quality: Option<usize>,
    regime: Option<usize>,
    listed_on: Option<usize>,
    group_id: Option<usize>,
}

impl Columns {
    fn from_header(index: &HashMap<String, usize>) -> Self {
        let c = |name: &str| index.get(name).copied();
        Columns {
            names: [c("name 1"), c("name 2"), c("name 3"), c("name 4"), c("name 5"), c("name 6")],
            title: c("title"),
            non_latin: c("name non-latin script"),
            dob: c("dob"),
            town_of_birth: c("town of birth"),
            country_of_birth: c("country of birth"),
            nationality: c("nationality"),
            passport: c("passport number"),
            passport_details: c("passport details"),
            national_id: c("national identification number"),
            national_id_details: c("national identification details"),
            position: c("position"),
            address: [c("address 1"), c("address 2"), c("address 3"), c("address 4"), c("address 5"), c("address 6")],
            postcode: c("post/zip code"),
            country: c("country"),
            other: c("other information"),
            group_type: c("group type"),
            alias_type: c("alias type"),
            alias_quality: c("alias quality"),
            regime: c("regime"),
            listed_on: c("listed on"),
            group_id: c("group id"),
        }
    }
}

/// A trimmed field, `""` when the column is absent.
fn get(record: &csv::StringRecord, column: Option<usize>) -> &str {
    column.and_then(|i| record.get(i)).map_or("", str::trim)
}

/// Splits OFSI's numbered lists, `(1) Syria (2) Iraq`, into their items; other text is
/// one item.
fn split_numbered(text: &str) -> Vec<String> {
    let text = text.trim();
    if !text.starts_with("(1)") {
        return if text.is_empty() { Vec::new() } else { vec![collapse_whitespace(text)] };
    }
    let mut items = Vec::new();
    let mut rest = text;
    let mut n = 1;
    while let Some(start) = rest.find(&format!("({n})")) {
        let after = &rest[start + format!("({n})").len()..];
        let end = after.find(&format!("({})", n + 1)).unwrap_or(after.len());
        let item = collapse_whitespace(after[..end].trim().trim_end_matches([',', ';']));
        if !item.is_empty() {
            items.push(item);
        }
        rest = &after[end..];
        n += 1;
    }
    items
}

/// IMO numbers written in free text: `IMO 9254901`, `(IMO number):9254901`.
fn imo_numbers(text: &str) -> Vec<String> {
    let lower = text.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find("imo") {
        let start = from + i + 3;
        from = start;
        let tail = &text[start..];
        let Some(d) = tail.char_indices().take(16).find(|(_, c)| c.is_ascii_digit()).map(|(i, _)| i) else {
            continue;
        };
        let digits: String = tail[d..].chars().take_while(char::is_ascii_digit).collect();
        if digits.len() == 7 {
            push_unique(&mut found, digits);
        }
    }
    found
}

fn kind_for_group(group_type: &str) -> Option<EntityKind> {
    match group_type.to_ascii_lowercase().as_str() {
        "individual" => Some(EntityKind::Person),
        "entity" => Some(EntityKind::Organization),
        "ship" => Some(EntityKind::Vessel),
        _ => None,
    }
}

/// The listed name of one row: `SURNAME, Given names` for individuals, `Name 6` for others.
fn row_name(record: &csv::StringRecord, cols: &Columns, kind: &EntityKind) -> String {
    let surname = collapse_whitespace(get(record, cols.names[5]));
    let given: Vec<String> =
        cols.names[..5].iter().map(|c| collapse_whitespace(get(record, *c))).filter(|n| !n.is_empty()).collect();
    let given = given.join(" ");
    match (kind, surname.is_empty(), given.is_empty()) {
        (_, true, _) => given,
        (EntityKind::Person, false, false) => format!("{surname}, {given}"),
        _ => surname,
    }
}

struct Group {
    entity: Entity,
    has_primary: bool,
    /// The strength of the row the current name came from, for when a later primary
    /// row demotes it to an alias.
    name_strength: Strength,
    at: Position,
    remarks: Vec<String>,
}

/// Parses an OFSI ConList CSV file.
pub fn parse(input: &InputFile) -> Result<ParsedSource, Error> {
    let path = input.path.as_path();
    let file = path.display().to_string();
    let (text, base) = list_text(input)?;
    let mut reader = csv_reader(text);
    let mut records = reader.records();
    let mut warnings = Warnings::default();

    let mut next = || records.next().map(|r| r.map_err(|e| csv_error(path, &e, base)));
    let Some(first) = next().transpose()? else {
        return Err(Error::parse(
            path,
            Position::File,
            "empty file: expected `Last Updated,<date>` and the ConList header",
        ));
    };
    let mut published = None;
    let header = if first.get(0).is_some_and(|f| f.trim().to_ascii_lowercase().starts_with("last updated")) {
        let date = first.get(1).unwrap_or("").trim();
        match parse_day_first(date).filter(|d| d.day.is_some()) {
            Some(d) => published = Some(d.to_string()),
            None => warnings.push(
                "missing-publish-date",
                &file,
                record_position(&first, base),
                format!("unparsable Last Updated date {date:?} (expected dd/mm/yyyy)"),
            ),
        }
        match next().transpose()? {
            Some(h) => h,
            None => return Err(Error::parse(path, Position::File, "no header line after `Last Updated`")),
        }
    } else {
        first
    };
    let header_at = record_position(&header, base);
    let index = header_index(&header);
    for required in REQUIRED {
        if !index.contains_key(required) {
            return Err(Error::parse(
                path,
                header_at,
                format!("not an OFSI ConList header: no {required:?} column (case-insensitive)"),
            ));
        }
    }
    let cols = Columns::from_header(&index);

    let mut groups: Vec<Group> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    while let Some(record) = next().transpose()? {
        let Some(at) = data_row_position(path, &record, header.len(), base)? else {
            continue;
        };
        let group_id = get(&record, cols.group_id);
        if group_id.is_empty() {
            return Err(Error::parse(path, at, "row has no Group ID"));
        }
        let group_type = get(&record, cols.group_type);
        let kind = kind_for_group(group_type).unwrap_or_else(|| {
            warnings.push("unknown-group-type", &file, at, format!("uk:{group_id}: unknown Group Type {group_type:?}"));
            EntityKind::Unknown
        });
        let name = row_name(&record, &cols, &kind);
        if name.is_empty() {
            return Err(Error::parse(
                path,
                at,
                format!("row of group {group_id} has no name (Name 1 to Name 6 are empty)"),
            ));
        }
        let is_primary = get(&record, cols.alias_type).eq_ignore_ascii_case("primary name");
        let strength = if get(&record, cols.alias_quality).to_ascii_lowercase().starts_with("low") {
            Strength::Weak
        } else {
            Strength::Strong
        };

        let g = match by_id.get(group_id) {
            Some(&i) => {
                let g = &mut groups[i];
                if g.entity.kind != kind {
                    warnings.push(
                        "mixed-group-type",
                        &file,
                        at,
                        format!("uk:{group_id}: Group Type {group_type:?} differs from the group's first row"),
                    );
                }
                let alias = |name: String, strength: Strength| Alias { name, kind: AliasKind::Aka, strength };
                if is_primary && !g.has_primary {
                    let old = std::mem::replace(&mut g.entity.name, name);
                    g.entity.aliases.retain(|a| a.name != g.entity.name);
                    if !g.entity.aliases.iter().any(|a| a.name == old) {
                        g.entity.aliases.insert(0, alias(old, g.name_strength.clone()));
                    }
                    g.has_primary = true;
                } else if name != g.entity.name && !g.entity.aliases.iter().any(|a| a.name == name) {
                    g.entity.aliases.push(alias(name, strength));
                }
                g
            }
            None => {
                by_id.insert(group_id.to_string(), groups.len());
                let entity = Entity::new(&format!("{SOURCE}:{group_id}"), SOURCE, kind, &name);
                groups.push(Group {
                    entity,
                    has_primary: is_primary,
                    name_strength: strength,
                    at,
                    remarks: Vec::new(),
                });
                groups.last_mut().expect("just pushed")
            }
        };
        merge_row(&record, &cols, g, at, &file, &mut warnings);
    }

    let mut out = ParsedSource::new(SourceKind::UkCsv, &[input]);
    for g in groups {
        let mut e = g.entity;
        if !g.has_primary {
            warnings.push(
                "no-primary-name",
                &file,
                g.at,
                format!("{}: no `Primary name` row; using the first row's name", e.id),
            );
        }
        e.remarks = (!g.remarks.is_empty()).then(|| g.remarks.join("\n"));
        e.published.clone_from(&published);
        out.entities.push(e);
    }
    out.published = published;
    out.warnings = warnings;
    Ok(out)
}

/// Adds what one row says about its party to the group's entity.
fn merge_row(
    record: &csv::StringRecord,
    cols: &Columns,
    g: &mut Group,
    at: Position,
    file: &str,
    warnings: &mut Warnings,
) {
    let e = &mut g.entity;
    let id = e.id.clone();
    if e.title.is_none() {
        e.title = collapsed(get(record, cols.title));
    }
    let non_latin = collapse_whitespace(get(record, cols.non_latin));
    if !non_latin.is_empty() {
        push_unique(&mut e.original_script_names, non_latin);
    }
    let dob = get(record, cols.dob);
    if !dob.is_empty() {
        match parse_day_first(dob) {
            Some(date) => push_unique(&mut e.birth_dates, BirthDate::exact(date)),
            None => warnings.push("bad-date", file, at, format!("{id}: unparsable DOB {dob:?} (expected dd/mm/yyyy)")),
        }
    }
    let place: Vec<String> = [cols.town_of_birth, cols.country_of_birth]
        .iter()
        .map(|c| collapse_whitespace(get(record, *c)))
        .filter(|p| !p.is_empty())
        .collect();
    if !place.is_empty() {
        push_unique(&mut e.birth_places, place.join(", "));
    }
    for nationality in split_numbered(get(record, cols.nationality)) {
        let country = Country::from_name(&nationality);
        if country.code.is_none() {
            warnings.push("unknown-country", file, at, format!("{id}: unknown nationality {nationality:?}"));
        }
        push_unique(&mut e.nationalities, country);
    }
    for (number, details, kind, label) in [
        (cols.passport, cols.passport_details, IdKind::Passport, "Passport"),
        (cols.national_id, cols.national_id_details, IdKind::NationalId, "National Identification Number"),
    ] {
        let note = collapsed(get(record, details));
        for value in split_numbered(get(record, number)) {
            let ident =
                Identifier { kind: kind.clone(), value, label: label.to_string(), country: None, note: note.clone() };
            if !e.identifiers.iter().any(|i| i.kind == ident.kind && i.value == ident.value) {
                e.identifiers.push(ident);
            }
        }
    }
    let lines: Vec<String> =
        cols.address.iter().map(|c| collapse_whitespace(get(record, *c))).filter(|l| !l.is_empty()).collect();
    let country = collapsed(get(record, cols.country)).map(|c| {
        let country = Country::from_name(&c);
        if country.code.is_none() {
            warnings.push("unknown-country", file, at, format!("{id}: unknown country {c:?}"));
        }
        country
    });
    let address = Address {
        street: (!lines.is_empty()).then(|| lines.join(", ")),
        postal_code: collapsed(get(record, cols.postcode)),
        country,
        ..Address::default()
    };
    if !address.is_empty() {
        push_unique(&mut e.addresses, address);
    }
    let regime = collapse_whitespace(get(record, cols.regime));
    if !regime.is_empty() {
        push_unique(&mut e.programs, regime);
    }
    let listed = get(record, cols.listed_on);
    if !listed.is_empty() {
        match parse_day_first(listed).filter(|d| d.day.is_some()) {
            Some(date) => {
                let date = date.to_string();
                if e.listed_on.as_ref().is_none_or(|d| date < *d) {
                    e.listed_on = Some(date);
                }
            }
            None => warnings.push("bad-date", file, at, format!("{id}: unparsable Listed On {listed:?}")),
        }
    }
    let position = collapse_whitespace(get(record, cols.position));
    if !position.is_empty() {
        push_unique(&mut g.remarks, format!("Position: {position}"));
    }
    let other = collapse_whitespace(get(record, cols.other));
    if !other.is_empty() {
        for imo in imo_numbers(&other) {
            let ident =
                Identifier { kind: IdKind::Imo, value: imo, label: "IMO number".into(), country: None, note: None };
            push_unique(&mut e.identifiers, ident);
        }
        push_unique(&mut g.remarks, other);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use interdict_model::PartialDate;

    const FIXTURE: &[u8] = include_bytes!("../tests/fixtures/uk_conlist_sample.csv");
    const HEADER: &str = "Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,Name Non-Latin Script,Non-Latin Script Type,Non-Latin Script Language,DOB,Town of Birth,Country of Birth,Nationality,Passport Number,Passport Details,National Identification Number,National Identification Details,Position,Address 1,Address 2,Address 3,Address 4,Address 5,Address 6,Post/Zip Code,Country,Other Information,Group Type,Alias Type,Alias Quality,Regime,Listed On,UK Sanctions List Date Designated,Last Updated,Group ID";

    fn parse_bytes(bytes: &[u8]) -> Result<ParsedSource, Error> {
        parse(&InputFile::from_bytes("ConList.csv", bytes.to_vec()))
    }

    /// A full 36-field row from (column, value) pairs.
    fn row(cells: &[(&str, &str)]) -> String {
        let names: Vec<&str> = HEADER.split(',').collect();
        let mut out = vec![String::new(); names.len()];
        for (col, value) in cells {
            let i = names.iter().position(|n| n == col).expect(col);
            out[i] = if value.contains([',', '\n']) { format!("\"{value}\"") } else { value.to_string() };
        }
        out.join(",")
    }

    #[test]
    fn fixture_groups_rows_into_entities() {
        let parsed = parse_bytes(FIXTURE).unwrap();
        assert_eq!(parsed.kind, SourceKind::UkCsv);
        assert_eq!(parsed.published.as_deref(), Some("2025-03-14"));
        assert_eq!(parsed.warnings.total(), 0, "{:?}", parsed.warnings);
        let ids: Vec<&str> = parsed.entities.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["uk:16102", "uk:16544", "uk:14888"], "in order of first appearance");

        // The AKA row came first; the later Primary name row takes over the name.
        let o = &parsed.entities[0];
        assert_eq!(o.kind, EntityKind::Organization);
        assert_eq!(o.source, "uk");
        assert_eq!(o.name, "NORTHERN AMBER SHIPPING LLC");
        let aliases: Vec<(&str, Strength)> = o.aliases.iter().map(|a| (a.name.as_str(), a.strength.clone())).collect();
        assert_eq!(aliases, [("ALTYN TRADE FZE", Strength::Strong), ("SEVERNY YANTAR", Strength::Strong)]);
        assert_eq!(o.programs, ["Russia"]);
        assert_eq!(o.listed_on.as_deref(), Some("2023-05-19"));
        assert_eq!(o.published.as_deref(), Some("2025-03-14"));
        assert_eq!(
            o.addresses,
            [Address {
                street: Some("Nevsky Prospekt 104, office 12, Saint Petersburg".into()),
                postal_code: Some("191025".into()),
                country: Some(Country { name: "Russia".into(), code: Some("RU".into()) }),
                ..Address::default()
            }]
        );
        let remarks = o.remarks.as_deref().unwrap();
        assert!(remarks.starts_with("(UK Sanctions List Ref):RUS1901."), "{remarks}");
        assert!(remarks.contains("RUS1900"), "{remarks}");

        let v = &parsed.entities[1];
        assert_eq!(v.kind, EntityKind::Vessel);
        assert_eq!(v.name, "DARK HARBOUR");
        assert_eq!(v.identifiers.len(), 1);
        assert_eq!((v.identifiers[0].kind.clone(), v.identifiers[0].value.as_str()), (IdKind::Imo, "9254901"));
        assert!(v.remarks.as_deref().unwrap().contains("Oil tanker, flagged in Gabon, carrying"));

        let p = &parsed.entities[2];
        assert_eq!(p.kind, EntityKind::Person);
        assert_eq!(p.name, "ZHURAVLEV, Viktor Aleksandrovich");
        let aliases: Vec<(&str, Strength)> = p.aliases.iter().map(|a| (a.name.as_str(), a.strength.clone())).collect();
        assert_eq!(aliases, [("ZHURAVLYOV, Viktor", Strength::Strong), ("ZHURAVL, Vitya", Strength::Weak)]);
        assert_eq!(p.original_script_names, ["Виктор Александрович ЖУРАВЛЕВ"]);
        assert_eq!(p.title.as_deref(), Some("Mr"));
        assert_eq!(
            p.birth_dates,
            [BirthDate::exact(PartialDate::ymd(1966, 9, 12)), BirthDate::exact(PartialDate::year(1967))]
        );
        assert_eq!(p.birth_places, ["Tula, Russia"]);
        assert_eq!(p.nationalities, [Country { name: "Russia".into(), code: Some("RU".into()) }]);
        assert_eq!(p.identifiers.len(), 1, "repeated on every row, kept once");
        assert_eq!(p.identifiers[0].kind, IdKind::Passport);
        assert_eq!(p.identifiers[0].value, "7504118812");
        assert_eq!(p.identifiers[0].note.as_deref(), Some("Russian internal passport"));
        assert_eq!(p.addresses.len(), 1);
        assert_eq!(p.listed_on.as_deref(), Some("2022-03-15"));
        let remarks = p.remarks.as_deref().unwrap();
        assert!(
            remarks.starts_with("Position: Deputy Head of Administration\n(UK Sanctions List Ref):RUS0833."),
            "{remarks}"
        );
    }

    #[test]
    fn bom_dos_eof_and_no_last_updated_line() {
        let body = format!(
            "{HEADER}\n{}\n",
            row(&[("Name 6", "ACME"), ("Group Type", "Entity"), ("Alias Type", "Primary name"), ("Group ID", "1")])
        );
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(body.as_bytes());
        bytes.push(0x1A);
        let parsed = parse_bytes(&bytes).unwrap();
        assert_eq!(parsed.published, None);
        assert_eq!(parsed.entities[0].name, "ACME");
        let parsed = crate::parse_file(SourceKind::UkCsv, &InputFile::from_bytes("c.csv", FIXTURE.to_vec())).unwrap();
        assert_eq!(parsed.entities.len(), 3);
    }

    #[test]
    fn lenient_cases_warn() {
        let rows = [
            row(&[
                ("Name 6", "X"),
                ("Name 1", "Y"),
                ("Group Type", "Individual"),
                ("Alias Type", "AKA"),
                ("DOB", "31/31/1970"),
                ("Group ID", "5"),
            ]),
            row(&[
                ("Name 6", "Z"),
                ("Group Type", "Aircraft"),
                ("Alias Type", "Primary name"),
                ("Nationality", "(1) Atlantis (2) Syria"),
                ("Group ID", "6"),
            ]),
        ];
        let text = format!("Last Updated,someday\n{HEADER}\n{}\n{}\n", rows[0], rows[1]);
        let parsed = parse_bytes(text.as_bytes()).unwrap();
        assert_eq!(parsed.entities[0].name, "X, Y");
        assert_eq!(parsed.entities[1].kind, EntityKind::Unknown);
        let nationalities: Vec<&str> = parsed.entities[1].nationalities.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(nationalities, ["Atlantis", "Syria"]);
        for kind in ["missing-publish-date", "bad-date", "no-primary-name", "unknown-group-type", "unknown-country"] {
            assert_eq!(parsed.warnings.count(kind), 1, "{kind}: {:?}", parsed.warnings);
        }
    }

    #[test]
    fn malformed_inputs_fail_with_line_byte_and_reason() {
        let lu = "Last Updated,14/03/2025\n";
        let h = lu.len() as u64;
        let r3 = h + HEADER.len() as u64 + 1;
        let good = row(&[("Name 6", "ACME"), ("Group Type", "Entity"), ("Group ID", "1")]);
        let no_id = row(&[("Name 6", "ACME"), ("Group Type", "Entity")]);
        let no_name = row(&[("Group Type", "Entity"), ("Group ID", "1")]);
        let truncated = &good[..good.len() - 10];
        let two_lines =
            row(&[("Name 6", "A"), ("Other Information", "two\nlines"), ("Group Type", "Entity"), ("Group ID", "2")]);
        let cases: Vec<(&str, String, Position, &str)> = vec![
            ("empty", String::new(), Position::File, "empty file"),
            ("only last updated", lu.to_string(), Position::File, "no header"),
            (
                "not a ConList",
                format!("{lu}id,type,name\n"),
                Position::Line { line: 2, byte: h },
                "not an OFSI ConList header: no \"name 6\" column",
            ),
            (
                "no group id column",
                format!("{lu}Name 6,Group Type\n"),
                Position::Line { line: 2, byte: h },
                "no \"group id\" column",
            ),
            (
                "truncated row",
                format!("{lu}{HEADER}\n{truncated}"),
                Position::Line { line: 3, byte: r3 },
                "row has 29 fields; the header has 36",
            ),
            (
                "row without group id",
                format!("{lu}{HEADER}\n{no_id}\n"),
                Position::Line { line: 3, byte: r3 },
                "row has no Group ID",
            ),
            (
                "row without a name",
                format!("{lu}{HEADER}\n{no_name}\n"),
                Position::Line { line: 3, byte: r3 },
                "group 1 has no name",
            ),
            (
                "second bad row",
                format!("{lu}{HEADER}\n{good}\n{no_id}\n"),
                Position::Line { line: 4, byte: r3 + good.len() as u64 + 1 },
                "row has no Group ID",
            ),
            (
                "quoted newline keeps line numbers",
                format!("{lu}{HEADER}\n{two_lines}\n{no_id}\n"),
                Position::Line { line: 5, byte: r3 + two_lines.len() as u64 + 1 },
                "row has no Group ID",
            ),
        ];
        for (what, text, position, reason) in cases {
            let err = parse_bytes(text.as_bytes()).expect_err(what);
            let shown = err.to_string();
            assert!(shown.contains(reason), "{what}: {shown}");
            assert!(shown.starts_with("ConList.csv: "), "{what}: {shown}");
            assert_eq!(err.position(), Some(position), "{what}: {shown}");
        }
        // Windows-1252 text (the é of "Café") is refused at its line and byte.
        let text = format!("{lu}{HEADER}\n").into_bytes();
        let mut bytes = text.clone();
        bytes.extend_from_slice(b"CAF\xC9 LTD,,");
        let err = parse_bytes(&bytes).unwrap_err();
        assert_eq!(err.position(), Some(Position::Line { line: 3, byte: text.len() as u64 + 3 }));
        assert!(err.to_string().contains("invalid UTF-8"), "{err}");
    }

    #[test]
    fn helpers() {
        assert_eq!(split_numbered("(1) Syria (2) Iraq, "), ["Syria", "Iraq"]);
        assert_eq!(split_numbered(" Russia "), ["Russia"]);
        assert!(split_numbered("").is_empty());
        assert_eq!(imo_numbers("(IMO number):9254901. IMO 1234567; imo:12"), ["9254901", "1234567"]);
        assert!(imo_numbers("Immortal").is_empty());
    }

    #[test]
    fn arbitrary_prefixes_never_panic() {
        for end in 0..FIXTURE.len() {
            let _ = parse_bytes(&FIXTURE[..end]);
        }
    }
}
