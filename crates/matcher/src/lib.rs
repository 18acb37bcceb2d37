//! Scores a name against the index and explains every alert.
//!
//! Given a name as a payment carries it, [`Matcher::search`] finds candidate listed
//! names through the index (exact tokens and phonetic keys), pairs the query's tokens
//! with each candidate's tokens, and scores the pairing from 0 to 1, weighting each
//! token by its rarity in the lists (a shared `KIM` says less than a shared `SUNGATOV`).
//! Each [`Alert`] carries a sentence saying which tokens paired and how.
//!
//! What it is not for: parsing payments or deciding a payment's verdict (see the
//! screening crate), or building the index.
//!
//! ```
//! use interdict_index::{build, Index, SourceMeta};
//! use interdict_matcher::{Matcher, MatchConfig};
//! use interdict_model::{Entity, EntityKind};
//!
//! let e = Entity::new("ofac-sdn:43598", "ofac-sdn", EntityKind::Person, "CHOE, Chol Min");
//! let index = Index::from_bytes(build(vec![e], vec![], "2026-01-01T00:00:00Z").unwrap()).unwrap();
//! let matcher = Matcher::new(&index, MatchConfig::default());
//! let alerts = matcher.search("Min Chol CHOE");
//! assert_eq!(index.entity(alerts[0].entity).id.as_str(), "ofac-sdn:43598");
//! assert!(alerts[0].score > 0.9);
//! ```
//!
//! Cost: one normalisation, one fst lookup per query token and phonetic key, then work
//! proportional to the postings of the query's rarer tokens.

use std::collections::HashMap;

use interdict_index::Index;
use interdict_model::NameRole;
use interdict_text::{normalize, phonetic_key};

/// The default alert threshold: scores at or above it are alerts.
pub const DEFAULT_THRESHOLD: f64 = 0.85;

/// Token pairs below this similarity do not count as a match.
const MIN_TOKEN_SIMILARITY: f64 = 0.80;

/// Postings longer than this are not used to find candidates when the query has a
/// rarer token (the rarer token finds the same names at a fraction of the cost).
const COMMON_TOKEN_POSTINGS: usize = 2_000;

#[derive(Debug, Clone, PartialEq)]
pub struct MatchConfig {
    /// Alerts score at least this much (0–1).
    pub threshold: f64,
    /// At most this many alerts per query, best first.
    pub max_alerts: usize,
}

impl Default for MatchConfig {
    fn default() -> Self {
        MatchConfig { threshold: DEFAULT_THRESHOLD, max_alerts: 10 }
    }
}

/// A listed name that matched the query.
#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    /// Entity position in the index.
    pub entity: u32,
    /// Name position in the index (the listed name that matched best).
    pub name: u32,
    pub score: f64,
    /// Which tokens paired and how, for an analyst.
    pub explanation: String,
}

/// How a query token paired with a listed token.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Pairing {
    Exact,
    Phonetic(f64),
}

impl Pairing {
    fn similarity(self) -> f64 {
        match self {
            Pairing::Exact => 1.0,
            Pairing::Phonetic(s) => s,
        }
    }
}

/// Scores names against one index.
pub struct Matcher<'i> {
    index: &'i Index,
    config: MatchConfig,
    name_count: f64,
}

impl<'i> Matcher<'i> {
    pub fn new(index: &'i Index, config: MatchConfig) -> Self {
        let name_count = index.name_count().max(1) as f64;
        Matcher { index, config, name_count }
    }

    pub fn config(&self) -> &MatchConfig {
        &self.config
    }

    /// Rarity weight of a token held by `df` names: rare tokens weigh more.
    fn weight(&self, df: usize) -> f64 {
        (1.0 + self.name_count / (df.max(1) as f64)).ln()
    }

    fn token_weight(&self, token_id: u32) -> f64 {
        self.weight(self.index.names_with_token(token_id).len())
    }

    /// Alerts for one name, best first, at or above the threshold.
    pub fn search(&self, query: &str) -> Vec<Alert> {
        let normalized = normalize(query);
        if normalized.is_empty() {
            return Vec::new();
        }
        let query_tokens: Vec<&str> = normalized.split(' ').collect();

        // Index tokens each query token may pair with.
        let options: Vec<Vec<(u32, Pairing)>> = query_tokens.iter().map(|qt| self.token_options(qt)).collect();
        // A query token the lists do not hold is as rare as a token can be.
        let max_weight = self.weight(1);
        let query_weights: Vec<f64> = options
            .iter()
            .map(|opts| match opts.iter().find(|(_, p)| *p == Pairing::Exact) {
                Some((t, _)) => self.token_weight(*t),
                None => max_weight,
            })
            .collect();

        let candidates = self.candidates(&options);
        let mut best: HashMap<u32, Alert> = HashMap::new();
        for name_id in candidates {
            if let Some(alert) = self.score_name(name_id, &query_tokens, &options, &query_weights) {
                if alert.score < self.config.threshold {
                    continue;
                }
                match best.get(&alert.entity) {
                    Some(b) if b.score >= alert.score => {}
                    _ => {
                        best.insert(alert.entity, alert);
                    }
                }
            }
        }
        let mut alerts: Vec<Alert> = best.into_values().collect();
        alerts.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entity.cmp(&b.entity)));
        alerts.truncate(self.config.max_alerts);
        alerts
    }

    fn token_options(&self, query_token: &str) -> Vec<(u32, Pairing)> {
        let mut out = Vec::new();
        let exact = self.index.token_id(query_token);
        if let Some(t) = exact {
            out.push((t, Pairing::Exact));
        }
        for t in self.index.tokens_with_phonetic_key(&phonetic_key(query_token)) {
            let t = t.to_native();
            if Some(t) == exact {
                continue;
            }
            let sim = strsim::jaro_winkler(query_token, self.index.token(t));
            if sim >= MIN_TOKEN_SIMILARITY {
                out.push((t, Pairing::Phonetic(sim)));
            }
        }
        out
    }

    /// Names sharing at least one (exact or phonetic) token with the query, using the
    /// rarer tokens when the query has any.
    fn candidates(&self, options: &[Vec<(u32, Pairing)>]) -> Vec<u32> {
        let postings_len = |opts: &Vec<(u32, Pairing)>| -> usize {
            opts.iter().map(|(t, _)| self.index.names_with_token(*t).len()).sum()
        };
        let has_rare = options.iter().any(|o| !o.is_empty() && postings_len(o) <= COMMON_TOKEN_POSTINGS);
        let mut out = Vec::new();
        for opts in options {
            if has_rare && postings_len(opts) > COMMON_TOKEN_POSTINGS {
                continue;
            }
            for (t, _) in opts {
                out.extend(self.index.names_with_token(*t).iter().map(|n| n.to_native()));
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    fn score_name(
        &self,
        name_id: u32,
        query_tokens: &[&str],
        options: &[Vec<(u32, Pairing)>],
        query_weights: &[f64],
    ) -> Option<Alert> {
        let name = self.index.name(name_id);
        let name_tokens: Vec<u32> = name.tokens.iter().map(|t| t.to_native()).collect();
        // Every possible (query token, name token position) pair, best first; then a
        // greedy one-to-one assignment.
        let mut pairs: Vec<(f64, usize, usize, Pairing)> = Vec::new();
        for (qi, opts) in options.iter().enumerate() {
            for (ni, nt) in name_tokens.iter().enumerate() {
                if let Some((_, p)) = opts.iter().find(|(t, _)| t == nt) {
                    pairs.push((p.similarity(), qi, ni, *p));
                }
            }
        }
        if pairs.is_empty() {
            return None;
        }
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut query_used = vec![false; query_tokens.len()];
        let mut name_used = vec![false; name_tokens.len()];
        let mut chosen = Vec::new();
        for (sim, qi, ni, p) in pairs {
            if !query_used[qi] && !name_used[ni] {
                query_used[qi] = true;
                name_used[ni] = true;
                chosen.push((qi, ni, p, sim));
            }
        }

        let name_weights: Vec<f64> = name_tokens.iter().map(|t| self.token_weight(*t)).collect();
        let total_q: f64 = query_weights.iter().sum();
        let total_n: f64 = name_weights.iter().sum();
        let matched_q: f64 = chosen.iter().map(|(qi, _, _, sim)| query_weights[*qi] * sim).sum();
        let matched_n: f64 = chosen.iter().map(|(_, ni, _, sim)| name_weights[*ni] * sim).sum();
        let coverage_q = matched_q / total_q.max(f64::MIN_POSITIVE);
        let coverage_n = matched_n / total_n.max(f64::MIN_POSITIVE);
        // The listed name's tokens matter most: a payment may add a middle name, but
        // a listed name missing half its tokens is a different party.
        let score = (0.6 * coverage_n + 0.4 * coverage_q).clamp(0.0, 1.0);

        let role = NameRole::from(&name.role);
        let mut parts = Vec::new();
        let mut chosen_sorted = chosen.clone();
        chosen_sorted.sort_by_key(|(qi, _, _, _)| *qi);
        for (qi, ni, p, _) in &chosen_sorted {
            let listed = self.index.token(name_tokens[*ni]);
            parts.push(match p {
                Pairing::Exact => format!("{} = {}", query_tokens[*qi], listed),
                Pairing::Phonetic(s) => {
                    format!("{} ~ {} (sounds alike, similarity {:.2})", query_tokens[*qi], listed, s)
                }
            });
        }
        let unmatched: Vec<&str> =
            query_tokens.iter().enumerate().filter(|(i, _)| !query_used[*i]).map(|(_, t)| *t).collect();
        let mut explanation = format!(
            "\"{}\" matches {} \"{}\": {}; {}/{} listed tokens paired",
            query_tokens.join(" "),
            role_phrase(role),
            name.text.as_str(),
            parts.join(", "),
            chosen.len(),
            name_tokens.len(),
        );
        if !unmatched.is_empty() {
            explanation.push_str(&format!("; unpaired in query: {}", unmatched.join(" ")));
        }
        explanation.push_str(&format!("; score {score:.2}"));
        Some(Alert { entity: name.entity.to_native(), name: name_id, score, explanation })
    }
}

fn role_phrase(role: NameRole) -> &'static str {
    match role {
        NameRole::Primary => "the listed name",
        NameRole::StrongAlias => "the alias",
        NameRole::WeakAlias => "the weak alias",
        NameRole::OriginalScript => "the original-script name",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use interdict_index::build;
    use interdict_model::{Alias, AliasKind, Entity, EntityKind, Strength};

    fn index() -> Index {
        let mut choe = Entity::new("ofac-sdn:43598", "ofac-sdn", EntityKind::Person, "CHOE, Chol Min");
        choe.aliases.push(Alias { name: "CHOE, Chol-min".into(), kind: AliasKind::Aka, strength: Strength::Strong });
        let mut academy =
            Entity::new("ofac-sdn:12215", "ofac-sdn", EntityKind::Organization, "SECOND ACADEMY OF NATURAL SCIENCES");
        academy.aliases.push(Alias {
            name: "2ND ACADEMY OF NATURAL SCIENCES".into(),
            kind: AliasKind::Aka,
            strength: Strength::Strong,
        });
        let mut entities = vec![choe, academy];
        for (i, name) in
            ["KIM, Jong Un", "KIM, Yong Chol", "EMMA LLC", "MOHAMMED, Ali", "PARK TRADING CORP"].iter().enumerate()
        {
            entities.push(Entity::new(&format!("t:{i}"), "t", EntityKind::Unknown, name));
        }
        Index::from_bytes(build(entities, vec![], "2026-01-01T00:00:00Z").unwrap()).unwrap()
    }

    fn ids(index: &Index, alerts: &[Alert]) -> Vec<String> {
        alerts.iter().map(|a| index.entity(a.entity).id.to_string()).collect()
    }

    #[test]
    fn seed_cases_find_their_entities() {
        let index = index();
        let matcher = Matcher::new(&index, MatchConfig::default());
        let cases = [
            ("Choe Chol Min", "ofac-sdn:43598"),
            ("CHOE, Chol-min", "ofac-sdn:43598"),
            ("MIN CHOL CHOE", "ofac-sdn:43598"),
            ("Second Academy of Natural Sciences", "ofac-sdn:12215"),
            ("2nd academy of natural sciences", "ofac-sdn:12215"),
        ];
        for (query, expected) in cases {
            let alerts = matcher.search(query);
            assert_eq!(ids(&index, &alerts).first().map(String::as_str), Some(expected), "{query}: {alerts:?}");
        }
    }

    #[test]
    fn unrelated_names_do_not_alert() {
        let index = index();
        let matcher = Matcher::new(&index, MatchConfig::default());
        for query in ["EMMA DANIELS", "Kim Min-jun", "", "---", "Academy"] {
            let alerts = matcher.search(query);
            assert!(alerts.is_empty(), "{query}: {alerts:?}");
        }
    }

    #[test]
    fn explanations_name_the_pairs() {
        let index = index();
        let matcher = Matcher::new(&index, MatchConfig::default());
        let alert = &matcher.search("Choe Cheol Min")[0];
        assert!(alert.explanation.contains("choe = choe"), "{}", alert.explanation);
        assert!(alert.explanation.contains("cheol ~ chol"), "{}", alert.explanation);
        assert!(alert.score < 1.0 && alert.score >= DEFAULT_THRESHOLD, "{}", alert.score);
    }

    #[test]
    fn threshold_and_limit_apply() {
        let index = index();
        let strict = Matcher::new(&index, MatchConfig { threshold: 1.0, max_alerts: 10 });
        assert!(strict.search("Choe Cheol Min").is_empty());
        assert_eq!(strict.search("Choe Chol Min").len(), 1);
        let loose = Matcher::new(&index, MatchConfig { threshold: 0.0, max_alerts: 1 });
        assert_eq!(loose.search("Kim").len(), 1);
    }
}
