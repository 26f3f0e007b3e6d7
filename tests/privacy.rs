//! Private means private: a private note's words, and everything made from
//! it, never reach an export, a search or the projector. Through the real
//! binary and keymap first, then as a property over random workshops.

#![allow(clippy::unwrap_used)]

mod common;

use common::{CTRL_S, ENTER, Tty, add_note, new_session, only_session, sempre, stdout, store};
use jiff::Timestamp;
use jiff::civil::date;
use jiff::tz::TimeZone;
use proptest::prelude::*;
use proptest::test_runner::RngSeed;
use sempre::export::{
    Format, Options, PrivateElsewhere, Source, export, link_titles, network_report,
};
use sempre::i18n::Lang;
use sempre::methods::MethodLibrary;
use sempre::model::{Carry, Context, NewNote, Session, carry_forward};
use uuid::Uuid;

const SECRET: &str = "Eksmanden truer mig stadig";

/// The issue as it was found: `P` on a note, then `D` Enter and `A`, and
/// the note's words came out under decisions and actions of an anonymized
/// export. Now the decision and the action are private too, the board says
/// so, marks them, and no export, `show` or `list --text` has the words.
#[test]
fn a_decision_and_an_action_made_from_a_private_note_stay_private() {
    let (_dir, store) = store();
    let mut tty = Tty::spawn(&store, &[]);
    new_session(&mut tty, "fremtidsvaerksted", "Aftenmøde");
    tty.wait_for(&["Kritik (0)"]);
    add_note(&mut tty, "Vi mangler tid");
    add_note(&mut tty, SECRET);
    tty.send("P");
    tty.wait_for(&["[privat]", "Privat: vises ikke"]);
    tty.send("D");
    tty.wait_for(&["Beslutning", SECRET]);
    tty.send(ENTER);
    tty.wait_for(&["Privat, da den kommer fra en privat seddel"]);
    tty.send("A");
    tty.wait_for(&["Handling", SECRET]);
    tty.send(CTRL_S);
    tty.wait_gone("Ejer");
    tty.wait_for(&["Privat, da den kommer fra en privat seddel"]);
    tty.send("o");
    tty.wait_for(&[
        &format!("◆ [privat] {SECRET}"),
        &format!("○ [privat] {SECRET}"),
    ]);
    tty.send("q");
    tty.wait_gone("◆ [privat]");
    tty.send("q");
    tty.wait_for(&["Sessioner"]);
    tty.send("q");
    tty.wait_exit();

    let session = only_session(&store);
    assert_eq!(session["decisions"][0]["private"], true);
    assert_eq!(session["actions"][0]["private"], true);
    let id = session["id"].as_str().unwrap().to_string();
    for format in ["md", "html", "csv", "json"] {
        for anonymize in [false, true] {
            let mut cmd = sempre(&store);
            cmd.args(["export", &id, "--format", format]);
            if anonymize {
                cmd.arg("--anonymize");
            }
            let text = stdout(&mut cmd);
            assert!(!text.contains("truer"), "{format} {anonymize}:\n{text}");
            assert!(
                text.contains("Vi mangler tid"),
                "{format}: the public note stays"
            );
        }
    }
    let shown = stdout(sempre(&store).args(["show", &id]));
    assert!(
        !shown.contains("truer") && shown.contains("3 private items are hidden"),
        "{shown}"
    );
    let found = stdout(sempre(&store).args(["list", "--json", "--text", "truer"]));
    assert!(
        !found.contains(&id),
        "a search found private words: {found}"
    );
    let found = stdout(sempre(&store).args(["list", "--json", "--text", "mangler"]));
    assert!(found.contains(&id), "public words are still found: {found}");
}

// ---------------------------------------------------------------------
// The property: any workshop, any sequence of moves, no private words out.

/// A move a facilitator makes on the board, with what the board fills in.
#[derive(Debug, Clone)]
enum Move {
    /// `D` on these notes: the form is filled in with their words.
    Decide(Vec<usize>),
    /// `A` on a note: the form is filled in with its words.
    Act(usize),
    /// `A` on a decision in the panel.
    ActOnDecision(usize),
    /// `C` new cluster of the note and its neighbours in the zone, titled
    /// with the first one's words (the worst a facilitator could type).
    Cluster(usize),
    /// `M` on a problem tree.
    Mirror,
    /// `s` in a narrowing phase (Double Diamond).
    Onward(usize),
    /// `P` on a note that was public until now.
    MakePrivate(usize),
    /// `F` these notes into a new session.
    Carry(Vec<usize>),
}

fn moves() -> impl Strategy<Value = Move> {
    prop_oneof![
        prop::collection::vec(0usize..64, 1..4).prop_map(Move::Decide),
        (0usize..64).prop_map(Move::Act),
        (0usize..64).prop_map(Move::ActOnDecision),
        (0usize..64).prop_map(Move::Cluster),
        Just(Move::Mirror),
        (0usize..64).prop_map(Move::Onward),
        (0usize..64).prop_map(Move::MakePrivate),
        prop::collection::vec(0usize..64, 1..4).prop_map(Move::Carry),
    ]
}

/// A note's words, with a marker no other note has (a copy keeps it).
fn words(i: usize, nonce: u32) -> String {
    format!("ord{i}x{nonce}z og mere")
}

/// The markers of the words that must not leave: those of every note the
/// workshop started with that is private in the end. Its copies share its
/// marker, and must be private too (made from it); a copy made private on
/// its own does not make a public original's words secret.
fn secret_markers(sessions: &[Session], originals: &[Uuid]) -> Vec<String> {
    let first = &sessions[0];
    originals
        .iter()
        .filter_map(|id| first.note(*id).ok())
        .filter(|n| n.private)
        .filter_map(|n| n.text.split_whitespace().next().map(str::to_string))
        .collect()
}

const METHODS: [&str; 3] = ["fremtidsvaerksted", "problemtrae", "double-diamond"];

fn pick<T: Copy>(items: &[T], i: usize) -> Option<T> {
    (!items.is_empty()).then(|| items[i % items.len()])
}

/// Plays `moves` on a new session; returns it and the sessions carried
/// out of it, and the notes it started with.
fn play(
    method: &str,
    notes: &[(bool, usize)],
    nonce: u32,
    moves: &[Move],
) -> (Vec<Session>, Vec<Uuid>) {
    let library = MethodLibrary::builtin();
    let m = library.get(method).unwrap();
    let t = Timestamp::UNIX_EPOCH;
    let context = Context {
        title: "Workshop".into(),
        network: Some("LEN Test".into()),
        facilitators: vec!["Ahmed Rahimi".into()],
        ..Context::default()
    };
    let mut s = Session::new(m, context, t);
    for (i, (private, zone)) in notes.iter().enumerate() {
        let zone = &m.zones[zone % m.zones.len()].id;
        let new = NewNote {
            private: *private,
            author: Some("Amal".into()),
            ..NewNote::new(zone, &words(i, nonce))
        };
        s.add_note(m, new, t).unwrap();
    }
    let originals: Vec<Uuid> = s.notes.iter().map(|n| n.id).collect();
    let mut carried = Vec::new();
    let ids = |s: &Session| s.notes.iter().map(|n| n.id).collect::<Vec<_>>();
    for mv in moves {
        let all = ids(&s);
        let text_of = |s: &Session, id| s.note(id).unwrap().text.replace('\n', " ");
        match mv {
            Move::Decide(picks) => {
                let chosen: Vec<_> = picks.iter().filter_map(|i| pick(&all, *i)).collect();
                if chosen.is_empty() {
                    continue;
                }
                let text: Vec<String> = chosen.iter().map(|id| text_of(&s, *id)).collect();
                s.add_decision(&text.join("; "), &chosen, t).unwrap();
            }
            Move::Act(i) => {
                if let Some(id) = pick(&all, *i) {
                    let text = text_of(&s, id);
                    s.add_action(&text, Some(id), None, t).unwrap();
                }
            }
            Move::ActOnDecision(i) => {
                let decisions: Vec<_> = s.decisions.iter().map(|d| d.id).collect();
                if let Some(d) = pick(&decisions, *i) {
                    let text = s.decisions.iter().find(|x| x.id == d).unwrap().text.clone();
                    s.add_action(&text, None, Some(d), t).unwrap();
                }
            }
            Move::Cluster(i) => {
                if let Some(first) = pick(&all, *i) {
                    let zone = s.note(first).unwrap().zone.clone();
                    let mut chosen = vec![first];
                    chosen.extend(
                        s.notes
                            .iter()
                            .filter(|n| n.zone == zone && n.id != first)
                            .take(2)
                            .map(|n| n.id),
                    );
                    let title = text_of(&s, first);
                    s.cluster_notes(&chosen, &title, t).unwrap();
                }
            }
            Move::Mirror => {
                let board = s.boards[0].id;
                let _ = s.mirror_tree(m, board, t);
            }
            Move::Onward(i) => {
                if let (Some(id), Some(zone)) = (pick(&all, *i), m.zones.last()) {
                    let _ = s.choose_onward(m, id, &zone.id, t);
                }
            }
            Move::MakePrivate(i) => {
                if let Some(id) = pick(&all, *i) {
                    s.set_private(id, true, t).unwrap();
                }
            }
            Move::Carry(picks) => {
                let chosen: Vec<_> = picks.iter().filter_map(|i| pick(&all, *i)).collect();
                if chosen.is_empty() {
                    continue;
                }
                let target = library.get("double-diamond").unwrap();
                let carry = Carry {
                    notes: &chosen,
                    method: target,
                    zone: &target.zones[0].id,
                    context: Context {
                        title: "Videre".into(),
                        network: Some("LEN Test".into()),
                        ..Context::default()
                    },
                    branches: true,
                };
                carried.push(carry_forward(&mut s, m, carry, t).unwrap());
            }
        }
    }
    let mut all = vec![s];
    all.extend(carried);
    (all, originals)
}

fn options(anonymize: bool, sessions: &[Session]) -> Options {
    Options {
        anonymize,
        lang: Lang::Da,
        tz: TimeZone::UTC,
        today: date(2026, 12, 1),
        titles: link_titles(sessions, anonymize, Lang::Da),
        private_elsewhere: PrivateElsewhere::of(sessions),
        plans: Default::default(),
    }
}

proptest! {
    // A fresh seed on every developer run, to keep looking for new ways
    // out; a fixed one in CI, so that a landing never depends on luck.
    #![proptest_config(ProptestConfig {
        cases: 256,
        rng_seed: if std::env::var_os("CI").is_some() {
            RngSeed::Fixed(0x5e3b_2026)
        } else {
            RngSeed::Random
        },
        ..ProptestConfig::default()
    })]

    #[test]
    fn no_export_ever_holds_a_private_notes_words(
        method in 0usize..METHODS.len(),
        notes in prop::collection::vec((any::<bool>(), 0usize..12), 1..10),
        nonce in 1000u32..9999,
        moves in prop::collection::vec(moves(), 0..14),
    ) {
        let (sessions, originals) = play(METHODS[method], &notes, nonce, &moves);
        let library = MethodLibrary::builtin();
        let markers = secret_markers(&sessions, &originals);
        let formats = [Format::Markdown, Format::Html, Format::Csv, Format::Json];
        for anonymize in [false, true] {
            let opts = options(anonymize, &sessions);
            let mut outputs = Vec::new();
            for s in &sessions {
                let one = std::slice::from_ref(s);
                for format in formats {
                    outputs.push((format!("{} {format:?}", s.context.title), export(&Source::all(one, &library), None, format, &opts)));
                }
            }
            let (chosen, report) = network_report(sessions.clone(), "LEN Test", None, None).unwrap();
            for format in formats {
                outputs.push((format!("report {format:?}"), export(&Source::all(&chosen, &library), Some(report.clone()), format, &opts)));
            }
            for (what, text) in &outputs {
                for marker in &markers {
                    prop_assert!(!text.contains(marker.as_str()), "{} (anonymize {}) holds {}", what, anonymize, marker);
                }
            }
        }
    }
}

/// A note carried from a session the export cannot read (a broken file,
/// or one gone) may be a copy of a note private there: whether it is
/// cannot be told, so it stays behind, in an export by id, a network's
/// report and `show`, rather than leaving because its origin was unseen.
#[test]
fn a_note_carried_from_a_session_that_cannot_be_read_stays_behind() {
    const CARRIED: &str = "Jeg føler mig dømt som enlig mor";
    const OWN: &str = "Forældrecaféen";
    let (_dir, store) = store();
    std::fs::create_dir_all(&store).unwrap();
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
    for name in ["example-theory-of-change.json", "example-problemtrae.json"] {
        std::fs::copy(examples.join(name), store.join(name)).unwrap();
    }
    let read = |args: &[&str]| stdout(sempre(&store).args(args));
    // Readable, the origin is public there: the copy leaves.
    let md = read(&["export", "1fd19586", "--format", "md"]);
    assert!(md.contains(CARRIED), "{md}");
    // The origin's file breaks: the copy stays behind, the rest leaves.
    std::fs::write(store.join("example-problemtrae.json"), "{ not json").unwrap();
    for args in [
        &["export", "1fd19586", "--format", "md"][..],
        &["export", "--network", "LEN Syddjurs", "--format", "md"],
        &["show", "1fd19586"],
    ] {
        let out = read(args);
        assert!(!out.contains(CARRIED), "{args:?}:\n{out}");
        assert!(out.contains(OWN), "{args:?}:\n{out}");
    }
}
