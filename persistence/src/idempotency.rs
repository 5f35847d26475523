//! The answers to creates sent with an `Idempotency-Key`, kept so that a retry gets the
//! first answer back instead of creating twice.

use chrono::{Duration, NaiveDateTime};
use dantin_domain::UserId;
use diesel::prelude::*;

use crate::db::Db;
use crate::error::StoreResult;
use crate::schema::idempotency_keys as k;

/// How long a key is remembered.
pub const LIFETIME_HOURS: i64 = 24;

/// The answer a request got, as it is replayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    pub content_type: Option<String>,
    pub location: Option<String>,
    pub etag: Option<String>,
    pub body: String,
}

/// What a request with a key finds.
#[derive(Debug, PartialEq, Eq)]
pub enum Reservation {
    /// The key is new: it is now reserved for this request, which must `complete` or
    /// `release` it.
    Reserved,
    /// The same request was answered before: send this again.
    Replay(Answer),
    /// The first request with this key has not finished (or its server died before
    /// recording the answer).
    InFlight,
    /// The key was used for a different request (method, path or body).
    Mismatch,
}

/// A key's row: the request it was reserved for and, once answered, the answer.
#[derive(Queryable)]
struct Kept {
    fingerprint: String,
    status: Option<i32>,
    content_type: Option<String>,
    location: Option<String>,
    etag: Option<String>,
    body: Option<String>,
}

/// Looks the key up for `account`, forgetting keys older than the lifetime, and reserves
/// it when it is new. Run it in a write transaction, so that two requests cannot both
/// reserve one key.
pub fn reserve(
    c: &mut Db,
    account: UserId,
    key: &str,
    fingerprint: &str,
    now: NaiveDateTime,
) -> StoreResult<Reservation> {
    diesel::delete(k::table.filter(k::created_at.lt(now - Duration::hours(LIFETIME_HOURS))))
        .execute(c)?;
    let found: Option<Kept> = k::table
        .find((account.get(), key))
        .select((
            k::fingerprint,
            k::status,
            k::content_type,
            k::location,
            k::etag,
            k::body,
        ))
        .first(c)
        .optional()?;
    Ok(match found {
        None => {
            diesel::insert_into(k::table)
                .values((
                    k::account_id.eq(account.get()),
                    k::key.eq(key),
                    k::fingerprint.eq(fingerprint),
                    k::created_at.eq(now),
                ))
                .execute(c)?;
            Reservation::Reserved
        }
        Some(kept) if kept.fingerprint != fingerprint => Reservation::Mismatch,
        Some(Kept {
            status: Some(status),
            content_type,
            location,
            etag,
            body,
            ..
        }) => Reservation::Replay(Answer {
            status: u16::try_from(status).unwrap_or(500),
            content_type,
            location,
            etag,
            body: body.unwrap_or_default(),
        }),
        Some(Kept { status: None, .. }) => Reservation::InFlight,
    })
}

/// Records the answer to a reserved key.
pub fn complete(c: &mut Db, account: UserId, key: &str, answer: &Answer) -> StoreResult<()> {
    diesel::update(k::table.find((account.get(), key)))
        .set((
            k::status.eq(Some(i32::from(answer.status))),
            k::content_type.eq(&answer.content_type),
            k::location.eq(&answer.location),
            k::etag.eq(&answer.etag),
            k::body.eq(Some(&answer.body)),
        ))
        .execute(c)?;
    Ok(())
}

/// Frees a reserved key whose request failed (and so changed nothing): it may be retried.
pub fn release(c: &mut Db, account: UserId, key: &str) -> StoreResult<()> {
    diesel::delete(k::table.find((account.get(), key))).execute(c)?;
    Ok(())
}
