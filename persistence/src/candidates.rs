//! A candidate's checks in an election record: the person must exist, and every check's
//! detail names the candidate it is about.

use dantin_domain::check::Check;

use crate::db::Db;
use crate::error::StoreResult;
use crate::persons::{self, Person};

/// Runs `checks` for the candidate `person_id`, prefixing each detail with who it is about.
pub(crate) fn checks_for(
    c: &mut Db,
    person_id: i64,
    checks: impl FnOnce(&mut Db, &Person) -> StoreResult<Vec<Check>>,
) -> StoreResult<Vec<Check>> {
    let Ok(person) = persons::get(c, person_id) else {
        return Ok(vec![Check::new(
            "candidate_exists",
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
