//! Which key does what, as one table. Key handling and the help overlay
//! both read it, so they cannot disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::command::Command;
use crate::strings::Ui;

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
    /// Choosing a zone from a list.
    Picker,
}

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl, Alt; Shift only for keys that are not characters.
    pub mods: KeyModifiers,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: NONE,
    }
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: CTRL,
    }
}
const fn key(code: KeyCode) -> Key {
    Key { code, mods: NONE }
}
const fn shift(code: KeyCode) -> Key {
    Key { code, mods: SHIFT }
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

const fn bind(context: Context, keys: &'static [Key], command: Command, help: Ui) -> Binding {
    Binding {
        context,
        keys,
        command,
        help,
    }
}

use Command as C;
use Context as X;
use KeyCode as K;

/// The default keymap.
pub static BINDINGS: &[Binding] = &[
    bind(X::Global, &[ch('?'), key(K::F(1))], C::Help, Ui::KeyHelp),
    bind(
        X::Global,
        &[key(K::F(2))],
        C::ToggleLanguage,
        Ui::KeyLanguage,
    ),
    bind(X::Global, &[key(K::F(3))], C::CycleTheme, Ui::KeyTheme),
    bind(X::Global, &[ctrl('c')], C::ForceQuit, Ui::KeyForceQuit),
    bind(X::Home, &[key(K::Up), ch('k')], C::Up, Ui::KeyUp),
    bind(X::Home, &[key(K::Down), ch('j')], C::Down, Ui::KeyDown),
    bind(X::Home, &[key(K::PageUp)], C::PageUp, Ui::KeyPageUp),
    bind(X::Home, &[key(K::PageDown)], C::PageDown, Ui::KeyPageDown),
    bind(X::Home, &[key(K::Enter)], C::Open, Ui::KeyOpenSession),
    bind(X::Home, &[ch('n')], C::NewSession, Ui::KeyNewSession),
    bind(X::Home, &[ch('m')], C::OpenLibrary, Ui::KeyLibrary),
    bind(X::Home, &[ch('/')], C::StartFilter, Ui::KeyFilter),
    bind(X::Home, &[ch('r')], C::Reload, Ui::KeyReload),
    bind(X::Home, &[ch('q'), key(K::Esc)], C::Quit, Ui::KeyQuit),
    bind(
        X::Filter,
        &[key(K::Enter), key(K::Down)],
        C::Submit,
        Ui::KeyFilterDone,
    ),
    bind(X::Filter, &[key(K::Esc)], C::Back, Ui::KeyFilterClear),
    bind(X::Library, &[key(K::Up), ch('k')], C::Up, Ui::KeyUp),
    bind(X::Library, &[key(K::Down), ch('j')], C::Down, Ui::KeyDown),
    bind(X::Library, &[key(K::PageUp)], C::PageUp, Ui::KeyScrollUp),
    bind(
        X::Library,
        &[key(K::PageDown), ch(' ')],
        C::PageDown,
        Ui::KeyScrollDown,
    ),
    bind(
        X::Library,
        &[key(K::Enter), ch('n')],
        C::NewSession,
        Ui::KeyUseMethod,
    ),
    bind(X::Library, &[key(K::Esc), ch('q')], C::Back, Ui::KeyBack),
    bind(X::Wizard, &[key(K::Enter)], C::Submit, Ui::KeyWizardEnter),
    bind(
        X::Wizard,
        &[key(K::Tab), key(K::Down)],
        C::NextField,
        Ui::KeyNextField,
    ),
    bind(
        X::Wizard,
        &[key(K::BackTab), shift(K::BackTab), key(K::Up)],
        C::PrevField,
        Ui::KeyPrevField,
    ),
    bind(X::Wizard, &[key(K::Right)], C::ChoiceNext, Ui::KeyChoice),
    bind(X::Wizard, &[key(K::Left)], C::ChoicePrev, Ui::KeyChoice),
    bind(
        X::Wizard,
        &[ctrl('s'), key(K::F(10))],
        C::Create,
        Ui::KeyCreate,
    ),
    bind(X::Wizard, &[key(K::Esc)], C::Back, Ui::KeyCancel),
    bind(
        X::Board,
        &[key(K::Left), ch('h')],
        C::FocusLeft,
        Ui::KeyFocusLeft,
    ),
    bind(
        X::Board,
        &[key(K::Right), ch('l')],
        C::FocusRight,
        Ui::KeyFocusRight,
    ),
    bind(X::Board, &[key(K::Up), ch('k')], C::FocusUp, Ui::KeyFocusUp),
    bind(
        X::Board,
        &[key(K::Down), ch('j')],
        C::FocusDown,
        Ui::KeyFocusDown,
    ),
    bind(X::Board, &[key(K::Tab)], C::NextZone, Ui::KeyNextZone),
    bind(
        X::Board,
        &[key(K::BackTab), shift(K::BackTab)],
        C::PrevZone,
        Ui::KeyPrevZone,
    ),
    bind(
        X::Board,
        &[ch('a'), ch('n'), key(K::Insert)],
        C::AddNote,
        Ui::KeyAddNote,
    ),
    bind(
        X::Board,
        &[ch('e'), key(K::Enter)],
        C::EditNote,
        Ui::KeyEditNote,
    ),
    bind(
        X::Board,
        &[ch('d'), key(K::Delete)],
        C::DeleteNote,
        Ui::KeyDeleteNote,
    ),
    bind(
        X::Board,
        &[ch('H'), shift(K::Left)],
        C::MoveNoteLeft,
        Ui::KeyMoveLeft,
    ),
    bind(
        X::Board,
        &[ch('L'), shift(K::Right)],
        C::MoveNoteRight,
        Ui::KeyMoveRight,
    ),
    bind(
        X::Board,
        &[ch('K'), shift(K::Up)],
        C::MoveNoteUp,
        Ui::KeyMoveUp,
    ),
    bind(
        X::Board,
        &[ch('J'), shift(K::Down)],
        C::MoveNoteDown,
        Ui::KeyMoveDown,
    ),
    bind(X::Board, &[ch('m')], C::MoveNoteTo, Ui::KeyMoveTo),
    bind(X::Board, &[ch('c')], C::CycleColour, Ui::KeyColour),
    bind(X::Board, &[ch('u'), ctrl('z')], C::Undo, Ui::KeyUndo),
    bind(
        X::Board,
        &[ch('U'), ctrl('r'), ctrl('y')],
        C::Redo,
        Ui::KeyRedo,
    ),
    bind(
        X::Board,
        &[ch('>'), ch('.')],
        C::NextPhase,
        Ui::KeyNextPhase,
    ),
    bind(
        X::Board,
        &[ch('<'), ch(',')],
        C::PrevPhase,
        Ui::KeyPrevPhase,
    ),
    bind(X::Board, &[ch('t'), ch(' ')], C::TimerToggle, Ui::KeyTimer),
    bind(X::Board, &[ch('T')], C::TimerReset, Ui::KeyTimerReset),
    bind(X::Board, &[ch('+')], C::TimerPlus, Ui::KeyTimerPlus),
    bind(X::Board, &[ch('-')], C::TimerMinus, Ui::KeyTimerMinus),
    bind(X::Board, &[ch('g')], C::ToggleGuidance, Ui::KeyGuidance),
    bind(X::Board, &[ch('p')], C::ToggleProjector, Ui::KeyProjector),
    bind(X::Board, &[ch('b')], C::NextBoard, Ui::KeyNextBoard),
    bind(X::Board, &[ch('B')], C::PrevBoard, Ui::KeyPrevBoard),
    bind(
        X::Board,
        &[ch('q'), key(K::Esc)],
        C::Quit,
        Ui::KeyCloseBoard,
    ),
    bind(X::Editor, &[key(K::Enter)], C::Submit, Ui::KeySave),
    bind(
        X::Editor,
        &[
            Key {
                code: K::Enter,
                mods: ALT,
            },
            ctrl('j'),
        ],
        C::Newline,
        Ui::KeyNewline,
    ),
    bind(X::Editor, &[key(K::Esc)], C::Back, Ui::KeyCancel),
    bind(
        X::Confirm,
        &[ch('y'), ch('j'), key(K::Enter)],
        C::Yes,
        Ui::KeyYes,
    ),
    bind(X::Confirm, &[ch('n'), key(K::Esc)], C::No, Ui::KeyNo),
    bind(
        X::Help,
        &[key(K::Esc), ch('?'), ch('q'), key(K::F(1))],
        C::Back,
        Ui::KeyCloseHelp,
    ),
    bind(X::Help, &[key(K::Up), ch('k')], C::Up, Ui::KeyScrollUp),
    bind(
        X::Help,
        &[key(K::Down), ch('j')],
        C::Down,
        Ui::KeyScrollDown,
    ),
    bind(X::Picker, &[key(K::Up), ch('k')], C::Up, Ui::KeyUp),
    bind(X::Picker, &[key(K::Down), ch('j')], C::Down, Ui::KeyDown),
    bind(X::Picker, &[key(K::Enter)], C::Open, Ui::KeyChoose),
    bind(X::Picker, &[key(K::Esc), ch('q')], C::Back, Ui::KeyCancel),
];

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
    // While text is typed, only function keys and Ctrl+C reach the global
    // bindings: every other key is text.
    let passes = |k: &Key| !text_input || matches!(k.code, K::F(_)) || k.mods.contains(CTRL);
    BINDINGS
        .iter()
        .filter(|b| b.context == Context::Global)
        .find(|b| b.keys.iter().any(|k| passes(k) && k.matches(event)))
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
        let mut keys: Vec<String> = Vec::new();
        for label in b.keys.iter().map(Key::label) {
            if !keys.contains(&label) {
                keys.push(label);
            }
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
            X::Picker,
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
        assert_eq!(k('x'), None);
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
    fn help_lists_every_board_binding_with_its_keys() {
        let lines = help(X::Board);
        let add = lines.iter().find(|(_, h)| *h == Ui::KeyAddNote).unwrap();
        assert_eq!(add.0, "a / n / Ins");
        let undo = lines.iter().find(|(_, h)| *h == Ui::KeyUndo).unwrap();
        assert_eq!(undo.0, "u / Ctrl+Z");
        assert!(lines.iter().any(|(_, h)| *h == Ui::KeyHelp));
    }
}
