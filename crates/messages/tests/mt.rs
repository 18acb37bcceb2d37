//! SWIFT MT parsing through the public API: the public and handwritten samples under
//! `tests/fixtures/mt/`, structural and field errors with their positions, several
//! messages per input, and mutated inputs that must never panic.

use interdict_messages::mt::parse_all;
use interdict_messages::{Error, ErrorKind, Limits, Position};
use interdict_model::{Amount, Located, MessageFormat, Party, PartyRole, Payment};
use proptest::prelude::*;

/// The bytes of a file under `tests/fixtures/mt/`.
macro_rules! fixture_bytes {
    ($path:literal) => {
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mt/", $path))
    };
}

/// A fixture's name and bytes.
macro_rules! fixture {
    ($path:literal) => {
        ($path, fixture_bytes!($path).as_slice())
    };
}

/// Parses with the default limits, checking what every result must satisfy.
fn parse(bytes: &[u8]) -> Vec<Result<Payment, Error>> {
    let results = parse_all(bytes, &Limits::default());
    check_invariants(bytes, &results);
    results
}

fn ok(results: &[Result<Payment, Error>], k: usize) -> &Payment {
    match &results[k] {
        Ok(p) => p,
        Err(e) => panic!("message {k}: {e}"),
    }
}

fn err(results: &[Result<Payment, Error>], k: usize) -> &Error {
    match &results[k] {
        Ok(p) => panic!("message {k} parsed: {p:?}"),
        Err(e) => e,
    }
}

/// What the fuzz target checks: a result per message, reasons, offsets inside the input.
fn check_invariants(bytes: &[u8], results: &[Result<Payment, Error>]) {
    assert!(!results.is_empty());
    for r in results {
        match r {
            Ok(p) => {
                assert!(!p.transactions.is_empty());
                assert!(!p.message_id.is_empty());
            }
            Err(e) => {
                assert!(!e.reason.trim().is_empty(), "{e}");
                assert!(e.offset() <= bytes.len() as u64, "{e}: len {}", bytes.len());
            }
        }
    }
}

fn party(p: &Payment, path: &str) -> Party {
    p.transactions[0]
        .parties
        .iter()
        .chain(&p.parties)
        .find(|party| party.path == path)
        .unwrap_or_else(|| panic!("no party {path} in {p:#?}"))
        .clone()
}

fn value(v: &Option<Located>) -> (&str, &str) {
    let v = v.as_ref().expect("a value");
    (v.path.as_str(), v.value.as_str())
}

fn cat(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

fn line(e: &Error) -> u64 {
    match e.position {
        Position::Line { line, .. } => line,
        Position::Byte(_) => panic!("no line in {e}"),
    }
}

fn offset_of(bytes: &[u8], needle: &str) -> u64 {
    let text = String::from_utf8_lossy(bytes);
    text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in the fixture")) as u64
}

#[test]
fn automatetx_mt103_and_mt202() {
    let (_, mt103) = fixture!("automatetx/MT103.txt");
    let results = parse(mt103);
    assert_eq!(results.len(), 1);
    let p = ok(&results, 0);
    assert_eq!((p.message_id.as_str(), p.format), ("REF1234567890", MessageFormat::Mt103));
    let tx = &p.transactions[0];
    assert_eq!(tx.id.as_deref(), Some("REF1234567890"));
    assert_eq!(tx.amount, Some(Amount { currency: "EUR".into(), value: "10000.00".into() }));
    assert_eq!(tx.settlement_date.as_deref(), Some("2025-10-13"), "32A's value date");
    let sender = party(p, "MT103/block1");
    assert_eq!((sender.role, value(&sender.bic)), (PartyRole::MessageSender, ("MT103/block1/bic", "BANKBEBBXXX")));
    let receiver = party(p, "MT103/block2");
    assert_eq!((receiver.role, value(&receiver.bic).1), (PartyRole::MessageReceiver, "BANKDEFFXXX"));
    let debtor = &tx.parties[0];
    assert_eq!((debtor.role, debtor.path.as_str()), (PartyRole::Debtor, "MT103/50K"));
    assert_eq!(value(&debtor.name), ("MT103/50K/name", "JOHN DOE"));
    assert_eq!(value(&debtor.account), ("MT103/50K/account", "DE12345678901234567890"));
    assert_eq!(debtor.address_lines, vec![Located::new("MT103/50K/address[1]", "BERLIN")]);
    let creditor = &tx.parties[1];
    assert_eq!((creditor.role, value(&creditor.name)), (PartyRole::Creditor, ("MT103/59/name", "MARIE DUPONT")));
    assert_eq!(value(&creditor.account).1, "FR7630001007941234567890185");
    assert_eq!(creditor.address_lines[0].value, "PARIS");
    assert!(tx.free_text.is_empty());
    assert_eq!(tx.uetr, None);

    let (_, mt202) = fixture!("automatetx/MT202.txt");
    let results = parse(mt202);
    let p = ok(&results, 0);
    assert_eq!((p.message_id.as_str(), p.format), ("TRF987654321", MessageFormat::Mt202));
    let tx = &p.transactions[0];
    assert_eq!(tx.amount, Some(Amount { currency: "USD".into(), value: "500000.00".into() }));
    let roles: Vec<_> = tx.parties.iter().map(|x| (x.role, value(&x.bic).1)).collect();
    assert_eq!(roles, vec![(PartyRole::CreditorAgent, "DEUTDEFF"), (PartyRole::Creditor, "COBADEFI")]);
    assert_eq!(value(&tx.parties[1].bic).0, "MT202/58A/bic");
    assert_eq!(value(&party(p, "MT202/block1").bic).1, "BOFAUS3NXXX");
    assert_eq!(value(&party(p, "MT202/block2").bic).1, "CHASUS33XXX");
}

#[test]
fn prowide_bulk_rje_with_acknowledgements() {
    let (_, bytes) = fixture!("prowide/MT103-bulk-with-ack.rje");
    let results = parse(bytes);
    assert_eq!(results.len(), 3, "the three ACKs are not messages");
    let ids: Vec<_> = (0..3).map(|k| ok(&results, k).message_id.as_str()).collect();
    assert_eq!(ids, ["234234233", "C4772342333", "201904250034434"]);
    let amounts: Vec<_> =
        (0..3).map(|k| ok(&results, k).transactions[0].amount.as_ref().unwrap().value.as_str()).collect();
    assert_eq!(amounts, ["3700", "1321.00", "1417.8"]);

    let p = ok(&results, 0);
    assert_eq!(p.format, MessageFormat::Mt103);
    // An output message: block 2 holds the sender, block 1 the receiver.
    let sender = party(p, "MT103/block2");
    assert_eq!((sender.role, value(&sender.bic).1), (PartyRole::MessageSender, "BBBBUS33XXX"));
    let receiver = party(p, "MT103/block1");
    assert_eq!((receiver.role, value(&receiver.bic).1), (PartyRole::MessageReceiver, "AAAAUSLAXXX"));
    let tx = &p.transactions[0];
    let debtor = party(p, "MT103/50K");
    assert_eq!(value(&debtor.name).1, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    assert_eq!(debtor.address_lines.len(), 2);
    assert_eq!(debtor.address_lines[1], Located::new("MT103/50K/address[2]", "EDO STATE"));
    assert_eq!(value(&party(p, "MT103/52A").bic).1, "CCCCNGLA");
    let reimbursement = party(p, "MT103/53B");
    assert_eq!(reimbursement.role, PartyRole::InstructingReimbursementAgent);
    assert_eq!(value(&reimbursement.account).1, "00000000000000");
    assert_eq!(value(&party(p, "MT103/59").name).1, "BBBBBBBBBBBBBBBB");
    assert_eq!(
        tx.free_text,
        vec![
            Located::new("MT103/70", "/RFB/042517477151 REFERENCE:1500009007 TRANSFER"),
            Located::new("MT103/72", "/INS/DEUTSCHE BANK TRUST CO. //AMERICAS NEW YORK, NY 10015"),
        ]
    );
    // 119:STP is still an MT103.
    assert_eq!(ok(&results, 1).format, MessageFormat::Mt103);
}

#[test]
fn prowide_out_rje_thirteen_messages() {
    let (_, bytes) = fixture!("prowide/MT103-out-ack.rje");
    let results = parse(bytes);
    assert_eq!(results.len(), 13);
    let p = ok(&results, 0);
    assert_eq!(p.message_id, "22342343");
    assert_eq!(p.transactions[0].id.as_deref(), Some("8579f4a4-a547-463e-ae63-e7c6620d59b4"), "the UETR");
    let debtor = party(p, "MT103/50K");
    assert_eq!((value(&debtor.name).1, debtor.account.is_none()), ("FOO CAPITAL MARKETS LP", true));
    let agent = party(p, "MT103/52D");
    assert_eq!((agent.role, value(&agent.name).1), (PartyRole::DebtorAgent, "NORTH FOO BANK"));
    assert_eq!(agent.address_lines[1].value, "MELVILLE, NY 11747");
    assert_eq!(p.transactions[0].free_text[0].path, "MT103/70");
    assert!(p.transactions[0].free_text[0].value.starts_with("FINDERS FEES-JULY,2007-  10.00, AUG UST,2007-"));

    let p = ok(&results, 5);
    assert_eq!(p.message_id, "530165650050");
    let agent = party(p, "MT103/52A");
    assert_eq!((value(&agent.account).1, value(&agent.bic).1), ("0569", "FOOBESBBXXX"));
    assert_eq!(party(p, "MT103/57A").role, PartyRole::CreditorAgent);
    assert_eq!(value(&party(p, "MT103/59").account).1, "ES0123456789012345671234");

    let p = ok(&results, 9);
    assert_eq!(p.message_id, "AMLX985338-D4E5E");
    let instructed = party(p, "MT103/54A");
    assert_eq!(instructed.role, PartyRole::InstructedReimbursementAgent);
    assert_eq!(instructed.identifiers, vec![Located::new("MT103/54A/clearing_code", "RT")]);
    assert_eq!(value(&instructed.bic).1, "BICFOOYY");
    assert!(party(p, "MT103/59").account.is_none(), "`/-` is no account");

    // The eleventh message is followed by a lone `{` in the file: an unterminated block.
    let e = err(&results, 10);
    assert_eq!(e.kind, ErrorKind::Malformed);
    let text = String::from_utf8_lossy(bytes);
    assert_eq!(e.offset(), text.find("-}{").unwrap() as u64 + 2, "{e}");
    assert!(e.reason.contains("does not open a block"), "{e}");
    let ids: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).map(|p| p.message_id.as_str()).collect();
    assert_eq!(ids.len(), 12);
    assert_eq!(ids[10..], ["0061350113089904", "0061350113089905"]);
}

#[test]
fn prowide_mt101_is_unsupported() {
    let (_, bytes) = fixture!("prowide/MT101.fin");
    let results = parse(bytes);
    let e = err(&results, 0);
    assert_eq!(e.kind, ErrorKind::Unsupported);
    assert!(e.reason.contains("MT101"), "{e}");
}

#[test]
fn dedmoo_valid_and_invalid_samples() {
    // (file, Ok(message id) or Err(kind, reason fragment, the text the error points at))
    type Expected = Result<&'static str, (ErrorKind, &'static str, &'static str)>;
    let cases: &[((&str, &[u8]), Expected)] = &[
        (fixture!("dedmoo/valid-plain.txt"), Ok("PLAINREF01")),
        (fixture!("dedmoo/valid-59a.txt"), Ok("BENEFICIARYA01")),
        (fixture!("dedmoo/valid-jpy.txt"), Ok("JPYREF01")),
        (fixture!("dedmoo/valid-envelope.txt"), Ok("ENVELOPEREF01")),
        (fixture!("dedmoo/valid-optional-tags.txt"), Ok("OPTIONALREF01")),
        (fixture!("dedmoo/duplicate-20.txt"), Err((ErrorKind::Invalid, "field 20 is repeated", ":20:SECOND"))),
        (fixture!("dedmoo/invalid-20-charset.txt"), Err((ErrorKind::Invalid, "'@' is not in the SWIFT X", ":20:"))),
        (fixture!("dedmoo/invalid-32a-currency.txt"), Err((ErrorKind::Invalid, "not an ISO 4217", ":32A:"))),
        (fixture!("dedmoo/invalid-32a-date.txt"), Err((ErrorKind::Invalid, "month 13", ":32A:"))),
        (fixture!("dedmoo/invalid-32a-format.txt"), Err((ErrorKind::Invalid, "expected the value date", ":32A:"))),
        (fixture!("dedmoo/invalid-32a-jpy-scale.txt"), Err((ErrorKind::Invalid, "JPY has 0 decimals", ":32A:"))),
        (fixture!("dedmoo/invalid-52a-bic.txt"), Err((ErrorKind::Invalid, "\"INVALID\" is not a BIC", ":52A:"))),
        (fixture!("dedmoo/missing-20.txt"), Err((ErrorKind::Invalid, "missing field 20", ":23B:"))),
        (fixture!("dedmoo/missing-59.txt"), Err((ErrorKind::Invalid, "missing field 59", "{4:"))),
    ];
    for ((name, bytes), expected) in cases {
        let results = parse(bytes);
        assert_eq!(results.len(), 1, "{name}");
        match expected {
            Ok(id) => assert_eq!(ok(&results, 0).message_id, *id, "{name}"),
            Err((kind, fragment, at)) => {
                let e = err(&results, 0);
                assert_eq!(e.kind, *kind, "{name}: {e}");
                assert_eq!(e.format, Some(MessageFormat::Mt103), "{name}: {e}");
                assert!(e.to_string().contains(fragment), "{name}: {e}");
                assert_eq!(e.offset(), offset_of(bytes, at), "{name}: {e}");
            }
        }
    }
    // Concrete positions: the second :20: is line 2, byte 19; the bad 52A line 3, byte 37.
    let e = parse(fixture!("dedmoo/duplicate-20.txt").1)[0].clone().unwrap_err();
    assert_eq!(e.position, Position::Line { line: 2, byte: 19 });
    let e = parse(fixture!("dedmoo/invalid-52a-bic.txt").1)[0].clone().unwrap_err();
    assert_eq!(e.position, Position::Line { line: 3, byte: 37 });
    assert_eq!(e.to_string(), "MT103: line 3 (byte 37): field 52A: \"INVALID\" is not a BIC (8 or 11 characters: bank, country, location, optional branch)");

    let plain = parse(fixture!("dedmoo/valid-plain.txt").1);
    let p = ok(&plain, 0);
    assert!(p.parties.is_empty(), "no header blocks");
    let debtor = party(p, "MT103/50A");
    assert_eq!((value(&debtor.account).1, value(&debtor.bic)), ("12345678", ("MT103/50A/bic", "BANKUS33XXX")));
    assert_eq!(value(&party(p, "MT103/59").name).1, "BENEFICIARY NAME");
    assert_eq!(p.transactions[0].free_text, vec![Located::new("MT103/70", "CONSULTING SERVICES")]);
    let jpy = parse(fixture!("dedmoo/valid-jpy.txt").1);
    assert_eq!(ok(&jpy, 0).transactions[0].amount, Some(Amount { currency: "JPY".into(), value: "1000".into() }));
    let a = parse(fixture!("dedmoo/valid-59a.txt").1);
    let creditor = party(ok(&a, 0), "MT103/59A");
    assert_eq!((creditor.role, value(&creditor.bic)), (PartyRole::Creditor, ("MT103/59A/bic", "DEUTDEFF")));
    let tags = parse(fixture!("dedmoo/valid-optional-tags.txt").1);
    let p = ok(&tags, 0);
    assert_eq!(p.transactions[0].amount.as_ref().unwrap().value, "5000.25");
    assert_eq!(value(&party(p, "MT103/52A").bic).1, "ORDRTRISXXX");
    assert_eq!(value(&party(p, "MT103/57A").bic).1, "ACCTDEFFXXX");
    assert_eq!(p.transactions[0].free_text.len(), 2);
    let envelope = parse(fixture!("dedmoo/valid-envelope.txt").1);
    assert_eq!(value(&party(ok(&envelope, 0), "MT103/block1").bic).1, "BANKTRISXXX");
}

#[test]
fn handwritten_mt202cov_with_sequence_b() {
    let (_, bytes) = fixture!("handwritten/mt202cov.txt");
    let results = parse(bytes);
    let p = ok(&results, 0);
    assert_eq!((p.message_id.as_str(), p.format), ("COVREF0001", MessageFormat::Mt202Cov));
    let tx = &p.transactions[0];
    assert_eq!(tx.id.as_deref(), Some("e0f7c6a0-3c1b-4b6e-9d0a-2b1f7d4c8e91"));
    assert_eq!(tx.amount, Some(Amount { currency: "USD".into(), value: "250000.00".into() }));
    let paths: Vec<_> = tx.parties.iter().map(|x| (x.path.as_str(), x.role)).collect();
    assert_eq!(
        paths,
        vec![
            ("MT202COV/52A", PartyRole::DebtorAgent),
            ("MT202COV/56A", PartyRole::IntermediaryAgent),
            ("MT202COV/57A", PartyRole::CreditorAgent),
            ("MT202COV/58A", PartyRole::Creditor),
            ("MT202COV/B/50F", PartyRole::Debtor),
            ("MT202COV/B/52A", PartyRole::DebtorAgent),
            ("MT202COV/B/57A", PartyRole::CreditorAgent),
            ("MT202COV/B/59F", PartyRole::Creditor),
        ]
    );
    let debtor = party(p, "MT202COV/B/50F");
    assert_eq!(value(&debtor.name), ("MT202COV/B/50F/name", "JOHN ARCHIBALD SMITH"));
    assert_eq!(value(&debtor.account).1, "GB29NWBK60161331926819");
    assert_eq!(debtor.address_lines, vec![Located::new("MT202COV/B/50F/address[1]", "10 HIGH STREET")]);
    assert_eq!(value(&debtor.country), ("MT202COV/B/50F/country", "GB"));
    assert_eq!(value(&debtor.town), ("MT202COV/B/50F/town", "LONDON"));
    assert_eq!(debtor.birth_year, Some(1970));
    assert_eq!(
        debtor.identifiers,
        vec![
            Located::new("MT202COV/B/50F/birth_date", "19700412"),
            Located::new("MT202COV/B/50F/birth_place", "GB/MANCHESTER"),
            Located::new("MT202COV/B/50F/national_id", "AB123456C"),
        ]
    );
    let creditor = party(p, "MT202COV/B/59F");
    assert_eq!(value(&creditor.name).1, "ACME TRADING CORP");
    assert_eq!((value(&creditor.country).1, value(&creditor.town).1), ("US", "NEW YORK, NY 10110"));
    assert_eq!(value(&party(p, "MT202COV/57A").account).1, "12345678");
    assert_eq!(
        tx.free_text,
        vec![
            Located::new("MT202COV/72", "/BNF/COVER FOR CUSTOMER TRANSFER"),
            Located::new("MT202COV/B/70", "/INV/2026-0042 SHIPMENT OF MACHINE PARTS"),
        ]
    );

    // Without {119:COV}, the sequence B fields still make it a COV; without them it is an MT202.
    let text = String::from_utf8_lossy(bytes).replace("{119:COV}", "");
    assert_eq!(ok(&parse(text.as_bytes()), 0).format, MessageFormat::Mt202Cov);
    let cut = text.find(":50F:").unwrap();
    let plain = format!("{}-}}", &text[..cut]);
    assert_eq!(ok(&parse(plain.as_bytes()), 0).format, MessageFormat::Mt202);
    // A COV needs its beneficiary customer.
    let no_59 = String::from_utf8_lossy(bytes).replace(":59F:", ":72:");
    let e = parse(no_59.as_bytes())[0].clone().unwrap_err();
    assert!(e.reason.contains("missing field 59a") && e.reason.contains("sequence B"), "{e}");
    assert_eq!(e.format, Some(MessageFormat::Mt202Cov));
}

#[test]
fn handwritten_mt103_with_structured_parties_crlf_and_utf8() {
    let (_, bytes) = fixture!("handwritten/mt103_structured.txt");
    let results = parse(bytes);
    let p = ok(&results, 0);
    assert_eq!(p.message_id, "STRUCT-103-01");
    assert_eq!(p.transactions[0].id.as_deref(), Some("3f2a9c1e-7b4d-4e8a-9f6b-1c2d3e4f5a6b"));
    assert_eq!(p.transactions[0].uetr.as_deref(), Some("3f2a9c1e-7b4d-4e8a-9f6b-1c2d3e4f5a6b"));
    assert_eq!(p.transactions[0].settlement_date.as_deref(), Some("2026-03-01"));
    assert_eq!(value(&party(p, "MT103/block2").bic).1, "BANKFRPPXXX");
    assert_eq!(party(p, "MT103/block2").role, PartyRole::MessageSender);
    let debtor = party(p, "MT103/50F");
    assert_eq!(value(&debtor.name).1, "MÜLLER, HANS");
    assert_eq!(debtor.identifiers[0], Located::new("MT103/50F/identifier", "121231234342"));
    assert_eq!((value(&debtor.country).1, value(&debtor.town).1, debtor.birth_year), ("DE", "BERLIN", Some(1965)));
    let agent = party(p, "MT103/52D");
    assert_eq!((value(&agent.account).1, value(&agent.name).1), ("7654321", "ERSTE BANK"));
    let r53 = party(p, "MT103/53A");
    assert_eq!((value(&r53.account).1, value(&r53.bic).1), ("998877", "REIMDEFF"));
    let r54 = party(p, "MT103/54B");
    assert_eq!(r54.address_lines, vec![Located::new("MT103/54B/location", "FRANKFURT")]);
    let r55 = party(p, "MT103/55D");
    assert_eq!((r55.role, value(&r55.name).1), (PartyRole::ThirdReimbursementAgent, "THIRD REIMBURSEMENT BANK"));
    let intermediary = party(p, "MT103/56C");
    assert_eq!(intermediary.identifiers, vec![Located::new("MT103/56C/clearing_code", "FW021000021")]);
    let account_with = party(p, "MT103/57D");
    assert_eq!(value(&account_with.name).1, "ACCOUNT WITH BANK");
    assert_eq!(account_with.address_lines.len(), 2);
    let creditor = party(p, "MT103/59F");
    assert_eq!(value(&creditor.name), ("MT103/59F/name", "ÉLODIE DURAND"));
    assert_eq!(value(&creditor.account).1, "FR7630006000011234567890189");
    assert_eq!(creditor.address_lines[0].path, "MT103/59F/address[1]");
    let texts: Vec<_> = p.transactions[0].free_text.iter().map(|t| (t.path.as_str(), t.value.as_str())).collect();
    assert_eq!(
        texts,
        vec![("MT103/70", "INVOICE 77 APRIL"), ("MT103/72", "/INS/REIMDEFF"), ("MT103/77B", "/ORDERRES/DE//GOODS")]
    );
    assert!(p.transactions[0].free_text.iter().all(|t| !t.value.contains('\r')));
}

#[test]
fn a_bad_message_does_not_stop_the_others() {
    let (_, bytes) = fixture!("handwritten/mixed.rje");
    let results = parse(bytes);
    assert_eq!(results.len(), 4);
    assert_eq!(ok(&results, 0).message_id, "MIX-1");
    let e = err(&results, 1);
    assert_eq!((e.kind, e.format), (ErrorKind::Invalid, Some(MessageFormat::Mt103)));
    assert_eq!(e.offset(), offset_of(bytes, ":32A:260230"), "{e}");
    assert_eq!(line(e), 8);
    assert!(e.reason.contains("day 30"), "{e}");
    let e = err(&results, 2);
    assert_eq!(e.kind, ErrorKind::Unsupported);
    assert!(e.reason.contains("MT199"), "{e}");
    let p = ok(&results, 3);
    assert_eq!((p.message_id.as_str(), p.format), ("MIX-4", MessageFormat::Mt202));

    // Groups that simply follow one another are messages too.
    let (_, one) = fixture!("automatetx/MT103.txt");
    let (_, two) = fixture!("automatetx/MT202.txt");
    let both = cat(&[one, two, b"\n{5:{CHK:1}}", one]);
    let results = parse(&both);
    let ids: Vec<_> = results.iter().map(|r| r.as_ref().map(|p| p.message_id.as_str()).map_err(|e| e.kind)).collect();
    assert_eq!(ids, vec![Ok("REF1234567890"), Ok("TRF987654321"), Ok("REF1234567890")]);
}

#[test]
fn structural_errors_have_positions() {
    let head = "{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}";
    let body = ":20:R1\n:32A:260101EUR1,\n:59:X\n";
    // (message, kind, reason fragment, text pointed at)
    let cases: Vec<(String, ErrorKind, &str, &str)> = vec![
        (head.to_string(), ErrorKind::Malformed, "missing block 4", "{1:"),
        (format!("{head}{{4:\n{body}"), ErrorKind::Malformed, "block 4 is not terminated", "{4:"),
        (
            "{1:F01BANKBEBBAXXX0000000000{2:I103BANKDEFFXXXXN}".to_string(),
            ErrorKind::Malformed,
            "block 1 is not terminated",
            "{1:",
        ),
        (format!("{head}{{3:{{108:ABC}}{{4:\n{body}-}}"), ErrorKind::Malformed, "block 3 is not terminated", "{3:"),
        (format!("{head}{{4:\nGARBAGE\n{body}-}}"), ErrorKind::Malformed, "expected a field", "GARBAGE"),
        (
            format!("{head}{{4:\n:20:R1\nMORE\n:32A:260101EUR1,\n:59:X\n-}}"),
            ErrorKind::Malformed,
            "field 20 has one line",
            "MORE",
        ),
        (format!("{head}{{4:\n{body}-}}{{3:{{108:X}}}}"), ErrorKind::Malformed, "repeated or out of order", "{3:"),
        (format!("{head}{{4:\n{body}-}}xyz"), ErrorKind::Malformed, "expected a block", "xyz"),
        (format!("{head}{{7:x}}{{4:\n{body}-}}"), ErrorKind::Malformed, "unknown block", "{7:"),
        ("{1:X01BANKBEBBAXXX0000000000}{4:\n:20:R\n-}".to_string(), ErrorKind::Malformed, "application id", "X01"),
        ("{1:F01BANK}{4:\n:20:R\n-}".to_string(), ErrorKind::Malformed, "logical terminal", "F01"),
        ("{1:F01BANKBEBBAXXX0000000000}{2:Q103}{4:\n:20:R\n-}".to_string(), ErrorKind::Malformed, "block 2", "Q103"),
        (
            "{1:F01BANKBEBBAXXX0000000000}{2:I199BANKDEFFXXXXN}{4:\n:20:R\n-}".to_string(),
            ErrorKind::Unsupported,
            "MT199",
            "I199",
        ),
        (
            "{1:F01BANKBEBBAXXX0000000000}{2:O9001200".to_string() + "}{4:\n:20:R\n-}",
            ErrorKind::Malformed,
            "sender",
            "O900",
        ),
        (
            "{1:F21BANKBEBBAXXX0000000000}{4:{177:2601011200}{451:0}}".to_string(),
            ErrorKind::Unsupported,
            "service message 21",
            "F21",
        ),
        (format!("{head}{{3:{{121:not-a-uuid}}}}{{4:\n{body}-}}"), ErrorKind::Invalid, "not a UUID", "{121:"),
        (format!("{head}{{4:\n:20:R1\n:59:X\n-}}"), ErrorKind::Invalid, "missing field 32A", "{4:"),
        (format!("{head}{{4:\n{body}:50K:\n-}}"), ErrorKind::Invalid, "field 50K is empty", ":50K:"),
        (format!("{head}{{4:\n{body}:57A:/123\n-}}"), ErrorKind::Invalid, "has no BIC", ":57A:"),
        (format!("{head}{{4:\n{body}:57A:DEUTDEFF\nEXTRA\n-}}"), ErrorKind::Invalid, "more lines", ":57A:"),
        (
            format!("{head}{{4:\n:20:/R1\n:32A:260101EUR1,\n:59:X\n-}}"),
            ErrorKind::Invalid,
            "must not start or end",
            ":20:",
        ),
        (
            format!("{head}{{4:\n:20:R1234567890123456\n:32A:260101EUR1,\n:59:X\n-}}"),
            ErrorKind::Invalid,
            "longer than 16",
            ":20:",
        ),
        (format!("{head}{{4:\n:20:R1\n:32A:260101EUR1.00\n:59:X\n-}}"), ErrorKind::Invalid, "decimal comma", ":32A:"),
        (
            format!("{head}{{4:\n:20:R1\n:32A:260101KWD1,1234\n:59:X\n-}}"),
            ErrorKind::Invalid,
            "KWD has 3 decimals",
            ":32A:",
        ),
        (format!("{head}{{4:\n:20:R1\n:32A:250229EUR1,\n:59:X\n-}}"), ErrorKind::Invalid, "day 29", ":32A:"),
        ("hello".to_string(), ErrorKind::Malformed, "expected a block", "hello"),
        ("   \n$\n".to_string(), ErrorKind::Invalid, "no SWIFT MT message", ""),
    ];
    for (text, kind, fragment, at) in &cases {
        let results = parse(text.as_bytes());
        assert_eq!(results.len(), 1, "{text}");
        let e = err(&results, 0);
        assert_eq!(e.kind, *kind, "{text}: {e}");
        assert!(e.reason.contains(fragment), "{text}: {e}");
        assert_eq!(e.offset(), text.find(at).unwrap() as u64, "{text}: {e}");
    }
    // Leap years and decimals that fit are fine.
    let text = format!("{head}{{4:\n:20:R1\n:32A:240229KWD1,123\n:59:X\n-}}");
    assert_eq!(ok(&parse(text.as_bytes()), 0).transactions[0].amount.as_ref().unwrap().value, "1.123");
}

#[test]
fn positions_count_in_the_whole_input() {
    let (_, good) = fixture!("automatetx/MT103.txt");
    let bad = b"{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{4:\n:20:R1\n:32A:260101EUR1,\n:50K:OK\n:52A:BAD\n:59:X\n-}";
    let input = cat(&[good, b"$", good, b"\n$\n", bad]);
    let results = parse(&input);
    assert_eq!(results.len(), 3);
    let e = err(&results, 2);
    let expected = input.len() - b":52A:BAD\n:59:X\n-}".len();
    assert_eq!(e.position, Position::Line { line: 24 + 5, byte: expected as u64 }, "{e}");
}

#[test]
fn encoding_size_and_empty_input() {
    // Invalid UTF-8 in the second message: that message only, at the bad byte.
    let (_, good) = fixture!("automatetx/MT103.txt");
    let latin1 = String::from_utf8_lossy(good).replace("JOHN DOE", "JOS\u{c9}").into_bytes();
    let mut bad = latin1.clone();
    let at = bad.windows(2).position(|w| w == "\u{c9}".as_bytes()).unwrap();
    bad.splice(at..at + 2, [0xC9]);
    let input = cat(&[good, b"$", &bad]);
    let results = parse(&input);
    assert!(results[0].is_ok());
    let e = err(&results, 1);
    assert_eq!((e.kind, e.offset()), (ErrorKind::Encoding, (good.len() + 1 + at) as u64));
    // Real UTF-8 is read as such, also right before a delimiter.
    let p = ok(&parse(&latin1), 0).clone();
    assert_eq!(value(&p.transactions[0].parties[0].name).1, "JOSÉ");
    let text = String::from_utf8_lossy(good).replace("PARIS\n", "ÉÉ\n").replace(":71A:SHA\n", "");
    assert_eq!(ok(&parse(text.as_bytes()), 0).transactions[0].parties[1].address_lines[0].value, "ÉÉ");

    // Each message is bounded, the others still parse.
    let input = cat(&[good, b"$", &cat(&[good, b"\n{5:{X:", &[b'A'; 400], b"}}"]), b"$", good]);
    let results = parse_all(&input, &Limits { max_message_bytes: 300 });
    check_invariants(&input, &results);
    assert_eq!(results.len(), 3);
    assert!(results[0].is_ok() && results[2].is_ok());
    let e = err(&results, 1);
    assert_eq!((e.kind, e.offset()), (ErrorKind::TooLarge, (good.len() + 1 + 300) as u64));

    for empty in [&b""[..], b"\xEF\xBB\xBF", b"$$$", b" \r\n"] {
        let e = parse(empty)[0].clone().unwrap_err();
        assert_eq!(e.kind, ErrorKind::Invalid);
    }
}

#[test]
fn bare_texts_and_acknowledgements() {
    // A bare text ending with `-}` and a trailer, then another after `$`; a `-` line ends a bare text too.
    let text = ":20:A1\n:32A:260101EUR1,\n:59:X\n-}{5:{CHK:123}}\n$\n:20:A2\n:32A:260101EUR2,\n:58A:DEUTDEFF\n-\n";
    let results = parse(text.as_bytes());
    assert_eq!(ok(&results, 0).format, MessageFormat::Mt103);
    let p = ok(&results, 1);
    assert_eq!((p.message_id.as_str(), p.format), ("A2", MessageFormat::Mt202), "58a without 59a");
    // An ACK alone in its record is reported, not dropped.
    let ack = "{1:F21AAAAUSLAAXXX5195167828}{4:{177:1704260717}{451:0}}";
    let (_, one) = fixture!("automatetx/MT103.txt");
    let input = cat(&[ack.as_bytes(), b"$", one]);
    let results = parse(&input);
    assert_eq!(results.len(), 2);
    assert_eq!(err(&results, 0).kind, ErrorKind::Unsupported);
    assert!(results[1].is_ok());
    // Through the crate's entry point, which detects the format.
    let results = interdict_messages::parse(one, &Limits::default());
    assert_eq!(ok(&results, 0).message_id, "REF1234567890");
}

const SAMPLES: &[&[u8]] = &[
    fixture_bytes!("automatetx/MT103.txt"),
    fixture_bytes!("automatetx/MT202.txt"),
    fixture_bytes!("prowide/MT103-bulk-with-ack.rje"),
    fixture_bytes!("dedmoo/valid-plain.txt"),
    fixture_bytes!("dedmoo/valid-optional-tags.txt"),
    fixture_bytes!("handwritten/mt202cov.txt"),
    fixture_bytes!("handwritten/mt103_structured.txt"),
    fixture_bytes!("handwritten/mixed.rje"),
];

fn interesting_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        prop::sample::select(vec![b'{', b'}', b':', b'-', b'$', b'\n', b'\r', b'/', b'1', b'4', b'A', b' ']),
        prop::sample::select(vec![0xC3, 0xA9, 0xE2, 0x82, 0xFF, 0xEF, 0xBB, 0xBF]),
        any::<u8>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn mutated_samples_never_panic(
        sample in 0..SAMPLES.len(),
        edits in prop::collection::vec((0u8..8, any::<usize>(), interesting_byte()), 1..12),
        limit in prop_oneof![Just(1usize << 20), 16usize..400],
    ) {
        let mut bytes = SAMPLES[sample].to_vec();
        for (op, pos, byte) in edits {
            let at = if bytes.is_empty() { 0 } else { pos % bytes.len() };
            match op {
                0 | 1 if !bytes.is_empty() => bytes[at] = byte,
                2 | 3 => bytes.insert(at, byte),
                4 | 5 if !bytes.is_empty() => {
                    bytes.remove(at);
                }
                6 => bytes.truncate(at.max(bytes.len() / 2)),
                _ => {
                    // Duplicate a slice: repeated blocks, fields and messages.
                    let end = (at + pos % 64).min(bytes.len());
                    let piece = bytes[at..end].to_vec();
                    bytes.splice(at..at, piece);
                }
            }
        }
        let results = parse_all(&bytes, &Limits { max_message_bytes: limit });
        check_invariants(&bytes, &results);
        let _ = interdict_messages::parse(&bytes, &Limits { max_message_bytes: limit });
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(interesting_byte(), 0..300)) {
        let results = parse_all(&bytes, &Limits::default());
        check_invariants(&bytes, &results);
    }
}
