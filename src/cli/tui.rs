//! Bare `sempre` and `sempre open`: the full-screen interface.

use std::io::IsTerminal;
use std::process::ExitCode;

use super::args::OpenArgs;
use super::{CliError, Env};
use crate::i18n::Lang;
use crate::room::RoomOptions;
use crate::store::Access;
use crate::tui::app::{App, Prefs};
use crate::tui::clock::Clock;
use crate::tui::prefs::{PrefsFile, Remembered, platform_file};
use crate::tui::theme::ThemeName;
use crate::tui::{Live, Start, run as run_tui};

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
    let live = open.as_ref().filter(|o| o.live).map(|o| Live {
        options: RoomOptions {
            bind: o.bind,
            port: o.port,
        },
        accept_all: o.accept_all,
    });
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
    // Made (and remembered) before the preferences are read, so that the
    // interface's own saves of them keep it.
    crate::device::id();
    let (file, remembered, problem) = match platform_file() {
        Some(path) => {
            let (file, remembered, problem) = PrefsFile::load(path);
            (Some(file), remembered, problem)
        }
        None => (None, Remembered::default(), None),
    };
    // What is asked for on this run beats what was remembered, which
    // beats the locale.
    let asked_lang = env.lang_flag.or_else(|| {
        std::env::var("SEMPRE_LANG")
            .ok()
            .and_then(|v| Lang::from_code(&v))
    });
    let lang = asked_lang.or(remembered.lang).unwrap_or(env.lang);
    let prefs = Prefs {
        lang,
        theme: theme.or(remembered.theme).unwrap_or_default(),
        projector: projector || remembered.projector.unwrap_or(false),
    };
    let mut app = App::new(
        env.methods.clone(),
        prefs,
        env.store_label.clone(),
        Clock::system(),
    );
    app.remembered = remembered;
    app.prefs_file = file;
    let warnings: Vec<String> = [env.store_warning(), problem.map(|p| p.message(lang))]
        .into_iter()
        .flatten()
        .collect();
    if !warnings.is_empty() {
        app.warn(warnings.join(" "));
    }
    let start = Start {
        store: env.store.clone(),
        open: session,
        live,
    };
    run_tui(app, start).map_err(|e| CliError::Terminal(e.to_string()))?;
    Ok(ExitCode::SUCCESS)
}
