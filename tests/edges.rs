//! Session files that no longer fit their method, or were written by
//! hand: nothing in them is hidden from an export, a deep problem tree
//! exports and shows, and `sempre check` names a loop. Through the real
//! binary.

#![allow(clippy::unwrap_used)]

mod common;

use common::{sempre, stdout};

use std::path::{Path, PathBuf};

use serde_json::Value;

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

/// A problem tree session whose roots are one chain `depth` cards deep
/// (each card causes the one above it), written as a hand-made file
/// would be; its id.
fn deep_tree(store: &Path, depth: usize) -> String {
    let id = new_session(store, "problemtrae");
    sempre(store)
        .args(["add", "--zone", "aarsager", &id, "Kort 0"])
        .assert()
        .success();
    edit(store, id.as_str(), |json| {
        let template = json["notes"][0].clone();
        let mut notes = vec![template.clone()];
        for i in 1..depth {
            let mut note = template.clone();
            note["id"] = uuid::Uuid::new_v4().to_string().into();
            note["text"] = format!("Kort {i}").into();
            note["links"] = serde_json::json!([{ "kind": "causes", "note": notes[i - 1]["id"] }]);
            notes.push(note);
        }
        json["notes"] = notes.into();
    });
    id
}

#[test]
fn a_tree_ten_thousand_cards_deep_exports_in_every_format_and_shows() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("sessions");
    let id = deep_tree(&store, 10_000);
    for format in ["md", "html", "csv", "json"] {
        let out = stdout(sempre(&store).args(["export", &id, "--format", format]));
        assert!(
            out.contains("Kort 0") && out.contains("Kort 9999"),
            "{format}"
        );
    }
    // Deep cards are drawn at a bounded depth with their level written.
    let md = stdout(sempre(&store).args(["export", &id, "--format", "md"]));
    assert!(
        md.contains("Level 10000: Kort 9999"),
        "{}",
        &md[md.len() - 300..]
    );
    let show = stdout(sempre(&store).args(["show", &id]));
    assert!(show.contains("Kort 9999"));
    sempre(&store).args(["check"]).assert().success();

    // Drawn on the board, on a test thread's small stack.
    let path = file(&store, &id);
    for size in [(100, 30), (200, 60)] {
        let open = sempre::store::open_file(&path, sempre::store::Access::ReadOnly).unwrap();
        let screen = board_screen(open, size);
        assert!(screen.contains("Kort"), "{screen}");
    }
}

fn board_screen(open: sempre::store::OpenSession, size: (u16, u16)) -> String {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use sempre::tui::app::{App, Input, Outcome, Prefs, update};
    let prefs = Prefs {
        lang: sempre::i18n::Lang::En,
        theme: sempre::tui::theme::ThemeName::Default,
        projector: false,
    };
    let clock = sempre::tui::clock::Clock::fixed("2026-11-23T09:00:00Z".parse().unwrap());
    let methods = sempre::methods::MethodLibrary::builtin();
    let mut app = App::new(methods, prefs, "sessions".into(), clock);
    update(&mut app, Input::Resize(size.0, size.1));
    update(
        &mut app,
        Input::Outcome(Outcome::Opened(Ok(Box::new(open)))),
    );
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    terminal
        .draw(|f| sempre::tui::render::render(&app, f))
        .unwrap();
    format!("{}", terminal.backend())
}

#[test]
fn sempre_check_reports_a_loop_in_a_tree() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("sessions");
    let id = deep_tree(&store, 3);
    // The top card now causes the bottom one: a circle of three.
    edit(&store, &id, |json| {
        let bottom = json["notes"][2]["id"].clone();
        json["notes"][0]["links"] = serde_json::json!([{ "kind": "causes", "note": bottom }]);
    });
    let check = sempre(&store).arg("check").assert().failure();
    let out = String::from_utf8(check.get_output().stdout.clone()).unwrap();
    assert!(
        out.contains("has a loop: 3 cards cause each other"),
        "{out}"
    );
    // The cards still export and show.
    let md = stdout(sempre(&store).args(["export", &id, "--format", "md"]));
    assert!(
        ["Kort 0", "Kort 1", "Kort 2"]
            .iter()
            .all(|t| md.contains(t))
    );
}
