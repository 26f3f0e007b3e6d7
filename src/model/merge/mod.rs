//! Merging copies of one session, item by item and field by field.
//!
//! Two copies of a session (from two laptops, a synced folder's conflict
//! copy, two branches of a git repository) are joined like this:
//!
//! - an item is known by its id; an item only one copy has is kept;
//! - an item both have keeps, for each field, the value with the later
//!   change in its [`Clock`] (a field without an entry has not changed
//!   since the item was made, so any change beats it); equal times are
//!   settled by the device id, then by the value itself;
//! - a [`Tombstone`] deletes its item in every copy, unless an undo
//!   brought the item back after that deletion (`revived`);
//! - what the join leaves pointing nowhere (a vote on a note deleted on
//!   the other laptop) is dropped, and everything made from a private
//!   note is private again, so a merge never publishes words.
//!
//! The join is commutative, associative and idempotent: any order of
//! merging any number of copies gives the same session.
//!
//! Copies written by an older sempre, or edited by hand, carry no stamps
//! for their changes; [`record_changes`] finds them by comparing with the
//! version before and stamps them, which is also what every save does.

mod record;
mod repair;
mod report;

pub use record::record_changes;
pub(crate) use repair::repair;
pub use repair::settle_note_order;
pub use report::{Conflict, Kind, MergeReport};

use std::collections::HashMap;

use jiff::Timestamp;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use uuid::Uuid;

use super::clock::{Clock, Stamp, Tombstone, join_clocks};
use super::{
    Action, Board, Cluster, Decision, Meeting, Note, Participant, PhaseEntry, Rating, Session,
    SessionLink, SessionRelation, Vote,
};

/// The namespace of the ids sempre makes from other ids.
const NAMESPACE: Uuid = Uuid::from_u128(0x5e3b_7c1a_94d2_4f0e_8a61_2b9c_d0e4_f713);

/// The id of a participant's rating at a meeting: the same on every
/// device, so two ratings of one meeting are one rating.
pub fn rating_id(participant: Uuid, meeting: Uuid) -> Uuid {
    let mut name = Vec::with_capacity(40);
    name.extend_from_slice(b"rating");
    name.extend_from_slice(participant.as_bytes());
    name.extend_from_slice(meeting.as_bytes());
    Uuid::new_v5(&NAMESPACE, &name)
}

/// The id of a link from `session` to `other`: the same on every device.
pub fn link_id(session: Uuid, other: Uuid, relation: SessionRelation) -> Uuid {
    let mut name = Vec::with_capacity(48);
    name.extend_from_slice(b"link");
    name.extend_from_slice(session.as_bytes());
    name.extend_from_slice(other.as_bytes());
    name.extend_from_slice(format!("{relation:?}").as_bytes());
    Uuid::new_v5(&NAMESPACE, &name)
}

/// An id made from `parts`, for migrating items that had none.
pub fn derived_id(parts: &[&[u8]]) -> Uuid {
    Uuid::new_v5(&NAMESPACE, &parts.concat())
}

/// A merged session and what the second copy brought into it.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The session holding both copies' work.
    pub session: Session,
    /// What came from the other copy.
    pub report: MergeReport,
}

/// Why two files cannot be merged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    /// They hold two different sessions.
    #[error("they are two different sessions ({0} and {1}), not copies of one")]
    DifferentSessions(Uuid, Uuid),
}

/// An item of a session that copies can disagree about.
pub(crate) trait Item: Clone + PartialEq + Serialize + DeserializeOwned {
    /// Its kind, for reports.
    const KIND: Kind;
    fn id(&self) -> Uuid;
    /// Where it stands in its list.
    fn order(&self) -> Timestamp;
    fn clock(&self) -> &Clock;
    fn clock_mut(&mut self) -> &mut Clock;
    fn revived(&self) -> u32;
    fn set_revived(&mut self, n: u32);
    /// When it was made and last changed.
    fn times(&self) -> (Timestamp, Timestamp);
    fn set_times(&mut self, created: Timestamp, updated: Timestamp);
    /// Whether it is private (only notes, clusters, decisions and actions
    /// can be).
    fn is_private(&self) -> bool;
    /// Whether it is private by someone's choice, never by a merge's
    /// repair: a note that is no copy of another and is private. Only
    /// this marks a tombstone in a merge, so the mark does not depend on
    /// the order of merging.
    fn chosen_private(&self) -> bool {
        false
    }
}

impl Note {
    fn is_copy(&self) -> bool {
        self.copied_from.is_some()
            || self.links.iter().any(|l| {
                l.session.is_none()
                    && matches!(
                        l.kind,
                        crate::model::LinkKind::Mirrors | crate::model::LinkKind::CarriedFrom
                    )
            })
    }
}

macro_rules! item {
    ($t:ty, $kind:expr, $created:ident, $order:expr, $private:expr) => {
        item!($t, $kind, $created, $order, $private, |_| false);
    };
    ($t:ty, $kind:expr, $created:ident, $order:expr, $private:expr, $chosen:expr) => {
        impl Item for $t {
            const KIND: Kind = $kind;
            fn id(&self) -> Uuid {
                self.id
            }
            fn order(&self) -> Timestamp {
                let order: fn(&$t) -> Timestamp = $order;
                order(self)
            }
            fn clock(&self) -> &Clock {
                &self.clock
            }
            fn clock_mut(&mut self) -> &mut Clock {
                &mut self.clock
            }
            fn revived(&self) -> u32 {
                self.revived
            }
            fn set_revived(&mut self, n: u32) {
                self.revived = n;
            }
            fn times(&self) -> (Timestamp, Timestamp) {
                (self.$created, self.updated)
            }
            fn set_times(&mut self, created: Timestamp, updated: Timestamp) {
                self.$created = created;
                self.updated = updated;
            }
            fn is_private(&self) -> bool {
                let private: fn(&$t) -> bool = $private;
                private(self)
            }
            fn chosen_private(&self) -> bool {
                let chosen: fn(&$t) -> bool = $chosen;
                chosen(self)
            }
        }
    };
}

item!(
    Note,
    Kind::Note,
    created,
    |n| n.pos.unwrap_or(n.created),
    |n| n.private,
    |n| n.private && !n.is_copy()
);
item!(Cluster, Kind::Cluster, created, |c| c.created, |c| c
    .private);
item!(Vote, Kind::Vote, created, |v| v.created, |_| false);
item!(Decision, Kind::Decision, created, |d| d.created, |d| d
    .private);
item!(Action, Kind::Action, created, |a| a.created, |a| a.private);
item!(Meeting, Kind::Meeting, created, |m| m.created, |_| false);
item!(Rating, Kind::Rating, created, |r| r.created, |_| false);
item!(Board, Kind::Board, created, |b| b.created, |_| false);
item!(
    Participant,
    Kind::Participant,
    created,
    |p| p.created,
    |_| false
);
item!(PhaseEntry, Kind::Phase, started, |p| p.started, |_| false);
item!(SessionLink, Kind::Link, created, |l| l.created, |_| false);

/// The fields of an item that are not merged as values: who it is, its
/// times and its clock.
fn bookkeeping(key: &str) -> bool {
    matches!(key, "id" | "created" | "updated" | "clock" | "revived")
}

fn fields<T: Serialize>(item: &T) -> Map<String, Value> {
    match serde_json::to_value(item) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

/// A field's value and the stamp of its last change, ordered so that the
/// later change wins, then the device, then the value (so that even two
/// changes stamped alike settle the same way on every laptop).
fn rank<'a>(stamp: Option<&'a Stamp>, value: Option<&Value>) -> (Option<&'a Stamp>, String) {
    (stamp, value.map(|v| v.to_string()).unwrap_or_default())
}

/// Joins two versions of one item; `report` hears about the fields where
/// `b` won.
fn join_item<T: Item>(a: &T, b: &T, report: &mut MergeReport) -> T {
    if a == b {
        return a.clone();
    }
    if a.revived() != b.revived() {
        // A generation brought back by an undo replaces the one before.
        if b.revived() > a.revived() {
            MergeReport::count(&mut report.changed, T::KIND);
            return b.clone();
        }
        return a.clone();
    }
    let (fa, fb) = (fields(a), fields(b));
    let mut out = fa.clone();
    let mut theirs_won = false;
    let keys: std::collections::BTreeSet<&String> = fa.keys().chain(fb.keys()).collect();
    for key in keys {
        if bookkeeping(key) {
            continue;
        }
        let (x, y) = (fa.get(key), fb.get(key));
        if x == y {
            continue;
        }
        let (sa, sb) = (a.clock().get(key.as_str()), b.clock().get(key.as_str()));
        let b_wins = rank(sb, y) > rank(sa, x);
        if sa.is_some() && sb.is_some() {
            report.conflicts.push(Conflict {
                kind: T::KIND,
                id: a.id(),
                field: key.clone(),
                theirs_newer: b_wins,
            });
        }
        if b_wins {
            theirs_won = true;
            match y {
                Some(v) => out.insert(key.clone(), v.clone()),
                None => out.remove(key.as_str()),
            };
        }
    }
    if theirs_won {
        MergeReport::count(&mut report.changed, T::KIND);
    }
    let mut item: T = serde_json::from_value(Value::Object(out)).unwrap_or_else(|_| a.clone());
    *item.clock_mut() = join_clocks(a.clock(), b.clock());
    let ((ca, ua), (cb, ub)) = (a.times(), b.times());
    item.set_times(ca.min(cb), ua.max(ub));
    item
}

/// Whether a tombstone deletes `item`.
fn is_dead<T: Item>(item: &T, dead: &HashMap<Uuid, Tombstone>) -> bool {
    dead.get(&item.id())
        .is_some_and(|t| t.revived >= item.revived())
}

/// Joins two lists of items.
fn join_list<T: Item>(
    a: &[T],
    b: &[T],
    dead: &mut HashMap<Uuid, Tombstone>,
    report: &mut MergeReport,
) -> Vec<T> {
    // A version that dies here and was private marks its tombstone, so
    // what was made from it stays private in every order of merging.
    if !dead.is_empty() {
        for x in a.iter().chain(b) {
            if x.chosen_private()
                && let Some(t) = dead.get_mut(&x.id())
                && t.revived >= x.revived()
            {
                t.private = true;
            }
        }
    }
    let dead = &*dead;
    let mut out: Vec<T>;
    if a == b {
        out = a.to_vec();
    } else {
        let mut theirs: HashMap<Uuid, &T> = b.iter().map(|x| (x.id(), x)).collect();
        out = Vec::with_capacity(a.len().max(b.len()));
        for x in a {
            match theirs.remove(&x.id()) {
                Some(y) => out.push(join_item(x, y, report)),
                None => {
                    if is_dead(x, dead) {
                        MergeReport::count(&mut report.deleted, T::KIND);
                    }
                    out.push(x.clone());
                }
            }
        }
        for y in b {
            if theirs.contains_key(&y.id()) {
                if !is_dead(y, dead) {
                    MergeReport::count(&mut report.added, T::KIND);
                }
                out.push(y.clone());
            }
        }
    }
    if !dead.is_empty() {
        out.retain(|x| !is_dead(x, dead));
    }
    sort_items(&mut out);
    out
}

fn sort_items<T: Item>(list: &mut [T]) {
    let sorted = list
        .windows(2)
        .all(|w| (w[0].order(), w[0].id()) < (w[1].order(), w[1].id()));
    if !sorted {
        list.sort_by_key(|x| (x.order(), x.id()));
    }
}

/// The parts of a session that are fields of the session itself (its
/// context but for the participants, its method, its time box), by the
/// name its clock uses.
fn header(s: &Session) -> Map<String, Value> {
    let mut out = Map::new();
    let mut context = fields(&s.context);
    context.remove("participants");
    for (key, value) in context {
        out.insert(format!("context.{key}"), value);
    }
    if let Ok(v) = serde_json::to_value(&s.method) {
        out.insert("method".into(), v);
    }
    if let Some(t) = &s.timer
        && let Ok(v) = serde_json::to_value(t)
    {
        out.insert("timer".into(), v);
    }
    if let Some(p) = &s.plan
        && let Ok(v) = serde_json::to_value(p)
    {
        out.insert("plan".into(), v);
    }
    out
}

/// Puts header fields back into a session.
fn set_header(s: &mut Session, header: &Map<String, Value>) {
    let mut context = Map::new();
    for (key, value) in header {
        if let Some(field) = key.strip_prefix("context.") {
            context.insert(field.to_string(), value.clone());
        }
    }
    if let Ok(v) = serde_json::to_value(&s.context.participants) {
        context.insert("participants".into(), v);
    }
    if let Ok(c) = serde_json::from_value(Value::Object(context)) {
        s.context = c;
    }
    if let Some(m) = header
        .get("method")
        .and_then(|v| serde_json::from_value(v.clone()).ok())
    {
        s.method = m;
    }
    s.timer = header
        .get("timer")
        .and_then(|v| serde_json::from_value(v.clone()).ok());
    s.plan = header
        .get("plan")
        .and_then(|v| serde_json::from_value(v.clone()).ok());
}

fn join_header(a: &Session, b: &Session, out: &mut Session, report: &mut MergeReport) {
    let (ha, hb) = (header(a), header(b));
    if ha == hb {
        return;
    }
    let mut merged = ha.clone();
    let keys: std::collections::BTreeSet<&String> = ha.keys().chain(hb.keys()).collect();
    for key in keys {
        let (x, y) = (ha.get(key), hb.get(key));
        if x == y {
            continue;
        }
        let (sa, sb) = (a.clock.get(key.as_str()), b.clock.get(key.as_str()));
        let b_wins = rank(sb, y) > rank(sa, x);
        if sa.is_some() && sb.is_some() {
            report.conflicts.push(Conflict {
                kind: Kind::Session,
                id: a.id,
                field: key.clone(),
                theirs_newer: b_wins,
            });
        }
        if b_wins {
            match y {
                Some(v) => merged.insert(key.clone(), v.clone()),
                None => merged.remove(key.as_str()),
            };
        }
    }
    set_header(out, &merged);
}

/// Merges two copies of one session. `b`'s contributions are reported.
pub fn merge(a: &Session, b: &Session) -> Result<Merged, MergeError> {
    if a.id != b.id {
        return Err(MergeError::DifferentSessions(a.id, b.id));
    }
    let mut report = MergeReport::default();
    let mut dead: HashMap<Uuid, Tombstone> = HashMap::new();
    for t in a.deleted.iter().chain(&b.deleted) {
        dead.entry(t.id)
            .and_modify(|x| *x = x.join(t))
            .or_insert_with(|| t.clone());
    }
    let mut out = a.clone();
    join_header(a, b, &mut out, &mut report);
    out.format = super::FORMAT;
    out.created = a.created.min(b.created);
    out.updated = a.updated.max(b.updated);
    out.clock = join_clocks(&a.clock, &b.clock);
    out.context.participants = join_list(
        &a.context.participants,
        &b.context.participants,
        &mut dead,
        &mut report,
    );
    out.boards = join_list(&a.boards, &b.boards, &mut dead, &mut report);
    out.notes = join_list(&a.notes, &b.notes, &mut dead, &mut report);
    out.clusters = join_list(&a.clusters, &b.clusters, &mut dead, &mut report);
    out.votes = join_list(&a.votes, &b.votes, &mut dead, &mut report);
    out.decisions = join_list(&a.decisions, &b.decisions, &mut dead, &mut report);
    out.actions = join_list(&a.actions, &b.actions, &mut dead, &mut report);
    out.phase_log = join_list(&a.phase_log, &b.phase_log, &mut dead, &mut report);
    out.links = join_list(&a.links, &b.links, &mut dead, &mut report);
    out.meetings = join_list(&a.meetings, &b.meetings, &mut dead, &mut report);
    out.ratings = join_list(&a.ratings, &b.ratings, &mut dead, &mut report);
    let mut tombs: Vec<Tombstone> = dead.into_values().collect();
    tombs.sort_by_key(|t| t.id);
    out.deleted = tombs;
    repair(&mut out);
    Ok(Merged {
        session: out,
        report,
    })
}

/// Merges `ours` and `theirs`, two versions of `base`, as git asks a merge
/// driver to: changes either side made without stamping them (an older
/// sempre, a hand edit) are found against the base and stamped first, so
/// that they count, and deletions leave tombstones.
pub fn merge_three(
    base: &Session,
    ours: &Session,
    theirs: &Session,
    device: &str,
) -> Result<Merged, MergeError> {
    let mut ours = ours.clone();
    let mut theirs = theirs.clone();
    let at_ours = ours.updated.max(base.updated);
    let at_theirs = theirs.updated.max(base.updated);
    record_changes(base, &mut ours, at_ours, device);
    record_changes(base, &mut theirs, at_theirs, "");
    merge(&ours, &theirs)
}
