//! The decision on an ISO 20022 payment as a pacs.002 payment status report
//! (`pacs.002.001.10`): the original message and transaction ids, the UETR, and a status
//! with its reason code.
//!
//! Default codes, and why:
//! - `release` → `ACSP` (accepted, settlement in process): the hold is lifted and the
//!   payment goes on to settlement.
//! - `reject` → `RJCT` with reason `RR04` (regulatory reason): the payment is returned;
//!   `RR04` is the external code banks use for a sanctions refusal, and it says no more
//!   than that, so the report does not tip off the parties about which list or entry.
//! - `block` → `RJCT` with `RR04` as well: towards the sender, a blocked payment is one
//!   that will not be executed; the freeze and the regulator's report are internal.
//!
//! Each code is configurable ([`StatusCodes`]).

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use interdict_model::MessageFormat;

use crate::case::{Case, Decision};

/// The status and reason code of one decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusCode {
    /// An ExternalPaymentTransactionStatus1Code (`ACSP`, `RJCT`...).
    pub status: String,
    /// An ExternalStatusReason1Code (`RR04`...), if any.
    #[serde(default)]
    pub reason: Option<String>,
    /// Free text for the receiver (at most 105 characters), if any.
    #[serde(default)]
    pub additional_information: Option<String>,
}

/// The codes of each decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusCodes {
    pub release: StatusCode,
    pub reject: StatusCode,
    pub block: StatusCode,
}

impl Default for StatusCodes {
    fn default() -> Self {
        let code = |status: &str, reason: Option<&str>| StatusCode {
            status: status.into(),
            reason: reason.map(str::to_string),
            additional_information: None,
        };
        StatusCodes {
            release: code("ACSP", None),
            reject: code("RJCT", Some("RR04")),
            block: code("RJCT", Some("RR04")),
        }
    }
}

impl StatusCodes {
    fn of(&self, decision: Decision) -> &StatusCode {
        match decision {
            Decision::Release => &self.release,
            Decision::Reject => &self.reject,
            Decision::Block => &self.block,
        }
    }
}

/// Whether a message format is ISO 20022 (a status report answers it).
pub fn is_iso20022(format: MessageFormat) -> bool {
    matches!(
        format,
        MessageFormat::Pacs008
            | MessageFormat::Pacs009
            | MessageFormat::Pacs009Cov
            | MessageFormat::Pacs004
            | MessageFormat::Pain001
    )
}

/// The pacs.002 of a decided case on an ISO 20022 payment; `None` for other formats or
/// an undecided case. Made only from the case, so a repeated publication is the same
/// document byte for byte.
pub fn status_report(case: &Case, codes: &StatusCodes) -> Option<String> {
    let decided = case.decided.as_ref()?;
    let payment = &case.record.payment;
    if !is_iso20022(payment.format) {
        return None;
    }
    let code = codes.of(decided.decision);
    let created = iso_time(decided.at);
    let message_name = payment.version.clone().unwrap_or_else(|| payment.format.as_str().to_string());
    // `case-` and 20 hex digits: unique per case, within Max35Text.
    let report_id = format!("STS-{}", &case.id.as_str()["case-".len()..]);
    let mut xml = String::with_capacity(1024);
    xml.push_str(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    xml.push_str(r#"<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.002.001.10"><FIToFIPmtStsRpt>"#);
    xml.push_str(&format!("<GrpHdr><MsgId>{}</MsgId><CreDtTm>{created}</CreDtTm></GrpHdr>", text(&report_id)));
    xml.push_str(&format!(
        "<OrgnlGrpInfAndSts><OrgnlMsgId>{}</OrgnlMsgId><OrgnlMsgNmId>{}</OrgnlMsgNmId></OrgnlGrpInfAndSts>",
        text(&max35(&payment.message_id)),
        text(&max35(&message_name))
    ));
    for (i, tx) in payment.transactions.iter().enumerate() {
        xml.push_str("<TxInfAndSts>");
        xml.push_str(&format!("<StsId>{}</StsId>", text(&format!("{report_id}-{}", i + 1))));
        if let Some(e2e) = &tx.end_to_end_id {
            xml.push_str(&format!("<OrgnlEndToEndId>{}</OrgnlEndToEndId>", text(&max35(e2e))));
        }
        if let Some(id) =
            tx.id.as_ref().filter(|id| Some(*id) != tx.end_to_end_id.as_ref() && Some(*id) != tx.uetr.as_ref())
        {
            xml.push_str(&format!("<OrgnlTxId>{}</OrgnlTxId>", text(&max35(id))));
        }
        if let Some(uetr) = tx.uetr.as_deref().map(str::to_ascii_lowercase).filter(|u| is_uuid_v4(u)) {
            xml.push_str(&format!("<OrgnlUETR>{uetr}</OrgnlUETR>"));
        }
        xml.push_str(&format!("<TxSts>{}</TxSts>", text(&code.status)));
        if code.reason.is_some() || code.additional_information.is_some() {
            xml.push_str("<StsRsnInf>");
            if let Some(reason) = &code.reason {
                xml.push_str(&format!("<Rsn><Cd>{}</Cd></Rsn>", text(reason)));
            }
            if let Some(info) = &code.additional_information {
                let info: String = info.chars().take(105).collect();
                xml.push_str(&format!("<AddtlInf>{}</AddtlInf>", text(&info)));
            }
            xml.push_str("</StsRsnInf>");
        }
        xml.push_str(&format!("<AccptncDtTm>{created}</AccptncDtTm>"));
        xml.push_str("</TxInfAndSts>");
    }
    xml.push_str("</FIToFIPmtStsRpt></Document>");
    Some(xml)
}

fn iso_time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// An id cut to the 35 characters the schema allows (ids longer than that were not
/// valid in the original either; the report keeps their start).
fn max35(id: &str) -> String {
    id.chars().take(35).collect()
}

fn is_uuid_v4(u: &str) -> bool {
    let b = u.as_bytes();
    let hex = |r: std::ops::Range<usize>| b[r].iter().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(c));
    b.len() == 36
        && [8, 13, 18, 23].iter().all(|&i| b[i] == b'-')
        && hex(0..8)
        && hex(9..13)
        && b[14] == b'4'
        && hex(15..18)
        && matches!(b[19], b'8' | b'9' | b'a' | b'b')
        && hex(20..23)
        && hex(24..36)
}

/// XML text content, escaped.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
