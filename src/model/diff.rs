//! Undo and redo as small differences between two states of a session.
//!
//! A change is recorded by comparing the session before and after it. For
//! each list only the stretch that differs is kept (one note edited keeps
//! one note; one moved to the end of the list keeps it where it went from
//! and where it came to), so a long workshop can be undone step by step
//! without holding a copy of the whole session per step.

use jiff::Timestamp;

use super::{
    Action, Board, Cluster, Context, Decision, Meeting, Note, PhaseEntry, Rating, Session,
    SessionLink, Vote,
};

/// The stretch of a list that a change replaced.
#[derive(Debug, Clone, PartialEq)]
struct Splice<T> {
    at: usize,
    before: Vec<T>,
    after: Vec<T>,
}

impl<T: Clone> Splice<T> {
    fn revert(&self, list: &mut Vec<T>) {
        list.splice(
            self.at..self.at + self.after.len(),
            self.before.iter().cloned(),
        );
    }

    fn reapply(&self, list: &mut Vec<T>) {
        list.splice(
            self.at..self.at + self.before.len(),
            self.after.iter().cloned(),
        );
    }
}

/// The splices that turn a list into another, made in order: each counts
/// places in the list as the splices before it left it.
#[derive(Debug, Clone, PartialEq)]
struct Edit<T>(Vec<Splice<T>>);

impl<T: Clone + PartialEq> Edit<T> {
    /// The smallest edit that turns `old` into `new`, or none if equal:
    /// the one stretch that differs, or two when one item went from its
    /// start and items came at its end (a note moved to another zone goes
    /// last), so that the items in between are not kept twice.
    fn between(old: &[T], new: &[T]) -> Option<Edit<T>> {
        let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
        if prefix == old.len() && prefix == new.len() {
            return None;
        }
        let room = old.len().min(new.len()) - prefix;
        let suffix = old
            .iter()
            .rev()
            .zip(new.iter().rev())
            .take(room)
            .take_while(|(a, b)| a == b)
            .count();
        let gone = &old[prefix..old.len() - suffix];
        let came = &new[prefix..new.len() - suffix];
        let stayed = gone.len().saturating_sub(1);
        let splices = if gone.len() > 1 && came.len() > stayed && gone[1..] == came[..stayed] {
            vec![
                Splice {
                    at: prefix,
                    before: gone[..1].to_vec(),
                    after: Vec::new(),
                },
                Splice {
                    at: prefix + stayed,
                    before: Vec::new(),
                    after: came[stayed..].to_vec(),
                },
            ]
        } else {
            vec![Splice {
                at: prefix,
                before: gone.to_vec(),
                after: came.to_vec(),
            }]
        };
        Some(Edit(splices))
    }

    fn revert(&self, list: &mut Vec<T>) {
        for splice in self.0.iter().rev() {
            splice.revert(list);
        }
    }

    fn reapply(&self, list: &mut Vec<T>) {
        for splice in &self.0 {
            splice.reapply(list);
        }
    }

    /// The stretches in the order the `way` given makes them.
    fn stretches(&self, way: Way) -> Vec<Stretch<'_, T>> {
        match way {
            Way::Redo => self.0.iter().map(|s| s.stretch(way)).collect(),
            Way::Undo => self.0.iter().rev().map(|s| s.stretch(way)).collect(),
        }
    }

    #[cfg(test)]
    fn weight(&self) -> usize {
        self.0.iter().map(|s| s.before.len() + s.after.len()).sum()
    }
}

impl Edit<Cluster> {
    /// The same clusters stay in the same order; only what they say
    /// (titles, privacy) changed.
    fn keeps_ids(&self) -> bool {
        self.0.iter().all(|s| {
            s.before.len() == s.after.len()
                && s.before.iter().zip(&s.after).all(|(a, b)| a.id == b.id)
        })
    }
}

/// Which way a recorded change is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Way {
    /// As it was first made (or redone).
    Redo,
    /// Taken back.
    Undo,
}

/// The stretch of a list a change replaced, seen from the side it turns
/// the list into: from `at`, `removed` went and `inserted` came.
#[derive(Debug, PartialEq)]
pub struct Stretch<'a, T> {
    /// Where the stretch starts, the same before and after.
    pub at: usize,
    /// What was there before.
    pub removed: &'a [T],
    /// What is there now.
    pub inserted: &'a [T],
}

impl<T> Clone for Stretch<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Stretch<'_, T> {}

impl<T> Splice<T> {
    fn stretch(&self, way: Way) -> Stretch<'_, T> {
        let (removed, inserted) = match way {
            Way::Redo => (&self.before, &self.after),
            Way::Undo => (&self.after, &self.before),
        };
        Stretch {
            at: self.at,
            removed,
            inserted,
        }
    }
}

/// What a change does to the parts of a session a board is drawn from,
/// so that what is worked out from them can follow it instead of being
/// worked out again.
#[derive(Debug, Clone, PartialEq)]
pub struct Touched<'a> {
    /// The stretches of notes that changed, in the order they are made:
    /// each counts places as the ones before it left the notes.
    pub notes: Vec<Stretch<'a, Note>>,
    /// The stretches of votes that changed, likewise.
    pub votes: Vec<Stretch<'a, Vote>>,
    /// The boards or the phase log changed too, or which clusters there
    /// are or their order (not only what they say).
    pub layout: bool,
}

/// One recorded change to a session, which can be undone and redone.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SessionDiff {
    context: Option<Box<(Context, Context)>>,
    plan: Option<Box<(Option<super::Plan>, Option<super::Plan>)>>,
    updated: Option<(Timestamp, Timestamp)>,
    boards: Option<Edit<Board>>,
    notes: Option<Edit<Note>>,
    clusters: Option<Edit<Cluster>>,
    votes: Option<Edit<Vote>>,
    decisions: Option<Edit<Decision>>,
    actions: Option<Edit<Action>>,
    phase_log: Option<Edit<PhaseEntry>>,
    links: Option<Edit<SessionLink>>,
    meetings: Option<Edit<Meeting>>,
    ratings: Option<Edit<Rating>>,
}

macro_rules! each_list {
    ($m:ident, $diff:expr, $s:expr) => {
        $m!($diff.boards, $s.boards);
        $m!($diff.notes, $s.notes);
        $m!($diff.clusters, $s.clusters);
        $m!($diff.votes, $s.votes);
        $m!($diff.decisions, $s.decisions);
        $m!($diff.actions, $s.actions);
        $m!($diff.phase_log, $s.phase_log);
        $m!($diff.links, $s.links);
        $m!($diff.meetings, $s.meetings);
        $m!($diff.ratings, $s.ratings);
    };
}

impl SessionDiff {
    /// What changed from `old` to `new`; `None` if nothing did.
    pub fn between(old: &Session, new: &Session) -> Option<SessionDiff> {
        let diff = SessionDiff {
            context: (old.context != new.context)
                .then(|| Box::new((old.context.clone(), new.context.clone()))),
            plan: (old.plan != new.plan).then(|| Box::new((old.plan.clone(), new.plan.clone()))),
            updated: (old.updated != new.updated).then_some((old.updated, new.updated)),
            boards: Edit::between(&old.boards, &new.boards),
            notes: Edit::between(&old.notes, &new.notes),
            clusters: Edit::between(&old.clusters, &new.clusters),
            votes: Edit::between(&old.votes, &new.votes),
            decisions: Edit::between(&old.decisions, &new.decisions),
            actions: Edit::between(&old.actions, &new.actions),
            phase_log: Edit::between(&old.phase_log, &new.phase_log),
            links: Edit::between(&old.links, &new.links),
            meetings: Edit::between(&old.meetings, &new.meetings),
            ratings: Edit::between(&old.ratings, &new.ratings),
        };
        (diff != SessionDiff::default()).then_some(diff)
    }

    /// What the change does to notes, votes and the rest a board is drawn
    /// from, made the `way` given.
    pub fn touched(&self, way: Way) -> Touched<'_> {
        Touched {
            notes: self.notes.as_ref().map_or(Vec::new(), |e| e.stretches(way)),
            votes: self.votes.as_ref().map_or(Vec::new(), |e| e.stretches(way)),
            layout: self.boards.is_some()
                || self.phase_log.is_some()
                || self.clusters.as_ref().is_some_and(|e| !e.keeps_ids()),
        }
    }

    /// Turns the session after the change back into the one before it.
    pub fn undo(&self, session: &mut Session) {
        if let Some(pair) = &self.context {
            session.context = pair.0.clone();
        }
        if let Some(pair) = &self.plan {
            session.plan = pair.0.clone();
        }
        if let Some((before, _)) = self.updated {
            session.updated = before;
        }
        macro_rules! revert {
            ($d:expr, $l:expr) => {
                if let Some(splice) = &$d {
                    splice.revert(&mut $l);
                }
            };
        }
        each_list!(revert, self, session);
    }

    /// Makes the change again on the session it was undone on.
    pub fn redo(&self, session: &mut Session) {
        if let Some(pair) = &self.context {
            session.context = pair.1.clone();
        }
        if let Some(pair) = &self.plan {
            session.plan = pair.1.clone();
        }
        if let Some((_, after)) = self.updated {
            session.updated = after;
        }
        macro_rules! reapply {
            ($d:expr, $l:expr) => {
                if let Some(splice) = &$d {
                    splice.reapply(&mut $l);
                }
            };
        }
        each_list!(reapply, self, session);
    }

    /// Roughly how many items the change keeps, to show it stays small.
    #[cfg(test)]
    pub fn weight(&self) -> usize {
        fn len<T: Clone + PartialEq>(e: &Option<Edit<T>>) -> usize {
            e.as_ref().map_or(0, Edit::weight)
        }
        len(&self.boards)
            + len(&self.notes)
            + len(&self.clusters)
            + len(&self.votes)
            + len(&self.decisions)
            + len(&self.actions)
            + len(&self.phase_log)
            + len(&self.links)
            + len(&self.meetings)
            + len(&self.ratings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NewNote;
    use crate::model::testing::{context, method};
    use proptest::prelude::*;

    fn t(s: i64) -> Timestamp {
        Timestamp::from_second(s).unwrap()
    }

    #[test]
    fn editing_one_note_keeps_one_note() {
        let m = method();
        let mut s = Session::new(&m, context("t"), t(0));
        let ids: Vec<_> = (0..50)
            .map(|i| {
                s.add_note(&m, NewNote::new("kritik", &format!("n{i}")), t(1))
                    .unwrap()
            })
            .collect();
        let before = s.clone();
        s.edit_note(ids[20], "ændret", t(2)).unwrap();
        let diff = SessionDiff::between(&before, &s).unwrap();
        assert_eq!(diff.weight(), 2);
        let after = s.clone();
        diff.undo(&mut s);
        assert_eq!(s, before);
        diff.redo(&mut s);
        assert_eq!(s, after);
    }

    #[test]
    fn moving_one_note_keeps_one_note_twice() {
        let m = method();
        let mut s = Session::new(&m, context("t"), t(0));
        let ids: Vec<_> = (0..50)
            .map(|i| {
                s.add_note(&m, NewNote::new("kritik", &format!("n{i}")), t(1))
                    .unwrap()
            })
            .collect();
        let before = s.clone();
        s.move_note(&m, ids[20], "fantasi", None, t(2)).unwrap();
        let diff = SessionDiff::between(&before, &s).unwrap();
        assert_eq!(diff.weight(), 2);
        let after = s.clone();
        diff.undo(&mut s);
        assert_eq!(s, before);
        diff.redo(&mut s);
        assert_eq!(s, after);
    }

    #[test]
    fn no_change_no_diff() {
        let m = method();
        let s = Session::new(&m, context("t"), t(0));
        assert_eq!(SessionDiff::between(&s, &s.clone()), None);
    }

    #[derive(Debug, Clone)]
    enum Op {
        Add(usize, String),
        Edit(usize, String),
        Move(usize, usize),
        Delete(usize),
        Dots(usize, u32),
        Phase(usize),
        Cluster(usize, usize),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0usize..3, "[a-zæøå ]{1,10}").prop_map(|(z, t)| Op::Add(z, t)),
            (0usize..40, "[a-zæøå ]{1,10}").prop_map(|(i, t)| Op::Edit(i, t)),
            (0usize..40, 0usize..3).prop_map(|(i, z)| Op::Move(i, z)),
            (0usize..40).prop_map(Op::Delete),
            (0usize..40, 0u32..5).prop_map(|(i, d)| Op::Dots(i, d)),
            (0usize..5).prop_map(Op::Phase),
            (0usize..40, 0usize..40).prop_map(|(a, b)| Op::Cluster(a, b)),
        ]
    }

    proptest! {
        #[test]
        fn undo_all_then_redo_all_restores_every_state(ops in proptest::collection::vec(op(), 1..40)) {
            let m = method();
            let zones = ["kritik", "fantasi", "virkeliggoerelse"];
            let mut s = Session::new(&m, context("t"), t(0));
            let mut states = vec![s.clone()];
            let mut diffs = Vec::new();
            for (k, op) in ops.into_iter().enumerate() {
                let before = s.clone();
                let now = t(k as i64 + 1);
                let id = |i: usize, s: &Session| s.notes.get(i % s.notes.len().max(1)).map(|n| n.id);
                let _ = match op {
                    Op::Add(z, text) => s.add_note(&m, NewNote::new(zones[z], &text), now).map(|_| ()),
                    Op::Edit(i, text) => match id(i, &s) { Some(n) => s.edit_note(n, &text, now), None => Ok(()) },
                    Op::Move(i, z) => match id(i, &s) { Some(n) => s.move_note(&m, n, zones[z], None, now), None => Ok(()) },
                    Op::Delete(i) => match id(i, &s) { Some(n) => s.delete_note(n, now).map(|_| ()), None => Ok(()) },
                    Op::Dots(i, d) => match id(i, &s) { Some(n) => s.set_dots(n, d, None, now), None => Ok(()) },
                    Op::Phase(p) => s.start_phase(&m, &m.phases[p].id.clone(), now),
                    Op::Cluster(a, b) => match (id(a, &s), id(b, &s)) {
                        (Some(x), Some(y)) if s.note(x).unwrap().zone == s.note(y).unwrap().zone => s.cluster_notes(&[x, y], "k", now).map(|_| ()),
                        _ => Ok(()),
                    },
                };
                if let Some(d) = SessionDiff::between(&before, &s) {
                    diffs.push(d);
                    states.push(s.clone());
                }
            }
            for (i, d) in diffs.iter().enumerate().rev() {
                d.undo(&mut s);
                prop_assert_eq!(&s, &states[i]);
            }
            for (i, d) in diffs.iter().enumerate() {
                d.redo(&mut s);
                prop_assert_eq!(&s, &states[i + 1]);
            }
        }
    }
}
