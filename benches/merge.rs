//! Merging two copies of one session (issue 12): copies of 1,000 and
//! 10,000 notes, each changed its own way after they parted (notes added,
//! edited, deleted, dots given, an action done), as two laptops' copies
//! are. The goal: merging costs at most twice what reading both files
//! does (`load_both`, the floor, measured in the same run).
//!
//! Run with `cargo bench --bench merge`.

use std::sync::LazyLock;

use jiff::{SignedDuration, Timestamp};
use sempre::methods::MethodLibrary;
use sempre::model::{ActionStatus, NewNote, Session, merge, record_changes};

#[path = "dense.rs"]
mod dense;

fn main() {
    divan::main();
}

const SIZES: [usize; 2] = [1_000, 10_000];

/// The two copies' files.
struct Copies {
    ours: Vec<u8>,
    theirs: Vec<u8>,
}

/// One laptop's changes since the copies parted: one note in 50 added,
/// one in 100 edited, one in 500 deleted, dots on one in 100, every
/// tenth action done; stamped as a save stamps them.
fn changed(base: &Session, notes: usize, side: u64, device: &str) -> Session {
    let library = MethodLibrary::builtin();
    let m = library.get("fremtidsvaerksted").expect("built in");
    let at = Timestamp::UNIX_EPOCH + SignedDuration::from_secs(3600 + side as i64);
    let mut s = base.clone();
    let ids: Vec<_> = s.notes.iter().map(|n| n.id).collect();
    let start = side as usize;
    for i in (start..notes).step_by(100) {
        s.edit_note(ids[i], &format!("{device} rettede seddel {i}"), at)
            .expect("valid");
        s.set_dots(ids[(i + 7) % notes], 2, Some(device), at)
            .expect("valid");
    }
    for i in (start * 3..notes).step_by(500) {
        s.delete_note(ids[i], at).expect("valid");
    }
    for i in 0..notes / 50 {
        s.add_note(m, NewNote::new("fantasi", &format!("{device} ny {i}")), at)
            .expect("valid");
    }
    let actions: Vec<_> = s.actions.iter().map(|a| a.id).collect();
    for a in actions.iter().step_by(10) {
        s.update_action(*a, Some(device), None, ActionStatus::Done, at)
            .expect("valid");
    }
    record_changes(base, &mut s, at, device);
    s
}

fn copies(notes: usize) -> Copies {
    let base = dense::dense(notes);
    let ours = changed(&base, notes, 0, "laptop-a");
    let theirs = changed(&base, notes, 1, "laptop-b");
    Copies {
        ours: serde_json::to_vec_pretty(&ours).expect("json"),
        theirs: serde_json::to_vec_pretty(&theirs).expect("json"),
    }
}

static COPIES: LazyLock<Vec<Copies>> = LazyLock::new(|| SIZES.iter().map(|n| copies(*n)).collect());

fn sized(notes: usize) -> &'static Copies {
    &COPIES[SIZES.iter().position(|n| *n == notes).expect("a size")]
}

fn load(bytes: &[u8]) -> Session {
    serde_json::from_slice(bytes).expect("parses")
}

/// The floor: reading both copies' files.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn load_both(bencher: divan::Bencher, notes: usize) {
    let c = sized(notes);
    bencher.bench_local(|| (load(&c.ours), load(&c.theirs)));
}

/// Merging the two copies, once read.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn merge_two(bencher: divan::Bencher, notes: usize) {
    let c = sized(notes);
    let (ours, theirs) = (load(&c.ours), load(&c.theirs));
    bencher.bench_local(|| merge(&ours, &theirs).expect("one session"));
}

/// Merging a copy into one that already holds it (what a sync tool's
/// echo costs): nothing new.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn merge_same(bencher: divan::Bencher, notes: usize) {
    let c = sized(notes);
    let (ours, theirs) = (load(&c.ours), load(&c.theirs));
    let merged = merge(&ours, &theirs).expect("one session").session;
    bencher.bench_local(|| merge(&merged, &theirs).expect("one session"));
}
