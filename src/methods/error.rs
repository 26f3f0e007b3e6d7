//! What can be wrong with a method file.

use super::trust::Distrust;
use crate::i18n::Lang;

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
        reason: String,
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
        problem: String,
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
                format!("The method file {file} cannot be read: {reason}.")
            }
            (Read { file, reason }, Lang::Da) => {
                format!("Metodefilen {file} kan ikke læses: {reason}.")
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
                "The method file {file} is not valid JSON at line {line}, column {column}: {reason}."
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
                "Metodefilen {file} er ikke gyldig JSON i linje {line}, kolonne {column}: {reason}."
            ),
            (
                Field {
                    file,
                    field,
                    problem,
                },
                Lang::En,
            ) => {
                format!("The method file {file} has a mistake in the field `{field}`: {problem}.")
            }
            (
                Field {
                    file,
                    field,
                    problem,
                },
                Lang::Da,
            ) => {
                format!("Metodefilen {file} har en fejl i feltet `{field}`: {problem}.")
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

    /// The first line of the message: what a list of methods shows of a
    /// method file it could not load.
    pub fn first_line(&self, lang: Lang) -> String {
        let message = self.message(lang);
        message.lines().next().unwrap_or_default().to_string()
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
