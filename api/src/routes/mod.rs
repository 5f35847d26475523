pub mod audit;
pub mod auth;
pub mod health;
pub mod party_orgs;
pub mod persons;
pub mod terms;
pub mod units;
