//! How a part of a tree (the crown or the roots) fits its frame: all
//! branches side by side, narrower cards, sideways scrolling, or an
//! outline; how far it is scrolled; and how the crown and the roots share
//! the rows.

use super::layout::BoardLayout;

/// Narrowest branch column for cards of the usual width.
pub(super) const MIN_BRANCH: u16 = 18;
/// Narrowest branch column at all: narrower cards are hard to read on a
/// wall.
const MIN_NARROW: u16 = 13;

/// How one part of a tree (crown or roots) is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartView {
    /// Every branch side by side, in columns `column` wide.
    Branches {
        /// Width of a branch column.
        column: u16,
    },
    /// `shown` of `count` branches side by side, from branch `first`.
    Scrolled {
        /// Width of a branch column.
        column: u16,
        /// The first branch shown.
        first: usize,
        /// How many branches are shown.
        shown: usize,
        /// How many branches there are.
        count: usize,
    },
    /// One line per card, indented under its parent, from line `first`.
    Outline {
        /// The first line shown.
        first: usize,
        /// How many lines are shown.
        shown: usize,
        /// How many lines there are.
        lines: usize,
    },
}

/// How a part's branches fit, before scrolling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fit {
    /// All side by side, columns this wide.
    Branches(u16),
    /// Some side by side, scrolling sideways.
    Scrolled {
        /// Width of a branch column.
        column: u16,
        /// How many are shown.
        shown: usize,
    },
    /// As an outline.
    Outline,
}

/// Chooses how `count` branches go into `width` columns, in the order the
/// facilitator loses least: all branches (narrower cards if need be),
/// then as many as fit with sideways scrolling, then the outline.
/// `fits(column)` says whether every branch fits in height in columns
/// that wide.
pub(super) fn choose(count: usize, width: u16, fits: impl Fn(u16) -> bool) -> Fit {
    if count == 0 {
        return Fit::Branches(width);
    }
    let even = width / u16::try_from(count).unwrap_or(u16::MAX);
    if even >= MIN_NARROW && fits(even) {
        return Fit::Branches(even);
    }
    let most = usize::from(width / MIN_BRANCH).min(count - 1);
    for shown in (1..=most).rev() {
        let column = width / shown as u16;
        if fits(column) {
            return Fit::Scrolled { column, shown };
        }
    }
    Fit::Outline
}

/// The first of `count` things to show when `shown` fit: as near
/// `wanted` as possible with `focus` in view.
pub(super) fn window(count: usize, shown: usize, wanted: usize, focus: Option<usize>) -> usize {
    let mut first = wanted.min(count.saturating_sub(shown));
    if let Some(f) = focus.filter(|f| *f < count) {
        if f < first {
            first = f;
        } else if f >= first + shown {
            first = f + 1 - shown.max(1);
        }
    }
    first
}

/// Shares `rest` rows between the crown and the roots, which need
/// `crown` and `roots` rows: each gets what it needs if it can, and what
/// is left over is shared evenly, so a small crown does not leave the
/// roots cramped (or the other way round).
pub(super) fn split(rest: u16, crown: u16, roots: u16) -> (u16, u16) {
    let half = rest / 2;
    let crown = if crown.saturating_add(roots) <= rest {
        crown + (rest - crown - roots) / 2
    } else if crown <= half {
        crown
    } else if roots <= half {
        rest - roots
    } else {
        half
    };
    (crown, rest - crown)
}

/// How `zone` is drawn, if it is a part of a tree.
pub(super) fn view_of(l: &BoardLayout, zone: usize) -> Option<PartView> {
    l.tree.iter().find(|(z, _)| *z == zone).map(|(_, v)| *v)
}

/// What the frame of a tree part says about what is scrolled off: left
/// and right marks, and how many lines are below.
pub(super) fn marks(l: &BoardLayout, zone: usize) -> (Vec<String>, Vec<String>, usize) {
    match view_of(l, zone) {
        Some(PartView::Scrolled {
            first,
            shown,
            count,
            ..
        }) => {
            let right = count.saturating_sub(first + shown);
            (
                (first > 0)
                    .then(|| format!(" ◀ {first} "))
                    .into_iter()
                    .collect(),
                (right > 0)
                    .then(|| format!(" {right} ▶ "))
                    .into_iter()
                    .collect(),
                0,
            )
        }
        Some(PartView::Outline {
            first,
            shown,
            lines,
        }) => (
            Vec::new(),
            (first > 0)
                .then(|| format!(" ▲ {first} "))
                .into_iter()
                .collect(),
            lines.saturating_sub(first + shown),
        ),
        _ => (Vec::new(), Vec::new(), 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn branches_that_fit_are_all_shown_narrower_before_anything_scrolls() {
        // Six root causes in 78 columns: 13 each is still readable.
        assert_eq!(choose(6, 78, |_| true), Fit::Branches(13));
        // Wide enough for full cards.
        assert_eq!(choose(3, 78, |_| true), Fit::Branches(26));
    }

    #[test]
    fn too_narrow_or_too_tall_branches_scroll_sideways_as_wide_as_they_fit() {
        // Seven branches in 78 columns: 11 is too narrow, so four of 19.
        assert_eq!(
            choose(7, 78, |_| true),
            Fit::Scrolled {
                column: 19,
                shown: 4
            }
        );
        // Cards that only fit in height when 26 wide: three at a time.
        assert_eq!(
            choose(6, 78, |c| c >= 26),
            Fit::Scrolled {
                column: 26,
                shown: 3
            }
        );
    }

    #[test]
    fn a_part_that_fits_no_way_becomes_an_outline_never_columns() {
        assert_eq!(choose(6, 78, |c| c >= 200), Fit::Outline);
        assert_eq!(choose(2, 10, |_| true), Fit::Outline);
        assert_eq!(choose(0, 78, |_| false), Fit::Branches(78));
    }

    #[test]
    fn crown_and_roots_share_the_rows_by_what_they_need() {
        // A small crown gives its spare rows to deep roots.
        assert_eq!(split(30, 5, 20), (7, 23));
        // Both need more than there is: the small one gets its due.
        assert_eq!(split(20, 6, 30), (6, 14));
        assert_eq!(split(20, 30, 4), (16, 4));
        assert_eq!(split(20, 30, 30), (10, 10));
    }

    #[test]
    fn the_window_follows_focus_and_otherwise_stays_put() {
        assert_eq!(window(6, 3, 0, Some(4)), 2);
        assert_eq!(window(6, 3, 2, Some(0)), 0);
        assert_eq!(window(6, 3, 2, Some(3)), 2);
        assert_eq!(window(6, 3, 9, None), 3);
        assert_eq!(window(2, 3, 1, Some(1)), 0);
    }
}
