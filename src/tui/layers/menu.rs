//! Choosing one of several things: a zone to move a note to, a cluster, a
//! canvas, the card a cause hangs from, a method to carry notes into.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::Layer;
use crate::tui::app::{App, Effect, Input};
use crate::tui::command::Command;
use crate::tui::render::{Ctx, centred, dialog};
use crate::tui::screens::board::{MenuAction, choose};

/// One choice.
#[derive(Debug, Clone, PartialEq)]
pub struct MenuItem {
    /// What is shown.
    pub label: String,
    /// What choosing it does.
    pub action: MenuAction,
}

/// A list of choices.
#[derive(Debug, Clone, PartialEq)]
pub struct MenuState {
    /// The question.
    pub title: String,
    /// The choices.
    pub items: Vec<MenuItem>,
    /// The highlighted choice.
    pub selected: usize,
}

impl MenuState {
    /// A menu of `items`, the first highlighted.
    pub fn new(title: String, items: Vec<MenuItem>) -> MenuState {
        MenuState {
            title,
            items,
            selected: 0,
        }
    }
}

pub(super) fn update(app: &mut App, input: Input) -> Vec<Effect> {
    let Some(Layer::Menu(menu)) = app.layers.last_mut() else {
        return Vec::new();
    };
    let count = menu.items.len();
    let pick = match input {
        Input::Command(Command::Up) => {
            menu.selected = menu.selected.saturating_sub(1);
            None
        }
        Input::Command(Command::Down) => {
            menu.selected = (menu.selected + 1).min(count.saturating_sub(1));
            None
        }
        Input::Command(Command::Open) => Some(menu.selected),
        Input::Key(KeyEvent {
            code: KeyCode::Char(c @ '1'..='9'),
            ..
        }) => Some(c as usize - '1' as usize).filter(|i| *i < count),
        Input::Command(Command::Back) => {
            app.layers.pop();
            None
        }
        _ => None,
    };
    let Some(index) = pick else {
        return Vec::new();
    };
    let Some(Layer::Menu(menu)) = app.layers.pop() else {
        return Vec::new();
    };
    match menu.items.into_iter().nth(index) {
        Some(item) => choose(app, item.action),
        None => Vec::new(),
    }
}

pub(super) fn render(m: &MenuState, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let widest = m.items.iter().map(|i| i.label.width()).max().unwrap_or(0);
    let width = (widest as u16 + 8)
        .max(m.title.width() as u16 + 6)
        .min(area.width.saturating_sub(4));
    let visible = usize::from(area.height.saturating_sub(4));
    let first = (m.selected + 1).saturating_sub(visible);
    let rows: Vec<Line> = m
        .items
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(i, item)| {
            let style = if i == m.selected {
                ctx.theme.selected
            } else {
                ctx.theme.dialog
            };
            let number = if i < 9 {
                format!("{} ", i + 1)
            } else {
                "  ".into()
            };
            Line::styled(format!("{number}{}", item.label), style)
        })
        .collect();
    let popup = centred(area, width, rows.len() as u16 + 2);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(rows).block(dialog(ctx, m.title.clone())),
        popup,
    );
}
