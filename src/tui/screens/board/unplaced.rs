//! Notes whose zone the method no longer has (a method file changed, or a
//! hand edit): a strip under the zones, so that none is out of sight.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::BoardState;
use crate::strings::Ui;
use crate::tui::render::Ctx;

/// A strip at the bottom of `body` for notes in no zone of the method, if
/// there are any: a quarter of the height at most, three rows (one note
/// line) at least, but never more than half the board.
pub fn strip(b: &BoardState, body: &mut Rect) -> Option<Rect> {
    if b.index.unplaced.is_empty() {
        return None;
    }
    let wanted = u16::try_from(b.index.unplaced.len()).unwrap_or(u16::MAX);
    let height = wanted
        .saturating_add(2)
        .min(body.height / 4)
        .max(3)
        .min(body.height / 2);
    body.height -= height;
    Some(Rect::new(body.x, body.y + body.height, body.width, height))
}

/// The notes whose zone the method no longer has, so that none is out of
/// sight: their words, and which zones they name.
pub fn render(b: &BoardState, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let lang = ctx.lang();
    let t = &ctx.theme;
    let notes: Vec<&crate::model::Note> = b
        .index
        .unplaced
        .iter()
        .filter_map(|i| b.open.session.notes.get(*i))
        .collect();
    let mut zones: Vec<&str> = Vec::new();
    for n in &notes {
        if !zones.contains(&n.zone.as_str()) {
            zones.push(&n.zone);
        }
    }
    let title = format!(
        " ⚠ {} ({}) – {} ",
        Ui::ZoneUnplaced.text(lang),
        notes.len(),
        Ui::ZoneUnplacedHint
            .text(lang)
            .replace("{zones}", &zones.join(", "))
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.error)
        .title(Span::styled(title, t.error));
    let lines: Vec<Line> = notes
        .iter()
        .map(|n| Line::styled(format!("• {}", n.text.replace('\n', " ")), t.text))
        .collect();
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        area,
    );
}
