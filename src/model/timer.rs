//! The phase time box as saved in the session, so that reopening a session
//! carries on with the time the group has. Running time is worked out from
//! when the box was last started, never counted in ticks, so it is right
//! however often the screen is drawn and however long the program was
//! closed.

use jiff::{SignedDuration, Timestamp};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A phase's time box: how long it is, how much of it is used, and whether
/// it runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TimerState {
    /// The phase the box belongs to; none before the first phase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<String>,
    /// The length of the box in minutes, with the minutes added or taken
    /// away by the facilitator.
    pub minutes: u32,
    /// Milliseconds used while it ran before `started`.
    #[serde(default)]
    pub elapsed_ms: u64,
    /// When it was last started; none while it is paused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<Timestamp>,
}

impl TimerState {
    /// A full, paused box of `minutes` for `phase`.
    pub fn new(phase: Option<&str>, minutes: u32) -> TimerState {
        TimerState {
            phase: phase.map(str::to_string),
            minutes,
            elapsed_ms: 0,
            started: None,
        }
    }

    /// Whether it is counting.
    pub fn is_running(&self) -> bool {
        self.started.is_some()
    }

    /// Milliseconds used at `now`. A clock set back before `started`
    /// counts nothing rather than taking time back.
    pub fn elapsed_ms(&self, now: Timestamp) -> u64 {
        let running = self.started.map_or(0, |since| {
            let span = now.duration_since(since).max(SignedDuration::ZERO);
            u64::try_from(span.as_millis()).unwrap_or(u64::MAX)
        });
        self.elapsed_ms.saturating_add(running)
    }

    /// Starts a paused box or pauses a running one.
    pub fn toggle(&mut self, now: Timestamp) {
        match self.started {
            Some(_) => {
                self.elapsed_ms = self.elapsed_ms(now);
                self.started = None;
            }
            None => self.started = Some(now),
        }
    }

    /// Stops the box where it stands (the phase ended), keeping the time
    /// used.
    pub fn stop(&mut self, now: Timestamp) {
        if self.is_running() {
            self.toggle(now);
        }
    }

    /// Gives `minutes` more (or fewer, if negative); the box never gets
    /// shorter than zero.
    pub fn adjust(&mut self, minutes: i64) {
        let minutes = i64::from(self.minutes).saturating_add(minutes);
        self.minutes = u32::try_from(minutes.max(0)).unwrap_or(u32::MAX);
    }

    /// Seconds left at `now`; negative once the time is up.
    pub fn remaining_secs(&self, now: Timestamp) -> i64 {
        let used = i64::try_from(self.elapsed_ms(now) / 1000).unwrap_or(i64::MAX);
        i64::from(self.minutes) * 60 - used
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
    fn running_time_comes_from_the_start_not_from_counting() {
        let mut t = TimerState::new(Some("kritik"), 10);
        t.toggle(at(0));
        assert_eq!(t.remaining_secs(at(61)), 539);
        t.toggle(at(61));
        assert_eq!((t.elapsed_ms, t.started), (61_000, None));
        assert_eq!(t.remaining_secs(at(5000)), 539, "paused");
        t.toggle(at(5000));
        assert_eq!(t.remaining_secs(at(5000 + 600)), -61, "over time");
    }

    #[test]
    fn a_clock_set_back_takes_no_time_away_and_minutes_stop_at_zero() {
        let mut t = TimerState::new(None, 1);
        t.toggle(at(100));
        assert_eq!(t.remaining_secs(at(50)), 60);
        t.adjust(-5);
        assert_eq!(t.minutes, 0);
        t.adjust(3);
        t.stop(at(130));
        t.stop(at(900));
        assert_eq!(t.remaining_secs(at(10_000)), 150);
    }

    #[test]
    fn it_is_saved_as_plain_numbers_and_times() {
        let mut t = TimerState::new(Some("fantasi"), 20);
        t.toggle(at(0));
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(
            json,
            r#"{"phase":"fantasi","minutes":20,"elapsed_ms":0,"started":"2026-09-21T14:13:20Z"}"#
        );
        assert_eq!(serde_json::from_str::<TimerState>(&json).unwrap(), t);
    }
}
