//! The room on the board: phones join, write and vote while it is open,
//! and the facilitator decides what the wall shows. Notes from phones wait
//! in a queue kept in memory only; votes are counts and go straight in.

use std::collections::HashMap;
use std::sync::mpsc::{Receiver, TryRecvError};

use uuid::Uuid;

use super::room_prompt::prompt;
use super::{board_mut, refuse};
use crate::model::{Arrived, Item, NewNote, NoteSource};
use crate::room::{Arrival, PhoneId, PhoneNote, PhoneVotes, Prompt, Room, RoomLimits, RoomOptions};
use crate::strings::{Noun, Ui, count};
use crate::tui::app::{App, Effect};

/// At most this many arrivals are taken in per tick, so a flood of phones
/// never holds up a key.
pub const ARRIVALS_PER_TICK: usize = 200;

/// Dots a phone has in a voting round, as a round on the board starts
/// with (`V`).
pub const PHONE_DOTS: u32 = 3;

/// How phones join, as the panel shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Join {
    /// The address with its token, the QR code's content.
    pub url: String,
    /// The bare address a participant types (`http://ADDR:PORT`).
    pub address: String,
    /// The join code typed at the bare address.
    pub code: String,
    /// The QR code as lines of half blocks, made once when the room opens.
    pub qr: Vec<String>,
}

/// The room as the board knows it.
#[derive(Debug, Default)]
pub struct RoomState {
    /// How to open it.
    pub options: RoomOptions,
    /// How much each phone and address may send (the defaults, except in
    /// a load test).
    pub limits: RoomLimits,
    /// Notes from phones go on the wall at once, without the queue.
    pub accept_all: bool,
    /// The open room; dropping it stops the server.
    pub room: Option<Room>,
    /// What phones send.
    pub arrivals: Option<Receiver<Arrival>>,
    /// How to join, while the room is open.
    pub join: Option<Join>,
    /// The join panel is shown.
    pub panel: bool,
    /// Notes waiting for the facilitator, oldest first.
    pub queue: Vec<PhoneNote>,
    /// The name each phone without a pseudonym votes under ("Phone N").
    pub phones: HashMap<PhoneId, String>,
    /// Per phone and voting round, the notes it gave dots to.
    pub voted: HashMap<(PhoneId, String), Vec<Uuid>>,
    /// The prompt last told to the room.
    pub sent: Option<Prompt>,
    /// The session's change number and time when that prompt was built:
    /// while they stay, the prompt is not built again.
    pub sent_for: Option<(u64, jiff::Timestamp)>,
    /// How many arrivals were taken in, so the loop knows to redraw.
    pub heard: u64,
}

impl RoomState {
    /// Whether the room is open.
    pub fn is_open(&self) -> bool {
        self.join.is_some()
    }

    /// Stops the server and forgets the phones; queued notes stay until
    /// the facilitator deals with them.
    pub fn close(&mut self) {
        if let Some(room) = self.room.take() {
            room.close();
        }
        self.arrivals = None;
        self.join = None;
        self.panel = false;
        self.phones.clear();
        self.voted.clear();
        self.sent = None;
        self.sent_for = None;
    }

    /// The name `phone` votes under without a pseudonym: "Phone N" with
    /// the smallest N not yet given to another phone nor found among the
    /// session's voters, so a phone never adds to another's dots (also
    /// after the room or the board was closed and opened again).
    fn voter(&mut self, phone: PhoneId, session: &crate::model::Session) -> String {
        if let Some(name) = self.phones.get(&phone) {
            return name.clone();
        }
        let lang = session.context.language;
        let taken = |name: &str| {
            self.phones.values().any(|v| v == name)
                || session
                    .votes
                    .iter()
                    .any(|v| v.voter.as_deref() == Some(name))
        };
        let name = (1..)
            .map(|n: usize| Ui::PhoneVoter.text(lang).replace("{n}", &n.to_string()))
            .find(|name| !taken(name))
            .unwrap_or_default();
        self.phones.insert(phone, name.clone());
        name
    }
}

/// `O`: opens the room, or closes it.
pub fn toggle(app: &mut App) -> Vec<Effect> {
    let Some(b) = board_mut(app) else {
        return Vec::new();
    };
    if b.room.is_open() {
        b.room.close();
        let waiting = b.room.queue.len();
        let lang = app.prefs.lang;
        let text = if waiting > 0 {
            Ui::QueueRoomClosed
                .text(lang)
                .replace("{n}", &count(lang, waiting, Noun::Note))
        } else {
            Ui::RoomClosed.text(lang).to_string()
        };
        app.say(text);
        return Vec::new();
    }
    open_room(app)
}

/// Opens the room with the board's options; a failure says why in one
/// sentence and leaves the board as it was.
pub fn open_room(app: &mut App) -> Vec<Effect> {
    let lang = app.prefs.lang;
    let Some(b) = board_mut(app) else {
        return Vec::new();
    };
    if b.open.is_read_only() {
        app.warn(app.t(Ui::ReadOnlyNoChange));
        return Vec::new();
    }
    let first = prompt(b);
    match Room::open_with_limits(&b.room.options, first.clone(), b.room.limits.clone()) {
        Ok((room, arrivals)) => {
            let url = room.url().to_string();
            b.room.join = Some(Join {
                qr: crate::room::qr::lines(&url, false),
                address: format!("http://{}", room.address()),
                code: room.join_code().to_string(),
                url,
            });
            b.room.room = Some(room);
            b.room.arrivals = Some(arrivals);
            b.room.panel = true;
            b.room.sent = Some(first);
            app.say(app.t(Ui::RoomOpened));
        }
        Err(e) => app.warn(e.message(lang)),
    }
    Vec::new()
}

/// Takes in what phones sent since the last tick, a bounded amount at a
/// time, without waiting.
pub fn tick(app: &mut App) -> Vec<Effect> {
    let mut effects = Vec::new();
    for _ in 0..ARRIVALS_PER_TICK {
        let Some(rx) = app.board().and_then(|b| b.room.arrivals.as_ref()) else {
            break;
        };
        match rx.try_recv() {
            Ok(arrival) => effects.extend(arrived(app, arrival)),
            Err(TryRecvError::Empty) => break,
            Err(TryRecvError::Disconnected) => {
                if let Some(b) = board_mut(app) {
                    b.room.close();
                }
                app.warn(app.t(Ui::RoomClosed));
                break;
            }
        }
    }
    // One save for the lot.
    let saves = effects.iter().any(|e| matches!(e, Effect::Save));
    effects.retain(|e| !matches!(e, Effect::Save));
    if saves {
        effects.push(Effect::Save);
    }
    effects
}

/// Takes in one arrival: a note goes to the queue (or, with accept-all,
/// on the wall); votes are set for the phone's voter at once.
pub fn arrived(app: &mut App, arrival: Arrival) -> Vec<Effect> {
    let Some(b) = board_mut(app) else {
        return Vec::new();
    };
    b.room.heard += 1;
    match arrival {
        Arrival::Note(note) => {
            if b.room.queue.iter().any(|n| n.id == note.id) {
                return Vec::new();
            }
            let id = note.id;
            b.room.queue.push(note);
            if b.room.accept_all {
                return approve(app, &[id]);
            }
            Vec::new()
        }
        Arrival::Votes(votes) => take_votes(app, votes),
    }
}

fn take_votes(app: &mut App, votes: PhoneVotes) -> Vec<Effect> {
    let prefs = app.prefs.clone();
    let now = app.clock.now();
    let Some(b) = board_mut(app) else {
        return Vec::new();
    };
    if b.open.is_read_only() {
        return Vec::new();
    }
    let named = votes
        .pseudonym
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string);
    let voter = match named {
        Some(name) => name,
        None => {
            let session = &b.open.session;
            b.room.voter(votes.phone, session)
        }
    };
    let key = (votes.phone, votes.phase.clone());
    let before = b.room.voted.get(&key).cloned().unwrap_or_default();
    // Only notes a phone could have been shown: on the wall, not private.
    let s = b.session();
    let given: Vec<(Uuid, u32)> = votes
        .dots
        .iter()
        .copied()
        .filter(|(id, _)| {
            s.note(*id).is_ok_and(|n| n.status.is_active()) && !s.is_private(Item::Note(*id))
        })
        .collect();
    let dropped: Vec<Uuid> = before
        .iter()
        .copied()
        .filter(|id| !given.iter().any(|(g, _)| g == id))
        .collect();
    let result = b.change(&prefs, |s, _| {
        for (note, dots) in &given {
            s.set_dots(*note, *dots, Some(&voter), now)?;
        }
        for note in &dropped {
            if s.note(*note).is_ok() {
                s.set_dots(*note, 0, Some(&voter), now)?;
            }
        }
        Ok(())
    });
    let voted = given.iter().filter(|(_, d)| *d > 0).map(|(id, _)| *id);
    b.room.voted.insert(key, voted.collect());
    match result {
        Ok(()) => vec![Effect::Save],
        Err(e) => {
            refuse(app, e);
            Vec::new()
        }
    }
}

/// Puts the queued notes `ids` on the wall, each as an ordinary note
/// through the model, with undo and saving as for a typed note.
pub fn approve(app: &mut App, ids: &[Uuid]) -> Vec<Effect> {
    let prefs = app.prefs.clone();
    let now = app.clock.now();
    let Some(b) = board_mut(app) else {
        return Vec::new();
    };
    let board = b.board_id();
    let mut done = 0;
    let mut last = None;
    for id in ids {
        let Some(at) = b.room.queue.iter().position(|n| n.id == *id) else {
            continue;
        };
        let note = b.room.queue[at].clone();
        let new = NewNote {
            board: Some(board),
            author: note.pseudonym.clone(),
            private: note.private,
            ..NewNote::new(&note.zone, &note.text)
        };
        let from = Arrived {
            id: note.id,
            phase: note.phase.clone(),
            source: NoteSource::Phone,
        };
        match b.change(&prefs, |s, m| s.add_arrived_note(m, new, from, now)) {
            Ok(made) => {
                b.room.queue.remove(at);
                done += 1;
                last = Some(made);
            }
            Err(e) => {
                refuse(app, e);
                return if done > 0 {
                    vec![Effect::Save]
                } else {
                    Vec::new()
                };
            }
        }
    }
    if let Some(made) = last {
        b.focus_note(made);
    }
    if done == 0 {
        return Vec::new();
    }
    let lang = prefs.lang;
    let text = if done == 1 {
        Ui::QueueApproved.text(lang).to_string()
    } else {
        Ui::QueueApprovedAll
            .text(lang)
            .replace("{n}", &count(lang, done, Noun::Note))
    };
    app.say(text);
    vec![Effect::Save]
}

/// Takes a queued note out; its words are gone.
pub fn reject(app: &mut App, id: Uuid) {
    if let Some(b) = board_mut(app) {
        b.room.queue.retain(|n| n.id != id);
    }
    app.say(app.t(Ui::QueueRejected));
}

/// Merges the queued notes `from` into the queued note `into`: one note
/// with all their words, a line each; private if any of them was.
pub fn merge(app: &mut App, into: Uuid, from: &[Uuid]) {
    let Some(b) = board_mut(app) else {
        return;
    };
    let q = &mut b.room.queue;
    let taken: Vec<PhoneNote> = from
        .iter()
        .filter(|id| **id != into)
        .filter_map(|id| q.iter().position(|n| n.id == *id).map(|at| q.remove(at)))
        .collect();
    let Some(target) = q.iter_mut().find(|n| n.id == into) else {
        return;
    };
    if taken.is_empty() {
        app.warn(app.t(Ui::QueueMergeHow));
        return;
    }
    for other in taken {
        target.text.push('\n');
        target.text.push_str(&other.text);
        target.private |= other.private;
        target.pseudonym = match (target.pseudonym.take(), other.pseudonym) {
            (Some(a), Some(o)) if a != o => Some(format!("{a}, {o}")),
            (a, o) => a.or(o),
        };
    }
    app.say(app.t(Ui::QueueMerged));
}

/// Gives a queued note new words (from the note editor) and puts it on
/// the wall.
pub fn edited(app: &mut App, id: Uuid, text: &str) -> Vec<Effect> {
    let text = crate::model::text::clean(text);
    if text.is_empty() {
        return Vec::new();
    }
    let Some(b) = board_mut(app) else {
        return Vec::new();
    };
    match b.room.queue.iter_mut().find(|n| n.id == id) {
        Some(note) => note.text = text,
        None => return Vec::new(),
    }
    approve(app, &[id])
}
