//! The picker for where a card hangs in a tree, or which step it is
//! attached to: the cards in tree order, indented by depth, narrowed by
//! typing; focus stays on the card afterwards.

use uuid::Uuid;

use super::menus::{MenuAction, item};
use super::{BoardState, board_mut};
use crate::i18n::Lang;
use crate::model::Note;
use crate::model::text::fit;
use crate::strings::Ui;
use crate::tui::app::App;
use crate::tui::layers::{Layer, MenuItem, MenuState};

/// Where the focused card can hang (tree) or attach (chain): a list in
/// tree order, narrowed by typing, titled with the card being hung.
pub fn link_menu(app: &mut App) {
    let lang = app.prefs.lang;
    let projector = app.prefs.projector;
    let Some(b) = app.board() else { return };
    let Some(note) = b.focused_index().map(|i| b.session().notes[i].clone()) else {
        return;
    };
    let Some(zone) = b.method.zone(&note.zone) else {
        return;
    };
    let picked = match &zone.attaches_to {
        Some(target) => Some((
            Ui::AttachMenuTitle,
            steps(b, &note, target, lang, projector),
        )),
        None => tree_cards(b, &note, lang, projector).map(|items| (Ui::ParentMenuTitle, items)),
    };
    let Some((title, items)) = picked else {
        app.warn(app.t(Ui::LinkNotHere));
        return;
    };
    let title = title.text(lang).replace("{card}", &one_line(&note, 30));
    if items.is_empty() {
        app.say(app.t(Ui::NothingToChoose));
        return;
    }
    app.layers
        .push(Layer::Menu(MenuState::searchable(title, items)));
}

fn one_line(n: &Note, room: usize) -> String {
    fit(&n.text.replace('\n', " "), room)
}

/// On the projector a private note is not offered either.
fn offered(n: &Note, projector: bool) -> bool {
    !(projector && n.private)
}

fn zone_name(b: &BoardState, id: &str, lang: Lang) -> String {
    b.method
        .zone(id)
        .map_or(id.to_string(), |z| z.name.get(lang).to_string())
}

/// The steps of the chain `note` can be attached to, in board order, and
/// taking it off its step.
fn steps(b: &BoardState, note: &Note, target: &str, lang: Lang, projector: bool) -> Vec<MenuItem> {
    let name = zone_name(b, target, lang);
    let mut items: Vec<MenuItem> = b
        .session()
        .notes_in(note.board, target)
        .filter(|n| offered(n, projector))
        .map(|n| {
            item(
                format!("{name}: {}", one_line(n, 50)),
                MenuAction::Attach(note.id, Some(n.id)),
            )
        })
        .collect();
    items.push(item(
        Ui::MenuDetach.text(lang),
        MenuAction::Attach(note.id, None),
    ));
    items
}

/// The cards `note` can hang under: the trunk, then its part of the tree
/// depth first, indented by depth; not the card itself nor the cards
/// below it, which would make a loop. Nothing if it is in no tree.
fn tree_cards(b: &BoardState, note: &Note, lang: Lang, projector: bool) -> Option<Vec<MenuItem>> {
    let tree = b
        .method
        .trees()
        .into_iter()
        .find(|t| t.roots == note.zone || t.crown == note.zone)?;
    let s = b.session();
    let grown = s.tree(&tree, note.board);
    let branches = if tree.roots == note.zone {
        &grown.roots
    } else {
        &grown.crown
    };
    let cards: Vec<(Uuid, usize)> = s
        .notes_in(note.board, &tree.trunk)
        .map(|n| (n.id, 0))
        .chain(
            branches
                .iter()
                .flat_map(|br| br.flatten().iter().map(|(id, d)| (*id, d + 1))),
        )
        .chain(grown.looped.iter().map(|id| (*id, 1)))
        .collect();
    let below = below(&cards, note.id);
    let trunk = zone_name(b, &tree.trunk, lang);
    let items = cards
        .iter()
        .filter(|(id, _)| *id != note.id && !below.contains(id))
        .filter_map(|(id, depth)| s.note(*id).ok().map(|n| (n, *depth)))
        .filter(|(n, _)| offered(n, projector) && n.status.is_active())
        .filter(|(n, _)| n.zone == note.zone || n.zone == tree.trunk)
        .map(|(n, depth)| {
            let label = match depth {
                0 => format!("{trunk}: {}", one_line(n, 50)),
                _ => format!(
                    "{}└ {}",
                    "  ".repeat(depth - 1),
                    one_line(n, 50usize.saturating_sub(2 * depth))
                ),
            };
            item(label, MenuAction::Parent(note.id, n.id))
        })
        .collect();
    Some(items)
}

/// The cards that hang below `card` in a depth-first list.
fn below(cards: &[(Uuid, usize)], card: Uuid) -> Vec<Uuid> {
    let Some(at) = cards.iter().position(|(id, _)| *id == card) else {
        return Vec::new();
    };
    let depth = cards[at].1;
    cards[at + 1..]
        .iter()
        .take_while(|(_, d)| *d > depth)
        .map(|(id, _)| *id)
        .collect()
}

/// Focus stays on the card just hung, wherever the tree now draws it.
pub(super) fn keep_focus_on(app: &mut App, note: Uuid) {
    let prefs = app.prefs.clone();
    let size = app.size;
    if let Some(b) = board_mut(app) {
        b.focus_note(note);
        b.keep_focus_visible(&prefs, size);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cards_below_a_card_end_at_its_own_depth() {
        let id: Vec<Uuid> = (0..5).map(|_| Uuid::new_v4()).collect();
        let cards = [(id[0], 0), (id[1], 1), (id[2], 2), (id[3], 1), (id[4], 2)];
        assert_eq!(below(&cards, id[1]), [id[2]]);
        assert_eq!(below(&cards, id[0]), id[1..].to_vec());
        assert!(below(&cards, id[4]).is_empty());
        assert!(below(&cards, Uuid::nil()).is_empty());
    }
}
