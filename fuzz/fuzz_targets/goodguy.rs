//! The good-guy list parser (CSV, or JSON when the first non-space byte is `[`) on
//! arbitrary input. It must return `Ok` or `Err`, and an invalid list's error must carry
//! a position inside the file and a reason.
#![no_main]

use std::path::Path;

use interdict_screen::{Error, FilePosition, GoodGuyList};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match GoodGuyList::from_bytes(Path::new("goodguy.csv"), data) {
        Ok(list) => {
            for entry in list.entries() {
                assert!(entry.entity_id.contains(':'), "{entry:?}");
                assert!(entry.party_name.is_some() || entry.account.is_some(), "{entry:?}");
            }
        }
        Err(err) => {
            let message = err.to_string();
            if let Error::GoodGuysInvalid { position, reason, .. } = &err {
                assert!(!reason.trim().is_empty(), "error without a reason: {message}");
                if let FilePosition::Line { byte, .. } = *position {
                    let len = data.len() as u64;
                    assert!(byte <= len, "{message}: len {len}");
                }
            }
        }
    }
});
