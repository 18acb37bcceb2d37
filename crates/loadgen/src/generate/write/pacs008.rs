//! pacs.008.001.08, the FI to FI customer credit transfer, in a CBPR+ business message
//! envelope: debtor, creditor and sometimes an ultimate creditor, one of whom may carry
//! the listed name.

use rand::Rng;

use super::content::{amount, reference};
use super::iso20022::ISO_NAME;
use super::{cut_chars, Role, Writer};
use crate::generate::parties::{bank, locale, party};
use crate::generate::random::pick;
use crate::generate::ListedName;
use crate::names;

impl Writer<'_> {
    /// Writes a pacs.008; for a hit, returns the listed name as the message carries it.
    pub(crate) fn pacs008(&mut self, hit: Option<&ListedName>) -> Option<String> {
        let role =
            self.pick_role(&[Role::Debtor, Role::Debtor, Role::Creditor, Role::Creditor, Role::UltimateCreditor]);
        let mut c = self.customers(hit.map(|h| (h, role, false)));
        if c.ultimate.is_none() && self.rng.random_bool(0.08) {
            let l = locale(self.rng);
            let b = bank(self.rng, l);
            c.ultimate = Some(party(self.rng, l, true, &b));
        }
        let message_id = reference(self.key, self.run_id, self.count, 35);
        self.app_header(&c.debtor_bank, &c.creditor_bank, &message_id, "pacs.008.001.08", "swift.cbprplus.02");
        self.out.push_str("  <Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\">\n");
        self.open(2, "FIToFICstmrCdtTrf");
        self.group_header(&message_id);
        self.open(3, "CdtTrfTxInf");
        self.payment_id(4, &message_id);
        let l = c.debtor.locale;
        let (median, sigma) = if c.personal { (220.0, 1.4) } else { (1800.0, 1.7) };
        let minor = amount(self.rng, l, median, sigma);
        self.settlement_amount(4, l, minor);
        let charges = *pick(self.rng, &["SHAR", "SHAR", "SHAR", "DEBT", "CRED"]);
        self.element(4, "ChrgBr", charges);
        self.agent(4, "InstgAgt", &c.debtor_bank);
        self.agent(4, "InstdAgt", &c.creditor_bank);
        self.customer_legs(4, &c);
        if let Some(u) = &c.ultimate {
            self.party_xml(4, "UltmtCdtr", u);
        }
        let templates = if c.personal { &names::PERSONAL_REMITTANCE } else { &names::BUSINESS_REMITTANCE };
        self.remittance_xml(4, templates);
        self.close(3, "CdtTrfTxInf");
        self.close(2, "FIToFICstmrCdtTrf");
        self.out.push_str("  </Document>\n</BizMsgEnvlp>\n");
        c.hit_name.map(|n| cut_chars(&n, ISO_NAME).to_string())
    }
}
