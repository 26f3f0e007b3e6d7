//! Stamping the changes made since a version: what every save does, and
//! what a three-way merge does for copies no one stamped.

use std::collections::{HashMap, HashSet};

use jiff::{SignedDuration, Timestamp};
use uuid::Uuid;

use super::repair::references;
use super::{Item, bookkeeping, fields, header};
use crate::model::clock::{Clock, Stamp, Tombstone, join_clocks};
use crate::model::{Note, Session};

/// Stamps in `new` every change made since `base` that carries no stamp
/// yet, at `at` on `device`: changed fields get a clock entry (later than
/// any before it, so the change wins where it was made), deleted items a
/// tombstone, an item brought back by an undo its next generation, and a
/// note moved out of its order a position. Clock entries and tombstones
/// `base` had are kept even where `new` lost them.
pub fn record_changes(base: &Session, new: &mut Session, at: Timestamp, device: &str) {
    let mut dead: HashMap<Uuid, Tombstone> = HashMap::new();
    for t in base.deleted.iter().chain(&new.deleted) {
        dead.entry(t.id)
            .and_modify(|x| *x = x.join(t))
            .or_insert_with(|| t.clone());
    }
    let before = dead.len();
    let tombs_changed = new.deleted.len() != base.deleted.len();
    // Positions a save worked out last time are kept, also where the
    // session in memory never had them.
    inherit_positions(&base.notes, &mut new.notes);
    record_list(
        &base.context.participants,
        &mut new.context.participants,
        &mut dead,
        at,
        device,
    );
    record_list(&base.boards, &mut new.boards, &mut dead, at, device);
    record_list(&base.notes, &mut new.notes, &mut dead, at, device);
    record_list(&base.clusters, &mut new.clusters, &mut dead, at, device);
    record_list(&base.votes, &mut new.votes, &mut dead, at, device);
    record_list(&base.decisions, &mut new.decisions, &mut dead, at, device);
    record_list(&base.actions, &mut new.actions, &mut dead, at, device);
    record_list(&base.phase_log, &mut new.phase_log, &mut dead, at, device);
    record_list(&base.links, &mut new.links, &mut dead, at, device);
    record_list(&base.meetings, &mut new.meetings, &mut dead, at, device);
    record_list(&base.ratings, &mut new.ratings, &mut dead, at, device);
    order_notes(&mut new.notes, at, device);
    // The session's own fields.
    new.clock = join_clocks(&base.clock, &new.clock);
    let (hb, hn) = (header(base), header(new));
    if hb != hn {
        let keys: std::collections::BTreeSet<&String> = hb.keys().chain(hn.keys()).collect();
        for key in keys {
            if hb.get(key) != hn.get(key) {
                stamp(
                    &mut new.clock,
                    key,
                    at,
                    device,
                    base.clock.get(key.as_str()),
                );
            }
        }
    }
    if dead.len() != before {
        // What was made from a deleted note, decision or cluster is written
        // on its tombstone (see `Tombstone::derived`).
        let refs = references(base);
        for t in dead.values_mut() {
            if let Some(from) = refs.get(&t.id) {
                t.add_derived(from.iter().copied());
            }
        }
    }
    if dead.len() != before || tombs_changed {
        let mut tombs: Vec<Tombstone> = dead.into_values().collect();
        tombs.sort_by_key(|t| t.id);
        new.deleted = tombs;
    }
}

/// Sets the clock entry of `key` to a change at `at` on `device`, unless
/// the entry already moved on since `old` (the change was stamped).
fn stamp(clock: &mut Clock, key: &str, at: Timestamp, device: &str, old: Option<&Stamp>) {
    let current = clock.get(key);
    if current.is_some() && current != old {
        return;
    }
    let at = match old {
        Some(o) if o.at >= at => o.at + SignedDuration::from_nanos(1),
        _ => at,
    };
    clock.insert(key.to_string(), Stamp::new(at, device));
}

fn record_list<T: Item>(
    base: &[T],
    new: &mut [T],
    dead: &mut HashMap<Uuid, Tombstone>,
    at: Timestamp,
    device: &str,
) {
    if base == new {
        return;
    }
    // Most items stand where they stood; only the rest need a lookup.
    let aligned = |i: usize, x: &T| base.get(i).filter(|b| b.id() == x.id());
    let mut lookup: Option<HashMap<Uuid, &T>> = None;
    let mut seen: HashSet<Uuid> = HashSet::new();
    let mut all_aligned = base.len() == new.len();
    for (i, x) in new.iter_mut().enumerate() {
        let old = match aligned(i, x) {
            Some(b) => Some(b),
            None => {
                all_aligned = false;
                lookup
                    .get_or_insert_with(|| base.iter().map(|b| (b.id(), b)).collect())
                    .get(&x.id())
                    .copied()
            }
        };
        seen.insert(x.id());
        match old {
            Some(old) if old == x => {}
            Some(old) => record_item(old, x, at, device),
            None => {
                if let Some(t) = dead.get(&x.id())
                    && t.revived >= x.revived()
                {
                    // Brought back by an undo: the next generation.
                    x.set_revived(t.revived + 1);
                }
            }
        }
    }
    if all_aligned {
        return;
    }
    for old in base.iter().filter(|b| !seen.contains(&b.id())) {
        let t = Tombstone::new(old.id(), at, old.revived(), old.is_private());
        dead.entry(t.id)
            .and_modify(|x| *x = x.join(&t))
            .or_insert(t);
    }
}

fn record_item<T: Item>(old: &T, new: &mut T, at: Timestamp, device: &str) {
    let mut clock = join_clocks(old.clock(), new.clock());
    let revived = old.revived().max(new.revived());
    let (fo, fn_) = (fields(old), fields(new));
    let keys: std::collections::BTreeSet<&String> = fo.keys().chain(fn_.keys()).collect();
    for key in keys {
        if bookkeeping(key) || fo.get(key) == fn_.get(key) {
            continue;
        }
        // The entry as it was before this change: the new copy may hold a
        // later one from a merge, which means the change was stamped.
        let before = old.clock().get(key.as_str());
        let now_entry = new.clock().get(key.as_str());
        if now_entry.is_some() && now_entry != before {
            continue;
        }
        stamp(&mut clock, key, at, device, before);
    }
    *new.clock_mut() = clock;
    new.set_revived(revived);
}

/// Gives notes the positions the saved file had, where the copy in memory
/// has none.
fn inherit_positions(base: &[Note], new: &mut [Note]) {
    if !base.iter().any(|n| n.pos.is_some()) {
        return;
    }
    let pos: HashMap<Uuid, Timestamp> = base
        .iter()
        .filter_map(|n| n.pos.map(|p| (n.id, p)))
        .collect();
    for n in new.iter_mut().filter(|n| n.pos.is_none()) {
        if let Some(p) = pos.get(&n.id) {
            n.pos = Some(*p);
        }
    }
}

/// Makes the notes' order keys rise along the list, so that a merge,
/// which sorts by them, keeps the order the facilitator gave: a note that
/// stands after one with a later key (moved up, moved to another zone)
/// gets a position just after it.
fn order_notes(notes: &mut [Note], at: Timestamp, device: &str) {
    let mut previous: Option<(Timestamp, Uuid)> = None;
    for n in notes.iter_mut() {
        let key = (n.order(), n.id);
        if let Some((p, pid)) = previous
            && key <= (p, pid)
        {
            let pos = p + SignedDuration::from_nanos(1);
            n.pos = Some(pos);
            let old = n.clock.get("pos").cloned();
            stamp(&mut n.clock, "pos", at.max(pos), device, old.as_ref());
            previous = Some((pos, n.id));
        } else {
            previous = Some(key);
        }
    }
}
