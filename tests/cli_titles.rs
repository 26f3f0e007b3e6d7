//! Every command that takes a session takes the words of its title too,
//! run as a user runs it: one match is used, several are listed to choose
//! from, none is one sentence; an id or the start of one still wins.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        Fixture {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn store(&self) -> PathBuf {
        self.dir.path().join("store")
    }

    fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("sempre").unwrap();
        cmd.current_dir(self.dir.path())
            .env_remove("SEMPRE_STORE")
            .env_remove("SEMPRE_LANG")
            .env("LANG", "C.UTF-8")
            .env("HOME", self.dir.path())
            .arg("--store")
            .arg(self.store());
        cmd
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }

    /// What a failing command says on standard error.
    fn refused(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).assert().failure();
        assert!(out.get_output().stdout.is_empty());
        String::from_utf8(out.get_output().stderr.clone()).unwrap()
    }

    fn new_session(&self, method: &str, title: &str, date: &str) -> String {
        let args = ["new", "--method", method, "--title", title, "--date", date];
        self.run(&args).trim().to_string()
    }

    fn json(&self, id: &str) -> Value {
        let path = self.store().join(format!("{id}.json"));
        serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
    }

    fn notes(&self, id: &str) -> Vec<String> {
        self.json(id)["notes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["text"].as_str().unwrap().to_string())
            .collect()
    }
}

/// Two sessions for parents (May and June) and one for young people.
fn three_sessions(f: &Fixture) -> (String, String, String) {
    let may = f.new_session("fremtidsvaerksted", "Forældre maj", "2026-05-12");
    let june = f.new_session("rygsaek", "Forældre i juni", "2026-06-09");
    let young = f.new_session("problemtrae", "Unge på vej", "2026-04-01");
    f.run(&["add", &may, "--zone", "kritik", "Kaffen er kold"]);
    f.run(&[
        "add",
        &may,
        "--zone",
        "kritik",
        "--private",
        "Skilsmissen fylder",
    ]);
    (may, june, young)
}

#[test]
fn title_words_name_one_session_however_they_are_typed() {
    let f = Fixture::new();
    let (may, _, young) = three_sessions(&f);
    for words in ["forældre maj", "Forældre MAJ", "foraeldre maj", "maj"] {
        let shown = f.run(&["show", words]);
        assert!(shown.starts_with("Forældre maj\n"), "{words}: {shown}");
        assert!(shown.contains(&may), "{words}");
    }
    let shown = f.run(&["show", "UNGE PÅ"]);
    assert!(shown.starts_with("Unge på vej\n"), "{shown}");
    assert!(shown.contains(&young));
}

#[test]
fn every_command_on_a_session_takes_its_title() {
    let f = Fixture::new();
    let (may, june, _) = three_sessions(&f);

    f.run(&[
        "add",
        "forældre i juni",
        "--zone",
        "tage-med",
        "Jeg kan svømme",
    ]);
    assert_eq!(f.notes(&june), ["Jeg kan svømme"]);

    let shown: Value = serde_json::from_str(&f.run(&["show", "maj", "--json"])).unwrap();
    assert_eq!(shown["id"], may.as_str());

    let exported = f.run(&["export", "maj", "juni", "--format", "md"]);
    assert!(exported.contains("Kaffen er kold"));
    assert!(exported.contains("Jeg kan svømme"));
    assert!(!exported.contains("Skilsmissen"));

    // A copy elsewhere merged with the session named by its title.
    let copy = f.dir.path().join("copy.json");
    std::fs::copy(f.store().join(format!("{may}.json")), &copy).unwrap();
    let merged = f.run(&["merge", "forældre maj", copy.to_str().unwrap()]);
    let merged: Value = serde_json::from_str(&merged).unwrap();
    assert_eq!(merged["id"], may.as_str());

    let checked = f.cmd().args(["check", "maj"]).assert().success();
    let said = String::from_utf8_lossy(&checked.get_output().stderr).to_string();
    assert!(said.contains("1 session files checked"), "{said}");
}

#[test]
fn several_matches_are_listed_one_line_each_without_note_text() {
    let f = Fixture::new();
    let (may, june, young) = three_sessions(&f);
    let said = f.refused(&["show", "forældre"]);
    let lines: Vec<&str> = said.trim_end().lines().collect();
    assert_eq!(lines.len(), 3, "{said}");
    assert!(
        lines[0].starts_with("sempre: \"forældre\" is in the titles of 2 sessions;"),
        "{said}"
    );
    // Newest first: id, date, method, title.
    for (line, (id, date, method, title)) in lines[1..].iter().zip([
        (&june, "2026-06-09", "rygsaek", "Forældre i juni"),
        (&may, "2026-05-12", "fremtidsvaerksted", "Forældre maj"),
    ]) {
        let columns: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(columns[0], &id[..8], "{line}");
        assert_eq!(columns[1..3], [date, method], "{line}");
        assert!(line.trim_end().ends_with(title), "{line}");
    }
    assert!(!said.contains(&young[..8]));
    assert!(!said.contains("Kaffen") && !said.contains("Skilsmissen"));

    // Nothing was written by a refused command.
    let before = f.notes(&may);
    let said = f.refused(&["add", "forældre", "--zone", "kritik", "Hvor?"]);
    assert!(said.contains(&may[..8]), "{said}");
    assert_eq!(f.notes(&may), before);
    assert!(f.notes(&june).is_empty());

    let da = f.refused(&["--lang", "da", "export", "forældre", "--format", "md"]);
    assert!(
        da.starts_with("sempre: \"forældre\" står i titlen på 2 sessioner;"),
        "{da}"
    );
    assert_eq!(da.trim_end().lines().count(), 3, "{da}");
}

#[test]
fn no_match_is_one_sentence() {
    let f = Fixture::new();
    three_sessions(&f);
    for args in [
        vec!["show", "kaffe"],
        vec!["add", "forældre juli", "--zone", "kritik", "x"],
        vec!["export", "kaffe", "--format", "md"],
    ] {
        let said = f.refused(&args);
        assert_eq!(said.trim_end().lines().count(), 1, "{said}");
        assert!(said.contains("No session matches"), "{said}");
        assert!(said.trim_end().ends_with('.'), "{said}");
    }
}

#[test]
fn an_id_or_its_start_wins_over_a_title() {
    let f = Fixture::new();
    let (may, _, _) = three_sessions(&f);
    // A session whose title is the start of another session's id.
    let start = &may[..8];
    let named = f.new_session("rygsaek", start, "2026-07-01");
    for query in [start, &may[..4], may.as_str()] {
        let shown = f.run(&["show", query]);
        assert!(shown.starts_with("Forældre maj\n"), "{query}: {shown}");
    }
    // Its own id, or other words of the title, still find it.
    assert!(f.run(&["show", &named]).contains(&named));
    // A file is a file.
    let file = f.store().join(format!("{named}.json"));
    assert!(f.run(&["show", file.to_str().unwrap()]).contains(&named));
}

#[test]
fn a_title_with_a_slash_is_found_and_a_missing_file_is_not() {
    let f = Fixture::new();
    three_sessions(&f);
    let id = f.new_session("rygsaek", "Mor/far-gruppen", "2026-08-01");
    assert!(f.run(&["show", "mor/far"]).contains(&id));
    let said = f.refused(&["show", "gruppe1.json"]);
    assert!(
        said.contains("No session matches \"gruppe1.json\""),
        "{said}"
    );
}

#[test]
fn a_title_that_is_the_words_exactly_wins() {
    let f = Fixture::new();
    three_sessions(&f);
    let plain = f.new_session("rygsaek", "Forældre", "2026-08-01");
    let shown: Value = serde_json::from_str(&f.run(&["show", "FORÆLDRE", "--json"])).unwrap();
    assert_eq!(shown["id"], plain.as_str());
}

/// Words that stand whole in one title win over the same letters inside a
/// longer word of another ("nr 7" is not "nr 17"), and when several
/// titles remain, each is listed whole, since its end may be what tells
/// it apart.
#[test]
fn whole_words_win_and_the_candidates_are_listed_with_their_whole_titles() {
    let f = Fixture::new();
    let long = "Fremtidsværksted om hverdagen for enlige forældre i Syddjurs Kommune";
    let seven = f.new_session("fremtidsvaerksted", &format!("{long} nr 7"), "2026-09-01");
    f.new_session("fremtidsvaerksted", &format!("{long} nr 17"), "2026-09-02");
    let shown = f.run(&["--lang", "en", "show", "--json", "syddjurs nr 7"]);
    let shown: Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(shown["id"].as_str(), Some(seven.as_str()));
    let err = f.refused(&["--lang", "en", "show", "syddjurs nr"]);
    assert!(err.contains(&format!("{long} nr 7\n")), "{err}");
    assert!(err.contains(&format!("{long} nr 17\n")), "{err}");
}

/// Words are split at punctuation in what is typed as in the titles, so
/// "nr. 779" is the whole words nr and 779, and the title holding them
/// whole wins over one that holds 779 inside a longer number.
#[test]
fn punctuation_typed_between_words_splits_them_as_in_titles() {
    let f = Fixture::new();
    let id = f.new_session("rygsaek", "Gruppe nr. 779", "2026-10-01");
    f.new_session("rygsaek", "Gruppe nr. 3779", "2026-10-02");
    f.run(&["add", "nr. 779", "--zone", "tage-med", "Rigtig gruppe"]);
    assert!(
        f.json(&id)["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["text"] == "Rigtig gruppe"),
        "the note went to {id}"
    );
}
