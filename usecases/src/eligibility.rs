//! Whether a person may stand for a post in a village on a day: the same checks the
//! elections run, asked ahead of time.

use chrono::NaiveDate;
use dantin_domain::appointment::Post;
use dantin_domain::check::Check;
use dantin_domain::eligibility::{self, Standing};
use dantin_domain::{PersonId, Rule, UnitId};
use dantin_persistence::{party_orgs, units, Store};

use crate::caller::Caller;
use crate::congresses::secretary_checks;
use crate::error::Result;
use crate::head_elections::head_checks;
use crate::lookup::referenced;
use crate::persons::visible;

/// The checks for a person the caller may see standing for `post` in the village `unit`
/// on `on`.
pub fn for_post(
    store: &Store,
    caller: &Caller,
    person: PersonId,
    post: Post,
    unit: UnitId,
    on: NaiveDate,
) -> Result<Vec<Check>> {
    store.read(|c| {
        let person = visible(c, caller, person)?;
        let village = referenced(
            units::find(c, unit)?,
            Rule::EligibilityUnitExists,
            "unit",
            unit,
        )?;
        eligibility::check_is_village(village.level)?;
        match eligibility::standing_for(post)? {
            Standing::VillageHead => head_checks(c, &person, unit, on),
            Standing::CellSecretary => {
                let cell =
                    eligibility::village_cell(party_orgs::cell_of(c, unit, on)?, &village.name)?;
                secretary_checks(c, &person, cell, on)
            }
        }
    })
}
