//! Fewer keystrokes in front of the group, pressed through the real
//! keymap: the picker for where a card hangs (tree order, type to narrow,
//! focus kept), Ctrl+U and Ctrl+W in one-line fields with the cursor drawn
//! where it is, the help overlay's PgUp/PgDn, the marked focused note, and
//! the problem tree's focus questions.

#![allow(clippy::unwrap_used)]

mod headless;

use headless::Harness;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use sempre::tui::app::{Input, Screen};
use sempre::tui::command::Command;
use sempre::tui::layers::Layer;
use sempre::tui::translate;

/// Presses a key as the terminal sends it, through the keymap.
fn key(h: &mut Harness, code: KeyCode, mods: KeyModifiers) {
    let event = Event::Key(KeyEvent::new(code, mods));
    if let Some(input) = translate(&h.app, event) {
        h.input(input);
    }
}

fn ctrl(h: &mut Harness, c: char) {
    key(h, KeyCode::Char(c), KeyModifiers::CONTROL);
}

fn plain(h: &mut Harness, code: KeyCode) {
    key(h, code, KeyModifiers::NONE);
}

/// Types text key by key through the keymap.
fn type_keys(h: &mut Harness, text: &str) {
    for c in text.chars() {
        h.press(c);
    }
}

fn menu(h: &Harness) -> &sempre::tui::layers::MenuState {
    match h.app.layers.last() {
        Some(Layer::Menu(m)) => m,
        other => panic!("no menu open: {other:?}"),
    }
}

/// The labels the open menu shows, in order.
fn shown(h: &Harness) -> Vec<String> {
    let m = menu(h);
    m.shown.iter().map(|i| m.items[*i].label.clone()).collect()
}

fn form_text(h: &Harness) -> String {
    match h.app.layers.last() {
        Some(Layer::Form(f)) => f.values()[f.focus].clone(),
        other => panic!("no form open: {other:?}"),
    }
}

fn focused_text(h: &Harness) -> String {
    let b = h.board();
    b.focused_index()
        .map(|i| b.session().notes[i].text.clone())
        .unwrap_or_default()
}

/// A problem tree with a core problem and causes two levels deep, focus on
/// the roots.
fn tree() -> Harness {
    let mut h = Harness::new().new_session("problemtrae", "Sundhed");
    h.cmd(Command::NextPhase);
    h.cmd(Command::NextPhase);
    h.note("Intet overskud");
    h.cmd(Command::FocusDown);
    h.note("Lav indkomst");
    h.note("Gæld efter skilsmissen");
    h.note("Deltidsjob");
    h.press('i');
    type_keys(&mut h, "lav");
    plain(&mut h, KeyCode::Enter);
    h
}

#[test]
fn the_picker_is_the_tree_in_order_and_narrows_as_you_type() {
    let mut h = tree();
    let s = h.on_disk();
    assert_eq!(
        s.tree_parent(&h.board().method, h.saved("Deltidsjob").id),
        Some(h.saved("Lav indkomst").id),
        "typing 'lav' and Enter hung the card"
    );
    assert_eq!(focused_text(&h), "Deltidsjob", "focus stays on the card");

    h.focus_text("Gæld");
    h.press('i');
    assert!(
        menu(&h).title.contains("“Gæld efter skilsmissen”"),
        "{}",
        menu(&h).title
    );
    assert_eq!(
        shown(&h),
        [
            "Core problem: Intet overskud",
            "└ Lav indkomst",
            "  └ Deltidsjob",
        ],
        "parents before children, indented, without the card itself"
    );
    // Keys that act on the board type here: 'j' and 'q' are letters.
    type_keys(&mut h, "jq");
    assert!(shown(&h).is_empty());
    assert!(h.screen_text().contains("No card matches"));
    plain(&mut h, KeyCode::Backspace);
    plain(&mut h, KeyCode::Backspace);
    assert_eq!(shown(&h).len(), 3, "Backspace widens the list");
    type_keys(&mut h, "DELTID");
    assert_eq!(shown(&h), ["  └ Deltidsjob"], "case does not matter");
    ctrl(&mut h, 'w');
    assert_eq!(shown(&h).len(), 3, "Ctrl+W takes the word back");
    type_keys(&mut h, "x");
    ctrl(&mut h, 'u');
    assert_eq!(shown(&h).len(), 3, "Ctrl+U clears what was typed");
    type_keys(&mut h, "del");
    plain(&mut h, KeyCode::Enter);
    assert!(h.app.layers.is_empty());
    assert_eq!(
        h.on_disk()
            .tree_parent(&h.board().method, h.saved("Gæld").id),
        Some(h.saved("Deltidsjob").id)
    );
    assert_eq!(focused_text(&h), "Gæld efter skilsmissen");
}

#[test]
fn the_picker_moves_with_arrows_and_esc_changes_nothing() {
    let mut h = tree();
    h.focus_text("Gæld");
    let before = h.on_disk();
    h.press('i');
    plain(&mut h, KeyCode::Down);
    plain(&mut h, KeyCode::Down);
    let m = menu(&h);
    assert_eq!(m.items[m.selected].label, "  └ Deltidsjob");
    plain(&mut h, KeyCode::Esc);
    assert!(h.app.layers.is_empty());
    assert_eq!(h.on_disk().notes, before.notes);
    assert_eq!(focused_text(&h), "Gæld efter skilsmissen");
}

#[test]
fn on_the_projector_the_picker_leaves_private_cards_out() {
    let mut h = tree();
    h.focus_text("Lav indkomst");
    h.press('P');
    h.focus_text("Gæld");
    h.press('p');
    assert!(h.app.prefs.projector);
    h.focus_text("Gæld");
    h.press('i');
    let labels = shown(&h);
    assert!(
        !labels.iter().any(|l| l.contains("Lav indkomst")),
        "{labels:?}"
    );
    assert!(
        labels.iter().any(|l| l.contains("Deltidsjob")),
        "{labels:?}"
    );
}

#[test]
fn the_picker_at_80x24() {
    let mut h = tree();
    h.input(Input::Resize(80, 24));
    h.focus_text("Gæld");
    h.press('i');
    type_keys(&mut h, "in");
    insta::assert_snapshot!("picker_80x24", h.screen_text());
    plain(&mut h, KeyCode::Esc);
    h.app.prefs.lang = sempre::i18n::Lang::Da;
    h.press('i');
    insta::assert_snapshot!("picker_80x24_da", h.screen_text());
}

#[test]
fn ctrl_w_and_ctrl_u_in_a_form_field_with_the_cursor_where_it_is() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "Møde");
    h.note("Ensom om aftenen");
    h.press('C');
    plain(&mut h, KeyCode::Enter);
    type_keys(&mut h, "Alene med alting");
    for _ in 0..7 {
        plain(&mut h, KeyCode::Left);
    }
    assert!(
        h.screen_text().contains("Alene med▏ alting"),
        "the cursor is drawn where it is:\n{}",
        h.screen_text()
    );
    ctrl(&mut h, 'w');
    assert_eq!(form_text(&h), "Alene alting");
    assert!(h.screen_text().contains("Alene ▏ alting"));
    ctrl(&mut h, 'u');
    assert_eq!(form_text(&h), "");
    type_keys(&mut h, "Aftener");
    plain(&mut h, KeyCode::Enter);
    assert_eq!(h.on_disk().clusters[0].title, "Aftener");
}

#[test]
fn ctrl_w_and_ctrl_u_in_the_wizard_and_the_filters() {
    let mut h = Harness::new();
    h.press('n');
    assert!(matches!(h.app.screen, Screen::Wizard(_)));
    type_keys(&mut h, "Møde om sundhed");
    ctrl(&mut h, 'w');
    assert!(h.screen_text().contains("Møde om ▏"), "{}", h.screen_text());
    ctrl(&mut h, 'u');
    type_keys(&mut h, "Aftenmøde");
    ctrl(&mut h, 's');
    assert_eq!(h.on_disk().context.title, "Aftenmøde");

    // The home screen's filter.
    h.press('q');
    assert!(matches!(h.app.screen, Screen::Home(_)));
    h.press('/');
    type_keys(&mut h, "ingen sådan");
    assert!(h.screen_text().contains("ingen sådan▏"));
    ctrl(&mut h, 'w');
    assert!(h.screen_text().contains("ingen ▏"));
    ctrl(&mut h, 'u');
    let Screen::Home(home) = &h.app.screen else {
        panic!("home")
    };
    assert!(home.filter.is_empty() && home.shown.len() == 1);

    // The follow-up screen's filter form.
    plain(&mut h, KeyCode::Enter);
    h.press('f');
    h.press('f');
    type_keys(&mut h, "Sundhed om");
    ctrl(&mut h, 'w');
    assert_eq!(form_text(&h), "Sundhed");
    ctrl(&mut h, 'u');
    assert_eq!(form_text(&h), "");
}

#[test]
fn ctrl_w_in_the_export_path_and_the_note_editor() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "Møde");
    h.note("Noget");
    ctrl(&mut h, 'e');
    let Some(Layer::Export(_)) = h.app.layers.last() else {
        panic!("export dialog")
    };
    while !matches!(h.app.layers.last(), Some(Layer::Export(d)) if d.focus == sempre::tui::layers::ExportField::File)
    {
        plain(&mut h, KeyCode::Tab);
    }
    ctrl(&mut h, 'u');
    type_keys(&mut h, "/tmp/ud.md");
    ctrl(&mut h, 'w');
    let Some(Layer::Export(d)) = h.app.layers.last() else {
        panic!("export dialog")
    };
    assert_eq!(d.file.lines(), ["/tmp/ud."]);
    plain(&mut h, KeyCode::Esc);

    h.press('a');
    type_keys(&mut h, "Ensom om aftenen");
    ctrl(&mut h, 'w');
    type_keys(&mut h, "natten");
    plain(&mut h, KeyCode::Enter);
    assert!(h.texts("kritik").contains(&"Ensom om natten".to_string()));
}

#[test]
fn help_scrolls_with_page_keys_and_says_so_at_80x24() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "Møde");
    h.input(Input::Resize(80, 24));
    h.press('?');
    let screen = h.screen_text();
    assert!(screen.contains("PgUp/PgDn scroll"), "{screen}");
    assert!(screen.contains("1–20/"), "{screen}");
    assert!(!screen.contains("Quit the program"), "the end is below");
    plain(&mut h, KeyCode::PageDown);
    plain(&mut h, KeyCode::PageDown);
    plain(&mut h, KeyCode::PageDown);
    let screen = h.screen_text();
    assert!(screen.contains("Quit the program"), "{screen}");
    insta::assert_snapshot!("help_end_80x24", screen);
    plain(&mut h, KeyCode::PageUp);
    plain(&mut h, KeyCode::PageUp);
    plain(&mut h, KeyCode::PageUp);
    assert!(h.screen_text().contains("1–20/"));
    plain(&mut h, KeyCode::Down);
    assert!(h.screen_text().contains("2–21/"));
}

#[test]
fn a_marked_note_still_shows_where_focus_is() {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "Møde");
    h.note("Ensom");
    h.note("Breve");
    h.press('x');
    assert!(h.screen_text().contains("▶✓ Breve"), "{}", h.screen_text());
    h.press('k');
    let screen = h.screen_text();
    let line = |text: &str| screen.lines().find(|l| l.contains(text)).unwrap();
    assert!(line("Ensom").contains('▶'), "{screen}");
    assert!(
        line("Breve").contains('✓') && !line("Breve").contains('▶'),
        "{screen}"
    );
}

#[test]
fn the_focus_questions_phase_has_a_place_to_write_them() {
    let mut h = Harness::new().new_session("problemtrae", "Sundhed");
    h.input(Input::Resize(80, 24));
    h.cmd(Command::NextPhase);
    assert_eq!(h.board().method.zones[h.board().focus.zone].id, "fokus");
    h.note("Hvad påvirker vores sundhed?");
    assert_eq!(h.texts("fokus"), ["Hvad påvirker vores sundhed?"]);
    let screen = h.screen_text();
    assert!(screen.contains("Focus questions (1)"), "{screen}");
    // Later, on a large screen, the tree is drawn with the questions in
    // a strip below it.
    h.cmd(Command::NextPhase);
    h.input(Input::Resize(160, 48));
    let screen = h.screen_text();
    assert!(screen.contains("Focus questions (1)"), "{screen}");
    assert!(screen.contains("Hvad påvirker vores sundhed?"), "{screen}");
}
