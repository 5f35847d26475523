//! Who holds the two posts of a pair in each unit of a scope on a day, and whether that
//! is one person (rules 19-21). One set of queries serves a single village and a whole
//! country alike: a fixed number of statements, whatever the scope's size.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use dantin_domain::appointment::{election_due_by, Basis, EndReason};
use dantin_domain::pair::{PostPair, Subjects};
use dantin_domain::person::PartyStatus;
use dantin_domain::rate::Counted;
use dantin_domain::unification::{unified_status, Holding, UnifiedStatus, VillageDay};
use dantin_domain::validity::Validity;
use dantin_domain::{CongressId, PartyOrgId, PersonId, UnitId};
use diesel::prelude::*;

use crate::db::Db;
use crate::error::StoreResult;
use crate::in_force::{in_force_on, in_force_sql};
use crate::schema::{
    appointments, congresses, head_elections, party_orgs, unit_successions, unit_versions, units,
};
use crate::scope::{in_list, sql, Scope};

/// A unit as reports name it: no personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRef {
    /// A unit's id, or for the agency pair its cell's.
    pub id: i64,
    pub code: Option<String>,
    pub name: String,
    pub parent_id: Option<UnitId>,
}

/// The standing of one unit (or, for the agency pair, one agency cell) on a day.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    /// What is measured: the unit, or for the agency pair the agency's cell (its id is
    /// then a Party organisation's, its parent the unit the agency sits in).
    pub unit: UnitRef,
    /// The unit the subject sits in, where reports count it.
    pub seat_unit_id: Option<UnitId>,
    /// The unit's Party organisation of the pair's kind (the village cell, the commune
    /// committee), if it has one.
    pub org_id: Option<PartyOrgId>,
    pub head_person_id: Option<PersonId>,
    /// The secretary in office, or elected and awaiting approval.
    pub secretary_person_id: Option<PersonId>,
    pub head_vacant_since: Option<NaiveDate>,
    pub secretary_vacant_since: Option<NaiveDate>,
    /// Under an interim head: the day an election is due by (rule 9).
    pub election_due_by: Option<NaiveDate>,
    /// False when nothing at all is recorded for the unit's posts up to the day: its
    /// standing is unknown, not "not unified".
    pub known: bool,
    pub status: UnifiedStatus,
}

impl Standing {
    /// What the standing adds to a report's counts (rule 21).
    pub fn counted(&self) -> Counted {
        Counted {
            has_org: self.org_id.is_some(),
            known: self.known,
            unified: self.status.unified,
            pending_approval: self.status.pending_approval,
        }
    }
}

/// A subject of a pair: what is measured, the unit it sits in, and its organisation.
type Subject = (UnitRef, Option<UnitId>, Option<PartyOrgId>);

/// SQL keeping the tenures (under a table alias) of the subjects' own posts.
type SeatSql = Box<dyn Fn(&str) -> String>;

/// What a congress decided, as far as standings need it.
#[derive(Queryable, Selectable)]
#[diesel(table_name = congresses)]
struct CongressResult {
    id: CongressId,
    cell_id: PartyOrgId,
    held_on: NaiveDate,
    winner_person_id: Option<PersonId>,
    approved_on: Option<NaiveDate>,
}

/// A tenure, as far as standings need it: a whole country's are loaded at once, so nothing
/// more.
#[derive(Queryable, Selectable)]
#[diesel(table_name = appointments)]
struct Tenure {
    person_id: PersonId,
    unit_id: Option<UnitId>,
    party_org_id: Option<PartyOrgId>,
    starts_on: NaiveDate,
    ends_on: Option<NaiveDate>,
    basis: Basis,
    end_reason: Option<EndReason>,
}

impl Tenure {
    fn validity(&self) -> Validity {
        Validity {
            from: self.starts_on,
            to: self.ends_on,
        }
    }
}

/// Whether the last tenure that had ended by `day` ended by removal.
fn last_ended_by_removal(tenures: &[&Tenure], day: NaiveDate) -> bool {
    tenures
        .iter()
        .filter(|a| a.ends_on.is_some_and(|e| e <= day))
        .max_by_key(|a| a.ends_on)
        .is_some_and(|a| a.end_reason == Some(EndReason::Removal))
}

/// When nobody holds the post on `day`: the end of the last tenure before it.
fn vacant_since(tenures: &[&Tenure], day: NaiveDate) -> Option<NaiveDate> {
    if tenures.iter().any(|a| a.validity().contains(day)) {
        return None;
    }
    tenures
        .iter()
        .filter_map(|a| a.ends_on)
        .filter(|e| *e <= day)
        .max()
}

/// The standings of every unit of the pair's level in force on `day` within `scope`.
pub fn standings(
    c: &mut Db,
    pair: PostPair,
    scope: &Scope,
    day: NaiveDate,
) -> StoreResult<Vec<Standing>> {
    // Each subject with its organisation, and the SQL that keeps the subjects' own posts.
    let (subjects, head_seat): (Vec<Subject>, SeatSql) = match pair.subjects() {
        Subjects::UnitsAt(level) => {
            // The names of the day, and nothing a report does not show.
            let units: Vec<(UnitId, Option<String>, String, Option<UnitId>)> = units::table
                .inner_join(unit_versions::table)
                .filter(in_force_on(
                    unit_versions::valid_from,
                    unit_versions::valid_to,
                    day,
                ))
                .filter(units::level.eq(level.as_str()))
                .filter(sql(scope.sql("units.id")))
                .select((
                    units::id,
                    unit_versions::code,
                    unit_versions::name,
                    unit_versions::parent_id,
                ))
                .order(units::id)
                .load(c)?;
            let orgs: Vec<(PartyOrgId, Option<UnitId>)> = party_orgs::table
                .filter(party_orgs::kind.eq(pair.org_kind().as_str()))
                .filter(sql(scope.sql("party_orgs.unit_id")))
                .filter(sql(orgs_in_force(day)))
                .select((party_orgs::id, party_orgs::unit_id))
                .order(party_orgs::id)
                .load(c)?;
            let mut org_of: HashMap<UnitId, PartyOrgId> = HashMap::new();
            for (org, unit) in orgs {
                if let Some(unit) = unit {
                    org_of.entry(unit).or_insert(org);
                }
            }
            let subjects = units
                .into_iter()
                .map(|(id, code, name, parent_id)| {
                    (
                        UnitRef {
                            id: id.get(),
                            code,
                            name,
                            parent_id,
                        },
                        Some(id),
                        org_of.get(&id).copied(),
                    )
                })
                .collect();
            let scope = scope.clone();
            (
                subjects,
                Box::new(move |alias: &str| scope.sql(&format!("{alias}.unit_id"))),
            )
        }
        Subjects::AgencyCells => {
            let cells: Vec<(PartyOrgId, String, Option<UnitId>)> = party_orgs::table
                    .filter(party_orgs::kind.eq(pair.org_kind().as_str()))
                    .filter(sql(scope.sql("party_orgs.unit_id")))
                    .filter(sql(orgs_in_force(day)))
                    .filter(sql(
                        "party_orgs.unit_id NOT IN (SELECT v.id FROM units v WHERE v.level = 'village')".to_owned(),
                    ))
                    .select((party_orgs::id, party_orgs::name, party_orgs::unit_id))
                    .order(party_orgs::id)
                    .load(c)?;
            let ids: Vec<i64> = cells.iter().map(|(id, ..)| id.get()).collect();
            let subjects = cells
                .into_iter()
                .map(|(id, name, unit)| {
                    (
                        UnitRef {
                            id: id.get(),
                            code: None,
                            name,
                            parent_id: unit,
                        },
                        unit,
                        Some(id),
                    )
                })
                .collect();
            (
                subjects,
                Box::new(move |alias: &str| {
                    in_list(&format!("{alias}.party_org_id"), ids.iter().copied())
                }),
            )
        }
    };
    let org_ids: Vec<i64> = subjects
        .iter()
        .filter_map(|(_, _, org)| org.map(PartyOrgId::get))
        .collect();
    let heads: Vec<Tenure> = appointments::table
        .select(Tenure::as_select())
        .filter(appointments::post.eq(pair.unit_post().as_str()))
        .filter(appointments::starts_on.le(day))
        .filter(sql(head_seat("appointments")))
        .load(c)?;
    let secretaries: Vec<Tenure> = appointments::table
        .select(Tenure::as_select())
        .filter(appointments::post.eq(pair.party_post().as_str()))
        .filter(appointments::starts_on.le(day))
        .filter(sql(in_list(
            "appointments.party_org_id",
            org_ids.iter().copied(),
        )))
        .load(c)?;
    // The heads' party status of the day, not today's (rule 19 on a past day).
    let party_status: HashMap<PersonId, PartyStatus> =
        crate::persons::statuses_on(c, heads.iter().map(|a| a.person_id), day)?;

    // Elections recorded for villages: what makes a village's standing known, and the
    // secretaries elected awaiting approval.
    let (elected_congresses, held_elections) = if pair == PostPair::Village {
        let won: Vec<CongressResult> = congresses::table
            .filter(congresses::held_on.le(day))
            .filter(sql(in_list("congresses.cell_id", org_ids.iter().copied())))
            .select(CongressResult::as_select())
            .load(c)?;
        let held: Vec<UnitId> = head_elections::table
            .filter(head_elections::held_on.le(day))
            .filter(sql(scope.sql("head_elections.village_id")))
            .select(head_elections::village_id)
            .load(c)?;
        (won, held.into_iter().collect::<HashSet<_>>())
    } else {
        (Vec::new(), HashSet::new())
    };
    // Villages that began as successors in a reorganisation: a known vacancy, not a gap.
    let successors: HashSet<i64> = if pair == PostPair::Village {
        unit_successions::table
            .filter(sql(in_list(
                "unit_successions.successor_id",
                subjects.iter().map(|(unit, ..)| unit.id),
            )))
            .select(unit_successions::successor_id)
            .load::<i64>(c)?
            .into_iter()
            .collect()
    } else {
        HashSet::new()
    };
    let mut congresses_of: HashMap<PartyOrgId, Vec<CongressResult>> = HashMap::new();
    for k in elected_congresses {
        congresses_of.entry(k.cell_id).or_default().push(k);
    }

    // A head's post sits in the subject: the unit, or the agency's cell.
    let mut heads_of: HashMap<i64, Vec<&Tenure>> = HashMap::new();
    for a in &heads {
        let subject = a
            .unit_id
            .map(UnitId::get)
            .or(a.party_org_id.map(PartyOrgId::get));
        if let Some(subject) = subject {
            heads_of.entry(subject).or_default().push(a);
        }
    }
    let mut secretaries_of: HashMap<PartyOrgId, Vec<&Tenure>> = HashMap::new();
    for a in &secretaries {
        if let Some(o) = a.party_org_id {
            secretaries_of.entry(o).or_default().push(a);
        }
    }

    let none = Vec::new();
    Ok(subjects
        .into_iter()
        .map(|(unit, seat_unit_id, org_id)| {
            let id = unit.id;
            let head_tenures = heads_of.get(&id).unwrap_or(&none);
            let secretary_tenures = org_id.and_then(|o| secretaries_of.get(&o)).unwrap_or(&none);
            let head = head_tenures.iter().find(|a| a.validity().contains(day));
            let secretary = match secretary_tenures
                .iter()
                .find(|a| a.validity().contains(day))
            {
                Some(a) => Some(Holding {
                    person_id: a.person_id,
                    basis: a.basis,
                    confirmed: true,
                }),
                // The latest elected congress up to the day, unless approved by then
                // (approval starts a tenure, found above).
                None => org_id
                    .and_then(|o| congresses_of.get(&o))
                    .and_then(|list| {
                        list.iter()
                            .filter(|k| k.winner_person_id.is_some())
                            .max_by_key(|k| (k.held_on, k.id))
                    })
                    .filter(|k| k.approved_on.is_none_or(|a| a > day))
                    .and_then(|k| k.winner_person_id)
                    .map(|person_id| Holding {
                        person_id,
                        basis: Basis::Election,
                        confirmed: false,
                    }),
            };
            let status = unified_status(&VillageDay {
                head: head.map(|a| Holding {
                    person_id: a.person_id,
                    basis: a.basis,
                    confirmed: true,
                }),
                head_party_status: head.and_then(|a| party_status.get(&a.person_id).copied()),
                last_head_removed: head.is_none() && last_ended_by_removal(head_tenures, day),
                vacant_since_reorganization: head_tenures.is_empty() && successors.contains(&id),
                secretary,
            });
            let known = !head_tenures.is_empty()
                || successors.contains(&id)
                || !secretary_tenures.is_empty()
                || seat_unit_id.is_some_and(|u| held_elections.contains(&u))
                || org_id.is_some_and(|o| congresses_of.contains_key(&o));
            Standing {
                unit,
                seat_unit_id,
                org_id,
                head_person_id: head.map(|a| a.person_id),
                secretary_person_id: secretary.map(|s| s.person_id),
                head_vacant_since: vacant_since(head_tenures, day),
                secretary_vacant_since: org_id.and(vacant_since(secretary_tenures, day)),
                election_due_by: head.filter(|h| h.basis == Basis::Interim).map(|interim| {
                    election_due_by(
                        interim.starts_on,
                        last_ended_by_removal(head_tenures, interim.starts_on),
                    )
                }),
                known,
                status,
            }
        })
        .collect())
}

/// SQL that keeps the organisations in force on `day`: a lookup of each organisation's
/// versions, so that a scope of a few thousand does not read every organisation's.
fn orgs_in_force(day: NaiveDate) -> String {
    format!(
        "EXISTS (SELECT 1 FROM party_org_versions v WHERE v.org_id = party_orgs.id AND {})",
        in_force_sql("v", day)
    )
}
