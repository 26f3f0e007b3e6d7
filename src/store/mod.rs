//! The store: a folder of session files, one JSON file per session.
//!
//! Saving is atomic, so a killed process or a full disk never leaves half a
//! session behind. A file that cannot be read is reported and never
//! written; the rest of the store still opens. A session being edited is
//! locked, so a second sempre opens it read-only.

mod atomic;
mod decode;
mod error;
mod location;
mod lock;
mod search;

use std::path::{Path, PathBuf};

use uuid::Uuid;

pub use atomic::{create_private_dir, write_atomic};
pub use decode::decode;
pub use error::{Doing, StoreError};
pub use location::{StoreSource, choose_store, methods_beside, open_to_everyone, platform_store};
pub use lock::SessionLock;
pub use search::{Filter, Summary, day_of, newer_first, newest_first, searchable_texts};

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

/// How to open a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// To change it: take the lock, or fall back to read-only if another
    /// sempre holds it.
    Edit,
    /// To look at it only.
    ReadOnly,
}

/// A session opened from a file, holding the file's lock while it is
/// edited.
#[derive(Debug)]
pub struct OpenSession {
    /// The session as read.
    pub session: Session,
    path: PathBuf,
    lock: Option<SessionLock>,
    locked_elsewhere: bool,
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

    /// Edit access was asked for, but another sempre has the session open.
    pub fn is_locked_elsewhere(&self) -> bool {
        self.locked_elsewhere
    }

    /// Saves `session` over the file, atomically.
    pub fn save(&self, session: &Session) -> Result<(), StoreError> {
        if self.lock.is_none() {
            return Err(StoreError::ReadOnly {
                file: self.path.display().to_string(),
            });
        }
        save_session(&self.path, session)
    }

    /// Saves the session as it is held here.
    pub fn save_own(&self) -> Result<(), StoreError> {
        self.save(&self.session)
    }
}

/// Reads the session in `path`.
pub fn load_session(path: &Path) -> Result<Session, StoreError> {
    let bytes = std::fs::read(path).map_err(|source| StoreError::Io {
        doing: Doing::Reading,
        path: path.display().to_string(),
        source,
    })?;
    decode(&path.display().to_string(), &bytes)
}

/// Writes `session` to `path` atomically, as indented JSON.
pub fn save_session(path: &Path, session: &Session) -> Result<(), StoreError> {
    write_atomic(path, |out| {
        serde_json::to_writer_pretty(&mut *out, session)?;
        out.write_all(b"\n")
    })
    .map_err(|source| StoreError::Io {
        doing: Doing::Saving,
        path: path.display().to_string(),
        source,
    })
}

/// Writes an exported `text` to `path` atomically, making its folder
/// (readable by the user only) if it is not there yet.
pub fn write_export(path: &Path, text: &str) -> Result<(), StoreError> {
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
    write_atomic(path, |w| w.write_all(text.as_bytes())).map_err(io)
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

    /// Whether a file written at `path` would be read as one of the
    /// store's sessions (a `.json` file in its folder): no export may go
    /// there.
    pub fn would_read(&self, path: &Path) -> bool {
        let full = |p: &Path| {
            std::path::absolute(p)
                .ok()
                .map(|a| a.canonicalize().unwrap_or(a))
        };
        let parent = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        path.extension().is_some_and(|e| e == "json")
            && matches!((full(parent), full(&self.dir)), (Some(p), Some(d)) if p == d)
    }

    /// Where the session with `id` is kept.
    pub fn path_of(&self, id: Uuid) -> PathBuf {
        self.dir.join(format!("{id}.json"))
    }

    /// The session files in the store, sorted by name. A store folder that
    /// does not exist yet holds none.
    pub fn session_files(&self) -> Result<Vec<PathBuf>, StoreError> {
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
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| is_session_file(p))
            .collect();
        files.sort();
        Ok(files)
    }

    /// Reads every session file in the store.
    pub fn list(&self) -> Result<Listing, StoreError> {
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
        save_session(&path, session)?;
        Ok(path)
    }

    /// The file a user means by `query`: a path to a session file, a full
    /// session id, or the start of one that only one session has.
    pub fn resolve(&self, query: &str) -> Result<PathBuf, StoreError> {
        let q = query.trim();
        let not_found = || StoreError::NotFound {
            query: q.to_string(),
        };
        if q.is_empty() {
            return Err(not_found());
        }
        let as_path = Path::new(q);
        if as_path.is_file() {
            return Ok(as_path.to_path_buf());
        }
        if q.contains(std::path::MAIN_SEPARATOR) || q.ends_with(".json") {
            return Err(not_found());
        }
        let prefix = q.to_lowercase();
        let files = self.session_files()?;
        let by_name: Vec<&PathBuf> = files
            .iter()
            .filter(|p| file_stem(p).to_lowercase().starts_with(&prefix))
            .collect();
        match by_name.len() {
            1 => return Ok(by_name[0].clone()),
            n if n > 1 => {
                return Err(StoreError::Ambiguous {
                    query: q.into(),
                    count: n,
                });
            }
            _ => {}
        }
        // A file may have been renamed; look inside.
        let by_id: Vec<&PathBuf> = files
            .iter()
            .filter(|p| load_session(p).is_ok_and(|s| s.id.to_string().starts_with(&prefix)))
            .collect();
        match by_id.len() {
            1 => Ok(by_id[0].clone()),
            0 => Err(not_found()),
            n => Err(StoreError::Ambiguous {
                query: q.into(),
                count: n,
            }),
        }
    }

    /// Opens the session `query` refers to.
    pub fn open(&self, query: &str, access: Access) -> Result<OpenSession, StoreError> {
        let path = self.resolve(query)?;
        open_file(&path, access)
    }
}

/// Opens the session in `path`. With [`Access::Edit`] the lock is taken
/// before the file is read, so what is read is what this process owns.
pub fn open_file(path: &Path, access: Access) -> Result<OpenSession, StoreError> {
    let lock = match access {
        Access::ReadOnly => None,
        Access::Edit => SessionLock::try_acquire(path).map_err(|source| StoreError::Io {
            doing: Doing::Locking,
            path: path.display().to_string(),
            source,
        })?,
    };
    let locked_elsewhere = access == Access::Edit && lock.is_none();
    let session = load_session(path)?;
    Ok(OpenSession {
        session,
        path: path.to_path_buf(),
        lock,
        locked_elsewhere,
    })
}

/// Changes the session in `path` from outside its board: takes the lock,
/// reads the file as it is now, applies `change` and saves atomically,
/// then lets go of the lock. A session open for editing elsewhere is left
/// alone ([`StoreError::Locked`]); when `change` refuses, nothing is
/// written and its reason comes back inside `Ok`.
pub fn update_file<T>(
    path: &Path,
    change: impl FnOnce(&mut Session) -> Result<(), T>,
) -> Result<Result<Session, T>, StoreError> {
    let mut open = open_file(path, Access::Edit)?;
    if open.is_locked_elsewhere() {
        return Err(StoreError::Locked {
            file: path.display().to_string(),
        });
    }
    if let Err(refused) = change(&mut open.session) {
        return Ok(Err(refused));
    }
    open.save_own()?;
    Ok(Ok(open.session))
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn is_session_file(path: &Path) -> bool {
    path.is_file()
        && path.extension().is_some_and(|e| e == "json")
        && !file_stem(path).starts_with('.')
}
