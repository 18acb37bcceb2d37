//! The embargo policy: countries and regions under comprehensive sanctions, with the
//! names and cities that place an address there.

use aho_corasick::AhoCorasick;
use serde::Deserialize;

use crate::Error;

/// The policy shipped with Interdict (`data/embargo.toml`): KP, IR, CU, SY, and the
/// Crimea, Donetsk and Luhansk regions of Ukraine.
pub const DEFAULT_POLICY: &str = include_str!("../data/embargo.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    #[serde(default)]
    country: Vec<CountryRule>,
    #[serde(default)]
    region: Vec<RegionRule>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryRule {
    code: toml::Spanned<String>,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    cities: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionRule {
    name: String,
    country: toml::Spanned<String>,
    #[serde(default)]
    names: Vec<String>,
}

/// What a place name in an address stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The embargoed jurisdiction: a country code (`KP`) or a region name (`Crimea`).
    pub jurisdiction: String,
    /// The name as the policy writes it (`Pyongyang`, `Sevastopol`).
    pub name: String,
    /// `country`, `city` or `region`.
    pub what: &'static str,
}

/// A compiled policy: embargoed country codes, and an automaton over the place names.
#[derive(Debug, Clone)]
pub struct Policy {
    countries: Vec<String>,
    places: Vec<Place>,
    automaton: AhoCorasick,
    /// SHA-256 of the text it was read from, in hex: what a decision names.
    sha256: String,
}

/// An ISO 3166 alpha-2 code, upper case, or why not (with the line of the value).
fn country_code(text: &str, value: &toml::Spanned<String>) -> Result<String, Error> {
    let code = value.get_ref().trim().to_ascii_uppercase();
    if code.len() == 2 && interdict_model::countries::is_code(&code) {
        return Ok(code);
    }
    let line = text[..value.span().start.min(text.len())].matches('\n').count() + 1;
    Err(Error::Policy(format!("line {line}: {:?} is not an ISO 3166 alpha-2 country code", value.get_ref())))
}

impl Policy {
    /// Reads a policy in the TOML format of `data/embargo.toml`. Errors name the line.
    pub fn from_toml(text: &str) -> Result<Policy, Error> {
        // toml's message names the line and column, and quotes the line.
        let file: PolicyFile =
            toml::from_str(text).map_err(|e| Error::Policy(e.to_string().trim_end().replace('\n', " ")))?;
        let mut countries = Vec::new();
        let mut places = Vec::new();
        for c in &file.country {
            let code = country_code(text, &c.code)?;
            countries.push(code.clone());
            for n in &c.names {
                places.push(Place { jurisdiction: code.clone(), name: n.clone(), what: "country" });
            }
            for n in &c.cities {
                places.push(Place { jurisdiction: code.clone(), name: n.clone(), what: "city" });
            }
        }
        for r in &file.region {
            let country = country_code(text, &r.country)?;
            for n in std::iter::once(&r.name).chain(&r.names) {
                places.push(Place { jurisdiction: format!("{} ({country})", r.name), name: n.clone(), what: "region" });
            }
        }
        let patterns: Vec<String> =
            places.iter().map(|p| format!(" {} ", interdict_text::normalize(&p.name))).collect();
        let automaton = AhoCorasick::new(&patterns).map_err(|e| Error::Policy(e.to_string()))?;
        Ok(Policy { countries, places, automaton, sha256: crate::sha256_hex(text.as_bytes()) })
    }

    /// SHA-256 of the policy's text, in hex.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    /// The shipped default policy.
    pub fn default_policy() -> Policy {
        Policy::from_toml(DEFAULT_POLICY).expect("the shipped policy parses")
    }

    /// Whether an ISO country code is under embargo.
    pub fn is_embargoed(&self, code: &str) -> bool {
        self.countries.iter().any(|c| c.eq_ignore_ascii_case(code.trim()))
    }

    /// Embargoed places named in a piece of address text, as whole words.
    pub fn places_in(&self, text: &str) -> Vec<&Place> {
        let normalized = interdict_text::normalize(text);
        let mut haystack = String::with_capacity(normalized.len() + 2);
        haystack.push(' ');
        haystack.push_str(&normalized);
        haystack.push(' ');
        let mut out: Vec<&Place> = Vec::new();
        for m in self.automaton.find_overlapping_iter(&haystack) {
            let place = &self.places[m.pattern().as_usize()];
            if !out.iter().any(|p| p.jurisdiction == place.jurisdiction) {
                out.push(place);
            }
        }
        out
    }

    pub fn countries(&self) -> &[String] {
        &self.countries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_policy_finds_places_as_whole_words() {
        let policy = Policy::default_policy();
        assert_eq!(policy.sha256(), crate::sha256_hex(DEFAULT_POLICY.as_bytes()));
        assert_eq!(policy.sha256().len(), 64);
        assert!(policy.is_embargoed("kp") && policy.is_embargoed("IR") && !policy.is_embargoed("GB"));
        let cases: &[(&str, Option<&str>)] = &[
            ("12 LENINA ST, SEVASTOPOL", Some("Crimea (UA)")),
            ("Pyongyang", Some("KP")),
            ("TEHRAN, IRAN", Some("IR")),
            ("Donetsk People's Republic", Some("Donetsk (UA)")),
            ("IRANIAN STREET 5, LONDON", None),
            ("CUBAN CIGARS LTD, MIAMI", None),
            ("LEEDS", None),
        ];
        for (text, expected) in cases {
            let found = policy.places_in(text);
            assert_eq!(found.first().map(|p| p.jurisdiction.as_str()), *expected, "{text}");
        }
    }

    #[test]
    fn bad_policies_are_refused() {
        let err = Policy::from_toml("[[country]]\ncode = \"XX\"\n").unwrap_err();
        assert!(err.to_string().contains("line 2: \"XX\" is not an ISO 3166"), "{err}");
        let err = Policy::from_toml("[[region]]\nname = \"R\"\n\ncountry = \"Ukraine\"\n").unwrap_err();
        assert!(err.to_string().contains("line 4: \"Ukraine\""), "{err}");
        let err = Policy::from_toml("[[country]]\ncode = KP\n").unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
        let err = Policy::from_toml("[[country]]\ncode = \"KP\"\nnmes = []\n").unwrap_err();
        assert!(err.to_string().contains("unknown field"), "{err}");
    }
}
