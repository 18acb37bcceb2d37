//! Property: a payment to a listed party, disguised by any of the known tricks (or
//! several), is never passed.

mod evasion;
use evasion::*;
use interdict_model::Outcome;
use proptest::prelude::*;

/// Listed names held when written plainly, with their entity.
const NAMES: [(&str, &str); 4] = [
    ("CHOE CHOL MIN", CHOE),
    ("SECOND ACADEMY OF NATURAL SCIENCES", ACADEMY),
    ("AEROCARIBBEAN AIRLINES", "ofac-sdn:36"),
    ("KOREA MINING DEVELOPMENT TRADING CORPORATION", "ofac-sdn:9345"),
];

/// Cyrillic look-alikes of Latin capitals.
fn lookalike(c: char) -> Option<char> {
    Some(match c {
        'A' => 'А',
        'B' => 'В',
        'C' => 'С',
        'E' => 'Е',
        'H' => 'Н',
        'K' => 'К',
        'M' => 'М',
        'O' => 'О',
        'P' => 'Р',
        'T' => 'Т',
        'X' => 'Х',
        _ => return None,
    })
}

#[derive(Debug, Clone)]
enum Disguise {
    /// Replace these letters (by position modulo the name) with look-alikes.
    Lookalikes(Vec<usize>),
    /// Spell out the word at this index with dots.
    Dotted(usize),
    /// Store the name backwards behind a right-to-left override.
    Override,
    /// Put the name inside a longer one.
    Inside(&'static str),
    /// Zero-width spaces inside words.
    ZeroWidth(Vec<usize>),
    /// Full-width letters.
    FullWidth,
    /// Lower case.
    Lower,
}

fn disguise() -> impl Strategy<Value = Disguise> {
    prop_oneof![
        prop::collection::vec(0usize..64, 1..6).prop_map(Disguise::Lookalikes),
        (0usize..6).prop_map(Disguise::Dotted),
        Just(Disguise::Override),
        prop::sample::select(vec!["NORTHSEA TRADING AS AGENT FOR", "PAYMENT ON BEHALF OF", "C/O"])
            .prop_map(Disguise::Inside),
        prop::collection::vec(0usize..64, 1..4).prop_map(Disguise::ZeroWidth),
        Just(Disguise::FullWidth),
        Just(Disguise::Lower),
    ]
}

fn apply(name: &str, d: &Disguise) -> String {
    match d {
        Disguise::Lookalikes(at) => name
            .chars()
            .enumerate()
            .map(|(i, c)| if at.iter().any(|&k| k % name.len() == i) { lookalike(c).unwrap_or(c) } else { c })
            .collect(),
        Disguise::Dotted(k) => {
            let words: Vec<&str> = name.split(' ').collect();
            let k = k % words.len();
            words
                .iter()
                .enumerate()
                .map(|(i, w)| if i == k { w.chars().map(|c| format!("{c}.")).collect() } else { w.to_string() })
                .collect::<Vec<_>>()
                .join(" ")
        }
        Disguise::Override => format!("\u{202E}{}", name.chars().rev().collect::<String>()),
        Disguise::Inside(prefix) => format!("{prefix} {name}"),
        Disguise::ZeroWidth(at) => {
            let mut out = String::new();
            for (i, c) in name.chars().enumerate() {
                out.push(c);
                if c != ' ' && at.iter().any(|&k| k % name.len() == i) {
                    out.push('\u{200B}');
                }
            }
            out
        }
        Disguise::FullWidth => name
            .chars()
            .map(|c| match c {
                ' ' => '\u{3000}',
                '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
                c => c,
            })
            .collect(),
        Disguise::Lower => name.to_lowercase(),
    }
}

/// Where the disguised name goes.
#[derive(Debug, Clone, Copy)]
enum Place {
    IsoName,
    IsoAddressLine,
    MtOrderingCustomer,
}

fn message(place: Place, name: &str) -> Vec<u8> {
    match place {
        Place::IsoName => pacs008_named(name),
        Place::IsoAddressLine => pacs008(&format!(
            "<Nm>ACCOUNT 7</Nm><PstlAdr><AdrLine>{}</AdrLine><Ctry>GB</Ctry></PstlAdr>",
            xml_text(name)
        )),
        Place::MtOrderingCustomer => mt103(&["ACCOUNT 7", name]),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn a_disguised_listed_name_is_never_passed(
        which in 0..NAMES.len(),
        first in disguise(),
        second in prop::option::of(disguise()),
        place in prop::sample::select(vec![Place::IsoName, Place::IsoAddressLine, Place::MtOrderingCustomer]),
    ) {
        let (name, _) = NAMES[which];
        let mut disguised = apply(name, &first);
        if let Some(second) = &second {
            // A second disguise on top of the first (not after a reversal, which would
            // undo the order of the first).
            if !matches!(first, Disguise::Override) {
                disguised = apply(&disguised, second);
            }
        }
        // MT lines are at most 35 characters and SWIFT's character set: an MT party is
        // tried with plain disguises only.
        let place = if matches!(place, Place::MtOrderingCustomer) && (!disguised.is_ascii() || disguised.len() > 35) {
            Place::IsoName
        } else {
            place
        };
        let v = verdict(&message(place, &disguised));
        prop_assert_ne!(v.verdict, Outcome::Pass, "{:?} at {:?} passed: {:?}", disguised, place, v);
    }
}
