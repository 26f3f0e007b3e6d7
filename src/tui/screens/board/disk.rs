//! The board and its file: what a save brought back, the banner when the
//! file changed elsewhere, and reading the file again.
//!
//! A change found on disk is kept as a [`DiskChange`] (the common start
//! and the other side), so that reloading can later give way to merging
//! without changing what the board remembers.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Wrap};

use super::board_mut;
use crate::model::MergeReport;
use crate::store::{Merging, SaveOutcome, SaveReport, StoreError};
use crate::strings::Ui;
use crate::tui::app::{App, Effect};
use crate::tui::command::Command;
use crate::tui::keymap::{Context, first_key};
use crate::tui::layers::{ConfirmAction, ConfirmState, Layer};
use crate::tui::render::Ctx;

/// Takes in what became of a save. The board counts as saved only when
/// the save holds its newest change. A file changed elsewhere that holds
/// this session is merged in (the effect this gives back).
pub fn saved(app: &mut App, report: SaveReport) -> Vec<Effect> {
    let now = app.clock.now();
    let lang = app.prefs.lang;
    let Some(b) = board_mut(app) else {
        return Vec::new();
    };
    let newest = report.version >= b.open.version();
    let written = |b: &mut super::BoardState| {
        b.conflict = None;
        if newest {
            b.save.record(Ok(()), now);
        } else {
            // Later changes are still on their way.
            b.save.last = Some(now);
            b.save.error = None;
        }
    };
    let warning = match report.result {
        Ok(SaveOutcome::Saved) => {
            written(b);
            None
        }
        Ok(SaveOutcome::SavedUnflushed(e)) => {
            written(b);
            Some(e.message(lang))
        }
        Ok(SaveOutcome::ChangedOnDisk(change)) if change.theirs.is_some() => {
            // Another laptop or command changed the session: merge it in.
            b.save.error = None;
            return vec![Effect::Merge];
        }
        Ok(SaveOutcome::ChangedOnDisk(change)) => {
            // The file on disk is no longer this session (damaged): not an
            // error to retry, as every later save finds the same, until
            // the facilitator reloads.
            b.conflict = Some(change);
            b.save.error = None;
            None
        }
        Ok(SaveOutcome::Merged(report, unflushed)) => {
            written(b);
            let text = arrived(&report, lang);
            if let Some(e) = unflushed {
                app.warn(e.message(lang));
            }
            app.say(text);
            return Vec::new();
        }
        Err(e) => {
            b.save.record(Err(e.message(lang)), now);
            None
        }
    };
    if let Some(text) = warning {
        app.warn(text);
    }
    Vec::new()
}

/// What a merge brought, in words for the status line: "2 notes from
/// another device".
fn arrived(report: &MergeReport, lang: crate::i18n::Lang) -> String {
    let what = report.summary(lang);
    if what.is_empty() {
        Ui::MergedNothing.text(lang).to_string()
    } else {
        Ui::MergedFromElsewhere.text(lang).replace("{what}", &what)
    }
}

/// Takes in the file on disk merged into the board's session: the board
/// shows the merge and says what arrived. The undo history is dropped, as
/// it describes the session before the merge.
pub fn merged(app: &mut App, result: Result<Merging, StoreError>) {
    let now = app.clock.now();
    let prefs = app.prefs.clone();
    let size = app.size;
    let Some(b) = board_mut(app) else {
        return;
    };
    match result {
        Ok(Merging::Merged(_, report)) => {
            b.conflict = None;
            b.save.record(Ok(()), now);
            if !report.is_empty() {
                b.undo.clear();
                b.redo.clear();
                b.marked
                    .retain(|id| b.open.session.notes.iter().any(|n| n.id == *id));
                b.timer = crate::tui::timer::Timer::for_session(&b.open.session, &b.method, |p| {
                    super::plan_minutes(b, p)
                });
            }
            b.reindex(&prefs);
            b.keep_focus_visible(&prefs, size);
            let text = arrived(&report, prefs.lang);
            app.say(text);
        }
        Ok(Merging::Nothing) => {
            b.conflict = None;
            b.save.record(Ok(()), now);
        }
        Ok(Merging::Refused(change)) => {
            b.conflict = Some(change);
            b.save.error = None;
        }
        Err(e) => {
            b.save.record(Err(e.message(prefs.lang)), now);
        }
    }
}

/// `R` on the board: read the file again, asking first if that would
/// drop changes not on disk.
pub fn reload(app: &mut App) -> Vec<Effect> {
    let Some(b) = app.board() else {
        return Vec::new();
    };
    if b.open.saving() {
        // Changes on their way to the file are not lost by reading it.
        return vec![Effect::Settle(Command::Reload)];
    }
    if b.save.dirty || b.conflict.is_some() {
        app.layers.push(Layer::Confirm(ConfirmState {
            question: Ui::ConfirmReload,
            action: ConfirmAction::Reload,
        }));
        return Vec::new();
    }
    vec![Effect::Reload]
}

/// Takes in the file read again.
pub fn reloaded(app: &mut App, result: Result<(), StoreError>) {
    let prefs = app.prefs.clone();
    let size = app.size;
    let Some(b) = board_mut(app) else {
        return;
    };
    match result {
        Ok(()) => {
            // The undo history describes the session that was dropped.
            b.undo.clear();
            b.redo.clear();
            b.marked.clear();
            b.conflict = None;
            b.save = super::SaveStatus::default();
            b.timer = crate::tui::timer::Timer::for_session(&b.open.session, &b.method, |p| {
                super::plan_minutes(b, p)
            });
            b.reindex(&prefs);
            b.keep_focus_visible(&prefs, size);
            let text = app.t(Ui::Reloaded);
            app.say(text);
        }
        Err(e) => {
            let text = e.message(prefs.lang);
            app.warn(text);
        }
    }
}

/// The store's session files `paths` changed on disk (heard by the
/// store's watch). A read-only board whose file is among them reads it
/// again, so a session run on another laptop can be followed here; a
/// board open for editing is handed the change
/// ([`changed_while_editing`]).
pub fn store_changed(app: &mut App, paths: &[PathBuf]) -> Vec<Effect> {
    let Some(b) = app.board() else {
        return Vec::new();
    };
    // Sessions are named by their id, one folder each: the name is
    // enough, and a board opened by another spelling of the path is met.
    let name = b.open.path().file_name();
    // The day's other sessions: their phases count in the day's plan.
    let day = super::day_sessions(b);
    let day_changed = paths.iter().any(|p| {
        p.file_stem()
            .and_then(|s| s.to_str())
            .and_then(|s| uuid::Uuid::try_parse(s).ok())
            .is_some_and(|id| day.contains(&id))
    });
    if day_changed {
        let mut effects = vec![Effect::ReadDay];
        if paths.iter().any(|p| p.file_name() == name) {
            effects.extend(own_change(app, paths));
        }
        return effects;
    }
    own_change(app, paths)
}

fn own_change(app: &mut App, paths: &[PathBuf]) -> Vec<Effect> {
    let Some(b) = app.board() else {
        return Vec::new();
    };
    let name = b.open.path().file_name();
    if b.open.has_copy_among(paths) {
        // A sync engine's conflict copy of this session: merged in now, as
        // no listing may write the file while the board has it.
        return vec![Effect::Merge];
    }
    if !paths.iter().any(|p| p.file_name() == name) {
        return Vec::new();
    }
    if b.open.is_read_only() {
        vec![Effect::Refresh]
    } else {
        changed_while_editing(app)
    }
}

/// A board open for editing whose file changed on disk merges the change
/// in at once, through its saver (which also tells this board's own saves,
/// heard here too, from a change made elsewhere by the file's stamp, and
/// then does nothing).
pub fn changed_while_editing(app: &mut App) -> Vec<Effect> {
    match app.board() {
        Some(b) if b.open.changed_elsewhere() => vec![Effect::Merge],
        _ => Vec::new(),
    }
}

/// Takes in a read-only board's file read again after it changed on
/// disk: the board shows the new session where it was, without a word.
pub fn refreshed(app: &mut App, result: Result<(), StoreError>) {
    let prefs = app.prefs.clone();
    let size = app.size;
    let Some(b) = board_mut(app) else {
        return;
    };
    match result {
        Ok(()) => {
            b.marked
                .retain(|id| b.open.session.notes.iter().any(|n| n.id == *id));
            b.timer = crate::tui::timer::Timer::for_session(&b.open.session, &b.method, |p| {
                super::plan_minutes(b, p)
            });
            b.reindex(&prefs);
            b.keep_focus_visible(&prefs, size);
        }
        Err(e) => {
            let text = e.message(prefs.lang);
            app.warn(text);
        }
    }
}

/// The banner over the board while the file on disk holds a change this
/// board has not seen.
pub fn banner(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let lang = ctx.lang();
    let key = |cmd| first_key(Context::Board, cmd).unwrap_or_default();
    let text = Ui::ChangedElsewhere
        .text(lang)
        .replace("{key}", &key(Command::Reload))
        .replace("{export}", &key(Command::Export));
    frame.render_widget(
        Paragraph::new(format!("⚠ {text}"))
            .style(ctx.theme.error)
            .wrap(Wrap { trim: true }),
        area,
    );
}
