//! What the board's commands do.

use ratatui::crossterm::event::{MouseButton, MouseEventKind};
use ratatui::layout::Rect;

use super::dialogs::{FormPurpose, open_form};
use super::menus;
use super::navigate::{Direction, click, step, wheel};
use super::{Focus, board_mut, refuse, timing};
use crate::model::{Item, ModelError, Way};
use crate::strings::{Noun, Ui, count};
use crate::tui::app::{App, Effect, Input};
use crate::tui::command::Command;
use crate::tui::layers::{EditTarget, EditorState, Layer, OutcomesState, QueueState, RankingState};

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
        Command::FocusLeft => {
            step(b, &prefs, area, Direction::Left);
        }
        Command::FocusRight => {
            step(b, &prefs, area, Direction::Right);
        }
        Command::FocusUp => {
            step(b, &prefs, area, Direction::Up);
        }
        Command::FocusDown => {
            step(b, &prefs, area, Direction::Down);
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
                (Command::EditNote, Some(i)) if b.index.marks[i].rewrite => {
                    let note = &b.session().notes[i];
                    EditorState::rewrite(EditTarget::Existing(note.id), &note.text, zone_name)
                }
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
        Command::MoveNoteTo => menus::move_menu(app),
        Command::Mark => {
            if let Some(id) = b.focused_note() {
                match b.marked.iter().position(|m| *m == id) {
                    Some(i) => {
                        b.marked.remove(i);
                    }
                    None => b.marked.push(id),
                }
                let n = b.marked.len();
                app.say(Ui::Marked.text(lang).replace("{n}", &n.to_string()));
            }
        }
        Command::ClusterMenu => menus::cluster_menu(app),
        Command::SetDots => {
            if let Some(id) = b.focused_note() {
                open_form(app, FormPurpose::Dots(id));
            }
        }
        Command::VoteRound => open_form(app, FormPurpose::VoteRound),
        Command::Ranking => {
            let zones = b.ranking_zones();
            app.layers
                .push(Layer::Ranking(RankingState { zones, scroll: 0 }));
        }
        Command::TogglePrivate => {
            let Some(i) = b.focused_index() else {
                return Vec::new();
            };
            let (id, private) = (b.session().notes[i].id, !b.session().notes[i].private);
            let mut derived = 0;
            let effects = super::apply(app, |s, _| {
                derived = s.set_private(id, private, now)?;
                Ok(())
            });
            if !effects.is_empty() {
                let message = match (private, derived) {
                    (false, _) => app.t(Ui::NowPublic).to_string(),
                    (true, 0) => app.t(Ui::NowPrivate).to_string(),
                    (true, n) => app
                        .t(Ui::NowPrivateDerived)
                        .replace("{n}", &count(lang, n, Noun::Thing)),
                };
                app.say(message);
            }
            return effects;
        }
        Command::Decide => {
            let notes = menus::chosen(b);
            open_form(app, FormPurpose::Decision(notes));
        }
        Command::NewAction => {
            let note = b.focused_note();
            open_form(
                app,
                FormPurpose::NewAction {
                    note,
                    decision: None,
                },
            );
        }
        Command::Outcomes => app.layers.push(Layer::Outcomes(OutcomesState::default())),
        Command::Export => {
            let scope = crate::tui::layers::ExportScope::session(b.session());
            crate::tui::screens::followup::export_dialog(app, vec![scope]);
        }
        Command::CarryForward => menus::carry_menu(app),
        Command::Mirror => return mirror(app),
        Command::LinkNote => super::link::link_menu(app),
        Command::ChooseOnward => return choose_onward(app),
        Command::SetAside => menus::set_aside_menu(app),
        Command::Weight => match b.session().boards[b.board].participant {
            Some(p) => open_form(app, FormPurpose::Weight(p)),
            None => app.warn(app.t(Ui::WeightNeedsBackpack)),
        },
        Command::NewMeeting => open_form(app, FormPurpose::NewMeeting),
        Command::BoardsMenu => menus::boards_menu(app),
        Command::CycleColour => {
            let Some(i) = b.focused_index() else {
                return Vec::new();
            };
            let (id, colour) = (b.session().notes[i].id, b.session().notes[i].colour.next());
            let result = b.change(&prefs, |s, _| s.recolour_note(id, colour, now));
            return changed(result, app);
        }
        Command::Undo | Command::Redo => return history(app, cmd == Command::Undo),
        Command::Reload => return super::disk::reload(app),
        Command::EndPhase => return timing::end_phase(app),
        Command::NextPhase | Command::PrevPhase => {
            return phase(app, cmd == Command::NextPhase);
        }
        Command::TimerToggle | Command::TimerReset | Command::TimerPlus | Command::TimerMinus => {
            return timing::command(b, cmd, now);
        }
        Command::ToggleGuidance => b.guidance = !b.guidance,
        Command::ToggleProjector => {
            app.prefs.projector = !app.prefs.projector;
            // Boards open the way the last one was left.
            app.remembered.projector = Some(app.prefs.projector);
            let prefs = app.prefs.clone();
            if let Some(b) = board_mut(app) {
                b.reindex(&prefs);
            }
            return vec![Effect::SavePrefs];
        }
        Command::NextBoard => {
            let n = b.session().boards.len();
            b.board = (b.board + 1) % n;
            b.reindex(&prefs);
            b.focus.note = 0;
            if n > 1 {
                let name = b.session().boards[b.board].name.clone();
                app.say(name);
            }
        }
        Command::ToggleRoom => return super::room::toggle(app),
        Command::JoinPanel => {
            if b.room.is_open() {
                b.room.panel = !b.room.panel;
            } else {
                app.say(app.t(Ui::RoomNotOpen));
            }
        }
        Command::DayPlan => {
            let state = crate::tui::layers::plan_opening(app);
            app.layers.push(Layer::Plan(state));
        }
        Command::Queue => {
            if prefs.projector {
                app.warn(app.t(Ui::QueueNotOnProjector));
            } else {
                app.layers.push(Layer::Queue(QueueState::default()));
            }
        }
        Command::Quit | Command::Back => {
            if !b.room.queue.is_empty() {
                // The queue is in memory only: its words go with the board.
                let waiting = b.room.queue.len();
                app.layers.push(Layer::confirm_queued(waiting, false));
                return Vec::new();
            }
            if b.open.saving() {
                // Closing waits for the last save and hears how it went.
                return vec![Effect::Settle(cmd)];
            }
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
    let Some(step) = (if undo { b.undo.pop() } else { b.redo.pop() }) else {
        let text = app.t(if undo {
            Ui::NothingToUndo
        } else {
            Ui::NothingToRedo
        });
        app.say(text);
        return Vec::new();
    };
    let way = if undo {
        b.open.undo(&step.diff);
        Way::Undo
    } else {
        b.open.redo(&step.diff);
        Way::Redo
    };
    let focus = b.focus;
    b.focus = step.focus;
    b.save.dirty = true;
    b.follow(&prefs, &step.diff, way);
    let to = if undo { &mut b.redo } else { &mut b.undo };
    to.push(super::Step {
        diff: step.diff,
        focus,
    });
    let text = app.t(if undo { Ui::Undone } else { Ui::Redone });
    app.say(text);
    vec![Effect::Save]
}

fn phase(app: &mut App, forward: bool) -> Vec<Effect> {
    let prefs = app.prefs.clone();
    let now = app.clock.now();
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
            timing::follow_phase(b, target, now);
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

/// Gives every problem card on the shown board its positive counterpart to
/// rewrite.
fn mirror(app: &mut App) -> Vec<Effect> {
    let now = app.clock.now();
    let Some(b) = app.board() else {
        return Vec::new();
    };
    if b.method.trees().len() < 2 {
        app.warn(app.t(Ui::MirrorNotHere));
        return Vec::new();
    }
    let board = b.board_id();
    let prefs = app.prefs.clone();
    let lang = prefs.lang;
    let Some(b) = board_mut(app) else {
        return Vec::new();
    };
    match b.change(&prefs, |s, m| s.mirror_tree(m, board, now)) {
        Ok(made) if made.is_empty() => {
            app.say(Ui::MirrorNothing.text(lang));
            Vec::new()
        }
        Ok(made) => {
            if let Some(first) = made.first() {
                b.focus_note(*first);
            }
            let private = made
                .iter()
                .filter(|id| b.session().is_private(Item::Note(**id)))
                .count();
            let text = if private > 0 {
                Ui::MirroredPrivate.text(lang)
            } else {
                Ui::Mirrored.text(lang)
            };
            app.say(
                text.replace("{n}", &count(lang, made.len(), Noun::Card))
                    .replace("{k}", &private.to_string()),
            );
            vec![Effect::Save]
        }
        Err(e) => {
            refuse(app, e);
            Vec::new()
        }
    }
}

/// In a converging phase: the focused note (from an earlier zone) goes on
/// into the phase's zone, or comes back out of it.
fn choose_onward(app: &mut App) -> Vec<Effect> {
    let now = app.clock.now();
    let Some(b) = app.board() else {
        return Vec::new();
    };
    let Some(target) = b.onward_zone() else {
        app.warn(app.t(Ui::ChooseNotHere));
        return Vec::new();
    };
    let Some(note) = b.focused_note() else {
        return Vec::new();
    };
    let mut copy = None;
    let effects = super::apply(app, |s, m| {
        copy = s.choose_onward(m, note, &target, now)?;
        Ok(())
    });
    if let Some(copy) = copy
        && app
            .board()
            .is_some_and(|b| b.session().is_private(Item::Note(copy)))
    {
        app.say(app.t(Ui::DerivedPrivateCopy));
    }
    effects
}
