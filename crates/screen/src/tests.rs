//! Screening on a hand-made index, with JSON payments (the format-neutral input).

use super::*;
use interdict_index::build;
use interdict_model::{Alias, AliasKind, Entity, EntityKind, Identifier, Strength};

fn identifier(kind: IdKind, value: &str) -> Identifier {
    Identifier::new(kind.clone(), value, kind.as_str())
}

fn index() -> Arc<Index> {
    let mut choe = Entity::new("ofac-sdn:43598", "ofac-sdn", EntityKind::Person, "CHOE, Chol Min");
    choe.programs.push("NPWMD".into());
    choe.aliases.push(Alias { name: "CHOE, Chol-min".into(), kind: AliasKind::Aka, strength: Strength::Strong });
    let academy =
        Entity::new("ofac-sdn:12215", "ofac-sdn", EntityKind::Organization, "SECOND ACADEMY OF NATURAL SCIENCES");
    let mut bank = Entity::new("ofac-sdn:306", "ofac-sdn", EntityKind::Organization, "BANCO NACIONAL DE CUBA");
    bank.identifiers.push(identifier(IdKind::Bic, "BNCUCUHH"));
    let mut ship = Entity::new("ofac-sdn:15036", "ofac-sdn", EntityKind::Vessel, "ARTAVIL");
    ship.identifiers.push(identifier(IdKind::Imo, "9187629"));
    let mut entities = vec![choe, academy, bank, ship];
    for i in 0..30 {
        entities.push(Entity::new(&format!("t:{i}"), "t", EntityKind::Person, &format!("SMITH, John {i}")));
    }
    Arc::new(Index::from_bytes(build(entities, vec![], "2026-01-01T00:00:00Z").unwrap()).unwrap())
}

fn screener(config: ScreenConfig) -> Screener {
    Screener::new(index(), config).unwrap()
}

/// A JSON payment with one transaction.
fn payment(parties: &str, free_text: &str) -> Vec<u8> {
    format!(
        r#"{{"message_id": "P-1", "format": "json", "transactions": [{{"id": "T1", "parties": [{parties}], "free_text": [{free_text}]}}]}}"#
    )
    .into_bytes()
}

fn party(role: &str, fields: &str) -> String {
    format!(r#"{{"role": "{role}", "path": "/{role}"{}{fields}}}"#, if fields.is_empty() { "" } else { ", " })
}

fn located(path: &str, value: &str) -> String {
    format!(r#"{{"path": "{path}", "value": "{value}"}}"#)
}

#[test]
fn each_kind_of_hit_with_its_path_and_text() {
    let s = screener(ScreenConfig::default());
    type Case<'a> = (&'a str, Vec<u8>, HitKind, Option<&'a str>, &'a str, &'a str);
    let cases: Vec<Case> = vec![
        (
            "debtor name",
            payment(&party("debtor", &format!(r#""name": {}"#, located("/debtor/name", "CHOI CHOL-MIN"))), ""),
            HitKind::Name,
            Some("ofac-sdn:43598"),
            "/debtor/name",
            "debtor name:",
        ),
        (
            "remittance text",
            payment("", &located("/rmt", "PAYMENT FOR BEARINGS VIA 2ND ACADEMY OF NATURAL SCIENCES")),
            HitKind::Text,
            Some("ofac-sdn:12215"),
            "/rmt",
            "free text contains the listed name",
        ),
        (
            "remittance text in another script",
            payment("", &located("/rmt", "베어링 대금 최철민 북경")),
            HitKind::Text,
            Some("ofac-sdn:43598"),
            "/rmt",
            "free text written in another script reads as a listed name",
        ),
        (
            "remittance text in Cyrillic",
            payment("", &located("/rmt", "ОПЛАТА ПОДШИПНИКОВ ЧХВЕ ЧХОЛЬ МИН ПЕКИН")),
            HitKind::Text,
            Some("ofac-sdn:43598"),
            "/rmt",
            "free text written in another script reads as a listed name",
        ),
        (
            "listed BIC",
            payment(&party("creditor_agent", &format!(r#""bic": {}"#, located("/cagt/bic", "BNCUCUHHXXX"))), ""),
            HitKind::Bic,
            Some("ofac-sdn:306"),
            "/cagt/bic",
            "is listed as the SWIFT/BIC",
        ),
        (
            "embargoed country",
            payment(&party("creditor", &format!(r#""country": {}"#, located("/cdtr/ctry", "KP"))), ""),
            HitKind::Country,
            None,
            "/cdtr/ctry",
            "creditor country KP is under embargo",
        ),
        (
            "embargoed region in an address line",
            payment(
                &party(
                    "creditor",
                    &format!(r#""address_lines": [{}]"#, located("/cdtr/adr[1]", "5 LENIN ST, SIMFEROPOL")),
                ),
                "",
            ),
            HitKind::Country,
            None,
            "/cdtr/adr[1]",
            "Crimea (UA)",
        ),
        (
            "BIC in an embargoed country",
            payment(&party("debtor_agent", &format!(r#""bic": {}"#, located("/dagt/bic", "BKIDIRTHXXX"))), ""),
            HitKind::Country,
            None,
            "/dagt/bic",
            "a bank in IR",
        ),
        (
            "IBAN in an embargoed country",
            payment(
                &party(
                    "debtor",
                    &format!(r#""account": {}"#, located("/dbtr/acct", "IR06 0170 0000 0012 3456 7890 01")),
                ),
                "",
            ),
            HitKind::Country,
            None,
            "/dbtr/acct",
            "IBAN is an account in IR",
        ),
        (
            "IMO number in text",
            payment("", &located("/rmt", "FREIGHT IMO 9187629 DISCHARGE")),
            HitKind::Vessel,
            Some("ofac-sdn:15036"),
            "/rmt",
            "IMO 9187629",
        ),
        (
            "vessel name after a vessel marker",
            payment("", &located("/rmt", "DEMURRAGE MV ARTAVIL")),
            HitKind::Text,
            Some("ofac-sdn:15036"),
            "/rmt",
            "ARTAVIL",
        ),
    ];
    for (what, bytes, kind, entity, path, explanation) in cases {
        let verdict = &s.screen_bytes(&bytes)[0];
        assert_eq!(verdict.verdict, Outcome::Hold, "{what}: {verdict:?}");
        let hit = verdict.hits.iter().find(|h| h.kind == kind).unwrap_or_else(|| panic!("{what}: {verdict:?}"));
        assert_eq!(hit.entity_id.as_deref(), entity, "{what}");
        assert_eq!(hit.field_path, path, "{what}");
        assert!(hit.explanation.contains(explanation), "{what}: {}", hit.explanation);
        assert_eq!(hit.transaction, Some(0), "{what}");
        assert_eq!(verdict.index_version, s.index_version());
    }
}

#[test]
fn innocent_payments_pass() {
    let s = screener(ScreenConfig::default());
    let cases = [
        payment(
            &party(
                "debtor",
                &format!(r#""name": {}, "town": {}"#, located("/d/n", "EMMA DANIELS"), located("/d/t", "LEEDS")),
            ),
            &located("/rmt", "RENT NOVEMBER"),
        ),
        payment("", &located("/rmt", "ARTAVIL CONSULTING INVOICE 7")),
        payment("", &located("/rmt", "ACADEMY OF ARTS TUITION")),
        payment(
            &party("creditor", &format!(r#""address_lines": [{}]"#, located("/c/a", "IRANIAN STREET 5, LONDON"))),
            "",
        ),
    ];
    for bytes in cases {
        let verdict = &s.screen_bytes(&bytes)[0];
        assert_eq!(verdict.verdict, Outcome::Pass, "{}: {verdict:?}", String::from_utf8_lossy(&bytes));
        assert!(verdict.hits.is_empty());
    }
}

#[test]
fn good_guys_suppress_and_report() {
    let entry = |name: Option<&str>, account: Option<&str>, expires: Option<&str>| GoodGuyEntry {
        entity_id: "ofac-sdn:43598".into(),
        party_name: name.map(str::to_string),
        account: account.map(str::to_string),
        reason: "our customer, a different person".into(),
        approved_by: "analyst 7".into(),
        expires: expires.map(str::to_string),
    };
    let bytes = payment(
        &party(
            "debtor",
            &format!(
                r#""name": {}, "account": {}"#,
                located("/d/n", "Choe Chol Min"),
                located("/d/a", "GB29NWBK60161331926819")
            ),
        ),
        "",
    );
    let cases = [
        ("by name", entry(Some("CHOE CHOL MIN"), None, None), true),
        ("by account", entry(None, Some("GB29 NWBK 6016 1331 9268 19"), None), true),
        ("expired", entry(Some("Choe Chol Min"), None, Some("2020-01-01")), false),
        ("another party", entry(Some("Someone Else"), None, None), false),
    ];
    for (what, good_guy, suppresses) in cases {
        let config =
            ScreenConfig { good_guys: GoodGuyList::new(vec![good_guy], "f".repeat(64)), ..ScreenConfig::default() };
        let verdict = &screener(config).screen_bytes(&bytes)[0];
        if suppresses {
            assert_eq!(verdict.verdict, Outcome::Pass, "{what}");
            assert_eq!(verdict.suppressed.len(), 1, "{what}");
            assert!(verdict.suppressed[0].reason.contains("approved by analyst 7"), "{what}");
        } else {
            assert_eq!(verdict.verdict, Outcome::Hold, "{what}");
            assert!(verdict.suppressed.is_empty(), "{what}");
        }
    }
}

#[test]
fn unparsable_input_is_an_error_verdict_never_a_pass() {
    let s = screener(ScreenConfig::default());
    let cases: &[&[u8]] = &[b"hello", b"{\"message_id\": ", b"<Document><unclosed></Document>", b"\xff\xfe"];
    for bytes in cases {
        let verdict = &s.screen_bytes(bytes)[0];
        assert_eq!(verdict.verdict, Outcome::Error, "{:?}", String::from_utf8_lossy(bytes));
        let error = verdict.error.as_ref().unwrap();
        assert!(!error.reason.is_empty() && error.offset.is_some(), "{error:?}");
        assert!(verdict.hits.is_empty());
    }
}

#[test]
fn the_name_cache_gives_the_same_verdicts() {
    let bytes = payment(&party("debtor", &format!(r#""name": {}"#, located("/debtor/name", "CHOI CHOL-MIN"))), "");
    let cached = screener(ScreenConfig::default());
    let uncached = screener(ScreenConfig { name_cache_entries: 0, ..ScreenConfig::default() });
    let first = cached.screen_bytes(&bytes);
    let again = cached.screen_bytes(&bytes);
    let plain = uncached.screen_bytes(&bytes);
    assert_eq!(first[0].hits, again[0].hits);
    assert_eq!(first[0].hits, plain[0].hits);
    assert_eq!(first[0].hits[0].entity_id.as_deref(), Some("ofac-sdn:43598"));
    // A tiny cache that must start over on every new name still answers correctly.
    let tiny = screener(ScreenConfig { name_cache_entries: 1, ..ScreenConfig::default() });
    let other = payment(&party("debtor", &format!(r#""name": {}"#, located("/debtor/name", "EMMA DANIELS"))), "");
    for _ in 0..3 {
        assert_eq!(tiny.screen_bytes(&bytes)[0].hits, plain[0].hits);
        assert!(tiny.screen_bytes(&other)[0].hits.is_empty());
    }
}

#[test]
fn every_screener_names_what_it_screens_against() {
    let base = screener(ScreenConfig::default());
    let with = base.screened_with().clone();
    assert_eq!(with.index_version, base.index_version());
    assert_eq!(with.policy_sha256, Policy::default_policy().sha256());
    assert_eq!(with.good_guys.entries, 0);
    assert_eq!(with.good_guys.sha256, crate::sha256_hex(b""), "no list: the hash of nothing");
    assert_eq!(with.threshold, interdict_matcher::DEFAULT_THRESHOLD);
    assert!(with.engine.starts_with("interdict "), "{}", with.engine);

    // Reconfigured: the same index, the new settings named.
    let stricter = ScreenConfig {
        matcher: interdict_matcher::MatchConfig { threshold: 0.95, ..Default::default() },
        policy: Policy::from_toml("[[country]]\ncode = \"BY\"\n").unwrap(),
        ..ScreenConfig::default()
    };
    let other = base.reconfigured(stricter);
    assert_eq!(other.screened_with().index_version, with.index_version);
    assert_eq!(other.screened_with().threshold, 0.95);
    assert_ne!(other.screened_with().policy_sha256, with.policy_sha256);
}

#[test]
fn the_name_cache_keeps_results_apart_for_every_context_factor() {
    let s = screener(ScreenConfig::default());
    let matcher = Matcher::new(&s.index, s.config.matcher.clone());
    let plain = Context::default();
    // An identifier the listed entity does not hold lowers nothing here, but a listed
    // one lifts a weak name to at least 0.99: the two must not share a cache entry.
    let with_bic = Context { identifiers: vec![(IdKind::Bic, "BNCUCUHH".into())], ..Context::default() };
    let name = "BANCO NACIONAL";
    let first = s.name_alerts(&matcher, name, plain.clone());
    let lifted = s.name_alerts(&matcher, name, with_bic.clone());
    assert_ne!(*first, *lifted, "the identifier changes the result");
    assert_eq!(*lifted, matcher.search_with(name, &with_bic), "the identifier's result, not the cached plain one");
    assert_eq!(*s.name_alerts(&matcher, name, plain), *first, "the plain result is still the plain one");
    assert_eq!(s.name_cache.len(), 2);
}
