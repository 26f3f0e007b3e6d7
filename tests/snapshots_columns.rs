//! Boards whose zones stand side by side, drawn into ratatui's
//! `TestBackend` at 80×24, 120×40 and 160×48 in Danish and English: a
//! Future Workshop with 15 critique notes in four clusters while the
//! critique runs, the same workshop in its fantasy phase and before it
//! starts, and the example workshop as the window grows and shrinks.
//! Review changes with `INSTA_UPDATE=always cargo test --test
//! snapshots_columns` (or `cargo insta review`).

#![allow(clippy::unwrap_used)]

use std::path::Path;

use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use sempre::i18n::Lang;
use sempre::methods::MethodLibrary;
use sempre::model::{Context, NewNote, Session};
use sempre::store::{Access, Store, open_file};
use sempre::tui::app::{App, Input, Outcome, Prefs, update};
use sempre::tui::clock::Clock;
use sempre::tui::command::Command;
use sempre::tui::render::render;
use sempre::tui::screens::board::layout;
use sempre::tui::theme::ThemeName;

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (160, 48)];

/// The critique of single parents in Skive: fifteen notes, four themes.
const CRITIQUE: [(&str, &[&str]); 4] = [
    (
        "Tid og hverdag",
        &[
            "For lidt tid med børnene om aftenen, når jeg kommer sent hjem fra arbejde.",
            "Vuggestuen lukker kl. 16, men min vagt slutter kl. 17.",
            "Jeg når aldrig at lave mad fra bunden.",
            "Weekenderne går med vasketøj og indkøb.",
            "Ingen kan hente, når et barn bliver sygt.",
        ],
    ),
    (
        "Penge",
        &[
            "Økonomien er stram sidst på måneden.",
            "Fritidsaktiviteter koster for meget – min søn måtte stoppe til fodbold.",
            "Jeg tør ikke åbne brevene fra banken.",
            "Bussen er dyr, og bilen er gået i stykker.",
        ],
    ),
    (
        "Kommunen",
        &[
            "Jeg skal forklare min historie forfra for hver ny sagsbehandler.",
            "Møderne ligger midt i min arbejdstid.",
            "Brevene er skrevet i et sprog, jeg ikke forstår.",
        ],
    ),
    (
        "Alene",
        &[
            "Jeg har ingen at tale med om aftenen, når børnene sover.",
            "De andre forældre i klassen kender hinanden, men ikke mig.",
            "Moja rodzina mieszka w Polsce. (Min familie bor i Polen.)",
        ],
    ),
];

/// The session, in `phase` (none: not started), with `fantasy` notes in
/// the fantasy zone; saved in a fresh store.
fn workshop(lang: Lang, phase: Option<&str>, fantasy: &[&str]) -> (tempfile::TempDir, Session) {
    let library = MethodLibrary::builtin();
    let m = library.get("fremtidsvaerksted").unwrap();
    let t = Timestamp::UNIX_EPOCH;
    let context = Context {
        title: "Enlige forældre i Skive".into(),
        language: lang,
        network: Some("LEN Skive".into()),
        ..Default::default()
    };
    let mut s = Session::new(m, context, t);
    if phase.is_some() {
        s.start_phase(m, "kritik", t).unwrap();
    }
    for (k, (title, texts)) in CRITIQUE.iter().enumerate() {
        let ids: Vec<_> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let mut note = NewNote::new("kritik", text);
                if (i + k) % 3 == 0 {
                    note.author = Some(["Mette", "Jonas", "Agnieszka"][k % 3].into());
                }
                s.add_note(m, note, t).unwrap()
            })
            .collect();
        s.cluster_notes(&ids, title, t).unwrap();
    }
    for text in fantasy {
        s.add_note(m, NewNote::new("fantasi", text), t).unwrap();
    }
    if let Some(p) = phase.filter(|p| *p != "kritik") {
        s.start_phase(m, p, t).unwrap();
    }
    (tempfile::tempdir().unwrap(), s)
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

/// The board of the session file at `path`.
fn open(lang: Lang, size: (u16, u16), path: &Path, access: Access) -> App {
    let mut app = app(lang, size);
    let open = open_file(path, access).unwrap();
    update(
        &mut app,
        Input::Outcome(Outcome::Opened(Ok(Box::new(open)))),
    );
    app.flash = None;
    app
}

fn board_of(lang: Lang, size: (u16, u16), dir: &Path, s: &Session) -> App {
    let path = Store::new(dir).create(s).unwrap();
    open(lang, size, &path, Access::Edit)
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    terminal.draw(|f| render(app, f)).unwrap();
    format!("{}", terminal.backend())
}

fn press(app: &mut App, cmd: Command, times: usize) {
    for _ in 0..times {
        update(app, Input::Command(cmd));
    }
}

/// The width of each zone as laid out.
fn widths(app: &App) -> Vec<u16> {
    let b = app.board().unwrap();
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    layout(b, &app.prefs, area)
        .slots
        .iter()
        .map(|s| s.rect.width)
        .collect()
}

/// The text of a zone's top edge, from its name to its corner.
fn top_edge(shown: &str, zone: &str) -> String {
    let row = shown.lines().find(|l| l.contains(zone)).unwrap_or("");
    let from = &row[row.find(zone).unwrap_or(0)..];
    from[..from.find(['┓', '╮']).unwrap_or(from.len())].to_string()
}

#[test]
fn four_framed_clusters_of_fifteen_critique_notes_while_the_critique_runs() {
    for lang in Lang::ALL {
        for size in SIZES {
            let (dir, s) = workshop(lang, Some("kritik"), &[]);
            let mut app = board_of(lang, size, dir.path(), &s);
            // Focus on the last note of "Kommunen", the third theme.
            press(&mut app, Command::FocusDown, 11);
            let shown = screen(&app);
            let tag = format!("{}x{}_{}", size.0, size.1, lang.code());
            insta::assert_snapshot!(format!("clusters_critique_{tag}"), shown);
            assert!(shown.contains("▶♥ Brevene er skrevet"), "{shown}");
            // No frame's edge runs through a card.
            for row in shown.lines().filter(|l| l.contains('╭') || l.contains('╰')) {
                assert!(!row.contains('♥'), "{row}");
            }
            // The running critique has the room; the empty fantasy and
            // realisation are strips.
            let w = widths(&app);
            assert_eq!(&w[1..], &[5, 5], "{shown}");
        }
    }
}

#[test]
fn the_fantasy_phase_gets_the_room_and_the_empty_realisation_folds() {
    let ideas = [
        "Et fælles madfællesskab, hvor vi laver mad til hinanden to gange om ugen.",
        "En bedsteforælder-ordning, der kan hente børnene.",
        "Gratis fritidsaktiviteter for alle børn i Skive.",
    ];
    for lang in Lang::ALL {
        for size in SIZES {
            let (dir, s) = workshop(lang, Some("fantasi"), &ideas);
            let app = board_of(lang, size, dir.path(), &s);
            let tag = format!("{}x{}_{}", size.0, size.1, lang.code());
            insta::assert_snapshot!(format!("running_fantasy_{tag}"), screen(&app));
            let w = widths(&app);
            assert_eq!(w[2], 5, "the realisation is a strip");
            assert!(w[1] > w[0], "the fantasy is wider than the critique: {w:?}");
        }
    }
}

#[test]
fn before_any_phase_the_zones_are_equally_wide() {
    for lang in Lang::ALL {
        let size = (80, 24);
        let (dir, s) = workshop(lang, None, &[]);
        let app = board_of(lang, size, dir.path(), &s);
        insta::assert_snapshot!(format!("not_started_80x24_{}", lang.code()), screen(&app));
        assert_eq!(widths(&app), vec![26, 27, 27]);
    }
}

/// The example workshop with focus on the last of the seven realisation
/// notes, as the window grows and shrinks: when it grows, all seven show
/// again; when it shrinks, the focused note stays on screen.
#[test]
fn a_zone_shows_all_it_can_after_the_window_grows() {
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/example-fremtidsvaerksted.json");
    for lang in Lang::ALL {
        let mut app = open(lang, (80, 24), &example, Access::ReadOnly);
        press(&mut app, Command::FocusRight, 2);
        press(&mut app, Command::FocusDown, 6);
        let zone = if lang == Lang::Da {
            "Virkeliggør"
        } else {
            "Realisation"
        };
        let small = screen(&app);
        assert!(top_edge(&small, zone).contains('▲'), "{small}");
        for (size, name) in [((160, 48), "grown"), ((80, 24), "shrunk")] {
            update(&mut app, Input::Resize(size.0, size.1));
            let shown = screen(&app);
            insta::assert_snapshot!(format!("resized_{name}_{}", lang.code()), &shown);
            assert!(shown.contains("▶●"), "the focused note shows: {shown}");
            assert_eq!(top_edge(&shown, zone).contains('▲'), name == "shrunk");
        }
    }
}
