//! What the server remembers while the room is open, in memory only: the
//! prompt, the phones (a random number and their dots), the rate limits.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::mpsc::{SyncSender, TrySendError};
use std::sync::{Mutex, MutexGuard, PoisonError, RwLock};

use uuid::Uuid;

use super::limits::{Bucket, Buckets, RoomLimits};
use super::{Arrival, PhoneId, Prompt};

/// The state every request handler shares.
pub(super) struct Shared {
    /// The secret path segment every request but the join page carries.
    pub token: String,
    /// The code typed on the join page.
    pub join_code: String,
    pub limits: RoomLimits,
    prompt: RwLock<Prompt>,
    phones: Mutex<HashMap<PhoneId, Phone>>,
    addresses: Mutex<Buckets<IpAddr>>,
    joins: Mutex<Buckets<IpAddr>>,
    arrivals: SyncSender<Arrival>,
}

/// A phone the room has seen.
struct Phone {
    bucket: Bucket,
    /// Its dots per voting round (phase id), as last sent.
    dots: HashMap<String, Vec<(Uuid, u32)>>,
}

/// Why an arrival did not reach the board.
pub(super) enum Refused {
    /// Too many at once from this phone.
    TooFast,
    /// The board's queue is full (or the board has gone).
    Busy,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Shared {
    pub(super) fn new(prompt: Prompt, limits: RoomLimits, arrivals: SyncSender<Arrival>) -> Shared {
        Shared {
            token: new_token(),
            join_code: join_code(),
            prompt: RwLock::new(prompt),
            phones: Mutex::new(HashMap::new()),
            addresses: Mutex::new(Buckets::new(limits.requests_per_minute)),
            joins: Mutex::new(Buckets::new(limits.joins_per_minute)),
            limits,
            arrivals,
        }
    }

    /// The path of the phone page.
    pub(super) fn base(&self) -> String {
        format!("/r/{}", self.token)
    }

    /// Whether `token` is the room's (in time independent of where they
    /// differ).
    pub(super) fn token_is(&self, token: &str) -> bool {
        same(token, &self.token)
    }

    pub(super) fn code_is(&self, code: &str) -> bool {
        let typed: String = code
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        same(&typed, &self.join_code)
    }

    pub(super) fn prompt(&self) -> Prompt {
        self.prompt
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub(super) fn set_prompt(&self, prompt: Prompt) {
        *self.prompt.write().unwrap_or_else(PoisonError::into_inner) = prompt;
    }

    pub(super) fn phones(&self) -> usize {
        lock(&self.phones).len()
    }

    /// The phone a cookie names if the room knows it, else a new one;
    /// none when the room knows as many phones as it takes.
    pub(super) fn phone(&self, cookie: Option<u64>) -> Option<(PhoneId, bool)> {
        let mut phones = lock(&self.phones);
        if let Some(id) = cookie.map(PhoneId)
            && phones.contains_key(&id)
        {
            return Some((id, false));
        }
        if phones.len() >= self.limits.phones {
            return None;
        }
        let id = loop {
            let id = PhoneId(random_u64());
            if !phones.contains_key(&id) {
                break id;
            }
        };
        let phone = Phone {
            bucket: Bucket::full(self.limits.notes_per_minute),
            dots: HashMap::new(),
        };
        phones.insert(id, phone);
        Some((id, true))
    }

    /// Whether `address` may make one more request.
    pub(super) fn address_may(&self, address: IpAddr) -> bool {
        lock(&self.addresses).take(address)
    }

    /// Whether `address` may try one more join code.
    pub(super) fn join_may(&self, address: IpAddr) -> bool {
        lock(&self.joins).take(address)
    }

    /// The dots `phone` gave in the round `phase`.
    pub(super) fn dots(&self, phone: PhoneId, phase: &str) -> Vec<(Uuid, u32)> {
        lock(&self.phones)
            .get(&phone)
            .and_then(|p| p.dots.get(phase).cloned())
            .unwrap_or_default()
    }

    /// Hands `arrival` to the board if `phone` may send one more and the
    /// queue has room; remembers the dots of a vote that went through.
    pub(super) fn send(&self, phone: PhoneId, arrival: Arrival) -> Result<(), Refused> {
        let mut phones = lock(&self.phones);
        let entry = phones.get_mut(&phone).ok_or(Refused::Busy)?;
        if !entry.bucket.take(self.limits.notes_per_minute) {
            return Err(Refused::TooFast);
        }
        let votes = match &arrival {
            Arrival::Votes(v) => Some((v.phase.clone(), v.dots.clone())),
            Arrival::Note(_) => None,
        };
        match self.arrivals.try_send(arrival) {
            Ok(()) => {
                if let Some((phase, dots)) = votes {
                    entry.dots.insert(phase, dots);
                }
                Ok(())
            }
            Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => {
                // Not the phone's doing: the try after this one is free.
                entry.bucket.give_back(self.limits.notes_per_minute);
                Err(Refused::Busy)
            }
        }
    }
}

/// Whether two short secrets are equal, comparing every byte.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// 64 random bits: the two halves of a version 4 UUID, whose fixed bits
/// (version and variant) each meet random ones.
fn random_u64() -> u64 {
    let (high, low) = Uuid::new_v4().as_u64_pair();
    high ^ low
}

/// Letters and digits that cannot be mistaken for one another read aloud
/// or off a wall: no 0/O, 1/I/L.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// Six characters from [`CODE_ALPHABET`], each as likely as the others.
pub(super) fn join_code() -> String {
    let n = CODE_ALPHABET.len();
    // The largest multiple of n a byte reaches: bytes above are thrown
    // back, so that no character comes up more often.
    let fair = 256 - 256 % n;
    let mut code = String::new();
    while code.len() < 6 {
        // Bytes 6 and 8 of a version 4 UUID carry its version and variant.
        let bytes = Uuid::new_v4().into_bytes();
        for (i, b) in bytes.into_iter().enumerate() {
            if i != 6 && i != 8 && usize::from(b) < fair && code.len() < 6 {
                code.push(char::from(CODE_ALPHABET[usize::from(b) % n]));
            }
        }
    }
    code
}

/// A new token: 128 random bits from the system, as 32 hex digits.
fn new_token() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        // No system randomness: two v4 ids' random bits, still 128 of them.
        let (a, b) = (Uuid::new_v4().as_u128(), Uuid::new_v4().as_u128());
        bytes = (a ^ b.rotate_left(64)).to_le_bytes();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_codes_avoid_look_alikes() {
        for _ in 0..200 {
            let code = join_code();
            assert_eq!(code.len(), 6);
            assert!(!code.contains(['0', 'O', '1', 'I', 'L']), "{code}");
        }
    }

    #[test]
    fn codes_are_read_leniently() {
        let (tx, _rx) = std::sync::mpsc::sync_channel(1);
        let shared = Shared::new(Prompt::default(), RoomLimits::default(), tx);
        let typed = format!(" {}-{} ", &shared.join_code[..3], &shared.join_code[3..]);
        assert!(shared.code_is(&typed.to_lowercase()));
        assert!(!shared.code_is("AAAAAA") || shared.join_code == "AAAAAA");
    }
}
