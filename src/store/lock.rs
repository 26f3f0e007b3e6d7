//! One editor per session. The lock is taken on a separate file in a
//! `.locks` folder, because saving renames a new session file over the old
//! one and a lock on the session file itself would be lost with it.
//!
//! The lock file says who holds it (a board, or a command that writes
//! once and lets go), so that a command can wait for another command but
//! need not wait for a board that may stay open all day.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::atomic::create_private_dir;
use super::files::{is_link, link_refused, no_follow};
use super::{Doing, StoreError};

/// Who holds a session's lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// A board, open for as long as the facilitator works.
    Board,
    /// A command or a single change (`sempre add`, the follow-up screen),
    /// done in a moment.
    Command,
}

impl Holder {
    fn word(self) -> &'static str {
        match self {
            Holder::Board => "board",
            Holder::Command => "command",
        }
    }
}

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

    /// Takes the lock of `session_file` for a board. `Ok(None)` means
    /// another process holds it.
    pub fn try_acquire(session_file: &Path) -> Result<Option<SessionLock>, StoreError> {
        SessionLock::try_acquire_as(session_file, Holder::Board)
    }

    /// Takes the lock of `session_file` for `holder`. A `.locks` folder or
    /// a lock file that is a symbolic link is refused, never followed.
    pub fn try_acquire_as(
        session_file: &Path,
        holder: Holder,
    ) -> Result<Option<SessionLock>, StoreError> {
        let path = SessionLock::path_for(session_file);
        let io = |source| StoreError::Io {
            doing: Doing::Locking,
            path: session_file.display().to_string(),
            source,
        };
        if let Some(dir) = path.parent() {
            if is_link(dir) {
                return Err(link_refused(dir));
            }
            create_private_dir(dir).map_err(io)?;
        }
        if is_link(&path) {
            return Err(link_refused(&path));
        }
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = no_follow(&mut options).open(&path).map_err(|e| {
            if is_link(&path) {
                link_refused(&path)
            } else {
                io(e)
            }
        })?;
        if !lock_or_wait_briefly(&file).map_err(io)? {
            return Ok(None);
        }
        // Only the holder writes here; a failure to say who holds it only
        // makes a waiting command wait its full time.
        let _ = file.set_len(0).and_then(|()| {
            writeln!(file, "{} {}", holder.word(), std::process::id())?;
            file.sync_data()
        });
        Ok(Some(SessionLock { _file: file, path }))
    }

    /// Who holds the lock of `session_file`, as its lock file says; `None`
    /// if it does not say (yet).
    pub fn holder_of(session_file: &Path) -> Option<Holder> {
        let path = SessionLock::path_for(session_file);
        let mut text = String::new();
        no_follow(OpenOptions::new().read(true))
            .open(&path)
            .and_then(|mut f| f.read_to_string(&mut text))
            .ok()?;
        match text.split_whitespace().next() {
            Some("board") => Some(Holder::Board),
            Some("command") => Some(Holder::Command),
            _ => None,
        }
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// How long a lock that looks held is tried again before it counts as
/// held. A lock is let go when the last descriptor of its open file is
/// closed, and a process that starts a program (a browser for a PDF, a
/// test starting sempre) briefly shares every descriptor of its own until
/// the program starts: a lock just let go can look held for that moment.
const BRIEF: Duration = Duration::from_millis(200);

/// Takes the lock on `file`, trying again for [`BRIEF`] while it looks
/// held. `Ok(false)`: it is held.
fn lock_or_wait_briefly(file: &File) -> io::Result<bool> {
    let deadline = Instant::now() + BRIEF;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(true),
            Err(TryLockError::Error(e)) => return Err(e),
            Err(TryLockError::WouldBlock) if Instant::now() >= deadline => return Ok(false),
            Err(TryLockError::WouldBlock) => std::thread::sleep(Duration::from_millis(10)),
        }
    }
}

/// Whether `e` says the folder cannot be written at all (no permission, a
/// read-only disk), as opposed to a passing failure.
pub fn is_unwritable(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
    )
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
        assert_eq!(SessionLock::holder_of(&session), Some(Holder::Board));
        drop(first);
        let second = SessionLock::try_acquire_as(&session, Holder::Command).unwrap();
        assert!(second.is_some());
        assert_eq!(SessionLock::holder_of(&session), Some(Holder::Command));
    }

    #[test]
    fn the_lock_lives_beside_not_on_the_session_file() {
        let p = SessionLock::path_for(Path::new("/store/abc.json"));
        assert_eq!(p, Path::new("/store/.locks/abc.lock"));
    }

    #[cfg(unix)]
    #[test]
    fn links_for_the_folder_or_the_lock_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir(&elsewhere).unwrap();
        let store = dir.path().join("store");
        std::fs::create_dir(&store).unwrap();
        std::os::unix::fs::symlink(&elsewhere, store.join(".locks")).unwrap();
        let session = store.join("abc.json");
        assert!(matches!(
            SessionLock::try_acquire(&session),
            Err(StoreError::Link { .. })
        ));
        std::fs::remove_file(store.join(".locks")).unwrap();
        std::fs::create_dir(store.join(".locks")).unwrap();
        let target = elsewhere.join("x");
        std::os::unix::fs::symlink(&target, store.join(".locks/abc.lock")).unwrap();
        assert!(matches!(
            SessionLock::try_acquire(&session),
            Err(StoreError::Link { .. })
        ));
        assert!(!target.exists(), "nothing is made where the link points");
    }
}
