//! Sticky notes as cards: how a note's words wrap, what marks it carries,
//! how tall its card is, and which cards of a zone fit on screen, framed
//! by the clusters they belong to.

use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;
use uuid::Uuid;

use super::{Focus, ZoneIndex};
use crate::i18n::Lang;
use crate::methods::Method;
use crate::model::Session;
use crate::model::text::fit;
use crate::strings::Ui;

/// Most lines a card shows of its words; the editor shows the rest.
const MAX_LINES: usize = 6;

/// What drawing a board's zones needs: the session, its method, the index
/// of one board, and the focus if that board has it.
#[derive(Debug, Clone, Copy)]
pub struct ZoneView<'a> {
    /// The session.
    pub session: &'a Session,
    /// Its method.
    pub method: &'a Method,
    /// The notes of the board, zone by zone.
    pub index: &'a ZoneIndex,
    /// The focused note, on the board that has focus.
    pub focus: Option<Focus>,
}

/// What a line of a card holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// The note's words.
    Text,
    /// A note attached to this one (an effect under a step).
    Attached,
    /// Dots, marks and author.
    Meta,
}

/// One card on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    /// The note's place in its zone.
    pub pos: usize,
    /// Where the card is drawn, including its one-column gutter.
    pub rect: Rect,
    /// The card's lines; the first carries the colour symbol.
    pub lines: Vec<(String, LineKind)>,
    /// How the card joins the card it hangs from in a tree: `└` below
    /// it, `┌` above it.
    pub joint: Option<char>,
}

/// A cluster's frame around its cards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// Where the frame is drawn.
    pub rect: Rect,
    /// The cluster's title.
    pub title: String,
}

/// The cards and cluster frames of one zone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ZoneCards {
    /// The cards, top to bottom.
    pub cards: Vec<Card>,
    /// The cluster frames.
    pub frames: Vec<Frame>,
}

/// Breaks each word wider than `width` into pieces that end in "-", so
/// that the only words cut are those no line can hold, and the cut reads
/// as one. Other words are left whole for the wrap to move as a unit.
fn hyphenate_long_words(text: &str, width: usize) -> String {
    if width < 4 || text.width() <= width {
        return text.to_string();
    }
    let words: Vec<String> = text
        .split(' ')
        .map(|word| {
            if word.width() <= width {
                return word.to_string();
            }
            let mut pieces: Vec<String> = vec![String::new()];
            for c in word.chars() {
                let last = pieces.last_mut().map_or(0, |p| p.width());
                if last + c.to_string().width() + 1 > width {
                    pieces.push(String::new());
                }
                if let Some(p) = pieces.last_mut() {
                    p.push(c);
                }
            }
            pieces.join("- ")
        })
        .collect();
    words.join(" ")
}

/// `text` wrapped to `width` columns, at most `max` lines, with "…" when
/// cut.
fn wrap_text(text: &str, width: usize, max: usize) -> Vec<String> {
    let width = width.max(4);
    let mut lines: Vec<String> = Vec::new();
    for paragraph in text.split('\n') {
        if paragraph.is_empty() {
            lines.push(String::new());
            continue;
        }
        let paragraph = hyphenate_long_words(paragraph, width);
        let options = textwrap::Options::new(width).break_words(true);
        lines.extend(
            textwrap::wrap(&paragraph, options)
                .into_iter()
                .map(|l| l.into_owned()),
        );
    }
    if lines.len() > max {
        lines.truncate(max);
        let last = &mut lines[max - 1];
        while last.width() + 1 > width && last.pop().is_some() {}
        last.push('…');
    }
    lines
}

/// The line under the words: dots, marks and the author.
fn meta(v: &ZoneView, index: usize, lang: Lang) -> Option<String> {
    let note = &v.session.notes[index];
    let marks = v.index.marks.get(index).copied().unwrap_or_default();
    let mut parts: Vec<String> = Vec::new();
    let dots = v.index.dots.get(index).copied().unwrap_or(0);
    if dots > 0 {
        parts.push(format!("●{dots}"));
    }
    let mut mark = |ui: Ui| parts.push(format!("[{}]", ui.text(lang)));
    if note.private {
        mark(Ui::PrivateMark);
    }
    if !note.status.is_active() {
        mark(Ui::DroppedMark);
    }
    if marks.onward {
        mark(Ui::OnwardMark);
    }
    if marks.set_aside {
        mark(Ui::SetAsideMark);
    }
    if let Some(author) = &note.author {
        parts.push(format!("– {author}"));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// Everything a card shows, for a card `width` columns wide.
pub fn content(v: &ZoneView, index: usize, width: u16, lang: Lang) -> Vec<(String, LineKind)> {
    let text_width = text_width(width);
    let note = &v.session.notes[index];
    let number = v.index.marks.get(index).and_then(|m| m.number);

    let marks = v.index.marks.get(index).copied().unwrap_or_default();
    let rewrite = if marks.rewrite { "↺ " } else { "" };
    let words = if v.method.zone(&note.zone).is_some_and(|z| z.quotes) {
        crate::strings::quoted(&note.text, lang)
    } else {
        note.text.clone()
    };
    let text = match number {
        Some(n) => format!("{rewrite}{n}. {words}"),
        None => format!("{rewrite}{words}"),
    };
    let mut lines: Vec<(String, LineKind)> = wrap_text(&text, text_width, MAX_LINES)
        .into_iter()
        .map(|l| (l, LineKind::Text))
        .collect();
    for attached in v.index.attached.get(&index).into_iter().flatten() {
        let other = &v.session.notes[*attached];
        let sign = v
            .method
            .zone(&other.zone)
            .map_or("▸", |z| if z.assumptions { "?" } else { "▸" });
        for (k, l) in wrap_text(&other.text, text_width.saturating_sub(2), 2)
            .into_iter()
            .enumerate()
        {
            let lead = if k == 0 { sign } else { " " };
            lines.push((format!("{lead} {l}"), LineKind::Attached));
        }
    }
    if let Some(m) = meta(v, index, lang) {
        lines.push((m, LineKind::Meta));
    }
    lines
}

/// Text width inside a card of `width` (gutter and symbol take three).
pub fn text_width(width: u16) -> usize {
    usize::from(width.saturating_sub(3))
}

pub(super) fn cluster(v: &ZoneView, zone: usize, pos: usize) -> Option<Uuid> {
    v.index
        .zones
        .get(zone)
        .and_then(|z| z.get(pos))
        .and_then(|i| v.session.notes[*i].cluster)
}

/// Whether a card opens its cluster's frame (a row above it) and closes
/// it (a row below it), and the card's width: a framed card is two
/// narrower.
fn edges(v: &ZoneView, zone: usize, pos: usize, width: u16) -> (u16, u16, u16) {
    let own = cluster(v, zone, pos);
    let first = own.is_some() && (pos == 0 || cluster(v, zone, pos - 1) != own);
    let last = own.is_some() && cluster(v, zone, pos + 1) != own;
    let card_width = if own.is_some() {
        width.saturating_sub(2)
    } else {
        width
    };
    (u16::from(first), u16::from(last), card_width)
}

/// Rows a card takes, with its cluster's header above and footer below,
/// and the card's own width.
pub(super) fn footprint(
    v: &ZoneView,
    zone: usize,
    pos: usize,
    width: u16,
    lang: Lang,
) -> (u16, u16, u16, u16) {
    let (above, below, card_width) = edges(v, zone, pos, width);
    let index = v.index.zones[zone][pos];
    let height = content(v, index, card_width, lang).len() as u16;
    (above, height, below, card_width)
}

/// What a cluster's frame says: its title, marked when private, and only
/// the mark on the projector.
pub fn cluster_title(c: &crate::model::Cluster, hide_private: bool, lang: Lang) -> String {
    crate::strings::private_words(lang, c.private, hide_private, &c.title)
}

/// The cards of `zone` that fit in `inner`, from `start`, with the frames
/// of their clusters. A frame has a row of its own above and below its
/// cards, also when the edge of the zone cuts it; cut at the top, its
/// title says it continues.
pub fn cards(
    v: &ZoneView,
    zone: usize,
    inner: Rect,
    start: usize,
    gap: u16,
    lang: Lang,
) -> ZoneCards {
    let mut out = ZoneCards::default();
    let mut y = inner.y;
    let bottom = inner.y + inner.height;
    let mut open: Option<(u16, String)> = None;
    // The title is cut to the frame (corners and spaces take four), so
    // that "(cont.)" always shows.
    let room = usize::from(inner.width.saturating_sub(4));
    let title_of = |id: Uuid, continued: bool| {
        let title = v
            .session
            .clusters
            .iter()
            .find(|c| c.id == id)
            .map(|c| cluster_title(c, v.index.hide_private, lang))
            .unwrap_or_default();
        if continued && !title.is_empty() {
            let template = Ui::ClusterContinued.text(lang);
            let rest = template.replace("{title}", "").width();
            template.replace("{title}", &fit(&title, room.saturating_sub(rest).max(3)))
        } else {
            fit(&title, room)
        }
    };
    for pos in start..v.index.zones[zone].len() {
        let (above, below, card_width) = edges(v, zone, pos, inner.width);
        let own = cluster(v, zone, pos);
        if let Some(id) = own
            && open.is_none()
        {
            // A frame needs its top row, one row of a card and its bottom row.
            if y + 3 > bottom {
                break;
            }
            open = Some((y, title_of(id, above == 0)));
            y += 1;
        }
        // The last row of the zone belongs to an open frame's bottom edge.
        let limit = bottom - u16::from(open.is_some());
        if y >= limit {
            break;
        }
        let index = v.index.zones[zone][pos];
        let lines = content(v, index, card_width, lang);
        let full = lines.len() as u16;
        let h = full.min(limit - y);
        out.cards.push(Card {
            pos,
            rect: Rect::new(inner.x + u16::from(own.is_some()), y, card_width, h),
            lines,
            joint: None,
        });
        if h < full {
            break;
        }
        y += full;
        if below == 1
            && let Some((top, title)) = open.take()
        {
            out.frames.push(Frame {
                rect: Rect::new(inner.x, top, inner.width, y + 1 - top),
                title,
            });
            y += 1;
        }
        y += gap;
    }
    if let Some((top, title)) = open.take() {
        out.frames.push(Frame {
            rect: Rect::new(inner.x, top, inner.width, bottom - top),
            title,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Note;
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
            copied_from: None,
            status: crate::model::NoteStatus::Active,
            created: Timestamp::UNIX_EPOCH,
            updated: Timestamp::UNIX_EPOCH,
            pos: None,
            clock: Default::default(),
            revived: 0,
            source: None,
        }
    }

    #[test]
    fn words_wrap_and_long_notes_are_cut_with_an_ellipsis() {
        let wrap = |n: Note, w| wrap_text(&n.text, w, MAX_LINES);
        assert_eq!(
            wrap(note("for lidt tid med børnene"), 10),
            vec!["for lidt", "tid med", "børnene"]
        );
        let long = "ord ".repeat(50);
        let lines = wrap(note(&long), 10);
        assert_eq!(lines.len(), MAX_LINES);
        assert!(lines[MAX_LINES - 1].ends_with('…'));
        assert!(lines.iter().all(|l| l.width() <= 10));
    }

    #[test]
    fn only_words_wider_than_the_card_break_and_they_say_so() {
        let lines = wrap_text("Restauranter og caféer ved kysten", 11, MAX_LINES);
        assert_eq!(lines, ["Restaurant-", "er og", "caféer ved", "kysten"]);
        // Every other word stays whole on its line.
        let lines = wrap_text("Friske, håndplukkede bær fra Thy", 13, MAX_LINES);
        assert_eq!(lines, ["Friske,", "håndplukkede", "bær fra Thy"]);
    }

    #[test]
    fn line_breaks_and_wide_characters_are_kept() {
        let wrap = |n: Note, w| wrap_text(&n.text, w, MAX_LINES);
        assert_eq!(wrap(note("a\n\nb"), 10), vec!["a", "", "b"]);
        let emoji = wrap(note("👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧"), 4);
        assert!(emoji.len() >= 2);
    }
}
