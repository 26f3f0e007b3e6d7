//! How phones join, drawn in the board's lower right corner while the
//! room is open (on the projector too: the room needs it to join), and
//! the count of notes waiting in the header.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::BoardState;
use super::room::Join;
use crate::strings::Ui;
use crate::tui::render::{Ctx, dialog};

/// Columns of board left beside the panel when the QR code is shown.
const BOARD_BESIDE: u16 = 30;
/// Width of the panel without the QR code.
const TEXT_WIDTH: u16 = 44;

/// The header's mark while the room is open or notes wait: `📱 3 waiting`.
pub(super) fn header_mark(b: &BoardState, ctx: &Ctx) -> Option<Span<'static>> {
    let waiting = b.room.queue.len();
    let lang = ctx.lang();
    let text = if waiting > 0 {
        Ui::RoomWaiting
            .text(lang)
            .replace("{n}", &waiting.to_string())
    } else if b.room.is_open() {
        Ui::RoomOpenMark.text(lang).to_string()
    } else {
        return None;
    };
    Some(Span::styled(format!("  {text}"), ctx.theme.key))
}

/// Draws the join panel in the lower right corner of `area`, if shown.
pub(super) fn render(b: &BoardState, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    if !b.room.panel {
        return;
    }
    let Some(join) = &b.room.join else {
        return;
    };
    render_join(join, ctx, frame, area);
}

/// Draws how to join: the QR code when the window has room for it, the
/// address and the code always.
pub fn render_join(join: &Join, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let lang = ctx.lang();
    let t = &ctx.theme;
    let qr_width = join.qr.iter().map(|l| l.width()).max().unwrap_or(0);
    let qr_width = u16::try_from(qr_width).unwrap_or(u16::MAX);
    let qr_height = u16::try_from(join.qr.len()).unwrap_or(u16::MAX);
    // Text under the code: address, code, hint (up to three lines), note.
    let text_rows = 7;
    let fits = qr_height > 0
        && area.height >= qr_height + text_rows + 2 + 6
        && area.width >= qr_width + 2 + BOARD_BESIDE;
    let width = if fits {
        (qr_width + 2).max(TEXT_WIDTH)
    } else {
        TEXT_WIDTH
    }
    .min(area.width);
    let mut lines: Vec<Line> = Vec::new();
    if fits {
        let pad = usize::from(width.saturating_sub(2).saturating_sub(qr_width) / 2);
        // Always dark modules on light, whatever the theme: a phone's
        // camera may not read a code drawn the other way round.
        let ink = Style::new().fg(Color::Black).bg(Color::White);
        for l in &join.qr {
            lines.push(Line::from(vec![
                Span::raw(" ".repeat(pad)),
                Span::styled(l.clone(), ink),
            ]));
        }
    }
    lines.push(Line::styled(join.address.clone(), t.title));
    lines.push(Line::from(vec![
        Span::styled(format!("{}: ", Ui::RoomCode.text(lang)), t.dim),
        Span::styled(join.code.clone(), t.title),
    ]));
    let hint = Ui::RoomHint
        .text(lang)
        .replace("{addr}", &join.address)
        .replace("{code}", &join.code);
    lines.push(Line::styled(hint, t.dim));
    if !fits && qr_height > 0 {
        lines.push(Line::styled(Ui::RoomBiggerForQr.text(lang), t.dim));
    }
    let inner_width = usize::from(width.saturating_sub(2)).max(1);
    let rows: usize = lines
        .iter()
        .map(|l| l.width().div_ceil(inner_width).max(1))
        .sum();
    let height = (u16::try_from(rows).unwrap_or(u16::MAX) + 2).min(area.height);
    // Above the status line, at the right edge.
    let x = area.x + area.width - width;
    let y = (area.y + area.height)
        .saturating_sub(height + 1)
        .max(area.y);
    let rect = Rect::new(x, y, width, height);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(dialog(ctx, Ui::RoomJoinTitle.text(lang).to_string())),
        rect,
    );
}
