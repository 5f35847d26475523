//! Tenures as stored: who holds which post, from when to when. Nothing is deleted: a
//! tenure ends with a date and a reason.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use dantin_domain::appointment::{Basis, EndReason, Post, Seat};
use dantin_domain::validity::Validity;
use dantin_domain::{AppointmentId, CongressId, HeadElectionId, PartyOrgId, PersonId, UnitId};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::{on_backend, Db};
use crate::error::{StoreError, StoreResult};
use crate::in_force::in_force_on;
use crate::schema::appointments;
use crate::scope::{sql, Scope};
use crate::version;
use crate::window::Window;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Serialize)]
#[diesel(table_name = appointments)]
pub struct Appointment {
    pub id: AppointmentId,
    pub post: Post,
    pub person_id: PersonId,
    pub unit_id: Option<UnitId>,
    pub party_org_id: Option<PartyOrgId>,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub basis: Basis,
    pub decision: String,
    pub head_election_id: Option<HeadElectionId>,
    pub congress_id: Option<CongressId>,
    pub end_reason: Option<EndReason>,
    pub version: i32,
    pub created_at: NaiveDateTime,
}

impl Appointment {
    pub fn validity(&self) -> Validity {
        Validity {
            from: self.starts_on,
            to: self.ends_on,
        }
    }

    /// Where the post is held (the database keeps exactly one of the two columns).
    pub fn seat(&self) -> Seat {
        match (self.unit_id, self.party_org_id) {
            (Some(u), _) => Seat::Unit(u),
            (None, o) => Seat::PartyOrg(o.unwrap_or(PartyOrgId(0))),
        }
    }
}

/// What grounds a tenure that an election here created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    HeadElection(HeadElectionId),
    Congress(CongressId),
}

#[derive(Debug, Clone)]
pub struct NewAppointment {
    pub post: Post,
    pub person_id: PersonId,
    pub seat: Seat,
    pub validity: Validity,
    pub basis: Basis,
    pub decision: String,
    pub source: Option<Source>,
}

#[derive(Debug, Clone, Default)]
pub struct AppointmentFilter {
    pub unit_id: Option<UnitId>,
    pub party_org_id: Option<PartyOrgId>,
    pub person_id: Option<PersonId>,
    pub post: Option<Post>,
    pub on: Option<NaiveDate>,
    /// An officer's area: only the tenures held under it.
    pub area: Option<UnitId>,
}

pub fn find(c: &mut Db, id: AppointmentId) -> StoreResult<Option<Appointment>> {
    Ok(appointments::table
        .find(id.get())
        .select(Appointment::as_select())
        .first(c)
        .optional()?)
}

pub fn list(c: &mut Db, f: &AppointmentFilter, w: Window) -> StoreResult<Vec<Appointment>> {
    let mut q = appointments::table
        .select(Appointment::as_select())
        .filter(appointments::id.gt(w.after_id()))
        .order(appointments::id)
        .limit(w.limit)
        .into_boxed();
    if let Some(u) = f.unit_id {
        q = q.filter(appointments::unit_id.eq(u.get()));
    }
    if let Some(o) = f.party_org_id {
        q = q.filter(appointments::party_org_id.eq(o.get()));
    }
    if let Some(p) = f.person_id {
        q = q.filter(appointments::person_id.eq(p.get()));
    }
    if let Some(p) = f.post {
        q = q.filter(appointments::post.eq(p.as_str()));
    }
    if let Some(on) = f.on {
        q = q.filter(in_force_on(
            appointments::starts_on,
            appointments::ends_on,
            on,
        ));
    }
    if let Some(root) = f.area {
        q = q.filter(sql(Scope::Subtree(root).seats_sql("appointments")));
    }
    Ok(q.load(c)?)
}

/// Every tenure of `post` at `seat`, oldest first.
pub fn tenures(c: &mut Db, post: Post, seat: Seat) -> StoreResult<Vec<Appointment>> {
    let mut q = appointments::table
        .select(Appointment::as_select())
        .filter(appointments::post.eq(post.as_str()))
        .order(appointments::starts_on)
        .into_boxed();
    q = match seat {
        Seat::Unit(u) => q.filter(appointments::unit_id.eq(u.get())),
        Seat::PartyOrg(o) => q.filter(appointments::party_org_id.eq(o.get())),
    };
    Ok(q.load(c)?)
}

/// The village other than `except` that the person heads on `day`, if any.
pub fn heads_elsewhere(
    c: &mut Db,
    person: PersonId,
    except: UnitId,
    day: NaiveDate,
) -> StoreResult<Option<UnitId>> {
    Ok(appointments::table
        .filter(appointments::person_id.eq(person.get()))
        .filter(appointments::post.eq(Post::VillageHead.as_str()))
        .filter(appointments::unit_id.ne(except.get()))
        .filter(in_force_on(
            appointments::starts_on,
            appointments::ends_on,
            day,
        ))
        .select(appointments::unit_id)
        .first::<Option<UnitId>>(c)
        .optional()?
        .flatten())
}

pub fn insert(c: &mut Db, new: &NewAppointment) -> StoreResult<Appointment> {
    let id = insert_all(c, std::slice::from_ref(new))?.pop();
    id.map(|id| find(c, id))
        .transpose()?
        .flatten()
        .ok_or_else(|| StoreError::Corrupt("an inserted tenure is missing".to_owned()))
}

/// Rows per INSERT: well under SQLite's 32,766 bound parameters and PostgreSQL's 65,535.
const INSERT_CHUNK: usize = 1_000;

/// What tells a tenure among those of one insert: its post, seat and first day.
type Key = (String, Option<i64>, Option<i64>, NaiveDate);

/// Stores every tenure, in chunked multi-row inserts; their ids, in the order of `new`.
/// No two of them share post, seat and first day (one holder per post sees to it).
pub fn insert_all(c: &mut Db, new: &[NewAppointment]) -> StoreResult<Vec<AppointmentId>> {
    let now = version::now();
    // RETURNING's order is not promised (SQLite says so): the rows are told by post, seat
    // and first day.
    let row_of: HashMap<Key, usize> = new
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let (unit, org) = a.seat.ids();
            let key = (
                a.post.as_str().to_owned(),
                unit.map(UnitId::get),
                org.map(PartyOrgId::get),
                a.validity.from,
            );
            (key, i)
        })
        .collect();
    let mut ids: Vec<Option<AppointmentId>> = vec![None; new.len()];
    for chunk in new.chunks(INSERT_CHUNK) {
        let values: Vec<_> = chunk
            .iter()
            .map(|a| {
                let (unit_id, party_org_id) = a.seat.ids();
                let (head_election_id, congress_id) = match a.source {
                    Some(Source::HeadElection(e)) => (Some(e.get()), None),
                    Some(Source::Congress(k)) => (None, Some(k.get())),
                    None => (None, None),
                };
                (
                    appointments::post.eq(a.post.as_str()),
                    appointments::person_id.eq(a.person_id.get()),
                    appointments::unit_id.eq(unit_id.map(UnitId::get)),
                    appointments::party_org_id.eq(party_org_id.map(PartyOrgId::get)),
                    appointments::starts_on.eq(a.validity.from),
                    appointments::ends_on.eq(a.validity.to),
                    appointments::basis.eq(a.basis.as_str()),
                    appointments::decision.eq(&a.decision),
                    appointments::head_election_id.eq(head_election_id),
                    appointments::congress_id.eq(congress_id),
                    appointments::version.eq(1),
                    appointments::created_at.eq(now),
                )
            })
            .collect();
        // The backend's own connection, which multi-row inserts need, reads plain values.
        let returned: Vec<(i64, Key)> =
            on_backend!(c, |c| diesel::insert_into(appointments::table)
                .values(&values)
                .returning((
                    appointments::id,
                    (
                        appointments::post,
                        appointments::unit_id,
                        appointments::party_org_id,
                        appointments::starts_on,
                    ),
                ))
                .get_results(c))?;
        for (id, key) in returned {
            let row = row_of.get(&key).copied().ok_or_else(|| {
                StoreError::Corrupt("an inserted tenure came back changed".to_owned())
            })?;
            ids[row] = Some(AppointmentId(id));
        }
    }
    ids.into_iter()
        .collect::<Option<_>>()
        .ok_or_else(|| StoreError::Corrupt("an insert returned fewer rows".to_owned()))
}

/// Ends the tenure on `ends_on` (the first day no longer held) for `reason`.
pub fn set_end(
    c: &mut Db,
    before: &Appointment,
    ends_on: NaiveDate,
    reason: EndReason,
) -> StoreResult<Appointment> {
    Ok(diesel::update(appointments::table.find(before.id.get()))
        .set((
            appointments::ends_on.eq(ends_on),
            appointments::end_reason.eq(reason.as_str()),
            appointments::version.eq(before.version + 1),
        ))
        .returning(appointments::all_columns)
        .get_result(c)?)
}
