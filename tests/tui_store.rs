//! The board's side of the store's promises, headless through `update`
//! and the real disk: the export dialog never writes over or beside a
//! session, and a save never overwrites a change made elsewhere.

#![allow(clippy::unwrap_used)]

mod headless;

use std::path::PathBuf;

use headless::Harness;
use sempre::store::{Access, SaveOutcome, load_session, open_file, save_session};
use sempre::tui::command::Command;
use sempre::tui::layers::Layer;

fn export_error(h: &mut Harness, target: &std::path::Path) -> Option<String> {
    h.cmd(Command::Export);
    let Some(Layer::Export(d)) = h.app.layers.last_mut() else {
        panic!("no export dialog");
    };
    d.file = ratatui_textarea::TextArea::new(vec![target.display().to_string()]);
    d.file_edited = true;
    h.cmd(Command::Submit);
    // Enter again: a confirmed replace must not get past the guard either.
    h.cmd(Command::Submit);
    let error = match h.app.layers.last() {
        Some(Layer::Export(d)) => d.error.clone(),
        _ => None,
    };
    h.cmd(Command::Back);
    error
}

fn store_files(h: &Harness) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut folders = vec![h.store.dir().to_path_buf()];
    while let Some(dir) = folders.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn the_export_dialog_never_writes_over_or_beside_a_session() {
    let mut h = Harness::example("rygsaek");
    let store = h.store.dir().to_path_buf();
    let file = h.board().open.path().to_path_buf();
    let stem = file.file_stem().unwrap().to_string_lossy().to_string();
    let link = store.parent().unwrap().join("link");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&store, &link).unwrap();
    let before = store_files(&h);
    for target in [
        store.join("x/../").join(format!("{stem}.json")),
        store.join(format!("{}.JSON", stem.to_uppercase())),
        store.join(".locks").join(format!("{stem}.lock")),
        link.join(format!("{stem}.json")),
    ] {
        let error = export_error(&mut h, &target);
        assert!(
            error
                .as_deref()
                .is_some_and(|e| e.contains("inside the store folder")),
            "{}: {error:?}",
            target.display()
        );
        assert_eq!(store_files(&h), before, "{}", target.display());
    }
    let copy = store.parent().unwrap().join("copy.html");
    std::fs::copy(&file, &copy).unwrap();
    let error = export_error(&mut h, &copy).unwrap();
    assert!(error.contains("is a session file"), "{error}");
    assert_eq!(std::fs::read(&copy).unwrap(), std::fs::read(&file).unwrap());
}

/// The screen as text, drawn as the terminal would show it.
fn screen(h: &Harness) -> String {
    let (w, rows) = h.app.size;
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, rows)).unwrap();
    terminal
        .draw(|frame| sempre::tui::render::render(&h.app, frame))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for y in 0..rows {
        for x in 0..w {
            text.push_str(buffer[(x, y)].symbol());
        }
        text.push('\n');
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Another program's change: a note added straight into the file.
fn change_on_disk(path: &std::path::Path, text: &str) -> Vec<u8> {
    let mut other = load_session(path).unwrap();
    let method = sempre::methods::MethodLibrary::builtin()
        .get(&other.method.id)
        .cloned()
        .unwrap();
    let stamp = other.updated;
    other
        .add_note(&method, sempre::model::NewNote::new("kritik", text), stamp)
        .unwrap();
    save_session(path, &other).unwrap();
    std::fs::read(path).unwrap()
}

fn notes(session: &sempre::model::Session) -> Vec<String> {
    let mut texts: Vec<String> = session.notes.iter().map(|n| n.text.clone()).collect();
    texts.sort();
    texts
}

#[test]
fn a_change_made_elsewhere_is_merged_in_not_written_over() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "Hverdag");
    let path = h.board().open.path().to_path_buf();
    h.note("fra tavlen");
    assert_eq!(h.texts("kritik"), ["fra tavlen"]);

    // Another laptop (through a synced folder) or a command adds a note.
    change_on_disk(&path, "fra en anden");
    h.note("også fra tavlen");
    let on_disk = load_session(&path).unwrap();
    assert_eq!(
        notes(&on_disk),
        ["fra en anden", "fra tavlen", "også fra tavlen"],
        "both sides' notes are in the file"
    );
    let b = h.board();
    assert!(b.conflict.is_none() && !b.save.dirty);
    assert_eq!(notes(b.session()), notes(&on_disk), "and on the board");
    let shown = screen(&h);
    assert!(
        shown.contains("Merged in from another device: +1 note"),
        "{shown}"
    );
    assert!(!shown.contains("changed outside"), "{shown}");

    // Later saves go on as usual.
    h.note("en tredje");
    assert_eq!(
        notes(&load_session(&path).unwrap()),
        ["en tredje", "fra en anden", "fra tavlen", "også fra tavlen"]
    );
}

#[test]
fn a_file_damaged_elsewhere_is_never_written_over_and_can_be_read_again() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "Hverdag");
    let path = h.board().open.path().to_path_buf();
    h.note("fra tavlen");
    // A half-synced or hand-broken file cannot be merged.
    std::fs::write(&path, b"{ \"format\": 3, broken").unwrap();
    let damaged = std::fs::read(&path).unwrap();
    h.note("også fra tavlen");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        damaged,
        "nothing written over"
    );
    let b = h.board();
    assert!(b.save.dirty && b.conflict.is_some());
    assert_eq!(
        notes(b.session()),
        ["fra tavlen", "også fra tavlen"],
        "the board's change stays in memory"
    );
    let shown = screen(&h);
    assert!(shown.contains("changed outside this board"), "{shown}");
    assert!(shown.contains("Press R to read the file again"), "{shown}");

    // Every later save finds the same and writes nothing.
    h.note("en tredje");
    assert_eq!(std::fs::read(&path).unwrap(), damaged);

    // Someone puts a good file back; R asks first, since the board's
    // changes go; no keeps them.
    change_on_disk_from(&path, "fra en anden");
    h.press('R');
    assert!(matches!(h.app.layers.last(), Some(Layer::Confirm(_))));
    h.press('n');
    assert!(h.board().conflict.is_some());
    h.press('R');
    h.press('y');
    let b = h.board();
    assert!(b.conflict.is_none() && !b.save.dirty);
    assert_eq!(notes(b.session()), ["fra en anden"]);
    assert!(!screen(&h).contains("changed outside"));
    h.note("efter genindlæsning");
    assert_eq!(
        notes(&load_session(&path).unwrap()),
        ["efter genindlæsning", "fra en anden"]
    );
}

/// A good session file with one note, written over whatever `path` holds
/// (the same session id as the board's).
fn change_on_disk_from(path: &std::path::Path, text: &str) {
    let id: uuid::Uuid = path
        .file_stem()
        .and_then(|s| s.to_str())
        .and_then(|s| s.parse().ok())
        .unwrap();
    let method = sempre::methods::MethodLibrary::builtin()
        .get("fremtidsvaerksted")
        .cloned()
        .unwrap();
    let mut s = sempre::model::Session::new(
        &method,
        sempre::model::Context {
            title: "Hverdag".into(),
            ..Default::default()
        },
        jiff::Timestamp::UNIX_EPOCH,
    );
    s.id = id;
    s.add_note(
        &method,
        sempre::model::NewNote::new("kritik", text),
        jiff::Timestamp::UNIX_EPOCH,
    )
    .unwrap();
    save_session(path, &s).unwrap();
}

#[test]
fn a_second_board_after_the_lock_folder_went_cannot_overwrite_the_first() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "Hverdag");
    let path = h.board().open.path().to_path_buf();
    h.note("første");
    // Someone removes the lock folder; a second board gets its own lock.
    std::fs::remove_dir_all(h.store.dir().join(".locks")).unwrap();
    let mut second = open_file(&path, Access::Edit).unwrap();
    assert!(!second.is_read_only());
    let stamp = second.session.updated;
    second.session.context.title = "Andet vindue".into();
    second.session.updated = stamp;
    assert!(matches!(second.save_own(), Ok(SaveOutcome::Saved)));
    h.note("anden");
    // The first board merges the second's change in, never over it.
    assert!(h.board().conflict.is_none());
    let merged = load_session(&path).unwrap();
    assert_eq!(merged.context.title, "Andet vindue");
    assert_eq!(notes(&merged), ["anden", "første"]);
    // And the second, in turn, does not overwrite the first's later work.
    let theirs = std::fs::read(&path).unwrap();
    h.note("tredje");
    second.session.context.title = "Igen".into();
    assert!(matches!(
        second.save_own(),
        Ok(SaveOutcome::ChangedOnDisk(_))
    ));
    assert_ne!(std::fs::read(&path).unwrap(), theirs);
    assert_eq!(load_session(&path).unwrap().context.title, "Andet vindue");
}

/// The export dialog reads the session it exports and the sessions that
/// one links to, not the rest of the store (issue 11): link titles and a
/// carried note's privacy come from the linked sessions, and a private
/// note in an unrelated session, even in the same words as a public
/// carried note, is never read.
#[test]
fn the_export_dialog_reads_only_the_linked_sessions() {
    use sempre::methods::MethodLibrary;
    use sempre::model::{Context, NewNote, Session};
    const CARRIED: &str = "Vi mangler penge til det første udstyr.";
    let mut h = Harness::followup();
    let library = MethodLibrary::builtin();
    let m = library.get("fremtidsvaerksted").unwrap();
    let t = jiff::Timestamp::UNIX_EPOCH;
    let context = Context {
        title: "Et andet møde".into(),
        ..Context::default()
    };
    let mut unrelated = Session::new(m, context, t);
    let same = unrelated
        .add_note(m, NewNote::new("kritik", CARRIED), t)
        .unwrap();
    unrelated.set_private(same, true, t).unwrap();
    let dir = h.store.dir().to_path_buf();
    save_session(&dir.join(format!("{}.json", unrelated.id)), &unrelated).unwrap();
    std::fs::write(dir.join("ødelagt.json"), "{ not json").unwrap();

    h.cmd(Command::Filters);
    h.fill(&["Double Diamond", "", "", "", "", "", ""]);
    h.cmd(Command::Export);
    h.cmd(Command::NextField);
    h.cmd(Command::ChoiceNext);
    h.cmd(Command::Submit);
    assert!(h.app.layers.is_empty(), "the dialog closes");
    let out: Vec<PathBuf> = std::fs::read_dir(&h.app.exports_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(out.len(), 1, "{out:?}");
    let md = std::fs::read_to_string(&out[0]).unwrap();
    assert!(md.starts_with("# Double Diamond"), "{md}");
    assert!(
        md.contains("Fremtidsværksted: Arbejde og hverdag i Herning"),
        "the linked session's title: {md}"
    );
    assert!(md.contains(CARRIED), "{md}");
}

/// The home screen draws only the rows in view, and a long list still
/// scrolls with the selection: the selected session is on screen,
/// highlighted, with the sessions before it in order above it.
#[test]
fn a_long_list_on_the_home_screen_scrolls_with_the_selection() {
    let mut h = Harness::new();
    let library = sempre::methods::MethodLibrary::builtin();
    let method = library.get("rygsaek").unwrap();
    for n in 1..=60 {
        let context = sempre::model::Context {
            title: format!("Session {n:02}"),
            date: Some(jiff::civil::date(2026, 1, 1) + jiff::Span::new().days(n)),
            ..Default::default()
        };
        let s = sempre::model::Session::new(method, context, jiff::Timestamp::UNIX_EPOCH);
        h.store.create(&s).unwrap();
    }
    h.perform_list();
    // Newest first: 60 at the top; 45 steps down is session 15.
    for _ in 0..45 {
        h.cmd(Command::Down);
    }
    let screen = h.screen_text();
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("▶") && l.contains("Session 15"))
        .unwrap_or_else(|| panic!("session 15 selected and shown:\n{screen}"));
    assert!(lines[at - 1].contains("Session 16"), "{screen}");
    assert!(!screen.contains("Session 60"), "{screen}");
    for _ in 0..100 {
        h.cmd(Command::Down);
    }
    let screen = h.screen_text();
    assert!(
        screen
            .lines()
            .any(|l| l.contains("▶") && l.contains("Session 01")),
        "{screen}"
    );
}
