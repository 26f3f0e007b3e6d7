//! The `sempre` binary: parse the command line, run, and turn any error
//! into one sentence on standard error and a non-zero exit code.

use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;
use sempre::cli::{Cli, run};
use sempre::i18n::Lang;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    let lang = cli.lang.unwrap_or_else(Lang::from_env);
    match run(cli) {
        Ok(code) => code,
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            sempre::cli::warn(&format!("sempre: {}", e.message(lang)));
            ExitCode::FAILURE
        }
    }
}

/// Help and version go to standard output as clap writes them; a mistake
/// in the arguments becomes one sentence, exit code 2.
fn usage_error(e: &clap::Error) -> ExitCode {
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    sempre::cli::warn(&format!("sempre: {}", one_sentence(&e.to_string())));
    ExitCode::from(2)
}

/// clap's first paragraph, on one line, as a sentence that points to the
/// help.
fn one_sentence(rendered: &str) -> String {
    let first: Vec<&str> = rendered
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect();
    let text = first.join(" ");
    let text = text.strip_prefix("error: ").unwrap_or(&text);
    let text = text.trim_end_matches([':', '.']);
    format!(
        "{}; see `sempre --help`.",
        sempre::model::text::capitalise(text)
    )
}
