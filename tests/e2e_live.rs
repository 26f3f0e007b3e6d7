//! The store is live, in a real terminal: the home screen of a running
//! sempre lists a session that `sempre new` in another process made, and
//! its note count follows `sempre add`, without a key pressed.

#![allow(clippy::unwrap_used)]

mod common;

use common::{Tty, sempre, stdout};

#[test]
fn the_home_screen_follows_commands_run_beside_it() {
    let (_dir, store) = common::store();
    stdout(sempre(&store).args([
        "new",
        "--method",
        "fremtidsvaerksted",
        "--title",
        "Første værksted",
        "--date",
        "2026-09-01",
    ]));
    let tty = Tty::spawn(&store, &[]);
    tty.wait_for(&["Første værksted", "(1 session)"]);

    let id = stdout(sempre(&store).args([
        "new",
        "--method",
        "rygsaek",
        "--title",
        "Andet værksted",
        "--date",
        "2026-09-02",
    ]));
    tty.wait_for(&["Andet værksted", "(2 sessioner)"]);

    stdout(sempre(&store).args(["add", id.trim(), "--zone", "tage-med", "Madpakken"]));
    let row = |screen: &str| {
        screen
            .lines()
            .find(|l| l.contains("Andet værksted"))
            .map(|l| l.trim_end().to_string())
            .unwrap_or_default()
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !row(&tty.contents()).ends_with(" 1") {
        assert!(
            std::time::Instant::now() < deadline,
            "the note count did not follow:\n{}",
            tty.contents()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// A board open in a real terminal, while another laptop's copy of its
/// session arrives through a synced folder: the board merges it, shows
/// the other laptop's note and says so, and the file ends with both
/// laptops' notes. The other laptop is the real binary on a copy of the
/// store, whose file is then put in place as a sync tool does.
#[test]
fn a_board_merges_another_laptops_copy_that_arrives_while_it_is_open() {
    let (_dir, store) = common::store();
    let id = stdout(sempre(&store).args([
        "--lang",
        "da",
        "new",
        "--method",
        "fremtidsvaerksted",
        "--title",
        "Fælles værksted",
        "--date",
        "2026-09-01",
    ]));
    let id = id.trim();
    let file = store.join(format!("{id}.json"));
    let mut tty = Tty::spawn(&store, &["open", id]);
    tty.wait_for(&["Fælles værksted", "Kritik"]);
    common::add_note(&mut tty, "Fra tavlen");
    tty.wait_saved();

    let other = tempfile::tempdir().unwrap();
    std::fs::copy(&file, other.path().join(format!("{id}.json"))).unwrap();
    stdout(
        sempre(other.path())
            .env("SEMPRE_DEVICE", "anden-baerbar")
            .args(["add", id, "--zone", "fantasi", "Fra den anden bærbar"]),
    );
    let beside = store.join(".sync-tmp");
    std::fs::copy(other.path().join(format!("{id}.json")), &beside).unwrap();
    std::fs::rename(&beside, &file).unwrap();

    tty.wait_for(&[
        "Fra den anden bærbar",
        "Flettet ind fra en anden enhed: +1 note",
    ]);
    common::add_note(&mut tty, "Efter fletningen");
    tty.send("q");
    tty.wait_exit();
    let saved = common::only_session(&store);
    let mut texts: Vec<String> = ["kritik", "fantasi"]
        .iter()
        .flat_map(|z| common::note_texts(&saved, z))
        .collect();
    texts.sort();
    assert_eq!(
        texts,
        ["Efter fletningen", "Fra den anden bærbar", "Fra tavlen"]
    );
}
