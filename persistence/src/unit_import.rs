//! Storing a bulk import of units: a whole country in one transaction, in chunked
//! multi-row inserts, parents before children.

use std::collections::HashMap;

use chrono::NaiveDate;
use dantin_domain::search::search_keys;
use dantin_domain::unit::{UnitKind, UnitLevel};
use dantin_domain::{ReorganizationId, UnitId};
use diesel::prelude::*;

use crate::db::{on_backend, Db};
use crate::error::StoreResult;
use crate::in_force::in_force_from;
use crate::schema::{unit_search_keys, unit_versions, units};
use crate::units::Unit;
use crate::version;

/// Where a row's parent is: another row of the same import, or a stored unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParentRef {
    Row(usize),
    Stored(UnitId),
}

/// A unit of an import, checked and ready to store.
#[derive(Debug, Clone)]
pub struct ImportedUnit<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub level: UnitLevel,
    pub kind: UnitKind,
    pub parent: Option<ParentRef>,
}

/// The id of a row's parent, once the rows before it have theirs.
fn parent_of_row(row: &ImportedUnit<'_>, ids: &[UnitId]) -> Option<i64> {
    row.parent.map(|p| match p {
        ParentRef::Row(r) => ids[r].get(),
        ParentRef::Stored(id) => id.get(),
    })
}

/// Imports at least this large refresh the planner's statistics.
const ANALYZE_AFTER: usize = 1_000;

/// Rows per INSERT: well under SQLite's 32,766 bound parameters and PostgreSQL's 65,535.
const INSERT_CHUNK: usize = 1_000;

/// Every stored unit with a code that is in force on or after `day`: those an import
/// from that day may clash with or hang under.
pub fn coded_in_force_from(c: &mut Db, day: NaiveDate) -> StoreResult<Vec<Unit>> {
    Ok(units::table
        .filter(units::code.is_not_null())
        .filter(in_force_from(units::valid_to, day))
        .select(Unit::as_select())
        .load(c)?)
}

/// Stores every row, in force from `valid_from`, with its first version (begun by
/// `reorganization`, when one creates them); the new ids, row by row. The rows' codes are
/// unique among them. A parent's level always ranks above its child's, so inserting level
/// by level inserts every parent before its children.
pub fn insert_all(
    c: &mut Db,
    rows: &[ImportedUnit<'_>],
    valid_from: NaiveDate,
    reorganization: Option<ReorganizationId>,
) -> StoreResult<Vec<UnitId>> {
    let row_of: HashMap<&str, usize> = rows.iter().enumerate().map(|(i, r)| (r.code, i)).collect();
    let mut ids = vec![UnitId(0); rows.len()];
    let now = version::now();
    for level in UnitLevel::ALL {
        let batch: Vec<usize> = (0..rows.len())
            .filter(|&i| rows[i].level == *level)
            .collect();
        for chunk in batch.chunks(INSERT_CHUNK) {
            let values: Vec<_> = chunk
                .iter()
                .map(|&i| {
                    let row = &rows[i];
                    let parent_id = parent_of_row(row, &ids);
                    (
                        units::code.eq(Some(row.code)),
                        units::name.eq(row.name),
                        units::level.eq(row.level.as_str()),
                        units::kind.eq(row.kind.as_str()),
                        units::parent_id.eq(parent_id),
                        units::valid_from.eq(valid_from),
                        units::version.eq(1),
                        units::created_at.eq(now),
                        units::updated_at.eq(now),
                    )
                })
                .collect();
            // RETURNING's order is not promised (SQLite says so): rows are told by code,
            // which the import's checks keep unique.
            let inserted: Vec<(i64, Option<String>)> =
                on_backend!(c, |c| diesel::insert_into(units::table)
                    .values(&values)
                    .returning((units::id, units::code))
                    .get_results(c))?;
            for (id, code) in inserted {
                if let Some(&i) = code.as_deref().and_then(|code| row_of.get(code)) {
                    ids[i] = UnitId(id);
                }
            }
        }
    }
    for chunk in rows
        .iter()
        .zip(&ids)
        .collect::<Vec<_>>()
        .chunks(INSERT_CHUNK)
    {
        let values: Vec<_> = chunk
            .iter()
            .map(|(row, id)| {
                (
                    unit_versions::unit_id.eq(id.get()),
                    unit_versions::valid_from.eq(valid_from),
                    unit_versions::code.eq(Some(row.code)),
                    unit_versions::name.eq(row.name),
                    unit_versions::kind.eq(row.kind.as_str()),
                    unit_versions::parent_id.eq(parent_of_row(row, &ids)),
                    unit_versions::reorganization_id.eq(reorganization.map(ReorganizationId::get)),
                )
            })
            .collect();
        on_backend!(c, |c| diesel::insert_into(unit_versions::table)
            .values(&values)
            .execute(c))?;
    }
    let keys: Vec<(String, i64)> = rows
        .iter()
        .zip(&ids)
        .flat_map(|(row, id)| {
            search_keys(row.name)
                .into_iter()
                .map(move |key| (key, id.get()))
        })
        .collect();
    for chunk in keys.chunks(INSERT_CHUNK * 5) {
        let values: Vec<_> = chunk
            .iter()
            .map(|(k, id)| {
                (
                    unit_search_keys::key.eq(k),
                    unit_search_keys::unit_id.eq(id),
                )
            })
            .collect();
        on_backend!(c, |c| diesel::insert_into(unit_search_keys::table)
            .values(&values)
            .execute(c))?;
    }
    analyze_after_import(
        c,
        rows.len(),
        &["units", "unit_versions", "unit_search_keys"],
    )?;
    Ok(ids)
}

/// Refreshes the planner's statistics of `tables` after an import of `rows` rows, when it
/// is large: else PostgreSQL plans the reads as if the tables were empty (name searches
/// walked every unit, measured by `make bench`: 143x slower).
pub(crate) fn analyze_after_import(c: &mut Db, rows: usize, tables: &[&str]) -> StoreResult<()> {
    if rows >= ANALYZE_AFTER {
        for table in tables {
            diesel::sql_query(format!("ANALYZE {table}")).execute(c)?;
        }
    }
    Ok(())
}
