//! The good-guy list parser (CSV, or JSON when the first non-space byte is `[`) on
//! arbitrary input. It must return `Ok` or `Err`, and a parse error must carry a
//! position inside the file and a reason.
#![no_main]

use interdict_lists::goodguy::parse_goodguy;
use interdict_lists::{Error, InputFile, Position};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = InputFile::from_bytes("goodguy.csv", data.to_vec());
    match parse_goodguy(&input) {
        Ok(entries) => {
            for entry in &entries {
                assert!(entry.entity_id.contains(':'), "{entry:?}");
                assert!(entry.party_name.is_some() || entry.account.is_some(), "{entry:?}");
            }
        }
        Err(err) => {
            let message = err.to_string();
            if let Error::Parse { position, reason, .. } = &err {
                assert!(!reason.trim().is_empty(), "parse error without a reason: {message}");
                let len = data.len() as u64;
                match *position {
                    Position::Byte(b) | Position::Line { byte: b, .. } => assert!(b <= len, "{message}: len {len}"),
                    Position::File => {}
                }
            }
        }
    }
});
