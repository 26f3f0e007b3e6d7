//! Board actions that come from outside the board's own keys: opening and
//! closing it, and what the note editor and the zone picker hand back.

use uuid::Uuid;

use super::{BoardState, ChangeError};
use crate::model::NewNote;
use crate::store::OpenSession;
use crate::strings::Ui;
use crate::tui::app::{App, Effect, Screen};
use crate::tui::layers::EditTarget;

pub(super) fn board_mut(app: &mut App) -> Option<&mut BoardState> {
    match &mut app.screen {
        Screen::Board(b) => Some(b),
        _ => None,
    }
}

/// Reports a refused change in the status line.
pub(super) fn refuse(app: &mut App, error: ChangeError) {
    app.warn(error.message(app.prefs.lang));
}

/// Shows an opened session on the board.
pub fn open(app: &mut App, open: OpenSession) -> Vec<Effect> {
    let (method, gone) = match app.methods.require(&open.session.method.id) {
        Ok(m) => (m.clone(), false),
        // A method file that is gone: the session is still shown, with
        // the names it keeps of its zones and phases.
        Err(e) => match crate::methods::kept(&open.session.method) {
            Some(m) => (m, true),
            None => {
                app.warn(e.message(app.prefs.lang));
                return Vec::new();
            }
        },
    };
    let mut open = open;
    // The session keeps the method's names as they are now, for the day
    // its method file is gone or changed; saved with the board's next
    // change (opening alone writes nothing).
    let labels = Some(crate::model::MethodLabels::of(&method));
    let relabel = !gone && !open.is_read_only() && open.session.method.labels != labels;
    if relabel {
        open.session.method.labels = labels;
    }
    let unwritable = open.is_unwritable();
    // The board speaks the session's language, whatever the person's own
    // is; the home and follow-up screens get theirs back on closing.
    app.prefs.lang = open.session.context.language;
    let mut state = BoardState::new(open, method, &app.prefs, app.size);
    state.keep_focus_visible(&app.prefs, app.size);
    app.screen = Screen::Board(Box::new(state));
    app.layers.clear();
    // A read-only board says so in its status line for as long as it is
    // open; only the reason that line cannot give is said once here.
    if unwritable {
        app.warn(app.t(Ui::StoreUnwritable));
    }
    if gone {
        let id = app
            .board()
            .map(|b| b.session().method.id.clone())
            .unwrap_or_default();
        app.warn(app.t(Ui::MethodGone).replace("{id}", &id));
    }
    vec![Effect::ReadDay]
}

/// Closes the board (its lock goes with it) for the home screen, or ends
/// the program if the board was opened directly.
pub fn close(app: &mut App) -> Vec<Effect> {
    let exit = app.board().is_some_and(|b| b.exit_on_close);
    if exit {
        app.quit = true;
        return Vec::new();
    }
    app.go_home()
}

/// Saves what the note editor wrote: a new note or a changed one.
pub fn commit_edit(app: &mut App, target: EditTarget, text: &str) -> Vec<Effect> {
    let prefs = app.prefs.clone();
    let now = app.clock.now();
    let size = app.size;
    let Some(b) = board_mut(app) else {
        return Vec::new();
    };
    let result = match target {
        EditTarget::Queued(id) => return super::room::edited(app, id, text),
        EditTarget::New { board, zone } => {
            if crate::model::text::clean(text).is_empty() {
                return Vec::new();
            }
            let note = NewNote {
                board: Some(board),
                ..NewNote::new(&zone, text)
            };
            b.change(&prefs, |s, m| s.add_note(m, note, now))
        }
        EditTarget::Existing(id) => b.change(&prefs, |s, _| s.edit_note(id, text, now).map(|_| id)),
    };
    match result {
        Ok(id) => {
            b.focus_note(id);
            b.keep_focus_visible(&prefs, size);
            vec![Effect::Save]
        }
        Err(e) => {
            refuse(app, e);
            Vec::new()
        }
    }
}

/// Forgets the notes from phones still waiting: closing the board was
/// asked for after the facilitator was told they would be lost.
pub fn drop_queue(app: &mut App) {
    if let Some(b) = board_mut(app) {
        b.room.queue.clear();
    }
}

/// Moves a note to the zone at `zone` in the method, keeping focus on it.
pub fn move_to_zone(app: &mut App, note: Uuid, zone: usize) -> Vec<Effect> {
    let prefs = app.prefs.clone();
    let now = app.clock.now();
    let size = app.size;
    let Some(b) = board_mut(app) else {
        return Vec::new();
    };
    let Some(zone_id) = b.method.zones.get(zone).map(|z| z.id.clone()) else {
        return Vec::new();
    };
    match b.change(&prefs, |s, m| s.move_note(m, note, &zone_id, None, now)) {
        Ok(()) => {
            b.focus_note(note);
            b.keep_focus_visible(&prefs, size);
            vec![Effect::Save]
        }
        Err(e) => {
            refuse(app, e);
            Vec::new()
        }
    }
}
