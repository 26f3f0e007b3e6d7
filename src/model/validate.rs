//! Checking that a session hangs together: every reference points at
//! something that exists, in the session or in its method.

use std::collections::HashSet;

use uuid::Uuid;

use super::Session;
use crate::i18n::Lang;
use crate::methods::Method;

/// One thing in a session file that does not fit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inconsistency {
    /// The session names another method than the one it was checked with.
    Method(String),
    /// The session has no board.
    NoBoards,
    /// Two objects of one kind share an id.
    DuplicateId(&'static str, Uuid),
    /// An object names a zone the method lacks.
    Zone(&'static str, Uuid, String),
    /// An object names a phase the method lacks.
    Phase(&'static str, String),
    /// An object points at an object that is not there.
    Dangling(&'static str, Uuid, &'static str, Uuid),
    /// A vote with no dots.
    EmptyVote(Uuid),
    /// A phase that ended before it started.
    PhaseTime(String),
    /// A rating outside 1–5.
    RatingValue(u8),
    /// A step of the day's plan that lasts no time, or more than a day.
    PlanMinutes(u32),
    /// Cards of a tree on a board (by name) whose `causes` links run in a
    /// loop: how many cards are in it or hang below it.
    TreeLoop(String, usize),
}

impl Inconsistency {
    /// The problem in `lang`, as one sentence.
    pub fn message(&self, lang: Lang) -> String {
        use Inconsistency::*;
        match (self, lang) {
            (Method(m), Lang::En) => format!("it was made with the method \"{m}\""),
            (Method(m), Lang::Da) => format!("den er lavet med metoden \"{m}\""),
            (NoBoards, Lang::En) => "it has no board".into(),
            (NoBoards, Lang::Da) => "den har ingen tavle".into(),
            (DuplicateId(kind, id), Lang::En) => format!("two {kind}s share the id {id}"),
            (DuplicateId(kind, id), Lang::Da) => format!("to objekter ({kind}) har samme id {id}"),
            (Zone(kind, id, zone), Lang::En) => {
                format!("{kind} {id} is in zone \"{zone}\", which the method does not have")
            }
            (Zone(kind, id, zone), Lang::Da) => {
                format!("{kind} {id} ligger i zonen \"{zone}\", som metoden ikke har")
            }
            (Phase(kind, phase), Lang::En) => {
                format!("a {kind} names phase \"{phase}\", which the method does not have")
            }
            (Phase(kind, phase), Lang::Da) => {
                format!("et objekt ({kind}) nævner fasen \"{phase}\", som metoden ikke har")
            }
            (Dangling(kind, id, target, missing), Lang::En) => {
                format!("{kind} {id} points to {target} {missing}, which does not exist")
            }
            (Dangling(kind, id, target, missing), Lang::Da) => {
                format!("{kind} {id} peger på {target} {missing}, som ikke findes")
            }
            (EmptyVote(id), Lang::En) => format!("vote {id} has no dots"),
            (EmptyVote(id), Lang::Da) => format!("stemme {id} har ingen prikker"),
            (PhaseTime(p), Lang::En) => format!("phase \"{p}\" ends before it starts"),
            (PhaseTime(p), Lang::Da) => format!("fasen \"{p}\" slutter, før den starter"),
            (RatingValue(v), Lang::En) => format!("a rating of {v} is outside 1–5"),
            (RatingValue(v), Lang::Da) => format!("en vurdering på {v} ligger uden for 1–5"),
            (PlanMinutes(m), Lang::En) => {
                format!("a step of the day's plan lasts {m} minutes, not 1 minute to a day")
            }
            (PlanMinutes(m), Lang::Da) => {
                format!("et trin i dagens plan varer {m} minutter, ikke 1 minut til en dag")
            }
            (TreeLoop(board, n), Lang::En) => format!(
                "the tree on board \"{board}\" has a loop: {n} cards cause each other in a circle or hang below such a circle"
            ),
            (TreeLoop(board, n), Lang::Da) => format!(
                "træet på tavlen \"{board}\" har en løkke: {n} kort er årsag til hinanden i ring eller hænger under sådan en ring"
            ),
        }
    }
}

fn unique<'a>(
    kind: &'static str,
    ids: impl Iterator<Item = &'a Uuid>,
    out: &mut Vec<Inconsistency>,
) -> HashSet<Uuid> {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(*id) {
            out.push(Inconsistency::DuplicateId(kind, *id));
        }
    }
    seen
}

impl Session {
    /// Everything in the session that does not fit together or does not fit
    /// `method`; empty when the session is sound.
    pub fn inconsistencies(&self, method: &Method) -> Vec<Inconsistency> {
        use Inconsistency::*;
        let mut out = Vec::new();
        if self.method.id != method.id {
            out.push(Method(self.method.id.clone()));
            return out;
        }
        if self.boards.is_empty() {
            out.push(NoBoards);
        }
        let boards = unique("board", self.boards.iter().map(|b| &b.id), &mut out);
        let people = unique(
            "participant",
            self.context.participants.iter().map(|p| &p.id),
            &mut out,
        );
        let notes = unique("note", self.notes.iter().map(|n| &n.id), &mut out);
        let clusters = unique("cluster", self.clusters.iter().map(|c| &c.id), &mut out);
        let decisions = unique("decision", self.decisions.iter().map(|d| &d.id), &mut out);
        unique("action", self.actions.iter().map(|a| &a.id), &mut out);
        unique("vote", self.votes.iter().map(|v| &v.id), &mut out);
        let meetings = unique("meeting", self.meetings.iter().map(|m| &m.id), &mut out);
        let zone_ok = |z: &str| method.zone(z).is_some();
        let phase_ok = |p: &Option<String>| p.as_deref().is_none_or(|p| method.phase(p).is_some());

        for b in &self.boards {
            if let Some(p) = b.participant.filter(|p| !people.contains(p)) {
                out.push(Dangling("board", b.id, "participant", p));
            }
        }
        for n in &self.notes {
            if !boards.contains(&n.board) {
                out.push(Dangling("note", n.id, "board", n.board));
            }
            if !zone_ok(&n.zone) {
                out.push(Zone("note", n.id, n.zone.clone()));
            }
            if let Some(c) = n.cluster.filter(|c| !clusters.contains(c)) {
                out.push(Dangling("note", n.id, "cluster", c));
            }
            for link in n.links.iter().filter(|l| l.session.is_none()) {
                if !notes.contains(&link.note) {
                    out.push(Dangling("note", n.id, "note", link.note));
                }
            }
            if !phase_ok(&n.phase) {
                out.push(Phase("note", n.phase.clone().unwrap_or_default()));
            }
            if let Some(m) = n.meeting.filter(|m| !meetings.contains(m)) {
                out.push(Dangling("note", n.id, "meeting", m));
            }
        }
        for r in &self.ratings {
            if !people.contains(&r.participant) {
                out.push(Dangling("rating", r.meeting, "participant", r.participant));
            }
            if !meetings.contains(&r.meeting) {
                out.push(Dangling("rating", r.participant, "meeting", r.meeting));
            }
            if !(1..=5).contains(&r.value) {
                out.push(RatingValue(r.value));
            }
        }
        for c in &self.clusters {
            if !boards.contains(&c.board) {
                out.push(Dangling("cluster", c.id, "board", c.board));
            }
            if !zone_ok(&c.zone) {
                out.push(Zone("cluster", c.id, c.zone.clone()));
            }
            for n in c.from.iter().filter(|n| !notes.contains(n)) {
                out.push(Dangling("cluster", c.id, "note", *n));
            }
        }
        for v in &self.votes {
            if !notes.contains(&v.note) {
                out.push(Dangling("vote", v.id, "note", v.note));
            }
            if v.dots == 0 {
                out.push(EmptyVote(v.id));
            }
        }
        for d in &self.decisions {
            for n in d.notes.iter().filter(|n| !notes.contains(n)) {
                out.push(Dangling("decision", d.id, "note", *n));
            }
        }
        for a in &self.actions {
            if let Some(n) = a.note.filter(|n| !notes.contains(n)) {
                out.push(Dangling("action", a.id, "note", n));
            }
            if let Some(d) = a.decision.filter(|d| !decisions.contains(d)) {
                out.push(Dangling("action", a.id, "decision", d));
            }
        }
        for b in &self.boards {
            for zones in method.trees() {
                let looped = self.tree(&zones, b.id).looped.len();
                if looped > 0 {
                    out.push(TreeLoop(b.name.clone(), looped));
                }
            }
        }
        for entry in &self.phase_log {
            if method.phase(&entry.phase).is_none() {
                out.push(Phase("phase log entry", entry.phase.clone()));
            }
            if entry.ended.is_some_and(|end| end < entry.started) {
                out.push(PhaseTime(entry.phase.clone()));
            }
        }
        // The plan's own phases must be the method's, each once, and a
        // step lasts 1 minute to a day; another session's phases are that
        // session's to check.
        if let Some(plan) = &self.plan {
            let mut seen = HashSet::new();
            for item in &plan.items {
                if !seen.insert(item.id) {
                    out.push(DuplicateId("plan step", item.id));
                }
                if item.minutes == 0 || item.minutes > super::MOST_MINUTES {
                    out.push(PlanMinutes(item.minutes));
                }
                if let Some(phase) = item.phase.as_ref().filter(|_| item.session.is_none())
                    && method.phase(phase).is_none()
                {
                    out.push(Phase("plan step", phase.clone()));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{context, method};
    use crate::model::{NewNote, new_id};
    use jiff::Timestamp;

    #[test]
    fn a_plan_with_a_phase_the_method_lacks_or_no_minutes_is_reported() {
        let m = method();
        let mut s = Session::new(&m, context("t"), Timestamp::UNIX_EPOCH);
        let t = Timestamp::UNIX_EPOCH;
        s.plan_insert(crate::model::PlanItem::phase("kritik", 30, None), None, t)
            .unwrap();
        assert!(s.inconsistencies(&m).is_empty());
        let plan = s.plan.as_mut().unwrap();
        plan.items
            .push(crate::model::PlanItem::phase("nope", 0, None));
        let found = s.inconsistencies(&m);
        assert!(found.contains(&Inconsistency::PlanMinutes(0)), "{found:?}");
        assert!(found.contains(&Inconsistency::Phase("plan step", "nope".into())));
    }

    #[test]
    fn a_fresh_session_is_sound() {
        let m = method();
        let mut s = Session::new(&m, context("t"), Timestamp::UNIX_EPOCH);
        let a = s
            .add_note(&m, NewNote::new("kritik", "a"), Timestamp::UNIX_EPOCH)
            .unwrap();
        s.set_dots(a, 2, None, Timestamp::UNIX_EPOCH).unwrap();
        assert_eq!(s.inconsistencies(&m), vec![]);
    }

    #[test]
    fn dangling_references_are_found() {
        let m = method();
        let mut s = Session::new(&m, context("t"), Timestamp::UNIX_EPOCH);
        let a = s
            .add_note(&m, NewNote::new("kritik", "a"), Timestamp::UNIX_EPOCH)
            .unwrap();
        let ghost = new_id();
        s.notes[0].zone = "kritikk".into();
        s.notes[0].cluster = Some(ghost);
        s.set_dots(a, 1, None, Timestamp::UNIX_EPOCH).unwrap();
        s.votes[0].dots = 0;
        let found = s.inconsistencies(&m);
        assert!(found.contains(&Inconsistency::Zone("note", a, "kritikk".into())));
        assert!(found.contains(&Inconsistency::Dangling("note", a, "cluster", ghost)));
        assert!(found.contains(&Inconsistency::EmptyVote(s.votes[0].id)));
        assert!(
            found[0]
                .message(Lang::En)
                .contains("which the method does not have")
        );
    }
}
