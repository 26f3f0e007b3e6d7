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
    /// Several sessions match the start of an id, or the words of a
    /// title.
    Ambiguous {
        /// What was asked for.
        query: String,
        /// How many matched.
        count: usize,
        /// Whether ids or titles matched.
        by: super::Matched,
        /// The first of them, to choose from.
        candidates: Vec<super::Candidate>,
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

/// The sentence for a query that means several sessions, then one line
/// for each (the first [`super::SHOWN_CANDIDATES`] of them).
fn ambiguity(
    query: &str,
    count: usize,
    by: super::Matched,
    candidates: &[super::Candidate],
    lang: Lang,
) -> String {
    use super::Matched;
    let mut text = match (by, lang) {
        (Matched::Id, Lang::En) => format!(
            "\"{query}\" is the start of {count} sessions' ids or files; give more of the id:"
        ),
        (Matched::Id, Lang::Da) => format!(
            "\"{query}\" er starten af {count} sessioners id eller fil; skriv mere af id'et:"
        ),
        (Matched::Title, Lang::En) => format!(
            "\"{query}\" is in the titles of {count} sessions; give more words of the title, or the start of the id:"
        ),
        (Matched::Title, Lang::Da) => format!(
            "\"{query}\" står i titlen på {count} sessioner; skriv flere ord fra titlen eller starten af id'et:"
        ),
    };
    for line in super::candidate_lines(candidates) {
        text.push('\n');
        text.push_str(&line);
    }
    let more = count.saturating_sub(candidates.len());
    if more > 0 {
        text.push('\n');
        text.push_str(&match lang {
            Lang::En => format!("  … and {more} more (`sempre list` shows them all)"),
            Lang::Da => format!("  … og {more} til (`sempre list` viser dem alle)"),
        });
    }
    text
}

/// What the system said, in words a facilitator can use: the common
/// reasons in the user's language, others as the system put them, without
/// the error number.
fn reason(source: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind::*;
    let known = match (source.kind(), lang) {
        (PermissionDenied, Lang::En) => Some("no permission"),
        (PermissionDenied, Lang::Da) => Some("ingen adgang"),
        (NotFound, Lang::En) => Some("not found"),
        (NotFound, Lang::Da) => Some("findes ikke"),
        (StorageFull, Lang::En) => Some("the disk is full"),
        (StorageFull, Lang::Da) => Some("disken er fuld"),
        (ReadOnlyFilesystem, Lang::En) => Some("the drive is read-only"),
        (ReadOnlyFilesystem, Lang::Da) => Some("drevet er skrivebeskyttet"),
        _ => None,
    };
    if let Some(text) = known {
        return text.to_string();
    }
    let text = source.to_string();
    let text = match text.rfind(" (os error ") {
        Some(i) if text.ends_with(')') => &text[..i],
        _ => text.as_str(),
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
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
    /// Moving a merged conflict copy into `.merged/`.
    SettingAside,
}

impl StoreError {
    /// The error in `lang`, as one sentence.
    pub fn message(&self, lang: Lang) -> String {
        use StoreError::*;
        match (self, lang) {
            // Each message gives what happened and why first and the file
            // last, so a long path never pushes the reason out of a narrow
            // line.
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
                    Doing::SettingAside => {
                        "Merged, but could not move the copy into .merged, so it stays where it is"
                    }
                    Doing::Flushing => {
                        return format!(
                            "Saved, but the folder could not be flushed to disk ({}); the change is in the file, so do not repeat it: {path}.",
                            reason(source, lang)
                        );
                    }
                };
                let kept = if *doing == Doing::Saving || *doing == Doing::Exporting {
                    ", so the file on disk is unchanged"
                } else {
                    ""
                };
                format!("{what} ({}){kept}: {path}.", reason(source, lang))
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
                    Doing::SettingAside => {
                        "Flettet, men kopien kunne ikke flyttes til .merged, så den bliver, hvor den er"
                    }
                    Doing::Flushing => {
                        return format!(
                            "Gemt, men mappen kunne ikke skrives helt til disken ({}); ændringen er i filen, så gentag den ikke: {path}.",
                            reason(source, lang)
                        );
                    }
                };
                let kept = if *doing == Doing::Saving || *doing == Doing::Exporting {
                    ", så filen på disken er uændret"
                } else {
                    ""
                };
                format!("{what} ({}){kept}: {path}.", reason(source, lang))
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
                "The session file is damaged at line {line}, column {column} ({reason}) and was left untouched: {file}."
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
                "Sessionsfilen er beskadiget i linje {line}, kolonne {column} ({reason}) og er ikke rørt: {file}."
            ),
            (
                Invalid {
                    file,
                    field,
                    problem,
                },
                Lang::En,
            ) => format!(
                "The session file has a mistake in `{field}` ({problem}) and was left untouched: {file}."
            ),
            (
                Invalid {
                    file,
                    field,
                    problem,
                },
                Lang::Da,
            ) => format!(
                "Sessionsfilen har en fejl i `{field}` ({problem}) og er ikke rørt: {file}."
            ),
            (
                Newer {
                    file,
                    found,
                    supported,
                },
                Lang::En,
            ) => format!(
                "The session file was made by a newer sempre (format {found}; this one reads up to {supported}), so update sempre to open it: {file}."
            ),
            (
                Newer {
                    file,
                    found,
                    supported,
                },
                Lang::Da,
            ) => format!(
                "Sessionsfilen er lavet af en nyere sempre (format {found}; denne læser op til {supported}), så opdatér sempre for at åbne den: {file}."
            ),
            (Locked { file }, Lang::En) => format!(
                "The session is open for editing in another sempre window, so close it there first: {file}."
            ),
            (Locked { file }, Lang::Da) => format!(
                "Sessionen er åben til redigering i et andet sempre-vindue, så luk den der først: {file}."
            ),
            (NotFound { query }, Lang::En) => format!(
                "No session matches \"{query}\" by the start of its id or the words of its title; `sempre list` shows the sessions."
            ),
            (NotFound { query }, Lang::Da) => format!(
                "Ingen session passer til \"{query}\" med starten af sit id eller ordene i sin titel; `sempre list` viser sessionerne."
            ),
            (
                Ambiguous {
                    query,
                    count,
                    by,
                    candidates,
                },
                _,
            ) => ambiguity(query, *count, *by, candidates, lang),
            (ReadOnly { file }, Lang::En) => {
                format!("The session is open read-only, so it cannot be changed: {file}.")
            }
            (ReadOnly { file }, Lang::Da) => {
                format!("Sessionen er åben skrivebeskyttet og kan derfor ikke ændres: {file}.")
            }
            (Link { path }, Lang::En) => format!(
                "This is a symbolic link, and sempre never follows a link for a session file or its lock, so replace it with the real file or folder: {path}."
            ),
            (Link { path }, Lang::Da) => format!(
                "Dette er et symbolsk link, og sempre følger aldrig et link til en sessionsfil eller dens lås, så erstat det med den rigtige fil eller mappe: {path}."
            ),
            (Busy { file }, Lang::En) => format!(
                "The session is being written by another sempre command; nothing was changed, so try again in a moment: {file}."
            ),
            (Busy { file }, Lang::Da) => format!(
                "Sessionen bliver skrevet af en anden sempre-kommando; intet er ændret, så prøv igen om lidt: {file}."
            ),
            (ChangedElsewhere { file }, Lang::En) => format!(
                "The session was changed by another program while this one worked on it; nothing was written, so try again: {file}."
            ),
            (ChangedElsewhere { file }, Lang::Da) => format!(
                "Sessionen blev ændret af et andet program undervejs; intet er skrevet, så prøv igen: {file}."
            ),
            (Unwritable { file }, Lang::En) => format!(
                "The store folder cannot be written, so the session can only be read and nothing was changed: {file}."
            ),
            (Unwritable { file }, Lang::Da) => format!(
                "Sessionsmappen kan ikke skrives i, så sessionen kan kun læses, og intet er ændret: {file}."
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
