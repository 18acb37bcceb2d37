//! Opening an index file must refuse damage with an error, never panic.
//!
//! Each input is used twice:
//! 1. as an index file as it is (exercises the header checks);
//! 2. as a patch to a small valid index: each 3-byte chunk `lo hi mask` XORs `mask` into
//!    byte `u16(lo, hi) % len`, then the checksum is rewritten, so the metadata parse,
//!    the rkyv validation and the consistency checks see the damage.
//!
//! When a damaged file opens, every table is read. The fst lookups run only when all five
//! fsts pass `fst::raw::Fst::verify`: a damaged fst that `Index::open` accepts panics on
//! lookup (a known bug, see docs/fuzzing.md), and `verify` is the check proposed for it.
#![no_main]

use std::sync::OnceLock;

use interdict_index::{build, Index, SourceMeta};
use interdict_model::{Alias, AliasKind, Entity, EntityKind, IdKind, Identifier, Strength};
use libfuzzer_sys::fuzz_target;

const HEADER_LEN: usize = 64;

fn id(kind: IdKind, value: &str) -> Identifier {
    Identifier { kind, value: value.into(), label: String::new(), country: None, note: None }
}

fn sample() -> &'static [u8] {
    static FILE: OnceLock<Vec<u8>> = OnceLock::new();
    FILE.get_or_init(|| {
        let mut person = Entity::new("ofac-sdn:9001", "ofac-sdn", EntityKind::Person, "PETROV, Ivan Sergeevich");
        person.aliases.push(Alias { name: "PETROFF, Ivan".into(), kind: AliasKind::Aka, strength: Strength::Strong });
        person.identifiers.push(id(IdKind::Passport, "7201234"));
        let mut ship = Entity::new("ofac-sdn:9002", "ofac-sdn", EntityKind::Vessel, "NORTHERN LIGHT");
        ship.identifiers.push(id(IdKind::Imo, "IMO 9123456"));
        let mut bank = Entity::new("un:QDe.901", "un", EntityKind::Organization, "Northern Trading Bank LLC");
        bank.identifiers.push(id(IdKind::Bic, "NRTHAEADXXX"));
        let entities = vec![person, ship, bank];
        build(entities, vec![SourceMeta::new("custom-json", "inline")], "2026-01-01T00:00:00Z").unwrap()
    })
}

fn fsts_verify(index: &Index) -> bool {
    let d = index.data();
    [&d.token_fst, &d.phonetic_fst, &d.delete_fst, &d.name_fst, &d.identifier_fst]
        .iter()
        .all(|f| fst::raw::Fst::new(f.as_slice()).is_ok_and(|f| f.verify().is_ok()))
}

fn read(index: &Index) {
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
    if !fsts_verify(index) {
        return;
    }
    for i in index.name_ids() {
        let _ = index.names_exactly(index.name(i).normalized());
    }
    for id in index.token_ids() {
        let token = index.token(id);
        let _ = index.token_id(token);
        let _ = index.neighbours(token);
        let _ = index.tokens_with_phonetic_key(&interdict_text::phonetic_key(token));
        let _ = index.tokens_with_deletion(token);
        let _ = index.tokens_with_prefix(token.get(..1).unwrap_or(""), 10);
    }
    for i in index.entity_ids() {
        for identifier in index.entity_owned(i).identifiers {
            let _ = index.entities_with_identifier(&identifier.kind, &identifier.value);
        }
    }
    use fst::Streamer;
    let map = index.token_map();
    let mut stream = map.stream();
    while stream.next().is_some() {}
}

fuzz_target!(|data: &[u8]| {
    if let Ok(index) = Index::from_bytes(data.to_vec()) {
        read(&index);
    }

    let mut bytes = sample().to_vec();
    for patch in data.chunks_exact(3) {
        let at = u16::from_le_bytes([patch[0], patch[1]]) as usize % bytes.len();
        bytes[at] ^= patch[2];
    }
    let sum = xxhash_rust::xxh3::xxh3_64(&bytes[HEADER_LEN..]);
    bytes[48..56].copy_from_slice(&sum.to_le_bytes());
    if let Ok(index) = Index::from_bytes(bytes) {
        read(&index);
    }
});
