//! The list parsers' view of the shared hardened XML reader (`interdict-xml`): the same
//! streaming of one element tree per record, with errors in this crate's terms (the
//! file's path and the byte offset).

use std::path::Path;

use crate::error::{Error, Position};

pub use interdict_xml::{Node, MAX_DEPTH};

/// An error from the reader or from a record callback.
enum Failure {
    Xml(interdict_xml::XmlError),
    Record(Error),
}

impl From<interdict_xml::XmlError> for Failure {
    fn from(e: interdict_xml::XmlError) -> Self {
        Failure::Xml(e)
    }
}

/// Streams `bytes` and calls `on_record(ancestors, record)` for every element at
/// `record_depth` (the root element is depth 0); see [`interdict_xml::for_each_record`].
pub fn for_each_record(
    path: &Path,
    bytes: &[u8],
    record_depth: usize,
    mut on_root: impl FnMut(&Node) -> Result<(), Error>,
    mut on_record: impl FnMut(&[String], Node) -> Result<(), Error>,
) -> Result<(), Error> {
    interdict_xml::for_each_record(
        bytes,
        record_depth,
        |root| on_root(root).map_err(Failure::Record),
        |ancestors, node| on_record(ancestors, node).map_err(Failure::Record),
    )
    .map_err(|f| match f {
        Failure::Xml(e) => Error::parse(path, Position::Byte(e.offset), e.reason),
        Failure::Record(e) => e,
    })
}

/// Refuses a document whose root element is not `expected`, naming what the file should
/// have been (`a UN consolidated list`).
pub fn expect_root(path: &Path, root: &Node, expected: &str, what: &str) -> Result<(), Error> {
    if root.name == expected {
        return Ok(());
    }
    Err(Error::parse(
        path,
        Position::Byte(root.offset),
        format!("not {what}: the root element is <{}>, expected <{expected}>", root.name),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reader_errors_name_the_file_and_byte() {
        let err = for_each_record(Path::new("list.xml"), b"<r><a></r>", 1, |_| Ok(()), |_, _| Ok(())).unwrap_err();
        assert!(err.to_string().starts_with("list.xml: byte "), "{err}");
        assert!(matches!(err.position(), Some(Position::Byte(_))));
    }

    #[test]
    fn record_errors_pass_through() {
        let err = for_each_record(
            Path::new("list.xml"),
            b"<r><a/></r>",
            1,
            |_| Ok(()),
            |_, n| Err(Error::parse("list.xml", Position::Byte(n.offset), "refused")),
        )
        .unwrap_err();
        assert_eq!(err.position(), Some(Position::Byte(3)));
    }
}
