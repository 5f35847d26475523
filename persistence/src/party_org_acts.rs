//! A reorganisation's writes to the Party organisations (`dantin_domain::party_org_plan`):
//! what it may act on, and its ends, creations and new versions on its day.

use chrono::NaiveDate;
use dantin_domain::party_org::PartyOrgKind;
use dantin_domain::party_org_plan::{OrgKey, OrgPlan, OrgState, StoredOrg};
use dantin_domain::reorganization::Key;
use dantin_domain::{PartyOrgId, ReorganizationId, UnitId};
use diesel::prelude::*;

use crate::db::Db;
use crate::error::StoreResult;
use crate::party_orgs::{insert, insert_version, PartyOrgFields};
use crate::reorganizations::end_tenures;
use crate::schema::{party_org_versions, party_orgs};
use crate::version;

/// An open organisation's row: id, name, kind, superior, unit.
type OpenRow = (
    PartyOrgId,
    String,
    PartyOrgKind,
    Option<PartyOrgId>,
    Option<UnitId>,
);

/// The organisations in force the day before `day` with no end or change recorded from
/// then on: those an act of `day` acts on.
pub fn open_before(c: &mut Db, day: NaiveDate) -> StoreResult<Vec<StoredOrg>> {
    let rows: Vec<OpenRow> = party_orgs::table
        .inner_join(party_org_versions::table)
        .filter(party_org_versions::valid_from.lt(day))
        .filter(party_org_versions::valid_to.is_null())
        .select((
            party_orgs::id,
            party_org_versions::name,
            party_orgs::kind,
            party_org_versions::parent_id,
            party_org_versions::unit_id,
        ))
        .load(c)?;
    Ok(rows
        .into_iter()
        .map(|(id, name, kind, parent, unit)| StoredOrg {
            id,
            name,
            kind,
            parent,
            unit,
        })
        .collect())
}

/// Stores the plan on `day` for the act `id`; `units` are the ids of the units the act
/// created, in its order. Answers the ids of the organisations created, in its order.
pub fn apply(
    c: &mut Db,
    id: ReorganizationId,
    day: NaiveDate,
    plan: &OrgPlan,
    units: &[UnitId],
) -> StoreResult<Vec<PartyOrgId>> {
    let now = version::now();
    let ended: Vec<i64> = plan.ends.iter().map(|o| o.get()).collect();
    close_versions(c, &ended, day)?;
    diesel::update(party_orgs::table.filter(party_orgs::id.eq_any(&ended)))
        .set((
            party_orgs::valid_to.eq(day),
            party_orgs::version.eq(party_orgs::version + 1),
            party_orgs::updated_at.eq(now),
        ))
        .execute(c)?;
    end_tenures(c, &[], &ended, day)?;

    let unit = |key: Key| match key {
        Key::Stored(id) => id,
        Key::New(n) => units[n],
    };
    // Created in order; a superior created later in the act is set once it exists.
    let mut created: Vec<PartyOrgId> = Vec::with_capacity(plan.creates.len());
    for state in &plan.creates {
        let next = fields(state, unit, |key| known(&created, key));
        created.push(insert(c, &next, day)?.id);
    }
    for (n, state) in plan.creates.iter().enumerate() {
        if let Some(OrgKey::New(m)) = state
            .parent
            .filter(|p| matches!(p, OrgKey::New(m) if *m >= n))
        {
            let parent = Some(created[m].get());
            diesel::update(party_orgs::table.find(created[n].get()))
                .set(party_orgs::parent_id.eq(parent))
                .execute(c)?;
            diesel::update(
                party_org_versions::table.filter(party_org_versions::org_id.eq(created[n].get())),
            )
            .set(party_org_versions::parent_id.eq(parent))
            .execute(c)?;
        }
    }
    for (changed, state) in &plan.changes {
        let next = fields(state, unit, |key| known(&created, key));
        close_versions(c, &[changed.get()], day)?;
        insert_version(c, *changed, &next, day, Some(id.get()))?;
        diesel::update(party_orgs::table.find(changed.get()))
            .set((
                party_orgs::name.eq(&next.name),
                party_orgs::parent_id.eq(next.parent_id.map(PartyOrgId::get)),
                party_orgs::unit_id.eq(next.unit_id.map(UnitId::get)),
                party_orgs::version.eq(party_orgs::version + 1),
                party_orgs::updated_at.eq(now),
            ))
            .execute(c)?;
    }
    Ok(created)
}

/// The organisation `key` names, once stored.
fn known(created: &[PartyOrgId], key: OrgKey) -> Option<PartyOrgId> {
    match key {
        OrgKey::Stored(id) => Some(id),
        OrgKey::New(n) => created.get(n).copied(),
    }
}

/// An organisation's state as fields, its keys resolved (a superior not stored yet: none).
fn fields(
    state: &OrgState,
    unit: impl Fn(Key) -> UnitId,
    org: impl Fn(OrgKey) -> Option<PartyOrgId>,
) -> PartyOrgFields {
    PartyOrgFields {
        name: state.name.clone(),
        kind: state.kind,
        parent_id: state.parent.and_then(org),
        unit_id: state.unit.map(unit),
    }
}

/// Ends on `day` the open versions of `orgs`.
fn close_versions(c: &mut Db, orgs: &[i64], day: NaiveDate) -> StoreResult<()> {
    diesel::update(
        party_org_versions::table
            .filter(party_org_versions::org_id.eq_any(orgs))
            .filter(party_org_versions::valid_to.is_null()),
    )
    .set(party_org_versions::valid_to.eq(day))
    .execute(c)?;
    Ok(())
}
