//! Name normalisation, transliteration and phonetic keys for sanctions screening.
//!
//! Names reach a screening engine in every script and spelling. This crate turns any
//! of them into one comparable form: Unicode NFKC, case-folded, transliterated to
//! Latin ASCII (Cyrillic, Arabic, Persian, Hangul, Han, Greek, Hebrew, Georgian,
//! Armenian... through the `any_ascii` tables), apostrophes dropped inside words
//! (`CH'OE` → `choe`), every other punctuation mark a token break.
//!
//! The same function runs when the index is built and when a query arrives, so both
//! sides always agree. It is not a matcher: deciding whether two names are the same
//! person is `interdict-matcher`'s job.
//!
//! That one spelling per script is right for a name listed in its own script. For a name
//! written in another script than the listed one, [`script`] reads it as the Latin forms
//! it may take in every romanisation in use (Arabic without its unwritten vowels, Hangul
//! by syllable, Cyrillic by national system...), for the matcher to align with listed
//! Latin words.
//!
//! ```
//! use interdict_text::{normalize, tokens, phonetic_key};
//!
//! assert_eq!(normalize("CH'OE, Chol-min"), "choe chol min");
//! assert_eq!(tokens("Ümit  ÖZDAĞ"), ["umit", "ozdag"]);
//! assert_eq!(normalize("Умаров Доку"), "umarov doku");
//! assert_eq!(phonetic_key("mohammed"), phonetic_key("muhamad"));
//! ```
//!
//! Cost: one pass over the input plus a table lookup per non-ASCII character; ASCII
//! input skips the Unicode steps.

mod analyze;
mod disguise;
pub mod script;

use unicode_normalization::UnicodeNormalization;

pub use analyze::{
    analyze, analyze_first, analyzed_text, canonical_token, osa_is_one, token_class, variant_typos, NameToken,
    TokenClass,
};
pub use disguise::{
    has_letters_apart, is_bidi_control, readings, signals, text_readings, Readings, Signal, SignalKind,
};

/// Words longer than this (in bytes, after analysis) are matched only exactly: no listed
/// word is near that long (the longest of the OFAC and UN lists has 29 letters, two of
/// them written together 58), so such a word can only be a typo of nothing, and the
/// near-spelling searches, which cost the square of a word's length, are not run.
pub const MAX_MATCHED_WORD_LEN: usize = 64;

/// Normalises a name: NFKC, lower case, Latin ASCII, punctuation as single spaces.
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    normalize_into(name, &mut out);
    out
}

/// [`normalize`] into a caller's buffer (cleared first), to reuse allocations.
pub fn normalize_into(name: &str, out: &mut String) {
    out.clear();
    if name.is_ascii() {
        push_ascii(name, out);
    } else {
        let composed: String = name.nfkc().collect();
        let ascii = any_ascii::any_ascii(&composed);
        push_ascii(&ascii, out);
    }
    while out.ends_with(' ') {
        out.pop();
    }
}

/// Appends ASCII text: letters and digits lower-cased, apostrophes inside a word
/// dropped, everything else a single space.
fn push_ascii(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii_alphanumeric() {
            out.push(b.to_ascii_lowercase() as char);
        } else if is_apostrophe(b) && i > 0 && bytes[i - 1].is_ascii_alphanumeric() {
            // CH'OE, O'BRIEN, D'ALEMA: the apostrophe joins; a closing quote ends a word.
            if bytes.get(i + 1).is_some_and(|c| c.is_ascii_alphanumeric()) {
                continue;
            }
            push_space(out);
        } else {
            push_space(out);
        }
    }
}

fn is_apostrophe(b: u8) -> bool {
    b == b'\'' || b == b'`'
}

fn push_space(out: &mut String) {
    if !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

/// The tokens of a normalised name.
pub fn tokens(name: &str) -> Vec<String> {
    normalize(name).split(' ').filter(|t| !t.is_empty()).map(str::to_string).collect()
}

/// A phonetic key for one normalised token, built for romanised names of many origins.
///
/// It keeps the first letter, maps letters that romanisations swap to one class
/// (c/k/q, v/w, z/s, ph/f, j/y in some positions), drops `h` after consonants
/// (`kh`, `gh`, `th`), drops vowels after the first letter, and collapses repeats. So
/// `mohammed`, `muhamad` and `mohamed` share one key; so do `chol` and `cheol`.
pub fn phonetic_key(token: &str) -> String {
    let b = token.as_bytes();
    let mut key = String::with_capacity(b.len());
    let mut i = 0;
    let mut last: u8 = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied().unwrap_or(0);
        let (class, width) = match c {
            b'a' | b'e' | b'i' | b'o' | b'u' | b'y' => (b'a', 1),
            b'c' if next == b'h' => (b'x', 2),
            b's' if next == b'h' => (b'x', 2),
            b'z' if next == b'h' => (b'x', 2),
            b'p' if next == b'h' => (b'f', 2),
            b'k' | b'g' | b't' | b'd' if next == b'h' => (class_of(c), 2),
            b'h' if i > 0 => (0, 1),
            b'c' | b'k' | b'q' => (b'k', 1),
            b'w' | b'v' => (b'v', 1),
            b'z' => (b's', 1),
            _ => (class_of(c), 1),
        };
        i += width;
        if class == 0 {
            continue;
        }
        let first = key.is_empty();
        if class == b'a' && !first {
            last = b'a';
            continue;
        }
        if class != last || first {
            key.push(class as char);
        }
        last = class;
    }
    key
}

fn class_of(c: u8) -> u8 {
    match c {
        b'd' => b't',
        b'b' => b'p',
        b'g' => b'k',
        b'j' => b'j',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_cases() {
        let cases = [
            ("CHOE, Chol Min", "choe chol min"),
            ("CH'OE, U'n-cho'ng", "choe un chong"),
            ("  O'BRIEN  ", "obrien"),
            ("'BNC'", "bnc"),
            ("ANGLO-CARIBBEAN CO., LTD.", "anglo caribbean co ltd"),
            ("Müller & Söhne GmbH", "muller sohne gmbh"),
            ("ＡＢＣ　Ｃｏｒｐ", "abc corp"),
            ("Умаров Доку Хаматович", "umarov doku khamatovich"),
            ("محمد", "mhmd"),
            ("Ελληνικά", "ellinika"),
            ("", ""),
            ("---", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(normalize(input), expected, "{input}");
        }
    }

    #[test]
    fn hangul_and_han_become_latin() {
        assert!(normalize("최철민").chars().all(|c| c.is_ascii_lowercase()));
        assert!(!normalize("金正恩").is_empty());
    }

    #[test]
    fn phonetic_keys_join_romanisation_variants() {
        let same = [
            ("mohammed", "muhamad"),
            ("mohamed", "mohammad"),
            ("chol", "cheol"),
            ("yevgeny", "yevgeniy"),
            ("khalid", "kalid"),
            ("abdulrahman", "abdoulrahman"),
        ];
        for (a, b) in same {
            assert_eq!(phonetic_key(a), phonetic_key(b), "{a} / {b}");
        }
        let different = [("kim", "lee"), ("emma", "ahmad"), ("park", "mark")];
        for (a, b) in different {
            assert_ne!(phonetic_key(a), phonetic_key(b), "{a} / {b}");
        }
    }
}

/// Jaro-Winkler similarity of two ASCII words (0–1), without allocating.
///
/// Written here rather than taken from `strsim` because the matcher compares a query
/// word with every listed word sharing its phonetic key, and `strsim`'s generic,
/// char-based version was the largest cost of a query (profiled with `perf` on the
/// dev set). Words of up to 64 bytes mark their matched letters in the bits of a `u64`;
/// longer ones in a `Vec<bool>`, through the same code.
pub fn jaro_winkler(a: &str, b: &str) -> f64 {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if a.len() > 64 || b.len() > 64 {
        return jaro_winkler_marking(a, b, vec![false; a.len()], vec![false; b.len()]);
    }
    jaro_winkler_marking(a, b, 0u64, 0u64)
}

/// The letters of a word that found their match.
trait Marks {
    fn is_marked(&self, i: usize) -> bool;
    fn mark(&mut self, i: usize);
}

impl Marks for u64 {
    #[inline]
    fn is_marked(&self, i: usize) -> bool {
        self & (1 << i) != 0
    }

    #[inline]
    fn mark(&mut self, i: usize) {
        *self |= 1 << i;
    }
}

impl Marks for Vec<bool> {
    #[inline]
    fn is_marked(&self, i: usize) -> bool {
        self[i]
    }

    #[inline]
    fn mark(&mut self, i: usize) {
        self[i] = true;
    }
}

/// Jaro-Winkler of two non-empty words, with `a_matched` and `b_matched` unmarked.
fn jaro_winkler_marking<M: Marks>(a: &[u8], b: &[u8], mut a_matched: M, mut b_matched: M) -> f64 {
    let window = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut matches = 0usize;
    for (i, &ca) in a.iter().enumerate() {
        let lo = i.saturating_sub(window);
        let hi = (i + window + 1).min(b.len());
        for (j, &cb) in b.iter().enumerate().take(hi).skip(lo) {
            if !b_matched.is_marked(j) && ca == cb {
                b_matched.mark(j);
                a_matched.mark(i);
                matches += 1;
                break;
            }
        }
    }
    if matches == 0 {
        return 0.0;
    }
    let mut transpositions = 0usize;
    let mut j = 0usize;
    for (i, &ca) in a.iter().enumerate() {
        if !a_matched.is_marked(i) {
            continue;
        }
        while !b_matched.is_marked(j) {
            j += 1;
        }
        if ca != b[j] {
            transpositions += 1;
        }
        j += 1;
    }
    let m = matches as f64;
    let jaro = (m / a.len() as f64 + m / b.len() as f64 + (m - (transpositions / 2) as f64) / m) / 3.0;
    let prefix = a.iter().zip(b).take(4).take_while(|(x, y)| x == y).count() as f64;
    jaro + prefix * 0.1 * (1.0 - jaro)
}

#[cfg(test)]
mod jaro_tests {
    use super::{jaro_winkler, jaro_winkler_marking};

    #[test]
    fn agrees_with_the_textbook_values() {
        let cases = [
            ("martha", "marhta", 0.961),
            ("dwayne", "duane", 0.840),
            ("dixon", "dicksonx", 0.813),
            ("chol", "chol", 1.0),
            ("abc", "xyz", 0.0),
            ("", "", 1.0),
            ("a", "", 0.0),
        ];
        for (a, b, expected) in cases {
            let got = jaro_winkler(a, b);
            assert!((got - expected).abs() < 0.001, "{a}/{b}: {got}");
            assert!((jaro_winkler(b, a) - got).abs() < 1e-9, "{a}/{b} is not symmetric");
        }
        let long = "a".repeat(70);
        assert!((jaro_winkler(&long, &long) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn bits_and_flags_mark_the_same_letters() {
        let words = ["martha", "marhta", "dwayne", "duane", "dixon", "dicksonx", "abcabcabc", "cbacba", "x"];
        for a in words {
            for b in words {
                let (x, y) = (a.as_bytes(), b.as_bytes());
                let bits = jaro_winkler_marking(x, y, 0u64, 0u64);
                let flags = jaro_winkler_marking(x, y, vec![false; x.len()], vec![false; y.len()]);
                assert_eq!(bits.to_bits(), flags.to_bits(), "{a}/{b}");
            }
        }
    }
}
