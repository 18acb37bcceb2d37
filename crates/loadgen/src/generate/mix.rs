//! The message formats the generator writes, and the weights ([`Mix`]) it mixes them in.

use std::str::FromStr;

/// A message format the generator writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// ISO 20022 FI to FI customer credit transfer, `pacs.008.001.08`, with a head.001 header.
    Pacs008,
    /// ISO 20022 FI credit transfer, `pacs.009.001.08`, plain or cover (COV).
    Pacs009,
    /// SWIFT MT103 single customer credit transfer.
    Mt103,
}

impl Format {
    pub fn as_str(&self) -> &'static str {
        match self {
            Format::Pacs008 => "pacs.008",
            Format::Pacs009 => "pacs.009",
            Format::Mt103 => "mt103",
        }
    }
}

/// Relative weights of the formats. Parsed from `pacs008=50,pacs009=20,mt103=30`; a
/// format left out weighs 0.
#[derive(Debug, Clone, PartialEq)]
pub struct Mix {
    pub pacs008: u32,
    pub pacs009: u32,
    pub mt103: u32,
}

impl Default for Mix {
    fn default() -> Self {
        Mix { pacs008: 50, pacs009: 20, mt103: 30 }
    }
}

impl std::fmt::Display for Mix {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "pacs008={},pacs009={},mt103={}", self.pacs008, self.pacs009, self.mt103)
    }
}

impl FromStr for Mix {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Mix, crate::Error> {
        let bad = |why: String| crate::Error::Mix(format!("{why} (expected e.g. pacs008=50,pacs009=20,mt103=30)"));
        let mut weights = [None::<u32>; 3];
        for entry in s.split(',') {
            let entry = entry.trim();
            if entry.is_empty() {
                return Err(bad(format!("{s:?} has an empty entry")));
            }
            let (name, weight) = entry.split_once('=').ok_or_else(|| bad(format!("{entry:?} is not FORMAT=WEIGHT")))?;
            let slot = match name.trim().to_ascii_lowercase().as_str() {
                "pacs008" | "pacs.008" => 0,
                "pacs009" | "pacs.009" => 1,
                "mt103" => 2,
                other => return Err(bad(format!("unknown format {other:?}: the formats are pacs008, pacs009, mt103"))),
            };
            let weight: u32 = weight.trim().parse().map_err(|_| {
                bad(format!("the weight of {} is {:?}, not a whole number", name.trim(), weight.trim()))
            })?;
            if weights[slot].replace(weight).is_some() {
                return Err(bad(format!("{} is given twice", name.trim())));
            }
        }
        let [pacs008, pacs009, mt103] = weights.map(|w| w.unwrap_or(0));
        if u64::from(pacs008) + u64::from(pacs009) + u64::from(mt103) == 0 {
            return Err(bad(format!("{s:?} gives every format weight 0")));
        }
        Ok(Mix { pacs008, pacs009, mt103 })
    }
}
