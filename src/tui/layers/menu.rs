//! Choosing one of several things: a zone to move a note to, a cluster, a
//! canvas, the card a cause hangs from, a method to carry notes into.
//!
//! A long list of cards can be narrowed by typing: the picker for where a
//! card hangs shows only the cards whose words contain what was typed.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui_textarea::TextArea;
use unicode_width::UnicodeWidthStr;

use super::Layer;
use crate::model::text::clean_line;
use crate::strings::Ui;
use crate::tui::app::{App, Effect, Input};
use crate::tui::command::Command;
use crate::tui::field;
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
#[derive(Debug, Clone)]
pub struct MenuState {
    /// The question.
    pub title: String,
    /// The choices.
    pub items: Vec<MenuItem>,
    /// The highlighted choice, a position in `items`.
    pub selected: usize,
    /// What was typed to narrow the list, in a list that is narrowed by
    /// typing.
    pub query: Option<Box<TextArea<'static>>>,
    /// The positions in `items` that match the query, in order.
    pub shown: Vec<usize>,
}

impl MenuState {
    /// A menu of `items`, the first highlighted.
    pub fn new(title: String, items: Vec<MenuItem>) -> MenuState {
        let shown = (0..items.len()).collect();
        MenuState {
            title,
            items,
            selected: 0,
            query: None,
            shown,
        }
    }

    /// A menu narrowed by typing.
    pub fn searchable(title: String, items: Vec<MenuItem>) -> MenuState {
        let mut menu = MenuState::new(title, items);
        menu.query = Some(Box::default());
        menu
    }

    /// What was typed, if this menu is narrowed by typing.
    pub fn typed(&self) -> Option<String> {
        self.query.as_deref().map(|q| clean_line(&field::text(q)))
    }

    /// Shows the items whose label has every typed word, ignoring case,
    /// and keeps the highlight on a shown item.
    pub fn refilter(&mut self) {
        let words: Vec<String> = self
            .typed()
            .unwrap_or_default()
            .to_lowercase()
            .split_whitespace()
            .map(str::to_string)
            .collect();
        self.shown = self
            .items
            .iter()
            .enumerate()
            .filter(|(_, item)| {
                let label = item.label.to_lowercase();
                words.iter().all(|w| label.contains(w.as_str()))
            })
            .map(|(i, _)| i)
            .collect();
        if !self.shown.contains(&self.selected) {
            self.selected = self.shown.first().copied().unwrap_or(0);
        }
    }

    /// Moves the highlight `by` shown items up (negative) or down.
    fn step(&mut self, by: isize) {
        let Some(here) = self.shown.iter().position(|i| *i == self.selected) else {
            return;
        };
        let last = self.shown.len().saturating_sub(1);
        let to = here.saturating_add_signed(by).min(last);
        self.selected = self.shown[to];
    }
}

/// Keys that edit the search text; the rest (Tab, function keys) do not
/// reach it.
fn edits_text(key: &KeyEvent) -> bool {
    match key.code {
        KeyCode::Char(_) => !key.modifiers.contains(KeyModifiers::ALT),
        KeyCode::Backspace | KeyCode::Delete | KeyCode::Left | KeyCode::Right => true,
        KeyCode::Home | KeyCode::End => true,
        _ => false,
    }
}

/// How many choices a page moves.
const PAGE: isize = 8;

pub(super) fn update(app: &mut App, input: Input) -> Vec<Effect> {
    let Some(Layer::Menu(menu)) = app.layers.last_mut() else {
        return Vec::new();
    };
    let count = menu.items.len();
    let searching = menu.query.is_some();
    let pick = match input {
        Input::Command(Command::Up) => {
            menu.step(-1);
            None
        }
        Input::Command(Command::Down) => {
            menu.step(1);
            None
        }
        Input::Command(Command::PageUp) => {
            menu.step(-PAGE);
            None
        }
        Input::Command(Command::PageDown) => {
            menu.step(PAGE);
            None
        }
        Input::Command(Command::Open) => Some(menu.selected).filter(|i| menu.shown.contains(i)),
        Input::Command(cmd @ (Command::ClearField | Command::DeleteWord)) => {
            if let Some(query) = menu.query.as_deref_mut() {
                field::edit(query, cmd);
                menu.refilter();
            }
            None
        }
        Input::Key(key) if searching && edits_text(&key) => {
            if let Some(query) = menu.query.as_deref_mut() {
                query.input(key);
                menu.refilter();
            }
            None
        }
        Input::Paste(text) if searching => {
            if let Some(query) = menu.query.as_deref_mut() {
                query.insert_str(clean_line(&text));
                menu.refilter();
            }
            None
        }
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

/// The search line of a menu narrowed by typing: what was typed, or a
/// hint that typing narrows the list.
fn search_line(m: &MenuState, query: &TextArea<'static>, ctx: &Ctx, room: usize) -> Line<'static> {
    let lang = ctx.lang();
    let label = format!("{}: ", Ui::PickFind.text(lang));
    let room = room.saturating_sub(label.width());
    let mut spans = vec![Span::styled(label, ctx.theme.key)];
    if query.is_empty() {
        spans.push(Span::styled(field::CURSOR.to_string(), ctx.theme.selected));
        spans.push(Span::styled(
            Ui::PickTypeHint.text(lang).to_string(),
            ctx.theme.dim,
        ));
    } else {
        spans.push(Span::styled(
            field::shown(query, true, room),
            ctx.theme.selected,
        ));
        spans.push(Span::styled(
            format!("  {}/{}", m.shown.len(), m.items.len()),
            ctx.theme.dim,
        ));
    }
    Line::from(spans)
}

pub(super) fn render(m: &MenuState, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let widest = m.items.iter().map(|i| i.label.width()).max().unwrap_or(0);
    let searching = m.query.is_some();
    let width = (widest as u16 + 8)
        .max(m.title.width() as u16 + 6)
        .max(if searching { 50 } else { 0 })
        .min(area.width.saturating_sub(4));
    let inner = usize::from(width.saturating_sub(2));
    let mut rows: Vec<Line> = Vec::new();
    if let Some(query) = m.query.as_deref() {
        rows.push(search_line(m, query, ctx, inner));
    }
    let above = rows.len();
    let visible = usize::from(area.height.saturating_sub(4)).saturating_sub(above);
    let here = m.shown.iter().position(|i| *i == m.selected).unwrap_or(0);
    let first = crate::tui::render::first_row(here, visible);
    for &i in m.shown.iter().skip(first).take(visible) {
        let style = if i == m.selected {
            ctx.theme.selected
        } else {
            ctx.theme.dialog
        };
        // Digits pick only where they do not type.
        let number = match (searching, i) {
            (false, 0..9) => format!("{} ", i + 1),
            _ => "  ".into(),
        };
        rows.push(Line::styled(format!("{number}{}", m.items[i].label), style));
    }
    if m.shown.is_empty() {
        rows.push(Line::styled(
            Ui::PickNoMatch.text(ctx.lang()).to_string(),
            ctx.theme.dim,
        ));
    }
    let popup = centred(area, width, rows.len() as u16 + 2);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(rows).block(dialog(ctx, m.title.clone())),
        popup,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn searchable(labels: &[&str]) -> MenuState {
        let items = labels
            .iter()
            .map(|l| MenuItem {
                label: l.to_string(),
                action: MenuAction::Parent(Uuid::nil(), Uuid::nil()),
            })
            .collect();
        MenuState::searchable("?".into(), items)
    }

    fn typed(m: &mut MenuState, text: &str) {
        if let Some(q) = m.query.as_deref_mut() {
            q.insert_str(text);
        }
        m.refilter();
    }

    #[test]
    fn every_typed_word_must_be_in_the_label_in_any_case() {
        let mut m = searchable(&["Lav indkomst", "  └ Deltidsjob", "Gæld efter skilsmissen"]);
        assert_eq!(m.shown, [0, 1, 2]);
        typed(&mut m, "GÆLD skils");
        assert_eq!(m.shown, [2]);
        assert_eq!(m.selected, 2, "the highlight moves to what is shown");
        typed(&mut m, " x");
        assert!(m.shown.is_empty());
    }

    #[test]
    fn arrows_step_over_what_is_hidden() {
        let mut m = searchable(&["Lav indkomst", "Deltidsjob", "Lav løn"]);
        typed(&mut m, "lav");
        assert_eq!(m.selected, 0);
        m.step(1);
        assert_eq!(m.selected, 2);
        m.step(PAGE);
        assert_eq!(m.selected, 2);
        m.step(-PAGE);
        assert_eq!(m.selected, 0);
    }
}
