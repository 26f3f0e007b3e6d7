//! JSON export: the session files themselves, as prepared.

use crate::model::Session;

/// The session as indented JSON, without private notes.
pub fn to_json(session: &Session) -> String {
    let public = super::without_private(session);
    let mut json = serde_json::to_string_pretty(&public).unwrap_or_default();
    json.push('\n');
    json
}

/// One prepared session as its file, several as an array.
pub fn sessions(prepared: &[Session]) -> String {
    let mut json = match prepared {
        [one] => serde_json::to_string_pretty(one),
        many => serde_json::to_string_pretty(many),
    }
    .unwrap_or_default();
    json.push('\n');
    json
}
