//! (being written)
use crate::{Error, ErrorKind, Position};
use interdict_model::Payment;

pub fn parse_all(_bytes: &[u8]) -> Vec<Result<Payment, Error>> {
    vec![Err(Error::new(ErrorKind::Unsupported, None, Position::Byte(0), "not implemented yet"))]
}
