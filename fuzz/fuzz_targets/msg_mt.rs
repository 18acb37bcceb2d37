//! The mt parser alone on arbitrary input (the `messages` target goes through format
//! detection first, so it rarely reaches deep into one parser with odd leading bytes).
//! Every result is a payment with a transaction or an error with a reason and an
//! offset inside the input.
#![no_main]

use interdict_messages::Limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_message_bytes: 64 * 1024 };
    let _ = &limits;
    let results = interdict_messages::mt::parse_all(data, &limits);
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
