//! The fixed strings of the day's plan, on the board, on the command line
//! and in the facilitator's script. Texts with `{name}` have a value put
//! in where they are used.

use crate::i18n::Lang;

/// A fixed string about the plan of a workshop day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum PlanText {
    Title,
    ScriptTitle,
    Time,
    What,
    Planned,
    Began,
    Actual,
    Difference,
    Break,
    Total,
    Starts,
    NoStart,
    NoPlan,
    NoPlanHint,
    Behind,
    Ahead,
    OnTime,
    EndedLate,
    EndedEarly,
    EndedOnTime,
    BehindShort,
    AheadShort,
    OnTimeShort,
    NotBegun,
    DayShort,
    Goal,
    Zones,
    Rule,
    Materials,
    Minutes,
    Added,
    Removed,
    Changed,
    Cleared,
    StartCleared,
    Filled,
    FilledOne,
    NothingToFill,
    NewSession,
    BadTime,
    Printed,
    PlannedVsActual,
}

impl PlanText {
    /// The text in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        use PlanText::*;
        match lang {
            Lang::Da => match self {
                Title => "Dagens plan",
                ScriptTitle => "Drejebog for dagen",
                Time => "Kl.",
                What => "Hvad",
                Planned => "Plan",
                Began => "Startede",
                Actual => "Faktisk",
                Difference => "Forskel",
                Break => "Pause",
                Total => "I alt",
                Starts => "Dagen starter kl. {time}.",
                NoStart => "Intet starttidspunkt; tiderne regnes fra første fase.",
                NoPlan => "Sessionen har ingen plan for dagen.",
                NoPlanHint => {
                    "Lav en med `sempre plan fill {id}` eller `sempre plan add {id} FASE`."
                }
                Behind => "Dagen er {n} bagud.",
                Ahead => "Dagen er {n} foran.",
                OnTime => "Dagen følger planen.",
                EndedLate => "Dagen sluttede {n} senere end planlagt.",
                EndedEarly => "Dagen sluttede {n} tidligere end planlagt.",
                EndedOnTime => "Dagen sluttede som planlagt.",
                BehindShort => "{n} bagud",
                AheadShort => "{n} foran",
                OnTimeShort => "til tiden",
                NotBegun => "Dagen er ikke begyndt.",
                DayShort => "Dag",
                Goal => "Mål",
                Zones => "Felter",
                Rule => "Regel",
                Materials => "Materialer",
                Minutes => "min",
                Added => "Trin {n} er lagt i planen: {what}, {minutes} min.",
                Removed => "Trin {n} er taget ud af planen: {what}.",
                Changed => "Trin {n} varer nu {minutes} min.",
                Cleared => "Planen er slettet.",
                StartCleared => "Dagen har ikke længere et starttidspunkt.",
                Filled => "{n} faser er lagt i planen.",
                FilledOne => "1 fase er lagt i planen.",
                NothingToFill => "Alle metodens faser står allerede i planen.",
                NewSession => "Ny session til {method}: {id}",
                BadTime => "Skriv tiden som TT:MM, fx 09:30, eller none.",
                Printed => "Drejebogen er skrevet til {path}.",
                PlannedVsActual => "Plan og virkelighed",
            },
            Lang::En => match self {
                Title => "The day's plan",
                ScriptTitle => "Facilitator's script for the day",
                Time => "Time",
                What => "What",
                Planned => "Plan",
                Began => "Began",
                Actual => "Actual",
                Difference => "Diff.",
                Break => "Break",
                Total => "Total",
                Starts => "The day starts at {time}.",
                NoStart => "No start time; times count from the first phase.",
                NoPlan => "The session has no plan for the day.",
                NoPlanHint => {
                    "Make one with `sempre plan fill {id}` or `sempre plan add {id} PHASE`."
                }
                Behind => "The day is {n} behind.",
                Ahead => "The day is {n} ahead.",
                OnTime => "The day is on time.",
                EndedLate => "The day ended {n} later than planned.",
                EndedEarly => "The day ended {n} earlier than planned.",
                EndedOnTime => "The day ended as planned.",
                BehindShort => "{n} behind",
                AheadShort => "{n} ahead",
                OnTimeShort => "on time",
                NotBegun => "The day has not begun.",
                DayShort => "Day",
                Goal => "Goal",
                Zones => "Zones",
                Rule => "Rule",
                Materials => "Materials",
                Minutes => "min",
                Added => "Step {n} is in the plan: {what}, {minutes} min.",
                Removed => "Step {n} is out of the plan: {what}.",
                Changed => "Step {n} now lasts {minutes} min.",
                Cleared => "The plan is deleted.",
                StartCleared => "The day no longer has a start time.",
                Filled => "{n} phases are in the plan.",
                FilledOne => "1 phase is in the plan.",
                NothingToFill => "Every phase of the method is in the plan already.",
                NewSession => "New session for {method}: {id}",
                BadTime => "Write the time as HH:MM, such as 09:30, or none.",
                Printed => "The script is written to {path}.",
                PlannedVsActual => "Planned and actual",
            },
        }
    }
}

/// "The day is 5 min behind", "… ahead", "on time", or "not begun"; for
/// a day that is over (not `live`), how much later or earlier it ended.
pub fn day_status(lang: Lang, behind: Option<i64>, live: bool) -> String {
    let (late, early, on_time) = if live {
        (PlanText::Behind, PlanText::Ahead, PlanText::OnTime)
    } else {
        (
            PlanText::EndedLate,
            PlanText::EndedEarly,
            PlanText::EndedOnTime,
        )
    };
    match behind {
        None => PlanText::NotBegun.text(lang).to_string(),
        Some(0) => on_time.text(lang).to_string(),
        // Hours past the first: "12 t 09 min", not "729 min".
        Some(n) if n > 0 => late.text(lang).replace("{n}", &span(n, lang)),
        Some(n) => early.text(lang).replace("{n}", &span(n, lang)),
    }
}

/// `n` minutes, either way, as a span of time: "25 min", "1 t 05 min".
pub fn span(n: i64, lang: Lang) -> String {
    crate::day::duration(u32::try_from(n.unsigned_abs()).unwrap_or(u32::MAX), lang)
}

/// A difference in minutes as shown: `+4`, `−3`, `0`.
pub fn signed_minutes(n: i64) -> String {
    match n {
        0 => "0".to_string(),
        n if n > 0 => format!("+{n}"),
        n => format!("−{}", n.unsigned_abs()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_far_behind_is_said_in_hours_and_minutes() {
        assert_eq!(
            day_status(Lang::Da, Some(729), true),
            "Dagen er 12 t 09 min bagud."
        );
        assert_eq!(
            day_status(Lang::En, Some(-5), true),
            "The day is 5 min ahead."
        );
        assert_eq!(
            day_status(Lang::En, Some(40), false),
            "The day ended 40 min later than planned."
        );
        assert_eq!(
            day_status(Lang::Da, Some(0), true),
            PlanText::OnTime.text(Lang::Da)
        );
    }
}
