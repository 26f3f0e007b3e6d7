//! Drawing the whole interface: the screen, then its layers. A pure
//! function of the state.

use std::time::Instant;

use jiff::tz::TimeZone;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Wrap};

use super::app::{App, Flash, MIN_SIZE, Prefs, Screen};
use super::command::Command;
use super::keymap::{Context, first_key};
use super::layers::render_layer;
use super::screens::{board, followup, home, library, wizard};
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

    /// The status-line message, red when it reports a problem; otherwise
    /// `problem`, a standing one of the screen's own, in red.
    pub fn flash_line(&self, problem: Option<&str>) -> Line<'static> {
        match (self.flash, problem) {
            (Some(f), _) => Line::styled(
                format!(" {}", f.text),
                if f.error {
                    self.theme.error
                } else {
                    self.theme.text
                },
            ),
            (None, Some(p)) => Line::styled(format!(" {p}"), self.theme.error),
            (None, None) => Line::raw(""),
        }
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
        Screen::Followup(f) => followup::render(f, app, &ctx, frame, area),
    }
    for layer in &app.layers {
        render_layer(layer, app, &ctx, frame, area);
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

/// The first row a table with a header and room for `rows` rows shows,
/// so that row `selected` is on screen.
pub fn first_row(selected: usize, rows: usize) -> usize {
    (selected + 1).saturating_sub(rows.max(1))
}

/// The row of a table drawn in `table` (header first) that a click at
/// `column`, `row` of the terminal hits, if it hits one of `count` rows.
pub fn clicked_row(
    table: Rect,
    column: u16,
    row: u16,
    selected: usize,
    count: usize,
) -> Option<usize> {
    let inside = column >= table.x
        && column < table.x + table.width
        && row > table.y
        && row < table.y + table.height;
    let visible = usize::from(table.height.saturating_sub(1));
    let hit = usize::from(row.checked_sub(table.y + 1)?) + first_row(selected, visible);
    (inside && hit < count).then_some(hit)
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
