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
        let mut page = Vec::new();
        clap_mangen::Man::new(cmd).render(&mut page)?;
        out.write_all(&page)?;
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
/// `clap_mangen::generate_to` does, keeping the names of the files.
fn write_pages(
    cmd: clap::Command,
    dir: &std::path::Path,
    written: &mut Vec<std::path::PathBuf>,
) -> std::io::Result<()> {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_pages(sub.clone(), dir, written)?;
    }
    written.push(clap_mangen::Man::new(cmd).generate_to(dir)?);
    Ok(())
}
