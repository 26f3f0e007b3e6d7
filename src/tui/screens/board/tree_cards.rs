//! The cards of a tree's crown and roots in branch columns side by side,
//! and who holds the watering can of a solution card.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;
use uuid::Uuid;

use super::BoardState;
use super::cards::{Card, LineKind, ZoneCards, ZoneView, cards as list_cards, content, text_width};
use super::layout::{BoardLayout, Slot, inner};
use super::tree::{PartView, branches, view_of};
use super::tree_outline::outline_cards;
use crate::i18n::Lang;
use crate::methods::TreePart;
use crate::model::text::fit;
use crate::model::{ActionStatus, Branch};
use crate::strings::Ui;

/// Columns a card moves right per level of depth in a branch column.
const INDENT: u16 = 2;

/// What a tree's layout works out about its cards, remembered between
/// frames until the index is rebuilt after a change: rows by note
/// (position in the session), width and language, and where the notes of
/// each part are. A cache only: two indexes are equal whatever it holds.
#[derive(Debug, Default)]
pub struct TreeCache {
    rows: RefCell<HashMap<(usize, u16, Lang), u16>>,
    places: RefCell<HashMap<usize, Rc<Positions>>>,
}

impl Clone for TreeCache {
    fn clone(&self) -> TreeCache {
        TreeCache {
            rows: RefCell::new(self.rows.borrow().clone()),
            places: RefCell::new(self.places.borrow().clone()),
        }
    }
}

impl PartialEq for TreeCache {
    fn eq(&self, _: &TreeCache) -> bool {
        true
    }
}

impl Eq for TreeCache {}

/// Rows a card of the note at `index` takes `width` wide.
fn rows_of(view: &ZoneView, index: usize, width: u16, owners: &Owners, lang: Lang) -> u16 {
    let key = (index, width, lang);
    if let Some(h) = view.index.tree_cache.rows.borrow().get(&key) {
        return *h;
    }
    let h = u16::try_from(card_lines(view, index, width, owners, lang).len()).unwrap_or(u16::MAX);
    view.index.tree_cache.rows.borrow_mut().insert(key, h);
    h
}

/// Per note, the watering-can line naming who took its action on.
pub(super) type Owners = HashMap<Uuid, String>;

/// Who took on an action made from each note (the watering cans of the
/// ownership phase). A private action names its owner only off the
/// projector; an action given up names nobody.
pub(super) fn owners(view: &ZoneView, lang: Lang) -> Owners {
    let mut names: HashMap<Uuid, Vec<&str>> = HashMap::new();
    for a in &view.session.actions {
        if a.private && view.index.hide_private || a.status == ActionStatus::Dropped {
            continue;
        }
        if let (Some(note), Some(owner)) = (a.note, a.owner.as_deref()) {
            let list = names.entry(note).or_default();
            if !list.contains(&owner) {
                list.push(owner);
            }
        }
    }
    names
        .into_iter()
        .map(|(note, list)| {
            let line = Ui::WateringCan
                .text(lang)
                .replace("{owner}", &list.join(", "));
            (note, line)
        })
        .collect()
}

/// Per note of a zone (by id): its place in the zone and in the session.
pub(super) type Positions = HashMap<Uuid, (usize, usize)>;

/// Where each note of `zone` is.
pub(super) fn zone_positions(view: &ZoneView, zone: usize) -> Rc<Positions> {
    let places = &view.index.tree_cache.places;
    if let Some(p) = places.borrow().get(&zone) {
        return Rc::clone(p);
    }
    let p: Rc<Positions> = Rc::new(positions(view, zone));
    places.borrow_mut().insert(zone, Rc::clone(&p));
    p
}

fn positions(view: &ZoneView, zone: usize) -> Positions {
    view.index
        .zones
        .get(zone)
        .into_iter()
        .flatten()
        .enumerate()
        .filter_map(|(pos, i)| view.session.notes.get(*i).map(|n| (n.id, (pos, *i))))
        .collect()
}

/// A card's lines in a branch column: its words and marks, and the
/// watering can's owner.
pub(super) fn card_lines(
    view: &ZoneView,
    index: usize,
    width: u16,
    owners: &Owners,
    lang: Lang,
) -> Vec<(String, LineKind)> {
    let mut lines = content(view, index, width, lang);
    if let Some(owner) = owners.get(&view.session.notes[index].id) {
        lines.push((fit(owner, text_width(width)), LineKind::Meta));
    }
    lines
}

fn card_width(column: u16, depth: usize) -> (u16, u16) {
    let indent = (depth.min(usize::from(u16::MAX)) as u16)
        .saturating_mul(INDENT)
        .min(column / 3);
    (indent, column.saturating_sub(indent + 1))
}

/// Words longer than this may be broken on a card; shorter ones never
/// are, so a column too narrow for them does not fit.
const LONG_WORD: usize = 16;

/// The widest word of a note, up to `LONG_WORD`.
fn widest_word(text: &str) -> usize {
    text.split_whitespace()
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
        .min(LONG_WORD)
}

/// Whether every branch has room in columns `column` wide and `height`
/// high, with no word broken in two. Stops at the first branch that does
/// not fit, so a very deep tree costs little to reject.
pub(super) fn branch_fits(
    view: &ZoneView,
    branches: &[Branch],
    at: &HashMap<Uuid, (usize, usize)>,
    column: u16,
    height: u16,
    owners: &Owners,
    lang: Lang,
) -> bool {
    branches.iter().all(|branch| {
        let mut used: u16 = 0;
        for (id, depth) in branch.flatten() {
            let Some((_, i)) = at.get(id) else { continue };
            let (_, width) = card_width(column, *depth);
            if text_width(width) < widest_word(&view.session.notes[*i].text) {
                return false;
            }
            let h = rows_of(view, *i, width, owners, lang);
            used = used.saturating_add(h + 1);
            if used > height + 1 {
                return false;
            }
        }
        true
    })
}

/// Rows the tallest branch takes in columns `column` wide.
pub(super) fn tallest(
    view: &ZoneView,
    branches: &[Branch],
    at: &HashMap<Uuid, (usize, usize)>,
    column: u16,
    owners: &Owners,
    lang: Lang,
) -> u16 {
    branches
        .iter()
        .map(|branch| {
            let rows: usize = branch
                .flatten()
                .iter()
                .filter_map(|(id, depth)| at.get(id).map(|(_, i)| (*i, *depth)))
                .map(|(i, depth)| {
                    let (_, width) = card_width(column, depth);
                    usize::from(rows_of(view, i, width, owners, lang)) + 1
                })
                .sum();
            u16::try_from(rows.saturating_sub(1)).unwrap_or(u16::MAX)
        })
        .max()
        .unwrap_or(0)
}

/// The cards of a slot of the tree.
pub fn cards(
    b: &BoardState,
    view: &ZoneView,
    slot: &Slot,
    lang: Lang,
    l: &BoardLayout,
) -> ZoneCards {
    let area = inner(slot.rect);
    let Some((branches, which)) = branches(b, view, slot.zone) else {
        let start = l
            .scroll
            .iter()
            .find(|(z, _)| *z == slot.zone)
            .map_or(0, |(_, s)| *s);
        return list_cards(view, slot.zone, area, start, 0, lang);
    };
    let mut out = ZoneCards::default();
    if branches.is_empty() {
        return out;
    }
    let owners = owners(view, lang);
    let at = zone_positions(view, slot.zone);
    let even = area.width / u16::try_from(branches.len()).unwrap_or(u16::MAX);
    let (column, first, shown) = match view_of(l, slot.zone) {
        Some(PartView::Outline { first, shown, .. }) => {
            out.cards = outline_cards(
                view, &at, branches, which, area, first, shown, &owners, lang,
            )
            .into_iter()
            .map(|(card, _)| card)
            .collect();
            return out;
        }
        Some(PartView::Scrolled {
            column,
            first,
            shown,
            ..
        }) => (column, first, shown),
        Some(PartView::Branches { column }) => (column, 0, branches.len()),
        None => (even, 0, branches.len()),
    };
    let bottom = area.y + area.height;
    for (c, branch) in branches.iter().enumerate().skip(first).take(shown) {
        let x0 = area.x + column * (c - first) as u16;
        let mut y_down = area.y;
        let mut y_up = bottom;
        for &(id, depth) in branch.flatten() {
            let Some(&(pos, index)) = at.get(&id) else {
                continue;
            };
            let (indent, width) = card_width(column, depth);
            let lines = card_lines(view, index, width, &owners, lang);
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
