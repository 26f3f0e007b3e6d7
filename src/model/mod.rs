//! The session model: plain data and the operations on it.
//!
//! Nothing here touches a file or a terminal. Every change a facilitator
//! can make is a method on [`Session`] that checks its input, applies the
//! change and stamps the time it is given, so the same operations serve the
//! command line, the board and the tests.

mod diff;
mod error;
mod note;
mod ops_notes;
mod ops_outcome;
mod ops_session;
mod outcome;
mod session;
#[cfg(test)]
pub(crate) mod testing;
pub mod text;
mod validate;

pub use diff::SessionDiff;
pub use error::ModelError;
pub use note::{Colour, LinkKind, Note, NoteLink, Role};
pub use ops_notes::NewNote;
pub use ops_outcome::Rank;
pub use outcome::{Action, ActionStatus, Cluster, Decision, Vote};
pub use session::{
    Board, Context, FORMAT, MethodRef, Participant, PhaseEntry, Session, SessionLink,
    SessionRelation,
};
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
