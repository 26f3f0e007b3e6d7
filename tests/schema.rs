//! The published JSON Schemas match the code, and every method file and
//! example session in the repository follows them.
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
    for format in [Format::Session, Format::Method] {
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
