//! Tables for realistic innocent parties: given and family names, company words and
//! legal forms, streets, cities with their post code shapes, banks and account shapes,
//! per locale; and the remittance texts. The tables are the text files of
//! `crates/loadgen/data/` (their format and provenance are in its README), built into
//! the binary and split into lists at first use.
//!
//! Every locale is in a country that is not under comprehensive embargo, and no city,
//! street or company word names an embargoed country, city or region, so a payment
//! made only of these parties is expected to pass.
//!
//! Patterns (post codes, IBAN BBANs, account numbers): `#` is a digit, `A` an upper
//! case letter, `B` the next letter of the agent's 4-letter bank code, any other
//! character stands for itself.
//!
//! The order of the locales, and of the items in every list, is part of what a seed
//! means: the generator draws from them by position.

use std::collections::HashMap;
use std::sync::LazyLock;

/// How a person's name is built beyond one given and one family name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameStyle {
    Plain,
    /// Sometimes a middle initial: `James R. Smith`.
    MiddleInitial,
    /// Often a second family name: `García López`, `Silva Santos`.
    TwoSurnames,
    /// Sometimes a patronymic from a male given name: `Sergey Nikolayevich Petrov`.
    Patronymic,
    /// Often the father's given name between: `Mohammed Ahmed Al Mansouri`.
    FatherName,
    /// A middle name between family and given name: `Nguyen Van An`.
    VietMiddle,
    /// Men sometimes carry `Kumar` as a middle name.
    IndianMiddle,
}

/// How a family name changes for a woman.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Feminine {
    Same,
    /// `-ov`/`-ev`/`-in` + `a`.
    Slavic,
    /// `-ski` → `-ska`, `-cki` → `-cka`, `-dzki` → `-dzka`.
    Polish,
}

/// Where the house number goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AddressStyle {
    /// `12 Main Street`
    NumberStreet,
    /// `Hauptstraße 12`
    StreetNumber,
    /// `Jalan Sudirman No. 12`
    StreetNo,
    /// `No. 88 Renmin Road`
    NoNumberStreet,
    /// `1-2-3 Marunouchi`
    Block,
    /// `Office 1204, Sheikh Zayed Road`
    Office,
}

/// How the town line of an address is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CityLine {
    /// `10115 Berlin`
    PostcodeCity,
    /// `Leeds LS1 5HD`
    CityPostcode,
    /// `Chicago IL 60601`
    CityRegionPostcode,
    /// `Dubai` (no post codes)
    CityOnly,
}

/// One locale: a country, its currency and its people, companies, addresses and banks.
#[derive(Debug)]
pub(crate) struct Locale {
    /// ISO 3166-1 alpha-2.
    pub country: &'static str,
    /// English name, as written on the last line of an MT address.
    pub country_name: &'static str,
    /// ISO 4217.
    pub currency: &'static str,
    /// Minor units of the currency (0 for JPY, KRW, VND).
    pub decimals: u8,
    /// Units of the currency per US dollar, roughly, to keep amounts plausible.
    pub usd_rate: f64,
    pub male: Vec<&'static str>,
    pub female: Vec<&'static str>,
    pub family: Vec<&'static str>,
    /// Family name written first (`Nguyen Van An`, `Tanaka Hiroshi`).
    pub family_first: bool,
    pub style: NameStyle,
    pub feminine: Feminine,
    /// Made-up or typical brand words for company names.
    pub brands: Vec<&'static str>,
    /// Activity words (`Logistik`, `Transportes`).
    pub activities: Vec<&'static str>,
    /// The activity is written before the brand (`Boulangerie Lumière`).
    pub activity_first: bool,
    /// Company names may start with the city (`Ningbo Hengda Textile`).
    pub city_prefix: bool,
    /// Legal forms as templates, `{}` standing for the name (`{} GmbH`, `PT {} Tbk`).
    pub legal_forms: Vec<&'static str>,
    pub streets: Vec<&'static str>,
    pub address: AddressStyle,
    /// City, region (may be empty) and post code pattern (may be empty).
    pub cities: Vec<(&'static str, &'static str, &'static str)>,
    pub city_line: CityLine,
    /// Invented 4-letter bank codes for BICs.
    pub banks: Vec<&'static str>,
    /// Location codes (BIC characters 7–8).
    pub bic_locations: Vec<&'static str>,
    /// The BBAN pattern where the country uses IBANs.
    pub iban: Option<&'static str>,
    /// The account number pattern where it does not.
    pub account: &'static str,
}

impl NameStyle {
    fn from_name(name: &str) -> Option<NameStyle> {
        Some(match name {
            "Plain" => NameStyle::Plain,
            "MiddleInitial" => NameStyle::MiddleInitial,
            "TwoSurnames" => NameStyle::TwoSurnames,
            "Patronymic" => NameStyle::Patronymic,
            "FatherName" => NameStyle::FatherName,
            "VietMiddle" => NameStyle::VietMiddle,
            "IndianMiddle" => NameStyle::IndianMiddle,
            _ => return None,
        })
    }
}

impl Feminine {
    fn from_name(name: &str) -> Option<Feminine> {
        Some(match name {
            "Same" => Feminine::Same,
            "Slavic" => Feminine::Slavic,
            "Polish" => Feminine::Polish,
            _ => return None,
        })
    }
}

impl AddressStyle {
    fn from_name(name: &str) -> Option<AddressStyle> {
        Some(match name {
            "NumberStreet" => AddressStyle::NumberStreet,
            "StreetNumber" => AddressStyle::StreetNumber,
            "StreetNo" => AddressStyle::StreetNo,
            "NoNumberStreet" => AddressStyle::NoNumberStreet,
            "Block" => AddressStyle::Block,
            "Office" => AddressStyle::Office,
            _ => return None,
        })
    }
}

impl CityLine {
    fn from_name(name: &str) -> Option<CityLine> {
        Some(match name {
            "PostcodeCity" => CityLine::PostcodeCity,
            "CityPostcode" => CityLine::CityPostcode,
            "CityRegionPostcode" => CityLine::CityRegionPostcode,
            "CityOnly" => CityLine::CityOnly,
            _ => return None,
        })
    }
}

/// One file per locale, in the order the generator draws them.
const LOCALE_FILES: [(&str, &str); 23] = [
    ("en_US", include_str!("../data/locales/en_US.txt")),
    ("en_GB", include_str!("../data/locales/en_GB.txt")),
    ("de_DE", include_str!("../data/locales/de_DE.txt")),
    ("fr_FR", include_str!("../data/locales/fr_FR.txt")),
    ("es_ES", include_str!("../data/locales/es_ES.txt")),
    ("it_IT", include_str!("../data/locales/it_IT.txt")),
    ("pt_BR", include_str!("../data/locales/pt_BR.txt")),
    ("nl_NL", include_str!("../data/locales/nl_NL.txt")),
    ("pl_PL", include_str!("../data/locales/pl_PL.txt")),
    ("sv_SE", include_str!("../data/locales/sv_SE.txt")),
    ("tr_TR", include_str!("../data/locales/tr_TR.txt")),
    ("ru_KZ", include_str!("../data/locales/ru_KZ.txt")),
    ("kk_KZ", include_str!("../data/locales/kk_KZ.txt")),
    ("uz_UZ", include_str!("../data/locales/uz_UZ.txt")),
    ("ar_AE", include_str!("../data/locales/ar_AE.txt")),
    ("ar_SA", include_str!("../data/locales/ar_SA.txt")),
    ("ar_EG", include_str!("../data/locales/ar_EG.txt")),
    ("hi_IN", include_str!("../data/locales/hi_IN.txt")),
    ("zh_CN", include_str!("../data/locales/zh_CN.txt")),
    ("ja_JP", include_str!("../data/locales/ja_JP.txt")),
    ("ko_KR", include_str!("../data/locales/ko_KR.txt")),
    ("vi_VN", include_str!("../data/locales/vi_VN.txt")),
    ("id_ID", include_str!("../data/locales/id_ID.txt")),
];

pub(crate) static LOCALES: LazyLock<Vec<Locale>> =
    LazyLock::new(|| LOCALE_FILES.iter().map(|&(name, text)| parse_locale(name, text)).collect());

/// Male patronymics for [`NameStyle::Patronymic`]; the female form ends in `-ovna`/`-evna`.
pub(crate) static PATRONYMICS: LazyLock<Vec<&str>> =
    LazyLock::new(|| list("patronymics.txt", include_str!("../data/patronymics.txt")));

/// Vietnamese middle names: `Van` for men and `Thi` for women are the most common.
pub(crate) static VIET_MIDDLE_MALE: LazyLock<Vec<&str>> =
    LazyLock::new(|| list("viet_middle_male.txt", include_str!("../data/viet_middle_male.txt")));
pub(crate) static VIET_MIDDLE_FEMALE: LazyLock<Vec<&str>> =
    LazyLock::new(|| list("viet_middle_female.txt", include_str!("../data/viet_middle_female.txt")));

/// Remittance texts of payments between people.
pub(crate) static PERSONAL_REMITTANCE: LazyLock<Vec<&str>> =
    LazyLock::new(|| list("remittance_personal.txt", include_str!("../data/remittance_personal.txt")));

/// Remittance texts of payments that involve a company.
pub(crate) static BUSINESS_REMITTANCE: LazyLock<Vec<&str>> =
    LazyLock::new(|| list("remittance_business.txt", include_str!("../data/remittance_business.txt")));

/// Free text of plain bank-to-bank transfers.
pub(crate) static INTERBANK_REMITTANCE: LazyLock<Vec<&str>> =
    LazyLock::new(|| list("remittance_interbank.txt", include_str!("../data/remittance_interbank.txt")));

pub(crate) static MONTHS: LazyLock<Vec<&str>> =
    LazyLock::new(|| list("months.txt", include_str!("../data/months.txt")));

/// The feminine form of a family name.
pub(crate) fn feminine(rule: Feminine, family: &str, out: &mut String) {
    match rule {
        Feminine::Same => out.push_str(family),
        Feminine::Slavic => {
            out.push_str(family);
            if family.ends_with("ov") || family.ends_with("ev") || family.ends_with("in") {
                out.push('a');
            }
        }
        Feminine::Polish => {
            if let Some(stem) = family.strip_suffix('i').filter(|s| s.ends_with("sk") || s.ends_with("ck")) {
                out.push_str(stem);
                out.push('a');
            } else if let Some(stem) = family.strip_suffix("dzki") {
                out.push_str(stem);
                out.push_str("dzka");
            } else {
                out.push_str(family);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Reading the files. They are built in and every one is read by the tests below, so a
// malformed line is a bug of the build, reported by a panic that names the file and line.

/// The lines that carry data: not empty, not a `#` comment.
fn data_lines(text: &'static str) -> impl Iterator<Item = (usize, &'static str)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line))
        .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'))
}

/// A file of one item a line.
fn list(file: &str, text: &'static str) -> Vec<&'static str> {
    let items: Vec<&'static str> = data_lines(text).map(|(_, line)| line).collect();
    assert!(!items.is_empty(), "{file}: no items");
    items
}

/// `-` stands for an empty field.
fn field(value: &'static str) -> &'static str {
    if value == "-" {
        ""
    } else {
        value
    }
}

/// A locale file: `KEY<TAB>VALUE` lines, then `[list]` headers each followed by its
/// items, one a line.
fn parse_locale(name: &str, text: &'static str) -> Locale {
    let file = format!("locales/{name}.txt");
    let mut scalars: HashMap<&str, &'static str> = HashMap::new();
    let mut lists: HashMap<&str, (usize, Vec<&'static str>)> = HashMap::new();
    let mut section: Option<&str> = None;
    for (n, line) in data_lines(text) {
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            assert!(lists.insert(header, (n, Vec::new())).is_none(), "{file}:{n}: [{header}] is given twice");
            section = Some(header);
            continue;
        }
        match section {
            Some(list) => lists.get_mut(list).expect("the section was inserted").1.push(line),
            None => {
                let (key, value) = line
                    .split_once('\t')
                    .unwrap_or_else(|| panic!("{file}:{n}: expected KEY<TAB>VALUE, found {line:?}"));
                assert!(scalars.insert(key, value).is_none(), "{file}:{n}: {key} is given twice");
            }
        }
    }
    let mut scalar = |key: &str| scalars.remove(key).unwrap_or_else(|| panic!("{file}: no {key}"));
    let country = scalar("country");
    let country_name = scalar("country_name");
    let currency = scalar("currency");
    let decimals = scalar("decimals").parse().unwrap_or_else(|_| panic!("{file}: decimals is not a small number"));
    let usd_rate = scalar("usd_rate").parse().unwrap_or_else(|_| panic!("{file}: usd_rate is not a number"));
    let flag = |value: &str, key: &str| match value {
        "true" => true,
        "false" => false,
        other => panic!("{file}: {key} is {other:?}, not true or false"),
    };
    let family_first = flag(scalar("family_first"), "family_first");
    let activity_first = flag(scalar("activity_first"), "activity_first");
    let city_prefix = flag(scalar("city_prefix"), "city_prefix");
    let style = scalar("style");
    let style = NameStyle::from_name(style).unwrap_or_else(|| panic!("{file}: no name style {style:?}"));
    let feminine = scalar("feminine");
    let feminine = Feminine::from_name(feminine).unwrap_or_else(|| panic!("{file}: no feminine rule {feminine:?}"));
    let address = scalar("address");
    let address = AddressStyle::from_name(address).unwrap_or_else(|| panic!("{file}: no address style {address:?}"));
    let city_line = scalar("city_line");
    let city_line = CityLine::from_name(city_line).unwrap_or_else(|| panic!("{file}: no city line {city_line:?}"));
    let iban = Some(field(scalar("iban"))).filter(|p| !p.is_empty());
    let account = field(scalar("account"));
    if let Some(key) = scalars.keys().next() {
        panic!("{file}: unknown key {key}");
    }
    let mut list = |name: &str| {
        let (n, items) = lists.remove(name).unwrap_or_else(|| panic!("{file}: no [{name}]"));
        assert!(!items.is_empty(), "{file}:{n}: [{name}] is empty");
        items
    };
    let male = list("male");
    let female = list("female");
    let family = list("family");
    let brands = list("brands");
    let activities = list("activities");
    let legal_forms = list("legal_forms");
    let streets = list("streets");
    let cities = list("cities")
        .into_iter()
        .map(|line| match line.split('\t').collect::<Vec<_>>()[..] {
            [city, region, postcode] => (city, field(region), field(postcode)),
            _ => panic!("{file}: expected CITY<TAB>REGION<TAB>POSTCODE, found {line:?}"),
        })
        .collect();
    let banks = list("banks");
    let bic_locations = list("bic_locations");
    if let Some(name) = lists.keys().next() {
        panic!("{file}: unknown list [{name}]");
    }
    Locale {
        country,
        country_name,
        currency,
        decimals,
        usd_rate,
        male,
        female,
        family,
        family_first,
        style,
        feminine,
        brands,
        activities,
        activity_first,
        city_prefix,
        legal_forms,
        streets,
        address,
        cities,
        city_line,
        banks,
        bic_locations,
        iban,
        account,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_reads() {
        assert_eq!(LOCALES.len(), LOCALE_FILES.len());
        for (l, (name, _)) in LOCALES.iter().zip(LOCALE_FILES) {
            assert_eq!(name[3..], *l.country, "{name} is a locale of its country");
            assert_eq!(l.currency.len(), 3, "{name}");
            assert!(l.iban.is_some() == l.account.is_empty(), "{name}: an IBAN pattern or an account pattern");
            let words = [&l.male, &l.female, &l.family, &l.brands, &l.activities, &l.legal_forms, &l.streets];
            for w in words.iter().flat_map(|list| list.iter()).chain(l.cities.iter().map(|c| &c.0)) {
                assert!(!w.is_empty() && w.trim() == *w && *w != "-", "{name}: {w:?}");
            }
            assert!(l.legal_forms.iter().all(|f| f.contains("{}")), "{name}: a legal form holds the name as {{}}");
        }
        let lists = [
            &PATRONYMICS,
            &VIET_MIDDLE_MALE,
            &VIET_MIDDLE_FEMALE,
            &PERSONAL_REMITTANCE,
            &BUSINESS_REMITTANCE,
            &INTERBANK_REMITTANCE,
            &MONTHS,
        ];
        for list in lists {
            assert!(list.iter().all(|i| !i.is_empty() && i.trim() == *i), "{list:?}");
        }
        assert_eq!(MONTHS.len(), 12);
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
            feminine(rule, family, &mut out);
            assert_eq!(out, expected);
        }
    }
}
