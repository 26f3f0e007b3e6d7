//! A problem tree as a real workshop leaves it: six root causes, three
//! levels deep, consequences in the crown; mirrored into a solution tree
//! whose cards have owners with watering cans. Shared by the tree
//! snapshots and the headless tree tests.

#![allow(dead_code, clippy::unwrap_used)]

use jiff::Timestamp;
use sempre::i18n::Lang;
use sempre::methods::MethodLibrary;
use sempre::model::{ActionStatus, Context, NewNote, Session};
use uuid::Uuid;

/// Cards of the roots: (text, the card it hangs under, by position in
/// this list; `None` hangs from the trunk).
const CAUSES: [(&str, Option<usize>); 13] = [
    ("Pengene slår ikke til", None),
    ("Deltidsjob, fordi der ikke er pasning om aftenen", Some(0)),
    ("Vuggestuen lukker kl. 16.30", Some(1)),
    ("Dyr husleje herude", Some(0)),
    ("Jeg er alene om det hele", None),
    ("Ingen familie i nærheden", Some(4)),
    ("Jeg sover for lidt", None),
    ("Den mindste vågner hver nat", Some(6)),
    ("Ingen aflastning i weekenden", Some(7)),
    ("Sund mad tager tid at lave", None),
    ("Bussen kører én gang i timen", None),
    ("Jeg føler mig dømt og beder ikke om hjælp", None),
    ("Bange for, at kommunen holder øje", Some(11)),
];

/// Cards of the crown, hung the same way.
const CONSEQUENCES: [(&str, Option<usize>); 4] = [
    ("Ofte syg", None),
    ("Går syg på arbejde", Some(0)),
    ("Stressede børn", None),
    ("Færre venner", None),
];

/// How the group turned cards around in the solution tree.
const TURNED: [(&str, &str); 6] = [
    ("Pengene slår ikke til", "Økonomien hænger sammen"),
    (
        "Jeg er alene om det hele",
        "Vi hjælper hinanden i hverdagen",
    ),
    ("Jeg sover for lidt", "Nætter med nok søvn"),
    ("Bussen kører én gang i timen", "Vi samkører ind til byen"),
    (
        "Vuggestuen lukker kl. 16.30",
        "Pasning til kl. 18 to dage om ugen",
    ),
    (
        "Vi enlige forældre har ikke overskud til at passe på vores eget helbred.",
        "Vi enlige forældre har overskud til at passe på vores eget helbred.",
    ),
];

fn t() -> Timestamp {
    "2026-11-23T09:00:00Z".parse().unwrap()
}

/// The problem tree, in the problem-tree phase, in a session held in
/// `lang` (the board speaks the session's language).
pub fn problem_tree(lang: Lang) -> Session {
    let library = MethodLibrary::builtin();
    let m = library.get("problemtrae").unwrap();
    let context = Context {
        title: "Enlige forældres sundhed".into(),
        language: lang,
        network: None,
        ..Default::default()
    };
    let mut s = Session::new(m, context, t());
    s.start_phase(m, "problemtrae", t()).unwrap();
    let core = s
        .add_note(
            m,
            NewNote::new(
                "kerneproblem",
                "Vi enlige forældre har ikke overskud til at passe på vores eget helbred.",
            ),
            t(),
        )
        .unwrap();
    for (zone, cards) in [
        ("aarsager", &CAUSES[..]),
        ("konsekvenser", &CONSEQUENCES[..]),
    ] {
        let mut ids: Vec<Uuid> = Vec::new();
        for (text, under) in cards {
            let id = s.add_note(m, NewNote::new(zone, text), t()).unwrap();
            let parent = under.map_or(core, |p| ids[p]);
            s.set_tree_parent(m, id, parent, t()).unwrap();
            ids.push(id);
        }
    }
    s.add_note(
        m,
        NewNote::new("antagelser", "Bussen kommer ikke til at køre oftere"),
        t(),
    )
    .unwrap();
    s
}

/// The solution tree in the ownership phase: three cards have an owner,
/// one of them through an action that stays private.
pub fn solution_tree(lang: Lang) -> Session {
    let library = MethodLibrary::builtin();
    let m = library.get("problemtrae").unwrap();
    let mut s = problem_tree(lang);
    let board = s.boards[0].id;
    s.start_phase(m, "loesningstrae", t()).unwrap();
    s.mirror_tree(m, board, t()).unwrap();
    let solution = |s: &Session, text: &str| {
        s.notes
            .iter()
            .find(|n| n.text == text && ["midler", "maal", "virkninger"].contains(&n.zone.as_str()))
            .map(|n| n.id)
            .unwrap()
    };
    for (before, after) in TURNED {
        let id = solution(&s, before);
        s.edit_note(id, after, t()).unwrap();
    }
    s.start_phase(m, "ejerskab", t()).unwrap();
    for (text, owner, private) in [
        ("Pasning til kl. 18 to dage om ugen", "Amal", false),
        ("Vi samkører ind til byen", "Trine", false),
        ("Nætter med nok søvn", "Louise", true),
    ] {
        let note = solution(&s, text);
        let id = s.add_action(text, Some(note), None, t()).unwrap();
        s.update_action(id, Some(owner), None, ActionStatus::Open, t())
            .unwrap();
        if private {
            s.actions.last_mut().unwrap().private = true;
        }
    }
    s
}
