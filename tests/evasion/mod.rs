//! Helpers for the evasion tests: a screener over the bundled lists (built once per test
//! binary), and payments whose debtor is written as an adversary would write it.

#![allow(dead_code)] // each test binary uses the part it needs

use std::sync::{Arc, OnceLock};

use interdict_model::{HitKind, Outcome, Verdict};
use interdict_screen::{ScreenConfig, Screener};

/// The screener of the bundled OFAC lists.
pub fn screener() -> &'static Screener {
    static SCREENER: OnceLock<Screener> = OnceLock::new();
    SCREENER.get_or_init(|| {
        let index = interdict_testkit::lists::index_of(&interdict_testkit::lists::bundled_ofac());
        Screener::new(Arc::new(index), ScreenConfig::default()).unwrap()
    })
}

#[allow(unused_imports)] // each test binary uses the part it needs
pub use interdict_testkit::evasion::{mt103, pacs008, pacs008_named, xml_text};

/// Screens one message and returns its only verdict.
pub fn verdict(bytes: &[u8]) -> Verdict {
    let mut verdicts = screener().screen_bytes(bytes);
    assert_eq!(verdicts.len(), 1, "one message: {verdicts:?}");
    verdicts.remove(0)
}

/// Whether a verdict names `entity` in a hit.
pub fn names(v: &Verdict, entity: &str) -> bool {
    v.hits.iter().any(|h| h.entity_id.as_deref() == Some(entity))
}

/// Checks that a disguised message is held, on the listed entity, or for a disguise, or
/// refused as an error (never passed).
pub fn assert_not_passed(what: &str, bytes: &[u8], entity: Option<&str>) {
    let v = verdict(bytes);
    assert_ne!(v.verdict, Outcome::Pass, "{what}: passed\n{}", String::from_utf8_lossy(bytes));
    if let (Outcome::Hold, Some(entity)) = (v.verdict, entity) {
        let disguise = v.hits.iter().any(|h| h.kind == HitKind::Disguise);
        assert!(names(&v, entity) || disguise, "{what}: held, but not on {entity}: {:?}", v.hits);
    }
}

/// The control: the undisguised payment to a stranger passes.
pub fn assert_passes(what: &str, bytes: &[u8]) {
    let v = verdict(bytes);
    assert_eq!(v.verdict, Outcome::Pass, "{what}: {:?} {:?}", v.hits, v.error);
}

pub const CHOE: &str = "ofac-sdn:43598";
pub const ACADEMY: &str = "ofac-sdn:12215";
