//! Country names to ISO 3166-1 alpha-2 codes.
//!
//! Lists spell countries their own way ("Korea, North", "Burma", "Palestinian"), so
//! the table in `data/countries.tsv` keeps, for each code, the ISO names and the
//! variants seen in the lists. Lookup ignores case, accents, punctuation and spacing.

use std::collections::HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../data/countries.tsv");

struct Table {
    by_key: HashMap<String, &'static str>,
    names: HashMap<&'static str, &'static str>,
}

fn table() -> &'static Table {
    static TABLE_CELL: OnceLock<Table> = OnceLock::new();
    TABLE_CELL.get_or_init(|| {
        let mut by_key = HashMap::new();
        let mut names = HashMap::new();
        for line in TABLE.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let mut cols = line.split('\t');
            let (Some(alpha2), Some(alpha3), Some(variants)) = (cols.next(), cols.next(), cols.next()) else {
                continue;
            };
            by_key.insert(alpha2.to_ascii_lowercase(), alpha2);
            by_key.insert(alpha3.to_ascii_lowercase(), alpha2);
            for (i, name) in variants.split('|').enumerate() {
                if i == 0 {
                    names.insert(alpha2, name);
                }
                by_key.entry(key(name)).or_insert(alpha2);
            }
        }
        Table { by_key, names }
    })
}

/// Folds a name to its lookup key: lower case ASCII letters and single spaces.
fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let c = fold_latin(c);
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

/// The few accented letters that occur in country names.
fn fold_latin(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'Å' | 'Á' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'É' => 'e',
        'í' | 'î' | 'ï' => 'i',
        'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ú' | 'ü' | 'û' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        _ => c,
    }
}

/// The ISO 3166-1 alpha-2 code for a country name, alpha-2 or alpha-3 code.
pub fn code_for(name: &str) -> Option<&'static str> {
    let k = key(name);
    if k.is_empty() {
        return None;
    }
    table().by_key.get(&k).copied()
}

/// The English short name for an alpha-2 code.
pub fn name_for(code: &str) -> Option<&'static str> {
    let code = code.trim().to_ascii_uppercase();
    table().names.get(code.as_str()).copied()
}

/// Whether a two-letter code is an assigned ISO 3166-1 alpha-2 code (or XK, Kosovo).
pub fn is_code(code: &str) -> bool {
    code.len() == 2 && name_for(code).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_spellings_resolve() {
        let cases = [
            ("Korea, North", Some("KP")),
            ("KOREA, NORTH", Some("KP")),
            ("Democratic People's Republic of Korea", Some("KP")),
            ("Iran (Islamic Republic of)", Some("IR")),
            ("Burma", Some("MM")),
            ("Russia", Some("RU")),
            ("Côte d'Ivoire", Some("CI")),
            ("Cote d Ivoire", Some("CI")),
            ("Palestinian", Some("PS")),
            ("united kingdom", Some("GB")),
            ("DEU", Some("DE")),
            ("ir", Some("IR")),
            ("Atlantis", None),
            ("", None),
        ];
        for (name, code) in cases {
            assert_eq!(code_for(name), code, "{name}");
        }
    }

    #[test]
    fn codes_have_names() {
        assert_eq!(name_for("kp"), Some("Korea, Democratic People's Republic of"));
        assert!(is_code("XK"));
        assert!(!is_code("ZZ"));
    }
}
