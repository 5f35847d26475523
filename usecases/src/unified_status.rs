//! Whether a village is unified on a day, and if not, why (rules 19-20). Public.

use chrono::NaiveDate;
use dantin_domain::pair::PostPair;
use dantin_domain::unification::check_is_village;
use dantin_domain::{Rule, RuleViolation, UnitId};
use dantin_persistence::scope::Scope;
use dantin_persistence::unification::standings;
use dantin_persistence::{units, Store};

pub use dantin_persistence::unification::Standing;

use crate::error::Record;
use crate::error::Result;
use crate::lookup::found;

/// The standing of a village in force on `day`.
pub fn of_village(store: &Store, village: UnitId, day: NaiveDate) -> Result<Standing> {
    store.read(|c| {
        let unit = found(units::find(c, village)?, Record::Unit)?;
        check_is_village(unit.level)?;
        standings(c, PostPair::Village, &Scope::Units(vec![village]), day)?
            .pop()
            .ok_or_else(|| {
                RuleViolation::new(
                    Rule::StatusVillageInForce,
                    format!("unit {village} is not in force on {day}"),
                )
                .into()
            })
    })
}
