//! The top of the board: title, phase, goal or rule, and the large timer.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use tui_big_text::{BigText, PixelSize};

use super::BoardState;
use crate::strings::{Msg, Ui};
use crate::tui::command::Command;
use crate::tui::keymap::{Context, first_key};
use crate::tui::render::Ctx;
use crate::tui::timer::Level;

/// Whether the time box stopped with its phase (`E`, or `>` after the last
/// phase): it then only shows where it stood.
fn ended(b: &BoardState) -> bool {
    let last = b.session().phase_log.last();
    b.phase_index().is_none()
        && !b.timer.is_running()
        && last.is_some_and(|e| b.timer.state().phase.as_deref() == Some(&e.phase))
}

fn timer_style(b: &BoardState, ctx: &Ctx) -> (Style, Level) {
    let level = b.timer.level(ctx.now);
    let t = &ctx.theme;
    let style = match level {
        _ if ended(b) => t.dim,
        Level::Calm => t.timer,
        Level::Warn => t.timer_warn,
        Level::Urgent => t.timer_urgent,
        Level::Up => t.timer_up,
    };
    (style, level)
}

/// The words beside the phase: how much time is left, or how the phase
/// ended, never "time is up" for a phase the group ended early.
fn level_text(b: &BoardState, level: Level, ctx: &Ctx) -> Option<String> {
    let ui = match level {
        _ if ended(b) && b.timer.remaining_secs(ctx.now) > 0 => Ui::TimerEndedEarly,
        _ if ended(b) => Ui::TimerEnded,
        Level::Calm => return None,
        Level::Warn => Ui::TimerWarn,
        Level::Urgent => Ui::TimerUrgent,
        Level::Up => Ui::TimeUp,
    };
    Some(ui.text(ctx.lang()).to_string())
}

fn big_timer(b: &BoardState, ctx: &Ctx, frame: &mut Frame, area: Rect, large: bool) {
    let (style, _) = timer_style(b, ctx);
    let text = b.timer.display(ctx.now);
    let size = if large {
        PixelSize::HalfHeight
    } else {
        PixelSize::Quadrant
    };
    let digits = BigText::builder()
        .pixel_size(size)
        .style(style)
        .alignment(Alignment::Right)
        .lines(vec![Line::from(text)])
        .build();
    frame.render_widget(digits, area);
    let state = if b.timer.is_running() { "▶" } else { "‖" };
    frame.render_widget(
        Paragraph::new(state).style(style),
        Rect::new(area.x, area.y + 1, 1, 1),
    );
}

fn phase_line(b: &BoardState, ctx: &Ctx) -> Line<'static> {
    let lang = ctx.lang();
    let t = &ctx.theme;
    let mut spans = Vec::new();
    match b.phase_index() {
        Some(i) => {
            let p = &b.method.phases[i];
            spans.push(Span::styled(
                format!(
                    "{} {}/{}: {}",
                    Msg::Phase.text(lang),
                    i + 1,
                    b.method.phases.len(),
                    p.name.get(lang)
                ),
                t.zone_active,
            ));
        }
        None if b.session().phase_log.is_empty() => {
            let first = b.method.phases.first().map_or("", |p| p.name.get(lang));
            let key = first_key(Context::Board, Command::NextPhase).unwrap_or_default();
            spans.push(Span::styled(
                Ui::NotStartedHint
                    .text(lang)
                    .replace("{key}", &key)
                    .replace("{phase}", first),
                t.zone_active,
            ));
        }
        None => spans.push(Span::styled(Ui::NoPhaseRunning.text(lang), t.dim)),
    }
    let (style, level) = timer_style(b, ctx);
    if let Some(text) = level_text(b, level, ctx) {
        spans.push(Span::raw("  "));
        spans.push(Span::styled(text, style));
    }
    spans.extend(super::day::header_mark(b, ctx));
    spans.extend(super::room_panel::header_mark(b, ctx));
    Line::from(spans)
}

pub(super) fn header(b: &BoardState, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let lang = ctx.lang();
    let t = &ctx.theme;
    let timer_width = 26.min(area.width / 3);
    let left = Rect::new(area.x, area.y, area.width - timer_width, area.height);
    let s = b.session();
    let first = vec![
        Span::styled(s.context.title.clone(), t.title),
        Span::styled(format!(" · {}", b.method.name.get(lang)), t.dim),
    ];
    let goal = b
        .phase_index()
        .map(|i| b.method.phases[i].goal.get(lang).to_string())
        .unwrap_or_else(|| b.method.summary.get(lang).to_string());
    let row = |i: u16, h: u16| {
        Rect::new(
            left.x,
            left.y + i,
            left.width,
            h.min(left.height.saturating_sub(i)),
        )
    };
    frame.render_widget(Paragraph::new(Line::from(first)), row(0, 1));
    let mut second = phase_line(b, ctx);
    if b.method.meetings.is_some()
        && let Some(last) = s.meetings.last()
    {
        second.spans.insert(
            0,
            Span::styled(
                format!("{} ({}) · ", meeting_name(b, lang), last.date),
                t.title,
            ),
        );
    }
    if s.boards.len() > 1 || b.method.boards.per_participant {
        let board = &s.boards[b.board];
        let label = b
            .method
            .boards
            .label
            .as_ref()
            .map(|l| crate::model::text::capitalise(l.get(lang)))
            .filter(|l| !board.name.to_lowercase().starts_with(&l.to_lowercase()))
            .map(|l| format!("{l} "))
            .unwrap_or_default();
        second.spans.insert(
            0,
            Span::styled(
                format!(
                    "{label}{} ({}/{}) · ",
                    board.name,
                    b.board + 1,
                    s.boards.len()
                ),
                t.title,
            ),
        );
    }
    frame.render_widget(Paragraph::new(second), row(1, 1));
    let rule = b
        .phase_index()
        .and_then(|i| b.method.phases[i].rule.as_ref());
    let mut below = Vec::new();
    if let Some(rule) = rule {
        below.push(Line::styled(format!("‼ {}", rule.get(lang)), t.zone_active));
    }
    below.push(Line::styled(goal, t.dim));
    frame.render_widget(
        Paragraph::new(below).wrap(Wrap { trim: true }),
        row(2, left.height.saturating_sub(2)),
    );
    big_timer(b, ctx, frame, right_edge(area, timer_width), false);
}

pub(super) fn projector_header(b: &BoardState, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let lang = ctx.lang();
    let t = &ctx.theme;
    let large = area.width >= 120;
    let timer_width = if large { 50 } else { 26 };
    let left = Rect::new(
        area.x + 1,
        area.y,
        area.width.saturating_sub(timer_width + 1),
        area.height,
    );
    let mut lines = vec![phase_line(b, ctx), Line::raw("")];
    let phase = b.phase_index().map(|i| &b.method.phases[i]);
    if let Some(rule) = phase.and_then(|p| p.rule.as_ref()) {
        lines.push(Line::styled(rule.get(lang).to_string(), t.title));
    } else if let Some(q) = b
        .method
        .zones
        .get(b.focus.zone)
        .and_then(|z| z.questions.first())
    {
        lines.push(Line::styled(q.get(lang).to_string(), t.text));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), left);
    big_timer(b, ctx, frame, right_edge(area, timer_width), large);
}

/// The `width` columns at the right edge of `area`.
fn right_edge(area: Rect, width: u16) -> Rect {
    let width = width.min(area.width);
    Rect::new(area.x + area.width - width, area.y, width, area.height)
}

/// What one meeting of the board's method is called in the middle of a
/// sentence: the method's own word (a visit), else "meeting".
pub(super) fn meeting_word(b: &BoardState, lang: crate::i18n::Lang) -> String {
    match &b.method.meetings {
        Some(policy) => policy.label.get(lang).to_lowercase(),
        None => crate::strings::Ui::MeetingWord.text(lang).to_string(),
    }
}

/// The latest meeting as the header names it: "Besøg 2".
pub(super) fn meeting_name(b: &BoardState, lang: crate::i18n::Lang) -> String {
    let label = match &b.method.meetings {
        Some(policy) => policy.label.get(lang).to_string(),
        None => crate::strings::Ui::MeetingWord.text(lang).to_string(),
    };
    format!(
        "{} {}",
        crate::model::text::capitalise(&label),
        b.session().meetings.len()
    )
}
