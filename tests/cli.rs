//! The command line, run as a user runs it.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
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
        let mut cmd = self.bare();
        cmd.arg("--store").arg(self.store());
        cmd
    }

    fn bare(&self) -> Command {
        let mut cmd = Command::cargo_bin("sempre").unwrap();
        cmd.current_dir(self.dir.path())
            .env_remove("SEMPRE_STORE")
            .env_remove("SEMPRE_LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C.UTF-8")
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join("xdg"));
        cmd
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self
            .cmd()
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    }

    fn new_session(&self, extra: &[&str]) -> String {
        let mut args = vec![
            "new",
            "--method",
            "fremtidsvaerksted",
            "--title",
            "Hverdagen som enlig forælder",
        ];
        args.extend_from_slice(extra);
        self.run(&args).trim().to_string()
    }

    fn file(&self, id: &str) -> PathBuf {
        self.store().join(format!("{id}.json"))
    }

    fn json(&self, id: &str) -> Value {
        serde_json::from_slice(&std::fs::read(self.file(id)).unwrap()).unwrap()
    }
}

fn is_uuid(text: &str) -> bool {
    uuid::Uuid::parse_str(text.trim()).is_ok()
}

fn assert_one_sentence(stderr: &[u8]) {
    let text = String::from_utf8_lossy(stderr);
    assert_eq!(text.trim_end().lines().count(), 1, "not one line: {text}");
    assert!(text.trim_end().ends_with('.'), "not a sentence: {text}");
}

#[test]
fn new_prints_only_the_id_and_saves_the_context() {
    let f = Fixture::new();
    let out = f.run(&[
        "new",
        "--method",
        "fremtidsvaerksted",
        "--title",
        "  Sprog og arbejde ",
        "--network",
        "LEN Aarhus Vest",
        "--group",
        "Flygtninge",
        "--place",
        "Gellerup",
        "--date",
        "2026-10-03",
        "--facilitator",
        "Mette",
        "--facilitator",
        "Karim",
        "--participants",
        "14",
        "--tag",
        "sprog",
        "--tag",
        "job",
        "--pseudonym",
        "Amal",
        "--lang",
        "da",
    ]);
    assert!(is_uuid(&out), "{out}");
    assert_eq!(out.lines().count(), 1);
    let id = out.trim();
    let json = f.json(id);
    assert_eq!(json["format"], sempre::model::FORMAT);
    assert_eq!(json["id"], id);
    assert_eq!(json["method"]["id"], "fremtidsvaerksted");
    let ctx = &json["context"];
    assert_eq!(ctx["title"], "Sprog og arbejde");
    assert_eq!(ctx["language"], "da");
    assert_eq!(ctx["network"], "LEN Aarhus Vest");
    assert_eq!(ctx["target_group"], "Flygtninge");
    assert_eq!(ctx["place"], "Gellerup");
    assert_eq!(ctx["date"], "2026-10-03");
    assert_eq!(ctx["facilitators"], serde_json::json!(["Mette", "Karim"]));
    assert_eq!(ctx["participant_count"], 14);
    assert_eq!(ctx["participants"][0]["pseudonym"], "Amal");
    assert_eq!(ctx["tags"], serde_json::json!(["sprog", "job"]));
}

#[test]
fn new_refuses_unknown_method_empty_title_and_bad_date_and_writes_nothing() {
    let f = Fixture::new();
    let out = f
        .cmd()
        .args(["new", "--method", "kitchen-talks", "--title", "x"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no method \"kitchen-talks\""))
        .stderr(predicate::str::contains("fremtidsvaerksted"));
    assert_one_sentence(&out.get_output().stderr);
    f.cmd()
        .args(["new", "--method", "rygsaek", "--title", "  "])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--title is empty"));
    f.cmd()
        .args([
            "new",
            "--method",
            "rygsaek",
            "--title",
            "x",
            "--date",
            "3/10/2026",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("YYYY-MM-DD"));
    f.cmd()
        .args(["new", "--method", "rygsaek", "--title", "x", "--lang", "sv"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("da or en"));
    assert!(!f.store().exists(), "nothing may be written on error");
}

#[test]
fn add_prints_the_note_id_and_saves_the_note() {
    let f = Fixture::new();
    let id = f.new_session(&[]);
    let note = f.run(&[
        "add",
        &id[..8],
        "--zone",
        "kritik",
        "--color",
        "blå",
        "--author",
        "Amal",
        "--role",
        "borger",
        "Vi mangler pasning om aftenen 🌙",
    ]);
    assert!(is_uuid(&note));
    let json = f.json(&id);
    let n = &json["notes"][0];
    assert_eq!(n["id"], note.trim());
    assert_eq!(n["zone"], "kritik");
    assert_eq!(n["colour"], "blue");
    assert_eq!(n["author"], "Amal");
    assert_eq!(n["role"], "citizen");
    assert_eq!(n["private"], false);
    assert_eq!(n["text"], "Vi mangler pasning om aftenen 🌙");
    f.run(&[
        "add",
        &id,
        "--zone",
        "fantasi",
        "--private",
        "Et hemmeligt ønske",
    ]);
    assert_eq!(f.json(&id)["notes"][1]["private"], true);
    assert_eq!(f.json(&id)["notes"][1]["colour"], "yellow");
}

#[test]
fn add_errors_leave_the_file_byte_for_byte() {
    let f = Fixture::new();
    let id = f.new_session(&[]);
    let before = std::fs::read(f.file(&id)).unwrap();
    let out = f
        .cmd()
        .args(["add", &id, "--zone", "critique", "x"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "kritik, fantasi, virkeliggoerelse",
        ));
    assert_one_sentence(&out.get_output().stderr);
    f.cmd()
        .args(["add", &id, "--zone", "kritik", " \n "])
        .assert()
        .failure()
        .stderr(predicate::str::contains("empty"));
    f.cmd()
        .args(["add", &id, "--zone", "kritik", "--board", "Canvas 9", "x"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no board \"Canvas 9\""));
    f.cmd()
        .args(["add", &id, "--zone", "kritik", "--color", "teal", "x"])
        .assert()
        .failure();
    f.cmd()
        .args(["add", "ffffffff", "--zone", "kritik", "x"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("No session matches \"ffffffff\""));
    assert_eq!(std::fs::read(f.file(&id)).unwrap(), before);
}

#[test]
fn add_to_a_session_open_elsewhere_is_refused() {
    let f = Fixture::new();
    let id = f.new_session(&[]);
    let before = std::fs::read(f.file(&id)).unwrap();
    let lock = sempre::store::SessionLock::try_acquire(&f.file(&id)).unwrap();
    assert!(lock.is_some());
    let out = f
        .cmd()
        .args(["add", &id, "--zone", "kritik", "x"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "open for editing in another sempre window",
        ));
    assert_one_sentence(&out.get_output().stderr);
    assert_eq!(std::fs::read(f.file(&id)).unwrap(), before);
    drop(lock);
    f.run(&["add", &id, "--zone", "kritik", "x"]);
}

#[test]
fn add_to_a_damaged_session_is_refused_and_the_file_kept() {
    let f = Fixture::new();
    let id = f.new_session(&[]);
    let path = f.file(&id);
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&path, &bytes).unwrap();
    let out = f
        .cmd()
        .args(["add", path.to_str().unwrap(), "--zone", "kritik", "x"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("damaged"));
    assert_one_sentence(&out.get_output().stderr);
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[cfg(unix)]
#[test]
fn a_full_disk_keeps_the_old_file() {
    let f = Fixture::new();
    let id = f.new_session(&[]);
    let before = std::fs::read(f.file(&id)).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("sempre");
    let long = "lang tekst ".repeat(200);
    // A file size limit of 1 KiB makes every write past it fail with
    // EFBIG, as a full disk makes it fail with ENOSPC.
    let script = format!(
        "trap '' XFSZ; ulimit -f 2; exec '{}' --store '{}' add {id} --zone kritik '{long}'",
        bin.display(),
        f.store().display()
    );
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert_one_sentence(&out.stderr);
    assert!(String::from_utf8_lossy(&out.stderr).contains("Could not save"));
    assert_eq!(std::fs::read(f.file(&id)).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(f.store())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn list_filters_and_prints_json_for_scripts() {
    let f = Fixture::new();
    let a = f.new_session(&[
        "--network",
        "LEN Syddjurs",
        "--group",
        "Enlige forældre",
        "--date",
        "2026-09-01",
        "--tag",
        "sundhed",
    ]);
    f.run(&["add", &a, "--zone", "kritik", "Lange ventetider hos lægen"]);
    let b = f.run(&[
        "new",
        "--method",
        "rygsaek",
        "--title",
        "Unge flygtninge",
        "--network",
        "LEN Aarhus",
        "--date",
        "2026-10-15",
    ]);
    let b = b.trim();

    let table = f.run(&["list"]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 3, "{table}");
    assert!(lines[1].starts_with(&b[..8]), "newest first: {table}");
    assert!(lines[2].contains("Hverdagen som enlig forælder"));

    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["list", "--json"];
        all.extend_from_slice(args);
        let json: Value = serde_json::from_str(&f.run(&all)).unwrap();
        json.as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&[]), vec![b.to_string(), a.clone()]);
    assert_eq!(ids(&["--method", "rygsaek"]), vec![b.to_string()]);
    assert_eq!(ids(&["--network", "syddjurs"]), vec![a.clone()]);
    assert_eq!(ids(&["--group", "enlige"]), vec![a.clone()]);
    assert_eq!(ids(&["--tag", "SUNDHED"]), vec![a.clone()]);
    assert_eq!(ids(&["--since", "2026-10-01"]), vec![b.to_string()]);
    assert_eq!(ids(&["--until", "2026-09-30"]), vec![a.clone()]);
    assert_eq!(ids(&["--text", "ventetider lægen"]), vec![a.clone()]);
    assert!(ids(&["--text", "ventetider kaffe"]).is_empty());
    let none = f.run(&["list", "--method", "double-diamond"]);
    assert_eq!(none.trim(), "No sessions match.");
}

#[test]
fn list_names_unreadable_files_and_lists_the_rest() {
    let f = Fixture::new();
    let a = f.new_session(&[]);
    std::fs::write(f.store().join("broken.json"), "{ not json").unwrap();
    f.cmd()
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains(&a[..8]))
        .stderr(predicate::str::contains("broken.json"));
}

#[test]
fn show_groups_by_zone_and_hides_private_notes() {
    let f = Fixture::new();
    let id = f.new_session(&["--network", "LEN Syddjurs"]);
    f.run(&["add", &id, "--zone", "kritik", "For lidt søvn"]);
    f.run(&[
        "add",
        &id,
        "--zone",
        "fantasi",
        "--private",
        "Skilsmissen fylder",
    ]);
    let text = f.run(&["show", &id]);
    assert!(text.contains("── Critique (1) ──"), "{text}");
    assert!(text.contains("For lidt søvn"));
    assert!(!text.contains("Skilsmissen"));
    assert!(text.contains("1 private item is hidden"));
    let all = f.run(&["show", &id, "--private"]);
    assert!(all.contains("Skilsmissen fylder"));
    let da = f.run(&["--lang", "da", "show", &id]);
    assert!(da.contains("── Kritik (1) ──"), "{da}");
    assert!(da.contains("Netværk: LEN Syddjurs"));
    let json: Value = serde_json::from_str(&f.run(&["show", &id, "--json"])).unwrap();
    assert_eq!(json["notes"].as_array().unwrap().len(), 1);
}

#[test]
fn export_json_never_contains_private_notes() {
    let f = Fixture::new();
    let id = f.new_session(&[]);
    f.run(&["add", &id, "--zone", "kritik", "Offentlig"]);
    f.run(&[
        "add",
        &id,
        "--zone",
        "kritik",
        "--private",
        "Meget personligt",
    ]);
    let out = f.run(&["export", &id, "--format", "json"]);
    assert!(out.contains("Offentlig"));
    assert!(!out.contains("Meget personligt"));
    let export_to = |path: &Path| {
        f.run(&[
            "export",
            &id,
            "--format",
            "json",
            "--out",
            path.to_str().unwrap(),
        ]);
        std::fs::read_to_string(path).unwrap()
    };
    let file = f.dir.path().join("export.json");
    assert_eq!(export_to(&file), out);
    f.cmd()
        .args(["export", &id, "--format", "pdf"])
        .assert()
        .failure();
    // A folder that is missing is made; one that cannot be (a file is in
    // the way, even for root) is one sentence.
    assert_eq!(export_to(&f.dir.path().join("exports/2026/x.json")), out);
    let blocked = file.join("x.json");
    f.cmd()
        .args(["export", &id, "--format", "json", "--out"])
        .arg(&blocked)
        .assert()
        .failure()
        .stderr(predicate::str::contains("Could not write the export"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), out);
}

#[test]
fn export_formats_reports_and_their_mistakes() {
    let f = Fixture::new();
    let a = f.new_session(&[
        "--network",
        "LEN Herning",
        "--date",
        "2026-09-05",
        "--facilitator",
        "Mette",
        "--lang",
        "da",
    ]);
    let b = f.new_session(&["--network", "LEN Herning", "--date", "2026-10-08"]);
    let other = f.new_session(&["--network", "LEN Thy", "--date", "2026-09-01"]);
    f.run(&["add", &a, "--zone", "kritik", "=HYPERLINK(\"x\") <b>"]);
    f.run(&["add", &b, "--zone", "kritik", "Anden session"]);
    f.run(&["add", &other, "--zone", "kritik", "Thy-note"]);

    let md = f.run(&["export", &a, "--format", "md"]);
    assert!(md.starts_with("# Hverdagen som enlig forælder"), "{md}");
    assert!(md.contains("&lt;b&gt;"), "{md}");
    assert!(
        md.contains("Kritik"),
        "a Danish session speaks Danish: {md}"
    );
    let en = f.run(&["--lang", "en", "export", &a, "--format", "md"]);
    assert!(en.contains("Critique"), "--lang wins: {en}");
    let html = f.run(&["export", &a, &b, "--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(html.matches("<section class=\"session\"").count(), 2);
    let csv = f.run(&["export", &a, "--format", "csv"]);
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    assert!(f.run(&["export", &a, "--format", "md"]).contains("Mette"));
    assert!(
        !f.run(&["export", &a, "--format", "md", "--anonymize"])
            .contains("Mette")
    );

    let report = f.run(&["export", "--network", "LEN Herning", "--format", "md"]);
    assert!(
        report.contains("Anden session") && report.contains("HYPERLINK"),
        "{report}"
    );
    assert!(!report.contains("Thy-note"), "{report}");
    let late = f.run(&[
        "export",
        "--network",
        "LEN Herning",
        "--since",
        "2026-10-01",
        "--format",
        "md",
    ]);
    assert!(
        late.contains("Anden session") && !late.contains("HYPERLINK"),
        "{late}"
    );

    let file = f.dir.path().join("rapport.html");
    f.run(&[
        "export",
        "--network",
        "LEN Herning",
        "--format",
        "html",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("LEN Herning")
    );

    f.cmd()
        .args(["export", "--format", "md"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "Name one or more sessions to export",
        ));
    f.cmd()
        .args(["export", "--network", "Nowhere", "--format", "md"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("No network is called \"Nowhere\""));
    f.cmd()
        .args(["export", &a, "--since", "2026-01-01", "--format", "md"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("cannot be used with '--since"));
    f.cmd()
        .args(["export", &a, "--network", "x", "--format", "md"])
        .assert()
        .failure();
    let before = std::fs::read_to_string(&file).unwrap();
    f.cmd()
        .args([
            "export",
            "--network",
            "Nowhere",
            "--format",
            "md",
            "--out",
            file.to_str().unwrap(),
        ])
        .assert()
        .failure();
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        before,
        "a failed export leaves the file alone"
    );

    // JSON in the store's folder would be read as a second copy of the
    // session, without its private notes.
    let listed = |f: &Fixture| std::fs::read_dir(f.store()).unwrap().count();
    let files = listed(&f);
    let into_store = f.store().join("copy.json");
    f.cmd()
        .args(["export", &a, "--format", "json", "--out"])
        .arg(&into_store)
        .assert()
        .failure()
        .stderr(predicate::str::contains("session files are kept"));
    assert_eq!(listed(&f), files, "nothing is written into the store");
}

#[test]
fn a_network_report_holds_the_one_network_named() {
    let f = Fixture::new();
    let herning = f.new_session(&["--network", "LEN Herning", "--date", "2026-09-01"]);
    let nord = f.new_session(&["--network", "LEN Herning Nord", "--date", "2026-09-02"]);
    let spaced = f.new_session(&["--network", "len  herning ", "--date", "2026-09-03"]);
    f.run(&["add", &herning, "--zone", "kritik", "Herning-note"]);
    f.run(&["add", &nord, "--zone", "kritik", "Nord-note"]);
    f.run(&["add", &spaced, "--zone", "kritik", "Anden stavemåde"]);

    // The whole name, in any case, spaces around and doubled inside aside.
    for asked in ["LEN Herning", "len herning ", "  LEN   HERNING"] {
        let report = f.run(&["export", "--network", asked, "--format", "md"]);
        assert!(
            report.contains("Herning-note") && report.contains("Anden stavemåde"),
            "{asked:?}: {report}"
        );
        assert!(!report.contains("Nord-note"), "{asked:?}: {report}");
        assert!(!report.contains("LEN Herning Nord"), "{asked:?}: {report}");
    }
    let nord_report = f.run(&["export", "--network", "len herning nord", "--format", "csv"]);
    assert!(nord_report.contains("Nord-note"), "{nord_report}");
    assert!(!nord_report.contains("Herning-note"), "{nord_report}");

    // A part of a name, or a name no session has, is refused with the
    // names there are; nothing is written.
    let out = f.dir.path().join("report.md");
    for asked in ["LEN", "Herning", "LEN Thy"] {
        f.cmd()
            .args(["export", "--network", asked, "--format", "md", "--out"])
            .arg(&out)
            .assert()
            .failure()
            .stdout(predicate::str::is_empty())
            .stderr(predicate::str::contains(format!(
                "No network is called \"{asked}\""
            )))
            .stderr(predicate::str::contains(
                "the networks are \"LEN Herning\", \"LEN Herning Nord\".",
            ));
        assert!(!out.exists(), "{asked}: nothing is written");
    }

    // Listing stays a search: a part of the name finds both networks.
    let listed = f.run(&["list", "--network", "herning"]);
    assert_eq!(listed.lines().count(), 4, "{listed}");
}

#[test]
fn methods_list_show_and_check() {
    let f = Fixture::new();
    let list = f.run(&["methods"]);
    for id in [
        "fremtidsvaerksted",
        "rygsaek",
        "problemtrae",
        "theory-of-change",
        "business-model-canvas",
        "social-business-model-canvas",
        "double-diamond",
    ] {
        assert!(list.contains(id), "{id} missing from {list}");
    }
    let show = f.run(&["--lang", "da", "methods", "show", "fremtidsvaerksted"]);
    assert!(show.contains("Fremtidsværksted"));
    assert!(show.contains("Kritik"));
    assert!(show.contains("Gruppestørrelse: 10–20"));
    f.cmd()
        .args(["methods", "show", "nope"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no method \"nope\""));

    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("methods/rygsaek.json");
    f.cmd()
        .args(["methods", "check", good.to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::contains("ok (rygsaek"));
    let bad = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid_methods/zone-typo.json");
    f.cmd()
        .args([
            "methods",
            "check",
            good.to_str().unwrap(),
            bad.to_str().unwrap(),
        ])
        .assert()
        .failure()
        .stdout(predicate::str::contains("zone-typo.json"))
        .stdout(predicate::str::contains("phases[1].zones[0]"));
}

#[test]
fn a_method_file_beside_the_store_adds_a_method() {
    let f = Fixture::new();
    let methods = f.dir.path().join("methods");
    std::fs::create_dir(&methods).unwrap();
    let source = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("methods/double-diamond.json"),
    )
    .unwrap();
    let custom = source.replacen("\"id\": \"double-diamond\"", "\"id\": \"kitchen-talks\"", 1);
    std::fs::write(methods.join("kitchen-talks.json"), custom).unwrap();
    std::fs::write(methods.join("broken.json"), "{").unwrap();
    f.cmd()
        .arg("methods")
        .assert()
        .success()
        .stdout(predicate::str::contains("kitchen-talks"))
        .stderr(predicate::str::contains("broken.json"));
    let id = f.run(&["new", "--method", "kitchen-talks", "--title", "Køkkensnak"]);
    assert!(is_uuid(&id));
    f.cmd()
        .args(["--methods", "no-such-folder", "methods"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "The methods folder no-such-folder does not exist.",
        ));
}

#[test]
fn check_reports_each_bad_file_once() {
    let f = Fixture::new();
    let a = f.new_session(&[]);
    f.run(&["add", &a, "--zone", "kritik", "x"]);
    f.cmd()
        .arg("check")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "1 session files checked, 0 with problems",
        ));
    let b = f.new_session(&[]);
    let path = f.file(&b);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut json: Value = serde_json::from_str(&text).unwrap();
    json["notes"] = serde_json::json!([{
        "id": "00000000-0000-4000-8000-000000000001",
        "board": json["boards"][0]["id"].clone(),
        "zone": "kritikk", "text": "x", "colour": "yellow",
        "created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:00:00Z"
    }]);
    std::fs::write(&path, serde_json::to_string(&json).unwrap()).unwrap();
    std::fs::write(f.store().join("broken.json"), "[").unwrap();
    let out = f
        .cmd()
        .arg("check")
        .assert()
        .failure()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.contains("kritikk"));
    assert!(out.contains("broken.json"));
    f.cmd()
        .args(["check", f.file(&a).to_str().unwrap()])
        .assert()
        .success();
}

#[test]
fn a_wrong_flag_is_one_sentence_and_exit_code_two() {
    let f = Fixture::new();
    for args in [
        vec!["list", "--bogus"],
        vec!["new", "--method", "rygsaek"],
        vec!["add"],
        vec![
            "new",
            "--method",
            "rygsaek",
            "--title",
            "x",
            "--participants",
            "many",
        ],
    ] {
        let out = f.cmd().args(&args).assert().code(2);
        assert_one_sentence(&out.get_output().stderr);
    }
    assert!(!f.store().exists());
}

#[test]
fn bare_sempre_needs_a_terminal_and_help_lists_the_commands() {
    let f = Fixture::new();
    let out = f
        .cmd()
        .assert()
        .failure()
        .stderr(predicate::str::contains("needs a terminal"));
    assert_one_sentence(&out.get_output().stderr);
    f.cmd()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Usage: sempre"))
        .stdout(predicate::str::contains("open"));
    f.cmd().args(["open", "nope"]).assert().failure();
}

#[test]
fn language_follows_the_environment() {
    let f = Fixture::new();
    f.cmd()
        .env("LANG", "da_DK.UTF-8")
        .args(["methods", "show", "nope"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("Der er ingen metode \"nope\""));
    f.cmd()
        .env("LANG", "da_DK.UTF-8")
        .env("SEMPRE_LANG", "en")
        .args(["methods", "show", "nope"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("There is no method"));
}

#[test]
fn the_example_sessions_show_their_links_by_title() {
    let f = Fixture::new();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
    let out = f
        .bare()
        .arg("--store")
        .arg(&examples)
        .args(["show", "e3b2e659"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("led to 1fd19586 Theory of Change: Forældrecaféen i Rønde"),
        "{text}"
    );
    f.bare()
        .arg("--store")
        .arg(&examples)
        .arg("check")
        .assert()
        .success();
}

#[test]
fn the_store_is_the_flag_then_the_variable_then_sessions_then_the_data_folder() {
    let f = Fixture::new();
    let new = |cmd: &mut Command| -> String {
        let out = cmd
            .args(["new", "--method", "rygsaek", "--title", "x"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap().trim().to_string()
    };
    let platform = f.dir.path().join("xdg/sempre/sessions");
    let id = new(&mut f.bare());
    assert!(platform.join(format!("{id}.json")).is_file());

    std::fs::create_dir(f.dir.path().join("sessions")).unwrap();
    let id = new(&mut f.bare());
    assert!(f.dir.path().join(format!("sessions/{id}.json")).is_file());

    let from_env = f.dir.path().join("from-env");
    let id = new(f.bare().env("SEMPRE_STORE", &from_env));
    assert!(from_env.join(format!("{id}.json")).is_file());

    let id = new(f.cmd().env("SEMPRE_STORE", &from_env));
    assert!(f.file(&id).is_file());
}
