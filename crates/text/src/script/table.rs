//! Letter tables: what each letter (or run of letters) of a script is written as in
//! Latin, read from the data files in `data/script/`.
//!
//! A line is a letter (one or a few characters; `^` before it for the start of a word,
//! `$` after it for the end), then its Latin spellings separated by tabs, each
//! `text` or `text:cost`, `-` for nothing. Lines starting `#` are comments.

use std::collections::HashMap;

use super::forms::{Alt, Unit};

/// One script's letters and their Latin spellings.
pub struct LetterTable {
    entries: HashMap<String, Unit>,
    /// The longest letter run in the table, in characters.
    longest: usize,
}

/// Parses `text:cost` (`-` is nothing).
pub fn parse_alt(field: &str) -> Option<Alt> {
    let field = field.trim();
    if field.is_empty() {
        return None;
    }
    let (text, cost) = match field.rsplit_once(':') {
        Some((t, c)) => (t, c.parse::<f32>().ok()?),
        None => (field, 0.0),
    };
    let text = if text == "-" { String::new() } else { crate::normalize(text).replace(' ', "") };
    Some(Alt { text, cost })
}

/// The data lines of a table file: not empty, not comments.
pub fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(|l| l.trim_end_matches(['\r', '\n'])).filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

impl LetterTable {
    pub fn parse(text: &str, vowel_free: bool) -> LetterTable {
        let mut read: HashMap<String, Vec<Alt>> = HashMap::new();
        let mut longest = 1;
        for line in data_lines(text) {
            let mut fields = line.split('\t');
            let Some(key) = fields.next().map(str::trim).filter(|k| !k.is_empty()) else { continue };
            let alts: Vec<Alt> = fields.filter_map(parse_alt).collect();
            if alts.is_empty() {
                continue;
            }
            let letters = key.trim_start_matches('^').trim_end_matches('$').chars().count();
            longest = longest.max(letters);
            read.entry(key.to_string()).or_default().extend(alts);
        }
        let entries = read.into_iter().map(|(k, alts)| (k, Unit::new(alts, vowel_free))).collect();
        LetterTable { entries, longest }
    }

    /// The spellings of a letter run, as the table has them (anchors included).
    pub fn get(&self, key: &str) -> Option<&[Alt]> {
        self.entries.get(key).map(Unit::alts)
    }

    /// The word as units, longest table runs first (a run at the start of the word or
    /// at its end prefers its `^` or `$` entry). Characters the table lacks are
    /// skipped; `None` when none is known.
    pub fn units(&self, word: &[char]) -> Option<Vec<Unit>> {
        let mut units = Vec::new();
        let mut key = String::new();
        let mut i = 0;
        while i < word.len() {
            let mut found = None;
            'runs: for len in (1..=self.longest.min(word.len() - i)).rev() {
                let run = &word[i..i + len];
                let at_start = i == 0;
                let at_end = i + len == word.len();
                for (start, end) in [(true, true), (true, false), (false, true), (false, false)] {
                    if (start && !at_start) || (end && !at_end) {
                        continue;
                    }
                    key.clear();
                    if start {
                        key.push('^');
                    }
                    key.extend(run);
                    if end {
                        key.push('$');
                    }
                    if let Some(unit) = self.entries.get(&key) {
                        found = Some((len, unit));
                        break 'runs;
                    }
                }
            }
            match found {
                Some((len, unit)) => {
                    units.push(unit.clone());
                    i += len;
                }
                None => i += 1,
            }
        }
        (!units.is_empty()).then_some(units)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchored_and_longest_runs_win() {
        let t = LetterTable::parse("# c\nа\ta\nий$\tiy\ty\nи\ti\n^е\tye\nе\te\nй\ty\n", false);
        let word: Vec<char> = "еий".chars().collect();
        let units = t.units(&word).unwrap();
        assert_eq!(units.len(), 2);
        assert_eq!(units[0].alts()[0].text, "ye");
        assert_eq!(units[1].alts()[1].text, "y");
        assert!(t.units(&['x']).is_none());
        assert!(t.units(&[]).is_none());
    }

    #[test]
    fn costs_and_nothing() {
        assert_eq!(parse_alt("dj:0.05"), Some(Alt { text: "dj".into(), cost: 0.05 }));
        assert_eq!(parse_alt("-:0.1"), Some(Alt { text: String::new(), cost: 0.1 }));
        assert_eq!(parse_alt("x:zz"), None);
        assert_eq!(parse_alt(""), None);
    }
}
