//! The board's forms and menus: what each one asks, and what answering
//! it does to the session.

use uuid::Uuid;

use super::{BoardState, board_mut};
use crate::i18n::Lang;
use crate::methods::Method;
use crate::model::text::capitalise;
use crate::model::{ActionStatus, Item, ModelError, NoteStatus, Session};
use crate::strings::{Noun, Ui, count};
use crate::tui::app::{App, Effect};
use crate::tui::layers::{CompareState, FormState, Layer, VotingState, parse_day};

/// What a form on the board is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormPurpose {
    /// The title of a new cluster of these notes.
    ClusterTitle(Vec<Uuid>),
    /// A cluster's new title.
    RenameCluster(Uuid),
    /// The dots counted on the wall for a note.
    Dots(Uuid),
    /// Who votes, and how many votes they have.
    VoteRound,
    /// Who votes in a tie-break round among these tied notes.
    TieBreak(Vec<Uuid>),
    /// A decision from these notes.
    Decision(Vec<Uuid>),
    /// A decision's new words.
    EditDecision(Uuid),
    /// An action from a note or a decision.
    NewAction {
        /// The note it comes from.
        note: Option<Uuid>,
        /// The decision it comes from.
        decision: Option<Uuid>,
    },
    /// Changes to an action.
    EditAction(Uuid),
    /// A new board, empty or a copy.
    NewBoard(Option<Uuid>),
    /// A board's new name.
    RenameBoard(Uuid),
    /// A participant who gets a backpack.
    NewParticipant,
    /// How heavy this participant's backpack is.
    Weight(Uuid),
    /// The day of a new meeting.
    NewMeeting,
    /// The time of day the day's plan starts.
    PlanStart,
    /// A form of the follow-up screen.
    Followup(crate::tui::screens::followup::FollowupForm),
    /// The title of a new session the notes are carried into.
    Carry {
        /// The notes.
        notes: Vec<Uuid>,
        /// The new session's method.
        method: String,
        /// The zone they go into.
        zone: String,
    },
}

/// Applies a change to the board's session; the effects save it.
pub fn apply<R>(
    app: &mut App,
    change: impl FnOnce(&mut Session, &Method) -> Result<R, ModelError>,
) -> Vec<Effect> {
    match try_apply(app, change) {
        Ok(_) => vec![Effect::Save],
        Err(reason) => {
            app.warn(reason);
            Vec::new()
        }
    }
}

fn try_apply<R>(
    app: &mut App,
    change: impl FnOnce(&mut Session, &Method) -> Result<R, ModelError>,
) -> Result<R, String> {
    let prefs = app.prefs.clone();
    let size = app.size;
    let lang = prefs.lang;
    let b = board_mut(app).ok_or_else(String::new)?;
    let result = b.change(&prefs, change).map_err(|e| e.message(lang))?;
    b.keep_focus_visible(&prefs, size);
    Ok(result)
}

fn note_text(b: &BoardState, id: Uuid) -> String {
    b.session()
        .note(id)
        .map(|n| n.text.replace('\n', " "))
        .unwrap_or_default()
}

/// Says `why` when the item just made is private because it was made from
/// a private note: the facilitator must know it will not be shown or
/// exported.
fn say_if_private(app: &mut App, item: Item, why: Ui) {
    if app.board().is_some_and(|b| b.session().is_private(item)) {
        app.say(app.t(why));
    }
}

/// Opens the form for `purpose`, filled in from the session.
pub fn open_form(app: &mut App, purpose: FormPurpose) {
    let lang = app.prefs.lang;
    let today = app.today().to_string();
    let Some(b) = app.board() else { return };
    let s = b.session();
    let t = |ui: Ui| ui.text(lang).to_string();
    let (title, fields) = match &purpose {
        // The follow-up screen opens its own forms.
        FormPurpose::Followup(_) => return,
        FormPurpose::ClusterTitle(_) => (
            t(Ui::FormNewCluster),
            vec![(Ui::FieldClusterTitle, String::new())],
        ),
        FormPurpose::RenameCluster(id) => {
            let title = s
                .clusters
                .iter()
                .find(|c| c.id == *id)
                .map(|c| c.title.clone());
            (
                t(Ui::FormRenameCluster),
                vec![(Ui::FieldClusterTitle, title.unwrap_or_default())],
            )
        }
        FormPurpose::Dots(id) => {
            let counted: u32 = s
                .votes
                .iter()
                .filter(|v| v.note == *id && v.voter.is_none())
                .map(|v| v.dots)
                .sum();
            (t(Ui::FormDots), vec![(Ui::FieldDots, counted.to_string())])
        }
        FormPurpose::VoteRound => (
            t(Ui::FormVoteRound),
            vec![
                (Ui::FieldVoter, String::new()),
                (Ui::FieldVotes, "3".into()),
            ],
        ),
        FormPurpose::TieBreak(notes) => (
            t(Ui::FormTieBreak).replace("{n}", &count(lang, notes.len(), Noun::Note)),
            vec![
                (Ui::FieldVoter, String::new()),
                (Ui::FieldVotes, "1".into()),
            ],
        ),
        FormPurpose::Decision(notes) => {
            let text = notes
                .iter()
                .map(|n| note_text(b, *n))
                .collect::<Vec<_>>()
                .join("; ");
            (t(Ui::FormDecision), vec![(Ui::FieldDecision, text)])
        }
        FormPurpose::EditDecision(id) => {
            let text = s
                .decisions
                .iter()
                .find(|d| d.id == *id)
                .map(|d| d.text.clone());
            (
                t(Ui::FormDecision),
                vec![(Ui::FieldDecision, text.unwrap_or_default())],
            )
        }
        FormPurpose::NewAction { note, decision } => {
            let text = match (note, decision) {
                (Some(n), _) => note_text(b, *n),
                (None, Some(d)) => s
                    .decisions
                    .iter()
                    .find(|x| x.id == *d)
                    .map(|x| x.text.clone())
                    .unwrap_or_default(),
                _ => String::new(),
            };
            (
                t(Ui::FormAction),
                vec![
                    (Ui::FieldAction, text),
                    (Ui::FieldOwner, String::new()),
                    (Ui::FieldDue, String::new()),
                ],
            )
        }
        FormPurpose::EditAction(id) => {
            let Ok(a) = s.action(*id) else { return };
            (
                t(Ui::FormAction),
                vec![
                    (Ui::FieldAction, a.text.clone()),
                    (Ui::FieldOwner, a.owner.clone().unwrap_or_default()),
                    (
                        Ui::FieldDue,
                        a.due.map(|d| d.to_string()).unwrap_or_default(),
                    ),
                ],
            )
        }
        FormPurpose::NewBoard(copy) => {
            // A name is kept in the session, so it is in the session's
            // language even while F2 shows the board in the other one.
            let lang = s.context.language;
            let name = match copy {
                Some(id) => {
                    let from = s
                        .boards
                        .iter()
                        .find(|x| x.id == *id)
                        .map(|x| x.name.clone())
                        .unwrap_or_default();
                    format!("{from} ({})", Ui::CopyWord.text(lang))
                }
                None => b.method.board_name(lang, s.boards.len() + 1),
            };
            (t(Ui::FormNewBoard), vec![(Ui::FieldBoardName, name)])
        }
        FormPurpose::RenameBoard(id) => {
            let name = s
                .boards
                .iter()
                .find(|x| x.id == *id)
                .map(|x| x.name.clone());
            (
                t(Ui::FormRenameBoard),
                vec![(Ui::FieldBoardName, name.unwrap_or_default())],
            )
        }
        FormPurpose::NewParticipant => (
            t(Ui::FormNewParticipant),
            vec![(Ui::FieldPseudonym, String::new())],
        ),
        FormPurpose::Weight(p) => {
            let last = s.ratings_of(*p).last().copied().flatten();
            (
                t(Ui::FormWeight),
                vec![(
                    Ui::FieldWeight,
                    last.map(|v| v.to_string()).unwrap_or_default(),
                )],
            )
        }
        FormPurpose::NewMeeting => (
            t(Ui::FormNewMeeting).replace("{meeting}", &super::header::meeting_word(b, lang)),
            vec![(Ui::FieldDate, today)],
        ),
        FormPurpose::PlanStart => (
            t(Ui::FormPlanStart),
            vec![(
                Ui::FieldStartTime,
                s.plan
                    .as_ref()
                    .and_then(|p| p.start)
                    .map(|time| time.strftime("%H:%M").to_string())
                    .unwrap_or_default(),
            )],
        ),
        FormPurpose::Carry { .. } => (
            t(Ui::FormCarry),
            vec![(Ui::FieldTitle, s.context.title.clone())],
        ),
    };
    app.layers.push(Layer::Form(Box::new(FormState::new(
        capitalise(&title),
        purpose,
        fields,
    ))));
}

fn number(text: &str, lang: Lang) -> Result<u32, String> {
    text.trim()
        .parse::<u32>()
        .map_err(|_| Ui::ErrNumber.text(lang).to_string())
}

/// Does what a submitted form asks. An error keeps the form open with the
/// reason.
pub fn submit_form(
    app: &mut App,
    purpose: FormPurpose,
    values: Vec<String>,
) -> Result<Vec<Effect>, String> {
    let lang = app.prefs.lang;
    let now = app.clock.now();
    let first = values.first().cloned().unwrap_or_default();
    let saved = |r: Result<(), String>| r.map(|()| vec![Effect::Save]);
    match purpose {
        FormPurpose::Followup(form) => {
            crate::tui::screens::followup::submit_form(app, form, &values)
        }
        FormPurpose::ClusterTitle(notes) => {
            let r = try_apply(app, |s, _| s.cluster_notes(&notes, &first, now));
            if let Ok(id) = r {
                if let Some(b) = board_mut(app) {
                    b.marked.clear();
                }
                say_if_private(app, Item::Cluster(id), Ui::DerivedPrivateCluster);
            }
            saved(r.map(|_| ()))
        }
        FormPurpose::RenameCluster(id) => {
            saved(try_apply(app, |s, _| s.rename_cluster(id, &first, now)))
        }
        FormPurpose::Dots(note) => {
            let dots = number(&first, lang)?;
            saved(try_apply(app, |s, _| s.set_dots(note, dots, None, now)))
        }
        FormPurpose::VoteRound | FormPurpose::TieBreak(_) => {
            let voter = first.trim().to_string();
            if voter.is_empty() {
                return Err(Ui::ErrVoter.text(lang).to_string());
            }
            let budget = number(values.get(1).map_or("", String::as_str), lang)?;
            if budget == 0 {
                return Err(Ui::ErrNumber.text(lang).to_string());
            }
            let only = match purpose {
                FormPurpose::TieBreak(notes) => notes,
                _ => Vec::new(),
            };
            // A tie-break round starts on the first tied note.
            if let (Some(first), Some(b)) = (only.first(), board_mut(app)) {
                b.focus_note(*first);
            }
            app.layers.push(Layer::Voting(VotingState {
                voter,
                budget,
                cast: Vec::new(),
                only,
            }));
            Ok(Vec::new())
        }
        FormPurpose::Decision(notes) => {
            let r = try_apply(app, |s, _| s.add_decision(&first, &notes, now));
            if let Ok(id) = r {
                if let Some(b) = board_mut(app) {
                    b.marked.clear();
                }
                app.say(app.t(Ui::DecisionRecorded));
                say_if_private(app, Item::Decision(id), Ui::DerivedPrivateOutcome);
            }
            saved(r.map(|_| ()))
        }
        FormPurpose::EditDecision(id) => {
            saved(try_apply(app, |s, _| s.edit_decision(id, &first, now)))
        }
        FormPurpose::NewAction { note, decision } => {
            let owner = values.get(1).cloned().unwrap_or_default();
            let due = parse_day(values.get(2).map_or("", String::as_str), lang)?;
            let r = try_apply(app, |s, _| {
                let id = s.add_action(&first, note, decision, now)?;
                s.update_action(id, Some(&owner), due, ActionStatus::Open, now)?;
                Ok(id)
            });
            if let Ok(id) = r {
                app.say(app.t(Ui::ActionRecorded));
                say_if_private(app, Item::Action(id), Ui::DerivedPrivateOutcome);
            }
            saved(r.map(|_| ()))
        }
        FormPurpose::EditAction(id) => {
            let owner = values.get(1).cloned().unwrap_or_default();
            let due = parse_day(values.get(2).map_or("", String::as_str), lang)?;
            saved(try_apply(app, |s, _| {
                let status = s.action(id)?.status;
                s.edit_action_text(id, &first, now)?;
                s.update_action(id, Some(&owner), due, status, now)
            }))
        }
        FormPurpose::NewBoard(copy) => {
            let created = try_apply(app, |s, _| match copy {
                Some(from) => s.copy_board(from, &first, now),
                None => Ok(s.add_board(&first, now)),
            })?;
            show_board(app, created);
            Ok(vec![Effect::Save])
        }
        FormPurpose::RenameBoard(id) => {
            saved(try_apply(app, |s, _| s.rename_board(id, &first, now)))
        }
        FormPurpose::NewParticipant => {
            let id = try_apply(app, |s, m| s.add_participant(m, &first, now))?;
            let board = app.board().and_then(|b| {
                b.session()
                    .boards
                    .iter()
                    .find(|x| x.participant == Some(id))
                    .map(|x| x.id)
            });
            if let Some(board) = board {
                show_board(app, board);
            }
            Ok(vec![Effect::Save])
        }
        FormPurpose::Weight(participant) => {
            let value = number(&first, lang)?;
            let value = u8::try_from(value).unwrap_or(u8::MAX);
            let today = app.today();
            let began = try_apply(app, |s, _| s.rate(participant, value, today, now))?;
            if began {
                let said = meeting_said(app, Ui::FirstMeetingBegan);
                app.say(said);
            }
            Ok(vec![Effect::Save])
        }
        FormPurpose::NewMeeting => {
            let day = parse_day(&first, lang)?.ok_or_else(|| Ui::ErrDate.text(lang).to_string())?;
            let r = try_apply(app, |s, _| Ok::<_, ModelError>(s.add_meeting(day, now)));
            if r.is_ok() {
                let said = meeting_said(app, Ui::MeetingStarted);
                app.say(said);
            }
            saved(r.map(|_| ()))
        }
        FormPurpose::PlanStart => {
            let start = crate::model::parse_time(&first)
                .ok_or_else(|| crate::strings::PlanText::BadTime.text(lang).to_string())?;
            let r = try_apply(app, |s, _| {
                s.plan_set_start(start, now);
                Ok::<_, ModelError>(())
            });
            if r.is_ok() {
                let said = match start {
                    Some(time) => crate::strings::PlanText::Starts
                        .text(lang)
                        .replace("{time}", &time.strftime("%H:%M").to_string()),
                    None => crate::strings::PlanText::StartCleared
                        .text(lang)
                        .to_string(),
                };
                app.say(said);
            }
            saved(r)
        }
        FormPurpose::Carry {
            notes,
            method,
            zone,
        } => super::carry::create(app, &notes, &method, &zone, &first),
    }
}

/// `text` with the latest meeting filled in, named as the header names it
/// ("Besøg 2") with its day.
fn meeting_said(app: &App, text: Ui) -> String {
    let lang = app.prefs.lang;
    let mut said = app.t(text).to_string();
    if let Some(b) = app.board() {
        let date = (b.session().meetings.last())
            .map(|m| m.date.to_string())
            .unwrap_or_default();
        said = said
            .replace("{name}", &super::header::meeting_name(b, lang))
            .replace("{date}", &date)
            .replace("{meeting}", &super::header::meeting_word(b, lang));
    }
    said
}

/// Shows the board with this id.
fn show_board(app: &mut App, board: Uuid) {
    let prefs = app.prefs.clone();
    if let Some(b) = board_mut(app)
        && let Some(i) = b.session().boards.iter().position(|x| x.id == board)
    {
        b.board = i;
        b.focus.note = 0;
        b.reindex(&prefs);
    }
}

/// Opens the comparison of the shown board with board `other`.
pub fn compare(app: &mut App, other: usize) {
    if let Some(b) = app.board() {
        let left = b.board;
        app.layers.push(Layer::Compare(CompareState {
            left,
            right: other,
            scroll: 0,
        }));
    }
}

/// Drops a card, brings it back, or moves it to the assumptions.
pub fn set_aside(app: &mut App, id: Uuid, how: SetAside) -> Vec<Effect> {
    let now = app.clock.now();
    match how {
        SetAside::Drop => apply(app, move |s, _| s.set_status(id, NoteStatus::Dropped, now)),
        SetAside::Restore => apply(app, move |s, _| s.set_status(id, NoteStatus::Active, now)),
        SetAside::Assumption => {
            let effects = apply(app, move |s, m| s.make_assumption(m, id, now));
            // Focus goes with the card to the assumptions.
            let (prefs, size) = (app.prefs.clone(), app.size);
            if let Some(b) = board_mut(app) {
                b.focus_note(id);
                b.keep_focus_visible(&prefs, size);
            }
            effects
        }
    }
}

/// Ways to set a card aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetAside {
    /// Dropped: kept in the file, shown as dropped.
    Drop,
    /// Back in play.
    Restore,
    /// Moved to the assumptions.
    Assumption,
}
