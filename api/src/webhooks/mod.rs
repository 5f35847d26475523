//! Webhooks as Standard Webhooks describes them: where they may go (`target`), how they
//! are signed (`signature`) and the worker that delivers them from the outbox
//! (`delivery`).

pub mod delivery;
pub mod signature;
pub mod target;

use std::time::Duration;

use dantin_domain::webhook::RETRY_SCHEDULE;

use self::target::Targets;

/// How this instance delivers.
#[derive(Debug, Clone)]
pub struct WebhookSettings {
    pub targets: Targets,
    /// Seconds between attempts (`dantin_domain::webhook::RETRY_SCHEDULE`; tests shorten it).
    pub schedule: Vec<u64>,
    /// How often the worker looks for deliveries due when it found none.
    pub tick: Duration,
}

impl Default for WebhookSettings {
    fn default() -> Self {
        Self {
            targets: Targets::default(),
            schedule: RETRY_SCHEDULE.to_vec(),
            tick: Duration::from_millis(500),
        }
    }
}
