//! What lets copies of a session be merged: when each field last changed
//! and on which device, and what was deleted.
//!
//! Every item people create (a note, a vote, a meeting, a board…) carries
//! a [`Clock`]: for each field changed after the item was made, the time
//! and the device of the change. A field without an entry still has the
//! value it was made with. A deleted item leaves a [`Tombstone`] with its
//! id, so that a copy that still holds it cannot bring it back. Undoing a
//! deletion brings the item back one generation on (`revived`), which
//! outranks the tombstone of the generation before.

use std::collections::BTreeMap;

use jiff::Timestamp;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// When a field last changed, and on which device.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Stamp {
    /// The time of the change.
    pub at: Timestamp,
    /// The device that made it (from the preferences); breaks a tie
    /// between two changes made at the same moment.
    pub by: String,
}

impl Stamp {
    /// A stamp for a change made now on `device`.
    pub fn new(at: Timestamp, device: &str) -> Stamp {
        Stamp {
            at,
            by: device.to_string(),
        }
    }
}

/// When each field of an item last changed, for the fields that changed
/// after the item was made.
pub type Clock = BTreeMap<String, Stamp>;

/// Whether an item generation is still 0 (never brought back), for
/// `skip_serializing_if`.
#[allow(clippy::trivially_copy_pass_by_ref)]
pub(crate) fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// What remains of a deleted item: enough to delete it in every copy,
/// and none of its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tombstone {
    /// The deleted item.
    pub id: Uuid,
    /// When it was deleted.
    pub at: Timestamp,
    /// The generation deleted: an item brought back by an undo is one
    /// generation on and outlives this tombstone.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub revived: u32,
    /// The item was private in some copy: what was made from it stays
    /// private after it is gone.
    #[serde(default, skip_serializing_if = "is_false")]
    pub private: bool,
    /// What was made from the item (decisions, clusters, actions, copies),
    /// so that it can be kept private if the item turns out to have been
    /// private in another copy.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub derived: Vec<Uuid>,
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_false(b: &bool) -> bool {
    !*b
}

impl Tombstone {
    /// A tombstone for `id`, deleted at `at` in generation `revived`.
    pub fn new(id: Uuid, at: Timestamp, revived: u32, private: bool) -> Tombstone {
        Tombstone {
            id,
            at,
            revived,
            private,
            derived: Vec::new(),
        }
    }

    /// Two tombstones of one item as one.
    pub fn join(&self, other: &Tombstone) -> Tombstone {
        let mut derived = self.derived.clone();
        derived.extend(&other.derived);
        derived.sort();
        derived.dedup();
        Tombstone {
            id: self.id,
            at: self.at.max(other.at),
            revived: self.revived.max(other.revived),
            private: self.private || other.private,
            derived,
        }
    }

    /// Adds items made from the deleted one.
    pub fn add_derived(&mut self, ids: impl IntoIterator<Item = Uuid>) {
        self.derived.extend(ids);
        self.derived.sort();
        self.derived.dedup();
    }
}

/// Two clocks as one: for each field, the later change.
pub fn join_clocks(a: &Clock, b: &Clock) -> Clock {
    let mut out = a.clone();
    for (field, stamp) in b {
        match out.get(field) {
            Some(mine) if mine >= stamp => {}
            _ => {
                out.insert(field.clone(), stamp.clone());
            }
        }
    }
    out
}
