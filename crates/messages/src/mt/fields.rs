//! The block 4 text of a SWIFT MT message: its `:TAG:` fields, and the one transaction
//! they make: the reference (20), the value date and amount (32A), the free text (70,
//! 72, 77B, 77T) and the parties, whose options are read in [`super::parties`].

use interdict_model::{Amount, Located, MessageFormat, Transaction};

use super::parties::{read_party, role_of};
use super::{found, Input};
use crate::{Error, ErrorKind, Position};

/// One block 4 field: `:TAG:` and its lines, at an offset in the input.
#[derive(Debug)]
pub(super) struct Field<'a> {
    pub(super) tag: &'a str,
    pub(super) lines: Vec<&'a str>,
    pub(super) at: usize,
}

impl Field<'_> {
    /// The field number without its option letter: `50` of `50K`.
    pub(super) fn number(&self) -> &str {
        self.tag.get(..2).unwrap_or("")
    }

    /// The option letter, or "" when there is none: `K` of `50K`.
    pub(super) fn option(&self) -> &str {
        self.tag.get(2..).unwrap_or("")
    }

    /// The non-blank lines, trimmed.
    pub(super) fn content(&self) -> Vec<&str> {
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

/// Cuts a block 4 text (at `base` in the input) into its fields; `bare` when the text came
/// without `{4:`, so that a lone `-` line may end it.
pub(super) fn read_fields<'a>(
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

/// The transaction of a message's fields; sets `message_id` from field 20.
pub(super) fn read_transaction(
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
    if chrono::NaiveDate::from_ymd_opt(year as i32, month, day).is_none() {
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
