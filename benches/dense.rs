//! Sessions for benches: a plain one, and one as dense as the example
//! sessions (votes, clusters, private notes, decisions and actions).

use jiff::Timestamp;
use jiff::civil::date;
use sempre::i18n::Lang;
use sempre::methods::MethodLibrary;
use sempre::model::{Context, LinkKind, NewNote, NoteLink, Session};
use uuid::Uuid;

/// A session of `notes` plain notes, the `n`th of a store.
pub fn session(notes: usize, n: usize) -> Session {
    let library = MethodLibrary::builtin();
    let method = library.get("fremtidsvaerksted").expect("built in");
    let context = Context {
        title: format!("Hverdagen som enlig forælder {n}"),
        language: Lang::Da,
        network: Some(format!("LEN {}", n % 12)),
        target_group: Some("Enlige forældre".into()),
        place: None,
        date: Some(date(2026, 1 + (n % 12) as i8, 1 + (n % 28) as i8)),
        facilitators: vec!["Mette".into()],
        participant_count: Some(12),
        participants: vec![],
        tags: vec!["mikroprojekt".into()],
    };
    let t = Timestamp::UNIX_EPOCH;
    let mut s = Session::new(method, context, t);
    let zones = ["kritik", "fantasi", "virkeliggoerelse"];
    for i in 0..notes {
        let text = format!("Seddel {i}: for lidt tid med børnene om aftenen og i weekenden");
        let id = s
            .add_note(method, NewNote::new(zones[i % 3], &text), t)
            .expect("valid");
        if i % 50 == 0 {
            s.set_dots(id, (i % 7) as u32, None, t).expect("valid");
            s.add_action(&format!("Følg op på seddel {i}"), Some(id), None, t)
                .expect("valid");
        }
    }
    s
}

/// A session shaped like the examples, built from one real note, vote,
/// cluster, decision and action as templates (adding 100,000 notes one by
/// one through the model would time the model, not the export).
pub fn dense(notes: usize) -> Session {
    let library = MethodLibrary::builtin();
    let m = library.get("fremtidsvaerksted").expect("built in");
    let t = Timestamp::UNIX_EPOCH;
    let mut s = session(0, 1);
    let first = s
        .add_note(m, NewNote::new("kritik", "skabelon"), t)
        .expect("valid");
    s.set_dots(first, 1, Some("Amal"), t).expect("valid");
    s.cluster_notes(&[first], "Skabelon", t).expect("valid");
    let decision = s.add_decision("Skabelon", &[first], t).expect("valid");
    s.add_action("Skabelon", Some(first), Some(decision), t)
        .expect("valid");
    let note = s.notes[0].clone();
    let vote = s.votes[0].clone();
    let cluster = s.clusters[0].clone();
    let decision = s.decisions[0].clone();
    let action = s.actions[0].clone();
    s.notes.clear();
    s.votes.clear();
    s.clusters.clear();
    s.decisions.clear();
    s.actions.clear();
    let zones = ["kritik", "fantasi", "virkeliggoerelse"];
    let id = |kind: u128, i: usize| Uuid::from_u128((kind << 64) | i as u128);
    let link = |kind, i: usize| NoteLink {
        kind,
        note: id(1, i),
        session: None,
    };
    for i in 0..notes {
        let zone = zones[i % 3];
        // Three clusters per 30 notes (one per zone), holding most of them.
        let cluster_id = id(2, (i / 30) * 3 + i % 3);
        if i % 30 < 3 {
            let mut c = cluster.clone();
            c.id = cluster_id;
            c.zone = zone.to_string();
            c.title = format!("Tema {i}");
            c.from.clear();
            s.clusters.push(c);
        }
        let mut n = note.clone();
        n.id = id(1, i);
        n.zone = zone.to_string();
        n.text = format!("Seddel {i}: for lidt tid med børnene om aftenen og i weekenden");
        n.cluster = (i % 30 < 21).then_some(cluster_id);
        n.private = i % 40 == 7;
        n.author = (i % 4 == 0).then(|| format!("Deltager {}", i % 12));
        n.links = match i % 100 {
            50 => vec![link(LinkKind::AttachedTo, i - 1)],
            51 => vec![link(LinkKind::CarriedFrom, i - 3)],
            _ => Vec::new(),
        };
        s.notes.push(n);
        if i % 5 < 3 {
            let mut v = vote.clone();
            v.id = id(3, i);
            v.note = id(1, i);
            v.dots = 1 + (i % 3) as u32;
            v.tie_break = i % 997 == 0;
            s.votes.push(v);
        }
        if i % 200 == 0 {
            let mut d = decision.clone();
            d.id = id(4, i);
            d.text = format!("Beslutning om seddel {i}");
            d.notes = vec![id(1, i)];
            d.private = i % 40 == 7;
            s.decisions.push(d);
            let mut a = action.clone();
            a.id = id(5, i);
            a.text = format!("Følg op på seddel {i}");
            a.note = Some(id(1, i));
            a.decision = Some(id(4, i));
            a.private = i % 40 == 7;
            s.actions.push(a);
        }
    }
    s
}
