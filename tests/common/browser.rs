//! A real browser for tests: headless Chromium driven over its DevTools
//! protocol (a websocket), to open a page, type into it and press its
//! buttons as a person would.
//!
//! Needs Debian's `chromium` (`.ci/run` installs it) or a browser named in
//! `SEMPRE_CHROMIUM`. Every wait has a generous deadline and fails with
//! what the browser said; none is a speed goal.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

/// How long anything may take before the test fails.
const DEADLINE: Duration = Duration::from_secs(60);

/// The browser to use: `SEMPRE_CHROMIUM`, or the first of Chromium's
/// usual names on the path. None when there is none (a test then fails
/// in CI and is skipped elsewhere).
pub fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("SEMPRE_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            Command::new("sh")
                .args(["-c", &format!("command -v {name}")])
                .output()
                .ok()
                .filter(|o| o.status.success())
                .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
                .filter(|p| !p.is_empty())
                .map(PathBuf::from)
        })
}

/// A headless Chromium with one tab, killed when dropped.
pub struct Browser {
    child: Child,
    _profile: tempfile::TempDir,
    tab: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    /// Events that came while waiting for an answer.
    events: Vec<Value>,
}

impl Browser {
    /// Starts the browser, with `lang` as the language it asks pages for
    /// (`Accept-Language`).
    pub fn start(lang: &str) -> Browser {
        let Some(binary) = chromium() else {
            panic!(
                "Chromium is needed: install Debian's `chromium` or name one in SEMPRE_CHROMIUM"
            );
        };
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(&binary)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-sync",
                "--disable-background-networking",
                "--disable-component-update",
                "--remote-debugging-port=0",
                "--remote-allow-origins=*",
            ])
            .arg(format!("--lang={lang}"))
            .arg(format!("--accept-lang={lang}"))
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("could not start {}: {e}", binary.display()));
        // "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/…"
        let stderr = child.stderr.take().unwrap();
        let (found, said) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("ws://").nth(1) {
                    let _ = found.send(rest.to_string());
                }
            }
        });
        let Ok(ws) = said.recv_timeout(DEADLINE) else {
            let _ = child.kill();
            panic!("{} never said where its DevTools listen", binary.display());
        };
        let host = ws.split('/').next().unwrap().to_string();
        let target = http(&host, "PUT", "/json/new?about:blank");
        let url = target["webSocketDebuggerUrl"]
            .as_str()
            .unwrap_or_else(|| panic!("no tab from the browser: {target}"))
            .to_string();
        let (tab, _) = tungstenite::connect(url.as_str()).unwrap();
        if let MaybeTlsStream::Plain(s) = tab.get_ref() {
            s.set_read_timeout(Some(Duration::from_millis(200)))
                .unwrap();
        }
        let mut browser = Browser {
            child,
            _profile: profile,
            tab,
            next_id: 0,
            events: Vec::new(),
        };
        browser.call("Page.enable", json!({}));
        browser.call("Runtime.enable", json!({}));
        browser
    }

    /// Sends a DevTools command and gives its result.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let message = json!({ "id": id, "method": method, "params": params });
        self.tab
            .send(Message::Text(message.to_string().into()))
            .unwrap();
        let started = Instant::now();
        loop {
            if let Some(m) = self.receive() {
                if m["id"] == json!(id) {
                    if let Some(e) = m.get("error") {
                        panic!("{method} failed: {e}");
                    }
                    return m["result"].clone();
                }
                if m.get("method").is_some() {
                    self.events.push(m);
                }
            }
            assert!(started.elapsed() < DEADLINE, "no answer to {method}");
        }
    }

    fn receive(&mut self) -> Option<Value> {
        match self.tab.read() {
            Ok(Message::Text(text)) => serde_json::from_str(&text).ok(),
            Ok(_) => None,
            Err(tungstenite::Error::Io(e))
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                None
            }
            Err(e) => panic!("the browser's tab closed: {e}"),
        }
    }

    /// Waits for the page to finish loading after something started a
    /// navigation.
    fn wait_loaded(&mut self) {
        let loaded = |m: &Value| m["method"] == "Page.loadEventFired";
        if let Some(i) = self.events.iter().position(loaded) {
            self.events.drain(..=i);
            return;
        }
        let started = Instant::now();
        loop {
            if let Some(m) = self.receive()
                && m["method"] == "Page.loadEventFired"
            {
                return;
            }
            assert!(started.elapsed() < DEADLINE, "the page never loaded");
        }
    }

    /// Opens `url` and waits until it has loaded.
    pub fn open(&mut self, url: &str) {
        self.events.clear();
        self.call("Page.navigate", json!({ "url": url }));
        self.wait_loaded();
    }

    /// The value of a JavaScript expression in the page.
    pub fn eval(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true }),
        );
        if let Some(e) = result.get("exceptionDetails") {
            panic!("{expression} failed in the page: {e}");
        }
        result["result"]["value"].clone()
    }

    /// The page's visible text.
    pub fn text(&mut self) -> String {
        self.eval("document.body.innerText")
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Puts the focus in the element `selector` and types `text` there,
    /// as a keyboard would.
    pub fn type_into(&mut self, selector: &str, text: &str) {
        let focused = self.eval(&format!(
            "(() => {{ const e = document.querySelector({s}); if (!e) return false; e.focus(); return true; }})()",
            s = json!(selector)
        ));
        assert_eq!(focused, json!(true), "no {selector} on the page");
        self.call("Input.insertText", json!({ "text": text }));
    }

    /// Clicks the element `selector` (a radio button, a checkbox).
    pub fn click(&mut self, selector: &str) {
        let clicked = self.eval(&format!(
            "(() => {{ const e = document.querySelector({s}); if (!e) return false; e.click(); return true; }})()",
            s = json!(selector)
        ));
        assert_eq!(clicked, json!(true), "no {selector} on the page");
    }

    /// Clicks the button `selector` that submits a form, and waits for the
    /// page that answers.
    pub fn submit(&mut self, selector: &str) {
        self.events.clear();
        self.click(selector);
        self.wait_loaded();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A request to the browser's DevTools over plain HTTP, answered in JSON.
fn http(host: &str, method: &str, path: &str) -> Value {
    let mut stream = TcpStream::connect(host).unwrap();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    // The browser keeps the connection open: read the headers, then as
    // many bytes as they announce.
    let mut reader = BufReader::new(stream);
    let mut length = 0;
    let mut head = String::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if line.trim().is_empty() {
            break;
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
        head.push_str(&line);
    }
    let mut bytes = vec![0; length];
    reader.read_exact(&mut bytes).unwrap();
    let reply = String::from_utf8_lossy(&bytes).to_string();
    let body = reply.as_str();
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {head}{reply}"))
}
