//! Conflict copies through the real binary: the copies a synced folder
//! makes of a session (in each sync engine's style, or under any name)
//! are merged into it and kept in `.merged/`, so `sempre list` shows one
//! session with every copy's notes; `sempre check` reports them and
//! `sempre check --fix` merges them.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

fn sempre(store: &Path, args: &[&str]) -> Output {
    sempre_in(store, "en", args)
}

fn sempre_in(store: &Path, lang: &str, args: &[&str]) -> Output {
    let bin = assert_cmd::cargo::cargo_bin("sempre");
    std::process::Command::new(bin)
        .arg("--store")
        .arg(store)
        .args(args)
        .env_remove("SEMPRE_STORE")
        .env_remove("LC_ALL")
        .env("SEMPRE_LANG", lang)
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap()
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A new session whose file holds one note while a copy named `copy`
/// (`ID` is its id) holds another: what two laptops leave behind.
fn session_with_copy(store: &Path, title: &str, copy: &str) -> (String, PathBuf) {
    let id = ok(sempre(
        store,
        &["new", "--method", "fremtidsvaerksted", "--title", title],
    ))
    .trim()
    .to_string();
    let file = store.join(format!("{id}.json"));
    let base = std::fs::read(&file).unwrap();
    ok(sempre(
        store,
        &["add", &id, "--zone", "kritik", "Tid om morgenen"],
    ));
    let theirs = std::fs::read(&file).unwrap();
    std::fs::write(&file, base).unwrap();
    ok(sempre(
        store,
        &["add", &id, "--zone", "kritik", "Penge til fritid"],
    ));
    let copy = store.join(copy.replace("ID", &id));
    std::fs::write(&copy, theirs).unwrap();
    (id, copy)
}

fn listed(store: &Path) -> Vec<Value> {
    serde_json::from_str::<Vec<Value>>(&ok(sempre(store, &["list", "--json"]))).unwrap()
}

fn note_texts(file: &Path) -> Vec<String> {
    let v: Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    let mut t: Vec<String> = v["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap().to_string())
        .collect();
    t.sort();
    t
}

const ENGINES: [(&str, &str); 5] = [
    ("Syncthing", "ID.sync-conflict-20261201-101010-ABCDEFG.json"),
    ("Nextcloud", "ID (conflicted copy 2026-12-01 101010).json"),
    (
        "Dropbox",
        "ID (Mettes MacBook's conflicted copy 2026-12-01).json",
    ),
    ("OneDrive", "ID-METTES-LAPTOP.json"),
    ("Any name", "kopi fra skolen.json"),
];

#[test]
fn list_shows_each_session_once_with_the_notes_of_every_copy() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let mut made = Vec::new();
    for (engine, name) in ENGINES {
        made.push(session_with_copy(&store, engine, name));
    }
    // A file named like a conflict copy of the first session that holds
    // another session is that session, and stays.
    let other = ok(sempre(
        &store,
        &["new", "--method", "fremtidsvaerksted", "--title", "Anden"],
    ))
    .trim()
    .to_string();
    let lookalike = store.join(format!(
        "{}.sync-conflict-20261201-000000-ZZZZZZZ.json",
        made[0].0
    ));
    std::fs::rename(store.join(format!("{other}.json")), &lookalike).unwrap();

    let sessions = listed(&store);
    assert_eq!(sessions.len(), ENGINES.len() + 1, "{sessions:#?}");
    for ((engine, _), (id, copy)) in ENGINES.iter().zip(&made) {
        let s = sessions.iter().find(|s| s["id"] == id.as_str()).unwrap();
        assert_eq!(s["notes"], 2, "{engine}");
        let file = store.join(format!("{id}.json"));
        assert_eq!(
            note_texts(&file),
            ["Penge til fritid", "Tid om morgenen"],
            "{engine}"
        );
        assert!(!copy.exists(), "{engine}: the copy is still in the store");
        let aside = store.join(".merged").join(copy.file_name().unwrap());
        assert!(aside.is_file(), "{engine}: the copy is not in .merged");
    }
    assert!(lookalike.is_file());
    assert!(sessions.iter().any(|s| s["id"] == other.as_str()));
    // The table says the same: one line per session.
    let table = ok(sempre(&store, &["list"]));
    assert_eq!(table.lines().count(), ENGINES.len() + 2, "{table}");
    assert_eq!(listed(&store).len(), ENGINES.len() + 1);
}

#[test]
fn check_reports_copies_and_check_fix_merges_them() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let (id, copy) = session_with_copy(&store, "Hverdagen", "ID (conflicted copy 2026-12-01).json");
    let (_, damaged) = session_with_copy(&store, "Beskadiget", "ID.sync-conflict-x.json");
    std::fs::write(&damaged, "{ \"id\": half a copy").unwrap();

    let out = sempre(&store, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let waiting: Vec<&str> = text.lines().filter(|l| l.contains("waiting")).collect();
    assert_eq!(waiting.len(), 1, "{text}");
    assert!(
        waiting[0].starts_with("The session “Hverdagen” has 1 copy waiting to be merged into")
            && waiting[0].contains(&copy.display().to_string()),
        "{text}"
    );
    assert!(text.contains(&damaged.display().to_string()), "{text}");
    assert!(copy.is_file(), "check alone merges nothing");
    let da = String::from_utf8(sempre_in(&store, "da", &["check"]).stdout).unwrap();
    assert!(
        da.contains("Sessionen “Hverdagen” har 1 kopi, der venter"),
        "{da}"
    );

    let out = sempre(&store, &["check", "--fix"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Merged 1 copy of the session “Hverdagen”"),
        "{text}"
    );
    assert!(text.contains("+1 note"), "{text}");
    // The damaged copy is still there, and still a problem.
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(damaged.is_file());
    assert!(!copy.exists());
    assert_eq!(
        note_texts(&store.join(format!("{id}.json"))),
        ["Penge til fritid", "Tid om morgenen"]
    );

    std::fs::remove_file(&damaged).unwrap();
    let out = sempre(&store, &["check"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
