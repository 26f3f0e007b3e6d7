//! `sempre check`: are the session files sound?

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::args::CheckArgs;
use super::{CliError, Env};
use crate::i18n::Lang;
use crate::store::load_session;
use crate::strings::Ui;

/// Checks session files and prints one line per file with problems.
pub fn run(env: &Env, args: CheckArgs, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    let files: Vec<PathBuf> = if args.files.is_empty() {
        env.store.session_files()?
    } else {
        args.files
    };
    let mut bad = leftovers(env, out)?;
    for path in &files {
        if let Some(problem) = problems(env, path) {
            bad += 1;
            writeln!(out, "{problem}")?;
        }
    }
    eprintln!("{}", summary(env.lang, files.len(), bad));
    Ok(if bad == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn problems(env: &Env, path: &std::path::Path) -> Option<String> {
    let lang = env.lang;
    let session = match load_session(path) {
        Ok(s) => s,
        Err(e) => return Some(e.message(lang)),
    };
    let method = match env.methods.require(&session.method.id) {
        Ok(m) => m,
        Err(e) => return Some(format!("{}: {}", path.display(), e.message(lang))),
    };
    let found = session.inconsistencies(method);
    if found.is_empty() {
        return None;
    }
    let list: Vec<String> = found.iter().map(|p| p.message(lang)).collect();
    Some(format!("{}: {}.", path.display(), list.join("; ")))
}

/// Clears and reports the temporary copies killed saves left behind;
/// returns how many are still there although no save owns them.
fn leftovers(env: &Env, out: &mut dyn Write) -> Result<usize, CliError> {
    let sweep = env.store.sweep_leftovers();
    let lang = env.lang;
    let line = |ui: Ui, file: &std::path::Path| {
        ui.text(lang).replace("{file}", &file.display().to_string())
    };
    for file in &sweep.removed {
        writeln!(out, "{}", line(Ui::LeftoverRemoved, file))?;
    }
    for file in &sweep.in_use {
        writeln!(out, "{}", line(Ui::LeftoverInUse, file))?;
    }
    for (file, reason) in &sweep.failed {
        writeln!(
            out,
            "{}",
            line(Ui::LeftoverKept, file).replace("{reason}", reason)
        )?;
    }
    Ok(sweep.failed.len())
}

fn summary(lang: Lang, total: usize, bad: usize) -> String {
    match lang {
        Lang::En => format!("{total} session files checked, {bad} with problems."),
        Lang::Da => format!("{total} sessionsfiler tjekket, {bad} med problemer."),
    }
}
