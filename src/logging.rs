//! Log lines of the long-running commands (`run`, `demo`), through `tracing`: text for
//! people or JSON lines for a log pipeline, on stderr. Command output stays on stdout.

use anyhow::{Context, Result};
use interdict_stream::LogFormat;
use tracing_subscriber::EnvFilter;

/// Installs the process's log writer; `level` is a level or `tracing` directives.
pub fn init(format: LogFormat, level: &str) -> Result<()> {
    let filter = EnvFilter::try_new(level).with_context(|| format!("log level {level:?}"))?;
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let installed = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).with_current_span(false).try_init(),
    };
    // A second call (tests running commands in one process) keeps the first writer.
    let _ = installed;
    Ok(())
}
