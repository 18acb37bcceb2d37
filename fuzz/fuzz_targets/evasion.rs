//! Structure-aware: builds a pacs.008 or an MT103 that carries a listed name disguised
//! by one to three of the known tricks (look-alike letters, letters spelled out or
//! written apart, bidirectional overrides, invisible characters, full-width forms,
//! punctuation, the name inside a longer one) at one of the places a name can hide (the
//! party name, an address line, the name split over both, the town, the ultimate
//! creditor, the remittance text, MT lines 2 and later), and screens it against the
//! bundled OFAC lists. The payment must never pass: held, or refused as an error.
#![no_main]

use std::sync::{Arc, OnceLock};

use interdict_model::Outcome;
use interdict_screen::{ScreenConfig, Screener};
use interdict_testkit::evasion::{apply, can_stack, message, Disguise, Place, PREFIXES, SEPARATORS, SUFFIXES};
use libfuzzer_sys::fuzz_target;

/// Listed names of the bundled lists, each held when written plainly (checked once).
const NAMES: [&str; 6] = [
    "CHOE CHOL MIN",
    "SECOND ACADEMY OF NATURAL SCIENCES",
    "AEROCARIBBEAN AIRLINES",
    "KOREA MINING DEVELOPMENT TRADING CORPORATION",
    "BANCO NACIONAL DE CUBA",
    "KOREA KWANGSON BANKING CORPORATION",
];

fn screener() -> &'static Screener {
    static SCREENER: OnceLock<Screener> = OnceLock::new();
    SCREENER.get_or_init(|| {
        let index = interdict_testkit::lists::index_of(&interdict_testkit::lists::bundled_ofac());
        let screener = Screener::new(Arc::new(index), ScreenConfig::default()).expect("a screener");
        for name in NAMES {
            let plain = screener.screen_bytes(&message(Place::IsoName, name).unwrap());
            assert_eq!(plain[0].verdict, Outcome::Hold, "{name} written plainly must be held");
        }
        screener
    })
}

/// Reads the fuzzer's bytes as choices, one byte each; zeros once they run out.
struct Choices<'a>(&'a [u8]);

impl Choices<'_> {
    fn next(&mut self) -> usize {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b as usize
            }
            None => 0,
        }
    }

    fn positions(&mut self) -> Vec<usize> {
        let n = 1 + self.next() % 5;
        (0..n).map(|_| self.next()).collect()
    }

    fn disguise(&mut self) -> Disguise {
        match self.next() % 13 {
            0 => Disguise::Lookalikes(self.positions()),
            1 => Disguise::GreekLookalikes(self.positions()),
            2 => Disguise::Dotted(self.next()),
            3 => Disguise::AllDotted,
            4 => Disguise::Spaced(self.next()),
            5 => Disguise::Override,
            6 => Disguise::Inside(PREFIXES[self.next() % PREFIXES.len()]),
            7 => Disguise::Before(SUFFIXES[self.next() % SUFFIXES.len()]),
            8 => Disguise::ZeroWidth(self.positions()),
            9 => Disguise::SoftHyphens(self.positions()),
            10 => Disguise::FullWidth,
            11 => Disguise::Lower,
            _ => Disguise::Punctuated(SEPARATORS[self.next() % SEPARATORS.len()]),
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let screener = screener();
    let mut choices = Choices(data);
    let name = NAMES[choices.next() % NAMES.len()];
    let place = Place::ALL[choices.next() % Place::ALL.len()];
    let layers = 1 + choices.next() % 3;
    let mut applied: Vec<Disguise> = Vec::new();
    let mut disguised = name.to_string();
    for _ in 0..layers {
        let next = choices.disguise();
        if !can_stack(&applied, &next) {
            break;
        }
        disguised = apply(&disguised, &next);
        applied.push(next);
    }
    let bytes = message(place, &disguised).unwrap_or_else(|| message(Place::IsoName, &disguised).unwrap());
    let verdicts = screener.screen_bytes(&bytes);
    for v in verdicts {
        assert_ne!(v.verdict, Outcome::Pass, "{disguised:?} ({applied:?}) at {place:?} passed: {v:?}");
    }
});
