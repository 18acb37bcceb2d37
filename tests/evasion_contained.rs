//! A listed name inside a longer one.

mod evasion;
use evasion::*;

#[test]
fn a_listed_name_inside_a_longer_party_name_alerts() {
    let cases = [
        // The case that passed (score 0.57).
        ("trading as agent for", "NORTHSEA TRADING AS AGENT FOR SECOND ACADEMY OF NATURAL SCIENCES", ACADEMY),
        ("for the account of", "FOR THE ACCOUNT OF CHOE CHOL MIN LTD", CHOE),
        ("care of", "GLOBAL LOGISTICS C/O CHOE CHOL MIN", CHOE),
    ];
    for (what, name, entity) in cases {
        assert_not_passed(what, &pacs008_named(name), Some(entity));
        let alerts = interdict_matcher::Matcher::new(screener().index(), Default::default()).search(name);
        assert!(
            alerts.iter().any(|a| screener().index().entity(a.entity).id.as_str() == entity),
            "{what}: `search` alerts too: {alerts:?}"
        );
    }
}
