//! Name analysis: normalised tokens rewritten to canonical spellings and classified.
//!
//! The rules are data, in `data/`:
//! - `variants.tsv`: romanisation variants (`choi` → `choe`, `mohammed` → `muhammad`,
//!   `sergej` → `sergey`, `chang` → `zhang`, `second` → `2nd`), word-ending rules
//!   (`-iy` → `-y`) and phrase rules (`abd al` → `abdul`);
//! - `legal_form_words.txt`: words of legal forms (`llc`, `limited`, `jsc`...), weak
//!   evidence in a name;
//! - `honorifics.tsv`: titles and honorifics (`mr`, `dr`, `haji`, `sheikh`...).

// foldhash rather than std's SipHash: these tables are read for every word of every
// name screened, and SipHash was 5 % of screening a payment (docs/benchmarks.md).
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
type HashSet<K> = std::collections::HashSet<K, foldhash::fast::FixedState>;
use std::ops::ControlFlow;
use std::sync::OnceLock;

use crate::normalize;

const VARIANTS: &str = include_str!("../data/variants.tsv");
const LEGAL_FORM_WORDS: &str = include_str!("../data/legal_form_words.txt");
const HONORIFICS: &str = include_str!("../data/honorifics.tsv");

/// What a token is, for weighting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenClass {
    /// An ordinary name word.
    Name,
    /// A word of a legal form or company type: weak evidence.
    LegalForm,
    /// A title or honorific (`mr`, `dr`, `haji`): no evidence when it opens a name.
    Honorific,
    /// A Russian-style patronymic (`vyacheslavovich`, `nikolaevna`): payments often
    /// leave it out, so it weighs less.
    Patronymic,
}

/// Endings of East Slavic patronymics.
const PATRONYMIC_ENDINGS: [&str; 6] = ["ovich", "evich", "ovna", "evna", "ichna", "yich"];

/// One analysed token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameToken {
    pub text: String,
    pub class: TokenClass,
}

struct Tables {
    variants: HashMap<String, String>,
    suffixes: Vec<(String, String)>,
    /// Phrase rules by their first word: (words, replacement), longest first.
    phrases: HashMap<String, Vec<(Vec<String>, String)>>,
    legal_forms: HashSet<String>,
    honorifics: HashSet<String>,
    /// Every spelling in the variants table, by each of its one-letter deletions, so a
    /// misspelt variant (`mohamd`) still finds its canonical form.
    variant_deletes: HashMap<String, Vec<(String, String)>>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut variants = HashMap::default();
        let mut suffixes = Vec::new();
        let mut phrases: HashMap<String, Vec<(Vec<String>, String)>> = HashMap::default();
        for line in data_lines(VARIANTS) {
            let cols: Vec<&str> = line.split('\t').collect();
            match cols.as_slice() {
                ["suffix", from, to] => suffixes.push((from.to_string(), to.to_string())),
                ["phrase", from, to] => {
                    let words: Vec<String> = normalize(from).split(' ').map(str::to_string).collect();
                    phrases.entry(words[0].clone()).or_default().push((words, normalize(to)));
                }
                [canonical, rest @ ..] => {
                    let canonical = normalize(canonical);
                    for v in rest {
                        let v = normalize(v);
                        if !v.is_empty() && v != canonical && !v.contains(' ') {
                            variants.entry(v).or_insert_with(|| canonical.clone());
                        }
                    }
                }
                [] => {}
            }
        }
        for rules in phrases.values_mut() {
            rules.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        }
        let single_words = |text: &str| -> HashSet<String> {
            data_lines(text).map(normalize).filter(|w| !w.is_empty() && !w.contains(' ')).collect()
        };
        let mut variant_deletes: HashMap<String, Vec<(String, String)>> = HashMap::default();
        let spellings = variants
            .iter()
            .map(|(v, c)| (v.clone(), c.clone()))
            .chain(variants.values().map(|c| (c.clone(), c.clone())).collect::<HashSet<_>>());
        for (spelling, canonical) in spellings {
            if spelling.len() < 4 {
                continue;
            }
            let mut keys = vec![spelling.clone()];
            keys.extend((0..spelling.len()).map(|i| format!("{}{}", &spelling[..i], &spelling[i + 1..])));
            for key in keys {
                let entry = variant_deletes.entry(key).or_default();
                if !entry.iter().any(|(s, _)| *s == spelling) {
                    entry.push((spelling.clone(), canonical.clone()));
                }
            }
        }
        Tables {
            variant_deletes,
            variants,
            suffixes,
            phrases,
            legal_forms: single_words(LEGAL_FORM_WORDS),
            honorifics: single_words(HONORIFICS),
        }
    })
}

fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim_end).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The canonical spelling of one normalised token.
pub fn canonical_token(token: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let t = tables();
    if let Some(c) = t.variants.get(token) {
        return Cow::Borrowed(c.as_str());
    }
    if token.len() >= 5 {
        for (from, to) in &t.suffixes {
            if let Some(stem) = token.strip_suffix(from.as_str()) {
                let rewritten = format!("{stem}{to}");
                return Cow::Owned(t.variants.get(&rewritten).cloned().unwrap_or(rewritten));
            }
        }
    }
    Cow::Borrowed(token)
}

/// Canonical forms of the variant-table spellings one edit (insertion, deletion,
/// substitution, adjacent transposition) from `token`: `mohamd` → `muhammad`.
/// Empty when `token` itself is in the table.
pub fn variant_typos(token: &str) -> Vec<&'static str> {
    let t = tables();
    if token.len() < 4
        || token.len() > crate::MAX_MATCHED_WORD_LEN
        || t.variants.contains_key(token)
        || !token.is_ascii()
    {
        return Vec::new();
    }
    let mut out: Vec<&'static str> = Vec::new();
    // The word itself, then each one-letter deletion of it, in one reused buffer.
    let mut key = String::with_capacity(token.len());
    for skip in std::iter::once(None).chain((0..token.len()).map(Some)) {
        key.clear();
        match skip {
            None => key.push_str(token),
            Some(i) => {
                key.push_str(&token[..i]);
                key.push_str(&token[i + 1..]);
            }
        }
        for (spelling, canonical) in t.variant_deletes.get(key.as_str()).into_iter().flatten() {
            // The first and last letters must agree: a different ending is often another
            // name (`ghasemi` is not `ghasem`).
            let same_ends = spelling.as_bytes().first() == token.as_bytes().first()
                && spelling.as_bytes().last() == token.as_bytes().last();
            if same_ends
                && spelling != token
                && canonical != token
                && osa_is_one(token, spelling)
                && !out.contains(&canonical.as_str())
            {
                out.push(canonical.as_str());
            }
        }
    }
    out
}

/// Whether two ASCII words are exactly one insertion, deletion, substitution or
/// adjacent transposition apart (optimal string alignment distance 1), in one pass and
/// without allocating: the typo test runs on every one-edit candidate of every query
/// word. Bytes are compared, so it is for the ASCII words analysis produces.
pub fn osa_is_one(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    match a.len() as isize - b.len() as isize {
        0 => !a.is_empty() && (a[1..] == b[1..] || (a.len() >= 2 && a[0] == b[1] && a[1] == b[0] && a[2..] == b[2..])),
        1 => a[1..] == *b,
        -1 => b[1..] == *a,
        _ => false,
    }
}

/// The class of a canonical token.
pub fn token_class(token: &str) -> TokenClass {
    let t = tables();
    if t.legal_forms.contains(token) {
        TokenClass::LegalForm
    } else if t.honorifics.contains(token) {
        TokenClass::Honorific
    } else if token.len() >= 8 && PATRONYMIC_ENDINGS.iter().any(|e| token.ends_with(e)) {
        TokenClass::Patronymic
    } else {
        TokenClass::Name
    }
}

/// Normalises a name and returns its canonical, classified tokens.
///
/// ```
/// use interdict_text::{analyze, TokenClass};
///
/// let tokens = analyze("MR Mohammed ABD AL-RAHMAN Trading LLC");
/// let texts: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
/// assert_eq!(texts, ["mr", "muhammad", "abdul", "rahman", "trading", "llc"]);
/// assert_eq!(tokens[0].class, TokenClass::Honorific);
/// assert_eq!(tokens[5].class, TokenClass::LegalForm);
/// ```
pub fn analyze(name: &str) -> Vec<NameToken> {
    analyze_first(name, usize::MAX)
}

/// The first `max_tokens` tokens of [`analyze`], without analysing the rest: a query that
/// is matched on its first words need not pay for the words of a megabyte-long name.
///
/// ```
/// use interdict_text::{analyze, analyze_first};
///
/// let name = "Mohammed ABD AL-RAHMAN Trading LLC ".repeat(1000);
/// assert_eq!(analyze_first(&name, 3), analyze(&name)[..3]);
/// ```
pub fn analyze_first(name: &str, max_tokens: usize) -> Vec<NameToken> {
    let mut out = Vec::new();
    if max_tokens == 0 {
        return out;
    }
    canonical_words(name, |word| {
        out.push(NameToken { text: word.to_string(), class: token_class(word) });
        if out.len() < max_tokens {
            ControlFlow::Continue(())
        } else {
            ControlFlow::Break(())
        }
    });
    out
}

/// The canonical words of a text joined by single spaces: what [`analyze`] gives, without
/// the classes and one allocation per word. For scanning free text and a party's whole
/// name and address with an automaton of analysed listed names.
///
/// ```
/// assert_eq!(interdict_text::analyzed_text("VIA 2ND ACADEMY, CH'OE Chol-min"), "via 2nd academy choe chol min");
/// ```
pub fn analyzed_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    canonical_words(text, |word| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        ControlFlow::Continue(())
    });
    out
}

/// Normalises a name and hands each canonical word to `emit`, in order, until `emit`
/// breaks.
fn canonical_words(name: &str, mut emit: impl FnMut(&str) -> ControlFlow<()>) {
    let normalized = normalize(name);
    let split: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
    let t = tables();
    // Legal forms written with dots ("S.A.", "A.S.", "e.V.") normalise to single letters;
    // a run of single letters that spells a legal form is that legal form.
    let mut joined_runs: Vec<String> = Vec::new();
    let mut words: Vec<&str> = Vec::with_capacity(split.len());
    let mut i = 0;
    while i < split.len() {
        let run = split[i..].iter().take_while(|w| w.len() == 1).count();
        if run >= 2 {
            let joined: String = split[i..i + run].concat();
            if t.legal_forms.contains(&joined) {
                joined_runs.push(joined);
                words.push("");
                i += run;
                continue;
            }
        }
        words.push(split[i]);
        i += 1;
    }
    // The joined legal forms fill the placeholders, in order.
    let mut runs = joined_runs.iter();
    let words: Vec<&str> =
        words.into_iter().map(|w| if w.is_empty() { runs.next().map_or("", String::as_str) } else { w }).collect();
    let mut i = 0;
    while i < words.len() {
        if let Some(rules) = t.phrases.get(words[i]) {
            if let Some((len, to)) = rules
                .iter()
                .find(|(phrase, _)| {
                    words.len() - i >= phrase.len() && phrase.iter().zip(&words[i..]).all(|(a, b)| a == b)
                })
                .map(|(phrase, to)| (phrase.len(), to))
            {
                if emit(to).is_break() {
                    return;
                }
                i += len;
                continue;
            }
        }
        if emit(&canonical_token(words[i])).is_break() {
            return;
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(name: &str) -> Vec<String> {
        analyze(name).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn variants_meet_on_one_spelling() {
        let groups: &[&[&str]] = &[
            &["CHOE Chol Min", "Choi Cheol Min", "CHWE CHUL MIN"],
            &["Mohammed Ali", "Muhammad Ali", "MOHAMED ALI", "Mohd Ali"],
            &["Yevgeny Prigozhin", "Evgeny Prigozhin", "Yevgeniy Prigozhin"],
            &["Dmitriy Ivanov", "Dmitry Ivanov", "Dmitrii Ivanov"],
            &["Abd al-Rahman", "Abdul Rahman", "ABDEL RAHMAN", "Abd el Rahman"],
            &["Second Academy", "2nd Academy", "2 Academy"],
            &["Zhang Wei", "Chang Wei"],
        ];
        for group in groups {
            let first = texts(group[0]);
            for name in &group[1..] {
                assert_eq!(texts(name), first, "{name} vs {}", group[0]);
            }
        }
    }

    #[test]
    fn the_first_tokens_are_the_first_of_the_whole_analysis() {
        let names = [
            "MR Mohammed ABD AL-RAHMAN Trading LLC",
            "Limited Liability Company ROMASHKA",
            "S.A. DE C.V. GRUPO",
            "ACME Open Joint Stock Company",
            "",
        ];
        for name in names {
            let whole = analyze(name);
            for max in 0..=whole.len() + 1 {
                assert_eq!(analyze_first(name, max), whole[..max.min(whole.len())], "{name:?}, first {max}");
            }
        }
    }

    #[test]
    fn classes() {
        let cases = [
            (
                "Limited Liability Company ROMASHKA",
                vec![TokenClass::LegalForm, TokenClass::LegalForm, TokenClass::LegalForm, TokenClass::Name],
            ),
            ("Dr Jane Doe", vec![TokenClass::Honorific, TokenClass::Name, TokenClass::Name]),
            ("SHEIKH Ahmad", vec![TokenClass::Honorific, TokenClass::Name]),
            (
                "SCHNEIDER S.A. de C.V.",
                vec![TokenClass::Name, TokenClass::LegalForm, TokenClass::Name, TokenClass::LegalForm],
            ),
            ("O. G. STEPANOVA", vec![TokenClass::Name, TokenClass::Name, TokenClass::Name]),
        ];
        for (name, classes) in cases {
            let got: Vec<TokenClass> = analyze(name).into_iter().map(|t| t.class).collect();
            assert_eq!(got, classes, "{name}");
        }
    }

    #[test]
    fn misspelt_variants_find_their_canonical_form() {
        let cases: &[(&str, &[&str])] = &[
            ("mohamd", &["muhammad"]),
            ("muhmmad", &["muhammad"]),
            ("akexey", &["aleksey"]),
            ("ttaiana", &["tatyana"]),
            ("ghasemi", &[]),
            ("muhammad", &[]),
            ("zzzz", &[]),
        ];
        for (token, expected) in cases {
            assert_eq!(variant_typos(token), *expected, "{token}");
        }
        assert!(osa_is_one("abcd", "abdc") && osa_is_one("abc", "abcd") && !osa_is_one("abc", "abc"));
    }

    proptest::proptest! {
        /// The one-pass test agrees with the full optimal-string-alignment distance, on
        /// short words over a small alphabet (where one-edit pairs are frequent).
        #[test]
        fn osa_is_one_agrees_with_the_distance(a in "[abc]{0,6}", b in "[abc]{0,6}") {
            proptest::prop_assert_eq!(osa_is_one(&a, &b), strsim::osa_distance(&a, &b) == 1, "{} {}", a, b);
        }
    }

    #[test]
    fn patronymics_are_classed() {
        assert_eq!(token_class("vyacheslavovich"), TokenClass::Patronymic);
        assert_eq!(token_class("nikolaevna"), TokenClass::Patronymic);
        assert_eq!(token_class("ivanov"), TokenClass::Name);
    }

    #[test]
    fn unknown_words_pass_through() {
        assert_eq!(texts("Ozdag Umit"), ["ozdag", "umit"]);
        assert!(analyze("").is_empty());
    }
}
