//! Arabic-script names (Arabic, Persian, Urdu, Pashto) read as their Latin forms.
//!
//! Tables: `data/script/arabic_letters.tsv` (each letter's Latin spellings) and
//! `data/script/arabic_words.tsv` (common names, particles, organisation words).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::forms::{Alt, LatinForms, Unit};
use super::table::{data_lines, parse_alt, LetterTable};
use super::{Reading, Script, ScriptJoin, ScriptWord, WordRole};

const LETTERS: &str = include_str!("../../data/script/arabic_letters.tsv");
const WORDS: &str = include_str!("../../data/script/arabic_words.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// The spellings are the word's only forms.
    Name,
    /// As `Name`, and often written together with the next word.
    Head,
    /// Translations, besides the letters.
    Gloss,
}

struct Entry {
    kind: Kind,
    spellings: Vec<(String, f32)>,
    /// The spellings as one unit, built once.
    unit: Unit,
}

struct Tables {
    letters: LetterTable,
    words: HashMap<String, Entry>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut words = HashMap::new();
        for line in data_lines(WORDS) {
            let mut fields = line.split('\t');
            let (Some(word), Some(kind)) = (fields.next(), fields.next()) else { continue };
            let kind = match kind.trim() {
                "name" => Kind::Name,
                "head" => Kind::Head,
                "gloss" => Kind::Gloss,
                _ => continue,
            };
            let spellings: Vec<(String, f32)> =
                fields.filter_map(parse_alt).filter(|a| !a.text.is_empty()).map(|a| (a.text, a.cost)).collect();
            let key: String = clean(word.trim()).into_iter().map(fold).collect();
            if !key.is_empty() && !spellings.is_empty() {
                let unit = Unit::whole(&spellings);
                words.insert(key, Entry { kind, spellings, unit });
            }
        }
        Tables { letters: LetterTable::parse(LETTERS, true), words }
    })
}

/// Vowel signs, the doubling mark and Quranic annotation marks: not letters.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x08D3..=0x08FF | 0x0674)
}

fn clean(word: &str) -> Vec<char> {
    word.chars().filter(|&c| !is_mark(c) && c != '\u{0640}').collect()
}

/// Letter variants that the tables do not tell apart: alef with hamza or madda, the
/// yeh forms, the kaf forms, the heh forms, the ta marbuta forms.
fn fold(c: char) -> char {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ی' | 'ې' | 'ۍ' | 'ے' => 'ي',
        'ک' => 'ك',
        'ہ' | 'ھ' | 'ە' => 'ه',
        'ۀ' | 'ۃ' => 'ة',
        _ => c,
    }
}

/// Letters that the article assimilates (`ad-Din`, `ash-Shami`, `ar-Rahman`).
fn is_sun_letter(c: char) -> bool {
    matches!(
        c,
        'ت' | 'ث'
            | 'د'
            | 'ذ'
            | 'ر'
            | 'ز'
            | 'س'
            | 'ش'
            | 'ص'
            | 'ض'
            | 'ط'
            | 'ظ'
            | 'ل'
            | 'ن'
            | 'ټ'
            | 'ډ'
            | 'ړ'
            | 'ژ'
    )
}

/// The longest word that the next word's article is written into (`Fazlur Rahman`,
/// `Saifuddin`, `Inayatullah`): longer words are not so written, and not searching
/// those joins keeps a long name cheap.
const ARTICLE_HOST_LETTERS: usize = 5;

/// A word as read, before joins: its reading and what it is.
struct Read {
    text: String,
    role: WordRole,
    reading: Reading,
    /// Written together with the next word in Latin (`Abu Bakr` → `Abubakar`).
    head: bool,
    /// The article is `لل` ("for the"), not `ال`.
    li: bool,
}

/// Reads a run of Arabic-script words: the words (an article becomes a word of its
/// own) and the words that may be written together.
pub(super) fn read_run(words: &[String]) -> (Vec<ScriptWord>, Vec<ScriptJoin>) {
    let t = tables();
    let mut read: Vec<Read> = Vec::new();
    for word in words {
        let letters = clean(word);
        for piece in split_compound(&letters) {
            read_piece(t, piece, &mut read);
        }
    }
    let mut joins = Vec::new();
    for i in 0..read.len() {
        if read[i].role == WordRole::Article {
            let Some(stem) = read.get(i + 1) else { continue };
            let first = stem.text.chars().next().map(fold).unwrap_or(' ');
            // The article written into the word after it: `Alzahrani`, `Essabar`, `Lazher`.
            // A stem read letter by letter takes it as an optional first unit instead (one
            // search, below); a table word needs the join.
            if !stem.reading.search_forms {
                let prefix = article_unit(t, first, ArticleAt::Start, read[i].li);
                joins.push(join(i, i + 1, LatinForms::new(std::iter::once(prefix).chain(stem_units(stem)).collect())));
            }
            // Only a short word takes the article into it (`Fazl`, `Abd`, `Saif`, `Bilad`).
            let short_before = i > 0 && read[i - 1].text.chars().count() <= ARTICLE_HOST_LETTERS;
            if short_before && read[i - 1].role == WordRole::Name && !read[i - 1].reading.forms.is_empty() {
                let before = &read[i - 1].reading.forms;
                // Into the word before it: `Ansarul`, `Biladis`, `Fazlur`, `Abdur`.
                let suffix = article_unit(t, first, ArticleAt::End, read[i].li);
                joins.push(join(i - 1, i, LatinForms::new(before.units.iter().cloned().chain([suffix]).collect())));
                // Both: `Abdelmalek`, `Saifuddin`, `Abdurrahman`.
                let infix = article_unit(t, first, ArticleAt::Between, read[i].li);
                let units = before.units.iter().cloned().chain([infix]).chain(stem_units(stem)).collect();
                joins.push(join(i - 1, i + 1, LatinForms::new(units)));
            }
        } else if i + 1 < read.len() && read[i + 1].role == WordRole::Name && read[i].role == WordRole::Name {
            // `Abu Bakr` → `Abubakar`; `Khayr Allah` → `Khayrallah`; a word of one or two
            // letters with the next (`Ma Yshu` → `Maychou`).
            let next_is_allah = read[i + 1].text.chars().map(fold).eq("الله".chars());
            let short = read[i].text.chars().count() <= 2;
            let both_read = !read[i].reading.forms.is_empty() && !read[i + 1].reading.forms.is_empty();
            if both_read && (read[i].head || next_is_allah || short) {
                joins.push(join(i, i + 1, read[i].reading.forms.joined(&read[i + 1].reading.forms)));
            }
        }
    }
    for i in 0..read.len().saturating_sub(1) {
        if read[i].role == WordRole::Article && read[i + 1].reading.search_forms {
            let first = read[i + 1].text.chars().next().map(fold).unwrap_or(' ');
            let mut prefix = article_unit(t, first, ArticleAt::Start, read[i].li);
            prefix = Unit::new(
                std::iter::once(Alt { text: String::new(), cost: 0.0 }).chain(prefix.alts().iter().cloned()).collect(),
                false,
            );
            let stem = &mut read[i + 1].reading.forms;
            stem.units.insert(0, prefix);
        }
    }
    let words = read
        .into_iter()
        .map(|r| ScriptWord { text: r.text, script: Script::Arabic, role: r.role, reading: r.reading })
        .collect();
    (words, joins)
}

fn join(first: usize, last: usize, forms: LatinForms) -> ScriptJoin {
    ScriptJoin { first, last, reading: Reading { spellings: Vec::new(), forms, search_forms: true } }
}

fn stem_units(stem: &Read) -> impl Iterator<Item = Unit> + '_ {
    stem.reading.forms.units.iter().cloned()
}

/// `عبدالكريم` and `ابواليزيد` are two words written as one.
fn split_compound(letters: &[char]) -> Vec<&[char]> {
    let folded: String = letters.iter().copied().map(fold).collect();
    for head in ["عبد", "ابو"] {
        if let Some(rest) = folded.strip_prefix(head) {
            if rest.starts_with("ال") && rest.chars().count() >= 3 {
                let n = head.chars().count();
                return vec![&letters[..n], &letters[n..]];
            }
        }
    }
    vec![letters]
}

fn read_piece(t: &Tables, letters: &[char], out: &mut Vec<Read>) {
    if letters.is_empty() {
        return;
    }
    let text: String = letters.iter().collect();
    let folded: String = letters.iter().copied().map(fold).collect();
    if let Some(entry) = t.words.get(&folded) {
        out.push(from_table(t, text, letters, entry));
        return;
    }
    let n = letters.len();
    // `والشام`: "and" before an article (not `والي`, Wali: the word after it is long).
    if folded.starts_with("وال") && n >= 6 {
        out.push(Read {
            text: letters[..1].iter().collect(),
            role: WordRole::Name,
            reading: Reading {
                spellings: vec![("and".into(), 0.0), ("wa".into(), 0.0), ("wal".into(), 0.05)],
                ..Reading::default()
            },
            head: false,
            li: false,
        });
        read_piece(t, &letters[1..], out);
        return;
    }
    let article = if folded.starts_with("ال") && n >= 4 {
        Some((2, false))
    } else if folded.starts_with("لل") && n >= 5 {
        Some((2, true))
    } else {
        None
    };
    if let Some((len, li)) = article {
        let stem = &letters[len..];
        let first = stem.first().copied().map(fold).unwrap_or(' ');
        let spellings = article_spellings(t, first, li);
        out.push(Read {
            text: letters[..len].iter().collect(),
            role: WordRole::Article,
            reading: Reading {
                spellings,
                forms: LatinForms::new(vec![article_unit(t, first, ArticleAt::Start, li)]),
                search_forms: false,
            },
            head: false,
            li,
        });
        let stem_text: String = stem.iter().collect();
        let stem_folded: String = stem.iter().copied().map(fold).collect();
        match t.words.get(&stem_folded) {
            Some(entry) => out.push(from_table(t, stem_text, stem, entry)),
            None => {
                if let Some(r) = from_letters(t, stem_text, stem, &[]) {
                    out.push(r);
                }
            }
        }
        return;
    }
    if let Some(r) = from_letters(t, text, letters, &[]) {
        out.push(r);
    }
}

fn from_table(t: &Tables, text: String, letters: &[char], entry: &Entry) -> Read {
    match entry.kind {
        Kind::Name | Kind::Head => Read {
            text,
            role: WordRole::Name,
            reading: Reading {
                spellings: entry.spellings.clone(),
                forms: LatinForms::new(vec![entry.unit.clone()]),
                search_forms: false,
            },
            head: entry.kind == Kind::Head,
            li: false,
        },
        Kind::Gloss => from_letters(t, text.clone(), letters, &entry.spellings).unwrap_or(Read {
            text,
            role: WordRole::Name,
            reading: Reading { spellings: entry.spellings.clone(), ..Reading::default() },
            head: false,
            li: false,
        }),
    }
}

fn from_letters(t: &Tables, text: String, letters: &[char], spellings: &[(String, f32)]) -> Option<Read> {
    let units = t.letters.units(letters)?;
    Some(Read {
        text,
        role: WordRole::Name,
        reading: Reading { spellings: spellings.to_vec(), forms: LatinForms::new(units), search_forms: true },
        head: false,
        li: false,
    })
}

#[derive(Clone, Copy, PartialEq)]
enum ArticleAt {
    /// Opening a word (`Alzahrani`, `Essabar`).
    Start,
    /// Closing the word before (`Ansarul`, `Fazlur`).
    End,
    /// Between two words written together (`Abdelmalek`, `Saifuddin`).
    Between,
}

/// The Latin spellings of the first letter of the word after an article, when the
/// article assimilates to it.
fn sun_spellings(t: &Tables, first: char) -> Vec<String> {
    if !is_sun_letter(first) {
        return Vec::new();
    }
    let key = first.to_string();
    t.letters
        .get(&key)
        .map(|alts| alts.iter().filter(|a| a.cost <= 0.05 && !a.text.is_empty()).map(|a| a.text.clone()).collect())
        .unwrap_or_default()
}

/// The article as a word of its own: `al` (the analysis writes `el` and `ul` so too),
/// and its assimilated forms (`ad`, `ash`, `ur`).
fn article_spellings(t: &Tables, first: char, li: bool) -> Vec<(String, f32)> {
    let mut out: Vec<(String, f32)> = vec![("al".into(), 0.0)];
    if li {
        out.extend([("lil".into(), 0.0), ("li".into(), 0.05), ("for".into(), 0.05), ("lel".into(), 0.05)]);
    }
    for s in sun_spellings(t, first) {
        for (vowel, cost) in [("a", 0.0), ("e", 0.0), ("u", 0.0), ("i", 0.05)] {
            out.push((format!("{vowel}{s}"), cost));
        }
    }
    out
}

/// The article written into a neighbouring word.
fn article_unit(t: &Tables, first: char, at: ArticleAt, li: bool) -> Unit {
    let mut alts: Vec<Alt> = Vec::new();
    let mut add = |text: String, cost: f32| {
        if !alts.iter().any(|a| a.text == text) {
            alts.push(Alt { text, cost });
        }
    };
    let plain: &[(&str, f32)] = match at {
        ArticleAt::Start => &[("al", 0.0), ("el", 0.0), ("ul", 0.05), ("il", 0.05), ("l", 0.05)],
        ArticleAt::End => &[("ul", 0.0), ("al", 0.0), ("el", 0.0), ("il", 0.05), ("ol", 0.05)],
        ArticleAt::Between => {
            &[("al", 0.0), ("el", 0.0), ("ul", 0.0), ("il", 0.05), ("ol", 0.05), ("l", 0.05), ("", 0.1)]
        }
    };
    for (text, cost) in plain {
        add(text.to_string(), *cost);
    }
    if li {
        add("lil".into(), 0.0);
        add("lel".into(), 0.05);
    }
    for s in sun_spellings(t, first) {
        for (vowel, cost) in [("a", 0.0), ("e", 0.0), ("u", 0.0), ("i", 0.05), ("o", 0.05)] {
            add(format!("{vowel}{s}"), cost);
        }
    }
    Unit::new(alts, false)
}

#[cfg(test)]
mod tests {
    use super::super::script_name;
    use super::*;

    /// Whether some word of the name reads as `latin`.
    fn reads(name: &str, word: usize, latin: &str) -> bool {
        let n = script_name(name).unwrap();
        let w = &n.words[word].reading;
        w.spellings.iter().any(|(s, _)| s == latin) || (w.search_forms && w.forms.cost(latin).is_some())
    }

    fn joins_read(name: &str, latin: &str) -> bool {
        let n = script_name(name).unwrap();
        n.joins.iter().any(|j| j.reading.forms.cost(latin).is_some())
    }

    #[test]
    fn listed_names_read_as_their_latin_forms() {
        // The UN list's Arabic names of people the OFAC list gives in Latin letters.
        let cases: &[(&str, usize, &str)] = &[
            ("يحيى جوادي", 1, "djouadi"),
            ("يحيى جوادي", 0, "yahia"),
            ("محمد عبدالكريم الغماري", 5, "ghamari"),
            ("محمد عبدالكريم الغماري", 0, "mohammed"),
            ("زكريا الصبار", 0, "zakarya"),
            ("عزت ابراهيم الدوري", 0, "izzat"),
            ("هدى صالح مهدي عماش", 3, "ammash"),
            ("هدى صالح مهدي عماش", 0, "huda"),
            ("رودي سليــوة", 1, "slewa"),
            ("كُل آغا اسحاقزی", 2, "ishakzai"),
            ("عبد المالك دروكدال", 3, "droukdel"),
            ("نايف شنداخ ثامر غالب", 2, "thamir"),
            ("محمد عمر ځدران", 2, "zadran"),
            ("فلسيانو سمبوريو ديلوس رييس", 3, "reyes"),
            ("ثريا", 0, "thoraya"),
            ("حسين", 0, "hussein"),
        ];
        for (name, word, latin) in cases {
            assert!(reads(name, *word, latin), "{name} [{word}] as {latin}");
        }
    }

    #[test]
    fn articles_are_words_and_are_written_into_neighbours() {
        let n = script_name("سامي بن خميس بن صالح الصيد").unwrap();
        let roles: Vec<WordRole> = n.words.iter().map(|w| w.role).collect();
        assert_eq!(roles.iter().filter(|r| **r == WordRole::Article).count(), 1);
        assert!(n.words[5].reading.spellings.iter().any(|(s, _)| s == "as"));
        // Written into the word after it: the stem's own reading takes it.
        assert!(reads("سامي الصيد", 2, "essid"));
        assert!(reads("الأزهر", 1, "lazher"));
        assert!(reads("فيصل احمد بن علي الزهراني", 5, "alzahrani"));
        for (name, latin) in [
            ("عبد المالك", "abdelmalek"),
            ("عبد الرحمن", "abdurrahman"),
            ("عبد الرحمن", "abdarrahmane"),
            ("عبد الرحمن", "abdur"),
            ("سيف الدين", "saifuddin"),
            ("ساجدة خير الله", "khayrallah"),
            ("أنصار المسلمین في بلاد السودان", "ansarul"),
            ("أنصار المسلمین في بلاد السودان", "biladis"),
            ("ابو بكر", "abubakr"),
        ] {
            assert!(joins_read(name, latin), "{name} as {latin}");
        }
    }

    #[test]
    fn common_names_keep_to_their_spellings() {
        assert!(reads("محمد", 0, "muhammad"));
        assert!(!reads("محمد", 0, "mahmud"));
        assert!(!reads("حسن", 0, "hussein"));
        assert!(!reads("حسن", 0, "hasani"));
    }

    #[test]
    fn and_before_an_article_is_a_word() {
        let n = script_name("العراق والشام").unwrap();
        let texts: Vec<&str> = n.words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["ال", "عراق", "و", "ال", "شام"]);
        assert_eq!(script_name("والي").unwrap().words.len(), 1);
        assert!(joins_read("علي ما يشو", "maychou"));
    }

    #[test]
    fn organisation_words_have_translations() {
        assert!(reads("الجماعة الاسلامية المقاتلة الليبية", 1, "group"));
        assert!(reads("الجماعة الاسلامية المقاتلة الليبية", 1, "jamaah"));
        assert!(reads("الجماعة الاسلامية المقاتلة الليبية", 3, "islamiyah"));
        assert!(reads("الجماعة الاسلامية المقاتلة الليبية", 7, "libyan"));
        assert!(reads("راحت لمتد", 1, "limited"));
    }
}
