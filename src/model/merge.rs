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

use std::collections::{BTreeMap, HashMap, HashSet};

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use uuid::Uuid;

use super::clock::{Clock, Stamp, Tombstone, join_clocks};
use super::{
    Action, Board, Cluster, Decision, Meeting, Note, Participant, PhaseEntry, Rating, Session,
    SessionLink, SessionRelation, Vote,
};
use crate::i18n::Lang;

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

/// The kinds of item a session holds, as a merge report counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Sticky notes.
    Note,
    /// Clusters.
    Cluster,
    /// Votes.
    Vote,
    /// Decisions.
    Decision,
    /// Actions.
    Action,
    /// Meetings.
    Meeting,
    /// Ratings.
    Rating,
    /// Boards.
    Board,
    /// Participants.
    Participant,
    /// Phase-log entries.
    Phase,
    /// Links to other sessions.
    Link,
    /// The session's own fields (its title, its context).
    Session,
}

impl Kind {
    /// The kind's name, for `n` items.
    pub fn name(self, lang: Lang, n: usize) -> &'static str {
        let one = n == 1;
        match (lang, self) {
            (Lang::En, Kind::Note) => {
                if one {
                    "note"
                } else {
                    "notes"
                }
            }
            (Lang::En, Kind::Cluster) => {
                if one {
                    "cluster"
                } else {
                    "clusters"
                }
            }
            (Lang::En, Kind::Vote) => {
                if one {
                    "vote"
                } else {
                    "votes"
                }
            }
            (Lang::En, Kind::Decision) => {
                if one {
                    "decision"
                } else {
                    "decisions"
                }
            }
            (Lang::En, Kind::Action) => {
                if one {
                    "action"
                } else {
                    "actions"
                }
            }
            (Lang::En, Kind::Meeting) => {
                if one {
                    "meeting"
                } else {
                    "meetings"
                }
            }
            (Lang::En, Kind::Rating) => {
                if one {
                    "rating"
                } else {
                    "ratings"
                }
            }
            (Lang::En, Kind::Board) => {
                if one {
                    "board"
                } else {
                    "boards"
                }
            }
            (Lang::En, Kind::Participant) => {
                if one {
                    "participant"
                } else {
                    "participants"
                }
            }
            (Lang::En, Kind::Phase) => {
                if one {
                    "phase entry"
                } else {
                    "phase entries"
                }
            }
            (Lang::En, Kind::Link) => {
                if one {
                    "session link"
                } else {
                    "session links"
                }
            }
            (Lang::Da, Kind::Note) => {
                if one {
                    "note"
                } else {
                    "noter"
                }
            }
            (Lang::Da, Kind::Cluster) => {
                if one {
                    "klynge"
                } else {
                    "klynger"
                }
            }
            (Lang::Da, Kind::Vote) => {
                if one {
                    "stemme"
                } else {
                    "stemmer"
                }
            }
            (Lang::Da, Kind::Decision) => {
                if one {
                    "beslutning"
                } else {
                    "beslutninger"
                }
            }
            (Lang::Da, Kind::Action) => {
                if one {
                    "handling"
                } else {
                    "handlinger"
                }
            }
            (Lang::Da, Kind::Meeting) => {
                if one {
                    "møde"
                } else {
                    "møder"
                }
            }
            (Lang::Da, Kind::Rating) => {
                if one {
                    "vurdering"
                } else {
                    "vurderinger"
                }
            }
            (Lang::Da, Kind::Board) => {
                if one {
                    "tavle"
                } else {
                    "tavler"
                }
            }
            (Lang::Da, Kind::Participant) => {
                if one {
                    "deltager"
                } else {
                    "deltagere"
                }
            }
            (Lang::Da, Kind::Phase) => {
                if one {
                    "fase"
                } else {
                    "faser"
                }
            }
            (Lang::Da, Kind::Link) => {
                if one {
                    "kobling"
                } else {
                    "koblinger"
                }
            }
            (Lang::En, Kind::Session) => {
                if one {
                    "session"
                } else {
                    "sessions"
                }
            }
            (Lang::Da, Kind::Session) => {
                if one {
                    "session"
                } else {
                    "sessioner"
                }
            }
        }
    }
}

/// A field both copies had changed, and which change was kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The kind of item.
    pub kind: Kind,
    /// The item.
    pub id: Uuid,
    /// The field, as the session file names it (`text`, `status`,
    /// `context.title`).
    pub field: String,
    /// The other copy's change was the later one and was kept.
    pub theirs_newer: bool,
}

/// What the other copy brought into a merge.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Items only the other copy had, by kind.
    pub added: BTreeMap<Kind, usize>,
    /// Items whose newer fields came from the other copy, by kind.
    pub changed: BTreeMap<Kind, usize>,
    /// Items the other copy had deleted, by kind.
    pub deleted: BTreeMap<Kind, usize>,
    /// Fields both copies had changed.
    pub conflicts: Vec<Conflict>,
}

impl MergeReport {
    /// The other copy brought nothing.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.changed.is_empty()
            && self.deleted.is_empty()
            && self.conflicts.is_empty()
    }

    /// How many notes the other copy added.
    pub fn notes_added(&self) -> usize {
        self.added.get(&Kind::Note).copied().unwrap_or(0)
    }

    /// One line in words: `+12 notes, 3 actions changed, 1 note deleted`
    /// (the conflicts are told apart with [`MergeReport::conflict_lines`]).
    pub fn summary(&self, lang: Lang) -> String {
        let mut parts = Vec::new();
        let list =
            |map: &BTreeMap<Kind, usize>, word: &str, sign: &str, parts: &mut Vec<String>| {
                for (kind, n) in map {
                    let name = kind.name(lang, *n);
                    parts.push(if word.is_empty() {
                        format!("{sign}{n} {name}")
                    } else {
                        format!("{n} {name} {word}")
                    });
                }
            };
        list(&self.added, "", "+", &mut parts);
        let (changed, deleted) = match lang {
            Lang::En => ("changed", "deleted"),
            Lang::Da => ("ændret", "slettet"),
        };
        list(&self.changed, changed, "", &mut parts);
        list(&self.deleted, deleted, "", &mut parts);
        if !self.conflicts.is_empty() {
            let n = self.conflicts.len();
            parts.push(match lang {
                Lang::En if n == 1 => "1 conflict resolved".to_string(),
                Lang::En => format!("{n} conflicts resolved"),
                Lang::Da if n == 1 => "1 konflikt løst".to_string(),
                Lang::Da => format!("{n} konflikter løst"),
            });
        }
        parts.join(", ")
    }

    /// One line per conflict: `note 3f2a text (B newer)`, with `theirs`
    /// and `ours` naming the two copies.
    pub fn conflict_lines(&self, lang: Lang, ours: &str, theirs: &str) -> Vec<String> {
        let newer = match lang {
            Lang::En => "newer",
            Lang::Da => "nyere",
        };
        self.conflicts
            .iter()
            .map(|c| {
                let short: String = c.id.simple().to_string().chars().take(4).collect();
                let who = if c.theirs_newer { theirs } else { ours };
                format!(
                    "{} {short} {} ({who} {newer})",
                    c.kind.name(lang, 1),
                    c.field
                )
            })
            .collect()
    }

    /// Adds what a later merge brought.
    pub fn absorb(&mut self, other: MergeReport) {
        for (map, more) in [
            (&mut self.added, other.added),
            (&mut self.changed, other.changed),
            (&mut self.deleted, other.deleted),
        ] {
            for (kind, n) in more {
                *map.entry(kind).or_default() += n;
            }
        }
        self.conflicts.extend(other.conflicts);
    }

    fn count(map: &mut BTreeMap<Kind, usize>, kind: Kind) {
        *map.entry(kind).or_default() += 1;
    }
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
                        super::LinkKind::Mirrors | super::LinkKind::CarriedFrom
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
fn references(s: &Session) -> HashMap<Uuid, Vec<Uuid>> {
    let mut out: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for n in &s.notes {
        for l in n.links.iter().filter(|l| l.session.is_none()) {
            if matches!(
                l.kind,
                super::LinkKind::Mirrors | super::LinkKind::CarriedFrom
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
