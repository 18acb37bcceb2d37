//! Damaged copies of valid inputs, for the property tests that check a parser never
//! panics: truncation, byte flips, inserted bytes, inserted format tokens, deleted or
//! repeated spans. Shared so that every parser's inputs are damaged the same way.

use proptest::prelude::*;
use proptest::sample::Index;

/// Cases per property: enough to shake out shallow bugs, small enough for a debug build
/// to run a whole test file in a few seconds. `PROPTEST_CASES=N` runs more.
const CASES: u32 = 256;

/// [`CASES`] cases unless `PROPTEST_CASES` is set; failing inputs are printed (shrunk),
/// not saved to files.
pub fn config() -> ProptestConfig {
    let cases = if std::env::var_os("PROPTEST_CASES").is_some() { ProptestConfig::default().cases } else { CASES };
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// Bytes and snippets that mean something to one of the formats: quotes, separators,
/// line ends, markup, entities, the OFAC null and end-of-file marker, multi-byte UTF-8,
/// a BOM, numbers at the edges of integer types.
pub const TOKENS: &[&[u8]] = &[
    b"\"",
    b",",
    b";",
    b"\n",
    b"\r\n",
    b"\r",
    b"\x1a",
    b"-0- ",
    b"<",
    b">",
    b"</",
    b"/>",
    b"<![CDATA[",
    b"]]>",
    b"<!--",
    b"-->",
    b"<?xml version=\"1.0\"?>",
    b"&amp;",
    b"&#0;",
    b"&#x110000;",
    b"&unknown;",
    b"=\"",
    b"xmlns=\"x\"",
    b"{",
    b"}",
    b"[",
    b"]",
    b"] [",
    b":",
    b"null",
    b"\\u0000",
    b"\\ud800",
    b"\xef\xbb\xbf",
    b"\xc3\xa9",
    b"\xe2\x80\x8b",
    b"\xf0\x9f\x98\x80",
    b"\xff",
    b"\x00",
    b"0",
    b"-1",
    b"4294967295",
    b"4294967296",
    b"18446744073709551616",
    b"99999999999999999999999999",
    b"1e999",
    b"a.k.a. '",
    b"'",
    b"(Linked To: ",
    b"DOB ",
    b"circa 1970",
    b"31/02/2024",
    b"2024-13-45",
    b"00 Xxx 0000",
    b"IMO ",
];

/// One change to an input; positions are picked relative to its length when applied.
#[derive(Debug, Clone)]
pub enum Mutation {
    /// Cut the input at a point.
    Truncate(Index),
    /// XOR one byte with a non-zero mask.
    Flip(Index, u8),
    /// Insert random bytes.
    Insert(Index, Vec<u8>),
    /// Insert a format token.
    InsertToken(Index, Index),
    /// Remove a span.
    Delete(Index, u8),
    /// Copy a span to another place.
    Repeat(Index, u8, Index),
}

/// Any mutation, byte flips and inserted tokens the most often.
pub fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        1 => any::<Index>().prop_map(Mutation::Truncate),
        4 => (any::<Index>(), 1u8..=255).prop_map(|(at, mask)| Mutation::Flip(at, mask)),
        2 => (any::<Index>(), prop::collection::vec(any::<u8>(), 1..8)).prop_map(|(at, b)| Mutation::Insert(at, b)),
        4 => (any::<Index>(), any::<Index>()).prop_map(|(at, t)| Mutation::InsertToken(at, t)),
        1 => (any::<Index>(), any::<u8>()).prop_map(|(at, n)| Mutation::Delete(at, n)),
        1 => (any::<Index>(), any::<u8>(), any::<Index>()).prop_map(|(from, n, to)| Mutation::Repeat(from, n, to)),
    ]
}

/// A position in `0..=len`.
fn point(at: &Index, len: usize) -> usize {
    at.index(len + 1)
}

/// Applies a mutation to `bytes`, whatever their length (an empty input stays valid to
/// mutate).
pub fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len();
    match m {
        Mutation::Truncate(at) => bytes.truncate(point(at, len)),
        Mutation::Flip(at, mask) => {
            if len > 0 {
                bytes[at.index(len)] ^= mask;
            }
        }
        Mutation::Insert(at, new) => {
            let at = point(at, len);
            bytes.splice(at..at, new.iter().copied());
        }
        Mutation::InsertToken(at, token) => {
            let at = point(at, len);
            bytes.splice(at..at, token.get(TOKENS).iter().copied());
        }
        Mutation::Delete(at, n) => {
            let start = point(at, len);
            let end = (start + *n as usize).min(len);
            bytes.drain(start..end);
        }
        Mutation::Repeat(from, n, to) => {
            let start = point(from, len);
            let span = bytes[start..(start + *n as usize).min(len)].to_vec();
            let to = point(to, len);
            bytes.splice(to..to, span);
        }
    }
}

/// A damaged copy of one of the seeds.
pub fn damaged(seeds: Vec<Vec<u8>>) -> impl Strategy<Value = Vec<u8>> {
    (any::<Index>(), prop::collection::vec(mutation(), 1..6)).prop_map(move |(seed, mutations)| {
        let mut bytes = seed.get(&seeds).clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        bytes
    })
}

/// Text made of the characters the formats are built from, so that inputs get past the
/// UTF-8 check and the first tokenizer more often than random bytes do.
pub fn format_text() -> impl Strategy<Value = Vec<u8>> {
    "[a-zA-Z0-9 ,;:\"'<>/=&#!?\\[\\]{}()\\-.\r\n\u{1a}é€]{0,200}".prop_map(String::into_bytes)
}
