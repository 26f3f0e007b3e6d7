//! `sempre merge` and `sempre merge-driver`: copies of one session made
//! into one, by hand or by git.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::args::{MergeArgs, MergeDriverArgs};
use super::{CliError, Env, warn};
use crate::i18n::Lang;
use crate::model::{MergeReport, Session, merge, merge_three};
use crate::store::{StoreError, encode_session, load_session, save_session, update_file};

/// One copy named on the command line.
struct Copy {
    /// How the lines of the report name it.
    label: String,
    path: PathBuf,
    session: Session,
}

/// Merges the copies named and writes the merge to `--into` or, without
/// it, to standard output; says what each copy after the first brought.
pub fn run(env: &Env, args: MergeArgs, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    let mut copies = read_copies(env, &args.sessions)?;
    let lang = env.lang;
    let Some(into) = args.into else {
        let (merged, lines) = fold(&copies, lang)?;
        for line in &lines {
            warn(line);
        }
        // The file's bytes exactly, so that `> c.json` makes a session
        // file: JSON already escapes every control character.
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(&encode_session(&merged))?;
        stdout.flush()?;
        return Ok(ExitCode::SUCCESS);
    };
    let lines = match copy_at(&copies, &into)? {
        Some(i) => {
            // Under the copy's lock, merged with the copy as it is now,
            // so a note added meanwhile is not lost.
            let path = copies[i].path.clone();
            let mut lines = Vec::new();
            update_file(&path, |now| {
                copies[i].session = now.clone();
                let (merged, told) = fold(&copies, lang)?;
                lines = told;
                *now = merged;
                Ok::<(), CliError>(())
            })??;
            lines
        }
        None => {
            let (merged, lines) = fold(&copies, lang)?;
            save_session(&into, &merged)?;
            lines
        }
    };
    for line in &lines {
        writeln!(out, "{line}")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads every copy before anything is merged, so that a damaged file or
/// a copy of another session stops the command before it writes.
fn read_copies(env: &Env, queries: &[String]) -> Result<Vec<Copy>, CliError> {
    let mut copies = Vec::with_capacity(queries.len());
    for query in queries {
        let path = env.store.resolve(query)?;
        let session = load_session(&path)?;
        copies.push(Copy {
            label: short_name(query, &path),
            path,
            session,
        });
    }
    // Two copies with the same file name in different folders are told
    // apart by what the user typed.
    let names: Vec<String> = copies.iter().map(|c| c.label.clone()).collect();
    for (copy, query) in copies.iter_mut().zip(queries) {
        if names.iter().filter(|n| **n == copy.label).count() > 1 {
            copy.label = query.clone();
        }
    }
    if let Some(other) = copies.iter().find(|c| c.session.id != copies[0].session.id) {
        return Err(CliError::DifferentSessions {
            first: copies[0].label.clone(),
            other: other.label.clone(),
        });
    }
    Ok(copies)
}

/// A file given by its path is named by its file name; a session given
/// by its id, by that id.
fn short_name(query: &str, path: &Path) -> String {
    if Path::new(query.trim()).is_file()
        && let Some(name) = path.file_name()
    {
        return name.to_string_lossy().into_owned();
    }
    query.trim().to_string()
}

/// Which copy `into` is, if it is one; a file that is there but is none
/// of them is refused.
fn copy_at(copies: &[Copy], into: &Path) -> Result<Option<usize>, CliError> {
    if std::fs::symlink_metadata(into).is_err() {
        return Ok(None);
    }
    let same = |a: &Path| match (a.canonicalize(), into.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    match copies.iter().position(|c| same(&c.path)) {
        Some(i) => Ok(Some(i)),
        None => Err(CliError::IntoOther(into.display().to_string())),
    }
}

/// Merges the copies in order (the first, then the second into it, …)
/// and gives one line per copy after the first.
fn fold(copies: &[Copy], lang: Lang) -> Result<(Session, Vec<String>), CliError> {
    let mut merged = copies[0].session.clone();
    let mut lines = Vec::new();
    for (i, copy) in copies.iter().enumerate().skip(1) {
        let step = merge(&merged, &copy.session).map_err(|_| CliError::DifferentSessions {
            first: copies[0].label.clone(),
            other: copy.label.clone(),
        })?;
        let before: Vec<&str> = copies[..i].iter().map(|c| c.label.as_str()).collect();
        lines.push(report_line(
            &step.report,
            lang,
            &before.join(" + "),
            &copy.label,
        ));
        merged = step.session;
    }
    Ok((merged, lines))
}

/// `From B.json: +12 notes, 1 conflict resolved: note 3f2a text (B.json
/// newer)`.
fn report_line(report: &MergeReport, lang: Lang, ours: &str, theirs: &str) -> String {
    let what = if report.is_empty() {
        match lang {
            Lang::En => "nothing new".to_string(),
            Lang::Da => "intet nyt".to_string(),
        }
    } else {
        report.summary(lang)
    };
    let from = match lang {
        Lang::En => "From",
        Lang::Da => "Fra",
    };
    let conflicts = report.conflict_lines(lang, ours, theirs);
    if conflicts.is_empty() {
        format!("{from} {theirs}: {what}")
    } else {
        format!("{from} {theirs}: {what}: {}", conflicts.join("; "))
    }
}

/// Runs as git's merge driver: merges `ours` and `theirs` (three-way
/// against `base`, or two-way when both sides added the file) into
/// `ours`. A file that is not a session leaves `ours` as it was and
/// exits with 1, so git marks an ordinary conflict.
pub fn driver(lang: Lang, args: &MergeDriverArgs) -> ExitCode {
    match drive(args) {
        Ok(report) => {
            if !report.is_empty() {
                warn(&format!("sempre: {}", report.summary(lang)));
            }
            if std::env::var_os("SEMPRE_MERGE_VERBOSE").is_some() {
                for line in report.conflict_lines(lang, "ours", "theirs") {
                    warn(&format!("sempre: {line}"));
                }
            }
            ExitCode::SUCCESS
        }
        Err(problem) => {
            let said = match lang {
                Lang::En => "sempre: left to git to mark as a conflict:",
                Lang::Da => "sempre: overladt til git som en konflikt:",
            };
            warn(&format!("{said} {}", problem.message(lang)));
            ExitCode::from(1)
        }
    }
}

/// Why git's versions could not be merged.
enum DriverProblem {
    Read(StoreError),
    Different,
}

impl DriverProblem {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (DriverProblem::Read(e), _) => e.message(lang),
            (DriverProblem::Different, Lang::En) => {
                "the two versions are different sessions.".into()
            }
            (DriverProblem::Different, Lang::Da) => {
                "de to versioner er forskellige sessioner.".into()
            }
        }
    }
}

fn drive(args: &MergeDriverArgs) -> Result<MergeReport, DriverProblem> {
    let ours = load_session(&args.ours).map_err(DriverProblem::Read)?;
    let theirs = load_session(&args.theirs).map_err(DriverProblem::Read)?;
    // A base that is another session (the file was replaced) tells
    // nothing about these two.
    let base = read_base(&args.base)?.filter(|b| b.id == ours.id);
    let merged = match &base {
        Some(base) => merge_three(base, &ours, &theirs, crate::device::id()),
        None => merge(&ours, &theirs),
    }
    .map_err(|_| DriverProblem::Different)?;
    save_session(&args.ours, &merged.session).map_err(DriverProblem::Read)?;
    Ok(merged.report)
}

/// The common ancestor, or `None` when git has none (both sides added
/// the file: an empty or missing file).
fn read_base(path: &Path) -> Result<Option<Session>, DriverProblem> {
    match std::fs::read(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Ok(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => Ok(None),
        _ => load_session(path).map(Some).map_err(DriverProblem::Read),
    }
}
