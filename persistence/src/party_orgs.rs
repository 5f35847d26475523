//! Party organisations: village cells and the committees above them.

use chrono::NaiveDateTime;
use dantin_domain::party_org::{check_party_org, PartyOrgKind};
use dantin_domain::RuleViolation;
use diesel::prelude::*;
use serde::Serialize;

use crate::audit::{self, Actor, Change};
use crate::db::Db;
use crate::error::{StoreError, StoreResult};
use crate::schema::party_orgs;
use crate::{units, version};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Serialize)]
#[diesel(table_name = party_orgs)]
pub struct PartyOrg {
    pub id: i64,
    pub name: String,
    #[diesel(deserialize_as = String)]
    pub kind: PartyOrgKind,
    pub parent_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone)]
pub struct NewPartyOrg {
    pub name: String,
    pub kind: PartyOrgKind,
    pub parent_id: Option<i64>,
    pub unit_id: Option<i64>,
}

#[derive(Debug, Clone, Default)]
pub struct PartyOrgPatch {
    pub name: Option<String>,
    pub parent_id: Option<Option<i64>>,
    pub unit_id: Option<Option<i64>>,
}

#[derive(Debug, Clone, Default)]
pub struct PartyOrgFilter {
    pub parent_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub kind: Option<PartyOrgKind>,
    /// An officer's area (a unit id): only what lies under it.
    pub reach: Option<i64>,
    pub after_id: Option<i64>,
    pub limit: i64,
}

pub fn get(c: &mut Db, id: i64) -> StoreResult<PartyOrg> {
    party_orgs::table
        .find(id)
        .select(PartyOrg::as_select())
        .first(c)
        .optional()?
        .ok_or_else(|| StoreError::not_found("party organisation", id))
}

pub fn list(c: &mut Db, f: &PartyOrgFilter) -> StoreResult<Vec<PartyOrg>> {
    let mut q = party_orgs::table
        .select(PartyOrg::as_select())
        .order(party_orgs::id)
        .limit(f.limit)
        .into_boxed();
    if let Some(p) = f.parent_id {
        q = q.filter(party_orgs::parent_id.eq(p));
    }
    if let Some(u) = f.unit_id {
        q = q.filter(party_orgs::unit_id.eq(u));
    }
    if let Some(k) = f.kind {
        q = q.filter(party_orgs::kind.eq(k.as_str()));
    }
    if let Some(root) = f.reach {
        q = q.filter(diesel::dsl::sql::<diesel::sql_types::Bool>(
            &units::Scope::Subtree(root).sql("party_orgs.unit_id"),
        ));
    }
    if let Some(after) = f.after_id {
        q = q.filter(party_orgs::id.gt(after));
    }
    Ok(q.load(c)?)
}

/// Loads the facts the placement rules need and checks them.
fn check_place(
    c: &mut Db,
    kind: PartyOrgKind,
    parent_id: Option<i64>,
    unit_id: Option<i64>,
) -> StoreResult<()> {
    let parent_kind = match parent_id {
        None => None,
        Some(id) => Some(
            get(c, id)
                .map_err(|_| {
                    RuleViolation::new(
                        "party_org_parent_exists",
                        format!("no party organisation has id {id}"),
                    )
                })?
                .kind,
        ),
    };
    let unit_level = match unit_id {
        None => None,
        Some(id) => Some(
            units::get(c, id)
                .map_err(|_| {
                    RuleViolation::new("party_org_unit_exists", format!("no unit has id {id}"))
                })?
                .level,
        ),
    };
    Ok(check_party_org(kind, parent_kind, unit_level)?)
}

pub fn create(c: &mut Db, actor: &Actor, new: NewPartyOrg) -> StoreResult<PartyOrg> {
    check_place(c, new.kind, new.parent_id, new.unit_id)?;
    let now = version::now();
    let org: PartyOrg = diesel::insert_into(party_orgs::table)
        .values((
            party_orgs::name.eq(&new.name),
            party_orgs::kind.eq(new.kind.as_str()),
            party_orgs::parent_id.eq(new.parent_id),
            party_orgs::unit_id.eq(new.unit_id),
            party_orgs::version.eq(1),
            party_orgs::created_at.eq(now),
            party_orgs::updated_at.eq(now),
        ))
        .returning(party_orgs::all_columns)
        .get_result(c)?;
    audit::append(
        c,
        actor,
        Change::<(), _> {
            action: "party_org.create",
            entity_type: "party_org",
            entity_id: Some(org.id),
            before: None,
            after: Some(&org),
        },
    )?;
    Ok(org)
}

pub fn update(
    c: &mut Db,
    actor: &Actor,
    id: i64,
    patch: PartyOrgPatch,
    if_match: Option<i32>,
) -> StoreResult<PartyOrg> {
    let before = get(c, id)?;
    let version = version::next(before.version, if_match)?;
    let parent_id = patch.parent_id.unwrap_or(before.parent_id);
    let unit_id = patch.unit_id.unwrap_or(before.unit_id);
    if parent_id == Some(id) {
        return Err(RuleViolation::new(
            "party_org_parent_kind",
            "an organisation cannot be its own superior",
        )
        .into());
    }
    check_place(c, before.kind, parent_id, unit_id)?;
    let after: PartyOrg = diesel::update(party_orgs::table.find(id))
        .set((
            party_orgs::name.eq(patch.name.as_ref().unwrap_or(&before.name)),
            party_orgs::parent_id.eq(parent_id),
            party_orgs::unit_id.eq(unit_id),
            party_orgs::version.eq(version),
            party_orgs::updated_at.eq(version::now()),
        ))
        .returning(party_orgs::all_columns)
        .get_result(c)?;
    audit::append(
        c,
        actor,
        Change {
            action: "party_org.update",
            entity_type: "party_org",
            entity_id: Some(id),
            before: Some(&before),
            after: Some(&after),
        },
    )?;
    Ok(after)
}
