//! (being written)
use crate::{Error, ErrorKind, Position};
use interdict_model::Payment;

pub fn parse(_bytes: &[u8]) -> Result<Payment, Error> {
    Err(Error::new(ErrorKind::Unsupported, None, Position::Byte(0), "not implemented yet"))
}
