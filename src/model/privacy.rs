//! Private means private, also for what is made from a private note.
//!
//! The rule: a decision, an action, a cluster, a mirrored or onward copy
//! made from a private note is private too, and stays so until the
//! facilitator, having seen its words, makes that one item public. Marking
//! a note private later makes what was made from it private as well.

use std::collections::{HashMap, HashSet};

use jiff::Timestamp;
use uuid::Uuid;

use super::{LinkKind, ModelError, Session};

/// Something in a session that can be private on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Item {
    /// A sticky note.
    Note(Uuid),
    /// A cluster, whose title may carry a note's words.
    Cluster(Uuid),
    /// A decision.
    Decision(Uuid),
    /// A follow-up action.
    Action(Uuid),
}

impl Session {
    /// Marks a note private, or public again. Marking it private makes
    /// everything made from it private too (see the module's rule) and
    /// returns how many such items changed; making it public again leaves
    /// them as they are, since each must be made public on its own.
    pub fn set_private(
        &mut self,
        id: Uuid,
        private: bool,
        now: Timestamp,
    ) -> Result<usize, ModelError> {
        let note = self.note_mut(id)?;
        note.private = private;
        note.updated = now;
        self.updated = now;
        if !private {
            return Ok(0);
        }
        Ok(self.spread_privacy(&[id], Some(now)))
    }

    /// Makes private every note of this session carried from another
    /// session whose origin is private there: the note it names is one of
    /// `private_notes`, or its words are exactly those of one of
    /// `private_texts` (the origin may have been a copy that is gone now).
    /// What was made from those copies here goes private too. An export
    /// does this with the sessions it can read, so that a note made
    /// private after it was carried on never leaves through the copy.
    /// Returns how many items changed.
    pub fn hide_private_origins(
        &mut self,
        private_notes: &HashSet<Uuid>,
        private_texts: &HashSet<String>,
        now: Timestamp,
    ) -> usize {
        if private_notes.is_empty() {
            return 0;
        }
        let seeds: Vec<Uuid> = self
            .notes
            .iter()
            .filter(|n| {
                let carried: Vec<_> = n
                    .links
                    .iter()
                    .filter(|l| {
                        l.kind == LinkKind::CarriedFrom && l.session.is_some_and(|s| s != self.id)
                    })
                    .collect();
                !carried.is_empty()
                    && (carried.iter().any(|l| private_notes.contains(&l.note))
                        || private_texts.contains(&n.text))
            })
            .map(|n| n.id)
            .collect();
        self.spread_privacy(&seeds, Some(now))
    }

    /// Makes one item private, or public again. A note goes through
    /// [`Session::set_private`]; any other item changes alone.
    pub fn set_item_private(
        &mut self,
        item: Item,
        private: bool,
        now: Timestamp,
    ) -> Result<usize, ModelError> {
        let flag = match item {
            Item::Note(id) => return self.set_private(id, private, now),
            Item::Cluster(id) => {
                let c = self
                    .clusters
                    .iter_mut()
                    .find(|c| c.id == id)
                    .ok_or(ModelError::UnknownCluster(id))?;
                c.updated = now;
                &mut c.private
            }
            Item::Decision(id) => {
                let d = self
                    .decisions
                    .iter_mut()
                    .find(|d| d.id == id)
                    .ok_or(ModelError::UnknownDecision(id))?;
                d.updated = now;
                &mut d.private
            }
            Item::Action(id) => {
                let a = self
                    .actions
                    .iter_mut()
                    .find(|a| a.id == id)
                    .ok_or(ModelError::UnknownAction(id))?;
                a.updated = now;
                &mut a.private
            }
        };
        *flag = private;
        self.updated = now;
        Ok(0)
    }

    /// Whether `item` is private.
    pub fn is_private(&self, item: Item) -> bool {
        match item {
            Item::Note(id) => self.notes.iter().any(|n| n.id == id && n.private),
            Item::Cluster(id) => self.clusters.iter().any(|c| c.id == id && c.private),
            Item::Decision(id) => self.decisions.iter().any(|d| d.id == id && d.private),
            Item::Action(id) => self.actions.iter().any(|a| a.id == id && a.private),
        }
    }

    /// Whether any of `notes` is private: what is made from them is then
    /// private too.
    pub fn any_private(&self, notes: &[Uuid]) -> bool {
        let wanted: HashSet<&Uuid> = notes.iter().collect();
        self.notes
            .iter()
            .any(|n| n.private && wanted.contains(&n.id))
    }

    /// Makes private everything made from the notes `seeds`, as a merge
    /// must after joining two copies; the times of change stay, so that
    /// the result does not depend on the order of merging.
    pub(crate) fn spread_privacy_from(&mut self, seeds: &[Uuid]) {
        self.spread_privacy(seeds, None);
    }

    /// Makes private the notes `seeds` and everything made from them:
    /// copies in this session (mirrored, chosen onward), and, for each of
    /// those, its cluster, the decisions taken from it and the actions from
    /// those or from it. Returns how many items changed, besides the seeds
    /// that were private already.
    fn spread_privacy(&mut self, seeds: &[Uuid], now: Option<Timestamp>) -> usize {
        let mut copies: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        for n in &self.notes {
            for l in &n.links {
                if l.session.is_none()
                    && matches!(l.kind, LinkKind::Mirrors | LinkKind::CarriedFrom)
                {
                    copies.entry(l.note).or_default().push(n.id);
                }
            }
            // A note on a copied board (canvas copy) carries its words too.
            if let Some(o) = n.copied_from {
                copies.entry(o).or_default().push(n.id);
            }
        }
        let mut reached: HashSet<Uuid> = seeds.iter().copied().collect();
        let mut todo = seeds.to_vec();
        while let Some(n) = todo.pop() {
            for copy in copies.get(&n).into_iter().flatten() {
                if reached.insert(*copy) {
                    todo.push(*copy);
                }
            }
        }
        let mut changed = 0;
        let mut clusters: HashSet<Uuid> = HashSet::new();
        for note in self.notes.iter_mut().filter(|n| reached.contains(&n.id)) {
            if !note.private {
                note.private = true;
                if let Some(now) = now {
                    note.updated = now;
                }
                changed += 1;
            }
            clusters.extend(note.cluster);
        }
        let from_reached = |c: &crate::model::Cluster| c.from.iter().any(|n| reached.contains(n));
        for c in self
            .clusters
            .iter_mut()
            .filter(|c| clusters.contains(&c.id) || from_reached(c))
        {
            if !c.private {
                c.private = true;
                if let Some(now) = now {
                    c.updated = now;
                }
                changed += 1;
            }
        }
        let mut decisions: HashSet<Uuid> = HashSet::new();
        for d in &mut self.decisions {
            if d.notes.iter().any(|n| reached.contains(n)) {
                decisions.insert(d.id);
                if !d.private {
                    d.private = true;
                    if let Some(now) = now {
                        d.updated = now;
                    }
                    changed += 1;
                }
            }
        }
        for a in &mut self.actions {
            let from_note = a.note.is_some_and(|n| reached.contains(&n));
            let from_decision = a.decision.is_some_and(|d| decisions.contains(&d));
            if (from_note || from_decision) && !a.private {
                a.private = true;
                if let Some(now) = now {
                    a.updated = now;
                }
                changed += 1;
            }
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NewNote;
    use crate::model::testing::{context, method};

    fn t(s: i64) -> Timestamp {
        Timestamp::from_second(s).unwrap()
    }

    #[test]
    fn what_is_made_from_a_private_note_is_private() {
        let m = method();
        let mut s = Session::new(&m, context("t"), t(0));
        let open = s
            .add_note(&m, NewNote::new("kritik", "synlig"), t(1))
            .unwrap();
        let secret = s
            .add_note(
                &m,
                NewNote {
                    private: true,
                    ..NewNote::new("kritik", "hemmelig")
                },
                t(1),
            )
            .unwrap();
        let c = s
            .cluster_notes(&[open, secret], "hemmelig tema", t(2))
            .unwrap();
        let d = s.add_decision("hemmelig", &[open, secret], t(3)).unwrap();
        let a = s
            .add_action("gør det hemmelige", None, Some(d), t(4))
            .unwrap();
        let b = s.add_action("hemmelig", Some(secret), None, t(4)).unwrap();
        let plain = s.add_decision("synlig", &[open], t(5)).unwrap();
        for item in [
            Item::Cluster(c),
            Item::Decision(d),
            Item::Action(a),
            Item::Action(b),
        ] {
            assert!(s.is_private(item), "{item:?}");
        }
        assert!(!s.is_private(Item::Decision(plain)));
        s.set_item_private(Item::Decision(d), false, t(6)).unwrap();
        assert!(!s.is_private(Item::Decision(d)), "made public on purpose");
        assert!(s.is_private(Item::Action(a)), "its action is still private");
    }

    #[test]
    fn marking_a_note_private_later_reaches_what_was_made_from_it() {
        let m = method();
        let mut s = Session::new(&m, context("t"), t(0));
        let n = s.add_note(&m, NewNote::new("kritik", "ord"), t(1)).unwrap();
        let other = s
            .add_note(&m, NewNote::new("kritik", "andet"), t(1))
            .unwrap();
        let c = s.cluster_notes(&[n], "ord", t(2)).unwrap();
        let d = s.add_decision("ord", &[n], t(3)).unwrap();
        let a = s.add_action("ord", None, Some(d), t(3)).unwrap();
        let untouched = s.add_decision("andet", &[other], t(3)).unwrap();
        assert_eq!(s.set_private(n, true, t(4)).unwrap(), 3);
        assert!(s.is_private(Item::Cluster(c)));
        assert!(s.is_private(Item::Decision(d)));
        assert!(s.is_private(Item::Action(a)));
        assert!(!s.is_private(Item::Decision(untouched)));
        assert_eq!(s.set_private(n, false, t(5)).unwrap(), 0);
        assert!(
            s.is_private(Item::Decision(d)),
            "derived items stay private"
        );
    }

    #[test]
    fn a_copy_taken_back_hands_what_was_made_from_it_to_its_original() {
        // Found by the export property test: an action and a cluster made
        // from an onward copy, the copy taken back, the original made
        // private. The action and the cluster carry the original's words.
        let m = method();
        let mut s = Session::new(&m, context("t"), t(0));
        let n = s.add_note(&m, NewNote::new("kritik", "ord"), t(1)).unwrap();
        let other = s
            .add_note(&m, NewNote::new("fantasi", "andet"), t(1))
            .unwrap();
        let copy = s.choose_onward(&m, n, "fantasi", t(2)).unwrap().unwrap();
        let a = s.add_action("ord", Some(copy), None, t(3)).unwrap();
        let d = s.add_decision("ord", &[copy], t(3)).unwrap();
        let c = s.cluster_notes(&[copy, other], "ord", t(3)).unwrap();
        assert_eq!(s.choose_onward(&m, n, "fantasi", t(4)).unwrap(), None);
        assert_eq!(s.action(a).unwrap().note, Some(n), "handed to the original");
        s.set_private(n, true, t(5)).unwrap();
        for item in [Item::Action(a), Item::Decision(d), Item::Cluster(c)] {
            assert!(s.is_private(item), "{item:?}");
        }
        assert!(
            s.inconsistencies(&m).is_empty(),
            "{:?}",
            s.inconsistencies(&m)
        );
    }

    #[test]
    fn a_canvas_copy_and_a_cluster_a_private_note_joins_are_private_too() {
        let m = method();
        let mut s = Session::new(&m, context("t"), t(0));
        let n = s.add_note(&m, NewNote::new("kritik", "ord"), t(1)).unwrap();
        let other = s
            .add_note(&m, NewNote::new("kritik", "andet"), t(1))
            .unwrap();
        let board = s.boards[0].id;
        s.copy_board(board, "kopi", t(2)).unwrap();
        let copy = s
            .notes
            .iter()
            .find(|c| c.copied_from == Some(n))
            .unwrap()
            .id;
        let d = s.add_decision("ord", &[copy], t(3)).unwrap();
        s.set_private(n, true, t(4)).unwrap();
        assert!(s.is_private(Item::Note(copy)), "the canvas copy");
        assert!(s.is_private(Item::Decision(d)), "what was made from it");

        let c = s.cluster_notes(&[other], "tema", t(5)).unwrap();
        assert!(!s.is_private(Item::Cluster(c)));
        s.set_cluster(n, Some(c), t(6)).unwrap();
        assert!(s.is_private(Item::Cluster(c)), "a private note joined it");
    }
}
