//! The help overlay: the keys of the screen beneath, from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::strings::Ui;
use crate::tui::app::{App, Effect, Input};
use crate::tui::command::Command;
use crate::tui::keymap::{Context, help};
use crate::tui::render::{Ctx, centred, dialog};

/// The help overlay's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpState {
    /// The context whose keys are listed.
    pub context: Context,
    /// First line shown.
    pub scroll: usize,
}

impl HelpState {
    /// Help for `context`.
    pub fn new(context: Context) -> HelpState {
        HelpState { context, scroll: 0 }
    }
}

pub(super) fn update(app: &mut App, input: Input) -> Vec<Effect> {
    let Some(super::Layer::Help(h)) = app.layers.last_mut() else {
        return Vec::new();
    };
    let lines = help(h.context).len();
    match input {
        Input::Command(Command::Back | Command::Help) => {
            app.layers.pop();
        }
        Input::Command(Command::Up) => h.scroll = h.scroll.saturating_sub(1),
        Input::Command(Command::Down) => h.scroll = (h.scroll + 1).min(lines.saturating_sub(1)),
        _ => {}
    }
    Vec::new()
}

fn context_name(context: Context) -> Ui {
    match context {
        Context::Global => Ui::ContextGlobal,
        Context::Home | Context::Filter => Ui::ContextHome,
        Context::Library => Ui::ContextLibrary,
        Context::Wizard => Ui::ContextWizard,
        Context::Board | Context::Voting => Ui::ContextBoard,
        Context::Editor => Ui::ContextEditor,
        Context::Confirm => Ui::ContextConfirm,
        Context::Help => Ui::ContextHelp,
        Context::Menu => Ui::ContextPicker,
        Context::Form => Ui::ContextForm,
        Context::Outcomes => Ui::ContextOutcomes,
        Context::Ranking => Ui::ContextRanking,
        Context::Compare => Ui::ContextCompare,
        Context::Review => Ui::ContextReview,
        Context::Actions => Ui::ContextActions,
        Context::Process => Ui::ContextProcess,
        Context::Export => Ui::ContextExport,
    }
}

pub(super) fn render(h: &HelpState, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let lang = ctx.lang();
    let lines = help(h.context);
    let key_width = lines
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0)
        .min(30);
    let rows: Vec<Line> = lines
        .iter()
        .skip(h.scroll)
        .map(|(keys, what)| {
            Line::from(vec![
                Span::styled(format!("{keys:<key_width$}  "), ctx.theme.key),
                Span::styled(what.text(lang).to_string(), ctx.theme.dialog),
            ])
        })
        .collect();
    let width = (key_width as u16 + 50).min(area.width.saturating_sub(4));
    let height = (rows.len() as u16 + 3).min(area.height.saturating_sub(2));
    let popup = centred(area, width, height);
    frame.render_widget(Clear, popup);
    let title = format!(
        "{} – {}",
        Ui::HelpTitle.text(lang),
        context_name(h.context).text(lang)
    );
    let block = dialog(ctx, title).title_bottom(Line::styled(
        format!(" {} ", Ui::HelpClose.text(lang)),
        ctx.theme.dim,
    ));
    frame.render_widget(Paragraph::new(rows).block(block), popup);
}
