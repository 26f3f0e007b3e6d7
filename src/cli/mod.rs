//! The `sempre` command line: argument definitions and dispatch. Each
//! subcommand lives in its own file and prints through [`Env`].

mod args;
mod check;
mod error;
mod export;
mod export_actions;
mod git;
mod json;
mod list;
mod merge;
mod methods;
mod plan;
mod session;
mod shell;
mod show;
mod table;
mod tui;
mod visible;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

pub use args::{Cli, Command};
pub use error::CliError;
pub use json::ListedSession;
/// What `sempre show` prints of a session (public for the benches).
pub use show::render as show_text;
pub use visible::{Visible, warn};

use crate::i18n::Lang;
use crate::methods::{MethodError, MethodLibrary};
use crate::store::{Store, choose_store, methods_beside, open_to_everyone, platform_store};

/// What every subcommand works with: the language, the store and the
/// methods.
pub struct Env {
    /// The language to speak.
    pub lang: Lang,
    /// The language `--lang` asked for, if it did: exports otherwise
    /// speak their session's language.
    pub lang_flag: Option<Lang>,
    /// The store of session files.
    pub store: Store,
    /// The methods known.
    pub methods: MethodLibrary,
    /// The folder of the user's method files.
    pub methods_dir: PathBuf,
    /// The store folder as the user would write it.
    pub store_label: String,
}

impl Env {
    /// Builds the environment from the global flags and variables.
    pub fn from_cli(cli: &Cli) -> Result<Env, CliError> {
        let lang = cli.lang.unwrap_or_else(Lang::from_env);
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let env_store = std::env::var("SEMPRE_STORE").ok();
        let (dir, _) = choose_store(
            cli.store.as_deref(),
            env_store.as_deref(),
            &cwd,
            platform_store(),
        );
        let methods_dir = match &cli.methods {
            Some(folder) if !folder.is_dir() => {
                return Err(MethodError::MissingFolder(folder.display().to_string()).into());
            }
            Some(folder) => folder.clone(),
            None => methods_beside(&dir),
        };
        let methods = MethodLibrary::with_folder(&methods_dir);
        Ok(Env {
            lang,
            lang_flag: cli.lang,
            store_label: dir.display().to_string(),
            store: Store::new(dir),
            methods,
            methods_dir,
        })
    }

    /// The warning for a store folder every user may write in, if it is
    /// one.
    pub fn store_warning(&self) -> Option<String> {
        open_to_everyone(self.store.dir())
            .then(|| crate::strings::store_open_to_everyone(self.lang, &self.store_label))
    }

    /// Warns on standard error about method files that were skipped.
    /// A file with several mistakes is warned about once, with its first
    /// mistake and the command that lists them all.
    pub fn warn_method_problems(&self) {
        let problems = self.methods.problems();
        let mut warned: Vec<Option<&str>> = Vec::new();
        for problem in problems {
            let file = problem.file();
            if file.is_some() && warned.contains(&file) {
                continue;
            }
            warned.push(file);
            let n = problems
                .iter()
                .filter(|p| file.is_some() && p.file() == file)
                .count();
            let mut text = problem.message(self.lang);
            if let (Some(file), true) = (file, n > 1) {
                text.push(' ');
                text.push_str(&crate::strings::more_mistakes(self.lang, n, file));
            }
            warn(&text);
        }
    }
}

/// Runs a parsed command line and returns the exit code. Output goes to
/// standard output; errors are returned for the caller to print.
pub fn run(cli: Cli) -> Result<ExitCode, CliError> {
    // git runs the merge driver: it needs no store, and says nothing
    // about one.
    if let Some(Command::MergeDriver(args)) = &cli.command {
        return Ok(merge::driver(cli.lang.unwrap_or_else(Lang::from_env), args));
    }
    // Made from the command line's own definitions: no store, and nothing
    // anyone else wrote to guard the terminal from.
    if let Some(Command::Completions(_) | Command::Man(_)) = &cli.command {
        let mut out = std::io::stdout().lock();
        let code = match &cli.command {
            Some(Command::Completions(args)) => shell::completions(args, &mut out)?,
            Some(Command::Man(args)) => shell::man(args, &mut out)?,
            _ => ExitCode::SUCCESS,
        };
        out.flush().map_err(CliError::Output)?;
        return Ok(code);
    }
    let env = Env::from_cli(&cli)?;
    // Copies left by killed saves hold private notes too; `check` reports
    // what it clears, the interface and every command that reads the whole
    // store clear them quietly. A command on one session does not list
    // the folder, so its cost does not grow with the store.
    let whole_store = match &cli.command {
        None | Some(Command::Open(_) | Command::List(_) | Command::New(_)) => true,
        Some(Command::Export(args)) => args.network.is_some() || args.actions,
        _ => false,
    };
    if whole_store {
        env.store.sweep_leftovers();
    }
    if cli.command.is_none() {
        return tui::run(&env, cli.theme, None);
    }
    if let Some(Command::Open(args)) = cli.command {
        return tui::run(&env, cli.theme, Some(args));
    }
    if let Some(warning) = env.store_warning() {
        warn(&warning);
    }
    let mut out = Visible::new(std::io::stdout().lock());
    let code = match cli.command {
        None | Some(Command::Open(_)) => ExitCode::SUCCESS,
        Some(Command::New(args)) => session::new(&env, args, &mut out)?,
        Some(Command::Add(args)) => session::add(&env, args, &mut out)?,
        Some(Command::List(args)) => list::run(&env, args, &mut out)?,
        Some(Command::Show(args)) => show::run(&env, args, &mut out)?,
        Some(Command::Export(args)) => export::run(&env, args, &mut out)?,
        Some(Command::Methods(args)) => methods::run(&env, args, &mut out)?,
        Some(Command::Check(args)) => check::run(&env, args, &mut out)?,
        Some(Command::Merge(args)) => merge::run(&env, args, &mut out)?,
        Some(Command::MergeDriver(args)) => merge::driver(env.lang, &args),
        Some(Command::Store(args)) => git::run(&env, args, &mut out)?,
        Some(Command::Plan(args)) => plan::run(&env, args, &mut out)?,
        Some(Command::Completions(_) | Command::Man(_)) => ExitCode::SUCCESS,
    };
    out.flush().map_err(CliError::Output)?;
    Ok(code)
}
