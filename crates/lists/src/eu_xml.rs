//! (being written)
use crate::{Error, InputFile, ParsedSource};

pub fn parse(input: &InputFile) -> Result<ParsedSource, Error> {
    Err(Error::MissingInput { path: input.path.clone(), reason: "not implemented yet".into() })
}
