//! The published record schemas (`docs/schemas/`), compiled for tests: every record the
//! service writes is checked against them.

// Each test binary uses the part it needs.
#![allow(dead_code)]

use std::path::Path;

use serde_json::Value;

/// The three published shapes.
pub struct Schemas {
    decision: jsonschema::Validator,
    review: jsonschema::Validator,
    dead_letter_headers: jsonschema::Validator,
}

fn read(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/schemas").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

impl Schemas {
    pub fn load() -> Schemas {
        let common = read("common.schema.json");
        let id = common["$id"].as_str().expect("common has an $id").to_string();
        let registry = jsonschema::Registry::new().add(id, common).unwrap().prepare().unwrap();
        let build = |name: &str| {
            jsonschema::options()
                .with_registry(&registry)
                .build(&read(name))
                .unwrap_or_else(|e| panic!("{name} does not compile: {e}"))
        };
        Schemas {
            decision: build("decision.schema.json"),
            review: build("review.schema.json"),
            dead_letter_headers: build("dead-letter-headers.schema.json"),
        }
    }

    fn check(validator: &jsonschema::Validator, what: &str, record: &Value) {
        let errors: Vec<String> =
            validator.iter_errors(record).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{what} does not follow its schema: {errors:#?}\n{record:#}");
    }

    pub fn check_decision(&self, payload: &[u8]) {
        Self::check(&self.decision, "a decision record", &serde_json::from_slice(payload).unwrap());
    }

    pub fn check_review(&self, payload: &[u8]) {
        Self::check(&self.review, "a review record", &serde_json::from_slice(payload).unwrap());
    }

    /// Dead-letter headers, as name → text.
    pub fn check_dead_letter_headers(&self, headers: &[(String, Option<Vec<u8>>)]) {
        let object: serde_json::Map<String, Value> = headers
            .iter()
            .map(|(name, value)| {
                let text = value.as_deref().map(|v| String::from_utf8_lossy(v).into_owned());
                (name.clone(), text.map_or(Value::Null, Value::String))
            })
            .collect();
        Self::check(&self.dead_letter_headers, "dead-letter headers", &Value::Object(object));
    }

    /// Whether a record the schema must refuse is refused (the schemas are not
    /// permissive by accident).
    pub fn decision_accepts(&self, record: &Value) -> bool {
        self.decision.is_valid(record)
    }
}
