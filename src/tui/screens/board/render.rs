//! Drawing the board. Reads the state; changes nothing.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Wrap};

use super::BoardState;
use super::cards::{Card, LineKind, ZoneView};
use super::layout::{Arrangement, BoardLayout, Decor, Slot, inner, layout};
use crate::methods::Mode;
use crate::model::text::fit;
use crate::strings::{Msg, Ui};
use crate::tui::command::Command;
use crate::tui::keymap::{Context, first_key};
use crate::tui::render::Ctx;
use unicode_width::UnicodeWidthStr;

/// Draws the board in `area`.
pub fn render(b: &BoardState, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let l = layout(b, ctx.prefs, area);
    if b.conflict.is_some() {
        super::disk::banner(ctx, frame, l.header);
    } else if ctx.prefs.projector {
        super::header::projector_header(b, ctx, frame, l.header);
    } else {
        super::header::header(b, ctx, frame, l.header);
    }
    for decor in &l.decor {
        if let Decor::Backpack { board, rect } = decor {
            backpack(b, &l, ctx, frame, *board, *rect);
        }
    }
    for slot in &l.slots {
        draw_zone(b, &l, ctx, frame, slot);
    }
    for decor in &l.decor {
        match decor {
            Decor::Arrow(r) => {
                frame.render_widget(Paragraph::new("▶").style(ctx.theme.zone_active), *r)
            }
            Decor::Stem(r) => {
                frame.render_widget(Paragraph::new("┃").style(ctx.theme.border_focus), *r)
            }
            Decor::Turn(r) => frame.render_widget(
                Paragraph::new(super::chain::turn_line(r.width)).style(ctx.theme.zone_active),
                *r,
            ),
            Decor::Band { zone, rect, mode } => band(b, ctx, frame, *zone, *rect, *mode),
            Decor::Questions(r) => questions(b, ctx, frame, *r),
            Decor::Backpack { .. } => {}
        }
    }
    if let Some(u) = l.unplaced {
        super::unplaced::render(b, ctx, frame, u);
    }
    if let Some(g) = l.guidance {
        guidance(b, ctx, frame, g);
    }
    if let Some(s) = l.status {
        status(b, ctx, frame, s);
    }
    super::room_panel::render(b, ctx, frame, area);
}

fn band(b: &BoardState, ctx: &Ctx, frame: &mut Frame, zone: usize, rect: Rect, mode: Mode) {
    let lang = ctx.lang();
    let t = &ctx.theme;
    let style = if b.zone_active(zone) {
        t.zone_active
    } else {
        t.dim
    };
    let label = match mode {
        Mode::Diverge => Ui::ModeDiverge,
        Mode::Converge => Ui::ModeConverge,
    };
    let width = usize::from(rect.width.saturating_sub(4));
    let line = "━".repeat(width);
    let shape = match mode {
        Mode::Diverge => format!(" ◁{line}▷ "),
        Mode::Converge => format!(" ▷{line}◁ "),
    };
    let lines = vec![
        Line::styled(
            format!(
                "{} · {}",
                b.method.zones[zone].name.get(lang),
                label.text(lang)
            ),
            style,
        )
        .centered(),
        Line::styled(shape, style),
    ];
    frame.render_widget(Paragraph::new(lines), rect);
}

fn questions(b: &BoardState, ctx: &Ctx, frame: &mut Frame, rect: Rect) {
    let lang = ctx.lang();
    let text: Vec<&str> = b.method.questions.iter().map(|q| q.get(lang)).collect();
    frame.render_widget(
        Paragraph::new(Line::styled(
            format!("? {}", text.join("  ·  ")),
            ctx.theme.dim,
        ))
        .wrap(Wrap { trim: true }),
        rect,
    );
}

fn backpack(
    b: &BoardState,
    l: &BoardLayout,
    ctx: &Ctx,
    frame: &mut Frame,
    board: usize,
    rect: Rect,
) {
    let lang = ctx.lang();
    let t = &ctx.theme;
    let s = b.session();
    let Some(pack) = s.boards.get(board) else {
        return;
    };
    let focused = board == b.board;
    let weight = pack
        .participant
        .map(|p| super::pack::trend(&s.ratings_of(p)))
        .filter(|w| !w.is_empty())
        .map(|w| format!(" {} {w} ", Ui::WeightWord.text(lang)))
        .unwrap_or_default();
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Double
        } else {
            BorderType::Rounded
        })
        .border_style(if focused { t.border_focus } else { t.border })
        .title(Line::styled(format!(" 🎒 {} ", pack.name), t.title))
        .title(Line::styled(weight, t.key).right_aligned());
    let first = l.decor.iter().find_map(|d| match d {
        Decor::Backpack { board, .. } => Some(*board),
        _ => None,
    });
    let last = l.decor.iter().rev().find_map(|d| match d {
        Decor::Backpack { board, .. } => Some(*board),
        _ => None,
    });
    if l.hidden_left > 0 && first == Some(board) {
        block = block
            .title_bottom(Line::styled(format!(" ◀ {} ", l.hidden_left), t.key).left_aligned());
    }
    if l.hidden_right > 0 && last == Some(board) {
        block = block
            .title_bottom(Line::styled(format!(" {} ▶ ", l.hidden_right), t.key).right_aligned());
    }
    frame.render_widget(block, rect);
}

fn draw_zone(b: &BoardState, l: &BoardLayout, ctx: &Ctx, frame: &mut Frame, slot: &Slot) {
    let lang = ctx.lang();
    let t = &ctx.theme;
    let Some(view) = b.view_of(slot.board) else {
        return;
    };
    let zone = slot.zone;
    if l.strips.contains(&zone) {
        super::columns::draw_strip(b, l, ctx, frame, slot);
        return;
    }
    let focused = slot.board == b.board && zone == b.focus.zone;
    let active = b.zone_active(zone);
    let name = b.method.zones[zone].name.get(lang);
    let count = view.index.zones.get(zone).map_or(0, Vec::len);
    let title_style = if active { t.zone_active } else { t.title };
    let marker = if active { "● " } else { "" };
    let stacked = l.arrangement == Arrangement::Backpack;
    let columns = l.arrangement == Arrangement::Columns;
    let zone_cards = l.cards_of(b, slot, lang);
    let mut left_marks: Vec<String> = Vec::new();
    let mut right_marks: Vec<String> = Vec::new();
    if columns && l.hidden_left > 0 && l.slots.first().is_some_and(|s| s.zone == zone) {
        left_marks.push(format!(" ◀ {} ", l.hidden_left));
    }
    if columns && l.hidden_right > 0 && l.slots.last().is_some_and(|s| s.zone == zone) {
        right_marks.push(format!(" {} ▶ ", l.hidden_right));
    }
    let below;
    // The trunk of a tree lists its cards like a column.
    if super::tree::view_of(l, zone).is_none() {
        let above = zone_cards.cards.first().map_or(0, |c| c.pos);
        below = zone_cards.cards.last().map_or(0, |c| {
            let cut = (c.rect.height as usize) < c.lines.len();
            count - c.pos - usize::from(!cut)
        });
        if above > 0 {
            right_marks.push(format!(" ▲ {above} "));
        }
    } else {
        let (left, right, down) = super::tree::marks(l, zone);
        left_marks.extend(left);
        right_marks.extend(right);
        below = down;
    }
    // The name gives way, so the count and the markers always show.
    let count_text = format!(" ({count}) ");
    let taken: usize = left_marks
        .iter()
        .chain(&right_marks)
        .map(|m| m.width())
        .sum::<usize>()
        + count_text.width()
        + marker.width()
        + 3;
    let room = usize::from(slot.rect.width).saturating_sub(taken).max(3);
    // A block too narrow for its name shows the method's short name, so
    // two blocks never both read "Custo…".
    let short = b.method.zones[zone].short.as_ref().map(|s| s.get(lang));
    let name = match short {
        Some(short) if name.width() > room => fit(short, room),
        _ => fit(name, room),
    };
    let mut block = Block::default()
        .borders(if stacked { Borders::TOP } else { Borders::ALL })
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Rounded
        })
        .border_style(if focused { t.border_focus } else { t.border })
        .title(Line::styled(
            format!(" {marker}{name}{}", count_text.trim_end()),
            title_style,
        ));
    for mark in left_marks {
        block = block.title(Line::styled(mark, t.key).left_aligned());
    }
    for mark in right_marks {
        block = block.title(Line::styled(mark, t.key).right_aligned());
    }
    if below > 0 {
        block = block.title_bottom(Line::styled(format!(" ▼ {below} "), t.key).right_aligned());
    }
    frame.render_widget(block, slot.rect);
    let area = if stacked {
        Rect::new(
            slot.rect.x,
            slot.rect.y + 1,
            slot.rect.width,
            slot.rect.height.saturating_sub(1),
        )
    } else {
        inner(slot.rect)
    };
    if zone_cards.cards.is_empty() {
        empty_zone(b, ctx, frame, zone, area, slot.board == b.board);
    }
    for cluster in &zone_cards.frames {
        let mut frame_block = Block::default()
            .borders(Borders::ALL)
            .border_type(BorderType::Rounded)
            .border_style(t.key);
        if !cluster.title.is_empty() {
            frame_block = frame_block.title(Line::styled(format!(" {} ", cluster.title), t.key));
        }
        frame.render_widget(frame_block, cluster.rect);
    }
    if l.arrangement == Arrangement::Tree {
        for (rect, connector) in super::tree::connectors(b, &view, slot, lang, l) {
            frame.render_widget(Paragraph::new(connector).style(t.border), rect);
        }
    }
    for card in &zone_cards.cards {
        draw_card(
            b,
            &view,
            ctx,
            frame,
            zone,
            card,
            focused && card.pos == b.focus.note,
        );
    }
}

fn empty_zone(
    b: &BoardState,
    ctx: &Ctx,
    frame: &mut Frame,
    zone: usize,
    area: Rect,
    own_board: bool,
) {
    let lang = ctx.lang();
    let mut lines: Vec<Line> = b.method.zones[zone]
        .questions
        .iter()
        .take(1)
        .map(|q| Line::styled(q.get(lang).to_string(), ctx.theme.dim))
        .collect();
    if own_board && !ctx.prefs.projector && !b.open.is_read_only() && area.height > 3 {
        let key = first_key(Context::Board, Command::AddNote).unwrap_or_default();
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            Ui::EmptyZoneHint.text(lang).replace("{key}", &key),
            ctx.theme.dim,
        ));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}

fn draw_card(
    b: &BoardState,
    view: &ZoneView,
    ctx: &Ctx,
    frame: &mut Frame,
    zone: usize,
    card: &Card,
    focused: bool,
) {
    let t = &ctx.theme;
    let index = view.index.zones[zone][card.pos];
    let note = &view.session.notes[index];
    let marks = view.index.marks.get(index).copied().unwrap_or_default();
    let mut style = t.note(note.colour);
    if !note.status.is_active() {
        style = style.add_modifier(Modifier::CROSSED_OUT | Modifier::DIM);
    } else if marks.set_aside {
        style = style.add_modifier(Modifier::DIM);
    }
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
    let mut text_line = 0;
    let lines: Vec<Line> = card
        .lines
        .iter()
        .map(|(text, kind)| match kind {
            LineKind::Text => {
                let lead = if text_line == 0 {
                    format!("{} ", note.colour.symbol())
                } else {
                    "  ".into()
                };
                text_line += 1;
                Line::from(format!("{lead}{text}"))
            }
            LineKind::Attached => Line::styled(
                format!("  {text}"),
                Style::new().add_modifier(Modifier::ITALIC),
            ),
            LineKind::Meta => Line::from(format!("  {text}")),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).style(style), body);
    let marked = b.marked.contains(&note.id);
    let gutter = match (focused, marked) {
        // Marked and focused: both, or the group loses where focus is.
        (true, true) => Some(("▶✓", t.border_focus)),
        (true, false) => Some(("▶", t.border_focus)),
        (false, true) => Some(("✓", t.key)),
        (false, false) => None,
    };
    if let Some((mark, style)) = gutter {
        frame.render_widget(
            Paragraph::new(mark).style(style),
            Rect::new(
                card.rect.x,
                card.rect.y,
                (mark.width() as u16).min(card.rect.width),
                1,
            ),
        );
    }
    if let Some(joint) = card.joint
        && card.rect.x >= 2
    {
        let y = if joint == '┌' {
            card.rect.y + card.rect.height.saturating_sub(1)
        } else {
            card.rect.y
        };
        frame.render_widget(
            Paragraph::new(format!("{joint}─")).style(t.border),
            Rect::new(card.rect.x - 2, y, 2, 1),
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
    } else if b.conflict.is_some() {
        spans.push(Span::styled(
            format!(" ✗ {} ", Ui::NotSaved.text(lang)),
            t.error,
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
    // A read-only board offers only what can be done without changing it.
    let items: &[(Command, Ui)] = if b.open.is_read_only() {
        &[
            (Command::Help, Ui::HintHelp),
            (Command::Quit, Ui::HintClose),
            (Command::Export, Ui::HintExport),
            (Command::ToggleGuidance, Ui::HintGuidance),
        ]
    } else {
        &[
            (Command::Help, Ui::HintHelp),
            (Command::AddNote, Ui::HintAdd),
            (Command::NextPhase, Ui::HintPhase),
            (Command::Quit, Ui::HintClose),
            (Command::TimerToggle, Ui::HintTimer),
            (Command::ToggleGuidance, Ui::HintGuidance),
        ]
    };
    let hints = crate::tui::render::hints(ctx, Context::Board, items);
    crate::tui::render::status_line(frame, area, Line::from(spans), hints);
}
