//! A network's report as a stakeholder reads it, made with the real
//! binary: the heading says when it was made and what period it covers,
//! and a summary comes before the sessions, with actions done, open and
//! overdue per session and in total, and what was completed. Private
//! actions are not counted or named.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use common::{sempre, stdout};

fn example_store() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, store) = common::store();
    std::fs::create_dir_all(&store).unwrap();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
    for entry in std::fs::read_dir(examples).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            std::fs::copy(&path, store.join(path.file_name().unwrap())).unwrap();
        }
    }
    (dir, store)
}

#[test]
fn the_report_opens_with_its_period_and_a_summary_of_the_sessions_and_actions() {
    let (_dir, store) = example_store();
    // One action given up: counted as dropped, neither open nor done.
    let file = store.join("example-fremtidsvaerksted.json");
    let mut s = sempre::store::load_session(&file).unwrap();
    let t = s.updated;
    let given_up = s
        .add_action("Leje et lokale i byen", None, None, t)
        .unwrap();
    s.update_action(
        given_up,
        None,
        None,
        sempre::model::ActionStatus::Dropped,
        t,
    )
    .unwrap();
    sempre::store::save_session(&file, &s).unwrap();
    let today = jiff::Zoned::now().date().to_string();
    let md = stdout(sempre(&store).args([
        "--lang",
        "en",
        "export",
        "--network",
        "LEN Herning",
        "--format",
        "md",
    ]));
    let head: String = md.split("\n---\n").next().unwrap().to_string();
    assert!(head.starts_with("# LEN Herning — report\n"), "{head}");
    assert!(
        head.contains(&format!("Period 2026-09-05 – 2026-10-08 · Made {today}")),
        "{head}"
    );
    assert!(
        head.contains("**2** sessions · **27** participants"),
        "{head}"
    );
    assert!(
        head.contains("| Done | Open | Overdue | Dropped |")
            && head.contains("| **Total** | | | **69** | **4** | **3** | **4** | **3** | **1** |"),
        "{head}"
    );
    assert!(head.contains("### Completed since 2026-09-05"), "{head}");
    assert!(head.contains("- Møde med jobcentret om at godkende forløbet som aktivitet (Double Diamond: Fra idé til egen virksomhed, done 2026-11-11)"), "{head}");

    // The days asked for are the period; completed means within it.
    let md = stdout(sempre(&store).args([
        "--lang",
        "en",
        "export",
        "--network",
        "LEN Herning",
        "--since",
        "2026-09-01",
        "--until",
        "2026-10-31",
        "--format",
        "md",
    ]));
    let head: String = md.split("\n---\n").next().unwrap().to_string();
    assert!(head.contains("Period 2026-09-01 – 2026-10-31"), "{head}");
    assert!(head.contains("### Completed in the period"), "{head}");
    assert!(!head.contains("done 2026-11-11"), "{head}");

    // HTML: the same summary, and a chart drawn without a script.
    let html = stdout(sempre(&store).args([
        "--lang",
        "da",
        "export",
        "--network",
        "LEN Herning",
        "--format",
        "html",
    ]));
    let head = html.split("<section class=\"session\"").next().unwrap();
    assert!(head.contains("Perioden 2026-09-05 – 2026-10-08"));
    assert!(head.contains("<svg class=\"chart\" role=\"img\""));
    assert!(head.contains("Forsinkede") && head.contains("I alt"));
    assert!(!html.contains("<script"));
}

#[test]
fn a_private_action_is_neither_counted_nor_named_in_the_summary() {
    let (_dir, store) = example_store();
    let file = std::fs::read_dir(&store)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("fremtidsvaerksted"))
        .unwrap();
    let mut session: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let mut secret = session["actions"][0].clone();
    secret["id"] = "6f0c8f1e-0000-4000-8000-000000000001".into();
    secret["text"] = "Hemmelig aftale om Zerbrowski".into();
    secret["status"] = "done".into();
    secret["private"] = true.into();
    session["actions"].as_array_mut().unwrap().push(secret);
    std::fs::write(&file, serde_json::to_vec_pretty(&session).unwrap()).unwrap();
    let md = stdout(sempre(&store).args([
        "--lang",
        "en",
        "export",
        "--network",
        "LEN Herning",
        "--format",
        "md",
    ]));
    assert!(!md.contains("Zerbrowski"), "a private action's words");
    assert!(
        md.contains("| **Total** | | | **69** | **4** | **3** | **4** | **3** |"),
        "not counted either:\n{md}"
    );
}

/// "Completed in the period" goes by the day an action was marked done,
/// not by its last change: an owner written in later does not move it.
#[test]
fn an_action_done_in_the_period_stays_there_when_changed_later() {
    let (_dir, store) = example_store();
    let file = store.join("example-fremtidsvaerksted.json");
    let mut s = sempre::store::load_session(&file).unwrap();
    let done_on: jiff::Timestamp = "2026-10-01T10:00:00Z".parse().unwrap();
    let later: jiff::Timestamp = "2026-11-20T10:00:00Z".parse().unwrap();
    // Each change is stamped as a board or the follow-up screen stamps it
    // when it saves.
    let made: jiff::Timestamp = "2026-09-05T15:00:00Z".parse().unwrap();
    let base = s.clone();
    let id = s
        .add_action("Booke salen til workshop nummer to", None, None, made)
        .unwrap();
    sempre::model::record_changes(&base, &mut s, made, "laptop");
    let base = s.clone();
    s.update_action(id, None, None, sempre::model::ActionStatus::Done, done_on)
        .unwrap();
    sempre::model::record_changes(&base, &mut s, done_on, "laptop");
    let base = s.clone();
    s.update_action(
        id,
        Some("Mette"),
        None,
        sempre::model::ActionStatus::Done,
        later,
    )
    .unwrap();
    sempre::model::record_changes(&base, &mut s, later, "laptop");
    sempre::store::save_session(&file, &s).unwrap();
    let md = stdout(sempre(&store).args([
        "--lang",
        "en",
        "export",
        "--network",
        "LEN Herning",
        "--since",
        "2026-09-01",
        "--until",
        "2026-10-31",
        "--format",
        "md",
    ]));
    let head: String = md.split("\n---\n").next().unwrap().to_string();
    assert!(
        head.contains("Booke salen til workshop nummer to (Fremtidsværksted: Arbejde og hverdag i Herning, done 2026-10-01)"),
        "{head}"
    );
}
