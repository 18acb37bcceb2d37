//! The payment message parsers (format detection, ISO 20022, SWIFT MT, JSON) on
//! arbitrary input. Every message must come back as a payment or as an error whose
//! offset lies inside the input and which gives a reason; never a panic or a hang.
#![no_main]

#[path = "common/parsed.rs"]
mod parsed;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| parsed::check(data, interdict_messages::parse(data, &parsed::LIMITS)));
