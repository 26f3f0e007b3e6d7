//! What the merge tests share: the real binary run in a folder of its
//! own, and changes made to a copy with the library, stamped as a board
//! stamps them when it saves.

#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use jiff::{SignedDuration, Timestamp};
use sempre::model::{Session, record_changes};
use sempre::store::{load_session, save_session};
use uuid::Uuid;

/// A folder for one test; the binary runs in it with its own home.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    pub fn new() -> Fixture {
        let f = Fixture {
            dir: tempfile::tempdir().unwrap(),
        };
        std::fs::create_dir_all(f.home()).unwrap();
        f
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn home(&self) -> PathBuf {
        self.path("home")
    }

    /// sempre with `store` as its store, on a laptop called `device`.
    pub fn sempre(&self, store: &Path, device: &str) -> Command {
        let mut cmd = Command::cargo_bin("sempre").unwrap();
        cmd.current_dir(self.dir.path())
            .env_remove("SEMPRE_STORE")
            .env_remove("SEMPRE_LANG")
            .env_remove("SEMPRE_MERGE_VERBOSE")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C.UTF-8")
            .env("HOME", self.home())
            .env("XDG_DATA_HOME", self.home().join("xdg"))
            .env("XDG_CONFIG_HOME", self.home().join("xdg-config"))
            .env("SEMPRE_DEVICE", device)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .arg("--store")
            .arg(store);
        cmd
    }

    /// Runs sempre and returns its standard output; it must succeed.
    pub fn run(&self, store: &Path, args: &[&str]) -> String {
        let out = self.sempre(store, "laptop").args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }

    /// A new Future Workshop session in `store`; its id.
    pub fn new_session(&self, store: &Path, title: &str) -> Uuid {
        let args = ["new", "--method", "fremtidsvaerksted", "--title", title];
        self.run(store, &args).trim().parse().unwrap()
    }

    /// `sempre add SESSION --zone ZONE TEXT`; the note's id.
    pub fn add(&self, store: &Path, session: &str, zone: &str, text: &str) -> Uuid {
        self.run(store, &["add", session, "--zone", zone, text])
            .trim()
            .parse()
            .unwrap()
    }
}

/// A moment `seconds` from now: changes made "later" in a test.
pub fn later(seconds: i64) -> Timestamp {
    Timestamp::now() + SignedDuration::from_secs(seconds)
}

/// Changes the session in `path` with the library, at `at` on `device`,
/// stamps the changes as a save does, and writes the file.
pub fn change(path: &Path, at: Timestamp, device: &str, edit: impl FnOnce(&mut Session)) {
    let base = load_session(path).unwrap();
    let mut s = base.clone();
    edit(&mut s);
    record_changes(&base, &mut s, at, device);
    save_session(path, &s).unwrap();
}

/// The text of the live note `id`, if it is there.
pub fn text_of(s: &Session, id: Uuid) -> Option<&str> {
    s.notes.iter().find(|n| n.id == id).map(|n| n.text.as_str())
}

/// The first four digits of an id, as the report lines show it.
pub fn short(id: Uuid) -> String {
    id.simple().to_string()[..4].to_string()
}
