//! Reorganisations (rule 22): one legal act applied to the map on one day, all or
//! nothing, judged on the map it leaves; and where a unit came from and went.

use chrono::NaiveDate;
use dantin_domain::party_org_plan;
use dantin_domain::reorganization::{self, Operation};
use dantin_domain::{PartyOrgId, ReorganizationId, UnitId};
use dantin_persistence::audit::{self, Change};
use dantin_persistence::lineage::{self, Direction};
use dantin_persistence::reorganizations::{self as stored, NewReorganization};
use dantin_persistence::{party_org_acts, units, Db, Store, Window};
use serde::Serialize;

pub use dantin_persistence::lineage::Link;
pub use dantin_persistence::reorganizations::Reorganization;

use crate::caller::Caller;
use crate::error::Record;
use crate::error::{Error, Result};
use crate::lookup::found;

/// An act as a caller sends it.
#[derive(Debug, Clone)]
pub struct Act {
    pub effective_on: NaiveDate,
    /// The legal act: "Nghị quyết 202/2025/QH15".
    pub basis: String,
    pub operations: Vec<Operation>,
}

/// Applies the act, or refuses it whole listing every bad operation by index. Admin only.
/// Tenures held in a unit that ends, end on the act's day (`unit_reorganized`); units
/// that only move keep theirs.
pub fn apply(store: &Store, caller: &Caller, act: Act) -> Result<Reorganization> {
    caller.require_admin()?;
    caller.write(store, |c| apply_in(c, caller, &act))
}

/// The act, applied inside the caller's transaction.
pub(crate) fn apply_in(c: &mut Db, caller: &Caller, act: &Act) -> Result<Reorganization> {
    let day = act.effective_on;
    let map = stored::versions_around(c, day)?;
    let plan = reorganization::plan(day, &map, &act.operations).map_err(Error::Rows)?;

    let ended = plan.ended();
    let held = stored::held_from(c, &ended, day)?;
    reorganization::check_nothing_held_after(&plan, day, &held).map_err(Error::Rows)?;
    let orgs = party_org_acts::open_before(c, day)?;
    let org_plan = party_org_plan::plan(&plan, &orgs, &act.operations).map_err(Error::Rows)?;
    let new = NewReorganization {
        effective_on: day,
        basis: &act.basis,
        operations: &act.operations,
    };
    let (id, created) = stored::apply(c, &new, &plan)?;
    let created_orgs = party_org_acts::apply(c, id, day, &org_plan, &created)?;
    let reorganization = found(stored::find(c, id)?, Record::Reorganization)?;

    /// What the trail keeps of an act: its day, basis, counts, and the units and
    /// organisations it created, ended and changed by id.
    #[derive(Serialize)]
    struct Applied<'a> {
        effective_on: NaiveDate,
        basis: &'a str,
        created: &'a [UnitId],
        ended: &'a [UnitId],
        changed: Vec<UnitId>,
        successions: usize,
        orgs_created: &'a [PartyOrgId],
        orgs_ended: &'a [PartyOrgId],
        orgs_changed: Vec<PartyOrgId>,
    }
    audit::append(
        c,
        caller.actor(),
        Change::created(
            "reorganization.apply",
            "reorganization",
            id.get(),
            &Applied {
                effective_on: day,
                basis: &act.basis,
                created: &created,
                ended: &ended,
                changed: plan.changes.iter().map(|(id, _)| *id).collect(),
                successions: plan.successions.len(),
                orgs_created: &created_orgs,
                orgs_ended: &org_plan.ends,
                orgs_changed: org_plan.changes.iter().map(|(id, _)| *id).collect(),
            },
        ),
    )?;
    Ok(reorganization)
}

pub fn get(store: &Store, id: ReorganizationId) -> Result<Reorganization> {
    store.read(|c| found(stored::find(c, id)?, Record::Reorganization))
}

pub fn list(store: &Store, window: Window) -> Result<Vec<Reorganization>> {
    Ok(store.read(|c| stored::list(c, window))?)
}

/// Where a unit came from and where it went, transitively.
#[derive(Debug, Clone)]
pub struct Lineage {
    pub predecessors: Vec<Link>,
    pub successors: Vec<Link>,
}

/// The unit's lineage. Public.
pub fn lineage(store: &Store, id: UnitId) -> Result<Lineage> {
    store.read(|c| {
        found(units::find(c, id)?, Record::Unit)?;
        Ok(Lineage {
            predecessors: lineage::follow(c, id, Direction::Back)?,
            successors: lineage::follow(c, id, Direction::Forward)?,
        })
    })
}

/// The units that carry the unit's territory on `day`: itself while in force, its
/// successors after, its predecessors before. Public.
pub fn carriers(store: &Store, id: UnitId, day: NaiveDate) -> Result<Vec<units::Unit>> {
    store.read(|c| {
        found(units::find(c, id)?, Record::Unit)?;
        let ids = lineage::carriers(c, id, |c, unit| {
            let life = units::find(c, unit)?.map(|u| u.validity());
            Ok(life.and_then(|l| {
                if l.contains(day) {
                    Some(true)
                } else if day < l.from {
                    Some(false)
                } else {
                    None
                }
            }))
        })?;
        let mut out = Vec::with_capacity(ids.len());
        for unit in ids {
            out.extend(units::find_on(c, unit, day)?);
        }
        Ok(out)
    })
}
