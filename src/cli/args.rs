//! The command line's flags and subcommands.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

use crate::i18n::Lang;
use crate::model::{Colour, Role};
use crate::tui::theme::ThemeName;

/// Run SEMPRE empowerment workshops: sticky notes, clusters, votes,
/// decisions and actions, saved as JSON.
#[derive(Debug, Parser)]
#[command(name = "sempre", version = version(), about, max_term_width = 100)]
pub struct Cli {
    /// Folder of session files [default: $SEMPRE_STORE, else ./sessions if
    /// it exists, else the platform data folder]
    #[arg(long, global = true, value_name = "DIR")]
    pub store: Option<PathBuf>,
    /// Folder of extra or replacing method files [default: `methods`
    /// beside the store folder]
    #[arg(long, global = true, value_name = "DIR")]
    pub methods: Option<PathBuf>,
    /// Language, da or en [default: $SEMPRE_LANG, else from $LANG]
    #[arg(long, global = true, value_name = "LANG", value_parser = Named { names: &["da", "en"], parse: parse_lang }, hide_possible_values = true)]
    pub lang: Option<Lang>,
    /// Colour theme of the full-screen interface: default, high-contrast,
    /// colour-blind or mono
    #[arg(long, global = true, value_name = "THEME", value_parser = Named { names: THEMES, parse: parse_theme }, hide_possible_values = true)]
    pub theme: Option<ThemeName>,
    /// What to do; without one, the full-screen interface opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open a session's board in the full-screen interface.
    Open(OpenArgs),
    /// Create a session and print its id.
    New(NewArgs),
    /// Add a note to a session and print the note's id.
    Add(AddArgs),
    /// List sessions, newest first.
    List(ListArgs),
    /// Show a session, zone by zone.
    Show(ShowArgs),
    /// Export sessions, a network's report or every action, without
    /// private notes.
    Export(ExportArgs),
    /// List the methods, show one, or check method files.
    Methods(MethodsArgs),
    /// Check session files; without files, the whole store.
    Check(CheckArgs),
    /// Merge copies of one session (from breakout groups, or two
    /// laptops) into one.
    #[command(long_about = MERGE_ABOUT)]
    Merge(MergeArgs),
    /// Merge three versions of a session file for git (set up by `sempre
    /// store init-git`; not for use by hand).
    MergeDriver(MergeDriverArgs),
    /// Set up the store folder for sharing.
    Store(StoreArgs),
    /// Plan a workshop day: phases and breaks with their minutes, planned
    /// against actual time, and the facilitator's script.
    Plan(PlanArgs),
    /// Print a completion script for a shell (see the README to install
    /// it).
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write one per command to a
    /// folder.
    Man(ManArgs),
}

/// `sempre plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// What to do with the plan.
    #[command(subcommand)]
    pub action: PlanAction,
}

/// What `sempre plan` does. A step is counted from 1, as `plan show`
/// numbers them.
#[derive(Debug, Subcommand)]
pub enum PlanAction {
    /// Show the plan: each step's planned and actual minutes, and how far
    /// ahead or behind the day is.
    Show {
        /// The session: an id, the start of one, words of its title, or a
        /// file.
        #[arg(value_name = "SESSION")]
        session: String,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Put a phase in the plan: a phase of the session's method, or
    /// METHOD:PHASE for another method's phase, which runs in a session of
    /// its own, linked to this one and made the first time.
    Add {
        /// The session: an id, the start of one, words of its title, or a
        /// file.
        #[arg(value_name = "SESSION")]
        session: String,
        /// The phase's id, or METHOD:PHASE (see `sempre methods show ID`).
        #[arg(value_name = "PHASE")]
        phase: String,
        /// Minutes planned [default: the method's time box].
        #[arg(long, value_name = "N")]
        minutes: Option<u32>,
        /// Put it at this step [default: last].
        #[arg(long, value_name = "STEP")]
        at: Option<usize>,
    },
    /// Put a break in the plan.
    Break {
        /// The session: an id, the start of one, words of its title, or a
        /// file.
        #[arg(value_name = "SESSION")]
        session: String,
        /// How long it lasts, in minutes.
        #[arg(value_name = "MINUTES")]
        minutes: u32,
        /// What it is called, such as "Lunch".
        #[arg(long, value_name = "TEXT")]
        label: Option<String>,
        /// Put it at this step [default: last].
        #[arg(long, value_name = "STEP")]
        at: Option<usize>,
    },
    /// Put every phase of the session's method that is not planned yet at
    /// the end, with the method's time boxes (optional phases left out).
    Fill {
        /// The session: an id, the start of one, words of its title, or a
        /// file.
        #[arg(value_name = "SESSION")]
        session: String,
    },
    /// Change how many minutes a step lasts.
    Minutes {
        /// The session: an id, the start of one, words of its title, or a
        /// file.
        #[arg(value_name = "SESSION")]
        session: String,
        /// The step, from 1.
        #[arg(value_name = "STEP")]
        step: usize,
        /// Its minutes.
        #[arg(value_name = "MINUTES")]
        minutes: u32,
    },
    /// Move a step to another place.
    Move {
        /// The session: an id, the start of one, words of its title, or a
        /// file.
        #[arg(value_name = "SESSION")]
        session: String,
        /// The step, from 1.
        #[arg(value_name = "STEP")]
        step: usize,
        /// Where it goes, from 1.
        #[arg(value_name = "TO")]
        to: usize,
    },
    /// Take a step out of the plan.
    Remove {
        /// The session: an id, the start of one, words of its title, or a
        /// file.
        #[arg(value_name = "SESSION")]
        session: String,
        /// The step, from 1.
        #[arg(value_name = "STEP")]
        step: usize,
    },
    /// Set the time the day starts (HH:MM), or `none`.
    Start {
        /// The session: an id, the start of one, words of its title, or a
        /// file.
        #[arg(value_name = "SESSION")]
        session: String,
        /// The time, such as 09:30.
        #[arg(value_name = "HH:MM")]
        time: String,
    },
    /// Delete the plan.
    Clear {
        /// The session: an id, the start of one, words of its title, or a
        /// file.
        #[arg(value_name = "SESSION")]
        session: String,
    },
    /// Write the facilitator's script for the day: one printable HTML page
    /// with each step's time, goal and instructions.
    Script {
        /// The session: an id, the start of one, words of its title, or a
        /// file.
        #[arg(value_name = "SESSION")]
        session: String,
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

/// `sempre completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// `sempre man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write `sempre.1` and a page for each command (`sempre-show.1` …)
    /// into this folder instead of printing `sempre.1`.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// What `--version` says: the program's version and the session file
/// format it writes.
fn version() -> &'static str {
    static VERSION: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    VERSION.get_or_init(|| {
        format!(
            "{} (session format {})",
            env!("CARGO_PKG_VERSION"),
            crate::model::FORMAT
        )
    })
}

const MERGE_ABOUT: &str =
    "Merge copies of one session (from breakout groups, or two laptops) into one.

Every note, cluster, vote, decision and action of every copy is kept; a note \
deleted in one copy stays deleted; where two copies changed the same thing, \
the later change wins and is listed. Copies of two different sessions are \
refused.

Without --into, the merged session is written to standard output (`sempre \
merge a.json b.json > c.json`) and what each copy brought to standard error. \
With --into, the merge is written to that file and what each copy brought \
to standard output (a copy open on a board is refused: close it first). The \
copies themselves are never changed, unless --into names one of them.";

/// `sempre merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The copies: files, ids, starts of ids or words of titles; merged
    /// in this order.
    #[arg(value_name = "SESSION", num_args = 2.., required = true)]
    pub sessions: Vec<String>,
    /// Write the merge to this file: one of the copies, or a new file.
    #[arg(long, value_name = "FILE")]
    pub into: Option<PathBuf>,
}

/// `sempre merge-driver %O %A %B`.
#[derive(Debug, Args)]
pub struct MergeDriverArgs {
    /// The common ancestor (git's %O); empty or missing when both sides
    /// added the file.
    #[arg(value_name = "BASE")]
    pub base: PathBuf,
    /// Our version (git's %A); the merge is written here.
    #[arg(value_name = "OURS")]
    pub ours: PathBuf,
    /// Their version (git's %B).
    #[arg(value_name = "THEIRS")]
    pub theirs: PathBuf,
}

/// `sempre store`.
#[derive(Debug, Args)]
pub struct StoreArgs {
    /// What to do with the store folder.
    #[command(subcommand)]
    pub action: StoreAction,
}

/// `sempre store init-git`.
#[derive(Debug, Subcommand)]
pub enum StoreAction {
    /// Make the store folder a git repository whose session files git
    /// merges with sempre. Run it in every clone; running it again
    /// changes nothing.
    InitGit {
        /// A remote to add as `origin`, if there is none yet.
        #[arg(value_name = "REMOTE")]
        remote: Option<String>,
    },
}

/// `sempre new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The method's id (see `sempre methods`).
    #[arg(long, value_name = "ID")]
    pub method: String,
    /// What the workshop is about.
    #[arg(long, value_name = "TEXT")]
    pub title: String,
    /// The network (LEN) running it.
    #[arg(long, value_name = "TEXT")]
    pub network: Option<String>,
    /// The target group.
    #[arg(long, value_name = "TEXT")]
    pub group: Option<String>,
    /// Where it takes place.
    #[arg(long, value_name = "TEXT")]
    pub place: Option<String>,
    /// The day, as YYYY-MM-DD [default: today].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<Date>,
    /// A facilitator's name; repeat for several.
    #[arg(long = "facilitator", value_name = "NAME")]
    pub facilitators: Vec<String>,
    /// How many take part.
    #[arg(long, value_name = "N")]
    pub participants: Option<u32>,
    /// A pseudonym a participant chose; repeat for several. Never required.
    #[arg(long = "pseudonym", value_name = "NAME")]
    pub pseudonyms: Vec<String>,
    /// A tag for finding the session again; repeat for several.
    #[arg(long = "tag", value_name = "TEXT")]
    pub tags: Vec<String>,
}

/// `sempre open`.
#[derive(Debug, Args)]
pub struct OpenArgs {
    /// The session: an id, the start of one, words of its title, or a
    /// file.
    #[arg(value_name = "SESSION")]
    pub session: String,
    /// Look only; change nothing.
    #[arg(long)]
    pub read_only: bool,
    /// Start in projector view.
    #[arg(long)]
    pub projector: bool,
    /// Open the room at once: participants write and vote from their
    /// phones over the room's Wi-Fi.
    #[arg(long)]
    pub live: bool,
    /// The address the room listens on [default: this machine's address
    /// on the local network].
    #[arg(long, value_name = "ADDR", requires = "live")]
    pub bind: Option<std::net::IpAddr>,
    /// The room's port [default: a free one].
    #[arg(long, value_name = "N", requires = "live")]
    pub port: Option<u16>,
    /// Notes from phones go on the wall at once, without your approval.
    #[arg(long, requires = "live")]
    pub accept_all: bool,
}

/// `sempre add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The session: an id, the start of one, words of its title, or a
    /// file.
    #[arg(value_name = "SESSION")]
    pub session: String,
    /// The zone the note goes in (see `sempre methods show ID`).
    #[arg(long, value_name = "ZONE")]
    pub zone: String,
    /// The board, by name or id [default: the first].
    #[arg(long, value_name = "BOARD")]
    pub board: Option<String>,
    /// The note's colour [default: the zone's].
    #[arg(long = "color", visible_alias = "colour", value_name = "COLOUR")]
    pub colour: Option<ColourArg>,
    /// Keep the note on this machine: never exported.
    #[arg(long)]
    pub private: bool,
    /// The writer's pseudonym.
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,
    /// The writer's role.
    #[arg(long, value_name = "ROLE")]
    pub role: Option<RoleArg>,
    /// The note's text.
    #[arg(value_name = "TEXT")]
    pub text: String,
}

/// `sempre list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this method.
    #[arg(long, value_name = "ID")]
    pub method: Option<String>,
    /// Only networks whose name contains this (a search: "herning" finds
    /// "LEN Herning" and "LEN Herning Nord").
    #[arg(long, value_name = "TEXT")]
    pub network: Option<String>,
    /// Only target groups that contain this.
    #[arg(long, value_name = "TEXT")]
    pub group: Option<String>,
    /// Only sessions with this tag.
    #[arg(long, value_name = "TEXT")]
    pub tag: Option<String>,
    /// Only sessions on or after this day.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub since: Option<Date>,
    /// Only sessions on or before this day.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub until: Option<Date>,
    /// Only sessions containing every word of this text anywhere.
    #[arg(long, value_name = "QUERY")]
    pub text: Option<String>,
    /// Print JSON for scripts.
    #[arg(long)]
    pub json: bool,
}

/// `sempre show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The session: an id, the start of one, words of its title, or a
    /// file.
    #[arg(value_name = "SESSION")]
    pub session: String,
    /// Print the session as JSON.
    #[arg(long)]
    pub json: bool,
    /// Include private notes.
    #[arg(long)]
    pub private: bool,
}

/// `sempre export`.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("many").args(["network", "actions"]).multiple(true))]
pub struct ExportArgs {
    /// Sessions: ids, starts of ids, words of titles, or files. Several
    /// are exported one after the other.
    #[arg(value_name = "SESSION")]
    pub sessions: Vec<String>,
    /// Instead of sessions: a report over every session of this network
    /// (a summary, each session, then all open actions). The whole name,
    /// in any case; `sempre list` shows the names.
    /// With --actions, only this network's actions.
    #[arg(long, value_name = "NAME", conflicts_with = "sessions")]
    pub network: Option<String>,
    /// Instead of sessions: every action in the store (or of --network),
    /// one row or calendar event each, as CSV or iCalendar (ics). Private
    /// actions, and those made from private notes, are left out.
    #[arg(long, conflicts_with = "sessions")]
    pub actions: bool,
    /// With --network or --actions: sessions on or after this day.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, requires = "many", conflicts_with = "sessions")]
    pub since: Option<Date>,
    /// With --network or --actions: sessions on or before this day.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, requires = "many", conflicts_with = "sessions")]
    pub until: Option<Date>,
    /// The format.
    #[arg(long, value_name = "FORMAT")]
    pub format: ExportFormat,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Leave out pseudonyms, writers' names, voters, action owners and
    /// facilitators.
    #[arg(long)]
    pub anonymize: bool,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Markdown, readable on a code forge and in an editor.
    #[value(alias = "markdown")]
    Md,
    /// One self-contained HTML page that prints on A4.
    Html,
    /// Notes and actions as CSV, safe to open in a spreadsheet.
    Csv,
    /// The session file itself, without private notes.
    Json,
    /// The actions' due dates as iCalendar, for a calendar.
    Ics,
}

impl From<ExportFormat> for crate::export::Format {
    fn from(f: ExportFormat) -> crate::export::Format {
        match f {
            ExportFormat::Md => crate::export::Format::Markdown,
            ExportFormat::Html => crate::export::Format::Html,
            ExportFormat::Csv => crate::export::Format::Csv,
            ExportFormat::Json => crate::export::Format::Json,
            ExportFormat::Ics => crate::export::Format::Ics,
        }
    }
}

/// `sempre methods`.
#[derive(Debug, Args)]
pub struct MethodsArgs {
    /// Show one method, or check files; without, list them all.
    #[command(subcommand)]
    pub action: Option<MethodsAction>,
}

/// `sempre methods show|check`.
#[derive(Debug, Subcommand)]
pub enum MethodsAction {
    /// Everything about one method.
    Show {
        /// The method's id.
        #[arg(value_name = "ID")]
        id: String,
    },
    /// Check method files and report every mistake.
    Check {
        /// The files [default: every file in the methods folder].
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

/// `sempre check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Session files, or sessions by id or title words [default: every
    /// file in the store].
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Merge the conflict copies a synced folder made into their session
    /// (the copies are kept in `.merged/`).
    #[arg(long)]
    pub fix: bool,
}

/// A note colour on the command line, in English or Danish; the names
/// come from the colour table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColourArg(pub Colour);

impl ValueEnum for ColourArg {
    fn value_variants<'a>() -> &'a [Self] {
        const ALL: [ColourArg; Colour::ALL.len()] = {
            let mut all = [ColourArg(Colour::Yellow); Colour::ALL.len()];
            let mut i = 0;
            while i < all.len() {
                all[i] = ColourArg(Colour::ALL[i]);
                i += 1;
            }
            all
        };
        &ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let info = self.0.info();
        Some(clap::builder::PossibleValue::new(info.code).aliases(info.aliases.iter().copied()))
    }
}

impl From<ColourArg> for Colour {
    fn from(c: ColourArg) -> Colour {
        c.0
    }
}

/// A writer's role on the command line, in English or Danish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[allow(missing_docs)]
pub enum RoleArg {
    #[value(alias = "borger", alias = "bruger")]
    Citizen,
    #[value(alias = "medarbejder", alias = "personale")]
    Staff,
    Peer,
    #[value(alias = "pårørende", alias = "paaroerende")]
    Relative,
    #[value(alias = "frivillig")]
    Volunteer,
    #[value(alias = "anden")]
    Other,
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Role {
        match r {
            RoleArg::Citizen => Role::Citizen,
            RoleArg::Staff => Role::Staff,
            RoleArg::Peer => Role::Peer,
            RoleArg::Relative => Role::Relative,
            RoleArg::Volunteer => Role::Volunteer,
            RoleArg::Other => Role::Other,
        }
    }
}

/// A value read by `parse` (which also takes other spellings), whose
/// `names` shells complete and the help lists.
#[derive(Clone)]
struct Named<T> {
    names: &'static [&'static str],
    parse: fn(&str) -> Result<T, String>,
}

impl<T: Clone + Send + Sync + 'static> clap::builder::TypedValueParser for Named<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<T, clap::Error> {
        self.parse.parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            self.names
                .iter()
                .map(|n| clap::builder::PossibleValue::new(*n)),
        ))
    }
}

const THEMES: &[&str] = &["default", "high-contrast", "colour-blind", "mono"];

fn parse_lang(value: &str) -> Result<Lang, String> {
    Lang::from_code(value).ok_or_else(|| "use da or en".to_string())
}

fn parse_theme(value: &str) -> Result<ThemeName, String> {
    ThemeName::from_code(value)
        .ok_or_else(|| "use default, high-contrast, colour-blind or mono".to_string())
}

fn parse_date(value: &str) -> Result<Date, String> {
    value
        .trim()
        .parse::<Date>()
        .map_err(|_| "write the date as YYYY-MM-DD".to_string())
}
