//! What may leave the machine: private notes never do, and on request the
//! names of participants, writers and facilitators stay behind too.

use std::collections::HashSet;

use uuid::Uuid;

use crate::i18n::Lang;
use crate::model::{LinkKind, Note, Session};

/// `session` made fit to leave the machine: private notes are gone,
/// with their dots and the links to them, and so are private clusters,
/// decisions and actions (those made from a private note and not made
/// public since). A cluster left empty goes too; a public note of a
/// private cluster stays, outside any cluster. One pass over each list,
/// in place: an export of a large session holds it once.
pub fn without_private(session: Session) -> Session {
    let mut public = session;
    // Clocks and tombstones are for merging copies, not for readers.
    public.drop_bookkeeping();
    let notes: HashSet<Uuid> = public
        .notes
        .iter()
        .filter(|n| n.private)
        .map(|n| n.id)
        .collect();
    let clusters: HashSet<Uuid> = public
        .clusters
        .iter()
        .filter(|c| c.private)
        .map(|c| c.id)
        .collect();
    let decisions: HashSet<Uuid> = public
        .decisions
        .iter()
        .filter(|d| d.private)
        .map(|d| d.id)
        .collect();
    public.notes.retain(|n| !n.private);
    let mut used: HashSet<Uuid> = HashSet::new();
    for n in &mut public.notes {
        n.links
            .retain(|l| l.session.is_some() || !notes.contains(&l.note));
        if n.cluster.is_some_and(|c| clusters.contains(&c)) {
            n.cluster = None;
        }
        used.extend(n.cluster);
    }
    public.clusters.retain(|c| used.contains(&c.id));
    for c in &mut public.clusters {
        c.from.retain(|n| !notes.contains(n));
    }
    public.votes.retain(|v| !notes.contains(&v.note));
    public.decisions.retain(|d| !d.private);
    for d in &mut public.decisions {
        d.notes.retain(|n| !notes.contains(n));
    }
    public.actions.retain(|a| !a.private);
    for a in &mut public.actions {
        if a.note.is_some_and(|n| notes.contains(&n)) {
            a.note = None;
        }
        if a.decision.is_some_and(|d| decisions.contains(&d)) {
            a.decision = None;
        }
    }
    public
}

/// `session` without names: participants become "Participant 1, 2, …"
/// (their backpacks too), and writers, voters, action owners and
/// facilitators are left out. Roles stay, since they name no one. A name
/// that also turns up in a title, a board's name or a note's words is
/// replaced there too, as a whole word (with a genitive "s").
pub fn anonymized(session: Session, lang: Lang) -> Session {
    let names = names(&session, lang);
    let scrub = |text: &mut String| *text = scrubbed(text, &names);
    let mut s = session;
    for (i, p) in s.context.participants.iter_mut().enumerate() {
        p.pseudonym = participant_label(i, lang);
    }
    s.context.facilitators.clear();
    for n in &mut s.notes {
        n.author = None;
    }
    for v in &mut s.votes {
        v.voter = None;
    }
    for a in &mut s.actions {
        a.owner = None;
    }
    for board in &mut s.boards {
        if let Some(p) = board.participant
            && let Some(named) = s.context.participants.iter().find(|x| x.id == p)
        {
            board.name.clone_from(&named.pseudonym);
        } else {
            scrub(&mut board.name);
        }
    }
    scrub(&mut s.context.title);
    for note in &mut s.notes {
        scrub(&mut note.text);
    }
    for cluster in &mut s.clusters {
        scrub(&mut cluster.title);
    }
    for decision in &mut s.decisions {
        scrub(&mut decision.text);
    }
    for action in &mut s.actions {
        scrub(&mut action.text);
    }
    s
}

/// The title `session` has once [`anonymized`]: how an export names a
/// session it links to.
pub fn anonymized_title(session: &Session, lang: Lang) -> String {
    scrubbed(&session.context.title, &names(session, lang))
}

fn participant_label(i: usize, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Deltager {}", i + 1),
        Lang::En => format!("Participant {}", i + 1),
    }
}

/// Every name the session knows, with what it becomes: a participant's
/// pseudonym their number, anyone else's a blank. Longest first, so
/// "Anne Marie" goes before "Anne".
fn names(s: &Session, lang: Lang) -> Vec<(String, String)> {
    let someone = match lang {
        Lang::Da => "[navn]",
        Lang::En => "[name]",
    };
    let mut names: Vec<(String, String)> = s
        .context
        .participants
        .iter()
        .enumerate()
        .map(|(i, p)| (p.pseudonym.clone(), participant_label(i, lang)))
        .collect();
    let others = s
        .context
        .facilitators
        .iter()
        .chain(s.notes.iter().filter_map(|n| n.author.as_ref()))
        .chain(s.votes.iter().filter_map(|v| v.voter.as_ref()))
        .chain(s.actions.iter().filter_map(|a| a.owner.as_ref()));
    for name in others {
        if !names
            .iter()
            .any(|(n, _)| n.to_lowercase() == name.to_lowercase())
        {
            names.push((name.clone(), someone.to_string()));
        }
    }
    let parts = name_parts(&names, someone);
    names.extend(parts);
    names.retain(|(n, _)| n.chars().count() >= 2);
    names.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
    names
}

/// The parts of the names of several words ("Ahmed Rahimi" → "Ahmed",
/// "Rahimi"; "Anne-Marie" → "Anne", "Marie"), each with its name's label,
/// so that a first name or a surname alone is found too. A part starts
/// with a capital letter (particles such as "de" or "van" are left, as
/// they are ordinary words too). A part two people share, or that is a
/// whole name of its own, gets the neutral label, so that it never points
/// to the wrong person.
fn name_parts(names: &[(String, String)], someone: &str) -> Vec<(String, String)> {
    let same = |a: &str, b: &str| a.to_lowercase() == b.to_lowercase();
    let mut parts: Vec<(String, String)> = Vec::new();
    for (name, label) in names {
        let words: Vec<&str> = name
            .split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .collect();
        if words.len() < 2 {
            continue;
        }
        for word in words {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            let capital = word.chars().next().is_some_and(char::is_uppercase);
            if word.chars().count() < 2 || !capital {
                continue;
            }
            if names.iter().any(|(n, l)| same(n, word) && l != label) {
                continue;
            }
            match parts.iter_mut().find(|(p, _)| same(p, word)) {
                Some((_, l)) if l != label => *l = someone.to_string(),
                Some(_) => {}
                None => parts.push((word.to_string(), label.clone())),
            }
        }
    }
    parts.retain(|(p, _)| !names.iter().any(|(n, _)| same(n, p)));
    parts
}

fn scrubbed(text: &str, names: &[(String, String)]) -> String {
    let mut out = text.to_string();
    for (name, label) in names {
        out = replace_word(&out, name, label);
    }
    out
}

/// `text` with every whole-word `name` (in any case, also followed by a
/// genitive "s") replaced by `label`.
fn replace_word(text: &str, name: &str, label: &str) -> String {
    let name: Vec<char> = name.chars().collect();
    let chars: Vec<char> = text.chars().collect();
    let same = |a: char, b: char| a == b || a.to_lowercase().eq(b.to_lowercase());
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let starts_word = i == 0 || !chars[i - 1].is_alphanumeric();
        let matches = starts_word
            && chars.len() - i >= name.len()
            && chars[i..i + name.len()]
                .iter()
                .zip(&name)
                .all(|(a, b)| same(*a, *b));
        if matches {
            let mut end = i + name.len();
            let genitive = chars.get(end).is_some_and(|c| *c == 's' || *c == 'S')
                && chars.get(end + 1).is_none_or(|c| !c.is_alphanumeric());
            if genitive {
                end += 1;
            }
            if chars.get(end).is_none_or(|c| !c.is_alphanumeric()) {
                out.push_str(label);
                if genitive {
                    out.push('s');
                }
                i = end;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// The private notes of the sessions an export can read, so that a copy
/// carried from one of them into the session exported stays behind too.
#[derive(Debug, Clone, Default)]
pub struct PrivateElsewhere {
    notes: HashSet<Uuid>,
    texts: HashSet<String>,
}

impl PrivateElsewhere {
    /// The private notes of `sessions`.
    pub fn of<'a>(sessions: impl IntoIterator<Item = &'a Session>) -> PrivateElsewhere {
        PrivateElsewhere::among(sessions, false)
    }

    /// [`PrivateElsewhere::of`] `sessions` that are every session the
    /// export could find for what it writes (the store, or the sessions
    /// exported and those they link to): a note carried from a session
    /// not among them, one gone or that could not be read, counts as
    /// private too, since whether its origin was private cannot be told.
    pub fn of_all<'a>(sessions: impl IntoIterator<Item = &'a Session>) -> PrivateElsewhere {
        PrivateElsewhere::among(sessions, true)
    }

    fn among<'a>(
        sessions: impl IntoIterator<Item = &'a Session>,
        complete: bool,
    ) -> PrivateElsewhere {
        let sessions: Vec<&Session> = sessions.into_iter().collect();
        let known: HashSet<Uuid> = sessions.iter().map(|s| s.id).collect();
        let notes: Vec<&Note> = sessions.iter().flat_map(|s| &s.notes).collect();
        let mut out = PrivateElsewhere::default();
        let unseen_origin = |n: &Note| {
            complete
                && n.links.iter().any(|l| {
                    l.kind == LinkKind::CarriedFrom
                        && l.session.is_some_and(|s| !known.contains(&s))
                })
        };
        for n in notes.iter().filter(|n| n.private || unseen_origin(n)) {
            out.notes.insert(n.id);
            out.texts.insert(n.text.clone());
        }
        // A copy carried on before its original went private is private
        // too, and so is a copy of that copy, however far it went.
        loop {
            let before = out.notes.len();
            for n in &notes {
                let from_private = n.links.iter().any(|l| {
                    l.kind == LinkKind::CarriedFrom
                        && l.session.is_some()
                        && out.notes.contains(&l.note)
                });
                if from_private && out.notes.insert(n.id) {
                    out.texts.insert(n.text.clone());
                }
            }
            if out.notes.len() == before {
                return out;
            }
        }
    }
}

/// The session as it may be exported: without what is private, also
/// through [`PrivateElsewhere`], and without names if asked.
pub fn prepare(
    session: Session,
    anonymize: bool,
    lang: Lang,
    elsewhere: &PrivateElsewhere,
) -> Session {
    let mut marked = session;
    if !elsewhere.notes.is_empty() {
        let updated = marked.updated;
        marked.hide_private_origins(&elsewhere.notes, &elsewhere.texts, updated);
    }
    let public = without_private(marked);
    if anonymize {
        anonymized(public, lang)
    } else {
        public
    }
}

#[cfg(test)]
mod tests {
    use super::{name_parts, replace_word, scrubbed};

    #[test]
    fn a_first_name_or_surname_alone_is_a_name_too() {
        let names = vec![
            ("Ahmed Rahimi".to_string(), "[navn]".to_string()),
            ("Anne-Marie de Vries".to_string(), "Deltager 1".to_string()),
            ("Anne Holm".to_string(), "Deltager 2".to_string()),
        ];
        let mut all = names.clone();
        all.extend(name_parts(&names, "[navn]"));
        all.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
        assert_eq!(
            scrubbed("Ahmed sagde at Rahimi og de andre kom", &all),
            "[navn] sagde at [navn] og de andre kom",
            "particles such as 'de' stay ordinary words"
        );
        assert_eq!(scrubbed("Marie og Vries", &all), "Deltager 1 og Deltager 1");
        assert_eq!(
            scrubbed("Anne kom", &all),
            "[navn] kom",
            "a part two people share points to neither"
        );
        assert_eq!(scrubbed("Holms bil", &all), "Deltager 2s bil");
    }

    #[test]
    fn names_are_replaced_as_whole_words_only() {
        assert_eq!(
            replace_word("Amal og amals rygsæk", "Amal", "Deltager 1"),
            "Deltager 1 og Deltager 1s rygsæk"
        );
        assert_eq!(
            replace_word("Amalie kom ikke", "Amal", "X"),
            "Amalie kom ikke"
        );
        assert_eq!(replace_word("(Ole)", "Ole", "[navn]"), "([navn])");
        assert_eq!(replace_word("Olesen", "Ole", "[navn]"), "Olesen");
    }

    #[test]
    fn a_copy_of_a_copy_of_a_private_note_is_private_elsewhere() {
        use crate::model::testing::{context, method};
        use crate::model::{LinkKind, NoteLink};
        use uuid::Uuid;
        let m = method();
        let t = jiff::Timestamp::UNIX_EPOCH;
        let mut a = crate::model::Session::new(&m, context("a"), t);
        let n = a
            .add_note(&m, crate::model::NewNote::new("kritik", "ord"), t)
            .unwrap();
        a.set_private(n, true, t).unwrap();
        let carried = |from: Uuid, session: Uuid, text: &str| {
            let mut s = crate::model::Session::new(&m, context("x"), t);
            let id = s
                .add_note(&m, crate::model::NewNote::new("kritik", text), t)
                .unwrap();
            s.notes[0].links.push(NoteLink {
                kind: LinkKind::CarriedFrom,
                note: from,
                session: Some(session),
            });
            (s, id)
        };
        let (b, n2) = carried(n, a.id, "ord, omskrevet");
        let (c, n3) = carried(n2, b.id, "ord, omskrevet igen");
        let elsewhere = super::PrivateElsewhere::of([&a, &b, &c]);
        assert!(elsewhere.notes.contains(&n2) && elsewhere.notes.contains(&n3));
    }
}
