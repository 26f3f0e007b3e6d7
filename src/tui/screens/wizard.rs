//! The new-session wizard: a method and the context of the workshop.

use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui_textarea::{CursorMove, TextArea};
use unicode_width::UnicodeWidthStr;

use crate::i18n::Lang;
use crate::model::text::{clean_line, optional_line};
use crate::model::{Context as SessionContext, Session};
use crate::strings::Ui;
use crate::tui::app::{App, Effect, Input, Screen};
use crate::tui::command::Command;
use crate::tui::keymap::Context;
use crate::tui::layers::{ConfirmAction, ConfirmState, Layer, optional_day};
use crate::tui::render::{Ctx, hints, status_line};

/// The fields of the form, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The method (a choice).
    Method,
    /// The title.
    Title,
    /// The network.
    Network,
    /// The target group.
    Group,
    /// The place.
    Place,
    /// The date.
    Date,
    /// Facilitators, separated by commas.
    Facilitators,
    /// Number of participants.
    Participants,
    /// The session's language (a choice).
    Language,
}

const FIELDS: [Field; 9] = [
    Field::Method,
    Field::Title,
    Field::Network,
    Field::Group,
    Field::Place,
    Field::Date,
    Field::Facilitators,
    Field::Participants,
    Field::Language,
];

impl Field {
    fn label(self) -> Ui {
        match self {
            Field::Method => Ui::FieldMethod,
            Field::Title => Ui::FieldTitle,
            Field::Network => Ui::FieldNetwork,
            Field::Group => Ui::FieldGroup,
            Field::Place => Ui::FieldPlace,
            Field::Date => Ui::FieldDate,
            Field::Facilitators => Ui::FieldFacilitators,
            Field::Participants => Ui::FieldParticipants,
            Field::Language => Ui::FieldLanguage,
        }
    }

    /// Position among the text fields, if it is one.
    fn text_slot(self) -> Option<usize> {
        match self {
            Field::Title => Some(0),
            Field::Network => Some(1),
            Field::Group => Some(2),
            Field::Place => Some(3),
            Field::Date => Some(4),
            Field::Facilitators => Some(5),
            Field::Participants => Some(6),
            Field::Method | Field::Language => None,
        }
    }
}

/// The wizard's state.
#[derive(Debug)]
pub struct WizardState {
    /// The chosen method, by position in the library.
    pub method: usize,
    /// The text fields, in the order of [`Field::text_slot`].
    pub texts: [TextArea<'static>; 7],
    /// The session's language.
    pub lang: Lang,
    /// The focused field.
    pub focus: usize,
    /// A field that is wrong, and why.
    pub error: Option<(Field, Ui)>,
    /// The texts the form started with (the date of today), to tell
    /// whether anything was typed.
    offered: [String; 7],
}

impl WizardState {
    /// A form for the method at position `method`, dated `today`.
    pub fn new(method: usize, lang: Lang, today: Date) -> WizardState {
        let texts: [TextArea<'static>; 7] = std::array::from_fn(|_| TextArea::default());
        let mut w = WizardState {
            method,
            texts,
            lang,
            focus: 1,
            error: None,
            offered: Default::default(),
        };
        w.set(Field::Date, &today.to_string());
        w.offered = std::array::from_fn(|i| w.texts[i].lines().join(" "));
        w
    }

    /// Whether something was typed that Esc would throw away.
    pub fn is_filled(&self) -> bool {
        self.texts
            .iter()
            .zip(&self.offered)
            .any(|(area, offered)| clean_line(&area.lines().join(" ")) != clean_line(offered))
    }

    /// Fills a text field.
    pub fn set(&mut self, field: Field, text: &str) {
        if let Some(slot) = field.text_slot() {
            self.texts[slot] = TextArea::new(vec![text.to_string()]);
            self.texts[slot].move_cursor(CursorMove::End);
        }
    }

    fn text(&self, field: Field) -> String {
        field
            .text_slot()
            .map(|s| self.texts[s].lines().join(" "))
            .unwrap_or_default()
    }

    fn field(&self) -> Field {
        FIELDS[self.focus]
    }

    /// Moves focus to field `index`, selecting its text so typing replaces
    /// what was offered (the date).
    fn focus_on(&mut self, index: usize) {
        self.focus = index % FIELDS.len();
        if let Some(slot) = self.field().text_slot()
            && !self.texts[slot].is_empty()
        {
            self.texts[slot].select_all();
        }
    }

    /// The session the form describes, or the first field that is wrong.
    pub fn session(&self, app: &App) -> Result<Session, (Field, Ui)> {
        let methods = app.methods.all();
        let method = &methods[self.method.min(methods.len() - 1)].method;
        let title = clean_line(&self.text(Field::Title));
        if title.is_empty() {
            return Err((Field::Title, Ui::ErrTitle));
        }
        let date = self.text(Field::Date);
        let date = optional_day(&date).map_err(|e| (Field::Date, e))?;
        let count = self.text(Field::Participants);
        let participant_count = match count.trim() {
            "" => None,
            n => Some(
                n.parse::<u32>()
                    .map_err(|_| (Field::Participants, Ui::ErrParticipants))?,
            ),
        };
        let context = SessionContext {
            title,
            language: self.lang,
            network: optional_line(Some(&self.text(Field::Network))),
            target_group: optional_line(Some(&self.text(Field::Group))),
            place: optional_line(Some(&self.text(Field::Place))),
            date,
            facilitators: self
                .text(Field::Facilitators)
                .split(',')
                .map(clean_line)
                .filter(|f| !f.is_empty())
                .collect(),
            participant_count,
            participants: Vec::new(),
            tags: Vec::new(),
        };
        Ok(Session::new(method, context, app.clock.now()))
    }
}

/// Applies an input to the wizard.
pub fn update(app: &mut App, input: Input) -> Vec<Effect> {
    let count = app.methods.all().len();
    let Screen::Wizard(w) = &mut app.screen else {
        return Vec::new();
    };
    let field = w.field();
    match input {
        Input::Command(Command::NextField) => w.focus_on(w.focus + 1),
        Input::Command(Command::PrevField) => w.focus_on(w.focus + FIELDS.len() - 1),
        Input::Command(Command::Submit) if w.focus + 1 < FIELDS.len() => w.focus_on(w.focus + 1),
        Input::Command(Command::Submit | Command::Create) => return create(app),
        Input::Command(cmd @ (Command::ChoiceNext | Command::ChoicePrev)) => {
            let forward = cmd == Command::ChoiceNext;
            match field {
                Field::Method => {
                    w.method = if forward {
                        (w.method + 1) % count
                    } else {
                        (w.method + count - 1) % count
                    };
                }
                Field::Language => w.lang = w.lang.toggled(),
                _ => {
                    if let Some(slot) = field.text_slot() {
                        let m = if forward {
                            CursorMove::Forward
                        } else {
                            CursorMove::Back
                        };
                        w.texts[slot].move_cursor(m);
                    }
                }
            }
        }
        // What was typed is not thrown away on one key: ask first, as the
        // note editor does.
        Input::Command(Command::Back) if w.is_filled() => {
            app.layers.push(Layer::Confirm(ConfirmState {
                question: Ui::ConfirmDiscardSession,
                action: ConfirmAction::DiscardWizard,
            }));
        }
        Input::Command(Command::Back) => return app.go_home(),
        Input::Command(cmd @ (Command::ClearField | Command::DeleteWord)) => {
            if let Some(slot) = field.text_slot() {
                crate::tui::field::edit(&mut w.texts[slot], cmd);
            }
        }
        Input::Key(key) => {
            if let Some(slot) = field.text_slot() {
                w.texts[slot].input(key);
                if w.error.is_some_and(|(f, _)| f == field) {
                    w.error = None;
                }
            }
        }
        Input::Paste(text) => {
            if let Some(slot) = field.text_slot() {
                w.texts[slot].insert_str(clean_line(&text));
            }
        }
        _ => {}
    }
    Vec::new()
}

fn create(app: &mut App) -> Vec<Effect> {
    let Screen::Wizard(w) = &app.screen else {
        return Vec::new();
    };
    match w.session(app) {
        Ok(session) => vec![Effect::Create(Box::new(session))],
        Err(error) => {
            if let Screen::Wizard(w) = &mut app.screen {
                w.focus = FIELDS.iter().position(|f| *f == error.0).unwrap_or(0);
                w.error = Some(error);
            }
            Vec::new()
        }
    }
}

/// Draws the wizard.
pub fn render(w: &WizardState, app: &App, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let lang = ctx.lang();
    let t = &ctx.theme;
    let [body, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let width = body.width.min(100);
    let form = Rect::new(
        body.x + (body.width - width) / 2,
        body.y,
        width,
        body.height,
    );
    let label_width = 24u16;
    let methods = app.methods.all();
    let method = &methods[w.method.min(methods.len() - 1)].method;
    let mut lines = vec![
        Line::styled(format!(" {}", Ui::WizardTitle.text(lang)), t.title),
        Line::raw(""),
    ];
    for (i, field) in FIELDS.iter().enumerate() {
        let focused = i == w.focus;
        let label = format!(
            "{:>width$}  ",
            field.label().text(lang),
            width = usize::from(label_width) - 2
        );
        let selected = focused
            && field
                .text_slot()
                .is_some_and(|slot| w.texts[slot].is_selecting());
        let field_width = usize::from(width.saturating_sub(label_width + 4)).min(50);
        let value = match (field, field.text_slot()) {
            (Field::Method, _) => format!("◀ {} ▶", method.name.get(lang)),
            (Field::Language, _) => format!("◀ {} ▶", Ui::LanguageName.text(w.lang)),
            (_, Some(slot)) => crate::tui::field::shown(
                &w.texts[slot],
                focused && !selected,
                field_width.saturating_sub(2),
            ),
            (_, None) => w.text(*field),
        };
        let style = match (focused, selected) {
            (true, true) => t.key.add_modifier(Modifier::REVERSED),
            (true, false) => t.selected,
            _ => t.text.add_modifier(Modifier::UNDERLINED),
        };
        let pad = field_width.saturating_sub(value.width() + 2);
        lines.push(Line::from(vec![
            Span::styled(label, if focused { t.key } else { t.dim }),
            Span::styled(format!(" {value}{} ", " ".repeat(pad)), style),
        ]));
        if *field == Field::Facilitators && focused {
            lines.push(Line::styled(
                format!(
                    "{}{}",
                    " ".repeat(usize::from(label_width) + 1),
                    Ui::FacilitatorsHint.text(lang)
                ),
                t.dim,
            ));
        }
        if let Some((_, why)) = w.error.filter(|(f, _)| f == field) {
            lines.push(Line::styled(
                format!(
                    "{}✗ {}",
                    " ".repeat(usize::from(label_width) + 1),
                    why.text(lang)
                ),
                t.error,
            ));
        }
    }
    let used = lines.len() as u16;
    frame.render_widget(Paragraph::new(lines), form);
    let summary = Rect::new(
        form.x + label_width + 1,
        form.y + used + 1,
        form.width.saturating_sub(label_width + 1),
        form.height.saturating_sub(used + 1),
    );
    let about = vec![
        Line::styled(method.summary.get(lang).to_string(), t.dim),
        Line::raw(""),
        Line::styled(
            method
                .phases
                .iter()
                .map(|p| {
                    format!(
                        "{} ({} {})",
                        p.name.get(lang),
                        p.minutes,
                        crate::strings::Msg::Minutes.text(lang)
                    )
                })
                .collect::<Vec<_>>()
                .join(" → "),
            t.dim,
        ),
    ];
    frame.render_widget(Paragraph::new(about).wrap(Wrap { trim: true }), summary);
    let right = hints(
        ctx,
        Context::Wizard,
        &[
            (Command::NextField, Ui::HintNextField),
            (Command::Create, Ui::HintCreate),
            (Command::Back, Ui::HintCancel),
        ],
    );
    status_line(frame, status, ctx.flash_line(None), right);
}
