//! The day's plan on a board in a real terminal: the phase's time box is
//! the plan's, the plan view shows planned against actual time, a change
//! made there is saved, and the day's other session (another method's
//! phase) takes its time box from the same plan.

#![allow(clippy::unwrap_used)]

mod common;

use common::{BACKSPACE, ENTER, ESC, Tty, sempre, stdout};
use serde_json::Value;

fn read(store: &std::path::Path, id: &str) -> Value {
    serde_json::from_slice(&std::fs::read(store.join(format!("{id}.json"))).unwrap()).unwrap()
}

#[test]
fn the_board_times_each_phase_from_the_plan_and_saves_a_change_to_it() {
    let (_dir, store) = common::store();
    let id = common::made_session(&store, "fremtidsvaerksted", "Planlagt dag");
    let id = id.as_str();
    let plan = |args: &[&str]| {
        let mut all = vec!["plan"];
        all.extend_from_slice(args);
        stdout(sempre(&store).args(&all))
    };
    plan(&["fill", id]);
    plan(&["minutes", id, "1", "7"]);
    plan(&["minutes", id, "2", "33"]);
    let made = plan(&["add", id, "double-diamond:opdag", "--minutes", "12"]);
    let other = made
        .lines()
        .next()
        .unwrap()
        .rsplit(' ')
        .next()
        .unwrap()
        .to_string();

    let mut tty = Tty::spawn(&store, &["open", id]);
    tty.wait_for(&["Planlagt dag", "Ikke startet"]);
    tty.send(">");
    tty.wait_for(&["Fase 1/5: Forberedelse", "Dag:"]);
    tty.wait_saved();
    assert_eq!(
        read(&store, id)["timer"]["minutes"],
        7,
        "the time box is the plan's"
    );
    tty.send(">");
    tty.wait_for(&["Fase 2/5: Kritik"]);
    tty.wait_saved();
    assert_eq!(
        read(&store, id)["timer"]["minutes"],
        33,
        "the time box is the plan's"
    );

    // The plan view: every step, the running one marked, with its time.
    tty.send("y");
    let screen = tty.wait_for(&["Dagens plan", "▶", "Opdag (Double Diamond)"]);
    assert!(screen.contains("Forberedelse"), "{screen}");
    assert!(screen.contains("I alt 2 t 37 min"), "{screen}");
    // The running step is chosen; `+` gives it five minutes more.
    tty.send("+");
    tty.wait_for(&["I alt 2 t 42 min"]);
    tty.wait_saved();
    let saved = read(&store, id);
    assert_eq!(saved["plan"]["items"][1]["minutes"], 38);
    // `t` sets the day's start time: a time that is not one is refused
    // in one sentence and nothing is saved; then 09:15 is kept.
    tty.send("t");
    tty.wait_for(&["Dagens starttid", "Starter kl."]);
    tty.type_text("25:00");
    tty.send(ENTER);
    tty.wait_for(&["Skriv tiden som TT:MM"]);
    assert!(read(&store, id)["plan"].get("start").is_none());
    tty.send(&BACKSPACE.repeat(5));
    tty.type_text("09:15");
    tty.send(ENTER);
    tty.wait_for(&["Dagen starter kl. 09:15"]);
    tty.wait_saved();
    let start = read(&store, id)["plan"]["start"].clone();
    assert!(start.as_str().unwrap().starts_with("09:15"), "{start}");
    // The plan view reads its times from it.
    tty.wait_for(&["Dagens plan", "09:15"]);
    // `e` writes the facilitator's script beside the store.
    tty.send("e");
    let screen = tty.wait_for(&["Drejebogen er skrevet til"]);
    let script = store
        .parent()
        .unwrap()
        .join("exports/planlagt-dag-drejebog.html");
    let html = std::fs::read_to_string(&script).unwrap_or_else(|e| panic!("{e}: {screen}"));
    assert!(html.contains("Drejebog for dagen") && html.contains("Opdag"));
    tty.send(ESC);
    tty.wait_gone("Dagens plan");
    tty.send("q");
    tty.wait_exit();

    // The day's other session: its board takes the plan's minutes, and
    // its first phase is a step of the same day.
    let mut other_tty = Tty::spawn(&store, &["open", &other]);
    other_tty.wait_for(&["Planlagt dag – Double Diamond", "Ikke startet"]);
    other_tty.send(">");
    other_tty.wait_for(&["Fase 1/4: Opdag", "Dag:"]);
    other_tty.wait_saved();
    assert_eq!(read(&store, &other)["timer"]["minutes"], 12);
    other_tty.send("y");
    other_tty.wait_for(&["Dagens plan", "Planen står i sessionen \"Planlagt dag\""]);
    other_tty.send("+");
    other_tty.wait_for(&["ret den dér"]);
    assert!(read(&store, &other).get("plan").is_none());
}

/// `A` in the plan view puts a phase of any method into the day: the
/// board's own phase goes straight in; another method's phase gets a
/// session of its own, made and linked both ways; the same phase twice is
/// refused before anything is made.
#[test]
fn the_plan_view_adds_a_phase_of_another_method_and_makes_its_session() {
    let (_dir, store) = common::store();
    let id = common::made_session(&store, "fremtidsvaerksted", "Dagen i Rønde");
    let mut tty = Tty::spawn(&store, &["open", &id]);
    tty.wait_for(&["Dagen i Rønde", "Ikke startet"]);
    tty.send("y");
    tty.wait_for(&["Dagens plan", "Planen er tom"]);

    // The board's own method comes first in the menu.
    tty.send("A");
    tty.wait_for(&["En fase fra hvilken metode?", "1 Fremtidsværksted"]);
    tty.send("1");
    tty.wait_for(&["Hvilken fase af Fremtidsværksted?", "Kritik"]);
    tty.send("2");
    tty.wait_for(&["Trin 1 er lagt i planen: Kritik, 60 min."]);
    tty.wait_saved();
    let host = read(&store, &id);
    assert_eq!(host["plan"]["items"][0]["phase"], "kritik");
    assert!(host["plan"]["items"][0].get("session").is_none());

    // Another method's phase: a session of its own is made for it.
    tty.send("A");
    tty.wait_for(&["En fase fra hvilken metode?", "Problem- og løsningstræ"]);
    let menu = tty.contents();
    let number = menu
        .lines()
        .find_map(|l| {
            let at = l.find("Problem- og løsningstræ")?;
            l[..at]
                .trim_end()
                .chars()
                .last()
                .filter(char::is_ascii_digit)
        })
        .unwrap_or_else(|| panic!("a number for the method:\n{menu}"));
    tty.send(&number.to_string());
    tty.wait_for(&["Hvilken fase af Problem- og løsningstræ?"]);
    tty.send("1");
    tty.wait_for(&[
        "Trin 2 er lagt i planen:",
        "(Problem- og løsningstræ), 20 min.",
    ]);
    tty.wait_saved();
    let host = read(&store, &id);
    let step = &host["plan"]["items"][1];
    assert_eq!(step["method"], "problemtrae");
    let other = step["session"].as_str().unwrap().to_string();
    let made = read(&store, &other);
    assert_eq!(made["method"]["id"], "problemtrae");
    assert_eq!(
        made["context"]["title"],
        "Dagen i Rønde – Problem- og løsningstræ"
    );
    assert_eq!(made["links"][0]["session"], id.as_str());
    assert_eq!(made["links"][0]["relation"], "follows-from");
    assert!(
        host["links"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["session"] == other.as_str() && l["relation"] == "leads-to"),
        "{host}"
    );

    // The same phase again is refused, and no second session is made.
    let files = || {
        std::fs::read_dir(&store)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "json")
            })
            .count()
    };
    assert_eq!(files(), 2);
    tty.send("A");
    tty.wait_for(&["En fase fra hvilken metode?"]);
    tty.send(&number.to_string());
    tty.wait_for(&["Hvilken fase af Problem- og løsningstræ?"]);
    tty.send("1");
    tty.wait_for(&["står allerede i planen"]);
    assert_eq!(files(), 2, "no session for a refused step");
    assert_eq!(
        read(&store, &id)["plan"]["items"].as_array().unwrap().len(),
        2
    );
}
