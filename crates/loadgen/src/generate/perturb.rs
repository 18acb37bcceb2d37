//! How a listed name is disguised the way payments really carry it: legal forms written
//! out or abbreviated, upper, title or mixed case, surname first or last, titles added,
//! hyphens and punctuation kept, turned to spaces or dropped.

use rand::rngs::StdRng;
use rand::Rng;

use super::random::pick;
use super::ListedName;

/// Legal forms written out and abbreviated, longest first.
const LEGAL_FORMS: &[(&[&str], &[&str])] = &[
    (&["PUBLIC", "JOINT", "STOCK", "COMPANY"], &["PJSC"]),
    (&["OPEN", "JOINT", "STOCK", "COMPANY"], &["OJSC"]),
    (&["CLOSED", "JOINT", "STOCK", "COMPANY"], &["CJSC"]),
    (&["LIMITED", "LIABILITY", "COMPANY"], &["LLC"]),
    (&["JOINT", "STOCK", "COMPANY"], &["JSC"]),
    (&["PUBLIC", "LIMITED", "COMPANY"], &["PLC"]),
    (&["COMPANY", "LIMITED"], &["CO", "LTD"]),
    (&["PRIVATE", "LIMITED"], &["PVT", "LTD"]),
    (&["SOCIEDAD", "ANONIMA"], &["SA"]),
    (&["CORPORATION"], &["CORP"]),
    (&["INCORPORATED"], &["INC"]),
    (&["ESTABLISHMENT"], &["EST"]),
    (&["LIMITED"], &["LTD"]),
    (&["COMPANY"], &["CO"]),
];

/// Short forms that are not expanded: too ambiguous on their own.
const KEEP_SHORT: &[&str] = &["SA"];

/// Words kept upper case when a name is written in title case.
const ACRONYMS: &[&str] = &[
    "LLC", "JSC", "PJSC", "OJSC", "CJSC", "PLC", "LLP", "FZE", "FZCO", "FZC", "DMCC", "SA", "SAL", "SARL", "SAS",
    "SRL", "SPA", "AG", "AB", "BV", "NV", "OOO", "OAO", "ZAO", "PAO", "AO", "TOO", "USA", "UK", "UAE", "PT", "CV",
    "KK", "JV", "LP", "II", "III", "IV", "WLL", "SAE", "SAOG", "KSC", "BSC", "QSC", "PSC", "DPRK", "FZ", "LTDA",
    "GMBH",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Case {
    Upper,
    Title,
    /// Given names in title case, the family name upper case.
    Mixed,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Punctuation {
    Keep,
    /// Hyphens become spaces.
    Hyphens,
    /// Hyphens become spaces; dots, commas and apostrophes go.
    Strip,
}

fn letters_key(word: &str) -> String {
    word.chars().filter(char::is_ascii_alphabetic).map(|c| c.to_ascii_uppercase()).collect()
}

/// Writes one legal form the other way (long to short, or short to long unless
/// `shorten_only`). Returns whether a form was found.
fn swap_legal_form(name: &str, shorten_only: bool, rng: &mut StdRng) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let keys: Vec<String> = words.iter().map(|w| letters_key(w)).collect();
    let mut found: Vec<(usize, usize, &[&str])> = Vec::new();
    for &(long, short) in LEGAL_FORMS {
        for (from, to) in [(long, short), (short, long)] {
            let length = |words: &[&str]| words.iter().map(|w| w.len()).sum::<usize>();
            if shorten_only && length(from) < length(to) {
                continue;
            }
            if from == short && short.len() == 1 && KEEP_SHORT.contains(&short[0]) {
                continue;
            }
            for start in 0..words.len() {
                let end = start + from.len();
                if end <= words.len() && keys[start..end].iter().zip(from).all(|(k, f)| k == f) {
                    let overlaps = found.iter().any(|&(s, l, _)| start < s + l && s < end);
                    if !overlaps {
                        found.push((start, from.len(), to));
                    }
                }
            }
        }
    }
    if found.is_empty() {
        return None;
    }
    let (start, len, to) = found[rng.random_range(0..found.len())];
    let mut out = String::with_capacity(name.len() + 24);
    for (i, word) in words.iter().enumerate() {
        if i > start && i < start + len {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        if i == start {
            out.push_str(&to.join(" "));
            if words[start + len - 1].ends_with(',') {
                out.push(',');
            }
        } else {
            out.push_str(word);
        }
    }
    Some(out)
}

fn title_case(s: &str, out: &mut String) {
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_alphabetic() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_alphabetic() {
            i += 1;
        }
        let word: String = chars[start..i].iter().collect();
        let upper = word.to_uppercase();
        let after_apostrophe = start >= 2 && chars[start - 1] == '\'' && chars[start - 2].is_alphabetic() && {
            // "CH'OE" → "Ch'oe", but "O'BRIEN" → "O'Brien".
            start >= 3 && chars[start - 3].is_alphabetic()
        };
        if upper == "GMBH" {
            out.push_str("GmbH");
        } else if ACRONYMS.contains(&upper.as_str()) {
            out.push_str(&upper);
        } else if after_apostrophe {
            out.extend(word.chars().flat_map(char::to_lowercase));
        } else {
            let mut cs = word.chars();
            out.extend(cs.next().into_iter().flat_map(char::to_uppercase));
            out.extend(cs.flat_map(char::to_lowercase));
        }
    }
}

fn apply_case(s: &str, case: Case, out: &mut String) {
    match case {
        Case::Upper => out.push_str(&s.to_uppercase()),
        Case::Title | Case::Mixed => title_case(s, out),
    }
}

fn apply_punctuation(s: &str, mode: Punctuation) -> String {
    let mut out = String::with_capacity(s.len());
    let mut segment = 0usize;
    for c in s.chars() {
        match (c, mode) {
            ('-', Punctuation::Hyphens | Punctuation::Strip) => out.push(' '),
            ('.', Punctuation::Strip) => {
                // "S.A." → "SA", but "ST.PETERSBURG" → "ST PETERSBURG".
                if segment > 1 {
                    out.push(' ');
                }
            }
            (',', Punctuation::Strip) => out.push(' '),
            ('\'', Punctuation::Strip) => {}
            _ => out.push(c),
        }
        segment = if c.is_alphanumeric() { segment + 1 } else { 0 };
    }
    collapse_spaces(&out)
}

fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A listed name the way a payment carries it. `shorten_only`: legal forms are only
/// abbreviated (MT103, where banks shorten names to fit 35-character lines).
pub(crate) fn perturb(rng: &mut StdRng, listed: &ListedName, shorten_only: bool) -> String {
    let name = collapse_spaces(&listed.name);
    if listed.organisation {
        let swapped = if rng.random_bool(0.6) { swap_legal_form(&name, shorten_only, rng) } else { None };
        let name = swapped.unwrap_or(name);
        let case = if rng.random_bool(0.6) { Case::Upper } else { Case::Title };
        let punctuation = match rng.random_range(0..20) {
            0..=11 => Punctuation::Keep,
            12..=16 => Punctuation::Strip,
            _ => Punctuation::Hyphens,
        };
        let mut cased = String::with_capacity(name.len() + 8);
        apply_case(&name, case, &mut cased);
        return apply_punctuation(&cased, punctuation);
    }
    let (surname, given) = match name.split_once(',') {
        Some((s, g)) if !s.trim().is_empty() && !g.trim().is_empty() => (Some(s.trim()), g.trim()),
        _ => (None, name.as_str()),
    };
    let case = match rng.random_range(0..10) {
        0..=3 => Case::Upper,
        4..=6 => Case::Title,
        _ => Case::Mixed,
    };
    let mut out = String::with_capacity(name.len() + 8);
    if rng.random_bool(0.2) {
        let title = *pick(rng, &["MR", "MR", "MRS", "DR"]);
        apply_case(title, if case == Case::Upper { Case::Upper } else { Case::Title }, &mut out);
        out.push(' ');
    }
    let surname_case = if case == Case::Mixed { Case::Upper } else { case };
    match surname {
        None => apply_case(given, case, &mut out),
        Some(surname) => match rng.random_range(0..10) {
            // "Given Middle SURNAME"
            0..=6 => {
                apply_case(given, case, &mut out);
                out.push(' ');
                apply_case(surname, surname_case, &mut out);
            }
            // "SURNAME Given Middle"
            7..=8 => {
                apply_case(surname, surname_case, &mut out);
                out.push(' ');
                apply_case(given, case, &mut out);
            }
            // As listed: "SURNAME, Given Middle"
            _ => {
                apply_case(surname, surname_case, &mut out);
                out.push_str(", ");
                apply_case(given, case, &mut out);
            }
        },
    }
    let punctuation = match rng.random_range(0..10) {
        0..=4 => Punctuation::Keep,
        5..=7 => Punctuation::Hyphens,
        _ => Punctuation::Strip,
    };
    apply_punctuation(&out, punctuation)
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;

    use super::*;

    fn rng() -> StdRng {
        StdRng::seed_from_u64(7)
    }

    #[test]
    fn legal_forms_are_swapped_as_whole_words() {
        let cases: &[(&str, bool, &[&str])] = &[
            ("KOMPANIYA ALFA LIMITED LIABILITY COMPANY", true, &["KOMPANIYA ALFA LLC"]),
            ("ALFA TRADING LLC", false, &["ALFA TRADING LIMITED LIABILITY COMPANY"]),
            ("DANDONG ZHICHENG CO., LTD.", false, &["DANDONG ZHICHENG COMPANY LIMITED"]),
            ("ALFA TRADING LLC", true, &[]),
            ("SA SHIPPING", false, &[]),
            ("COLTRANE HOLDINGS", false, &[]),
        ];
        for (name, shorten_only, expected) in cases {
            let got = swap_legal_form(name, *shorten_only, &mut rng());
            match expected.first() {
                Some(e) => assert_eq!(got.as_deref(), Some(*e), "{name}"),
                None => assert_eq!(got, None, "{name}"),
            }
        }
    }

    #[test]
    fn case_and_punctuation_keep_every_letter() {
        let mut out = String::new();
        title_case("AL-QAIDA FZE CH'OE O'BRIEN GMBH", &mut out);
        assert_eq!(out, "Al-Qaida FZE Ch'oe O'Brien GmbH");
        assert_eq!(
            apply_punctuation("S.A. ST.PETERSBURG CO.,LTD. AL-NUR", Punctuation::Strip),
            "SA ST PETERSBURG CO LTD AL NUR"
        );
        assert_eq!(apply_punctuation("AL-NUR, Ali", Punctuation::Hyphens), "AL NUR, Ali");
    }
}
