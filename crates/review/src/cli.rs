//! `interdict review` on the command line (feature `cli`): the flags, the tools that
//! make `users.toml` credentials, and the service run until SIGTERM or Ctrl-C.
//! Configuration: a TOML file (`--config`), then `INTERDICT_REVIEW_*` variables, then
//! the flags ([`ReviewConfig::layered`]).

use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Subcommand};

use crate::service::ServiceError;
use crate::ReviewConfig;

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ReviewArgs {
    #[command(subcommand)]
    tool: Option<ReviewTool>,
    /// A TOML configuration file (environment and flags override it).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Bootstrap brokers, HOST:PORT[,HOST:PORT...]. The other settings are as named in
    /// docs/operations.md (`--db sqlite:PATH`, `--users users.toml`, `--listen`...).
    #[arg(long, value_name = "HOST:PORT")]
    brokers: Option<String>,
    #[arg(long)]
    review_topic: Option<String>,
    #[arg(long)]
    outcomes_topic: Option<String>,
    #[arg(long)]
    status_topic: Option<String>,
    #[arg(long)]
    dead_letter_topic: Option<String>,
    #[arg(long)]
    group: Option<String>,
    #[arg(long)]
    db: Option<String>,
    #[arg(long)]
    index: Option<String>,
    #[arg(long)]
    users: Option<String>,
    #[arg(long)]
    good_guys: Option<String>,
    #[arg(long)]
    listen: Option<String>,
    #[arg(long)]
    claim_idle: Option<String>,
    #[arg(long)]
    overdue_check_interval: Option<String>,
}

#[derive(Subcommand)]
enum ReviewTool {
    /// Read a password on stdin; print its argon2id hash for `users.toml`.
    HashPassword,
    /// Print a new API token and the SHA-256 to list in `users.toml`.
    NewToken,
}

/// Runs `interdict review` (or one of its tools) to the end: the service until SIGTERM
/// or Ctrl-C.
pub fn run(args: ReviewArgs) -> Result<ExitCode, ServiceError> {
    match args.tool {
        Some(ReviewTool::HashPassword) => {
            let mut password = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut password)
                .map_err(|e| ServiceError::Config(format!("reading the password from stdin: {e}")))?;
            let hash = crate::users::hash_password(password.trim_end_matches(['\r', '\n']))
                .map_err(|e| ServiceError::Config(e.to_string()))?;
            println!("{hash}");
            return Ok(ExitCode::SUCCESS);
        }
        Some(ReviewTool::NewToken) => {
            let (token, hash) = crate::users::new_token();
            println!("token (give to the user):   {token}\ntoken_sha256 (users.toml):  {hash}");
            return Ok(ExitCode::SUCCESS);
        }
        None => {}
    }
    let file = match &args.config {
        Some(path) => {
            Some(std::fs::read_to_string(path).map_err(|e| ServiceError::Config(format!("{}: {e}", path.display())))?)
        }
        None => None,
    };
    let flags = [
        ("brokers", args.brokers),
        ("review_topic", args.review_topic),
        ("outcomes_topic", args.outcomes_topic),
        ("status_topic", args.status_topic),
        ("dead_letter_topic", args.dead_letter_topic),
        ("group", args.group),
        ("db", args.db),
        ("index", args.index),
        ("users", args.users),
        ("good_guys", args.good_guys),
        ("listen", args.listen),
        ("claim_idle", args.claim_idle),
        ("overdue_check_interval", args.overdue_check_interval),
    ];
    let flags = flags.into_iter().filter_map(|(k, v)| Some((k, v?)));
    let config = ReviewConfig::layered(file.as_deref(), std::env::vars(), flags)
        .map_err(|e| ServiceError::Config(e.to_string()))?;
    interdict_stream::logging::init(interdict_stream::LogFormat::Text, "info")
        .map_err(|e| ServiceError::Config(e.to_string()))?;
    let runtime =
        tokio::runtime::Runtime::new().map_err(|e| ServiceError::Stop(format!("starting the runtime: {e}")))?;
    runtime.block_on(async {
        let service = crate::service::start(config).await?;
        tracing::info!("review API on http://{}", service.listening);
        let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .map_err(|e| ServiceError::Stop(format!("installing the SIGTERM handler: {e}")))?;
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = terminate.recv() => {}
        }
        let counts = service.stop_and_wait(Duration::from_secs(25)).await?;
        tracing::info!(
            records = counts.records,
            new_cases = counts.new_cases,
            dead_letters = counts.dead_letters,
            "stopped"
        );
        Ok(ExitCode::SUCCESS)
    })
}
