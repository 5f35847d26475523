//! The rules and types of dantin's domain: villages and the units above them, Party
//! organisations, persons, terms, access and the audit chain. Pure code: no I/O, no
//! clock (dates come in as arguments), no database and no HTTP.

pub mod access;
pub mod appointment;
pub mod audit;
pub mod check;
pub mod congress;
pub mod deadline;
pub mod eligibility;
pub mod head_election;
pub mod pair;
pub mod party_org;
pub mod person;
pub mod rate;
pub mod rule_set;
pub mod search;
pub mod string_enum;
pub mod term;
pub mod unification;
pub mod unit;
pub mod validity;
pub mod violation;

pub use violation::{RuleViolation, Violations};
