//! Trees and chains as the group sees them on the wall, at 80×24,
//! 120×40 and 160×48, with and without the guidance panel, in Danish and
//! English: a problem tree with six root causes three levels deep is
//! always drawn as a tree, the watering cans name their owners, and a
//! Theory of Change of eight links shows every link. Snapshots as in
//! `tests/snapshots.rs`.

#![allow(clippy::unwrap_used)]

use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sempre::i18n::Lang;
use sempre::methods::MethodLibrary;
use sempre::model::{NewNote, Session};
use sempre::store::{Access, Store, load_session, open_file};
use sempre::tui::app::{App, Input, Outcome, Prefs, Screen, update};
use sempre::tui::clock::Clock;
use sempre::tui::command::Command;
use sempre::tui::render::render;
use sempre::tui::theme::ThemeName;
use unicode_width::UnicodeWidthStr;

mod trees;

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (160, 48)];

/// `session` saved in a fresh store and opened on the board of an app of
/// `size`, with the guidance panel shown or not.
fn open(
    session: &Session,
    lang: Lang,
    size: (u16, u16),
    guidance: bool,
) -> (tempfile::TempDir, App) {
    let prefs = Prefs {
        lang,
        theme: ThemeName::Default,
        projector: false,
    };
    let clock = Clock::fixed("2026-11-23T09:00:00Z".parse::<Timestamp>().unwrap());
    let mut app = App::new(MethodLibrary::builtin(), prefs, "sessions".into(), clock);
    app.tz = jiff::tz::TimeZone::UTC;
    update(&mut app, Input::Resize(size.0, size.1));
    let dir = tempfile::tempdir().unwrap();
    let path = Store::new(dir.path()).create(session).unwrap();
    let open = open_file(&path, Access::Edit).unwrap();
    update(
        &mut app,
        Input::Outcome(Outcome::Opened(Ok(Box::new(open)))),
    );
    let shown = matches!(&app.screen, Screen::Board(b) if b.guidance);
    if shown != guidance {
        update(&mut app, Input::Command(Command::ToggleGuidance));
    }
    app.flash = None;
    (dir, app)
}

fn screen(app: &App) -> (Terminal<TestBackend>, String) {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    terminal.draw(|f| render(app, f)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    // A wide symbol covers the cell after it; that cell is skipped so
    // the text reads as the screen does.
    let text = (0..buffer.area.height)
        .map(|y| {
            let mut line = String::new();
            let mut x = 0;
            while x < buffer.area.width {
                let symbol = buffer[(x, y)].symbol();
                line.push_str(symbol);
                x += (symbol.width() as u16).max(1);
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n");
    (terminal, text)
}

/// The row on which the frame titled `name` starts.
fn title_row(text: &str, name: &str) -> usize {
    text.lines()
        .position(|l| l.contains(&format!(" {name} (")) || l.contains(&format!("● {name} (")))
        .unwrap_or_else(|| panic!("no frame {name:?} in\n{text}"))
}

#[test]
fn a_problem_tree_with_six_root_causes_stays_a_tree_at_every_size() {
    for lang in Lang::ALL {
        let session = trees::problem_tree(lang);
        let (crown, trunk, roots) = match lang {
            Lang::Da => ("Konsekvenser", "Kerneproblem", "Årsager"),
            Lang::En => ("Consequences", "Core problem", "Causes"),
        };
        for size in SIZES {
            for guidance in [false, true] {
                let (_dir, app) = open(&session, lang, size, guidance);
                let (terminal, text) = screen(&app);
                // Crown above the trunk above the roots: never flat columns.
                let rows = [
                    title_row(&text, crown),
                    title_row(&text, trunk),
                    title_row(&text, roots),
                ];
                assert!(rows[0] < rows[1] && rows[1] < rows[2], "{rows:?}\n{text}");
                assert!(text.contains("Vi enlige forældre har"), "{text}");
                let tag = format!(
                    "{}x{}_{}_{}",
                    size.0,
                    size.1,
                    if guidance { "guidance" } else { "plain" },
                    lang.code()
                );
                insta::assert_snapshot!(format!("tree_six_causes_{tag}"), terminal.backend());
            }
        }
    }
}

#[test]
fn the_solution_tree_names_who_holds_each_watering_can() {
    for lang in Lang::ALL {
        let session = trees::solution_tree(lang);
        for size in [(80, 24), (160, 48)] {
            let (_dir, app) = open(&session, lang, size, size.0 > 100);
            let (terminal, text) = screen(&app);
            assert!(text.contains("🚿 Amal"), "{text}");
            let tag = format!("{}x{}_{}", size.0, size.1, lang.code());
            insta::assert_snapshot!(format!("tree_watering_cans_{tag}"), terminal.backend());
        }
    }
    // On the wall, a private action's owner stays on the facilitator's
    // screen.
    let session = trees::solution_tree(Lang::Da);
    let (_dir, mut app) = open(&session, Lang::Da, (160, 48), true);
    assert!(screen(&app).1.contains("🚿 Louise"));
    update(&mut app, Input::Command(Command::ToggleProjector));
    let (terminal, text) = screen(&app);
    assert!(
        text.contains("🚿 Amal") && !text.contains("Louise"),
        "{text}"
    );
    insta::assert_snapshot!("tree_watering_cans_projector_160x48_da", terminal.backend());
}

/// The example Theory of Change with three more steps: eight steps of
/// change in a chain of eight links.
fn long_chain(lang: Lang) -> Session {
    let library = MethodLibrary::builtin();
    let m = library.get("theory-of-change").unwrap();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sessions/example-theory-of-change.json");
    let mut s = load_session(&path).unwrap();
    s.context.language = lang;
    let t: Timestamp = "2026-11-23T09:00:00Z".parse().unwrap();
    for text in [
        "Caféen får sin egen forening med bestyrelse af forældre.",
        "Vi søger fonde til en deltidsansat kok.",
        "Caféen holder åbent fem dage om ugen.",
    ] {
        s.add_note(m, NewNote::new("trin", text), t).unwrap();
    }
    s
}

#[test]
fn every_link_of_a_theory_of_change_is_on_the_wall() {
    let library = MethodLibrary::builtin();
    let m = library.get("theory-of-change").unwrap();
    for lang in Lang::ALL {
        let session = long_chain(lang);
        assert_eq!(session.notes.iter().filter(|n| n.zone == "trin").count(), 8);
        let names: Vec<&str> = m.zones.iter().map(|z| z.name.get(lang)).collect();
        for size in SIZES {
            for guidance in [false, true] {
                let (_dir, app) = open(&session, lang, size, guidance);
                let (terminal, text) = screen(&app);
                if size.0 >= 120 {
                    for name in &names {
                        assert!(text.contains(name), "{name} at {size:?}:\n{text}");
                    }
                }
                if guidance == (size.1 >= 32) {
                    let tag = format!("{}x{}_{}", size.0, size.1, lang.code());
                    insta::assert_snapshot!(format!("chain_eight_links_{tag}"), terminal.backend());
                }
            }
        }
        for size in [(80, 24), (160, 48)] {
            let (_dir, mut app) = open(&session, lang, size, false);
            update(&mut app, Input::Command(Command::ToggleProjector));
            let (terminal, text) = screen(&app);
            if size.0 >= 160 {
                for name in &names {
                    assert!(text.contains(name), "{name} on the projector:\n{text}");
                }
            }
            let tag = format!("{}x{}_{}", size.0, size.1, lang.code());
            insta::assert_snapshot!(format!("chain_projector_{tag}"), terminal.backend());
        }
    }
}

/// Fourteen themes found in a Double Diamond's discovery, when the group
/// moves on to narrow them down: until something is chosen, none is
/// labelled set aside, so all fourteen stay one card each and fit on the
/// wall at 160×48. Choosing one sets the others aside.
#[test]
fn fourteen_themes_fit_while_the_group_narrows_them_down() {
    let library = MethodLibrary::builtin();
    let m = library.get("double-diamond").unwrap();
    let t = Timestamp::UNIX_EPOCH;
    let context = sempre::model::Context {
        title: "Egen vej til job".into(),
        language: Lang::Da,
        ..Default::default()
    };
    let mut s = Session::new(m, context, t);
    s.start_phase(m, "opdag", t).unwrap();
    let themes = [
        "Sprogkrav",
        "Transport",
        "Børnepasning",
        "Netværk",
        "Anerkendelse af uddannelse",
        "Praktikpladser",
        "Helbred",
        "Bolig",
        "Økonomi",
        "Digitale ansøgninger",
        "Mentorer",
        "Kulturforskelle",
        "Tid",
        "Selvtillid",
    ];
    let ids: Vec<_> = themes
        .iter()
        .map(|x| s.add_note(m, NewNote::new("opdag", x), t).unwrap())
        .collect();
    s.start_phase(m, "definer", t).unwrap();
    let (_dir, app) = open(&s, Lang::Da, (160, 48), true);
    let (terminal, text) = screen(&app);
    for theme in themes {
        assert!(text.contains(theme), "{theme} is on the wall:\n{text}");
    }
    assert!(
        !text.contains("lagt til side"),
        "nothing chosen yet:\n{text}"
    );
    insta::assert_snapshot!("diamond_narrowing_14_themes_160x48_da", terminal.backend());

    // One theme chosen: the rest are set aside.
    s.choose_onward(m, ids[0], "definer", t).unwrap();
    let (_dir, app) = open(&s, Lang::Da, (160, 48), true);
    let (_, text) = screen(&app);
    assert!(text.contains("lagt til side"), "{text}");
}
