//! A session opened from its file: the lock, what was read, and a save
//! that never overwrites a change made elsewhere.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::atomic::{Replaced, write_atomic_stamped};
use super::files::{read_no_follow, read_stamped};
use super::lock::{Holder, SessionLock, is_unwritable};
use super::stamp::Stamp;
use super::{Doing, StoreError, decode};
use crate::model::{MergeReport, Session, merge, record_changes};

/// How to open a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// To change it: take the lock, or fall back to read-only if another
    /// sempre holds it or the store folder cannot be written.
    Edit,
    /// To look at it only.
    ReadOnly,
}

/// How long a command waits for another command to finish writing.
const COMMAND_PATIENCE: Duration = Duration::from_secs(3);

/// A session opened from a file, holding the file's lock while it is
/// edited.
#[derive(Debug)]
pub struct OpenSession {
    /// The session as read.
    pub session: Session,
    path: PathBuf,
    lock: Option<SessionLock>,
    locked_elsewhere: bool,
    unwritable: bool,
    /// The file's bytes as this process last read or wrote them: what the
    /// file must still hold for a save to go ahead, and where a merge
    /// with a change made elsewhere starts. Kept whole and compared byte
    /// for byte, which is exact and cheaper than hashing, whenever the
    /// file's [`Stamp`] moved; the modification time alone is never
    /// trusted, as a restore brings back an old one.
    seen: Vec<u8>,
    /// The file's [`Stamp`] when it held `seen`: while the file still has
    /// it, a save need not read the file back to compare.
    stamp: Option<Stamp>,
    /// The session as `seen` holds it: what a save compares with to stamp
    /// the changes made since (see [`record_changes`]).
    base: Session,
}

/// What became of a save that did not fail.
#[derive(Debug)]
pub enum SaveOutcome {
    /// The file holds the session.
    Saved,
    /// The file holds the session, but its folder could not be flushed
    /// to disk; the reason is a sentence for the facilitator.
    SavedUnflushed(StoreError),
    /// The file changed on disk since this process last read or wrote it,
    /// so nothing was written; the session stays in memory.
    ChangedOnDisk(Box<DiskChange>),
    /// The file had changed on disk; that version was merged into this
    /// one and the file holds the merge. The report says what came from
    /// the disk; the reason, if any, why the folder was not flushed.
    Merged(Box<MergeReport>, Option<Box<StoreError>>),
}

/// A change found on disk, with what reconciling it needs: the common
/// starting point and the other side (this side is the session in
/// memory).
#[derive(Debug, Clone)]
pub struct DiskChange {
    /// The session as this process last read or wrote it.
    pub base: Session,
    /// The session on disk now, if it reads as one.
    pub theirs: Option<Session>,
    /// The file's bytes now, and their stamp.
    on_disk: Vec<u8>,
    disk_stamp: Option<Stamp>,
}

impl OpenSession {
    /// The session's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Changes cannot be saved.
    pub fn is_read_only(&self) -> bool {
        self.lock.is_none()
    }

    /// The file's stamp when this process last read or wrote it.
    pub(super) fn seen_stamp(&self) -> Option<Stamp> {
        self.stamp
    }

    /// Edit access was asked for, but another sempre has the session open.
    pub fn is_locked_elsewhere(&self) -> bool {
        self.locked_elsewhere
    }

    /// Edit access was asked for, but the store folder cannot be written.
    pub fn is_unwritable(&self) -> bool {
        self.unwritable
    }

    /// Saves `session` over the file, atomically, unless the file changed
    /// since this process last read or wrote it.
    pub fn save(&mut self, session: &Session) -> Result<SaveOutcome, StoreError> {
        self.session = session.clone();
        self.save_own()
    }

    /// Saves the session as it is held here, unless the file changed since
    /// this process last read or wrote it. The changes made since are
    /// stamped first (see [`record_changes`]), so that a later merge with
    /// another copy knows which is newer.
    pub fn save_own(&mut self) -> Result<SaveOutcome, StoreError> {
        if self.lock.is_none() {
            return Err(StoreError::ReadOnly {
                file: self.path.display().to_string(),
            });
        }
        self.stamp_changes();
        if let Some(change) = self.change_on_disk()? {
            return Ok(SaveOutcome::ChangedOnDisk(Box::new(change)));
        }
        self.write_own()
    }

    /// Saves the session as it is held here; if the file changed since
    /// this process last read or wrote it (another laptop through a synced
    /// folder, another command), the version on disk is merged in first
    /// and the file gets the merge. A file on disk that is no session
    /// (damaged) is not merged: the save is refused as
    /// [`SaveOutcome::ChangedOnDisk`].
    pub fn save_merging(&mut self) -> Result<SaveOutcome, StoreError> {
        if self.lock.is_none() {
            return Err(StoreError::ReadOnly {
                file: self.path.display().to_string(),
            });
        }
        self.stamp_changes();
        self.write_merging()
    }

    /// Saves `merged`, a merge of the session held here with other copies
    /// of it (whose changes are stamped already, so nothing is stamped
    /// again), as [`OpenSession::save_merging`] does.
    pub(super) fn save_merge(&mut self, merged: Session) -> Result<SaveOutcome, StoreError> {
        if self.lock.is_none() {
            return Err(StoreError::ReadOnly {
                file: self.path.display().to_string(),
            });
        }
        self.session = merged;
        self.write_merging()
    }

    fn write_merging(&mut self) -> Result<SaveOutcome, StoreError> {
        let mut report: Option<MergeReport> = None;
        // Another change can land while merging; a few rounds settle it.
        for _ in 0..5 {
            let Some(change) = self.change_on_disk()? else {
                if report.is_none() && self.session == self.base {
                    // Nothing to write: the file holds this session.
                    return Ok(SaveOutcome::Saved);
                }
                let saved = self.write_own()?;
                return Ok(match report {
                    None => saved,
                    Some(report) => SaveOutcome::Merged(
                        Box::new(report),
                        match saved {
                            SaveOutcome::SavedUnflushed(e) => Some(Box::new(e)),
                            _ => None,
                        },
                    ),
                });
            };
            let Some(theirs) = &change.theirs else {
                return Ok(SaveOutcome::ChangedOnDisk(Box::new(change)));
            };
            let merged = match merge(&self.session, theirs) {
                Ok(m) => m,
                Err(_) => return Ok(SaveOutcome::ChangedOnDisk(Box::new(change))),
            };
            let mut total = report.take().unwrap_or_default();
            total.absorb(merged.report);
            report = Some(total);
            self.session = merged.session;
            self.base = theirs.clone();
            self.seen = change.on_disk;
            self.stamp = change.disk_stamp;
        }
        Err(StoreError::Busy {
            file: self.path.display().to_string(),
        })
    }

    /// Stamps the changes made since the last read or write.
    fn stamp_changes(&mut self) {
        if self.session != self.base {
            record_changes(
                &self.base,
                &mut self.session,
                crate::model::now(),
                crate::device::id(),
            );
        }
    }

    fn write_own(&mut self) -> Result<SaveOutcome, StoreError> {
        let bytes = encode_sized(&self.session, self.seen.len());
        let (replaced, stamp) = write_session_stamped(&self.path, &bytes)?;
        self.seen = bytes;
        self.stamp = stamp;
        self.base = self.session.clone();
        Ok(match replaced {
            Replaced::Durably => SaveOutcome::Saved,
            Replaced::Unflushed(source) => SaveOutcome::SavedUnflushed(StoreError::Io {
                doing: Doing::Flushing,
                path: self.path.display().to_string(),
                source,
            }),
        })
    }

    /// What changed on disk since this process last read or wrote the
    /// file, if anything did. The file is read and compared only when its
    /// stamp moved: a save after this process's own save or read of an
    /// untouched file reads nothing.
    fn change_on_disk(&self) -> Result<Option<DiskChange>, StoreError> {
        let now = std::fs::symlink_metadata(&self.path)
            .ok()
            .as_ref()
            .and_then(Stamp::of);
        if self.stamp.is_some() && now == self.stamp {
            return Ok(None);
        }
        let disk_stamp = now;
        let on_disk = read_no_follow(&self.path).map_err(|e| match e {
            StoreError::Io { path, source, .. } => StoreError::Io {
                doing: Doing::Saving,
                path,
                source,
            },
            other => other,
        })?;
        if on_disk == self.seen {
            return Ok(None);
        }
        let name = self.path.display().to_string();
        // What this process wrote or read always reads back.
        let base = decode(&name, &self.seen).unwrap_or_else(|_| self.session.clone());
        let theirs = decode(&name, &on_disk).ok();
        Ok(Some(DiskChange {
            base,
            theirs,
            on_disk,
            disk_stamp,
        }))
    }

    /// Reads the file again, dropping what is held here: after a change
    /// made elsewhere, or to see another window's work.
    pub fn reload(&mut self) -> Result<(), StoreError> {
        let read = read_session(&self.path)?;
        self.base = read.session.clone();
        self.session = read.session;
        self.seen = read.bytes;
        self.stamp = read.stamp;
        Ok(())
    }
}

/// The bytes of a session file: indented JSON and a final newline.
pub(super) fn encode(session: &Session) -> Vec<u8> {
    encode_sized(session, 0)
}

/// [`encode`], into room for about `size` bytes (the file's size as last
/// seen), so the bytes are not copied as they grow.
fn encode_sized(session: &Session, size: usize) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(size.saturating_add(size / 8).max(4096));
    if serde_json::to_writer_pretty(&mut bytes, session).is_err() {
        bytes.clear();
    }
    bytes.push(b'\n');
    bytes
}

/// Replaces the file at `path` with `bytes`.
pub(super) fn write_session(path: &Path, bytes: &[u8]) -> Result<Replaced, StoreError> {
    write_session_stamped(path, bytes).map(|(replaced, _)| replaced)
}

/// [`write_session`], with the new file's stamp.
fn write_session_stamped(
    path: &Path,
    bytes: &[u8],
) -> Result<(Replaced, Option<Stamp>), StoreError> {
    write_atomic_stamped(path, |out| out.write_all(bytes)).map_err(|source| StoreError::Io {
        doing: Doing::Saving,
        path: path.display().to_string(),
        source,
    })
}

/// A session as read from its file.
pub(super) struct Read {
    pub session: Session,
    /// The bytes it was read from.
    pub bytes: Vec<u8>,
    /// The file's stamp from before the reading.
    pub stamp: Option<Stamp>,
}

/// Reads the session in `path`.
pub(super) fn read_session(path: &Path) -> Result<Read, StoreError> {
    let (bytes, stamp) = read_stamped(path)?;
    let session = decode(&path.display().to_string(), &bytes)?;
    Ok(Read {
        session,
        bytes,
        stamp,
    })
}

/// Opens the session in `path` for a board. With [`Access::Edit`] the
/// lock is taken before the file is read, so what is read is what this
/// process owns.
pub fn open_file(path: &Path, access: Access) -> Result<OpenSession, StoreError> {
    open_as(path, access, Holder::Board)
}

pub(super) fn open_as(
    path: &Path,
    access: Access,
    holder: Holder,
) -> Result<OpenSession, StoreError> {
    // A file that is not a session gets no lock file beside it.
    let first = read_session(path)?;
    let (lock, unwritable) = match access {
        Access::ReadOnly => (None, false),
        Access::Edit if folder_unwritable(path) => (None, true),
        Access::Edit => match SessionLock::try_acquire_as(path, holder) {
            Ok(lock) => (lock, false),
            Err(StoreError::Io { source, .. }) if is_unwritable(&source) => (None, true),
            Err(e) => return Err(e),
        },
    };
    let locked_elsewhere = access == Access::Edit && lock.is_none() && !unwritable;
    let read = if lock.is_some() {
        read_session(path)?
    } else {
        first
    };
    Ok(OpenSession {
        base: read.session.clone(),
        session: read.session,
        path: path.to_path_buf(),
        lock,
        locked_elsewhere,
        unwritable,
        seen: read.bytes,
        stamp: read.stamp,
    })
}

/// Whether the folder of `path` refuses new files (no permission, a
/// read-only disk), found by trying: a file made this way has no name and
/// is gone when closed. The lock folder may still be writable when the
/// store is not, so the lock alone does not tell.
fn folder_unwritable(path: &Path) -> bool {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    tempfile::tempfile_in(dir).is_err_and(|e| is_unwritable(&e))
}

/// Opens the session in `path` for a command that changes it and lets go:
/// waits a few seconds while another command writes it, but refuses at
/// once a session open on a board, or a store that cannot be written.
pub fn open_for_command(path: &Path) -> Result<OpenSession, StoreError> {
    let file = || path.display().to_string();
    let deadline = Instant::now() + COMMAND_PATIENCE;
    loop {
        let open = open_as(path, Access::Edit, Holder::Command)?;
        if open.is_unwritable() {
            return Err(StoreError::Unwritable { file: file() });
        }
        if !open.is_locked_elsewhere() {
            return Ok(open);
        }
        if SessionLock::holder_of(path) == Some(Holder::Board) {
            return Err(StoreError::Locked { file: file() });
        }
        if Instant::now() >= deadline {
            return Err(StoreError::Busy { file: file() });
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Changes the session in `path` from outside its board: takes the lock,
/// reads the file as it is now, applies `change` and saves atomically,
/// then lets go of the lock. A session open on a board elsewhere is left
/// alone ([`StoreError::Locked`]), as is one another command is writing
/// ([`StoreError::Busy`]); when `change` refuses, nothing is written and
/// its reason comes back inside `Ok`.
pub fn update_file<T>(
    path: &Path,
    change: impl FnOnce(&mut Session) -> Result<(), T>,
) -> Result<Result<Session, T>, StoreError> {
    let mut open = open_as(path, Access::Edit, Holder::Command)?;
    let file = || path.display().to_string();
    if open.is_unwritable() {
        return Err(StoreError::Unwritable { file: file() });
    }
    if open.is_locked_elsewhere() {
        return Err(match SessionLock::holder_of(path) {
            Some(Holder::Board) => StoreError::Locked { file: file() },
            _ => StoreError::Busy { file: file() },
        });
    }
    if let Err(refused) = change(&mut open.session) {
        return Ok(Err(refused));
    }
    match open.save_merging()? {
        SaveOutcome::Saved | SaveOutcome::SavedUnflushed(_) | SaveOutcome::Merged(..) => {
            Ok(Ok(open.session))
        }
        SaveOutcome::ChangedOnDisk(_) => Err(StoreError::ChangedElsewhere { file: file() }),
    }
}
