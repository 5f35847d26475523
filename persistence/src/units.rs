//! Administrative units as stored: read one, list "as of" a day, search by folded name,
//! insert and update. Whether a unit may be written is decided before it reaches here.

use chrono::{NaiveDate, NaiveDateTime};
use dantin_domain::search::{fold, prefix_upper_bound, search_keys};
use dantin_domain::unit::{HeldThere, UnitKind, UnitLevel};
use dantin_domain::validity::Validity;
use dantin_domain::UnitId;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::{on_backend, Db};
use crate::error::StoreResult;
use crate::in_force::in_force_on;
use crate::schema::{unit_search_keys, units};
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

#[derive(Debug, Clone, Default)]
pub struct UnitFilter {
    pub parent_id: Option<UnitId>,
    pub level: Option<UnitLevel>,
    pub q: Option<String>,
    pub on: Option<NaiveDate>,
}

pub fn find(c: &mut Db, id: UnitId) -> StoreResult<Option<Unit>> {
    Ok(units::table
        .find(id.get())
        .select(Unit::as_select())
        .first(c)
        .optional()?)
}

pub fn list(c: &mut Db, f: &UnitFilter, w: Window) -> StoreResult<Vec<Unit>> {
    let mut q = units::table
        .select(Unit::as_select())
        .filter(units::id.gt(w.after_id()))
        .order(units::id)
        .limit(w.limit)
        .into_boxed();
    if let Some(p) = f.parent_id {
        q = q.filter(units::parent_id.eq(p.get()));
    }
    if let Some(l) = f.level {
        q = q.filter(units::level.eq(l.as_str()));
    }
    if let Some(on) = f.on {
        q = q.filter(in_force_on(units::valid_from, units::valid_to, on));
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

/// The validities of the units other than `except` that carry `code`.
pub fn validities_with_code(
    c: &mut Db,
    code: &str,
    except: Option<UnitId>,
) -> StoreResult<Vec<Validity>> {
    let rows: Vec<(NaiveDate, Option<NaiveDate>)> = units::table
        .filter(units::code.eq(code))
        .filter(units::id.ne(except.map_or(-1, UnitId::get)))
        .select((units::valid_from, units::valid_to))
        .load(c)?;
    Ok(rows
        .into_iter()
        .map(|(from, to)| Validity { from, to })
        .collect())
}

/// The validities of the units directly under `id`.
pub fn children_validities(c: &mut Db, id: UnitId) -> StoreResult<Vec<Validity>> {
    let rows: Vec<(NaiveDate, Option<NaiveDate>)> = units::table
        .filter(units::parent_id.eq(id.get()))
        .select((units::valid_from, units::valid_to))
        .load(c)?;
    Ok(rows
        .into_iter()
        .map(|(from, to)| Validity { from, to })
        .collect())
}

/// The unit with `code` in force on `day`, if any.
pub fn find_by_code_on(c: &mut Db, code: &str, day: NaiveDate) -> StoreResult<Option<Unit>> {
    Ok(units::table
        .filter(units::code.eq(code))
        .filter(in_force_on(units::valid_from, units::valid_to, day))
        .select(Unit::as_select())
        .first(c)
        .optional()?)
}

/// Replaces a unit's name search keys (see `dantin_domain::search`).
fn write_search_keys(c: &mut Db, unit_id: UnitId, name: &str) -> StoreResult<()> {
    diesel::delete(unit_search_keys::table.filter(unit_search_keys::unit_id.eq(unit_id.get())))
        .execute(c)?;
    let rows: Vec<_> = search_keys(name)
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
    write_search_keys(c, unit.id, &unit.name)?;
    Ok(unit)
}

/// Writes the unit's new fields (its level and parent stay) at `version`.
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
    if after.name != before.name {
        write_search_keys(c, after.id, &after.name)?;
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
