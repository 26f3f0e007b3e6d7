//! A store shared by two laptops through real Syncthing, driven by the
//! real `sempre`: a note added to one session on each side while they
//! were apart gives a conflict copy, and the next `sempre list` merges it,
//! so that both laptops end with one file for the session holding both
//! notes, and the copy kept in `.merged/`.
//!
//! Skipped without a `syncthing` program, unless `CI` is set.

#![allow(clippy::unwrap_used)]

#[path = "common/syncthing.rs"]
mod syncthing;

use std::path::Path;
use std::process::Output;

use serde_json::Value;
use syncthing::{Side, SyncPair};

fn sempre(store: &Path, args: &[&str]) -> String {
    let bin = assert_cmd::cargo::cargo_bin("sempre");
    let out: Output = std::process::Command::new(bin)
        .arg("--store")
        .arg(store)
        .args(args)
        .env_remove("SEMPRE_STORE")
        .env_remove("LC_ALL")
        .env("SEMPRE_LANG", "en")
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "sempre {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The session files in the store folder itself (not in `.merged/`).
fn session_files(store: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(store)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json") && !n.starts_with('.'))
        .collect();
    names.sort();
    names
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

#[test]
fn notes_added_apart_on_two_laptops_end_in_one_session_file() {
    let Some(pair) = SyncPair::start() else {
        return;
    };
    let (a, b) = (pair.store(Side::A), pair.store(Side::B));
    let id = sempre(
        a,
        &[
            "new",
            "--method",
            "fremtidsvaerksted",
            "--title",
            "Hverdagen",
        ],
    )
    .trim()
    .to_string();
    let own = format!("{id}.json");
    pair.wait_in_sync();
    assert_eq!(session_files(b), std::slice::from_ref(&own));

    pair.pause_sharing();
    sempre(a, &["add", &id, "--zone", "kritik", "Tid om morgenen"]);
    sempre(b, &["add", &id, "--zone", "kritik", "Penge til fritid"]);
    pair.resume();
    pair.wait_in_sync();
    let copies = pair.conflict_copies(Side::A);
    assert_eq!(copies.len(), 1, "conflict copies: {copies:?}");
    assert_eq!(session_files(a).len(), 2);

    // Listing on A merges the copy; Syncthing carries the merge to B.
    let table = sempre(a, &["list"]);
    assert_eq!(table.lines().count(), 2, "{table}");
    pair.wait_in_sync();

    let both = ["Penge til fritid", "Tid om morgenen"];
    for (side, store) in [(Side::A, a), (Side::B, b)] {
        assert_eq!(session_files(store), std::slice::from_ref(&own), "{side:?}");
        assert_eq!(note_texts(&store.join(&own)), both, "{side:?}");
        let outside: Vec<String> = pair
            .conflict_copies(side)
            .into_iter()
            .filter(|p| !p.starts_with(".merged/"))
            .collect();
        assert!(outside.is_empty(), "{side:?}: {outside:?}");
        assert!(
            store.join(".merged").join(&copies[0]).is_file(),
            "{side:?}: the copy is not kept in .merged"
        );
    }
    // B has nothing left to do: its listing writes nothing.
    let before = std::fs::read(b.join(&own)).unwrap();
    let out = sempre(b, &["check", "--fix"]);
    assert!(!out.contains("Merged"), "{out}");
    assert_eq!(std::fs::read(b.join(&own)).unwrap(), before);
    assert_eq!(sempre(b, &["list"]).lines().count(), 2);
}
