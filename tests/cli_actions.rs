//! `sempre export --actions` through the real binary, over a copy of the
//! example sessions with three more actions in the Future Workshop (LEN
//! Herning): one whose text looks like a formula and that is long overdue,
//! one without a due date, and two private ones (chosen private, and made
//! from a private note) whose words must never leave.

#![allow(clippy::unwrap_used)]

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use common::{sempre, stdout};
use icalendar::{Component, EventLike};
use jiff::civil::date;
use predicates::prelude::*;
use sempre::methods::MethodLibrary;
use sempre::model::{ActionStatus, Item, NewNote, Session};
use sempre::store::{load_session, save_session};

const FORMULA: &str = "=HYPERLINK(\"http://x\";\"klik\")";
const UNDATED: &str = "Finde en dato for næste møde";
const CHOSEN_SECRET: &str = "Tale med Amals sagsbehandler om gælden";
const NOTE_SECRET: &str = "Min bror må ikke vide det";
const FROM_SECRET: &str = "Hjælpe med brevet fra kommunen om broren";

struct Store {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

/// The examples, the Future Workshop with the actions above.
fn store() -> Store {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sessions");
    std::fs::create_dir(&path).unwrap();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
    for entry in std::fs::read_dir(examples).unwrap() {
        let from = entry.unwrap().path();
        if from.extension().is_some_and(|e| e == "json") {
            std::fs::copy(&from, path.join(from.file_name().unwrap())).unwrap();
        }
    }
    let file = path.join("example-fremtidsvaerksted.json");
    let mut s = load_session(&file).unwrap();
    let library = MethodLibrary::builtin();
    let m = library.get("fremtidsvaerksted").unwrap();
    let t = s.updated;
    let formula = s.add_action(FORMULA, None, None, t).unwrap();
    s.update_action(
        formula,
        Some("@Mette"),
        Some(date(2000, 1, 1)),
        ActionStatus::Open,
        t,
    )
    .unwrap();
    s.add_action(UNDATED, None, None, t).unwrap();
    let chosen = s.add_action(CHOSEN_SECRET, None, None, t).unwrap();
    s.update_action(
        chosen,
        None,
        Some(date(2026, 12, 24)),
        ActionStatus::Open,
        t,
    )
    .unwrap();
    s.set_item_private(Item::Action(chosen), true, t).unwrap();
    let note = s
        .add_note(
            m,
            NewNote {
                private: true,
                ..NewNote::new("kritik", NOTE_SECRET)
            },
            t,
        )
        .unwrap();
    let from = s.add_action(FROM_SECRET, Some(note), None, t).unwrap();
    s.update_action(from, None, Some(date(2026, 12, 20)), ActionStatus::Open, t)
        .unwrap();
    assert!(s.is_private(Item::Action(from)), "made from a private note");
    save_session(&file, &s).unwrap();
    Store { _dir: dir, path }
}

fn sessions(store: &Path) -> Vec<Session> {
    std::fs::read_dir(store)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| load_session(&p).unwrap())
        .collect()
}

fn secrets_absent(text: &str) {
    for secret in [CHOSEN_SECRET, NOTE_SECRET, FROM_SECRET, "broren"] {
        assert!(!text.contains(secret), "{secret:?} left the machine");
    }
}

fn table(csv: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn csv_lists_every_public_action_with_its_session_and_makes_formulas_text() {
    let s = store();
    let csv = stdout(sempre(&s.path).args(["export", "--actions", "--format", "csv"]));
    secrets_absent(&csv);
    let rows = table(&csv);
    assert_eq!(
        rows[0],
        [
            "session",
            "session date",
            "method",
            "network",
            "action",
            "owner",
            "due",
            "status",
            "days overdue"
        ]
    );
    let public: usize = sessions(&s.path)
        .iter()
        .map(|s| s.actions.iter().filter(|a| !a.private).count())
        .sum();
    assert_eq!(rows.len() - 1, public, "one row per public action");
    assert_eq!(public, 52, "the examples' 50 and two of the four added");

    // The long-overdue one comes first, its text and owner made inert.
    let first = &rows[1];
    assert_eq!(first[4], format!("'{FORMULA}"));
    assert_eq!(first[5], "'@Mette");
    assert_eq!(first[0], "Fremtidsværksted: Arbejde og hverdag i Herning");
    assert_eq!(first[1], "2026-09-05");
    assert_eq!(first[2], "Future Workshop");
    assert_eq!(first[3], "LEN Herning");
    assert_eq!(first[6], "2000-01-01");
    assert_eq!(first[7], "open");
    let today = jiff::Zoned::now().date();
    let days = (today - date(2000, 1, 1)).get_days();
    assert_eq!(first[8], days.to_string());
    for row in &rows[1..] {
        let late = !row[8].is_empty();
        let open = row[7] == "open" || row[7] == "in progress";
        let past = row[6].parse::<jiff::civil::Date>().is_ok_and(|d| d < today);
        assert_eq!(late, open && past, "{row:?}");
    }
    assert!(rows.iter().any(|r| r[4] == UNDATED && r[6].is_empty()));

    // Anonymized, no owner is named.
    let anon =
        stdout(sempre(&s.path).args(["export", "--actions", "--format", "csv", "--anonymize"]));
    assert!(table(&anon)[1..].iter().all(|r| r[5].is_empty()), "{anon}");
    assert!(!anon.contains("Mette"));
    secrets_absent(&anon);
}

#[test]
fn ics_has_one_all_day_event_per_dated_action_with_a_stable_uid() {
    let s = store();
    let out = sempre(&s.path)
        .args(["export", "--actions", "--format", "ics"])
        .assert()
        .success();
    let output = out.get_output();
    let ics = String::from_utf8(output.stdout.clone()).unwrap();
    let stderr = String::from_utf8(output.stderr.clone()).unwrap();
    assert_eq!(
        stderr.trim(),
        "1 action has no due date and is not in the calendar."
    );
    secrets_absent(&ics);
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert!(!ics.replace("\r\n", "").contains('\n'), "CRLF throughout");

    let calendar = icalendar::Calendar::from_str(&ics).unwrap();
    let events: Vec<&icalendar::Event> = calendar.events().collect();
    let dated: Vec<(String, jiff::civil::Date, ActionStatus)> = sessions(&s.path)
        .iter()
        .flat_map(|s| &s.actions)
        .filter(|a| !a.private)
        .filter_map(|a| Some((a.id.to_string(), a.due?, a.status)))
        .collect();
    assert_eq!(events.len(), dated.len());
    assert_eq!(events.len(), 51);
    let uids: HashSet<String> = events
        .iter()
        .map(|e| e.get_uid().unwrap().to_string())
        .collect();
    for (id, due, _) in &dated {
        assert!(uids.contains(&format!("{id}@sempre")), "{id}");
        let start = format!("DTSTART;VALUE=DATE:{}", due.strftime("%Y%m%d"));
        assert!(ics.contains(&start), "{start}");
    }
    let formula = events
        .iter()
        .find(|e| e.get_summary() == Some(FORMULA))
        .expect("the formula-looking action, word for word");
    let description = formula.get_description().unwrap();
    assert!(
        description.contains("Fremtidsværksted: Arbejde og hverdag i Herning")
            && description.contains("@Mette")
            && description.contains("open"),
        "{description}"
    );
    let done = dated
        .iter()
        .filter(|(_, _, st)| *st == ActionStatus::Done)
        .count();
    let categorised_done = events
        .iter()
        .filter(|e| e.get_categories() == Some(vec!["done".to_string()]))
        .count();
    assert_eq!(categorised_done, done);

    // The same export again: the same events, so a calendar updates them.
    let again = stdout(sempre(&s.path).args(["export", "--actions", "--format", "ics"]));
    assert_eq!(again, ics);

    // The formula action is marked done later: its event's SEQUENCE grows,
    // so a calendar takes the new event over the old; no other event moves.
    let sequences = |ics: &str| -> std::collections::HashMap<String, i64> {
        icalendar::Calendar::from_str(ics)
            .unwrap()
            .events()
            .map(|e| {
                let seq = e
                    .property_value("SEQUENCE")
                    .expect("every event has SEQUENCE");
                (e.get_uid().unwrap().to_string(), seq.parse().unwrap())
            })
            .collect()
    };
    let before = sequences(&ics);
    let file = s.path.join("example-fremtidsvaerksted.json");
    let mut session = load_session(&file).unwrap();
    let action = session
        .actions
        .iter()
        .find(|a| a.text == FORMULA)
        .unwrap()
        .clone();
    let later = action.updated + jiff::SignedDuration::from_hours(2);
    session
        .update_action(
            action.id,
            Some("@Mette"),
            action.due,
            ActionStatus::Done,
            later,
        )
        .unwrap();
    save_session(&file, &session).unwrap();
    let after = sequences(&stdout(sempre(&s.path).args([
        "export",
        "--actions",
        "--format",
        "ics",
    ])));
    let uid = format!("{}@sempre", action.id);
    assert!(
        after[&uid] > before[&uid],
        "{} → {}",
        before[&uid],
        after[&uid]
    );
    for (other, seq) in &before {
        if *other != uid {
            assert_eq!(after[other], *seq, "{other}");
        }
    }
}

#[test]
fn network_and_days_pick_the_sessions() {
    let s = store();
    let csv = stdout(sempre(&s.path).args([
        "export",
        "--actions",
        "--network",
        " len  herning",
        "--format",
        "csv",
    ]));
    let rows = table(&csv);
    assert_eq!(rows.len() - 1, 12, "two Herning sessions: 10 and 2 added");
    assert!(rows[1..].iter().all(|r| r[3] == "LEN Herning"), "{csv}");

    let ics = stdout(sempre(&s.path).args([
        "export",
        "--actions",
        "--network",
        "LEN Herning",
        "--since",
        "2026-10-01",
        "--format",
        "ics",
        "--lang",
        "da",
    ]));
    assert!(ics.contains("X-WR-CALNAME:sempre: handlinger – LEN Herning"));
    assert_eq!(
        ics.matches("BEGIN:VEVENT").count(),
        5,
        "the Double Diamond only"
    );
    assert!(!ics.contains("Arbejde og hverdag i Herning"));
}

#[test]
fn mistakes_are_one_sentence_and_write_nothing() {
    let s = store();
    let out = s.path.parent().unwrap().join("handlinger.csv");
    let fails = |args: &[&str], says: &str| {
        let mut all = vec!["export", "--actions"];
        all.extend_from_slice(args);
        all.extend(["--out", out.to_str().unwrap()]);
        let assert = sempre(&s.path).args(&all).assert().failure();
        let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
        assert!(stderr.contains(says), "{stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
        assert!(!out.exists(), "nothing written for {args:?}");
    };
    fails(&["--since", "2026-13-01", "--format", "csv"], "YYYY-MM-DD");
    fails(
        &["--network", "Herning", "--format", "csv"],
        "No network is called \"Herning\"",
    );
    fails(
        &[
            "--network",
            "LEN Thy",
            "--since",
            "2027-01-01",
            "--format",
            "ics",
        ],
        "No session matches the network",
    );
    fails(
        &["--until", "1999-01-01", "--format", "csv"],
        "No session is from the days given",
    );
    fails(&["--format", "html"], "--actions writes CSV or iCalendar");
    fails(&["--format", "md"], "--actions writes CSV or iCalendar");
    fails(&["Arbejde", "--format", "csv"], "cannot be used with");

    // Never into the store.
    let inside = s.path.join("handlinger.csv");
    sempre(&s.path)
        .args(["export", "--actions", "--format", "csv", "--out"])
        .arg(&inside)
        .assert()
        .failure()
        .stderr(predicate::str::contains("inside the store folder"));
    assert!(!inside.exists());

    // And with --out, written whole.
    sempre(&s.path)
        .args(["export", "--actions", "--format", "ics", "--out"])
        .arg(&out)
        .assert()
        .success();
    let ics = std::fs::read_to_string(&out).unwrap();
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    secrets_absent(&ics);
}

#[test]
fn a_session_exports_its_due_dates_as_ics_too() {
    let s = store();
    let ics = stdout(sempre(&s.path).args(["export", "Arbejde og hverdag", "--format", "ics"]));
    assert_eq!(
        ics.matches("BEGIN:VEVENT").count(),
        6,
        "five and the formula"
    );
    secrets_absent(&ics);
}
