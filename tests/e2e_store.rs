//! A store folder that cannot be written, met in a real terminal: the
//! board opens read-only and says why, instead of quitting.

#![allow(clippy::unwrap_used)]

mod common;

use common::Tty;

#[cfg(unix)]
#[test]
fn a_board_on_a_store_that_cannot_be_written_opens_read_only() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let (dir, store) = common::store();
    let bin = env!("CARGO_BIN_EXE_sempre");
    let out = std::process::Command::new(bin)
        .arg("--store")
        .arg(&store)
        .args([
            "--lang",
            "da",
            "new",
            "--method",
            "fremtidsvaerksted",
            "--title",
            "Låst mappe",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let id = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let file = store.join(format!("{id}.json"));
    let before = std::fs::read(&file).unwrap();

    // Root ignores permission bits, so as root the board runs as nobody.
    let root = std::fs::metadata(&file).unwrap().uid() == 0;
    let setpriv = [
        "setpriv",
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
        "--",
    ];
    let wrapper: &[&str] = if !root {
        &[]
    } else if std::process::Command::new("setpriv")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        for path in [dir.path(), &store, &store.join(".locks"), &file] {
            if path.exists() {
                std::os::unix::fs::chown(path, Some(65534), Some(65534)).unwrap();
            }
        }
        &setpriv
    } else {
        eprintln!("skipped: running as root without setpriv, so permission bits cannot be tested");
        return;
    };
    std::fs::set_permissions(&store, std::fs::Permissions::from_mode(0o500)).unwrap();

    let mut tty = Tty::spawn_through(wrapper, &store, &["open", &id]);
    tty.wait_for(&[
        "Låst mappe",
        "Sessionsmappen kan ikke skrives i",
        "Skrivebeskyttet",
    ]);
    tty.send("a");
    tty.wait_for(&["skrivebeskyttet og kan ikke ændres her"]);
    tty.send("q");
    tty.wait_exit();
    std::fs::set_permissions(&store, std::fs::Permissions::from_mode(0o700)).unwrap();
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

/// The home screen reads the store's index, and a session changed by
/// another program shows its change after `r`, the index or no index.
#[test]
fn the_home_screen_lists_from_the_index_and_sees_changes_made_elsewhere() {
    let (_dir, store) = common::store();
    let bin = env!("CARGO_BIN_EXE_sempre");
    let new = |title: &str| {
        let out = std::process::Command::new(bin)
            .arg("--store")
            .arg(&store)
            .args(["new", "--method", "rygsaek", "--title", title])
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    let first = new("Sprogcafé i Hasle");
    new("Lektiehjælp på biblioteket");
    let mut tty = Tty::spawn(&store, &["--lang", "da"]);
    tty.wait_for(&["Sprogcafé i Hasle", "Lektiehjælp på biblioteket"]);
    assert!(store.join(".index").join("sessions.sqlite").is_file());

    // Another program renames a session and removes the index.
    let file = store.join(format!("{first}.json"));
    let mut session: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    session["context"]["title"] = "Sprogcafé i Lystrup".into();
    std::fs::write(&file, serde_json::to_vec_pretty(&session).unwrap()).unwrap();
    tty.send("r");
    tty.wait_for(&["Sprogcafé i Lystrup", "Lektiehjælp på biblioteket"]);
    std::fs::remove_dir_all(store.join(".index")).unwrap();
    tty.send("r");
    let screen = tty.wait_for(&["Sprogcafé i Lystrup", "Lektiehjælp på biblioteket"]);
    assert!(!screen.contains("Hasle"), "{screen}");
    tty.send("q");
    tty.wait_exit();
}
