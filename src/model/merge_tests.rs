//! Merging copies of a session: the rules by example, and the laws
//! (any order of merging gives the same session) by property.

use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;
use uuid::Uuid;

use super::testing::{context, method};
use super::{ActionStatus, MergeError, NewNote, Session, merge, merge_three, record_changes};
use crate::i18n::Lang;

fn t(s: i64) -> Timestamp {
    Timestamp::from_second(1_800_000_000 + s).unwrap()
}

/// A session with two notes, saved once.
fn base() -> Session {
    let m = method();
    let mut s = Session::new(&m, context("Hverdag"), t(0));
    s.add_note(&m, NewNote::new("kritik", "for lidt tid"), t(1))
        .unwrap();
    s.add_note(&m, NewNote::new("kritik", "for dyrt"), t(2))
        .unwrap();
    s
}

/// `change` made on a copy of `from` at `at` on `device`, saved (stamped).
fn changed(
    from: &Session,
    at: Timestamp,
    device: &str,
    change: impl FnOnce(&mut Session),
) -> Session {
    let mut s = from.clone();
    change(&mut s);
    record_changes(from, &mut s, at, device);
    s
}

fn texts(s: &Session) -> Vec<&str> {
    s.notes.iter().map(|n| n.text.as_str()).collect()
}

#[test]
fn notes_added_on_two_laptops_are_both_kept_in_one_order() {
    let m = method();
    let b = base();
    let a = changed(&b, t(10), "a", |s| {
        s.add_note(&m, NewNote::new("kritik", "fra A"), t(10))
            .unwrap();
    });
    let c = changed(&b, t(11), "c", |s| {
        s.add_note(&m, NewNote::new("fantasi", "fra C"), t(11))
            .unwrap();
    });
    let ac = merge(&a, &c).unwrap();
    let ca = merge(&c, &a).unwrap();
    assert_eq!(ac.session, ca.session);
    assert_eq!(
        texts(&ac.session),
        ["for lidt tid", "for dyrt", "fra A", "fra C"]
    );
    assert_eq!(ac.report.notes_added(), 1);
    assert_eq!(ac.report.summary(Lang::En), "+1 note");
    assert_eq!(ac.report.summary(Lang::Da), "+1 note");
}

#[test]
fn the_later_change_of_a_field_wins_and_other_fields_merge() {
    let b = base();
    let n = b.notes[0].id;
    let a = changed(&b, t(10), "a", |s| {
        s.edit_note(n, "tid nok", t(10)).unwrap()
    });
    let c = changed(&b, t(20), "c", |s| {
        s.edit_note(n, "tid til børnene", t(20)).unwrap();
        s.recolour_note(n, super::Colour::Blue, t(20)).unwrap();
    });
    let d = changed(&b, t(15), "d", |s| {
        s.set_private(n, true, t(15)).unwrap();
    });
    let merged = merge(&merge(&a, &d).unwrap().session, &c).unwrap();
    let note = &merged.session.notes[0];
    assert_eq!(note.text, "tid til børnene");
    assert_eq!(note.colour, super::Colour::Blue);
    assert!(
        note.private,
        "a field only one copy changed keeps that change"
    );
    assert_eq!(
        merged.report.conflict_lines(Lang::En, "A", "B"),
        [format!(
            "note {} text (B newer)",
            &n.simple().to_string()[..4]
        )]
    );
    // The same clock time on two devices is settled the same way on both.
    let x = changed(&b, t(30), "x", |s| s.edit_note(n, "x", t(30)).unwrap());
    let y = changed(&b, t(30), "y", |s| s.edit_note(n, "y", t(30)).unwrap());
    let xy = merge(&x, &y).unwrap().session;
    assert_eq!(xy, merge(&y, &x).unwrap().session);
    assert_eq!(xy.notes[0].text, "y", "the later device id breaks the tie");
}

#[test]
fn a_deletion_is_never_undone_by_a_merge_but_an_undo_is_kept() {
    let b = base();
    let n = b.notes[0].id;
    let deleted = changed(&b, t(10), "a", |s| {
        s.delete_note(n, t(10)).unwrap();
    });
    assert_eq!(deleted.deleted.len(), 1, "a tombstone is left");
    assert!(
        !serde_json::to_string(&deleted.deleted)
            .unwrap()
            .contains("lidt"),
        "the tombstone holds no words"
    );
    // Another laptop edits the note it still has, later.
    let edited = changed(&b, t(20), "c", |s| s.edit_note(n, "ændret", t(20)).unwrap());
    let m = merge(&edited, &deleted).unwrap();
    assert_eq!(texts(&m.session), ["for dyrt"]);
    assert_eq!(m.report.deleted.values().sum::<usize>(), 1);
    assert_eq!(merge(&deleted, &edited).unwrap().session, m.session);

    // Undoing the deletion brings the note back a generation on, which
    // outlives the tombstone in every copy.
    let restored = changed(&deleted, t(30), "a", |s| {
        s.notes.insert(0, b.notes[0].clone())
    });
    assert_eq!(restored.notes[0].revived, 1);
    let m = merge(&merge(&deleted, &edited).unwrap().session, &restored).unwrap();
    assert_eq!(texts(&m.session), ["for lidt tid", "for dyrt"]);
}

#[test]
fn what_is_made_from_a_note_made_private_elsewhere_is_private_after_a_merge() {
    let b = base();
    let n = b.notes[0].id;
    // The facilitator decides from the note on one laptop ...
    let decided = changed(&b, t(10), "a", |s| {
        let d = s.add_decision("Mere tid sammen", &[n], t(10)).unwrap();
        s.add_action("Tal med lederen", None, Some(d), t(10))
            .unwrap();
    });
    // ... while the note is made private on another.
    let hidden = changed(&b, t(11), "c", |s| {
        s.set_private(n, true, t(11)).unwrap();
    });
    for m in [merge(&decided, &hidden), merge(&hidden, &decided)] {
        let s = m.unwrap().session;
        assert!(s.notes[0].private);
        assert!(s.decisions[0].private, "the decision carries its words");
        assert!(s.actions[0].private, "and so does the action made from it");
    }
}

#[test]
fn dots_on_a_note_deleted_elsewhere_go_with_it() {
    let b = base();
    let n = b.notes[1].id;
    let voted = changed(&b, t(10), "a", |s| s.set_dots(n, 3, None, t(10)).unwrap());
    let deleted = changed(&b, t(11), "c", |s| {
        s.delete_note(n, t(11)).unwrap();
    });
    let m = merge(&voted, &deleted).unwrap().session;
    assert!(m.votes.is_empty());
    assert_eq!(m.inconsistencies(&method()), vec![]);
}

#[test]
fn copies_of_two_different_sessions_are_refused() {
    let a = base();
    let b = base();
    assert_eq!(
        merge(&a, &b).unwrap_err(),
        MergeError::DifferentSessions(a.id, b.id)
    );
}

#[test]
fn a_three_way_merge_counts_changes_no_one_stamped() {
    // Files edited by hand (or by an older sempre) carry no stamps: the
    // base tells what each side changed.
    let b = base();
    let n = b.notes[0].id;
    let mut ours = b.clone();
    ours.notes[0].text = "vores".into();
    ours.updated = t(10);
    let mut theirs = b.clone();
    theirs.notes.retain(|x| x.id != b.notes[1].id);
    theirs.context.title = "Deres titel".into();
    theirs.updated = t(11);
    let m = merge_three(&b, &ours, &theirs, "a").unwrap().session;
    assert_eq!(texts(&m), ["vores"]);
    assert_eq!(m.context.title, "Deres titel");
    assert_eq!(m.notes[0].id, n);
}

#[test]
fn a_note_moved_up_stays_moved_after_a_merge() {
    let m = method();
    let b = base();
    let n = b.notes[1].id;
    let moved = changed(&b, t(10), "a", |s| {
        assert!(s.shift_note(n, -1, t(10)).unwrap());
    });
    assert_eq!(texts(&moved), ["for dyrt", "for lidt tid"]);
    let added = changed(&b, t(11), "c", |s| {
        s.add_note(&m, NewNote::new("kritik", "ny"), t(11)).unwrap();
    });
    let merged = merge(&moved, &added).unwrap().session;
    assert_eq!(texts(&merged), ["for dyrt", "for lidt tid", "ny"]);
}

/// One change a breakout group or a facilitator makes on their copy.
#[derive(Debug, Clone)]
enum Op {
    Add(u8),
    Edit(u8, u8),
    Delete(u8),
    Dots(u8, u8),
    Cluster(u8, u8),
    Private(u8),
    Decide(u8),
    ActionDone(u8),
    Shift(u8),
    Title(u8),
    /// The copy takes in another copy's work (a sync) before going on.
    Sync(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => any::<u8>().prop_map(Op::Add),
        2 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::Edit(a, b)),
        1 => any::<u8>().prop_map(Op::Delete),
        2 => (any::<u8>(), 1u8..4).prop_map(|(a, b)| Op::Dots(a, b)),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::Cluster(a, b)),
        1 => any::<u8>().prop_map(Op::Private),
        1 => any::<u8>().prop_map(Op::Decide),
        1 => any::<u8>().prop_map(Op::ActionDone),
        1 => any::<u8>().prop_map(Op::Shift),
        1 => any::<u8>().prop_map(Op::Title),
        1 => any::<u8>().prop_map(Op::Sync),
    ]
}

fn pick<T: Copy>(list: &[T], i: u8) -> Option<T> {
    (!list.is_empty()).then(|| list[usize::from(i) % list.len()])
}

/// Plays `ops` on copy `who` of `base`, saving (stamping) after each,
/// with clocks that may coincide across copies.
fn play(base: &Session, who: usize, ops: &[Op], others: &[Session]) -> Session {
    let m = method();
    let device = ["a", "b", "c"][who];
    let mut s = base.clone();
    for (step, op) in ops.iter().enumerate() {
        let at = t(100) + SignedDuration::from_secs(step as i64 * 3 + who as i64 % 2);
        let before = s.clone();
        let ids: Vec<Uuid> = s.notes.iter().map(|n| n.id).collect();
        match op {
            Op::Add(k) => {
                let zone = if k % 2 == 0 { "kritik" } else { "fantasi" };
                let _ = s.add_note(&m, NewNote::new(zone, &format!("{device}{k}")), at);
            }
            Op::Edit(i, k) => {
                if let Some(id) = pick(&ids, *i) {
                    let _ = s.edit_note(id, &format!("{device} rettede {k}"), at);
                }
            }
            Op::Delete(i) => {
                if let Some(id) = pick(&ids, *i) {
                    let _ = s.delete_note(id, at);
                }
            }
            Op::Dots(i, n) => {
                if let Some(id) = pick(&ids, *i) {
                    let _ = s.set_dots(id, u32::from(*n), Some(device), at);
                }
            }
            Op::Cluster(i, j) => {
                if let (Some(x), Some(y)) = (pick(&ids, *i), pick(&ids, *j)) {
                    let _ = s.cluster_notes(&[x, y], &format!("tema {device}"), at);
                }
            }
            Op::Private(i) => {
                if let Some(id) = pick(&ids, *i) {
                    let _ = s.set_private(id, true, at);
                }
            }
            Op::Decide(i) => {
                if let Some(id) = pick(&ids, *i)
                    && let Ok(d) = s.add_decision(&format!("beslutning {device}"), &[id], at)
                {
                    let _ = s.add_action(&format!("gør det {device}"), None, Some(d), at);
                }
            }
            Op::ActionDone(i) => {
                let actions: Vec<Uuid> = s.actions.iter().map(|a| a.id).collect();
                if let Some(id) = pick(&actions, *i) {
                    let _ = s.update_action(id, Some(device), None, ActionStatus::Done, at);
                }
            }
            Op::Shift(i) => {
                if let Some(id) = pick(&ids, *i) {
                    let _ = s.shift_note(id, -1, at);
                }
            }
            Op::Title(k) => {
                s.context.title = format!("titel {device} {k}");
                s.updated = at;
            }
            Op::Sync(i) => {
                if let Some(other) = pick(&(0..others.len()).collect::<Vec<_>>(), *i) {
                    s = merge(&s, &others[other]).unwrap().session;
                    continue;
                }
            }
        }
        record_changes(&before, &mut s, at, device);
    }
    s
}

fn merged(order: &[&Session]) -> Session {
    let mut out = order[0].clone();
    for s in &order[1..] {
        out = merge(&out, s).unwrap().session;
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        rng_seed: if std::env::var_os("CI").is_some() {
            proptest::test_runner::RngSeed::Fixed(12)
        } else {
            proptest::test_runner::RngSeed::Random
        },
        ..ProptestConfig::default()
    })]

    /// Three copies of one session, each changed its own way (some taking
    /// in another's work on the way): every order and grouping of merging
    /// them gives the same session, merging twice changes nothing, and the
    /// result is a sound session.
    #[test]
    fn any_order_of_merging_copies_gives_the_same_session(
        a in proptest::collection::vec(op(), 0..12),
        b in proptest::collection::vec(op(), 0..12),
        c in proptest::collection::vec(op(), 0..12),
    ) {
        let start = base();
        let x = play(&start, 0, &a, &[]);
        let y = play(&start, 1, &b, std::slice::from_ref(&x));
        let z = play(&start, 2, &c, &[x.clone(), y.clone()]);
        let first = merged(&[&x, &y, &z]);
        for order in [[&x, &z, &y], [&y, &x, &z], [&y, &z, &x], [&z, &x, &y], [&z, &y, &x]] {
            prop_assert_eq!(&merged(&order), &first);
        }
        // Grouped the other way: x + (y + z).
        let yz = merge(&y, &z).unwrap().session;
        prop_assert_eq!(&merge(&x, &yz).unwrap().session, &first);
        // Idempotent, and a copy already in adds nothing.
        prop_assert_eq!(&merge(&first, &first).unwrap().session, &first);
        prop_assert_eq!(&merge(&first, &y).unwrap().session, &first);
        prop_assert_eq!(first.inconsistencies(&method()), vec![]);
        // Nothing made from a private note is public.
        for d in &first.decisions {
            if first.any_private(&d.notes) {
                prop_assert!(d.private);
            }
        }
    }
}
