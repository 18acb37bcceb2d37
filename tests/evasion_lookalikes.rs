//! Look-alike letters of other scripts in a listed name (UTS #39 confusables).

mod evasion;
use evasion::*;
use interdict_model::{HitKind, Outcome};

#[test]
fn cyrillic_and_greek_lookalikes_are_read_as_latin() {
    // (what, the debtor's name)
    let cases = [
        // The case that passed: Cyrillic С, О, Е in CHOE (score 0.62).
        ("Cyrillic C, O, E in CHOE", "\u{421}H\u{41E}\u{415} CHOL MIN"),
        ("Cyrillic in every word", "\u{421}H\u{41E}\u{415} \u{421}H\u{41E}L \u{41C}IN"),
        ("every letter Cyrillic", "\u{421}\u{41D}\u{41E}\u{415} \u{421}\u{41D}\u{41E}L \u{41C}I\u{41D}"),
        ("lower-case Cyrillic look-alikes", "Ch\u{43E}\u{435} Ch\u{43E}l Min"),
        ("Greek look-alikes", "\u{39F}\u{397}\u{39F}I \u{39F}H\u{39F}L MIN"),
        ("Cyrillic in an organisation", "SE\u{421}\u{41E}ND A\u{421}ADEMY \u{41E}F NATURAL S\u{421}IEN\u{421}ES"),
    ];
    for (what, name) in cases {
        let entity = if what.contains("organisation") { ACADEMY } else { CHOE };
        assert_not_passed(what, &pacs008_named(name), Some(entity));
    }
}

#[test]
fn a_word_mixing_scripts_is_a_hit_of_its_own_kind() {
    let v = verdict(&pacs008_named("\u{421}H\u{41E}\u{415} CHOL MIN"));
    assert_eq!(v.verdict, Outcome::Hold);
    let disguise = v.hits.iter().find(|h| h.kind == HitKind::Disguise).expect("a disguise hit");
    assert!(disguise.explanation.contains("mixes scripts (Latin and Cyrillic)"), "{}", disguise.explanation);
    assert!(disguise.field_path.ends_with("/Dbtr/Nm"), "{}", disguise.field_path);
    // A name in Cyrillic alone is no disguise, and a stranger's passes.
    assert_passes("a Russian name in Cyrillic", &pacs008_named("Иван Петров"));
    assert_passes("the control", &pacs008_named("EMMA DANIELS"));
}
