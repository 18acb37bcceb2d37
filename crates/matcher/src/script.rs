//! A name written in another script, as a query against the lists' Latin names.
//!
//! `interdict_text::script` reads each word of such a name as the Latin forms it may
//! take (whole spellings, and letter forms with their costs). Here those forms meet the
//! index: a spelling is looked up as a listed word (after the usual analysis, so
//! `mohammed` finds `muhammad`); letter forms give phonetic keys, the listed words under
//! those keys are aligned with the forms, and each one that aligns within the cost
//! bound becomes an option of the query word, worth `1 − cost` (`ABJAD_SIM_CAP − cost`
//! for scripts that leave vowels unwritten, where every vowel is a guess). Words the script writes together or apart (`عبد المالك` / `ABDELMALEK`) become
//! joins. The query is then retrieved and scored like any other.
//!
//! Bounds: at most [`MAX_KEYS`] keys per word, [`MAX_BUCKET`] listed words per key and
//! [`MAX_OPTIONS`] options per word, so that a word short enough to read as many listed
//! words (`حسن`) neither floods the candidates nor costs more than a few microseconds.

use interdict_index::{Index, TokenId};
use interdict_text::script::{script_name, Reading, Script, WordRole};
use interdict_text::{analyzed_text, token_class, TokenClass};

use crate::query::{token_options, unknown_weight, Join, Option_, PairKind, Query, QueryToken, INITIAL_WEIGHT};

/// Phonetic keys searched per word.
const MAX_KEYS: usize = 24;
/// Listed words aligned per phonetic key (the keys' lists run shortest word first).
const MAX_BUCKET: usize = 256;
/// Options kept per word, best first.
const MAX_OPTIONS: usize = 24;
/// The most a letter-by-letter reading of a script without written short vowels is
/// worth: the vowels of the Latin word were not in the name.
pub const ABJAD_SIM_CAP: f32 = 0.95;
/// Options worth less than this are dropped.
const MIN_SIM: f32 = 0.8;
/// Readings of a word within this much of its best count as equally likely.
const EQUAL_READINGS: f32 = 0.05;

/// The query for a name holding words in another script, or `None` when it holds none.
pub(crate) fn query(index: &Index, name: &str) -> Option<Query> {
    let read = script_name(name)?;
    let n = read.words.len().min(crate::query::MAX_QUERY_WORDS);
    let mut tokens: Vec<QueryToken> = Vec::with_capacity(n);
    let mut classes: Vec<TokenClass> = Vec::with_capacity(n);
    for word in &read.words[..n] {
        let (options, class) = if word.script == Script::Latin {
            latin_options(index, &word.text)
        } else {
            let options = reading_options(index, &word.reading);
            let class = options.first().map_or(TokenClass::Name, |o| token_class(index.token(o.token)));
            (options, class)
        };
        let initial = word.script == Script::Latin && word.text.len() == 1 && n > 1;
        let weight = if word.role == WordRole::Article {
            0.0
        } else if initial {
            INITIAL_WEIGHT
        } else {
            word_weight(index, &options, class)
        };
        let postings = options.iter().map(|o| index.names_with_token(o.token).len()).sum();
        tokens.push(QueryToken { text: word.text.clone(), weight, options: options.into(), initial, postings });
        classes.push(class);
    }
    // A leading honorific says who, not which one: it weighs nothing when a name follows
    // (an article before it changes nothing).
    let has_name_word = classes.iter().zip(&tokens).any(|(c, t)| *c != TokenClass::Honorific && t.weight > 0.0);
    let mut leading = true;
    for ((class, token), word) in classes.iter().zip(tokens.iter_mut()).zip(&read.words) {
        if word.role == WordRole::Article {
            continue;
        }
        let honorific_prefix = leading && *class == TokenClass::Honorific && has_name_word;
        leading &= honorific_prefix;
        if honorific_prefix {
            token.weight = 0.0;
        }
    }
    let mut joins = Vec::new();
    for join in read.joins.iter().filter(|j| j.last < n) {
        for option in reading_options(index, &join.reading) {
            joins.push(Join { first: join.first, last: join.last, token: option.token });
        }
    }
    // A word in another script is informative whatever its length (`김` is Kim).
    let informative = classes.iter().zip(read.words.iter()).any(|(c, w)| {
        matches!(c, TokenClass::Name | TokenClass::Patronymic)
            && w.role == WordRole::Name
            && (w.script != Script::Latin || w.text.len() > 1)
    });
    let has_legal_form = classes.contains(&TokenClass::LegalForm) && has_name_word;
    let has_honorific = classes.first() == Some(&TokenClass::Honorific) && has_name_word;
    let total_weight = tokens.iter().map(|t| t.weight).sum();
    let text = tokens.iter().map(|t| t.text.as_str()).collect::<Vec<_>>().join(" ");
    Some(Query { tokens, joins, total_weight, truncated: false, text, has_legal_form, has_honorific, informative })
}

/// A Latin word of a mixed name: paired as the ordinary query pairs it.
fn latin_options(index: &Index, text: &str) -> (Vec<Option_>, TokenClass) {
    let class = token_class(text);
    let options = if text.len() == 1 {
        Vec::new()
    } else if class == TokenClass::LegalForm {
        index.token_id(text).map(|id| vec![Option_ { token: id, sim: 1.0, kind: PairKind::Exact }]).unwrap_or_default()
    } else {
        let mut options = token_options(index, text);
        options.sort_by(|a, b| b.sim.total_cmp(&a.sim));
        options
    };
    (options, class)
}

/// The weight of a word: that of the rarest listed word among its best readings (a
/// word that reads as a rare name may be that name; missing it must cost the score), or
/// of a word the lists lack.
fn word_weight(index: &Index, options: &[Option_], class: TokenClass) -> f32 {
    let best = options.iter().map(|o| o.sim).fold(0.0f32, f32::max);
    options
        .iter()
        .filter(|o| o.sim >= best - EQUAL_READINGS)
        .map(|o| index.token_weight(o.token))
        .reduce(f32::max)
        .unwrap_or_else(|| unknown_weight(index) * if class == TokenClass::LegalForm { 0.1 } else { 1.0 })
}

/// The listed words a reading may be, best first.
fn reading_options(index: &Index, reading: &Reading) -> Vec<Option_> {
    let mut found: Vec<(TokenId, f32)> = Vec::new();
    let add = |found: &mut Vec<(TokenId, f32)>, id: TokenId, sim: f32| {
        // (A hair below: 0.95 − 0.15 is not 0.8 in floating point.)
        if sim < MIN_SIM - 1e-4 {
            return;
        }
        match found.iter_mut().find(|(t, _)| *t == id) {
            Some((_, s)) => *s = s.max(sim),
            None => found.push((id, sim)),
        }
    };
    for (spelling, cost) in &reading.spellings {
        // The listed words went through the analysis: so must the spelling.
        let analysed = analyzed_text(spelling);
        if analysed.is_empty() || analysed.contains(' ') {
            continue;
        }
        if let Some(id) = index.token_id(&analysed) {
            add(&mut found, id, 1.0 - cost);
        }
    }
    if reading.search_forms && !reading.forms.is_empty() {
        let cap = if reading.forms.units.iter().any(|u| u.vowel_free) { ABJAD_SIM_CAP } else { 1.0 };
        let (shortest, longest) = reading.forms.length_bounds();
        let letters = reading.forms.letter_mask();
        for key in reading.forms.phonetic_keys(MAX_KEYS) {
            for id in index.tokens_with_phonetic_key(&key).iter().take(MAX_BUCKET) {
                // Length and letters first, from the index's small table of shapes: most
                // words of a bucket are ruled out without reading their text.
                let shape = index.token_shape(id);
                if shape.len() > longest {
                    break; // the bucket runs shortest first
                }
                if shape.len() < shortest || shape.letters() & !letters != 0 {
                    continue;
                }
                if found.iter().any(|(t, _)| *t == id) {
                    continue;
                }
                let text = index.token(id);
                if !text.bytes().next().is_some_and(|b| reading.forms.may_begin_with(b)) {
                    continue;
                }
                if let Some(cost) = reading.forms.cost(text) {
                    add(&mut found, id, cap - cost);
                }
            }
        }
    }
    found.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    found.truncate(MAX_OPTIONS);
    found.into_iter().map(|(token, sim)| Option_ { token, sim, kind: PairKind::Script }).collect()
}

#[cfg(test)]
mod tests {
    //! Real listed names (OFAC SDN, with their ids) against the same people's names in
    //! their own scripts, and common names of those scripts that must not alert.

    use interdict_index::build;
    use interdict_model::{Alias, AliasKind, Entity, EntityKind, Strength};

    use crate::{MatchConfig, Matcher};

    fn index() -> interdict_index::Index {
        use EntityKind::*;
        let listed: &[(&str, EntityKind, &str, &[&str])] = &[
            ("ofac-sdn:10935", Person, "DJOUADI, Yahia", &["ABU AMAR, Yahia"]),
            ("ofac-sdn:31193", Person, "AL-GHAMARI, Muhammad Abd Al-Karim", &["AL-GHOMMARI, Muhammad"]),
            ("ofac-sdn:7267", Person, "ESSABAR, Zakarya", &["ESSABAR, Zakariya"]),
            ("ofac-sdn:10612", Person, "DROUKDEL, Abdelmalek", &["DROUKDAL, Abdelmalek"]),
            ("ofac-sdn:6898", Organization, "LIBYAN ISLAMIC FIGHTING GROUP", &[]),
            ("ofac-sdn:16364", Organization, "ANSARU", &["ANSARUL MUSLIMINA FI BILADIS SUDAN"]),
            ("ofac-sdn:12127", Person, "ISHAKZAI, Gul Agha", &["MULLAH GUL AGHA"]),
            ("ofac-sdn:8198", Person, "TILFAH, Sajida Khayrallah", &[]),
            ("ofac-sdn:43598", Person, "CHOE, Chol Min", &["CHOE, Chol-min"]),
            ("ofac-sdn:20157", Person, "KIM, Jong Un", &[]),
            ("ofac-sdn:21735", Person, "RI, Su Yong", &[]),
            ("ofac-sdn:11447", Organization, "LI, Fangwei", &["LEE, Karl"]),
            ("ofac-sdn:21171", Person, "PRIGOZHIN, Yevgeniy Viktorovich", &[]),
            ("ofac-sdn:18648", Person, "CHATAYEV, Akhmed", &["CHATAEV, Akhmed Rajapovich"]),
            ("ofac-sdn:9760", Person, "LUKASHENKA, Alyaksandr Ryhorovich", &["LUKASHENKO, Alexander"]),
            ("ofac-sdn:26684", Person, "MANIDIS, Georgios", &[]),
            ("ofac-sdn:23252", Person, "GERTLER, Dan", &[]),
            ("ofac-sdn:4700", Organization, "KAHANE CHAI", &[]),
            ("ofac-sdn:13072", Person, "SHINODA, Kenichi", &[]),
            ("ofac-sdn:20381", Person, "INOUE, Kunio", &[]),
            ("ofac-sdn:17283", Person, "BATIRASHVILI, Tarkhan Tayumurazovich", &[]),
            ("ofac-sdn:27146", Person, "STEPANYAN, Karen", &[]),
        ];
        let mut entities: Vec<Entity> = listed
            .iter()
            .map(|(id, kind, name, aliases)| {
                let mut e = Entity::new(id, "ofac-sdn", kind.clone(), name);
                for a in *aliases {
                    e.aliases.push(Alias { name: a.to_string(), kind: AliasKind::Aka, strength: Strength::Strong });
                }
                e
            })
            .collect();
        // Common words, so that rarity means something.
        for i in 0..300 {
            let name = format!(
                "AL-{} {} MUHAMMAD KIM {i}",
                ["HASAN", "ALI", "AHMAD"][i % 3],
                ["LEE", "PARK", "IVANOV"][i % 3]
            );
            entities.push(Entity::new(&format!("t:{i}"), "t", Person, &name));
        }
        interdict_index::Index::from_bytes(build(entities, vec![], "2026-01-01T00:00:00Z").unwrap()).unwrap()
    }

    #[test]
    fn names_in_their_own_scripts_find_the_listed_latin_names() {
        let index = index();
        let matcher = Matcher::new(&index, MatchConfig::default());
        let cases = [
            // Arabic script: the UN list's own spellings of OFAC-listed people and groups.
            ("يحيى جوادي", "ofac-sdn:10935"),
            ("محمد عبدالكريم الغماري", "ofac-sdn:31193"),
            ("زكريا الصبار", "ofac-sdn:7267"),
            ("عبد المالك دروكدال", "ofac-sdn:10612"),
            ("الجماعة الاسلامية المقاتلة الليبية", "ofac-sdn:6898"),
            ("أنصار المسلمین في بلاد السودان", "ofac-sdn:16364"),
            ("كُل آغا اسحاقزی", "ofac-sdn:12127"),
            ("ساجدة خير الله طلفاح", "ofac-sdn:8198"),
            // Hangul, and Korean in Cyrillic.
            ("최철민", "ofac-sdn:43598"),
            ("최 철민", "ofac-sdn:43598"),
            ("Чхве Чхоль Мин", "ofac-sdn:43598"),
            ("김정은", "ofac-sdn:20157"),
            ("Ким Чен Ын", "ofac-sdn:20157"),
            ("리수용", "ofac-sdn:21735"),
            // Han.
            ("李方伟", "ofac-sdn:11447"),
            // Cyrillic by several national systems.
            ("Евгений Пригожин", "ofac-sdn:21171"),
            ("Ахмед Ражапович Чатаев", "ofac-sdn:18648"),
            ("Аляксандр Лукашэнка", "ofac-sdn:9760"),
            ("Александр Лукашенко", "ofac-sdn:9760"),
            // Greek, Hebrew, kana, Georgian, Armenian.
            ("Γεώργιος Μανίδης", "ofac-sdn:26684"),
            ("דן גרטלר", "ofac-sdn:23252"),
            ("כהנא חי", "ofac-sdn:4700"),
            ("シノダ ケンイチ", "ofac-sdn:13072"),
            ("しのだ けんいち", "ofac-sdn:13072"),
            ("イノウエ クニオ", "ofac-sdn:20381"),
            ("თარხან ბატირაშვილი", "ofac-sdn:17283"),
            ("Կարեն Ստեփանյան", "ofac-sdn:27146"),
        ];
        for (query, expected) in cases {
            let alerts = matcher.search(query);
            assert!(
                alerts.iter().any(|a| index.entity(a.entity).id.as_str() == expected),
                "{query}: expected {expected}, got {:?}",
                alerts.iter().map(|a| (index.entity(a.entity).id.to_string(), a.score)).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn common_names_of_those_scripts_do_not_alert() {
        let index = index();
        let matcher = Matcher::new(&index, MatchConfig::default());
        for query in [
            "يحيى الخطيب",
            "مريم الزعبي",
            "محمد",
            "حسن",
            "김민준",
            "박서연",
            "Иван Смирнов",
            "Γιάννης Παπαδόπουλος",
            "דוד כהן",
            "サトウ ヒロシ",
            "王秀英",
            "გიორგი ბერიძე",
            "Արամ Գրիգորյան",
        ] {
            let alerts = matcher.search(query);
            assert!(alerts.is_empty(), "{query}: {:?}", alerts.iter().map(|a| &a.explanation).collect::<Vec<_>>());
        }
    }

    #[test]
    fn the_explanation_shows_the_words_as_written() {
        let index = index();
        let matcher = Matcher::new(&index, MatchConfig::default());
        let alerts = matcher.search("يحيى جوادي");
        let text = &alerts[0].explanation;
        assert!(text.contains("جوادي ~ djouadi (romanised)"), "{text}");
    }

    /// Text in these scripts, damaged anyhow (marks alone, mixed scripts, long runs), is
    /// searched without panicking: a fixed walk over many such strings.
    #[test]
    fn any_script_text_is_searched() {
        let index = index();
        let matcher = Matcher::new(&index, MatchConfig::default());
        let alphabet: Vec<char> =
            "\u{064B}\u{0651}\u{0640}ـالمحدیہځ ۀة김ㅎ\u{1100}Ёёщъ-'׳ש\u{05B0}ーッャ毛\u{0E4C}เกΣς.\u{200C}a1"
                .chars()
                .collect();
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..300 {
            let len = (seed % 60) as usize;
            let text: String = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    alphabet[(seed % alphabet.len() as u64) as usize]
                })
                .collect();
            let _ = matcher.search(&text);
        }
        let _ = matcher.search(&"محمد ".repeat(500));
        let _ = matcher.search(&"김".repeat(500));
    }
}
