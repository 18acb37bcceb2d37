//! The iso20022 parser alone on arbitrary input (the `messages` target goes through format
//! detection first, so it rarely reaches deep into one parser with odd leading bytes).
//! Every result is a payment with a transaction or an error with a reason and an
//! offset inside the input.
#![no_main]

#[path = "common/parsed.rs"]
mod parsed;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| parsed::check(data, vec![interdict_messages::iso20022::parse(data)]));
