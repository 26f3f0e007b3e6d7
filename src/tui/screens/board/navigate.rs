//! Moving focus: between notes, between zones (by column or, on a grid,
//! by where the zones are), and with the mouse.

use ratatui::layout::Rect;

use super::{BoardState, Focus, board_mut, layout};
use crate::tui::app::App;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Direction {
    Left,
    Right,
    Up,
    Down,
}

/// Moves focus to the next zone in `dir`: the neighbouring column, or on a
/// grid the nearest zone that way.
pub(super) fn step_zone(
    b: &mut BoardState,
    prefs: &crate::tui::app::Prefs,
    area: Rect,
    dir: Direction,
) {
    let l = layout(b, prefs, area);
    let n = b.method.zones.len();
    let current = b.focus.zone;
    let next = if l.grid {
        let Some((_, from)) = l.zones.iter().find(|(z, _)| *z == current).copied() else {
            return;
        };
        let centre = |r: Rect| {
            (
                i32::from(r.x) * 2 + i32::from(r.width),
                i32::from(r.y) * 2 + i32::from(r.height),
            )
        };
        let (cx, cy) = centre(from);
        l.zones
            .iter()
            .filter(|(z, _)| *z != current)
            .filter(|(_, r)| match dir {
                Direction::Left => r.x + r.width <= from.x,
                Direction::Right => r.x >= from.x + from.width,
                Direction::Up => r.y + r.height <= from.y,
                Direction::Down => r.y >= from.y + from.height,
            })
            .min_by_key(|(_, r)| {
                let (x, y) = centre(*r);
                let (along, across) = match dir {
                    Direction::Left | Direction::Right => ((x - cx).abs(), (y - cy).abs()),
                    Direction::Up | Direction::Down => ((y - cy).abs(), (x - cx).abs()),
                };
                along + across * 2
            })
            .map(|(z, _)| *z)
    } else {
        match dir {
            Direction::Left if current > 0 => Some(current - 1),
            Direction::Right if current + 1 < n => Some(current + 1),
            _ => None,
        }
    };
    if let Some(zone) = next {
        let keep_row = b.focus.note;
        b.focus = Focus { zone, note: 0 };
        b.focus.note = match dir {
            Direction::Up => b.zone_len(zone).saturating_sub(1),
            Direction::Down => 0,
            _ => keep_row.min(b.zone_len(zone).saturating_sub(1)),
        };
    }
}

pub(super) fn click(app: &mut App, col: u16, row: u16) {
    let (prefs, area) = (app.prefs.clone(), Rect::new(0, 0, app.size.0, app.size.1));
    let Some(b) = board_mut(app) else { return };
    let l = layout(b, &prefs, area);
    if let Some((zone, card)) = l.hit(b, col, row, prefs.lang) {
        b.focus = Focus {
            zone,
            note: card.unwrap_or(if zone == b.focus.zone {
                b.focus.note
            } else {
                0
            }),
        };
    }
}

pub(super) fn wheel(app: &mut App, col: u16, row: u16, step: isize) {
    let (prefs, area) = (app.prefs.clone(), Rect::new(0, 0, app.size.0, app.size.1));
    let Some(b) = board_mut(app) else { return };
    let l = layout(b, &prefs, area);
    let Some((zone, _)) = l.hit(b, col, row, prefs.lang) else {
        return;
    };
    let len = b.zone_len(zone);
    if zone == b.focus.zone {
        b.focus.note = b
            .focus
            .note
            .saturating_add_signed(step)
            .min(len.saturating_sub(1));
    } else {
        b.scroll[zone] = b.scroll[zone]
            .saturating_add_signed(step)
            .min(len.saturating_sub(1));
    }
}
