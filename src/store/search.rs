//! Finding sessions: filters over method, network, target group, tags,
//! dates and free text, and the one-line summary a listing shows.

use std::path::Path;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::model::Session;
use crate::model::text::{clean, clean_line};

/// What a listing asks for; every field that is set must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// The method id, exactly.
    pub method: Option<String>,
    /// Part of the network's name, in any case.
    pub network: Option<String>,
    /// Part of the target group, in any case.
    pub group: Option<String>,
    /// A tag, in any case.
    pub tag: Option<String>,
    /// The session took place on or after this day.
    pub since: Option<Date>,
    /// The session took place on or before this day.
    pub until: Option<Date>,
    /// Words that must all appear somewhere in the session's text.
    pub text: Option<String>,
}

fn contains_folded(haystack: &str, needle_lower: &str) -> bool {
    haystack.to_lowercase().contains(needle_lower)
}

impl Filter {
    /// Whether `session` matches.
    pub fn matches(&self, session: &Session) -> bool {
        self.matches_summary(&Summary::of(session, Path::new("")))
            && self
                .text
                .as_ref()
                .is_none_or(|q| contains_words(session, q))
    }

    /// Whether the session `summary` sums up matches every field but the
    /// free text, which the store's index answers ([`Store::overview`]).
    ///
    /// [`Store::overview`]: super::Store::overview
    pub fn matches_summary(&self, summary: &Summary) -> bool {
        let part = |value: &Option<String>, wanted: &Option<String>| match wanted {
            None => true,
            Some(w) => value
                .as_deref()
                .is_some_and(|v| contains_folded(v, &clean(w).to_lowercase())),
        };
        self.method.as_ref().is_none_or(|m| *m == summary.method)
            && part(&summary.network, &self.network)
            && part(&summary.target_group, &self.group)
            && self.tag.as_ref().is_none_or(|t| {
                let t = clean(t).to_lowercase();
                summary.tags.iter().any(|x| x.to_lowercase() == t)
            })
            && self.since.is_none_or(|d| summary.date >= d)
            && self.until.is_none_or(|d| summary.date <= d)
    }
}

/// A network's name as it tells networks apart: in any case, with the
/// spaces around it and doubled spaces inside not counting, so "LEN
/// Herning" and "len  herning " are one network and "LEN Herning Nord"
/// another.
pub fn network_key(name: &str) -> String {
    clean_line(name).to_lowercase()
}

/// The day a session took place: its date, or the day it was created.
pub fn day_of(session: &Session) -> Date {
    session
        .context
        .date
        .unwrap_or_else(|| session.created.to_zoned(jiff::tz::TimeZone::UTC).date())
}

/// Every word of `query` appears in the session: its context, notes,
/// clusters, decisions or actions.
fn contains_words(session: &Session, query: &str) -> bool {
    has_words(session, &query_words(query))
}

/// The words of a free-text query, as a search compares them: cleaned,
/// in lower case.
pub fn query_words(query: &str) -> Vec<String> {
    clean(query)
        .to_lowercase()
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// Every one of `words` (from [`query_words`]) is part of the session's
/// searchable text.
pub(super) fn has_words(session: &Session, words: &[String]) -> bool {
    if words.is_empty() {
        return true;
    }
    let mut pending: Vec<&str> = words.iter().map(String::as_str).collect();
    for text in searchable_texts(session) {
        let lower = text.to_lowercase();
        pending.retain(|w| !lower.contains(w));
        if pending.is_empty() {
            return true;
        }
    }
    false
}

/// Every text of `session` that a free-text search looks in: its context,
/// notes, clusters, decisions and actions, leaving out everything private
/// (a search that matched private words would tell what they are).
pub fn searchable_texts(session: &Session) -> impl Iterator<Item = &str> {
    let ctx = &session.context;
    let context = [&ctx.network, &ctx.target_group, &ctx.place]
        .into_iter()
        .filter_map(|o| o.as_deref())
        .chain(std::iter::once(ctx.title.as_str()))
        .chain(ctx.tags.iter().map(String::as_str))
        .chain(ctx.facilitators.iter().map(String::as_str));
    context
        .chain(
            session
                .notes
                .iter()
                .filter(|n| !n.private)
                .map(|n| n.text.as_str()),
        )
        .chain(
            session
                .clusters
                .iter()
                .filter(|c| !c.private)
                .map(|c| c.title.as_str()),
        )
        .chain(
            session
                .decisions
                .iter()
                .filter(|d| !d.private)
                .map(|d| d.text.as_str()),
        )
        .chain(
            session
                .actions
                .iter()
                .filter(|a| !a.private)
                .flat_map(|a| std::iter::once(a.text.as_str()).chain(a.owner.as_deref())),
        )
}

/// One line of a listing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// The session id.
    pub id: Uuid,
    /// Its file.
    pub file: String,
    /// Its title.
    pub title: String,
    /// Its method id.
    pub method: String,
    /// The method's name as the session keeps it, for when the method
    /// file is gone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method_name: Option<crate::i18n::Text>,
    /// The network.
    pub network: Option<String>,
    /// The target group.
    pub target_group: Option<String>,
    /// The place.
    pub place: Option<String>,
    /// The day it took place.
    pub date: Date,
    /// Its tags.
    pub tags: Vec<String>,
    /// Number of notes, private ones included.
    pub notes: usize,
    /// Number of actions not yet done or dropped.
    pub open_actions: usize,
    /// When it last changed.
    pub updated: jiff::Timestamp,
}

impl Summary {
    /// The summary of `session`, kept in `path`.
    pub fn of(session: &Session, path: &Path) -> Summary {
        let ctx = &session.context;
        Summary {
            id: session.id,
            file: path.display().to_string(),
            title: ctx.title.clone(),
            method: session.method.id.clone(),
            method_name: session.method.labels.as_ref().map(|l| l.name.clone()),
            network: ctx.network.clone(),
            target_group: ctx.target_group.clone(),
            place: ctx.place.clone(),
            date: day_of(session),
            tags: ctx.tags.clone(),
            notes: session.notes.len(),
            open_actions: session
                .actions
                .iter()
                .filter(|a| a.status.is_open())
                .count(),
            updated: session.updated,
        }
    }
}

/// Sorts summaries newest first: by day, then by last change.
pub fn newest_first(summaries: &mut [Summary]) {
    summaries.sort_by(newer_first);
}

/// The order of [`newest_first`]: the later day first, then the one
/// changed last.
pub fn newer_first(a: &Summary, b: &Summary) -> std::cmp::Ordering {
    b.date.cmp(&a.date).then(b.updated.cmp(&a.updated))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NewNote;
    use crate::model::testing::{context, method};
    use jiff::Timestamp;

    fn session() -> Session {
        let m = method();
        let mut ctx = context("Hverdagen som enlig forælder");
        ctx.network = Some("LEN Syddjurs".into());
        ctx.target_group = Some("Enlige forældre".into());
        ctx.tags = vec!["Sundhed".into()];
        ctx.date = Some(Date::new(2026, 10, 3).unwrap());
        let mut s = Session::new(&m, ctx, Timestamp::UNIX_EPOCH);
        s.add_note(
            &m,
            NewNote::new("kritik", "For lidt SØVN om natten"),
            Timestamp::UNIX_EPOCH,
        )
        .unwrap();
        s
    }

    #[test]
    fn filters_on_context_fields() {
        let s = session();
        let yes = |f: Filter| assert!(f.matches(&s), "{f:?}");
        let no = |f: Filter| assert!(!f.matches(&s), "{f:?}");
        yes(Filter::default());
        yes(Filter {
            method: Some("fremtidsvaerksted".into()),
            ..Filter::default()
        });
        no(Filter {
            method: Some("rygsaek".into()),
            ..Filter::default()
        });
        yes(Filter {
            network: Some("syddjurs".into()),
            ..Filter::default()
        });
        yes(Filter {
            group: Some("ENLIGE".into()),
            ..Filter::default()
        });
        yes(Filter {
            tag: Some("sundhed".into()),
            ..Filter::default()
        });
        no(Filter {
            tag: Some("sund".into()),
            ..Filter::default()
        });
        yes(Filter {
            since: Date::new(2026, 10, 3).ok(),
            until: Date::new(2026, 10, 3).ok(),
            ..Filter::default()
        });
        no(Filter {
            since: Date::new(2026, 10, 4).ok(),
            ..Filter::default()
        });
        no(Filter {
            until: Date::new(2026, 10, 2).ok(),
            ..Filter::default()
        });
    }

    #[test]
    fn text_search_needs_every_word_anywhere() {
        let s = session();
        let text = |q: &str| {
            Filter {
                text: Some(q.into()),
                ..Filter::default()
            }
            .matches(&s)
        };
        assert!(text("søvn"));
        assert!(text("søvn forælder"));
        assert!(!text("søvn kaffe"));
        assert!(text("  "));
    }

    #[test]
    fn private_words_are_never_found() {
        let m = method();
        let mut s = session();
        let t = Timestamp::UNIX_EPOCH;
        let secret = s
            .add_note(
                &m,
                NewNote {
                    private: true,
                    ..NewNote::new("kritik", "gældsrådgivning")
                },
                t,
            )
            .unwrap();
        s.cluster_notes(&[secret], "Gæld", t).unwrap();
        let d = s.add_decision("Skilsmissen", &[secret], t).unwrap();
        s.add_action("Bostøtte", None, Some(d), t).unwrap();
        for word in ["gældsrådgivning", "gæld", "skilsmissen", "bostøtte"] {
            let found = Filter {
                text: Some(word.into()),
                ..Filter::default()
            }
            .matches(&s);
            assert!(!found, "a search for '{word}' found private words");
        }
    }

    #[test]
    fn newest_sessions_come_first() {
        let s = session();
        let mut older = Summary::of(&s, Path::new("a.json"));
        older.date = Date::new(2025, 1, 1).unwrap();
        let newer = Summary::of(&s, Path::new("b.json"));
        let mut list = vec![older.clone(), newer.clone()];
        newest_first(&mut list);
        assert_eq!(list, vec![newer, older]);
    }
}
