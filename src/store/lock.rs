//! One editor per session. The lock is taken on a separate file in a
//! `.locks` folder, because saving renames a new session file over the old
//! one and a lock on the session file itself would be lost with it.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

use super::atomic::create_private_dir;

/// Holds the editing lock of one session file until dropped.
#[derive(Debug)]
pub struct SessionLock {
    _file: File,
    path: PathBuf,
}

impl SessionLock {
    /// The lock file that guards `session_file`.
    pub fn path_for(session_file: &Path) -> PathBuf {
        let dir = session_file.parent().unwrap_or(Path::new("."));
        let stem = session_file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        dir.join(".locks").join(format!("{stem}.lock"))
    }

    /// Takes the lock of `session_file`. `Ok(None)` means another process
    /// holds it.
    pub fn try_acquire(session_file: &Path) -> io::Result<Option<SessionLock>> {
        let path = SessionLock::path_for(session_file);
        if let Some(dir) = path.parent() {
            create_private_dir(dir)?;
        }
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(&path)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(SessionLock { _file: file, path })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(e),
        }
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("abc.json");
        let first = SessionLock::try_acquire(&session).unwrap();
        assert!(first.is_some());
        assert!(SessionLock::try_acquire(&session).unwrap().is_none());
        drop(first);
        assert!(SessionLock::try_acquire(&session).unwrap().is_some());
    }

    #[test]
    fn the_lock_lives_beside_not_on_the_session_file() {
        let p = SessionLock::path_for(Path::new("/store/abc.json"));
        assert_eq!(p, Path::new("/store/.locks/abc.lock"));
    }
}
