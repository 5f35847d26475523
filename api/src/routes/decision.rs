//! The decision that recognises a head election or approves a congress.

use chrono::NaiveDate;
use dantin_usecases::head_elections::Confirmation;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::input;

/// A decision that recognises (commune People's Committee) or approves (superior Party
/// committee) a result, and starts the tenure on its date.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"decision": "Quyết định 12/QĐ-UBND", "decided_on": "2020-01-08"}))]
pub struct DecisionIn {
    /// The decision's number and name.
    #[validate(length(min = 1, max = 200))]
    #[serde(deserialize_with = "input::name")]
    pub decision: String,
    #[serde(deserialize_with = "input::day")]
    pub decided_on: NaiveDate,
}

/// A recorded recognition or approval.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"decision": "Quyết định 12/QĐ-UBND", "decided_on": "2020-01-08", "warning": null}))]
pub struct DecisionOut {
    pub decision: String,
    pub decided_on: NaiveDate,
    /// Set when the decision came after its legal deadline (5 working days for a
    /// recognition, 15 for an approval); the decision still stands.
    pub warning: Option<String>,
}

impl From<Confirmation> for DecisionOut {
    fn from(c: Confirmation) -> Self {
        Self {
            decision: c.decision,
            decided_on: c.on,
            warning: c.warning,
        }
    }
}
