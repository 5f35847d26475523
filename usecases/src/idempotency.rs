//! The answers to creates sent with an `Idempotency-Key`, kept so that a retry gets the
//! first answer back instead of creating twice.

use chrono::NaiveDateTime;
use dantin_domain::UserId;
use dantin_persistence::idempotency;
use dantin_persistence::Store;

pub use dantin_persistence::idempotency::{Answer, Reservation, LIFETIME_HOURS};

use crate::error::Result;

/// Looks the key up for `account` and reserves it when it is new, in a write
/// transaction, so that two requests cannot both reserve one key.
pub fn reserve(
    store: &Store,
    account: UserId,
    key: &str,
    fingerprint: &str,
    now: NaiveDateTime,
) -> Result<Reservation> {
    Ok(store.write(|c| idempotency::reserve(c, account, key, fingerprint, now))?)
}

/// Records the answer to a reserved key.
pub fn complete(store: &Store, account: UserId, key: &str, answer: &Answer) -> Result<()> {
    Ok(store.write(|c| idempotency::complete(c, account, key, answer))?)
}

/// Frees a reserved key whose request failed (and so changed nothing).
pub fn release(store: &Store, account: UserId, key: &str) -> Result<()> {
    Ok(store.write(|c| idempotency::release(c, account, key))?)
}
