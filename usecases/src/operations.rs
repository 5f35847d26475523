//! What operators watch besides the requests: the outbox's backlog and the audit log's
//! size, read when metrics are scraped.

use dantin_persistence::{audit, webhooks, Store};

use crate::error::Result;

/// The figures of the store, now.
pub struct StoreFigures {
    /// Webhook deliveries waiting to be sent.
    pub outbox_backlog: i64,
    /// Events in the audit log (its Merkle tree's size).
    pub audit_events: i64,
    /// The pool's connections, open and idle.
    pub pool_open: u32,
    pub pool_idle: u32,
}

pub fn figures(store: &Store) -> Result<StoreFigures> {
    let (pool_open, pool_idle) = store.pool_state();
    let (outbox_backlog, audit_events) =
        store.read(|c| Ok::<_, crate::Error>((webhooks::backlog(c)?, audit::size(c)?)))?;
    Ok(StoreFigures {
        outbox_backlog,
        audit_events,
        pool_open,
        pool_idle,
    })
}
