//! The notes from phones waiting for the facilitator: put one on the
//! wall, edit it first, merge duplicates, reject, or put them all up.
//! Facilitator only: never drawn in the projector view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};
use uuid::Uuid;

use super::{EditTarget, EditorState, Layer};
use crate::model::text::fit;
use crate::room::PhoneNote;
use crate::strings::Ui;
use crate::tui::app::{App, Effect, Input, Screen};
use crate::tui::command::Command;
use crate::tui::keymap::Context;
use crate::tui::render::{Ctx, centred, dialog, first_row, hints};
use crate::tui::screens::board;

/// The panel's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueState {
    /// The highlighted note.
    pub selected: usize,
    /// Notes marked as duplicates, to merge into the highlighted one.
    pub marked: Vec<Uuid>,
}

fn queue(app: &App) -> &[PhoneNote] {
    app.board().map_or(&[], |b| b.room.queue.as_slice())
}

pub(super) fn update(app: &mut App, input: Input) -> Vec<Effect> {
    let Some(Layer::Queue(q)) = app.layers.last() else {
        return Vec::new();
    };
    let mut q = q.clone();
    let notes = queue(app);
    let len = notes.len();
    let current = notes.get(q.selected.min(len.saturating_sub(1))).cloned();
    let mut effects = Vec::new();
    match input {
        Input::Command(Command::Up) => q.selected = q.selected.saturating_sub(1),
        Input::Command(Command::Down) => q.selected = (q.selected + 1).min(len.saturating_sub(1)),
        Input::Command(Command::Back) => {
            app.layers.pop();
            return Vec::new();
        }
        Input::Command(Command::Approve) => {
            if let Some(n) = current {
                effects = board::approve(app, &[n.id]);
                q.marked.retain(|m| *m != n.id);
            }
        }
        Input::Command(Command::ApproveAll) => {
            let ids: Vec<Uuid> = queue(app).iter().map(|n| n.id).collect();
            effects = board::approve(app, &ids);
            q.marked.clear();
        }
        Input::Command(Command::Remove) => {
            if let Some(n) = current {
                board::reject(app, n.id);
                q.marked.retain(|m| *m != n.id);
            }
        }
        Input::Command(Command::Mark) => {
            if let Some(n) = current {
                match q.marked.iter().position(|m| *m == n.id) {
                    Some(i) => {
                        q.marked.remove(i);
                    }
                    None => q.marked.push(n.id),
                }
            }
        }
        Input::Command(Command::MergeQueued) => {
            if let Some(n) = current {
                let from = std::mem::take(&mut q.marked);
                board::merge(app, n.id, &from);
            }
        }
        Input::Command(Command::EditNote) => {
            if let Some(n) = current {
                let zone = app
                    .board()
                    .and_then(|b| b.method.zone(&n.zone))
                    .map(|z| z.name.get(app.prefs.lang).to_string())
                    .unwrap_or_else(|| n.zone.clone());
                let editor = EditorState::new(EditTarget::Queued(n.id), &n.text, zone);
                put_back(app, q);
                app.layers.push(Layer::Editor(Box::new(editor)));
                return Vec::new();
            }
        }
        _ => {}
    }
    let len = queue(app).len();
    q.selected = q.selected.min(len.saturating_sub(1));
    put_back(app, q);
    effects
}

fn put_back(app: &mut App, q: QueueState) {
    if let Some(Layer::Queue(top)) = app.layers.last_mut() {
        *top = q;
    }
}

pub(super) fn render(q: &QueueState, app: &App, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    // The words wait for the facilitator: never on the wall.
    if ctx.prefs.projector {
        return;
    }
    let Screen::Board(b) = &app.screen else {
        return;
    };
    let lang = ctx.lang();
    let t = &ctx.theme;
    let notes = &b.room.queue;
    let width = (area.width * 3 / 4)
        .max(76)
        .min(area.width.saturating_sub(2));
    let height = area.height.saturating_sub(4).max(8);
    let popup = centred(area, width, height);
    frame.render_widget(Clear, popup);
    let title = format!("{} ({})", Ui::QueueTitle.text(lang), notes.len());
    let block = dialog(ctx, title);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let room = usize::from(inner.width);
    let rows = usize::from(inner.height.saturating_sub(2));
    let mut lines: Vec<Line> = Vec::new();
    if notes.is_empty() {
        lines.push(Line::styled(Ui::QueueEmpty.text(lang).to_string(), t.dim));
    }
    let selected = q.selected.min(notes.len().saturating_sub(1));
    let start = first_row(selected, rows);
    for (i, n) in notes.iter().enumerate().skip(start).take(rows) {
        let zone = b
            .method
            .zone(&n.zone)
            .map_or(n.zone.as_str(), |z| z.name.get(lang));
        let who = n
            .pseudonym
            .clone()
            .unwrap_or_else(|| Ui::QueueAnonymous.text(lang).to_string());
        let mark = if q.marked.contains(&n.id) { "✓" } else { " " };
        let private = if n.private {
            format!("[{}] ", Ui::PrivateMark.text(lang))
        } else {
            String::new()
        };
        let text = format!(
            "{mark} {private}{zone} · {} — {who}",
            n.text.replace('\n', " / ")
        );
        let style = if i == selected { t.selected } else { t.dialog };
        lines.push(Line::styled(fit(&text, room), style));
    }
    let list = Rect::new(
        inner.x,
        inner.y,
        inner.width,
        inner.height.saturating_sub(1),
    );
    frame.render_widget(Paragraph::new(lines), list);
    let hint = hints(
        ctx,
        Context::Queue,
        &[
            (Command::Approve, Ui::HintApprove),
            (Command::EditNote, Ui::HintEdit),
            (Command::Remove, Ui::HintReject),
            (Command::Mark, Ui::HintMark),
            (Command::MergeQueued, Ui::HintMerge),
            (Command::ApproveAll, Ui::HintApproveAll),
        ],
    );
    let bottom = Rect::new(
        inner.x,
        inner.y + inner.height.saturating_sub(1),
        inner.width,
        1,
    );
    frame.render_widget(Paragraph::new(hint), bottom);
}
