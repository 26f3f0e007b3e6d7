//! The habits of a command-line tool, through the real binary: shell
//! completions, the manual page and `--version`.
//!
//! Each completion script is checked by its own shell (`bash -n`, `zsh
//! -n`, `fish -n`) and the manual page is rendered by `man -l`, where the
//! program is installed; `.ci/run` installs them, so in CI (`CI=true`) a
//! missing one fails the test, and elsewhere it is skipped with a note.

#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;

fn sempre(args: &[&str]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("sempre")
        .unwrap()
        .current_dir(dir.path())
        .env_remove("SEMPRE_STORE")
        .env("LANG", "C.UTF-8")
        .env("HOME", dir.path())
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone()
}

/// Whether `program` runs here; outside CI a missing one is skipped with
/// a note, in CI it fails the test.
fn installed(program: &str) -> bool {
    let there = Process::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !there {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{program} is needed in CI (.ci/run installs it)"
        );
        eprintln!("skipped: {program} is not installed");
    }
    there
}

/// Runs `program args… file` and fails the test with what it said.
fn check_with(program: &str, args: &[&str], file: &Path) {
    let out = Process::new(program).args(args).arg(file).output().unwrap();
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn completions_are_made_for_every_shell_and_read_by_it() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, check) in [
        ("bash", Some(("bash", vec!["-n"]))),
        ("zsh", Some(("zsh", vec!["-n"]))),
        ("fish", Some(("fish", vec!["--no-execute"]))),
        ("powershell", None),
        ("elvish", None),
    ] {
        let script = String::from_utf8(sempre(&["completions", shell])).unwrap();
        for word in ["sempre", "show", "export", "completions", "store", "json"] {
            assert!(script.contains(word), "{shell}: no {word}");
        }
        let file = dir.path().join(format!("sempre.{shell}"));
        std::fs::write(&file, &script).unwrap();
        if let Some((program, args)) = check
            && installed(program)
        {
            check_with(program, &args, &file);
        }
    }
    let bad = Command::cargo_bin("sempre")
        .unwrap()
        .args(["completions", "tcsh"])
        .assert()
        .code(2);
    let said = String::from_utf8_lossy(&bad.get_output().stderr).to_string();
    assert!(said.contains("bash") && said.contains("zsh"), "{said}");
}

#[test]
fn bash_completes_the_commands() {
    if !installed("bash") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sempre.bash");
    std::fs::write(&file, sempre(&["completions", "bash"])).unwrap();
    // What bash offers after `sempre WORDS…` with the cursor on `cur`.
    let offered = |words: &[&str], cur: &str, prev: &str| -> Vec<String> {
        let probe = format!(
            "source {}; COMP_WORDS=(sempre {} '{cur}'); COMP_CWORD={}; _sempre sempre '{cur}' '{prev}'; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            file.display(),
            words.join(" "),
            words.len() + 1,
        );
        let out = Process::new("bash").args(["-c", &probe]).output().unwrap();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_string)
            .collect()
    };
    assert!(offered(&[], "sh", "sempre").contains(&"show".to_string()));
    assert_eq!(offered(&["--lang"], "", "--lang"), ["da", "en"]);
    assert!(offered(&["export", "x", "--format"], "", "--format").contains(&"html".to_string()));
    assert_eq!(offered(&["completions"], "fi", "completions"), ["fish"]);
}

#[test]
fn the_manual_page_renders() {
    let page = sempre(&["man"]);
    let text = String::from_utf8(page.clone()).unwrap();
    assert!(
        text.starts_with(".ie") || text.contains(".TH sempre 1"),
        "{text}"
    );
    for word in ["completions", "show", "session format"] {
        assert!(text.contains(word), "no {word} in the page");
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sempre.1");
    std::fs::write(&file, &page).unwrap();

    // One page a command, named as man looks for them.
    let pages = dir.path().join("man1");
    let listed = String::from_utf8(sempre(&["man", "--out", pages.to_str().unwrap()])).unwrap();
    assert!(
        std::fs::read(pages.join("sempre.1")).unwrap() == page,
        "not the same main page"
    );
    for name in ["sempre-show.1", "sempre-list.1", "sempre-completions.1"] {
        assert!(pages.join(name).is_file(), "no {name}");
        assert!(listed.contains(name), "{listed}");
    }
    // Installed for the machine, a page is readable by every user.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(pages.join("sempre.1"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644);
    }

    if !installed("man") {
        return;
    }
    let out = Process::new("man")
        .args(["--warnings", "-l"])
        .arg(&file)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "man warns: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    for heading in [
        "NAME",
        "SYNOPSIS",
        "OPTIONS",
        "SUBCOMMANDS",
        "SESSIONS",
        "ENVIRONMENT",
        "FILES",
        "VERSION",
    ] {
        assert!(shown.contains(heading), "no {heading}: {shown}");
    }
    let show = pages.join("sempre-show.1");
    let out = Process::new("man")
        .args(["--warnings", "-l"])
        .arg(&show)
        .env("MANPAGER", "cat")
        .output()
        .unwrap();
    assert!(out.status.success() && out.stderr.is_empty());
    assert!(String::from_utf8_lossy(&out.stdout).contains("title"));
    assert!(
        shown.contains("SEMPRE_STORE") && shown.contains("æ, ø and å"),
        "{shown}"
    );
}

#[test]
fn the_version_names_the_session_format() {
    let version = String::from_utf8(sempre(&["--version"])).unwrap();
    let expected = format!(
        "sempre {} (session format {})\n",
        env!("CARGO_PKG_VERSION"),
        sempre::model::FORMAT
    );
    assert_eq!(version, expected);
    assert_eq!(String::from_utf8(sempre(&["-V"])).unwrap(), expected);
}

/// `sempre man --out DIR` replaces a page file whole, and a link that
/// stands where a page goes is replaced rather than followed: the file it
/// points to stays as it was.
#[cfg(unix)]
#[test]
fn man_pages_replace_a_link_instead_of_writing_through_it() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("man1");
    std::fs::create_dir_all(&pages).unwrap();
    let precious = dir.path().join("precious.txt");
    std::fs::write(&precious, "keep me").unwrap();
    std::os::unix::fs::symlink(&precious, pages.join("sempre.1")).unwrap();
    sempre(&["man", "--out", pages.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "keep me");
    let page = pages.join("sempre.1");
    assert!(!page.symlink_metadata().unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(page).unwrap().contains(".TH"));
    assert!(pages.join("sempre-plan-show.1").exists());
}
