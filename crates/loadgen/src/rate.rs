//! How fast a load test sends: as fast as the producer takes payments, or a fixed rate
//! reached after an optional linear ramp.

use std::time::Duration;

use crate::Error;

/// The target number of payments sent `t` into the run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rate {
    /// As fast as the producer takes them.
    Max,
    /// `per_second` payments a second, reached linearly over `ramp` (zero: at once).
    Fixed { per_second: f64, ramp: Duration },
}

impl std::str::FromStr for Rate {
    type Err = Error;

    /// `max`, or a number of payments a second above zero, reached at once.
    fn from_str(rate: &str) -> Result<Rate, Error> {
        if rate.eq_ignore_ascii_case("max") {
            return Ok(Rate::Max);
        }
        let per_second: f64 = rate.parse().map_err(|_| Error::Rate(format!("{rate:?}: a number or max")))?;
        if per_second <= 0.0 || !per_second.is_finite() {
            return Err(Error::Rate("must be above zero".into()));
        }
        Ok(Rate::Fixed { per_second, ramp: Duration::ZERO })
    }
}

impl Rate {
    /// How many payments should have been sent `t` into the run; `None` for [`Rate::Max`].
    pub fn due(&self, t: Duration) -> Option<u64> {
        let Rate::Fixed { per_second: r, ramp } = *self else { return None };
        let t = t.as_secs_f64();
        let ramp = ramp.as_secs_f64();
        let n = if t < ramp { r * t * t / (2.0 * ramp) } else { r * ramp / 2.0 + r * (t - ramp) };
        Some(n.floor() as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_schedules_fixed_and_ramped_sends() {
        let fixed = Rate::Fixed { per_second: 1000.0, ramp: Duration::ZERO };
        let ramped = Rate::Fixed { per_second: 1000.0, ramp: Duration::from_secs(10) };
        // (rate, at ms, due)
        let cases = [
            (fixed, 0, 0),
            (fixed, 1500, 1500),
            (ramped, 0, 0),
            (ramped, 5000, 1250),   // half way up the ramp: a quarter of the area
            (ramped, 10_000, 5000), // the ramp's triangle
            (ramped, 12_000, 7000), // then full rate
        ];
        for (rate, ms, due) in cases {
            assert_eq!(rate.due(Duration::from_millis(ms)), Some(due), "{rate:?} at {ms} ms");
        }
        assert_eq!(Rate::Max.due(Duration::from_secs(1)), None);
    }

    #[test]
    fn rates_read_as_max_or_a_positive_number() {
        assert_eq!("MAX".parse::<Rate>().unwrap(), Rate::Max);
        assert_eq!("250".parse::<Rate>().unwrap(), Rate::Fixed { per_second: 250.0, ramp: Duration::ZERO });
        for (rate, reason) in
            [("fast", "\"fast\": a number or max"), ("0", "must be above zero"), ("inf", "must be above zero")]
        {
            assert_eq!(rate.parse::<Rate>().unwrap_err().to_string(), format!("rate {reason}"), "{rate}");
        }
    }
}
