//! Moving focus: between notes, between zones (by column, or on a grid
//! and in a tree by where things are), between backpacks, and with the
//! mouse.

use ratatui::layout::Rect;

use super::layout::{Arrangement, BoardLayout};
use super::{BoardState, Focus, board_mut, layout};
use crate::tui::app::{App, Prefs};

/// A direction on the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Direction {
    Left,
    Right,
    Up,
    Down,
}

fn centre(r: Rect) -> (i32, i32) {
    (
        i32::from(r.x) * 2 + i32::from(r.width),
        i32::from(r.y) * 2 + i32::from(r.height),
    )
}

/// The rectangle among `candidates` nearest to `from` in `dir`.
fn nearest<T: Copy>(
    from: Rect,
    dir: Direction,
    candidates: impl Iterator<Item = (T, Rect)>,
) -> Option<T> {
    let (cx, cy) = centre(from);
    candidates
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
        .map(|(t, _)| t)
}

/// Moves focus one step in `dir` across the board as it is laid out.
/// Returns false if there is nowhere to go.
pub(super) fn step(b: &mut BoardState, prefs: &Prefs, area: Rect, dir: Direction) -> bool {
    let l = layout(b, prefs, area);
    match l.arrangement {
        Arrangement::Tree => step_card(b, &l, prefs, dir),
        Arrangement::Backpack => step_pack(b, prefs, dir),
        _ => step_list(b, &l, dir),
    }
}

/// Columns and grids: up and down go through a zone's notes, then (on a
/// grid) to the zone above or below; left and right go to the next zone.
fn step_list(b: &mut BoardState, l: &BoardLayout, dir: Direction) -> bool {
    let len = b.zone_len(b.focus.zone);
    match dir {
        Direction::Up if b.focus.note > 0 && len > 0 => {
            b.focus.note -= 1;
            return true;
        }
        Direction::Down if b.focus.note + 1 < len => {
            b.focus.note += 1;
            return true;
        }
        _ => {}
    }
    let current = b.focus.zone;
    let n = b.method.zones.len();
    // A chain wrapped into rows goes up and down between its rows.
    let rows = b.method.shape == crate::methods::Shape::Chain
        && matches!(dir, Direction::Up | Direction::Down);
    let next = if l.arrangement == Arrangement::Grid || rows {
        let Some(from) = l.slots.iter().find(|s| s.zone == current).map(|s| s.rect) else {
            return false;
        };
        nearest(
            from,
            dir,
            l.slots
                .iter()
                .filter(|s| s.zone != current)
                .map(|s| (s.zone, s.rect)),
        )
    } else {
        match dir {
            Direction::Left if current > 0 => Some(current - 1),
            Direction::Right if current + 1 < n => Some(current + 1),
            _ => None,
        }
    };
    let Some(zone) = next else { return false };
    let keep_row = b.focus.note;
    let last = b.zone_len(zone).saturating_sub(1);
    b.focus = Focus {
        zone,
        note: match dir {
            Direction::Up => last,
            Direction::Down => 0,
            _ => keep_row.min(last),
        },
    };
    true
}

/// Trees: to the nearest card that way, across branches and parts.
fn step_card(b: &mut BoardState, l: &BoardLayout, prefs: &Prefs, dir: Direction) -> bool {
    if let Some(focus) = super::tree::step(b, l, dir) {
        b.focus = focus;
        return true;
    }
    let cards: Vec<((usize, usize), Rect)> = l
        .slots
        .iter()
        .filter(|s| s.board == b.board)
        .flat_map(|s| {
            l.cards_of(b, s, prefs.lang)
                .cards
                .into_iter()
                .map(move |c| ((s.zone, c.pos), c.rect))
        })
        .collect();
    let from = cards
        .iter()
        .find(|((z, p), _)| *z == b.focus.zone && *p == b.focus.note)
        .map(|(_, r)| *r)
        .or_else(|| {
            l.slots
                .iter()
                .find(|s| s.zone == b.focus.zone)
                .map(|s| s.rect)
        });
    let Some(from) = from else { return false };
    let target = nearest(from, dir, cards.iter().copied()).or_else(|| {
        // An empty part has no cards; its frame can still take focus.
        nearest(from, dir, l.slots.iter().map(|s| ((s.zone, 0), s.rect)))
    });
    match target {
        Some((zone, note)) => {
            b.focus = Focus { zone, note };
            true
        }
        None => false,
    }
}

/// Backpacks: left and right to the neighbour's backpack, up and down
/// through the notes and then the zones of one backpack.
fn step_pack(b: &mut BoardState, prefs: &Prefs, dir: Direction) -> bool {
    let boards = b.session().boards.len();
    let zones = b.method.zones.len();
    match dir {
        Direction::Left | Direction::Right => {
            let next = match dir {
                Direction::Left if b.board > 0 => b.board - 1,
                Direction::Right if b.board + 1 < boards => b.board + 1,
                _ => return false,
            };
            b.board = next;
            b.reindex(prefs);
            true
        }
        Direction::Up | Direction::Down => {
            let len = b.zone_len(b.focus.zone);
            if dir == Direction::Up && b.focus.note > 0 && len > 0 {
                b.focus.note -= 1;
            } else if dir == Direction::Down && b.focus.note + 1 < len {
                b.focus.note += 1;
            } else if dir == Direction::Up && b.focus.zone > 0 {
                b.focus.zone -= 1;
                b.focus.note = b.zone_len(b.focus.zone).saturating_sub(1);
            } else if dir == Direction::Down && b.focus.zone + 1 < zones {
                b.focus = Focus {
                    zone: b.focus.zone + 1,
                    note: 0,
                };
            } else {
                return false;
            }
            true
        }
    }
}

/// Focuses what was clicked: a card, or a zone; on another backpack, that
/// backpack.
pub(super) fn click(app: &mut App, col: u16, row: u16) {
    let (prefs, area) = (app.prefs.clone(), Rect::new(0, 0, app.size.0, app.size.1));
    let Some(b) = board_mut(app) else { return };
    let l = layout(b, &prefs, area);
    let Some((board, zone, card)) = l.hit(b, col, row, prefs.lang) else {
        return;
    };
    if board != b.board {
        b.board = board;
        b.reindex(&prefs);
    }
    b.focus = Focus {
        zone,
        note: card.unwrap_or(if zone == b.focus.zone {
            b.focus.note
        } else {
            0
        }),
    };
}

/// Scrolls the zone under the pointer; in the focused zone, focus moves
/// along.
pub(super) fn wheel(app: &mut App, col: u16, row: u16, step: isize) {
    let (prefs, area) = (app.prefs.clone(), Rect::new(0, 0, app.size.0, app.size.1));
    let Some(b) = board_mut(app) else { return };
    let l = layout(b, &prefs, area);
    let Some((board, zone, _)) = l.hit(b, col, row, prefs.lang) else {
        return;
    };
    if board != b.board {
        return;
    }
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
