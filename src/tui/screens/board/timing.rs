//! The board's time box: the timer keys, ending a phase, and the box
//! following the phases. Every change is put into the session and saved,
//! so reopening the session carries on with the same time box.

use jiff::Timestamp;

use super::BoardState;
use crate::strings::Ui;
use crate::tui::app::{App, Effect};
use crate::tui::command::Command;
use crate::tui::timer::Timer;

/// `t`, `T`, `+` and `-`: start or pause, reset, a minute more or less.
pub(super) fn command(b: &mut BoardState, cmd: Command, now: Timestamp) -> Vec<Effect> {
    match cmd {
        Command::TimerToggle => b.timer.toggle(now),
        Command::TimerReset => {
            let minutes = current_minutes(b);
            b.timer.reset(minutes);
        }
        Command::TimerPlus => b.timer.adjust(1),
        Command::TimerMinus => b.timer.adjust(-1),
        _ => return Vec::new(),
    }
    keep(b)
}

/// `E`: ends the running phase without starting the next. The time box
/// stops where it stood, so the header can say the phase ended early
/// rather than that time ran out.
pub(super) fn end_phase(app: &mut App) -> Vec<Effect> {
    let now = app.clock.now();
    let Some(b) = app.board() else {
        return Vec::new();
    };
    if b.session().current_phase().is_none() {
        return Vec::new();
    }
    let (left, shown) = (b.timer.remaining_secs(now), b.timer.display(now));
    let effects = super::apply(app, move |s, _| {
        s.end_phase(now);
        Ok::<(), crate::model::ModelError>(())
    });
    if effects.is_empty() {
        return effects;
    }
    if let Some(b) = super::board_mut(app) {
        b.timer.stop(now);
        keep(b);
    }
    let text = if left > 0 {
        app.t(Ui::PhaseEndedEarly).replace("{left}", &shown)
    } else {
        app.t(Ui::PhaseEndedHere).to_string()
    };
    app.say(text);
    effects
}

/// After a phase change to `target` (none: the last phase ended). A
/// running time box carries on into the next phase, so the room keeps its
/// rhythm; a paused one stays paused; after the last phase it stops where
/// it stood. The caller saves.
pub(super) fn follow_phase(b: &mut BoardState, target: Option<usize>, now: Timestamp) {
    match target.and_then(|i| b.method.phases.get(i)) {
        Some(phase) => {
            let running = b.timer.is_running();
            b.timer = Timer::new(Some(&phase.id), super::plan_minutes(b, phase));
            if running {
                b.timer.toggle(now);
            }
        }
        None => b.timer.stop(now),
    }
    keep(b);
}

/// Puts the board's time box into the session and asks for a save. Called
/// when the box is started, paused, changed or follows a phase; never per
/// tick, since the running time is worked out from when it started. A
/// read-only board keeps its time box to itself.
fn keep(b: &mut BoardState) -> Vec<Effect> {
    if b.open.is_read_only() || b.session().timer.as_ref() == Some(b.timer.state()) {
        return Vec::new();
    }
    b.open.set_timer(Some(b.timer.state().clone()));
    b.save.dirty = true;
    vec![Effect::Save]
}

/// The minutes of the running phase's box; the first phase's before the
/// workshop starts, none between phases.
fn current_minutes(b: &BoardState) -> u32 {
    b.phase_index()
        .or(if b.session().phase_log.is_empty() {
            Some(0)
        } else {
            None
        })
        .and_then(|i| b.method.phases.get(i))
        .map_or(0, |p| super::plan_minutes(b, p))
}
