//! The real `sempre` binary in a pseudo-terminal, driven with keys as a
//! facilitator would press them, with the saved JSON read afterwards.
//! Every wait is for something to appear on screen, never a fixed sleep.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use common::{
    COLS, ROWS, Tty, add_note, config_home, new_session, note_texts, only_session, store,
};

/// From an empty store: the wizard, a title, and the board of a new
/// Future Workshop.
fn new_future_workshop(tty: &mut Tty) {
    new_session(tty, "fremtidsvaerksted", "Værksted på Ærø");
    tty.wait_for(&["Kritik (0)"]);
}

#[test]
fn a_facilitator_runs_the_first_steps_of_a_future_workshop() {
    let (_dir, store) = store();
    let mut tty = Tty::spawn(&store, &[]);
    new_future_workshop(&mut tty);
    add_note(&mut tty, "For lidt tid med børnene");
    add_note(&mut tty, "Økonomien er stram");
    add_note(&mut tty, "Blåbær er dyre");
    tty.wait_for(&["Kritik (3)"]);
    tty.send("L");
    tty.wait_for(&["Kritik (2)", "Fantasi (1)"]);
    tty.send("u");
    tty.wait_for(&["Kritik (3)", "Fantasi (0)", "Fortrudt"]);
    tty.send(">");
    tty.wait_for(&["Fase 1/5: Forberedelse"]);
    tty.send("q");
    tty.wait_for(&["Værksted på Ærø", "Sessioner"]);
    tty.send("q");
    tty.wait_exit();
    assert!(
        !tty.screen.lock().unwrap().screen().alternate_screen(),
        "the terminal is given back"
    );

    let session = only_session(&store);
    assert_eq!(session["context"]["title"], "Værksted på Ærø");
    assert_eq!(
        note_texts(&session, "kritik"),
        vec![
            "For lidt tid med børnene",
            "Økonomien er stram",
            "Blåbær er dyre"
        ]
    );
    assert!(note_texts(&session, "fantasi").is_empty());
    let log = session["phase_log"].as_array().unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["phase"], "forberedelse");
}

#[cfg(unix)]
#[test]
fn a_note_survives_sigkill_right_after_it_is_entered() {
    let (_dir, store) = store();
    let mut tty = Tty::spawn(&store, &[]);
    new_future_workshop(&mut tty);
    add_note(&mut tty, "Skrevet før strøm");
    // The note counts once the status line says it is saved.
    tty.wait_saved();
    let pid = tty.child.process_id().unwrap();
    let status = std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    tty.wait_exit();
    let session = only_session(&store);
    assert_eq!(note_texts(&session, "kritik"), vec!["Skrevet før strøm"]);
}

/// Notes typed as fast as the keys arrive, in one burst: every one
/// is on the board, and quitting at once still waits for the last save.
#[test]
fn notes_typed_in_a_burst_are_all_saved_when_quitting_at_once() {
    let (_dir, store) = store();
    let mut tty = Tty::spawn(&store, &[]);
    new_future_workshop(&mut tty);
    let texts: Vec<String> = (1..=12).map(|i| format!("Hurtig seddel {i}")).collect();
    let burst: String = texts.iter().map(|t| format!("a{t}\r")).collect();
    tty.send(&burst);
    tty.send("q");
    tty.wait_for(&["Værksted på Ærø", "Sessioner"]);
    tty.send("q");
    tty.wait_exit();
    let session = only_session(&store);
    assert_eq!(note_texts(&session, "kritik"), texts);
}

/// After a burst of notes, SIGKILL once the status line says saved: every
/// note is in the file.
#[cfg(unix)]
#[test]
fn notes_shown_as_saved_survive_sigkill_after_a_burst() {
    let (_dir, store) = store();
    let mut tty = Tty::spawn(&store, &[]);
    new_future_workshop(&mut tty);
    let texts: Vec<String> = (1..=8).map(|i| format!("Før nedbrud {i}")).collect();
    let burst: String = texts.iter().map(|t| format!("a{t}\r")).collect();
    tty.send(&burst);
    tty.wait_for(&["Kritik (8)"]);
    tty.wait_saved();
    let pid = tty.child.process_id().unwrap();
    let status = std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    tty.wait_exit();
    let session = only_session(&store);
    assert_eq!(note_texts(&session, "kritik"), texts);
}

#[test]
fn sempre_open_shows_a_board_and_a_second_one_is_read_only() {
    let (_dir, store) = store();
    std::fs::create_dir_all(&store).unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/example-problemtrae.json");
    let copy = store.join("problemtrae.json");
    std::fs::copy(&example, &copy).unwrap();
    let before = std::fs::read(&copy).unwrap();
    let mut first = Tty::spawn(&store, &["open", "e3b2e659"]);
    first.wait_for(&["Problem- og løsningstræ: Enlige", "Årsager (8)"]);
    let mut second = Tty::spawn(&store, &["open", "e3b2e659"]);
    second.wait_for(&["Skrivebeskyttet", "Årsager (8)"]);
    second.send("a");
    second.wait_for(&["kan ikke ændres her"]);
    second.send("q");
    second.wait_exit();
    first.send("q");
    first.wait_exit();
    assert_eq!(std::fs::read(&copy).unwrap(), before, "nothing was written");
}

#[test]
fn a_small_window_gets_a_message_and_recovers_with_help_on_top() {
    let (_dir, store) = store();
    let mut tty = Tty::spawn(&store, &[]);
    tty.wait_for(&["Ingen sessioner endnu"]);
    tty.send("?");
    tty.wait_for(&["Taster"]);
    tty.resize(70, 20);
    tty.wait_for(&["Vinduet er for lille", "70×20"]);
    tty.resize(COLS, ROWS);
    tty.wait_for(&["Taster", "Ingen sessioner endnu"]);
    tty.send("\x1b");
    tty.wait_gone("Taster");
    tty.send("q");
    tty.wait_exit();
}

/// A coordinator, weeks later: the follow-up screen over copies of the
/// examples, an overdue action marked done (and the JSON read back), a
/// session opened read-only and closed again, and an HTML export written
/// beside the store.
#[test]
fn a_coordinator_follows_up_and_exports_a_report() {
    let (_dir, store) = store();
    std::fs::create_dir_all(&store).unwrap();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
    for entry in std::fs::read_dir(examples).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            std::fs::copy(&path, store.join(path.file_name().unwrap())).unwrap();
        }
    }
    let mut tty = Tty::spawn(&store, &[]);
    tty.wait_for(&["Sessioner"]);
    tty.send("f");
    tty.wait_for(&["Opfølgning", "10 af 10", "Forhåndsvisning"]);
    tty.send("2");
    tty.wait_for(&["50 af 50", "Finde 2–3 mentorer"]);
    tty.send("x");
    tty.wait_for(&["Udført: Finde 2–3 mentorer"]);
    let file = store.join("example-fremtidsvaerksted.json");
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let action = saved["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["text"]
                .as_str()
                .unwrap()
                .starts_with("Finde 2–3 mentorer")
        })
        .unwrap();
    assert_eq!(action["status"], "done");

    tty.send("1");
    tty.send("/");
    tty.type_text("maqluba");
    tty.wait_for(&["1 af 10"]);
    tty.send(common::ENTER);
    tty.send(common::ENTER);
    tty.wait_for(&["Skrivebeskyttet"]);
    tty.send("q");
    tty.wait_for(&["1 af 10", "Forhåndsvisning"]);
    tty.send("e");
    tty.wait_for(&["Eksportér", "HTML"]);
    tty.send(common::ENTER);
    tty.wait_for(&["Eksporteret til"]);
    tty.send("q");
    tty.wait_for(&["Sessioner"]);
    tty.send("q");
    tty.wait_exit();
    let exports = store.parent().unwrap().join("exports");
    let files: Vec<_> = std::fs::read_dir(&exports)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let html = std::fs::read_to_string(&files[0]).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("Rygsækken"));
}

#[test]
fn a_danish_session_shows_a_danish_board_under_an_english_locale_and_choices_are_remembered() {
    const F2: &str = "\x1bOQ";
    let (_dir, store) = store();
    std::fs::create_dir_all(&store).unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sessions")
        .join("example-fremtidsvaerksted.json");
    std::fs::copy(example, store.join("fremtid.json")).unwrap();
    let english = [("LANG", "en_US.UTF-8")];
    let mut tty = Tty::spawn_with(&[], &store, &[], &english);
    tty.wait_for(&["Sessions", "Future Workshop"]);
    tty.send("\r");
    tty.wait_for(&["Kritik (", "Ingen fase i gang", "? hjælp"]);
    tty.send(F2);
    tty.wait_for(&["Critique (", "Board in English until it closes"]);
    tty.send("q");
    tty.wait_for(&["Sessions", "Future Workshop"]);
    tty.send(F2); // the person's own language, remembered
    tty.wait_for(&["Sessioner", "Fremtidsværksted  "]);
    tty.send("q");
    tty.wait_exit();
    let file = config_home(&store).join("sempre").join("prefs.json");
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(saved["lang"], "da");
    // The device id for merging copies is made once and kept there.
    assert!(
        saved["device"].as_str().is_some_and(|d| d.len() >= 8),
        "{saved}"
    );
    assert_eq!(saved.as_object().unwrap().len(), 2, "{saved}");

    // The next start, under the same English locale, speaks Danish.
    let mut tty = Tty::spawn_with(&[], &store, &[], &english);
    tty.wait_for(&["Sessioner"]);
    tty.send("q");
    tty.wait_exit();
}
