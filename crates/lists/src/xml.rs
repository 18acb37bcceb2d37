//! A hardened, streaming XML reader that hands out one small element tree per record.
//!
//! List files are large (the full OFAC advanced XML is over 100 MB) but made of many
//! small records, so the reader streams and builds a tree only for each element at a
//! chosen depth (`<sdnEntry>`, `<INDIVIDUAL>`, `<DistinctParty>`...).
//!
//! Hardening: a DOCTYPE is refused outright (no DTD, so no entity expansion and no
//! external entities); references to anything but the five predefined entities and
//! character references are errors; nesting deeper than [`MAX_DEPTH`] is an error;
//! text must be UTF-8. Every error carries the byte offset where it was found.

use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::error::{Error, Position};

/// Deepest element nesting accepted; list files nest fewer than 12 levels.
pub const MAX_DEPTH: usize = 64;

/// One element with its attributes, text and children. Names are local (no prefix).
#[derive(Debug, Default, Clone)]
pub struct Node {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
    /// The element's own text, concatenated and trimmed.
    pub text: String,
    /// Byte offset of the start tag in the file.
    pub offset: u64,
}

impl Node {
    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The trimmed text of the first child with this name, if it is non-empty.
    pub fn text_of(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.as_str()).filter(|t| !t.is_empty())
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The text of this node, if non-empty.
    pub fn text(&self) -> Option<&str> {
        Some(self.text.as_str()).filter(|t| !t.is_empty())
    }

    /// Walks a path of child names and returns the node at its end.
    pub fn path(&self, names: &[&str]) -> Option<&Node> {
        let mut node = self;
        for name in names {
            node = node.child(name)?;
        }
        Some(node)
    }
}

fn local_name(raw: &[u8]) -> &[u8] {
    match raw.iter().rposition(|&b| b == b':') {
        Some(i) => &raw[i + 1..],
        None => raw,
    }
}

fn utf8<'a>(path: &Path, offset: u64, bytes: &'a [u8]) -> Result<&'a str, Error> {
    std::str::from_utf8(bytes)
        .map_err(|e| Error::parse(path, Position::Byte(offset + e.valid_up_to() as u64), "invalid UTF-8 in XML"))
}

fn start_node(path: &Path, offset: u64, e: &BytesStart<'_>) -> Result<Node, Error> {
    let name = utf8(path, offset, local_name(e.name().as_ref()))?.to_string();
    let mut attrs = Vec::new();
    for attr in e.attributes() {
        let attr = attr.map_err(|err| Error::parse(path, Position::Byte(offset), format!("bad attribute: {err}")))?;
        let key = utf8(path, offset, local_name(attr.key.as_ref()))?.to_string();
        let raw = utf8(path, offset, &attr.value)?;
        let value = quick_xml::escape::unescape(raw)
            .map_err(|err| Error::parse(path, Position::Byte(offset), format!("bad attribute value: {err}")))?;
        attrs.push((key, value.into_owned()));
    }
    Ok(Node { name, attrs, children: Vec::new(), text: String::new(), offset })
}

/// Streams `bytes` and calls `on_record(ancestors, record)` for every element at
/// `record_depth` (the root element is depth 0). `ancestors` holds the names of the
/// enclosing elements. `on_root` sees the root element's start tag (its attributes
/// carry publish dates in some formats) and may refuse it.
pub fn for_each_record(
    path: &Path,
    bytes: &[u8],
    record_depth: usize,
    mut on_root: impl FnMut(&Node) -> Result<(), Error>,
    mut on_record: impl FnMut(&[String], Node) -> Result<(), Error>,
) -> Result<(), Error> {
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().trim_text(false);
    reader.config_mut().check_end_names = true;
    let mut buf = Vec::new();
    let mut ancestors: Vec<String> = Vec::new();
    // The partial tree of the current record: a stack of open nodes.
    let mut open: Vec<Node> = Vec::new();
    let mut saw_root = false;
    loop {
        let offset = reader.buffer_position();
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| Error::parse(path, Position::Byte(reader.error_position()), format!("malformed XML: {e}")))?;
        match event {
            Event::DocType(_) => {
                return Err(Error::parse(
                    path,
                    Position::Byte(offset),
                    "DOCTYPE is not allowed (no DTDs or entity declarations are accepted)",
                ))
            }
            Event::Decl(decl) => {
                if let Some(Ok(enc)) = decl.encoding() {
                    let enc = String::from_utf8_lossy(&enc).to_ascii_lowercase();
                    if enc != "utf-8" && enc != "utf8" {
                        return Err(Error::parse(
                            path,
                            Position::Byte(offset),
                            format!("unsupported encoding {enc:?}; list files must be UTF-8"),
                        ));
                    }
                }
            }
            Event::Start(ref e) | Event::Empty(ref e) => {
                let is_empty = matches!(event, Event::Empty(_));
                let depth = ancestors.len() + open.len();
                if depth >= MAX_DEPTH {
                    return Err(Error::parse(path, Position::Byte(offset), format!("nesting deeper than {MAX_DEPTH}")));
                }
                let node = start_node(path, offset, e)?;
                if depth == 0 {
                    if saw_root {
                        return Err(Error::parse(path, Position::Byte(offset), "more than one root element"));
                    }
                    saw_root = true;
                    on_root(&node)?;
                }
                if depth < record_depth {
                    if !is_empty {
                        ancestors.push(node.name);
                    }
                } else if is_empty {
                    match open.last_mut() {
                        Some(parent) => parent.children.push(node),
                        None => on_record(&ancestors, node)?,
                    }
                } else {
                    open.push(node);
                }
            }
            Event::End(_) => {
                if let Some(node) = open.pop() {
                    let mut node = node;
                    let trimmed = node.text.trim();
                    if trimmed.len() != node.text.len() {
                        node.text = trimmed.to_string();
                    }
                    match open.last_mut() {
                        Some(parent) => parent.children.push(node),
                        None => on_record(&ancestors, node)?,
                    }
                } else {
                    ancestors.pop();
                }
            }
            Event::Text(t) => {
                if let Some(node) = open.last_mut() {
                    let raw = utf8(path, offset, &t)?;
                    let text = quick_xml::escape::unescape(raw).map_err(|e| {
                        Error::parse(
                            path,
                            Position::Byte(offset),
                            format!("bad text (only the predefined entities are allowed): {e}"),
                        )
                    })?;
                    node.text.push_str(&text);
                } else {
                    // Text outside records must still be valid.
                    utf8(path, offset, &t)?;
                }
            }
            Event::CData(t) => {
                if let Some(node) = open.last_mut() {
                    node.text.push_str(utf8(path, offset, &t)?);
                }
            }
            Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
        buf.clear();
    }
    if !saw_root {
        return Err(Error::parse(path, Position::Byte(0), "no root element"));
    }
    if !ancestors.is_empty() || !open.is_empty() {
        return Err(Error::parse(
            path,
            Position::Byte(bytes.len() as u64),
            "unexpected end of file: unclosed elements (the file is truncated)",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(xml: &str, depth: usize) -> Result<Vec<(Vec<String>, Node)>, Error> {
        let mut out = Vec::new();
        for_each_record(
            Path::new("t.xml"),
            xml.as_bytes(),
            depth,
            |_| Ok(()),
            |a, n| {
                out.push((a.to_vec(), n));
                Ok(())
            },
        )?;
        Ok(out)
    }

    #[test]
    fn records_carry_children_text_and_attributes() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<root xmlns:x="urn:x"><list><x:rec id="7"><name> A &amp; B </name><empty/></x:rec><rec id="8"/></list></root>"#;
        let recs = records(xml, 2).unwrap();
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[0].0, ["root", "list"]);
        assert_eq!(recs[0].1.attr("id"), Some("7"));
        assert_eq!(recs[0].1.text_of("name"), Some("A & B"));
        assert!(recs[0].1.child("empty").is_some());
        assert_eq!(recs[1].1.attr("id"), Some("8"));
    }

    #[test]
    fn hostile_and_broken_documents_are_refused_with_a_position() {
        let cases: &[(&str, &str)] = &[
            (
                r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><root><a>&lol2;</a></root>"#,
                "DOCTYPE",
            ),
            (r#"<!DOCTYPE r SYSTEM "file:///etc/passwd"><r/>"#, "DOCTYPE"),
            ("<root><list><rec><name>x</name></rec></list>", "truncated"),
            ("<root><list><rec><name>x</nam></rec></list></root>", "malformed"),
            ("<root><list><rec>&unknown;</rec></list></root>", "predefined entities"),
            (r#"<?xml version="1.0" encoding="ISO-8859-1"?><root/>"#, "encoding"),
            ("", "no root"),
        ];
        for (xml, expected) in cases {
            let err = records(xml, 2).expect_err(xml);
            let text = err.to_string();
            assert!(text.contains(expected), "{xml}: {text}");
            assert!(err.position().is_some(), "{xml}: no position");
        }
    }

    #[test]
    fn deep_nesting_is_refused() {
        let xml = "<a>".repeat(MAX_DEPTH + 1) + &"</a>".repeat(MAX_DEPTH + 1);
        let err = records(&xml, 1).unwrap_err();
        assert!(err.to_string().contains("nesting deeper"), "{err}");
    }

    #[test]
    fn invalid_utf8_is_refused_at_its_offset() {
        let mut xml = b"<root><list><rec>caf".to_vec();
        xml.push(0xE9);
        xml.extend_from_slice(b"</rec></list></root>");
        let mut n = 0;
        let err = for_each_record(
            Path::new("t.xml"),
            &xml,
            2,
            |_| Ok(()),
            |_, _| {
                n += 1;
                Ok(())
            },
        )
        .unwrap_err();
        assert!(err.to_string().contains("UTF-8"), "{err}");
        assert_eq!(err.position(), Some(Position::Byte(20)));
    }
}
