use std::path::PathBuf;

/// The one error type of this crate: why an index could not be built or opened.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The cause is in the message, not chained: a chain would print it twice.
    #[error("{}: {error}", path.display())]
    Io { path: PathBuf, error: std::io::Error },
    #[error("not an Interdict index: the file is {len} bytes, shorter than the 64-byte header")]
    TooShort { len: u64 },
    #[error("not an Interdict index: bad magic bytes {found:02x?}")]
    BadMagic { found: [u8; 8] },
    #[error("index format version {found} is not supported (this build reads version {supported}); rebuild the index")]
    UnsupportedVersion { found: u32, supported: u32 },
    #[error("index file is truncated or its header is corrupt: {what} ends at byte {end}, the file has {len} bytes")]
    Truncated { what: &'static str, end: u64, len: u64 },
    #[error("index payload is misaligned at byte {offset} (must be a multiple of 64)")]
    Misaligned { offset: u64 },
    #[error(
        "index checksum mismatch: header says {expected:016x}, content hashes to {actual:016x} (the file is corrupt)"
    )]
    Checksum { expected: u64, actual: u64 },
    #[error("index metadata is not valid JSON: {0}")]
    Metadata(String),
    #[error("index archive failed validation: {0}")]
    Archive(String),
    #[error("index is inconsistent: {0}")]
    Inconsistent(String),
    #[error("cannot build index: {0}")]
    Build(String),
    #[error("--source {argument:?}: {reason}")]
    SourceArgument { argument: String, reason: String },
    #[error("reading {kind} source {}: {error}", path.display())]
    Source { kind: &'static str, path: PathBuf, error: Box<interdict_lists::Error> },
    #[error(
        "{kind} source {} gives no entities: an index without this list would screen nothing against it \
         (unless the list is empty on purpose)",
        path.display()
    )]
    EmptySource { kind: &'static str, path: PathBuf },
}
