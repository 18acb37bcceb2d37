//! What pacs.008 and pacs.009 share: the ISO 20022 XML of the business application
//! header (head.001), the group header, payment ids, amounts, agents, parties with their
//! postal address, accounts and remittance information.

use std::fmt::Write as _;

use rand::Rng;

use super::content::{remittance, write_amount};
use super::{cut_chars, Customers, Writer, DATE};
use crate::generate::parties::{street_line, town_line, Bank, Party};
use crate::generate::random::{alnum, uuid};
use crate::names::Locale;

/// ISO 20022 names (`Max140Text`).
pub(super) const ISO_NAME: usize = 140;

fn escape(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
}

impl Writer<'_> {
    pub(super) fn indent(&mut self, depth: usize) {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
    }

    pub(super) fn open(&mut self, depth: usize, tag: &str) {
        self.indent(depth);
        self.out.push('<');
        self.out.push_str(tag);
        self.out.push_str(">\n");
    }

    pub(super) fn close(&mut self, depth: usize, tag: &str) {
        self.indent(depth);
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push_str(">\n");
    }

    pub(super) fn element(&mut self, depth: usize, tag: &str, value: &str) {
        self.indent(depth);
        self.out.push('<');
        self.out.push_str(tag);
        self.out.push('>');
        escape(&mut self.out, value);
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push_str(">\n");
    }

    pub(super) fn agent(&mut self, depth: usize, tag: &str, bank: &Bank) {
        self.indent(depth);
        let _ = writeln!(self.out, "<{tag}><FinInstnId><BICFI>{}</BICFI></FinInstnId></{tag}>", bank.bic);
    }

    /// The customers' side of a customer credit transfer, in schema order: the debtor,
    /// its account and agent, the creditor's agent, the creditor and its account.
    pub(super) fn customer_legs(&mut self, depth: usize, c: &Customers) {
        self.party_xml(depth, "Dbtr", &c.debtor);
        self.account_xml(depth, "DbtrAcct", &c.debtor);
        self.agent(depth, "DbtrAgt", &c.debtor_bank);
        self.agent(depth, "CdtrAgt", &c.creditor_bank);
        self.party_xml(depth, "Cdtr", &c.creditor);
        self.account_xml(depth, "CdtrAcct", &c.creditor);
    }

    pub(super) fn party_xml(&mut self, depth: usize, tag: &str, party: &Party) {
        self.open(depth, tag);
        self.element(depth + 1, "Nm", cut_chars(&party.name, ISO_NAME));
        self.open(depth + 1, "PstlAdr");
        let l = party.locale;
        if self.rng.random_bool(0.75) {
            self.element(depth + 2, "StrtNm", party.street);
            self.element(depth + 2, "BldgNb", &party.number);
            if !party.postcode.is_empty() {
                self.element(depth + 2, "PstCd", &party.postcode);
            }
            self.element(depth + 2, "TwnNm", party.city);
            if !party.region.is_empty() {
                self.element(depth + 2, "CtrySubDvsn", party.region);
            }
            self.element(depth + 2, "Ctry", l.country);
        } else {
            self.element(depth + 2, "Ctry", l.country);
            let street = street_line(party);
            let town = town_line(party);
            self.element(depth + 2, "AdrLine", &street);
            self.element(depth + 2, "AdrLine", &town);
        }
        self.close(depth + 1, "PstlAdr");
        self.close(depth, tag);
    }

    pub(super) fn account_xml(&mut self, depth: usize, tag: &str, party: &Party) {
        self.indent(depth);
        if party.iban {
            let _ = writeln!(self.out, "<{tag}><Id><IBAN>{}</IBAN></Id></{tag}>", party.account);
        } else {
            let _ = writeln!(self.out, "<{tag}><Id><Othr><Id>{}</Id></Othr></Id></{tag}>", party.account);
        }
    }

    pub(super) fn app_header(&mut self, from: &Bank, to: &Bank, message_id: &str, definition: &str, service: &str) {
        self.out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<BizMsgEnvlp>\n");
        self.out.push_str("  <AppHdr xmlns=\"urn:iso:std:iso:20022:tech:xsd:head.001.001.02\">\n");
        self.indent(2);
        let _ = writeln!(self.out, "<Fr><FIId><FinInstnId><BICFI>{}</BICFI></FinInstnId></FIId></Fr>", from.bic);
        self.indent(2);
        let _ = writeln!(self.out, "<To><FIId><FinInstnId><BICFI>{}</BICFI></FinInstnId></FIId></To>", to.bic);
        self.element(2, "BizMsgIdr", message_id);
        self.element(2, "MsgDefIdr", definition);
        self.element(2, "BizSvc", service);
        let time = self.time();
        self.element(2, "CreDt", &time);
        self.out.push_str("  </AppHdr>\n");
    }

    /// The creation time: the business day, a second per message from 08:00 UTC.
    pub(super) fn time(&self) -> String {
        let seconds = 8 * 3600 + self.count % (12 * 3600);
        format!("{DATE}T{:02}:{:02}:{:02}Z", seconds / 3600, seconds / 60 % 60, seconds % 60)
    }

    pub(super) fn group_header(&mut self, message_id: &str) {
        self.open(3, "GrpHdr");
        self.element(4, "MsgId", message_id);
        let time = self.time();
        self.element(4, "CreDtTm", &time);
        self.element(4, "NbOfTxs", "1");
        self.indent(4);
        self.out.push_str("<SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf>\n");
        self.close(3, "GrpHdr");
    }

    pub(super) fn payment_id(&mut self, depth: usize, message_id: &str) {
        self.open(depth, "PmtId");
        self.element(depth + 1, "InstrId", message_id);
        let mut e2e = String::with_capacity(16);
        for _ in 0..12 {
            e2e.push(alnum(self.rng));
        }
        self.element(depth + 1, "EndToEndId", &e2e);
        let mut uetr = String::with_capacity(36);
        uuid(self.rng, &mut uetr);
        self.element(depth + 1, "UETR", &uetr);
        self.close(depth, "PmtId");
    }

    pub(super) fn settlement_amount(&mut self, depth: usize, l: &Locale, minor: u64) {
        self.indent(depth);
        let _ = write!(self.out, "<IntrBkSttlmAmt Ccy=\"{}\">", l.currency);
        write_amount(&mut self.out, minor, l.decimals, '.');
        self.out.push_str("</IntrBkSttlmAmt>\n");
        self.element(depth, "IntrBkSttlmDt", DATE);
    }

    pub(super) fn remittance_xml(&mut self, depth: usize, templates: &[&str]) {
        let mut text = String::with_capacity(48);
        remittance(self.rng, templates, &mut text);
        self.indent(depth);
        self.out.push_str("<RmtInf><Ustrd>");
        escape(&mut self.out, &text);
        self.out.push_str("</Ustrd></RmtInf>\n");
    }
}
