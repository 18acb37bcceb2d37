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

use interdict_index::Index;
use interdict_testkit::index::{read_every_table, sample_index};
use libfuzzer_sys::fuzz_target;

const HEADER_LEN: usize = 64;

fn fsts_verify(index: &Index) -> bool {
    let d = index.data();
    [&d.token_fst, &d.phonetic_fst, &d.delete_fst, &d.name_fst, &d.identifier_fst]
        .iter()
        .all(|f| fst::raw::Fst::new(f.as_slice()).is_ok_and(|f| f.verify().is_ok()))
}

/// Reads every table, then, when the fsts verify, looks everything up through them.
fn read(index: &Index) {
    read_every_table(index);
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

    let mut bytes = sample_index().to_vec();
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
