//! A part of a tree as an indented outline, one line per card, each
//! under its parent with `├─`/`└─` connectors, so that every parent and
//! child relation stays readable however little room there is.

use std::collections::HashMap;

use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;
use uuid::Uuid;

use super::BoardState;
use super::cards::{Card, LineKind, ZoneView, content, text_width};
use super::layout::{BoardLayout, Slot, inner};
use super::tree::{PartView, branches, view_of};
use super::tree_cards::{Owners, owners, zone_positions};
use crate::i18n::Lang;
use crate::methods::TreePart;
use crate::model::Branch;
use crate::model::text::fit;

/// One line of an outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct OutlineLine {
    /// The card's place in its zone.
    pub pos: usize,
    /// Its place in the session.
    pub index: usize,
    /// The connectors before it, ending in `├─ `, `└─ ` or `┌─ `.
    pub prefix: String,
}

/// The outline of a part, top to bottom: each card under its parent with
/// the connectors that show where it hangs. The crown grows upwards from
/// the trunk, so its outline is the roots' outline turned upside down.
pub(super) fn outline(
    at: &HashMap<Uuid, (usize, usize)>,
    branches: &[Branch],
    which: TreePart,
) -> Vec<OutlineLine> {
    let items: Vec<(usize, usize, usize)> = branches
        .iter()
        .flat_map(|b| b.flatten().iter())
        .filter_map(|(id, depth)| at.get(id).map(|(pos, i)| (*pos, *i, *depth)))
        .collect();
    // A card is the last of its siblings when no card of its depth
    // follows before the walk climbs above that depth.
    let mut last = vec![false; items.len()];
    let mut later: Vec<bool> = Vec::new();
    for (k, (_, _, depth)) in items.iter().enumerate().rev() {
        later.resize(later.len().max(depth + 1), false);
        last[k] = !later[*depth];
        later[*depth] = true;
        later.truncate(depth + 1);
    }
    let mut bars: Vec<bool> = Vec::new();
    let mut lines: Vec<OutlineLine> = items
        .iter()
        .zip(&last)
        .map(|((pos, index, depth), is_last)| {
            bars.truncate(*depth);
            let mut prefix: String = bars
                .iter()
                .map(|open| if *open { "│  " } else { "   " })
                .collect();
            prefix.push_str(if *is_last { "└─ " } else { "├─ " });
            bars.resize(*depth, false);
            bars.push(!is_last);
            OutlineLine {
                pos: *pos,
                index: *index,
                prefix,
            }
        })
        .collect();
    if which == TreePart::Crown {
        lines.reverse();
        for l in &mut lines {
            l.prefix = l.prefix.replace('└', "┌");
        }
    }
    lines
}

/// The outline's lines from `first`, as one-line cards with the
/// connectors drawn before each.
#[allow(clippy::too_many_arguments)]
pub(super) fn outline_cards(
    view: &ZoneView,
    at: &HashMap<Uuid, (usize, usize)>,
    branches: &[Branch],
    which: TreePart,
    area: Rect,
    first: usize,
    shown: usize,
    owners: &Owners,
    lang: Lang,
) -> Vec<(Card, (Rect, String))> {
    let limit = usize::from(area.width / 2).max(3);
    outline(at, branches, which)
        .into_iter()
        .skip(first)
        .take(shown.min(usize::from(area.height)))
        .enumerate()
        .map(|(k, line)| {
            // Very deep cards keep their last levels of connectors.
            let mut prefix = line.prefix.trim_end().to_string();
            while prefix.width() + 1 > limit && !prefix.is_empty() {
                prefix.remove(0);
            }
            let lead = prefix.width() as u16;
            let y = area.y + k as u16;
            let width = area.width.saturating_sub(lead);
            let card = Card {
                pos: line.pos,
                rect: Rect::new(area.x + lead, y, width, 1),
                lines: vec![(
                    cut(&one_line(view, line.index, owners, lang), text_width(width)),
                    LineKind::Text,
                )],
                joint: None,
            };
            (card, (Rect::new(area.x, y, lead, 1), prefix))
        })
        .collect()
}

/// `text` in `width` columns, cut with "…" straight after the last word.
fn cut(text: &str, width: usize) -> String {
    let short = fit(text, width);
    match short.strip_suffix('…') {
        Some(kept) => format!("{}…", kept.trim_end()),
        None => short,
    }
}

/// A card's words, marks and watering can on one line.
fn one_line(view: &ZoneView, index: usize, owners: &Owners, lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut words = true;
    for (text, kind) in content(view, index, 2000, lang) {
        match kind {
            LineKind::Text if words => {
                parts.push(text);
                words = false;
            }
            LineKind::Meta => parts.push(text),
            _ => {}
        }
    }
    if let Some(owner) = owners.get(&view.session.notes[index].id) {
        parts.push(owner.clone());
    }
    parts.join("  ")
}

/// The connectors of an outline part, to draw beside its cards.
pub fn connectors(
    b: &BoardState,
    view: &ZoneView,
    slot: &Slot,
    lang: Lang,
    l: &BoardLayout,
) -> Vec<(Rect, String)> {
    let Some(PartView::Outline { first, shown, .. }) = view_of(l, slot.zone) else {
        return Vec::new();
    };
    let Some((branches, which)) = branches(b, view, slot.zone) else {
        return Vec::new();
    };
    let at = zone_positions(view, slot.zone);
    let owners = owners(view, lang);
    outline_cards(
        view,
        &at,
        branches,
        which,
        inner(slot.rect),
        first,
        shown,
        &owners,
        lang,
    )
    .into_iter()
    .map(|(_, c)| c)
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_outline_connects_each_card_to_its_parent_and_its_siblings() {
        let ids: Vec<Uuid> = (0..6).map(|k| Uuid::from_u128(k + 1)).collect();
        let branches = vec![
            Branch {
                cards: vec![(ids[0], 0), (ids[1], 1), (ids[2], 2), (ids[3], 1)],
            },
            Branch {
                cards: vec![(ids[4], 0), (ids[5], 1)],
            },
        ];
        let at: HashMap<Uuid, (usize, usize)> = ids
            .iter()
            .enumerate()
            .map(|(k, id)| (*id, (k, k)))
            .collect();
        let prefixes = |which| -> Vec<String> {
            outline(&at, &branches, which)
                .into_iter()
                .map(|l| l.prefix)
                .collect()
        };
        assert_eq!(
            prefixes(TreePart::Roots),
            ["├─ ", "│  ├─ ", "│  │  └─ ", "│  └─ ", "└─ ", "   └─ "]
        );
        assert_eq!(
            prefixes(TreePart::Crown),
            ["   ┌─ ", "┌─ ", "│  ┌─ ", "│  │  ┌─ ", "│  ├─ ", "├─ "]
        );
    }
}
