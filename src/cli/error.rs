//! Errors of the command line: each is one sentence for standard error.

use crate::i18n::Lang;
use crate::methods::MethodError;
use crate::model::ModelError;
use crate::store::StoreError;

/// Why a command did not do what was asked.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum CliError {
    /// A session file problem.
    Store(#[from] StoreError),
    /// A method file problem.
    Method(#[from] MethodError),
    /// A change the model refused.
    Model(#[from] ModelError),
    /// A flag that needs a value got an empty one.
    Empty(&'static str),
    /// Writing to standard output failed.
    Output(std::io::Error),
    /// `sempre export` got neither sessions nor a network.
    NothingToExport,
    /// No session belongs to the network asked for.
    NoSessionsFor(String),
    /// `sempre export --actions --since/--until`: no session is from
    /// those days.
    NoSessionsInDays,
    /// `sempre export --actions` in a format that is not CSV or
    /// iCalendar.
    ActionsFormat,
    /// No network has the name asked for; the names the store knows.
    UnknownNetwork {
        /// The name asked for.
        asked: String,
        /// Every network's name.
        known: Vec<String>,
    },
    /// An export could replace or shadow a session.
    IntoStore(crate::store::ExportRefusal),
    /// The interface needs a terminal, and there is none.
    NotATerminal,
    /// The terminal failed while the interface ran.
    Terminal(String),
    /// `sempre merge` got copies of two different sessions.
    DifferentSessions {
        /// The first copy, as the user named it.
        first: String,
        /// A copy of another session.
        other: String,
    },
    /// `sempre merge --into` names a file that is there but is not one of
    /// the copies: it would be replaced.
    IntoOther(String),
    /// `sempre man --out DIR` could not write its pages.
    ManPages {
        /// The folder.
        dir: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// `sempre store init-git` needs git, and it is not installed.
    NoGit,
    /// A git command failed.
    Git {
        /// The command, as a person would type it.
        command: String,
        /// What git said.
        said: String,
    },
    /// A problem already put into one sentence in the user's language.
    Said(String),
}

impl CliError {
    /// The error in `lang`, as one sentence.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (CliError::Store(e), _) => e.message(lang),
            (CliError::Method(e), _) => e.message(lang),
            (CliError::Model(e), _) => e.message(lang),
            (CliError::Said(sentence), _) => sentence.clone(),
            (CliError::Empty(flag), Lang::En) => format!("The value of {flag} is empty."),
            (CliError::Empty(flag), Lang::Da) => format!("Værdien af {flag} er tom."),
            (CliError::Output(e), Lang::En) => format!("Could not write the output: {e}."),
            (CliError::Output(e), Lang::Da) => format!("Kunne ikke skrive uddata: {e}."),
            (CliError::NothingToExport, Lang::En) => {
                "Name one or more sessions to export, or a network with --network.".into()
            }
            (CliError::NothingToExport, Lang::Da) => {
                "Angiv en eller flere sessioner at eksportere, eller et netværk med --network.".into()
            }
            (CliError::NoSessionsFor(n), Lang::En) => format!("No session matches the network \"{n}\" and the days given."),
            (CliError::NoSessionsFor(n), Lang::Da) => format!("Ingen session passer til netværket \"{n}\" og de angivne dage."),
            (CliError::NoSessionsInDays, Lang::En) => "No session is from the days given, so nothing was written.".into(),
            (CliError::NoSessionsInDays, Lang::Da) => "Ingen session er fra de angivne dage, så intet blev skrevet.".into(),
            (CliError::ActionsFormat, Lang::En) => {
                "--actions writes CSV or iCalendar (--format csv or --format ics); Markdown, HTML and JSON are for sessions and a network's report.".into()
            }
            (CliError::ActionsFormat, Lang::Da) => {
                "--actions skriver CSV eller iCalendar (--format csv eller --format ics); Markdown, HTML og JSON er til sessioner og et netværks rapport.".into()
            }
            (CliError::UnknownNetwork { asked, known }, _) => unknown_network(asked, known, lang),
            (CliError::IntoStore(refusal), _) => refusal.message(lang),
            (CliError::NotATerminal, Lang::En) => {
                "The full-screen interface needs a terminal; `sempre --help` lists the commands for scripts.".into()
            }
            (CliError::NotATerminal, Lang::Da) => {
                "Skærmbilledet kræver en terminal; `sempre --help` viser kommandoerne til scripts.".into()
            }
            (CliError::Terminal(e), Lang::En) => format!("The terminal failed: {e}."),
            (CliError::Terminal(e), Lang::Da) => format!("Terminalen svigtede: {e}."),
            (CliError::DifferentSessions { first, other }, Lang::En) => format!(
                "{first} and {other} are two different sessions, not copies of one, so nothing was merged or written."
            ),
            (CliError::DifferentSessions { first, other }, Lang::Da) => format!(
                "{first} og {other} er to forskellige sessioner, ikke kopier af én, så intet blev flettet eller skrevet."
            ),
            (CliError::IntoOther(file), Lang::En) => format!(
                "--into must name one of the copies or a new file; {file} is neither, and is left as it is."
            ),
            (CliError::IntoOther(file), Lang::Da) => format!(
                "--into skal angive en af kopierne eller en ny fil; {file} er ingen af delene og røres ikke."
            ),
            (CliError::ManPages { dir, source }, Lang::En) => {
                format!("Could not write the manual pages into {dir}: {source}.")
            }
            (CliError::ManPages { dir, source }, Lang::Da) => {
                format!("Kunne ikke skrive manualsiderne i {dir}: {source}.")
            }
            (CliError::NoGit, Lang::En) => {
                "git is not installed (or not on the PATH); install it first, e.g. `sudo apt-get install git`.".into()
            }
            (CliError::NoGit, Lang::Da) => {
                "git er ikke installeret (eller ikke på PATH); installér det først, fx `sudo apt-get install git`.".into()
            }
            (CliError::Git { command, said }, Lang::En) => format!("`{command}` failed: {said}"),
            (CliError::Git { command, said }, Lang::Da) => format!("`{command}` mislykkedes: {said}"),
        }
    }

    /// Writing to a closed pipe (`sempre list | head`) is not worth a
    /// message.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, CliError::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

/// "No network is called …", with the names there are, so the next try
/// can be a copy.
fn unknown_network(asked: &str, known: &[String], lang: Lang) -> String {
    let names = known
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ");
    match (known.is_empty(), lang) {
        (true, Lang::En) => {
            format!("No network is called \"{asked}\"; no session names a network yet.")
        }
        (true, Lang::Da) => {
            format!("Intet netværk hedder \"{asked}\"; ingen session nævner et netværk endnu.")
        }
        (false, Lang::En) => format!(
            "No network is called \"{asked}\" (the whole name counts, not its case); the networks are {names}."
        ),
        (false, Lang::Da) => format!(
            "Intet netværk hedder \"{asked}\" (hele navnet tæller, ikke store og små bogstaver); netværkene er {names}."
        ),
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> CliError {
        CliError::Output(e)
    }
}
