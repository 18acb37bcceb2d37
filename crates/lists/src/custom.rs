//! (being written)
use crate::{Error, InputFile, ParsedSource};

pub fn parse_csv(input: &InputFile) -> Result<ParsedSource, Error> {
    Err(Error::MissingInput { path: input.path.clone(), reason: "not implemented yet".into() })
}

pub fn parse_json(input: &InputFile) -> Result<ParsedSource, Error> {
    Err(Error::MissingInput { path: input.path.clone(), reason: "not implemented yet".into() })
}
