//! How much the room takes from a phone or an address, and for how long it
//! waits: a shared network may carry a careless or hostile device, and the
//! board must stay usable whatever it sends.

use std::collections::HashMap;
use std::hash::Hash;
use std::time::{Duration, Instant};

/// The room's limits. [`Default`] suits a workshop; a load test raises
/// them (see [`super::Room::open_with_limits`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomLimits {
    /// Notes and vote forms a phone may send per minute (in a burst, too).
    pub notes_per_minute: u32,
    /// Requests an address may make per minute, pages included.
    pub requests_per_minute: u32,
    /// Join codes an address may try per minute.
    pub joins_per_minute: u32,
    /// The largest request body taken, in bytes. Large enough for a note
    /// of [`RoomLimits::note_chars`] in any script once a form encodes it
    /// (an Arabic letter is six bytes there, an emoji twelve).
    pub body_bytes: usize,
    /// The longest note, in characters.
    pub note_chars: usize,
    /// The longest pseudonym, in characters.
    pub pseudonym_chars: usize,
    /// How long a request may take, its body included.
    pub request_timeout: Duration,
    /// How long a phone may take to send a request's head.
    pub header_timeout: Duration,
    /// How long one connection may stay open (a browser opens another).
    pub connection_lifetime: Duration,
    /// Connections served at once; more wait to be accepted.
    pub connections: usize,
    /// Phones the room knows at most; more are told it is busy.
    pub phones: usize,
    /// Arrivals waiting for the board at most; more are told to try again.
    pub queue: usize,
}

impl Default for RoomLimits {
    fn default() -> Self {
        RoomLimits {
            notes_per_minute: 10,
            requests_per_minute: 60,
            joins_per_minute: 10,
            body_bytes: 16 * 1024,
            note_chars: 1000,
            pseudonym_chars: 40,
            request_timeout: Duration::from_secs(10),
            header_timeout: Duration::from_secs(10),
            connection_lifetime: Duration::from_secs(120),
            connections: 256,
            phones: 2000,
            queue: 256,
        }
    }
}

/// A token bucket: `per_minute` tokens at most, refilled evenly.
#[derive(Debug, Clone)]
pub(super) struct Bucket {
    tokens: f64,
    last: Instant,
}

impl Bucket {
    pub(super) fn full(per_minute: u32) -> Bucket {
        Bucket {
            tokens: f64::from(per_minute),
            last: Instant::now(),
        }
    }

    /// Takes a token if there is one.
    pub(super) fn take(&mut self, per_minute: u32) -> bool {
        self.refill(per_minute);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }

    /// Gives back a token taken for something that did not happen.
    pub(super) fn give_back(&mut self, per_minute: u32) {
        self.tokens = (self.tokens + 1.0).min(f64::from(per_minute));
    }

    fn refill(&mut self, per_minute: u32) {
        let now = Instant::now();
        let cap = f64::from(per_minute);
        let gained = now.duration_since(self.last).as_secs_f64() * cap / 60.0;
        self.tokens = (self.tokens + gained).min(cap);
        self.last = now;
    }

    fn is_full(&mut self, per_minute: u32) -> bool {
        self.refill(per_minute);
        self.tokens >= f64::from(per_minute)
    }
}

/// A bucket per key (an address), forgetting full ones when many pile up
/// so that a flood of addresses cannot fill the memory.
#[derive(Debug)]
pub(super) struct Buckets<K> {
    per_minute: u32,
    buckets: HashMap<K, Bucket>,
}

const MANY: usize = 4096;

impl<K: Eq + Hash> Buckets<K> {
    pub(super) fn new(per_minute: u32) -> Buckets<K> {
        Buckets {
            per_minute,
            buckets: HashMap::new(),
        }
    }

    /// Takes a token from `key`'s bucket if there is one.
    pub(super) fn take(&mut self, key: K) -> bool {
        if self.buckets.len() >= MANY {
            let per_minute = self.per_minute;
            self.buckets.retain(|_, b| !b.is_full(per_minute));
        }
        if self.buckets.len() >= MANY {
            return false;
        }
        let per_minute = self.per_minute;
        self.buckets
            .entry(key)
            .or_insert_with(|| Bucket::full(per_minute))
            .take(per_minute)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_gives_its_burst_then_refuses() {
        let mut b = Bucket::full(3);
        assert!(b.take(3) && b.take(3) && b.take(3));
        assert!(!b.take(3));
    }

    #[test]
    fn buckets_are_per_key() {
        let mut b = Buckets::new(1);
        assert!(b.take(1));
        assert!(!b.take(1));
        assert!(b.take(2));
    }
}
