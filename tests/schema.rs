//! The published JSON Schemas match the code, and every method file and
//! example session in the repository follows them, as do `sempre list
//! --json` and `sempre show --json` run on the examples.
//!
//! After changing a file format on purpose, run
//! `SEMPRE_BLESS=1 cargo test --test schema` to write the new schemas.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use sempre::methods::MethodLibrary;
use sempre::schema::{Format, schema_text};
use sempre::store::load_session;
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn json_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn committed(format: Format) -> String {
    let path = root().join(format.doc_file());
    if std::env::var_os("SEMPRE_BLESS").is_some() {
        std::fs::write(&path, schema_text(format)).unwrap();
    }
    std::fs::read_to_string(&path).unwrap_or_default()
}

#[test]
fn committed_schemas_match_the_code() {
    for format in Format::ALL {
        assert!(
            committed(format) == schema_text(format),
            "{} is out of date; run SEMPRE_BLESS=1 cargo test --test schema",
            format.doc_file()
        );
    }
}

fn validator(format: Format) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&committed(format)).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn assert_valid(validator: &jsonschema::Validator, path: &Path) {
    let value: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
}

#[test]
fn every_method_file_follows_the_method_schema() {
    let v = validator(Format::Method);
    for path in json_files("methods") {
        assert_valid(&v, &path);
    }
}

#[test]
fn every_example_session_follows_the_schema_and_its_method() {
    let v = validator(Format::Session);
    let library = MethodLibrary::builtin();
    let files = json_files("sessions");
    let mut methods: Vec<String> = Vec::new();
    for path in &files {
        assert_valid(&v, path);
        let session = load_session(path).unwrap();
        let method = library.require(&session.method.id).unwrap();
        let problems = session.inconsistencies(method);
        assert!(problems.is_empty(), "{}: {problems:?}", path.display());
        assert!(
            session.notes.len() >= 8,
            "{}: an example worth reading",
            path.display()
        );
        methods.push(session.method.id.clone());
    }
    for loaded in library.all() {
        assert!(
            methods.contains(&loaded.method.id),
            "no example session for {}",
            loaded.method.id
        );
    }
}

#[test]
fn the_schema_rejects_what_the_loader_rejects() {
    let v = validator(Format::Session);
    let bad = serde_json::json!({"format": 1, "id": "not-a-uuid"});
    assert!(!v.is_valid(&bad));
}

/// A copy of the example sessions (listing writes the store's index).
fn copied_examples() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for file in json_files("sessions") {
        std::fs::copy(&file, dir.path().join(file.file_name().unwrap())).unwrap();
    }
    dir
}

fn sempre(store: &Path, args: &[&str]) -> Value {
    let out = assert_cmd::Command::cargo_bin("sempre")
        .unwrap()
        .arg("--store")
        .arg(store)
        .args(args)
        .env("LANG", "C.UTF-8")
        .env_remove("SEMPRE_LANG")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

fn assert_follows(validator: &jsonschema::Validator, value: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

#[test]
fn list_json_follows_its_schema() {
    let store = copied_examples();
    let listed = sempre(store.path(), &["list", "--json"]);
    assert_eq!(
        listed.as_array().unwrap().len(),
        json_files("sessions").len()
    );
    assert_follows(&validator(Format::List), &listed, "sempre list --json");
    let filtered = sempre(
        store.path(),
        &["list", "--json", "--text", "nothing-like-this"],
    );
    assert_follows(&validator(Format::List), &filtered, "an empty list");
    // The schema is strict: a field the type lacks is refused, so output
    // and schema cannot drift apart unnoticed.
    let mut extra = listed.clone();
    extra[0]["secret"] = Value::from("x");
    assert!(!validator(Format::List).is_valid(&extra));
}

#[test]
fn show_json_follows_the_session_schema_and_keeps_private_words_out() {
    let store = copied_examples();
    let v = validator(Format::Session);
    let mut with_private = 0;
    for path in json_files("sessions") {
        let session = load_session(&path).unwrap();
        let id = session.id.to_string();
        // Each private note's words as JSON writes them.
        let private: Vec<String> = session
            .notes
            .iter()
            .filter(|n| n.private)
            .map(|n| {
                serde_json::to_string(&n.text)
                    .unwrap()
                    .trim_matches('"')
                    .to_string()
            })
            .collect();
        let shown = sempre(store.path(), &["show", &id, "--json"]);
        assert_follows(&v, &shown, &format!("sempre show {id} --json"));
        let text = shown.to_string();
        for words in &private {
            assert!(
                !text.contains(words.as_str()),
                "{id}: private words in show --json"
            );
        }
        // Asked for with --private, they are there, still as a session.
        let all = sempre(store.path(), &["show", &id, "--json", "--private"]);
        assert_follows(&v, &all, &format!("sempre show {id} --json --private"));
        assert_eq!(all["notes"].as_array().unwrap().len(), session.notes.len());
        if !private.is_empty() {
            with_private += 1;
            assert!(all.to_string().contains(private[0].as_str()));
        }
    }
    assert!(with_private > 0, "an example with private notes");
}
