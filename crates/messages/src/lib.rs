//! Payment message parsers (being written).
