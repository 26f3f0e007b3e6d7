//! Export and follow-up speed: a session of 2,000 notes exported in each
//! format (goal: well under 100 ms, so the dialog answers at once), and
//! the follow-up screen over 500 sessions: filtering by a word (goal
//! ≤ 10 ms per key typed) and drawing one frame (goal ≤ 5 ms).
//!
//! Scaling: `show` and every export format over sessions of 1,000, 10,000
//! and 100,000 notes at the examples' density (0.6 votes and 0.1 clusters
//! per note, some private notes, decisions, actions, attached and carried
//! notes), next to the floor: parsing the same file with serde_json. Time
//! must grow linearly with the notes (goal: ten times the notes take at
//! most 10^1.1 times as long), and a 100,000-note HTML export at most
//! three times the parse.
//!
//! Memory: `sempre export` of a 10,000- and a 100,000-note session file,
//! the whole command as the binary runs it (read, parse, prepare, render,
//! write the file), counted by divan's allocation profiler. Its "max
//! alloc" bytes are the most the command held at once; the goal is at
//! most three times the file's size, printed as the fixtures are made.
//! The floor next to them, `memory_floor_open`, reads and parses the file.
//!
//! Run with `cargo bench --bench export`.

use std::sync::LazyLock;

use jiff::Timestamp;
use jiff::civil::date;
use jiff::tz::TimeZone;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sempre::cli::show_text;
use sempre::export::without_private;
use sempre::export::{Format, Options, Source, export};
use sempre::i18n::Lang;
use sempre::methods::MethodLibrary;
use sempre::model::Session;
use sempre::store::{Listing, StoredSession};
use sempre::tui::app::{App, Input, Outcome, Prefs, update};
use sempre::tui::clock::Clock;
use sempre::tui::command::Command;
use sempre::tui::render::render;
use sempre::tui::screens::followup::FollowupState;
use sempre::tui::theme::ThemeName;
use uuid::Uuid;

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

#[path = "dense.rs"]
mod dense;

use dense::{dense, session};

fn main() {
    divan::main();
}

#[divan::bench(args = ["md", "html", "csv", "json"])]
fn export_2000_notes(bencher: divan::Bencher, format: &str) {
    let library = MethodLibrary::builtin();
    let s = session(2_000, 0);
    let format = match format {
        "md" => Format::Markdown,
        "html" => Format::Html,
        "csv" => Format::Csv,
        _ => Format::Json,
    };
    let options = Options {
        anonymize: false,
        lang: Lang::Da,
        tz: TimeZone::UTC,
        today: date(2026, 11, 23),
        titles: Default::default(),
        private_elsewhere: Default::default(),
        plans: Default::default(),
    };
    let sources = [Source {
        session: &s,
        method: library.get("fremtidsvaerksted"),
    }];
    bencher.bench_local(|| export(&sources, None, format, &options));
}

fn listing(sessions: usize) -> Listing {
    Listing {
        sessions: (0..sessions)
            .map(|n| StoredSession {
                path: format!("{n}.json").into(),
                session: session(60, n),
            })
            .collect(),
        problems: Vec::new(),
    }
}

#[divan::bench]
fn followup_filter_500_sessions(bencher: divan::Bencher) {
    let library = MethodLibrary::builtin();
    let mut state = FollowupState::default();
    state.load(Ok(listing(500)), &library, Lang::Da);
    let words = ["", "b", "bø", "bør", "børn", "børne"];
    let mut i = 0;
    bencher.bench_local(|| {
        state.review.filter.text = words[i % words.len()].to_string();
        i += 1;
        state.refresh();
    });
}

#[divan::bench]
fn followup_frame_500_sessions_160x48(bencher: divan::Bencher) {
    let prefs = Prefs {
        lang: Lang::Da,
        theme: ThemeName::Default,
        projector: false,
    };
    let mut app = App::new(
        MethodLibrary::builtin(),
        prefs,
        "sessions".into(),
        Clock::fixed(Timestamp::UNIX_EPOCH),
    );
    update(&mut app, Input::Resize(160, 48));
    update(&mut app, Input::Command(Command::FollowUp));
    update(&mut app, Input::Outcome(Outcome::Listed(Ok(listing(500)))));
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("test backend");
    bencher.bench_local(|| {
        terminal
            .draw(|frame| render(&app, frame))
            .map(|_| ())
            .expect("draws");
    });
}

/// The sizes the scaling benches run at.
const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// A session of `notes` notes at the examples' density, and its file.
struct Fixture {
    session: Session,
    bytes: Vec<u8>,
}

static FIXTURES: LazyLock<Vec<Fixture>> = LazyLock::new(|| {
    SIZES
        .iter()
        .map(|n| {
            let session = dense(*n);
            let bytes = serde_json::to_vec_pretty(&session).expect("serializes");
            Fixture { session, bytes }
        })
        .collect()
});

fn fixture(notes: usize) -> &'static Fixture {
    let i = SIZES
        .iter()
        .position(|n| *n == notes)
        .expect("a bench size");
    &FIXTURES[i]
}

fn export_dense(bencher: divan::Bencher, notes: usize, format: Format) {
    let library = MethodLibrary::builtin();
    let s = &fixture(notes).session;
    let options = Options {
        anonymize: false,
        lang: Lang::Da,
        tz: TimeZone::UTC,
        today: date(2026, 11, 23),
        titles: Default::default(),
        private_elsewhere: Default::default(),
        plans: Default::default(),
    };
    let sources = [Source {
        session: s,
        method: library.get("fremtidsvaerksted"),
    }];
    bencher.bench_local(|| export(&sources, None, format, &options));
}

/// The floor: serde_json reading the session's file.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn scale_parse_floor(bencher: divan::Bencher, notes: usize) {
    let bytes = &fixture(notes).bytes;
    bencher.bench_local(|| serde_json::from_slice::<Session>(bytes).expect("parses"));
}

/// What `sempre show` does with a read session: leaves private things
/// out and writes the text.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn scale_show(bencher: divan::Bencher, notes: usize) {
    let library = MethodLibrary::builtin();
    let s = &fixture(notes).session;
    let method = library.get("fremtidsvaerksted");
    bencher.bench_local(|| show_text(&without_private(s.clone()), method, Lang::Da));
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn scale_export_md(bencher: divan::Bencher, notes: usize) {
    export_dense(bencher, notes, Format::Markdown);
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn scale_export_html(bencher: divan::Bencher, notes: usize) {
    export_dense(bencher, notes, Format::Html);
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn scale_export_csv(bencher: divan::Bencher, notes: usize) {
    export_dense(bencher, notes, Format::Csv);
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn scale_export_json(bencher: divan::Bencher, notes: usize) {
    export_dense(bencher, notes, Format::Json);
}

/// A second floor: copying the read session and dropping the copy, which
/// every export and `show` do once to leave private things out. It shows
/// how much of the growth past 10,000 notes is the memory itself (caches,
/// allocation) rather than the work.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn scale_clone_floor(bencher: divan::Bencher, notes: usize) {
    let s = &fixture(notes).session;
    bencher.bench_local(|| drop(s.clone()));
}

/// The sizes the memory benches run at.
const MEMORY_SIZES: [usize; 2] = [10_000, 100_000];

/// A store holding one dense session of each of [`MEMORY_SIZES`], and a
/// folder for the exports.
struct Stored {
    store: tempfile::TempDir,
    out: tempfile::TempDir,
    ids: Vec<String>,
}

static STORED: LazyLock<Stored> = LazyLock::new(|| {
    let store = tempfile::tempdir().expect("temp dir");
    let out = tempfile::tempdir().expect("temp dir");
    let ids = MEMORY_SIZES
        .iter()
        .map(|n| {
            let mut s = dense(*n);
            s.id = Uuid::from_u128(*n as u128);
            let path = store.path().join(format!("{}.json", s.id));
            sempre::store::save_session(&path, &s).expect("saved");
            let size = std::fs::metadata(&path).expect("written").len();
            eprintln!("memory fixture: {n} notes, file of {size} bytes");
            s.id.to_string()
        })
        .collect();
    Stored { store, out, ids }
});

/// `sempre export ID --format FORMAT --out FILE`, as the binary runs it.
fn export_command(bencher: divan::Bencher, notes: usize, format: &str) {
    let stored = &*STORED;
    let i = MEMORY_SIZES
        .iter()
        .position(|n| *n == notes)
        .expect("a bench size");
    let out = stored.out.path().join(format!("export.{format}"));
    let store = stored.store.path();
    let args = [
        "sempre".as_ref(),
        "--store".as_ref(),
        store.as_os_str(),
        "export".as_ref(),
        stored.ids[i].as_ref(),
        "--format".as_ref(),
        format.as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ];
    bencher
        .with_inputs(|| {
            // A JSON export left from the last run reads as a session,
            // which an export never writes over.
            let _ = std::fs::remove_file(&out);
            <sempre::cli::Cli as clap::Parser>::try_parse_from(args).expect("parses")
        })
        .bench_local_values(|cli| sempre::cli::run(cli).expect("exports"));
}

/// The floor for the memory benches: reading and parsing the same file,
/// as every command on a session does first.
#[divan::bench(args = MEMORY_SIZES, sample_count = 3, sample_size = 1)]
fn memory_floor_open(bencher: divan::Bencher, notes: usize) {
    let stored = &*STORED;
    let i = MEMORY_SIZES
        .iter()
        .position(|n| *n == notes)
        .expect("a bench size");
    let path = stored.store.path().join(format!("{}.json", stored.ids[i]));
    bencher.bench_local(|| sempre::store::load_session(&path).expect("loads"));
}

#[divan::bench(args = MEMORY_SIZES, sample_count = 3, sample_size = 1)]
fn memory_export_md(bencher: divan::Bencher, notes: usize) {
    export_command(bencher, notes, "md");
}

#[divan::bench(args = MEMORY_SIZES, sample_count = 3, sample_size = 1)]
fn memory_export_html(bencher: divan::Bencher, notes: usize) {
    export_command(bencher, notes, "html");
}

#[divan::bench(args = MEMORY_SIZES, sample_count = 3, sample_size = 1)]
fn memory_export_csv(bencher: divan::Bencher, notes: usize) {
    export_command(bencher, notes, "csv");
}

#[divan::bench(args = MEMORY_SIZES, sample_count = 3, sample_size = 1)]
fn memory_export_json(bencher: divan::Bencher, notes: usize) {
    export_command(bencher, notes, "json");
}
