//! Storage for dantin: one Diesel schema and one set of queries over SQLite and
//! PostgreSQL, a repository module per aggregate, and the audit chain every write feeds.

pub mod audit;
pub mod db;
pub mod demo;
pub mod error;
pub mod party_orgs;
pub mod persons;
pub mod schema;
pub mod terms;
pub mod units;
pub mod users;
mod version;

pub use audit::Actor;
pub use db::{Backend, Db, Store};
pub use error::{RowError, StoreError, StoreResult};
