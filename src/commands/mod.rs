//! One module per subcommand.

pub mod demo;
pub mod index;
pub mod loadgen;
pub mod review;
pub mod run;
pub mod screen;
pub mod search;
