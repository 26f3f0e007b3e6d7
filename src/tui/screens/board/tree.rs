//! The problem and solution tree drawn as trees: consequences in the crown
//! above, the core problem as the trunk, causes as roots below, each
//! top-level branch a column with the cards that hang from it.

use std::collections::HashMap;

use ratatui::layout::Rect;
use uuid::Uuid;

use super::BoardState;
use super::cards::{Card, ZoneCards, ZoneView, cards as list_cards, content};
use super::layout::{Arrangement, BoardLayout, Decor, Slot, inner};
use crate::i18n::Lang;
use crate::methods::TreePart;
use crate::model::Branch;

/// A branch column narrower than this makes the board fall back to columns.
const MIN_BRANCH: u16 = 18;
/// Columns a card moves right per level of depth.
const INDENT: u16 = 2;

/// Lays out the trees in `body`; false if they do not fit.
pub fn layout(b: &BoardState, lang: Lang, body: Rect, out: &mut BoardLayout) -> bool {
    let trees = b.method.trees();
    if trees.is_empty() {
        return false;
    }
    let focus_zone = &b.method.zones[b.focus.zone].id;
    let others = other_zones(b, body.height);
    let focused_tree = trees
        .iter()
        .position(|t| [&t.roots, &t.trunk, &t.crown].contains(&focus_zone));
    let shown: Vec<usize> = if body.width >= 150 || trees.len() == 1 {
        (0..trees.len()).collect()
    } else {
        vec![focused_tree.unwrap_or_else(|| usize::from(b.phase_is_solution()))]
    };
    let strip = if others.is_empty() { 0 } else { 6 };
    let tree_height = body.height.saturating_sub(strip);
    let width = body.width / shown.len() as u16;
    for (k, t) in shown.iter().enumerate() {
        let zones = &trees[*t];
        let x = body.x + width * k as u16;
        let area = Rect::new(
            x,
            body.y,
            if k + 1 == shown.len() {
                body.width - width * k as u16
            } else {
                width
            },
            tree_height,
        );
        let trunk_height = if area.height < 30 {
            3
        } else {
            5u16.min(area.height / 4)
        };
        let band = (area.height.saturating_sub(trunk_height + 2)) / 2;
        let crown = Rect::new(area.x, area.y, area.width, band);
        let trunk_width = (area.width * 3 / 5).max(24).min(area.width);
        let trunk = Rect::new(
            area.x + (area.width - trunk_width) / 2,
            crown.y + crown.height + 1,
            trunk_width,
            trunk_height,
        );
        let roots_y = trunk.y + trunk.height + 1;
        let roots = Rect::new(area.x, roots_y, area.width, area.y + area.height - roots_y);
        let zone = |id: &str| b.method.zones.iter().position(|z| z.id == id);
        for (id, rect) in [
            (&zones.crown, crown),
            (&zones.trunk, trunk),
            (&zones.roots, roots),
        ] {
            if let Some(z) = zone(id) {
                out.slots.push(Slot {
                    board: b.board,
                    zone: z,
                    rect,
                });
            }
        }
        let centre = area.x + area.width / 2;
        out.decor
            .push(Decor::Stem(Rect::new(centre, crown.y + crown.height, 1, 1)));
        out.decor
            .push(Decor::Stem(Rect::new(centre, trunk.y + trunk.height, 1, 1)));
    }
    let each = body.width / (others.len().max(1) as u16);
    for (k, zone) in others.iter().enumerate() {
        let x = body.x + each * k as u16;
        let width = if k + 1 == others.len() {
            body.x + body.width - x
        } else {
            each
        };
        out.slots.push(Slot {
            board: b.board,
            zone: *zone,
            rect: Rect::new(x, body.y + tree_height, width, strip),
        });
    }
    out.arrangement = Arrangement::Tree;
    let view = b.view();
    out.slots.iter().all(|slot| fits(b, &view, slot, lang))
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

fn part(b: &BoardState, zone: usize) -> Option<TreePart> {
    b.method.zones.get(zone).and_then(|z| z.part)
}

/// The branches of the tree part in `zone`.
fn branches<'a>(
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

/// Whether every card of the slot has room. Stops at the first branch
/// that does not fit, so a very deep tree costs little to reject.
fn fits(b: &BoardState, view: &ZoneView, slot: &Slot, lang: Lang) -> bool {
    let area = inner(slot.rect);
    match part(b, slot.zone) {
        Some(TreePart::Roots | TreePart::Crown) => {
            let Some((branches, _)) = branches(b, view, slot.zone) else {
                return true;
            };
            if branches.is_empty() {
                return true;
            }
            let column = area.width / branches.len() as u16;
            if column < MIN_BRANCH {
                return false;
            }
            let at = positions(view);
            branches.iter().all(|branch| {
                let mut used: u16 = 0;
                for (id, depth) in branch.flatten() {
                    let Some(i) = at.get(id) else {
                        continue;
                    };
                    let (_, width) = card_width(column, *depth);
                    let h = content(view, *i, width, lang).len() as u16;
                    used = used.saturating_add(h + 1);
                    if used > area.height + 1 {
                        return false;
                    }
                }
                true
            })
        }
        _ => true,
    }
}

/// Where each note is in the session, looked up once per drawing rather
/// than searched for per card.
fn positions(view: &ZoneView) -> HashMap<Uuid, usize> {
    view.session
        .notes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id, i))
        .collect()
}

/// Per note of `zone` (by id): its place in the zone and in the session.
fn zone_positions(view: &ZoneView, zone: usize) -> HashMap<Uuid, (usize, usize)> {
    view.index
        .zones
        .get(zone)
        .into_iter()
        .flatten()
        .enumerate()
        .filter_map(|(pos, i)| view.session.notes.get(*i).map(|n| (n.id, (pos, *i))))
        .collect()
}

fn card_width(column: u16, depth: usize) -> (u16, u16) {
    let indent = (depth.min(usize::from(u16::MAX)) as u16)
        .saturating_mul(INDENT)
        .min(column / 3);
    (indent, column.saturating_sub(indent + 1))
}

/// The cards of a slot of the tree.
pub fn cards(b: &BoardState, view: &ZoneView, slot: &Slot, lang: Lang) -> ZoneCards {
    let area = inner(slot.rect);
    let Some((branches, which)) = branches(b, view, slot.zone) else {
        return list_cards(view, slot.zone, area, 0, 0, lang);
    };
    let mut out = ZoneCards::default();
    if branches.is_empty() {
        return out;
    }
    let column = area.width / branches.len() as u16;
    let bottom = area.y + area.height;
    let at = zone_positions(view, slot.zone);
    for (c, branch) in branches.iter().enumerate() {
        let x0 = area.x + column * c as u16;
        let mut y_down = area.y;
        let mut y_up = bottom;
        for &(id, depth) in branch.flatten() {
            let Some(&(pos, index)) = at.get(&id) else {
                continue;
            };
            let (indent, width) = card_width(column, depth);
            let lines = content(view, index, width, lang);
            let h = lines.len() as u16;
            let y = match which {
                TreePart::Crown => {
                    y_up = y_up.saturating_sub(h).max(area.y);
                    let y = y_up;
                    y_up = y_up.saturating_sub(1);
                    y
                }
                _ => {
                    let y = y_down;
                    y_down += h + 1;
                    y
                }
            };
            if y >= bottom {
                continue;
            }
            let h = h.min(bottom - y);
            let joint = (depth > 0).then_some(if which == TreePart::Crown {
                '┌'
            } else {
                '└'
            });
            out.cards.push(Card {
                pos,
                rect: Rect::new(x0 + indent, y, width, h),
                lines,
                joint,
            });
        }
    }
    out
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
