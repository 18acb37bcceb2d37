//! The canonical JSON format through the public API: one object, an array and NDJSON,
//! a byte-order mark, and bad input refused with a kind and a position.

use interdict_messages::json::parse_all;
use interdict_messages::{ErrorKind, Position};
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
fn every_ndjson_line_gets_its_own_result() {
    let line = ONE.replace('\n', " ");
    let input = format!("{line}\n{{\"message_id\": \"bad\", oops}}\n\n{line}\n");
    let results = parse_all(input.as_bytes());
    assert_eq!(results.len(), 3, "the line after the bad one is still read");
    assert!(results[0].is_ok() && results[2].is_ok());
    let err = results[1].as_ref().unwrap_err();
    assert_eq!(err.kind, ErrorKind::Malformed);
    let line_start = line.len() + 1;
    assert!(matches!(err.position, Position::Line { line: 2, byte } if byte as usize > line_start), "{err:?}");
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let input = format!("\u{FEFF}{ONE}");
    assert_eq!(parse_all(input.as_bytes())[0].as_ref().unwrap().message_id, "PAY-1");
    let err = parse_all("\u{FEFF}{\"message_id\"".as_bytes())[0].clone().unwrap_err();
    assert!(!err.to_string().contains("expected value at line 1 column 1"), "{err}");
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
    // Regression: in an array, a repeated key used to keep the last value (and pass).
    let twice = r#"{"message_id": "D", "format": "json", "transactions": [{"parties": [{"role": "debtor", "path": "/d",
            "name": {"path": "/d/n", "value": "CHOE CHOL MIN"}, "name": {"path": "/d/n", "value": "EMMA DANIELS"}}]}]}"#;
    for input in [twice.to_string(), format!("[{twice}]"), format!("[{ONE}, {twice}]")] {
        let results = parse_all(input.as_bytes());
        let err = results.last().unwrap().as_ref().expect_err(&input);
        assert!(err.to_string().contains("duplicate field `name`"), "{err}");
    }
    let err = parse_all(b"{\"message_id\": \"\xff\"}")[0].clone().unwrap_err();
    assert_eq!((err.kind, err.offset()), (ErrorKind::Encoding, 16));
}
