//! Administrative units as stored: read one, list "as of" a day, search by folded name,
//! insert and update. A unit's row holds its life and its latest version; its versions
//! (`unit_versions`: code, name, kind and parent, in valid time) say what it was on each
//! day. Whether a unit may be written is decided before it reaches here.

use chrono::{NaiveDate, NaiveDateTime};
use dantin_domain::search::{fold, prefix_upper_bound, search_keys};
use dantin_domain::unit::{HeldThere, UnitKind, UnitLevel};
use dantin_domain::validity::Validity;
use dantin_domain::UnitId;
use diesel::dsl::{Filter, InnerJoin, IntoBoxed, Select};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::MultiBackend;
use crate::db::{on_backend, Db};
use crate::error::StoreResult;
use crate::in_force::{columns, in_force_on, in_force_sql, InForce};
use crate::schema::{unit_search_keys, unit_versions, units};
use crate::scope::sql;
use crate::version;
use crate::window::Window;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Serialize)]
#[diesel(table_name = units)]
pub struct Unit {
    pub id: UnitId,
    pub code: Option<String>,
    pub name: String,
    pub level: UnitLevel,
    pub kind: UnitKind,
    pub parent_id: Option<UnitId>,
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

/// A unit's fields as written.
#[derive(Debug, Clone)]
pub struct UnitFields {
    pub code: Option<String>,
    pub name: String,
    pub level: UnitLevel,
    pub kind: UnitKind,
    pub parent_id: Option<UnitId>,
    pub validity: Validity,
}

/// The units in force on `on`, as they were that day.
#[derive(Debug, Clone)]
pub struct UnitFilter {
    pub on: NaiveDate,
    /// Directly under this unit, on the map of `map` (default: `on`).
    pub parent_id: Option<UnitId>,
    pub map: Option<NaiveDate>,
    pub level: Option<UnitLevel>,
    /// The code the unit had that day.
    pub code: Option<String>,
    pub q: Option<String>,
}

impl UnitFilter {
    pub fn on(on: NaiveDate) -> Self {
        Self {
            on,
            parent_id: None,
            map: None,
            level: None,
            code: None,
            q: None,
        }
    }
}

columns! {
    /// A unit's columns as of a day, in `Unit`'s order: its identity and life from
    /// `units`, the rest from the version in force that day.
    ON_DAY: OnDay = (
        units::id,
        unit_versions::code,
        unit_versions::name,
        units::level,
        unit_versions::kind,
        unit_versions::parent_id,
        units::valid_from,
        units::valid_to,
        units::version,
        units::created_at,
        units::updated_at,
    )
}

/// Every unit in force on a day, as it was then: the query the reads "as of" a day start
/// from.
type AsOf = IntoBoxed<
    'static,
    Select<
        Filter<
            InnerJoin<units::table, unit_versions::table>,
            InForce<unit_versions::valid_from, unit_versions::valid_to>,
        >,
        OnDay,
    >,
    MultiBackend,
>;

pub(crate) fn as_of(day: NaiveDate) -> AsOf {
    units::table
        .inner_join(unit_versions::table)
        .filter(in_force_on(
            unit_versions::valid_from,
            unit_versions::valid_to,
            day,
        ))
        .select(ON_DAY)
        .into_boxed()
}

/// The unit with its latest version.
pub fn find(c: &mut Db, id: UnitId) -> StoreResult<Option<Unit>> {
    Ok(units::table
        .find(id.get())
        .select(Unit::as_select())
        .first(c)
        .optional()?)
}

/// The unit as it was on `day`; `None` when it was not in force then (or never existed).
pub fn find_on(c: &mut Db, id: UnitId, day: NaiveDate) -> StoreResult<Option<Unit>> {
    Ok(as_of(day)
        .filter(units::id.eq(id.get()))
        .first(c)
        .optional()?)
}

pub fn list(c: &mut Db, f: &UnitFilter, w: Window) -> StoreResult<Vec<Unit>> {
    let mut q = as_of(f.on)
        .filter(units::id.gt(w.after_id()))
        .order(units::id)
        .limit(w.limit);
    match (f.parent_id, f.map.filter(|m| *m != f.on)) {
        (Some(p), None) => q = q.filter(unit_versions::parent_id.eq(p.get())),
        (Some(p), Some(map)) => {
            q = q.filter(sql(format!(
            "units.id IN (SELECT m.unit_id FROM unit_versions m WHERE m.parent_id = {p} AND {})",
            in_force_sql("m", map)
        )))
        }
        (None, _) => {}
    }
    if let Some(l) = f.level {
        q = q.filter(units::level.eq(l.as_str()));
    }
    if let Some(code) = &f.code {
        q = q.filter(unit_versions::code.eq(code));
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
    Ok(q.load(c)?)
}

/// The days on which units other than `except` carried `code`.
pub fn validities_with_code(
    c: &mut Db,
    code: &str,
    except: Option<UnitId>,
) -> StoreResult<Vec<Validity>> {
    let rows: Vec<(NaiveDate, Option<NaiveDate>)> = unit_versions::table
        .filter(unit_versions::code.eq(code))
        .filter(unit_versions::unit_id.ne(except.map_or(-1, UnitId::get)))
        .select((unit_versions::valid_from, unit_versions::valid_to))
        .load(c)?;
    Ok(rows
        .into_iter()
        .map(|(from, to)| Validity { from, to })
        .collect())
}

/// The days on which units stood directly under `id`.
pub fn children_validities(c: &mut Db, id: UnitId) -> StoreResult<Vec<Validity>> {
    let rows: Vec<(NaiveDate, Option<NaiveDate>)> = unit_versions::table
        .filter(unit_versions::parent_id.eq(id.get()))
        .select((unit_versions::valid_from, unit_versions::valid_to))
        .load(c)?;
    Ok(rows
        .into_iter()
        .map(|(from, to)| Validity { from, to })
        .collect())
}

/// The unit that had `code` on `day`, as it was then, if any.
pub fn find_by_code_on(c: &mut Db, code: &str, day: NaiveDate) -> StoreResult<Option<Unit>> {
    Ok(as_of(day)
        .filter(unit_versions::code.eq(code))
        .first(c)
        .optional()?)
}

/// The days of each of the unit's versions, in order.
pub fn version_validities(c: &mut Db, id: UnitId) -> StoreResult<Vec<Validity>> {
    let rows: Vec<(NaiveDate, Option<NaiveDate>)> = unit_versions::table
        .filter(unit_versions::unit_id.eq(id.get()))
        .order(unit_versions::valid_from)
        .select((unit_versions::valid_from, unit_versions::valid_to))
        .load(c)?;
    Ok(rows
        .into_iter()
        .map(|(from, to)| Validity { from, to })
        .collect())
}

/// Replaces a unit's name search keys (see `dantin_domain::search`): a unit is found by
/// every name its versions carry, and listed by the one of the day asked.
pub(crate) fn write_search_keys(c: &mut Db, unit_id: UnitId) -> StoreResult<()> {
    diesel::delete(unit_search_keys::table.filter(unit_search_keys::unit_id.eq(unit_id.get())))
        .execute(c)?;
    let names: Vec<String> = unit_versions::table
        .filter(unit_versions::unit_id.eq(unit_id.get()))
        .select(unit_versions::name)
        .load(c)?;
    let mut keys: Vec<String> = names.iter().flat_map(|name| search_keys(name)).collect();
    keys.sort();
    keys.dedup();
    let rows: Vec<_> = keys
        .into_iter()
        .map(|k| {
            (
                unit_search_keys::key.eq(k),
                unit_search_keys::unit_id.eq(unit_id.get()),
            )
        })
        .collect();
    on_backend!(c, |c| diesel::insert_into(unit_search_keys::table)
        .values(&rows)
        .execute(c))?;
    Ok(())
}

pub fn insert(c: &mut Db, new: &UnitFields) -> StoreResult<Unit> {
    let now = version::now();
    let unit: Unit = diesel::insert_into(units::table)
        .values((
            units::code.eq(&new.code),
            units::name.eq(&new.name),
            units::level.eq(new.level.as_str()),
            units::kind.eq(new.kind.as_str()),
            units::parent_id.eq(new.parent_id.map(UnitId::get)),
            units::valid_from.eq(new.validity.from),
            units::valid_to.eq(new.validity.to),
            units::version.eq(1),
            units::created_at.eq(now),
            units::updated_at.eq(now),
        ))
        .returning(units::all_columns)
        .get_result(c)?;
    diesel::insert_into(unit_versions::table)
        .values((
            unit_versions::unit_id.eq(unit.id.get()),
            unit_versions::valid_from.eq(unit.valid_from),
            unit_versions::valid_to.eq(unit.valid_to),
            unit_versions::code.eq(&unit.code),
            unit_versions::name.eq(&unit.name),
            unit_versions::kind.eq(unit.kind.as_str()),
            unit_versions::parent_id.eq(unit.parent_id.map(UnitId::get)),
        ))
        .execute(c)?;
    write_search_keys(c, unit.id)?;
    Ok(unit)
}

/// Writes the unit's corrected fields (its level and parent stay) at `version`: the code,
/// name and kind of its latest version, the start of its first and the end of its last.
pub fn update(c: &mut Db, before: &Unit, next: &UnitFields, version: i32) -> StoreResult<Unit> {
    let after: Unit = diesel::update(units::table.find(before.id.get()))
        .set((
            units::code.eq(&next.code),
            units::name.eq(&next.name),
            units::kind.eq(next.kind.as_str()),
            units::valid_from.eq(next.validity.from),
            units::valid_to.eq(next.validity.to),
            units::version.eq(version),
            units::updated_at.eq(version::now()),
        ))
        .returning(units::all_columns)
        .get_result(c)?;
    let versions = unit_versions::table.filter(unit_versions::unit_id.eq(before.id.get()));
    let latest: i64 = versions
        .order(unit_versions::valid_from.desc())
        .select(unit_versions::id)
        .first(c)?;
    let first: i64 = versions
        .order(unit_versions::valid_from)
        .select(unit_versions::id)
        .first(c)?;
    diesel::update(unit_versions::table.find(latest))
        .set((
            unit_versions::code.eq(&after.code),
            unit_versions::name.eq(&after.name),
            unit_versions::kind.eq(after.kind.as_str()),
            unit_versions::valid_to.eq(after.valid_to),
        ))
        .execute(c)?;
    diesel::update(unit_versions::table.find(first))
        .set(unit_versions::valid_from.eq(after.valid_from))
        .execute(c)?;
    if after.name != before.name {
        write_search_keys(c, after.id)?;
    }
    Ok(after)
}

/// Whether any unit is stored at all.
pub fn any(c: &mut Db) -> StoreResult<bool> {
    Ok(units::table
        .select(units::id)
        .first::<UnitId>(c)
        .optional()?
        .is_some())
}

/// What was held in the unit: tenures of its posts and of its organisations' posts, and
/// the days of its head elections and of its cells' congresses.
pub fn held_there(c: &mut Db, id: UnitId) -> StoreResult<HeldThere> {
    use crate::schema::{appointments, congresses, head_elections, party_orgs};
    let orgs: Vec<i64> = party_orgs::table
        .filter(party_orgs::unit_id.eq(id.get()))
        .select(party_orgs::id)
        .load(c)?;
    let tenures: Vec<(NaiveDate, Option<NaiveDate>)> = appointments::table
        .filter(
            appointments::unit_id
                .eq(id.get())
                .or(appointments::party_org_id.eq_any(&orgs)),
        )
        .select((appointments::starts_on, appointments::ends_on))
        .load(c)?;
    let mut elections: Vec<NaiveDate> = head_elections::table
        .filter(head_elections::village_id.eq(id.get()))
        .select(head_elections::held_on)
        .load(c)?;
    elections.extend(
        congresses::table
            .filter(congresses::cell_id.eq_any(&orgs))
            .select(congresses::held_on)
            .load::<NaiveDate>(c)?,
    );
    Ok(HeldThere {
        tenures: tenures
            .into_iter()
            .map(|(from, to)| Validity { from, to })
            .collect(),
        elections,
    })
}
