//! A session outlives its method file: it keeps its method's name and the
//! names of its zones and phases, so `sempre show`, the exports and the
//! board stay readable when a user's method file is removed or changed,
//! and `sempre check` says what happened.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use common::{Tty, sempre, stdout};
use serde_json::Value;

/// A user's own method: the traffic light model under another id.
fn own_method(dir: &Path) -> std::path::PathBuf {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("methods/trafiklys.json");
    let mut m: Value = serde_json::from_slice(&std::fs::read(source).unwrap()).unwrap();
    m["id"] = "vores-lys".into();
    m["name"] = serde_json::json!({ "da": "Vores trafiklys", "en": "Our traffic light" });
    m.as_object_mut().unwrap().remove("$schema");
    std::fs::create_dir_all(dir).unwrap();
    let file = dir.join("vores-lys.json");
    std::fs::write(&file, serde_json::to_vec_pretty(&m).unwrap()).unwrap();
    file
}

#[test]
fn a_session_stays_readable_when_its_method_file_is_gone_or_changed() {
    let (dir, store) = common::store();
    let methods = dir.path().join("methods");
    let file = own_method(&methods);
    let run = |args: &[&str]| {
        let mut all = vec!["--lang", "en", "--methods", methods.to_str().unwrap()];
        all.extend_from_slice(args);
        sempre(&store).args(all).assert()
    };
    let id = String::from_utf8(
        run(&["new", "--method", "vores-lys", "--title", "Hvem bestemmer"])
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    let id = id.trim();
    run(&["add", id, "--zone", "roed", "Huslejen"]).success();
    let path = store.join(format!("{id}.json"));
    let mut session = sempre::store::load_session(&path).unwrap();
    let t = session.updated;
    session
        .add_action("Tale med udlejer", None, None, t)
        .unwrap();
    sempre::store::save_session(&path, &session).unwrap();
    let saved: Value =
        serde_json::from_slice(&std::fs::read(store.join(format!("{id}.json"))).unwrap()).unwrap();
    assert_eq!(saved["method"]["labels"]["name"]["en"], "Our traffic light");
    assert_eq!(saved["method"]["labels"]["zones"][2]["id"], "roed");

    // The method file is removed.
    std::fs::remove_file(&file).unwrap();
    let shown =
        String::from_utf8(run(&["show", id]).success().get_output().stdout.clone()).unwrap();
    assert!(shown.contains("Our traffic light"), "{shown}");
    assert!(
        shown.contains("Red") && shown.contains("Huslejen"),
        "{shown}"
    );
    let md = String::from_utf8(
        run(&["export", id, "--format", "md"])
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    assert!(md.contains("## Red") || md.contains("### Red"), "{md}");
    let checked = run(&["check", id]).failure();
    let said = String::from_utf8(checked.get_output().stdout.clone()).unwrap();
    assert!(
        said.contains(
            "the method \"vores-lys\" is not installed; the session is shown with the names"
        ),
        "{said}"
    );

    // The listings name the method as the session keeps it, not by its id:
    // `list`, the actions' spreadsheet, and the follow-up screen below.
    let listed = String::from_utf8(run(&["list"]).success().get_output().stdout.clone()).unwrap();
    assert!(listed.contains("Our traffic light"), "{listed}");
    assert!(!listed.contains("vores-lys"), "{listed}");
    let csv = String::from_utf8(
        run(&["export", "--actions", "--format", "csv"])
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    assert!(
        csv.lines()
            .any(|l| l.contains("Tale med udlejer") && l.contains("Our traffic light")),
        "{csv}"
    );
    let mut tty = Tty::spawn_with(
        &[],
        &store,
        &["--methods", methods.to_str().unwrap(), "--lang", "en"],
        &[],
    );
    tty.wait_for(&["Sessions", "Hvem bestemmer", "Our traffic light"]);
    tty.send("f");
    tty.wait_for(&["Follow-up", "Our traffic light", "Tale med udlejer"]);
    drop(tty);

    // The board opens it with the names it keeps, and says why.
    let tty = Tty::spawn_with(
        &[],
        &store,
        &["--methods", methods.to_str().unwrap(), "open", id],
        &[],
    );
    tty.wait_for(&[
        "Hvem bestemmer",
        "Red: others",
        "Huslejen",
        "is gone; the board shows",
    ]);
    drop(tty);

    // The method comes back changed: red is gone. check says so, and the
    // note is shown under No zone rather than lost.
    own_method(&methods);
    let mut m: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    m["version"] = 2.into();
    m["zones"]
        .as_array_mut()
        .unwrap()
        .retain(|z| z["id"] != "roed");
    for p in m["phases"].as_array_mut().unwrap() {
        p["zones"].as_array_mut().unwrap().retain(|z| z != "roed");
    }
    std::fs::write(&file, serde_json::to_vec_pretty(&m).unwrap()).unwrap();
    let checked = run(&["check", id]).failure();
    let said = String::from_utf8(checked.get_output().stdout.clone()).unwrap();
    assert!(
        said.contains(
            "has changed since the session was made (version 1 → 2) and no longer has roed"
        ),
        "{said}"
    );
    let shown = stdout(sempre(&store).args([
        "--lang",
        "en",
        "--methods",
        methods.to_str().unwrap(),
        "show",
        id,
    ]));
    assert!(
        shown.contains("Huslejen"),
        "the note is still shown:\n{shown}"
    );
}
