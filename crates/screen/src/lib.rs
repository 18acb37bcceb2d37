//! Screens a payment against the index and the embargo policy, producing one
//! [`Verdict`] with explained hits.
//!
//! What is screened, for every transaction of a [`Payment`]:
//! - every party name (debtor, creditor, ultimate parties, initiating party, every agent,
//!   sender and receiver) against the listed names, with the party's birth year and
//!   country as secondary factors (kind `name`);
//! - the party's country, town, region and address lines against the embargo policy:
//!   embargoed countries, their cities, and regions such as Crimea (kind `country`);
//! - BICs against listed BICs (kind `bic`) and, by their country (characters 5–6),
//!   against the policy (kind `country`); the IBAN's country prefix likewise;
//! - free text (remittance information, MT 70/72/77B, purpose, instructions) for listed
//!   names, with an automaton over listed word sequences (kind `text`), and for IMO
//!   numbers of listed vessels (kind `vessel`);
//! - party identifiers against listed identifiers (kind `id`).
//!
//! A good-guy list (accepted false positives: this listed entity against this party
//! name or account) suppresses matching hits; they are reported under `suppressed`,
//! never dropped. The verdict is `hold` when any hit is left, `pass` when none, and
//! `error` when the message could not be parsed: an error is never a pass.
//!
//! What this crate is not for: parsing (see `interdict-messages`) or transport.
//!
//! ```
//! use std::sync::Arc;
//! use interdict_index::{build, Index};
//! use interdict_model::{Entity, EntityKind, Outcome};
//! use interdict_screen::{Screener, ScreenConfig};
//!
//! let e = Entity::new("ofac-sdn:12215", "ofac-sdn", EntityKind::Organization, "SECOND ACADEMY OF NATURAL SCIENCES");
//! let index = Arc::new(Index::from_bytes(build(vec![e], vec![], "2026-01-01T00:00:00Z").unwrap()).unwrap());
//! let screener = Screener::new(index, ScreenConfig::default()).unwrap();
//! let json = br#"{"message_id": "P1", "format": "json", "transactions": [{"parties": [],
//!   "free_text": [{"path": "/rmt", "value": "PAYMENT FOR BEARINGS VIA 2ND ACADEMY OF NATURAL SCIENCES"}]}]}"#;
//! let verdicts = screener.screen_bytes(json);
//! assert_eq!(verdicts[0].verdict, Outcome::Hold);
//! assert_eq!(verdicts[0].hits[0].entity_id.as_deref(), Some("ofac-sdn:12215"));
//! ```

mod goodguys;
mod policy;
mod text;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use interdict_index::{EntityId, Index, NameId};
use interdict_matcher::{Alert, Context, MatchConfig, Matcher};
use interdict_messages::Limits;
use interdict_model::record::{GoodGuysVersion, ListVersion, ScreenedWith};
use interdict_model::{
    Hit, HitKind, IdKind, Located, Outcome, Party, Payment, SuppressedHit, Timings, Verdict, VerdictError,
};

pub use goodguys::{FilePosition, GoodGuyEntry, GoodGuyList};
pub use policy::{Place, Policy, DEFAULT_POLICY};
pub use text::TextNames;

/// SHA-256 of some bytes, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The one error type of this crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("embargo policy: {0}")]
    Policy(String),
    #[error("cannot build the screener: {0}")]
    Build(String),
    /// The good-guy file could not be read.
    #[error("{}: {source}", path.display())]
    GoodGuysUnreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The good-guy list is not valid: the file, where in it, and why.
    #[error("{}: {position}: {reason}", path.display())]
    GoodGuysInvalid { path: PathBuf, position: FilePosition, reason: String },
}

impl Error {
    /// Where in the good-guy file the problem is, for an invalid list.
    pub fn position(&self) -> Option<FilePosition> {
        match self {
            Error::GoodGuysInvalid { position, .. } => Some(*position),
            _ => None,
        }
    }
}

/// How to screen.
#[derive(Debug, Clone)]
pub struct ScreenConfig {
    pub matcher: MatchConfig,
    /// Name results kept for repeated counterparties (0 turns the cache off). The cache
    /// belongs to one screener, so to one index version.
    pub name_cache_entries: usize,
    pub policy: Policy,
    pub good_guys: GoodGuyList,
    pub limits: Limits,
    /// The day good-guy expiries are checked against, ISO `YYYY-MM-DD`.
    pub today: String,
}

impl Default for ScreenConfig {
    fn default() -> Self {
        ScreenConfig {
            matcher: MatchConfig::default(),
            name_cache_entries: 100_000,
            policy: Policy::default_policy(),
            good_guys: GoodGuyList::empty(),
            limits: Limits::default(),
            today: today(),
        }
    }
}

/// Today's date in UTC, ISO 8601.
pub fn today() -> String {
    chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now()).format("%Y-%m-%d").to_string()
}

/// Screens payments against one index. Owns what it needs (`Send + Sync`), so a service
/// can share it across threads and swap it when the index changes.
pub struct Screener {
    index: Arc<Index>,
    version: String,
    config: ScreenConfig,
    /// Derived from the index only: shared by the screeners of one index.
    text: Arc<TextNames>,
    screened_with: ScreenedWith,
    /// Alerts per (name, birth year, country): payment traffic repeats its
    /// counterparties, and a name screened once is not screened again for this index.
    name_cache: dashmap::DashMap<NameKey, Arc<Vec<Alert>>>,
}

/// A name as screened: the text and the whole matcher context it was screened with, so
/// the key cannot drift from what the matcher uses.
type NameKey = (String, Context);

/// One message of an input, screened: its verdict, and the payment when it could be
/// parsed.
#[derive(Debug, Clone)]
pub struct Screened {
    pub verdict: Verdict,
    pub payment: Option<Payment>,
}

/// A hit before good-guy filtering, with the party it came from.
struct Candidate {
    hit: Hit,
    party_name: Option<String>,
    party_account: Option<String>,
}

impl Screener {
    /// Prepares screening against `index`: builds the free-text automaton over its names.
    pub fn new(index: Arc<Index>, config: ScreenConfig) -> Result<Screener, Error> {
        let text = Arc::new(TextNames::build(&index)?);
        Ok(Screener::assemble(index, text, config))
    }

    /// A screener of the same index with another configuration (a new policy, good-guy
    /// list or threshold): the tables derived from the index are shared, not rebuilt.
    pub fn reconfigured(&self, config: ScreenConfig) -> Screener {
        Screener::assemble(self.index.clone(), self.text.clone(), config)
    }

    fn assemble(index: Arc<Index>, text: Arc<TextNames>, config: ScreenConfig) -> Screener {
        let version = index.version();
        let metadata = index.metadata();
        let screened_with = ScreenedWith {
            index_version: version.clone(),
            index_built: metadata.build_time.clone(),
            lists: metadata
                .sources
                .iter()
                .map(|s| ListVersion {
                    kind: s.kind.clone(),
                    lists: s.by_list.keys().cloned().collect(),
                    published: s.published.clone(),
                    entities: s.entities,
                })
                .collect(),
            policy_sha256: config.policy.sha256().to_string(),
            good_guys: GoodGuysVersion {
                sha256: config.good_guys.sha256().to_string(),
                entries: config.good_guys.entries().len() as u64,
            },
            threshold: config.matcher.threshold,
            engine: concat!("interdict ", env!("CARGO_PKG_VERSION")).to_string(),
        };
        Screener { index, version, config, text, screened_with, name_cache: dashmap::DashMap::new() }
    }

    /// What every verdict of this screener was screened against.
    pub fn screened_with(&self) -> &ScreenedWith {
        &self.screened_with
    }

    pub fn config(&self) -> &ScreenConfig {
        &self.config
    }

    pub fn index(&self) -> &Arc<Index> {
        &self.index
    }

    pub fn index_version(&self) -> &str {
        &self.version
    }

    /// Parses every message in `bytes` (any supported format) and screens it: one verdict
    /// per message, in order. A message that cannot be parsed gets an `error` verdict.
    pub fn screen_bytes(&self, bytes: &[u8]) -> Vec<Verdict> {
        self.screen_input(bytes).into_iter().map(|s| s.verdict).collect()
    }

    /// [`Screener::screen_bytes`], keeping each parsed payment with its verdict.
    pub fn screen_input(&self, bytes: &[u8]) -> Vec<Screened> {
        let started = Instant::now();
        let mut results = interdict_messages::parse(bytes, &self.config.limits);
        if results.is_empty() {
            // Every input gets a decision, even one the parsers found nothing in.
            results.push(Err(interdict_messages::Error::new(
                interdict_messages::ErrorKind::Invalid,
                None,
                interdict_messages::Position::Byte(0),
                "no message in the input",
            )));
        }
        let parse_us = started.elapsed().as_secs_f64() * 1e6 / results.len().max(1) as f64;
        results
            .into_iter()
            .map(|r| match r {
                Ok(payment) => {
                    let mut verdict = self.screen(&payment);
                    verdict.timings.parse_us = parse_us;
                    Screened { verdict, payment: Some(payment) }
                }
                Err(e) => Screened { verdict: self.error_verdict(&e, parse_us), payment: None },
            })
            .collect()
    }

    /// The verdict for a message that could not be parsed.
    pub fn error_verdict(&self, e: &interdict_messages::Error, parse_us: f64) -> Verdict {
        let line = match e.position {
            interdict_messages::Position::Line { line, .. } => Some(line),
            interdict_messages::Position::Byte(_) => None,
        };
        let kind = serde_json_kind(e.kind);
        Verdict {
            message_id: None,
            format: e.format,
            verdict: Outcome::Error,
            index_version: self.version.clone(),
            timings: Timings { parse_us, screen_us: 0.0 },
            hits: Vec::new(),
            suppressed: Vec::new(),
            error: Some(VerdictError { kind, offset: Some(e.offset()), line, reason: e.to_string() }),
        }
    }

    /// Screens one parsed payment.
    pub fn screen(&self, payment: &Payment) -> Verdict {
        let started = Instant::now();
        let matcher = Matcher::new(&self.index, self.config.matcher.clone());
        let mut candidates = Vec::new();
        for party in &payment.parties {
            self.screen_party(&matcher, party, None, &mut candidates);
        }
        for (t, tx) in payment.transactions.iter().enumerate() {
            for party in &tx.parties {
                self.screen_party(&matcher, party, Some(t), &mut candidates);
            }
            for text in &tx.free_text {
                self.screen_text(&matcher, text, Some(t), &mut candidates);
            }
            for vessel in &tx.vessels {
                self.screen_text(&matcher, vessel, Some(t), &mut candidates);
            }
        }
        let (hits, suppressed) = self.apply_good_guys(candidates);
        Verdict {
            message_id: Some(payment.message_id.clone()),
            format: Some(payment.format),
            verdict: if hits.is_empty() { Outcome::Pass } else { Outcome::Hold },
            index_version: self.version.clone(),
            timings: Timings { parse_us: 0.0, screen_us: started.elapsed().as_secs_f64() * 1e6 },
            hits,
            suppressed,
            error: None,
        }
    }

    fn list_hit(
        &self,
        kind: HitKind,
        entity: EntityId,
        score: f64,
        at: &Located,
        transaction: Option<usize>,
        why: String,
    ) -> Hit {
        let e = self.index.entity(entity);
        Hit {
            entity_id: Some(e.id.to_string()),
            source: Some(e.source.to_string()),
            programs: e.programs.iter().map(|p| p.to_string()).collect(),
            score,
            ..Hit::at(kind, at, transaction, e.name.as_str(), why)
        }
    }

    fn country_hit(&self, at: &Located, transaction: Option<usize>, jurisdiction: &str, why: String) -> Hit {
        Hit { source: Some("embargo-policy".into()), ..Hit::at(HitKind::Country, at, transaction, jurisdiction, why) }
    }

    fn screen_party(&self, matcher: &Matcher<'_>, party: &Party, t: Option<usize>, out: &mut Vec<Candidate>) {
        let push = |out: &mut Vec<Candidate>, hit: Hit| {
            out.push(Candidate {
                hit,
                party_name: party.name.as_ref().map(|n| n.value.clone()),
                party_account: party.account.as_ref().map(|a| a.value.clone()),
            })
        };
        // The role's name is only needed for a hit's explanation: most parties have none.
        let role_name = std::cell::OnceCell::new();
        let role = || role_name.get_or_init(|| serde_role(party)).as_str();
        let mut named: Vec<EntityId> = Vec::new();
        if let Some(name) = &party.name {
            let country = party.country.as_ref().and_then(|c| interdict_model::countries::code_for(&c.value));
            let context =
                Context { birth_year: party.birth_year, country: country.map(str::to_string), identifiers: Vec::new() };
            for alert in self.name_alerts(matcher, &name.value, context).iter() {
                let why = format!("{} name: {}", role(), alert.explanation);
                named.push(alert.entity);
                push(out, self.list_hit(HitKind::Name, alert.entity, alert.score, name, t, why));
            }
        }
        // A disguise in the name or the address is a reason to hold on its own.
        for at in name_and_address(party) {
            for signal in interdict_text::signals(&at.value) {
                push(out, disguise_hit(at, t, format!("{} {}: {}", role(), field_word(at, party), signal.explanation)));
            }
        }
        // The party as a whole: a listed name of two or more words anywhere in its name
        // and address together (the family name in the name field and the given name on
        // the next line, the whole name in an address line, a listed name inside a longer
        // one: "ACME TRADING AS AGENT FOR ...").
        // A name alone is the matcher's (listed names inside it included), unless it
        // has letters written apart that only a word-for-word reading joins (`O F`).
        let has_address = !party.address_lines.is_empty()
            || party.street.is_some()
            || party.town.is_some()
            || party.country_sub_division.is_some();
        let name_apart = party.name.as_ref().is_some_and(|n| interdict_text::has_letters_apart(&n.value));
        let whole = if has_address || name_apart { party_text(party) } else { String::new() };
        if !whole.is_empty() {
            for (entity, name, words) in self.names_in_text(&whole, 2) {
                if named.contains(&entity) {
                    continue;
                }
                named.push(entity);
                let why = format!(
                    "{} name and address together contain the listed name \"{}\" (as \"{}\")",
                    role(),
                    self.index.name(name).text(),
                    words
                );
                let at = Located::new(party.path.clone(), whole.clone());
                push(out, self.list_hit(HitKind::Name, entity, 1.0, &at, t, why));
            }
        }
        if let Some(country) = &party.country {
            let code = interdict_model::countries::code_for(&country.value).unwrap_or(country.value.as_str());
            if self.config.policy.is_embargoed(code) {
                let why = format!("{} country {code} is under embargo (policy)", role());
                push(out, self.country_hit(country, t, code, why));
            }
        }
        let places =
            party.address_lines.iter().chain(&party.street).chain(&party.town).chain(&party.country_sub_division);
        for at in places {
            for place in self.config.policy.places_in(&at.value) {
                let why = format!(
                    "{} address names {} {:?}, in {} which is under embargo (policy)",
                    role(),
                    place.what,
                    place.name,
                    place.jurisdiction
                );
                push(out, self.country_hit(at, t, &place.jurisdiction, why));
            }
        }
        if let Some(bic) = &party.bic {
            let mut normalized = String::with_capacity(bic.value.len());
            normalized.extend(bic.value.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()));
            // A BIC11 names a branch of the BIC8 institution: both are looked up.
            let mut entities: Vec<EntityId> =
                self.index.entities_with_identifier(&IdKind::Bic, &normalized).iter().collect();
            if normalized.len() == 11 {
                entities.extend(self.index.entities_with_identifier(&IdKind::Bic, &normalized[..8]));
            }
            entities.sort_unstable();
            entities.dedup();
            for e in entities {
                let why = format!("{} BIC {normalized} is listed as the SWIFT/BIC of this entity", role());
                push(out, self.list_hit(HitKind::Bic, e, 1.0, bic, t, why));
            }
            if normalized.len() >= 6 {
                let code = &normalized[4..6];
                if self.config.policy.is_embargoed(code) {
                    let why =
                        format!("{} BIC {normalized} is a bank in {code}, which is under embargo (policy)", role());
                    push(out, self.country_hit(bic, t, code, why));
                }
            }
        }
        if let Some(account) = &party.account {
            let mut chars = account.value.chars().filter(|c| !c.is_whitespace());
            let head: Vec<char> = chars.by_ref().take(4).collect();
            let iban_like = head.len() == 4
                && 4 + chars.count() >= 15
                && head[0].is_ascii_alphabetic()
                && head[1].is_ascii_alphabetic()
                && head[2].is_ascii_digit()
                && head[3].is_ascii_digit();
            if iban_like {
                let code: String = head[..2].iter().map(|c| c.to_ascii_uppercase()).collect();
                if self.config.policy.is_embargoed(&code) {
                    let why = format!("{} IBAN is an account in {code}, which is under embargo (policy)", role());
                    push(out, self.country_hit(account, t, &code, why));
                }
            }
        }
        for id in &party.identifiers {
            for kind in [IdKind::Passport, IdKind::NationalId, IdKind::TaxId, IdKind::RegistrationNumber] {
                for e in self.index.entities_with_identifier(&kind, &id.value) {
                    let why = format!("{} identifier {} is a listed {}", role(), id.value, kind.as_str());
                    push(out, self.list_hit(HitKind::Id, e, 1.0, id, t, why));
                }
            }
        }
    }

    /// The matcher's alerts for a name, through the cache.
    fn name_alerts(&self, matcher: &Matcher<'_>, name: &str, context: Context) -> Arc<Vec<Alert>> {
        if self.config.name_cache_entries == 0 {
            return Arc::new(matcher.search_with(name, &context));
        }
        let key = (name.to_string(), context);
        if let Some(hit) = self.name_cache.get(&key) {
            return hit.clone();
        }
        let alerts = Arc::new(matcher.search_with(name, &key.1));
        if self.name_cache.len() >= self.config.name_cache_entries {
            // Bounded memory: start over rather than track recency on the hot path.
            self.name_cache.clear();
        }
        self.name_cache.insert(key, alerts.clone());
        alerts
    }

    /// Listed names of at least `min_words` words in a text, as written and as read once
    /// a disguise is undone: (entity, name id, the words that matched), one per entity.
    /// A party's own text (`min_words` 2) is also searched for names of common words.
    fn names_in_text(&self, text: &str, min_words: usize) -> Vec<(EntityId, NameId, String)> {
        let mut found: Vec<(EntityId, NameId, String)> = Vec::new();
        let readings = interdict_text::text_readings(text);
        for reading in std::iter::once(text).chain(readings.alternatives.iter().map(String::as_str)) {
            for f in self.text.find_at_least(&interdict_text::analyzed_text(reading), min_words, min_words >= 2) {
                let entity = self.index.name(f.name).entity();
                if !found.iter().any(|(e, ..)| *e == entity) {
                    found.push((entity, f.name, f.words));
                }
            }
        }
        found
    }

    fn screen_text(&self, matcher: &Matcher<'_>, at: &Located, t: Option<usize>, out: &mut Vec<Candidate>) {
        let found = self.names_in_text(&at.value, 1);
        for (entity, name, words) in &found {
            let why =
                format!("free text contains the listed name \"{}\" (as \"{}\")", self.index.name(*name).text(), words);
            out.push(Candidate {
                hit: self.list_hit(HitKind::Text, *entity, 1.0, at, t, why),
                party_name: None,
                party_account: None,
            });
        }
        // Listed names written in another script (read as their Latin forms).
        for alert in matcher.names_in_script_text(&at.value) {
            if found.iter().any(|(e, ..)| *e == alert.entity) {
                continue;
            }
            let why = format!("free text written in another script reads as a listed name: {}", alert.explanation);
            out.push(Candidate {
                hit: self.list_hit(HitKind::Text, alert.entity, alert.score, at, t, why),
                party_name: None,
                party_account: None,
            });
        }
        for signal in interdict_text::signals(&at.value) {
            out.push(Candidate {
                hit: disguise_hit(at, t, format!("free text {}", signal.explanation)),
                party_name: None,
                party_account: None,
            });
        }
        // IMO numbers: "IMO 9187629", or any seven digits after "imo" (analysed only when
        // the text has those letters).
        let has_imo = at.value.as_bytes().windows(3).any(|w| w.eq_ignore_ascii_case(b"imo"));
        let analysed = if has_imo { interdict_text::analyzed_text(&at.value) } else { String::new() };
        let analysed: Vec<&str> = analysed.split(' ').collect();
        for pair in analysed.windows(2) {
            if pair[0] == "imo" && pair[1].len() == 7 && pair[1].bytes().all(|b| b.is_ascii_digit()) {
                for e in self.index.entities_with_identifier(&IdKind::Imo, pair[1]) {
                    let why = format!("free text names IMO {}, the IMO number of this listed vessel", pair[1]);
                    out.push(Candidate {
                        hit: self.list_hit(HitKind::Vessel, e, 1.0, at, t, why),
                        party_name: None,
                        party_account: None,
                    });
                }
            }
        }
        for place in self.config.policy.places_in(&at.value) {
            let why = format!(
                "free text names {} {:?}, in {} which is under embargo (policy)",
                place.what, place.name, place.jurisdiction
            );
            out.push(Candidate {
                hit: self.country_hit(at, t, &place.jurisdiction, why),
                party_name: None,
                party_account: None,
            });
        }
    }

    /// Splits hits into those left and those an active good-guy entry suppresses.
    fn apply_good_guys(&self, candidates: Vec<Candidate>) -> (Vec<Hit>, Vec<SuppressedHit>) {
        let mut hits = Vec::new();
        let mut suppressed = Vec::new();
        for c in candidates {
            let entry = self.config.good_guys.entries().iter().find(|g| {
                g.is_active_on(&self.config.today)
                    && c.hit.entity_id.as_deref() == Some(g.entity_id.as_str())
                    && (same_name(g.party_name.as_deref(), c.party_name.as_deref())
                        || same_account(g.account.as_deref(), c.party_account.as_deref()))
            });
            match entry {
                Some(g) => suppressed.push(SuppressedHit {
                    hit: c.hit,
                    reason: format!("accepted false positive: {} (approved by {})", g.reason, g.approved_by),
                }),
                None => {
                    // The same hit from two paths (name and text) stays two hits: each
                    // says where; exact duplicates are dropped.
                    if !hits.iter().any(|h: &Hit| {
                        h.field_path == c.hit.field_path
                            && h.entity_id == c.hit.entity_id
                            && h.kind == c.hit.kind
                            && h.listed_name == c.hit.listed_name
                    }) {
                        hits.push(c.hit);
                    }
                }
            }
        }
        (hits, suppressed)
    }
}

/// A hit for a disguised name or text: no listed entity, the reason in words.
fn disguise_hit(at: &Located, transaction: Option<usize>, why: String) -> Hit {
    Hit::at(HitKind::Disguise, at, transaction, "disguised name", why)
}

/// `name` or `address` for a located value of a party.
fn field_word(at: &Located, party: &Party) -> &'static str {
    if party.name.as_ref().is_some_and(|n| std::ptr::eq(n, at)) {
        "name"
    } else {
        "address"
    }
}

/// A party's name and address parts, in the order a reader meets them.
fn name_and_address(party: &Party) -> impl Iterator<Item = &Located> {
    party
        .name
        .iter()
        .chain(&party.address_lines)
        .chain(&party.street)
        .chain(&party.town)
        .chain(&party.country_sub_division)
}

/// A party's name and address as one text.
fn party_text(party: &Party) -> String {
    let mut text = String::new();
    for at in name_and_address(party) {
        // A plain space: a name may run on from one part into the next, even spelled
        // out (`C` in the name, `H O E CHOL MIN` in the address line).
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&at.value);
    }
    text
}

fn same_name(listed: Option<&str>, party: Option<&str>) -> bool {
    match (listed, party) {
        (Some(a), Some(b)) => interdict_text::normalize(a) == interdict_text::normalize(b),
        _ => false,
    }
}

fn same_account(listed: Option<&str>, party: Option<&str>) -> bool {
    let clean = |s: &str| s.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_uppercase();
    match (listed, party) {
        (Some(a), Some(b)) => !clean(a).is_empty() && clean(a) == clean(b),
        _ => false,
    }
}

fn serde_role(party: &Party) -> String {
    serde_json_string(&party.role)
}

fn serde_json_kind(kind: interdict_messages::ErrorKind) -> String {
    serde_json_string(&kind)
}

/// The snake_case name serde gives an enum value.
fn serde_json_string<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

#[cfg(test)]
mod tests;
