//! Drawing the board. Reads the state; changes nothing.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Wrap};
use tui_big_text::{BigText, PixelSize};

use super::BoardState;
use super::cards::Card;
use super::layout::{BoardLayout, inner, layout};
use crate::strings::{Msg, Ui};
use crate::tui::command::Command;
use crate::tui::keymap::{Context, first_key};
use crate::tui::render::Ctx;
use crate::tui::theme::colour_symbol;
use crate::tui::timer::Level;

/// Draws the board in `area`.
pub fn render(b: &BoardState, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let l = layout(b, ctx.prefs, area);
    if ctx.prefs.projector {
        projector_header(b, ctx, frame, l.header);
    } else {
        header(b, ctx, frame, l.header);
    }
    for (zone, rect) in &l.zones {
        draw_zone(b, &l, ctx, frame, *zone, *rect);
    }
    if let Some(g) = l.guidance {
        guidance(b, ctx, frame, g);
    }
    if let Some(s) = l.status {
        status(b, ctx, frame, s);
    }
}

fn timer_style(b: &BoardState, ctx: &Ctx) -> (Style, Level) {
    let level = b.timer.level(ctx.now);
    let t = &ctx.theme;
    let style = match level {
        Level::Calm => t.timer,
        Level::Warn => t.timer_warn,
        Level::Urgent => t.timer_urgent,
        Level::Up => t.timer_up,
    };
    (style, level)
}

fn level_text(level: Level, ctx: &Ctx) -> Option<String> {
    let ui = match level {
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
    if let Some(text) = level_text(level, ctx) {
        spans.push(Span::raw("  "));
        spans.push(Span::styled(text, style));
    }
    Line::from(spans)
}

fn header(b: &BoardState, ctx: &Ctx, frame: &mut Frame, area: Rect) {
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
    if s.boards.len() > 1 || b.method.boards.per_participant {
        let board = &s.boards[b.board];
        let label = b.method.boards.label.as_ref().map_or(String::new(), |l| {
            crate::model::text::capitalise(l.get(lang))
        });
        second.spans.insert(
            0,
            Span::styled(
                format!(
                    "{label} {} ({}/{}) · ",
                    board.name,
                    b.board + 1,
                    s.boards.len()
                ),
                t.title,
            ),
        );
    }
    frame.render_widget(Paragraph::new(second), row(1, 1));
    frame.render_widget(
        Paragraph::new(Line::styled(goal, t.dim)).wrap(Wrap { trim: true }),
        row(2, left.height.saturating_sub(2)),
    );
    let timer_area = Rect::new(
        area.x + area.width - timer_width,
        area.y,
        timer_width,
        area.height,
    );
    big_timer(b, ctx, frame, timer_area, false);
}

fn projector_header(b: &BoardState, ctx: &Ctx, frame: &mut Frame, area: Rect) {
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
    let timer_area = Rect::new(
        area.x + area.width - timer_width,
        area.y,
        timer_width,
        area.height,
    );
    big_timer(b, ctx, frame, timer_area, large);
}

fn draw_zone(
    b: &BoardState,
    l: &BoardLayout,
    ctx: &Ctx,
    frame: &mut Frame,
    zone: usize,
    rect: Rect,
) {
    let lang = ctx.lang();
    let t = &ctx.theme;
    let focused = zone == b.focus.zone;
    let active = b.zone_active(zone);
    let name = b.method.zones[zone].name.get(lang);
    let count = b.zone_len(zone);
    let title_style = if active { t.zone_active } else { t.title };
    let marker = if active { "● " } else { "" };
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Rounded
        })
        .border_style(if focused { t.border_focus } else { t.border })
        .title(Line::styled(
            format!(" {marker}{name} ({count}) "),
            title_style,
        ));
    if l.hidden_left > 0 && l.zones.first().is_some_and(|(z, _)| *z == zone) {
        block = block.title(Line::styled(format!(" ◀ {} ", l.hidden_left), t.key).left_aligned());
    }
    if l.hidden_right > 0 && l.zones.last().is_some_and(|(z, _)| *z == zone) {
        block = block.title(Line::styled(format!(" {} ▶ ", l.hidden_right), t.key).right_aligned());
    }
    frame.render_widget(block, rect);
    let area = inner(rect);
    let cards = l.cards_of(b, zone, lang);
    if cards.is_empty() {
        empty_zone(b, ctx, frame, zone, area);
    }
    for card in &cards {
        draw_card(b, ctx, frame, zone, card);
    }
}

fn empty_zone(b: &BoardState, ctx: &Ctx, frame: &mut Frame, zone: usize, area: Rect) {
    let lang = ctx.lang();
    let mut lines: Vec<Line> = b.method.zones[zone]
        .questions
        .iter()
        .take(1)
        .map(|q| Line::styled(q.get(lang).to_string(), ctx.theme.dim))
        .collect();
    if !ctx.prefs.projector && !b.open.is_read_only() {
        let key = first_key(Context::Board, Command::AddNote).unwrap_or_default();
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            Ui::EmptyZoneHint.text(lang).replace("{key}", &key),
            ctx.theme.dim,
        ));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}

fn draw_card(b: &BoardState, ctx: &Ctx, frame: &mut Frame, zone: usize, card: &Card) {
    let t = &ctx.theme;
    let index = b.index.zones[zone][card.pos];
    let note = &b.session().notes[index];
    let focused = zone == b.focus.zone && card.pos == b.focus.note;
    let mut style = t.note(note.colour);
    if focused {
        style = style.patch(t.note_focus);
    }
    let body = Rect::new(
        card.rect.x + 1,
        card.rect.y,
        card.rect.width.saturating_sub(1),
        card.rect.height,
    );
    frame.render_widget(Clear, body);
    let mut lines: Vec<Line> = card
        .lines
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let lead = if i == 0 {
                format!("{} ", colour_symbol(note.colour))
            } else {
                "  ".into()
            };
            Line::from(format!("{lead}{text}"))
        })
        .collect();
    if let Some(meta) = &card.meta {
        lines.push(Line::from(format!("  {meta}")));
    }
    frame.render_widget(Paragraph::new(lines).style(style), body);
    if focused {
        frame.render_widget(
            Paragraph::new("▶").style(t.border_focus),
            Rect::new(card.rect.x, card.rect.y, 1, 1),
        );
    }
}

fn guidance(b: &BoardState, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let lang = ctx.lang();
    let t = &ctx.theme;
    let block = Block::default()
        .borders(Borders::TOP | Borders::LEFT)
        .border_style(t.border)
        .title(Line::styled(
            format!(" {} ", Ui::Guidance.text(lang)),
            t.title,
        ));
    let mut lines: Vec<Line> = Vec::new();
    let phase = b.phase_index().map(|i| &b.method.phases[i]);
    if let Some(rule) = phase.and_then(|p| p.rule.as_ref()) {
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", Msg::Rule.text(lang)), t.zone_active),
            Span::styled(rule.get(lang).to_string(), t.zone_active),
        ]));
    }

    let zone = &b.method.zones[b.focus.zone];
    for q in &zone.questions {
        lines.push(Line::from(vec![
            Span::styled(format!("{} ? ", zone.name.get(lang)), t.key),
            Span::styled(q.get(lang).to_string(), t.text),
        ]));
    }
    if let Some(p) = phase {
        for (i, step) in p.instructions.iter().enumerate() {
            lines.push(Line::styled(
                format!("{}. {}", i + 1, step.get(lang)),
                t.dim,
            ));
        }
    } else {
        for q in &b.method.questions {
            lines.push(Line::styled(format!("• {}", q.get(lang)), t.dim));
        }
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        area,
    );
}

fn status(b: &BoardState, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let lang = ctx.lang();
    let t = &ctx.theme;
    let mut spans: Vec<Span> = Vec::new();
    if let Some(flash) = ctx.flash {
        spans.push(Span::styled(
            format!(" {} ", flash.text),
            if flash.error { t.error } else { t.text },
        ));
        spans.push(Span::raw(" "));
    }
    if b.open.is_locked_elsewhere() {
        spans.push(Span::styled(
            format!(" {} ", Ui::OpenElsewhere.text(lang)),
            t.error,
        ));
    } else if b.open.is_read_only() {
        spans.push(Span::styled(
            format!(" {} ", Ui::ReadOnly.text(lang)),
            t.key,
        ));
    } else if let Some(reason) = &b.save.error {
        let text = Ui::SaveFailed.text(lang).replace("{reason}", reason);
        spans.push(Span::styled(format!(" ✗ {text} "), t.error));
    } else if b.save.dirty {
        spans.push(Span::styled(format!(" … {}", Ui::Saving.text(lang)), t.dim));
    } else {
        let when = b
            .save
            .last
            .map(|ts| {
                ts.to_zoned(ctx.tz.clone())
                    .strftime(" %H:%M:%S")
                    .to_string()
            })
            .unwrap_or_default();
        spans.push(Span::styled(
            format!(" ✓ {}{when}", Ui::Saved.text(lang)),
            t.ok,
        ));
    }
    let hints = crate::tui::render::hints(
        ctx,
        Context::Board,
        &[
            (Command::Help, Ui::HintHelp),
            (Command::AddNote, Ui::HintAdd),
            (Command::NextPhase, Ui::HintPhase),
            (Command::TimerToggle, Ui::HintTimer),
            (Command::Quit, Ui::HintClose),
        ],
    );
    crate::tui::render::status_line(frame, area, Line::from(spans), hints);
}
