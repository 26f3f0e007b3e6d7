//! Dialogs and overlays: a stack on top of the screen. Keys go to the top
//! layer first; closing it uncovers the one beneath. Each layer has its
//! own file with its state, what its keys do and how it is drawn.

mod compare;
mod confirm;
mod editor;
mod export;
mod form;
mod help;
mod menu;
mod outcomes;
mod plan;
mod queue;
mod ranking;
mod voting;

pub use compare::CompareState;
pub use confirm::{ConfirmAction, ConfirmState};
pub use editor::{EditTarget, EditorState};
pub use export::{
    ExportFailure, ExportField, ExportJob, ExportScope, ExportState, Exported,
    finished as export_finished, write as write_export,
};
pub use form::{FormField, FormState, optional_day, parse_day};
pub use help::HelpState;
pub use menu::{MenuItem, MenuState};
pub use outcomes::OutcomesState;
pub use plan::{PlanState, opening as plan_opening};
pub use queue::QueueState;
pub use ranking::{RankingState, candidates};
pub use voting::VotingState;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::app::{App, Effect, Input};
use super::keymap::Context;
use super::render::Ctx;
use crate::strings::Ui;

/// One layer.
#[derive(Debug)]
pub enum Layer {
    /// The keys of the screen beneath.
    Help(HelpState),
    /// A yes/no question.
    Confirm(ConfirmState),
    /// Writing or changing a note.
    Editor(Box<EditorState>),
    /// A form of one or more fields.
    Form(Box<FormState>),
    /// Choosing from a list.
    Menu(MenuState),
    /// The session's decisions and actions.
    Outcomes(OutcomesState),
    /// Notes ranked by their dots.
    Ranking(RankingState),
    /// A participant casting votes on the board.
    Voting(VotingState),
    /// Two canvases side by side.
    Compare(CompareState),
    /// Exporting sessions to a file.
    Export(Box<ExportState>),
    /// The notes from phones waiting for the facilitator.
    Queue(QueueState),
    /// The day's plan, planned against actual time.
    Plan(PlanState),
}

impl Layer {
    /// Where keys go while this layer is on top.
    pub fn context(&self) -> Context {
        match self {
            Layer::Help(_) => Context::Help,
            Layer::Confirm(_) => Context::Confirm,
            Layer::Editor(_) => Context::Editor,
            Layer::Form(_) => Context::Form,
            Layer::Menu(m) if m.query.is_some() => Context::Pick,
            Layer::Menu(_) => Context::Menu,
            Layer::Outcomes(_) => Context::Outcomes,
            Layer::Ranking(_) => Context::Ranking,
            Layer::Voting(_) => Context::Voting,
            Layer::Compare(_) => Context::Compare,
            Layer::Export(_) => Context::Export,
            Layer::Queue(_) => Context::Queue,
            Layer::Plan(_) => Context::Plan,
        }
    }

    /// The question before closing a board while notes from phones wait:
    /// they are in memory only. With `quit`, the program ends too.
    pub fn confirm_queued(waiting: usize, quit: bool) -> Layer {
        Layer::Confirm(ConfirmState {
            question: Ui::ConfirmQueued,
            action: ConfirmAction::CloseQueued { quit, waiting },
        })
    }

    /// The question before closing a board whose changes are not saved.
    pub fn confirm_unsaved_quit(quit: bool) -> Layer {
        Layer::Confirm(ConfirmState {
            question: Ui::ConfirmUnsaved,
            action: ConfirmAction::CloseUnsaved { quit },
        })
    }
}

/// Applies an input to the top layer.
pub fn update_layer(app: &mut App, input: Input) -> Vec<Effect> {
    match app.layers.last() {
        Some(Layer::Help(_)) => help::update(app, input),
        Some(Layer::Confirm(_)) => confirm::update(app, input),
        Some(Layer::Editor(_)) => editor::update(app, input),
        Some(Layer::Form(_)) => form::update(app, input),
        Some(Layer::Menu(_)) => menu::update(app, input),
        Some(Layer::Outcomes(_)) => outcomes::update(app, input),
        Some(Layer::Ranking(_)) => ranking::update(app, input),
        Some(Layer::Voting(_)) => voting::update(app, input),
        Some(Layer::Compare(_)) => compare::update(app, input),
        Some(Layer::Export(_)) => export::update(app, input),
        Some(Layer::Queue(_)) => queue::update(app, input),
        Some(Layer::Plan(_)) => plan::update(app, input),
        None => Vec::new(),
    }
}

/// Draws one layer over what is drawn already.
pub fn render_layer(layer: &Layer, app: &App, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    match layer {
        Layer::Help(h) => help::render(h, ctx, frame, area),
        Layer::Confirm(c) => confirm::render(c, ctx, frame, area),
        Layer::Editor(e) => editor::render(e, ctx, frame, area),
        Layer::Form(f) => form::render(f, ctx, frame, area),
        Layer::Menu(m) => menu::render(m, ctx, frame, area),
        Layer::Outcomes(o) => outcomes::render(o, app, ctx, frame, area),
        Layer::Ranking(r) => ranking::render(r, app, ctx, frame, area),
        Layer::Voting(v) => voting::render(v, app, ctx, frame, area),
        Layer::Compare(c) => compare::render(c, app, ctx, frame, area),
        Layer::Export(e) => export::render(e, ctx, frame, area),
        Layer::Queue(q) => queue::render(q, app, ctx, frame, area),
        Layer::Plan(p) => plan::render(p, app, ctx, frame, area),
    }
}
