//! Drawing the whole interface: the screen, then its layers. A pure
//! function of the state.

use std::time::Instant;

use jiff::tz::TimeZone;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Wrap};

use super::app::{App, Flash, MIN_SIZE, Prefs, Screen};
use super::command::Command;
use super::keymap::{Context, first_key, help};
use super::layers::{ConfirmState, EditTarget, EditorState, HelpState, Layer, PickerState};
use super::screens::{board, home, library, wizard};
use super::theme::Theme;
use crate::i18n::Lang;
use crate::strings::Ui;

/// What every drawing function needs besides its own state.
pub struct Ctx<'a> {
    /// Language, theme, projector view.
    pub prefs: &'a Prefs,
    /// The theme's styles.
    pub theme: Theme,
    /// Now, for the timer.
    pub now: Instant,
    /// The time zone for clock times.
    pub tz: TimeZone,
    /// The status-line message.
    pub flash: Option<&'a Flash>,
}

impl Ctx<'_> {
    /// The language.
    pub fn lang(&self) -> Lang {
        self.prefs.lang
    }
}

/// Draws the interface.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let ctx = Ctx {
        prefs: &app.prefs,
        theme: app.theme(),
        now: app.clock.instant(),
        tz: app.tz.clone(),
        flash: app.flash.as_ref(),
    };
    frame.render_widget(Block::default().style(ctx.theme.text), area);
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        too_small(&ctx, frame, area);
        return;
    }
    match &app.screen {
        Screen::Home(h) => home::render(h, app, &ctx, frame, area),
        Screen::Library(l) => library::render(l, app, &ctx, frame, area),
        Screen::Wizard(w) => wizard::render(w, app, &ctx, frame, area),
        Screen::Board(b) => board::render(b, &ctx, frame, area),
    }
    for layer in &app.layers {
        match layer {
            Layer::Help(h) => help_overlay(h, &ctx, frame, area),
            Layer::Confirm(c) => confirm(c, &ctx, frame, area),
            Layer::Editor(e) => editor(e, &ctx, frame, area),
            Layer::Picker(p) => picker(p, app, &ctx, frame, area),
        }
    }
}

fn too_small(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let text = Ui::TooSmall
        .text(ctx.lang())
        .replace("{min}", &format!("{}×{}", MIN_SIZE.0, MIN_SIZE.1))
        .replace("{now}", &format!("{}×{}", area.width, area.height));
    let y = area.y + area.height / 2;
    frame.render_widget(
        Paragraph::new(text)
            .style(ctx.theme.title)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        Rect::new(
            area.x,
            y.saturating_sub(1),
            area.width,
            area.height - y.saturating_sub(1),
        ),
    );
}

/// A rectangle of `width` × `height` in the middle of `area`.
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// A framed dialog box, cleared, with a title.
pub fn dialog<'a>(ctx: &Ctx, title: String) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(ctx.theme.border_focus)
        .style(ctx.theme.dialog)
        .title(Line::styled(format!(" {title} "), ctx.theme.title))
}

/// Key hints such as "? help  a add", from the keymap.
pub fn hints(ctx: &Ctx, context: Context, items: &[(Command, Ui)]) -> Line<'static> {
    let mut spans = Vec::new();
    for (cmd, label) in items {
        let key = first_key(context, *cmd).or_else(|| first_key(Context::Global, *cmd));
        if let Some(key) = key {
            spans.push(Span::styled(key, ctx.theme.key));
            spans.push(Span::styled(
                format!(" {}  ", label.text(ctx.lang())),
                ctx.theme.dim,
            ));
        }
    }
    Line::from(spans)
}

/// A status line: `left` always, and as many of the hints in `right` as
/// fit beside it (the last ones give way first).
pub fn status_line(frame: &mut Frame, area: Rect, left: Line, mut right: Line) {
    while right.spans.len() >= 2 && left.width() + right.width() >= usize::from(area.width) {
        right.spans.truncate(right.spans.len() - 2);
    }
    frame.render_widget(Paragraph::new(left.clone()), area);
    if left.width() + right.width() < usize::from(area.width) {
        frame.render_widget(Paragraph::new(right).alignment(Alignment::Right), area);
    }
}

fn help_overlay(h: &HelpState, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let lang = ctx.lang();
    let lines = help(h.context);
    let key_width = lines
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0)
        .min(30);
    let rows: Vec<Line> = lines
        .iter()
        .skip(h.scroll)
        .map(|(keys, what)| {
            Line::from(vec![
                Span::styled(format!("{keys:<key_width$}  "), ctx.theme.key),
                Span::styled(what.text(lang).to_string(), ctx.theme.dialog),
            ])
        })
        .collect();
    let width = (key_width as u16 + 50).min(area.width.saturating_sub(4));
    let height = (rows.len() as u16 + 3).min(area.height.saturating_sub(2));
    let popup = centred(area, width, height);
    frame.render_widget(Clear, popup);
    let title = format!(
        "{} – {}",
        Ui::HelpTitle.text(lang),
        context_name(h.context).text(lang)
    );
    let block = dialog(ctx, title).title_bottom(Line::styled(
        format!(" {} ", Ui::HelpClose.text(lang)),
        ctx.theme.dim,
    ));
    frame.render_widget(Paragraph::new(rows).block(block), popup);
}

fn context_name(context: Context) -> Ui {
    match context {
        Context::Global => Ui::ContextGlobal,
        Context::Home | Context::Filter => Ui::ContextHome,
        Context::Library => Ui::ContextLibrary,
        Context::Wizard => Ui::ContextWizard,
        Context::Board => Ui::ContextBoard,
        Context::Editor => Ui::ContextEditor,
        Context::Confirm => Ui::ContextConfirm,
        Context::Help => Ui::ContextHelp,
        Context::Picker => Ui::ContextPicker,
    }
}

fn confirm(c: &ConfirmState, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let lang = ctx.lang();
    let popup = centred(area, 60, 7);
    frame.render_widget(Clear, popup);
    let hint = hints(
        ctx,
        Context::Confirm,
        &[(Command::Yes, Ui::Yes), (Command::No, Ui::No)],
    );
    let text = vec![
        Line::raw(c.question.text(lang).to_string()),
        Line::raw(""),
        hint,
    ];
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .block(dialog(ctx, Ui::ConfirmTitle.text(lang).to_string())),
        popup,
    );
}

fn editor(e: &EditorState, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let lang = ctx.lang();
    let width = (area.width * 2 / 3)
        .max(60)
        .min(area.width.saturating_sub(2));
    let height = if ctx.prefs.projector { 14 } else { 11 };
    let popup = centred(area, width, height);
    frame.render_widget(Clear, popup);
    let verb = match e.target {
        EditTarget::New { .. } => Ui::EditorNew,
        EditTarget::Existing(_) => Ui::EditorEdit,
    };
    let block = dialog(ctx, format!("{} – {}", verb.text(lang), e.zone_name));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [text, hint] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(&e.area, text);
    let line = hints(
        ctx,
        Context::Editor,
        &[
            (Command::Submit, Ui::HintSave),
            (Command::Newline, Ui::HintNewline),
            (Command::Back, Ui::HintCancel),
        ],
    );
    frame.render_widget(Paragraph::new(line), hint);
}

fn picker(p: &PickerState, app: &App, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let Screen::Board(b) = &app.screen else {
        return;
    };
    let lang = ctx.lang();
    let rows: Vec<Line> = b
        .method
        .zones
        .iter()
        .enumerate()
        .map(|(i, z)| {
            let style = if i == p.selected {
                ctx.theme.selected
            } else {
                ctx.theme.dialog
            };
            let number = if i < 9 {
                format!("{} ", i + 1)
            } else {
                "  ".into()
            };
            Line::styled(format!("{number}{}", z.name.get(lang)), style)
        })
        .collect();
    let popup = centred(area, 44, rows.len() as u16 + 2);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(rows).block(dialog(ctx, Ui::PickerTitle.text(lang).to_string())),
        popup,
    );
}
