//! Whether a person may stand for a post in a village on a day: the same checks the
//! elections run, asked ahead of time.

use chrono::NaiveDate;
use dantin_domain::appointment::Post;
use dantin_domain::check::Check;
use dantin_domain::unit::UnitLevel;
use dantin_domain::RuleViolation;

use crate::db::Db;
use crate::error::StoreResult;
use crate::{congresses, head_elections, persons, unification, units};

/// The checks for `person_id` standing for `post` in the village `unit_id` on `on`.
pub fn for_post(
    c: &mut Db,
    person_id: i64,
    post: Post,
    unit_id: i64,
    on: NaiveDate,
) -> StoreResult<Vec<Check>> {
    let person = persons::get(c, person_id)?;
    let unit = units::get(c, unit_id).map_err(|_| {
        RuleViolation::new(
            "eligibility_unit_exists",
            format!("no unit has id {unit_id}"),
        )
    })?;
    if unit.level != UnitLevel::Village {
        return Err(RuleViolation::new(
            "eligibility_unit_is_village",
            format!("unit {unit_id} is a {}", unit.level),
        )
        .into());
    }
    match post {
        Post::VillageHead | Post::DeputyVillageHead => {
            head_elections::head_eligibility(c, &person, unit_id, on)
        }
        Post::CellSecretary | Post::CellDeputySecretary => {
            let cell = unification::cell_of(c, unit_id)?.ok_or_else(|| {
                RuleViolation::new(
                    "eligibility_village_has_cell",
                    format!("{} has no Party cell", unit.name),
                )
            })?;
            Ok(congresses::secretary_eligibility(&person, cell))
        }
        other => Err(RuleViolation::new(
            "eligibility_post_supported",
            format!("eligibility is computed for village posts; `{other}` is not one"),
        )
        .into()),
    }
}
