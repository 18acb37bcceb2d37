//! Reads good-guy lists: matches the bank has reviewed and accepted as false positives,
//! so that payment screening can release them without another review.
//!
//! CSV: a header naming the columns `entity_id,party_name,account,reason,approved_by,expires`
//! (any order; `party_name`, `account` and `expires` may be left out), then one entry
//! per row. JSON (chosen when the first non-space byte is `[`): an array of objects with
//! the same fields. The format is documented in `docs/formats.md` ("Good-guy lists").
//!
//! What it maps: each entry to a [`GoodGuyEntry`]: the listed entity the false positive
//! hits (`entity_id`, as `<source>:<id>`, such as `ofac-sdn:43598`), the party it was
//! accepted for (`party_name` and/or `account`, at least one), the `reason`, who
//! approved it (`approved_by`) and an optional `expires` date (ISO `YYYY-MM-DD`; the
//! entry applies up to and including that day). What it does not do: it does not check
//! that the entity exists in the index (the caller does, when both are loaded), and it
//! does not normalise names or accounts for matching.
//!
//! Every problem is an error with the line (CSV: the row; JSON: where serde_json stopped,
//! at or just after the entry): a missing or empty required field, an entity id without
//! a source, an entry with neither party name nor account, an invalid expiry date, a
//! repeated entry, an unknown column or field, text that is not UTF-8. A BOM and a
//! trailing DOS end-of-file byte (0x1A) are ignored.

use std::collections::HashMap;
use std::path::Path;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::FilePosition;
use crate::Error;

/// One accepted false positive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoodGuyEntry {
    /// The listed entity the false positive hits, `<source>:<id>` (`ofac-sdn:43598`).
    pub entity_id: String,
    /// The name of the bank's party as it appears in payments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party_name: Option<String>,
    /// The party's account (IBAN or account number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// Why the match is a false positive.
    pub reason: String,
    /// Who approved the entry.
    pub approved_by: String,
    /// The last day the entry applies, ISO `YYYY-MM-DD`; `None` for no expiry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
}

impl GoodGuyEntry {
    /// Whether the entry applies on an ISO date (`YYYY-MM-DD`): it has no expiry or
    /// expires on or after that day.
    pub fn is_active_on(&self, date: &str) -> bool {
        self.expires.as_deref().is_none_or(|e| date <= e)
    }

    /// Trims fields, turns empty optional fields into `None` and checks the entry.
    fn checked(mut self) -> Result<Self, String> {
        let clean = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let opt = |s: Option<String>| s.map(|s| clean(&s)).filter(|s| !s.is_empty());
        self.entity_id = self.entity_id.trim().to_string();
        self.party_name = opt(self.party_name);
        self.account = opt(self.account);
        self.reason = clean(&self.reason);
        self.approved_by = clean(&self.approved_by);
        self.expires = opt(self.expires);
        match self.entity_id.split_once(':') {
            _ if self.entity_id.is_empty() => return Err("empty entity_id".into()),
            Some((source, id)) if !source.is_empty() && !id.is_empty() && !source.contains(char::is_whitespace) => {}
            _ => return Err(format!("entity_id {:?} is not <source>:<id> (such as ofac-sdn:43598)", self.entity_id)),
        }
        if self.party_name.is_none() && self.account.is_none() {
            return Err(format!("entry for {} has neither party_name nor account", self.entity_id));
        }
        if self.reason.is_empty() {
            return Err(format!("entry for {} has an empty reason", self.entity_id));
        }
        if self.approved_by.is_empty() {
            return Err(format!("entry for {} has an empty approved_by", self.entity_id));
        }
        if let Some(expires) = &self.expires {
            if !is_iso_date(expires) {
                return Err(format!("invalid expires date {expires:?} (expected YYYY-MM-DD)"));
            }
        }
        Ok(self)
    }

    /// What makes two entries the same: entity, party name and account.
    fn key(&self) -> (String, Option<String>, Option<String>) {
        (self.entity_id.clone(), self.party_name.clone(), self.account.clone())
    }
}

/// Whether a text is a whole `YYYY-MM-DD` date with the month and day in range. Expiries
/// are compared as text, so only this one spelling is accepted.
fn is_iso_date(text: &str) -> bool {
    let number = |from: usize, to: usize| {
        text.get(from..to).filter(|s| s.bytes().all(|b| b.is_ascii_digit())).and_then(|s| s.parse::<u16>().ok())
    };
    let dashes = text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
    dashes && matches!((number(0, 4), number(5, 7), number(8, 10)), (Some(1000..=2999), Some(1..=12), Some(1..=31)))
}

const COLUMNS: [&str; 6] = ["entity_id", "party_name", "account", "reason", "approved_by", "expires"];
const REQUIRED: [&str; 3] = ["entity_id", "reason", "approved_by"];

/// A good-guy list error: `path` names the file, `position` where in it.
fn invalid(path: &Path, position: FilePosition, reason: impl Into<String>) -> Error {
    Error::GoodGuysInvalid { path: path.to_path_buf(), position, reason: reason.into() }
}

/// Reads the entries of a good-guy list, CSV or (first non-space byte `[`) JSON, from
/// its bytes; `path` names the file in errors.
pub(super) fn parse_entries(path: &Path, bytes: &[u8]) -> Result<Vec<GoodGuyEntry>, Error> {
    let (text, base) = list_text(path, bytes)?;
    match text.trim_start_matches(|c: char| c.is_ascii_whitespace()).as_bytes().first() {
        None => Err(invalid(path, FilePosition::File, "empty file: expected a CSV header or a JSON array")),
        Some(b'[') => {
            let entries: JsonEntries = serde_json::from_str(text).map_err(|e| json_error(path, text, base, &e))?;
            Ok(entries.0)
        }
        Some(_) => parse_csv(path, text, base),
    }
}

/// The text of the list: checked to be UTF-8, without a leading byte-order mark or
/// trailing DOS end-of-file bytes (0x1A). Also returns where the text starts in the
/// file (3 after a BOM), since positions are given in the file's bytes.
fn list_text<'a>(path: &Path, bytes: &'a [u8]) -> Result<(&'a str, u64), Error> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        let reason = format!("invalid UTF-8 (byte 0x{:02X}); the file must be UTF-8", bytes[at]);
        invalid(path, FilePosition::Line { line, byte: at as u64 }, reason)
    })?;
    let (text, base) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, 3),
        None => (text, 0),
    };
    Ok((text.trim_end_matches('\u{1a}'), base))
}

/// Where the CSV reader says a record or an error is, in the file's bytes.
fn csv_position(position: Option<&csv::Position>, base: u64) -> FilePosition {
    position.map_or(FilePosition::File, |p| FilePosition::Line { line: p.line(), byte: p.byte() + base })
}

fn parse_csv(path: &Path, text: &str, base: u64) -> Result<Vec<GoodGuyEntry>, Error> {
    // The header is read by hand and rows may be short, so that both are reported with
    // their line rather than as the reader's generic errors.
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    // Reading from a string, the reader can only stop at malformed CSV.
    let malformed = |e: csv::Error| invalid(path, csv_position(e.position(), base), format!("malformed CSV: {e}"));
    let mut records = reader.records();
    let header = match records.next() {
        Some(r) => r.map_err(malformed)?,
        None => return Err(invalid(path, FilePosition::File, "empty file: expected the header line")),
    };
    let header_at = csv_position(header.position(), base);
    let mut columns: [Option<usize>; 6] = [None; 6];
    for (i, name) in header.iter().enumerate() {
        let name = name.trim().to_ascii_lowercase();
        let Some(c) = COLUMNS.iter().position(|c| *c == name) else {
            return Err(invalid(
                path,
                header_at,
                format!("unknown column {name:?} in the header (expected: {})", COLUMNS.join(",")),
            ));
        };
        if columns[c].replace(i).is_some() {
            return Err(invalid(path, header_at, format!("column {name:?} appears twice in the header")));
        }
    }
    for (c, name) in COLUMNS.iter().enumerate() {
        if REQUIRED.contains(name) && columns[c].is_none() {
            return Err(invalid(path, header_at, format!("the header has no {name:?} column")));
        }
    }
    if columns[1].is_none() && columns[2].is_none() {
        return Err(invalid(path, header_at, "the header needs a \"party_name\" or an \"account\" column"));
    }

    let mut out = Vec::new();
    let mut seen: HashMap<(String, Option<String>, Option<String>), u64> = HashMap::new();
    for record in records {
        let record = record.map_err(malformed)?;
        let at = csv_position(record.position(), base);
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        // A short or long row is almost always a truncated file or an unquoted comma;
        // read by column, its values would land under the wrong names.
        if record.len() != header.len() {
            let reason = format!(
                "row has {} fields; the header has {} (a truncated row or an unquoted comma?)",
                record.len(),
                header.len()
            );
            return Err(invalid(path, at, reason));
        }
        let field = |c: usize| columns[c].and_then(|i| record.get(i)).unwrap_or("").to_string();
        let entry = GoodGuyEntry {
            entity_id: field(0),
            party_name: Some(field(1)),
            account: Some(field(2)),
            reason: field(3),
            approved_by: field(4),
            expires: Some(field(5)),
        }
        .checked()
        .map_err(|reason| invalid(path, at, reason))?;
        let line = match at {
            FilePosition::Line { line, .. } => line,
            FilePosition::File => 0,
        };
        if let Some(first) = seen.insert(entry.key(), line) {
            return Err(invalid(path, at, format!("duplicate entry (the same as line {first})")));
        }
        out.push(entry);
    }
    Ok(out)
}

/// A serde_json error at the line and byte it stopped at, its message without the
/// position serde_json appends (the error already shows it).
fn json_error(path: &Path, text: &str, base: u64, err: &serde_json::Error) -> Error {
    let position = if err.line() == 0 {
        FilePosition::File
    } else {
        // serde_json counts lines from 1 and columns from 1; the byte is where the line
        // starts plus the column.
        let line_start: usize = text.split_inclusive('\n').take(err.line() - 1).map(str::len).sum();
        let byte = (line_start + err.column().saturating_sub(1)).min(text.len());
        FilePosition::Line { line: err.line() as u64, byte: byte as u64 + base }
    };
    let message = err.to_string();
    let message = message.rsplit_once(" at line ").map_or(message.as_str(), |(m, _)| m);
    let reason = match err.classify() {
        serde_json::error::Category::Eof => format!("unexpected end of JSON (the file is truncated): {message}"),
        serde_json::error::Category::Syntax => format!("malformed JSON: {message}"),
        _ => message.to_string(),
    };
    invalid(path, position, reason)
}

/// The JSON array; checks each entry as it is read, so errors carry its position.
struct JsonEntries(Vec<GoodGuyEntry>);

impl<'de> Deserialize<'de> for JsonEntries {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = JsonEntries;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an array of good-guy entries")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<JsonEntries, A::Error> {
                let mut out = Vec::new();
                let mut seen = HashMap::new();
                while let Some(entry) = seq.next_element::<GoodGuyEntry>()? {
                    let n = out.len() + 1;
                    let entry = entry.checked().map_err(|r| de::Error::custom(format!("entry {n}: {r}")))?;
                    if let Some(first) = seen.insert(entry.key(), n) {
                        return Err(de::Error::custom(format!(
                            "entry {n}: duplicate entry (the same as entry {first})"
                        )));
                    }
                    out.push(entry);
                }
                Ok(JsonEntries(out))
            }
        }
        d.deserialize_seq(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV_FIXTURE: &[u8] = include_bytes!("../../tests/fixtures/goodguy_sample.csv");
    const JSON_FIXTURE: &[u8] = include_bytes!("../../tests/fixtures/goodguy_sample.json");

    fn parse(bytes: &[u8]) -> Result<Vec<GoodGuyEntry>, Error> {
        parse_entries(Path::new("goodguy.csv"), bytes)
    }

    fn check_fixture(entries: &[GoodGuyEntry]) {
        assert_eq!(
            entries,
            [
                GoodGuyEntry {
                    entity_id: "ofac-sdn:43598".into(),
                    party_name: Some("CHOE CHOL MIN TRADING GMBH".into()),
                    account: Some("DE89370400440532013000".into()),
                    reason: "German company, no link to the listed person; KYC file 2024-118".into(),
                    approved_by: "j.meyer".into(),
                    expires: Some("2026-06-30".into()),
                },
                GoodGuyEntry {
                    entity_id: "eu:900214".into(),
                    party_name: Some("Northern Amber Bakery Ltd".into()),
                    account: None,
                    reason: "Bakery in Leeds; name similarity only".into(),
                    approved_by: "a.khan".into(),
                    expires: None,
                },
                GoodGuyEntry {
                    entity_id: "custom:C-0002".into(),
                    party_name: None,
                    account: "PA12BANK0000000001234".to_string().into(),
                    reason: "Account of the correspondent, reviewed \"in full\"".into(),
                    approved_by: "compliance-committee".into(),
                    expires: Some("2025-12-31".into()),
                },
            ]
        );
    }

    #[test]
    fn csv_fixture() {
        check_fixture(&parse(CSV_FIXTURE).unwrap());
    }

    #[test]
    fn json_fixture_and_round_trip() {
        let entries = parse(JSON_FIXTURE).unwrap();
        check_fixture(&entries);
        let json = serde_json::to_string(&entries).unwrap();
        assert!(!json.contains("null"), "empty options are left out: {json}");
        assert_eq!(parse(json.as_bytes()).unwrap(), entries);
    }

    #[test]
    fn expiry_is_inclusive() {
        let entries = parse(CSV_FIXTURE).unwrap();
        assert!(entries[2].is_active_on("2025-12-31"));
        assert!(!entries[2].is_active_on("2026-01-01"));
        assert!(entries[1].is_active_on("2999-01-01"));
    }

    #[test]
    fn expiry_dates_are_whole_iso_dates() {
        for good in ["2025-12-31", "1000-01-01", "2999-12-31"] {
            assert!(is_iso_date(good), "{good}");
        }
        let bad = ["2025-12", "2025-1-01", "2025-13-01", "2025-12-32", "2025-00-10", "0999-01-01", "2025-+1-01"];
        for bad in bad.into_iter().chain(["2025-1-1T0", "2025-1-1 x", "2025/12/31", "2025-12-3\u{e9}", ""]) {
            assert!(!is_iso_date(bad), "{bad}");
        }
    }

    #[test]
    fn bom_dos_eof_header_only_and_optional_columns() {
        let mut bytes = b"\xEF\xBB\xBFapproved_by,reason,account,entity_id\r\nx,y,123,un:KPi.066\r\n".to_vec();
        bytes.push(0x1A);
        let entries = parse(&bytes).unwrap();
        assert_eq!(entries[0].account.as_deref(), Some("123"));
        assert_eq!(entries[0].party_name, None);
        assert!(parse(b"entity_id,party_name,account,reason,approved_by,expires\n").unwrap().is_empty());
        assert!(parse(b"  []").unwrap().is_empty());
    }

    #[test]
    fn malformed_inputs_fail_with_line_byte_and_reason() {
        const H: &str = "entity_id,party_name,account,reason,approved_by,expires\n";
        let r2 = H.len() as u64;
        let line2 = FilePosition::Line { line: 2, byte: r2 };
        let cases: Vec<(&str, String, FilePosition, &str)> = vec![
            ("empty", " \n".into(), FilePosition::File, "empty file"),
            ("unknown column", "entity_id,name,reason,approved_by\n".into(), FilePosition::Line { line: 1, byte: 0 }, "unknown column \"name\""),
            ("no reason column", "entity_id,account,approved_by\n".into(), FilePosition::Line { line: 1, byte: 0 }, "no \"reason\" column"),
            ("no party column", "entity_id,reason,approved_by\n".into(), FilePosition::Line { line: 1, byte: 0 }, "\"party_name\" or an \"account\""),
            ("repeated column", "entity_id,reason,reason\n".into(), FilePosition::Line { line: 1, byte: 0 }, "appears twice"),
            ("entity id without source", format!("{H}43598,ACME,,r,a,\n"), line2, "entity_id \"43598\" is not <source>:<id>"),
            ("empty entity id", format!("{H},ACME,,r,a,\n"), line2, "empty entity_id"),
            ("no party", format!("{H}un:1, , ,r,a,\n"), line2, "neither party_name nor account"),
            ("no reason", format!("{H}un:1,ACME,,,a,\n"), line2, "empty reason"),
            ("no approver", format!("{H}un:1,ACME,,r,,\n"), line2, "empty approved_by"),
            ("bad expiry", format!("{H}un:1,ACME,,r,a,31/12/2025\n"), line2, "invalid expires date \"31/12/2025\""),
            ("partial expiry", format!("{H}un:1,ACME,,r,a,2025-12\n"), line2, "invalid expires date \"2025-12\""),
            ("truncated row", format!("{H}un:1,ACME,,r"), line2, "row has 4 fields; the header has 6"),
            (
                "duplicate",
                format!("{H}un:1,ACME,,r,a,\nun:1,ACME , ,other,b,\n"),
                FilePosition::Line { line: 3, byte: r2 + 16 },
                "duplicate entry (the same as line 2)",
            ),
            ("json wrong field", "[{\"entity_id\": \"un:1\", \"name\": \"A\"}]".into(), FilePosition::Line { line: 1, byte: 28 }, "unknown field `name`"),
            (
                "json no party",
                "[\n{\"entity_id\": \"un:1\", \"reason\": \"r\", \"approved_by\": \"a\"}\n]".into(),
                FilePosition::Line { line: 3, byte: 59 },
                "entry 1: entry for un:1 has neither party_name nor account",
            ),
            (
                "json duplicate",
                "[{\"entity_id\": \"un:1\", \"account\": \"1\", \"reason\": \"r\", \"approved_by\": \"a\"},\n {\"entity_id\": \"un:1\", \"account\": \"1\", \"reason\": \"s\", \"approved_by\": \"b\"}]".into(),
                FilePosition::Line { line: 2, byte: 148 },
                "entry 2: duplicate entry (the same as entry 1)",
            ),
            ("json truncated", "[{\"entity_id\": ".into(), FilePosition::Line { line: 1, byte: 14 }, "truncated"),
            ("json not an array of objects", "[1]".into(), FilePosition::Line { line: 1, byte: 1 }, "invalid type: integer `1`"),
        ];
        for (what, text, position, reason) in cases {
            let err = parse(text.as_bytes()).expect_err(what);
            let shown = err.to_string();
            assert!(shown.contains(reason), "{what}: {shown}");
            assert_eq!(err.position(), Some(position), "{what}: {shown}");
        }
        let err = parse(b"entity_id,party_name,reason,approved_by\nun:1,M\xFCller,r,a\n").unwrap_err();
        assert_eq!(err.position(), Some(FilePosition::Line { line: 2, byte: 46 }));
        assert!(err.to_string().contains("invalid UTF-8"), "{err}");
    }

    #[test]
    fn arbitrary_prefixes_never_panic() {
        for fixture in [CSV_FIXTURE, JSON_FIXTURE] {
            for end in 0..fixture.len() {
                let _ = parse(&fixture[..end]);
            }
        }
    }
}
