//! The picker for where a card hangs in a tree, or which step it is
//! attached to: the cards in tree order, indented by depth, narrowed by
//! typing; focus stays on the card afterwards.

use uuid::Uuid;

use super::board_mut;
use super::menus::{MenuAction, item};
use crate::model::text::fit;
use crate::strings::Ui;
use crate::tui::app::App;
use crate::tui::layers::{Layer, MenuItem, MenuState};

/// Where the focused card can hang (tree) or attach (chain): a list in
/// tree order, narrowed by typing, titled with the card being hung.
pub fn link_menu(app: &mut App) {
    let lang = app.prefs.lang;
    let Some(b) = app.board() else { return };
    let Some(note) = b.focused_index().map(|i| b.session().notes[i].clone()) else {
        return;
    };
    let Some(zone) = b.method.zone(&note.zone) else {
        return;
    };
    let s = b.session();
    // On the projector a private note is not offered either.
    let projector = app.prefs.projector;
    let shown = |n: &crate::model::Note| !(projector && n.private);
    let one_line = |n: &crate::model::Note, room: usize| fit(&n.text.replace('\n', " "), room);
    let zone_name = |id: &str| {
        b.method
            .zone(id)
            .map_or(id.to_string(), |z| z.name.get(lang).to_string())
    };
    let title = |ui: Ui| ui.text(lang).replace("{card}", &one_line(&note, 30));
    if let Some(target) = &zone.attaches_to {
        let mut items: Vec<MenuItem> = s
            .notes_in(note.board, target)
            .filter(|n| shown(n))
            .map(|n| {
                item(
                    format!("{}: {}", zone_name(target), one_line(n, 50)),
                    MenuAction::Attach(note.id, Some(n.id)),
                )
            })
            .collect();
        items.push(item(
            Ui::MenuDetach.text(lang),
            MenuAction::Attach(note.id, None),
        ));
        let title = title(Ui::AttachMenuTitle);
        push_searchable(app, title, items);
        return;
    }
    let Some(tree) = b
        .method
        .trees()
        .into_iter()
        .find(|t| t.roots == note.zone || t.crown == note.zone)
    else {
        app.warn(app.t(Ui::LinkNotHere));
        return;
    };
    let grown = s.tree(&tree, note.board);
    let branches = if tree.roots == note.zone {
        &grown.roots
    } else {
        &grown.crown
    };
    let trunk = s
        .notes_in(note.board, &tree.trunk)
        .map(|n| (n.id, 0))
        .collect::<Vec<_>>();
    let cards = trunk.into_iter().chain(
        branches
            .iter()
            .flat_map(|br| br.flatten().iter().map(|(id, d)| (*id, d + 1))),
    );
    let cards: Vec<(Uuid, usize)> = cards
        .chain(grown.looped.iter().map(|id| (*id, 1)))
        .collect();
    // The card itself and the cards below it cannot be its parent.
    let below = below(&cards, note.id);
    let items: Vec<MenuItem> = cards
        .iter()
        .filter(|(id, _)| *id != note.id && !below.contains(id))
        .filter_map(|(id, depth)| s.note(*id).ok().map(|n| (n, *depth)))
        .filter(|(n, _)| shown(n) && n.status.is_active())
        .filter(|(n, _)| n.zone == note.zone || n.zone == tree.trunk)
        .map(|(n, depth)| {
            let label = if depth == 0 {
                format!("{}: {}", zone_name(&tree.trunk), one_line(n, 50))
            } else {
                let indent = "  ".repeat(depth - 1);
                format!(
                    "{indent}└ {}",
                    one_line(n, 50usize.saturating_sub(2 * depth))
                )
            };
            item(label, MenuAction::Parent(note.id, n.id))
        })
        .collect();
    let title = title(Ui::ParentMenuTitle);
    push_searchable(app, title, items);
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

fn push_searchable(app: &mut App, title: String, items: Vec<MenuItem>) {
    if items.is_empty() {
        app.say(app.t(Ui::NothingToChoose));
        return;
    }
    app.layers
        .push(Layer::Menu(MenuState::searchable(title, items)));
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
