//! What a merge tells: what the other copy brought, and which changes
//! met.

use std::collections::BTreeMap;

use uuid::Uuid;

use crate::i18n::Lang;

/// The kinds of item a session holds, as a merge report counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Sticky notes.
    Note,
    /// Clusters.
    Cluster,
    /// Votes.
    Vote,
    /// Decisions.
    Decision,
    /// Actions.
    Action,
    /// Meetings.
    Meeting,
    /// Ratings.
    Rating,
    /// Boards.
    Board,
    /// Participants.
    Participant,
    /// Phase-log entries.
    Phase,
    /// Links to other sessions.
    Link,
    /// The session's own fields (its title, its context).
    Session,
}

impl Kind {
    /// The kind's name, for `n` items.
    pub fn name(self, lang: Lang, n: usize) -> &'static str {
        // English one and many, Danish one and many.
        let [en, ens, da, das] = match self {
            Kind::Note => ["note", "notes", "note", "noter"],
            Kind::Cluster => ["cluster", "clusters", "klynge", "klynger"],
            Kind::Vote => ["vote", "votes", "stemme", "stemmer"],
            Kind::Decision => ["decision", "decisions", "beslutning", "beslutninger"],
            Kind::Action => ["action", "actions", "handling", "handlinger"],
            Kind::Meeting => ["meeting", "meetings", "møde", "møder"],
            Kind::Rating => ["rating", "ratings", "vurdering", "vurderinger"],
            Kind::Board => ["board", "boards", "tavle", "tavler"],
            Kind::Participant => ["participant", "participants", "deltager", "deltagere"],
            Kind::Phase => ["phase entry", "phase entries", "fase", "faser"],
            Kind::Link => ["session link", "session links", "kobling", "koblinger"],
            Kind::Session => ["session", "sessions", "session", "sessioner"],
        };
        match (lang, n == 1) {
            (Lang::En, true) => en,
            (Lang::En, false) => ens,
            (Lang::Da, true) => da,
            (Lang::Da, false) => das,
        }
    }
}

/// A field both copies had changed, and which change was kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The kind of item.
    pub kind: Kind,
    /// The item.
    pub id: Uuid,
    /// The field, as the session file names it (`text`, `status`,
    /// `context.title`).
    pub field: String,
    /// The other copy's change was the later one and was kept.
    pub theirs_newer: bool,
}

/// What the other copy brought into a merge.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Items only the other copy had, by kind.
    pub added: BTreeMap<Kind, usize>,
    /// Items whose newer fields came from the other copy, by kind.
    pub changed: BTreeMap<Kind, usize>,
    /// Items the other copy had deleted, by kind.
    pub deleted: BTreeMap<Kind, usize>,
    /// Fields both copies had changed.
    pub conflicts: Vec<Conflict>,
}

impl MergeReport {
    /// The other copy brought nothing.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.changed.is_empty()
            && self.deleted.is_empty()
            && self.conflicts.is_empty()
    }

    /// How many notes the other copy added.
    pub fn notes_added(&self) -> usize {
        self.added.get(&Kind::Note).copied().unwrap_or(0)
    }

    /// One line in words: `+12 notes, 3 actions changed, 1 note deleted`
    /// (the conflicts are told apart with [`MergeReport::conflict_lines`]).
    pub fn summary(&self, lang: Lang) -> String {
        let mut parts = Vec::new();
        let list =
            |map: &BTreeMap<Kind, usize>, word: &str, sign: &str, parts: &mut Vec<String>| {
                for (kind, n) in map {
                    let name = kind.name(lang, *n);
                    parts.push(if word.is_empty() {
                        format!("{sign}{n} {name}")
                    } else {
                        format!("{n} {name} {word}")
                    });
                }
            };
        list(&self.added, "", "+", &mut parts);
        let (changed, deleted) = match lang {
            Lang::En => ("changed", "deleted"),
            Lang::Da => ("ændret", "slettet"),
        };
        list(&self.changed, changed, "", &mut parts);
        list(&self.deleted, deleted, "", &mut parts);
        if !self.conflicts.is_empty() {
            let n = self.conflicts.len();
            parts.push(match lang {
                Lang::En if n == 1 => "1 conflict resolved".to_string(),
                Lang::En => format!("{n} conflicts resolved"),
                Lang::Da if n == 1 => "1 konflikt løst".to_string(),
                Lang::Da => format!("{n} konflikter løst"),
            });
        }
        parts.join(", ")
    }

    /// One line per conflict: `note 3f2a text (B newer)`, with `theirs`
    /// and `ours` naming the two copies.
    pub fn conflict_lines(&self, lang: Lang, ours: &str, theirs: &str) -> Vec<String> {
        let newer = match lang {
            Lang::En => "newer",
            Lang::Da => "nyere",
        };
        self.conflicts
            .iter()
            .map(|c| {
                let short: String = c.id.simple().to_string().chars().take(4).collect();
                let who = if c.theirs_newer { theirs } else { ours };
                format!(
                    "{} {short} {} ({who} {newer})",
                    c.kind.name(lang, 1),
                    c.field
                )
            })
            .collect()
    }

    /// Adds what a later merge brought.
    pub fn absorb(&mut self, other: MergeReport) {
        for (map, more) in [
            (&mut self.added, other.added),
            (&mut self.changed, other.changed),
            (&mut self.deleted, other.deleted),
        ] {
            for (kind, n) in more {
                *map.entry(kind).or_default() += n;
            }
        }
        self.conflicts.extend(other.conflicts);
    }

    pub(super) fn count(map: &mut BTreeMap<Kind, usize>, kind: Kind) {
        *map.entry(kind).or_default() += 1;
    }
}
