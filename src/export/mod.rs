//! Exports: what leaves the machine. Private notes never do.

mod json;

pub use json::to_json;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NewNote;
    use crate::model::testing::{context, method};
    use jiff::Timestamp;

    #[test]
    fn private_notes_and_their_traces_are_removed() {
        let m = method();
        let t = Timestamp::UNIX_EPOCH;
        let mut s = Session::new(&m, context("t"), t);
        let open = s.add_note(&m, NewNote::new("kritik", "synlig"), t).unwrap();
        let secret = s
            .add_note(
                &m,
                NewNote {
                    private: true,
                    ..NewNote::new("kritik", "hemmelig")
                },
                t,
            )
            .unwrap();
        s.cluster_notes(&[secret], "Kun privat", t).unwrap();
        s.set_dots(secret, 2, None, t).unwrap();
        s.add_decision("Beslutning", &[open, secret], t).unwrap();
        let public = without_private(&s);
        let json = serde_json::to_string(&public).unwrap();
        assert!(!json.contains("hemmelig"));
        assert!(!json.contains("Kun privat"));
        assert!(!json.contains(&secret.to_string()));
        assert!(json.contains("synlig"));
        assert_eq!(public.decisions[0].notes, vec![open]);
        assert_eq!(s.notes.len(), 2, "the original is untouched");
    }
}
