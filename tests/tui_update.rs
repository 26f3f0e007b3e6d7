//! The interface driven headlessly: commands go through `update`, the disk
//! work it asks for is done against a real store, and the state and the
//! saved JSON are checked. No terminal, no clock speed involved.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use jiff::Timestamp;
use ratatui::crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use sempre::i18n::Lang;
use sempre::store::{Access, load_session, open_file};
use sempre::tui::app::{Input, Screen};
use sempre::tui::command::Command;
use sempre::tui::layers::Layer;
use sempre::tui::prefs::{PrefsFile, Remembered};
use sempre::tui::theme::ThemeName;
use sempre::tui::timer::Level;

mod headless;
use headless::Harness;

#[test]
fn the_wizard_creates_a_session_with_its_context() {
    let mut h = Harness::new();
    h.cmd(Command::NewSession);
    h.typed("Hverdagen som enlig forælder");
    h.cmd(Command::NextField);
    h.typed("LEN Syddjurs");
    h.cmd(Command::NextField);
    h.typed("Enlige forældre");
    for _ in 0..3 {
        h.cmd(Command::NextField);
    }
    h.typed("Mette, Karim");
    h.cmd(Command::NextField);
    h.typed("14");
    h.cmd(Command::NextField);
    h.cmd(Command::ChoiceNext); // session language: en → da
    h.cmd(Command::Submit);
    let s = h.on_disk();
    assert_eq!(s.method.id, "fremtidsvaerksted");
    assert_eq!(s.context.title, "Hverdagen som enlig forælder");
    assert_eq!(s.context.network.as_deref(), Some("LEN Syddjurs"));
    assert_eq!(s.context.facilitators, vec!["Mette", "Karim"]);
    assert_eq!(s.context.participant_count, Some(14));
    assert_eq!(
        s.context.date.map(|d| d.to_string()).as_deref(),
        Some("2026-10-03")
    );
    assert_eq!(s.context.language, Lang::Da);
}

#[test]
fn the_wizard_refuses_a_missing_title_and_a_bad_date() {
    let mut h = Harness::new();
    h.cmd(Command::NewSession);
    h.cmd(Command::Create);
    assert!(matches!(h.app.screen, Screen::Wizard(_)));
    h.typed("x");
    for _ in 0..4 {
        h.cmd(Command::NextField);
    }
    h.typed("-13");
    h.cmd(Command::Create);
    let Screen::Wizard(w) = &h.app.screen else {
        panic!("still the wizard")
    };
    assert!(w.error.is_some());
    assert!(h.store.list().unwrap().sessions.is_empty());
    h.cmd(Command::Back);
    assert!(
        matches!(h.app.layers.last(), Some(Layer::Confirm(_))),
        "what was typed is not thrown away without asking"
    );
    h.cmd(Command::Yes);
    assert!(matches!(h.app.screen, Screen::Home(_)));
}

#[test]
fn notes_are_added_edited_moved_recoloured_and_deleted() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "T");
    h.cmd(Command::NextPhase);
    h.cmd(Command::NextPhase); // critique
    assert_eq!(h.board().method.zones[h.board().focus.zone].id, "kritik");
    h.note("Blåbær og æbler");
    h.note("Søvn");
    assert_eq!(h.texts("kritik"), vec!["Blåbær og æbler", "Søvn"]);
    h.cmd(Command::EditNote);
    h.key(KeyCode::Backspace);
    h.typed("n 😴");
    h.cmd(Command::Submit);
    assert_eq!(h.texts("kritik"), vec!["Blåbær og æbler", "Søvn 😴"]);
    h.cmd(Command::MoveNoteUp);
    assert_eq!(h.texts("kritik"), vec!["Søvn 😴", "Blåbær og æbler"]);
    h.cmd(Command::MoveNoteRight);
    assert_eq!(h.texts("fantasi"), vec!["Søvn 😴"]);
    assert_eq!(h.board().focus.zone, 1, "focus follows the note");
    h.cmd(Command::CycleColour);
    let colour = h
        .on_disk()
        .notes
        .iter()
        .find(|n| n.zone == "fantasi")
        .unwrap()
        .colour;
    assert_eq!(
        colour,
        sempre::model::Colour::Blue,
        "pink, the critique colour, is followed by blue"
    );
    h.cmd(Command::MoveNoteTo);
    h.cmd(Command::Down);
    h.cmd(Command::Open);
    assert_eq!(h.texts("virkeliggoerelse"), vec!["Søvn 😴"]);
    h.cmd(Command::DeleteNote);
    assert!(h.texts("virkeliggoerelse").is_empty());
    assert_eq!(h.on_disk().notes.len(), 1);
}

#[test]
fn backspace_removes_a_whole_family_emoji_and_a_decomposed_letter() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "T");
    h.cmd(Command::AddNote);
    h.typed("ok 👨‍👩‍👧");
    h.key(KeyCode::Backspace);
    h.input(Input::Paste("a\u{030A}".into()));
    h.cmd(Command::Submit);
    assert_eq!(
        h.texts(&h.board().method.zones[h.board().focus.zone].id.clone()),
        vec!["ok å"]
    );
}

#[test]
fn every_change_can_be_undone_and_redone_and_is_saved() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "T");
    h.note("a");
    h.note("b");
    h.cmd(Command::MoveNoteRight);
    h.cmd(Command::NextPhase);
    assert_eq!(h.on_disk().phase_log.len(), 1);
    h.cmd(Command::Undo); // phase
    assert!(h.on_disk().phase_log.is_empty());
    h.cmd(Command::Undo); // move
    assert_eq!(h.texts("kritik"), vec!["a", "b"]);
    assert_eq!(h.board().focus.zone, 0, "focus returns with the note");
    h.cmd(Command::Undo);
    h.cmd(Command::Undo);
    assert!(h.on_disk().notes.is_empty());
    h.cmd(Command::Undo);
    assert!(
        h.app
            .flash
            .as_ref()
            .unwrap()
            .text
            .contains("Nothing to undo")
    );
    for _ in 0..4 {
        h.cmd(Command::Redo);
    }
    assert_eq!(h.texts("fantasi"), vec!["b"]);
    assert_eq!(h.on_disk().phase_log.len(), 1);
    h.cmd(Command::Undo);
    h.note("c");
    h.cmd(Command::Redo);
    assert!(
        h.app
            .flash
            .as_ref()
            .unwrap()
            .text
            .contains("Nothing to redo"),
        "a new change clears redo"
    );
}

#[test]
fn phases_move_forward_and_back_and_the_log_records_them() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "T");
    let phases: Vec<String> = h
        .board()
        .method
        .phases
        .iter()
        .map(|p| p.id.clone())
        .collect();
    for expected in &phases {
        h.app.clock.advance(Duration::from_secs(600));
        h.cmd(Command::NextPhase);
        assert_eq!(h.on_disk().current_phase(), Some(expected.as_str()));
    }
    h.cmd(Command::NextPhase);
    assert_eq!(h.on_disk().current_phase(), None, "the last phase ends");
    h.cmd(Command::PrevPhase);
    assert_eq!(
        h.on_disk().current_phase(),
        Some(phases.last().unwrap().as_str())
    );
    h.cmd(Command::PrevPhase);
    let log = h.on_disk().phase_log;
    assert_eq!(log.len(), phases.len() + 2);
    assert!(log[..log.len() - 1].iter().all(|e| e.ended.is_some()));
    assert_eq!(log[0].started.to_string(), "2026-10-03T08:10:00Z");
}

#[test]
fn the_timer_counts_warns_and_never_blocks() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "T");
    h.cmd(Command::NextPhase); // preparation: 15 minutes
    h.cmd(Command::TimerToggle);
    let b = |h: &Harness| h.app.board().unwrap().timer.clone();
    h.app.clock.advance(Duration::from_secs(12 * 60));
    assert_eq!(b(&h).level(h.app.clock.now()), Level::Warn);
    h.cmd(Command::TimerPlus);
    h.cmd(Command::TimerPlus);
    assert_eq!(b(&h).display(h.app.clock.now()), "05:00");
    h.cmd(Command::TimerMinus);
    h.app.clock.advance(Duration::from_secs(5 * 60));
    assert_eq!(b(&h).level(h.app.clock.now()), Level::Up);
    assert_eq!(b(&h).display(h.app.clock.now()), "+01:00");
    h.note("still writing");
    assert_eq!(h.on_disk().notes.len(), 1);
    h.cmd(Command::TimerToggle);
    h.cmd(Command::TimerReset);
    assert_eq!(b(&h).display(h.app.clock.now()), "15:00");
    assert!(!b(&h).is_running());
}

#[test]
fn focus_moves_between_notes_and_zones_and_follows_clicks() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "T");
    h.note("a");
    h.note("b");
    assert_eq!(h.board().focus.note, 1);
    h.cmd(Command::FocusUp);
    assert_eq!(h.board().focus.note, 0);
    h.cmd(Command::FocusRight);
    assert_eq!(h.board().focus.zone, 1);
    h.cmd(Command::NextZone);
    h.cmd(Command::NextZone);
    assert_eq!(h.board().focus.zone, 0, "Tab wraps around");
    h.cmd(Command::PrevZone);
    assert_eq!(h.board().focus.zone, 2);
    let click = |col, row| {
        Input::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: col,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    h.input(click(5, 5)); // the first card of the first zone
    assert_eq!((h.board().focus.zone, h.board().focus.note), (0, 0));
    h.input(click(70, 8));
    assert_eq!(h.board().focus.zone, 2);
}

#[test]
fn a_grid_is_navigated_by_where_the_zones_are() {
    let mut h = Harness::new().new_session("business-model-canvas", "Bær");
    h.input(Input::Resize(160, 48));
    let zone = |h: &Harness| h.board().method.zones[h.board().focus.zone].id.clone();
    h.cmd(Command::NextPhase);
    h.cmd(Command::NextPhase);
    assert_eq!(zone(&h), "vaerdiforslag");
    h.cmd(Command::FocusLeft);
    assert_eq!(zone(&h), "noegleaktiviteter");
    h.cmd(Command::FocusDown);
    assert_eq!(zone(&h), "noegleressourcer");
    h.cmd(Command::FocusDown);
    assert_eq!(zone(&h), "omkostninger");
    h.cmd(Command::FocusRight);
    assert_eq!(zone(&h), "indtaegter");
}

#[test]
fn closing_asks_only_when_changes_are_unsaved() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "T");
    h.note("gemt");
    h.cmd(Command::Quit);
    assert!(
        matches!(h.app.screen, Screen::Home(_)),
        "saved, so no question"
    );
    h.cmd(Command::Open);
    let path = h.board().open.path().to_path_buf();
    // Make saving fail: a folder where the temporary file would go is
    // replaced by... the file itself becoming a folder's name is not
    // possible, so take the store away instead.
    let store_dir = path.parent().unwrap().to_path_buf();
    let moved = store_dir.with_extension("away");
    std::fs::rename(&store_dir, &moved).unwrap();
    h.note("ikke gemt");
    let b = h.board();
    assert!(
        b.save.dirty && b.save.error.is_some(),
        "the failure is shown"
    );
    assert_eq!(b.session().notes.len(), 2, "the change stays in memory");
    h.cmd(Command::Quit);
    assert!(matches!(h.app.layers.last(), Some(Layer::Confirm(_))));
    h.cmd(Command::No);
    std::fs::rename(&moved, &store_dir).unwrap();
    h.note("igen");
    assert!(
        !h.board().save.dirty,
        "the next change retries and succeeds"
    );
    assert_eq!(load_session(&path).unwrap().notes.len(), 3);
    h.cmd(Command::Quit);
    assert!(matches!(h.app.screen, Screen::Home(_)));
}

#[test]
fn escape_in_the_editor_asks_before_throwing_text_away() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "T");
    h.cmd(Command::AddNote);
    h.typed("halvt skrevet");
    h.cmd(Command::Back);
    assert!(matches!(h.app.layers.last(), Some(Layer::Confirm(_))));
    h.cmd(Command::No);
    assert!(matches!(h.app.layers.last(), Some(Layer::Editor(_))));
    h.cmd(Command::Submit);
    assert_eq!(h.on_disk().notes.len(), 1);
    h.cmd(Command::AddNote);
    h.cmd(Command::Back);
    assert!(h.app.layers.is_empty(), "nothing typed, nothing asked");
}

#[test]
fn a_second_board_on_the_same_session_is_read_only() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "T");
    let path = h.board().open.path().to_path_buf();
    let second = open_file(&path, Access::Edit).unwrap();
    assert!(second.is_read_only());
    let mut other = Harness::new();
    other.input(Input::Outcome(sempre::tui::app::Outcome::Opened(Ok(
        Box::new(second),
    ))));
    let screen = other.screen_text();
    let footer = screen.lines().last().unwrap();
    assert_eq!(
        footer.matches("open in another window").count(),
        1,
        "said once: {footer}"
    );
    other.cmd(Command::AddNote);
    assert!(other.app.flash.as_ref().unwrap().text.contains("read-only"));
    assert!(
        other.app.layers.is_empty(),
        "no editor on a read-only board"
    );
    other.cmd(Command::NextPhase);
    assert!(other.app.flash.as_ref().unwrap().text.contains("read-only"));
    assert!(load_session(&path).unwrap().notes.is_empty());
    h.note("y");
    assert_eq!(load_session(&path).unwrap().notes.len(), 1);
}

#[test]
fn language_theme_projector_guidance_and_help_toggle() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "T");
    h.cmd(Command::ToggleLanguage);
    assert_eq!(h.app.prefs.lang, Lang::Da);
    h.cmd(Command::CycleTheme);
    assert_eq!(h.app.prefs.theme, ThemeName::HighContrast);
    h.cmd(Command::AddNote);
    h.typed("hemmeligt");
    h.cmd(Command::Submit);
    let id = h.on_disk().notes[0].id;
    // Mark it private through the model, as the next issue's key will.
    let prefs = h.app.prefs.clone();
    if let Screen::Board(b) = &mut h.app.screen {
        b.change(&prefs, |s, _| {
            s.set_private(id, true, Timestamp::UNIX_EPOCH)
        })
        .unwrap();
    }
    assert_eq!(h.board().zone_len(0), 1);
    h.cmd(Command::ToggleProjector);
    assert_eq!(
        h.board().zone_len(0),
        0,
        "private notes leave the projector"
    );
    h.cmd(Command::ToggleProjector);
    let shown = h.board().guidance;
    h.cmd(Command::ToggleGuidance);
    assert_ne!(h.board().guidance, shown);
    h.cmd(Command::Help);
    assert!(matches!(h.app.layers.last(), Some(Layer::Help(_))));
    h.cmd(Command::Back);
    assert!(h.app.layers.is_empty());
}

#[test]
fn home_filters_by_typing_and_opens_the_library() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "Sprog og arbejde");
    h.cmd(Command::Quit);
    let mut h2 = h.new_session("rygsaek", "Unge på vej");
    h2.cmd(Command::Quit);
    let shown = |h: &Harness| match &h.app.screen {
        Screen::Home(home) => home.shown.len(),
        _ => usize::MAX,
    };
    assert_eq!(shown(&h2), 2);
    h2.typed("ung");
    assert_eq!(shown(&h2), 1);
    h2.cmd(Command::Back);
    assert_eq!(shown(&h2), 2);
    h2.cmd(Command::OpenLibrary);
    assert!(matches!(h2.app.screen, Screen::Library(_)));
    h2.cmd(Command::Down);
    h2.cmd(Command::NewSession);
    let Screen::Wizard(w) = &h2.app.screen else {
        panic!("wizard")
    };
    assert_eq!(w.method, 1);
}

#[test]
fn boards_switch_and_every_remaining_command_is_safe() {
    let mut h = Harness::new();
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sessions/example-business-model-canvas.json");
    std::fs::create_dir_all(h.store.dir()).unwrap();
    std::fs::copy(&example, h.store.dir().join("bmc.json")).unwrap();
    std::fs::write(h.store.dir().join("broken.json"), "{").unwrap();
    h.cmd(Command::Reload);
    let Screen::Home(home) = &h.app.screen else {
        panic!("home")
    };
    assert_eq!(
        (home.rows.len(), home.problems.len()),
        (1, 1),
        "the broken file is listed apart"
    );
    h.cmd(Command::PageDown);
    h.cmd(Command::PageUp);
    h.cmd(Command::Open);
    let name = |h: &Harness| h.board().session().boards[h.board().board].name.clone();
    assert_eq!(name(&h), "Bærplukning");
    h.cmd(Command::NextBoard);
    assert_eq!(name(&h), "Saft og marmelade");
    assert!(h.board().index.zones.iter().all(|z| {
        z.iter()
            .all(|i| h.board().session().notes[*i].board == h.board().board_id())
    }));
    h.cmd(Command::NextBoard);
    assert_eq!(name(&h), "Bærplukning");
    h.cmd(Command::FocusDown);
    h.cmd(Command::MoveNoteDown);
    h.cmd(Command::Undo);
    h.cmd(Command::ForceQuit);
    assert!(h.app.quit, "saved, so Ctrl+C ends at once");
}

#[test]
fn ctrl_c_with_unsaved_changes_asks_first() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "T");
    if let Screen::Board(b) = &mut h.app.screen {
        b.save.dirty = true;
    }
    h.cmd(Command::ForceQuit);
    assert!(!h.app.quit);
    assert!(matches!(h.app.layers.last(), Some(Layer::Confirm(_))));
    h.cmd(Command::Yes);
    assert!(h.app.quit);
}

#[test]
fn the_wizard_steps_back_and_changes_its_choices() {
    let mut h = Harness::new();
    h.cmd(Command::NewSession);
    h.cmd(Command::PrevField);
    h.cmd(Command::ChoicePrev);
    let Screen::Wizard(w) = &h.app.screen else {
        panic!("wizard")
    };
    assert_eq!(
        w.method,
        h.app.methods.all().len() - 1,
        "wraps to the last method"
    );
    h.cmd(Command::StartFilter); // not a wizard key: nothing happens
    assert!(matches!(h.app.screen, Screen::Wizard(_)));
}

#[test]
fn escape_on_a_filled_in_new_session_form_asks_before_throwing_it_away() {
    use ratatui::crossterm::event::{Event, KeyEvent};
    let key = |h: &mut Harness, code: KeyCode| {
        let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        let input = sempre::tui::translate(&h.app, event).unwrap();
        h.input(input);
    };
    let mut h = Harness::new();
    // Nothing typed (the offered date only): Esc goes straight back.
    h.press('n');
    assert!(matches!(h.app.screen, Screen::Wizard(_)));
    key(&mut h, KeyCode::Esc);
    assert!(matches!(h.app.screen, Screen::Home(_)));

    h.press('n');
    for c in "Hverdagen".chars() {
        h.press(c);
    }
    key(&mut h, KeyCode::Esc);
    assert!(
        matches!(h.app.layers.last(), Some(Layer::Confirm(_))),
        "Esc asks first"
    );
    assert!(matches!(h.app.screen, Screen::Wizard(_)));
    h.press('n');
    assert!(h.app.layers.is_empty());
    let Screen::Wizard(w) = &h.app.screen else {
        panic!("the form stays")
    };
    assert_eq!(w.texts[0].lines().join(""), "Hverdagen", "as it was typed");
    key(&mut h, KeyCode::Esc);
    key(&mut h, KeyCode::Esc);
    assert!(
        matches!(h.app.screen, Screen::Wizard(_)),
        "Esc on the question keeps the form"
    );
    key(&mut h, KeyCode::Esc);
    h.press('y');
    assert!(
        matches!(h.app.screen, Screen::Home(_)),
        "yes throws it away"
    );
    assert!(!h.store.dir().exists() || std::fs::read_dir(h.store.dir()).unwrap().count() == 0);
}

/// The Danish example of a Future Workshop, opened from the home screen of
/// an English-speaking person.
fn danish_example() -> Harness {
    let mut h = Harness::new();
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sessions/example-fremtidsvaerksted.json");
    std::fs::create_dir_all(h.store.dir()).unwrap();
    std::fs::copy(&example, h.store.dir().join("fremtid.json")).unwrap();
    h.cmd(Command::Reload);
    h.cmd(Command::Open);
    assert!(matches!(h.app.screen, Screen::Board(_)));
    h
}

#[test]
fn a_board_speaks_its_sessions_language_and_f2_switches_it_until_it_closes() {
    let mut h = danish_example();
    assert_eq!(h.app.person_lang, Lang::En);
    let screen = h.screen_text();
    assert!(
        screen.contains("Kritik (") && screen.contains("hjælp"),
        "{screen}"
    );
    h.cmd(Command::ToggleLanguage);
    let screen = h.screen_text();
    assert!(screen.contains("Critique ("), "{screen}");
    assert!(h.flash().contains("until it closes"), "{}", h.flash());
    h.cmd(Command::Back);
    assert!(matches!(h.app.screen, Screen::Home(_)));
    assert_eq!(h.app.prefs.lang, Lang::En, "home in the person's language");
    h.cmd(Command::Open);
    assert!(
        h.screen_text().contains("Kritik ("),
        "the session's language again"
    );
    assert_eq!(
        h.app.remembered,
        Remembered::default(),
        "a board's F2 is not remembered"
    );
}

#[test]
fn choices_outside_a_session_are_remembered_in_the_preferences_file() {
    let mut h = Harness::new();
    let path = h
        ._dir
        .path()
        .join("config")
        .join("sempre")
        .join("prefs.json");
    let (file, remembered, problem) = PrefsFile::load(path.clone());
    assert!(problem.is_none());
    h.app.prefs_file = Some(file);
    h.app.remembered = remembered;
    h.cmd(Command::ToggleLanguage);
    h.cmd(Command::CycleTheme);
    let saved = PrefsFile::load(path.clone()).1;
    assert_eq!(saved.lang, Some(Lang::Da));
    assert_eq!(saved.theme, Some(ThemeName::HighContrast));
    assert_eq!(saved.projector, None, "never chosen, never written");
    let mut h = h.new_session("fremtidsvaerksted", "T");
    h.cmd(Command::ToggleProjector);
    h.cmd(Command::ToggleLanguage); // this board only
    let saved = PrefsFile::load(path).1;
    assert_eq!((saved.lang, saved.projector), (Some(Lang::Da), Some(true)));
}

#[test]
fn ending_a_phase_early_says_so_and_never_that_time_is_up() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "T");
    h.cmd(Command::NextPhase); // preparation: 15 minutes
    h.cmd(Command::TimerToggle);
    h.app.clock.advance(Duration::from_secs(5 * 60));
    h.press('E');
    assert!(
        h.flash().contains("ended early, 10:00 left"),
        "{}",
        h.flash()
    );
    let screen = h.screen_text();
    assert!(screen.contains("Ended early"), "{screen}");
    assert!(!screen.contains("Time is up"), "{screen}");
    h.app.clock.advance(Duration::from_secs(60 * 60));
    assert!(
        !h.screen_text().contains("Time is up"),
        "stopped where it stood"
    );
}

#[test]
fn the_time_box_is_saved_and_carries_on_when_the_session_is_opened_again() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "T");
    h.cmd(Command::NextPhase); // preparation: 15 minutes
    h.cmd(Command::TimerToggle);
    h.cmd(Command::TimerPlus);
    // Said in full if it ever fails (it once did, on a busy machine, and
    // could not be made to again): what the board knows of its saves.
    let on_disk = h.on_disk();
    let saved = on_disk.timer.clone().unwrap_or_else(|| {
        panic!(
            "no time box on disk; board: {:?}, save: {:?}, status: {:?}, phase log on disk: {:?}",
            h.board().session().timer,
            h.board().save,
            h.flash(),
            on_disk.phase_log
        )
    });
    assert_eq!((saved.minutes, saved.started.is_some()), (16, true));
    h.app.clock.advance(Duration::from_secs(4 * 60));
    h.cmd(Command::Back);
    assert!(matches!(h.app.screen, Screen::Home(_)));
    h.app.clock.advance(Duration::from_secs(60));
    h.cmd(Command::Open);
    let now = h.app.clock.now();
    assert!(h.board().timer.is_running());
    assert_eq!(
        h.board().timer.display(now),
        "11:00",
        "the closed minute counts"
    );
    h.cmd(Command::TimerToggle);
    let saved = h.on_disk().timer.unwrap();
    assert_eq!((saved.elapsed_ms, saved.started), (5 * 60 * 1000, None));
    // Running time is worked out, not counted: ticks save nothing.
    h.cmd(Command::TimerToggle);
    let last = h.board().save.last;
    for _ in 0..5 {
        h.app.clock.advance(Duration::from_secs(1));
        h.input(Input::Tick);
    }
    assert_eq!(h.board().save.last, last);
    assert_eq!(h.board().timer.display(h.app.clock.now()), "10:55");
}

#[test]
fn counts_read_as_words_in_both_languages() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "T");
    h.cmd(Command::NextPhase);
    h.cmd(Command::NextPhase);
    h.note("Alene om alt");
    h.cmd(Command::ClusterMenu);
    let Some(Layer::Menu(menu)) = h.app.layers.last() else {
        panic!("no menu");
    };
    assert_eq!(menu.items[0].label, "New cluster of 1 note");
}

#[test]
fn a_read_only_board_says_so_once_in_its_status_line() {
    let mut h = Harness::new();
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sessions/example-fremtidsvaerksted.json");
    let open = open_file(&example, Access::ReadOnly).unwrap();
    h.input(Input::Outcome(sempre::tui::app::Outcome::Opened(Ok(
        Box::new(open),
    ))));
    let screen = h.screen_text();
    let footer = screen.lines().last().unwrap();
    assert_eq!(footer.matches("krivebeskyttet").count(), 1, "{footer}");
}

#[test]
fn a_copied_canvas_is_named_in_the_sessions_language_even_after_f2() {
    let mut h = Harness::example("business-model-canvas"); // Danish, shown in English
    let first = h.board().session().boards[0].name.clone();
    h.cmd(Command::BoardsMenu);
    h.choose("Copy this board");
    let Some(Layer::Form(form)) = h.app.layers.last() else {
        panic!("no form");
    };
    assert_eq!(form.fields[0].area.lines()[0], format!("{first} (kopi)"));
}

#[test]
fn the_board_after_a_phase_is_ended_early_in_both_languages() {
    for lang in Lang::ALL {
        for (w, h_) in [(80, 24), (160, 48)] {
            let mut h = Harness::new();
            if lang == Lang::Da {
                h.cmd(Command::ToggleLanguage); // the wizard offers Danish
            }
            let mut h = h.new_session("fremtidsvaerksted", "Hverdagen på Ærø");
            h.input(Input::Resize(w, h_));
            h.cmd(Command::NextPhase); // preparation: 15 minutes
            h.cmd(Command::TimerToggle);
            h.app.clock.advance(Duration::from_secs(3 * 60 + 20));
            h.press('E');
            let name = format!("ended_early_{w}x{h_}_{}", lang.code());
            insta::assert_snapshot!(name, h.draw().backend());
        }
    }
}
