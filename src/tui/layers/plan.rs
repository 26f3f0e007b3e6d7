//! The day's plan over the board: every step with its planned time,
//! planned and actual minutes and the difference, the running step
//! marked, and how far ahead or behind the day is. The plan kept in this
//! session can be changed here; every change is saved and can be undone.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::day::{Day, duration, view};
use crate::model::{ModelError, PlanItem, Progress, Session};
use crate::strings::{PlanText, Ui, day_status, signed_minutes};
use crate::tui::app::{App, Effect, Input, Screen};
use crate::tui::command::Command;
use crate::tui::keymap::{Context, first_key};
use crate::tui::render::{Ctx, centred, dialog, hints, hints_within};
use crate::tui::screens::board::{BoardState, apply};

/// The plan view's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanState {
    /// The chosen step, from 0.
    pub selected: usize,
}

/// How many steps the plan has, and the title of the session holding it
/// when that is another session (the plan is changed there).
fn facts(b: &BoardState) -> (usize, Option<String>) {
    let own = b.session();
    if own.plan.is_some() || b.day.as_ref().is_none_or(|d| d.host.is_none()) {
        return (own.plan.as_ref().map_or(0, |p| p.items.len()), None);
    }
    let host = b.day.as_ref().and_then(|d| d.host.as_ref());
    (
        host.and_then(|h| h.plan.as_ref())
            .map_or(0, |p| p.items.len()),
        host.map(|h| h.context.title.clone()),
    )
}

/// The step the view opens on: the running one, else the first.
pub fn opening(app: &App) -> PlanState {
    let Screen::Board(b) = &app.screen else {
        return PlanState::default();
    };
    let empty = Day::default();
    let selected = view(
        b.day.as_ref().unwrap_or(&empty),
        b.session(),
        &app.methods,
        app.prefs.lang,
        &app.tz,
        app.clock.now(),
    )
    .and_then(|v| v.schedule.current)
    .unwrap_or(0);
    PlanState { selected }
}

pub(super) fn update(app: &mut App, input: Input) -> Vec<Effect> {
    let (steps, elsewhere) = match &app.screen {
        Screen::Board(b) => facts(b),
        _ => (0, None),
    };
    let Some(super::Layer::Plan(p)) = app.layers.last_mut() else {
        return Vec::new();
    };
    let at = p.selected.min(steps.saturating_sub(1));
    let Input::Command(cmd) = input else {
        return Vec::new();
    };
    match cmd {
        Command::Up => {
            p.selected = at.saturating_sub(1);
            return Vec::new();
        }
        Command::Down => {
            p.selected = (at + 1).min(steps.saturating_sub(1));
            return Vec::new();
        }
        Command::Back => {
            app.layers.pop();
            return Vec::new();
        }
        Command::Export => {
            return match &app.screen {
                Screen::Board(b) if steps > 0 => {
                    vec![Effect::WriteScript(
                        crate::tui::screens::board::script_path(b, app),
                    )]
                }
                _ => Vec::new(),
            };
        }
        _ => {}
    }
    let edits = matches!(
        cmd,
        Command::StepLonger
            | Command::StepShorter
            | Command::MoveNoteUp
            | Command::MoveNoteDown
            | Command::AddBreak
            | Command::Remove
            | Command::FillPlan
            | Command::PlanStart
            | Command::PlanAddStep
    );
    if !edits {
        return Vec::new();
    }
    if let Some(title) = elsewhere {
        app.warn(app.t(Ui::PlanReadOnly).replace("{title}", &title));
        return Vec::new();
    }
    if cmd == Command::PlanAddStep {
        let at = match &app.screen {
            Screen::Board(b) if b.open.is_read_only() => {
                let lang = app.prefs.lang;
                app.warn(crate::tui::screens::board::ChangeError::ReadOnly.message(lang));
                return Vec::new();
            }
            Screen::Board(b) => crate::tui::screens::board::plan_steps::insert_at(b, at),
            _ => 0,
        };
        crate::tui::screens::board::plan_steps::methods_menu(app, at);
        return Vec::new();
    }
    if cmd == Command::PlanStart {
        crate::tui::screens::board::open_form(
            app,
            crate::tui::screens::board::FormPurpose::PlanStart,
        );
        return Vec::new();
    }
    if steps == 0 && cmd != Command::FillPlan {
        return Vec::new();
    }
    let select = |app: &mut App, to: usize| {
        if let Some(super::Layer::Plan(p)) = app.layers.last_mut() {
            p.selected = to;
        }
    };
    let now = app.clock.now();
    match cmd {
        Command::StepLonger | Command::StepShorter => apply(app, move |s, _| {
            let minutes = minutes_of(s, at)?;
            let minutes = if cmd == Command::StepLonger {
                minutes.saturating_add(5).min(crate::model::MOST_MINUTES)
            } else {
                minutes.saturating_sub(5).max(1)
            };
            s.plan_set_minutes(at, minutes, now)
        }),
        Command::MoveNoteUp | Command::MoveNoteDown => {
            let to = if cmd == Command::MoveNoteUp {
                at.saturating_sub(1)
            } else {
                (at + 1).min(steps - 1)
            };
            select(app, to);
            apply(app, move |s, _| s.plan_move(at, to, now))
        }
        Command::AddBreak => {
            select(app, at + 1);
            apply(app, move |s, _| {
                s.plan_insert(PlanItem::pause(15, None), Some(at + 1), now)
                    .map(|_| ())
            })
        }
        Command::Remove => {
            select(app, at.min(steps.saturating_sub(2)));
            apply(app, move |s, _| s.plan_remove(at, now).map(|_| ()))
        }
        Command::FillPlan => apply(app, move |s, m| match s.plan_fill(m, now)? {
            0 => Err(ModelError::NothingToFill),
            _ => Ok(()),
        }),
        _ => Vec::new(),
    }
}

fn minutes_of(s: &Session, at: usize) -> Result<u32, ModelError> {
    s.plan
        .as_ref()
        .ok_or(ModelError::NoPlan)?
        .items
        .get(at)
        .map(|i| i.minutes)
        .ok_or(ModelError::NoPlanStep(at + 1))
}

fn cell(text: &str, width: usize) -> String {
    let text = crate::model::text::fit(text, width);
    let pad = width.saturating_sub(text.width());
    format!("{text}{}", " ".repeat(pad))
}

fn right(text: &str, width: usize) -> String {
    let pad = width.saturating_sub(text.width());
    format!("{}{text}", " ".repeat(pad))
}

pub(super) fn render(p: &PlanState, app: &App, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let Screen::Board(b) = &app.screen else {
        return;
    };
    let lang = ctx.lang();
    let t = &ctx.theme;
    let width = area.width.saturating_sub(2).min(100);
    let inner = usize::from(width.saturating_sub(2));
    let empty = Day::default();
    let day = b.day.as_ref().unwrap_or(&empty);
    let shown = view(day, b.session(), &app.methods, lang, &ctx.tz, ctx.now);
    let mut lines: Vec<Line> = Vec::new();
    let (_, elsewhere) = facts(b);
    match &shown {
        None => {
            let key = first_key(Context::Plan, Command::FillPlan).unwrap_or_default();
            let add = first_key(Context::Plan, Command::PlanAddStep).unwrap_or_default();
            let text = Ui::PlanEmpty
                .text(lang)
                .replace("{key}", &key)
                .replace("{add}", &add);
            // A long sentence wraps inside the box rather than running off.
            for row in textwrap::wrap(&text, inner.max(20)) {
                lines.push(Line::styled(row.into_owned(), t.dialog));
            }
        }
        Some(v) => {
            // Mark, time, what, planned, began, actual, difference.
            let numbers = [
                PlanText::Planned,
                PlanText::Began,
                PlanText::Actual,
                PlanText::Difference,
            ]
            .iter()
            .map(|x| x.text(lang).width())
            .max()
            .unwrap_or(7)
            .max(6);
            let what = inner.saturating_sub(2 + 6 + 4 * (numbers + 1) + 1);
            let head = format!(
                "  {}{}{}{}{}{}",
                cell(PlanText::Time.text(lang), 6),
                cell(PlanText::What.text(lang), what + 1),
                right(PlanText::Planned.text(lang), numbers + 1),
                right(PlanText::Began.text(lang), numbers + 1),
                right(PlanText::Actual.text(lang), numbers + 1),
                right(PlanText::Difference.text(lang), numbers + 1),
            );
            lines.push(Line::styled(head, t.dim));
            let room = usize::from(area.height.saturating_sub(9)).max(3);
            let selected = p.selected.min(v.rows.len().saturating_sub(1));
            let first = selected.saturating_sub(room.saturating_sub(1));
            for (i, r) in v.rows.iter().enumerate().skip(first).take(room) {
                let mark = match r.progress {
                    Progress::Running => "▶ ",
                    Progress::Done => "✓ ",
                    Progress::Ahead => "  ",
                };
                let name = match &r.method {
                    Some(m) => format!("{} ({m})", r.what),
                    None => r.what.clone(),
                };
                let style = if i == selected {
                    t.selected
                } else if r.progress == Progress::Running {
                    t.zone_active
                } else if r.is_break {
                    t.dim
                } else {
                    t.dialog
                };
                let diff = r.difference.map(signed_minutes).unwrap_or_default();
                let over = r.difference.is_some_and(|d| d > 0) && i != selected;
                let text = format!(
                    "{mark}{}{}{}{}{}",
                    cell(r.clock.as_deref().unwrap_or("–"), 6),
                    cell(&name, what + 1),
                    right(&r.planned.to_string(), numbers + 1),
                    right(r.started.as_deref().unwrap_or("–"), numbers + 1),
                    right(&r.actual.map_or("–".into(), |a| a.to_string()), numbers + 1),
                );
                lines.push(Line::from(vec![
                    Span::styled(text, style),
                    Span::styled(
                        right(&diff, numbers + 1),
                        if over { t.timer_warn } else { style },
                    ),
                ]));
            }
            lines.push(Line::raw(""));
            let start = match &v.start {
                Some(time) => PlanText::Starts.text(lang).replace("{time}", time),
                None => PlanText::NoStart.text(lang).to_string(),
            };
            lines.push(Line::styled(start, t.dim));
            lines.push(Line::styled(
                format!(
                    "{} {}. {}",
                    PlanText::Total.text(lang),
                    duration(v.total, lang),
                    day_status(lang, v.schedule.behind_minutes, v.schedule.live)
                ),
                t.title,
            ));
        }
    }
    if let Some(title) = &elsewhere {
        lines.push(Line::styled(
            Ui::PlanReadOnly.text(lang).replace("{title}", title),
            t.dim,
        ));
    }
    lines.push(Line::raw(""));
    let keys: Vec<(Command, Ui)> = match (&elsewhere, &shown) {
        (Some(_), _) => vec![
            (Command::Export, Ui::HintScript),
            (Command::Back, Ui::HintClose),
        ],
        (None, None) => vec![
            (Command::FillPlan, Ui::HintFillPlan),
            (Command::PlanAddStep, Ui::HintPlanAdd),
            (Command::Back, Ui::HintClose),
        ],
        (None, Some(_)) => vec![
            (Command::StepLonger, Ui::HintStepLonger),
            (Command::StepShorter, Ui::HintStepShorter),
            (Command::MoveNoteDown, Ui::HintStepMove),
            (Command::AddBreak, Ui::HintBreak),
            (Command::Remove, Ui::HintTakeOut),
            (Command::Export, Ui::HintScript),
            (Command::PlanStart, Ui::HintPlanStart),
            (Command::Back, Ui::HintClose),
        ],
    };
    lines.push(hints_within(hints(ctx, Context::Plan, &keys), inner));
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = centred(area, width, height);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(dialog(ctx, PlanText::Title.text(lang).to_string())),
        popup,
    );
}
