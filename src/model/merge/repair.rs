//! Making a joined session whole: what points nowhere goes, what is made
//! from private words is private, and notes keep their order.

use std::collections::{HashMap, HashSet};

use jiff::{SignedDuration, Timestamp};
use uuid::Uuid;

use super::Item;
use crate::model::Session;

/// Gives a place (`pos`) to each note that stands out of the order of
/// the notes' times, without stamping it: for a file from before format 3,
/// whose list order was the only order, so that merging keeps it. The
/// same on every laptop that migrates the same file.
pub fn settle_note_order(s: &mut Session) {
    let mut previous: Option<(Timestamp, Uuid)> = None;
    for n in &mut s.notes {
        let key = (n.order_key(), n.id);
        match previous {
            Some((p, pid)) if key <= (p, pid) => {
                let pos = p + SignedDuration::from_nanos(1);
                n.pos = Some(pos);
                previous = Some((pos, n.id));
            }
            _ => previous = Some(key),
        }
    }
}

/// For each note, decision and cluster, the items made from it: decisions,
/// clusters and actions taken from it, and copies of a note.
pub(super) fn references(s: &Session) -> HashMap<Uuid, Vec<Uuid>> {
    let mut out: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for n in &s.notes {
        for l in n.links.iter().filter(|l| l.session.is_none()) {
            if matches!(
                l.kind,
                crate::model::LinkKind::Mirrors | crate::model::LinkKind::CarriedFrom
            ) {
                out.entry(l.note).or_default().push(n.id);
            }
        }
        if let Some(o) = n.copied_from {
            out.entry(o).or_default().push(n.id);
        }
        if let Some(c) = n.cluster {
            out.entry(n.id).or_default().push(c);
        }
    }
    for c in &s.clusters {
        for n in &c.from {
            out.entry(*n).or_default().push(c.id);
        }
    }
    for d in &s.decisions {
        for n in &d.notes {
            out.entry(*n).or_default().push(d.id);
        }
    }
    for a in &s.actions {
        for from in a.note.iter().chain(&a.decision) {
            out.entry(*from).or_default().push(a.id);
        }
    }
    out
}

/// Drops what points nowhere after a join and makes private again what is
/// made from private notes, also from notes deleted since (their
/// tombstones remember). A pure function of the session, so it keeps the
/// join's laws.
pub(crate) fn repair(s: &mut Session) {
    if !s.deleted.is_empty() {
        let refs = references(s);
        let gone: HashSet<Uuid> = s.deleted.iter().map(|t| t.id).collect();
        for t in &mut s.deleted {
            if let Some(from) = refs.get(&t.id) {
                t.add_derived(from.iter().copied());
            }
            // What is gone itself needs no keeping private; leaving it out
            // keeps the list the same whatever the order of merging.
            t.derived.retain(|d| !gone.contains(d));
        }
    }
    let notes: HashSet<Uuid> = s.notes.iter().map(|n| n.id).collect();
    let clusters: HashSet<Uuid> = s.clusters.iter().map(|c| c.id).collect();
    let decisions: HashSet<Uuid> = s.decisions.iter().map(|d| d.id).collect();
    let meetings: HashSet<Uuid> = s.meetings.iter().map(|m| m.id).collect();
    let people: HashSet<Uuid> = s.context.participants.iter().map(|p| p.id).collect();
    s.votes.retain(|v| notes.contains(&v.note));
    for n in &mut s.notes {
        if n.cluster.is_some_and(|c| !clusters.contains(&c)) {
            n.cluster = None;
        }
        n.links
            .retain(|l| l.session.is_some() || notes.contains(&l.note));
        if n.meeting.is_some_and(|m| !meetings.contains(&m)) {
            n.meeting = None;
        }
    }
    for c in &mut s.clusters {
        c.from.retain(|n| notes.contains(n));
    }
    for d in &mut s.decisions {
        d.notes.retain(|n| notes.contains(n));
    }
    for a in &mut s.actions {
        if a.note.is_some_and(|n| !notes.contains(&n)) {
            a.note = None;
        }
        if a.decision.is_some_and(|d| !decisions.contains(&d)) {
            a.decision = None;
        }
    }
    s.ratings
        .retain(|r| meetings.contains(&r.meeting) && people.contains(&r.participant));
    for b in &mut s.boards {
        if b.participant.is_some_and(|p| !people.contains(&p)) {
            b.participant = None;
        }
    }
    let mut private: Vec<Uuid> = s.notes.iter().filter(|n| n.private).map(|n| n.id).collect();
    let from_private: HashSet<Uuid> = s
        .deleted
        .iter()
        .filter(|t| t.private)
        .flat_map(|t| t.derived.iter().copied())
        .collect();
    if !from_private.is_empty() {
        private.extend(
            s.notes
                .iter()
                .filter(|n| from_private.contains(&n.id))
                .map(|n| n.id),
        );
        for c in s
            .clusters
            .iter_mut()
            .filter(|c| from_private.contains(&c.id))
        {
            c.private = true;
        }
        for d in s
            .decisions
            .iter_mut()
            .filter(|d| from_private.contains(&d.id))
        {
            d.private = true;
        }
        for a in s
            .actions
            .iter_mut()
            .filter(|a| from_private.contains(&a.id))
        {
            a.private = true;
        }
    }
    if !private.is_empty() {
        s.spread_privacy_from(&private);
    }
    let private_decisions: HashSet<Uuid> = s
        .decisions
        .iter()
        .filter(|d| d.private)
        .map(|d| d.id)
        .collect();
    for a in &mut s.actions {
        if !a.private && a.decision.is_some_and(|d| private_decisions.contains(&d)) {
            a.private = true;
        }
    }
}

impl Session {
    /// The session without what only merging needs (clocks, tombstones,
    /// generations): what two copies that say the same thing share.
    pub fn without_bookkeeping(&self) -> Session {
        let mut s = self.clone();
        s.drop_bookkeeping();
        s
    }

    /// Drops, in place, what only merging needs (see
    /// [`Session::without_bookkeeping`]): for an export, which is read by
    /// people, not merged.
    pub fn drop_bookkeeping(&mut self) {
        fn clear<T: Item>(list: &mut [T]) {
            for x in list {
                x.clock_mut().clear();
                x.set_revived(0);
            }
        }
        let s = self;
        s.clock.clear();
        s.deleted.clear();
        clear(&mut s.context.participants);
        clear(&mut s.boards);
        clear(&mut s.notes);
        clear(&mut s.clusters);
        clear(&mut s.votes);
        clear(&mut s.decisions);
        clear(&mut s.actions);
        clear(&mut s.phase_log);
        clear(&mut s.links);
        clear(&mut s.meetings);
        clear(&mut s.ratings);
    }
}
