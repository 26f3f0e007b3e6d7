//! `sempre plan`: a workshop day's plan, made, changed, shown against the
//! clock, and printed as the facilitator's script.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use jiff::tz::TimeZone;
use serde::Serialize;
use uuid::Uuid;

use super::args::{PlanAction, PlanArgs};
use super::{CliError, Env, table};
use crate::day::{self, Day};
use crate::i18n::Lang;
use crate::model::{PlanItem, Progress, Session, SessionRelation, now, parse_time};
use crate::store::{Access, OpenSession, SaveOutcome, StoreError, write_export_with};
use crate::strings::{PlanText, day_status, signed_minutes};

/// Runs one `sempre plan` action.
pub fn run(env: &Env, args: PlanArgs, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    match args.action {
        PlanAction::Show { session, json } => show(env, &session, json, out),
        PlanAction::Script { session, out: file } => script(env, &session, file, out),
        PlanAction::Add {
            session,
            phase,
            minutes,
            at,
        } => add(env, &session, &phase, minutes, at, out),
        PlanAction::Break {
            session,
            minutes,
            label,
            at,
        } => {
            let label = crate::model::text::optional_line(label.as_deref());
            let item = PlanItem::pause(minutes, label);
            let what = break_name(env.lang, item.label.as_deref());
            edit(env, &session, out, |s, lang| {
                let at = s.plan_insert(item, step_index(at)?, now())?;
                Ok(added(lang, at, &what, minutes))
            })
        }
        PlanAction::Fill { session } => fill(env, &session, out),
        PlanAction::Minutes {
            session,
            step,
            minutes,
        } => edit(env, &session, out, |s, lang| {
            s.plan_set_minutes(index(step)?, minutes, now())?;
            Ok(PlanText::Changed
                .text(lang)
                .replace("{n}", &step.to_string())
                .replace("{minutes}", &minutes.to_string()))
        }),
        PlanAction::Move { session, step, to } => edit(env, &session, out, |s, _| {
            s.plan_move(index(step)?, index(to)?, now())?;
            Ok(String::new())
        }),
        PlanAction::Remove { session, step } => edit(env, &session, out, |s, lang| {
            let item = s.plan_remove(index(step)?, now())?;
            let what = step_name(env, s, &item);
            Ok(PlanText::Removed
                .text(lang)
                .replace("{n}", &step.to_string())
                .replace("{what}", &what))
        }),
        PlanAction::Start { session, time } => {
            let start = parse_time(&time)
                .ok_or_else(|| CliError::Said(PlanText::BadTime.text(env.lang).to_string()))?;
            edit(env, &session, out, |s, lang| {
                s.plan_set_start(start, now());
                Ok(match start {
                    Some(t) => PlanText::Starts
                        .text(lang)
                        .replace("{time}", &t.strftime("%H:%M").to_string()),
                    None => PlanText::StartCleared.text(lang).to_string(),
                })
            })
        }
        PlanAction::Clear { session } => edit(env, &session, out, |s, lang| {
            s.plan_clear(now());
            Ok(PlanText::Cleared.text(lang).to_string())
        }),
    }
}

/// A step as typed (from 1) as an index (from 0).
fn index(step: usize) -> Result<usize, CliError> {
    step.checked_sub(1)
        .ok_or(CliError::Model(crate::model::ModelError::NoPlanStep(0)))
}

fn step_index(at: Option<usize>) -> Result<Option<usize>, CliError> {
    at.map(index).transpose()
}

fn break_name(lang: Lang, label: Option<&str>) -> String {
    match label {
        Some(l) => format!("{}: {l}", PlanText::Break.text(lang)),
        None => PlanText::Break.text(lang).to_string(),
    }
}

fn added(lang: Lang, at: usize, what: &str, minutes: u32) -> String {
    PlanText::Added
        .text(lang)
        .replace("{n}", &(at + 1).to_string())
        .replace("{what}", what)
        .replace("{minutes}", &minutes.to_string())
}

/// The session holding the day's plan that `query` belongs to, opened
/// to change it: the session itself, or the one whose plan names it. A
/// session with no plan holds its own (new) plan. The named session is
/// read once; the holder only when it is another session.
fn open_host(env: &Env, query: &str) -> Result<OpenSession, CliError> {
    let open = env.store.open_for_command(query)?;
    if open.session.plan.is_some() {
        return Ok(open);
    }
    match Day::of(&env.store, &open.session).and_then(|d| d.host) {
        Some(host) => {
            drop(open);
            Ok(env.store.open_for_command(&host.id.to_string())?)
        }
        None => Ok(open),
    }
}

/// Changes the day's plan with `change`, saves, and prints what it says.
fn edit(
    env: &Env,
    query: &str,
    out: &mut dyn Write,
    change: impl FnOnce(&mut Session, Lang) -> Result<String, CliError>,
) -> Result<ExitCode, CliError> {
    let mut open = open_host(env, query)?;
    let said = change(&mut open.session, env.lang)?;
    save(env, &mut open)?;
    if !said.is_empty() {
        writeln!(out, "{said}")?;
    }
    Ok(ExitCode::SUCCESS)
}

fn save(env: &Env, open: &mut OpenSession) -> Result<(), CliError> {
    match open.save_merging()? {
        SaveOutcome::Saved | SaveOutcome::Merged(_, None) => Ok(()),
        SaveOutcome::SavedUnflushed(warning) => {
            super::warn(&warning.message(env.lang));
            Ok(())
        }
        SaveOutcome::Merged(_, Some(warning)) => {
            super::warn(&warning.message(env.lang));
            Ok(())
        }
        SaveOutcome::ChangedOnDisk(_) => Err(StoreError::ChangedElsewhere {
            file: open.path().display().to_string(),
        }
        .into()),
    }
}

/// How a step of the plan held by `host` is named: its phase's name in
/// its method (with the method's name when it runs in another session),
/// or the break's.
fn step_name(env: &Env, host: &Session, item: &PlanItem) -> String {
    let Some(phase) = &item.phase else {
        return break_name(env.lang, item.label.as_deref());
    };
    let method = env
        .methods
        .get(item.method.as_deref().unwrap_or(&host.method.id));
    let name = method
        .and_then(|m| m.phase(phase))
        .map_or(phase.as_str(), |p| p.name.get(env.lang));
    match (item.session, method) {
        (Some(_), Some(m)) => format!("{name} ({})", m.name.get(env.lang)),
        _ => name.to_string(),
    }
}

/// `sempre plan add`.
fn add(
    env: &Env,
    query: &str,
    phase: &str,
    minutes: Option<u32>,
    at: Option<usize>,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let mut open = open_host(env, query)?;
    let own = open.session.method.id.clone();
    let (method_id, phase_id) = match phase.trim().split_once(':') {
        Some((m, p)) => (m.trim().to_string(), p.trim().to_string()),
        None => (own.clone(), phase.trim().to_string()),
    };
    let method = env.methods.require(&method_id)?;
    let found = method.phase(&phase_id).ok_or_else(|| {
        let known: Vec<&str> = method.phases.iter().map(|p| p.id.as_str()).collect();
        CliError::Said(
            match env.lang {
                Lang::En => {
                    "The method \"{method}\" has no phase \"{phase}\"; its phases are: {known}."
                }
                Lang::Da => {
                    "Metoden \"{method}\" har ingen fase \"{phase}\"; dens faser er: {known}."
                }
            }
            .replace("{method}", method.name.get(env.lang))
            .replace("{phase}", &phase_id)
            .replace("{known}", &known.join(", ")),
        )
    })?;
    let minutes = minutes.unwrap_or(found.minutes);
    let at = step_index(at)?;
    let elsewhere = if method_id == own {
        None
    } else {
        // Asked first: a step the plan refuses makes no session.
        let known = open
            .session
            .day_session_of(&method_id)
            .unwrap_or(Uuid::nil());
        open.session.plan_accepts(&PlanItem::phase(
            &phase_id,
            minutes,
            Some((known, &method_id)),
        ))?;
        Some(day_session_for(env, &mut open, &method_id)?)
    };
    let item = PlanItem::phase(
        &phase_id,
        minutes,
        elsewhere.map(|(id, _)| (id, method_id.as_str())),
    );
    let what = step_name(env, &open.session, &item);
    let saved = open
        .session
        .plan_insert(item, at, now())
        .map_err(CliError::from)
        .and_then(|at| save(env, &mut open).map(|()| at));
    let at = match (saved, elsewhere) {
        (Ok(at), _) => at,
        // A session made for a step the plan did not keep is taken away
        // again, so that no session is left that nothing names.
        (Err(e), Some((id, true))) => {
            let _ = std::fs::remove_file(env.store.path_of(id));
            return Err(e);
        }
        (Err(e), _) => return Err(e),
    };
    if let Some((id, true)) = elsewhere {
        let method = env.methods.require(&method_id)?;
        writeln!(
            out,
            "{}",
            PlanText::NewSession
                .text(env.lang)
                .replace("{method}", method.name.get(env.lang))
                .replace("{id}", &id.to_string())
        )?;
    }
    writeln!(out, "{}", added(env.lang, at, &what, minutes))?;
    Ok(ExitCode::SUCCESS)
}

/// The session of the day that runs `method`: one the plan names already,
/// or a new one with the host's context, linked both ways (then `true`).
fn day_session_for(
    env: &Env,
    host: &mut OpenSession,
    method_id: &str,
) -> Result<(Uuid, bool), CliError> {
    if let Some(id) = host.session.day_session_of(method_id)
        && env.store.read(id).is_ok()
    {
        return Ok((id, false));
    }
    let method = env.methods.require(method_id)?;
    let stamp = now();
    let session = host.session.new_day_session(method, stamp);
    env.store.create(&session)?;
    host.session
        .link_session(session.id, SessionRelation::LeadsTo, stamp);
    Ok((session.id, true))
}

/// `sempre plan fill`.
fn fill(env: &Env, query: &str, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    let mut open = open_host(env, query)?;
    let method = env.methods.require(&open.session.method.id)?;
    let added = open.session.plan_fill(method, now())?;
    if added == 0 {
        writeln!(out, "{}", PlanText::NothingToFill.text(env.lang))?;
        return Ok(ExitCode::SUCCESS);
    }
    save(env, &mut open)?;
    writeln!(
        out,
        "{}",
        match added {
            1 => PlanText::FilledOne.text(env.lang).to_string(),
            n => PlanText::Filled
                .text(env.lang)
                .replace("{n}", &n.to_string()),
        }
    )?;
    Ok(ExitCode::SUCCESS)
}

/// One step in `plan show --json`.
#[derive(Serialize)]
struct JsonStep<'a> {
    step: usize,
    kind: &'static str,
    what: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    phase: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    method: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    session: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    starts: Option<&'a str>,
    planned_minutes: u32,
    actual_minutes: Option<i64>,
    difference_minutes: Option<i64>,
    progress: &'static str,
}

/// `plan show --json`.
#[derive(Serialize)]
struct JsonPlan<'a> {
    session: Uuid,
    start: Option<&'a str>,
    planned_minutes: u32,
    behind_minutes: Option<i64>,
    steps: Vec<JsonStep<'a>>,
}

/// `sempre plan show`.
fn show(env: &Env, query: &str, json: bool, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    let open = env.store.open(query, Access::ReadOnly)?;
    let lang = env.lang;
    let no_plan = || no_plan(lang, open.session.id);
    let day = Day::of(&env.store, &open.session).ok_or_else(no_plan)?;
    let tz = TimeZone::system();
    let v = day::view(&day, &open.session, &env.methods, lang, &tz, now()).ok_or_else(no_plan)?;
    let host = day.host(&open.session).id;
    if json {
        let plan = JsonPlan {
            session: host,
            start: v.start.as_deref(),
            planned_minutes: v.total,
            behind_minutes: v.schedule.behind_minutes,
            steps: v
                .rows
                .iter()
                .zip(
                    day.host(&open.session)
                        .plan
                        .iter()
                        .flat_map(|p| p.items.iter()),
                )
                .map(|(r, item)| JsonStep {
                    step: r.number,
                    kind: if r.is_break { "break" } else { "phase" },
                    what: &r.what,
                    phase: item.phase.as_deref(),
                    method: r.method.as_deref(),
                    session: r.session,
                    starts: r.clock.as_deref(),
                    planned_minutes: r.planned,
                    actual_minutes: r.actual,
                    difference_minutes: r.difference,
                    progress: progress_code(r.progress),
                })
                .collect(),
        };
        let mut text = serde_json::to_string_pretty(&plan).unwrap_or_default();
        text.push('\n');
        out.write_all(text.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    let title = day.host(&open.session).context.title.clone();
    let mut text = format!("{} — {title}\n", PlanText::Title.text(lang));
    match &v.start {
        Some(t) => text.push_str(&PlanText::Starts.text(lang).replace("{time}", t)),
        None => text.push_str(PlanText::NoStart.text(lang)),
    }
    text.push_str("\n\n");
    text.push_str(&table_of(&v, lang));
    text.push('\n');
    text.push_str(&format!(
        "{} {}. {}\n",
        PlanText::Total.text(lang),
        day::duration(v.total, lang),
        day_status(lang, v.schedule.behind_minutes, v.schedule.live)
    ));
    out.write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The plan as a plain-text table.
pub fn table_of(v: &day::View, lang: Lang) -> String {
    let rows: Vec<Vec<String>> = v
        .rows
        .iter()
        .map(|r| {
            let what = match &r.method {
                Some(m) => format!("{} ({m})", r.what),
                None => r.what.clone(),
            };
            vec![
                r.number.to_string(),
                r.clock.clone().unwrap_or_else(|| "–".into()),
                what,
                r.planned.to_string(),
                r.started.clone().unwrap_or_else(|| "–".into()),
                r.actual.map_or("–".into(), |a| a.to_string()),
                r.difference.map_or(String::new(), signed_minutes),
                progress_mark(r.progress).to_string(),
            ]
        })
        .collect();
    table::render(
        &[
            "#",
            PlanText::Time.text(lang),
            PlanText::What.text(lang),
            PlanText::Planned.text(lang),
            PlanText::Began.text(lang),
            PlanText::Actual.text(lang),
            PlanText::Difference.text(lang),
            "",
        ],
        &rows,
    )
}

/// A step's progress as a mark: running, done, or nothing yet.
pub fn progress_mark(p: Progress) -> &'static str {
    match p {
        Progress::Ahead => "",
        Progress::Running => "▶",
        Progress::Done => "✓",
    }
}

fn progress_code(p: Progress) -> &'static str {
    match p {
        Progress::Ahead => "planned",
        Progress::Running => "running",
        Progress::Done => "done",
    }
}

/// That the session has no plan, and how to make one.
fn no_plan(lang: Lang, id: Uuid) -> CliError {
    let short = &id.to_string()[..8];
    CliError::Said(format!(
        "{} {}",
        PlanText::NoPlan.text(lang),
        PlanText::NoPlanHint.text(lang).replace("{id}", short)
    ))
}

/// `sempre plan script`.
fn script(
    env: &Env,
    query: &str,
    file: Option<std::path::PathBuf>,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    if let Some(path) = &file {
        env.store.check_export(path).map_err(CliError::IntoStore)?;
    }
    let open = env.store.open(query, Access::ReadOnly)?;
    let lang = env.lang_flag.unwrap_or(open.session.context.language);
    let no_plan = || no_plan(lang, open.session.id);
    let day = Day::of(&env.store, &open.session).ok_or_else(no_plan)?;
    let tz = TimeZone::system();
    let v = day::view(&day, &open.session, &env.methods, lang, &tz, now()).ok_or_else(no_plan)?;
    let host = day.host(&open.session);
    let write = |w: &mut dyn Write| crate::export::script_to(host, &v, &env.methods, lang, w);
    match &file {
        Some(path) => {
            write_export_with(path, write)?;
            writeln!(
                out,
                "{}",
                PlanText::Printed
                    .text(env.lang)
                    .replace("{path}", &path.display().to_string())
            )?;
        }
        None => {
            let mut out = BufWriter::new(out);
            write(&mut out)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
