//! SWIFT MT (FIN) payment messages: MT103 (also STP and REMIT), MT202 and MT202COV, one
//! or several per input, each into one [`Payment`] with one [`Transaction`].
//!
//! # Messages in an input
//!
//! An input holds one or more messages, each a group of blocks
//! `{1:…}{2:…}{3:…}{4:…-}{5:…}`. Groups follow one another directly (a new `{1:` after a
//! block starts the next message) or are separated by `$` as in RJE files. A bare block 4
//! text, starting with a field such as `:20:` and optionally ending with `-}`, is one message
//! too. Every message gives one result, in input order, and a bad message gives an error for
//! itself only. A delivery acknowledgement (`{1:F21…}{4:{177:…}{451:…}}`) directly in front
//! of its message in the same RJE record is skipped; alone it is `Unsupported`. Each message
//! must be at most [`Limits::max_message_bytes`] long (else `TooLarge`) and UTF-8 (ASCII, the
//! SWIFT X character set, is UTF-8; else `Encoding` at the first bad byte).
//!
//! # Blocks read
//!
//! | block | what is read |
//! |-------|--------------|
//! | 1, basic header (`F01` + logical terminal + session + sequence) | the BIC of the logical terminal (its first 8 characters and the 3-character branch): the message sender of an input message, the receiver of an output message. Service messages (`F21` ACK/NAK and others) are `Unsupported` |
//! | 2, application header | input (`I`) or output (`O`), the message type, and the BIC of the receiver (input) or of the sender (output, from the message input reference) |
//! | 3, user header | `{121:}` UETR → transaction id (must be a UUID); `{119:COV}` → MT202COV; the rest is ignored |
//! | 4, text | the fields below |
//! | 5 and `S`, trailers | checked for balanced braces and ignored |
//!
//! Block 2 gives the type: 103 → MT103; 202 → MT202, or MT202COV with `{119:COV}` or any
//! field 50a or 59a. Any other type (101, 199, 900 …) is `Unsupported`, naming the type.
//! Without block 2 the type is told from the fields: 58a → MT202 (MT202COV when 50a or 59a is
//! there too), else MT103.
//!
//! # Fields mapped
//!
//! | field | goes to |
//! |-------|---------|
//! | 20 | [`Payment::message_id`], and [`Transaction::id`] when there is no UETR |
//! | 32A (`YYMMDD`, ISO 4217 currency, amount with a decimal comma) | [`Transaction::amount`], written with a decimal point (`1417,8` → `1417.8`, `3700,` → `3700`) |
//! | 50A, 50F, 50K (ordering customer) | debtor |
//! | 51A (sending institution) | instructing agent |
//! | 52A, 52D (ordering institution) | debtor agent |
//! | 53A/B/D, 54A/B/D, 55A/B/D | instructing, instructed and third reimbursement agents |
//! | 56A/C/D (intermediary) | intermediary agent |
//! | 57A/B/C/D (account with institution) | creditor agent |
//! | 58A, 58D (beneficiary institution, MT202) | creditor |
//! | 59, 59A, 59F (beneficiary customer) | creditor |
//! | 70, 72, 77B, 77T | [`Transaction::free_text`], one value per field, its lines joined by a space |
//!
//! Party options: a first line starting with `/` is the party identifier, read as the
//! account (`/D/` and `/C/` marks dropped) or, written `//XX…`, as a clearing code (an
//! identifier). Option A: the optional account then a BIC (8 or 11 characters). Option B:
//! the optional account then the location (an address line). Option C: the account only.
//! Options D and K and field 59: the optional account, the name (first line) and address
//! lines (the rest). Option F (50F, 59F): the first line is an account (`/…`) or an
//! identifier (`CCPT/DE/123…`, kept as the number after the code and country); then
//! numbered lines `1/` name (several are joined), `2/` address line, `3/` `CC/Town` →
//! country and town, `4/` date of birth `YYYYMMDD` → identifier and birth year, `5/` place of
//! birth, `6/` customer id, `7/` national id (the number after the country), `8/` more
//! identification, all identifiers; unnumbered lines are address lines. A country is only
//! ever read from option F: a country in 50K or 59 address lines is left in the line, and
//! the country of a BIC is left to screening.
//!
//! In an MT202COV the fields from the first 50a on are sequence B, the underlying customer
//! credit transfer (50a, 52a, 56a, 57a, 59a, 70, 72, 33B); the others are sequence A.
//!
//! # Paths
//!
//! A party's path is the message type and the field (`MT103/59A`; `MT202COV/B/50K` in
//! sequence B), and its values add `/name`, `/address[n]` (from 1), `/location`,
//! `/account`, `/bic`, `/clearing_code`, `/country`, `/town`, `/identifier`, `/birth_date`,
//! `/birth_place`, `/customer_id`, `/national_id`, `/additional`. Free text is
//! `MT103/70`, `MT202COV/B/72`. The header parties are `MT103/block1` and `MT103/block2`,
//! their BIC `MT103/block1/bic`.
//!
//! # Validation
//!
//! Errors carry [`Position::Line`]: the line and the byte offset in the whole input.
//! `Malformed`: a `{` that does not open a known block (1 to 5, `S`), a block that is
//! repeated, out of order or not terminated (no `}`, or no `-}` at a line start for block
//! 4), a bad block 1 or 2 header, a message without block 4 text, a text line that is not a
//! `:TAG:` field where a field is expected (the first line, or after a one-line field such
//! as 20 or 32A). `Invalid`, at the field: field 20 missing, repeated, longer than 16
//! characters, outside the SWIFT X character set or with a leading, trailing or double
//! `/`; field 32A missing or with a bad date, an unknown currency, a bad amount or more
//! decimals than the currency has; a missing beneficiary (59a in MT103, 58a in MT202, 50a
//! and 59a in sequence B of MT202COV); an empty party field; an option A field without a
//! valid BIC or with extra lines; a UETR that is not a UUID.
//!
//! # Not read
//!
//! Other fields (13C, 21, 23B, 23E, 26T, 33B, 36, 71A, 71F, 71G …) and block 3 fields
//! other than 119 and 121 are ignored; block 5 is not checked (no checksum or MAC). Field
//! contents are not checked against the SWIFT X character set except field 20, and line
//! counts and lengths are not enforced, so that every character that came in is screened.
//! Vessels are not told apart from free text.

use std::cell::Cell;

use interdict_model::{Amount, Located, MessageFormat, Party, PartyRole, Payment, Transaction};

use crate::{Error, ErrorKind, Limits, Position};

/// Parses every message of an MT input: one result per message, in order.
pub fn parse_all(bytes: &[u8], limits: &Limits) -> Vec<Result<Payment, Error>> {
    let input = Input { bytes, counted: Cell::new((0, 1)) };
    let spans = split(bytes);
    if spans.is_empty() {
        return vec![Err(input.error(ErrorKind::Invalid, None, 0, "no SWIFT MT message in the input"))];
    }
    spans.iter().map(|span| parse_message(&input, span, limits)).collect()
}

/// The whole input, for positions.
struct Input<'a> {
    bytes: &'a [u8],
    /// The last offset a line was counted for, and its line: errors come in input order,
    /// so counting on from there keeps positions linear in the input.
    counted: Cell<(usize, u64)>,
}

impl Input<'_> {
    fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.bytes.len());
        let (from, line) = match self.counted.get() {
            (at, line) if at <= offset => (at, line),
            _ => (0, 1),
        };
        let more = self.bytes.get(from..offset).unwrap_or_default().iter().filter(|&&c| c == b'\n').count();
        let line = line + more as u64;
        self.counted.set((offset, line));
        Position::Line { line, byte: offset as u64 }
    }

    fn error(&self, kind: ErrorKind, format: Option<MessageFormat>, offset: usize, reason: impl Into<String>) -> Error {
        Error::new(kind, format, self.position(offset), reason)
    }
}

// ---------------------------------------------------------------------------------------
// Splitting an input into messages. This works on bytes and only looks at ASCII
// delimiters, so a message boundary never falls inside a multi-byte character.

/// One message: `start..end` in the input, and the `$`-separated record it is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: usize,
    end: usize,
    record: usize,
}

fn split(b: &[u8]) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut i = if b.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    let mut record = 0;
    loop {
        while let Some(&c) = b.get(i) {
            if c == b'$' {
                record += 1;
            } else if !c.is_ascii_whitespace() {
                break;
            }
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        let end = message_end(b, i).max(i + 1);
        let mut trimmed = end;
        while trimmed > i + 1 && b.get(trimmed - 1).is_some_and(u8::is_ascii_whitespace) {
            trimmed -= 1;
        }
        spans.push(Span { start: i, end: trimmed, record });
        i = end;
    }
    // An ACK/NAK in front of its message (prowide's RJE output) is not a message of its own.
    let is_ack = |s: &Span| b.get(s.start..).is_some_and(|r| r.starts_with(b"{1:F21"));
    let mut kept = Vec::with_capacity(spans.len());
    for (k, span) in spans.iter().enumerate() {
        let followed = spans.get(k + 1).is_some_and(|next| next.record == span.record);
        if !(is_ack(span) && followed) {
            kept.push(*span);
        }
    }
    kept
}

/// Where the message that starts at `start` ends (exclusive).
fn message_end(b: &[u8], start: usize) -> usize {
    let mut i = start;
    let mut blocks = 0usize;
    match b.get(i) {
        Some(b':') => match text_end(b, i) {
            TextEnd::Found(p) => {
                i = p + 2;
                blocks = 1;
            }
            TextEnd::Stopped(p) => return p,
        },
        Some(b'{') => {}
        _ => return junk_end(b, i),
    }
    loop {
        let mut j = i;
        while b.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        match b.get(j) {
            None | Some(b'$') => return j,
            Some(b'{') => {
                if blocks > 0 && at(b, j, b"{1:") {
                    return j;
                }
                match block_end(b, j) {
                    Ok(e) => {
                        i = e;
                        blocks += 1;
                    }
                    Err(stop) => return stop,
                }
            }
            Some(_) => return junk_end(b, j),
        }
    }
}

fn at(b: &[u8], i: usize, what: &[u8]) -> bool {
    b.get(i..).is_some_and(|r| r.starts_with(what))
}

/// After something that is not a message: the next `$` or `{1:`.
fn junk_end(b: &[u8], j: usize) -> usize {
    let mut k = j + 1;
    while let Some(&c) = b.get(k) {
        if c == b'$' || (c == b'{' && at(b, k, b"{1:")) {
            return k;
        }
        k += 1;
    }
    b.len().max(j + 1)
}

/// The length of a block id (`1`, `4`, `108`, `CHK`) after the `{` at `j`, when a `:` follows.
fn block_id_len(b: &[u8], j: usize) -> Option<usize> {
    let rest = b.get(j + 1..)?;
    let n = rest.iter().take(4).position(|&c| c == b':')?;
    (n > 0 && rest.iter().take(n).all(u8::is_ascii_alphanumeric)).then_some(n)
}

/// The end (exclusive) of the block whose `{` is at `j`, or where to resume when it is not
/// terminated.
fn block_end(b: &[u8], j: usize) -> Result<usize, usize> {
    let Some(id_len) = block_id_len(b, j) else { return Err(junk_end(b, j)) };
    let content = j + id_len + 2;
    if id_len == 1 && b.get(j + 1) == Some(&b'4') && b.get(content) != Some(&b'{') {
        return match text_end(b, content) {
            TextEnd::Found(p) => Ok(p + 2),
            TextEnd::Stopped(p) => Err(p.max(j + 1)),
        };
    }
    let mut depth = 0usize;
    let mut k = j;
    while let Some(&c) = b.get(k) {
        match c {
            b'{' => depth += 1,
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Ok(k + 1);
                }
            }
            b'$' => return Err(k.max(j + 1)),
            _ => {}
        }
        k += 1;
    }
    Err(b.len().max(j + 1))
}

enum TextEnd {
    /// The `-}` that closes the text is at this offset.
    Found(usize),
    /// No `-}`: the text runs up to this offset (a line starting with `$` or `{1:`, or the end).
    Stopped(usize),
}

/// Looks for the `-}` at the start of a line that closes a block 4 text starting at `from`.
fn text_end(b: &[u8], from: usize) -> TextEnd {
    let mut p = from;
    loop {
        let rest = b.get(p..).unwrap_or_default();
        if rest.starts_with(b"-}") {
            return TextEnd::Found(p);
        }
        if rest.starts_with(b"$") || rest.starts_with(b"{1:") {
            return TextEnd::Stopped(p);
        }
        match rest.iter().position(|&c| c == b'\n') {
            Some(q) => p += q + 1,
            None => return TextEnd::Stopped(b.len()),
        }
    }
}

// ---------------------------------------------------------------------------------------
// One message: blocks, headers, fields.

/// `text[a..b]`, or "" if that is not a slice of `text` (never the case for the offsets of
/// ASCII delimiters used here, but it keeps slicing from ever panicking).
fn slice(text: &str, a: usize, b: usize) -> &str {
    text.get(a..b).unwrap_or("")
}

/// The first characters at `i`, to show in an error.
fn found(text: &str, i: usize) -> String {
    let shown: String = text.get(i..).unwrap_or("").chars().take(16).collect();
    format!("{shown:?}")
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

/// The blocks of one message; offsets are in the whole input.
#[derive(Default)]
struct Blocks<'a> {
    basic: Option<(&'a str, usize)>,
    application: Option<(&'a str, usize)>,
    /// Block 3 fields: tag, value, offset.
    user: Vec<(&'a str, &'a str, usize)>,
    /// Block 4 text, the offset of its first byte and the offset of `{4:` (of the text if bare).
    text: Option<(&'a str, usize, usize)>,
    bare: bool,
    /// Offset of a block 4 made of sub-blocks (a service message) rather than text.
    service_text: Option<usize>,
}

fn read_blocks<'a>(input: &Input, text: &'a str, base: usize) -> Result<Blocks<'a>, Error> {
    let b = text.as_bytes();
    let malformed = |i: usize, reason: String| input.error(ErrorKind::Malformed, None, base + i, reason);
    let mut blocks = Blocks::default();
    let mut last_rank = 0u8;
    let mut i = skip_ws(b, 0);
    if b.get(i) == Some(&b':') {
        let (end, next) = match text_end(b, i) {
            TextEnd::Found(p) => (p, p + 2),
            TextEnd::Stopped(p) => (p, p),
        };
        blocks.text = Some((slice(text, i, end), base + i, base + i));
        blocks.bare = true;
        last_rank = 4;
        i = next;
    }
    loop {
        i = skip_ws(b, i);
        let Some(&c) = b.get(i) else { break };
        if c != b'{' {
            return Err(malformed(
                i,
                format!("expected a block such as `{{4:` or the end of the message, found {}", found(text, i)),
            ));
        }
        let Some(id_len) = block_id_len(b, i) else {
            return Err(malformed(
                i,
                format!("`{{` does not open a block (`{{1:` to `{{5:`): found {}", found(text, i)),
            ));
        };
        let id = slice(text, i + 1, i + 1 + id_len);
        let content = i + id_len + 2;
        let rank = match id {
            "1" => 1,
            "2" => 2,
            "3" => 3,
            "4" => 4,
            "5" => 5,
            "S" => 6,
            _ => return Err(malformed(i, format!("unknown block {{{id}: (expected blocks 1 to 5)"))),
        };
        if rank <= last_rank {
            return Err(malformed(i, format!("block {id} is repeated or out of order")));
        }
        last_rank = rank;
        match rank {
            1 | 2 => {
                let rest = b.get(content..).unwrap_or_default();
                match rest.iter().position(|&c| matches!(c, b'}' | b'{' | b'\n' | b'\r')) {
                    Some(q) if rest.get(q) == Some(&b'}') => {
                        let value = (slice(text, content, content + q), base + content);
                        if rank == 1 {
                            blocks.basic = Some(value);
                        } else {
                            blocks.application = Some(value);
                        }
                        i = content + q + 1;
                    }
                    _ => return Err(malformed(i, format!("block {id} is not terminated: no closing `}}`"))),
                }
            }
            4 if b.get(content) != Some(&b'{') => match text_end(b, content) {
                TextEnd::Found(p) => {
                    blocks.text = Some((slice(text, content, p), base + content, base + i));
                    i = p + 2;
                }
                TextEnd::Stopped(_) => {
                    return Err(malformed(i, "block 4 is not terminated: no `-}` at the start of a line".into()))
                }
            },
            _ => {
                let Some((subs, end)) = sub_blocks(b, content) else {
                    return Err(malformed(
                        i,
                        format!("block {id} is not terminated or holds something other than `{{tag:value}}` fields"),
                    ));
                };
                if rank == 3 {
                    blocks.user = subs
                        .iter()
                        .map(|&[t, colon, close]| (slice(text, t, colon), slice(text, colon + 1, close), base + t - 1))
                        .collect();
                } else if rank == 4 {
                    blocks.service_text = Some(base + i);
                }
                i = end;
            }
        }
    }
    Ok(blocks)
}

/// Reads `{tag:value}…}` from `k`: the (tag start, colon, closing brace) of each field and
/// the end of the enclosing block.
fn sub_blocks(b: &[u8], mut k: usize) -> Option<(Vec<[usize; 3]>, usize)> {
    let mut subs = Vec::new();
    loop {
        match b.get(k)? {
            b'}' => return Some((subs, k + 1)),
            b'{' => {
                let colon = k + 1 + block_id_len(b, k)?;
                let rest = b.get(colon + 1..)?;
                let close = colon + 1 + rest.iter().position(|&c| matches!(c, b'}' | b'{' | b'\n'))?;
                if b.get(close) != Some(&b'}') {
                    return None;
                }
                subs.push([k + 1, colon, close]);
                k = close + 1;
            }
            _ => return None,
        }
    }
}

/// A BIC: 4 letters (bank), 2 letters (country), 2 letters or digits (location), and an
/// optional 3-character branch.
fn is_bic(s: &str) -> bool {
    let b = s.as_bytes();
    let alnum = |c: &u8| c.is_ascii_uppercase() || c.is_ascii_digit();
    (b.len() == 8 || b.len() == 11) && b.iter().take(6).all(u8::is_ascii_uppercase) && b.iter().skip(6).all(alnum)
}

/// The BIC (8 + branch) of a 12-character logical terminal address (`BANKDEFFAXXX`).
fn terminal_bic(lt: Option<&str>) -> Option<String> {
    let lt = lt?;
    let bic8 = lt.get(0..8)?;
    let branch = lt.get(9..12)?;
    let bic = format!("{bic8}{branch}");
    (lt.len() == 12 && is_bic(&bic)).then_some(bic)
}

struct Basic {
    bic: String,
}

struct Application {
    message_type: String,
    output: bool,
    bic: String,
}

fn basic_header(input: &Input, content: &str, at: usize) -> Result<Basic, Error> {
    let malformed = |reason: &str| input.error(ErrorKind::Malformed, None, at, format!("block 1: {reason}"));
    if !matches!(content.get(0..1), Some("F" | "A" | "L")) {
        return Err(malformed("expected the application id F, A or L"));
    }
    let service = content.get(1..3).filter(|s| s.bytes().all(|c| c.is_ascii_digit()));
    match service {
        None => return Err(malformed("expected a two-digit service id after the application id")),
        Some("01") => {}
        Some(other) => {
            return Err(input.error(
                ErrorKind::Unsupported,
                None,
                at,
                format!("service message {other} (an ACK, NAK or system message) carries no payment"),
            ))
        }
    }
    let bic = terminal_bic(content.get(3..15))
        .ok_or_else(|| malformed("expected a 12-character logical terminal address after F01"))?;
    Ok(Basic { bic })
}

fn application_header(input: &Input, content: &str, at: usize) -> Result<Application, Error> {
    let malformed = |reason: &str| input.error(ErrorKind::Malformed, None, at, format!("block 2: {reason}"));
    let output = match content.get(0..1) {
        Some("I") => false,
        Some("O") => true,
        _ => return Err(malformed("expected I (input) or O (output)")),
    };
    let message_type = content
        .get(1..4)
        .filter(|t| t.bytes().all(|c| c.is_ascii_digit()))
        .ok_or_else(|| malformed("expected a three-digit message type"))?
        .to_string();
    let bic = if output {
        terminal_bic(content.get(14..26))
            .ok_or_else(|| malformed("expected the sender's address in the message input reference"))?
    } else {
        terminal_bic(content.get(4..16)).ok_or_else(|| malformed("expected the receiver's 12-character address"))?
    };
    Ok(Application { message_type, output, bic })
}

/// One block 4 field: `:TAG:` and its lines, at an offset in the input.
#[derive(Debug)]
struct Field<'a> {
    tag: &'a str,
    lines: Vec<&'a str>,
    at: usize,
}

impl Field<'_> {
    fn number(&self) -> &str {
        self.tag.get(..2).unwrap_or("")
    }

    fn option(&self) -> &str {
        self.tag.get(2..).unwrap_or("")
    }

    /// The non-blank lines, trimmed.
    fn content(&self) -> Vec<&str> {
        self.lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect()
    }
}

/// `:TAG:rest` with TAG two digits and an optional upper-case letter.
fn split_tag(line: &str) -> Option<(&str, &str)> {
    let b = line.as_bytes();
    if b.first() != Some(&b':') || !b.get(1..3)?.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let tag_len = if b.get(3).is_some_and(u8::is_ascii_uppercase) { 3 } else { 2 };
    if b.get(1 + tag_len) != Some(&b':') {
        return None;
    }
    Some((line.get(1..1 + tag_len)?, line.get(2 + tag_len..)?))
}

/// Fields whose content is one line: a line after them must be a new field.
fn one_line(tag: &str) -> bool {
    matches!(tag, "20" | "21" | "13C" | "23B" | "23E" | "26T" | "32A" | "33B" | "36" | "71A" | "71F" | "71G")
}

fn read_fields<'a>(
    input: &Input,
    format: Option<MessageFormat>,
    text: &'a str,
    base: usize,
    bare: bool,
) -> Result<Vec<Field<'a>>, Error> {
    let mut fields: Vec<Field<'a>> = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let at = base + offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() || (bare && line.trim() == "-" && text.get(offset..).unwrap_or("").trim().is_empty())
        {
            continue;
        }
        if let Some((tag, rest)) = split_tag(line) {
            fields.push(Field { tag, lines: vec![rest], at });
            continue;
        }
        let reason = match fields.last_mut() {
            Some(field) if !one_line(field.tag) => {
                field.lines.push(line);
                continue;
            }
            Some(field) => {
                format!("field {} has one line; expected a field `:TAG:` here, found {}", field.tag, found(line, 0))
            }
            None => format!("expected a field `:TAG:` (such as `:20:`), found {}", found(line, 0)),
        };
        return Err(input.error(ErrorKind::Malformed, format, at, reason));
    }
    Ok(fields)
}

fn parse_message(input: &Input, span: &Span, limits: &Limits) -> Result<Payment, Error> {
    let raw = input.bytes.get(span.start..span.end).unwrap_or_default();
    if raw.len() > limits.max_message_bytes {
        return Err(input.error(
            ErrorKind::TooLarge,
            None,
            span.start + limits.max_message_bytes,
            format!("the message is {} bytes, more than the limit of {}", raw.len(), limits.max_message_bytes),
        ));
    }
    let text = std::str::from_utf8(raw).map_err(|e| {
        input.error(
            ErrorKind::Encoding,
            None,
            span.start + e.valid_up_to(),
            "invalid UTF-8: SWIFT MT messages must be ASCII (the SWIFT X character set) or UTF-8",
        )
    })?;
    let blocks = read_blocks(input, text, span.start)?;
    let basic = blocks.basic.map(|(content, at)| basic_header(input, content, at)).transpose()?;
    let application = blocks.application.map(|(content, at)| application_header(input, content, at)).transpose()?;
    let declared = match &application {
        None => None,
        Some(a) if a.message_type == "103" => Some(MessageFormat::Mt103),
        Some(a) if a.message_type == "202" => Some(MessageFormat::Mt202),
        Some(a) => {
            return Err(input.error(
                ErrorKind::Unsupported,
                None,
                blocks.application.map_or(span.start, |(_, at)| at),
                format!("MT{} is not supported: Interdict reads MT103, MT202 and MT202COV", a.message_type),
            ))
        }
    };
    let Some((body, body_at, block_at)) = blocks.text else {
        let (at, reason) = match blocks.service_text {
            Some(at) => (at, "block 4 holds sub-blocks, not message text: not a payment message"),
            None => (span.start, "missing block 4 (the message text)"),
        };
        return Err(input.error(ErrorKind::Malformed, declared, at, reason));
    };
    let fields = read_fields(input, declared, body, body_at, blocks.bare)?;

    let mut cov = false;
    let mut uetr = None;
    for &(tag, value, at) in &blocks.user {
        match tag {
            "119" => cov |= value == "COV",
            "121" if is_uuid(value) => uetr = Some(value.to_string()),
            "121" => {
                return Err(input.error(
                    ErrorKind::Invalid,
                    declared,
                    at,
                    format!("block 3 field 121 (UETR) {value:?} is not a UUID"),
                ))
            }
            _ => {}
        }
    }
    let has = |number: &str| fields.iter().any(|f| f.number() == number);
    let customer = has("50") || has("59");
    let format = match declared {
        Some(MessageFormat::Mt202) | None if cov || (has("58") && customer) => MessageFormat::Mt202Cov,
        Some(MessageFormat::Mt202) => MessageFormat::Mt202,
        None if has("58") => MessageFormat::Mt202,
        _ => MessageFormat::Mt103,
    };

    let mut payment = Payment {
        message_id: String::new(),
        format,
        version: None,
        parties: header_parties(format, basic.as_ref(), application.as_ref()),
        transactions: Vec::new(),
    };
    let mut tx = read_transaction(input, format, &fields, block_at, &mut payment.message_id)?;
    tx.uetr = uetr.clone();
    tx.id = uetr.or_else(|| Some(payment.message_id.clone()));
    payment.transactions.push(tx);
    Ok(payment)
}

/// The sender and receiver from blocks 1 and 2.
fn header_parties(format: MessageFormat, basic: Option<&Basic>, application: Option<&Application>) -> Vec<Party> {
    let name = format.as_str();
    let header = |role: PartyRole, block: &str, bic: &str| {
        let mut party = Party::new(role, format!("{name}/{block}"));
        party.bic = Some(Located::new(format!("{name}/{block}/bic"), bic));
        party
    };
    let output = application.is_some_and(|a| a.output);
    let mut parties = Vec::new();
    if let (true, Some(a)) = (output, application) {
        parties.push(header(PartyRole::MessageSender, "block2", &a.bic));
    }
    if let Some(b) = basic {
        let role = if output { PartyRole::MessageReceiver } else { PartyRole::MessageSender };
        parties.push(header(role, "block1", &b.bic));
    }
    if let (false, Some(a)) = (output, application) {
        parties.push(header(PartyRole::MessageReceiver, "block2", &a.bic));
    }
    parties
}

fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.bytes()
            .enumerate()
            .all(|(i, c)| if matches!(i, 8 | 13 | 18 | 23) { c == b'-' } else { c.is_ascii_hexdigit() })
}

fn role_of(number: &str, option: &str) -> Option<PartyRole> {
    Some(match number {
        "50" => PartyRole::Debtor,
        "51" if option == "A" => PartyRole::InstructingAgent,
        "52" => PartyRole::DebtorAgent,
        "53" => PartyRole::InstructingReimbursementAgent,
        "54" => PartyRole::InstructedReimbursementAgent,
        "55" => PartyRole::ThirdReimbursementAgent,
        "56" => PartyRole::IntermediaryAgent,
        "57" => PartyRole::CreditorAgent,
        "58" | "59" => PartyRole::Creditor,
        _ => return None,
    })
}

fn read_transaction(
    input: &Input,
    format: MessageFormat,
    fields: &[Field],
    block_at: usize,
    message_id: &mut String,
) -> Result<Transaction, Error> {
    let invalid = |at: usize, reason: String| input.error(ErrorKind::Invalid, Some(format), at, reason);
    let cov = format == MessageFormat::Mt202Cov;
    let sequence_b = if cov { fields.iter().position(|f| f.number() == "50") } else { None };
    let mut tx = Transaction::new();
    let mut reference: Option<&Field> = None;
    for (k, field) in fields.iter().enumerate() {
        let in_b = sequence_b.is_some_and(|b| k >= b);
        let prefix = if in_b { "MT202COV/B" } else { format.as_str() };
        match (field.number(), field.option()) {
            ("20", "") => {
                if let Some(first) = reference {
                    return Err(invalid(
                        field.at,
                        format!("field 20 is repeated (the first is on line {})", line_of(input, first.at)),
                    ));
                }
                let value = field.lines.first().map_or("", |l| l.trim());
                check_reference(value).map_err(|why| invalid(field.at, format!("field 20 {value:?}: {why}")))?;
                reference = Some(field);
                *message_id = value.to_string();
            }
            ("32", "A") => {
                let value = field.lines.first().map_or("", |l| l.trim());
                let (date, amount) =
                    read_32a(value).map_err(|why| invalid(field.at, format!("field 32A {value:?}: {why}")))?;
                if tx.amount.is_none() {
                    tx.amount = Some(amount);
                    tx.settlement_date = Some(date);
                }
            }
            ("70" | "72", "") | ("77", "B" | "T") => {
                let text = field.content().join(" ");
                if !text.is_empty() {
                    tx.free_text.push(Located::new(format!("{prefix}/{}", field.tag), text));
                }
            }
            (number, option) => {
                if let Some(role) = role_of(number, option) {
                    tx.parties.push(read_party(field, role, prefix).map_err(|why| invalid(field.at, why))?);
                }
            }
        }
    }
    if reference.is_none() {
        return Err(invalid(block_at, "missing field 20 (the transaction reference)".into()));
    }
    if tx.amount.is_none() {
        return Err(invalid(block_at, "missing field 32A (value date, currency and amount)".into()));
    }
    let present = |number: &str, in_b: bool| {
        fields.iter().enumerate().any(|(k, f)| f.number() == number && sequence_b.is_some_and(|b| k >= b) == in_b)
    };
    let missing = match format {
        MessageFormat::Mt103 if !present("59", false) => Some("missing field 59a (the beneficiary customer)"),
        MessageFormat::Mt202 | MessageFormat::Mt202Cov if !present("58", false) => {
            Some("missing field 58a (the beneficiary institution)")
        }
        MessageFormat::Mt202Cov if sequence_b.is_none() => {
            Some("missing field 50a (the ordering customer) of sequence B of the MT202COV")
        }
        MessageFormat::Mt202Cov if !present("59", true) => {
            Some("missing field 59a (the beneficiary customer) in sequence B of the MT202COV")
        }
        _ => None,
    };
    match missing {
        Some(reason) => Err(invalid(block_at, reason.into())),
        None => Ok(tx),
    }
}

fn line_of(input: &Input, offset: usize) -> u64 {
    match input.position(offset) {
        Position::Line { line, .. } => line,
        Position::Byte(_) => 0,
    }
}

/// Field 20: 1 to 16 characters of the SWIFT X set, not starting or ending with `/` and
/// without `//`.
fn check_reference(value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Err("empty".into());
    }
    if value.chars().count() > 16 {
        return Err("longer than 16 characters".into());
    }
    if let Some(c) = value.chars().find(|c| !is_x_char(*c)) {
        return Err(format!("{c:?} is not in the SWIFT X character set"));
    }
    if value.starts_with('/') || value.ends_with('/') || value.contains("//") {
        return Err("must not start or end with `/` or contain `//`".into());
    }
    Ok(())
}

fn is_x_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || " /-?:().,'+".contains(c)
}

/// Field 32A: `YYMMDD`, an ISO 4217 currency, an amount with a decimal comma. Returns
/// the value date as ISO `YYYY-MM-DD` and the amount.
fn read_32a(value: &str) -> Result<(String, Amount), String> {
    let date = value.get(0..6).filter(|d| d.bytes().all(|c| c.is_ascii_digit()));
    let Some(date) = date else { return Err("expected the value date YYMMDD, a currency and an amount".into()) };
    let number = |r: std::ops::Range<usize>| date.get(r).and_then(|s| s.parse::<u32>().ok()).unwrap_or(0);
    let (year, month, day) = (2000 + number(0..2), number(2..4), number(4..6));
    if !(1..=12).contains(&month) {
        return Err(format!("month {month:02} of the value date is not 01 to 12"));
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if !(1..=days).contains(&day) {
        return Err(format!("day {day:02} of the value date does not exist in month {month:02}"));
    }
    let currency = value.get(6..9).unwrap_or("");
    let decimals =
        currency_decimals(currency).ok_or_else(|| format!("{currency:?} is not an ISO 4217 currency code"))?;
    let amount = value.get(9..).unwrap_or("");
    let (whole, fraction) = amount.split_once(',').unwrap_or((amount, ""));
    let digits = |s: &str| s.bytes().all(|c| c.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || amount.len() > 15 {
        return Err("the amount must be digits with a decimal comma, at most 15 characters".into());
    }
    if fraction.len() > usize::from(decimals) {
        return Err(format!("{currency} has {decimals} decimals, the amount has {}", fraction.len()));
    }
    let value = if fraction.is_empty() { whole.to_string() } else { format!("{whole}.{fraction}") };
    Ok((format!("{year:04}-{month:02}-{day:02}"), Amount { currency: currency.to_string(), value }))
}

/// The decimals of an ISO 4217 currency (active codes, and a few recently withdrawn ones
/// still seen in payments), or None for an unknown code. Precious metals are refused, as
/// in SWIFT's 32A.
fn currency_decimals(code: &str) -> Option<u8> {
    const ZERO: &[&str] = &[
        "BIF", "BYR", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF",
        "XOF", "XPF",
    ];
    const THREE: &[&str] = &["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];
    const FOUR: &[&str] = &["CLF", "UYW"];
    const TWO: &[&str] = &[
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BMD", "BND",
        "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHE", "CHF", "CHW", "CNY", "COP", "COU",
        "CRC", "CUC", "CUP", "CVE", "CZK", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL",
        "GHS", "GIP", "GMD", "GTQ", "GYD", "HKD", "HNL", "HRK", "HTG", "HUF", "IDR", "ILS", "INR", "IRR", "JMD", "KES",
        "KGS", "KHR", "KPW", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LTL", "LVL", "MAD", "MDL", "MGA", "MKD",
        "MMK", "MNT", "MOP", "MRO", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK",
        "NPR", "NZD", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "QAR", "RON", "RSD", "RUB", "SAR", "SBD", "SCR", "SDG",
        "SEK", "SGD", "SHP", "SLE", "SLL", "SOS", "SRD", "SSP", "STD", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT",
        "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "USD", "USN", "UYU", "UZS", "VED", "VEF", "VES", "WST", "XCD", "XCG",
        "YER", "ZAR", "ZMW", "ZWG", "ZWL",
    ];
    [(ZERO, 0), (TWO, 2), (THREE, 3), (FOUR, 4)].into_iter().find(|(codes, _)| codes.contains(&code)).map(|(_, d)| d)
}

/// A party field; the error is the reason, the caller adds the position.
fn read_party(field: &Field, role: PartyRole, prefix: &str) -> Result<Party, String> {
    let path = format!("{prefix}/{}", field.tag);
    let tag = field.tag;
    let mut party = Party::new(role, &path);
    let lines = field.content();
    let Some((&first, after)) = lines.split_first() else { return Err(format!("field {tag} is empty")) };
    let (identifier, rest) = if first.starts_with('/') { (Some(first), after) } else { (None, &lines[..]) };
    let at = |what: &str| format!("{path}/{what}");
    match field.option() {
        "A" => {
            if let Some(id) = identifier {
                party_identifier(&mut party, &path, id);
            }
            let Some((&bic, extra)) = rest.split_first() else { return Err(format!("field {tag} has no BIC")) };
            if !is_bic(bic) {
                return Err(format!(
                    "field {tag}: {bic:?} is not a BIC (8 or 11 characters: bank, country, location, optional branch)"
                ));
            }
            if !extra.is_empty() {
                return Err(format!(
                    "field {tag}: option A holds an optional account line and a BIC, found more lines"
                ));
            }
            party.bic = Some(Located::new(at("bic"), bic));
        }
        "F" => read_option_f(&mut party, &path, &lines),
        "B" | "C" => {
            if let Some(id) = identifier {
                party_identifier(&mut party, &path, id);
            }
            for line in rest {
                // Option B's location; option C has none, but nothing that came in is dropped.
                party.address_lines.push(Located::new(at("location"), *line));
            }
        }
        _ => {
            if let Some(id) = identifier {
                party_identifier(&mut party, &path, id);
            }
            if let Some((name, address)) = rest.split_first() {
                party.name = Some(Located::new(at("name"), *name));
                for (n, line) in address.iter().enumerate() {
                    party.address_lines.push(Located::new(at(&format!("address[{}]", n + 1)), *line));
                }
            }
        }
    }
    Ok(party)
}

/// A party identifier line: `/account`, `/D/account`, `/C/account` or `//clearing code`.
fn party_identifier(party: &mut Party, path: &str, line: &str) {
    if let Some(code) = line.strip_prefix("//") {
        if code.chars().any(char::is_alphanumeric) {
            party.identifiers.push(Located::new(format!("{path}/clearing_code"), code));
        }
    } else if let Some(account) = line.strip_prefix('/') {
        let account = account.strip_prefix("D/").or_else(|| account.strip_prefix("C/")).unwrap_or(account);
        if account.chars().any(char::is_alphanumeric) {
            party.account = Some(Located::new(format!("{path}/account"), account));
        }
    }
}

/// Option F: an account or identifier, then numbered lines.
fn read_option_f(party: &mut Party, path: &str, lines: &[&str]) {
    let at = |what: &str| format!("{path}/{what}");
    let mut names: Vec<&str> = Vec::new();
    for (k, &line) in lines.iter().enumerate() {
        let numbered = line.as_bytes().get(1) == Some(&b'/') && matches!(line.as_bytes().first(), Some(b'1'..=b'8'));
        if !numbered {
            if k == 0 && line.starts_with('/') {
                party_identifier(party, path, line);
            } else if k == 0 {
                // CODE/CC/identifier, or CUST/CC/issuer/identifier: the identifier.
                let mut parts = line.splitn(3, '/');
                let (code, _country, id) = (parts.next(), parts.next(), parts.next());
                let id = match (code, id) {
                    (Some("CUST"), Some(id)) => id.rsplit('/').next().unwrap_or(id),
                    (_, Some(id)) => id,
                    _ => line,
                };
                party.identifiers.push(Located::new(at("identifier"), id.trim()));
            } else {
                let n = party.address_lines.len() + 1;
                party.address_lines.push(Located::new(at(&format!("address[{n}]")), line));
            }
            continue;
        }
        let value = line.get(2..).unwrap_or("").trim();
        if value.is_empty() {
            continue;
        }
        match line.as_bytes().first() {
            Some(b'1') => names.push(value),
            Some(b'2') => {
                let n = party.address_lines.len() + 1;
                party.address_lines.push(Located::new(at(&format!("address[{n}]")), value));
            }
            Some(b'3') => {
                let (country, town) = match value.split_once('/') {
                    Some((cc, town)) if is_country(cc) => (Some(cc), town.trim()),
                    None if is_country(value) => (Some(value), ""),
                    _ => (None, value),
                };
                if let (Some(cc), None) = (country, &party.country) {
                    party.country = Some(Located::new(at("country"), cc));
                }
                if !town.is_empty() {
                    let town = match party.town.take() {
                        Some(before) => format!("{} {town}", before.value),
                        None => town.to_string(),
                    };
                    party.town = Some(Located::new(at("town"), town));
                }
            }
            Some(b'4') => {
                if value.len() == 8 && value.bytes().all(|c| c.is_ascii_digit()) {
                    party.birth_year = value.get(0..4).and_then(|y| y.parse().ok());
                }
                party.identifiers.push(Located::new(at("birth_date"), value));
            }
            Some(b'5') => party.identifiers.push(Located::new(at("birth_place"), value)),
            Some(b'6') => {
                let id = value.rsplit('/').next().unwrap_or(value);
                party.identifiers.push(Located::new(at("customer_id"), id));
            }
            Some(b'7') => {
                let id = value.split_once('/').map_or(value, |(_, id)| id);
                party.identifiers.push(Located::new(at("national_id"), id));
            }
            _ => party.identifiers.push(Located::new(at("additional"), value)),
        }
    }
    if !names.is_empty() {
        party.name = Some(Located::new(at("name"), names.join(" ")));
    }
}

fn is_country(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|c| c.is_ascii_uppercase())
}
