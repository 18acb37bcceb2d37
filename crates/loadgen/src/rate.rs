//! How fast a load test sends: as fast as the producer takes payments, or a fixed rate
//! reached after an optional linear ramp.

use std::time::Duration;

/// The target number of payments sent `t` into the run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rate {
    /// As fast as the producer takes them.
    Max,
    /// `per_second` payments a second, reached linearly over `ramp` (zero: at once).
    Fixed { per_second: f64, ramp: Duration },
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
}
