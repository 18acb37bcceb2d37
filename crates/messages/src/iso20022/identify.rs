//! Which ISO 20022 message a document holds: the Document and its header in whatever
//! wraps them, the message and version its namespace (or, without one, its message
//! element) names, and the supported messages with their versions.

use interdict_model::MessageFormat;
use interdict_xml::El;

use crate::{Error, ErrorKind, Position};

/// The prefix of every ISO 20022 message namespace.
const ISO_NS: &str = "urn:iso:std:iso:20022:tech:xsd:";

/// A supported message: its identifier, its message elements, its versions.
pub(super) struct Spec {
    id: &'static str,
    roots: &'static [&'static str],
    versions: (u32, u32),
    pub(super) format: MessageFormat,
}

const SPECS: &[Spec] = &[
    Spec { id: "pacs.008", roots: &["FIToFICstmrCdtTrf"], versions: (2, 13), format: MessageFormat::Pacs008 },
    Spec { id: "pacs.009", roots: &["FICdtTrf", "FinInstnCdtTrf"], versions: (2, 12), format: MessageFormat::Pacs009 },
    Spec { id: "pacs.004", roots: &["PmtRtr"], versions: (2, 14), format: MessageFormat::Pacs004 },
    Spec { id: "pain.001", roots: &["CstmrCdtTrfInitn"], versions: (3, 12), format: MessageFormat::Pain001 },
];

const SUPPORTED: &str = "pacs.008, pacs.009, pacs.004 and pain.001 are";

/// The format named by the first ISO 20022 message namespace in the raw bytes, for
/// errors found before there is a tree to look at.
pub(super) fn sniff_format(bytes: &[u8]) -> Option<MessageFormat> {
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
pub(super) fn format_of_definition(definition: &str) -> Option<MessageFormat> {
    SPECS.iter().find(|s| definition.starts_with(s.id)).map(|s| s.format)
}

/// The shallowest element named `name` (breadth first) and its ancestors, outermost first.
pub(super) fn find<'a>(root: El<'a>, name: &str) -> Option<(El<'a>, Vec<El<'a>>)> {
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

/// The ISO 20022 namespace in scope of the Document, else the one it declares, if any.
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
pub(super) fn identify<'a>(
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
