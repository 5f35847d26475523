//! Party organisations as stored: village cells and the committees above them. As units
//! do, an organisation keeps its id and life in `party_orgs` (with its latest version) and
//! its name, superior and unit over time in `party_org_versions`.

use chrono::{NaiveDate, NaiveDateTime};
use dantin_domain::party_org::PartyOrgKind;
use dantin_domain::{PartyOrgId, UnitId};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::Db;
use crate::error::StoreResult;
use crate::in_force::{columns, in_force_on};
use crate::schema::{party_org_versions, party_orgs};
use crate::scope::{sql, Scope};
use crate::version;
use crate::window::Window;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Serialize)]
#[diesel(table_name = party_orgs)]
pub struct PartyOrg {
    pub id: PartyOrgId,
    pub name: String,
    pub kind: PartyOrgKind,
    pub parent_id: Option<PartyOrgId>,
    pub unit_id: Option<UnitId>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// First day in force.
    pub valid_from: NaiveDate,
    /// First day no longer in force.
    pub valid_to: Option<NaiveDate>,
}

columns! {
    /// An organisation's columns as of a day, in `PartyOrg`'s order: identity, kind and
    /// life from `party_orgs`, name, superior and unit from the version in force that day.
    ON_DAY: OnDay = (
        party_orgs::id,
        party_org_versions::name,
        party_orgs::kind,
        party_org_versions::parent_id,
        party_org_versions::unit_id,
        party_orgs::version,
        party_orgs::created_at,
        party_orgs::updated_at,
        party_orgs::valid_from,
        party_orgs::valid_to,
    )
}

/// An organisation's fields as written.
#[derive(Debug, Clone)]
pub struct PartyOrgFields {
    pub name: String,
    pub kind: PartyOrgKind,
    pub parent_id: Option<PartyOrgId>,
    pub unit_id: Option<UnitId>,
}

#[derive(Debug, Clone, Default)]
pub struct PartyOrgFilter {
    /// The organisations in force on this day, as they were then; `None`: every one, as
    /// it is latest.
    pub on: Option<NaiveDate>,
    pub parent_id: Option<PartyOrgId>,
    pub unit_id: Option<UnitId>,
    pub kind: Option<PartyOrgKind>,
    /// An officer's area: only the organisations of a unit under it.
    pub area: Option<UnitId>,
}

/// The organisation with its latest version.
pub fn find(c: &mut Db, id: PartyOrgId) -> StoreResult<Option<PartyOrg>> {
    Ok(party_orgs::table
        .find(id.get())
        .select(PartyOrg::as_select())
        .first(c)
        .optional()?)
}

/// The organisation as it was on `day`, if in force then.
pub fn find_on(c: &mut Db, id: PartyOrgId, day: NaiveDate) -> StoreResult<Option<PartyOrg>> {
    Ok(party_orgs::table
        .inner_join(party_org_versions::table)
        .filter(party_orgs::id.eq(id.get()))
        .filter(in_force_on(
            party_org_versions::valid_from,
            party_org_versions::valid_to,
            day,
        ))
        .select(ON_DAY)
        .first(c)
        .optional()?)
}

pub fn list(c: &mut Db, f: &PartyOrgFilter, w: Window) -> StoreResult<Vec<PartyOrg>> {
    let mut q = party_orgs::table
        .inner_join(party_org_versions::table)
        .select(ON_DAY)
        .filter(party_orgs::id.gt(w.after_id()))
        .order(party_orgs::id)
        .limit(w.limit)
        .into_boxed();
    q = match f.on {
        Some(day) => q.filter(in_force_on(
            party_org_versions::valid_from,
            party_org_versions::valid_to,
            day,
        )),
        // The latest version of each.
        None => q.filter(
            party_org_versions::valid_to
                .is_null()
                .or(party_org_versions::valid_to.eq(party_orgs::valid_to)),
        ),
    };
    if let Some(p) = f.parent_id {
        q = q.filter(party_org_versions::parent_id.eq(p.get()));
    }
    if let Some(u) = f.unit_id {
        q = q.filter(party_org_versions::unit_id.eq(u.get()));
    }
    if let Some(k) = f.kind {
        q = q.filter(party_orgs::kind.eq(k.as_str()));
    }
    if let Some(root) = f.area {
        q = q.filter(sql(Scope::Subtree(root).sql("party_orgs.unit_id")));
    }
    Ok(q.load(c)?)
}

/// The village's cell in force on `day`, if it has one.
pub fn cell_of(c: &mut Db, village: UnitId, day: NaiveDate) -> StoreResult<Option<PartyOrgId>> {
    Ok(party_orgs::table
        .inner_join(party_org_versions::table)
        .filter(party_org_versions::unit_id.eq(village.get()))
        .filter(party_orgs::kind.eq(PartyOrgKind::Cell.as_str()))
        .filter(in_force_on(
            party_org_versions::valid_from,
            party_org_versions::valid_to,
            day,
        ))
        .select(party_orgs::id)
        .order(party_orgs::id)
        .first(c)
        .optional()?)
}

/// Stores a new organisation in force from `valid_from`, with its first version.
pub fn insert(c: &mut Db, new: &PartyOrgFields, valid_from: NaiveDate) -> StoreResult<PartyOrg> {
    let now = version::now();
    let org: PartyOrg = diesel::insert_into(party_orgs::table)
        .values((
            party_orgs::name.eq(&new.name),
            party_orgs::kind.eq(new.kind.as_str()),
            party_orgs::parent_id.eq(new.parent_id.map(PartyOrgId::get)),
            party_orgs::unit_id.eq(new.unit_id.map(UnitId::get)),
            party_orgs::version.eq(1),
            party_orgs::created_at.eq(now),
            party_orgs::updated_at.eq(now),
            party_orgs::valid_from.eq(valid_from),
        ))
        .returning(party_orgs::all_columns)
        .get_result(c)?;
    insert_version(c, org.id, new, valid_from, None)?;
    Ok(org)
}

/// A version of the organisation from `valid_from`, open-ended.
pub(crate) fn insert_version(
    c: &mut Db,
    org: PartyOrgId,
    fields: &PartyOrgFields,
    valid_from: NaiveDate,
    reorganization: Option<i64>,
) -> StoreResult<()> {
    diesel::insert_into(party_org_versions::table)
        .values((
            party_org_versions::org_id.eq(org.get()),
            party_org_versions::valid_from.eq(valid_from),
            party_org_versions::name.eq(&fields.name),
            party_org_versions::parent_id.eq(fields.parent_id.map(PartyOrgId::get)),
            party_org_versions::unit_id.eq(fields.unit_id.map(UnitId::get)),
            party_org_versions::reorganization_id.eq(reorganization),
        ))
        .execute(c)?;
    Ok(())
}

/// Writes the organisation's new name and place (its kind stays) at `version`: a
/// correction of its latest version.
pub fn update(
    c: &mut Db,
    id: PartyOrgId,
    next: &PartyOrgFields,
    version: i32,
) -> StoreResult<PartyOrg> {
    let org: PartyOrg = diesel::update(party_orgs::table.find(id.get()))
        .set((
            party_orgs::name.eq(&next.name),
            party_orgs::parent_id.eq(next.parent_id.map(PartyOrgId::get)),
            party_orgs::unit_id.eq(next.unit_id.map(UnitId::get)),
            party_orgs::version.eq(version),
            party_orgs::updated_at.eq(version::now()),
        ))
        .returning(party_orgs::all_columns)
        .get_result(c)?;
    let latest = party_org_versions::table
        .filter(party_org_versions::org_id.eq(id.get()))
        .order(party_org_versions::valid_from.desc())
        .select(party_org_versions::id)
        .first::<i64>(c)?;
    diesel::update(party_org_versions::table.find(latest))
        .set((
            party_org_versions::name.eq(&next.name),
            party_org_versions::parent_id.eq(next.parent_id.map(PartyOrgId::get)),
            party_org_versions::unit_id.eq(next.unit_id.map(UnitId::get)),
        ))
        .execute(c)?;
    Ok(org)
}
