//! The focus group interview, kitchen talks and the traffic light model
//! run end to end in the real program, as `e2e_methods` runs the first
//! six: a new session from its first phase to its last with the keys a
//! facilitator would press, then the saved session read back, and what
//! `sempre show` and an export make of it.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use serde_json::Value;

use common::{
    BACKSPACE, ENTER, TAB, Tty, add_note, new_session, note_texts, only_session, sempre, stdout,
    store,
};

const CTRL_U: &str = "\x15";

/// Presses `>` and waits for phase `n` of `total` to be shown.
fn next_phase(tty: &mut Tty, n: usize, total: usize, name: &str) {
    tty.send(">");
    tty.wait_for(&[&format!("Fase {n}/{total}: {name}")]);
}

/// Presses `>` in the last phase, which ends it and the workshop.
fn finish(tty: &mut Tty) {
    tty.send(">");
    tty.wait_for(&["Sidste fase er slut", "Ingen fase i gang"]);
}

/// Closes the board, quits on the home screen and waits for the program to
/// end; returns the saved session.
fn quit(mut tty: Tty, store: &Path, title: &str) -> Value {
    tty.send("q");
    tty.wait_for(&["Sessioner", title]);
    tty.send("q");
    tty.wait_exit();
    only_session(store)
}

/// The one note with `text`.
fn note<'a>(session: &'a Value, text: &str) -> &'a Value {
    let found: Vec<&Value> = array(session, "notes")
        .iter()
        .filter(|n| n["text"] == text)
        .collect();
    assert_eq!(found.len(), 1, "one note {text:?} in {session:#}");
    found[0]
}

/// The array `field` of the session.
fn array<'a>(session: &'a Value, field: &str) -> &'a Vec<Value> {
    session[field].as_array().unwrap()
}

/// The phases of the phase log, in order, after checking that every one
/// of them ended.
fn phases_run(session: &Value) -> Vec<String> {
    let log = array(session, "phase_log");
    for entry in log {
        assert!(entry["ended"].is_string(), "every phase ended: {entry}");
    }
    log.iter()
        .map(|e| e["phase"].as_str().unwrap().to_string())
        .collect()
}

/// Sets the dots counted on the wall for the focused note.
fn dots(tty: &mut Tty, n: u32) {
    tty.send("v");
    tty.wait_for(&["Prikker på sedlen"]);
    tty.send(BACKSPACE);
    tty.send(&n.to_string());
    tty.send(ENTER);
    tty.wait_gone("Prikker på sedlen");
    tty.wait_for(&[&format!("●{n}")]);
}

/// Records a decision from the focused note, and an action from it with
/// `owner` and `due`.
fn decide_and_assign(tty: &mut Tty, owner: &str, due: &str) {
    tty.send("D");
    tty.wait_for(&["Beslutning"]);
    tty.send(ENTER);
    tty.wait_for(&["Beslutningen er skrevet ned."]);
    tty.send("A");
    tty.wait_for(&["Handling", "Hvad skal gøres", "Frist"]);
    tty.send(TAB);
    tty.type_text(owner);
    tty.send(TAB);
    tty.type_text(due);
    tty.send(ENTER);
    tty.wait_for(&["Handlingen er skrevet ned."]);
}

/// Chooses the item labelled `label` in the menu on screen by its digit.
fn choose(tty: &mut Tty, label: &str) {
    let screen = tty.wait_for(&[label]);
    let line = screen.lines().find(|l| l.contains(label)).unwrap();
    let before = &line[..line.find(label).unwrap()];
    let digit = before.trim_end().chars().last().unwrap();
    assert!(digit.is_ascii_digit(), "{label:?} has no number:\n{screen}");
    tty.send(&digit.to_string());
}

/// Marks the focused note private.
fn make_private(tty: &mut Tty) {
    tty.send("P");
    tty.wait_for(&["[privat]"]);
}

/// What `sempre show` prints of the only session in `store`, in Danish,
/// with its private notes left out.
fn show(store: &Path, session: &Value) -> String {
    let id = session["id"].as_str().unwrap();
    stdout(sempre(store).args(["--lang", "da", "show", id]))
}

/// The session exported as Markdown, in Danish.
fn markdown(store: &Path, session: &Value) -> String {
    let id = session["id"].as_str().unwrap();
    stdout(sempre(store).args(["--lang", "da", "export", "--format", "markdown", id]))
}

#[test]
fn focus_group_with_its_own_words_kept_as_quotes() {
    let (_dir, store) = store();
    let mut tty = Tty::spawn(&store, &[]);
    let title = "Fokusgruppe i Nakskov";
    new_session(&mut tty, "fokusgruppeinterview", title);
    // Five zones of the conversation side by side, each wide enough for
    // a note on one line.
    tty.resize(160, 40);
    next_phase(&mut tty, 1, 5, "Forberedelse");
    add_note(&mut tty, "Hvordan er en uge?");
    next_phase(&mut tty, 2, 5, "Velkomst og aftaler");
    next_phase(&mut tty, 3, 5, "Samtalen");
    add_note(&mut tty, "Bussen kører sjældent");
    tty.send("l");
    add_note(&mut tty, "Ingen rampe");
    add_note(&mut tty, "Min søn tager pengene");
    make_private(&mut tty);
    tty.send("l");
    add_note(&mut tty, "Et mødested");
    tty.send("l");
    add_note(&mut tty, "Ingen ser mig");
    // The participant's own words are drawn in quotation marks.
    tty.wait_for(&["»Ingen ser mig«"]);
    tty.send("l");
    add_note(&mut tty, "Stille efter pausen");

    next_phase(&mut tty, 4, 5, "Prioritering");
    tty.wait_for(&["▶● Et mødested"]);
    dots(&mut tty, 5);
    next_phase(&mut tty, 5, 5, "Opsamling");
    decide_and_assign(&mut tty, "Ilze", "2026-12-01");
    finish(&mut tty);
    let session = quit(tty, &store, title);

    assert_eq!(session["method"]["id"], "fokusgruppeinterview");
    assert_eq!(
        phases_run(&session),
        [
            "forberedelse",
            "velkomst",
            "samtale",
            "prioritering",
            "opsamling"
        ]
    );
    assert_eq!(note_texts(&session, "spoergeguide"), ["Hvordan er en uge?"]);
    assert_eq!(note_texts(&session, "hverdag"), ["Bussen kører sjældent"]);
    assert_eq!(
        note_texts(&session, "forhindringer"),
        ["Ingen rampe", "Min søn tager pengene"]
    );
    // The file keeps the words as they were said, without the marks.
    assert_eq!(note_texts(&session, "citater"), ["Ingen ser mig"]);
    assert_eq!(
        note_texts(&session, "observationer"),
        ["Stille efter pausen"]
    );
    assert_eq!(note(&session, "Min søn tager pengene")["private"], true);
    assert_eq!(note(&session, "Ingen ser mig")["private"], false);
    let place = note(&session, "Et mødested");
    let votes = array(&session, "votes");
    assert_eq!(votes.len(), 1);
    assert_eq!(
        (&votes[0]["note"], &votes[0]["dots"]),
        (&place["id"], &5.into())
    );
    let decisions = array(&session, "decisions");
    assert_eq!(decisions.len(), 1);
    assert_eq!(decisions[0]["text"], "Et mødested");
    let actions = array(&session, "actions");
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0]["owner"], "Ilze");
    assert_eq!(actions[0]["due"], "2026-12-01");
    assert_eq!(actions[0]["note"], place["id"]);

    let shown = show(&store, &session);
    assert!(shown.contains("• »Ingen ser mig«"), "{shown}");
    assert!(shown.contains("egne ord"), "{shown}");
    assert!(!shown.contains("Min søn tager pengene"), "{shown}");
    let md = markdown(&store, &session);
    assert!(md.contains("»Ingen ser mig«"), "{md}");
    assert!(md.contains("egne ord"), "{md}");
    assert!(!md.contains("Min søn"), "{md}");
}

/// Starts a new visit on `date` (replacing the date the form offers).
fn new_visit(tty: &mut Tty, date: &str) {
    tty.send("W");
    tty.wait_for(&["Næste besøg", "Dato"]);
    tty.send(&BACKSPACE.repeat(10));
    tty.type_text(date);
    tty.send(ENTER);
    tty.wait_for(&["Nye sedler hører nu til", &format!("({date}).")]);
}

/// Adds a board for a household named `name` through the boards menu.
fn new_household(tty: &mut Tty, name: &str) {
    tty.send("B");
    tty.wait_for(&["Tavler"]);
    choose(tty, "Ny tom tavle");
    tty.wait_for(&["Ny tavle", "Navn"]);
    tty.send(CTRL_U);
    tty.type_text(name);
    tty.send(ENTER);
    tty.wait_gone("Ny tavle");
    tty.wait_for(&[&format!("Husstand {name}")]);
}

#[test]
fn kitchen_talks_over_two_visits_in_two_households() {
    let (_dir, store) = store();
    let mut tty = Tty::spawn(&store, &[]);
    let title = "Køkkensamtaler i Skærbæk";
    new_session(&mut tty, "koekkensamtaler", title);
    tty.resize(160, 40);
    next_phase(&mut tty, 1, 6, "Forberedelse");
    next_phase(&mut tty, 2, 6, "Interviewtræning");
    next_phase(&mut tty, 3, 6, "Besøg i hjemmet");

    // The first household's board came with the session.
    new_visit(&mut tty, "2026-03-09");
    tty.wait_for(&["Besøg 1 (2026-03-09)"]);
    add_note(&mut tty, "To børn");
    tty.send("l");
    add_note(&mut tty, "Ingen vuggestue");
    new_household(&mut tty, "Ravnene");
    // The new board keeps the zone in focus; back to the first.
    tty.send("h");
    add_note(&mut tty, "Alene med tre");
    for _ in 0..4 {
        tty.send("l");
    }
    add_note(&mut tty, "Vi klarer os");
    tty.wait_for(&["»Vi klarer os«"]);
    tty.send("l");
    add_note(&mut tty, "Gæld, siger ikke");
    make_private(&mut tty);

    new_visit(&mut tty, "2026-03-10");
    tty.wait_for(&["Besøg 2 (2026-03-10)"]);
    tty.send("b");
    tty.wait_for(&["Husstand 1 (1/2)"]);
    tty.send("h");
    tty.send("h");
    tty.send("h");
    tty.send("h");
    tty.send("h");
    tty.send("l");
    tty.send("l");
    add_note(&mut tty, "Andre forældre");

    next_phase(&mut tty, 4, 6, "Aftenens opsamling");
    next_phase(&mut tty, 5, 6, "Fortolkning");
    next_phase(&mut tty, 6, 6, "Fremlæggelse og næste skridt");
    tty.wait_for(&["▶● Andre forældre"]);
    decide_and_assign(&mut tty, "Helle", "2026-04-01");
    finish(&mut tty);
    let session = quit(tty, &store, title);

    assert_eq!(session["method"]["id"], "koekkensamtaler");
    assert_eq!(
        phases_run(&session),
        [
            "forberedelse",
            "traening",
            "besoeg",
            "aftenmoede",
            "fortolkning",
            "fremlaeggelse"
        ]
    );
    let boards = array(&session, "boards");
    let names: Vec<&str> = boards.iter().map(|b| b["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Husstand 1", "Ravnene"]);
    assert!(boards.iter().all(|b| b["participant"].is_null()));
    let meetings = array(&session, "meetings");
    let dates: Vec<&str> = meetings
        .iter()
        .map(|m| m["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2026-03-09", "2026-03-10"]);
    let on = |text: &str| {
        let n = note(&session, text);
        let board = boards.iter().position(|b| b["id"] == n["board"]).unwrap();
        let visit = meetings
            .iter()
            .position(|m| m["id"] == n["meeting"])
            .unwrap();
        (board, n["zone"].as_str().unwrap().to_string(), visit)
    };
    assert_eq!(on("To børn"), (0, "livet-nu".into(), 0));
    assert_eq!(on("Ingen vuggestue"), (0, "problemer".into(), 0));
    assert_eq!(on("Alene med tre"), (1, "livet-nu".into(), 0));
    assert_eq!(on("Vi klarer os"), (1, "egne-ord".into(), 0));
    assert_eq!(on("Gæld, siger ikke"), (1, "interviewer".into(), 0));
    assert_eq!(on("Andre forældre"), (0, "behov".into(), 1));
    assert_eq!(note(&session, "Gæld, siger ikke")["private"], true);
    assert_eq!(array(&session, "decisions")[0]["text"], "Andre forældre");
    let action = &array(&session, "actions")[0];
    assert_eq!(
        (&action["owner"], &action["due"]),
        (&"Helle".into(), &"2026-04-01".into())
    );

    let shown = show(&store, &session);
    assert!(shown.contains("Tavle: Ravnene"), "{shown}");
    assert!(shown.contains("• »Vi klarer os«"), "{shown}");
    assert!(shown.contains("besøg 2"), "{shown}");
    assert!(!shown.contains("Gæld"), "{shown}");
    let md = markdown(&store, &session);
    assert!(
        md.contains("»Vi klarer os«") && md.contains("besøg 1"),
        "{md}"
    );
    assert!(!md.contains("Gæld"), "{md}");
}

#[test]
fn traffic_light_sorts_decisions_into_green_yellow_and_red() {
    let (_dir, store) = store();
    let mut tty = Tty::spawn(&store, &[]);
    let title = "Trafiklys på Engtoften";
    new_session(&mut tty, "trafiklys", title);
    next_phase(&mut tty, 1, 4, "Trafiklyset");
    add_note(&mut tty, "Mit tøj");
    next_phase(&mut tty, 2, 4, "En dag fra morgen til aften");
    tty.send("l");
    add_note(&mut tty, "Sommerturen");
    tty.send("l");
    add_note(&mut tty, "Huslejen");
    // Red has a symbol of its own, so the colour is never the only cue.
    tty.wait_for(&["✖ Huslejen"]);
    add_note(&mut tty, "Sengetid");
    next_phase(&mut tty, 3, 4, "Hvor er vi uenige?");
    // The bedtime note is disputed: it moves to the fourth column.
    tty.send("l");
    tty.send("l");
    tty.send("j");
    tty.wait_for(&["▶✖ Sengetid"]);
    tty.send("m");
    choose(&mut tty, "Uenige om farven");
    tty.wait_for(&["Uenige (1)"]);
    tty.send("l");
    tty.wait_for(&["▶✖ Sengetid"]);
    dots(&mut tty, 4);
    next_phase(&mut tty, 4, 4, "Hvad kan flytte?");
    tty.send("l");
    tty.send("l");
    tty.wait_for(&["▶✖ Sengetid"]);
    decide_and_assign(&mut tty, "Birgitte", "2026-12-15");
    finish(&mut tty);
    let session = quit(tty, &store, title);

    assert_eq!(session["method"]["id"], "trafiklys");
    assert_eq!(
        phases_run(&session),
        ["trafiklyset", "dagen", "uenige", "flytte"]
    );
    assert_eq!(note_texts(&session, "groen"), ["Mit tøj"]);
    assert_eq!(note_texts(&session, "gul"), ["Sommerturen"]);
    assert_eq!(note_texts(&session, "roed"), ["Huslejen"]);
    assert_eq!(note_texts(&session, "dilemmaer"), ["Sengetid"]);
    let colour = |text: &str| note(&session, text)["colour"].as_str().unwrap().to_string();
    assert_eq!(
        [colour("Mit tøj"), colour("Sommerturen"), colour("Huslejen")],
        ["green", "yellow", "red"]
    );
    // A moved note keeps its colour: the group sees it came from red.
    assert_eq!(colour("Sengetid"), "red");
    let bedtime = note(&session, "Sengetid");
    assert_eq!(array(&session, "votes")[0]["note"], bedtime["id"]);
    assert_eq!(array(&session, "actions")[0]["owner"], "Birgitte");

    let shown = show(&store, &session);
    assert!(shown.contains("Huslejen\n    [rød"), "{shown}");
}
