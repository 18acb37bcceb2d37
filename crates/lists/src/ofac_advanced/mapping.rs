//! What both OFAC advanced formats say, mapped into [`Entity`] fields: names in OFAC's
//! order and case, addresses from location parts, identifiers, and features (dates and
//! places of birth, nationality, vessel details...) by their type name.

use interdict_model::{
    Address, Alias, AliasKind, BirthDate, Country, Entity, EntityKind, Gender, IdKind, Identifier, Strength, VesselInfo,
};

use super::periods::describe_date;
use super::W_UNKNOWN_REF;
use crate::fields::{collapse_whitespace, non_empty, push_unique};
use crate::reader::Reader;
use crate::{dates, ids};

/// Removes the bidirectional-text control characters OFAC wraps around Arabic names.
fn strip_bidi(text: &str) -> String {
    text.chars()
        .filter(
            |c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'),
        )
        .collect()
}

/// [`collapse_whitespace`] after [`strip_bidi`]: both formats wrap Arabic names in bidi
/// controls, which would otherwise stay in names as invisible characters.
pub(super) fn clean(text: &str) -> String {
    collapse_whitespace(&strip_bidi(text))
}

/// A country from the name a list gives; the list's own ISO code fills in when the name
/// is not in the model's table.
pub(super) fn make_country(name: &str, iso2: Option<&str>) -> Country {
    let mut country = Country::from_name(&clean(name));
    if country.code.is_none() {
        country.code = iso2
            .map(str::trim)
            .filter(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_alphabetic()))
            .map(str::to_ascii_uppercase);
    }
    country
}

pub(super) fn kind_from_label(label: &str) -> Option<EntityKind> {
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

/// The alias kind an alias type label names. No label reads as a.k.a.; so does a label
/// that names no kind, with a warning.
pub(super) fn alias_kind_or_aka(label: Option<String>, reader: &mut Reader, offset: u64) -> AliasKind {
    match label {
        Some(label) => alias_kind(&label).unwrap_or_else(|| {
            reader.warn(W_UNKNOWN_REF, offset, format!("alias type {label:?} read as a.k.a."));
            AliasKind::Aka
        }),
        None => AliasKind::Aka,
    }
}

pub(super) fn is_latin_script(name: &str) -> bool {
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
pub(super) fn assemble_name(parts: &[(String, String)], person: bool, latin: bool) -> String {
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
pub(super) fn address_from_parts(parts: &[(String, String)], country: Option<Country>) -> Address {
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
pub(super) fn address_line(address: &Address) -> String {
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

pub(super) fn make_identifier(
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

/// What one feature version says, read from either format.
#[derive(Default)]
pub(super) struct FeatureValue {
    pub(super) text: Option<String>,
    pub(super) date: Option<BirthDate>,
    pub(super) country: Option<Country>,
    pub(super) address: Option<Address>,
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
pub(super) fn apply_feature(
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
pub(super) struct NameSet {
    pub(super) latin: Vec<String>,
    pub(super) other_script: Vec<String>,
}

/// Collects names into the entity once all are read.
#[derive(Default)]
pub(super) struct Names {
    primary: Option<String>,
    aliases: Vec<Alias>,
    original_script: Vec<String>,
    /// The first name seen, used when no name is marked primary.
    fallback: Option<String>,
}

impl Names {
    pub(super) fn add(&mut self, set: NameSet, primary: bool, kind: AliasKind, strength: Strength) {
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
    pub(super) fn into_entity(mut self, entity: &mut Entity) -> Result<bool, ()> {
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
