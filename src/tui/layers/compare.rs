//! Two canvases side by side, block by block, to choose between options:
//! a note and its copy share a row, and each row says what differs.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::Layer;
use crate::model::Note;
use crate::model::compare::{self, Change};
use crate::strings::Ui;
use crate::tui::app::{App, Effect, Input, Screen};
use crate::tui::command::Command;
use crate::tui::keymap::Context;
use crate::tui::render::{Ctx, dialog, hints};

/// Which two boards are compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareState {
    /// The left board, by position in the session.
    pub left: usize,
    /// The right board.
    pub right: usize,
    /// First line shown.
    pub scroll: usize,
}

pub(super) fn update(app: &mut App, input: Input) -> Vec<Effect> {
    // No note takes more lines than its words at eight a line, and no
    // zone more than four of its own, so scrolling can reach the end
    // before the table is drawn at its width (drawing clamps it).
    let most = match &app.screen {
        Screen::Board(b) => {
            let notes: usize = b
                .session()
                .notes
                .iter()
                .map(|n| 1 + n.text.width() / 8)
                .sum();
            notes + 4 * b.method.zones.len()
        }
        _ => 0,
    };
    let Some(Layer::Compare(c)) = app.layers.last_mut() else {
        return Vec::new();
    };
    match input {
        Input::Command(Command::Up) => c.scroll = c.scroll.saturating_sub(1),
        Input::Command(Command::Down) => c.scroll = (c.scroll + 1).min(most),
        Input::Command(Command::Back) => {
            app.layers.pop();
        }
        _ => {}
    }
    Vec::new()
}

fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

/// A note's words wrapped to `width` at word boundaries, the first line
/// after `mark`.
fn wrapped(mark: &str, text: &str, width: usize) -> Vec<String> {
    textwrap::wrap(&text.replace('\n', " "), width.saturating_sub(3).max(8))
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                format!("{mark} {l}")
            } else {
                format!("  {l}")
            }
        })
        .collect()
}

/// The lines of the comparison: per zone, its notes on each board, a
/// note and its counterpart on one row, each row marked with what
/// differs (`+` only on the right, `−` only on the left, `~` changed).
fn table(app: &App, c: &CompareState, ctx: &Ctx, width: u16) -> Vec<Line<'static>> {
    let Screen::Board(b) = &app.screen else {
        return Vec::new();
    };
    let lang = ctx.lang();
    let t = &ctx.theme;
    let s = b.session();
    let name_width = 22usize.min(usize::from(width) / 5);
    let column = (usize::from(width).saturating_sub(name_width + 6)) / 2;
    // The earlier board goes left whichever one the comparison was opened
    // from, so `+` always means added on the later canvas (a copy).
    let (first, second) = (c.left.min(c.right), c.left.max(c.right));
    let boards = [&s.boards[first], &s.boards[second]];
    let rule = "─".repeat(usize::from(width));
    let legend = Ui::CompareLegend
        .text(lang)
        .replace("{left}", &boards[0].name)
        .replace("{right}", &boards[1].name);
    let mut lines = vec![
        Line::styled(legend, t.dim),
        Line::from(vec![
            Span::styled(pad("", name_width), t.title),
            Span::styled(format!("│ {}", pad(&boards[0].name, column)), t.title),
            Span::styled(format!("│ {}", boards[1].name), t.title),
        ]),
    ];
    for zone in &b.method.zones {
        lines.push(Line::styled(rule.clone(), t.border));
        let on = |k: usize| -> Vec<&Note> {
            s.notes_in(boards[k].id, &zone.id)
                .filter(|n| !(ctx.prefs.projector && n.private))
                .collect()
        };
        let (left, right) = (on(0), on(1));
        let rows = compare::rows(&left, &right);
        let count = |c: &[Change]| rows.iter().filter(|r| c.contains(&r.change)).count();
        let tally: Vec<String> = [
            ("+", [Change::Added, Change::Unmatched]),
            ("−", [Change::Removed, Change::Unmatched]),
            ("~", [Change::Changed, Change::Changed]),
        ]
        .iter()
        .filter(|(_, c)| count(c) > 0)
        .map(|(m, c)| format!("{m}{}", count(c)))
        .collect();
        // A name too long for its column gives way to the method's short
        // name rather than breaking mid-word.
        let name = match &zone.short {
            Some(short) if zone.name.get(lang).width() >= name_width => short.get(lang),
            _ => zone.name.get(lang),
        };
        let mut names = textwrap::wrap(name, name_width.saturating_sub(1).max(4))
            .into_iter()
            .map(|l| l.into_owned())
            .collect::<Vec<_>>();
        if !tally.is_empty() {
            names.push(tally.join(" "));
        }
        let mut cells: Vec<(Vec<String>, Vec<String>, Change)> = rows
            .iter()
            .map(|r| {
                let (lm, rm) = match r.change {
                    Change::Same => ("•", "•"),
                    Change::Changed => ("~", "~"),
                    Change::Added => ("", "+"),
                    Change::Removed => ("−", ""),
                    Change::Unmatched => ("−", "+"),
                };
                let side = |n: Option<&Note>, m: &str| {
                    n.map(|n| wrapped(m, &n.text, column)).unwrap_or_default()
                };
                (side(r.left, lm), side(r.right, rm), r.change)
            })
            .collect();
        if cells.is_empty() {
            cells.push((vec!["–".into()], vec!["–".into()], Change::Same));
        }
        let mut line_no = 0;
        for (l, r, change) in cells {
            let style = match change {
                Change::Same => t.dialog,
                Change::Changed => t.key,
                Change::Added => t.ok,
                Change::Removed | Change::Unmatched => t.error,
            };
            for k in 0..l.len().max(r.len()) {
                let name = names.get(line_no).cloned().unwrap_or_default();
                line_no += 1;
                let cell = |x: &Vec<String>| x.get(k).cloned().unwrap_or_default();
                lines.push(Line::from(vec![
                    Span::styled(pad(&name, name_width), t.key),
                    Span::styled(format!("│ {}", pad(&cell(&l), column)), style),
                    Span::styled(format!("│ {}", cell(&r)), style),
                ]));
            }
        }
        for name in names.iter().skip(line_no) {
            lines.push(Line::from(vec![
                Span::styled(pad(name, name_width), t.key),
                Span::styled(format!("│ {}", pad("", column)), t.dialog),
                Span::styled("│", t.dialog),
            ]));
        }
    }
    lines
}

pub(super) fn render(c: &CompareState, app: &App, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let lang = ctx.lang();
    frame.render_widget(Clear, area);
    let table = table(app, c, ctx, area.width.saturating_sub(2));
    let visible = usize::from(area.height.saturating_sub(3));
    // The last page stays full however far down the keys went.
    let scroll = c.scroll.min(table.len().saturating_sub(visible));
    let lines: Vec<Line> = table.into_iter().skip(scroll).take(visible).collect();
    let block = dialog(ctx, Ui::CompareTitle.text(lang).to_string()).title_bottom(hints(
        ctx,
        Context::Compare,
        &[
            (Command::Down, Ui::HintScroll),
            (Command::Back, Ui::HintClose),
        ],
    ));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
