//! A yes/no question before something that cannot be taken back.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::Layer;
use crate::strings::{Noun, Ui, count};
use crate::tui::app::{App, Effect, Input};
use crate::tui::command::Command;
use crate::tui::keymap::Context;
use crate::tui::render::{Ctx, centred, dialog, hints};
use crate::tui::screens::board;

/// What a yes answer does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmAction {
    /// Close the board although changes are not saved; with `quit`, end
    /// the program too.
    CloseUnsaved {
        /// End the program.
        quit: bool,
    },
    /// Close the board although notes from phones wait (they are lost);
    /// with `quit`, end the program too.
    CloseQueued {
        /// End the program.
        quit: bool,
        /// How many wait.
        waiting: usize,
    },
    /// Throw away what was typed in the editor.
    DiscardEdit,
    /// Read the board's file again, dropping changes not on disk.
    Reload,
    /// Throw away the new-session form and go back.
    DiscardWizard,
}

/// A question with its consequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmState {
    /// What is asked.
    pub question: Ui,
    /// What yes does.
    pub action: ConfirmAction,
}

pub(super) fn update(app: &mut App, input: Input) -> Vec<Effect> {
    let Some(Layer::Confirm(c)) = app.layers.last() else {
        return Vec::new();
    };
    let action = c.action;
    match input {
        Input::Command(Command::Yes) => {
            app.layers.pop();
            match action {
                ConfirmAction::CloseUnsaved { quit: true } => {
                    app.quit = true;
                    Vec::new()
                }
                ConfirmAction::CloseUnsaved { quit: false } => board::close(app),
                ConfirmAction::CloseQueued { quit, .. } => {
                    // Asked once: closing goes on as if nothing waited.
                    board::drop_queue(app);
                    let again = if quit {
                        Command::ForceQuit
                    } else {
                        Command::Quit
                    };
                    vec![Effect::Settle(again)]
                }
                ConfirmAction::Reload => vec![Effect::Reload],
                ConfirmAction::DiscardEdit => {
                    if matches!(app.layers.last(), Some(Layer::Editor(_))) {
                        app.layers.pop();
                    }
                    Vec::new()
                }
                ConfirmAction::DiscardWizard => app.go_home(),
            }
        }
        Input::Command(Command::No | Command::Back) => {
            app.layers.pop();
            Vec::new()
        }
        _ => Vec::new(),
    }
}

pub(super) fn render(c: &ConfirmState, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let lang = ctx.lang();
    let popup = centred(area, 60, 7);
    frame.render_widget(Clear, popup);
    let hint = hints(
        ctx,
        Context::Confirm,
        &[(Command::Yes, Ui::Yes), (Command::No, Ui::No)],
    );
    let question = match c.action {
        ConfirmAction::CloseQueued { waiting, .. } => c
            .question
            .text(lang)
            .replace("{n}", &count(lang, waiting, Noun::Note)),
        _ => c.question.text(lang).to_string(),
    };
    let text = vec![Line::raw(question), Line::raw(""), hint];
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .block(dialog(ctx, Ui::ConfirmTitle.text(lang).to_string())),
        popup,
    );
}
