//! Date parsing shared by the list parsers.
//!
//! Lists write dates of birth many ways: `03 Apr 1978`, `Apr 1978`, `1978`,
//! `circa 1960`, `1955 to 1958`, `1978-04-03`, `03/04/1978` (EU, day first),
//! `05/06/2024` (OFAC publish dates, month first). Each function says which it reads.

use interdict_model::{BirthDate, PartialDate};

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

fn month_number(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS.iter().position(|m| w.starts_with(m)).map(|i| i as u8 + 1)
}

fn year(word: &str) -> Option<u16> {
    let y: u16 = word.parse().ok()?;
    (1000..=2999).contains(&y).then_some(y)
}

fn valid(date: PartialDate) -> Option<PartialDate> {
    if let Some(m) = date.month {
        if !(1..=12).contains(&m) {
            return None;
        }
    }
    if let Some(d) = date.day {
        if !(1..=31).contains(&d) {
            return None;
        }
    }
    Some(date)
}

/// Reads one date in the OFAC remarks style: `03 Apr 1978`, `Apr 1978`, `1978`,
/// or ISO `1978-04-03` / `1978-04` / `1978`.
pub fn parse_partial(text: &str) -> Option<PartialDate> {
    let text = text.trim().trim_end_matches('.');
    if let Some(d) = parse_iso(text) {
        return Some(d);
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    match words.as_slice() {
        [y] => Some(PartialDate::year(year(y)?)),
        [m, y] => valid(PartialDate { year: year(y)?, month: Some(month_number(m)?), day: None }),
        [d, m, y] => valid(PartialDate { year: year(y)?, month: Some(month_number(m)?), day: Some(d.parse().ok()?) }),
        _ => None,
    }
}

/// Reads `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, ignoring a time part (`T00:00:00`).
pub fn parse_iso(text: &str) -> Option<PartialDate> {
    let text = text.trim();
    let date = text.split(['T', ' ']).next()?;
    let parts: Vec<&str> = date.split('-').collect();
    match parts.as_slice() {
        [y] if y.len() == 4 => Some(PartialDate::year(year(y)?)),
        [y, m] if y.len() == 4 => valid(PartialDate { year: year(y)?, month: Some(m.parse().ok()?), day: None }),
        [y, m, d] if y.len() == 4 => {
            valid(PartialDate { year: year(y)?, month: Some(m.parse().ok()?), day: Some(d.parse().ok()?) })
        }
        _ => None,
    }
}

/// Reads `MM/DD/YYYY` (US order, as in OFAC's `Publish_Date`) into ISO `YYYY-MM-DD`.
pub fn us_date_to_iso(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.trim().split('/').collect();
    if let [m, d, y] = parts.as_slice() {
        let date = valid(PartialDate { year: year(y)?, month: Some(m.parse().ok()?), day: Some(d.parse().ok()?) })?;
        return Some(date.to_string());
    }
    None
}

/// Reads `DD/MM/YYYY` (European order, as in the UK list) into a date.
pub fn parse_day_first(text: &str) -> Option<PartialDate> {
    let parts: Vec<&str> = text.trim().split('/').collect();
    match parts.as_slice() {
        [d, m, y] => {
            // The UK list writes unknown parts as 00: `00/00/1964`.
            let day: u8 = d.parse().ok()?;
            let month: u8 = m.parse().ok()?;
            valid(PartialDate {
                year: year(y)?,
                month: (month != 0).then_some(month),
                day: (day != 0 && month != 0).then_some(day),
            })
        }
        [y] => Some(PartialDate::year(year(y)?)),
        _ => None,
    }
}

/// Reads a birth date phrase: a date, `circa <date>`, `<date> to <date>`.
pub fn parse_birth_date(text: &str) -> Option<BirthDate> {
    let text = text.trim().trim_end_matches('.').trim();
    let lower = text.to_ascii_lowercase();
    let (approximate, rest) = match lower.strip_prefix("circa ").or_else(|| lower.strip_prefix("approximately ")) {
        Some(_) => (true, &text[text.find(' ').unwrap_or(0) + 1..]),
        None => (false, text),
    };
    if let Some((a, b)) = rest.split_once(" to ").or_else(|| rest.split_once(" - ")) {
        return Some(BirthDate { from: parse_partial(a)?, to: Some(parse_partial(b)?), approximate });
    }
    Some(BirthDate { from: parse_partial(rest)?, to: None, approximate })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn birth_date_phrases() {
        type Expected<'a> = Option<(&'a str, Option<&'a str>, bool)>;
        let cases: &[(&str, Expected)] = &[
            ("03 Apr 1978", Some(("1978-04-03", None, false))),
            ("Apr 1978", Some(("1978-04", None, false))),
            ("1962", Some(("1962", None, false))),
            ("circa 1960", Some(("1960", None, true))),
            ("1955 to 1958", Some(("1955", Some("1958"), false))),
            ("circa 01 Jan 1950 to 31 Dec 1951", Some(("1950-01-01", Some("1951-12-31"), true))),
            ("1978-04-03", Some(("1978-04-03", None, false))),
            ("32 Jan 1978", None),
            ("sometime", None),
            ("", None),
        ];
        for (text, expected) in cases {
            let got = parse_birth_date(text).map(|b| (b.from.to_string(), b.to.map(|t| t.to_string()), b.approximate));
            let expected = expected.map(|(f, t, a)| (f.to_string(), t.map(str::to_string), a));
            assert_eq!(got, expected, "{text}");
        }
    }

    #[test]
    fn fixed_order_formats() {
        assert_eq!(us_date_to_iso("05/06/2024").as_deref(), Some("2024-05-06"));
        assert_eq!(us_date_to_iso("13/06/2024"), None);
        assert_eq!(parse_day_first("31/12/1964").map(|d| d.to_string()).as_deref(), Some("1964-12-31"));
        assert_eq!(parse_day_first("00/00/1964").map(|d| d.to_string()).as_deref(), Some("1964"));
        assert_eq!(parse_iso("2026-02-27T00:00:09.554Z").map(|d| d.to_string()).as_deref(), Some("2026-02-27"));
    }
}
