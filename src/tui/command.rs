//! Everything a key, a click or the program itself can ask the interface
//! to do. Keys are bound to [`Command`]s in [`super::keymap`]; the names
//! are what a keymap file would use.

use serde::{Deserialize, Serialize};

/// A nameable thing the user can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Command {
    // Everywhere.
    Quit,
    ForceQuit,
    Help,
    ToggleLanguage,
    CycleTheme,
    Back,
    // Lists.
    Up,
    Down,
    PageUp,
    PageDown,
    Open,
    // Home.
    NewSession,
    OpenLibrary,
    StartFilter,
    Reload,
    // Wizard.
    NextField,
    PrevField,
    ChoiceNext,
    ChoicePrev,
    Create,
    // Board.
    FocusLeft,
    FocusRight,
    FocusUp,
    FocusDown,
    NextZone,
    PrevZone,
    AddNote,
    EditNote,
    DeleteNote,
    MoveNoteLeft,
    MoveNoteRight,
    MoveNoteUp,
    MoveNoteDown,
    MoveNoteTo,
    CycleColour,
    Undo,
    Redo,
    NextPhase,
    PrevPhase,
    EndPhase,
    TimerToggle,
    TimerReset,
    TimerPlus,
    TimerMinus,
    ToggleGuidance,
    ToggleProjector,
    NextBoard,
    BoardsMenu,
    Mark,
    ClusterMenu,
    SetDots,
    VoteRound,
    Ranking,
    TogglePrivate,
    Decide,
    NewAction,
    Outcomes,
    CarryForward,
    Mirror,
    LinkNote,
    ChooseOnward,
    SetAside,
    Weight,
    NewMeeting,
    // Dialogs and the note editor.
    Submit,
    Newline,
    Yes,
    No,
    CycleStatus,
    Remove,
    TakeBack,
}
