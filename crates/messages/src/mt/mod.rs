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
//!
//! # Code
//!
//! `envelope` finds the messages of an input and reads their blocks and headers,
//! `fields` the block 4 text, and `parties` the party fields in each option; this
//! module ties them into one [`Payment`] per message.
//!
//! [`Transaction`]: interdict_model::Transaction
//! [`Transaction::id`]: interdict_model::Transaction::id
//! [`Transaction::amount`]: interdict_model::Transaction::amount
//! [`Transaction::free_text`]: interdict_model::Transaction::free_text

mod envelope;
mod fields;
mod parties;

use std::cell::Cell;

use interdict_model::{MessageFormat, Payment};

use crate::{Error, ErrorKind, Limits, Position};
use envelope::{application_header, basic_header, header_parties, read_blocks, split, Span};
use fields::{read_fields, read_transaction};

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

/// The first characters at `i`, to show in an error.
fn found(text: &str, i: usize) -> String {
    let shown: String = text.get(i..).unwrap_or("").chars().take(16).collect();
    format!("{shown:?}")
}

/// A BIC: 4 letters (bank), 2 letters (country), 2 letters or digits (location), and an
/// optional 3-character branch.
fn is_bic(s: &str) -> bool {
    let b = s.as_bytes();
    let alnum = |c: &u8| c.is_ascii_uppercase() || c.is_ascii_digit();
    (b.len() == 8 || b.len() == 11) && b.iter().take(6).all(u8::is_ascii_uppercase) && b.iter().skip(6).all(alnum)
}

/// One message of the input: its envelope, its type, its fields.
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

/// A UUID in its 8-4-4-4-12 hexadecimal form, as field 121 (the UETR) holds it.
fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.bytes()
            .enumerate()
            .all(|(i, c)| if matches!(i, 8 | 13 | 18 | 23) { c == b'-' } else { c.is_ascii_hexdigit() })
}
