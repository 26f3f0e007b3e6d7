//! The day's plan on the board: the header's lead or lag and the plan
//! view, during the day (a phase running, the break before it measured)
//! and after it, at 80×24 and 160×48. The session is the example Future
//! Workshop with a plan made for its day. Review changes with
//! `INSTA_UPDATE=always cargo test --test snapshots_plan`.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use jiff::Timestamp;
use jiff::civil::Time;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sempre::i18n::Lang;
use sempre::methods::MethodLibrary;
use sempre::model::{PlanItem, Session};
use sempre::store::{Access, decode, open_file};
use sempre::tui::app::{App, Input, Outcome, Prefs, update};
use sempre::tui::clock::Clock;
use sempre::tui::layers::{Layer, PlanState};
use sempre::tui::render::render;
use sempre::tui::theme::ThemeName;

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

/// The example session with a plan for its day (from 07:30, the
/// example's start), cut off at `at`: what ran later is not in its log,
/// and the phase running at `at` has not ended.
fn planned_example(at: Timestamp) -> Session {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/example-fremtidsvaerksted.json");
    let mut s = decode("example", &std::fs::read(path).unwrap()).unwrap();
    let t = s.updated;
    s.plan = None;
    for (phase, minutes) in [
        ("forberedelse", 15),
        ("kritik", 60),
        ("fantasi", 50),
        ("virkeliggoerelse", 45),
    ] {
        s.plan_insert(PlanItem::phase(phase, minutes, None), None, t)
            .unwrap();
    }
    s.plan_insert(PlanItem::pause(15, Some("Kaffe".into())), Some(2), t)
        .unwrap();
    s.plan_set_start(Some(Time::constant(7, 30, 0, 0)), t);
    s.phase_log.retain(|e| e.started <= at);
    if let Some(last) = s.phase_log.last_mut()
        && last.ended.is_some_and(|end| end > at)
    {
        last.ended = None;
    }
    s
}

fn board(lang: Lang, size: (u16, u16), at: &str, dir: &Path) -> App {
    board_with(lang, size, at, dir, Access::ReadOnly, |_| {})
}

/// [`board`], with the session changed by `edit` first.
fn board_with(
    lang: Lang,
    size: (u16, u16),
    at: &str,
    dir: &Path,
    access: Access,
    edit: impl Fn(&mut Session),
) -> App {
    let at: Timestamp = at.parse().unwrap();
    let prefs = Prefs {
        lang,
        theme: ThemeName::Default,
        projector: false,
    };
    let mut app = App::new(
        MethodLibrary::builtin(),
        prefs,
        "sessions".into(),
        Clock::fixed(at),
    );
    app.tz = jiff::tz::TimeZone::UTC;
    update(&mut app, Input::Resize(size.0, size.1));
    let mut session = planned_example(at);
    edit(&mut session);
    let path = dir.join(format!("{}.json", session.id));
    std::fs::write(&path, serde_json::to_vec_pretty(&session).unwrap()).unwrap();
    let open = open_file(&path, access).unwrap();
    update(
        &mut app,
        Input::Outcome(Outcome::Opened(Ok(Box::new(open)))),
    );
    app.prefs.lang = lang;
    app.flash = None;
    app
}

fn snapshot(name: &str, app: &App) {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    terminal.draw(|f| render(app, f)).unwrap();
    insta::assert_snapshot!(name, terminal.backend());
}

#[test]
fn during_the_day_the_board_says_how_far_behind_it_is() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, size) in [(Lang::Da, SIZES[0]), (Lang::En, SIZES[1])] {
        let tag = format!("{}x{}_{}", size.0, size.1, lang.code());
        // 09:40: the fantasy phase runs, begun after a long critique and
        // a short break.
        let mut app = board(lang, size, "2026-09-05T09:40:00Z", dir.path());
        snapshot(&format!("plan_board_{tag}"), &app);
        app.layers.push(Layer::Plan(PlanState { selected: 3 }));
        snapshot(&format!("plan_view_{tag}"), &app);
    }
}

#[test]
fn after_the_day_the_plan_view_shows_what_happened() {
    let dir = tempfile::tempdir().unwrap();
    for size in SIZES {
        let mut app = board(Lang::En, size, "2026-10-03T08:00:00Z", dir.path());
        app.layers.push(Layer::Plan(PlanState { selected: 0 }));
        snapshot(&format!("plan_after_{}x{}_en", size.0, size.1), &app);
    }
}

#[test]
fn an_empty_plan_offers_the_methods_phases_and_a_phase_of_any_method() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, size) in [(Lang::Da, SIZES[0]), (Lang::En, SIZES[1])] {
        let tag = format!("{}x{}_{}", size.0, size.1, lang.code());
        // Open for editing: a read-only board refuses `A` at once.
        let mut app = board_with(
            lang,
            size,
            "2026-10-03T08:00:00Z",
            dir.path(),
            Access::Edit,
            |s| s.plan = None,
        );
        app.layers.push(Layer::Plan(PlanState { selected: 0 }));
        snapshot(&format!("plan_empty_{tag}"), &app);
        // `A`: the methods, the board's own first.
        update(
            &mut app,
            Input::Command(sempre::tui::command::Command::PlanAddStep),
        );
        snapshot(&format!("plan_add_methods_{tag}"), &app);
    }
}

#[test]
fn a_read_only_board_refuses_a_new_step_before_any_menu() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = board_with(
        Lang::En,
        SIZES[0],
        "2026-10-03T08:00:00Z",
        dir.path(),
        Access::ReadOnly,
        |s| s.plan = None,
    );
    app.layers.push(Layer::Plan(PlanState { selected: 0 }));
    update(
        &mut app,
        Input::Command(sempre::tui::command::Command::PlanAddStep),
    );
    assert!(matches!(app.layers.last(), Some(Layer::Plan(_))), "no menu");
    let flash = app.flash.as_ref().unwrap();
    assert!(flash.error, "{}", flash.text);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no new session"
    );
}
