//! Session files that no longer fit their method, or were written by
//! hand: nothing in them is hidden from an export, a deep problem tree
//! exports and shows, and `sempre check` names a loop. Through the real
//! binary.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn sempre(store: &Path) -> Command {
    let mut cmd = Command::cargo_bin("sempre").unwrap();
    cmd.arg("--store")
        .arg(store)
        .env_remove("SEMPRE_STORE")
        .env_remove("SEMPRE_LANG")
        .env("LANG", "C.UTF-8");
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

fn new_session(store: &Path, method: &str) -> String {
    stdout(sempre(store).args(["new", "--method", method, "--title", "Kanten"]))
        .trim()
        .to_string()
}

fn file(store: &Path, id: &str) -> PathBuf {
    store.join(format!("{id}.json"))
}

fn edit(store: &Path, id: &str, change: impl FnOnce(&mut Value)) {
    let path = file(store, id);
    let mut json: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    change(&mut json);
    std::fs::write(&path, serde_json::to_string(&json).unwrap()).unwrap();
}

#[test]
fn notes_in_a_zone_the_method_no_longer_has_are_in_every_export() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("sessions");
    let id = new_session(&store, "business-model-canvas");
    for text in ["Bliver på sin plads", "Zonen er væk"] {
        sempre(&store)
            .args(["add", "--zone", "kundesegmenter", &id, text])
            .assert()
            .success();
    }
    edit(&store, &id, |json| {
        json["notes"][1]["zone"] = "gammel-zone".into()
    });
    for format in ["md", "html", "csv", "json"] {
        let out = stdout(sempre(&store).args(["export", &id, "--format", format]));
        assert!(out.contains("Bliver på sin plads"), "{format}: {out}");
        assert!(
            out.contains("Zonen er væk"),
            "{format} hides the note: {out}"
        );
        if format != "json" {
            assert!(out.contains("No zone (gammel-zone)"), "{format}: {out}");
        }
    }
}
