//! The answers to creates sent with an `Idempotency-Key`, kept so that a retry gets the
//! first answer back instead of creating twice. An answer is kept in the transaction of
//! the write it answers: a key is answered exactly when its write committed, whatever
//! crashes when.

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

/// What a key stands for, if anything: the request it answered (a fingerprint of its
/// method, path and body) and the answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub fingerprint: String,
    pub answer: Answer,
}

#[derive(Queryable)]
struct Row {
    fingerprint: String,
    status: Option<i32>,
    content_type: Option<String>,
    location: Option<String>,
    etag: Option<String>,
    body: Option<String>,
}

/// The answer kept for `account`'s `key` within the lifetime, if any. (A row without an
/// answer was reserved by an earlier version that crashed; it stands for nothing.)
pub fn find(
    c: &mut Db,
    account: UserId,
    key: &str,
    now: NaiveDateTime,
) -> StoreResult<Option<Kept>> {
    let row: Option<Row> = k::table
        .find((account.get(), key))
        .filter(k::created_at.ge(now - Duration::hours(LIFETIME_HOURS)))
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
    Ok(row.and_then(|r| {
        Some(Kept {
            fingerprint: r.fingerprint,
            answer: Answer {
                status: u16::try_from(r.status?).unwrap_or(500),
                content_type: r.content_type,
                location: r.location,
                etag: r.etag,
                body: r.body.unwrap_or_default(),
            },
        })
    }))
}

/// Keeps `answer` for `account`'s `key`, forgetting keys older than the lifetime. Call it
/// in the transaction of the write it answers.
pub fn keep(
    c: &mut Db,
    account: UserId,
    key: &str,
    fingerprint: &str,
    answer: &Answer,
    now: NaiveDateTime,
) -> StoreResult<()> {
    diesel::delete(k::table.filter(k::created_at.lt(now - Duration::hours(LIFETIME_HOURS))))
        .execute(c)?;
    diesel::delete(
        k::table
            .find((account.get(), key))
            .filter(k::status.is_null()),
    )
    .execute(c)?;
    diesel::insert_into(k::table)
        .values((
            k::account_id.eq(account.get()),
            k::key.eq(key),
            k::fingerprint.eq(fingerprint),
            k::status.eq(Some(i32::from(answer.status))),
            k::content_type.eq(&answer.content_type),
            k::location.eq(&answer.location),
            k::etag.eq(&answer.etag),
            k::body.eq(Some(&answer.body)),
            k::created_at.eq(now),
        ))
        .execute(c)?;
    Ok(())
}
