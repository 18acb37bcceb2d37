//! Property: a payment to a listed party, disguised by any of the known tricks (or
//! several), is never passed.

mod evasion;
use evasion::*;
use interdict_model::Outcome;
use interdict_testkit::evasion::{apply, can_stack, message, Disguise, Place, PREFIXES, SEPARATORS, SUFFIXES};
use proptest::prelude::*;

/// Listed names held when written plainly, with their entity.
const NAMES: [(&str, &str); 4] = [
    ("CHOE CHOL MIN", CHOE),
    ("SECOND ACADEMY OF NATURAL SCIENCES", ACADEMY),
    ("AEROCARIBBEAN AIRLINES", "ofac-sdn:36"),
    ("KOREA MINING DEVELOPMENT TRADING CORPORATION", "ofac-sdn:9345"),
];

fn disguise() -> impl Strategy<Value = Disguise> {
    let positions = || prop::collection::vec(0usize..64, 1..6);
    prop_oneof![
        positions().prop_map(Disguise::Lookalikes),
        positions().prop_map(Disguise::GreekLookalikes),
        (0usize..6).prop_map(Disguise::Dotted),
        Just(Disguise::AllDotted),
        (0usize..6).prop_map(Disguise::Spaced),
        Just(Disguise::Override),
        prop::sample::select(PREFIXES.to_vec()).prop_map(Disguise::Inside),
        prop::sample::select(SUFFIXES.to_vec()).prop_map(Disguise::Before),
        positions().prop_map(Disguise::ZeroWidth),
        positions().prop_map(Disguise::SoftHyphens),
        Just(Disguise::FullWidth),
        Just(Disguise::Lower),
        prop::sample::select(SEPARATORS.to_vec()).prop_map(Disguise::Punctuated),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn a_disguised_listed_name_is_never_passed(
        which in 0..NAMES.len(),
        first in disguise(),
        second in prop::option::of(disguise()),
        place in prop::sample::select(Place::ALL.to_vec()),
    ) {
        let (name, _) = NAMES[which];
        let mut disguised = apply(name, &first);
        if let Some(second) = &second {
            if can_stack(std::slice::from_ref(&first), second) {
                disguised = apply(&disguised, second);
            }
        }
        // A place that cannot carry the disguised name (an MT line is at most 35
        // characters of SWIFT's character set) gets it in the debtor's name instead.
        let bytes = message(place, &disguised).unwrap_or_else(|| message(Place::IsoName, &disguised).unwrap());
        let v = verdict(&bytes);
        prop_assert_ne!(v.verdict, Outcome::Pass, "{:?} at {:?} passed: {:?}", disguised, place, v);
    }
}
