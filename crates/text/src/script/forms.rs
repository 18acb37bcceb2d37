//! The Latin forms a word written in another script may take, and how close a Latin word
//! comes to one of them.
//!
//! A word is a row of [`Unit`]s. A unit is what one letter (or a run of letters, or a
//! whole word from a table) of the source script may be written as in Latin, each
//! spelling with a cost: `ج` may be `j`, `dj`, `g` or `zh`; Korean `ㅓ` may be `o` or
//! `eo`; the Arabic word `محمد` as a whole may be `muhammad` or `mohammed`. For scripts
//! that leave short vowels unwritten (Arabic, Hebrew, Thai), the forms are *vowel free*:
//! a Latin vowel may stand between two letters with nothing written for it.
//!
//! [`LatinForms::cost`] aligns a Latin word with the units by dynamic programming and
//! returns the cheapest way to read it as a spelling of the word, or `None`.
//! [`LatinForms::phonetic_keys`] gives the [`crate::phonetic_key`]s of the cheapest
//! spellings, to find listed words worth aligning through the index's phonetic table.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::OnceLock;

use crate::phonetic_key;

thread_local! {
    /// The alignment table, reused: a query aligns many listed words.
    static COST_TABLE: RefCell<Vec<f32>> = const { RefCell::new(Vec::new()) };
}

/// One spelling of a unit, with what it costs (0 for the usual spelling).
#[derive(Debug, Clone, PartialEq)]
pub struct Alt {
    pub text: String,
    pub cost: f32,
}

/// What one letter, run of letters or table word may be written as. Cheap to clone:
/// the tables build their units once.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    alts: Arc<[Alt]>,
    /// A letter of a script whose short vowels go unwritten: a Latin vowel may stand
    /// between it and a neighbouring letter unit.
    pub vowel_free: bool,
    /// The first letters of the spellings (a bit per byte value modulo 64), and whether
    /// one spelling is nothing: the alignment skips a unit that cannot start here.
    firsts: u64,
    empty: bool,
    /// The spellings as a phonetic key sees them, the cheapest of each: (what the key
    /// sees, the spelling's index in `alts`).
    sigs: Arc<[(Folded, usize)]>,
}

impl Unit {
    pub fn new(alts: Vec<Alt>, vowel_free: bool) -> Unit {
        let firsts = alts.iter().filter_map(|a| a.text.bytes().next()).fold(0u64, |m, b| m | 1 << (b % 64));
        let empty = alts.iter().any(|a| a.text.is_empty());
        let mut sigs: Vec<(Folded, usize)> = Vec::new();
        for (i, alt) in alts.iter().enumerate() {
            // Spellings that differ only in their vowels (`ou`, `u`, `o`) are one
            // spelling to a phonetic key.
            let mut sig = Folded::default();
            if !sig.push(alt.text.as_bytes()) {
                continue;
            }
            match sigs.iter_mut().find(|(s, _)| s.text() == sig.text() && s.pending == sig.pending) {
                Some((_, at)) if alt.cost < alts[*at].cost => *at = i,
                Some(_) => {}
                None => sigs.push((sig, i)),
            }
        }
        Unit { alts: alts.into(), vowel_free, firsts, empty, sigs: sigs.into() }
    }

    /// A unit of whole spellings (a table word, an article), no vowel freedom.
    pub fn whole<S: AsRef<str>>(spellings: &[(S, f32)]) -> Unit {
        Unit::new(spellings.iter().map(|(s, c)| Alt { text: s.as_ref().to_string(), cost: *c }).collect(), false)
    }

    /// The spellings.
    pub fn alts(&self) -> &[Alt] {
        &self.alts
    }
}

/// The forms one word (or two words written as one) may take in Latin letters.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LatinForms {
    pub units: Vec<Unit>,
}

/// Costs above this are no reading at all.
pub const MAX_COST: f32 = 0.2;

/// Latin words longer than this are not aligned.
const MAX_LATIN_LEN: usize = 48;
/// Cost of a vowel between two letters of a vowel-free script (the unwritten short vowel).
const FREE_VOWEL: f32 = 0.0;
/// Cost of `ou` for one unwritten short vowel (French spellings: `Houcine`).
const FREE_OU: f32 = 0.08;
/// Cost of a word-final `e` after a vowel-free letter (French: `Abdarrahmane`).
const FINAL_E: f32 = 0.03;
/// Cost of another word-final vowel: a case ending on a long word (`muslimina`)...
const FINAL_VOWEL: f32 = 0.15;
/// ... or on a short one, where it makes another name (`Obeid`, `Obeida`): no reading.
const FINAL_VOWEL_SHORT: f32 = 0.25;
/// A word of fewer letters than this is short.
const LONG_WORD_UNITS: usize = 6;
/// Cost of a consonant written twice (an unwritten doubling mark, `Haqqani`).
const DOUBLED: f32 = 0.0;

fn vowel_mask() -> u32 {
    [b'a', b'e', b'i', b'o', b'u'].iter().fold(0, |m, b| m | 1 << (b - b'a'))
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

impl LatinForms {
    pub fn new(units: Vec<Unit>) -> LatinForms {
        LatinForms { units }
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// These forms followed by `other`'s (two words written as one).
    pub fn joined(&self, other: &LatinForms) -> LatinForms {
        let mut units = self.units.clone();
        units.extend(other.units.iter().cloned());
        LatinForms { units }
    }

    /// The fewest and most letters of a Latin word these forms can read
    /// ([`LatinForms::cost`] answers `None` outside).
    pub fn length_bounds(&self) -> (usize, usize) {
        let mut lo = 0;
        let mut hi = 0;
        for u in &self.units {
            lo += u.alts.iter().map(|a| a.text.len()).min().unwrap_or(0);
            hi += u.alts.iter().map(|a| a.text.len()).max().unwrap_or(0);
        }
        // Free vowels and doubled letters add at most two letters per unit.
        (lo, hi + 2 * self.units.len())
    }

    /// Whether a Latin word these forms read may begin with `letter` (a cheap test
    /// before [`LatinForms::cost`]).
    pub fn may_begin_with(&self, letter: u8) -> bool {
        for u in &self.units {
            if u.firsts & (1 << (letter % 64)) != 0 {
                return true;
            }
            if !u.empty {
                return false;
            }
        }
        false
    }

    /// The letters a Latin word these forms read can hold: one bit per letter a–z.
    pub fn letter_mask(&self) -> u32 {
        let mut mask = 0u32;
        for u in &self.units {
            if u.vowel_free {
                mask |= vowel_mask();
            }
            for a in u.alts.iter() {
                for b in a.text.bytes() {
                    if b.is_ascii_lowercase() {
                        mask |= 1 << (b - b'a');
                    } else {
                        mask |= 1 << 27;
                    }
                }
            }
        }
        mask
    }

    /// The cheapest reading of `latin` (a normalised lower-case ASCII word) as a spelling
    /// of these forms, or `None` when there is none within [`MAX_COST`].
    pub fn cost(&self, latin: &str) -> Option<f32> {
        let l = latin.as_bytes();
        let n = self.units.len();
        let m = l.len();
        if n == 0 || m == 0 || m > MAX_LATIN_LEN || !latin.is_ascii() {
            return None;
        }
        let (lo, hi) = self.length_bounds();
        if m < lo || m > hi {
            return None;
        }
        // cost[(i * (m + 1) + j) * 2 + k]: units[..i] read as latin[..j], k = 1 when the
        // letter before j was a free vowel.
        let width = (m + 1) * 2;
        COST_TABLE.with(|table| {
            let mut cost = table.borrow_mut();
            cost.clear();
            cost.resize((n + 1) * width, f32::INFINITY);
            cost[0] = 0.0;
            self.align(l, &mut cost[..])
        })
    }

    /// The alignment itself, in a table the caller provides (see [`LatinForms::cost`]).
    fn align(&self, l: &[u8], cost: &mut [f32]) -> Option<f32> {
        let n = self.units.len();
        let m = l.len();
        let width = (m + 1) * 2;
        // The letters reached so far: a row's states lie between these.
        let (mut reach_lo, mut reach_hi) = (0usize, 0usize);
        for i in 0..=n {
            let (row_lo, row_hi) = (reach_lo, reach_hi.min(m));
            if row_lo > row_hi {
                return None;
            }
            reach_lo = usize::MAX;
            reach_hi = 0;
            // Vowels may be free at this boundary (between two vowel-free letters), or at
            // the end after one.
            let free_here = i > 0 && i < n && self.units[i - 1].vowel_free && self.units[i].vowel_free;
            let free_end = i == n && self.units[n - 1].vowel_free;
            let mut j = row_lo;
            let mut row_end = row_hi;
            while j <= row_end.min(m) {
                for k in 0..2 {
                    let c = cost[i * width + j * 2 + k];
                    if !c.is_finite() || c > MAX_COST {
                        continue;
                    }
                    // Free vowels and doubled letters stay in this row, further on.
                    row_end = row_end.max(j + 1);
                    if j < m {
                        let b = l[j];
                        // An unwritten doubling: the letter just read, again.
                        if j > 0 && i > 0 && b == l[j - 1] && !is_vowel(b) && k == 0 {
                            relax(cost, i * width + (j + 1) * 2, c + DOUBLED);
                        }
                        // Not before anything is written: a free vowel opens no word.
                        if is_vowel(b) && (free_here || free_end) && j > 0 {
                            let step = if free_end {
                                if k == 1 || j + 1 != m {
                                    f32::INFINITY
                                } else if b == b'e' {
                                    FINAL_E
                                } else if n >= LONG_WORD_UNITS {
                                    FINAL_VOWEL
                                } else {
                                    FINAL_VOWEL_SHORT
                                }
                            } else if k == 0 {
                                FREE_VOWEL
                            } else if b == b'u' && l[j - 1] == b'o' {
                                FREE_OU
                            } else {
                                f32::INFINITY
                            };
                            if step.is_finite() {
                                relax(cost, i * width + (j + 1) * 2 + 1, c + step);
                            }
                        }
                    }
                    if i < n {
                        let unit = &self.units[i];
                        let may_start = j < m && unit.firsts & (1 << (l[j] % 64)) != 0;
                        if !may_start && !unit.empty {
                            continue;
                        }
                        for alt in unit.alts.iter() {
                            let t = alt.text.as_bytes();
                            // By hand: `starts_with` calls `memcmp` for these few bytes.
                            if t.len() <= m - j && t.iter().zip(&l[j..]).all(|(a, b)| a == b) {
                                relax(cost, (i + 1) * width + (j + t.len()) * 2, c + alt.cost);
                                reach_lo = reach_lo.min(j + t.len());
                                reach_hi = reach_hi.max(j + t.len());
                            }
                        }
                    }
                }
                j += 1;
            }
        }
        let best = cost[n * width + m * 2].min(cost[n * width + m * 2 + 1]);
        (best <= MAX_COST + 1e-6).then_some(best)
    }

    /// The phonetic keys of the cheapest spellings, at most `limit` of them, cheapest
    /// first. Every Latin vowel plays the same part in a phonetic key, so spellings are
    /// enumerated with their vowels folded to `a`, and a free vowel is tried between two
    /// letters only where it changes the key (`s` `h` is `sh` without one).
    pub fn phonetic_keys(&self, limit: usize) -> Vec<String> {
        const BEAM: usize = 16;
        let mut beam: Vec<Folded> = vec![Folded::default()];
        let mut next: Vec<Folded> = Vec::new();
        let mut seen: Vec<(u64, usize)> = Vec::new();
        for (i, unit) in self.units.iter().enumerate() {
            let free_before = i > 0 && self.units[i - 1].vowel_free && unit.vowel_free;
            next.clear();
            for partial in &beam {
                for &(_, at) in unit.sigs.iter() {
                    let (text, c) = (unit.alts[at].text.as_str(), unit.alts[at].cost);
                    let mut joined = *partial;
                    if joined.push(text.as_bytes()) {
                        joined.cost += c;
                        next.push(joined);
                    }
                    // An unwritten vowel before this letter (a spelling that opens with a
                    // vowel has one already).
                    let mut with_vowel = *partial;
                    let opens_with_vowel = text.bytes().next().is_some_and(|b| is_vowel(b) || b == b'y');
                    if free_before && !opens_with_vowel && with_vowel.push(b"a") && with_vowel.push(text.as_bytes()) {
                        with_vowel.cost += c;
                        next.push(with_vowel);
                    }
                }
            }
            // The cheapest of each spelling (told apart by a hash of what the key will
            // see: a collision only loses a spelling), then the cheapest spellings.
            // (An open-addressing table of the hashes seen, sized for the candidates.)
            let slots = (next.len() * 2).next_power_of_two().max(16);
            seen.clear();
            seen.resize(slots, (0, usize::MAX));
            let mut kept = 0;
            for k in 0..next.len() {
                let h = next[k].hash();
                let mut slot = (h as usize) & (slots - 1);
                loop {
                    let (sh, at) = seen[slot];
                    if at == usize::MAX {
                        seen[slot] = (h, kept);
                        next[kept] = next[k];
                        kept += 1;
                        break;
                    }
                    if sh == h {
                        if next[k].cost < next[at].cost {
                            next[at] = next[k];
                        }
                        break;
                    }
                    slot = (slot + 1) & (slots - 1);
                }
            }
            next.truncate(kept);
            if next.len() > BEAM {
                next.select_nth_unstable_by(BEAM, |a, b| a.cost.total_cmp(&b.cost));
                next.truncate(BEAM);
            }
            next.sort_unstable_by(|a, b| a.cost.total_cmp(&b.cost).then(a.hash().cmp(&b.hash())));
            std::mem::swap(&mut beam, &mut next);
        }
        let mut keys: Vec<String> = Vec::new();
        for spelling in beam {
            if spelling.cost > MAX_COST {
                continue;
            }
            let key = phonetic_key(std::str::from_utf8(spelling.text()).unwrap_or(""));
            if !key.is_empty() && !keys.contains(&key) {
                keys.push(key);
                if keys.len() >= limit {
                    break;
                }
            }
        }
        keys
    }

    /// Whole spellings, cheapest first, at most `limit`: every combination of the units'
    /// spellings without free vowels. For forms made of table words and syllables
    /// (Korean, Chinese), where every spelling is written out.
    pub fn spellings(&self, limit: usize) -> Vec<(String, f32)> {
        let mut beam: Vec<(String, f32)> = vec![(String::new(), 0.0)];
        for unit in &self.units {
            let mut next = Vec::with_capacity(beam.len() * unit.alts.len());
            for (partial, pc) in &beam {
                for alt in unit.alts.iter() {
                    let mut s = partial.clone();
                    s.push_str(&alt.text);
                    push_min(&mut next, s, pc + alt.cost);
                }
            }
            next.sort_by(|a, b| a.1.total_cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
            next.truncate(limit.max(1) * 4);
            beam = next;
        }
        beam.retain(|(s, c)| !s.is_empty() && *c <= MAX_COST);
        beam.truncate(limit);
        beam
    }
}

fn relax(cost: &mut [f32], at: usize, value: f32) {
    if value < cost[at] {
        cost[at] = value;
    }
}

fn push_min(list: &mut Vec<(String, f32)>, s: String, c: f32) {
    match list.iter_mut().find(|(t, _)| *t == s) {
        Some((_, old)) => *old = old.min(c),
        None => list.push((s, c)),
    }
}

/// A spelling reduced to what its phonetic key sees: consonants as written, and a vowel
/// (as `a`) only where a key keeps it, at the start of the word or between two letters
/// that would otherwise merge (`s` `h` is `sh`; two letters of one class are one).
/// Held inline, so that the key search allocates nothing per step.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Folded {
    bytes: [u8; FOLDED_LEN],
    len: u8,
    /// A vowel came after the last letter kept, not yet written.
    pending: bool,
    cost: f32,
    /// FNV-1a of the letters kept.
    hash: u64,
}

const FOLDED_LEN: usize = 40;

impl Default for Folded {
    fn default() -> Self {
        Folded { bytes: [0; FOLDED_LEN], len: 0, pending: false, cost: 0.0, hash: 0xcbf2_9ce4_8422_2325 }
    }
}

impl Folded {
    fn text(&self) -> &[u8] {
        &self.bytes[..self.len as usize]
    }

    /// FNV-1a of what the key will see.
    fn hash(&self) -> u64 {
        self.hash ^ u64::from(self.pending)
    }

    fn keep(&mut self, c: u8) -> bool {
        if self.len as usize >= FOLDED_LEN {
            return false;
        }
        self.bytes[self.len as usize] = c;
        self.len += 1;
        self.hash = (self.hash ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3);
        true
    }

    /// Appends letters; false when they would not fit.
    fn push(&mut self, letters: &[u8]) -> bool {
        for &b in letters {
            let vowel = is_vowel(b) || b == b'y';
            if vowel && self.len > 0 {
                self.pending = true;
                continue;
            }
            let c = if vowel { b'a' } else { b };
            if self.pending {
                let last = self.bytes[self.len as usize - 1];
                if needs_vowel_choice(last, c) && !self.keep(b'a') {
                    return false;
                }
                self.pending = false;
            }
            if !self.keep(c) {
                return false;
            }
        }
        true
    }
}

/// Whether an unwritten vowel between the letter `last` and the spelling `after`
/// changes the phonetic key: two letters of one class collapse without it, and `s` `h`
/// make `sh`.
fn needs_vowel_choice(last: u8, next: u8) -> bool {
    static TABLE: OnceLock<[[bool; 26]; 26]> = OnceLock::new();
    if !last.is_ascii_lowercase() || !next.is_ascii_lowercase() || last == b'a' || next == b'a' {
        return false;
    }
    let table = TABLE.get_or_init(|| {
        let mut t = [[false; 26]; 26];
        for (l, row) in t.iter_mut().enumerate() {
            for (n, cell) in row.iter_mut().enumerate() {
                let (l, n) = ((b'a' + l as u8) as char, (b'a' + n as u8) as char);
                *cell = phonetic_key(&format!("a{l}{n}")) != phonetic_key(&format!("a{l}a{n}"));
            }
        }
        t
    });
    table[(last - b'a') as usize][(next - b'a') as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letters(spec: &[&[&str]]) -> LatinForms {
        LatinForms::new(
            spec.iter()
                .map(|alts| Unit::new(alts.iter().map(|a| Alt { text: a.to_string(), cost: 0.0 }).collect(), true))
                .collect(),
        )
    }

    #[test]
    fn vowels_go_free_between_letters() {
        // m h m d
        let f = letters(&[&["m"], &["h", ""], &["m"], &["d"]]);
        for word in ["muhammad", "mohamed", "mhmd", "mahmud"] {
            assert!(f.cost(word).is_some(), "{word}");
        }
        for word in ["ahmad", "hamid", "muhammadou", "muhammadia"] {
            assert!(f.cost(word).is_none(), "{word}");
        }
        // A final vowel other than a mute `e` makes another name of a short word, and is
        // a case ending, dear, on a long one.
        assert!(f.cost("muhammadi").is_none());
        let long = letters(&[&["m"], &["s"], &["l"], &["m"], &["i", "y"], &["n"]]);
        assert!(long.cost("muslimina").unwrap() >= FINAL_VOWEL);
    }

    #[test]
    fn doubled_letters_and_final_e() {
        let f = letters(&[&["h"], &["q", "k"], &["a", "aa"], &["n"], &["i", "y"]]);
        assert!(f.cost("haqqani").is_some());
        let g = letters(&[&["d"], &["r"], &["ou", "u", "o"], &["k"], &["d"], &["a", "e"], &["l"]]);
        assert!(g.cost("droukdel").is_some());
        assert!(g.cost("droukdele").is_some());
        assert!(g.cost("droukdela").unwrap() > g.cost("droukdele").unwrap());
    }

    #[test]
    fn keys_find_the_latin_spellings() {
        let f = letters(&[&["m"], &["h", ""], &["m"], &["d"]]);
        let keys = f.phonetic_keys(16);
        for word in ["muhammad", "mohamed", "mahmud"] {
            assert!(keys.contains(&phonetic_key(word)), "{word}: {keys:?}");
        }
        // ishaq: the s and h of a spelling without a vowel between make `sh`.
        let g = letters(&[&["i", "a"], &["s"], &["h"], &["a"], &["q", "k"]]);
        let keys = g.phonetic_keys(16);
        for word in ["ishaq", "isahaq", "ishak"] {
            assert!(keys.contains(&phonetic_key(word)), "{word}: {keys:?}");
        }
    }

    #[test]
    fn spellings_enumerate_cheapest_first() {
        let f = LatinForms::new(vec![Unit::whole(&[("k", 0.0), ("g", 0.05)]), Unit::whole(&[("im", 0.0)])]);
        assert_eq!(f.spellings(4), vec![("kim".to_string(), 0.0), ("gim".to_string(), 0.05)]);
    }

    #[test]
    fn empty_and_odd_input_is_no_reading() {
        let f = LatinForms::default();
        assert!(f.cost("abc").is_none());
        assert!(f.phonetic_keys(4).is_empty());
        let g = letters(&[&["a"]]);
        assert!(g.cost("").is_none());
        assert!(g.cost("ä").is_none());
        assert!(g.cost(&"a".repeat(1000)).is_none());
    }
}
