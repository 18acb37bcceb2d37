//! Realistic payment messages with the screening outcome they should get.
//!
//! A [`Generator`] produces pacs.008, pacs.009 (plain and COV) and MT103 messages in the
//! proportions of a [`Mix`]. Innocent payments carry people and companies from more than
//! twenty locales (names in each locale's order and spelling, its companies' legal forms,
//! streets, post codes, banks, IBANs with valid check digits, the currency of the
//! debtor agent's country), none in an embargoed country: they should pass. A share of
//! `hit_ratio` of the payments puts a listed name, written the way payments really carry
//! it, on one party: those should be held, with a hit on that listed entity.
//!
//! Everything comes from one seeded random generator: the same seed and configuration
//! give the same messages, byte for byte.
//!
//! The parts: [`mix`] (formats and their weights), [`parties`] (who pays whom),
//! [`perturb`] (how a listed name is written on a payment), [`write`] (one module per
//! message format), [`random`] (the draws); the generator itself is here.

use interdict_model::EntityKind;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

mod mix;
mod parties;
mod perturb;
mod random;
mod write;

pub use mix::{Format, Mix};
use write::Writer;

/// The outcome screening should reach for a generated payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Expected {
    Hold,
    Pass,
}

impl Expected {
    pub fn as_str(&self) -> &'static str {
        match self {
            Expected::Hold => "hold",
            Expected::Pass => "pass",
        }
    }
}

/// A listed party whose name the generator may put on a payment.
#[derive(Debug, Clone)]
pub struct ListedName {
    /// The index's entity id (`ofac-sdn:43598`).
    pub entity_id: String,
    /// The primary name as listed (`CHOE, Chol Min`).
    pub name: String,
    /// An organisation rather than a person.
    pub organisation: bool,
}

/// The listed names fit to be placed on payments: of persons and organisations (vessels
/// and aircraft are not parties to a payment), with names of at least two words with at
/// least eight letters in all. Shorter names ("AL-NUR", "KIM Il") cannot be told from
/// innocent parties by their name alone, so a payment carrying one proves nothing.
/// Takes (entity id, primary name, kind) triples.
pub fn listed_names_from(entities: impl Iterator<Item = (String, String, EntityKind)>) -> Vec<ListedName> {
    entities
        .filter_map(|(entity_id, name, kind)| {
            let organisation = match kind {
                EntityKind::Person => false,
                EntityKind::Organization => true,
                _ => return None,
            };
            Some(ListedName { entity_id, name, organisation }).filter(|l| fit_to_place(&l.name))
        })
        .collect()
}

fn fit_to_place(name: &str) -> bool {
    let words = name.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().any(char::is_alphabetic)).count();
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    words >= 2 && letters >= 8
}

/// How to generate.
#[derive(Debug, Clone)]
pub struct GeneratorConfig {
    pub seed: u64,
    /// The share of payments that carry a listed name (0 to 1), when there are listed names.
    pub hit_ratio: f64,
    pub mix: Mix,
    /// Prefix of the payment keys, `<run_id>-<n>`.
    pub run_id: String,
}

impl Default for GeneratorConfig {
    fn default() -> Self {
        GeneratorConfig { seed: 1, hit_ratio: 0.02, mix: Mix::default(), run_id: "lg".to_string() }
    }
}

impl GeneratorConfig {
    /// A run id of its own for a run started now with `seed`: `lg<unix seconds>-<seed>`,
    /// so that keys (and the decisions reader's group) of two runs never meet.
    pub fn run_id_now(seed: u64) -> String {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        format!("lg{now}-{seed}")
    }
}

/// One generated payment message and the outcome screening should reach.
#[derive(Debug, Clone)]
pub struct GeneratedPayment {
    /// `<run_id>-<n>`, n counting from 1; unique within a generator. The message id
    /// (ISO `MsgId`, MT103 field 20) is this key when it fits the field.
    pub key: String,
    pub format: Format,
    /// The message, UTF-8 (ISO 20022 XML) or SWIFT X characters (MT103).
    pub bytes: Vec<u8>,
    pub expected: Expected,
    /// The listed entity whose name the payment carries, for a hit.
    pub listed_entity: Option<String>,
    /// The listed name as written on the payment. MT103 name lines hold 35 characters,
    /// so a longer name is carried cut there (the rest on the next line, an address line).
    pub hit_name: Option<String>,
}

/// Produces payments; see the module documentation.
pub struct Generator {
    config: GeneratorConfig,
    listed: Vec<ListedName>,
    rng: StdRng,
    count: u64,
    hit_ratio: f64,
}

impl Generator {
    /// A generator over `listed` (names of fewer than two words or eight letters are
    /// left out, see [`listed_names_from`]). A mix whose weights are all 0 gives pacs.008.
    pub fn new(config: GeneratorConfig, listed: Vec<ListedName>) -> Generator {
        let listed = listed.into_iter().filter(|l| fit_to_place(&l.name)).collect();
        let hit_ratio = if config.hit_ratio.is_nan() { 0.0 } else { config.hit_ratio.clamp(0.0, 1.0) };
        let rng = StdRng::seed_from_u64(config.seed);
        Generator { config, listed, rng, count: 0, hit_ratio }
    }

    /// Whether hits can be generated: there is at least one listed name fit to place.
    pub fn can_hit(&self) -> bool {
        !self.listed.is_empty()
    }

    pub fn next_payment(&mut self) -> GeneratedPayment {
        self.count += 1;
        let key = format!("{}-{}", self.config.run_id, self.count);
        let format = self.pick_format();
        let hit = if self.can_hit() && self.rng.random_bool(self.hit_ratio) {
            let listed = &self.listed[self.rng.random_range(0..self.listed.len())];
            Some(listed.clone())
        } else {
            None
        };
        let mut w = Writer::new(&mut self.rng, format, &key, &self.config.run_id, self.count);
        let hit_name = match format {
            Format::Pacs008 => w.pacs008(hit.as_ref()),
            Format::Pacs009 => w.pacs009(hit.as_ref()),
            Format::Mt103 => w.mt103(hit.as_ref()),
        };
        let bytes = w.into_bytes();
        GeneratedPayment {
            key,
            format,
            bytes,
            expected: if hit.is_some() { Expected::Hold } else { Expected::Pass },
            listed_entity: hit.map(|h| h.entity_id),
            hit_name,
        }
    }

    fn pick_format(&mut self) -> Format {
        let Mix { pacs008, pacs009, mt103 } = self.config.mix;
        let total = u64::from(pacs008) + u64::from(pacs009) + u64::from(mt103);
        if total == 0 {
            return Format::Pacs008;
        }
        let r = self.rng.random_range(0..total);
        if r < u64::from(pacs008) {
            Format::Pacs008
        } else if r < u64::from(pacs008) + u64::from(pacs009) {
            Format::Pacs009
        } else {
            Format::Mt103
        }
    }
}

impl Iterator for Generator {
    type Item = GeneratedPayment;

    fn next(&mut self) -> Option<GeneratedPayment> {
        Some(self.next_payment())
    }
}
