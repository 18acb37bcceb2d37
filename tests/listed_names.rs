//! Every strong name of the bundled lists, given exactly as listed, alerts on its own
//! entity, whatever its length or form ("SMT-K", "LADY D" did not).

use interdict_lists::parse_source;
use interdict_matcher::{MatchConfig, Matcher};
use interdict_model::Strength;

#[test]
fn every_strong_listed_name_given_exactly_alerts_on_its_entity() {
    let sources = interdict_testkit::lists::bundled_ofac();
    let index = interdict_testkit::lists::index_of(&sources);
    let entities: Vec<_> = sources.iter().flat_map(|s| parse_source(s.kind, &s.path).unwrap().entities).collect();
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
