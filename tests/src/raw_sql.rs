//! Plain SQL for the benches' baselines: statements timed in one transaction, and ids
//! looked up by code.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use dantin_persistence::{Store, StoreError};
use diesel::RunQueryDsl;

/// Runs `statements` in one write transaction: how long they took.
pub fn execute_timed(store: &Store, statements: &[String]) -> Duration {
    let started = Instant::now();
    store
        .write(|c| {
            for s in statements {
                diesel::sql_query(s).execute(c)?;
            }
            Ok::<_, StoreError>(())
        })
        .expect("the plain SQL statements");
    started.elapsed()
}

/// The `(id, code)` rows `query` selects, as ids by code.
pub fn ids_by_code(store: &Store, query: &str) -> HashMap<String, i64> {
    #[derive(diesel::QueryableByName)]
    struct Coded {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        id: i64,
        #[diesel(sql_type = diesel::sql_types::Text)]
        code: String,
    }
    store
        .read(|c| {
            diesel::sql_query(query)
                .load::<Coded>(c)
                .map_err(StoreError::from)
        })
        .expect("ids by code")
        .into_iter()
        .map(|r| (r.code, r.id))
        .collect()
}
