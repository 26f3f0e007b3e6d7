//! Putting a phase of any method into the day's plan from the plan view:
//! a phase of the board's own method goes straight in; a phase of another
//! method runs in a session of its own that day, made the first time (and
//! linked both ways), as `sempre plan add ID METHOD:PHASE` does.

use uuid::Uuid;

use super::dialogs::apply;
use super::menus::{MenuAction, item};
use super::{BoardState, board_mut};
use crate::model::{ModelError, PlanItem, SessionRelation};
use crate::store::StoreError;
use crate::strings::{PlanText, Ui};
use crate::tui::app::{App, Effect};
use crate::tui::layers::{Layer, MenuState};

/// Where a new step goes: after the chosen one, or first in an empty plan.
pub fn insert_at(b: &BoardState, selected: usize) -> usize {
    let steps = b.session().plan.as_ref().map_or(0, |p| p.items.len());
    if steps == 0 {
        0
    } else {
        (selected + 1).min(steps)
    }
}

/// The menu of methods, the board's own first.
pub fn methods_menu(app: &mut App, at: usize) {
    let lang = app.prefs.lang;
    let Some(b) = app.board() else { return };
    let own = b.session().method.id.clone();
    let mut all: Vec<_> = app.methods.all().into_iter().map(|m| &m.method).collect();
    all.sort_by_key(|m| m.id != own);
    let items = all
        .iter()
        .map(|m| item(m.name.get(lang), MenuAction::PlanMethod(at, m.id.clone())))
        .collect();
    let title = Ui::PlanMethodTitle.text(lang).to_string();
    app.layers.push(Layer::Menu(MenuState::new(title, items)));
}

/// The menu of `method`'s phases, with their time boxes.
pub fn phases_menu(app: &mut App, at: usize, method: &str) {
    let lang = app.prefs.lang;
    let Some(m) = app.methods.get(method) else {
        return;
    };
    let items = m
        .phases
        .iter()
        .map(|p| {
            item(
                format!("{} ({} min)", p.name.get(lang), p.minutes),
                MenuAction::PlanPhase(at, method.to_string(), p.id.clone()),
            )
        })
        .collect();
    let title = Ui::PlanPhaseTitle
        .text(lang)
        .replace("{method}", m.name.get(lang));
    app.layers.push(Layer::Menu(MenuState::new(title, items)));
}

/// Puts `phase` of `method` into the plan at `at`. A phase of another
/// method with no session that day yet asks for one to be made first; a
/// step the plan would refuse (a phase planned already) is refused before
/// any session is made.
pub fn add(app: &mut App, at: usize, method: &str, phase: &str) -> Vec<Effect> {
    let lang = app.prefs.lang;
    let now = app.clock.now();
    let Some(target) = app.methods.get(method).cloned() else {
        return Vec::new();
    };
    let Some(minutes) = target.phase(phase).map(|p| p.minutes) else {
        return Vec::new();
    };
    let Some(b) = board_mut(app) else {
        return Vec::new();
    };
    if b.open.is_read_only() {
        // Nothing can be put into this plan: no session is made for it.
        app.warn(super::ChangeError::ReadOnly.message(lang));
        return Vec::new();
    }
    let host = b.session();
    let elsewhere = if host.method.id == method {
        None
    } else {
        match host.day_session_of(method) {
            Some(id) => Some(id),
            None => {
                let trial = PlanItem::phase(phase, minutes, Some((Uuid::nil(), method)));
                if let Err(e) = host.plan_accepts(&trial) {
                    app.warn(e.message(lang));
                    return Vec::new();
                }
                let session = host.new_day_session(&target, now);
                let item = PlanItem::phase(phase, minutes, Some((session.id, method)));
                return vec![Effect::CreateDaySession(
                    Box::new(session),
                    Box::new(item),
                    at,
                )];
            }
        }
    };
    let item = PlanItem::phase(phase, minutes, elsewhere.map(|id| (id, method)));
    insert(app, item, at, None)
}

/// The step as the plan view names it: the phase, and the method when it
/// is another one than the board's.
fn step_name(app: &App, item: &PlanItem) -> String {
    let lang = app.prefs.lang;
    let phase = item.phase.as_deref().unwrap_or_default();
    let Some(id) = &item.method else {
        let own = app
            .board()
            .and_then(|b| b.method.phase(phase).map(|p| p.name.get(lang).to_string()));
        return own.unwrap_or_else(|| phase.to_string());
    };
    match app.methods.get(id) {
        Some(m) => format!(
            "{} ({})",
            m.phase(phase).map_or(phase, |p| p.name.get(lang)),
            m.name.get(lang)
        ),
        None => format!("{phase} ({id})"),
    }
}

/// Puts `item` into the plan at `at`, linking this session to the day's
/// session `made` for it, in one change (one undo).
fn insert(app: &mut App, item: PlanItem, at: usize, made: Option<Uuid>) -> Vec<Effect> {
    let lang = app.prefs.lang;
    let now = app.clock.now();
    let minutes = item.minutes;
    let what = step_name(app, &item);
    let effects = apply(app, move |s, _| {
        s.plan_insert(item, Some(at), now)?;
        if let Some(id) = made {
            s.link_session(id, SessionRelation::LeadsTo, now);
        }
        Ok::<_, ModelError>(())
    });
    if effects.is_empty() {
        return effects;
    }
    if let Some(Layer::Plan(p)) = app.layers.last_mut() {
        p.selected = at;
    }
    app.say(
        PlanText::Added
            .text(lang)
            .replace("{n}", &(at + 1).to_string())
            .replace("{what}", &what)
            .replace("{minutes}", &minutes.to_string()),
    );
    effects
}

/// The day's session for a step was made (or could not be): links this
/// session to it and puts the step into the plan, or says why not.
pub fn day_session_made(
    app: &mut App,
    made: Result<Uuid, StoreError>,
    item: PlanItem,
    at: usize,
) -> Vec<Effect> {
    let lang = app.prefs.lang;
    let id = match made {
        Ok(id) => id,
        Err(e) => {
            app.warn(e.message(lang));
            return Vec::new();
        }
    };
    let mut effects = insert(app, item, at, Some(id));
    effects.push(Effect::ReadDay);
    effects
}
