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
