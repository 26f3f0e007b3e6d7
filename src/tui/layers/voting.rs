//! A voting round: one participant places their votes on the board, note
//! by note, while everyone can see the board. A tie-break round takes
//! votes only for the notes that shared a place; they are kept apart from
//! the dots and order those notes in the ranking.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use uuid::Uuid;

use super::Layer;
use crate::strings::{Noun, Ui, count};
use crate::tui::app::{App, Effect, Input, Screen};
use crate::tui::command::Command;
use crate::tui::keymap::Context;
use crate::tui::render::{Ctx, hints};
use crate::tui::screens::board;

/// Who is voting and how far they have come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VotingState {
    /// The participant's pseudonym.
    pub voter: String,
    /// How many votes they have.
    pub budget: u32,
    /// Votes cast so far in this round, in order.
    pub cast: Vec<Uuid>,
    /// In a tie-break round, the tied notes, the only ones that take
    /// votes; empty in an ordinary round.
    pub only: Vec<Uuid>,
}

impl VotingState {
    fn tie_break(&self) -> bool {
        !self.only.is_empty()
    }
}

fn voter_dots(app: &App, voter: &str, note: Uuid, tie_break: bool) -> u32 {
    match &app.screen {
        Screen::Board(b) => b
            .session()
            .votes
            .iter()
            .filter(|v| {
                v.note == note && v.voter.as_deref() == Some(voter) && v.tie_break == tie_break
            })
            .map(|v| v.dots)
            .sum(),
        _ => 0,
    }
}

pub(super) fn update(app: &mut App, input: Input) -> Vec<Effect> {
    let Some(Layer::Voting(v)) = app.layers.last() else {
        return Vec::new();
    };
    let (voter, budget, cast) = (v.voter.clone(), v.budget, v.cast.len() as u32);
    let only = v.only.clone();
    let tie_break = v.tie_break();
    match input {
        // In a tie-break round the arrows step through the tied notes
        // only, so no key lands on a note that takes no votes.
        Input::Command(
            cmd @ (Command::FocusLeft
            | Command::FocusRight
            | Command::FocusUp
            | Command::FocusDown
            | Command::NextZone),
        ) if tie_break => {
            let back = matches!(cmd, Command::FocusLeft | Command::FocusUp);
            let (prefs, size) = (app.prefs.clone(), app.size);
            if let Screen::Board(b) = &mut app.screen {
                let at = b
                    .focused_note()
                    .and_then(|n| only.iter().position(|x| *x == n));
                let next = match (at, back) {
                    (Some(i), false) => (i + 1) % only.len(),
                    (Some(i), true) => (i + only.len() - 1) % only.len(),
                    (None, _) => 0,
                };
                b.focus_note(only[next]);
                b.keep_focus_visible(&prefs, size);
            }
            Vec::new()
        }
        Input::Command(
            cmd @ (Command::FocusLeft
            | Command::FocusRight
            | Command::FocusUp
            | Command::FocusDown
            | Command::NextZone),
        ) => board::update(app, Input::Command(cmd)),
        Input::Command(Command::Submit) => {
            if cast >= budget {
                app.say(app.t(Ui::NoVotesLeft));
                return Vec::new();
            }
            let Some(note) = app.board().and_then(|b| b.focused_note()) else {
                return Vec::new();
            };
            if tie_break && !only.contains(&note) {
                app.say(app.t(Ui::OnlyTiedNotes));
                return Vec::new();
            }
            let dots = voter_dots(app, &voter, note, tie_break) + 1;
            let now = app.clock.now();
            let who = voter.clone();
            let effects = board::apply(app, move |s, _| {
                if tie_break {
                    s.set_tie_break_dots(note, dots, Some(&who), now)
                } else {
                    s.set_dots(note, dots, Some(&who), now)
                }
            });
            if !effects.is_empty()
                && let Some(Layer::Voting(v)) = app.layers.last_mut()
            {
                v.cast.push(note);
            }
            effects
        }
        Input::Command(Command::TakeBack) => {
            let Some(Layer::Voting(v)) = app.layers.last_mut() else {
                return Vec::new();
            };
            let Some(note) = v.cast.pop() else {
                return Vec::new();
            };
            let dots = voter_dots(app, &voter, note, tie_break).saturating_sub(1);
            let now = app.clock.now();
            board::apply(app, move |s, _| {
                if tie_break {
                    s.set_tie_break_dots(note, dots, Some(&voter), now)
                } else {
                    s.set_dots(note, dots, Some(&voter), now)
                }
            })
        }
        Input::Command(Command::Back) => {
            app.layers.pop();
            let lang = app.prefs.lang;
            let text = Ui::VotesRecorded
                .text(lang)
                .replace("{n}", &count(lang, cast as usize, Noun::Vote))
                .replace("{who}", &voter);
            app.say(text);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

pub(super) fn render(v: &VotingState, _app: &App, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let lang = ctx.lang();
    let left = v.budget.saturating_sub(v.cast.len() as u32);
    let banner = Rect::new(area.x, area.y + area.height - 1, area.width, 1);
    let text = Ui::VotesLeft
        .text(lang)
        .replace("{who}", &v.voter)
        .replace("{left}", &left.to_string())
        .replace("{all}", &v.budget.to_string());
    let text = if v.tie_break() {
        format!("{} · {text}", Ui::TieBreakRound.text(lang))
    } else {
        text
    };
    // ✋ has emoji presentation by default, so terminals and unicode-width
    // agree it takes two cells; 🗳 (text presentation) was measured as one
    // and drawn as two, leaving stray characters behind it.
    let mut spans = vec![Span::styled(format!(" ✋ {text}  "), ctx.theme.selected)];
    spans.extend(
        hints(
            ctx,
            Context::Voting,
            &[
                (Command::Submit, Ui::HintVote),
                (Command::TakeBack, Ui::HintTakeBack),
                (Command::Back, Ui::HintDone),
            ],
        )
        .spans,
    );
    frame.render_widget(
        Paragraph::new(Line::from(spans)).style(ctx.theme.text),
        banner,
    );
}
