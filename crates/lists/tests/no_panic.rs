//! No parser panics, whatever bytes it is given, and every parse error says where.
//!
//! Two kinds of property tests:
//! - arbitrary bytes (and arbitrary text made of the characters the formats care about)
//!   fed to every source kind;
//! - valid inputs (the fixtures, the first lines of the shipped OFAC `sdn.csv`, small
//!   inline OFAC XML, OFAC advanced/enhanced XML and UN XML lists) damaged by truncation,
//!   byte flips, inserted bytes, inserted format tokens and deleted or repeated spans
//!   (`interdict_testkit::damage`).
//!
//! Each property must hold: the parser returns (`Ok` or `Err`, never a panic), and a
//! parse error carries a position inside the file and a non-empty reason.
//!
//! The fuzz targets in `fuzz/` (see `docs/fuzzing.md`) explore the same code paths for
//! longer; inputs they find crashing belong in the regression tests at the end. The
//! good-guy list parser has the same tests in `crates/screen/tests/good_guys_no_panic.rs`.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use interdict_lists::{parse_file, Error, InputFile, Position, SourceKind};
use interdict_testkit::damage::{apply, config, damaged, format_text, mutation};
use interdict_testkit::lists::{file_name, repo_path};
use proptest::prelude::*;
use proptest::sample::Index;

/// Parses `bytes` as a file of this kind; `Ok(n)` is the number of entities read.
fn parse(kind: SourceKind, bytes: Vec<u8>) -> (InputFile, Result<usize, Error>) {
    let input = InputFile::from_bytes(file_name(kind), bytes);
    let result = parse_file(kind, &input).map(|p| {
        assert_eq!(p.kind, kind);
        p.entities.len()
    });
    (input, result)
}

/// Parses and checks the properties every result must have. Returns whether it parsed.
fn check(target: SourceKind, bytes: Vec<u8>) -> bool {
    let (input, result) = parse(target, bytes);
    match result {
        Ok(_) => true,
        Err(err) => {
            check_error(target, &input, &err);
            false
        }
    }
}

/// A parse error names the file, a position inside it and a reason.
fn check_error(target: SourceKind, input: &InputFile, err: &Error) {
    let message = err.to_string();
    assert!(!message.trim().is_empty(), "{target:?}: empty error message");
    if let Error::Parse { path, position, reason } = err {
        assert_eq!(err.position(), Some(*position), "{target:?}: {message}");
        assert!(!reason.trim().is_empty(), "{target:?}: parse error without a reason: {message}");
        assert_eq!(path, &input.path, "{target:?}: error names another file: {message}");
        let len = input.bytes.len() as u64;
        let lines = input.bytes.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        match *position {
            Position::Byte(b) => assert!(b <= len, "{target:?}: byte {b} past the end ({len}): {message}"),
            Position::Line { line, byte } => {
                assert!(line >= 1 && line <= lines, "{target:?}: line {line} of {lines}: {message}");
                assert!(byte <= len, "{target:?}: byte {byte} past the end ({len}): {message}");
            }
            Position::File => {}
        }
    }
}

// ---------------------------------------------------------------------------------------
// Seed inputs: valid files of every kind.

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The first `n` lines of a gzip-compressed file, line ends kept.
fn gz_head(rel: &str, n: usize) -> Vec<u8> {
    let path = repo_path(rel);
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut reader = BufReader::new(flate2::read::MultiGzDecoder::new(file));
    let mut out = Vec::new();
    for _ in 0..n {
        if reader.read_until(b'\n', &mut out).unwrap() == 0 {
            break;
        }
    }
    out
}

/// Valid inputs of a kind, each of which parses. The `seed_*` fixtures were written for
/// these tests: an OFAC `sdn.csv` with a person whose remarks need reading, a vessel, an
/// organisation and the DOS end-of-file byte; an OFAC `sdn.xml`; a UN list; an OFAC
/// advanced XML list (a person with a birth date, a nationality, an address and a
/// passport, on the SDN list) and an enhanced XML extract.
fn seeds(kind: SourceKind) -> Vec<Vec<u8>> {
    match kind {
        SourceKind::OfacCsv => vec![gz_head("data/ofac/sdn/sdn.csv.gz", 50), fixture("seed_sdn.csv")],
        SourceKind::OfacXml => vec![fixture("seed_sdn.xml")],
        SourceKind::OfacAdvanced => vec![fixture("seed_ofac_advanced.xml"), fixture("seed_ofac_enhanced.xml")],
        SourceKind::UnXml => vec![fixture("seed_un.xml")],
        SourceKind::EuXml => vec![fixture("eu_fsf_sample.xml")],
        SourceKind::UkCsv => vec![fixture("uk_conlist_sample.csv")],
        SourceKind::CustomCsv => vec![fixture("custom_list_sample.csv")],
        SourceKind::CustomJson => vec![fixture("custom_list_sample.json")],
    }
}

#[test]
fn every_seed_parses() {
    for target in SourceKind::ALL {
        for (i, seed) in seeds(target).into_iter().enumerate() {
            let (_, result) = parse(target, seed);
            match result {
                Ok(n) => assert!(n > 0, "{target:?} seed {i} parsed to nothing"),
                Err(e) => panic!("{target:?} seed {i}: {e}"),
            }
        }
    }
}

/// With `INTERDICT_FUZZ_SEEDS=DIR`, writes the seeds as the starting corpus of the
/// `list_parsers` fuzz target, `DIR/list_parsers/`, each after a first byte selecting
/// its kind, as the target reads it. Does nothing otherwise. See `docs/fuzzing.md`.
#[test]
fn write_fuzz_seeds() {
    let Some(dir) = std::env::var_os("INTERDICT_FUZZ_SEEDS") else { return };
    let out = PathBuf::from(dir).join("list_parsers");
    std::fs::create_dir_all(&out).unwrap();
    for (selector, kind) in SourceKind::ALL.into_iter().enumerate() {
        for (i, seed) in seeds(kind).into_iter().enumerate() {
            let name = format!("seed-{}-{i}", file_name(kind).replace('.', "-"));
            std::fs::write(out.join(name), [&[selector as u8], seed.as_slice()].concat()).unwrap();
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        for target in SourceKind::ALL {
            check(target, bytes.clone());
        }
    }

    #[test]
    fn arbitrary_format_text_never_panics(bytes in format_text()) {
        for target in SourceKind::ALL {
            check(target, bytes.clone());
        }
    }

    /// Seeds fed to the other kinds' parsers: valid structure of the wrong format.
    #[test]
    fn damaged_inputs_of_the_wrong_kind_never_panic(
        from in any::<Index>(),
        seed in any::<Index>(),
        mutations in prop::collection::vec(mutation(), 0..4),
    ) {
        let from = *from.get(&SourceKind::ALL);
        let mut bytes = seed.get(&seeds(from)).clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        for target in SourceKind::ALL {
            check(target, bytes.clone());
        }
    }
}

/// A kind, and one of its seeds damaged.
fn damaged_of_some_kind() -> impl Strategy<Value = (SourceKind, Vec<u8>)> {
    prop::sample::select(SourceKind::ALL.to_vec())
        .prop_flat_map(|kind| damaged(seeds(kind)).prop_map(move |bytes| (kind, bytes)))
}

proptest! {
    // As many cases for each kind as a property of one kind gets.
    #![proptest_config(ProptestConfig { cases: config().cases * SourceKind::ALL.len() as u32, ..config() })]

    #[test]
    fn damaged_inputs_never_panic((kind, bytes) in damaged_of_some_kind()) {
        check(kind, bytes);
    }
}

/// Empty files and files of nothing but whitespace, a BOM or the end-of-file byte.
#[test]
fn empty_and_blank_inputs() {
    let blanks: [&[u8]; 7] = [b"", b" ", b"\n", b"\r\n\r\n", b"\xef\xbb\xbf", b"\x1a", b"\xef\xbb\xbf\r\n\x1a"];
    for target in SourceKind::ALL {
        for blank in blanks {
            check(target, blank.to_vec());
        }
    }
}

// ---------------------------------------------------------------------------------------
// Regression cases: inputs that crashed a parser once (from fuzzing or from the
// properties above). Each must keep parsing to `Ok` or `Err` without a panic.
