//! A small index whose every table holds something, and a reader of all its tables: the
//! index's damage tests and its fuzz target open damaged copies of the sample and read
//! whatever opens.

use interdict_index::{build, Index, SourceMeta};
use interdict_model::{Alias, AliasKind, Entity, EntityKind, IdKind, Identifier, Strength};

/// A person with a strong and a weak alias and a passport, a vessel with an IMO number,
/// a bank with a BIC, and an entity of unknown kind with accented letters.
pub fn sample_entities() -> Vec<Entity> {
    let mut person = Entity::new("ofac-sdn:9001", "ofac-sdn", EntityKind::Person, "PETROV, Ivan Sergeevich");
    person.programs.push("RUSSIA-EO14024".into());
    person.aliases.push(Alias { name: "PETROFF, Ivan".into(), kind: AliasKind::Aka, strength: Strength::Strong });
    person.aliases.push(Alias { name: "Vanya".into(), kind: AliasKind::Aka, strength: Strength::Weak });
    person.identifiers.push(Identifier::new(IdKind::Passport, "7201234", "Passport"));
    let mut ship = Entity::new("ofac-sdn:9002", "ofac-sdn", EntityKind::Vessel, "NORTHERN LIGHT");
    ship.identifiers.push(Identifier::new(IdKind::Imo, "IMO 9123456", "Vessel Registration Identification"));
    let mut bank = Entity::new("un:QDe.901", "un", EntityKind::Organization, "Northern Trading Bank LLC");
    bank.identifiers.push(Identifier::new(IdKind::Bic, "NRTHAEADXXX", "SWIFT/BIC"));
    let custom = Entity::new("custom:C-1", "custom", EntityKind::Unknown, "Ïvan Petröv");
    vec![person, ship, bank, custom]
}

/// The index file of [`sample_entities`], built once, at a fixed build time.
pub fn sample_index() -> &'static [u8] {
    static FILE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    FILE.get_or_init(|| {
        let entities = sample_entities();
        let mut meta = SourceMeta::new("custom-json", "inline");
        meta.entities = entities.len() as u64;
        build(entities, vec![meta], "2026-01-01T00:00:00Z").expect("the sample builds")
    })
}

/// Reads every entity, name, token and postings list of an open index (no fst lookups:
/// those are the caller's, once it trusts the fsts).
pub fn read_every_table(index: &Index) {
    let _ = (index.version(), index.metadata(), index.file_len());
    for i in index.entity_ids() {
        let _ = index.entity_owned(i);
    }
    for i in index.name_ids() {
        let _ = (index.name_weight(i), index.name_has_initial(i));
        let name = index.name(i);
        let _ = (index.entity(name.entity()), name.role(), name.text(), name.normalized());
        for token in name.tokens() {
            let _ = index.token(token);
        }
    }
    for id in index.token_ids() {
        let _ = (index.token_weight(id), index.is_legal_form(id));
        for name in index.names_with_token(id) {
            let _ = index.name(name);
        }
    }
}
