//! When a decision on a held payment is due: by message format and amount band.

use chrono::Duration;
use serde::{Deserialize, Serialize};

use interdict_model::record::ReviewRecord;

/// One rule: payments of this format (any, when absent) of at least this amount (any,
/// when absent) are due within `minutes`. The first rule that matches gives the time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DueRule {
    /// A message format as verdicts name it (`pacs.008`, `MT103`...).
    #[serde(default)]
    pub format: Option<String>,
    /// The smallest amount the rule covers, in the payment's currency units.
    #[serde(default)]
    pub min_amount: Option<f64>,
    pub minutes: i64,
}

/// Due times. The defaults: large payments (one million or more in their currency)
/// within one hour, since a high-value wire held longer misses its settlement cut-off;
/// every other payment within four hours, inside one business day's release window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DuePolicy {
    pub rules: Vec<DueRule>,
    /// For a payment no rule covers.
    pub default_minutes: i64,
}

impl Default for DuePolicy {
    fn default() -> Self {
        DuePolicy {
            rules: vec![DueRule { format: None, min_amount: Some(1_000_000.0), minutes: 60 }],
            default_minutes: 240,
        }
    }
}

impl DuePolicy {
    /// How long the analysts have for `record`. A message of several transactions is due
    /// by its largest amount.
    pub fn within(&self, record: &ReviewRecord) -> Duration {
        let format = record.verdict.format.map(|f| f.as_str().to_string());
        let amount = largest_amount(record);
        let rule = self.rules.iter().find(|r| {
            r.format.as_ref().is_none_or(|f| Some(f) == format.as_ref())
                && r.min_amount.is_none_or(|min| amount.is_some_and(|a| a >= min))
        });
        Duration::minutes(rule.map_or(self.default_minutes, |r| r.minutes))
    }
}

/// The largest amount of the payment's transactions, as a number.
fn largest_amount(record: &ReviewRecord) -> Option<f64> {
    record
        .payment
        .transactions
        .iter()
        .filter_map(|t| t.amount.as_ref())
        .filter_map(|a| a.value.trim().replace(',', ".").parse::<f64>().ok())
        .filter(|v| v.is_finite())
        .max_by(f64::total_cmp)
}
