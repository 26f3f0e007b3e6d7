//! Two canvases side by side, block by block, to choose between options.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::Layer;
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
    // Every note takes at least one line and every zone two, so scrolling
    // stops near the end even before the table is drawn at its width.
    let most = match &app.screen {
        Screen::Board(b) => b.session().notes.len() + 2 * b.method.zones.len(),
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

/// The lines of the comparison: per zone, its notes on each board.
fn table(app: &App, c: &CompareState, ctx: &Ctx, width: u16) -> Vec<Line<'static>> {
    let Screen::Board(b) = &app.screen else {
        return Vec::new();
    };
    let lang = ctx.lang();
    let t = &ctx.theme;
    let s = b.session();
    let name_width = 22usize;
    let column = (usize::from(width).saturating_sub(name_width + 6)) / 2;
    let boards = [&s.boards[c.left], &s.boards[c.right]];
    let rule = "─".repeat(usize::from(width).saturating_sub(2));
    let mut lines = vec![Line::from(vec![
        Span::styled(pad("", name_width), t.title),
        Span::styled(format!("│ {}", pad(&boards[0].name, column)), t.title),
        Span::styled(format!("│ {}", boards[1].name), t.title),
    ])];
    for zone in &b.method.zones {
        lines.push(Line::styled(rule.clone(), t.border));
        let cells: Vec<Vec<String>> = boards
            .iter()
            .map(|board| {
                let texts: Vec<String> = s
                    .notes_in(board.id, &zone.id)
                    .filter(|n| !(ctx.prefs.projector && n.private))
                    .flat_map(|n| {
                        let wrapped = textwrap::wrap(
                            &n.text.replace('\n', " "),
                            column.saturating_sub(3).max(8),
                        )
                        .into_iter()
                        .map(|l| l.into_owned())
                        .collect::<Vec<_>>();
                        wrapped
                            .into_iter()
                            .enumerate()
                            .map(|(i, l)| {
                                if i == 0 {
                                    format!("• {l}")
                                } else {
                                    format!("  {l}")
                                }
                            })
                            .collect::<Vec<_>>()
                    })
                    .collect();
                if texts.is_empty() {
                    vec!["–".to_string()]
                } else {
                    texts
                }
            })
            .collect();
        let rows = cells.iter().map(Vec::len).max().unwrap_or(1);
        for row in 0..rows {
            let name = if row == 0 {
                zone.name.get(lang).to_string()
            } else {
                String::new()
            };
            let cell = |k: usize| cells[k].get(row).cloned().unwrap_or_default();
            lines.push(Line::from(vec![
                Span::styled(pad(&name, name_width), t.key),
                Span::styled(format!("│ {}", pad(&cell(0), column)), t.dialog),
                Span::styled(format!("│ {}", cell(1)), t.dialog),
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
