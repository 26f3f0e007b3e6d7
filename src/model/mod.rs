//! The session model: plain data and the operations on it.
//!
//! Nothing here touches a file or a terminal. Every change a facilitator
//! can make is a method on [`Session`] that checks its input, applies the
//! change and stamps the time it is given, so the same operations serve the
//! command line, the board and the tests.

mod clock;
pub mod compare;
mod diff;
mod error;
mod lookup;
mod marks;
mod merge;
#[cfg(test)]
mod merge_tests;
mod note;
mod ops_flow;
mod ops_notes;
mod ops_outcome;
mod ops_session;
mod outcome;
mod plan;
mod privacy;
mod session;
#[cfg(test)]
pub(crate) mod testing;
pub mod text;
mod timer;
mod tree;
mod validate;

pub use clock::{Clock, Stamp, Tombstone, join_clocks};
pub use diff::{SessionDiff, Stretch, Touched, Way};
pub use error::ModelError;
pub use lookup::Lookup;
pub use marks::Marks;
pub use merge::{
    Conflict, Kind, MergeError, MergeReport, Merged, derived_id, link_id, merge, merge_three,
    rating_id, record_changes, settle_note_order,
};
pub use note::{
    COLOURS, Colour, ColourInfo, LinkKind, Note, NoteLink, NoteSource, NoteStatus, Role,
};
pub use ops_flow::{Carry, carry_forward};
pub use ops_notes::{Arrived, NewNote};
pub use ops_outcome::{ClusterRank, Rank};
pub use outcome::{Action, ActionStatus, Cluster, Decision, Vote};
pub use plan::{
    Logs, MOST_MINUTES, Plan, PlanItem, Progress, Schedule, ScheduleRow, parse_time, schedule,
};
pub use privacy::Item;
pub use session::{
    Board, Context, FORMAT, Label, Meeting, MethodLabels, MethodRef, Participant, PhaseEntry,
    Rating, Session, SessionLink, SessionRelation,
};
pub use timer::TimerState;
pub use tree::{Branch, Tree};
pub use validate::Inconsistency;

/// A new random identifier for a session object.
pub fn new_id() -> uuid::Uuid {
    uuid::Uuid::new_v4()
}

/// The current time, to the millisecond, as sessions store it.
pub fn now() -> jiff::Timestamp {
    let now = jiff::Timestamp::now();
    now.round(jiff::Unit::Millisecond).unwrap_or(now)
}
