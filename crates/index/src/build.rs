//! Building an index file from entities.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use interdict_model::{Entity, IdKind, NameRole};
use interdict_text::{analyze, phonetic_key, TokenClass};
use xxhash_rust::xxh3::xxh3_64;

use crate::file::{HEADER_LEN, MAGIC, PAYLOAD_ALIGN};
use crate::{
    filter_bits, Error, Index, IndexData, IndexedName, KeyTable, Metadata, NeighbourLists, Postings, SourceMeta,
    EMPTY_SLOT, FORMAT_VERSION,
};

/// The lookup key of an identifier: `<kind>:<letters and digits, upper case>`.
///
/// The same function runs at build and at query time. IMO and MMSI numbers keep only
/// their digits, so `IMO 9187629` and `9187629` meet.
pub fn identifier_key(kind: &IdKind, value: &str) -> String {
    let digits_only = matches!(kind, IdKind::Imo | IdKind::Mmsi);
    // Built by hand rather than with `format!`: it runs for every BIC and identifier
    // of every payment.
    let mut key = String::with_capacity(kind.as_str().len() + 1 + value.len());
    key.push_str(kind.as_str());
    key.push(':');
    key.extend(
        value
            .chars()
            .filter(|c| if digits_only { c.is_ascii_digit() } else { c.is_ascii_alphanumeric() })
            .map(|c| c.to_ascii_uppercase()),
    );
    key
}

/// Builds the bytes of an index file from entities and the description of their sources.
///
/// Entity ids must be unique. `build_time` is recorded as given (RFC 3339).
pub fn build(entities: Vec<Entity>, sources: Vec<SourceMeta>, build_time: &str) -> Result<Vec<u8>, Error> {
    let mut seen = HashSet::with_capacity(entities.len());
    for e in &entities {
        if !seen.insert(e.id.as_str()) {
            return Err(Error::Build(format!("entity id {} appears twice (was a source given twice?)", e.id)));
        }
    }
    if entities.len() > u32::MAX as usize / 2 {
        return Err(Error::Build("too many entities".into()));
    }

    let names = collect_names(&entities);
    let mut token_names: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut exact: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (name_id, (_, _, _, normalized)) in names.iter().enumerate() {
        let name_id = name_id as u32;
        let mut distinct = BTreeSet::new();
        for token in normalized.split(' ') {
            distinct.insert(token);
        }
        for token in distinct {
            token_names.entry(token.to_string()).or_default().push(name_id);
        }
        exact.entry(normalized.clone()).or_default().push(name_id);
    }
    let tokens: Vec<String> = token_names.keys().cloned().collect();
    let token_ids: HashMap<&str, u32> = tokens.iter().enumerate().map(|(i, t)| (t.as_str(), i as u32)).collect();

    let name_count = names.len().max(1) as f64;
    let token_weights: Vec<f32> = token_names
        .iter()
        .map(|(token, holders)| {
            let w = (1.0 + name_count / holders.len().max(1) as f64).ln() as f32;
            match interdict_text::token_class(token) {
                TokenClass::LegalForm => w * LEGAL_FORM_WEIGHT,
                TokenClass::Patronymic => w * PATRONYMIC_WEIGHT,
                _ => w,
            }
        })
        .collect();
    let token_legal_form: Vec<u8> =
        tokens.iter().map(|t| u8::from(interdict_text::token_class(t) == TokenClass::LegalForm)).collect();

    let mut deletes: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (token, &id) in &token_ids {
        for variant in one_deletes(token) {
            deletes.entry(variant).or_default().push(id);
        }
        // The token itself too, so one lookup of a query word's deletion finds both the
        // listed words it is one deletion of and the listed word it equals.
        if token.len() + 1 >= MIN_TYPO_TOKEN_LEN {
            deletes.entry(token.to_string()).or_default().push(id);
        }
    }
    for ids in deletes.values_mut() {
        ids.sort_unstable();
        ids.dedup();
    }

    let mut phonetic: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (token, &id) in &token_ids {
        phonetic.entry(phonetic_key(token)).or_default().push(id);
    }
    // By length, then id: a query scans only the lengths that can sound alike.
    for ids in phonetic.values_mut() {
        ids.sort_unstable_by_key(|&id| (tokens[id as usize].len(), id));
    }

    let mut identifiers: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    for (entity_id, e) in entities.iter().enumerate() {
        for id in &e.identifiers {
            let key = identifier_key(&id.kind, &id.value);
            if key.len() <= id.kind.as_str().len() + 1 {
                continue;
            }
            // A BIC11 also answers for its BIC8 (the institution's head office).
            if id.kind == IdKind::Bic && key.len() == "bic:".len() + 11 {
                identifiers.entry(key[..4 + 8].to_string()).or_default().insert(entity_id as u32);
            }
            identifiers.entry(key).or_default().insert(entity_id as u32);
        }
    }

    let indexed_names: Vec<IndexedName> = names
        .into_iter()
        .map(|(entity, role, text, normalized)| {
            let tokens = normalized.split(' ').map(|t| token_ids[t]).collect();
            IndexedName { entity, role, text, normalized, tokens }
        })
        .collect();

    drop(token_ids);
    let name_weights: Vec<f32> =
        indexed_names.iter().map(|n| n.tokens.iter().map(|t| token_weights[*t as usize]).sum()).collect();
    let name_has_initial: Vec<u8> =
        indexed_names.iter().map(|n| u8::from(n.tokens.iter().any(|t| tokens[*t as usize].len() == 1))).collect();
    let (token_fst, token_table, token_postings) = fst_table_and_postings(token_names.into_iter())?;
    let (phonetic_fst, phonetic_table, phonetic_postings) = fst_table_and_postings(phonetic.into_iter())?;
    let (delete_fst, delete_table, delete_postings) = fst_table_and_postings(deletes.into_iter())?;
    let (name_fst, name_table, exact_postings) = fst_table_and_postings(exact.into_iter())?;
    let identifier_count = identifiers.len() as u64;
    let identifier_keys: Vec<String> = identifiers.keys().cloned().collect();
    let (identifier_fst, identifier_table, identifier_postings) =
        fst_table_and_postings(identifiers.into_iter().map(|(k, v)| (k, v.into_iter().collect())))?;

    let meta = Metadata {
        format_version: FORMAT_VERSION,
        build_time: build_time.to_string(),
        builder: concat!("interdict ", env!("CARGO_PKG_VERSION")).to_string(),
        sources,
        entities: entities.len() as u64,
        names: indexed_names.len() as u64,
        tokens: tokens.len() as u64,
        identifiers: identifier_count,
    };
    let mut data = IndexData {
        entities,
        names: indexed_names,
        tokens,
        token_weights,
        name_weights,
        name_has_initial,
        token_legal_form,
        delete_fst,
        delete_table,
        delete_tokens: delete_postings,
        token_fst,
        token_table,
        token_names: token_postings,
        phonetic_fst,
        phonetic_table,
        phonetic_tokens: phonetic_postings,
        name_fst,
        name_table,
        exact_names: exact_postings,
        identifier_fst,
        identifier_table,
        identifier_keys,
        identifier_entities: identifier_postings,
        neighbours: NeighbourLists::default(),
    };
    let metadata = serde_json::to_vec(&meta).map_err(|e| Error::Build(e.to_string()))?;
    // Neighbours are searched through the finished lookup structures: open the index
    // once without them, search every token, then write it again with them.
    let payload = rkyv::to_bytes::<rkyv::rancor::Error>(&data).map_err(|e| Error::Build(e.to_string()))?;
    let draft = Index::from_bytes(assemble(&metadata, &payload))?;
    data.neighbours = neighbour_lists(&draft);
    drop(draft);
    let payload = rkyv::to_bytes::<rkyv::rancor::Error>(&data).map_err(|e| Error::Build(e.to_string()))?;
    Ok(assemble(&metadata, &payload))
}

/// Every token's neighbours, searched in `index`.
fn neighbour_lists(index: &Index) -> NeighbourLists {
    let mut lists = NeighbourLists { offsets: vec![0], ..NeighbourLists::default() };
    for id in index.token_ids() {
        for n in crate::neighbours::search(index, index.token(id)) {
            lists.tokens.push(n.token.get());
            lists.sims.push(n.sim);
            lists.kinds.push(n.kind.code());
        }
        lists.offsets.push(lists.tokens.len() as u32);
    }
    lists
}

/// Legal-form words weigh this fraction of an ordinary word of the same rarity.
pub const LEGAL_FORM_WEIGHT: f32 = 0.1;

/// Patronymics weigh this fraction of an ordinary word of the same rarity: payments
/// often leave them out.
pub const PATRONYMIC_WEIGHT: f32 = 0.5;

/// Tokens shorter than this get no one-edit neighbours: a typo in a three-letter word
/// makes another word too often.
pub const MIN_TYPO_TOKEN_LEN: usize = 4;

/// Every string made by deleting one character (tokens are ASCII).
pub fn one_deletes(token: &str) -> Vec<String> {
    if token.len() < MIN_TYPO_TOKEN_LEN || !token.is_ascii() {
        return Vec::new();
    }
    let mut out: Vec<String> = (0..token.len()).map(|i| format!("{}{}", &token[..i], &token[i + 1..])).collect();
    out.dedup();
    out
}

/// A name's canonical tokens joined by spaces (`interdict_text::analyze`).
pub fn analyzed(name: &str) -> String {
    analyze(name).into_iter().map(|t| t.text).collect::<Vec<_>>().join(" ")
}

/// Every distinct analysed name of every entity, with the strongest role it has.
fn collect_names(entities: &[Entity]) -> Vec<(u32, NameRole, String, String)> {
    let mut out = Vec::new();
    for (i, e) in entities.iter().enumerate() {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (text, role) in e.all_names() {
            let normalized = analyzed(text);
            if normalized.is_empty() {
                continue;
            }
            match seen.get(&normalized) {
                Some(&at) => {
                    let existing: &mut (u32, NameRole, String, String) = &mut out[at];
                    if role < existing.1 {
                        existing.1 = role;
                    }
                }
                None => {
                    seen.insert(normalized.clone(), out.len());
                    out.push((i as u32, role, text.to_string(), normalized));
                }
            }
        }
    }
    out
}

/// The fst, the hash table of the same keys, and the postings.
fn fst_table_and_postings(
    entries: impl Iterator<Item = (String, Vec<u32>)>,
) -> Result<(Vec<u8>, KeyTable, Postings), Error> {
    let mut builder = fst::MapBuilder::memory();
    let mut postings = Postings { offsets: vec![0], items: Vec::new() };
    let mut hashes = Vec::new();
    for (i, (key, ids)) in entries.enumerate() {
        builder.insert(key.as_bytes(), i as u64).map_err(|e| Error::Build(format!("fst: {e}")))?;
        hashes.push(xxh3_64(key.as_bytes()));
        postings.items.extend_from_slice(&ids);
        postings.offsets.push(postings.items.len() as u32);
    }
    let bytes = builder.into_inner().map_err(|e| Error::Build(format!("fst: {e}")))?;
    Ok((bytes, key_table(&hashes)?, postings))
}

/// Places each key id (its position in `hashes`) at its hash's slot.
fn key_table(hashes: &[u64]) -> Result<KeyTable, Error> {
    let slots = (hashes.len() * 2).next_power_of_two().max(2);
    let mask = slots - 1;
    // About ten filter bits per key, in whole 512-bit blocks.
    let words = (hashes.len() * 10 / 64).next_power_of_two().max(8);
    let mut table = KeyTable { hashes: vec![0; slots], ids: vec![EMPTY_SLOT; slots], filter: vec![0; words] };
    for (id, &h) in hashes.iter().enumerate() {
        let mut i = h as usize & mask;
        while table.ids[i] != EMPTY_SLOT {
            if table.hashes[i] == h {
                return Err(Error::Build(format!("two keys share the 64-bit hash {h:#x}")));
            }
            i = (i + 1) & mask;
        }
        table.hashes[i] = h;
        table.ids[i] = id as u32;
        for (word, bit) in filter_bits(h, words) {
            table.filter[word] |= bit;
        }
    }
    Ok(table)
}

fn align_up(n: usize, to: usize) -> usize {
    n.div_ceil(to) * to
}

/// Lays out header, metadata, padding and payload, and writes the checksum.
fn assemble(metadata: &[u8], payload: &[u8]) -> Vec<u8> {
    let payload_offset = align_up(HEADER_LEN + metadata.len(), PAYLOAD_ALIGN);
    let mut out = vec![0u8; payload_offset + payload.len()];
    out[HEADER_LEN..HEADER_LEN + metadata.len()].copy_from_slice(metadata);
    out[payload_offset..].copy_from_slice(payload);
    let checksum = xxh3_64(&out[HEADER_LEN..]);
    out[0..8].copy_from_slice(MAGIC);
    out[8..12].copy_from_slice(&FORMAT_VERSION.to_le_bytes());
    out[16..24].copy_from_slice(&(HEADER_LEN as u64).to_le_bytes());
    out[24..32].copy_from_slice(&(metadata.len() as u64).to_le_bytes());
    out[32..40].copy_from_slice(&(payload_offset as u64).to_le_bytes());
    out[40..48].copy_from_slice(&(payload.len() as u64).to_le_bytes());
    out[48..56].copy_from_slice(&checksum.to_le_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use interdict_model::EntityKind;

    /// A change made to an index's data before it is written again.
    type Damage = Box<dyn FnOnce(&mut IndexData)>;

    /// Rebuilds an index file from its archive after `damage` changed the data: the
    /// checksum is recomputed, so only the consistency checks stand in the way.
    fn rebuilt_with(damage: impl FnOnce(&mut IndexData)) -> Result<Index, Error> {
        let entities = vec![
            Entity::new("t:1", "t", EntityKind::Person, "CHOE, Chol Min"),
            Entity::new("t:2", "t", EntityKind::Organization, "SECOND ACADEMY OF NATURAL SCIENCES"),
        ];
        let bytes = build(entities, Vec::new(), "2026-11-28T00:00:00Z").unwrap();
        let index = Index::from_bytes(bytes.clone()).unwrap();
        let mut data: IndexData = rkyv::deserialize::<IndexData, rkyv::rancor::Error>(index.data()).unwrap();
        damage(&mut data);
        let payload = rkyv::to_bytes::<rkyv::rancor::Error>(&data).unwrap();
        let metadata = serde_json::to_vec(index.metadata()).unwrap();
        Index::from_bytes(assemble(&metadata, &payload))
    }

    #[test]
    fn an_undamaged_rebuild_opens() {
        assert!(rebuilt_with(|_| {}).is_ok());
    }

    /// A filter that does not pass every key would hide that key's lookups: refused.
    #[test]
    fn a_filter_missing_keys_is_refused() {
        let cases: Vec<(&str, Damage)> = vec![
            (
                "token filter cleared",
                Box::new(|d: &mut IndexData| d.token_table.filter.iter_mut().for_each(|w| *w = 0)),
            ),
            (
                "deletion filter cleared",
                Box::new(|d: &mut IndexData| d.delete_table.filter.iter_mut().for_each(|w| *w = 0)),
            ),
            ("name filter too short", Box::new(|d: &mut IndexData| d.name_table.filter.truncate(4))),
            (
                "identifier filter not a power of two",
                Box::new(|d: &mut IndexData| d.identifier_table.filter.push(u64::MAX)),
            ),
        ];
        for (what, damage) in cases {
            match rebuilt_with(damage) {
                Err(Error::Inconsistent(reason)) => assert!(reason.contains("filter"), "{what}: {reason}"),
                other => panic!("{what}: {other:?}"),
            }
        }
    }

    /// Neighbour lists pointing outside the tokens, or with unknown kinds, are refused.
    #[test]
    fn damaged_neighbour_lists_are_refused() {
        let cases: Vec<(&str, Damage)> = vec![
            ("token out of range", Box::new(|d: &mut IndexData| d.neighbours.tokens[0] = u32::MAX)),
            ("unknown kind", Box::new(|d: &mut IndexData| d.neighbours.kinds[0] = 9)),
            ("similarity above 1", Box::new(|d: &mut IndexData| d.neighbours.sims[0] = 1.5)),
            (
                "offsets short",
                Box::new(|d: &mut IndexData| {
                    d.neighbours.offsets.pop();
                }),
            ),
        ];
        for (what, damage) in cases {
            match rebuilt_with(damage) {
                Err(Error::Inconsistent(reason)) => assert!(reason.contains("neighbour"), "{what}: {reason}"),
                other => panic!("{what}: {other:?}"),
            }
        }
    }
}
