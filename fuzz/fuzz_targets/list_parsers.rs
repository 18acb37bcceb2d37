//! Every list parser on arbitrary input: the first byte picks the source kind
//! (`SourceKind::ALL[byte % 8]`), the rest is the file. A parser must return `Ok` or
//! `Err`, and a parse error must carry a position inside the file and a reason.
#![no_main]

use interdict_lists::{parse_file, Error, InputFile, Position, SourceKind};
use interdict_testkit::lists::file_name;
use libfuzzer_sys::fuzz_target;

fn check_error(input: &InputFile, err: &Error) {
    let message = err.to_string();
    assert!(!message.trim().is_empty());
    if let Error::Parse { position, reason, .. } = err {
        assert!(!reason.trim().is_empty(), "parse error without a reason: {message}");
        let len = input.bytes.len() as u64;
        match *position {
            Position::Byte(b) => assert!(b <= len, "{message}: past the end ({len})"),
            Position::Line { line, byte } => {
                let lines = input.bytes.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
                assert!(line >= 1 && line <= lines, "{message}: {lines} lines");
                assert!(byte <= len, "{message}: past the end ({len})");
            }
            Position::File => {}
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, file)) = data.split_first() else { return };
    let kind = SourceKind::ALL[selector as usize % SourceKind::ALL.len()];
    let input = InputFile::from_bytes(file_name(kind), file.to_vec());
    if let Err(err) = parse_file(kind, &input) {
        check_error(&input, &err);
    }
});
