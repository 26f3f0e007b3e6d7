//! Where a zone starts when it cannot show all its cards: the focused
//! card stays whole on screen, and no rows stay empty at the bottom while
//! cards above are scrolled away (after the window grows, or when focus
//! comes back to a zone).

use ratatui::layout::Rect;

use super::ZoneView;
use super::cards::{cluster, footprint};
use crate::i18n::Lang;

/// The rows of a card with its own frame rows, and the frame rows it
/// needs when it is the first or the last card shown: a cluster cut by
/// the edge still gets a top and a bottom row of its own.
struct Cost {
    own: u16,
    cut_top: u16,
    cut_bottom: u16,
}

fn cost(v: &ZoneView, zone: usize, pos: usize, width: u16, lang: Lang) -> Cost {
    let (above, h, below, _) = footprint(v, zone, pos, width, lang);
    let clustered = cluster(v, zone, pos).is_some();
    Cost {
        own: above + h + below,
        cut_top: u16::from(clustered && above == 0),
        cut_bottom: u16::from(clustered && below == 0),
    }
}

/// The smallest first card from which cards `..=last` all fit whole in
/// `height` rows (`last` itself if even it does not).
fn fits_from(
    v: &ZoneView,
    zone: usize,
    last: usize,
    width: u16,
    height: u16,
    gap: u16,
    lang: Lang,
) -> usize {
    let end = cost(v, zone, last, width, lang);
    let mut first = last;
    let mut first_cut_top = end.cut_top;
    let mut used = end.own + end.cut_top + end.cut_bottom;
    while first > 0 {
        let c = cost(v, zone, first - 1, width, lang);
        let more = used - first_cut_top + gap + c.own + c.cut_top;
        if more > height {
            break;
        }
        used = more;
        first_cut_top = c.cut_top;
        first -= 1;
    }
    first
}

/// The first note of `zone` to show in `inner`. It stays where the zone
/// was scrolled to (`wanted`) unless that leaves empty rows at the bottom
/// that earlier cards would fill, or, in the focused zone, hides the
/// focused card: then it moves as little as it must.
pub fn first_shown(
    v: &ZoneView,
    zone: usize,
    inner: Rect,
    wanted: usize,
    gap: u16,
    lang: Lang,
) -> usize {
    let len = v.index.zones[zone].len();
    if len == 0 {
        return 0;
    }
    let (width, height) = (inner.width, inner.height);
    // Where the last cards fill the zone; only worth working out when the
    // zone is scrolled at all.
    let tail = |wanted: usize| {
        if wanted == 0 {
            0
        } else {
            fits_from(v, zone, len - 1, width, height, gap, lang)
        }
    };
    let Some(focus) = v.focus.filter(|f| f.zone == zone) else {
        return wanted.min(tail(wanted));
    };
    let focus = focus.note.min(len - 1);
    let lowest = fits_from(v, zone, focus, width, height, gap, lang);
    if wanted <= lowest {
        return lowest;
    }
    wanted.min(focus).min(tail(wanted)).max(lowest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methods::{Method, MethodLibrary};
    use crate::model::testing::context;
    use crate::model::{NewNote, Session};
    use crate::tui::screens::board::cards::cards;
    use crate::tui::screens::board::{Focus, ZoneIndex};
    use jiff::Timestamp;

    fn method() -> Method {
        MethodLibrary::builtin()
            .get("fremtidsvaerksted")
            .cloned()
            .unwrap_or_else(|| panic!("the built-in method"))
    }

    /// A critique zone of `sizes.len()` clusters with that many notes
    /// each, then `loose` notes in no cluster. Every note is two lines
    /// of words on a card 20 wide.
    fn session(m: &Method, sizes: &[usize], loose: usize) -> Session {
        let t = Timestamp::UNIX_EPOCH;
        let mut s = Session::new(m, context("t"), t);
        let add = |s: &mut Session, text: String| {
            s.add_note(m, NewNote::new("kritik", &text), t)
                .unwrap_or_else(|e| panic!("{e:?}"))
        };
        for (c, size) in sizes.iter().enumerate() {
            let ids: Vec<_> = (0..*size)
                .map(|k| add(&mut s, format!("Klynge {c} seddel {k} med ord")))
                .collect();
            s.cluster_notes(&ids, &format!("Emne {c}"), t)
                .unwrap_or_else(|e| panic!("{e:?}"));
        }
        for k in 0..loose {
            add(&mut s, format!("Løs seddel {k} med flere ord"));
        }
        s
    }

    fn index(s: &Session, m: &Method) -> ZoneIndex {
        ZoneIndex::build(s, m, s.boards[0].id, false)
    }

    fn view<'a>(s: &'a Session, m: &'a Method, i: &'a ZoneIndex, note: usize) -> ZoneView<'a> {
        ZoneView {
            session: s,
            method: m,
            index: i,
            focus: Some(Focus { zone: 0, note }),
        }
    }

    #[test]
    fn a_grown_zone_shows_the_cards_that_were_scrolled_away_above() {
        let m = method();
        let s = session(&m, &[], 7);
        let i = index(&s, &m);
        let small = Rect::new(0, 0, 24, 10);
        let v = view(&s, &m, &i, 6);
        let start = first_shown(&v, 0, small, 0, 1, Lang::Da);
        assert!(start >= 4, "the last note is on screen, from {start}");
        let shown = cards(&v, 0, small, start, 1, Lang::Da).cards;
        assert_eq!(shown.last().map(|c| c.pos), Some(6));
        // Grown: all seven fit, so none stays hidden above, whether the
        // zone has focus or not.
        let tall = Rect::new(0, 0, 24, 40);
        assert_eq!(first_shown(&v, 0, tall, start, 1, Lang::Da), 0);
        let elsewhere = ZoneView { focus: None, ..v };
        assert_eq!(first_shown(&elsewhere, 0, tall, start, 1, Lang::Da), 0);
        // Half grown: as many as fit, the last one at the bottom.
        let half = Rect::new(0, 0, 24, 16);
        let from = first_shown(&elsewhere, 0, half, start, 1, Lang::Da);
        assert!(from < start);
        let shown = cards(&elsewhere, 0, half, from, 1, Lang::Da).cards;
        let last = shown
            .last()
            .map(|c| (c.pos, usize::from(c.rect.height), c.lines.len()));
        assert_eq!(last, Some((6, 2, 2)), "the last note is whole");
        assert_eq!(from, fits_from(&elsewhere, 0, 6, 24, 16, 1, Lang::Da));
    }

    #[test]
    fn the_scroll_stays_put_while_the_focused_card_is_whole_on_screen() {
        let m = method();
        let s = session(&m, &[3, 2], 6);
        let i = index(&s, &m);
        let area = Rect::new(0, 0, 24, 14);
        let at_end = first_shown(&view(&s, &m, &i, 10), 0, area, 0, 1, Lang::En);
        // Up one: the zone does not move under the group's eyes.
        let up = first_shown(&view(&s, &m, &i, 9), 0, area, at_end, 1, Lang::En);
        assert_eq!(up, at_end);
        // Up to the first: it comes into view at the top.
        let top = first_shown(&view(&s, &m, &i, 0), 0, area, at_end, 1, Lang::En);
        assert_eq!(top, 0);
        for focus in 0..11 {
            let v = view(&s, &m, &i, focus);
            let start = first_shown(&v, 0, area, at_end, 1, Lang::En);
            let card = cards(&v, 0, area, start, 1, Lang::En)
                .cards
                .into_iter()
                .find(|c| c.pos == focus)
                .unwrap_or_else(|| panic!("note {focus} is shown"));
            assert_eq!(usize::from(card.rect.height), card.lines.len());
        }
    }

    #[test]
    fn frames_have_rows_of_their_own_and_a_cut_one_keeps_its_title() {
        let m = method();
        let s = session(&m, &[6, 4, 3, 2], 1);
        let i = index(&s, &m);
        for lang in Lang::ALL {
            for height in 3..40 {
                let area = Rect::new(2, 1, 26, height);
                for start in 0..16 {
                    let v = view(&s, &m, &i, start);
                    let shown = cards(&v, 0, area, start, 1, lang);
                    for f in &shown.frames {
                        let (top, bottom) = (f.rect.y, f.rect.y + f.rect.height - 1);
                        assert!(f.rect.height >= 3 && bottom < area.y + height);
                        assert!(!f.title.is_empty());
                        for c in &shown.cards {
                            let rows = c.rect.y..c.rect.y + c.rect.height;
                            assert!(!rows.contains(&top) && !rows.contains(&bottom));
                        }
                    }
                    let first = &shown.frames.first().map(|f| f.title.clone());
                    let cut = cluster(&v, 0, start).is_some()
                        && start > 0
                        && cluster(&v, 0, start - 1) == cluster(&v, 0, start);
                    let continued = first.as_deref().is_some_and(|t| {
                        t.ends_with(if lang == Lang::Da {
                            "(forts.)"
                        } else {
                            "(cont.)"
                        })
                    });
                    if height >= 3 && shown.frames.first().is_some_and(|f| f.rect.y == area.y) {
                        assert_eq!(continued, cut, "start {start}, height {height}");
                    }
                }
            }
        }
    }
}
