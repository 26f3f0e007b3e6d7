//! Marks a note carries because of what happened to it or around it: chosen
//! to go on, set aside when its narrowing phase came, or still waiting to be
//! rewritten in positive form. Worked out once for the whole session.

use std::collections::{HashMap, HashSet};

use uuid::Uuid;

use super::{LinkKind, Session};
use crate::methods::{Ask, Method, Mode};

/// The notes with each mark.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    /// Chosen to go on into a later zone of the session.
    pub onward: HashSet<Uuid>,
    /// In a diverging zone whose narrowing phase has begun, and not chosen.
    pub set_aside: HashSet<Uuid>,
    /// Mirrored cards that still have their problem wording.
    pub rewrite: HashSet<Uuid>,
}

impl Session {
    /// The zones of diverging phases whose following narrowing phase has
    /// begun and from which the group has chosen something to go on: their
    /// notes that were not chosen are set aside. Until something is
    /// chosen, nothing is set aside, so the notes keep their height while
    /// the group weighs them.
    pub fn closed_zones(&self, method: &Method) -> HashSet<String> {
        let started: HashSet<&str> = self.phase_log.iter().map(|e| e.phase.as_str()).collect();
        let mut closed: HashSet<String> = method
            .phases
            .windows(2)
            .filter(|w| {
                w[0].mode == Some(Mode::Diverge)
                    && w[1].mode == Some(Mode::Converge)
                    && w[1].asks.contains(&Ask::Select)
                    && started.contains(w[1].id.as_str())
            })
            .flat_map(|w| w[0].zones.iter().cloned())
            .collect();
        if closed.is_empty() {
            return closed;
        }
        let zone_of: HashMap<Uuid, &str> = self
            .notes
            .iter()
            .filter(|n| closed.contains(&n.zone))
            .map(|n| (n.id, n.zone.as_str()))
            .collect();
        let chosen: HashSet<&str> = self
            .notes
            .iter()
            .flat_map(|n| &n.links)
            .filter(|l| l.session.is_none() && l.kind == LinkKind::CarriedFrom)
            .filter_map(|l| zone_of.get(&l.note).copied())
            .collect();
        let chosen: HashSet<String> = chosen.into_iter().map(str::to_string).collect();
        closed.retain(|z| chosen.contains(z));
        closed
    }

    /// The notes some note of this session links to (a cause, a mirror,
    /// an attachment); links to other sessions' notes are left out.
    pub fn linked_notes(&self) -> HashSet<Uuid> {
        self.notes
            .iter()
            .flat_map(|n| &n.links)
            .filter(|l| l.session.is_none())
            .map(|l| l.note)
            .collect()
    }

    /// Every note's marks.
    pub fn marks(&self, method: &Method) -> Marks {
        // Only the notes linked to are looked up; most boards have few.
        let linked = self.linked_notes();
        let text: HashMap<Uuid, &str> = if linked.is_empty() {
            HashMap::new()
        } else {
            self.notes
                .iter()
                .filter(|n| linked.contains(&n.id))
                .map(|n| (n.id, n.text.as_str()))
                .collect()
        };
        let mut marks = Marks::default();
        for note in &self.notes {
            for link in note.links.iter().filter(|l| l.session.is_none()) {
                match link.kind {
                    LinkKind::CarriedFrom if text.contains_key(&link.note) => {
                        marks.onward.insert(link.note);
                    }
                    LinkKind::Mirrors
                        if note.status.is_active()
                            && text.get(&link.note) == Some(&note.text.as_str()) =>
                    {
                        marks.rewrite.insert(note.id);
                    }
                    _ => {}
                }
            }
        }
        let closed = self.closed_zones(method);
        marks.set_aside = self
            .notes
            .iter()
            .filter(|n| closed.contains(&n.zone) && !marks.onward.contains(&n.id))
            .map(|n| n.id)
            .collect();
        marks
    }
}
