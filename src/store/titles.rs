//! Finding a session by the words of its title, from the store's index
//! (the summaries `sempre list` shows), never by opening every file; and
//! the lines that name the sessions a query could mean when it means
//! more than one.

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use uuid::Uuid;

use super::{Store, StoreError, Summary, newer_first};
use crate::model::text::folded;

/// At most this many sessions are named when a query means several.
pub const SHOWN_CANDIDATES: usize = 10;

/// One session a query could mean, as the ambiguity error names it: what
/// `sempre list` shows of it, nothing from inside the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Its id, when its file could be read.
    pub id: Option<Uuid>,
    /// The day it took place.
    pub date: Option<Date>,
    /// Its method's id.
    pub method: String,
    /// Its title.
    pub title: String,
    /// Its file.
    pub file: PathBuf,
}

impl Candidate {
    fn of(summary: &Summary) -> Candidate {
        Candidate {
            id: Some(summary.id),
            date: Some(summary.date),
            method: summary.method.clone(),
            title: summary.title.clone(),
            file: PathBuf::from(&summary.file),
        }
    }

    fn unreadable(file: &Path) -> Candidate {
        Candidate {
            id: None,
            date: None,
            method: String::new(),
            title: String::new(),
            file: file.to_path_buf(),
        }
    }
}

/// How the query matched the sessions it could mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matched {
    /// By the start of their ids (or file names).
    Id,
    /// By the words of their titles.
    Title,
}

/// What a title lookup found.
pub(super) enum ByTitle {
    /// One session: its file.
    One(PathBuf),
    /// Several, newest first.
    Several(Vec<Summary>),
    /// None.
    NoneFound,
}

/// The index's summaries of the store: each session once (by the file it
/// keeps, not its conflict copies), nothing written but the index.
fn summaries(store: &Store) -> Result<Vec<Summary>, StoreError> {
    let mut overview = store.overview_as(None, false)?;
    overview.hide_copies();
    Ok(overview.sessions)
}

/// The words of a folded text: what lies between anything that is not a
/// letter or a digit.
fn wordsof(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

impl Store {
    /// The sessions whose titles hold every word of `query`, in any case
    /// and with or without accents ([`folded`]); a title that is the
    /// query's words exactly is chosen over titles that hold them as whole
    /// words, and those over titles that hold them inside longer words.
    pub(super) fn by_title(&self, query: &str) -> Result<ByTitle, StoreError> {
        let wanted = folded(query);
        // Split as the titles are below, so "nr. 779" is the words nr, 779.
        let words: Vec<&str> = wordsof(&wanted);
        if words.is_empty() {
            return Ok(ByTitle::NoneFound);
        }
        // The closest matches win: the title exactly, then titles holding
        // every word whole ("nr 779", not "nr 3779"), then titles holding
        // every word anywhere in them.
        let mut found: Vec<(Summary, u8)> = summaries(self)?
            .into_iter()
            .filter_map(|s| {
                let title = folded(&s.title);
                if !words.iter().all(|w| title.contains(w)) {
                    return None;
                }
                let whole = wordsof(&title);
                let rank = if title == wanted {
                    2
                } else if words.iter().all(|w| whole.contains(w)) {
                    1
                } else {
                    0
                };
                Some((s, rank))
            })
            .collect();
        let best = found.iter().map(|(_, rank)| *rank).max().unwrap_or(0);
        found.retain(|(_, rank)| *rank == best);
        let mut found: Vec<Summary> = found.into_iter().map(|(s, _)| s).collect();
        Ok(match found.len() {
            0 => ByTitle::NoneFound,
            1 => ByTitle::One(PathBuf::from(&found[0].file)),
            _ => {
                found.sort_by(newer_first);
                ByTitle::Several(found)
            }
        })
    }

    /// The ambiguity error for `query`, naming the sessions in `files`
    /// (each by what the index knows of it).
    pub(super) fn ambiguous_files(&self, query: &str, files: &[PathBuf]) -> StoreError {
        let known = summaries(self).unwrap_or_default();
        let mut readable: Vec<&Summary> = known
            .iter()
            .filter(|s| files.iter().any(|f| Path::new(&s.file) == f))
            .collect();
        readable.sort_by(|a, b| newer_first(a, b));
        let mut candidates: Vec<Candidate> = readable.into_iter().map(Candidate::of).collect();
        for file in files {
            if !candidates.iter().any(|c| &c.file == file) {
                candidates.push(Candidate::unreadable(file));
            }
        }
        ambiguous(query, Matched::Id, candidates)
    }
}

/// The ambiguity error for `query` over titles.
pub(super) fn ambiguous_titles(query: &str, found: &[Summary]) -> StoreError {
    ambiguous(
        query,
        Matched::Title,
        found.iter().map(Candidate::of).collect(),
    )
}

fn ambiguous(query: &str, by: Matched, mut candidates: Vec<Candidate>) -> StoreError {
    let count = candidates.len();
    candidates.truncate(SHOWN_CANDIDATES);
    StoreError::Ambiguous {
        query: query.to_string(),
        count,
        by,
        candidates,
    }
}

/// One line per candidate: the start of its id (long enough to tell it
/// from the others), its date, its method and its title, in columns.
pub fn candidate_lines(candidates: &[Candidate]) -> Vec<String> {
    let ids: Vec<String> = candidates
        .iter()
        .map(|c| c.id.map(|id| id.to_string()).unwrap_or_default())
        .collect();
    let len = id_length(&ids);
    let method_width = candidates
        .iter()
        .map(|c| c.method.chars().count())
        .max()
        .unwrap_or(0);
    candidates
        .iter()
        .zip(&ids)
        .map(|(c, id)| match c.date {
            Some(date) => format!(
                "  {}  {date}  {:<method_width$}  {}",
                &id[..len.min(id.len())],
                c.method,
                // Whole: the end of a title may be what tells two apart.
                c.title
            ),
            None => format!("  {}", c.file.display()),
        })
        .collect()
}

/// How many characters of each id tell them apart: 8, as `sempre list`
/// shows them, or more when two share their first 8.
fn id_length(ids: &[String]) -> usize {
    let mut len = 8;
    for (i, a) in ids.iter().enumerate() {
        for b in &ids[i + 1..] {
            if a.is_empty() || b.is_empty() {
                continue;
            }
            let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
            len = len.max(common + 1);
        }
    }
    len
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Session;
    use crate::model::testing::{context, method};
    use crate::store::save_session;
    use jiff::Timestamp;

    fn store_with(titles: &[&str]) -> (tempfile::TempDir, Store, Vec<Session>) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let sessions: Vec<Session> = titles
            .iter()
            .map(|t| {
                let s = Session::new(&method(), context(t), Timestamp::UNIX_EPOCH);
                save_session(&store.path_of(s.id), &s).unwrap();
                s
            })
            .collect();
        (dir, store, sessions)
    }

    fn one(store: &Store, query: &str) -> Option<PathBuf> {
        match store.by_title(query).unwrap() {
            ByTitle::One(path) => Some(path),
            _ => None,
        }
    }

    #[test]
    fn title_words_find_one_session_however_they_are_typed() {
        let (_dir, store, s) = store_with(&["Forældre i maj", "Unge på vej", "Forældre"]);
        assert_eq!(one(&store, "maj"), Some(store.path_of(s[0].id)));
        assert_eq!(one(&store, "foraeldre MAJ"), Some(store.path_of(s[0].id)));
        assert_eq!(one(&store, "unge PÅ"), Some(store.path_of(s[1].id)));
        // A title that is the words exactly wins over titles holding more.
        assert_eq!(one(&store, "forældre"), Some(store.path_of(s[2].id)));
        assert!(matches!(
            store.by_title("e").unwrap(),
            ByTitle::Several(found) if found.len() == 3
        ));
        assert!(matches!(
            store.by_title("kaffe").unwrap(),
            ByTitle::NoneFound
        ));
        assert!(matches!(store.by_title("  ").unwrap(), ByTitle::NoneFound));
    }

    #[test]
    fn candidates_are_told_apart_by_enough_of_their_ids() {
        let ids = [
            "3f2a1b2c-1000-4000-8000-000000000000".to_string(),
            "3f2a1b2c-2000-4000-8000-000000000000".to_string(),
            "aa000000-0000-4000-8000-000000000000".to_string(),
        ];
        assert_eq!(id_length(&ids), 10);
        assert_eq!(id_length(&ids[1..]), 8);
    }
}
