//! Names written in other scripts, read as the Latin forms they may take.
//!
//! [`crate::normalize`] turns every script into one Latin spelling (`any_ascii`), which
//! is right for matching a name against the same name listed in its own script, and
//! wrong for matching it against the Latin name a list gives: `محمد علي` becomes
//! `mhmd ly`, `김정은` one run-together word. This module reads such a name the way a
//! person who knows the script would romanise it, in every way in use:
//!
//! - **Arabic script** (Arabic, Persian, Urdu, Pashto): short vowels are not written,
//!   so a Latin vowel may stand between two letters; each letter has the spellings the
//!   romanisations give it (`ج` j, dj, g, zh); the article `ال` is a word of its own
//!   (`al-`, `el-`, `ad-`, `ash-`) or written into its neighbours (`Essabar`,
//!   `Abdurrahman`, `Biladis`); `عبد`, `ابو` and `الله` join the next or previous word
//!   (`Abdelmalek`, `Abubakar`, `Khayrallah`); common names have their usual spellings
//!   (`محمد` Muhammad, Mohammed, Mohamed; not Mahmud) and organisation words their
//!   translations (`جماعة` group, groupe, jamaat).
//! - **Hangul**: syllables decomposed and romanised by Revised Romanisation,
//!   McCune–Reischauer and the DPRK's own practice (`Choe Chol Min`), with the
//!   surname spellings in use (`최` Choe, Choi, Chwe; `이`/`리` Ri, Li, Lee, Yi, Rhee);
//!   Korean names in Cyrillic (Kontsevich: `Чхве Чхоль Мин`).
//! - **Cyrillic** by the national systems and the English, German, French and Polish
//!   renderings; **Greek** (ELOT 743 and the classical forms: `Αλέξανδρος` Alexandros,
//!   Alexander); **Hebrew**; **Thai** (RTGS); **Kana** (Hepburn, both ways of writing
//!   long vowels); **Georgian**, **Armenian**; **Han** characters one syllable each, in
//!   pinyin and Wade–Giles (`毛泽东` Mao Zedong, Mao Tse-tung).
//!
//! The result, [`ScriptName`], says for each word of the name which Latin words it may
//! be ([`Reading`]): whole spellings to look up, and letter forms ([`LatinForms`]) to
//! align with listed words found by phonetic key. Deciding which listed words those are
//! is the matcher's job (it holds the index).
//!
//! ```
//! use interdict_text::script::{script_name, WordRole};
//!
//! let name = script_name("يحيى جوادي").unwrap();
//! assert_eq!(name.words.len(), 2);
//! assert!(name.words[0].reading.spellings.iter().any(|(s, _)| s == "yahya"));
//! assert!(name.words[1].reading.forms.cost("djouadi").is_some());
//! assert!(script_name("Yahia Djouadi").is_none());
//! ```
//!
//! Cost: a table lookup per letter and a few small vectors per word; nothing is done for
//! a name written only in Latin letters ([`has_other_script`] says so in one pass).

mod alphabet;
mod arabic;
mod forms;
mod han;
mod hangul;
mod table;

pub use forms::{Alt, LatinForms, Unit, MAX_COST};

use unicode_normalization::UnicodeNormalization;

/// The scripts this module reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    Latin,
    Arabic,
    Hebrew,
    Cyrillic,
    Greek,
    Hangul,
    Han,
    Kana,
    Thai,
    Georgian,
    Armenian,
}

/// The script of a letter (or of a mark or sign that belongs to a script's words), or
/// `None` for digits, spaces, punctuation and scripts not read here.
pub fn script_of(c: char) -> Option<Script> {
    let u = c as u32;
    Some(match u {
        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF => {
            if c == '\u{D7}' || c == '\u{F7}' {
                return None;
            }
            Script::Latin
        }
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            // Arabic punctuation and digits are not letters of words.
            if matches!(u, 0x060C | 0x061B | 0x061F | 0x066A..=0x066D | 0x06D4 | 0x0660..=0x0669 | 0x06F0..=0x06F9) {
                return None;
            }
            Script::Arabic
        }
        0x0591..=0x05F4 | 0xFB1D..=0xFB4F => {
            if matches!(u, 0x05BE | 0x05C0 | 0x05C3 | 0x05C6 | 0x05F4) {
                return None;
            }
            Script::Hebrew
        }
        0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => {
            if matches!(u, 0x037E | 0x0387) {
                return None;
            }
            Script::Greek
        }
        0xAC00..=0xD7A3 | 0x1100..=0x11FF | 0x3130..=0x318F => Script::Hangul,
        0x3041..=0x309F | 0x30A1..=0x30FA | 0x30FC..=0x30FF | 0x31F0..=0x31FF => Script::Kana,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF | 0x3005 => Script::Han,
        0x0E01..=0x0E4E => Script::Thai,
        0x10A0..=0x10FF | 0x1C90..=0x1CBF => Script::Georgian,
        0x0531..=0x0587 => Script::Armenian,
        _ => return None,
    })
}

/// Whether a name holds a letter of a script other than Latin that this module reads.
pub fn has_other_script(name: &str) -> bool {
    !name.is_ascii() && name.chars().any(|c| script_of(c).is_some_and(|s| s != Script::Latin))
}

/// Whether a name holds a Latin letter.
pub fn has_latin_letters(name: &str) -> bool {
    name.chars().any(|c| script_of(c) == Some(Script::Latin))
}

/// What part a word plays in a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordRole {
    /// A word of the name.
    Name,
    /// An article (`ال`): a listed name may give it (`al-`, `el-`, `ad-`) or drop it,
    /// so it is evidence only when paired.
    Article,
}

/// The Latin words a word (or words written together) may be.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reading {
    /// Whole spellings, looked up as they are (after the usual analysis), with a cost.
    pub spellings: Vec<(String, f32)>,
    /// Letter forms: any listed word they align with, found by phonetic key.
    pub forms: LatinForms,
    /// Whether to search listed words with `forms` (letters read one by one); when
    /// false, `forms` only serves to build joined readings and `spellings` are all.
    pub search_forms: bool,
}

/// One word of a name written in another script.
#[derive(Debug, Clone, PartialEq)]
pub struct ScriptWord {
    /// The word as written (for explanations); a Latin word is its analysed token.
    pub text: String,
    pub script: Script,
    pub role: WordRole,
    pub reading: Reading,
}

/// Words `first..=last` written as one Latin word (`عبد المالك` Abdelmalek).
#[derive(Debug, Clone, PartialEq)]
pub struct ScriptJoin {
    pub first: usize,
    pub last: usize,
    pub reading: Reading,
}

/// A name read word by word, with the words that may be written together.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScriptName {
    pub words: Vec<ScriptWord>,
    pub joins: Vec<ScriptJoin>,
}

/// Words of a name longer than this are not read (a name is scored on its first 64
/// words anyway; this keeps a hostile input cheap).
const MAX_WORDS: usize = 64;
/// Letters of one word beyond this are not read.
const MAX_WORD_CHARS: usize = 48;

/// Reads a name holding words in another script; `None` when every word is Latin (or
/// no word is in a script read here).
pub fn script_name(name: &str) -> Option<ScriptName> {
    if !has_other_script(name) {
        return None;
    }
    let text: String = name.nfkc().flat_map(char::to_lowercase).collect();
    // Runs of words of one script, in order; a Latin run is kept as text to analyse.
    let mut runs: Vec<(Script, Vec<String>)> = Vec::new();
    let mut word = String::new();
    let mut word_script: Option<Script> = None;
    let flush_word = |runs: &mut Vec<(Script, Vec<String>)>, word: &mut String, script: Option<Script>| {
        if let Some(s) = script {
            if !word.is_empty() {
                match runs.last_mut() {
                    Some((last, words)) if *last == s => words.push(std::mem::take(word)),
                    _ => runs.push((s, vec![std::mem::take(word)])),
                }
            }
        }
        word.clear();
    };
    for c in text.chars() {
        // Joiners inside Persian and Indic words, and the Arabic elongation, are no break.
        if matches!(c, '\u{200C}' | '\u{200D}' | '\u{0640}') {
            continue;
        }
        // An apostrophe after a Hebrew letter is a geresh (ג׳ is j).
        let c = if c == '\'' && word_script == Some(Script::Hebrew) { '\u{05F3}' } else { c };
        let script = script_of(c).or_else(|| {
            // Digits and apostrophes inside a Latin word stay with it.
            (word_script == Some(Script::Latin) && (c.is_ascii_digit() || c == '\'')).then_some(Script::Latin)
        });
        match script {
            Some(s) if Some(s) == word_script && s != Script::Han => word.push(c),
            Some(s) => {
                flush_word(&mut runs, &mut word, word_script);
                word.push(c);
                word_script = Some(s);
            }
            None => {
                flush_word(&mut runs, &mut word, word_script);
                word_script = None;
            }
        }
    }
    flush_word(&mut runs, &mut word, word_script);

    let mut out = ScriptName::default();
    for (script, words) in runs {
        if out.words.len() >= MAX_WORDS {
            break;
        }
        let words: Vec<String> = words.into_iter().map(|w| w.chars().take(MAX_WORD_CHARS).collect()).collect();
        let (read, joins) = match script {
            Script::Latin => (latin_words(&words.join(" ")), Vec::new()),
            Script::Arabic => arabic::read_run(&words),
            Script::Hangul => hangul::read_run(&words),
            Script::Han => han::read_run(&words),
            _ => alphabet::read_run(script, &words),
        };
        let offset = out.words.len();
        out.words.extend(read);
        out.joins.extend(joins.into_iter().map(|j| ScriptJoin { first: j.first + offset, last: j.last + offset, ..j }));
    }
    out.words.truncate(MAX_WORDS);
    out.joins.retain(|j| j.last < out.words.len());
    if out.words.iter().all(|w| w.script == Script::Latin) {
        return None;
    }
    Some(out)
}

/// Latin words of a mixed name, analysed as usual.
fn latin_words(text: &str) -> Vec<ScriptWord> {
    crate::analyze(text)
        .into_iter()
        .map(|t| ScriptWord {
            reading: Reading { spellings: vec![(t.text.clone(), 0.0)], ..Reading::default() },
            text: t.text,
            script: Script::Latin,
            role: WordRole::Name,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_of_letters() {
        let cases = [
            ('a', Some(Script::Latin)),
            ('é', Some(Script::Latin)),
            ('م', Some(Script::Arabic)),
            ('پ', Some(Script::Arabic)),
            ('،', None),
            ('ש', Some(Script::Hebrew)),
            ('ж', Some(Script::Cyrillic)),
            ('λ', Some(Script::Greek)),
            ('김', Some(Script::Hangul)),
            ('カ', Some(Script::Kana)),
            ('毛', Some(Script::Han)),
            ('ก', Some(Script::Thai)),
            ('ა', Some(Script::Georgian)),
            ('Ա', Some(Script::Armenian)),
            ('1', None),
            (' ', None),
        ];
        for (c, s) in cases {
            assert_eq!(script_of(c), s, "{c}");
        }
        assert!(!has_other_script("Muhammad ALI"));
        assert!(has_other_script("محمد"));
    }

    #[test]
    fn latin_names_are_not_read() {
        assert!(script_name("CHOE Chol Min").is_none());
        assert!(script_name("").is_none());
        assert!(script_name("Müller").is_none());
    }

    #[test]
    fn mixed_names_keep_their_latin_words() {
        let name = script_name("Haji Gulab Gul (حاجی گلاب)").unwrap();
        let texts: Vec<&str> = name.words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(&texts[..3], ["hajji", "gulab", "gul"]);
        assert_eq!(name.words[3].script, Script::Arabic);
    }

    proptest::proptest! {
        #[test]
        fn any_text_reads_without_panicking(s in "\\PC{0,80}") {
            let _ = script_name(&s);
        }
    }
}
