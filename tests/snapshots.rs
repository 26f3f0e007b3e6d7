//! Every screen drawn into ratatui's `TestBackend` and compared with a
//! stored snapshot, at 80×24 and 160×48, in Danish and English.
//!
//! After an intended change of a screen, review and accept the new
//! snapshots with `INSTA_UPDATE=always cargo test --test snapshots` (or
//! `cargo insta review`).

#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::time::Duration;

use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use sempre::i18n::Lang;
use sempre::methods::MethodLibrary;
use sempre::store::{Access, Store, open_file};
use sempre::tui::app::{App, Input, Outcome, Prefs, Screen, update};
use sempre::tui::clock::Clock;
use sempre::tui::command::Command;
use sempre::tui::render::render;
use sempre::tui::screens::library::LibraryState;
use sempre::tui::screens::wizard::WizardState;
use sempre::tui::theme::ThemeName;

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (160, 48)];

fn examples() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions")
}

fn app(lang: Lang, size: (u16, u16)) -> App {
    let prefs = Prefs {
        lang,
        theme: ThemeName::Default,
        projector: false,
    };
    let clock = Clock::fixed("2026-11-23T09:00:00Z".parse::<Timestamp>().unwrap());
    let mut app = App::new(MethodLibrary::builtin(), prefs, "sessions".into(), clock);
    app.tz = jiff::tz::TimeZone::UTC;
    update(&mut app, Input::Resize(size.0, size.1));
    app
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    terminal.draw(|f| render(app, f)).unwrap();
    terminal
}

fn snapshot(name: &str, app: &App) {
    let terminal = draw(app);
    insta::assert_snapshot!(name, terminal.backend());
}

fn each(mut f: impl FnMut(Lang, (u16, u16), String)) {
    for lang in Lang::ALL {
        for size in SIZES {
            f(lang, size, format!("{}x{}_{}", size.0, size.1, lang.code()));
        }
    }
}

/// The example session of `method`, opened read-only from the repository
/// (nothing is written) and shown as an editable board would be.
fn board(method: &str, lang: Lang, size: (u16, u16)) -> App {
    let mut app = app(lang, size);
    let path = examples().join(format!("example-{method}.json"));
    let open = open_file(&path, Access::ReadOnly).unwrap();
    update(
        &mut app,
        Input::Outcome(Outcome::Opened(Ok(Box::new(open)))),
    );
    // A board opens in its session's language; F2 shows it in the other,
    // so every board is drawn in both.
    app.prefs.lang = lang;
    app.flash = None;
    app
}

#[test]
fn home() {
    each(|lang, size, tag| {
        let mut app = app(lang, size);
        let listing = Store::new(examples()).list();
        update(&mut app, Input::Outcome(Outcome::Listed(listing)));
        snapshot(&format!("home_{tag}"), &app);
    });
}

#[test]
fn library() {
    each(|lang, size, tag| {
        let mut app = app(lang, size);
        app.screen = Screen::Library(LibraryState {
            selected: 2,
            scroll: 0,
        });
        snapshot(&format!("library_{tag}"), &app);
    });
}

#[test]
fn wizard() {
    each(|lang, size, tag| {
        let mut app = app(lang, size);
        let mut w = WizardState::new(0, lang, app.today());
        w.set(
            sempre::tui::screens::wizard::Field::Title,
            "Hverdagen som enlig forælder",
        );
        app.screen = Screen::Wizard(Box::new(w));
        snapshot(&format!("wizard_{tag}"), &app);
    });
}

#[test]
fn boards_of_every_method() {
    let methods = [
        "fremtidsvaerksted",
        "rygsaek",
        "problemtrae",
        "theory-of-change",
        "business-model-canvas",
        "social-business-model-canvas",
        "double-diamond",
        "fokusgruppeinterview",
        "koekkensamtaler",
        "trafiklys",
    ];
    for method in methods {
        each(|lang, size, tag| {
            let app = board(method, lang, size);
            snapshot(&format!("board_{method}_{tag}"), &app);
        });
    }
}

#[test]
fn help_overlay() {
    each(|lang, size, tag| {
        let mut app = board("fremtidsvaerksted", lang, size);
        update(&mut app, Input::Command(Command::Help));
        snapshot(&format!("help_{tag}"), &app);
    });
}

#[test]
fn projector_view() {
    each(|lang, size, tag| {
        let mut app = board("fremtidsvaerksted", lang, size);
        update(&mut app, Input::Command(Command::ToggleProjector));
        snapshot(&format!("projector_{tag}"), &app);
    });
}

#[test]
fn editor_and_too_small() {
    let mut with_editor = board("fremtidsvaerksted", Lang::Da, (80, 24));
    with_editor
        .layers
        .push(sempre::tui::layers::Layer::Editor(Box::new(
            sempre::tui::layers::EditorState::new(
                sempre::tui::layers::EditTarget::New {
                    board: uuid::Uuid::nil(),
                    zone: "kritik".into(),
                },
                "Vi mangler pasning\nom aftenen",
                "Kritik".into(),
            ),
        )));
    snapshot("editor_80x24_da", &with_editor);
    let mut small = app(Lang::En, (70, 20));
    update(&mut small, Input::Resize(70, 20));
    snapshot("too_small_70x20_en", &small);
}

fn colours(terminal: &Terminal<TestBackend>) -> Vec<Color> {
    let buffer = terminal.backend().buffer();
    buffer
        .content()
        .iter()
        .flat_map(|c| [c.fg, c.bg])
        .filter(|c| *c != Color::Reset)
        .collect()
}

#[test]
fn the_mono_theme_uses_no_colour_at_all() {
    let mut app = board("business-model-canvas", Lang::En, (160, 48));
    app.prefs.theme = ThemeName::Mono;
    assert!(colours(&draw(&app)).is_empty());
    app.prefs.theme = ThemeName::Default;
    assert!(!colours(&draw(&app)).is_empty());
}

#[test]
fn the_timer_changes_colour_at_twenty_and_five_percent() {
    let mut app = board("fremtidsvaerksted", Lang::En, (80, 24));
    update(&mut app, Input::Command(Command::TimerToggle));
    let theme = app.theme();
    let timer_colour = |app: &App| {
        let terminal = draw(app);
        let buffer = terminal.backend().buffer();
        // The digits sit in the top-right corner.
        (0..4)
            .flat_map(|y| (60..80).map(move |x| (x, y)))
            .filter_map(|(x, y)| buffer.cell((x, y)))
            .find(|c| c.symbol() != " ")
            .map(|c| c.fg)
            .unwrap()
    };
    assert_eq!(timer_colour(&app), theme.timer.fg.unwrap());
    app.clock.advance(Duration::from_secs(12 * 60 + 1)); // 15-minute box
    assert_eq!(timer_colour(&app), theme.timer_warn.fg.unwrap());
    app.clock.advance(Duration::from_secs(150));
    assert_eq!(timer_colour(&app), theme.timer_urgent.fg.unwrap());
    app.clock.advance(Duration::from_secs(60));
    assert_eq!(timer_colour(&app), theme.timer_up.fg.unwrap());
    let text = format!("{}", draw(&app).backend());
    assert!(text.contains("Time is up"), "{text}");
}

/// A problem tree of three levels on both sides of the trunk, mirrored.
fn three_level_tree(lang: Lang, size: (u16, u16)) -> (tempfile::TempDir, App) {
    use sempre::model::{Context, NewNote, Session};
    let library = MethodLibrary::builtin();
    let m = library.get("problemtrae").unwrap();
    let t = Timestamp::UNIX_EPOCH;
    let context = Context {
        title: "Enlige forældres sundhed".into(),
        language: Lang::Da,
        network: None,
        ..Default::default()
    };
    let mut s = Session::new(m, context, t);
    let mut add = |zone: &str, text: &str| s.add_note(m, NewNote::new(zone, text), t).unwrap();
    let core = add("kerneproblem", "Intet overskud");
    let money = add("aarsager", "Lav indkomst");
    let job = add("aarsager", "Deltidsjob");
    let shifts = add("aarsager", "Skæve vagter");
    let alone = add("aarsager", "Alene om alt");
    let sick = add("konsekvenser", "Ofte syg");
    let work = add("konsekvenser", "Syg på job");
    let kids = add("konsekvenser", "Stressede børn");
    for (child, parent) in [
        (money, core),
        (job, money),
        (shifts, job),
        (alone, core),
        (sick, core),
        (work, sick),
        (kids, core),
    ] {
        s.set_tree_parent(m, child, parent, t).unwrap();
    }
    let board = s.boards[0].id;
    s.start_phase(m, "loesningstrae", t).unwrap();
    s.mirror_tree(m, board, t).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = Store::new(dir.path()).create(&s).unwrap();
    let mut app = app(lang, size);
    let open = open_file(&path, Access::Edit).unwrap();
    update(
        &mut app,
        Input::Outcome(Outcome::Opened(Ok(Box::new(open)))),
    );
    app.prefs.lang = lang; // as F2 would: the tree in both languages
    app.flash = None;
    (dir, app)
}

#[test]
fn a_tree_of_three_levels() {
    each(|lang, size, tag| {
        let (_dir, app) = three_level_tree(lang, size);
        snapshot(&format!("shape_tree_{tag}"), &app);
    });
}

#[test]
fn a_comparison_of_two_canvases() {
    each(|lang, size, tag| {
        let mut app = board("business-model-canvas", lang, size);
        app.layers.push(sempre::tui::layers::Layer::Compare(
            sempre::tui::layers::CompareState {
                left: 0,
                right: 1,
                scroll: 0,
            },
        ));
        snapshot(&format!("shape_compare_{tag}"), &app);
    });
}

#[test]
fn a_diamond_mid_way() {
    each(|lang, size, tag| {
        let mut app = board("double-diamond", lang, size);
        if let Screen::Board(b) = &mut app.screen {
            // Back to the moment the group develops ideas: discover and
            // define are done, develop runs.
            let log = &mut b.open.session.phase_log;
            log.truncate(3);
            log[2].ended = None;
            let prefs = app.prefs.clone();
            b.reindex(&prefs);
            b.focus_phase_zone();
        }
        snapshot(&format!("shape_diamond_{tag}"), &app);
    });
}

#[test]
fn two_backpacks_side_by_side() {
    each(|lang, size, tag| {
        let app = board("rygsaek", lang, size);
        snapshot(&format!("shape_backpacks_{tag}"), &app);
    });
}

/// The follow-up screen over the example sessions, on `tab` after `keys`.
fn followup(lang: Lang, size: (u16, u16), keys: &[Command]) -> App {
    let mut app = app(lang, size);
    update(&mut app, Input::Command(Command::FollowUp));
    let listing = Store::new(examples()).list();
    update(&mut app, Input::Outcome(Outcome::Listed(listing)));
    for key in keys {
        update(&mut app, Input::Command(*key));
    }
    app.flash = None;
    app
}

#[test]
fn followup_sessions_actions_process_and_export() {
    each(|lang, size, tag| {
        let app = followup(lang, size, &[Command::Down]);
        snapshot(&format!("followup_sessions_{tag}"), &app);
        let app = followup(lang, size, &[Command::ShowActions, Command::Down]);
        snapshot(&format!("followup_actions_{tag}"), &app);
        let app = followup(
            lang,
            size,
            &[
                Command::ShowProcess,
                Command::FocusRight,
                Command::FocusRight,
            ],
        );
        snapshot(&format!("followup_process_{tag}"), &app);
        let app = followup(lang, size, &[Command::Down, Command::Down, Command::Export]);
        snapshot(&format!("export_dialog_{tag}"), &app);
        let app = followup(
            lang,
            size,
            &[
                Command::ShowActions,
                Command::Export,
                Command::NextField,
                Command::ChoiceNext,
            ],
        );
        snapshot(&format!("export_actions_dialog_{tag}"), &app);
    });
}

#[test]
fn a_refusal_naming_a_long_path_wraps_with_its_reason_first() {
    let path = "/home/mette/Dokumenter/Sempre/LEN Herning Nord/sessioner 2026/efteraar/0193a7c2-5be1-7cc3-9e6f-6f4c2d0e9a11.json";
    for lang in Lang::ALL {
        let mut app = app(lang, (80, 24));
        let error = sempre::store::StoreError::Io {
            doing: sempre::store::Doing::Reading,
            path: path.into(),
            source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        };
        update(&mut app, Input::Outcome(Outcome::Opened(Err(error))));
        snapshot(&format!("refusal_long_path_80x24_{}", lang.code()), &app);
    }
}
