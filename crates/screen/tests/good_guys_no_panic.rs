//! The good-guy list parser never panics, whatever bytes it is given, and every error in
//! a list says where.
//!
//! Inputs: arbitrary bytes, arbitrary text made of the characters the formats care
//! about, blank files, and the CSV and JSON fixtures damaged by truncation, byte flips,
//! inserted bytes, inserted format tokens and deleted or repeated spans
//! (`interdict_testkit::damage`). The parser must return (`Ok` or `Err`, never a panic),
//! and an invalid list's error must carry the file, a position inside it and a
//! non-empty reason. The `goodguy` fuzz target (see `docs/fuzzing.md`) explores the same
//! code for longer.

use std::path::{Path, PathBuf};

use interdict_screen::{Error, FilePosition, GoodGuyList};
use interdict_testkit::damage::{config, damaged, format_text};
use proptest::prelude::*;

/// The two forms of the list; the parser tells them apart by content, the file name
/// only names the input in errors.
#[derive(Debug, Clone, Copy)]
enum Form {
    Csv,
    Json,
}

impl Form {
    const ALL: [Form; 2] = [Form::Csv, Form::Json];

    fn file_name(self) -> &'static str {
        match self {
            Form::Csv => "goodguy.csv",
            Form::Json => "goodguy.json",
        }
    }

    /// The valid fixture of this form.
    fn seed(self) -> Vec<u8> {
        let name = match self {
            Form::Csv => "goodguy_sample.csv",
            Form::Json => "goodguy_sample.json",
        };
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }
}

/// Parses and checks the properties every result must have. Returns whether it parsed.
fn check(form: Form, bytes: &[u8]) -> bool {
    let path = Path::new(form.file_name());
    let err = match GoodGuyList::from_bytes(path, bytes) {
        Ok(_) => return true,
        Err(err) => err,
    };
    let message = err.to_string();
    assert!(!message.trim().is_empty(), "{form:?}: empty error message");
    if let Error::GoodGuysInvalid { path: named, position, reason } = &err {
        assert_eq!(err.position(), Some(*position), "{form:?}: {message}");
        assert!(!reason.trim().is_empty(), "{form:?}: error without a reason: {message}");
        assert_eq!(named, path, "{form:?}: error names another file: {message}");
        let len = bytes.len() as u64;
        let lines = bytes.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        if let FilePosition::Line { line, byte } = *position {
            assert!(line >= 1 && line <= lines, "{form:?}: line {line} of {lines}: {message}");
            assert!(byte <= len, "{form:?}: byte {byte} past the end ({len}): {message}");
        }
    }
    false
}

#[test]
fn every_seed_parses() {
    for form in Form::ALL {
        let list = GoodGuyList::from_bytes(Path::new(form.file_name()), &form.seed()).unwrap();
        assert!(!list.entries().is_empty(), "{form:?} seed parsed to nothing");
    }
}

/// With `INTERDICT_FUZZ_SEEDS=DIR`, writes the seeds as the starting corpus of the
/// `goodguy` fuzz target, `DIR/goodguy/`. Does nothing otherwise. See `docs/fuzzing.md`.
#[test]
fn write_fuzz_seeds() {
    let Some(dir) = std::env::var_os("INTERDICT_FUZZ_SEEDS") else { return };
    let out = PathBuf::from(dir).join("goodguy");
    std::fs::create_dir_all(&out).unwrap();
    for form in Form::ALL {
        let name = format!("seed-{}-0", form.file_name().replace('.', "-"));
        std::fs::write(out.join(name), form.seed()).unwrap();
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        for form in Form::ALL {
            check(form, &bytes);
        }
    }

    #[test]
    fn arbitrary_format_text_never_panics(bytes in format_text()) {
        for form in Form::ALL {
            check(form, &bytes);
        }
    }

    #[test]
    fn damaged_csv_never_panics(bytes in damaged(vec![Form::Csv.seed()])) {
        check(Form::Csv, &bytes);
    }

    #[test]
    fn damaged_json_never_panics(bytes in damaged(vec![Form::Json.seed()])) {
        check(Form::Json, &bytes);
    }
}

/// Empty files and files of nothing but whitespace, a BOM or the end-of-file byte.
#[test]
fn empty_and_blank_inputs() {
    let blanks: [&[u8]; 7] = [b"", b" ", b"\n", b"\r\n\r\n", b"\xef\xbb\xbf", b"\x1a", b"\xef\xbb\xbf\r\n\x1a"];
    for form in Form::ALL {
        for blank in blanks {
            assert!(!check(form, blank), "{form:?}: {blank:?} is not a list");
        }
    }
}
