//! pacs.009.001.08, the FI credit transfer: plain (bank to bank) or cover (COV), whose
//! underlying customer credit transfer may carry the listed name.

use rand::Rng;

use super::content::{amount, reference};
use super::iso20022::ISO_NAME;
use super::{cut_chars, Role, Writer};
use crate::generate::parties::{bank, locale};
use crate::generate::ListedName;
use crate::names::{self, Locale};

impl Writer<'_> {
    /// Writes a pacs.009, cover when there is a hit; for a hit, returns the listed name as
    /// the message carries it.
    pub(crate) fn pacs009(&mut self, hit: Option<&ListedName>) -> Option<String> {
        let cover = hit.is_some() || self.rng.random_bool(0.5);
        let message_id = reference(self.key, self.run_id, self.count, 35);
        if !cover {
            let debtor_locale = locale(self.rng);
            let creditor_locale = locale(self.rng);
            let debtor = bank(self.rng, debtor_locale);
            let correspondent = bank(self.rng, creditor_locale);
            let creditor = bank(self.rng, creditor_locale);
            self.app_header(&debtor, &correspondent, &message_id, "pacs.009.001.08", "swift.cbprplus.02");
            self.fi_transfer_start(&message_id, debtor_locale, 400_000.0, 1.2);
            self.agent(4, "InstgAgt", &debtor);
            self.agent(4, "InstdAgt", &correspondent);
            self.agent(4, "Dbtr", &debtor);
            self.agent(4, "CdtrAgt", &correspondent);
            self.agent(4, "Cdtr", &creditor);
            if self.rng.random_bool(0.6) {
                self.remittance_xml(4, &names::INTERBANK_REMITTANCE);
            }
            self.fi_transfer_end();
            return None;
        }
        let role = self.pick_role(&[Role::Debtor, Role::Creditor]);
        let c = self.customers(hit.map(|h| (h, role, false)));
        let correspondent = bank(self.rng, c.creditor.locale);
        self.app_header(&c.debtor_bank, &correspondent, &message_id, "pacs.009.001.08", "swift.cbprplus.cov.02");
        let (median, sigma) = if c.personal { (900.0, 1.4) } else { (6000.0, 1.6) };
        self.fi_transfer_start(&message_id, c.debtor.locale, median, sigma);
        self.agent(4, "InstgAgt", &c.debtor_bank);
        self.agent(4, "InstdAgt", &correspondent);
        self.agent(4, "Dbtr", &c.debtor_bank);
        self.agent(4, "CdtrAgt", &correspondent);
        self.agent(4, "Cdtr", &c.creditor_bank);
        self.open(4, "UndrlygCstmrCdtTrf");
        self.customer_legs(5, &c);
        let templates = if c.personal { &names::PERSONAL_REMITTANCE } else { &names::BUSINESS_REMITTANCE };
        self.remittance_xml(5, templates);
        self.close(4, "UndrlygCstmrCdtTrf");
        self.fi_transfer_end();
        c.hit_name.map(|n| cut_chars(&n, ISO_NAME).to_string())
    }

    fn fi_transfer_start(&mut self, message_id: &str, l: &Locale, median: f64, sigma: f64) {
        self.out.push_str("  <Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.009.001.08\">\n");
        self.open(2, "FICdtTrf");
        self.group_header(message_id);
        self.open(3, "CdtTrfTxInf");
        self.payment_id(4, message_id);
        let minor = amount(self.rng, l, median, sigma);
        self.settlement_amount(4, l, minor);
    }

    fn fi_transfer_end(&mut self) {
        self.close(3, "CdtTrfTxInf");
        self.close(2, "FICdtTrf");
        self.out.push_str("  </Document>\n</BizMsgEnvlp>\n");
    }
}
