//! The screening set the service uses: the index, the embargo policy, the good-guy list
//! and the threshold, loaded and swapped as one unit.
//!
//! At start a policy or good-guy file that does not parse stops the service with the
//! file, line and reason (an index that does not open does not: the service runs and
//! fails closed until one loads). On SIGHUP all three files are read again; if any is
//! bad, nothing changes and the old set stays (logged, and counted in
//! `interdict_index_reloads_total{result="refused"}`); readiness is unchanged. The
//! good-guy file can also be watched: when its content changes it is read again and,
//! if good, swapped in with the index and policy in use (the review service writes it).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use interdict_index::Index;
use interdict_matcher::MatchConfig;
use interdict_screen::{GoodGuyList, Policy, ScreenConfig, Screener};

use crate::http::AppState;
use crate::telemetry::{ScreenerLoaded, ScreenerRefused};
use crate::Config;

/// Why a file of the screening set was refused.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("index {path}: {reason}")]
    Index { path: PathBuf, reason: String },
    #[error("embargo policy {path}: {reason}")]
    Policy { path: PathBuf, reason: String },
    #[error("good-guy list {path}: {reason}")]
    GoodGuys { path: PathBuf, reason: String },
}

/// What triggered a load, for logs and metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    Start,
    Signal,
    GoodGuysChanged,
}

impl Trigger {
    pub fn as_str(&self) -> &'static str {
        match self {
            Trigger::Start => "start",
            Trigger::Signal => "signal",
            Trigger::GoodGuysChanged => "good_guys_changed",
        }
    }
}

/// The configured embargo policy (the shipped one when none is configured).
pub fn load_policy(config: &Config) -> Result<Policy, LoadError> {
    let Some(path) = &config.policy else { return Ok(Policy::default_policy()) };
    let text =
        std::fs::read_to_string(path).map_err(|e| LoadError::Policy { path: path.clone(), reason: e.to_string() })?;
    Policy::from_toml(&text).map_err(|e| LoadError::Policy { path: path.clone(), reason: e.to_string() })
}

/// The configured good-guy list (empty when none is configured).
pub fn load_good_guys(config: &Config) -> Result<GoodGuyList, LoadError> {
    let Some(path) = &config.good_guys else { return Ok(GoodGuyList::empty()) };
    read_good_guys(path)
}

fn read_good_guys(path: &Path) -> Result<GoodGuyList, LoadError> {
    GoodGuyList::read(path).map_err(|e| LoadError::GoodGuys { path: path.to_path_buf(), reason: e.to_string() })
}

/// The screening configuration of `config`: policy, good-guy list, threshold.
pub fn load_settings(config: &Config) -> Result<ScreenConfig, LoadError> {
    Ok(ScreenConfig {
        matcher: MatchConfig { threshold: config.threshold, ..MatchConfig::default() },
        policy: load_policy(config)?,
        good_guys: load_good_guys(config)?,
        ..ScreenConfig::default()
    })
}

/// Opens and verifies the index and builds its screener with the configured policy,
/// good-guy list and threshold. Any bad file is an error; nothing is half-loaded.
pub fn load_screener(config: &Config) -> Result<Arc<Screener>, LoadError> {
    let settings = load_settings(config)?;
    let path = &config.index;
    // A copy in memory, not a mapping: an index file overwritten in place must not take
    // the service down (see `watch_index_file`).
    let index = Index::open_copy(path).map_err(|e| LoadError::Index { path: path.clone(), reason: e.to_string() })?;
    let screener = Screener::new(Arc::new(index), settings)
        .map_err(|e| LoadError::Index { path: path.clone(), reason: e.to_string() })?;
    Ok(Arc::new(screener))
}

/// Loads the whole set and swaps it in; on any error the set in use stays. Logs and
/// counts either way.
pub fn reload(config: &Config, state: &AppState, trigger: Trigger) -> Result<(), LoadError> {
    match load_screener(config) {
        Ok(screener) => {
            swap_in(state, screener, trigger);
            Ok(())
        }
        Err(e) => {
            refuse(&e, trigger);
            Err(e)
        }
    }
}

fn swap_in(state: &AppState, screener: Arc<Screener>, trigger: Trigger) {
    let age = crate::http::index_age(&screener).map_or(0.0, |a| a.as_secs_f64());
    let with = screener.screened_with();
    ScreenerLoaded {
        version: screener.index_version(),
        age_seconds: age,
        trigger: trigger.as_str(),
        policy_sha256: &with.policy_sha256,
        good_guy_entries: with.good_guys.entries,
        threshold: with.threshold,
    }
    .emit();
    state.screener.store(Some(screener));
}

fn refuse(e: &LoadError, trigger: Trigger) {
    ScreenerRefused { trigger: trigger.as_str(), reason: &e.to_string() }.emit();
}

/// Checks the good-guy file every `config.good_guys_check_interval` and, when its
/// content changed, swaps in a screener of the index and policy in use with the new
/// list. A bad file is refused once per content (not every check). Runs until dropped.
pub async fn watch_good_guys(config: Config, state: Arc<AppState>) {
    let Some(path) = config.good_guys.clone() else { return };
    let mut refused: Option<String> = None;
    let mut ticks = tokio::time::interval(config.good_guys_check_interval());
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        // Without a screener there is nothing to reconfigure: the next full load
        // (SIGHUP) reads the list with the index.
        let Some(current) = state.screener.load_full() else { continue };
        let Ok(bytes) = std::fs::read(&path) else { continue };
        let fingerprint = interdict_screen::sha256_hex(&bytes);
        if fingerprint == current.screened_with().good_guys.sha256 || refused.as_ref() == Some(&fingerprint) {
            continue;
        }
        match read_good_guys(&path) {
            Ok(list) => {
                refused = None;
                let settings = ScreenConfig { good_guys: list, ..current.config().clone() };
                // The new screener shares the index's tables; off the async threads all
                // the same, since a large list takes a moment to compile.
                let screener = tokio::task::spawn_blocking(move || current.reconfigured(settings)).await;
                match screener {
                    Ok(s) => swap_in(&state, Arc::new(s), Trigger::GoodGuysChanged),
                    Err(e) => tracing::error!("reloading the good-guy list failed: {e}"),
                }
            }
            Err(e) => {
                refused = Some(fingerprint);
                refuse(&e, Trigger::GoodGuysChanged);
            }
        }
    }
}

/// What identifies the content of a file without reading it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FileStamp {
    inode: u64,
    len: u64,
    modified: Option<std::time::SystemTime>,
}

fn stamp(path: &std::path::Path) -> Option<FileStamp> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).ok()?;
    Some(FileStamp { inode: m.ino(), len: m.len(), modified: m.modified().ok() })
}

/// Watches the index file: when it changes on disk (replaced, or, by mistake,
/// overwritten or truncated in place), says so once per change in the log and in
/// `interdict_index_file_changes_total`. The index in use is a verified copy in memory,
/// so screening goes on with it unharmed; SIGHUP loads the new file (and refuses it if
/// it is not a valid index). Runs until dropped.
pub async fn watch_index_file(config: Config, every: std::time::Duration) {
    let path = config.index.clone();
    let mut last = stamp(&path);
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        let now = stamp(&path);
        if now != last {
            crate::telemetry::IndexFileChanged { path: &path }.emit();
            last = now;
        }
    }
}
