//! Whose files to believe, through the real binary: method files and
//! methods folders that another user owns or can change are refused (like
//! git's `safe.directory`), and a store folder every user can write in is
//! warned about, on standard error and on the interface's status line.
//!
//! Unix only: owners and modes are what is checked. Changing a folder's
//! owner needs root, so that test runs only as root (as CI does).

#![cfg(unix)]
#![allow(clippy::unwrap_used)]

mod common;

use common::sempre;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// The uid of "nobody" on Debian: a user other than the one testing.
const OTHER_USER: u32 = 65534;

/// The gid of "nogroup": a group that is not the owner's own.
const SHARED_GROUP: u32 = 65534;

fn mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// A store folder with a `methods` folder beside it holding one method
/// of our own, `vores-rygsaek`, whose name carries a window-title escape.
fn store_with_method() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("sessions");
    std::fs::create_dir(&store).unwrap();
    let methods = dir.path().join("methods");
    std::fs::create_dir(&methods).unwrap();
    let builtin = Path::new(env!("CARGO_MANIFEST_DIR")).join("methods/rygsaek.json");
    let json = std::fs::read_to_string(builtin)
        .unwrap()
        .replacen("\"id\": \"rygsaek\"", "\"id\": \"vores-rygsaek\"", 1)
        .replacen(
            "\"en\": \"Backpack method\"",
            "\"en\": \"Our backpack\\u001b]0;pwned\\u0007\"",
            1,
        );
    let file = methods.join("vores-rygsaek.json");
    std::fs::write(&file, json).unwrap();
    mode(&methods, 0o755);
    mode(&file, 0o644);
    (dir, store, file)
}

/// `sempre methods`: what it lists, and what it says on standard error.
fn methods(store: &Path) -> (String, String) {
    let out = sempre(store).arg("methods").assert().success();
    let out = out.get_output();
    (
        String::from_utf8(out.stdout.clone()).unwrap(),
        String::from_utf8(out.stderr.clone()).unwrap(),
    )
}

#[test]
fn a_method_file_of_ones_own_is_loaded_without_its_control_characters() {
    let (_dir, store, _) = store_with_method();
    let (listed, warnings) = methods(&store);
    assert!(listed.contains("Our backpack]0;pwned"), "{listed}");
    assert!(!listed.contains("\\u001b"), "dropped on reading: {listed}");
    assert_eq!(warnings, "");
}

#[test]
fn a_method_file_or_folder_others_can_change_is_refused() {
    if !nix::unistd::geteuid().is_root() {
        eprintln!("skipped: giving a file to a shared group needs root");
        return;
    }
    let (_dir, store, file) = store_with_method();
    let folder = file.parent().unwrap().to_path_buf();
    for (path, bits, kind) in [
        (&file, 0o664, "method file"),
        (&file, 0o646, "method file"),
        (&folder, 0o775, "methods folder"),
        (&folder, 0o777, "methods folder"),
    ] {
        let before = std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        // A group others are in (nogroup), so group-writable means others.
        std::os::unix::fs::chown(path, None, Some(SHARED_GROUP)).unwrap();
        mode(path, bits);
        let (listed, warnings) = methods(&store);
        assert!(!listed.contains("Our backpack"), "{bits:o}: {listed}");
        assert!(
            warnings.contains(&format!("The {kind} {}", path.display()))
                && warnings.contains("other users can change it"),
            "{bits:o}: {warnings}"
        );
        sempre(&store)
            .args(["methods", "show", "vores-rygsaek"])
            .assert()
            .failure();
        mode(path, before);
        std::os::unix::fs::chown(path, None, Some(0)).unwrap();
    }
    // Group-writable in the owner's own group, where no one else is (a
    // umask of 002): still the owner's alone.
    mode(&folder, 0o775);
    mode(&file, 0o664);
    let (listed, warnings) = methods(&store);
    assert!(listed.contains("Our backpack"), "{listed}\n{warnings}");
}

#[test]
fn a_method_file_or_folder_another_user_owns_is_refused() {
    if !nix::unistd::geteuid().is_root() {
        eprintln!("skipped: changing a file's owner needs root");
        return;
    }
    let (_dir, store, file) = store_with_method();
    let folder = file.parent().unwrap().to_path_buf();
    for (path, kind) in [(&file, "method file"), (&folder, "methods folder")] {
        std::os::unix::fs::chown(path, Some(OTHER_USER), None).unwrap();
        let (listed, warnings) = methods(&store);
        assert!(!listed.contains("Our backpack"), "{listed}");
        assert!(
            warnings.contains(&format!("The {kind} {}", path.display()))
                && warnings.contains(&format!("belongs to another user (uid {OTHER_USER})")),
            "{warnings}"
        );
        std::os::unix::fs::chown(path, Some(0), None).unwrap();
    }
}

#[test]
fn a_store_folder_every_user_can_write_in_is_warned_about() {
    let (_dir, store, _) = store_with_method();
    mode(&store, 0o755);
    let quiet = sempre(&store).arg("list").assert().success();
    assert_eq!(String::from_utf8_lossy(&quiet.get_output().stderr), "");
    mode(&store, 0o777);
    let warned = sempre(&store).arg("list").assert().success();
    let stderr = String::from_utf8_lossy(&warned.get_output().stderr).to_string();
    assert!(
        stderr.contains("every user on this machine can add or delete files")
            && stderr.contains(&store.display().to_string()),
        "{stderr}"
    );
}

#[test]
fn the_interface_warns_about_a_store_folder_every_user_can_write_in() {
    let (_dir, store, _) = store_with_method();
    mode(&store, 0o777);
    let mut tty = common::Tty::spawn(&store, &[]);
    tty.wait_for(&["Advarsel: alle brugere på maskinen"]);
    tty.send("q");
    tty.wait_exit();
}
