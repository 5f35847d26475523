//! Optimistic concurrency: a write that names the version it read fails when another
//! write came first.

use crate::error::{StoreError, StoreResult};

/// The version after this update, when the caller's expectation (if any) still holds.
pub fn next(current: i32, expected: Option<i32>) -> StoreResult<i32> {
    match expected {
        Some(v) if v != current => Err(StoreError::Stale { current }),
        _ => Ok(current + 1),
    }
}

pub fn now() -> chrono::NaiveDateTime {
    chrono::Utc::now().naive_utc()
}
