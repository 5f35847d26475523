//! The rate limits' token buckets, shared by every instance over the database (migration
//! `rate_buckets`). A take reads the bucket under a row lock (PostgreSQL; SQLite has one
//! writer), lets the caller decide, and writes the bucket back, in one transaction.

use diesel::prelude::*;

use crate::db::{on_backend, Db};
use crate::error::StoreResult;
use crate::schema::rate_buckets;

/// A bucket untouched this long (ms) is full again whatever its rate; it is dropped.
const FORGET_AFTER_MS: i64 = 24 * 3600 * 1000;

/// A bucket as stored: its tokens after its last take, at `at_ms`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bucket {
    pub tokens: f64,
    pub at_ms: i64,
}

/// Runs `decide` on `bucket` (`None`: never taken, or forgotten) and stores the bucket it
/// returns with its verdict; call it in a transaction (`Store::bookkeep`).
pub fn take<T>(
    c: &mut Db,
    bucket: &str,
    now_ms: i64,
    decide: impl FnOnce(Option<Bucket>) -> (Bucket, T),
) -> StoreResult<T> {
    let q = rate_buckets::table
        .find(bucket)
        .select((rate_buckets::tokens, rate_buckets::at_ms));
    let held: Option<(f64, i64)> = match c {
        Db::Postgres(pg) => q.for_update().first(pg).optional()?,
        Db::Sqlite(lite) => q.first(lite).optional()?,
    };
    let (next, verdict) = decide(held.map(|(tokens, at_ms)| Bucket { tokens, at_ms }));
    let values = (
        rate_buckets::bucket.eq(bucket),
        rate_buckets::tokens.eq(next.tokens),
        rate_buckets::at_ms.eq(next.at_ms),
    );
    let changes = (
        rate_buckets::tokens.eq(next.tokens),
        rate_buckets::at_ms.eq(next.at_ms),
    );
    on_backend!(c, |c| diesel::insert_into(rate_buckets::table)
        .values(values)
        .on_conflict(rate_buckets::bucket)
        .do_update()
        .set(changes)
        .execute(c))?;
    diesel::delete(rate_buckets::table.filter(rate_buckets::at_ms.lt(now_ms - FORGET_AFTER_MS)))
        .execute(c)?;
    Ok(verdict)
}
