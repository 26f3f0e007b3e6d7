//! The room's web server as phones meet it, over loopback: joining, the
//! token, writing notes, giving dots, the limits, both languages.

#[path = "common/http.rs"]
mod http;

use std::net::{IpAddr, Ipv4Addr};
use std::sync::mpsc::Receiver;

use http::{Browser, exchange};
use sempre::i18n::Lang;
use sempre::room::{
    Arrival, Candidate, Prompt, PromptPhase, PromptZone, Room, RoomLimits, RoomOptions, Texts,
    Voting,
};
use uuid::Uuid;

fn texts(da: &str, en: &str) -> Texts {
    Texts {
        da: da.into(),
        en: en.into(),
    }
}

fn zone(id: &str, da: &str, en: &str) -> PromptZone {
    PromptZone {
        id: id.into(),
        name: texts(da, en),
        question: texts(&format!("{da}?"), &format!("{en}?")),
    }
}

fn dreams() -> Prompt {
    Prompt {
        title: "Naboskab på Nørrebro".into(),
        lang: Lang::En,
        phase: Some(PromptPhase {
            id: "dreams".into(),
            name: texts("Drømme", "Dreams"),
            questions: vec![texts("Hvad drømmer I om?", "What do you dream of?")],
            zones: vec![
                zone("now", "Lige nu", "Right now"),
                zone("later", "Om et år", "In a year"),
            ],
            voting: None,
        }),
    }
}

fn options() -> RoomOptions {
    RoomOptions {
        bind: Some(IpAddr::V4(Ipv4Addr::LOCALHOST)),
        port: None,
    }
}

/// An open room on loopback, the path of its phone page, and a phone.
fn open(prompt: Prompt) -> (Room, Receiver<Arrival>, String, Browser) {
    open_with(prompt, RoomLimits::default())
}

fn open_with(prompt: Prompt, limits: RoomLimits) -> (Room, Receiver<Arrival>, String, Browser) {
    let (room, arrivals) = Room::open_with_limits(&options(), prompt, limits).expect("opens");
    let base = room
        .url()
        .split_once(&room.address().to_string())
        .map(|(_, path)| path.to_string())
        .expect("the url names the address");
    let phone = Browser::new(room.address());
    (room, arrivals, base, phone)
}

fn note<'a>(text: &'a str, zone: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![("phase", "dreams"), ("zone", zone), ("text", text)]
}

fn arrived(arrivals: &Receiver<Arrival>) -> Vec<Arrival> {
    arrivals.try_iter().collect()
}

#[test]
fn the_token_page_asks_the_question_and_offers_the_zones() {
    let (room, _arrivals, base, mut phone) = open(dreams());
    assert!(room.url().starts_with("http://127.0.0.1:"));
    assert_eq!(base.len(), "/r/".len() + 32);
    let page = phone.get(&base);
    assert_eq!(page.status, 200);
    // A page, not its source as text.
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    for words in [
        "Naboskab på Nørrebro",
        "Dreams",
        "What do you dream of?",
        "Right now",
        "In a year",
    ] {
        assert!(page.body.contains(words), "{words} missing:\n{}", page.body);
    }
    assert!(page.body.contains(r#"<html lang="en">"#));
    assert!(page.body.contains(r#"type="radio""#));
    assert!(!page.body.contains("<script"));
    assert_eq!(page.header("cache-control"), Some("no-store"));
    let cookie = page.set_cookies().join("\n");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
    assert!(cookie.contains(&format!("Path={base}")));
    assert_eq!(room.phones(), 1);
    phone.get(&base);
    assert_eq!(room.phones(), 1, "the same phone again");
    Browser::new(room.address()).get(&base);
    assert_eq!(room.phones(), 2);
}

#[test]
fn without_the_token_there_is_nothing() {
    let (room, arrivals, base, mut phone) = open(dreams());
    let wrong = format!("/r/{}", "0".repeat(32));
    for path in ["/r/", "/r", &wrong, "/r/x/note", "/favicon.ico", "/r/join"] {
        let page = phone.get(path);
        assert!([404, 405].contains(&page.status), "{path}: {}", page.status);
        assert!(!page.body.contains(&base[3..]), "{path} leaks the token");
    }
    let page = phone.post(&format!("{wrong}/note"), &note("hello", "now"));
    assert_eq!(page.status, 404);
    assert!(arrived(&arrivals).is_empty());
    assert_eq!(room.phones(), 0);
}

#[test]
fn the_join_code_leads_to_the_token_page() {
    let (room, _arrivals, base, mut phone) = open(dreams());
    let code = room.join_code().to_string();
    assert_eq!(code.len(), 6);
    let page = phone.get("/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains(r#"action="/join""#));
    assert!(!page.body.contains(&base));
    let wrong = phone.post("/join", &[("code", "AAAAAA")]);
    if code != "AAAAAA" {
        assert_eq!(wrong.status, 403);
        assert!(wrong.body.contains("not right"), "{}", wrong.body);
        assert!(!wrong.body.contains(&base));
    }
    let right = phone.post("/join", &[("code", &code.to_lowercase())]);
    assert_eq!(right.status, 303);
    assert_eq!(right.header("location"), Some(base.as_str()));
}

#[test]
fn a_note_arrives_cleaned_with_its_zone_name_and_privacy() {
    let (_room, arrivals, base, mut phone) = open(dreams());
    phone.get(&base);
    let mut form = note("  En ha\u{30A}ve\u{7}\r\nmed bænke  ", "later");
    form.push(("pseudonym", "  Ma\u{1b}[31mria  "));
    form.push(("private", "1"));
    let reply = phone.post(&format!("{base}/note"), &form);
    assert_eq!(reply.status, 303);
    assert_eq!(
        reply.header("location"),
        Some(format!("{base}?sent=private").as_str())
    );
    let thanks = phone.get(&format!("{base}?sent=private"));
    assert!(thanks.body.contains("only the facilitator will see it"));
    let got = arrived(&arrivals);
    let [Arrival::Note(n)] = got.as_slice() else {
        panic!("one note: {got:?}");
    };
    assert_eq!(n.text, "En håve\nmed bænke");
    assert_eq!(n.zone, "later");
    assert_eq!(n.pseudonym.as_deref(), Some("Ma[31mria"));
    assert!(n.private);
    assert_eq!(n.phase.as_deref(), Some("dreams"));

    let plain = phone.post(&format!("{base}/note"), &note("Et værksted", "now"));
    assert_eq!(plain.status, 303);
    let got = arrived(&arrivals);
    let [Arrival::Note(m)] = got.as_slice() else {
        panic!("one note: {got:?}");
    };
    assert!(!m.private);
    assert_eq!(m.phone, n.phone, "the same phone");
    assert_eq!(m.pseudonym, None, "anonymous unless given");
    assert_ne!(m.id, n.id);
}

#[test]
fn the_thank_you_never_shows_the_words() {
    let (_room, _arrivals, base, mut phone) = open(dreams());
    let reply = phone.post(&format!("{base}/note"), &note("Mit hemmelige ord", "now"));
    assert_eq!(reply.status, 303);
    assert!(!reply.body.contains("hemmelige"));
    let thanks = phone.get(reply.header("location").expect("a redirect"));
    assert_eq!(thanks.status, 200);
    assert!(thanks.body.contains("Thank you"), "{}", thanks.body);
    assert!(!thanks.body.contains("hemmelige"));
    assert!(thanks.body.contains("<textarea"), "the form again");
}

#[test]
fn another_phone_never_sees_the_first_phones_words() {
    let (_room, arrivals, base, mut first) = open(dreams());
    let mut second = Browser::new(first.addr);
    first.post(
        &format!("{base}/note"),
        &[
            ("phase", "dreams"),
            ("zone", "now"),
            ("text", "Ahmads ord"),
            ("pseudonym", "Ahmad"),
        ],
    );
    assert_eq!(arrived(&arrivals).len(), 1);
    for page in [second.get(&base), second.get(&format!("{base}?sent=note"))] {
        assert!(!page.body.contains("Ahmad"), "{}", page.body);
    }
    let mine = second.post(&format!("{base}/note"), &note("", "now"));
    assert!(!mine.body.contains("Ahmad"));
}

#[test]
fn an_empty_note_asks_for_words_and_sends_nothing() {
    let (_room, arrivals, base, mut phone) = open(dreams());
    let reply = phone.post(&format!("{base}/note"), &note(" \u{7}\n ", "now"));
    assert_eq!(reply.status, 422);
    assert!(reply.body.contains("Write something first"));
    let long = "x".repeat(1001);
    let reply = phone.post(&format!("{base}/note"), &note(&long, "now"));
    assert_eq!(reply.status, 422);
    assert!(reply.body.contains("too long"));
    let reply = phone.post(&format!("{base}/note"), &note("hi", "nowhere"));
    assert_eq!(reply.status, 422);
    assert!(arrived(&arrivals).is_empty());
}

#[test]
fn a_note_for_a_phase_gone_by_is_not_taken() {
    let (room, arrivals, base, mut phone) = open(dreams());
    room.set_prompt(Prompt {
        phase: None,
        ..dreams()
    });
    let page = phone.get(&base);
    assert!(page.body.contains("Wait for the facilitator to start"));
    assert!(!page.body.contains("<textarea"));
    let reply = phone.post(&format!("{base}/note"), &note("late", "now"));
    assert_eq!(reply.status, 422);
    assert!(reply.body.contains("moved on"));
    assert!(arrived(&arrivals).is_empty());
}

#[test]
fn too_many_notes_from_one_phone_are_slowed_down() {
    let (_room, arrivals, base, mut phone) = open(dreams());
    let per_minute = RoomLimits::default().notes_per_minute as usize;
    for i in 0..per_minute {
        let reply = phone.post(&format!("{base}/note"), &note(&format!("note {i}"), "now"));
        assert_eq!(reply.status, 303, "note {i}");
    }
    let reply = phone.post(&format!("{base}/note"), &note("one more", "now"));
    assert_eq!(reply.status, 429);
    assert!(reply.body.contains("Slow down"));
    assert_eq!(arrived(&arrivals).len(), per_minute);
}

#[test]
fn too_many_requests_from_one_address_are_slowed_down() {
    let limits = RoomLimits {
        requests_per_minute: 5,
        ..RoomLimits::default()
    };
    let (_room, _arrivals, base, mut phone) = open_with(dreams(), limits);
    let statuses: Vec<u16> = (0..6).map(|_| phone.get(&base).status).collect();
    assert_eq!(statuses, [200, 200, 200, 200, 200, 429]);
}

#[test]
fn a_large_body_is_refused() {
    let (_room, arrivals, base, mut phone) = open(dreams());
    let big = "a".repeat(64 * 1024);
    let reply = phone.post(&format!("{base}/note"), &note(&big, "now"));
    assert_eq!(reply.status, 413);
    assert!(arrived(&arrivals).is_empty());
    // A full note in a script that a form encodes at length still fits.
    let arabic = "ب".repeat(1000);
    let reply = phone.post(&format!("{base}/note"), &note(&arabic, "now"));
    assert_eq!(reply.status, 303);
}

#[test]
fn a_closed_room_no_longer_answers() {
    let (room, arrivals, base, mut phone) = open(dreams());
    assert_eq!(phone.get(&base).status, 200);
    let addr = room.address();
    room.close();
    let raw = format!("GET {base} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    let err = exchange(addr, raw.as_bytes()).expect_err("nothing listens");
    assert_eq!(err.kind(), std::io::ErrorKind::ConnectionRefused);
    assert!(arrivals.recv().is_err(), "the channel is closed");
}

fn voting() -> (Prompt, [Uuid; 3]) {
    let ids = [Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4()];
    let candidates = ids
        .iter()
        .zip(["Et fælleshus", "Bænke i gården", "Kaffe om fredagen"])
        .map(|(id, text)| Candidate {
            note: *id,
            text: text.into(),
        })
        .collect();
    let mut prompt = dreams();
    if let Some(phase) = &mut prompt.phase {
        phase.id = "choose".into();
        phase.zones.clear();
        phase.voting = Some(Voting {
            budget: 3,
            candidates,
        });
    }
    (prompt, ids)
}

#[test]
fn dots_within_the_budget_arrive_and_more_are_refused() {
    let (prompt, [a, b, c]) = voting();
    let (_room, arrivals, base, mut phone) = open(prompt);
    let page = phone.get(&base);
    assert!(page.body.contains("Bænke i gården"));
    assert!(page.body.contains(r#"type="number""#));
    let (sa, sb, sc) = (a.to_string(), b.to_string(), c.to_string());
    let votes = format!("{base}/votes");

    let over = phone.post(&votes, &[("phase", "choose"), (&sa, "2"), (&sb, "2")]);
    assert_eq!(over.status, 422);
    assert!(
        over.body.contains("more dots than you have"),
        "{}",
        over.body
    );
    assert!(arrived(&arrivals).is_empty());

    let within = phone.post(
        &votes,
        &[("phase", "choose"), (&sa, "2"), (&sb, "1"), (&sc, "")],
    );
    assert_eq!(within.status, 303);
    let got = arrived(&arrivals);
    let [Arrival::Votes(v)] = got.as_slice() else {
        panic!("one vote: {got:?}");
    };
    assert_eq!(v.phase, "choose");
    assert_eq!(v.dots, vec![(a, 2), (b, 1)]);
    let again = phone.get(within.header("location").expect("a redirect"));
    assert!(again.body.contains(&format!(
        r#"name="{a}" min="0" max="3" inputmode="numeric" value="2""#
    )));

    let garbage = phone.post(&votes, &[("phase", "choose"), (&sa, "-1")]);
    assert_eq!(garbage.status, 422);
    let unknown = Uuid::new_v4().to_string();
    let stranger = phone.post(&votes, &[("phase", "choose"), (&unknown, "1")]);
    assert_eq!(stranger.status, 422);
    assert!(arrived(&arrivals).is_empty());
}

#[test]
fn a_full_queue_asks_the_phone_to_try_again() {
    let limits = RoomLimits {
        queue: 2,
        ..RoomLimits::default()
    };
    let (_room, arrivals, base, mut phone) = open_with(dreams(), limits);
    for text in ["one", "two"] {
        assert_eq!(
            phone
                .post(&format!("{base}/note"), &note(text, "now"))
                .status,
            303
        );
    }
    let busy = phone.post(&format!("{base}/note"), &note("three", "now"));
    assert_eq!(busy.status, 503);
    assert!(busy.body.contains("try again"));
    assert_eq!(arrived(&arrivals).len(), 2);
    assert_eq!(
        phone
            .post(&format!("{base}/note"), &note("three", "now"))
            .status,
        303
    );
}

#[test]
fn the_page_speaks_the_browsers_language_and_switches() {
    let (_room, _arrivals, base, mut phone) = open(dreams());
    phone.accept_language = Some("da-DK,da;q=0.9,en;q=0.5".into());
    let page = phone.get(&base);
    assert!(page.body.contains(r#"<html lang="da">"#));
    assert!(page.body.contains("Hvad drømmer I om?"));
    assert!(page.body.contains("Din seddel"));
    assert!(page.body.contains(&format!(r#"href="{base}?lang=en""#)));

    let english = phone.get(&format!("{base}?lang=en"));
    assert!(english.body.contains(r#"<html lang="en">"#));
    assert!(english.body.contains("What do you dream of?"));
    let remembered = phone.get(&base);
    assert!(
        remembered.body.contains("Your note"),
        "the cookie keeps English"
    );

    let mut stranger = Browser::new(phone.addr);
    stranger.accept_language = Some("ar, ti;q=0.8".into());
    let page = stranger.get(&base);
    assert!(
        page.body.contains(r#"<html lang="en">"#),
        "the group's language"
    );
    let join = stranger.get("/?lang=da");
    assert!(join.body.contains("Koden på væggen"));
}

#[test]
fn a_phone_that_sends_slowly_is_cut_off() {
    use std::io::{Read, Write};
    use std::time::Duration;
    let limits = RoomLimits {
        header_timeout: Duration::from_millis(200),
        request_timeout: Duration::from_millis(200),
        ..RoomLimits::default()
    };
    let (room, arrivals, base, _phone) = open_with(dreams(), limits);
    let read_all = |stream: &mut std::net::TcpStream| {
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .expect("a timeout");
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        String::from_utf8_lossy(&answer).to_string()
    };
    // Half a head, then nothing: the server hangs up.
    let mut stream = std::net::TcpStream::connect(room.address()).expect("connects");
    stream.write_all(b"GET / HTTP/1.1\r\nHo").expect("writes");
    read_all(&mut stream);
    // A head promising a body that never comes: "request timeout".
    let mut stream = std::net::TcpStream::connect(room.address()).expect("connects");
    let head = format!(
        "POST {base}/note HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\ntext=a"
    );
    stream.write_all(head.as_bytes()).expect("writes");
    let answer = read_all(&mut stream);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(arrived(&arrivals).is_empty());
}
