//! Hearing the store folder change: a sync tool (git, Syncthing), a second
//! sempre or a command (`sempre add`) wrote, renamed or removed a session
//! file, so what the interface lists is out of date.
//!
//! A thread of its own does the listening, so the event loop only asks
//! [`StoreWatch::poll`] each time it wakes. It listens in two ways: the
//! system's file events (`notify`: inotify, FSEvents, …), which answer at
//! once, and a look at the folder every few seconds, because file events
//! never come for a network share and for some synced folders. Either way
//! the folder's [`Fingerprint`] decides: a report names the session files
//! whose name, size or times moved, so an event that changed nothing (a
//! file read, the index written in `.index`, a temporary file of an atomic
//! save) reports nothing, and a refresh that only reads cannot set off
//! another.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs::Metadata;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant, SystemTime};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::Store;
use super::stamp::Stamp;

/// How often the folder is looked at when no file event comes.
pub const RESCAN: Duration = Duration::from_secs(3);

/// A burst of file events (a sync writing many files, a save's temporary
/// file and rename) is reported once it has been quiet this long...
const QUIET: Duration = Duration::from_millis(150);

/// ...or, while events keep coming, this often.
const LONGEST: Duration = Duration::from_secs(1);

/// What the folder's session files look like: each one's name, with its
/// size and times (and, where the system tells, its inode and change
/// time). Only files that are listed as sessions count, so `.index`,
/// `.locks`, `.merged` and temporary files never move it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fingerprint {
    files: BTreeMap<OsString, Option<Mark>>,
}

/// What one file's metadata says about whether it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Mark {
    size: u64,
    modified: Option<SystemTime>,
    stamp: Option<Stamp>,
}

impl Mark {
    fn of(meta: &Metadata) -> Mark {
        Mark {
            size: meta.len(),
            modified: meta.modified().ok(),
            stamp: Stamp::of(meta),
        }
    }
}

impl Fingerprint {
    /// The fingerprint of the store folder `dir` now: one listing of the
    /// folder and one `stat` per session file. `None` when the folder
    /// cannot be listed (a folder that does not exist holds no files).
    pub fn of(dir: &Path) -> Option<Fingerprint> {
        let entries = Store::new(dir).session_entries().ok()?;
        let files = entries
            .into_iter()
            .filter_map(|(path, meta)| {
                let name = path.file_name()?.to_os_string();
                Some((name, meta.as_ref().map(Mark::of)))
            })
            .collect();
        Some(Fingerprint { files })
    }

    /// The files of `dir` that were added, removed or changed between
    /// `before` and this fingerprint, sorted.
    pub fn changed_since(&self, before: &Fingerprint, dir: &Path) -> Vec<PathBuf> {
        let gone = before
            .files
            .keys()
            .filter(|name| !self.files.contains_key(*name));
        let new_or_changed = self
            .files
            .iter()
            .filter(|(name, mark)| before.files.get(*name) != Some(mark))
            .map(|(name, _)| name);
        let mut names: Vec<&OsString> = gone.chain(new_or_changed).collect();
        names.sort_unstable();
        names.into_iter().map(|name| dir.join(name)).collect()
    }

    /// How many session files the folder holds.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// The folder holds no session files.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Session files of the store that changed, were added or are gone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoreChange {
    /// Their paths (the store folder joined with the file's name), sorted.
    pub paths: Vec<PathBuf>,
}

/// Listens to a store folder; see the module's introduction.
#[derive(Debug)]
pub struct StoreWatch {
    changes: Receiver<Vec<PathBuf>>,
    wake: Sender<Wake>,
}

/// Why the listening thread wakes before its next look at the folder.
#[derive(Debug)]
enum Wake {
    /// A file event that may concern a session file.
    Event,
    /// The watch was dropped.
    Stop,
}

impl StoreWatch {
    /// Starts listening to the store folder `dir`, with file events where
    /// the system gives them and a look every [`RESCAN`].
    pub fn start(dir: &Path) -> StoreWatch {
        StoreWatch::with(dir, RESCAN, true)
    }

    /// Starts listening, looking at the folder every `every`, and with
    /// file events only if `events` (without, it behaves as on a network
    /// share).
    ///
    /// The folder as it is now is the starting point, and the file events
    /// are started, before this returns: a change made after this call is
    /// reported, even if it comes before the caller first reads the store.
    pub fn with(dir: &Path, every: Duration, events: bool) -> StoreWatch {
        let (wake, woken) = mpsc::channel();
        let (report, changes) = mpsc::channel();
        let mut listener = Listener {
            dir: dir.to_path_buf(),
            every,
            seen: Fingerprint::of(dir).unwrap_or_default(),
            watcher: None,
            events,
            armed_once: false,
            wake: wake.clone(),
            woken,
            report,
        };
        listener.arm();
        // Without a thread nothing is heard; the interface still works,
        // as it did before it listened.
        let _ = std::thread::Builder::new()
            .name("store-watch".into())
            .spawn(move || listener.run());
        StoreWatch { changes, wake }
    }

    /// What changed since the last call, all reports taken together;
    /// `None` when nothing did. Never waits.
    pub fn poll(&self) -> Option<StoreChange> {
        let mut paths = Vec::new();
        let mut any = false;
        while let Ok(more) = self.changes.try_recv() {
            any = true;
            paths.extend(more);
        }
        paths.sort_unstable();
        paths.dedup();
        any.then_some(StoreChange { paths })
    }
}

impl Drop for StoreWatch {
    fn drop(&mut self) {
        // The thread ends at its next wake; nothing waits for it.
        let _ = self.wake.send(Wake::Stop);
    }
}

/// The listening thread's state.
struct Listener {
    dir: PathBuf,
    every: Duration,
    seen: Fingerprint,
    watcher: Option<RecommendedWatcher>,
    /// File events are wanted.
    events: bool,
    /// Arming the file events was tried once the folder existed.
    armed_once: bool,
    wake: Sender<Wake>,
    woken: Receiver<Wake>,
    report: Sender<Vec<PathBuf>>,
}

impl Listener {
    fn run(mut self) {
        loop {
            match self.woken.recv_timeout(self.every) {
                Ok(Wake::Stop) | Err(RecvTimeoutError::Disconnected) => return,
                Ok(Wake::Event) => {
                    if !self.settle() {
                        return;
                    }
                }
                Err(RecvTimeoutError::Timeout) => self.arm(),
            }
            let Some(now) = Fingerprint::of(&self.dir) else {
                // Not listable for a moment: compare with the last good
                // look next time, rather than report every file gone.
                continue;
            };
            let changed = now.changed_since(&self.seen, &self.dir);
            self.seen = now;
            if !changed.is_empty() && self.report.send(changed).is_err() {
                return;
            }
        }
    }

    /// Starts the file events, once the folder exists. When the system
    /// refuses (too many watches, a file system without events) the
    /// looks every few seconds are all there is, without a word.
    fn arm(&mut self) {
        if !self.events || self.armed_once || !self.dir.is_dir() {
            return;
        }
        self.armed_once = true;
        let wake = self.wake.clone();
        let handler = move |event: notify::Result<notify::Event>| {
            if may_concern_sessions(&event) {
                let _ = wake.send(Wake::Event);
            }
        };
        self.watcher = notify::recommended_watcher(handler)
            .and_then(|mut w| w.watch(&self.dir, RecursiveMode::NonRecursive).map(|()| w))
            .ok();
    }

    /// Waits until the burst of events has been quiet for [`QUIET`], or
    /// for [`LONGEST`] at most. False when the watch was dropped.
    fn settle(&self) -> bool {
        let end = Instant::now() + LONGEST;
        loop {
            let left = end.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return true;
            }
            match self.woken.recv_timeout(QUIET.min(left)) {
                Ok(Wake::Event) => {}
                Ok(Wake::Stop) | Err(RecvTimeoutError::Disconnected) => return false,
                Err(RecvTimeoutError::Timeout) => return true,
            }
        }
    }
}

/// Whether a file event is worth a look at the folder: one that may have
/// changed a session file (or that the system could not describe), not
/// a file merely read or a temporary file written.
fn may_concern_sessions(event: &notify::Result<notify::Event>) -> bool {
    let Ok(event) = event else {
        return true;
    };
    if event.need_rescan() {
        return true;
    }
    if matches!(event.kind, EventKind::Access(_)) {
        return false;
    }
    event.paths.is_empty() || event.paths.iter().any(|p| super::has_session_name(p))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn look(dir: &Path) -> Fingerprint {
        Fingerprint::of(dir).unwrap()
    }

    fn names(paths: &[PathBuf]) -> Vec<String> {
        paths
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn a_folder_that_does_not_exist_holds_no_files() {
        let dir = tempfile::tempdir().unwrap();
        let print = look(&dir.path().join("sessions"));
        assert!(print.is_empty());
    }

    #[test]
    fn a_file_written_renamed_and_removed_is_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let empty = look(d);

        std::fs::write(d.join("a.json"), "{}").unwrap();
        let written = look(d);
        assert_eq!(names(&written.changed_since(&empty, d)), ["a.json"]);

        std::fs::rename(d.join("a.json"), d.join("b.JSON")).unwrap();
        let renamed = look(d);
        assert_eq!(
            names(&renamed.changed_since(&written, d)),
            ["a.json", "b.JSON"]
        );

        std::fs::remove_file(d.join("b.JSON")).unwrap();
        let removed = look(d);
        assert_eq!(names(&removed.changed_since(&renamed, d)), ["b.JSON"]);
        assert_eq!(removed, empty);
    }

    #[test]
    fn a_file_rewritten_is_noticed_even_at_the_same_size() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("a.json"), "{\"a\":1}").unwrap();
        let before = look(d);
        // A sync tool replaces the file through a temporary one: a new
        // inode, whatever the clock's tick.
        std::fs::write(d.join(".a.json.x.tmp"), "{\"a\":2}").unwrap();
        std::fs::rename(d.join(".a.json.x.tmp"), d.join("a.json")).unwrap();
        let after = look(d);
        assert_eq!(names(&after.changed_since(&before, d)), ["a.json"]);
    }

    #[test]
    fn the_index_locks_and_temporary_files_are_not_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("a.json"), "{}").unwrap();
        let before = look(d);
        for sub in [".index", ".locks", ".merged"] {
            std::fs::create_dir(d.join(sub)).unwrap();
            std::fs::write(d.join(sub).join("x.json"), "{}").unwrap();
        }
        std::fs::write(d.join(".index/sessions.sqlite"), "db").unwrap();
        std::fs::write(d.join(".a.json.Xy12.tmp"), "{}").unwrap();
        std::fs::write(d.join("b.json.tmp"), "{}").unwrap();
        std::fs::write(d.join("a.json.lock"), "").unwrap();
        std::fs::write(d.join("notes.txt"), "").unwrap();
        let after = look(d);
        assert!(after.changed_since(&before, d).is_empty());
        assert_eq!(after, before);
    }

    #[test]
    fn events_on_temporary_files_or_reads_do_not_wake_the_listener() {
        use notify::event::{AccessKind, CreateKind, ModifyKind, RenameMode};
        let event = |kind, paths: &[&str]| {
            let mut e = notify::Event::new(kind);
            for p in paths {
                e = e.add_path(PathBuf::from(p));
            }
            Ok(e)
        };
        let create = EventKind::Create(CreateKind::File);
        assert!(!may_concern_sessions(&event(
            create,
            &["/s/.a.json.Xy.tmp"]
        )));
        assert!(!may_concern_sessions(&event(create, &["/s/.index"])));
        assert!(!may_concern_sessions(&event(
            EventKind::Access(AccessKind::Any),
            &["/s/a.json"]
        )));
        assert!(may_concern_sessions(&event(create, &["/s/a.json"])));
        let rename = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        assert!(may_concern_sessions(&event(
            rename,
            &["/s/.a.json.Xy.tmp", "/s/a.json"]
        )));
        assert!(may_concern_sessions(&Err(notify::Error::generic("lost"))));
    }

    /// Polls `watch` until `want` has been reported, for a generous while.
    fn wait_for(watch: &StoreWatch, want: &str) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut heard = Vec::new();
        while Instant::now() < deadline {
            if let Some(change) = watch.poll() {
                heard.extend(names(&change.paths));
                if heard.iter().any(|n| n == want) {
                    return heard;
                }
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("{want} was not reported; heard {heard:?}");
    }

    #[test]
    fn a_new_file_is_reported_with_file_events() {
        let dir = tempfile::tempdir().unwrap();
        let can_watch = notify::recommended_watcher(|_| {})
            .and_then(|mut w| w.watch(dir.path(), RecursiveMode::NonRecursive))
            .is_ok();
        if !can_watch {
            eprintln!("skipped: this system gives no file events for a temporary folder");
            return;
        }
        // No look at the folder within the test's patience: only the file
        // events can tell.
        let watch = StoreWatch::with(dir.path(), Duration::from_secs(3600), true);
        std::fs::write(dir.path().join("a.json"), "{}").unwrap();
        wait_for(&watch, "a.json");
        std::fs::remove_file(dir.path().join("a.json")).unwrap();
        wait_for(&watch, "a.json");
    }

    #[test]
    fn a_new_file_is_reported_by_looking_alone() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("sessions");
        // The folder does not exist yet when the watch starts.
        let watch = StoreWatch::with(&store, Duration::from_millis(50), false);
        std::fs::create_dir(&store).unwrap();
        std::fs::write(store.join("a.json"), "{}").unwrap();
        let heard = wait_for(&watch, "a.json");
        assert_eq!(heard, ["a.json"]);
    }

    #[test]
    fn a_burst_of_files_is_reported_whole() {
        let dir = tempfile::tempdir().unwrap();
        let watch = StoreWatch::with(dir.path(), Duration::from_millis(50), false);
        let all: Vec<String> = (0..20).map(|i| format!("{i:02}.json")).collect();
        for name in &all {
            std::fs::write(dir.path().join(name), "{}").unwrap();
        }
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut heard = std::collections::BTreeSet::new();
        while heard.len() < all.len() {
            assert!(Instant::now() < deadline, "heard only {heard:?}");
            if let Some(change) = watch.poll() {
                let named = names(&change.paths);
                let mut once = named.clone();
                once.dedup();
                assert_eq!(once, named, "one poll names each file once");
                heard.extend(named);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}
