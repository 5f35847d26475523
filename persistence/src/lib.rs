//! Storage for dantin: one Diesel schema and one set of queries over SQLite and
//! PostgreSQL, a repository module per aggregate, and the audit chain every write feeds.

pub mod appointments;
pub mod audit;
mod candidates;
pub mod confirmation;
pub mod congresses;
pub mod db;
pub mod demo;
pub mod eligibility;
pub mod error;
pub mod head_elections;
pub mod idempotency;
pub mod officeholders;
pub mod party_orgs;
pub mod persons;
pub mod reports;
pub mod rule_sets;
pub mod schema;
pub mod stored;
pub mod terms;
pub mod unification;
pub mod units;
pub mod users;
mod version;

pub use audit::Actor;
pub use db::{Backend, Db, Store};
pub use error::{RowError, StoreError, StoreResult};
