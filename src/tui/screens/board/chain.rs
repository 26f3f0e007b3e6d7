//! A chain (Theory of Change) laid out like lines of text: its links side
//! by side with arrows between them, wrapped into rows that read left to
//! right and top to bottom, so the whole chain is on the wall at once
//! instead of scrolling off to the side. A line between two rows leads
//! from the end of one row to the start of the next.

use ratatui::layout::Rect;

use super::BoardState;
use super::layout::{Arrangement, BoardLayout, Decor, Slot, share};
use super::tree_fit::window;

/// Narrowest link, normally and on the projector.
const MIN_LINK: [u16; 2] = [24, 30];
/// Lowest row of links worth drawing: a frame and a card or two.
const MIN_ROW: u16 = 8;

/// Rows of links across and down for `count` links in `width`×`height`:
/// (links per row, rows shown). As few rows as hold every link, evened
/// out so the rows are alike; when they do not all fit, as many rows as
/// fit, scrolling by rows.
pub(super) fn rows(count: usize, width: u16, height: u16, projector: usize) -> (usize, usize) {
    if count == 0 {
        return (1, 1);
    }
    let across = usize::from(width / MIN_LINK[projector.min(1)]).clamp(1, count);
    let needed = count.div_ceil(across);
    let fit = usize::from((height + 1) / (MIN_ROW + 1)).max(1);
    if needed <= fit {
        (count.div_ceil(needed), needed)
    } else {
        (across, fit)
    }
}

/// Lays out the links of a chain in `body`.
pub fn layout(b: &BoardState, projector: usize, body: Rect, out: &mut BoardLayout) {
    out.arrangement = Arrangement::Columns;
    let zones = &b.method.zones;
    let n = zones.len();
    if n == 0 {
        return;
    }
    let (across, rows) = rows(n, body.width, body.height, projector);
    let total = n.div_ceil(across);
    let focus_row = b.focus.zone.min(n - 1) / across;
    let first_row = window(total, rows, b.zone_scroll / across, Some(focus_row));
    let start = first_row * across;
    let end = n.min(start + rows * across);
    out.zone_scroll = start;
    out.hidden_left = start;
    out.hidden_right = n - end;
    let shown_rows = (end - start).div_ceil(across);
    let gaps = shown_rows.saturating_sub(1) as u16;
    let row_height = body.height.saturating_sub(gaps) / shown_rows.max(1) as u16;
    let mut previous: Option<Slot> = None;
    for r in 0..shown_rows {
        let y = body.y + r as u16 * (row_height + 1);
        let height = if r + 1 == shown_rows {
            (body.y + body.height).saturating_sub(y)
        } else {
            row_height
        };
        let row = Rect::new(body.x, y, body.width, height);
        for k in 0..across {
            let zone = start + r * across + k;
            if zone >= end {
                break;
            }
            let slot = Slot {
                board: b.board,
                zone,
                rect: share(row, k, across),
            };
            // Assumptions sit beside the chain rather than follow it.
            let next = &zones[zone];
            let leads_on = !(next.attaches_to.is_some() && next.assumptions);
            if let (Some(p), true) = (previous, leads_on) {
                out.decor.push(if k == 0 {
                    turn(p.rect, slot.rect)
                } else {
                    Decor::Arrow(Rect::new(
                        slot.rect.x.saturating_sub(1),
                        slot.rect.y + slot.rect.height / 2,
                        2,
                        1,
                    ))
                });
            }
            out.slots.push(slot);
            previous = Some(slot);
        }
    }
}

/// The line under the row that ends with `from`, leading back to `to` at
/// the start of the next row.
fn turn(from: Rect, to: Rect) -> Decor {
    let right = from.x + from.width / 2;
    let left = to.x + to.width / 2;
    let y = from.y + from.height;
    Decor::Turn(Rect::new(left.min(right), y, right.abs_diff(left) + 1, 1))
}

/// What the line between two rows looks like `width` wide: down from the
/// end of the row above, back left, and down into the row below.
pub(super) fn turn_line(width: u16) -> String {
    let width = usize::from(width);
    if width < 3 {
        return "↓".into();
    }
    let run = width - 2;
    let head = run / 2;
    format!(
        "┌{}◀{}┘",
        "─".repeat(head),
        "─".repeat(run.saturating_sub(head + 1))
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn eight_links_wrap_into_two_even_rows_on_a_large_screen() {
        // 160×48 beside the guidance panel: 116 columns, 43 rows.
        assert_eq!(rows(8, 116, 43, 0), (4, 2));
        // The whole width, and the projector.
        assert_eq!(rows(8, 160, 43, 0), (4, 2));
        assert_eq!(rows(8, 160, 44, 1), (4, 2));
        // 120×40 with the guidance under the board.
        assert_eq!(rows(8, 120, 28, 0), (4, 2));
    }

    #[test]
    fn a_small_screen_shows_as_many_rows_as_fit_and_scrolls_by_rows() {
        assert_eq!(rows(8, 80, 19, 0), (3, 2));
        assert_eq!(rows(8, 80, 12, 0), (3, 1));
        assert_eq!(rows(0, 80, 12, 0), (1, 1));
    }

    #[test]
    fn the_turn_between_rows_is_as_wide_as_asked() {
        for w in 0..40 {
            let line = turn_line(w);
            assert!(line.width() <= usize::from(w.max(1)), "{w}: {line}");
        }
        assert_eq!(turn_line(7), "┌──◀──┘");
    }
}
