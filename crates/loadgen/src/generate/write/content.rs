//! What every format carries besides its parties: the amount (log-normal, in the debtor
//! locale's currency), the remittance text, the message reference.

use std::fmt::Write as _;

use rand::rngs::StdRng;
use rand::Rng;

use crate::generate::random::{digit, pick, pick_str};
use crate::names::{self, Locale};

/// A log-normal amount in US dollars, as minor units of the locale's currency.
pub(crate) fn amount(rng: &mut StdRng, l: &Locale, median_usd: f64, sigma: f64) -> u64 {
    let u1: f64 = 1.0 - rng.random::<f64>();
    let u2: f64 = rng.random::<f64>();
    let z = (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
    let usd = (median_usd.ln() + sigma * z).exp().clamp(1.0, 50_000_000.0);
    let mut local = usd * l.usd_rate;
    if local > 500.0 && rng.random_bool(0.15) {
        // Rents, salaries and deposits are often round.
        local = (local / 100.0).round() * 100.0;
    }
    let scale = 10f64.powi(i32::from(l.decimals));
    ((local * scale).round() as u64).max(1)
}

pub(crate) fn write_amount(out: &mut String, minor: u64, decimals: u8, separator: char) {
    if decimals == 0 {
        let _ = write!(out, "{minor}");
        if separator == ',' {
            out.push(',');
        }
    } else {
        let scale = 10u64.pow(u32::from(decimals));
        let _ = write!(out, "{}{}{:0width$}", minor / scale, separator, minor % scale, width = usize::from(decimals));
    }
}

pub(crate) fn remittance(rng: &mut StdRng, templates: &[&str], out: &mut String) {
    let template = *pick(rng, templates);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else { break };
        let token = &rest[open + 1..open + close];
        match token {
            "MONTH" => out.push_str(pick_str(rng, &names::MONTHS)),
            "YEAR" => out.push_str(if rng.random_bool(0.8) { "2026" } else { "2025" }),
            "DATE" => {
                let _ = write!(out, "2026-{:02}-{:02}", rng.random_range(1..12), rng.random_range(1..29));
            }
            "D" => out.push(char::from(b'1' + rng.random_range(0..4u8))),
            "Q" => out.push(char::from(b'1' + rng.random_range(0..4u8))),
            "N" => {
                let _ = write!(out, "{}", rng.random_range(1..40));
            }
            "L" => out.push(char::from(b'A' + rng.random_range(0..6u8))),
            digits => {
                for i in 0..digits.len() {
                    out.push(if i == 0 { char::from(b'1' + rng.random_range(0..9u8)) } else { digit(rng) });
                }
            }
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
}

/// The message reference: the key when it fits `max` characters of the SWIFT X set
/// (letters, digits, `-`, `.`), else the run id's letters and digits cut to fit, `-`,
/// and the payment's number.
pub(crate) fn reference(key: &str, run_id: &str, count: u64, max: usize) -> String {
    let fits = key.len() <= max
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        && !key.starts_with(['-', '.']);
    if fits {
        return key.to_string();
    }
    let number = count.to_string();
    let room = max.saturating_sub(number.len() + 1);
    let mut out: String = run_id.chars().filter(char::is_ascii_alphanumeric).take(room).collect();
    if out.is_empty() {
        out.push_str("LG");
        out.truncate(room);
    }
    out.push('-');
    out.push_str(&number);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_fit_their_field() {
        assert_eq!(reference("lg-12", "lg", 12, 16), "lg-12");
        assert_eq!(reference("load test run 7-12", "load test run 7", 12, 16), "loadtestrun7-12");
        assert_eq!(reference("&&-3", "&&", 3, 16), "LG-3");
    }
}
