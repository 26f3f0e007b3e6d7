//! The board with the room open: how to join at 80×24 (address and code)
//! and 160×48 (with the QR code), and the queue of notes from phones.
//! The QR code is a fixed stand-in, so the snapshots do not change with
//! the encoder. Review changes with
//! `INSTA_UPDATE=always cargo test --test snapshots_room`.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sempre::i18n::Lang;
use sempre::methods::MethodLibrary;
use sempre::room::{PhoneId, PhoneNote};
use sempre::store::{Access, open_file};
use sempre::tui::app::{App, Input, Outcome, Prefs, Screen, update};
use sempre::tui::clock::Clock;
use sempre::tui::layers::{Layer, QueueState};
use sempre::tui::render::render;
use sempre::tui::screens::board::Join;
use sempre::tui::theme::ThemeName;
use uuid::Uuid;

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

/// A stand-in for a QR code of 33 modules: 17 lines of half blocks, with
/// the quiet zone.
fn fake_qr() -> Vec<String> {
    (0..17)
        .map(|row: usize| {
            (0..37)
                .map(|col: usize| match (row * 7 + col * 3) % 4 {
                    0 => '█',
                    1 => '▀',
                    2 => '▄',
                    _ => ' ',
                })
                .collect()
        })
        .collect()
}

fn board(lang: Lang, size: (u16, u16)) -> App {
    let prefs = Prefs {
        lang,
        theme: ThemeName::Default,
        projector: false,
    };
    let clock = Clock::fixed("2026-11-23T09:00:00Z".parse::<Timestamp>().unwrap());
    let mut app = App::new(MethodLibrary::builtin(), prefs, "sessions".into(), clock);
    app.tz = jiff::tz::TimeZone::UTC;
    update(&mut app, Input::Resize(size.0, size.1));
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/example-fremtidsvaerksted.json");
    let open = open_file(&path, Access::ReadOnly).unwrap();
    update(
        &mut app,
        Input::Outcome(Outcome::Opened(Ok(Box::new(open)))),
    );
    app.prefs.lang = lang;
    app.flash = None;
    if let Screen::Board(b) = &mut app.screen {
        b.room.join = Some(Join {
            url: "http://192.168.1.23:8123/r/Zq8x2LmP4tVb9WcRk3Hd".into(),
            address: "http://192.168.1.23:8123".into(),
            code: "K7PX2Q".into(),
            qr: fake_qr(),
        });
        b.room.panel = true;
        for (i, (text, who, private)) in [
            ("Ingen tid til børnene om aftenen", Some("Amal"), false),
            ("Bussen kører for sjældent", None, true),
        ]
        .into_iter()
        .enumerate()
        {
            b.room.queue.push(PhoneNote {
                id: Uuid::from_u128(i as u128 + 1),
                phone: PhoneId(i as u64),
                zone: "kritik".into(),
                text: text.into(),
                pseudonym: who.map(str::to_string),
                private,
                phase: Some("kritik".into()),
                received: Timestamp::from_second(1_790_000_000).unwrap(),
            });
        }
    }
    app
}

fn snapshot(name: &str, app: &App) {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    terminal.draw(|f| render(app, f)).unwrap();
    insta::assert_snapshot!(name, terminal.backend());
}

#[test]
fn the_room_open_on_the_board() {
    for lang in Lang::ALL {
        for size in SIZES {
            let tag = format!("{}x{}_{}", size.0, size.1, lang.code());
            let mut app = board(lang, size);
            snapshot(&format!("room_join_{tag}"), &app);
            app.prefs.projector = true;
            if let Screen::Board(b) = &mut app.screen {
                b.reindex(&app.prefs);
            }
            snapshot(&format!("room_projector_{tag}"), &app);
        }
    }
}

#[test]
fn the_queue_of_notes_from_phones() {
    for size in SIZES {
        let mut app = board(Lang::En, size);
        if let Screen::Board(b) = &mut app.screen {
            b.room.panel = false;
        }
        app.layers.push(Layer::Queue(QueueState {
            selected: 1,
            marked: vec![Uuid::from_u128(1)],
        }));
        snapshot(&format!("room_queue_{}x{}_en", size.0, size.1), &app);
    }
}
