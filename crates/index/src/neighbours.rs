//! The listed words near a word: the same word, words that sound alike, and words one
//! edit away.
//!
//! A query word is paired with listed words through these neighbours. Finding them
//! costs a scan of the word's phonetic bucket with Jaro-Winkler and a hash lookup per
//! one-letter deletion, which was the largest part of screening a payment. The result
//! depends only on the word and the index, so the build computes it once for every
//! listed word and stores it ([`crate::IndexData::neighbours`]); at query time a listed
//! word reads its stored list and only a word the lists do not hold is searched. The
//! stored lists are the search's own output, so both paths answer the same (a test
//! checks every listed word).

use interdict_text::{osa_is_one, phonetic_key, variant_typos};

use crate::{Index, TokenId, MIN_TYPO_TOKEN_LEN};

/// How a listed word is near the query word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NeighbourKind {
    Exact,
    /// Same phonetic key, similar spelling.
    SoundsAlike,
    /// One edit (insertion, deletion, substitution, transposition) away, or a misspelt
    /// romanisation variant of it.
    Typo,
}

impl NeighbourKind {
    pub(crate) fn code(self) -> u8 {
        match self {
            NeighbourKind::Exact => 0,
            NeighbourKind::SoundsAlike => 1,
            NeighbourKind::Typo => 2,
        }
    }

    pub(crate) fn from_code(code: u8) -> Option<NeighbourKind> {
        Some(match code {
            0 => NeighbourKind::Exact,
            1 => NeighbourKind::SoundsAlike,
            2 => NeighbourKind::Typo,
            _ => return None,
        })
    }
}

/// A listed word near the query word, with the similarity the pairing is worth.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Neighbour {
    /// The listed word.
    pub token: TokenId,
    /// How much a pairing with it is worth (0–1).
    pub sim: f32,
    pub kind: NeighbourKind,
}

/// A query word held by at least this many listed names is not expanded to its
/// sounds-alike and one-edit neighbours.
pub const COMMON_EXACT_POSTINGS: usize = 100;
/// Similarity floor for sounds-alike pairs (Jaro-Winkler).
const MIN_SOUNDS_ALIKE: f64 = 0.88;
/// Words up to this long must keep their first letter to count as a typo (`sang` is
/// not a typo of `kang`).
const SHORT_TYPO_LEN: usize = 5;
/// Similarity cap for two words of which one only extends the other (`bell`/`bello`,
/// `hasan`/`hasani`, `min`/`minh`): an added ending usually makes another name.
const EXTENSION_SIM: f32 = 0.70;

/// Similarity given to pairs one edit apart, by word length: one letter changes a
/// short word more.
fn typo_similarity(len: usize) -> f32 {
    match len {
        0..=5 => 0.78,
        6..=7 => 0.86,
        _ => 0.91,
    }
}

fn is_extension(a: &str, b: &str) -> bool {
    // Long words that differ by a doubled or added letter are misspellings
    // (`hannibal`/`hanniball`), not other names.
    a != b && a.len().min(b.len()) < 6 && (a.starts_with(b) || b.starts_with(a))
}

/// How many times each byte occurs in a word.
struct LetterCounts([u8; 256]);

impl LetterCounts {
    fn of(word: &str) -> LetterCounts {
        let mut counts = [0u8; 256];
        for &b in word.as_bytes() {
            counts[b as usize] = counts[b as usize].saturating_add(1);
        }
        LetterCounts(counts)
    }
}

/// An upper bound on `jaro_winkler(a, b)` from the letters the words share, whatever
/// their order: Jaro's matching characters are at most the shared letters, and
/// transpositions only lower it. It costs a pass over `b`, against a quadratic pass for
/// Jaro-Winkler itself, and most words sharing a phonetic key fail the floor.
fn jaro_winkler_ceiling(a_letters: &LetterCounts, a: &str, b: &str) -> f64 {
    let mut left = a_letters.0;
    let mut shared = 0usize;
    for &c in b.as_bytes() {
        if left[c as usize] > 0 {
            left[c as usize] -= 1;
            shared += 1;
        }
    }
    if shared == 0 {
        return 0.0;
    }
    let m = shared as f64;
    let jaro = (m / a.len() as f64 + m / b.len() as f64 + 1.0) / 3.0;
    let prefix = a.bytes().zip(b.bytes()).take(4).take_while(|(x, y)| x == y).count() as f64;
    jaro + prefix * 0.1 * (1.0 - jaro)
}

/// Searches the index for the neighbours of `token` (exact, sounds-alike, one edit), in
/// the order found; a listed word appears once, with its best similarity.
pub(crate) fn search(index: &Index, token: &str) -> Vec<Neighbour> {
    let mut out: Vec<Neighbour> = Vec::new();
    let push = |out: &mut Vec<Neighbour>, id: TokenId, sim: f32, kind: NeighbourKind| {
        let sim = if kind != NeighbourKind::Exact && is_extension(token, index.token(id)) {
            sim.min(EXTENSION_SIM)
        } else {
            sim
        };
        match out.iter_mut().find(|o| o.token == id) {
            Some(o) if o.sim < sim => *o = Neighbour { token: id, sim, kind },
            Some(_) => {}
            None => out.push(Neighbour { token: id, sim, kind }),
        }
    };
    let exact = index.token_id(token);
    if let Some(id) = exact {
        push(&mut out, id, 1.0, NeighbourKind::Exact);
    }
    if token.len() > interdict_text::MAX_MATCHED_WORD_LEN {
        // Longer than any listed word: nothing is near it, and looking costs its square.
        return out;
    }
    // A common word the lists hold is taken as written: its sounds-alike and one-edit
    // neighbours cost the most and are rarely what was meant.
    let common = exact.is_some_and(|id| index.names_with_token(id).len() >= COMMON_EXACT_POSTINGS);
    let key = phonetic_key(token);
    // A key of one sound is shared by too many words to mean much.
    if !common && token.len() >= 3 && key.len() >= 2 {
        let letters = LetterCounts::of(token);
        let shape = crate::TokenShape::of(token);
        for id in index.tokens_with_phonetic_key(&key) {
            // Lengths and letter sets first, from a small table: most words of a bucket
            // are ruled out without reading their text.
            let other_shape = index.token_shape(id);
            let other_len = other_shape.len();
            // Jaro-Winkler cannot reach the floor across a large length gap; the list
            // runs shortest first, so past the gap nothing longer can either.
            if other_len > token.len() && (other_len - token.len()) * 3 > other_len {
                break;
            }
            if other_len.abs_diff(token.len()) * 3 > token.len().max(other_len)
                || shape.jaro_winkler_ceiling(&other_shape) < MIN_SOUNDS_ALIKE
            {
                continue;
            }
            let other = index.token(id);
            if jaro_winkler_ceiling(&letters, token, other) < MIN_SOUNDS_ALIKE {
                continue;
            }
            let sim = interdict_text::jaro_winkler(token, other);
            if sim >= MIN_SOUNDS_ALIKE {
                // Squared: a sounds-alike pair is weaker evidence than its spelling suggests.
                push(&mut out, id, ((sim * sim) as f32).min(0.95), NeighbourKind::SoundsAlike);
            }
        }
    }
    if !common && token.len() >= MIN_TYPO_TOKEN_LEN && token.is_ascii() {
        let sim = typo_similarity(token.len());
        // A misspelt romanisation variant (`mohamd`): the index holds only canonical forms.
        for canonical in variant_typos(token) {
            if let Some(id) = index.token_id(canonical) {
                push(&mut out, id, sim, NeighbourKind::Typo);
            }
        }
        let consider = |out: &mut Vec<Neighbour>, id: TokenId| {
            let other = index.token(id);
            let same_start = other.as_bytes().first() == token.as_bytes().first();
            // Swapping the first two letters is a typing slip, not another name.
            let swapped_start = token.len() >= 2
                && other.len() == token.len()
                && token.as_bytes()[0] == other.as_bytes()[1]
                && token.as_bytes()[1] == other.as_bytes()[0]
                && token[2..] == other[2..];
            if other != token
                && (token.len() > SHORT_TYPO_LEN || same_start || swapped_start)
                && osa_is_one(token, other)
            {
                push(out, id, sim, NeighbourKind::Typo);
            }
        };
        // The index token has one more character than the query token.
        for id in index.tokens_with_deletion(token) {
            consider(&mut out, id);
        }
        let mut deleted = String::with_capacity(token.len());
        for i in 0..token.len() {
            deleted.clear();
            deleted.push_str(&token[..i]);
            deleted.push_str(&token[i + 1..]);
            // Same length (one substitution or transposition), or the query word has one
            // character more than the listed word.
            for id in index.tokens_with_deletion(&deleted) {
                consider(&mut out, id);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The ceiling never falls below Jaro-Winkler, so skipping a word under it
        /// never drops a sounds-alike pair.
        #[test]
        fn the_ceiling_is_never_below_jaro_winkler(a in "[a-e]{1,12}", b in "[a-e]{1,12}") {
            let ceiling = jaro_winkler_ceiling(&LetterCounts::of(&a), &a, &b);
            prop_assert!(ceiling >= interdict_text::jaro_winkler(&a, &b), "{a} {b}");
        }

        #[test]
        fn the_shape_ceiling_is_never_below_jaro_winkler(a in "[a-f0-9 .]{1,14}", b in "[a-f0-9 .]{1,14}") {
            let ceiling = crate::TokenShape::of(&a).jaro_winkler_ceiling(&crate::TokenShape::of(&b));
            prop_assert!(ceiling >= interdict_text::jaro_winkler(&a, &b), "{a} {b}");
        }

        #[test]
        fn the_ceiling_holds_for_any_text(a in "\\PC{1,40}", b in "\\PC{1,40}") {
            let shape = crate::TokenShape::of(&a).jaro_winkler_ceiling(&crate::TokenShape::of(&b));
            prop_assert!(shape >= interdict_text::jaro_winkler(&a, &b), "{a} {b}");
            let ceiling = jaro_winkler_ceiling(&LetterCounts::of(&a), &a, &b);
            prop_assert!(ceiling >= interdict_text::jaro_winkler(&a, &b), "{a} {b}");
        }
    }

    #[test]
    fn the_ceiling_separates_words_that_share_few_letters() {
        let cases: &[(&str, &str, bool)] = &[
            ("mohamed", "mohammed", true),
            ("nathalie", "natalia", true),
            ("muhammad", "mohamed", false),
            ("karimi", "kermani", false),
        ];
        for (a, b, above) in cases {
            let ceiling = jaro_winkler_ceiling(&LetterCounts::of(a), a, b);
            assert_eq!(ceiling >= MIN_SOUNDS_ALIKE, *above, "{a} {b}: {ceiling}");
        }
    }
}
