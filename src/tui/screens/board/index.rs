//! What the board shows of the session, worked out once per change so that
//! drawing a frame never scans the whole session: the notes of each zone
//! in board order (clusters together), their dots, and the marks they
//! carry.

use std::collections::{HashMap, HashSet};

use uuid::Uuid;

use crate::methods::Method;
use crate::model::{LinkKind, Session, Tree};

/// What a note shows besides its words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NoteMarks {
    /// It was chosen to go on into a later zone.
    pub onward: bool,
    /// Its converging phase has come and it was not chosen.
    pub set_aside: bool,
    /// A mirrored card that still has its problem wording.
    pub rewrite: bool,
    /// Its number in a zone other notes attach to (steps of change).
    pub number: Option<usize>,
}

/// The notes of the shown board, zone by zone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ZoneIndex {
    /// The board shown.
    pub board: Uuid,
    /// Per zone of the method, the positions of its notes in
    /// `session.notes`: clusters first, in the order they were made, each
    /// with its notes in board order, then the notes in no cluster.
    pub zones: Vec<Vec<usize>>,
    /// Dots per note, by position in `session.notes`.
    pub dots: Vec<u32>,
    /// Marks per note, by position in `session.notes`.
    pub marks: Vec<NoteMarks>,
    /// Per note (by position), the positions of the notes attached to it.
    pub attached: HashMap<usize, Vec<usize>>,
    /// The method's trees on this board (problem, then solution).
    pub trees: Vec<Tree>,
    /// Private things are left out (the projector view): private notes,
    /// and the titles of private clusters.
    pub hide_private: bool,
    /// What a tree's layout worked out about its cards (rows per width,
    /// places in the zone), kept until the index is rebuilt, since a
    /// tree's layout measures every card.
    pub tree_cache: super::tree_cards::TreeCache,
    /// The positions of the notes in a zone the method does not have (a
    /// method file changed since): shown apart, never hidden.
    pub unplaced: Vec<usize>,
    /// The notes some note of the session links to: a change to one of
    /// them, or to a note with links, can change other notes' marks.
    pub linked: HashSet<Uuid>,
}

impl ZoneIndex {
    /// Works out the index of `board`, leaving private notes out when they
    /// must not be shown.
    pub fn build(session: &Session, method: &Method, board: Uuid, hide_private: bool) -> ZoneIndex {
        let zone_of = zone_of(method);
        let position: HashMap<Uuid, usize> = session
            .notes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id, i))
            .collect();
        let cluster_rank: HashMap<Uuid, usize> = session
            .clusters
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, i))
            .collect();
        let mut zones = vec![Vec::new(); method.zones.len()];
        let mut unplaced = Vec::new();
        for (i, note) in session.notes.iter().enumerate() {
            if note.board != board || (hide_private && note.private) {
                continue;
            }
            match zone_of.get(note.zone.as_str()) {
                Some(z) => zones[*z].push(i),
                None => unplaced.push(i),
            }
        }
        // Each key once per note: a lookup per comparison costs more than
        // the rest of the index on a big board.
        for list in &mut zones {
            list.sort_by_cached_key(|i| {
                session.notes[*i]
                    .cluster
                    .and_then(|c| cluster_rank.get(&c).copied())
                    .unwrap_or(usize::MAX)
            });
        }
        let trees: Vec<Tree> = method
            .trees()
            .iter()
            .map(|t| session.tree(t, board))
            .collect();
        // In a tree, a zone's notes go branch by branch, each card before
        // the cards that hang from it.
        for (zones_of_tree, tree) in method.trees().iter().zip(&trees) {
            for (zone, branches) in [
                (&zones_of_tree.roots, &tree.roots),
                (&zones_of_tree.crown, &tree.crown),
            ] {
                let Some(z) = zone_of.get(zone.as_str()) else {
                    continue;
                };
                let order: HashMap<Uuid, usize> = branches
                    .iter()
                    .flat_map(|b| b.flatten().iter().copied())
                    .enumerate()
                    .map(|(rank, (id, _))| (id, rank))
                    .collect();
                zones[*z].sort_by_cached_key(|i| order.get(&session.notes[*i].id).copied());
            }
        }
        let mut dots = vec![0; session.notes.len()];
        for vote in &session.votes {
            if let Some(i) = position.get(&vote.note) {
                dots[*i] += vote.dots;
            }
        }
        let marks = marks(session, method, &zones, &zone_of);
        let mut attached: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, note) in session.notes.iter().enumerate() {
            if note.board != board || (hide_private && note.private) {
                continue;
            }
            for link in note
                .links
                .iter()
                .filter(|l| l.kind == LinkKind::AttachedTo && l.session.is_none())
            {
                if let Some(step) = position.get(&link.note) {
                    attached.entry(*step).or_default().push(i);
                }
            }
        }
        let linked = session.linked_notes();
        ZoneIndex {
            board,
            zones,
            dots,
            marks,
            attached,
            trees,
            hide_private,
            unplaced,
            linked,
            tree_cache: Default::default(),
        }
    }
}

/// Each zone of the method by its id, to its position.
pub(super) fn zone_of(method: &Method) -> HashMap<&str, usize> {
    method
        .zones
        .iter()
        .enumerate()
        .map(|(i, z)| (z.id.as_str(), i))
        .collect()
}

fn marks(
    session: &Session,
    method: &Method,
    zones: &[Vec<usize>],
    zone_of: &HashMap<&str, usize>,
) -> Vec<NoteMarks> {
    let found = session.marks(method);
    let mut out: Vec<NoteMarks> = session
        .notes
        .iter()
        .map(|n| NoteMarks {
            onward: found.onward.contains(&n.id),
            set_aside: found.set_aside.contains(&n.id),
            rewrite: found.rewrite.contains(&n.id),
            number: None,
        })
        .collect();
    number(&mut out, method, zones, zone_of);
    out
}

/// Numbers the notes of each zone other notes attach to, in board order.
pub(super) fn number(
    marks: &mut [NoteMarks],
    method: &Method,
    zones: &[Vec<usize>],
    zone_of: &HashMap<&str, usize>,
) {
    let numbered: HashSet<&str> = method
        .zones
        .iter()
        .filter_map(|z| z.attaches_to.as_deref())
        .collect();
    for zone in numbered {
        if let Some(z) = zone_of.get(zone) {
            for (n, i) in zones[*z].iter().enumerate() {
                marks[*i].number = Some(n + 1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methods::MethodLibrary;
    use crate::model::NewNote;
    use crate::model::testing::context;

    #[test]
    fn notes_in_a_zone_the_method_lacks_are_unplaced_not_lost() {
        let m = MethodLibrary::builtin()
            .get("fremtidsvaerksted")
            .cloned()
            .unwrap();
        let t = jiff::Timestamp::UNIX_EPOCH;
        let mut s = Session::new(&m, context("t"), t);
        let kept = s.add_note(&m, NewNote::new("kritik", "bliver"), t).unwrap();
        let gone = s.add_note(&m, NewNote::new("kritik", "væk"), t).unwrap();
        let private = s.add_note(&m, NewNote::new("kritik", "privat"), t).unwrap();
        for n in &mut s.notes {
            if n.id == gone || n.id == private {
                n.zone = "gammel-zone".into();
            }
            n.private = n.id == private;
        }
        let board = s.boards[0].id;
        let index = ZoneIndex::build(&s, &m, board, false);
        let position = |id| s.notes.iter().position(|n| n.id == id).unwrap();
        assert_eq!(index.zones[0], vec![position(kept)]);
        assert_eq!(index.unplaced, vec![position(gone), position(private)]);
        let projected = ZoneIndex::build(&s, &m, board, true);
        assert_eq!(projected.unplaced, vec![position(gone)]);
    }
}
