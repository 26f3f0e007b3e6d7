//! The zone index following a change instead of being worked out again
//! from every note: a note added, edited, moved or deleted, dots given or
//! taken. Only changes to notes that neither link nor are linked to are
//! followed, on boards without trees, with clusters, boards and phases
//! untouched; anything else is left to [`ZoneIndex::build`]. Followed or
//! built, the index comes out the same.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use uuid::Uuid;

use super::index::{NoteMarks, ZoneIndex, number, zone_of};
use crate::methods::Method;
use crate::model::{Note, Session, Stretch, Touched, Vote};

/// Where the notes that stayed moved to: the stretch `gone` was replaced
/// by `came` notes.
#[derive(Debug, Clone)]
struct Shift {
    gone: Range<usize>,
    came: usize,
}

impl Shift {
    fn of(notes: &Stretch<'_, Note>) -> Shift {
        Shift {
            gone: notes.at..notes.at + notes.removed.len(),
            came: notes.inserted.len(),
        }
    }

    /// Where a note that stayed is now; none for one in the stretch.
    fn apply(&self, p: usize) -> Option<usize> {
        if p < self.gone.start {
            Some(p)
        } else if p < self.gone.end {
            None
        } else {
            Some(p - self.gone.len() + self.came)
        }
    }

    /// Drops the notes of the stretch from a list of positions and moves
    /// the rest to where they are now, keeping their order.
    fn positions(&self, list: &mut Vec<usize>) {
        if self.gone.is_empty() && self.came == 0 {
            return;
        }
        list.retain_mut(|p| match self.apply(*p) {
            Some(now) => {
                *p = now;
                true
            }
            None => false,
        });
    }
}

/// Each note's place among its zone's notes: its cluster's rank, looked
/// up only for notes in a cluster.
struct Ranks<'a> {
    session: &'a Session,
    clusters: Option<HashMap<Uuid, usize>>,
}

impl Ranks<'_> {
    fn key(&mut self, i: usize) -> (usize, usize) {
        let Some(cluster) = self.session.notes[i].cluster else {
            return (usize::MAX, i);
        };
        let session = self.session;
        let clusters = self.clusters.get_or_insert_with(|| {
            session
                .clusters
                .iter()
                .enumerate()
                .map(|(r, c)| (c.id, r))
                .collect()
        });
        (clusters.get(&cluster).copied().unwrap_or(usize::MAX), i)
    }
}

impl ZoneIndex {
    /// Makes the index of `board` follow `touched`, a change already made
    /// to `session`. Gives back false, with the index as it was, for a
    /// change it cannot follow: the index must then be built again.
    pub fn follow(
        &mut self,
        session: &Session,
        method: &Method,
        board: Uuid,
        touched: &Touched<'_>,
    ) -> bool {
        if board != self.board || !self.can_follow(session, method, touched) {
            return false;
        }
        let closed = session.closed_zones(method);
        // Dots of the notes that went, for those that come back.
        let mut had: HashMap<Uuid, u32> = HashMap::new();
        // Notes new to the session, counted from every vote at the end.
        let mut new: HashSet<Uuid> = HashSet::new();
        // Where the notes that came are, as the stretches leave them.
        let mut came: Vec<usize> = Vec::new();
        for notes in &touched.notes {
            let shift = Shift::of(notes);
            shift.positions(&mut came);
            for list in &mut self.zones {
                shift.positions(list);
            }
            shift.positions(&mut self.unplaced);
            if shift.gone.len() != shift.came {
                self.attached = std::mem::take(&mut self.attached)
                    .into_iter()
                    .filter_map(|(step, mut from)| {
                        shift.positions(&mut from);
                        Some((shift.apply(step)?, from))
                    })
                    .collect();
            }
            had.extend(
                notes
                    .removed
                    .iter()
                    .zip(&self.dots[notes.at..])
                    .map(|(n, d)| (n.id, *d)),
            );
            let dots: Vec<u32> = notes
                .inserted
                .iter()
                .map(|n| {
                    had.get(&n.id).copied().unwrap_or_else(|| {
                        new.insert(n.id);
                        0
                    })
                })
                .collect();
            self.dots.splice(shift.gone.clone(), dots);
            let marks = notes.inserted.iter().map(|n| NoteMarks {
                set_aside: closed.contains(&n.zone),
                ..NoteMarks::default()
            });
            self.marks.splice(shift.gone.clone(), marks);
            came.extend(notes.at..notes.at + shift.came);
        }
        let zone_of = zone_of(method);
        self.place(session, &zone_of, board, &came);
        self.count_dots(session, &came, &new, &touched.votes);
        number(&mut self.marks, method, &self.zones, &zone_of);
        self.tree_cache = Default::default();
        true
    }

    /// The change touches only notes whose marks depend on nothing but
    /// themselves, and the index is the one of the session before it.
    fn can_follow(&self, session: &Session, method: &Method, touched: &Touched<'_>) -> bool {
        let alone = |n: &Note| n.links.is_empty() && !self.linked.contains(&n.id);
        let notes_alone =
            (touched.notes.iter()).all(|s| s.removed.iter().chain(s.inserted).all(alone));
        // Each stretch fits the notes as the ones before it left them.
        let mut len = Some(self.dots.len());
        for s in &touched.notes {
            len = len
                .filter(|l| s.at + s.removed.len() <= *l)
                .map(|l| l - s.removed.len() + s.inserted.len());
        }
        !touched.layout
            && self.trees.is_empty()
            && method.trees().is_empty()
            && self.zones.len() == method.zones.len()
            && self.marks.len() == self.dots.len()
            && len == Some(session.notes.len())
            && notes_alone
    }

    /// Puts the notes that came, at their places in the session now, in
    /// their zones where a build would.
    fn place(
        &mut self,
        session: &Session,
        zone_of: &HashMap<&str, usize>,
        board: Uuid,
        came: &[usize],
    ) {
        let mut ranks = Ranks {
            session,
            clusters: None,
        };
        for p in came {
            let Some(note) = session.notes.get(*p) else {
                continue;
            };
            if note.board != board || (self.hide_private && note.private) {
                continue;
            }
            match zone_of.get(note.zone.as_str()) {
                Some(z) => {
                    let list = &mut self.zones[*z];
                    let key = ranks.key(*p);
                    // A note added goes last, most often: no search.
                    match list.last() {
                        Some(last) if ranks.key(*last) > key => {
                            let place = list.partition_point(|i| ranks.key(*i) < key);
                            list.insert(place, *p);
                        }
                        _ => list.push(*p),
                    }
                }
                None => {
                    let place = self.unplaced.partition_point(|i| i < p);
                    self.unplaced.insert(place, *p);
                }
            }
        }
    }

    /// Dots of the notes new to the session, and of those whose votes
    /// changed.
    fn count_dots(
        &mut self,
        session: &Session,
        came: &[usize],
        new: &HashSet<Uuid>,
        votes: &[Stretch<'_, Vote>],
    ) {
        let new: HashMap<Uuid, usize> = came
            .iter()
            .filter_map(|p| Some((session.notes.get(*p)?.id, *p)))
            .filter(|(id, _)| new.contains(id))
            .collect();
        if !new.is_empty() {
            for vote in &session.votes {
                if let Some(p) = new.get(&vote.note) {
                    self.dots[*p] += vote.dots;
                }
            }
        }
        let mut position: HashMap<Uuid, Option<usize>> = HashMap::new();
        let changed = votes.iter().flat_map(|s| {
            (s.removed.iter().map(|v| (v, false))).chain(s.inserted.iter().map(|v| (v, true)))
        });
        for (vote, given) in changed {
            if new.contains_key(&vote.note) {
                continue;
            }
            let at = *position
                .entry(vote.note)
                .or_insert_with(|| session.notes.iter().position(|n| n.id == vote.note));
            if let Some(d) = at.and_then(|p| self.dots.get_mut(p)) {
                *d = if given {
                    *d + vote.dots
                } else {
                    d.saturating_sub(vote.dots)
                };
            }
        }
    }
}
