//! A workshop day's plan: the phases in the order the facilitator means
//! to run them, with minutes for each and breaks between, and what the
//! phase log says really happened.
//!
//! The plan is kept in one session (the day's first). A phase of another
//! method that day runs in a session of its own, linked to this one; the
//! plan names that session. Planned times are counted from the day's start
//! time, or from when the first phase really started when none is set.

use std::collections::HashMap;

use jiff::civil::Time;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{ModelError, PhaseEntry, Session};

/// The plan of a workshop day.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// When the day starts, as a time of day where the workshop is held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Time>,
    /// The phases and breaks, in the order they are meant to run.
    #[serde(default)]
    pub items: Vec<PlanItem>,
}

/// One step of the day: a phase, or a break.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanItem {
    /// Identifier.
    pub id: Uuid,
    /// The phase's id in its method; none for a break.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<String>,
    /// The session the phase runs in, when it is not the session that
    /// holds the plan (a phase of another method that day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<Uuid>,
    /// The method of that session, so the plan can be read without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// The minutes planned.
    pub minutes: u32,
    /// A break's name, such as "Lunch".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

impl PlanItem {
    /// A phase of the session holding the plan, or of `session`.
    pub fn phase(phase: &str, minutes: u32, elsewhere: Option<(Uuid, &str)>) -> PlanItem {
        PlanItem {
            id: super::new_id(),
            phase: Some(phase.to_string()),
            session: elsewhere.map(|(s, _)| s),
            method: elsewhere.map(|(_, m)| m.to_string()),
            minutes,
            label: None,
        }
    }

    /// A break of `minutes`.
    pub fn pause(minutes: u32, label: Option<String>) -> PlanItem {
        PlanItem {
            id: super::new_id(),
            phase: None,
            session: None,
            method: None,
            minutes,
            label,
        }
    }

    /// Whether this is a break.
    pub fn is_break(&self) -> bool {
        self.phase.is_none()
    }

    /// The session the phase runs in, the plan's own being `host`.
    pub fn runs_in(&self, host: Uuid) -> Uuid {
        self.session.unwrap_or(host)
    }
}

/// The longest a plan's step may be: a whole day.
pub const MOST_MINUTES: u32 = 24 * 60;

impl Plan {
    /// The minutes planned for `phase` of session `session`, where the
    /// plan held by `host` has it.
    pub fn minutes_for(&self, host: Uuid, session: Uuid, phase: &str) -> Option<u32> {
        self.items
            .iter()
            .find(|i| i.phase.as_deref() == Some(phase) && i.runs_in(host) == session)
            .map(|i| i.minutes)
    }

    /// The whole day's planned minutes, breaks included.
    pub fn total_minutes(&self) -> u32 {
        self.items.iter().map(|i| i.minutes).sum()
    }

    /// Where `phase` of `session` already is in the plan, from 0.
    pub fn position_of(&self, host: Uuid, session: Uuid, phase: &str) -> Option<usize> {
        self.items
            .iter()
            .position(|i| i.phase.as_deref() == Some(phase) && i.runs_in(host) == session)
    }
}

impl Session {
    /// Puts `item` into the day's plan at `at` (from 0; the end when none
    /// or past the end), making the plan if there is none. A phase already
    /// planned is refused: a phase's time is measured once.
    pub fn plan_insert(
        &mut self,
        item: PlanItem,
        at: Option<usize>,
        now: Timestamp,
    ) -> Result<usize, ModelError> {
        self.plan_accepts(&item)?;
        let plan = self.plan.get_or_insert_with(Plan::default);
        let at = at.unwrap_or(plan.items.len()).min(plan.items.len());
        plan.items.insert(at, item);
        self.updated = now;
        Ok(at)
    }

    /// Whether [`Session::plan_insert`] would take `item`: minutes within a
    /// day, and a phase not planned yet. Asked before anything is made for
    /// a step, such as the session another method's phase runs in.
    pub fn plan_accepts(&self, item: &PlanItem) -> Result<(), ModelError> {
        check_minutes(item.minutes)?;
        let host = self.id;
        if let (Some(plan), Some(phase)) = (&self.plan, &item.phase)
            && let Some(i) = plan.position_of(host, item.runs_in(host), phase)
        {
            return Err(ModelError::AlreadyPlanned {
                phase: phase.clone(),
                position: i + 1,
            });
        }
        Ok(())
    }

    /// Takes the step at `at` (from 0) out of the plan.
    pub fn plan_remove(&mut self, at: usize, now: Timestamp) -> Result<PlanItem, ModelError> {
        let plan = self.plan.as_mut().ok_or(ModelError::NoPlan)?;
        if at >= plan.items.len() {
            return Err(ModelError::NoPlanStep(at + 1));
        }
        let item = plan.items.remove(at);
        self.updated = now;
        Ok(item)
    }

    /// Sets the minutes of the step at `at` (from 0).
    pub fn plan_set_minutes(
        &mut self,
        at: usize,
        minutes: u32,
        now: Timestamp,
    ) -> Result<(), ModelError> {
        check_minutes(minutes)?;
        let plan = self.plan.as_mut().ok_or(ModelError::NoPlan)?;
        let item = plan
            .items
            .get_mut(at)
            .ok_or(ModelError::NoPlanStep(at + 1))?;
        if item.minutes != minutes {
            item.minutes = minutes;
            self.updated = now;
        }
        Ok(())
    }

    /// Moves the step at `from` to `to` (both from 0).
    pub fn plan_move(&mut self, from: usize, to: usize, now: Timestamp) -> Result<(), ModelError> {
        let plan = self.plan.as_mut().ok_or(ModelError::NoPlan)?;
        let len = plan.items.len();
        if from >= len {
            return Err(ModelError::NoPlanStep(from + 1));
        }
        let to = to.min(len - 1);
        if from != to {
            let item = plan.items.remove(from);
            plan.items.insert(to, item);
            self.updated = now;
        }
        Ok(())
    }

    /// Sets or clears the day's start time.
    pub fn plan_set_start(&mut self, start: Option<Time>, now: Timestamp) {
        let plan = self.plan.get_or_insert_with(Plan::default);
        if plan.start != start {
            plan.start = start;
            self.updated = now;
        }
    }

    /// Puts every phase of `method` that is not planned yet (optional
    /// phases left out) at the end of the plan, with the method's time
    /// boxes; says how many.
    pub fn plan_fill(
        &mut self,
        method: &crate::methods::Method,
        now: Timestamp,
    ) -> Result<usize, ModelError> {
        let id = self.id;
        let missing: Vec<(String, u32)> = method
            .phases
            .iter()
            .filter(|p| !p.optional)
            .filter(|p| {
                self.plan
                    .as_ref()
                    .is_none_or(|plan| plan.position_of(id, id, &p.id).is_none())
            })
            .map(|p| (p.id.clone(), p.minutes.clamp(1, MOST_MINUTES)))
            .collect();
        for (phase, minutes) in &missing {
            self.plan_insert(PlanItem::phase(phase, *minutes, None), None, now)?;
        }
        Ok(missing.len())
    }

    /// Throws the plan away.
    pub fn plan_clear(&mut self, now: Timestamp) {
        if self.plan.take().is_some() {
            self.updated = now;
        }
    }

    /// The session of the day that this plan already runs `method` in.
    pub fn day_session_of(&self, method: &str) -> Option<Uuid> {
        self.plan
            .iter()
            .flat_map(|p| p.items.iter())
            .find(|i| i.method.as_deref() == Some(method))
            .and_then(|i| i.session)
    }

    /// A new session of `method` for a phase of this day: this session's
    /// context, titled after the day and the method so that lists and
    /// links tell the day's sessions apart, with participants of its own,
    /// and following from this one. The caller saves it, then links this
    /// session to it ([`super::SessionRelation::LeadsTo`]).
    pub fn new_day_session(&self, method: &crate::methods::Method, now: Timestamp) -> Session {
        let mut context = self.context.clone();
        context.title = format!("{} – {}", context.title, method.name.get(context.language));
        for p in &mut context.participants {
            p.id = super::new_id();
            p.clock = Default::default();
        }
        let mut session = Session::new(method, context, now);
        session.link_session(self.id, super::SessionRelation::FollowsFrom, now);
        session
    }
}

fn check_minutes(minutes: u32) -> Result<(), ModelError> {
    if minutes == 0 || minutes > MOST_MINUTES {
        return Err(ModelError::PlanMinutes(minutes));
    }
    Ok(())
}

/// How far a step has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Not begun.
    Ahead,
    /// Running now.
    Running,
    /// Over.
    Done,
}

/// One step of the day with its planned and actual times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleRow {
    /// The step's position in the plan, from 0.
    pub index: usize,
    /// Minutes from the day's start to the step's planned start.
    pub offset: u32,
    /// Minutes planned.
    pub planned: u32,
    /// When it really started.
    pub started: Option<Timestamp>,
    /// When it really ended.
    pub ended: Option<Timestamp>,
    /// Seconds it really took (up to now while it runs).
    pub actual_secs: Option<i64>,
    /// How far it has come.
    pub progress: Progress,
}

impl ScheduleRow {
    /// Minutes over (positive) or under (negative) the plan, once begun.
    pub fn difference_minutes(&self) -> Option<i64> {
        self.actual_secs
            .map(|s| round_minutes(s) - i64::from(self.planned))
    }

    /// Whole minutes it really took, once begun.
    pub fn actual_minutes(&self) -> Option<i64> {
        self.actual_secs.map(round_minutes)
    }
}

/// Seconds to the nearest whole minute.
fn round_minutes(secs: i64) -> i64 {
    (secs + 30).div_euclid(60)
}

/// The plan against what happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    /// Every step, in the plan's order.
    pub rows: Vec<ScheduleRow>,
    /// When the day starts: the planned start time on the session's day,
    /// else when the first phase really started.
    pub day_start: Option<Timestamp>,
    /// Minutes the day is behind (positive) or ahead (negative) of the
    /// plan, once it has begun.
    pub behind_minutes: Option<i64>,
    /// The step running now.
    pub current: Option<usize>,
    /// Whether the day is today, so the clock counts.
    pub live: bool,
}

/// The phase logs a schedule is measured from: the session holding the
/// plan, and the other sessions of the day that could be read.
pub type Logs<'a> = HashMap<Uuid, &'a [PhaseEntry]>;

/// Works out the schedule of `host`'s plan at `now`: for each phase, when
/// it started and ended in its session's phase log (every run of it
/// counted); for each break, the time between the phase before it ending
/// and the phase after it starting. A phase run several times (the group
/// went back to it) counts all its runs.
pub fn schedule(host: &Session, logs: &Logs, tz: &TimeZone, now: Timestamp) -> Option<Schedule> {
    let plan = host.plan.as_ref()?;
    let mut offset = 0u32;
    let mut rows: Vec<ScheduleRow> = plan
        .items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let row = ScheduleRow {
                index,
                offset,
                planned: item.minutes,
                started: None,
                ended: None,
                actual_secs: None,
                progress: Progress::Ahead,
            };
            offset = offset.saturating_add(item.minutes);
            match &item.phase {
                Some(phase) => measure(row, logs.get(&item.runs_in(host.id)), phase, now),
                None => row,
            }
        })
        .collect();
    // A break lasts from the end of the phase before it to the start of
    // the phase after it; it runs while the one has ended and the other
    // has not begun.
    for i in 0..rows.len() {
        if !plan.items[i].is_break() {
            continue;
        }
        let before = rows[..i]
            .iter()
            .rev()
            .find(|r| !plan.items[r.index].is_break());
        let after = rows[i + 1..]
            .iter()
            .find(|r| !plan.items[r.index].is_break());
        let Some(from) = before.and_then(|r| (r.progress == Progress::Done).then_some(r.ended)?)
        else {
            continue;
        };
        let (to, progress) = match after.and_then(|r| r.started) {
            Some(to) => (to, Progress::Done),
            None => (now, Progress::Running),
        };
        let row = &mut rows[i];
        row.started = Some(from);
        row.progress = progress;
        row.ended = (progress == Progress::Done).then_some(to);
        row.actual_secs = Some(secs_between(from, to));
    }
    let day_start = match (plan.start, host.context.date) {
        (Some(time), Some(date)) => date.to_datetime(time).to_zoned(tz.clone()).ok(),
        _ => None,
    }
    .map(|z| z.timestamp())
    .or_else(|| rows.iter().filter_map(|r| r.started).min());
    let current = rows.iter().rposition(|r| r.progress == Progress::Running);
    // On another day than the workshop's, the clock says nothing about
    // the day any more: only what happened counts.
    let live = day_start
        .is_some_and(|start| start.to_zoned(tz.clone()).date() == now.to_zoned(tz.clone()).date());
    let behind_minutes = day_start.and_then(|start| behind(&rows, start, current, now, live));
    Some(Schedule {
        rows,
        day_start,
        behind_minutes,
        current,
        live,
    })
}

/// The runs of `phase` in `log`, summed.
fn measure(
    mut row: ScheduleRow,
    log: Option<&&[PhaseEntry]>,
    phase: &str,
    now: Timestamp,
) -> ScheduleRow {
    let runs: Vec<&PhaseEntry> = log
        .into_iter()
        .flat_map(|l| l.iter())
        .filter(|e| e.phase == phase)
        .collect();
    let (Some(first), Some(last)) = (runs.first(), runs.last()) else {
        return row;
    };
    row.started = Some(first.started);
    row.ended = last.ended;
    row.progress = if last.ended.is_some() {
        Progress::Done
    } else {
        Progress::Running
    };
    row.actual_secs = Some(
        runs.iter()
            .map(|e| secs_between(e.started, e.ended.unwrap_or(now)))
            .sum(),
    );
    row
}

fn secs_between(from: Timestamp, to: Timestamp) -> i64 {
    to.duration_since(from).max(SignedDuration::ZERO).as_secs()
}

/// How far behind the day is at `now`: while a step runs, the later of
/// how late it started and how far past its planned end it is; between
/// steps, how late the next one is; once the last step is over, how late
/// it ended. Before anything started, only a day with a start time can be
/// late. When the day is not `live` (it is not today), the time now does
/// not count: a step left running or waiting counts as it began or ended.
fn behind(
    rows: &[ScheduleRow],
    start: Timestamp,
    current: Option<usize>,
    now: Timestamp,
    live: bool,
) -> Option<i64> {
    let at = |offset: u32| start + SignedDuration::from_mins(i64::from(offset));
    let late = |when: Timestamp, planned: Timestamp| round_minutes(secs_signed(planned, when));
    if let Some(c) = current {
        let r = &rows[c];
        let began = r.started.map_or(0, |s| late(s, at(r.offset)));
        if !live {
            return Some(began);
        }
        let over = late(now, at(r.offset + r.planned));
        return Some(began.max(over));
    }
    let last_begun = rows.iter().rposition(|r| r.progress != Progress::Ahead);
    let ended_late = |i: usize| {
        rows[i]
            .ended
            .map(|end| late(end, at(rows[i].offset + rows[i].planned)))
    };
    match last_begun {
        None => (live && now > start).then(|| late(now, start)),
        Some(i) => match rows.get(i + 1..).and_then(|rest| rest.first()) {
            Some(next) if live => Some(late(now, at(next.offset))),
            _ => ended_late(i),
        },
    }
}

fn secs_signed(from: Timestamp, to: Timestamp) -> i64 {
    to.duration_since(from).as_secs()
}

/// `09:30`, `9:30`, `0930`; `none` or an empty text for no start time.
/// `None` when the text is not a time.
pub fn parse_time(text: &str) -> Option<Option<Time>> {
    let t = text.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("none") || t.eq_ignore_ascii_case("ingen") {
        return Some(None);
    }
    let (h, m) = match t.split_once([':', '.']) {
        Some((h, m)) => (h, m),
        None if t.len() == 4 => t.split_at(2),
        None => return None,
    };
    if m.len() != 2 {
        return None;
    }
    let (h, m): (i8, i8) = (h.parse().ok()?, m.parse().ok()?);
    Time::new(h, m, 0, 0).ok().map(Some)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::testing::future_workshop;

    #[test]
    fn times_are_read_as_people_write_them() {
        let t = |h, m| Some(Some(Time::new(h, m, 0, 0).unwrap_or(Time::midnight())));
        assert_eq!(parse_time("09:30"), t(9, 30));
        assert_eq!(parse_time("9.05"), t(9, 5));
        assert_eq!(parse_time("1315"), t(13, 15));
        assert_eq!(parse_time("none"), Some(None));
        assert_eq!(parse_time("25:00"), None);
        assert_eq!(parse_time("9"), None);
        assert_eq!(parse_time("nine"), None);
    }

    fn at(min: i64) -> Timestamp {
        Timestamp::from_second(1_790_000_000 + min * 60).unwrap()
    }

    fn log(s: &mut Session, phase: &str, from: i64, to: Option<i64>) {
        s.phase_log.push(PhaseEntry {
            id: crate::model::new_id(),
            phase: phase.into(),
            started: at(from),
            ended: to.map(at),
            updated: at(from),
            clock: Default::default(),
            revived: 0,
        });
    }

    fn day() -> Session {
        let (mut s, _) = future_workshop();
        for item in [
            PlanItem::phase("kritik", 30, None),
            PlanItem::pause(15, Some("Kaffe".into())),
            PlanItem::phase("fantasi", 40, None),
        ] {
            s.plan_insert(item, None, at(0)).unwrap();
        }
        s
    }

    fn run(s: &Session, now: i64) -> Schedule {
        let logs: Logs = [(s.id, s.phase_log.as_slice())].into();
        schedule(s, &logs, &TimeZone::UTC, at(now)).unwrap()
    }

    #[test]
    fn planned_offsets_add_up_and_nothing_is_measured_before_the_day_begins() {
        let s = day();
        let sch = run(&s, 0);
        let offsets: Vec<u32> = sch.rows.iter().map(|r| r.offset).collect();
        assert_eq!(offsets, [0, 30, 45]);
        assert_eq!(s.plan.as_ref().unwrap().total_minutes(), 85);
        assert_eq!(
            (sch.day_start, sch.behind_minutes, sch.current),
            (None, None, None)
        );
    }

    #[test]
    fn a_phase_that_runs_long_puts_the_day_behind_and_the_break_is_measured_between_phases() {
        let mut s = day();
        log(&mut s, "kritik", 0, Some(38));
        let sch = run(&s, 40);
        assert_eq!(sch.rows[0].actual_minutes(), Some(38));
        assert_eq!(sch.rows[0].difference_minutes(), Some(8));
        assert_eq!(sch.rows[1].progress, Progress::Running, "the break runs");
        assert_eq!(sch.rows[1].actual_minutes(), Some(2));
        assert_eq!(sch.current, Some(1));
        assert_eq!(
            sch.behind_minutes,
            Some(8),
            "the break started 8 minutes late"
        );
        // A short break wins the time back.
        log(&mut s, "fantasi", 45, None);
        let sch = run(&s, 50);
        assert_eq!(sch.rows[1].actual_minutes(), Some(7));
        assert_eq!(sch.rows[1].progress, Progress::Done);
        assert_eq!(sch.behind_minutes, Some(0));
        // Running past its planned end puts the day behind again.
        let sch = run(&s, 45 + 50);
        assert_eq!(sch.behind_minutes, Some(10));
    }

    #[test]
    fn a_day_that_finishes_early_is_ahead_and_a_late_start_is_behind() {
        let mut s = day();
        log(&mut s, "kritik", 0, Some(20));
        log(&mut s, "fantasi", 25, Some(55));
        let sch = run(&s, 300);
        assert_eq!(sch.behind_minutes, Some(-30));
        assert_eq!(sch.current, None);

        let mut s = day();
        s.context.date = Some(at(0).to_zoned(TimeZone::UTC).date());
        let time = at(0).to_zoned(TimeZone::UTC).time();
        s.plan_set_start(Some(time), at(0));
        assert_eq!(run(&s, 12).behind_minutes, Some(12), "not started yet");
        log(&mut s, "kritik", 10, None);
        assert_eq!(run(&s, 15).behind_minutes, Some(10));
    }

    #[test]
    fn days_later_the_clock_no_longer_counts_only_what_happened() {
        let mut s = day();
        log(&mut s, "kritik", 0, Some(38));
        let week = 7 * 24 * 60;
        assert_eq!(run(&s, week).behind_minutes, Some(8), "not a week behind");
        log(&mut s, "fantasi", 45, None);
        assert_eq!(run(&s, week).behind_minutes, Some(0), "left running");
    }

    #[test]
    fn a_phase_run_twice_counts_both_runs() {
        let mut s = day();
        log(&mut s, "kritik", 0, Some(10));
        log(&mut s, "fantasi", 10, Some(12));
        log(&mut s, "kritik", 12, Some(30));
        let sch = run(&s, 40);
        assert_eq!(sch.rows[0].actual_minutes(), Some(28));
        assert_eq!(sch.rows[2].actual_minutes(), Some(2));
    }

    #[test]
    fn editing_the_plan_refuses_what_would_not_make_sense() {
        let mut s = day();
        let again = s.plan_insert(PlanItem::phase("kritik", 10, None), None, at(1));
        assert!(matches!(
            again,
            Err(ModelError::AlreadyPlanned { position: 1, .. })
        ));
        assert!(
            s.plan_insert(PlanItem::pause(0, None), None, at(1))
                .is_err()
        );
        assert!(s.plan_set_minutes(0, MOST_MINUTES + 1, at(1)).is_err());
        assert!(matches!(
            s.plan_remove(9, at(1)),
            Err(ModelError::NoPlanStep(10))
        ));
        s.plan_move(2, 0, at(1)).unwrap();
        assert_eq!(
            s.plan.as_ref().unwrap().items[0].phase.as_deref(),
            Some("fantasi")
        );
        s.plan_set_minutes(0, 45, at(2)).unwrap();
        assert_eq!(
            s.plan.as_ref().unwrap().minutes_for(s.id, s.id, "fantasi"),
            Some(45)
        );
        assert_eq!(
            s.plan_insert(PlanItem::pause(5, None), Some(1), at(3))
                .unwrap(),
            1
        );
        s.plan_clear(at(4));
        assert!(s.plan.is_none());
        assert!(matches!(s.plan_remove(0, at(5)), Err(ModelError::NoPlan)));
    }

    #[test]
    fn two_laptops_changing_the_plan_merge_to_the_later_change_and_undo_restores_it() {
        use crate::model::{SessionDiff, merge, record_changes};
        let base = day();
        let (mut a, mut b) = (base.clone(), base.clone());
        a.plan_set_minutes(0, 20, at(1)).unwrap();
        record_changes(&base, &mut a, at(1), "laptop-a");
        b.plan_insert(PlanItem::pause(10, None), None, at(2))
            .unwrap();
        record_changes(&base, &mut b, at(2), "laptop-b");
        for (x, y) in [(&a, &b), (&b, &a)] {
            let merged = merge(x, y).unwrap().session;
            assert_eq!(merged.plan, b.plan, "the later plan wins, in either order");
        }
        // A plan changed on the board is undone like any other change.
        let before = base.clone();
        let mut after = base.clone();
        after.plan_remove(1, at(3)).unwrap();
        let diff = SessionDiff::between(&before, &after).unwrap();
        diff.undo(&mut after);
        assert_eq!(after.plan, before.plan);
        diff.redo(&mut after);
        assert_eq!(after.plan.as_ref().unwrap().items.len(), 2);
    }

    #[test]
    fn it_is_saved_as_plain_minutes_and_a_time_of_day() {
        let mut s = day();
        s.plan_set_start(Some(Time::constant(9, 30, 0, 0)), at(0));
        let json = serde_json::to_value(s.plan.as_ref().unwrap()).unwrap();
        assert_eq!(json["start"], "09:30:00");
        assert_eq!(json["items"][1]["label"], "Kaffe");
        assert!(json["items"][1].get("phase").is_none());
        let back: Plan = serde_json::from_value(json).unwrap();
        assert_eq!(&back, s.plan.as_ref().unwrap());
    }
}
