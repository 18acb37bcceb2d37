//! The envelope of a SWIFT MT message: where each message of an input starts and ends,
//! its blocks 1 to 5, and the basic (1) and application (2) headers with the sender and
//! receiver they name. The block 4 text itself is read in [`super::fields`].

use interdict_model::{Located, MessageFormat, Party, PartyRole};

use super::{found, is_bic, Input};
use crate::{Error, ErrorKind};

// ---------------------------------------------------------------------------------------
// Splitting an input into messages. This works on bytes and only looks at ASCII
// delimiters, so a message boundary never falls inside a multi-byte character.

/// One message: `start..end` in the input, and the `$`-separated record it is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    pub(super) start: usize,
    pub(super) end: usize,
    record: usize,
}

/// The messages of an input, in order; an acknowledgement in front of its message is left out.
pub(super) fn split(b: &[u8]) -> Vec<Span> {
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
                if blocks > 0 && starts_at(b, j, b"{1:") {
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

/// Whether `what` starts at offset `i` of `b`.
fn starts_at(b: &[u8], i: usize, what: &[u8]) -> bool {
    b.get(i..).is_some_and(|r| r.starts_with(what))
}

/// After something that is not a message: the next `$` or `{1:`.
fn junk_end(b: &[u8], j: usize) -> usize {
    let mut k = j + 1;
    while let Some(&c) = b.get(k) {
        if c == b'$' || (c == b'{' && starts_at(b, k, b"{1:")) {
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

/// Where a block 4 text ends.
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
// One message: its blocks and headers.

/// `text[a..b]`, or "" if that is not a slice of `text` (never the case for the offsets of
/// ASCII delimiters used here, but it keeps slicing from ever panicking).
fn slice(text: &str, a: usize, b: usize) -> &str {
    text.get(a..b).unwrap_or("")
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

/// The blocks of one message; offsets are in the whole input.
#[derive(Default)]
pub(super) struct Blocks<'a> {
    pub(super) basic: Option<(&'a str, usize)>,
    pub(super) application: Option<(&'a str, usize)>,
    /// Block 3 fields: tag, value, offset.
    pub(super) user: Vec<(&'a str, &'a str, usize)>,
    /// Block 4 text, the offset of its first byte and the offset of `{4:` (of the text if bare).
    pub(super) text: Option<(&'a str, usize, usize)>,
    pub(super) bare: bool,
    /// Offset of a block 4 made of sub-blocks (a service message) rather than text.
    pub(super) service_text: Option<usize>,
}

/// Reads the blocks of one message (`text`, at `base` in the input), checking their order
/// and termination.
pub(super) fn read_blocks<'a>(input: &Input, text: &'a str, base: usize) -> Result<Blocks<'a>, Error> {
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

/// The BIC (8 + branch) of a 12-character logical terminal address (`BANKDEFFAXXX`).
fn terminal_bic(lt: Option<&str>) -> Option<String> {
    let lt = lt?;
    let bic8 = lt.get(0..8)?;
    let branch = lt.get(9..12)?;
    let bic = format!("{bic8}{branch}");
    (lt.len() == 12 && is_bic(&bic)).then_some(bic)
}

/// What is read from block 1.
pub(super) struct Basic {
    bic: String,
}

/// What is read from block 2.
pub(super) struct Application {
    pub(super) message_type: String,
    pub(super) output: bool,
    bic: String,
}

pub(super) fn basic_header(input: &Input, content: &str, at: usize) -> Result<Basic, Error> {
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

pub(super) fn application_header(input: &Input, content: &str, at: usize) -> Result<Application, Error> {
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

/// The sender and receiver from blocks 1 and 2.
pub(super) fn header_parties(
    format: MessageFormat,
    basic: Option<&Basic>,
    application: Option<&Application>,
) -> Vec<Party> {
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
