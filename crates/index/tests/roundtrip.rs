//! An index round-trips through a file, and damaged files are refused with the check
//! that failed.

use interdict_index::{build, Error, Index, SourceMeta, FORMAT_VERSION};
use interdict_model::{Alias, AliasKind, Entity, EntityKind, IdKind, Identifier, NameRole, Strength};

fn sample_entities() -> Vec<Entity> {
    let mut choe = Entity::new("ofac-sdn:43598", "ofac-sdn", EntityKind::Person, "CHOE, Chol Min");
    choe.programs.push("NPWMD".into());
    choe.aliases.push(Alias { name: "CHOE, Chol-min".into(), kind: AliasKind::Aka, strength: Strength::Strong });
    choe.aliases.push(Alias { name: "Chol Min CHOE".into(), kind: AliasKind::Aka, strength: Strength::Weak });
    let mut bank = Entity::new("ofac-sdn:306", "ofac-sdn", EntityKind::Organization, "BANCO NACIONAL DE CUBA");
    bank.identifiers.push(Identifier::new(IdKind::Bic, "BNCUCUHHXXX", "SWIFT/BIC"));
    let mut ship = Entity::new("ofac-sdn:15036", "ofac-sdn", EntityKind::Vessel, "ARTAVIL");
    ship.identifiers.push(Identifier::new(IdKind::Imo, "9187629", "Vessel Registration Identification IMO"));
    vec![choe, bank, ship]
}

fn sample_file() -> Vec<u8> {
    let mut meta = SourceMeta::new("ofac-csv", "data/ofac/sdn");
    meta.entities = 3;
    build(sample_entities(), vec![meta], "2026-11-28T12:00:00Z").unwrap()
}

#[test]
fn round_trip_through_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lists.idx");
    std::fs::write(&path, sample_file()).unwrap();
    let index = Index::open(&path).unwrap();

    assert_eq!(index.entity_count(), 3);
    let first = index.entity_ids().next().unwrap();
    assert_eq!(index.entity_owned(first), sample_entities()[0]);
    assert_eq!(index.metadata().format_version, FORMAT_VERSION);
    assert_eq!(index.metadata().build_time, "2026-11-28T12:00:00Z");
    assert_eq!(index.metadata().sources[0].kind, "ofac-csv");
    assert!(index.version().starts_with("idx-"));

    // "CHOE, Chol Min" and "CHOE, Chol-min" normalise alike and are stored once, as the
    // primary name; the reordered weak alias is its own name.
    assert_eq!(index.name_count(), 4);
    let exact = index.names_exactly("choe chol min");
    assert_eq!(exact.len(), 1);
    let name = index.name(exact.first().unwrap());
    assert_eq!(name.text(), "CHOE, Chol Min");
    assert_eq!(name.normalized(), "choe chol min");
    assert_eq!(name.role(), NameRole::Primary);
    assert_eq!(index.entity(name.entity()).id.as_str(), "ofac-sdn:43598");
    assert_eq!(name.tokens().iter().map(|t| index.token(t)).collect::<Vec<_>>(), ["choe", "chol", "min"]);

    let chol = index.token_id("chol").unwrap();
    assert_eq!(index.token(chol), "chol");
    assert_eq!(index.names_with_token(chol).len(), 2);
    assert!(index.token_id("nobody").is_none());
    let key = interdict_text::phonetic_key("cheol");
    assert!(index.tokens_with_phonetic_key(&key).iter().any(|t| t == chol));

    let bic11 = index.entities_with_identifier(&IdKind::Bic, "BNCUCUHHXXX");
    let bic8 = index.entities_with_identifier(&IdKind::Bic, "bncu cu hh");
    assert_eq!((bic11.len(), bic8.len()), (1, 1));
    assert_eq!(index.entity(bic8.first().unwrap()).id.as_str(), "ofac-sdn:306");
    assert_eq!(index.entities_with_identifier(&IdKind::Imo, "IMO 9187629").len(), 1);
    assert!(index.entities_with_identifier(&IdKind::Imo, "1234567").is_empty());
    assert_eq!(index.find_entity("ofac-sdn:15036").map(|e| e.index()), Some(2));
}

#[test]
fn damaged_files_are_refused() {
    let good = sample_file();
    let payload_offset = u64::from_le_bytes(good[32..40].try_into().unwrap()) as usize;
    type Check = fn(&Error) -> bool;
    let cases: Vec<(&str, Vec<u8>, Check)> = vec![
        ("empty", vec![], |e| matches!(e, Error::TooShort { .. })),
        ("truncated header", good[..40].to_vec(), |e| matches!(e, Error::TooShort { .. })),
        ("truncated payload", good[..good.len() - 10].to_vec(), |e| matches!(e, Error::Truncated { .. })),
        (
            "bad magic",
            {
                let mut b = good.clone();
                b[0] = b'X';
                b
            },
            |e| matches!(e, Error::BadMagic { .. }),
        ),
        (
            "future version",
            {
                let mut b = good.clone();
                b[8] = 99;
                b
            },
            |e| matches!(e, Error::UnsupportedVersion { found: 99, .. }),
        ),
        (
            "flipped payload bit",
            {
                let mut b = good.clone();
                b[payload_offset + 100] ^= 1;
                b
            },
            |e| matches!(e, Error::Checksum { .. }),
        ),
        (
            "flipped metadata bit",
            {
                let mut b = good.clone();
                b[70] ^= 0x20;
                b
            },
            |e| matches!(e, Error::Checksum { .. }),
        ),
        (
            "extra bytes",
            {
                let mut b = good.clone();
                b.extend_from_slice(&[0; 64]);
                b
            },
            |e| matches!(e, Error::Truncated { .. }),
        ),
    ];
    for (what, bytes, check) in cases {
        let err = Index::from_bytes(bytes).expect_err(what);
        assert!(check(&err), "{what}: {err}");
        assert!(!err.to_string().is_empty());
    }
}

#[test]
fn a_garbage_payload_with_a_matching_checksum_fails_validation() {
    // A file written by a buggy or hostile builder: well-formed header, correct checksum,
    // but the payload is not a valid archive. rkyv validation must catch it.
    let good = sample_file();
    let payload_offset = u64::from_le_bytes(good[32..40].try_into().unwrap()) as usize;
    let mut bad = good.clone();
    for b in &mut bad[payload_offset..] {
        *b = 0xAB;
    }
    let checksum = xxhash_rust::xxh3::xxh3_64(&bad[64..]);
    bad[48..56].copy_from_slice(&checksum.to_le_bytes());
    let err = Index::from_bytes(bad).unwrap_err();
    assert!(matches!(err, Error::Archive(_) | Error::Inconsistent(_)), "{err}");
}

#[test]
fn duplicate_ids_are_refused_at_build() {
    let mut entities = sample_entities();
    entities.push(entities[0].clone());
    let err = build(entities, vec![], "2026-11-28T12:00:00Z").unwrap_err();
    assert!(err.to_string().contains("ofac-sdn:43598 appears twice"), "{err}");
}

#[test]
fn exact_lookups_through_the_hash_tables_agree_with_the_fsts() {
    use fst::{IntoStreamer, Streamer};
    let index = Index::from_bytes(sample_file()).unwrap();
    // Every token answers with its own id, through the table.
    let map = index.token_map();
    let mut stream = map.into_stream();
    let mut tokens = 0;
    while let Some((key, id)) = stream.next() {
        let key = std::str::from_utf8(key).unwrap();
        let token = index.token_id(key).expect("every fst key is a token");
        assert_eq!(u64::from(token.get()), id, "{key}");
        assert_eq!(index.token(token), key);
        tokens += 1;
    }
    assert_eq!(tokens, index.token_count());
    // Every name is found by its normalised form; deletions and phonetic keys answer.
    for i in index.name_ids() {
        let normalized = index.name(i).normalized();
        assert!(index.names_exactly(normalized).iter().any(|n| n == i), "{normalized}");
    }
    let chol = index.token_id("chol").unwrap();
    assert!(index.tokens_with_deletion("cho").iter().any(|t| t == chol), "chol minus one letter");
    assert!(!index.tokens_with_phonetic_key(&interdict_text::phonetic_key("choe")).is_empty());
    // Keys that are not there: nothing, not a neighbour's list.
    for absent in ["", "zzzz", "cholx", "choe chol"] {
        assert_eq!(index.token_id(absent), None, "{absent}");
    }
    assert!(index.names_exactly("choe chol").is_empty());
    assert!(index.tokens_with_deletion("qqqq").is_empty());
}
