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
    /// A session file or the `.locks` folder is a symbolic link, which
    /// sempre never follows.
    Link {
        /// The link.
        path: String,
    },
    /// Another sempre command is writing the session, and went on longer
    /// than a command waits.
    Busy {
        /// The file.
        file: String,
    },
    /// The file changed on disk after this process read it, so saving
    /// would have overwritten that change.
    ChangedElsewhere {
        /// The file.
        file: String,
    },
    /// The store folder cannot be written.
    Unwritable {
        /// The file that was to be changed.
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
    /// Flushing a folder to disk after a file in it was replaced.
    Flushing,
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
                    Doing::Flushing => {
                        return format!(
                            "Saved {path}, but its folder could not be flushed to disk ({source}); the change is in the file, so do not repeat it."
                        );
                    }
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
                    Doing::Flushing => {
                        return format!(
                            "Gemte {path}, men mappen kunne ikke skrives helt til disken ({source}); ændringen er i filen, så gentag den ikke."
                        );
                    }
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
            (Link { path }, Lang::En) => format!(
                "{path} is a symbolic link, and sempre never follows a link for a session file or its lock; replace it with the real file or folder."
            ),
            (Link { path }, Lang::Da) => format!(
                "{path} er et symbolsk link, og sempre følger aldrig et link til en sessionsfil eller dens lås; erstat det med den rigtige fil eller mappe."
            ),
            (Busy { file }, Lang::En) => format!(
                "The session {file} is being written by another sempre command; nothing was changed, so try again in a moment."
            ),
            (Busy { file }, Lang::Da) => format!(
                "Sessionen {file} bliver skrevet af en anden sempre-kommando; intet er ændret, så prøv igen om lidt."
            ),
            (ChangedElsewhere { file }, Lang::En) => format!(
                "The session {file} was changed by another program while this one worked on it; nothing was written, so try again."
            ),
            (ChangedElsewhere { file }, Lang::Da) => format!(
                "Sessionen {file} blev ændret af et andet program undervejs; intet er skrevet, så prøv igen."
            ),
            (Unwritable { file }, Lang::En) => format!(
                "The store folder of {file} cannot be written, so the session can only be read; nothing was changed."
            ),
            (Unwritable { file }, Lang::Da) => format!(
                "Sessionsmappen med {file} kan ikke skrives i, så sessionen kan kun læses; intet er ændret."
            ),
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
