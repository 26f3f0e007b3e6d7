//! Which key does what, as one table. Key handling and the help overlay
//! both read it, so they cannot disagree.

mod bindings;

pub use bindings::BINDINGS;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::command::Command;
use crate::strings::Ui;
use KeyCode as K;
use bindings::{ALT, CTRL, SHIFT};

/// Where a key is pressed; a binding belongs to one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Every screen, unless a text field takes the keys.
    Global,
    /// The list of sessions.
    Home,
    /// Typing a filter on the home screen.
    Filter,
    /// The method library.
    Library,
    /// The new-session form.
    Wizard,
    /// The board.
    Board,
    /// The note editor.
    Editor,
    /// A yes/no question.
    Confirm,
    /// The help overlay.
    Help,
    /// Choosing from a list.
    Menu,
    /// Choosing a card from a list narrowed by typing.
    Pick,
    /// A form of one or more fields.
    Form,
    /// The decisions and actions of the session.
    Outcomes,
    /// The ranking of notes by votes.
    Ranking,
    /// A participant casting their votes.
    Voting,
    /// Two canvases side by side.
    Compare,
    /// Follow-up: the sessions with filters and a preview.
    Review,
    /// Follow-up: every action of every session.
    Actions,
    /// Follow-up: one network's sessions over time.
    Process,
    /// The export dialog.
    Export,
    /// The notes from phones waiting for the facilitator.
    Queue,
    /// The day's plan, planned against actual time.
    Plan,
}

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl, Alt; Shift only for keys that are not characters.
    pub mods: KeyModifiers,
}

/// One line of the keymap.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// Where it applies.
    pub context: Context,
    /// The keys, the first one shown first in help.
    pub keys: &'static [Key],
    /// What they do.
    pub command: Command,
    /// The help text.
    pub help: Ui,
}

impl Key {
    /// Whether `event` is this key. Characters compare without Shift,
    /// since the character itself says whether Shift was held.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let mut mods = event.modifiers;
        if matches!(event.code, KeyCode::Char(_)) {
            mods.remove(SHIFT);
        }
        if event.code == KeyCode::BackTab {
            mods.remove(SHIFT);
        }
        let mut wanted = self.mods;
        if self.code == KeyCode::BackTab {
            wanted.remove(SHIFT);
        }
        event.code == self.code && mods == wanted
    }

    /// How the key is written in help, such as `Ctrl+Z` or `←`.
    pub fn label(&self) -> String {
        let name = match self.code {
            K::Char(' ') => "Space".to_string(),
            K::Char(c) => c.to_string(),
            K::Left => "←".into(),
            K::Right => "→".into(),
            K::Up => "↑".into(),
            K::Down => "↓".into(),
            K::Enter => "Enter".into(),
            K::Esc => "Esc".into(),
            K::Tab => "Tab".into(),
            K::BackTab => "Shift+Tab".into(),
            K::Delete => "Del".into(),
            K::Insert => "Ins".into(),
            K::PageUp => "PgUp".into(),
            K::PageDown => "PgDn".into(),
            K::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        let mut prefix = String::new();
        if self.mods.contains(CTRL) {
            prefix.push_str("Ctrl+");
        }
        if self.mods.contains(ALT) {
            prefix.push_str("Alt+");
        }
        if self.mods.contains(SHIFT) && self.code != K::BackTab {
            prefix.push_str("Shift+");
        }
        let name = if self.mods.contains(CTRL) {
            name.to_uppercase()
        } else {
            name
        };
        format!("{prefix}{name}")
    }
}

/// Whether unbound keys type text in `context`; there, only function keys
/// and Ctrl combinations reach the global bindings.
pub fn takes_text(context: Context) -> bool {
    matches!(
        context,
        Context::Editor
            | Context::Filter
            | Context::Wizard
            | Context::Form
            | Context::Export
            | Context::Pick
    )
}

fn reaches_global(key: &Key, text_input: bool) -> bool {
    !text_input || matches!(key.code, K::F(_)) || key.mods.contains(CTRL)
}

/// The command `event` asks for in `context`, looking at the context's own
/// bindings first and then, unless `text_input` is set, the global ones.
pub fn lookup(context: Context, event: &KeyEvent, text_input: bool) -> Option<Command> {
    let own = BINDINGS
        .iter()
        .filter(|b| b.context == context)
        .find(|b| b.keys.iter().any(|k| k.matches(event)));
    if let Some(b) = own {
        return Some(b.command);
    }
    BINDINGS
        .iter()
        .filter(|b| b.context == Context::Global)
        .find(|b| {
            b.keys
                .iter()
                .any(|k| reaches_global(k, text_input) && k.matches(event))
        })
        .map(|b| b.command)
}

/// The bindings help shows for `context`: its own, then the global ones.
/// Keys bound twice to one command in a context are shown on one line.
pub fn help(context: Context) -> Vec<(String, Ui)> {
    let mut lines: Vec<(String, Ui)> = Vec::new();
    for b in BINDINGS
        .iter()
        .filter(|b| b.context == context)
        .chain(BINDINGS.iter().filter(|b| b.context == Context::Global))
    {
        let text = b.context == Context::Global && takes_text(context);
        let mut keys: Vec<String> = Vec::new();
        for label in b
            .keys
            .iter()
            .filter(|k| reaches_global(k, text))
            .map(Key::label)
        {
            if !keys.contains(&label) {
                keys.push(label);
            }
        }
        if keys.is_empty() {
            continue;
        }
        match lines.iter_mut().find(|(_, help)| *help == b.help) {
            Some(line) => {
                line.0.push_str(" / ");
                line.0.push_str(&keys.join(" / "));
            }
            None => lines.push((keys.join(" / "), b.help)),
        }
    }
    lines
}

/// The first key bound to `command` in `context`, for hints.
pub fn first_key(context: Context, command: Command) -> Option<String> {
    BINDINGS
        .iter()
        .find(|b| b.context == context && b.command == command)
        .map(|b| b.keys[0].label())
}

#[cfg(test)]
mod tests {
    use super::*;
    use Command as C;
    use Context as X;
    use KeyModifiers as M;

    const NONE: KeyModifiers = M::NONE;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn every_key_does_one_thing_per_context() {
        let contexts = [
            X::Global,
            X::Home,
            X::Filter,
            X::Library,
            X::Wizard,
            X::Board,
            X::Editor,
            X::Confirm,
            X::Help,
            X::Menu,
            X::Pick,
            X::Form,
            X::Outcomes,
            X::Ranking,
            X::Voting,
            X::Compare,
            X::Review,
            X::Actions,
            X::Process,
            X::Export,
            X::Queue,
        ];
        for context in contexts {
            let keys: Vec<Key> = BINDINGS
                .iter()
                .filter(|b| b.context == context)
                .flat_map(|b| b.keys.iter().copied())
                .collect();
            for (i, a) in keys.iter().enumerate() {
                for b in &keys[i + 1..] {
                    assert!(a != b, "{context:?}: {} bound twice", a.label());
                }
            }
        }
    }

    #[test]
    fn board_keys_resolve_and_shift_letters_differ() {
        let k = |c| lookup(X::Board, &press(KeyCode::Char(c), NONE), false);
        assert_eq!(k('a'), Some(C::AddNote));
        assert_eq!(k('u'), Some(C::Undo));
        assert_eq!(
            lookup(X::Board, &press(KeyCode::Char('L'), SHIFT), false),
            Some(C::MoveNoteRight)
        );
        assert_eq!(
            lookup(X::Board, &press(KeyCode::Char('z'), CTRL), false),
            Some(C::Undo)
        );
        assert_eq!(k('?'), Some(C::Help));
        assert_eq!(k('x'), Some(C::Mark));
        assert_eq!(k('Q'), None);
    }

    #[test]
    fn text_input_only_lets_function_keys_and_ctrl_c_through() {
        let q = press(KeyCode::Char('?'), NONE);
        assert_eq!(lookup(X::Editor, &q, true), None);
        assert_eq!(
            lookup(X::Editor, &press(KeyCode::F(1), NONE), true),
            Some(C::Help)
        );
        assert_eq!(
            lookup(X::Editor, &press(KeyCode::Char('c'), CTRL), true),
            Some(C::ForceQuit)
        );
    }

    #[test]
    fn text_fields_clear_and_delete_words_and_the_picker_takes_letters() {
        let ctrl = |c| press(KeyCode::Char(c), CTRL);
        for context in [X::Form, X::Wizard, X::Filter, X::Export, X::Pick, X::Editor] {
            assert!(takes_text(context), "{context:?}");
            assert_eq!(lookup(context, &ctrl('u'), true), Some(C::ClearField));
            assert_eq!(lookup(context, &ctrl('w'), true), Some(C::DeleteWord));
        }
        let j = press(KeyCode::Char('j'), NONE);
        assert_eq!(lookup(X::Pick, &j, true), None);
        assert_eq!(lookup(X::Menu, &j, false), Some(C::Down));
        let page = press(KeyCode::PageDown, NONE);
        assert_eq!(lookup(X::Help, &page, false), Some(C::PageDown));
    }

    #[test]
    fn help_lists_every_board_binding_with_its_keys() {
        let lines = help(X::Board);
        let add = lines.iter().find(|(_, h)| *h == Ui::KeyAddNote).unwrap();
        assert_eq!(add.0, "a / n / Ins");
        let undo = lines.iter().find(|(_, h)| *h == Ui::KeyUndo).unwrap();
        assert_eq!(undo.0, "u / Ctrl+Z");
        assert!(lines.iter().any(|(_, h)| *h == Ui::KeyHelp));
    }
}
