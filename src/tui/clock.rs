//! Time for the interface: the wall clock, for stamping changes and for
//! the phase timer (whose running time is worked out from when it was
//! started, so it survives closing the program). Tests use a fixed clock
//! they move by hand, so nothing depends on how fast the machine is.

use std::time::Duration;

use jiff::Timestamp;

/// Where the interface reads the time.
#[derive(Debug, Clone)]
pub struct Clock {
    fixed: Option<Timestamp>,
    offset: Duration,
}

impl Clock {
    /// The real clock.
    pub fn system() -> Clock {
        Clock {
            fixed: None,
            offset: Duration::ZERO,
        }
    }

    /// A clock that stands still at `at` until [`Clock::advance`] moves it.
    pub fn fixed(at: Timestamp) -> Clock {
        Clock {
            fixed: Some(at),
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
            Some(at) => at
                .checked_add(jiff::SignedDuration::try_from(self.offset).unwrap_or_default())
                .unwrap_or(at),
            None => crate::model::now(),
        }
    }
}
