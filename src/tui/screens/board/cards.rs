//! Sticky notes as cards: how a note's words wrap, how tall its card is,
//! and which cards of a zone fit on screen.

use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use super::BoardState;
use crate::model::Note;
use crate::strings::Ui;

/// Most lines a card shows; the editor shows the rest.
const MAX_LINES: usize = 6;

/// One card on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    /// The note's place in its zone.
    pub pos: usize,
    /// Where the card is drawn, including its one-column gutter.
    pub rect: Rect,
    /// The words, wrapped; the first line carries the colour symbol.
    pub lines: Vec<String>,
    /// Dots, privacy and author, if any.
    pub meta: Option<String>,
}

/// The words of `note` wrapped to `width` columns, at most [`MAX_LINES`],
/// with "…" when cut.
pub fn wrap(note: &Note, width: usize) -> Vec<String> {
    let width = width.max(4);
    let mut lines: Vec<String> = Vec::new();
    for paragraph in note.text.split('\n') {
        if paragraph.is_empty() {
            lines.push(String::new());
            continue;
        }
        let options = textwrap::Options::new(width).break_words(true);
        lines.extend(
            textwrap::wrap(paragraph, options)
                .into_iter()
                .map(|l| l.into_owned()),
        );
    }
    if lines.len() > MAX_LINES {
        lines.truncate(MAX_LINES);
        let last = &mut lines[MAX_LINES - 1];
        while last.width() + 1 > width && last.pop().is_some() {}
        last.push('…');
    }
    lines
}

/// The line under the words: dots, a private marker, the author.
pub fn meta(b: &BoardState, index: usize, lang: crate::i18n::Lang) -> Option<String> {
    let note = &b.session().notes[index];
    let mut parts: Vec<String> = Vec::new();
    let dots = b.index.dots.get(index).copied().unwrap_or(0);
    if dots > 0 {
        parts.push(format!("●{dots}"));
    }
    if note.private {
        parts.push(format!("[{}]", Ui::PrivateMark.text(lang)));
    }
    if let Some(author) = &note.author {
        parts.push(format!("– {author}"));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// Text width inside a card of `width` (gutter and symbol take three).
pub fn text_width(width: u16) -> usize {
    usize::from(width.saturating_sub(3))
}

fn height(b: &BoardState, index: usize, width: u16, lang: crate::i18n::Lang) -> u16 {
    let note = &b.session().notes[index];
    let lines = wrap(note, text_width(width)).len() + usize::from(meta(b, index, lang).is_some());
    lines as u16
}

/// The first note of `zone` to show in `inner` so that, in the focused
/// zone, the focused note is on screen; `wanted` is where the zone was
/// scrolled to before.
pub fn first_shown(
    b: &BoardState,
    zone: usize,
    inner: Rect,
    wanted: usize,
    gap: u16,
    lang: crate::i18n::Lang,
) -> usize {
    let notes = &b.index.zones[zone];
    if notes.is_empty() {
        return 0;
    }
    let mut start = wanted.min(notes.len() - 1);
    if zone != b.focus.zone {
        return start;
    }
    let focus = b.focus.note.min(notes.len() - 1);
    if focus < start {
        return focus;
    }
    // The earliest start from which the focused note still fits.
    let mut fits_from = focus;
    let mut used = height(b, notes[focus], inner.width, lang);
    while fits_from > 0 {
        let more = gap + height(b, notes[fits_from - 1], inner.width, lang);
        if used + more > inner.height {
            break;
        }
        used += more;
        fits_from -= 1;
    }
    start = start.max(fits_from);
    start
}

/// The cards of `zone` that fit in `inner`, from `start`.
pub fn cards(
    b: &BoardState,
    zone: usize,
    inner: Rect,
    start: usize,
    gap: u16,
    lang: crate::i18n::Lang,
) -> Vec<Card> {
    let mut out = Vec::new();
    let mut y = inner.y;
    let bottom = inner.y + inner.height;
    for (pos, index) in b.index.zones[zone].iter().enumerate().skip(start) {
        if y >= bottom {
            break;
        }
        let note = &b.session().notes[*index];
        let lines = wrap(note, text_width(inner.width));
        let meta = meta(b, *index, lang);
        let h = (lines.len() + usize::from(meta.is_some())) as u16;
        let rect = Rect::new(inner.x, y, inner.width, h.min(bottom - y));
        out.push(Card {
            pos,
            rect,
            lines,
            meta,
        });
        y += h + gap;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::Timestamp;
    use uuid::Uuid;

    fn note(text: &str) -> Note {
        Note {
            id: Uuid::nil(),
            board: Uuid::nil(),
            zone: "z".into(),
            text: text.into(),
            colour: crate::model::Colour::Yellow,
            cluster: None,
            author: None,
            role: None,
            private: false,
            links: vec![],
            phase: None,
            meeting: None,
            status: crate::model::NoteStatus::Active,
            created: Timestamp::UNIX_EPOCH,
            updated: Timestamp::UNIX_EPOCH,
        }
    }

    #[test]
    fn words_wrap_and_long_notes_are_cut_with_an_ellipsis() {
        assert_eq!(
            wrap(&note("for lidt tid med børnene"), 10),
            vec!["for lidt", "tid med", "børnene"]
        );
        let long = "ord ".repeat(50);
        let lines = wrap(&note(&long), 10);
        assert_eq!(lines.len(), MAX_LINES);
        assert!(lines[MAX_LINES - 1].ends_with('…'));
        assert!(lines.iter().all(|l| l.width() <= 10));
    }

    #[test]
    fn line_breaks_and_wide_characters_are_kept() {
        assert_eq!(wrap(&note("a\n\nb"), 10), vec!["a", "", "b"]);
        let emoji = wrap(&note("👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧"), 4);
        assert!(emoji.len() >= 2);
    }
}
