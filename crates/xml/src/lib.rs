//! A hardened, streaming XML reader: small element trees per record for large files,
//! one borrowed tree for a small document.
//!
//! Shared by the list parsers and the payment message parsers: every XML input of
//! Interdict goes through it. It is not a general XML library: no DTD, no namespaces
//! beyond dropping prefixes, no writing.
//!
//! ```
//! let xml = br#"<Document><Msg><Nm>A &amp; B</Nm><Nm>C</Nm></Msg></Document>"#;
//! let doc = interdict_xml::parse_document(xml).unwrap();
//! let msg = doc.root().child("Msg").unwrap();
//! assert_eq!(msg.text_of("Nm"), Some("A & B"));
//! assert_eq!(msg.children_named("Nm").count(), 2);
//! let err = interdict_xml::parse_document(b"<!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>").unwrap_err();
//! assert_eq!(err.offset, 0);
//! ```
//!
//! List files are large (the full OFAC advanced XML is over 100 MB) but made of many
//! small records, so [`for_each_record`] streams and builds an owned [`Node`] tree only
//! for each element at a chosen depth (`<sdnEntry>`, `<INDIVIDUAL>`, `<DistinctParty>`...).
//! A payment message is a few kilobytes read on the hot path, so [`parse_document`]
//! builds one [`Document`]: all elements in one vector, names and texts borrowed from the
//! input (a text is copied only when it holds an entity or comes in pieces). Against the
//! owned tree this made parsing a pacs.008 about twice as fast (docs/benchmarks.md): the
//! owned tree spent half its time allocating and freeing one string per element.
//!
//! Hardening: a DOCTYPE is refused outright (no DTD, so no entity expansion and no
//! external entities); references to anything but the five predefined entities and
//! character references are errors; nesting deeper than [`MAX_DEPTH`] is an error;
//! text must be UTF-8. Every error carries the byte offset where it was found.

mod document;

use std::borrow::Cow;

use quick_xml::events::Event;
use quick_xml::Reader;

pub use document::{Children, Document, El};

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

/// `part` as a slice of the document text with the document's lifetime, when `part`
/// lies inside it. Events of a reader over a slice borrow from that slice; this
/// recovers the longer lifetime that quick-xml's accessors do not expose, and the text
/// is already known to be UTF-8, so no piece is validated again.
fn within<'a>(text: &'a str, part: &[u8]) -> Option<&'a str> {
    let start = (part.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    text.get(start..start.checked_add(part.len())?).filter(|s| s.as_ptr() == part.as_ptr())
}

/// A piece of the document as text: borrowed when it lies inside the document (always,
/// for a reader over a slice), else checked and copied.
fn piece<'a>(text: &'a str, offset: u64, part: Cow<'_, [u8]>) -> Result<Cow<'a, str>, XmlError> {
    if let Some(s) = within(text, &part) {
        return Ok(Cow::Borrowed(s));
    }
    Ok(Cow::Owned(utf8(offset, &part)?.to_string()))
}

/// The whole input as text. Invalid UTF-8 is refused at the first bad byte, unless the
/// declaration names another encoding, which is the better reason to give.
fn document_text(bytes: &[u8]) -> Result<&str, XmlError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let mut reader = Reader::from_reader(bytes);
        if let Ok(Event::Decl(decl)) = reader.read_event() {
            if let Some(Ok(enc)) = decl.encoding() {
                let enc = String::from_utf8_lossy(&enc).to_ascii_lowercase();
                if enc != "utf-8" && enc != "utf8" {
                    return unsupported_encoding(0, &enc);
                }
            }
        }
        XmlError::new(e.valid_up_to() as u64, "invalid UTF-8 in XML")
    })
}

pub(crate) fn unsupported_encoding(offset: u64, encoding: &str) -> XmlError {
    XmlError::new(offset, format!("unsupported encoding {encoding:?}; XML input must be UTF-8"))
}

/// Replaces the five predefined entities and character references; anything else is an
/// error. Borrows when there is nothing to replace.
pub(crate) fn unescape<'a>(offset: u64, raw: Cow<'a, str>, what: &str) -> Result<Cow<'a, str>, XmlError> {
    if !raw.as_bytes().contains(&b'&') {
        return Ok(raw);
    }
    quick_xml::escape::unescape(&raw)
        .map(|c| Cow::Owned(c.into_owned()))
        .map_err(|e| XmlError::new(offset, format!("{what}: {e}")))
}

/// One attribute: local name and unescaped value.
type Attr<'a> = (&'a str, Cow<'a, str>);

/// The hardened event loop of the streaming reader: element starts (with local names
/// and unescaped attributes), non-blank text and element ends go to `sink`.
fn drive<'a, R, C, E>(bytes: &'a [u8], sink: &mut RecordSink<R, C, E>) -> Result<(), E>
where
    E: From<XmlError>,
    R: FnMut(&Node) -> Result<(), E>,
    C: FnMut(&[String], Node) -> Result<(), E>,
{
    let text = document_text(bytes)?;
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().trim_text(false);
    reader.config_mut().check_end_names = true;
    let mut depth = 0usize;
    let mut saw_root = false;
    let mut attrs: Vec<Attr<'a>> = Vec::new();
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
                        return Err(E::from(unsupported_encoding(offset, &enc)));
                    }
                }
            }
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                if depth >= MAX_DEPTH {
                    return Err(E::from(XmlError::new(offset, format!("nesting deeper than {MAX_DEPTH}"))));
                }
                if depth == 0 {
                    if saw_root {
                        return Err(E::from(XmlError::new(offset, "more than one root element")));
                    }
                    saw_root = true;
                }
                let raw_name = local_name(e.name().into_inner());
                let name = match within(text, raw_name) {
                    Some(n) => n,
                    // Unreachable for a reader over a slice; refused rather than copied.
                    None => return Err(E::from(XmlError::new(offset, "element name outside the input"))),
                };
                attrs.clear();
                for attr in e.attributes() {
                    let attr = attr.map_err(|err| XmlError::new(offset, format!("bad attribute: {err}")))?;
                    let key = match within(text, local_name(attr.key.into_inner())) {
                        Some(k) => k,
                        None => return Err(E::from(XmlError::new(offset, "attribute name outside the input"))),
                    };
                    let raw = piece(text, offset, attr.value)?;
                    attrs.push((key, unescape(offset, raw, "bad attribute value")?));
                }
                sink.start(offset, depth, name, &mut attrs, empty)?;
                if !empty {
                    depth += 1;
                }
            }
            Event::End(_) => {
                depth = depth.checked_sub(1).ok_or_else(|| XmlError::new(offset, "end tag without a start tag"))?;
                sink.end()?;
            }
            Event::Text(t) => {
                // Indentation between elements is neither content nor a UTF-8 risk.
                if t.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                let raw = piece(text, offset, t.into_inner())?;
                let text = unescape(offset, raw, "bad text (only the predefined entities are allowed)")?;
                sink.text(text)?;
            }
            Event::CData(t) => {
                let cdata = piece(text, offset, t.into_inner())?;
                sink.text(cdata)?;
            }
            Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if !saw_root {
        return Err(E::from(XmlError::new(0, "no root element")));
    }
    if depth > 0 {
        return Err(E::from(XmlError::new(
            bytes.len() as u64,
            "unexpected end of file: unclosed elements (the file is truncated)",
        )));
    }
    Ok(())
}

/// Builds owned records at one depth, for [`for_each_record`].
struct RecordSink<R, C, E> {
    record_depth: usize,
    ancestors: Vec<String>,
    /// The partial tree of the current record: a stack of open nodes.
    open: Vec<Node>,
    on_root: R,
    on_record: C,
    _error: std::marker::PhantomData<E>,
}

impl<R, C, E> RecordSink<R, C, E>
where
    E: From<XmlError>,
    R: FnMut(&Node) -> Result<(), E>,
    C: FnMut(&[String], Node) -> Result<(), E>,
{
    fn start(
        &mut self,
        offset: u64,
        depth: usize,
        name: &str,
        attrs: &mut Vec<Attr<'_>>,
        empty: bool,
    ) -> Result<(), E> {
        let node = Node {
            name: name.to_string(),
            attrs: attrs.drain(..).map(|(k, v)| (k.to_string(), v.into_owned())).collect(),
            children: Vec::new(),
            text: String::new(),
            offset,
        };
        if depth == 0 {
            (self.on_root)(&node)?;
        }
        if depth < self.record_depth {
            if !empty {
                self.ancestors.push(node.name);
            }
        } else if empty {
            match self.open.last_mut() {
                Some(parent) => parent.children.push(node),
                None => (self.on_record)(&self.ancestors, node)?,
            }
        } else {
            self.open.push(node);
        }
        Ok(())
    }

    fn text(&mut self, text: Cow<'_, str>) -> Result<(), E> {
        if let Some(node) = self.open.last_mut() {
            node.text.push_str(&text);
        }
        Ok(())
    }

    fn end(&mut self) -> Result<(), E> {
        match self.open.pop() {
            Some(mut node) => {
                let end = node.text.trim_end().len();
                node.text.truncate(end);
                let start = node.text.len() - node.text.trim_start().len();
                node.text.drain(..start);
                match self.open.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => (self.on_record)(&self.ancestors, node)?,
                }
            }
            None => {
                self.ancestors.pop();
            }
        }
        Ok(())
    }
}

/// Streams `bytes` and calls `on_record(ancestors, record)` for every element at
/// `record_depth` (the root element is depth 0). `ancestors` holds the names of the
/// enclosing elements. `on_root` sees the root element's start tag (its attributes
/// carry publish dates in some formats) and may refuse it.
pub fn for_each_record<E: From<XmlError>>(
    bytes: &[u8],
    record_depth: usize,
    on_root: impl FnMut(&Node) -> Result<(), E>,
    on_record: impl FnMut(&[String], Node) -> Result<(), E>,
) -> Result<(), E> {
    let mut sink = RecordSink {
        record_depth,
        ancestors: Vec::new(),
        open: Vec::new(),
        on_root,
        on_record,
        _error: std::marker::PhantomData,
    };
    drive(bytes, &mut sink)
}

/// Reads a whole (small) document: the root element with everything in it, borrowed from
/// `bytes`. For payment messages; list files use [`for_each_record`] to stream.
pub fn parse_document(bytes: &[u8]) -> Result<Document<'_>, XmlError> {
    document::scan(document_text(bytes)?)
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
        let doc = parse_document(b"<Doc xmlns=\"urn:iso\"><A><B>1</B><C/><B>2</B></A></Doc>").unwrap();
        let root = doc.root();
        assert_eq!(root.name(), "Doc");
        assert_eq!(root.attr("xmlns"), Some("urn:iso"));
        let a = root.child("A").unwrap();
        let values: Vec<&str> = a.children_named("B").filter_map(|b| b.text()).collect();
        assert_eq!(values, ["1", "2"]);
        let names: Vec<&str> = a.children().map(|c| c.name()).collect();
        assert_eq!(names, ["B", "C", "B"]);
        assert_eq!(doc.len(), 5);
        assert_eq!(root.path(&["A", "C"]).map(|c| c.offset()), Some(32));
        assert!(root.path(&["A", "D"]).is_none());
    }

    #[test]
    fn document_texts_are_unescaped_joined_and_trimmed() {
        let cases: &[(&str, Option<&str>)] = &[
            ("<a>  plain  </a>", Some("plain")),
            ("<a>A &amp; B</a>", Some("A & B")),
            ("<a> one<!-- cut -->two </a>", Some("onetwo")),
            ("<a> x <![CDATA[<y>]]> </a>", Some("x <y>")),
            ("<a>&#65;&#x42;</a>", Some("AB")),
            ("<a>   </a>", None),
            ("<a><b>in child</b></a>", None),
        ];
        for (xml, expected) in cases {
            let doc = parse_document(xml.as_bytes()).unwrap();
            assert_eq!(doc.root().text(), *expected, "{xml}");
        }
        let doc = parse_document(b"<a x:k=\"1 &lt; 2\" k2='v'/>").unwrap();
        let attrs: Vec<(&str, &str)> = doc.root().attrs().collect();
        assert_eq!(attrs, [("k", "1 < 2"), ("k2", "v")]);
    }

    #[test]
    fn documents_and_records_refuse_the_same_inputs() {
        let bad: &[(&str, u64)] = &[
            ("<a><b></a>", 6),
            ("<a></a><b></b>", 7),
            ("<a>&bogus;</a>", 3),
            ("<a x='&bogus;'/>", 6),
            ("<!DOCTYPE a><a/>", 0),
            ("</a>", 0),
            ("<a>", 3),
        ];
        for (xml, offset) in bad {
            let doc = parse_document(xml.as_bytes()).expect_err(xml);
            records(xml, 1).expect_err(xml);
            assert_eq!(doc.offset, *offset, "{xml}: {doc}");
        }
    }

    #[test]
    fn documents_refuse_control_characters_and_name_truncated_end_tags() {
        // (input, byte of the error, words of the reason)
        let cases: &[(&[u8], u64, &str)] = &[
            (b"<a>CHOE\x00CHOL</a>", 7, "control character U+0000"),
            (b"<a>CHOE\x01CHOL</a>", 7, "control character U+0001"),
            (b"<a><![CDATA[x\x1by]]></a>", 13, "U+001B"),
            (b"<a k='v\x02'/>", 7, "U+0002"),
            (b"<a>&#1;</a>", 3, "U+0001"),
            (b"<Doc><BizMsgEnvlp></BizMsgEnvlp", 18, "truncated"),
        ];
        for (xml, offset, words) in cases {
            let e = parse_document(xml).expect_err(&String::from_utf8_lossy(xml));
            assert_eq!(e.offset, *offset, "{:?}: {e}", String::from_utf8_lossy(xml));
            assert!(e.to_string().contains(words), "{:?}: {e}", String::from_utf8_lossy(xml));
        }
        // Tab, line feed and carriage return are text.
        assert!(parse_document(b"<a>x\ty\r\nz</a>").is_ok());
    }

    /// The document scanner and the quick-xml record reader agree on what a document
    /// holds; where they disagree on accepting it, the scanner is the stricter one and
    /// says the input is malformed.
    mod differential {
        use super::*;
        use proptest::prelude::*;

        fn same_tree(node: &Node, el: El<'_>) -> Result<(), String> {
            let here = format!("<{}> at {}", node.name, node.offset);
            if node.name != el.name() || node.offset != el.offset() {
                return Err(format!("{here}: element {el:?}"));
            }
            if node.text() != el.text() {
                return Err(format!("{here}: text {:?} vs {:?}", node.text(), el.text()));
            }
            let attrs: Vec<(&str, &str)> = node.attrs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            if attrs != el.attrs().collect::<Vec<_>>() {
                return Err(format!("{here}: attributes"));
            }
            let children: Vec<El<'_>> = el.children().collect();
            if children.len() != node.children.len() {
                return Err(format!("{here}: {} vs {} children", node.children.len(), children.len()));
            }
            node.children.iter().zip(children).try_for_each(|(n, e)| same_tree(n, e))
        }

        fn element(depth: u32) -> BoxedStrategy<String> {
            let name = prop::sample::select(vec!["a", "Nm", "p:Doc", "x1", "\u{e9}t\u{e9}"]);
            let attrs = prop::collection::vec(
                (
                    prop::sample::select(vec!["k", "Ccy", "xmlns", "xmlns:p"]),
                    prop::sample::select(vec!["v", "A &amp; B", "&#x41;", "", "u 'q'"]),
                ),
                0..3,
            );
            let text = prop::sample::select(vec![
                "",
                " x ",
                "A &amp; B",
                "&#65;&lt;",
                "<![CDATA[<z>]]>",
                "<!-- c -->",
                "\n  ",
            ]);
            let leaf =
                (name.clone(), attrs.clone(), text.clone()).prop_map(|(n, a, t)| render(n, &a, &[t.to_string()]));
            if depth == 0 {
                return leaf.boxed();
            }
            let children = prop::collection::vec(prop_oneof![element(depth - 1), text.prop_map(str::to_string)], 0..4);
            prop_oneof![leaf, (name, attrs, children).prop_map(|(n, a, c)| render(n, &a, &c))].boxed()
        }

        fn render(name: &str, attrs: &[(&str, &str)], content: &[String]) -> String {
            let mut seen = Vec::new();
            let mut out = format!("<{name}");
            for (k, v) in attrs {
                if !seen.contains(k) {
                    seen.push(*k);
                    out.push_str(&format!(" {k}=\"{v}\""));
                }
            }
            if content.iter().all(|c| c.is_empty()) {
                out.push_str("/>");
            } else {
                out.push('>');
                content.iter().for_each(|c| out.push_str(c));
                out.push_str(&format!("</{name}>"));
            }
            out
        }

        proptest! {
            #[test]
            fn scanner_and_reader_agree(
                doc in element(3),
                cut in 0usize..400,
                insert in prop::sample::select(vec!["", "<", ">", "&", "/", "=", "'", "\"", " ", "!", "?", "]]>", "x"]),
                delete in any::<bool>(),
            ) {
                let mut xml = doc.into_bytes();
                let at = cut.min(xml.len());
                if delete && at < xml.len() {
                    xml.remove(at);
                } else {
                    xml.splice(at..at, insert.bytes());
                }
                let scanned = parse_document(&xml);
                let mut tree = None;
                let read = for_each_record(&xml, 0, |_| Ok::<(), XmlError>(()), |_, n| { tree = Some(n); Ok(()) });
                let text = String::from_utf8_lossy(&xml);
                match (&scanned, &read) {
                    (Ok(doc), Ok(())) => {
                        let tree = tree.expect("a root");
                        if let Err(e) = same_tree(&tree, doc.root()) {
                            prop_assert!(false, "{text}: {e}");
                        }
                    }
                    (Ok(_), Err(e)) => prop_assert!(false, "{text}: only the reader refuses: {e}"),
                    // quick-xml tolerates some broken syntax (`<a/ b="1"/>`, `c/d="1"`, text
                    // after the root), and control characters XML 1.0 forbids; the scanner
                    // refuses both.
                    (Err(e), Ok(())) => prop_assert!(
                        e.reason.starts_with("malformed XML") || e.reason.starts_with("control character"),
                        "{text}: only the scanner refuses: {e}"
                    ),
                    (Err(_), Err(_)) => {}
                }
            }
        }
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
