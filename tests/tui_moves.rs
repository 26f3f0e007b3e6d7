//! The facilitation moves, driven headlessly through `update` and checked
//! in the saved JSON: clusters, dots and voting rounds, private notes,
//! decisions and actions, carrying notes forward, the tree, the chain, the
//! diamond, backpacks and canvases.

#![allow(clippy::unwrap_used)]

use sempre::model::{ActionStatus, LinkKind, NoteStatus, SessionRelation};
use sempre::tui::app::{Input, Screen};
use sempre::tui::command::Command;
use sempre::tui::layers::Layer;

mod headless;
use headless::Harness;

fn critique() -> Harness {
    let mut h = Harness::new().new_session("fremtidsvaerksted", "Sprog");
    h.cmd(Command::NextPhase);
    h.cmd(Command::NextPhase);
    for text in ["Sproget", "Breve", "Ingen job", "Ensom"] {
        h.note(text);
    }
    h
}

#[test]
fn marked_notes_become_a_cluster_that_can_grow_merge_and_dissolve() {
    let mut h = critique();
    h.focus_text("Sproget");
    h.cmd(Command::Mark);
    h.focus_text("Breve");
    h.cmd(Command::Mark);
    h.cmd(Command::ClusterMenu);
    h.choose("2");
    h.fill(&["Sprog"]);
    let s = h.on_disk();
    assert_eq!(s.clusters.len(), 1);
    assert_eq!(s.clusters[0].title, "Sprog");
    assert_eq!(s.notes.iter().filter(|n| n.cluster.is_some()).count(), 2);
    assert!(h.board().marked.is_empty(), "marks clear after use");
    // The cluster's notes come first on the board.
    let first = h.board().index.zones[0][0];
    assert!(h.board().session().notes[first].cluster.is_some());

    h.focus_text("Ingen job");
    h.cmd(Command::ClusterMenu);
    h.choose("Sprog");
    assert_eq!(
        h.on_disk()
            .notes
            .iter()
            .filter(|n| n.cluster.is_some())
            .count(),
        3
    );
    h.focus_text("Ensom");
    h.cmd(Command::ClusterMenu);
    h.choose("1");
    h.fill(&["Ensomhed"]);
    h.focus_text("Ensom");
    h.cmd(Command::ClusterMenu);
    h.choose("Sprog");
    h.cmd(Command::Undo);
    h.focus_text("Ensom");
    h.cmd(Command::ClusterMenu);
    let Some(Layer::Menu(menu)) = h.app.layers.last() else {
        panic!("menu")
    };
    let merge = menu
        .items
        .iter()
        .position(|i| i.label.contains("Merge"))
        .unwrap();
    h.cmd(Command::Down);
    for _ in 1..merge {
        h.cmd(Command::Down);
    }
    h.cmd(Command::Open);
    assert_eq!(h.on_disk().clusters.len(), 1, "merged into one");
    h.focus_text("Sproget");
    h.cmd(Command::ClusterMenu);
    h.choose("Dissolve");
    assert!(h.on_disk().clusters.is_empty());
    assert!(h.on_disk().notes.iter().all(|n| n.cluster.is_none()));
}

#[test]
fn dots_by_hand_and_a_voting_round_make_a_ranking_with_ties() {
    let mut h = critique();
    h.focus_text("Sproget");
    h.cmd(Command::SetDots);
    h.fill(&["3"]);
    h.focus_text("Breve");
    h.cmd(Command::SetDots);
    h.fill(&["2"]);
    h.cmd(Command::VoteRound);
    h.fill(&["Amal", "2"]);
    assert!(matches!(h.app.layers.last(), Some(Layer::Voting(_))));
    h.cmd(Command::Submit); // on "Breve"
    h.cmd(Command::FocusDown);
    h.cmd(Command::Submit); // on "Ingen job"
    h.cmd(Command::Submit);
    assert!(h.app.flash.as_ref().unwrap().text.contains("No votes left"));
    h.cmd(Command::TakeBack);
    h.cmd(Command::Submit);
    h.cmd(Command::Back);
    assert!(h.app.layers.is_empty());
    let s = h.on_disk();
    assert_eq!(s.dots(h.saved("Sproget").id), 3);
    assert_eq!(s.dots(h.saved("Breve").id), 3, "2 counted + 1 from Amal");
    assert_eq!(s.dots(h.saved("Ingen job").id), 1);
    assert!(s.votes.iter().any(|v| v.voter.as_deref() == Some("Amal")));
    h.cmd(Command::Ranking);
    let Some(Layer::Ranking(r)) = h.app.layers.last() else {
        panic!("ranking")
    };
    let ids = sempre::tui::layers::candidates(h.board(), &r.zones);
    let ranks = s.ranking(&ids);
    assert_eq!((ranks[0].place, ranks[0].tied), (1, true));
    assert_eq!((ranks[1].place, ranks[1].tied), (1, true));
    assert_eq!(ranks[2].place, 3);
}

#[test]
fn a_private_note_leaves_the_projector_and_every_export() {
    let mut h = critique();
    h.focus_text("Ensom");
    h.cmd(Command::TogglePrivate);
    assert!(h.saved("Ensom").private);
    h.cmd(Command::ToggleProjector);
    assert_eq!(h.board().zone_len(0), 3);
    h.cmd(Command::ToggleProjector);
    let library = sempre::methods::MethodLibrary::builtin();
    let session = [h.on_disk()];
    let json = sempre::export::export(
        &sempre::export::Source::all(&session, &library),
        None,
        sempre::export::Format::Json,
        &sempre::export::Options {
            anonymize: false,
            lang: sempre::i18n::Lang::Da,
            tz: jiff::tz::TimeZone::UTC,
            today: jiff::civil::date(2026, 11, 23),
            titles: Default::default(),
            private_elsewhere: Default::default(),
            plans: Default::default(),
        },
    );
    assert!(!json.contains("Ensom"));
}

#[test]
fn decisions_and_actions_are_recorded_and_followed_up() {
    let mut h = critique();
    h.focus_text("Sproget");
    h.cmd(Command::Mark);
    h.focus_text("Breve");
    h.cmd(Command::Mark);
    h.cmd(Command::Decide);
    h.fill(&["Vi starter en sprogcafé"]);
    h.focus_text("Ingen job");
    h.cmd(Command::NewAction);
    h.fill(&["Ring til jobcentret", "Mette", "2026-10-20"]);
    let s = h.on_disk();
    assert_eq!(s.decisions[0].notes.len(), 2);
    let action = &s.actions[0];
    assert_eq!(
        (action.owner.as_deref(), action.due.map(|d| d.to_string())),
        (Some("Mette"), Some("2026-10-20".into()))
    );
    assert_eq!(action.note, Some(h.saved("Ingen job").id));
    h.cmd(Command::NewAction);
    h.fill(&["x", "", "20-10-2026"]);
    assert!(
        matches!(h.app.layers.last(), Some(Layer::Form(f)) if f.error.is_some()),
        "a bad date keeps the form open"
    );
    h.cmd(Command::Back);
    h.cmd(Command::Outcomes);
    h.cmd(Command::NewAction); // on the decision
    h.fill(&["Find et lokale", "Karim", ""]);
    assert_eq!(h.on_disk().actions[1].decision, Some(s.decisions[0].id));
    h.cmd(Command::Down); // first action
    h.cmd(Command::CycleStatus);
    assert_eq!(h.on_disk().actions[0].status, ActionStatus::InProgress);
    h.cmd(Command::Remove);
    assert_eq!(h.on_disk().actions.len(), 1);
    h.cmd(Command::Back);
    h.cmd(Command::Undo);
    assert_eq!(h.on_disk().actions.len(), 2, "removing is undoable");
}

#[test]
fn notes_carry_forward_into_a_new_session_that_links_back() {
    let mut h = critique();
    let source = h.board().session().id;
    h.focus_text("Sproget");
    h.cmd(Command::Mark);
    h.focus_text("Breve");
    h.cmd(Command::Mark);
    h.cmd(Command::CarryForward);
    h.choose("Double Diamond");
    h.choose("Discover");
    h.fill(&["Sprog – videre"]);
    let new = h.on_disk();
    assert_eq!(new.method.id, "double-diamond", "the new board is open");
    assert_eq!(new.notes.len(), 2);
    assert!(new.notes.iter().all(|n| {
        n.zone == "opdag"
            && n.links
                .iter()
                .any(|l| l.kind == LinkKind::CarriedFrom && l.session == Some(source))
    }));
    assert!(
        new.links
            .iter()
            .any(|l| l.session == source && l.relation == SessionRelation::FollowsFrom)
    );
    let old = h
        .store
        .list()
        .unwrap()
        .sessions
        .into_iter()
        .find(|s| s.session.id == source)
        .unwrap()
        .session;
    assert!(
        old.links
            .iter()
            .any(|l| l.session == new.id && l.relation == SessionRelation::LeadsTo)
    );
}

#[test]
fn the_problem_tree_grows_is_mirrored_rewritten_and_owned() {
    let mut h = Harness::new().new_session("problemtrae", "Sundhed");
    h.cmd(Command::NextPhase);
    h.cmd(Command::NextPhase);
    assert_eq!(
        h.board().method.zones[h.board().focus.zone].id,
        "kerneproblem",
        "the trunk first"
    );
    h.note("Intet overskud");
    h.cmd(Command::FocusDown);
    h.note("Lav indkomst");
    h.note("Deltidsjob");
    h.cmd(Command::LinkNote);
    h.choose("Lav indkomst");
    let s = h.on_disk();
    assert_eq!(
        s.tree_parent(&h.board().method, h.saved("Deltidsjob").id),
        Some(h.saved("Lav indkomst").id)
    );
    h.cmd(Command::NextPhase);
    h.cmd(Command::Mirror);
    let s = h.on_disk();
    assert_eq!(
        s.notes
            .iter()
            .filter(|n| n.links.iter().any(|l| l.kind == LinkKind::Mirrors))
            .count(),
        3
    );
    // Rewrite the counterpart of "Lav indkomst".
    let counterpart = s
        .notes
        .iter()
        .find(|n| n.zone == "midler" && n.text == "Lav indkomst")
        .unwrap()
        .id;
    let prefs = h.app.prefs.clone();
    if let Screen::Board(b) = &mut h.app.screen {
        b.focus_note(counterpart);
        b.reindex(&prefs);
    }
    h.cmd(Command::EditNote);
    let Some(Layer::Editor(e)) = h.app.layers.last() else {
        panic!("editor")
    };
    assert!(e.text().is_empty() && e.reference.as_deref() == Some("Lav indkomst"));
    h.typed("Råd til det nødvendige");
    h.cmd(Command::Submit);
    assert_eq!(
        h.on_disk().note(counterpart).unwrap().text,
        "Råd til det nødvendige"
    );
    assert!(
        !h.board().index.marks[h
            .board()
            .session()
            .notes
            .iter()
            .position(|n| n.id == counterpart)
            .unwrap()]
        .rewrite
    );
    // The other cause cannot be turned: it becomes an assumption.
    let other = h
        .on_disk()
        .notes
        .iter()
        .find(|n| n.zone == "midler" && n.text == "Deltidsjob")
        .unwrap()
        .id;
    if let Screen::Board(b) = &mut h.app.screen {
        b.focus_note(other);
    }
    h.cmd(Command::SetAside);
    h.choose("Assumptions");
    assert_eq!(h.on_disk().note(other).unwrap().zone, "antagelser");
    h.cmd(Command::SetAside);
    h.choose("Drop");
    assert_eq!(h.on_disk().note(other).unwrap().status, NoteStatus::Dropped);
    // Ownership: a watering can for the rewritten means.
    h.cmd(Command::NextPhase);
    if let Screen::Board(b) = &mut h.app.screen {
        b.focus_note(counterpart);
    }
    h.cmd(Command::NewAction);
    h.fill(&["Budgetcafé hver måned", "Trine", "2026-11-01"]);
    let action = &h.on_disk().actions[0];
    assert_eq!(
        (action.owner.as_deref(), action.note),
        (Some("Trine"), Some(counterpart))
    );
}

#[test]
fn effects_and_assumptions_attach_to_steps_of_change() {
    let mut h = Harness::new().new_session("theory-of-change", "Caféen");
    for _ in 0..4 {
        h.cmd(Command::NextPhase);
    }
    h.note("Vi mødes hver torsdag");
    h.note("Vi lærer regnskab");
    h.cmd(Command::NextPhase);
    h.note("Ti forældre kommer");
    h.cmd(Command::LinkNote);
    h.choose("Vi mødes");
    let s = h.on_disk();
    let step = h.saved("Vi mødes").id;
    assert_eq!(
        s.attached_to(step)
            .map(|n| n.text.clone())
            .collect::<Vec<_>>(),
        vec!["Ti forældre kommer"]
    );
    let index = h
        .board()
        .session()
        .notes
        .iter()
        .position(|n| n.id == step)
        .unwrap();
    assert_eq!(
        h.board().index.marks[index].number,
        Some(1),
        "steps are numbered"
    );
    assert_eq!(h.board().index.attached.get(&index).map(Vec::len), Some(1));
    h.cmd(Command::LinkNote);
    h.choose("Not attached");
    assert_eq!(h.on_disk().attached_to(step).count(), 0);
}

#[test]
fn a_converging_phase_chooses_what_goes_on_and_sets_the_rest_aside() {
    let mut h = Harness::new().new_session("double-diamond", "Egen vej");
    h.cmd(Command::NextPhase);
    h.note("Svære regler");
    h.note("Ingen mentor");
    h.note("Ingen penge");
    h.cmd(Command::ChooseOnward);
    assert!(
        h.app.flash.as_ref().unwrap().error,
        "discover does not choose"
    );
    h.cmd(Command::NextPhase);
    // Narrowing has begun, but nothing is chosen yet: nothing is set aside.
    let b = h.board();
    assert!(b.index.marks.iter().all(|m| !m.set_aside));
    h.focus_text("Svære regler");
    h.cmd(Command::ChooseOnward);
    h.focus_text("Ingen mentor");
    h.cmd(Command::ChooseOnward);
    let s = h.on_disk();
    let define: Vec<_> = s.notes.iter().filter(|n| n.zone == "definer").collect();
    assert_eq!(define.len(), 2);
    assert!(define.iter().all(|n| {
        n.links
            .iter()
            .any(|l| l.kind == LinkKind::CarriedFrom && l.session.is_none())
    }));
    let b = h.board();
    let pos = |text: &str| {
        b.session()
            .notes
            .iter()
            .position(|n| n.text == text && n.zone == "opdag")
            .unwrap()
    };
    assert!(b.index.marks[pos("Svære regler")].onward);
    assert!(b.index.marks[pos("Ingen penge")].set_aside);
    h.focus_text("Ingen mentor");
    h.cmd(Command::ChooseOnward);
    assert_eq!(
        h.on_disk()
            .notes
            .iter()
            .filter(|n| n.zone == "definer")
            .count(),
        1,
        "choosing again takes it back"
    );
}

#[test]
fn backpacks_meetings_and_weights() {
    let mut h = Harness::new().new_session("rygsaek", "Unge på vej");
    for name in ["Mira", "Yonas"] {
        h.cmd(Command::BoardsMenu);
        h.choose("backpack for");
        h.fill(&[name]);
    }
    let s = h.on_disk();
    assert_eq!(s.context.participants.len(), 2);
    assert_eq!(
        s.boards.iter().filter(|b| b.participant.is_some()).count(),
        2
    );
    assert_eq!(s.meetings.len(), 0);
    h.cmd(Command::NewMeeting);
    h.fill(&["2026-08-20"]);
    h.cmd(Command::FocusLeft);
    let first = h.board().board;
    h.cmd(Command::Weight);
    h.fill(&["4"]);
    h.note("Min mormors opskrift");
    h.cmd(Command::FocusRight);
    let second = h.board().board;
    assert_ne!(first, second, "right goes to the next backpack");
    h.note("Fodbold");
    h.cmd(Command::NewMeeting);
    h.fill(&["2026-08-27"]);
    h.cmd(Command::Weight);
    h.fill(&["9"]);
    assert!(
        matches!(h.app.layers.last(), Some(Layer::Form(f)) if f.error.is_some()),
        "9 is refused"
    );
    h.fill(&["3"]);
    let s = h.on_disk();
    let mira = s.boards[first].participant.unwrap();
    let yonas = s.boards[second].participant.unwrap();
    assert_eq!(s.ratings_of(mira), vec![Some(4), None]);
    assert_eq!(s.ratings_of(yonas), vec![None, Some(3)]);
    assert_eq!(s.meetings.len(), 2);
    assert!(s.notes.iter().all(|n| n.meeting == Some(s.meetings[0].id)));
    assert_eq!(
        s.notes
            .iter()
            .filter(|n| n.board == s.boards[first].id)
            .count(),
        1
    );
    assert_eq!(
        s.notes
            .iter()
            .filter(|n| n.board == s.boards[second].id)
            .count(),
        1
    );
    h.cmd(Command::FocusLeft);
    assert_ne!(h.board().board, second);
}

#[test]
fn canvases_are_copied_renamed_switched_and_compared() {
    let mut h = Harness::example("business-model-canvas");
    let before = h
        .on_disk()
        .notes
        .iter()
        .filter(|n| n.board == h.board().board_id())
        .count();
    h.cmd(Command::BoardsMenu);
    h.choose("Copy this board");
    h.fill(&["Bær, version 2"]);
    let s = h.on_disk();
    assert_eq!(s.boards.len(), 3);
    assert_eq!(
        h.board().session().boards[h.board().board].name,
        "Bær, version 2",
        "the copy is shown"
    );
    assert_eq!(
        s.notes.iter().filter(|n| n.board == s.boards[2].id).count(),
        before
    );
    h.cmd(Command::BoardsMenu);
    h.choose("Rename");
    h.fill(&["Bær, plan C"]);
    assert_eq!(h.on_disk().boards[2].name, "Bær, plan C");
    h.cmd(Command::NextBoard);
    assert_eq!(h.board().board, 0);
    h.cmd(Command::BoardsMenu);
    h.choose("Compare with Saft");
    assert!(matches!(h.app.layers.last(), Some(Layer::Compare(c)) if c.left == 0 && c.right == 1));
    h.cmd(Command::Back);
    h.input(Input::Resize(80, 24));
    h.cmd(Command::FocusRight);
}

#[test]
fn the_problem_phase_can_be_run_alone() {
    let mut h = critique();
    h.press('E');
    let s = h.on_disk();
    assert_eq!(s.current_phase(), None);
    assert_eq!(s.phase_log.len(), 2);
    assert!(s.phase_log.iter().all(|e| e.ended.is_some()));
    assert!(h.app.flash.as_ref().unwrap().text.contains("ended early"));
    h.cmd(Command::Undo);
    assert_eq!(h.on_disk().current_phase(), Some("kritik"));
}

#[test]
fn what_is_made_from_a_private_note_is_marked_hidden_on_the_projector_and_made_public_by_choice() {
    let mut h = critique();
    h.focus_text("Ensom");
    h.press('P');
    assert!(
        h.on_disk()
            .notes
            .iter()
            .any(|n| n.text == "Ensom" && n.private)
    );
    // A cluster of the private note and another.
    h.cmd(Command::Mark);
    h.focus_text("Breve");
    h.cmd(Command::Mark);
    h.cmd(Command::ClusterMenu);
    h.choose("2");
    h.fill(&["Ensom og breve"]);
    assert!(h.flash().contains("cluster is private"), "{}", h.flash());
    // A decision and an action from it, through the real keys.
    h.focus_text("Ensom");
    h.press('D');
    h.cmd(Command::Create);
    assert!(h.flash().contains("comes from a private note"));
    h.press('A');
    h.cmd(Command::Create);
    let s = h.on_disk();
    assert!(s.clusters[0].private && s.decisions[0].private && s.actions[0].private);

    h.press('o');
    let shown = h.screen_text();
    assert!(shown.contains("◆ [private] Ensom"), "{shown}");
    assert!(shown.contains("○ [private] Ensom"), "{shown}");
    h.press('o');
    assert!(
        h.screen_text().contains("[private] Ensom og breve"),
        "the frame is marked"
    );

    // Dots on the cluster's public note, so the cluster is ranked.
    h.focus_text("Breve");
    h.cmd(Command::SetDots);
    h.fill(&["2"]);
    h.press('r');
    assert!(h.screen_text().contains("[private] Ensom og breve"));
    h.cmd(Command::Back);
    // On the projector: no private words, no private lines to act on.
    h.press('p');
    let wall = h.screen_text();
    assert!(!wall.contains("Ensom"), "{wall}");
    h.press('r');
    let wall = h.screen_text();
    assert!(
        !wall.contains("Ensom") && wall.contains("[private] (1)"),
        "{wall}"
    );
    h.cmd(Command::Back);
    h.press('o');
    let wall = h.screen_text();
    assert!(!wall.contains("Ensom"), "{wall}");
    assert!(
        wall.contains("Hidden on the projector as private: 2."),
        "{wall}"
    );
    h.press('d');
    assert_eq!(
        h.on_disk().decisions.len(),
        1,
        "d cannot reach a hidden line"
    );
    h.press('o');
    h.press('p');

    // Made public on purpose, in the panel, one item at a time.
    h.press('o');
    h.press('P');
    let s = h.on_disk();
    assert!(!s.decisions[0].private, "the decision is public now");
    assert!(s.actions[0].private, "the action is still private");
    h.press('o');
    h.focus_text("Ensom");
    h.cmd(Command::ClusterMenu);
    h.choose("public");
    assert!(!h.on_disk().clusters[0].private);
}

#[test]
fn copies_of_a_private_note_are_private_and_the_board_says_so() {
    // Mirrored into the solution tree.
    let mut h = Harness::new().new_session("problemtrae", "Sundhed");
    h.cmd(Command::NextPhase);
    h.cmd(Command::NextPhase);
    h.note("Intet overskud");
    h.cmd(Command::FocusDown);
    h.note("Gæld efter skilsmissen");
    h.press('P');
    h.cmd(Command::NextPhase);
    h.cmd(Command::Mirror);
    assert!(
        h.flash()
            .contains("2 cards; private like their problem cards: 1"),
        "{}",
        h.flash()
    );
    let s = h.on_disk();
    let mirrors: Vec<_> = s
        .notes
        .iter()
        .filter(|n| n.links.iter().any(|l| l.kind == LinkKind::Mirrors))
        .collect();
    assert_eq!(mirrors.len(), 2);
    assert_eq!(mirrors.iter().filter(|n| n.private).count(), 1);

    // Chosen onward in a converging phase.
    let mut h = Harness::new().new_session("double-diamond", "Egen vej");
    h.cmd(Command::NextPhase);
    h.note("Bange for kontanthjælpen");
    h.press('P');
    h.cmd(Command::NextPhase);
    h.focus_text("Bange");
    h.cmd(Command::ChooseOnward);
    assert!(h.flash().contains("copy is private"), "{}", h.flash());
    assert!(h.on_disk().notes.iter().all(|n| n.private));

    // Carried into a new session.
    let mut h = critique();
    h.focus_text("Ensom");
    h.press('P');
    h.cmd(Command::Mark);
    h.focus_text("Breve");
    h.cmd(Command::Mark);
    h.cmd(Command::CarryForward);
    h.choose("Double Diamond");
    h.choose("Discover");
    h.fill(&["Videre"]);
    let new = h.on_disk();
    assert_eq!(new.method.id, "double-diamond");
    assert!(new.notes.iter().any(|n| n.text == "Ensom" && n.private));
    assert!(new.notes.iter().any(|n| n.text == "Breve" && !n.private));
    assert!(
        h.flash()
            .contains("Private like their originals: 1 of the notes carried"),
        "{}",
        h.flash()
    );
}

#[test]
fn a_weight_before_the_first_meeting_begins_that_meeting_and_is_kept() {
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let mut h = Harness::new().new_session("rygsaek", "Unge på vej");
    h.cmd(Command::BoardsMenu);
    h.choose("backpack for");
    h.fill(&["Mira"]);
    assert!(h.on_disk().meetings.is_empty());
    h.press('w');
    h.press('4');
    let enter = Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let input = sempre::tui::translate(&h.app, enter).unwrap();
    h.input(input);
    assert!(
        h.app.layers.is_empty(),
        "the form closed: {:?}",
        h.app.layers
    );
    let s = h.on_disk();
    assert_eq!(s.meetings.len(), 1, "the first meeting began");
    assert_eq!(s.meetings[0].date.to_string(), "2026-10-03", "today");
    let mira = s.boards[h.board().board].participant.unwrap();
    assert_eq!(s.ratings_of(mira), vec![Some(4)], "the weight is kept");
    let flash = h.app.flash.as_ref().unwrap();
    assert!(!flash.error);
    assert!(
        flash
            .text
            .contains("New notes now belong to Meeting 1 (2026-10-03); W starts the next meeting."),
        "{}",
        flash.text
    );
    // Undo takes back the weight and the meeting it began.
    h.cmd(Command::Undo);
    let s = h.on_disk();
    assert!(s.meetings.is_empty() && s.ratings.is_empty());
}

#[test]
fn the_outcomes_panel_scrolls_and_acts_only_on_the_row_in_view() {
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let mut h = critique();
    h.focus_text("Sproget");
    for i in 1..=12 {
        h.cmd(Command::Decide);
        h.fill(&[&format!("Beslutning {i:02}")]);
        h.cmd(Command::NewAction);
        h.fill(&[&format!("Handling {i:02}"), "Mette", "2026-10-20"]);
    }
    assert_eq!(h.on_disk().actions.len(), 12);
    h.input(Input::Resize(80, 24));
    h.press('o');
    assert!(h.screen_text().contains("Beslutning 01"));
    for _ in 0..23 {
        h.press('j');
    }
    let shown = h.screen_text();
    assert!(
        shown.contains("Handling 12"),
        "the selected row is in view:\n{shown}"
    );
    assert!(!shown.contains("Beslutning 01"), "the top scrolled away");
    insta::assert_snapshot!("outcomes_scrolled_80x24", h.draw().backend());
    h.press('d');
    let left: Vec<String> = h.on_disk().actions.into_iter().map(|a| a.text).collect();
    assert_eq!(left.len(), 11);
    assert!(
        !left.contains(&"Handling 12".to_string()),
        "d took the row in view"
    );

    // Enter edits the row in view, on the way back up too.
    for _ in 0..20 {
        h.press('k');
    }
    let shown = h.screen_text();
    assert!(shown.contains("Beslutning 03"), "{shown}");
    let enter = Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let input = sempre::tui::translate(&h.app, enter).unwrap();
    h.input(input);
    let Some(Layer::Form(form)) = h.app.layers.last() else {
        panic!("no form: {:?}", h.app.layers)
    };
    assert_eq!(form.fields[0].area.lines().join(""), "Beslutning 03");
}
