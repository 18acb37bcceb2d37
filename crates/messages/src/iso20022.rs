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

use interdict_model::{Amount, Located, MessageFormat, Party, PartyRole, Payment, Transaction};
use interdict_xml::{El, XmlError};

use crate::{Error, ErrorKind, Position};

/// The prefix of every ISO 20022 message namespace.
const ISO_NS: &str = "urn:iso:std:iso:20022:tech:xsd:";

/// A supported message: its identifier, its message elements, its versions.
struct Spec {
    id: &'static str,
    roots: &'static [&'static str],
    versions: (u32, u32),
    format: MessageFormat,
}

const SPECS: &[Spec] = &[
    Spec { id: "pacs.008", roots: &["FIToFICstmrCdtTrf"], versions: (2, 13), format: MessageFormat::Pacs008 },
    Spec { id: "pacs.009", roots: &["FICdtTrf", "FinInstnCdtTrf"], versions: (2, 12), format: MessageFormat::Pacs009 },
    Spec { id: "pacs.004", roots: &["PmtRtr"], versions: (2, 14), format: MessageFormat::Pacs004 },
    Spec { id: "pain.001", roots: &["CstmrCdtTrfInitn"], versions: (3, 12), format: MessageFormat::Pain001 },
];

const SUPPORTED: &str = "pacs.008, pacs.009, pacs.004 and pain.001 are";

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

/// The format named by the first ISO 20022 message namespace in the raw bytes, for
/// errors found before there is a tree to look at.
fn sniff_format(bytes: &[u8]) -> Option<MessageFormat> {
    let needle = ISO_NS.as_bytes();
    let mut rest = bytes;
    while let Some(i) = rest.windows(needle.len()).position(|w| w == needle) {
        rest = &rest[i + needle.len()..];
        if let Some(spec) = SPECS.iter().find(|s| rest.starts_with(s.id.as_bytes())) {
            return Some(spec.format);
        }
    }
    None
}

/// The format a header's `MsgDefIdr` (`pacs.008.001.08`) names, if supported.
fn format_of_definition(definition: &str) -> Option<MessageFormat> {
    SPECS.iter().find(|s| definition.starts_with(s.id)).map(|s| s.format)
}

/// The shallowest element named `name` (breadth first) and its ancestors, outermost first.
fn find<'a>(root: El<'a>, name: &str) -> Option<(El<'a>, Vec<El<'a>>)> {
    // Every node seen, with the index of its parent.
    let mut seen: Vec<(El<'a>, Option<usize>)> = vec![(root, None)];
    let mut next = 0;
    while next < seen.len() {
        let (node, _) = seen[next];
        if node.name() == name {
            let mut ancestors = Vec::new();
            let mut parent = seen[next].1;
            while let Some(p) = parent {
                ancestors.push(seen[p].0);
                parent = seen[p].1;
            }
            ancestors.reverse();
            return Some((node, ancestors));
        }
        for child in node.children() {
            seen.push((child, Some(next)));
        }
        next += 1;
    }
    None
}

/// What the Document's namespace says.
enum Namespace<'a> {
    Iso(&'a str),
    Other(&'a str),
    Absent,
}

/// An ISO 20022 message namespace declared by `node` (default or prefixed), if any.
fn iso_namespace_of(node: El<'_>) -> Option<&str> {
    let is_message =
        |v: &str| v.starts_with(ISO_NS) && !v[ISO_NS.len()..].starts_with("head.") && !v.contains(char::is_whitespace);
    if let Some(v) = node.attr("xmlns").filter(|v| is_message(v)) {
        return Some(v);
    }
    // A prefixed declaration (`xmlns:pacs="..."`) reaches us under its prefix as the key.
    node.attrs().map(|(_, v)| v).find(|v| is_message(v))
}

fn namespace<'a>(document: El<'a>, ancestors: &[El<'a>]) -> Namespace<'a> {
    if let Some(ns) = iso_namespace_of(document) {
        return Namespace::Iso(ns);
    }
    if let Some(ns) = ancestors.iter().rev().find_map(|a| iso_namespace_of(*a)) {
        return Namespace::Iso(ns);
    }
    match document.attr("xmlns") {
        Some(ns) if !ns.is_empty() => Namespace::Other(ns),
        _ => Namespace::Absent,
    }
}

/// The message spec, version and message element of a Document.
fn identify<'a>(
    document: El<'a>,
    ancestors: &[El<'a>],
    header: Option<El<'a>>,
) -> Result<(&'static Spec, Option<String>, El<'a>), Error> {
    let at = Position::Byte(document.offset());
    match namespace(document, ancestors) {
        Namespace::Iso(ns) => {
            let name = &ns[ISO_NS.len()..];
            let parts: Vec<&str> = name.split('.').collect();
            let spec = (parts.len() == 4)
                .then(|| SPECS.iter().find(|s| s.id.split_once('.') == Some((parts[0], parts[1]))))
                .flatten()
                .ok_or_else(|| {
                    Error::new(
                        ErrorKind::Unsupported,
                        None,
                        at,
                        format!("unsupported ISO 20022 message {ns} (only {SUPPORTED} supported)"),
                    )
                })?;
            let version = parts[3].parse::<u32>().ok().filter(|_| parts[2].bytes().all(|b| b.is_ascii_digit()));
            if !version.is_some_and(|v| (spec.versions.0..=spec.versions.1).contains(&v)) {
                return Err(Error::new(
                    ErrorKind::Unsupported,
                    Some(spec.format),
                    at,
                    format!(
                        "unsupported version {ns}: {} is read in versions .001.{:02} to .001.{:02}",
                        spec.id, spec.versions.0, spec.versions.1
                    ),
                ));
            }
            let message = document.children().find(|c| spec.roots.contains(&c.name())).ok_or_else(|| {
                Error::new(
                    ErrorKind::Invalid,
                    Some(spec.format),
                    at,
                    format!("the {name} Document does not hold its message element <{}>", spec.roots[0]),
                )
            })?;
            Ok((spec, Some(name.to_string()), message))
        }
        Namespace::Other(ns) => Err(Error::new(
            ErrorKind::Unsupported,
            None,
            at,
            format!("unsupported namespace {ns:?} on the Document: not an ISO 20022 message ({SUPPORTED} supported)"),
        )),
        Namespace::Absent => {
            let found =
                document.children().find_map(|c| SPECS.iter().find(|s| s.roots.contains(&c.name())).map(|s| (s, c)));
            let Some((spec, message)) = found else {
                let what = match document.children().next() {
                    Some(c) => {
                        format!("its message element <{}> is not supported (only {SUPPORTED} supported)", c.name())
                    }
                    None => "it is empty".to_string(),
                };
                return Err(Error::new(
                    ErrorKind::Unsupported,
                    None,
                    at,
                    format!("the Document has no ISO 20022 namespace and {what}"),
                ));
            };
            let version = header
                .and_then(|h| h.text_of("MsgDefIdr"))
                .filter(|d| d.starts_with(spec.id) && d.len() <= 32)
                .map(str::to_string);
            Ok((spec, version, message))
        }
    }
}

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

fn push(list: &mut Vec<Located>, value: Option<Located>) {
    list.extend(value);
}

/// The party role of an element name.
fn role_of(name: &str) -> Option<PartyRole> {
    Some(match name {
        "Dbtr" => PartyRole::Debtor,
        "Cdtr" => PartyRole::Creditor,
        "UltmtDbtr" => PartyRole::UltimateDebtor,
        "UltmtCdtr" => PartyRole::UltimateCreditor,
        "InitgPty" => PartyRole::InitiatingParty,
        "DbtrAgt" => PartyRole::DebtorAgent,
        "CdtrAgt" => PartyRole::CreditorAgent,
        "InstgAgt" | "FwdgAgt" => PartyRole::InstructingAgent,
        "InstdAgt" => PartyRole::InstructedAgent,
        "IntrmyAgt1" | "IntrmyAgt2" | "IntrmyAgt3" => PartyRole::IntermediaryAgent,
        "PrvsInstgAgt1" | "PrvsInstgAgt2" | "PrvsInstgAgt3" => PartyRole::PreviousInstructingAgent,
        "InstgRmbrsmntAgt" => PartyRole::InstructingReimbursementAgent,
        "InstdRmbrsmntAgt" => PartyRole::InstructedReimbursementAgent,
        "ThrdRmbrsmntAgt" => PartyRole::ThirdReimbursementAgent,
        _ => return None,
    })
}

/// The parties among the direct children of `container` (at `path`), with their
/// accounts, appended to `out`.
/// `path/name`: an element path one level down (cheaper than `format!`, which the
/// parser called for every field it read).
fn join(path: &str, name: &str) -> String {
    let mut joined = String::with_capacity(path.len() + 1 + name.len());
    joined.push_str(path);
    joined.push('/');
    joined.push_str(name);
    joined
}

fn collect_parties(container: El<'_>, path: &str, out: &mut Vec<Party>) {
    let mut found: Vec<Party> = Vec::new();
    for child in container.children() {
        if let Some(role) = role_of(child.name()) {
            found.push(party(child, &join(path, child.name()), role));
        }
    }
    for child in container.children() {
        let Some(owner) = child.name().strip_suffix("Acct") else { continue };
        let Some(role) = role_of(owner) else { continue };
        let account_path = join(path, child.name());
        let owner_path = join(path, owner);
        let index = match found.iter().position(|p| p.path == owner_path) {
            Some(i) => i,
            None => {
                found.push(Party::new(role, account_path.clone()));
                found.len() - 1
            }
        };
        account(&mut found[index], child, &account_path);
    }
    out.extend(found.into_iter().filter(|p| !p.is_empty() || p.birth_year.is_some()));
}

/// One party element: a customer (`Nm`, `PstlAdr`, `Id`...), an institution
/// (`FinInstnId`), or either behind a `Pty`/`Agt` wrapper.
fn party(node: El<'_>, path: &str, role: PartyRole) -> Party {
    let mut p = Party::new(role, path);
    fill(&mut p, node, path);
    for wrapper in ["Pty", "Agt"] {
        if let Some(inner) = node.child(wrapper) {
            fill(&mut p, inner, &join(path, wrapper));
        }
    }
    p
}

/// Reads what `node` (at `path`) says about a party into `p`, keeping what is set.
fn fill(p: &mut Party, node: El<'_>, path: &str) {
    set(&mut p.name, field(node, path, "Nm"));
    if let Some(address) = node.child("PstlAdr") {
        postal_address(p, address, &join(path, "PstlAdr"));
    }
    if let Some(id) = node.child("Id") {
        party_identification(p, id, &join(path, "Id"));
    }
    if let Some(residence) = field(node, path, "CtryOfRes") {
        match &p.country {
            None => p.country = Some(residence),
            Some(c) if c.value != residence.value => p.identifiers.push(residence),
            Some(_) => {}
        }
    }
    if let Some(institution) = node.child("FinInstnId") {
        financial_institution(p, institution, &join(path, "FinInstnId"));
    }
}

fn postal_address(p: &mut Party, address: El<'_>, path: &str) {
    for (line_path, line) in indexed(address, path, "AdrLine") {
        push(&mut p.address_lines, own_text(line, &line_path));
    }
    if p.street.is_none() {
        if let Some(street) = address.text_of("StrtNm") {
            let mut value = street.to_string();
            if let Some(number) = address.text_of("BldgNb") {
                value.push(' ');
                value.push_str(number);
            }
            p.street = Some(Located::new(join(path, "StrtNm"), value));
        }
    }
    set(&mut p.town, field(address, path, "TwnNm"));
    set(&mut p.country_sub_division, field(address, path, "CtrySubDvsn"));
    set(&mut p.country, field(address, path, "Ctry"));
    // Place names below the town: screened with the address lines.
    push(&mut p.address_lines, field(address, path, "TwnLctnNm"));
    push(&mut p.address_lines, field(address, path, "DstrctNm"));
}

/// `Id` of a customer party: `OrgId` (BIC, LEI, other ids) or `PrvtId` (birth, other ids).
fn party_identification(p: &mut Party, id: El<'_>, path: &str) {
    if let Some(org) = id.child("OrgId") {
        let org_path = join(path, "OrgId");
        for name in ["AnyBIC", "BICOrBEI", "BIC"] {
            set(&mut p.bic, field(org, &org_path, name));
        }
        push(&mut p.identifiers, field(org, &org_path, "LEI"));
        for (other_path, other) in indexed(org, &org_path, "Othr") {
            push(&mut p.identifiers, field(other, &other_path, "Id"));
        }
    }
    if let Some(private) = id.child("PrvtId") {
        let private_path = join(path, "PrvtId");
        if let Some(birth) = private.child("DtAndPlcOfBirth") {
            let birth_path = join(&private_path, "DtAndPlcOfBirth");
            if let Some(date) = field(birth, &birth_path, "BirthDt") {
                if p.birth_year.is_none() {
                    p.birth_year = year(&date.value);
                }
                p.identifiers.push(date);
            }
            push(&mut p.identifiers, field(birth, &birth_path, "CityOfBirth"));
            push(&mut p.identifiers, field(birth, &birth_path, "CtryOfBirth"));
        }
        for (other_path, other) in indexed(private, &private_path, "Othr") {
            push(&mut p.identifiers, field(other, &other_path, "Id"));
        }
    }
}

/// The year of an ISO date (`1971-04-23`).
fn year(date: &str) -> Option<u16> {
    let digits = date.get(..4).filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?;
    digits.parse().ok().filter(|y| *y > 0)
}

fn financial_institution(p: &mut Party, institution: El<'_>, path: &str) {
    set(&mut p.bic, field(institution, path, "BICFI"));
    set(&mut p.bic, field(institution, path, "BIC"));
    set(&mut p.name, field(institution, path, "Nm"));
    if let Some(address) = institution.child("PstlAdr") {
        postal_address(p, address, &join(path, "PstlAdr"));
    }
    push(&mut p.identifiers, field(institution, path, "LEI"));
    if let Some(member) = institution.child("ClrSysMmbId") {
        push(&mut p.identifiers, field(member, &join(path, "ClrSysMmbId"), "MmbId"));
    }
    if let Some(other) = institution.child("Othr") {
        push(&mut p.identifiers, field(other, &join(path, "Othr"), "Id"));
    }
}

/// A party's account (`DbtrAcct`...): the IBAN or other id, its name, its proxy.
fn account(p: &mut Party, account: El<'_>, path: &str) {
    if let Some(id) = account.child("Id") {
        let id_path = join(path, "Id");
        let value = field(id, &id_path, "IBAN")
            .or_else(|| id.child("Othr").and_then(|o| field(o, &join(&id_path, "Othr"), "Id")));
        set(&mut p.account, value);
    }
    set(&mut p.name, field(account, path, "Nm"));
    if let Some(proxy) = account.child("Prxy") {
        push(&mut p.identifiers, field(proxy, &join(path, "Prxy"), "Id"));
    }
}

/// The header's sender (`Fr`) and receiver (`To`).
fn header_parties(header: El<'_>, out: &mut Vec<Party>) {
    for (name, role) in [("Fr", PartyRole::MessageSender), ("To", PartyRole::MessageReceiver)] {
        let Some(node) = header.child(name) else { continue };
        let path = join("/AppHdr", name);
        let mut p = Party::new(role, path.clone());
        for inner in ["FIId", "OrgId"] {
            if let Some(n) = node.child(inner) {
                fill(&mut p, n, &join(&path, inner));
            }
        }
        if !p.is_empty() {
            out.push(p);
        }
    }
}

/// The free text among the direct children of `node` (at `path`), appended to `out`.
fn collect_text(node: El<'_>, path: &str, out: &mut Vec<Located>) {
    if let Some(remittance) = node.child("RmtInf") {
        let remittance_path = join(path, "RmtInf");
        for (p, text) in indexed(remittance, &remittance_path, "Ustrd") {
            push(out, own_text(text, &p));
        }
        for (structured_path, structured) in indexed(remittance, &remittance_path, "Strd") {
            for (p, text) in indexed(structured, &structured_path, "AddtlRmtInf") {
                push(out, own_text(text, &p));
            }
            for who in ["Invcr", "Invcee"] {
                if let Some(party) = structured.child(who) {
                    push(out, field(party, &join(&structured_path, who), "Nm"));
                }
            }
        }
    }
    if let Some(purpose) = node.child("Purp") {
        let purpose_path = join(path, "Purp");
        push(out, field(purpose, &purpose_path, "Cd"));
        push(out, field(purpose, &purpose_path, "Prtry"));
    }
    for name in ["InstrForCdtrAgt", "InstrForNxtAgt"] {
        for (p, instruction) in indexed(node, path, name) {
            push(out, field(instruction, &p, "InstrInf"));
        }
    }
    if let Some(instruction) = node.child("InstrForDbtrAgt") {
        let p = join(path, "InstrForDbtrAgt");
        push(out, own_text(instruction, &p));
        push(out, field(instruction, &p, "InstrInf"));
    }
    for (reporting_path, reporting) in indexed(node, path, "RgltryRptg") {
        for (details_path, details) in indexed(reporting, &reporting_path, "Dtls") {
            for (p, text) in indexed(details, &details_path, "Inf") {
                push(out, own_text(text, &p));
            }
        }
    }
    for (related_path, related) in indexed(node, path, "RltdRmtInf") {
        push(out, field(related, &related_path, "RmtId"));
        for (location_path, location) in indexed(related, &related_path, "RmtLctnDtls") {
            push(out, field(location, &location_path, "ElctrncAdr"));
            if let Some(address) = location.child("PstlAdr") {
                push(out, field(address, &join(&location_path, "PstlAdr"), "Nm"));
            }
        }
        push(out, field(related, &related_path, "RmtLctnElctrncAdr"));
        if let Some(address) = related.child("RmtLctnPstlAdr") {
            push(out, field(address, &join(&related_path, "RmtLctnPstlAdr"), "Nm"));
        }
    }
    for (reason_path, reason) in indexed(node, path, "RtrRsnInf") {
        if let Some(originator) = reason.child("Orgtr") {
            push(out, field(originator, &join(&reason_path, "Orgtr"), "Nm"));
        }
        for (p, text) in indexed(reason, &reason_path, "AddtlInf") {
            push(out, own_text(text, &p));
        }
    }
    if let Some(cheque) = node.child("ChqInstr") {
        let cheque_path = join(path, "ChqInstr");
        for who in ["ChqFr", "DlvrTo"] {
            if let Some(party) = cheque.child(who) {
                push(out, field(party, &join(&cheque_path, who), "Nm"));
            }
        }
    }
}

/// The first non-empty text among the children `names` of `node`; `NOTPROVIDED` only
/// if there is nothing better.
fn first_id(node: Option<El<'_>>, names: &[&str]) -> Option<String> {
    let node = node?;
    let values: Vec<&str> = names.iter().filter_map(|n| node.text_of(n)).collect();
    values.iter().find(|v| !v.eq_ignore_ascii_case("NOTPROVIDED")).or(values.first()).map(|v| v.to_string())
}

/// The text of the child `name` of `node`, unless empty or `NOTPROVIDED`.
fn provided(node: Option<El<'_>>, name: &str) -> Option<String> {
    node?.text_of(name).filter(|v| !v.eq_ignore_ascii_case("NOTPROVIDED")).map(str::to_string)
}

/// The first of the amounts `names` among the children of `node`.
fn amount(node: Option<El<'_>>, names: &[&str]) -> Option<Amount> {
    let node = node?;
    names.iter().filter_map(|n| node.child(n)).find_map(|a| {
        a.text().map(|value| Amount { currency: a.attr("Ccy").unwrap_or_default().to_string(), value: value.into() })
    })
}

/// A `CdtTrfTxInf` of a pacs.008 or pacs.009 (with its COV underlying transfer).
fn credit_transfer(tx: El<'_>, path: &str, cover: &mut bool, group_settlement: Option<&str>) -> Transaction {
    let mut t = Transaction::new();
    t.id = first_id(tx.child("PmtId"), &["UETR", "EndToEndId", "TxId", "InstrId"]);
    t.end_to_end_id = provided(tx.child("PmtId"), "EndToEndId");
    t.uetr = provided(tx.child("PmtId"), "UETR");
    t.amount = amount(Some(tx), &["IntrBkSttlmAmt", "InstdAmt"]);
    t.settlement_date = tx.text_of("IntrBkSttlmDt").or(group_settlement).map(str::to_string);
    collect_parties(tx, path, &mut t.parties);
    collect_text(tx, path, &mut t.free_text);
    if let Some(underlying) = tx.child("UndrlygCstmrCdtTrf") {
        *cover = true;
        let underlying_path = join(path, "UndrlygCstmrCdtTrf");
        collect_parties(underlying, &underlying_path, &mut t.parties);
        collect_text(underlying, &underlying_path, &mut t.free_text);
        if t.amount.is_none() {
            t.amount = amount(Some(underlying), &["InstdAmt"]);
        }
    }
    t
}

/// A `TxInf` of a pacs.004, with its return chain and original transaction reference.
fn payment_return(tx: El<'_>, path: &str, group_settlement: Option<&str>) -> Transaction {
    let mut t = Transaction::new();
    t.id = first_id(Some(tx), &["UETR", "OrgnlUETR", "OrgnlEndToEndId", "RtrId", "OrgnlTxId", "OrgnlInstrId"]);
    t.end_to_end_id = provided(Some(tx), "OrgnlEndToEndId");
    t.uetr = provided(Some(tx), "UETR").or_else(|| provided(Some(tx), "OrgnlUETR"));
    t.amount = amount(Some(tx), &["RtrdIntrBkSttlmAmt", "RtrdInstdAmt"]);
    t.settlement_date = tx.text_of("IntrBkSttlmDt").or(group_settlement).map(str::to_string);
    collect_parties(tx, path, &mut t.parties);
    collect_text(tx, path, &mut t.free_text);
    for part in ["RtrChain", "OrgnlTxRef"] {
        let Some(node) = tx.child(part) else { continue };
        let part_path = join(path, part);
        collect_parties(node, &part_path, &mut t.parties);
        if let Some(settlement) = node.child("SttlmInf") {
            collect_parties(settlement, &join(&part_path, "SttlmInf"), &mut t.parties);
        }
        collect_text(node, &part_path, &mut t.free_text);
    }
    t
}

/// The transactions of a pain.001: each `CdtTrfTxInf` of each `PmtInf`, with the
/// payment information's parties and text.
fn initiations(message: El<'_>, message_path: &str) -> Vec<Transaction> {
    let mut out = Vec::new();
    for (block_path, block) in indexed(message, message_path, "PmtInf") {
        let mut shared_parties = Vec::new();
        collect_parties(block, &block_path, &mut shared_parties);
        let mut shared_text = Vec::new();
        collect_text(block, &block_path, &mut shared_text);
        // `ReqdExctnDt` is a date up to version 08 of pain.001, then a choice of `Dt`
        // and `DtTm`.
        let execution = block
            .child("ReqdExctnDt")
            .and_then(|d| d.text().or_else(|| d.text_of("Dt")).or_else(|| d.text_of("DtTm").and_then(|t| t.get(..10))));
        for (path, tx) in indexed(block, &block_path, "CdtTrfTxInf") {
            let mut t = Transaction::new();
            t.id = first_id(tx.child("PmtId"), &["UETR", "EndToEndId", "InstrId"]);
            t.end_to_end_id = provided(tx.child("PmtId"), "EndToEndId");
            t.uetr = provided(tx.child("PmtId"), "UETR");
            t.settlement_date = execution.map(str::to_string);
            let amounts = tx.child("Amt");
            t.amount =
                amount(amounts, &["InstdAmt"]).or_else(|| amount(amounts.and_then(|a| a.child("EqvtAmt")), &["Amt"]));
            t.parties = shared_parties.clone();
            collect_parties(tx, &path, &mut t.parties);
            t.free_text = shared_text.clone();
            collect_text(tx, &path, &mut t.free_text);
            out.push(t);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! fixture {
        ($name:literal) => {
            include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/iso20022/", $name)).as_slice()
        };
    }

    const DOC008: &str = "/Document/FIToFICstmrCdtTrf";

    /// Every value of a payment as (kind, path, value); a party gives ("party", its
    /// path, its role).
    fn flatten(p: &Payment) -> Vec<(&'static str, String, String)> {
        let mut out = Vec::new();
        let parties = p.parties.iter().chain(p.transactions.iter().flat_map(|t| &t.parties));
        for party in parties {
            out.push(("party", party.path.clone(), format!("{:?}", party.role)));
            let singles = [
                ("name", &party.name),
                ("street", &party.street),
                ("town", &party.town),
                ("region", &party.country_sub_division),
                ("country", &party.country),
                ("bic", &party.bic),
                ("account", &party.account),
            ];
            for (kind, value) in singles {
                if let Some(l) = value {
                    out.push((kind, l.path.clone(), l.value.clone()));
                }
            }
            for l in &party.address_lines {
                out.push(("address", l.path.clone(), l.value.clone()));
            }
            for l in &party.identifiers {
                out.push(("id", l.path.clone(), l.value.clone()));
            }
            if let Some(y) = party.birth_year {
                out.push(("birth_year", party.path.clone(), y.to_string()));
            }
        }
        for t in &p.transactions {
            for l in &t.free_text {
                out.push(("text", l.path.clone(), l.value.clone()));
            }
        }
        out
    }

    struct Case {
        file: &'static str,
        bytes: &'static [u8],
        message_id: &'static str,
        format: MessageFormat,
        version: Option<&'static str>,
        transactions: usize,
        /// (transaction id, currency, amount) of the first transaction.
        first: (&'static str, &'static str, &'static str),
        /// (kind, path, value) triples that must all be present.
        values: &'static [(&'static str, &'static str, &'static str)],
    }

    fn cases() -> Vec<Case> {
        vec![
            Case {
                file: "cbpr_p.2.1.1_pacs.008_AtoB.xml",
                bytes: fixture!("cbpr_p.2.1.1_pacs.008_AtoB.xml"),
                message_id: "pacs8bizmsgidr01",
                format: MessageFormat::Pacs008,
                version: Some("pacs.008.001.12"),
                transactions: 1,
                first: ("8a562c67-ca16-48ba-b074-65581be6f001", "EUR", "15669.38"),
                values: &[
                    ("party", "/AppHdr/Fr", "MessageSender"),
                    ("bic", "/AppHdr/Fr/FIId/FinInstnId/BICFI", "RBOSGB2LXXX"),
                    ("party", "/AppHdr/To", "MessageReceiver"),
                    ("bic", "/AppHdr/To/FIId/FinInstnId/BICFI", "ABNANL2AXXX"),
                    ("party", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr", "Debtor"),
                    ("name", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/Nm", "C Consumer"),
                    ("street", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/PstlAdr/StrtNm", "High Street"),
                    ("town", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/PstlAdr/TwnNm", "Epping"),
                    ("country", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/PstlAdr/Ctry", "GB"),
                    ("account", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/DbtrAcct/Id/Othr/Id", "12547896"),
                    ("party", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/IntrmyAgt1", "IntermediaryAgent"),
                    ("bic", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/IntrmyAgt1/FinInstnId/BICFI", "NDEAFIHHXXX"),
                    ("party", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/InstgAgt", "InstructingAgent"),
                    ("party", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/InstdAgt", "InstructedAgent"),
                    ("bic", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/DbtrAgt/FinInstnId/BICFI", "RBOSGB2LXXX"),
                    ("bic", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/CdtrAgt/FinInstnId/BICFI", "HELSFIHHXXX"),
                    ("name", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Cdtr/Nm", "Evli"),
                    ("street", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Cdtr/PstlAdr/StrtNm", "Aleksanterinkatu 19"),
                    ("country", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Cdtr/PstlAdr/Ctry", "FI"),
                    ("account", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/CdtrAcct/Id/Othr/Id", "98653214"),
                ],
            },
            Case {
                // Prefixed namespaces (head:, pacs:) on the header and the Document.
                file: "cbpr_c.53.5_pacs.008_AtoB.xml",
                bytes: fixture!("cbpr_c.53.5_pacs.008_AtoB.xml"),
                message_id: "pacs8bizmsgidr01",
                format: MessageFormat::Pacs008,
                version: Some("pacs.008.001.08"),
                transactions: 1,
                first: ("174c245f-2682-4291-ad67-2a41e530cd27", "SGD", "500000"),
                values: &[
                    ("bic", "/AppHdr/Fr/FIId/FinInstnId/BICFI", "WPACAU2S"),
                    ("bic", "/AppHdr/To/FIId/FinInstnId/BICFI", "DBSSSGSG"),
                    ("name", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/Nm", "Australian Submarine"),
                    ("town", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/PstlAdr/TwnNm", "Adelaide"),
                    ("country", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/PstlAdr/Ctry", "AU"),
                    ("name", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Cdtr/Nm", "Agoda Company"),
                    ("street", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Cdtr/PstlAdr/StrtNm", "30 Cecil Street"),
                    ("country", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Cdtr/PstlAdr/Ctry", "SG"),
                    ("bic", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/CdtrAgt/FinInstnId/BICFI", "UOVBSGSG"),
                ],
            },
            Case {
                file: "cbpr_p.2.2.1_pacs.009_BtoC.xml",
                bytes: fixture!("cbpr_p.2.2.1_pacs.009_BtoC.xml"),
                message_id: "pacs9bizmsgidr01",
                format: MessageFormat::Pacs009,
                version: Some("pacs.009.001.11"),
                transactions: 1,
                first: ("dab3b64f-092b-4839-b7e9-8f438af50961", "EUR", "654489.98"),
                values: &[
                    ("party", "/Document/FICdtTrf/CdtTrfTxInf[1]/Dbtr", "Debtor"),
                    ("bic", "/Document/FICdtTrf/CdtTrfTxInf[1]/Dbtr/FinInstnId/BICFI", "RBOSGB2LXXX"),
                    ("party", "/Document/FICdtTrf/CdtTrfTxInf[1]/Cdtr", "Creditor"),
                    ("bic", "/Document/FICdtTrf/CdtTrfTxInf[1]/Cdtr/FinInstnId/BICFI", "EVSEFIHHXXX"),
                    ("bic", "/Document/FICdtTrf/CdtTrfTxInf[1]/InstdAgt/FinInstnId/BICFI", "NDEAFIHHXXX"),
                    ("text", "/Document/FICdtTrf/CdtTrfTxInf[1]/RmtInf/Ustrd[1]", "Invoice: 456464-9663"),
                ],
            },
            Case {
                file: "cbpr_p.2.3.1.a_pacs.009.cov_AtoB.xml",
                bytes: fixture!("cbpr_p.2.3.1.a_pacs.009.cov_AtoB.xml"),
                message_id: "pacs9bizmsgidr01",
                format: MessageFormat::Pacs009Cov,
                version: Some("pacs.009.001.11"),
                transactions: 1,
                first: ("7a562c67-ca16-48ba-b074-65581be6f001", "EUR", "65784.32"),
                values: &[
                    ("bic", "/AppHdr/Fr/FIId/FinInstnId/BICFI", "CLYDGB2S"),
                    ("bic", "/Document/FICdtTrf/CdtTrfTxInf[1]/Dbtr/FinInstnId/BICFI", "CLYDGB2S"),
                    ("bic", "/Document/FICdtTrf/CdtTrfTxInf[1]/Cdtr/FinInstnId/BICFI", "CAIXESBB"),
                    ("party", "/Document/FICdtTrf/CdtTrfTxInf[1]/UndrlygCstmrCdtTrf/Dbtr", "Debtor"),
                    ("name", "/Document/FICdtTrf/CdtTrfTxInf[1]/UndrlygCstmrCdtTrf/Dbtr/Nm", "A Debiter"),
                    ("town", "/Document/FICdtTrf/CdtTrfTxInf[1]/UndrlygCstmrCdtTrf/Dbtr/PstlAdr/TwnNm", "Epping"),
                    ("account", "/Document/FICdtTrf/CdtTrfTxInf[1]/UndrlygCstmrCdtTrf/DbtrAcct/Id/Othr/Id", "25698745"),
                    ("party", "/Document/FICdtTrf/CdtTrfTxInf[1]/UndrlygCstmrCdtTrf/DbtrAgt", "DebtorAgent"),
                    ("party", "/Document/FICdtTrf/CdtTrfTxInf[1]/UndrlygCstmrCdtTrf/Cdtr", "Creditor"),
                    ("name", "/Document/FICdtTrf/CdtTrfTxInf[1]/UndrlygCstmrCdtTrf/Cdtr/Nm", "B Creditor Co"),
                    ("town", "/Document/FICdtTrf/CdtTrfTxInf[1]/UndrlygCstmrCdtTrf/Cdtr/PstlAdr/TwnNm", "Barcelona"),
                    ("country", "/Document/FICdtTrf/CdtTrfTxInf[1]/UndrlygCstmrCdtTrf/Cdtr/PstlAdr/Ctry", "ES"),
                    ("account", "/Document/FICdtTrf/CdtTrfTxInf[1]/UndrlygCstmrCdtTrf/CdtrAcct/Id/Othr/Id", "65479512"),
                    (
                        "bic",
                        "/Document/FICdtTrf/CdtTrfTxInf[1]/UndrlygCstmrCdtTrf/CdtrAgt/FinInstnId/BICFI",
                        "CAIXESBB",
                    ),
                ],
            },
            Case {
                // `<message>` wrapper, head.001.001.01, group-level agents with names.
                file: "prowide_pacs.008.001.07.xml",
                bytes: fixture!("prowide_pacs.008.001.07.xml"),
                message_id: "823823423",
                format: MessageFormat::Pacs008,
                version: Some("pacs.008.001.07"),
                transactions: 1,
                first: ("987654321987654321", "USD", "5000"),
                values: &[
                    ("bic", "/AppHdr/Fr/FIId/FinInstnId/BICFI", "ABCDUS33XXX"),
                    ("party", "/Document/FIToFICstmrCdtTrf/GrpHdr/InstgAgt", "InstructingAgent"),
                    ("name", "/Document/FIToFICstmrCdtTrf/GrpHdr/InstgAgt/FinInstnId/Nm", "Lionel Messi"),
                    ("bic", "/Document/FIToFICstmrCdtTrf/GrpHdr/InstgAgt/FinInstnId/BICFI", "CITTGB2LPBG"),
                    ("id", "/Document/FIToFICstmrCdtTrf/GrpHdr/InstgAgt/FinInstnId/Othr/Id", "2342342342"),
                    ("name", "/Document/FIToFICstmrCdtTrf/GrpHdr/InstdAgt/FinInstnId/Nm", "Manu Ginobili"),
                    (
                        "street",
                        "/Document/FIToFICstmrCdtTrf/GrpHdr/InstdAgt/FinInstnId/PstlAdr/StrtNm",
                        "My Street 1122",
                    ),
                    ("town", "/Document/FIToFICstmrCdtTrf/GrpHdr/InstdAgt/FinInstnId/PstlAdr/TwnNm", "Los Angeles"),
                    ("region", "/Document/FIToFICstmrCdtTrf/GrpHdr/InstdAgt/FinInstnId/PstlAdr/CtrySubDvsn", "ABCD"),
                    ("name", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/Nm", "Jhon Doe"),
                    ("street", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/PstlAdr/StrtNm", "Foo Street 1"),
                    ("region", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/PstlAdr/CtrySubDvsn", "CABA"),
                    ("country", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/PstlAdr/Ctry", "AR"),
                    ("name", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/DbtrAgt/FinInstnId/Nm", "Foo Corp"),
                    ("name", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Cdtr/Nm", "Mike Smith"),
                ],
            },
            Case {
                file: "prowide_pacs.009.001.09.xml",
                bytes: fixture!("prowide_pacs.009.001.09.xml"),
                message_id: "27373HGDDT33",
                format: MessageFormat::Pacs009,
                version: Some("pacs.009.001.09"),
                transactions: 1,
                first: ("END2ENDID1234", "USD", "12345.67"),
                values: &[
                    ("bic", "/AppHdr/To/FIId/FinInstnId/BICFI", "AAAAUSXXXXX"),
                    ("bic", "/Document/FICdtTrf/CdtTrfTxInf[1]/Dbtr/FinInstnId/BICFI", "BBBBCAXXXXX"),
                    ("bic", "/Document/FICdtTrf/CdtTrfTxInf[1]/Cdtr/FinInstnId/BICFI", "CCCCESXXXXX"),
                ],
            },
            Case {
                file: "mojaloop_pacs.008.outgoing.valid.xml",
                bytes: fixture!("mojaloop_pacs.008.outgoing.valid.xml"),
                message_id: "RNDPS/4e9b19494e5f0c7d61a607",
                format: MessageFormat::Pacs008,
                version: Some("pacs.008.001.08"),
                transactions: 1,
                first: ("000400078911122", "RWF", "20200"),
                values: &[
                    ("party", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/InitgPty", "InitiatingParty"),
                    ("name", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/InitgPty/Nm", "LAKE CITY BANK"),
                    ("id", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/InitgPty/Id/OrgId/Othr[1]/Id", "INITGPTY_ID"),
                    ("name", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/Nm", "PAYER_NAME"),
                    ("account", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/DbtrAcct/Id/Othr/Id", "+1-574-265-1752"),
                    ("id", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/DbtrAgt/FinInstnId/Othr/Id", "LAKCUS33"),
                    (
                        "name",
                        "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/CdtrAgt/FinInstnId/Nm",
                        "EQUITY BANK RWANDA LIMITED",
                    ),
                    (
                        "text",
                        "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/RmtInf/Ustrd[1]",
                        "d7d91837-4402-4c8f-9b73-20255b0ec40c",
                    ),
                ],
            },
            Case {
                // CBPR+ usage-guideline "max" example: nearly every optional element.
                file: "y2026_pacs.008.max.xml",
                bytes: fixture!("y2026_pacs.008.max.xml"),
                message_id: "EXMsgId",
                format: MessageFormat::Pacs008,
                version: Some("pacs.008.001.08"),
                transactions: 1,
                first: ("00000000-0000-4000-8322-704e78b41399", "EUR", "1000.00"),
                values: &[
                    ("id", "/AppHdr/Fr/FIId/FinInstnId/LEI", "315700LMNOPQRSTU3465"),
                    (
                        "party",
                        "/Document/FIToFICstmrCdtTrf/GrpHdr/SttlmInf/InstgRmbrsmntAgt",
                        "InstructingReimbursementAgent",
                    ),
                    (
                        "party",
                        "/Document/FIToFICstmrCdtTrf/GrpHdr/SttlmInf/InstdRmbrsmntAgt",
                        "InstructedReimbursementAgent",
                    ),
                    ("party", "/Document/FIToFICstmrCdtTrf/GrpHdr/SttlmInf/ThrdRmbrsmntAgt", "ThirdReimbursementAgent"),
                    ("account", "/Document/FIToFICstmrCdtTrf/GrpHdr/SttlmInf/InstgRmbrsmntAgtAcct/Id/Othr/Id", "EXId"),
                    ("party", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/PrvsInstgAgt1", "PreviousInstructingAgent"),
                    ("party", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/PrvsInstgAgt3", "PreviousInstructingAgent"),
                    ("party", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/IntrmyAgt3", "IntermediaryAgent"),
                    ("party", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/UltmtDbtr", "UltimateDebtor"),
                    ("party", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/UltmtCdtr", "UltimateCreditor"),
                    ("party", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/InitgPty", "InitiatingParty"),
                    ("birth_year", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/UltmtDbtr", "2026"),
                    (
                        "id",
                        "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/UltmtDbtr/Id/PrvtId/DtAndPlcOfBirth/CityOfBirth",
                        "EXCityOfBirth",
                    ),
                    (
                        "id",
                        "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Cdtr/Id/PrvtId/DtAndPlcOfBirth/CtryOfBirth",
                        "GB",
                    ),
                    ("id", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/Id/PrvtId/Othr[1]/Id", "EXId"),
                    ("address", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/PstlAdr/AdrLine[1]", "EXAdrLine"),
                    ("address", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/PstlAdr/DstrctNm", "EXDstrctNm"),
                    ("street", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/PstlAdr/StrtNm", "EXStrtNm EXBldgNb"),
                    ("region", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Cdtr/PstlAdr/CtrySubDvsn", "EXCtrySubDvsn"),
                    (
                        "id",
                        "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/CdtrAgt/FinInstnId/ClrSysMmbId/MmbId",
                        "EXMmbId",
                    ),
                    ("id", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/CdtrAgt/FinInstnId/LEI", "315700LMNOPQRSTU3465"),
                    ("id", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/CdtrAcct/Prxy/Id", "EXId"),
                    ("text", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/InstrForCdtrAgt[1]/InstrInf", "EXInstrInf"),
                    ("text", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/InstrForNxtAgt[1]/InstrInf", "EXInstrInf"),
                    ("text", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Purp/Cd", "EXCd"),
                    ("text", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/RgltryRptg[1]/Dtls[1]/Inf[1]", "EXInf"),
                    ("text", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/RltdRmtInf[1]/RmtId", "EXRmtId"),
                    (
                        "text",
                        "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/RltdRmtInf[1]/RmtLctnDtls[1]/ElctrncAdr",
                        "EXElctrncAdr",
                    ),
                ],
            },
            Case {
                file: "example_sepa_pain_001_v3_multiple_pmtinf.xml",
                bytes: fixture!("example_sepa_pain_001_v3_multiple_pmtinf.xml"),
                message_id: "38b0440b12d741d690e5721ab6f90e33",
                format: MessageFormat::Pain001,
                version: Some("pain.001.001.03"),
                transactions: 2,
                first: ("d6ecf0cb-e0c3-4fe9-8f21-45464fde659", "EUR", "10.00"),
                values: &[
                    ("party", "/Document/CstmrCdtTrfInitn/GrpHdr/InitgPty", "InitiatingParty"),
                    ("name", "/Document/CstmrCdtTrfInitn/GrpHdr/InitgPty/Nm", "Electrical"),
                    ("id", "/Document/CstmrCdtTrfInitn/GrpHdr/InitgPty/Id/OrgId/Othr[1]/Id", "ELECTRIC"),
                    ("party", "/Document/CstmrCdtTrfInitn/PmtInf[1]/Dbtr", "Debtor"),
                    ("account", "/Document/CstmrCdtTrfInitn/PmtInf[1]/DbtrAcct/Id/IBAN", "ES9121000418450200051332"),
                    ("account", "/Document/CstmrCdtTrfInitn/PmtInf[2]/DbtrAcct/Id/IBAN", "ES9121000418450200051333"),
                    ("bic", "/Document/CstmrCdtTrfInitn/PmtInf[1]/DbtrAgt/FinInstnId/BIC", "BSCHESMMXXX"),
                    (
                        "bic",
                        "/Document/CstmrCdtTrfInitn/PmtInf[2]/CdtTrfTxInf[1]/CdtrAgt/FinInstnId/BIC",
                        "BBVAESMMXXX",
                    ),
                    ("name", "/Document/CstmrCdtTrfInitn/PmtInf[2]/CdtTrfTxInf[1]/Cdtr/Nm", "Dáel Muñiz"),
                    (
                        "street",
                        "/Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[1]/Cdtr/PstlAdr/StrtNm",
                        "Calle de Serrano 41",
                    ),
                    (
                        "region",
                        "/Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[1]/Cdtr/PstlAdr/CtrySubDvsn",
                        "Madrid",
                    ),
                    (
                        "account",
                        "/Document/CstmrCdtTrfInitn/PmtInf[2]/CdtTrfTxInf[1]/CdtrAcct/Id/IBAN",
                        "ES8201822200150201504058",
                    ),
                ],
            },
            Case {
                // Schema-invalid as published; old-style BICOrBEI, clearing-code agents.
                file: "cross_river_pain_001_rtp_credit.xml",
                bytes: fixture!("cross_river_pain_001_rtp_credit.xml"),
                message_id: "DOMT11234562",
                format: MessageFormat::Pain001,
                version: Some("pain.001.001.03"),
                transactions: 1,
                first: ("1000000000000011", "USD", "0.01"),
                values: &[
                    ("bic", "/Document/CstmrCdtTrfInitn/GrpHdr/InitgPty/Id/OrgId/BICOrBEI", "JOHNDOE99"),
                    ("name", "/Document/CstmrCdtTrfInitn/PmtInf[1]/Dbtr/Nm", "John Doe Corporation"),
                    (
                        "street",
                        "/Document/CstmrCdtTrfInitn/PmtInf[1]/Dbtr/PstlAdr/StrtNm",
                        "999 Battery Street, 13th Floor",
                    ),
                    ("region", "/Document/CstmrCdtTrfInitn/PmtInf[1]/Dbtr/PstlAdr/CtrySubDvsn", "CA"),
                    ("account", "/Document/CstmrCdtTrfInitn/PmtInf[1]/DbtrAcct/Id/Othr/Id", "1123456789"),
                    ("id", "/Document/CstmrCdtTrfInitn/PmtInf[1]/DbtrAgt/FinInstnId/ClrSysMmbId/MmbId", "123456789"),
                    ("country", "/Document/CstmrCdtTrfInitn/PmtInf[1]/DbtrAgt/FinInstnId/PstlAdr/Ctry", "US"),
                    (
                        "name",
                        "/Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[1]/CdtrAgt/FinInstnId/Nm",
                        "Cross River Bank NJ",
                    ),
                    ("name", "/Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[1]/Cdtr/Nm", "John Doe Funding LLC"),
                    ("town", "/Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[1]/Cdtr/PstlAdr/TwnNm", "New York"),
                    ("text", "/Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[1]/RmtInf/Ustrd[1]", "Testing"),
                ],
            },
            Case {
                file: "y2026_pain.001.max.xml",
                bytes: fixture!("y2026_pain.001.max.xml"),
                message_id: "EXMsgId",
                format: MessageFormat::Pain001,
                version: Some("pain.001.001.09"),
                transactions: 1,
                first: ("00000000-0000-4000-8b0b-4c70dde05e7b", "EUR", "1000.00"),
                values: &[
                    ("party", "/Document/CstmrCdtTrfInitn/GrpHdr/FwdgAgt", "InstructingAgent"),
                    ("birth_year", "/Document/CstmrCdtTrfInitn/GrpHdr/InitgPty", "2026"),
                    ("text", "/Document/CstmrCdtTrfInitn/PmtInf[1]/InstrForDbtrAgt", "EXInstrForDbtrAgt"),
                    (
                        "text",
                        "/Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[1]/InstrForDbtrAgt",
                        "EXInstrForDbtrAgt",
                    ),
                    ("text", "/Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[1]/RmtInf/Ustrd[1]", "EXUstrd"),
                    ("text", "/Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[1]/ChqInstr/DlvrTo/Nm", "EXNm"),
                    ("party", "/Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[1]/IntrmyAgt1", "IntermediaryAgent"),
                    ("party", "/Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[1]/UltmtCdtr", "UltimateCreditor"),
                ],
            },
            Case {
                file: "pacs004_v09_rtrchain.xml",
                bytes: fixture!("pacs004_v09_rtrchain.xml"),
                message_id: "RTR-0001",
                format: MessageFormat::Pacs004,
                version: Some("pacs.004.001.09"),
                transactions: 2,
                first: ("0a1b2c3d-0000-4000-8000-000000000001", "EUR", "1200.50"),
                values: &[
                    ("bic", "/AppHdr/Fr/FIId/FinInstnId/BICFI", "BANKFRPPXXX"),
                    ("party", "/Document/PmtRtr/TxInf[1]/InstgAgt", "InstructingAgent"),
                    ("party", "/Document/PmtRtr/TxInf[1]/RtrChain/Dbtr", "Debtor"),
                    ("name", "/Document/PmtRtr/TxInf[1]/RtrChain/Dbtr/Pty/Nm", "Marguerite Laval"),
                    ("town", "/Document/PmtRtr/TxInf[1]/RtrChain/Dbtr/Pty/PstlAdr/TwnNm", "Lyon"),
                    ("party", "/Document/PmtRtr/TxInf[1]/RtrChain/Cdtr", "Creditor"),
                    ("bic", "/Document/PmtRtr/TxInf[1]/RtrChain/Cdtr/Agt/FinInstnId/BICFI", "TRDEGB2LXXX"),
                    ("name", "/Document/PmtRtr/TxInf[1]/RtrChain/Cdtr/Agt/FinInstnId/Nm", "Trade Clearing Ltd"),
                    ("name", "/Document/PmtRtr/TxInf[1]/OrgnlTxRef/Dbtr/Pty/Nm", "Marguerite Laval"),
                    ("account", "/Document/PmtRtr/TxInf[1]/OrgnlTxRef/DbtrAcct/Id/IBAN", "FR7630006000011234567890189"),
                    ("address", "/Document/PmtRtr/TxInf[1]/OrgnlTxRef/Cdtr/Pty/PstlAdr/AdrLine[2]", "Bristol"),
                    ("account", "/Document/PmtRtr/TxInf[1]/OrgnlTxRef/CdtrAcct/Id/IBAN", "GB29NWBK60161331926819"),
                    ("text", "/Document/PmtRtr/TxInf[1]/RtrRsnInf[1]/AddtlInf[2]", "BENEFICIARY DECEASED"),
                    ("text", "/Document/PmtRtr/TxInf[1]/OrgnlTxRef/RmtInf/Ustrd[1]", "INVOICE 77/2026"),
                    ("name", "/Document/PmtRtr/TxInf[2]/OrgnlTxRef/Cdtr/Pty/Nm", "Pieter de Vries"),
                ],
            },
            Case {
                file: "pacs004_v02_bare.xml",
                bytes: fixture!("pacs004_v02_bare.xml"),
                message_id: "RTR-OLD-1",
                format: MessageFormat::Pacs004,
                version: Some("pacs.004.001.02"),
                transactions: 1,
                first: ("RTR-OLD-TX-1", "EUR", "15.00"),
                values: &[
                    ("bic", "/Document/PmtRtr/GrpHdr/InstgAgt/FinInstnId/BIC", "OLDBDEFFXXX"),
                    ("name", "/Document/PmtRtr/TxInf[1]/OrgnlTxRef/Dbtr/Nm", "Otto Normalverbraucher"),
                    ("country", "/Document/PmtRtr/TxInf[1]/OrgnlTxRef/Dbtr/PstlAdr/Ctry", "DE"),
                    ("party", "/Document/PmtRtr/TxInf[1]/OrgnlTxRef/DbtrAgt", "DebtorAgent"),
                    ("name", "/Document/PmtRtr/TxInf[1]/OrgnlTxRef/Cdtr/Nm", "Erika Mustermann"),
                    ("text", "/Document/PmtRtr/TxInf[1]/RtrRsnInf[1]/Orgtr/Nm", "Some Bank"),
                ],
            },
            Case {
                file: "pacs008_v02_multi.xml",
                bytes: fixture!("pacs008_v02_multi.xml"),
                message_id: "BATCH-2013-0042",
                format: MessageFormat::Pacs008,
                version: Some("pacs.008.001.02"),
                transactions: 3,
                first: ("E2E-1", "CHF", "2500.00"),
                values: &[
                    ("bic", "/Document/FIToFICstmrCdtTrf/GrpHdr/InstgAgt/FinInstnId/BIC", "SENDDEFFXXX"),
                    (
                        "bic",
                        "/Document/FIToFICstmrCdtTrf/GrpHdr/SttlmInf/InstgRmbrsmntAgt/FinInstnId/BIC",
                        "REIMUS33XXX",
                    ),
                    ("bic", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/Id/OrgId/BICOrBEI", "NORDDEHHXXX"),
                    ("id", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/Id/OrgId/Othr[2]/Id", "DE811234567"),
                    ("street", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/PstlAdr/StrtNm", "Hafenstrasse 12a"),
                    ("region", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/PstlAdr/CtrySubDvsn", "HH"),
                    (
                        "account",
                        "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/DbtrAcct/Id/IBAN",
                        "DE89370400440532013000",
                    ),
                    ("name", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/CdtrAgt/FinInstnId/Nm", "Alpen Privatbank AG"),
                    ("id", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/CdtrAgt/FinInstnId/ClrSysMmbId/MmbId", "00230"),
                    ("address", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Cdtr/PstlAdr/AdrLine[2]", "Sevastopol"),
                    ("address", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Cdtr/PstlAdr/AdrLine[3]", "Crimea"),
                    ("birth_year", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Cdtr", "1971"),
                    (
                        "id",
                        "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Cdtr/Id/PrvtId/DtAndPlcOfBirth/CityOfBirth",
                        "Simferopol",
                    ),
                    ("id", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Cdtr/Id/PrvtId/Othr[1]/Id", "PASS-4509-112233"),
                    ("country", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Cdtr/CtryOfRes", "RU"),
                    (
                        "text",
                        "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/InstrForCdtrAgt[1]/InstrInf",
                        "CALL BENEFICIARY ON ARRIVAL",
                    ),
                    (
                        "text",
                        "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/InstrForNxtAgt[1]/InstrInf",
                        "/ACC/PAY VIA SWIFT ONLY",
                    ),
                    ("text", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Purp/Prtry", "SHIP SPARE PARTS"),
                    (
                        "text",
                        "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/RgltryRptg[1]/Dtls[1]/Inf[1]",
                        "GOODS: MARINE ENGINE PARTS",
                    ),
                    ("text", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/RmtInf/Ustrd[2]", "MV SEA BREEZE IMO 9123456"),
                    (
                        "text",
                        "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]/RmtInf/Strd[1]/AddtlRmtInf[1]",
                        "CONFERENCE BOOKING MARCH",
                    ),
                    ("text", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]/RmtInf/Strd[1]/Invcr/Nm", "Bergsee Hotel AG"),
                    ("party", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[3]/IntrmyAgt1Acct", "IntermediaryAgent"),
                    ("account", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[3]/IntrmyAgt1Acct/Id/Othr/Id", "NOSTRO-778"),
                    ("name", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[3]/Cdtr/Nm", "Acme & Sons"),
                    ("text", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[3]/Purp/Cd", "SUPP"),
                ],
            },
        ]
    }

    #[test]
    fn transaction_references_and_settlement_dates() {
        // (fixture, end-to-end id, UETR, settlement date) of the first transaction.
        type References<'a> = (Option<&'a str>, Option<&'a str>, Option<&'a str>);
        let cases: &[(&[u8], References)] = &[
            (
                fixture!("cbpr_p.2.1.1_pacs.008_AtoB.xml"),
                (Some("pacs008EndToEndId-001"), Some("8a562c67-ca16-48ba-b074-65581be6f001"), Some("2021-04-09")),
            ),
            (fixture!("cross_river_pain_001_rtp_credit.xml"), (Some("1000000000000011"), None, Some("2020-06-29"))),
            (
                fixture!("y2026_pain.001.max.xml"),
                (Some("EXEndToEndId"), Some("00000000-0000-4000-8b0b-4c70dde05e7b"), Some("2026-01-01")),
            ),
            (
                fixture!("pacs004_v09_rtrchain.xml"),
                (Some("ORIG-E2E-1"), Some("0a1b2c3d-0000-4000-8000-000000000001"), Some("2026-11-20")),
            ),
        ];
        for (bytes, expected) in cases {
            let p = parse(bytes).unwrap();
            let t = &p.transactions[0];
            let got = (t.end_to_end_id.as_deref(), t.uetr.as_deref(), t.settlement_date.as_deref());
            assert_eq!(got, *expected, "{}", p.message_id);
        }
    }

    #[test]
    fn samples_parse_into_the_expected_payments() {
        for case in cases() {
            let p = parse(case.bytes).unwrap_or_else(|e| panic!("{}: {e}", case.file));
            assert_eq!(p.message_id, case.message_id, "{}", case.file);
            assert_eq!(p.format, case.format, "{}", case.file);
            assert_eq!(p.version.as_deref(), case.version, "{}", case.file);
            assert_eq!(p.transactions.len(), case.transactions, "{}", case.file);
            let first = &p.transactions[0];
            assert_eq!(first.id.as_deref(), Some(case.first.0), "{}", case.file);
            let amount = first.amount.as_ref().unwrap_or_else(|| panic!("{}: no amount", case.file));
            assert_eq!(
                (amount.currency.as_str(), amount.value.as_str()),
                (case.first.1, case.first.2),
                "{}",
                case.file
            );
            let values = flatten(&p);
            for (kind, path, value) in case.values {
                assert!(
                    values.iter().any(|(k, p, v)| k == kind && p == path && v == value),
                    "{}: no {kind} {path} = {value:?} in\n{values:#?}",
                    case.file
                );
            }
            for t in &p.transactions {
                assert!(t.vessels.is_empty(), "{}", case.file);
            }
            for (_, path, _) in &values {
                assert!(path.starts_with("/Document/") || path.starts_with("/AppHdr/"), "{}: {path}", case.file);
            }
            // Through the crate's entry point too.
            let via_crate = crate::parse(case.bytes, &crate::Limits::default());
            assert_eq!(via_crate.len(), 1);
            assert_eq!(via_crate[0].as_ref().ok(), Some(&p), "{}", case.file);
        }
    }

    #[test]
    fn parties_land_in_the_right_place() {
        // pain.001: each transaction gets the debtor of its own PmtInf, not the other's.
        let p = parse(fixture!("example_sepa_pain_001_v3_multiple_pmtinf.xml")).unwrap();
        for (i, t) in p.transactions.iter().enumerate() {
            let debtor = t.parties.iter().find(|p| p.role == PartyRole::Debtor).unwrap();
            assert_eq!(debtor.path, format!("/Document/CstmrCdtTrfInitn/PmtInf[{}]/Dbtr", i + 1));
            let account = debtor.account.as_ref().unwrap();
            assert_eq!(account.path, format!("/Document/CstmrCdtTrfInitn/PmtInf[{}]/DbtrAcct/Id/IBAN", i + 1));
        }
        // The initiating party of the group header is the message's, once.
        assert_eq!(p.parties.len(), 1);
        assert_eq!(p.parties[0].role, PartyRole::InitiatingParty);

        // The header's sender and receiver are the message's parties, not a transaction's.
        let p = parse(fixture!("cbpr_p.2.1.1_pacs.008_AtoB.xml")).unwrap();
        let roles: Vec<PartyRole> = p.parties.iter().map(|p| p.role).collect();
        assert_eq!(roles, [PartyRole::MessageSender, PartyRole::MessageReceiver]);
        let roles: Vec<PartyRole> = p.transactions[0].parties.iter().map(|p| p.role).collect();
        assert_eq!(
            roles,
            [
                PartyRole::InstructingAgent,
                PartyRole::InstructedAgent,
                PartyRole::IntermediaryAgent,
                PartyRole::Debtor,
                PartyRole::DebtorAgent,
                PartyRole::CreditorAgent,
                PartyRole::Creditor,
            ]
        );
        let debtor = &p.transactions[0].parties[3];
        assert_eq!(debtor.account.as_ref().unwrap().value, "12547896");

        // The account of an absent party element makes a party of its own.
        let p = parse(fixture!("pacs008_v02_multi.xml")).unwrap();
        let ids: Vec<Option<&str>> = p.transactions.iter().map(|t| t.id.as_deref()).collect();
        assert_eq!(ids, [Some("E2E-1"), Some("TX-2"), Some("E2E-3")]);
        let agent = p.transactions[2].parties.iter().find(|p| p.role == PartyRole::IntermediaryAgent).unwrap();
        assert_eq!(agent.path, format!("{DOC008}/CdtTrfTxInf[3]/IntrmyAgt1Acct"));
        assert!(agent.name.is_none() && agent.bic.is_none());
        // Residence fills the country when the address has none.
        let creditor = p.transactions[0].parties.iter().find(|p| p.role == PartyRole::Creditor).unwrap();
        assert_eq!(creditor.birth_year, Some(1971));
        assert_eq!(creditor.country.as_ref().unwrap().value, "RU");
        assert_eq!(creditor.address_lines.len(), 3);
    }

    #[test]
    fn the_demo_payment_matches_the_documented_paths() {
        let bytes = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/payments/pacs008_choe.xml"));
        let p = parse(bytes).unwrap();
        assert_eq!(p.message_id, "DEMO-PACS008-0001");
        let debtor = &p.transactions[0].parties.iter().find(|p| p.role == PartyRole::Debtor).unwrap();
        let name = debtor.name.as_ref().unwrap();
        assert_eq!(
            (name.path.as_str(), name.value.as_str()),
            ("/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/Nm", "CHOI CHOL-MIN")
        );
        let creditor = &p.transactions[0].parties.iter().find(|p| p.role == PartyRole::Creditor).unwrap();
        assert_eq!(creditor.address_lines[1].value, "TEHRAN");
    }

    #[test]
    fn a_document_without_namespace_is_told_by_its_message_element() {
        let xml = "<Envelope><AppHdr><BizMsgIdr>HDR-1</BizMsgIdr><MsgDefIdr>pacs.008.001.09</MsgDefIdr></AppHdr>\
                   <Document><FIToFICstmrCdtTrf><GrpHdr/><CdtTrfTxInf><PmtId><EndToEndId>E</EndToEndId></PmtId>\
                   <Dbtr><Nm>X</Nm></Dbtr></CdtTrfTxInf></FIToFICstmrCdtTrf></Document></Envelope>";
        let p = parse(xml.as_bytes()).unwrap();
        assert_eq!(p.format, MessageFormat::Pacs008);
        assert_eq!(p.version.as_deref(), Some("pacs.008.001.09"));
        // No GrpHdr/MsgId: the header's BizMsgIdr stands in.
        assert_eq!(p.message_id, "HDR-1");
        assert_eq!(
            p.transactions[0].parties[0].name.as_ref().unwrap().path,
            format!("{DOC008}/CdtTrfTxInf[1]/Dbtr/Nm")
        );

        // The namespace declared on an enclosing element, under a prefix.
        let xml = "<w:Wrap xmlns:w=\"urn:x\" xmlns:p=\"urn:iso:std:iso:20022:tech:xsd:pacs.009.001.08\">\
                   <p:Document><p:FICdtTrf><p:GrpHdr><p:MsgId>M</p:MsgId></p:GrpHdr><p:CdtTrfTxInf>\
                   <p:Dbtr><p:FinInstnId><p:BICFI>AAAADEFF</p:BICFI></p:FinInstnId></p:Dbtr></p:CdtTrfTxInf>\
                   </p:FICdtTrf></p:Document></w:Wrap>";
        let p = parse(xml.as_bytes()).unwrap();
        assert_eq!((p.format, p.version.as_deref()), (MessageFormat::Pacs009, Some("pacs.009.001.08")));
        assert_eq!(p.transactions[0].parties[0].bic.as_ref().unwrap().value, "AAAADEFF");
        assert_eq!(p.transactions[0].id, None);
        assert_eq!(p.transactions[0].amount, None);
    }

    fn position_of(haystack: &[u8], needle: &str) -> u64 {
        haystack.windows(needle.len()).position(|w| w == needle.as_bytes()).expect(needle) as u64
    }

    #[test]
    fn bad_messages_are_errors_with_a_kind_and_an_offset() {
        let sample = fixture!("cbpr_p.2.1.1_pacs.008_AtoB.xml");
        let cut = position_of(sample, "</Dbtr>") as usize + "</Dbtr>".len();
        let truncated = sample[..cut].to_vec();

        let laughs =
            "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>\
                      <Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"><FIToFICstmrCdtTrf>\
                      <GrpHdr><MsgId>&lol2;</MsgId></GrpHdr></FIToFICstmrCdtTrf></Document>";
        let external = "<!DOCTYPE Document SYSTEM \"file:///etc/passwd\"><Document/>";

        let mut bad_utf8 = b"<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"><FIToFICstmrCdtTrf>\
                             <GrpHdr><MsgId>M</MsgId></GrpHdr><CdtTrfTxInf><Dbtr><Nm>Caf"
            .to_vec();
        let bad_at = bad_utf8.len() as u64;
        bad_utf8.extend_from_slice(b"\xE9</Nm></Dbtr></CdtTrfTxInf></FIToFICstmrCdtTrf></Document>");

        let prefix = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\">";
        let deep = format!("{prefix}{}{}</Document>", "<X>".repeat(100), "</X>".repeat(100));
        // The Document is depth 0; the element at depth 64 is the 64th <X>.
        let deep_at = (prefix.len() + 63 * 3) as u64;

        let wrong_ns = "<Document xmlns=\"urn:example:not-iso\"><FIToFICstmrCdtTrf/></Document>";
        let status = fixture!("cbpr_p.2.1.2_pacs.002_DtoC.xml");
        let camt = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\"><BkToCstmrStmt/></Document>";
        let future =
            "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.99\"><FIToFICstmrCdtTrf/></Document>";
        let no_ns_unknown = "<Document><FIToFIPmtStsRpt/></Document>";
        let header_only = "<Envelope>\n  <AppHdr xmlns=\"urn:iso:std:iso:20022:tech:xsd:head.001.001.02\">\
                           <BizMsgIdr>B</BizMsgIdr><MsgDefIdr>pacs.008.001.08</MsgDefIdr></AppHdr></Envelope>";
        let bare_header =
            "<AppHdr xmlns=\"urn:iso:std:iso:20022:tech:xsd:head.001.001.04\"><BizMsgIdr>B</BizMsgIdr></AppHdr>";
        let no_msg_id = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"><FIToFICstmrCdtTrf>\
                         <GrpHdr><CreDtTm>2026-01-01T00:00:00</CreDtTm></GrpHdr><CdtTrfTxInf><Dbtr><Nm>X</Nm></Dbtr>\
                         </CdtTrfTxInf></FIToFICstmrCdtTrf></Document>";
        let no_tx = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\"><CstmrCdtTrfInitn>\
                     <GrpHdr><MsgId>M</MsgId></GrpHdr><PmtInf><Dbtr><Nm>X</Nm></Dbtr></PmtInf></CstmrCdtTrfInitn></Document>";
        let wrong_element = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"><FICdtTrf/></Document>";
        let latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><Document/>";
        let entity = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"><A>&ext;</A></Document>";
        let mismatched = "<Document><FIToFICstmrCdtTrf></Document>";

        type Expect = (&'static str, Vec<u8>, ErrorKind, u64, Option<MessageFormat>, &'static str);
        let cases: Vec<Expect> = vec![
            (
                "truncated",
                truncated.clone(),
                ErrorKind::Malformed,
                truncated.len() as u64,
                Some(MessageFormat::Pacs008),
                "truncated",
            ),
            (
                "billion laughs",
                laughs.into(),
                ErrorKind::Malformed,
                position_of(laughs.as_bytes(), "<!DOCTYPE"),
                Some(MessageFormat::Pacs008),
                "DOCTYPE",
            ),
            ("external entity", external.into(), ErrorKind::Malformed, 0, None, "DOCTYPE"),
            ("invalid UTF-8", bad_utf8, ErrorKind::Encoding, bad_at, Some(MessageFormat::Pacs008), "UTF-8"),
            ("deep nesting", deep.into(), ErrorKind::Malformed, deep_at, Some(MessageFormat::Pacs008), "nesting"),
            ("wrong namespace", wrong_ns.into(), ErrorKind::Unsupported, 0, None, "urn:example:not-iso"),
            (
                "pacs.002",
                status.to_vec(),
                ErrorKind::Unsupported,
                position_of(status, "<Document"),
                None,
                "pacs.002.001.14",
            ),
            ("camt.053", camt.into(), ErrorKind::Unsupported, 0, None, "camt.053.001.08"),
            (
                "future version",
                future.into(),
                ErrorKind::Unsupported,
                0,
                Some(MessageFormat::Pacs008),
                "pacs.008.001.99",
            ),
            ("no namespace, unknown message", no_ns_unknown.into(), ErrorKind::Unsupported, 0, None, "FIToFIPmtStsRpt"),
            (
                "AppHdr without Document",
                header_only.into(),
                ErrorKind::Invalid,
                position_of(header_only.as_bytes(), "<AppHdr"),
                Some(MessageFormat::Pacs008),
                "without its Document",
            ),
            ("AppHdr alone", bare_header.into(), ErrorKind::Invalid, 0, None, "without its Document"),
            (
                "no MsgId",
                no_msg_id.into(),
                ErrorKind::Invalid,
                position_of(no_msg_id.as_bytes(), "<GrpHdr"),
                Some(MessageFormat::Pacs008),
                "MsgId",
            ),
            (
                "no transaction",
                no_tx.into(),
                ErrorKind::Invalid,
                position_of(no_tx.as_bytes(), "<CstmrCdtTrfInitn"),
                Some(MessageFormat::Pain001),
                "no transaction",
            ),
            (
                "wrong message element",
                wrong_element.into(),
                ErrorKind::Invalid,
                0,
                Some(MessageFormat::Pacs008),
                "FIToFICstmrCdtTrf",
            ),
            ("latin-1", latin1.into(), ErrorKind::Encoding, 0, None, "encoding"),
            (
                "unknown entity",
                entity.into(),
                ErrorKind::Malformed,
                position_of(entity.as_bytes(), "&ext;"),
                Some(MessageFormat::Pacs008),
                "entities",
            ),
            (
                "mismatched end tag",
                mismatched.into(),
                ErrorKind::Malformed,
                position_of(mismatched.as_bytes(), "</Document>"),
                None,
                "malformed",
            ),
            ("empty", Vec::new(), ErrorKind::Malformed, 0, None, "no root"),
            ("not XML", b"<<<>>>".to_vec(), ErrorKind::Malformed, 1, None, "invalid name"),
            ("text after the root", b"<Document/>junk".to_vec(), ErrorKind::Malformed, 11, None, "outside the root"),
            ("unquoted attribute", b"<Document a=1/>".to_vec(), ErrorKind::Malformed, 12, None, "not quoted"),
            ("duplicate attribute", b"<Document a='1' a='2'/>".to_vec(), ErrorKind::Malformed, 16, None, "duplicate"),
            ("unclosed comment", b"<Document><!-- x</Document>".to_vec(), ErrorKind::Malformed, 10, None, "comment"),
        ];
        for (name, bytes, kind, offset, format, reason) in cases {
            let err = parse(&bytes).expect_err(name);
            assert_eq!(err.kind, kind, "{name}: {err}");
            assert_eq!(err.offset(), offset, "{name}: {err}");
            assert_eq!(err.format, format, "{name}: {err}");
            assert!(err.reason.contains(reason), "{name}: {err}");
        }
    }

    /// Every real sample in the shared data set, when it is there: supported messages
    /// parse, status reports are refused as unsupported, nothing is malformed.
    #[test]
    fn every_shared_sample_is_read_or_refused_as_unsupported() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/payments/iso20022");
        let Ok(dirs) = std::fs::read_dir(&root) else { return };
        let mut parsed = 0;
        for dir in dirs.flatten() {
            let Ok(files) = std::fs::read_dir(dir.path()) else { continue };
            for file in files.flatten() {
                let path = file.path();
                if path.extension().and_then(|e| e.to_str()) != Some("xml") {
                    continue;
                }
                let bytes = std::fs::read(&path).unwrap();
                let name = path.display();
                let is_status = name.to_string().contains("pacs.002") || name.to_string().contains("pain_002");
                match parse(&bytes) {
                    Ok(p) => {
                        assert!(!is_status, "{name}");
                        assert!(!p.transactions.is_empty() && !p.message_id.is_empty(), "{name}");
                        assert!(p.transactions.iter().all(|t| !t.parties.is_empty()), "{name}");
                        parsed += 1;
                    }
                    Err(e) => assert!(is_status && e.kind == ErrorKind::Unsupported, "{name}: {e}"),
                }
            }
        }
        assert!(parsed >= 40, "only {parsed} samples parsed");
    }

    mod no_panic {
        use super::*;
        use proptest::prelude::*;

        const SAMPLES: &[&[u8]] = &[
            fixture!("cbpr_p.2.1.1_pacs.008_AtoB.xml"),
            fixture!("cbpr_c.53.5_pacs.008_AtoB.xml"),
            fixture!("cbpr_p.2.3.1.a_pacs.009.cov_AtoB.xml"),
            fixture!("prowide_pacs.008.001.07.xml"),
            fixture!("example_sepa_pain_001_v3_multiple_pmtinf.xml"),
            fixture!("pacs004_v09_rtrchain.xml"),
            fixture!("pacs008_v02_multi.xml"),
        ];

        const TOKENS: &[&str] = &[
            "<",
            ">",
            "</",
            "/>",
            "&",
            "&amp;",
            "]]>",
            "<![CDATA[",
            "<!DOCTYPE x>",
            "<Document>",
            "</Document>",
            "<AppHdr>",
            "<CdtTrfTxInf>",
            "<UndrlygCstmrCdtTrf>",
            "<Pty>",
            "\u{0}",
            "\u{FEFF}",
            "xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.009.001.\"",
            "xmlns:p=\"urn:iso:std:iso:20022:tech:xsd:\"",
            "<BirthDt>99</BirthDt>",
        ];

        #[derive(Debug, Clone)]
        enum Mutation {
            Replace(usize, u8),
            Delete(usize, usize),
            Insert(usize, usize),
            Truncate(usize),
        }

        fn mutation() -> impl Strategy<Value = Mutation> {
            prop_oneof![
                (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::Replace(at, b)),
                (any::<usize>(), 1usize..64).prop_map(|(at, n)| Mutation::Delete(at, n)),
                (any::<usize>(), 0..TOKENS.len()).prop_map(|(at, t)| Mutation::Insert(at, t)),
                any::<usize>().prop_map(Mutation::Truncate),
            ]
        }

        fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
            let len = bytes.len();
            match *m {
                Mutation::Replace(at, b) if len > 0 => bytes[at % len] = b,
                Mutation::Delete(at, n) if len > 0 => {
                    let start = at % len;
                    bytes.drain(start..(start + n).min(len));
                }
                Mutation::Insert(at, t) => {
                    let at = at % (len + 1);
                    bytes.splice(at..at, TOKENS[t].bytes());
                }
                Mutation::Truncate(at) => bytes.truncate(at % (len + 1)),
                _ => {}
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

            #[test]
            fn mutated_samples_never_panic(
                sample in 0..SAMPLES.len(),
                mutations in proptest::collection::vec(mutation(), 1..8),
            ) {
                let mut bytes = SAMPLES[sample].to_vec();
                for m in &mutations {
                    apply(&mut bytes, m);
                }
                match parse(&bytes) {
                    Ok(p) => {
                        prop_assert!(!p.message_id.is_empty());
                        prop_assert!(!p.transactions.is_empty());
                        for (_, path, _) in flatten(&p) {
                            prop_assert!(path.starts_with("/Document/") || path.starts_with("/AppHdr/"), "{}", path);
                        }
                    }
                    Err(e) => prop_assert!(e.offset() <= bytes.len() as u64, "{}", e),
                }
            }
        }
    }
}
