//! A listed name spread over the message's structure.

mod evasion;
use evasion::*;
use interdict_model::Outcome;

#[test]
fn a_party_is_screened_as_a_whole() {
    // (what, the debtor element's content)
    let cases = [
        // The cases that passed.
        (
            "family name in Nm, given names in AdrLine",
            "<Nm>CHOE</Nm><PstlAdr><AdrLine>CHOL MIN</AdrLine><Ctry>CN</Ctry></PstlAdr>",
        ),
        (
            "the full name in an address line",
            "<Nm>J SMITH</Nm><PstlAdr><AdrLine>C/O CHOE CHOL MIN</AdrLine><AdrLine>BEIJING</AdrLine></PstlAdr>",
        ),
        ("the name in the town", "<Nm>ACCOUNT 7</Nm><PstlAdr><TwnNm>CHOE CHOL MIN</TwnNm></PstlAdr>"),
    ];
    for (what, debtor) in cases {
        assert_not_passed(what, &pacs008(debtor), Some(CHOE));
    }
}

#[test]
fn repeated_or_nested_name_elements_are_refused() {
    let cases = [
        // The cases that passed: the second Nm, or the nested text, was never read.
        ("two Nm", "<Nm>EMMA DANIELS</Nm><Nm>CHOE CHOL MIN</Nm>"),
        ("an empty Nm, then a filled one", "<Nm></Nm><Nm>CHOE CHOL MIN</Nm>"),
        ("the name in an element inside Nm", "<Nm>EMMA <b>CHOE CHOL MIN</b></Nm>"),
        (
            "two postal addresses",
            "<Nm>EMMA DANIELS</Nm><PstlAdr><TwnNm>LEEDS</TwnNm></PstlAdr><PstlAdr><TwnNm>PYONGYANG</TwnNm></PstlAdr>",
        ),
    ];
    for (what, debtor) in cases {
        let v = verdict(&pacs008(debtor));
        assert_eq!(v.verdict, Outcome::Error, "{what}: {v:?}");
        let reason = v.error.unwrap().reason;
        assert!(reason.contains("appears twice") || reason.contains("may hold only text"), "{what}: {reason}");
    }
}

#[test]
fn mt_name_and_address_lines_are_screened_together() {
    let cases: [(&str, &[&str]); 3] = [
        // The case that passed: the name on lines 2 and 3 of 50K.
        ("name split over lines", &["CHOI CHOL", "MIN", "BEIJING"]),
        ("name on the second line", &["TRADING ACCOUNT", "CHOE CHOL MIN", "BEIJING"]),
        ("name on the last line", &["ACCOUNT 7", "BEIJING", "CHOE CHOL MIN"]),
    ];
    for (what, lines) in cases {
        assert_not_passed(what, &mt103(lines), Some(CHOE));
    }
    assert_passes("the control", &mt103(&["EMMA DANIELS", "14 PARK ROW", "LEEDS"]));
}
