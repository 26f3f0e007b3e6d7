//! The day's plan on the board: the time box each phase gets from it, the
//! day's lead or lag in the header, and the day's other sessions read
//! again when they change on disk.

use std::collections::HashMap;

use ratatui::text::Span;
use uuid::Uuid;

use super::BoardState;
use crate::day::Day;
use crate::methods::Phase;
use crate::model::{Logs, Schedule, Session, schedule};
use crate::strings::PlanText;
use crate::tui::app::{App, Effect};
use crate::tui::render::Ctx;

/// The session holding the day's plan: this one when it has a plan, the
/// one read with the day otherwise.
pub fn host(b: &BoardState) -> Option<&Session> {
    let own = b.session();
    if own.plan.is_some() {
        return Some(own);
    }
    b.day.as_ref()?.host.as_ref().filter(|h| h.plan.is_some())
}

/// The minutes the day's plan gives `phase` of this session, else the
/// method's time box.
pub fn plan_minutes(b: &BoardState, phase: &Phase) -> u32 {
    host(b)
        .and_then(|h| {
            h.plan
                .as_ref()?
                .minutes_for(h.id, b.session().id, &phase.id)
        })
        .unwrap_or(phase.minutes)
}

/// The ids of the day's sessions other than this one, whose files the
/// board reads again when they change.
pub fn day_sessions(b: &BoardState) -> Vec<Uuid> {
    let Some(day) = &b.day else {
        return Vec::new();
    };
    day.host
        .iter()
        .map(|h| h.id)
        .chain(day.others.keys().copied())
        .collect()
}

/// Takes in the day as read from the store. A time box nobody has
/// touched yet takes its length from the plan.
pub fn day_read(app: &mut App, day: Option<Day>) -> Vec<Effect> {
    let Some(b) = super::board_mut(app) else {
        return Vec::new();
    };
    b.day = day;
    let state = b.timer.state();
    let untouched = !state.is_running() && state.elapsed_ms == 0;
    let phase = match &state.phase {
        Some(id) => b.method.phase(id).cloned(),
        None if b.session().phase_log.is_empty() => b.method.phases.first().cloned(),
        None => None,
    };
    if let Some(phase) = phase
        && untouched
        && state.minutes == phase.minutes
    {
        let minutes = plan_minutes(b, &phase);
        if minutes != state.minutes {
            b.timer.reset(minutes);
        }
    }
    Vec::new()
}

/// The schedule of the day at the frame's time, from this session as it
/// is now and the day's other sessions as last read.
pub fn schedule_now(b: &BoardState, ctx: &Ctx) -> Option<Schedule> {
    let host = host(b)?;
    let mut logs: Logs = HashMap::new();
    if let Some(day) = &b.day {
        for (id, s) in &day.others {
            logs.insert(*id, s.phase_log.as_slice());
        }
    }
    logs.insert(host.id, host.phase_log.as_slice());
    logs.insert(b.session().id, b.session().phase_log.as_slice());
    schedule(host, &logs, &ctx.tz, ctx.now)
}

/// The day's lead or lag for the header, on the day, once it has begun:
/// "Day: 8 min behind". Reading the session afterwards, the plan view and
/// the export tell how the day went.
pub fn header_mark(b: &BoardState, ctx: &Ctx) -> Vec<Span<'static>> {
    let Some(behind) = schedule_now(b, ctx)
        .filter(|s| s.live)
        .and_then(|s| s.behind_minutes)
    else {
        return Vec::new();
    };
    let lang = ctx.lang();
    let t = &ctx.theme;
    let text = match behind {
        0 => PlanText::OnTimeShort.text(lang).to_string(),
        n if n > 0 => PlanText::BehindShort
            .text(lang)
            .replace("{n}", &crate::strings::span(n, lang)),
        n => PlanText::AheadShort
            .text(lang)
            .replace("{n}", &crate::strings::span(n, lang)),
    };
    let style = if behind > 5 { t.timer_warn } else { t.dim };
    vec![
        Span::raw("  "),
        Span::styled(format!("{}: {text}", PlanText::DayShort.text(lang)), style),
    ]
}

/// Where the script of this board's day goes: the exports folder, named
/// after the session holding the plan.
pub fn script_path(b: &BoardState, app: &App) -> std::path::PathBuf {
    let title = host(b).map_or(&b.session().context.title, |h| &h.context.title);
    let name = crate::export::file_stem(title, 50);
    let script = match app.prefs.lang {
        crate::i18n::Lang::Da => "drejebog",
        crate::i18n::Lang::En => "script",
    };
    app.exports_dir.join(format!("{name}-{script}.html"))
}

/// Writes the facilitator's script of this board's day to `path`, the
/// store and its lock files refused as a target; what went wrong is one
/// sentence.
pub fn write_script(
    b: &BoardState,
    app: &App,
    store: &crate::store::Store,
    path: &std::path::Path,
) -> Result<std::path::PathBuf, String> {
    let lang = app.prefs.lang;
    store.check_export(path).map_err(|e| e.message(lang))?;
    let empty = Day::default();
    let day = b.day.as_ref().unwrap_or(&empty);
    let own = b.session();
    let v = crate::day::view(day, own, &app.methods, lang, &app.tz, app.clock.now())
        .ok_or_else(|| PlanText::NoPlan.text(lang).to_string())?;
    let host = day.host(own);
    crate::store::write_export_with(path, |w| {
        crate::export::script_to(host, &v, &app.methods, lang, w)
    })
    .map_err(|e| e.message(lang))?;
    Ok(path.to_path_buf())
}
