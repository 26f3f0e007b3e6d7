//! JSON export: the session files themselves, as prepared.

use crate::model::Session;

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
