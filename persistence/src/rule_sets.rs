//! Each province's configurable rules as stored, over time: the rules from the beginning
//! (`rule_sets`, the defaults while a province has none) and dated versions from their
//! day on (`rule_set_versions`).

use chrono::NaiveDate;
use dantin_domain::rule_set::RuleSet;
use dantin_domain::UnitId;
use diesel::prelude::*;

use crate::db::Db;
use crate::error::StoreResult;
use crate::schema::{rule_set_versions, rule_sets};
use crate::stored::{from_json, to_json};
use crate::version;

/// A province's rules on a day, and the version of its rules record (0: the defaults,
/// never written).
#[derive(Debug, Clone, PartialEq)]
pub struct ProvinceRules {
    pub province_id: UnitId,
    pub rules: RuleSet,
    /// The first day of the dated version in force; `None` for the rules from the
    /// beginning.
    pub valid_from: Option<NaiveDate>,
    pub version: i32,
}

/// The province's rules in force on `day`.
pub fn of_province_on(
    c: &mut Db,
    province_id: UnitId,
    day: NaiveDate,
) -> StoreResult<ProvinceRules> {
    let base: Option<(String, i32)> = rule_sets::table
        .find(province_id.get())
        .select((rule_sets::rules_json, rule_sets::version))
        .first(c)
        .optional()?;
    let dated: Option<(NaiveDate, String)> = rule_set_versions::table
        .filter(rule_set_versions::province_id.eq(province_id.get()))
        .filter(rule_set_versions::valid_from.le(day))
        .order(rule_set_versions::valid_from.desc())
        .select((rule_set_versions::valid_from, rule_set_versions::rules_json))
        .first(c)
        .optional()?;
    let version = base.as_ref().map_or(0, |(_, v)| *v);
    let (rules, valid_from) = match (dated, base) {
        (Some((from, json)), _) => (from_json(&json)?, Some(from)),
        (None, Some((json, _))) => (from_json(&json)?, None),
        (None, None) => (RuleSet::default(), None),
    };
    Ok(ProvinceRules {
        province_id,
        rules,
        valid_from,
        version,
    })
}

/// Stores `rules` as the province's rules from `from` on (until its next dated version),
/// or, without a day, from the beginning in place of every dated version; the province's
/// record moves to `version`.
pub fn put(
    c: &mut Db,
    province_id: UnitId,
    rules: &RuleSet,
    from: Option<NaiveDate>,
    version: i32,
) -> StoreResult<()> {
    let json = to_json(rules);
    let existing: Option<String> = rule_sets::table
        .find(province_id.get())
        .select(rule_sets::rules_json)
        .first(c)
        .optional()?;
    let base = match (from, existing) {
        (None, _) => json.clone(),
        (Some(_), Some(kept)) => kept,
        (Some(_), None) => to_json(&RuleSet::default()),
    };
    diesel::delete(rule_sets::table.find(province_id.get())).execute(c)?;
    diesel::insert_into(rule_sets::table)
        .values((
            rule_sets::province_id.eq(province_id.get()),
            rule_sets::rules_json.eq(&base),
            rule_sets::version.eq(version),
            rule_sets::updated_at.eq(version::now()),
        ))
        .execute(c)?;
    let versions =
        rule_set_versions::table.filter(rule_set_versions::province_id.eq(province_id.get()));
    match from {
        None => {
            diesel::delete(versions).execute(c)?;
        }
        Some(day) => {
            diesel::delete(versions.filter(rule_set_versions::valid_from.eq(day))).execute(c)?;
            diesel::insert_into(rule_set_versions::table)
                .values((
                    rule_set_versions::province_id.eq(province_id.get()),
                    rule_set_versions::valid_from.eq(day),
                    rule_set_versions::rules_json.eq(&json),
                ))
                .execute(c)?;
        }
    }
    Ok(())
}
