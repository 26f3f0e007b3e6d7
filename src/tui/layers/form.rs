//! A small form: one or more labelled one-line fields, such as a cluster's
//! title, a number of dots, or an action's text, owner and due date.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use ratatui_textarea::{CursorMove, TextArea};
use unicode_width::UnicodeWidthStr;

use jiff::civil::Date;

use super::Layer;
use crate::i18n::Lang;
use crate::model::text::clean_line;
use crate::strings::Ui;
use crate::tui::app::{App, Effect, Input};
use crate::tui::command::Command;
use crate::tui::field;
use crate::tui::keymap::Context;
use crate::tui::render::{Ctx, centred, dialog, hints};
use crate::tui::screens::board::{FormPurpose, submit_form};

/// A day typed as YYYY-MM-DD; nothing if nothing was typed.
pub fn optional_day(text: &str) -> Result<Option<Date>, Ui> {
    match text.trim() {
        "" => Ok(None),
        d => d.parse::<Date>().map(Some).map_err(|_| Ui::ErrDate),
    }
}

/// [`optional_day`], with the reason in `lang` for a form's error line.
pub fn parse_day(text: &str, lang: Lang) -> Result<Option<Date>, String> {
    optional_day(text).map_err(|e| e.text(lang).to_string())
}

/// One field of a form.
#[derive(Debug)]
pub struct FormField {
    /// Its label.
    pub label: Ui,
    /// Its text.
    pub area: TextArea<'static>,
}

/// A form and what it is for.
#[derive(Debug)]
pub struct FormState {
    /// The title.
    pub title: String,
    /// The fields, in order.
    pub fields: Vec<FormField>,
    /// The field with focus.
    pub focus: usize,
    /// What submitting does.
    pub purpose: FormPurpose,
    /// Why the last submit was refused.
    pub error: Option<String>,
}

impl FormState {
    /// A form titled `title` with fields of `(label, start value)`.
    pub fn new(title: String, purpose: FormPurpose, fields: Vec<(Ui, String)>) -> FormState {
        let fields = fields
            .into_iter()
            .map(|(label, value)| {
                let mut area = TextArea::new(vec![value]);
                area.move_cursor(CursorMove::End);
                FormField { label, area }
            })
            .collect();
        let mut form = FormState {
            title,
            fields,
            focus: 0,
            purpose,
            error: None,
        };
        form.select_focused();
        form
    }

    /// Selects the focused field's text, so typing replaces what was
    /// offered and the arrow keys keep it.
    fn select_focused(&mut self) {
        if let Some(field) = self.fields.get_mut(self.focus)
            && !field.area.is_empty()
        {
            field.area.select_all();
        }
    }

    /// What each field holds, cleaned.
    pub fn values(&self) -> Vec<String> {
        self.fields
            .iter()
            .map(|f| clean_line(&f.area.lines().join(" ")))
            .collect()
    }
}

pub(super) fn update(app: &mut App, input: Input) -> Vec<Effect> {
    let Some(Layer::Form(form)) = app.layers.last_mut() else {
        return Vec::new();
    };
    let last = form.fields.len().saturating_sub(1);
    match input {
        Input::Command(Command::NextField) => {
            form.focus = (form.focus + 1) % form.fields.len().max(1);
            form.select_focused();
        }
        Input::Command(Command::PrevField) => {
            form.focus = (form.focus + form.fields.len() - 1) % form.fields.len().max(1);
            form.select_focused();
        }
        Input::Command(Command::Submit) if form.focus < last => {
            form.focus += 1;
            form.select_focused();
        }
        Input::Command(Command::Submit | Command::Create) => {
            let Some(Layer::Form(form)) = app.layers.pop() else {
                return Vec::new();
            };
            let values = form.values();
            match submit_form(app, form.purpose.clone(), values) {
                Ok(effects) => return effects,
                Err(reason) => {
                    let mut form = form;
                    form.error = Some(reason);
                    app.layers.push(Layer::Form(form));
                }
            }
        }
        Input::Command(Command::Back) => {
            app.layers.pop();
        }
        Input::Command(cmd @ (Command::ClearField | Command::DeleteWord)) => {
            if let Some(field) = form.fields.get_mut(form.focus) {
                field::edit(&mut field.area, cmd);
                form.error = None;
            }
        }
        Input::Key(key) => {
            if let Some(field) = form.fields.get_mut(form.focus) {
                field.area.input(key);
                form.error = None;
            }
        }
        Input::Paste(text) => {
            if let Some(field) = form.fields.get_mut(form.focus) {
                field.area.insert_str(clean_line(&text));
            }
        }
        _ => {}
    }
    Vec::new()
}

pub(super) fn render(f: &FormState, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let lang = ctx.lang();
    let t = &ctx.theme;
    let label_width = f
        .fields
        .iter()
        .map(|field| field.label.text(lang).width())
        .max()
        .unwrap_or(0)
        + 2;
    let width = 70u16.min(area.width.saturating_sub(4));
    let field_width = usize::from(width).saturating_sub(label_width + 6);
    let mut lines: Vec<Line> = Vec::new();
    for (i, field) in f.fields.iter().enumerate() {
        let focused = i == f.focus;
        let selected = focused && field.area.is_selecting();
        let value = field::shown(&field.area, focused && !selected, field_width);
        let pad = field_width.saturating_sub(value.width());
        let value_style = match (focused, selected) {
            (true, true) => t.key.add_modifier(ratatui::style::Modifier::REVERSED),
            (true, false) => t.selected,
            _ => t.dialog,
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!("{:>label_width$} ", field.label.text(lang)),
                if focused { t.key } else { t.dialog },
            ),
            Span::styled(format!(" {value}"), value_style),
            Span::styled(
                format!("{} ", " ".repeat(pad)),
                if focused { t.selected } else { t.dialog },
            ),
        ]));
    }
    if let Some(e) = &f.error {
        lines.push(Line::raw(""));
        lines.push(Line::styled(format!("✗ {e}"), t.error));
    }
    lines.push(Line::raw(""));
    lines.push(hints(
        ctx,
        Context::Form,
        &[
            (Command::Submit, Ui::HintNextOrSave),
            (Command::Back, Ui::HintCancel),
        ],
    ));
    // A long reason wraps; the box grows with it so the hints stay.
    let inner = usize::from(width.saturating_sub(2)).max(1);
    let rows: usize = lines.iter().map(|l| l.width().max(1).div_ceil(inner)).sum();
    let height = u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(3);
    let popup = centred(area, width, height);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(dialog(ctx, f.title.clone())),
        popup,
    );
}
