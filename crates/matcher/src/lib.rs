//! Scores a name against the index and explains every alert.
//!
//! Given a name as a payment carries it, [`Matcher::search`] analyses it the way the
//! index analysed the listed names (normalised, transliterated, romanisation variants
//! rewritten, legal forms and honorifics classified), finds candidate listed names
//! through the index, pairs the query's tokens with each candidate's tokens, and scores
//! the pairing from 0 to 1. Tokens weigh by their rarity in the lists: a shared `KIM`
//! says less than a shared `SUNGATOV`, and legal forms (`LLC`, `JSC`) say almost nothing.
//! Each [`Alert`] carries a sentence saying which tokens paired and how; its
//! [`AlertDetails`] add what an analyst reads about the listed entity, as JSON or text.
//!
//! Pairings: exact; a spelling that sounds alike (same phonetic key); one edit away
//! (typos, by token length); an initial (`H.` for `Hossein`); a prefix of the last token
//! when the query looks cut at the 35-character SWIFT line; one query token for two
//! listed tokens (`Cholmin` / `Chol Min`) and two for one.
//!
//! A name holding words of another script (Arabic, Hangul, Cyrillic...) is also read as
//! the Latin forms those words may take (`interdict_text::script`), and that reading is
//! searched too: `يحيى جوادي` finds `DJOUADI, Yahia`, `최철민` finds `CHOE, Chol Min`.
//!
//! Retrieval is MaxScore-style: query tokens are taken rarest first, each one's postings
//! raise an upper bound per candidate, and once the tokens left could not lift a name
//! that holds none of the ones taken to the threshold, common tokens only raise the bounds
//! of names already found. Only candidates whose bound reaches the threshold are scored.
//!
//! What it is not for: parsing payments or deciding a payment's verdict, or building the
//! index.
//!
//! ```
//! use interdict_index::{build, Index, SourceMeta};
//! use interdict_matcher::{Matcher, MatchConfig};
//! use interdict_model::{Entity, EntityKind};
//!
//! let e = Entity::new("ofac-sdn:43598", "ofac-sdn", EntityKind::Person, "CHOE, Chol Min");
//! let index = Index::from_bytes(build(vec![e], vec![], "2026-01-01T00:00:00Z").unwrap()).unwrap();
//! let matcher = Matcher::new(&index, MatchConfig::default());
//! let alerts = matcher.search("Min Chol CHOI");
//! assert_eq!(index.entity(alerts[0].entity).id.as_str(), "ofac-sdn:43598");
//! assert!(alerts[0].score > 0.9);
//! ```

mod context;
mod details;
mod query;
mod score;
mod script;

pub use context::{Context, Error};
pub use details::AlertDetails;

use std::cell::RefCell;

use interdict_index::{Index, NameId};

pub use score::Alert;

/// The default alert threshold: scores at or above it are alerts.
pub const DEFAULT_THRESHOLD: f64 = 0.80;

/// A listed name found in a text written in another script must score at least this
/// much against the words that read as it: a text is not a name, and two words of it
/// that half match a listed name are no evidence.
pub const SCRIPT_TEXT_MIN_SCORE: f64 = 0.9;

/// The default bound on alerts per name. Names cut short before any distinctive word
/// can begin hundreds of listed names, each of them an alert.
pub const DEFAULT_MAX_ALERTS: usize = 1000;

#[derive(Debug, Clone, PartialEq)]
pub struct MatchConfig {
    /// Alerts score at least this much (0–1).
    pub threshold: f64,
    /// At most this many alerts per query, best first. A bound on output size, not a
    /// filter: set it high enough that no alert at or above the threshold is dropped.
    pub max_alerts: usize,
}

impl Default for MatchConfig {
    fn default() -> Self {
        MatchConfig { threshold: DEFAULT_THRESHOLD, max_alerts: DEFAULT_MAX_ALERTS }
    }
}

/// Scores names against one index. Cheap to create; `search` takes `&self` and may be
/// called from many threads.
///
/// A matcher remembers what the index holds near each query word it has seen (up to a
/// bound), so the words that repeat across the names of one payment are looked up once.
/// A screener makes one matcher per payment.
pub struct Matcher<'i> {
    index: &'i Index,
    config: MatchConfig,
    words: query::WordMemo,
}

/// Per-thread work space, reused across queries so a query allocates little.
#[derive(Default)]
struct Scratch {
    bounds: Vec<score::Bound>,
    touched: Vec<NameId>,
    buffers: score::ScoreBuffers,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl<'i> Matcher<'i> {
    pub fn new(index: &'i Index, config: MatchConfig) -> Self {
        Matcher { index, config, words: query::WordMemo::default() }
    }

    pub fn config(&self) -> &MatchConfig {
        &self.config
    }

    /// Alerts for one name, best first, at or above the threshold.
    pub fn search(&self, name: &str) -> Vec<Alert> {
        self.search_with(name, &Context::default())
    }

    /// Alerts for one name, with what else the caller knows about the party (birth year,
    /// country, identifiers) raising or lowering the scores; see [`Context`].
    ///
    /// A disguised name is searched as written and as read once the disguise is undone
    /// (look-alike letters of other scripts, letters spelled out with dots, a right-to-left
    /// override; see `interdict_text::readings`); an alert found only through such a
    /// reading says so in its explanation.
    pub fn search_with(&self, name: &str, context: &Context) -> Vec<Alert> {
        let mut alerts = self.search_reading(name, context);
        let readings = interdict_text::readings(name);
        let other_script = interdict_text::script::has_other_script(name);
        if other_script && !interdict_text::script::has_latin_letters(name) {
            // A name written wholly in another script meets the lists' Latin names through
            // its script reading (below), which knows how the script is romanised; its
            // one-spelling transliteration serves only names listed in a script too.
            alerts.retain(|a| {
                let listed = self.index.name(a.name);
                listed.role() == interdict_model::NameRole::OriginalScript
                    || interdict_text::script::has_other_script(listed.text())
            });
        }
        if readings.alternatives.is_empty() && !other_script {
            return alerts;
        }
        if other_script {
            // Words in another script, read as the Latin forms they may take.
            for alert in self.search_script(name, context) {
                match alerts.iter_mut().find(|a| a.entity == alert.entity) {
                    Some(found) if found.score >= alert.score => {}
                    Some(found) => *found = alert,
                    None => alerts.push(alert),
                }
            }
        }
        for reading in &readings.alternatives {
            for mut alert in self.search_reading(reading, context) {
                match alerts.iter_mut().find(|a| a.entity == alert.entity) {
                    Some(found) if found.score >= alert.score => {}
                    found => {
                        alert.explanation = format!("read as \"{reading}\": {}", alert.explanation);
                        match found {
                            Some(found) => *found = alert,
                            None => alerts.push(alert),
                        }
                    }
                }
            }
        }
        alerts.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entity.cmp(&b.entity)));
        alerts.truncate(self.config.max_alerts);
        alerts
    }

    /// Listed names written in another script inside a text (remittance information,
    /// MT 70/72): every run of one to three consecutive words holding letters of another
    /// script is read as a name (a Korean or Chinese name is one word), and a listed name of two or more words that such a run
    /// matches at [`SCRIPT_TEXT_MIN_SCORE`] or more (and at the threshold) is an alert,
    /// its explanation opening with the words that matched. A text in Latin letters
    /// alone costs one pass.
    pub fn names_in_script_text(&self, text: &str) -> Vec<Alert> {
        if !interdict_text::script::has_other_script(text) {
            return Vec::new();
        }
        let words: Vec<&str> = text.split_whitespace().take(query::MAX_QUERY_WORDS).collect();
        let scripted: Vec<bool> = words.iter().map(|w| interdict_text::script::has_other_script(w)).collect();
        let min_score = SCRIPT_TEXT_MIN_SCORE.max(self.config.threshold);
        let mut found: Vec<Alert> = Vec::new();
        for len in 1..=3 {
            for start in 0..words.len().saturating_sub(len - 1) {
                if !scripted[start..start + len].iter().all(|&s| s) {
                    continue;
                }
                let window = words[start..start + len].join(" ");
                for mut alert in self.search_script(&window, &Context::default()) {
                    if alert.score < min_score || self.index.name(alert.name).tokens().len() < 2 {
                        continue;
                    }
                    alert.explanation = format!("\"{window}\": {}", alert.explanation);
                    match found.iter_mut().find(|a| a.entity == alert.entity) {
                        Some(a) if a.score >= alert.score => {}
                        Some(a) => *a = alert,
                        None => found.push(alert),
                    }
                }
            }
        }
        found.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entity.cmp(&b.entity)));
        found.truncate(self.config.max_alerts);
        found
    }

    /// Alerts for a name's words in other scripts read as Latin words.
    fn search_script(&self, name: &str, context: &Context) -> Vec<Alert> {
        let Some(query) = script::query(self.index, name) else {
            return Vec::new();
        };
        if query.tokens.is_empty() {
            return Vec::new();
        }
        SCRATCH.with(|s| {
            let mut scratch = s.borrow_mut();
            score::search(self.index, &self.config, &query, context, &mut scratch)
        })
    }

    /// Alerts for one reading of a name.
    fn search_reading(&self, name: &str, context: &Context) -> Vec<Alert> {
        let query = query::Query::analyze(self.index, &self.words, name);
        if query.tokens.is_empty() {
            return Vec::new();
        }
        SCRATCH.with(|s| {
            let mut scratch = s.borrow_mut();
            score::search(self.index, &self.config, &query, context, &mut scratch)
        })
    }
}

#[cfg(test)]
mod tests;
