//! The room: participants write and vote from their own phones, over the
//! room's Wi-Fi, into the board on the wall.
//!
//! A small web server runs inside sempre while the room is open, on a
//! thread of its own with its own async runtime. Phones open a page (no
//! JavaScript needed) at an address that carries a random token, new each
//! time the room opens; every request must carry it. What phones send
//! reaches the board as [`Arrival`]s through a bounded channel that the
//! board drains each tick, so the board never waits for a phone and a
//! phone that finds the channel full is told to try again. The board
//! decides what the wall shows: arrivals wait in its queue until the
//! facilitator approves them.
//!
//! Nothing about phones is stored: their addresses and browsers are kept
//! in memory only while the room is open, and a reply never echoes
//! another participant's words.
//!
//! The board tells the room what to ask with a [`Prompt`], again whenever
//! the phase changes.

mod handlers;
mod limits;
mod pages;
pub mod qr;
mod server;
mod state;
mod web;
mod words;

pub use limits::RoomLimits;

use std::net::{IpAddr, SocketAddr};
use std::sync::mpsc::Receiver;

use jiff::Timestamp;
use uuid::Uuid;

use crate::i18n::Lang;

/// How to open the room.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoomOptions {
    /// The address to listen on. None: the machine's address on the local
    /// network (the one its default route leaves from); never all
    /// interfaces unless asked (`0.0.0.0`).
    pub bind: Option<IpAddr>,
    /// The port. None: a free one.
    pub port: Option<u16>,
}

/// A text in both languages; the phone shows the one its browser asks for,
/// with a switch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Texts {
    /// Danish.
    pub da: String,
    /// English.
    pub en: String,
}

impl Texts {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Da => &self.da,
            Lang::En => &self.en,
        }
    }
}

/// What the phones are asked now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prompt {
    /// The session's title, shown at the top of the phone page.
    pub title: String,
    /// The language the group works in (the page's first choice when the
    /// phone's own language is neither Danish nor English).
    pub lang: Lang,
    /// The phase running; none before the first phase or between phases
    /// (the page then asks the participant to wait).
    pub phase: Option<PromptPhase>,
}

/// The phase running, as the phones see it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PromptPhase {
    /// The phase's id in the method (a voting round is per phase).
    pub id: String,
    /// Its name.
    pub name: Texts,
    /// Its questions, in plain words.
    pub questions: Vec<Texts>,
    /// The zones a note may go in; empty when the phase takes no notes.
    /// With several, the participant chooses.
    pub zones: Vec<PromptZone>,
    /// Set in a voting phase.
    pub voting: Option<Voting>,
}

/// A zone a phone may write into.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PromptZone {
    /// The zone's id in the method.
    pub id: String,
    /// Its name.
    pub name: Texts,
    /// Its guiding question.
    pub question: Texts,
}

/// A voting round: what may be voted on, and how many dots a phone has.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Voting {
    /// Dots per phone in this round; the server refuses more.
    pub budget: u32,
    /// The notes that may be voted on: only notes on the wall, never a
    /// private one (the board leaves those out).
    pub candidates: Vec<Candidate>,
}

/// A note that may be voted on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Candidate {
    /// The note.
    pub note: Uuid,
    /// Its words, as on the wall.
    pub text: String,
}

/// One phone, known only while the room is open (a random number kept in
/// the phone's cookie; nothing is stored about it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PhoneId(pub u64);

/// What a phone sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arrival {
    /// A note to queue.
    Note(PhoneNote),
    /// A phone's dots in a voting round: all of them, replacing what it
    /// gave before in that round; within the budget.
    Votes(PhoneVotes),
}

/// A note written on a phone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNote {
    /// Its id in the queue (the note's id once approved).
    pub id: Uuid,
    /// Which phone.
    pub phone: PhoneId,
    /// The zone chosen (one of the prompt's zones).
    pub zone: String,
    /// The words, cleaned as every text input is (control characters
    /// gone, composed Unicode); never empty.
    pub text: String,
    /// A pseudonym, if the participant gave one; anonymous otherwise.
    pub pseudonym: Option<String>,
    /// The participant asked for the note to stay off the wall and out of
    /// exports.
    pub private: bool,
    /// The phase it was written in.
    pub phase: Option<String>,
    /// When it arrived.
    pub received: Timestamp,
}

/// A phone's dots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneVotes {
    /// Which phone.
    pub phone: PhoneId,
    /// A pseudonym, if the participant gave one.
    pub pseudonym: Option<String>,
    /// The phase (voting round).
    pub phase: String,
    /// Dots per note; notes not named get none from this phone.
    pub dots: Vec<(Uuid, u32)>,
}

/// Why the room could not open.
#[derive(Debug, thiserror::Error)]
pub enum RoomError {
    /// No network address to listen on (no default route).
    #[error(
        "this machine has no address on a local network; connect to the room's Wi-Fi or use --bind"
    )]
    NoAddress,
    /// The address or port could not be taken.
    #[error("could not listen on {addr}: {source}")]
    Listen {
        /// Where.
        addr: String,
        /// Why.
        source: std::io::Error,
    },
    /// The server's thread or runtime could not start.
    #[error("the room's server could not start: {0}")]
    Start(String),
}

impl RoomError {
    /// One sentence for the facilitator.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (RoomError::NoAddress, Lang::Da) => "Maskinen har ingen adresse på et lokalt netværk; forbind den til lokalets wi-fi, eller brug --bind.".into(),
            (RoomError::Listen { addr, source }, Lang::Da) => {
                format!("Kunne ikke lytte på {addr}: {source}.")
            }
            (RoomError::Start(why), Lang::Da) => format!("Rummets server kunne ikke starte: {why}."),
            (e, Lang::En) => {
                let mut s = e.to_string();
                s.push('.');
                s
            }
        }
    }
}

/// An open room. Dropping it (or [`Room::close`]) stops the server and
/// forgets every phone.
pub struct Room {
    inner: server::Server,
}

impl std::fmt::Debug for Room {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Room")
            .field("url", &self.url())
            .finish_non_exhaustive()
    }
}

impl Room {
    /// Opens the room with `prompt` as its first question. Gives the room
    /// and the end of the channel the board drains.
    pub fn open(
        options: &RoomOptions,
        prompt: Prompt,
    ) -> Result<(Room, Receiver<Arrival>), RoomError> {
        Room::open_with_limits(options, prompt, RoomLimits::default())
    }

    /// [`Room::open`] with other limits than the defaults (a load test
    /// sends more notes per phone than a workshop would).
    pub fn open_with_limits(
        options: &RoomOptions,
        prompt: Prompt,
        limits: RoomLimits,
    ) -> Result<(Room, Receiver<Arrival>), RoomError> {
        let (inner, arrivals) = server::Server::start(options, prompt, limits)?;
        Ok((Room { inner }, arrivals))
    }

    /// The address phones open, token included:
    /// `http://192.168.1.23:8123/r/<token>`.
    pub fn url(&self) -> &str {
        self.inner.url()
    }

    /// Where the server listens.
    pub fn address(&self) -> SocketAddr {
        self.inner.address()
    }

    /// A short code (six letters and digits, easy to read aloud) that a
    /// participant types on the page at the bare address
    /// (`http://192.168.1.23:8123/`) instead of scanning the QR code.
    pub fn join_code(&self) -> &str {
        self.inner.join_code()
    }

    /// Changes what phones are asked (a new phase, new candidates).
    pub fn set_prompt(&self, prompt: Prompt) {
        self.inner.set_prompt(prompt);
    }

    /// How many phones have joined since the room opened.
    pub fn phones(&self) -> usize {
        self.inner.phones()
    }

    /// Stops the server and waits for it.
    pub fn close(self) {
        drop(self);
    }
}
