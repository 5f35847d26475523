//! The rate limits' buckets, taken in a transaction of their own: how the service guards
//! itself, outside the audit chain.

use dantin_persistence::rate_buckets;
use dantin_persistence::Store;

pub use dantin_persistence::rate_buckets::Bucket;

use crate::error::Result;

/// Runs `decide` on `bucket` as stored and keeps the bucket it returns; its verdict.
pub fn take<T>(
    store: &Store,
    bucket: &str,
    now_ms: i64,
    decide: impl FnOnce(Option<Bucket>) -> (Bucket, T),
) -> Result<T> {
    Ok(store.bookkeep(|c| rate_buckets::take(c, bucket, now_ms, decide))?)
}
