//! What may leave the machine: private notes never do, and on request the
//! names of participants, writers and facilitators stay behind too.

use crate::i18n::Lang;
use crate::model::Session;

/// A copy of `session` fit to leave the machine: private notes are gone,
/// with their dots, the links to them and the clusters left empty by them.
pub fn without_private(session: &Session) -> Session {
    let mut public = session.clone();
    let private: Vec<_> = session
        .notes
        .iter()
        .filter(|n| n.private)
        .map(|n| n.id)
        .collect();
    for id in private {
        // The ids come from the session itself, so each is there once.
        let _ = public.delete_note(id, session.updated);
    }
    let notes = &public.notes;
    public
        .clusters
        .retain(|c| notes.iter().any(|n| n.cluster == Some(c.id)));
    public.updated = session.updated;
    public
}

/// `session` without names: participants become "Participant 1, 2, …"
/// (their backpacks too), and writers, voters, action owners and
/// facilitators are left out. Roles stay, since they name no one. A name
/// that also turns up in a title, a board's name or a note's words is
/// replaced there too, as a whole word (with a genitive "s").
pub fn anonymized(session: &Session, lang: Lang) -> Session {
    let names = names(session, lang);
    let scrub = |text: &mut String| *text = scrubbed(text, &names);
    let mut s = session.clone();
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
    names.retain(|(n, _)| n.chars().count() >= 2);
    names.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
    names
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

/// The session as it may be exported.
pub fn prepare(session: &Session, anonymize: bool, lang: Lang) -> Session {
    let public = without_private(session);
    if anonymize {
        anonymized(&public, lang)
    } else {
        public
    }
}

#[cfg(test)]
mod tests {
    use super::replace_word;

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
}
