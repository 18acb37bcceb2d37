//! A query analysed against the index: its tokens, their weights and the index tokens
//! each may pair with.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use interdict_index::{Index, NeighbourKind, TokenId};
use interdict_text::{analyze_first, canonical_token, TokenClass, MAX_MATCHED_WORD_LEN};

/// How a query token pairs with an index token.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PairKind {
    Exact,
    /// Same phonetic key, similar spelling.
    SoundsAlike,
    /// One edit (insertion, deletion, substitution, transposition) away.
    Typo,
    /// The query token is the start of the index token (a name cut at 35 characters).
    Prefix,
    /// The query token is two index tokens written together; this is the first or second.
    SplitFirst,
    SplitSecond,
    /// A word written in another script, read as one of the Latin forms it may take.
    Script,
}

/// An index token a query token may pair with.
#[derive(Debug, Clone, Copy)]
pub struct Option_ {
    pub token: TokenId,
    pub sim: f32,
    pub kind: PairKind,
}

#[derive(Debug)]
pub struct QueryToken {
    pub text: String,
    /// The token's weight in the query's total (0 for a leading honorific).
    pub weight: f32,
    pub options: Arc<[Option_]>,
    /// A single letter: pairs with any listed token it begins.
    pub initial: bool,
    /// Postings length of the options, for ordering the retrieval.
    pub postings: usize,
}

/// Adjacent query tokens written as one index token ("Chol Min" for "CHOLMIN"; the
/// Arabic `عبد ال مالك` for "ABDELMALEK").
#[derive(Debug, Clone, Copy)]
pub struct Join {
    pub first: usize,
    pub last: usize,
    pub token: TokenId,
}

#[derive(Debug)]
pub struct Query {
    pub tokens: Vec<QueryToken>,
    pub joins: Vec<Join>,
    pub total_weight: f32,
    /// The query may be cut at the SWIFT line length: its last token may be a prefix.
    pub truncated: bool,
    /// The analysed query tokens joined by spaces, for the explanation.
    pub text: String,
    /// The query holds a legal-form word: it names an organisation.
    pub has_legal_form: bool,
    /// The query opens with an honorific: it names a person.
    pub has_honorific: bool,
    /// The query holds a word that can identify a party: not only legal forms,
    /// honorifics and initials ("LIMITED LIABILITY COMPANY", "MR A.").
    pub informative: bool,
}

/// Words of a query that are scored (a bit each in a `u64`).
pub const MAX_QUERY_WORDS: usize = 64;

/// A name this long (in characters) may have been cut at the end of a 35-character
/// SWIFT line (one, two or four lines; ISO 20022 names stop at 140).
fn may_be_cut(len: usize) -> bool {
    matches!(len, 33..=35 | 68..=70 | 138..=140)
}
/// Similarity of a cut-short last word with the listed word it begins.
pub(crate) const PREFIX_SIM: f32 = 0.95;
/// Weight of a single-letter initial.
pub const INITIAL_WEIGHT: f32 = 0.5;
/// Weight of a query token the lists do not hold and that has no near spelling.
pub(crate) fn unknown_weight(index: &Index) -> f32 {
    (1.0 + index.name_count().max(1) as f32).ln()
}

/// The index tokens a query word may pair with, as found for one word: the same word in
/// another name of the same payment (a debtor's family name in the ultimate debtor, a
/// street in every address) is not looked up again.
#[derive(Default)]
pub struct WordMemo {
    /// Per word, one slot per way of looking it up (see [`WordOptions::slot`]).
    words: Mutex<HashMap<String, [Option<Arc<WordOptions>>; 4]>>,
}

/// What the index holds near one word.
struct WordOptions {
    /// Exact, sounds-alike and one-edit tokens (only the exact token for a legal form).
    near: Vec<Option_>,
    /// Two listed tokens written together, when `near` holds no exact token and the
    /// query is informative.
    split: Vec<Option_>,
    /// `near` and `split`, best first: the options of the word anywhere but in the
    /// cut-short last place.
    options: Arc<[Option_]>,
    /// The weight the best option gives the word, if it has one.
    weight: Option<f32>,
    /// Postings length of `options`.
    postings: usize,
}

impl WordOptions {
    /// The slot of a lookup: a legal form pairs only with itself, and split readings are
    /// looked up only for an informative query.
    fn slot(legal_form: bool, informative: bool) -> usize {
        usize::from(legal_form) * 2 + usize::from(informative)
    }
}

/// Words remembered by one memo at most: beyond, words are looked up every time.
const MEMO_WORDS: usize = 16_384;

impl WordMemo {
    fn options(&self, index: &Index, word: &str, legal_form: bool, informative: bool) -> Arc<WordOptions> {
        let slot = WordOptions::slot(legal_form, informative);
        // A word no listed word is near is cheap to look up and costly to keep.
        let keep = word.len() <= MAX_MATCHED_WORD_LEN;
        if keep {
            if let Some(found) =
                self.words.lock().unwrap_or_else(|e| e.into_inner()).get(word).and_then(|slots| slots[slot].clone())
            {
                return found;
            }
        }
        let near = if legal_form {
            // Weak evidence: only the word itself, no near spellings.
            index
                .token_id(word)
                .map(|id| vec![Option_ { token: id, sim: 1.0, kind: PairKind::Exact }])
                .unwrap_or_default()
        } else {
            token_options(index, word)
        };
        let split = if informative && !near.iter().any(|o| o.kind == PairKind::Exact) {
            split_options(index, word)
        } else {
            Vec::new()
        };
        let mut options = near.clone();
        options.extend_from_slice(&split);
        let (options, weight, postings) = ranked(index, options);
        let found = Arc::new(WordOptions { near, split, options, weight, postings });
        if keep {
            let mut words = self.words.lock().unwrap_or_else(|e| e.into_inner());
            if words.len() < MEMO_WORDS || words.contains_key(word) {
                words.entry(word.to_string()).or_default()[slot] = Some(found.clone());
            }
        }
        found
    }
}

/// Options best first, with the weight the best gives its word (an exact token's
/// first) and their postings length.
fn ranked(index: &Index, mut options: Vec<Option_>) -> (Arc<[Option_]>, Option<f32>, usize) {
    options.sort_by(|a, b| b.sim.total_cmp(&a.sim));
    let weight = options
        .iter()
        .find(|o| o.kind == PairKind::Exact)
        .or_else(|| options.iter().filter(|o| o.kind != PairKind::Prefix).max_by(|a, b| a.sim.total_cmp(&b.sim)))
        .map(|o| index.token_weight(o.token));
    let postings = options.iter().map(|o| index.names_with_token(o.token).len()).sum();
    (options.into(), weight, postings)
}

impl Query {
    pub fn analyze(index: &Index, memo: &WordMemo, name: &str) -> Query {
        // Scoring keeps a bit per query word: a name longer than that is matched on its
        // first words (listed names inside it are found word for word by the screening's
        // automaton over the whole party), and the words after them are not analysed.
        let analyzed = analyze_first(name, MAX_QUERY_WORDS);
        let truncated = may_be_cut(name.trim().chars().count());
        let n = analyzed.len();
        let has_name_token = analyzed.iter().any(|t| t.class != TokenClass::Honorific && t.text.len() > 1);
        let informative =
            analyzed.iter().any(|t| matches!(t.class, TokenClass::Name | TokenClass::Patronymic) && t.text.len() > 1);
        let mut tokens = Vec::with_capacity(n);
        let mut leading = true;
        for (i, t) in analyzed.iter().enumerate() {
            let is_last = i + 1 == n;
            let initial = t.text.len() == 1 && t.text.as_bytes()[0].is_ascii_alphabetic() && n > 1;
            // An uninformative query only ever matches a listed name written exactly so, or
            // one it begins word for word when it looks cut short.
            let found = if initial || (!informative && !truncated) {
                None
            } else {
                Some(memo.options(index, &t.text, t.class == TokenClass::LegalForm, informative))
            };
            let (options, option_weight, postings) =
                if informative && truncated && is_last && n > 1 && t.text.len() >= 2 {
                    // The last word of a name cut at a line's end may be the start of a listed
                    // word.
                    let mut options = found.as_ref().map(|f| f.near.clone()).unwrap_or_default();
                    for id in index.tokens_with_prefix(&t.text, 32) {
                        let prefix = Option_ { token: id, sim: PREFIX_SIM, kind: PairKind::Prefix };
                        match options.iter_mut().find(|o| o.token == id) {
                            Some(o) if o.sim < PREFIX_SIM => *o = prefix,
                            Some(_) => {}
                            None => options.push(prefix),
                        }
                    }
                    // A prefix never adds an exact token: the split readings looked up with
                    // the word are the ones it needs.
                    if let Some(found) = &found {
                        options.extend_from_slice(&found.split);
                    }
                    ranked(index, options)
                } else {
                    match &found {
                        Some(f) => (f.options.clone(), f.weight, f.postings),
                        None => (Arc::from(Vec::new()), None, 0),
                    }
                };
            let honorific_prefix = leading && t.class == TokenClass::Honorific && has_name_token;
            leading &= honorific_prefix;
            let weight = if honorific_prefix {
                0.0
            } else if initial {
                INITIAL_WEIGHT
            } else {
                option_weight
                    .unwrap_or_else(|| unknown_weight(index) * if t.class == TokenClass::LegalForm { 0.1 } else { 1.0 })
            };
            tokens.push(QueryToken { text: t.text.clone(), weight, options, initial, postings });
        }
        let mut joins = Vec::new();
        let mut joined = String::new();
        for i in 0..n.saturating_sub(1) {
            joined.clear();
            joined.push_str(&analyzed[i].text);
            joined.push_str(&analyzed[i + 1].text);
            if let Some(token) = index.token_id(&joined) {
                joins.push(Join { first: i, last: i + 1, token });
            }
        }
        let total_weight = tokens.iter().map(|t| t.weight).sum();
        let text = analyzed.iter().map(|t| t.text.as_str()).collect::<Vec<_>>().join(" ");
        let has_legal_form = analyzed.iter().any(|t| t.class == TokenClass::LegalForm) && has_name_token;
        let has_honorific = analyzed.first().is_some_and(|t| t.class == TokenClass::Honorific) && has_name_token;
        let informative =
            analyzed.iter().any(|t| matches!(t.class, TokenClass::Name | TokenClass::Patronymic) && t.text.len() > 1);
        Query { tokens, joins, total_weight, truncated, text, has_legal_form, has_honorific, informative }
    }
}

/// Exact, sounds-alike and one-edit index tokens for a query token.
pub(crate) fn token_options(index: &Index, token: &str) -> Vec<Option_> {
    if token.len() > MAX_MATCHED_WORD_LEN {
        // Longer than any listed word: only itself could match.
        return index
            .token_id(token)
            .map(|id| vec![Option_ { token: id, sim: 1.0, kind: PairKind::Exact }])
            .unwrap_or_default();
    }
    index
        .neighbours(token)
        .into_iter()
        .map(|n| Option_ {
            token: n.token,
            sim: n.sim,
            kind: match n.kind {
                NeighbourKind::Exact => PairKind::Exact,
                NeighbourKind::SoundsAlike => PairKind::SoundsAlike,
                NeighbourKind::Typo => PairKind::Typo,
            },
        })
        .collect()
}

/// Index token pairs that, written together, make this query token: both halves
/// exact (after rewriting each to its canonical spelling), or one exact and the other
/// one edit away or sounding alike.
fn split_options(index: &Index, token: &str) -> Vec<Option_> {
    let mut out = Vec::new();
    if token.len() < 4 || token.len() > MAX_MATCHED_WORD_LEN || !token.is_ascii() {
        return out;
    }
    for cut in 2..=token.len() - 2 {
        let (a, b) = token.split_at(cut);
        let (a, b) = (canonical_token(a), canonical_token(b));
        match (index.token_id(&a), index.token_id(&b)) {
            (Some(x), Some(y)) => {
                out.push(Option_ { token: x, sim: SPLIT_SIM, kind: PairKind::SplitFirst });
                out.push(Option_ { token: y, sim: SPLIT_SIM, kind: PairKind::SplitSecond });
            }
            (Some(x), None) if a.len() >= 3 && b.len() >= 4 => {
                if let Some(o) = best_fuzzy(index, &b) {
                    out.push(Option_ { token: x, sim: SPLIT_SIM * o.sim, kind: PairKind::SplitFirst });
                    out.push(Option_ { token: o.token, sim: SPLIT_SIM * o.sim, kind: PairKind::SplitSecond });
                }
            }
            (None, Some(y)) if b.len() >= 3 && a.len() >= 4 => {
                if let Some(o) = best_fuzzy(index, &a) {
                    out.push(Option_ { token: o.token, sim: SPLIT_SIM * o.sim, kind: PairKind::SplitFirst });
                    out.push(Option_ { token: y, sim: SPLIT_SIM * o.sim, kind: PairKind::SplitSecond });
                }
            }
            _ => {}
        }
    }
    out
}

/// Similarity of one query word with the two listed words it joins.
const SPLIT_SIM: f32 = 0.95;

fn best_fuzzy(index: &Index, token: &str) -> Option<Option_> {
    token_options(index, token).into_iter().max_by(|a, b| a.sim.total_cmp(&b.sim))
}
