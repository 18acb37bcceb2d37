//! Realistic payment messages with the screening outcome they should get.
//!
//! A [`Generator`] produces pacs.008, pacs.009 (plain and COV) and MT103 messages in the
//! proportions of a [`Mix`]. Innocent payments carry people and companies from more than
//! twenty locales (names in each locale's order and spelling, its companies' legal forms,
//! streets, post codes, banks, IBANs with valid check digits, the currency of the
//! debtor agent's country), none in an embargoed country: they should pass. A share of
//! `hit_ratio` of the payments puts a listed name, written the way payments really carry
//! it, on one party: those should be held, with a hit on that listed entity.
//!
//! Everything comes from one seeded random generator: the same seed and configuration
//! give the same messages, byte for byte.

use std::fmt::Write as _;
use std::str::FromStr;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::names::{self, AddressStyle, CityLine, Feminine, Locale, NameStyle, LOCALES};

/// A message format the generator writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// ISO 20022 FI to FI customer credit transfer, `pacs.008.001.08`, with a head.001 header.
    Pacs008,
    /// ISO 20022 FI credit transfer, `pacs.009.001.08`, plain or cover (COV).
    Pacs009,
    /// SWIFT MT103 single customer credit transfer.
    Mt103,
}

impl Format {
    pub fn as_str(&self) -> &'static str {
        match self {
            Format::Pacs008 => "pacs.008",
            Format::Pacs009 => "pacs.009",
            Format::Mt103 => "mt103",
        }
    }
}

/// Relative weights of the formats. Parsed from `pacs008=50,pacs009=20,mt103=30`; a
/// format left out weighs 0.
#[derive(Debug, Clone, PartialEq)]
pub struct Mix {
    pub pacs008: u32,
    pub pacs009: u32,
    pub mt103: u32,
}

impl Default for Mix {
    fn default() -> Self {
        Mix { pacs008: 50, pacs009: 20, mt103: 30 }
    }
}

impl std::fmt::Display for Mix {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "pacs008={},pacs009={},mt103={}", self.pacs008, self.pacs009, self.mt103)
    }
}

impl FromStr for Mix {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Mix, crate::Error> {
        let bad = |why: String| crate::Error::Mix(format!("{why} (expected e.g. pacs008=50,pacs009=20,mt103=30)"));
        let mut weights = [None::<u32>; 3];
        for entry in s.split(',') {
            let entry = entry.trim();
            if entry.is_empty() {
                return Err(bad(format!("{s:?} has an empty entry")));
            }
            let (name, weight) = entry.split_once('=').ok_or_else(|| bad(format!("{entry:?} is not FORMAT=WEIGHT")))?;
            let slot = match name.trim().to_ascii_lowercase().as_str() {
                "pacs008" | "pacs.008" => 0,
                "pacs009" | "pacs.009" => 1,
                "mt103" => 2,
                other => return Err(bad(format!("unknown format {other:?}: the formats are pacs008, pacs009, mt103"))),
            };
            let weight: u32 = weight.trim().parse().map_err(|_| {
                bad(format!("the weight of {} is {:?}, not a whole number", name.trim(), weight.trim()))
            })?;
            if weights[slot].replace(weight).is_some() {
                return Err(bad(format!("{} is given twice", name.trim())));
            }
        }
        let [pacs008, pacs009, mt103] = weights.map(|w| w.unwrap_or(0));
        if u64::from(pacs008) + u64::from(pacs009) + u64::from(mt103) == 0 {
            return Err(bad(format!("{s:?} gives every format weight 0")));
        }
        Ok(Mix { pacs008, pacs009, mt103 })
    }
}

/// The outcome screening should reach for a generated payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Expected {
    Hold,
    Pass,
}

impl Expected {
    pub fn as_str(&self) -> &'static str {
        match self {
            Expected::Hold => "hold",
            Expected::Pass => "pass",
        }
    }
}

/// A listed party whose name the generator may put on a payment.
#[derive(Debug, Clone)]
pub struct ListedName {
    /// The index's entity id (`ofac-sdn:43598`).
    pub entity_id: String,
    /// The primary name as listed (`CHOE, Chol Min`).
    pub name: String,
    /// An organisation rather than a person.
    pub organisation: bool,
}

/// The listed names fit to be placed on payments: names of at least two words with at
/// least eight letters in all. Shorter names ("AL-NUR", "KIM Il") cannot be told from
/// innocent parties by their name alone, so a payment carrying one proves nothing.
/// Takes (entity id, primary name, organisation) triples.
pub fn listed_names_from(entities: impl Iterator<Item = (String, String, bool)>) -> Vec<ListedName> {
    entities
        .filter(|(_, name, _)| fit_to_place(name))
        .map(|(entity_id, name, organisation)| ListedName { entity_id, name, organisation })
        .collect()
}

fn fit_to_place(name: &str) -> bool {
    let words = name.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().any(char::is_alphabetic)).count();
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    words >= 2 && letters >= 8
}

/// How to generate.
#[derive(Debug, Clone)]
pub struct GeneratorConfig {
    pub seed: u64,
    /// The share of payments that carry a listed name (0 to 1), when there are listed names.
    pub hit_ratio: f64,
    pub mix: Mix,
    /// Prefix of the payment keys, `<run_id>-<n>`.
    pub run_id: String,
}

impl Default for GeneratorConfig {
    fn default() -> Self {
        GeneratorConfig { seed: 1, hit_ratio: 0.02, mix: Mix::default(), run_id: "lg".to_string() }
    }
}

/// One generated payment message and the outcome screening should reach.
#[derive(Debug, Clone)]
pub struct GeneratedPayment {
    /// `<run_id>-<n>`, n counting from 1; unique within a generator. The message id
    /// (ISO `MsgId`, MT103 field 20) is this key when it fits the field.
    pub key: String,
    pub format: Format,
    /// The message, UTF-8 (ISO 20022 XML) or SWIFT X characters (MT103).
    pub bytes: Vec<u8>,
    pub expected: Expected,
    /// The listed entity whose name the payment carries, for a hit.
    pub listed_entity: Option<String>,
    /// The listed name as written on the payment. MT103 name lines hold 35 characters,
    /// so a longer name is carried cut there (the rest on the next line, an address line).
    pub hit_name: Option<String>,
}

/// Produces payments; see the module documentation.
pub struct Generator {
    config: GeneratorConfig,
    listed: Vec<ListedName>,
    rng: StdRng,
    count: u64,
    hit_ratio: f64,
}

impl Generator {
    /// A generator over `listed` (names of fewer than two words or eight letters are
    /// left out, see [`listed_names_from`]). A mix whose weights are all 0 gives pacs.008.
    pub fn new(config: GeneratorConfig, listed: Vec<ListedName>) -> Generator {
        let listed = listed_names_from(listed.into_iter().map(|l| (l.entity_id, l.name, l.organisation)));
        let hit_ratio = if config.hit_ratio.is_nan() { 0.0 } else { config.hit_ratio.clamp(0.0, 1.0) };
        let rng = StdRng::seed_from_u64(config.seed);
        Generator { config, listed, rng, count: 0, hit_ratio }
    }

    /// Whether hits can be generated: there is at least one listed name fit to place.
    pub fn can_hit(&self) -> bool {
        !self.listed.is_empty()
    }

    pub fn next_payment(&mut self) -> GeneratedPayment {
        self.count += 1;
        let key = format!("{}-{}", self.config.run_id, self.count);
        let format = self.pick_format();
        let hit = if self.can_hit() && self.rng.random_bool(self.hit_ratio) {
            let listed = &self.listed[self.rng.random_range(0..self.listed.len())];
            Some(listed.clone())
        } else {
            None
        };
        let mut w = Writer {
            rng: &mut self.rng,
            out: String::with_capacity(if format == Format::Mt103 { 900 } else { 3600 }),
            key: &key,
            run_id: &self.config.run_id,
            count: self.count,
        };
        let hit_name = match format {
            Format::Pacs008 => w.pacs008(hit.as_ref()),
            Format::Pacs009 => w.pacs009(hit.as_ref()),
            Format::Mt103 => w.mt103(hit.as_ref()),
        };
        let bytes = w.out.into_bytes();
        GeneratedPayment {
            key,
            format,
            bytes,
            expected: if hit.is_some() { Expected::Hold } else { Expected::Pass },
            listed_entity: hit.map(|h| h.entity_id),
            hit_name,
        }
    }

    fn pick_format(&mut self) -> Format {
        let Mix { pacs008, pacs009, mt103 } = self.config.mix;
        let total = u64::from(pacs008) + u64::from(pacs009) + u64::from(mt103);
        if total == 0 {
            return Format::Pacs008;
        }
        let r = self.rng.random_range(0..total);
        if r < u64::from(pacs008) {
            Format::Pacs008
        } else if r < u64::from(pacs008) + u64::from(pacs009) {
            Format::Pacs009
        } else {
            Format::Mt103
        }
    }
}

impl Iterator for Generator {
    type Item = GeneratedPayment;

    fn next(&mut self) -> Option<GeneratedPayment> {
        Some(self.next_payment())
    }
}

// ---------------------------------------------------------------------------------------
// Parties, banks, amounts.

/// The business day every message is dated.
const DATE: &str = "2026-12-01";
const MT_DATE: &str = "261201";

/// Innocent names stay below the lengths at which a name looks cut at a 35-character
/// line, and fit an MT line once transliterated.
const MAX_INNOCENT_NAME: usize = 31;

/// SWIFT lines hold 35 characters.
const MT_LINE: usize = 35;

/// ISO 20022 names (`Max140Text`).
const ISO_NAME: usize = 140;

struct Bank {
    /// 8 or 11 characters.
    bic: String,
}

impl Bank {
    fn bic8(&self) -> &str {
        &self.bic[..8]
    }

    fn branch(&self) -> &str {
        self.bic.get(8..11).unwrap_or("XXX")
    }
}

struct Party {
    name: String,
    locale: &'static Locale,
    street: &'static str,
    number: String,
    city: &'static str,
    region: &'static str,
    postcode: String,
    account: String,
    iban: bool,
    /// Upper case in MT103 (most banks write it so).
    mt_upper: bool,
}

fn pick<'a, T>(rng: &mut StdRng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

fn pick_str(rng: &mut StdRng, items: &'static [&'static str]) -> &'static str {
    items[rng.random_range(0..items.len())]
}

fn locale(rng: &mut StdRng) -> &'static Locale {
    pick(rng, LOCALES)
}

fn digit(rng: &mut StdRng) -> char {
    char::from(b'0' + rng.random_range(0..10u8))
}

fn letter(rng: &mut StdRng) -> char {
    char::from(b'A' + rng.random_range(0..26u8))
}

fn alnum(rng: &mut StdRng) -> char {
    let i = rng.random_range(0..36u8);
    if i < 10 {
        char::from(b'0' + i)
    } else {
        char::from(b'A' + i - 10)
    }
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

fn bank(rng: &mut StdRng, l: &Locale) -> Bank {
    let mut bic = String::with_capacity(11);
    bic.push_str(pick_str(rng, l.banks));
    bic.push_str(l.country);
    bic.push_str(pick_str(rng, l.bic_locations));
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
    let given = *pick(rng, if female { l.female } else { l.male });
    let mut family = String::with_capacity(24);
    let rule = if female { l.feminine } else { Feminine::Same };
    let first_family = *pick(rng, l.family);
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
                    let second = *pick(rng, l.family);
                    if second != first_family {
                        family.push(' ');
                        family.push_str(second);
                    }
                }
            }
            NameStyle::Patronymic => {
                if rng.random_bool(0.3) {
                    let p = *pick(rng, names::PATRONYMICS);
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
                    let father = *pick(rng, l.male);
                    if father != given {
                        middle.push_str(father);
                    }
                }
            }
            NameStyle::VietMiddle => {
                middle
                    .push_str(pick_str(rng, if female { names::VIET_MIDDLE_FEMALE } else { names::VIET_MIDDLE_MALE }));
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
        core.push_str(pick(rng, l.cities).0);
        core.push(' ');
    }
    let word = if rng.random_bool(0.55) { *pick(rng, l.brands) } else { *pick(rng, l.family) };
    if rng.random_bool(0.85) {
        let activity = *pick(rng, l.activities);
        let (a, b) = if l.activity_first { (activity, word) } else { (word, activity) };
        core.push_str(a);
        core.push(' ');
        core.push_str(b);
    } else {
        core.push_str(word);
    }
    let form = *pick(rng, l.legal_forms);
    let (before, after) = form.split_once("{}").unwrap_or((form, ""));
    out.push_str(before);
    out.push_str(&core);
    out.push_str(after);
}

/// An innocent party of a locale, banking with `bank`.
fn party(rng: &mut StdRng, l: &'static Locale, organisation: bool, bank: &Bank) -> Party {
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
    let street = *pick(rng, l.streets);
    let number = house_number(rng, l.address);
    let &(city, region, postcode_pattern) = pick(rng, l.cities);
    let mut postcode = String::with_capacity(10);
    expand(rng, postcode_pattern, "", &mut postcode);
    let (account, iban) = account(rng, l, bank);
    let mt_upper = rng.random_bool(0.85);
    Party { name, locale: l, street, number, city, region, postcode, account, iban, mt_upper }
}

/// A log-normal amount in US dollars, as minor units of the locale's currency.
fn amount(rng: &mut StdRng, l: &Locale, median_usd: f64, sigma: f64) -> u64 {
    let u1: f64 = 1.0 - rng.random::<f64>();
    let u2: f64 = rng.random::<f64>();
    let z = (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
    let usd = (median_usd.ln() + sigma * z).exp().clamp(1.0, 50_000_000.0);
    let mut local = usd * l.usd_rate;
    if local > 500.0 && rng.random_bool(0.15) {
        // Rents, salaries and deposits are often round.
        local = (local / 100.0).round() * 100.0;
    }
    let scale = 10f64.powi(i32::from(l.decimals));
    ((local * scale).round() as u64).max(1)
}

fn write_amount(out: &mut String, minor: u64, decimals: u8, separator: char) {
    if decimals == 0 {
        let _ = write!(out, "{minor}");
        if separator == ',' {
            out.push(',');
        }
    } else {
        let scale = 10u64.pow(u32::from(decimals));
        let _ = write!(out, "{}{}{:0width$}", minor / scale, separator, minor % scale, width = usize::from(decimals));
    }
}

fn remittance(rng: &mut StdRng, templates: &[&str], out: &mut String) {
    let template = *pick(rng, templates);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else { break };
        let token = &rest[open + 1..open + close];
        match token {
            "MONTH" => out.push_str(pick_str(rng, names::MONTHS)),
            "YEAR" => out.push_str(if rng.random_bool(0.8) { "2026" } else { "2025" }),
            "DATE" => {
                let _ = write!(out, "2026-{:02}-{:02}", rng.random_range(1..12), rng.random_range(1..29));
            }
            "D" => out.push(char::from(b'1' + rng.random_range(0..4u8))),
            "Q" => out.push(char::from(b'1' + rng.random_range(0..4u8))),
            "N" => {
                let _ = write!(out, "{}", rng.random_range(1..40));
            }
            "L" => out.push(char::from(b'A' + rng.random_range(0..6u8))),
            digits => {
                for i in 0..digits.len() {
                    out.push(if i == 0 { char::from(b'1' + rng.random_range(0..9u8)) } else { digit(rng) });
                }
            }
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
}

/// A version 4 UUID, lower case, from the generator's random numbers.
fn uuid(rng: &mut StdRng, out: &mut String) {
    let mut v: u128 = rng.random();
    v = (v & !(0xF << 76)) | (0x4 << 76);
    v = (v & !(0x3 << 62)) | (0x2 << 62);
    let _ = write!(
        out,
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        (v >> 96) as u32,
        (v >> 80) as u16,
        (v >> 64) as u16,
        (v >> 48) as u16,
        v as u64 & 0xFFFF_FFFF_FFFF
    );
}

/// The message reference: the key when it fits `max` characters of the SWIFT X set
/// (letters, digits, `-`, `.`), else the run id's letters and digits cut to fit, `-`,
/// and the payment's number.
fn reference(key: &str, run_id: &str, count: u64, max: usize) -> String {
    let fits = key.len() <= max
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        && !key.starts_with(['-', '.']);
    if fits {
        return key.to_string();
    }
    let number = count.to_string();
    let room = max.saturating_sub(number.len() + 1);
    let mut out: String = run_id.chars().filter(char::is_ascii_alphanumeric).take(room).collect();
    if out.is_empty() {
        out.push_str("LG");
        out.truncate(room);
    }
    out.push('-');
    out.push_str(&number);
    out
}

// ---------------------------------------------------------------------------------------
// Listed names as payments carry them.

/// Legal forms written out and abbreviated, longest first.
const LEGAL_FORMS: &[(&[&str], &[&str])] = &[
    (&["PUBLIC", "JOINT", "STOCK", "COMPANY"], &["PJSC"]),
    (&["OPEN", "JOINT", "STOCK", "COMPANY"], &["OJSC"]),
    (&["CLOSED", "JOINT", "STOCK", "COMPANY"], &["CJSC"]),
    (&["LIMITED", "LIABILITY", "COMPANY"], &["LLC"]),
    (&["JOINT", "STOCK", "COMPANY"], &["JSC"]),
    (&["PUBLIC", "LIMITED", "COMPANY"], &["PLC"]),
    (&["COMPANY", "LIMITED"], &["CO", "LTD"]),
    (&["PRIVATE", "LIMITED"], &["PVT", "LTD"]),
    (&["SOCIEDAD", "ANONIMA"], &["SA"]),
    (&["CORPORATION"], &["CORP"]),
    (&["INCORPORATED"], &["INC"]),
    (&["ESTABLISHMENT"], &["EST"]),
    (&["LIMITED"], &["LTD"]),
    (&["COMPANY"], &["CO"]),
];

/// Short forms that are not expanded: too ambiguous on their own.
const KEEP_SHORT: &[&str] = &["SA"];

/// Words kept upper case when a name is written in title case.
const ACRONYMS: &[&str] = &[
    "LLC", "JSC", "PJSC", "OJSC", "CJSC", "PLC", "LLP", "FZE", "FZCO", "FZC", "DMCC", "SA", "SAL", "SARL", "SAS",
    "SRL", "SPA", "AG", "AB", "BV", "NV", "OOO", "OAO", "ZAO", "PAO", "AO", "TOO", "USA", "UK", "UAE", "PT", "CV",
    "KK", "JV", "LP", "II", "III", "IV", "WLL", "SAE", "SAOG", "KSC", "BSC", "QSC", "PSC", "DPRK", "FZ", "LTDA",
    "GMBH",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Case {
    Upper,
    Title,
    /// Given names in title case, the family name upper case.
    Mixed,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Punctuation {
    Keep,
    /// Hyphens become spaces.
    Hyphens,
    /// Hyphens become spaces; dots, commas and apostrophes go.
    Strip,
}

fn letters_key(word: &str) -> String {
    word.chars().filter(char::is_ascii_alphabetic).map(|c| c.to_ascii_uppercase()).collect()
}

/// Writes one legal form the other way (long to short, or short to long unless
/// `shorten_only`). Returns whether a form was found.
fn swap_legal_form(name: &str, shorten_only: bool, rng: &mut StdRng) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let keys: Vec<String> = words.iter().map(|w| letters_key(w)).collect();
    let mut found: Vec<(usize, usize, &[&str])> = Vec::new();
    for &(long, short) in LEGAL_FORMS {
        for (from, to) in [(long, short), (short, long)] {
            let length = |words: &[&str]| words.iter().map(|w| w.len()).sum::<usize>();
            if shorten_only && length(from) < length(to) {
                continue;
            }
            if from == short && short.len() == 1 && KEEP_SHORT.contains(&short[0]) {
                continue;
            }
            for start in 0..words.len() {
                let end = start + from.len();
                if end <= words.len() && keys[start..end].iter().zip(from).all(|(k, f)| k == f) {
                    let overlaps = found.iter().any(|&(s, l, _)| start < s + l && s < end);
                    if !overlaps {
                        found.push((start, from.len(), to));
                    }
                }
            }
        }
    }
    if found.is_empty() {
        return None;
    }
    let (start, len, to) = found[rng.random_range(0..found.len())];
    let mut out = String::with_capacity(name.len() + 24);
    for (i, word) in words.iter().enumerate() {
        if i > start && i < start + len {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        if i == start {
            out.push_str(&to.join(" "));
            if words[start + len - 1].ends_with(',') {
                out.push(',');
            }
        } else {
            out.push_str(word);
        }
    }
    Some(out)
}

fn title_case(s: &str, out: &mut String) {
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_alphabetic() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_alphabetic() {
            i += 1;
        }
        let word: String = chars[start..i].iter().collect();
        let upper = word.to_uppercase();
        let after_apostrophe = start >= 2 && chars[start - 1] == '\'' && chars[start - 2].is_alphabetic() && {
            // "CH'OE" → "Ch'oe", but "O'BRIEN" → "O'Brien".
            start >= 3 && chars[start - 3].is_alphabetic()
        };
        if upper == "GMBH" {
            out.push_str("GmbH");
        } else if ACRONYMS.contains(&upper.as_str()) {
            out.push_str(&upper);
        } else if after_apostrophe {
            out.extend(word.chars().flat_map(char::to_lowercase));
        } else {
            let mut cs = word.chars();
            out.extend(cs.next().into_iter().flat_map(char::to_uppercase));
            out.extend(cs.flat_map(char::to_lowercase));
        }
    }
}

fn apply_case(s: &str, case: Case, out: &mut String) {
    match case {
        Case::Upper => out.push_str(&s.to_uppercase()),
        Case::Title | Case::Mixed => title_case(s, out),
    }
}

fn apply_punctuation(s: &str, mode: Punctuation) -> String {
    let mut out = String::with_capacity(s.len());
    let mut segment = 0usize;
    for c in s.chars() {
        match (c, mode) {
            ('-', Punctuation::Hyphens | Punctuation::Strip) => out.push(' '),
            ('.', Punctuation::Strip) => {
                // "S.A." → "SA", but "ST.PETERSBURG" → "ST PETERSBURG".
                if segment > 1 {
                    out.push(' ');
                }
            }
            (',', Punctuation::Strip) => out.push(' '),
            ('\'', Punctuation::Strip) => {}
            _ => out.push(c),
        }
        segment = if c.is_alphanumeric() { segment + 1 } else { 0 };
    }
    collapse_spaces(&out)
}

fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A listed name the way a payment carries it. `shorten_only`: legal forms are only
/// abbreviated (MT103, where banks shorten names to fit 35-character lines).
fn perturb(rng: &mut StdRng, listed: &ListedName, shorten_only: bool) -> String {
    let name = collapse_spaces(&listed.name);
    if listed.organisation {
        let swapped = if rng.random_bool(0.6) { swap_legal_form(&name, shorten_only, rng) } else { None };
        let name = swapped.unwrap_or(name);
        let case = if rng.random_bool(0.6) { Case::Upper } else { Case::Title };
        let punctuation = match rng.random_range(0..20) {
            0..=11 => Punctuation::Keep,
            12..=16 => Punctuation::Strip,
            _ => Punctuation::Hyphens,
        };
        let mut cased = String::with_capacity(name.len() + 8);
        apply_case(&name, case, &mut cased);
        return apply_punctuation(&cased, punctuation);
    }
    let (surname, given) = match name.split_once(',') {
        Some((s, g)) if !s.trim().is_empty() && !g.trim().is_empty() => (Some(s.trim()), g.trim()),
        _ => (None, name.as_str()),
    };
    let case = match rng.random_range(0..10) {
        0..=3 => Case::Upper,
        4..=6 => Case::Title,
        _ => Case::Mixed,
    };
    let mut out = String::with_capacity(name.len() + 8);
    if rng.random_bool(0.2) {
        let title = *pick(rng, &["MR", "MR", "MRS", "DR"]);
        apply_case(title, if case == Case::Upper { Case::Upper } else { Case::Title }, &mut out);
        out.push(' ');
    }
    let surname_case = if case == Case::Mixed { Case::Upper } else { case };
    match surname {
        None => apply_case(given, case, &mut out),
        Some(surname) => match rng.random_range(0..10) {
            // "Given Middle SURNAME"
            0..=6 => {
                apply_case(given, case, &mut out);
                out.push(' ');
                apply_case(surname, surname_case, &mut out);
            }
            // "SURNAME Given Middle"
            7..=8 => {
                apply_case(surname, surname_case, &mut out);
                out.push(' ');
                apply_case(given, case, &mut out);
            }
            // As listed: "SURNAME, Given Middle"
            _ => {
                apply_case(surname, surname_case, &mut out);
                out.push_str(", ");
                apply_case(given, case, &mut out);
            }
        },
    }
    let punctuation = match rng.random_range(0..10) {
        0..=4 => Punctuation::Keep,
        5..=7 => Punctuation::Hyphens,
        _ => Punctuation::Strip,
    };
    apply_punctuation(&out, punctuation)
}

/// Cuts to at most `max` characters.
fn cut_chars(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => s[..i].trim_end(),
        None => s,
    }
}

// ---------------------------------------------------------------------------------------
// Writing the messages.

/// Which party of a message carries the listed name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Debtor,
    Creditor,
    UltimateCreditor,
}

fn escape(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
}

/// The SWIFT X transliteration of a letter outside ASCII, in lower case.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ı' | 'ī' | 'i' => "i",
        'ł' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ś' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// Text in the SWIFT X character set: letters transliterated, `&` written `+`, other
/// characters outside the set become spaces; spaces collapsed.
fn swift_x(s: &str, upper: bool) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    let mut space = true;
    let mut push = |out: &mut String, c: char| {
        if c == ' ' {
            if !space {
                out.push(' ');
                space = true;
            }
        } else {
            out.push(if upper { c.to_ascii_uppercase() } else { c });
            space = false;
        }
    };
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || "/-?:().,'+ ".contains(c) {
            push(&mut out, c);
        } else if c == '&' {
            push(&mut out, '+');
        } else if let Some(folded) = c.to_lowercase().next().and_then(fold) {
            let capital = c.is_uppercase() || c == 'İ';
            for f in folded.chars() {
                push(&mut out, if capital { f.to_ascii_uppercase() } else { f });
            }
        } else {
            push(&mut out, ' ');
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

struct Writer<'a> {
    rng: &'a mut StdRng,
    out: String,
    key: &'a str,
    run_id: &'a str,
    count: u64,
}

impl Writer<'_> {
    fn indent(&mut self, depth: usize) {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
    }

    fn open(&mut self, depth: usize, tag: &str) {
        self.indent(depth);
        self.out.push('<');
        self.out.push_str(tag);
        self.out.push_str(">\n");
    }

    fn close(&mut self, depth: usize, tag: &str) {
        self.indent(depth);
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push_str(">\n");
    }

    fn element(&mut self, depth: usize, tag: &str, value: &str) {
        self.indent(depth);
        self.out.push('<');
        self.out.push_str(tag);
        self.out.push('>');
        escape(&mut self.out, value);
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push_str(">\n");
    }

    fn agent(&mut self, depth: usize, tag: &str, bank: &Bank) {
        self.indent(depth);
        let _ = writeln!(self.out, "<{tag}><FinInstnId><BICFI>{}</BICFI></FinInstnId></{tag}>", bank.bic);
    }

    fn party_xml(&mut self, depth: usize, tag: &str, party: &Party) {
        self.open(depth, tag);
        self.element(depth + 1, "Nm", cut_chars(&party.name, ISO_NAME));
        self.open(depth + 1, "PstlAdr");
        let l = party.locale;
        if self.rng.random_bool(0.75) {
            self.element(depth + 2, "StrtNm", party.street);
            self.element(depth + 2, "BldgNb", &party.number);
            if !party.postcode.is_empty() {
                self.element(depth + 2, "PstCd", &party.postcode);
            }
            self.element(depth + 2, "TwnNm", party.city);
            if !party.region.is_empty() {
                self.element(depth + 2, "CtrySubDvsn", party.region);
            }
            self.element(depth + 2, "Ctry", l.country);
        } else {
            self.element(depth + 2, "Ctry", l.country);
            let street = street_line(party);
            let town = town_line(party);
            self.element(depth + 2, "AdrLine", &street);
            self.element(depth + 2, "AdrLine", &town);
        }
        self.close(depth + 1, "PstlAdr");
        self.close(depth, tag);
    }

    fn account_xml(&mut self, depth: usize, tag: &str, party: &Party) {
        self.indent(depth);
        if party.iban {
            let _ = writeln!(self.out, "<{tag}><Id><IBAN>{}</IBAN></Id></{tag}>", party.account);
        } else {
            let _ = writeln!(self.out, "<{tag}><Id><Othr><Id>{}</Id></Othr></Id></{tag}>", party.account);
        }
    }

    fn app_header(&mut self, from: &Bank, to: &Bank, message_id: &str, definition: &str, service: &str) {
        self.out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<BizMsgEnvlp>\n");
        self.out.push_str("  <AppHdr xmlns=\"urn:iso:std:iso:20022:tech:xsd:head.001.001.02\">\n");
        self.indent(2);
        let _ = writeln!(self.out, "<Fr><FIId><FinInstnId><BICFI>{}</BICFI></FinInstnId></FIId></Fr>", from.bic);
        self.indent(2);
        let _ = writeln!(self.out, "<To><FIId><FinInstnId><BICFI>{}</BICFI></FinInstnId></FIId></To>", to.bic);
        self.element(2, "BizMsgIdr", message_id);
        self.element(2, "MsgDefIdr", definition);
        self.element(2, "BizSvc", service);
        let time = self.time();
        self.element(2, "CreDt", &time);
        self.out.push_str("  </AppHdr>\n");
    }

    /// The creation time: the business day, a second per message from 08:00 UTC.
    fn time(&self) -> String {
        let seconds = 8 * 3600 + self.count % (12 * 3600);
        format!("{DATE}T{:02}:{:02}:{:02}Z", seconds / 3600, seconds / 60 % 60, seconds % 60)
    }

    fn group_header(&mut self, message_id: &str) {
        self.open(3, "GrpHdr");
        self.element(4, "MsgId", message_id);
        let time = self.time();
        self.element(4, "CreDtTm", &time);
        self.element(4, "NbOfTxs", "1");
        self.indent(4);
        self.out.push_str("<SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf>\n");
        self.close(3, "GrpHdr");
    }

    fn payment_id(&mut self, depth: usize, message_id: &str) {
        self.open(depth, "PmtId");
        self.element(depth + 1, "InstrId", message_id);
        let mut e2e = String::with_capacity(16);
        for _ in 0..12 {
            e2e.push(alnum(self.rng));
        }
        self.element(depth + 1, "EndToEndId", &e2e);
        let mut uetr = String::with_capacity(36);
        uuid(self.rng, &mut uetr);
        self.element(depth + 1, "UETR", &uetr);
        self.close(depth, "PmtId");
    }

    fn settlement_amount(&mut self, depth: usize, l: &Locale, minor: u64) {
        self.indent(depth);
        let _ = write!(self.out, "<IntrBkSttlmAmt Ccy=\"{}\">", l.currency);
        write_amount(&mut self.out, minor, l.decimals, '.');
        self.out.push_str("</IntrBkSttlmAmt>\n");
        self.element(depth, "IntrBkSttlmDt", DATE);
    }

    fn remittance_xml(&mut self, depth: usize, templates: &[&str]) {
        let mut text = String::with_capacity(48);
        remittance(self.rng, templates, &mut text);
        self.indent(depth);
        self.out.push_str("<RmtInf><Ustrd>");
        escape(&mut self.out, &text);
        self.out.push_str("</Ustrd></RmtInf>\n");
    }

    /// Debtor and creditor sides of a customer transfer: their locales, banks and
    /// parties, one of them carrying the listed name when there is a hit.
    fn customers(&mut self, hit: Option<(&ListedName, Role, bool)>) -> Customers {
        let debtor_locale = locale(self.rng);
        let creditor_locale = if self.rng.random_bool(0.35) { debtor_locale } else { locale(self.rng) };
        let debtor_bank = bank(self.rng, debtor_locale);
        let creditor_bank = bank(self.rng, creditor_locale);
        let debtor_org = self.rng.random_bool(0.4);
        let creditor_org = self.rng.random_bool(0.4);
        let mut debtor = party(self.rng, debtor_locale, debtor_org, &debtor_bank);
        let mut creditor = party(self.rng, creditor_locale, creditor_org, &creditor_bank);
        let mut ultimate = None;
        let mut hit_name = None;
        if let Some((listed, role, shorten_only)) = hit {
            let name = perturb(self.rng, listed, shorten_only);
            match role {
                Role::Debtor => debtor.name = name.clone(),
                Role::Creditor => creditor.name = name.clone(),
                Role::UltimateCreditor => {
                    let l = locale(self.rng);
                    let b = bank(self.rng, l);
                    let mut p = party(self.rng, l, listed.organisation, &b);
                    p.name = name.clone();
                    ultimate = Some(p);
                }
            }
            hit_name = Some(name);
        }
        let personal = !debtor_org && !creditor_org;
        Customers { debtor, creditor, ultimate, debtor_bank, creditor_bank, hit_name, personal }
    }

    fn pick_role(&mut self, roles: &[Role]) -> Role {
        *pick(self.rng, roles)
    }

    fn pacs008(&mut self, hit: Option<&ListedName>) -> Option<String> {
        let role =
            self.pick_role(&[Role::Debtor, Role::Debtor, Role::Creditor, Role::Creditor, Role::UltimateCreditor]);
        let mut c = self.customers(hit.map(|h| (h, role, false)));
        if c.ultimate.is_none() && self.rng.random_bool(0.08) {
            let l = locale(self.rng);
            let b = bank(self.rng, l);
            c.ultimate = Some(party(self.rng, l, true, &b));
        }
        let message_id = reference(self.key, self.run_id, self.count, 35);
        self.app_header(&c.debtor_bank, &c.creditor_bank, &message_id, "pacs.008.001.08", "swift.cbprplus.02");
        self.out.push_str("  <Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\">\n");
        self.open(2, "FIToFICstmrCdtTrf");
        self.group_header(&message_id);
        self.open(3, "CdtTrfTxInf");
        self.payment_id(4, &message_id);
        let l = c.debtor.locale;
        let (median, sigma) = if c.personal { (220.0, 1.4) } else { (1800.0, 1.7) };
        let minor = amount(self.rng, l, median, sigma);
        self.settlement_amount(4, l, minor);
        let charges = *pick(self.rng, &["SHAR", "SHAR", "SHAR", "DEBT", "CRED"]);
        self.element(4, "ChrgBr", charges);
        self.agent(4, "InstgAgt", &c.debtor_bank);
        self.agent(4, "InstdAgt", &c.creditor_bank);
        self.party_xml(4, "Dbtr", &c.debtor);
        self.account_xml(4, "DbtrAcct", &c.debtor);
        self.agent(4, "DbtrAgt", &c.debtor_bank);
        self.agent(4, "CdtrAgt", &c.creditor_bank);
        self.party_xml(4, "Cdtr", &c.creditor);
        self.account_xml(4, "CdtrAcct", &c.creditor);
        if let Some(u) = &c.ultimate {
            self.party_xml(4, "UltmtCdtr", u);
        }
        let templates = if c.personal { names::PERSONAL_REMITTANCE } else { names::BUSINESS_REMITTANCE };
        self.remittance_xml(4, templates);
        self.close(3, "CdtTrfTxInf");
        self.close(2, "FIToFICstmrCdtTrf");
        self.out.push_str("  </Document>\n</BizMsgEnvlp>\n");
        c.hit_name.map(|n| cut_chars(&n, ISO_NAME).to_string())
    }

    fn pacs009(&mut self, hit: Option<&ListedName>) -> Option<String> {
        let cover = hit.is_some() || self.rng.random_bool(0.5);
        let message_id = reference(self.key, self.run_id, self.count, 35);
        if !cover {
            let debtor_locale = locale(self.rng);
            let creditor_locale = locale(self.rng);
            let debtor = bank(self.rng, debtor_locale);
            let correspondent = bank(self.rng, creditor_locale);
            let creditor = bank(self.rng, creditor_locale);
            self.app_header(&debtor, &correspondent, &message_id, "pacs.009.001.08", "swift.cbprplus.02");
            self.fi_transfer_start(&message_id, debtor_locale, 400_000.0, 1.2);
            self.agent(4, "InstgAgt", &debtor);
            self.agent(4, "InstdAgt", &correspondent);
            self.agent(4, "Dbtr", &debtor);
            self.agent(4, "CdtrAgt", &correspondent);
            self.agent(4, "Cdtr", &creditor);
            if self.rng.random_bool(0.6) {
                self.remittance_xml(4, names::INTERBANK_REMITTANCE);
            }
            self.fi_transfer_end();
            return None;
        }
        let role = self.pick_role(&[Role::Debtor, Role::Creditor]);
        let c = self.customers(hit.map(|h| (h, role, false)));
        let correspondent = bank(self.rng, c.creditor.locale);
        self.app_header(&c.debtor_bank, &correspondent, &message_id, "pacs.009.001.08", "swift.cbprplus.cov.02");
        let (median, sigma) = if c.personal { (900.0, 1.4) } else { (6000.0, 1.6) };
        self.fi_transfer_start(&message_id, c.debtor.locale, median, sigma);
        self.agent(4, "InstgAgt", &c.debtor_bank);
        self.agent(4, "InstdAgt", &correspondent);
        self.agent(4, "Dbtr", &c.debtor_bank);
        self.agent(4, "CdtrAgt", &correspondent);
        self.agent(4, "Cdtr", &c.creditor_bank);
        self.open(4, "UndrlygCstmrCdtTrf");
        self.party_xml(5, "Dbtr", &c.debtor);
        self.account_xml(5, "DbtrAcct", &c.debtor);
        self.agent(5, "DbtrAgt", &c.debtor_bank);
        self.agent(5, "CdtrAgt", &c.creditor_bank);
        self.party_xml(5, "Cdtr", &c.creditor);
        self.account_xml(5, "CdtrAcct", &c.creditor);
        let templates = if c.personal { names::PERSONAL_REMITTANCE } else { names::BUSINESS_REMITTANCE };
        self.remittance_xml(5, templates);
        self.close(4, "UndrlygCstmrCdtTrf");
        self.fi_transfer_end();
        c.hit_name.map(|n| cut_chars(&n, ISO_NAME).to_string())
    }

    fn fi_transfer_start(&mut self, message_id: &str, l: &Locale, median: f64, sigma: f64) {
        self.out.push_str("  <Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.009.001.08\">\n");
        self.open(2, "FICdtTrf");
        self.group_header(message_id);
        self.open(3, "CdtTrfTxInf");
        self.payment_id(4, message_id);
        let minor = amount(self.rng, l, median, sigma);
        self.settlement_amount(4, l, minor);
    }

    fn fi_transfer_end(&mut self) {
        self.close(3, "CdtTrfTxInf");
        self.close(2, "FICdtTrf");
        self.out.push_str("  </Document>\n</BizMsgEnvlp>\n");
    }

    /// One MT line: SWIFT X characters, at most 35, never starting with `:` or `-`
    /// (which would read as a new field or the end of the text).
    fn mt_line(&mut self, text: &str, upper: bool) {
        let x = swift_x(text, upper);
        let line = x.trim_start_matches([':', '-', ' ']);
        self.out.push_str(cut_chars(line, MT_LINE));
        self.out.push('\n');
    }

    /// Field 50K or 59: account, name (a long name continues on the next line), address.
    fn mt_party(&mut self, tag: &str, party: &Party, hit: bool) {
        let _ = writeln!(self.out, ":{tag}:/{}", party.account);
        let upper = party.mt_upper && !hit;
        let name = swift_x(&party.name, upper);
        let name = name.trim_start_matches([':', '-', ' ']);
        let mut lines = 1;
        if name.len() > MT_LINE {
            // ASCII after swift_x, so byte offsets are character offsets.
            self.out.push_str(name[..MT_LINE].trim_end());
            self.out.push('\n');
            let rest = name[MT_LINE..].trim_start_matches([':', '-', ' ']);
            if !rest.is_empty() {
                self.out.push_str(cut_chars(rest, MT_LINE));
                self.out.push('\n');
                lines += 1;
            }
        } else {
            self.out.push_str(name);
            self.out.push('\n');
        }
        let street = street_line(party);
        self.mt_line(&street, party.mt_upper);
        let town = town_line(party);
        self.mt_line(&town, party.mt_upper);
        if lines == 1 {
            let country = party.locale.country_name;
            self.mt_line(country, party.mt_upper);
        }
    }

    fn mt103(&mut self, hit: Option<&ListedName>) -> Option<String> {
        let role = self.pick_role(&[Role::Debtor, Role::Creditor]);
        let c = self.customers(hit.map(|h| (h, role, true)));
        let reference = reference(self.key, self.run_id, self.count, 16);
        let session = self.rng.random_range(1000..10000u32);
        let sequence = self.rng.random_range(100_000..1_000_000u32);
        let _ = write!(
            self.out,
            "{{1:F01{}A{}{session}{sequence}}}{{2:I103{}X{}N}}{{3:{{108:",
            c.debtor_bank.bic8(),
            c.debtor_bank.branch(),
            c.creditor_bank.bic8(),
            c.creditor_bank.branch(),
        );
        for _ in 0..12 {
            let ch = alnum(self.rng);
            self.out.push(ch);
        }
        self.out.push_str("}{121:");
        uuid(self.rng, &mut self.out);
        let _ = write!(self.out, "}}}}{{4:\n:20:{reference}\n:23B:CRED\n:32A:{MT_DATE}{}", c.debtor.locale.currency);
        let (median, sigma) = if c.personal { (220.0, 1.4) } else { (1800.0, 1.7) };
        let minor = amount(self.rng, c.debtor.locale, median, sigma);
        write_amount(&mut self.out, minor, c.debtor.locale.decimals, ',');
        self.out.push('\n');
        self.mt_party("50K", &c.debtor, hit.is_some() && role == Role::Debtor);
        let _ = writeln!(self.out, ":52A:{}", c.debtor_bank.bic);
        let _ = writeln!(self.out, ":57A:{}", c.creditor_bank.bic);
        self.mt_party("59", &c.creditor, hit.is_some() && role == Role::Creditor);
        let templates = if c.personal { names::PERSONAL_REMITTANCE } else { names::BUSINESS_REMITTANCE };
        let mut text = String::with_capacity(48);
        remittance(self.rng, templates, &mut text);
        self.out.push_str(":70:");
        self.mt_line(&text, true);
        let charges = *pick(self.rng, &["SHA", "SHA", "SHA", "SHA", "OUR", "OUR", "BEN"]);
        let _ = write!(self.out, ":71A:{charges}\n-}}{{5:{{CHK:");
        for _ in 0..12 {
            let h = self.rng.random_range(0..16u8);
            self.out.push(char::from_digit(u32::from(h), 16).unwrap_or('0').to_ascii_uppercase());
        }
        self.out.push_str("}}");
        c.hit_name.map(|n| swift_x(&n, false).trim_start_matches([':', '-', ' ']).to_string())
    }
}

struct Customers {
    debtor: Party,
    creditor: Party,
    ultimate: Option<Party>,
    debtor_bank: Bank,
    creditor_bank: Bank,
    hit_name: Option<String>,
    /// Both debtor and creditor are people.
    personal: bool,
}

fn street_line(p: &Party) -> String {
    let (street, n) = (p.street, p.number.as_str());
    match p.locale.address {
        AddressStyle::NumberStreet | AddressStyle::Block => format!("{n} {street}"),
        AddressStyle::StreetNumber => format!("{street} {n}"),
        AddressStyle::StreetNo => format!("{street} No. {n}"),
        AddressStyle::NoNumberStreet => format!("No. {n} {street}"),
        AddressStyle::Office => format!("Office {n}, {street}"),
    }
}

fn town_line(p: &Party) -> String {
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

    fn rng() -> StdRng {
        StdRng::seed_from_u64(7)
    }

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

    #[test]
    fn legal_forms_are_swapped_as_whole_words() {
        let cases: &[(&str, bool, &[&str])] = &[
            ("KOMPANIYA ALFA LIMITED LIABILITY COMPANY", true, &["KOMPANIYA ALFA LLC"]),
            ("ALFA TRADING LLC", false, &["ALFA TRADING LIMITED LIABILITY COMPANY"]),
            ("DANDONG ZHICHENG CO., LTD.", false, &["DANDONG ZHICHENG COMPANY LIMITED"]),
            ("ALFA TRADING LLC", true, &[]),
            ("SA SHIPPING", false, &[]),
            ("COLTRANE HOLDINGS", false, &[]),
        ];
        for (name, shorten_only, expected) in cases {
            let got = swap_legal_form(name, *shorten_only, &mut rng());
            match expected.first() {
                Some(e) => assert_eq!(got.as_deref(), Some(*e), "{name}"),
                None => assert_eq!(got, None, "{name}"),
            }
        }
    }

    #[test]
    fn case_and_punctuation_keep_every_letter() {
        let mut out = String::new();
        title_case("AL-QAIDA FZE CH'OE O'BRIEN GMBH", &mut out);
        assert_eq!(out, "Al-Qaida FZE Ch'oe O'Brien GmbH");
        assert_eq!(
            apply_punctuation("S.A. ST.PETERSBURG CO.,LTD. AL-NUR", Punctuation::Strip),
            "SA ST PETERSBURG CO LTD AL NUR"
        );
        assert_eq!(apply_punctuation("AL-NUR, Ali", Punctuation::Hyphens), "AL NUR, Ali");
    }

    #[test]
    fn swift_x_transliterates() {
        assert_eq!(swift_x("Müller & Söhne GmbH; Łódź", true), "MULLER + SOHNE GMBH LODZ");
        assert_eq!(swift_x("Straße İstanbul", false), "Strasse Istanbul");
    }

    #[test]
    fn references_fit_their_field() {
        assert_eq!(reference("lg-12", "lg", 12, 16), "lg-12");
        assert_eq!(reference("load test run 7-12", "load test run 7", 12, 16), "loadtestrun7-12");
        assert_eq!(reference("&&-3", "&&", 3, 16), "LG-3");
    }

    #[test]
    fn feminine_family_names() {
        let cases = [
            (Feminine::Slavic, "Ivanov", "Ivanova"),
            (Feminine::Slavic, "Nikitin", "Nikitina"),
            (Feminine::Polish, "Kowalski", "Kowalska"),
            (Feminine::Polish, "Nowak", "Nowak"),
            (Feminine::Same, "Müller", "Müller"),
        ];
        for (rule, family, expected) in cases {
            let mut out = String::new();
            names::feminine(rule, family, &mut out);
            assert_eq!(out, expected);
        }
    }
}
