//! Each province's configurable rules (DOMAIN.md rules marked configurable). Signed-in
//! roles read; admins change.

use dantin_domain::rule_set::RuleSet;
use dantin_domain::unit::UnitLevel;
use dantin_domain::UnitId;
use dantin_persistence::audit::{self, Change};
use dantin_persistence::rule_sets as stored;
use dantin_persistence::scope::ancestry;
use dantin_persistence::{units, Db, Store};

pub use dantin_persistence::rule_sets::ProvinceRules;

use crate::caller::Caller;
use crate::error::{next_version, Error, Result};

/// The rules of a province; 404 for a unit that is not one.
fn of_province(c: &mut Db, province: UnitId) -> Result<ProvinceRules> {
    match units::find(c, province)? {
        Some(u) if u.level == UnitLevel::Province => Ok(stored::of_province(c, province)?),
        _ => Err(Error::NotFound("province")),
    }
}

/// The rules in force for a unit: its province's.
pub(crate) fn for_unit(c: &mut Db, unit: UnitId) -> Result<RuleSet> {
    let province = province_of(c, unit)?;
    Ok(stored::of_province(c, province)?.rules)
}

/// The province above (or at) `unit`: whose rules and calendar apply there.
pub(crate) fn province_of(c: &mut Db, unit: UnitId) -> Result<UnitId> {
    ancestry(c, unit)?
        .last()
        .copied()
        .ok_or(Error::NotFound("unit"))
}

pub fn get(store: &Store, province: UnitId) -> Result<ProvinceRules> {
    store.read(|c| of_province(c, province))
}

/// Replaces a province's whole rule set. Admin only. Decisions already recorded keep the
/// arithmetic they were made with.
pub fn put(
    store: &Store,
    caller: &Caller,
    province: UnitId,
    rules: RuleSet,
    if_match: Option<i32>,
) -> Result<ProvinceRules> {
    caller.require_admin()?;
    caller.write(store, |c| {
        let before = of_province(c, province)?;
        let version = next_version(before.version, if_match)?;
        rules.check()?;
        let after = ProvinceRules {
            province_id: province,
            rules,
            version,
        };
        stored::put(c, &before, &after)?;
        audit::append(
            c,
            caller.actor(),
            Change::changed(
                "rule_set.update",
                "rule_set",
                province.get(),
                &before.rules,
                &after.rules,
            ),
        )?;
        Ok(after)
    })
}
