//! The room under a full workshop's load, over loopback: 60 phones send
//! 20 notes each at once while a real board (a Future Workshop in its
//! critique phase, drawn at 160×48 every tick) takes them into its queue.
//! Checks that no note is lost or doubled and that frames keep coming;
//! prints notes per second, the latency a phone waits for its answer and
//! the longest wait between two frames.
//!
//! `cargo bench --bench room`

#[path = "../tests/common/http.rs"]
mod http;

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr};
use std::time::{Duration, Instant};

use http::Browser;
use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sempre::i18n::Lang;
use sempre::methods::MethodLibrary;
use sempre::model::{Context, Session};
use sempre::room::{RoomLimits, RoomOptions};
use sempre::store::{Access, Store, open_file};
use sempre::tui::app::{App, Input, Outcome, Prefs, Screen, update};
use sempre::tui::clock::Clock;
use sempre::tui::perform;
use sempre::tui::render::render;
use sempre::tui::screens::board;
use sempre::tui::theme::ThemeName;

const PHONES: usize = 60;
const NOTES: usize = 20;
const TICK: Duration = Duration::from_millis(16);
/// The whole run gives up after this long.
const DEADLINE: Duration = Duration::from_secs(120);

/// One phone: joins, then sends its notes as fast as answers come,
/// trying again when the room is busy. Gives each note's latency.
fn phone(mut browser: Browser, base: String, p: usize, started: Instant) -> (Vec<Duration>, usize) {
    assert_eq!(browser.get(&base).status, 200);
    let mut latencies = Vec::with_capacity(NOTES);
    let mut retries = 0;
    for n in 0..NOTES {
        let text = format!("phone {p} note {n}");
        loop {
            assert!(started.elapsed() < DEADLINE, "the run took too long");
            let sent = Instant::now();
            let reply = browser.post(
                &format!("{base}/note"),
                &[("phase", "kritik"), ("zone", "kritik"), ("text", &text)],
            );
            match reply.status {
                303 => {
                    latencies.push(sent.elapsed());
                    break;
                }
                503 => {
                    retries += 1;
                    std::thread::sleep(TICK);
                }
                other => panic!("phone {p} note {n}: {other}\n{}", reply.body),
            }
        }
    }
    (latencies, retries)
}

/// A board on a Future Workshop in its critique phase, with the room
/// open on loopback and limits no workshop needs.
fn board_with_room(dir: &std::path::Path) -> (Store, App) {
    let library = MethodLibrary::builtin();
    let method = library.get("fremtidsvaerksted").expect("built in").clone();
    let t = Timestamp::UNIX_EPOCH;
    let mut session = Session::new(
        &method,
        Context {
            title: "Belastning".into(),
            language: Lang::Da,
            ..Default::default()
        },
        t,
    );
    session.start_phase(&method, "kritik", t).expect("a phase");
    let store = Store::new(dir);
    let path = store.create(&session).expect("saved");
    let prefs = Prefs {
        lang: Lang::Da,
        theme: ThemeName::Default,
        projector: false,
    };
    let mut app = App::new(library, prefs, "sessions".into(), Clock::fixed(t));
    update(&mut app, Input::Resize(160, 48));
    let open = open_file(&path, Access::Edit).expect("opens");
    update(
        &mut app,
        Input::Outcome(Outcome::Opened(Ok(Box::new(open)))),
    );
    if let Screen::Board(b) = &mut app.screen {
        b.room.options = RoomOptions {
            bind: Some(IpAddr::V4(Ipv4Addr::LOCALHOST)),
            port: None,
        };
        b.room.limits = RoomLimits {
            notes_per_minute: 100_000,
            requests_per_minute: 1_000_000,
            ..RoomLimits::default()
        };
    }
    let effects = board::open_room(&mut app);
    perform(&mut app, &store, effects);
    (store, app)
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, mut app) = board_with_room(dir.path());
    let (url, address) = {
        let b = app.board().expect("a board");
        let join = b.room.join.as_ref().expect("the room is open");
        (
            join.url.clone(),
            b.room.room.as_ref().expect("open").address(),
        )
    };
    let base = url
        .split_once(&address.to_string())
        .map(|(_, path)| path.to_string())
        .expect("a path");
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("test backend");

    let started = Instant::now();
    let phones: Vec<_> = (0..PHONES)
        .map(|p| {
            let browser = Browser::new(address);
            let base = base.clone();
            std::thread::spawn(move || phone(browser, base, p, started))
        })
        .collect();

    // The board's event loop: each tick takes in what arrived and draws.
    let queued = |app: &App| app.board().map_or(0, |b| b.room.queue.len());
    let mut frames = 0usize;
    let mut longest_gap = Duration::ZERO;
    let mut last_frame = Instant::now();
    while queued(&app) < PHONES * NOTES && started.elapsed() < DEADLINE {
        std::thread::sleep(TICK);
        let effects = board::tick(&mut app);
        perform(&mut app, &store, effects);
        terminal.draw(|f| render(&app, f)).expect("draws");
        frames += 1;
        longest_gap = longest_gap.max(last_frame.elapsed());
        last_frame = Instant::now();
    }
    let elapsed = started.elapsed();

    let mut latencies = Vec::new();
    let mut retries = 0;
    for handle in phones {
        let (l, r) = handle.join().expect("a phone thread");
        latencies.extend(l);
        retries += r;
    }
    let b = app.board().expect("a board");
    let texts: HashSet<&str> = b.room.queue.iter().map(|n| n.text.as_str()).collect();
    let ids: HashSet<_> = b.room.queue.iter().map(|n| n.id).collect();
    assert_eq!(b.room.queue.len(), PHONES * NOTES, "a note lost");
    assert_eq!(texts.len(), PHONES * NOTES, "a note doubled");
    assert_eq!(ids.len(), PHONES * NOTES, "a note id doubled");
    for p in 0..PHONES {
        for n in 0..NOTES {
            assert!(
                texts.contains(format!("phone {p} note {n}").as_str()),
                "lost: phone {p} note {n}"
            );
        }
    }

    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)];
    println!(
        "room: {PHONES} phones x {NOTES} notes = {} notes into the board's queue in {:.2?} ({:.0} notes/s), none lost or doubled",
        texts.len(),
        elapsed,
        texts.len() as f64 / elapsed.as_secs_f64()
    );
    println!(
        "latency p50 {:.2?}, p99 {:.2?}, max {:.2?}; {retries} busy answers retried",
        at(0.5),
        at(0.99),
        at(1.0),
    );
    println!(
        "board: {frames} frames at 160x48 drawn while the notes came, the longest wait between two {longest_gap:.2?} (tick {TICK:?})"
    );
}
