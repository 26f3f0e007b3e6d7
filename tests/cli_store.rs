//! The store's promises at its edges, through the real binary: an export
//! never replaces or shadows a session, a save never overwrites what it
//! did not see, links are never followed, and leftovers are cleared.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

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
        let bin = assert_cmd::cargo::cargo_bin("sempre");
        Command::from_std(self.std_cmd(std::process::Command::new(bin)))
    }

    /// `cmd` (sempre, or a program that runs it) set up for the fixture.
    fn std_cmd(&self, mut cmd: std::process::Command) -> std::process::Command {
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
            assert_eq!(
                f.snapshot(),
                before,
                "{} changed the store",
                target.display()
            );
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

/// Whether this process runs as root, for whom permission bits do not
/// count.
#[cfg(unix)]
fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    let probe = tempfile::NamedTempFile::new().unwrap();
    probe.as_file().metadata().unwrap().uid() == 0
}

/// A command running sempre as a user for whom permission bits count:
/// itself when not root; as root, `nobody` through `setpriv`, after the
/// fixture's files are given to `nobody`. `None` (with the reason
/// printed) where neither is possible.
#[cfg(unix)]
fn unprivileged(f: &Fixture) -> Option<std::process::Command> {
    let bin = assert_cmd::cargo::cargo_bin("sempre");
    let cmd = if !is_root() {
        std::process::Command::new(&bin)
    } else if std::process::Command::new("setpriv")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        give_to_nobody(f.dir.path());
        let mut cmd = std::process::Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(&bin);
        cmd
    } else {
        eprintln!("skipped: running as root without setpriv, so permission bits cannot be tested");
        return None;
    };
    Some(f.std_cmd(cmd))
}

#[cfg(unix)]
fn give_to_nobody(dir: &Path) {
    std::os::unix::fs::chown(dir, Some(65534), Some(65534)).unwrap();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() && !path.is_symlink() {
            give_to_nobody(&path);
        } else {
            std::os::unix::fs::lchown(&path, Some(65534), Some(65534)).unwrap();
        }
    }
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(unix)]
#[test]
fn links_are_refused_never_followed() {
    let f = Fixture::new();
    let id = f.new_session();
    // A session file that is a link to a session elsewhere.
    let real = f.dir.path().join("real.json");
    std::fs::copy(f.file(&id), &real).unwrap();
    let alias = f.store().join("alias.json");
    std::os::unix::fs::symlink(&real, &alias).unwrap();
    let kept = std::fs::read(&real).unwrap();
    let out = f
        .cmd()
        .args(["add", alias.to_str().unwrap(), "--zone", "kritik", "x"])
        .assert()
        .failure();
    let text = one_sentence(&out.get_output().stderr);
    assert!(text.contains("symbolic link"), "{text}");
    assert_eq!(std::fs::read(&real).unwrap(), kept);
    let checked = f.cmd().arg("check").assert().failure();
    let report = String::from_utf8_lossy(&checked.get_output().stdout).to_string();
    assert!(
        report.contains("symbolic link") && report.contains("alias.json"),
        "{report}"
    );

    // A `.locks` folder that is a link: nothing is made where it points.
    let elsewhere = f.dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::remove_dir_all(f.store().join(".locks")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, f.store().join(".locks")).unwrap();
    let before = std::fs::read(f.file(&id)).unwrap();
    let out = f
        .cmd()
        .args(["add", &id, "--zone", "kritik", "x"])
        .assert()
        .failure();
    let text = one_sentence(&out.get_output().stderr);
    assert!(
        text.contains("symbolic link") && text.ends_with(".locks."),
        "the reason first, the folder last: {text}"
    );
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    assert_eq!(std::fs::read(f.file(&id)).unwrap(), before);
}

#[test]
fn add_on_a_file_that_is_not_a_session_creates_nothing() {
    let f = Fixture::new();
    let folder = f.dir.path().join("papers");
    std::fs::create_dir(&folder).unwrap();
    let notes = folder.join("notes.json");
    std::fs::write(&notes, "{\"shopping\": [\"milk\"]}").unwrap();
    let out = f
        .cmd()
        .args(["add", notes.to_str().unwrap(), "--zone", "kritik", "x"])
        .assert()
        .failure();
    one_sentence(&out.get_output().stderr);
    let left: Vec<_> = std::fs::read_dir(&folder).unwrap().collect();
    assert_eq!(left.len(), 1, "no lock folder, no temporary file");
    assert_eq!(
        std::fs::read_to_string(&notes).unwrap(),
        "{\"shopping\": [\"milk\"]}"
    );
}

#[test]
fn leftover_copies_of_killed_saves_are_cleared_and_check_reports_them() {
    let f = Fixture::new();
    let a = f.new_session();
    let b = f.new_session();
    let copy = std::fs::read(f.file(&a)).unwrap();
    let left_a = f.store().join(format!(".{a}.json.k1ll3d.tmp"));
    let left_b = f.store().join(format!(".{b}.json.RuNn1n.tmp"));
    std::fs::write(&left_a, &copy).unwrap();
    std::fs::write(&left_b, &copy).unwrap();
    // A board has b open, so its temporary file may be a save running now.
    let lock = sempre::store::SessionLock::try_acquire(&f.file(&b)).unwrap();
    assert!(lock.is_some());
    let report = f.run(&["check"]);
    assert!(
        report.contains(&format!("Removed {}", left_a.display())),
        "{report}"
    );
    assert!(report.contains("save running now"), "{report}");
    assert!(!left_a.exists() && left_b.exists());
    drop(lock);
    // A command on one session leaves the folder alone; one that reads
    // the whole store clears what no save owns.
    f.run(&["show", &a]);
    assert!(left_b.exists());
    f.run(&["list"]);
    assert!(!left_b.exists());
    let report = f.run(&["check"]);
    assert!(!report.contains("temporary"), "{report}");
}

#[test]
fn add_waits_for_another_command_but_not_for_a_board() {
    use sempre::store::{Holder, SessionLock};
    let f = Fixture::new();
    let id = f.new_session();
    let file = f.file(&id);

    // Another command is writing: add waits, then adds.
    let lock = SessionLock::try_acquire_as(&file, Holder::Command).unwrap();
    assert!(lock.is_some());
    let bin = assert_cmd::cargo::cargo_bin("sempre");
    let mut child = f
        .std_cmd(std::process::Command::new(bin))
        .args(["add", &id, "--zone", "kritik", "ventede"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(child.try_wait().unwrap().is_none(), "add is waiting");
    drop(lock);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read_to_string(&file).unwrap().contains("ventede"));

    // A board holds it: waiting would not help, so add says so at once.
    let board = SessionLock::try_acquire(&file).unwrap();
    assert!(board.is_some());
    let out = f
        .cmd()
        .args(["add", &id, "--zone", "kritik", "x"])
        .assert()
        .failure();
    let text = one_sentence(&out.get_output().stderr);
    assert!(
        text.contains("open for editing in another sempre window"),
        "{text}"
    );
    drop(board);

    // A command that goes on too long: add gives up with its own reason.
    let slow = SessionLock::try_acquire_as(&file, Holder::Command).unwrap();
    assert!(slow.is_some());
    let before = std::fs::read(&file).unwrap();
    let out = f
        .cmd()
        .args(["add", &id, "--zone", "kritik", "x"])
        .assert()
        .failure();
    let text = one_sentence(&out.get_output().stderr);
    assert!(
        text.contains("being written by another sempre command"),
        "{text}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn a_folder_that_cannot_be_read_never_hears_unchanged_after_the_rename() {
    let f = Fixture::new();
    let id = f.new_session();
    let file = f.file(&id);
    let Some(mut cmd) = unprivileged(&f) else {
        return;
    };
    // Write and enter, but not read: the rename works, flushing the
    // folder (which needs to open it) does not.
    set_mode(&f.store(), 0o300);
    let out = cmd
        .args([
            "add",
            file.to_str().unwrap(),
            "--zone",
            "kritik",
            "kun én gang",
        ])
        .output()
        .unwrap();
    set_mode(&f.store(), 0o700);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("unchanged"), "{stderr}");
    assert!(stderr.contains("do not repeat it"), "{stderr}");
    let saved = std::fs::read_to_string(&file).unwrap();
    assert_eq!(saved.matches("kun én gang").count(), 1);
}

#[cfg(unix)]
#[test]
fn add_to_a_store_that_cannot_be_written_says_so_and_writes_nothing() {
    let f = Fixture::new();
    let id = f.new_session();
    let before = f.snapshot();
    let Some(mut cmd) = unprivileged(&f) else {
        return;
    };
    set_mode(&f.store(), 0o500);
    let out = cmd
        .args(["add", &id, "--zone", "kritik", "x"])
        .output()
        .unwrap();
    set_mode(&f.store(), 0o700);
    assert!(!out.status.success());
    let text = one_sentence(&out.stderr);
    assert!(text.contains("cannot be written"), "{text}");
    assert_eq!(f.snapshot(), before);
}

fn has_bytes(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn list_answers_from_its_index_and_the_index_never_holds_private_words() {
    let f = Fixture::new();
    let id = f.new_session();
    let index = f.store().join(".index").join("sessions.sqlite");
    f.run(&[
        "add",
        &id,
        "--zone",
        "kritik",
        "Kaffeautomaten er i stykker",
    ]);
    let args = [
        "add",
        &id,
        "--zone",
        "kritik",
        "--private",
        "Gældsrådgivningen",
    ];
    f.run(&args);
    let found = |word: &str| f.run(&["list", "--json", "--text", word]).contains(&id);
    assert!(found("kaffeautomaten"));
    assert!(index.is_file(), "list made no index");
    assert!(!found("gældsrådgivningen"));
    // Each change is seen at once: the index is keyed by the file.
    f.run(&["add", &id, "--zone", "kritik", "Cykelværkstedet"]);
    assert!(found("cykelværkstedet"));
    let bytes = std::fs::read(&index).unwrap();
    assert!(has_bytes(&bytes, "cykelværkstedet"));
    assert!(!has_bytes(&bytes, "ldsrådgivningen"));

    // Removing the index loses nothing, and a broken one is made again.
    std::fs::remove_dir_all(f.store().join(".index")).unwrap();
    assert!(found("kaffeautomaten"));
    std::fs::write(&index, "garbage, not a database").unwrap();
    assert!(found("cykelværkstedet"));
    assert!(!f.run(&["list"]).contains("garbage"));
    // The index is not a session: check finds nothing wrong.
    f.cmd().arg("check").assert().success();
}

#[test]
#[cfg(unix)]
fn list_on_a_store_that_cannot_be_written_reads_the_files() {
    let f = Fixture::new();
    let id = f.new_session();
    f.run(&["add", &id, "--zone", "kritik", "Kaffeautomaten"]);
    let before = f.snapshot();
    let Some(mut cmd) = unprivileged(&f) else {
        return;
    };
    set_mode(&f.store(), 0o500);
    let out = cmd
        .args(["list", "--text", "kaffeautomaten"])
        .output()
        .unwrap();
    set_mode(&f.store(), 0o700);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains(&id[..8]));
    assert_eq!(f.snapshot(), before);
}

#[test]
fn several_listings_at_once_share_one_index() {
    let f = Fixture::new();
    for n in 0..40 {
        let title = format!("Samtale {n}");
        f.run(&["new", "--method", "rygsaek", "--title", &title]);
    }
    // Four processes build the missing index at the same time: each waits
    // for the others and all say the same.
    let children: Vec<_> = (0..4)
        .map(|_| {
            let bin = assert_cmd::cargo::cargo_bin("sempre");
            f.std_cmd(std::process::Command::new(bin))
                .args(["list", "--json"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outputs: Vec<_> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    for out in &outputs {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.stdout, outputs[0].stdout);
    }
    let listed: serde_json::Value = serde_json::from_slice(&outputs[0].stdout).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 40);
    assert_eq!(
        f.run(&["list", "--json"]).as_bytes(),
        &outputs[0].stdout[..]
    );
}

#[test]
fn a_session_file_named_in_upper_case_is_listed_and_opened() {
    let f = Fixture::new();
    let id = f.new_session();
    f.run(&["add", &id, "--zone", "kritik", "Kopi fra en anden computer"]);
    let upper = f.store().join("KOPI-FRA-WINDOWS.JSON");
    std::fs::rename(f.file(&id), &upper).unwrap();
    let listed = f.run(&["list"]);
    assert!(listed.contains(&id[..8]), "{listed}");
    let shown = f.run(&["show", &id[..8]]);
    assert!(shown.contains("Kopi fra en anden computer"), "{shown}");
    assert!(f.run(&["list", "--text", "computer"]).contains(&id[..8]));
}
