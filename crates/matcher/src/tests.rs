//! A small, fast, table-driven suite of hard cases on a hand-made index.

use super::*;
use interdict_index::build;
use interdict_model::{Alias, AliasKind, Entity, EntityKind, Strength};

fn entity(id: &str, kind: EntityKind, name: &str, aliases: &[(&str, Strength)]) -> Entity {
    let mut e = Entity::new(id, id.split(':').next().unwrap(), kind, name);
    for (a, s) in aliases {
        e.aliases.push(Alias { name: a.to_string(), kind: AliasKind::Aka, strength: s.clone() });
    }
    e
}

fn index() -> Index {
    use EntityKind::*;
    use Strength::*;
    let mut entities = vec![
        entity("ofac-sdn:43598", Person, "CHOE, Chol Min", &[("CHOE, Chol-min", Strong)]),
        entity(
            "ofac-sdn:12215",
            Organization,
            "SECOND ACADEMY OF NATURAL SCIENCES",
            &[("2ND ACADEMY OF NATURAL SCIENCES", Strong), ("SANSRI", Weak)],
        ),
        entity("ofac-sdn:39616", Person, "KHIABANI, Hossein Modarres", &[]),
        entity("ofac-sdn:11939", Person, "HERNANDEZ BARRON, Raul", &[]),
        entity("ofac-sdn:38662", Person, "BYZOV, Sergey Vyacheslavovich", &[]),
        entity("ofac-sdn:42238", Organization, "OXFOCENTO PROPRIETARY LTD", &[]),
        entity("ofac-sdn:25486", Person, "ESLAMI, Mansour", &[]),
        entity("ofac-sdn:29525", Organization, "CHEMTRANS PETROCHEMICALS TRADING LLC", &[]),
        entity("ofac-sdn:47680", Person, "SUNGATOV, Artur Ravilevich", &[]),
        entity("ofac-sdn:1", Organization, "EMMA LLC", &[]),
        entity("ofac-sdn:2", Organization, "GLOBAL TRADING CORP", &[]),
        entity("ofac-sdn:3", Person, "IBRAHIM, Muhammad Ahmad", &[]),
        entity("un:KPi.066", Person, "KIM JONG SIK", &[("Kim Cho'ng-sik", Strong)]),
        entity("ofac-sdn:21048", Organization, "ZARON BIO-TECH (ASIA) LIMITED", &[]),
        entity("ofac-sdn:5", Organization, "GLOBAL BIOTECH PARTNERS", &[]),
        entity("ofac-sdn:7873", Person, "AL-NAQIB, Zuhair Talib", &[]),
        entity("ofac-sdn:26664", Organization, "EVIL CORP", &[]),
        entity("ofac-sdn:12866", Organization, "GENERAL PETROLEUM CORPORATION", &[]),
    ];
    // Common words, so that rarity means something.
    for i in 0..200 {
        entities.push(entity(&format!("t:{i}"), Person, &format!("KIM, Trading Corp Muhammad Ali {i}"), &[]));
    }
    Index::from_bytes(build(entities, vec![], "2026-01-01T00:00:00Z").unwrap()).unwrap()
}

fn first_id(index: &Index, alerts: &[Alert]) -> Option<String> {
    alerts.first().map(|a| index.entity(a.entity).id.to_string())
}

#[test]
fn hard_cases_find_their_entity() {
    let index = index();
    let matcher = Matcher::new(&index, MatchConfig::default());
    let cases = [
        // (variant, query, expected)
        ("reorder", "Min Chol CHOE", "ofac-sdn:43598"),
        ("romanisation", "CHOI CHOL-MIN", "ofac-sdn:43598"),
        ("joined", "Choe Cholmin", "ofac-sdn:43598"),
        ("apostrophe", "CH'OE Chol Min", "ofac-sdn:43598"),
        ("numeral", "2ND ACADEMY OF NATURAL SCIENCES", "ofac-sdn:12215"),
        ("numeral written out", "Second Academy of Natural Sciences", "ofac-sdn:12215"),
        ("initial", "H. Modarres KHIABANI", "ofac-sdn:39616"),
        ("dropped surname", "Raul HERNANDEZ BARRON", "ofac-sdn:11939"),
        ("transliteration", "SERGEJ VYACHESLAVOVICH BYZOV", "ofac-sdn:38662"),
        ("legal form spelled out", "OXFOCENTO PROPRIETARY LIMITED", "ofac-sdn:42238"),
        ("camel-case join", "MansourESLAMI", "ofac-sdn:25486"),
        ("cut at 35", "CHEMTRANS PETROCHEMICALS TRADING LL", "ofac-sdn:29525"),
        ("title", "ENG Artur Ravilevich SUNGATOV", "ofac-sdn:47680"),
        ("typo", "Artur Ravilevich SUNGATOW", "ofac-sdn:47680"),
        ("cyrillic", "Сунгатов Артур Равилевич", "ofac-sdn:47680"),
        ("hangul romanised alias", "KIM Chong Sik", "un:KPi.066"),
        ("joined, and the joined word is listed elsewhere", "ZARON BIOTECH (ASIA) LIMITED", "ofac-sdn:21048"),
        ("first two letters swapped", "Zuhair Talib AL-ANQIB", "ofac-sdn:7873"),
        ("legal form abbreviated, common words", "GENERAL PETROLEUM CORP", "ofac-sdn:12866"),
    ];
    for (variant, query, expected) in cases {
        let alerts = matcher.search(query);
        assert_eq!(first_id(&index, &alerts).as_deref(), Some(expected), "{variant}: {query}: {alerts:?}");
    }
}

#[test]
fn innocent_names_do_not_alert() {
    let index = index();
    let matcher = Matcher::new(&index, MatchConfig::default());
    let cases = [
        ("shares a first name with an organisation", "EMMA DANIELS"),
        ("legal form alone", "CORP"),
        ("common words only", "TRADING CORP"),
        ("common names", "Muhammad Ali Hassan"),
        ("different person, same family name", "Kim Min-jun"),
        ("empty", ""),
        ("punctuation", "---"),
        ("one common word of a listed name", "Academy"),
        ("a short word one swap from a listed one (Evli, a Finnish bank)", "Evli"),
    ];
    for (why, query) in cases {
        let alerts = matcher.search(query);
        assert!(alerts.is_empty(), "{why}: {query}: {alerts:?}");
    }
}

#[test]
fn explanations_name_the_pairs() {
    let index = index();
    let matcher = Matcher::new(&index, MatchConfig::default());
    let cases = [
        ("Choe Cheol Min", &["choe = choe", "chol = chol"][..]),
        ("H. Modarres KHIABANI", &["h = hussein (initial)"][..]),
        ("Choe Cholmin", &["cholmin = chol min (written together)"][..]),
        ("CHEMTRANS PETROCHEMICALS TRADING LL", &["ll… = llc (cut short)"][..]),
        ("GENERAL PETROLEUM CORP", &["corporation = corporation", "3/3 listed words paired"][..]),
    ];
    for (query, fragments) in cases {
        let alert = &matcher.search(query)[0];
        for f in fragments {
            assert!(alert.explanation.contains(f), "{query}: {}", alert.explanation);
        }
        assert!(alert.explanation.ends_with(&format!("score {:.2}", alert.score)), "{}", alert.explanation);
    }
}

#[test]
fn threshold_and_limit_apply() {
    let index = index();
    let strict = Matcher::new(&index, MatchConfig { threshold: 1.0, max_alerts: 10 });
    assert!(strict.search("Choe Chol Minn").is_empty());
    assert_eq!(strict.search("Choe Chol Min").len(), 1);
    let loose = Matcher::new(&index, MatchConfig { threshold: 0.0, max_alerts: 1 });
    assert_eq!(loose.search("Kim").len(), 1);
}

#[test]
fn weak_aliases_score_below_strong_names() {
    let index = index();
    let matcher = Matcher::new(&index, MatchConfig { threshold: 0.5, max_alerts: 10 });
    let weak = &matcher.search("SANSRI")[0];
    assert!(weak.score < 1.0, "{weak:?}");
    assert!(weak.explanation.contains("the weak alias"), "{}", weak.explanation);
}

fn index_with_facts() -> Index {
    use interdict_model::{BirthDate, Country, IdKind, Identifier, PartialDate};
    let mut choe = entity("ofac-sdn:43598", EntityKind::Person, "CHOE, Chol Min", &[]);
    choe.birth_dates.push(BirthDate::exact(PartialDate::ymd(1978, 4, 3)));
    choe.nationalities.push(Country::from_name("Korea, North"));
    choe.identifiers.push(Identifier::new(IdKind::Passport, "108410050", "Passport"));
    let mut entities = vec![choe];
    for i in 0..50 {
        entities.push(entity(&format!("t:{i}"), EntityKind::Person, &format!("PARK, Min Ho {i}"), &[]));
    }
    Index::from_bytes(build(entities, vec![], "2026-01-01T00:00:00Z").unwrap()).unwrap()
}

#[test]
fn secondary_factors_move_scores_as_documented() {
    use interdict_model::IdKind;
    let index = index_with_facts();
    let matcher = Matcher::new(&index, MatchConfig { threshold: 0.3, max_alerts: 10 });
    let name = "CHOE CHOL MINN";
    let base = matcher.search(name)[0].score;
    let with = |context: Context| matcher.search_with(name, &context).first().map(|a| (a.score, a.explanation.clone()));
    let cases: Vec<(&str, Context, f64, &str)> = vec![
        ("birth year agrees", Context { birth_year: Some(1978), ..Default::default() }, 0.05, "born 1978, as listed"),
        (
            "birth year far off",
            Context { birth_year: Some(1990), ..Default::default() },
            -0.15,
            "born 1990, not as listed",
        ),
        ("country agrees", Context { country: Some("KP".into()), ..Default::default() }, 0.03, "country KP is listed"),
        ("country differs: no change", Context { country: Some("FR".into()), ..Default::default() }, 0.0, ""),
        (
            "passport differs",
            Context { identifiers: vec![(IdKind::Passport, "999".into())], ..Default::default() },
            -0.05,
            "passport 999 differs",
        ),
    ];
    for (why, context, delta, note) in cases {
        let (score, explanation) = with(context).expect(why);
        assert!((score - (base + delta).clamp(0.0, 1.0)).abs() < 1e-3, "{why}: {score} vs {base}+{delta}");
        assert!(explanation.contains(note), "{why}: {explanation}");
    }
    let same = Context { identifiers: vec![(IdKind::Passport, "108 410 050".into())], ..Default::default() };
    let (score, explanation) = with(same).unwrap();
    assert!(score >= 0.99, "{score}");
    assert!(explanation.contains("passport 108 410 050 is listed"), "{explanation}");
}

#[test]
fn secondary_factors_can_lift_a_name_over_the_threshold() {
    let index = index_with_facts();
    let name = "CHOE MINN";
    let base = Matcher::new(&index, MatchConfig { threshold: 0.0, max_alerts: 1 }).search(name)[0].score;
    assert!(base < 0.9, "{base}");
    let strict = Matcher::new(&index, MatchConfig { threshold: base + 0.04, max_alerts: 10 });
    assert!(strict.search(name).is_empty(), "{base}");
    let context = Context { birth_year: Some(1978), ..Default::default() };
    assert_eq!(strict.search_with(name, &context).len(), 1);
}

/// A distinct made-up word for each number ("BAA", "BAB"...).
fn word(mut i: usize) -> String {
    let mut w = String::from("B");
    for _ in 0..3 {
        w.push((b'A' + (i % 26) as u8) as char);
        i /= 26;
    }
    w
}

#[test]
fn a_name_cut_before_any_distinctive_word_alerts_on_every_listed_name_it_begins() {
    let mut entities: Vec<Entity> = (0..300)
        .map(|i| {
            let name = format!("OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU {} TORG", word(i));
            entity(&format!("ofac-sdn:{i}"), EntityKind::Organization, &name, &[])
        })
        .collect();
    entities.push(entity(
        "ofac-sdn:48530",
        EntityKind::Organization,
        "JOINT STOCK COMPANY RESEARCH AND PRODUCTION ENTERPRISE IZMERITEL",
        &[],
    ));
    for i in 0..40 {
        let name = format!("JOINT STOCK COMPANY {} PROMYSHLENNOST", word(i));
        entities.push(entity(&format!("t:{i}"), EntityKind::Organization, &name, &[]));
    }
    let index = Index::from_bytes(build(entities, vec![], "2026-01-01T00:00:00Z").unwrap()).unwrap();
    let matcher = Matcher::new(&index, MatchConfig::default());

    // Cut at 35 characters: every listed name it begins ties, more than the full-scoring cap.
    let cut = matcher.search("OBSHCHESTVO S OGRANICHENNOI OTVETST");
    assert_eq!(cut.len(), 300, "{:?}", cut.first());
    assert!(cut.iter().all(|a| a.explanation.contains("otvetst… = otvetstvennostyu (cut short)")), "{:?}", cut[0]);
    // A short cut-off fragment pairs with the listed word it begins, even among many.
    let fragment = matcher.search("JOINT STOCK COMPANY RESEARCH AND PR");
    assert_eq!(first_id(&index, &fragment).as_deref(), Some("ofac-sdn:48530"), "{fragment:?}");
    assert!(fragment[0].score >= 0.9, "{:?}", fragment[0]);

    // Not cut: the legal form alone, or a different name that shares it, identifies nobody.
    for query in ["OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU", "OOO ROMASHKA", "JOINT STOCK COMPANY"] {
        let alerts = matcher.search(query);
        assert!(alerts.is_empty(), "{query}: {alerts:?}");
    }
}
