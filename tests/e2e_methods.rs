//! Every method run end to end in the real program: one test per method
//! takes a new session from its first phase to its last with the keys a
//! facilitator would press, closes the board, quits, and reads the saved
//! session to check that what the room produced is in the file.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use serde_json::Value;

use common::{
    BACKSPACE, ENTER, ESC, TAB, Tty, add_note, new_session, note_texts, only_session, store,
};

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

/// Sends Escape on its own and waits for `gone` to leave the screen, so
/// the next key is not read as Alt+key.
fn escape(tty: &mut Tty, gone: &str) {
    tty.send(ESC);
    tty.wait_gone(gone);
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

/// The one note with `text`.
fn note<'a>(session: &'a Value, text: &str) -> &'a Value {
    let found: Vec<&Value> = array(session, "notes")
        .iter()
        .filter(|n| n["text"] == text)
        .collect();
    assert_eq!(found.len(), 1, "one note {text:?} in {session:#}");
    found[0]
}

/// The one note with `text` in `zone`.
fn note_in<'a>(session: &'a Value, zone: &str, text: &str) -> &'a Value {
    let found: Vec<&Value> = array(session, "notes")
        .iter()
        .filter(|n| n["zone"] == zone && n["text"] == text)
        .collect();
    assert_eq!(found.len(), 1, "one note {text:?} in {zone} in {session:#}");
    found[0]
}

/// The id of a note (or anything else with one).
fn id(value: &Value) -> &str {
    value["id"].as_str().unwrap()
}

/// The notes `note` links to with a link of `kind` (within the session).
fn links(note: &Value, kind: &str) -> Vec<String> {
    note["links"]
        .as_array()
        .map(|l| {
            l.iter()
                .filter(|l| l["kind"] == kind)
                .map(|l| l["note"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// The phases of the phase log, in order, after checking that every one
/// of them ended.
fn phases_run(session: &Value) -> Vec<String> {
    let log = session["phase_log"].as_array().unwrap();
    for entry in log {
        assert!(entry["ended"].is_string(), "every phase ended: {entry}");
    }
    log.iter()
        .map(|e| e["phase"].as_str().unwrap().to_string())
        .collect()
}

/// The array `field` of the session.
fn array<'a>(session: &'a Value, field: &str) -> &'a Vec<Value> {
    session[field].as_array().unwrap()
}

#[test]
fn future_workshop_from_critique_to_a_plan() {
    let (_dir, store) = store();
    let mut tty = Tty::spawn(&store, &[]);
    let title = "Hverdagen på Ærø";
    new_session(&mut tty, "fremtidsvaerksted", title);
    next_phase(&mut tty, 1, 5, "Forberedelse");
    next_phase(&mut tty, 2, 5, "Kritik");
    add_note(&mut tty, "For få busser");
    add_note(&mut tty, "Lang vej til skolen");
    add_note(&mut tty, "Dyre fødevarer");
    tty.wait_for(&["Kritik (3)"]);

    // The two notes about getting around become one titled cluster.
    tty.send("k");
    tty.send("x");
    tty.wait_for(&["1 markeret"]);
    tty.send("k");
    tty.send("x");
    tty.wait_for(&["2 markeret"]);
    tty.send("C");
    tty.wait_for(&["Klynger", "Ny klynge med 2 sedler"]);
    tty.send("1");
    tty.wait_for(&["Ny klynge", "Overskrift"]);
    tty.type_text("Transport på øen");
    tty.send(ENTER);
    tty.wait_gone("Overskrift");
    tty.wait_for(&[" Transport på øen "]);

    // Three dots counted from the wall on the first note, then one
    // participant's vote on it.
    tty.send("v");
    tty.wait_for(&["Prikker på sedlen"]);
    tty.send(BACKSPACE);
    tty.send("3");
    tty.send(ENTER);
    tty.wait_gone("Prikker på sedlen");
    tty.wait_for(&["●3"]);
    tty.send("V");
    tty.wait_for(&["Afstemning", "Hvem stemmer"]);
    tty.type_text("Åse");
    tty.send(TAB);
    tty.send(ENTER);
    tty.wait_for(&["Åse: 3 af 3 stemmer tilbage"]);
    tty.send(ENTER);
    tty.wait_for(&["Åse: 2 af 3 stemmer tilbage", "●4"]);
    escape(&mut tty, "stemmer tilbage");
    tty.wait_for(&["Skrevet ned: 1 stemme fra Åse."]);

    next_phase(&mut tty, 3, 5, "Fantasi");
    add_note(&mut tty, "Gratis bus hver time");
    tty.wait_for(&["Fantasi (1)"]);

    next_phase(&mut tty, 4, 5, "Virkeliggørelse");
    add_note(&mut tty, "Søg penge til bussen");
    tty.send("D");
    tty.wait_for(&["Beslutning", "Søg penge til bussen"]);
    tty.send(ENTER);
    tty.wait_for(&["Beslutningen er skrevet ned."]);
    tty.send("A");
    tty.wait_for(&["Handling", "Hvad skal gøres", "Frist"]);
    tty.send(TAB);
    tty.type_text("Bjørn");
    tty.send(TAB);
    tty.type_text("2026-11-01");
    tty.send(ENTER);
    tty.wait_for(&["Handlingen er skrevet ned."]);
    tty.send("o");
    tty.wait_for(&["Beslutninger og handlinger", "Bjørn", "2026-11-01"]);
    tty.send("o");
    tty.wait_gone("Beslutninger og handlinger");

    next_phase(&mut tty, 5, 5, "Afprøvning");
    finish(&mut tty);
    let session = quit(tty, &store, title);

    assert_eq!(session["method"]["id"], "fremtidsvaerksted");
    assert_eq!(
        phases_run(&session),
        [
            "forberedelse",
            "kritik",
            "fantasi",
            "virkeliggoerelse",
            "afproevning"
        ]
    );
    assert_eq!(
        note_texts(&session, "kritik"),
        ["For få busser", "Lang vej til skolen", "Dyre fødevarer"]
    );
    assert_eq!(note_texts(&session, "fantasi"), ["Gratis bus hver time"]);
    assert_eq!(
        note_texts(&session, "virkeliggoerelse"),
        ["Søg penge til bussen"]
    );
    assert_eq!(note(&session, "Gratis bus hver time")["phase"], "fantasi");

    let clusters = array(&session, "clusters");
    assert_eq!(clusters.len(), 1);
    assert_eq!(clusters[0]["title"], "Transport på øen");
    assert_eq!(clusters[0]["zone"], "kritik");
    let busses = note(&session, "For få busser");
    for text in ["For få busser", "Lang vej til skolen"] {
        assert_eq!(note(&session, text)["cluster"], clusters[0]["id"]);
    }
    assert!(note(&session, "Dyre fødevarer")["cluster"].is_null());

    let votes = array(&session, "votes");
    assert_eq!(votes.len(), 2, "{votes:?}");
    assert!(votes.iter().all(|v| v["note"] == busses["id"]));
    assert!(
        votes
            .iter()
            .any(|v| v["dots"] == 3 && v["voter"].is_null() && v["phase"] == "kritik")
    );
    assert!(votes.iter().any(|v| v["dots"] == 1 && v["voter"] == "Åse"));

    let plan = note(&session, "Søg penge til bussen");
    let decisions = array(&session, "decisions");
    assert_eq!(decisions.len(), 1);
    assert_eq!(decisions[0]["text"], "Søg penge til bussen");
    assert_eq!(decisions[0]["notes"], serde_json::json!([id(plan)]));
    assert_eq!(decisions[0]["phase"], "virkeliggoerelse");
    let actions = array(&session, "actions");
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0]["text"], "Søg penge til bussen");
    assert_eq!(actions[0]["owner"], "Bjørn");
    assert_eq!(actions[0]["due"], "2026-11-01");
    assert_eq!(actions[0]["status"], "open");
    assert_eq!(actions[0]["note"], plan["id"]);
}

/// Starts a new meeting on `date` (replacing the date the form offers).
fn new_meeting(tty: &mut Tty, date: &str) {
    tty.send("W");
    tty.wait_for(&["Næste møde", "Dato"]);
    tty.send(&BACKSPACE.repeat(10));
    tty.type_text(date);
    tty.send(ENTER);
    tty.wait_for(&["Nye sedler hører nu til", &format!("({date}).")]);
}

/// Gives a new participant a backpack through the boards menu.
fn new_backpack(tty: &mut Tty, pseudonym: &str) {
    tty.send("B");
    tty.wait_for(&["Tavler", "Ny rygsæk til en deltager"]);
    choose(tty, "Ny rygsæk til en deltager");
    tty.wait_for(&["Ny rygsæk", "Pseudonym"]);
    tty.type_text(pseudonym);
    tty.send(ENTER);
    tty.wait_gone("Pseudonym");
    tty.wait_for(&[&format!("🎒 {pseudonym} ")]);
}

/// Rates how heavy the shown participant's backpack is today.
fn weigh(tty: &mut Tty, value: &str, trend: &str) {
    tty.send("w");
    tty.wait_for(&["Hvor tung er rygsækken i dag?"]);
    tty.send(BACKSPACE);
    tty.send(value);
    tty.send(ENTER);
    tty.wait_gone("Hvor tung er rygsækken i dag?");
    tty.wait_for(&[&format!("vægt {trend}")]);
}

#[test]
fn backpack_over_two_meetings_with_two_participants() {
    let (_dir, store) = store();
    let mut tty = Tty::spawn(&store, &[]);
    let title = "Rygsække i Ærøskøbing";
    new_session(&mut tty, "rygsaek", title);
    new_meeting(&mut tty, "2026-09-03");
    new_backpack(&mut tty, "Åse");
    new_backpack(&mut tty, "Søren");
    tty.wait_for(&["🎒 Åse ", "🎒 Søren "]);

    next_phase(&mut tty, 1, 5, "Introduktion");
    next_phase(&mut tty, 2, 5, "Fortiden");
    // Søren's backpack is shown, as the last one made.
    add_note(&mut tty, "Mormors opskrift");
    tty.send("h");
    add_note(&mut tty, "Min gamle cykel");
    weigh(&mut tty, "4", "▆ 4");

    new_meeting(&mut tty, "2026-09-10");
    next_phase(&mut tty, 3, 5, "Nutiden");
    tty.send("j");
    add_note(&mut tty, "Gammel skam");
    weigh(&mut tty, "2", "▆▂ 4→2");

    next_phase(&mut tty, 4, 5, "Fremtiden");
    add_note(&mut tty, "Nye venner");
    tty.send("l");
    add_note(&mut tty, "Et fast job");
    next_phase(&mut tty, 5, 5, "Refleksion");
    finish(&mut tty);
    let session = quit(tty, &store, title);

    assert_eq!(session["method"]["id"], "rygsaek");
    assert_eq!(
        phases_run(&session),
        ["introduktion", "fortid", "nutid", "fremtid", "refleksion"]
    );
    let participants = session["context"]["participants"].as_array().unwrap();
    let pseudonyms: Vec<&str> = participants
        .iter()
        .map(|p| p["pseudonym"].as_str().unwrap())
        .collect();
    assert_eq!(pseudonyms, ["Åse", "Søren"]);
    let boards = array(&session, "boards");
    assert_eq!(boards.len(), 2, "one backpack each: {boards:?}");
    for (board, participant) in boards.iter().zip(participants) {
        assert_eq!(board["participant"], participant["id"]);
        assert_eq!(board["name"], participant["pseudonym"]);
    }
    let (aase, soeren) = (&boards[0]["id"], &boards[1]["id"]);
    let meetings = array(&session, "meetings");
    let dates: Vec<&str> = meetings
        .iter()
        .map(|m| m["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2026-09-03", "2026-09-10"]);
    let (first, second) = (&meetings[0]["id"], &meetings[1]["id"]);

    let on = |text: &str| {
        let n = note(&session, text);
        (n["board"].clone(), n["zone"].clone(), n["meeting"].clone())
    };
    assert_eq!(
        on("Mormors opskrift"),
        (soeren.clone(), "tage-med".into(), first.clone())
    );
    assert_eq!(
        on("Min gamle cykel"),
        (aase.clone(), "tage-med".into(), first.clone())
    );
    assert_eq!(
        on("Gammel skam"),
        (aase.clone(), "efterlade".into(), second.clone())
    );
    assert_eq!(
        on("Nye venner"),
        (aase.clone(), "tilfoeje".into(), second.clone())
    );
    assert_eq!(
        on("Et fast job"),
        (soeren.clone(), "tilfoeje".into(), second.clone())
    );

    let ratings = array(&session, "ratings");
    assert_eq!(ratings.len(), 2, "{ratings:?}");
    let aase_id = &participants[0]["id"];
    assert_eq!(ratings[0]["participant"], *aase_id);
    assert_eq!(ratings[0]["meeting"], *first);
    assert_eq!(ratings[0]["value"], 4);
    assert_eq!(ratings[1]["participant"], *aase_id);
    assert_eq!(ratings[1]["meeting"], *second);
    assert_eq!(ratings[1]["value"], 2);
}

/// Hangs the focused card under the card the menu item `label` names.
/// Hangs the focused card under the one found by typing `typed` in the
/// picker, which then shows `label` alone.
fn hang_under(tty: &mut Tty, card: &str, typed: &str, label: &str) {
    let title = format!("Hæng “{card}” under");
    tty.send("i");
    tty.wait_for(&[&title, "skriv for at indsnævre listen"]);
    tty.type_text(typed);
    tty.wait_for(&[&format!("Søg: {typed}▏"), label, "1/"]);
    tty.send(ENTER);
    tty.wait_gone(&title);
}

#[test]
fn problem_tree_turned_into_a_solution_tree_with_a_watering_can() {
    let (_dir, store) = store();
    let mut tty = Tty::spawn(&store, &[]);
    let title = "Ensomhed på Ærø";
    new_session(&mut tty, "problemtrae", title);
    next_phase(&mut tty, 1, 4, "Fokusspørgsmål");
    next_phase(&mut tty, 2, 4, "Problemtræ");
    tty.wait_for(&["● Kerneproblem (0)"]);
    add_note(&mut tty, "Ensomme ældre");
    // Down to the roots: a cause of the core problem, and a cause of that.
    tty.send("j");
    add_note(&mut tty, "For få mødesteder");
    tty.wait_for(&["Årsager (1)"]);
    hang_under(
        &mut tty,
        "For få mødesteder",
        "ældre",
        "Kerneproblem: Ensomme ældre",
    );
    add_note(&mut tty, "Bussen er væk");
    hang_under(&mut tty, "Bussen er væk", "mødest", "└ For få mødesteder");
    tty.wait_for(&["└─", "Årsager (2)"]);
    // Up past the trunk to the crown: a consequence.
    tty.send("k");
    tty.send("k");
    tty.send("k");
    add_note(&mut tty, "Flere bliver syge");
    tty.wait_for(&["Konsekvenser (1)"]);

    next_phase(&mut tty, 3, 4, "Løsningstræ");
    tty.send("M");
    tty.wait_for(&["Vendt: 4 kort", "↺ Ensomme ældre", "↺ For få mødesteder"]);
    // Focus is on the first counterpart, the objective: rewrite it.
    tty.send("e");
    tty.wait_for(&["Skriv kortet om til noget positivt"]);
    tty.type_text("Ældre mødes ofte");
    tty.send(ENTER);
    tty.wait_gone("Skriv kortet om til noget positivt");
    tty.wait_for(&["Ældre mødes ofte"]);
    tty.wait_gone("↺ Ensomme ældre");
    tty.send("j");
    tty.send("e");
    tty.wait_for(&["Skriv kortet om til noget positivt", "For få mødesteder"]);
    tty.type_text("Et nyt mødested");
    tty.send(ENTER);
    tty.wait_gone("Skriv kortet om til noget positivt");
    tty.wait_for(&["Et nyt mødested"]);
    // The bus cannot be turned positive by the group: an assumption.
    tty.send("j");
    tty.send("X");
    tty.wait_for(&["Læg kortet til side", "Flyt til Antagelser"]);
    choose(&mut tty, "Flyt til Antagelser");
    tty.wait_for(&["Antagelser (1)"]);

    next_phase(&mut tty, 4, 4, "Ejerskab (vandkanderne)");
    tty.wait_for(&["● Midler (1)"]);
    tty.send("A");
    tty.wait_for(&["Handling", "Et nyt mødested"]);
    tty.send(TAB);
    tty.type_text("Åse");
    tty.send(TAB);
    tty.type_text("2026-12-01");
    tty.send(ENTER);
    tty.wait_for(&["Handlingen er skrevet ned."]);
    finish(&mut tty);
    let session = quit(tty, &store, title);

    assert_eq!(session["method"]["id"], "problemtrae");
    assert_eq!(
        phases_run(&session),
        ["fokus", "problemtrae", "loesningstrae", "ejerskab"]
    );
    assert_eq!(note_texts(&session, "kerneproblem"), ["Ensomme ældre"]);
    assert_eq!(
        note_texts(&session, "aarsager"),
        ["For få mødesteder", "Bussen er væk"]
    );
    assert_eq!(note_texts(&session, "konsekvenser"), ["Flere bliver syge"]);
    let core = note(&session, "Ensomme ældre");
    let cause = note(&session, "For få mødesteder");
    let deeper = note_in(&session, "aarsager", "Bussen er væk");
    let consequence = note_in(&session, "konsekvenser", "Flere bliver syge");
    assert_eq!(links(cause, "causes"), [id(core)]);
    assert_eq!(links(deeper, "causes"), [id(cause)]);

    // The solution tree: each problem card has a counterpart that mirrors
    // it; two were rewritten, one became an assumption, one still has the
    // problem's words.
    assert_eq!(note_texts(&session, "maal"), ["Ældre mødes ofte"]);
    assert_eq!(note_texts(&session, "midler"), ["Et nyt mødested"]);
    assert_eq!(note_texts(&session, "virkninger"), ["Flere bliver syge"]);
    assert_eq!(note_texts(&session, "antagelser"), ["Bussen er væk"]);
    let objective = note_in(&session, "maal", "Ældre mødes ofte");
    let means = note_in(&session, "midler", "Et nyt mødested");
    let end = note_in(&session, "virkninger", "Flere bliver syge");
    let assumption = note_in(&session, "antagelser", "Bussen er væk");
    assert_eq!(links(objective, "mirrors"), [id(core)]);
    assert_eq!(links(means, "mirrors"), [id(cause)]);
    assert_eq!(links(means, "causes"), [id(objective)]);
    assert_eq!(links(end, "mirrors"), [id(consequence)]);
    assert_eq!(links(assumption, "mirrors"), [id(deeper)]);
    assert_eq!(assumption["phase"], "loesningstrae");

    let actions = array(&session, "actions");
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0]["text"], "Et nyt mødested");
    assert_eq!(actions[0]["owner"], "Åse");
    assert_eq!(actions[0]["due"], "2026-12-01");
    assert_eq!(actions[0]["note"], means["id"]);
}

#[test]
fn theory_of_change_along_the_whole_chain() {
    let (_dir, store) = store();
    let mut tty = Tty::spawn(&store, &[]);
    let title = "Forandring på Ærø";
    new_session(&mut tty, "theory-of-change", title);
    next_phase(&mut tty, 1, 8, "Problem");
    add_note(&mut tty, "Ældre er ensomme");
    next_phase(&mut tty, 2, 8, "Målgruppe");
    add_note(&mut tty, "Ældre over 75");
    next_phase(&mut tty, 3, 8, "Indgang");
    add_note(&mut tty, "Via hjemmeplejen");
    next_phase(&mut tty, 4, 8, "Trin mod forandring");
    add_note(&mut tty, "Åbent café-møde");
    add_note(&mut tty, "Fast kaffeklub");
    tty.wait_for(&["1. Åbent café-møde", "2. Fast kaffeklub"]);

    // The phase works in the effects (focused) and the steps: an effect
    // hangs under the step it measures.
    next_phase(&mut tty, 5, 8, "Målbare effekter");
    add_note(&mut tty, "20 kommer hver uge");
    tty.send("i");
    tty.wait_for(&[
        "Hæng “20 kommer hver uge” under hvilket trin?",
        "Ikke hængt under noget",
    ]);
    tty.type_text("kaffe");
    tty.wait_for(&["Søg: kaffe▏", "1/3"]);
    tty.send(ENTER);
    tty.wait_for(&["▸ 20 kommer hver uge"]);

    next_phase(&mut tty, 6, 8, "Større gevinster");
    add_note(&mut tty, "Mindre ensomhed");
    next_phase(&mut tty, 7, 8, "Langsigtet forandring");
    add_note(&mut tty, "Et varmt fællesskab");

    // The assumptions hang under a step too.
    next_phase(&mut tty, 8, 8, "Nøgleantagelser");
    add_note(&mut tty, "Nogen har nøglen");
    tty.wait_for(&["Nøgleantagelser (1)"]);
    tty.send("i");
    tty.wait_for(&[
        "Hæng “Nogen har nøglen” under hvilket trin?",
        "Ikke hængt under noget",
    ]);
    tty.type_text("café");
    tty.wait_for(&["Søg: café▏", "1/3"]);
    tty.send(ENTER);
    tty.wait_gone("under hvilket trin?");
    tty.send("h");
    tty.send("h");
    tty.send("h");
    tty.send("h");
    tty.wait_for(&["? Nogen har nøglen"]);
    finish(&mut tty);
    let session = quit(tty, &store, title);

    assert_eq!(session["method"]["id"], "theory-of-change");
    assert_eq!(
        phases_run(&session),
        [
            "problem",
            "maalgruppe",
            "indgang",
            "trin",
            "effekter",
            "gevinster",
            "forandring",
            "antagelser"
        ]
    );
    let chain = [
        ("problem", vec!["Ældre er ensomme"]),
        ("maalgruppe", vec!["Ældre over 75"]),
        ("indgang", vec!["Via hjemmeplejen"]),
        ("trin", vec!["Åbent café-møde", "Fast kaffeklub"]),
        ("effekter", vec!["20 kommer hver uge"]),
        ("gevinster", vec!["Mindre ensomhed"]),
        ("forandring", vec!["Et varmt fællesskab"]),
        ("antagelser", vec!["Nogen har nøglen"]),
    ];
    for (zone, texts) in chain {
        assert_eq!(note_texts(&session, zone), texts, "zone {zone}");
        assert_eq!(note(&session, texts[0])["phase"], zone);
    }
    let cafe = note(&session, "Åbent café-møde");
    let club = note(&session, "Fast kaffeklub");
    assert_eq!(
        links(note(&session, "20 kommer hver uge"), "attached-to"),
        [id(club)]
    );
    assert_eq!(
        links(note(&session, "Nogen har nøglen"), "attached-to"),
        [id(cafe)]
    );
}

/// Runs phases `first..` of a canvas, writing `text` in the block each
/// phase focuses.
fn fill_blocks(tty: &mut Tty, first: usize, total: usize, blocks: &[(&str, &str)]) {
    for (k, (phase, text)) in blocks.iter().enumerate() {
        next_phase(tty, first + k, total, phase);
        add_note(tty, text);
    }
}

/// Copies the shown canvas through the boards menu, keeping the name the
/// form offers, and waits for the copy to be shown.
fn copy_canvas(tty: &mut Tty, from: &str) {
    tty.send("B");
    tty.wait_for(&["Tavler", "Ny tom tavle", "Kopiér denne tavle"]);
    choose(tty, "Kopiér denne tavle");
    tty.wait_for(&["Ny tavle", &format!("{from} (kopi)")]);
    tty.send(ENTER);
    tty.wait_gone("Ny tavle");
    tty.wait_for(&[&format!("{from} (kopi) (2/2)")]);
}

/// The texts of the notes on board `board` (by position), zone by zone in
/// method order.
fn board_notes(session: &Value, board: usize) -> Vec<(String, String)> {
    let board = &array(session, "boards")[board]["id"];
    array(session, "notes")
        .iter()
        .filter(|n| n["board"] == *board)
        .map(|n| {
            (
                n["zone"].as_str().unwrap().to_string(),
                n["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn business_model_canvas_block_by_block_with_a_copy_to_compare() {
    let (_dir, store) = store();
    let mut tty = Tty::spawn(&store, &[]);
    let title = "Bærkooperativ på Ærø";
    new_session(&mut tty, "business-model-canvas", title);
    next_phase(&mut tty, 1, 11, "Introduktion");
    let blocks = [
        ("Værdiforslag", "Friske bær"),
        ("Kundesegmenter", "Turister"),
        ("Kanaler", "Gårdbutik"),
        ("Kunderelationer", "Fast kundekreds"),
        ("Indtægter", "Salg af saft"),
        ("Nøgleressourcer", "Frivillige"),
        ("Nøgleaktiviteter", "Plukning"),
        ("Nøglepartnere", "Lokale gårde"),
        ("Omkostninger", "Glas og låg"),
    ];
    fill_blocks(&mut tty, 2, 11, &blocks);

    // The review: option B as a copy of the canvas, with one more value
    // proposition, compared block by block with the first.
    next_phase(&mut tty, 11, 11, "Gennemgang");
    copy_canvas(&mut tty, "Canvas 1");
    tty.wait_for(&["Friske bær", "Lokale gårde"]);
    for _ in 0..3 {
        tty.send(TAB);
    }
    add_note(&mut tty, "Bær-abonnement");
    tty.send("B");
    tty.wait_for(&["Tavler", "Sammenlign med Canvas 1"]);
    choose(&mut tty, "Sammenlign med Canvas 1");
    // The note added on the copy is marked as added there.
    let screen = tty.wait_for(&["Sammenlign to tavler", "+ Bær-abonnement"]);
    let names = screen
        .lines()
        .find(|l| l.contains("│ Canvas 1 (kopi)"))
        .unwrap_or_default();
    assert!(
        names.contains("│ Canvas 1 (kopi)") && names.contains("│ Canvas 1 "),
        "both canvases are named in the comparison:\n{screen}"
    );
    assert_eq!(screen.matches("• Friske bær").count(), 2, "{screen}");
    escape(&mut tty, "Sammenlign to tavler");
    tty.send("b");
    tty.wait_for(&["Canvas 1 (1/2)"]);
    tty.wait_gone("Bær-abonnement");
    finish(&mut tty);
    let session = quit(tty, &store, title);

    assert_eq!(session["method"]["id"], "business-model-canvas");
    assert_eq!(
        phases_run(&session),
        [
            "introduktion",
            "vaerdiforslag",
            "kundesegmenter",
            "kanaler",
            "kunderelationer",
            "indtaegter",
            "noegleressourcer",
            "noegleaktiviteter",
            "noeglepartnere",
            "omkostninger",
            "gennemgang"
        ]
    );
    let boards = array(&session, "boards");
    let names: Vec<&str> = boards.iter().map(|b| b["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Canvas 1", "Canvas 1 (kopi)"]);
    let first = pairs(&[
        ("vaerdiforslag", "Friske bær"),
        ("kundesegmenter", "Turister"),
        ("kanaler", "Gårdbutik"),
        ("kunderelationer", "Fast kundekreds"),
        ("indtaegter", "Salg af saft"),
        ("noegleressourcer", "Frivillige"),
        ("noegleaktiviteter", "Plukning"),
        ("noeglepartnere", "Lokale gårde"),
        ("omkostninger", "Glas og låg"),
    ]);
    assert_eq!(board_notes(&session, 0), first);
    let mut second = first.clone();
    second.push(("vaerdiforslag".into(), "Bær-abonnement".into()));
    assert_eq!(board_notes(&session, 1), second);
}

#[test]
fn social_business_model_canvas_with_a_second_canvas() {
    let (_dir, store) = store();
    let mut tty = Tty::spawn(&store, &[]);
    let title = "Madklub på Ærø";
    new_session(&mut tty, "social-business-model-canvas", title);
    next_phase(&mut tty, 1, 14, "Introduktion");
    fill_blocks(
        &mut tty,
        2,
        14,
        &[
            ("Social værdi", "Fællesskab"),
            ("Målgruppe", "Nye i byen"),
            ("Effektmål", "Nye venner"),
            ("Type af indsats", "Madklub"),
            ("Kunder og deres værdi", "Kommunen"),
        ],
    );
    // The customers' phase has two blocks: the value for them is beside.
    tty.send("l");
    add_note(&mut tty, "Færre besøg");
    fill_blocks(
        &mut tty,
        7,
        14,
        &[
            ("Kanaler", "Opslag"),
            ("Indtægter", "Tilskud"),
            ("Nøgleressourcer", "Køkken"),
            ("Nøgleaktiviteter", "Madlavning"),
            ("Partnere og nøgleinteressenter", "Kirken"),
            ("Omkostninger", "Husleje"),
            ("Overskud", "Til udflugt"),
        ],
    );
    tty.send("D");
    tty.wait_for(&["Beslutning", "Til udflugt"]);
    tty.send(ENTER);
    tty.wait_for(&["Beslutningen er skrevet ned."]);

    // The review: a second canvas to try paid dinners, copied from the
    // first, with one more income.
    next_phase(&mut tty, 14, 14, "Gennemgang");
    copy_canvas(&mut tty, "Canvas 1");
    tty.wait_for(&["Fællesskab", "Til udflugt"]);
    tty.send("b");
    tty.wait_for(&["Canvas 1 (1/2)"]);
    tty.send("b");
    tty.wait_for(&["Canvas 1 (kopi) (2/2)"]);
    // From the key resources, the review's first block, down to the costs
    // and right along the bottom row to the income.
    for _ in 0..2 {
        tty.send("j");
    }
    tty.send("l");
    tty.send("l");
    add_note(&mut tty, "Betalt middag");
    tty.wait_for(&["Indtægter (2)"]);
    finish(&mut tty);
    let session = quit(tty, &store, title);

    assert_eq!(session["method"]["id"], "social-business-model-canvas");
    assert_eq!(
        phases_run(&session),
        [
            "introduktion",
            "social-vaerdi",
            "maalgrupper",
            "effektmaal",
            "indsatstype",
            "kunder",
            "kanaler",
            "indtaegter",
            "noegleressourcer",
            "noegleaktiviteter",
            "partnere",
            "omkostninger",
            "overskud",
            "gennemgang"
        ]
    );
    let boards = array(&session, "boards");
    let names: Vec<&str> = boards.iter().map(|b| b["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Canvas 1", "Canvas 1 (kopi)"]);
    let first = pairs(&[
        ("social-vaerdi", "Fællesskab"),
        ("maalgrupper", "Nye i byen"),
        ("effektmaal", "Nye venner"),
        ("indsatstype", "Madklub"),
        ("kunder", "Kommunen"),
        ("kundevaerdi", "Færre besøg"),
        ("kanaler", "Opslag"),
        ("indtaegter", "Tilskud"),
        ("noegleressourcer", "Køkken"),
        ("noegleaktiviteter", "Madlavning"),
        ("partnere", "Kirken"),
        ("omkostninger", "Husleje"),
        ("overskud", "Til udflugt"),
    ]);
    assert_eq!(board_notes(&session, 0), first);
    let mut second = first.clone();
    second.push(("indtaegter".into(), "Betalt middag".into()));
    assert_eq!(board_notes(&session, 1), second);
    let decisions = array(&session, "decisions");
    assert_eq!(decisions.len(), 1);
    assert_eq!(decisions[0]["text"], "Til udflugt");
    assert_eq!(decisions[0]["phase"], "overskud");
    let surplus = &array(&session, "notes")
        .iter()
        .find(|n| n["text"] == "Til udflugt" && n["board"] == boards[0]["id"])
        .unwrap()["id"];
    assert_eq!(decisions[0]["notes"], serde_json::json!([surplus]));
}

#[test]
fn double_diamond_opens_narrows_opens_and_narrows() {
    let (_dir, store) = store();
    let mut tty = Tty::spawn(&store, &[]);
    let title = "Breve fra kommunen på Ærø";
    new_session(&mut tty, "double-diamond", title);
    tty.wait_for(&["Opdag · åbn op", "Definer · vælg ud"]);
    next_phase(&mut tty, 1, 4, "Opdag");
    add_note(&mut tty, "Svære breve");
    add_note(&mut tty, "Lange ventetider");
    add_note(&mut tty, "Ingen at spørge");

    // Narrowing: two of the needs go on into the definition.
    next_phase(&mut tty, 2, 4, "Definer");
    tty.send("h");
    tty.send("s");
    tty.wait_for(&["Definer (1)", "[→ videre]"]);
    tty.send("j");
    tty.send("j");
    tty.send("s");
    tty.wait_for(&["Definer (2)", "[lagt til side]"]);
    let screen = tty.contents();
    assert_eq!(screen.matches("[→ videre]").count(), 2, "{screen}");
    assert_eq!(screen.matches("[lagt til side]").count(), 1, "{screen}");

    next_phase(&mut tty, 3, 4, "Udvikl");
    add_note(&mut tty, "Brevcafé");
    add_note(&mut tty, "Telefonvagt");
    add_note(&mut tty, "Frivillig makker");

    // Narrowing again: one idea is delivered, decided and owned.
    next_phase(&mut tty, 4, 4, "Udfør");
    tty.send("h");
    tty.send("s");
    tty.wait_for(&["Udfør (1)"]);
    tty.send("l");
    tty.send("D");
    tty.wait_for(&["Beslutning", "Brevcafé"]);
    tty.send(ENTER);
    tty.wait_for(&["Beslutningen er skrevet ned."]);
    tty.send("A");
    tty.wait_for(&["Handling", "Brevcafé"]);
    tty.send(TAB);
    tty.type_text("Jørgen");
    tty.send(TAB);
    tty.type_text("2027-01-15");
    tty.send(ENTER);
    tty.wait_for(&["Handlingen er skrevet ned."]);
    finish(&mut tty);
    let session = quit(tty, &store, title);

    assert_eq!(session["method"]["id"], "double-diamond");
    assert_eq!(
        phases_run(&session),
        ["opdag", "definer", "udvikl", "lever"]
    );
    assert_eq!(
        note_texts(&session, "opdag"),
        ["Svære breve", "Lange ventetider", "Ingen at spørge"]
    );
    assert_eq!(
        note_texts(&session, "definer"),
        ["Svære breve", "Ingen at spørge"]
    );
    assert_eq!(
        note_texts(&session, "udvikl"),
        ["Brevcafé", "Telefonvagt", "Frivillig makker"]
    );
    assert_eq!(note_texts(&session, "lever"), ["Brevcafé"]);
    let carried = |zone: &str, text: &str, from: &str| {
        let copy = note_in(&session, zone, text);
        let original = note_in(&session, from, text);
        let links = copy["links"].as_array().unwrap();
        assert_eq!(links.len(), 1, "{copy}");
        assert_eq!(links[0]["kind"], "carried-from");
        assert_eq!(links[0]["note"], original["id"]);
        assert!(links[0].get("session").is_none(), "within the session");
        assert_eq!(copy["phase"], zone);
        copy
    };
    carried("definer", "Svære breve", "opdag");
    carried("definer", "Ingen at spørge", "opdag");
    let chosen = carried("lever", "Brevcafé", "udvikl");

    let decisions = array(&session, "decisions");
    assert_eq!(decisions.len(), 1);
    assert_eq!(decisions[0]["text"], "Brevcafé");
    assert_eq!(decisions[0]["notes"], serde_json::json!([id(chosen)]));
    let actions = array(&session, "actions");
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0]["owner"], "Jørgen");
    assert_eq!(actions[0]["due"], "2027-01-15");
    assert_eq!(actions[0]["note"], chosen["id"]);
}
