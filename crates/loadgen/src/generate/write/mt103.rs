//! SWIFT MT103, the single customer credit transfer: blocks 1 to 5, fields 20 to 71A, in
//! the SWIFT X character set with 35-character lines.

use std::fmt::Write as _;

use rand::Rng;

use super::content::{amount, reference, remittance, write_amount};
use super::{cut_chars, Role, Writer, MT_DATE};
use crate::generate::parties::{street_line, town_line, Party};
use crate::generate::random::{alnum, pick, uuid};
use crate::generate::ListedName;
use crate::names;

/// SWIFT lines hold 35 characters.
const MT_LINE: usize = 35;

/// The SWIFT X transliteration of a letter outside ASCII, in lower case.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ı' | 'ī' | 'i' => "i",
        'ł' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ś' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// Text in the SWIFT X character set: letters transliterated, `&` written `+`, other
/// characters outside the set become spaces; spaces collapsed.
fn swift_x(s: &str, upper: bool) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    let mut space = true;
    let mut push = |out: &mut String, c: char| {
        if c == ' ' {
            if !space {
                out.push(' ');
                space = true;
            }
        } else {
            out.push(if upper { c.to_ascii_uppercase() } else { c });
            space = false;
        }
    };
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || "/-?:().,'+ ".contains(c) {
            push(&mut out, c);
        } else if c == '&' {
            push(&mut out, '+');
        } else if let Some(folded) = c.to_lowercase().next().and_then(fold) {
            let capital = c.is_uppercase() || c == 'İ';
            for f in folded.chars() {
                push(&mut out, if capital { f.to_ascii_uppercase() } else { f });
            }
        } else {
            push(&mut out, ' ');
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

impl Writer<'_> {
    /// One MT line: SWIFT X characters, at most 35, never starting with `:` or `-`
    /// (which would read as a new field or the end of the text).
    fn mt_line(&mut self, text: &str, upper: bool) {
        let x = swift_x(text, upper);
        let line = x.trim_start_matches([':', '-', ' ']);
        self.out.push_str(cut_chars(line, MT_LINE));
        self.out.push('\n');
    }

    /// Field 50K or 59: account, name (a long name continues on the next line), address.
    fn mt_party(&mut self, tag: &str, party: &Party, hit: bool) {
        let _ = writeln!(self.out, ":{tag}:/{}", party.account);
        let upper = party.mt_upper && !hit;
        let name = swift_x(&party.name, upper);
        let name = name.trim_start_matches([':', '-', ' ']);
        let mut lines = 1;
        if name.len() > MT_LINE {
            // ASCII after swift_x, so byte offsets are character offsets.
            self.out.push_str(name[..MT_LINE].trim_end());
            self.out.push('\n');
            let rest = name[MT_LINE..].trim_start_matches([':', '-', ' ']);
            if !rest.is_empty() {
                self.out.push_str(cut_chars(rest, MT_LINE));
                self.out.push('\n');
                lines += 1;
            }
        } else {
            self.out.push_str(name);
            self.out.push('\n');
        }
        let street = street_line(party);
        self.mt_line(&street, party.mt_upper);
        let town = town_line(party);
        self.mt_line(&town, party.mt_upper);
        if lines == 1 {
            let country = party.locale.country_name;
            self.mt_line(country, party.mt_upper);
        }
    }

    /// Writes an MT103; for a hit, returns the listed name as the message carries it (in
    /// SWIFT X characters; a name longer than a line is carried on two).
    pub(crate) fn mt103(&mut self, hit: Option<&ListedName>) -> Option<String> {
        let role = self.pick_role(&[Role::Debtor, Role::Creditor]);
        let c = self.customers(hit.map(|h| (h, role, true)));
        let reference = reference(self.key, self.run_id, self.count, 16);
        let session = self.rng.random_range(1000..10000u32);
        let sequence = self.rng.random_range(100_000..1_000_000u32);
        let _ = write!(
            self.out,
            "{{1:F01{}A{}{session}{sequence}}}{{2:I103{}X{}N}}{{3:{{108:",
            c.debtor_bank.bic8(),
            c.debtor_bank.branch(),
            c.creditor_bank.bic8(),
            c.creditor_bank.branch(),
        );
        for _ in 0..12 {
            let ch = alnum(self.rng);
            self.out.push(ch);
        }
        self.out.push_str("}{121:");
        uuid(self.rng, &mut self.out);
        let _ = write!(self.out, "}}}}{{4:\n:20:{reference}\n:23B:CRED\n:32A:{MT_DATE}{}", c.debtor.locale.currency);
        let (median, sigma) = if c.personal { (220.0, 1.4) } else { (1800.0, 1.7) };
        let minor = amount(self.rng, c.debtor.locale, median, sigma);
        write_amount(&mut self.out, minor, c.debtor.locale.decimals, ',');
        self.out.push('\n');
        self.mt_party("50K", &c.debtor, hit.is_some() && role == Role::Debtor);
        let _ = writeln!(self.out, ":52A:{}", c.debtor_bank.bic);
        let _ = writeln!(self.out, ":57A:{}", c.creditor_bank.bic);
        self.mt_party("59", &c.creditor, hit.is_some() && role == Role::Creditor);
        let templates = if c.personal { &names::PERSONAL_REMITTANCE } else { &names::BUSINESS_REMITTANCE };
        let mut text = String::with_capacity(48);
        remittance(self.rng, templates, &mut text);
        self.out.push_str(":70:");
        self.mt_line(&text, true);
        let charges = *pick(self.rng, &["SHA", "SHA", "SHA", "SHA", "OUR", "OUR", "BEN"]);
        let _ = write!(self.out, ":71A:{charges}\n-}}{{5:{{CHK:");
        for _ in 0..12 {
            let h = self.rng.random_range(0..16u8);
            self.out.push(char::from_digit(u32::from(h), 16).unwrap_or('0').to_ascii_uppercase());
        }
        self.out.push_str("}}");
        c.hit_name.map(|n| swift_x(&n, false).trim_start_matches([':', '-', ' ']).to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swift_x_transliterates() {
        assert_eq!(swift_x("Müller & Söhne GmbH; Łódź", true), "MULLER + SOHNE GMBH LODZ");
        assert_eq!(swift_x("Straße İstanbul", false), "Strasse Istanbul");
    }
}
