//! `sempre methods check`: every mistake of a method file in one run,
//! each with the path of its field, in the language asked for; and the
//! built-in methods check clean.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use common::{sempre, stdout};

fn invalid(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/invalid_methods/{name}.json"))
}

/// What `sempre --lang LANG methods check FILE...` prints, asserting that
/// it fails.
fn check_fails(lang: &str, files: &[PathBuf]) -> String {
    let store = tempfile::tempdir().unwrap();
    let out = sempre(store.path())
        .args(["--lang", lang, "methods", "check"])
        .args(files)
        .assert()
        .failure();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// The lines under the file's name, each `path: what is wrong`.
fn mistakes(out: &str) -> Vec<&str> {
    out.lines().filter_map(|l| l.strip_prefix("  ")).collect()
}

#[test]
fn a_file_with_many_mistakes_reports_every_one_with_its_path() {
    let english = check_fails("en", &[invalid("many-mistakes")]);
    let expected = [
        ("name.en", "the English text is empty"),
        (
            "phases[0].asks[0]",
            "\"discus\" is not allowed here; did you mean `discuss`?",
        ),
        (
            "phases[1].goal",
            "missing; it should be a text in Danish and English",
        ),
        ("phases[2].minuts", "unknown field; did you mean `minutes`?"),
        (
            "phases[3].minutes",
            "should be a whole number, not the text \"45\"",
        ),
        ("phases[4].zones[0]", "there is no zone \"virkeliggorelse\""),
        ("version", "-1 is out of range"),
        ("zones[1].id", "the zone id \"kritik\" is used twice"),
        (
            "zones[2].colour",
            "\"purpel\" is not allowed here; did you mean `purple`?",
        ),
    ];
    let lines = mistakes(&english);
    assert!(
        english.starts_with(&format!(
            "{}: {} mistakes\n",
            invalid("many-mistakes").display(),
            lines.len()
        )),
        "{english}"
    );
    for (path, what) in expected {
        let prefix = format!("{path}: ");
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(&prefix) && l.contains(what)),
            "no `{path}: {what}` in\n{english}"
        );
    }
    // The misspelt field is reported once, as the misspelling.
    assert!(!english.contains("phases[2].minutes:"), "{english}");

    let danish = check_fails("da", &[invalid("many-mistakes")]);
    let expected = [
        ("name.en", "den engelske tekst er tom"),
        (
            "phases[0].asks[0]",
            "\"discus\" kan ikke stå her; mente du `discuss`?",
        ),
        (
            "phases[1].goal",
            "mangler; det skal være en tekst på dansk og engelsk",
        ),
        ("phases[2].minuts", "ukendt felt; mente du `minutes`?"),
        (
            "phases[3].minutes",
            "skal være et helt tal, ikke teksten \"45\"",
        ),
        (
            "phases[4].zones[0]",
            "der er ingen zone \"virkeliggorelse\"",
        ),
        ("version", "-1 er uden for området"),
        ("zones[1].id", "zonens id \"kritik\" bruges to gange"),
        (
            "zones[2].colour",
            "\"purpel\" kan ikke stå her; mente du `purple`?",
        ),
    ];
    let lines = mistakes(&danish);
    assert_eq!(lines.len(), mistakes(&english).len(), "{danish}");
    for (path, what) in expected {
        let prefix = format!("{path}: ");
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(&prefix) && l.contains(what)),
            "no `{path}: {what}` in\n{danish}"
        );
    }
}

/// The words of `line` that are the program's own: the field's path at
/// the start, and the file's own words quoted in backticks or quotation
/// marks, are left out.
fn own_words(line: &str) -> Vec<String> {
    let text = line.split_once(": ").map_or(line, |(_, rest)| rest);
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted: Option<char> = None;
    for c in text.chars() {
        match quoted {
            Some(q) if c == q => quoted = None,
            Some(_) => {}
            None if c == '`' || c == '"' => quoted = Some(c),
            None if c.is_alphanumeric() => word.push(c),
            None => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word).to_lowercase());
                }
            }
        }
    }
    if !word.is_empty() {
        words.push(word.to_lowercase());
    }
    words
}

#[test]
fn a_danish_run_says_everything_in_danish() {
    let files = [
        "many-mistakes",
        "broken-json",
        "grid-overlap",
        "id-not-file-name",
        "missing-translation",
        "unknown-field",
        "unknown-shape",
        "write-without-zone",
        "wrong-type",
        "zone-typo",
    ]
    .map(invalid);
    let mut files = files.to_vec();
    files.push(PathBuf::from("no-such-method.json"));
    let danish = check_fails("da", &files);
    // English words the messages used to have. Not "zone" or "layout":
    // Danish says them too ("zonen", "layoutet"); nor "a" (as in "a-z")
    // or "at", a Danish word as well.
    let english = [
        "the",
        "there",
        "is",
        "are",
        "missing",
        "expected",
        "unknown",
        "field",
        "fields",
        "invalid",
        "type",
        "must",
        "should",
        "needs",
        "need",
        "empty",
        "twice",
        "used",
        "only",
        "not",
        "did",
        "you",
        "mean",
        "line",
        "column",
        "text",
        "number",
        "whole",
        "list",
        "object",
        "phase",
        "phases",
        "zones",
        "cell",
        "grid",
        "tree",
        "file",
        "no",
        "such",
        "mistake",
        "mistakes",
        "value",
        "allowed",
        "it",
        "can",
        "be",
        "of",
        "key",
        "string",
        "range",
        "or",
        "and",
        "version",
        "starts",
        "overlaps",
        "reaches",
        "outside",
        "match",
        "name",
        "danish",
        "english",
        "shape",
        "ok",
        "directory",
        "os",
        "error",
    ];
    let mut lines = 0;
    for line in danish.lines() {
        let line = line.trim_start();
        // A file's header line: the file's name, then the count.
        let line = match line.rsplit_once(".json: ") {
            Some((_, rest)) => rest,
            None => line,
        };
        for word in own_words(line) {
            assert!(
                !english.contains(&word.as_str()),
                "the English word {word:?} in {line:?}:\n{danish}"
            );
        }
        lines += 1;
    }
    assert!(lines >= 25, "{danish}");
    assert!(danish.contains("filen findes ikke"), "{danish}");
    assert!(danish.contains("linje 3, kolonne 23"), "{danish}");
}

#[test]
fn a_missing_goal_names_exactly_its_path() {
    for (lang, missing) in [("en", "missing"), ("da", "mangler")] {
        let out = check_fails(lang, &[invalid("missing-goal")]);
        let lines = mistakes(&out);
        assert_eq!(lines.len(), 1, "{out}");
        assert!(
            lines[0].starts_with(&format!("phases[1].goal: {missing}; ")),
            "{out}"
        );
        assert!(!out.contains("top level"), "{out}");
    }
}

#[test]
fn a_syntax_error_gives_line_and_column() {
    let out = check_fails("en", &[invalid("broken-json")]);
    assert_eq!(
        mistakes(&out),
        ["line 3, column 23: not valid JSON: key must be a string"],
        "{out}"
    );
    let out = check_fails("da", &[invalid("broken-json")]);
    assert_eq!(
        mistakes(&out),
        ["linje 3, kolonne 23: ikke gyldig JSON: et feltnavn skal stå i anførselstegn"],
        "{out}"
    );
}

#[test]
fn the_built_in_methods_all_check_clean() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("methods");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let store = tempfile::tempdir().unwrap();
    let out = stdout(
        sempre(store.path())
            .args(["--lang", "en", "methods", "check"])
            .args(&files),
    );
    assert_eq!(out.lines().count(), files.len(), "{out}");
    assert!(out.lines().all(|l| l.contains(": ok (")), "{out}");
}

#[test]
fn without_files_the_methods_folder_is_checked() {
    let store = tempfile::tempdir().unwrap();
    let methods = store.path().join("mine");
    std::fs::create_dir(&methods).unwrap();
    std::fs::copy(invalid("missing-goal"), methods.join("missing-goal.json")).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("methods/rygsaek.json"),
        methods.join("rygsaek.json"),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path, m| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m));
        mode(&methods, 0o755).unwrap();
        mode(&methods.join("missing-goal.json"), 0o644).unwrap();
        mode(&methods.join("rygsaek.json"), 0o644).unwrap();
    }
    let out = sempre(store.path())
        .args(["--lang", "en", "--methods"])
        .arg(&methods)
        .args(["methods", "check"])
        .assert()
        .failure();
    let out = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        out.contains("missing-goal.json: 1 mistake\n  phases[1].goal: missing"),
        "{out}"
    );
    assert!(out.contains("rygsaek.json: ok (rygsaek"), "{out}");
}

#[test]
fn a_file_name_that_does_not_fit_the_id_is_reported_beside_other_mistakes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("vores.json");
    std::fs::copy(invalid("missing-goal"), &file).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let out = check_fails("en", &[file]);
    assert_eq!(
        mistakes(&out),
        [
            "id: the id \"missing-goal\" must match the file name \"vores.json\"",
            "phases[1].goal: missing; it should be a text in Danish and English: {\"da\": \"…\", \"en\": \"…\"}",
        ],
        "{out}"
    );
}

#[test]
fn fields_written_twice_are_reported_beside_the_other_mistakes() {
    let source = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("methods/trafiklys.json"),
    )
    .unwrap();
    // `version` twice at the top, `minutes` twice in a phase, and a
    // version that is out of range: three mistakes, all in one run.
    let text = source
        .replacen("\"version\": 1,", "\"version\": 1, \"version\": -1,", 1)
        .replacen("\"minutes\":", "\"minutes\": 5, \"minutes\":", 1);
    assert_ne!(text, source);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("trafiklys.json");
    std::fs::write(&file, &text).unwrap();
    let out = check_fails("en", &[file]);
    let lines = mistakes(&out);
    assert!(
        lines.contains(&"version: the field is written twice; keep one"),
        "{out}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("version: -1 is out of range")),
        "{out}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("phases[0].minutes: the field is written twice")),
        "{out}"
    );
    assert_eq!(lines.len(), 3, "{out}");
}

/// A methods folder other users can change is refused by the library, so
/// `methods check` says so rather than calling its files ok.
#[cfg(unix)]
#[test]
fn a_folder_others_can_change_is_refused_not_checked() {
    use std::os::unix::fs::PermissionsExt;
    let store = tempfile::tempdir().unwrap();
    let methods = store.path().join("shared");
    std::fs::create_dir(&methods).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("methods/rygsaek.json"),
        methods.join("rygsaek.json"),
    )
    .unwrap();
    std::fs::set_permissions(&methods, std::fs::Permissions::from_mode(0o777)).unwrap();
    let out = sempre(store.path())
        .args(["--lang", "en", "--methods"])
        .arg(&methods)
        .args(["methods", "check"])
        .assert()
        .failure();
    let out = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(out.contains("other users can change it"), "{out}");
    assert!(!out.contains(": ok ("), "{out}");
}
