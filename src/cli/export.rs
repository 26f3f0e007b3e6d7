//! `sempre export`: sessions, or a network's report, as Markdown, HTML,
//! CSV or JSON, without private notes.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use jiff::tz::TimeZone;

use super::args::ExportArgs;
use super::{CliError, Env};
use crate::export::{
    Options, PrivateElsewhere, Report, export_to, known_networks, link_titles, network_report,
};
use crate::model::Session;
use crate::store::{Access, network_key, write_export_with};

/// Exports what `args` names to a file or standard output.
pub fn run(env: &Env, args: ExportArgs, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    if let Some(path) = &args.out {
        env.store.check_export(path).map_err(CliError::IntoStore)?;
    }
    if args.actions {
        return super::export_actions::run(env, &args, out);
    }
    // A network's report reads the whole store; sessions named by id
    // read only themselves and the sessions they link to, for the links'
    // titles and for the notes carried from them that are private there.
    let (sessions, report, others): (Vec<Session>, Option<Report>, Vec<Session>) =
        match &args.network {
            Some(network) => {
                let listing = env.store.list()?;
                let all: Vec<Session> = listing.sessions.into_iter().map(|s| s.session).collect();
                let known = known_networks(all.iter());
                if !known.iter().any(|n| network_key(n) == network_key(network)) {
                    return Err(CliError::UnknownNetwork {
                        asked: network.trim().to_string(),
                        known,
                    });
                }
                let (chosen, report) =
                    network_report(all.iter().cloned(), network, args.since, args.until)
                        .ok_or_else(|| CliError::NoSessionsFor(network.clone()))?;
                (chosen, Some(report), all)
            }
            None if args.sessions.is_empty() => return Err(CliError::NothingToExport),
            None => {
                let mut chosen = Vec::new();
                for query in &args.sessions {
                    chosen.push(env.store.open(query, Access::ReadOnly)?.session);
                }
                let linked = env.store.linked(&chosen);
                (chosen, None, linked)
            }
        };
    let tz = TimeZone::system();
    let lang = env.lang_flag.unwrap_or(sessions[0].context.language);
    let options = Options {
        anonymize: args.anonymize,
        lang,
        today: jiff::Zoned::now().with_time_zone(tz.clone()).date(),
        titles: link_titles(others.iter().chain(&sessions), args.anonymize, lang),
        private_elsewhere: PrivateElsewhere::of_all(others.iter().chain(&sessions)),
        // Only a document (Markdown, HTML) shows planned against actual.
        plans: match crate::export::Format::from(args.format) {
            crate::export::Format::Markdown | crate::export::Format::Html => {
                crate::export::plan_docs(
                    &sessions,
                    others.iter().chain(&sessions),
                    &env.methods,
                    lang,
                    &tz,
                    crate::model::now(),
                )
            }
            _ => Default::default(),
        },
        tz,
    };
    // What is exported is written as it is made, from the sessions
    // themselves: a large session is held once, never whole as text.
    drop(others);
    // A session whose method file is gone is read with the names it keeps.
    let methods: Vec<_> = sessions
        .iter()
        .map(|s| env.methods.for_session(s))
        .collect();
    let sessions: Vec<_> = sessions
        .into_iter()
        .zip(&methods)
        .map(|(s, m)| (s, m.as_deref()))
        .collect();
    let format = args.format.into();
    match &args.out {
        Some(path) => {
            write_export_with(path, |w| export_to(sessions, report, format, &options, w))?
        }
        None => {
            let mut out = BufWriter::with_capacity(1 << 16, out);
            export_to(sessions, report, format, &options, &mut out)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
