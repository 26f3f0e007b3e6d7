//! The pseudo-terminal harness the end-to-end tests share: the real
//! `sempre` binary in a pseudo-terminal, a vt100 screen fed from it, keys
//! sent as a facilitator would press them, and the saved JSON read back.
//! Every wait is for something to appear on screen (polled every 20 ms),
//! never a fixed sleep.
//!
//! Each test file compiles this module on its own and uses part of it,
//! hence `dead_code` is allowed for the whole module.

#![allow(dead_code, clippy::unwrap_used)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use serde_json::Value;

pub const ROWS: u16 = 30;
pub const COLS: u16 = 100;

pub const CTRL_S: &str = "\x13";
pub const ENTER: &str = "\r";
pub const TAB: &str = "\t";
pub const ESC: &str = "\x1b";
pub const BACKSPACE: &str = "\x7f";
pub const UP: &str = "\x1b[A";
pub const RIGHT: &str = "\x1b[C";

/// How long any one wait may take before the test fails with the screen.
const PATIENCE: Duration = Duration::from_secs(20);

/// The built-in methods in the order the wizard offers them, with their
/// Danish names.
pub const METHODS: [(&str, &str); 10] = [
    ("fremtidsvaerksted", "Fremtidsværksted"),
    ("rygsaek", "Rygsækmetoden"),
    ("fokusgruppeinterview", "Fokusgruppeinterview"),
    ("problemtrae", "Problem- og løsningstræ"),
    ("koekkensamtaler", "Køkkensamtaler"),
    ("trafiklys", "Trafiklysmodellen"),
    ("theory-of-change", "Forandringsteori (Theory of Change)"),
    ("business-model-canvas", "Business Model Canvas"),
    (
        "social-business-model-canvas",
        "Social Business Model Canvas",
    ),
    ("double-diamond", "Double Diamond"),
];

/// The real program in a pseudo-terminal, and what its screen shows.
pub struct Tty {
    /// The terminal's side of the pseudo-terminal: kept so that it stays
    /// open, and used to resize it.
    pub master: Box<dyn portable_pty::MasterPty + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    pub writer: Box<dyn Write + Send>,
    pub screen: Arc<Mutex<vt100::Parser>>,
    /// The reader has met the end of sempre's output.
    drained: Arc<std::sync::atomic::AtomicBool>,
}

impl Tty {
    pub fn spawn(store: &Path, args: &[&str]) -> Tty {
        Tty::spawn_through(&[], store, args)
    }

    /// Runs sempre through `wrapper` (a program and its arguments, such
    /// as `setpriv` to run it as another user); empty runs it directly.
    pub fn spawn_through(wrapper: &[&str], store: &Path, args: &[&str]) -> Tty {
        Tty::spawn_with(wrapper, store, args, &[])
    }

    /// Runs sempre with `env` set on top of the usual environment. The
    /// preferences file is always kept in the test's folder, never in the
    /// real config folder.
    pub fn spawn_with(wrapper: &[&str], store: &Path, args: &[&str], env: &[(&str, &str)]) -> Tty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let bin = env!("CARGO_BIN_EXE_sempre");
        let mut cmd = CommandBuilder::new(wrapper.first().copied().unwrap_or(bin));
        if !wrapper.is_empty() {
            for w in &wrapper[1..] {
                cmd.arg(w);
            }
            cmd.arg(bin);
        }
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
        cmd.env("XDG_CONFIG_HOME", config_home(store));
        cmd.env("HOME", store.parent().unwrap());
        for (name, value) in env {
            cmd.env(name, value);
        }
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
        let drained = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let done = Arc::clone(&drained);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().unwrap().process(&buf[..n]);
            }
            done.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        Tty {
            master: pair.master,
            child,
            writer,
            screen,
            drained,
        }
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until every one of `texts` is on screen.
    pub fn wait_for(&self, texts: &[&str]) -> String {
        let deadline = Instant::now() + PATIENCE;
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

    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Types `text` and waits for it to be echoed before going on.
    pub fn type_text(&mut self, text: &str) {
        self.send(text);
        self.wait_for(&[text]);
    }
    pub fn resize(&mut self, cols: u16, rows: u16) {
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

    /// Waits until the status line says the board is saved, with the time
    /// of a save made in this run (a board not yet saved shows no time),
    /// and nothing is on its way: every change shown is on disk.
    pub fn wait_saved(&self) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let screen = self.contents();
            if saved_with_time(&screen) && !screen.contains("Gemmer") {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "waited for the board to be saved; the screen shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn wait_gone(&self, text: &str) {
        let deadline = Instant::now() + PATIENCE;
        while self.contents().contains(text) {
            assert!(
                Instant::now() < deadline,
                "{text:?} stayed:\n{}",
                self.contents()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until sempre has exited and everything it wrote to the
    /// terminal is on the screen (the reader has met the end).
    pub fn wait_exit(&mut self) {
        let deadline = Instant::now() + PATIENCE;
        while self.child.try_wait().unwrap().is_none()
            || !self.drained.load(std::sync::atomic::Ordering::SeqCst)
        {
            assert!(
                Instant::now() < deadline,
                "sempre did not exit:\n{}",
                self.contents()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Whether `screen` says "✓ Gemt" followed by the time of a save.
fn saved_with_time(screen: &str) -> bool {
    screen.match_indices("✓ Gemt ").any(|(at, found)| {
        screen[at + found.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
    })
}

/// Where a test's sempre keeps its preferences file: beside the store.
pub fn config_home(store: &Path) -> PathBuf {
    store.parent().unwrap().join("config")
}

/// A temporary folder with the path of a store inside it (not yet made).
pub fn store() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("sessions");
    (dir, store)
}

/// The one session file in `store`, parsed.
pub fn only_session(store: &Path) -> Value {
    let files: Vec<PathBuf> = std::fs::read_dir(store)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    serde_json::from_slice(&std::fs::read(&files[0]).unwrap()).unwrap()
}

/// The texts of the notes in `zone`, in board order.
pub fn note_texts(session: &Value, zone: &str) -> Vec<String> {
    session["notes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["zone"] == zone)
        .map(|n| n["text"].as_str().unwrap().to_string())
        .collect()
}

/// From an empty store: the wizard, the method with id `method`, a title,
/// and the new session's board, not started.
pub fn new_session(tty: &mut Tty, method: &str, title: &str) {
    let steps = METHODS.iter().position(|(id, _)| *id == method).unwrap();
    tty.wait_for(&["Ingen sessioner endnu"]);
    tty.send("n");
    tty.wait_for(&["Ny session", "◀ Fremtidsværksted ▶"]);
    tty.type_text(title);
    if steps > 0 {
        tty.send(UP);
        for (_, name) in &METHODS[1..=steps] {
            tty.send(RIGHT);
            tty.wait_for(&[&format!("◀ {name} ▶")]);
        }
    }
    tty.send(CTRL_S);
    tty.wait_for(&[title, METHODS[steps].1, "Ikke startet"]);
}

/// Writes a note in the zone with focus and waits until it is on the
/// board. The saver writes it soon after; [`Tty::wait_saved`] waits for
/// that, and quitting waits for it too.
pub fn add_note(tty: &mut Tty, text: &str) {
    tty.send("a");
    tty.wait_for(&["Ny seddel"]);
    tty.type_text(text);
    tty.send(ENTER);
    tty.wait_gone("Ny seddel");
    tty.wait_for(&[text]);
}

/// The real `sempre` on the store `store`, with no language or store
/// from the machine's environment.
pub fn sempre(store: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("sempre").unwrap();
    cmd.arg("--store")
        .arg(store)
        .env_remove("SEMPRE_STORE")
        .env_remove("SEMPRE_LANG")
        .env_remove("LC_ALL")
        .env("LANG", "C.UTF-8");
    cmd
}

/// What `cmd` prints, asserting that it succeeds.
pub fn stdout(cmd: &mut assert_cmd::Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

/// A new Danish session of `method` titled `title` in `store`, made by the
/// real binary; its id.
pub fn made_session(store: &Path, method: &str, title: &str) -> String {
    let out =
        stdout(sempre(store).args(["--lang", "da", "new", "--method", method, "--title", title]));
    out.trim().to_string()
}
