//! `sempre export --actions`: every action of the store, or of one
//! network, as CSV for a spreadsheet or iCalendar for a calendar, without
//! private actions and those made from private notes.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use jiff::tz::TimeZone;

use super::args::ExportArgs;
use super::{CliError, Env};
use crate::export::{Format, Options, PrivateElsewhere, export_actions, known_networks};
use crate::model::Session;
use crate::store::{Filter, network_key, write_export_with};

/// Exports the actions `args` asks for to a file or standard output.
pub fn run(env: &Env, args: &ExportArgs, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    let format: Format = args.format.into();
    if !matches!(format, Format::Csv | Format::Ics) {
        return Err(CliError::ActionsFormat);
    }
    let listing = env.store.list()?;
    // A file that could not be read holds actions the export lacks.
    for problem in &listing.problems {
        super::warn(&problem.message(env.lang));
    }
    let all: Vec<Session> = listing.sessions.into_iter().map(|s| s.session).collect();
    let chosen = chosen(&all, args)?;
    let tz = TimeZone::system();
    let lang = env.lang;
    let options = Options {
        anonymize: args.anonymize,
        lang,
        today: jiff::Zoned::now().with_time_zone(tz.clone()).date(),
        tz,
        titles: Default::default(),
        // A note carried from a private one elsewhere in the store stays
        // behind, with what was made from it.
        private_elsewhere: PrivateElsewhere::of_all(&all),
        plans: Default::default(),
    };
    drop(all);
    // A session whose method file is gone is named as it keeps it.
    let methods: Vec<_> = chosen.iter().map(|s| env.methods.for_session(s)).collect();
    let sessions: Vec<_> = chosen
        .into_iter()
        .zip(&methods)
        .map(|(s, m)| (s, m.as_deref()))
        .collect();
    let written = match &args.out {
        Some(path) => {
            let mut written = Default::default();
            write_export_with(path, |w| {
                written = export_actions(sessions, None, format, &options, w)?;
                Ok(())
            })?;
            written
        }
        None => {
            let mut out = BufWriter::with_capacity(1 << 16, out);
            let written = export_actions(sessions, None, format, &options, &mut out)?;
            out.flush()?;
            written
        }
    };
    if format == Format::Ics && written.undated > 0 {
        super::warn(&undated(written.undated, lang));
    }
    Ok(ExitCode::SUCCESS)
}

/// The sessions of `all` that `args` picks: those of the network named
/// (its whole name, in any case, as a report takes it) and of the days
/// given.
fn chosen(all: &[Session], args: &ExportArgs) -> Result<Vec<Session>, CliError> {
    let filter = Filter {
        since: args.since,
        until: args.until,
        ..Filter::default()
    };
    let dated = |s: &&Session| filter.matches(s);
    match &args.network {
        Some(network) => {
            let known = known_networks(all.iter());
            let key = network_key(network);
            if !known.iter().any(|n| network_key(n) == key) {
                return Err(CliError::UnknownNetwork {
                    asked: network.trim().to_string(),
                    known,
                });
            }
            let chosen: Vec<Session> = all
                .iter()
                .filter(|s| {
                    s.context
                        .network
                        .as_deref()
                        .is_some_and(|n| network_key(n) == key)
                })
                .filter(dated)
                .cloned()
                .collect();
            if chosen.is_empty() {
                return Err(CliError::NoSessionsFor(network.trim().to_string()));
            }
            Ok(chosen)
        }
        None => {
            let chosen: Vec<Session> = all.iter().filter(dated).cloned().collect();
            if chosen.is_empty() && (args.since.is_some() || args.until.is_some()) {
                return Err(CliError::NoSessionsInDays);
            }
            Ok(chosen)
        }
    }
}

/// The line on standard error about actions a calendar has no day for.
fn undated(n: usize, lang: crate::i18n::Lang) -> String {
    match (lang, n) {
        (crate::i18n::Lang::En, 1) => {
            "1 action has no due date and is not in the calendar.".to_string()
        }
        (crate::i18n::Lang::En, n) => {
            format!("{n} actions have no due date and are not in the calendar.")
        }
        (crate::i18n::Lang::Da, 1) => {
            "1 handling har ingen frist og er ikke med i kalenderen.".to_string()
        }
        (crate::i18n::Lang::Da, n) => {
            format!("{n} handlinger har ingen frist og er ikke med i kalenderen.")
        }
    }
}
