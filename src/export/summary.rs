//! The summary at the head of a network's report, before its sessions:
//! how many sessions, participants, notes and decisions, and each
//! session's actions done, open, overdue and dropped, with what was completed in
//! the period. It counts what the export shows: private items have been
//! taken out before it is worked out.

use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::model::{ActionStatus, Session};

/// One session's line of the summary, or the total.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SummaryRow {
    /// The session's day (none for the total).
    pub date: Option<Date>,
    /// The session's title (empty for the total).
    pub title: String,
    /// Participants: the number given, else the pseudonyms known.
    pub participants: usize,
    /// Notes.
    pub notes: usize,
    /// Decisions.
    pub decisions: usize,
    /// Actions done.
    pub done: usize,
    /// Actions open (or in progress) and not overdue.
    pub open: usize,
    /// Actions open past their due day.
    pub overdue: usize,
    /// Actions dropped: no longer to be done, so neither open nor done.
    pub dropped: usize,
}

/// An action completed in the report's period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletedDoc {
    /// What was done.
    pub text: String,
    /// Its session's title.
    pub session: String,
    /// The day it was marked done.
    pub on: Date,
}

/// The summary of a report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportSummary {
    /// The period covered: the days asked for, else the first and the
    /// last session's days.
    pub from: Option<Date>,
    /// See `from`.
    pub to: Option<Date>,
    /// The day the report was made.
    pub made: Option<Date>,
    /// Each session, oldest first.
    pub rows: Vec<SummaryRow>,
    /// Every session together.
    pub total: SummaryRow,
    /// Actions marked done within the period, oldest first; without a
    /// last day asked for, up to the day the report is made, since follow
    /// up goes on after the last session.
    pub completed: Vec<CompletedDoc>,
}

/// When each done action was marked done: its status's stamp, else its
/// last change.
pub type DoneAt = std::collections::HashMap<uuid::Uuid, jiff::Timestamp>;

/// [`DoneAt`] of `sessions` as they are on disk. Exporting drops the clocks
/// that hold the stamps, so this is read before the sessions are prepared.
pub fn done_at<'a>(sessions: impl Iterator<Item = &'a Session>) -> DoneAt {
    sessions
        .flat_map(|s| &s.actions)
        .filter(|a| a.status == ActionStatus::Done)
        .map(|a| {
            (
                a.id,
                a.clock.get("status").map_or(a.updated, |stamp| stamp.at),
            )
        })
        .collect()
}

/// Works out the summary of `sessions` (as exported) for the period
/// `since`–`until`, on `today`.
pub fn summary(
    sessions: &[&Session],
    done: &DoneAt,
    since: Option<Date>,
    until: Option<Date>,
    today: Date,
    tz: &TimeZone,
) -> ReportSummary {
    let days: Vec<Date> = sessions.iter().filter_map(|s| s.context.date).collect();
    let from = since.or_else(|| days.iter().min().copied());
    let to = until.or_else(|| days.iter().max().copied());
    let mut out = ReportSummary {
        from,
        to,
        made: Some(today),
        ..ReportSummary::default()
    };
    for s in sessions {
        let mut row = SummaryRow {
            date: s.context.date,
            title: s.context.title.clone(),
            participants: s
                .context
                .participant_count
                .map_or(s.context.participants.len(), |n| n as usize),
            notes: s.notes.len(),
            decisions: s.decisions.len(),
            ..SummaryRow::default()
        };
        for a in &s.actions {
            match a.status {
                ActionStatus::Done => row.done += 1,
                ActionStatus::Dropped => row.dropped += 1,
                _ if a.is_overdue(today) => row.overdue += 1,
                status if status.is_open() => row.open += 1,
                _ => {}
            }
            if a.status == ActionStatus::Done {
                let at = done.get(&a.id).copied().unwrap_or(a.updated);
                let on = at.to_zoned(tz.clone()).date();
                if from.is_none_or(|f| on >= f) && on <= until.unwrap_or(today) {
                    out.completed.push(CompletedDoc {
                        text: a.text.clone(),
                        session: s.context.title.clone(),
                        on,
                    });
                }
            }
        }
        let t = &mut out.total;
        t.participants += row.participants;
        t.notes += row.notes;
        t.decisions += row.decisions;
        t.done += row.done;
        t.open += row.open;
        t.overdue += row.overdue;
        t.dropped += row.dropped;
        out.rows.push(row);
    }
    out.completed.sort_by_key(|c| c.on);
    out
}

/// The actions chart as inline SVG: one bar per session, done, open,
/// overdue and dropped side by side in one bar, with the numbers written in. Drawn
/// here with maud, which escapes every text, and no script; the colours
/// come with words in the legend, so the chart reads in black and white
/// too.
pub fn chart_svg(s: &ReportSummary, labels: [&str; 4]) -> maud::Markup {
    const ROW: usize = 16;
    const LABEL: usize = 230;
    const BAR: usize = 420;
    const COLOURS: [&str; 4] = ["#2e7d32", "#1f5f99", "#a3001b", "#616161"];
    let most = s
        .rows
        .iter()
        .map(|r| r.done + r.open + r.overdue + r.dropped)
        .max()
        .unwrap_or(0)
        .max(1);
    let height = (s.rows.len() + 1) * ROW + 8;
    let width = LABEL + BAR + 40;
    let title = |r: &SummaryRow| {
        let text = format!(
            "{} {}",
            r.date.map(|d| d.to_string()).unwrap_or_default(),
            r.title
        );
        crate::model::text::fit(&text, 38)
    };
    // Each bar's parts: where it starts, how wide, how many, its colour.
    let parts = |r: &SummaryRow| {
        let mut x = LABEL;
        let mut out = Vec::new();
        for (n, colour) in [r.done, r.open, r.overdue, r.dropped]
            .into_iter()
            .zip(COLOURS)
        {
            if n > 0 {
                let w = (n * BAR / most).max(12);
                out.push((x, w, n, colour));
                x += w;
            }
        }
        out
    };
    let legend = s.rows.len() * ROW + 4;
    maud::html! {
        svg.chart role="img" xmlns="http://www.w3.org/2000/svg"
            viewBox=(format!("0 0 {width} {height}")) width="100%" {
            @for (i, r) in s.rows.iter().enumerate() {
                text x="0" y=(i * ROW + 11) font-size="10" { (title(r)) }
                @for (x, w, n, colour) in parts(r) {
                    rect x=(x) y=(i * ROW + 2) width=(w) height="12" fill=(colour) {}
                    text x=(x + w / 2) y=(i * ROW + 11) font-size="9" fill="#fff"
                        text-anchor="middle" { (n) }
                }
            }
            @for (i, (label, colour)) in labels.iter().zip(COLOURS).enumerate() {
                rect x=(LABEL + i * 110) y=(legend) width="10" height="10" fill=(colour) {}
                text x=(LABEL + i * 110 + 14) y=(legend + 9) font-size="10" { (label) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::testing::future_workshop;
    use jiff::civil::date;

    #[test]
    fn actions_are_counted_by_status_and_done_ones_listed_in_the_period() {
        let (mut s, _) = future_workshop();
        s.context.date = Some(date(2026, 9, 1));
        let t: jiff::Timestamp = "2026-09-10T10:00:00Z".parse().unwrap();
        let due = |d| Some(date(2026, 9, d));
        for (text, status, due) in [
            ("Ring til kommunen", ActionStatus::Done, due(5)),
            ("Book lokalet", ActionStatus::Open, due(30)),
            ("Skriv til Ali", ActionStatus::InProgress, due(2)),
            ("Glemt", ActionStatus::Dropped, None),
        ] {
            let id = s.add_action(text, None, None, t).unwrap();
            let a = s.actions.iter_mut().find(|a| a.id == id).unwrap();
            a.status = status;
            a.due = due;
        }
        let sum = summary(
            &[&s],
            &done_at([&s].into_iter()),
            None,
            None,
            date(2026, 9, 20),
            &TimeZone::UTC,
        );
        let row = &sum.rows[0];
        assert_eq!(
            (row.done, row.open, row.overdue, row.dropped),
            (1, 1, 1, 1),
            "every action is counted once"
        );
        assert_eq!(
            (sum.from, sum.to),
            (Some(date(2026, 9, 1)), Some(date(2026, 9, 1)))
        );
        assert_eq!(
            sum.completed.len(),
            1,
            "done after the session, before today"
        );
        assert_eq!(sum.completed[0].on, date(2026, 9, 10));
        let sum = summary(
            &[&s],
            &done_at([&s].into_iter()),
            None,
            Some(date(2026, 9, 5)),
            date(2026, 9, 20),
            &TimeZone::UTC,
        );
        assert!(
            sum.completed.is_empty(),
            "done after the last day asked for"
        );
        let svg = chart_svg(&sum, ["Done", "Open", "Overdue", "Dropped"]).into_string();
        assert!(svg.starts_with("<svg") && !svg.contains("<script"));
    }
}
