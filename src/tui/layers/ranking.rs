//! Notes ranked by their dots, with bars; equal dots share a place.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;
use uuid::Uuid;

use super::Layer;
use crate::strings::Ui;
use crate::tui::app::{App, Effect, Input, Screen};
use crate::tui::command::Command;
use crate::tui::keymap::Context;
use crate::tui::render::{Ctx, centred, dialog, hints};
use crate::tui::screens::board::BoardState;

/// The ranking view's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RankingState {
    /// The zones whose notes are ranked, by position in the method.
    pub zones: Vec<usize>,
    /// First line shown.
    pub scroll: usize,
}

/// The notes the ranking covers: those shown in `zones`, dropped ones
/// left out.
pub fn candidates(b: &BoardState, zones: &[usize]) -> Vec<Uuid> {
    zones
        .iter()
        .flat_map(|z| b.index.zones.get(*z).into_iter().flatten())
        .map(|i| &b.session().notes[*i])
        .filter(|n| n.status.is_active())
        .map(|n| n.id)
        .collect()
}

pub(super) fn update(app: &mut App, input: Input) -> Vec<Effect> {
    let count = match (app.layers.last(), &app.screen) {
        (Some(Layer::Ranking(r)), Screen::Board(b)) => candidates(b, &r.zones).len(),
        _ => 0,
    };
    let Some(Layer::Ranking(r)) = app.layers.last_mut() else {
        return Vec::new();
    };
    match input {
        Input::Command(Command::Up) => r.scroll = r.scroll.saturating_sub(1),
        Input::Command(Command::Down) => r.scroll = (r.scroll + 1).min(count.saturating_sub(1)),
        Input::Command(Command::Back) => {
            app.layers.pop();
        }
        _ => {}
    }
    Vec::new()
}

pub(super) fn render(r: &RankingState, app: &App, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let Screen::Board(b) = &app.screen else {
        return;
    };
    let lang = ctx.lang();
    let t = &ctx.theme;
    let s = b.session();
    let ids = candidates(b, &r.zones);
    let ranks = s.ranking(&ids);
    let width = (area.width * 4 / 5)
        .max(70)
        .min(area.width.saturating_sub(2));
    let bar_room = usize::from(width / 4).max(10);
    let most = ranks.first().map_or(1, |r| r.dots.max(1));
    let mut lines: Vec<Line> = Vec::new();
    if ranks.is_empty() {
        lines.push(Line::styled(Ui::NoDotsYet.text(lang).to_string(), t.dim));
    }
    for rank in ranks.iter().skip(r.scroll) {
        let Ok(note) = s.note(rank.note) else {
            continue;
        };
        let bar = ((rank.dots as usize * bar_room) / most as usize).max(1);
        let place = if rank.tied {
            format!("={}.", rank.place)
        } else {
            format!(" {}.", rank.place)
        };
        let text = note.text.replace('\n', " ");
        let room = usize::from(width).saturating_sub(bar_room + 16);
        let text = crate::model::text::fit(&text, room);
        lines.push(Line::from(vec![
            Span::styled(format!("{place:>4} "), t.title),
            Span::styled("█".repeat(bar), t.zone_active),
            Span::raw(" ".repeat(bar_room - bar + 1)),
            Span::styled(format!("{:>3}  ", rank.dots), t.key),
            Span::styled(text.clone(), t.dialog),
            Span::raw(" ".repeat(room.saturating_sub(text.width()))),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(Ui::TiesNote.text(lang).to_string(), t.dim));
    lines.push(hints(
        ctx,
        Context::Ranking,
        &[(Command::Back, Ui::HintClose)],
    ));
    let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
    let popup = centred(area, width, height);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(dialog(ctx, Ui::RankingTitle.text(lang).to_string())),
        popup,
    );
}
