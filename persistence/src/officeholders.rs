//! Who holds which post on a day, for public lists: unit, post, person's name, dates,
//! term, and whether the unit's pair of posts is unified. Nothing personal beyond the name.

use std::collections::HashMap;

use chrono::NaiveDate;
use dantin_domain::appointment::Post;
use dantin_domain::pair::{PostPair, Subjects};
use dantin_domain::search::{fold, prefix_upper_bound};
use dantin_domain::unit::UnitLevel;
use dantin_domain::{
    AppointmentId, CongressId, HeadElectionId, PartyOrgId, PersonId, TermId, UnitId,
};
use diesel::prelude::*;

use crate::appointments::Appointment;
use crate::db::Db;
use crate::error::StoreResult;
use crate::in_force::in_force_on;
use crate::schema::{
    appointments, congresses, head_elections, party_orgs, person_search_keys, persons, terms, units,
};
use crate::scope::{in_list, sql, Scope};
use crate::unification;

#[derive(Debug, Clone, PartialEq)]
pub struct OfficeUnit {
    pub id: UnitId,
    pub code: Option<String>,
    pub name: String,
    pub level: UnitLevel,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Officeholder {
    /// The tenure's id: the list's order and cursor.
    pub id: AppointmentId,
    /// The unit of the post (for a Party post, its organisation's unit).
    pub unit: Option<OfficeUnit>,
    pub party_org_id: Option<PartyOrgId>,
    pub post: Post,
    pub person_id: PersonId,
    pub person_name: String,
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
    /// The term of the election or congress that grounds the tenure.
    pub term: Option<(TermId, String)>,
    /// Whether the unit's pair of posts is held by one person on the day; absent for
    /// posts outside a pair (deputies) and units of another level.
    pub unified: Option<bool>,
}

#[derive(Debug, Clone)]
pub struct OfficeholderFilter {
    /// Everything under this unit (the unit included), on the map of `map`.
    pub unit: Option<UnitId>,
    pub post: Option<Post>,
    pub on: NaiveDate,
    /// The day whose map cuts the subtree (the facts stay those of `on`).
    pub map: NaiveDate,
    pub unified: Option<bool>,
    /// Person name, without diacritics, from the start of any word.
    pub q: Option<String>,
}

/// Tenures read per statement while filling a page or a stream.
const BATCH: i64 = 500;

/// Up to `limit` officeholders after the tenure `after_id`, in tenure order.
pub fn page(
    c: &mut Db,
    f: &OfficeholderFilter,
    after_id: Option<i64>,
    limit: usize,
) -> StoreResult<Vec<Officeholder>> {
    // The units and organisations in scope as exact lists, so the planner drives the
    // tenure query from their indexes.
    let scope = match f.unit {
        Some(root) => {
            let units = Scope::SubtreeOn(root, f.map).resolved(c)?;
            let orgs = units.orgs(c, None)?;
            Some((units, orgs))
        }
        None => None,
    };
    let mut out = Vec::with_capacity(limit.min(BATCH as usize));
    let mut after = after_id.unwrap_or(0);
    while out.len() < limit {
        let batch = tenures(c, f, scope.as_ref(), after)?;
        let Some(last) = batch.last() else { break };
        after = last.id.get();
        let exhausted = (batch.len() as i64) < BATCH;
        for row in describe(c, f.on, batch)? {
            if f.unified.is_none() || row.unified == f.unified {
                out.push(row);
                if out.len() == limit {
                    break;
                }
            }
        }
        if exhausted {
            break;
        }
    }
    Ok(out)
}

fn tenures(
    c: &mut Db,
    f: &OfficeholderFilter,
    scope: Option<&(Scope, Vec<PartyOrgId>)>,
    after: i64,
) -> StoreResult<Vec<Appointment>> {
    let mut q = appointments::table
        .select(Appointment::as_select())
        .filter(appointments::id.gt(after))
        .filter(in_force_on(
            appointments::starts_on,
            appointments::ends_on,
            f.on,
        ))
        .order(appointments::id)
        .limit(BATCH)
        .into_boxed();
    if let Some((units, orgs)) = scope {
        q = q.filter(sql(format!(
            "({} OR {})",
            units.sql("appointments.unit_id"),
            in_list("appointments.party_org_id", orgs.iter().map(|o| o.get()))
        )));
    }
    if let Some(post) = f.post {
        q = q.filter(appointments::post.eq(post.as_str()));
    }
    if let Some(text) = f.q.as_deref().map(fold).filter(|t| !t.is_empty()) {
        let upper = prefix_upper_bound(&text);
        q = q.filter(
            appointments::person_id.eq_any(
                person_search_keys::table
                    .filter(person_search_keys::key.ge(text))
                    .filter(person_search_keys::key.lt(upper))
                    .select(person_search_keys::person_id),
            ),
        );
    }
    Ok(q.load(c)?)
}

/// Names, units, terms and unified flags for a batch of tenures, in a few statements.
fn describe(c: &mut Db, on: NaiveDate, batch: Vec<Appointment>) -> StoreResult<Vec<Officeholder>> {
    let org_ids: Vec<i64> = batch
        .iter()
        .filter_map(|a| a.party_org_id.map(PartyOrgId::get))
        .collect();
    let org_units: HashMap<PartyOrgId, Option<UnitId>> = party_orgs::table
        .filter(party_orgs::id.eq_any(&org_ids))
        .select((party_orgs::id, party_orgs::unit_id))
        .load::<(PartyOrgId, Option<UnitId>)>(c)?
        .into_iter()
        .collect();
    let unit_of = |a: &Appointment| {
        a.unit_id.or_else(|| {
            a.party_org_id
                .and_then(|o| org_units.get(&o).copied().flatten())
        })
    };
    let unit_ids: Vec<i64> = batch.iter().filter_map(unit_of).map(UnitId::get).collect();
    let units_by_id: HashMap<UnitId, OfficeUnit> = crate::units::as_of(on)
        .filter(units::id.eq_any(&unit_ids))
        .load::<crate::units::Unit>(c)?
        .into_iter()
        .map(
            |crate::units::Unit {
                 id,
                 code,
                 name,
                 level,
                 ..
             }| {
                (
                    id,
                    OfficeUnit {
                        id,
                        code,
                        name,
                        level,
                    },
                )
            },
        )
        .collect();
    let person_ids: Vec<i64> = batch.iter().map(|a| a.person_id.get()).collect();
    let names: HashMap<PersonId, String> = persons::table
        .filter(persons::id.eq_any(&person_ids))
        .select((persons::id, persons::full_name))
        .load::<(PersonId, String)>(c)?
        .into_iter()
        .collect();
    let election_ids: Vec<i64> = batch
        .iter()
        .filter_map(|a| a.head_election_id.map(HeadElectionId::get))
        .collect();
    let election_terms: HashMap<HeadElectionId, TermId> = head_elections::table
        .filter(head_elections::id.eq_any(&election_ids))
        .select((head_elections::id, head_elections::term_id))
        .load::<(HeadElectionId, TermId)>(c)?
        .into_iter()
        .collect();
    let congress_ids: Vec<i64> = batch
        .iter()
        .filter_map(|a| a.congress_id.map(CongressId::get))
        .collect();
    let congress_terms: HashMap<CongressId, TermId> = congresses::table
        .filter(congresses::id.eq_any(&congress_ids))
        .select((congresses::id, congresses::term_id))
        .load::<(CongressId, TermId)>(c)?
        .into_iter()
        .collect();
    let term_of = |a: &Appointment| {
        a.head_election_id
            .and_then(|e| election_terms.get(&e))
            .or_else(|| a.congress_id.and_then(|k| congress_terms.get(&k)))
            .copied()
    };
    let term_ids: Vec<i64> = batch.iter().filter_map(term_of).map(TermId::get).collect();
    let labels: HashMap<TermId, String> = terms::table
        .filter(terms::id.eq_any(&term_ids))
        .select((terms::id, terms::label))
        .load::<(TermId, String)>(c)?
        .into_iter()
        .collect();

    // The unified flag: the pair a tenure belongs to, and the subject it is measured on
    // (the unit; for the agency pair, the agency's cell).
    let pair_of = |a: &Appointment| {
        let village_cell = unit_of(a)
            .and_then(|u| units_by_id.get(&u))
            .is_some_and(|u| u.level == UnitLevel::Village);
        let pair = PostPair::of_post(a.post, village_cell)?;
        let subject = match pair.subjects() {
            Subjects::UnitsAt(_) => unit_of(a)?.get(),
            Subjects::AgencyCells => a.party_org_id?.get(),
        };
        Some((pair, subject))
    };
    let mut unified: HashMap<(PostPair, i64), bool> = HashMap::new();
    for pair in PostPair::ALL {
        // One batch computation per pair over the units the batch's tenures sit in.
        let seats: Vec<UnitId> = batch
            .iter()
            .filter(|a| pair_of(a).is_some_and(|(p, _)| p == *pair))
            .filter_map(unit_of)
            .collect();
        if seats.is_empty() {
            continue;
        }
        for s in unification::standings(c, *pair, &Scope::Units(seats), on)? {
            unified.insert((*pair, s.unit.id), s.status.unified);
        }
    }

    Ok(batch
        .into_iter()
        .map(|a| {
            let unit_id = unit_of(&a);
            let term = term_of(&a).and_then(|t| labels.get(&t).map(|l| (t, l.clone())));
            Officeholder {
                id: a.id,
                unit: unit_id.and_then(|u| units_by_id.get(&u).cloned()),
                party_org_id: a.party_org_id,
                post: a.post,
                person_id: a.person_id,
                person_name: names.get(&a.person_id).cloned().unwrap_or_default(),
                since: a.starts_on,
                until: a.ends_on,
                term,
                unified: pair_of(&a).and_then(|key| unified.get(&key).copied()),
            }
        })
        .collect())
}
