//! The rules and types of dantin's domain: villages and the units above them, Party
//! organisations, persons, terms, elections, access and the audit chain. Pure code: no
//! I/O, no clock (dates come in as arguments), no database and no HTTP.
//!
//! Every rule is a function of plain values in the module of what it judges, with its
//! legal source in its doc comment; `rule::Rule` names them all.

pub mod access;
pub mod appointment;
pub mod audit;
pub mod cadre;
pub mod calendar;
pub mod cell_meeting;
pub mod change;
pub mod check;
pub mod confirmation;
pub mod congress;
pub mod deadline;
pub mod double_entry;
pub mod eligibility;
pub mod head_election;
pub mod holiday;
pub mod id;
pub mod merkle;
pub mod minutes;
pub mod pair;
pub mod party_org;
pub mod party_org_plan;
pub mod person;
pub mod rate;
pub mod removal;
pub mod reorganization;
pub mod rule;
pub mod rule_set;
mod rule_statement;
pub mod search;
pub mod string_enum;
pub mod term;
#[cfg(test)]
mod test_map;
pub mod text;
pub mod unification;
pub mod unit;
pub mod unit_kind;
pub mod validity;
pub mod violation;
pub mod webhook;

pub use id::*;
pub use rule::Rule;
pub use violation::{RowViolation, RuleViolation, Violations};
