//! A candidate's checks in an election record: the person must exist, and every check's
//! detail names the candidate it is about.

use dantin_domain::check::Check;
use dantin_domain::{PersonId, Rule};
use dantin_persistence::persons::{self, Person};
use dantin_persistence::Db;

use crate::error::Result;

/// Runs `checks` for the candidate `person_id`, prefixing each detail with who it is about.
pub(crate) fn checks_for(
    c: &mut Db,
    person_id: PersonId,
    checks: impl FnOnce(&mut Db, &Person) -> Result<Vec<Check>>,
) -> Result<Vec<Check>> {
    let Some(person) = persons::find(c, person_id)? else {
        return Ok(vec![Check::new(
            Rule::CandidateExists,
            false,
            "",
            format!("no person has id {person_id}"),
        )]);
    };
    Ok(checks(c, &person)?
        .into_iter()
        .map(|mut check| {
            check.detail = format!("candidate {person_id}: {}", check.detail);
            check
        })
        .collect())
}
