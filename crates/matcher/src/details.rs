//! An alert as people and machines read it: the listed entity it names, the name
//! that matched and the explanation, copied out of the index.

use interdict_index::Index;
use interdict_model::EntityKind;
use serde::Serialize;

use crate::Alert;

/// What `interdict search` writes for one alert (a JSON object per alert) and what the
/// text output and the demo show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlertDetails {
    pub entity_id: String,
    /// The entity's primary listed name.
    pub name: String,
    /// The listed name (primary or alias) that matched.
    pub matched_name: String,
    /// The score, rounded to three decimals.
    pub score: f64,
    /// The list (`ofac-sdn`, `un`...).
    pub source: String,
    /// `person`, `organization`, `vessel`, `aircraft` or `unknown`.
    pub kind: String,
    pub programs: Vec<String>,
    pub explanation: String,
}

/// `0.97 ofac-sdn:43598 CHOE, Chol Min [NPWMD]`: score, entity, primary name, programs.
impl std::fmt::Display for AlertDetails {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.2} {} {} [{}]", self.score, self.entity_id, self.name, self.programs.join(", "))
    }
}

impl Alert {
    /// The alert with the listed entity's details, read from the index it came from.
    pub fn details(&self, index: &Index) -> AlertDetails {
        let entity = index.entity(self.entity);
        AlertDetails {
            entity_id: entity.id.to_string(),
            name: entity.name.to_string(),
            matched_name: index.name(self.name).text().to_string(),
            score: (self.score * 1000.0).round() / 1000.0,
            source: entity.source.to_string(),
            kind: EntityKind::from(&entity.kind).as_str().to_string(),
            programs: entity.programs.iter().map(|p| p.to_string()).collect(),
            explanation: self.explanation.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use interdict_index::build;
    use interdict_model::Entity;

    use super::*;
    use crate::{MatchConfig, Matcher};

    #[test]
    fn details_name_the_entity_the_matched_alias_and_a_rounded_score() {
        let mut e = Entity::new("ofac-sdn:43598", "ofac-sdn", EntityKind::Person, "CHOE, Chol Min");
        e.programs.push("NPWMD".into());
        e.aliases.push(interdict_model::Alias {
            name: "CHOE, Chol-min".into(),
            kind: interdict_model::AliasKind::Aka,
            strength: interdict_model::Strength::Strong,
        });
        let index = Index::from_bytes(build(vec![e], vec![], "2026-01-01T00:00:00Z").unwrap()).unwrap();
        let mut alert = Matcher::new(&index, MatchConfig::default()).search("CHOE Chol-min").remove(0);
        alert.score = 0.91234;
        let details = alert.details(&index);
        assert_eq!(
            serde_json::to_value(&details).unwrap(),
            serde_json::json!({
                "entity_id": "ofac-sdn:43598",
                "name": "CHOE, Chol Min",
                "matched_name": details.matched_name,
                "score": 0.912,
                "source": "ofac-sdn",
                "kind": "person",
                "programs": ["NPWMD"],
                "explanation": alert.explanation,
            })
        );
        assert!(details.matched_name.starts_with("CHOE, Chol"), "{details:?}");
        assert_eq!(details.to_string(), "0.91 ofac-sdn:43598 CHOE, Chol Min [NPWMD]");
    }
}
