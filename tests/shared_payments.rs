//! Every public sample payment in ../shared/data/payments, screened against the bundled
//! OFAC lists: the real messages are innocent, so none may be held; the deliberately
//! broken or unsupported ones must be errors, with a reason. Reports SKIPPED when
//! ../shared is absent.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use interdict_model::Outcome;
use interdict_screen::{ScreenConfig, Screener};

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_none_or(|e| e != "xsd") {
            out.push(path);
        }
    }
}

#[test]
fn public_samples_pass_or_fail_for_a_stated_reason() {
    let Some(dir) =
        interdict_lists::shared_or_skipped(repo("../shared/data/payments"), "the public payment samples test")
    else {
        return;
    };
    let index = interdict_testkit::lists::index_of(&interdict_testkit::lists::bundled_sdn());
    let screener = Screener::new(Arc::new(index), ScreenConfig::default()).unwrap();

    let mut all = Vec::new();
    files(&dir, &mut all);
    all.sort();
    let (mut passes, mut errors) = (0, Vec::new());
    for path in &all {
        let name = path.strip_prefix(&dir).unwrap().display().to_string();
        for v in screener.screen_bytes(&std::fs::read(path).unwrap()) {
            match v.verdict {
                Outcome::Pass => passes += 1,
                Outcome::Hold => panic!("{name}: an innocent public sample was held: {:?}", v.hits),
                Outcome::Error => {
                    let e = v.error.unwrap();
                    assert!(!e.reason.is_empty() && e.offset.is_some(), "{name}: {e:?}");
                    errors.push((name.clone(), e.kind));
                }
            }
        }
    }
    // Status reports and MT101 are not payments Interdict screens; the dedmoo files are
    // deliberately invalid MT103s; the prowide out-ack file has a stray `{`.
    let unexpected: Vec<_> = errors
        .iter()
        .filter(|(name, kind)| {
            let status_report = (name.contains("pacs.002") || name.contains("pain_002") || name.contains("pain.002"))
                && kind == "unsupported";
            let mt101 = name.ends_with("MT101.fin") && kind == "unsupported";
            let invalid_mt = name.contains("dedmoo")
                && (name.contains("invalid") || name.contains("missing") || name.contains("duplicate"));
            let stray_brace = name.ends_with("MT103-out-ack.rje") && kind == "malformed";
            !(status_report || mt101 || invalid_mt || stray_brace)
        })
        .collect();
    assert!(unexpected.is_empty(), "unexpected errors: {unexpected:?}");
    assert!(passes >= 70, "{passes} messages passed");
}
