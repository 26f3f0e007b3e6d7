//! Control characters typed or pasted into the real program in a
//! pseudo-terminal never reach the session file (nor the screen).

#![allow(clippy::unwrap_used)]

mod common;

use common::{CTRL_S, ENTER, Tty, only_session, store};

const PASTE_START: &str = "\x1b[200~";
const PASTE_END: &str = "\x1b[201~";

fn paste(tty: &mut Tty, text: &str) {
    tty.send(&format!("{PASTE_START}{text}{PASTE_END}"));
}

#[test]
fn pasted_and_typed_control_characters_are_dropped() {
    let (_dir, store) = store();
    let mut tty = Tty::spawn(&store, &[]);
    tty.wait_for(&["Ingen sessioner endnu"]);
    tty.send("n");
    tty.wait_for(&["Ny session"]);
    // A form field: the title, pasted with a window-title sequence.
    paste(&mut tty, "Møde\x1b]0;pwned\x07 i dag");
    tty.wait_for(&["Møde]0;pwned i dag"]);
    tty.send(CTRL_S);
    tty.wait_for(&["Kritik (0)"]);
    // The note editor: a pasted bell, C1 introducer and override, and a
    // C1 character typed as a key.
    tty.send("a");
    tty.wait_for(&["Ny seddel"]);
    paste(&mut tty, "før\x07\u{9b}31m efter\u{202e}x");
    tty.send("\u{9b}");
    tty.type_text("slut");
    tty.send(ENTER);
    tty.wait_gone("Ny seddel");
    tty.wait_for(&["Kritik (1)"]);
    tty.send("q");
    tty.wait_for(&["Sessioner"]);
    tty.send("q");
    tty.wait_exit();

    let session = only_session(&store);
    assert_eq!(session["context"]["title"], "Møde]0;pwned i dag");
    let text = session["notes"][0]["text"].as_str().unwrap();
    assert_eq!(text, "før31m efter\u{202e}xslut");
}

mod headless;

#[test]
fn the_terminal_edge_drops_control_characters_before_any_screen_sees_them() {
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    use sempre::tui::app::Input;
    use sempre::tui::command::Command;
    use sempre::tui::translate;

    let mut h = headless::Harness::new().new_session("fremtidsvaerksted", "Møde");
    h.cmd(Command::AddNote);
    let pasted = translate(&h.app, Event::Paste("a\x1b]0;x\x07\r\nb\u{9b}\tc".into()));
    assert!(
        matches!(&pasted, Some(Input::Paste(t)) if t == "a]0;x\nb\tc"),
        "{pasted:?}"
    );
    for c in ['\u{9b}', '\u{7}', '\u{1b}', '\u{7f}'] {
        let key = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        assert!(translate(&h.app, key).is_none(), "{c:?} was let through");
    }
}
