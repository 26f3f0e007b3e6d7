//! Phones in the room, on the board: what phones send is fed to the board
//! as the event loop would (no server needed), and the facilitator
//! decides what reaches the wall and the session file.

#![allow(clippy::unwrap_used)]

mod headless;

use headless::Harness;
use jiff::Timestamp;
use sempre::model::NoteSource;
use sempre::room::{Arrival, PhoneId, PhoneNote, PhoneVotes, RoomOptions};
use sempre::tui::app::Screen;
use sempre::tui::command::Command;
use sempre::tui::layers::{ConfirmAction, Layer, QueueState};
use sempre::tui::screens::board::{self, BoardState, Join};
use sempre::tui::{perform, settle};
use uuid::Uuid;

/// A Future Workshop in its critique phase (writing and voting).
fn critique() -> Harness {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "Værkstedet");
    h.cmd(Command::NextPhase);
    h.cmd(Command::NextPhase);
    assert_eq!(h.board().session().current_phase(), Some("kritik"));
    h
}

fn board_mut(h: &mut Harness) -> &mut BoardState {
    match &mut h.app.screen {
        Screen::Board(b) => b,
        _ => panic!("no board"),
    }
}

/// Opens the room as far as the board can see: how to join, no server.
fn fake_open(h: &mut Harness) {
    let b = board_mut(h);
    b.room.join = Some(Join {
        url: "http://192.168.1.23:8123/r/token".into(),
        address: "http://192.168.1.23:8123".into(),
        code: "K7PX2Q".into(),
        qr: Vec::new(),
    });
    b.room.panel = true;
}

fn note(text: &str, pseudonym: Option<&str>, private: bool, phone: u64) -> PhoneNote {
    PhoneNote {
        id: Uuid::new_v4(),
        phone: PhoneId(phone),
        zone: "kritik".into(),
        text: text.into(),
        pseudonym: pseudonym.map(str::to_string),
        private,
        phase: Some("kritik".into()),
        received: Timestamp::from_second(1_790_000_000).unwrap(),
    }
}

/// Feeds an arrival to the board and does what it asks, as a tick would.
fn arrive(h: &mut Harness, arrival: Arrival) {
    let effects = board::arrived(&mut h.app, arrival);
    perform(&mut h.app, &h.store, effects);
    settle(&mut h.app, &h.store);
}

fn queued(h: &Harness) -> Vec<String> {
    h.board()
        .room
        .queue
        .iter()
        .map(|n| n.text.clone())
        .collect()
}

fn file_text(h: &Harness) -> String {
    std::fs::read_to_string(h.board().open.path()).unwrap()
}

#[test]
fn notes_from_phones_wait_in_the_queue_and_the_header_counts_them() {
    let mut h = critique();
    fake_open(&mut h);
    assert!(h.screen_text().contains("open"), "{}", h.screen_text());
    arrive(&mut h, Arrival::Note(note("Ingen tid", None, false, 1)));
    arrive(&mut h, Arrival::Note(note("Dyre busser", None, false, 2)));
    assert_eq!(queued(&h), ["Ingen tid", "Dyre busser"]);
    let screen = h.screen_text();
    assert!(screen.contains("2 waiting"), "{screen}");
    // Waiting is not on the wall, nor in the file.
    assert!(h.board().session().notes.is_empty());
    assert!(!file_text(&h).contains("Ingen tid"));
}

#[test]
fn the_projector_never_shows_queued_words_nor_the_queue() {
    let mut h = critique();
    fake_open(&mut h);
    arrive(
        &mut h,
        Arrival::Note(note("Hemmelig tekst", None, false, 1)),
    );
    h.cmd(Command::Queue);
    assert!(h.screen_text().contains("Hemmelig tekst"));
    h.cmd(Command::Back);
    h.cmd(Command::ToggleProjector);
    let screen = h.screen_text();
    assert!(!screen.contains("Hemmelig"), "{screen}");
    assert!(screen.contains("1 waiting"), "the count, never the words");
    // The queue does not open on the projector ...
    h.cmd(Command::Queue);
    assert!(h.app.layers.is_empty());
    assert!(h.flash().contains("projector"), "{}", h.flash());
    // ... and were it open underneath, it is not drawn there.
    h.app.layers.push(Layer::Queue(QueueState::default()));
    assert!(!h.screen_text().contains("Hemmelig"));
}

#[test]
fn approving_makes_an_ordinary_note_from_a_phone() {
    let mut h = critique();
    let sent = note("For lidt tid", Some("Amal"), true, 1);
    let id = sent.id;
    arrive(&mut h, Arrival::Note(sent));
    h.cmd(Command::Queue);
    h.cmd(Command::Approve);
    assert!(queued(&h).is_empty());
    let saved = h.saved("For lidt tid");
    assert_eq!(saved.id, id, "the queue's id is the note's");
    assert_eq!(saved.author.as_deref(), Some("Amal"));
    assert_eq!(saved.phase.as_deref(), Some("kritik"));
    assert!(saved.private);
    assert_eq!(saved.source, Some(NoteSource::Phone));
    assert_eq!(saved.role, None);
    assert!(file_text(&h).contains("\"source\": \"phone\""));
    // Undone like a typed note.
    h.cmd(Command::Back);
    h.cmd(Command::Undo);
    assert!(h.on_disk().notes.is_empty());
}

#[test]
fn a_rejected_note_is_gone_and_never_saved() {
    let mut h = critique();
    arrive(&mut h, Arrival::Note(note("Noget grimt", None, false, 1)));
    arrive(&mut h, Arrival::Note(note("Noget godt", None, false, 1)));
    h.cmd(Command::Queue);
    h.cmd(Command::Remove);
    assert_eq!(queued(&h), ["Noget godt"]);
    h.cmd(Command::Approve);
    assert!(!file_text(&h).contains("Noget grimt"));
    assert_eq!(h.texts("kritik"), ["Noget godt"]);
}

#[test]
fn duplicates_merge_into_one_note() {
    let mut h = critique();
    arrive(
        &mut h,
        Arrival::Note(note("Ingen tid", Some("Amal"), false, 1)),
    );
    arrive(&mut h, Arrival::Note(note("Alt for travlt", None, true, 2)));
    arrive(&mut h, Arrival::Note(note("Dyre busser", None, false, 3)));
    h.cmd(Command::Queue);
    // With nothing marked, m says how.
    h.cmd(Command::MergeQueued);
    assert_eq!(queued(&h).len(), 3);
    h.cmd(Command::Mark);
    h.cmd(Command::Down);
    h.cmd(Command::MergeQueued);
    assert_eq!(queued(&h), ["Alt for travlt\nIngen tid", "Dyre busser"]);
    let merged = &h.board().room.queue[0];
    assert!(merged.private, "private if any of them was");
    assert_eq!(merged.pseudonym.as_deref(), Some("Amal"));
    h.cmd(Command::Up);
    h.cmd(Command::Approve);
    assert_eq!(h.saved("Alt for travlt").text, "Alt for travlt\nIngen tid");
}

#[test]
fn reveal_all_puts_every_waiting_note_on_the_wall() {
    let mut h = critique();
    for (i, text) in ["En", "To", "Tre"].iter().enumerate() {
        arrive(&mut h, Arrival::Note(note(text, None, false, i as u64)));
    }
    h.cmd(Command::Queue);
    h.cmd(Command::ApproveAll);
    assert!(queued(&h).is_empty());
    assert_eq!(h.texts("kritik"), ["En", "To", "Tre"]);
    assert!(
        h.on_disk()
            .notes
            .iter()
            .all(|n| n.source == Some(NoteSource::Phone))
    );
}

#[test]
fn with_accept_all_a_note_goes_on_the_wall_at_once() {
    let mut h = critique();
    board_mut(&mut h).room.accept_all = true;
    arrive(&mut h, Arrival::Note(note("Straks", None, false, 1)));
    assert!(queued(&h).is_empty());
    assert_eq!(h.texts("kritik"), ["Straks"]);
}

#[test]
fn votes_from_phones_are_dots_per_phone() {
    let mut h = critique();
    h.note("Ingen tid");
    h.note("Dyre busser");
    let a = h.saved("Ingen tid").id;
    let b = h.saved("Dyre busser").id;
    let votes = |phone, pseudonym: Option<&str>, dots: Vec<(Uuid, u32)>| {
        Arrival::Votes(PhoneVotes {
            phone: PhoneId(phone),
            pseudonym: pseudonym.map(str::to_string),
            phase: "kritik".into(),
            dots,
        })
    };
    arrive(
        &mut h,
        votes(77, None, vec![(a, 2), (b, 1), (Uuid::new_v4(), 5)]),
    );
    arrive(&mut h, votes(12, Some("Amal"), vec![(b, 3)]));
    let dots = |h: &Harness, voter: &str, note: Uuid| -> u32 {
        h.on_disk()
            .votes
            .iter()
            .filter(|v| v.note == note && v.voter.as_deref() == Some(voter))
            .map(|v| v.dots)
            .sum()
    };
    assert_eq!(dots(&h, "Phone 1", a), 2);
    assert_eq!(dots(&h, "Phone 1", b), 1);
    assert_eq!(dots(&h, "Amal", b), 3);
    // A phone's new dots replace its old ones in the round.
    arrive(&mut h, votes(77, None, vec![(b, 3)]));
    assert_eq!(dots(&h, "Phone 1", a), 0);
    assert_eq!(dots(&h, "Phone 1", b), 3);
    assert_eq!(h.on_disk().votes.len(), 2, "the unknown note got nothing");
    // After the room closed and opened again, a new phone never adds to
    // an earlier phone's dots.
    board_mut(&mut h).room.close();
    arrive(&mut h, votes(99, None, vec![(a, 1)]));
    assert_eq!(dots(&h, "Phone 2", a), 1);
    assert_eq!(dots(&h, "Phone 1", b), 3);
}

#[test]
fn private_notes_never_reach_the_phones() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "Værkstedet");
    assert!(board::prompt(h.board()).phase.is_none());
    h.cmd(Command::NextPhase);
    h.cmd(Command::NextPhase);
    h.note("Offentlig");
    h.note("Kun for mig");
    h.focus_text("Kun for mig");
    h.cmd(Command::TogglePrivate);
    let prompt = board::prompt(h.board());
    assert_eq!(prompt.title, "Værkstedet");
    let phase = prompt.phase.unwrap();
    assert_eq!(phase.id, "kritik");
    assert_eq!(phase.zones.len(), 1);
    assert_eq!(phase.zones[0].id, "kritik");
    let voting = phase.voting.unwrap();
    assert_eq!(voting.budget, board::PHONE_DOTS);
    let texts: Vec<&str> = voting.candidates.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, ["Offentlig"]);
    // Votes for a private note are refused too.
    let private = h.saved("Kun for mig").id;
    arrive(
        &mut h,
        Arrival::Votes(PhoneVotes {
            phone: PhoneId(1),
            pseudonym: None,
            phase: "kritik".into(),
            dots: vec![(private, 3)],
        }),
    );
    assert!(h.on_disk().votes.is_empty());
}

#[test]
fn closing_the_board_with_notes_waiting_asks_first() {
    let mut h = critique();
    arrive(&mut h, Arrival::Note(note("Vent på mig", None, false, 1)));
    h.cmd(Command::Quit);
    assert!(matches!(
        h.app.layers.last(),
        Some(Layer::Confirm(c)) if c.action == ConfirmAction::CloseQueued { quit: false, waiting: 1 }
    ));
    let screen = h.screen_text();
    assert!(screen.contains("1 note from phones"), "{screen}");
    h.cmd(Command::No);
    assert!(matches!(h.app.screen, Screen::Board(_)));
    assert_eq!(queued(&h), ["Vent på mig"]);
    h.cmd(Command::Quit);
    h.cmd(Command::Yes);
    assert!(matches!(h.app.screen, Screen::Home(_)), "closed");
}

#[test]
fn a_room_that_cannot_open_says_why_in_one_sentence_and_changes_nothing() {
    let mut h = critique();
    h.note("Før");
    let before = h.on_disk();
    // An address no machine here has: refused today and once the server
    // is built.
    board_mut(&mut h).room.options = RoomOptions {
        bind: Some("192.0.2.1".parse().unwrap()),
        port: Some(9),
    };
    h.cmd(Command::ToggleRoom);
    let flash = h.flash();
    assert!(h.app.flash.as_ref().unwrap().error, "{flash}");
    assert!(flash.ends_with('.') && !flash.contains('\n'), "{flash}");
    assert_eq!(flash.matches(". ").count(), 0, "one sentence: {flash}");
    let b = h.board();
    assert!(!b.room.is_open() && b.room.room.is_none() && !b.room.panel);
    assert_eq!(h.on_disk(), before);
    assert!(!h.screen_text().contains("Join from your phone"));
}

#[test]
fn the_join_panel_shows_the_address_and_code_and_hides_with_its_key() {
    let mut h = critique();
    fake_open(&mut h);
    let screen = h.screen_text();
    assert!(screen.contains("K7PX2Q"), "{screen}");
    assert!(screen.contains("http://192.168.1.23:8123"), "{screen}");
    h.cmd(Command::JoinPanel);
    assert!(!h.screen_text().contains("K7PX2Q"));
    h.cmd(Command::JoinPanel);
    assert!(h.screen_text().contains("K7PX2Q"));
}

#[test]
fn each_tick_takes_in_a_bounded_number_of_arrivals_without_waiting() {
    let mut h = critique();
    fake_open(&mut h);
    let (tx, rx) = std::sync::mpsc::sync_channel(1000);
    board_mut(&mut h).room.arrivals = Some(rx);
    // Nothing sent: the tick does not wait.
    h.input(sempre::tui::app::Input::Tick);
    assert!(queued(&h).is_empty());
    for i in 0..250 {
        tx.send(Arrival::Note(note(&format!("Note {i}"), None, false, i)))
            .unwrap();
    }
    h.input(sempre::tui::app::Input::Tick);
    assert_eq!(queued(&h).len(), board::ARRIVALS_PER_TICK);
    h.input(sempre::tui::app::Input::Tick);
    assert_eq!(queued(&h).len(), 250);
    // The server gone: the room closes, the queue stays.
    drop(tx);
    h.input(sempre::tui::app::Input::Tick);
    assert!(!h.board().room.is_open());
    assert_eq!(queued(&h).len(), 250);
}

#[test]
fn sempre_show_says_a_note_came_from_a_phone() {
    let mut h = critique();
    arrive(&mut h, Arrival::Note(note("Fra lommen", None, false, 1)));
    h.cmd(Command::Queue);
    h.cmd(Command::Approve);
    let path = h.board().open.path().to_path_buf();
    let out = assert_cmd::Command::cargo_bin("sempre")
        .unwrap()
        .args(["--lang", "en", "show"])
        .arg(&path)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Fra lommen"), "{text}");
    assert!(text.contains("📱 from a phone"), "{text}");
}

#[test]
fn editing_a_queued_note_opens_the_note_editor_then_puts_it_on_the_wall() {
    let mut h = critique();
    arrive(
        &mut h,
        Arrival::Note(note("Stavefjel", Some("Amal"), false, 1)),
    );
    h.cmd(Command::Queue);
    h.cmd(Command::EditNote);
    assert!(matches!(h.app.layers.last(), Some(Layer::Editor(_))));
    h.typed(" rettet");
    h.cmd(Command::Submit);
    assert!(queued(&h).is_empty());
    let saved = h.saved("Stavefjel");
    assert_eq!(saved.text, "Stavefjel rettet");
    assert_eq!(saved.author.as_deref(), Some("Amal"));
    assert!(
        matches!(h.app.layers.last(), Some(Layer::Queue(_))),
        "back in the queue"
    );
}

#[test]
fn carrying_forward_waits_until_the_queue_is_empty() {
    let mut h = critique();
    fake_open(&mut h);
    h.note("på tavlen");
    arrive(
        &mut h,
        Arrival::Note(note("fra en telefon", None, false, 1)),
    );
    let layers = h.app.layers.len();
    h.cmd(Command::CarryForward);
    assert_eq!(h.app.layers.len(), layers, "no carry menu while notes wait");
    assert!(h.flash().contains("1"), "{}", h.flash());
    assert_eq!(queued(&h), ["fra en telefon"], "the queue is kept");
}

/// The QR code is drawn dark on light in every theme, so a phone's camera
/// reads it also on a dark projector theme.
#[test]
fn the_qr_code_is_dark_on_light_whatever_the_theme() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::style::Color;
    let mut h = critique();
    h.input(sempre::tui::app::Input::Resize(160, 48));
    fake_open(&mut h);
    let url = "http://192.168.1.23:8123/r/0123456789abcdef0123456789abcdef";
    board_mut(&mut h).room.join.as_mut().unwrap().qr = sempre::room::qr::lines(url, false);
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    terminal
        .draw(|f| sempre::tui::render::render(&h.app, f))
        .unwrap();
    let buffer = terminal.backend().buffer();
    // Below the header (whose clock is drawn in the same blocks).
    let inked: Vec<_> = (5..48)
        .flat_map(|y| (0..160).map(move |x| (x, y)))
        .map(|(x, y)| &buffer[(x, y)])
        .filter(|c| matches!(c.symbol(), "█" | "▀" | "▄"))
        .collect();
    assert!(inked.len() > 100, "the QR code is on the board");
    for cell in inked {
        assert_eq!((cell.fg, cell.bg), (Color::Black, Color::White));
    }
}
