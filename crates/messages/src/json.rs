//! The canonical JSON payment: the [`Payment`] model written as JSON, for systems that
//! are neither ISO 20022 nor SWIFT MT (internal transfers, a payment hub's own format).
//!
//! Input is one payment object, an array of them, or NDJSON (one object per line).
//! Field names are those of the model, and unknown fields are refused, so a typo in a
//! field name cannot silently drop a party from screening. The full reference, with an
//! example, is in `docs/formats.md`.
//!
//! ```json
//! {"message_id": "PAY-1", "format": "json",
//!  "transactions": [{"id": "E2E-1", "amount": {"currency": "EUR", "value": "1250.00"},
//!    "parties": [{"role": "debtor", "path": "/debtor", "name": {"path": "/debtor/name", "value": "EMMA DANIELS"},
//!                 "country": {"path": "/debtor/country", "value": "GB"}}],
//!    "free_text": [{"path": "/remittance", "value": "RENT NOVEMBER"}]}]}
//! ```

use interdict_model::{MessageFormat, Payment};

use crate::{Error, ErrorKind, Position};

/// Parses every payment in a JSON document, an array or NDJSON.
///
/// A key written twice in an object is an error (serde refuses a repeated field), in an
/// array as in a single object. In NDJSON (two or more lines, each a `{...}` object) every
/// line is parsed on its own: a bad line gets its error and the lines after it are still
/// read. A UTF-8 byte-order mark at the start is skipped.
pub fn parse_all(bytes: &[u8]) -> Vec<Result<Payment, Error>> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            return vec![Err(Error::new(
                ErrorKind::Encoding,
                Some(MessageFormat::Json),
                Position::Byte(e.valid_up_to() as u64),
                "invalid UTF-8; JSON payments must be UTF-8",
            ))]
        }
    };
    let bom = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    let body = &text[bom..];
    let start = body.len() - body.trim_start().len();
    let mut out = if body[start..].starts_with('[') {
        array(body, bom)
    } else if let Some(lines) = ndjson_lines(body) {
        lines
            .into_iter()
            .map(|(offset, line)| {
                serde_json::from_str::<Payment>(line)
                    .map_err(|e| json_error(text, bom + offset, &e, line_number(text, bom + offset)))
                    .and_then(check)
            })
            .collect()
    } else {
        // One object, or objects one after another.
        let mut out = Vec::new();
        for item in serde_json::Deserializer::from_str(body).into_iter::<Payment>() {
            match item {
                Ok(p) => out.push(check(p)),
                Err(e) => {
                    out.push(Err(json_error(body, bom, &e, 0)));
                    // After a syntax error the rest cannot be trusted to be aligned.
                    break;
                }
            }
        }
        out
    };
    if out.is_empty() {
        out.push(Err(Error::new(
            ErrorKind::Invalid,
            Some(MessageFormat::Json),
            Position::Byte(bom as u64),
            "no payment in the input",
        )));
    }
    out
}

/// The elements of a JSON array, each parsed on its own (so each keeps its own error).
fn array(body: &str, base: usize) -> Vec<Result<Payment, Error>> {
    let start = body.len() - body.trim_start().len();
    match serde_json::from_str::<Vec<&serde_json::value::RawValue>>(body) {
        // An empty array still gets an answer: an input never yields no verdict.
        Ok(values) if values.is_empty() => vec![Err(Error::new(
            ErrorKind::Invalid,
            Some(MessageFormat::Json),
            Position::Byte((base + start) as u64),
            "no payment in the input (an empty array)",
        ))],
        Ok(values) => values
            .into_iter()
            .enumerate()
            .map(|(i, raw)| {
                let offset = raw.get().as_ptr() as usize - body.as_ptr() as usize;
                serde_json::from_str::<Payment>(raw.get())
                    .map_err(|e| {
                        let mut error = json_error(body, base, &e, 0);
                        error.position = Position::Byte((base + offset) as u64);
                        error.reason = format!("payment [{i}] of the array: {}", error.reason);
                        error
                    })
                    .and_then(check)
            })
            .collect(),
        Err(e) => vec![Err(json_error(body, base, &e, 0))],
    }
}

/// The non-blank lines of NDJSON with their byte offsets, if the body is NDJSON: two or
/// more lines, each an object on its own line.
fn ndjson_lines(body: &str) -> Option<Vec<(usize, &str)>> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            if !trimmed.starts_with('{') {
                return None;
            }
            lines.push((offset, line));
        }
        offset += line.len();
    }
    (lines.len() >= 2).then_some(lines)
}

/// The 1-based line of a byte offset.
fn line_number(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

/// The checks serde cannot express.
fn check(p: Payment) -> Result<Payment, Error> {
    let invalid = |reason: &str| {
        Err(Error::new(
            ErrorKind::Invalid,
            Some(MessageFormat::Json),
            Position::Byte(0),
            format!("{}: {reason}", p.message_id),
        ))
    };
    if p.message_id.trim().is_empty() {
        return invalid("message_id is empty");
    }
    if p.transactions.is_empty() {
        return invalid("a payment needs at least one transaction");
    }
    Ok(p)
}

/// Maps a serde_json error (line and column within `text[base..]`) to a position with a
/// byte offset. `first_line`, when not 0, is the line `text[base..]` starts on (NDJSON).
fn json_error(text: &str, base: usize, e: &serde_json::Error, first_line: usize) -> Error {
    let part = &text[base.min(text.len())..];
    let line = e.line().max(1);
    let line_start: usize = part.split_inclusive('\n').take(line - 1).map(str::len).sum();
    let byte = base + line_start + e.column().saturating_sub(1);
    let line = if first_line > 0 { first_line + line - 1 } else { line_number(text, byte) };
    let kind = if e.is_syntax() || e.is_eof() { ErrorKind::Malformed } else { ErrorKind::Invalid };
    // serde's message ends with its own "at line L column C", relative to the part it read.
    let reason = e.to_string();
    let reason = match reason.rfind(" at line ") {
        Some(cut) if first_line > 0 || base > 0 => reason[..cut].to_string(),
        _ => reason,
    };
    Error::new(kind, Some(MessageFormat::Json), Position::Line { line: line as u64, byte: byte as u64 }, reason)
}
