//! Drawing speed: one frame of a board with 2,000 notes into a 200×60
//! buffer (goal ≤ 1 ms), and the same board with 20,000 notes, which
//! must cost about the same because only the notes on screen are drawn.
//! Also a problem tree, whose layout looks at every card to decide how
//! the tree fits.
//!
//! Run with `cargo bench --bench render`.

use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sempre::i18n::Lang;
use sempre::methods::MethodLibrary;
use sempre::model::{Context, NewNote, Session};
use sempre::store::{Access, Store, open_file};
use sempre::tui::app::{App, Input, Outcome, Prefs, update};
use sempre::tui::clock::Clock;
use sempre::tui::render::render;
use sempre::tui::theme::ThemeName;

fn main() {
    divan::main();
}

struct Fixture {
    _dir: tempfile::TempDir,
    app: App,
    terminal: Terminal<TestBackend>,
}

fn fixture(notes: usize) -> Fixture {
    let library = MethodLibrary::builtin();
    let method = library.get("fremtidsvaerksted").expect("built in");
    let context = Context {
        title: "Hverdagen som enlig forælder".into(),
        language: Lang::Da,
        network: Some("LEN Syddjurs".into()),
        ..Default::default()
    };
    let mut session = Session::new(method, context, Timestamp::UNIX_EPOCH);
    let zones = ["kritik", "fantasi", "virkeliggoerelse"];
    for i in 0..notes {
        let text = format!("Seddel nummer {i}: for lidt tid med børnene om aftenen og i weekenden");
        session
            .add_note(
                method,
                NewNote::new(zones[i % 3], &text),
                Timestamp::UNIX_EPOCH,
            )
            .expect("valid");
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::new(dir.path());
    let path = store.create(&session).expect("saved");
    let prefs = Prefs {
        lang: Lang::Da,
        theme: ThemeName::Default,
        projector: false,
    };
    let clock = Clock::fixed(Timestamp::UNIX_EPOCH);
    let mut app = App::new(library.clone(), prefs, "sessions".into(), clock);
    update(&mut app, Input::Resize(200, 60));
    let open = open_file(&path, Access::Edit).expect("opens");
    update(
        &mut app,
        Input::Outcome(Outcome::Opened(Ok(Box::new(open)))),
    );
    let terminal = Terminal::new(TestBackend::new(200, 60)).expect("test backend");
    Fixture {
        _dir: dir,
        app,
        terminal,
    }
}

#[divan::bench(args = [2_000, 20_000])]
fn board_frame_200x60(bencher: divan::Bencher, notes: usize) {
    let mut f = fixture(notes);
    bencher.bench_local(|| {
        f.terminal
            .draw(|frame| render(&f.app, frame))
            .map(|_| ())
            .expect("draws");
    });
}

/// A problem tree of `notes` root causes: branches of five cards, each
/// hanging under the one before.
fn tree_fixture(notes: usize) -> Fixture {
    let library = MethodLibrary::builtin();
    let method = library.get("problemtrae").expect("built in");
    let context = Context {
        title: "Enlige forældres sundhed".into(),
        language: Lang::Da,
        ..Default::default()
    };
    let t = Timestamp::UNIX_EPOCH;
    let mut session = Session::new(method, context, t);
    let core = session
        .add_note(method, NewNote::new("kerneproblem", "Intet overskud"), t)
        .expect("valid");
    let mut parent = core;
    for i in 0..notes {
        let text = format!("Årsag {i}: for lidt tid og for mange opgaver på én gang");
        let id = session
            .add_note(method, NewNote::new("aarsager", &text), t)
            .expect("valid");
        let under = if i % 5 == 0 { core } else { parent };
        session
            .set_tree_parent(method, id, under, t)
            .expect("no loop");
        parent = id;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = Store::new(dir.path()).create(&session).expect("saved");
    let prefs = Prefs {
        lang: Lang::Da,
        theme: ThemeName::Default,
        projector: false,
    };
    let mut app = App::new(library.clone(), prefs, "sessions".into(), Clock::fixed(t));
    update(&mut app, Input::Resize(200, 60));
    let open = open_file(&path, Access::Edit).expect("opens");
    update(
        &mut app,
        Input::Outcome(Outcome::Opened(Ok(Box::new(open)))),
    );
    let terminal = Terminal::new(TestBackend::new(200, 60)).expect("test backend");
    Fixture {
        _dir: dir,
        app,
        terminal,
    }
}

#[divan::bench(args = [50, 2_000])]
fn tree_frame_200x60(bencher: divan::Bencher, notes: usize) {
    let mut f = tree_fixture(notes);
    bencher.bench_local(|| {
        f.terminal
            .draw(|frame| render(&f.app, frame))
            .map(|_| ())
            .expect("draws");
    });
}
