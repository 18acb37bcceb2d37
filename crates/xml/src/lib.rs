//! A hardened, streaming XML reader that hands out one small element tree per record.
//!
//! Shared by the list parsers and the payment message parsers: every XML input of
//! Interdict goes through it. It is not a general XML library: no DTD, no namespaces
//! beyond dropping prefixes, no writing.
//!
//! ```
//! let xml = br#"<Document><Msg><Nm>A &amp; B</Nm></Msg></Document>"#;
//! let root = interdict_xml::parse_document(xml).unwrap();
//! assert_eq!(root.path(&["Msg", "Nm"]).unwrap().text, "A & B");
//! let err = interdict_xml::parse_document(b"<!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>").unwrap_err();
//! assert_eq!(err.offset, 0);
//! ```
//!
//! List files are large (the full OFAC advanced XML is over 100 MB) but made of many
//! small records, so the reader streams and builds a tree only for each element at a
//! chosen depth (`<sdnEntry>`, `<INDIVIDUAL>`, `<DistinctParty>`...).
//!
//! Hardening: a DOCTYPE is refused outright (no DTD, so no entity expansion and no
//! external entities); references to anything but the five predefined entities and
//! character references are errors; nesting deeper than [`MAX_DEPTH`] is an error;
//! text must be UTF-8. Every error carries the byte offset where it was found.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// Why a document was refused, and the byte offset where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlError {
    pub offset: u64,
    pub reason: String,
}

impl XmlError {
    fn new(offset: u64, reason: impl Into<String>) -> Self {
        XmlError { offset, reason: reason.into() }
    }
}

impl std::fmt::Display for XmlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "byte {}: {}", self.offset, self.reason)
    }
}

impl std::error::Error for XmlError {}

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

fn utf8(offset: u64, bytes: &[u8]) -> Result<&str, XmlError> {
    std::str::from_utf8(bytes).map_err(|e| XmlError::new(offset + e.valid_up_to() as u64, "invalid UTF-8 in XML"))
}

fn start_node(offset: u64, e: &BytesStart<'_>) -> Result<Node, XmlError> {
    let name = utf8(offset, local_name(e.name().as_ref()))?.to_string();
    let mut attrs = Vec::new();
    for attr in e.attributes() {
        let attr = attr.map_err(|err| XmlError::new(offset, format!("bad attribute: {err}")))?;
        let key = utf8(offset, local_name(attr.key.as_ref()))?.to_string();
        let raw = utf8(offset, &attr.value)?;
        let value = quick_xml::escape::unescape(raw)
            .map_err(|err| XmlError::new(offset, format!("bad attribute value: {err}")))?;
        attrs.push((key, value.into_owned()));
    }
    Ok(Node { name, attrs, children: Vec::new(), text: String::new(), offset })
}

/// Streams `bytes` and calls `on_record(ancestors, record)` for every element at
/// `record_depth` (the root element is depth 0). `ancestors` holds the names of the
/// enclosing elements. `on_root` sees the root element's start tag (its attributes
/// carry publish dates in some formats) and may refuse it.
pub fn for_each_record<E: From<XmlError>>(
    bytes: &[u8],
    record_depth: usize,
    mut on_root: impl FnMut(&Node) -> Result<(), E>,
    mut on_record: impl FnMut(&[String], Node) -> Result<(), E>,
) -> Result<(), E> {
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().trim_text(false);
    reader.config_mut().check_end_names = true;
    let mut ancestors: Vec<String> = Vec::new();
    // The partial tree of the current record: a stack of open nodes.
    let mut open: Vec<Node> = Vec::new();
    let mut saw_root = false;
    loop {
        let offset = reader.buffer_position();
        let event = reader
            // Events borrow from the input slice: no copy into a buffer.
            .read_event()
            .map_err(|e| XmlError::new(reader.error_position(), format!("malformed XML: {e}")))?;
        match event {
            Event::DocType(_) => {
                return Err(E::from(XmlError::new(
                    offset,
                    "DOCTYPE is not allowed (no DTDs or entity declarations are accepted)",
                )))
            }
            Event::Decl(decl) => {
                if let Some(Ok(enc)) = decl.encoding() {
                    let enc = String::from_utf8_lossy(&enc).to_ascii_lowercase();
                    if enc != "utf-8" && enc != "utf8" {
                        return Err(E::from(XmlError::new(
                            offset,
                            format!("unsupported encoding {enc:?}; list files must be UTF-8"),
                        )));
                    }
                }
            }
            Event::Start(ref e) | Event::Empty(ref e) => {
                let is_empty = matches!(event, Event::Empty(_));
                let depth = ancestors.len() + open.len();
                if depth >= MAX_DEPTH {
                    return Err(E::from(XmlError::new(offset, format!("nesting deeper than {MAX_DEPTH}"))));
                }
                let node = start_node(offset, e)?;
                if depth == 0 {
                    if saw_root {
                        return Err(E::from(XmlError::new(offset, "more than one root element")));
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
                    // Trim in place: no new string.
                    let end = node.text.trim_end().len();
                    node.text.truncate(end);
                    let start = node.text.len() - node.text.trim_start().len();
                    node.text.drain(..start);
                    match open.last_mut() {
                        Some(parent) => parent.children.push(node),
                        None => on_record(&ancestors, node)?,
                    }
                } else {
                    ancestors.pop();
                }
            }
            Event::Text(t) => {
                // Indentation between elements is neither content nor a UTF-8 risk.
                if t.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                if let Some(node) = open.last_mut() {
                    let raw = utf8(offset, &t)?;
                    let text = quick_xml::escape::unescape(raw).map_err(|e| {
                        XmlError::new(offset, format!("bad text (only the predefined entities are allowed): {e}"))
                    })?;
                    node.text.push_str(&text);
                } else {
                    // Text outside records must still be valid.
                    utf8(offset, &t)?;
                }
            }
            Event::CData(t) => {
                if let Some(node) = open.last_mut() {
                    node.text.push_str(utf8(offset, &t)?);
                }
            }
            Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if !saw_root {
        return Err(E::from(XmlError::new(0, "no root element")));
    }
    if !ancestors.is_empty() || !open.is_empty() {
        return Err(E::from(XmlError::new(
            bytes.len() as u64,
            "unexpected end of file: unclosed elements (the file is truncated)",
        )));
    }
    Ok(())
}

/// Reads a whole (small) document into one tree: the root element with everything in it.
/// For payment messages; list files use [`for_each_record`] to stream.
pub fn parse_document(bytes: &[u8]) -> Result<Node, XmlError> {
    let mut root = None;
    for_each_record(
        bytes,
        0,
        |_| Ok::<(), XmlError>(()),
        |_, node| {
            root = Some(node);
            Ok(())
        },
    )?;
    root.ok_or_else(|| XmlError::new(0, "no root element"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(xml: &str, depth: usize) -> Result<Vec<(Vec<String>, Node)>, XmlError> {
        let mut out = Vec::new();
        for_each_record(
            xml.as_bytes(),
            depth,
            |_| Ok::<(), XmlError>(()),
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
    fn whole_documents_parse_into_one_tree() {
        let root = parse_document(b"<Doc xmlns=\"urn:iso\"><A><B>1</B><B>2</B></A></Doc>").unwrap();
        assert_eq!(root.name, "Doc");
        assert_eq!(root.attr("xmlns"), Some("urn:iso"));
        let values: Vec<&str> = root.child("A").unwrap().children_named("B").map(|b| b.text.as_str()).collect();
        assert_eq!(values, ["1", "2"]);
    }

    #[test]
    fn hostile_and_broken_documents_are_refused_with_a_position() {
        let cases: &[(&str, &str, u64)] = &[
            (
                r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><root><a>&lol2;</a></root>"#,
                "DOCTYPE",
                21,
            ),
            (r#"<!DOCTYPE r SYSTEM "file:///etc/passwd"><r/>"#, "DOCTYPE", 0),
            ("<root><list><rec><name>x</name></rec></list>", "truncated", 44),
            ("<root><list><rec>&unknown;</rec></list></root>", "predefined entities", 17),
            (r#"<?xml version="1.0" encoding="ISO-8859-1"?><root/>"#, "encoding", 0),
            ("", "no root", 0),
        ];
        for (xml, expected, offset) in cases {
            let err = records(xml, 2).expect_err(xml);
            assert!(err.reason.contains(expected), "{xml}: {err}");
            assert_eq!(err.offset, *offset, "{xml}: {err}");
        }
        let err = records("<root><list><rec><name>x</nam></rec></list></root>", 2).unwrap_err();
        assert!(err.reason.contains("malformed"), "{err}");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let xml = "<a>".repeat(MAX_DEPTH + 1) + &"</a>".repeat(MAX_DEPTH + 1);
        let err = records(&xml, 1).unwrap_err();
        assert!(err.reason.contains("nesting deeper"), "{err}");
        assert!(parse_document(xml.as_bytes()).is_err());
    }

    #[test]
    fn invalid_utf8_is_refused_at_its_offset() {
        let mut xml = b"<root><list><rec>caf".to_vec();
        xml.push(0xE9);
        xml.extend_from_slice(b"</rec></list></root>");
        let err = parse_document(&xml).unwrap_err();
        assert!(err.reason.contains("UTF-8"), "{err}");
        assert_eq!(err.offset, 20);
    }
}
