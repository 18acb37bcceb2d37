//! The compiled index of listed parties: built once, mapped, verified once, read in place.
//!
//! An index file holds every entity of the lists it was built from, all their names
//! with normalised forms and tokens, and the lookup structures the matcher needs:
//! token postings (token → names), phonetic postings (phonetic key → tokens), exact
//! name lookup, and identifier maps (BIC, IMO, passport numbers...). Keys are `fst`
//! maps stored inside the archive (prefix searches), and the keys looked up exactly on
//! every query (tokens, one-letter deletions, phonetic keys, whole names, identifiers)
//! also have a hash table ([`KeyTable`]); both are read in place. Every listed word's
//! neighbours (sounds-alike and one-edit words) are stored ([`NeighbourLists`]).
//!
//! ## File layout (format version [`FORMAT_VERSION`])
//!
//! | offset | size | content                                                      |
//! |--------|------|--------------------------------------------------------------|
//! | 0      | 8    | magic `INTRDICT`                                             |
//! | 8      | 4    | format version, u32 little-endian                            |
//! | 12     | 4    | reserved, zero                                               |
//! | 16     | 8    | metadata offset (always 64)                                  |
//! | 24     | 8    | metadata length                                              |
//! | 32     | 8    | payload offset, a multiple of 64 so the archive is aligned   |
//! | 40     | 8    | payload length                                               |
//! | 48     | 8    | XXH3-64 checksum of metadata and payload                     |
//! | 56     | 8    | reserved, zero                                               |
//! | 64     | …    | metadata: JSON ([`Metadata`]: build time, sources, counts)   |
//! | …      | …    | zero padding to the payload offset                           |
//! | payload| …    | rkyv archive of [`IndexData`]                                |
//!
//! ## Cost contract
//! - Build: linear in the number of names, plus a sort of the token set; the full
//!   OFAC + UN lists parse and build in 0.6 s (see docs/benchmarks.md), about 0.1 s of
//!   it searching every listed word's neighbours.
//! - Open: one `mmap`, one checksum pass and one rkyv validation pass over the file, a
//!   consistency pass, and a small table of word lengths and letters derived from the
//!   words; after that every read is a pointer dereference into the mapping. Memory is the
//!   mapped file, paged in on use.
//! - Lookup: a token, deletion, phonetic key, whole name or identifier is one hash and
//!   a short probe; a listed word's neighbours are one read; a prefix is an `fst` walk
//!   (O(key length)); postings are slices of the mapping. The hash tables cost about
//!   8.6 MiB on the full lists and took query p50 from 14.9 to 11.5 µs; the stored
//!   neighbours, the identifier table and the tables' filters cost 2.5 MiB more and,
//!   with a tighter candidate bound, took it to 4.8 µs (docs/benchmarks.md).
//!
//! A corrupt, truncated or wrong-version file is refused by [`Index::open`] with an
//! [`Error`] that says which check failed.
//!
//! ## Typed ids, native values
//!
//! Readers speak [`EntityId`], [`NameId`] and [`TokenId`] and get native values back: a
//! stored list of ids (postings) is an [`Ids`] view that reads the archive in place and
//! yields typed ids, a listed name is a [`NameRef`] with native accessors, weights are
//! `f32`. rkyv's archived integers (fixed byte order, so a file reads the same on any
//! machine) and their `to_native` conversions stay inside this crate. What is still
//! handed out archived, and why:
//! - an entity ([`Index::entity`]) is `interdict-model`'s `ArchivedEntity`: the model's
//!   types own their archived form, and that crate gives it native accessors (kinds,
//!   birth years); copying an entity out on every read would cost the hot path, and
//!   [`Index::entity_owned`] copies one out for output;
//! - [`Index::data`] is the raw archive, for format-level tools (fuzzing, damage tests);
//!   the schema types below ([`IndexData`], [`IndexedName`]...) describe it.
//!
//! This crate does not score names; see `interdict-matcher`.
//!
//! ```
//! use interdict_index::{build, Index, SourceMeta};
//! use interdict_model::{Entity, EntityKind};
//!
//! let e = Entity::new("custom:1", "custom", EntityKind::Person, "CHOE, Chol Min");
//! let bytes = build(vec![e], vec![SourceMeta::new("custom-json", "inline")], "2026-01-01T00:00:00Z").unwrap();
//! let index = Index::from_bytes(bytes).unwrap();
//! assert_eq!(index.entity_count(), 1);
//! let token = index.token_id("chol").unwrap();
//! let names = index.names_with_token(token);
//! assert_eq!(names.len(), 1);
//! let name = index.name(names.first().unwrap());
//! assert_eq!(name.normalized(), "choe chol min");
//! assert_eq!(index.entity(name.entity()).id.as_str(), "custom:1");
//! ```

mod build;
mod error;
mod file;
mod ids;
mod neighbours;
mod report;
mod sources;

use std::collections::BTreeMap;

use interdict_model::{Entity, NameRole};
use serde::{Deserialize, Serialize};

pub use build::{analyzed, build, identifier_key, one_deletes, LEGAL_FORM_WEIGHT, MIN_TYPO_TOKEN_LEN};
pub use error::Error;
pub use file::{Index, TokenShape, FORMAT_VERSION, MAGIC};
pub use ids::{EntityId, Id, IdIter, Ids, NameId, NameRef, TokenId};
pub use neighbours::{Neighbour, NeighbourKind, COMMON_EXACT_POSTINGS};
pub use sources::{build_from_sources, write_index, BuildOptions, BuildStep, BuiltIndex, Source};

pub(crate) const EMPTY_SLOT: u32 = u32::MAX;

/// A list of `u32` lists stored flat: list `i` is `items[offsets[i]..offsets[i + 1]]`.
#[derive(Debug, Default, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Postings {
    pub offsets: Vec<u32>,
    pub items: Vec<u32>,
}

/// A hash table from a key's 64-bit XXH3 hash to the key's id in the matching fst
/// (open addressing, linear probing, a power-of-two number of slots, at most half
/// full). Exact lookups through it cost one hash and a probe or two instead of a walk
/// down the fst, which dominated query time; the fst stays for prefix searches. Two
/// keys of one table with the same 64-bit hash would make the build fail, not alias.
///
/// Each table also has a blocked Bloom filter over its keys' hashes (about ten bits per
/// key, three bits in one 512-bit block per key): a key the table does not hold — most
/// deletions and word halves a query looks up — is answered from the small filter,
/// which stays in cache, instead of by a probe into the large table. On the generated
/// payment stream this took screening from about 20 to 18 µs a message
/// (docs/benchmarks.md).
#[derive(Debug, Default, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct KeyTable {
    pub hashes: Vec<u64>,
    /// Key id per slot; `u32::MAX` marks an empty slot.
    pub ids: Vec<u32>,
    /// The filter's bits, a power of two of 64-bit words, at least 8 (one block).
    pub filter: Vec<u64>,
}

/// The filter words and bits a key's hash sets: a block of 512 bits chosen by the low
/// bits, three bits in it chosen by three higher 9-bit slices.
pub(crate) fn filter_bits(hash: u64, words: usize) -> [(usize, u64); 3] {
    let blocks = (words / 8).max(1);
    let block = (hash as usize % blocks) * 8;
    let bit = |shift: u32| {
        let b = ((hash >> shift) & 511) as usize;
        (block + b / 64, 1u64 << (b % 64))
    };
    [bit(32), bit(41), bit(50)]
}

/// Per token id, the listed words near it ([`Neighbour`]), stored flat: token `i`'s
/// list is at `offsets[i]..offsets[i + 1]` of the three parallel vectors.
#[derive(Debug, Default, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct NeighbourLists {
    pub offsets: Vec<u32>,
    pub tokens: Vec<u32>,
    pub sims: Vec<f32>,
    /// [`NeighbourKind`] codes: 0 exact, 1 sounds alike, 2 typo.
    pub kinds: Vec<u8>,
}

/// One name of one entity, as indexed.
#[derive(Debug, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct IndexedName {
    /// Position of the entity in [`IndexData::entities`].
    pub entity: u32,
    pub role: NameRole,
    /// The name as listed.
    pub text: String,
    /// The name's canonical tokens (`interdict_text::analyze`) joined by spaces.
    pub normalized: String,
    /// Token ids of the normalised name, in order.
    pub tokens: Vec<u32>,
}

/// Everything the archive holds.
#[derive(Debug, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct IndexData {
    pub entities: Vec<Entity>,
    pub names: Vec<IndexedName>,
    /// Every distinct token, sorted; a token's id is its position.
    pub tokens: Vec<String>,
    /// Per token id: its rarity weight, `ln(1 + names / names holding it)`, scaled
    /// down for legal-form words.
    pub token_weights: Vec<f32>,
    /// Per name id: the sum of its tokens' weights.
    pub name_weights: Vec<f32>,
    /// Per name id: 1 if one of its tokens is a single letter (an initial), else 0.
    pub name_has_initial: Vec<u8>,
    /// Per token id: 1 if the token is a legal-form word, else 0.
    pub token_legal_form: Vec<u8>,
    /// fst map: a token with one character deleted → list id in `delete_tokens`.
    /// Tokens of four or more characters only; finds tokens one edit away. Tokens of
    /// three or more characters are also keys of their own, pointing at themselves.
    pub delete_fst: Vec<u8>,
    pub delete_table: KeyTable,
    pub delete_tokens: Postings,
    /// fst map: token → token id.
    pub token_fst: Vec<u8>,
    pub token_table: KeyTable,
    /// token id → ids of the names holding it, ascending.
    pub token_names: Postings,
    /// fst map: phonetic key → key id.
    pub phonetic_fst: Vec<u8>,
    pub phonetic_table: KeyTable,
    /// phonetic key id → token ids with that key, shortest tokens first.
    pub phonetic_tokens: Postings,
    /// fst map: full normalised name → list id in `exact_names`.
    pub name_fst: Vec<u8>,
    pub name_table: KeyTable,
    pub exact_names: Postings,
    /// fst map: `<id kind>:<normalised value>` → list id in `identifier_entities`.
    pub identifier_fst: Vec<u8>,
    pub identifier_table: KeyTable,
    /// The identifier keys in fst order: a table hit is confirmed against its key.
    pub identifier_keys: Vec<String>,
    pub identifier_entities: Postings,
    /// Per token id: its neighbours, as [`Index::neighbours`] would search them. Empty
    /// only inside the build, which needs the rest of the index to compute them.
    pub neighbours: NeighbourLists,
}

/// What one `--source` contributed, as recorded in the index header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceMeta {
    /// The source kind (`ofac-csv`, `un-xml`...).
    pub kind: String,
    /// The path given on the command line.
    pub path: String,
    /// The list's publish date, when the files carry one.
    pub published: Option<String>,
    /// The files read, with their SHA-256.
    pub inputs: Vec<InputMeta>,
    /// Entities from this source.
    pub entities: u64,
    /// Entities per type (`person`, `organization`, `vessel`, `aircraft`, `unknown`).
    pub by_type: BTreeMap<String, u64>,
    /// Entities per list prefix (`ofac-sdn`, `ofac-cons`...).
    pub by_list: BTreeMap<String, u64>,
    /// Warnings per kind (`dangling-alias`...).
    pub warnings: BTreeMap<String, u64>,
}

impl SourceMeta {
    pub fn new(kind: &str, path: &str) -> Self {
        SourceMeta {
            kind: kind.to_string(),
            path: path.to_string(),
            published: None,
            inputs: Vec::new(),
            entities: 0,
            by_type: BTreeMap::new(),
            by_list: BTreeMap::new(),
            warnings: BTreeMap::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputMeta {
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
}

/// The index header's metadata, stored as JSON in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    pub format_version: u32,
    /// RFC 3339 UTC time of the build.
    pub build_time: String,
    /// The program that built it (`interdict 0.1.0`).
    pub builder: String,
    pub sources: Vec<SourceMeta>,
    pub entities: u64,
    pub names: u64,
    pub tokens: u64,
    pub identifiers: u64,
}
