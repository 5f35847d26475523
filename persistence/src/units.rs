//! Administrative units: create, change, list "as of" a day, search by folded name, and
//! import a whole country in one transaction.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use dantin_domain::search::{fold, prefix_upper_bound, search_keys};
use dantin_domain::unit::{check_code_free, check_unit, ParentFacts, UnitKind, UnitLevel};
use dantin_domain::validity::Validity;
use dantin_domain::RuleViolation;
use diesel::prelude::*;
use serde::Serialize;

use crate::audit::{self, Actor, Change};
use crate::db::{on_backend, Db};
use crate::error::{RowError, StoreError, StoreResult};
use crate::schema::{unit_search_keys, units};
use crate::version;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Serialize)]
#[diesel(table_name = units)]
pub struct Unit {
    pub id: i64,
    pub code: Option<String>,
    pub name: String,
    #[diesel(deserialize_as = String)]
    pub level: UnitLevel,
    #[diesel(deserialize_as = String)]
    pub kind: UnitKind,
    pub parent_id: Option<i64>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Unit {
    pub fn validity(&self) -> Validity {
        Validity {
            from: self.valid_from,
            to: self.valid_to,
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewUnit {
    pub code: Option<String>,
    pub name: String,
    pub level: UnitLevel,
    pub kind: UnitKind,
    pub parent_id: Option<i64>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

/// A change to a unit; `None` leaves a field as it is. Moving a unit to another parent is
/// a reorganisation, not an edit.
#[derive(Debug, Clone, Default)]
pub struct UnitPatch {
    pub code: Option<String>,
    pub name: Option<String>,
    pub kind: Option<UnitKind>,
    pub valid_from: Option<NaiveDate>,
    /// `Some(None)` reopens an ended unit.
    pub valid_to: Option<Option<NaiveDate>>,
}

#[derive(Debug, Clone, Default)]
pub struct UnitFilter {
    pub parent_id: Option<i64>,
    pub level: Option<UnitLevel>,
    pub q: Option<String>,
    pub on: Option<NaiveDate>,
    pub after_id: Option<i64>,
    pub limit: i64,
}

pub fn get(c: &mut Db, id: i64) -> StoreResult<Unit> {
    units::table
        .find(id)
        .select(Unit::as_select())
        .first(c)
        .optional()?
        .ok_or_else(|| StoreError::not_found("unit", id))
}

pub fn list(c: &mut Db, f: &UnitFilter) -> StoreResult<Vec<Unit>> {
    let mut q = units::table
        .select(Unit::as_select())
        .order(units::id)
        .limit(f.limit)
        .into_boxed();
    if let Some(p) = f.parent_id {
        q = q.filter(units::parent_id.eq(p));
    }
    if let Some(l) = f.level {
        q = q.filter(units::level.eq(l.as_str()));
    }
    if let Some(on) = f.on {
        q = q
            .filter(units::valid_from.le(on))
            .filter(units::valid_to.is_null().or(units::valid_to.gt(on)));
    }
    if let Some(text) = f.q.as_deref().map(fold).filter(|t| !t.is_empty()) {
        let upper = prefix_upper_bound(&text);
        q = q.filter(
            units::id.eq_any(
                unit_search_keys::table
                    .filter(unit_search_keys::key.ge(text))
                    .filter(unit_search_keys::key.lt(upper))
                    .select(unit_search_keys::unit_id),
            ),
        );
    }
    if let Some(after) = f.after_id {
        q = q.filter(units::id.gt(after));
    }
    Ok(q.load(c)?)
}

/// The unit's id, its parent's, and so on up to the top: what jurisdiction is checked on.
pub fn ancestry(c: &mut Db, id: i64) -> StoreResult<Vec<i64>> {
    let mut chain = vec![id];
    let mut current = id;
    // Four tiers at most; the bound only guards against a cycle in corrupt data.
    for _ in 0..8 {
        let parent: Option<Option<i64>> = units::table
            .find(current)
            .select(units::parent_id)
            .first(c)
            .optional()?;
        match parent.flatten() {
            Some(p) => {
                chain.push(p);
                current = p;
            }
            None => break,
        }
    }
    Ok(chain)
}

fn parent_facts(c: &mut Db, parent_id: Option<i64>) -> StoreResult<Option<ParentFacts>> {
    let Some(id) = parent_id else { return Ok(None) };
    let parent = units::table
        .find(id)
        .select(Unit::as_select())
        .first(c)
        .optional()?
        .ok_or_else(|| RuleViolation::new("unit_parent_exists", format!("no unit has id {id}")))?;
    Ok(Some(ParentFacts {
        level: parent.level,
        validity: parent.validity(),
    }))
}

/// The validities of the other units that carry `code`.
fn validities_with_code(c: &mut Db, code: &str, except: Option<i64>) -> StoreResult<Vec<Validity>> {
    let rows: Vec<(NaiveDate, Option<NaiveDate>)> = units::table
        .filter(units::code.eq(code))
        .filter(units::id.ne(except.unwrap_or(-1)))
        .select((units::valid_from, units::valid_to))
        .load(c)?;
    Ok(rows
        .into_iter()
        .map(|(from, to)| Validity { from, to })
        .collect())
}

fn ensure_code_free(
    c: &mut Db,
    code: Option<&str>,
    v: &Validity,
    except: Option<i64>,
) -> StoreResult<()> {
    if let Some(code) = code {
        let others = validities_with_code(c, code, except)?;
        check_code_free(code, v, &others).map_err(|e| StoreError::Conflict {
            code: e.rule,
            detail: e.detail,
        })?;
    }
    Ok(())
}

fn write_search_keys(c: &mut Db, unit_id: i64, name: &str) -> StoreResult<()> {
    diesel::delete(unit_search_keys::table.filter(unit_search_keys::unit_id.eq(unit_id)))
        .execute(c)?;
    let rows: Vec<_> = search_keys(name)
        .into_iter()
        .map(|k| {
            (
                unit_search_keys::key.eq(k),
                unit_search_keys::unit_id.eq(unit_id),
            )
        })
        .collect();
    on_backend!(c, |c| diesel::insert_into(unit_search_keys::table)
        .values(&rows)
        .execute(c))?;
    Ok(())
}

pub fn create(c: &mut Db, actor: &Actor, new: NewUnit) -> StoreResult<Unit> {
    let validity = Validity::new(new.valid_from, new.valid_to)?;
    let parent = parent_facts(c, new.parent_id)?;
    check_unit(new.level, new.kind, &validity, parent.as_ref())?;
    ensure_code_free(c, new.code.as_deref(), &validity, None)?;
    let now = version::now();
    let unit: Unit = diesel::insert_into(units::table)
        .values((
            units::code.eq(&new.code),
            units::name.eq(&new.name),
            units::level.eq(new.level.as_str()),
            units::kind.eq(new.kind.as_str()),
            units::parent_id.eq(new.parent_id),
            units::valid_from.eq(new.valid_from),
            units::valid_to.eq(new.valid_to),
            units::version.eq(1),
            units::created_at.eq(now),
            units::updated_at.eq(now),
        ))
        .returning(units::all_columns)
        .get_result(c)?;
    write_search_keys(c, unit.id, &unit.name)?;
    audit::append(
        c,
        actor,
        Change::<(), _> {
            action: "unit.create",
            entity_type: "unit",
            entity_id: Some(unit.id),
            before: None,
            after: Some(&unit),
        },
    )?;
    Ok(unit)
}

pub fn update(
    c: &mut Db,
    actor: &Actor,
    id: i64,
    patch: UnitPatch,
    if_match: Option<i32>,
) -> StoreResult<Unit> {
    let before = get(c, id)?;
    let version = version::next(before.version, if_match)?;
    let code = patch.code.or_else(|| before.code.clone());
    let name = patch.name.unwrap_or_else(|| before.name.clone());
    let kind = patch.kind.unwrap_or(before.kind);
    let validity = Validity::new(
        patch.valid_from.unwrap_or(before.valid_from),
        patch.valid_to.unwrap_or(before.valid_to),
    )?;
    let parent = parent_facts(c, before.parent_id)?;
    check_unit(before.level, kind, &validity, parent.as_ref())?;
    let children: Vec<(NaiveDate, Option<NaiveDate>)> = units::table
        .filter(units::parent_id.eq(id))
        .select((units::valid_from, units::valid_to))
        .load(c)?;
    if children
        .into_iter()
        .any(|(from, to)| !Validity { from, to }.within(&validity))
    {
        return Err(RuleViolation::new(
            "unit_children_in_force",
            "units under this one would be in force outside its new dates; end or move them first",
        )
        .into());
    }
    ensure_code_free(c, code.as_deref(), &validity, Some(id))?;
    let after: Unit = diesel::update(units::table.find(id))
        .set((
            units::code.eq(&code),
            units::name.eq(&name),
            units::kind.eq(kind.as_str()),
            units::valid_from.eq(validity.from),
            units::valid_to.eq(validity.to),
            units::version.eq(version),
            units::updated_at.eq(version::now()),
        ))
        .returning(units::all_columns)
        .get_result(c)?;
    if after.name != before.name {
        write_search_keys(c, id, &after.name)?;
    }
    audit::append(
        c,
        actor,
        Change {
            action: "unit.update",
            entity_type: "unit",
            entity_id: Some(id),
            before: Some(&before),
            after: Some(&after),
        },
    )?;
    Ok(after)
}

/// One row of a bulk import; the parent is named by code, in the file or already stored.
#[derive(Debug, Clone)]
pub struct ImportRow {
    /// The row's 0-based position in the input, which refusals name.
    pub index: usize,
    pub code: String,
    pub name: String,
    pub level: UnitLevel,
    pub kind: UnitKind,
    pub parent_code: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub created: usize,
    pub provinces: usize,
    pub districts: usize,
    pub communes: usize,
    pub villages: usize,
}

/// Where a row's parent is: another row of the same import, or a stored unit.
#[derive(Clone, Copy)]
enum ParentRef {
    Row(usize),
    Stored(i64),
}

/// Imports at least this large refresh the planner's statistics.
const ANALYZE_AFTER: usize = 1_000;

/// Rows per INSERT: well under SQLite's 32,766 bound parameters and PostgreSQL's 65,535.
const INSERT_CHUNK: usize = 1_000;

/// Creates every row, all in force from `valid_from`, or none: the answer to a refusal
/// lists every bad row, those in `refused` (rows that could not even be read) included.
/// Rows may come in any order; parents are resolved by code.
pub fn import(
    c: &mut Db,
    actor: &Actor,
    valid_from: NaiveDate,
    rows: &[ImportRow],
    refused: Vec<RowError>,
) -> StoreResult<ImportSummary> {
    let validity = Validity {
        from: valid_from,
        to: None,
    };
    let mut errors = refused;
    let mut reject = |i: usize, v: RuleViolation| {
        errors.push(RowError {
            index: rows[i].index,
            rule: v.rule,
            detail: v.detail,
        })
    };

    let mut by_code: HashMap<&str, usize> = HashMap::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        if let Some(first) = by_code.insert(row.code.as_str(), i) {
            by_code.insert(row.code.as_str(), first);
            reject(
                i,
                RuleViolation::new(
                    "unit_code_unique_on_date",
                    format!(
                        "code `{}` also stands in row {}",
                        row.code, rows[first].index
                    ),
                ),
            );
        }
    }

    // Every stored unit with a code that may clash with the file or parent one of its rows.
    let stored: Vec<Unit> = units::table
        .filter(units::code.is_not_null())
        .filter(units::valid_to.is_null().or(units::valid_to.gt(valid_from)))
        .select(Unit::as_select())
        .load(c)?;
    let mut stored_by_code: HashMap<String, Vec<(i64, UnitLevel, Validity)>> = HashMap::new();
    for unit in stored {
        let entry = (unit.id, unit.level, unit.validity());
        stored_by_code
            .entry(unit.code.unwrap_or_default())
            .or_default()
            .push(entry);
    }

    let mut parents = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let clashes = stored_by_code
            .get(&row.code)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let validities: Vec<Validity> = clashes.iter().map(|(_, _, v)| *v).collect();
        if let Err(v) = check_code_free(&row.code, &validity, &validities) {
            reject(i, v);
        }
        let parent = match row.parent_code.as_deref() {
            None => None,
            Some(pc) => match by_code.get(pc) {
                Some(&p) => Some((
                    ParentRef::Row(p),
                    ParentFacts {
                        level: rows[p].level,
                        validity,
                    },
                )),
                None => match stored_by_code
                    .get(pc)
                    .and_then(|units| units.iter().find(|(_, _, v)| v.contains(valid_from)))
                {
                    Some((id, level, v)) => Some((
                        ParentRef::Stored(*id),
                        ParentFacts {
                            level: *level,
                            validity: *v,
                        },
                    )),
                    None => {
                        reject(i, RuleViolation::new("unit_parent_exists", format!("no valid row of the file and no unit in force on {valid_from} has code `{pc}`")));
                        parents.push(None);
                        continue;
                    }
                },
            },
        };
        if let Err(vs) = check_unit(
            row.level,
            row.kind,
            &validity,
            parent.as_ref().map(|(_, f)| f),
        ) {
            for v in vs.0 {
                reject(i, v);
            }
        }
        parents.push(parent.map(|(r, _)| r));
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.index);
        return Err(StoreError::Rows(errors));
    }

    // A parent's level always ranks above its child's, so inserting level by level
    // inserts every parent before its children.
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|&i| rows[i].level.rank());
    let mut ids = vec![0_i64; rows.len()];
    let now = version::now();
    let mut summary = ImportSummary {
        created: rows.len(),
        ..Default::default()
    };
    for level in UnitLevel::ALL {
        let batch: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&i| rows[i].level == *level)
            .collect();
        match level {
            UnitLevel::Province => summary.provinces = batch.len(),
            UnitLevel::District => summary.districts = batch.len(),
            UnitLevel::Commune => summary.communes = batch.len(),
            UnitLevel::Village => summary.villages = batch.len(),
        }
        for chunk in batch.chunks(INSERT_CHUNK) {
            let values: Vec<_> = chunk
                .iter()
                .map(|&i| {
                    let row = &rows[i];
                    let parent_id = parents[i].map(|p| match p {
                        ParentRef::Row(r) => ids[r],
                        ParentRef::Stored(id) => id,
                    });
                    (
                        units::code.eq(Some(row.code.as_str())),
                        units::name.eq(row.name.as_str()),
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
            let inserted: Vec<(i64, Option<String>)> =
                on_backend!(c, |c| diesel::insert_into(units::table)
                    .values(&values)
                    .returning((units::id, units::code))
                    .get_results(c))?;
            for (id, code) in inserted {
                let code = code.unwrap_or_default();
                ids[by_code[code.as_str()]] = id;
            }
        }
    }
    let keys: Vec<(String, i64)> = rows
        .iter()
        .zip(&ids)
        .flat_map(|(row, &id)| search_keys(&row.name).into_iter().map(move |key| (key, id)))
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
    if rows.len() >= ANALYZE_AFTER {
        // Fresh statistics, or PostgreSQL plans name searches as if the tables were
        // empty and walks every unit (measured by `make bench`: 143x slower).
        for table in ["units", "unit_search_keys"] {
            diesel::sql_query(format!("ANALYZE {table}")).execute(c)?;
        }
    }
    #[derive(Serialize)]
    struct Imported<'a> {
        valid_from: NaiveDate,
        #[serde(flatten)]
        summary: &'a ImportSummary,
    }
    audit::append(
        c,
        actor,
        Change::<(), _> {
            action: "unit.import",
            entity_type: "unit",
            entity_id: None,
            before: None,
            after: Some(&Imported {
                valid_from,
                summary: &summary,
            }),
        },
    )?;
    Ok(summary)
}

/// SQL that keeps rows whose `column` is one of `ids` (written as numbers: only integers
/// enter the statement).
pub fn in_list(column: &str, ids: &[i64]) -> String {
    if ids.is_empty() {
        return "1 = 0".to_owned();
    }
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    format!("{column} IN ({})", list.join(", "))
}

/// The ids of the Party organisations of the units in `scope`, of `kind` if given.
pub fn orgs_in(
    c: &mut Db,
    scope: &Scope,
    kind: Option<dantin_domain::party_org::PartyOrgKind>,
) -> StoreResult<Vec<i64>> {
    use crate::schema::party_orgs;
    let mut q = party_orgs::table
        .filter(diesel::dsl::sql::<diesel::sql_types::Bool>(
            &scope.sql("party_orgs.unit_id"),
        ))
        .select(party_orgs::id)
        .into_boxed();
    if let Some(kind) = kind {
        q = q.filter(party_orgs::kind.eq(kind.as_str()));
    }
    Ok(q.load(c)?)
}

/// Which units a query covers: a unit and everything under it, or a list of units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Subtree(i64),
    Units(Vec<i64>),
}

impl Scope {
    /// SQL that keeps rows whose `column` names a unit in scope: for a subtree one
    /// recursive query, the same on both backends. Only integers are written into it.
    pub fn sql(&self, column: &str) -> String {
        match self {
            Scope::Subtree(root) => format!(
                "{column} IN (WITH RECURSIVE subtree(id) AS (SELECT id FROM units WHERE id = {root} \
                 UNION ALL SELECT u.id FROM units u JOIN subtree s ON u.parent_id = s.id) SELECT id FROM subtree)"
            ),
            Scope::Units(ids) => in_list(column, ids),
        }
    }

    /// SQL that keeps rows whose `column` names a Party organisation of a unit in scope.
    pub fn orgs_sql(&self, column: &str) -> String {
        format!(
            "{column} IN (SELECT id FROM party_orgs WHERE {})",
            self.sql("party_orgs.unit_id")
        )
    }

    /// The same scope as an exact list of unit ids, looked up once. Statements filtered by
    /// the list are planned for its true size: PostgreSQL misjudges a recursive query's
    /// and would walk whole tables (measured by `make bench`).
    pub fn resolved(self, c: &mut Db) -> StoreResult<Scope> {
        match self {
            Scope::Subtree(_) => {
                let ids: Vec<i64> = units::table
                    .filter(diesel::dsl::sql::<diesel::sql_types::Bool>(
                        &self.sql("units.id"),
                    ))
                    .select(units::id)
                    .load(c)?;
                Ok(Scope::Units(ids))
            }
            units @ Scope::Units(_) => Ok(units),
        }
    }
}

/// The unit with `code` in force on `day`, if any.
pub fn find_by_code_on(c: &mut Db, code: &str, day: NaiveDate) -> StoreResult<Option<Unit>> {
    Ok(units::table
        .filter(units::code.eq(code))
        .filter(units::valid_from.le(day))
        .filter(units::valid_to.is_null().or(units::valid_to.gt(day)))
        .select(Unit::as_select())
        .first(c)
        .optional()?)
}
