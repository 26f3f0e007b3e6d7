//! The phase time box on the board: a countdown that can run, pause, be
//! reset and be given more or less time, and that keeps counting past zero
//! without stopping anyone. Its state is the session's [`TimerState`], so
//! it is saved with the session and worked out from wall-clock times.

use std::time::Duration;

use jiff::Timestamp;

use crate::methods::Method;
use crate::model::{Session, TimerState};

/// How urgent the time box is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// More than 20 % left.
    Calm,
    /// 20 % or less left.
    Warn,
    /// 5 % or less left.
    Urgent,
    /// No time left; the timer counts the time over.
    Up,
}

/// A countdown for one phase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timer {
    state: TimerState,
}

impl Timer {
    /// A stopped timer of `minutes` for `phase`.
    pub fn new(phase: Option<&str>, minutes: u32) -> Timer {
        Timer {
            state: TimerState::new(phase, minutes),
        }
    }

    /// The time box a board opened on `session` shows: the one saved in
    /// the session if it belongs to the phase last run (running, paused or
    /// ended), otherwise a full, paused box for the current phase (or the
    /// first one, before the workshop starts), as long as `minutes` says
    /// (the day's plan, or the method).
    pub fn for_session(
        session: &Session,
        method: &Method,
        minutes: impl Fn(&crate::methods::Phase) -> u32,
    ) -> Timer {
        let last = session.phase_log.last().map(|e| e.phase.as_str());
        if let Some(saved) = &session.timer
            && saved.phase.as_deref() == last
        {
            return Timer {
                state: saved.clone(),
            };
        }
        match session.current_phase().and_then(|p| method.phase(p)) {
            Some(phase) => Timer::new(Some(&phase.id), minutes(phase)),
            // Between phases the box shows the first phase's length and
            // belongs to no phase until one starts.
            None => Timer::new(None, method.phases.first().map_or(0, &minutes)),
        }
    }

    /// What is saved in the session.
    pub fn state(&self) -> &TimerState {
        &self.state
    }

    /// Whether it is counting.
    pub fn is_running(&self) -> bool {
        self.state.is_running()
    }

    /// Starts or pauses.
    pub fn toggle(&mut self, now: Timestamp) {
        self.state.toggle(now);
    }

    /// Stops where it stands, as when the phase ends.
    pub fn stop(&mut self, now: Timestamp) {
        self.state.stop(now);
    }

    /// Back to a full, stopped time box of `minutes` for the same phase.
    pub fn reset(&mut self, minutes: u32) {
        self.state = TimerState::new(self.state.phase.as_deref(), minutes);
    }

    /// Gives one minute more (`+1`) or less (`-1`); there is no upper
    /// limit, and the box never gets shorter than zero.
    pub fn adjust(&mut self, minutes: i64) {
        self.state.adjust(minutes);
    }

    /// The length of the time box.
    pub fn budget(&self) -> Duration {
        Duration::from_secs(u64::from(self.state.minutes) * 60)
    }

    /// Seconds left; negative once time is up.
    pub fn remaining_secs(&self, now: Timestamp) -> i64 {
        self.state.remaining_secs(now)
    }

    /// How urgent it is at `now`.
    pub fn level(&self, now: Timestamp) -> Level {
        let left = self.remaining_secs(now);
        let budget = i64::from(self.state.minutes) * 60;
        if left <= 0 {
            Level::Up
        } else if left * 100 <= budget * 5 {
            Level::Urgent
        } else if left * 100 <= budget * 20 {
            Level::Warn
        } else {
            Level::Calm
        }
    }

    /// The time shown: `MM:SS` left, or `+MM:SS` over. Hours are folded
    /// into minutes, since workshops rarely box more than 99 minutes.
    pub fn display(&self, now: Timestamp) -> String {
        let left = self.remaining_secs(now);
        let (sign, secs) = if left < 0 { ("+", -left) } else { ("", left) };
        format!("{sign}{:02}:{:02}", secs / 60, secs % 60)
    }

    /// How long until the display next changes, for the event loop.
    pub fn until_next_second(&self, now: Timestamp) -> Duration {
        let into = self.state.elapsed_ms(now) % 1000;
        Duration::from_millis(1000 - into)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn at(secs: i64) -> Timestamp {
        Timestamp::from_second(1_790_000_000 + secs).unwrap()
    }

    #[test]
    fn counts_down_pauses_and_goes_over() {
        let mut t = Timer::new(None, 10);
        assert_eq!(t.display(at(0)), "10:00");
        t.toggle(at(0));
        assert!(t.is_running());
        assert_eq!(t.display(at(61)), "08:59");
        t.toggle(at(61));
        assert_eq!(t.display(at(500)), "08:59");
        t.toggle(at(500));
        let later = at(500 + 539 + 75);
        assert_eq!(t.display(later), "+01:15");
        assert_eq!(t.level(later), Level::Up);
    }

    #[test]
    fn warns_at_twenty_and_five_percent() {
        let mut t = Timer::new(None, 10);
        t.toggle(at(0));
        let level = |s| t.level(at(s));
        assert_eq!(level(0), Level::Calm);
        assert_eq!(level(479), Level::Calm);
        assert_eq!(level(480), Level::Warn);
        assert_eq!(level(570), Level::Urgent);
        assert_eq!(level(600), Level::Up);
    }

    #[test]
    fn minutes_can_be_added_without_limit_and_removed_down_to_zero() {
        let mut t = Timer::new(Some("kritik"), 1);
        for _ in 0..200 {
            t.adjust(1);
        }
        assert_eq!(t.display(at(0)), "201:00");
        for _ in 0..300 {
            t.adjust(-1);
        }
        assert_eq!(t.display(at(0)), "00:00");
        assert_eq!(t.level(at(0)), Level::Up);
        t.reset(5);
        assert_eq!(
            (t.display(at(0)), t.is_running()),
            ("05:00".to_string(), false)
        );
        assert_eq!(t.state().phase.as_deref(), Some("kritik"));
    }

    #[test]
    fn the_next_redraw_is_due_when_the_second_turns() {
        let mut t = Timer::new(None, 10);
        t.toggle(at(0));
        let now = at(3)
            .checked_add(jiff::SignedDuration::from_millis(250))
            .unwrap();
        assert_eq!(t.until_next_second(now), Duration::from_millis(750));
    }
}
