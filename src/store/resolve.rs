//! Finding the one session a command names, and the few sessions it
//! refers to, without reading the rest of the store: a command on one
//! session named by its id costs the same in a store of ten sessions or
//! ten thousand, and one named by its title reads the index, not the
//! files.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use uuid::Uuid;

use super::titles::{ByTitle, ambiguous_titles};
use super::{Store, StoreError, file_stem, is_session_file, load_session};
use crate::model::{LinkKind, Session};

/// The length of a full session id as its file is named
/// (`8-4-4-4-12` hexadecimal digits).
const FULL_ID_LEN: usize = 36;

impl Store {
    /// The file a user means by `query`, tried in this order (the first
    /// that finds anything decides):
    ///
    /// 1. a full session id;
    /// 2. the path of a file;
    /// 3. the start of an id (or of a file's name), in any case;
    /// 4. words of a title: the sessions whose titles hold every word,
    ///    in any case and with or without accents; a title that is the
    ///    words exactly wins over titles that hold more.
    ///
    /// Several sessions at the step that decides is an error naming them
    /// ([`StoreError::Ambiguous`]).
    ///
    /// A full id is one look at the disk (its file is named after it); a
    /// path is one more. The start of an id needs the folder's list of
    /// names, and only an id found in no name (a file renamed by hand)
    /// opens the files to look inside. Titles come from the store's index
    /// ([`Store::overview`]), as `sempre list` shows them.
    pub fn resolve(&self, query: &str) -> Result<PathBuf, StoreError> {
        let q = query.trim();
        let not_found = || StoreError::NotFound {
            query: q.to_string(),
        };
        if q.is_empty() {
            return Err(not_found());
        }
        if q.len() == FULL_ID_LEN
            && let Ok(id) = Uuid::try_parse(q)
        {
            let path = self.path_of(id);
            // Not followed: a link is refused, with its own sentence, when
            // it is read.
            if std::fs::symlink_metadata(&path).is_ok() {
                return Ok(path);
            }
        }
        let as_path = Path::new(q);
        if as_path.is_file() {
            return Ok(as_path.to_path_buf());
        }
        // A path to no file is no id either, but may be words of a title
        // ("Mor/far-gruppen").
        let path_like = q.contains(std::path::MAIN_SEPARATOR) || q.ends_with(".json");
        if !path_like && let Some(path) = self.by_id_start(q)? {
            return Ok(path);
        }
        match self.by_title(q)? {
            ByTitle::One(path) => Ok(path),
            ByTitle::Several(found) => Err(ambiguous_titles(q, &found)),
            ByTitle::NoneFound => Err(not_found()),
        }
    }

    /// The one session whose id (or file name) starts with `q`, if any.
    fn by_id_start(&self, q: &str) -> Result<Option<PathBuf>, StoreError> {
        let prefix = q.to_lowercase();
        let by_name =
            without_copies(self.files_named(|stem| stem.to_lowercase().starts_with(&prefix))?);
        match by_name.len() {
            1 => return Ok(Some(by_name[0].clone())),
            n if n > 1 => return Err(self.ambiguous_files(q, &by_name)),
            _ => {}
        }
        // Only digits, letters a to f and dashes can start an id.
        if !prefix.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            return Ok(None);
        }
        // A file may have been renamed; look inside.
        // Only a file whose name is not an id can hold another id.
        let by_id: Vec<PathBuf> = self
            .odd_named()?
            .into_iter()
            .filter(|p| load_session(p).is_ok_and(|s| s.id.to_string().starts_with(&prefix)))
            .collect();
        match by_id.len() {
            0 => Ok(None),
            1 => Ok(Some(by_id[0].clone())),
            _ => Err(self.ambiguous_files(q, &by_id)),
        }
    }

    /// The session files whose name (without `.json`) passes `wanted`,
    /// from the folder's list of names: only those are looked at on disk.
    pub(super) fn files_named(
        &self,
        wanted: impl Fn(&str) -> bool,
    ) -> Result<Vec<PathBuf>, StoreError> {
        let entries = match std::fs::read_dir(self.dir()) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => {
                return Err(StoreError::Io {
                    doing: super::Doing::Listing,
                    path: self.dir().display().to_string(),
                    source,
                });
            }
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| wanted(&file_stem(p)))
            .filter(|p| is_session_file(p))
            .collect();
        found.sort();
        Ok(found)
    }

    /// The session with `id`, read from its file.
    pub fn read(&self, id: Uuid) -> Result<Session, StoreError> {
        load_session(&self.path_of(id))
    }

    /// The sessions with `ids` that can be read, each found by its file
    /// name ([`Finder`]).
    pub fn read_many(&self, ids: &[Uuid]) -> Vec<Session> {
        let mut finder = Finder::new(self);
        ids.iter().filter_map(|id| finder.get(*id)).collect()
    }

    /// The sessions `sessions` refer to, each read by its id: the
    /// sessions they link to (whose titles an export or `show` prints),
    /// and every session a note of theirs was carried from, followed back
    /// through the carried notes to where they were first written (whose
    /// private notes must stay behind in every copy). Nothing else in the
    /// store is read. A session that is gone or cannot be read is left
    /// out, as a link to it was before.
    pub fn linked(&self, sessions: &[Session]) -> Vec<Session> {
        let mut seen: HashSet<Uuid> = sessions.iter().map(|s| s.id).collect();
        let mut pending: Vec<Uuid> = Vec::new();
        for s in sessions {
            let ids = s.links.iter().map(|l| l.session).chain(carried_from(s));
            pending.extend(ids.filter(|id| seen.insert(*id)));
        }
        let mut finder = Finder::new(self);
        let mut found = Vec::new();
        while let Some(id) = pending.pop() {
            if let Some(s) = finder.get(id) {
                pending.extend(carried_from(&s).filter(|id| seen.insert(*id)));
                found.push(s);
            }
        }
        found
    }

    /// The session files whose name is not a session id (copies of the
    /// examples, files renamed by hand): the only ones that can hold a
    /// session their name does not tell.
    fn odd_named(&self) -> Result<Vec<PathBuf>, StoreError> {
        self.files_named(|stem| Uuid::try_parse(stem).is_err())
    }
}

/// Finds sessions by id: first the file named after the id, one look at
/// the disk; for an id no file is named after, the files whose name is
/// not an id are read, once, and kept.
struct Finder<'a> {
    store: &'a Store,
    odd: Option<HashMap<Uuid, Session>>,
}

impl<'a> Finder<'a> {
    fn new(store: &'a Store) -> Finder<'a> {
        Finder { store, odd: None }
    }

    fn get(&mut self, id: Uuid) -> Option<Session> {
        if let Ok(s) = self.store.read(id)
            && s.id == id
        {
            return Some(s);
        }
        let store = self.store;
        self.odd
            .get_or_insert_with(|| {
                let files = store.odd_named().unwrap_or_default();
                files
                    .iter()
                    .filter_map(|p| load_session(p).ok())
                    .map(|s| (s.id, s))
                    .collect()
            })
            .get(&id)
            .cloned()
    }
}

/// `files` without those named as a sync engine names a conflict copy of
/// another of them: the copy is merged into that one when it is opened.
fn without_copies(files: Vec<PathBuf>) -> Vec<PathBuf> {
    let stems: Vec<String> = files.iter().map(|f| file_stem(f)).collect();
    files
        .into_iter()
        .zip(&stems)
        .filter(|(_, stem)| {
            !stems
                .iter()
                .any(|other| super::copies::extends(stem, other))
        })
        .map(|(file, _)| file)
        .collect()
}

/// The sessions the notes of `session` were carried from.
fn carried_from(session: &Session) -> impl Iterator<Item = Uuid> + '_ {
    session
        .notes
        .iter()
        .flat_map(|n| &n.links)
        .filter(|l| l.kind == LinkKind::CarriedFrom)
        .filter_map(|l| l.session)
        .filter(move |id| *id != session.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{context, method};
    use crate::model::{Carry, NewNote, carry_forward};
    use jiff::Timestamp;

    fn save(store: &Store, s: &Session) {
        super::super::save_session(&store.path_of(s.id), s).unwrap();
    }

    #[test]
    fn linked_sessions_follow_carried_notes_back_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let m = method();
        let t = Timestamp::UNIX_EPOCH;
        let mut first = Session::new(&m, context("Første"), t);
        let note = first
            .add_note(&m, NewNote::new("kritik", "Tid"), t)
            .unwrap();
        let carry = |notes, title| Carry {
            notes,
            method: &m,
            zone: "kritik",
            context: context(title),
            branches: false,
        };
        let notes = [note];
        let mut second = carry_forward(&mut first, &m, carry(&notes, "Anden"), t).unwrap();
        let copies = [second.notes[0].id];
        let mut third = carry_forward(&mut second, &m, carry(&copies, "Tredje"), t).unwrap();
        let unrelated = Session::new(&m, context("Andet"), t);
        for s in [&second, &third, &unrelated] {
            save(&store, s);
        }
        // Not named by its id, as the copied examples are: still found.
        let odd = dir.path().join("example-første.json");
        super::super::save_session(&odd, &first).unwrap();
        std::fs::write(dir.path().join("broken.json"), "{").unwrap();
        // A link to a session that is gone is left out.
        let gone = Session::new(&m, context("Væk"), t);
        third.links.push(crate::model::SessionLink {
            id: crate::model::new_id(),
            session: gone.id,
            relation: third.links[0].relation,
            created: t,
            updated: t,
            clock: Default::default(),
            revived: 0,
        });
        let mut found: Vec<String> = store
            .linked(std::slice::from_ref(&third))
            .into_iter()
            .map(|s| s.context.title)
            .collect();
        found.sort();
        assert_eq!(found, ["Anden", "Første"]);
    }

    #[test]
    fn an_id_is_found_by_its_file_name_before_any_file_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let s = Session::new(&method(), context("Møde"), Timestamp::UNIX_EPOCH);
        save(&store, &s);
        let id = s.id.to_string();
        // Files that would fail to read if they were opened.
        std::fs::write(dir.path().join(format!("{}x.json", &id[..6])), "{").unwrap();
        std::fs::write(dir.path().join("renamed.json"), "{").unwrap();
        let path = store.path_of(s.id);
        assert_eq!(store.resolve(&id).unwrap(), path);
        assert_eq!(store.resolve(&id.to_uppercase()).unwrap(), path);
        assert_eq!(store.resolve(&id[..8]).unwrap(), path);
        assert!(matches!(
            store.resolve(&id[..6]),
            Err(StoreError::Ambiguous { count: 2, .. })
        ));
        // Renamed by hand: found by looking inside.
        std::fs::rename(&path, dir.path().join("mit møde.json")).unwrap();
        assert_eq!(
            store.resolve(&id).unwrap(),
            dir.path().join("mit møde.json")
        );
    }
}
