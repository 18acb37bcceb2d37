//! Alphabets read letter by letter from a table: Cyrillic (and Korean names written in
//! it), Greek, Hebrew, Georgian, Armenian, Thai, and the Japanese kana.

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

use super::forms::{Alt, LatinForms, Unit};
use super::table::{data_lines, parse_alt, LetterTable};
use super::{Reading, Script, ScriptJoin, ScriptWord, WordRole};

const CYRILLIC: &str = include_str!("../../data/script/cyrillic_letters.tsv");
const KOREAN_CYRILLIC: &str = include_str!("../../data/script/korean_cyrillic.tsv");
const GREEK: &str = include_str!("../../data/script/greek_letters.tsv");
const GREEK_NAMES: &str = include_str!("../../data/script/greek_names.tsv");
const HEBREW: &str = include_str!("../../data/script/hebrew_letters.tsv");
const GEORGIAN: &str = include_str!("../../data/script/georgian_letters.tsv");
const ARMENIAN: &str = include_str!("../../data/script/armenian_letters.tsv");
const THAI: &str = include_str!("../../data/script/thai_letters.tsv");
const KANA: &str = include_str!("../../data/script/kana.tsv");

/// Whole spellings tried per word besides the letter forms (looked up as listed words).
const SPELLINGS: usize = 8;

struct Tables {
    cyrillic: LetterTable,
    korean_cyrillic: LetterTable,
    greek: LetterTable,
    greek_names: HashMap<String, Vec<(String, f32)>>,
    hebrew: LetterTable,
    georgian: LetterTable,
    armenian: LetterTable,
    thai: LetterTable,
    kana: LetterTable,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut greek_names = HashMap::new();
        for line in data_lines(GREEK_NAMES) {
            let mut fields = line.split('\t');
            let Some(word) = fields.next() else { continue };
            let spellings: Vec<(String, f32)> =
                fields.filter_map(parse_alt).filter(|a| !a.text.is_empty()).map(|a| (a.text, a.cost)).collect();
            greek_names.insert(greek_key(word.trim()), spellings);
        }
        Tables {
            cyrillic: LetterTable::parse(CYRILLIC, false),
            korean_cyrillic: LetterTable::parse(KOREAN_CYRILLIC, false),
            greek: LetterTable::parse(GREEK, false),
            greek_names,
            hebrew: LetterTable::parse(HEBREW, true),
            georgian: LetterTable::parse(GEORGIAN, false),
            armenian: LetterTable::parse(ARMENIAN, false),
            thai: LetterTable::parse(THAI, true),
            kana: LetterTable::parse(KANA, false),
        }
    })
}

/// Reads a run of words of one alphabet.
pub(super) fn read_run(script: Script, words: &[String]) -> (Vec<ScriptWord>, Vec<ScriptJoin>) {
    let t = tables();
    let korean = script == Script::Cyrillic && looks_korean(words);
    let mut out = Vec::new();
    for word in words {
        let letters: Vec<char> = match script {
            Script::Greek => greek_key(word).chars().collect(),
            Script::Hebrew => word.chars().filter(|c| !is_hebrew_point(*c)).collect(),
            Script::Thai => thai_order(word),
            Script::Kana => word.chars().map(katakana).collect(),
            _ => word.chars().collect(),
        };
        let units = match script {
            Script::Cyrillic if korean => t.korean_cyrillic.units(&letters),
            Script::Cyrillic => t.cyrillic.units(&letters),
            Script::Greek => t.greek.units(&letters),
            Script::Hebrew => t.hebrew.units(&letters),
            Script::Georgian => t.georgian.units(&letters),
            Script::Armenian => t.armenian.units(&letters),
            Script::Thai => t.thai.units(&letters),
            Script::Kana => kana_units(&t.kana, &letters),
            _ => None,
        };
        let Some(units) = units else { continue };
        let forms = LatinForms::new(units);
        let mut spellings = forms.spellings(SPELLINGS);
        if script == Script::Greek {
            if let Some(names) = t.greek_names.get(&letters.iter().collect::<String>()) {
                spellings.extend(names.iter().cloned());
            }
        }
        out.push(ScriptWord {
            text: word.clone(),
            script,
            role: WordRole::Name,
            reading: Reading { spellings, forms, search_forms: true },
        });
    }
    // A Korean given name in Cyrillic may be listed as one word (Чхоль Мин, Cholmin).
    let mut joins = Vec::new();
    if korean {
        for i in 1..out.len().saturating_sub(1) {
            let forms = out[i].reading.forms.joined(&out[i + 1].reading.forms);
            let spellings = forms.spellings(SPELLINGS);
            joins.push(ScriptJoin { first: i, last: i + 1, reading: Reading { spellings, forms, search_forms: true } });
        }
    }
    (out, joins)
}

/// Korean surnames as Russian writes them.
const KOREAN_SURNAMES: [&str; 30] = [
    "ким", "ли", "пак", "чхве", "чон", "чо", "кан", "юн", "со", "хан", "о", "сон", "ко", "нам", "рю", "ан", "хван",
    "хон", "ю", "мун", "ян", "пэ", "пэк", "син", "квон", "ку", "ри", "рим", "чу", "тхак",
];

/// Whether a Cyrillic name is a Korean name in the Kontsevich transcription: it spells
/// Korean aspirates (`чх`, `кх`, `тх`, `пх`) or `чж`, or it is short words after a
/// Korean surname (`Ким Чен Ын`).
fn looks_korean(words: &[String]) -> bool {
    if words.iter().any(|w| ["чх", "кх", "тх", "пх", "чж"].iter().any(|a| w.contains(a))) {
        return true;
    }
    let short = |w: &String| w.chars().count() <= 4;
    let surname = |w: &String| KOREAN_SURNAMES.contains(&w.as_str());
    words.len() >= 2
        && words.iter().all(short)
        && (surname(&words[0]) || surname(&words[words.len() - 1]))
        && !words.iter().any(|w| w.ends_with("ов") || w.ends_with("ев") || w.ends_with("ин") && w.chars().count() > 3)
}

/// A Greek word without accents, ending in final sigma if it ends in sigma.
fn greek_key(word: &str) -> String {
    let mut out: String = word.nfd().filter(|c| !('\u{0300}'..='\u{036F}').contains(c)).collect();
    if out.ends_with('σ') {
        out.pop();
        out.push('ς');
    }
    out
}

fn is_hebrew_point(c: char) -> bool {
    matches!(c as u32, 0x0591..=0x05BD | 0x05BF | 0x05C1 | 0x05C2 | 0x05C4 | 0x05C5 | 0x05C7)
}

/// Hiragana as katakana: one table serves both.
fn katakana(c: char) -> char {
    match c as u32 {
        0x3041..=0x3096 => char::from_u32(c as u32 + 0x60).unwrap_or(c),
        _ => c,
    }
}

/// Kana as units: the table's, with long vowels written out or not (`ー`, and `ウ` after
/// an o or u sound, `イ` after an e sound: Ōno, Ono, Oono, Ohno).
fn kana_units(table: &LetterTable, letters: &[char]) -> Option<Vec<Unit>> {
    let mut units: Vec<Unit> = Vec::new();
    let mut buf = [0u8; 4];
    let mut i = 0;
    while i < letters.len() {
        let c = letters[i];
        let last_vowel = units.last().and_then(|u| u.alts().first()).and_then(|a| a.text.bytes().last());
        let long = match (c, last_vowel) {
            ('ー', Some(v)) => Some(v),
            ('ウ', Some(v @ (b'o' | b'u'))) => Some(v),
            ('オ', Some(v @ b'o')) => Some(v),
            ('イ', Some(v @ b'e')) => Some(v),
            _ => None,
        };
        if let Some(v) = long {
            let written = if c == 'ー' { (v as char).encode_utf8(&mut buf).to_string() } else { katakana_vowel(c) };
            let mut alts = vec![Alt { text: String::new(), cost: 0.0 }, Alt { text: written, cost: 0.0 }];
            if v == b'o' {
                alts.push(Alt { text: "h".into(), cost: 0.05 });
                alts.push(Alt { text: "o".into(), cost: 0.05 });
            }
            units.push(Unit::new(alts, false));
            i += 1;
            continue;
        }
        // The longest run the table knows.
        let mut found = false;
        for len in (1..=2.min(letters.len() - i)).rev() {
            let run: String = letters[i..i + len].iter().collect();
            if let Some(alts) = table.get(&run) {
                units.push(Unit::new(alts.to_vec(), false));
                i += len;
                found = true;
                break;
            }
        }
        if !found {
            i += 1;
        }
    }
    (!units.is_empty()).then_some(units)
}

fn katakana_vowel(c: char) -> String {
    match c {
        'ウ' => "u",
        'イ' => "i",
        'オ' => "o",
        _ => "",
    }
    .to_string()
}

/// Thai letters in reading order: a vowel written before its consonant (เ แ โ ใ ไ)
/// moves after it (and after a second consonant that makes a cluster with it: ร ล ว);
/// tone marks go, and a letter marked silent (์) goes with its mark.
fn thai_order(word: &str) -> Vec<char> {
    let chars: Vec<char> = word.chars().collect();
    let is_consonant = |c: char| ('\u{0E01}'..='\u{0E2E}').contains(&c);
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\u{0E48}'..='\u{0E4B}' | '\u{0E46}' | '\u{0E2F}' => {}
            '\u{0E4C}' => {
                out.pop();
            }
            'เ' | 'แ' | 'โ' | 'ใ' | 'ไ' if chars.get(i + 1).is_some_and(|&n| is_consonant(n)) => {
                out.push(chars[i + 1]);
                i += 1;
                if matches!(chars.get(i + 1), Some('ร' | 'ล' | 'ว'))
                    && !chars.get(i + 2).is_some_and(|&n| n == '\u{0E31}' || n == 'า')
                    && chars.get(i + 2).is_some()
                {
                    out.push(chars[i + 1]);
                    i += 1;
                }
                out.push(c);
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::script_name;

    /// Whether word `word` of the name reads as `latin`, by spelling or letters.
    fn reads(name: &str, word: usize, latin: &str) -> bool {
        let n = script_name(name).unwrap();
        let w = &n.words[word].reading;
        w.spellings.iter().any(|(s, _)| s == latin) || w.forms.cost(latin).is_some()
    }

    #[test]
    fn cyrillic_by_national_systems() {
        let cases: &[(&str, usize, &str)] = &[
            // Listed people and the spellings the lists give them.
            ("Ахмед Ражапович Чатаев", 1, "rajapovich"),
            ("Ахмед Ражапович Чатаев", 2, "chatayev"),
            ("Ахмед Ражапович Чатаев", 0, "akhmed"),
            ("Евгений Пригожин", 0, "yevgeny"),
            ("Евгений Пригожин", 0, "evgeniy"),
            ("Евгений Пригожин", 1, "prigozhin"),
            ("Владимир Зеленский", 1, "zelensky"),
            ("Владимир Зеленский", 1, "zelenskyy"),
            ("Владимир Зеленский", 1, "selenskyj"),
            ("Владимир Зеленский", 1, "zelenski"),
            ("Сергей Шойгу", 1, "shoygu"),
            ("Сергей Шойгу", 1, "schoigu"),
            ("Олександр Ющенко", 1, "yushchenko"),
            ("Алексей Навальный", 1, "navalny"),
            ("Махмуд Ахмадинежад", 1, "ahmadinezhad"),
            ("Махмуд Ахмадинежад", 1, "akhmadinejad"),
            ("Војислав Шешељ", 1, "seselj"),
            ("Нұрсұлтан Назарбаев", 1, "nazarbayev"),
        ];
        for (name, word, latin) in cases {
            assert!(reads(name, *word, latin), "{name} [{word}] as {latin}");
        }
        assert!(!reads("Сергей Шойгу", 1, "shaygu"));
    }

    #[test]
    fn korean_names_in_cyrillic() {
        let cases: &[(&str, usize, &str)] = &[
            ("Чхве Чхоль Мин", 0, "choe"),
            ("Чхве Чхоль Мин", 1, "chol"),
            ("Чхве Чхоль Мин", 2, "min"),
            ("Ким Чен Ын", 1, "jong"),
            ("Ким Чен Ын", 2, "un"),
            ("Ли Су Ён", 2, "yong"),
            ("Пак Пон Чжу", 2, "ju"),
        ];
        for (name, word, latin) in cases {
            assert!(reads(name, *word, latin), "{name} [{word}] as {latin}");
        }
        let n = script_name("Чхве Чхоль Мин").unwrap();
        assert!(n.joins.iter().any(|j| j.reading.forms.cost("cholmin").is_some()));
        // A Russian name with a short word is still Russian.
        assert!(reads("Ким Виктор Иванович", 2, "ivanovich"));
    }

    #[test]
    fn greek_in_elot_and_classical_forms() {
        let cases: &[(&str, usize, &str)] = &[
            ("Αλέξανδρος Τσίπρας", 0, "alexandros"),
            ("Αλέξανδρος Τσίπρας", 0, "alexander"),
            ("Αλέξανδρος Τσίπρας", 0, "aleksandr"),
            ("Αλέξανδρος Τσίπρας", 1, "tsipras"),
            ("ΓΕΩΡΓΙΟΣ ΠΑΠΑΝΔΡΕΟΥ", 0, "george"),
            ("ΓΕΩΡΓΙΟΣ ΠΑΠΑΝΔΡΕΟΥ", 1, "papandreou"),
            ("Κυριάκος Μητσοτάκης", 0, "kyriakos"),
            ("Κυριάκος Μητσοτάκης", 1, "mitsotakis"),
            ("Ευάγγελος Βενιζέλος", 0, "evangelos"),
        ];
        for (name, word, latin) in cases {
            assert!(reads(name, *word, latin), "{name} [{word}] as {latin}");
        }
    }

    #[test]
    fn hebrew_with_unwritten_vowels() {
        let cases: &[(&str, usize, &str)] = &[
            ("בנימין נתניהו", 0, "binyamin"),
            ("בנימין נתניהו", 0, "benjamin"),
            ("בנימין נתניהו", 1, "netanyahu"),
            ("אריה דרעי", 0, "aryeh"),
            ("אריה דרעי", 1, "deri"),
            ("שמעון פרס", 1, "peres"),
        ];
        for (name, word, latin) in cases {
            assert!(reads(name, *word, latin), "{name} [{word}] as {latin}");
        }
    }

    #[test]
    fn kana_in_hepburn_with_long_vowels_either_way() {
        let cases: &[(&str, usize, &str)] = &[
            ("アサハラ ショウコウ", 0, "asahara"),
            ("アサハラ ショウコウ", 1, "shoko"),
            ("アサハラ ショウコウ", 1, "shoukou"),
            ("あさはら しょうこう", 1, "shoko"),
            ("オオノ", 0, "ono"),
            ("オオノ", 0, "ohno"),
            ("ジョウユウ フミヒロ", 0, "joyu"),
            ("ジョウユウ フミヒロ", 1, "fumihiro"),
            ("キッタ", 0, "kitta"),
        ];
        for (name, word, latin) in cases {
            assert!(reads(name, *word, latin), "{name} [{word}] as {latin}");
        }
    }

    #[test]
    fn thai_georgian_armenian() {
        let cases: &[(&str, usize, &str)] = &[
            ("ทักษิณ ชินวัตร", 0, "thaksin"),
            ("ประยุทธ์ จันทร์โอชา", 0, "prayut"),
            ("สมชาย", 0, "somchai"),
            ("ბიძინა ივანიშვილი", 0, "bidzina"),
            ("ბიძინა ივანიშვილი", 1, "ivanishvili"),
            ("Սերժ Սարգսյան", 0, "serzh"),
            ("Սերժ Սարգսյան", 1, "sargsyan"),
            ("Սերժ Սարգսյան", 1, "sargsian"),
        ];
        for (name, word, latin) in cases {
            assert!(reads(name, *word, latin), "{name} [{word}] as {latin}");
        }
    }
}
