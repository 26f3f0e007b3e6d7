//! Reading a session file: the fast path for the current format, and a
//! careful path that explains a damaged file or migrates an older one.

use jiff::{SignedDuration, Timestamp};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::StoreError;
use crate::model::{
    FORMAT, Session, SessionRelation, derived_id, link_id, rating_id, settle_note_order,
};

/// One step that lifts a session file from format `n` to `n + 1`; the
/// `n`th entry (counting from 1) upgrades format `n`.
type Migration = fn(&mut Value) -> Result<(), String>;

/// Upgrades, oldest first; each format adds the step from the one before.
const MIGRATIONS: [Migration; FORMAT as usize - 1] = [from_1, from_2, from_3];

/// Format 2 added meetings, ratings and a note's status. Format 1 has
/// none of them, and their absence means what it meant before (one
/// sitting, no ratings, every note in play), so only the version moves.
fn from_1(value: &mut Value) -> Result<(), String> {
    let object = value.as_object().ok_or("a session is a JSON object")?;
    for field in ["meetings", "ratings"] {
        if object.contains_key(field) {
            return Err(format!("format 1 has no `{field}`"));
        }
    }
    Ok(())
}

/// Format 4 added the day's plan and red notes. A format 3 file has
/// neither, so only the version moves.
fn from_3(value: &mut Value) -> Result<(), String> {
    value.as_object().ok_or("a session is a JSON object")?;
    Ok(())
}

/// Format 3 made sessions mergeable: every item has an id and the times it
/// was made and last changed. Items that had no id get one made from what
/// they are (a rating from its participant and meeting, a link from the
/// two sessions), so that two laptops migrating the same file agree; items
/// that had no times get the session's, a nanosecond apart to keep their
/// order.
fn from_2(value: &mut Value) -> Result<(), String> {
    let object = value.as_object_mut().ok_or("a session is a JSON object")?;
    let time = |key: &str| -> Result<Timestamp, String> {
        object
            .get(key)
            .and_then(Value::as_str)
            .and_then(|t| t.parse().ok())
            .ok_or_else(|| format!("`{key}` is not a time"))
    };
    let created = time("created")?;
    let updated = time("updated")?;
    let session: Uuid = object
        .get("id")
        .and_then(Value::as_str)
        .and_then(|t| t.parse().ok())
        .ok_or("`id` is not an id")?;
    let uuid_at = |item: &Value, key: &str| -> Option<Uuid> {
        item.get(key)
            .and_then(Value::as_str)
            .and_then(|t| t.parse().ok())
    };
    let stamp = |t: Timestamp, i: usize| {
        Value::from((t + SignedDuration::from_nanos(i as i64)).to_string())
    };
    let items = |object: &mut Map<String, Value>, key: &str| -> Vec<Value> {
        match object.get_mut(key).map(Value::take) {
            Some(Value::Array(list)) => list,
            _ => Vec::new(),
        }
    };
    let put = |object: &mut Map<String, Value>, key: &str, list: Vec<Value>| {
        if object.contains_key(key) {
            object.insert(key.to_string(), Value::Array(list));
        }
    };
    for key in ["boards", "meetings"] {
        let mut list = items(object, key);
        for (i, item) in list.iter_mut().enumerate() {
            if let Some(o) = item.as_object_mut() {
                o.insert("created".into(), stamp(created, i));
                o.insert("updated".into(), stamp(created, i));
            }
        }
        put(object, key, list);
    }
    if let Some(Value::Object(context)) = object.get_mut("context") {
        let mut list = items(context, "participants");
        for (i, item) in list.iter_mut().enumerate() {
            if let Some(o) = item.as_object_mut() {
                o.insert("created".into(), stamp(created, i));
                o.insert("updated".into(), stamp(created, i));
            }
        }
        put(context, "participants", list);
    }
    let mut votes = items(object, "votes");
    for vote in &mut votes {
        if let Some(c) = vote.get("created").cloned()
            && let Some(o) = vote.as_object_mut()
        {
            o.insert("updated".into(), c);
        }
    }
    put(object, "votes", votes);
    let mut ratings = items(object, "ratings");
    for (i, rating) in ratings.iter_mut().enumerate() {
        let (Some(p), Some(m)) = (uuid_at(rating, "participant"), uuid_at(rating, "meeting"))
        else {
            continue;
        };
        if let Some(o) = rating.as_object_mut() {
            o.insert("id".into(), Value::from(rating_id(p, m).to_string()));
            o.insert("created".into(), stamp(updated, i));
            o.insert("updated".into(), stamp(updated, i));
        }
    }
    put(object, "ratings", ratings);
    let mut links = items(object, "links");
    for (i, link) in links.iter_mut().enumerate() {
        let relation = link
            .get("relation")
            .and_then(|r| serde_json::from_value::<SessionRelation>(r.clone()).ok());
        let (Some(other), Some(relation)) = (uuid_at(link, "session"), relation) else {
            continue;
        };
        if let Some(o) = link.as_object_mut() {
            o.insert(
                "id".into(),
                Value::from(link_id(session, other, relation).to_string()),
            );
            o.insert("created".into(), stamp(updated, i));
            o.insert("updated".into(), stamp(updated, i));
        }
    }
    put(object, "links", links);
    let mut phases = items(object, "phase_log");
    for (i, entry) in phases.iter_mut().enumerate() {
        let last = entry.get("ended").or_else(|| entry.get("started")).cloned();
        let id = derived_id(&[b"phase", session.as_bytes(), &(i as u64).to_le_bytes()]);
        if let Some(o) = entry.as_object_mut() {
            o.insert("id".into(), Value::from(id.to_string()));
            if let Some(last) = last {
                o.insert("updated".into(), last);
            }
        }
    }
    put(object, "phase_log", phases);
    Ok(())
}

/// Reads a session from the bytes of `file`.
pub fn decode(file: &str, bytes: &[u8]) -> Result<Session, StoreError> {
    // Checking UTF-8 once up front lets serde_json skip it string by string.
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let column = before.len()
            - before
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |p| p + 1)
            + 1;
        StoreError::Corrupt {
            file: file.to_string(),
            line,
            column,
            reason: "the text is not UTF-8".into(),
        }
    })?;
    match serde_json::from_str::<Session>(text) {
        Ok(session) if session.format == FORMAT => Ok(session),
        _ => decode_carefully(file, text),
    }
}

fn decode_carefully(file: &str, text: &str) -> Result<Session, StoreError> {
    let mut value: Value = serde_json::from_str(text).map_err(|e| StoreError::Corrupt {
        file: file.to_string(),
        line: e.line(),
        column: e.column(),
        reason: crate::json_error::reason(&e),
    })?;
    let invalid = |field: &str, problem: String| StoreError::Invalid {
        file: file.to_string(),
        field: field.to_string(),
        problem,
    };
    let found = value
        .get("format")
        .and_then(Value::as_u64)
        .ok_or_else(|| invalid("format", "the format version is missing".into()))?;
    if found > u64::from(FORMAT) {
        return Err(StoreError::Newer {
            file: file.to_string(),
            found,
            supported: FORMAT,
        });
    }
    if found == 0 {
        return Err(invalid("format", "there is no format 0".into()));
    }
    for (from, migrate) in MIGRATIONS.iter().enumerate().skip(found as usize - 1) {
        migrate(&mut value).map_err(|problem| invalid("format", problem))?;
        value["format"] = Value::from(from + 2);
    }
    let mut session = serde_path_to_error::deserialize::<_, Session>(value).map_err(|e| {
        let path = e.path().to_string();
        invalid(&path, e.inner().to_string())
    })?;
    if found < 3 {
        settle_note_order(&mut session);
    }
    Ok(session)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{context, method};

    fn session_json() -> String {
        let s = Session::new(&method(), context("t"), jiff::Timestamp::UNIX_EPOCH);
        serde_json::to_string_pretty(&s).unwrap()
    }

    #[test]
    fn current_format_decodes() {
        let json = session_json();
        let s = decode("s.json", json.as_bytes()).unwrap();
        assert_eq!(s.format, FORMAT);
    }

    #[test]
    fn damaged_json_gives_line_and_column() {
        let json = session_json();
        let cut = &json[..json.len() / 2];
        match decode("s.json", cut.as_bytes()) {
            Err(StoreError::Corrupt { line, .. }) => assert!(line > 1),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn bytes_that_are_not_utf8_are_damage_with_a_position() {
        let mut bytes = session_json().into_bytes();
        let at = bytes.iter().position(|b| *b == b'\n').unwrap() + 3;
        bytes[at] = 0xff;
        match decode("s.json", &bytes) {
            Err(StoreError::Corrupt { line, column, .. }) => assert_eq!((line, column), (2, 3)),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn a_wrong_field_is_named_by_its_path() {
        let json = session_json().replacen("\"title\": \"t\"", "\"title\": 7", 1);
        match decode("s.json", json.as_bytes()) {
            Err(StoreError::Invalid { field, .. }) => assert_eq!(field, "context.title"),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn a_newer_format_is_refused_even_with_unknown_fields() {
        let json = session_json().replacen(
            &format!("\"format\": {FORMAT}"),
            "\"format\": 9, \"hologram\": true",
            1,
        );
        match decode("s.json", json.as_bytes()) {
            Err(StoreError::Newer { found, .. }) => assert_eq!(found, 9),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn format_three_is_read_as_it_is() {
        let old = session_json().replacen(&format!("\"format\": {FORMAT}"), "\"format\": 3", 1);
        let back = decode("old.json", old.as_bytes()).unwrap();
        assert_eq!((back.format, back.plan), (FORMAT, None));
        assert_eq!(
            back.notes,
            decode("new.json", session_json().as_bytes()).unwrap().notes
        );
    }

    #[test]
    fn format_one_is_migrated_to_the_current_format() {
        let m = method();
        let mut s = Session::new(&m, context("t"), jiff::Timestamp::UNIX_EPOCH);
        s.add_note(
            &m,
            crate::model::NewNote::new("kritik", "gammel"),
            jiff::Timestamp::UNIX_EPOCH,
        )
        .unwrap();
        let old = serde_json::to_string_pretty(&s).unwrap().replacen(
            &format!("\"format\": {FORMAT}"),
            "\"format\": 1",
            1,
        );
        let back = decode("old.json", old.as_bytes()).unwrap();
        assert_eq!(back.format, FORMAT);
        assert_eq!(back.notes[0].text, "gammel");
        assert!(back.notes[0].status.is_active());
        assert!(back.meetings.is_empty());
        let bad = old.replacen("\"format\": 1,", "\"format\": 1, \"meetings\": [],", 1);
        assert!(matches!(
            decode("bad.json", bad.as_bytes()),
            Err(StoreError::Invalid { .. })
        ));
    }

    #[test]
    fn format_zero_and_missing_format_are_invalid() {
        let zero = session_json().replacen(&format!("\"format\": {FORMAT}"), "\"format\": 0", 1);
        assert!(matches!(
            decode("s.json", zero.as_bytes()),
            Err(StoreError::Invalid { .. })
        ));
        let none = session_json().replacen(&format!("\"format\": {FORMAT},"), "", 1);
        assert!(matches!(
            decode("s.json", none.as_bytes()),
            Err(StoreError::Invalid { .. })
        ));
    }
}
