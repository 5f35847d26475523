//! Where a unit came from and where it went: the successions reorganisations recorded,
//! followed transitively in either direction.

use std::collections::{HashSet, VecDeque};

use chrono::NaiveDate;
use dantin_domain::{ReorganizationId, UnitId};
use diesel::prelude::*;

use crate::db::Db;
use crate::error::StoreResult;
use crate::schema::{reorganizations, unit_successions};

/// One succession: `successor` carries all (`whole`) or part of `predecessor`'s territory
/// from `effective_on`, by the act `reorganization_id` on `basis`.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct Link {
    pub predecessor: UnitId,
    pub successor: UnitId,
    pub whole: bool,
    pub reorganization_id: ReorganizationId,
    pub effective_on: NaiveDate,
    pub basis: String,
}

impl Link {
    /// The unit at the end of the link going `direction`.
    fn toward(&self, direction: Direction) -> UnitId {
        match direction {
            Direction::Back => self.predecessor,
            Direction::Forward => self.successor,
        }
    }
}

/// Which way to follow successions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Back,
    Forward,
}

/// The links of `ids` in `direction`: those that end in them going back, or start from
/// them going forward.
fn links_of(c: &mut Db, ids: &[i64], direction: Direction) -> StoreResult<Vec<Link>> {
    let columns = (
        unit_successions::predecessor_id,
        unit_successions::successor_id,
        unit_successions::whole,
        unit_successions::reorganization_id,
        reorganizations::effective_on,
        reorganizations::basis,
    );
    let q = unit_successions::table
        .inner_join(reorganizations::table)
        .select(columns)
        .order(unit_successions::id)
        .into_boxed();
    let q = match direction {
        Direction::Back => q.filter(unit_successions::successor_id.eq_any(ids)),
        Direction::Forward => q.filter(unit_successions::predecessor_id.eq_any(ids)),
    };
    Ok(q.load(c)?)
}

/// Every link reached from `unit` going `direction`, generation by generation.
pub fn follow(c: &mut Db, unit: UnitId, direction: Direction) -> StoreResult<Vec<Link>> {
    let mut seen: HashSet<UnitId> = HashSet::from([unit]);
    let mut frontier = vec![unit.get()];
    let mut out = Vec::new();
    // A unit's lineage is a few generations deep; the bound only guards corrupt data.
    for _ in 0..64 {
        if frontier.is_empty() {
            break;
        }
        let links = links_of(c, &frontier, direction)?;
        frontier.clear();
        for link in links {
            let next = link.toward(direction);
            if seen.insert(next) {
                frontier.push(next.get());
            }
            out.push(link);
        }
    }
    Ok(out)
}

/// The units that carry `unit`'s territory on `day`: `in_force(u)` tells whether a unit
/// is in force that day and whether that day is before its life (`Some(true)` when in
/// force, `Some(false)` when not yet, `None` when no longer). Later days follow
/// successors, earlier days predecessors.
pub fn carriers(
    c: &mut Db,
    unit: UnitId,
    mut in_force: impl FnMut(&mut Db, UnitId) -> StoreResult<Option<bool>>,
) -> StoreResult<Vec<UnitId>> {
    let mut found = Vec::new();
    let mut seen = HashSet::from([unit]);
    let mut queue = VecDeque::from([unit]);
    while let Some(at) = queue.pop_front() {
        let direction = match in_force(c, at)? {
            Some(true) => {
                found.push(at);
                continue;
            }
            Some(false) => Direction::Back,
            None => Direction::Forward,
        };
        for link in links_of(c, &[at.get()], direction)? {
            let next = link.toward(direction);
            if seen.insert(next) {
                queue.push_back(next);
            }
        }
    }
    found.sort();
    Ok(found)
}
