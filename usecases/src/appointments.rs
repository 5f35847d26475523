//! Tenures: who holds which post, from when to when. Elections and congresses start
//! tenures when their result is confirmed; interim heads, designated secretaries and
//! commune posts are entered here.

use chrono::NaiveDate;
use dantin_domain::appointment::{
    self, basis_allowed, one_holder_per_post, seat_fits, Basis, EndReason, Post, Seat, SeatKind,
};
use dantin_domain::validity::Validity;
use dantin_domain::{AppointmentId, PersonId, Rule};
use dantin_persistence::appointments::{self as stored, NewAppointment as Stored, Source};
use dantin_persistence::audit::{self, Change};
use dantin_persistence::{party_orgs, persons, units, Db, Store, Window};

pub use dantin_persistence::appointments::{Appointment, AppointmentFilter};

use crate::caller::Caller;
use crate::error::Result;
use crate::lookup::{found, referenced};

#[derive(Debug, Clone)]
pub struct NewAppointment {
    pub post: Post,
    pub person_id: PersonId,
    pub seat: Seat,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub basis: Basis,
    pub decision: String,
}

/// 403 unless the seat is in the caller's area (a seat that does not exist passes: the
/// write names the rule it breaks).
pub(crate) fn require_seat(c: &mut Db, caller: &Caller, seat: Seat) -> Result<()> {
    match seat {
        Seat::Unit(unit) => caller.require_unit(c, unit),
        Seat::PartyOrg(org) => match party_orgs::find(c, org)? {
            Some(o) => caller.require_org(c, o.unit_id),
            None => Ok(()),
        },
    }
}

pub fn get(store: &Store, caller: &Caller, id: AppointmentId) -> Result<Appointment> {
    store.read(|c| {
        let a = found(stored::find(c, id)?, "appointment")?;
        require_seat(c, caller, a.seat())?;
        Ok(a)
    })
}

/// The tenures matching `filter`, cut to the caller's area.
pub fn list(
    store: &Store,
    caller: &Caller,
    filter: AppointmentFilter,
    window: Window,
) -> Result<Vec<Appointment>> {
    let filter = AppointmentFilter {
        area: caller.area(),
        ..filter
    };
    Ok(store.read(|c| stored::list(c, &filter, window))?)
}

/// What kind of seat it is; a seat that does not exist breaks `appointment_seat`.
fn seat_kind(c: &mut Db, seat: Seat) -> Result<SeatKind> {
    Ok(match seat {
        Seat::Unit(u) => {
            SeatKind::Unit(referenced(units::find(c, u)?, Rule::AppointmentSeat, "unit", u)?.level)
        }
        Seat::PartyOrg(o) => SeatKind::PartyOrg(
            referenced(
                party_orgs::find(c, o)?,
                Rule::AppointmentSeat,
                "party organisation",
                o,
            )?
            .kind,
        ),
    })
}

/// Records a tenure: the person exists, the post fits its seat and basis, and nobody else
/// holds the post on any of its days (a conflict).
pub(crate) fn start(
    c: &mut Db,
    caller: &Caller,
    new: NewAppointment,
    source: Option<Source>,
) -> Result<Appointment> {
    let validity = Validity::new(new.starts_on, new.ends_on)?;
    referenced(
        persons::find(c, new.person_id)?,
        Rule::AppointmentPersonExists,
        "person",
        new.person_id,
    )?;
    seat_fits(new.post, seat_kind(c, new.seat)?)?;
    basis_allowed(new.post, new.basis).into_result()?;
    let others: Vec<Validity> = stored::tenures(c, new.post, new.seat)?
        .iter()
        .map(Appointment::validity)
        .collect();
    one_holder_per_post(&validity, &others).into_result()?;
    let a = stored::insert(
        c,
        &Stored {
            post: new.post,
            person_id: new.person_id,
            seat: new.seat,
            validity,
            basis: new.basis,
            decision: new.decision,
            source,
        },
    )?;
    audit::append(
        c,
        caller.actor(),
        Change::created("appointment.create", "appointment", a.id.get(), &a),
    )?;
    Ok(a)
}

/// Records a tenure that no election here created, at a seat in the caller's area.
pub fn create(store: &Store, caller: &Caller, new: NewAppointment) -> Result<Appointment> {
    store.write(|c| {
        caller.require_writer()?;
        require_seat(c, caller, new.seat)?;
        start(c, caller, new, None)
    })
}

/// Ends a tenure on `ends_on` (the first day no longer held) for `reason`.
pub(crate) fn end_in(
    c: &mut Db,
    caller: &Caller,
    before: &Appointment,
    ends_on: NaiveDate,
    reason: EndReason,
) -> Result<Appointment> {
    appointment::end(&before.validity(), ends_on)?;
    let after = stored::set_end(c, before, ends_on, reason)?;
    audit::append(
        c,
        caller.actor(),
        Change::changed(
            "appointment.end",
            "appointment",
            before.id.get(),
            before,
            &after,
        ),
    )?;
    Ok(after)
}

/// Ends a tenure at a seat in the caller's area. Nothing is deleted.
pub fn end(
    store: &Store,
    caller: &Caller,
    id: AppointmentId,
    ends_on: NaiveDate,
    reason: EndReason,
) -> Result<Appointment> {
    store.write(|c| {
        caller.require_writer()?;
        let before = found(stored::find(c, id)?, "appointment")?;
        require_seat(c, caller, before.seat())?;
        end_in(c, caller, &before, ends_on, reason)
    })
}

/// Ends every tenure of the post that a successor from `day` replaces (the term's end),
/// so that the successor becomes the one holder.
pub(crate) fn make_way(
    c: &mut Db,
    caller: &Caller,
    post: Post,
    seat: Seat,
    day: NaiveDate,
) -> Result<()> {
    for a in stored::tenures(c, post, seat)? {
        if appointment::gives_way_to_successor(&a.validity(), day) {
            end_in(c, caller, &a, day, EndReason::TermEnd)?;
        }
    }
    Ok(())
}
