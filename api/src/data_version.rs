//! The data version for the public reads, read once for all the requests waiting on it.
//!
//! A request must see every write committed before it arrived, so it needs a read of the
//! version that *started* after it arrived: joining a read already under way could miss
//! a write committed just before the request. When no read is under way, a request
//! starts one; when one is, the request waits for the next, which starts as soon as the
//! current one ends. Under load, one read of the version serves every request that arrived
//! while the one before it ran, instead of one read (and one blocking call) per request.

use std::sync::{Arc, Mutex};

use actix_web::web;
use dantin_usecases::Store;
use tokio::sync::watch;

use crate::db::run;
use crate::error::ApiError;

/// A finished read: its number, and the version it read (`None`: the read failed, and
/// each request waiting on it reads the version itself, to answer with its own error).
#[derive(Clone, Copy)]
struct Read {
    number: u64,
    version: Option<i64>,
}

/// Which reads have started, and whether a request waits for one not started yet.
#[derive(Default)]
struct Started {
    last: u64,
    under_way: bool,
    wanted: bool,
}

/// The reads of the data version of one process.
pub struct DataVersion {
    started: Mutex<Started>,
    finished: watch::Sender<Read>,
}

impl Default for DataVersion {
    fn default() -> Self {
        Self {
            started: Mutex::default(),
            finished: watch::Sender::new(Read {
                number: 0,
                version: None,
            }),
        }
    }
}

impl DataVersion {
    /// The data version, read after this call began.
    pub async fn current(self: Arc<Self>, store: web::Data<Store>) -> Result<i64, ApiError> {
        let mut finished = self.finished.subscribe();
        let needed = {
            let mut started = self.lock();
            if started.under_way {
                started.wanted = true;
                started.last + 1
            } else {
                started.under_way = true;
                started.last += 1;
                self.clone().start(store.clone(), started.last);
                started.last
            }
        };
        let read = *finished
            .wait_for(|read| read.number >= needed)
            .await
            .map_err(|e| ApiError::internal(format!("the version's reader is gone: {e}")))?;
        match read.version {
            Some(version) => Ok(version),
            None => run(store, |s| s.data_version()).await,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Started> {
        self.started.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Starts read `number`; when it ends, the next starts if a request wants it.
    fn start(self: Arc<Self>, store: web::Data<Store>, number: u64) {
        actix_web::rt::spawn(async move {
            let version = run(store.clone(), |s| s.data_version()).await.ok();
            let mut started = self.lock();
            self.finished.send_replace(Read { number, version });
            if started.wanted {
                started.wanted = false;
                started.last += 1;
                self.clone().start(store, started.last);
            } else {
                started.under_way = false;
            }
        });
    }
}
