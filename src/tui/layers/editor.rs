//! The note editor: multi-line text in any script.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Clear, Paragraph};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};
use unicode_segmentation::UnicodeSegmentation;
use uuid::Uuid;

use super::{ConfirmAction, ConfirmState, Layer};
use crate::model::text::clean;
use crate::strings::Ui;
use crate::tui::app::{App, Effect, Input};
use crate::tui::command::Command;
use crate::tui::keymap::Context;
use crate::tui::render::{Ctx, centred, dialog, hints};
use crate::tui::screens::board;

/// Which note the editor writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditTarget {
    /// A new note in this zone of this board.
    New {
        /// The board.
        board: Uuid,
        /// The zone id.
        zone: String,
    },
    /// An existing note.
    Existing(Uuid),
    /// A note from a phone, waiting in the queue; saving puts it on the
    /// wall.
    Queued(Uuid),
}

/// The note editor.
#[derive(Debug)]
pub struct EditorState {
    /// The text being written.
    pub area: TextArea<'static>,
    /// Where it goes.
    pub target: EditTarget,
    /// The text it started with.
    pub original: String,
    /// The zone's name, for the title.
    pub zone_name: String,
    /// Words to rewrite, shown above the text (a problem card to turn
    /// positive).
    pub reference: Option<String>,
}

impl EditorState {
    /// An editor holding `text`, cursor at the end.
    pub fn new(target: EditTarget, text: &str, zone_name: String) -> EditorState {
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        EditorState {
            area,
            target,
            original: text.to_string(),
            zone_name,
            reference: None,
        }
    }

    /// An empty editor for rewriting `reference` in new words.
    pub fn rewrite(target: EditTarget, reference: &str, zone_name: String) -> EditorState {
        let mut editor = EditorState::new(target, "", zone_name);
        editor.reference = Some(reference.to_string());
        editor
    }

    /// The text as written.
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    /// Feeds one key to the text. Backspace removes a whole grapheme, so
    /// a family emoji or a decomposed "å" goes in one press.
    pub fn key(&mut self, key: KeyEvent) {
        if key.code == KeyCode::Backspace && key.modifiers.is_empty() {
            let cursor = self.area.cursor();
            let line = &self.area.lines()[cursor.0];
            let before: String = line.chars().take(cursor.1).collect();
            let chars = before
                .graphemes(true)
                .next_back()
                .map_or(1, |g| g.chars().count());
            for _ in 0..chars {
                self.area.delete_char();
            }
            return;
        }
        self.area.input(key);
    }

    /// Inserts pasted text in composed form.
    pub fn paste(&mut self, text: &str) {
        let composed = clean(text);
        self.area.insert_str(composed);
    }
}

pub(super) fn update(app: &mut App, input: Input) -> Vec<Effect> {
    let Some(Layer::Editor(editor)) = app.layers.last_mut() else {
        return Vec::new();
    };
    match input {
        Input::Command(Command::Submit) => {
            let text = editor.text();
            let target = editor.target.clone();
            let rewriting = editor.reference.is_some();
            app.layers.pop();
            if rewriting && clean(&text).is_empty() {
                return Vec::new();
            }
            return board::commit_edit(app, target, &text);
        }
        Input::Command(Command::Newline) => editor.area.insert_newline(),
        // A note may have several lines: Ctrl+U takes only this line's
        // text before the cursor, and both cuts go back with Ctrl+Y.
        Input::Command(Command::ClearField) => {
            editor.area.delete_line_by_head();
        }
        Input::Command(Command::DeleteWord) => {
            editor.area.delete_word();
        }
        Input::Command(Command::Back) => {
            if clean(&editor.text()) == clean(&editor.original) {
                app.layers.pop();
            } else {
                app.layers.push(Layer::Confirm(ConfirmState {
                    question: Ui::ConfirmDiscard,
                    action: ConfirmAction::DiscardEdit,
                }));
            }
        }
        Input::Key(key) => editor.key(key),
        Input::Paste(text) => editor.paste(&text),
        _ => {}
    }
    Vec::new()
}

pub(super) fn render(e: &EditorState, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let lang = ctx.lang();
    let width = (area.width * 2 / 3)
        .max(60)
        .min(area.width.saturating_sub(2));
    let height = if ctx.prefs.projector { 14 } else { 11 };
    let popup = centred(area, width, height);
    frame.render_widget(Clear, popup);
    let verb = match e.target {
        EditTarget::New { .. } => Ui::EditorNew,
        EditTarget::Existing(_) | EditTarget::Queued(_) => Ui::EditorEdit,
    };
    let block = dialog(ctx, format!("{} – {}", verb.text(lang), e.zone_name));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let reference = u16::from(e.reference.is_some()) * 3;
    let [above, text, hint] = Layout::vertical([
        Constraint::Length(reference),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    if let Some(r) = &e.reference {
        let lines = vec![
            ratatui::text::Line::styled(Ui::RewriteFrom.text(lang), ctx.theme.key),
            ratatui::text::Line::styled(format!("  {r}"), ctx.theme.dim),
        ];
        frame.render_widget(
            Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: true }),
            above,
        );
    }
    frame.render_widget(&e.area, text);
    let line = hints(
        ctx,
        Context::Editor,
        &[
            (Command::Submit, Ui::HintSave),
            (Command::Newline, Ui::HintNewline),
            (Command::Back, Ui::HintCancel),
        ],
    );
    frame.render_widget(Paragraph::new(line), hint);
}
