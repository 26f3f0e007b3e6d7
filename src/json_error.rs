//! Wording of serde_json's errors for people.

/// What serde_json found, without the " at line L column C" it appends:
/// sempre's messages name the line and column themselves.
pub fn reason(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_string()
}
