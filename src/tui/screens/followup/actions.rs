//! The actions tab: every action of every session, what is overdue first,
//! then by due date, finished ones last. A change (done, status, owner,
//! due date) is saved into its session's file at once and can be undone.

use ratatui::Frame;
use ratatui::crossterm::event::{MouseButton, MouseEventKind};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState, Wrap};
use uuid::Uuid;

use super::{
    ActionEdit, ActionFields, EditKind, EditTarget, Entry, FollowupForm, FollowupState,
    edit_action, open_read_only, state_mut,
};
use crate::i18n::Lang;
use crate::model::text::capitalise;
use crate::model::{Action, ActionStatus};
use crate::store::StoreError;
use crate::strings::{Msg, Ui, status_name};
use crate::tui::app::{App, Effect, Input};
use crate::tui::command::Command;
use crate::tui::keymap::Context;
use crate::tui::layers::{ExportScope, FormState, Layer, parse_day};
use crate::tui::render::{Ctx, clicked_row, hints, on_screen};
use crate::tui::screens::board::FormPurpose;

/// One action in the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionRow {
    /// Its session, by position in the entries.
    pub entry: usize,
    /// The action.
    pub action: Uuid,
}

/// The actions tab's state.
#[derive(Debug, Default)]
pub struct ActionsState {
    /// Part of the network's name.
    pub network: String,
    /// Part of the owner's name.
    pub owner: String,
    /// Done and dropped actions are left out.
    pub hide_finished: bool,
    /// The actions that pass, in order.
    pub rows: Vec<ActionRow>,
    /// The selected row.
    pub selected: usize,
    /// The selected action, kept when the list changes.
    pub selected_id: Option<Uuid>,
}

fn part(value: Option<&str>, wanted: &str) -> bool {
    wanted.is_empty() || value.is_some_and(|v| v.to_lowercase().contains(&wanted.to_lowercase()))
}

impl ActionsState {
    /// Lists the actions of `entries` again: open ones by due date (so the
    /// overdue come first), open ones without a date, then finished ones.
    pub fn refilter(&mut self, entries: &[Entry]) {
        let mut rows: Vec<(ActionRow, &Action, &Entry)> = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            if !part(e.summary.network.as_deref(), &self.network) {
                continue;
            }
            for a in &e.facts.actions {
                if (a.status.is_open() || !self.hide_finished)
                    && part(a.owner.as_deref(), &self.owner)
                {
                    rows.push((
                        ActionRow {
                            entry: i,
                            action: a.id,
                        },
                        a,
                        e,
                    ));
                }
            }
        }
        rows.sort_by(|(_, a, ea), (_, b, eb)| {
            let key = |x: &Action| (!x.status.is_open(), x.due.is_none(), x.due);
            key(a)
                .cmp(&key(b))
                .then(eb.date.cmp(&ea.date))
                .then(a.created.cmp(&b.created))
        });
        self.rows = rows.into_iter().map(|(r, _, _)| r).collect();
        let keep = self
            .selected_id
            .and_then(|id| self.rows.iter().position(|r| r.action == id));
        self.selected = keep
            .unwrap_or(self.selected)
            .min(self.rows.len().saturating_sub(1));
        self.selected_id = self.rows.get(self.selected).map(|r| r.action);
    }

    /// Selects the action at `row`.
    pub fn select(&mut self, row: usize) {
        self.selected = row.min(self.rows.len().saturating_sub(1));
        self.selected_id = self.rows.get(self.selected).map(|r| r.action);
    }
}

/// The selected action and its session.
pub fn selected(f: &FollowupState) -> Option<(&Entry, &Action)> {
    let row = f.actions.rows.get(f.actions.selected)?;
    let entry = f.entries.get(row.entry)?;
    let action = entry.facts.actions.iter().find(|a| a.id == row.action)?;
    Some((entry, action))
}

fn fields(a: &Action) -> ActionFields {
    ActionFields {
        owner: a.owner.clone(),
        due: a.due,
        status: a.status,
    }
}

/// The change of the selected action that `change` makes of its fields.
fn change(app: &mut App, change: impl FnOnce(&mut ActionFields)) -> Vec<Effect> {
    let Some(f) = state_mut(app) else {
        return Vec::new();
    };
    let Some((entry, action)) = selected(f) else {
        return Vec::new();
    };
    let before = fields(action);
    let mut after = before.clone();
    change(&mut after);
    let edit = ActionEdit {
        path: entry.path.clone(),
        session: entry.summary.id,
        action: action.id,
        before,
        after,
        kind: EditKind::Change,
    };
    edit_action(edit)
}

/// Applies an input to the actions tab.
pub fn update(app: &mut App, input: Input) -> Vec<Effect> {
    let size = app.size;
    let Some(f) = state_mut(app) else {
        return Vec::new();
    };
    let last = f.actions.rows.len().saturating_sub(1);
    let row = f.actions.selected;
    match input {
        Input::Command(Command::Up) => f.actions.select(row.saturating_sub(1)),
        Input::Command(Command::Down) => f.actions.select((row + 1).min(last)),
        Input::Command(Command::PageUp) => f.actions.select(row.saturating_sub(10)),
        Input::Command(Command::PageDown) => f.actions.select((row + 10).min(last)),
        Input::Command(Command::Open) => {
            return selected(f)
                .map(|(e, _)| open_read_only(e.path.clone()))
                .unwrap_or_default();
        }
        Input::Command(Command::ToggleDone) => {
            return change(app, |a| {
                a.status = if a.status == ActionStatus::Done {
                    ActionStatus::Open
                } else {
                    ActionStatus::Done
                };
            });
        }
        Input::Command(Command::CycleStatus) => {
            return change(app, |a| a.status = a.status.next());
        }
        Input::Command(Command::EditAction) => return check_edit(app),
        Input::Command(Command::Export) => return export(app),
        Input::Command(Command::Undo) => return super::undo(app),
        Input::Command(Command::Redo) => return super::redo(app),
        Input::Command(Command::Filters) => open_filters(app),
        Input::Command(Command::ClearFilters) => {
            f.actions.network.clear();
            f.actions.owner.clear();
            f.actions.hide_finished = false;
            let FollowupState {
                actions, entries, ..
            } = f;
            actions.refilter(entries);
        }
        Input::Command(Command::ToggleFinished) => {
            f.actions.hide_finished = !f.actions.hide_finished;
            let FollowupState {
                actions, entries, ..
            } = f;
            actions.refilter(entries);
        }
        Input::Mouse(m) => {
            let table = areas(super::body_area(size)).1;
            match m.kind {
                MouseEventKind::Down(MouseButton::Left) => {
                    if let Some(clicked) =
                        clicked_row(table, m.column, m.row, row, f.actions.rows.len())
                    {
                        f.actions.select(clicked);
                    }
                }
                MouseEventKind::ScrollDown => f.actions.select((row + 1).min(last)),
                MouseEventKind::ScrollUp => f.actions.select(row.saturating_sub(1)),
                _ => {}
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Opens the export dialog for the actions shown, as the filters leave
/// them, and the selected action's session, once their sessions are read
/// whole (the index does not keep every word an export needs).
fn export(app: &mut App) -> Vec<Effect> {
    let lang = app.prefs.lang;
    let Some(f) = state_mut(app) else {
        return Vec::new();
    };
    let mut wanted: Vec<usize> = f.actions.rows.iter().map(|r| r.entry).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let needed: Vec<_> = wanted
        .iter()
        .filter(|i| f.entries[**i].full.is_none())
        .map(|i| f.entries[*i].path.clone())
        .collect();
    if !needed.is_empty() {
        // The dialog opens once they are read.
        return vec![Effect::Fetch(needed, Command::Export)];
    }
    let mut scopes = Vec::new();
    if !f.actions.rows.is_empty() {
        let sessions: Vec<crate::model::Session> = wanted
            .iter()
            .filter_map(|i| f.entries[*i].full.as_deref().cloned())
            .collect();
        // Private actions, and those made from a private note, stay
        // behind: the dialog says how many of those shown will leave.
        let elsewhere = crate::export::PrivateElsewhere::of(&sessions);
        let leaving: std::collections::HashSet<Uuid> = sessions
            .iter()
            .flat_map(|s| crate::export::prepare(s.clone(), false, lang, &elsewhere).actions)
            .map(|a| a.id)
            .collect();
        let shown = f.actions.rows.len();
        let leave = f
            .actions
            .rows
            .iter()
            .filter(|r| leaving.contains(&r.action))
            .count();
        let label = if leave == shown {
            Ui::ScopeActions
                .text(lang)
                .replace("{n}", &leave.to_string())
        } else {
            Ui::ScopeActionsPrivate
                .text(lang)
                .replace("{n}", &leave.to_string())
                .replace("{m}", &shown.to_string())
        };
        // The network names the file; an owner filter is a person's name,
        // which stays out of a file name that travels with the file (and
        // would survive an anonymized export).
        let mut stem = vec!["actions".to_string()];
        stem.extend(
            Some(&f.actions.network)
                .filter(|x| !x.trim().is_empty())
                .cloned(),
        );
        scopes.push(ExportScope {
            label,
            sessions,
            report: None,
            stem: stem.join(" "),
            actions: Some(f.actions.rows.iter().map(|r| r.action).collect()),
        });
    }
    if let Some(session) = selected(f).and_then(|(e, _)| e.full.as_deref()) {
        scopes.push(ExportScope::session(session));
    }
    super::export_dialog(app, scopes);
    Vec::new()
}

/// Asks the disk whether the selected action's session can be changed
/// before its form opens.
fn check_edit(app: &mut App) -> Vec<Effect> {
    let Some(f) = state_mut(app) else {
        return Vec::new();
    };
    let Some((entry, action)) = selected(f) else {
        return Vec::new();
    };
    vec![Effect::CheckEditable(Box::new(EditTarget {
        path: entry.path.clone(),
        session: entry.summary.id,
        action: action.id,
    }))]
}

/// Opens the form of `target` if its session can be changed; otherwise
/// says why, and no form opens.
pub fn editable(app: &mut App, target: EditTarget, result: Result<(), StoreError>) {
    match result {
        Ok(()) => open_edit(app, &target),
        Err(e) => {
            let message = e.message(app.prefs.lang);
            app.warn(message);
        }
    }
}

fn open_edit(app: &mut App, target: &EditTarget) {
    let lang = app.prefs.lang;
    let Some(f) = state_mut(app) else { return };
    let Some(action) = f
        .entry(target.session)
        .and_then(|e| e.facts.actions.iter().find(|a| a.id == target.action))
    else {
        return;
    };
    let purpose = FormPurpose::Followup(FollowupForm::Action {
        session: target.session,
        action: action.id,
    });
    let title = crate::model::text::fit(&action.text.replace('\n', " "), 50);
    let fields = vec![
        (Ui::FieldOwner, action.owner.clone().unwrap_or_default()),
        (
            Ui::FieldDue,
            action.due.map(|d| d.to_string()).unwrap_or_default(),
        ),
    ];
    let form = FormState::new(
        format!("{}: {title}", Ui::FormFollowAction.text(lang)),
        purpose,
        fields,
    );
    app.layers.push(Layer::Form(Box::new(form)));
}

/// Takes in the form that changes an action's owner and due date.
pub fn submit_edit(
    app: &mut App,
    session: Uuid,
    action: Uuid,
    values: &[String],
) -> Result<Vec<Effect>, String> {
    let lang = app.prefs.lang;
    let owner = values.first().cloned().filter(|o| !o.is_empty());
    let due = parse_day(values.get(1).map_or("", String::as_str), lang)?;
    let Some(f) = state_mut(app) else {
        return Ok(Vec::new());
    };
    let Some(entry) = f.entry(session) else {
        return Ok(Vec::new());
    };
    let Some(a) = entry.facts.actions.iter().find(|a| a.id == action) else {
        return Ok(Vec::new());
    };
    let before = fields(a);
    let after = ActionFields {
        owner,
        due,
        status: a.status,
    };
    let edit = ActionEdit {
        path: entry.path.clone(),
        session,
        action,
        before,
        after,
        kind: EditKind::Change,
    };
    Ok(edit_action(edit))
}

fn open_filters(app: &mut App) {
    let lang = app.prefs.lang;
    let Some(f) = state_mut(app) else { return };
    let fields = vec![
        (Ui::FieldNetwork, f.actions.network.clone()),
        (Ui::FieldOwner, f.actions.owner.clone()),
    ];
    let form = FormState::new(
        Ui::FormFilters.text(lang).to_string(),
        FormPurpose::Followup(FollowupForm::ActionFilters),
        fields,
    );
    app.layers.push(Layer::Form(Box::new(form)));
}

/// Takes in the filters form.
pub fn set_filters(app: &mut App, values: &[String]) {
    if let Some(f) = state_mut(app) {
        f.actions.network = values.first().cloned().unwrap_or_default();
        f.actions.owner = values.get(1).cloned().unwrap_or_default();
        let FollowupState {
            actions, entries, ..
        } = f;
        actions.refilter(entries);
    }
}

/// The filter line, the table, the selected action in full.
fn areas(body: Rect) -> (Rect, Rect, Rect) {
    let [filter, table, detail] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(5),
    ])
    .areas(body);
    (filter, table, detail)
}

fn filter_line(f: &FollowupState, lang: Lang) -> String {
    let a = &f.actions;
    let mut parts = Vec::new();
    if !a.network.is_empty() {
        parts.push(format!("{}: {}", Msg::Network.text(lang), a.network));
    }
    if !a.owner.is_empty() {
        parts.push(format!("{}: {}", Msg::Owner.text(lang), a.owner));
    }
    if a.hide_finished {
        parts.push(Ui::OnlyOpen.text(lang).to_string());
    }
    parts.join(" · ")
}

/// Draws the actions tab and returns its key hints.
pub fn render(
    f: &FollowupState,
    app: &App,
    ctx: &Ctx,
    frame: &mut Frame,
    area: Rect,
) -> Line<'static> {
    let lang = ctx.lang();
    let t = &ctx.theme;
    let today = app.today();
    let (filter_area, table_area, detail_area) = areas(area);
    let a = &f.actions;
    let all: usize = f.entries.iter().map(|e| e.facts.actions.len()).sum();
    let overdue = a
        .rows
        .iter()
        .filter_map(|r| {
            f.entries[r.entry]
                .facts
                .actions
                .iter()
                .find(|x| x.id == r.action)
        })
        .filter(|x| x.is_overdue(today))
        .count();
    let described = filter_line(f, lang);
    let filter = if described.is_empty() {
        Span::styled(Ui::NoActionFilter.text(lang), t.dim)
    } else {
        Span::styled(described, t.text)
    };
    let mut counts = vec![Span::styled(
        format!(
            " {}",
            Ui::ShownOf
                .text(lang)
                .replace("{n}", &a.rows.len().to_string())
                .replace("{all}", &all.to_string())
        ),
        t.dim,
    )];
    if overdue > 0 {
        counts.push(Span::styled(
            format!(
                " · {}",
                Ui::OverdueCount
                    .text(lang)
                    .replace("{n}", &overdue.to_string())
            ),
            t.error,
        ));
    }
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled(format!(" {}: ", Ui::Filter.text(lang)), t.key),
                filter,
            ]),
            Line::from(counts),
        ]),
        filter_area,
    );
    if f.loaded && a.rows.is_empty() {
        let text = if all == 0 {
            Ui::NoActionsYet
        } else {
            Ui::NoneMatch
        };
        frame.render_widget(
            Paragraph::new(format!("  {}", text.text(lang))).style(t.dim),
            table_area,
        );
    } else {
        let visible = usize::from(table_area.height.saturating_sub(1));
        let window = on_screen(a.selected, a.rows.len(), visible);
        let rows: Vec<Row> = a.rows[window.clone()]
            .iter()
            .filter_map(|r| {
                let e = &f.entries[r.entry];
                let x = e.facts.actions.iter().find(|x| x.id == r.action)?;
                let late = x.is_overdue(today);
                let style = if x.status.is_open() { t.text } else { t.dim };
                Some(
                    Row::new(vec![
                        Cell::from(x.due.map(|d| d.to_string()).unwrap_or_else(|| "—".into()))
                            .style(if late { t.error } else { style }),
                        Cell::from(format!(
                            "{} {}",
                            x.status.symbol(),
                            status_name(x.status, lang)
                        )),
                        Cell::from(action_text(x, ctx.prefs.projector, lang)),
                        Cell::from(x.owner.clone().unwrap_or_default()),
                        Cell::from(e.summary.title.clone()),
                    ])
                    .style(style),
                )
            })
            .collect();
        let header = Row::new(vec![
            capitalise(Msg::Due.text(lang)),
            Ui::ColumnStatus.text(lang).to_string(),
            Msg::Actions.text(lang).to_string(),
            capitalise(Msg::Owner.text(lang)),
            Ui::ColumnSession.text(lang).to_string(),
        ])
        .style(t.title);
        let widths = [
            Constraint::Length(10),
            Constraint::Length(if area.width >= 100 { 13 } else { 2 }),
            Constraint::Fill(4),
            Constraint::Fill(1),
            Constraint::Fill(2),
        ];
        let table = Table::new(rows, widths)
            .header(header)
            .row_highlight_style(t.selected)
            .highlight_symbol("▶ ")
            .column_spacing(1);
        let mut state = TableState::default()
            .with_selected((!a.rows.is_empty()).then(|| a.selected - window.start));
        frame.render_stateful_widget(table, table_area, &mut state);
    }
    detail(f, app, ctx, frame, detail_area);
    let context = Context::Actions;
    hints(
        ctx,
        context,
        &[
            (Command::ToggleDone, Ui::HintDone),
            (Command::EditAction, Ui::HintOwnerDue),
            (Command::Undo, Ui::HintUndo),
            (Command::Filters, Ui::HintFilters),
            (Command::Export, Ui::HintExport),
            (Command::Open, Ui::HintReadOnly),
            (Command::NextTab, Ui::HintNextTab),
            (Command::Help, Ui::HintHelp),
            (Command::Quit, Ui::HintBack),
        ],
    )
}

fn detail(f: &FollowupState, app: &App, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let lang = ctx.lang();
    let t = &ctx.theme;
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(t.border);
    let Some((entry, action)) = selected(f) else {
        frame.render_widget(block, area);
        return;
    };
    // A private action, and the private decision it came from, are marked
    // here and shown as their mark only on the projector, as in the list.
    let projector = ctx.prefs.projector;
    let mut lines = vec![Line::styled(action_text(action, projector, lang), t.title)];
    // Where it came from is in the whole session, read once the action is
    // selected.
    let mut from = Vec::new();
    let whole = entry.full.as_deref();
    if let Some(note) = action
        .note
        .and_then(|n| whole?.notes.iter().find(|x| x.id == n))
        && !note.private
    {
        from.push(format!(
            "{}: {}",
            Ui::FromNote.text(lang),
            note.text.replace('\n', " ")
        ));
    }
    if let Some(d) = action
        .decision
        .and_then(|d| whole?.decisions.iter().find(|x| x.id == d))
    {
        from.push(format!(
            "{}: {}",
            Ui::FromDecision.text(lang),
            crate::strings::private_words(lang, d.private, projector, &d.text.replace('\n', " "))
        ));
    }
    let mut about = vec![
        entry.date.to_string(),
        entry.title().to_string(),
        entry.method_name(lang).to_string(),
    ];
    if let Some(n) = entry.network() {
        about.push(n.to_string());
    }
    let late = action.is_overdue(app.today());
    let mut spans = vec![Span::styled(about.join(" · "), t.dim)];
    if late {
        spans.push(Span::styled(
            format!("  {}", Ui::Overdue.text(lang)),
            t.error,
        ));
    }
    lines.push(Line::from(spans));
    if !from.is_empty() {
        lines.push(Line::styled(from.join(" · "), t.text));
    }
    frame.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
        area,
    );
}

/// An action's words in the list: a private one is marked, and on the
/// projector only the mark is shown.
fn action_text(a: &Action, projector: bool, lang: Lang) -> String {
    crate::strings::private_words(lang, a.private, projector, &a.text.replace('\n', " "))
}
