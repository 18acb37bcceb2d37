//! Bidirectional controls: the order stored differs from the order a reviewer sees.

mod evasion;
use evasion::*;
use interdict_model::HitKind;

#[test]
fn names_with_bidirectional_controls_are_read_as_shown_and_held() {
    let cases = [
        // The case that passed: stored backwards, shown as CHOI CHOL MIN.
        ("right-to-left override, whole name", "\u{202E}NIM LOHC IOHC"),
        ("override closed by a pop", "CHOI \u{202E}NIM LOHC\u{202C}"),
        ("an isolate inside a stranger's name", "EMMA\u{2066} DANIELS"),
        ("a right-to-left mark", "EMMA \u{200F}DANIELS"),
    ];
    for (what, name) in cases {
        let v = verdict(&pacs008_named(name));
        assert_not_passed(what, &pacs008_named(name), Some(CHOE));
        let disguise = v.hits.iter().find(|h| h.kind == HitKind::Disguise).unwrap_or_else(|| panic!("{what}: {v:?}"));
        assert!(
            disguise.explanation.contains("bidirectional control characters (U+"),
            "{what}: {}",
            disguise.explanation
        );
    }
    let v = verdict(&pacs008_named("\u{202E}NIM LOHC IOHC"));
    assert!(names(&v, CHOE), "read in display order, the name is the listed one: {:?}", v.hits);
}
