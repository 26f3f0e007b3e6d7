//! The sessions tab: every session, filtered by method, network, target
//! group, tag, days and free text, sorted by any column, with a preview of
//! the selected one (its context, phase log, top-ranked notes, decisions
//! and actions). Sessions open read-only from here.

use std::cell::RefCell;
use std::collections::HashSet;

use jiff::civil::Date;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEventKind};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState, Wrap};
use ratatui_textarea::TextArea;
use unicode_width::UnicodeWidthStr;
use uuid::Uuid;

use super::{Entry, FollowupForm, FollowupState, export_dialog, open_read_only, state_mut};
use crate::export::doc::{Builder, SessionDoc, dots};
use crate::export::{network_names, network_report, without_private};
use crate::i18n::Lang;
use crate::model::Session;
use crate::model::text::clean_line;
use crate::store::network_key;
use crate::strings::{Msg, Noun, Ui, count};
use crate::tui::app::{App, Effect, Input};
use crate::tui::command::Command;
use crate::tui::keymap::Context;
use crate::tui::layers::{ExportScope, FormState, Layer};
use crate::tui::render::{Ctx, clicked_row, hints, on_screen};
use crate::tui::screens::board::FormPurpose;
use crate::tui::theme::ThemeName;

/// What the list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// The day, newest first.
    #[default]
    Date,
    /// The title, A to Z.
    Title,
    /// The method's name.
    Method,
    /// The network's name.
    Network,
    /// The number of notes, most first.
    Notes,
    /// The number of open actions, most first.
    OpenActions,
}

impl SortKey {
    const ALL: [SortKey; 6] = [
        SortKey::Date,
        SortKey::Title,
        SortKey::Method,
        SortKey::Network,
        SortKey::Notes,
        SortKey::OpenActions,
    ];

    fn next(self) -> SortKey {
        let i = SortKey::ALL.iter().position(|k| *k == self).unwrap_or(0);
        SortKey::ALL[(i + 1) % SortKey::ALL.len()]
    }

    /// Its column's heading.
    fn column(self) -> usize {
        SortKey::ALL.iter().position(|k| *k == self).unwrap_or(0)
    }
}

/// The filters; an empty field lets everything through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewFilter {
    /// Part of the method's id or name, in either language.
    pub method: String,
    /// Part of the network's name.
    pub network: String,
    /// Part of the target group.
    pub group: String,
    /// A tag, whole.
    pub tag: String,
    /// On or after this day.
    pub since: Option<Date>,
    /// On or before this day.
    pub until: Option<Date>,
    /// Words that must all appear in the session.
    pub text: String,
}

fn has_part(value: Option<&str>, wanted: &str) -> bool {
    wanted.is_empty() || value.is_some_and(|v| v.to_lowercase().contains(&wanted.to_lowercase()))
}

impl ReviewFilter {
    /// Whether `e` passes.
    pub fn matches(&self, e: &Entry, found: Option<&HashSet<Uuid>>) -> bool {
        let s = &e.summary;
        let method = self.method.to_lowercase();
        (method.is_empty()
            || s.method.to_lowercase().contains(&method)
            || e.method.iter().any(|m| m.to_lowercase().contains(&method)))
            && has_part(s.network.as_deref(), &self.network)
            && has_part(s.target_group.as_deref(), &self.group)
            && (self.tag.is_empty()
                || s.tags
                    .iter()
                    .any(|t| t.to_lowercase() == self.tag.to_lowercase()))
            && self.since.is_none_or(|d| e.date >= d)
            && self.until.is_none_or(|d| e.date <= d)
            && e.has_words(&self.text.to_lowercase(), found)
    }

    /// Whether nothing is filtered.
    pub fn is_empty(&self) -> bool {
        *self == ReviewFilter::default()
    }

    /// The filters in use, as "label: value" pieces.
    fn describe(&self, lang: Lang) -> Vec<String> {
        let mut parts = Vec::new();
        for (label, value) in [
            (Msg::Method.text(lang), &self.method),
            (Msg::Network.text(lang), &self.network),
            (Msg::TargetGroup.text(lang), &self.group),
            (Msg::Tags.text(lang), &self.tag),
        ] {
            if !value.is_empty() {
                parts.push(format!("{label}: {value}"));
            }
        }
        if let Some(d) = self.since {
            parts.push(format!("{} {d}", Ui::FieldSince.text(lang)));
        }
        if let Some(d) = self.until {
            parts.push(format!("{} {d}", Ui::FieldUntil.text(lang)));
        }
        if !self.text.is_empty() {
            parts.push(format!("\u{201c}{}\u{201d}", self.text));
        }
        parts
    }
}

/// The sessions tab's state.
#[derive(Debug, Default)]
pub struct ReviewState {
    /// The filters.
    pub filter: ReviewFilter,
    /// Keys type the free-text filter.
    pub typing: bool,
    /// The free-text filter while it is typed.
    pub query: TextArea<'static>,
    /// The column sorted by.
    pub sort: SortKey,
    /// The other way round.
    pub reverse: bool,
    /// Entries that pass, in order, by position in the entries.
    pub shown: Vec<usize>,
    /// The selected row among the shown ones.
    pub selected: usize,
    /// The selected session, kept when the list changes.
    pub selected_id: Option<Uuid>,
    /// Lines of the preview scrolled away.
    pub preview_scroll: u16,
    /// The language method names are sorted in.
    pub lang: Lang,
    /// The preview as last drawn.
    pub preview: PreviewCache,
    /// How far the preview can scroll, as it was last drawn: its wrapped
    /// lines less the lines it has room for.
    pub preview_end: std::cell::Cell<u16>,
    /// The sessions the store's index found for a free text (in lower
    /// case), for the entries that were not read whole.
    pub found: Option<(String, HashSet<Uuid>)>,
}

/// The preview's lines as last worked out, and what they were made for:
/// working them out reads the whole session, which a big one makes too
/// slow to do for every frame.
#[derive(Debug, Default)]
pub struct PreviewCache(RefCell<Option<(PreviewKey, Vec<Line<'static>>)>>);

/// What a preview depends on: the session and its last change, the
/// language, the theme and the day (for what is overdue).
type PreviewKey = (Uuid, jiff::Timestamp, Lang, ThemeName, Date);

impl PreviewCache {
    /// The lines for `key`, worked out by `make` unless they are kept.
    fn lines(
        &self,
        key: PreviewKey,
        make: impl FnOnce() -> Vec<Line<'static>>,
    ) -> Vec<Line<'static>> {
        let mut kept = self.0.borrow_mut();
        match &*kept {
            Some((k, lines)) if *k == key => lines.clone(),
            _ => {
                let lines = make();
                *kept = Some((key, lines.clone()));
                lines
            }
        }
    }

    /// Forgets the lines: the sessions were read again.
    pub fn clear(&self) {
        self.0.borrow_mut().take();
    }
}

impl ReviewState {
    /// Filters and sorts `entries` again, keeping the selected session.
    pub fn refilter(&mut self, entries: &[Entry]) {
        let found = self.found_now();
        let mut shown: Vec<usize> = (0..entries.len())
            .filter(|i| self.filter.matches(&entries[*i], found))
            .collect();
        match self.sort {
            SortKey::Date => shown.sort_by(|a, b| {
                let (a, b) = (&entries[*a], &entries[*b]);
                (b.date, b.summary.updated).cmp(&(a.date, a.summary.updated))
            }),
            SortKey::Title => {
                shown.sort_by_cached_key(|i| entries[*i].summary.title.to_lowercase())
            }
            SortKey::Method => shown.sort_by_cached_key(|i| {
                let e = &entries[*i];
                (
                    e.method_name(self.lang).to_lowercase(),
                    std::cmp::Reverse(e.date),
                )
            }),
            SortKey::Network => shown.sort_by_key(|i| {
                let e = &entries[*i];
                (
                    e.summary.network.is_none(),
                    e.summary.network.as_deref().map(str::to_lowercase),
                    std::cmp::Reverse(e.date),
                )
            }),
            SortKey::Notes => shown.sort_by_key(|i| std::cmp::Reverse(entries[*i].summary.notes)),
            SortKey::OpenActions => {
                shown.sort_by_key(|i| std::cmp::Reverse(entries[*i].open_actions()))
            }
        }
        if self.reverse {
            shown.reverse();
        }
        self.shown = shown;
        let keep = self
            .selected_id
            .and_then(|id| self.shown.iter().position(|i| entries[*i].summary.id == id));
        self.selected = keep
            .unwrap_or(self.selected)
            .min(self.shown.len().saturating_sub(1));
        self.selected_id = self
            .shown
            .get(self.selected)
            .map(|i| entries[*i].summary.id);
    }

    /// What the index found for the free text as it is now, if it was
    /// asked.
    pub fn found_now(&self) -> Option<&HashSet<Uuid>> {
        let text = self.filter.text.to_lowercase();
        self.found
            .as_ref()
            .filter(|(q, _)| *q == text)
            .map(|(_, ids)| ids)
    }

    fn select(&mut self, row: usize, entries: &[Entry]) {
        let row = row.min(self.shown.len().saturating_sub(1));
        if row != self.selected {
            self.preview_scroll = 0;
        }
        self.selected = row;
        self.selected_id = self.shown.get(row).map(|i| entries[*i].summary.id);
    }
}

/// The selected entry.
pub fn selected(f: &FollowupState) -> Option<&Entry> {
    f.review
        .shown
        .get(f.review.selected)
        .map(|i| &f.entries[*i])
}

/// The whole session of `e`, which [`super::unread_for_export`] had
/// read.
fn whole(e: &Entry) -> Option<Session> {
    e.full.as_deref().cloned()
}

/// What the export dialog offers for the selected session: the session,
/// every session shown, and its network's report.
fn scopes(f: &FollowupState, lang: Lang) -> Vec<ExportScope> {
    let Some(entry) = selected(f) else {
        return Vec::new();
    };
    let Some(session) = whole(entry) else {
        return Vec::new();
    };
    let mut scopes = vec![ExportScope::session(&session)];
    if f.review.shown.len() > 1 {
        let sessions = f
            .review
            .shown
            .iter()
            .filter_map(|i| whole(&f.entries[*i]))
            .collect();
        scopes.push(ExportScope {
            label: Ui::ScopeShown
                .text(lang)
                .replace("{n}", &count(lang, f.review.shown.len(), Noun::Session)),
            sessions,
            report: None,
            stem: "sessions".into(),
            actions: None,
        });
    }
    let network = entry.summary.network.clone();
    scopes.extend(report_scopes(f, network.as_deref(), lang));
    scopes
}

/// A report for each network in the store, `first` (if it names one)
/// first: the dialog offers the networks there are, never a name typed
/// in, so a report holds one network only.
pub fn report_scopes(f: &FollowupState, first: Option<&str>, lang: Lang) -> Vec<ExportScope> {
    let mut names = network_names(f.entries.iter().map(Entry::network));
    if let Some(first) = first.map(network_key)
        && let Some(i) = names.iter().position(|n| network_key(n) == first)
    {
        let name = names.remove(i);
        names.insert(0, name);
    }
    names
        .iter()
        .filter_map(|name| {
            // Only the network's own sessions are copied, not the store's.
            let key = network_key(name);
            let own = f
                .entries
                .iter()
                .filter(|e| e.network().is_some_and(|n| network_key(n) == key))
                .filter_map(whole);
            let (sessions, report) = network_report(own, name, None, None)?;
            Some(ExportScope {
                label: Ui::ScopeReport
                    .text(lang)
                    .replace("{network}", &report.network)
                    .replace("{sessions}", &count(lang, sessions.len(), Noun::Session)),
                stem: format!("report-{}", report.network),
                sessions,
                report: Some(report),
                actions: None,
            })
        })
        .collect()
}

/// Applies an input to the sessions tab.
pub fn update(app: &mut App, input: Input) -> Vec<Effect> {
    let lang = app.prefs.lang;
    let size = app.size;
    let Some(f) = state_mut(app) else {
        return Vec::new();
    };
    f.review.lang = lang;
    match input {
        Input::Command(Command::Open) => {
            return selected(f)
                .map(|e| open_read_only(e.path.clone()))
                .unwrap_or_default();
        }
        Input::Command(Command::Export) => {
            // The selected session, every session shown, and the networks'.
            let needed = super::unread_for_export(f, f.review.shown.iter().copied());
            if !needed.is_empty() {
                // The dialog opens once they are read.
                return vec![Effect::Fetch(needed, Command::Export)];
            }
            let scopes = scopes(f, lang);
            export_dialog(app, scopes);
            return Vec::new();
        }
        Input::Command(Command::Filters) => {
            open_filters(app);
            return Vec::new();
        }
        _ => {}
    }
    let last = f.review.shown.len().saturating_sub(1);
    let row = f.review.selected;
    let FollowupState {
        review: r, entries, ..
    } = f;
    match input {
        Input::Command(Command::Up) => r.select(row.saturating_sub(1), entries),
        Input::Command(Command::Down) => r.select((row + 1).min(last), entries),
        Input::Command(Command::PageUp) => r.select(row.saturating_sub(10), entries),
        Input::Command(Command::PageDown) => r.select((row + 10).min(last), entries),
        // The preview stops at its last line: no scrolling into blank
        // space that takes as many keys to come back from.
        Input::Command(Command::PreviewDown) => {
            r.preview_scroll = r.preview_scroll.saturating_add(5).min(r.preview_end.get())
        }
        Input::Command(Command::PreviewUp) => r.preview_scroll = r.preview_scroll.saturating_sub(5),
        Input::Command(Command::SortNext) => {
            r.sort = r.sort.next();
            r.reverse = false;
            r.refilter(entries);
            let name = sort_name(r.sort, lang);
            app.say(Ui::SortedBy.text(lang).replace("{column}", name));
        }
        Input::Command(Command::SortReverse) => {
            r.reverse = !r.reverse;
            r.refilter(entries);
        }
        Input::Command(Command::ClearFilters) => {
            r.filter = ReviewFilter::default();
            r.query = TextArea::default();
            r.refilter(entries);
        }
        Input::Command(Command::StartFilter) => start_typing(r),
        Input::Command(Command::Submit) if r.typing => r.typing = false,
        Input::Command(Command::Back) if r.typing => {
            r.typing = false;
            r.query = TextArea::default();
            r.filter.text.clear();
            r.refilter(entries);
        }
        Input::Command(cmd @ (Command::ClearField | Command::DeleteWord)) if r.typing => {
            crate::tui::field::edit(&mut r.query, cmd);
            r.filter.text = clean_line(&r.query.lines().join(" "));
            r.refilter(entries);
        }
        Input::Key(key) if r.typing => {
            r.query.input(key);
            r.filter.text = clean_line(&r.query.lines().join(" "));
            r.refilter(entries);
        }
        Input::Key(
            key @ KeyEvent {
                code: KeyCode::Char(_),
                ..
            },
        ) if !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            start_typing(r);
            r.query.input(key);
            r.filter.text = clean_line(&r.query.lines().join(" "));
            r.refilter(entries);
        }
        Input::Paste(text) if r.typing => {
            r.query.insert_str(clean_line(&text));
            r.filter.text = clean_line(&r.query.lines().join(" "));
            r.refilter(entries);
        }
        Input::Mouse(m) => {
            let table = areas(super::body_area(size), r.shown.len()).1;
            match m.kind {
                MouseEventKind::Down(MouseButton::Left) => {
                    if let Some(clicked) = clicked_row(table, m.column, m.row, row, r.shown.len()) {
                        if clicked == row {
                            return open_read_only(entries[r.shown[clicked]].path.clone());
                        }
                        r.select(clicked, entries);
                    }
                }
                MouseEventKind::ScrollDown => r.select((row + 1).min(last), entries),
                MouseEventKind::ScrollUp => r.select(row.saturating_sub(1), entries),
                _ => {}
            }
        }
        _ => {}
    }
    Vec::new()
}

fn start_typing(r: &mut ReviewState) {
    r.typing = true;
    r.query = TextArea::new(vec![r.filter.text.clone()]);
    r.query.move_cursor(ratatui_textarea::CursorMove::End);
}

fn open_filters(app: &mut App) {
    let lang = app.prefs.lang;
    let Some(f) = state_mut(app) else { return };
    let fl = &f.review.filter;
    let day = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let fields = vec![
        (Ui::FieldMethod, fl.method.clone()),
        (Ui::FieldNetwork, fl.network.clone()),
        (Ui::FieldGroup, fl.group.clone()),
        (Ui::FieldTag, fl.tag.clone()),
        (Ui::FieldSince, day(fl.since)),
        (Ui::FieldUntil, day(fl.until)),
        (Ui::FieldWords, fl.text.clone()),
    ];
    let form = FormState::new(
        Ui::FormFilters.text(lang).to_string(),
        FormPurpose::Followup(FollowupForm::ReviewFilters),
        fields,
    );
    app.layers.push(Layer::Form(Box::new(form)));
}

/// Takes in the filters form.
pub fn set_filters(app: &mut App, values: &[String]) -> Result<(), String> {
    let lang = app.prefs.lang;
    let get = |i: usize| values.get(i).cloned().unwrap_or_default();
    let day = |i: usize| crate::tui::layers::parse_day(&get(i), lang);
    let filter = ReviewFilter {
        method: get(0),
        network: get(1),
        group: get(2),
        tag: get(3),
        since: day(4)?,
        until: day(5)?,
        text: get(6),
    };
    if let (Some(a), Some(b)) = (filter.since, filter.until)
        && a > b
    {
        return Err(Ui::ErrDaysOrder.text(lang).to_string());
    }
    if let Some(f) = state_mut(app) {
        f.review.query = TextArea::new(vec![filter.text.clone()]);
        f.review.filter = filter;
        f.review.lang = lang;
        let FollowupState {
            review, entries, ..
        } = f;
        review.refilter(entries);
    }
    Ok(())
}

fn sort_name(key: SortKey, lang: Lang) -> &'static str {
    match key {
        SortKey::Date => Msg::Date.text(lang),
        SortKey::Title => Msg::Title.text(lang),
        SortKey::Method => Msg::Method.text(lang),
        SortKey::Network => Msg::Network.text(lang),
        SortKey::Notes => Msg::Notes.text(lang),
        SortKey::OpenActions => Ui::ColumnOpenActions.text(lang),
    }
}

/// The filter line, the table, the preview. Side by side from 150
/// columns, else the preview under the table.
fn areas(body: Rect, shown: usize) -> (Rect, Rect, Rect) {
    let [filter, rest] = Layout::vertical([Constraint::Length(2), Constraint::Min(3)]).areas(body);
    if body.width >= 150 {
        let [table, preview] =
            Layout::horizontal([Constraint::Fill(3), Constraint::Fill(2)]).areas(rest);
        (filter, table, preview)
    } else {
        let rows = u16::try_from(shown + 1).unwrap_or(u16::MAX);
        let height = rows.clamp(3, (rest.height * 45 / 100).max(3));
        let [table, preview] =
            Layout::vertical([Constraint::Length(height), Constraint::Min(4)]).areas(rest);
        (filter, table, preview)
    }
}

/// Draws the sessions tab and returns its key hints.
pub fn render(
    f: &FollowupState,
    app: &App,
    ctx: &Ctx,
    frame: &mut Frame,
    area: Rect,
) -> Line<'static> {
    let lang = ctx.lang();
    let t = &ctx.theme;
    let r = &f.review;
    let (filter_area, table_area, preview_area) = areas(area, r.shown.len());
    let count = Ui::ShownOf
        .text(lang)
        .replace("{n}", &r.shown.len().to_string())
        .replace("{all}", &f.entries.len().to_string());
    let arrow = if r.reverse { "▲" } else { "▼" };
    let sorted = format!("{count} · {} {arrow}", sort_name(r.sort, lang));
    let mut spans = vec![Span::styled(format!(" {}: ", Ui::Filter.text(lang)), t.key)];
    let described = r.filter.describe(lang);
    if r.typing {
        let room = usize::from(filter_area.width).saturating_sub(spans[0].width());
        let text = crate::tui::field::shown(&r.query, true, room);
        spans.push(Span::styled(text, t.selected));
    } else if described.is_empty() {
        spans.push(Span::styled(Ui::NoFilter.text(lang), t.dim));
    } else {
        spans.push(Span::styled(described.join(" · "), t.text));
    }
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(spans),
            Line::styled(format!(" {sorted}"), t.dim),
        ]),
        filter_area,
    );
    table(f, ctx, frame, table_area);
    preview(f, app, ctx, frame, preview_area);
    let context = if r.typing {
        Context::Filter
    } else {
        Context::Review
    };
    hints(
        ctx,
        context,
        &[
            (Command::Open, Ui::HintReadOnly),
            (Command::Filters, Ui::HintFilters),
            (Command::SortNext, Ui::HintSort),
            (Command::Export, Ui::HintExport),
            (Command::NextTab, Ui::HintNextTab),
            (Command::Help, Ui::HintHelp),
            (Command::Quit, Ui::HintBack),
        ],
    )
}

fn table(f: &FollowupState, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let lang = ctx.lang();
    let t = &ctx.theme;
    let r = &f.review;
    if f.loaded && r.shown.is_empty() {
        let text = if f.entries.is_empty() {
            Ui::NoSessionsYet
        } else {
            Ui::NoneMatch
        };
        frame.render_widget(
            Paragraph::new(format!("  {}", text.text(lang))).style(t.dim),
            area,
        );
        return;
    }
    let visible = usize::from(area.height.saturating_sub(1));
    let window = on_screen(r.selected, r.shown.len(), visible);
    let rows: Vec<Row> = r.shown[window.clone()]
        .iter()
        .map(|i| {
            let e = &f.entries[*i];
            let open = e.open_actions();
            Row::new(vec![
                Cell::from(e.date.to_string()),
                Cell::from(e.summary.title.clone()),
                Cell::from(e.method_name(lang).to_string()),
                Cell::from(e.summary.network.clone().unwrap_or_default()),
                Cell::from(format!("{:>5}", e.summary.notes)),
                Cell::from(format!(
                    "{:>5}",
                    if open > 0 {
                        open.to_string()
                    } else {
                        "·".into()
                    }
                )),
            ])
        })
        .collect();
    let mut header: Vec<Cell> = [
        Msg::Date.text(lang),
        Msg::Title.text(lang),
        Msg::Method.text(lang),
        Msg::Network.text(lang),
        Msg::Notes.text(lang),
        Ui::ColumnOpenActions.text(lang),
    ]
    .iter()
    .map(|h| Cell::from(h.to_string()))
    .collect();
    let marked = r.sort.column();
    header[marked] = Cell::from(format!(
        "{}{}",
        sort_name(r.sort, lang),
        if r.reverse { "▲" } else { "▼" }
    ))
    .style(t.key);
    let widths = [
        Constraint::Length(10),
        Constraint::Fill(4),
        Constraint::Fill(2),
        Constraint::Fill(2),
        Constraint::Length(6),
        Constraint::Length(6),
    ];
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(t.title))
        .row_highlight_style(t.selected)
        .highlight_symbol("▶ ")
        .column_spacing(1);
    let mut state = TableState::default()
        .with_selected((!r.shown.is_empty()).then(|| r.selected - window.start));
    frame.render_stateful_widget(table, area, &mut state);
}

/// The preview's lines for `entry`.
pub fn preview_lines(f: &FollowupState, entry: &Entry, app: &App, ctx: &Ctx) -> Vec<Line<'static>> {
    let lang = ctx.lang();
    let t = &ctx.theme;
    let Some(session) = entry.full.as_deref() else {
        return vec![Line::styled(entry.summary.title.clone(), t.title)];
    };
    let public = without_private(session.clone());
    let builder = Builder {
        lang,
        tz: &app.tz,
        today: app.today(),
    };
    // A session whose method file is gone is read with the names it keeps.
    let method = app.methods.for_session(session);
    let doc: SessionDoc = builder.session(&public, method.as_deref(), &|id| f.title_of(id));
    let mut lines = vec![Line::styled(doc.title.clone(), t.title)];
    for (label, value) in &doc.facts {
        lines.push(Line::from(vec![
            Span::styled(format!("{label}: "), t.dim),
            Span::styled(value.clone(), t.text),
        ]));
    }
    for link in &doc.links {
        lines.push(Line::styled(format!("↳ {link}"), t.text));
    }
    let heading = |lines: &mut Vec<Line<'static>>, text: String| {
        lines.push(Line::raw(""));
        lines.push(Line::styled(format!("── {text} ──"), t.key));
    };
    heading(&mut lines, Msg::Decisions.text(lang).to_string());
    if doc.decisions.is_empty() {
        lines.push(Line::styled(Ui::NoneYet.text(lang), t.dim));
    }
    for d in &doc.decisions {
        lines.push(Line::styled(format!("• {}", d.replace('\n', " ")), t.text));
    }
    heading(&mut lines, Msg::Actions.text(lang).to_string());
    if doc.actions.is_empty() {
        lines.push(Line::styled(Ui::NoneYet.text(lang), t.dim));
    }
    for a in &doc.actions {
        let mut spans = vec![
            Span::styled(format!("{} ", a.status.symbol()), t.key),
            Span::styled(
                a.text.replace('\n', " "),
                if a.status.is_open() { t.text } else { t.dim },
            ),
        ];
        let mut meta = vec![a.status_name.clone()];
        if let Some(o) = &a.owner {
            meta.push(o.clone());
        }
        if let Some(d) = a.due {
            meta.push(format!("{} {d}", Msg::Due.text(lang)));
        }
        spans.push(Span::styled(format!("  ({})", meta.join(" · ")), t.dim));
        if a.overdue {
            spans.push(Span::styled(
                format!("  {}", Ui::Overdue.text(lang)),
                t.error,
            ));
        }
        lines.push(Line::from(spans));
    }
    if !doc.ranking.is_empty() {
        heading(&mut lines, Ui::TopRanked.text(lang).to_string());
        // The ranking comes one zone at a time; the summary shows the notes
        // with most dots of any zone, each with its place in its zone.
        let mut top: Vec<_> = doc.ranking.iter().collect();
        top.sort_by_key(|r| std::cmp::Reverse(r.dots));
        for rank in top.into_iter().take(5) {
            lines.push(Line::from(vec![
                Span::styled(format!("{:>2}. ", rank.place), t.key),
                Span::styled(rank.text.replace('\n', " "), t.text),
                Span::styled(
                    format!("  {} · {}", dots(rank.dots, lang), rank.zone),
                    t.dim,
                ),
            ]));
        }
    }
    if !doc.phases.is_empty() {
        heading(&mut lines, Msg::PhaseLog.text(lang).to_string());
        let width = doc.phases.iter().map(|p| p.name.width()).max().unwrap_or(0);
        for p in &doc.phases {
            // "2026-11-04 08:00–08:15" when the phase ended the day it began.
            let same_day = p.started.len() > 11 && p.ended.get(..11) == p.started.get(..11);
            let when = if same_day {
                format!("{}–{}", p.started, &p.ended[11..])
            } else {
                format!("{} – {}", p.started, p.ended)
            };
            let pad = width.saturating_sub(p.name.width());
            lines.push(Line::from(vec![
                Span::styled(format!("{}{} ", p.name, " ".repeat(pad)), t.text),
                Span::styled(when, t.dim),
            ]));
        }
    }
    let private = entry.facts.private_notes;
    if private > 0 {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            Ui::PrivateHidden
                .text(lang)
                .replace("{n}", &count(lang, private, Noun::PrivateNote)),
            t.dim,
        ));
    }
    lines
}

fn preview(f: &FollowupState, app: &App, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let t = &ctx.theme;
    let block = Block::default()
        .borders(Borders::TOP | Borders::LEFT)
        .border_style(t.border)
        .title(Line::styled(
            format!(" {} ", Ui::Preview.text(ctx.lang())),
            t.dim,
        ));
    let Some(entry) = selected(f) else {
        frame.render_widget(block, area);
        return;
    };
    let key = (
        entry.summary.id,
        entry.summary.updated,
        ctx.lang(),
        ctx.prefs.theme,
        app.today(),
    );
    let lines = f
        .review
        .preview
        .lines(key, || preview_lines(f, entry, app, ctx));
    let paragraph = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false });
    // The block's left border takes a column; its top line is counted.
    let total = paragraph.line_count(area.width.saturating_sub(1));
    let end = u16::try_from(total.saturating_sub(usize::from(area.height))).unwrap_or(u16::MAX);
    f.review.preview_end.set(end);
    frame.render_widget(
        paragraph.scroll((f.review.preview_scroll.min(end), 0)),
        area,
    );
}
