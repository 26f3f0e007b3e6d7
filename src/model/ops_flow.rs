//! Moves that carry notes forward: mirroring the problem tree, choosing
//! what goes on in a converging phase, attaching notes to steps, dropping
//! cards, meetings and ratings, and carrying notes into a new session.

use jiff::Timestamp;
use jiff::civil::Date;
use uuid::Uuid;

use super::{
    Context, LinkKind, Meeting, ModelError, Note, NoteLink, NoteStatus, Rating, Session,
    SessionRelation, new_id,
};
use crate::methods::Method;

impl Session {
    /// For every problem card on `board` that has no counterpart yet, adds
    /// one in its mirror zone (cause → means, core problem → objective,
    /// consequence → end) with the same words to rewrite. The counterparts
    /// hang together as their originals do. Returns the new notes.
    pub fn mirror_tree(
        &mut self,
        method: &Method,
        board: Uuid,
        now: Timestamp,
    ) -> Result<Vec<Uuid>, ModelError> {
        self.check_method(method)?;
        let mirrored: Vec<Uuid> = self
            .notes
            .iter()
            .flat_map(|n| n.links.iter())
            .filter(|l| l.kind == LinkKind::Mirrors && l.session.is_none())
            .map(|l| l.note)
            .collect();
        let todo: Vec<(Note, String)> = self
            .notes
            .iter()
            .filter(|n| n.board == board && n.status.is_active() && !mirrored.contains(&n.id))
            .filter_map(|n| {
                let target = method.zone(&n.zone)?.mirror.clone()?;
                Some((n.clone(), target))
            })
            .collect();
        if todo.is_empty() {
            return Ok(Vec::new());
        }
        let mut pairs: Vec<(Uuid, Uuid)> = Vec::new();
        for (original, zone) in &todo {
            let id = new_id();
            let colour = method
                .zone(zone)
                .and_then(|z| z.colour)
                .unwrap_or(original.colour);
            let created = self.next_note_time(now);
            self.notes.push(Note {
                id,
                zone: zone.clone(),
                colour,
                cluster: None,
                links: vec![NoteLink {
                    kind: LinkKind::Mirrors,
                    note: original.id,
                    session: None,
                }],
                phase: self.current_phase().map(str::to_string),
                meeting: self.meetings.last().map(|m| m.id),
                copied_from: None,
                created,
                updated: now,
                pos: None,
                clock: Default::default(),
                revived: 0,
                source: None,
                ..original.clone()
            });
            pairs.push((original.id, id));
        }
        let counterpart = |id: Uuid| pairs.iter().find(|(o, _)| *o == id).map(|(_, c)| *c);
        for (original, _) in &todo {
            let Some(copy) = counterpart(original.id) else {
                continue;
            };
            let causes: Vec<NoteLink> = original
                .links
                .iter()
                .filter(|l| l.kind == LinkKind::Causes && l.session.is_none())
                .filter_map(|l| counterpart(l.note))
                .map(|to| NoteLink {
                    kind: LinkKind::Causes,
                    note: to,
                    session: None,
                })
                .collect();
            self.note_mut(copy)?.links.extend(causes);
        }
        self.updated = now;
        Ok(pairs.into_iter().map(|(_, c)| c).collect())
    }

    /// Drops a note (kept in the file, shown as dropped), or brings it back.
    pub fn set_status(
        &mut self,
        id: Uuid,
        status: NoteStatus,
        now: Timestamp,
    ) -> Result<(), ModelError> {
        let note = self.note_mut(id)?;
        note.status = status;
        note.updated = now;
        self.updated = now;
        Ok(())
    }

    /// Moves a card that cannot be turned positive to the method's
    /// assumptions zone.
    pub fn make_assumption(
        &mut self,
        method: &Method,
        id: Uuid,
        now: Timestamp,
    ) -> Result<(), ModelError> {
        let zone = method
            .assumptions_zone()
            .ok_or(ModelError::NotForMethod)?
            .id
            .clone();
        self.move_note(method, id, &zone, None, now)?;
        self.set_status(id, NoteStatus::Active, now)
    }

    /// Attaches a note (an effect, an assumption) to a note of the zone
    /// its own zone attaches to (a step of change), replacing an earlier
    /// attachment. `None` detaches it.
    pub fn attach(
        &mut self,
        method: &Method,
        id: Uuid,
        to: Option<Uuid>,
        now: Timestamp,
    ) -> Result<(), ModelError> {
        let zone = self.note(id)?.zone.clone();
        let target_zone = method
            .zone(&zone)
            .and_then(|z| z.attaches_to.clone())
            .ok_or(ModelError::NotForMethod)?;
        if let Some(to) = to
            && self.note(to)?.zone != target_zone
        {
            return Err(ModelError::NotForMethod);
        }
        let note = self.note_mut(id)?;
        note.links.retain(|l| l.kind != LinkKind::AttachedTo);
        if let Some(to) = to {
            note.links.push(NoteLink {
                kind: LinkKind::AttachedTo,
                note: to,
                session: None,
            });
        }
        note.updated = now;
        self.updated = now;
        Ok(())
    }

    /// The notes attached to `step`, in board order.
    pub fn attached_to(&self, step: Uuid) -> impl Iterator<Item = &Note> {
        self.notes.iter().filter(move |n| {
            n.links
                .iter()
                .any(|l| l.kind == LinkKind::AttachedTo && l.note == step && l.session.is_none())
        })
    }

    /// The copy of `id` that was chosen to go on into a later zone of this
    /// session, if any.
    pub fn onward_copy(&self, id: Uuid) -> Option<&Note> {
        self.notes.iter().find(|n| {
            n.links
                .iter()
                .any(|l| l.kind == LinkKind::CarriedFrom && l.note == id && l.session.is_none())
        })
    }

    /// Chooses a note to go on into `zone` (a converging phase picks the
    /// needs or ideas that carry on): a copy goes there, linked to the
    /// original. Choosing it again takes the copy back. Returns the copy
    /// if one was made.
    pub fn choose_onward(
        &mut self,
        method: &Method,
        id: Uuid,
        zone: &str,
        now: Timestamp,
    ) -> Result<Option<Uuid>, ModelError> {
        let original = self.note(id)?.clone();
        if let Some(copy) = self.onward_copy(id).map(|n| n.id) {
            self.delete_note(copy, now)?;
            return Ok(None);
        }
        let target = method.zone(zone).ok_or(ModelError::NotForMethod)?;
        if original.zone == target.id {
            return Err(ModelError::NotForMethod);
        }
        let copy = new_id();
        let created = self.next_note_time(now);
        self.notes.push(Note {
            id: copy,
            zone: target.id.clone(),
            colour: target.colour.unwrap_or(original.colour),
            cluster: None,
            links: vec![NoteLink {
                kind: LinkKind::CarriedFrom,
                note: id,
                session: None,
            }],
            phase: self.current_phase().map(str::to_string),
            meeting: self.meetings.last().map(|m| m.id),
            copied_from: None,
            created,
            updated: now,
            pos: None,
            clock: Default::default(),
            revived: 0,
            source: None,
            ..original
        });
        self.updated = now;
        Ok(Some(copy))
    }

    /// Starts a new meeting on `date`; notes written from now on belong to
    /// it.
    pub fn add_meeting(&mut self, date: Date, now: Timestamp) -> Uuid {
        let id = new_id();
        self.meetings.push(Meeting {
            id,
            date,
            created: now,
            updated: now,
            clock: Default::default(),
            revived: 0,
        });
        self.updated = now;
        id
    }

    /// Records how heavy a participant's backpack is at the current
    /// meeting, from 1 to 5, replacing an earlier rating of that meeting.
    /// Before the first meeting, the first meeting begins on `today`, so a
    /// weight given early is kept rather than lost. Returns whether that
    /// meeting began here.
    pub fn rate(
        &mut self,
        participant: Uuid,
        value: u8,
        today: Date,
        now: Timestamp,
    ) -> Result<bool, ModelError> {
        if !(1..=5).contains(&value) {
            return Err(ModelError::BadRating(value));
        }
        let began = self.meetings.is_empty();
        let meeting = match self.meetings.last() {
            Some(m) => m.id,
            None => self.add_meeting(today, now),
        };
        let id = super::rating_id(participant, meeting);
        match self.ratings.iter_mut().find(|r| r.id == id) {
            Some(r) => {
                r.value = value;
                r.updated = now;
            }
            None => self.ratings.push(Rating {
                id,
                participant,
                meeting,
                value,
                created: now,
                updated: now,
                clock: Default::default(),
                revived: 0,
            }),
        }
        self.updated = now;
        Ok(began)
    }

    /// A participant's ratings, meeting by meeting (none where they did
    /// not rate).
    pub fn ratings_of(&self, participant: Uuid) -> Vec<Option<u8>> {
        self.meetings
            .iter()
            .map(|m| {
                self.ratings
                    .iter()
                    .find(|r| r.participant == participant && r.meeting == m.id)
                    .map(|r| r.value)
            })
            .collect()
    }

    /// Moves the notes of cluster `from` into cluster `into` and removes
    /// `from`.
    pub fn merge_clusters(
        &mut self,
        from: Uuid,
        into: Uuid,
        now: Timestamp,
    ) -> Result<(), ModelError> {
        if !self.clusters.iter().any(|c| c.id == into) {
            return Err(ModelError::UnknownCluster(into));
        }
        if from == into || !self.clusters.iter().any(|c| c.id == from) {
            return Err(ModelError::UnknownCluster(from));
        }
        for note in self.notes.iter_mut().filter(|n| n.cluster == Some(from)) {
            note.cluster = Some(into);
            note.updated = now;
        }
        // What the merged cluster came from, and its privacy, go along.
        let (private, sources) = self
            .clusters
            .iter()
            .find(|c| c.id == from)
            .map(|c| (c.private, c.from.clone()))
            .unwrap_or_default();
        if let Some(c) = self.clusters.iter_mut().find(|c| c.id == into) {
            c.private |= private;
            for n in sources {
                if !c.from.contains(&n) {
                    c.from.push(n);
                }
            }
            c.updated = now;
        }
        self.clusters.retain(|c| c.id != from);
        self.updated = now;
        Ok(())
    }
}

/// What to carry into a new session.
#[derive(Debug, Clone)]
pub struct Carry<'a> {
    /// The notes to carry.
    pub notes: &'a [Uuid],
    /// The new session's method.
    pub method: &'a Method,
    /// The zone the copies go into.
    pub zone: &'a str,
    /// The new session's context.
    pub context: Context,
    /// Bring the cards that hang below each note in a tree too (a branch
    /// opened as a new tree).
    pub branches: bool,
}

/// Starts a new session from notes of `source`: copies of the notes go
/// into the new session's zone, each linked to its original, and the two
/// sessions link to each other. The source session is changed only by
/// that link.
pub fn carry_forward(
    source: &mut Session,
    source_method: &Method,
    carry: Carry,
    now: Timestamp,
) -> Result<Session, ModelError> {
    let Carry {
        notes,
        method,
        zone,
        context,
        branches,
    } = carry;
    if notes.is_empty() {
        return Err(ModelError::NoNotes);
    }
    let target = method.zone(zone).ok_or_else(|| ModelError::UnknownZone {
        zone: zone.to_string(),
        known: method.zones.iter().map(|z| z.id.clone()).collect(),
    })?;
    let mut new = Session::new(method, context, now);
    let board = new.boards[0].id;
    let mut chosen: Vec<Uuid> = Vec::new();
    for id in notes {
        source.note(*id)?;
        if !chosen.contains(id) {
            chosen.push(*id);
        }
        if branches {
            for below in below_in_tree(source, source_method, *id) {
                if !chosen.contains(&below) {
                    chosen.push(below);
                }
            }
        }
    }
    // The chosen notes go into the target zone. Cards brought along from
    // below them in a tree keep their own zone when the new session has
    // it (a cause stays a cause under the new core problem), and keep
    // hanging where they hung.
    let mut copies: Vec<(Uuid, Uuid)> = Vec::new();
    for id in &chosen {
        let original = source.note(*id)?.clone();
        let zone = if notes.contains(id) {
            target
        } else {
            method.zone(&original.zone).unwrap_or(target)
        };
        let copy = new_id();
        copies.push((original.id, copy));
        let created = new.next_note_time(now);
        new.notes.push(Note {
            id: copy,
            board,
            zone: zone.id.clone(),
            colour: zone.colour.unwrap_or(original.colour),
            cluster: None,
            links: vec![NoteLink {
                kind: LinkKind::CarriedFrom,
                note: original.id,
                session: Some(source.id),
            }],
            phase: None,
            meeting: None,
            copied_from: None,
            status: NoteStatus::Active,
            created,
            updated: now,
            pos: None,
            clock: Default::default(),
            revived: 0,
            source: None,
            ..original
        });
    }
    if branches {
        let copy_of = |old: Uuid| copies.iter().find(|(o, _)| *o == old).map(|(_, c)| *c);
        for (old, copy) in &copies {
            let causes: Vec<NoteLink> = source
                .note(*old)?
                .links
                .iter()
                .filter(|l| l.kind == LinkKind::Causes && l.session.is_none())
                .filter_map(|l| copy_of(l.note))
                .map(|to| NoteLink {
                    kind: LinkKind::Causes,
                    note: to,
                    session: None,
                })
                .collect();
            new.note_mut(*copy)?.links.extend(causes);
        }
    }
    new.link_session(source.id, SessionRelation::FollowsFrom, now);
    source.link_session(new.id, SessionRelation::LeadsTo, now);
    Ok(new)
}

fn below_in_tree(session: &Session, method: &Method, id: Uuid) -> Vec<Uuid> {
    let mut out = Vec::new();
    let mut frontier = vec![id];
    while let Some(current) = frontier.pop() {
        for n in &session.notes {
            if n.id != id
                && !out.contains(&n.id)
                && session.tree_parent(method, n.id) == Some(current)
            {
                out.push(n.id);
                frontier.push(n.id);
            }
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

    fn method(id: &str) -> Method {
        MethodLibrary::builtin().get(id).cloned().unwrap()
    }

    #[test]
    fn mirroring_gives_every_problem_card_a_counterpart_once() {
        let m = method("problemtrae");
        let mut s = Session::new(&m, context("t"), t());
        let core = s
            .add_note(&m, NewNote::new("kerneproblem", "Intet overskud"), t())
            .unwrap();
        let cause = s
            .add_note(&m, NewNote::new("aarsager", "For lidt søvn"), t())
            .unwrap();
        let end = s
            .add_note(&m, NewNote::new("konsekvenser", "Syg"), t())
            .unwrap();
        s.set_tree_parent(&m, cause, core, t()).unwrap();
        let board = s.boards[0].id;
        let made = s.mirror_tree(&m, board, t()).unwrap();
        assert_eq!(made.len(), 3);
        let means = s.notes.iter().find(|n| n.zone == "midler").unwrap().clone();
        assert_eq!(means.text, "For lidt søvn");
        assert!(s.marks(&m).rewrite.contains(&means.id));
        assert!(
            means
                .links
                .iter()
                .any(|l| l.kind == LinkKind::Mirrors && l.note == cause)
        );
        let objective = s.notes.iter().find(|n| n.zone == "maal").unwrap().id;
        assert_eq!(
            s.tree_parent(&m, means.id),
            Some(objective),
            "the tree shape is kept"
        );
        assert!(s.notes.iter().any(|n| n.zone == "virkninger"));
        s.edit_note(means.id, "Mere søvn", t()).unwrap();
        assert!(!s.marks(&m).rewrite.contains(&means.id));
        assert!(
            s.mirror_tree(&m, board, t()).unwrap().is_empty(),
            "only once"
        );
        let _ = end;
    }

    #[test]
    fn cards_can_be_dropped_or_made_assumptions() {
        let m = method("problemtrae");
        let mut s = Session::new(&m, context("t"), t());
        let bus = s
            .add_note(&m, NewNote::new("midler", "Bussen kører ikke oftere"), t())
            .unwrap();
        s.make_assumption(&m, bus, t()).unwrap();
        assert_eq!(s.note(bus).unwrap().zone, "antagelser");
        s.set_status(bus, NoteStatus::Dropped, t()).unwrap();
        assert!(!s.note(bus).unwrap().status.is_active());
        let fw = method("fremtidsvaerksted");
        let mut other = Session::new(&fw, context("t"), t());
        let n = other
            .add_note(&fw, NewNote::new("kritik", "x"), t())
            .unwrap();
        assert_eq!(
            other.make_assumption(&fw, n, t()),
            Err(ModelError::NotForMethod)
        );
    }

    #[test]
    fn effects_attach_to_steps_only() {
        let m = method("theory-of-change");
        let mut s = Session::new(&m, context("t"), t());
        let step = s
            .add_note(&m, NewNote::new("trin", "Vi mødes hver torsdag"), t())
            .unwrap();
        let effect = s
            .add_note(&m, NewNote::new("effekter", "10 forældre kommer"), t())
            .unwrap();
        let problem = s
            .add_note(&m, NewNote::new("problem", "Ensomhed"), t())
            .unwrap();
        s.attach(&m, effect, Some(step), t()).unwrap();
        assert_eq!(
            s.attached_to(step).map(|n| n.id).collect::<Vec<_>>(),
            vec![effect]
        );
        assert_eq!(
            s.attach(&m, effect, Some(problem), t()),
            Err(ModelError::NotForMethod)
        );
        assert_eq!(
            s.attach(&m, problem, Some(step), t()),
            Err(ModelError::NotForMethod)
        );
        s.attach(&m, effect, None, t()).unwrap();
        assert_eq!(s.attached_to(step).count(), 0);
    }

    #[test]
    fn choosing_a_note_onward_copies_it_and_choosing_again_takes_it_back() {
        let m = method("double-diamond");
        let mut s = Session::new(&m, context("t"), t());
        let need = s
            .add_note(&m, NewNote::new("opdag", "Svært at forstå breve"), t())
            .unwrap();
        let copy = s.choose_onward(&m, need, "definer", t()).unwrap().unwrap();
        assert_eq!(s.note(copy).unwrap().zone, "definer");
        assert_eq!(s.onward_copy(need).map(|n| n.id), Some(copy));
        assert_eq!(s.choose_onward(&m, need, "definer", t()).unwrap(), None);
        assert!(s.onward_copy(need).is_none());
        assert_eq!(s.notes.len(), 1);
    }

    #[test]
    fn meetings_and_ratings_make_a_trend() {
        let m = method("rygsaek");
        let mut s = Session::new(&m, context("t"), t());
        let mira = s.add_participant(&m, "Mira", t()).unwrap();
        let day = Date::new(2026, 8, 20).unwrap();
        // Before any meeting, the first one begins on the day given.
        assert_eq!(s.rate(mira, 3, day, t()), Ok(true));
        assert_eq!(s.meetings.len(), 1);
        assert_eq!(s.meetings[0].date, day);
        assert_eq!(s.ratings_of(mira), vec![Some(3)]);
        assert_eq!(s.rate(mira, 4, day, t()), Ok(false));
        s.rate(mira, 5, day, t()).unwrap();
        let note = s
            .add_note(&m, NewNote::new("tage-med", "Min mormors opskrift"), t())
            .unwrap();
        assert_eq!(s.note(note).unwrap().meeting, Some(s.meetings[0].id));
        s.add_meeting(Date::new(2026, 8, 27).unwrap(), t());
        s.add_meeting(Date::new(2026, 9, 3).unwrap(), t());
        s.rate(mira, 2, day, t()).unwrap();
        assert_eq!(s.meetings.len(), 3, "a meeting begins only once");
        assert_eq!(s.ratings_of(mira), vec![Some(5), None, Some(2)]);
        assert_eq!(s.rate(mira, 6, day, t()), Err(ModelError::BadRating(6)));
    }

    #[test]
    fn clusters_merge() {
        let m = method("fremtidsvaerksted");
        let mut s = Session::new(&m, context("t"), t());
        let a = s.add_note(&m, NewNote::new("kritik", "a"), t()).unwrap();
        let b = s.add_note(&m, NewNote::new("kritik", "b"), t()).unwrap();
        let x = s.cluster_notes(&[a], "Tid", t()).unwrap();
        let y = s.cluster_notes(&[b], "Penge", t()).unwrap();
        s.merge_clusters(x, y, t()).unwrap();
        assert_eq!(s.clusters.len(), 1);
        assert!(s.notes.iter().all(|n| n.cluster == Some(y)));
        assert!(s.merge_clusters(y, y, t()).is_err());
    }

    fn carry<'a>(
        notes: &'a [Uuid],
        method: &'a Method,
        zone: &'a str,
        branches: bool,
    ) -> Carry<'a> {
        Carry {
            notes,
            method,
            zone,
            context: context("Næste"),
            branches,
        }
    }

    #[test]
    fn carrying_forward_copies_notes_and_links_both_sessions() {
        let tree = method("problemtrae");
        let toc = method("theory-of-change");
        let mut s = Session::new(&tree, context("Sundhed"), t());
        let core = s
            .add_note(&tree, NewNote::new("kerneproblem", "Intet overskud"), t())
            .unwrap();
        let cause = s
            .add_note(
                &tree,
                NewNote::new("aarsager", "Pengene slår ikke til"),
                t(),
            )
            .unwrap();
        let deeper = s
            .add_note(&tree, NewNote::new("aarsager", "Deltidsjob"), t())
            .unwrap();
        s.set_tree_parent(&tree, cause, core, t()).unwrap();
        s.set_tree_parent(&tree, deeper, cause, t()).unwrap();
        let cause_list = [cause];
        let next = carry_forward(
            &mut s,
            &tree,
            carry(&cause_list, &toc, "problem", false),
            t(),
        )
        .unwrap();
        assert_eq!(next.notes.len(), 1);
        assert_eq!(next.notes[0].text, "Pengene slår ikke til");
        assert_eq!(
            next.notes[0].links,
            vec![NoteLink {
                kind: LinkKind::CarriedFrom,
                note: cause,
                session: Some(s.id)
            }]
        );
        assert!(
            next.links
                .iter()
                .any(|l| l.session == s.id && l.relation == SessionRelation::FollowsFrom)
        );
        assert!(
            s.links
                .iter()
                .any(|l| l.session == next.id && l.relation == SessionRelation::LeadsTo)
        );
        let branch = carry_forward(
            &mut s,
            &tree,
            carry(&cause_list, &tree, "kerneproblem", true),
            t(),
        )
        .unwrap();
        assert_eq!(branch.notes.len(), 2, "the branch brings the card below it");
        assert!(carry_forward(&mut s, &tree, carry(&[], &toc, "problem", false), t()).is_err());
    }
}
