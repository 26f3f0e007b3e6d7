//! The actions of many sessions, for the coordinator who follows up in a
//! spreadsheet or a calendar: one line per action with what a reader
//! needs to know about its session. Each session is prepared as every
//! export prepares it first, so a private action, or one made from a
//! private note, is never among them.

use std::collections::HashSet;
use std::io::{self, Write};

use jiff::Timestamp;
use jiff::civil::Date;
use uuid::Uuid;

use super::Options;
use super::csv::cell;
use super::prepare::prepare;
use crate::methods::Method;
use crate::model::{ActionStatus, Session};
use crate::store::day_of;
use crate::strings::{Ui, status_name};

/// One action, with its session's title, day, method and network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionLine {
    /// The action's id, which stays the same however often it is
    /// exported.
    pub id: Uuid,
    /// What is to be done.
    pub text: String,
    /// Who took it on; never set when the export is anonymized.
    pub owner: Option<String>,
    /// When it should be done.
    pub due: Option<Date>,
    /// How far it has come.
    pub status: ActionStatus,
    /// When it last changed.
    pub updated: Timestamp,
    /// Its session's title.
    pub session: String,
    /// The day of its session.
    pub date: Date,
    /// Its session's method, by name.
    pub method: String,
    /// Its session's network.
    pub network: Option<String>,
    /// Days past the due date of an open action, counted to
    /// [`Options::today`].
    pub overdue: Option<i64>,
}

/// The public actions of `sessions` (only those in `keep`, when given),
/// open ones by due date (overdue first), open ones without a date, then
/// finished ones, as the follow-up screen lists them.
pub fn action_lines(
    sessions: Vec<(Session, Option<&Method>)>,
    keep: Option<&HashSet<Uuid>>,
    opts: &Options,
) -> Vec<ActionLine> {
    let mut lines = Vec::new();
    for (session, method) in sessions {
        let s = prepare(session, opts.anonymize, opts.lang, &opts.private_elsewhere);
        let date = day_of(&s);
        let method = method.map_or(s.method.id.clone(), |m| m.name.get(opts.lang).to_string());
        for a in &s.actions {
            if keep.is_some_and(|k| !k.contains(&a.id)) {
                continue;
            }
            let overdue = a
                .due
                .filter(|_| a.is_overdue(opts.today))
                .map(|due| i64::from((opts.today - due).get_days()));
            lines.push((
                a.created,
                ActionLine {
                    id: a.id,
                    text: a.text.clone(),
                    owner: a.owner.clone(),
                    due: a.due,
                    status: a.status,
                    updated: a.updated,
                    session: s.context.title.clone(),
                    date,
                    method: method.clone(),
                    network: s.context.network.clone(),
                    overdue,
                },
            ));
        }
    }
    lines.sort_by(|(ca, a), (cb, b)| {
        let key = |x: &ActionLine| (!x.status.is_open(), x.due.is_none(), x.due);
        key(a)
            .cmp(&key(b))
            .then(b.date.cmp(&a.date))
            .then(ca.cmp(cb))
    });
    lines.into_iter().map(|(_, l)| l).collect()
}

/// `lines` as CSV, one row each, every cell made safe from formulas as
/// the sessions' CSV is.
pub fn csv_table(lines: &[ActionLine], opts: &Options, out: &mut dyn Write) -> io::Result<()> {
    let lang = opts.lang;
    let mut out = csv::WriterBuilder::new().from_writer(out);
    let header = [
        Ui::CsvSession,
        Ui::CsvSessionDate,
        Ui::CsvMethod,
        Ui::CsvNetwork,
        Ui::CsvAction,
        Ui::CsvOwner,
        Ui::CsvDue,
        Ui::CsvStatus,
        Ui::CsvDaysOverdue,
    ];
    out.write_record(header.iter().map(|u| cell(u.text(lang))))?;
    for l in lines {
        let row = [
            l.session.clone(),
            l.date.to_string(),
            l.method.clone(),
            l.network.clone().unwrap_or_default(),
            l.text.clone(),
            l.owner.clone().unwrap_or_default(),
            l.due.map(|d| d.to_string()).unwrap_or_default(),
            status_name(l.status, lang).to_string(),
            l.overdue.map(|d| d.to_string()).unwrap_or_default(),
        ];
        out.write_record(row.iter().map(|c| cell(c)))?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::model::testing::{context, method};
    use crate::model::{Item, NewNote};
    use jiff::civil::date;

    fn options(today: Date) -> Options {
        Options {
            anonymize: false,
            lang: Lang::En,
            tz: jiff::tz::TimeZone::UTC,
            today,
            titles: Default::default(),
            private_elsewhere: Default::default(),
            plans: Default::default(),
        }
    }

    #[test]
    fn private_actions_stay_behind_and_open_late_ones_count_their_days() {
        let m = method();
        let t = Timestamp::UNIX_EPOCH;
        let mut s = Session::new(&m, context("Møde"), t);
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
        s.add_action("Fra den hemmelige", Some(secret), None, t)
            .unwrap();
        let late = s.add_action("Sen", None, None, t).unwrap();
        s.update_action(late, None, Some(date(2026, 11, 1)), ActionStatus::Open, t)
            .unwrap();
        let done = s.add_action("Færdig", None, None, t).unwrap();
        s.update_action(done, None, Some(date(2026, 10, 1)), ActionStatus::Done, t)
            .unwrap();
        let chosen = s.add_action("Valgt privat", None, None, t).unwrap();
        s.set_item_private(Item::Action(chosen), true, t).unwrap();
        let lines = action_lines(vec![(s, None)], None, &options(date(2026, 11, 11)));
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["Sen", "Færdig"]);
        assert_eq!(lines[0].overdue, Some(10));
        assert_eq!(lines[1].overdue, None, "a done action is never overdue");
    }
}
