//! `sempre check`: are the session files sound?

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::args::CheckArgs;
use super::{CliError, Env};
use crate::i18n::Lang;
use crate::store::{Copies, MERGED_DIR, load_session};
use crate::strings::{Msg, Ui};
use uuid::Uuid;

/// Checks session files and prints one line per file with problems.
pub fn run(env: &Env, args: CheckArgs, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    let whole_store = args.files.is_empty();
    let named = args.files.len();
    let mut bad = leftovers(env, out)?;
    let files: Vec<PathBuf> = if whole_store {
        env.store.session_files()?
    } else {
        let mut files = Vec::with_capacity(args.files.len());
        for named in &args.files {
            match named_file(env, named) {
                Ok(path) => files.push(path),
                Err(problem) => {
                    bad += 1;
                    writeln!(out, "{problem}")?;
                }
            }
        }
        files
    };
    let mut ids = Vec::new();
    for path in &files {
        let (id, problem) = problems(env, path);
        ids.extend(id.map(|id| (id, path.clone())));
        if let Some(problem) = problem {
            bad += 1;
            writeln!(out, "{problem}")?;
        }
    }
    if whole_store {
        bad += copies(env, Copies::among(ids), args.fix, out)?;
    }
    eprintln!("{}", summary(env.lang, files.len().max(named), bad));
    Ok(if bad == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The file `named` means: the file itself when there is one (also one
/// that is not a session, so that checking it says why), else the session
/// it names by id or title in the store.
fn named_file(env: &Env, named: &Path) -> Result<PathBuf, String> {
    if std::fs::symlink_metadata(named).is_ok() {
        return Ok(named.to_path_buf());
    }
    env.store
        .resolve(&named.to_string_lossy())
        .map_err(|e| e.message(env.lang))
}

/// The id of the session in `path`, if it reads, and what is wrong with
/// it, if anything.
fn problems(env: &Env, path: &Path) -> (Option<Uuid>, Option<String>) {
    let lang = env.lang;
    let session = match load_session(path) {
        Ok(s) => s,
        Err(e) => return (None, Some(e.message(lang))),
    };
    let id = Some(session.id);
    let method = match env.methods.require(&session.method.id) {
        Ok(m) => m,
        // Without its method file, a session that keeps its method's
        // names is still read with them: say so, and check it no further.
        Err(e) => {
            let kept = session.method.labels.is_some();
            let said = match (kept, lang) {
                (false, _) => e.message(lang),
                (true, Lang::En) => format!(
                    "the method \"{}\" is not installed; the session is shown with the names of its zones and phases it keeps",
                    session.method.id
                ),
                (true, Lang::Da) => format!(
                    "metoden \"{}\" er ikke installeret; sessionen vises med de navne på felter og faser, den selv gemmer",
                    session.method.id
                ),
            };
            return (id, Some(format!("{}: {said}.", path.display())));
        }
    };
    let mut found: Vec<String> = session
        .inconsistencies(method)
        .iter()
        .map(|p| p.message(lang))
        .collect();
    if let Some(changed) = changed(&session, method, lang) {
        found.push(changed);
    }
    if found.is_empty() {
        return (id, None);
    }
    let list = found;
    (
        id,
        Some(format!("{}: {}.", path.display(), list.join("; "))),
    )
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

/// Reports the sessions that more than one file holds (conflict copies
/// from a synced folder) or, with `fix`, merges them; returns how many
/// sessions still have copies waiting.
fn copies(
    env: &Env,
    groups: Vec<Copies>,
    fix: bool,
    out: &mut dyn Write,
) -> Result<usize, CliError> {
    let lang = env.lang;
    let line = |ui: Ui, kept: &Path, copies: &[PathBuf]| {
        let title = load_session(kept)
            .map(|s| s.context.title)
            .unwrap_or_default();
        let names: Vec<String> = copies.iter().map(|p| p.display().to_string()).collect();
        ui.text(lang)
            .replace("{count}", &copy_count(lang, copies.len()))
            .replace("{title}", &title)
            .replace("{file}", &kept.display().to_string())
            .replace("{copies}", &names.join(", "))
    };
    if !fix {
        for group in &groups {
            writeln!(
                out,
                "{}",
                line(Ui::CopiesWaiting, group.kept(), group.copies())
            )?;
        }
        return Ok(groups.len());
    }
    let mut waiting = 0;
    for merge in env.store.merge_copies(&groups) {
        if !merge.moved.is_empty() {
            let from: Vec<PathBuf> = merge.moved.iter().map(|(from, _)| from.clone()).collect();
            let changes = match merge.report.summary(lang) {
                s if s.is_empty() => Msg::NothingNew.text(lang).to_string(),
                s => s,
            };
            let folder = env.store.dir().join(MERGED_DIR);
            let text = line(Ui::CopiesMerged, &merge.kept, &from)
                .replace("{changes}", &changes)
                .replace("{folder}", &folder.display().to_string());
            writeln!(out, "{text}")?;
        }
        for problem in &merge.problems {
            writeln!(out, "{}", problem.message(lang))?;
        }
        if !merge.waiting.is_empty() {
            waiting += 1;
            writeln!(out, "{}", line(Ui::CopiesLeft, &merge.kept, &merge.waiting))?;
        }
    }
    Ok(waiting)
}

fn copy_count(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::En, 1) => "1 copy".into(),
        (Lang::En, n) => format!("{n} copies"),
        (Lang::Da, 1) => "1 kopi".into(),
        (Lang::Da, n) => format!("{n} kopier"),
    }
}

fn summary(lang: Lang, total: usize, bad: usize) -> String {
    match lang {
        Lang::En => format!("{total} session files checked, {bad} with problems."),
        Lang::Da => format!("{total} sessionsfiler tjekket, {bad} med problemer."),
    }
}

/// That the method changed since the session last saw it: a newer
/// version, or zones and phases it no longer has (their notes are shown
/// apart, in *No zone*).
fn changed(
    session: &crate::model::Session,
    method: &crate::methods::Method,
    lang: Lang,
) -> Option<String> {
    let kept = session.method.labels.as_ref()?;
    let gone: Vec<&str> = kept
        .zones
        .iter()
        .chain(&kept.phases)
        .filter(|l| method.zone(&l.id).is_none() && method.phase(&l.id).is_none())
        .map(|l| l.id.as_str())
        .collect();
    let newer = method.version != session.method.version;
    if gone.is_empty() && !newer {
        return None;
    }
    // The version is named only when it moved: a method file edited
    // without raising it can still have lost a zone.
    let versions = if newer {
        format!(" (version {} → {})", session.method.version, method.version)
    } else {
        String::new()
    };
    Some(match (lang, gone.is_empty()) {
        (Lang::En, true) => format!(
            "the method \"{}\" has changed since the session was made{versions}",
            method.id
        ),
        (Lang::Da, true) => format!(
            "metoden \"{}\" er ændret, siden sessionen blev lavet{versions}",
            method.id
        ),
        (Lang::En, false) => format!(
            "the method \"{}\" has changed since the session was made{versions} and no longer has {}; notes there are shown under No zone",
            method.id,
            gone.join(", ")
        ),
        (Lang::Da, false) => format!(
            "metoden \"{}\" er ændret, siden sessionen blev lavet{versions}, og har ikke længere {}; sedler dér vises under Uden zone",
            method.id,
            gone.join(", ")
        ),
    })
}
