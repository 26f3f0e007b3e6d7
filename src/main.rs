//! The `sempre` binary: parse the command line, run, and turn any error
//! into one sentence on standard error and a non-zero exit code.

use std::process::ExitCode;

use clap::Parser;
use sempre::cli::{Cli, run};
use sempre::i18n::Lang;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang.unwrap_or_else(Lang::from_env);
    match run(cli) {
        Ok(code) => code,
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sempre: {}", e.message(lang));
            ExitCode::FAILURE
        }
    }
}
