//! Draft reports of blocked transactions: what a US bank's report of blocked property
//! to OFAC must give (31 CFR 501.603: the property and its value, the date it was
//! blocked, the parties and their addresses, the banks, the references, the sanctions
//! program and the listed person or entity whose interest caused the block), one row per
//! transaction of each case decided `block`, as JSON or CSV. A draft: compliance adds
//! what the payment does not carry (the holder's own details, the account's balance)
//! before filing.

use serde::Serialize;

use interdict_model::{HitKind, Party, PartyRole};

use crate::case::{Case, Decision};

/// One blocked transaction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BlockedRow {
    pub case_id: String,
    /// When the block was decided (RFC 3339).
    pub blocked_at: String,
    pub message_id: String,
    pub message_format: String,
    pub end_to_end_id: String,
    pub uetr: String,
    pub amount: String,
    pub currency: String,
    pub settlement_date: String,
    pub originator: String,
    pub originator_address: String,
    pub originator_account: String,
    pub originator_bank: String,
    pub beneficiary: String,
    pub beneficiary_address: String,
    pub beneficiary_account: String,
    pub beneficiary_bank: String,
    /// The listed names whose hits held the payment, `;`-separated.
    pub listed_names: String,
    /// Their list entries (`ofac-sdn:12345`), `;`-separated.
    pub list_entries: String,
    /// The sanctions programs of those entries, `;`-separated.
    pub programs: String,
    /// Why it was blocked (the proposer's reason), and who decided.
    pub reason: String,
    pub proposed_by: String,
    pub approved_by: String,
}

/// The rows of the blocked cases among `cases` (other decisions are left out).
pub fn blocked_rows(cases: &[Case]) -> Vec<BlockedRow> {
    let mut rows = Vec::new();
    for case in cases {
        let Some(decided) = case.decided.as_ref().filter(|d| d.decision == Decision::Block) else { continue };
        let payment = &case.record.payment;
        let hits: Vec<_> = case.record.verdict.hits.iter().filter(|h| h.kind != HitKind::Country).collect();
        let joined = |values: Vec<String>| {
            let mut values: Vec<String> = values.into_iter().filter(|v| !v.is_empty()).collect();
            values.dedup();
            values.join("; ")
        };
        let listed_names = joined(hits.iter().map(|h| h.listed_name.clone()).collect());
        let list_entries = joined(hits.iter().filter_map(|h| h.entity_id.clone()).collect());
        let programs = joined(hits.iter().flat_map(|h| h.programs.clone()).collect());
        for tx in &payment.transactions {
            let party = |roles: &[PartyRole]| {
                roles.iter().find_map(|r| tx.parties.iter().chain(&payment.parties).find(|p| p.role == *r))
            };
            let originator = party(&[PartyRole::Debtor, PartyRole::UltimateDebtor, PartyRole::InitiatingParty]);
            let beneficiary = party(&[PartyRole::Creditor, PartyRole::UltimateCreditor]);
            let originator_bank =
                party(&[PartyRole::DebtorAgent, PartyRole::InstructingAgent, PartyRole::MessageSender]);
            let beneficiary_bank =
                party(&[PartyRole::CreditorAgent, PartyRole::InstructedAgent, PartyRole::MessageReceiver]);
            rows.push(BlockedRow {
                case_id: case.id.to_string(),
                blocked_at: decided.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                message_id: payment.message_id.clone(),
                message_format: payment.format.as_str().to_string(),
                end_to_end_id: tx.end_to_end_id.clone().unwrap_or_default(),
                uetr: tx.uetr.clone().unwrap_or_default(),
                amount: tx.amount.as_ref().map(|a| a.value.clone()).unwrap_or_default(),
                currency: tx.amount.as_ref().map(|a| a.currency.clone()).unwrap_or_default(),
                settlement_date: tx.settlement_date.clone().unwrap_or_default(),
                originator: name(originator),
                originator_address: address(originator),
                originator_account: account(originator),
                originator_bank: bank(originator_bank),
                beneficiary: name(beneficiary),
                beneficiary_address: address(beneficiary),
                beneficiary_account: account(beneficiary),
                beneficiary_bank: bank(beneficiary_bank),
                listed_names: listed_names.clone(),
                list_entries: list_entries.clone(),
                programs: programs.clone(),
                reason: decided.reason.clone(),
                proposed_by: decided.proposed_by.clone(),
                approved_by: decided.approved_by.clone(),
            });
        }
    }
    rows
}

fn name(p: Option<&Party>) -> String {
    p.and_then(|p| p.name.as_ref()).map(|n| n.value.clone()).unwrap_or_default()
}

fn address(p: Option<&Party>) -> String {
    let Some(p) = p else { return String::new() };
    let parts = p.address_lines.iter().chain(&p.street).chain(&p.town).chain(&p.country_sub_division).chain(&p.country);
    parts.map(|l| l.value.trim()).filter(|v| !v.is_empty()).collect::<Vec<_>>().join(", ")
}

fn account(p: Option<&Party>) -> String {
    p.and_then(|p| p.account.as_ref()).map(|a| a.value.clone()).unwrap_or_default()
}

fn bank(p: Option<&Party>) -> String {
    let Some(p) = p else { return String::new() };
    match (&p.bic, &p.name) {
        (Some(bic), Some(name)) => format!("{} ({})", name.value, bic.value),
        (Some(bic), None) => bic.value.clone(),
        (None, Some(name)) => name.value.clone(),
        (None, None) => String::new(),
    }
}

/// The columns of the CSV form, in order: the fields of [`BlockedRow`].
pub const CSV_HEADER: [&str; 23] = [
    "case_id",
    "blocked_at",
    "message_id",
    "message_format",
    "end_to_end_id",
    "uetr",
    "amount",
    "currency",
    "settlement_date",
    "originator",
    "originator_address",
    "originator_account",
    "originator_bank",
    "beneficiary",
    "beneficiary_address",
    "beneficiary_account",
    "beneficiary_bank",
    "listed_names",
    "list_entries",
    "programs",
    "reason",
    "proposed_by",
    "approved_by",
];

/// The rows as CSV with a header line, even when there are none.
pub fn to_csv(rows: &[BlockedRow]) -> String {
    let write = || -> Result<Vec<u8>, Box<dyn std::error::Error>> {
        let mut writer = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
        writer.write_record(CSV_HEADER)?;
        for row in rows {
            writer.serialize(row)?;
        }
        Ok(writer.into_inner()?)
    };
    // Strings into memory: nothing here can fail but the serializer's own contract.
    let bytes = write().expect("blocked rows serialize as CSV");
    String::from_utf8(bytes).expect("CSV of UTF-8 strings is UTF-8")
}
