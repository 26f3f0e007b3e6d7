//! Bare `sempre` and `sempre open`: the full-screen interface.

use std::io::IsTerminal;
use std::process::ExitCode;

use super::args::OpenArgs;
use super::{CliError, Env};
use crate::store::Access;
use crate::tui::app::{App, Prefs};
use crate::tui::clock::Clock;
use crate::tui::theme::ThemeName;
use crate::tui::{Start, run as run_tui};

/// Opens the interface on the home screen, or on one session's board.
/// The session is opened before the terminal is taken over, so a wrong id
/// or a damaged file is reported like any other command-line error.
pub fn run(
    env: &Env,
    theme: Option<ThemeName>,
    open: Option<OpenArgs>,
) -> Result<ExitCode, CliError> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(CliError::NotATerminal);
    }
    let projector = open.as_ref().is_some_and(|o| o.projector);
    let session = match open {
        Some(args) => {
            let access = if args.read_only {
                Access::ReadOnly
            } else {
                Access::Edit
            };
            Some(env.store.open(&args.session, access)?)
        }
        None => None,
    };
    env.warn_method_problems();
    let prefs = Prefs {
        lang: env.lang,
        theme: theme.unwrap_or_default(),
        projector,
    };
    let mut app = App::new(
        env.methods.clone(),
        prefs,
        env.store_label.clone(),
        Clock::system(),
    );
    if let Some(warning) = env.store_warning() {
        app.warn(warning);
    }
    let start = Start {
        store: env.store.clone(),
        open: session,
    };
    run_tui(app, start).map_err(|e| CliError::Terminal(e.to_string()))?;
    Ok(ExitCode::SUCCESS)
}
