//! `sempre plan`, run as a facilitator plans a day: steps made, changed
//! and shown against what happened, another method's phase in a session
//! of its own, the facilitator's script, and every mistake refused in one
//! sentence with the files left as they were.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use common::{sempre, stdout, store};
use serde_json::Value;

fn new_session(store: &Path, title: &str) -> String {
    stdout(sempre(store).args([
        "--lang",
        "en",
        "new",
        "--method",
        "fremtidsvaerksted",
        "--title",
        title,
        "--place",
        "Gellerup",
        "--date",
        "2031-05-20",
    ]))
    .trim()
    .to_string()
}

fn file(store: &Path, id: &str) -> PathBuf {
    store.join(format!("{id}.json"))
}

fn read(store: &Path, id: &str) -> Value {
    serde_json::from_slice(&std::fs::read(file(store, id)).unwrap()).unwrap()
}

fn plan(store: &Path, args: &[&str]) -> String {
    let mut all = vec!["--lang", "en", "plan"];
    all.extend_from_slice(args);
    stdout(sempre(store).args(&all))
}

/// Runs `sempre plan ARGS`, which must fail with one sentence, and
/// returns it.
fn refused(store: &Path, args: &[&str]) -> String {
    let mut all = vec!["--lang", "en", "plan"];
    all.extend_from_slice(args);
    let out = sempre(store).args(&all).assert().failure();
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_eq!(err.trim_end().lines().count(), 1, "one sentence: {err}");
    err
}

fn minutes(session: &Value) -> Vec<u64> {
    session["plan"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["minutes"].as_u64().unwrap())
        .collect()
}

#[test]
fn a_day_planned_on_the_command_line_is_saved_and_read_back() {
    let (_dir, store) = store();
    let id = new_session(&store, "Everyday life");
    assert_eq!(plan(&store, &["fill", &id]), "4 phases are in the plan.\n");
    assert_eq!(
        plan(
            &store,
            &["break", &id, "15", "--label", "Coffee", "--at", "3"]
        ),
        "Step 3 is in the plan: Break: Coffee, 15 min.\n"
    );
    plan(&store, &["minutes", &id, "2", "25"]);
    plan(&store, &["move", &id, "5", "4"]);
    plan(&store, &["remove", &id, "5"]);
    assert_eq!(
        plan(&store, &["start", &id, "9:30"]),
        "The day starts at 09:30.\n"
    );
    let saved = read(&store, &id);
    assert_eq!(minutes(&saved), [15, 25, 15, 45]);
    assert_eq!(saved["plan"]["start"], "09:30:00");
    let items = saved["plan"]["items"].as_array().unwrap();
    assert_eq!(items[2]["label"], "Coffee");
    assert_eq!(items[3]["phase"], "virkeliggoerelse");

    // Read back: the table a person reads, and the JSON a script reads.
    let shown = plan(&store, &["show", &id]);
    assert!(shown.starts_with("The day's plan — Everyday life\nThe day starts at 09:30.\n"));
    for line in [
        "1  09:30  Preparation",
        "2  09:45  Critique",
        "3  10:10  Break: Coffee",
        "4  10:25  Realisation",
    ] {
        assert!(shown.contains(line), "{line} in\n{shown}");
    }
    assert!(
        shown.ends_with("Total 1 h 40 min. The day has not begun.\n"),
        "{shown}"
    );
    let json: Value = serde_json::from_str(&plan(&store, &["show", &id, "--json"])).unwrap();
    assert_eq!(json["planned_minutes"], 100);
    assert_eq!(json["steps"][2]["kind"], "break");
    assert_eq!(json["steps"][3]["starts"], "10:25");
    assert_eq!(json["steps"][0]["progress"], "planned");

    // A phase that is planned already is refused, and so is a full fill.
    let again = refused(&store, &["add", &id, "kritik"]);
    assert!(err_is(
        &again,
        "The phase \"kritik\" is in the plan already, as step 2."
    ));
    assert_eq!(
        plan(&store, &["fill", &id]),
        "1 phase is in the plan.\n",
        "only the phase taken out comes back"
    );
    plan(&store, &["clear", &id]);
    assert!(read(&store, &id).get("plan").is_none());
}

fn err_is(err: &str, sentence: &str) -> bool {
    err.trim_end() == format!("sempre: {sentence}")
}

#[test]
fn another_methods_phase_runs_in_a_linked_session_that_shows_the_same_day() {
    let (_dir, store) = store();
    let id = new_session(&store, "One day");
    plan(&store, &["add", &id, "kritik", "--minutes", "30"]);
    let made = plan(
        &store,
        &["add", &id, "double-diamond:opdag", "--minutes", "40"],
    );
    let mut lines = made.lines();
    let other = lines
        .next()
        .unwrap()
        .strip_prefix("New session for Double Diamond: ")
        .unwrap()
        .to_string();
    assert_eq!(
        lines.next(),
        Some("Step 2 is in the plan: Discover (Double Diamond), 40 min.")
    );
    // The second phase of that method goes to the same session.
    let next = plan(&store, &["add", &other, "double-diamond:definer"]);
    assert!(!next.contains("New session"), "{next}");
    let host = read(&store, &id);
    let linked = read(&store, &other);
    assert_eq!(linked["method"]["id"], "double-diamond");
    assert_eq!(linked["context"]["title"], "One day – Double Diamond");
    assert_eq!(linked["links"][0]["session"].as_str(), Some(id.as_str()));
    assert_eq!(linked["links"][0]["relation"], "follows-from");
    assert!(
        host["links"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["session"] == other.as_str())
    );
    let items = host["plan"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 3, "the plan stays in the first session");
    assert_eq!(items[2]["session"].as_str(), Some(other.as_str()));
    assert!(linked.get("plan").is_none());
    // Either session shows the whole day.
    let from_host = plan(&store, &["show", &id]);
    let from_linked = plan(&store, &["show", &other]);
    assert_eq!(from_host, from_linked);
    assert!(from_host.contains("Define (Double Diamond)"), "{from_host}");
    let refusal = refused(&store, &["add", &id, "double-diamond:nope"]);
    assert!(
        err_is(
            &refusal,
            "The method \"Double Diamond\" has no phase \"nope\"; its phases are: opdag, definer, udvikl, lever."
        ),
        "{refusal}"
    );
}

#[test]
fn mistakes_are_refused_in_one_sentence_and_change_nothing() {
    let (_dir, store) = store();
    let id = new_session(&store, "Careful");
    let nothing = refused(&store, &["show", &id]);
    assert!(
        nothing.contains("The session has no plan for the day."),
        "{nothing}"
    );
    plan(&store, &["fill", &id]);
    let before = std::fs::read(file(&store, &id)).unwrap();
    for (args, sentence) in [
        (
            vec!["start", &id, "25:00"],
            "Write the time as HH:MM, such as 09:30, or none.",
        ),
        (vec!["minutes", &id, "9", "10"], "The plan has no step 9."),
        (vec!["remove", &id, "0"], "The plan has no step 0."),
        (
            vec!["minutes", &id, "1", "0"],
            "A step of the plan lasts from 1 minute to a whole day, not 0 minutes.",
        ),
        (
            vec!["break", &id, "2000"],
            "A step of the plan lasts from 1 minute to a whole day, not 2000 minutes.",
        ),
        (
            vec!["add", &id, "nope:kritik"],
            "There is no method \"nope\"",
        ),
        (
            vec!["add", &id, "double-diamond:opdag", "--minutes", "0"],
            "A step of the plan lasts from 1 minute to a whole day, not 0 minutes.",
        ),
    ] {
        let err = refused(&store, &args);
        assert!(
            err.trim_end().ends_with(sentence) || err.contains(sentence),
            "{args:?}: {err}"
        );
        assert_eq!(
            std::fs::read(file(&store, &id)).unwrap(),
            before,
            "{args:?}"
        );
    }
}

#[test]
fn the_script_has_the_methods_words_and_none_of_the_participants() {
    let (dir, store) = store();
    let id = new_session(&store, "Script day");
    stdout(sempre(&store).args(["add", &id, "--zone", "kritik", "Bussen kommer aldrig"]));
    stdout(sempre(&store).args([
        "add",
        &id,
        "--zone",
        "kritik",
        "--private",
        "Min nabo larmer",
    ]));
    plan(&store, &["fill", &id]);
    plan(
        &store,
        &["break", &id, "30", "--label", "Lunch", "--at", "3"],
    );
    plan(&store, &["start", &id, "09:00"]);
    let out = dir.path().join("script.html");
    let said = plan(&store, &["script", &id, "--out", out.to_str().unwrap()]);
    assert!(said.starts_with("The script is written to "), "{said}");
    let html = std::fs::read_to_string(&out).unwrap();
    for text in [
        "Facilitator&#39;s script for the day",
        "Script day",
        "Gellerup",
        "09:00",
        "Break: Lunch",
        "Critique",
        "Goal",
    ] {
        let text = text.replace("&#39;", "'");
        assert!(
            html.contains(&text) || html.contains(&text.replace('\'', "&#39;")),
            "{text}"
        );
    }
    assert!(!html.contains("Bussen"), "a note's words");
    assert!(!html.contains("nabo"), "a private note's words");
    assert!(!html.contains("<script"), "no scripts");
    // On standard output too; and never into the store.
    let printed = plan(&store, &["script", &id]);
    assert!(printed.starts_with("<!DOCTYPE html>"));
    let inside = store.join("..").join("sessions").join(format!("{id}.json"));
    let before = std::fs::read(file(&store, &id)).unwrap();
    refused(&store, &["script", &id, "--out", inside.to_str().unwrap()]);
    assert_eq!(std::fs::read(file(&store, &id)).unwrap(), before);
}

#[test]
fn after_the_day_the_export_shows_planned_against_actual() {
    let (_dir, store) = store();
    std::fs::create_dir_all(&store).unwrap();
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/example-fremtidsvaerksted.json");
    let session: Value = serde_json::from_slice(&std::fs::read(&example).unwrap()).unwrap();
    let id = session["id"].as_str().unwrap().to_string();
    std::fs::copy(&example, file(&store, &id)).unwrap();
    // The example's day ran from 07:30 (UTC) with no plan; the plan made
    // afterwards is measured against its phase log.
    if read(&store, &id).get("plan").is_some() {
        plan(&store, &["clear", &id]);
    }
    plan(&store, &["fill", &id]);
    plan(&store, &["minutes", &id, "2", "60"]);
    let md = stdout(
        sempre(&store)
            .env("TZ", "UTC")
            .args(["--lang", "en", "export", &id, "--format", "md"]),
    );
    let table = md
        .split("## Planned and actual")
        .nth(1)
        .expect("a plan section");
    assert!(
        table.contains("| 07:30 | Preparation | 15 | 07:30 | 20 | +5 |"),
        "{table}"
    );
    assert!(table.contains("| Critique | 60 |"), "{table}");
    assert!(table.contains("Total "), "{table}");
    let html = stdout(
        sempre(&store)
            .env("TZ", "UTC")
            .args(["--lang", "en", "export", &id, "--format", "html"]),
    );
    assert!(html.contains("Planned and actual"));
    assert!(html.contains("class=\"plan\""));
}
