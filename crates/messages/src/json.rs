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
    let start = text.len() - text.trim_start().len();
    if text[start..].starts_with('[') {
        return match serde_json::from_str::<Vec<serde_json::Value>>(text) {
            // An empty array still gets an answer: an input never yields no verdict.
            Ok(values) if values.is_empty() => vec![Err(Error::new(
                ErrorKind::Invalid,
                Some(MessageFormat::Json),
                Position::Byte(start as u64),
                "no payment in the input (an empty array)",
            ))],
            Ok(values) => values
                .into_iter()
                .enumerate()
                .map(|(i, v)| {
                    serde_json::from_value::<Payment>(v).map_err(|e| {
                        // Positions inside an already-parsed array are not kept; name the element.
                        Error::new(
                            ErrorKind::Invalid,
                            Some(MessageFormat::Json),
                            Position::Byte(start as u64),
                            format!("payment [{i}] of the array: {e}"),
                        )
                    })
                })
                .map(|r| r.and_then(check))
                .collect(),
            Err(e) => vec![Err(json_error(text, 0, &e))],
        };
    }
    // One object, or one object per line.
    let mut out = Vec::new();
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Payment>();
    loop {
        match stream.next() {
            None => break,
            Some(Ok(p)) => out.push(check(p)),
            Some(Err(e)) => {
                out.push(Err(json_error(text, 0, &e)));
                // After an error the rest of the input cannot be trusted to be aligned.
                break;
            }
        }
    }
    if out.is_empty() {
        out.push(Err(Error::new(
            ErrorKind::Invalid,
            Some(MessageFormat::Json),
            Position::Byte(0),
            "no payment in the input",
        )));
    }
    out
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

/// Maps a serde_json error (line and column) to a position with a byte offset.
fn json_error(text: &str, base: usize, e: &serde_json::Error) -> Error {
    let line = e.line().max(1);
    let line_start: usize = text.split_inclusive('\n').take(line - 1).map(str::len).sum();
    let byte = base + line_start + e.column().saturating_sub(1);
    let kind = if e.is_syntax() || e.is_eof() { ErrorKind::Malformed } else { ErrorKind::Invalid };
    Error::new(kind, Some(MessageFormat::Json), Position::Line { line: line as u64, byte: byte as u64 }, e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use interdict_model::PartyRole;

    const ONE: &str = r#"{"message_id": "PAY-1", "format": "json",
 "transactions": [{"id": "E2E-1", "amount": {"currency": "EUR", "value": "1250.00"},
   "parties": [{"role": "debtor", "path": "/debtor", "name": {"path": "/debtor/name", "value": "EMMA DANIELS"},
                "country": {"path": "/debtor/country", "value": "GB"}}],
   "free_text": [{"path": "/remittance", "value": "RENT NOVEMBER"}]}]}"#;

    #[test]
    fn one_object_array_and_ndjson() {
        let one = parse_all(ONE.as_bytes());
        let p = one[0].as_ref().unwrap();
        assert_eq!(p.message_id, "PAY-1");
        assert_eq!(p.transactions[0].parties[0].role, PartyRole::Debtor);
        assert_eq!(p.transactions[0].free_text[0].value, "RENT NOVEMBER");

        let array = format!("[{ONE}, {ONE}]");
        assert_eq!(parse_all(array.as_bytes()).iter().filter(|r| r.is_ok()).count(), 2);

        let ndjson = format!("{}\n{}\n", ONE.replace('\n', " "), ONE.replace('\n', " "));
        assert_eq!(parse_all(ndjson.as_bytes()).iter().filter(|r| r.is_ok()).count(), 2);
    }

    #[test]
    fn bad_json_is_an_error_with_a_position() {
        let cases: &[(&str, ErrorKind, &str)] = &[
            ("{\"message_id\": \"x\",\n \"format\": \"json\", \"transactions\": [}", ErrorKind::Malformed, "line 2"),
            (
                "{\"message_id\": \"x\", \"format\": \"json\", \"transactions\": [], \"debtor\": 1}",
                ErrorKind::Invalid,
                "unknown field",
            ),
            (
                "{\"message_id\": \"x\", \"format\": \"json\", \"transactions\": []}",
                ErrorKind::Invalid,
                "at least one transaction",
            ),
            (
                "{\"message_id\": \"x\", \"format\": \"pacs.999\", \"transactions\": []}",
                ErrorKind::Invalid,
                "unknown variant",
            ),
            ("[1, 2]", ErrorKind::Invalid, "payment [0]"),
            ("   ", ErrorKind::Invalid, "no payment"),
            // Found by fuzzing: an empty array gave no result at all, so no verdict.
            ("[]", ErrorKind::Invalid, "an empty array"),
        ];
        for (text, kind, fragment) in cases {
            let results = parse_all(text.as_bytes());
            let err = results[0].as_ref().expect_err(text);
            assert_eq!(err.kind, *kind, "{text}: {err}");
            assert!(err.to_string().contains(fragment), "{text}: {err}");
        }
        let err = parse_all(b"{\"message_id\": \"\xff\"}")[0].clone().unwrap_err();
        assert_eq!((err.kind, err.offset()), (ErrorKind::Encoding, 16));
    }
}
