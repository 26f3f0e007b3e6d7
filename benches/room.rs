//! The room under a full workshop's load, over loopback: 60 phones send
//! 20 notes each at once while the board drains the queue every tick.
//! Checks that no note is lost or doubled; prints notes per second and
//! the latency a phone waits for its answer.
//!
//! `cargo bench --bench room`

#[path = "../tests/common/http.rs"]
mod http;

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::mpsc::TryRecvError;
use std::time::{Duration, Instant};

use http::Browser;
use sempre::i18n::Lang;
use sempre::room::{
    Arrival, Prompt, PromptPhase, PromptZone, Room, RoomLimits, RoomOptions, Texts,
};

const PHONES: usize = 60;
const NOTES: usize = 20;
const TICK: Duration = Duration::from_millis(16);
/// The whole run gives up after this long.
const DEADLINE: Duration = Duration::from_secs(120);

fn prompt() -> Prompt {
    let texts = |s: &str| Texts {
        da: s.into(),
        en: s.into(),
    };
    Prompt {
        title: "Load".into(),
        lang: Lang::En,
        phase: Some(PromptPhase {
            id: "dreams".into(),
            name: texts("Dreams"),
            questions: vec![texts("What do you dream of?")],
            zones: vec![PromptZone {
                id: "now".into(),
                name: texts("Now"),
                question: texts("Now?"),
            }],
            voting: None,
        }),
    }
}

/// One phone: joins, then sends its notes as fast as answers come,
/// trying again when the room is busy. Gives each note's latency.
fn phone(mut browser: Browser, base: String, p: usize, started: Instant) -> (Vec<Duration>, usize) {
    assert_eq!(browser.get(&base).status, 200);
    let mut latencies = Vec::with_capacity(NOTES);
    let mut retries = 0;
    for n in 0..NOTES {
        let text = format!("phone {p} note {n}");
        loop {
            assert!(started.elapsed() < DEADLINE, "the run took too long");
            let sent = Instant::now();
            let reply = browser.post(
                &format!("{base}/note"),
                &[("phase", "dreams"), ("zone", "now"), ("text", &text)],
            );
            match reply.status {
                303 => {
                    latencies.push(sent.elapsed());
                    break;
                }
                503 => {
                    retries += 1;
                    std::thread::sleep(TICK);
                }
                other => panic!("phone {p} note {n}: {other}\n{}", reply.body),
            }
        }
    }
    (latencies, retries)
}

fn main() {
    let options = RoomOptions {
        bind: Some(IpAddr::V4(Ipv4Addr::LOCALHOST)),
        port: None,
    };
    let limits = RoomLimits {
        notes_per_minute: 100_000,
        requests_per_minute: 1_000_000,
        ..RoomLimits::default()
    };
    let (room, arrivals) = Room::open_with_limits(&options, prompt(), limits).expect("opens");
    let base = room
        .url()
        .split_once(&room.address().to_string())
        .map(|(_, path)| path.to_string())
        .expect("a path");

    let started = Instant::now();
    let phones: Vec<_> = (0..PHONES)
        .map(|p| {
            let browser = Browser::new(room.address());
            let base = base.clone();
            std::thread::spawn(move || phone(browser, base, p, started))
        })
        .collect();

    // The board: drains what arrived each tick, as its event loop does.
    let mut texts = HashSet::new();
    let mut ids = HashSet::new();
    let mut ticks = 0usize;
    let mut deepest = 0usize;
    while texts.len() < PHONES * NOTES && started.elapsed() < DEADLINE {
        std::thread::sleep(TICK);
        ticks += 1;
        let mut this_tick = 0;
        loop {
            match arrivals.try_recv() {
                Ok(Arrival::Note(note)) => {
                    this_tick += 1;
                    assert!(ids.insert(note.id), "a note id twice");
                    assert!(texts.insert(note.text.clone()), "doubled: {}", note.text);
                }
                Ok(Arrival::Votes(_)) => panic!("no votes were sent"),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => panic!("the room closed"),
            }
        }
        deepest = deepest.max(this_tick);
    }
    let elapsed = started.elapsed();

    let mut latencies = Vec::new();
    let mut retries = 0;
    for handle in phones {
        let (l, r) = handle.join().expect("a phone thread");
        latencies.extend(l);
        retries += r;
    }
    for p in 0..PHONES {
        for n in 0..NOTES {
            assert!(
                texts.contains(&format!("phone {p} note {n}")),
                "lost: phone {p} note {n}"
            );
        }
    }
    assert_eq!(room.phones(), PHONES);
    room.close();

    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)];
    println!(
        "room: {} phones x {} notes = {} notes in {:.2?} ({:.0} notes/s), none lost or doubled",
        PHONES,
        NOTES,
        texts.len(),
        elapsed,
        texts.len() as f64 / elapsed.as_secs_f64()
    );
    println!(
        "latency p50 {:.2?}, p99 {:.2?}, max {:.2?}; {} busy answers retried; {} ticks, at most {} arrivals in one",
        at(0.5),
        at(0.99),
        at(1.0),
        retries,
        ticks,
        deepest
    );
}
