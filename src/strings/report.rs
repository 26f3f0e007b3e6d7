//! The fixed strings of a network's report as a stakeholder reads it:
//! its heading and the summary before the sessions.

use crate::i18n::Lang;

/// A fixed string of a network's report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum ReportText {
    Made,
    Period,
    Summary,
    Sessions,
    Participants,
    Notes,
    Decisions,
    Done,
    Open,
    Overdue,
    Dropped,
    Total,
    ActionsChart,
    Completed,
    CompletedSince,
    NothingCompleted,
    CompletedOn,
}

impl ReportText {
    /// The text in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        use ReportText::*;
        match lang {
            Lang::Da => match self {
                Made => "Lavet {date}",
                Period => "Perioden {from} – {to}",
                Summary => "Overblik",
                Sessions => "sessioner",
                Participants => "deltagere",
                Notes => "sedler",
                Decisions => "beslutninger",
                Done => "Udført",
                Open => "Åbne",
                Overdue => "Forsinkede",
                Dropped => "Droppet",
                Total => "I alt",
                ActionsChart => "Handlinger pr. session",
                Completed => "Udført i perioden",
                CompletedSince => "Udført siden {date}",
                NothingCompleted => "Ingen handlinger blev udført i perioden.",
                CompletedOn => "udført {date}",
            },
            Lang::En => match self {
                Made => "Made {date}",
                Period => "Period {from} – {to}",
                Summary => "Summary",
                Sessions => "sessions",
                Participants => "participants",
                Notes => "notes",
                Decisions => "decisions",
                Done => "Done",
                Open => "Open",
                Overdue => "Overdue",
                Dropped => "Dropped",
                Total => "Total",
                ActionsChart => "Actions per session",
                Completed => "Completed in the period",
                CompletedSince => "Completed since {date}",
                NothingCompleted => "No action was completed in the period.",
                CompletedOn => "done {date}",
            },
        }
    }
}

/// The heading of the list of actions completed: in the period when it
/// has a last day, else since its first (up to the day of the report).
pub fn completed_heading(
    lang: Lang,
    until: Option<jiff::civil::Date>,
    from: Option<jiff::civil::Date>,
) -> String {
    match (until, from) {
        (None, Some(from)) => ReportText::CompletedSince
            .text(lang)
            .replace("{date}", &from.to_string()),
        _ => ReportText::Completed.text(lang).to_string(),
    }
}
