//! A village's unified status on a day (rules 19-20), from the tenures and congresses
//! stored.

use chrono::NaiveDate;
use dantin_domain::appointment::{election_due_by, Basis, EndReason, Post};
use dantin_domain::party_org::PartyOrgKind;
use dantin_domain::unification::{unified_status, Holding, UnifiedStatus, VillageDay};
use dantin_domain::unit::UnitLevel;
use dantin_domain::RuleViolation;
use diesel::prelude::*;

use crate::appointments::{self, Appointment, Seat};
use crate::db::Db;
use crate::error::StoreResult;
use crate::schema::party_orgs;
use crate::{congresses, persons, units};

/// The standing of a village and who holds its two posts on the day.
#[derive(Debug, Clone, PartialEq)]
pub struct VillageStatus {
    pub village_id: i64,
    pub on: NaiveDate,
    pub cell_id: Option<i64>,
    pub head_person_id: Option<i64>,
    pub secretary_person_id: Option<i64>,
    /// With no head on the day: since when the post has been empty (None if never held).
    pub head_vacant_since: Option<NaiveDate>,
    /// With no secretary in office on the day: since when the post has been empty.
    pub secretary_vacant_since: Option<NaiveDate>,
    /// With an interim head: the day by which an election is due (rule 9).
    pub election_due_by: Option<NaiveDate>,
    pub status: UnifiedStatus,
}

/// Whether the last tenure that had ended by `day` ended by removal.
fn last_ended_by_removal(tenures: &[Appointment], day: NaiveDate) -> bool {
    tenures
        .iter()
        .filter(|a| a.ends_on.is_some_and(|e| e <= day))
        .max_by_key(|a| a.ends_on)
        .is_some_and(|a| a.end_reason == Some(EndReason::Removal))
}

/// The day the post became empty, when nobody holds it on `day`: the end of the last
/// tenure before it.
fn vacant_since(tenures: &[Appointment], day: NaiveDate) -> Option<NaiveDate> {
    if tenures.iter().any(|a| a.validity().contains(day)) {
        return None;
    }
    tenures
        .iter()
        .filter_map(|a| a.ends_on)
        .filter(|e| *e <= day)
        .max()
}

/// The village's cell, if it has one.
pub fn cell_of(c: &mut Db, village_id: i64) -> StoreResult<Option<i64>> {
    Ok(party_orgs::table
        .filter(party_orgs::unit_id.eq(village_id))
        .filter(party_orgs::kind.eq(PartyOrgKind::Cell.as_str()))
        .select(party_orgs::id)
        .order(party_orgs::id)
        .first(c)
        .optional()?)
}

pub fn on(c: &mut Db, village_id: i64, day: NaiveDate) -> StoreResult<VillageStatus> {
    let village = units::get(c, village_id)?;
    if village.level != UnitLevel::Village {
        return Err(RuleViolation::new(
            "status_of_a_village",
            format!("unit {village_id} is a {}", village.level),
        )
        .into());
    }
    let head_tenures = appointments::tenures(c, Post::VillageHead, Seat::Unit(village_id))?;
    let head = head_tenures.iter().find(|a| a.validity().contains(day));
    let last_head_removed = head.is_none() && last_ended_by_removal(&head_tenures, day);
    let head_party_status = match head {
        Some(h) => Some(persons::get(c, h.person_id)?.party_status),
        None => None,
    };
    let election_due = head.filter(|h| h.basis == Basis::Interim).map(|interim| {
        election_due_by(
            interim.starts_on,
            last_ended_by_removal(&head_tenures, interim.starts_on),
        )
    });
    let cell_id = cell_of(c, village_id)?;
    let secretary_tenures = match cell_id {
        Some(cell) => appointments::tenures(c, Post::CellSecretary, Seat::PartyOrg(cell))?,
        None => Vec::new(),
    };
    let secretary = match secretary_tenures
        .iter()
        .find(|a| a.validity().contains(day))
    {
        Some(a) => Some(Holding {
            person_id: a.person_id,
            basis: a.basis,
            confirmed: true,
        }),
        None => match cell_id {
            Some(cell) => congresses::pending_on(c, cell, day)?.map(|person_id| Holding {
                person_id,
                basis: Basis::Election,
                confirmed: false,
            }),
            None => None,
        },
    };
    let status = unified_status(&VillageDay {
        head: head.map(|a| Holding {
            person_id: a.person_id,
            basis: a.basis,
            confirmed: true,
        }),
        head_party_status,
        last_head_removed,
        secretary,
    });
    Ok(VillageStatus {
        village_id,
        on: day,
        cell_id,
        head_person_id: head.map(|a| a.person_id),
        secretary_person_id: secretary.map(|s| s.person_id),
        head_vacant_since: vacant_since(&head_tenures, day),
        secretary_vacant_since: cell_id.and(vacant_since(&secretary_tenures, day)),
        election_due_by: election_due,
        status,
    })
}
