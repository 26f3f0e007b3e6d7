//! Saving off the interface thread.
//!
//! A board that can change its session keeps the session in a
//! [`LiveSession`]. Each change made there is numbered and handed to a
//! saver thread, which owns the file's lock, what was last read or written
//! and its own copy of the session. The saver takes every change waiting
//! for it, makes them on its copy and writes once: a burst of keys costs
//! one write and the newest state wins. Every write is a whole file
//! (atomic), and never goes over a change made elsewhere. Each answer
//! names the newest change the write holds, so the board says "saved"
//! only for what is on disk.
//!
//! Changes travel as [`SessionDiff`]s, the same small differences the
//! undo history keeps, and are found without copying the session: a
//! second copy is kept as it was after the last change, and the next
//! change is compared against it.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use super::Store;
use super::copies::{copies_beside, is_copy_of};
use super::open::{DiskChange, OpenSession, SaveOutcome, open_file};
use super::stamp::Stamp;
use super::{Access, Doing, StoreError};
use crate::model::{MergeReport, Session, SessionDiff, TimerState, merge};

/// One change to a session, as the saver makes it on its copy.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// A recorded change, made (again).
    Redo(SessionDiff),
    /// A recorded change, taken back.
    Undo(SessionDiff),
    /// The phase's time box as the board left it.
    Timer(Option<TimerState>),
}

impl Change {
    fn make(&self, session: &mut Session) {
        match self {
            Change::Redo(diff) => diff.redo(session),
            Change::Undo(diff) => diff.undo(session),
            Change::Timer(timer) => session.timer = timer.clone(),
        }
    }
}

/// What became of a save: the newest change the file was written with
/// (or would have been), and the result.
#[derive(Debug)]
pub struct SaveReport {
    /// The number of the newest change the save holds.
    pub version: u64,
    /// What became of it.
    pub result: Result<SaveOutcome, StoreError>,
}

enum Request {
    /// Make these changes, each numbered.
    Changes(Vec<(u64, Change)>),
    /// Drop changes not yet written and read the file again.
    Reload,
    /// Write every change made, merging in the file on disk if it changed
    /// there, and send back the session as written.
    Merge,
}

enum Report {
    Saved(SaveReport),
    Reloaded(Result<Box<Session>, StoreError>),
    Merged(Result<Merging, StoreError>),
}

/// What became of merging the file on disk into the board's session.
#[derive(Debug)]
pub enum Merging {
    /// The file held a change; it is merged in and the file holds both.
    Merged(Box<Session>, Box<MergeReport>),
    /// The file held no change after all; the session is saved as it is.
    Nothing,
    /// The file on disk cannot be read as this session (damaged, or
    /// another session): nothing was merged or written.
    Refused(Box<DiskChange>),
}

/// The saver thread and the two ends of its channels.
struct Saver {
    /// The file's stamp as the saver last read or wrote it.
    seen: Arc<Mutex<Option<Stamp>>>,
    requests: Option<Sender<Request>>,
    reports: Receiver<Report>,
    thread: Option<JoinHandle<()>>,
}

impl Saver {
    fn start(mut open: OpenSession) -> Saver {
        let seen = Arc::new(Mutex::new(open.seen_stamp()));
        let seen_here = Arc::clone(&seen);
        let note_seen = move |open: &OpenSession| {
            if let Ok(mut s) = seen_here.lock() {
                *s = open.seen_stamp();
            }
        };
        let (requests, inbox) = channel::<Request>();
        let (outbox, reports) = channel::<Report>();
        let thread = std::thread::spawn(move || {
            // Ends when the board lets go of its end, after the last
            // changes are written; the lock goes with `open`.
            let mut refused = false;
            while let Ok(first) = inbox.recv() {
                let mut unwritten = None;
                for request in std::iter::once(first).chain(inbox.try_iter()) {
                    match request {
                        Request::Changes(changes) => {
                            for (version, change) in changes {
                                change.make(&mut open.session);
                                unwritten = Some(version);
                            }
                        }
                        Request::Reload => {
                            unwritten = None;
                            let read = open.reload().map(|()| Box::new(open.session.clone()));
                            note_seen(&open);
                            let _ = outbox.send(Report::Reloaded(read));
                        }
                        Request::Merge => {
                            unwritten = None;
                            let merging = merge_in(&mut open);
                            note_seen(&open);
                            let _ = outbox.send(Report::Merged(merging));
                        }
                    }
                }
                if let Some(version) = unwritten {
                    let result = open.save_own();
                    refused = matches!(result, Ok(SaveOutcome::ChangedOnDisk(_)));
                    note_seen(&open);
                    let _ = outbox.send(Report::Saved(SaveReport { version, result }));
                }
            }
            // The board is gone before it could merge a change made
            // elsewhere: its last changes are merged with the file here,
            // where no board's history depends on the order of the lists.
            if refused {
                let _ = open.save_merging();
            }
        });
        Saver {
            seen,
            requests: Some(requests),
            reports,
            thread: Some(thread),
        }
    }

    fn send(&self, request: Request) {
        // A saver that stopped is found out when its answer is missing.
        if let Some(requests) = &self.requests {
            let _ = requests.send(request);
        }
    }
}

impl Drop for Saver {
    /// Waits for the last write.
    fn drop(&mut self) {
        drop(self.requests.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A session open on a board: the session shown and changed in memory,
/// and, if it can be changed, the saver that writes its file.
#[derive(Debug)]
pub struct LiveSession {
    /// The session as shown.
    pub session: Session,
    path: PathBuf,
    read_only: bool,
    locked_elsewhere: bool,
    unwritable: bool,
    writer: Option<Writer>,
}

/// The writing side of an editable session.
struct Writer {
    saver: Saver,
    /// The session as it was after the last change handed on, to find
    /// the next change without a copy.
    shadow: Session,
    /// Changes not yet handed to the saver.
    unsent: Vec<(u64, Change)>,
    /// The number of the newest change.
    version: u64,
    /// The newest change the saver has answered for.
    answered: u64,
}

impl std::fmt::Debug for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writer")
            .field("version", &self.version)
            .field("answered", &self.answered)
            .finish_non_exhaustive()
    }
}

impl LiveSession {
    /// Takes over an opened session; an editable one gets a saver thread,
    /// which holds the lock from now on.
    pub fn start(open: OpenSession) -> LiveSession {
        let path = open.path().to_path_buf();
        let read_only = open.is_read_only();
        let locked_elsewhere = open.is_locked_elsewhere();
        let unwritable = open.is_unwritable();
        let (session, writer) = if read_only {
            (open.session, None)
        } else {
            let session = open.session.clone();
            let shadow = open.session.clone();
            let writer = Writer {
                saver: Saver::start(open),
                shadow,
                unsent: Vec::new(),
                version: 0,
                answered: 0,
            };
            (session, Some(writer))
        };
        LiveSession {
            session,
            path,
            read_only,
            locked_elsewhere,
            unwritable,
            writer,
        }
    }

    /// The session's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Changes cannot be saved.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Edit access was asked for, but another sempre has the session open.
    pub fn is_locked_elsewhere(&self) -> bool {
        self.locked_elsewhere
    }

    /// Edit access was asked for, but the store folder cannot be written.
    pub fn is_unwritable(&self) -> bool {
        self.unwritable
    }

    /// The number of the newest change made here (none made: 0).
    pub fn version(&self) -> u64 {
        self.writer.as_ref().map_or(0, |w| w.version)
    }

    /// Some change has not been answered for by the saver yet.
    pub fn saving(&self) -> bool {
        self.writer.as_ref().is_some_and(|w| w.answered < w.version)
    }

    /// Changes the session with `apply` and keeps the change for the
    /// saver, also when `apply` refuses after changing something. Gives
    /// back what `apply` returned and the change, if there was one.
    pub fn change<R, E>(
        &mut self,
        apply: impl FnOnce(&mut Session) -> Result<R, E>,
    ) -> (Result<R, E>, Option<SessionDiff>) {
        let Some(w) = &mut self.writer else {
            let before = self.session.clone();
            let result = apply(&mut self.session);
            return (result, SessionDiff::between(&before, &self.session));
        };
        let result = apply(&mut self.session);
        let diff = SessionDiff::between(&w.shadow, &self.session);
        if let Some(diff) = &diff {
            diff.redo(&mut w.shadow);
            w.keep(Change::Redo(diff.clone()));
        }
        (result, diff)
    }

    /// Takes back a recorded change.
    pub fn undo(&mut self, diff: &SessionDiff) {
        diff.undo(&mut self.session);
        if let Some(w) = &mut self.writer {
            diff.undo(&mut w.shadow);
            w.keep(Change::Undo(diff.clone()));
        }
    }

    /// Makes a recorded change again.
    pub fn redo(&mut self, diff: &SessionDiff) {
        diff.redo(&mut self.session);
        if let Some(w) = &mut self.writer {
            diff.redo(&mut w.shadow);
            w.keep(Change::Redo(diff.clone()));
        }
    }

    /// Puts the phase's time box into the session.
    pub fn set_timer(&mut self, timer: Option<TimerState>) {
        self.session.timer = timer.clone();
        if let Some(w) = &mut self.writer {
            w.shadow.timer = timer.clone();
            w.keep(Change::Timer(timer));
        }
    }

    /// Hands the changes kept so far to the saver, without waiting.
    pub fn save(&mut self) {
        if let Some(w) = &mut self.writer {
            w.hand_over();
        }
    }

    /// The saver's answers that have come in, without waiting.
    pub fn answers(&mut self) -> Vec<SaveReport> {
        let Some(w) = &mut self.writer else {
            return Vec::new();
        };
        let mut answers = Vec::new();
        loop {
            match w.saver.reports.try_recv() {
                Ok(Report::Saved(report)) => answers.push(w.answered(report)),
                Ok(Report::Reloaded(_) | Report::Merged(_)) => {}
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    answers.extend(w.stopped(&self.path));
                    break;
                }
            }
        }
        answers
    }

    /// Hands on every change kept and waits until the saver has answered
    /// for the newest: what quitting and closing do.
    pub fn settle(&mut self) -> Vec<SaveReport> {
        let Some(w) = &mut self.writer else {
            return Vec::new();
        };
        w.hand_over();
        let mut answers = Vec::new();
        while w.answered < w.version {
            match w.saver.reports.recv() {
                Ok(Report::Saved(report)) => answers.push(w.answered(report)),
                Ok(Report::Reloaded(_) | Report::Merged(_)) => {}
                Err(_) => answers.extend(w.stopped(&self.path)),
            }
        }
        answers
    }

    /// Reads the file again, dropping changes not on disk. Gives back the
    /// saver's answers that came in first, which belong before the
    /// reload.
    pub fn reload(&mut self) -> (Vec<SaveReport>, Result<(), StoreError>) {
        let Some(w) = &mut self.writer else {
            let result = open_file(&self.path, Access::ReadOnly).map(|open| {
                self.session = open.session;
            });
            return (Vec::new(), result);
        };
        w.unsent.clear();
        w.saver.send(Request::Reload);
        let mut answers = Vec::new();
        let read = loop {
            match w.saver.reports.recv() {
                Ok(Report::Saved(report)) => answers.push(w.answered(report)),
                Ok(Report::Reloaded(read)) => break read,
                Ok(Report::Merged(_)) => {}
                Err(_) => break Err(saver_stopped(&self.path)),
            }
        };
        // What was not written is gone; nothing is left to answer for.
        w.answered = w.version;
        let result = read.map(|session| {
            w.shadow = (*session).clone();
            self.session = *session;
        });
        (answers, result)
    }
}

/// Writes the saver's session, merging in the file on disk if it changed
/// and the conflict copies a sync engine left beside it; the copies are
/// set aside in `.merged/` once the merge is written.
fn merge_in(open: &mut OpenSession) -> Result<Merging, StoreError> {
    let copies = copies_beside(open.path(), open.session.id);
    let mut report = MergeReport::default();
    let mut taken = Vec::new();
    for (path, copy, lock) in copies {
        if let Ok(m) = merge(&open.session, &copy) {
            report.absorb(m.report);
            open.session = m.session;
            taken.push((path, lock));
        }
    }
    let merging = match open.save_merging()? {
        SaveOutcome::Merged(more, _) => {
            report.absorb(*more);
            Merging::Merged(Box::new(open.session.clone()), Box::new(report))
        }
        SaveOutcome::ChangedOnDisk(change) => return Ok(Merging::Refused(change)),
        SaveOutcome::Saved | SaveOutcome::SavedUnflushed(_) if taken.is_empty() => Merging::Nothing,
        SaveOutcome::Saved | SaveOutcome::SavedUnflushed(_) => {
            Merging::Merged(Box::new(open.session.clone()), Box::new(report))
        }
    };
    if let Some(dir) = open.path().parent() {
        let store = Store::new(dir);
        for (path, _lock) in taken {
            // One that cannot be moved is merged again next time, which
            // changes nothing.
            let _ = store.set_aside(&path);
        }
    }
    Ok(merging)
}

impl LiveSession {
    /// Whether a conflict copy of this board's session sits among `paths`.
    pub fn has_copy_among(&self, paths: &[PathBuf]) -> bool {
        self.writer.is_some() && paths.iter().any(|p| is_copy_of(p, &self.path))
    }

    /// Whether the file on disk is not what this board's saver last read
    /// or wrote: changed elsewhere. False for a board that cannot change
    /// its session. One `stat`, no reading. Also asked while a save is on
    /// its way: that save may have been written before the change came,
    /// and the change would otherwise wait for the next one. (The saver
    /// notes each write's stamp as soon as it is written, so its own
    /// writes are not taken for a change, but for an instant; a merge
    /// asked for then finds nothing and does nothing.)
    pub fn changed_elsewhere(&self) -> bool {
        let Some(w) = &self.writer else {
            return false;
        };
        let now = std::fs::symlink_metadata(&self.path)
            .ok()
            .as_ref()
            .and_then(Stamp::of);
        let seen = w.saver.seen.lock().map(|s| *s).unwrap_or(None);
        now.is_some() && now != seen
    }

    /// Writes every change made here, merging in the file on disk if it
    /// changed there (another laptop, another command), and takes the
    /// merge as the session shown. Waits for the saver, like
    /// [`LiveSession::reload`]; gives back the saver's answers that came
    /// in first.
    pub fn merge_from_disk(&mut self) -> (Vec<SaveReport>, Result<Merging, StoreError>) {
        let Some(w) = &mut self.writer else {
            return (Vec::new(), Ok(Merging::Nothing));
        };
        w.hand_over();
        w.saver.send(Request::Merge);
        let mut answers = Vec::new();
        let merging = loop {
            match w.saver.reports.recv() {
                Ok(Report::Saved(report)) => answers.push(w.answered(report)),
                Ok(Report::Merged(merging)) => break merging,
                Ok(Report::Reloaded(_)) => {}
                Err(_) => break Err(saver_stopped(&self.path)),
            }
        };
        if let Ok(m) = &merging {
            // Every change made here was in the merge's write, or in the
            // refusal.
            w.answered = w.version;
            if let Merging::Merged(session, _) = m {
                w.shadow = (**session).clone();
                self.session = (**session).clone();
            }
        }
        (answers, merging)
    }
}

impl Drop for LiveSession {
    /// Nothing kept is lost: the saver gets it before it is told to end.
    fn drop(&mut self) {
        self.save();
    }
}

impl Writer {
    fn keep(&mut self, change: Change) {
        self.version += 1;
        self.unsent.push((self.version, change));
    }

    fn hand_over(&mut self) {
        if !self.unsent.is_empty() {
            let changes = std::mem::take(&mut self.unsent);
            self.saver.send(Request::Changes(changes));
        }
    }

    fn answered(&mut self, report: SaveReport) -> SaveReport {
        self.answered = self.answered.max(report.version);
        report
    }

    /// The answer for changes a saver that stopped will never give.
    fn stopped(&mut self, path: &Path) -> Option<SaveReport> {
        if self.answered >= self.version {
            return None;
        }
        self.answered = self.version;
        Some(SaveReport {
            version: self.version,
            result: Err(saver_stopped(path)),
        })
    }
}

fn saver_stopped(path: &Path) -> StoreError {
    StoreError::Io {
        doing: Doing::Saving,
        path: path.display().to_string(),
        source: std::io::Error::other("the saver stopped"),
    }
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;

    use super::*;
    use crate::model::testing::{context, method};
    use crate::model::{NewNote, TimerState};
    use crate::store::{Store, load_session, save_session};

    fn t(s: i64) -> Timestamp {
        Timestamp::from_second(s).unwrap()
    }

    fn live() -> (tempfile::TempDir, LiveSession) {
        let dir = tempfile::tempdir().unwrap();
        let session = Session::new(&method(), context("Saver"), t(0));
        let path = Store::new(dir.path()).create(&session).unwrap();
        let open = open_file(&path, Access::Edit).unwrap();
        (dir, LiveSession::start(open))
    }

    fn add(live: &mut LiveSession, text: &str) {
        let m = method();
        let (result, diff) = live.change(|s| s.add_note(&m, NewNote::new("kritik", text), t(1)));
        assert!(result.is_ok() && diff.is_some());
    }

    #[test]
    fn changes_handed_over_together_are_written_once() {
        let (_dir, mut live) = live();
        for i in 0..50 {
            add(&mut live, &format!("note {i}"));
        }
        assert!(live.saving());
        live.save();
        let answers = live.settle();
        assert_eq!(answers.len(), 1);
        assert_eq!(answers[0].version, 50);
        assert!(matches!(answers[0].result, Ok(SaveOutcome::Saved)));
        assert!(!live.saving());
        assert_eq!(load_session(live.path()).unwrap(), live.session);
    }

    #[test]
    fn changes_handed_over_one_by_one_end_with_the_newest_on_disk() {
        let (_dir, mut live) = live();
        for i in 0..100 {
            add(&mut live, &format!("note {i}"));
            live.save();
        }
        let mut answers = live.answers();
        answers.extend(live.settle());
        assert!(!answers.is_empty() && answers.len() <= 100);
        assert!(answers.windows(2).all(|w| w[0].version < w[1].version));
        assert_eq!(answers.last().map(|a| a.version), Some(100));
        assert_eq!(load_session(live.path()).unwrap(), live.session);
    }

    #[test]
    fn undo_redo_and_the_time_box_reach_the_file() {
        let (_dir, mut live) = live();
        let m = method();
        add(&mut live, "one");
        let (_, diff) = live.change(|s| s.add_note(&m, NewNote::new("fantasi", "two"), t(2)));
        let diff = diff.unwrap();
        live.undo(&diff);
        live.redo(&diff);
        live.undo(&diff);
        live.set_timer(Some(TimerState {
            phase: None,
            minutes: 7,
            elapsed_ms: 1_000,
            started: None,
        }));
        live.settle();
        let saved = load_session(live.path()).unwrap();
        assert_eq!(
            saved.without_bookkeeping(),
            live.session.without_bookkeeping()
        );
        assert_eq!(saved.notes.len(), 1);
        assert_eq!(saved.timer.map(|t| t.minutes), Some(7));
    }

    #[test]
    fn a_change_on_disk_is_never_written_over() {
        let (_dir, mut live) = live();
        add(&mut live, "one");
        live.settle();
        let mut theirs = load_session(live.path()).unwrap();
        theirs.context.title = "Elsewhere".into();
        save_session(live.path(), &theirs).unwrap();
        let before = std::fs::read(live.path()).unwrap();
        add(&mut live, "two");
        let answers = live.settle();
        assert!(matches!(
            answers.last().map(|a| &a.result),
            Some(Ok(SaveOutcome::ChangedOnDisk(_)))
        ));
        assert_eq!(std::fs::read(live.path()).unwrap(), before);
        // Reading the file again drops the board's change and saves on
        // from there.
        let (_, read) = live.reload();
        assert!(read.is_ok());
        assert_eq!(live.session.context.title, "Elsewhere");
        assert_eq!(live.session.notes.len(), 1);
        add(&mut live, "three");
        live.settle();
        assert_eq!(load_session(live.path()).unwrap(), live.session);
    }

    #[test]
    fn letting_go_writes_what_was_kept() {
        let (_dir, mut live) = live();
        let path = live.path().to_path_buf();
        add(&mut live, "kept, never handed over");
        let expected = live.session.clone();
        drop(live);
        assert_eq!(load_session(&path).unwrap(), expected);
    }
}
