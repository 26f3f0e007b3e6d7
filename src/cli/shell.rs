//! `sempre completions SHELL` and `sempre man`: made from the command
//! line's own definitions, so they cannot drift from what sempre accepts.
//! Neither needs a store.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;

use super::CliError;
use super::args::{Cli, CompletionsArgs, ManArgs};

/// Prints the completion script for a shell.
pub fn completions(args: &CompletionsArgs, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "sempre", &mut script);
    out.write_all(&script)?;
    Ok(ExitCode::SUCCESS)
}

/// Prints the manual page, or writes one page per command into a folder
/// (and names each file written).
pub fn man(args: &ManArgs, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    // `help` gets no page of its own, so the main page does not name one.
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let Some(dir) = &args.out else {
        out.write_all(&main_page(cmd)?)?;
        return Ok(ExitCode::SUCCESS);
    };
    let failed = |source| CliError::ManPages {
        dir: dir.display().to_string(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(failed)?;
    let mut pages = Vec::new();
    write_pages(cmd, dir, &mut pages).map_err(failed)?;
    pages.sort();
    for page in pages {
        writeln!(out, "{}", page.display())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes the page of `cmd` and of each of its commands into `dir`, as
/// `clap_mangen::generate_to` does, keeping the names of the files. The
/// top page (`sempre.1`) gets the sections only the main page has.
fn write_pages(
    cmd: clap::Command,
    dir: &std::path::Path,
    written: &mut Vec<std::path::PathBuf>,
) -> std::io::Result<()> {
    write_pages_of(cmd, dir, written, true)
}

fn write_pages_of(
    cmd: clap::Command,
    dir: &std::path::Path,
    written: &mut Vec<std::path::PathBuf>,
    top: bool,
) -> std::io::Result<()> {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_pages_of(sub.clone(), dir, written, false)?;
    }
    let (path, page) = if top {
        (dir.join("sempre.1"), main_page(cmd)?)
    } else {
        let man = clap_mangen::Man::new(cmd);
        let mut page = Vec::new();
        man.render(&mut page)?;
        (dir.join(man.get_filename()), page)
    };
    write_page(&path, &page)?;
    written.push(path);
    Ok(())
}

/// Writes one page atomically: a file of that name is replaced whole, and
/// a link of that name is replaced rather than followed. A manual page is
/// for every user of the machine to read (the store's files are private).
fn write_page(path: &std::path::Path, page: &[u8]) -> std::io::Result<()> {
    crate::store::write_atomic(path, |w| w.write_all(page))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644))?;
    }
    Ok(())
}

/// What the main page says beyond the flags and commands: how a session
/// is named, and the variables and files sempre reads.
const MORE: &str = r#".SH SESSIONS
A command that takes a \fISESSION\fR takes its full id, the path of its
file, the start of its id (or of its file's name), or words of its title,
tried in that order: the first that finds anything decides, so an id
always wins. Every word must be in the title, in any case, with or without
accents; \[ae], \[/o] and \[oa] also match ae, oe and aa. When several
sessions match, nothing is done and each is listed on a line of its own
(id, date, method, title).
.SH ENVIRONMENT
.TP
\fBSEMPRE_STORE\fR
The store folder, when \fB\-\-store\fR is not given.
.TP
\fBSEMPRE_LANG\fR
The language, da or en, when \fB\-\-lang\fR is not given; without it,
Danish when \fBLANG\fR starts with da, else English.
.TP
\fBSEMPRE_DEVICE\fR
This laptop's name when copies of a session are merged, instead of the
random one kept in the preferences.
.SH FILES
.TP
\fI./sessions\fR
The store, when the current folder has one and neither \fB\-\-store\fR
nor \fBSEMPRE_STORE\fR names another.
.TP
\fI~/.local/share/sempre/sessions\fR
The store otherwise (on Linux); a \fImethods\fR folder beside it holds
extra method files.
.TP
\fI~/.config/sempre/prefs.json\fR
The language, theme and projector view last chosen in the interface.
"#;

/// The main page: clap's sections, then [`MORE`] before the version.
fn main_page(cmd: clap::Command) -> std::io::Result<Vec<u8>> {
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut page)?;
    let text = String::from_utf8_lossy(&page);
    let at = text.find(".SH VERSION").unwrap_or(text.len());
    Ok(format!("{}{MORE}{}", &text[..at], &text[at..]).into_bytes())
}
