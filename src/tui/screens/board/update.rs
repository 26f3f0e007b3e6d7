//! What the board's commands do.

use ratatui::crossterm::event::{MouseButton, MouseEventKind};
use ratatui::layout::Rect;

use super::navigate::{Direction, click, step_zone, wheel};
use super::{BoardState, Focus, board_mut, refuse};
use crate::model::ModelError;
use crate::strings::Ui;
use crate::tui::app::{App, Effect, Input};
use crate::tui::command::Command;
use crate::tui::layers::{EditTarget, EditorState, Layer, PickerState};
use crate::tui::timer::Timer;

/// Applies an input to the board.
pub fn update(app: &mut App, input: Input) -> Vec<Effect> {
    let effects = match input {
        Input::Command(cmd) => command(app, cmd),
        Input::Mouse(mouse) => {
            match mouse.kind {
                MouseEventKind::Down(MouseButton::Left) => click(app, mouse.column, mouse.row),
                MouseEventKind::ScrollDown => wheel(app, mouse.column, mouse.row, 1),
                MouseEventKind::ScrollUp => wheel(app, mouse.column, mouse.row, -1),
                _ => {}
            }
            Vec::new()
        }
        _ => Vec::new(),
    };
    let (prefs, size) = (app.prefs.clone(), app.size);
    if let Some(b) = board_mut(app) {
        b.keep_focus_visible(&prefs, size);
    }
    effects
}

fn command(app: &mut App, cmd: Command) -> Vec<Effect> {
    let prefs = app.prefs.clone();
    let now = app.clock.now();
    let instant = app.clock.instant();
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let lang = prefs.lang;
    let Some(b) = board_mut(app) else {
        return Vec::new();
    };
    let changed = |r: Result<(), super::ChangeError>, app: &mut App| match r {
        Ok(()) => vec![Effect::Save],
        Err(e) => {
            refuse(app, e);
            Vec::new()
        }
    };
    match cmd {
        Command::FocusLeft => step_zone(b, &prefs, area, Direction::Left),
        Command::FocusRight => step_zone(b, &prefs, area, Direction::Right),
        Command::FocusUp => {
            if b.focus.note > 0 && b.zone_len(b.focus.zone) > 0 {
                b.focus.note -= 1;
            } else {
                step_zone(b, &prefs, area, Direction::Up);
            }
        }
        Command::FocusDown => {
            if b.focus.note + 1 < b.zone_len(b.focus.zone) {
                b.focus.note += 1;
            } else {
                step_zone(b, &prefs, area, Direction::Down);
            }
        }
        Command::NextZone | Command::PrevZone => {
            let n = b.method.zones.len();
            let zone = if cmd == Command::NextZone {
                (b.focus.zone + 1) % n
            } else {
                (b.focus.zone + n - 1) % n
            };
            b.focus = Focus { zone, note: 0 };
        }
        Command::AddNote | Command::EditNote => {
            if b.open.is_read_only() {
                let text = app.t(Ui::ReadOnlyNoChange);
                app.warn(text);
                return Vec::new();
            }
            let zone = &b.method.zones[b.focus.zone];
            let zone_name = zone.name.get(lang).to_string();
            let editor = match (cmd, b.focused_index()) {
                (Command::EditNote, Some(i)) => {
                    let note = &b.session().notes[i];
                    EditorState::new(EditTarget::Existing(note.id), &note.text, zone_name)
                }
                _ => EditorState::new(
                    EditTarget::New {
                        board: b.board_id(),
                        zone: zone.id.clone(),
                    },
                    "",
                    zone_name,
                ),
            };
            app.layers.push(Layer::Editor(Box::new(editor)));
        }
        Command::DeleteNote => {
            let Some(id) = b.focused_note() else {
                return Vec::new();
            };
            let result = b.change(&prefs, |s, _| s.delete_note(id, now).map(|_| ()));
            let ok = result.is_ok();
            let effects = changed(result, app);
            if ok {
                app.say(app.t(Ui::NoteDeleted));
            }
            return effects;
        }
        Command::MoveNoteLeft | Command::MoveNoteRight => {
            let Some(id) = b.focused_note() else {
                return Vec::new();
            };
            let n = b.method.zones.len();
            let target = match cmd {
                Command::MoveNoteLeft if b.focus.zone > 0 => b.focus.zone - 1,
                Command::MoveNoteRight if b.focus.zone + 1 < n => b.focus.zone + 1,
                _ => return Vec::new(),
            };
            return super::move_to_zone(app, id, target);
        }
        Command::MoveNoteUp | Command::MoveNoteDown => {
            let Some(id) = b.focused_note() else {
                return Vec::new();
            };
            let step = if cmd == Command::MoveNoteUp { -1 } else { 1 };
            let result = b.change(&prefs, |s, _| s.shift_note(id, step, now).map(|_| ()));
            b.focus_note(id);
            return changed(result, app);
        }
        Command::MoveNoteTo => {
            if let Some(note) = b.focused_note() {
                let selected = b.focus.zone;
                app.layers
                    .push(Layer::Picker(PickerState { note, selected }));
            }
        }
        Command::CycleColour => {
            let Some(i) = b.focused_index() else {
                return Vec::new();
            };
            let (id, colour) = (b.session().notes[i].id, b.session().notes[i].colour.next());
            let result = b.change(&prefs, |s, _| s.recolour_note(id, colour, now));
            return changed(result, app);
        }
        Command::Undo | Command::Redo => return history(app, cmd == Command::Undo),
        Command::NextPhase | Command::PrevPhase => {
            return phase(app, cmd == Command::NextPhase);
        }
        Command::TimerToggle => b.timer.toggle(instant),
        Command::TimerReset => {
            let minutes = current_minutes(b);
            b.timer.reset(minutes);
        }
        Command::TimerPlus => b.timer.adjust(1),
        Command::TimerMinus => b.timer.adjust(-1),
        Command::ToggleGuidance => b.guidance = !b.guidance,
        Command::ToggleProjector => {
            app.prefs.projector = !app.prefs.projector;
            let prefs = app.prefs.clone();
            if let Some(b) = board_mut(app) {
                b.reindex(&prefs);
            }
        }
        Command::NextBoard | Command::PrevBoard => {
            let n = b.session().boards.len();
            b.board = if cmd == Command::NextBoard {
                (b.board + 1) % n
            } else {
                (b.board + n - 1) % n
            };
            b.reindex(&prefs);
            b.focus.note = 0;
            if n > 1 {
                let name = b.session().boards[b.board].name.clone();
                app.say(name);
            }
        }
        Command::Quit | Command::Back => {
            if b.save.dirty {
                app.layers.push(Layer::confirm_unsaved_quit(false));
            } else {
                return super::close(app);
            }
        }
        _ => {}
    }
    Vec::new()
}

fn current_minutes(b: &BoardState) -> u32 {
    b.phase_index()
        .or(if b.session().phase_log.is_empty() {
            Some(0)
        } else {
            None
        })
        .and_then(|i| b.method.phases.get(i))
        .map_or(0, |p| p.minutes)
}

fn history(app: &mut App, undo: bool) -> Vec<Effect> {
    let prefs = app.prefs.clone();
    let Some(b) = board_mut(app) else {
        return Vec::new();
    };
    if b.open.is_read_only() {
        let text = app.t(Ui::ReadOnlyNoChange);
        app.warn(text);
        return Vec::new();
    }
    let (from, to) = if undo {
        (&mut b.undo, &mut b.redo)
    } else {
        (&mut b.redo, &mut b.undo)
    };
    let Some(step) = from.pop() else {
        let text = app.t(if undo {
            Ui::NothingToUndo
        } else {
            Ui::NothingToRedo
        });
        app.say(text);
        return Vec::new();
    };
    if undo {
        step.diff.undo(&mut b.open.session);
    } else {
        step.diff.redo(&mut b.open.session);
    }
    to.push(super::Step {
        diff: step.diff,
        focus: b.focus,
    });
    b.focus = step.focus;
    b.save.dirty = true;
    b.reindex(&prefs);
    let text = app.t(if undo { Ui::Undone } else { Ui::Redone });
    app.say(text);
    vec![Effect::Save]
}

fn phase(app: &mut App, forward: bool) -> Vec<Effect> {
    let prefs = app.prefs.clone();
    let now = app.clock.now();
    let instant = app.clock.instant();
    let Some(b) = board_mut(app) else {
        return Vec::new();
    };
    let n = b.method.phases.len();
    let last_logged = b
        .session()
        .phase_log
        .last()
        .and_then(|e| b.method.phase_index(&e.phase));
    let target = match (b.phase_index(), forward) {
        (Some(i), true) if i + 1 < n => Some(i + 1),
        (Some(_), true) => None,
        (None, true) => match last_logged {
            None => Some(0),
            Some(i) if i + 1 < n => Some(i + 1),
            Some(_) => {
                let text = app.t(Ui::AllPhasesDone);
                app.say(text);
                return Vec::new();
            }
        },
        (Some(i), false) if i > 0 => Some(i - 1),
        (Some(_), false) => return Vec::new(),
        (None, false) => match last_logged {
            Some(i) => Some(i),
            None => return Vec::new(),
        },
    };
    let result = match target {
        Some(i) => {
            let id = b.method.phases[i].id.clone();
            b.change(&prefs, |s, m| s.start_phase(m, &id, now))
        }
        None => b.change(&prefs, |s, _| {
            s.end_phase(now);
            Ok::<(), ModelError>(())
        }),
    };
    match result {
        Ok(()) => {
            // A running time box carries on into the next phase, so the
            // room keeps its rhythm; a paused one stays paused.
            let running = b.timer.is_running();
            b.timer = Timer::new(target.map_or(0, |i| b.method.phases[i].minutes));
            if running && target.is_some() {
                b.timer.toggle(instant);
            }
            b.focus_phase_zone();
            if target.is_none() {
                let text = app.t(Ui::WorkshopFinished);
                app.say(text);
            }
            vec![Effect::Save]
        }
        Err(e) => {
            refuse(app, e);
            Vec::new()
        }
    }
}
