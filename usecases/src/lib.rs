//! The use cases of dantin: one function per thing a caller can do. A write opens its
//! transaction, checks the caller's role and area inside it, loads the facts, asks
//! `dantin_domain` to decide, stores the result with its audit record, and returns. A
//! read checks the caller's area and answers what storage holds.
//!
//! The API calls nothing else: storage and the rules are reached through here.

pub mod accounts;
pub mod appointment_import;
pub mod appointments;
pub mod audit_log;
pub mod audit_trail;
pub mod cadre_assignments;
pub mod caller;
mod candidates;
pub mod cell_life;
pub mod cell_meetings;
pub mod changes;
pub mod clock;
mod confirmation;
pub mod congresses;
pub mod demo;
pub mod eligibility;
pub mod error;
pub mod head_elections;
pub mod holidays;
pub mod idempotency;
mod lookup;
pub mod minute_entries;
pub mod minutes;
pub mod officeholders;
pub mod operations;
pub mod party_orgs;
pub mod persons;
pub mod rate_limits;
pub mod reorganizations;
pub mod reports;
pub mod rule_sets;
pub mod terms;
pub mod unified_status;
pub mod unit_import;
pub mod units;
pub mod webhooks;

pub use caller::Caller;
pub use dantin_persistence::{Backend, Store, StoreError, Window};
pub use error::{Denial, Error, Record, Result};
