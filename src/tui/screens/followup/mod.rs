//! Follow-up: what a network coordinator works with weeks after the
//! workshops. Three tabs over every session in the store: the sessions
//! themselves with filters and a preview ([`review`]), every action of
//! every session ([`actions`]), and one network's sessions over time
//! ([`process`]).

pub mod actions;
pub mod process;
pub mod review;

use std::collections::HashSet;
use std::path::PathBuf;

use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use uuid::Uuid;

use crate::i18n::Lang;
use crate::methods::{Category, MethodLibrary};
use crate::model::{Action, ActionStatus, Session};
use crate::store::{
    Access, Facts, Listing, Store, StoreError, Summary, load_session, searchable_texts,
};
use crate::strings::{Noun, Ui, count};
use crate::tui::app::{App, Effect, Input, Screen};
use crate::tui::command::Command;
use crate::tui::layers::{ExportScope, ExportState, Layer};
use crate::tui::render::{Ctx, status_line};

/// One session of the store, with what the tabs need to know about it:
/// its summary and facts from the store's index, and the whole session
/// only once something needs it (the preview, an export, an action that
/// is private, whose words the index does not keep).
#[derive(Debug, Clone)]
pub struct Entry {
    /// Its file.
    pub path: PathBuf,
    /// Its one-line summary.
    pub summary: Summary,
    /// Its actions (every one, private ones too), links and counts.
    pub facts: Facts,
    /// The whole session, once read.
    pub full: Option<Box<Session>>,
    /// The day it took place.
    pub date: Date,
    /// The method's name in Danish and English.
    pub method: [String; 2],
    /// Needs analysis or service design, if the method is known.
    pub category: Option<Category>,
    /// Every public text of the session in lower case, for the free-text
    /// filter, when the whole session was read; otherwise the store's
    /// index answers ([`FollowupState::found`]).
    haystack: Option<String>,
}

impl Entry {
    /// An entry for the whole `session`, kept in `path`.
    pub fn new(path: PathBuf, session: Session, methods: &MethodLibrary) -> Entry {
        let summary = Summary::of(&session, &path);
        let mut facts = Facts::of(&session);
        facts.actions = session.actions.clone();
        let mut entry = Entry::indexed(path, summary, facts, methods);
        let mut haystack: String = searchable_texts(&session).collect::<Vec<_>>().join("\n");
        haystack.push('\n');
        haystack.push_str(&entry.method.join("\n"));
        entry.haystack = Some(haystack.to_lowercase());
        entry.full = Some(Box::new(session));
        entry
    }

    /// An entry from the store's index: `facts.actions` must hold every
    /// action (the file was read when some are private).
    pub fn indexed(
        path: PathBuf,
        summary: Summary,
        facts: Facts,
        methods: &MethodLibrary,
    ) -> Entry {
        let known = methods.get(&summary.method);
        let method = methods.names(&summary.method, summary.method_name.as_ref());
        Entry {
            path,
            date: summary.date,
            category: known.map(|m| m.category),
            method,
            summary,
            facts,
            full: None,
            haystack: None,
        }
    }

    /// The session's id.
    pub fn id(&self) -> Uuid {
        self.summary.id
    }

    /// The session's title.
    pub fn title(&self) -> &str {
        &self.summary.title
    }

    /// The session's network.
    pub fn network(&self) -> Option<&str> {
        self.summary.network.as_deref()
    }

    /// Every action of the session.
    pub fn actions(&self) -> &[Action] {
        &self.facts.actions
    }

    /// The method's name in `lang`.
    pub fn method_name(&self, lang: Lang) -> &str {
        &self.method[usize::from(lang == Lang::En)]
    }

    /// Whether every word of `query` (already in lower case) is somewhere
    /// in the session; `found` holds the sessions the store's index found
    /// for it, for an entry read from the index.
    pub fn has_words(&self, query: &str, found: Option<&HashSet<Uuid>>) -> bool {
        if query.trim().is_empty() {
            return true;
        }
        match &self.haystack {
            Some(h) => query.split_whitespace().all(|w| h.contains(w)),
            None => found.is_some_and(|f| f.contains(&self.summary.id)),
        }
    }

    /// Actions still to be followed up.
    pub fn open_actions(&self) -> usize {
        self.summary.open_actions
    }
}

/// What follow-up reads of the store: every session's summary and facts
/// from the index, and the sessions with private actions read whole (the
/// index does not keep their words).
#[derive(Debug)]
pub struct Gathered {
    /// The summaries and facts.
    pub overview: crate::store::Overview,
    /// The sessions read whole, by file.
    pub whole: Vec<(PathBuf, Result<Session, StoreError>)>,
}

/// Reads what follow-up shows of the store.
pub fn gather(store: &Store) -> Result<Gathered, StoreError> {
    let overview = store.overview_with_facts()?;
    let whole = overview
        .sessions
        .iter()
        .zip(&overview.facts)
        .filter(|(_, facts)| facts.private_actions > 0)
        .map(|(s, _)| {
            let path = PathBuf::from(&s.file);
            let read = load_session(&path);
            (path, read)
        })
        .collect();
    Ok(Gathered { overview, whole })
}

/// Reads `paths` whole into their entries; false (with a message) when
/// one could not be read, so what needed them does not go ahead.
pub fn take_whole(app: &mut App, paths: &[PathBuf]) -> bool {
    let lang = app.prefs.lang;
    let mut failed = None;
    if let Screen::Followup(f) = &mut app.screen {
        for path in paths {
            match load_session(path) {
                Ok(session) => f.keep_whole(path, session),
                Err(e) => {
                    failed.get_or_insert(e.message(lang));
                }
            }
        }
    }
    match failed {
        Some(message) => {
            app.warn(message);
            false
        }
        None => true,
    }
}

/// Before the export dialog opens: the files still to be read whole of
/// the entries `extra` and of every session with a network (the dialog
/// offers each network's report). Empty when all are read.
pub fn unread_for_export(
    f: &FollowupState,
    extra: impl IntoIterator<Item = usize>,
) -> Vec<PathBuf> {
    let mut wanted: Vec<usize> = extra.into_iter().collect();
    wanted.extend((0..f.entries.len()).filter(|i| f.entries[*i].network().is_some()));
    wanted.sort_unstable();
    wanted.dedup();
    wanted
        .into_iter()
        .filter(|i| f.entries[*i].full.is_none())
        .map(|i| f.entries[i].path.clone())
        .collect()
}

/// Reads what the follow-up screen shows and does not have yet: the
/// selected session whole (for the preview, or the origin of the selected
/// action), and the sessions the index finds for the free text.
pub fn fetch_wanted(app: &mut App, store: &Store) {
    let Screen::Followup(f) = &mut app.screen else {
        return;
    };
    let selected = match f.tab {
        Tab::Sessions => review::selected(f),
        Tab::Actions => actions::selected(f).map(|(e, _)| e),
        Tab::Process => None,
    };
    if let Some(e) = selected.filter(|e| e.full.is_none())
        && let path = e.path.clone()
        && let Ok(session) = load_session(&path)
    {
        f.keep_whole(&path, session);
    }
    let text = f.review.filter.text.to_lowercase();
    if !text.trim().is_empty()
        && f.review.found_now().is_none()
        && f.entries.iter().any(|e| e.haystack.is_none())
    {
        f.review.found = Some((text.clone(), found_by_index(store, &text, &f.entries)));
        f.refresh();
    }
}

/// The sessions whose public words, or method's name, hold every word of
/// `text`, as the index finds them.
fn found_by_index(store: &Store, text: &str, entries: &[Entry]) -> HashSet<Uuid> {
    let mut found: Option<HashSet<Uuid>> = None;
    for word in text.split_whitespace() {
        let mut ids: HashSet<Uuid> = store
            .overview(Some(word))
            .map(|o| o.sessions.iter().map(|s| s.id).collect())
            .unwrap_or_default();
        ids.extend(
            entries
                .iter()
                .filter(|e| e.method.iter().any(|m| m.to_lowercase().contains(word)))
                .map(Entry::id),
        );
        found = Some(match found {
            Some(so_far) => so_far.intersection(&ids).copied().collect(),
            None => ids,
        });
    }
    found.unwrap_or_default()
}

/// The three tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    /// Every session, filtered and sorted, with a preview.
    #[default]
    Sessions,
    /// Every action of every session.
    Actions,
    /// One network's sessions over time.
    Process,
}

impl Tab {
    const ALL: [Tab; 3] = [Tab::Sessions, Tab::Actions, Tab::Process];

    fn name(self) -> Ui {
        match self {
            Tab::Sessions => Ui::TabSessions,
            Tab::Actions => Ui::TabActions,
            Tab::Process => Ui::TabProcess,
        }
    }
}

/// What an action looked like before or after a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionFields {
    /// Who takes care of it.
    pub owner: Option<String>,
    /// When it is due.
    pub due: Option<Date>,
    /// How far it has come.
    pub status: ActionStatus,
}

/// A change to one action in one session file, which can be taken back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionEdit {
    /// The session's file.
    pub path: PathBuf,
    /// The session.
    pub session: Uuid,
    /// The action.
    pub action: Uuid,
    /// What the action must look like in the file for the change to
    /// apply, so a change made elsewhere in the meantime is never undone
    /// unseen.
    pub before: ActionFields,
    /// What it becomes.
    pub after: ActionFields,
    /// A new change, or one undone or redone.
    pub kind: EditKind,
}

/// Where a change to an action comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditKind {
    /// The user changed the action.
    Change,
    /// An earlier change is taken back.
    Undo,
    /// A change taken back is made again.
    Redo,
}

impl ActionEdit {
    /// The same edit the other way round, as `kind`.
    fn reversed(&self, kind: EditKind) -> ActionEdit {
        ActionEdit {
            before: self.after.clone(),
            after: self.before.clone(),
            kind,
            ..self.clone()
        }
    }
}

/// Why a change to an action was not saved.
#[derive(Debug)]
pub enum EditFailure {
    /// The file could not be read, locked or written.
    Store(StoreError),
    /// The action is gone or was changed elsewhere since it was read.
    Changed,
}

/// Applies `edit` to the session file: the disk half of a change made on
/// the actions tab.
pub fn apply_edit(edit: &ActionEdit, now: jiff::Timestamp) -> Result<Session, EditFailure> {
    let result = crate::store::update_file(&edit.path, |s| {
        if s.id != edit.session {
            return Err(());
        }
        let current = s.actions.iter().find(|a| a.id == edit.action).ok_or(())?;
        let seen = ActionFields {
            owner: current.owner.clone(),
            due: current.due,
            status: current.status,
        };
        if seen != edit.before {
            return Err(());
        }
        let a = &edit.after;
        s.update_action(edit.action, a.owner.as_deref(), a.due, a.status, now)
            .map_err(|_| ())
    });
    match result {
        Ok(Ok(session)) => Ok(session),
        Ok(Err(())) => Err(EditFailure::Changed),
        Err(e) => Err(EditFailure::Store(e)),
    }
}

/// An action about to be changed in a form, and its session's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditTarget {
    /// The session file.
    pub path: PathBuf,
    /// The session.
    pub session: Uuid,
    /// The action.
    pub action: Uuid,
}

/// Whether `target`'s session can be changed now, that is, no board has it
/// open for editing: the disk half of opening an action's form, so nobody
/// fills in a form only to be refused at the end. The lock is let go at
/// once; saving the form takes it again.
pub fn check_editable(target: &EditTarget) -> Result<(), StoreError> {
    use crate::store::{Holder, SessionLock};
    let file = || target.path.display().to_string();
    match SessionLock::try_acquire_as(&target.path, Holder::Command)? {
        Some(_lock) => Ok(()),
        None => Err(match SessionLock::holder_of(&target.path) {
            Some(Holder::Board) => StoreError::Locked { file: file() },
            _ => StoreError::Busy { file: file() },
        }),
    }
}

/// The forms of the follow-up screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FollowupForm {
    /// The sessions tab's filters.
    ReviewFilters,
    /// The actions tab's filters.
    ActionFilters,
    /// An action's owner and due date.
    Action {
        /// Its session.
        session: Uuid,
        /// The action.
        action: Uuid,
    },
}

/// Does what a submitted follow-up form asks; an error keeps the form
/// open with the reason.
pub fn submit_form(
    app: &mut App,
    form: FollowupForm,
    values: &[String],
) -> Result<Vec<Effect>, String> {
    match form {
        FollowupForm::ReviewFilters => review::set_filters(app, values).map(|()| Vec::new()),
        FollowupForm::ActionFilters => {
            actions::set_filters(app, values);
            Ok(Vec::new())
        }
        FollowupForm::Action { session, action } => {
            actions::submit_edit(app, session, action, values)
        }
    }
}

/// The follow-up screen's state.
#[derive(Debug, Default)]
pub struct FollowupState {
    /// The tab shown.
    pub tab: Tab,
    /// Every readable session.
    pub entries: Vec<Entry>,
    /// Files that could not be read.
    pub problems: usize,
    /// The store has been read.
    pub loaded: bool,
    /// Why the store could not be read at all.
    pub error: Option<String>,
    /// The sessions tab.
    pub review: review::ReviewState,
    /// The actions tab.
    pub actions: actions::ActionsState,
    /// The process tab.
    pub process: process::ProcessState,
    /// Changes to actions that can be taken back, oldest first.
    pub undo: Vec<ActionEdit>,
    /// Changes taken back that can be made again, last undone last.
    pub redo: Vec<ActionEdit>,
}

impl FollowupState {
    /// Takes in the store's listing, keeping filters and the selection.
    pub fn load(
        &mut self,
        result: Result<Listing, StoreError>,
        methods: &MethodLibrary,
        lang: Lang,
    ) {
        self.loaded = true;
        match result {
            Ok(listing) => {
                self.error = None;
                self.problems = listing.problems.len();
                self.entries = listing
                    .sessions
                    .into_iter()
                    .map(|s| Entry::new(s.path, s.session, methods))
                    .collect();
            }
            Err(e) => self.error = Some(e.message(lang)),
        }
        self.review.lang = lang;
        self.refresh();
    }

    /// Takes in what [`gather`] read, keeping filters and the selection.
    pub fn load_gathered(
        &mut self,
        result: Result<Box<Gathered>, StoreError>,
        methods: &MethodLibrary,
        lang: Lang,
    ) {
        self.loaded = true;
        match result {
            Ok(gathered) => {
                let Gathered { overview, whole } = *gathered;
                self.error = None;
                self.problems = overview.problems.len();
                let mut whole: std::collections::HashMap<PathBuf, Session> = whole
                    .into_iter()
                    .filter_map(|(path, read)| match read {
                        Ok(s) => Some((path, s)),
                        Err(_) => {
                            self.problems += 1;
                            None
                        }
                    })
                    .collect();
                self.entries = overview
                    .sessions
                    .into_iter()
                    .zip(overview.facts)
                    .map(|(summary, facts)| {
                        let path = PathBuf::from(&summary.file);
                        match whole.remove(&path) {
                            Some(session) => Entry::new(path, session, methods),
                            None => Entry::indexed(path, summary, facts, methods),
                        }
                    })
                    .collect();
                self.review.found = None;
            }
            Err(e) => self.error = Some(e.message(lang)),
        }
        self.review.lang = lang;
        self.refresh();
    }

    /// Keeps the whole session read from `path` in its entry.
    pub fn keep_whole(&mut self, path: &std::path::Path, session: Session) {
        if let Some(e) = self.entries.iter_mut().find(|e| e.path == path)
            && e.summary.id == session.id
        {
            e.full = Some(Box::new(session));
            self.review.preview.clear();
        }
    }

    /// Works out every tab's rows again after the entries changed.
    pub fn refresh(&mut self) {
        // Titles of linked sessions may have changed with the entries.
        self.review.preview.clear();
        self.review.refilter(&self.entries);
        self.actions.refilter(&self.entries);
        self.process.regroup(&self.entries);
    }

    /// The entry of session `id`.
    pub fn entry(&self, id: Uuid) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id() == id)
    }

    /// Takes in a session saved by a change on the actions tab.
    pub fn replace(&mut self, session: Session, methods: &MethodLibrary) {
        if let Some(e) = self.entries.iter_mut().find(|e| e.summary.id == session.id) {
            *e = Entry::new(e.path.clone(), session, methods);
        }
        self.refresh();
    }

    /// The title of session `id`, if it is in the store.
    pub fn title_of(&self, id: Uuid) -> Option<String> {
        self.entry(id).map(|e| e.summary.title.clone())
    }
}

pub(crate) fn state_mut(app: &mut App) -> Option<&mut FollowupState> {
    match &mut app.screen {
        Screen::Followup(f) => Some(f),
        _ => None,
    }
}

/// Shows the follow-up screen (the store is read again).
pub fn enter(app: &mut App, tab: Tab) -> Vec<Effect> {
    let mut state = app.parked.take().unwrap_or_default();
    state.tab = tab;
    app.screen = Screen::Followup(state);
    vec![Effect::List]
}

/// Opens session `path` read-only; closing it comes back here.
pub fn open_read_only(path: PathBuf) -> Vec<Effect> {
    vec![Effect::Open(path, Access::ReadOnly)]
}

/// Offers to export `scopes` (the first chosen).
pub fn export_dialog(app: &mut App, scopes: Vec<ExportScope>) {
    if scopes.is_empty() {
        app.warn(app.t(Ui::NothingToExport));
        return;
    }
    let dialog = ExportState::new(scopes, app.exports_dir.clone(), app.today());
    app.layers.push(Layer::Export(Box::new(dialog)));
}

/// Applies an input to the follow-up screen.
pub fn update(app: &mut App, input: Input) -> Vec<Effect> {
    let Some(f) = state_mut(app) else {
        return Vec::new();
    };
    let tab = f.tab;
    match input {
        Input::Command(Command::NextTab) => {
            let i = Tab::ALL.iter().position(|t| *t == tab).unwrap_or(0);
            f.tab = Tab::ALL[(i + 1) % Tab::ALL.len()];
            Vec::new()
        }
        Input::Command(Command::ShowSessions) => {
            f.tab = Tab::Sessions;
            Vec::new()
        }
        Input::Command(Command::ShowActions) => {
            f.tab = Tab::Actions;
            Vec::new()
        }
        Input::Command(Command::ShowProcess) => {
            f.tab = Tab::Process;
            Vec::new()
        }
        Input::Command(Command::Reload) => vec![Effect::List],
        Input::Command(Command::Quit) => app.go_home(),
        input => match tab {
            Tab::Sessions => review::update(app, input),
            Tab::Actions => actions::update(app, input),
            Tab::Process => process::update(app, input),
        },
    }
}

/// Sends a change of an action to its file.
pub fn edit_action(edit: ActionEdit) -> Vec<Effect> {
    if edit.before == edit.after {
        return Vec::new();
    }
    vec![Effect::EditAction(Box::new(edit))]
}

/// Takes in what became of a change of an action.
pub fn edited(app: &mut App, edit: ActionEdit, result: Result<Session, EditFailure>) {
    let lang = app.prefs.lang;
    let message = match &result {
        Ok(s) => {
            let text = s
                .actions
                .iter()
                .find(|a| a.id == edit.action)
                .map(|a| crate::model::text::fit(&a.text, 40))
                .unwrap_or_default();
            let what = if edit.kind == EditKind::Undo {
                Ui::ActionChangeUndone
            } else if edit.kind == EditKind::Redo {
                Ui::ActionChangeRedone
            } else if edit.after.status != edit.before.status {
                match edit.after.status {
                    ActionStatus::Done => Ui::ActionMarkedDone,
                    _ => Ui::ActionStatusChanged,
                }
            } else {
                Ui::ActionChanged
            };
            Ok(what.text(lang).replace("{action}", &text))
        }
        Err(EditFailure::Changed) => Err(Ui::ActionChangedElsewhere.text(lang).to_string()),
        Err(EditFailure::Store(e)) => Err(e.message(lang)),
    };
    let App {
        screen, methods, ..
    } = app;
    if let Screen::Followup(f) = screen {
        match result {
            Ok(session) => {
                // The cursor stays on the action (by id) wherever the new
                // order puts it, so the next key acts on the same action.
                f.replace(session, methods);
                match edit.kind {
                    EditKind::Change => {
                        f.undo.push(edit);
                        f.redo.clear();
                    }
                    EditKind::Undo => f.redo.push(edit.reversed(EditKind::Change)),
                    EditKind::Redo => f.undo.push(ActionEdit {
                        kind: EditKind::Change,
                        ..edit
                    }),
                }
            }
            // The file could not be written (locked by a board, say): the
            // step stays where it was, to be tried again.
            Err(EditFailure::Store(_)) => match edit.kind {
                EditKind::Change => {}
                EditKind::Undo => f.undo.push(edit.reversed(EditKind::Change)),
                EditKind::Redo => f.redo.push(ActionEdit {
                    kind: EditKind::Change,
                    ..edit
                }),
            },
            Err(EditFailure::Changed) => {}
        }
    }
    match message {
        Ok(text) => app.say(text),
        Err(text) => app.warn(text),
    }
}

/// Takes back the last change to an action.
pub fn undo(app: &mut App) -> Vec<Effect> {
    let Some(f) = state_mut(app) else {
        return Vec::new();
    };
    match f.undo.pop() {
        Some(edit) => vec![Effect::EditAction(Box::new(edit.reversed(EditKind::Undo)))],
        None => {
            app.say(app.t(Ui::NothingToUndo));
            Vec::new()
        }
    }
}

/// Makes the last change taken back again.
pub fn redo(app: &mut App) -> Vec<Effect> {
    let Some(f) = state_mut(app) else {
        return Vec::new();
    };
    match f.redo.pop() {
        Some(edit) => vec![Effect::EditAction(Box::new(ActionEdit {
            kind: EditKind::Redo,
            ..edit
        }))],
        None => {
            app.say(app.t(Ui::NothingToRedo));
            Vec::new()
        }
    }
}

/// Tab bar, the tab's own area, status line.
fn frame_areas(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// The tab's own area.
pub fn body_area(size: (u16, u16)) -> Rect {
    frame_areas(Rect::new(0, 0, size.0, size.1))[1]
}

/// Draws the follow-up screen.
pub fn render(f: &FollowupState, app: &App, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let lang = ctx.lang();
    let t = &ctx.theme;
    let [top, body, status] = frame_areas(area);
    let mut spans = vec![Span::styled(
        format!(" sempre — {}  ", Ui::FollowupTitle.text(lang)),
        t.title,
    )];
    for (i, tab) in Tab::ALL.iter().enumerate() {
        let label = format!(" {} {} ", i + 1, tab.name().text(lang));
        spans.push(Span::styled(
            label,
            if *tab == f.tab { t.selected } else { t.dim },
        ));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::styled(format!(" {}", app.store_label), t.dim));
    frame.render_widget(Paragraph::new(Line::from(spans)), top);
    let unreadable = (f.problems > 0).then(|| {
        format!(
            "⚠ {}",
            Ui::UnreadableSkipped
                .text(lang)
                .replace("{n}", &count(lang, f.problems, Noun::File))
        )
    });
    let left = ctx.flash_line(f.error.as_deref().or(unreadable.as_deref()));
    let hints = match f.tab {
        Tab::Sessions => review::render(f, app, ctx, frame, body),
        Tab::Actions => actions::render(f, app, ctx, frame, body),
        Tab::Process => process::render(f, app, ctx, frame, body),
    };
    status_line(frame, status, left, hints);
}
