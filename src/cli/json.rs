//! What `sempre list --json` prints, as a type: the output and its
//! published schema (`docs/list.schema.json`) are made from it, so they
//! cannot disagree. `sempre show --json` prints a session itself, whose
//! schema is the session file's.

use jiff::Timestamp;
use jiff::civil::Date;
use schemars::JsonSchema;
use serde::Serialize;
use uuid::Uuid;

use crate::store::Summary;

/// One session in `sempre list --json`, which prints an array of them,
/// newest first. Nothing private is in it: private notes are only
/// counted.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListedSession {
    /// The session's id; every command that takes a session takes it.
    pub id: Uuid,
    /// The session's file, as the store folder was given.
    pub file: String,
    /// What the workshop was about.
    pub title: String,
    /// The id of its method (see `sempre methods`).
    pub method: String,
    /// The network (LEN) that ran it.
    pub network: Option<String>,
    /// The target group.
    pub target_group: Option<String>,
    /// Where it took place.
    pub place: Option<String>,
    /// The day it took place (the day it was made, if it has no date).
    pub date: Date,
    /// Its tags.
    pub tags: Vec<String>,
    /// How many notes it has, private ones included.
    pub notes: usize,
    /// How many of its actions are neither done nor dropped.
    pub open_actions: usize,
    /// When it last changed.
    pub updated: Timestamp,
}

impl From<Summary> for ListedSession {
    fn from(s: Summary) -> ListedSession {
        ListedSession {
            id: s.id,
            file: s.file,
            title: s.title,
            method: s.method,
            network: s.network,
            target_group: s.target_group,
            place: s.place,
            date: s.date,
            tags: s.tags,
            notes: s.notes,
            open_actions: s.open_actions,
            updated: s.updated,
        }
    }
}
