//! Each province's configurable rules as stored; a province without its own row uses the
//! defaults.

use dantin_domain::rule_set::RuleSet;
use dantin_domain::UnitId;
use diesel::prelude::*;

use crate::db::Db;
use crate::error::StoreResult;
use crate::schema::rule_sets;
use crate::stored::{from_json, to_json};
use crate::version;

/// A province's rules and the version they are at (0: the defaults, never written).
#[derive(Debug, Clone, PartialEq)]
pub struct ProvinceRules {
    pub province_id: UnitId,
    pub rules: RuleSet,
    pub version: i32,
}

/// The province's rules, or the defaults at version 0.
pub fn of_province(c: &mut Db, province_id: UnitId) -> StoreResult<ProvinceRules> {
    let row: Option<(String, i32)> = rule_sets::table
        .find(province_id.get())
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
            rules: from_json(&json)?,
            version,
        },
    })
}

/// Stores `next` as the province's rules; `before` is what it replaces.
pub fn put(c: &mut Db, before: &ProvinceRules, next: &ProvinceRules) -> StoreResult<()> {
    let json = to_json(&next.rules);
    if before.version == 0 {
        diesel::insert_into(rule_sets::table)
            .values((
                rule_sets::province_id.eq(next.province_id.get()),
                rule_sets::rules_json.eq(&json),
                rule_sets::version.eq(next.version),
                rule_sets::updated_at.eq(version::now()),
            ))
            .execute(c)?;
    } else {
        diesel::update(rule_sets::table.find(next.province_id.get()))
            .set((
                rule_sets::rules_json.eq(&json),
                rule_sets::version.eq(next.version),
                rule_sets::updated_at.eq(version::now()),
            ))
            .execute(c)?;
    }
    Ok(())
}
