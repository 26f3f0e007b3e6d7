//! The store's index: each session's one-line summary and the words a
//! free-text search looks in, kept in `.index/` inside the store so that
//! listing ten thousand sessions does not mean reading ten thousand files.
//!
//! The index is never the truth. Each row is keyed by its file's size,
//! times and inode; a file whose key changed is read again, a file that is
//! gone loses its row, and a file that cannot be read is reported as it
//! would be without an index. Removing `.index/` loses nothing: the next
//! listing builds it again. When the index cannot be used at all (a store
//! that cannot be written, a broken database that cannot be replaced), the
//! listing reads every file, as it did before there was an index.
//!
//! Private words are never written to it: the searchable words come from
//! [`searchable_texts`], which leaves out everything private, and deleted
//! rows are overwritten (`secure_delete`), so words that were public when
//! indexed and made private later do not linger in the file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, params};

use super::search::{has_words, query_words};
use super::{
    Copies, Facts, Store, StoreError, Summary, create_private_dir, load_session, searchable_texts,
};
use crate::model::Session;

/// The folder in the store that holds the index.
pub const INDEX_DIR: &str = ".index";

/// The database file inside [`INDEX_DIR`].
const INDEX_FILE: &str = "sessions.sqlite";

/// Raised whenever what is kept per session changes (the summary's
/// fields, which words are searchable): an index of another version is
/// built again from the files.
const VERSION: i64 = 5;

/// The sessions of the store, summarised, and the files that could not be
/// read.
#[derive(Debug, Default)]
pub struct Overview {
    /// One summary per readable session, in no particular order.
    pub sessions: Vec<Summary>,
    /// Files that were skipped, and why.
    pub problems: Vec<StoreError>,
    /// How the listing was made.
    pub source: IndexUse,
    /// Each session's facts, in the order of `sessions`, when asked for
    /// ([`Store::overview_with_facts`]); empty otherwise.
    pub facts: Vec<Facts>,
    /// The sessions more than one file holds (conflict copies a synced
    /// folder made), whatever the text asked for; see [`Copies`].
    pub copies: Vec<Copies>,
}

impl Overview {
    /// The overview of sessions already read.
    pub fn of(listing: super::Listing) -> Overview {
        Overview {
            copies: Copies::among(
                listing
                    .sessions
                    .iter()
                    .map(|s| (s.session.id, s.path.clone())),
            ),
            sessions: listing
                .sessions
                .iter()
                .map(|s| Summary::of(&s.session, &s.path))
                .collect(),
            facts: listing
                .sessions
                .iter()
                .map(|s| Facts::of(&s.session))
                .collect(),
            problems: listing.problems,
            source: IndexUse::Files,
        }
    }
}

/// How an [`Overview`] was made.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum IndexUse {
    /// From the index; `read` files had changed and were read again.
    Indexed {
        /// Files read because they were new or had changed.
        read: usize,
    },
    /// Every file was read, as the index could not be used.
    #[default]
    Files,
}

/// What identifies a version of a file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key {
    size: i64,
    mtime: i64,
    ctime: i64,
    inode: i64,
}

impl Key {
    fn of(meta: &std::fs::Metadata) -> Key {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let ns = |s: i64, n: i64| s.saturating_mul(1_000_000_000).saturating_add(n);
            Key {
                size: i64::try_from(meta.size()).unwrap_or(i64::MAX),
                mtime: ns(meta.mtime(), meta.mtime_nsec()),
                ctime: ns(meta.ctime(), meta.ctime_nsec()),
                inode: meta.ino() as i64,
            }
        }
        #[cfg(not(unix))]
        {
            let mtime = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
            Key {
                size: i64::try_from(meta.len()).unwrap_or(i64::MAX),
                mtime,
                ctime: 0,
                inode: 0,
            }
        }
    }
}

/// The public text of `session` a search looks in, in lower case, one
/// line per text. A query word has no spaces, so it is part of one of the
/// session's texts exactly when it is part of this.
pub fn search_words(session: &Session) -> String {
    let mut words = String::new();
    for text in searchable_texts(session) {
        if !words.is_empty() {
            words.push('\n');
        }
        words.push_str(&text.to_lowercase());
    }
    words
}

impl Store {
    /// Where the index is kept.
    pub fn index_path(&self) -> PathBuf {
        self.dir().join(INDEX_DIR).join(INDEX_FILE)
    }

    /// Every session of the store, summarised; with `text`, only those
    /// whose public words include every word of it. The index is brought
    /// up to date first; without one, every file is read.
    pub fn overview(&self, text: Option<&str>) -> Result<Overview, StoreError> {
        self.merged_overview(text, false)
    }

    /// Every session of the store, summarised, with its facts (what
    /// follow-up shows of it); from the index, like [`Store::overview`].
    pub fn overview_with_facts(&self) -> Result<Overview, StoreError> {
        self.merged_overview(None, true)
    }

    /// [`Store::overview`] as the files are now: conflict copies are
    /// neither merged nor hidden.
    pub(super) fn overview_as(
        &self,
        text: Option<&str>,
        facts: bool,
    ) -> Result<Overview, StoreError> {
        let files = self.session_files_with_keys()?;
        let words = text.map(query_words).unwrap_or_default();
        if let Some(mut conn) = self.open_index() {
            match refresh_and_read(&mut conn, self.dir(), &files, &words, facts) {
                Ok(overview) => return Ok(overview),
                // A database that breaks half-way is dropped; the
                // listing below does not need it.
                Err(IndexFailure::Broken) => {
                    drop(conn);
                    self.remove_index();
                }
                Err(IndexFailure::Unusable) => {}
            }
        }
        Ok(read_files(&files, &words, facts))
    }

    /// Removes the index; the next listing builds it again.
    pub fn remove_index(&self) {
        let dir = self.dir().join(INDEX_DIR);
        if !super::files::is_link(&dir) {
            let _ = std::fs::remove_dir_all(dir);
        }
    }

    /// The session files with what identifies their version; links are
    /// kept (with no key) so that reading them reports the refusal.
    fn session_files_with_keys(&self) -> Result<Vec<(PathBuf, Option<Key>)>, StoreError> {
        Ok(self
            .session_entries()?
            .into_iter()
            .map(|(path, meta)| (path, meta.as_ref().map(Key::of)))
            .collect())
    }

    /// Opens (making it if need be) the index, or `None` when it cannot
    /// be used: a store that cannot be written, an index folder that is a
    /// link, a database that is broken and cannot be made again.
    fn open_index(&self) -> Option<Connection> {
        let dir = self.dir().join(INDEX_DIR);
        if super::files::is_link(&dir) {
            return None;
        }
        if !dir.is_dir() {
            // No store folder yet: nothing to index.
            if !self.dir().is_dir() {
                return None;
            }
            create_private_dir(&dir).ok()?;
        }
        let path = dir.join(INDEX_FILE);
        if super::files::is_link(&path) {
            return None;
        }
        match connect(&path) {
            Ok(conn) => Some(conn),
            // Another sempre holds it for longer than we wait: list from
            // the files this time, and leave its index alone.
            Err(e)
                if matches!(
                    e.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
                ) =>
            {
                None
            }
            Err(_) => {
                // Not a database, or one from a sempre that keeps other
                // things: it is only an index, so start again.
                self.remove_index();
                create_private_dir(&dir).ok()?;
                connect(&path).ok()
            }
        }
    }
}

fn connect(path: &Path) -> rusqlite::Result<Connection> {
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_NOFOLLOW,
    )?;
    // Another sempre may be bringing the index up to date: wait for it.
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "secure_delete", "ON")?;
    // The index can always be made again, so it is not flushed to disk
    // after each change.
    conn.pragma_update(None, "synchronous", "OFF")?;
    // Several sempres may find the index missing or old at once: the
    // check and the rebuild are one transaction, so that one makes the
    // tables and the others find them made, rather than dropping them
    // while another is using them.
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version != VERSION {
        // The words are kept apart from the summaries, so that a listing
        // without a search reads only the small table.
        tx.execute_batch(
            "DROP TABLE IF EXISTS sessions;
             DROP TABLE IF EXISTS words;
             DROP TABLE IF EXISTS facts;
             CREATE TABLE sessions (
                 id INTEGER PRIMARY KEY,
                 file TEXT NOT NULL UNIQUE,
                 size INTEGER NOT NULL,
                 mtime INTEGER NOT NULL,
                 ctime INTEGER NOT NULL,
                 inode INTEGER NOT NULL,
                 sid TEXT NOT NULL,
                 summary TEXT NOT NULL
             );
             CREATE INDEX sessions_sid ON sessions (sid);
             CREATE TABLE words (
                 id INTEGER PRIMARY KEY,
                 words TEXT NOT NULL
             );
             CREATE TABLE facts (
                 id INTEGER PRIMARY KEY,
                 facts TEXT NOT NULL
             );",
        )?;
        tx.pragma_update(None, "user_version", VERSION)?;
    }
    tx.commit()?;
    Ok(conn)
}

enum IndexFailure {
    /// The database broke (corrupt, full disk): remove it.
    Broken,
    /// It could not be used this time (busy): leave it.
    Unusable,
}

impl From<rusqlite::Error> for IndexFailure {
    fn from(e: rusqlite::Error) -> IndexFailure {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => IndexFailure::Unusable,
            Some(ErrorCode::ReadOnly | ErrorCode::PermissionDenied | ErrorCode::CannotOpen) => {
                IndexFailure::Unusable
            }
            _ => IndexFailure::Broken,
        }
    }
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn refresh_and_read(
    conn: &mut Connection,
    dir: &Path,
    files: &[(PathBuf, Option<Key>)],
    words: &[String],
    with_facts: bool,
) -> Result<Overview, IndexFailure> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let mut known: HashMap<String, Key> = HashMap::new();
    {
        let mut rows = tx.prepare("SELECT file, size, mtime, ctime, inode FROM sessions")?;
        let found = rows.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                Key {
                    size: r.get(1)?,
                    mtime: r.get(2)?,
                    ctime: r.get(3)?,
                    inode: r.get(4)?,
                },
            ))
        })?;
        for row in found {
            let (file, key) = row?;
            known.insert(file, key);
        }
    }
    // Files new or changed since they were indexed, and rows whose file
    // is gone.
    let mut stale: Vec<(usize, &Path, Option<Key>, bool)> = Vec::new();
    for (i, (path, key)) in files.iter().enumerate() {
        let current = known.remove(&name_of(path));
        if key.is_none() || current != *key {
            stale.push((i, path, *key, current.is_some()));
        }
    }
    let read = stale.len();
    let mut problems: Vec<(usize, StoreError)> = Vec::new();
    {
        let mut put = tx.prepare(
            "INSERT INTO sessions (file, size, mtime, ctime, inode, sid, summary)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        let mut put_words = tx.prepare("INSERT INTO words (id, words) VALUES (?1, ?2)")?;
        let mut put_facts = tx.prepare("INSERT INTO facts (id, facts) VALUES (?1, ?2)")?;
        let mut forget_facts =
            tx.prepare("DELETE FROM facts WHERE id = (SELECT id FROM sessions WHERE file = ?1)")?;
        let mut forget_words =
            tx.prepare("DELETE FROM words WHERE id = (SELECT id FROM sessions WHERE file = ?1)")?;
        let mut forget_summary = tx.prepare("DELETE FROM sessions WHERE file = ?1")?;
        let mut forget = |name: &str| -> rusqlite::Result<()> {
            forget_words.execute([name])?;
            forget_facts.execute([name])?;
            forget_summary.execute([name])?;
            Ok(())
        };
        for gone in known.keys() {
            forget(gone)?;
        }
        // Reading and summing up the files is most of the work, so it is
        // shared among the machine's cores; the database is written here.
        let mut write = |entry: Indexed| -> rusqlite::Result<()> {
            let (i, _, key, indexed) = stale[entry.at];
            let name = name_of(&files[i].0);
            if indexed {
                forget(&name)?;
            }
            match (entry.read, key) {
                (Ok([sid, summary, facts, words]), Some(key)) => {
                    put.execute(params![
                        name, key.size, key.mtime, key.ctime, key.inode, sid, summary
                    ])?;
                    let id = tx.last_insert_rowid();
                    put_words.execute(params![id, words])?;
                    put_facts.execute(params![id, facts])?;
                }
                (Ok(_), None) => {}
                (Err(problem), _) => problems.push((i, problem)),
            }
            Ok(())
        };
        read_in_parallel(&stale, &mut write)?;
    }
    problems.sort_by_key(|(i, _)| *i);
    let problems = problems.into_iter().map(|(_, p)| p).collect();

    // What is listed is read in the same transaction that brought it up to
    // date, so another sempre cannot change the tables in between.
    let copies = copies_in(&tx, dir)?;
    let mut sql = String::from(if with_facts {
        "SELECT file, summary, facts.facts FROM sessions JOIN facts USING (id)"
    } else {
        "SELECT file, summary, NULL FROM sessions"
    });
    if !words.is_empty() {
        sql.push_str(" JOIN words USING (id)");
    }
    for (i, _) in words.iter().enumerate() {
        sql.push_str(if i == 0 { " WHERE " } else { " AND " });
        sql.push_str(&format!("instr(words.words, ?{}) > 0", i + 1));
    }
    let mut query = tx.prepare(&sql)?;
    let rows = query.query_map(rusqlite::params_from_iter(words), |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    let mut sessions = Vec::new();
    let mut facts = Vec::new();
    for row in rows {
        let (file, json, more) = row?;
        // A row this sempre cannot read back is a broken index.
        let mut summary: Summary = serde_json::from_str(&json).map_err(|_| IndexFailure::Broken)?;
        summary.file = dir.join(&file).display().to_string();
        sessions.push(summary);
        if let Some(more) = more {
            facts.push(serde_json::from_str(&more).map_err(|_| IndexFailure::Broken)?);
        }
    }
    drop(query);
    tx.commit()?;
    Ok(Overview {
        sessions,
        problems,
        source: IndexUse::Indexed { read },
        facts,
        copies,
    })
}

/// The files of the index that hold a session another file holds too.
fn copies_in(conn: &Connection, dir: &Path) -> Result<Vec<Copies>, IndexFailure> {
    let mut query = conn.prepare(
        "SELECT sid, file FROM sessions WHERE sid IN
         (SELECT sid FROM sessions GROUP BY sid HAVING count(*) > 1)",
    )?;
    let rows = query.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut found = Vec::new();
    for row in rows {
        let (sid, file) = row?;
        let id = uuid::Uuid::try_parse(&sid).map_err(|_| IndexFailure::Broken)?;
        found.push((id, dir.join(file)));
    }
    Ok(Copies::among(found))
}

/// One stale file, read and summed up.
struct Indexed {
    /// Its place in the list of stale files.
    at: usize,
    /// Its id, its summary and its facts (as JSON) and searchable words,
    /// or why it could not be read.
    read: Result<[String; 4], StoreError>,
}

/// Reads and sums up every file of `stale` on as many threads as the
/// machine has cores, handing each to `write` on this thread as it is
/// done. The file's key was taken before it is read: a change made in
/// between gives the file a new key, so it is read again next time rather
/// than kept stale.
fn read_in_parallel(
    stale: &[(usize, &Path, Option<Key>, bool)],
    write: &mut dyn FnMut(Indexed) -> rusqlite::Result<()>,
) -> rusqlite::Result<()> {
    let read = |at: usize| Indexed {
        at,
        read: load_session(stale[at].1).map(|session| {
            let mut summary = Summary::of(&session, Path::new(""));
            summary.file.clear();
            let json = serde_json::to_string(&summary).unwrap_or_default();
            let facts = serde_json::to_string(&Facts::of(&session)).unwrap_or_default();
            [session.id.to_string(), json, facts, search_words(&session)]
        }),
    };
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    if threads < 2 || stale.len() < 64 {
        for at in 0..stale.len() {
            write(read(at))?;
        }
        return Ok(());
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        // A few files in flight per thread: memory stays bounded however
        // many files there are.
        let (send, receive) = std::sync::mpsc::sync_channel::<Indexed>(threads * 4);
        for _ in 0..threads {
            let send = send.clone();
            let next = &next;
            let read = &read;
            scope.spawn(move || {
                loop {
                    let at = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if at >= stale.len() || send.send(read(at)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        for entry in receive {
            if let Err(e) = write(entry) {
                // Stop the readers: nothing more is taken.
                next.store(stale.len(), std::sync::atomic::Ordering::Relaxed);
                return Err(e);
            }
        }
        Ok(())
    })
}

/// The listing without an index: every file read.
fn read_files(files: &[(PathBuf, Option<Key>)], words: &[String], facts: bool) -> Overview {
    let mut overview = Overview::default();
    let mut ids = Vec::new();
    for (path, _) in files {
        match load_session(path) {
            Ok(session) => {
                ids.push((session.id, path.clone()));
                if has_words(&session, words) {
                    overview.sessions.push(Summary::of(&session, path));
                    if facts {
                        overview.facts.push(Facts::of(&session));
                    }
                }
            }
            Err(problem) => overview.problems.push(problem),
        }
    }
    overview.copies = Copies::among(ids);
    overview
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NewNote;
    use crate::model::testing::{context, method};
    use crate::store::{Filter, save_session};
    use jiff::Timestamp;

    const T: Timestamp = Timestamp::UNIX_EPOCH;

    fn examples() -> Store {
        Store::new(concat!(env!("CARGO_MANIFEST_DIR"), "/sessions"))
    }

    /// A copy of the example sessions in a folder of its own.
    fn copied_examples() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        for file in examples().session_files().unwrap() {
            std::fs::copy(&file, dir.path().join(file.file_name().unwrap())).unwrap();
        }
        let store = Store::new(dir.path());
        (dir, store)
    }

    /// What the store says without an index: every file read.
    fn by_reading(store: &Store, text: Option<&str>) -> Vec<Summary> {
        let filter = Filter {
            text: text.map(str::to_string),
            ..Filter::default()
        };
        let mut all: Vec<Summary> = store
            .list()
            .unwrap()
            .sessions
            .iter()
            .filter(|s| filter.matches(&s.session))
            .map(|s| Summary::of(&s.session, &s.path))
            .collect();
        all.sort_by(|a, b| a.file.cmp(&b.file));
        all
    }

    fn indexed(store: &Store, text: Option<&str>) -> (Vec<Summary>, IndexUse) {
        let overview = store.overview(text).unwrap();
        let mut all = overview.sessions;
        all.sort_by(|a, b| a.file.cmp(&b.file));
        (all, overview.source)
    }

    fn index_bytes(store: &Store) -> Vec<u8> {
        std::fs::read(store.index_path()).unwrap()
    }

    fn contains(haystack: &[u8], needle: &str) -> bool {
        haystack
            .windows(needle.len())
            .any(|w| w == needle.as_bytes())
    }

    #[test]
    fn the_index_says_what_reading_every_file_says() {
        let (_dir, store) = copied_examples();
        let queries = [
            None,
            Some("børn"),
            Some("BØRN tid"),
            Some("rådgivning"),
            Some("ingen-sådan-tekst"),
            Some("  "),
        ];
        for text in queries {
            let (summaries, _) = indexed(&store, text);
            assert_eq!(summaries, by_reading(&store, text), "{text:?}");
        }
        // The second time nothing is read again, and the answers hold.
        for text in queries {
            let (summaries, source) = indexed(&store, text);
            assert_eq!(source, IndexUse::Indexed { read: 0 });
            assert_eq!(summaries, by_reading(&store, text), "{text:?}");
        }
        assert_eq!(indexed(&store, None).0.len(), 10);
    }

    #[test]
    fn the_facts_in_the_index_are_what_the_files_say() {
        let (_dir, store) = copied_examples();
        let mut expected: Vec<(String, Facts)> = store
            .list()
            .unwrap()
            .sessions
            .iter()
            .map(|s| (s.path.display().to_string(), Facts::of(&s.session)))
            .collect();
        expected.sort_by(|a, b| a.0.cmp(&b.0));
        for _cold_then_warm in 0..2 {
            let overview = store.overview_with_facts().unwrap();
            let mut found: Vec<(String, Facts)> = overview
                .sessions
                .into_iter()
                .map(|s| s.file)
                .zip(overview.facts)
                .collect();
            found.sort_by(|a, b| a.0.cmp(&b.0));
            assert_eq!(found, expected);
        }
        assert!(store.overview(None).unwrap().facts.is_empty());
    }

    #[test]
    fn private_actions_and_decisions_are_counted_never_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let m = method();
        let mut s = Session::new(&m, context("Hverdagen"), T);
        let secret = s
            .add_note(
                &m,
                NewNote {
                    private: true,
                    ..NewNote::new("kritik", "Inkassobrevene")
                },
                T,
            )
            .unwrap();
        let d = s.add_decision("Skyldnerrådgiveren", &[secret], T).unwrap();
        let a = s.add_action("Budgetskemaet", None, Some(d), T).unwrap();
        let open = crate::model::ActionStatus::Open;
        s.update_action(a, Some("Aisha Rahimi"), None, open, T)
            .unwrap();
        s.add_decision("Kaffen er gratis", &[], T).unwrap();
        save_session(&store.path_of(s.id), &s).unwrap();
        let overview = store.overview_with_facts().unwrap();
        let facts = &overview.facts[0];
        assert_eq!(facts.private_actions, 1);
        assert!(facts.actions.is_empty());
        assert_eq!(facts.decisions, 2);
        assert_eq!(facts.first_decisions, vec!["Kaffen er gratis".to_string()]);
        assert_eq!((facts.public_notes, facts.private_notes), (0, 1));
        let bytes = index_bytes(&store);
        for word in [
            "Inkassobrevene",
            "Skyldnerrådgiveren",
            "Budgetskemaet",
            "Aisha Rahimi",
        ] {
            assert!(!contains(&bytes, word), "{word} is in the index");
        }
    }

    #[test]
    fn a_changed_new_or_removed_file_is_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let m = method();
        let mut a = Session::new(&m, context("Første"), T);
        save_session(&store.path_of(a.id), &a).unwrap();
        assert_eq!(indexed(&store, None).1, IndexUse::Indexed { read: 1 });

        // The same size and the same time of change: the file's inode and
        // change time still tell a rewrite apart.
        a.context.title = "Andet!".into();
        save_session(&store.path_of(a.id), &a).unwrap();
        let (all, source) = indexed(&store, None);
        assert_eq!(source, IndexUse::Indexed { read: 1 });
        assert_eq!(all[0].title, "Andet!");

        a.add_note(&m, NewNote::new("kritik", "Kaffe om morgenen"), T)
            .unwrap();
        save_session(&store.path_of(a.id), &a).unwrap();
        assert_eq!(indexed(&store, Some("kaffe")).0.len(), 1);

        let b = Session::new(&m, context("Tredje"), T);
        save_session(&store.path_of(b.id), &b).unwrap();
        assert_eq!(indexed(&store, None).0.len(), 2);
        std::fs::remove_file(store.path_of(a.id)).unwrap();
        let (all, _) = indexed(&store, None);
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].title, "Tredje");
        assert!(indexed(&store, Some("kaffe")).0.is_empty());
    }

    #[test]
    fn a_broken_file_is_reported_every_time_and_listed_once_mended() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let s = Session::new(&method(), context("Hel"), T);
        let path = store.path_of(s.id);
        save_session(&path, &s).unwrap();
        let good = std::fs::read(&path).unwrap();
        assert_eq!(indexed(&store, None).0.len(), 1);
        std::fs::write(&path, "{ broken").unwrap();
        for _ in 0..2 {
            let overview = store.overview(None).unwrap();
            assert!(overview.sessions.is_empty());
            assert_eq!(overview.problems.len(), 1);
        }
        std::fs::write(&path, good).unwrap();
        let overview = store.overview(None).unwrap();
        assert_eq!(overview.sessions.len(), 1);
        assert!(overview.problems.is_empty());
    }

    #[test]
    fn private_words_never_reach_the_index_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let m = method();
        let mut s = Session::new(&m, context("Hverdagen"), T);
        s.add_note(
            &m,
            NewNote {
                private: true,
                ..NewNote::new("kritik", "Gældsrådgivningen")
            },
            T,
        )
        .unwrap();
        // Enough words to fill pages of their own in the index, which are
        // freed (not rewritten in place) when the words go.
        let later: Vec<_> = (0..300)
            .map(|i| {
                let text = format!("Skilsmissepapirerne nummer {i}");
                s.add_note(&m, NewNote::new("kritik", &text), T).unwrap()
            })
            .collect();
        save_session(&store.path_of(s.id), &s).unwrap();
        assert!(indexed(&store, Some("gældsrådgivningen")).0.is_empty());
        assert_eq!(indexed(&store, Some("skilsmissepapirerne")).0.len(), 1);
        let bytes = index_bytes(&store);
        assert!(!contains(&bytes, "ldsrådgivningen"));
        assert!(contains(&bytes, "skilsmissepapirerne"));

        // Made private later: the words it was indexed with are gone from
        // the file, not only from the answers.
        for id in later {
            s.set_private(id, true, T).unwrap();
        }
        save_session(&store.path_of(s.id), &s).unwrap();
        assert!(indexed(&store, Some("skilsmissepapirerne")).0.is_empty());
        let bytes = index_bytes(&store);
        assert!(!contains(&bytes, "skilsmissepapirerne"));
        assert!(!contains(&bytes, "ldsrådgivningen"));
    }

    #[test]
    #[cfg(unix)]
    fn the_index_can_go_or_break_at_any_time() {
        let (dir, store) = copied_examples();
        let expected = by_reading(&store, Some("børn"));
        indexed(&store, None);
        store.remove_index();
        assert!(!dir.path().join(INDEX_DIR).exists());
        assert_eq!(indexed(&store, Some("børn")).0, expected);

        // Something that is not a database: made again.
        std::fs::write(store.index_path(), "not a database at all").unwrap();
        let (found, source) = indexed(&store, Some("børn"));
        assert_eq!(found, expected);
        assert_eq!(source, IndexUse::Indexed { read: 10 });

        // A link where the index folder should be is never followed: the
        // files are read instead and the link's target is left alone.
        store.remove_index();
        let elsewhere = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), dir.path().join(INDEX_DIR)).unwrap();
        let (found, source) = indexed(&store, Some("børn"));
        assert_eq!(found, expected);
        assert_eq!(source, IndexUse::Files);
        assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_store_that_is_not_there_yet_lists_nothing_and_makes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("not-yet"));
        let overview = store.overview(Some("børn")).unwrap();
        assert!(overview.sessions.is_empty());
        assert!(!dir.path().join("not-yet").exists());
    }

    /// Two sempres find the index old at once: while one rebuilds it (it
    /// holds the write lock), the other must decide whether to rebuild
    /// only once it has the lock, or it would drop the tables the first
    /// has just filled, and the first would list no sessions at all.
    #[test]
    fn an_index_rebuilt_by_another_sempre_is_not_dropped_again() {
        let (_dir, store) = copied_examples();
        indexed(&store, None);
        let mut other = Connection::open(store.index_path()).unwrap();
        other
            .pragma_update(None, "user_version", VERSION - 1)
            .unwrap();
        // The other sempre rebuilds: it holds the write lock, and what it
        // wrote (here one marked row) is the index from now on.
        let tx = other
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .unwrap();
        tx.execute(
            "INSERT INTO words (id, words) VALUES (999999, 'marked')",
            [],
        )
        .unwrap();
        tx.pragma_update(None, "user_version", VERSION).unwrap();
        let lister = {
            let store = store.clone();
            std::thread::spawn(move || store.overview(None).unwrap())
        };
        // Give the listing time to reach the lock (if it is slower, the
        // test proves less but cannot fail for it).
        std::thread::sleep(std::time::Duration::from_millis(300));
        tx.commit().unwrap();
        let listed = lister.join().unwrap();
        assert_eq!(listed.sessions.len(), 10);
        let kept: i64 = other
            .query_row("SELECT count(*) FROM words WHERE id = 999999", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(kept, 1, "the rebuilt index was dropped again");
    }
}
