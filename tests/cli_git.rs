//! A store shared through git between two laptops, for real: `sempre
//! store init-git` in each clone, both sides change the same session,
//! git merges it with `sempre merge-driver`, and both clones end up with
//! the same files, every change in them and no conflict markers.

#![allow(clippy::unwrap_used)]

mod merging;

use std::path::{Path, PathBuf};
use std::process::Command;

use merging::{Fixture, change, later, text_of};
use sempre::store::load_session;

/// Whether git can be run; without it the test is skipped, except on CI.
fn have_git() -> bool {
    let found = Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(std::env::var_os("CI").is_none(), "git is needed on CI");
        eprintln!("git is not installed: skipping the git test");
    }
    found
}

/// Runs git in `dir` with the fixture's home and no system settings.
fn git(f: &Fixture, dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("HOME", f.home())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env("SEMPRE_DEVICE", "git-laptop")
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "git {args:?} in {}: {said}",
        dir.display()
    );
    said
}

/// Every file of a clone outside `.git`, with its bytes.
fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name == ".git" || name == ".locks" || name == ".index" {
                continue;
            }
            if path.is_dir() {
                folders.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                found.push((path.strip_prefix(dir).unwrap().to_path_buf(), bytes));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn two_clones_of_a_store_merge_one_session_through_git() {
    if !have_git() {
        return;
    }
    let f = Fixture::new();
    std::fs::write(
        f.home().join(".gitconfig"),
        "[user]\n\tname = Test\n\temail = test@example.org\n\
         [init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n",
    )
    .unwrap();
    let root = f.dir.path();
    git(&f, root, &["init", "--bare", "--quiet", "remote.git"]);
    let remote = f.path("remote.git");
    let (a, b) = (f.path("a"), f.path("b"));

    // Laptop A sets the store up and shares the session as it stands.
    let said = f.run(&a, &["store", "init-git", remote.to_str().unwrap()]);
    assert!(said.contains("git init"), "{said}");
    let again = f.run(&a, &["store", "init-git", remote.to_str().unwrap()]);
    assert!(again.contains("nothing to do"), "not idempotent: {again}");
    let attributes = std::fs::read_to_string(a.join(".gitattributes")).unwrap();
    assert_eq!(attributes, "*.json merge=sempre\n*.JSON merge=sempre\n");
    let id = f.new_session(&a, "Delt lager");
    let sid = id.to_string();
    let edited_on_both = f.add(&a, &sid, "kritik", "Tid");
    let deleted_on_a = f.add(&a, &sid, "kritik", "Penge");
    let edited_on_b = f.add(&a, &sid, "fantasi", "Et hus");
    let file = format!("{sid}.json");
    let (action_kept, action_deleted) = {
        let mut ids = (None, None);
        change(&a.join(&file), later(0), "laptop-a", |s| {
            let at = later(0);
            ids.0 = Some(s.add_action("Ring til kommunen", None, None, at).unwrap());
            ids.1 = Some(s.add_action("Book et lokale", None, None, at).unwrap());
        });
        (ids.0.unwrap(), ids.1.unwrap())
    };
    git(&f, &a, &["add", "-A"]);
    git(&f, &a, &["commit", "--quiet", "-m", "Første udgave"]);
    git(&f, &a, &["push", "--quiet", "-u", "origin", "main"]);

    // Laptop B clones it and sets up its own clone.
    git(
        &f,
        root,
        &["clone", "--quiet", remote.to_str().unwrap(), "b"],
    );
    let said = f.run(&b, &["store", "init-git"]);
    assert!(said.contains("merge.sempre.driver"), "{said}");
    assert!(!said.contains("git init"), "{said}");

    // Both work on the same session apart.
    let a_note = f.add(&a, &sid, "kritik", "Skrevet på A");
    change(&a.join(&file), later(1), "laptop-a", |s| {
        s.edit_note(edited_on_both, "Tid (A)", later(1)).unwrap();
        s.delete_note(deleted_on_a, later(1)).unwrap();
        s.edit_action_text(action_kept, "Ring til kommunen i dag", later(1))
            .unwrap();
    });
    let b_note = f.add(&b, &sid, "virkeliggoerelse", "Skrevet på B");
    change(&b.join(&file), later(2), "laptop-b", |s| {
        s.edit_note(edited_on_both, "Tid (B)", later(2)).unwrap();
        s.edit_note(edited_on_b, "Et hus med have", later(2))
            .unwrap();
        s.remove_action(action_deleted, later(2)).unwrap();
        s.add_action("Skriv til foreningen", None, None, later(2))
            .unwrap();
    });
    let new_on_b = f.new_session(&b, "Ny på B");

    git(&f, &a, &["add", "-A"]);
    git(&f, &a, &["commit", "--quiet", "-m", "A"]);
    git(&f, &a, &["push", "--quiet"]);
    git(&f, &b, &["add", "-A"]);
    git(&f, &b, &["commit", "--quiet", "-m", "B"]);
    let pulled = git(&f, &b, &["pull", "--no-rebase", "--no-edit"]);
    assert!(!pulled.contains("CONFLICT"), "{pulled}");
    assert!(
        pulled.contains("sempre: "),
        "the driver did not run: {pulled}"
    );
    git(&f, &b, &["push", "--quiet"]);
    git(&f, &a, &["pull", "--no-rebase", "--no-edit", "--quiet"]);

    // Both clones hold the same files, to the byte.
    let (in_a, in_b) = (files(&a), files(&b));
    let names: Vec<&PathBuf> = in_a.iter().map(|(p, _)| p).collect();
    assert_eq!(names, in_b.iter().map(|(p, _)| p).collect::<Vec<_>>());
    assert_eq!(in_a, in_b, "the clones differ");
    for (path, bytes) in &in_a {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("<<<<<<<"),
            "conflict markers in {}",
            path.display()
        );
    }
    let s = load_session(&a.join(&file)).unwrap();
    assert_eq!(s, load_session(&b.join(&file)).unwrap());
    assert!(load_session(&a.join(format!("{new_on_b}.json"))).is_ok());

    // Every change is there, and what was deleted stays deleted.
    assert_eq!(text_of(&s, a_note), Some("Skrevet på A"));
    assert_eq!(text_of(&s, b_note), Some("Skrevet på B"));
    assert_eq!(text_of(&s, edited_on_both), Some("Tid (B)"));
    assert_eq!(text_of(&s, edited_on_b), Some("Et hus med have"));
    assert_eq!(text_of(&s, deleted_on_a), None);
    let actions: Vec<&str> = s.actions.iter().map(|x| x.text.as_str()).collect();
    assert!(actions.contains(&"Ring til kommunen i dag"), "{actions:?}");
    assert!(actions.contains(&"Skriv til foreningen"), "{actions:?}");
    assert!(!actions.contains(&"Book et lokale"), "{actions:?}");
    assert_eq!(actions.len(), 2);
    assert_eq!(git(&f, &a, &["status", "--porcelain"]).trim(), "");
}

/// A JSON file in the repository that is no session (a method file, a
/// damaged file) is left to git: the driver exits 1 and does not touch
/// git's copy, so git marks a conflict as usual.
#[test]
fn the_merge_driver_leaves_what_is_not_a_session_to_git() {
    let f = Fixture::new();
    let store = f.path("store");
    let id = f.new_session(&store, "Driver");
    let session = store.join(format!("{id}.json"));
    let ours = f.path("ours.json");
    std::fs::write(&ours, "{\"id\": \"fremtidsvaerksted\", \"zones\": []}").unwrap();
    std::fs::copy(&session, f.path("theirs.json")).unwrap();
    std::fs::copy(&session, f.path("base.json")).unwrap();
    let out = f
        .sempre(&store, "laptop")
        .args(["merge-driver", "base.json", "ours.json", "theirs.json"])
        .assert()
        .code(1);
    assert!(out.get_output().stdout.is_empty());
    let text = std::fs::read_to_string(&ours).unwrap();
    assert_eq!(text, "{\"id\": \"fremtidsvaerksted\", \"zones\": []}");

    // Both sides added the same session (an empty base): a two-way merge.
    std::fs::copy(&session, &ours).unwrap();
    let note = f.add(&store, "theirs.json", "kritik", "Fra den anden side");
    std::fs::write(f.path("empty.json"), "").unwrap();
    for base in ["empty.json", "missing.json"] {
        let out = f
            .sempre(&store, "laptop")
            .args(["merge-driver", base, "ours.json", "theirs.json"])
            .assert()
            .success();
        assert!(out.get_output().stdout.is_empty(), "stdout must stay quiet");
        let merged = load_session(&ours).unwrap();
        assert_eq!(text_of(&merged, note), Some("Fra den anden side"));
    }
}
