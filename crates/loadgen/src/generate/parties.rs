//! Who pays whom: innocent people and companies of a locale, with their address, bank
//! (BIC) and account (an IBAN with valid check digits where the country uses IBANs),
//! drawn from the tables of [`crate::names`].

use std::fmt::Write as _;

use rand::rngs::StdRng;
use rand::Rng;

use super::random::{alnum, digit, letter, pick, pick_str};
use crate::names::{self, AddressStyle, CityLine, Feminine, Locale, NameStyle, LOCALES};

/// Innocent names stay below the lengths at which a name looks cut at a 35-character
/// line, and fit an MT line once transliterated.
const MAX_INNOCENT_NAME: usize = 31;

pub(crate) struct Bank {
    /// 8 or 11 characters.
    pub(crate) bic: String,
}

impl Bank {
    pub(crate) fn bic8(&self) -> &str {
        &self.bic[..8]
    }

    pub(crate) fn branch(&self) -> &str {
        self.bic.get(8..11).unwrap_or("XXX")
    }
}

pub(crate) struct Party {
    pub(crate) name: String,
    pub(crate) locale: &'static Locale,
    pub(crate) street: &'static str,
    pub(crate) number: String,
    pub(crate) city: &'static str,
    pub(crate) region: &'static str,
    pub(crate) postcode: String,
    pub(crate) account: String,
    pub(crate) iban: bool,
    /// Upper case in MT103 (most banks write it so).
    pub(crate) mt_upper: bool,
}

pub(crate) fn locale(rng: &mut StdRng) -> &'static Locale {
    pick(rng, &LOCALES)
}

/// Expands a pattern: `#` digit, `A` letter, `B` the next bank-code letter.
fn expand(rng: &mut StdRng, pattern: &str, bank_code: &str, out: &mut String) {
    let mut bank = bank_code.chars();
    for c in pattern.chars() {
        match c {
            '#' => out.push(digit(rng)),
            'A' => out.push(letter(rng)),
            'B' => out.push(bank.next().unwrap_or('X')),
            other => out.push(other),
        }
    }
}

pub(crate) fn bank(rng: &mut StdRng, l: &Locale) -> Bank {
    let mut bic = String::with_capacity(11);
    bic.push_str(pick_str(rng, &l.banks));
    bic.push_str(l.country);
    bic.push_str(pick_str(rng, &l.bic_locations));
    match rng.random_range(0..20) {
        0..=9 => bic.push_str("XXX"),
        10..=16 => {}
        _ => {
            // A branch code: three alphanumerics, not starting with X (reserved for XXX).
            let first = loop {
                let c = alnum(rng);
                if c != 'X' {
                    break c;
                }
            };
            bic.push(first);
            bic.push(alnum(rng));
            bic.push(alnum(rng));
        }
    }
    Bank { bic }
}

/// ISO 13616 check digits: 98 minus the remainder of BBAN + country + "00" modulo 97,
/// letters counting 10 to 35.
fn iban_check(country: &str, bban: &str) -> u32 {
    let mut rest = 0u32;
    for c in bban.chars().chain(country.chars()).chain("00".chars()) {
        match c {
            '0'..='9' => rest = (rest * 10 + (c as u32 - '0' as u32)) % 97,
            'A'..='Z' => rest = (rest * 100 + (c as u32 - 'A' as u32 + 10)) % 97,
            _ => {}
        }
    }
    98 - rest
}

fn account(rng: &mut StdRng, l: &Locale, bank: &Bank) -> (String, bool) {
    let mut out = String::with_capacity(34);
    match l.iban {
        Some(pattern) => {
            let mut bban = String::with_capacity(30);
            expand(rng, pattern, &bank.bic[..4], &mut bban);
            let check = iban_check(l.country, &bban);
            let _ = write!(out, "{}{:02}{}", l.country, check, bban);
            (out, true)
        }
        None => {
            expand(rng, l.account, &bank.bic[..4], &mut out);
            (out, false)
        }
    }
}

fn house_number(rng: &mut StdRng, style: AddressStyle) -> String {
    match style {
        AddressStyle::Block => {
            format!("{}-{}-{}", rng.random_range(1..10), rng.random_range(1..21), rng.random_range(1..31))
        }
        AddressStyle::Office => format!("{}{:02}", rng.random_range(1..41), rng.random_range(1..21)),
        _ => {
            let n = if rng.random_bool(0.7) { rng.random_range(1..60) } else { rng.random_range(1..400) };
            n.to_string()
        }
    }
}

fn person_name(rng: &mut StdRng, l: &Locale, simple: bool, out: &mut String) {
    let female = rng.random_bool(0.5);
    let given = *pick(rng, if female { &l.female } else { &l.male });
    let mut family = String::with_capacity(24);
    let rule = if female { l.feminine } else { Feminine::Same };
    let first_family = *pick(rng, &l.family);
    names::feminine(rule, first_family, &mut family);
    let mut middle = String::new();
    if !simple {
        match l.style {
            NameStyle::Plain => {}
            NameStyle::MiddleInitial => {
                if rng.random_bool(0.3) {
                    middle.push(letter(rng));
                    middle.push('.');
                }
            }
            NameStyle::TwoSurnames => {
                if rng.random_bool(0.6) {
                    let second = *pick(rng, &l.family);
                    if second != first_family {
                        family.push(' ');
                        family.push_str(second);
                    }
                }
            }
            NameStyle::Patronymic => {
                if rng.random_bool(0.3) {
                    let p = *pick(rng, &names::PATRONYMICS);
                    if female {
                        middle.push_str(p.strip_suffix("ich").unwrap_or(p));
                        middle.push_str("na");
                    } else {
                        middle.push_str(p);
                    }
                }
            }
            NameStyle::FatherName => {
                if rng.random_bool(0.6) {
                    let father = *pick(rng, &l.male);
                    if father != given {
                        middle.push_str(father);
                    }
                }
            }
            NameStyle::VietMiddle => {
                middle.push_str(pick_str(
                    rng,
                    if female { &names::VIET_MIDDLE_FEMALE } else { &names::VIET_MIDDLE_MALE },
                ));
            }
            NameStyle::IndianMiddle => {
                if !female && first_family != "Kumar" && rng.random_bool(0.25) {
                    middle.push_str("Kumar");
                }
            }
        }
    }
    let given_written = |out: &mut String, rng: &mut StdRng| {
        // Hyphenated given names (Korean) are also written joined or apart.
        match given.split_once('-') {
            Some((a, b)) if rng.random_bool(0.4) => {
                out.push_str(a);
                let mut rest = b.chars();
                let first = rest.next();
                if rng.random_bool(0.6) {
                    out.extend(first.into_iter().flat_map(char::to_lowercase));
                } else {
                    out.push(' ');
                    out.extend(first.into_iter().flat_map(char::to_uppercase));
                }
                out.push_str(rest.as_str());
            }
            _ => out.push_str(given),
        }
    };
    if l.family_first {
        out.push_str(&family);
        if !middle.is_empty() {
            out.push(' ');
            out.push_str(&middle);
        }
        out.push(' ');
        given_written(out, rng);
    } else {
        given_written(out, rng);
        if !middle.is_empty() {
            out.push(' ');
            out.push_str(&middle);
        }
        out.push(' ');
        out.push_str(&family);
    }
}

fn company_name(rng: &mut StdRng, l: &Locale, out: &mut String) {
    let mut core = String::with_capacity(32);
    if l.city_prefix && rng.random_bool(0.6) {
        core.push_str(pick(rng, &l.cities).0);
        core.push(' ');
    }
    let word = if rng.random_bool(0.55) { *pick(rng, &l.brands) } else { *pick(rng, &l.family) };
    if rng.random_bool(0.85) {
        let activity = *pick(rng, &l.activities);
        let (a, b) = if l.activity_first { (activity, word) } else { (word, activity) };
        core.push_str(a);
        core.push(' ');
        core.push_str(b);
    } else {
        core.push_str(word);
    }
    let form = *pick(rng, &l.legal_forms);
    let (before, after) = form.split_once("{}").unwrap_or((form, ""));
    out.push_str(before);
    out.push_str(&core);
    out.push_str(after);
}

/// An innocent party of a locale, banking with `bank`.
pub(crate) fn party(rng: &mut StdRng, l: &'static Locale, organisation: bool, bank: &Bank) -> Party {
    let mut name = String::with_capacity(32);
    for attempt in 0..8 {
        name.clear();
        if organisation && attempt < 7 {
            company_name(rng, l, &mut name);
        } else {
            person_name(rng, l, attempt >= 6, &mut name);
        }
        if name.chars().count() <= MAX_INNOCENT_NAME {
            break;
        }
    }
    if rng.random_bool(0.4) {
        name = name.to_uppercase();
    }
    let street = *pick(rng, &l.streets);
    let number = house_number(rng, l.address);
    let &(city, region, postcode_pattern) = pick(rng, &l.cities);
    let mut postcode = String::with_capacity(10);
    expand(rng, postcode_pattern, "", &mut postcode);
    let (account, iban) = account(rng, l, bank);
    let mt_upper = rng.random_bool(0.85);
    Party { name, locale: l, street, number, city, region, postcode, account, iban, mt_upper }
}

pub(crate) fn street_line(p: &Party) -> String {
    let (street, n) = (p.street, p.number.as_str());
    match p.locale.address {
        AddressStyle::NumberStreet | AddressStyle::Block => format!("{n} {street}"),
        AddressStyle::StreetNumber => format!("{street} {n}"),
        AddressStyle::StreetNo => format!("{street} No. {n}"),
        AddressStyle::NoNumberStreet => format!("No. {n} {street}"),
        AddressStyle::Office => format!("Office {n}, {street}"),
    }
}

pub(crate) fn town_line(p: &Party) -> String {
    let (city, pc) = (p.city, p.postcode.as_str());
    match p.locale.city_line {
        _ if pc.is_empty() => city.to_string(),
        CityLine::PostcodeCity => format!("{pc} {city}"),
        CityLine::CityPostcode => format!("{city} {pc}"),
        CityLine::CityRegionPostcode if !p.region.is_empty() => format!("{city} {} {pc}", p.region),
        CityLine::CityRegionPostcode | CityLine::CityOnly => format!("{city} {pc}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iban_check_digits_follow_iso_13616() {
        // The standard's examples.
        let cases = [
            ("GB", "WEST12345698765432", 82),
            ("DE", "370400440532013000", 89),
            ("FR", "30006000011234567890189", 76),
            ("NL", "ABNA0417164300", 91),
        ];
        for (country, bban, check) in cases {
            assert_eq!(iban_check(country, bban), check, "{country}{bban}");
        }
    }
}
