//! The board's menus: moving a note to a zone, clusters, boards, where a
//! card hangs, setting cards aside, and where to carry notes.

use uuid::Uuid;

use super::dialogs::{FormPurpose, SetAside, compare, open_form, set_aside};
use super::{BoardState, board_mut, dialogs::apply};
use crate::i18n::Lang;
use crate::strings::{Noun, Ui, count};
use crate::tui::app::{App, Effect};
use crate::tui::layers::{Layer, MenuItem, MenuState};

/// What choosing a menu item does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MenuAction {
    /// Move the note to the zone at this position.
    MoveTo(Uuid, usize),
    /// Make a new cluster of the chosen notes.
    ClusterNew(Vec<Uuid>),
    /// Put the chosen notes into this cluster.
    ClusterAdd(Vec<Uuid>, Uuid),
    /// Take the note out of its cluster.
    ClusterLeave(Uuid),
    /// Give the cluster a new title.
    ClusterRename(Uuid),
    /// Move the notes of one cluster into another.
    ClusterMerge {
        /// The cluster that goes.
        from: Uuid,
        /// The cluster that stays.
        into: Uuid,
    },
    /// Remove the cluster; its notes stay.
    ClusterDissolve(Uuid),
    /// Makes a cluster private, or public once its title was seen.
    ClusterPrivate(Uuid, bool),
    /// Show the board at this position.
    BoardSwitch(usize),
    /// Add an empty board.
    BoardNew,
    /// Add a copy of the shown board.
    BoardCopy,
    /// Rename the shown board.
    BoardRename,
    /// Compare the shown board with the one at this position.
    BoardCompare(usize),
    /// Give a new participant a backpack.
    BoardParticipant,
    /// Hang the note from this card.
    Parent(Uuid, Uuid),
    /// Attach the note to this step, or detach it.
    Attach(Uuid, Option<Uuid>),
    /// Set the note aside in this way.
    SetAside(Uuid, SetAside),
    /// Carry the notes into a session of this method.
    CarryMethod(Vec<Uuid>, String),
    /// Carry the notes into this zone of that method.
    CarryZone(Vec<Uuid>, String, String),
    /// A plan step from this method, put in at this position.
    PlanMethod(usize, String),
    /// This phase of that method into the plan at this position.
    PlanPhase(usize, String, String),
}

pub(crate) fn item(label: impl Into<String>, action: MenuAction) -> MenuItem {
    MenuItem {
        label: label.into(),
        action,
    }
}

fn push(app: &mut App, title: Ui, items: Vec<MenuItem>) {
    if items.is_empty() {
        app.say(app.t(Ui::NothingToChoose));
        return;
    }
    let title = title.text(app.prefs.lang).to_string();
    app.layers.push(Layer::Menu(MenuState::new(title, items)));
}

/// The notes a move applies to: the marked ones, or else the focused one.
pub fn chosen(b: &BoardState) -> Vec<Uuid> {
    if b.marked.is_empty() {
        b.focused_note().into_iter().collect()
    } else {
        b.marked.clone()
    }
}

/// The zone picker for moving the focused note.
pub fn move_menu(app: &mut App) {
    let lang = app.prefs.lang;
    let Some(b) = app.board() else { return };
    let Some(note) = b.focused_note() else { return };
    let items = b
        .method
        .zones
        .iter()
        .enumerate()
        .map(|(i, z)| item(z.name.get(lang), MenuAction::MoveTo(note, i)))
        .collect();
    let here = b.focus.zone;
    push(app, Ui::PickerTitle, items);
    if let Some(Layer::Menu(menu)) = app.layers.last_mut() {
        menu.selected = here;
    }
}

/// Cluster choices for the chosen notes and the focused note's cluster.
pub fn cluster_menu(app: &mut App) {
    let lang = app.prefs.lang;
    let Some(b) = app.board() else { return };
    let notes = chosen(b);
    let Some(focused) = b.focused_index().map(|i| &b.session().notes[i]) else {
        return;
    };
    let t = |ui: Ui| ui.text(lang).to_string();
    let projector = app.prefs.projector;
    // On the projector a private cluster's title is not shown, nor offered.
    let here: Vec<_> = b
        .session()
        .clusters
        .iter()
        .filter(|c| c.board == focused.board && c.zone == focused.zone)
        .filter(|c| !(projector && c.private))
        .collect();
    let mut items = vec![item(
        t(Ui::MenuClusterNew).replace("{n}", &count(lang, notes.len(), Noun::Note)),
        MenuAction::ClusterNew(notes.clone()),
    )];
    for c in &here {
        if focused.cluster != Some(c.id) || notes.len() > 1 {
            items.push(item(
                t(Ui::MenuClusterAdd).replace("{title}", &c.title),
                MenuAction::ClusterAdd(notes.clone(), c.id),
            ));
        }
    }
    if let Some(own) = focused
        .cluster
        .and_then(|id| here.iter().find(|c| c.id == id))
    {
        items.push(item(
            t(Ui::MenuClusterLeave),
            MenuAction::ClusterLeave(focused.id),
        ));
        items.push(item(
            t(Ui::MenuClusterRename).replace("{title}", &own.title),
            MenuAction::ClusterRename(own.id),
        ));
        for other in here.iter().filter(|c| c.id != own.id) {
            items.push(item(
                t(Ui::MenuClusterMerge).replace("{title}", &other.title),
                MenuAction::ClusterMerge {
                    from: own.id,
                    into: other.id,
                },
            ));
        }
        items.push(item(
            t(Ui::MenuClusterDissolve).replace("{title}", &own.title),
            MenuAction::ClusterDissolve(own.id),
        ));
        let (label, private) = if own.private {
            (Ui::MenuClusterPublic, false)
        } else {
            (Ui::MenuClusterPrivate, true)
        };
        items.push(item(
            t(label).replace("{title}", &own.title),
            MenuAction::ClusterPrivate(own.id, private),
        ));
    }
    push(app, Ui::ClusterMenuTitle, items);
}

/// Boards: switch, add, copy, rename, compare; a backpack per participant.
pub fn boards_menu(app: &mut App) {
    let lang = app.prefs.lang;
    let Some(b) = app.board() else { return };
    let t = |ui: Ui| ui.text(lang).to_string();
    let s = b.session();
    let mut items: Vec<MenuItem> = s
        .boards
        .iter()
        .enumerate()
        .map(|(i, board)| {
            let mark = if i == b.board { "▶ " } else { "  " };
            item(format!("{mark}{}", board.name), MenuAction::BoardSwitch(i))
        })
        .collect();
    if b.method.boards.per_participant {
        items.push(item(
            t(Ui::MenuBoardParticipant),
            MenuAction::BoardParticipant,
        ));
    } else {
        items.push(item(t(Ui::MenuBoardNew), MenuAction::BoardNew));
        items.push(item(t(Ui::MenuBoardCopy), MenuAction::BoardCopy));
    }
    items.push(item(t(Ui::MenuBoardRename), MenuAction::BoardRename));
    for (i, board) in s.boards.iter().enumerate().filter(|(i, _)| *i != b.board) {
        items.push(item(
            t(Ui::MenuBoardCompare).replace("{name}", &board.name),
            MenuAction::BoardCompare(i),
        ));
    }
    push(app, Ui::BoardsMenuTitle, items);
}

/// Drop a card, bring it back, or make it an assumption.
pub fn set_aside_menu(app: &mut App) {
    let lang = app.prefs.lang;
    let Some(b) = app.board() else { return };
    let Some(note) = b.focused_index().map(|i| &b.session().notes[i]) else {
        return;
    };
    let mut items = Vec::new();
    if note.status.is_active() {
        items.push(item(
            Ui::MenuDrop.text(lang),
            MenuAction::SetAside(note.id, SetAside::Drop),
        ));
    } else {
        items.push(item(
            Ui::MenuRestore.text(lang),
            MenuAction::SetAside(note.id, SetAside::Restore),
        ));
    }
    if let Some(z) = b.method.assumptions_zone().filter(|z| z.id != note.zone) {
        items.push(item(
            Ui::MenuAssumption
                .text(lang)
                .replace("{zone}", z.name.get(lang)),
            MenuAction::SetAside(note.id, SetAside::Assumption),
        ));
    }
    push(app, Ui::SetAsideTitle, items);
}

/// The methods the chosen notes can be carried into.
pub fn carry_menu(app: &mut App) {
    let lang = app.prefs.lang;
    let Some(b) = app.board() else { return };
    if !b.room.queue.is_empty() {
        // Carrying forward opens the new session, and the queue, in memory
        // only, would go with this board.
        let text = Ui::QueueFirst
            .text(lang)
            .replace("{n}", &b.room.queue.len().to_string());
        app.warn(text);
        return;
    }
    let notes = chosen(b);
    if notes.is_empty() {
        return;
    }
    let items = app
        .methods
        .all()
        .iter()
        .map(|m| {
            item(
                m.method.name.get(lang),
                MenuAction::CarryMethod(notes.clone(), m.method.id.clone()),
            )
        })
        .collect();
    push(app, Ui::CarryMenuTitle, items);
}

fn carry_zones(app: &mut App, notes: Vec<Uuid>, method: String, lang: Lang) {
    let Some(m) = app.methods.get(&method) else {
        return;
    };
    let items = m
        .zones
        .iter()
        .map(|z| {
            item(
                z.name.get(lang),
                MenuAction::CarryZone(notes.clone(), method.clone(), z.id.clone()),
            )
        })
        .collect();
    push(app, Ui::CarryZoneTitle, items);
}

/// Does what a chosen menu item says.
pub fn choose(app: &mut App, action: MenuAction) -> Vec<Effect> {
    let now = app.clock.now();
    let lang = app.prefs.lang;
    let clear_marks = |app: &mut App| {
        if let Some(b) = board_mut(app) {
            b.marked.clear();
        }
    };
    match action {
        MenuAction::MoveTo(note, zone) => super::move_to_zone(app, note, zone),
        MenuAction::ClusterNew(notes) => {
            open_form(app, FormPurpose::ClusterTitle(notes));
            Vec::new()
        }
        MenuAction::ClusterAdd(notes, cluster) => {
            let effects = apply(app, move |s, _| {
                notes
                    .iter()
                    .try_for_each(|n| s.set_cluster(*n, Some(cluster), now))
            });
            clear_marks(app);
            effects
        }
        MenuAction::ClusterLeave(note) => apply(app, move |s, _| s.set_cluster(note, None, now)),
        MenuAction::ClusterRename(id) => {
            open_form(app, FormPurpose::RenameCluster(id));
            Vec::new()
        }
        MenuAction::ClusterMerge { from, into } => {
            apply(app, move |s, _| s.merge_clusters(from, into, now))
        }
        MenuAction::ClusterDissolve(id) => apply(app, move |s, _| s.dissolve_cluster(id, now)),
        MenuAction::ClusterPrivate(id, private) => {
            let effects = apply(app, move |s, _| {
                s.set_item_private(crate::model::Item::Cluster(id), private, now)
            });
            if !effects.is_empty() {
                app.say(app.t(if private {
                    Ui::NowPrivate
                } else {
                    Ui::ItemNowPublic
                }));
            }
            effects
        }
        MenuAction::BoardSwitch(i) => {
            let prefs = app.prefs.clone();
            if let Some(b) = board_mut(app) {
                b.board = i;
                b.focus.note = 0;
                b.reindex(&prefs);
            }
            Vec::new()
        }
        MenuAction::BoardNew => {
            open_form(app, FormPurpose::NewBoard(None));
            Vec::new()
        }
        MenuAction::BoardCopy => {
            let from = app.board().map(|b| b.board_id());
            open_form(app, FormPurpose::NewBoard(from));
            Vec::new()
        }
        MenuAction::BoardRename => {
            if let Some(id) = app.board().map(|b| b.board_id()) {
                open_form(app, FormPurpose::RenameBoard(id));
            }
            Vec::new()
        }
        MenuAction::BoardCompare(other) => {
            compare(app, other);
            Vec::new()
        }
        MenuAction::BoardParticipant => {
            open_form(app, FormPurpose::NewParticipant);
            Vec::new()
        }
        MenuAction::Parent(child, parent) => {
            let effects = apply(app, move |s, m| s.set_tree_parent(m, child, parent, now));
            super::link::keep_focus_on(app, child);
            effects
        }
        MenuAction::Attach(note, step) => {
            let effects = apply(app, move |s, m| s.attach(m, note, step, now));
            super::link::keep_focus_on(app, note);
            effects
        }
        MenuAction::SetAside(note, how) => set_aside(app, note, how),
        MenuAction::CarryMethod(notes, method) => {
            carry_zones(app, notes, method, lang);
            Vec::new()
        }
        MenuAction::CarryZone(notes, method, zone) => {
            open_form(
                app,
                FormPurpose::Carry {
                    notes,
                    method,
                    zone,
                },
            );
            Vec::new()
        }
        MenuAction::PlanMethod(at, method) => {
            super::plan_steps::phases_menu(app, at, &method);
            Vec::new()
        }
        MenuAction::PlanPhase(at, method, phase) => {
            super::plan_steps::add(app, at, &method, &phase)
        }
    }
}
