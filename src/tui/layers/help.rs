//! The help overlay: the keys of the screen beneath, from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::strings::Ui;
use crate::tui::app::{App, Effect, Input};
use crate::tui::command::Command;
use crate::tui::keymap::{Context, first_key, help};
use crate::tui::render::{Ctx, centred, dialog};
use unicode_width::UnicodeWidthStr;

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

/// How many key lines the overlay shows in a terminal `rows` high: the
/// popup keeps a row free above and below, and has two borders.
fn visible(rows: u16) -> usize {
    usize::from(rows.saturating_sub(4)).max(1)
}

/// The first line that can be shown with the last line at the bottom.
fn last_start(lines: usize, rows: u16) -> usize {
    lines.saturating_sub(visible(rows))
}

pub(super) fn update(app: &mut App, input: Input) -> Vec<Effect> {
    let rows = app.size.1;
    let Some(super::Layer::Help(h)) = app.layers.last_mut() else {
        return Vec::new();
    };
    let end = last_start(help(h.context).len(), rows);
    let page = visible(rows).saturating_sub(1).max(1);
    match input {
        Input::Command(Command::Back | Command::Help) => {
            app.layers.pop();
            return Vec::new();
        }
        Input::Command(Command::Up) => h.scroll = h.scroll.saturating_sub(1),
        Input::Command(Command::Down) => h.scroll += 1,
        Input::Command(Command::PageUp) => h.scroll = h.scroll.saturating_sub(page),
        Input::Command(Command::PageDown) => h.scroll += page,
        _ => {}
    }
    h.scroll = h.scroll.min(end);
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
        Context::Pick => Ui::ContextPickCard,
        Context::Form => Ui::ContextForm,
        Context::Outcomes => Ui::ContextOutcomes,
        Context::Ranking => Ui::ContextRanking,
        Context::Compare => Ui::ContextCompare,
        Context::Review => Ui::ContextReview,
        Context::Actions => Ui::ContextActions,
        Context::Process => Ui::ContextProcess,
        Context::Export => Ui::ContextExport,
        Context::Queue => Ui::QueueTitle,
        Context::Plan => Ui::PlanTitle,
    }
}

pub(super) fn render(h: &HelpState, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let lang = ctx.lang();
    let lines = help(h.context);
    let key_width = lines
        .iter()
        .map(|(k, _)| k.width())
        .max()
        .unwrap_or(0)
        .min(30);
    let shown = visible(area.height).min(lines.len());
    let first = h.scroll.min(last_start(lines.len(), area.height));
    let rows: Vec<Line> = lines
        .iter()
        .skip(first)
        .take(shown)
        .map(|(keys, what)| {
            let pad = key_width.saturating_sub(keys.width());
            Line::from(vec![
                Span::styled(format!("{keys}{}  ", " ".repeat(pad)), ctx.theme.key),
                Span::styled(what.text(lang).to_string(), ctx.theme.dialog),
            ])
        })
        .collect();
    let width = (key_width as u16 + 50).min(area.width.saturating_sub(4));
    let height = shown as u16 + 2;
    let popup = centred(area, width, height);
    frame.render_widget(Clear, popup);
    let title = format!(
        "{} – {}",
        Ui::HelpTitle.text(lang),
        context_name(h.context).text(lang)
    );
    // Where the list is, and the keys that move it, so a list longer than
    // the screen is never cut off without saying so.
    let position = format!("{}–{}/{}", first + 1, first + shown, lines.len());
    let keys = [Command::PageUp, Command::PageDown]
        .into_iter()
        .filter_map(|c| first_key(Context::Help, c))
        .collect::<Vec<_>>()
        .join("/");
    let footer = Ui::HelpFooter
        .text(lang)
        .replace("{lines}", &position)
        .replace("{keys}", &keys);
    let block = dialog(ctx, title).title_bottom(Line::styled(format!(" {footer} "), ctx.theme.dim));
    frame.render_widget(Paragraph::new(rows).block(block), popup);
}
