//! Drawing the board. Reads the state; changes nothing.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Wrap};

use super::BoardState;
use super::cards::Card;
use super::layout::{BoardLayout, inner, layout};
use crate::strings::{Msg, Ui};
use crate::tui::command::Command;
use crate::tui::keymap::{Context, first_key};
use crate::tui::render::Ctx;
use crate::tui::theme::colour_symbol;

/// Draws the board in `area`.
pub fn render(b: &BoardState, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let l = layout(b, ctx.prefs, area);
    if ctx.prefs.projector {
        super::header::projector_header(b, ctx, frame, l.header);
    } else {
        super::header::header(b, ctx, frame, l.header);
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
    let cards = l.cards_of(b, zone, lang);
    let above = cards.first().map_or(0, |c| c.pos);
    let below = cards.last().map_or(0, |c| {
        let cut = c.rect.height < card_height(c);
        count - c.pos - usize::from(!cut)
    });
    if above > 0 {
        block = block.title(Line::styled(format!(" ▲ {above} "), t.key).right_aligned());
    }
    if below > 0 {
        block = block.title_bottom(Line::styled(format!(" ▼ {below} "), t.key).right_aligned());
    }
    frame.render_widget(block, rect);
    let area = inner(rect);
    if cards.is_empty() {
        empty_zone(b, ctx, frame, zone, area);
    }
    for card in &cards {
        draw_card(b, ctx, frame, zone, card);
    }
}

fn card_height(card: &Card) -> u16 {
    (card.lines.len() + usize::from(card.meta.is_some())) as u16
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
    match phase {
        Some(p) => {
            for (i, step) in p.instructions.iter().enumerate() {
                lines.push(Line::styled(
                    format!("{}. {}", i + 1, step.get(lang)),
                    t.text,
                ));
            }
        }
        None => {
            for q in &b.method.questions {
                lines.push(Line::styled(format!("• {}", q.get(lang)), t.text));
            }
        }
    }
    let zone = &b.method.zones[b.focus.zone];
    for q in &zone.questions {
        lines.push(Line::from(vec![
            Span::styled(format!("{} ? ", zone.name.get(lang)), t.key),
            Span::styled(q.get(lang).to_string(), t.dim),
        ]));
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
            (Command::Quit, Ui::HintClose),
            (Command::TimerToggle, Ui::HintTimer),
            (Command::ToggleGuidance, Ui::HintGuidance),
        ],
    );
    crate::tui::render::status_line(frame, area, Line::from(spans), hints);
}
