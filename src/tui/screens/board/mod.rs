//! The board: a session run phase by phase, its zones laid out as the
//! method says, with notes, a time box and guidance.

mod actions;
mod cards;
mod carry;
mod chain;
mod columns;
mod day;
mod dialogs;
mod disk;
mod header;
mod index;
mod index_follow;
mod layout;
mod link;
mod menus;
mod navigate;
mod pack;
pub mod plan_steps;
mod render;
mod room;
mod room_panel;
mod room_prompt;
mod scroll;
mod timing;
mod tree;
mod tree_cards;
mod tree_fit;
mod tree_outline;
mod unplaced;
mod update;

use jiff::Timestamp;
use uuid::Uuid;

pub use actions::{close, commit_edit, drop_queue, move_to_zone, open};
pub use cards::{ZoneView, cluster_title};
pub use day::{day_read, day_sessions, plan_minutes, script_path, write_script};
pub use dialogs::{FormPurpose, SetAside, apply, open_form, submit_form};
pub use disk::{changed_while_editing, merged, refreshed, reloaded, saved, store_changed};
pub use index::{NoteMarks, ZoneIndex};
pub use layout::{BoardLayout, layout};
pub use menus::{MenuAction, choose};

use actions::{board_mut, refuse};
pub use render::render;
pub use room::{
    ARRIVALS_PER_TICK, Join, PHONE_DOTS, RoomState, approve, arrived, edited, merge, open_room,
    reject, tick,
};
pub use room_prompt::{follow as follow_room, prompt};
pub use update::update;

use super::super::app::Prefs;
use super::super::timer::Timer;
use crate::methods::Method;
use crate::model::{ModelError, Session, SessionDiff, Way};
use crate::store::{DiskChange, LiveSession, OpenSession};

/// Which note has focus: a zone, and a place in its list of notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Focus {
    /// The zone, by its position in the method.
    pub zone: usize,
    /// The note's place in the zone; meaningless in an empty zone.
    pub note: usize,
}

/// One change in the undo history, with where focus was before it (for
/// undo) or before it was undone (for redo).
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The change.
    pub diff: SessionDiff,
    /// Focus to return to.
    pub focus: Focus,
}

/// Whether the session on disk matches the one on screen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SaveStatus {
    /// There are changes the disk does not have.
    pub dirty: bool,
    /// When the last save succeeded in this run.
    pub last: Option<Timestamp>,
    /// Why the last save failed, until one succeeds.
    pub error: Option<String>,
}

impl SaveStatus {
    /// Takes note of a save's result.
    pub fn record(&mut self, result: Result<(), String>, now: Timestamp) {
        match result {
            Ok(()) => {
                self.dirty = false;
                self.last = Some(now);
                self.error = None;
            }
            Err(reason) => self.error = Some(reason),
        }
    }
}

/// Everything the board shows and remembers.
#[derive(Debug)]
pub struct BoardState {
    /// The session, its file and the saver that writes it.
    pub open: LiveSession,
    /// The session's method.
    pub method: Method,
    /// Which board (canvas, backpack) is shown.
    pub board: usize,
    /// The focused note.
    pub focus: Focus,
    /// Notes marked for a move on several at once (cluster, decide, carry).
    pub marked: Vec<Uuid>,
    /// Per zone, the first note shown.
    pub scroll: Vec<usize>,
    /// The first zone shown when not all zones fit side by side.
    pub zone_scroll: usize,
    /// The notes per zone of the shown board.
    pub index: ZoneIndex,
    /// The other boards' notes, where the method shows several boards at
    /// once (backpacks side by side), by board position.
    pub side: Vec<(usize, ZoneIndex)>,
    /// Changes that can be undone, oldest first.
    pub undo: Vec<Step>,
    /// Changes that can be redone, most recently undone last.
    pub redo: Vec<Step>,
    /// The phase's time box.
    pub timer: Timer,
    /// The guidance panel is shown.
    pub guidance: bool,
    /// Saving.
    pub save: SaveStatus,
    /// The file changed on disk since this board last read or wrote it;
    /// nothing is saved until it is read again.
    pub conflict: Option<Box<DiskChange>>,
    /// Closing the board ends the program (`sempre open`).
    pub exit_on_close: bool,
    /// Phones in the room: the server, how to join, the notes waiting.
    pub room: RoomState,
    /// The day's plan this session is part of, with the day's other
    /// sessions as last read; none when no plan covers it.
    pub day: Option<crate::day::Day>,
}

/// The minutes `session`'s own plan gives `phase`, else the method's.
fn own_plan_minutes(session: &Session, phase: &crate::methods::Phase) -> u32 {
    session
        .plan
        .as_ref()
        .and_then(|p| p.minutes_for(session.id, session.id, &phase.id))
        .unwrap_or(phase.minutes)
}

impl BoardState {
    /// A board for an opened session, with the guidance panel shown if a
    /// terminal of `size` has room for it beside or under the zones.
    pub fn new(open: OpenSession, method: Method, prefs: &Prefs, size: (u16, u16)) -> BoardState {
        let timer = Timer::for_session(&open.session, &method, |p| {
            own_plan_minutes(&open.session, p)
        });
        let zones = method.zones.len();
        let mut state = BoardState {
            open: LiveSession::start(open),
            method,
            board: 0,
            focus: Focus::default(),
            marked: Vec::new(),
            scroll: vec![0; zones],
            zone_scroll: 0,
            index: ZoneIndex::default(),
            side: Vec::new(),
            undo: Vec::new(),
            redo: Vec::new(),
            timer,
            guidance: false,
            save: SaveStatus::default(),
            conflict: None,
            exit_on_close: false,
            room: RoomState::default(),
            day: None,
        };
        state.guidance = size.0 >= 140 || size.1 >= 32;
        state.reindex(prefs);
        state.focus_phase_zone();
        state
    }

    /// What drawing the board at position `board` needs; the shown board
    /// carries the focus.
    pub fn view_of(&self, board: usize) -> Option<ZoneView<'_>> {
        let (index, focus) = if board == self.board {
            (&self.index, Some(self.focus))
        } else {
            (&self.side.iter().find(|(i, _)| *i == board)?.1, None)
        };
        Some(ZoneView {
            session: &self.open.session,
            method: &self.method,
            index,
            focus,
        })
    }

    /// What drawing the shown board needs.
    pub fn view(&self) -> ZoneView<'_> {
        ZoneView {
            session: &self.open.session,
            method: &self.method,
            index: &self.index,
            focus: Some(self.focus),
        }
    }

    /// The session.
    pub fn session(&self) -> &Session {
        &self.open.session
    }

    /// The id of the shown board.
    pub fn board_id(&self) -> Uuid {
        let boards = &self.open.session.boards;
        boards[self.board.min(boards.len().saturating_sub(1))].id
    }

    /// Rebuilds the zone index and keeps focus inside it.
    pub fn reindex(&mut self, prefs: &Prefs) {
        self.board = self
            .board
            .min(self.open.session.boards.len().saturating_sub(1));
        self.index = ZoneIndex::build(
            &self.open.session,
            &self.method,
            self.board_id(),
            prefs.projector,
        );
        self.side.clear();
        if self.method.shape == crate::methods::Shape::Backpack {
            let boards: Vec<(usize, Uuid)> = self
                .open
                .session
                .boards
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != self.board)
                .map(|(i, b)| (i, b.id))
                .collect();
            for (i, id) in boards {
                let index = ZoneIndex::build(&self.open.session, &self.method, id, prefs.projector);
                self.side.push((i, index));
            }
        }
        self.clamp_focus();
    }

    /// Makes the zone indexes follow a change made to the session the
    /// `way` given, building them again where they cannot follow it.
    pub fn follow(&mut self, prefs: &Prefs, diff: &SessionDiff, way: Way) {
        let touched = diff.touched(way);
        let session = &self.open.session;
        let method = &self.method;
        let shown = self.board_id();
        let follow = |index: &mut ZoneIndex, board: Uuid| {
            index.hide_private == prefs.projector && index.follow(session, method, board, &touched)
        };
        let followed = follow(&mut self.index, shown)
            && self
                .side
                .iter_mut()
                .all(|(i, index)| session.boards.get(*i).is_some_and(|b| follow(index, b.id)));
        if followed {
            self.clamp_focus();
        } else {
            self.reindex(prefs);
        }
    }

    fn clamp_focus(&mut self) {
        self.focus.zone = self
            .focus
            .zone
            .min(self.method.zones.len().saturating_sub(1));
        let len = self.zone_len(self.focus.zone);
        self.focus.note = self.focus.note.min(len.saturating_sub(1));
    }

    /// How many notes a zone shows.
    pub fn zone_len(&self, zone: usize) -> usize {
        self.index.zones.get(zone).map_or(0, Vec::len)
    }

    /// The focused note's position in `session.notes`.
    pub fn focused_index(&self) -> Option<usize> {
        self.index
            .zones
            .get(self.focus.zone)
            .and_then(|z| z.get(self.focus.note))
            .copied()
    }

    /// The focused note's id.
    pub fn focused_note(&self) -> Option<Uuid> {
        self.focused_index().map(|i| self.open.session.notes[i].id)
    }

    /// Puts focus on the note with `id`, if it is shown.
    pub fn focus_note(&mut self, id: Uuid) {
        // From the end: a note just added or moved is the last.
        let Some(at) = self.open.session.notes.iter().rposition(|n| n.id == id) else {
            return;
        };
        for (z, notes) in self.index.zones.iter().enumerate() {
            if let Some(p) = notes.iter().position(|i| *i == at) {
                self.focus = Focus { zone: z, note: p };
                return;
            }
        }
    }

    /// The current phase's position in the method.
    pub fn phase_index(&self) -> Option<usize> {
        self.open
            .session
            .current_phase()
            .and_then(|p| self.method.phase_index(p))
    }

    /// Whether the current phase works in `zone`.
    pub fn zone_active(&self, zone: usize) -> bool {
        let Some(phase) = self.phase_index().map(|i| &self.method.phases[i]) else {
            return false;
        };
        phase.zones.contains(&self.method.zones[zone].id)
    }

    /// The zones a ranking covers: the current phase's, or else the
    /// focused one.
    pub fn ranking_zones(&self) -> Vec<usize> {
        let zones: Vec<usize> = (0..self.method.zones.len())
            .filter(|z| self.zone_active(*z))
            .collect();
        if zones.is_empty() {
            vec![self.focus.zone]
        } else {
            zones
        }
    }

    /// In a phase that asks to choose what goes on, the zone the chosen
    /// notes go into.
    pub fn onward_zone(&self) -> Option<String> {
        let phase = &self.method.phases[self.phase_index()?];
        if !phase.asks.contains(&crate::methods::Ask::Select) {
            return None;
        }
        phase.zones.first().cloned()
    }

    /// Moves focus to the first zone the current phase works in.
    pub fn focus_phase_zone(&mut self) {
        let first = self
            .phase_index()
            .and_then(|i| self.method.phases[i].zones.first())
            .and_then(|id| self.method.zones.iter().position(|z| &z.id == id));
        // With no phase running, start where the notes are.
        let first = first.or_else(|| (0..self.method.zones.len()).find(|z| self.zone_len(*z) > 0));
        if let Some(zone) = first {
            self.focus = Focus { zone, note: 0 };
        }
        self.clamp_focus();
    }

    /// Applies a change to the session through the model, records it for
    /// undo and asks for a save. Nothing changes if the model refuses or
    /// the session is read-only.
    pub fn change<R>(
        &mut self,
        prefs: &Prefs,
        apply: impl FnOnce(&mut Session, &Method) -> Result<R, ModelError>,
    ) -> Result<R, ChangeError> {
        if self.open.is_read_only() {
            return Err(ChangeError::ReadOnly);
        }
        let method = &self.method;
        let (result, diff) = self.open.change(|s| apply(s, method));
        if let Some(diff) = diff {
            self.save.dirty = true;
            self.follow(prefs, &diff, Way::Redo);
            if result.is_ok() {
                self.undo.push(Step {
                    diff,
                    focus: self.focus,
                });
                self.redo.clear();
            }
        } else {
            self.clamp_focus();
        }
        result.map_err(ChangeError::Model)
    }

    /// Makes sure the focused note and zone are on screen for a terminal
    /// of `size`.
    pub fn keep_focus_visible(&mut self, prefs: &Prefs, size: (u16, u16)) {
        let area = ratatui::layout::Rect::new(0, 0, size.0, size.1);
        let l = layout(self, prefs, area);
        self.zone_scroll = l.zone_scroll;
        for (zone, start) in l.scroll {
            self.scroll[zone] = start;
        }
    }
}

/// Why a change was not made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeError {
    /// The session is open read-only.
    ReadOnly,
    /// The model refused.
    Model(ModelError),
}

impl ChangeError {
    /// The reason in `lang`, as one sentence.
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        match self {
            ChangeError::ReadOnly => crate::strings::Ui::ReadOnlyNoChange.text(lang).to_string(),
            ChangeError::Model(e) => e.message(lang),
        }
    }
}
