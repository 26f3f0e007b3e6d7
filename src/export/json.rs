//! JSON export: the session file itself, minus private notes.

use super::without_private;
use crate::model::Session;

/// The session as indented JSON, without private notes.
pub fn to_json(session: &Session) -> String {
    let public = without_private(session);
    let mut json = serde_json::to_string_pretty(&public).unwrap_or_default();
    json.push('\n');
    json
}
