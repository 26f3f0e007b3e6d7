//! The export dialog, from a board or the follow-up screen: what to
//! export (this session, the sessions shown, a network's report), the
//! format, whether names stay behind, the language of the labels and the
//! file. The file is written atomically; an existing file is only
//! replaced after a second Enter, and never inside the store.

use std::path::PathBuf;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use ratatui_textarea::{CursorMove, TextArea};
use unicode_width::UnicodeWidthStr;
use uuid::Uuid;

use super::Layer;
use crate::export::{
    Format, Options, PrivateElsewhere, Report, export_actions, export_to, link_titles,
};
use crate::i18n::Lang;
use crate::methods::MethodLibrary;
use crate::model::Session;
use crate::model::text::clean_line;
use crate::store::{ExportRefusal, Store, StoreError, write_export_with};
use crate::strings::Ui;
use crate::tui::app::{App, Effect, Input};
use crate::tui::command::Command;
use crate::tui::keymap::Context;
use crate::tui::render::{Ctx, centred, dialog, hints};

const FORMATS: [Format; 4] = [Format::Html, Format::Markdown, Format::Csv, Format::Json];

/// What a list of actions can be exported as.
const ACTION_FORMATS: [Format; 2] = [Format::Csv, Format::Ics];

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Html => "HTML",
        Format::Markdown => "Markdown",
        Format::Csv => "CSV",
        Format::Json => "JSON",
        Format::Ics => "iCalendar",
    }
}

fn format_note(format: Format, actions: bool) -> Ui {
    match format {
        Format::Html => Ui::FormatHtmlNote,
        Format::Markdown => Ui::FormatMarkdownNote,
        Format::Csv if actions => Ui::FormatActionsCsvNote,
        Format::Csv => Ui::FormatCsvNote,
        Format::Json => Ui::FormatJsonNote,
        Format::Ics => Ui::FormatIcsNote,
    }
}

/// Something that can be exported.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportScope {
    /// What the dialog calls it.
    pub label: String,
    /// The sessions, in order.
    pub sessions: Vec<Session>,
    /// The report's heading, for a network's report.
    pub report: Option<Report>,
    /// The start of the file's name.
    pub stem: String,
    /// For a list of actions (as CSV or iCalendar): which actions of the
    /// sessions, in the order shown.
    pub actions: Option<Vec<Uuid>>,
}

impl ExportScope {
    /// One session.
    pub fn session(s: &Session) -> ExportScope {
        let day = crate::store::day_of(s);
        ExportScope {
            label: s.context.title.clone(),
            sessions: vec![s.clone()],
            report: None,
            stem: format!("{day}-{}", s.context.title),
            actions: None,
        }
    }
}

/// The dialog's fields, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportField {
    /// What is exported.
    Scope,
    /// The format.
    Format,
    /// Names stay behind.
    Anonymize,
    /// The language of labels.
    Language,
    /// The file.
    File,
}

/// The dialog's state.
#[derive(Debug)]
pub struct ExportState {
    /// What can be exported.
    pub scopes: Vec<ExportScope>,
    /// Which of them.
    pub scope: usize,
    /// The format, by position in the list of formats.
    pub format: usize,
    /// Leave names out.
    pub anonymize: bool,
    /// The labels' language.
    pub lang: Lang,
    /// The file.
    pub file: TextArea<'static>,
    /// The file was typed, so it no longer follows the choices.
    pub file_edited: bool,
    /// The field with focus.
    pub focus: ExportField,
    /// The folder exports go to unless another is typed.
    pub dir: PathBuf,
    /// Today, for file names.
    pub today: Date,
    /// Why the last try failed.
    pub error: Option<String>,
    /// The file exists and the user has been told; Enter replaces it.
    pub replace: bool,
}

impl ExportState {
    /// A dialog offering `scopes`, writing into `dir` by default.
    pub fn new(scopes: Vec<ExportScope>, dir: PathBuf, today: Date) -> ExportState {
        let lang = scopes
            .first()
            .and_then(|s| s.sessions.first())
            .map_or(Lang::Da, |s| s.context.language);
        let mut state = ExportState {
            scopes,
            scope: 0,
            format: 0,
            anonymize: false,
            lang,
            file: TextArea::default(),
            file_edited: false,
            focus: ExportField::Format,
            dir,
            today,
            error: None,
            replace: false,
        };
        if state.scopes.len() > 1 {
            state.focus = ExportField::Scope;
        }
        state.suggest_file();
        state
    }

    fn fields(&self) -> Vec<ExportField> {
        let mut fields = Vec::new();
        if self.scopes.len() > 1 {
            fields.push(ExportField::Scope);
        }
        fields.extend([
            ExportField::Format,
            ExportField::Anonymize,
            ExportField::Language,
            ExportField::File,
        ]);
        fields
    }

    /// The formats the chosen scope can be exported as.
    fn formats(&self) -> &'static [Format] {
        if self.scopes[self.scope].actions.is_some() {
            &ACTION_FORMATS
        } else {
            &FORMATS
        }
    }

    /// The format chosen.
    pub fn chosen_format(&self) -> Format {
        let formats = self.formats();
        formats[self.format.min(formats.len() - 1)]
    }

    /// The file name the choices suggest.
    pub fn suggested(&self) -> PathBuf {
        let scope = &self.scopes[self.scope];
        let stem = match scope.sessions.len() {
            1 if scope.report.is_none() && scope.actions.is_none() => scope.stem.clone(),
            _ => format!("{} {}", scope.stem, self.today),
        };
        // At most 60 characters, cut between words.
        let mut name = crate::export::file_stem(&stem, 60);
        if self.anonymize {
            name.push_str(match self.lang {
                Lang::Da => "-anonym",
                Lang::En => "-anonymous",
            });
        }
        self.dir
            .join(format!("{name}.{}", self.chosen_format().extension()))
    }

    fn suggest_file(&mut self) {
        if self.file_edited {
            return;
        }
        self.file = TextArea::new(vec![self.suggested().display().to_string()]);
        self.file.move_cursor(CursorMove::End);
        self.replace = false;
    }

    fn choose(&mut self, forward: bool) {
        let step = |i: usize, n: usize| {
            if forward {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            }
        };
        match self.focus {
            ExportField::Scope => {
                // The format stays when the other scope has it too.
                let format = self.chosen_format();
                self.scope = step(self.scope, self.scopes.len());
                self.format = self
                    .formats()
                    .iter()
                    .position(|f| *f == format)
                    .unwrap_or(0);
            }
            ExportField::Format => self.format = step(self.format, self.formats().len()),
            ExportField::Anonymize => self.anonymize = !self.anonymize,
            ExportField::Language => self.lang = self.lang.toggled(),
            ExportField::File => return,
        }
        self.error = None;
        self.suggest_file();
    }

    fn move_focus(&mut self, forward: bool) {
        let fields = self.fields();
        let i = fields.iter().position(|f| *f == self.focus).unwrap_or(0);
        let n = fields.len();
        self.focus = fields[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }];
    }

    /// The export the dialog asks for, or why it cannot be done.
    fn job(&self, lang: Lang) -> Result<ExportJob, String> {
        let file = clean_line(&self.file.lines().join(""));
        if file.is_empty() {
            return Err(Ui::ErrNoFile.text(lang).to_string());
        }
        let scope = &self.scopes[self.scope];
        Ok(ExportJob {
            sessions: scope.sessions.clone(),
            report: scope.report.clone(),
            actions: scope.actions.clone(),
            format: self.chosen_format(),
            anonymize: self.anonymize,
            lang: self.lang,
            path: PathBuf::from(file),
            replace: self.replace,
        })
    }
}

/// An export to write, for the event loop.
#[derive(Debug, Clone)]
pub struct ExportJob {
    /// The sessions.
    pub sessions: Vec<Session>,
    /// For a network's report, its heading.
    pub report: Option<Report>,
    /// For a list of actions, which ones.
    pub actions: Option<Vec<Uuid>>,
    /// The format.
    pub format: Format,
    /// Leave names out.
    pub anonymize: bool,
    /// The labels' language.
    pub lang: Lang,
    /// The file.
    pub path: PathBuf,
    /// Replace the file if it exists.
    pub replace: bool,
}

/// An export written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    /// Its file.
    pub path: PathBuf,
    /// Actions a calendar left out for want of a due date.
    pub undated: usize,
}

/// Why an export was not written.
#[derive(Debug)]
pub enum ExportFailure {
    /// The file is there already and replacing it was not confirmed.
    Exists(PathBuf),
    /// The file could replace or shadow a session.
    IntoStore(ExportRefusal),
    /// The system refused.
    Store(StoreError),
}

/// Writes `job`: the disk half of the dialog.
pub fn write(
    job: &ExportJob,
    store: &Store,
    methods: &MethodLibrary,
    today: Date,
    tz: TimeZone,
) -> Result<Exported, ExportFailure> {
    let path = &job.path;
    store.check_export(path).map_err(ExportFailure::IntoStore)?;
    if path.exists() && !job.replace {
        return Err(ExportFailure::Exists(path.clone()));
    }
    // Only the sessions these link to, read by id, not the whole store.
    let linked = store.linked(&job.sessions);
    let all = || linked.iter().chain(&job.sessions);
    let options = Options {
        anonymize: job.anonymize,
        lang: job.lang,
        tz: tz.clone(),
        today,
        titles: link_titles(all(), job.anonymize, job.lang),
        private_elsewhere: PrivateElsewhere::of_all(all()),
        // Only a document (Markdown, HTML) shows planned against actual.
        plans: match (job.format, &job.actions) {
            (Format::Markdown | Format::Html, None) => crate::export::plan_docs(
                &job.sessions,
                all(),
                methods,
                job.lang,
                &tz,
                crate::model::now(),
            ),
            _ => Default::default(),
        },
    };
    drop(linked);
    // Written as it is made, so the export is never held whole as text.
    // A session whose method file is gone is read with the names it keeps.
    let chosen: Vec<_> = job
        .sessions
        .iter()
        .map(|s| methods.for_session(s))
        .collect();
    let sessions = job
        .sessions
        .iter()
        .zip(&chosen)
        .map(|(s, m)| (s.clone(), m.as_deref()))
        .collect();
    let mut undated = 0;
    write_export_with(path, |w| match &job.actions {
        Some(ids) => {
            let keep = ids.iter().copied().collect();
            undated = export_actions(sessions, Some(&keep), job.format, &options, w)?.undated;
            Ok(())
        }
        None => export_to(sessions, job.report.clone(), job.format, &options, w),
    })
    .map_err(ExportFailure::Store)?;
    Ok(Exported {
        path: path.clone(),
        undated,
    })
}

/// Takes in what became of an export.
pub fn finished(app: &mut App, result: Result<Exported, ExportFailure>) {
    let lang = app.prefs.lang;
    let Some(Layer::Export(dialog)) = app.layers.last_mut() else {
        return;
    };
    match result {
        Ok(done) => {
            app.layers.pop();
            let mut said = Ui::Exported
                .text(lang)
                .replace("{file}", &done.path.display().to_string());
            if done.undated > 0 {
                said.push_str(" · ");
                said.push_str(
                    &Ui::ExportUndated
                        .text(lang)
                        .replace("{n}", &done.undated.to_string()),
                );
            }
            app.say(said);
        }
        Err(ExportFailure::Exists(path)) => {
            dialog.replace = true;
            dialog.focus = ExportField::File;
            dialog.error = Some(
                Ui::ExportExists
                    .text(lang)
                    .replace("{file}", &path.display().to_string()),
            );
        }
        Err(ExportFailure::IntoStore(refusal)) => {
            dialog.focus = ExportField::File;
            dialog.error = Some(refusal.message(lang));
        }
        Err(ExportFailure::Store(e)) => dialog.error = Some(e.message(lang)),
    }
}

pub(super) fn update(app: &mut App, input: Input) -> Vec<Effect> {
    let lang = app.prefs.lang;
    let Some(Layer::Export(d)) = app.layers.last_mut() else {
        return Vec::new();
    };
    let on_file = d.focus == ExportField::File;
    match input {
        Input::Command(Command::NextField) => d.move_focus(true),
        Input::Command(Command::PrevField) => d.move_focus(false),
        Input::Command(Command::ChoiceNext) if !on_file => d.choose(true),
        Input::Command(Command::ChoicePrev) if !on_file => d.choose(false),
        Input::Command(Command::ChoiceNext) => d.file.move_cursor(CursorMove::Forward),
        Input::Command(Command::ChoicePrev) => d.file.move_cursor(CursorMove::Back),
        Input::Command(Command::Submit | Command::Create) => match d.job(lang) {
            Ok(job) => return vec![Effect::Export(Box::new(job))],
            Err(e) => d.error = Some(e),
        },
        Input::Command(Command::Back) => {
            app.layers.pop();
        }
        Input::Key(KeyEvent {
            code: KeyCode::Char(' '),
            ..
        }) if !on_file => d.choose(true),
        Input::Command(cmd @ (Command::ClearField | Command::DeleteWord))
            if on_file && crate::tui::field::edit(&mut d.file, cmd) =>
        {
            d.file_edited = true;
            d.replace = false;
            d.error = None;
        }
        Input::Key(key) if on_file && d.file.input(key) => {
            d.file_edited = true;
            d.replace = false;
            d.error = None;
        }
        Input::Paste(text) if on_file => {
            d.file.insert_str(clean_line(&text));
            d.file_edited = true;
            d.replace = false;
        }
        _ => {}
    }
    Vec::new()
}

pub(super) fn render(d: &ExportState, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let lang = ctx.lang();
    let t = &ctx.theme;
    let width = 76u16.min(area.width.saturating_sub(2));
    let label_width = [
        Ui::ExportWhat,
        Ui::ExportFormat,
        Ui::ExportAnonymize,
        Ui::ExportLanguage,
        Ui::ExportFile,
    ]
    .iter()
    .map(|u| u.text(lang).width())
    .max()
    .unwrap_or(0)
        + 1;
    let room = usize::from(width).saturating_sub(label_width + 6);
    let mut lines: Vec<Line> = Vec::new();
    for field in d.fields() {
        let focused = field == d.focus;
        let (label, value) = match field {
            ExportField::Scope => (Ui::ExportWhat, d.scopes[d.scope].label.clone()),
            ExportField::Format => (Ui::ExportFormat, format_name(d.chosen_format()).to_string()),
            ExportField::Anonymize => (
                Ui::ExportAnonymize,
                if d.anonymize {
                    Ui::AnonymizeYes
                } else {
                    Ui::AnonymizeNo
                }
                .text(lang)
                .to_string(),
            ),
            ExportField::Language => (
                Ui::ExportLanguage,
                Ui::LanguageName.text(d.lang).to_string(),
            ),
            ExportField::File => (Ui::ExportFile, String::new()),
        };
        let label = Span::styled(
            format!("{:>label_width$} ", label.text(lang)),
            if focused { t.key } else { t.dialog },
        );
        if field == ExportField::File {
            let selecting = focused && d.file.is_selecting();
            // Long paths show the part around the cursor: their end, where
            // the name is, unless the cursor went back.
            let shown = crate::tui::field::shown(&d.file, focused && !selecting, room);
            let cut = shown.starts_with('…');
            let pad = room.saturating_sub(shown.width());
            let style = match (focused, selecting) {
                (true, true) => t.key.add_modifier(Modifier::REVERSED),
                (true, false) => t.selected,
                _ => t.dialog,
            };
            lines.push(Line::from(vec![
                label,
                Span::styled(format!(" {shown}{}", " ".repeat(pad)), style),
            ]));
            // A path too long to show whole still says where it goes.
            let typed = PathBuf::from(d.file.lines().join(""));
            if let Some(folder) = typed.parent().filter(|p| cut && !p.as_os_str().is_empty()) {
                let folder = folder.display().to_string();
                let tail: String = if folder.width() > room {
                    let skip = folder
                        .chars()
                        .count()
                        .saturating_sub(room.saturating_sub(1));
                    format!("…{}", folder.chars().skip(skip).collect::<String>())
                } else {
                    folder
                };
                lines.push(Line::from(vec![
                    Span::styled(
                        format!("{:>label_width$} ", Ui::ExportFolder.text(lang)),
                        t.dim,
                    ),
                    Span::styled(format!(" {tail}"), t.dim),
                ]));
            }
            continue;
        }
        let value = crate::model::text::fit(&value, room.saturating_sub(4));
        let shown = if focused {
            format!("◀ {value} ▶")
        } else {
            format!("  {value}")
        };
        lines.push(Line::from(vec![
            label,
            Span::styled(
                format!(" {shown}"),
                if focused { t.selected } else { t.dialog },
            ),
        ]));
    }
    lines.push(Line::raw(""));
    let actions = d.scopes[d.scope].actions.is_some();
    let mut notes = vec![
        format_note(d.chosen_format(), actions)
            .text(lang)
            .to_string(),
    ];
    notes.push(
        if actions {
            Ui::ExportPrivateActionsNote
        } else {
            Ui::ExportPrivateNote
        }
        .text(lang)
        .to_string(),
    );
    if d.anonymize {
        notes.push(Ui::ExportAnonymNote.text(lang).to_string());
    }
    for n in notes {
        lines.push(Line::styled(n, t.dim));
    }
    if let Some(e) = &d.error {
        lines.push(Line::raw(""));
        lines.push(Line::styled(format!("✗ {e}"), t.error));
    }
    lines.push(Line::raw(""));
    lines.push(hints(
        ctx,
        Context::Export,
        &[
            (Command::Submit, Ui::HintExport),
            (Command::NextField, Ui::HintNextField),
            (Command::ChoiceNext, Ui::HintChoose),
            (Command::Back, Ui::HintCancel),
        ],
    ));
    let inner = usize::from(width.saturating_sub(2)).max(1);
    let height: usize = lines.iter().map(|l| l.width().max(1).div_ceil(inner)).sum();
    let popup = centred(
        area,
        width,
        u16::try_from(height).unwrap_or(u16::MAX).saturating_add(2),
    );
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(dialog(ctx, Ui::ExportTitle.text(lang).to_string())),
        popup,
    );
}
