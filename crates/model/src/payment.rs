//! The canonical payment: every screenable value of a payment message, with its field
//! path, whatever the format it came in (ISO 20022, SWIFT MT, JSON).

use serde::{Deserialize, Serialize};

/// The message formats Interdict reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MessageFormat {
    #[serde(rename = "pacs.008")]
    Pacs008,
    #[serde(rename = "pacs.009")]
    Pacs009,
    #[serde(rename = "pacs.009.cov")]
    Pacs009Cov,
    #[serde(rename = "pacs.004")]
    Pacs004,
    #[serde(rename = "pain.001")]
    Pain001,
    #[serde(rename = "MT103")]
    Mt103,
    #[serde(rename = "MT202")]
    Mt202,
    #[serde(rename = "MT202COV")]
    Mt202Cov,
    #[serde(rename = "json")]
    Json,
}

impl MessageFormat {
    pub fn as_str(&self) -> &'static str {
        match self {
            MessageFormat::Pacs008 => "pacs.008",
            MessageFormat::Pacs009 => "pacs.009",
            MessageFormat::Pacs009Cov => "pacs.009.cov",
            MessageFormat::Pacs004 => "pacs.004",
            MessageFormat::Pain001 => "pain.001",
            MessageFormat::Mt103 => "MT103",
            MessageFormat::Mt202 => "MT202",
            MessageFormat::Mt202Cov => "MT202COV",
            MessageFormat::Json => "json",
        }
    }
}

/// The part a party plays in a payment. SWIFT MT fields map onto the ISO 20022 roles
/// (50a ordering customer → debtor, 59a beneficiary → creditor, 52a → debtor agent,
/// 56a → intermediary agent, 57a → creditor agent, 53a/54a → reimbursement agents).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartyRole {
    Debtor,
    Creditor,
    UltimateDebtor,
    UltimateCreditor,
    InitiatingParty,
    DebtorAgent,
    CreditorAgent,
    InstructingAgent,
    InstructedAgent,
    IntermediaryAgent,
    PreviousInstructingAgent,
    InstructingReimbursementAgent,
    InstructedReimbursementAgent,
    ThirdReimbursementAgent,
    /// The sender or receiver of the message itself (MT block 1/2, head.001 From/To).
    MessageSender,
    MessageReceiver,
}

impl PartyRole {
    /// Whether the party is a financial institution (an agent) rather than a customer.
    pub fn is_agent(&self) -> bool {
        !matches!(
            self,
            PartyRole::Debtor
                | PartyRole::Creditor
                | PartyRole::UltimateDebtor
                | PartyRole::UltimateCreditor
                | PartyRole::InitiatingParty
        )
    }
}

/// A value and the path of the field it came from (`/Document/FIToFICstmrCdtTrf/
/// CdtTrfTxInf[1]/Dbtr/Nm`, `MT103/59/name`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Located {
    pub path: String,
    pub value: String,
}

impl Located {
    pub fn new(path: impl Into<String>, value: impl Into<String>) -> Self {
        Located { path: path.into(), value: value.into() }
    }
}

/// One party of a payment with everything screenable about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    pub role: PartyRole,
    /// Path of the party element (`.../Dbtr`, `MT103/50K`).
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Located>,
    /// Unstructured address lines (ISO `AdrLine`, MT name-and-address lines after the name).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub address_lines: Vec<Located>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street: Option<Located>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub town: Option<Located>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_sub_division: Option<Located>,
    /// ISO 3166 alpha-2 country of the address, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<Located>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bic: Option<Located>,
    /// IBAN or other account identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<Located>,
    /// Other identifiers (LEI, national ids, clearing codes, birth dates as written).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<Located>,
    /// Year of birth, when the message says (ISO `DtAndPlcOfBirth`, MT 50F line 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_year: Option<u16>,
}

impl Party {
    pub fn new(role: PartyRole, path: impl Into<String>) -> Self {
        Party {
            role,
            path: path.into(),
            name: None,
            address_lines: Vec::new(),
            street: None,
            town: None,
            country_sub_division: None,
            country: None,
            bic: None,
            account: None,
            identifiers: Vec::new(),
            birth_year: None,
        }
    }

    /// Whether the party carries nothing screenable.
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.address_lines.is_empty()
            && self.street.is_none()
            && self.town.is_none()
            && self.country_sub_division.is_none()
            && self.country.is_none()
            && self.bic.is_none()
            && self.account.is_none()
            && self.identifiers.is_empty()
    }
}

/// An amount as written (the decimal text is kept exact).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Amount {
    pub currency: String,
    pub value: String,
}

/// One transaction of a message: a message may carry several.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transaction {
    /// End-to-end id, UETR or transaction id, the best the message offers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The end-to-end id the debtor gave (ISO `EndToEndId`; not `NOTPROVIDED`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_to_end_id: Option<String>,
    /// The unique end-to-end transaction reference (ISO `UETR`, MT block 3 field 121).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uetr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    /// The settlement date, ISO `YYYY-MM-DD` (ISO `IntrBkSttlmDt`, MT 32A's value date,
    /// pain.001's requested execution date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settlement_date: Option<String>,
    pub parties: Vec<Party>,
    /// Free text: remittance information, MT 70/72/77B, purpose, instructions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub free_text: Vec<Located>,
    /// Vessel names and IMO numbers where the message carries them (free text aside).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vessels: Vec<Located>,
}

impl Transaction {
    pub fn new() -> Self {
        Transaction {
            id: None,
            end_to_end_id: None,
            uetr: None,
            amount: None,
            settlement_date: None,
            parties: Vec::new(),
            free_text: Vec::new(),
            vessels: Vec::new(),
        }
    }
}

impl Default for Transaction {
    fn default() -> Self {
        Self::new()
    }
}

/// A parsed payment message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Payment {
    /// The message id (ISO `MsgId`, MT field 20).
    pub message_id: String,
    pub format: MessageFormat,
    /// The precise message version (`pacs.008.001.08`), when the format has versions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Parties of the message itself (sender and receiver), shared by its transactions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<Party>,
    pub transactions: Vec<Transaction>,
}
