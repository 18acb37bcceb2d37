//! What every payment-parser fuzz target requires of the results: at least one, each a
//! payment with a transaction or an error with a reason and an offset inside the input.

use interdict_messages::{Error, Limits};
use interdict_model::Payment;

/// The limits the targets parse with: small enough to keep each run quick.
#[allow(dead_code)] // the ISO 20022 and JSON parsers take no limits
pub const LIMITS: Limits = Limits { max_message_bytes: 64 * 1024 };

pub fn check(data: &[u8], results: Vec<Result<Payment, Error>>) {
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
}
