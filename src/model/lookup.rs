//! What reading a whole session looks up note by note, worked out in one
//! pass: `show` and every export ask per note for its dots, the notes
//! attached to it and the notes of its zone, and asking the session each
//! time would scan every vote or note once per note (a 100,000-note session
//! then takes a minute instead of a fraction of a second).

use std::collections::{HashMap, HashSet};

use uuid::Uuid;

use super::ops_outcome::rank;
use super::{Cluster, LinkKind, Note, Rank, Session};

/// The session's notes, dots and groupings, indexed once.
#[derive(Debug, Clone, Default)]
pub struct Lookup<'a> {
    notes: HashMap<Uuid, &'a Note>,
    /// Dots and tie-break votes per note that has any.
    tallies: HashMap<Uuid, (u32, u32)>,
    attached: HashMap<Uuid, Vec<&'a Note>>,
    onward: HashMap<Uuid, &'a Note>,
    /// Per board, per zone.
    zones: HashMap<Uuid, HashMap<&'a str, Vec<&'a Note>>>,
    /// Per board, per zone.
    clusters: HashMap<Uuid, HashMap<&'a str, Vec<&'a Cluster>>>,
    zone_order: Vec<&'a str>,
}

impl<'a> Lookup<'a> {
    /// Indexes `s` in one pass over its notes, votes and clusters.
    pub fn new(s: &'a Session) -> Lookup<'a> {
        // Sized up front: growing a table of 100,000 notes rehashes it
        // several times, each time touching all of it.
        let mut l = Lookup {
            notes: HashMap::with_capacity(s.notes.len()),
            tallies: HashMap::with_capacity(s.votes.len()),
            ..Lookup::default()
        };
        let mut seen: HashSet<&str> = HashSet::new();
        for n in &s.notes {
            l.notes.entry(n.id).or_insert(n);
            if seen.insert(n.zone.as_str()) {
                l.zone_order.push(n.zone.as_str());
            }
            l.zones
                .entry(n.board)
                .or_default()
                .entry(n.zone.as_str())
                .or_default()
                .push(n);
            for link in n.links.iter().filter(|l| l.session.is_none()) {
                match link.kind {
                    LinkKind::AttachedTo => {
                        let under = l.attached.entry(link.note).or_default();
                        // Twice attached to one step is shown once.
                        if under.last().is_none_or(|last| last.id != n.id) {
                            under.push(n);
                        }
                    }
                    LinkKind::CarriedFrom => {
                        l.onward.entry(link.note).or_insert(n);
                    }
                    _ => {}
                }
            }
        }
        for v in &s.votes {
            let t = l.tallies.entry(v.note).or_default();
            if v.tie_break {
                t.1 += v.dots;
            } else {
                t.0 += v.dots;
            }
        }
        for c in &s.clusters {
            l.clusters
                .entry(c.board)
                .or_default()
                .entry(c.zone.as_str())
                .or_default()
                .push(c);
        }
        l
    }

    /// The note with this id (the first, should a hand-edited file hold
    /// two), as [`Session::note`] finds it.
    pub fn note(&self, id: Uuid) -> Option<&'a Note> {
        self.notes.get(&id).copied()
    }

    /// A note's dots, tie-break votes left out, as [`Session::dots`].
    pub fn dots(&self, note: Uuid) -> u32 {
        self.tallies.get(&note).map_or(0, |t| t.0)
    }

    /// The notes attached to `step`, in board order, as
    /// [`Session::attached_to`].
    pub fn attached_to(&self, step: Uuid) -> &[&'a Note] {
        self.attached.get(&step).map_or(&[], Vec::as_slice)
    }

    /// The copy of `id` chosen to go on, as [`Session::onward_copy`].
    pub fn onward_copy(&self, id: Uuid) -> Option<&'a Note> {
        self.onward.get(&id).copied()
    }

    /// The notes of one zone on one board, in board order, as
    /// [`Session::notes_in`].
    pub fn notes_in(&self, board: Uuid, zone: &str) -> &[&'a Note] {
        self.zones
            .get(&board)
            .and_then(|z| z.get(zone))
            .map_or(&[], Vec::as_slice)
    }

    /// The clusters of one zone on one board, in the order they were made.
    pub fn clusters_in(&self, board: Uuid, zone: &str) -> &[&'a Cluster] {
        self.clusters
            .get(&board)
            .and_then(|z| z.get(zone))
            .map_or(&[], Vec::as_slice)
    }

    /// Every zone a note is in, in the order notes first appear there.
    pub fn note_zones(&self) -> &[&'a str] {
        &self.zone_order
    }

    /// The notes among `candidates` with dots, as [`Session::ranking`].
    pub fn ranking<'b>(&self, candidates: impl IntoIterator<Item = &'b Uuid>) -> Vec<Rank> {
        rank(&self.tallies, candidates)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{context, method};
    use crate::model::{NewNote, NoteLink};
    use jiff::Timestamp;

    fn session() -> (Session, Vec<Uuid>) {
        let m = method();
        let t = Timestamp::UNIX_EPOCH;
        let mut s = Session::new(&m, context("Lookup"), t);
        let ids: Vec<Uuid> = ["a", "b", "c", "d"]
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let zone = if i < 3 { "kritik" } else { "fantasi" };
                s.add_note(&m, NewNote::new(zone, text), t).expect("valid")
            })
            .collect();
        s.set_dots(ids[0], 2, Some("A"), t).expect("valid");
        s.set_dots(ids[0], 1, Some("B"), t).expect("valid");
        s.set_dots(ids[1], 3, None, t).expect("valid");
        s.votes.push(crate::model::Vote {
            tie_break: true,
            ..s.votes[0].clone()
        });
        s.cluster_notes(&[ids[1], ids[2]], "Tema", t)
            .expect("valid");
        let attach = |to: Uuid| NoteLink {
            kind: LinkKind::AttachedTo,
            note: to,
            session: None,
        };
        s.notes[3].links = vec![attach(ids[0]), attach(ids[0]), attach(ids[1])];
        s.notes[2].links = vec![NoteLink {
            kind: LinkKind::CarriedFrom,
            note: ids[0],
            session: None,
        }];
        (s, ids)
    }

    #[test]
    fn agrees_with_the_session_note_by_note() {
        let (s, ids) = session();
        let l = Lookup::new(&s);
        let board = s.boards[0].id;
        for id in &ids {
            assert_eq!(l.dots(*id), s.dots(*id));
            assert_eq!(l.note(*id).map(|n| n.id), s.note(*id).ok().map(|n| n.id));
            let attached: Vec<Uuid> = l.attached_to(*id).iter().map(|n| n.id).collect();
            let scanned: Vec<Uuid> = s.attached_to(*id).map(|n| n.id).collect();
            assert_eq!(attached, scanned);
            assert_eq!(
                l.onward_copy(*id).map(|n| n.id),
                s.onward_copy(*id).map(|n| n.id)
            );
        }
        assert_eq!(l.dots(ids[0]), 3, "the tie-break vote is left out");
        assert_eq!(l.attached_to(ids[0]).len(), 1, "twice attached shows once");
        for zone in ["kritik", "fantasi", "virkeliggoerelse"] {
            let mine: Vec<Uuid> = l.notes_in(board, zone).iter().map(|n| n.id).collect();
            let scanned: Vec<Uuid> = s.notes_in(board, zone).map(|n| n.id).collect();
            assert_eq!(mine, scanned);
        }
        assert_eq!(l.clusters_in(board, "kritik").len(), 1);
        assert!(l.clusters_in(board, "fantasi").is_empty());
        assert_eq!(l.note_zones(), ["kritik", "fantasi"]);
        assert_eq!(l.ranking(&ids), s.ranking(&ids));
        assert_eq!(l.ranking(&ids)[0].tie_break, 2);
    }

    #[test]
    fn an_empty_session_has_nothing() {
        let s = Session::new(&method(), context("Tom"), Timestamp::UNIX_EPOCH);
        let l = Lookup::new(&s);
        let id = Uuid::nil();
        assert_eq!(l.dots(id), 0);
        assert!(l.note(id).is_none() && l.attached_to(id).is_empty());
        assert!(l.notes_in(s.boards[0].id, "kritik").is_empty());
        assert!(l.ranking(&[id]).is_empty());
    }
}
