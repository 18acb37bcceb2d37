//! Disguises an adversary applies to a listed name, and the payments that carry it.
//!
//! Shared by the evasion property tests and the `evasion` fuzz target, so that both try
//! the same tricks: each [`Disguise`] is one known way of writing a name so that a
//! screening engine might miss it, and [`Place`] is where in a pacs.008 or an MT103 the
//! disguised name goes. Everything here is pure string building.

/// One way of writing a name so that it looks different to a machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Disguise {
    /// Letters at these positions (modulo the name's length) replaced by Cyrillic
    /// look-alikes.
    Lookalikes(Vec<usize>),
    /// Letters at these positions replaced by Greek look-alikes.
    GreekLookalikes(Vec<usize>),
    /// The word at this index (modulo the word count) spelled out with dots.
    Dotted(usize),
    /// Every word spelled out with dots.
    AllDotted,
    /// The word at this index spelled out with spaces between its letters.
    Spaced(usize),
    /// The name stored backwards behind a right-to-left override.
    Override,
    /// The name inside a longer one, after this prefix.
    Inside(&'static str),
    /// The name inside a longer one, before this suffix.
    Before(&'static str),
    /// Zero-width spaces after the letters at these positions.
    ZeroWidth(Vec<usize>),
    /// Soft hyphens after the letters at these positions.
    SoftHyphens(Vec<usize>),
    /// Full-width letters and an ideographic space.
    FullWidth,
    /// Lower case.
    Lower,
    /// Punctuation between the words instead of spaces.
    Punctuated(char),
}

/// Prefixes that wrap a listed name in a longer party name.
pub const PREFIXES: [&str; 4] = ["NORTHSEA TRADING AS AGENT FOR", "PAYMENT ON BEHALF OF", "C/O", "FFC"];
/// Suffixes that follow a listed name in a longer party name.
pub const SUFFIXES: [&str; 3] = ["HOLDINGS AND PARTNERS", "VIA CORRESPONDENT", "SUBSIDIARY"];
/// Punctuation put between words.
pub const SEPARATORS: [char; 5] = ['.', '-', '_', '/', ','];

/// Cyrillic look-alikes of Latin capitals.
pub fn cyrillic_lookalike(c: char) -> Option<char> {
    Some(match c {
        'A' => 'А',
        'B' => 'В',
        'C' => 'С',
        'E' => 'Е',
        'H' => 'Н',
        'K' => 'К',
        'M' => 'М',
        'O' => 'О',
        'P' => 'Р',
        'T' => 'Т',
        'X' => 'Х',
        _ => return None,
    })
}

/// Greek look-alikes of Latin capitals.
pub fn greek_lookalike(c: char) -> Option<char> {
    Some(match c {
        'A' => 'Α',
        'B' => 'Β',
        'E' => 'Ε',
        'H' => 'Η',
        'I' => 'Ι',
        'K' => 'Κ',
        'M' => 'Μ',
        'N' => 'Ν',
        'O' => 'Ο',
        'P' => 'Ρ',
        'T' => 'Τ',
        'X' => 'Χ',
        'Y' => 'Υ',
        'Z' => 'Ζ',
        _ => return None,
    })
}

fn replace_at(name: &str, at: &[usize], swap: fn(char) -> Option<char>) -> String {
    let len = name.chars().count().max(1);
    name.chars()
        .enumerate()
        .map(|(i, c)| if at.iter().any(|&k| k % len == i) { swap(c).unwrap_or(c) } else { c })
        .collect()
}

fn insert_after(name: &str, at: &[usize], mark: char) -> String {
    let len = name.chars().count().max(1);
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        out.push(c);
        if c != ' ' && at.iter().any(|&k| k % len == i) {
            out.push(mark);
        }
    }
    out
}

fn respell_word(name: &str, which: Option<usize>, mark: &str) -> String {
    let words: Vec<&str> = name.split(' ').collect();
    let which = which.map(|k| k % words.len());
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if which.is_none_or(|k| k == i) {
                let mut spelled = String::new();
                for c in w.chars() {
                    if !spelled.is_empty() && mark == " " {
                        spelled.push(' ');
                    }
                    spelled.push(c);
                    if mark != " " {
                        spelled.push_str(mark);
                    }
                }
                spelled
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Applies one disguise to a name.
pub fn apply(name: &str, disguise: &Disguise) -> String {
    match disguise {
        Disguise::Lookalikes(at) => replace_at(name, at, cyrillic_lookalike),
        Disguise::GreekLookalikes(at) => replace_at(name, at, greek_lookalike),
        Disguise::Dotted(k) => respell_word(name, Some(*k), "."),
        Disguise::AllDotted => respell_word(name, None, "."),
        Disguise::Spaced(k) => respell_word(name, Some(*k), " "),
        Disguise::Override => format!("\u{202E}{}", name.chars().rev().collect::<String>()),
        Disguise::Inside(prefix) => format!("{prefix} {name}"),
        Disguise::Before(suffix) => format!("{name} {suffix}"),
        Disguise::ZeroWidth(at) => insert_after(name, at, '\u{200B}'),
        Disguise::SoftHyphens(at) => insert_after(name, at, '\u{00AD}'),
        Disguise::FullWidth => name
            .chars()
            .map(|c| match c {
                ' ' => '\u{3000}',
                '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
                c => c,
            })
            .collect(),
        Disguise::Lower => name.to_lowercase(),
        Disguise::Punctuated(mark) => name.replace(' ', &mark.to_string()),
    }
}

/// Whether `next` can go on top of the disguises `applied` (in order) and still
/// describe the same name to a reader: a reversal stored behind an override must stay
/// the outermost; and once a word is spelled out or written apart, spelling out or
/// writing apart again (or punctuating a word written apart) puts its letters as far
/// apart as the words around it (`K O R E A M I N I N G`,
/// `K.O.R.E.A..M..I..N..I..N..G..D.E.V`, `K O R E A   M . I . N`, `D...E....C.U`): one
/// word to anyone.
pub fn can_stack(applied: &[Disguise], next: &Disguise) -> bool {
    let spelling = |d: &Disguise| matches!(d, Disguise::Dotted(_) | Disguise::AllDotted | Disguise::Spaced(_));
    let spaced = applied.iter().any(|d| matches!(d, Disguise::Spaced(_)));
    let spelled = applied.iter().any(spelling);
    !applied.iter().any(|d| matches!(d, Disguise::Override))
        && !(spaced && (spelling(next) || matches!(next, Disguise::Punctuated(_))))
        && !(spelled && spelling(next))
}

/// Where the disguised name goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The debtor's `Nm` of a pacs.008.
    IsoName,
    /// A debtor address line of a pacs.008, after an innocent `Nm`.
    IsoAddressLine,
    /// The first word in the debtor's `Nm`, the rest in its first address line.
    IsoSplitNameAndAddress,
    /// The debtor's town name.
    IsoTown,
    /// The ultimate creditor's `Nm`.
    IsoUltimateCreditor,
    /// The unstructured remittance information.
    IsoRemittance,
    /// The MT103 ordering customer (50K), second line.
    MtOrderingCustomer,
    /// The MT103 beneficiary (59), third line.
    MtBeneficiaryThirdLine,
    /// The MT103 remittance information (70).
    MtRemittance,
}

impl Place {
    /// Every place, for strategies and fuzzers to choose from.
    pub const ALL: [Place; 9] = [
        Place::IsoName,
        Place::IsoAddressLine,
        Place::IsoSplitNameAndAddress,
        Place::IsoTown,
        Place::IsoUltimateCreditor,
        Place::IsoRemittance,
        Place::MtOrderingCustomer,
        Place::MtBeneficiaryThirdLine,
        Place::MtRemittance,
    ];

    /// Whether this place is in an MT message, whose lines hold at most 35 characters
    /// of SWIFT's character set.
    pub fn is_mt(self) -> bool {
        matches!(self, Place::MtOrderingCustomer | Place::MtBeneficiaryThirdLine | Place::MtRemittance)
    }
}

/// Escapes text for XML content.
pub fn xml_text(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A pacs.008 whose debtor element holds `debtor` (raw XML: `<Nm>..</Nm><PstlAdr>..`),
/// paying a UK creditor for rent: nothing else in it alerts.
pub fn pacs008(debtor: &str) -> Vec<u8> {
    pacs008_with(debtor, "", "RENT DECEMBER FLAT 3")
}

/// A pacs.008 with the debtor element's content, raw XML after the creditor (an
/// `UltmtCdtr`, say) and the remittance text.
pub fn pacs008_with(debtor: &str, after_creditor: &str, remittance: &str) -> Vec<u8> {
    format!(
        r#"<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf>
<GrpHdr><MsgId>EVASION-1</MsgId><CreDtTm>2026-11-28T09:30:00Z</CreDtTm><NbOfTxs>1</NbOfTxs><SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf></GrpHdr>
<CdtTrfTxInf><PmtId><EndToEndId>E2E-1</EndToEndId></PmtId><IntrBkSttlmAmt Ccy="GBP">950.00</IntrBkSttlmAmt>
<Dbtr>{debtor}</Dbtr>
<Cdtr><Nm>NORTHERN HOMES LETTINGS LTD</Nm><PstlAdr><TwnNm>LEEDS</TwnNm><Ctry>GB</Ctry></PstlAdr></Cdtr>{after_creditor}
<RmtInf><Ustrd>{}</Ustrd></RmtInf></CdtTrfTxInf></FIToFICstmrCdtTrf></Document>"#,
        xml_text(remittance)
    )
    .into_bytes()
}

/// A pacs.008 whose debtor is named `name` (escaped), in Leeds.
pub fn pacs008_named(name: &str) -> Vec<u8> {
    pacs008(&format!("<Nm>{}</Nm><PstlAdr><TwnNm>LEEDS</TwnNm><Ctry>GB</Ctry></PstlAdr>", xml_text(name)))
}

/// An MT103 whose ordering customer (50K) is the given lines after the account, paying
/// a Leeds landlord.
pub fn mt103(ordering_lines: &[&str]) -> Vec<u8> {
    mt103_with(ordering_lines, &["NORTHERN HOMES LETTINGS LTD", "LEEDS"], "RENT DECEMBER")
}

/// An MT103 with the ordering customer's and the beneficiary's lines (after their
/// accounts) and the remittance line.
pub fn mt103_with(ordering_lines: &[&str], beneficiary_lines: &[&str], remittance: &str) -> Vec<u8> {
    format!(
        "{{1:F01BANKGB2LAXXX0000000000}}{{2:I103BANKUS33XXXXN}}{{4:\n:20:EVASION-MT\n:23B:CRED\n:32A:261128GBP950,00\n:50K:/GB29NWBK60161331926819\n{}\n:59:/GB82WEST12345698765432\n{}\n:70:{remittance}\n:71A:SHA\n-}}",
        ordering_lines.join("\n"),
        beneficiary_lines.join("\n"),
    )
    .into_bytes()
}

/// A payment with `name` at `place`; `None` when the place cannot carry it (an MT line
/// longer than 35 characters or outside SWIFT's character set, or a split of a one-word
/// name).
pub fn message(place: Place, name: &str) -> Option<Vec<u8>> {
    if place.is_mt() && (!name.is_ascii() || name.len() > 35 || name.contains(['{', '}', ':'])) {
        return None;
    }
    Some(match place {
        Place::IsoName => pacs008_named(name),
        Place::IsoAddressLine => pacs008(&format!(
            "<Nm>ACCOUNT 7</Nm><PstlAdr><AdrLine>{}</AdrLine><Ctry>GB</Ctry></PstlAdr>",
            xml_text(name)
        )),
        Place::IsoSplitNameAndAddress => {
            let (first, rest) = name.split_once(' ')?;
            pacs008(&format!(
                "<Nm>{}</Nm><PstlAdr><AdrLine>{}</AdrLine><Ctry>GB</Ctry></PstlAdr>",
                xml_text(first),
                xml_text(rest)
            ))
        }
        Place::IsoTown => {
            pacs008(&format!("<Nm>ACCOUNT 7</Nm><PstlAdr><TwnNm>{}</TwnNm><Ctry>GB</Ctry></PstlAdr>", xml_text(name)))
        }
        Place::IsoUltimateCreditor => pacs008_with(
            "<Nm>J SMITH</Nm><PstlAdr><TwnNm>LEEDS</TwnNm><Ctry>GB</Ctry></PstlAdr>",
            &format!("<UltmtCdtr><Nm>{}</Nm></UltmtCdtr>", xml_text(name)),
            "RENT DECEMBER FLAT 3",
        ),
        Place::IsoRemittance => pacs008_with(
            "<Nm>J SMITH</Nm><PstlAdr><TwnNm>LEEDS</TwnNm><Ctry>GB</Ctry></PstlAdr>",
            "",
            &format!("INVOICE 4471 {name}"),
        ),
        Place::MtOrderingCustomer => mt103(&["ACCOUNT 7", name]),
        Place::MtBeneficiaryThirdLine => mt103_with(&["J SMITH", "LEEDS"], &["ACCOUNT 9", "LEEDS", name], "RENT"),
        Place::MtRemittance => mt103_with(&["J SMITH", "LEEDS"], &["NORTHERN HOMES LETTINGS LTD", "LEEDS"], name),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disguises_write_what_they_say() {
        let cases: [(Disguise, &str); 11] = [
            (Disguise::Lookalikes(vec![0]), "СHOE CHOL"),
            (Disguise::GreekLookalikes(vec![1]), "CΗOE CHOL"),
            (Disguise::Dotted(1), "CHOE C.H.O.L."),
            (Disguise::AllDotted, "C.H.O.E. C.H.O.L."),
            (Disguise::Spaced(0), "C H O E CHOL"),
            (Disguise::Override, "\u{202E}LOHC EOHC"),
            (Disguise::Inside("C/O"), "C/O CHOE CHOL"),
            (Disguise::Before("SUBSIDIARY"), "CHOE CHOL SUBSIDIARY"),
            (Disguise::ZeroWidth(vec![0]), "C\u{200B}HOE CHOL"),
            (Disguise::FullWidth, "ＣＨＯＥ\u{3000}ＣＨＯＬ"),
            (Disguise::Punctuated('-'), "CHOE-CHOL"),
        ];
        for (disguise, expected) in cases {
            assert_eq!(apply("CHOE CHOL", &disguise), expected, "{disguise:?}");
        }
    }

    #[test]
    fn mt_places_refuse_what_a_line_cannot_hold() {
        assert!(message(Place::MtOrderingCustomer, "СHOE").is_none());
        assert!(message(Place::MtRemittance, &"X".repeat(36)).is_none());
        assert!(message(Place::IsoSplitNameAndAddress, "ONEWORD").is_none());
        let mt = message(Place::MtBeneficiaryThirdLine, "CHOE CHOL MIN").unwrap();
        assert!(String::from_utf8(mt).unwrap().contains("ACCOUNT 9\nLEEDS\nCHOE CHOL MIN\n:70:"));
    }
}
