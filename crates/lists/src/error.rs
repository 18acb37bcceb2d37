use std::fmt;
use std::path::PathBuf;

/// Where in an input file something went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// A line (1-based) and the byte offset of its start (0-based).
    Line { line: u64, byte: u64 },
    /// A byte offset (0-based) into the file.
    Byte(u64),
    /// The whole file (a missing part, an empty file).
    File,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Position::Line { line, byte } => write!(f, "line {line} (byte {byte})"),
            Position::Byte(b) => write!(f, "byte {b}"),
            Position::File => write!(f, "file"),
        }
    }
}

/// The one error type of this crate. Every parse error names the file, the position
/// and the reason.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: {position}: {reason}", path.display())]
    Parse { path: PathBuf, position: Position, reason: String },
    #[error("{}: {reason}", path.display())]
    MissingInput { path: PathBuf, reason: String },
    #[error("unknown source kind {0:?} (expected one of: {kinds})", kinds = crate::SourceKind::NAMES.join(", "))]
    UnknownKind(String),
}

impl Error {
    pub(crate) fn parse(path: impl Into<PathBuf>, position: Position, reason: impl Into<String>) -> Self {
        Error::Parse { path: path.into(), position, reason: reason.into() }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }

    /// The position of a parse error, if this is one.
    pub fn position(&self) -> Option<Position> {
        match self {
            Error::Parse { position, .. } => Some(*position),
            _ => None,
        }
    }
}

/// A problem that does not stop the parse, such as an alias whose entry is missing.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Warning {
    pub file: String,
    pub position: String,
    pub message: String,
}

/// Collects warnings, keeping a count per kind and the first few messages of each.
#[derive(Debug, Default, Clone)]
pub struct Warnings {
    /// Warnings kept verbatim (the first [`Warnings::KEEP`] of each kind).
    pub kept: Vec<Warning>,
    /// Count per kind, in the order kinds were first seen.
    pub counts: Vec<(String, u64)>,
}

impl Warnings {
    pub const KEEP: usize = 5;

    pub fn push(&mut self, kind: &str, file: &str, position: Position, message: String) {
        let count = match self.counts.iter_mut().find(|(k, _)| k == kind) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                self.counts.push((kind.to_string(), 1));
                1
            }
        };
        if count as usize <= Self::KEEP {
            self.kept.push(Warning { file: file.to_string(), position: position.to_string(), message });
        }
    }

    pub fn count(&self, kind: &str) -> u64 {
        self.counts.iter().find(|(k, _)| k == kind).map_or(0, |(_, n)| *n)
    }

    pub fn total(&self) -> u64 {
        self.counts.iter().map(|(_, n)| n).sum()
    }

    pub fn extend(&mut self, other: Warnings) {
        for (kind, n) in other.counts {
            match self.counts.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, m)) => *m += n,
                None => self.counts.push((kind, n)),
            }
        }
        self.kept.extend(other.kept);
    }
}
