//! What a group makes of its notes: clusters, votes, decisions and actions.

use jiff::Timestamp;
use jiff::civil::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::clock::{Clock, is_zero};

// Serde's `skip_serializing_if` takes a path to a function of `&T`.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_false(b: &bool) -> bool {
    !*b
}

/// A group of notes on one theme, with a title.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cluster {
    /// Identifier; notes point to it.
    pub id: Uuid,
    /// The theme.
    pub title: String,
    /// The board the cluster is on.
    pub board: Uuid,
    /// The zone the cluster is in.
    pub zone: String,
    /// The notes it was made from, whose words its title may carry (they
    /// may have left it since).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub from: Vec<Uuid>,
    /// Made from a private note, so its title may carry that note's words:
    /// stays on the facilitator's machine until made public on purpose.
    #[serde(default, skip_serializing_if = "is_false")]
    pub private: bool,
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

/// Dots on a note: counted from the wall, or cast by one participant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vote {
    /// Identifier.
    pub id: Uuid,
    /// The note voted for.
    pub note: Uuid,
    /// Who voted (pseudonym); none when the facilitator counted the dots
    /// on the wall.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voter: Option<String>,
    /// Number of dots.
    pub dots: u32,
    /// The phase the vote was cast in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<String>,
    /// Cast in a tie-break round among notes that had equal dots: it
    /// orders those notes without adding to their dots.
    #[serde(default, skip_serializing_if = "is_false")]
    pub tie_break: bool,
    /// When it was cast.
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

/// Something the group decided.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Identifier.
    pub id: Uuid,
    /// The decision, in the group's words.
    pub text: String,
    /// The notes it came from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Uuid>,
    /// The phase it was taken in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<String>,
    /// Made from a private note: stays on the facilitator's machine until
    /// made public on purpose.
    #[serde(default, skip_serializing_if = "is_false")]
    pub private: bool,
    /// When it was taken.
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

/// A follow-up action: who does what, by when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Identifier.
    pub id: Uuid,
    /// What is to be done.
    pub text: String,
    /// Who took it on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// When it should be done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    /// How far it has come.
    #[serde(default)]
    pub status: ActionStatus,
    /// The note it came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Uuid>,
    /// The decision it came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Uuid>,
    /// Made from a private note or decision: stays on the facilitator's
    /// machine until made public on purpose.
    #[serde(default, skip_serializing_if = "is_false")]
    pub private: bool,
    /// When it was agreed.
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

/// How far an action has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ActionStatus {
    /// Not started.
    #[default]
    Open,
    /// Someone is on it.
    InProgress,
    /// Done.
    Done,
    /// Given up, on purpose.
    Dropped,
}

impl ActionStatus {
    /// Still to be followed up.
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::Open | ActionStatus::InProgress)
    }

    /// The status that follows when a key cycles through them.
    pub fn next(self) -> ActionStatus {
        match self {
            ActionStatus::Open => ActionStatus::InProgress,
            ActionStatus::InProgress => ActionStatus::Done,
            ActionStatus::Done => ActionStatus::Dropped,
            ActionStatus::Dropped => ActionStatus::Open,
        }
    }

    /// The symbol shown beside the status's name.
    pub fn symbol(self) -> &'static str {
        match self {
            ActionStatus::Open => "○",
            ActionStatus::InProgress => "◐",
            ActionStatus::Done => "●",
            ActionStatus::Dropped => "✕",
        }
    }
}

impl Action {
    /// Still open with its due day before `today`.
    pub fn is_overdue(&self, today: jiff::civil::Date) -> bool {
        self.status.is_open() && self.due.is_some_and(|d| d < today)
    }
}
