//! Every strong name of the bundled lists, given exactly as listed, alerts on its own
//! entity, whatever its length or form ("SMT-K", "LADY D" did not).

use std::path::Path;

use interdict_index::Index;
use interdict_lists::{parse_source, SourceKind};
use interdict_matcher::{MatchConfig, Matcher};
use interdict_model::Strength;

#[test]
fn every_strong_listed_name_given_exactly_alerts_on_its_entity() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut entities = Vec::new();
    for (kind, path) in [(SourceKind::OfacCsv, "data/ofac/sdn"), (SourceKind::OfacXml, "data/ofac/consolidated.xml.gz")]
    {
        entities.extend(parse_source(kind, &root.join(path)).unwrap().entities);
    }
    let index =
        Index::from_bytes(interdict_index::build(entities.clone(), vec![], "2026-01-01T00:00:00Z").unwrap()).unwrap();
    let matcher = Matcher::new(&index, MatchConfig::default());
    let mut checked = 0;
    let mut missed = Vec::new();
    for e in &entities {
        let strong = e.aliases.iter().filter(|a| a.strength == Strength::Strong).map(|a| a.name.as_str());
        for name in std::iter::once(e.name.as_str()).chain(strong) {
            if interdict_text::normalize(name).is_empty() {
                continue;
            }
            checked += 1;
            if !matcher.search(name).iter().any(|a| index.entity(a.entity).id.as_str() == e.id) {
                missed.push(format!("{} {name:?}", e.id));
            }
        }
    }
    assert!(checked > 20_000, "{checked} names checked");
    assert!(
        missed.is_empty(),
        "{} of {checked} listed names give no alert on their entity: {:?}",
        missed.len(),
        &missed[..missed.len().min(30)]
    );
}
