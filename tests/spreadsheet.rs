//! The CSV export opened as a spreadsheet would open it: split on `,` or
//! on `;` (what Danish spreadsheets use), no cell may start a formula. Once
//! with the csv crate, once in a real spreadsheet, LibreOffice.
//!
//! The LibreOffice test needs Debian's `libreoffice-calc-nogui`; `.ci/run`
//! installs it. Outside CI it is skipped, with a note, when `soffice` is
//! missing; in CI (`CI=true`) a missing `soffice` fails it.

#![allow(clippy::unwrap_used)]

mod common;

use common::sempre;

use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::time::Instant;

/// What participants might type to make a spreadsheet run something: a
/// formula behind each separator, a line break, a quote, at the start.
const ATTACKS: [&str; 7] = [
    "tid;=1+1;tak",
    "a,=2+2",
    "første linje\n+3+3",
    "citat \"=4+4\" slut",
    "-5+5",
    "@SUM(1;2)",
    "ja;\t=6+6",
];

/// The characters a spreadsheet reads as the start of a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A session holding every attack, made and exported with the real
/// binary; the path of the CSV file.
fn exported_csv(dir: &Path) -> PathBuf {
    let store = dir.join("sessions");
    let out = sempre(&store)
        .args([
            "new",
            "--method",
            "fremtidsvaerksted",
            "--title",
            "Møde;=7+7",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let id = String::from_utf8(out).unwrap().trim().to_string();
    for text in ATTACKS {
        sempre(&store)
            .args([
                "add", "--zone", "kritik", "--author", "x;-8+8", &id, "--", text,
            ])
            .assert()
            .success();
    }
    let csv = dir.join("noter.csv");
    sempre(&store)
        .args(["export", &id, "--format", "csv", "--out"])
        .arg(&csv)
        .assert()
        .success();
    csv
}

#[test]
fn no_cell_starts_a_formula_split_on_comma_or_semicolon() {
    let dir = tempfile::tempdir().unwrap();
    let csv = std::fs::read_to_string(exported_csv(dir.path())).unwrap();
    for separator in [b',', b';'] {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(separator)
            .has_headers(false)
            .flexible(true)
            .from_reader(csv.as_bytes());
        let mut cells = 0;
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                cells += 1;
                assert!(
                    !cell.starts_with(FORMULA_START),
                    "split on {:?}, the cell {cell:?} starts a formula:\n{csv}",
                    separator as char
                );
            }
        }
        assert!(
            cells > ATTACKS.len(),
            "too few cells split on {}",
            separator as char
        );
    }
    assert!(csv.contains("tid;'=1+1;tak"), "{csv}");
}

/// `soffice`, or `None` outside CI when it is not installed.
fn soffice() -> Option<PathBuf> {
    let found = Process::new("sh")
        .args(["-c", "command -v soffice"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|p| !p.is_empty())
        .map(PathBuf::from);
    if found.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "LibreOffice is needed to prove the CSV export safe in a spreadsheet: \
             install Debian's `libreoffice-calc-nogui`"
        );
        eprintln!("skipped: LibreOffice (soffice) is not installed");
    }
    found
}

/// The CSV file opened in LibreOffice Calc split on `separator`, with
/// formulas evaluated, and saved as a flat OpenDocument spreadsheet.
fn open_in_calc(soffice: &Path, csv: &Path, separator: char, dir: &Path) -> String {
    let out = dir.join(format!("split-{}", u32::from(separator)));
    // Fields: separator, text quote, UTF-8, first line, column types,
    // language, quoted as text, special numbers, (export only) ×4,
    // evaluate formulas.
    let filter = format!(
        "CSV:{},34,76,1,,1033,false,false,false,false,false,-1,true",
        u32::from(separator)
    );
    // A profile of its own, so that tests running at once do not share one.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let status = Process::new(soffice)
        .args([&profile, "--headless", "--norestore"])
        .arg(format!("--infilter={filter}"))
        .args(["--convert-to", "fods", "--outdir"])
        .arg(&out)
        .arg(csv)
        .output()
        .unwrap();
    let fods = out.join("noter.fods");
    assert!(
        fods.exists(),
        "LibreOffice did not convert the CSV: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    std::fs::read_to_string(fods).unwrap()
}

#[test]
fn libreoffice_finds_no_formula_with_either_separator() {
    let Some(soffice) = soffice() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let csv = exported_csv(dir.path());
    let started = Instant::now();
    for separator in [',', ';'] {
        let sheet = open_in_calc(&soffice, &csv, separator, dir.path());
        assert!(
            sheet.contains("=1+1") && sheet.contains("SUM(1"),
            "the notes are not in the sheet split on {separator:?}"
        );
        assert!(
            !sheet.contains("table:formula"),
            "split on {separator:?}, LibreOffice made a formula:\n{}",
            sheet
                .lines()
                .filter(|l| l.contains("table:formula"))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    eprintln!(
        "LibreOffice took {:?} for both separators",
        started.elapsed()
    );
}

/// The same attacks as actions (text and owner) of a session, exported
/// with `sempre export --actions`; the path of the CSV file.
fn exported_actions_csv(dir: &Path) -> PathBuf {
    let first = exported_csv(dir);
    std::fs::remove_file(first).unwrap();
    let store = dir.join("sessions");
    let file = std::fs::read_dir(&store)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "json"))
        .unwrap();
    let mut s = sempre::store::load_session(&file).unwrap();
    let t = s.updated;
    for text in ATTACKS {
        let a = s.add_action(text, None, None, t).unwrap();
        s.update_action(
            a,
            Some("x;-8+8"),
            Some(jiff::civil::date(2000, 1, 1)),
            sempre::model::ActionStatus::Open,
            t,
        )
        .unwrap();
    }
    sempre::store::save_session(&file, &s).unwrap();
    let csv = dir.join("noter.csv");
    sempre(&store)
        .args(["export", "--actions", "--format", "csv", "--out"])
        .arg(&csv)
        .assert()
        .success();
    csv
}

#[test]
fn libreoffice_finds_no_formula_in_the_actions_either() {
    let Some(soffice) = soffice() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let csv = exported_actions_csv(dir.path());
    for separator in [',', ';'] {
        let sheet = open_in_calc(&soffice, &csv, separator, dir.path());
        assert!(
            sheet.contains("=1+1") && sheet.contains("SUM(1"),
            "the actions are not in the sheet split on {separator:?}"
        );
        assert!(
            !sheet.contains("table:formula"),
            "split on {separator:?}, LibreOffice made a formula of an action"
        );
    }
}
