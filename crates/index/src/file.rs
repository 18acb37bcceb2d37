//! Opening, verifying and reading an index file.

use std::ops::Range;
use std::path::Path;

use interdict_model::{ArchivedEntity, Entity, IdKind};
use rkyv::util::AlignedVec;
use xxhash_rust::xxh3::xxh3_64;

use crate::build::identifier_key;
use crate::filter_bits;
use crate::ids::{ArchivedU32, EntityId, Ids, NameId, NameRef, TokenId};
use crate::{ArchivedIndexData, ArchivedKeyTable, ArchivedPostings, Error, Metadata, EMPTY_SLOT};

/// The first eight bytes of every index file.
pub const MAGIC: &[u8; 8] = b"INTRDICT";
/// The layout version this build writes and reads.
pub const FORMAT_VERSION: u32 = 5;
pub(crate) const HEADER_LEN: usize = 64;
pub(crate) const PAYLOAD_ALIGN: usize = 64;

enum Storage {
    /// A read-only mapping of the file. Index files are replaced by rename, never
    /// rewritten in place, so the mapped bytes do not change under us.
    Mapped(memmap2::Mmap),
    Owned(AlignedVec),
}

impl Storage {
    fn bytes(&self) -> &[u8] {
        match self {
            Storage::Mapped(m) => m,
            Storage::Owned(v) => v,
        }
    }
}

/// An open, verified index. Cheap to share behind an `Arc`; all reads are `&self`.
pub struct Index {
    storage: Storage,
    payload: Range<usize>,
    metadata: Metadata,
    checksum: u64,
    /// Per token id, its [`TokenShape`]: derived at open (117 KiB for 29,000 words), so
    /// that a scan of a phonetic bucket can skip words without reading their text.
    shapes: Vec<TokenShape>,
}

/// A word's length and which letters it holds: enough to bound its Jaro-Winkler
/// similarity with another word without reading the other word's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenShape {
    /// One bit per letter a–z, bit 26 for any digit, bit 27 for any other byte.
    letters: u32,
    len: u32,
}

impl TokenShape {
    pub fn of(word: &str) -> TokenShape {
        let mut letters = 0u32;
        for b in word.bytes() {
            letters |= match b {
                b'a'..=b'z' => 1 << (b - b'a'),
                b'0'..=b'9' => 1 << 26,
                _ => 1 << 27,
            };
        }
        TokenShape { letters, len: word.len().min(u32::MAX as usize) as u32 }
    }

    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The letters the word holds: one bit per letter a–z, bit 26 for any digit, bit 27
    /// for any other byte.
    pub fn letters(&self) -> u32 {
        self.letters
    }

    /// An upper bound on the (byte-wise) Jaro-Winkler similarity of two words: a letter
    /// one word holds and the other lacks takes at least one position that cannot match,
    /// so the matching characters are at most each length minus those letters; the
    /// common prefix is taken at its most (four). Letters sharing a class bit (digits,
    /// other bytes) only loosen the bound.
    pub fn jaro_winkler_ceiling(&self, other: &TokenShape) -> f64 {
        let own_only = (self.letters & !other.letters).count_ones() as usize;
        let other_only = (other.letters & !self.letters).count_ones() as usize;
        let m = self.len().saturating_sub(own_only).min(other.len().saturating_sub(other_only));
        if m == 0 || self.len == 0 || other.len == 0 {
            return 0.0;
        }
        let m = m as f64;
        let jaro = (m / self.len as f64 + m / other.len as f64 + 1.0) / 3.0;
        jaro + 0.4 * (1.0 - jaro)
    }
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index").field("version", &self.version()).field("entities", &self.entity_count()).finish()
    }
}

/// Opens an index file for reading; a directory or other non-file is refused by name.
fn open_file(path: &Path) -> Result<std::fs::File, Error> {
    let file = std::fs::File::open(path).map_err(|e| Error::Io { path: path.to_path_buf(), error: e })?;
    let metadata = file.metadata().map_err(|e| Error::Io { path: path.to_path_buf(), error: e })?;
    if !metadata.is_file() {
        let what = if metadata.is_dir() { "a directory" } else { "not a regular file" };
        return Err(Error::Io {
            path: path.to_path_buf(),
            error: std::io::Error::other(format!("is {what}, not an index file")),
        });
    }
    Ok(file)
}

fn read_u64(bytes: &[u8], at: usize) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(b)
}

impl Index {
    /// Maps and verifies an index file: header, checksum, archive validation and
    /// internal consistency. After this, reads are zero-copy.
    pub fn open(path: &Path) -> Result<Index, Error> {
        let file = open_file(path)?;
        // SAFETY: the mapping is read-only and index files are never modified in place
        // (they are written to a temporary name and renamed). A process that must
        // survive an operator's mistake there uses `open_copy`.
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| Error::Io { path: path.to_path_buf(), error: e })?;
        Self::verify(Storage::Mapped(map))
    }

    /// Reads an index file into memory (one aligned copy), verifies it, and reads it in
    /// place from there. For a long-running service: a mapped file that someone
    /// truncates or overwrites in place takes the process down at its next read
    /// (SIGBUS); a copy is not affected, and screening goes on with what was verified.
    /// Costs the file's size in memory and one read at open (milliseconds).
    pub fn open_copy(path: &Path) -> Result<Index, Error> {
        use std::io::Read;
        let mut file = open_file(path)?;
        let len = file.metadata().map(|m| m.len() as usize).unwrap_or(0);
        let mut aligned = AlignedVec::with_capacity(len);
        let mut chunk = vec![0u8; 1 << 20];
        loop {
            let n = file.read(&mut chunk).map_err(|e| Error::Io { path: path.to_path_buf(), error: e })?;
            if n == 0 {
                break;
            }
            aligned.extend_from_slice(&chunk[..n]);
        }
        Self::verify(Storage::Owned(aligned))
    }

    /// Verifies index file bytes held in memory (copied to an aligned buffer).
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Index, Error> {
        let mut aligned = AlignedVec::with_capacity(bytes.len());
        aligned.extend_from_slice(&bytes);
        Self::verify(Storage::Owned(aligned))
    }

    fn verify(storage: Storage) -> Result<Index, Error> {
        let bytes = storage.bytes();
        let len = bytes.len() as u64;
        if bytes.len() < HEADER_LEN {
            return Err(Error::TooShort { len });
        }
        if &bytes[0..8] != MAGIC {
            let mut found = [0u8; 8];
            found.copy_from_slice(&bytes[0..8]);
            return Err(Error::BadMagic { found });
        }
        let version = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
        if version != FORMAT_VERSION {
            return Err(Error::UnsupportedVersion { found: version, supported: FORMAT_VERSION });
        }
        let meta_offset = read_u64(bytes, 16);
        let meta_len = read_u64(bytes, 24);
        let payload_offset = read_u64(bytes, 32);
        let payload_len = read_u64(bytes, 40);
        let expected = read_u64(bytes, 48);
        let meta_end = meta_offset.saturating_add(meta_len);
        if meta_offset != HEADER_LEN as u64 || meta_end > len {
            return Err(Error::Truncated { what: "metadata", end: meta_end, len });
        }
        let payload_end = payload_offset.saturating_add(payload_len);
        if payload_offset < meta_end || payload_end != len {
            return Err(Error::Truncated { what: "payload", end: payload_end, len });
        }
        if payload_offset % PAYLOAD_ALIGN as u64 != 0 {
            return Err(Error::Misaligned { offset: payload_offset });
        }
        let actual = xxh3_64(&bytes[HEADER_LEN..]);
        if actual != expected {
            return Err(Error::Checksum { expected, actual });
        }
        let metadata: Metadata = serde_json::from_slice(&bytes[meta_offset as usize..meta_end as usize])
            .map_err(|e| Error::Metadata(e.to_string()))?;
        let payload = payload_offset as usize..payload_end as usize;
        let archived = rkyv::access::<ArchivedIndexData, rkyv::rancor::Error>(&bytes[payload.clone()])
            .map_err(|e| Error::Archive(e.to_string()))?;
        check_consistency(archived)?;
        let shapes = archived.tokens.iter().map(|t| TokenShape::of(t.as_str())).collect();
        Ok(Index { payload, metadata, checksum: expected, storage, shapes })
    }

    /// The archive itself, as rkyv lays it out (integers in rkyv's fixed byte order),
    /// for format-level tools: fuzzing and tests that damage the file. Readers use the
    /// typed accessors below. Validated once in [`Index::open`].
    pub fn data(&self) -> &ArchivedIndexData {
        // SAFETY: these exact bytes passed `rkyv::access` validation when the index was
        // opened, and they are immutable for the life of `self`.
        unsafe { rkyv::access_unchecked::<ArchivedIndexData>(&self.storage.bytes()[self.payload.clone()]) }
    }

    pub fn metadata(&self) -> &Metadata {
        &self.metadata
    }

    /// The version every decision names: `idx-` and the file checksum in hex.
    pub fn version(&self) -> String {
        format!("idx-{:016x}", self.checksum)
    }

    /// Size of the index file in bytes.
    pub fn file_len(&self) -> usize {
        self.storage.bytes().len()
    }

    pub fn entity_count(&self) -> usize {
        self.data().entities.len()
    }

    pub fn name_count(&self) -> usize {
        self.data().names.len()
    }

    /// Every entity's id, in index order.
    pub fn entity_ids(&self) -> impl DoubleEndedIterator<Item = EntityId> + ExactSizeIterator {
        (0..self.entity_count() as u32).map(EntityId)
    }

    /// Every name's id, in index order.
    pub fn name_ids(&self) -> impl DoubleEndedIterator<Item = NameId> + ExactSizeIterator {
        (0..self.name_count() as u32).map(NameId)
    }

    /// Every listed word's id, in word order.
    pub fn token_ids(&self) -> impl DoubleEndedIterator<Item = TokenId> + ExactSizeIterator {
        (0..self.token_count() as u32).map(TokenId)
    }

    /// A listed entity, read in place. The entity is `interdict-model`'s archived type,
    /// whose fields are read through its own accessors (`EntityKind::from(&e.kind)`,
    /// `BirthDate` years...).
    #[inline]
    pub fn entity(&self, id: EntityId) -> &ArchivedEntity {
        &self.data().entities[id.index()]
    }

    /// An entity copied out of the archive, for output.
    pub fn entity_owned(&self, id: EntityId) -> Entity {
        rkyv::deserialize::<Entity, rkyv::rancor::Error>(self.entity(id)).expect("validated archive deserializes")
    }

    /// Finds an entity by its id (`ofac-sdn:43598`). Linear; meant for tools, not the hot path.
    pub fn find_entity(&self, id: &str) -> Option<EntityId> {
        self.data().entities.iter().position(|e| e.id.as_str() == id).map(|i| EntityId(i as u32))
    }

    /// One listed name, read in place.
    #[inline]
    pub fn name(&self, id: NameId) -> NameRef<'_> {
        NameRef::new(&self.data().names[id.index()])
    }

    /// A listed word's text.
    #[inline]
    pub fn token(&self, id: TokenId) -> &str {
        self.data().tokens[id.index()].as_str()
    }

    /// The length and letters of a token (see [`TokenShape`]).
    #[inline]
    pub fn token_shape(&self, id: TokenId) -> TokenShape {
        self.shapes.get(id.index()).copied().unwrap_or(TokenShape { letters: u32::MAX, len: u32::MAX })
    }

    pub fn token_count(&self) -> usize {
        self.data().tokens.len()
    }

    /// The id of a listed word, if the lists hold it.
    pub fn token_id(&self, token: &str) -> Option<TokenId> {
        // The token table keeps the keys themselves: confirm, so that even a 64-bit hash
        // collision with an unlisted word cannot answer.
        table_get(&self.data().token_table, token)
            .filter(|&id| self.data().tokens.get(id as usize).is_some_and(|t| t == token))
            .map(TokenId)
    }

    /// The rarity weight of a token (legal-form words scaled down).
    #[inline]
    pub fn token_weight(&self, token: TokenId) -> f32 {
        self.data().token_weights.get(token.index()).map_or(0.0, |w| w.to_native())
    }

    /// The sum of a name's token weights.
    #[inline]
    pub fn name_weight(&self, name: NameId) -> f32 {
        self.data().name_weights.get(name.index()).map_or(0.0, |w| w.to_native())
    }

    /// Whether one of a name's tokens is a single letter.
    #[inline]
    pub fn name_has_initial(&self, name: NameId) -> bool {
        self.data().name_has_initial.get(name.index()).is_some_and(|b| *b != 0)
    }

    /// Whether a token is a legal-form word (`llc`, `limited`...).
    #[inline]
    pub fn is_legal_form(&self, token: TokenId) -> bool {
        self.data().token_legal_form.get(token.index()).is_some_and(|b| *b != 0)
    }

    /// The listed words near `token` (the same word, sounds-alike and one-edit words),
    /// each once with its best similarity: stored for a listed word, searched for any
    /// other.
    pub fn neighbours(&self, token: &str) -> Vec<crate::Neighbour> {
        if let Some(list) = self.token_id(token).and_then(|id| self.stored_neighbours(id)) {
            return list;
        }
        crate::neighbours::search(self, token)
    }

    /// The neighbours of `token` searched through the lookup structures, ignoring the
    /// stored lists: what the build stores, and what [`Index::neighbours`] answers for a
    /// word the lists do not hold.
    pub fn search_neighbours(&self, token: &str) -> Vec<crate::Neighbour> {
        crate::neighbours::search(self, token)
    }

    fn stored_neighbours(&self, token: TokenId) -> Option<Vec<crate::Neighbour>> {
        let n = &self.data().neighbours;
        let start = n.offsets.get(token.index())?.to_native() as usize;
        let end = n.offsets.get(token.index() + 1)?.to_native() as usize;
        (start..end)
            .map(|i| {
                Some(crate::Neighbour {
                    token: TokenId(n.tokens.get(i)?.to_native()),
                    sim: n.sims.get(i)?.to_native(),
                    kind: crate::NeighbourKind::from_code(*n.kinds.get(i)?)?,
                })
            })
            .collect()
    }

    /// Index tokens that `key` is a one-character deletion of, and the index token equal
    /// to `key` if there is one (three or more characters). Pass a query word to find
    /// listed words one character longer; pass each of its deletions to find listed
    /// words one substitution, transposition or character shorter.
    pub fn tokens_with_deletion(&self, key: &str) -> Ids<'_, TokenId> {
        match table_get(&self.data().delete_table, key) {
            Some(id) => Ids::new(postings(&self.data().delete_tokens, id)),
            None => Ids::empty(),
        }
    }

    /// Up to `limit` token ids starting with `prefix`, in token order.
    pub fn tokens_with_prefix(&self, prefix: &str, limit: usize) -> Vec<TokenId> {
        use fst::{Automaton, IntoStreamer, Streamer};
        let map = self.token_map();
        let automaton = fst::automaton::Str::new(prefix).starts_with();
        let mut stream = map.search(automaton).into_stream();
        let mut out = Vec::new();
        while let Some((_, id)) = stream.next() {
            if out.len() >= limit {
                break;
            }
            out.push(TokenId(id as u32));
        }
        out
    }

    /// Ids of the names holding this token, ascending.
    #[inline]
    pub fn names_with_token(&self, token: TokenId) -> Ids<'_, NameId> {
        Ids::new(postings(&self.data().token_names, token.0))
    }

    /// Token ids sharing a phonetic key, shortest tokens first.
    pub fn tokens_with_phonetic_key(&self, key: &str) -> Ids<'_, TokenId> {
        match table_get(&self.data().phonetic_table, key) {
            Some(id) => Ids::new(postings(&self.data().phonetic_tokens, id)),
            None => Ids::empty(),
        }
    }

    /// Ids of the names whose normalised form is exactly `normalized`.
    pub fn names_exactly(&self, normalized: &str) -> Ids<'_, NameId> {
        match table_get(&self.data().name_table, normalized) {
            Some(id) => Ids::new(postings(&self.data().exact_names, id)),
            None => Ids::empty(),
        }
    }

    /// Ids of the names whose normalised form begins with `prefix`, at most `limit`
    /// of them, in name order: the listed names a name cut short could be.
    pub fn names_with_prefix(&self, prefix: &str, limit: usize) -> Vec<NameId> {
        use fst::{Automaton, IntoStreamer, Streamer};
        let map = fst::Map::new(self.data().name_fst.as_slice()).expect("validated at open");
        let mut stream = map.search(fst::automaton::Str::new(prefix).starts_with()).into_stream();
        let mut out = Vec::new();
        while let Some((_, id)) = stream.next() {
            for name in postings(&self.data().exact_names, id as u32) {
                if out.len() >= limit {
                    return out;
                }
                out.push(NameId(name.to_native()));
            }
        }
        out
    }

    /// Entities listing this identifier (BIC8 also finds BIC11 entries).
    pub fn entities_with_identifier(&self, kind: &IdKind, value: &str) -> Ids<'_, EntityId> {
        let key = identifier_key(kind, value);
        let d = self.data();
        // Confirmed against the key itself, as for tokens: a 64-bit collision with an
        // unlisted identifier must not answer.
        match table_get(&d.identifier_table, &key)
            .filter(|&id| d.identifier_keys.get(id as usize).is_some_and(|k| k == &key))
        {
            Some(id) => Ids::new(postings(&d.identifier_entities, id)),
            None => Ids::empty(),
        }
    }

    /// The raw token fst, for automaton searches (prefix, edit distance).
    pub fn token_map(&self) -> fst::Map<&[u8]> {
        fst::Map::new(self.data().token_fst.as_slice()).expect("validated at open")
    }
}

/// The key id a [`crate::KeyTable`] holds for `key`, if any. The probe is bounded by the
/// table's size, so even a damaged table cannot loop.
fn table_get(t: &ArchivedKeyTable, key: &str) -> Option<u32> {
    let slots = t.ids.len();
    if slots == 0 || !slots.is_power_of_two() || t.hashes.len() != slots {
        return None;
    }
    let h = xxh3_64(key.as_bytes());
    let filter = t.filter.as_slice();
    // Open checks that the filter passes every key, so a clear bit means "not here".
    if filter_bits(h, filter.len()).iter().any(|&(w, bit)| filter.get(w).is_none_or(|f| f.to_native() & bit == 0)) {
        return None;
    }
    let mask = slots - 1;
    let mut i = h as usize & mask;
    for _ in 0..slots {
        let id = t.ids[i].to_native();
        if id == EMPTY_SLOT {
            return None;
        }
        if t.hashes[i].to_native() == h {
            return Some(id);
        }
        i = (i + 1) & mask;
    }
    None
}

/// List `id` of a postings table; an id without a list (only possible through a
/// damaged fst value) reads as empty rather than panicking.
fn postings(p: &ArchivedPostings, id: u32) -> &[ArchivedU32] {
    let i = id as usize;
    match (p.offsets.get(i), p.offsets.get(i + 1)) {
        (Some(start), Some(end)) => p.items.get(start.to_native() as usize..end.to_native() as usize).unwrap_or(&[]),
        _ => &[],
    }
}

/// Checks what rkyv validation cannot: every stored id points inside its table, so no
/// read after open can go out of bounds, and every fst parses.
fn check_consistency(d: &ArchivedIndexData) -> Result<(), Error> {
    let entities = d.entities.len() as u32;
    let names = d.names.len() as u32;
    let tokens = d.tokens.len() as u32;
    for (i, n) in d.names.iter().enumerate() {
        if n.entity.to_native() >= entities {
            return Err(Error::Inconsistent(format!("name {i} points at entity {}", n.entity)));
        }
        if n.tokens.iter().any(|t| t.to_native() >= tokens) {
            return Err(Error::Inconsistent(format!("name {i} holds an unknown token")));
        }
    }
    if d.token_weights.len() != d.tokens.len()
        || d.token_legal_form.len() != d.tokens.len()
        || d.name_weights.len() != d.names.len()
        || d.name_has_initial.len() != d.names.len()
    {
        return Err(Error::Inconsistent("token tables differ in length".into()));
    }
    let tables: [(&str, &rkyv::vec::ArchivedVec<u8>, &ArchivedPostings, u32); 5] = [
        ("token", &d.token_fst, &d.token_names, names),
        ("phonetic", &d.phonetic_fst, &d.phonetic_tokens, tokens),
        ("deletion", &d.delete_fst, &d.delete_tokens, tokens),
        ("name", &d.name_fst, &d.exact_names, names),
        ("identifier", &d.identifier_fst, &d.identifier_entities, entities),
    ];
    let key_tables: [(&str, &ArchivedKeyTable, &rkyv::vec::ArchivedVec<u8>); 5] = [
        ("token", &d.token_table, &d.token_fst),
        ("phonetic", &d.phonetic_table, &d.phonetic_fst),
        ("deletion", &d.delete_table, &d.delete_fst),
        ("name", &d.name_table, &d.name_fst),
        ("identifier", &d.identifier_table, &d.identifier_fst),
    ];
    for (what, table, fst_bytes) in key_tables {
        let keys =
            fst::Map::new(fst_bytes.as_slice()).map_err(|e| Error::Inconsistent(format!("{what} fst: {e}")))?.len();
        let slots = table.ids.len();
        let filled = table.ids.iter().filter(|id| id.to_native() != EMPTY_SLOT).count();
        let filter = table.filter.as_slice();
        let filter_passes_every_key = filter.len() >= 8
            && filter.len().is_power_of_two()
            && table.hashes.iter().zip(table.ids.iter()).filter(|(_, id)| id.to_native() != EMPTY_SLOT).all(
                |(h, _)| {
                    filter_bits(h.to_native(), filter.len()).iter().all(|&(w, bit)| filter[w].to_native() & bit != 0)
                },
            );
        if !filter_passes_every_key {
            return Err(Error::Inconsistent(format!("{what} hash table's filter does not pass every key")));
        }
        if !slots.is_power_of_two()
            || table.hashes.len() != slots
            || filled != keys
            || filled >= slots
            || table.ids.iter().any(|id| id.to_native() != EMPTY_SLOT && id.to_native() as usize >= keys)
        {
            return Err(Error::Inconsistent(format!("{what} hash table does not match its {keys} keys")));
        }
    }
    let identifiers =
        fst::Map::new(d.identifier_fst.as_slice()).map_err(|e| Error::Inconsistent(format!("identifier fst: {e}")))?;
    if d.identifier_keys.len() != identifiers.len() {
        return Err(Error::Inconsistent("identifier keys do not match the identifier fst".into()));
    }
    let n = &d.neighbours;
    if !n.offsets.is_empty() {
        let items = n.tokens.len();
        let offsets_ok = n.offsets.len() == d.tokens.len() + 1
            && n.offsets.first().map(|o| o.to_native()) == Some(0)
            && n.offsets.last().map(|o| o.to_native() as usize) == Some(items)
            && n.offsets.iter().zip(n.offsets.iter().skip(1)).all(|(a, b)| a.to_native() <= b.to_native());
        if !offsets_ok || n.sims.len() != items || n.kinds.len() != items {
            return Err(Error::Inconsistent("neighbour lists do not match the tokens".into()));
        }
        if n.tokens.iter().any(|t| t.to_native() >= tokens)
            || n.kinds.iter().any(|&k| crate::NeighbourKind::from_code(k).is_none())
            || n.sims.iter().any(|s| !(0.0..=1.0).contains(&s.to_native()))
        {
            return Err(Error::Inconsistent("neighbour lists hold an unknown token, kind or similarity".into()));
        }
    }
    for (what, fst_bytes, p, bound) in tables {
        let map = fst::Map::new(fst_bytes.as_slice()).map_err(|e| Error::Inconsistent(format!("{what} fst: {e}")))?;
        // The fst's own CRC32C: a damaged node inside the fst would otherwise pass the
        // header check and panic on its first lookup (found by fuzzing).
        map.as_fst().verify().map_err(|e| Error::Inconsistent(format!("{what} fst: {e}")))?;
        let lists = map.len();
        if p.offsets.len() != lists + 1 || p.offsets.first().map(|o| o.to_native()) != Some(0) {
            return Err(Error::Inconsistent(format!(
                "{what} postings have {} offsets for {lists} keys",
                p.offsets.len()
            )));
        }
        let mut prev = 0u32;
        for o in p.offsets.iter() {
            let o = o.to_native();
            if o < prev || o as usize > p.items.len() {
                return Err(Error::Inconsistent(format!("{what} postings offsets are out of order or range")));
            }
            prev = o;
        }
        if p.items.iter().any(|x| x.to_native() >= bound) {
            return Err(Error::Inconsistent(format!("{what} postings point outside their table")));
        }
    }
    Ok(())
}
