//! Tables the group reads off the wall, driven through the real keys:
//! the ranking per zone with its tie-break round, and the comparison of
//! two canvases after one was copied and changed.

#![allow(clippy::unwrap_used)]

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use sempre::i18n::Lang;
use sempre::tui::app::Input;
use sempre::tui::layers::Layer;

mod common;
mod headless;
use headless::Harness;

fn sized(h: &mut Harness, lang: Lang, size: (u16, u16)) {
    h.app.prefs.lang = lang;
    h.input(Input::Resize(size.0, size.1));
}

/// Presses a special key as the terminal sends it, through the keymap.
fn key(h: &mut Harness, code: KeyCode) {
    let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(input) = sempre::tui::translate(&h.app, event) {
        h.input(input);
    }
}

fn snap(name: &str, h: &Harness) {
    insta::assert_snapshot!(name, h.draw().backend());
}

#[test]
fn ranking_shows_one_table_per_zone_and_breaks_a_tie_among_the_tied_notes_only() {
    let mut h = Harness::example("fremtidsvaerksted");
    sized(&mut h, Lang::En, (80, 24));
    h.press('r');
    let text = h.screen_text();
    assert!(text.contains("Critique"), "{text}");
    assert!(text.contains("=3."), "a shared place is marked: {text}");
    assert!(
        text.contains("Clusters"),
        "cluster totals are shown: {text}"
    );
    snap("ranking_80x24_en", &h);
    // Fantasy ideas are a table of their own, further down.
    for _ in 0..30 {
        h.press('j');
    }
    let text = h.screen_text();
    assert!(text.contains("Fantasy"), "{text}");
    let s = h.board().session().clone();
    let tied: Vec<_> = {
        let critique: Vec<_> = s
            .notes
            .iter()
            .filter(|n| n.zone == "kritik")
            .map(|n| n.id)
            .collect();
        let r = s.ranking(&critique);
        r.iter().filter(|x| x.place == 3).map(|x| x.note).collect()
    };
    assert_eq!(tied.len(), 2);
    // The tie-break round: `t` in the ranking, a voter with one vote.
    h.press('t');
    assert!(matches!(h.app.layers.last(), Some(Layer::Form(_))));
    h.fill(&["Amal", "1"]);
    let Some(Layer::Voting(v)) = h.app.layers.last() else {
        panic!("a voting round")
    };
    assert_eq!(v.only, tied);
    assert_eq!(h.board().focused_note(), Some(tied[0]));
    // The arrows step between the tied notes only.
    h.press('j');
    assert_eq!(h.board().focused_note(), Some(tied[1]));
    h.press('j');
    assert_eq!(h.board().focused_note(), Some(tied[0]));
    h.press('l');
    h.press(' ');
    key(&mut h, KeyCode::Esc);
    let disk = h.on_disk();
    let vote = disk.votes.iter().find(|v| v.tie_break).unwrap();
    assert_eq!((vote.note, vote.dots), (tied[1], 1));
    assert_eq!(vote.voter.as_deref(), Some("Amal"));
    assert_eq!(
        disk.dots(tied[1]),
        s.dots(tied[1]),
        "dots stay as they were"
    );
    h.press('r');
    let text = h.screen_text();
    assert!(text.contains("  3. "), "the tie is settled: {text}");
    assert!(text.contains("+1"), "the round shows: {text}");
    snap("ranking_after_tie_break_80x24_en", &h);
    // The export ranks per zone too, and shows the round.
    let md = common::stdout(common::sempre(h.store.dir()).args([
        "--lang",
        "en",
        "export",
        "--format",
        "md",
        "fremtidsvaerksted",
    ]));
    assert!(md.contains("| 3 | 5 +1 |"), "{md}");
    assert!(md.contains("| 4 | 5 |"), "{md}");
    assert!(
        md.contains("| 1 | 8 |"),
        "fantasy ideas get their own places: {md}"
    );
    sized(&mut h, Lang::Da, (160, 48));
    snap("ranking_after_tie_break_160x48_da", &h);
}

#[test]
fn the_tie_break_round_refuses_a_note_that_is_not_tied() {
    let mut h = Harness::example("fremtidsvaerksted");
    sized(&mut h, Lang::En, (80, 24));
    h.press('r');
    h.press('t');
    h.fill(&["Bo", "1"]);
    h.focus_text("Jeg havde min egen butik");
    h.press(' ');
    assert!(
        h.flash().contains("only the notes that share a place"),
        "{}",
        h.flash()
    );
    assert!(!h.on_disk().votes.iter().any(|v| v.tie_break));
}

#[test]
fn comparing_a_copied_canvas_pairs_each_note_with_its_copy_after_deletions() {
    let mut h = Harness::example("business-model-canvas");
    sized(&mut h, Lang::En, (160, 48));
    h.press('B');
    h.choose("Copy");
    h.fill(&["Bær B"]);
    assert_eq!(h.board().session().boards.len(), 3);
    h.focus_text("Højskolen: lokaler");
    h.press('d');
    h.focus_text("Finde steder");
    h.press('e');
    if let Some(Layer::Editor(e)) = h.app.layers.last_mut() {
        e.area =
            ratatui_textarea::TextArea::new(vec!["Finde steder, hvor vi må plukke gratis.".into()]);
    }
    key(&mut h, KeyCode::Enter);
    let copy = h.on_disk();
    assert!(
        copy.notes
            .iter()
            .filter(|n| n.board == copy.boards[2].id)
            .all(|n| n.copied_from.is_some()),
        "every copy remembers its original"
    );
    h.press('B');
    h.choose("Compare with Bær B");
    let text = h.screen_text();
    assert!(text.contains("+1"), "{text}");
    assert!(
        text.contains("~ Finde steder, hvor vi må plukke gratis."),
        "{text}"
    );
    assert!(
        text.contains("• Asylcentret og Udlændingestyrelsen"),
        "{text}"
    );
    snap("compare_copy_160x48_en", &h);
    sized(&mut h, Lang::Da, (80, 24));
    snap("compare_copy_80x24_da", &h);
}

#[test]
fn the_social_canvas_reads_at_every_size_in_both_languages() {
    for lang in Lang::ALL {
        for size in [(80, 24), (120, 40), (160, 48)] {
            let mut h = Harness::example("social-business-model-canvas");
            sized(&mut h, lang, size);
            h.app.flash = None;
            snap(
                &format!("social_canvas_{}x{}_{}", size.0, size.1, lang.code()),
                &h,
            );
        }
    }
}

#[test]
fn narrow_canvas_blocks_use_short_names_never_two_alike() {
    let mut h = Harness::example("business-model-canvas");
    sized(&mut h, Lang::En, (80, 24));
    let text = h.screen_text();
    assert!(!text.contains("Custo…"), "{text}");
    assert!(text.contains("Relation"), "{text}");
    assert!(text.contains("Segments"), "{text}");
    h.press('V');
    h.fill(&["Amal", "3"]);
    // The footer's symbol takes the two cells it is drawn in.
    let terminal = h.draw();
    let buffer = terminal.backend().buffer();
    let y = buffer.area.height - 1;
    let hand = (0..buffer.area.width)
        .find(|x| buffer[(*x, y)].symbol() == "✋")
        .unwrap();
    assert_eq!(buffer[(hand + 2, y)].symbol(), " ");
    assert_eq!(buffer[(hand + 3, y)].symbol(), "A");
}
