//! Korean names in Hangul: each syllable decomposed into its jamo and read as the
//! Latin forms it takes in Revised Romanisation, McCune–Reischauer and DPRK practice;
//! the surname (the first syllable of a name) also as the spellings in use for it
//! (`이` Lee, Yi, Rhee, Ri; `박` Park, Pak). Each syllable is a word of its own, as the
//! lists write Korean names (`KIM Jong Un`), and the syllables of a given name may be
//! written together (`Jongun`, `Chol-min`).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::forms::{Alt, LatinForms, Unit};
use super::table::{data_lines, parse_alt};
use super::{Reading, Script, ScriptJoin, ScriptWord, WordRole};

const JAMO: &str = include_str!("../../data/script/hangul.tsv");
const SURNAMES: &str = include_str!("../../data/script/korean_surnames.tsv");

/// Compatibility jamo in the order of the syllable blocks' initial, vowel and final
/// indices (Unicode 3.12, Hangul syllable composition).
const INITIALS: [char; 19] =
    ['ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ'];
const VOWELS: [char; 21] = [
    'ㅏ', 'ㅐ', 'ㅑ', 'ㅒ', 'ㅓ', 'ㅔ', 'ㅕ', 'ㅖ', 'ㅗ', 'ㅘ', 'ㅙ', 'ㅚ', 'ㅛ', 'ㅜ', 'ㅝ', 'ㅞ', 'ㅟ', 'ㅠ', 'ㅡ',
    'ㅢ', 'ㅣ',
];
const FINALS: [char; 27] = [
    'ㄱ', 'ㄲ', 'ㄳ', 'ㄴ', 'ㄵ', 'ㄶ', 'ㄷ', 'ㄹ', 'ㄺ', 'ㄻ', 'ㄼ', 'ㄽ', 'ㄾ', 'ㄿ', 'ㅀ', 'ㅁ', 'ㅂ', 'ㅄ', 'ㅅ',
    'ㅆ', 'ㅇ', 'ㅈ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ',
];

/// Whole spellings tried per syllable (looked up as listed words).
const SPELLINGS: usize = 16;

struct Tables {
    initial: HashMap<char, Vec<Alt>>,
    vowel: HashMap<char, Vec<Alt>>,
    fin: HashMap<char, Vec<Alt>>,
    surnames: HashMap<char, Vec<(String, f32)>>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut t =
            Tables { initial: HashMap::new(), vowel: HashMap::new(), fin: HashMap::new(), surnames: HashMap::new() };
        for line in data_lines(JAMO) {
            let mut fields = line.split('\t');
            let (Some(section), Some(jamo)) = (fields.next(), fields.next().and_then(|j| j.chars().next())) else {
                continue;
            };
            let alts: Vec<Alt> = fields.filter_map(parse_alt).collect();
            let map = match section {
                "initial" => &mut t.initial,
                "vowel" => &mut t.vowel,
                "final" => &mut t.fin,
                _ => continue,
            };
            map.insert(jamo, alts);
        }
        for line in data_lines(SURNAMES) {
            let mut fields = line.split('\t');
            let Some(syllable) = fields.next().and_then(|s| s.chars().next()) else { continue };
            let spellings = fields.filter_map(parse_alt).map(|a| (a.text, a.cost)).collect();
            t.surnames.insert(syllable, spellings);
        }
        t
    })
}

/// The jamo of a syllable block: initial, vowel and final (if any).
fn decompose(c: char) -> Option<(char, char, Option<char>)> {
    let s = (c as u32).checked_sub(0xAC00)?;
    if s >= 11172 {
        return None;
    }
    let (l, v, t) = ((s / 588) as usize, ((s % 588) / 28) as usize, (s % 28) as usize);
    Some((INITIALS[l], VOWELS[v], (t > 0).then(|| FINALS[t - 1])))
}

fn syllable_forms(t: &Tables, c: char) -> Option<LatinForms> {
    let (l, v, f) = decompose(c)?;
    let mut units = vec![Unit::new(t.initial.get(&l)?.clone(), false), Unit::new(t.vowel.get(&v)?.clone(), false)];
    if let Some(f) = f {
        units.push(Unit::new(t.fin.get(&f)?.clone(), false));
    }
    Some(LatinForms::new(units))
}

/// Reads a run of Hangul words: a word per syllable, joins within a given name.
pub(super) fn read_run(words: &[String]) -> (Vec<ScriptWord>, Vec<ScriptJoin>) {
    let t = tables();
    let syllables: Vec<Vec<char>> =
        words.iter().map(|w| w.chars().filter(|&c| decompose(c).is_some()).collect()).collect();
    let total: usize = syllables.iter().map(Vec::len).sum();
    let mut out: Vec<ScriptWord> = Vec::new();
    let mut joins = Vec::new();
    for (w, word) in syllables.iter().enumerate() {
        let start = out.len();
        for (k, &c) in word.iter().enumerate() {
            let Some(forms) = syllable_forms(t, c) else { continue };
            let mut spellings = forms.spellings(SPELLINGS);
            // The name's first syllable is its surname when more follow.
            if w == 0 && k == 0 && total >= 2 {
                if let Some(s) = t.surnames.get(&c) {
                    spellings.extend(s.iter().cloned());
                }
            }
            out.push(ScriptWord {
                text: c.to_string(),
                script: Script::Hangul,
                role: WordRole::Name,
                reading: Reading { spellings, forms, search_forms: true },
            });
        }
        // The syllables of a given name written as one word (`Jongun`): within a word,
        // after the surname.
        let first_given = if w == 0 && total >= 2 { start + 1 } else { start };
        for i in first_given..out.len().saturating_sub(1) {
            let forms = out[i].reading.forms.joined(&out[i + 1].reading.forms);
            let spellings = forms.spellings(SPELLINGS);
            joins.push(ScriptJoin { first: i, last: i + 1, reading: Reading { spellings, forms, search_forms: true } });
        }
    }
    (out, joins)
}

#[cfg(test)]
mod tests {
    use super::super::script_name;
    use super::*;

    fn reads(name: &str, word: usize, latin: &str) -> bool {
        let n = script_name(name).unwrap();
        let w = &n.words[word].reading;
        w.spellings.iter().any(|(s, _)| s == latin) || w.forms.cost(latin).is_some()
    }

    #[test]
    fn syllables_decompose() {
        assert_eq!(decompose('김'), Some(('ㄱ', 'ㅣ', Some('ㅁ'))));
        assert_eq!(decompose('최'), Some(('ㅊ', 'ㅚ', None)));
        assert_eq!(decompose('a'), None);
        assert_eq!(decompose('\u{D7A4}'), None);
    }

    #[test]
    fn listed_korean_names_read_in_every_romanisation() {
        let cases: &[(&str, usize, &str)] = &[
            // CHOE, Chol Min (ofac-sdn:43598), CHOE Un Jong, KIM Jong Un, RI Su Yong,
            // PAK Pong Ju, KIM Yo Jong, CHOE Ryong Hae, JONG Kyong Thaek.
            ("최철민", 0, "choe"),
            ("최철민", 0, "choi"),
            ("최철민", 1, "chol"),
            ("최철민", 1, "cheol"),
            ("최철민", 2, "min"),
            ("최은정", 1, "un"),
            ("최은정", 1, "eun"),
            ("최은정", 2, "jong"),
            ("김정은", 0, "kim"),
            ("김정은", 1, "jong"),
            ("김정은", 1, "jeong"),
            ("김정은", 1, "chong"),
            ("리수용", 0, "ri"),
            ("리수용", 0, "lee"),
            ("리수용", 2, "yong"),
            ("이수용", 0, "lee"),
            ("이수용", 0, "yi"),
            ("박봉주", 0, "park"),
            ("박봉주", 1, "pong"),
            ("박봉주", 2, "ju"),
            ("김여정", 1, "yo"),
            ("김여정", 1, "yeo"),
            ("최룡해", 1, "ryong"),
            ("최룡해", 2, "hae"),
            ("정경택", 1, "kyong"),
            ("정경택", 2, "thaek"),
            ("정경택", 2, "taek"),
        ];
        for (name, word, latin) in cases {
            assert!(reads(name, *word, latin), "{name} [{word}] as {latin}");
        }
    }

    #[test]
    fn given_names_may_be_written_as_one_word() {
        let n = script_name("김 정은").unwrap();
        assert_eq!(n.words.len(), 3);
        assert!(n.joins.iter().any(|j| j.first == 1 && j.reading.forms.cost("jongun").is_some()));
        let n = script_name("최철민").unwrap();
        assert!(n.joins.iter().any(|j| j.first == 1 && j.reading.forms.cost("cholmin").is_some()));
        assert!(!n.joins.iter().any(|j| j.first == 0));
    }
}
