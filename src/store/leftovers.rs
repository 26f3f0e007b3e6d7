//! Temporary files left by saves that were killed half-way
//! (`.ID.json.XXXXXX.tmp`). Each is a full copy of a session, private
//! notes included, so none may linger.
//!
//! Every save happens while its session's lock is held (a board holds it
//! all along, a command while it writes, a new session while it is first
//! written). So a temporary file whose session lock can be taken belongs
//! to no running save and is removed; one whose lock is held may be a save
//! in progress and is left for next time. This needs no clock and no
//! process ids, which a temporary file's name does not carry.

use std::io;
use std::path::{Path, PathBuf};

use super::Store;
use super::lock::{Holder, SessionLock};

/// What a sweep of the store folder found.
#[derive(Debug, Default)]
pub struct Sweep {
    /// Leftovers removed.
    pub removed: Vec<PathBuf>,
    /// Temporary files of saves that may be running now; left alone.
    pub in_use: Vec<PathBuf>,
    /// Leftovers that could not be removed, and why.
    pub failed: Vec<(PathBuf, String)>,
}

impl Store {
    /// Removes the temporary files no running save owns.
    pub fn sweep_leftovers(&self) -> Sweep {
        let mut sweep = Sweep::default();
        let Ok(entries) = std::fs::read_dir(self.dir()) else {
            return sweep;
        };
        let mut temps: Vec<(PathBuf, PathBuf)> = entries
            .filter_map(Result::ok)
            // Only a name starting with a dot can be a leftover: the
            // thousands of session files are passed over by name.
            .filter(|e| e.file_name().as_encoded_bytes().first() == Some(&b'.'))
            .map(|e| e.path())
            .filter_map(|p| session_of(&p).map(|s| (p, s)))
            .collect();
        temps.sort();
        for (temp, session) in temps {
            match SessionLock::try_acquire_as(&session, Holder::Command) {
                Ok(Some(_lock)) => match remove(&temp) {
                    Ok(()) => sweep.removed.push(temp),
                    Err(e) => sweep.failed.push((temp, e.to_string())),
                },
                Ok(None) => sweep.in_use.push(temp),
                Err(e) => sweep.failed.push((temp, e.to_string())),
            }
        }
        sweep
    }
}

fn remove(path: &Path) -> io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// The session file a temporary file at `path` was to become:
/// `.NAME.json.XXXXXX.tmp` → `NAME.json`.
fn session_of(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    let inner = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (target, random) = inner.rsplit_once('.')?;
    let is_session = target.len() > ".json".len() && target.ends_with(".json");
    let is_random = !random.is_empty() && random.chars().all(|c| c.is_ascii_alphanumeric());
    (is_session && is_random).then(|| path.with_file_name(target))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_temporary_name_leads_to_its_session() {
        let p = |s: &str| session_of(Path::new(s));
        assert_eq!(
            p("/s/.abc.json.Xy12Zq.tmp"),
            Some(PathBuf::from("/s/abc.json"))
        );
        assert_eq!(
            p("/s/.example-rygsaek.json.a1b2c3.tmp"),
            Some(PathBuf::from("/s/example-rygsaek.json"))
        );
        for other in [
            "/s/abc.json",
            "/s/.abc.json.tmp",
            "/s/.abc.md.Xy12Zq.tmp",
            "/s/x.tmp",
        ] {
            assert_eq!(p(other), None, "{other}");
        }
    }

    #[test]
    fn only_leftovers_whose_lock_is_free_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let free = dir.path().join(".a.json.AAAAAA.tmp");
        let busy = dir.path().join(".b.json.BBBBBB.tmp");
        std::fs::write(&free, "copy").unwrap();
        std::fs::write(&busy, "copy").unwrap();
        let held = SessionLock::try_acquire(&dir.path().join("b.json")).unwrap();
        assert!(held.is_some());
        let sweep = store.sweep_leftovers();
        assert_eq!(sweep.removed, vec![free.clone()]);
        assert_eq!(sweep.in_use, vec![busy.clone()]);
        assert!(!free.exists() && busy.exists());
        drop(held);
        assert_eq!(store.sweep_leftovers().removed, vec![busy.clone()]);
    }
}
