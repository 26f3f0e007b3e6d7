//! Adding, changing and removing notes.

use jiff::Timestamp;
use uuid::Uuid;

use super::text::{optional_line, required};
use super::{Colour, LinkKind, ModelError, Note, NoteLink, NoteSource, Role, Session, new_id};
use crate::methods::Method;

/// What it takes to write a new note.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewNote {
    /// The zone it goes in.
    pub zone: String,
    /// The words.
    pub text: String,
    /// The board; the first board if none.
    pub board: Option<Uuid>,
    /// The colour; the zone's colour if none.
    pub colour: Option<Colour>,
    /// Pseudonym of the writer.
    pub author: Option<String>,
    /// Role of the writer.
    pub role: Option<Role>,
    /// Keep the note off the projector and out of exports.
    pub private: bool,
}

impl NewNote {
    /// A plain note with `text` in `zone`.
    pub fn new(zone: &str, text: &str) -> NewNote {
        NewNote {
            zone: zone.to_string(),
            text: text.to_string(),
            ..NewNote::default()
        }
    }
}

/// A note written elsewhere (on a phone) and let onto the board: what it
/// keeps from where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Arrived {
    /// The id it had while it waited; kept unless a note has it already.
    pub id: Uuid,
    /// The phase it was written in; the running one if none or unknown.
    pub phase: Option<String>,
    /// Where it was written.
    pub source: NoteSource,
}

impl Session {
    /// Adds a note written elsewhere, as [`Session::add_note`] does, keeping
    /// its id, the phase it was written in and where it comes from.
    pub fn add_arrived_note(
        &mut self,
        method: &Method,
        new: NewNote,
        arrived: Arrived,
        now: Timestamp,
    ) -> Result<Uuid, ModelError> {
        let made = self.add_note(method, new, now)?;
        let free = !self.notes.iter().any(|n| n.id == arrived.id);
        let phase = arrived.phase.filter(|p| method.phase_index(p).is_some());
        let note = self.note_mut(made)?;
        if free {
            note.id = arrived.id;
        }
        if phase.is_some() {
            note.phase = phase;
        }
        note.source = Some(arrived.source);
        Ok(note.id)
    }

    /// The time a note made `now` is given: `now`, or a nanosecond after
    /// the last note's place if that is later (notes made in the same
    /// instant, a clock set wrong), so that the list stays in the order
    /// of its notes' places and a merge keeps that order.
    pub(crate) fn next_note_time(&self, now: Timestamp) -> Timestamp {
        match self.notes.last().map(Note::order_key) {
            Some(last) if last >= now => last + jiff::SignedDuration::from_nanos(1),
            _ => now,
        }
    }

    /// The note with this id.
    pub fn note(&self, id: Uuid) -> Result<&Note, ModelError> {
        self.notes
            .iter()
            .find(|n| n.id == id)
            .ok_or(ModelError::UnknownNote(id))
    }

    pub(super) fn note_mut(&mut self, id: Uuid) -> Result<&mut Note, ModelError> {
        self.notes
            .iter_mut()
            .find(|n| n.id == id)
            .ok_or(ModelError::UnknownNote(id))
    }

    /// Writes a new note at the end of its zone and returns its id. The
    /// note remembers the phase that is running.
    pub fn add_note(
        &mut self,
        method: &Method,
        new: NewNote,
        now: Timestamp,
    ) -> Result<Uuid, ModelError> {
        self.check_method(method)?;
        let zone = method
            .zone(&new.zone)
            .ok_or_else(|| unknown_zone(method, &new.zone))?;
        let text = required(&new.text)?;
        let board = match new.board {
            Some(id) if self.boards.iter().any(|b| b.id == id) => id,
            Some(id) => return Err(ModelError::UnknownBoard(id.to_string())),
            None => self
                .boards
                .first()
                .map(|b| b.id)
                .ok_or(ModelError::LastBoard)?,
        };
        let id = new_id();
        let created = self.next_note_time(now);
        self.notes.push(Note {
            id,
            board,
            zone: zone.id.clone(),
            text,
            colour: new.colour.or(zone.colour).unwrap_or_default(),
            cluster: None,
            author: optional_line(new.author.as_deref()),
            role: new.role,
            private: new.private,
            links: Vec::new(),
            phase: self.current_phase().map(str::to_string),
            meeting: self.meetings.last().map(|m| m.id),
            copied_from: None,
            status: super::NoteStatus::Active,
            created,
            updated: now,
            pos: None,
            clock: Default::default(),
            revived: 0,
            source: None,
        });
        self.updated = now;
        Ok(id)
    }

    /// Replaces a note's words.
    pub fn edit_note(&mut self, id: Uuid, text: &str, now: Timestamp) -> Result<(), ModelError> {
        let text = required(text)?;
        let note = self.note_mut(id)?;
        if note.text != text {
            note.text = text;
            note.updated = now;
            self.updated = now;
        }
        Ok(())
    }

    /// Moves a note to the end of another zone (and board). A note that
    /// leaves its zone leaves its cluster too, since clusters live in one
    /// zone.
    pub fn move_note(
        &mut self,
        method: &Method,
        id: Uuid,
        zone: &str,
        board: Option<Uuid>,
        now: Timestamp,
    ) -> Result<(), ModelError> {
        self.check_method(method)?;
        let zone = method
            .zone(zone)
            .ok_or_else(|| unknown_zone(method, zone))?
            .id
            .clone();
        if let Some(b) = board.filter(|b| !self.boards.iter().any(|x| x.id == *b)) {
            return Err(ModelError::UnknownBoard(b.to_string()));
        }
        let index = self.index_of(id)?;
        let mut note = self.notes.remove(index);
        let board = board.unwrap_or(note.board);
        if note.zone != zone || note.board != board {
            note.cluster = None;
        }
        note.zone = zone;
        note.board = board;
        note.updated = now;
        // Last in its new place, also after a merge.
        let last = self.notes.last().map(Note::order_key);
        if last.is_some_and(|l| l >= note.order_key()) {
            note.pos = Some(self.next_note_time(now));
        }
        self.notes.push(note);
        self.updated = now;
        Ok(())
    }

    /// Moves a note one place up (`-1`) or down (`+1`) among the notes of
    /// its zone and board. Returns whether it moved.
    pub fn shift_note(
        &mut self,
        id: Uuid,
        step: isize,
        now: Timestamp,
    ) -> Result<bool, ModelError> {
        let index = self.index_of(id)?;
        let (board, zone) = (self.notes[index].board, self.notes[index].zone.clone());
        let same_place = |n: &Note| n.board == board && n.zone == zone;
        let neighbour = if step < 0 {
            self.notes[..index].iter().rposition(same_place)
        } else {
            self.notes[index + 1..]
                .iter()
                .position(same_place)
                .map(|p| p + index + 1)
        };
        match neighbour {
            Some(other) => {
                // The two notes swap places and their places in the order
                // (see `Note::pos`), so the order survives a merge.
                let (a, b) = (self.notes[index].order_key(), self.notes[other].order_key());
                let (a, b) = if a == b {
                    (a, b + jiff::SignedDuration::from_nanos(1))
                } else {
                    (a, b)
                };
                self.notes[index].pos = Some(b);
                self.notes[other].pos = Some(a);
                self.notes[index].updated = now;
                self.notes[other].updated = now;
                self.notes.swap(index, other);
                self.updated = now;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Gives a note another colour.
    pub fn recolour_note(
        &mut self,
        id: Uuid,
        colour: Colour,
        now: Timestamp,
    ) -> Result<(), ModelError> {
        let note = self.note_mut(id)?;
        note.colour = colour;
        note.updated = now;
        self.updated = now;
        Ok(())
    }

    /// Sets who wrote a note and in what role; `None` clears them.
    pub fn set_author(
        &mut self,
        id: Uuid,
        author: Option<&str>,
        role: Option<Role>,
        now: Timestamp,
    ) -> Result<(), ModelError> {
        let note = self.note_mut(id)?;
        note.author = optional_line(author);
        note.role = role;
        note.updated = now;
        self.updated = now;
        Ok(())
    }

    /// Records a relation from one note to another, once.
    pub fn link_notes(
        &mut self,
        from: Uuid,
        kind: LinkKind,
        to: Uuid,
        now: Timestamp,
    ) -> Result<(), ModelError> {
        self.note(to)?;
        let link = NoteLink {
            kind,
            note: to,
            session: None,
        };
        let note = self.note_mut(from)?;
        if !note.links.contains(&link) {
            note.links.push(link);
            note.updated = now;
            self.updated = now;
        }
        Ok(())
    }

    /// Removes a note together with its dots and every link to it. Actions
    /// and decisions that came from it keep their text and lose the
    /// reference. Returns the note.
    pub fn delete_note(&mut self, id: Uuid, now: Timestamp) -> Result<Note, ModelError> {
        let index = self.index_of(id)?;
        let note = self.notes.remove(index);
        // A copy (mirrored, chosen onward) hands what was made from it on
        // to its original, so that the original made private later still
        // reaches everything that carries its words.
        let origin = note
            .links
            .iter()
            .find(|l| {
                l.session.is_none() && matches!(l.kind, LinkKind::Mirrors | LinkKind::CarriedFrom)
            })
            .map(|l| l.note)
            .filter(|o| self.notes.iter().any(|n| n.id == *o));
        let repoint = |list: &mut Vec<Uuid>| {
            list.retain(|n| *n != id || origin.is_some());
            for n in list.iter_mut().filter(|n| **n == id) {
                *n = origin.unwrap_or(*n);
            }
            let mut seen = std::collections::HashSet::new();
            list.retain(|n| seen.insert(*n));
        };
        self.votes.retain(|v| v.note != id);
        for other in &mut self.notes {
            for l in &mut other.links {
                let copy_link = matches!(l.kind, LinkKind::Mirrors | LinkKind::CarriedFrom);
                if l.note == id
                    && l.session.is_none()
                    && copy_link
                    && let Some(o) = origin
                {
                    l.note = o;
                }
            }
            other.links.retain(|l| l.note != id || l.session.is_some());
        }
        for decision in &mut self.decisions {
            repoint(&mut decision.notes);
        }
        for cluster in &mut self.clusters {
            repoint(&mut cluster.from);
        }
        for action in &mut self.actions {
            if action.note == Some(id) {
                action.note = origin;
            }
        }
        self.updated = now;
        Ok(note)
    }

    /// The notes of one zone on one board, in board order.
    pub fn notes_in(&self, board: Uuid, zone: &str) -> impl Iterator<Item = &Note> {
        let zone = zone.to_string();
        self.notes
            .iter()
            .filter(move |n| n.board == board && n.zone == zone)
    }

    fn index_of(&self, id: Uuid) -> Result<usize, ModelError> {
        self.notes
            .iter()
            .position(|n| n.id == id)
            .ok_or(ModelError::UnknownNote(id))
    }

    pub(super) fn check_method(&self, method: &Method) -> Result<(), ModelError> {
        if self.method.id == method.id {
            Ok(())
        } else {
            Err(ModelError::WrongMethod {
                session: self.method.id.clone(),
                given: method.id.clone(),
            })
        }
    }
}

fn unknown_zone(method: &Method, zone: &str) -> ModelError {
    ModelError::UnknownZone {
        zone: zone.to_string(),
        known: method.zones.iter().map(|z| z.id.clone()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{context, method};

    fn t(s: i64) -> Timestamp {
        Timestamp::from_second(s).unwrap()
    }

    fn session() -> (Method, Session) {
        let m = method();
        let s = Session::new(&m, context("t"), t(0));
        (m, s)
    }

    #[test]
    fn add_note_cleans_text_and_takes_zone_colour() {
        let (m, mut s) = session();
        s.start_phase(&m, "kritik", t(1)).unwrap();
        let id = s
            .add_note(
                &m,
                NewNote::new("kritik", "  For lidt tid\r\n med børnene  "),
                t(2),
            )
            .unwrap();
        let n = s.note(id).unwrap();
        assert_eq!(n.text, "For lidt tid\n med børnene");
        assert_eq!(n.colour, Colour::Pink);
        assert_eq!(n.phase.as_deref(), Some("kritik"));
        assert_eq!(n.board, s.boards[0].id);
        assert_eq!((n.created, s.updated), (t(2), t(2)));
    }

    #[test]
    fn add_note_refuses_unknown_zone_and_empty_text() {
        let (m, mut s) = session();
        let err = s
            .add_note(&m, NewNote::new("critique", "x"), t(1))
            .unwrap_err();
        match err {
            ModelError::UnknownZone { zone, known } => {
                assert_eq!(zone, "critique");
                assert!(known.contains(&"kritik".to_string()));
            }
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(
            s.add_note(&m, NewNote::new("kritik", " \n "), t(1)),
            Err(ModelError::EmptyText)
        );
        assert!(s.notes.is_empty());
    }

    #[test]
    fn edit_move_recolour_private() {
        let (m, mut s) = session();
        let id = s.add_note(&m, NewNote::new("kritik", "a"), t(1)).unwrap();
        s.edit_note(id, "b æøå", t(2)).unwrap();
        s.move_note(&m, id, "fantasi", None, t(3)).unwrap();
        s.recolour_note(id, Colour::Blue, t(4)).unwrap();
        s.set_private(id, true, t(5)).unwrap();
        s.set_author(id, Some(" Amal "), Some(Role::Citizen), t(6))
            .unwrap();
        let n = s.note(id).unwrap();
        assert_eq!(n.text, "b æøå");
        assert_eq!(n.zone, "fantasi");
        assert_eq!(n.colour, Colour::Blue);
        assert!(n.private);
        assert_eq!(n.author.as_deref(), Some("Amal"));
        assert_eq!(n.role, Some(Role::Citizen));
        assert_eq!(n.updated, t(6));
        assert_eq!(s.edit_note(id, "", t(7)), Err(ModelError::EmptyText));
        assert!(s.move_note(&m, id, "nowhere", None, t(7)).is_err());
    }

    #[test]
    fn shift_note_stays_within_its_zone() {
        let (m, mut s) = session();
        let a = s.add_note(&m, NewNote::new("kritik", "a"), t(1)).unwrap();
        let _other = s.add_note(&m, NewNote::new("fantasi", "x"), t(1)).unwrap();
        let b = s.add_note(&m, NewNote::new("kritik", "b"), t(1)).unwrap();
        assert!(s.shift_note(b, -1, t(2)).unwrap());
        let order: Vec<_> = s.notes_in(s.boards[0].id, "kritik").map(|n| n.id).collect();
        assert_eq!(order, vec![b, a]);
        assert!(!s.shift_note(b, -1, t(3)).unwrap());
        assert!(s.shift_note(b, 1, t(3)).unwrap());
        let order: Vec<_> = s.notes_in(s.boards[0].id, "kritik").map(|n| n.id).collect();
        assert_eq!(order, vec![a, b]);
    }

    #[test]
    fn moving_to_another_zone_leaves_the_cluster() {
        let (m, mut s) = session();
        let a = s.add_note(&m, NewNote::new("kritik", "a"), t(1)).unwrap();
        let c = s.cluster_notes(&[a], "Tid", t(2)).unwrap();
        assert_eq!(s.note(a).unwrap().cluster, Some(c));
        s.move_note(&m, a, "fantasi", None, t(3)).unwrap();
        assert_eq!(s.note(a).unwrap().cluster, None);
    }

    #[test]
    fn delete_note_removes_votes_and_links() {
        let (m, mut s) = session();
        let a = s.add_note(&m, NewNote::new("kritik", "a"), t(1)).unwrap();
        let b = s.add_note(&m, NewNote::new("kritik", "b"), t(1)).unwrap();
        s.link_notes(b, LinkKind::Causes, a, t(2)).unwrap();
        s.set_dots(a, 3, None, t(2)).unwrap();
        let action = s.add_action("Ring kommunen", Some(a), None, t(2)).unwrap();
        let removed = s.delete_note(a, t(3)).unwrap();
        assert_eq!(removed.text, "a");
        assert!(s.votes.is_empty());
        assert!(s.note(b).unwrap().links.is_empty());
        assert_eq!(s.action(action).unwrap().note, None);
        assert_eq!(s.delete_note(a, t(4)), Err(ModelError::UnknownNote(a)));
    }

    #[test]
    fn wrong_method_is_refused() {
        let (_, mut s) = session();
        s.method.id = "rygsaek".into();
        let m = method();
        assert!(matches!(
            s.add_note(&m, NewNote::new("kritik", "a"), t(1)),
            Err(ModelError::WrongMethod { .. })
        ));
    }
}
