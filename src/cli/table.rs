//! Plain-text tables that line up with æøå, Arabic and emoji.

use unicode_width::UnicodeWidthStr;

pub use crate::model::text::fit;

/// Lays out `rows` under `header` in columns two spaces apart. The last
/// column is not padded.
pub fn render(header: &[&str], rows: &[Vec<String>]) -> String {
    let columns = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(columns) {
            widths[i] = widths[i].max(cell.width());
        }
    }
    let mut out = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut text = String::new();
        for (i, cell) in cells.enumerate() {
            text.push_str(cell);
            if i + 1 < columns {
                text.push_str(&" ".repeat(widths[i] - cell.width() + 2));
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(&mut header.iter().copied());
    for row in rows {
        line(&mut row.iter().map(String::as_str));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up_with_wide_letters() {
        let text = render(
            &["A", "B"],
            &[
                vec!["æøå".into(), "x".into()],
                vec!["abcdef".into(), "y".into()],
            ],
        );
        assert_eq!(text, "A       B\næøå     x\nabcdef  y\n");
    }
}
