//! Reorganisations (rule 22): one legal act applied to the map on one day, all or
//! nothing, judged on the map it leaves; and where a unit came from and went.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use dantin_domain::reorganization::{self, Operation};
use dantin_domain::unit::check_history_within;
use dantin_domain::validity::Validity;
use dantin_domain::{ReorganizationId, RowViolation, UnitId};
use dantin_persistence::audit::{self, Change};
use dantin_persistence::lineage::{self, Direction};
use dantin_persistence::reorganizations::{self as stored, NewReorganization};
use dantin_persistence::{units, Store, Window};
use serde::Serialize;

pub use dantin_persistence::lineage::Link;
pub use dantin_persistence::reorganizations::Reorganization;

use crate::caller::Caller;
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
    caller.write(store, |c| {
        let day = act.effective_on;
        let map = stored::versions_around(c, day)?;
        let plan = reorganization::plan(day, &map, &act.operations).map_err(Error::Rows)?;

        // Nothing held in an ended unit may fall on or after its end.
        let held = stored::held_from(c, &plan.ends, day)?;
        let ended_by: HashMap<UnitId, usize> = ended_by(&act.operations, &map, &plan.ends);
        let mut errors: Vec<RowViolation> = Vec::new();
        for (unit, held) in &held {
            let life = Validity {
                from: day.pred_opt().unwrap_or(day),
                to: Some(day),
            };
            if let Err(vs) = check_history_within(&life, held) {
                let index = ended_by.get(unit).copied().unwrap_or_default();
                errors.extend(vs.0.into_iter().map(|v| RowViolation::new(index, v)));
            }
        }
        if !errors.is_empty() {
            errors.sort_by_key(|e| e.index);
            return Err(Error::Rows(errors));
        }

        let names: HashMap<UnitId, &str> = map
            .iter()
            .filter(|v| v.version.contains(day.pred_opt().unwrap_or(day)))
            .map(|v| (v.id, v.name.as_str()))
            .collect();
        let renamed: Vec<UnitId> = plan
            .changes
            .iter()
            .filter(|(id, state)| names.get(id).is_some_and(|n| *n != state.name))
            .map(|(id, _)| *id)
            .collect();
        let new = NewReorganization {
            effective_on: day,
            basis: &act.basis,
            operations: &act.operations,
        };
        let (id, created) = stored::apply(c, &new, &plan, &renamed)?;
        let reorganization = found(stored::find(c, id)?, "reorganization")?;

        /// What the trail keeps of an act: its day, basis, counts, and the units it
        /// created, ended and changed by id.
        #[derive(Serialize)]
        struct Applied<'a> {
            effective_on: NaiveDate,
            basis: &'a str,
            created: &'a [UnitId],
            ended: &'a [UnitId],
            changed: Vec<UnitId>,
            successions: usize,
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
                    ended: &plan.ends,
                    changed: plan.changes.iter().map(|(id, _)| *id).collect(),
                    successions: plan.successions.len(),
                },
            ),
        )?;
        Ok(reorganization)
    })
}

/// The index of the operation that ends each ended unit.
fn ended_by(
    operations: &[Operation],
    map: &[dantin_domain::reorganization::StoredVersion],
    ends: &[UnitId],
) -> HashMap<UnitId, usize> {
    let codes: HashMap<&str, usize> = operations
        .iter()
        .enumerate()
        .filter_map(|(i, op)| match op {
            Operation::End { code } => Some((code.as_str(), i)),
            _ => None,
        })
        .collect();
    let ends: HashSet<&UnitId> = ends.iter().collect();
    map.iter()
        .filter(|v| ends.contains(&v.id))
        .filter_map(|v| Some((v.id, *codes.get(v.code.as_deref()?)?)))
        .collect()
}

pub fn get(store: &Store, id: ReorganizationId) -> Result<Reorganization> {
    store.read(|c| found(stored::find(c, id)?, "reorganization"))
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
        found(units::find(c, id)?, "unit")?;
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
        found(units::find(c, id)?, "unit")?;
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
