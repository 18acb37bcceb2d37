//! Han characters, one syllable each, in Hanyu Pinyin (the `any_ascii` reading) and in
//! Wade–Giles (`毛泽东` Mao Zedong, Mao Tse-tung). The syllables of a given name may be
//! written together (`Zedong`, `Tsetung`).
//!
//! Out of reach here: a character's other readings (one pinyin reading per character),
//! Cantonese and other Chinese readings, and Korean and Japanese readings of the same
//! characters, which need per-character tables (Unihan) this crate does not carry.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::forms::{LatinForms, Unit};
use super::table::{data_lines, parse_alt};
use super::{Reading, Script, ScriptJoin, ScriptWord, WordRole};

const PINYIN: &str = include_str!("../../data/script/pinyin.tsv");

struct Rules {
    whole: HashMap<String, Vec<String>>,
    initial: Vec<(String, Vec<String>)>,
    fin: Vec<(String, Vec<String>)>,
}

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        let mut r = Rules { whole: HashMap::new(), initial: Vec::new(), fin: Vec::new() };
        for line in data_lines(PINYIN) {
            let mut fields = line.split('\t');
            let (Some(section), Some(pinyin)) = (fields.next(), fields.next()) else { continue };
            let wg: Vec<String> = fields.filter_map(parse_alt).map(|a| a.text).collect();
            match section {
                "whole" => {
                    r.whole.insert(pinyin.to_string(), wg);
                }
                "initial" => r.initial.push((pinyin.to_string(), wg)),
                "final" => r.fin.push((pinyin.to_string(), wg)),
                _ => {}
            }
        }
        // Longest first, so that `zh` is tried before `z` and `ong` before `g`.
        r.initial.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        r.fin.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        r
    })
}

/// The Wade–Giles forms of a pinyin syllable (the syllable itself among them).
fn wade_giles(pinyin: &str) -> Vec<String> {
    let r = rules();
    let mut out = vec![pinyin.to_string()];
    if let Some(w) = r.whole.get(pinyin) {
        out.extend(w.iter().cloned());
        return out;
    }
    let (initial, rest) = r
        .initial
        .iter()
        .find(|(p, _)| pinyin.starts_with(p.as_str()))
        .map(|(p, w)| (w.clone(), &pinyin[p.len()..]))
        .unwrap_or_else(|| (vec![String::new()], pinyin));
    let initial = if initial.is_empty() { vec![String::new()] } else { initial };
    let finals: Vec<String> = match r.fin.iter().find(|(p, _)| rest.ends_with(p.as_str())) {
        Some((p, w)) => w.iter().map(|f| format!("{}{f}", &rest[..rest.len() - p.len()])).collect(),
        None => vec![rest.to_string()],
    };
    for i in &initial {
        for f in &finals {
            let s = format!("{i}{f}");
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

/// Reads a run of Han characters (each a word of its own).
pub(super) fn read_run(words: &[String]) -> (Vec<ScriptWord>, Vec<ScriptJoin>) {
    let mut out: Vec<ScriptWord> = Vec::new();
    for word in words {
        for c in word.chars() {
            let pinyin: String = any_ascii::any_ascii_char(c).to_ascii_lowercase();
            if pinyin.is_empty() || !pinyin.bytes().all(|b| b.is_ascii_lowercase()) {
                continue;
            }
            let spellings: Vec<(String, f32)> = wade_giles(&pinyin).into_iter().map(|s| (s, 0.0)).collect();
            let forms = LatinForms::new(vec![Unit::whole(&spellings)]);
            out.push(ScriptWord {
                text: c.to_string(),
                script: Script::Han,
                role: WordRole::Name,
                reading: Reading { spellings, forms, search_forms: false },
            });
        }
    }
    // A two-syllable given name written as one word: the two syllables after the surname.
    let mut joins = Vec::new();
    if out.len() == 3 {
        let forms = out[1].reading.forms.joined(&out[2].reading.forms);
        let spellings = forms.spellings(16);
        joins.push(ScriptJoin { first: 1, last: 2, reading: Reading { spellings, forms, search_forms: false } });
    }
    (out, joins)
}

#[cfg(test)]
mod tests {
    use super::super::script_name;
    use super::*;

    #[test]
    fn pinyin_and_wade_giles() {
        for (pinyin, wg) in [
            ("ze", "tse"),
            ("dong", "tung"),
            ("zhou", "chou"),
            ("xiao", "hsiao"),
            ("qing", "ching"),
            ("zi", "tzu"),
            ("guo", "kuo"),
            ("jiang", "chiang"),
            ("shi", "shih"),
            ("xue", "hsueh"),
        ] {
            assert!(wade_giles(pinyin).iter().any(|s| s == wg), "{pinyin}: {:?}", wade_giles(pinyin));
        }
    }

    #[test]
    fn han_names_read_syllable_by_syllable() {
        let n = script_name("毛泽东").unwrap();
        assert_eq!(n.words.len(), 3);
        let has = |i: usize, s: &str| n.words[i].reading.spellings.iter().any(|(t, _)| t == s);
        assert!(has(0, "mao") && has(1, "ze") && has(1, "tse") && has(2, "dong") && has(2, "tung"));
        assert!(n.joins[0].reading.spellings.iter().any(|(t, _)| t == "zedong"));
        assert!(n.joins[0].reading.spellings.iter().any(|(t, _)| t == "tsetung"));
    }
}
