//! The real `sempre` binary in a pseudo-terminal, driven with keys as a
//! facilitator would press them, with the saved JSON read afterwards.
//! Every wait is for something to appear on screen, never a fixed sleep.

#![allow(clippy::unwrap_used)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use serde_json::Value;

const ROWS: u16 = 30;
const COLS: u16 = 100;

struct Tty {
    master: Box<dyn portable_pty::MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
}

impl Tty {
    fn spawn(store: &Path, args: &[&str]) -> Tty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_sempre"));
        cmd.arg("--store");
        cmd.arg(store);
        for a in args {
            cmd.arg(a);
        }
        cmd.cwd(store.parent().unwrap());
        cmd.env("LANG", "da_DK.UTF-8");
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("SEMPRE_LANG");
        cmd.env_remove("SEMPRE_STORE");
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let parser = vt100::Parser::new(
            NonZeroU16::new(ROWS).unwrap(),
            NonZeroU16::new(COLS).unwrap(),
            0,
        );
        let screen = Arc::new(Mutex::new(parser));
        let feed = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().unwrap().process(&buf[..n]);
            }
        });
        Tty {
            master: pair.master,
            child,
            writer,
            screen,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until every one of `texts` is on screen.
    fn wait_for(&self, texts: &[&str]) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.contents();
            if texts.iter().all(|t| screen.contains(t)) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "waited for {texts:?}; the screen shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Types `text` and waits for it to be echoed before going on.
    fn type_text(&mut self, text: &str) {
        self.send(text);
        self.wait_for(&[text]);
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        self.screen.lock().unwrap().screen_mut().set_size(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
        );
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    fn wait_gone(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.contents().contains(text) {
            assert!(
                Instant::now() < deadline,
                "{text:?} stayed:\n{}",
                self.contents()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_exit(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.child.try_wait().unwrap().is_none() {
            assert!(
                Instant::now() < deadline,
                "sempre did not exit:\n{}",
                self.contents()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn store() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("sessions");
    (dir, store)
}

fn only_session(store: &Path) -> Value {
    let files: Vec<PathBuf> = std::fs::read_dir(store)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    serde_json::from_slice(&std::fs::read(&files[0]).unwrap()).unwrap()
}

fn note_texts(session: &Value, zone: &str) -> Vec<String> {
    session["notes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["zone"] == zone)
        .map(|n| n["text"].as_str().unwrap().to_string())
        .collect()
}

const CTRL_S: &str = "\x13";
const ENTER: &str = "\r";

/// From an empty store: the wizard, a title, and the board of a new
/// Future Workshop.
fn new_future_workshop(tty: &mut Tty) {
    tty.wait_for(&["Ingen sessioner endnu"]);
    tty.send("n");
    tty.wait_for(&["Ny session", "Fremtidsværksted"]);
    tty.type_text("Værksted på Ærø");
    tty.send(CTRL_S);
    tty.wait_for(&["Ikke startet", "Kritik (0)"]);
}

fn add_note(tty: &mut Tty, text: &str) {
    tty.send("a");
    tty.wait_for(&["Ny seddel"]);
    tty.type_text(text);
    tty.send(ENTER);
    tty.wait_gone("Ny seddel");
    tty.wait_for(&[text]);
}

#[test]
fn a_facilitator_runs_the_first_steps_of_a_future_workshop() {
    let (_dir, store) = store();
    let mut tty = Tty::spawn(&store, &[]);
    new_future_workshop(&mut tty);
    add_note(&mut tty, "For lidt tid med børnene");
    add_note(&mut tty, "Økonomien er stram");
    add_note(&mut tty, "Blåbær er dyre");
    tty.wait_for(&["Kritik (3)"]);
    tty.send("L");
    tty.wait_for(&["Kritik (2)", "Fantasi (1)"]);
    tty.send("u");
    tty.wait_for(&["Kritik (3)", "Fantasi (0)", "Fortrudt"]);
    tty.send(">");
    tty.wait_for(&["Fase 1/5: Forberedelse"]);
    tty.send("q");
    tty.wait_for(&["Værksted på Ærø", "Sessioner"]);
    tty.send("q");
    tty.wait_exit();
    assert!(
        !tty.screen.lock().unwrap().screen().alternate_screen(),
        "the terminal is given back"
    );

    let session = only_session(&store);
    assert_eq!(session["context"]["title"], "Værksted på Ærø");
    assert_eq!(
        note_texts(&session, "kritik"),
        vec![
            "For lidt tid med børnene",
            "Økonomien er stram",
            "Blåbær er dyre"
        ]
    );
    assert!(note_texts(&session, "fantasi").is_empty());
    let log = session["phase_log"].as_array().unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["phase"], "forberedelse");
}

#[cfg(unix)]
#[test]
fn a_note_survives_sigkill_right_after_it_is_entered() {
    let (_dir, store) = store();
    let mut tty = Tty::spawn(&store, &[]);
    new_future_workshop(&mut tty);
    add_note(&mut tty, "Skrevet før strøm");
    let pid = tty.child.process_id().unwrap();
    let status = std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    tty.wait_exit();
    let session = only_session(&store);
    assert_eq!(note_texts(&session, "kritik"), vec!["Skrevet før strøm"]);
}

#[test]
fn sempre_open_shows_a_board_and_a_second_one_is_read_only() {
    let (_dir, store) = store();
    std::fs::create_dir_all(&store).unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/example-problemtrae.json");
    let copy = store.join("problemtrae.json");
    std::fs::copy(&example, &copy).unwrap();
    let before = std::fs::read(&copy).unwrap();
    let mut first = Tty::spawn(&store, &["open", "e3b2e659"]);
    first.wait_for(&["Problem- og løsningstræ: Enlige", "Årsager (8)"]);
    let mut second = Tty::spawn(&store, &["open", "e3b2e659"]);
    second.wait_for(&["Skrivebeskyttet", "Årsager (8)"]);
    second.send("a");
    second.wait_for(&["kan ikke ændres her"]);
    second.send("q");
    second.wait_exit();
    first.send("q");
    first.wait_exit();
    assert_eq!(std::fs::read(&copy).unwrap(), before, "nothing was written");
}

#[test]
fn a_small_window_gets_a_message_and_recovers_with_help_on_top() {
    let (_dir, store) = store();
    let mut tty = Tty::spawn(&store, &[]);
    tty.wait_for(&["Ingen sessioner endnu"]);
    tty.send("?");
    tty.wait_for(&["Taster"]);
    tty.resize(70, 20);
    tty.wait_for(&["Vinduet er for lille", "70×20"]);
    tty.resize(COLS, ROWS);
    tty.wait_for(&["Taster", "Ingen sessioner endnu"]);
    tty.send("\x1b");
    tty.wait_gone("Taster");
    tty.send("q");
    tty.wait_exit();
}
