//! The store's index (issue 11): listing and searching stores of 1,000 and
//! 10,000 sessions copied from the example sessions, cold (no index yet:
//! every file is read and indexed) and warm (nothing changed), next to
//! the floor: reading and parsing every file with serde, which is what a
//! listing cost before there was an index.
//!
//! Run with `cargo bench --bench index`. The whole-process figures (the
//! release binary, `list --text` and the interface's first frame) are
//! measured with `benches/first_frame.py` and `/usr/bin/time`.

use std::path::Path;
use std::sync::LazyLock;

use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sempre::i18n::Lang;
use sempre::methods::MethodLibrary;
use sempre::store::{Store, load_session};
use sempre::tui::app::{App, Effect, Input, Prefs, update};
use sempre::tui::clock::Clock;
use sempre::tui::perform;
use sempre::tui::render::render;
use sempre::tui::theme::ThemeName;

fn main() {
    divan::main();
}

/// A store of `n` sessions: the examples again and again, each copy with
/// an id of its own.
fn store(n: usize) -> (tempfile::TempDir, Store) {
    let examples: Vec<serde_json::Value> =
        Store::new(concat!(env!("CARGO_MANIFEST_DIR"), "/sessions"))
            .session_files()
            .expect("examples")
            .iter()
            .map(|p| serde_json::from_slice(&std::fs::read(p).expect("example")).expect("json"))
            .collect();
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..n {
        let mut session = examples[i % examples.len()].clone();
        let id = uuid::Uuid::new_v4().to_string();
        session["id"] = id.clone().into();
        session["links"] = serde_json::Value::Array(Vec::new());
        let bytes = serde_json::to_vec_pretty(&session).expect("json");
        std::fs::write(dir.path().join(format!("{id}.json")), bytes).expect("written");
    }
    let store = Store::new(dir.path());
    (dir, store)
}

static SMALL: LazyLock<(tempfile::TempDir, Store)> = LazyLock::new(|| store(1_000));
static LARGE: LazyLock<(tempfile::TempDir, Store)> = LazyLock::new(|| store(10_000));

fn sized(n: usize) -> &'static Store {
    if n == 1_000 { &SMALL.1 } else { &LARGE.1 }
}

const SIZES: [usize; 2] = [1_000, 10_000];

/// The floor: every file read and parsed.
#[divan::bench(args = SIZES, sample_count = 5)]
fn floor_read_every_file(n: usize) -> usize {
    let store = sized(n);
    store
        .session_files()
        .expect("files")
        .iter()
        .filter(|p| load_session(p).is_ok())
        .count()
}

/// No index yet: every file read, summed up and indexed, then searched.
#[divan::bench(args = SIZES, sample_count = 5)]
fn search_cold(bencher: divan::Bencher, n: usize) {
    let store = sized(n);
    bencher
        .with_inputs(|| store.remove_index())
        .bench_local_values(|()| store.overview(Some("søvn")).expect("lists").sessions.len());
}

/// Nothing changed since the last listing: every summary.
#[divan::bench(args = SIZES, sample_count = 10)]
fn list_warm(n: usize) -> usize {
    let store = sized(n);
    store.overview(None).expect("lists").sessions.len()
}

/// Nothing changed since the last listing: the sessions with two words.
#[divan::bench(args = SIZES, sample_count = 10)]
fn search_warm(n: usize) -> usize {
    let store = sized(n);
    store
        .overview(Some("søvn børn"))
        .expect("lists")
        .sessions
        .len()
}

/// One file of 10,000 changed since the last listing.
#[divan::bench(sample_count = 10)]
fn list_one_changed_of_10000(bencher: divan::Bencher) {
    let store = sized(10_000);
    store.overview(None).expect("lists");
    let first = store.session_files().expect("files")[0].clone();
    bencher
        .with_inputs(|| touch(&first))
        .bench_local_values(|()| store.overview(None).expect("lists").sessions.len());
}

/// The interface's first frame, in process: the home screen reads the
/// store (its index warm) and draws at 160×48.
#[divan::bench(args = SIZES, sample_count = 10)]
fn home_first_frame_160x48(bencher: divan::Bencher, n: usize) {
    let store = sized(n);
    store.overview(None).expect("lists");
    let library = MethodLibrary::builtin();
    bencher.bench_local(|| {
        let prefs = Prefs {
            lang: Lang::En,
            theme: ThemeName::Default,
            projector: false,
        };
        let clock = Clock::fixed(Timestamp::UNIX_EPOCH);
        let mut app = App::new(library.clone(), prefs, "sessions".into(), clock);
        update(&mut app, Input::Resize(160, 48));
        perform(&mut app, store, vec![Effect::List]);
        let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("test backend");
        terminal
            .draw(|frame| render(&app, frame))
            .map(|_| ())
            .expect("drawn");
    });
}

/// Gives `path` a new time of change, as a save would.
fn touch(path: &Path) {
    let bytes = std::fs::read(path).expect("read");
    std::fs::write(path, bytes).expect("written");
}
