//! One-line text fields (form fields, the wizard, filters, the export
//! path, the picker's search): the keys that edit them besides typing, and
//! how they are drawn with the cursor where it is.

use ratatui_textarea::TextArea;
use unicode_width::UnicodeWidthChar;

use super::command::Command;

/// The mark drawn where the cursor is.
pub const CURSOR: char = '▏';

/// Applies an editing command to a one-line field: Ctrl+U clears it,
/// Ctrl+W deletes the word before the cursor. Whether `cmd` was one.
pub fn edit(area: &mut TextArea<'static>, cmd: Command) -> bool {
    match cmd {
        Command::ClearField => {
            // Cut, not thrown away: Ctrl+Y puts it back.
            area.select_all();
            area.cut();
            true
        }
        Command::DeleteWord => {
            area.delete_word();
            true
        }
        _ => false,
    }
}

/// The field's text on one line.
pub fn text(area: &TextArea<'_>) -> String {
    area.lines().join(" ")
}

/// The field's text fitted into `room` columns, with the cursor mark
/// where the cursor is if `cursor` is set. A text wider than the room
/// shows the part around the cursor, with `…` where text is cut.
pub fn shown(area: &TextArea<'_>, cursor: bool, room: usize) -> String {
    let ratatui_textarea::DataCursor(row, col) = area.cursor();
    // The cursor's place in the joined text: earlier lines and the spaces
    // that join them come first.
    let at = area
        .lines()
        .iter()
        .take(row)
        .map(|l| l.chars().count() + 1)
        .sum::<usize>()
        + col;
    let mut chars: Vec<char> = text(area).chars().collect();
    let at = at.min(chars.len());
    if cursor {
        chars.insert(at, CURSOR);
    }
    window(&chars, at, room)
}

fn width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// The characters around position `at` that fit in `room` columns,
/// counting a `…` on each side that is cut.
fn window(chars: &[char], at: usize, room: usize) -> String {
    let total: usize = chars.iter().copied().map(width).sum();
    if total <= room || chars.is_empty() {
        return chars.iter().collect();
    }
    let at = at.min(chars.len() - 1);
    for reserve in 0..=2 {
        let budget = room.saturating_sub(reserve);
        let (start, end) = grow(chars, at, budget);
        let cut = usize::from(start > 0) + usize::from(end < chars.len());
        if cut <= reserve {
            let mut out = String::new();
            if start > 0 {
                out.push('…');
            }
            out.extend(&chars[start..end]);
            if end < chars.len() {
                out.push('…');
            }
            return out;
        }
    }
    String::from("…")
}

/// Widens `[at, at + 1)` to the left first (what was just typed), then to
/// the right, while it fits in `budget` columns.
fn grow(chars: &[char], at: usize, budget: usize) -> (usize, usize) {
    let (mut start, mut end) = (at, at + 1);
    let mut used = width(chars[at]);
    while start > 0 && used + width(chars[start - 1]) <= budget {
        start -= 1;
        used += width(chars[start]);
    }
    while end < chars.len() && used + width(chars[end]) <= budget {
        used += width(chars[end]);
        end += 1;
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui_textarea::CursorMove;

    fn field(text: &str) -> TextArea<'static> {
        let mut area = TextArea::new(vec![text.to_string()]);
        area.move_cursor(CursorMove::End);
        area
    }

    #[test]
    fn ctrl_u_clears_and_ctrl_w_deletes_the_word_before_the_cursor() {
        let mut area = field("Ensom om aftenen");
        assert!(edit(&mut area, Command::DeleteWord));
        assert_eq!(text(&area), "Ensom om ");
        area.move_cursor(CursorMove::Head);
        area.move_cursor(CursorMove::WordForward);
        edit(&mut area, Command::DeleteWord);
        assert_eq!(text(&area), "om ");
        area.move_cursor(CursorMove::Head);
        assert!(edit(&mut area, Command::ClearField));
        assert_eq!(text(&area), "");
        assert!(!edit(&mut area, Command::Submit));
    }

    #[test]
    fn a_selected_offer_goes_whole() {
        let mut area = field("Gamle titel");
        area.select_all();
        edit(&mut area, Command::DeleteWord);
        assert_eq!(text(&area), "");
    }

    #[test]
    fn the_cursor_is_drawn_where_it_is() {
        let mut area = field("abc def");
        assert_eq!(shown(&area, true, 20), "abc def▏");
        area.move_cursor(CursorMove::WordBack);
        assert_eq!(shown(&area, true, 20), "abc ▏def");
        area.move_cursor(CursorMove::Head);
        assert_eq!(shown(&area, true, 20), "▏abc def");
        assert_eq!(shown(&area, false, 20), "abc def");
    }

    #[test]
    fn a_long_text_shows_the_part_around_the_cursor() {
        let mut area = field("one two three four five six");
        assert_eq!(shown(&area, true, 10), "…five six▏");
        area.move_cursor(CursorMove::Head);
        assert_eq!(shown(&area, true, 10), "▏one two …");
        for _ in 0..10 {
            area.move_cursor(CursorMove::Forward);
        }
        assert_eq!(shown(&area, true, 10), "… two th▏…");
    }
}
