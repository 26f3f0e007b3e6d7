//! `sempre store init-git`: the store folder as a git repository whose
//! session files git merges with sempre instead of marking conflicts.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use super::args::{StoreAction, StoreArgs};
use super::{CliError, Env};
use crate::i18n::Lang;
use crate::store::{Doing, StoreError, create_private_dir};

/// The lines `.gitattributes` needs: session files are merged by sempre.
const ATTRIBUTES: [&str; 2] = ["*.json merge=sempre", "*.JSON merge=sempre"];

/// The lines `.gitignore` needs: the search index, locks, temporary files
/// of saves and conflict copies set aside (merged already) are this
/// laptop's own.
const IGNORED: [&str; 4] = [".index/", ".locks/", "*.tmp", ".merged/"];

/// Runs `sempre store …`.
pub fn run(env: &Env, args: StoreArgs, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    match args.action {
        StoreAction::InitGit { remote } => init_git(env, remote.as_deref(), out),
    }
}

fn init_git(env: &Env, remote: Option<&str>, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    let lang = env.lang;
    let dir = env.store.dir();
    let git = Git { dir };
    git.version()?;
    create_private_dir(dir).map_err(|source| StoreError::Io {
        doing: Doing::CreatingFolder,
        path: dir.display().to_string(),
        source,
    })?;
    let mut done: Vec<String> = Vec::new();
    if !git.is_top()? {
        git.run(&["init", "--quiet"])?;
        done.push(said(lang, Said::Init));
    }
    if extend(&dir.join(".gitattributes"), &ATTRIBUTES)? {
        done.push(said(lang, Said::Attributes));
    }
    if extend(&dir.join(".gitignore"), &IGNORED)? {
        done.push(said(lang, Said::Ignore));
    }
    let driver = driver_command();
    for (key, value) in [
        ("merge.sempre.name", "sempre session merge"),
        ("merge.sempre.driver", driver.as_str()),
    ] {
        if git.config(key)?.as_deref() != Some(value) {
            git.run(&["config", key, value])?;
            done.push(said(lang, Said::Config(key)));
        }
    }
    if let Some(remote) = remote {
        match git.config("remote.origin.url")? {
            None => {
                git.run(&["remote", "add", "origin", remote])?;
                done.push(said(lang, Said::Remote(remote)));
            }
            Some(url) if url == remote => {}
            Some(url) => done.push(said(lang, Said::OtherRemote(&url))),
        }
    }
    if done.is_empty() {
        done.push(said(lang, Said::Nothing));
    }
    writeln!(out, "{}", said(lang, Said::Folder(&env.store_label)))?;
    for line in &done {
        writeln!(out, "  {line}")?;
    }
    writeln!(out, "{}", said(lang, Said::ByHand))?;
    writeln!(out, "  echo '*.json merge=sempre' >> .gitattributes")?;
    writeln!(
        out,
        "  git config merge.sempre.driver {}",
        shell_quote(&driver)
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The command git runs to merge a session file: this very program, by
/// its absolute path, so that it works whatever the `PATH` of the shell
/// git runs.
fn driver_command() -> String {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| p.canonicalize().ok())
        .unwrap_or_else(|| PathBuf::from("sempre"));
    format!(
        "{} merge-driver %O %A %B",
        shell_quote(&exe.display().to_string())
    )
}

/// `text` as one word for the shell git runs the driver with.
fn shell_quote(text: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+%:=".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// Adds the `lines` that `path` lacks at its end; whether it added any.
fn extend(path: &Path, lines: &[&str]) -> Result<bool, CliError> {
    let io = |doing, source| StoreError::Io {
        doing,
        path: path.display().to_string(),
        source,
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(io(Doing::Reading, e).into()),
    };
    let missing: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !text.lines().any(|have| have.trim() == *l))
        .collect();
    if missing.is_empty() {
        return Ok(false);
    }
    let mut new = text;
    if !new.is_empty() && !new.ends_with('\n') {
        new.push('\n');
    }
    for line in missing {
        new.push_str(line);
        new.push('\n');
    }
    std::fs::write(path, new).map_err(|e| io(Doing::Saving, e))?;
    Ok(true)
}

/// git, run in the store folder.
struct Git<'a> {
    dir: &'a Path,
}

impl Git<'_> {
    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new("git");
        cmd.arg("-C").arg(self.dir).args(args);
        cmd
    }

    fn version(&self) -> Result<(), CliError> {
        match Command::new("git").arg("--version").output() {
            Ok(o) if o.status.success() => Ok(()),
            _ => Err(CliError::NoGit),
        }
    }

    /// Runs git and returns what it printed; a failure is an error with
    /// what git said.
    fn run(&self, args: &[&str]) -> Result<String, CliError> {
        let output = self.command(args).output().map_err(|_| CliError::NoGit)?;
        if output.status.success() {
            return Ok(String::from_utf8_lossy(&output.stdout).trim().to_string());
        }
        let said = String::from_utf8_lossy(&output.stderr);
        Err(CliError::Git {
            command: format!("git {}", args.join(" ")),
            said: said.trim().lines().next().unwrap_or("").to_string(),
        })
    }

    /// A setting of this repository, if it has one.
    fn config(&self, key: &str) -> Result<Option<String>, CliError> {
        let output = self
            .command(&["config", "--get", key])
            .output()
            .map_err(|_| CliError::NoGit)?;
        Ok(output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string()))
    }

    /// Whether the store folder is the top of a repository of its own (a
    /// store inside another repository, such as `./sessions` in a
    /// project, gets one of its own).
    fn is_top(&self) -> Result<bool, CliError> {
        let output = self
            .command(&["rev-parse", "--show-toplevel"])
            .output()
            .map_err(|_| CliError::NoGit)?;
        if !output.status.success() {
            return Ok(false);
        }
        let top = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
        Ok(match (top.canonicalize(), self.dir.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        })
    }
}

/// What `init-git` tells.
enum Said<'a> {
    Folder(&'a str),
    Init,
    Attributes,
    Ignore,
    Config(&'a str),
    Remote(&'a str),
    OtherRemote(&'a str),
    Nothing,
    ByHand,
}

fn said(lang: Lang, what: Said) -> String {
    match (what, lang) {
        (Said::Folder(dir), Lang::En) => format!("The store {dir}:"),
        (Said::Folder(dir), Lang::Da) => format!("Lageret {dir}:"),
        (Said::Init, Lang::En) => "made it a git repository (git init)".into(),
        (Said::Init, Lang::Da) => "gjorde det til et git-repository (git init)".into(),
        (Said::Attributes, Lang::En) => {
            "wrote .gitattributes: git merges session files with sempre".into()
        }
        (Said::Attributes, Lang::Da) => {
            "skrev .gitattributes: git fletter sessionsfiler med sempre".into()
        }
        (Said::Ignore, Lang::En) => {
            "wrote .gitignore: the index, locks and temporary files stay on this laptop".into()
        }
        (Said::Ignore, Lang::Da) => {
            "skrev .gitignore: indeks, låse og midlertidige filer bliver på denne computer".into()
        }
        (Said::Config(key), Lang::En) => format!("set {key} (git config)"),
        (Said::Config(key), Lang::Da) => format!("satte {key} (git config)"),
        (Said::Remote(url), Lang::En) => format!("added the remote origin: {url}"),
        (Said::Remote(url), Lang::Da) => format!("tilføjede fjernlageret origin: {url}"),
        (Said::OtherRemote(url), Lang::En) => {
            format!("kept the remote origin there was: {url} (change it with git remote set-url)")
        }
        (Said::OtherRemote(url), Lang::Da) => {
            format!(
                "beholdt det fjernlager origin der var: {url} (skift det med git remote set-url)"
            )
        }
        (Said::Nothing, Lang::En) => "nothing to do: it is set up already".into(),
        (Said::Nothing, Lang::Da) => "intet at gøre: det er sat op i forvejen".into(),
        (Said::ByHand, Lang::En) => "By hand, in the store folder, that is:".into(),
        (Said::ByHand, Lang::Da) => "I hånden, i lagerets mappe, er det:".into(),
    }
}
