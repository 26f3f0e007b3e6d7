//! Nothing a participant typed, and nothing in a file someone else wrote,
//! can act on the terminal: control characters are dropped on the way in
//! and shown as codes on the way out. Run through the real binary.

#![allow(clippy::unwrap_used)]

mod common;

use common::{sempre, stdout};

use std::path::{Path, PathBuf};

use serde_json::Value;

/// A window title (OSC), a bell, a C1 control sequence introducer, a
/// clear-screen sequence and a right-to-left override.
const ATTACK: &str = "før\u{1b}]0;pwned\u{7} \u{9b}31mrød \u{1b}[2J\u{202e}evil\u{7}efter";

/// What must never reach a terminal raw.
const ACTING: [char; 4] = ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'];

fn assert_inert(what: &str, text: &str) {
    for c in ACTING {
        assert!(
            !text.contains(c),
            "{what} prints {c:?} raw:\n{}",
            text.escape_debug()
        );
    }
}

/// A new session with one note, made with the real binary; its id.
fn session(store: &Path, title: &str, note: &str) -> String {
    let id = stdout(sempre(store).args([
        "new",
        "--method",
        "fremtidsvaerksted",
        "--title",
        title,
        "--network",
        title,
    ]))
    .trim()
    .to_string();
    sempre(store)
        .args(["add", "--zone", "kritik", "--author", note, &id, "--", note])
        .assert()
        .success();
    id
}

fn file(store: &Path, id: &str) -> PathBuf {
    store.join(format!("{id}.json"))
}

#[test]
fn what_is_typed_on_the_command_line_is_stored_without_controls() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("sessions");
    let id = session(&store, ATTACK, ATTACK);
    let saved = std::fs::read_to_string(file(&store, &id)).unwrap();
    let json: Value = serde_json::from_str(&saved).unwrap();
    let title = json["context"]["title"].as_str().unwrap();
    let note = json["notes"][0]["text"].as_str().unwrap();
    let author = json["notes"][0]["author"].as_str().unwrap();
    for text in [title, note, author] {
        assert!(!text.chars().any(|c| c.is_control()), "{text:?}");
        assert!(text.starts_with("før]0;pwned") && text.ends_with("evilefter"));
    }
}

/// A session file someone else wrote, with the attack in its title,
/// network, a note, its writer, and a zone the method does not have.
fn hand_made(store: &Path) -> String {
    let id = session(store, "Møde", "seddel");
    let path = file(store, &id);
    let mut json: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    json["context"]["title"] = ATTACK.into();
    json["context"]["network"] = ATTACK.into();
    json["notes"][0]["text"] = ATTACK.into();
    json["notes"][0]["author"] = ATTACK.into();
    let mut second = json["notes"][0].clone();
    second["id"] = "0b0b0b0b-0000-4000-8000-000000000001".into();
    second["zone"] = ATTACK.into();
    json["notes"].as_array_mut().unwrap().push(second);
    std::fs::write(&path, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    id
}

#[test]
fn show_list_check_and_exports_print_controls_as_codes() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("sessions");
    let id = hand_made(&store);
    let show = stdout(sempre(&store).args(["show", &id]));
    assert_inert("show", &show);
    assert!(show.contains("før\\u001b]0;pwned\\u0007"), "{show}");
    assert!(
        show.contains("\\u009b31m") && show.contains("\\u202eevil"),
        "{show}"
    );
    assert_inert("list", &stdout(sempre(&store).args(["list"])));
    let check = sempre(&store).args(["check"]).assert().failure();
    let check = String::from_utf8(check.get_output().stdout.clone()).unwrap();
    assert_inert("check", &check);
    assert!(check.contains("\\u001b]0;pwned"), "{check}");
    for format in ["md", "html", "csv"] {
        let out = stdout(sempre(&store).args(["export", &id, "--format", format]));
        assert_inert(format, &out);
        // Markdown and HTML escape the bracket in their own way.
        assert!(
            out.contains("\\u001b") && out.contains("pwned"),
            "{format}: {out}"
        );
    }
    // JSON on standard output is still the same JSON, words and all.
    let json = stdout(sempre(&store).args(["export", &id, "--format", "json"]));
    assert_inert("json", &json);
    let parsed: Value = serde_json::from_str(&json).unwrap();
    let title = &parsed["sessions"][0]["context"]["title"];
    let title = if title.is_null() {
        &parsed["context"]["title"]
    } else {
        title
    };
    assert_eq!(title.as_str(), Some(ATTACK), "{json}");
}

#[test]
fn errors_that_quote_a_file_or_its_name_print_controls_as_codes() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("sessions");
    let id = hand_made(&store);
    // A method id in the file that no method has.
    let path = file(&store, &id);
    let mut json: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    json["method"]["id"] = ATTACK.into();
    std::fs::write(&path, serde_json::to_string(&json).unwrap()).unwrap();
    let add = sempre(&store)
        .args(["add", "--zone", "kritik", &id, "ny"])
        .assert()
        .failure();
    let err = String::from_utf8(add.get_output().stderr.clone()).unwrap();
    assert_inert("add's error", &err);
    assert!(err.contains("\\u001b]0;pwned"), "{err}");
    // A damaged file whose name holds the attack.
    let named = dir.path().join(format!("{ATTACK}.json"));
    std::fs::write(&named, "{ \"format\": ").unwrap();
    let check = sempre(&store).arg("check").arg(&named).assert().failure();
    let out = check.get_output();
    let both = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_inert("check's error", &both);
    assert!(both.contains("\\u001b]0;pwned"), "{both}");
}
