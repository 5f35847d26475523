//! Storage for dantin: one Diesel schema and one set of queries over SQLite and
//! PostgreSQL, a repository module per aggregate, the read models of the public reads,
//! and the audit chain every write feeds. Nothing here decides whether a write is
//! allowed: `dantin-usecases` asks `dantin-domain` first, inside the write's transaction.

pub mod appointment_import;
pub mod appointments;
pub mod audit;
pub mod cadre_assignments;
pub mod cell_life;
pub mod cell_meetings;
pub mod changes;
pub mod confirmation;
pub mod congresses;
pub mod db;
pub mod end_decisions;
pub mod error;
pub mod head_elections;
pub mod holidays;
pub mod idempotency;
pub mod in_force;
pub mod kept;
mod known;
pub mod lineage;
mod marks;
pub mod minute_entries;
pub mod minutes;
pub mod officeholders;
pub mod party_org_acts;
pub mod party_orgs;
pub mod persons;
pub mod rate_buckets;
pub mod reorganizations;
pub mod reports;
pub mod rule_sets;
pub mod schema;
pub mod scope;
mod sql_types;
pub mod stored;
pub mod terms;
pub mod unification;
pub mod unit_import;
pub mod units;
pub mod users;
mod version;
pub mod webhooks;
pub mod window;

pub use audit::Actor;
pub use db::{Backend, Db, Store};
pub use error::{StoreError, StoreResult};
pub use window::Window;
