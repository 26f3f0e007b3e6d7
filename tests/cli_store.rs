//! The store's promises at its edges, through the real binary: an export
//! never replaces or shadows a session, a save never overwrites what it
//! did not see, links are never followed, and leftovers are cleared.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        Fixture {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn store(&self) -> PathBuf {
        self.dir.path().join("store")
    }

    fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("sempre").unwrap();
        cmd.current_dir(self.dir.path())
            .env_remove("SEMPRE_STORE")
            .env_remove("SEMPRE_LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C.UTF-8")
            .env("HOME", self.dir.path())
            .arg("--store")
            .arg(self.store());
        cmd
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }

    fn new_session(&self) -> String {
        let args = ["new", "--method", "fremtidsvaerksted", "--title", "Hverdag"];
        self.run(&args).trim().to_string()
    }

    fn file(&self, id: &str) -> PathBuf {
        self.store().join(format!("{id}.json"))
    }

    /// Every file under the store (its `.locks` too) with its bytes.
    fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        let mut files = BTreeMap::new();
        let mut folders = vec![self.store()];
        while let Some(dir) = folders.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else {
                    files.insert(path.clone(), std::fs::read(&path).unwrap());
                }
            }
        }
        files
    }
}

fn one_sentence(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr).trim_end().to_string();
    assert_eq!(text.lines().count(), 1, "not one line: {text}");
    assert!(text.ends_with('.'), "not a sentence: {text}");
    text
}

fn export_to(f: &Fixture, id: &str, format: &str, out: &Path) -> assert_cmd::assert::Assert {
    f.cmd()
        .args(["export", id, "--format", format, "--out"])
        .arg(out)
        .assert()
}

#[test]
fn an_export_never_replaces_or_shadows_a_session() {
    let f = Fixture::new();
    let id = f.new_session();
    f.run(&["add", &id, "--zone", "kritik", "Bussen kommer aldrig"]);
    let store = f.store();
    let link = f.dir.path().join("link");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&store, &link).unwrap();
    let upper = format!("{}.JSON", id.to_uppercase());
    let into_store = [
        store.join("x").join("..").join(format!("{id}.json")),
        store.join(&upper),
        store.join(".locks").join(format!("{id}.lock")),
        link.join(format!("{id}.json")),
        store.join("reports").join("a.md"),
    ];
    let before = f.snapshot();
    for target in &into_store {
        for format in ["md", "json"] {
            let out = export_to(&f, &id, format, target).failure();
            let text = one_sentence(&out.get_output().stderr);
            assert!(
                text.contains("inside the store folder"),
                "{}: {text}",
                target.display()
            );
            assert_eq!(f.snapshot(), before, "{} changed the store", target.display());
        }
    }
    assert!(!store.join("x").exists(), "no folder is made either");

    // A copy of a session elsewhere is a session too.
    let copy = f.dir.path().join("copy.json");
    std::fs::copy(f.file(&id), &copy).unwrap();
    let kept = std::fs::read(&copy).unwrap();
    let out = export_to(&f, &id, "md", &copy).failure();
    let text = one_sentence(&out.get_output().stderr);
    assert!(text.contains("is a session file"), "{text}");
    assert_eq!(std::fs::read(&copy).unwrap(), kept);

    // Beside the store, an export is written and written again.
    let report = f.dir.path().join("exports").join("r.md");
    export_to(&f, &id, "md", &report).success();
    export_to(&f, &id, "md", &report).success();
    assert!(std::fs::read_to_string(&report).unwrap().contains("Bussen"));
    f.run(&["show", &id]);
}
