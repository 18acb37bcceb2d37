//! (being written)
use std::path::{Path, PathBuf};
use crate::{Error, InputFile, ParsedSource};

pub fn input_paths(path: &Path) -> Result<Vec<PathBuf>, Error> {
    Ok(vec![path.to_path_buf()])
}

pub fn parse(inputs: &[InputFile]) -> Result<ParsedSource, Error> {
    Err(Error::MissingInput { path: inputs[0].path.clone(), reason: "not implemented yet".into() })
}
