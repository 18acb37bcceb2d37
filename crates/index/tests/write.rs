//! An index file is replaced only by a whole, verified index: bytes that do not verify
//! leave the old file in place and no temporary file behind.

use interdict_index::{build_from_sources, write_index, BuildOptions, Error, Source};
use interdict_lists::SourceKind;

fn small_index() -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("list.csv");
    std::fs::write(&csv, "id,name,type\nc1,CHOE Chol Min,person\nc2,GREEN LEAF TRADING,organization\n").unwrap();
    let options = BuildOptions { build_time: Some("2026-01-01T00:00:00Z".into()), ..BuildOptions::default() };
    build_from_sources(&[Source::new(SourceKind::CustomCsv, &csv)], &options, |_| {}).unwrap().bytes
}

fn entries(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn a_verified_index_replaces_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lists.idx");
    std::fs::write(&path, b"an older file").unwrap();
    let index = write_index(&path, &small_index()).unwrap();
    assert_eq!(index.entity_count(), 2);
    assert_eq!(interdict_index::Index::open(&path).unwrap().version(), index.version());
    assert_eq!(entries(dir.path()), ["lists.idx"]);
}

#[test]
fn bytes_that_do_not_verify_leave_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lists.idx");
    let good = small_index();
    write_index(&path, &good).unwrap();
    let mut corrupt = good.clone();
    let last = corrupt.len() - 1;
    corrupt[last] ^= 0xff;
    let err = write_index(&path, &corrupt).unwrap_err();
    assert!(matches!(err, Error::Checksum { .. }), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), good, "the verified file stays");
    assert_eq!(entries(dir.path()), ["lists.idx"], "no temporary file is left");
}

#[test]
fn an_empty_source_is_refused_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("empty.csv");
    std::fs::write(&csv, "id,name,type\n").unwrap();
    let source = [Source::new(SourceKind::CustomCsv, &csv)];
    let err = build_from_sources(&source, &BuildOptions::default(), |_| {}).unwrap_err();
    assert!(matches!(err, Error::EmptySource { .. }) && err.to_string().contains("gives no entities"), "{err}");
    let allowed = BuildOptions { allow_empty: true, ..BuildOptions::default() };
    let built = build_from_sources(&source, &allowed, |_| {}).unwrap();
    assert_eq!(built.open().unwrap().entity_count(), 0);
}

#[test]
fn the_operator_date_overrides_the_lists_own() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("list.csv");
    std::fs::write(&csv, "id,name,type\nc1,CHOE Chol Min,person\n").unwrap();
    let source: Source = format!("custom-csv={}@2026-02-27", csv.display()).parse().unwrap();
    let built = build_from_sources(&[source], &BuildOptions::default(), |_| {}).unwrap();
    assert_eq!(built.sources[0].published.as_deref(), Some("2026-02-27"));
    let index = built.open().unwrap();
    let first = index.entity_ids().next().unwrap();
    assert_eq!(index.entity(first).published.as_ref().map(|d| d.as_str()), Some("2026-02-27"));
}
