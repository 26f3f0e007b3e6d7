//! Two boards' notes in one zone side by side, row by row: which note on
//! one board belongs with which on the other, and what changed.

use std::collections::HashMap;

use uuid::Uuid;

use super::Note;

/// How a row of a comparison differs between the two boards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// The same note, the same words on both.
    Same,
    /// The same note (by origin), with other words or another colour.
    Changed,
    /// Only on the right board.
    Added,
    /// Only on the left board.
    Removed,
    /// A note only on the left beside a note only on the right: two
    /// unrelated notes share the row to keep the table short.
    Unmatched,
}

/// One row of a comparison: a note on the left, on the right, or both.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row<'a> {
    /// The note on the left board.
    pub left: Option<&'a Note>,
    /// Its counterpart on the right board.
    pub right: Option<&'a Note>,
    /// What differs.
    pub change: Change,
}

/// What a note is known by across copies: the note it was first copied
/// from, or itself.
fn origin(n: &Note) -> Uuid {
    n.copied_from.unwrap_or(n.id)
}

fn words(n: &Note) -> String {
    n.text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Pairs the notes of two boards in one zone and lays them out in rows.
/// Notes pair by origin (a copy and its original, or two copies of one
/// note), else by the same words. Rows follow the left board's order;
/// a note only on the right comes right after the row of the right note
/// before it, so deleting a note on either side leaves one gap and keeps
/// every other pair on one row.
pub fn rows<'a>(left: &[&'a Note], right: &[&'a Note]) -> Vec<Row<'a>> {
    // For each left note, the index of its right counterpart.
    let mut partner: Vec<Option<usize>> = vec![None; left.len()];
    let mut taken = vec![false; right.len()];
    let mut by_origin: HashMap<Uuid, Vec<usize>> = HashMap::new();
    for (j, r) in right.iter().enumerate() {
        by_origin.entry(origin(r)).or_default().push(j);
    }
    for (i, l) in left.iter().enumerate() {
        let found = by_origin
            .get(&origin(l))
            .and_then(|js| js.iter().copied().find(|j| !taken[*j]));
        if let Some(j) = found {
            partner[i] = Some(j);
            taken[j] = true;
        }
    }
    let mut by_words: HashMap<String, Vec<usize>> = HashMap::new();
    for (j, r) in right.iter().enumerate().filter(|(j, _)| !taken[*j]) {
        by_words.entry(words(r)).or_default().push(j);
    }
    for (i, l) in left.iter().enumerate() {
        if partner[i].is_some() {
            continue;
        }
        let found = by_words
            .get(&words(l))
            .and_then(|js| js.iter().copied().find(|j| !taken[*j]));
        if let Some(j) = found {
            partner[i] = Some(j);
            taken[j] = true;
        }
    }
    // Right-only notes hang after the row of the paired right note before
    // them (`None`: before every row).
    let mut row_of_right: HashMap<usize, usize> = HashMap::new();
    for (i, p) in partner.iter().enumerate() {
        if let Some(j) = p {
            row_of_right.insert(*j, i);
        }
    }
    let mut before: Vec<usize> = Vec::new();
    let mut after: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut last: Option<usize> = None;
    for j in 0..right.len() {
        match row_of_right.get(&j) {
            Some(i) => last = Some(*i),
            None => match last {
                Some(i) => after.entry(i).or_default().push(j),
                None => before.push(j),
            },
        }
    }
    let added = |j: usize| Row {
        left: None,
        right: Some(right[j]),
        change: Change::Added,
    };
    let mut out: Vec<Row> = before.into_iter().map(added).collect();
    for (i, l) in left.iter().enumerate() {
        out.push(match partner[i] {
            Some(j) => {
                let r = right[j];
                let same = words(l) == words(r) && l.colour == r.colour;
                Row {
                    left: Some(l),
                    right: Some(r),
                    change: if same { Change::Same } else { Change::Changed },
                }
            }
            None => Row {
                left: Some(l),
                right: None,
                change: Change::Removed,
            },
        });
        out.extend(after.remove(&i).unwrap_or_default().into_iter().map(added));
    }
    side_by_side(out)
}

/// Between two rows that pair notes, puts the notes only on the left
/// beside those only on the right, each side in its own order, so that two
/// canvases that were never copied read as two columns, not a staircase.
fn side_by_side<'a>(rows: Vec<Row<'a>>) -> Vec<Row<'a>> {
    let mut out = Vec::with_capacity(rows.len());
    let mut lefts: Vec<&'a Note> = Vec::new();
    let mut rights: Vec<&'a Note> = Vec::new();
    let flush = |out: &mut Vec<Row<'a>>, lefts: &mut Vec<&'a Note>, rights: &mut Vec<&'a Note>| {
        for k in 0..lefts.len().max(rights.len()) {
            let (left, right) = (lefts.get(k).copied(), rights.get(k).copied());
            let change = match (left, right) {
                (Some(_), Some(_)) => Change::Unmatched,
                (Some(_), None) => Change::Removed,
                _ => Change::Added,
            };
            out.push(Row {
                left,
                right,
                change,
            });
        }
        lefts.clear();
        rights.clear();
    };
    for row in rows {
        match row.change {
            Change::Removed => lefts.extend(row.left),
            Change::Added => rights.extend(row.right),
            _ => {
                flush(&mut out, &mut lefts, &mut rights);
                out.push(row);
            }
        }
    }
    flush(&mut out, &mut lefts, &mut rights);
    out
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;

    use super::*;
    use crate::model::testing::{context, method};
    use crate::model::{NewNote, Session};

    fn t(s: i64) -> Timestamp {
        Timestamp::from_second(s).unwrap()
    }

    fn on(s: &Session, board: Uuid) -> Vec<&Note> {
        s.notes.iter().filter(|n| n.board == board).collect()
    }

    #[test]
    fn a_copy_pairs_with_its_original_after_deletions_and_edits() {
        let m = method();
        let mut s = Session::new(&m, context("t"), t(0));
        let a = s.boards[0].id;
        let ids: Vec<Uuid> = ["én", "to", "tre", "fire"]
            .iter()
            .map(|x| s.add_note(&m, NewNote::new("kritik", x), t(1)).unwrap())
            .collect();
        let b = s.copy_board(a, "B", t(2)).unwrap();
        let copies: Vec<Uuid> = on(&s, b).iter().map(|n| n.id).collect();
        assert!(
            on(&s, b)
                .iter()
                .zip(&ids)
                .all(|(n, o)| n.copied_from == Some(*o))
        );
        // A copy of the copy still knows the first original.
        let c = s.copy_board(b, "C", t(2)).unwrap();
        assert!(
            on(&s, c)
                .iter()
                .zip(&ids)
                .all(|(n, o)| n.copied_from == Some(*o))
        );
        s.delete_note(copies[0], t(3)).unwrap();
        s.edit_note(copies[2], "tre og en halv", t(3)).unwrap();
        let mut five = NewNote::new("kritik", "fem");
        five.board = Some(b);
        s.add_note(&m, five, t(3)).unwrap();
        s.delete_note(ids[1], t(3)).unwrap();
        let rows = rows(&on(&s, a), &on(&s, b));
        let seen: Vec<(Option<&str>, Option<&str>, Change)> = rows
            .iter()
            .map(|r| {
                (
                    r.left.map(|n| n.text.as_str()),
                    r.right.map(|n| n.text.as_str()),
                    r.change,
                )
            })
            .collect();
        assert_eq!(
            seen,
            vec![
                (Some("én"), Some("to"), Change::Unmatched),
                (Some("tre"), Some("tre og en halv"), Change::Changed),
                (Some("fire"), Some("fire"), Change::Same),
                (None, Some("fem"), Change::Added),
            ]
        );
    }

    #[test]
    fn boards_that_are_not_copies_pair_notes_with_the_same_words() {
        let m = method();
        let mut s = Session::new(&m, context("t"), t(0));
        let a = s.boards[0].id;
        let b = s.add_board("B", t(1));
        s.add_note(&m, NewNote::new("kritik", "Bus"), t(1)).unwrap();
        s.add_note(&m, NewNote::new("kritik", "Tid"), t(1)).unwrap();
        let mut time = NewNote::new("kritik", " Tid ");
        time.board = Some(b);
        s.add_note(&m, time, t(1)).unwrap();
        let r = rows(&on(&s, a), &on(&s, b));
        let changes: Vec<Change> = r.iter().map(|r| r.change).collect();
        assert_eq!(changes, vec![Change::Removed, Change::Same]);
        // Unrelated notes between pairs sit side by side.
        s.add_note(&m, NewNote::new("kritik", "Penge"), t(2))
            .unwrap();
        let mut car = NewNote::new("kritik", "Bil");
        car.board = Some(b);
        s.add_note(&m, car, t(2)).unwrap();
        let r = rows(&on(&s, a), &on(&s, b));
        let changes: Vec<Change> = r.iter().map(|r| r.change).collect();
        assert_eq!(
            changes,
            vec![Change::Removed, Change::Same, Change::Unmatched]
        );
    }
}
