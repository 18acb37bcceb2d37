//! Identifier labels to typed [`IdKind`]s, shared by every list parser.
//!
//! Lists label documents in free words ("Passport", "Cedula No.", "National Foreign ID
//! Number", "SWIFT/BIC", "Vessel Registration Identification"); this maps a label to a
//! kind by its words, so a new label of a known family still lands in the right kind.

use std::sync::OnceLock;

use interdict_model::IdKind;

/// The words that make a label of each kind, in the order they are tried.
const LABELS: &str = include_str!("../data/id_labels.tsv");

/// One row of [`LABELS`].
struct Rule {
    kind: IdKind,
    words: Vec<&'static str>,
    unless: Vec<&'static str>,
}

fn rules() -> &'static [Rule] {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    RULES.get_or_init(|| {
        let rows = LABELS.lines().filter(|l| !l.is_empty() && !l.starts_with('#'));
        rows.map(|row| {
            let (kind, words) = row.split_once('\t').unwrap_or_else(|| panic!("id_labels.tsv: {row:?}"));
            let kind = IdKind::parse(kind).unwrap_or_else(|| panic!("id_labels.tsv: unknown kind {kind:?}"));
            let (unless, words): (Vec<&str>, Vec<&str>) = words.split('|').partition(|w| w.starts_with('!'));
            Rule { kind, words, unless: unless.iter().map(|w| &w[1..]).collect() }
        })
        .collect()
    })
}

/// Maps a label as a list writes it to a kind by its words (`data/id_labels.tsv`).
/// Unknown labels are [`IdKind::Other`].
pub fn kind_for_label(label: &str) -> IdKind {
    let l = label.to_ascii_lowercase();
    let holds = |word: &&str| match word.strip_prefix('=') {
        Some(whole) => l.trim() == whole,
        None => l.contains(word),
    };
    rules()
        .iter()
        .find(|rule| rule.words.iter().any(holds) && !rule.unless.iter().any(holds))
        .map_or(IdKind::Other, |rule| rule.kind.clone())
}

/// Normalises an identifier value for exact lookup: upper case, letters and digits only.
/// `"IMO 9187629"` and `"9187629"` differ on purpose: callers strip known prefixes.
pub fn normalize_value(value: &str) -> String {
    value.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_map_to_kinds() {
        let cases = [
            ("SWIFT/BIC", IdKind::Bic),
            ("Vessel Registration Identification", IdKind::RegistrationNumber),
            ("IMO", IdKind::Imo),
            ("MMSI", IdKind::Mmsi),
            ("Passport", IdKind::Passport),
            ("Diplomatic Passport", IdKind::Passport),
            ("Cedula No.", IdKind::NationalId),
            ("National ID No.", IdKind::NationalId),
            ("Tax ID No.", IdKind::TaxId),
            ("V.A.T. Number", IdKind::TaxId),
            ("Registration Number", IdKind::RegistrationNumber),
            ("Unified Social Credit Code (USCC)", IdKind::RegistrationNumber),
            ("Aircraft Tail Number", IdKind::AircraftId),
            ("Email Address", IdKind::Email),
            ("Digital Currency Address - XBT", IdKind::DigitalCurrencyAddress),
            ("Kennitala", IdKind::Other),
            ("INN", IdKind::TaxId),
            ("Innovation Certificate", IdKind::Other),
            ("Immobilien Register", IdKind::RegistrationNumber),
        ];
        for (label, kind) in cases {
            assert_eq!(kind_for_label(label), kind, "{label}");
        }
    }

    #[test]
    fn values_normalise_to_alphanumerics() {
        assert_eq!(normalize_value(" bnc-u cu hh "), "BNCUCUHH");
    }
}
