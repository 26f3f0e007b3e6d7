//! Time for the interface: the wall clock for stamping changes and a
//! monotonic clock for the phase timer. Tests use a fixed clock they move
//! by hand, so nothing depends on how fast the machine is.

use std::time::{Duration, Instant};

use jiff::Timestamp;

/// Where the interface reads the time.
#[derive(Debug, Clone)]
pub struct Clock {
    fixed: Option<(Timestamp, Instant)>,
    offset: Duration,
}

impl Clock {
    /// The real clocks.
    pub fn system() -> Clock {
        Clock {
            fixed: None,
            offset: Duration::ZERO,
        }
    }

    /// A clock that stands still at `at` until [`Clock::advance`] moves it.
    pub fn fixed(at: Timestamp) -> Clock {
        Clock {
            fixed: Some((at, Instant::now())),
            offset: Duration::ZERO,
        }
    }

    /// Moves a fixed clock forward.
    pub fn advance(&mut self, by: Duration) {
        self.offset += by;
    }

    /// The wall-clock time, to the millisecond.
    pub fn now(&self) -> Timestamp {
        match self.fixed {
            Some((at, _)) => at
                .checked_add(jiff::SignedDuration::try_from(self.offset).unwrap_or_default())
                .unwrap_or(at),
            None => crate::model::now(),
        }
    }

    /// The monotonic time, for timers.
    pub fn instant(&self) -> Instant {
        match self.fixed {
            Some((_, base)) => base + self.offset,
            None => Instant::now(),
        }
    }
}
