//! The store: a folder of session files, one JSON file per session.
//!
//! Saving is atomic, so a killed process or a full disk never leaves half a
//! session behind. A file that cannot be read is reported and never
//! written; the rest of the store still opens. A session being edited is
//! locked, so a second sempre opens it read-only.

mod atomic;
mod copies;
mod decode;
mod error;
mod facts;
mod files;
mod guard;
mod index;
mod leftovers;
mod location;
mod lock;
mod open;
mod resolve;
mod saver;
mod search;
mod stamp;
mod titles;
mod watch;

use std::path::{Path, PathBuf};

use uuid::Uuid;

pub use atomic::{Replaced, create_private_dir, write_atomic};
pub use copies::{Copies, CopyMerge, MERGED_DIR, STIGNORE, is_copy_of, looks_like_copy};
pub use decode::decode;
pub use error::{Doing, StoreError};
pub use facts::{FIRST_DECISIONS, Facts};
pub use guard::ExportRefusal;
pub use index::{INDEX_DIR, IndexUse, Overview, search_words};
pub use leftovers::Sweep;
pub use location::{StoreSource, choose_store, methods_beside, open_to_everyone, platform_store};
pub use lock::{Holder, SessionLock};
pub use open::{
    Access, DiskChange, OpenSession, SaveOutcome, open_file, open_for_command, update_file,
};
pub use saver::{Change, LiveSession, Merging, SaveReport};
pub use search::{
    Filter, Summary, day_of, network_key, newer_first, newest_first, query_words, searchable_texts,
};

pub use titles::{Candidate, Matched, SHOWN_CANDIDATES, candidate_lines};
pub use watch::{Fingerprint, RESCAN, StoreChange, StoreWatch};

use crate::model::Session;

/// A folder of session files.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

/// A session read from the store, with the file it came from.
#[derive(Debug, Clone)]
pub struct StoredSession {
    /// The file.
    pub path: PathBuf,
    /// The session.
    pub session: Session,
}

/// Everything in the store: the sessions that could be read, and one
/// problem for each file that could not.
#[derive(Debug, Default)]
pub struct Listing {
    /// Readable sessions.
    pub sessions: Vec<StoredSession>,
    /// Files that were skipped, and why.
    pub problems: Vec<StoreError>,
}

/// Reads the session in `path`; a file that is a symbolic link is
/// refused, never followed.
pub fn load_session(path: &Path) -> Result<Session, StoreError> {
    open::read_session(path).map(|read| read.session)
}

/// Writes `session` to `path` atomically, as indented JSON. Once the new
/// file is in place this is `Ok`, even if its folder could not be flushed.
pub fn save_session(path: &Path, session: &Session) -> Result<(), StoreError> {
    open::write_session(path, &open::encode(session)).map(|_| ())
}

/// The bytes a session file holds for `session`: indented JSON and a
/// final newline, as [`save_session`] writes them.
pub fn encode_session(session: &Session) -> Vec<u8> {
    open::encode(session)
}

/// Writes an exported `text` to `path` atomically, making its folder
/// (readable by the user only) if it is not there yet.
pub fn write_export(path: &Path, text: &str) -> Result<(), StoreError> {
    write_export_with(path, |w| w.write_all(text.as_bytes()))
}

/// [`write_export`] of what `write` writes, as it writes it.
pub fn write_export_with(
    path: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), StoreError> {
    let io = |source| StoreError::Io {
        doing: Doing::Exporting,
        path: path.display().to_string(),
        source,
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.is_dir()
    {
        create_private_dir(parent).map_err(io)?;
    }
    // An export is made again from its sessions, so a folder that could
    // not be flushed is no reason to say the export failed.
    write_atomic(path, write).map(|_| ()).map_err(io)
}

impl Store {
    /// The store in `dir`; nothing is read or created yet.
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        Store { dir: dir.into() }
    }

    /// The store's folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Refuses an export to `path` that could replace or shadow a session:
    /// anywhere inside the store folder or its `.locks`, or over a file
    /// that is a session, however the path is spelled.
    pub fn check_export(&self, path: &Path) -> Result<(), ExportRefusal> {
        guard::check_export_target(&self.dir, path)
    }

    /// Where the session with `id` is kept.
    pub fn path_of(&self, id: Uuid) -> PathBuf {
        self.dir.join(format!("{id}.json"))
    }

    /// The session files in the store, sorted by name. A store folder that
    /// does not exist yet holds none.
    pub fn session_files(&self) -> Result<Vec<PathBuf>, StoreError> {
        Ok(self
            .session_entries()?
            .into_iter()
            .map(|(path, _)| path)
            .collect())
    }

    /// The session files in the store, sorted by name, each with its
    /// metadata (not following a link; `None` for a link, which reading
    /// will refuse). Each file costs one `stat`: the folder listing
    /// already tells a plain file from the rest.
    pub(crate) fn session_entries(
        &self,
    ) -> Result<Vec<(PathBuf, Option<std::fs::Metadata>)>, StoreError> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => {
                return Err(StoreError::Io {
                    doing: Doing::Listing,
                    path: self.dir.display().to_string(),
                    source,
                });
            }
        };
        let mut files = Vec::new();
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name();
            let path = entry.path();
            if !has_session_name(&path) {
                continue;
            }
            match entry.file_type() {
                Ok(t) if t.is_file() => {
                    if let Ok(meta) = entry.metadata() {
                        files.push((name, path, Some(meta)));
                    }
                }
                // A link to a file is listed, so that reading it says why
                // it is refused.
                Ok(t) if t.is_symlink() && path.is_file() => files.push((name, path, None)),
                _ => {}
            }
        }
        // All in one folder, so the names alone decide the order.
        files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Ok(files
            .into_iter()
            .map(|(_, path, meta)| (path, meta))
            .collect())
    }

    /// Reads every session file in the store. Conflict copies of a
    /// session are merged into it first (see [`Copies`]); one that cannot
    /// be merged yet is left out.
    pub fn list(&self) -> Result<Listing, StoreError> {
        self.merged_listing()
    }

    /// Reads every session file in the store as it is.
    fn read_all(&self) -> Result<Listing, StoreError> {
        let mut listing = Listing::default();
        for path in self.session_files()? {
            match load_session(&path) {
                Ok(session) => listing.sessions.push(StoredSession { path, session }),
                Err(problem) => listing.problems.push(problem),
            }
        }
        Ok(listing)
    }

    /// Saves a new session into the store and returns its file.
    pub fn create(&self, session: &Session) -> Result<PathBuf, StoreError> {
        create_private_dir(&self.dir).map_err(|source| StoreError::Io {
            doing: Doing::CreatingFolder,
            path: self.dir.display().to_string(),
            source,
        })?;
        let path = self.path_of(session.id);
        // Every save happens under the session's lock, so a temporary
        // file whose lock is free belongs to no running save.
        let _lock = SessionLock::try_acquire_as(&path, Holder::Command)?;
        save_session(&path, session)?;
        Ok(path)
    }

    /// Opens the session `query` refers to.
    pub fn open(&self, query: &str, access: Access) -> Result<OpenSession, StoreError> {
        let path = self.resolve(query)?;
        self.merge_copies_named_after(&path);
        open_file(&path, access)
    }

    /// Opens the session `query` refers to for a command that changes it,
    /// waiting a moment for another command ([`open_for_command`]).
    pub fn open_for_command(&self, query: &str) -> Result<OpenSession, StoreError> {
        let path = self.resolve(query)?;
        self.merge_copies_named_after(&path);
        open_for_command(&path)
    }
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn is_session_file(path: &Path) -> bool {
    path.is_file() && has_session_name(path)
}

/// A name a session file can have: `.json` in any case (a file copied
/// from another system may say `.JSON`), not hidden.
fn has_session_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        && !file_stem(path).starts_with('.')
}
