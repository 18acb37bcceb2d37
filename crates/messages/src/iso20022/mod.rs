//! ISO 20022 payment messages: `pacs.008` (FI to FI customer credit transfer, versions
//! `.001.02` to `.001.13`), `pacs.009` (financial institution credit transfer, `.001.02`
//! to `.001.12`, COV included), `pacs.004` (payment return, `.001.02` to `.001.14`) and
//! `pain.001` (customer credit transfer initiation, `.001.03` to `.001.12`), into one
//! [`Payment`].
//!
//! # Input
//!
//! Either a bare `<Document>`, or any wrapper element (`<Envelope>`, `<BizMsgEnvlp>`,
//! `<message>`...) holding a `head.001` business application header `<AppHdr>` and the
//! `<Document>` (the first `Document` found, breadth first; the `AppHdr` next to it).
//! Namespace prefixes are ignored. The message and its version are told by the
//! Document's namespace, `urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08` giving format
//! `pacs.008` and version `pacs.008.001.08`; the namespace may be the default one or
//! bound to a prefix, on the Document or on an enclosing element. A Document with no
//! ISO 20022 namespace at all is told by its message element (`FIToFICstmrCdtTrf`,
//! `FICdtTrf`, `PmtRtr`, `CstmrCdtTrfInitn`), with the version taken from the header's
//! `MsgDefIdr` if there is one. A `pacs.009` is `pacs.009.cov` when a transaction
//! carries `UndrlygCstmrCdtTrf`. The XML goes through the hardened `interdict-xml`
//! reader: no DTD, no entities beyond the predefined five, bounded depth, UTF-8 only.
//!
//! We are not a schema validator: whatever is there is read, in any order, and missing
//! optional (or even mandatory) elements are simply absent from the result. Only what
//! screening cannot do without is required: a message id (`GrpHdr/MsgId`, else the
//! header's `BizMsgIdr`) and at least one transaction.
//!
//! # Paths
//!
//! Every value is [`Located`] by the path of the element it came from, from the Document
//! root (`/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/Nm`) whatever wraps it, or from
//! the header (`/AppHdr/Fr/FIId/FinInstnId/BICFI`). Local names are used, without
//! prefixes. Elements the schemas allow to repeat carry a 1-based index, also when there
//! is only one: `CdtTrfTxInf`, `PmtInf`, `TxInf`, `AdrLine`, `Othr` (of `OrgId` and
//! `PrvtId`), `Ustrd`, `Strd`, `AddtlRmtInf`, `InstrForCdtrAgt`, `InstrForNxtAgt`,
//! `RgltryRptg`, `Dtls`, `Inf`, `RltdRmtInf`, `RmtLctnDtls`, `RtrRsnInf`, `AddtlInf`.
//! A party's `path` is the path of its element (`.../CdtTrfTxInf[1]/Dbtr`).
//!
//! # What is read
//!
//! Parties, with their role: `Dbtr` debtor, `Cdtr` creditor, `UltmtDbtr`, `UltmtCdtr`,
//! `InitgPty`, `DbtrAgt`, `CdtrAgt`, `InstgAgt`, `InstdAgt`, `IntrmyAgt1`–`3`
//! (intermediary agent), `PrvsInstgAgt1`–`3` (previous instructing agent),
//! `InstgRmbrsmntAgt`, `InstdRmbrsmntAgt`, `ThrdRmbrsmntAgt`; `pain.001`'s forwarding
//! agent `FwdgAgt` is read as an instructing agent. From each:
//!
//! | element | field |
//! |---------|-------|
//! | `Nm`, `FinInstnId/Nm` | name |
//! | `PstlAdr/AdrLine` (each), `PstlAdr/TwnLctnNm`, `PstlAdr/DstrctNm` | address lines |
//! | `PstlAdr/StrtNm` (+ `BldgNb`, joined by a space) | street (path of `StrtNm`) |
//! | `PstlAdr/TwnNm`, `PstlAdr/CtrySubDvsn`, `PstlAdr/Ctry` | town, region, country |
//! | `CtryOfRes` | country if the address has none, else an identifier |
//! | `FinInstnId/BICFI` (`BIC` before 2019), `Id/OrgId/AnyBIC` (`BICOrBEI`, `BIC`) | BIC |
//! | `FinInstnId/LEI`, `FinInstnId/ClrSysMmbId/MmbId`, `FinInstnId/Othr/Id` | identifiers |
//! | `Id/OrgId/LEI`, `Id/OrgId/Othr/Id`, `Id/PrvtId/Othr/Id` | identifiers |
//! | `Id/PrvtId/DtAndPlcOfBirth/BirthDt` | birth year, and the date as an identifier |
//! | `Id/PrvtId/DtAndPlcOfBirth/CityOfBirth`, `CtryOfBirth` | identifiers |
//! | the party's account (`DbtrAcct`, `CdtrAgtAcct`, `IntrmyAgt1Acct`...): `Id/IBAN`, else `Id/Othr/Id` | account |
//! | the account's `Nm` | name, if the party has none |
//! | the account's `Prxy/Id` | identifier |
//!
//! `pacs.004`'s and the header's parties may be wrapped (`Dbtr/Pty/Nm`, `Dbtr/Agt/
//! FinInstnId/BICFI`, `Fr/FIId/FinInstnId/BICFI`, `Fr/OrgId/Nm`): the wrapper is read
//! through and kept in the field paths. An account whose party element is absent still
//! gives a party of that role, with the account element's path. Parties with nothing
//! screenable are dropped.
//!
//! Where the parties go:
//!
//! - [`Payment::parties`]: the header's `Fr` (message sender) and `To` (message
//!   receiver), and the group header's parties, shared by all transactions
//!   (`GrpHdr/InstgAgt`, `GrpHdr/InstdAgt`, `GrpHdr/SttlmInf/*RmbrsmntAgt`,
//!   `pain.001`'s `GrpHdr/InitgPty` and `GrpHdr/FwdgAgt`).
//! - one [`Transaction`] per `CdtTrfTxInf` (`pacs.008`, `pacs.009`, and each `PmtInf` of
//!   a `pain.001`) or `TxInf` (`pacs.004`), with the parties that are its direct
//!   children. A `pacs.009` COV adds the underlying customer transfer's parties
//!   (`UndrlygCstmrCdtTrf/Dbtr`...), a `pacs.004` those of `RtrChain` and `OrgnlTxRef`
//!   (and its `SttlmInf`), and a `pain.001` transaction gets its `PmtInf`'s parties
//!   (`PmtInf[n]/Dbtr`, `DbtrAcct`, `DbtrAgt`, `UltmtDbtr`...) copied in.
//!
//! Transaction id: `PmtId/UETR`, else `EndToEndId` (unless `NOTPROVIDED`), else `TxId`,
//! else `InstrId`; for `pacs.004`: `UETR`, `OrgnlUETR`, `OrgnlEndToEndId`, `RtrId`,
//! `OrgnlTxId`, `OrgnlInstrId`. Amount (currency from `Ccy`): `IntrBkSttlmAmt`, else
//! `InstdAmt`; `pain.001`: `Amt/InstdAmt`, else `Amt/EqvtAmt/Amt`; `pacs.004`:
//! `RtrdIntrBkSttlmAmt`, else `RtrdInstdAmt`.
//!
//! Free text, per transaction (and from the COV underlying transfer, `RtrChain`,
//! `OrgnlTxRef` and the `PmtInf` likewise): `RmtInf/Ustrd` (each), `RmtInf/Strd/
//! AddtlRmtInf`, `RmtInf/Strd/Invcr/Nm` and `Invcee/Nm`, `Purp/Cd` or `Purp/Prtry`,
//! `InstrForCdtrAgt/InstrInf`, `InstrForNxtAgt/InstrInf`, `InstrForDbtrAgt` (text or
//! `InstrInf`), `RgltryRptg/Dtls/Inf`, `RltdRmtInf/RmtId`, `RltdRmtInf/RmtLctnDtls/
//! ElctrncAdr` and `PstlAdr/Nm` (older: `RmtLctnElctrncAdr`, `RmtLctnPstlAdr/Nm`),
//! `RtrRsnInf/AddtlInf` and `RtrRsnInf/Orgtr/Nm` (`pacs.004`), `ChqInstr/ChqFr/Nm` and
//! `ChqInstr/DlvrTo/Nm` (`pain.001` cheques).
//!
//! # What is not read
//!
//! Vessels: ISO 20022 has no structured place for vessel names or IMO numbers, so
//! [`Transaction::vessels`] stays empty; they are screened in the free text. Not read
//! either: `BrnchId` of agents, post codes, department/floor/room/building name, contact
//! details (`CtctDtls`), tax parties (`Tax/Cdtr`, `Tax/Dbtr`), charges agents
//! (`ChrgsInf/Agt`), the settlement account (`SttlmAcct`), `RgltryRptg/Authrty`, dates,
//! codes, the header's `Rltd` block, and any `SplmtryData`. Other ISO 20022 messages
//! (`pacs.002` status reports, `camt.*`, `pain.002`...) are refused as unsupported.
//!
//! # Errors
//!
//! Broken XML, a DOCTYPE, unknown entities or too deep nesting: `Malformed` (`Encoding`
//! for bytes that are not UTF-8 or a non-UTF-8 encoding declaration), at the reader's
//! byte offset. An unknown namespace, message or version: `Unsupported`, at the
//! `Document` start tag, naming it. A header without its Document, a Document whose
//! message element is missing, no message id, no transaction: `Invalid`, at the
//! element concerned. `Error::format` is set once the format is known.
//!
//! # Code
//!
//! `identify` tells the message and its version from the Document, `parties` reads
//! the parties and their accounts, and `transactions` the transactions with their
//! amounts, ids and free text. This module parses the XML, checks that no screened value
//! is hidden by the structure, and builds the [`Payment`]; the helpers at the end make the
//! element paths every value is located by.

mod identify;
mod parties;
mod transactions;

use interdict_model::{Located, MessageFormat, Payment, Transaction};
use interdict_xml::{El, XmlError};

use crate::{Error, ErrorKind, Position};
use identify::{find, format_of_definition, identify, sniff_format};
use parties::{collect_parties, header_parties};
use transactions::{credit_transfer, initiations, payment_return};

/// Parses one ISO 20022 message (with or without its business application header).
pub fn parse(bytes: &[u8]) -> Result<Payment, Error> {
    let tree = interdict_xml::parse_document(bytes).map_err(|e| xml_error(bytes, e))?;
    let root = tree.root();
    let document = find(root, "Document");
    let header = match &document {
        Some((_, ancestors)) => {
            ancestors.last().and_then(|parent| parent.child("AppHdr")).or_else(|| find(root, "AppHdr").map(|f| f.0))
        }
        None => find(root, "AppHdr").map(|f| f.0),
    };
    let Some((document, ancestors)) = document else {
        return Err(match header {
            Some(h) => Error::new(
                ErrorKind::Invalid,
                h.text_of("MsgDefIdr").and_then(format_of_definition),
                Position::Byte(h.offset()),
                "a business application header (AppHdr) without its Document: there is no payment to read",
            ),
            None => Error::new(
                ErrorKind::Unsupported,
                None,
                Position::Byte(root.offset()),
                format!("no ISO 20022 Document element (the root element is <{}>)", root.name()),
            ),
        });
    };
    let (spec, version, message) = identify(document, &ancestors, header)?;
    let format = spec.format;
    for part in header.into_iter().chain(std::iter::once(message)) {
        check_structure(part)
            .map_err(|(at, reason)| Error::new(ErrorKind::Invalid, Some(format), Position::Byte(at), reason))?;
    }
    let message_path = join("/Document", message.name());
    let group = message.child("GrpHdr");
    let group_path = join(&message_path, "GrpHdr");
    let message_id = group
        .and_then(|g| g.text_of("MsgId"))
        .or_else(|| header.and_then(|h| h.text_of("BizMsgIdr")))
        .ok_or_else(|| {
            Error::new(
                ErrorKind::Invalid,
                Some(format),
                Position::Byte(group.map_or(message.offset(), |g| g.offset())),
                "no message id: GrpHdr/MsgId is missing or empty, and there is no AppHdr/BizMsgIdr",
            )
        })?
        .to_string();

    let mut parties = Vec::new();
    if let Some(h) = header {
        header_parties(h, &mut parties);
    }
    if let Some(g) = group {
        collect_parties(g, &group_path, &mut parties);
        if let Some(s) = g.child("SttlmInf") {
            collect_parties(s, &join(&group_path, "SttlmInf"), &mut parties);
        }
    }

    let mut cover = false;
    let settlement = group.and_then(|g| g.text_of("IntrBkSttlmDt"));
    let transactions: Vec<Transaction> = match format {
        MessageFormat::Pacs004 => {
            indexed(message, &message_path, "TxInf").map(|(path, tx)| payment_return(tx, &path, settlement)).collect()
        }
        MessageFormat::Pain001 => initiations(message, &message_path),
        _ => indexed(message, &message_path, "CdtTrfTxInf")
            .map(|(path, tx)| credit_transfer(tx, &path, &mut cover, settlement))
            .collect(),
    };
    if transactions.is_empty() {
        let what = match format {
            MessageFormat::Pacs004 => "TxInf",
            MessageFormat::Pain001 => "PmtInf/CdtTrfTxInf",
            _ => "CdtTrfTxInf",
        };
        return Err(Error::new(
            ErrorKind::Invalid,
            Some(format),
            Position::Byte(message.offset()),
            format!("no transaction: {} holds no {what}", message.name()),
        ));
    }
    let format = if cover && format == MessageFormat::Pacs009 { MessageFormat::Pacs009Cov } else { format };
    Ok(Payment { message_id, format, version, parties, transactions })
}

/// Elements the schemas allow at most once in their parent, whose value screening
/// reads: a second one would not be screened, so it makes the message invalid. Returns
/// a slot per name (a `match`: this runs for every element of every message).
fn at_most_once(name: &str) -> Option<usize> {
    Some(match name {
        "Nm" => 0,
        "PstlAdr" => 1,
        "StrtNm" => 2,
        "BldgNb" => 3,
        "TwnNm" => 4,
        "TwnLctnNm" => 5,
        "DstrctNm" => 6,
        "CtrySubDvsn" => 7,
        "Ctry" => 8,
        "CtryOfRes" => 9,
        "BICFI" => 10,
        "AnyBIC" => 11,
        "BICOrBEI" => 12,
        "FinInstnId" => 13,
        "Id" => 14,
        "IBAN" => 15,
        "MsgId" => 16,
        _ => return None,
    })
}

/// Elements that hold only text: an element inside one (mixed content) would not be
/// screened, so it makes the message invalid.
fn text_only(name: &str) -> bool {
    matches!(
        name,
        "Nm" | "AdrLine"
            | "StrtNm"
            | "BldgNb"
            | "TwnNm"
            | "TwnLctnNm"
            | "DstrctNm"
            | "CtrySubDvsn"
            | "Ctry"
            | "CtryOfRes"
            | "BICFI"
            | "AnyBIC"
            | "BICOrBEI"
            | "Ustrd"
            | "AddtlRmtInf"
            | "InstrInf"
    )
}

/// Checks what the reading above takes on trust: that no screened value is repeated
/// where the schemas allow one (`<Nm>A</Nm><Nm>B</Nm>`: the second would be ignored),
/// and that text elements hold no elements (`<Nm>A <b>B</b></Nm>`: the inner text would
/// be ignored). Returns the byte offset and the reason of the first problem.
fn check_structure(root: El<'_>) -> Result<(), (u64, String)> {
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        let name = node.name();
        if text_only(name) {
            if let Some(child) = node.children().next() {
                return Err((
                    child.offset(),
                    format!(
                        "<{name}> holds the element <{}>; it may hold only text (its content would not be screened)",
                        child.name()
                    ),
                ));
            }
            continue;
        }
        let mut seen = 0u32;
        for child in node.children() {
            if let Some(k) = at_most_once(child.name()) {
                if seen & (1 << k) != 0 {
                    return Err((
                        child.offset(),
                        format!(
                            "<{}> appears twice in <{name}>, where the schema allows one (the second would not be screened)",
                            child.name()
                        ),
                    ));
                }
                seen |= 1 << k;
            }
            stack.push(child);
        }
    }
    Ok(())
}

/// An XML reader error as a message error, with the format if the raw bytes name one.
fn xml_error(bytes: &[u8], e: XmlError) -> Error {
    let lower = e.reason.to_ascii_lowercase();
    let kind = if lower.contains("utf-8") || lower.contains("utf8") || lower.contains("encoding") {
        ErrorKind::Encoding
    } else {
        ErrorKind::Malformed
    };
    Error::new(kind, sniff_format(bytes), Position::Byte(e.offset), e.reason)
}

// ---------------------------------------------------------------------------------------
// Element paths and the values located by them.

/// Children named `name` with their indexed paths `path/name[i]`, 1-based.
fn indexed<'a>(node: El<'a>, path: &'a str, name: &'a str) -> impl Iterator<Item = (String, El<'a>)> + 'a {
    node.children_named(name).enumerate().map(move |(i, c)| {
        let mut indexed = join(path, name);
        indexed.push('[');
        push_number(&mut indexed, i + 1);
        indexed.push(']');
        (indexed, c)
    })
}

/// Appends a number's decimal digits (without `format!`, for the same reason as [`join`]).
fn push_number(out: &mut String, n: usize) {
    if n >= 10 {
        push_number(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// The text of child `name` of `node` (at `path`), located at `path/name`.
fn field(node: El<'_>, path: &str, name: &str) -> Option<Located> {
    node.text_of(name).map(|t| Located::new(join(path, name), t))
}

/// The node's own text, located at `path`.
fn own_text(node: El<'_>, path: &str) -> Option<Located> {
    node.text().map(|t| Located::new(path, t))
}

/// Sets `slot` to `value` unless it is already set.
fn set(slot: &mut Option<Located>, value: Option<Located>) {
    if slot.is_none() {
        *slot = value;
    }
}

/// Appends `value`, if there is one.
fn push(list: &mut Vec<Located>, value: Option<Located>) {
    list.extend(value);
}

/// `path/name`: an element path one level down (cheaper than `format!`, which the
/// parser called for every field it read).
fn join(path: &str, name: &str) -> String {
    let mut joined = String::with_capacity(path.len() + 1 + name.len());
    joined.push_str(path);
    joined.push('/');
    joined.push_str(name);
    joined
}
