//! The repository's example sessions, one per method, for tests.

#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use sempre::model::Session;
use sempre::store::{Access, open_file};

/// Every example session with its file's stem, sorted by file name.
pub fn examples() -> Vec<(String, Session)> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
    files.sort();
    assert_eq!(files.len(), 10, "one example per method");
    files
        .iter()
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            (stem, open_file(p, Access::ReadOnly).unwrap().session)
        })
        .collect()
}
