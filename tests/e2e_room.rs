//! Phones in the room, through the real binary in a terminal: the board
//! opens the room (`--live` on loopback), a phone joins with the code the
//! board shows and sends a note over HTTP, the facilitator approves it on
//! the board, and the note is on the wall and in the session file, marked
//! as from a phone.

#![allow(clippy::unwrap_used)]

mod common;
#[path = "common/http.rs"]
mod http;

use common::{Tty, sempre, stdout};

#[test]
fn a_note_from_a_phone_reaches_the_file_once_the_facilitator_approves_it() {
    let (_dir, store) = common::store();
    let id = stdout(sempre(&store).args([
        "--lang",
        "da",
        "new",
        "--method",
        "fremtidsvaerksted",
        "--title",
        "Værksted med telefoner",
        "--date",
        "2026-09-01",
    ]));
    let id = id.trim().to_string();
    // A free port on loopback, so the test needs no network.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
        .to_string();
    let mut tty = Tty::spawn(
        &store,
        &[
            "open",
            &id,
            "--live",
            "--bind",
            "127.0.0.1",
            "--port",
            &port,
        ],
    );
    tty.wait_for(&["Værksted med telefoner", "127.0.0.1"]);
    // Into the critique phase, where notes go.
    tty.send(">");
    tty.send(">");
    tty.wait_for(&["Fase 2/5"]);

    // The phone types the join code the board shows.
    let screen = tty.contents();
    let code = screen
        .split("Kode:")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .map(|w| {
            w.trim_matches(|c: char| !c.is_ascii_alphanumeric())
                .to_string()
        })
        .unwrap_or_else(|| panic!("no join code on the board:\n{screen}"));
    let addr: std::net::SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let mut phone = http::Browser::new(addr);
    let joined = phone.post("/join", &[("code", &code)]);
    assert_eq!(joined.status, 303, "{}", joined.body);
    let base = joined.header("location").unwrap().to_string();
    let page = phone.get(&base);
    assert!(page.body.contains("Kritik"), "{}", page.body);
    let sent = phone.post(
        &format!("{base}/note"),
        &[
            ("phase", "kritik"),
            ("zone", "kritik"),
            ("text", "Der mangler en legeplads"),
            ("pseudonym", "Amal"),
        ],
    );
    assert!(sent.status < 400, "{}", sent.body);

    // The board counts it, then the facilitator puts it on the wall.
    tty.wait_for(&["1 venter"]);
    assert!(
        !tty.contents().contains("Der mangler en legeplads"),
        "not on the wall before it is approved"
    );
    tty.send("I");
    tty.wait_for(&["Der mangler en legeplads"]);
    tty.send("\r");
    tty.send("\x1b");
    tty.wait_gone("1 venter");
    tty.wait_for(&["Der mangler en legeplads"]);
    tty.wait_saved();
    tty.send("q");
    tty.wait_exit();

    let saved = common::only_session(&store);
    let note = saved["notes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["text"] == "Der mangler en legeplads")
        .expect("the note is in the file");
    assert_eq!(note["author"], "Amal");
    assert_eq!(note["source"], "phone");
    assert_eq!(note["phase"], "kritik");
    // The room closed with the board: the phone gets no answer.
    assert!(http::exchange(addr, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").is_err());
}
