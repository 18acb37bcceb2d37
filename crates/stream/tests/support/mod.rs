//! Helpers shared by the stream crate's integration tests.

pub mod schemas;
