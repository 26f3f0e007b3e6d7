//! What the follow-up screen needs to know of a session besides its
//! one-line summary, kept in the store's index beside it. Nothing private
//! is in it: private actions and decisions are only counted, so the
//! index never holds their words.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::model::{Action, Session, SessionLink};

/// How many decisions the process tab shows under a session.
pub const FIRST_DECISIONS: usize = 2;

/// A session's actions, links and counts, without private words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    /// When the session was made (the order of a day's sessions).
    pub created: Timestamp,
    /// The actions that are not private, in the session's order.
    pub actions: Vec<Action>,
    /// How many actions are private; their words are not kept here.
    pub private_actions: usize,
    /// Its links to other sessions.
    pub links: Vec<SessionLink>,
    /// Notes that are not private.
    pub public_notes: usize,
    /// Notes that are private.
    pub private_notes: usize,
    /// Decisions, private ones included.
    pub decisions: usize,
    /// The words of the first decisions that are not private.
    pub first_decisions: Vec<String>,
}

impl Facts {
    /// The facts of `session`.
    pub fn of(session: &Session) -> Facts {
        let private_notes = session.notes.iter().filter(|n| n.private).count();
        Facts {
            created: session.created,
            actions: session
                .actions
                .iter()
                .filter(|a| !a.private)
                .cloned()
                .collect(),
            private_actions: session.actions.iter().filter(|a| a.private).count(),
            links: session.links.to_vec(),
            public_notes: session.notes.len() - private_notes,
            private_notes,
            decisions: session.decisions.len(),
            first_decisions: session
                .decisions
                .iter()
                .filter(|d| !d.private)
                .take(FIRST_DECISIONS)
                .map(|d| d.text.clone())
                .collect(),
        }
    }
}
