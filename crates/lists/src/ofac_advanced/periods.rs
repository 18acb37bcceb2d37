//! Dates as the OFAC advanced formats write them: each end of a period lies between two
//! bounds, and how far apart the bounds are says how precise the date is (a day, a
//! month, a year, a range of years).

use interdict_model::{BirthDate, PartialDate};

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Ymd {
    y: u16,
    m: u8,
    d: u8,
}

/// Days in month `m` of year `y`; 0 for a month that does not exist.
pub(super) fn days_in_month(y: u16, m: u8) -> u8 {
    use chrono::Datelike;
    let first = chrono::NaiveDate::from_ymd_opt(y.into(), m.into(), 1);
    let last = first.and_then(|f| f.checked_add_months(chrono::Months::new(1))).and_then(|next| next.pred_opt());
    last.map_or(0, |last| last.day() as u8)
}

impl Ymd {
    pub(super) fn new(y: u64, m: u64, d: u64) -> Option<Ymd> {
        let y = u16::try_from(y).ok().filter(|y| (1..=9999).contains(y))?;
        let m = u8::try_from(m).ok().filter(|m| (1..=12).contains(m))?;
        let d = u8::try_from(d).ok().filter(|&d| d >= 1 && d <= days_in_month(y, m))?;
        Some(Ymd { y, m, d })
    }

    /// `YYYY-MM-DD`, with or without a time part.
    pub(super) fn parse_iso(text: &str) -> Option<Ymd> {
        let date = text.trim().split(['T', ' ']).next()?;
        let mut parts = date.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 {
            return None;
        }
        Ymd::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    pub(super) fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }

    fn day(self) -> PartialDate {
        PartialDate::ymd(self.y, self.m, self.d)
    }

    fn month(self) -> PartialDate {
        PartialDate { year: self.y, month: Some(self.m), day: None }
    }
}

/// The partial date that covers exactly `a..=b`: one day, a whole month or a whole year.
fn span(a: Ymd, b: Ymd) -> Option<PartialDate> {
    if a == b {
        Some(a.day())
    } else if a.y == b.y && a.m == b.m && a.d == 1 && b.d == days_in_month(b.y, b.m) {
        Some(a.month())
    } else if a.y == b.y && (a.m, a.d) == (1, 1) && (b.m, b.d) == (12, 31) {
        Some(PartialDate::year(a.y))
    } else {
        None
    }
}

/// The ends of a range from `a` to `b`, as coarse as the bounds allow.
fn coarsen(a: Ymd, b: Ymd) -> (PartialDate, PartialDate) {
    if (a.m, a.d) == (1, 1) && (b.m, b.d) == (12, 31) {
        (PartialDate::year(a.y), PartialDate::year(b.y))
    } else if a.d == 1 && b.d == days_in_month(b.y, b.m) {
        (a.month(), b.month())
    } else {
        (a.day(), b.day())
    }
}

/// A date from OFAC's four bounds: the start lies within `start`, the end within `end`.
/// "1972" is written as start 1972-01-01..1972-01-01, end 1972-12-31..1972-12-31; "1951 to
/// 1953" as start 1951-01-01..1951-12-31, end 1953-01-01..1953-12-31.
pub(super) fn date_from_bounds(start: (Ymd, Ymd), end: (Ymd, Ymd), approximate: bool, range: bool) -> BirthDate {
    if !range {
        if let Some(date) = span(start.0, end.1) {
            return BirthDate { from: date, to: None, approximate };
        }
    }
    let (from, to) = match (start.0 == start.1 && end.0 == end.1, span(start.0, start.1), span(end.0, end.1)) {
        (false, Some(from), Some(to)) => (from, to),
        _ => coarsen(start.0, end.1),
    };
    if from == to {
        BirthDate { from, to: None, approximate }
    } else {
        BirthDate { from, to: Some(to), approximate }
    }
}

pub(super) fn describe_date(date: &BirthDate) -> String {
    let mut text = date.from.to_string();
    if let Some(to) = &date.to {
        text = format!("{text} to {to}");
    }
    if date.approximate {
        text = format!("circa {text}");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_bounds_keep_their_precision() {
        let d = |s: &str| Ymd::parse_iso(s).unwrap();
        let cases = [
            ((d("1972-01-01"), d("1972-01-01")), (d("1972-12-31"), d("1972-12-31")), false, "1972"),
            ((d("1961-04-01"), d("1961-04-01")), (d("1961-04-30"), d("1961-04-30")), false, "1961-04"),
            ((d("1964-02-01"), d("1964-02-01")), (d("1964-02-29"), d("1964-02-29")), false, "1964-02"),
            ((d("1978-04-03"), d("1978-04-03")), (d("1978-04-03"), d("1978-04-03")), false, "1978-04-03"),
            ((d("1951-01-01"), d("1951-12-31")), (d("1953-01-01"), d("1953-12-31")), true, "1951 to 1953"),
            ((d("1951-01-01"), d("1951-12-31")), (d("1953-01-01"), d("1953-12-31")), false, "1951 to 1953"),
            ((d("1960-01-01"), d("1960-01-01")), (d("1962-12-31"), d("1962-12-31")), false, "1960 to 1962"),
            ((d("1960-03-05"), d("1960-03-05")), (d("1960-07-09"), d("1960-07-09")), false, "1960-03-05 to 1960-07-09"),
        ];
        for (start, end, range, expected) in cases {
            assert_eq!(describe_date(&date_from_bounds(start, end, false, range)), expected, "{start:?} {end:?}");
        }
        assert_eq!(Ymd::parse_iso("1961-02-29"), None);
        assert_eq!(Ymd::parse_iso("2024-08-28T00:00:00").map(Ymd::iso).as_deref(), Some("2024-08-28"));
    }

    #[test]
    fn months_have_their_calendar_length() {
        let cases =
            [(2024, 2, 29), (2023, 2, 28), (1900, 2, 28), (2000, 2, 29), (2026, 4, 30), (2026, 12, 31), (2026, 13, 0)];
        for (y, m, days) in cases {
            assert_eq!(days_in_month(y, m), days, "{y}-{m}");
        }
    }
}
