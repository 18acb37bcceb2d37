//! Listed names inside free text: an Aho-Corasick automaton over the analysed word
//! sequences of listed names, matched on word boundaries.
//!
//! Remittance lines and MT 70/72 say "PAYMENT FOR BEARINGS VIA 2ND ACADEMY OF NATURAL
//! SCIENCES"; the text is analysed like a name (so `SECOND` and `2ND` meet, `CH'OE` is
//! `choe`) and every listed name whose words appear in order, as whole words, is found.
//!
//! Names that would flood the alerts are left out: weak aliases, names of fewer than
//! four words made only of common words (every word held by more than
//! [`COMMON_WORD_NAMES`] listed names) and one-word names that are short or not rare. One-word vessel names count only after a
//! vessel marker (`MV`, `M/V`, `VESSEL`, `TANKER`...).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use interdict_index::{Index, NameId, TokenId};
use interdict_model::{EntityKind, NameRole};

/// A word held by more listed names than this is common.
pub const COMMON_WORD_NAMES: usize = 50;
/// A name made only of common words is looked for in free text when it has at least
/// this many words besides legal forms: four common words in a row
/// (`KOREA MINING DEVELOPMENT TRADING CORPORATION`) name one organisation, two or three
/// (`GENERAL TRADING`, `INTERNATIONAL TRADING COMPANY`) name many.
pub const MIN_COMMON_WORDS_IN_FREE_TEXT: usize = 4;
/// One-word names shorter than this are not looked for in text.
pub const MIN_SINGLE_WORD_LEN: usize = 6;
/// One-word names must be this rare (held by at most this many names) to be looked for.
pub const MAX_SINGLE_WORD_NAMES: usize = 3;

const VESSEL_MARKERS: [&str; 8] = ["mv", "m v", "vessel", "ship", "tanker", "mt", "ss", "imo"];

/// One name the automaton looks for.
#[derive(Debug, Clone)]
struct Pattern {
    name: NameId,
    single_word_vessel: bool,
    /// Words in the listed name.
    words: usize,
    /// Every word is common and the name is shorter than
    /// [`MIN_COMMON_WORDS_IN_FREE_TEXT`]: looked for only where asked (a party's own
    /// text).
    common_words: bool,
}

/// The compiled automaton over listed names.
#[derive(Debug, Clone)]
pub struct TextNames {
    patterns: Vec<Pattern>,
    automaton: AhoCorasick,
}

/// A listed name found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The listed name found.
    pub name: NameId,
    /// The analysed words that matched.
    pub words: String,
}

impl TextNames {
    /// Builds the automaton from every eligible name of the index. Cost: linear in the
    /// names; about 40,000 names compile in tens of milliseconds.
    pub fn build(index: &Index) -> Result<TextNames, crate::Error> {
        let mut patterns = Vec::new();
        let mut texts = Vec::new();
        for i in index.name_ids() {
            let name = index.name(i);
            if name.role() == NameRole::WeakAlias {
                continue;
            }
            let tokens: Vec<TokenId> = name.tokens().iter().collect();
            let is_rare =
                |t: &TokenId| index.names_with_token(*t).len() <= COMMON_WORD_NAMES && !index.is_legal_form(*t);
            let words = tokens.iter().filter(|t| !index.is_legal_form(**t)).count();
            let common_words = !tokens.iter().any(is_rare);
            // Names of common words only flood free text; inside a party's name and
            // address, three or more of them in a row are specific enough.
            if common_words && words < 3 {
                continue;
            }
            let mut single_word_vessel = false;
            if tokens.len() == 1 {
                let word = index.token(tokens[0]);
                let rare = index.names_with_token(tokens[0]).len() <= MAX_SINGLE_WORD_NAMES;
                let vessel = EntityKind::from(&index.entity(name.entity()).kind) == EntityKind::Vessel;
                if word.len() < MIN_SINGLE_WORD_LEN || !rare {
                    continue;
                }
                single_word_vessel = vessel;
            }
            let common_words = common_words && words < MIN_COMMON_WORDS_IN_FREE_TEXT;
            patterns.push(Pattern { name: i, single_word_vessel, words: tokens.len(), common_words });
            texts.push(format!(" {} ", name.normalized()));
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&texts)
            .map_err(|e| crate::Error::Build(e.to_string()))?;
        Ok(TextNames { patterns, automaton })
    }

    /// Listed names in an analysed text (`interdict_text::analyze`, words joined by
    /// spaces), except names of fewer than [`MIN_COMMON_WORDS_IN_FREE_TEXT`] common
    /// words.
    pub fn find(&self, analysed: &str) -> Vec<Found> {
        self.find_at_least(analysed, 1, false)
    }

    /// Listed names of at least `min_words` words in an analysed text; with
    /// `common_words`, also names of three or more common words.
    pub fn find_at_least(&self, analysed: &str, min_words: usize, common_words: bool) -> Vec<Found> {
        let mut haystack = String::with_capacity(analysed.len() + 2);
        haystack.push(' ');
        haystack.push_str(analysed);
        haystack.push(' ');
        let mut out: Vec<Found> = Vec::new();
        for m in self.automaton.find_overlapping_iter(&haystack) {
            let pattern = &self.patterns[m.pattern().as_usize()];
            if pattern.words < min_words || (pattern.common_words && !common_words) {
                continue;
            }
            let words = haystack[m.start() + 1..m.end() - 1].to_string();
            if pattern.single_word_vessel {
                let before = haystack[..m.start()].trim_end();
                if !VESSEL_MARKERS.iter().any(|v| before.ends_with(&format!(" {v}"))) {
                    continue;
                }
            }
            if !out.iter().any(|f| f.name == pattern.name) {
                out.push(Found { name: pattern.name, words });
            }
        }
        out
    }

    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }
}
