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
use std::path::Path;

use interdict_model::{
    Address, Alias, AliasKind, BirthDate, Country, Entity, EntityKind, Gender, IdKind, Identifier, Link, PartialDate,
    Strength, VesselInfo,
};

use crate::xml::{for_each_record, Node};
use crate::{dates, ids, Error, InputFile, ParsedSource, Position, SourceKind, Warnings};

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
    let mut parsed = ParsedSource::new(SourceKind::OfacAdvanced, &[input]);
    let mut sink = Sink { path: &input.path, file: input.path.display().to_string(), warnings: Warnings::default() };
    let mut root_name = String::new();
    let mut advanced = Advanced::default();
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
                Some(ADVANCED_ROOT) => advanced.record(&mut sink, section, node),
                Some(ENHANCED_ROOT) => enhanced.record(&mut sink, section, node),
                _ => Ok(()),
            }
        },
    )?;
    let (published, parties, require_targets) = if root_name == ENHANCED_ROOT {
        let published = enhanced.published.take();
        (published, std::mem::take(&mut enhanced.parties), false)
    } else {
        advanced.finish(&mut sink)
    };
    parsed.entities = finish_parties(parties, published.as_deref(), &mut sink, require_targets);
    parsed.published = published;
    parsed.warnings = sink.warnings;
    Ok(parsed)
}

// ---------------------------------------------------------------------------------------
// Shared plumbing
// ---------------------------------------------------------------------------------------

/// Where errors and warnings go.
struct Sink<'a> {
    path: &'a Path,
    file: String,
    warnings: Warnings,
}

impl Sink<'_> {
    fn error(&self, offset: u64, reason: impl Into<String>) -> Error {
        Error::parse(self.path, Position::Byte(offset), reason)
    }

    fn warn(&mut self, kind: &str, offset: u64, message: impl Into<String>) {
        self.warnings.push(kind, &self.file, Position::Byte(offset), message.into());
    }
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
fn finish_parties(
    mut parties: Vec<Party>,
    published: Option<&str>,
    sink: &mut Sink,
    require_targets: bool,
) -> Vec<Entity> {
    let mut index = HashMap::new();
    for (i, p) in parties.iter_mut().enumerate() {
        let source = if p.on_sdn || !p.on_other { SDN } else { CONS };
        p.entity.source = source.to_string();
        p.entity.id = format!("{source}:{}", p.key);
        p.entity.published = published.map(str::to_string);
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
                    _ => sink.warn(
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

fn push_unique<T: PartialEq>(items: &mut Vec<T>, item: T) {
    if !items.contains(&item) {
        items.push(item);
    }
}

fn id_attr(node: &Node, name: &str) -> Option<u64> {
    node.attr(name).and_then(|v| v.trim().parse().ok())
}

fn required_id(sink: &Sink, node: &Node, name: &str) -> Result<u64, Error> {
    match node.attr(name) {
        None => Err(sink.error(node.offset, format!("<{}> has no {name} attribute", node.name))),
        Some(v) => v.trim().parse().map_err(|_| {
            sink.error(node.offset, format!("<{}> {name}={v:?} is not a non-negative integer id", node.name))
        }),
    }
}

/// xsd:boolean: `true` or `1`.
fn truthy(value: Option<&str>) -> bool {
    matches!(value.map(str::trim), Some("true") | Some("1"))
}

/// Removes the bidirectional-text control characters OFAC wraps around Arabic names.
fn strip_bidi(text: &str) -> String {
    text.chars()
        .filter(
            |c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'),
        )
        .collect()
}

/// Trims, removes bidi controls and collapses runs of white space.
fn clean(text: &str) -> String {
    strip_bidi(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn non_empty(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

/// A country from the name a list gives; the list's own ISO code fills in when the name
/// is not in the model's table.
fn make_country(name: &str, iso2: Option<&str>) -> Country {
    let mut country = Country::from_name(&clean(name));
    if country.code.is_none() {
        country.code = iso2
            .map(str::trim)
            .filter(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_alphabetic()))
            .map(str::to_ascii_uppercase);
    }
    country
}

fn kind_from_label(label: &str) -> Option<EntityKind> {
    match label.trim().to_ascii_lowercase().as_str() {
        "individual" | "person" => Some(EntityKind::Person),
        "entity" | "organization" | "organisation" => Some(EntityKind::Organization),
        "vessel" => Some(EntityKind::Vessel),
        "aircraft" => Some(EntityKind::Aircraft),
        _ => None,
    }
}

fn alias_kind(label: &str) -> Option<AliasKind> {
    let letters: String = label.chars().filter(char::is_ascii_alphabetic).collect::<String>().to_ascii_uppercase();
    match letters.as_str() {
        "AKA" => Some(AliasKind::Aka),
        "FKA" => Some(AliasKind::Fka),
        "NKA" => Some(AliasKind::Nka),
        _ => None,
    }
}

fn is_latin_script(name: &str) -> bool {
    let n = name.trim();
    n.eq_ignore_ascii_case("latin") || n.eq_ignore_ascii_case("latn")
}

/// Orders the given-name parts after the last name: first, middle, patronymic, the rest.
fn part_rank(kind: &str) -> u8 {
    match kind.trim().to_ascii_lowercase().as_str() {
        "first name" => 0,
        "middle name" => 1,
        "patronymic" => 2,
        "matronymic" => 3,
        _ => 4,
    }
}

fn is_last_name(kind: &str) -> bool {
    kind.trim().eq_ignore_ascii_case("last name")
}

/// Parts OFAC prints in upper case.
fn is_upper_part(kind: &str) -> bool {
    matches!(kind.trim().to_ascii_lowercase().as_str(), "last name" | "entity name" | "vessel name" | "aircraft name")
}

/// Builds a full name from `(part type, value)` pairs in document order. Latin names of
/// people with a last name read `LAST, First Middle`; other names join their parts.
/// Names in other scripts keep their parts, order and case as written.
fn assemble_name(parts: &[(String, String)], person: bool, latin: bool) -> String {
    let words = |items: &mut dyn Iterator<Item = String>| -> String {
        items.filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
    };
    if !latin {
        return words(&mut parts.iter().map(|(_, v)| clean(v)));
    }
    if person && parts.iter().any(|(k, _)| is_last_name(k)) {
        let last = words(&mut parts.iter().filter(|(k, _)| is_last_name(k)).map(|(_, v)| clean(v).to_uppercase()));
        let mut rest: Vec<&(String, String)> = parts.iter().filter(|(k, _)| !is_last_name(k)).collect();
        rest.sort_by_key(|(k, _)| part_rank(k));
        let rest = words(&mut rest.iter().map(|(_, v)| clean(v)));
        return if rest.is_empty() { last } else { format!("{last}, {rest}") };
    }
    words(&mut parts.iter().map(|(k, v)| if is_upper_part(k) { clean(v).to_uppercase() } else { clean(v) }))
}

/// Builds an address from location parts (`ADDRESS1`..`3`, `CITY`, `STATE/PROVINCE`,
/// `POSTAL CODE`; anything else, such as `REGION`, goes to the note).
fn address_from_parts(parts: &[(String, String)], country: Option<Country>) -> Address {
    let mut street = Vec::new();
    let mut city = Vec::new();
    let mut region = Vec::new();
    let mut postal = Vec::new();
    let mut other = Vec::new();
    for (kind, value) in parts {
        let value = clean(value);
        if value.is_empty() {
            continue;
        }
        match kind.trim().to_ascii_uppercase().as_str() {
            "ADDRESS1" | "ADDRESS2" | "ADDRESS3" | "ADDRESS" | "STREET" => street.push(value),
            "CITY" => city.push(value),
            "STATE/PROVINCE" | "STATE" | "PROVINCE" => region.push(value),
            "POSTAL CODE" => postal.push(value),
            _ => other.push(value),
        }
    }
    let join = |v: Vec<String>| non_empty(v.join(", "));
    Address {
        street: join(street),
        city: join(city),
        region: join(region),
        postal_code: join(postal),
        country,
        note: join(other),
    }
}

/// An address as one line, for places of birth given as locations.
fn address_line(address: &Address) -> String {
    [&address.street, &address.city, &address.region, &address.postal_code, &address.note]
        .into_iter()
        .flatten()
        .cloned()
        .chain(address.country.as_ref().map(|c| c.name.clone()))
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `IMO 9187629` → `9187629` (and the same for other prefixes).
fn prefixed_number(value: &str, prefix: &str) -> Option<String> {
    let value = value.trim();
    let head = value.get(..prefix.len())?;
    if !head.eq_ignore_ascii_case(prefix) {
        return None;
    }
    let rest = value.get(prefix.len()..)?.trim_start_matches([' ', ':', '#', '.']).trim();
    (!rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit())).then(|| rest.to_string())
}

fn make_identifier(
    kind: IdKind,
    label: &str,
    value: &str,
    country: Option<Country>,
    note: Option<String>,
) -> Identifier {
    let value = clean(value);
    let (kind, value) = if let Some(number) = prefixed_number(&value, "IMO") {
        (IdKind::Imo, number)
    } else if let Some(number) = prefixed_number(&value, "MMSI") {
        (IdKind::Mmsi, number)
    } else {
        (kind, value)
    };
    Identifier { kind, value, label: clean(label), country, note }
}

/// Feature types whose values are identifiers, and their kinds.
fn feature_identifier_kind(label: &str) -> Option<IdKind> {
    let lower = label.to_ascii_lowercase();
    if lower.contains("aircraft") {
        let id_like = ["tail number", "serial number", "construction number", "transponder"];
        return id_like.iter().any(|w| lower.contains(w)).then_some(IdKind::AircraftId);
    }
    match ids::kind_for_label(label) {
        kind @ (IdKind::Bic
        | IdKind::Imo
        | IdKind::Mmsi
        | IdKind::CallSign
        | IdKind::Email
        | IdKind::Phone
        | IdKind::Website
        | IdKind::DigitalCurrencyAddress) => Some(kind),
        _ => {
            let others = ["isin", "d-u-n-s number", "bik (ru)", "micex code", "equity ticker", "un/locode"];
            others.contains(&lower.as_str()).then_some(IdKind::Other)
        }
    }
}

// ---------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Ymd {
    y: u16,
    m: u8,
    d: u8,
}

fn days_in_month(y: u16, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Ymd {
    fn new(y: u64, m: u64, d: u64) -> Option<Ymd> {
        let y = u16::try_from(y).ok().filter(|y| (1..=9999).contains(y))?;
        let m = u8::try_from(m).ok().filter(|m| (1..=12).contains(m))?;
        let d = u8::try_from(d).ok().filter(|&d| d >= 1 && d <= days_in_month(y, m))?;
        Some(Ymd { y, m, d })
    }

    /// `YYYY-MM-DD`, with or without a time part.
    fn parse_iso(text: &str) -> Option<Ymd> {
        let date = text.trim().split(['T', ' ']).next()?;
        let mut parts = date.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 {
            return None;
        }
        Ymd::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }

    fn day(self) -> PartialDate {
        PartialDate::ymd(self.y, self.m, self.d)
    }

    fn month(self) -> PartialDate {
        PartialDate { year: self.y, month: Some(self.m), day: None }
    }
}

/// The partial date that covers exactly `a..=b`: one day, a whole month or a whole year.
fn span(a: Ymd, b: Ymd) -> Option<PartialDate> {
    if a == b {
        Some(a.day())
    } else if a.y == b.y && a.m == b.m && a.d == 1 && b.d == days_in_month(b.y, b.m) {
        Some(a.month())
    } else if a.y == b.y && (a.m, a.d) == (1, 1) && (b.m, b.d) == (12, 31) {
        Some(PartialDate::year(a.y))
    } else {
        None
    }
}

/// The ends of a range from `a` to `b`, as coarse as the bounds allow.
fn coarsen(a: Ymd, b: Ymd) -> (PartialDate, PartialDate) {
    if (a.m, a.d) == (1, 1) && (b.m, b.d) == (12, 31) {
        (PartialDate::year(a.y), PartialDate::year(b.y))
    } else if a.d == 1 && b.d == days_in_month(b.y, b.m) {
        (a.month(), b.month())
    } else {
        (a.day(), b.day())
    }
}

/// A date from OFAC's four bounds: the start lies within `start`, the end within `end`.
/// "1972" is written as start 1972-01-01..1972-01-01, end 1972-12-31..1972-12-31; "1951 to
/// 1953" as start 1951-01-01..1951-12-31, end 1953-01-01..1953-12-31.
fn date_from_bounds(start: (Ymd, Ymd), end: (Ymd, Ymd), approximate: bool, range: bool) -> BirthDate {
    if !range {
        if let Some(date) = span(start.0, end.1) {
            return BirthDate { from: date, to: None, approximate };
        }
    }
    let (from, to) = match (start.0 == start.1 && end.0 == end.1, span(start.0, start.1), span(end.0, end.1)) {
        (false, Some(from), Some(to)) => (from, to),
        _ => coarsen(start.0, end.1),
    };
    if from == to {
        BirthDate { from, to: None, approximate }
    } else {
        BirthDate { from, to: Some(to), approximate }
    }
}

fn describe_date(date: &BirthDate) -> String {
    let mut text = date.from.to_string();
    if let Some(to) = &date.to {
        text = format!("{text} to {to}");
    }
    if date.approximate {
        text = format!("circa {text}");
    }
    text
}

// ---------------------------------------------------------------------------------------
// Features (both formats)
// ---------------------------------------------------------------------------------------

/// What one feature version says, read from either format.
#[derive(Default)]
struct FeatureValue {
    text: Option<String>,
    date: Option<BirthDate>,
    country: Option<Country>,
    address: Option<Address>,
}

impl FeatureValue {
    fn display(&self) -> Option<String> {
        self.text
            .clone()
            .or_else(|| self.date.as_ref().map(describe_date))
            .or_else(|| self.country.as_ref().map(|c| c.name.clone()))
            .or_else(|| self.address.as_ref().map(address_line))
            .and_then(non_empty)
    }
}

/// Puts one feature into the entity. An `Err` is a warning message.
fn apply_feature(
    entity: &mut Entity,
    remarks: &mut Vec<String>,
    type_name: &str,
    value: FeatureValue,
) -> Result<(), String> {
    let label = clean(type_name);
    let lower = label.to_ascii_lowercase();
    let text = value.text.as_deref().map(clean).and_then(non_empty);
    let country = || value.country.clone().or_else(|| text.as_deref().map(|t| make_country(t, None)));
    let missing = || format!("feature {label:?} has no value");
    match lower.as_str() {
        "birthdate" | "date of birth" => {
            let date = value.date.clone().or_else(|| text.as_deref().and_then(dates::parse_birth_date));
            match date {
                Some(date) => push_unique(&mut entity.birth_dates, date),
                None => return Err(format!("birth date {:?} is not a date", text.unwrap_or_default())),
            }
        }
        "place of birth" => {
            let place = text.clone().or_else(|| value.address.as_ref().map(address_line)).and_then(non_empty);
            push_unique(&mut entity.birth_places, place.ok_or_else(missing)?);
        }
        "nationality country" | "nationality" => push_unique(&mut entity.nationalities, country().ok_or_else(missing)?),
        "citizenship country" | "citizenship" => push_unique(&mut entity.citizenships, country().ok_or_else(missing)?),
        "gender" => {
            entity.gender = match text.as_deref().map(str::to_ascii_lowercase).as_deref() {
                Some("male") => Some(Gender::Male),
                Some("female") => Some(Gender::Female),
                other => return Err(format!("gender {:?} is neither Male nor Female", other.unwrap_or(""))),
            }
        }
        "title" => {
            let title = text.ok_or_else(missing)?;
            entity.title = Some(match entity.title.take() {
                Some(t) if t != title => format!("{t}; {title}"),
                _ => title,
            });
        }
        "location" | "address" if value.address.is_some() => {
            if let Some(address) = value.address.filter(|a| !a.is_empty()) {
                push_unique(&mut entity.addresses, address);
            }
        }
        "vessel call sign" => {
            let sign = text.ok_or_else(missing)?;
            entity.vessel.get_or_insert_with(VesselInfo::default).call_sign.get_or_insert_with(|| sign.clone());
            push_unique(&mut entity.identifiers, make_identifier(IdKind::CallSign, &label, &sign, None, None));
        }
        "vessel flag" => {
            entity.vessel.get_or_insert_with(VesselInfo::default).flag = Some(country().ok_or_else(missing)?)
        }
        "vessel owner" => entity.vessel.get_or_insert_with(VesselInfo::default).owner = Some(text.ok_or_else(missing)?),
        "vessel tonnage" => {
            entity.vessel.get_or_insert_with(VesselInfo::default).tonnage = Some(text.ok_or_else(missing)?)
        }
        "vessel gross registered tonnage" => {
            entity.vessel.get_or_insert_with(VesselInfo::default).gross_registered_tonnage =
                Some(text.ok_or_else(missing)?)
        }
        "vessel type" => {
            entity.vessel.get_or_insert_with(VesselInfo::default).vessel_type = Some(text.ok_or_else(missing)?)
        }
        _ => match feature_identifier_kind(&label) {
            Some(kind) => {
                let id = text.ok_or_else(missing)?;
                push_unique(&mut entity.identifiers, make_identifier(kind, &label, &id, None, None));
            }
            None => {
                let shown = value.display().ok_or_else(missing)?;
                push_unique(remarks, format!("{label} {shown}"));
            }
        },
    }
    Ok(())
}

/// The names of one alias or name, sorted by script.
#[derive(Default)]
struct NameSet {
    latin: Vec<String>,
    other_script: Vec<String>,
}

/// Collects names into the entity once all are read.
#[derive(Default)]
struct Names {
    primary: Option<String>,
    aliases: Vec<Alias>,
    original_script: Vec<String>,
    /// The first name seen, used when no name is marked primary.
    fallback: Option<String>,
}

impl Names {
    fn add(&mut self, set: NameSet, primary: bool, kind: AliasKind, strength: Strength) {
        for name in &set.other_script {
            push_unique(&mut self.original_script, name.clone());
        }
        let mut latin = set.latin.into_iter();
        if primary && self.primary.is_none() {
            self.primary = latin.next().or_else(|| set.other_script.first().cloned());
        }
        for name in latin {
            if self.fallback.is_none() {
                self.fallback = Some(name.clone());
            }
            let alias = Alias { name, kind: kind.clone(), strength: strength.clone() };
            if !self.aliases.iter().any(|a| a.name == alias.name) {
                self.aliases.push(alias);
            }
        }
    }

    /// Writes the names into the entity. `Err` when the party has no name at all; the
    /// `bool` says the primary name was missing and the first alias stood in for it.
    fn into_entity(mut self, entity: &mut Entity) -> Result<bool, ()> {
        let mut substituted = false;
        let primary = match self.primary.take() {
            Some(p) => p,
            None => {
                substituted = true;
                self.fallback.take().or_else(|| self.original_script.first().cloned()).ok_or(())?
            }
        };
        self.aliases.retain(|a| a.name != primary);
        entity.name = primary;
        entity.aliases = self.aliases;
        entity.original_script_names = self.original_script;
        Ok(substituted)
    }
}

// ---------------------------------------------------------------------------------------
// Advanced XML (<Sanctions>, sdn_advanced.xsd)
// ---------------------------------------------------------------------------------------

/// A location from `<Locations>`.
struct Location {
    parts: Vec<(String, String)>,
    country: Option<Country>,
}

struct SanctionsEntry {
    offset: u64,
    profile: u64,
    list: Option<String>,
    listed_on: Option<String>,
    programs: Vec<String>,
    /// Programs of the legal bases, used when no measure names a program.
    basis_programs: Vec<String>,
}

#[derive(Default)]
struct Advanced {
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

impl Advanced {
    fn record(&mut self, sink: &mut Sink, section: &str, node: Node) -> Result<(), Error> {
        match (section, node.name.as_str()) {
            ("DateOfIssue", "Year") => self.issue_date[0] = Some((node.offset, node.text)),
            ("DateOfIssue", "Month") => self.issue_date[1] = Some((node.offset, node.text)),
            ("DateOfIssue", "Day") => self.issue_date[2] = Some((node.offset, node.text)),
            ("ReferenceValueSets", _) => self.reference_set(sink, node)?,
            ("Locations", "Location") => self.location(sink, &node)?,
            ("IDRegDocuments", "IDRegDocument") => self.document(sink, &node)?,
            ("DistinctParties", "DistinctParty") => self.distinct_party(sink, &node)?,
            ("ProfileRelationships", "ProfileRelationship") => self.relationship(sink, &node)?,
            ("SanctionsEntries", "SanctionsEntry") => self.sanctions_entry(sink, &node)?,
            _ => {}
        }
        Ok(())
    }

    fn reference_set(&mut self, sink: &mut Sink, set: Node) -> Result<(), Error> {
        for value in set.children {
            let id = required_id(sink, &value, "ID")?;
            self.refs.entry(value.name.clone()).or_default().insert(id, value);
        }
        Ok(())
    }

    fn reference(&self, set: &str, id: u64) -> Option<&Node> {
        self.refs.get(set).and_then(|values| values.get(&id))
    }

    /// The name of reference value `set` `id`; a warning when it is not defined.
    fn lookup(&self, sink: &mut Sink, set: &str, id: u64, at: &Node) -> Option<String> {
        match self.reference(set, id).and_then(Node::text) {
            Some(text) => Some(clean(text)),
            None => {
                sink.warn(
                    W_UNKNOWN_REF,
                    at.offset,
                    format!("<{}> refers to {set} {id}, which is not defined", at.name),
                );
                None
            }
        }
    }

    /// The name of the reference value in attribute `attr`, if the attribute is present.
    fn lookup_attr(&self, sink: &mut Sink, set: &str, at: &Node, attr: &str) -> Option<String> {
        id_attr(at, attr).and_then(|id| self.lookup(sink, set, id, at))
    }

    fn country(&self, sink: &mut Sink, id: u64, at: &Node) -> Option<Country> {
        let name = self.lookup(sink, "Country", id, at)?;
        let iso2 = self.reference("Country", id).and_then(|c| c.attr("ISO2"));
        Some(make_country(&name, iso2))
    }

    fn location(&mut self, sink: &mut Sink, node: &Node) -> Result<(), Error> {
        let id = required_id(sink, node, "ID")?;
        let country = node
            .children_named("LocationCountry")
            .find_map(|c| id_attr(c, "CountryID").and_then(|cid| self.country(sink, cid, c)));
        let mut parts = Vec::new();
        for part in node.children_named("LocationPart") {
            let Some(kind) = self.lookup_attr(sink, "LocPartType", part, "LocPartTypeID") else { continue };
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

    fn location_address(&self, sink: &mut Sink, at: &Node, attr: &str) -> Option<Address> {
        let id = id_attr(at, attr)?;
        match self.locations.get(&id) {
            Some(loc) => Some(address_from_parts(&loc.parts, loc.country.clone())),
            None => {
                sink.warn(
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

    fn document(&mut self, sink: &mut Sink, node: &Node) -> Result<(), Error> {
        let id = required_id(sink, node, "ID")?;
        let identity = required_id(sink, node, "IdentityID")?;
        let type_id = required_id(sink, node, "IDRegDocTypeID")?;
        let Some(label) = self.lookup(sink, "IDRegDocType", type_id, node) else { return Ok(()) };
        let Some(number) = node.text_of("IDRegistrationNo") else {
            sink.warn(W_MISSING, node.offset, format!("IDRegDocument {id} ({label}) has no IDRegistrationNo"));
            return Ok(());
        };
        let country = id_attr(node, "IssuedBy-CountryID").and_then(|c| self.country(sink, c, node));
        let mut notes: Vec<String> = Vec::new();
        if let Some(comment) = node.text_of("Comment") {
            notes.push(clean(comment));
        }
        if let Some(authority) = node.text_of("IssuingAuthority") {
            notes.push(format!("issued by {}", clean(authority)));
        }
        if let Some(place) =
            self.location_address(sink, node, "IssuedIn-LocationID").map(|a| address_line(&a)).and_then(non_empty)
        {
            notes.push(format!("issued in {place}"));
        }
        for dated in node.children_named("DocumentDate") {
            let kind = self.lookup_attr(sink, "IDRegDocDateType", dated, "IDRegDocDateTypeID");
            match dated.child("DatePeriod").and_then(Self::date_period) {
                Some(date) => notes.push(format!("{} {}", kind.as_deref().unwrap_or("date"), describe_date(&date))),
                None => sink.warn(W_DATE, dated.offset, format!("IDRegDocument {id}: unreadable document date")),
            }
        }
        let note = non_empty(notes.join("; "));
        let identifier = make_identifier(ids::kind_for_label(&label), &label, number, country, note);
        self.documents.entry(identity).or_default().push((node.offset, identifier));
        Ok(())
    }

    fn distinct_party(&mut self, sink: &mut Sink, node: &Node) -> Result<(), Error> {
        let fixed_ref = node.attr("FixedRef").map(str::trim).filter(|r| !r.is_empty());
        let Some(fixed_ref) = fixed_ref else {
            return Err(sink.error(node.offset, "<DistinctParty> has no FixedRef attribute"));
        };
        let comments: Vec<String> = node.children_named("Comment").filter_map(Node::text).map(clean).collect();
        let mut profiles = node.children_named("Profile").peekable();
        if profiles.peek().is_none() {
            return Err(sink.error(node.offset, format!("DistinctParty {fixed_ref} has no <Profile>")));
        }
        for profile in profiles {
            let (mut party, identities) = self.profile(sink, profile, &comments)?;
            for identity in identities {
                for (_, identifier) in self.documents.remove(&identity).unwrap_or_default() {
                    if matches!(identifier.kind, IdKind::Imo | IdKind::Mmsi) {
                        party.entity.vessel.get_or_insert_with(VesselInfo::default);
                    }
                    push_unique(&mut party.entity.identifiers, identifier);
                }
            }
            if self.by_profile.contains_key(&party.key) {
                return Err(sink.error(profile.offset, format!("profile ID {} appears twice", party.key)));
            }
            self.by_profile.insert(party.key, self.parties.len());
            self.parties.push(party);
        }
        Ok(())
    }

    /// One profile: its party and the ids of its identities (for identity documents).
    fn profile(&self, sink: &mut Sink, profile: &Node, comments: &[String]) -> Result<(Party, Vec<u64>), Error> {
        let key = required_id(sink, profile, "ID")?;
        let sub_type_id = required_id(sink, profile, "PartySubTypeID")?;
        let Some(sub_type) = self.reference("PartySubType", sub_type_id) else {
            return Err(sink.error(
                profile.offset,
                format!("profile {key}: PartySubTypeID {sub_type_id} is not a defined PartySubType"),
            ));
        };
        let party_type = self.lookup_attr(sink, "PartyType", sub_type, "PartyTypeID");
        let kind = kind_from_label(&sub_type.text)
            .or_else(|| party_type.as_deref().and_then(kind_from_label))
            .unwrap_or(EntityKind::Unknown);
        let mut party = Party::new(key, profile.offset, kind.clone());
        party.remarks.extend(comments.iter().cloned());
        party.remarks.extend(profile.children_named("Comment").filter_map(Node::text).map(clean));

        let identities: Vec<&Node> = profile.children_named("Identity").collect();
        if identities.is_empty() {
            return Err(sink.error(profile.offset, format!("profile {key} has no <Identity>")));
        }
        let only_one = identities.len() == 1;
        let mut names = Names::default();
        let mut identity_ids = Vec::new();
        for identity in identities {
            identity_ids.push(required_id(sink, identity, "ID")?);
            let primary_identity = only_one || truthy(identity.attr("Primary"));
            self.identity_names(sink, identity, kind == EntityKind::Person, primary_identity, &mut names)?;
        }
        match names.into_entity(&mut party.entity) {
            Ok(false) => {}
            Ok(true) => sink.warn(
                W_NO_PRIMARY,
                profile.offset,
                format!("profile {key} has no primary name; its first alias is used"),
            ),
            Err(()) => return Err(sink.error(profile.offset, format!("profile {key} has no name"))),
        }

        for feature in profile.children_named("Feature") {
            let type_id = required_id(sink, feature, "FeatureTypeID")?;
            let Some(type_name) = self.lookup(sink, "FeatureType", type_id, feature) else { continue };
            for version in feature.children_named("FeatureVersion") {
                let value = self.feature_value(sink, version);
                if let Err(message) = apply_feature(&mut party.entity, &mut party.remarks, &type_name, value) {
                    sink.warn(W_FEATURE, version.offset, format!("profile {key}: {message}"));
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
        sink: &mut Sink,
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
            let id = required_id(sink, group, "ID")?;
            let kind = self.lookup_attr(sink, "NamePartType", group, "NamePartTypeID").unwrap_or_default();
            groups.insert(id, kind);
        }
        for alias in identity.children_named("Alias") {
            let primary = primary_identity && truthy(alias.attr("Primary"));
            let strength = if truthy(alias.attr("LowQuality")) { Strength::Weak } else { Strength::Strong };
            let kind = if primary {
                AliasKind::Aka
            } else {
                match self.lookup_attr(sink, "AliasType", alias, "AliasTypeID") {
                    Some(label) => alias_kind(&label).unwrap_or_else(|| {
                        sink.warn(W_UNKNOWN_REF, alias.offset, format!("alias type {label:?} read as a.k.a."));
                        AliasKind::Aka
                    }),
                    None => AliasKind::Aka,
                }
            };
            let mut set = NameSet::default();
            for documented in alias.children_named("DocumentedName") {
                let mut parts = Vec::new();
                let mut latin = true;
                for part in documented.children_named("DocumentedNamePart") {
                    let Some(value) = part.child("NamePartValue") else {
                        return Err(sink.error(part.offset, "<DocumentedNamePart> has no <NamePartValue>"));
                    };
                    let group = required_id(sink, value, "NamePartGroupID")?;
                    let Some(part_kind) = groups.get(&group) else {
                        return Err(sink.error(
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
                            None => sink.warn(
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
                    sink.warn(W_MISSING, documented.offset, "documented name has no text");
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

    fn feature_value(&self, sink: &mut Sink, version: &Node) -> FeatureValue {
        let mut value = FeatureValue::default();
        for detail in version.children_named("VersionDetail") {
            let text = match detail.text() {
                Some(t) => Some(t.to_string()),
                None => self.lookup_attr(sink, "DetailReference", detail, "DetailReferenceID"),
            };
            if value.text.is_none() {
                value.text = text;
            }
        }
        if let Some(period) = version.child("DatePeriod") {
            value.date = Self::date_period(period);
        }
        for at in version.children_named("VersionLocation") {
            if let Some(address) = self.location_address(sink, at, "LocationID") {
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

    fn relationship(&mut self, sink: &mut Sink, node: &Node) -> Result<(), Error> {
        let from = required_id(sink, node, "From-ProfileID")?;
        let to = required_id(sink, node, "To-ProfileID")?;
        let type_id = required_id(sink, node, "RelationTypeID")?;
        let Some(relation) = self.lookup(sink, "RelationType", type_id, node) else { return Ok(()) };
        let relation = if truthy(node.attr("Former")) { format!("{relation} (former)") } else { relation };
        self.relations.push((from, PendingLink { relation, target: to, target_name: None, offset: node.offset }));
        Ok(())
    }

    fn sanctions_entry(&mut self, sink: &mut Sink, node: &Node) -> Result<(), Error> {
        required_id(sink, node, "ID")?;
        let profile = required_id(sink, node, "ProfileID")?;
        let list = self.lookup_attr(sink, "List", node, "ListID");
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
            let kind = self.lookup_attr(sink, "SanctionsType", measure, "SanctionsTypeID");
            if kind.is_some_and(|k| k.eq_ignore_ascii_case("program")) {
                if let Some(program) = measure.text_of("Comment") {
                    push_unique(&mut entry.programs, clean(program));
                }
            }
        }
        self.entries.push(entry);
        Ok(())
    }

    /// Attaches entries and relationships; returns the publish date and the parties.
    fn finish(&mut self, sink: &mut Sink) -> (Option<String>, Vec<Party>, bool) {
        let published = self.published(sink);
        let mut leftovers: Vec<(u64, u64, Identifier)> = self
            .documents
            .drain()
            .flat_map(|(identity, docs)| docs.into_iter().map(move |(offset, doc)| (offset, identity, doc)))
            .collect();
        leftovers.sort_by_key(|(offset, _, _)| *offset);
        for (offset, identity, doc) in leftovers {
            sink.warn(
                W_ORPHAN,
                offset,
                format!("IDRegDocument {:?} belongs to identity {identity}, which no party has", doc.value),
            );
        }
        for entry in std::mem::take(&mut self.entries) {
            let Some(party) = self.by_profile.get(&entry.profile).and_then(|&i| self.parties.get_mut(i)) else {
                sink.warn(
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
                None => sink.warn(
                    W_ORPHAN,
                    link.offset,
                    format!("ProfileRelationship from profile {from}, which is not in the file"),
                ),
            }
        }
        for party in &self.parties {
            if !party.has_entry {
                sink.warn(
                    W_NO_ENTRY,
                    party.offset,
                    format!("profile {} has no SanctionsEntry; read as SDN", party.key),
                );
            }
        }
        (published, std::mem::take(&mut self.parties), true)
    }

    fn published(&self, sink: &mut Sink) -> Option<String> {
        let [year, month, day] = &self.issue_date;
        let (offset, _) = year.as_ref()?;
        let number = |part: &Option<(u64, String)>| part.as_ref().and_then(|(_, t)| t.trim().parse::<u64>().ok());
        match (number(year), number(month), number(day)) {
            (Some(y), Some(m), Some(d)) => match Ymd::new(y, m, d) {
                Some(date) => return Some(date.iso()),
                None => sink.warn(W_DATE, *offset, format!("DateOfIssue {y}-{m}-{d} is not a date")),
            },
            _ => sink.warn(W_DATE, *offset, "DateOfIssue lacks a numeric Year, Month or Day"),
        }
        None
    }
}

// ---------------------------------------------------------------------------------------
// Enhanced XML (<sanctionsData>, Sanctions List Service)
// ---------------------------------------------------------------------------------------

struct ReferenceValue {
    kind: String,
    value: String,
    iso: Option<String>,
}

#[derive(Default)]
struct Enhanced {
    refs: HashMap<u64, ReferenceValue>,
    feature_types: HashMap<u64, String>,
    parties: Vec<Party>,
    by_id: HashMap<u64, usize>,
    published: Option<String>,
}

impl Enhanced {
    fn record(&mut self, sink: &mut Sink, section: &str, node: Node) -> Result<(), Error> {
        match (section, node.name.as_str()) {
            ("publicationInfo", "dataAsOf") => match Ymd::parse_iso(&node.text) {
                Some(date) => self.published = Some(date.iso()),
                None => sink.warn(W_DATE, node.offset, format!("dataAsOf {:?} is not a date", node.text)),
            },
            ("referenceValues", "referenceValue") => {
                let id = required_id(sink, &node, "refId")?;
                let value = ReferenceValue {
                    kind: node.text_of("type").map(clean).unwrap_or_default(),
                    value: node.text_of("value").map(clean).unwrap_or_default(),
                    iso: node.text_of("isoCode").map(str::to_string),
                };
                self.refs.insert(id, value);
            }
            ("featureTypes", "featureType") => {
                let id = required_id(sink, &node, "featureTypeId")?;
                if let Some(name) = node.text_of("type") {
                    self.feature_types.insert(id, clean(name));
                }
            }
            ("entities", "entity") => {
                let party = self.entity(sink, &node)?;
                if self.by_id.contains_key(&party.key) {
                    return Err(sink.error(node.offset, format!("entity id {} appears twice", party.key)));
                }
                self.by_id.insert(party.key, self.parties.len());
                self.parties.push(party);
            }
            _ => {}
        }
        Ok(())
    }

    /// The text of a `<x refId="..">text</x>` element, or the reference value it names.
    fn label(&self, sink: &mut Sink, node: &Node) -> Option<String> {
        if let Some(text) = node.text() {
            return non_empty(clean(text));
        }
        let id = id_attr(node, "refId")?;
        match self.refs.get(&id) {
            Some(r) => non_empty(r.value.clone()),
            None => {
                sink.warn(
                    W_UNKNOWN_REF,
                    node.offset,
                    format!("<{}> refId {id} is not a defined reference value", node.name),
                );
                None
            }
        }
    }

    fn country(&self, sink: &mut Sink, node: &Node) -> Option<Country> {
        let name = self.label(sink, node)?;
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

    fn entity(&self, sink: &mut Sink, node: &Node) -> Result<Party, Error> {
        let key = required_id(sink, node, "id")?;
        let Some(info) = node.child("generalInfo") else {
            return Err(sink.error(node.offset, format!("entity {key} has no <generalInfo>")));
        };
        let Some(type_node) = info.child("entityType") else {
            return Err(sink.error(info.offset, format!("entity {key} has no <entityType>")));
        };
        let Some(type_label) = self.label(sink, type_node) else {
            return Err(sink.error(type_node.offset, format!("entity {key}: entityType names no type")));
        };
        let kind = kind_from_label(&type_label).unwrap_or_else(|| {
            sink.warn(W_UNKNOWN_REF, type_node.offset, format!("entity {key}: unknown entity type {type_label:?}"));
            EntityKind::Unknown
        });
        let mut party = Party::new(key, node.offset, kind.clone());
        party.entity.title = info.text_of("title").map(clean);
        party.remarks.extend(info.text_of("remarks").map(clean));

        for list in node.children_named("sanctionsLists").flat_map(|l| l.children_named("sanctionsList")) {
            if let Some(name) = self.label(sink, list) {
                party.add_list(&name);
            }
            if let Some(date) = list.attr("datePublished").and_then(Ymd::parse_iso) {
                party.add_listed_on(date.iso());
            }
        }
        for program in node.children_named("sanctionsPrograms").flat_map(|p| p.children_named("sanctionsProgram")) {
            if let Some(name) = self.label(sink, program) {
                push_unique(&mut party.entity.programs, name);
            }
        }

        let mut names = Names::default();
        for name in node.children_named("names").flat_map(|n| n.children_named("name")) {
            self.name(sink, name, kind == EntityKind::Person, &mut names);
        }
        match names.into_entity(&mut party.entity) {
            Ok(false) => {}
            Ok(true) => sink.warn(
                W_NO_PRIMARY,
                node.offset,
                format!("entity {key} has no primary name; its first alias is used"),
            ),
            Err(()) => return Err(sink.error(node.offset, format!("entity {key} has no name"))),
        }

        for address in node.children_named("addresses").flat_map(|a| a.children_named("address")) {
            let country = address.child("country").and_then(|c| self.country(sink, c));
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
                let kind = part.child("type").and_then(|t| self.label(sink, t)).unwrap_or_default();
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
                        sink.warn(W_UNKNOWN_REF, t.offset, format!("feature type {id} is not defined"));
                    }
                    name
                })
            });
            let Some(type_name) = type_name else {
                sink.warn(W_MISSING, feature.offset, format!("entity {key}: feature without a type"));
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
                sink.warn(W_FEATURE, feature.offset, format!("entity {key}: {message}"));
            }
        }

        for document in node.children_named("identityDocuments").flat_map(|d| d.children_named("identityDocument")) {
            let Some(label) = document.child("type").and_then(|t| self.label(sink, t)) else {
                sink.warn(W_MISSING, document.offset, format!("entity {key}: identity document without a type"));
                continue;
            };
            let Some(number) = document.text_of("documentNumber") else {
                sink.warn(W_MISSING, document.offset, format!("entity {key}: {label} without a documentNumber"));
                continue;
            };
            let country = document.child("issuingCountry").and_then(|c| self.country(sink, c));
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
            let relation = relationship.child("type").and_then(|t| self.label(sink, t));
            let related = relationship.child("relatedEntity");
            let target = related.and_then(|r| id_attr(r, "entityId"));
            let (Some(relation), Some(target)) = (relation, target) else {
                sink.warn(
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
    fn name(&self, sink: &mut Sink, name: &Node, person: bool, names: &mut Names) {
        let primary = truthy(name.text_of("isPrimary"));
        let strength = if truthy(name.text_of("isLowQuality")) { Strength::Weak } else { Strength::Strong };
        let kind = if primary {
            AliasKind::Aka
        } else {
            match name.child("aliasType").and_then(|t| self.label(sink, t)) {
                Some(label) => alias_kind(&label).unwrap_or_else(|| {
                    sink.warn(W_UNKNOWN_REF, name.offset, format!("alias type {label:?} read as a.k.a."));
                    AliasKind::Aka
                }),
                None => AliasKind::Aka,
            }
        };
        let mut translations: Vec<&Node> =
            name.children_named("translations").flat_map(|t| t.children_named("translation")).collect();
        // The primary translation first, so it becomes the name.
        translations.sort_by_key(|t| !truthy(t.text_of("isPrimary")));
        let mut set = NameSet::default();
        for translation in translations {
            let latin =
                translation.child("script").and_then(|s| self.label(sink, s)).is_none_or(|s| is_latin_script(&s));
            let parts: Vec<(String, String)> = translation
                .children_named("nameParts")
                .flat_map(|p| p.children_named("namePart"))
                .filter_map(|part| {
                    let kind = part.child("type").and_then(|t| self.label(sink, t)).unwrap_or_default();
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
                None => sink.warn(W_MISSING, translation.offset, "name translation has no text"),
            }
        }
        names.add(set, primary, kind, strength);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(xml: &str) -> Result<ParsedSource, Error> {
        parse(&InputFile::from_bytes("sdn_advanced.xml", xml.as_bytes().to_vec()))
    }

    fn entity<'a>(parsed: &'a ParsedSource, id: &str) -> &'a Entity {
        parsed.entities.iter().find(|e| e.id == id).unwrap_or_else(|| panic!("no entity {id}"))
    }

    /// A small advanced-XML list: a person, a vessel and a company on the non-SDN list.
    const ADVANCED: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<Sanctions xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML" Version="1">
  <DateOfIssue CalendarTypeID="1"><Year>2024</Year><Month>5</Month><Day>3</Day></DateOfIssue>
  <ReferenceValueSets>
    <AliasTypeValues>
      <AliasType ID="1400">A.K.A.</AliasType><AliasType ID="1401">F.K.A.</AliasType>
      <AliasType ID="1402">N.K.A.</AliasType><AliasType ID="1403">Name</AliasType>
    </AliasTypeValues>
    <CountryValues>
      <Country ID="11109" ISO2="IR">Iran</Country>
      <Country ID="11143" ISO2="KP">Korea, North</Country>
      <Country ID="11175" ISO2="PA">Panama</Country>
    </CountryValues>
    <DetailReferenceValues>
      <DetailReference ID="91526">Male</DetailReference>
      <DetailReference ID="702">Bulk Carrier</DetailReference>
      <DetailReference ID="91473">Subject to Secondary Sanctions</DetailReference>
    </DetailReferenceValues>
    <FeatureTypeValues>
      <FeatureType ID="8" FeatureTypeGroupID="1">Birthdate</FeatureType>
      <FeatureType ID="9" FeatureTypeGroupID="1">Place of Birth</FeatureType>
      <FeatureType ID="10" FeatureTypeGroupID="1">Nationality Country</FeatureType>
      <FeatureType ID="224" FeatureTypeGroupID="1">Gender</FeatureType>
      <FeatureType ID="25" FeatureTypeGroupID="2">Location</FeatureType>
      <FeatureType ID="1" FeatureTypeGroupID="3">Vessel Call Sign</FeatureType>
      <FeatureType ID="2" FeatureTypeGroupID="3">VESSEL TYPE</FeatureType>
      <FeatureType ID="3" FeatureTypeGroupID="3">Vessel Flag</FeatureType>
      <FeatureType ID="5" FeatureTypeGroupID="3">Vessel Tonnage</FeatureType>
      <FeatureType ID="6" FeatureTypeGroupID="3">Vessel Gross Registered Tonnage</FeatureType>
      <FeatureType ID="13" FeatureTypeGroupID="4">SWIFT/BIC</FeatureType>
      <FeatureType ID="125" FeatureTypeGroupID="5">Additional Sanctions Information -</FeatureType>
    </FeatureTypeValues>
    <IDRegDocDateTypeValues>
      <IDRegDocDateType ID="1480">Issue Date</IDRegDocDateType>
      <IDRegDocDateType ID="1481">Expiration Date</IDRegDocDateType>
    </IDRegDocDateTypeValues>
    <IDRegDocTypeValues>
      <IDRegDocType ID="1571">Passport</IDRegDocType>
      <IDRegDocType ID="1626">Vessel Registration Identification</IDRegDocType>
    </IDRegDocTypeValues>
    <LegalBasisValues>
      <LegalBasis ID="1828" LegalBasisShortRef="EO13224" LegalBasisTypeID="1" SanctionsProgramID="211">Executive Order 13224 (Terrorism)</LegalBasis>
    </LegalBasisValues>
    <ListValues><List ID="1550">SDN List</List><List ID="91512">Consolidated List</List></ListValues>
    <LocPartTypeValues>
      <LocPartType ID="1451">ADDRESS1</LocPartType><LocPartType ID="1454">CITY</LocPartType>
      <LocPartType ID="1456">POSTAL CODE</LocPartType>
    </LocPartTypeValues>
    <NamePartTypeValues>
      <NamePartType ID="1520">Last Name</NamePartType><NamePartType ID="1521">First Name</NamePartType>
      <NamePartType ID="1522">Middle Name</NamePartType><NamePartType ID="1525">Entity Name</NamePartType>
      <NamePartType ID="1526">Vessel Name</NamePartType>
    </NamePartTypeValues>
    <PartySubTypeValues>
      <PartySubType ID="1" PartyTypeID="3">Vessel</PartySubType>
      <PartySubType ID="3" PartyTypeID="2">Unknown</PartySubType>
      <PartySubType ID="4" PartyTypeID="1">Unknown</PartySubType>
    </PartySubTypeValues>
    <PartyTypeValues>
      <PartyType ID="1">Individual</PartyType><PartyType ID="2">Entity</PartyType><PartyType ID="3">Transport</PartyType>
    </PartyTypeValues>
    <RelationTypeValues><RelationType ID="15003" Symmetrical="false">Owned or Controlled By</RelationType></RelationTypeValues>
    <SanctionsProgramValues><SanctionsProgram ID="211" SubsidiaryBodyID="1">SDGT</SanctionsProgram></SanctionsProgramValues>
    <SanctionsTypeValues><SanctionsType ID="1">Program</SanctionsType><SanctionsType ID="1705">Block</SanctionsType></SanctionsTypeValues>
    <ScriptValues>
      <Script ID="215" ScriptCode="Latn">Latin</Script><Script ID="287" ScriptCode="Kore">Korean</Script>
    </ScriptValues>
  </ReferenceValueSets>
  <Locations>
    <Location ID="300"><LocationCountry CountryID="11143" CountryRelevanceID="1"/></Location>
    <Location ID="301">
      <LocationCountry CountryID="11143" CountryRelevanceID="1"/>
      <LocationPart LocPartTypeID="1451"><LocationPartValue Primary="true" LocPartValueTypeID="1" LocPartValueStatusID="1"><Value>Potonggang District</Value></LocationPartValue></LocationPart>
      <LocationPart LocPartTypeID="1454"><LocationPartValue Primary="true" LocPartValueTypeID="1" LocPartValueStatusID="1"><Value>Pyongyang</Value></LocationPartValue></LocationPart>
    </Location>
  </Locations>
  <IDRegDocuments>
    <IDRegDocument ID="500" IDRegDocTypeID="1571" IdentityID="9001" IssuedBy-CountryID="11143">
      <Comment>Diplomatic</Comment>
      <IDRegistrationNo>745310010</IDRegistrationNo>
      <DocumentDate IDRegDocDateTypeID="1481">
        <DatePeriod CalendarTypeID="1" YearFixed="false" MonthFixed="false" DayFixed="false">
          <Start Approximate="false" YearFixed="false" MonthFixed="false" DayFixed="false"><From><Year>2019</Year><Month>11</Month><Day>26</Day></From><To><Year>2019</Year><Month>11</Month><Day>26</Day></To></Start>
          <End Approximate="false" YearFixed="false" MonthFixed="false" DayFixed="false"><From><Year>2019</Year><Month>11</Month><Day>26</Day></From><To><Year>2019</Year><Month>11</Month><Day>26</Day></To></End>
        </DatePeriod>
      </DocumentDate>
    </IDRegDocument>
    <IDRegDocument ID="501" IDRegDocTypeID="1626" IdentityID="9002">
      <IDRegistrationNo>IMO 9187629</IDRegistrationNo>
    </IDRegDocument>
  </IDRegDocuments>
  <DistinctParties>
    <DistinctParty FixedRef="43598">
      <Profile ID="43598" PartySubTypeID="4">
        <Identity ID="9001" FixedRef="43598" Primary="true" False="false">
          <Alias FixedRef="43598" AliasTypeID="1403" Primary="true" LowQuality="false">
            <DocumentedName ID="1" FixedRef="43598" DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="11" ScriptID="215" ScriptStatusID="1" Acronym="false">Choe</NamePartValue></DocumentedNamePart>
              <DocumentedNamePart><NamePartValue NamePartGroupID="12" ScriptID="215" ScriptStatusID="1" Acronym="false">Chol Min</NamePartValue></DocumentedNamePart>
            </DocumentedName>
            <DocumentedName ID="2" FixedRef="43598" DocNameStatusID="2">
              <DocumentedNamePart><NamePartValue NamePartGroupID="11" ScriptID="287" ScriptStatusID="1" Acronym="false">최철민</NamePartValue></DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <Alias FixedRef="43598" AliasTypeID="1400" Primary="false" LowQuality="false">
            <DocumentedName ID="3" FixedRef="43598" DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="11" ScriptID="215" ScriptStatusID="1" Acronym="false">CHOE</NamePartValue></DocumentedNamePart>
              <DocumentedNamePart><NamePartValue NamePartGroupID="12" ScriptID="215" ScriptStatusID="1" Acronym="false">Chol-min</NamePartValue></DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <Alias FixedRef="43598" AliasTypeID="1400" Primary="false" LowQuality="true">
            <DocumentedName ID="4" FixedRef="43598" DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="12" ScriptID="215" ScriptStatusID="1" Acronym="false">Sky</NamePartValue></DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <Alias FixedRef="43598" AliasTypeID="1401" Primary="false" LowQuality="false">
            <DocumentedName ID="5" FixedRef="43598" DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="11" ScriptID="215" ScriptStatusID="1" Acronym="false">Kim</NamePartValue></DocumentedNamePart>
              <DocumentedNamePart><NamePartValue NamePartGroupID="13" ScriptID="215" ScriptStatusID="1" Acronym="false">Il</NamePartValue></DocumentedNamePart>
              <DocumentedNamePart><NamePartValue NamePartGroupID="12" ScriptID="215" ScriptStatusID="1" Acronym="false">Chol</NamePartValue></DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <NamePartGroups>
            <MasterNamePartGroup><NamePartGroup ID="11" NamePartTypeID="1520"/></MasterNamePartGroup>
            <MasterNamePartGroup><NamePartGroup ID="12" NamePartTypeID="1521"/></MasterNamePartGroup>
            <MasterNamePartGroup><NamePartGroup ID="13" NamePartTypeID="1522"/></MasterNamePartGroup>
          </NamePartGroups>
        </Identity>
        <Feature ID="70" FeatureTypeID="8">
          <FeatureVersion ID="71" ReliabilityID="1">
            <DatePeriod CalendarTypeID="1" YearFixed="false" MonthFixed="false" DayFixed="false">
              <Start Approximate="true" YearFixed="false" MonthFixed="false" DayFixed="false"><From><Year>1955</Year><Month>1</Month><Day>1</Day></From><To><Year>1955</Year><Month>12</Month><Day>31</Day></To></Start>
              <End Approximate="true" YearFixed="false" MonthFixed="false" DayFixed="false"><From><Year>1958</Year><Month>1</Month><Day>1</Day></From><To><Year>1958</Year><Month>12</Month><Day>31</Day></To></End>
            </DatePeriod>
          </FeatureVersion>
          <IdentityReference IdentityID="9001" IdentityFeatureLinkTypeID="1"/>
        </Feature>
        <Feature ID="72" FeatureTypeID="8">
          <FeatureVersion ID="73" ReliabilityID="1">
            <DatePeriod CalendarTypeID="1" YearFixed="false" MonthFixed="false" DayFixed="false">
              <Start Approximate="false" YearFixed="false" MonthFixed="false" DayFixed="false"><From><Year>1978</Year><Month>4</Month><Day>3</Day></From><To><Year>1978</Year><Month>4</Month><Day>3</Day></To></Start>
              <End Approximate="false" YearFixed="false" MonthFixed="false" DayFixed="false"><From><Year>1978</Year><Month>4</Month><Day>3</Day></From><To><Year>1978</Year><Month>4</Month><Day>3</Day></To></End>
            </DatePeriod>
          </FeatureVersion>
          <IdentityReference IdentityID="9001" IdentityFeatureLinkTypeID="1"/>
        </Feature>
        <Feature ID="74" FeatureTypeID="9">
          <FeatureVersion ID="75" ReliabilityID="1"><VersionDetail DetailTypeID="1432">Pyongyang, Korea, North</VersionDetail></FeatureVersion>
          <IdentityReference IdentityID="9001" IdentityFeatureLinkTypeID="1"/>
        </Feature>
        <Feature ID="76" FeatureTypeID="10">
          <FeatureVersion ID="77" ReliabilityID="1"><VersionLocation LocationID="300"/></FeatureVersion>
          <IdentityReference IdentityID="9001" IdentityFeatureLinkTypeID="1"/>
        </Feature>
        <Feature ID="78" FeatureTypeID="224">
          <FeatureVersion ID="79" ReliabilityID="1"><VersionDetail DetailTypeID="1431" DetailReferenceID="91526"></VersionDetail></FeatureVersion>
          <IdentityReference IdentityID="9001" IdentityFeatureLinkTypeID="1"/>
        </Feature>
        <Feature ID="80" FeatureTypeID="25">
          <FeatureVersion ID="81" ReliabilityID="1"><VersionLocation LocationID="301"/></FeatureVersion>
          <IdentityReference IdentityID="9001" IdentityFeatureLinkTypeID="1"/>
        </Feature>
      </Profile>
    </DistinctParty>
    <DistinctParty FixedRef="15036">
      <Comment>Crude oil tanker</Comment>
      <Profile ID="15036" PartySubTypeID="1">
        <Identity ID="9002" FixedRef="15036" Primary="true" False="false">
          <Alias FixedRef="15036" AliasTypeID="1403" Primary="true" LowQuality="false">
            <DocumentedName ID="6" FixedRef="15036" DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="21" ScriptID="215" ScriptStatusID="1" Acronym="false">Artavil</NamePartValue></DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <Alias FixedRef="15036" AliasTypeID="1401" Primary="false" LowQuality="false">
            <DocumentedName ID="7" FixedRef="15036" DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="21" ScriptID="215" ScriptStatusID="1" Acronym="false">ALPHA</NamePartValue></DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <Alias FixedRef="15036" AliasTypeID="1402" Primary="false" LowQuality="false">
            <DocumentedName ID="8" FixedRef="15036" DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="21" ScriptID="215" ScriptStatusID="1" Acronym="false">OMEGA</NamePartValue></DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <NamePartGroups><MasterNamePartGroup><NamePartGroup ID="21" NamePartTypeID="1526"/></MasterNamePartGroup></NamePartGroups>
        </Identity>
        <Feature ID="90" FeatureTypeID="1"><FeatureVersion ID="91" ReliabilityID="1"><VersionDetail DetailTypeID="1432">T2EU4</VersionDetail></FeatureVersion><IdentityReference IdentityID="9002" IdentityFeatureLinkTypeID="1"/></Feature>
        <Feature ID="92" FeatureTypeID="2"><FeatureVersion ID="93" ReliabilityID="1"><VersionDetail DetailTypeID="1431" DetailReferenceID="702"/></FeatureVersion><IdentityReference IdentityID="9002" IdentityFeatureLinkTypeID="1"/></Feature>
        <Feature ID="94" FeatureTypeID="3"><FeatureVersion ID="95" ReliabilityID="1"><VersionDetail DetailTypeID="1432">Panama</VersionDetail></FeatureVersion><IdentityReference IdentityID="9002" IdentityFeatureLinkTypeID="1"/></Feature>
        <Feature ID="96" FeatureTypeID="5"><FeatureVersion ID="97" ReliabilityID="1"><VersionDetail DetailTypeID="1432">99,144</VersionDetail></FeatureVersion><IdentityReference IdentityID="9002" IdentityFeatureLinkTypeID="1"/></Feature>
        <Feature ID="98" FeatureTypeID="6"><FeatureVersion ID="99" ReliabilityID="1"><VersionDetail DetailTypeID="1432">56,068</VersionDetail></FeatureVersion><IdentityReference IdentityID="9002" IdentityFeatureLinkTypeID="1"/></Feature>
        <Feature ID="100" FeatureTypeID="125"><FeatureVersion ID="101" ReliabilityID="1"><VersionDetail DetailTypeID="1431" DetailReferenceID="91473"/></FeatureVersion><IdentityReference IdentityID="9002" IdentityFeatureLinkTypeID="1"/></Feature>
      </Profile>
    </DistinctParty>
    <DistinctParty FixedRef="7002">
      <Profile ID="7002" PartySubTypeID="3">
        <Identity ID="9003" FixedRef="7002" Primary="true" False="false">
          <Alias FixedRef="7002" AliasTypeID="1403" Primary="true" LowQuality="false">
            <DocumentedName ID="9" FixedRef="7002" DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="31" ScriptID="215" ScriptStatusID="1" Acronym="false">Korea Shipping Co.</NamePartValue></DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <NamePartGroups><MasterNamePartGroup><NamePartGroup ID="31" NamePartTypeID="1525"/></MasterNamePartGroup></NamePartGroups>
        </Identity>
        <Feature ID="110" FeatureTypeID="13"><FeatureVersion ID="111" ReliabilityID="1"><VersionDetail DetailTypeID="1432">KSCOKPPY</VersionDetail></FeatureVersion><IdentityReference IdentityID="9003" IdentityFeatureLinkTypeID="1"/></Feature>
      </Profile>
    </DistinctParty>
  </DistinctParties>
  <ProfileRelationships>
    <ProfileRelationship ID="1" From-ProfileID="15036" To-ProfileID="7002" RelationTypeID="15003" RelationQualityID="1" Former="false" SanctionsEntryID="2"/>
  </ProfileRelationships>
  <SanctionsEntries>
    <SanctionsEntry ID="1" ProfileID="43598" ListID="1550">
      <EntryEvent ID="1" EntryEventTypeID="1" LegalBasisID="1828"><Date CalendarTypeID="1"><Year>2017</Year><Month>6</Month><Day>1</Day></Date></EntryEvent>
      <SanctionsMeasure ID="1" SanctionsTypeID="1"><Comment>NPWMD</Comment><DatePeriod CalendarTypeID="1" YearFixed="false" MonthFixed="false" DayFixed="false"/></SanctionsMeasure>
      <SanctionsMeasure ID="2" SanctionsTypeID="1"><Comment>DPRK3</Comment></SanctionsMeasure>
      <SanctionsMeasure ID="3" SanctionsTypeID="1705"/>
    </SanctionsEntry>
    <SanctionsEntry ID="2" ProfileID="15036" ListID="1550">
      <EntryEvent ID="2" EntryEventTypeID="1" LegalBasisID="1828"><Date CalendarTypeID="1"><Year>2011</Year><Month>7</Month><Day>12</Day></Date></EntryEvent>
      <SanctionsMeasure ID="4" SanctionsTypeID="1705"/>
    </SanctionsEntry>
    <SanctionsEntry ID="3" ProfileID="7002" ListID="91512">
      <EntryEvent ID="3" EntryEventTypeID="1"><Date CalendarTypeID="1"><Year>2020</Year><Month>2</Month><Day>29</Day></Date></EntryEvent>
      <SanctionsMeasure ID="5" SanctionsTypeID="1"><Comment>NS-MBS</Comment></SanctionsMeasure>
    </SanctionsEntry>
  </SanctionsEntries>
  <SanctionsEntryLinks/>
</Sanctions>
"#;

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

    /// A small enhanced-XML list: a vessel on the SDN list with a Cyrillic name, linked to
    /// a person on a non-SDN list and to a party outside the file.
    const ENHANCED: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<sanctionsData xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML">
  <publicationInfo><dataAsOf>2024-08-28T00:00:00</dataAsOf></publicationInfo>
  <referenceValues>
    <referenceValue refId="11109"><type>COUNTRY</type><value>Iran</value><isoCode>IR</isoCode></referenceValue>
    <referenceValue refId="11290"><type>COUNTRY</type><value>Atlantis</value><isoCode>XA</isoCode></referenceValue>
    <referenceValue refId="1400"><type>ALIAS TYPE</type><value>A.K.A.</value></referenceValue>
  </referenceValues>
  <featureTypes>
    <featureType featureTypeId="8"><type>Birthdate</type><detailType refId="1430">DATE</detailType></featureType>
  </featureTypes>
  <entities>
    <entity id="15036">
      <generalInfo><identityId>1</identityId><entityType refId="602">Vessel</entityType></generalInfo>
      <sanctionsLists><sanctionsList refId="1550" id="1" datePublished="2011-07-12">SDN List</sanctionsList></sanctionsLists>
      <sanctionsPrograms><sanctionsProgram refId="91166" id="2">IRGC</sanctionsProgram></sanctionsPrograms>
      <names>
        <name id="1">
          <isPrimary>true</isPrimary><isLowQuality>false</isLowQuality>
          <translations>
            <translation id="1"><isPrimary>true</isPrimary><script refId="20122">Latin</script>
              <formattedFullName>ARTAVIL</formattedFullName>
              <nameParts><namePart id="1"><type refId="1526">Vessel Name</type><value>Artavil</value></namePart></nameParts>
            </translation>
            <translation id="2"><isPrimary>false</isPrimary><script refId="20107">Cyrillic</script>
              <formattedFullName>АРТАВИЛ</formattedFullName>
              <nameParts><namePart id="2"><type refId="1526">Vessel Name</type><value>Артавил</value></namePart></nameParts>
            </translation>
          </translations>
        </name>
        <name id="2">
          <isPrimary>false</isPrimary><aliasType refId="1400"></aliasType><isLowQuality>true</isLowQuality>
          <translations><translation id="3"><isPrimary>true</isPrimary><script refId="20122">Latin</script>
            <formattedFullName>ART</formattedFullName></translation></translations>
        </name>
      </names>
      <addresses><address id="1" /></addresses>
      <features>
        <feature id="1"><type featureTypeId="3">Vessel Flag</type><value>Iran</value><isPrimary>true</isPrimary></feature>
        <feature id="2"><type featureTypeId="2">VESSEL TYPE</type><value>Crude/Oil Products Tanker</value><valueRefId>701</valueRefId></feature>
        <feature id="3"><type featureTypeId="4">Vessel Owner</type><value>NITC</value></feature>
        <feature id="4"><type featureTypeId="1">Vessel Call Sign</type><value>9BQK</value></feature>
        <feature id="5"><type featureTypeId="47">Aircraft Model</type><value>none</value></feature>
      </features>
      <identityDocuments>
        <identityDocument id="1"><type refId="1626">Vessel Registration Identification</type>
          <documentNumber>IMO 9187629</documentNumber><isValid>true</isValid></identityDocument>
        <identityDocument id="2"><type refId="91264">MMSI</type><documentNumber>572469210</documentNumber><isValid>true</isValid></identityDocument>
      </identityDocuments>
      <relationships>
        <relationship id="1"><type refId="15003">Owned or Controlled By</type><relatedEntity entityId="777">MOHAMMADI, Reza</relatedEntity></relationship>
        <relationship id="2"><type refId="15003">Owned or Controlled By</type><relatedEntity entityId="12478">ANSAR BANK</relatedEntity></relationship>
      </relationships>
    </entity>
    <entity id="777">
      <generalInfo><identityId>2</identityId><entityType refId="600">Individual</entityType><title>Captain</title><remarks>Ship master</remarks></generalInfo>
      <sanctionsLists><sanctionsList refId="91512" id="3" datePublished="2022-01-05">Consolidated List</sanctionsList></sanctionsLists>
      <names>
        <name id="3"><isPrimary>true</isPrimary><isLowQuality>false</isLowQuality>
          <translations><translation id="4"><isPrimary>true</isPrimary><script refId="20122">Latin</script>
            <nameParts>
              <namePart id="3"><type refId="1521">First Name</type><value>Reza</value></namePart>
              <namePart id="4"><type refId="1520">Last Name</type><value>Mohammadi</value></namePart>
            </nameParts></translation></translations>
        </name>
      </names>
      <addresses>
        <address id="2"><country refId="11290">Atlantis</country>
          <translations><translation id="5"><isPrimary>true</isPrimary><script refId="20122">Latin</script>
            <addressParts>
              <addressPart id="1"><type refId="1451">ADDRESS1</type><value>No. 5, Pasdaran Street</value></addressPart>
              <addressPart id="2"><type refId="1454">CITY</type><value>Tehran</value></addressPart>
              <addressPart id="3"><type refId="1456">POSTAL CODE</type><value>12345</value></addressPart>
            </addressParts></translation></translations>
        </address>
      </addresses>
      <features>
        <feature id="6"><type featureTypeId="8">Birthdate</type><value>1951 to 1953</value>
          <valueDate id="1"><fromDateBegin>1951-01-01</fromDateBegin><fromDateEnd>1951-12-31</fromDateEnd>
            <toDateBegin>1953-01-01</toDateBegin><toDateEnd>1953-12-31</toDateEnd>
            <isApproximate>false</isApproximate><isDateRange>true</isDateRange></valueDate></feature>
        <feature id="7"><type featureTypeId="8"></type><value>Apr 1961</value>
          <valueDate id="2"><fromDateBegin>1961-04-01</fromDateBegin><fromDateEnd>1961-04-01</fromDateEnd>
            <toDateBegin>1961-04-30</toDateBegin><toDateEnd>1961-04-30</toDateEnd>
            <isApproximate>true</isApproximate><isDateRange>false</isDateRange></valueDate></feature>
        <feature id="8"><type featureTypeId="10">Nationality Country</type><value>Iran</value><valueRefId>11109</valueRefId></feature>
        <feature id="9"><type featureTypeId="11">Citizenship Country</type><value>Atlantis</value><valueRefId>11290</valueRefId></feature>
        <feature id="10"><type featureTypeId="224">Gender</type><value>Male</value></feature>
        <feature id="11"><type featureTypeId="21">Email Address</type><value>captain@example.com</value></feature>
      </features>
      <identityDocuments>
        <identityDocument id="3"><type refId="1571">Passport</type><documentNumber>G9333110</documentNumber><isValid>false</isValid>
          <issuingCountry refId="11109">Iran</issuingCountry>
          <issueDate id="3"><fromDateBegin>2014-03-03</fromDateBegin><fromDateEnd>2014-03-03</fromDateEnd><toDateBegin>2014-03-03</toDateBegin><toDateEnd>2014-03-03</toDateEnd><isApproximate>false</isApproximate><isDateRange>false</isDateRange></issueDate>
        </identityDocument>
      </identityDocuments>
    </entity>
  </entities>
</sanctionsData>
"#;

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

    #[test]
    fn dates_from_bounds_keep_their_precision() {
        let d = |s: &str| Ymd::parse_iso(s).unwrap();
        let cases = [
            ((d("1972-01-01"), d("1972-01-01")), (d("1972-12-31"), d("1972-12-31")), false, "1972"),
            ((d("1961-04-01"), d("1961-04-01")), (d("1961-04-30"), d("1961-04-30")), false, "1961-04"),
            ((d("1964-02-01"), d("1964-02-01")), (d("1964-02-29"), d("1964-02-29")), false, "1964-02"),
            ((d("1978-04-03"), d("1978-04-03")), (d("1978-04-03"), d("1978-04-03")), false, "1978-04-03"),
            ((d("1951-01-01"), d("1951-12-31")), (d("1953-01-01"), d("1953-12-31")), true, "1951 to 1953"),
            ((d("1951-01-01"), d("1951-12-31")), (d("1953-01-01"), d("1953-12-31")), false, "1951 to 1953"),
            ((d("1960-01-01"), d("1960-01-01")), (d("1962-12-31"), d("1962-12-31")), false, "1960 to 1962"),
            ((d("1960-03-05"), d("1960-03-05")), (d("1960-07-09"), d("1960-07-09")), false, "1960-03-05 to 1960-07-09"),
        ];
        for (start, end, range, expected) in cases {
            assert_eq!(describe_date(&date_from_bounds(start, end, false, range)), expected, "{start:?} {end:?}");
        }
        assert_eq!(Ymd::parse_iso("1961-02-29"), None);
        assert_eq!(Ymd::parse_iso("2024-08-28T00:00:00").map(Ymd::iso).as_deref(), Some("2024-08-28"));
    }

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

    const REAL_FILE: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/ofac/enhanced_xml_program-IRGC_2024-08-28/IRGC_sanctions.xml"
    );

    #[test]
    fn real_irgc_enhanced_file() {
        let path = Path::new(REAL_FILE);
        if !path.exists() {
            crate::report_skipped("the OFAC IRGC enhanced XML test did not run");
            return;
        }
        let parsed = crate::parse_source(SourceKind::OfacAdvanced, path).unwrap();
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
