//! Conflict copies. Two laptops that change one session while apart leave
//! two files holding it once a synced folder brings them together:
//! Syncthing's `NAME.sync-conflict-DATE-TIME-DEVICE.json`, Nextcloud's
//! `NAME (conflicted copy DATE).json`, Dropbox's `NAME (HOST's conflicted
//! copy DATE).json`, OneDrive's `NAME-HOST.json`, or any other name. They
//! are merged into one file, the session's own, and then moved into
//! `.merged/` in the store: kept, never deleted.
//!
//! The merge is written first and the copy moved after, so a failure at
//! any step leaves the copy where it was, to be merged again next time
//! (merging is idempotent). A session open on a board is not written from
//! a listing; the board takes its copies in itself ([`copies_beside`]),
//! and until it does they stay hidden from listings.

use std::collections::{BTreeMap, HashSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use uuid::Uuid;

use super::files::is_link;
use super::lock::{Holder, SessionLock};
use super::open::open_as;
use super::{
    Access, Doing, Listing, Overview, SaveOutcome, Store, StoreError, create_private_dir,
    file_stem, load_session,
};
use crate::model::{MergeReport, Session, merge};

/// The folder in the store where merged copies are kept.
pub const MERGED_DIR: &str = ".merged";

/// What a store that is a Syncthing folder gets as its `.stignore`, when
/// it has none: what sempre keeps for one laptop only.
pub const STIGNORE: &str = "\
// Written by sempre: its search index, its editing locks and half-written
// saves belong to this laptop only.
.index
.locks
*.tmp
";

/// Files that all hold one session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copies {
    /// The session.
    pub id: Uuid,
    /// The session's own file first (see [`Copies::kept`]), then the
    /// copies in the order of their names.
    pub files: Vec<PathBuf>,
}

impl Copies {
    /// The sessions that more than one of `files` (a session id and the
    /// file holding it) hold, in the order of their ids.
    pub fn among(files: impl IntoIterator<Item = (Uuid, PathBuf)>) -> Vec<Copies> {
        let mut by_id: BTreeMap<Uuid, Vec<PathBuf>> = BTreeMap::new();
        for (id, path) in files {
            by_id.entry(id).or_default().push(path);
        }
        by_id
            .into_iter()
            .filter(|(_, files)| files.len() > 1)
            .map(|(id, mut files)| {
                files.sort();
                let kept = files.remove(kept_of(id, &files));
                files.insert(0, kept);
                Copies { id, files }
            })
            .collect()
    }

    /// The file that stays the session's: the one named after its id,
    /// else one whose name does not look like a conflict copy, else the
    /// shortest name (the first in order among equals).
    pub fn kept(&self) -> &Path {
        &self.files[0]
    }

    /// The other files: the copies to merge into [`Copies::kept`].
    pub fn copies(&self) -> &[PathBuf] {
        &self.files[1..]
    }
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Where in `files` (sorted, all holding session `id`) the kept one is.
fn kept_of(id: Uuid, files: &[PathBuf]) -> usize {
    let own = format!("{id}.json");
    let stems: Vec<String> = files.iter().map(|f| file_stem(f)).collect();
    (0..files.len())
        .min_by_key(|&i| {
            let name = name_of(&files[i]);
            let copy_like = looks_like_copy(&stems[i])
                || stems
                    .iter()
                    .enumerate()
                    .any(|(j, other)| j != i && extends(&stems[i], other));
            (
                !name.eq_ignore_ascii_case(&own),
                copy_like,
                name.chars().count(),
                i,
            )
        })
        .unwrap_or(0)
}

/// Whether a file name (without `.json`) is one a sync engine gives a
/// conflict copy whatever the original's name.
pub fn looks_like_copy(stem: &str) -> bool {
    let lower = stem.to_lowercase();
    lower.contains(".sync-conflict-")
        || lower.contains("conflicted copy")
        || lower.contains("(conflict")
}

/// Whether `stem` is `other` with more after a separator, as every sync
/// engine names a copy (`.sync-conflict-…`, ` (conflicted copy …)`,
/// `-HOST`).
pub(super) fn extends(stem: &str, other: &str) -> bool {
    stem.len() > other.len()
        && stem.starts_with(other)
        && stem[other.len()..].starts_with(|c: char| !c.is_alphanumeric())
}

/// What merging the copies of one session did.
#[derive(Debug)]
pub struct CopyMerge {
    /// The session.
    pub id: Uuid,
    /// The file that holds the merge.
    pub kept: PathBuf,
    /// The copies merged and set aside: where each was, where it is now.
    pub moved: Vec<(PathBuf, PathBuf)>,
    /// What the copies brought.
    pub report: MergeReport,
    /// The copies left where they are, to be merged later.
    pub waiting: Vec<PathBuf>,
    /// Why they were left.
    pub problems: Vec<StoreError>,
}

impl CopyMerge {
    fn wait_all(mut self, group: &Copies, why: Option<StoreError>) -> CopyMerge {
        self.waiting.extend(group.copies().iter().cloned());
        self.problems.extend(why);
        self
    }
}

impl Overview {
    /// Leaves out of the sessions (and their facts) every file that is a
    /// copy of another: each session is listed once, by its kept file.
    pub fn hide_copies(&mut self) {
        let hidden: HashSet<String> = self
            .copies
            .iter()
            .flat_map(|c| c.copies())
            .map(|p| p.display().to_string())
            .collect();
        if hidden.is_empty() {
            return;
        }
        let with_facts = self.facts.len() == self.sessions.len();
        let facts = std::mem::take(&mut self.facts);
        let sessions = std::mem::take(&mut self.sessions);
        for (i, summary) in sessions.into_iter().enumerate() {
            if hidden.contains(&summary.file) {
                continue;
            }
            if with_facts && let Some(f) = facts.get(i) {
                self.facts.push(f.clone());
            }
            self.sessions.push(summary);
        }
    }
}

impl Store {
    /// Merges each session's copies into its kept file and moves them
    /// into `.merged/`.
    pub fn merge_copies(&self, groups: &[Copies]) -> Vec<CopyMerge> {
        groups.iter().map(|g| self.merge_group(g)).collect()
    }

    /// The overview, with conflict copies merged (or, while they cannot
    /// be, left out).
    pub(super) fn merged_overview(
        &self,
        text: Option<&str>,
        facts: bool,
    ) -> Result<Overview, StoreError> {
        self.ignore_for_syncthing();
        let mut overview = self.overview_as(text, facts)?;
        if overview.copies.is_empty() {
            return Ok(overview);
        }
        let merges = self.merge_copies(&overview.copies);
        if merges.iter().any(|m| !m.moved.is_empty()) {
            overview = self.overview_as(text, facts)?;
        }
        overview.hide_copies();
        Ok(overview)
    }

    /// [`Store::list`]'s listing, with conflict copies merged (or, while
    /// they cannot be, left out).
    pub(super) fn merged_listing(&self) -> Result<Listing, StoreError> {
        let ids = |l: &Listing| {
            let pairs: Vec<_> = l
                .sessions
                .iter()
                .map(|s| (s.session.id, s.path.clone()))
                .collect();
            Copies::among(pairs)
        };
        let mut listing = self.read_all()?;
        let groups = ids(&listing);
        if groups.is_empty() {
            return Ok(listing);
        }
        if self
            .merge_copies(&groups)
            .iter()
            .any(|m| !m.moved.is_empty())
        {
            listing = self.read_all()?;
        }
        let hidden: HashSet<PathBuf> = ids(&listing)
            .iter()
            .flat_map(|c| c.copies().iter().cloned())
            .collect();
        listing.sessions.retain(|s| !hidden.contains(&s.path));
        Ok(listing)
    }

    /// Merges the copies whose names start with the name of `path` (all
    /// a sync engine makes) into it, before it is opened; the rest of the
    /// store is not read. Whatever fails is left for the next listing.
    pub(super) fn merge_copies_named_after(&self, path: &Path) {
        if path.parent() != Some(self.dir()) {
            return;
        }
        let stem = file_stem(path);
        let named = match self.files_named(|s| extends(s, &stem)) {
            Ok(named) if !named.is_empty() => named,
            _ => return,
        };
        let Ok(session) = load_session(path) else {
            return;
        };
        let others = named
            .into_iter()
            .filter_map(|p| load_session(&p).ok().map(|s| (s.id, p)));
        let groups = Copies::among(std::iter::once((session.id, path.to_path_buf())).chain(others));
        self.merge_copies(&groups);
    }

    fn merge_group(&self, group: &Copies) -> CopyMerge {
        let kept = group.kept();
        let done = CopyMerge {
            id: group.id,
            kept: kept.to_path_buf(),
            moved: Vec::new(),
            report: MergeReport::default(),
            waiting: Vec::new(),
            problems: Vec::new(),
        };
        let file = kept.display().to_string();
        let mut open = match open_as(kept, Access::Edit, Holder::Command) {
            Ok(open) if open.is_unwritable() => {
                return done.wait_all(group, Some(StoreError::Unwritable { file }));
            }
            // A board has it open, or another command writes it.
            Ok(open) if open.is_locked_elsewhere() => {
                return done.wait_all(group, Some(StoreError::Locked { file }));
            }
            Ok(open) if open.session.id != group.id => return done.wait_all(group, None),
            Ok(open) => open,
            Err(e) => return done.wait_all(group, Some(e)),
        };
        let mut done = done;
        let mut merged = open.session.clone();
        let mut taken: Vec<(PathBuf, SessionLock)> = Vec::new();
        for copy in group.copies() {
            let lock = match SessionLock::try_acquire_as(copy, Holder::Command) {
                Ok(Some(lock)) => lock,
                Ok(None) => {
                    done.waiting.push(copy.clone());
                    done.problems.push(StoreError::Locked {
                        file: copy.display().to_string(),
                    });
                    continue;
                }
                Err(e) => {
                    done.waiting.push(copy.clone());
                    done.problems.push(e);
                    continue;
                }
            };
            match load_session(copy).map(|s| merge(&merged, &s)) {
                Ok(Ok(m)) => {
                    done.report.absorb(m.report);
                    merged = m.session;
                    taken.push((copy.clone(), lock));
                }
                // It holds another session now: no longer a copy.
                Ok(Err(_)) => done.waiting.push(copy.clone()),
                Err(e) => {
                    done.waiting.push(copy.clone());
                    done.problems.push(e);
                }
            }
        }
        if taken.is_empty() {
            return done;
        }
        let failed = match open.save_merge(merged) {
            Ok(SaveOutcome::ChangedOnDisk(_)) => Some(StoreError::ChangedElsewhere { file }),
            Ok(_) => None,
            Err(e) => Some(e),
        };
        if let Some(e) = failed {
            done.waiting.extend(taken.into_iter().map(|(p, _)| p));
            done.problems.push(e);
            return done;
        }
        for (copy, _lock) in taken {
            match self.set_aside(&copy) {
                Ok(to) => done.moved.push((copy, to)),
                Err(source) => {
                    done.problems.push(StoreError::Io {
                        doing: Doing::SettingAside,
                        path: copy.display().to_string(),
                        source,
                    });
                    done.waiting.push(copy);
                }
            }
        }
        done
    }

    /// Moves a merged copy into `.merged/`, under a name no file there
    /// has yet.
    pub(super) fn set_aside(&self, copy: &Path) -> io::Result<PathBuf> {
        let dir = self.dir().join(MERGED_DIR);
        if is_link(&dir) {
            return Err(io::Error::other(format!("{MERGED_DIR} is a link")));
        }
        create_private_dir(&dir)?;
        let name = name_of(copy);
        let stem = file_stem(copy);
        for n in 0..1000 {
            let target = if n == 0 {
                dir.join(&name)
            } else {
                dir.join(format!("{stem}.{n}.json"))
            };
            if std::fs::symlink_metadata(&target).is_err() {
                std::fs::rename(copy, &target)?;
                return Ok(target);
            }
        }
        Err(io::Error::other(format!("{MERGED_DIR} is full")))
    }

    /// In a Syncthing folder (it has `.stfolder`) with no `.stignore`,
    /// writes one that keeps [`STIGNORE`]'s files on this laptop. One
    /// already there, even a link, is never replaced.
    fn ignore_for_syncthing(&self) {
        let dir = self.dir();
        if !dir.join(".stfolder").is_dir() {
            return;
        }
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        // Without it Syncthing still syncs; only the index and locks
        // travel, which sempre survives.
        let _ = options
            .open(dir.join(".stignore"))
            .and_then(|mut f| f.write_all(STIGNORE.as_bytes()));
    }
}

/// Copies of the session in `path` that a sync engine left beside it (named
/// after it), each locked and read: what a board open on the session takes
/// in when a copy appears, since no listing may write its file while it is
/// open. A copy that is locked, damaged or holds another session is left.
pub(super) fn copies_beside(path: &Path, id: Uuid) -> Vec<(PathBuf, Session, SessionLock)> {
    let Some(dir) = path.parent() else {
        return Vec::new();
    };
    let stem = file_stem(path);
    let Ok(named) = Store::new(dir).files_named(|s| extends(s, &stem)) else {
        return Vec::new();
    };
    named
        .into_iter()
        .filter_map(|copy| {
            let lock = SessionLock::try_acquire_as(&copy, Holder::Command).ok()??;
            let session = load_session(&copy).ok().filter(|s| s.id == id)?;
            Some((copy, session, lock))
        })
        .collect()
}

/// Whether `path` is named as a copy of the session file `of`.
pub fn is_copy_of(path: &Path, of: &Path) -> bool {
    path.parent() == of.parent() && extends(&file_stem(path), &file_stem(of))
}

#[cfg(test)]
#[path = "copies_tests.rs"]
mod tests;
