//! Zones side by side. The running phase gets the room: the zones it
//! writes into are twice as wide as the others, and empty zones of phases
//! still to come fold to a narrow strip. Before any phase runs (and after
//! the last), all zones are equally wide.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};
use unicode_segmentation::UnicodeSegmentation;

use super::BoardState;
use super::layout::{Arrangement, BoardLayout, Slot};
use crate::tui::render::Ctx;

/// Narrowest zone column, normally and on the projector.
const MIN_COLUMN: [u16; 2] = [24, 30];
/// Width of a folded zone: its frame and three columns for the name,
/// one letter a row.
pub const STRIP: u16 = 5;

/// How much room a zone gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Room {
    /// The running phase writes into it: twice the share.
    Running,
    /// One share.
    Share,
    /// Empty, of a later phase, without focus: a strip.
    Strip,
}

fn room(b: &BoardState, zone: usize) -> Room {
    let Some(current) = b.phase_index() else {
        return Room::Share;
    };
    if b.zone_active(zone) {
        return Room::Running;
    }
    let id = &b.method.zones[zone].id;
    let first_phase = b.method.phases.iter().position(|p| p.zones.contains(id));
    let later = first_phase.is_some_and(|p| p > current);
    if later && b.zone_len(zone) == 0 && zone != b.focus.zone {
        Room::Strip
    } else {
        Room::Share
    }
}

/// Lays the zones out side by side in `body`, scrolling sideways when
/// they do not all fit.
pub fn columns(b: &BoardState, projector: usize, body: Rect, out: &mut BoardLayout) {
    out.arrangement = Arrangement::Columns;
    let n = b.method.zones.len();
    if n == 0 {
        return;
    }
    let rooms: Vec<Room> = (0..n).map(|z| room(b, z)).collect();
    let least = MIN_COLUMN[projector];
    let narrowest = |z: usize| match rooms[z] {
        Room::Strip => STRIP,
        _ => least,
    };
    // How many zones from `start` fit across; always at least one.
    let fit_from = |start: usize| {
        let mut used = 0;
        let mut k = 0;
        while start + k < n {
            let w = narrowest(start + k);
            if k > 0 && used + w > body.width {
                break;
            }
            used += w;
            k += 1;
        }
        k
    };
    let focus = b.focus.zone.min(n - 1);
    let mut start = b.zone_scroll.min(n - 1).min(focus);
    while focus >= start + fit_from(start) {
        start += 1;
    }
    // No room left empty on the right while zones hide on the left.
    while start > 0 && fit_from(start - 1) >= n - (start - 1) {
        start -= 1;
    }
    let visible = fit_from(start);
    out.zone_scroll = start;
    out.hidden_left = start;
    out.hidden_right = n - start - visible;
    let shown = &rooms[start..start + visible];
    let widths = widths(shown, body.width, least);
    let mut x = body.x;
    for (k, (width, kind)) in widths.into_iter().zip(shown).enumerate() {
        if *kind == Room::Strip {
            out.strips.push(start + k);
        }
        out.slots.push(Slot {
            board: b.board,
            zone: start + k,
            rect: Rect::new(x, body.y, width, body.height),
        });
        x += width;
    }
}

/// The width of each of `rooms` across `width`: strips get `STRIP`, a
/// running zone two shares, the others one share but never less than
/// `least` when there is room for it.
fn widths(rooms: &[Room], width: u16, least: u16) -> Vec<u16> {
    let count = |r: Room| rooms.iter().filter(|k| **k == r).count() as u32;
    let (running, shares, strips) = (count(Room::Running), count(Room::Share), count(Room::Strip));
    let rest = u32::from(width).saturating_sub(strips * u32::from(STRIP));
    let least = u32::from(least);
    // Weights of a running zone and of a share: two to one, unless one
    // share would be narrower than `least`; then shares get `least` (if
    // all wide zones can have it) and running zones what is left.
    let (run, share) = if running > 0 && shares > 0 && rest / (2 * running + shares) < least {
        let share = least.min(rest / (running + shares));
        ((rest - share * shares) / running, share)
    } else {
        (2, 1)
    };
    let total = (running * run + shares * share).max(1);
    let mut taken = 0;
    let mut edge = 0;
    rooms
        .iter()
        .map(|r| {
            let weight = match r {
                Room::Running => run,
                Room::Share => share,
                Room::Strip => return STRIP.min(width),
            };
            // Edges rounded from the running sum, so the wide zones fill
            // `rest` exactly.
            taken += weight;
            let next = rest * taken / total;
            let w = next - edge;
            edge = next;
            w as u16
        })
        .collect()
}

/// Draws a folded zone: its name one letter a row, its count under it,
/// and the sideways markers when it is the first or last zone shown.
pub fn draw_strip(b: &BoardState, l: &BoardLayout, ctx: &Ctx, frame: &mut Frame, slot: &Slot) {
    let t = &ctx.theme;
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(t.border);
    if l.hidden_left > 0 && l.slots.first() == Some(slot) {
        block = block.title(Line::styled("◀", t.key).left_aligned());
    }
    if l.hidden_right > 0 && l.slots.last() == Some(slot) {
        block = block.title(Line::styled("▶", t.key).right_aligned());
    }
    let inner = block.inner(slot.rect);
    frame.render_widget(block, slot.rect);
    let name = b.method.zones[slot.zone].name.get(ctx.lang());
    let count = b
        .view_of(slot.board)
        .and_then(|v| v.index.zones.get(slot.zone).map(Vec::len))
        .unwrap_or(0);
    // The name gets the rows the count and a blank row leave.
    let room = usize::from(inner.height).saturating_sub(2).max(1);
    let mut letters: Vec<&str> = name.graphemes(true).collect();
    if letters.len() > room {
        letters.truncate(room - 1);
        letters.push("…");
    }
    let mut lines: Vec<Line> = letters
        .into_iter()
        .map(|g| Line::styled(g, t.dim).centered())
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(format!("({count})"), t.dim).centered());
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    use super::{Room, STRIP, widths};

    #[test]
    fn before_any_phase_the_zones_are_equal() {
        assert_eq!(widths(&[Room::Share; 3], 80, 24), vec![26, 27, 27]);
    }

    #[test]
    fn the_running_zone_gets_twice_the_share_and_later_empty_zones_fold() {
        use Room::*;
        assert_eq!(widths(&[Share, Running, Share], 160, 24), vec![40, 80, 40]);
        assert_eq!(
            widths(&[Running, Strip, Strip], 80, 24),
            vec![70, STRIP, STRIP]
        );
        // At 80 columns a doubled share would leave the others too narrow
        // to read: they keep the narrowest readable width.
        assert_eq!(
            widths(&[Share, Running, Strip], 80, 24),
            vec![25, 50, STRIP]
        );
        assert_eq!(widths(&[Share, Running, Share], 80, 24), vec![24, 32, 24]);
        assert_eq!(
            widths(&[Share, Running, Share, Share], 96, 24),
            vec![24, 24, 24, 24]
        );
    }
}
