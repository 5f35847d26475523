//! Each province's configurable rules (DOMAIN.md rules marked configurable). Signed-in
//! roles read; admins change.

use chrono::NaiveDate;
use dantin_domain::rule_set::RuleSet;
use dantin_domain::unit::UnitLevel;
use dantin_domain::UnitId;
use dantin_persistence::audit::{self, Change};
use dantin_persistence::rule_sets as stored;
use dantin_persistence::scope::ancestry_on;
use dantin_persistence::{units, Db, Store};

pub use dantin_persistence::rule_sets::ProvinceRules;

use crate::caller::Caller;
use crate::clock::today;
use crate::error::Record;
use crate::error::{next_version, Error, Result};

/// The rules of a province in force on `day`; 404 for a unit that is not one.
fn of_province(c: &mut Db, province: UnitId, day: NaiveDate) -> Result<ProvinceRules> {
    match units::find(c, province)? {
        Some(u) if u.level == UnitLevel::Province => Ok(stored::of_province_on(c, province, day)?),
        _ => Err(Error::NotFound(Record::Province)),
    }
}

/// The rules in force for a unit on `day`: those its province of that day had then.
pub(crate) fn for_unit(c: &mut Db, unit: UnitId, day: NaiveDate) -> Result<RuleSet> {
    let province = province_of(c, unit, day)?;
    Ok(stored::of_province_on(c, province, day)?.rules)
}

/// The province above (or at) `unit` on `day`: whose rules and calendar applied there.
pub(crate) fn province_of(c: &mut Db, unit: UnitId, day: NaiveDate) -> Result<UnitId> {
    ancestry_on(c, unit, day)?
        .last()
        .copied()
        .ok_or(Error::NotFound(Record::Unit))
}

/// A province's rules in force on `on` (default: today).
pub fn get(store: &Store, province: UnitId, on: Option<NaiveDate>) -> Result<ProvinceRules> {
    store.read(|c| of_province(c, province, on.unwrap_or_else(today)))
}

/// Sets a province's rules from `from` on (until its next dated version), or without a
/// day, from the beginning in place of every dated version. Admin only. Decisions
/// already recorded keep the arithmetic they were made with.
pub fn put(
    store: &Store,
    caller: &Caller,
    province: UnitId,
    rules: RuleSet,
    from: Option<NaiveDate>,
    if_match: Option<i32>,
) -> Result<ProvinceRules> {
    caller.require_admin()?;
    caller.write(store, |c| {
        let day = from.unwrap_or_else(today);
        let before = of_province(c, province, day)?;
        let version = next_version(before.version, if_match)?;
        rules.check()?;
        stored::put(c, province, &rules, from, version)?;
        let after = ProvinceRules {
            province_id: province,
            rules,
            valid_from: from,
            version,
        };
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
