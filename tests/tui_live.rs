//! The store is live: sessions written on disk by something else (a
//! command in another process, a sync tool) show up in the open
//! interface by themselves, through the store's watch, as the event loop
//! takes its reports in. Headless; every wait polls for the result with a
//! generous deadline, never a fixed sleep.

#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use sempre::model::ActionStatus;
use sempre::store::{StoreWatch, load_session, save_session};
use sempre::tui::app::{Input, Screen};
use sempre::tui::command::Command;
use sempre::tui::take_store_change;

mod headless;
use headless::Harness;

/// A watch on the harness's store that looks at the folder often, so the
/// tests do not depend on the system's file events.
fn watch(h: &Harness) -> StoreWatch {
    StoreWatch::with(h.store.dir(), Duration::from_millis(50), true)
}

/// Runs the event loop's part (taking in the watch's reports) until
/// `done` holds, for a generous while.
fn until(h: &mut Harness, watch: &StoreWatch, what: &str, done: impl Fn(&Harness) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        take_store_change(&mut h.app, &h.store, watch);
        if done(h) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "waited for {what}; the screen shows:\n{}",
            h.screen_text()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `sempre new` in another process; gives the new session's id.
fn new_elsewhere(h: &Harness, title: &str, date: &str) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sempre"))
        .arg("--store")
        .arg(h.store.dir())
        .args(["--lang", "en", "new", "--method", "rygsaek"])
        .args(["--title", title, "--date", date])
        .env_remove("SEMPRE_STORE")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn home_titles(h: &Harness) -> Vec<String> {
    match &h.app.screen {
        Screen::Home(home) => home
            .shown
            .iter()
            .map(|i| home.rows[*i].summary.title.clone())
            .collect(),
        _ => panic!("not on the home screen"),
    }
}

fn home_selected(h: &Harness) -> String {
    match &h.app.screen {
        Screen::Home(home) => home.rows[home.shown[home.selected]].summary.title.clone(),
        _ => panic!("not on the home screen"),
    }
}

#[test]
fn the_home_screen_lists_a_session_made_by_another_process() {
    let mut h = Harness::new();
    // The store folder does not exist yet: the first session makes it.
    let watch = watch(&h);
    new_elsewhere(&h, "Made elsewhere", "2026-09-01");
    until(&mut h, &watch, "the new session", |h| {
        home_titles(h) == ["Made elsewhere"]
    });
}

#[test]
fn the_home_screen_keeps_its_selection_and_filter_when_the_store_changes() {
    let mut h = Harness::new();
    new_elsewhere(&h, "Alpha garden", "2026-09-01");
    new_elsewhere(&h, "Beta garden", "2026-09-02");
    new_elsewhere(&h, "Gamma kitchen", "2026-09-03");
    h.perform_list();
    let watch = watch(&h);
    h.typed("garden");
    h.cmd(Command::Submit);
    assert_eq!(home_titles(&h), ["Beta garden", "Alpha garden"]);
    h.cmd(Command::Down);
    assert_eq!(home_selected(&h), "Alpha garden");

    // A newer session comes in above the selected one.
    new_elsewhere(&h, "Delta garden", "2026-09-04");
    until(&mut h, &watch, "the newer session", |h| {
        home_titles(h).len() == 3
    });
    assert_eq!(
        home_titles(&h),
        ["Delta garden", "Beta garden", "Alpha garden"]
    );
    assert_eq!(home_selected(&h), "Alpha garden", "the same session");
}

#[test]
fn the_home_screen_waits_for_an_open_dialog_before_it_changes() {
    let mut h = Harness::new();
    let watch = watch(&h);
    h.cmd(Command::Help);
    assert!(!h.app.layers.is_empty());
    new_elsewhere(&h, "Behind the help", "2026-09-01");
    until(&mut h, &watch, "the change to be heard", |h| {
        h.app.held_change.is_some()
    });
    assert!(home_titles(&h).is_empty(), "nothing changes under a dialog");
    h.cmd(Command::Back);
    assert!(h.app.layers.is_empty());
    assert_eq!(home_titles(&h), ["Behind the help"]);
}

#[test]
fn follow_up_shows_an_action_whose_status_changed_on_disk() {
    let mut h = Harness::followup();
    let watch = watch(&h);
    h.cmd(Command::ShowActions);
    let (path, session, action, before) = {
        let f = h.follow();
        let row = &f.actions.rows[f.actions.selected];
        let entry = &f.entries[row.entry];
        let action = entry.actions().iter().find(|a| a.id == row.action).unwrap();
        (entry.path.clone(), entry.id(), action.id, action.status)
    };
    let after = if before == ActionStatus::Done {
        ActionStatus::Open
    } else {
        ActionStatus::Done
    };

    // Another laptop marks it, and a sync tool brings the file.
    let mut changed = load_session(&path).unwrap();
    changed
        .actions
        .iter_mut()
        .find(|a| a.id == action)
        .unwrap()
        .status = after;
    save_session(&path, &changed).unwrap();

    let status_of = |h: &Harness| {
        h.follow()
            .entry(session)
            .and_then(|e| e.actions().iter().find(|a| a.id == action))
            .map(|a| a.status)
    };
    until(&mut h, &watch, "the new status", |h| {
        status_of(h) == Some(after)
    });
    let f = h.follow();
    assert_eq!(
        f.actions.selected_id,
        Some(action),
        "the cursor stays on the action"
    );
}

#[test]
fn a_read_only_board_follows_its_file() {
    let mut h = Harness::new();
    let id = new_elsewhere(&h, "Watched", "2026-09-01");
    h.perform_list();
    let file = h.store.dir().join(format!("{id}.json"));
    let watch = watch(&h);
    h.input(Input::Outcome(sempre::tui::app::Outcome::Opened(
        sempre::store::open_file(&file, sempre::store::Access::ReadOnly).map(Box::new),
    )));
    assert!(h.board().open.is_read_only());

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sempre"))
        .arg("--store")
        .arg(h.store.dir())
        .args(["add", &id, "--zone", "tage-med", "From next door"])
        .env_remove("SEMPRE_STORE")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    until(&mut h, &watch, "the note on the board", |h| {
        h.board()
            .session()
            .notes
            .iter()
            .any(|n| n.text == "From next door")
    });
    assert!(h.screen_text().contains("From next door"));
    assert_eq!(h.flash(), "", "read again without a word");
}

/// Another laptop's copy of the session, with a note added there, arrives
/// in the store the way a sync tool puts it: written beside, then renamed
/// over the file.
fn arrive_from_another_laptop(file: &std::path::Path, text: &str) {
    let mut theirs = load_session(file).unwrap();
    let method = sempre::methods::MethodLibrary::builtin()
        .get(&theirs.method.id)
        .cloned()
        .unwrap();
    let before = theirs.clone();
    let zone = method.zones[0].id.clone();
    let now = sempre::model::now();
    theirs
        .add_note(&method, sempre::model::NewNote::new(&zone, text), now)
        .unwrap();
    sempre::model::record_changes(&before, &mut theirs, now, "another-laptop");
    let beside = file.with_file_name(".arriving.json.tmp");
    save_session(&beside, &theirs).unwrap();
    std::fs::rename(&beside, file).unwrap();
}

#[test]
fn an_editable_board_merges_a_change_that_arrives_while_it_is_open() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "Hverdag");
    let file = h.board().open.path().to_path_buf();
    let watch = watch(&h);
    h.note("fra tavlen");
    sempre::tui::settle(&mut h.app, &h.store);
    arrive_from_another_laptop(&file, "fra en anden bærbar");
    until(
        &mut h,
        &watch,
        "the other laptop's note on the board",
        |h| {
            h.board()
                .session()
                .notes
                .iter()
                .any(|n| n.text == "fra en anden bærbar")
        },
    );
    assert!(h.screen_text().contains("fra en anden bærbar"));
    assert_eq!(
        h.flash(),
        "Merged in from another device: +1 note.",
        "the board says what arrived"
    );
    let mut on_disk: Vec<String> = load_session(&file)
        .unwrap()
        .notes
        .iter()
        .map(|n| n.text.clone())
        .collect();
    on_disk.sort();
    assert_eq!(on_disk, ["fra en anden bærbar", "fra tavlen"]);

    // The board's own saves, heard through the same watch, merge nothing
    // and say nothing.
    h.note("igen fra tavlen");
    sempre::tui::settle(&mut h.app, &h.store);
    for _ in 0..20 {
        take_store_change(&mut h.app, &h.store, &watch);
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!h.flash().contains("Merged"), "{}", h.flash());
    assert_eq!(load_session(&file).unwrap().notes.len(), 3);
}

#[test]
fn an_editable_board_takes_in_a_conflict_copy_of_its_session() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "Hverdag");
    let file = h.board().open.path().to_path_buf();
    let watch = watch(&h);
    h.note("fra tavlen");
    sempre::tui::settle(&mut h.app, &h.store);
    // Syncthing found both laptops had changed the file and kept the
    // other laptop's version beside it.
    let copy = file.with_file_name(format!(
        "{}.sync-conflict-20261201-101500-ABCDEFG.json",
        file.file_stem().unwrap().to_str().unwrap()
    ));
    std::fs::copy(&file, &copy).unwrap();
    arrive_from_another_laptop(&copy, "fra konfliktkopien");
    until(&mut h, &watch, "the copy's note on the board", |h| {
        h.board()
            .session()
            .notes
            .iter()
            .any(|n| n.text == "fra konfliktkopien")
    });
    assert_eq!(h.flash(), "Merged in from another device: +1 note.");
    assert!(!copy.exists(), "the copy is set aside");
    let kept = h
        .store
        .dir()
        .join(".merged")
        .join(copy.file_name().unwrap());
    assert!(kept.exists(), "and kept in .merged/");
    let on_disk = load_session(&file).unwrap();
    assert_eq!(on_disk.notes.len(), 2);
}
