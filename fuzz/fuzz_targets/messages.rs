//! The payment message parsers (format detection, ISO 20022, SWIFT MT, JSON) on
//! arbitrary input. Every message must come back as a payment or as an error whose
//! offset lies inside the input and which gives a reason; never a panic or a hang.
#![no_main]

use interdict_messages::{parse, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_message_bytes: 64 * 1024 };
    let results = parse(data, &limits);
    assert!(!results.is_empty(), "every input yields at least one result");
    for r in results {
        match r {
            Ok(payment) => assert!(!payment.transactions.is_empty(), "{payment:?}"),
            Err(e) => {
                assert!(!e.reason.trim().is_empty(), "error without a reason: {e}");
                assert!(e.offset() <= data.len() as u64, "{e}: len {}", data.len());
            }
        }
    }
});
