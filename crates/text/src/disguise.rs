//! Disguised names: what someone does to a listed name so that a person still reads it
//! and a machine does not, the readings that undo it, and the signals that it was done.
//!
//! - **Look-alike letters from another script** (UTS #39 confusables): `СНОЕ` written
//!   with Cyrillic С, О, Е reads as the Latin `CHOE` but transliterates to `shoe`. The
//!   *skeleton* reading replaces every letter that is a look-alike of a Latin letter by
//!   that letter. A word whose letters come from two scripts is itself a signal.
//! - **Letters spelled out** with dots or dashes: `C.H.O.I.` reads as `CHOI`, while
//!   normalisation makes four initials of it. The *joined* reading writes each such
//!   run of single letters as one word (`O. G. STEPANOVA` has no run: initials stay).
//! - **Bidirectional controls** (U+202E RIGHT-TO-LEFT OVERRIDE and the other embeddings,
//!   overrides and isolates): `\u{202E}NIM LOHC IOHC` is stored backwards and shown as
//!   `CHOI CHOL MIN`. The *display-order* reading reverses what an override reverses on
//!   screen. Any such control in a name is a signal: payment names have no need of them.
//!
//! [`readings`] returns the readings that differ from the name (screen them as well as
//! the name) and the signals. Cost: one pass over the name; an ASCII name without a
//! spelled-out run returns at once, so ordinary traffic pays nothing.
//!
//! ```
//! use interdict_text::{normalize, readings, SignalKind};
//!
//! let r = readings("\u{421}H\u{41e}\u{415} Chol Min");
//! assert_eq!(normalize(&r.alternatives[0]), "choe chol min");
//! assert_eq!(r.signals[0].kind, SignalKind::MixedScript);
//! assert_eq!(normalize(&readings("C.H.O.I. C.H.O.L. M.I.N.").alternatives[0]), "choi chol min");
//! assert!(readings("O. G. STEPANOVA").alternatives.is_empty());
//! ```

use std::fmt::Write;
use std::sync::OnceLock;

/// What kind of disguise a signal reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignalKind {
    /// A word mixes letters of two scripts (Latin with Cyrillic, Greek...).
    MixedScript,
    /// Bidirectional control characters: the order shown differs from the order stored.
    BidiControl,
}

/// A disguise found in a name, with its explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signal {
    pub kind: SignalKind,
    pub explanation: String,
}

/// Readings of a name other than the name itself, and the disguises found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Readings {
    /// Each differs from the name; screen them as well.
    pub alternatives: Vec<String>,
    pub signals: Vec<Signal>,
}

/// The readings of `name` that undo a disguise, and the signals of one. Letters written
/// apart are joined when three or more follow each other (two are initials:
/// `J P MORGAN`).
pub fn readings(name: &str) -> Readings {
    readings_joining(name, 3)
}

/// [`readings`] for a text searched word for word (a party's name and address lines
/// together, free text): two letters written apart are joined too (`ACADEMY O F
/// NATURAL SCIENCES`), since an exact word sequence cannot forgive them.
pub fn text_readings(text: &str) -> Readings {
    readings_joining(text, 2)
}

/// The signals of a disguise in a text (mixed scripts, bidirectional controls): what
/// [`readings`] reports, without building readings for a text of Latin letters alone,
/// which can carry none.
pub fn signals(text: &str) -> Vec<Signal> {
    if text.is_ascii() || text.chars().all(is_plain_latin) {
        return Vec::new();
    }
    readings(text).signals
}

/// Whether two one-letter words follow each other (`O F`, `J. P.`): a name that
/// [`text_readings`] reads differently from [`readings`].
pub fn has_letters_apart(text: &str) -> bool {
    if !has_two_single_letters(text) {
        return false;
    }
    let mut previous_was_letter = false;
    for chunk in text.split_whitespace() {
        let letter = single_letter(chunk).is_some();
        if letter && previous_was_letter {
            return true;
        }
        // Marks alone between two letters keep them together (`D . E`).
        if !chunk.chars().all(is_letter_separator) {
            previous_was_letter = letter;
        }
    }
    false
}

fn readings_joining(name: &str, min_letters_apart: usize) -> Readings {
    let mut out = Readings::default();
    if name.is_ascii() || name.chars().all(is_plain_latin) {
        // Latin letters alone hold no look-alikes of other scripts, no controls, no
        // invisible or compatibility forms that matter: only letters spelled out can
        // hide a name. Most names end here.
        if has_two_single_letters(name) {
            for part_words in [false, true] {
                if let Some(joined) = join_spelled_out(name, part_words, min_letters_apart) {
                    push_reading(&mut out.alternatives, name, &joined);
                }
            }
        }
        return out;
    }
    // Compatibility forms (full-width letters and dots) and invisible characters
    // (zero-width spaces and joiners, soft hyphens) would hide a spelled-out run from
    // the steps below: read the name without them. An invisible character alone between
    // two spaces or two of the same mark is either a stray inside a word (`G.\u{AD}.S`
    // is `G.S`) or a word boundary (`L.\u{200B}.S` is `L..S`): both are read.
    let (stray, boundary) = without_invisible(name);
    let controls = bidi_controls(name);
    if !controls.is_empty() {
        out.signals.push(Signal {
            kind: SignalKind::BidiControl,
            explanation: format!(
                "contains bidirectional control characters ({}): the order shown to a reader differs from the order stored",
                controls.join(", ")
            ),
        });
    }
    // The texts the look-alike step reads: the spelled-out letters joined, whole and
    // parted at wide gaps (either may be the right one), or the text itself.
    let mut texts = Vec::with_capacity(2);
    for mut text in std::iter::once(stray).chain(boundary) {
        if !controls.is_empty() {
            if let Some(shown) = display_order(&text) {
                push_reading(&mut out.alternatives, name, &shown);
                text = shown;
            }
        }
        if text.chars().any(is_bidi_control) {
            text.retain(|c| !is_bidi_control(c));
        }
        if let Some(whole) = join_spelled_out(&text, false, min_letters_apart) {
            push_reading(&mut out.alternatives, name, &whole);
            if let Some(parted) = join_spelled_out(&text, true, min_letters_apart) {
                push_reading(&mut out.alternatives, name, &parted);
                texts.push(parted);
            }
            texts.push(whole);
        } else {
            texts.push(text);
        }
    }
    for text in &texts {
        let (skeleton, mixed) = skeleton(text);
        for word in &mixed {
            let explanation = format!(
                "the word \"{}\" mixes scripts ({}): look-alike letters read as \"{}\"",
                word.original, word.scripts, word.skeleton
            );
            // The two joined readings mostly hold the same words: each mixed word once.
            if !out.signals.iter().any(|s| s.explanation == explanation) {
                out.signals.push(Signal { kind: SignalKind::MixedScript, explanation });
            }
        }
        if let Some(skeleton) = skeleton {
            push_reading(&mut out.alternatives, name, &skeleton);
        }
    }
    out
}

/// The name in NFKC without invisible characters (bidirectional controls kept for the
/// display-order step): with an invisible character alone between two spaces or two of
/// the same mark leaving one of them, and, when that happened, also with both kept.
fn without_invisible(name: &str) -> (String, Option<String>) {
    use unicode_normalization::UnicodeNormalization;
    let mut stray = String::with_capacity(name.len());
    let mut boundary = String::with_capacity(name.len());
    let mut dropped_after: Option<char> = None;
    let mut differ = false;
    for c in name.nfkc() {
        if is_invisible(c) && !is_bidi_control(c) {
            dropped_after = stray.chars().next_back().filter(|&p| p.is_whitespace() || is_letter_separator(p));
            continue;
        }
        let doubled = dropped_after.is_some_and(|p| p == c || (p.is_whitespace() && c.is_whitespace()));
        if doubled {
            differ = true;
        } else {
            stray.push(c);
        }
        boundary.push(c);
        dropped_after = None;
    }
    (stray, differ.then_some(boundary))
}

fn push_reading(readings: &mut Vec<String>, name: &str, reading: &str) {
    if reading != name && !readings.iter().any(|r| r == reading) {
        readings.push(reading.to_string());
    }
}

/// Whether a character is invisible formatting: zero-width spaces and joiners, the word
/// joiner, soft hyphens, byte-order marks, and the bidirectional controls.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
        || is_bidi_control(c)
}

/// Whether a character is a bidirectional formatting control.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn bidi_controls(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for c in text.chars().filter(|&c| is_bidi_control(c)) {
        let label = format!("U+{:04X} {}", c as u32, bidi_name(c));
        if !found.contains(&label) {
            found.push(label);
        }
    }
    found
}

fn bidi_name(c: char) -> &'static str {
    match c {
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        _ => "POP DIRECTIONAL ISOLATE",
    }
}

/// The text in the order a reader sees it, where a right-to-left override reverses it:
/// each run from U+202E to its U+202C (or the end) is reversed, controls dropped. Other
/// controls are only dropped (their effect on Latin letters is not a reversal). `None`
/// without an override.
fn display_order(text: &str) -> Option<String> {
    if !text.contains('\u{202E}') {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut run: Vec<char> = Vec::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '\u{202E}' => depth += 1,
            '\u{202C}' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.extend(run.drain(..).rev());
                }
            }
            c if is_bidi_control(c) => {}
            c if depth > 0 => run.push(c),
            c => out.push(c),
        }
    }
    out.extend(run.drain(..).rev());
    Some(out)
}

/// Punctuation that may separate spelled-out letters: any mark that is not a letter, a
/// digit, a space or a control character (`.`, `-`, `,`, `·`, `•`...).
fn is_letter_separator(c: char) -> bool {
    !c.is_alphanumeric() && !c.is_whitespace() && !c.is_control()
}

/// Whether the text has a chunk like `C.H.O.I.`, or letters written apart
/// (`C H O E`, `C. H. O. E.`).
/// Whether the text has two words of one letter each (between any marks or spaces):
/// what every spelled-out run of letters has (`C.H.O.I.`, `C H O E`). One pass, no
/// allocation: most names have none and need nothing more.
fn has_two_single_letters(text: &str) -> bool {
    let mut singles = 0;
    if text.is_ascii() {
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            // A letter with no letter or digit on either side.
            if b.is_ascii_alphabetic()
                && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
                && bytes.get(i + 1).is_none_or(|n| !n.is_ascii_alphanumeric())
            {
                singles += 1;
                if singles == 2 {
                    return true;
                }
            }
        }
        return false;
    }
    let mut run = 0;
    let mut first_is_letter = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if run == 0 {
                first_is_letter = c.is_alphabetic();
            }
            run += 1;
        } else if !is_invisible(c) {
            singles += usize::from(run == 1 && first_is_letter);
            run = 0;
        }
    }
    singles + usize::from(run == 1 && first_is_letter) >= 2
}

/// A letter of the Latin blocks (Basic Latin to Latin Extended-B), or Latin-1 space
/// and punctuation: no look-alike of another script, nothing invisible (the soft hyphen
/// and the C1 controls are not plain).
fn is_plain_latin(c: char) -> bool {
    c < '\u{0250}' && !matches!(c, '\u{0080}'..='\u{009F}' | '\u{00AD}')
}

/// A whitespace-free chunk with its spelled-out letters joined (`C.H.O.I.` is `CHOI`,
/// `M-I-N` is `MIN`, `C.H.O.E..CHOL` is `CHOE CHOL`), or `None` when it holds no two
/// single letters in a row. Pieces between separators that are longer than one letter
/// stay words of their own. With `part_words`, a run of separators longer than the
/// shortest between two letters parts words (`C.H.O.E...C.H.O.L.` is `CHOE CHOL`;
/// `C...H...O...E` is `CHOE`); without it a stray mark (`C..H.O.E.`) does not: both
/// readings are tried.
fn spelled_out(chunk: &str, part_words: bool) -> Option<String> {
    // Each piece between separators, with the separators before it.
    let mut pieces: Vec<(&str, &str)> = Vec::new();
    let mut separators_from = 0;
    let mut start = None;
    for (at, c) in chunk.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(at);
                pieces.push(("", &chunk[separators_from..at]));
            }
        } else if is_letter_separator(c) {
            if let Some(from) = start.take() {
                pieces.last_mut().expect("a piece was started").0 = &chunk[from..at];
                separators_from = at;
            }
        } else {
            return None;
        }
    }
    if let Some(from) = start {
        pieces.last_mut().expect("a piece was started").0 = &chunk[from..];
    }
    let is_letter = |piece: &str| piece.chars().nth(1).is_none();
    let between_letters: Vec<&str> =
        pieces.windows(2).filter(|w| is_letter(w[0].0) && is_letter(w[1].0)).map(|w| w[1].1).collect();
    let narrowest = between_letters.iter().map(|g| g.chars().count()).min()?;
    // The mark most used between letters: another one between two letters parts words
    // too (`C/O/C.H.O.E.` is `C O CHOE`).
    let usual = between_letters
        .iter()
        .copied()
        .max_by_key(|g| between_letters.iter().filter(|other| *other == g).count())
        .unwrap_or(".");
    let mut out = String::with_capacity(chunk.len());
    let mut previous_was_letter = false;
    for (piece, gap) in pieces {
        let letter = is_letter(piece);
        let wider = gap.chars().count() > narrowest || gap != usual;
        let same_word = letter && previous_was_letter && !(part_words && wider);
        if !out.is_empty() && !same_word {
            out.push(' ');
        }
        out.push_str(piece);
        previous_was_letter = letter;
    }
    Some(out)
}

/// The letter of a chunk that is one letter, alone or with separators after it (`C`,
/// `C.`). Not a digit: `FLAT 3 A B C` keeps its number apart.
fn single_letter(chunk: &str) -> Option<char> {
    let mut chars = chunk.chars();
    let letter = chars.next().filter(|c| c.is_alphabetic())?;
    chars.all(is_letter_separator).then_some(letter)
}

/// A chunk of a run of letters written apart: a letter (`C`, `C.`) or marks alone
/// (`.`), with the number of spaces before it.
struct RunChunk<'a> {
    text: &'a str,
    letter: Option<char>,
    spaces_before: usize,
}

/// Letters written apart, one to a word, are one word when at least `min_letters`
/// of them follow each other (`C H O E`, `C. H. O. E.`). With `part_words`, where the
/// distance between two letters (spaces and marks) is wider than the narrowest in the
/// run, a new word starts (`C H O E   C H O L`, `C . H . O . E .  . C . H`).
fn ends_letter_run(run: &[RunChunk<'_>], min_letters: usize, part_words: bool, out: &mut String, changed: &mut bool) {
    if run.iter().filter(|c| c.letter.is_some()).count() < min_letters {
        for chunk in run {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(chunk.text);
        }
        return;
    }
    *changed = true;
    // The distance from the previous letter to each letter after the first.
    let mut distances = Vec::with_capacity(run.len());
    let mut distance = 0;
    for (i, chunk) in run.iter().enumerate() {
        distance += chunk.spaces_before;
        match chunk.letter {
            Some(_) => {
                if i > 0 {
                    distances.push(distance);
                }
                distance = chunk.text.chars().count() - 1; // its trailing marks
            }
            None => distance += chunk.text.chars().count(),
        }
    }
    let narrowest = distances.iter().copied().min().unwrap_or(0);
    let mut distances = distances.into_iter();
    if !out.is_empty() {
        out.push(' ');
    }
    for (i, letter) in run.iter().filter_map(|c| c.letter).enumerate() {
        if i > 0 && distances.next().is_some_and(|d| part_words && d > narrowest) {
            out.push(' ');
        }
        out.push(letter);
    }
}

/// The text with each spelled-out chunk, and each run of letters written apart, written
/// as one word; `None` if there is none. With `part_words`, wider gaps part words
/// ([`ends_letter_run`], [`spelled_out`]).
fn join_spelled_out(text: &str, part_words: bool, min_letters_apart: usize) -> Option<String> {
    let mut changed = false;
    let mut out = String::with_capacity(text.len());
    // Letters written apart, and the chunks of marks only between them (`A . B . C`).
    let mut run: Vec<RunChunk<'_>> = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
        let spaces_before = rest[..start].chars().count();
        rest = &rest[start..];
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let chunk = &rest[..end];
        rest = &rest[end..];
        if let Some(letter) = single_letter(chunk) {
            run.push(RunChunk { text: chunk, letter: Some(letter), spaces_before });
            continue;
        }
        if !run.is_empty() && chunk.chars().all(is_letter_separator) {
            run.push(RunChunk { text: chunk, letter: None, spaces_before });
            continue;
        }
        ends_letter_run(&run, min_letters_apart, part_words, &mut out, &mut changed);
        run.clear();
        if !out.is_empty() {
            out.push(' ');
        }
        match spelled_out(chunk, part_words) {
            Some(letters) => {
                changed = true;
                out.push_str(&letters);
            }
            None => out.push_str(chunk),
        }
    }
    ends_letter_run(&run, min_letters_apart, part_words, &mut out, &mut changed);
    changed.then_some(out)
}

/// The script of a letter, as far as look-alikes are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
    Armenian,
    Other,
}

fn script_of(c: char) -> Script {
    match c as u32 {
        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A => Script::Latin,
        0x400..=0x52F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
        0x530..=0x58F => Script::Armenian,
        _ => Script::Other,
    }
}

fn script_name(s: Script) -> &'static str {
    match s {
        Script::Latin => "Latin",
        Script::Cyrillic => "Cyrillic",
        Script::Greek => "Greek",
        Script::Armenian => "Armenian",
        Script::Other => "other",
    }
}

/// The Latin letter a character is a look-alike of (UTS #39 confusables, restricted to
/// letters that look like a Latin letter in common fonts), if any.
fn latin_prototype(c: char) -> Option<char> {
    let table = confusables();
    let i = table.binary_search_by_key(&c, |&(from, _)| from).ok()?;
    Some(table[i].1)
}

/// A word that mixes scripts.
struct MixedWord {
    original: String,
    skeleton: String,
    scripts: String,
}

/// The skeleton reading (look-alikes replaced by their Latin letters) where a word mixes
/// scripts or is made only of look-alikes of Latin letters, and the words that mix.
fn skeleton(text: &str) -> (Option<String>, Vec<MixedWord>) {
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut mixed = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.is_ascii() {
            continue;
        }
        let mut scripts: Vec<Script> = word.chars().filter(|c| c.is_alphabetic()).map(script_of).collect();
        scripts.sort();
        scripts.dedup();
        let all_lookalike = word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| script_of(c) == Script::Latin || latin_prototype(c).is_some());
        let mixes = scripts.len() >= 2 && scripts.contains(&Script::Latin);
        if !(mixes || all_lookalike) {
            continue;
        }
        let mut shown = String::with_capacity(word.len());
        for c in word.chars() {
            shown.push(latin_prototype(c).unwrap_or(c));
        }
        changed |= shown != word;
        // A word mixing scripts is a signal even where no look-alike reading exists
        // (a Cyrillic в in a Latin word).
        if mixes {
            let mut names = String::new();
            for (i, s) in scripts.iter().enumerate() {
                let _ = write!(names, "{}{}", if i > 0 { " and " } else { "" }, script_name(*s));
            }
            mixed.push(MixedWord { original: word.to_string(), skeleton: shown, scripts: names });
        }
    }
    if !changed {
        return (None, mixed);
    }
    for c in text.chars() {
        out.push(latin_prototype(c).unwrap_or(c));
    }
    (Some(out), mixed)
}

/// Letters of other scripts that look like a Latin letter (`data/confusables.tsv`: code
/// point, Latin letter, name), sorted by code point.
const CONFUSABLES: &str = include_str!("../data/confusables.tsv");

/// [`CONFUSABLES`], read once.
fn confusables() -> &'static [(char, char)] {
    static TABLE: OnceLock<Vec<(char, char)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let rows = CONFUSABLES.lines().filter(|l| !l.is_empty() && !l.starts_with('#'));
        rows.map(|row| {
            let mut cols = row.split('\t');
            let from = cols.next().and_then(|c| u32::from_str_radix(c, 16).ok()).and_then(char::from_u32);
            let to = cols.next().and_then(|c| c.chars().next());
            from.zip(to).unwrap_or_else(|| panic!("confusables.tsv: {row:?}"))
        })
        .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize;

    #[test]
    fn the_table_is_sorted_for_binary_search() {
        let table = confusables();
        assert!(table.len() > 50 && table.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn look_alikes_are_read_in_every_joined_reading() {
        // Regressions found by the fuzzer: (name, signals, a reading it must have).
        let cases = [
            // A Cyrillic В in a spelled-out word with a stray mark; only the whole reading
            // (not the one parted at the wide gap) holds `BANCO`.
            ("\u{412}.\u{200B}.A.N.C.O. N.A.C.I.O.N.A.L. D.E. CUBA", Some(1), "banco nacional de cuba"),
            // A soft hyphen alone between letters written apart.
            ("D E V E L \u{AD} O P M E N T \u{3000} T R A D I N G", None, "development trading"),
            // Soft hyphens spelled out with the letters.
            ("K.W.A.N.G.\u{AD}.S.O.N._.B.A.N.K", None, "kwangson bank"),
            // The same between two words.
            ("N.A.T.U.R.A.L.\u{200B}.S.C.I.E.N.C.E.S.", None, "natural sciences"),
        ];
        for (name, signals, reading) in cases {
            let r = readings(name);
            let got: Vec<String> = r.alternatives.iter().map(|a| normalize(a)).collect();
            assert!(got.iter().any(|g| g == reading), "{name:?}: {got:?}");
            if let Some(n) = signals {
                assert_eq!(r.signals.len(), n, "{name:?}: {:?}", r.signals);
            }
        }
    }

    #[test]
    fn text_readings_join_two_letters_written_apart() {
        // (text, its readings normalised)
        let cases: &[(&str, &[&str])] = &[
            // Regression (property test): `OF` spelled apart in an address line.
            ("SECOND ACADEMY O F NATURAL SCIENCES", &["second academy of natural sciences"]),
            ("J P MORGAN", &["jp morgan"]),
            ("J SMITH", &[]),
            // Regression (fuzzer): marks alone between the two letters.
            ("BANCO NACIONAL D . E . CUBA", &["banco nacional de cuba"]),
        ];
        for (text, expected) in cases {
            let got: Vec<String> = text_readings(text).alternatives.iter().map(|a| normalize(a)).collect();
            assert_eq!(got, *expected, "{text:?}");
            assert_eq!(has_letters_apart(text), !expected.is_empty(), "{text:?}");
            if !expected.is_empty() {
                assert!(readings(text).alternatives.is_empty(), "{text:?}: two letters are initials in a name");
            }
        }
    }

    #[test]
    fn readings_undo_each_disguise() {
        // (name, its readings normalised, signals)
        let cases: &[(&str, &[&str], &[SignalKind])] = &[
            ("CHOE Chol Min", &[], &[]),
            ("\u{421}H\u{41e}\u{415} Chol Min", &["choe chol min"], &[SignalKind::MixedScript]),
            // Every letter Cyrillic, every one a look-alike: read as Latin too, no signal.
            ("\u{421}\u{41d}\u{41e}\u{415}", &["choe"], &[]),
            ("C.H.O.I. C.H.O.L. M.I.N.", &["choi chol min"], &[]),
            // Letters written apart: three or more, or two with dots, are one word.
            ("C H O E CHOL MIN HOLDINGS", &["choe chol min holdings"], &[]),
            ("C. H. O. E. CHOL", &["choe chol"], &[]),
            ("K. I. M", &["kim"], &[]),
            ("J P MORGAN", &[], &[]),
            ("J. P. MORGAN", &[], &[]),
            // Regression (property test): full-width letters written apart, wider gaps
            // between the words.
            (
                "\u{FF23} \u{FF28} \u{FF2F} \u{FF25} \u{3000} \u{FF23} \u{FF28} \u{FF2F} \u{FF2C}",
                &["choechol", "choe chol"],
                &[],
            ),
            ("C H O E  C H O L", &["choechol", "choe chol"], &[]),
            // Regression (property test): a zero-width space between letters written apart.
            ("CHOE C \u{200B} H O L MIN", &["choe chol min", "choe c hol min"], &[]),
            ("A . E . R . O AIRLINES", &["aero airlines"], &[]),
            ("A - B SMITH", &[], &[]),
            ("ACCOUNT 7 A E R O AIRLINES", &["account 7 aero airlines"], &[]),
            ("C.H.O.E..CHOL.MIN", &["choe chol min"], &[]),
            // Regression (fuzzer): another mark between letters parts words.
            ("C/O/C.H.O.E./CHOL/MIN", &["cochoe chol min", "c o choe chol min"], &[]),
            ("C H O E . C H O L", &["choechol", "choe chol"], &[]),
            // Regression (fuzzer): full-width letters, each dotted, written apart.
            (
                "\u{FF23} . \u{FF28} . \u{FF2F} . \u{FF25} . \u{3000} . \u{FF2D} . \u{FF29} . \u{FF2E} .",
                &["choemin", "choe min"],
                &[],
            ),
            ("CHOE-CHOL", &[], &[]),
            ("C.H.O.E...C.H.O.L...M.I.N.", &["choecholmin", "choe chol min"], &[]),
            ("C.H.O.E.,.C.H.O.L.,.M.I.N.", &["choecholmin", "choe chol min"], &[]),
            ("C,H,O,E M+I+N", &["choe min"], &[]),
            ("C...H...O...E... C.H.O.L.", &["choe chol"], &[]),
            // Regression (property test): a zero-width space between a letter and its dot.
            ("C.\u{200B}.H.O.E. CHOL", &["choe chol", "c hoe chol"], &[]),
            ("M-I-N CHOL", &["min chol"], &[]),
            ("O. G. STEPANOVA", &[], &[]),
            ("S.A. HOLDINGS", &["sa holdings"], &[]),
            ("\u{202E}NIM LOHC IOHC", &["choi chol min"], &[SignalKind::BidiControl]),
            ("CHOI \u{202E}NIM LOHC\u{202C}", &["choi chol min"], &[SignalKind::BidiControl]),
            ("CHOE\u{2066} CHOL MIN", &[], &[SignalKind::BidiControl]),
            // Regression (property test): a lower-case Cyrillic в has no Latin look-alike,
            // but the word still mixes scripts.
            ("aerocari\u{432}bean airlines", &[], &[SignalKind::MixedScript]),
            // A genuine Russian name: not a look-alike reading, no signal.
            ("Иван Петров", &[], &[]),
        ];
        for (name, expected, signals) in cases {
            let r = readings(name);
            let got: Vec<String> = r.alternatives.iter().map(|a| normalize(a)).collect();
            assert_eq!(got, *expected, "{name:?}");
            let kinds: Vec<SignalKind> = r.signals.iter().map(|s| s.kind).collect();
            assert_eq!(kinds, *signals, "{name:?}: {:?}", r.signals);
        }
    }

    #[test]
    fn signals_explain_themselves() {
        let r = readings("\u{421}H\u{41e}\u{415} Chol Min");
        assert_eq!(
            r.signals[0].explanation,
            "the word \"\u{421}H\u{41e}\u{415}\" mixes scripts (Latin and Cyrillic): look-alike letters read as \"CHOE\""
        );
        let r = readings("\u{202E}NIM");
        assert!(r.signals[0].explanation.contains("U+202E RIGHT-TO-LEFT OVERRIDE"), "{:?}", r.signals);
    }
}
