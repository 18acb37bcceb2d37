//! Secondary factors: what the caller knows besides the name.
//!
//! A payment or a customer record often carries a date or year of birth, a country and
//! an identifier (passport number, BIC). When the caller gives them, they move a name
//! score up or down, by the fixed amounts below, and the alert says so:
//!
//! | factor | agrees with the listed entity | disagrees |
//! |--------|-------------------------------|-----------|
//! | birth year | +0.05 (inside a listed date or range, ±1 year when "circa") | −0.15 when every listed birth date is 3+ years away |
//! | country (ISO code) | +0.03 (a nationality, citizenship or address country) | none: people live and bank abroad |
//! | identifier (`kind:value`) | the score becomes at least 0.99 (if the name alone scores 0.5 or more) | −0.05 when the entity lists that kind with other values |
//!
//! Nothing changes when the listed entity does not record the factor.

use interdict_model::{ArchivedEntity, IdKind};

/// An identifier lifts a name only if the name alone scores at least this much: the
/// name must still look like the listed party.
pub const IDENTIFIER_MIN_NAME_SCORE: f32 = 0.5;

const BIRTH_YEAR_AGREES: f32 = 0.05;
const BIRTH_YEAR_DISAGREES: f32 = -0.15;
const COUNTRY_AGREES: f32 = 0.03;
const IDENTIFIER_AGREES_FLOOR: f32 = 0.99;
const IDENTIFIER_DISAGREES: f32 = -0.05;

/// What the caller knows about the party besides its name. Every field is optional.
/// `Hash` and `Eq` cover every field: a cache of results keyed by (name, context)
/// stays right when a factor is added here.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Context {
    pub birth_year: Option<u16>,
    /// ISO 3166-1 alpha-2 code.
    pub country: Option<String>,
    pub identifiers: Vec<(IdKind, String)>,
}

/// Why a factor given as text is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error("{0:?} is not a known country name or ISO code")]
    UnknownCountry(String),
    #[error("{0:?}: expected KIND:VALUE")]
    NotKindValue(String),
    #[error("{id:?}: unknown kind {kind:?} (one of {})", IdKind::ALL.iter().map(IdKind::as_str).collect::<Vec<_>>().join(", "))]
    UnknownIdKind { id: String, kind: String },
}

impl Context {
    /// The ISO code of a country given by its code or name, as [`Context::country`]
    /// takes it.
    pub fn country_code(text: &str) -> Result<String, Error> {
        interdict_model::countries::code_for(text)
            .map(str::to_string)
            .ok_or_else(|| Error::UnknownCountry(text.to_string()))
    }

    /// An identifier given as `KIND:VALUE` (`passport:108410050`, `bic:BNCUCUHH`), as
    /// [`Context::identifiers`] holds it.
    pub fn identifier(text: &str) -> Result<(IdKind, String), Error> {
        let (kind, value) = text.split_once(':').ok_or_else(|| Error::NotKindValue(text.to_string()))?;
        let kind = IdKind::parse(kind).ok_or_else(|| Error::UnknownIdKind { id: text.into(), kind: kind.into() })?;
        Ok((kind, value.to_string()))
    }

    /// The lowest name score that the factors given could lift to `threshold`.
    pub(crate) fn lowest_liftable(&self, threshold: f32) -> f32 {
        let mut raise = 0.0;
        if self.birth_year.is_some() {
            raise += BIRTH_YEAR_AGREES;
        }
        if self.country.is_some() {
            raise += COUNTRY_AGREES;
        }
        let lowest = threshold - raise;
        if self.identifiers.is_empty() {
            lowest
        } else {
            lowest.min(IDENTIFIER_MIN_NAME_SCORE)
        }
    }

    pub fn is_empty(&self) -> bool {
        self.birth_year.is_none() && self.country.is_none() && self.identifiers.is_empty()
    }

    /// Adjusts a name score for one entity; returns the new score and a sentence per
    /// factor that applied.
    pub(crate) fn adjust(&self, entity: &ArchivedEntity, score: f32) -> (f32, Vec<String>) {
        let mut score = score;
        let mut notes = Vec::new();
        if let Some(year) = self.birth_year {
            if let Some(agrees) = birth_year_agrees(entity, year) {
                if agrees {
                    score += BIRTH_YEAR_AGREES;
                    notes.push(format!("born {year}, as listed (+{BIRTH_YEAR_AGREES:.2})"));
                } else {
                    score += BIRTH_YEAR_DISAGREES;
                    notes.push(format!("born {year}, not as listed ({BIRTH_YEAR_DISAGREES:.2})"));
                }
            }
        }
        if let Some(country) = &self.country {
            if entity_countries(entity).any(|c| c.eq_ignore_ascii_case(country)) {
                score += COUNTRY_AGREES;
                notes.push(format!("country {country} is listed (+{COUNTRY_AGREES:.2})"));
            }
        }
        for (kind, value) in &self.identifiers {
            let key = interdict_index::identifier_key(kind, value);
            let listed: Vec<&str> = entity
                .identifiers
                .iter()
                .filter(|id| IdKind::from(&id.kind) == *kind)
                .map(|id| id.value.as_str())
                .collect();
            if listed.is_empty() {
                continue;
            }
            if listed.iter().any(|v| interdict_index::identifier_key(kind, v) == key) {
                if score < IDENTIFIER_MIN_NAME_SCORE {
                    continue;
                }
                score = score.max(IDENTIFIER_AGREES_FLOOR);
                notes
                    .push(format!("{} {value} is listed (score at least {IDENTIFIER_AGREES_FLOOR:.2})", kind.as_str()));
            } else {
                score += IDENTIFIER_DISAGREES;
                notes.push(format!("{} {value} differs from the listed ({IDENTIFIER_DISAGREES:.2})", kind.as_str()));
            }
        }
        (score.clamp(0.0, 1.0), notes)
    }
}

/// `Some(true)` if the year falls in a listed birth date, `Some(false)` if every listed
/// date is far from it, `None` if the entity lists no birth date.
fn birth_year_agrees(entity: &ArchivedEntity, year: u16) -> Option<bool> {
    if entity.birth_dates.is_empty() {
        return None;
    }
    let mut near = false;
    for d in entity.birth_dates.iter() {
        let (lo, hi) = d.years();
        let slack = if d.approximate { 1 } else { 0 };
        if year + slack >= lo && year <= hi + slack {
            return Some(true);
        }
        if year + 2 >= lo && year <= hi + 2 {
            near = true;
        }
    }
    if near {
        None
    } else {
        Some(false)
    }
}

fn entity_countries(entity: &ArchivedEntity) -> impl Iterator<Item = &str> {
    let nationalities = entity.nationalities.iter().chain(entity.citizenships.iter()).filter_map(|c| c.code.as_ref());
    let addresses = entity.addresses.iter().filter_map(|a| a.country.as_ref()).filter_map(|c| c.code.as_ref());
    nationalities.chain(addresses).map(|c| c.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factors_read_from_text_or_say_why_not() {
        assert_eq!(Context::country_code("Korea, North").unwrap(), "KP");
        assert_eq!(Context::country_code("kp").unwrap(), "KP");
        assert_eq!(
            Context::country_code("Atlantis").unwrap_err().to_string(),
            "\"Atlantis\" is not a known country name or ISO code"
        );
        assert_eq!(Context::identifier("Passport:108410050").unwrap(), (IdKind::Passport, "108410050".to_string()));
        assert_eq!(Context::identifier("108410050").unwrap_err().to_string(), "\"108410050\": expected KIND:VALUE");
        let unknown = Context::identifier("swift:BNCUCUHH").unwrap_err().to_string();
        assert!(
            unknown.starts_with("\"swift:BNCUCUHH\": unknown kind \"swift\" (one of passport, national_id, "),
            "{unknown}"
        );
    }
}
