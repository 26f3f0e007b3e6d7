//! Dialogs and overlays: a stack on top of the screen. Keys go to the top
//! layer first; closing it uncovers the one beneath.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};
use unicode_segmentation::UnicodeSegmentation;
use uuid::Uuid;

use super::app::{App, Effect, Input, Screen};
use super::command::Command;
use super::keymap::{Context, help};
use super::screens::board;
use crate::model::text::clean;
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
    /// Choosing a zone to move a note to.
    Picker(PickerState),
}

/// The help overlay.
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

/// What a yes answer does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmAction {
    /// Close the board although changes are not saved; with `quit`, end
    /// the program too.
    CloseUnsaved {
        /// End the program.
        quit: bool,
    },
    /// Throw away what was typed in the editor.
    DiscardEdit,
}

/// A question with its consequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmState {
    /// What is asked.
    pub question: Ui,
    /// What yes does.
    pub action: ConfirmAction,
}

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
        }
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

/// The zone picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickerState {
    /// The note to move.
    pub note: Uuid,
    /// Highlighted zone, by its position in the method.
    pub selected: usize,
}

impl Layer {
    /// Where keys go while this layer is on top.
    pub fn context(&self) -> Context {
        match self {
            Layer::Help(_) => Context::Help,
            Layer::Confirm(_) => Context::Confirm,
            Layer::Editor(_) => Context::Editor,
            Layer::Picker(_) => Context::Picker,
        }
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
    let Some(layer) = app.layers.last_mut() else {
        return Vec::new();
    };
    match layer {
        Layer::Help(help_state) => {
            let lines = help(help_state.context).len();
            match input {
                Input::Command(Command::Back | Command::Help) => {
                    app.layers.pop();
                }
                Input::Command(Command::Up) => {
                    help_state.scroll = help_state.scroll.saturating_sub(1)
                }
                Input::Command(Command::Down) => {
                    help_state.scroll = (help_state.scroll + 1).min(lines.saturating_sub(1));
                }
                _ => {}
            }
            Vec::new()
        }
        Layer::Confirm(confirm) => {
            let action = confirm.action;
            match input {
                Input::Command(Command::Yes) => {
                    app.layers.pop();
                    confirmed(app, action)
                }
                Input::Command(Command::No | Command::Back) => {
                    app.layers.pop();
                    Vec::new()
                }
                _ => Vec::new(),
            }
        }
        Layer::Editor(editor) => match input {
            Input::Command(Command::Submit) => {
                let text = editor.text();
                let target = editor.target.clone();
                app.layers.pop();
                board::commit_edit(app, target, &text)
            }
            Input::Command(Command::Newline) => {
                editor.area.insert_newline();
                Vec::new()
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
                Vec::new()
            }
            Input::Key(key) => {
                editor.key(key);
                Vec::new()
            }
            Input::Paste(text) => {
                editor.paste(&text);
                Vec::new()
            }
            _ => Vec::new(),
        },
        Layer::Picker(picker) => {
            let zones = match &app.screen {
                Screen::Board(b) => b.method.zones.len(),
                _ => 0,
            };
            match input {
                Input::Command(Command::Up) => picker.selected = picker.selected.saturating_sub(1),
                Input::Command(Command::Down) => {
                    picker.selected = (picker.selected + 1).min(zones.saturating_sub(1));
                }
                Input::Key(KeyEvent {
                    code: KeyCode::Char(c @ '1'..='9'),
                    ..
                }) => {
                    let index = c as usize - '1' as usize;
                    if index < zones {
                        let note = picker.note;
                        app.layers.pop();
                        return board::move_to_zone(app, note, index);
                    }
                }
                Input::Command(Command::Open) => {
                    let (note, index) = (picker.note, picker.selected);
                    app.layers.pop();
                    return board::move_to_zone(app, note, index);
                }
                Input::Command(Command::Back) => {
                    app.layers.pop();
                }
                _ => {}
            }
            Vec::new()
        }
    }
}

fn confirmed(app: &mut App, action: ConfirmAction) -> Vec<Effect> {
    match action {
        ConfirmAction::CloseUnsaved { quit: true } => {
            app.quit = true;
            Vec::new()
        }
        ConfirmAction::CloseUnsaved { quit: false } => board::close(app),
        ConfirmAction::DiscardEdit => {
            if matches!(app.layers.last(), Some(Layer::Editor(_))) {
                app.layers.pop();
            }
            Vec::new()
        }
    }
}
