//! Ctrl+W and Ctrl+U in the real program in a pseudo-terminal: the note
//! editor and a one-line form field, as a facilitator types in front of
//! the group, with the cursor drawn where it is.

#![allow(clippy::unwrap_used)]

mod common;

use common::{ENTER, Tty, add_note, new_session, only_session, store};

const CTRL_U: &str = "\x15";
const CTRL_W: &str = "\x17";
const LEFT: &str = "\x1b[D";

#[test]
fn ctrl_w_and_ctrl_u_mend_a_note_and_a_cluster_title() {
    let (_dir, store) = store();
    let mut tty = Tty::spawn(&store, &[]);
    new_session(&mut tty, "fremtidsvaerksted", "Aftenmøde");
    // The note editor: the last word goes, and the note is finished.
    tty.send("a");
    tty.wait_for(&["Ny seddel"]);
    tty.type_text("Ensom om aftenen");
    tty.wait_for(&["Ensom om aftenen"]);
    tty.send(CTRL_W);
    tty.wait_gone("aftenen");
    tty.type_text("natten");
    tty.send(ENTER);
    tty.wait_gone("Ny seddel");
    tty.wait_for(&["Ensom om natten"]);
    add_note(&mut tty, "Ingen at ringe til");
    // A one-line field: the cursor moves back, Ctrl+W takes the word
    // before it, and the mark shows where the cursor is.
    tty.send("C");
    tty.wait_for(&["Ny klynge"]);
    tty.send(ENTER);
    tty.wait_for(&["Overskrift"]);
    tty.type_text("Alene med alting");
    tty.wait_for(&["Alene med alting▏"]);
    for _ in 0..7 {
        tty.send(LEFT);
    }
    tty.wait_for(&["Alene med▏ alting"]);
    tty.send(CTRL_W);
    tty.wait_for(&["Alene ▏ alting"]);
    tty.send(CTRL_U);
    tty.wait_gone("alting");
    tty.type_text("Aftener");
    tty.send(ENTER);
    tty.wait_for(&["Aftener"]);
    tty.send("q");
    tty.wait_for(&["Sessioner"]);
    tty.send("q");
    tty.wait_exit();

    let session = only_session(&store);
    let texts: Vec<&str> = session["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap())
        .collect();
    assert!(texts.contains(&"Ensom om natten"), "{texts:?}");
    assert_eq!(session["clusters"][0]["title"], "Aftener");
}
