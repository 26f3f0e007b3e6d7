//! Drawing the whole interface: the screen, then its layers. A pure
//! function of the state.

use jiff::Timestamp;
use jiff::tz::TimeZone;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Wrap};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

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
    pub now: Timestamp,
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
        now: app.clock.now(),
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

/// The rows of a list of `count` that a table of `rows` lines shows with
/// `selected` in view: only these are made into table rows, so a frame
/// costs the same with ten thousand rows as with ten.
pub fn on_screen(selected: usize, count: usize, rows: usize) -> std::ops::Range<usize> {
    let start = first_row(selected, rows).min(count);
    start..(start + rows.max(1)).min(count)
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

/// `hints` cut to `width`: the hints before the last give way, the later
/// ones first, so the last (closing, as a rule) is always shown; every key
/// is still in the help (`?`).
pub fn hints_within(mut hints: Line<'static>, width: usize) -> Line<'static> {
    // Each hint ends in two spaces, which may fall off the edge.
    while hints.spans.len() >= 4 && hints.width().saturating_sub(2) > width {
        let at = hints.spans.len() - 4;
        hints.spans.drain(at..at + 2);
    }
    hints
}

/// The most rows a status message takes. A message too long for one row
/// (a refusal naming a long path) grows upwards over the screen until the
/// next key, rather than losing its end.
const STATUS_ROWS: usize = 3;

/// A status line: `left` always, and as many of the hints in `right` as
/// fit beside it (the last ones give way first). A `left` wider than the
/// screen wraps onto up to [`STATUS_ROWS`] rows, without hints.
pub fn status_line(frame: &mut Frame, area: Rect, left: Line, mut right: Line) {
    let width = usize::from(area.width);
    if left.width() > width {
        wrapped_status(frame, area, &left);
        return;
    }
    while right.spans.len() >= 2 && left.width() + right.width() >= width {
        right.spans.truncate(right.spans.len() - 2);
    }
    frame.render_widget(Paragraph::new(left.clone()), area);
    if left.width() + right.width() < width {
        frame.render_widget(Paragraph::new(right).alignment(Alignment::Right), area);
    }
}

fn wrapped_status(frame: &mut Frame, area: Rect, left: &Line) {
    let width = usize::from(area.width);
    let mut rows = wrap_spans(left, width);
    if rows.len() > STATUS_ROWS {
        rows.truncate(STATUS_ROWS);
        if let Some(last) = rows.last_mut() {
            let text: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
            let style = last.spans.last().map(|s| s.style).unwrap_or_default();
            *last = Line::from(Span::styled(
                crate::model::text::fit(&format!("{text}…"), width),
                style,
            ));
        }
    }
    let height = u16::try_from(rows.len()).unwrap_or(1).max(1);
    let top = (area.y + 1).saturating_sub(height);
    let rect = Rect::new(area.x, top, area.width, area.y + 1 - top);
    // Keep the screen's own background under the message.
    let base = frame.buffer_mut()[(area.x, area.y)].style();
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(rows).style(base), rect);
}

/// `line` broken into rows of at most `width` columns, between words
/// where it can and inside a word (a long path) where it must. Styles
/// stay with their text.
pub fn wrap_spans(line: &Line, width: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let indent = (text.len() - text.trim_start_matches(' ').len()).min(width / 4);
    let mut rows: Vec<Line<'static>> = Vec::new();
    let mut row: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for span in &line.spans {
        for piece in span.content.split_inclusive(' ') {
            let word = piece.trim_end_matches(' ');
            if used > 0 && used + word.width() > width {
                end_row(&mut rows, &mut row, &mut used);
            }
            // A row that wraps does not start with the space it broke at,
            // but lines up with the first row's text.
            let piece = if used == 0 && !rows.is_empty() {
                row.push(Span::raw(" ".repeat(indent)));
                used = indent;
                piece.trim_start()
            } else {
                piece
            };
            if used + piece.trim_end_matches(' ').width() <= width {
                used += piece.width();
                row.push(Span::styled(piece.to_string(), span.style));
                continue;
            }
            let mut part = String::new();
            for c in piece.chars() {
                let w = c.width().unwrap_or(0);
                if used + w > width {
                    row.push(Span::styled(std::mem::take(&mut part), span.style));
                    end_row(&mut rows, &mut row, &mut used);
                }
                used += w;
                part.push(c);
            }
            row.push(Span::styled(part, span.style));
        }
    }
    if !row.is_empty() {
        end_row(&mut rows, &mut row, &mut used);
    }
    rows
}

fn end_row(rows: &mut Vec<Line<'static>>, row: &mut Vec<Span<'static>>, used: &mut usize) {
    if let Some(last) = row.last_mut() {
        last.content = last.content.trim_end().to_string().into();
    }
    rows.push(Line::from(std::mem::take(row)));
    *used = 0;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(rows: &[Line]) -> Vec<String> {
        rows.iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn a_long_message_wraps_between_words_and_inside_a_long_path() {
        let line = Line::from(vec![
            Span::raw(" The session is open elsewhere, so close it there first: "),
            Span::raw("/home/mette/Dokumenter/sempre/0193a7c2.json"),
        ]);
        let rows = texts(&wrap_spans(&line, 30));
        assert!(rows.iter().all(|r| r.width() <= 30), "{rows:?}");
        assert_eq!(rows[0], " The session is open");
        assert_eq!(
            rows.concat().replace(' ', ""),
            line.spans
                .iter()
                .map(|s| s.content.replace(' ', ""))
                .collect::<String>(),
            "nothing lost"
        );
        assert_eq!(texts(&wrap_spans(&Line::raw("kort"), 30)), vec!["kort"]);
    }
}
