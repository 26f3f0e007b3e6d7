//! Where everything on the board goes, as a pure function of the state
//! and the screen size. Drawing and mouse clicks both use it, so a click
//! lands on what is drawn.

use ratatui::layout::Rect;

use super::BoardState;
use super::cards::{Card, cards, first_shown};
use crate::methods::{GridSize, Shape};
use crate::tui::app::Prefs;

/// Narrowest zone column, normally and on the projector.
const MIN_COLUMN: [u16; 2] = [24, 30];
/// A grid cell smaller than this makes the grid fall back to columns.
const MIN_CELL: (u16, u16) = (16, 5);
/// Width of the guidance panel beside the zones, when there is room.
const GUIDANCE_SIDE: u16 = 44;
/// Height of the guidance panel under the zones otherwise.
const GUIDANCE_BELOW: u16 = 7;

/// The board's areas.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BoardLayout {
    /// Title, phase and timer.
    pub header: Rect,
    /// The zones, each with its method position.
    pub zones: Vec<(usize, Rect)>,
    /// Zones left of the first shown column.
    pub hidden_left: usize,
    /// Zones right of the last shown column.
    pub hidden_right: usize,
    /// The first zone column shown.
    pub zone_scroll: usize,
    /// Per shown zone, the first note shown.
    pub scroll: Vec<(usize, usize)>,
    /// The guidance panel.
    pub guidance: Option<Rect>,
    /// The status line.
    pub status: Option<Rect>,
    /// Blank rows between cards.
    pub gap: u16,
    /// The zones sit on the method's grid (not in columns).
    pub grid: bool,
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
    let header_height = 4;
    let header = Rect::new(area.x, area.y, area.width, header_height.min(area.height));
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
    let mut out = BoardLayout {
        header,
        guidance,
        status,
        gap: 1,
        ..BoardLayout::default()
    };
    let grid = match (b.method.shape, b.method.layout) {
        (Shape::Grid, Some(size)) => grid(b, size, body),
        _ => None,
    };
    match grid {
        Some(zones) => {
            out.zones = zones;
            out.grid = true;
        }
        None => columns(b, usize::from(projector), body, &mut out),
    }
    let lang = prefs.lang;
    out.scroll = out
        .zones
        .iter()
        .map(|(z, rect)| {
            let wanted = b.scroll.get(*z).copied().unwrap_or(0);
            (*z, first_shown(b, *z, inner(*rect), wanted, out.gap, lang))
        })
        .collect();
    out
}

fn grid(b: &BoardState, size: GridSize, body: Rect) -> Option<Vec<(usize, Rect)>> {
    let x =
        |c: u16| body.x + (u32::from(body.width) * u32::from(c) / u32::from(size.columns)) as u16;
    let y = |r: u16| body.y + (u32::from(body.height) * u32::from(r) / u32::from(size.rows)) as u16;
    let mut zones = Vec::new();
    for (i, zone) in b.method.zones.iter().enumerate() {
        let cell = zone.grid?;
        let rect = Rect::new(
            x(cell.column),
            y(cell.row),
            x(cell.column + cell.columns) - x(cell.column),
            y(cell.row + cell.rows) - y(cell.row),
        );
        if rect.width < MIN_CELL.0 || rect.height < MIN_CELL.1 {
            return None;
        }
        zones.push((i, rect));
    }
    Some(zones)
}

fn columns(b: &BoardState, projector: usize, body: Rect, out: &mut BoardLayout) {
    let n = b.method.zones.len();
    if n == 0 {
        return;
    }
    let visible = usize::from(body.width / MIN_COLUMN[projector]).clamp(1, n);
    let focus = b.focus.zone.min(n - 1);
    let mut start = b.zone_scroll.min(n - visible);
    if focus < start {
        start = focus;
    } else if focus >= start + visible {
        start = focus + 1 - visible;
    }
    out.zone_scroll = start;
    out.hidden_left = start;
    out.hidden_right = n - start - visible;
    for k in 0..visible {
        let x0 = body.x + (u32::from(body.width) * k as u32 / visible as u32) as u16;
        let x1 = body.x + (u32::from(body.width) * (k as u32 + 1) / visible as u32) as u16;
        out.zones
            .push((start + k, Rect::new(x0, body.y, x1 - x0, body.height)));
    }
}

impl BoardLayout {
    /// The cards shown in the zone at method position `zone`.
    pub fn cards_of(&self, b: &BoardState, zone: usize, lang: crate::i18n::Lang) -> Vec<Card> {
        let Some((_, rect)) = self.zones.iter().find(|(z, _)| *z == zone) else {
            return Vec::new();
        };
        let start = self
            .scroll
            .iter()
            .find(|(z, _)| *z == zone)
            .map_or(0, |(_, s)| *s);
        cards(b, zone, inner(*rect), start, self.gap, lang)
    }

    /// What lies under the cell at `col`, `row`: a zone, and a note's place
    /// in it if the click was on a card.
    pub fn hit(
        &self,
        b: &BoardState,
        col: u16,
        row: u16,
        lang: crate::i18n::Lang,
    ) -> Option<(usize, Option<usize>)> {
        let inside =
            |r: &Rect| col >= r.x && col < r.x + r.width && row >= r.y && row < r.y + r.height;
        let (zone, _) = self.zones.iter().find(|(_, r)| inside(r))?;
        let card = self
            .cards_of(b, *zone, lang)
            .into_iter()
            .find(|c| inside(&c.rect))
            .map(|c| c.pos);
        Some((*zone, card))
    }
}
