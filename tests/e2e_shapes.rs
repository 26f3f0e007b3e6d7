//! The tree and the chain in a real terminal that is resized as a
//! facilitator does when moving to the projector: 80×24 → 160×48 → 80×24.
//! The focused card stays on screen, the tree stays a tree, and at 160×48
//! every link of the Theory of Change is shown.

#![allow(clippy::unwrap_used)]

mod common;

use common::Tty;

const DOWN: &str = "\x1b[B";

fn example(store: &std::path::Path, method: &str) {
    std::fs::create_dir_all(store).unwrap();
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("sessions/example-{method}.json"));
    std::fs::copy(from, store.join(format!("example-{method}.json"))).unwrap();
}

/// The rows on which the frames titled `names` start, in that order.
fn rows(screen: &str, names: &[&str]) -> Vec<usize> {
    names
        .iter()
        .map(|n| {
            screen
                .lines()
                .position(|l| l.contains(&format!(" {n} (")))
                .unwrap_or_else(|| panic!("no frame {n}:\n{screen}"))
        })
        .collect()
}

#[test]
fn the_focused_cause_stays_on_screen_and_the_tree_a_tree_through_resizes() {
    let (_dir, store) = common::store();
    example(&store, "problemtrae");
    let mut tty = Tty::spawn(&store, &["open", "example-problemtrae"]);
    tty.resize(80, 24);
    tty.wait_for(&["├─▶♥ Jeg er alene"]);
    for _ in 0..6 {
        tty.send(DOWN);
    }
    let focused = "▶♥ Jeg føler mig";
    for (cols, lines) in [(80, 24), (160, 48), (80, 24)] {
        tty.resize(cols, lines);
        let screen = tty.wait_for(&[focused]);
        let at = rows(&screen, &["Konsekvenser", "Kerneproblem", "Årsager"]);
        assert!(at[0] < at[1] && at[1] < at[2], "{cols}×{lines}:\n{screen}");
    }
    tty.send("q");
    tty.wait_exit();
}

#[test]
fn every_link_of_the_chain_shows_at_160_by_48_and_focus_survives_80_by_24() {
    let (_dir, store) = common::store();
    example(&store, "theory-of-change");
    let mut tty = Tty::spawn(&store, &["open", "example-theory-of-change"]);
    tty.resize(160, 48);
    let links = [
        "Problem (",
        "Målgruppe (",
        "Indgang (",
        "Trin mod forandring (",
        "Målbare effekter (",
        "Større gevinster (",
        "Langsigtet forandring (",
        "Nøgleantagelser (",
    ];
    tty.wait_for(&links);
    // Link by link to the last one (each shows its colour's symbol after
    // the focus marker), then a small window: it is still in view.
    for symbol in ["■", "★", "●", "◆", "▲", "▲ Et", "○"] {
        tty.send(common::RIGHT);
        tty.wait_for(&[&format!("▶{symbol}")]);
    }
    tty.resize(80, 24);
    tty.wait_for(&["Nøgleantagelser (", "▶○ Familiehuset"]);
    tty.resize(160, 48);
    tty.wait_for(&links);
    tty.send("q");
    tty.wait_exit();
}
