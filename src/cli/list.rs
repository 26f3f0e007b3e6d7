//! `sempre list`: sessions newest first, as a table or as JSON.

use std::io::Write;
use std::process::ExitCode;

use super::args::ListArgs;
use super::table::{fit, render};
use super::{CliError, Env, ListedSession};
use crate::i18n::Lang;
use crate::store::{Filter, Summary, newest_first};
use crate::strings::Msg;

/// Lists the sessions that match the filters. Files that cannot be read
/// are named on standard error; the rest are still listed.
pub fn run(env: &Env, args: ListArgs, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    let filter = Filter {
        method: args.method.map(|m| m.trim().to_string()),
        network: args.network,
        group: args.group,
        tag: args.tag,
        since: args.since,
        until: args.until,
        text: args.text,
    };
    // The store's index answers the free text and has every summary;
    // the other filters look at the summaries.
    let overview = env.store.overview(filter.text.as_deref())?;
    for problem in &overview.problems {
        super::warn(&problem.message(env.lang));
    }
    let mut summaries: Vec<Summary> = overview
        .sessions
        .into_iter()
        .filter(|s| filter.matches_summary(s))
        .collect();
    newest_first(&mut summaries);
    if args.json {
        let listed: Vec<ListedSession> = summaries.into_iter().map(Into::into).collect();
        let mut json = serde_json::to_string_pretty(&listed).unwrap_or_default();
        json.push('\n');
        out.write_all(json.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    if summaries.is_empty() {
        writeln!(out, "{}", Msg::NoSessions.text(env.lang))?;
        return Ok(ExitCode::SUCCESS);
    }
    let lang = env.lang;
    let rows: Vec<Vec<String>> = summaries
        .iter()
        .map(|s| {
            let [da, en] = env.methods.names(&s.method, s.method_name.as_ref());
            let method = match lang {
                Lang::Da => da,
                Lang::En => en,
            };
            vec![
                s.id.to_string()[..8].to_string(),
                s.date.to_string(),
                fit(&method, 24),
                fit(&s.title, 40),
                fit(s.network.as_deref().unwrap_or("–"), 24),
                s.notes.to_string(),
            ]
        })
        .collect();
    let header = [
        Msg::Id.text(lang),
        Msg::Date.text(lang),
        Msg::Method.text(lang),
        Msg::Title.text(lang),
        Msg::Network.text(lang),
        Msg::Notes.text(lang),
    ];
    out.write_all(render(&header, &rows).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
