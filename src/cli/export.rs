//! `sempre export`: sessions, or a network's report, as Markdown, HTML,
//! CSV or JSON, without private notes.

use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;

use jiff::tz::TimeZone;

use super::args::ExportArgs;
use super::{CliError, Env};
use crate::export::{Options, Report, Source, export, network_report};
use crate::model::Session;
use crate::store::{Access, Doing, StoreError, write_atomic};

/// Exports what `args` names to a file or standard output.
pub fn run(env: &Env, args: ExportArgs, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    let listing = env.store.list()?;
    let titles: HashMap<uuid::Uuid, String> = listing
        .sessions
        .iter()
        .map(|s| (s.session.id, s.session.context.title.clone()))
        .collect();
    let (sessions, report): (Vec<Session>, Option<Report>) = match &args.network {
        Some(network) => {
            let all = listing.sessions.into_iter().map(|s| s.session);
            network_report(all, network, args.since, args.until)
                .map(|(chosen, report)| (chosen, Some(report)))
                .ok_or_else(|| CliError::NoSessionsFor(network.clone()))?
        }
        None if args.sessions.is_empty() => return Err(CliError::NothingToExport),
        None => {
            let mut chosen = Vec::new();
            for query in &args.sessions {
                chosen.push(env.store.open(query, Access::ReadOnly)?.session);
            }
            (chosen, None)
        }
    };
    let sources: Vec<Source> = sessions
        .iter()
        .map(|s| Source {
            session: s,
            method: env.methods.get(&s.method.id),
        })
        .collect();
    let tz = TimeZone::system();
    let lang = env.lang_flag.unwrap_or(sessions[0].context.language);
    let options = Options {
        anonymize: args.anonymize,
        lang,
        today: jiff::Zoned::now().with_time_zone(tz.clone()).date(),
        tz,
        titles,
    };
    let text = export(&sources, report, args.format.into(), &options);
    match &args.out {
        Some(path) => write_atomic(path, |w| w.write_all(text.as_bytes())).map_err(|source| {
            StoreError::Io {
                doing: Doing::Exporting,
                path: path.display().to_string(),
                source,
            }
        })?,
        None => out.write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}
