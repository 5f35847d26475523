//! `Idempotency-Key`: a create retried with the same key gets the first answer back. The
//! answer is kept by the write itself (`Caller::write`), in its own transaction, so a key
//! is answered exactly when its write committed: after a crash, a retry either replays
//! (the write had committed) or runs afresh (it had not).

use std::any::Any;
use std::sync::Arc;

use chrono::NaiveDateTime;
use dantin_domain::UserId;
use dantin_persistence::idempotency::{self, Kept};
use dantin_persistence::{Db, Store};

pub use dantin_persistence::idempotency::{Answer, LIFETIME_HOURS};

use crate::error::{Error, Result};

/// What an earlier request with the key left.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    /// Nothing: the request is new.
    Nothing,
    /// The same request was answered: send this again.
    Replay(Answer),
    /// The key answered a different request (method, path or body).
    Mismatch,
}

/// How the API renders a use case's result as the answer a retry gets back (`None` when
/// the result is not of the type the handler renders: a mistake of the code, refused as
/// such).
pub type Render = Arc<dyn Fn(&dyn Any) -> Option<Answer> + Send + Sync>;

/// A keyed request, as its write keeps the answer: whose key, which request, and how the
/// API renders the write's result as its answer.
#[derive(Clone)]
pub struct KeyedRequest {
    pub account: UserId,
    pub key: String,
    pub fingerprint: String,
    pub received: NaiveDateTime,
    pub render: Render,
}

impl std::fmt::Debug for KeyedRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyedRequest")
            .field("account", &self.account)
            .field("key", &self.key)
            .finish_non_exhaustive()
    }
}

fn compare(kept: Option<Kept>, fingerprint: &str) -> Found {
    match kept {
        None => Found::Nothing,
        Some(k) if k.fingerprint == fingerprint => Found::Replay(k.answer),
        Some(_) => Found::Mismatch,
    }
}

/// What `account`'s `key` stands for, before the request runs.
pub fn look_up(
    store: &Store,
    account: UserId,
    key: &str,
    fingerprint: &str,
    now: NaiveDateTime,
) -> Result<Found> {
    let kept = store.read(|c| idempotency::find(c, account, key, now))?;
    Ok(compare(kept, fingerprint))
}

/// Inside the write's transaction, before it writes: the key is still free (a request
/// with it may have committed since `look_up`).
pub(crate) fn claim(c: &mut Db, k: &KeyedRequest) -> Result<()> {
    match compare(
        idempotency::find(c, k.account, &k.key, k.received)?,
        &k.fingerprint,
    ) {
        Found::Nothing => Ok(()),
        Found::Replay(_) => Err(Error::KeyJustAnswered),
        Found::Mismatch => Err(Error::KeyReused),
    }
}

/// Inside the write's transaction, after it wrote: keeps the answer to `result`.
pub(crate) fn keep(c: &mut Db, k: &KeyedRequest, result: &dyn Any) -> Result<()> {
    let answer = (k.render)(result).ok_or_else(|| {
        dantin_persistence::StoreError::Corrupt(
            "a keyed request's answer was rendered from a result of another type".to_owned(),
        )
    })?;
    Ok(idempotency::keep(
        c,
        k.account,
        &k.key,
        &k.fingerprint,
        &answer,
        k.received,
    )?)
}
