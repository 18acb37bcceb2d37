//! The log writer of the long-running commands (`interdict run`, `interdict demo`, and
//! the review service next to them), through `tracing`: text for people or JSON lines
//! for a log pipeline, on stderr. Command output stays on stdout.

use tracing_subscriber::EnvFilter;

use crate::{ConfigError, LogFormat};

/// Installs the process's log writer; `level` is a level or `tracing` directives
/// (`info,interdict_stream=debug`). A second call keeps the first writer (tests run
/// several commands in one process).
pub fn init(format: LogFormat, level: &str) -> Result<(), ConfigError> {
    let filter = EnvFilter::try_new(level)
        .map_err(|e| ConfigError::LogLevel { level: level.to_string(), reason: e.to_string() })?;
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let installed = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).with_current_span(false).try_init(),
    };
    let _ = installed;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_level_that_does_not_read_is_refused() {
        let refused = init(LogFormat::Text, "info,=[").unwrap_err().to_string();
        assert!(refused.starts_with("log level \"info,=[\": "), "{refused}");
    }
}
