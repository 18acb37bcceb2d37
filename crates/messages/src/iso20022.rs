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
