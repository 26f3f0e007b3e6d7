//! Store speed: open and save a 10,000-note session, and list and
//! text-filter a store of 1,000 sessions, next to the raw serde_json time
//! for the same bytes (the floor the store cannot beat).
//!
//! Run with `cargo bench --bench store`.

use std::path::PathBuf;
use std::sync::LazyLock;

use jiff::Timestamp;
use sempre::i18n::Lang;
use sempre::methods::MethodLibrary;
use sempre::model::{Context, NewNote, Session};
use sempre::store::{Access, Filter, SaveOutcome, Store, load_session, open_file, save_session};

fn main() {
    divan::main();
}

const WORDS: &[&str] = &[
    "tid",
    "børn",
    "økonomi",
    "bolig",
    "sprog",
    "job",
    "ensomhed",
    "lægen",
    "bussen",
    "praktik",
    "venner",
    "søvn",
    "penge",
    "skole",
    "fællesskab",
    "kaffe",
    "aften",
];

fn session(notes: usize, seed: usize) -> Session {
    let library = MethodLibrary::builtin();
    let m = library.get("fremtidsvaerksted").expect("built in");
    let context = Context {
        title: format!("Værksted nummer {seed}"),
        language: Lang::Da,
        network: Some(format!("LEN {}", seed % 16)),
        target_group: Some("Enlige forældre".into()),
        place: Some("Aarhus".into()),
        date: None,
        facilitators: vec!["Mette".into(), "Karim".into()],
        participant_count: Some(15),
        participants: vec![],
        tags: vec!["sundhed".into()],
    };
    let mut s = Session::new(m, context, Timestamp::UNIX_EPOCH);
    let zones = ["kritik", "fantasi", "virkeliggoerelse"];
    for i in 0..notes {
        let words: Vec<&str> = (0..8)
            .map(|k| WORDS[(i * 7 + k * 3 + seed) % WORDS.len()])
            .collect();
        let text = format!("{} nr. {i}", words.join(" "));
        s.add_note(m, NewNote::new(zones[i % 3], &text), Timestamp::UNIX_EPOCH)
            .expect("valid note");
    }
    s
}

struct Big {
    _dir: tempfile::TempDir,
    path: PathBuf,
    session: Session,
    bytes: Vec<u8>,
}

static BIG: LazyLock<Big> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.json");
    let session = session(10_000, 1);
    save_session(&path, &session).expect("saved");
    let bytes = std::fs::read(&path).expect("read back");
    Big {
        _dir: dir,
        path,
        session,
        bytes,
    }
});

static STORE: LazyLock<(tempfile::TempDir, Store)> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::new(dir.path());
    for seed in 0..1_000 {
        store.create(&session(30, seed)).expect("saved");
    }
    (dir, store)
});

/// Floor: serde_json parsing the bytes of the 10,000-note file.
#[divan::bench]
fn parse_10k_raw_serde() -> Session {
    serde_json::from_slice(divan::black_box(&BIG.bytes)).expect("parses")
}

/// Floor for a coarse parse: serde_json into an untyped `Value`.
#[divan::bench]
fn parse_10k_raw_value() -> serde_json::Value {
    serde_json::from_slice(divan::black_box(&BIG.bytes)).expect("parses")
}

/// The store opening the 10,000-note file (read, check format, parse).
#[divan::bench]
fn open_10k_store() -> Session {
    load_session(divan::black_box(&BIG.path)).expect("loads")
}

/// Floor: serde_json serialising the 10,000-note session.
#[divan::bench]
fn serialize_10k_raw_serde() -> Vec<u8> {
    serde_json::to_vec_pretty(divan::black_box(&BIG.session)).expect("serialises")
}

/// Part of saving: serialising into a file in the same folder, without
/// fsync or rename, to show what the durability costs.
#[divan::bench]
fn write_10k_without_fsync() {
    let dir = BIG.path.parent().expect("in a folder");
    let file = tempfile::NamedTempFile::new_in(dir).expect("temp file");
    let out = std::io::BufWriter::with_capacity(1 << 16, file.as_file());
    serde_json::to_writer_pretty(out, divan::black_box(&BIG.session)).expect("writes");
}

/// Floor for a save: the same encoder (indented JSON and a newline),
/// then writing those bytes over one file and flushing it to disk. A
/// save adds the temporary file, the rename, the folder flush and the
/// check for a change made elsewhere; read its time as a ratio to this.
#[divan::bench]
fn save_10k_floor(bencher: divan::Bencher) {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("floor.json");
    bencher.bench_local(|| {
        let mut bytes =
            serde_json::to_vec_pretty(divan::black_box(&BIG.session)).expect("serialises");
        bytes.push(b'\n');
        let mut file = std::fs::File::create(&path).expect("creates");
        file.write_all(&bytes).expect("writes");
        file.sync_all().expect("flushes");
    });
}

/// The store saving the 10,000-note session atomically (temporary file,
/// fsync, rename, fsync of the folder).
#[divan::bench]
fn save_10k_store() {
    save_session(divan::black_box(&BIG.path), &BIG.session).expect("saves");
}

/// The board saving the same session: it first checks that the file is
/// still what it last read or wrote (by its stamp, reading it back only
/// when that moved), then saves as the store does and keeps the bytes as
/// the start of a later merge. Goal: at most 1.5 times `save_10k_floor`.
#[divan::bench]
fn save_10k_board(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("board.json");
    save_session(&path, &BIG.session).expect("saved");
    let mut open = open_file(&path, Access::Edit).expect("opens");
    bencher.bench_local(|| matches!(open.save_own(), Ok(SaveOutcome::Saved)));
}

/// Listing a store of 1,000 sessions and filtering them by two words.
#[divan::bench(sample_count = 20)]
fn list_and_filter_1000() -> usize {
    let (_, store) = &*STORE;
    let listing = store.list().expect("lists");
    let filter = Filter {
        text: Some("kaffe ensomhed".into()),
        ..Filter::default()
    };
    listing
        .sessions
        .iter()
        .filter(|s| filter.matches(&s.session))
        .count()
}
