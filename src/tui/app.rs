//! The interface's state, and the one function that changes it.
//!
//! Terminal events become [`Input`]s; [`update`] applies them to the
//! [`App`] and returns the [`Effect`]s that need the disk, which the event
//! loop performs and answers with an [`Outcome`]. Drawing reads the state
//! and changes nothing.

use std::path::PathBuf;

use jiff::tz::TimeZone;
use ratatui::crossterm::event::{KeyEvent, MouseEvent};

use super::clock::Clock;
use super::command::Command;
use super::keymap::Context;
use super::layers::{ExportFailure, ExportJob, Exported, Layer, export_finished, update_layer};
use super::prefs::{PrefsError, PrefsFile, Remembered};
use super::screens::board::BoardState;
use super::screens::followup::{self, ActionEdit, EditFailure, EditTarget, FollowupState};
use super::screens::home::HomeState;
use super::screens::library::LibraryState;
use super::screens::wizard::WizardState;
use super::screens::{board, home, library, wizard};
use super::theme::{Theme, ThemeName};
use crate::i18n::Lang;
use crate::methods::MethodLibrary;
use crate::model::Session;
use crate::store::{Access, Listing, OpenSession, Overview, SaveReport, StoreError};
use crate::strings::Ui;

/// Smallest terminal the interface draws in.
pub const MIN_SIZE: (u16, u16) = (80, 24);

/// What the user sees and can change about the interface itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prefs {
    /// Language of every string shown now: on a board its session's
    /// language (or the other one after `F2`), elsewhere the person's.
    pub lang: Lang,
    /// Colours and emphasis.
    pub theme: ThemeName,
    /// Board without chrome, for the wall.
    pub projector: bool,
}

/// The screen under any layers.
#[derive(Debug)]
pub enum Screen {
    /// The sessions in the store.
    Home(Box<HomeState>),
    /// The methods.
    Library(LibraryState),
    /// Creating a session.
    Wizard(Box<WizardState>),
    /// Running a session.
    Board(Box<BoardState>),
    /// Reviewing and following up past sessions.
    Followup(Box<FollowupState>),
}

/// Something said in the status line until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flash {
    /// The text, already in the current language.
    pub text: String,
    /// Whether it reports a problem.
    pub error: bool,
}

/// The whole interface.
#[derive(Debug)]
pub struct App {
    /// Language, theme, projector view.
    pub prefs: Prefs,
    /// The person's own language, for every screen but a board.
    pub person_lang: Lang,
    /// The choices to remember between runs, and where; none keeps them
    /// for this run only (tests, or no config folder).
    pub remembered: Remembered,
    /// The file the choices are remembered in.
    pub prefs_file: Option<PrefsFile>,
    /// Methods known.
    pub methods: MethodLibrary,
    /// The screen.
    pub screen: Screen,
    /// Dialogs and overlays on top of the screen, topmost last.
    pub layers: Vec<Layer>,
    /// The last message for the status line.
    pub flash: Option<Flash>,
    /// The terminal's size.
    pub size: (u16, u16),
    /// Where time comes from.
    pub clock: Clock,
    /// The time zone for times shown.
    pub tz: TimeZone,
    /// The store folder, shown on the home screen.
    pub store_label: String,
    /// Where exports go unless another folder is typed: `exports` beside
    /// the store folder.
    pub exports_dir: PathBuf,
    /// The follow-up screen, kept while a session opened from it is
    /// shown, to come back to.
    pub parked: Option<Box<FollowupState>>,
    /// Session files changed on disk while a dialog was open, taken in
    /// once it closes, so nothing changes under a dialog.
    pub held_change: Option<Vec<PathBuf>>,
    /// The program should end.
    pub quit: bool,
}

/// Everything that reaches [`update`].
#[derive(Debug)]
pub enum Input {
    /// A key bound to a command.
    Command(Command),
    /// A key for a text field.
    Key(KeyEvent),
    /// Pasted text.
    Paste(String),
    /// A click or the wheel.
    Mouse(MouseEvent),
    /// The terminal changed size.
    Resize(u16, u16),
    /// Time passed (the timer runs).
    Tick,
    /// Session files in the store changed on disk: written, renamed or
    /// removed by a sync tool, another sempre, a command, or this
    /// program's own saves. What the screen shows from the store is read
    /// again.
    StoreChanged {
        /// The files that changed, were added or are gone.
        paths: Vec<PathBuf>,
    },
    /// The answer to an effect.
    Outcome(Outcome),
}

/// Work that touches the disk, done by the event loop.
#[derive(Debug)]
pub enum Effect {
    /// Read the store for the home screen.
    List,
    /// Open a session file.
    Open(PathBuf, Access),
    /// Save a new session, then open it for editing.
    Create(Box<Session>),
    /// Save a new session for a phase of the day, and put the step into
    /// the board's plan at this position once it is saved.
    CreateDaySession(Box<Session>, Box<crate::model::PlanItem>, usize),
    /// Hand the board's changes to its saver.
    Save,
    /// Wait until the board's saver has written every change and taken
    /// in its answers, then give the command again: quitting and closing
    /// wait for the last save.
    Settle(Command),
    /// Read the board's session file again.
    Reload,
    /// Write the board's changes, merging in the file on disk, which
    /// changed elsewhere.
    Merge,
    /// Read a read-only board's session file again because it changed on
    /// disk, quietly, keeping the board's place.
    Refresh,
    /// Change an action in a session file (follow-up).
    EditAction(Box<ActionEdit>),
    /// See whether an action's session can be changed now, before its
    /// form is filled in (follow-up).
    CheckEditable(Box<EditTarget>),
    /// Write an export.
    Export(Box<ExportJob>),
    /// Read these session files whole (follow-up, for an export), then
    /// give the command again.
    Fetch(Vec<PathBuf>, Command),
    /// Remember the interface choices in the preferences file.
    SavePrefs,
    /// Read the day's plan the board's session is part of, with the day's
    /// other sessions.
    ReadDay,
    /// Write the facilitator's script of the board's day to this file.
    WriteScript(PathBuf),
}

/// What an effect brought back.
#[derive(Debug)]
pub enum Outcome {
    /// The store was read, every session whole (for follow-up).
    Listed(Result<Listing, StoreError>),
    /// The store's sessions were summed up, from its index (for the home
    /// screen).
    Overview(Result<Overview, StoreError>),
    /// The store's sessions were summed up with their facts, from its
    /// index, and read whole where the index cannot tell enough (for
    /// follow-up).
    Gathered(Result<Box<crate::tui::screens::followup::Gathered>, StoreError>),
    /// A session was opened (or created and opened).
    Opened(Result<Box<OpenSession>, StoreError>),
    /// The board's session was saved, found changed on disk, or not.
    Saved(SaveReport),
    /// The board's session file was read again, or not.
    Reloaded(Result<(), StoreError>),
    /// The file on disk was merged into the board's session, or not.
    Merged(Result<crate::store::Merging, StoreError>),
    /// A read-only board's session file was read again after it changed
    /// on disk, or not.
    Refreshed(Result<(), StoreError>),
    /// The day's plan the board's session is part of was read.
    DayRead(Option<Box<crate::day::Day>>),
    /// The facilitator's script was written, or not.
    ScriptWritten(Result<PathBuf, String>),
    /// The day's session for a plan step was saved (its id), or not.
    DaySessionMade(
        Result<uuid::Uuid, StoreError>,
        Box<crate::model::PlanItem>,
        usize,
    ),
    /// An action was changed in its file, or not.
    ActionEdited(Box<ActionEdit>, Box<Result<Session, EditFailure>>),
    /// Whether an action's session can be changed now.
    Editable(Box<EditTarget>, Result<(), StoreError>),
    /// An export was written, or not.
    Exported(Result<Exported, ExportFailure>),
    /// The preferences file was written, or not.
    PrefsSaved(Result<(), PrefsError>),
}

impl App {
    /// A new interface showing the home screen.
    pub fn new(methods: MethodLibrary, prefs: Prefs, store_label: String, clock: Clock) -> App {
        App {
            person_lang: prefs.lang,
            remembered: Remembered::default(),
            prefs_file: None,
            prefs,
            methods,
            screen: Screen::Home(Box::default()),
            layers: Vec::new(),
            flash: None,
            size: MIN_SIZE,
            clock,
            tz: TimeZone::system(),
            exports_dir: exports_beside(&store_label),
            store_label,
            parked: None,
            held_change: None,
            quit: false,
        }
    }

    /// The theme's styles.
    pub fn theme(&self) -> Theme {
        self.prefs.theme.theme()
    }

    /// Where keys go now.
    pub fn context(&self) -> Context {
        if let Some(layer) = self.layers.last() {
            return layer.context();
        }
        match &self.screen {
            Screen::Home(h) if h.filtering => Context::Filter,
            Screen::Home(_) => Context::Home,
            Screen::Library(_) => Context::Library,
            Screen::Wizard(_) => Context::Wizard,
            Screen::Board(_) => Context::Board,
            Screen::Followup(f) => match f.tab {
                followup::Tab::Sessions if f.review.typing => Context::Filter,
                followup::Tab::Sessions => Context::Review,
                followup::Tab::Actions => Context::Actions,
                followup::Tab::Process => Context::Process,
            },
        }
    }

    /// Whether unbound keys type text in the current context.
    pub fn takes_text(&self) -> bool {
        super::keymap::takes_text(self.context())
    }

    /// Says `text` in the status line.
    pub fn say(&mut self, text: impl Into<String>) {
        self.flash = Some(Flash {
            text: text.into(),
            error: false,
        });
    }

    /// Reports a problem in the status line.
    pub fn warn(&mut self, text: impl Into<String>) {
        self.flash = Some(Flash {
            text: text.into(),
            error: true,
        });
    }

    /// A fixed string in the current language.
    pub fn t(&self, ui: Ui) -> &'static str {
        ui.text(self.prefs.lang)
    }

    /// Today's date where the user is.
    pub fn today(&self) -> jiff::civil::Date {
        self.clock.now().to_zoned(self.tz.clone()).date()
    }

    /// The board, if one is open.
    pub fn board(&self) -> Option<&BoardState> {
        match &self.screen {
            Screen::Board(b) => Some(b),
            _ => None,
        }
    }

    /// Leaves whatever screen is shown for the home screen and reloads it;
    /// back to the follow-up screen instead if a session was opened from
    /// there.
    pub fn go_home(&mut self) -> Vec<Effect> {
        self.prefs.lang = self.person_lang;
        self.screen = match self.parked.take() {
            Some(f) => Screen::Followup(f),
            None => Screen::Home(Box::default()),
        };
        vec![Effect::List]
    }
}

/// `exports` beside the store folder `store`.
fn exports_beside(store: &str) -> PathBuf {
    let store = std::path::Path::new(store);
    match store.parent() {
        Some(parent) => parent.join("exports"),
        None => PathBuf::from("exports"),
    }
}

/// Applies one input. This is the only place the interface's state
/// changes; what needs the disk comes back as effects.
pub fn update(app: &mut App, input: Input) -> Vec<Effect> {
    let mut effects = apply(app, input);
    // Whatever changed the phase or the notes, the phones hear of it.
    board::follow_room(app);
    if app.layers.is_empty()
        && let Some(paths) = app.held_change.take()
    {
        effects.extend(store_changed(app, &paths));
    }
    effects
}

fn apply(app: &mut App, input: Input) -> Vec<Effect> {
    if !matches!(
        input,
        Input::Tick | Input::Outcome(_) | Input::Resize(..) | Input::StoreChanged { .. }
    ) {
        app.flash = None;
    }
    if let Input::Command(cmd) = input
        && let Some(effects) = app_command(app, cmd)
    {
        return effects;
    }
    match input {
        Input::Resize(w, h) => {
            app.size = (w, h);
            if let Screen::Board(b) = &mut app.screen {
                b.keep_focus_visible(&app.prefs, app.size);
            }
            Vec::new()
        }
        // What phones sent comes in with the tick, under any dialog: a
        // note only joins the queue, votes are counts.
        Input::Tick => board::tick(app),
        Input::StoreChanged { paths } => {
            // Taken in by `update` at once, or when the last dialog closes.
            let held = app.held_change.get_or_insert_default();
            held.extend(paths);
            held.sort_unstable();
            held.dedup();
            Vec::new()
        }
        Input::Outcome(outcome) => outcome_update(app, outcome),
        input if !app.layers.is_empty() => update_layer(app, input),
        input => match &app.screen {
            Screen::Home(_) => home::update(app, input),
            Screen::Library(_) => library::update(app, input),
            Screen::Wizard(_) => wizard::update(app, input),
            Screen::Board(_) => board::update(app, input),
            Screen::Followup(_) => followup::update(app, input),
        },
    }
}

/// What the screen shows from the store is read again, as far as
/// `paths` (the session files that changed on disk) concern it: the home
/// screen's and follow-up's lists through the store's index, keeping
/// their filters and selection; a read-only board's session if its file
/// is among them. A board open for editing is handed the change
/// ([`board::store_changed`]).
fn store_changed(app: &mut App, paths: &[PathBuf]) -> Vec<Effect> {
    match &app.screen {
        Screen::Home(_) | Screen::Followup(_) => vec![Effect::List],
        Screen::Board(_) => board::store_changed(app, paths),
        // Both go back to the home screen, which reads the store then.
        Screen::Library(_) | Screen::Wizard(_) => Vec::new(),
    }
}

/// Commands that mean the same on every screen. Returns what they need
/// done, or none if not handled.
fn app_command(app: &mut App, cmd: Command) -> Option<Vec<Effect>> {
    match cmd {
        Command::ToggleLanguage => {
            app.prefs.lang = app.prefs.lang.toggled();
            if matches!(app.screen, Screen::Board(_)) {
                // The session keeps its language; only this board changes,
                // until it closes.
                app.say(app.t(Ui::BoardLanguage));
                return Some(Vec::new());
            }
            app.person_lang = app.prefs.lang;
            app.remembered.lang = Some(app.prefs.lang);
            Some(vec![Effect::SavePrefs])
        }
        Command::CycleTheme => {
            app.prefs.theme = app.prefs.theme.next();
            app.remembered.theme = Some(app.prefs.theme);
            let name = app.prefs.theme.code();
            app.say(format!("{}: {name}", app.t(Ui::Theme)));
            Some(vec![Effect::SavePrefs])
        }
        Command::Help if !matches!(app.layers.last(), Some(Layer::Help(_))) => {
            let context = app.context();
            app.layers
                .push(Layer::Help(super::layers::HelpState::new(context)));
            Some(Vec::new())
        }
        Command::ForceQuit => {
            match &app.screen {
                Screen::Board(b) if !b.room.queue.is_empty() => {
                    let waiting = b.room.queue.len();
                    app.layers.clear();
                    app.layers.push(Layer::confirm_queued(waiting, true));
                }
                Screen::Board(b) if b.open.saving() => return Some(vec![Effect::Settle(cmd)]),
                Screen::Board(b) if b.save.dirty => {
                    app.layers.clear();
                    app.layers.push(Layer::confirm_unsaved_quit(true));
                }
                _ => app.quit = true,
            }
            Some(Vec::new())
        }
        _ => None,
    }
}

fn outcome_update(app: &mut App, outcome: Outcome) -> Vec<Effect> {
    match outcome {
        Outcome::Overview(result) => {
            if let Screen::Home(home) = &mut app.screen {
                home.load(result, &app.methods, app.prefs.lang);
            }
            Vec::new()
        }
        Outcome::Gathered(result) => {
            if let Screen::Followup(f) = &mut app.screen {
                f.load_gathered(result, &app.methods, app.prefs.lang);
            }
            Vec::new()
        }
        Outcome::Listed(result) => {
            match &mut app.screen {
                Screen::Home(home) => {
                    home.load(result.map(Overview::of), &app.methods, app.prefs.lang);
                }
                Screen::Followup(f) => f.load(result, &app.methods, app.prefs.lang),
                _ => {}
            }
            Vec::new()
        }
        Outcome::Opened(Ok(open)) => {
            if matches!(app.screen, Screen::Followup(_))
                && let Screen::Followup(f) =
                    std::mem::replace(&mut app.screen, Screen::Home(Box::default()))
            {
                app.parked = Some(f);
            }
            let effects = board::open(app, *open);
            if !matches!(app.screen, Screen::Board(_))
                && let Some(f) = app.parked.take()
            {
                app.screen = Screen::Followup(f);
            }
            effects
        }
        Outcome::Opened(Err(e)) => {
            let message = e.message(app.prefs.lang);
            app.warn(message);
            Vec::new()
        }
        Outcome::Saved(result) => board::saved(app, result),
        Outcome::Merged(result) => {
            board::merged(app, result);
            Vec::new()
        }
        Outcome::Reloaded(result) => {
            board::reloaded(app, result);
            Vec::new()
        }
        Outcome::DayRead(day) => board::day_read(app, day.map(|d| *d)),
        Outcome::ScriptWritten(Ok(path)) => {
            let text = crate::strings::PlanText::Printed
                .text(app.prefs.lang)
                .replace("{path}", &path.display().to_string());
            app.say(text);
            Vec::new()
        }
        Outcome::DaySessionMade(made, item, at) => {
            board::plan_steps::day_session_made(app, made, *item, at)
        }
        Outcome::ScriptWritten(Err(e)) => {
            app.warn(e);
            Vec::new()
        }
        Outcome::Refreshed(result) => {
            board::refreshed(app, result);
            Vec::new()
        }
        Outcome::ActionEdited(edit, result) => {
            followup::edited(app, *edit, *result);
            Vec::new()
        }
        Outcome::Editable(target, result) => {
            followup::actions::editable(app, *target, result);
            Vec::new()
        }
        Outcome::Exported(result) => {
            export_finished(app, result);
            Vec::new()
        }
        Outcome::PrefsSaved(Ok(())) => Vec::new(),
        Outcome::PrefsSaved(Err(e)) => {
            let text = e.message(app.prefs.lang);
            app.warn(text);
            Vec::new()
        }
    }
}
