//! Exports: what leaves the machine, for people who have not installed
//! anything. Private notes never leave; on request, names stay behind too.
//! Every format starts from the same prepared sessions; Markdown and HTML
//! from the same [`doc::Doc`].

mod actions;
mod csv;
pub mod doc;
mod html;
mod ics;
mod json;
mod markdown;
mod network;
mod prepare;
mod script;
mod sink;
mod summary;

use std::collections::HashMap;
use std::io::{self, Write};

use jiff::civil::Date;
use jiff::tz::TimeZone;
use uuid::Uuid;

pub use actions::{ActionLine, action_lines};
pub use doc::Report;
pub use ics::Written;
pub use network::{known_networks, network_names, network_report};
pub use prepare::{PrivateElsewhere, anonymized, prepare, without_private};
pub use script::script_to;
pub use summary::{CompletedDoc, ReportSummary, SummaryRow, chart_svg, summary};

use crate::i18n::Lang;
use crate::methods::{Method, MethodLibrary};
use crate::model::Session;

/// The formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown, readable on a code forge and in an editor.
    Markdown,
    /// One self-contained HTML page that prints on A4.
    Html,
    /// Comma-separated values, safe to open in a spreadsheet.
    Csv,
    /// The session files themselves.
    Json,
    /// The actions' due dates as an iCalendar file.
    Ics,
}

impl Format {
    /// The usual file ending.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Ics => "ics",
        }
    }
}

/// How to export.
#[derive(Debug, Clone)]
pub struct Options {
    /// Leave out pseudonyms, writers, voters, owners and facilitators.
    pub anonymize: bool,
    /// The language of labels.
    pub lang: Lang,
    /// The time zone for times of day.
    pub tz: TimeZone,
    /// Today, to tell overdue actions.
    pub today: Date,
    /// Titles of other sessions, to name linked sessions.
    pub titles: HashMap<Uuid, String>,
    /// The private notes of the other sessions the export could read: a
    /// note carried from one of them stays behind.
    pub private_elsewhere: PrivateElsewhere,
    /// The day's plan against what happened, for each session that holds
    /// one ([`plan_docs`]).
    pub plans: HashMap<Uuid, doc::PlanDoc>,
}

/// A file name made of `words`: lower case, hyphens between words, at most
/// `most` characters cut between words, and "sempre" when nothing is left.
pub fn file_stem(words: &str, most: usize) -> String {
    let mut name = slug::slugify(words);
    if name.len() > most {
        let cut = name[..most].rfind('-').unwrap_or(most);
        name.truncate(cut);
    }
    if name.is_empty() {
        name = "sempre".into();
    }
    name
}

/// The planned-versus-actual tables of those of `sessions` that hold a
/// day's plan, measured with the phase logs of `others` (the day's other
/// sessions, among the sessions they link to) at `now`.
pub fn plan_docs<'a>(
    sessions: impl IntoIterator<Item = &'a Session>,
    others: impl IntoIterator<Item = &'a Session>,
    methods: &MethodLibrary,
    lang: Lang,
    tz: &TimeZone,
    now: jiff::Timestamp,
) -> HashMap<Uuid, doc::PlanDoc> {
    let holders: Vec<&Session> = sessions.into_iter().filter(|s| s.plan.is_some()).collect();
    if holders.is_empty() {
        return HashMap::new();
    }
    // Only the sessions the plans name are kept: a report over a whole
    // store copies no session it does not need.
    let named: std::collections::HashSet<Uuid> = holders
        .iter()
        .flat_map(|s| s.plan.iter().flat_map(|p| p.items.iter()))
        .filter_map(|i| i.session)
        .collect();
    let day = crate::day::Day {
        host: None,
        others: others
            .into_iter()
            .filter(|s| named.contains(&s.id))
            .map(|s| (s.id, s.clone()))
            .collect(),
    };
    holders
        .into_iter()
        .filter_map(|s| {
            let v = crate::day::view(&day, s, methods, lang, tz, now)?;
            Some((s.id, doc::PlanDoc::of(&v, lang)))
        })
        .collect()
}

/// A session to export, with its method if the method is known.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The session as stored.
    pub session: &'a Session,
    /// Its method.
    pub method: Option<&'a Method>,
}

impl<'a> Source<'a> {
    /// Each of `sessions` with its method from `methods`.
    pub fn all(sessions: &'a [Session], methods: &'a MethodLibrary) -> Vec<Source<'a>> {
        sessions
            .iter()
            .map(|s| Source {
                session: s,
                method: methods.get(&s.method.id),
            })
            .collect()
    }
}

/// The titles of `sessions`, for [`Options::titles`]: what an export
/// calls a session it links to. Anonymized, a title loses the names its
/// own session knows, as that session's export would.
pub fn link_titles<'a>(
    sessions: impl IntoIterator<Item = &'a Session>,
    anonymize: bool,
    lang: Lang,
) -> HashMap<Uuid, String> {
    sessions
        .into_iter()
        .map(|s| {
            let title = if anonymize {
                prepare::anonymized_title(s, lang)
            } else {
                s.context.title.clone()
            };
            (s.id, title)
        })
        .collect()
}

/// Exports `sources` in `format`: one session, several one after the
/// other, or, with `report`, a network's report (a summary first and
/// every open action last).
pub fn export(
    sources: &[Source],
    report: Option<Report>,
    format: Format,
    opts: &Options,
) -> String {
    let owned = sources
        .iter()
        .map(|s| (s.session.clone(), s.method))
        .collect();
    let mut out = Vec::new();
    // Writing into memory cannot fail, and every format writes UTF-8.
    let _ = export_to(owned, report, format, opts, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`export`], taking the sessions (each with its method) and writing
/// into `out` as it goes: a large session is held once, not copied, and
/// let go of as soon as what is written no longer needs it.
pub fn export_to(
    sessions: Vec<(Session, Option<&Method>)>,
    report: Option<Report>,
    format: Format,
    opts: &Options,
    out: &mut dyn Write,
) -> io::Result<()> {
    // When each action was marked done, read before preparing the sessions
    // drops the clocks that say so; a report's summary needs it.
    let done = if report.is_some() {
        summary::done_at(sessions.iter().map(|(s, _)| s))
    } else {
        Default::default()
    };
    let prepared: Vec<(Session, Option<&Method>)> = sessions
        .into_iter()
        .map(|(s, m)| {
            let public = prepare(s, opts.anonymize, opts.lang, &opts.private_elsewhere);
            (public, m)
        })
        .collect();
    let pairs =
        || -> Vec<(&Session, Option<&Method>)> { prepared.iter().map(|(s, m)| (s, *m)).collect() };
    match format {
        Format::Ics => {
            // A calendar holds the actions' due dates, whatever was chosen.
            let lines = action_lines(prepared, None, &plain(opts));
            let name = calendar_name(&lines, opts);
            ics::calendar(&lines, &name, opts, out).map(|_| ())
        }
        Format::Json => json::sessions(prepared.iter().map(|(s, _)| s), out),
        Format::Csv => csv::table(&pairs(), opts, out),
        Format::Markdown | Format::Html => {
            let doc = document(&pairs(), report, &done, opts);
            drop(prepared);
            match format {
                Format::Markdown => markdown::render_to(&doc, out),
                _ => html::render_to(&doc, out),
            }
        }
    }
}

/// The actions of `sessions` (only those in `keep`, when given) in
/// `format`: a table of actions for [`Format::Csv`], their due dates for
/// [`Format::Ics`]. Private actions, and those made from private notes,
/// never leave. Other formats are refused, as an error of kind
/// `InvalidInput`, before anything is written.
pub fn export_actions(
    sessions: Vec<(Session, Option<&Method>)>,
    keep: Option<&std::collections::HashSet<Uuid>>,
    format: Format,
    opts: &Options,
    out: &mut dyn Write,
) -> io::Result<Written> {
    if !matches!(format, Format::Csv | Format::Ics) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "actions are exported as CSV or iCalendar",
        ));
    }
    let lines = action_lines(sessions, keep, opts);
    match format {
        Format::Ics => {
            let name = calendar_name(&lines, opts);
            ics::calendar(&lines, &name, opts, out)
        }
        _ => {
            actions::csv_table(&lines, opts, out)?;
            Ok(Written {
                events: lines.len(),
                undated: 0,
            })
        }
    }
}

/// What a calendar of `lines` is called: "sempre", and the network when
/// they are all of one.
fn calendar_name(lines: &[ActionLine], opts: &Options) -> String {
    let networks = network::network_names(lines.iter().map(|l| l.network.as_deref()));
    let base = crate::strings::Ui::CalendarName.text(opts.lang);
    match networks.as_slice() {
        [one] if lines.iter().all(|l| l.network.is_some()) => format!("{base} – {one}"),
        _ => base.to_string(),
    }
}

/// `opts` for sessions that are prepared already: nothing more to hide.
fn plain(opts: &Options) -> Options {
    Options {
        anonymize: false,
        private_elsewhere: PrivateElsewhere::default(),
        ..opts.clone()
    }
}

fn document(
    pairs: &[(&Session, Option<&Method>)],
    report: Option<Report>,
    done: &summary::DoneAt,
    opts: &Options,
) -> doc::Doc {
    let builder = doc::Builder {
        lang: opts.lang,
        tz: &opts.tz,
        today: opts.today,
    };
    let titles = |id: Uuid| opts.titles.get(&id).cloned();
    let sessions: Vec<doc::SessionDoc> = pairs
        .iter()
        .map(|(s, m)| {
            let mut doc = builder.session(s, *m, &titles);
            doc.plan = opts.plans.get(&s.id).cloned();
            doc
        })
        .collect();
    let mut open_actions: Vec<doc::ActionDoc> = Vec::new();
    if report.is_some() {
        for (s, _) in pairs {
            open_actions.extend(
                s.actions
                    .iter()
                    .filter(|a| a.status.is_open())
                    .map(|a| builder.action(a, &s.context.title)),
            );
        }
        open_actions.sort_by_key(|a| (!a.overdue, a.due.is_none(), a.due));
    }
    let summary = report.as_ref().map(|r| {
        let all: Vec<&Session> = pairs.iter().map(|(s, _)| *s).collect();
        summary::summary(&all, done, r.since, r.until, opts.today, &opts.tz)
    });
    doc::Doc {
        lang: opts.lang,
        report,
        summary,
        sessions,
        open_actions,
        anonymized: opts.anonymize,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NewNote;
    use crate::model::testing::{context, method};
    use jiff::Timestamp;

    #[test]
    fn private_notes_and_their_traces_are_removed() {
        let m = method();
        let t = Timestamp::UNIX_EPOCH;
        let mut s = Session::new(&m, context("t"), t);
        let open = s.add_note(&m, NewNote::new("kritik", "synlig"), t).unwrap();
        let secret = s
            .add_note(
                &m,
                NewNote {
                    private: true,
                    ..NewNote::new("kritik", "hemmelig")
                },
                t,
            )
            .unwrap();
        s.cluster_notes(&[secret], "Kun privat", t).unwrap();
        s.set_dots(secret, 2, None, t).unwrap();
        let from_both = s.add_decision("Beslutning", &[open, secret], t).unwrap();
        s.add_action("Handling om det hemmelige", None, Some(from_both), t)
            .unwrap();
        // Made public on purpose, after the facilitator saw its words.
        s.set_item_private(crate::model::Item::Decision(from_both), false, t)
            .unwrap();
        let public = without_private(s.clone());
        let json = serde_json::to_string(&public).unwrap();
        assert!(!json.contains("hemmelig"));
        assert!(!json.contains("Kun privat"));
        assert!(!json.contains(&secret.to_string()));
        assert!(json.contains("synlig"));
        assert_eq!(public.decisions[0].notes, vec![open]);
        assert!(public.actions.is_empty(), "the action is still private");
        assert_eq!(s.notes.len(), 2, "the original is untouched");
    }

    #[test]
    fn anonymizing_removes_every_name_but_keeps_roles() {
        let m = method();
        let t = Timestamp::UNIX_EPOCH;
        let mut ctx = context("t");
        ctx.facilitators = vec!["Mette".into()];
        ctx.participants = vec![crate::model::Participant {
            id: crate::model::new_id(),
            pseudonym: "Amal".into(),
            created: t,
            updated: t,
            clock: Default::default(),
            revived: 0,
        }];
        let mut s = Session::new(&m, ctx, t);
        let n = s
            .add_note(
                &m,
                NewNote {
                    author: Some("Amal".into()),
                    role: Some(crate::model::Role::Citizen),
                    ..NewNote::new("kritik", "tekst")
                },
                t,
            )
            .unwrap();
        s.set_dots(n, 1, Some("Amal"), t).unwrap();
        let a = s.add_action("gør noget", Some(n), None, t).unwrap();
        s.update_action(a, Some("Mette"), None, crate::model::ActionStatus::Open, t)
            .unwrap();
        let anon = anonymized(s.clone(), Lang::Da);
        let json = serde_json::to_string(&anon).unwrap();
        assert!(!json.contains("Amal") && !json.contains("Mette"), "{json}");
        assert!(json.contains("Deltager 1"));
        assert_eq!(anon.notes[0].role, Some(crate::model::Role::Citizen));
        assert_eq!(anon.dots(n), 1, "the dots stay");
    }
}
