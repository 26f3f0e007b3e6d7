//! The problem and solution tree drawn as trees: consequences in the crown
//! above, the core problem as the trunk, causes as roots below, each
//! top-level branch a column with the cards that hang from it.
//!
//! A tree is never flattened into plain columns, since the group must
//! always see which cause hangs under which. When the branches do not fit
//! side by side, the cards first get narrower, then the branches scroll
//! sideways (following the focused card), and at last the part becomes an
//! indented outline that still shows every card under its parent.

use ratatui::layout::Rect;

use super::cards::{ZoneView, content};
use super::layout::{Arrangement, BoardLayout, Decor, Slot, inner};
use super::navigate::Direction;
use super::scroll::first_shown;
use std::rc::Rc;

use super::tree_cards::{Owners, Positions, branch_fits, owners, tallest, zone_positions};
use super::tree_outline::outline;
use super::{BoardState, Focus};
use crate::i18n::Lang;
use crate::methods::TreePart;
use crate::model::Branch;

pub use super::tree_cards::cards;
pub use super::tree_fit::PartView;
use super::tree_fit::{Fit, MIN_BRANCH, choose, split, window};
pub(super) use super::tree_fit::{marks, view_of};
pub use super::tree_outline::connectors;

/// Below this height the stems between the parts give their rows to the
/// cards.
const STEMS_FROM: u16 = 16;

/// Lays out the trees in `body`; false if the method has none.
pub fn layout(b: &BoardState, lang: Lang, body: Rect, out: &mut BoardLayout) -> bool {
    let trees = b.method.trees();
    if trees.is_empty() {
        return false;
    }
    out.arrangement = Arrangement::Tree;
    let focus_zone = &b.method.zones[b.focus.zone].id;
    let focused_tree = trees
        .iter()
        .position(|t| [&t.roots, &t.trunk, &t.crown].contains(&focus_zone));
    // Both trees side by side only when each part could have all its
    // branches in half the width; a quick count spares the full try.
    let half = usize::from((body.width / 2).saturating_sub(2));
    let could = b.index.trees.iter().all(|t| {
        [t.crown.len(), t.roots.len()]
            .iter()
            .all(|n| n.saturating_mul(usize::from(MIN_BRANCH)) <= half)
    });
    if trees.len() > 1 && body.width >= 150 && could {
        let all: Vec<usize> = (0..trees.len()).collect();
        place(b, lang, body, &all, out);
        // Both trees side by side only while both are drawn in full with
        // cards of the usual width; otherwise the focused one gets the
        // whole width.
        if out
            .tree
            .iter()
            .all(|(_, v)| matches!(v, PartView::Branches { column } if *column >= MIN_BRANCH))
        {
            return true;
        }
        out.slots.clear();
        out.decor.clear();
        out.tree.clear();
        out.scroll.clear();
    }
    let one = if trees.len() == 1 {
        0
    } else {
        focused_tree.unwrap_or_else(|| usize::from(b.phase_is_solution()))
    };
    place(b, lang, body, &[one], out);
    true
}

/// Places the trees `shown` side by side in `body` and decides how each
/// part is drawn.
fn place(b: &BoardState, lang: Lang, body: Rect, shown: &[usize], out: &mut BoardLayout) {
    let trees = b.method.trees();
    let others = other_zones(b, body.height);
    let strip = if others.is_empty() { 0 } else { 6 };
    let tree_height = body.height.saturating_sub(strip);
    let width = body.width / shown.len().max(1) as u16;
    let view = b.view();
    let owners = owners(&view, lang);
    for (k, t) in shown.iter().enumerate() {
        let zones = &trees[*t];
        let x = body.x + width * k as u16;
        let last = k + 1 == shown.len();
        let zone = |id: &str| b.method.zones.iter().position(|z| z.id == id);
        let area = Rect::new(
            x,
            body.y,
            if last {
                body.width - width * k as u16
            } else {
                width
            },
            tree_height,
        );
        let stems = area.height >= STEMS_FROM;
        let gap = u16::from(stems);
        let trunk_width = (area.width * 3 / 5).max(24).min(area.width);
        // The core problem is the one card everyone must read: the trunk
        // grows to show it, within limits that leave the crown and roots
        // their room.
        let most = if area.height < 30 {
            4
        } else {
            7u16.min(area.height / 4)
        };
        let wanted = zone(&zones.trunk).map_or(1, |z| {
            trunk_lines(&view, z, trunk_width.saturating_sub(2), lang)
        });
        let trunk_height = (wanted + 2).clamp(3, most.max(3));
        let rest = area.height.saturating_sub(trunk_height + 2 * gap);
        // Where each note of a part is, worked out once for the part.
        let parts: Vec<(usize, Rc<Positions>)> = [&zones.crown, &zones.trunk, &zones.roots]
            .into_iter()
            .filter_map(|id| zone(id))
            .map(|z| (z, zone_positions(&view, z)))
            .collect();
        let at = |z: usize| parts.iter().find(|(k, _)| *k == z).map(|(_, a)| a);
        let need = |id: &str| {
            zone(id).zip(zone(id).and_then(at)).map_or(0, |(z, a)| {
                need(
                    b,
                    &view,
                    (z, a),
                    area.width.saturating_sub(2),
                    &owners,
                    lang,
                )
            })
        };
        let (band, _) = split(rest, need(&zones.crown), need(&zones.roots));
        let crown = Rect::new(area.x, area.y, area.width, band);
        let trunk = Rect::new(
            area.x + (area.width - trunk_width) / 2,
            crown.y + crown.height + gap,
            trunk_width,
            trunk_height,
        );
        let roots_y = trunk.y + trunk.height + gap;
        let roots = Rect::new(
            area.x,
            roots_y,
            area.width,
            (area.y + area.height).saturating_sub(roots_y),
        );
        for (id, rect) in [
            (&zones.crown, crown),
            (&zones.trunk, trunk),
            (&zones.roots, roots),
        ] {
            let Some(z) = zone(id) else { continue };
            out.slots.push(Slot {
                board: b.board,
                zone: z,
                rect,
            });
            let part = at(z).and_then(|a| part_view(b, &view, (z, a), inner(rect), &owners, lang));
            if let Some((v, first)) = part {
                out.tree.push((z, v));
                out.scroll.push((z, first));
            } else {
                listed(b, &view, z, rect, lang, out);
            }
        }
        if stems {
            let centre = area.x + area.width / 2;
            out.decor
                .push(Decor::Stem(Rect::new(centre, crown.y + crown.height, 1, 1)));
            out.decor
                .push(Decor::Stem(Rect::new(centre, trunk.y + trunk.height, 1, 1)));
        }
    }
    let each = body.width / (others.len().max(1) as u16);
    for (k, zone) in others.iter().enumerate() {
        let x = body.x + each * k as u16;
        let width = if k + 1 == others.len() {
            body.x + body.width - x
        } else {
            each
        };
        let rect = Rect::new(x, body.y + tree_height, width, strip);
        out.slots.push(Slot {
            board: b.board,
            zone: *zone,
            rect,
        });
        listed(b, &view, *zone, rect, lang, out);
    }
}

/// Scrolls a zone of the tree listed like a column (the trunk, the strip
/// below) so that its focused card is shown.
fn listed(
    b: &BoardState,
    view: &ZoneView,
    zone: usize,
    rect: Rect,
    lang: Lang,
    out: &mut BoardLayout,
) {
    let wanted = b.scroll.get(zone).copied().unwrap_or(0);
    let first = first_shown(view, zone, inner(rect), wanted, 0, lang);
    out.scroll.push((zone, first));
}

/// Rows (with the frame) the part in `zone` needs to show its branches
/// side by side in `width` columns.
fn need(
    b: &BoardState,
    view: &ZoneView,
    (zone, at): (usize, &Positions),
    width: u16,
    owners: &Owners,
    lang: Lang,
) -> u16 {
    let Some((branches, _)) = branches(b, view, zone) else {
        return 3;
    };
    let count = u16::try_from(branches.len().max(1)).unwrap_or(u16::MAX);
    let column = (width / count).max(MIN_BRANCH).min(width);
    tallest(view, branches, at, column, owners, lang).max(1) + 2
}

/// Rows the cards of the trunk in `zone` take in a frame `width` wide.
fn trunk_lines(view: &ZoneView, zone: usize, width: u16, lang: Lang) -> u16 {
    let notes = view.index.zones.get(zone).map_or(&[][..], Vec::as_slice);
    let rows: usize = notes
        .iter()
        .map(|i| content(view, *i, width, lang).len() + 1)
        .sum();
    u16::try_from(rows.saturating_sub(1)).unwrap_or(u16::MAX)
}

/// How the crown or roots in `zone` are drawn in `area`, and the first
/// branch or line shown; `None` for the trunk.
fn part_view(
    b: &BoardState,
    view: &ZoneView,
    (zone, at): (usize, &Positions),
    area: Rect,
    owners: &Owners,
    lang: Lang,
) -> Option<(PartView, usize)> {
    let (branches, which) = branches(b, view, zone)?;
    let fit = choose(branches.len(), area.width, |column| {
        branch_fits(view, branches, at, column, area.height, owners, lang)
    });
    let wanted = b.scroll.get(zone).copied().unwrap_or(0);
    let focus = b
        .focused_note()
        .filter(|_| b.focus.zone == zone && view.focus.is_some());
    Some(match fit {
        Fit::Branches(column) => (PartView::Branches { column }, 0),
        Fit::Scrolled { column, shown } => {
            let count = branches.len();
            let held = focus.and_then(|id| {
                branches
                    .iter()
                    .position(|br| br.cards.iter().any(|(c, _)| *c == id))
            });
            let first = window(count, shown, wanted, held);
            (
                PartView::Scrolled {
                    column,
                    first,
                    shown,
                    count,
                },
                first,
            )
        }
        Fit::Outline => {
            let lines = outline(at, branches, which);
            let shown = usize::from(area.height).clamp(1, lines.len().max(1));
            let held = lines.iter().position(|l| l.pos == b.focus.note);
            let held = held.filter(|_| focus.is_some());
            let first = window(lines.len(), shown, wanted, held);
            let lines = lines.len();
            (
                PartView::Outline {
                    first,
                    shown,
                    lines,
                },
                first,
            )
        }
    })
}

/// The zones outside the trees (assumptions, focus questions) that show
/// in a strip below them, side by side: the focused one always, the ones
/// that hold notes when there is room, assumptions on a tall screen, and
/// any other zone while the phase writes in it.
fn other_zones(b: &BoardState, height: u16) -> Vec<usize> {
    b.method
        .zones
        .iter()
        .enumerate()
        .filter(|(_, z)| z.part.is_none())
        .filter(|(i, z)| {
            let notes = b.zone_len(*i) > 0;
            let wanted = if z.assumptions {
                height >= 30
            } else {
                b.zone_active(*i)
            };
            *i == b.focus.zone || wanted || notes && height >= 24
        })
        .map(|(i, _)| i)
        .collect()
}

/// The branches of the tree part in `zone`.
pub(super) fn branches<'a>(
    b: &'a BoardState,
    view: &ZoneView<'a>,
    zone: usize,
) -> Option<(&'a [Branch], TreePart)> {
    let id = &b.method.zones[zone].id;
    let trees = b.method.trees();
    let t = trees
        .iter()
        .position(|t| &t.roots == id || &t.crown == id)?;
    let tree = view.index.trees.get(t)?;
    if &trees[t].roots == id {
        Some((&tree.roots, TreePart::Roots))
    } else {
        Some((&tree.crown, TreePart::Crown))
    }
}

/// Moves focus where looking at the cards on screen cannot: to a branch
/// scrolled off to the side, or to the next line of an outline even when
/// it is scrolled off. `None` leaves the step to the cards on screen.
pub(super) fn step(b: &BoardState, l: &BoardLayout, dir: Direction) -> Option<Focus> {
    let zone = b.focus.zone;
    let part = view_of(l, zone)?;
    let view = b.view();
    let (branches, which) = branches(b, &view, zone)?;
    let at = zone_positions(&view, zone);
    match (part, dir) {
        (PartView::Outline { .. }, Direction::Up | Direction::Down) => {
            let lines = outline(&at, branches, which);
            let i = lines.iter().position(|l| l.pos == b.focus.note)?;
            let j = match dir {
                Direction::Up => i.checked_sub(1)?,
                _ => i + 1,
            };
            lines.get(j).map(|l| Focus { zone, note: l.pos })
        }
        (
            PartView::Scrolled {
                first,
                shown,
                count,
                ..
            },
            Direction::Left | Direction::Right,
        ) => {
            let id = b.focused_note()?;
            let held = branches
                .iter()
                .position(|br| br.cards.iter().any(|(c, _)| *c == id))?;
            let target = match dir {
                Direction::Left => held.checked_sub(1)?,
                _ => Some(held + 1).filter(|t| *t < count)?,
            };
            if (first..first + shown).contains(&target) {
                return None;
            }
            branches[target]
                .cards
                .iter()
                .find_map(|(c, _)| at.get(c))
                .map(|(pos, _)| Focus { zone, note: *pos })
        }
        _ => None,
    }
}

impl BoardState {
    /// Whether the current phase works on the solution tree.
    pub fn phase_is_solution(&self) -> bool {
        let trees = self.method.trees();
        let Some(solution) = trees.get(1) else {
            return false;
        };
        (0..self.method.zones.len())
            .filter(|z| self.zone_active(*z))
            .any(|z| {
                let id = &self.method.zones[z].id;
                [&solution.roots, &solution.trunk, &solution.crown].contains(&id)
            })
    }
}
