//! What can be wrong with a method file.

use super::problem::Problem;
use super::trust::Distrust;
use crate::i18n::Lang;

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadFailure {
    /// There is no such file.
    NotFound,
    /// The file may not be read by this user.
    Denied,
    /// It is a folder.
    Folder,
    /// The file is not UTF-8 text.
    NotText,
    /// Something else, as the system put it, and its error number.
    Other(String, Option<i32>),
}

impl From<&std::io::Error> for ReadFailure {
    fn from(e: &std::io::Error) -> ReadFailure {
        use std::io::ErrorKind::*;
        match e.kind() {
            NotFound => ReadFailure::NotFound,
            PermissionDenied => ReadFailure::Denied,
            IsADirectory => ReadFailure::Folder,
            InvalidData => ReadFailure::NotText,
            _ => ReadFailure::Other(e.to_string(), e.raw_os_error()),
        }
    }
}

impl ReadFailure {
    /// Why, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (ReadFailure::NotFound, Lang::En) => "there is no such file".into(),
            (ReadFailure::NotFound, Lang::Da) => "filen findes ikke".into(),
            (ReadFailure::Denied, Lang::En) => "you may not read it".into(),
            (ReadFailure::Denied, Lang::Da) => "du har ikke lov at læse den".into(),
            (ReadFailure::Folder, Lang::En) => "it is a folder".into(),
            (ReadFailure::Folder, Lang::Da) => "det er en mappe".into(),
            (ReadFailure::NotText, Lang::En) => "it is not UTF-8 text".into(),
            (ReadFailure::NotText, Lang::Da) => "den er ikke UTF-8-tekst".into(),
            (ReadFailure::Other(text, _), Lang::En) => text.clone(),
            (ReadFailure::Other(_, Some(n)), Lang::Da) => format!("systemets fejl nr. {n}"),
            (ReadFailure::Other(_, None), Lang::Da) => "ukendt fejl".into(),
        }
    }
}

/// A method file that cannot be used: which file, which field, and what is
/// wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum MethodError {
    /// The file could not be read at all.
    Read {
        /// The file.
        file: String,
        /// Why.
        reason: ReadFailure,
    },
    /// The file is not valid JSON.
    Syntax {
        /// The file.
        file: String,
        /// Line of the mistake.
        line: usize,
        /// Column of the mistake.
        column: usize,
        /// What the parser found.
        reason: String,
    },
    /// A field is missing, misspelt, of the wrong type or has a value that
    /// does not fit.
    Field {
        /// The file.
        file: String,
        /// Path of the field, such as `phases[2].zones[0]`.
        field: String,
        /// What is wrong.
        problem: Problem,
    },
    /// No method has this id.
    Unknown {
        /// The id asked for.
        id: String,
        /// The ids there are.
        known: Vec<String>,
    },
    /// A methods folder given with `--methods` does not exist.
    MissingFolder(String),
    /// A method file, or the folder it is in, that another user owns or
    /// can change: not loaded.
    Untrusted {
        /// The file or folder.
        file: String,
        /// Whether it is a folder.
        folder: bool,
        /// Why it is not trusted.
        why: Distrust,
    },
}

impl MethodError {
    /// The error in `lang`, as one sentence.
    pub fn message(&self, lang: Lang) -> String {
        use MethodError::*;
        match (self, lang) {
            (Read { file, reason }, Lang::En) => {
                format!(
                    "The method file {file} cannot be read: {}.",
                    reason.text(lang)
                )
            }
            (Read { file, reason }, Lang::Da) => {
                format!("Metodefilen {file} kan ikke læses: {}.", reason.text(lang))
            }
            (
                Syntax {
                    file,
                    line,
                    column,
                    reason,
                },
                Lang::En,
            ) => format!(
                "The method file {file} is not valid JSON at line {line}, column {column}: {}.",
                crate::json_error::in_lang(reason, lang)
            ),
            (
                Syntax {
                    file,
                    line,
                    column,
                    reason,
                },
                Lang::Da,
            ) => format!(
                "Metodefilen {file} er ikke gyldig JSON i linje {line}, kolonne {column}: {}.",
                crate::json_error::in_lang(reason, lang)
            ),
            (
                Field {
                    file,
                    field,
                    problem,
                },
                Lang::En,
            ) => {
                format!(
                    "The method file {file} has a mistake in the field `{field}`: {}.",
                    problem.text(lang)
                )
            }
            (
                Field {
                    file,
                    field,
                    problem,
                },
                Lang::Da,
            ) => {
                format!(
                    "Metodefilen {file} har en fejl i feltet `{field}`: {}.",
                    problem.text(lang)
                )
            }
            (Unknown { id, known }, Lang::En) => format!(
                "There is no method \"{id}\"; the methods are: {}.",
                known.join(", ")
            ),
            (Unknown { id, known }, Lang::Da) => format!(
                "Der er ingen metode \"{id}\"; metoderne er: {}.",
                known.join(", ")
            ),
            (MissingFolder(dir), Lang::En) => format!("The methods folder {dir} does not exist."),
            (MissingFolder(dir), Lang::Da) => format!("Metodemappen {dir} findes ikke."),
            (Untrusted { file, folder, why }, lang) => untrusted(file, *folder, *why, lang),
        }
    }

    /// The mistake without the file's name, as one line under the file's
    /// name: `phases[1].goal: missing; ...` or `line 3, column 23: ...`.
    pub fn line(&self, lang: Lang) -> String {
        match (self, lang) {
            (MethodError::Field { field, problem, .. }, _) => {
                let field = if field.is_empty() {
                    match lang {
                        Lang::En => "(the whole file)",
                        Lang::Da => "(hele filen)",
                    }
                } else {
                    field
                };
                format!("{field}: {}", problem.text(lang))
            }
            (
                MethodError::Syntax {
                    line,
                    column,
                    reason,
                    ..
                },
                Lang::En,
            ) => format!(
                "line {line}, column {column}: not valid JSON: {}",
                crate::json_error::in_lang(reason, lang)
            ),
            (
                MethodError::Syntax {
                    line,
                    column,
                    reason,
                    ..
                },
                Lang::Da,
            ) => format!(
                "linje {line}, kolonne {column}: ikke gyldig JSON: {}",
                crate::json_error::in_lang(reason, lang)
            ),
            (MethodError::Read { reason, .. }, _) => reason.text(lang),
            _ => self.message(lang),
        }
    }

    /// The file the error is about, if any.
    pub fn file(&self) -> Option<&str> {
        match self {
            MethodError::Read { file, .. }
            | MethodError::Syntax { file, .. }
            | MethodError::Field { file, .. }
            | MethodError::Untrusted { file, .. } => Some(file),
            MethodError::Unknown { .. } | MethodError::MissingFolder(_) => None,
        }
    }
}

fn untrusted(file: &str, folder: bool, why: Distrust, lang: Lang) -> String {
    match (folder, why, lang) {
        (false, Distrust::Owner(uid), Lang::En) => format!(
            "The method file {file} is not loaded: it belongs to another user (uid {uid}); copy it into a methods folder of your own."
        ),
        (false, Distrust::Owner(uid), Lang::Da) => format!(
            "Metodefilen {file} indlæses ikke: den tilhører en anden bruger (uid {uid}); kopiér den til din egen metodemappe."
        ),
        (false, Distrust::Writable, Lang::En) => format!(
            "The method file {file} is not loaded: other users can change it; `chmod go-w` it if you trust what it says."
        ),
        (false, Distrust::Writable, Lang::Da) => format!(
            "Metodefilen {file} indlæses ikke: andre brugere kan ændre den; kør `chmod go-w` på den, hvis du stoler på indholdet."
        ),
        (true, Distrust::Owner(uid), Lang::En) => format!(
            "The methods folder {file} is not used: it belongs to another user (uid {uid}); use a methods folder of your own."
        ),
        (true, Distrust::Owner(uid), Lang::Da) => format!(
            "Metodemappen {file} bruges ikke: den tilhører en anden bruger (uid {uid}); brug din egen metodemappe."
        ),
        (true, Distrust::Writable, Lang::En) => format!(
            "The methods folder {file} is not used: other users can change it; `chmod go-w` it if you trust its files."
        ),
        (true, Distrust::Writable, Lang::Da) => format!(
            "Metodemappen {file} bruges ikke: andre brugere kan ændre den; kør `chmod go-w` på den, hvis du stoler på filerne."
        ),
    }
}
