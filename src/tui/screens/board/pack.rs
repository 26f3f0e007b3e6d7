//! Backpacks: one box per participant, side by side, each with its zones
//! stacked (take along, leave behind, need to add) and the weight of the
//! backpack meeting by meeting.

use ratatui::layout::Rect;

use super::BoardState;
use super::layout::{Arrangement, BoardLayout, Decor, Slot, share, window};

/// Narrowest backpack, normally and on the projector.
const MIN_PACK: [u16; 2] = [30, 36];

/// Lays out the backpacks in `body`.
pub fn layout(b: &BoardState, projector: usize, body: Rect, out: &mut BoardLayout) -> bool {
    let boards = b.session().boards.len();
    let zones = b.method.zones.len();
    if boards == 0 || zones == 0 || body.height < 12 {
        return false;
    }
    let questions = if body.height >= 20 && projector == 0 {
        2
    } else {
        0
    };
    if questions > 0 {
        out.decor.push(Decor::Questions(Rect::new(
            body.x,
            body.y + body.height - questions,
            body.width,
            questions,
        )));
    }
    let height = body.height - questions;
    let area = Rect::new(body.x, body.y, body.width, height);
    let (start, visible) = window(
        boards,
        b.board,
        b.zone_scroll,
        body.width / MIN_PACK[projector],
        out,
    );
    for k in 0..visible {
        let board = start + k;
        let pack = share(area, k, visible);
        out.decor.push(Decor::Backpack { board, rect: pack });
        let inside = Rect::new(
            pack.x + 1,
            pack.y + 1,
            pack.width.saturating_sub(2),
            pack.height.saturating_sub(2),
        );
        for z in 0..zones {
            let y0 = inside.y + (u32::from(inside.height) * z as u32 / zones as u32) as u16;
            let y1 = inside.y + (u32::from(inside.height) * (z as u32 + 1) / zones as u32) as u16;
            out.slots.push(Slot {
                board,
                zone: z,
                rect: Rect::new(inside.x, y0, inside.width, y1 - y0),
            });
        }
    }
    out.arrangement = Arrangement::Backpack;
    true
}

/// A participant's ratings as a small trend, such as `▆▅▃ 4→2`.
pub fn trend(ratings: &[Option<u8>]) -> String {
    let bars = ['▁', '▂', '▄', '▆', '█'];
    let given: Vec<u8> = ratings.iter().flatten().copied().collect();
    if given.is_empty() {
        return String::new();
    }
    let line: String = ratings
        .iter()
        .map(|r| r.map_or('·', |v| bars[usize::from(v.clamp(1, 5) - 1)]))
        .collect();
    match (given.first(), given.last()) {
        (Some(a), Some(z)) if given.len() > 1 => format!("{line} {a}→{z}"),
        (Some(a), _) => format!("{line} {a}"),
        _ => line,
    }
}

#[cfg(test)]
mod tests {
    use super::trend;

    #[test]
    fn the_trend_shows_each_meeting_and_the_change() {
        assert_eq!(trend(&[None, Some(4), Some(2)]), "·▆▂ 4→2");
        assert_eq!(trend(&[Some(5)]), "█ 5");
        assert_eq!(trend(&[None, None]), "");
    }
}
