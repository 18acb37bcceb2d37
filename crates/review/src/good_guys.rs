//! The good-guy file the screening service reads: accepted false positives approved in
//! review, written whole and atomically, so `interdict run` (which reloads the file when
//! it changes) never reads half of it.

use std::io::Write;
use std::path::Path;

use interdict_screen::{GoodGuyEntry, GoodGuyList};

use crate::Error;

/// Writes `entries` to `path` as a JSON good-guy list: to a temporary file beside it,
/// synced, read back with the screening service's own parser, then renamed over `path`.
/// A list the parser refuses leaves `path` as it was.
pub fn write_good_guy_file(path: &Path, entries: &[GoodGuyEntry]) -> Result<(), Error> {
    let fail = |what: &str, e: &dyn std::fmt::Display| Error::GoodGuys(format!("{}: {what}: {e}", path.display()));
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().ok_or_else(|| Error::GoodGuys(format!("{}: not a file name", path.display())))?;
    let temporary = dir.join(format!(".{}.writing", name.to_string_lossy()));
    let json = serde_json::to_vec_pretty(entries).map_err(|e| fail("encoding", &e))?;
    let mut file = std::fs::File::create(&temporary).map_err(|e| fail("creating the temporary file", &e))?;
    file.write_all(&json).and_then(|()| file.sync_all()).map_err(|e| fail("writing", &e))?;
    drop(file);
    if let Err(e) = GoodGuyList::read(&temporary) {
        let _ = std::fs::remove_file(&temporary);
        return Err(fail("the screening service would refuse it", &e));
    }
    std::fs::rename(&temporary, path).map_err(|e| fail("renaming into place", &e))?;
    // The rename itself is durable once the directory is synced.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}
