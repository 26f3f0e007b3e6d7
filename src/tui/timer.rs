//! The phase time box: a countdown that can run, pause, be reset and be
//! given more or less time, and that keeps counting past zero without
//! stopping anyone.

use std::time::{Duration, Instant};

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
    budget: Duration,
    spent: Duration,
    since: Option<Instant>,
}

impl Timer {
    /// A stopped timer of `minutes`.
    pub fn new(minutes: u32) -> Timer {
        Timer {
            budget: Duration::from_secs(u64::from(minutes) * 60),
            spent: Duration::ZERO,
            since: None,
        }
    }

    /// Whether it is counting.
    pub fn is_running(&self) -> bool {
        self.since.is_some()
    }

    /// Starts or pauses.
    pub fn toggle(&mut self, now: Instant) {
        match self.since.take() {
            Some(since) => self.spent += now.saturating_duration_since(since),
            None => self.since = Some(now),
        }
    }

    /// Back to a full, stopped time box of `minutes`.
    pub fn reset(&mut self, minutes: u32) {
        *self = Timer::new(minutes);
    }

    /// Gives one minute more (`+1`) or less (`-1`); there is no upper
    /// limit, and the box never gets shorter than zero.
    pub fn adjust(&mut self, minutes: i64) {
        let step = Duration::from_secs(minutes.unsigned_abs() * 60);
        self.budget = if minutes >= 0 {
            self.budget + step
        } else {
            self.budget.saturating_sub(step)
        };
    }

    /// The length of the time box.
    pub fn budget(&self) -> Duration {
        self.budget
    }

    fn elapsed(&self, now: Instant) -> Duration {
        self.spent
            + self
                .since
                .map_or(Duration::ZERO, |s| now.saturating_duration_since(s))
    }

    /// Seconds left; negative once time is up.
    pub fn remaining_secs(&self, now: Instant) -> i64 {
        let budget = self.budget.as_secs() as i64;
        budget - self.elapsed(now).as_secs() as i64
    }

    /// How urgent it is at `now`.
    pub fn level(&self, now: Instant) -> Level {
        let left = self.remaining_secs(now);
        let budget = self.budget.as_secs() as i64;
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
    pub fn display(&self, now: Instant) -> String {
        let left = self.remaining_secs(now);
        let (sign, secs) = if left < 0 { ("+", -left) } else { ("", left) };
        format!("{sign}{:02}:{:02}", secs / 60, secs % 60)
    }

    /// How long until the display next changes, for the event loop.
    pub fn until_next_second(&self, now: Instant) -> Duration {
        let nanos = self.elapsed(now).subsec_nanos();
        Duration::from_nanos(u64::from(1_000_000_000 - nanos))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_down_pauses_and_goes_over() {
        let t0 = Instant::now();
        let mut t = Timer::new(10);
        assert_eq!(t.display(t0), "10:00");
        t.toggle(t0);
        assert!(t.is_running());
        assert_eq!(t.display(t0 + Duration::from_secs(61)), "08:59");
        t.toggle(t0 + Duration::from_secs(61));
        assert_eq!(t.display(t0 + Duration::from_secs(500)), "08:59");
        t.toggle(t0 + Duration::from_secs(500));
        let later = t0 + Duration::from_secs(500 + 539 + 75);
        assert_eq!(t.display(later), "+01:15");
        assert_eq!(t.level(later), Level::Up);
    }

    #[test]
    fn warns_at_twenty_and_five_percent() {
        let t0 = Instant::now();
        let mut t = Timer::new(10);
        t.toggle(t0);
        let at = |s| t.level(t0 + Duration::from_secs(s));
        assert_eq!(at(0), Level::Calm);
        assert_eq!(at(479), Level::Calm);
        assert_eq!(at(480), Level::Warn);
        assert_eq!(at(570), Level::Urgent);
        assert_eq!(at(600), Level::Up);
    }

    #[test]
    fn minutes_can_be_added_without_limit_and_removed_down_to_zero() {
        let t0 = Instant::now();
        let mut t = Timer::new(1);
        for _ in 0..200 {
            t.adjust(1);
        }
        assert_eq!(t.display(t0), "201:00");
        for _ in 0..300 {
            t.adjust(-1);
        }
        assert_eq!(t.display(t0), "00:00");
        assert_eq!(t.level(t0), Level::Up);
        t.reset(5);
        assert_eq!(
            (t.display(t0), t.is_running()),
            ("05:00".to_string(), false)
        );
    }
}
