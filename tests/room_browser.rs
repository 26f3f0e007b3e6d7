//! A participant's phone, played by a real browser: headless Chromium
//! opens the room's page from the board's address, writes a note in
//! Danish, chooses to be anonymous, and sends it; the note arrives in the
//! board's queue, not on the wall, and the page never repeats it.

#![allow(clippy::unwrap_used)]

#[path = "common/browser.rs"]
mod browser;
mod headless;

use std::net::{IpAddr, Ipv4Addr};
use std::time::{Duration, Instant};

use headless::Harness;
use sempre::room::RoomOptions;
use sempre::tui::app::Screen;
use sempre::tui::command::Command;
use sempre::tui::screens::board::{self, BoardState};
use sempre::tui::{perform, settle};

fn board_mut(h: &mut Harness) -> &mut BoardState {
    match &mut h.app.screen {
        Screen::Board(b) => b,
        _ => panic!("no board"),
    }
}

#[test]
fn a_phone_browser_sends_a_note_into_the_boards_queue() {
    if browser::chromium().is_none() {
        assert!(std::env::var_os("CI").is_none(), "Chromium is needed in CI");
        eprintln!("no Chromium: skipped");
        return;
    }
    let mut h = Harness::new().new_session("fremtidsvaerksted", "Værkstedet");
    h.cmd(Command::NextPhase);
    h.cmd(Command::NextPhase);
    assert_eq!(h.board().session().current_phase(), Some("kritik"));
    // On loopback, so the test needs no network.
    board_mut(&mut h).room.options = RoomOptions {
        bind: Some(IpAddr::V4(Ipv4Addr::LOCALHOST)),
        port: None,
    };
    let effects = board::open_room(&mut h.app);
    perform(&mut h.app, &h.store, effects);
    let url = h
        .board()
        .room
        .join
        .as_ref()
        .expect("the room is open")
        .url
        .clone();

    let mut phone = browser::Browser::start("da");
    phone.open(&url);
    let page = phone.text();
    assert!(page.contains("Værkstedet"), "{page}");
    assert!(page.contains("Kritik"), "the phase, in Danish: {page}");
    phone.type_into(
        "#text",
        "Der er for langt til lægen, når bussen kun kører hver anden time",
    );
    phone.submit("button[type=submit]");
    let thanks = phone.text();
    assert!(
        !thanks.contains("lægen"),
        "the reply never repeats the words: {thanks}"
    );

    // The board takes it in on its next ticks.
    let deadline = Instant::now() + Duration::from_secs(30);
    while h.board().room.queue.is_empty() {
        assert!(
            Instant::now() < deadline,
            "the note never reached the queue"
        );
        let effects = board::tick(&mut h.app);
        perform(&mut h.app, &h.store, effects);
        std::thread::sleep(Duration::from_millis(20));
    }
    settle(&mut h.app, &h.store);
    let queued = &h.board().room.queue[0];
    assert_eq!(
        queued.text,
        "Der er for langt til lægen, når bussen kun kører hver anden time"
    );
    assert_eq!(queued.pseudonym, None, "anonymous unless a name is given");
    assert_eq!(queued.zone, "kritik");
    assert!(!queued.private);
    assert!(
        !h.on_disk().notes.iter().any(|n| n.text.contains("lægen")),
        "nothing reaches the wall or the file before the facilitator says so"
    );
    assert!(h.screen_text().contains("1 waiting"), "{}", h.screen_text());
}
