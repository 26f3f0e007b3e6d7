//! `sempre new`, `sempre add` and `sempre export`: the commands that write.

use std::io::Write;
use std::process::ExitCode;

use super::args::{AddArgs, NewArgs};
use super::{CliError, Env};
use crate::model::text::{clean_line, optional_line};
use crate::model::{Context, NewNote, Participant, Session, new_id, now};
use crate::store::{SaveOutcome, StoreError};

/// Creates a session and prints its id.
pub fn new(env: &Env, args: NewArgs, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    let method = env.methods.require(args.method.trim())?;
    let title = clean_line(&args.title);
    if title.is_empty() {
        return Err(CliError::Empty("--title"));
    }
    let clean_all = |values: &[String]| -> Vec<String> {
        let mut cleaned: Vec<String> = Vec::new();
        for v in values
            .iter()
            .map(|v| clean_line(v))
            .filter(|v| !v.is_empty())
        {
            if !cleaned.contains(&v) {
                cleaned.push(v);
            }
        }
        cleaned
    };
    let stamp = now();
    let context = Context {
        title,
        language: env.lang,
        network: optional_line(args.network.as_deref()),
        target_group: optional_line(args.group.as_deref()),
        place: optional_line(args.place.as_deref()),
        date: Some(args.date.unwrap_or_else(|| jiff::Zoned::now().date())),
        facilitators: clean_all(&args.facilitators),
        participant_count: args.participants,
        participants: clean_all(&args.pseudonyms)
            .into_iter()
            .map(|pseudonym| Participant {
                id: new_id(),
                pseudonym,
                created: stamp,
                updated: stamp,
                clock: Default::default(),
                revived: 0,
            })
            .collect(),
        tags: clean_all(&args.tags),
    };
    let session = Session::new(method, context, stamp);
    env.store.create(&session)?;
    writeln!(out, "{}", session.id)?;
    Ok(ExitCode::SUCCESS)
}

/// Adds a note and prints its id.
pub fn add(env: &Env, args: AddArgs, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    let mut open = env.store.open_for_command(&args.session)?;
    let method = env.methods.require(&open.session.method.id)?;
    let board = match &args.board {
        Some(b) => Some(open.session.find_board(b)?.id),
        None => None,
    };
    let note = NewNote {
        zone: args.zone.trim().to_string(),
        text: args.text,
        board,
        colour: args.colour.map(Into::into),
        author: args.author,
        role: args.role.map(Into::into),
        private: args.private,
    };
    let id = open.session.add_note(method, note, now())?;
    match open.save_merging()? {
        SaveOutcome::Saved | SaveOutcome::Merged(_, None) => {}
        // The note is in the file: saying otherwise would make a retry
        // add it twice.
        SaveOutcome::SavedUnflushed(warning) => super::warn(&warning.message(env.lang)),
        SaveOutcome::Merged(_, Some(warning)) => super::warn(&warning.message(env.lang)),
        SaveOutcome::ChangedOnDisk(_) => {
            return Err(StoreError::ChangedElsewhere {
                file: open.path().display().to_string(),
            }
            .into());
        }
    }
    writeln!(out, "{id}")?;
    Ok(ExitCode::SUCCESS)
}
