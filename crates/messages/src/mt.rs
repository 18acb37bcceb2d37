//! (being written)
use crate::{Error, ErrorKind, Limits, Position};
use interdict_model::Payment;

pub fn parse_all(_bytes: &[u8], _limits: &Limits) -> Vec<Result<Payment, Error>> {
    vec![Err(Error::new(ErrorKind::Unsupported, None, Position::Byte(0), "not implemented yet"))]
}
