//! The default keymap: every key sempre knows, with what it does and the
//! help text that describes it.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::{Binding, Context, Key};
use crate::strings::Ui;
use crate::tui::command::Command;

pub(super) const NONE: KeyModifiers = KeyModifiers::NONE;
pub(super) const CTRL: KeyModifiers = KeyModifiers::CONTROL;
pub(super) const ALT: KeyModifiers = KeyModifiers::ALT;
pub(super) const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

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
    bind(X::Board, &[ch('x')], C::Mark, Ui::KeyMark),
    bind(X::Board, &[ch('C')], C::ClusterMenu, Ui::KeyClusterMenu),
    bind(X::Board, &[ch('v')], C::SetDots, Ui::KeySetDots),
    bind(X::Board, &[ch('V')], C::VoteRound, Ui::KeyVoteRound),
    bind(X::Board, &[ch('r')], C::Ranking, Ui::KeyRanking),
    bind(X::Board, &[ch('P')], C::TogglePrivate, Ui::KeyPrivate),
    bind(X::Board, &[ch('D')], C::Decide, Ui::KeyDecide),
    bind(X::Board, &[ch('A')], C::NewAction, Ui::KeyNewAction),
    bind(X::Board, &[ch('o')], C::Outcomes, Ui::KeyOutcomes),
    bind(X::Board, &[ch('F')], C::CarryForward, Ui::KeyCarryForward),
    bind(X::Board, &[ch('M')], C::Mirror, Ui::KeyMirror),
    bind(X::Board, &[ch('i')], C::LinkNote, Ui::KeyLinkNote),
    bind(X::Board, &[ch('s')], C::ChooseOnward, Ui::KeyChooseOnward),
    bind(X::Board, &[ch('X')], C::SetAside, Ui::KeySetAside),
    bind(X::Board, &[ch('w')], C::Weight, Ui::KeyWeight),
    bind(X::Board, &[ch('W')], C::NewMeeting, Ui::KeyNewMeeting),
    bind(X::Board, &[ch('b')], C::NextBoard, Ui::KeyNextBoard),
    bind(X::Board, &[ch('B')], C::BoardsMenu, Ui::KeyBoardsMenu),
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
    bind(X::Menu, &[key(K::Up), ch('k')], C::Up, Ui::KeyUp),
    bind(X::Menu, &[key(K::Down), ch('j')], C::Down, Ui::KeyDown),
    bind(X::Menu, &[key(K::Enter)], C::Open, Ui::KeyChoose),
    bind(X::Menu, &[key(K::Esc), ch('q')], C::Back, Ui::KeyCancel),
    bind(X::Form, &[key(K::Enter)], C::Submit, Ui::KeyFormEnter),
    bind(
        X::Form,
        &[key(K::Tab), key(K::Down)],
        C::NextField,
        Ui::KeyNextField,
    ),
    bind(
        X::Form,
        &[key(K::BackTab), shift(K::BackTab), key(K::Up)],
        C::PrevField,
        Ui::KeyPrevField,
    ),
    bind(X::Form, &[ctrl('s'), key(K::F(10))], C::Create, Ui::KeySave),
    bind(X::Form, &[key(K::Esc)], C::Back, Ui::KeyCancel),
    bind(X::Outcomes, &[key(K::Up), ch('k')], C::Up, Ui::KeyUp),
    bind(X::Outcomes, &[key(K::Down), ch('j')], C::Down, Ui::KeyDown),
    bind(
        X::Outcomes,
        &[key(K::Enter), ch('e')],
        C::EditNote,
        Ui::KeyEditItem,
    ),
    bind(X::Outcomes, &[ch('s')], C::CycleStatus, Ui::KeyCycleStatus),
    bind(
        X::Outcomes,
        &[ch('A')],
        C::NewAction,
        Ui::KeyActionFromDecision,
    ),
    bind(
        X::Outcomes,
        &[ch('d'), key(K::Delete)],
        C::Remove,
        Ui::KeyRemoveItem,
    ),
    bind(
        X::Outcomes,
        &[key(K::Esc), ch('q'), ch('o')],
        C::Back,
        Ui::KeyClose,
    ),
    bind(X::Ranking, &[key(K::Up), ch('k')], C::Up, Ui::KeyScrollUp),
    bind(
        X::Ranking,
        &[key(K::Down), ch('j')],
        C::Down,
        Ui::KeyScrollDown,
    ),
    bind(
        X::Ranking,
        &[key(K::Esc), ch('q'), ch('r')],
        C::Back,
        Ui::KeyClose,
    ),
    bind(
        X::Voting,
        &[key(K::Left), ch('h')],
        C::FocusLeft,
        Ui::KeyFocusLeft,
    ),
    bind(
        X::Voting,
        &[key(K::Right), ch('l')],
        C::FocusRight,
        Ui::KeyFocusRight,
    ),
    bind(
        X::Voting,
        &[key(K::Up), ch('k')],
        C::FocusUp,
        Ui::KeyFocusUp,
    ),
    bind(
        X::Voting,
        &[key(K::Down), ch('j')],
        C::FocusDown,
        Ui::KeyFocusDown,
    ),
    bind(X::Voting, &[key(K::Tab)], C::NextZone, Ui::KeyNextZone),
    bind(
        X::Voting,
        &[key(K::Enter), ch(' ')],
        C::Submit,
        Ui::KeyCastVote,
    ),
    bind(
        X::Voting,
        &[key(K::Backspace)],
        C::TakeBack,
        Ui::KeyTakeBackVote,
    ),
    bind(
        X::Voting,
        &[key(K::Esc), ch('q')],
        C::Back,
        Ui::KeyEndVoting,
    ),
    bind(X::Compare, &[key(K::Up), ch('k')], C::Up, Ui::KeyScrollUp),
    bind(
        X::Compare,
        &[key(K::Down), ch('j')],
        C::Down,
        Ui::KeyScrollDown,
    ),
    bind(X::Compare, &[key(K::Esc), ch('q')], C::Back, Ui::KeyClose),
];
