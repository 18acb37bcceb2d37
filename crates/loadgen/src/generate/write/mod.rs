//! Writing one message: a [`Writer`] holds the message being written and the draws it
//! needs, and each format's module adds its own method (`pacs008`, `pacs009`, `mt103`)
//! over the parts they share: the customers and their banks here, the ISO 20022 XML
//! in [`iso20022`], amounts, remittance texts and references in [`content`].

use rand::rngs::StdRng;
use rand::Rng;

use super::mix::Format;
use super::parties::{bank, locale, party, Bank, Party};
use super::perturb::perturb;
use super::random::pick;
use super::ListedName;

mod content;
mod iso20022;
mod mt103;
mod pacs008;
mod pacs009;

/// The business day every message is dated, as ISO 20022 and MT103 write it.
const DATE: &str = "2026-12-01";
const MT_DATE: &str = "261201";

/// Which party of a message carries the listed name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Debtor,
    Creditor,
    UltimateCreditor,
}

/// One message being written, with the generator's random numbers and the payment's key
/// and number (from which the message reference and the creation time are made).
pub(crate) struct Writer<'a> {
    rng: &'a mut StdRng,
    out: String,
    key: &'a str,
    run_id: &'a str,
    count: u64,
}

impl<'a> Writer<'a> {
    /// A writer of one message of `format`, the `count`th of the run, keyed `key`.
    pub(crate) fn new(rng: &'a mut StdRng, format: Format, key: &'a str, run_id: &'a str, count: u64) -> Writer<'a> {
        Writer { rng, out: String::with_capacity(if format == Format::Mt103 { 900 } else { 3600 }), key, run_id, count }
    }

    /// The message written.
    pub(crate) fn into_bytes(self) -> Vec<u8> {
        self.out.into_bytes()
    }
}

impl Writer<'_> {
    /// Debtor and creditor sides of a customer transfer: their locales, banks and
    /// parties, one of them carrying the listed name when there is a hit.
    fn customers(&mut self, hit: Option<(&ListedName, Role, bool)>) -> Customers {
        let debtor_locale = locale(self.rng);
        let creditor_locale = if self.rng.random_bool(0.35) { debtor_locale } else { locale(self.rng) };
        let debtor_bank = bank(self.rng, debtor_locale);
        let creditor_bank = bank(self.rng, creditor_locale);
        let debtor_org = self.rng.random_bool(0.4);
        let creditor_org = self.rng.random_bool(0.4);
        let mut debtor = party(self.rng, debtor_locale, debtor_org, &debtor_bank);
        let mut creditor = party(self.rng, creditor_locale, creditor_org, &creditor_bank);
        let mut ultimate = None;
        let mut hit_name = None;
        if let Some((listed, role, shorten_only)) = hit {
            let name = perturb(self.rng, listed, shorten_only);
            match role {
                Role::Debtor => debtor.name = name.clone(),
                Role::Creditor => creditor.name = name.clone(),
                Role::UltimateCreditor => {
                    let l = locale(self.rng);
                    let b = bank(self.rng, l);
                    let mut p = party(self.rng, l, listed.organisation, &b);
                    p.name = name.clone();
                    ultimate = Some(p);
                }
            }
            hit_name = Some(name);
        }
        let personal = !debtor_org && !creditor_org;
        Customers { debtor, creditor, ultimate, debtor_bank, creditor_bank, hit_name, personal }
    }

    fn pick_role(&mut self, roles: &[Role]) -> Role {
        *pick(self.rng, roles)
    }
}

struct Customers {
    debtor: Party,
    creditor: Party,
    ultimate: Option<Party>,
    debtor_bank: Bank,
    creditor_bank: Bank,
    hit_name: Option<String>,
    /// Both debtor and creditor are people.
    personal: bool,
}

/// Cuts to at most `max` characters.
fn cut_chars(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => s[..i].trim_end(),
        None => s,
    }
}
