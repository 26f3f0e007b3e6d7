//! Screens at the edges: a method file that could not be loaded in the
//! method library, and notes whose zone the method no longer has on the
//! board. Snapshots as in `tests/snapshots.rs`.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sempre::i18n::Lang;
use sempre::methods::MethodLibrary;
use sempre::store::{Access, open_file};
use sempre::tui::app::{App, Input, Outcome, Prefs, Screen, update};
use sempre::tui::clock::Clock;
use sempre::tui::command::Command;
use sempre::tui::render::render;
use sempre::tui::screens::library::LibraryState;
use sempre::tui::theme::ThemeName;

fn app(methods: MethodLibrary, lang: Lang) -> App {
    let prefs = Prefs {
        lang,
        theme: ThemeName::Default,
        projector: false,
    };
    let clock = Clock::fixed("2026-11-23T09:00:00Z".parse::<Timestamp>().unwrap());
    let mut app = App::new(methods, prefs, "sessions".into(), clock);
    app.tz = jiff::tz::TimeZone::UTC;
    update(&mut app, Input::Resize(80, 24));
    app
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    terminal.draw(|f| render(app, f)).unwrap();
    format!("{}", terminal.backend())
}

/// A methods folder at a path that is the same on every machine (relative
/// to the package, where tests run), holding one method file with two
/// mistakes. Only its owner may write it, so it is trusted and read.
fn folder_with_a_broken_method() -> PathBuf {
    let dir = Path::new("target").join("snapshot-broken-methods");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("vores-metode.json");
    // The Future Workshop with a phase's goal left out and a misspelt
    // time box.
    let json = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid_methods/missing-goal.json"),
    )
    .unwrap()
    .replace("\"id\": \"missing-goal\"", "\"id\": \"vores-metode\"")
    .replacen("\"minutes\": 60", "\"minuts\": 60", 1);
    std::fs::write(&file, json).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path, m| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m));
        mode(&dir, 0o755).unwrap();
        mode(&file, 0o644).unwrap();
    }
    dir
}

#[test]
fn a_method_file_that_cannot_be_loaded_is_listed_as_broken() {
    let dir = folder_with_a_broken_method();
    for lang in Lang::ALL {
        let mut app = app(MethodLibrary::with_folder(&dir), lang);
        app.screen = Screen::Library(LibraryState::default());
        let methods = app.methods.all().len();
        for _ in 0..methods {
            update(&mut app, Input::Command(Command::Down));
        }
        let Screen::Library(l) = &app.screen else {
            panic!("left the library");
        };
        assert_eq!(l.selected, methods, "the broken file can be selected");
        insta::assert_snapshot!(format!("library_broken_{}", lang.code()), screen(&app));
        // It cannot be used to start a session.
        update(&mut app, Input::Command(Command::NewSession));
        assert!(matches!(app.screen, Screen::Library(_)));
    }
}

#[test]
fn notes_whose_zone_the_method_no_longer_has_are_shown_on_the_board() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/example-fremtidsvaerksted.json");
    for lang in Lang::ALL {
        let mut app = app(MethodLibrary::builtin(), lang);
        update(&mut app, Input::Resize(100, 30));
        let mut open = open_file(&path, Access::ReadOnly).unwrap();
        let texts: Vec<String> = open.session.notes[..2]
            .iter()
            .map(|n| n.text.clone())
            .collect();
        open.session.notes[0].zone = "gammel-zone".into();
        open.session.notes[1].zone = "gammel-zone".into();
        update(
            &mut app,
            Input::Outcome(Outcome::Opened(Ok(Box::new(open)))),
        );
        app.prefs.lang = lang; // as F2 would: the board in both languages
        app.flash = None;
        let shown = screen(&app);
        for text in &texts {
            let start: String = text.chars().take(12).collect();
            assert!(
                shown.contains(&start),
                "{start:?} is not on the board:\n{shown}"
            );
        }
        insta::assert_snapshot!(format!("board_unplaced_{}", lang.code()), shown);
    }
}
