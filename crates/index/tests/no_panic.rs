//! A damaged index file is refused, never a panic, and only damage the format does not
//! cover is accepted.
//!
//! What each region of the file is checked by (see the layout in `src/lib.rs`):
//! - bytes 0..12 (magic, version) are compared to fixed values;
//! - bytes 16..48 (metadata offset and length, payload offset and length) must describe
//!   the file exactly: any change makes a region end past the file, before the file's
//!   end, or cut the metadata JSON (and the metadata may only grow into zero padding,
//!   which is not valid JSON either);
//! - bytes 48..56 are the checksum, and everything from byte 64 on is what it covers;
//! - bytes 12..16 and 56..64 are reserved: nothing reads them, so a change there opens.
//!
//! So a file with changed bytes opens exactly when every changed byte is reserved, and a
//! file of another length never opens.

use std::ops::Range;

use interdict_index::Index;
use interdict_testkit::damage::config;
use interdict_testkit::index::{read_every_table, sample_entities, sample_index};
use proptest::prelude::*;
use proptest::sample::Index as Pick;

const HEADER_LEN: usize = 64;
const RESERVED: [Range<usize>; 2] = [12..16, 56..64];

fn is_reserved(at: usize) -> bool {
    RESERVED.iter().any(|r| r.contains(&at))
}

/// Opens `bytes` and checks the outcome against what the format covers. Only a panic or
/// a wrong outcome fails.
fn check(bytes: Vec<u8>) {
    let original = sample_index();
    let changed: Vec<usize> = if bytes.len() == original.len() {
        (0..bytes.len()).filter(|&i| bytes[i] != original[i]).collect()
    } else {
        Vec::new()
    };
    let should_open = bytes.len() == original.len() && changed.iter().all(|&i| is_reserved(i));
    match Index::from_bytes(bytes) {
        Ok(index) => {
            assert!(should_open, "a damaged file opened (changed bytes {changed:?})");
            assert_eq!(index.entity_count(), sample_entities().len());
            assert_eq!(index.file_len(), original.len());
        }
        Err(e) => {
            assert!(!should_open, "an intact file was refused (changed bytes {changed:?}): {e}");
            assert!(!e.to_string().is_empty());
        }
    }
}

#[test]
fn the_sample_opens_and_has_padding() {
    let bytes = sample_index();
    assert!(bytes.len() > 4 * HEADER_LEN);
    assert!(Index::from_bytes(bytes.to_vec()).is_ok());
    // The reserved header bytes are zero as written.
    assert!(RESERVED.iter().all(|r| bytes[r.clone()].iter().all(|&b| b == 0)));
}

#[test]
fn every_single_header_byte_flip() {
    let original = sample_index();
    for at in 0..HEADER_LEN {
        for mask in [0x01, 0x80, 0xff] {
            let mut bytes = original.to_vec();
            bytes[at] ^= mask;
            check(bytes);
        }
    }
}

#[test]
fn every_truncation_near_the_edges() {
    let original = sample_index();
    let len = original.len();
    for cut in (0..=HEADER_LEN + 8).chain(len - 16..len) {
        check(original[..cut].to_vec());
    }
}

/// With `INTERDICT_FUZZ_SEEDS=DIR`, writes the sample file to `DIR/index_open/` as a
/// starting corpus for the `index_open` fuzz target. Does nothing otherwise.
#[test]
fn write_fuzz_seeds() {
    let Some(dir) = std::env::var_os("INTERDICT_FUZZ_SEEDS") else { return };
    let out = std::path::Path::new(&dir).join("index_open");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("seed-sample-idx"), sample_index()).unwrap();
}

/// A byte position: half the time in the header, where every field has its own check.
fn position() -> impl Strategy<Value = usize> {
    let len = sample_index().len();
    prop_oneof![0..HEADER_LEN, 0..len]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn flipped_bytes_are_refused_unless_reserved(
        flips in prop::collection::vec((position(), 1u8..=255), 1..4),
    ) {
        let mut bytes = sample_index().to_vec();
        for (at, mask) in flips {
            bytes[at] ^= mask;
        }
        check(bytes);
    }

    #[test]
    fn reserved_bytes_are_ignored(
        values in prop::collection::vec((prop::sample::select(vec![12usize, 13, 14, 15, 56, 57, 58, 59, 60, 61, 62, 63]), any::<u8>()), 1..12),
    ) {
        let mut bytes = sample_index().to_vec();
        for (at, value) in values {
            bytes[at] = value;
        }
        check(bytes);
    }

    #[test]
    fn truncated_files_are_refused(cut in any::<Pick>()) {
        let original = sample_index();
        let cut = cut.index(original.len());
        check(original[..cut].to_vec());
    }

    #[test]
    fn extended_files_are_refused(extra in prop::collection::vec(any::<u8>(), 1..128)) {
        let mut bytes = sample_index().to_vec();
        bytes.extend_from_slice(&extra);
        check(bytes);
    }

    #[test]
    fn truncated_and_flipped_files_are_refused(cut in any::<Pick>(), flips in prop::collection::vec((position(), 1u8..=255), 0..3)) {
        let mut bytes = sample_index().to_vec();
        for (at, mask) in flips {
            bytes[at] ^= mask;
        }
        bytes.truncate(cut.index(bytes.len()));
        check(bytes);
    }

    #[test]
    fn arbitrary_bytes_are_refused(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check(bytes);
    }

    /// Damage behind the header with the checksum recomputed, so that the metadata
    /// parse, the archive validation and the consistency checks see it. Such a file
    /// may open (a changed letter in a name is still a valid archive); if it does, the
    /// archive's tables must read cleanly. (The fst lookups are left out: see
    /// `corrupt_fst_lookups_never_panic`.)
    #[test]
    fn resealed_damage_is_refused_or_reads_cleanly(
        flips in prop::collection::vec((any::<Pick>(), 1u8..=255), 1..4),
        in_payload in any::<bool>(),
    ) {
        let mut bytes = sample_index().to_vec();
        let payload_offset = read_u64(&bytes, 32) as usize;
        let region = if in_payload { payload_offset..bytes.len() } else { HEADER_LEN..payload_offset };
        for (at, mask) in flips {
            bytes[region.start + at.index(region.len())] ^= mask;
        }
        reseal(&mut bytes);
        if let Ok(index) = Index::from_bytes(bytes) {
            read_every_table(&index);
        }
    }

    /// Arbitrary bytes as the payload of a well-formed, correctly checksummed file.
    #[test]
    fn arbitrary_payload_is_refused_or_reads_cleanly(payload in prop::collection::vec(any::<u8>(), 0..1024)) {
        let original = sample_index();
        let payload_offset = read_u64(original, 32) as usize;
        let mut bytes = original[..payload_offset].to_vec();
        bytes[40..48].copy_from_slice(&(payload.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&payload);
        reseal(&mut bytes);
        if let Ok(index) = Index::from_bytes(bytes) {
            read_every_table(&index);
        }
    }
}

fn read_u64(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap())
}

/// Writes the checksum of everything after the header into the header.
fn reseal(bytes: &mut [u8]) {
    let sum = xxhash_rust::xxh3::xxh3_64(&bytes[HEADER_LEN..]);
    bytes[48..56].copy_from_slice(&sum.to_le_bytes());
}

/// Looks up, through the fst maps, every token, phonetic key, name and identifier the
/// sample holds, and walks the token fst.
fn look_up_everything(index: &Index) {
    use fst::Streamer;
    for entity in sample_entities() {
        for identifier in &entity.identifiers {
            let _ = index.entities_with_identifier(&identifier.kind, &identifier.value);
        }
        for (name, _) in entity.all_names() {
            let normalized = interdict_text::normalize(name);
            let _ = index.names_exactly(&normalized);
            for token in normalized.split(' ') {
                let _ = index.token_id(token);
                let _ = index.tokens_with_phonetic_key(&interdict_text::phonetic_key(token));
                let _ = index.tokens_with_deletion(token);
                let _ = index.tokens_with_prefix(token.get(..1).unwrap_or(""), 10);
            }
        }
    }
    let map = index.token_map();
    let mut stream = map.stream();
    while stream.next().is_some() {}
}

#[test]
fn the_sample_looks_up_cleanly() {
    let index = Index::from_bytes(sample_index().to_vec()).unwrap();
    read_every_table(&index);
    look_up_everything(&index);
    assert_eq!(index.names_exactly("northern light").len(), 1);
}

/// Where `needle` starts in `haystack` (the fst bytes inside the sample file).
fn find(haystack: &[u8], needle: &[u8]) -> usize {
    haystack.windows(needle.len()).position(|w| w == needle).expect("the fst bytes are in the file")
}

/// KNOWN BUG, found by `resealed_damage_is_refused_or_reads_cleanly`: an index whose
/// file checksum is right but one of whose fst maps is damaged opens (`check_consistency`
/// only runs `fst::Map::new`, which reads the fst's header and footer), and a later
/// lookup panics inside `fst` (debug: "attempt to subtract with overflow" in
/// `fst::raw::node::unpack_delta`, node.rs:873; release: "index out of bounds: the len is
/// 136 but the index is 18446744073709551615", node.rs:302), through `Index::token_id`,
/// `names_exactly`, `tokens_with_phonetic_key`, `tokens_with_deletion`,
/// `tokens_with_prefix`, `entities_with_identifier` and streams of `token_map`. Example:
/// XOR byte 16 of the token fst with 0x11 and rewrite the checksum at 48..56.
/// `fst::raw::Fst::verify` (the fst's own CRC32C) refuses every such single-byte flip.
/// `Index::open` now verifies each fst's CRC32C. Details in `docs/fuzzing.md`.
#[test]
fn corrupt_fst_lookups_never_panic() {
    let original = sample_index();
    let index = Index::from_bytes(original.to_vec()).unwrap();
    let d = index.data();
    let fsts = [
        d.token_fst.as_slice(),
        d.phonetic_fst.as_slice(),
        d.delete_fst.as_slice(),
        d.name_fst.as_slice(),
        d.identifier_fst.as_slice(),
    ];
    for fst_bytes in fsts {
        let start = find(original, fst_bytes);
        for at in start..start + fst_bytes.len() {
            for mask in [0x01, 0x11, 0x80, 0xff] {
                let mut bytes = original.to_vec();
                bytes[at] ^= mask;
                reseal(&mut bytes);
                if let Ok(index) = Index::from_bytes(bytes) {
                    read_every_table(&index);
                    look_up_everything(&index);
                }
            }
        }
    }
}
