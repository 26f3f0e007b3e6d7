//! The real `sempre` binary in a pseudo-terminal whose window is resized
//! as a facilitator drags it between the laptop and the projector:
//! 80×24 → 160×48 → 80×24. Every wait is for something to appear on
//! screen, never a fixed sleep.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{RIGHT, Tty, store};
use unicode_width::UnicodeWidthStr;

const DOWN: &str = "\x1b[B";

/// Waits until `test` holds for the screen, which it returns.
fn wait_until(tty: &Tty, what: &str, test: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let screen = tty.contents();
        if test(&screen) {
            return screen;
        }
        assert!(
            Instant::now() < deadline,
            "waited for {what}; the screen shows:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The board is drawn anew `cols` wide (not the old screen cut to the new
/// size: its status line ends at the right edge) and holds every one of
/// `texts`.
fn shows(screen: &str, cols: usize, texts: &[&str]) -> bool {
    let widest = screen.lines().map(|l| l.width()).max().unwrap_or(0);
    let status = screen.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("");
    widest == cols
        && status.trim_end().ends_with("g vejledning")
        && status.width() == cols
        && texts.iter().all(|t| screen.contains(t))
}

/// The row with the focus marker holds `text`.
fn focused(screen: &str, text: &str) -> bool {
    screen
        .lines()
        .any(|l| l.contains('▶') && l.contains(text) && l.find('▶') < l.find(text))
}

/// A zone's top edge, from its name to its corner.
fn title_row<'a>(screen: &'a str, zone: &str) -> &'a str {
    let row = screen.lines().find(|l| l.contains(zone)).unwrap_or("");
    let from = &row[row.find(zone).unwrap_or(0)..];
    &from[..from.find(['┓', '╮']).unwrap_or(from.len())]
}

#[test]
fn after_a_resize_the_focused_card_and_cluster_titles_show_and_nothing_hides_that_fits() {
    let (_dir, store) = store();
    std::fs::create_dir_all(&store).unwrap();
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/example-fremtidsvaerksted.json");
    std::fs::copy(&example, store.join("fremtidsvaerksted.json")).unwrap();
    let mut tty = Tty::spawn(&store, &["open", "333ea508"]);
    tty.wait_for(&["Kritik (18)"]);
    // The seventh critique note, in the middle of the cluster "Arbejde og
    // egen forretning", whose first card scrolls away above it. Moving
    // focus first also makes sure the program reads its events, so the
    // resize below is not lost while it starts.
    for _ in 0..6 {
        tty.send(DOWN);
    }
    let cluster = "Arbejde og egen forretning";
    let note = "Хочу працювати";
    let (cut, cut_en) = ("(forts.)", "(cont.)");
    wait_until(&tty, "the seventh note focused", |s| focused(s, note));
    tty.resize(80, 24);
    let screen = wait_until(&tty, "80×24", |s| {
        shows(s, 80, &["Kritik (18)"]) && focused(s, note)
    });
    assert!(screen.contains("… (forts.)"), "{screen}");
    assert!(!screen.contains(cut_en));
    tty.resize(160, 48);
    let screen = wait_until(&tty, "160×48", |s| {
        shows(
            s,
            160,
            &[&format!("{cluster} {cut}"), "Papirer og myndigheder"],
        ) && focused(s, note)
    });
    // The frames have rows of their own: no card text on a frame's edge.
    for row in screen
        .lines()
        .filter(|l| l.contains('╰') || l.contains('╭'))
    {
        assert!(!row.contains('♥') && !row.contains('◆'), "{row}");
    }
    tty.resize(80, 24);
    wait_until(&tty, "80×24 again", |s| {
        shows(s, 80, &[cut]) && focused(s, note) && !s.contains(cluster)
    });

    // The last of the seven notes of the realisation, scrolled into view
    // at 80×24 with the first ones hidden above it.
    tty.send(RIGHT);
    tty.send(RIGHT);
    tty.send(&DOWN.repeat(6));
    let last = "Vi mødes igen";
    let screen = wait_until(&tty, "the last realisation note", |s| focused(s, last));
    assert!(
        title_row(&screen, "Virkeliggørel").contains('▲'),
        "{screen}"
    );
    // Grown: all seven fit, so none stays hidden above.
    tty.resize(160, 48);
    let screen = wait_until(&tty, "all seven realisation notes", |s| {
        shows(s, 160, &["Et iværksætterforløb", "Sprogcafé"]) && focused(s, last)
    });
    assert!(
        !title_row(&screen, "Virkeliggørel").contains('▲'),
        "{screen}"
    );
    assert!(screen.contains(&format!("{cluster} {cut}")), "{screen}");
    tty.resize(80, 24);
    let screen = wait_until(&tty, "80×24 with the last note", |s| {
        shows(s, 80, &["Virkeliggørel"]) && focused(s, last)
    });
    assert!(
        title_row(&screen, "Virkeliggørel").contains('▲'),
        "{screen}"
    );
    tty.send("q");
    tty.wait_exit();
}
