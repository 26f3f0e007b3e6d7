//! The problem and solution tree as a tree: which card hangs under which.
//!
//! A `causes` link runs from a cause to what it causes. In the roots a card
//! hangs under the card it causes; in the crown a card hangs over the card
//! that causes it. The same links give the solution tree its shape, since
//! mirroring copies them.

use std::collections::{HashMap, HashSet};

use jiff::Timestamp;
use uuid::Uuid;

use super::{LinkKind, ModelError, Note, NoteLink, Session};
use crate::methods::{Method, TreePart, TreeZones};

/// A top-level card and every card that hangs from it, kept flat so that a
/// tree of any depth is built, walked, copied and dropped without
/// recursion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Branch {
    /// The cards, each before the cards that hang from it (depth first),
    /// with its depth: 0 for the top card, 1 for the cards under it, …
    pub cards: Vec<(Uuid, usize)>,
}

impl Branch {
    /// The top card.
    pub fn note(&self) -> Uuid {
        self.cards.first().map_or(Uuid::nil(), |(id, _)| *id)
    }

    /// This card and every card below it, depth first.
    pub fn flatten(&self) -> &[(Uuid, usize)] {
        &self.cards
    }

    /// How many levels the branch has.
    #[cfg(test)]
    pub fn depth(&self) -> usize {
        self.cards.iter().map(|(_, d)| d + 1).max().unwrap_or(0)
    }
}

/// One tree on one board.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tree {
    /// Consequences or ends: the top-level branches of the crown.
    pub crown: Vec<Branch>,
    /// The core problem or objective.
    pub trunk: Vec<Uuid>,
    /// Causes or means: the top-level branches of the roots.
    pub roots: Vec<Branch>,
    /// Cards of the roots or the crown caught in a loop of `causes` links
    /// (only a hand-edited file has one), or hanging below one. They are
    /// shown as top-level branches all the same.
    pub looped: Vec<Uuid>,
}

/// What `note` causes, in this session.
fn causes_of(note: &Note) -> impl Iterator<Item = Uuid> + '_ {
    note.links
        .iter()
        .filter(|l| l.kind == LinkKind::Causes && l.session.is_none())
        .map(|l| l.note)
}

impl Session {
    /// The tree of `zones` on `board`, in board order. Cards whose links
    /// lead outside the tree hang from the trunk.
    pub fn tree(&self, zones: &TreeZones, board: Uuid) -> Tree {
        let in_zone = |zone: &str| -> Vec<&Note> {
            self.notes
                .iter()
                .filter(|n| n.board == board && n.zone == zone)
                .collect()
        };
        let roots = in_zone(&zones.roots);
        let crown = in_zone(&zones.crown);
        let trunk: Vec<Uuid> = in_zone(&zones.trunk).iter().map(|n| n.id).collect();
        let root_ids: HashSet<Uuid> = roots.iter().map(|n| n.id).collect();
        let crown_ids: HashSet<Uuid> = crown.iter().map(|n| n.id).collect();
        // Roots: a card's parent is the root card it causes.
        let mut root_parent: HashMap<Uuid, Uuid> = HashMap::new();
        for n in &roots {
            if let Some(p) = causes_of(n).find(|p| root_ids.contains(p) && *p != n.id) {
                root_parent.insert(n.id, p);
            }
        }
        // Crown: a card's parent is the crown card that causes it.
        let mut crown_parent: HashMap<Uuid, Uuid> = HashMap::new();
        for n in &crown {
            for effect in causes_of(n).filter(|e| crown_ids.contains(e) && *e != n.id) {
                crown_parent.entry(effect).or_insert(n.id);
            }
        }
        let (crown, mut looped) = build(&crown, &crown_parent);
        let (roots, looped_roots) = build(&roots, &root_parent);
        looped.extend(looped_roots);
        Tree {
            crown,
            trunk,
            roots,
            looped,
        }
    }

    /// The card `child` hangs from in its tree, if any.
    pub fn tree_parent(&self, method: &Method, child: Uuid) -> Option<Uuid> {
        let note = self.note(child).ok()?;
        match method.zone(&note.zone)?.part? {
            TreePart::Roots => causes_of(note).next(),
            TreePart::Crown => self
                .notes
                .iter()
                .find(|n| causes_of(n).any(|e| e == child))
                .map(|n| n.id),
            TreePart::Trunk => None,
        }
    }

    /// Hangs `child` from `parent` in the tree: in the roots, `child`
    /// causes `parent`; in the crown, `parent` causes `child`. Replaces
    /// where `child` hung before, and refuses a loop.
    pub fn set_tree_parent(
        &mut self,
        method: &Method,
        child: Uuid,
        parent: Uuid,
        now: Timestamp,
    ) -> Result<(), ModelError> {
        let part = {
            let note = self.note(child)?;
            self.note(parent)?;
            method.zone(&note.zone).and_then(|z| z.part)
        };
        if child == parent || self.hangs_below(method, parent, child) {
            return Err(ModelError::Loop);
        }
        let causes = |to: Uuid| NoteLink {
            kind: LinkKind::Causes,
            note: to,
            session: None,
        };
        match part {
            Some(TreePart::Roots) => {
                let n = self.note_mut(child)?;
                n.links.retain(|l| l.kind != LinkKind::Causes);
                n.links.push(causes(parent));
                n.updated = now;
            }
            Some(TreePart::Crown) => {
                for n in &mut self.notes {
                    n.links
                        .retain(|l| !(l.kind == LinkKind::Causes && l.note == child));
                }
                let p = self.note_mut(parent)?;
                p.links.push(causes(child));
                p.updated = now;
            }
            _ => return Err(ModelError::NotInTree),
        }
        self.updated = now;
        Ok(())
    }

    /// Whether `note` hangs (at any depth) below `ancestor`.
    fn hangs_below(&self, method: &Method, note: Uuid, ancestor: Uuid) -> bool {
        let mut current = note;
        for _ in 0..self.notes.len() {
            match self.tree_parent(method, current) {
                Some(p) if p == ancestor => return true,
                Some(p) => current = p,
                None => return false,
            }
        }
        true
    }
}

/// The branches `parent` makes of `notes`, in board order, and the cards
/// no top-level card leads to (a loop). One pass over the notes and one
/// over the links: no card is looked for more than once.
fn build(notes: &[&Note], parent: &HashMap<Uuid, Uuid>) -> (Vec<Branch>, Vec<Uuid>) {
    let mut children: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for n in notes {
        if let Some(p) = parent.get(&n.id) {
            children.entry(*p).or_default().push(n.id);
        }
    }
    let mut seen: HashSet<Uuid> = HashSet::new();
    let grow = |top: Uuid, seen: &mut HashSet<Uuid>| -> Branch {
        let mut cards = Vec::new();
        let mut stack = vec![(top, 0)];
        while let Some((id, depth)) = stack.pop() {
            if !seen.insert(id) {
                continue;
            }
            cards.push((id, depth));
            if let Some(below) = children.get(&id) {
                stack.extend(below.iter().rev().map(|c| (*c, depth + 1)));
            }
        }
        Branch { cards }
    };
    let mut out: Vec<Branch> = notes
        .iter()
        .filter(|n| !parent.contains_key(&n.id))
        .map(|n| grow(n.id, &mut seen))
        .collect();
    let looped: Vec<Uuid> = notes
        .iter()
        .map(|n| n.id)
        .filter(|id| !seen.contains(id))
        .collect();
    // Cards caught in a loop in a hand-edited file still show, at the top.
    for id in &looped {
        if !seen.contains(id) {
            out.push(grow(*id, &mut seen));
        }
    }
    (out, looped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methods::MethodLibrary;
    use crate::model::NewNote;
    use crate::model::testing::context;

    fn t() -> Timestamp {
        Timestamp::UNIX_EPOCH
    }

    #[test]
    fn a_three_level_tree_comes_out_as_a_tree() {
        let m = MethodLibrary::builtin()
            .get("problemtrae")
            .cloned()
            .unwrap();
        let mut s = Session::new(&m, context("Sundhed"), t());
        let add = |s: &mut Session, zone: &str, text: &str| {
            s.add_note(&m, NewNote::new(zone, text), t()).unwrap()
        };
        let core = add(&mut s, "kerneproblem", "Intet overskud");
        let money = add(&mut s, "aarsager", "Pengene slår ikke til");
        let job = add(&mut s, "aarsager", "Deltidsjob");
        let bus = add(&mut s, "aarsager", "Bussen kører sjældent");
        let sick = add(&mut s, "konsekvenser", "Ofte syg");
        let work = add(&mut s, "konsekvenser", "Går syg på arbejde");
        s.set_tree_parent(&m, money, core, t()).unwrap();
        s.set_tree_parent(&m, job, money, t()).unwrap();
        s.set_tree_parent(&m, sick, core, t()).unwrap();
        s.set_tree_parent(&m, work, sick, t()).unwrap();
        let problem = &m.trees()[0];
        let tree = s.tree(problem, s.boards[0].id);
        assert_eq!(tree.trunk, vec![core]);
        assert_eq!(tree.roots.len(), 2, "money (with job under it) and the bus");
        assert_eq!(tree.roots[0].flatten(), [(money, 0), (job, 1)]);
        assert_eq!(tree.roots[1].note(), bus);
        assert_eq!(tree.crown[0].flatten(), [(sick, 0), (work, 1)]);
        assert!(tree.looped.is_empty());
        assert_eq!(tree.roots[0].depth(), 2);
        assert_eq!(s.tree_parent(&m, job), Some(money));
        assert_eq!(s.tree_parent(&m, work), Some(sick));
    }

    #[test]
    fn loops_are_refused_and_reparenting_replaces() {
        let m = MethodLibrary::builtin()
            .get("problemtrae")
            .cloned()
            .unwrap();
        let mut s = Session::new(&m, context("t"), t());
        let a = s.add_note(&m, NewNote::new("aarsager", "a"), t()).unwrap();
        let b = s.add_note(&m, NewNote::new("aarsager", "b"), t()).unwrap();
        let c = s.add_note(&m, NewNote::new("aarsager", "c"), t()).unwrap();
        s.set_tree_parent(&m, b, a, t()).unwrap();
        s.set_tree_parent(&m, c, b, t()).unwrap();
        assert_eq!(s.set_tree_parent(&m, a, c, t()), Err(ModelError::Loop));
        assert_eq!(s.set_tree_parent(&m, a, a, t()), Err(ModelError::Loop));
        s.set_tree_parent(&m, c, a, t()).unwrap();
        assert_eq!(s.tree_parent(&m, c), Some(a));
        assert_eq!(s.note(c).unwrap().links.len(), 1);
    }

    #[test]
    fn a_loop_written_by_hand_is_found_and_still_shown() {
        let m = MethodLibrary::builtin()
            .get("problemtrae")
            .cloned()
            .unwrap();
        let mut s = Session::new(&m, context("t"), t());
        let top = s
            .add_note(&m, NewNote::new("aarsager", "top"), t())
            .unwrap();
        let ids: Vec<Uuid> = ["a", "b", "c"]
            .iter()
            .map(|text| s.add_note(&m, NewNote::new("aarsager", text), t()).unwrap())
            .collect();
        // a causes b causes c causes a: what a hand edit can do.
        for (i, id) in ids.iter().enumerate() {
            let next = ids[(i + 1) % ids.len()];
            s.note_mut(*id).unwrap().links.push(NoteLink {
                kind: LinkKind::Causes,
                note: next,
                session: None,
            });
        }
        let tree = s.tree(&m.trees()[0], s.boards[0].id);
        assert_eq!(tree.looped, ids);
        let shown: Vec<Uuid> = tree
            .roots
            .iter()
            .flat_map(|b| b.flatten().iter().map(|(id, _)| *id))
            .collect();
        assert_eq!(shown.len(), 4, "every card shows once");
        assert!(shown.contains(&top));
        let problems = s.inconsistencies(&m);
        assert!(
            problems.contains(&crate::model::Inconsistency::TreeLoop(
                s.boards[0].name.clone(),
                3
            )),
            "{problems:?}"
        );
    }

    #[test]
    fn a_chain_ten_thousand_deep_is_built_without_recursion() {
        let m = MethodLibrary::builtin()
            .get("problemtrae")
            .cloned()
            .unwrap();
        let mut s = Session::new(&m, context("t"), t());
        let mut above = s.add_note(&m, NewNote::new("aarsager", "0"), t()).unwrap();
        for i in 1..10_000 {
            let id = s
                .add_note(&m, NewNote::new("aarsager", &i.to_string()), t())
                .unwrap();
            s.note_mut(id).unwrap().links.push(NoteLink {
                kind: LinkKind::Causes,
                note: above,
                session: None,
            });
            above = id;
        }
        let tree = s.tree(&m.trees()[0], s.boards[0].id);
        assert_eq!(tree.roots.len(), 1);
        assert_eq!(tree.roots[0].depth(), 10_000);
        assert!(tree.looped.is_empty());
    }

    #[test]
    fn the_method_names_its_two_trees() {
        let m = MethodLibrary::builtin()
            .get("problemtrae")
            .cloned()
            .unwrap();
        let trees = m.trees();
        assert_eq!(trees.len(), 2);
        assert_eq!(trees[0].roots, "aarsager");
        assert_eq!(trees[1].trunk, "maal");
        assert_eq!(
            m.assumptions_zone().map(|z| z.id.as_str()),
            Some("antagelser")
        );
    }
}
