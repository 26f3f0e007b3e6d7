//! A workshop day's plan as people read it: each step named from its
//! method, with its planned clock time, planned and actual minutes, and
//! the day's lead or lag. The board, `sempre plan`, the facilitator's
//! script and the session's export all show it from here.

use std::collections::HashMap;

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use uuid::Uuid;

use crate::i18n::Lang;
use crate::methods::{Method, MethodLibrary, Phase};
use crate::model::{Logs, Progress, Schedule, Session, schedule};
use crate::store::Store;
use crate::strings::PlanText;

/// The sessions a day's plan spans: the one holding the plan and the
/// others its phases run in.
#[derive(Debug, Clone, Default)]
pub struct Day {
    /// The session holding the plan, when it is another session than the
    /// one the day was looked up from (which holds it otherwise).
    pub host: Option<Session>,
    /// The day's other sessions that could be read, by id.
    pub others: HashMap<Uuid, Session>,
}

impl Day {
    /// The day `session` belongs to: its own plan, or the plan of a
    /// session it follows from that names it. Only those few files are
    /// read. `None` when no plan covers the session.
    pub fn of(store: &Store, session: &Session) -> Option<Day> {
        let host = if session.plan.is_some() {
            None
        } else {
            let earlier: Vec<Uuid> = session
                .links
                .iter()
                .filter(|l| l.relation == crate::model::SessionRelation::FollowsFrom)
                .map(|l| l.session)
                .collect();
            Some(store.read_many(&earlier).into_iter().find(|h| {
                h.plan
                    .as_ref()
                    .is_some_and(|p| p.items.iter().any(|i| i.session == Some(session.id)))
            })?)
        };
        let ids: Vec<Uuid> = host
            .as_ref()
            .unwrap_or(session)
            .plan
            .iter()
            .flat_map(|p| p.items.iter().filter_map(|i| i.session))
            .filter(|id| *id != session.id)
            .collect();
        let others: HashMap<Uuid, Session> = store
            .read_many(&ids)
            .into_iter()
            .map(|s| (s.id, s))
            .collect();
        Some(Day { host, others })
    }

    /// The session holding the plan, `own` being the one the day was
    /// looked up from.
    pub fn host<'a>(&'a self, own: &'a Session) -> &'a Session {
        self.host.as_ref().unwrap_or(own)
    }
}

/// One step of the day as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Position in the plan, from 1.
    pub number: usize,
    /// The planned time of day it starts, where the day has a start.
    pub clock: Option<String>,
    /// The phase's name, or the break's.
    pub what: String,
    /// The other method's name, for a phase run in another session.
    pub method: Option<String>,
    /// Whether it is a break.
    pub is_break: bool,
    /// Minutes planned.
    pub planned: u32,
    /// The time of day it really began, once begun.
    pub started: Option<String>,
    /// Minutes taken, once begun.
    pub actual: Option<i64>,
    /// Minutes over (+) or under (−), once begun.
    pub difference: Option<i64>,
    /// How far it has come.
    pub progress: Progress,
    /// The phase, where its method is known.
    pub phase: Option<Phase>,
    /// The session the phase runs in.
    pub session: Option<Uuid>,
}

/// The plan of `host` as rows, with the schedule behind them.
pub struct View {
    /// Each step.
    pub rows: Vec<Row>,
    /// The schedule.
    pub schedule: Schedule,
    /// The planned minutes of the whole day.
    pub total: u32,
    /// The day's start time as shown, if set.
    pub start: Option<String>,
}

/// Works out the view of `day` at `now`, `own` being the session it was
/// looked up from, as it is now; `None` without a plan.
pub fn view(
    day: &Day,
    own: &Session,
    library: &MethodLibrary,
    lang: Lang,
    tz: &TimeZone,
    now: Timestamp,
) -> Option<View> {
    let host = day.host(own);
    let plan = host.plan.as_ref()?;
    let mut logs: Logs = HashMap::new();
    for (id, s) in &day.others {
        logs.insert(*id, s.phase_log.as_slice());
    }
    logs.insert(host.id, host.phase_log.as_slice());
    logs.insert(own.id, own.phase_log.as_slice());
    let schedule = schedule(host, &logs, tz, now)?;
    let method_of = |item: &crate::model::PlanItem| -> Option<&Method> {
        let id = match item.session {
            Some(s) => day
                .others
                .get(&s)
                .map(|o| o.method.id.as_str())
                .or(item.method.as_deref()),
            None => Some(host.method.id.as_str()),
        };
        library.get(id?)
    };
    let rows = plan
        .items
        .iter()
        .zip(&schedule.rows)
        .map(|(item, r)| {
            let method = method_of(item);
            let phase = item
                .phase
                .as_deref()
                .and_then(|p| method.and_then(|m| m.phase(p)));
            let what = match (&item.phase, phase) {
                (None, _) => match &item.label {
                    Some(label) => format!("{}: {label}", PlanText::Break.text(lang)),
                    None => PlanText::Break.text(lang).to_string(),
                },
                (Some(_), Some(p)) => p.name.get(lang).to_string(),
                (Some(id), None) => id.clone(),
            };
            let other_method = item.session.map(|_| match method {
                Some(m) => m.name.get(lang).to_string(),
                None => item.method.clone().unwrap_or_default(),
            });
            Row {
                number: r.index + 1,
                clock: schedule
                    .day_start
                    .map(|start| clock(start + minutes(r.offset), tz)),
                what,
                method: other_method,
                is_break: item.is_break(),
                planned: r.planned,
                started: r.started.map(|s| clock(s, tz)),
                actual: r.actual_minutes(),
                // A step still running is only ever shown over its time,
                // never as the minutes it has yet to use.
                difference: r
                    .difference_minutes()
                    .filter(|d| r.progress != Progress::Running || *d > 0),
                progress: r.progress,
                phase: phase.cloned(),
                session: item.session,
            }
        })
        .collect();
    Some(View {
        rows,
        total: plan.total_minutes(),
        start: plan.start.map(|t| t.strftime("%H:%M").to_string()),
        schedule,
    })
}

fn minutes(n: u32) -> SignedDuration {
    SignedDuration::from_mins(i64::from(n))
}

/// A time of day as shown: `09:30`.
pub fn clock(ts: Timestamp, tz: &TimeZone) -> String {
    ts.to_zoned(tz.clone()).strftime("%H:%M").to_string()
}

/// Minutes as hours and minutes when an hour or more: `45 min`, `2 t 05
/// min`, `2 h 05 min`.
pub fn duration(minutes: u32, lang: Lang) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    let hour = match lang {
        Lang::Da => "t",
        Lang::En => "h",
    };
    if h == 0 {
        format!("{m} min")
    } else {
        format!("{h} {hour} {m:02} min")
    }
}
