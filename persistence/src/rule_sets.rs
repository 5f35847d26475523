//! Each province's configurable rules; a province without its own uses the defaults.

use dantin_domain::rule_set::RuleSet;
use dantin_domain::unit::UnitLevel;
use diesel::prelude::*;

use crate::audit::{self, Actor, Change};
use crate::db::Db;
use crate::error::{StoreError, StoreResult};
use crate::schema::rule_sets;
use crate::{units, version};

/// A province's rules and the version they are at (0: the defaults, never written).
#[derive(Debug, Clone, PartialEq)]
pub struct ProvinceRules {
    pub province_id: i64,
    pub rules: RuleSet,
    pub version: i32,
}

/// The province above (or at) `unit_id`: whose rules and calendar apply there.
pub fn province_of(c: &mut Db, unit_id: i64) -> StoreResult<i64> {
    let chain = units::ancestry(c, unit_id)?;
    Ok(*chain.last().expect("ancestry holds the unit itself"))
}

pub fn get(c: &mut Db, province_id: i64) -> StoreResult<ProvinceRules> {
    let province = units::get(c, province_id)?;
    if province.level != UnitLevel::Province {
        return Err(StoreError::not_found("province", province_id));
    }
    let row: Option<(String, i32)> = rule_sets::table
        .find(province_id)
        .select((rule_sets::rules_json, rule_sets::version))
        .first(c)
        .optional()?;
    Ok(match row {
        None => ProvinceRules {
            province_id,
            rules: RuleSet::default(),
            version: 0,
        },
        Some((json, version)) => ProvinceRules {
            province_id,
            rules: serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            version,
        },
    })
}

/// The rules in force for a unit: its province's.
pub fn for_unit(c: &mut Db, unit_id: i64) -> StoreResult<RuleSet> {
    let province = province_of(c, unit_id)?;
    Ok(get(c, province)?.rules)
}

pub fn put(
    c: &mut Db,
    actor: &Actor,
    province_id: i64,
    rules: RuleSet,
    if_match: Option<i32>,
) -> StoreResult<ProvinceRules> {
    let before = get(c, province_id)?;
    let version = version::next(before.version, if_match)?;
    rules.check().map_err(StoreError::Rules)?;
    let json = serde_json::to_string(&rules).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    if before.version == 0 {
        diesel::insert_into(rule_sets::table)
            .values((
                rule_sets::province_id.eq(province_id),
                rule_sets::rules_json.eq(&json),
                rule_sets::version.eq(version),
                rule_sets::updated_at.eq(version::now()),
            ))
            .execute(c)?;
    } else {
        diesel::update(rule_sets::table.find(province_id))
            .set((
                rule_sets::rules_json.eq(&json),
                rule_sets::version.eq(version),
                rule_sets::updated_at.eq(version::now()),
            ))
            .execute(c)?;
    }
    audit::append(
        c,
        actor,
        Change {
            action: "rule_set.update",
            entity_type: "rule_set",
            entity_id: Some(province_id),
            before: Some(&before.rules),
            after: Some(&rules),
        },
    )?;
    Ok(ProvinceRules {
        province_id,
        rules,
        version,
    })
}
