//! Two real Syncthing instances on loopback, sharing one folder, for tests
//! of what happens to a store that people share between laptops.
//!
//! Everything lives in one temporary folder: each side has its own home
//! (keys, `config.xml`, database, `syncthing.log`) and its own store
//! folder. The instances listen on 127.0.0.1 only, on free ports, and have
//! global and local discovery, relays, NAT traversal (and with it STUN),
//! usage and crash reporting and upgrades off. They know each other by
//! device id; A dials B at its explicit `tcp://127.0.0.1:PORT` address and
//! B only accepts (see `config_xml` for why not both). Each runs as one
//! process (`STMONITORED=1`: no monitor parent). The shared folder has
//! the id [`FOLDER_ID`], a short rescan interval and the filesystem watcher
//! on (1 s delay), and a `.stignore` that leaves out what sempre keeps for
//! itself: the `.index/` folder, the `.locks/` folder and its `*.lock`
//! files, and the `.NAME.XXXXXX.tmp` files a save writes before renaming
//! (see `src/store/index.rs`, `src/store/lock.rs`, `src/store/atomic.rs`).
//!
//! Every wait polls the REST API (`X-API-Key` header, a tiny HTTP/1.0
//! client on `std::net::TcpStream`, so no HTTP crate is needed) against a
//! generous deadline, and a wait that runs out panics with what was last
//! seen and the tail of both instances' logs. Both instances are killed
//! when the [`SyncPair`] is dropped, before its temporary folder goes.
//!
//! Found out with Syncthing 1.19.2 (`tests/syncthing.rs` checks both):
//! - Concurrent edits that end byte-identical on both sides make NO
//!   conflict copy: the puller sees equal blocks and only merges the
//!   metadata ("shortcut"), so only different contents give a
//!   `NAME.sync-conflict-YYYYMMDD-HHMMSS-DEVICE.ext` file.
//! - Dot files and dot folders are synced like any other (a `.merged/`
//!   folder and what is in it reach the other side) unless `.stignore`
//!   names them; Syncthing itself leaves out only its own `.stfolder`,
//!   `.stignore` and `.syncthing.*.tmp`.
//!
//! A file that includes this module (`#[path = "common/syncthing.rs"] mod
//! syncthing;`) starts a pair with
//! `let Some(pair) = SyncPair::start() else { return };`: without a
//! `syncthing` program the test is skipped with a note on stderr, unless
//! the environment variable `CI` is set, in which case it fails.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// The id of the folder both sides share.
pub const FOLDER_ID: &str = "sempre-store";

/// How long any single wait may take before the test fails.
pub const DEADLINE: Duration = Duration::from_secs(60);

/// The folder's periodic full rescan, in seconds (the watcher and
/// [`SyncPair::rescan`] normally come first).
const RESCAN_INTERVAL_S: u32 = 10;

/// Written into each shared folder. Pattern names without a slash match at
/// any depth.
pub const STIGNORE: &str = "\
// Written by the sempre test harness: what sempre keeps for itself.
// The disposable search index (src/store/index.rs).
.index
// Editing locks: .locks/NAME.lock (src/store/lock.rs).
.locks
*.lock
.lock*
// A save's temporary file, .NAME.XXXXXX.tmp (src/store/atomic.rs).
*.tmp
";

/// Which of the two instances.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    A,
    B,
}

impl Side {
    pub fn other(self) -> Side {
        match self {
            Side::A => Side::B,
            Side::B => Side::A,
        }
    }
}

/// The `syncthing` program to run: `$SYNCTHING_BIN`, or `syncthing` on the
/// `PATH`.
fn program() -> String {
    std::env::var("SYNCTHING_BIN").unwrap_or_else(|_| "syncthing".to_string())
}

/// Whether the `syncthing` program can be run. When it cannot, panics if
/// `CI` is set and otherwise says on stderr that the test is skipped.
pub fn available() -> bool {
    let found = Command::new(program())
        .arg("--version")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        if std::env::var_os("CI").is_some() {
            panic!(
                "`{}` cannot be run, and CI is set: install Syncthing \
                 (Debian: apt-get install syncthing) or point SYNCTHING_BIN at it",
                program()
            );
        }
        eprintln!(
            "skipped: `{}` cannot be run (install Syncthing to run the sync tests)",
            program()
        );
    }
    found
}

/// One running instance.
struct Instance {
    name: &'static str,
    home: PathBuf,
    store: PathBuf,
    log: PathBuf,
    id: String,
    gui_port: u16,
    api_key: String,
    child: Child,
}

/// Two connected Syncthing instances sharing [`FOLDER_ID`]; both are killed
/// on drop.
pub struct SyncPair {
    a: Instance,
    b: Instance,
    // Dropped after `a` and `b` are killed (see `Drop`).
    dir: tempfile::TempDir,
}

impl SyncPair {
    /// Starts both instances and waits until they are connected and the
    /// (empty) folder is in sync. `None` when Syncthing is not installed
    /// and `CI` is not set (see [`available`]).
    pub fn start() -> Option<SyncPair> {
        if !available() {
            return None;
        }
        // A free port may be taken between finding and using it; an
        // instance that dies while starting is tried again on new ports.
        let mut failures = Vec::new();
        for _ in 0..3 {
            match Self::try_start() {
                Ok(pair) => {
                    pair.wait_in_sync();
                    return Some(pair);
                }
                Err(e) => failures.push(e),
            }
        }
        panic!(
            "two Syncthing instances could not be started:\n{}",
            failures.join("\n----\n")
        );
    }

    fn try_start() -> Result<SyncPair, String> {
        let dir = tempfile::Builder::new()
            .prefix("sempre-sync-")
            .tempdir()
            .map_err(|e| format!("temporary folder: {e}"))?;
        let mut sides = Vec::new();
        for name in ["a", "b"] {
            let home = dir.path().join(name).join("home");
            let store = dir.path().join(name).join("store");
            std::fs::create_dir_all(&home).map_err(|e| format!("{}: {e}", home.display()))?;
            // The folder marker, so Syncthing takes the folder as present.
            std::fs::create_dir_all(store.join(".stfolder"))
                .map_err(|e| format!("{}: {e}", store.display()))?;
            std::fs::write(store.join(".stignore"), STIGNORE)
                .map_err(|e| format!(".stignore: {e}"))?;
            let out = Command::new(program())
                .arg("generate")
                .arg(format!("--home={}", home.display()))
                .args(["--no-default-folder", "--skip-port-probing"])
                .stdin(Stdio::null())
                .output()
                .map_err(|e| format!("syncthing generate: {e}"))?;
            if !out.status.success() {
                return Err(format!(
                    "syncthing generate failed: {}",
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
            let generated = std::fs::read_to_string(home.join("config.xml"))
                .map_err(|e| format!("generated config.xml: {e}"))?;
            let id = attribute_after(&generated, "<device ", "id")
                .ok_or("no device id in the generated config.xml")?;
            let version = attribute_after(&generated, "<configuration", "version")
                .ok_or("no version in the generated config.xml")?;
            sides.push((name, home, store, id, version));
        }
        // Four distinct free ports: held together, then let go.
        let ports = free_ports(4).map_err(|e| format!("free ports: {e}"))?;
        let (gui, listen) = ([ports[0], ports[1]], [ports[2], ports[3]]);
        let ids = [sides[0].3.clone(), sides[1].3.clone()];

        // B first, and A only once B answers: A is the side that dials
        // (see `config_xml`), so B's listener is up by then.
        let mut instances = Vec::new();
        for (i, (name, home, store, id, version)) in sides.into_iter().enumerate().rev() {
            let api_key = format!("sempre-test-key-{name}-{}", std::process::id());
            let config = config_xml(&ConfigFor {
                version: &version,
                ids: &ids,
                me: i,
                gui_port: gui[i],
                listen_ports: &listen,
                api_key: &api_key,
                store: &store,
            });
            std::fs::write(home.join("config.xml"), config)
                .map_err(|e| format!("config.xml: {e}"))?;
            let log = home.join("syncthing.log");
            let out = File::create(&log).map_err(|e| format!("{}: {e}", log.display()))?;
            let err = out.try_clone().map_err(|e| format!("log: {e}"))?;
            let child = Command::new(program())
                .arg("serve")
                .arg(format!("--home={}", home.display()))
                .args([
                    "--no-browser",
                    "--no-restart",
                    "--no-upgrade",
                    "--logflags=3",
                ])
                // The inner process itself: without this, `serve` starts a
                // monitor that runs Syncthing as its child, and killing the
                // monitor would leave the child running.
                .env("STMONITORED", "1")
                .env("HOME", &home)
                .env("STNORESTART", "1")
                .env("STNOUPGRADE", "1")
                .env("STNODEFAULTFOLDER", "1")
                .env_remove("STTRACE")
                .stdin(Stdio::null())
                .stdout(Stdio::from(out))
                .stderr(Stdio::from(err))
                .spawn()
                .map_err(|e| format!("syncthing serve: {e}"))?;
            // Killed on drop from here on, also on the error paths below.
            let mut inst = Instance {
                name,
                home,
                store,
                log,
                id,
                gui_port: gui[i],
                api_key,
                child,
            };
            inst.wait_api()?;
            instances.push(inst);
        }
        let a = instances.pop().ok_or("no instance a")?;
        let b = instances.pop().ok_or("no instance b")?;
        let pair = SyncPair { a, b, dir };
        pair.wait_connected(true);
        Ok(pair)
    }

    fn side(&self, side: Side) -> &Instance {
        match side {
            Side::A => &self.a,
            Side::B => &self.b,
        }
    }

    /// The temporary folder everything lives in.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// The shared folder (a sempre store) of one side.
    pub fn store(&self, side: Side) -> &Path {
        &self.side(side).store
    }

    /// The Syncthing device id of one side.
    pub fn device_id(&self, side: Side) -> &str {
        &self.side(side).id
    }

    /// The last `lines` lines of one side's log.
    pub fn log_tail(&self, side: Side, lines: usize) -> String {
        self.side(side).log_tail(lines)
    }

    /// Both logs' tails, for a failure message.
    pub fn logs(&self) -> String {
        format!(
            "--- log of A ({}) ---\n{}\n--- log of B ({}) ---\n{}",
            self.a.id,
            self.log_tail(Side::A, 40),
            self.b.id,
            self.log_tail(Side::B, 40)
        )
    }

    /// A REST call to one side; `Err` for no answer or a status other
    /// than 200.
    pub fn api(&self, side: Side, method: &str, path: &str) -> Result<Value, String> {
        let inst = self.side(side);
        let body = http(inst.gui_port, &inst.api_key, method, path)?;
        if body.trim().is_empty() {
            return Ok(Value::Null);
        }
        serde_json::from_str(&body).map_err(|e| format!("{method} {path}: {e}: {body}"))
    }

    /// Like [`api`](Self::api), panicking (with the logs) on failure.
    fn call(&self, side: Side, method: &str, path: &str) -> Value {
        self.api(side, method, path).unwrap_or_else(|e| {
            panic!(
                "Syncthing {side:?}: {method} {path} failed: {e}\n{}",
                self.logs()
            )
        })
    }

    /// Polls `check` every 100 ms until it gives `Ok`, panicking with its
    /// last `Err`, `what` and the logs once `DEADLINE` has passed.
    fn wait_for<T>(&self, what: &str, mut check: impl FnMut() -> Result<T, String>) -> T {
        let start = Instant::now();
        loop {
            match check() {
                Ok(v) => {
                    // Shown with the output of a failing test.
                    eprintln!("syncthing harness: {what}: {:?}", start.elapsed());
                    return v;
                }
                Err(last) => {
                    if start.elapsed() > DEADLINE {
                        panic!(
                            "waited {:?} for {what}; last seen: {last}\n{}",
                            DEADLINE,
                            self.logs()
                        );
                    }
                }
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Whether `side` sees the other side connected.
    fn connected(&self, side: Side) -> Result<bool, String> {
        let v = self.api(side, "GET", "/rest/system/connections")?;
        let other = self.device_id(side.other());
        Ok(v["connections"][other]["connected"].as_bool() == Some(true))
    }

    /// Waits until both sides see each other connected (`true`) or both
    /// see each other gone (`false`).
    fn wait_connected(&self, want: bool) {
        let what = if want {
            "both sides to connect"
        } else {
            "both sides to disconnect"
        };
        self.wait_for(what, || {
            let (a, b) = (self.connected(Side::A)?, self.connected(Side::B)?);
            if a == want && b == want {
                Ok(())
            } else {
                Err(format!("A sees B connected: {a}, B sees A connected: {b}"))
            }
        });
    }

    /// Scans the folder on both sides now; returns once both scans are
    /// done.
    pub fn rescan(&self) {
        self.rescan_side(Side::A);
        self.rescan_side(Side::B);
    }

    /// Scans the folder on one side now; returns once the scan is done.
    pub fn rescan_side(&self, side: Side) {
        self.call(side, "POST", &format!("/rest/db/scan?folder={FOLDER_ID}"));
    }

    /// Stops sharing: each side pauses the other device, and this returns
    /// once both are disconnected. Changes made now stay on their side, so
    /// changing one file on both sides makes a real conflict on
    /// [`resume`](Self::resume).
    pub fn pause_sharing(&self) {
        for side in [Side::A, Side::B] {
            let other = self.device_id(side.other()).to_string();
            self.call(side, "POST", &format!("/rest/system/pause?device={other}"));
        }
        self.wait_connected(false);
    }

    /// Scans both sides (so that edits made while paused are known, not
    /// left for the watcher), resumes sharing, and returns once both sides
    /// are connected again. Follow with [`wait_in_sync`](Self::wait_in_sync).
    pub fn resume(&self) {
        self.rescan();
        // B first, so that A's dial (which a resume sets off at once) is
        // not turned away as paused.
        for side in [Side::B, Side::A] {
            let other = self.device_id(side.other()).to_string();
            self.call(side, "POST", &format!("/rest/system/resume?device={other}"));
        }
        self.wait_connected(true);
    }

    /// What makes one side not yet in sync, if anything.
    fn not_in_sync(&self, side: Side) -> Result<Value, String> {
        let status = self.api(side, "GET", &format!("/rest/db/status?folder={FOLDER_ID}"))?;
        let n = |k: &str| status[k].as_i64().unwrap_or(-1);
        let state = status["state"].as_str().unwrap_or("?");
        if state != "idle" {
            return Err(format!("{side:?} is {state}"));
        }
        for k in ["needTotalItems", "needFiles", "needDeletes", "pullErrors"] {
            if n(k) != 0 {
                return Err(format!("{side:?} has {k} = {}", n(k)));
            }
        }
        for k in ["Files", "Directories", "Symlinks", "Bytes"] {
            let (g, l) = (n(&format!("global{k}")), n(&format!("local{k}")));
            if g != l {
                return Err(format!("{side:?}: global{k} {g} != local{k} {l}"));
            }
        }
        let other = self.device_id(side.other());
        let completion = self.api(
            side,
            "GET",
            &format!("/rest/db/completion?folder={FOLDER_ID}&device={other}"),
        )?;
        let done = completion["completion"].as_f64().unwrap_or(0.0);
        let need = completion["needItems"].as_i64().unwrap_or(-1)
            + completion["needDeletes"].as_i64().unwrap_or(-1);
        let remote = completion["remoteState"].as_str().unwrap_or("valid");
        if done < 100.0 || need != 0 || remote != "valid" {
            return Err(format!(
                "{side:?} sees {:?} at {done}% (needs {need} items, remote state {remote})",
                side.other()
            ));
        }
        Ok(status)
    }

    /// Scans both sides, then waits until both are idle, need nothing, see
    /// each other 100 % complete, agree on the global state, and hold the
    /// same files with the same contents (ignored files left out; see
    /// [`contents`]).
    pub fn wait_in_sync(&self) {
        self.rescan();
        let mut last_scan = Instant::now();
        self.wait_for("both sides to be in sync", || {
            // The watcher is the usual path; a scan now and then makes
            // sure a missed event cannot stall the wait.
            if last_scan.elapsed() > Duration::from_secs(5) {
                self.rescan();
                last_scan = Instant::now();
            }
            let a = self.not_in_sync(Side::A)?;
            let b = self.not_in_sync(Side::B)?;
            for k in [
                "globalFiles",
                "globalDirectories",
                "globalSymlinks",
                "globalBytes",
                "globalDeleted",
            ] {
                if a[k] != b[k] {
                    return Err(format!("{k}: A has {}, B has {}", a[k], b[k]));
                }
            }
            let (ca, cb) = (contents(self.store(Side::A)), contents(self.store(Side::B)));
            if ca != cb {
                let only = |x: &Contents, y: &Contents| -> Vec<String> {
                    x.iter()
                        .filter(|(k, v)| y.get(*k) != Some(v))
                        .map(|(k, _)| k.clone())
                        .collect()
                };
                return Err(format!(
                    "the folders differ: only or different on A: {:?}, on B: {:?}",
                    only(&ca, &cb),
                    only(&cb, &ca)
                ));
            }
            Ok(())
        });
    }

    /// The conflict copies (`*.sync-conflict-*`) in one side's folder,
    /// relative paths, sorted.
    pub fn conflict_copies(&self, side: Side) -> Vec<String> {
        contents(self.store(side))
            .into_keys()
            .filter(|p| p.contains(".sync-conflict-"))
            .collect()
    }
}

impl Instance {
    /// The last `lines` lines of the log.
    fn log_tail(&self, lines: usize) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let all: Vec<&str> = text.lines().collect();
        all[all.len().saturating_sub(lines)..].join("\n")
    }

    /// Waits for the REST API to answer; `Err` (with the log) if the
    /// instance exits meanwhile or the deadline passes.
    fn wait_api(&mut self) -> Result<(), String> {
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!(
                    "Syncthing {} exited while starting ({status}); its log:\n{}",
                    self.name,
                    self.log_tail(40)
                ));
            }
            if http(self.gui_port, &self.api_key, "GET", "/rest/system/ping").is_ok() {
                return Ok(());
            }
            if start.elapsed() > DEADLINE {
                return Err(format!(
                    "Syncthing {}: no REST API after {DEADLINE:?}; its log:\n{}",
                    self.name,
                    self.log_tail(40)
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// The pair's fields drop in order, so both instances are gone before the
/// temporary folder is removed.
impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A folder's synced contents: relative path (with `/`) to `None` for a
/// folder or `Some(bytes)` for a file.
pub type Contents = BTreeMap<String, Option<Vec<u8>>>;

/// Whether `.stignore` (or Syncthing itself) leaves this name out.
pub fn ignored(name: &str) -> bool {
    matches!(name, ".stfolder" | ".stignore" | ".index" | ".locks")
        || name.starts_with(".lock")
        || name.ends_with(".lock")
        || name.ends_with(".tmp")
}

/// What Syncthing syncs of the folder `root` (see [`Contents`]).
pub fn contents(root: &Path) -> Contents {
    fn walk(root: &Path, dir: &Path, out: &mut Contents) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if ignored(&name) {
                continue;
            }
            let path = entry.path();
            let rel = path
                .strip_prefix(root)
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or_default();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                out.insert(rel, None);
                walk(root, &path, out);
            } else if let Ok(bytes) = std::fs::read(&path) {
                // A file gone between listing and reading is left out.
                out.insert(rel, Some(bytes));
            }
        }
    }
    let mut out = Contents::new();
    walk(root, root, &mut out);
    out
}

/// The value of attribute `attr` in the first element that starts with
/// `open` in `xml`.
fn attribute_after(xml: &str, open: &str, attr: &str) -> Option<String> {
    let rest = &xml[xml.find(open)? + open.len()..];
    let rest = &rest[..rest.find('>')?];
    let key = format!("{attr}=\"");
    let start = rest.find(&key)? + key.len();
    let len = rest[start..].find('"')?;
    Some(rest[start..start + len].to_string())
}

fn free_ports(n: usize) -> std::io::Result<Vec<u16>> {
    let listeners = (0..n)
        .map(|_| TcpListener::bind((Ipv4Addr::LOCALHOST, 0)))
        .collect::<std::io::Result<Vec<_>>>()?;
    listeners
        .iter()
        .map(|l| l.local_addr().map(|a| a.port()))
        .collect()
}

struct ConfigFor<'a> {
    version: &'a str,
    ids: &'a [String; 2],
    me: usize,
    gui_port: u16,
    listen_ports: &'a [u16; 2],
    api_key: &'a str,
    store: &'a Path,
}

/// The whole `config.xml` of one side; what it leaves out takes
/// Syncthing's defaults.
fn config_xml(c: &ConfigFor) -> String {
    let other = 1 - c.me;
    let names = ["a", "b"];
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    format!(
        r#"<configuration version="{version}">
    <folder id="{FOLDER_ID}" label="store" path="{path}" type="sendreceive" rescanIntervalS="{RESCAN_INTERVAL_S}" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
        <filesystemType>basic</filesystemType>
        <device id="{me_id}" introducedBy=""></device>
        <device id="{other_id}" introducedBy=""></device>
        <minDiskFree unit="%">0</minDiskFree>
        <markerName>.stfolder</markerName>
        <maxConflicts>10</maxConflicts>
    </folder>
    <device id="{me_id}" name="{me_name}" compression="metadata" introducer="false">
        <address>dynamic</address>
    </device>
    <device id="{other_id}" name="{other_name}" compression="metadata" introducer="false">
        <address>{other_address}</address>
        <paused>false</paused>
    </device>
    <gui enabled="true" tls="false" debugging="false">
        <address>127.0.0.1:{gui_port}</address>
        <apikey>{api_key}</apikey>
        <theme>default</theme>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:{my_port}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <reconnectionIntervalS>1</reconnectionIntervalS>
        <relaysEnabled>false</relaysEnabled>
        <startBrowser>false</startBrowser>
        <natEnabled>false</natEnabled>
        <urAccepted>-1</urAccepted>
        <urInitialDelayS>3600</urInitialDelayS>
        <restartOnWakeup>false</restartOnWakeup>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <minHomeDiskFree unit="%">0</minHomeDiskFree>
        <setLowPriority>false</setLowPriority>
        <crashReportingEnabled>false</crashReportingEnabled>
        <announceLANAddresses>false</announceLANAddresses>
    </options>
</configuration>
"#,
        version = esc(c.version),
        path = esc(&c.store.to_string_lossy()),
        me_id = c.ids[c.me],
        other_id = c.ids[other],
        me_name = names[c.me],
        other_name = names[other],
        // Only A dials (B waits for A): Syncthing dials from its listening
        // port (SO_REUSEPORT), so two sides dialing each other at once
        // make one TCP connection by simultaneous open, which both sides
        // then drop, and the next try comes only after ~20 s.
        other_address = if c.me == 0 {
            format!("tcp://127.0.0.1:{}", c.listen_ports[other])
        } else {
            "dynamic".to_string()
        },
        my_port = c.listen_ports[c.me],
        gui_port = c.gui_port,
        api_key = esc(c.api_key),
    )
}

/// A tiny HTTP/1.0 client for the REST API on loopback: one request per
/// connection, the answer read to its end. Returns the body of a 200.
fn http(port: u16, api_key: &str, method: &str, path: &str) -> Result<String, String> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5))
        .map_err(|e| format!("connect {addr}: {e}"))?;
    // A scan answers when it is done, which may take a moment.
    let timeout = Some(Duration::from_secs(30));
    stream
        .set_read_timeout(timeout)
        .map_err(|e| e.to_string())?;
    stream
        .set_write_timeout(timeout)
        .map_err(|e| e.to_string())?;
    let request = format!(
        "{method} {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nX-API-Key: {api_key}\r\n\
         Content-Length: 0\r\nConnection: close\r\n\r\n"
    );
    stream
        .write_all(request.as_bytes())
        .map_err(|e| format!("{method} {path}: {e}"))?;
    let mut answer = Vec::new();
    stream
        .read_to_end(&mut answer)
        .map_err(|e| format!("{method} {path}: {e}"))?;
    let answer = String::from_utf8_lossy(&answer);
    let (head, body) = answer
        .split_once("\r\n\r\n")
        .ok_or_else(|| format!("{method} {path}: no HTTP answer: {answer}"))?;
    let status = head.split_whitespace().nth(1).unwrap_or("?");
    if status != "200" {
        return Err(format!("{method} {path}: HTTP {status}: {body}"));
    }
    Ok(body.to_string())
}
