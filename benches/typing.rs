//! Keystroke to frame on a big board while the saver writes: goal
//! ≤ 16 ms on a board of 100,000 notes, whether or not a save is under
//! way. Each figure is one input through `update` and `perform` (which
//! hands a change to the saver and never waits for it) and one frame
//! drawn into a 160×48 test terminal.
//!
//! - `key_in_editor`: a letter typed in the note editor.
//! - `add_note`: Enter in the editor, which adds the note: the change,
//!   its undo diff, the zone index and the hand-over to the saver
//!   (`part_change` times the first two alone, `part_board_change` the
//!   change with the index following it, `part_zone_index` the index
//!   built again from every note, as a change it cannot follow costs).
//!
//! Each runs `idle` (the saver has nothing to write; the floor) and
//! `saving` (a save of the whole session started just before). Beside
//! them, what the board did before the saver: `sync_save` is one save of
//! the session on the interface thread, as every change cost then, and
//! `clone_session` the copy every change made to find its undo diff.
//!
//! The session is shaped like the examples (as in the export bench): 0.6
//! votes and 0.1 clusters per note, some private notes, decisions and
//! actions.
//!
//! Run with `cargo bench --bench typing`.

use std::cell::RefCell;

use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sempre::i18n::Lang;
use sempre::methods::MethodLibrary;
use sempre::model::{NewNote, TimerState};
use sempre::store::{Access, SaveOutcome, Store, open_file};
use sempre::tui::app::{App, Input, Outcome, Prefs, Screen, update};
use sempre::tui::clock::Clock;
use sempre::tui::command::Command;
use sempre::tui::render::render;
use sempre::tui::theme::ThemeName;
use sempre::tui::{perform, settle};

#[path = "dense.rs"]
mod dense;

use dense::dense;

fn main() {
    divan::main();
}

const SIZES: [usize; 2] = [10_000, 100_000];

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    app: App,
    terminal: Terminal<TestBackend>,
    /// Bumped to make a change the saver must write.
    nudge: u32,
}

impl Fixture {
    /// A board on a session of `notes` notes, with the note editor open.
    fn new(notes: usize) -> Fixture {
        let library = MethodLibrary::builtin();
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path());
        let path = store.create(&dense(notes)).expect("saved");
        let prefs = Prefs {
            lang: Lang::Da,
            theme: ThemeName::Default,
            projector: false,
        };
        let clock = Clock::fixed(Timestamp::UNIX_EPOCH);
        let mut app = App::new(library, prefs, "sessions".into(), clock);
        update(&mut app, Input::Resize(160, 48));
        let open = open_file(&path, Access::Edit).expect("opens");
        update(
            &mut app,
            Input::Outcome(Outcome::Opened(Ok(Box::new(open)))),
        );
        let mut f = Fixture {
            _dir: dir,
            store,
            app,
            terminal: Terminal::new(TestBackend::new(160, 48)).expect("test backend"),
            nudge: 0,
        };
        f.input(Input::Command(Command::AddNote));
        f
    }

    fn input(&mut self, input: Input) {
        let effects = update(&mut self.app, input);
        perform(&mut self.app, &self.store, effects);
    }

    fn draw(&mut self) {
        let app = &self.app;
        self.terminal
            .draw(|frame| render(app, frame))
            .map(|_| ())
            .expect("draws");
    }

    fn key(&mut self, c: char) {
        self.input(Input::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
        self.draw();
    }

    /// Enter in the editor: the note is added and the editor closes.
    fn add_note(&mut self) {
        self.input(Input::Command(Command::Submit));
        self.draw();
    }

    fn reopen_editor(&mut self) {
        self.input(Input::Command(Command::AddNote));
        self.input(Input::Paste("Ny seddel".into()));
    }

    /// Waits until the saver has nothing left to write.
    fn idle(&mut self) {
        settle(&mut self.app, &self.store);
    }

    /// Starts a save of the whole session, unless one is under way.
    fn saving(&mut self) {
        let Screen::Board(b) = &mut self.app.screen else {
            panic!("no board");
        };
        if b.open.saving() {
            return;
        }
        self.nudge += 1;
        b.open.set_timer(Some(TimerState {
            phase: None,
            minutes: 10 + self.nudge % 2,
            elapsed_ms: 0,
            started: None,
        }));
        b.open.save();
    }
}

#[divan::bench(args = SIZES, sample_count = 30, sample_size = 1)]
fn key_in_editor_idle(bencher: divan::Bencher, notes: usize) {
    let f = RefCell::new(Fixture::new(notes));
    bencher
        .with_inputs(|| f.borrow_mut().idle())
        .bench_local_values(|()| f.borrow_mut().key('x'));
}

#[divan::bench(args = SIZES, sample_count = 30, sample_size = 1)]
fn key_in_editor_saving(bencher: divan::Bencher, notes: usize) {
    let f = RefCell::new(Fixture::new(notes));
    bencher
        .with_inputs(|| f.borrow_mut().saving())
        .bench_local_values(|()| f.borrow_mut().key('x'));
}

#[divan::bench(args = SIZES, sample_count = 30, sample_size = 1)]
fn add_note_idle(bencher: divan::Bencher, notes: usize) {
    let f = RefCell::new(Fixture::new(notes));
    bencher
        .with_inputs(|| {
            let mut f = f.borrow_mut();
            f.reopen_editor();
            f.idle();
        })
        .bench_local_values(|()| f.borrow_mut().add_note());
}

#[divan::bench(args = SIZES, sample_count = 30, sample_size = 1)]
fn add_note_saving(bencher: divan::Bencher, notes: usize) {
    let f = RefCell::new(Fixture::new(notes));
    bencher
        .with_inputs(|| {
            let mut f = f.borrow_mut();
            f.reopen_editor();
            f.saving();
        })
        .bench_local_values(|()| f.borrow_mut().add_note());
}

/// Before the saver: one save of the session on the interface thread,
/// which every change cost.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn sync_save(bencher: divan::Bencher, notes: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = Store::new(dir.path()).create(&dense(notes)).expect("saved");
    let mut open = open_file(&path, Access::Edit).expect("opens");
    bencher.bench_local(|| matches!(open.save_own(), Ok(SaveOutcome::Saved)));
}

/// Before the saver: the copy of the session every change made to find
/// its undo diff.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn clone_session(bencher: divan::Bencher, notes: usize) {
    let s = dense(notes);
    bencher.bench_local(|| drop(s.clone()));
}

/// Part of `add_note`: the change and its undo diff, found against the
/// copy kept after the last change (no copy per change).
#[divan::bench(args = SIZES, sample_count = 20, sample_size = 1)]
fn part_change(bencher: divan::Bencher, notes: usize) {
    let f = RefCell::new(Fixture::new(notes));
    let library = MethodLibrary::builtin();
    let m = library.get("fremtidsvaerksted").expect("built in");
    bencher.bench_local(|| {
        let mut f = f.borrow_mut();
        let Screen::Board(b) = &mut f.app.screen else {
            panic!("no board");
        };
        let note = NewNote::new("kritik", "Ny seddel");
        b.open
            .change(|s| s.add_note(m, note, Timestamp::UNIX_EPOCH))
            .0
            .expect("added");
    });
}

/// Part of `add_note`: the change through the board, which also makes
/// the zone index follow it (`part_change` and the index's share).
#[divan::bench(args = SIZES, sample_count = 20, sample_size = 1)]
fn part_board_change(bencher: divan::Bencher, notes: usize) {
    let f = RefCell::new(Fixture::new(notes));
    bencher.bench_local(|| {
        let mut f = f.borrow_mut();
        let prefs = f.app.prefs.clone();
        let Screen::Board(b) = &mut f.app.screen else {
            panic!("no board");
        };
        let note = NewNote::new("kritik", "Ny seddel");
        b.change(&prefs, |s, m| s.add_note(m, note, Timestamp::UNIX_EPOCH))
            .expect("added");
    });
}

/// Beside `add_note`: other changes of one note through the board, with
/// the index following them: dots given, and a note from the middle of
/// the board moved to another zone (its undo diff holds every note after
/// it, as one stretch).
#[divan::bench(args = SIZES, sample_count = 20, sample_size = 1)]
fn part_board_vote(bencher: divan::Bencher, notes: usize) {
    let f = RefCell::new(Fixture::new(notes));
    let dots = std::cell::Cell::new(0);
    bencher.bench_local(|| {
        let mut f = f.borrow_mut();
        let prefs = f.app.prefs.clone();
        let Screen::Board(b) = &mut f.app.screen else {
            panic!("no board");
        };
        let note = b.session().notes[notes / 2].id;
        dots.set(dots.get() % 5 + 1);
        b.change(&prefs, |s, _| {
            s.set_dots(note, dots.get(), None, Timestamp::UNIX_EPOCH)
        })
        .expect("given");
    });
}

#[divan::bench(args = SIZES, sample_count = 20, sample_size = 1)]
fn part_board_move(bencher: divan::Bencher, notes: usize) {
    let f = RefCell::new(Fixture::new(notes));
    bencher.bench_local(|| {
        let mut f = f.borrow_mut();
        let prefs = f.app.prefs.clone();
        let Screen::Board(b) = &mut f.app.screen else {
            panic!("no board");
        };
        let note = b.session().notes[notes / 2].id;
        b.change(&prefs, |s, m| {
            s.move_note(m, note, "fantasi", None, Timestamp::UNIX_EPOCH)
        })
        .expect("moved");
    });
}

/// Part of `add_note`: working out again all the board shows (the zone
/// index), which looks at every note; a change the index cannot follow
/// costs this.
#[divan::bench(args = SIZES, sample_count = 20, sample_size = 1)]
fn part_zone_index(bencher: divan::Bencher, notes: usize) {
    let f = RefCell::new(Fixture::new(notes));
    bencher.bench_local(|| {
        let mut f = f.borrow_mut();
        let prefs = f.app.prefs.clone();
        let Screen::Board(b) = &mut f.app.screen else {
            panic!("no board");
        };
        b.reindex(&prefs);
    });
}
