//! Party organisations as stored: village cells and the committees above them.

use chrono::NaiveDateTime;
use dantin_domain::party_org::PartyOrgKind;
use dantin_domain::{PartyOrgId, UnitId};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::Db;
use crate::error::StoreResult;
use crate::schema::party_orgs;
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
    pub parent_id: Option<PartyOrgId>,
    pub unit_id: Option<UnitId>,
    pub kind: Option<PartyOrgKind>,
    /// An officer's area: only the organisations of a unit under it.
    pub area: Option<UnitId>,
}

pub fn find(c: &mut Db, id: PartyOrgId) -> StoreResult<Option<PartyOrg>> {
    Ok(party_orgs::table
        .find(id.get())
        .select(PartyOrg::as_select())
        .first(c)
        .optional()?)
}

pub fn list(c: &mut Db, f: &PartyOrgFilter, w: Window) -> StoreResult<Vec<PartyOrg>> {
    let mut q = party_orgs::table
        .select(PartyOrg::as_select())
        .filter(party_orgs::id.gt(w.after_id()))
        .order(party_orgs::id)
        .limit(w.limit)
        .into_boxed();
    if let Some(p) = f.parent_id {
        q = q.filter(party_orgs::parent_id.eq(p.get()));
    }
    if let Some(u) = f.unit_id {
        q = q.filter(party_orgs::unit_id.eq(u.get()));
    }
    if let Some(k) = f.kind {
        q = q.filter(party_orgs::kind.eq(k.as_str()));
    }
    if let Some(root) = f.area {
        q = q.filter(sql(Scope::Subtree(root).sql("party_orgs.unit_id")));
    }
    Ok(q.load(c)?)
}

/// The village's cell, if it has one.
pub fn cell_of(c: &mut Db, village: UnitId) -> StoreResult<Option<PartyOrgId>> {
    Ok(party_orgs::table
        .filter(party_orgs::unit_id.eq(village.get()))
        .filter(party_orgs::kind.eq(PartyOrgKind::Cell.as_str()))
        .select(party_orgs::id)
        .order(party_orgs::id)
        .first(c)
        .optional()?)
}

pub fn insert(c: &mut Db, new: &PartyOrgFields) -> StoreResult<PartyOrg> {
    let now = version::now();
    Ok(diesel::insert_into(party_orgs::table)
        .values((
            party_orgs::name.eq(&new.name),
            party_orgs::kind.eq(new.kind.as_str()),
            party_orgs::parent_id.eq(new.parent_id.map(PartyOrgId::get)),
            party_orgs::unit_id.eq(new.unit_id.map(UnitId::get)),
            party_orgs::version.eq(1),
            party_orgs::created_at.eq(now),
            party_orgs::updated_at.eq(now),
        ))
        .returning(party_orgs::all_columns)
        .get_result(c)?)
}

/// Writes the organisation's new name and place (its kind stays) at `version`.
pub fn update(
    c: &mut Db,
    id: PartyOrgId,
    next: &PartyOrgFields,
    version: i32,
) -> StoreResult<PartyOrg> {
    Ok(diesel::update(party_orgs::table.find(id.get()))
        .set((
            party_orgs::name.eq(&next.name),
            party_orgs::parent_id.eq(next.parent_id.map(PartyOrgId::get)),
            party_orgs::unit_id.eq(next.unit_id.map(UnitId::get)),
            party_orgs::version.eq(version),
            party_orgs::updated_at.eq(version::now()),
        ))
        .returning(party_orgs::all_columns)
        .get_result(c)?)
}
