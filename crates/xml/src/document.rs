//! One small XML document read into a borrowed tree by a single-pass scanner.
//!
//! Payment messages are a few kilobytes, read on the hot path, one per screening. This
//! scanner builds the element vector as it goes, with names and texts borrowed from the
//! input, and checks the input once for UTF-8 up front. It replaced quick-xml's event
//! reader for documents because the events, their attribute iterators and a tree builder
//! on top cost about as much as screening the parsed payment (docs/benchmarks.md gives
//! the figures); list files still stream through quick-xml ([`crate::for_each_record`]).
//!
//! What it accepts is a strict subset of XML 1.0 with the same hardening as the
//! streaming reader: an optional UTF-8 BOM and XML declaration (UTF-8 only), comments,
//! processing instructions, CDATA sections, elements with attributes, and the five
//! predefined entities and character references in text and attribute values. Refused,
//! with the byte offset: a DOCTYPE (no DTD, so no entity expansion), any other `<!`
//! construct, unknown entities, nesting deeper than [`crate::MAX_DEPTH`], mismatched or
//! missing end tags, duplicate attributes, text outside the root element, more than one
//! root, and anything that is not well-formed at the byte where it stops being so.

use std::borrow::Cow;

use crate::{unescape, XmlError, MAX_DEPTH};

/// No element: the end of a sibling or child chain.
const NONE: u32 = u32::MAX;

/// One attribute: local name and unescaped value.
type Attr<'a> = (&'a str, Cow<'a, str>);

/// One element of a [`Document`].
#[derive(Debug)]
struct Element<'a> {
    /// The local name (prefix removed).
    name: &'a str,
    /// The element's own text, concatenated and trimmed.
    text: Cow<'a, str>,
    offset: u64,
    attrs: std::ops::Range<u32>,
    first_child: u32,
    last_child: u32,
    next_sibling: u32,
}

/// A whole (small) XML document: every element, in document order, with names and
/// texts borrowed from the input. See [`crate::parse_document`].
#[derive(Debug)]
pub struct Document<'a> {
    elements: Vec<Element<'a>>,
    attrs: Vec<Attr<'a>>,
}

impl<'a> Document<'a> {
    /// The root element.
    pub fn root(&self) -> El<'_> {
        El { doc: self, id: 0 }
    }

    /// How many elements the document holds.
    pub fn len(&self) -> usize {
        self.elements.len()
    }

    /// Never true for a parsed document (it has a root element).
    pub fn is_empty(&self) -> bool {
        self.elements.is_empty()
    }
}

/// An element of a [`Document`]: a cheap copyable handle.
#[derive(Clone, Copy)]
pub struct El<'d> {
    doc: &'d Document<'d>,
    id: u32,
}

impl std::fmt::Debug for El<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{}> at byte {}", self.name(), self.offset())
    }
}

impl<'d> El<'d> {
    fn element(&self) -> &'d Element<'d> {
        &self.doc.elements[self.id as usize]
    }

    /// The local name (no prefix).
    pub fn name(&self) -> &'d str {
        self.element().name
    }

    /// Byte offset of the start tag in the input.
    pub fn offset(&self) -> u64 {
        self.element().offset
    }

    /// The element's own text, trimmed, if non-empty.
    pub fn text(&self) -> Option<&'d str> {
        Some(self.element().text.as_ref()).filter(|t| !t.is_empty())
    }

    /// The child elements, in order.
    pub fn children(&self) -> Children<'d> {
        Children { doc: self.doc, next: self.element().first_child }
    }

    pub fn child(&self, name: &str) -> Option<El<'d>> {
        self.children().find(|c| c.name() == name)
    }

    pub fn children_named<'n>(&self, name: &'n str) -> impl Iterator<Item = El<'d>> + 'n
    where
        'd: 'n,
    {
        self.children().filter(move |c| c.name() == name)
    }

    /// The trimmed text of the first child with this name, if it is non-empty.
    pub fn text_of(&self, name: &str) -> Option<&'d str> {
        self.child(name).and_then(|c| c.text())
    }

    /// The attributes: local name and unescaped value.
    pub fn attrs(&self) -> impl Iterator<Item = (&'d str, &'d str)> + 'd {
        let range = self.element().attrs.clone();
        self.doc.attrs[range.start as usize..range.end as usize].iter().map(|(k, v)| (*k, v.as_ref()))
    }

    pub fn attr(&self, name: &str) -> Option<&'d str> {
        self.attrs().find(|(k, _)| *k == name).map(|(_, v)| v)
    }

    /// Walks a path of child names and returns the element at its end.
    pub fn path(&self, names: &[&str]) -> Option<El<'d>> {
        let mut at = *self;
        for name in names {
            at = at.child(name)?;
        }
        Some(at)
    }
}

/// The children of an element.
pub struct Children<'d> {
    doc: &'d Document<'d>,
    next: u32,
}

impl<'d> Iterator for Children<'d> {
    type Item = El<'d>;

    fn next(&mut self) -> Option<El<'d>> {
        if self.next == NONE {
            return None;
        }
        let el = El { doc: self.doc, id: self.next };
        self.next = self.doc.elements[self.next as usize].next_sibling;
        Some(el)
    }
}

/// Byte classes inside a name: part of it, ending it, the prefix separator, or refused.
const NAME: u8 = 0;
const END: u8 = 1;
const COLON: u8 = 2;
const BAD: u8 = 3;
const NAME_CLASS: [u8; 256] = {
    let mut classes = [NAME; 256];
    let ends = b" \t\r\n/>=";
    let mut i = 0;
    while i < ends.len() {
        classes[ends[i] as usize] = END;
        i += 1;
    }
    let bad = b"<&\"'!?;,()";
    let mut i = 0;
    while i < bad.len() {
        classes[bad[i] as usize] = BAD;
        i += 1;
    }
    classes[b':' as usize] = COLON;
    classes
};

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// The first character XML 1.0 forbids in content (C0 controls other than tab, line
/// feed and carriage return), as (byte offset in `raw`, the byte).
fn forbidden_control(raw: &[u8]) -> Option<(usize, u8)> {
    let forbidden = |b: u8| (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r');
    // A branch-free pass first (the compiler vectorises it): text almost never has one.
    if !raw.iter().fold(false, |any, &b| any | forbidden(b)) {
        return None;
    }
    raw.iter().position(|&b| forbidden(b)).map(|i| (i, raw[i]))
}

/// An error for a forbidden control character at `at`.
fn control_error(at: usize, byte: u8) -> XmlError {
    XmlError::new(
        at as u64,
        format!("control character U+{byte:04X} is not allowed in XML (XML 1.0 allows only tab, line feed and carriage return)"),
    )
}

fn malformed(at: usize, what: impl std::fmt::Display) -> XmlError {
    XmlError::new(at as u64, format!("malformed XML: {what}"))
}

/// Trims a text in place: no new string when it is borrowed.
fn trim_cow(text: &mut Cow<'_, str>) {
    match text {
        // Most texts need no trimming: skip the Unicode-aware scan for them.
        Cow::Borrowed(s) => {
            let untrimmed = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_graphic());
            if !(untrimmed(s.as_bytes().first()) && untrimmed(s.as_bytes().last())) {
                *s = s.trim();
            }
        }
        Cow::Owned(s) => {
            let end = s.trim_end().len();
            s.truncate(end);
            let start = s.len() - s.trim_start().len();
            s.drain(..start);
        }
    }
}

/// An open element: its id and its raw (prefixed) name, which the end tag must repeat.
struct Open<'a> {
    id: u32,
    raw_name: &'a str,
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    doc: Document<'a>,
    open: Vec<Open<'a>>,
    saw_root: bool,
}

/// Reads a whole document. `text` is the input, already checked to be UTF-8.
pub(crate) fn scan(text: &str) -> Result<Document<'_>, XmlError> {
    let bytes = text.as_bytes();
    let mut s = Scanner {
        text,
        bytes,
        pos: 0,
        // Payment messages hold an element per 30 to 40 bytes: one allocation, no regrowth.
        doc: Document { elements: Vec::with_capacity(bytes.len() / 24 + 8), attrs: Vec::new() },
        open: Vec::with_capacity(16),
        saw_root: false,
    };
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        s.pos = 3;
    }
    // XML 1.0 forbids these controls anywhere in a document (its `Char` production):
    // one vectorised pass over the whole input, not one per text.
    if let Some((at, byte)) = forbidden_control(bytes) {
        return Err(control_error(at, byte));
    }
    s.run()?;
    Ok(s.doc)
}

impl<'a> Scanner<'a> {
    fn find(&self, from: usize, needle: &[u8]) -> Option<usize> {
        memchr::memmem::find(&self.bytes[from..], needle).map(|i| from + i)
    }

    fn run(&mut self) -> Result<(), XmlError> {
        loop {
            let text_start = self.pos;
            // Between tags there is mostly indentation: step over it by hand, and call
            // memchr only for real text (a call costs more than a few blanks).
            let mut at = self.pos;
            while at < self.bytes.len() && is_space(self.bytes[at]) {
                at += 1;
            }
            let lt = if self.bytes.get(at) == Some(&b'<') {
                Some(at)
            } else {
                memchr::memchr(b'<', &self.bytes[at..]).map(|i| at + i)
            };
            let text_end = lt.unwrap_or(self.bytes.len());
            if text_end > text_start {
                self.text_piece(text_start, text_end)?;
            }
            let Some(at) = lt else { break };
            self.pos = at;
            let rest = &self.bytes[at..];
            if rest.starts_with(b"<?") {
                self.instruction(at, !self.saw_root)?;
            } else if rest.starts_with(b"<!--") {
                let end = self.find(at + 4, b"-->").ok_or_else(|| malformed(at, "comment is not closed"))?;
                self.pos = end + 3;
            } else if rest.starts_with(b"<![CDATA[") {
                let end = self.find(at + 9, b"]]>").ok_or_else(|| malformed(at, "CDATA section is not closed"))?;
                if self.open.is_empty() {
                    return Err(malformed(at, "CDATA outside the root element"));
                }
                let piece = &self.text[at + 9..end];
                self.add_text(Cow::Borrowed(piece));
                self.pos = end + 3;
            } else if rest.starts_with(b"<!DOCTYPE") {
                return Err(XmlError::new(
                    at as u64,
                    "DOCTYPE is not allowed (no DTDs or entity declarations are accepted)",
                ));
            } else if rest.starts_with(b"<!") {
                return Err(malformed(at, "unexpected markup declaration (only comments and CDATA are read)"));
            } else if rest.starts_with(b"</") {
                self.end_tag(at)?;
            } else {
                self.start_tag(at)?;
            }
        }
        if !self.open.is_empty() {
            return Err(XmlError::new(
                self.bytes.len() as u64,
                "unexpected end of file: unclosed elements (the file is truncated)",
            ));
        }
        if !self.saw_root {
            return Err(XmlError::new(0, "no root element"));
        }
        Ok(())
    }

    /// Text between markup: content of the open element, or blank outside the root.
    fn text_piece(&mut self, from: usize, to: usize) -> Result<(), XmlError> {
        let raw = &self.text[from..to];
        if raw.bytes().all(is_space) {
            return Ok(());
        }
        if self.open.is_empty() {
            let first = from + raw.bytes().position(|b| !is_space(b)).unwrap_or(0);
            return Err(malformed(first, "text outside the root element"));
        }
        let text = unescape(from as u64, Cow::Borrowed(raw), "bad text (only the predefined entities are allowed)")?;
        let replaced = matches!(text, Cow::Owned(_));
        if let Some((_, b)) = replaced.then(|| forbidden_control(text.as_bytes())).flatten() {
            // Written as a character reference (`&#1;`), which XML 1.0 forbids as well.
            return Err(control_error(from, b));
        }
        self.add_text(text);
        Ok(())
    }

    fn add_text(&mut self, piece: Cow<'a, str>) {
        if let Some(open) = self.open.last() {
            let slot = &mut self.doc.elements[open.id as usize].text;
            // The first piece is kept as it is (borrowed); later pieces copy.
            if slot.is_empty() {
                *slot = piece;
            } else {
                slot.to_mut().push_str(&piece);
            }
        }
    }

    /// `<?...?>`: the XML declaration before the root element (its encoding checked), or
    /// a processing instruction, skipped.
    fn instruction(&mut self, at: usize, first: bool) -> Result<(), XmlError> {
        let end = self.find(at + 2, b"?>").ok_or_else(|| malformed(at, "processing instruction is not closed"))?;
        let body = &self.text[at + 2..end];
        let target = body.split(|c: char| c.is_ascii() && is_space(c as u8)).next().unwrap_or("");
        if target.eq_ignore_ascii_case("xml") {
            if !first {
                return Err(malformed(at, "XML declaration after the root element"));
            }
            if let Some(encoding) = declared_encoding(body) {
                let lower = encoding.to_ascii_lowercase();
                if lower != "utf-8" && lower != "utf8" {
                    return Err(crate::unsupported_encoding(at as u64, &lower));
                }
            }
        }
        self.pos = end + 2;
        Ok(())
    }

    /// The name starting at `from`: the raw (prefixed) name, its local part, and where it
    /// ends. One pass with a byte-class table: names are read for every element, so this
    /// is a hot loop.
    fn name_at(&self, from: usize) -> Result<(&'a str, &'a str, usize), XmlError> {
        let bytes = self.bytes;
        let mut end = from;
        let mut local = from;
        while let Some(&b) = bytes.get(end) {
            match NAME_CLASS[b as usize] {
                NAME => {}
                END => break,
                COLON => local = end + 1,
                _ => return Err(self.invalid_name(from)),
            }
            end += 1;
        }
        match bytes.get(from) {
            Some(b) if end > from && !(b.is_ascii_digit() || matches!(b, b'-' | b'.' | b':')) => {
                Ok((&self.text[from..end], &self.text[local..end], end))
            }
            _ => Err(self.invalid_name(from)),
        }
    }

    fn invalid_name(&self, from: usize) -> XmlError {
        let shown: String = self.text[from..].chars().take_while(|c| !c.is_whitespace()).take(40).collect();
        malformed(from, format!("invalid name {shown:?}"))
    }

    fn skip_space(&mut self) {
        while self.pos < self.bytes.len() && is_space(self.bytes[self.pos]) {
            self.pos += 1;
        }
    }

    fn start_tag(&mut self, at: usize) -> Result<(), XmlError> {
        let depth = self.open.len();
        if depth >= MAX_DEPTH {
            return Err(XmlError::new(at as u64, format!("nesting deeper than {MAX_DEPTH}")));
        }
        if depth == 0 {
            if self.saw_root {
                return Err(XmlError::new(at as u64, "more than one root element"));
            }
            self.saw_root = true;
        }
        let (raw_name, name, end) = self.name_at(at + 1)?;
        self.pos = end;
        let first_attr = self.doc.attrs.len();
        let empty = loop {
            let before = self.pos;
            self.skip_space();
            match self.bytes.get(self.pos) {
                None => return Err(malformed(at, "start tag is not closed")),
                Some(b'>') => {
                    self.pos += 1;
                    break false;
                }
                Some(b'/') => {
                    if self.bytes.get(self.pos + 1) != Some(&b'>') {
                        return Err(malformed(self.pos, "`/` in a start tag not followed by `>`"));
                    }
                    self.pos += 2;
                    break true;
                }
                Some(_) if self.pos == before => {
                    return Err(malformed(self.pos, "attributes must be separated by white space"));
                }
                Some(_) => self.attribute(first_attr)?,
            }
        };
        let id = u32::try_from(self.doc.elements.len()).map_err(|_| malformed(at, "too many elements"))?;
        self.doc.elements.push(Element {
            name,
            text: Cow::Borrowed(""),
            offset: at as u64,
            attrs: first_attr as u32..self.doc.attrs.len() as u32,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
        });
        if let Some(parent) = self.open.last() {
            let parent = parent.id as usize;
            let previous = self.doc.elements[parent].last_child;
            if previous == NONE {
                self.doc.elements[parent].first_child = id;
            } else {
                self.doc.elements[previous as usize].next_sibling = id;
            }
            self.doc.elements[parent].last_child = id;
        }
        if !empty {
            self.open.push(Open { id, raw_name });
        }
        Ok(())
    }

    /// `name="value"` or `name='value'`, at `self.pos`.
    fn attribute(&mut self, first_attr: usize) -> Result<(), XmlError> {
        let at = self.pos;
        let (raw_key, key, end) = self.name_at(at)?;
        self.pos = end;
        self.skip_space();
        if self.bytes.get(self.pos) != Some(&b'=') {
            return Err(malformed(self.pos, format!("attribute {raw_key:?} has no `=`")));
        }
        self.pos += 1;
        self.skip_space();
        let quote = match self.bytes.get(self.pos) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => return Err(malformed(self.pos, format!("the value of attribute {raw_key:?} is not quoted"))),
        };
        let value_start = self.pos + 1;
        let close = memchr::memchr(quote, &self.bytes[value_start..])
            .map(|i| value_start + i)
            .ok_or_else(|| malformed(at, format!("the value of attribute {raw_key:?} is not closed")))?;
        let raw = &self.text[value_start..close];
        if let Some(i) = raw.bytes().position(|b| b == b'<') {
            return Err(malformed(value_start + i, "`<` in an attribute value"));
        }
        if self.doc.attrs[first_attr..].iter().any(|(k, _)| *k == key) {
            return Err(malformed(at, format!("duplicate attribute {raw_key:?}")));
        }
        let value = unescape(value_start as u64, Cow::Borrowed(raw), "bad attribute value")?;
        self.doc.attrs.push((key, value));
        self.pos = close + 1;
        Ok(())
    }

    fn end_tag(&mut self, at: usize) -> Result<(), XmlError> {
        let Some(open) = self.open.pop() else {
            return Err(malformed(at, "end tag without a start tag"));
        };
        // The end tag must repeat the start tag's name: compare it in place.
        let name_end = at + 2 + open.raw_name.len();
        let same = self.bytes[at + 2..].starts_with(open.raw_name.as_bytes())
            && self.bytes.get(name_end).is_some_and(|&b| b == b'>' || is_space(b));
        if !same {
            if self.bytes[at + 2..].starts_with(open.raw_name.as_bytes()) && name_end >= self.bytes.len() {
                return Err(XmlError::new(
                    at as u64,
                    format!("unexpected end of file inside the end tag </{}: the file is truncated", open.raw_name),
                ));
            }
            let (found, _, _) = self.name_at(at + 2)?;
            return Err(malformed(at, format!("expected </{}>, found </{found}>", open.raw_name)));
        }
        self.pos = name_end;
        self.skip_space();
        if self.bytes.get(self.pos) != Some(&b'>') {
            return Err(malformed(at, format!("end tag </{}> is not closed", open.raw_name)));
        }
        self.pos += 1;
        trim_cow(&mut self.doc.elements[open.id as usize].text);
        Ok(())
    }
}

/// The `encoding` pseudo-attribute of an XML declaration's body, if present.
fn declared_encoding(body: &str) -> Option<&str> {
    let at = body.find("encoding")?;
    let rest = body[at + "encoding".len()..].trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let rest = &rest[1..];
    rest.find(quote).map(|end| &rest[..end])
}
