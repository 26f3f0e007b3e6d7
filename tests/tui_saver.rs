//! The board saving off its own thread, headless through `update` and
//! `perform` without waiting after each input (as the event loop runs):
//! quitting waits for the last save, a failed or refused last save still
//! reaches the facilitator, and the file ends with every change.

#![allow(clippy::unwrap_used)]

mod headless;

use headless::Harness;
use sempre::store::{load_session, save_session};
use sempre::tui::app::{Input, Screen, update};
use sempre::tui::command::Command;
use sempre::tui::layers::Layer;
use sempre::tui::{perform, settle, take_saves};

/// Applies `input` as the event loop does: the disk work is done, but the
/// saver is not waited for.
fn send(h: &mut Harness, input: Input) {
    let effects = update(&mut h.app, input);
    perform(&mut h.app, &h.store, effects);
}

fn cmd(h: &mut Harness, cmd: Command) {
    send(h, Input::Command(cmd));
}

/// A note written without waiting for its save.
fn note(h: &mut Harness, text: &str) {
    cmd(h, Command::AddNote);
    send(h, Input::Paste(text.into()));
    cmd(h, Command::Submit);
}

fn texts(session: &sempre::model::Session) -> Vec<String> {
    session.notes.iter().map(|n| n.text.clone()).collect()
}

#[test]
fn closing_at_once_waits_for_the_last_save() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "T");
    let path = h.board().open.path().to_path_buf();
    let written: Vec<String> = (0..30).map(|i| format!("seddel {i}")).collect();
    for text in &written {
        note(&mut h, text);
    }
    assert_eq!(texts(h.board().session()), written);
    cmd(&mut h, Command::Quit);
    assert!(
        matches!(h.app.screen, Screen::Home(_)),
        "saved by the time it closed, so no question"
    );
    assert_eq!(texts(&load_session(&path).unwrap()), written);
}

#[test]
fn ctrl_c_at_once_waits_for_the_last_save_and_ends() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "T");
    let path = h.board().open.path().to_path_buf();
    note(&mut h, "sidste");
    cmd(&mut h, Command::ForceQuit);
    assert!(h.app.quit, "nothing unsaved, so no question");
    assert_eq!(texts(&load_session(&path).unwrap()), ["sidste"]);
}

#[test]
fn the_status_line_says_saved_only_once_the_newest_change_is_written() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "T");
    for i in 0..10 {
        note(&mut h, &format!("n{i}"));
    }
    // Whatever the saver has answered so far, the board is saved only if
    // the newest change is in the file.
    take_saves(&mut h.app, &h.store);
    let b = h.board();
    if !b.save.dirty {
        assert!(!b.open.saving());
        assert_eq!(load_session(b.open.path()).unwrap().notes.len(), 10);
    }
    settle(&mut h.app, &h.store);
    assert!(!h.board().save.dirty);
    assert!(h.screen_text().contains("✓ Saved 08:00:00"));
}

#[test]
fn a_failed_last_save_reaches_the_status_line_and_closing_asks() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "T");
    let path = h.board().open.path().to_path_buf();
    note(&mut h, "gemt");
    settle(&mut h.app, &h.store);
    let store_dir = path.parent().unwrap().to_path_buf();
    let moved = store_dir.with_extension("away");
    std::fs::rename(&store_dir, &moved).unwrap();
    note(&mut h, "ikke gemt");
    // Closing at once hears of the failure before it decides.
    cmd(&mut h, Command::Quit);
    assert!(matches!(h.app.layers.last(), Some(Layer::Confirm(_))));
    let b = h.board();
    assert!(b.save.dirty && b.save.error.is_some());
    cmd(&mut h, Command::No);
    assert!(
        h.screen_text().contains("Could not save"),
        "{}",
        h.screen_text()
    );
    std::fs::rename(&moved, &store_dir).unwrap();
    note(&mut h, "igen");
    cmd(&mut h, Command::Quit);
    assert!(matches!(h.app.screen, Screen::Home(_)));
    assert_eq!(
        texts(&load_session(&path).unwrap()),
        ["gemt", "ikke gemt", "igen"]
    );
}

#[test]
fn a_change_on_disk_found_by_the_last_save_is_merged_in_before_closing() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "T");
    let path = h.board().open.path().to_path_buf();
    note(&mut h, "fra tavlen");
    settle(&mut h.app, &h.store);
    let mut theirs = load_session(&path).unwrap();
    theirs.context.title = "Ændret andetsteds".into();
    theirs.updated = theirs.updated.max(sempre::model::now());
    save_session(&path, &theirs).unwrap();
    note(&mut h, "også fra tavlen");
    cmd(&mut h, Command::Quit);
    assert!(
        matches!(h.app.screen, Screen::Home(_)),
        "the change elsewhere was merged, so the board closes"
    );
    let saved = load_session(&path).unwrap();
    assert_eq!(saved.context.title, "Ændret andetsteds");
    assert_eq!(texts(&saved), ["fra tavlen", "også fra tavlen"]);
}

#[test]
fn undo_redo_phases_and_the_time_box_end_in_the_file_as_on_screen() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "T");
    let path = h.board().open.path().to_path_buf();
    for i in 0..5 {
        note(&mut h, &format!("n{i}"));
    }
    cmd(&mut h, Command::Undo);
    cmd(&mut h, Command::Undo);
    cmd(&mut h, Command::Redo);
    cmd(&mut h, Command::NextPhase);
    cmd(&mut h, Command::TimerToggle);
    cmd(&mut h, Command::NextPhase);
    note(&mut h, "efter fasen");
    cmd(&mut h, Command::Undo);
    settle(&mut h.app, &h.store);
    let shown = h.board().session().clone();
    assert_eq!(
        load_session(&path).unwrap().without_bookkeeping(),
        shown.without_bookkeeping()
    );
    assert_eq!(shown.notes.len(), 4);
    assert_eq!(shown.phase_log.len(), 2);
    assert!(shown.timer.is_some());
}

#[test]
fn reading_the_file_again_at_once_waits_for_changes_on_their_way() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "T");
    note(&mut h, "på vej");
    cmd(&mut h, Command::Reload);
    assert!(
        h.app.layers.is_empty(),
        "nothing is lost by reading, so no question"
    );
    assert_eq!(texts(h.board().session()), ["på vej"]);
    assert!(!h.board().save.dirty);
}
