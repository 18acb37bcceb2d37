//! Structured facts from OFAC's free-text Remarks field.
//!
//! OFAC's legacy CSV files put most of what they know about a party into one Remarks
//! column, as `; `-separated items:
//!
//! ```text
//! DOB 03 Apr 1978; nationality Korea, North; Gender Male; Passport 108410050 (Korea, North)
//! expires 19 Oct 2023; SWIFT/BIC BNCUCUHH; Vessel Registration Identification IMO 7406784;
//! a.k.a. 'BNC'; Linked To: SECOND ACADEMY OF NATURAL SCIENCES.
//! ```
//!
//! [`apply`] reads those items into the entity's structured fields. An item it does not
//! recognise stays only in the full remarks text, which the entity always keeps.
//! Identifiers are recognised as `LABEL VALUE [(COUNTRY)] [NOTE]` where the label is a
//! known identifier label (see [`crate::ids::kind_for_label`]) or ends in a word such as
//! `No.`, `Number` or `#`, and the value is the first token holding a digit.

use interdict_model::{Alias, AliasKind, Country, Entity, Gender, IdKind, Identifier, Link, Strength};

use crate::dates::parse_birth_date;
use crate::ids::kind_for_label;

/// Labels whose values hold no digit, so the generic rule cannot find them.
const TEXT_VALUE_LABELS: [&str; 5] =
    ["SWIFT/BIC", "Email Address", "Website", "Digital Currency Address - ", "Web site"];

/// Item openings that are never identifiers even though a number follows.
const NOT_IDENTIFIERS: [&str; 14] = [
    "Executive Order",
    "Secondary sanctions",
    "Listing Date",
    "Effective Date",
    "Organization Established Date",
    "Aircraft Manufacture Date",
    "Aircraft Model",
    "Aircraft Operator",
    "Vessel Year of Build",
    "CAATSA",
    "Additional Sanctions",
    "Transactions Prohibited",
    "IFCA",
    "Organization Type",
];

/// Words that end an identifier label even when [`kind_for_label`] does not know it.
const LABEL_ENDINGS: [&str; 8] = ["no.", "no", "number", "#", "id", "code", "card", "(ru)"];

/// What [`apply`] found, for counting and tests.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Extracted {
    pub birth_dates: usize,
    pub identifiers: usize,
    pub aliases: usize,
    pub links: usize,
    /// Items that looked like a fact but could not be read (a DOB that is not a date).
    pub unreadable: usize,
}

/// Splits remarks into items and reads each one into `entity`.
pub fn apply(entity: &mut Entity, remarks: &str) -> Extracted {
    let mut found = Extracted::default();
    for item in split_items(remarks) {
        read_item(entity, item, &mut found);
    }
    found
}

/// Splits on `;` outside single quotes, trims, and drops the final period.
fn split_items(remarks: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let mut start = 0;
    let mut in_quote = false;
    let bytes = remarks.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            // An apostrophe inside a word (CH'OE) does not open a quote.
            b'\'' => {
                let prev_alnum = i > 0 && bytes[i - 1].is_ascii_alphanumeric();
                let next_alnum = bytes.get(i + 1).is_some_and(|c| c.is_ascii_alphanumeric());
                if !(prev_alnum && next_alnum) {
                    in_quote = !in_quote;
                }
            }
            b';' if !in_quote => {
                items.push(&remarks[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&remarks[start..]);
    items
        .into_iter()
        .map(|s| s.trim())
        .map(|s| s.strip_suffix('.').unwrap_or(s).trim())
        .filter(|s| !s.is_empty())
        .collect()
}

fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    if text.len() >= prefix.len()
        && text.is_char_boundary(prefix.len())
        && text[..prefix.len()].eq_ignore_ascii_case(prefix)
    {
        Some(&text[prefix.len()..])
    } else {
        None
    }
}

fn unquote(text: &str) -> &str {
    let t = text.trim();
    let t = t.strip_prefix('\'').unwrap_or(t);
    t.strip_suffix('\'').unwrap_or(t).trim()
}

fn read_item(entity: &mut Entity, item: &str, found: &mut Extracted) {
    let item = strip_prefix_ci(item, "alt. ").unwrap_or(item).trim();
    if let Some(rest) = item.strip_prefix("DOB ") {
        match parse_birth_date(rest) {
            Some(date) => {
                entity.birth_dates.push(date);
                found.birth_dates += 1;
            }
            None => found.unreadable += 1,
        }
    } else if let Some(rest) = item.strip_prefix("POB ") {
        entity.birth_places.push(rest.trim().to_string());
    } else if let Some(rest) = item.strip_prefix("nationality ") {
        entity.nationalities.push(Country::from_name(rest));
    } else if let Some(rest) = item.strip_prefix("citizen ") {
        entity.citizenships.push(Country::from_name(rest));
    } else if let Some(rest) = item.strip_prefix("Gender ") {
        entity.gender = match rest.trim() {
            "Male" => Some(Gender::Male),
            "Female" => Some(Gender::Female),
            _ => entity.gender.clone(),
        };
    } else if let Some(rest) = item.strip_prefix("Linked To:") {
        let target = rest.trim();
        if !target.is_empty() {
            entity.links.push(Link { relation: "Linked To".into(), target_name: target.to_string(), target_id: None });
            found.links += 1;
        }
    } else if let Some((kind, rest)) = alias_item(item) {
        let name = unquote(rest);
        if !name.is_empty() && !entity.aliases.iter().any(|a| a.name.eq_ignore_ascii_case(name)) {
            // OFAC puts only its low-quality aliases into the remarks.
            entity.aliases.push(Alias { name: name.to_string(), kind, strength: Strength::Weak });
            found.aliases += 1;
        }
    } else if let Some(id) = identifier(item) {
        if id.kind == IdKind::Imo || id.kind == IdKind::Mmsi {
            // Vessel numbers also describe the vessel.
            entity.vessel.get_or_insert_with(Default::default);
        }
        entity.identifiers.push(id);
        found.identifiers += 1;
    }
}

fn alias_item(item: &str) -> Option<(AliasKind, &str)> {
    [("a.k.a.", AliasKind::Aka), ("f.k.a.", AliasKind::Fka), ("n.k.a.", AliasKind::Nka)]
        .into_iter()
        .find_map(|(prefix, kind)| strip_prefix_ci(item, prefix).map(|rest| (kind, rest)))
}

/// Reads `LABEL VALUE [(COUNTRY)] [NOTE]`.
fn identifier(item: &str) -> Option<Identifier> {
    if NOT_IDENTIFIERS.iter().any(|p| item.starts_with(p)) {
        return None;
    }
    let (label, rest) = match TEXT_VALUE_LABELS.iter().find(|l| item.starts_with(*l)) {
        Some(l) if l.ends_with(' ') => {
            // "Digital Currency Address - XBT 1AbC...": the currency belongs to the label.
            let tail = &item[l.len()..];
            let (currency, value) = tail.split_once(' ')?;
            (format!("{l}{currency}"), value)
        }
        Some(l) => {
            // These values may start in lower case (e-mail addresses, web sites).
            let rest = item[l.len()..].trim();
            let (value, after) = match rest.find(" (") {
                Some(i) => (&rest[..i], &rest[i..]),
                None => (rest, ""),
            };
            let (country, note) = split_country(after);
            let value = value.trim();
            return (!value.is_empty()).then(|| Identifier {
                kind: kind_for_label(l),
                value: value.to_string(),
                label: l.to_string(),
                country,
                note,
            });
        }
        None => {
            let tokens: Vec<&str> = item.split(' ').collect();
            let at = tokens.iter().position(|t| t.bytes().any(|b| b.is_ascii_digit()))?;
            if at == 0 {
                return None;
            }
            let label = tokens[..at].join(" ");
            let kind = kind_for_label(&label);
            let ends_like_label = LABEL_ENDINGS.iter().any(|e| label.to_ascii_lowercase().ends_with(e));
            if kind == IdKind::Other && !ends_like_label {
                return None;
            }
            // A label is a short phrase; long ones are sentences that happen to hold a number.
            if at > 8 {
                return None;
            }
            let offset = tokens[..at].iter().map(|t| t.len() + 1).sum::<usize>();
            (label, &item[offset.min(item.len())..])
        }
    };
    let (value, after) = split_value(rest);
    if value.is_empty() {
        return None;
    }
    let (country, note) = split_country(after);
    let mut kind = kind_for_label(&label);
    let mut value = value.to_string();
    if let Some(v) = value.strip_prefix("IMO ") {
        value = v.to_string();
        kind = IdKind::Imo;
    }
    if kind == IdKind::Imo {
        value.retain(|c| !c.is_whitespace());
    }
    Some(Identifier { kind, value, label, country, note })
}

/// The value runs until an opening parenthesis or a lower-case word (`expires`, `issued`).
fn split_value(rest: &str) -> (&str, &str) {
    let mut end = 0;
    for (i, token) in token_spans(rest) {
        let first = token.chars().next().unwrap_or(' ');
        if first == '(' || first.is_lowercase() {
            break;
        }
        end = i + token.len();
    }
    (rest[..end].trim(), rest[end..].trim())
}

fn token_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    text.split(' ').map(move |t| {
        let start = pos;
        pos += t.len() + 1;
        (start, t)
    })
}

/// `(Korea, North) expires 19 Oct 2023` → country and note.
fn split_country(after: &str) -> (Option<Country>, Option<String>) {
    let after = after.trim();
    if let Some(inner) = after.strip_prefix('(') {
        if let Some(close) = inner.find(')') {
            let country = &inner[..close];
            let note = inner[close + 1..].trim();
            let note = (!note.is_empty()).then(|| note.to_string());
            return (Some(Country::from_name(country)), note);
        }
    }
    (None, (!after.is_empty()).then(|| after.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use interdict_model::EntityKind;

    fn entity_from(remarks: &str) -> (Entity, Extracted) {
        let mut e = Entity::new("t:1", "t", EntityKind::Person, "X");
        let found = apply(&mut e, remarks);
        (e, found)
    }

    #[test]
    fn choe_chol_min_remarks() {
        let (e, found) = entity_from(
            "DOB 03 Apr 1978; nationality Korea, North; Gender Male; Secondary sanctions risk: North Korea \
             Sanctions Regulations, sections 510.201 and 510.210; Transactions Prohibited For Persons Owned or \
             Controlled By U.S. Financial Institutions: North Korea Sanctions Regulations section 510.214; \
             Passport 108410050 (Korea, North) expires 19 Oct 2023; Linked To: SECOND ACADEMY OF NATURAL SCIENCES.",
        );
        assert_eq!(found, Extracted { birth_dates: 1, identifiers: 1, aliases: 0, links: 1, unreadable: 0 });
        assert_eq!(e.birth_dates[0].from.to_string(), "1978-04-03");
        assert_eq!(e.nationalities[0].code.as_deref(), Some("KP"));
        assert_eq!(e.gender, Some(Gender::Male));
        let passport = &e.identifiers[0];
        assert_eq!((passport.kind.clone(), passport.value.as_str()), (IdKind::Passport, "108410050"));
        assert_eq!(passport.country.as_ref().and_then(|c| c.code.as_deref()), Some("KP"));
        assert_eq!(passport.note.as_deref(), Some("expires 19 Oct 2023"));
        assert_eq!(e.links[0].target_name, "SECOND ACADEMY OF NATURAL SCIENCES");
    }

    #[test]
    fn identifier_items() {
        type Expected<'a> = Option<(IdKind, &'a str, Option<&'a str>)>;
        let cases: &[(&str, Expected)] = &[
            ("SWIFT/BIC BNCUCUHH", Some((IdKind::Bic, "BNCUCUHH", None))),
            ("Vessel Registration Identification IMO 7406784", Some((IdKind::Imo, "7406784", None))),
            ("MMSI 572469210", Some((IdKind::Mmsi, "572469210", None))),
            ("Tax ID No. 7744001497 (Russia)", Some((IdKind::TaxId, "7744001497", Some("RU")))),
            ("Cedula No. 16246727 (Colombia)", Some((IdKind::NationalId, "16246727", Some("CO")))),
            (
                "Registration Number 1027700342890 (Russia)",
                Some((IdKind::RegistrationNumber, "1027700342890", Some("RU"))),
            ),
            ("NIT # 8000123456-1 (Colombia)", Some((IdKind::TaxId, "8000123456-1", Some("CO")))),
            ("Digital Currency Address - XBT 1AbCdEf", Some((IdKind::DigitalCurrencyAddress, "1AbCdEf", None))),
            ("Email Address info@example.com", Some((IdKind::Email, "info@example.com", None))),
            ("Executive Order 13846 information: LOW-ENRICHED URANIUM", None),
            ("Organization Established Date 2005", None),
            ("Aircraft Model Airbus A300B4-605R", None),
            ("Member of the State Duma of the Federal Assembly of the Russian Federation", None),
            ("Kennitala 123", None),
        ];
        for (item, expected) in cases {
            let got = identifier(item).map(|id| {
                let code = id.country.and_then(|c| c.code);
                (id.kind, id.value, code)
            });
            let expected = expected.clone().map(|(k, v, c)| (k, v.to_string(), c.map(str::to_string)));
            assert_eq!(got, expected, "{item}");
        }
    }

    #[test]
    fn weak_aliases_dates_and_places() {
        let (e, found) = entity_from(
            "a.k.a. 'BNC'; f.k.a. 'ANA I'; DOB circa 1960; alt. DOB 1955 to 1958; POB Moscow, Russia; \
             citizen Iran; a.k.a. 'CH'OE, Chol'; DOB sometime",
        );
        let names: Vec<_> = e.aliases.iter().map(|a| (a.name.as_str(), a.kind.clone(), a.strength.clone())).collect();
        assert_eq!(
            names,
            [
                ("BNC", AliasKind::Aka, Strength::Weak),
                ("ANA I", AliasKind::Fka, Strength::Weak),
                ("CH'OE, Chol", AliasKind::Aka, Strength::Weak)
            ]
        );
        assert_eq!(e.birth_dates.len(), 2);
        assert!(e.birth_dates[0].approximate);
        assert_eq!(e.birth_dates[1].years(), (1955, 1958));
        assert_eq!(e.birth_places, ["Moscow, Russia"]);
        assert_eq!(e.citizenships[0].code.as_deref(), Some("IR"));
        assert_eq!(found.unreadable, 1);
    }

    #[test]
    fn hostile_remarks_do_not_panic() {
        for text in [
            "",
            ";",
            ";;;.",
            "'",
            "a.k.a.",
            "a.k.a. ''",
            "DOB",
            "Passport",
            "(",
            "Passport (Iran)",
            "é; ü'x; DOB 31 Feb",
            "SWIFT/BIC",
        ] {
            let (e, found) = entity_from(text);
            assert!(e.identifiers.is_empty() && e.aliases.is_empty() && e.birth_dates.is_empty(), "{text}: {e:?}");
            assert_eq!(found.identifiers + found.aliases + found.birth_dates, 0, "{text}");
        }
    }
}
