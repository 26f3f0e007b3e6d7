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

/// A card and the cards that hang from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Branch {
    /// The card.
    pub note: Uuid,
    /// Its sub-causes (roots) or further consequences (crown).
    pub children: Vec<Branch>,
}

impl Branch {
    /// This card and every card below it, depth first.
    pub fn flatten(&self) -> Vec<(Uuid, usize)> {
        let mut out = Vec::new();
        self.walk(0, &mut out);
        out
    }

    fn walk(&self, depth: usize, out: &mut Vec<(Uuid, usize)>) {
        out.push((self.note, depth));
        for child in &self.children {
            child.walk(depth + 1, out);
        }
    }

    /// How many levels the branch has.
    #[cfg(test)]
    pub fn depth(&self) -> usize {
        1 + self.children.iter().map(Branch::depth).max().unwrap_or(0)
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
        Tree {
            crown: build(&crown, &crown_parent),
            trunk,
            roots: build(&roots, &root_parent),
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

fn build(notes: &[&Note], parent: &HashMap<Uuid, Uuid>) -> Vec<Branch> {
    fn grow(
        id: Uuid,
        notes: &[&Note],
        parent: &HashMap<Uuid, Uuid>,
        seen: &mut HashSet<Uuid>,
    ) -> Branch {
        seen.insert(id);
        let children = notes
            .iter()
            .filter(|n| parent.get(&n.id) == Some(&id) && !seen.contains(&n.id))
            .map(|n| n.id)
            .collect::<Vec<_>>()
            .into_iter()
            .map(|c| grow(c, notes, parent, seen))
            .collect();
        Branch { note: id, children }
    }
    let mut seen = HashSet::new();
    let mut out: Vec<Branch> = notes
        .iter()
        .filter(|n| !parent.contains_key(&n.id))
        .map(|n| n.id)
        .collect::<Vec<_>>()
        .into_iter()
        .map(|id| grow(id, notes, parent, &mut seen))
        .collect();
    // Cards caught in a loop in a hand-edited file still show, at the top.
    for n in notes {
        if !seen.contains(&n.id) {
            out.push(grow(n.id, notes, parent, &mut seen));
        }
    }
    out
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
        assert_eq!(tree.roots[0].flatten(), vec![(money, 0), (job, 1)]);
        assert_eq!(tree.roots[1].note, bus);
        assert_eq!(tree.crown[0].flatten(), vec![(sick, 0), (work, 1)]);
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
