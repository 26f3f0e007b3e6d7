//! A session: one run of one method with one group.

use jiff::Timestamp;
use jiff::civil::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::clock::{Clock, Tombstone, is_zero};
use super::{Action, Cluster, Decision, Note, TimerState, Vote};
use crate::i18n::Lang;

/// The session file format this program writes. Older formats are migrated
/// on load; newer ones are refused.
pub const FORMAT: u32 = 4;

/// Everything one workshop produced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// File format version.
    pub format: u32,
    /// Identifier; also the file name.
    pub id: Uuid,
    /// The method run in the session.
    pub method: MethodRef,
    /// Who, where, when.
    pub context: Context,
    /// When the session was created.
    pub created: Timestamp,
    /// When anything in it last changed.
    pub updated: Timestamp,
    /// Boards (canvases, backpacks); at least one.
    pub boards: Vec<Board>,
    /// The sticky notes, in board order within each zone.
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Themes notes are grouped under.
    #[serde(default)]
    pub clusters: Vec<Cluster>,
    /// Dots on notes.
    #[serde(default)]
    pub votes: Vec<Vote>,
    /// What the group decided.
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// Who does what, by when.
    #[serde(default)]
    pub actions: Vec<Action>,
    /// When each phase started and ended, in the order they were run.
    #[serde(default)]
    pub phase_log: Vec<PhaseEntry>,
    /// Earlier and later sessions of the same process.
    #[serde(default)]
    pub links: Vec<SessionLink>,
    /// The meetings a session spans (the backpack method runs over several
    /// weeks); none for a session of one sitting.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meetings: Vec<Meeting>,
    /// Ratings participants gave, per meeting (how heavy the backpack is).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ratings: Vec<Rating>,
    /// The phase's time box as the board last left it (started, paused,
    /// given more time), so reopening the session carries on with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timer: Option<TimerState>,
    /// The plan of the workshop day, when the facilitator made one: the
    /// phases (of this and the day's other sessions) and breaks, with
    /// their minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<super::Plan>,
    /// When each of the session's own fields (its context, method and
    /// time box) last changed, for merging copies.
    #[serde(default, skip_serializing_if = "Clock::is_empty")]
    pub clock: Clock,
    /// What was deleted: ids and times only, so that merging a copy that
    /// still holds a deleted item does not bring it back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deleted: Vec<Tombstone>,
}

/// One meeting of a session that spans several.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// Identifier; notes and ratings point to it.
    pub id: Uuid,
    /// The day of the meeting.
    pub date: Date,
    /// When it was made.
    pub created: Timestamp,
    /// When it last changed.
    pub updated: Timestamp,
    /// When each field last changed, for the fields changed after the
    /// item was made; what lets copies of the session be merged.
    #[serde(default, skip_serializing_if = "Clock::is_empty")]
    pub clock: Clock,
    /// How many times a deletion of the item was undone.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub revived: u32,
}

/// A participant's rating at one meeting, from 1 to 5.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    /// Identifier, made from the participant and the meeting, so a
    /// rating given on two devices is one rating.
    pub id: Uuid,
    /// Who rated.
    pub participant: Uuid,
    /// At which meeting.
    pub meeting: Uuid,
    /// From 1 (light) to 5 (heavy).
    pub value: u8,
    /// When it was made.
    pub created: Timestamp,
    /// When it last changed.
    pub updated: Timestamp,
    /// When each field last changed, for the fields changed after the
    /// item was made; what lets copies of the session be merged.
    #[serde(default, skip_serializing_if = "Clock::is_empty")]
    pub clock: Clock,
    /// How many times a deletion of the item was undone.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub revived: u32,
}

/// Which method, and which version of its content, a session follows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MethodRef {
    /// The method's id, such as `fremtidsvaerksted`.
    pub id: String,
    /// The method file's version when the session was created.
    pub version: u32,
    /// The names the session needs to be read, as the method had them
    /// when the session was made or last opened on a board, so that it
    /// stays readable if the method file is later removed or changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<MethodLabels>,
}

/// A method's names, kept in the sessions that follow it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MethodLabels {
    /// The method's name.
    pub name: crate::i18n::Text,
    /// Its zones, in order.
    pub zones: Vec<Label>,
    /// Its phases, in order.
    pub phases: Vec<Label>,
}

/// The name of one zone or phase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Label {
    /// Its id in the method.
    pub id: String,
    /// Its name.
    pub name: crate::i18n::Text,
    /// A phase's time box in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
}

impl MethodLabels {
    /// The names `method` has now.
    pub fn of(method: &crate::methods::Method) -> MethodLabels {
        let label = |id: &str, name: &crate::i18n::Text, minutes: Option<u32>| Label {
            id: id.to_string(),
            name: name.clone(),
            minutes,
        };
        MethodLabels {
            name: method.name.clone(),
            zones: (method.zones.iter())
                .map(|z| label(&z.id, &z.name, None))
                .collect(),
            phases: (method.phases.iter())
                .map(|p| label(&p.id, &p.name, Some(p.minutes)))
                .collect(),
        }
    }
}

/// The circumstances of a session.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Context {
    /// What the workshop is about.
    pub title: String,
    /// The language the group works in.
    pub language: Lang,
    /// The Local Empowerment Network or other network running it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<String>,
    /// The target group, such as "single parents".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_group: Option<String>,
    /// Where it took place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The day of the workshop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Who facilitated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facilitators: Vec<String>,
    /// How many took part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant_count: Option<u32>,
    /// Pseudonyms participants chose, if any; never required.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<Participant>,
    /// Free tags for finding the session again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// A participant, known only by a pseudonym they chose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    /// Identifier; a backpack board points to it.
    pub id: Uuid,
    /// The name the participant wants to be known by here.
    pub pseudonym: String,
    /// When it was made.
    pub created: Timestamp,
    /// When it last changed.
    pub updated: Timestamp,
    /// When each field last changed, for the fields changed after the
    /// item was made; what lets copies of the session be merged.
    #[serde(default, skip_serializing_if = "Clock::is_empty")]
    pub clock: Clock,
    /// How many times a deletion of the item was undone.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub revived: u32,
}

/// One board: a canvas to compare with others, or one participant's
/// backpack. Most methods have exactly one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Board {
    /// Identifier; notes point to it.
    pub id: Uuid,
    /// The board's name, such as "Berry co-op, option B".
    pub name: String,
    /// The participant a backpack belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant: Option<Uuid>,
    /// When it was made.
    pub created: Timestamp,
    /// When it last changed.
    pub updated: Timestamp,
    /// When each field last changed, for the fields changed after the
    /// item was made; what lets copies of the session be merged.
    #[serde(default, skip_serializing_if = "Clock::is_empty")]
    pub clock: Clock,
    /// How many times a deletion of the item was undone.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub revived: u32,
}

/// One run of one phase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PhaseEntry {
    /// Identifier.
    pub id: Uuid,
    /// The phase's id in the method.
    pub phase: String,
    /// When the group started it.
    pub started: Timestamp,
    /// When the group left it; none while it runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended: Option<Timestamp>,
    /// When it last changed.
    pub updated: Timestamp,
    /// When each field last changed, for the fields changed after the
    /// item was made; what lets copies of the session be merged.
    #[serde(default, skip_serializing_if = "Clock::is_empty")]
    pub clock: Clock,
    /// How many times a deletion of the item was undone.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub revived: u32,
}

/// A link to another session of the same process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionLink {
    /// Identifier, made from the other session and the relation, so the
    /// same link made on two devices is one link.
    pub id: Uuid,
    /// The other session.
    pub session: Uuid,
    /// How the two relate.
    pub relation: SessionRelation,
    /// When it was made.
    pub created: Timestamp,
    /// When it last changed.
    pub updated: Timestamp,
    /// When each field last changed, for the fields changed after the
    /// item was made; what lets copies of the session be merged.
    #[serde(default, skip_serializing_if = "Clock::is_empty")]
    pub clock: Clock,
    /// How many times a deletion of the item was undone.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub revived: u32,
}

/// How two sessions of a process relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SessionRelation {
    /// This session builds on the other (the problem tree that fed this
    /// Theory of Change).
    FollowsFrom,
    /// The other session builds on this one.
    LeadsTo,
    /// Related in another way, such as a breakout group of the same day.
    Related,
}
