//! Names in other scripts against the bundled OFAC lists (Latin names only): the people
//! and groups below are found from their names in their own scripts, and the common
//! names of `tests/data/script_innocents.tsv` alert at most 1 % of the time.

use interdict_matcher::{MatchConfig, Matcher};

#[test]
fn names_in_their_own_scripts_find_the_listed_latin_names() {
    let index = interdict_testkit::lists::index_of(&interdict_testkit::lists::bundled_ofac());
    let matcher = Matcher::new(&index, MatchConfig::default());
    let cases = [
        ("يحيى جوادي", "ofac-sdn:10935"),
        ("عبد المالك دروكدال", "ofac-sdn:10612"),
        ("الجماعة الاسلامية المقاتلة الليبية", "ofac-sdn:6898"),
        ("최철민", "ofac-sdn:43598"),
        ("Чхве Чхоль Мин", "ofac-sdn:43598"),
        ("김정은", "ofac-sdn:20157"),
        ("Евгений Пригожин", "ofac-sdn:21171"),
        ("Γεώργιος Μανίδης", "ofac-sdn:26684"),
        ("דן גרטלר", "ofac-sdn:23252"),
        ("シノダ ケンイチ", "ofac-sdn:13072"),
        ("李方伟", "ofac-sdn:11447"),
        ("თარხან ბატირაშვილი", "ofac-sdn:17283"),
        ("Կարեն Ստեփանյան", "ofac-sdn:27146"),
    ];
    for (query, expected) in cases {
        let alerts = matcher.search(query);
        assert!(alerts.iter().any(|a| index.entity(a.entity).id.as_str() == expected), "{query}: expected {expected}");
    }
}

#[test]
fn common_names_in_other_scripts_rarely_alert() {
    let index = interdict_testkit::lists::index_of(&interdict_testkit::lists::bundled_ofac());
    let matcher = Matcher::new(&index, MatchConfig::default());
    let file =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/script_innocents.tsv")).unwrap();
    let mut names = 0;
    let mut alerted = Vec::new();
    for line in file.lines().skip(1) {
        let Some(query) = line.split('\t').nth(1) else { continue };
        names += 1;
        if !matcher.search(query).is_empty() {
            alerted.push(query.to_string());
        }
    }
    assert!(names > 600, "{names} names read");
    assert!(alerted.len() * 100 <= names, "{} of {names} alert: {alerted:?}", alerted.len());
}
