//! `interdict`: real-time sanctions screening of payment messages.
//!
//! The binary glues the library crates together behind one command line:
//! `index build` compiles list files into an index, `index info` describes one,
//! `search` screens names, `screen` screens payment messages, `run` screens a Kafka
//! stream, `review` serves the held payments' cases, `loadgen` load-tests the stream, and
//! `demo` shows the whole path on the lists bundled with the project.

mod commands;

/// mimalloc rather than the system allocator: screening a payment makes a few hundred
/// small allocations (parsed fields, query words, hits), and glibc's malloc and free
/// were a sixth of the time (docs/benchmarks.md). Benchmarks use the same allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "interdict", version, about = "Real-time sanctions screening of payment messages")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build or describe a compiled list index.
    #[command(subcommand)]
    Index(commands::index::IndexCommand),
    /// Screen names against an index (arguments, or one name per line on stdin).
    Search(commands::search::SearchArgs),
    /// Screen a Kafka stream: decisions, review and dead-letter topics, at least once.
    Run(commands::run::RunArgs),
    /// Screen payment messages (ISO 20022, SWIFT MT, JSON): one verdict per message.
    Screen(commands::screen::ScreenArgs),
    /// Build an index from the bundled OFAC lists and screen a few sample names.
    Demo(commands::demo::DemoArgs),
    /// Send realistic payments to Kafka at a set rate and check the decisions (or write
    /// them to files).
    Loadgen(commands::loadgen::LoadgenArgs),
    /// Review held payments: cases, two people decide, outcomes go back.
    Review(interdict_review::cli::ReviewArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if !matches!(cli.command, Command::Run(_) | Command::Review(_)) {
        // A command whose output is piped into `head` ends quietly when the reader
        // closes the pipe, as Unix tools do. (Rust ignores SIGPIPE, so every write would
        // fail instead, some of them in a panic.) The service keeps ignoring it: a
        // closed log pipe must not stop screening.
        // SAFETY: restores the default disposition of one signal at start, before any
        // thread exists.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    let result = match cli.command {
        Command::Index(cmd) => commands::index::run(cmd),
        Command::Search(args) => commands::search::run(args),
        Command::Screen(args) => commands::screen::run(args),
        Command::Run(args) => commands::run::run(args),
        Command::Demo(args) => commands::demo::run(args),
        Command::Loadgen(args) => commands::loadgen::run(args),
        Command::Review(args) => interdict_review::cli::run(args).map_err(Into::into),
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`interdict index names FILE | head`) is the reader's choice, not an error.
        Err(err)
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}
