//! Payment message parsers: ISO 20022, SWIFT MT and a canonical JSON, all into one
//! [`Payment`] that holds every screenable value with its field path.
//!
//! | format | what is read |
//! |--------|--------------|
//! | ISO 20022 `pacs.008` (.001.02–.13), `pacs.009` (incl. COV), `pacs.004`, `pain.001`, with or without a `head.001` business application header | see [`iso20022`] |
//! | SWIFT MT103 (incl. STP), MT202, MT202COV, several per file | see [`mt`] |
//! | canonical JSON | see [`json`] and `docs/formats.md` |
//!
//! [`detect`] tells the format from the first bytes; [`parse`] detects and parses and
//! returns one result per message (an MT file may hold several). Bad input gives an
//! [`Error`] with the byte offset (or line) and the reason, never a panic: XML goes
//! through the hardened `interdict-xml` reader (no DTD, no entity expansion, bounded
//! depth), and every message is bounded in size by [`Limits`].
//!
//! What this crate is not for: screening (see `interdict-screen`) or transport.
//!
//! ```
//! let mt = b"{1:F01BANKDEFFAXXX0000000000}{2:I103BANKUS33XXXXN}{4:\r\n:20:REF1\r\n:23B:CRED\r\n\
//! :32A:240102USD100,\r\n:50K:/DE89370400440532013000\r\nEMMA DANIELS\r\nLEEDS\r\n:59:/12345\r\nACME LTD\r\n:71A:SHA\r\n-}";
//! let results = interdict_messages::parse(mt, &Default::default());
//! let payment = results[0].as_ref().unwrap();
//! assert_eq!(payment.message_id, "REF1");
//! assert_eq!(payment.transactions[0].parties[0].name.as_ref().unwrap().value, "EMMA DANIELS");
//! ```

pub mod iso20022;
pub mod json;
pub mod mt;

use interdict_model::{MessageFormat, Payment};

/// Bounds on what one message may be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest message accepted, in bytes.
    pub max_message_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        // CBPR+ messages are a few kilobytes; a bulk pain.001 can be large, but a payment
        // in the wire path is not a megabyte.
        Limits { max_message_bytes: 1 << 20 }
    }
}

/// What kind of problem a message has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The bytes are not one of the known formats.
    UnknownFormat,
    /// Not UTF-8 where the format requires it.
    Encoding,
    /// Larger than [`Limits::max_message_bytes`].
    TooLarge,
    /// Broken syntax: malformed XML or MT blocks, invalid JSON, DTD or entities.
    Malformed,
    /// Well-formed but not a supported message (an unknown ISO 20022 namespace).
    Unsupported,
    /// A mandatory element is missing or invalid (no message id, no transaction).
    Invalid,
}

/// Why a message could not be parsed, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[error("{}{}: {reason}", format.map(|f| format!("{}: ", f.as_str())).unwrap_or_default(), position)]
pub struct Error {
    pub kind: ErrorKind,
    /// The format, when it was recognised.
    pub format: Option<MessageFormat>,
    pub position: Position,
    pub reason: String,
}

/// Where in the input a problem was found. Offsets count bytes from 0 in the whole
/// input (the file or the Kafka record), lines from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    Byte(u64),
    Line { line: u64, byte: u64 },
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Position::Byte(b) => write!(f, "byte {b}"),
            Position::Line { line, byte } => write!(f, "line {line} (byte {byte})"),
        }
    }
}

impl Error {
    pub fn new(kind: ErrorKind, format: Option<MessageFormat>, position: Position, reason: impl Into<String>) -> Self {
        Error { kind, format, position, reason: reason.into() }
    }

    /// The byte offset of the problem.
    pub fn offset(&self) -> u64 {
        match self.position {
            Position::Byte(b) | Position::Line { byte: b, .. } => b,
        }
    }
}

/// The family of a message, told from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detected {
    Iso20022,
    SwiftMt,
    Json,
}

/// Tells the format family from the first non-blank bytes: `<` is XML (ISO 20022),
/// `{1:` or `:20:` is SWIFT MT, `{` or `[` is JSON.
pub fn detect(bytes: &[u8]) -> Option<Detected> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace() && *b != 0xEF && *b != 0xBB && *b != 0xBF)?;
    let rest = &bytes[start..];
    if rest.starts_with(b"<") {
        Some(Detected::Iso20022)
    } else if rest.starts_with(b"{1:")
        || rest.starts_with(b"{2:")
        || rest.starts_with(b"{4:")
        || rest.starts_with(b":20:")
    {
        Some(Detected::SwiftMt)
    } else if rest.starts_with(b"{") || rest.starts_with(b"[") {
        Some(Detected::Json)
    } else {
        None
    }
}

/// Whether the input looks like UTF-16: a UTF-16 byte-order mark, or ASCII text with a
/// zero byte beside every character.
fn utf16(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Some("little-endian, byte-order mark FF FE");
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Some("big-endian, byte-order mark FE FF");
    }
    let head = &bytes[..bytes.len().min(64)];
    if head.len() >= 8 {
        let zero_odd = head.iter().skip(1).step_by(2).all(|&b| b == 0);
        let zero_even = head.iter().step_by(2).all(|&b| b == 0);
        let ascii = |skip: usize| head.iter().skip(skip).step_by(2).all(|&b| b.is_ascii() && b != 0);
        if zero_odd && ascii(0) {
            return Some("little-endian");
        }
        if zero_even && ascii(1) {
            return Some("big-endian");
        }
    }
    None
}

/// Detects the format and parses every message in `bytes`: one result per message,
/// in order. Input that cannot be split into messages gives one error.
pub fn parse(bytes: &[u8], limits: &Limits) -> Vec<Result<Payment, Error>> {
    if bytes.len() > limits.max_message_bytes && detect(bytes) != Some(Detected::SwiftMt) {
        return vec![Err(Error::new(
            ErrorKind::TooLarge,
            None,
            Position::Byte(limits.max_message_bytes as u64),
            format!("the input is {} bytes, more than the limit of {}", bytes.len(), limits.max_message_bytes),
        ))];
    }
    if let Some(which) = utf16(bytes) {
        return vec![Err(Error::new(
            ErrorKind::Encoding,
            None,
            Position::Byte(0),
            format!("the input is UTF-16 ({which}); payment messages must be UTF-8"),
        ))];
    }
    match detect(bytes) {
        Some(Detected::Iso20022) => vec![iso20022::parse(bytes)],
        Some(Detected::SwiftMt) => mt::parse_all(bytes, limits),
        Some(Detected::Json) => json::parse_all(bytes),
        None => vec![Err(Error::new(
            ErrorKind::UnknownFormat,
            None,
            Position::Byte(0),
            "not a payment message: expected ISO 20022 XML (<), SWIFT MT ({1: or :20:) or JSON ({ or [)",
        ))],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection_by_first_bytes() {
        let cases: &[(&[u8], Option<Detected>)] = &[
            (b"<?xml version=\"1.0\"?><Document/>", Some(Detected::Iso20022)),
            (b"\xEF\xBB\xBF  <AppHdr/>", Some(Detected::Iso20022)),
            (b"{1:F01BANKDEFFAXXX0000000000}", Some(Detected::SwiftMt)),
            (b"\r\n:20:REF\r\n", Some(Detected::SwiftMt)),
            (b"{\"message_id\": \"x\"}", Some(Detected::Json)),
            (b"[{}]", Some(Detected::Json)),
            (b"hello", None),
            (b"", None),
        ];
        for (bytes, expected) in cases {
            assert_eq!(detect(bytes), *expected, "{:?}", String::from_utf8_lossy(bytes));
        }
    }

    #[test]
    fn oversized_and_unknown_inputs_are_errors() {
        let limits = Limits { max_message_bytes: 10 };
        let big = parse(b"<Document>0123456789</Document>", &limits);
        assert_eq!(big[0].as_ref().unwrap_err().kind, ErrorKind::TooLarge);
        for utf16 in [&b"\xff\xfe<\x00D\x00o\x00c\x00"[..], &b"<\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t\x00>\x00"[..]]
        {
            let err = parse(utf16, &Limits::default())[0].clone().unwrap_err();
            assert_eq!(err.kind, ErrorKind::Encoding);
            assert!(err.to_string().contains("UTF-16") && err.to_string().contains("must be UTF-8"), "{err}");
        }
        let unknown = parse(b"hello", &Limits::default());
        let err = unknown[0].as_ref().unwrap_err();
        assert_eq!(err.kind, ErrorKind::UnknownFormat);
        assert!(err.to_string().contains("byte 0"), "{err}");
    }
}
