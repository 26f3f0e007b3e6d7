//! The follow-up screen driven headlessly over copies of the example
//! sessions: filters, sorting, read-only opening, actions changed in their
//! files and undone, the process view, and the export dialog writing
//! files. No terminal, no clock speed involved.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use jiff::Timestamp;
use jiff::civil::{Date, date};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use sempre::model::ActionStatus;
use sempre::store::{SessionLock, load_session, save_session};
use sempre::tui::app::Screen;
use sempre::tui::clock::Clock;
use sempre::tui::command::Command;
use sempre::tui::layers::{ExportField, Layer};

mod headless;
use headless::Harness;

fn shown_titles(h: &Harness) -> Vec<String> {
    let f = h.follow();
    f.review
        .shown
        .iter()
        .map(|i| f.entries[*i].summary.title.clone())
        .collect()
}

fn file(h: &Harness, method: &str) -> PathBuf {
    h.store.dir().join(format!("example-{method}.json"))
}

/// The rows of the actions tab: text, status, due date.
fn action_rows(h: &Harness) -> Vec<(String, ActionStatus, Option<Date>)> {
    let f = h.follow();
    f.actions
        .rows
        .iter()
        .map(|r| {
            let a = f.entries[r.entry]
                .facts
                .actions
                .iter()
                .find(|a| a.id == r.action)
                .unwrap();
            (a.text.clone(), a.status, a.due)
        })
        .collect()
}

fn export_dialog(h: &mut Harness) -> &mut sempre::tui::layers::ExportState {
    match h.app.layers.last_mut() {
        Some(Layer::Export(d)) => d,
        other => panic!("no export dialog but {other:?}"),
    }
}

fn exports(h: &Harness) -> Vec<PathBuf> {
    let dir = h.app.exports_dir.clone();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn sessions_filter_by_every_field_and_sort_by_any_column() {
    let mut h = Harness::followup();
    assert_eq!(shown_titles(&h).len(), 10);

    h.cmd(Command::Filters);
    h.fill(&["", "herning", "", "", "", "", ""]);
    let titles = shown_titles(&h);
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert!(
        titles[0].starts_with("Double Diamond"),
        "newest first: {titles:?}"
    );

    h.cmd(Command::Filters);
    h.fill(&["tree", "", "", "", "", "", ""]);
    assert_eq!(
        shown_titles(&h).len(),
        1,
        "the method's English name matches"
    );
    h.cmd(Command::Filters);
    h.fill(&["", "", "enlige", "", "", "", ""]);
    assert_eq!(
        shown_titles(&h).len(),
        2,
        "two sessions with single parents"
    );
    h.cmd(Command::Filters);
    h.fill(&["", "", "", "MIKROPROJEKT", "", "", ""]);
    assert!(!shown_titles(&h).is_empty(), "a tag in any case");
    h.cmd(Command::Filters);
    h.fill(&["", "", "", "", "2026-09-01", "2026-09-30", ""]);
    assert_eq!(
        shown_titles(&h).len(),
        2,
        "September: {:?}",
        shown_titles(&h)
    );
    h.cmd(Command::Filters);
    h.fill(&["", "", "", "", "", "", "maqluba"]);
    assert_eq!(shown_titles(&h).len(), 1, "a word in a note");
    assert!(shown_titles(&h)[0].starts_with("Rygsækken"));

    // A day that is not a day keeps the form open and changes nothing.
    h.cmd(Command::Filters);
    h.fill(&["", "", "", "", "2026-13-01", "", ""]);
    match h.app.layers.last() {
        Some(Layer::Form(form)) => assert!(form.error.is_some()),
        other => panic!("the form closed: {other:?}"),
    }
    h.cmd(Command::Back);
    h.cmd(Command::Filters);
    h.fill(&["", "", "", "", "2026-10-01", "2026-09-01", ""]);
    assert!(
        matches!(h.app.layers.last(), Some(Layer::Form(_))),
        "from after to is refused"
    );
    h.cmd(Command::Back);
    assert_eq!(shown_titles(&h).len(), 1, "still the earlier filter");

    h.cmd(Command::ClearFilters);
    assert_eq!(shown_titles(&h).len(), 10);
    h.cmd(Command::StartFilter);
    h.typed("madbod");
    assert_eq!(shown_titles(&h).len(), 1, "a word in a decision");
    h.cmd(Command::Back);
    assert_eq!(shown_titles(&h).len(), 10, "Esc clears the words");
    // Words that stand only in private notes find nothing ("bekymring"
    // in the Future Workshop, "sygemeldt" in the problem tree, "flugten"
    // in the backpack).
    for private in ["bekymring", "sygemeldt", "flugten"] {
        h.cmd(Command::StartFilter);
        h.typed(private);
        assert!(shown_titles(&h).is_empty(), "'{private}' found a session");
        h.cmd(Command::Back);
    }

    h.cmd(Command::SortNext);
    let titles = shown_titles(&h);
    let mut sorted = titles.clone();
    sorted.sort_by_key(|t| t.to_lowercase());
    assert_eq!(titles, sorted, "by title");
    h.cmd(Command::SortReverse);
    sorted.reverse();
    assert_eq!(shown_titles(&h), sorted, "the other way round");

    h.cmd(Command::SortNext);
    let lang = h.app.prefs.lang;
    let Screen::Followup(f) = &h.app.screen else {
        panic!("on the follow-up screen")
    };
    let names: Vec<String> = f
        .review
        .shown
        .iter()
        .map(|i| f.entries[*i].method_name(lang).to_lowercase())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "by the method's name in the language shown");
}

#[test]
fn a_session_opens_read_only_and_closing_it_comes_back_with_the_filters() {
    let mut h = Harness::followup();
    h.cmd(Command::Filters);
    h.fill(&["", "syddjurs", "", "", "", "", ""]);
    let before = std::fs::read(file(&h, "theory-of-change")).unwrap();
    h.cmd(Command::Open);
    let Screen::Board(b) = &h.app.screen else {
        panic!("no board")
    };
    assert!(b.open.is_read_only());
    assert!(b.session().context.title.starts_with("Theory of Change"));
    h.cmd(Command::AddNote);
    assert!(h.app.layers.is_empty(), "nothing can be written");
    h.cmd(Command::Quit);
    assert_eq!(shown_titles(&h).len(), 2, "the filter is kept");
    assert_eq!(h.follow().review.filter.network, "syddjurs");
    assert_eq!(std::fs::read(file(&h, "theory-of-change")).unwrap(), before);
    h.cmd(Command::Quit);
    assert!(matches!(h.app.screen, Screen::Home(_)));
}

#[test]
fn actions_come_overdue_first_and_a_change_is_saved_and_undone() {
    let mut h = Harness::followup();
    h.app.clock = Clock::fixed("2026-11-23T09:00:00Z".parse::<Timestamp>().unwrap());
    h.cmd(Command::ShowActions);
    let rows = action_rows(&h);
    assert_eq!(rows.len(), 50);
    let today = date(2026, 11, 23);
    let overdue = rows
        .iter()
        .take_while(|(_, s, d)| s.is_open() && d.is_some_and(|d| d < today))
        .count();
    assert_eq!(overdue, 9, "{rows:?}");
    let open = rows.iter().take_while(|(_, s, _)| s.is_open()).count();
    assert!(
        rows[open..].iter().all(|(_, s, _)| !s.is_open()),
        "finished ones last"
    );
    let dues: Vec<Option<Date>> = rows[..open].iter().map(|r| r.2).collect();
    let mut sorted = dues.clone();
    sorted.sort_by_key(|d| (d.is_none(), *d));
    assert_eq!(dues, sorted, "by due date, undated last among the open");

    let (text, status, _) = rows[0].clone();
    h.cmd(Command::ToggleDone);
    let path = file(&h, "fremtidsvaerksted");
    let saved = load_session(&path).unwrap();
    let action = saved.actions.iter().find(|a| a.text == text).unwrap();
    assert_eq!(
        action.status,
        ActionStatus::Done,
        "saved into its session file"
    );
    assert!(h.flash().contains("Done"), "{}", h.flash());
    assert_ne!(
        action_rows(&h)[0].0,
        text,
        "the next action takes its place"
    );

    h.cmd(Command::Undo);
    let saved = load_session(&path).unwrap();
    assert_eq!(
        saved
            .actions
            .iter()
            .find(|a| a.text == text)
            .unwrap()
            .status,
        status
    );
    assert!(h.flash().contains("Undone"));
    h.cmd(Command::Undo);
    assert!(h.flash().contains("Nothing"), "{}", h.flash());
    h.cmd(Command::Redo);
    let saved = load_session(&path).unwrap();
    assert_eq!(
        saved
            .actions
            .iter()
            .find(|a| a.text == text)
            .unwrap()
            .status,
        ActionStatus::Done
    );
    assert!(h.flash().contains("Redone"));
    h.cmd(Command::Undo);
    let saved = load_session(&path).unwrap();
    assert_eq!(
        saved
            .actions
            .iter()
            .find(|a| a.text == text)
            .unwrap()
            .status,
        status,
        "undone again"
    );
    h.cmd(Command::Down);
    h.cmd(Command::ToggleDone);
    h.cmd(Command::Redo);
    assert!(
        h.flash().contains("Nothing"),
        "a new change forgets what could be redone"
    );
}

#[test]
fn a_change_never_overwrites_what_was_changed_elsewhere() {
    let mut h = Harness::followup();
    h.cmd(Command::ShowActions);
    let (text, _, _) = action_rows(&h)[0].clone();
    let path = file(&h, "fremtidsvaerksted");
    // Another sempre changes the action after this one read it.
    let mut other = load_session(&path).unwrap();
    let id = other.actions.iter().find(|a| a.text == text).unwrap().id;
    other
        .update_action(
            id,
            Some("Ny ejer"),
            None,
            ActionStatus::Dropped,
            other.updated,
        )
        .unwrap();
    save_session(&path, &other).unwrap();
    let before = std::fs::read(&path).unwrap();
    h.cmd(Command::ToggleDone);
    assert!(h.app.flash.as_ref().unwrap().error);
    assert!(h.flash().contains("changed elsewhere"), "{}", h.flash());
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file is as the other left it"
    );

    // A session open for editing in another window is left alone.
    h.cmd(Command::Reload);
    let lock = SessionLock::try_acquire(&path).unwrap().unwrap();
    let before = std::fs::read(&path).unwrap();
    let row = action_rows(&h)
        .iter()
        .position(|(t, _, _)| *t == text)
        .unwrap();
    for _ in 0..row {
        h.cmd(Command::Down);
    }
    h.cmd(Command::ToggleDone);
    assert!(h.flash().contains("another sempre window"), "{}", h.flash());
    assert_eq!(std::fs::read(&path).unwrap(), before);
    drop(lock);
    h.cmd(Command::ToggleDone);
    assert!(!h.app.flash.as_ref().unwrap().error, "{}", h.flash());
    assert_ne!(
        std::fs::read(&path).unwrap(),
        before,
        "saved once the lock is gone"
    );

    // An undo that cannot be written is kept, to be tried again.
    let status = |path: &PathBuf| {
        let s = load_session(path).unwrap();
        s.actions.iter().find(|a| a.id == id).unwrap().status
    };
    assert_eq!(status(&path), ActionStatus::Done);
    let done = std::fs::read(&path).unwrap();
    let lock = SessionLock::try_acquire(&path).unwrap().unwrap();
    h.cmd(Command::Undo);
    assert!(h.flash().contains("another sempre window"), "{}", h.flash());
    assert!(
        std::fs::read(&path).unwrap() == done,
        "the file is untouched"
    );
    drop(lock);
    h.cmd(Command::Undo);
    assert!(!h.app.flash.as_ref().unwrap().error, "{}", h.flash());
    assert_eq!(
        status(&path),
        ActionStatus::Dropped,
        "the undo is written once the lock is gone"
    );
}

#[test]
fn an_actions_owner_and_due_date_change_and_the_list_filters() {
    let mut h = Harness::followup();
    h.cmd(Command::ShowActions);
    let (text, _, _) = action_rows(&h)[0].clone();
    h.cmd(Command::EditAction);
    h.fill(&["Ny ejer", "2027-05-01"]);
    let saved = load_session(&file(&h, "fremtidsvaerksted")).unwrap();
    let a = saved.actions.iter().find(|a| a.text == text).unwrap();
    assert_eq!(a.owner.as_deref(), Some("Ny ejer"));
    assert_eq!(a.due, Some(date(2027, 5, 1)));
    h.cmd(Command::Undo);
    let saved = load_session(&file(&h, "fremtidsvaerksted")).unwrap();
    assert_eq!(
        saved
            .actions
            .iter()
            .find(|a| a.text == text)
            .unwrap()
            .owner
            .as_deref(),
        Some("Mette")
    );

    let before = std::fs::read(file(&h, "fremtidsvaerksted")).unwrap();
    h.cmd(Command::EditAction);
    h.fill(&["Mette", "snart"]);
    assert!(matches!(h.app.layers.last(), Some(Layer::Form(f)) if f.error.is_some()));
    h.cmd(Command::Back);
    assert_eq!(
        std::fs::read(file(&h, "fremtidsvaerksted")).unwrap(),
        before
    );

    h.cmd(Command::Filters);
    h.fill(&["herning", ""]);
    let f = h.follow();
    assert_eq!(f.actions.rows.len(), 10);
    assert!(
        f.actions
            .rows
            .iter()
            .all(|r| f.entries[r.entry].summary.network.as_deref() == Some("LEN Herning"))
    );
    h.cmd(Command::Filters);
    h.fill(&["", "mette"]);
    assert!(!action_rows(&h).is_empty());
    let f = h.follow();
    for r in &f.actions.rows {
        let a = f.entries[r.entry]
            .facts
            .actions
            .iter()
            .find(|a| a.id == r.action)
            .unwrap();
        assert!(a.owner.as_deref().unwrap().to_lowercase().contains("mette"));
    }
    h.cmd(Command::ClearFilters);
    h.cmd(Command::ToggleFinished);
    assert!(action_rows(&h).iter().all(|(_, s, _)| s.is_open()));
    let open: usize = h
        .follow()
        .entries
        .iter()
        .map(|e| {
            e.facts
                .actions
                .iter()
                .filter(|a| a.status.is_open())
                .count()
        })
        .sum();
    assert_eq!(action_rows(&h).len(), open);
    assert!(open < 36);
}

#[test]
fn the_process_shows_a_networks_sessions_oldest_first_and_exports_its_report() {
    let mut h = Harness::followup();
    h.cmd(Command::ShowProcess);
    let names: Vec<Option<String>> = h
        .follow()
        .process
        .networks
        .iter()
        .map(|n| n.name.clone())
        .collect();
    assert_eq!(names.len(), 8, "{names:?}");
    while h.follow().process.current().unwrap().name.as_deref() != Some("LEN Syddjurs") {
        h.cmd(Command::FocusRight);
    }
    let f = h.follow();
    let net = f.process.current().unwrap();
    let titles: Vec<&str> = net
        .entries
        .iter()
        .map(|i| f.entries[*i].summary.title.as_str())
        .collect();
    assert!(
        titles[0].starts_with("Problem- og løsningstræ"),
        "{titles:?}"
    );
    assert!(titles[1].starts_with("Theory of Change"), "{titles:?}");
    h.cmd(Command::Down);
    h.cmd(Command::Export);
    let d = export_dialog(&mut h);
    assert!(d.scopes[0].report.is_some(), "the report comes first");
    assert_eq!(d.scopes[0].sessions.len(), 2);
    h.cmd(Command::Submit);
    let files = exports(&h);
    assert_eq!(files.len(), 1, "{files:?}");
    let html = std::fs::read_to_string(&files[0]).unwrap();
    assert!(html.contains("LEN Syddjurs"));
    assert!(html.contains("Enlige forældres sundhed") && html.contains("Forældrecaféen i Rønde"));
    assert!(
        files[0]
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("report-len-syddjurs")
    );
    h.cmd(Command::Open);
    let Screen::Board(b) = &h.app.screen else {
        panic!("no board")
    };
    assert!(
        b.session().context.title.starts_with("Theory of Change"),
        "the selected session"
    );
}

#[test]
fn the_export_dialog_writes_a_file_and_asks_before_replacing_one() {
    let mut h = Harness::followup();
    h.cmd(Command::Filters);
    h.fill(&["rygsæk", "", "", "", "", "", ""]);
    let session = load_session(&h.follow().entries[h.follow().review.shown[0]].path).unwrap();
    let secrets: Vec<String> = session
        .notes
        .iter()
        .filter(|n| n.private)
        .map(|n| n.text.clone())
        .collect();
    assert!(!secrets.is_empty());
    h.cmd(Command::Export);
    let d = export_dialog(&mut h);
    assert_eq!(
        d.scopes.len(),
        9,
        "the session, its network's report, every other network's report"
    );
    assert_eq!(
        d.scopes[1].report.as_ref().unwrap().network,
        "LEN Aarhus Vest"
    );
    assert_eq!(d.focus, ExportField::Scope);
    h.cmd(Command::NextField);
    h.cmd(Command::ChoiceNext);
    assert_eq!(export_dialog(&mut h).chosen_format().extension(), "md");
    h.cmd(Command::Submit);
    assert!(h.app.layers.is_empty(), "the dialog closes");
    let files = exports(&h);
    assert_eq!(files.len(), 1);
    assert!(h.flash().contains(&files[0].display().to_string()));
    let md = std::fs::read_to_string(&files[0]).unwrap();
    assert!(md.starts_with("# Rygsækken"), "{md}");
    for secret in &secrets {
        assert!(
            !md.contains(secret.as_str()),
            "a private note left the machine"
        );
    }

    // The same export again: the file exists, so the first Enter asks.
    std::fs::write(&files[0], "kept").unwrap();
    h.cmd(Command::Export);
    h.cmd(Command::NextField);
    h.cmd(Command::ChoiceNext);
    h.cmd(Command::Submit);
    assert!(
        export_dialog(&mut h)
            .error
            .as_deref()
            .unwrap()
            .contains("exists")
    );
    assert_eq!(std::fs::read_to_string(&files[0]).unwrap(), "kept");
    h.cmd(Command::Submit);
    assert!(h.app.layers.is_empty());
    assert!(
        std::fs::read_to_string(&files[0])
            .unwrap()
            .starts_with("# Rygsækken")
    );

    // Anonymized, the name says so and the names stay behind.
    h.cmd(Command::Export);
    h.cmd(Command::NextField);
    h.cmd(Command::NextField);
    h.cmd(Command::ChoiceNext);
    let d = export_dialog(&mut h);
    assert!(d.anonymize);
    let path = PathBuf::from(d.file.lines().join(""));
    assert!(
        path.to_string_lossy().ends_with("-anonym.html"),
        "{}",
        path.display()
    );
    h.cmd(Command::Submit);
    let html = std::fs::read_to_string(&path).unwrap();
    for name in &session.context.facilitators {
        assert!(!html.contains(name.as_str()), "{name}");
    }
    for p in &session.context.participants {
        assert!(!html.contains(p.pseudonym.as_str()), "{}", p.pseudonym);
    }

    // Never among the session files.
    let into_store = h.store.dir().join("example-rygsaek.json");
    let before = std::fs::read(&into_store).unwrap();
    h.cmd(Command::Export);
    let d = export_dialog(&mut h);
    d.file = ratatui_textarea::TextArea::new(vec![into_store.display().to_string()]);
    d.file_edited = true;
    h.cmd(Command::Submit);
    assert!(export_dialog(&mut h).error.is_some());
    h.cmd(Command::Submit);
    assert!(
        export_dialog(&mut h).error.is_some(),
        "not even on a second Enter"
    );
    assert_eq!(std::fs::read(&into_store).unwrap(), before);
    h.cmd(Command::Back);
    assert!(h.app.layers.is_empty());
}

#[test]
fn a_board_exports_its_session() {
    let mut h = Harness::example("double-diamond");
    h.cmd(Command::Export);
    let d = export_dialog(&mut h);
    assert_eq!(d.scopes.len(), 1);
    assert_eq!(d.focus, ExportField::Format);
    h.cmd(Command::Submit);
    let files = exports(&h);
    assert_eq!(files.len(), 1);
    let html = std::fs::read_to_string(&files[0]).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("Double Diamond"));
    assert!(matches!(h.app.screen, Screen::Board(_)), "the board stays");
}

/// Presses a key as the terminal sends it, through the keymap.
fn press_key(h: &mut Harness, code: KeyCode) {
    let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(input) = sempre::tui::translate(&h.app, event) {
        h.input(input);
    }
}

#[test]
fn the_export_dialog_offers_the_networks_there_are_and_a_report_holds_one() {
    let mut h = Harness::followup();
    // Beside the two "LEN Herning" examples: a network whose name starts
    // the same, and the same network spelt in other case and spacing.
    for (example, network, title) in [
        ("double-diamond", "LEN Herning Nord", "Nordlig session"),
        ("business-model-canvas", "len  herning ", "Anden stavemåde"),
    ] {
        let mut s = load_session(&file(&h, example)).unwrap();
        s.id = sempre::model::new_id();
        s.context.network = Some(network.into());
        s.context.title = title.into();
        save_session(&h.store.dir().join(format!("{title}.json")), &s).unwrap();
    }
    h.press('r');
    h.press('3');
    let key = |h: &Harness| {
        h.follow()
            .process
            .current()
            .unwrap()
            .name
            .as_deref()
            .map(sempre::store::network_key)
    };
    while key(&h).as_deref() != Some("len herning") {
        h.press('l');
    }
    h.press('e');
    let d = export_dialog(&mut h);
    let reports: Vec<String> = d
        .scopes
        .iter()
        .filter_map(|s| s.report.as_ref().map(|r| r.network.clone()))
        .collect();
    assert_eq!(
        reports,
        [
            "LEN Herning",
            "LEN Aalborg Øst",
            "LEN Aarhus Syd",
            "LEN Aarhus Vest",
            "LEN Herning Nord",
            "LEN Liepaja",
            "LEN Syddjurs",
            "LEN Thy",
            "LEN Tønder"
        ],
        "each network once, the one shown first"
    );
    let titles = |sessions: &[sempre::model::Session]| -> Vec<String> {
        sessions.iter().map(|s| s.context.title.clone()).collect()
    };
    let herning = titles(&d.scopes[0].sessions);
    assert_eq!(herning.len(), 3, "{herning:?}");
    assert!(
        herning.contains(&"Anden stavemåde".to_string()),
        "{herning:?}"
    );
    assert!(
        !herning.contains(&"Nordlig session".to_string()),
        "{herning:?}"
    );
    press_key(&mut h, KeyCode::Enter);
    let files = exports(&h);
    assert_eq!(files.len(), 1, "{files:?}");
    let html = std::fs::read_to_string(&files[0]).unwrap();
    assert!(html.contains("Anden stavemåde") && html.contains("Fremtidsværksted"));
    assert_eq!(html.matches("<section class=\"session\"").count(), 3);
    assert!(!html.contains("Nordlig session") && !html.contains("LEN Herning Nord"));

    // The other network, chosen in the dialog, holds its own session only.
    h.press('e');
    let chosen = |h: &mut Harness| {
        let d = export_dialog(h);
        d.scopes[d.scope].report.as_ref().map(|r| r.network.clone())
    };
    while chosen(&mut h).as_deref() != Some("LEN Herning Nord") {
        h.press(' ');
    }
    press_key(&mut h, KeyCode::Enter);
    let nord = exports(&h)
        .into_iter()
        .find(|p| p.to_string_lossy().contains("nord"))
        .unwrap();
    let html = std::fs::read_to_string(nord).unwrap();
    assert!(html.contains("Nordlig session"));
    assert_eq!(html.matches("<section class=\"session\"").count(), 1);
    assert!(!html.contains("Anden stavemåde"));
}

/// The selected action's id and its session's file.
fn selected_action(h: &Harness) -> (uuid::Uuid, PathBuf) {
    let f = h.follow();
    let row = f.actions.rows[f.actions.selected];
    (row.action, f.entries[row.entry].path.clone())
}

/// Every action's status in every file, by id.
fn statuses(h: &Harness) -> Vec<(uuid::Uuid, ActionStatus)> {
    let mut all: Vec<(uuid::Uuid, ActionStatus)> = h
        .follow()
        .entries
        .iter()
        .flat_map(|e| load_session(&e.path).unwrap().actions)
        .map(|a| (a.id, a.status))
        .collect();
    all.sort_by_key(|(id, _)| *id);
    all
}

#[test]
fn the_cursor_stays_on_the_action_when_a_change_sorts_the_list_again() {
    let mut h = Harness::followup();
    h.app.clock = Clock::fixed("2026-11-23T09:00:00Z".parse::<Timestamp>().unwrap());
    h.press('2');
    let (first, _) = selected_action(&h);
    let before = statuses(&h);
    h.press('x');
    assert_eq!(selected_action(&h).0, first, "x: the cursor went with it");
    assert_ne!(
        h.follow().actions.selected,
        0,
        "done moves it down the list"
    );
    // A second x opens the same action again and touches no other.
    h.press('x');
    assert_eq!(selected_action(&h).0, first);
    h.press('s');
    h.press('s');
    assert_eq!(selected_action(&h).0, first, "s: the cursor went with it");
    let changed: Vec<_> = statuses(&h)
        .into_iter()
        .zip(&before)
        .filter(|(a, b)| a != *b)
        .map(|(a, _)| a.0)
        .collect();
    assert!(
        changed.iter().all(|id| *id == first),
        "only the selected action changed"
    );

    // A later due date sorts it further down; the cursor follows.
    while h.follow().actions.selected > 0 {
        h.press('k');
    }
    let (second, _) = selected_action(&h);
    assert_ne!(second, first);
    h.press('d');
    h.fill(&["Ny ejer", "2030-01-01"]);
    assert_eq!(selected_action(&h).0, second, "d: the cursor went with it");
    h.press('x');
    let s = statuses(&h);
    assert_eq!(
        s.iter().find(|(id, _)| *id == second).unwrap().1,
        ActionStatus::Done,
        "the next x marks the action the cursor is on"
    );
}

#[test]
fn an_action_of_a_session_open_in_a_board_is_refused_before_its_form() {
    let mut h = Harness::followup();
    h.press('2');
    let (_, path) = selected_action(&h);
    let before = std::fs::read(&path).unwrap();
    let lock = SessionLock::try_acquire(&path).unwrap().unwrap();
    h.press('d');
    assert!(h.app.layers.is_empty(), "no form to fill in for nothing");
    assert!(h.app.flash.as_ref().unwrap().error);
    assert!(h.flash().contains("another sempre window"), "{}", h.flash());
    assert_eq!(std::fs::read(&path).unwrap(), before);
    drop(lock);
    h.press('d');
    assert!(matches!(h.app.layers.last(), Some(Layer::Form(_))));
}

#[test]
fn a_refusal_at_eighty_columns_shows_its_reason_whole_before_the_path() {
    let mut h = Harness::new();
    // A store deep in a facilitator's documents, as on a real laptop.
    let deep = h
        .store
        .dir()
        .join("Dokumenter/Sempre sessioner/LEN Herning Nord");
    h.store = sempre::store::Store::new(deep);
    std::fs::create_dir_all(h.store.dir()).unwrap();
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
    for name in [
        "example-fremtidsvaerksted.json",
        "example-double-diamond.json",
    ] {
        std::fs::copy(examples.join(name), h.store.dir().join(name)).unwrap();
    }
    h.input(sempre::tui::app::Input::Resize(80, 24));
    h.press('f');
    h.press('2');
    let (_, path) = selected_action(&h);
    let before = std::fs::read(&path).unwrap();
    let _lock = SessionLock::try_acquire(&path).unwrap().unwrap();
    h.press('x');
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(
        h.flash()
            .starts_with("The session is open for editing in another sempre window"),
        "the reason comes first: {}",
        h.flash()
    );
    assert!(
        h.flash().ends_with(&format!("{}.", path.display())),
        "the path last"
    );

    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| sempre::tui::render::render(&h.app, f))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let bottom: String = (21..24)
        .flat_map(|y| (0..80).map(move |x| (x, y)))
        .map(|(x, y)| buffer[(x, y)].symbol().to_string())
        .collect();
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    assert!(
        squeeze(&bottom).contains(&squeeze(&h.flash())),
        "the whole message is on screen:\n{bottom}"
    );
}

/// The preview is worked out once per session and kept between frames,
/// and what changes the session (a change in its file, read again) shows.
#[test]
fn the_preview_is_kept_between_frames_and_follows_a_change() {
    let mut h = Harness::followup();
    let first = h.screen_text();
    assert_eq!(h.screen_text(), first);
    let f = h.follow();
    let entry = &f.entries[f.review.shown[f.review.selected]];
    let (path, title) = (entry.path.clone(), entry.summary.title.clone());
    assert!(first.contains(&title), "{first}");
    let mut session = load_session(&path).unwrap();
    session.context.title = "Et helt nyt navn på sessionen".into();
    session.updated += jiff::SignedDuration::from_secs(60);
    save_session(&path, &session).unwrap();
    h.cmd(Command::Reload);
    let after = h.screen_text();
    // In the list and at the top of the preview.
    let lines = after
        .lines()
        .filter(|l| l.contains("Et helt nyt navn på sessionen"));
    assert_eq!(lines.count(), 2, "{after}");
    assert!(after.contains("│Et helt nyt navn på sessionen"), "{after}");
}

/// On the projector the actions tab's detail pane shows a private action
/// as its mark only: neither its words nor the private decision it came
/// from. On the facilitator's own screen both are there, marked.
#[test]
fn a_private_action_stays_private_in_the_detail_pane() {
    let mut h = Harness::followup();
    let path = file(&h, "fremtidsvaerksted");
    let mut session = load_session(&path).unwrap();
    let library = sempre::methods::MethodLibrary::builtin();
    let method = library.get("fremtidsvaerksted").unwrap();
    let t = session.updated;
    let secret = session
        .add_note(
            method,
            sempre::model::NewNote {
                private: true,
                ..sempre::model::NewNote::new("kritik", "Fogedretten ringer")
            },
            t,
        )
        .unwrap();
    let d = session
        .add_decision("Gældsrådgivning hos Kirkens Korshær", &[secret], t)
        .unwrap();
    let a = session
        .add_action("Ring til gældsrådgiveren", None, Some(d), t)
        .unwrap();
    let due = Some(date(2020, 1, 1)); // overdue: first in the list
    session
        .update_action(a, None, due, ActionStatus::Open, t)
        .unwrap();
    save_session(&path, &session).unwrap();
    h.cmd(Command::Reload);
    h.cmd(Command::ShowActions);
    h.cmd(Command::Up);
    let own = h.screen_text();
    // Twice, marked: in the list and at the top of the detail pane, with
    // the private decision it came from.
    let marked = own.matches("[private] Ring til gældsrådgiveren").count();
    assert_eq!(marked, 2, "{own}");
    assert!(
        own.contains("[private] Gældsrådgivning hos Kirkens"),
        "{own}"
    );
    h.app.prefs.projector = true;
    let wall = h.screen_text();
    for words in [
        "Ring til gældsrådgiveren",
        "Gældsrådgivning hos Kirkens",
        "Fogedretten",
    ] {
        assert!(!wall.contains(words), "{words} on the projector:\n{wall}");
    }
}

/// Follow-up reads the store's index: a session is read whole only when
/// it is shown (the preview), and the free text is answered by the index,
/// which never finds private words.
#[test]
fn follow_up_reads_the_index_and_a_session_whole_only_when_shown() {
    let mut h = Harness::followup();
    assert!(h.store.index_path().is_file());
    let whole = |h: &Harness| {
        h.follow()
            .entries
            .iter()
            .filter(|e| e.full.is_some())
            .map(|e| e.summary.title.clone())
            .collect::<Vec<_>>()
    };
    let first = shown_titles(&h)[0].clone();
    assert_eq!(whole(&h), vec![first]);
    h.cmd(Command::Down);
    let second = shown_titles(&h)[1].clone();
    assert!(whole(&h).contains(&second));
    assert!(h.screen_text().contains("── Decisions ──"));

    // A word of a private note is never found; a public one is.
    let path = file(&h, "fremtidsvaerksted");
    let session = load_session(&path).unwrap();
    let secret = session.notes.iter().find(|n| n.private).unwrap();
    let word = secret
        .text
        .split_whitespace()
        .max_by_key(|w| w.chars().count())
        .unwrap()
        .to_lowercase();
    let public = session.notes.iter().find(|n| !n.private).unwrap();
    let seen = public
        .text
        .split_whitespace()
        .max_by_key(|w| w.chars().count())
        .unwrap()
        .to_lowercase();
    let search = |h: &mut Harness, text: &str| {
        h.cmd(Command::Filters);
        h.fill(&["", "", "", "", "", "", text]);
        shown_titles(h)
    };
    let everywhere: Vec<String> = h
        .follow()
        .entries
        .iter()
        .map(|e| load_session(&e.path).unwrap())
        .filter(|s| {
            s.notes
                .iter()
                .any(|n| !n.private && n.text.to_lowercase().contains(&word))
        })
        .map(|s| s.context.title)
        .collect();
    let found = search(&mut h, &word);
    for title in &found {
        assert!(everywhere.contains(title), "{word} found in {title}");
    }
    assert!(search(&mut h, &seen).contains(&session.context.title));
}

/// The preview scrolls down to its last line and no further: however
/// often `J` is pressed past the end, one `K` scrolls back up at once.
#[test]
fn the_preview_stops_scrolling_at_its_last_line() {
    let mut h = Harness::followup();
    let screen = |h: &Harness| h.screen_text();
    let mut last = screen(&h);
    let mut presses = 0;
    loop {
        h.cmd(Command::PreviewDown);
        let now = screen(&h);
        presses += 1;
        if now == last {
            break;
        }
        assert!(presses < 200, "the preview never stopped scrolling");
        last = now;
    }
    assert!(
        presses > 1,
        "the example's preview is longer than the screen"
    );
    // The end shows text, not blank space: the last line of the preview's
    // column holds something.
    let end = h.follow().review.preview_scroll;
    for _ in 0..20 {
        h.cmd(Command::PreviewDown);
    }
    assert_eq!(h.follow().review.preview_scroll, end, "no further");
    h.cmd(Command::PreviewUp);
    assert_ne!(screen(&h), last, "one key back up moves at once");
}

#[test]
fn the_actions_tab_exports_the_actions_shown_as_csv_and_icalendar() {
    let mut h = Harness::followup();
    // A private action in a Herning session: its words never leave.
    let path = file(&h, "double-diamond");
    let mut s = load_session(&path).unwrap();
    let t = s.updated;
    let secret = s
        .add_action("Hemmelig aftale om Khaleds gæld", None, None, t)
        .unwrap();
    s.update_action(secret, None, Some(date(2027, 1, 2)), ActionStatus::Open, t)
        .unwrap();
    s.set_item_private(sempre::model::Item::Action(secret), true, t)
        .unwrap();
    save_session(&path, &s).unwrap();
    h.press('r');
    h.press('2');
    h.cmd(Command::Filters);
    h.fill(&["herning", ""]);
    assert_eq!(h.follow().actions.rows.len(), 11, "ten and the private one");
    h.press('e');
    let d = export_dialog(&mut h);
    assert_eq!(d.scopes.len(), 2, "the actions shown, the selected session");
    assert_eq!(
        d.scopes[0].label,
        "Actions shown: 10 of 11 (private ones stay behind)"
    );
    assert_eq!(d.focus, ExportField::Scope);
    assert_eq!(d.chosen_format().extension(), "csv");
    h.cmd(Command::NextField);
    h.cmd(Command::ChoiceNext);
    assert_eq!(export_dialog(&mut h).chosen_format().extension(), "ics");
    h.cmd(Command::ChoiceNext);
    assert_eq!(
        export_dialog(&mut h).chosen_format().extension(),
        "csv",
        "CSV and iCalendar only"
    );
    h.cmd(Command::Submit);
    assert!(h.app.layers.is_empty(), "the dialog closes");
    let files = exports(&h);
    assert_eq!(files.len(), 1, "{files:?}");
    let name = files[0].file_name().unwrap().to_string_lossy().to_string();
    assert!(
        name.starts_with("actions-herning-") && name.ends_with(".csv"),
        "{name}"
    );
    let csv = std::fs::read_to_string(&files[0]).unwrap();
    assert!(
        !csv.contains("Hemmelig"),
        "a private action left the machine"
    );
    assert_eq!(
        csv.lines().count(),
        11,
        "a header and the ten public actions"
    );
    assert!(
        csv.lines().skip(1).all(|l| l.contains("LEN Herning")),
        "{csv}"
    );

    h.press('e');
    h.cmd(Command::NextField);
    h.cmd(Command::ChoiceNext);
    h.cmd(Command::Submit);
    let ics = exports(&h)
        .into_iter()
        .find(|p| p.extension().is_some_and(|x| x == "ics"))
        .unwrap();
    let ics = std::fs::read_to_string(ics).unwrap();
    assert!(
        !ics.contains("Hemmelig"),
        "a private action left the machine"
    );
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 10);

    // The selected session's own export keeps its four formats.
    h.press('e');
    h.cmd(Command::ChoiceNext);
    let d = export_dialog(&mut h);
    assert!(d.scopes[d.scope].actions.is_none());
    assert_eq!(d.chosen_format().extension(), "csv", "the format stays");
    h.cmd(Command::NextField);
    h.cmd(Command::ChoiceNext);
    assert_eq!(export_dialog(&mut h).chosen_format().extension(), "json");
}
