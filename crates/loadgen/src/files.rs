//! Payments written to a directory instead of sent: one file each (`<key>.xml` or
//! `<key>.txt` for MT103), and `expected.tsv` with each file's format, expected outcome
//! and listed entity, for `interdict screen` and for tests.

use std::path::Path;

use crate::{Error, GeneratedPayment, Generator};

/// Writes the next `count` payments of `generator` to `dir` (created if missing), and
/// `expected.tsv` (key, file, format, expected, listed entity or `-`).
pub fn write_files(generator: &mut Generator, dir: &Path, count: u64) -> Result<(), Error> {
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| Error::Io { path, source }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let mut expected = String::from("key\tfile\tformat\texpected\tlisted_entity\n");
    for _ in 0..count {
        let GeneratedPayment { key, format, bytes, expected: outcome, listed_entity, .. } = generator.next_payment();
        let file = format!("{key}.{}", if format.as_str() == "mt103" { "txt" } else { "xml" });
        let path = dir.join(&file);
        std::fs::write(&path, &bytes).map_err(io(&path))?;
        expected.push_str(&format!(
            "{key}\t{file}\t{}\t{}\t{}\n",
            format.as_str(),
            outcome.as_str(),
            listed_entity.as_deref().unwrap_or("-")
        ));
    }
    let path = dir.join("expected.tsv");
    std::fs::write(&path, expected).map_err(io(&path))?;
    Ok(())
}
