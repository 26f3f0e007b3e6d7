//! Where everything on the board goes, as a pure function of the state
//! and the screen size. Drawing, mouse clicks and moving focus all use it,
//! so a click lands on what is drawn.

use ratatui::layout::Rect;

use super::BoardState;
use super::cards::{ZoneCards, cards};
use super::columns::columns;
use super::scroll::first_shown;
use super::{chain, pack, tree};
use crate::i18n::Lang;
use crate::methods::{GridSize, Mode, Shape};
use crate::tui::app::Prefs;

/// A grid cell smaller than this makes the grid fall back to columns.
const MIN_CELL: (u16, u16) = (16, 5);
/// Width of the guidance panel beside the zones, when there is room.
const GUIDANCE_SIDE: u16 = 44;
/// Height of the guidance panel under the zones otherwise.
const GUIDANCE_BELOW: u16 = 7;

/// How the zones are arranged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Arrangement {
    /// Side by side, scrolling sideways when they do not all fit.
    #[default]
    Columns,
    /// On the method's grid.
    Grid,
    /// As a tree: crown above, trunk, roots below.
    Tree,
    /// One box per participant, their zones stacked.
    Backpack,
}

/// One zone of one board, placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    /// The board, by position in the session.
    pub board: usize,
    /// The zone, by position in the method.
    pub zone: usize,
    /// Its frame.
    pub rect: Rect,
}

/// Drawing that belongs to a shape rather than to a zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decor {
    /// An arrow between two links of a chain.
    Arrow(Rect),
    /// The opening or narrowing band above a Double Diamond zone.
    Band {
        /// The zone under it.
        zone: usize,
        /// Where it goes.
        rect: Rect,
        /// Opening or narrowing.
        mode: Mode,
    },
    /// The trunk line between the crown, the trunk and the roots.
    Stem(Rect),
    /// The line from the end of one row of a chain to the start of the
    /// next.
    Turn(Rect),
    /// A participant's backpack around their zones.
    Backpack {
        /// The board.
        board: usize,
        /// The box.
        rect: Rect,
    },
    /// The method's central questions.
    Questions(Rect),
}

/// The board's areas.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BoardLayout {
    /// Title, phase and timer.
    pub header: Rect,
    /// The zones shown.
    pub slots: Vec<Slot>,
    /// How they are arranged.
    pub arrangement: Arrangement,
    /// Shape drawing.
    pub decor: Vec<Decor>,
    /// Zones (or backpacks) left of the first one shown.
    pub hidden_left: usize,
    /// Zones (or backpacks) right of the last one shown.
    pub hidden_right: usize,
    /// The first zone column shown.
    pub zone_scroll: usize,
    /// Per shown zone of the focused board, the first note shown (in a
    /// tree's crown and roots: the first branch or outline line).
    pub scroll: Vec<(usize, usize)>,
    /// How each part of a tree is drawn, by zone.
    pub tree: Vec<(usize, tree::PartView)>,
    /// The notes in no zone of the method, under the zones.
    pub unplaced: Option<Rect>,
    /// The guidance panel.
    pub guidance: Option<Rect>,
    /// The status line.
    pub status: Option<Rect>,
    /// Blank rows between cards.
    pub gap: u16,
    /// Zones folded to a narrow strip (empty, of a phase still to come).
    pub strips: Vec<usize>,
}

/// The inside of a zone's frame.
pub fn inner(rect: Rect) -> Rect {
    Rect::new(
        rect.x + 1,
        rect.y + 1,
        rect.width.saturating_sub(2),
        rect.height.saturating_sub(2),
    )
}

/// Lays out the board in `area`.
pub fn layout(b: &BoardState, prefs: &Prefs, area: Rect) -> BoardLayout {
    let projector = prefs.projector;
    let header = Rect::new(area.x, area.y, area.width, 4.min(area.height));
    let status_height = u16::from(!projector);
    let mut body = Rect::new(
        area.x,
        area.y + header.height,
        area.width,
        area.height.saturating_sub(header.height + status_height),
    );
    let status = (!projector).then(|| Rect::new(area.x, area.y + area.height - 1, area.width, 1));
    let mut guidance = None;
    if b.guidance && !projector {
        if area.width >= 140 {
            let g = Rect::new(
                body.x + body.width - GUIDANCE_SIDE,
                body.y,
                GUIDANCE_SIDE,
                body.height,
            );
            body.width -= GUIDANCE_SIDE;
            guidance = Some(g);
        } else {
            let h = GUIDANCE_BELOW.min(body.height / 2);
            guidance = Some(Rect::new(body.x, body.y + body.height - h, body.width, h));
            body.height -= h;
        }
    }
    let unplaced = super::unplaced::strip(b, &mut body);
    let mut out = BoardLayout {
        header,
        unplaced,
        guidance,
        status,
        gap: 1,
        ..BoardLayout::default()
    };
    let native = match (b.method.shape, b.method.layout) {
        (Shape::Grid, Some(size)) => grid(b, size, body, &mut out),
        (Shape::Tree, _) => tree::layout(b, prefs.lang, body, &mut out),
        (Shape::Backpack, _) => pack::layout(b, usize::from(projector), body, &mut out),
        (Shape::Chain, _) => {
            chain::layout(b, usize::from(projector), body, &mut out);
            true
        }
        _ => false,
    };
    if !native {
        out.slots.clear();
        out.decor.clear();
        let mut columns_body = body;
        if b.method.shape == Shape::Diamond && body.height > 12 {
            columns_body.y += 2;
            columns_body.height -= 2;
        }
        columns(b, usize::from(projector), columns_body, &mut out);
        decorate_columns(b, body, &mut out);
    }
    if out.arrangement == Arrangement::Tree {
        // The tree worked out its own scrolling.
        return out;
    }
    let view = b.view();
    out.scroll = out
        .slots
        .iter()
        .filter(|s| s.board == b.board)
        .map(|s| {
            let wanted = b.scroll.get(s.zone).copied().unwrap_or(0);
            (
                s.zone,
                first_shown(&view, s.zone, inner(s.rect), wanted, out.gap, prefs.lang),
            )
        })
        .collect();
    out
}

fn grid(b: &BoardState, size: GridSize, body: Rect, out: &mut BoardLayout) -> bool {
    let x =
        |c: u16| body.x + (u32::from(body.width) * u32::from(c) / u32::from(size.columns)) as u16;
    let y = |r: u16| body.y + (u32::from(body.height) * u32::from(r) / u32::from(size.rows)) as u16;
    for (i, zone) in b.method.zones.iter().enumerate() {
        let Some(cell) = zone.grid else { return false };
        let rect = Rect::new(
            x(cell.column),
            y(cell.row),
            x(cell.column + cell.columns) - x(cell.column),
            y(cell.row + cell.rows) - y(cell.row),
        );
        if rect.width < MIN_CELL.0 || rect.height < MIN_CELL.1 {
            return false;
        }
        out.slots.push(Slot {
            board: b.board,
            zone: i,
            rect,
        });
    }
    out.arrangement = Arrangement::Grid;
    true
}

/// Which of `count` things side by side are shown when `fits` fit across:
/// the window keeps `focus` in view and moves as little as it can from
/// `wanted`. Records what is hidden on each side in `out`.
pub(super) fn window(
    count: usize,
    focus: usize,
    wanted: usize,
    fits: u16,
    out: &mut BoardLayout,
) -> (usize, usize) {
    let visible = usize::from(fits).clamp(1, count);
    let focus = focus.min(count - 1);
    let mut start = wanted.min(count - visible);
    if focus < start {
        start = focus;
    } else if focus >= start + visible {
        start = focus + 1 - visible;
    }
    out.zone_scroll = start;
    out.hidden_left = start;
    out.hidden_right = count - start - visible;
    (start, visible)
}

/// The `k`th of `of` equal columns of `body`.
pub(super) fn share(body: Rect, k: usize, of: usize) -> Rect {
    let x0 = body.x + (u32::from(body.width) * k as u32 / of as u32) as u16;
    let x1 = body.x + (u32::from(body.width) * (k as u32 + 1) / of as u32) as u16;
    Rect::new(x0, body.y, x1 - x0, body.height)
}

/// Opening and narrowing bands over the zones of a Double Diamond (a
/// chain draws its own arrows).
fn decorate_columns(b: &BoardState, body: Rect, out: &mut BoardLayout) {
    match b.method.shape {
        Shape::Diamond if body.height > 12 => {
            for slot in out.slots.iter().filter(|s| !out.strips.contains(&s.zone)) {
                let zone_id = &b.method.zones[slot.zone].id;
                let mode = b
                    .method
                    .phases
                    .iter()
                    .find(|p| p.zones.first() == Some(zone_id))
                    .and_then(|p| p.mode);
                if let Some(mode) = mode {
                    out.decor.push(Decor::Band {
                        zone: slot.zone,
                        rect: Rect::new(slot.rect.x, body.y, slot.rect.width, 2),
                        mode,
                    });
                }
            }
        }
        _ => {}
    }
}

impl BoardLayout {
    /// The cards shown in a slot.
    pub fn cards_of(&self, b: &BoardState, slot: &Slot, lang: Lang) -> ZoneCards {
        let Some(view) = b.view_of(slot.board) else {
            return ZoneCards::default();
        };
        if self.arrangement == Arrangement::Tree {
            return tree::cards(b, &view, slot, lang, self);
        }
        let start = if slot.board == b.board {
            self.scroll
                .iter()
                .find(|(z, _)| *z == slot.zone)
                .map_or(0, |(_, s)| *s)
        } else {
            0
        };
        cards(&view, slot.zone, inner(slot.rect), start, self.gap, lang)
    }

    /// What lies under the cell at `col`, `row`: a board and zone, and a
    /// note's place in the zone if the click was on a card.
    pub fn hit(
        &self,
        b: &BoardState,
        col: u16,
        row: u16,
        lang: Lang,
    ) -> Option<(usize, usize, Option<usize>)> {
        let inside =
            |r: &Rect| col >= r.x && col < r.x + r.width && row >= r.y && row < r.y + r.height;
        let slot = self.slots.iter().find(|s| inside(&s.rect))?;
        let card = self
            .cards_of(b, slot, lang)
            .cards
            .into_iter()
            .find(|c| inside(&c.rect))
            .map(|c| c.pos);
        Some((slot.board, slot.zone, card))
    }
}
