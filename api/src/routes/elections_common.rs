//! Pieces shared by head elections and congresses: a candidate's tally, a decision's
//! checks, and the decision that recognises or approves a result.

use chrono::NaiveDate;
use dantin_persistence::confirmation::Confirmation;
use dantin_persistence::stored::CheckRecord;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

/// The largest count of households, members or votes a record may carry: well above any
/// village's or cell's, and within what the database stores.
pub const MAX_COUNT: u32 = 1_000_000;

/// A candidate and the votes they received.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"person_id": 4, "votes": 131}))]
pub struct CandidateVotes {
    pub person_id: i64,
    #[validate(range(max = MAX_COUNT))]
    pub votes: u32,
}

impl From<CandidateVotes> for dantin_domain::head_election::Tally {
    fn from(c: CandidateVotes) -> Self {
        Self {
            person_id: c.person_id,
            votes: c.votes,
        }
    }
}

impl From<(i64, u32)> for CandidateVotes {
    fn from((person_id, votes): (i64, u32)) -> Self {
        Self { person_id, votes }
    }
}

/// A rule the service applied to one case: whether it passed, the facts it used, and its
/// legal source.
// The one `Check` schema of the spec, for elections' stored checks and eligibility's
// fresh ones alike.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Check, example = json!({
    "rule": "household_quorum", "passed": true,
    "detail": "142 present of 158; at least 80 needed",
    "source": "Luật 10/2022/QH15 Art. 18; Thông tư 04/2012/TT-BNV Art. 7"
}))]
pub struct CheckOut {
    pub rule: String,
    pub passed: bool,
    pub detail: String,
    pub source: String,
}

impl From<CheckRecord> for CheckOut {
    fn from(c: CheckRecord) -> Self {
        Self {
            rule: c.rule,
            passed: c.passed,
            detail: c.detail,
            source: c.source,
        }
    }
}

/// A decision that recognises (commune People's Committee) or approves (superior Party
/// committee) a result, and starts the tenure on its date.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"decision": "Quyết định 12/QĐ-UBND", "decided_on": "2020-01-08"}))]
pub struct DecisionIn {
    /// The decision's number and name.
    #[validate(length(min = 1, max = 200))]
    pub decision: String,
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
