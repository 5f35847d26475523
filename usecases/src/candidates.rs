//! A candidate's checks in an election record: the person must exist (and be one the
//! caller may know of), and every check's detail names the candidate it is about.

use dantin_domain::check::Check;
use dantin_domain::{PersonId, Rule};
use dantin_persistence::persons::Person;
use dantin_persistence::Db;

use crate::caller::Caller;
use crate::error::Result;
use crate::lookup;

/// Runs `checks` for the candidate `person_id`, prefixing each detail with who it is about.
pub(crate) fn checks_for(
    c: &mut Db,
    caller: &Caller,
    person_id: PersonId,
    checks: impl FnOnce(&mut Db, &Person) -> Result<Vec<Check>>,
) -> Result<Vec<Check>> {
    let Some(person) = lookup::person(c, caller, person_id)? else {
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
