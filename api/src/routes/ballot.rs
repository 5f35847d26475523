//! A candidate's votes, as head elections and congresses record them.

use dantin_domain::head_election::Tally;
use dantin_domain::PersonId;
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
    pub person_id: PersonId,
    #[validate(range(max = MAX_COUNT))]
    pub votes: u32,
}

impl From<CandidateVotes> for Tally {
    fn from(c: CandidateVotes) -> Self {
        Self {
            person_id: c.person_id,
            votes: c.votes,
        }
    }
}

impl From<(PersonId, u32)> for CandidateVotes {
    fn from((person_id, votes): (PersonId, u32)) -> Self {
        Self { person_id, votes }
    }
}
