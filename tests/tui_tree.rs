//! The tree on the board, driven headlessly through the real keymap: the
//! focused card is on screen wherever the arrow keys take it, however the
//! tree has to be drawn to fit; and `A` on a solution card puts the owner
//! of its watering can on the card.

#![allow(clippy::unwrap_used)]

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use sempre::model::Session;
use sempre::tui::app::{Input, Screen};
use sempre::tui::command::Command;
use unicode_width::UnicodeWidthStr;

mod headless;
mod trees;
use headless::Harness;

/// `session` opened on the board of a terminal of `size`, with the
/// guidance panel shown or not.
fn board(session: &Session, size: (u16, u16), guidance: bool) -> Harness {
    let mut h = Harness::new();
    h.input(Input::Resize(size.0, size.1));
    h.store.create(session).unwrap();
    h.cmd(Command::Reload);
    h.cmd(Command::Open);
    assert!(matches!(h.app.screen, Screen::Board(_)), "board opened");
    if h.board().guidance != guidance {
        h.cmd(Command::ToggleGuidance);
    }
    h
}

/// An arrow key, as the terminal sends it.
fn arrow(h: &mut Harness, code: KeyCode) {
    let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(input) = sempre::tui::translate(&h.app, event) {
        h.input(input);
    }
}

/// The screen as it reads: the cell a wide symbol covers is skipped.
fn visible(h: &Harness) -> String {
    let terminal = h.draw();
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for y in 0..buffer.area.height {
        let mut x = 0;
        while x < buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            text.push_str(symbol);
            x += (symbol.width() as u16).max(1);
        }
        text.push('\n');
    }
    text
}

fn focused_text(h: &Harness) -> String {
    let b = h.board();
    let id = b.focused_note().unwrap();
    b.session().note(id).unwrap().text.clone()
}

#[test]
fn the_focused_cause_is_on_screen_wherever_the_arrows_take_it() {
    let session = trees::problem_tree(sempre::i18n::Lang::Da);
    let top: Vec<&str> = [
        "Pengene slår",
        "Jeg er alene",
        "Jeg sover",
        "Sund mad",
        "Bussen kører",
        "Jeg føler mig",
    ]
    .to_vec();
    for size in [(80, 24), (120, 40), (160, 48)] {
        for guidance in [false, true] {
            let mut h = board(&session, size, guidance);
            let mut reached: Vec<String> = Vec::new();
            for key in [KeyCode::Down, KeyCode::Right] {
                h.focus_text("Pengene slår");
                for _ in 0..16 {
                    let text = focused_text(&h);
                    let first = text.split_whitespace().next().unwrap();
                    let screen = visible(&h);
                    // The focus marker sits right before the card's colour.
                    assert!(
                        screen.contains(&format!("▶♥ {first}")),
                        "{text:?} not shown at {size:?}, guidance {guidance}:\n{screen}"
                    );
                    reached.push(text);
                    arrow(&mut h, key);
                    // Past the last cause, focus leaves the roots.
                    let b = h.board();
                    let zone = &b.session().note(b.focused_note().unwrap()).unwrap().zone;
                    if zone != "aarsager" {
                        break;
                    }
                }
            }
            for cause in &top {
                assert!(
                    reached.iter().any(|r| r.starts_with(cause)),
                    "{cause} never reached at {size:?}, guidance {guidance}: {reached:?}"
                );
            }
        }
    }
}

#[test]
fn an_action_made_with_a_on_a_solution_card_shows_its_owner_there() {
    let mut h = board(
        &trees::solution_tree(sempre::i18n::Lang::Da),
        (160, 48),
        true,
    );
    h.focus_text("Økonomien hænger sammen");
    assert!(!visible(&h).contains("🚿 Kim"));
    h.press('A');
    h.fill(&["Søger om boligstøtte", "Kim", ""]);
    let on_disk = h.on_disk();
    assert!(
        on_disk
            .actions
            .iter()
            .any(|a| a.owner.as_deref() == Some("Kim"))
    );
    let screen = visible(&h);
    assert!(screen.contains("🚿 Kim"), "{screen}");
    // The owners already agreed stay shown, the private one too, off the
    // projector.
    assert!(
        screen.contains("🚿 Amal") && screen.contains("🚿 Louise"),
        "{screen}"
    );
    h.cmd(Command::ToggleProjector);
    let wall = visible(&h);
    assert!(
        wall.contains("🚿 Kim") && !wall.contains("Louise"),
        "{wall}"
    );
}
