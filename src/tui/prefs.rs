//! The interface choices a person makes, remembered between runs: the
//! language of the screens outside a board (a board speaks its session's
//! language), the theme, and whether boards start in projector view.
//!
//! They live in a small JSON file in the platform's config folder
//! (`~/.config/sempre/prefs.json` on Linux). Only what the person chose is
//! written, so a language never chosen keeps following `$LANG`. A damaged
//! file is reported and ignored, never overwritten silently: the next
//! choice moves it aside as `prefs.json.bak` before writing a new one.

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::theme::ThemeName;
use crate::i18n::Lang;
use crate::store::write_atomic;
use crate::strings::Ui;

/// What the file holds; a choice never made is left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remembered {
    /// The language of the home and follow-up screens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    /// The colour theme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<ThemeName>,
    /// Boards start in projector view.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub projector: Option<bool>,
    /// This laptop's device id, for merging copies of a session (see
    /// `crate::device`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
}

/// Why the preferences file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum PrefsError {
    /// The file is there but cannot be read or is not a preferences file.
    #[error("{path} is damaged: {reason}")]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What is wrong, as the parser or the disk said.
        reason: String,
    },
    /// A choice could not be written.
    #[error("{path} could not be written: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

impl PrefsError {
    /// One sentence in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let (ui, path, reason) = match self {
            PrefsError::Damaged { path, reason } => (Ui::PrefsDamaged, path, reason.clone()),
            PrefsError::Write { path, source } => (Ui::PrefsNotSaved, path, source.to_string()),
        };
        ui.text(lang)
            .replace("{path}", &path.display().to_string())
            .replace("{bak}", &backup_of(path).display().to_string())
            .replace("{reason}", &reason)
    }
}

/// The preferences file of this run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrefsFile {
    path: PathBuf,
    /// The file on disk could not be read; it is moved aside, not
    /// overwritten, when a choice is next saved.
    damaged: bool,
}

/// The platform's preferences file, such as `~/.config/sempre/prefs.json`
/// on Linux (`$XDG_CONFIG_HOME` is followed); none where the platform has
/// no home folder.
pub fn platform_file() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "sempre").map(|d| d.config_dir().join("prefs.json"))
}

fn backup_of(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

impl PrefsFile {
    /// Reads the file at `path`. A missing file remembers nothing; a
    /// damaged one remembers nothing and says why.
    pub fn load(path: PathBuf) -> (PrefsFile, Remembered, Option<PrefsError>) {
        let read = match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str::<Remembered>(&text).map_err(|e| e.to_string()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Remembered::default()),
            Err(e) => Err(e.to_string()),
        };
        match read {
            Ok(remembered) => (
                PrefsFile {
                    path,
                    damaged: false,
                },
                remembered,
                None,
            ),
            Err(reason) => {
                let error = PrefsError::Damaged {
                    path: path.clone(),
                    reason,
                };
                let file = PrefsFile {
                    path,
                    damaged: true,
                };
                (file, Remembered::default(), Some(error))
            }
        }
    }

    /// Where the file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `remembered` atomically, first moving a damaged file aside
    /// as `prefs.json.bak`. Creates the config folder if needed.
    pub fn save(&mut self, remembered: &Remembered) -> Result<(), PrefsError> {
        let failed = |source| PrefsError::Write {
            path: self.path.clone(),
            source,
        };
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(failed)?;
        }
        if self.damaged {
            match std::fs::rename(&self.path, backup_of(&self.path)) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(failed(e)),
            }
            self.damaged = false;
        }
        let json = serde_json::to_string_pretty(remembered).map_err(io::Error::other);
        let json = json.map_err(failed)?;
        write_atomic(&self.path, |out| writeln!(out, "{json}")).map_err(failed)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_missing_file_remembers_nothing_and_a_choice_is_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sempre").join("prefs.json");
        let (mut file, remembered, problem) = PrefsFile::load(path.clone());
        assert_eq!(remembered, Remembered::default());
        assert!(problem.is_none());
        let chosen = Remembered {
            lang: Some(Lang::Da),
            theme: Some(ThemeName::HighContrast),
            projector: None,
            device: None,
        };
        file.save(&chosen).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains("projector"), "{text}");
        assert_eq!(PrefsFile::load(path).1, chosen);
    }

    #[test]
    fn a_damaged_file_is_reported_ignored_and_kept_aside_on_the_next_choice() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("prefs.json");
        std::fs::write(&path, "{\"theme\": \"purple\"").unwrap();
        let (mut file, remembered, problem) = PrefsFile::load(path.clone());
        assert_eq!(remembered, Remembered::default());
        let message = problem.unwrap().message(Lang::En);
        assert!(message.contains("prefs.json.bak"), "{message}");
        assert_eq!(message.matches(". ").count(), 0, "one sentence: {message}");
        let chosen = Remembered {
            projector: Some(true),
            ..Remembered::default()
        };
        file.save(&chosen).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("prefs.json.bak")).unwrap(),
            "{\"theme\": \"purple\""
        );
        assert_eq!(PrefsFile::load(path).1, chosen);
    }
}
