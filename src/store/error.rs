//! What can go wrong with session files.

use crate::i18n::Lang;

/// A session file problem, naming the file and what to do about it.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum StoreError {
    /// Reading or writing failed at the operating-system level (a full
    /// disk, a missing folder, no permission).
    Io {
        /// What was being done.
        doing: Doing,
        /// The file or folder.
        path: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is not valid JSON.
    Corrupt {
        /// The file.
        file: String,
        /// Line of the mistake.
        line: usize,
        /// Column of the mistake.
        column: usize,
        /// What the parser found.
        reason: String,
    },
    /// The file is JSON, but a field does not fit the session format.
    Invalid {
        /// The file.
        file: String,
        /// Path of the field.
        field: String,
        /// What is wrong.
        problem: String,
    },
    /// The file was written by a newer sempre.
    Newer {
        /// The file.
        file: String,
        /// Its format version.
        found: u64,
        /// The newest version this program reads.
        supported: u32,
    },
    /// Another sempre has the session open for editing.
    Locked {
        /// The file.
        file: String,
    },
    /// No session matches.
    NotFound {
        /// What was asked for.
        query: String,
    },
    /// Several sessions match an id prefix.
    Ambiguous {
        /// What was asked for.
        query: String,
        /// How many matched.
        count: usize,
    },
    /// The session was opened read-only.
    ReadOnly {
        /// The file.
        file: String,
    },
}

/// What the store was doing when the system said no.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doing {
    /// Reading a file.
    Reading,
    /// Saving a session.
    Saving,
    /// Creating the store folder.
    CreatingFolder,
    /// Listing the store folder.
    Listing,
    /// Taking the lock on a session.
    Locking,
    /// Writing an export.
    Exporting,
}

impl StoreError {
    /// The error in `lang`, as one sentence.
    pub fn message(&self, lang: Lang) -> String {
        use StoreError::*;
        match (self, lang) {
            (
                Io {
                    doing,
                    path,
                    source,
                },
                Lang::En,
            ) => {
                let what = match doing {
                    Doing::Reading => "Could not read",
                    Doing::Saving => "Could not save",
                    Doing::CreatingFolder => "Could not create the folder",
                    Doing::Listing => "Could not list the folder",
                    Doing::Locking => "Could not lock",
                    Doing::Exporting => "Could not write the export",
                };
                let kept = if *doing == Doing::Saving || *doing == Doing::Exporting {
                    "; the file on disk is unchanged"
                } else {
                    ""
                };
                format!("{what} {path}: {source}{kept}.")
            }
            (
                Io {
                    doing,
                    path,
                    source,
                },
                Lang::Da,
            ) => {
                let what = match doing {
                    Doing::Reading => "Kunne ikke læse",
                    Doing::Saving => "Kunne ikke gemme",
                    Doing::CreatingFolder => "Kunne ikke oprette mappen",
                    Doing::Listing => "Kunne ikke liste mappen",
                    Doing::Locking => "Kunne ikke låse",
                    Doing::Exporting => "Kunne ikke skrive eksporten",
                };
                let kept = if *doing == Doing::Saving || *doing == Doing::Exporting {
                    "; filen på disken er uændret"
                } else {
                    ""
                };
                format!("{what} {path}: {source}{kept}.")
            }
            (
                Corrupt {
                    file,
                    line,
                    column,
                    reason,
                },
                Lang::En,
            ) => format!(
                "The session file {file} is damaged at line {line}, column {column} ({reason}); it was left untouched."
            ),
            (
                Corrupt {
                    file,
                    line,
                    column,
                    reason,
                },
                Lang::Da,
            ) => format!(
                "Sessionsfilen {file} er beskadiget i linje {line}, kolonne {column} ({reason}); den er ikke rørt."
            ),
            (
                Invalid {
                    file,
                    field,
                    problem,
                },
                Lang::En,
            ) => format!(
                "The session file {file} has a mistake in `{field}`: {problem}; it was left untouched."
            ),
            (
                Invalid {
                    file,
                    field,
                    problem,
                },
                Lang::Da,
            ) => format!(
                "Sessionsfilen {file} har en fejl i `{field}`: {problem}; den er ikke rørt."
            ),
            (
                Newer {
                    file,
                    found,
                    supported,
                },
                Lang::En,
            ) => format!(
                "The session file {file} has format {found}, made by a newer sempre (this one reads up to {supported}); update sempre to open it."
            ),
            (
                Newer {
                    file,
                    found,
                    supported,
                },
                Lang::Da,
            ) => format!(
                "Sessionsfilen {file} har format {found} fra en nyere sempre (denne læser op til {supported}); opdatér sempre for at åbne den."
            ),
            (Locked { file }, Lang::En) => format!(
                "The session {file} is open for editing in another sempre window; close it there first."
            ),
            (Locked { file }, Lang::Da) => format!(
                "Sessionen {file} er åben til redigering i et andet sempre-vindue; luk den der først."
            ),
            (NotFound { query }, Lang::En) => {
                format!("No session matches \"{query}\"; `sempre list` shows the sessions.")
            }
            (NotFound { query }, Lang::Da) => {
                format!("Ingen session passer til \"{query}\"; `sempre list` viser sessionerne.")
            }
            (Ambiguous { query, count }, Lang::En) => {
                format!("\"{query}\" matches {count} sessions; give more characters of the id.")
            }
            (Ambiguous { query, count }, Lang::Da) => {
                format!("\"{query}\" passer til {count} sessioner; skriv flere tegn af id'et.")
            }
            (ReadOnly { file }, Lang::En) => {
                format!("The session {file} is open read-only, so it cannot be changed.")
            }
            (ReadOnly { file }, Lang::Da) => {
                format!("Sessionen {file} er åben skrivebeskyttet og kan ikke ændres.")
            }
        }
    }

    /// Whether the error is about the file's contents (it was left alone
    /// and the rest of the store still works).
    pub fn is_bad_file(&self) -> bool {
        matches!(
            self,
            StoreError::Corrupt { .. } | StoreError::Invalid { .. } | StoreError::Newer { .. }
        )
    }
}
