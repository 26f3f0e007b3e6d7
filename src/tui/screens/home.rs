//! The home screen: the sessions in the store, newest first.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEventKind};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};
use ratatui_textarea::TextArea;
use unicode_width::UnicodeWidthStr;

use super::library::LibraryState;
use super::wizard::WizardState;
use crate::i18n::Lang;
use crate::methods::MethodLibrary;
use crate::store::{Access, Overview, StoreError, Summary, newer_first};
use crate::strings::{Msg, Noun, Ui, count};
use crate::tui::app::{App, Effect, Input, Screen};
use crate::tui::command::Command;
use crate::tui::keymap::Context;
use crate::tui::render::{Ctx, clicked_row, hints, on_screen, status_line};

/// One session in the list.
#[derive(Debug, Clone)]
pub struct HomeRow {
    /// Its summary.
    pub summary: Summary,
    /// Its file.
    pub path: PathBuf,
    /// The method's name in both languages.
    pub method: [String; 2],
    /// Lower-case text the filter looks in.
    haystack: String,
}

/// The home screen's state.
#[derive(Debug, Default)]
pub struct HomeState {
    /// Every readable session, newest first.
    pub rows: Vec<HomeRow>,
    /// Files that could not be read.
    pub problems: Vec<StoreError>,
    /// Rows that pass the filter, by position in `rows`.
    pub shown: Vec<usize>,
    /// The filter text.
    pub filter: TextArea<'static>,
    /// Keys go to the filter.
    pub filtering: bool,
    /// Selected row among the shown ones.
    pub selected: usize,
    /// The store has been read.
    pub loaded: bool,
    /// Why the store could not be read at all.
    pub error: Option<String>,
}

impl HomeState {
    /// Takes in the store's listing, keeping the filter and the selected
    /// session (by id) where it is still listed.
    pub fn load(
        &mut self,
        result: Result<Overview, StoreError>,
        methods: &MethodLibrary,
        lang: Lang,
    ) {
        self.loaded = true;
        let overview = match result {
            Ok(l) => l,
            Err(e) => {
                self.error = Some(e.message(lang));
                return;
            }
        };
        self.error = None;
        let selected = self.selected_row().map(|r| r.summary.id);
        let mut summaries = overview.sessions;
        summaries.sort_by(newer_first);
        self.rows = summaries
            .into_iter()
            .map(|summary| {
                let path = PathBuf::from(&summary.file);
                let method = methods.names(&summary.method, summary.method_name.as_ref());
                let haystack = [
                    summary.title.as_str(),
                    &method[0],
                    &method[1],
                    summary.network.as_deref().unwrap_or(""),
                    summary.target_group.as_deref().unwrap_or(""),
                    summary.place.as_deref().unwrap_or(""),
                    &summary.tags.join(" "),
                    &summary.date.to_string(),
                ]
                .join(" ")
                .to_lowercase();
                HomeRow {
                    summary,
                    path,
                    method,
                    haystack,
                }
            })
            .collect();
        self.problems = overview.problems;
        self.refilter();
        if let Some(at) = selected.and_then(|id| {
            self.shown
                .iter()
                .position(|i| self.rows[*i].summary.id == id)
        }) {
            self.selected = at;
        }
    }

    fn query(&self) -> String {
        self.filter.lines().join(" ").to_lowercase()
    }

    fn refilter(&mut self) {
        let query = self.query();
        let words: Vec<&str> = query.split_whitespace().collect();
        self.shown = (0..self.rows.len())
            .filter(|i| words.iter().all(|w| self.rows[*i].haystack.contains(w)))
            .collect();
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
    }

    fn selected_row(&self) -> Option<&HomeRow> {
        self.shown.get(self.selected).map(|i| &self.rows[*i])
    }
}

fn home_mut(app: &mut App) -> Option<&mut HomeState> {
    match &mut app.screen {
        Screen::Home(h) => Some(h),
        _ => None,
    }
}

/// Applies an input to the home screen.
pub fn update(app: &mut App, input: Input) -> Vec<Effect> {
    let size = Rect::new(0, 0, app.size.0, app.size.1);
    let Some(h) = home_mut(app) else {
        return Vec::new();
    };
    let last = h.shown.len().saturating_sub(1);
    match input {
        Input::Command(Command::Up) => h.selected = h.selected.saturating_sub(1),
        Input::Command(Command::Down) => h.selected = (h.selected + 1).min(last),
        Input::Command(Command::PageUp) => h.selected = h.selected.saturating_sub(10),
        Input::Command(Command::PageDown) => h.selected = (h.selected + 10).min(last),
        Input::Command(Command::Open) => {
            if let Some(row) = h.selected_row() {
                return vec![Effect::Open(row.path.clone(), Access::Edit)];
            }
        }
        Input::Command(Command::NewSession) => {
            app.screen = Screen::Wizard(Box::new(WizardState::new(0, app.prefs.lang, app.today())));
        }
        Input::Command(Command::OpenLibrary) => {
            app.screen = Screen::Library(LibraryState::default())
        }
        Input::Command(Command::StartFilter) => h.filtering = true,
        Input::Command(Command::Reload) => return vec![Effect::List],
        Input::Command(Command::FollowUp) => {
            return crate::tui::screens::followup::enter(
                app,
                crate::tui::screens::followup::Tab::Sessions,
            );
        }
        Input::Command(Command::Quit) => app.quit = true,
        Input::Command(Command::Submit) => h.filtering = false,
        Input::Command(Command::Back) => {
            h.filtering = false;
            h.filter = TextArea::default();
            h.refilter();
        }
        Input::Command(cmd @ (Command::ClearField | Command::DeleteWord)) if h.filtering => {
            crate::tui::field::edit(&mut h.filter, cmd);
            h.refilter();
        }
        Input::Key(key) if h.filtering => {
            h.filter.input(key);
            h.refilter();
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
            h.filtering = true;
            h.filter.input(key);
            h.refilter();
        }
        Input::Paste(text) if h.filtering => {
            h.filter.insert_str(crate::model::text::clean_line(&text));
            h.refilter();
        }
        Input::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                let table = areas(h, size)[2];
                if let Some(r) = clicked_row(table, m.column, m.row, h.selected, h.shown.len()) {
                    if r == h.selected {
                        return vec![Effect::Open(h.rows[h.shown[r]].path.clone(), Access::Edit)];
                    }
                    h.selected = r;
                }
            }
            MouseEventKind::ScrollDown => h.selected = (h.selected + 1).min(last),
            MouseEventKind::ScrollUp => h.selected = h.selected.saturating_sub(1),
            _ => {}
        },
        _ => {}
    }
    Vec::new()
}

/// Title, filter, table, unreadable files, status line.
fn areas(h: &HomeState, area: Rect) -> [Rect; 5] {
    let problems = h.problems.len().min(4) as u16;
    Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(if problems > 0 { problems + 1 } else { 0 }),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// Draws the home screen.
pub fn render(h: &HomeState, app: &App, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let lang = ctx.lang();
    let t = &ctx.theme;
    let problems = h.problems.len().min(4) as u16;
    let [title, filter, table, bad, status] = areas(h, area);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!(" sempre — {}", Ui::HomeTitle.text(lang)), t.title),
            Span::styled(
                format!("  ({})", count(lang, h.rows.len(), Noun::Session)),
                t.dim,
            ),
            Span::styled(format!("  {}", app.store_label), t.dim),
        ])),
        title,
    );
    let filter_style = if h.filtering { t.selected } else { t.dim };
    let label = format!(" {}: ", Ui::Filter.text(lang));
    let room = usize::from(filter.width).saturating_sub(label.width());
    let query = crate::tui::field::shown(&h.filter, h.filtering, room);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(label, t.key),
            Span::styled(query, filter_style),
        ])),
        filter,
    );
    sessions_table(h, ctx, frame, table);
    if problems > 0 {
        let mut lines = vec![Line::styled(
            format!(
                " ⚠ {}",
                Ui::UnreadableFiles
                    .text(lang)
                    .replace("{n}", &count(lang, h.problems.len(), Noun::File))
            ),
            t.error,
        )];
        lines.extend(
            h.problems
                .iter()
                .take(usize::from(problems))
                .map(|p| Line::styled(format!("   {}", p.message(lang)), t.dim)),
        );
        frame.render_widget(Paragraph::new(lines), bad);
    }
    let left = ctx.flash_line(h.error.as_deref());
    let right = hints(
        ctx,
        if h.filtering {
            Context::Filter
        } else {
            Context::Home
        },
        &[
            (Command::Open, Ui::HintOpen),
            (Command::NewSession, Ui::HintNew),
            (Command::OpenLibrary, Ui::HintLibrary),
            (Command::FollowUp, Ui::HintFollowUp),
            (Command::StartFilter, Ui::HintFilter),
            (Command::Help, Ui::HintHelp),
            (Command::Quit, Ui::HintQuit),
        ],
    );
    status_line(frame, status, left, right);
}

fn sessions_table(h: &HomeState, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let lang = ctx.lang();
    let t = &ctx.theme;
    if h.loaded && h.rows.is_empty() && h.error.is_none() {
        frame.render_widget(
            Paragraph::new(format!("  {}", Ui::NoSessionsYet.text(lang))).style(t.dim),
            area,
        );
        return;
    }
    let lang_index = usize::from(lang == Lang::En);
    let visible = usize::from(area.height.saturating_sub(1));
    let window = on_screen(h.selected, h.shown.len(), visible);
    let rows: Vec<Row> = h.shown[window.clone()]
        .iter()
        .map(|i| {
            let r = &h.rows[*i];
            Row::new(vec![
                Cell::from(r.summary.date.to_string()),
                Cell::from(r.summary.title.clone()),
                Cell::from(r.method[lang_index].clone()),
                Cell::from(r.summary.network.clone().unwrap_or_default()),
                Cell::from(format!("{:>5}", r.summary.notes)),
            ])
        })
        .collect();
    let header = Row::new(vec![
        Msg::Date.text(lang),
        Msg::Title.text(lang),
        Msg::Method.text(lang),
        Msg::Network.text(lang),
        Msg::Notes.text(lang),
    ])
    .style(t.title);
    let widths = [
        Constraint::Length(10),
        Constraint::Fill(4),
        Constraint::Fill(2),
        Constraint::Fill(2),
        Constraint::Length(6),
    ];
    let table = Table::new(rows, widths)
        .header(header)
        .row_highlight_style(t.selected)
        .highlight_symbol("▶ ")
        .column_spacing(2);
    let mut state = TableState::default().with_selected(if h.shown.is_empty() {
        None
    } else {
        Some(h.selected - window.start)
    });
    frame.render_stateful_widget(table, area, &mut state);
}
