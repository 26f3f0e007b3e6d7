//! The session's decisions and actions in one panel: who does what, by
//! when, and how far it has come.

use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;
use uuid::Uuid;

use super::Layer;
use crate::model::text::fit;
use crate::model::{ActionStatus, Session};
use crate::strings::{Msg, Ui, status_name};
use crate::tui::app::{App, Effect, Input, Screen};
use crate::tui::command::Command;
use crate::tui::keymap::Context;
use crate::tui::render::{Ctx, centred, dialog, first_row, hints};
use crate::tui::screens::board::{self, FormPurpose};

/// The panel's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutcomesState {
    /// The highlighted line: decisions first, then actions.
    pub selected: usize,
}

/// What a line of the panel is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Decision(Uuid),
    Action(Uuid),
}

impl Item {
    fn in_session(self) -> crate::model::Item {
        match self {
            Item::Decision(id) => crate::model::Item::Decision(id),
            Item::Action(id) => crate::model::Item::Action(id),
        }
    }
}

/// The lines of the panel; on the projector private ones are left out, so
/// that no key can act on a line the room does not see.
fn items(s: &Session, projector: bool) -> Vec<Item> {
    let shown = |private: bool| !(projector && private);
    s.decisions
        .iter()
        .filter(|d| shown(d.private))
        .map(|d| Item::Decision(d.id))
        .chain(
            s.actions
                .iter()
                .filter(|a| shown(a.private))
                .map(|a| Item::Action(a.id)),
        )
        .collect()
}

pub(super) fn update(app: &mut App, input: Input) -> Vec<Effect> {
    let Screen::Board(b) = &app.screen else {
        return Vec::new();
    };
    let list = items(b.session(), app.prefs.projector);
    let Some(Layer::Outcomes(o)) = app.layers.last_mut() else {
        return Vec::new();
    };
    o.selected = o.selected.min(list.len().saturating_sub(1));
    let current = list.get(o.selected).copied();
    match input {
        Input::Command(Command::Up) => o.selected = o.selected.saturating_sub(1),
        Input::Command(Command::Down) => {
            o.selected = (o.selected + 1).min(list.len().saturating_sub(1))
        }
        Input::Command(Command::Back) => {
            app.layers.pop();
        }
        Input::Command(Command::EditNote) => match current {
            Some(Item::Decision(id)) => board::open_form(app, FormPurpose::EditDecision(id)),
            Some(Item::Action(id)) => board::open_form(app, FormPurpose::EditAction(id)),
            None => {}
        },
        Input::Command(Command::NewAction) => {
            if let Some(Item::Decision(id)) = current {
                board::open_form(
                    app,
                    FormPurpose::NewAction {
                        note: None,
                        decision: Some(id),
                    },
                );
            }
        }
        Input::Command(Command::CycleStatus) => {
            if let Some(Item::Action(id)) = current {
                let now = app.clock.now();
                return board::apply(app, move |s, _| {
                    let a = s.action(id)?.clone();
                    s.update_action(id, a.owner.as_deref(), a.due, a.status.next(), now)
                });
            }
        }
        Input::Command(Command::TogglePrivate) => {
            let Some(item) = current.map(Item::in_session) else {
                return Vec::new();
            };
            let private = !b.session().is_private(item);
            let now = app.clock.now();
            let effects = board::apply(app, move |s, _| s.set_item_private(item, private, now));
            if !effects.is_empty() {
                app.say(app.t(if private {
                    Ui::NowPrivate
                } else {
                    Ui::ItemNowPublic
                }));
            }
            return effects;
        }
        Input::Command(Command::Remove) => {
            let now = app.clock.now();
            let effects = match current {
                Some(Item::Decision(id)) => {
                    board::apply(app, move |s, _| s.remove_decision(id, now))
                }
                Some(Item::Action(id)) => board::apply(app, move |s, _| s.remove_action(id, now)),
                None => Vec::new(),
            };
            if !effects.is_empty() {
                app.say(app.t(Ui::RemovedUndo));
            }
            return effects;
        }
        _ => {}
    }
    Vec::new()
}

fn due_span(due: Option<Date>, status: ActionStatus, today: Date, ctx: &Ctx) -> Span<'static> {
    let lang = ctx.lang();
    match due {
        Some(d) if d < today && status.is_open() => Span::styled(
            format!(" · ⚠ {} {d}", Ui::Overdue.text(lang)),
            ctx.theme.timer_urgent,
        ),
        Some(d) => Span::styled(format!(" · {} {d}", Msg::Due.text(lang)), ctx.theme.dialog),
        None => Span::raw(""),
    }
}

/// The line of the panel's list that item `selected` is on: decisions
/// under their heading, then a blank line, then actions under theirs.
fn line_of(decisions: usize, selected: usize) -> usize {
    if selected < decisions {
        1 + selected
    } else {
        1 + decisions.max(1) + 2 + (selected - decisions)
    }
}

fn width(area: Rect) -> u16 {
    (area.width * 4 / 5)
        .max(70)
        .min(area.width.saturating_sub(2))
}

/// The panel's box in `area` for a list of `lines`, and how many list
/// lines it shows (below them: a line for ▲ ▼ and the key hints).
fn geometry(area: Rect, lines: usize) -> (Rect, usize) {
    let wanted = u16::try_from(lines + 4).unwrap_or(u16::MAX);
    let height = wanted.min(area.height.saturating_sub(2));
    let popup = centred(area, width(area), height);
    (popup, usize::from(height.saturating_sub(4)).max(1))
}

pub(super) fn render(o: &OutcomesState, app: &App, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let Screen::Board(b) = &app.screen else {
        return;
    };
    let lang = ctx.lang();
    let t = &ctx.theme;
    let s = b.session();
    let today = app.today();
    let projector = ctx.prefs.projector;
    let decisions: Vec<_> = s
        .decisions
        .iter()
        .filter(|d| !(projector && d.private))
        .collect();
    let actions: Vec<_> = s
        .actions
        .iter()
        .filter(|a| !(projector && a.private))
        .collect();
    let hidden = s.decisions.len() + s.actions.len() - decisions.len() - actions.len();
    let count = decisions.len() + actions.len();
    let selected = o.selected.min(count.saturating_sub(1));
    let private_mark = |private: bool| {
        if private {
            format!("[{}] ", Ui::PrivateMark.text(lang))
        } else {
            String::new()
        }
    };
    let mut lines: Vec<Line> = vec![Line::styled(Msg::Decisions.text(lang).to_string(), t.title)];
    if decisions.is_empty() {
        lines.push(Line::styled(format!("  {}", Ui::NoneYet.text(lang)), t.dim));
    }
    let mark = |i: usize| {
        if i == selected { t.selected } else { t.dialog }
    };
    // One line per row, cut to the box, so the list scrolls by rows and
    // the selected row is always on screen; Enter shows it whole.
    let room = usize::from(width(area).saturating_sub(2));
    for (i, d) in decisions.iter().enumerate() {
        let text = format!(
            "  ◆ {}{}",
            private_mark(d.private),
            d.text.replace('\n', " ")
        );
        lines.push(Line::styled(fit(&text, room), mark(i)));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(Msg::Actions.text(lang).to_string(), t.title));
    if actions.is_empty() {
        lines.push(Line::styled(format!("  {}", Ui::NoneYet.text(lang)), t.dim));
    }
    for (k, a) in actions.iter().enumerate() {
        let i = decisions.len() + k;
        let owner = a
            .owner
            .as_deref()
            .map(|o| format!(" · {} {o}", Msg::Owner.text(lang)))
            .unwrap_or_default();
        let tail = due_span(a.due, a.status, today, ctx);
        let status = format!(" · {}", status_name(a.status, lang));
        let head = format!(
            "  {} {}{}{owner}",
            a.status.symbol(),
            private_mark(a.private),
            a.text.replace('\n', " ")
        );
        // The text keeps at least half the line; the date and status give way.
        let head_room = room.saturating_sub(tail.width() + status.width());
        lines.push(Line::from(vec![
            Span::styled(fit(&head, head_room.max(room / 2)), mark(i)),
            tail,
            Span::styled(status, t.dialog),
        ]));
    }
    let (popup, shown) = geometry(area, lines.len());
    let first = if count == 0 {
        0
    } else {
        first_row(line_of(decisions.len(), selected), shown)
    };
    let more_above = first > 0;
    let more_below = first + shown < lines.len();
    let mut visible: Vec<Line> = lines.into_iter().skip(first).take(shown).collect();
    let arrows = match (more_above, more_below) {
        (true, true) => "  ▲ ▼",
        (true, false) => "  ▲",
        (false, true) => "    ▼",
        (false, false) => "",
    };
    let private_hidden = if hidden > 0 {
        format!(
            "  {}",
            Ui::PrivateHiddenHere
                .text(lang)
                .replace("{n}", &hidden.to_string())
        )
    } else {
        String::new()
    };
    visible.push(Line::styled(format!("{arrows}{private_hidden}"), t.dim));
    visible.push(hints(
        ctx,
        Context::Outcomes,
        &[
            (Command::EditNote, Ui::HintEdit),
            (Command::CycleStatus, Ui::HintStatus),
            (Command::TogglePrivate, Ui::HintPrivate),
            (Command::NewAction, Ui::HintActionFromDecision),
            (Command::Remove, Ui::HintRemove),
            (Command::Back, Ui::HintClose),
        ],
    ));
    let title = match count {
        0 => Ui::OutcomesTitle.text(lang).to_string(),
        n => format!("{} · {}/{n}", Ui::OutcomesTitle.text(lang), selected + 1),
    };
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(visible).block(dialog(ctx, title)), popup);
}
