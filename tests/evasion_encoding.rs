//! Input that hid a name from the parsers: raw control characters in XML, a key written
//! twice in JSON.

mod evasion;
use evasion::*;
use interdict_model::Outcome;

#[test]
fn control_characters_in_xml_text_are_refused_with_their_byte() {
    // The case that passed: read as spaces.
    for byte in [0x00u8, 0x01, 0x1B] {
        let mut message = pacs008_named("CHOE CHOL MIN");
        let at = message.windows(4).position(|w| w == b"CHOL").unwrap();
        message[at - 1] = byte;
        let v = verdict(&message);
        assert_eq!(v.verdict, Outcome::Error, "U+{byte:04X}");
        let error = v.error.unwrap();
        assert_eq!(error.offset, Some((at - 1) as u64), "{}", error.reason);
        assert!(error.reason.contains(&format!("U+{byte:04X}")), "{}", error.reason);
    }
}

#[test]
fn a_json_key_written_twice_is_refused_in_an_array_too() {
    let one = r#"{"message_id": "J", "format": "json", "transactions": [{"parties": [{"role": "debtor", "path": "/d",
        "name": {"path": "/d/n", "value": "CHOE CHOL MIN"}, "name": {"path": "/d/n", "value": "EMMA DANIELS"}}]}]}"#;
    // The case that passed: in an array, the last "name" won.
    for input in [one.to_string(), format!("[{one}]")] {
        let v = verdict(input.as_bytes());
        assert_eq!(v.verdict, Outcome::Error, "{input}");
        assert!(v.error.unwrap().reason.contains("duplicate field `name`"));
    }
}
