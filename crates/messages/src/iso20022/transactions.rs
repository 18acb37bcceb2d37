//! The transactions of an ISO 20022 message: a pacs.008 or pacs.009 credit transfer (with
//! a COV's underlying customer transfer), a pacs.004 return, or a pain.001 initiation,
//! each with its id, amount, settlement date, parties and free text.

use interdict_model::{Amount, Located, Transaction};
use interdict_xml::El;

use super::parties::collect_parties;
use super::{field, indexed, join, own_text, push};

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
pub(super) fn credit_transfer(tx: El<'_>, path: &str, cover: &mut bool, group_settlement: Option<&str>) -> Transaction {
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
pub(super) fn payment_return(tx: El<'_>, path: &str, group_settlement: Option<&str>) -> Transaction {
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
pub(super) fn initiations(message: El<'_>, message_path: &str) -> Vec<Transaction> {
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
