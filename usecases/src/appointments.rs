//! Tenures: who holds which post, from when to when. Elections and congresses start
//! tenures when their result is confirmed; interim heads, designated secretaries and
//! commune posts are entered here.

use chrono::NaiveDate;
use dantin_domain::appointment::{
    self, basis_allowed, one_holder_per_post, seat_fits, Basis, EndReason, Post, Seat, SeatKind,
};
use dantin_domain::check::{failures, Check};
use dantin_domain::eligibility::{self, Standing};
use dantin_domain::holiday::Holidays;
use dantin_domain::removal::{self, EndDecision};
use dantin_domain::validity::Validity;
use dantin_domain::{AppointmentId, PersonId, Rule};
use dantin_persistence::appointments::{self as stored, NewAppointment as Stored, Source};
use dantin_persistence::audit::{self, Change};
use dantin_persistence::end_decisions;
use dantin_persistence::persons::Person;
use dantin_persistence::{units, Db, Store, Window};

pub use dantin_persistence::appointments::{Appointment, AppointmentFilter};
pub use dantin_persistence::end_decisions::KeptDecision;

use crate::caller::Caller;
use crate::congresses::secretary_checks;
use crate::error::Error;
use crate::error::Record;
use crate::error::Result;
use crate::head_elections::head_checks;
use crate::holidays;
use crate::lookup::{self, referenced};

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

/// A tenure held in the caller's area; one elsewhere is missing to an officer.
fn visible(c: &mut Db, caller: &Caller, id: AppointmentId) -> Result<Appointment> {
    if let Some(a) = stored::find(c, id)? {
        let seen = match a.seat() {
            Seat::Unit(unit) => caller.sees(c, unit)?,
            Seat::PartyOrg(org) => lookup::org(c, caller, org)?.is_some(),
        };
        if seen {
            return Ok(a);
        }
    }
    Err(Error::NotFound(Record::Appointment))
}

/// A tenure, with the commune's decision that ended it when it was a village head's
/// resignation or removal (rule 10).
#[derive(Debug, Clone, PartialEq)]
pub struct TenureRecord {
    pub appointment: Appointment,
    pub end_decision: Option<KeptDecision>,
}

/// Each tenure with its end's decision. The decision is written with the end, in one
/// transaction; a view as known before the end (`as_known_at`) shows the tenure open, so
/// a decision goes only with a tenure that has ended.
fn with_decisions(c: &mut Db, tenures: Vec<Appointment>) -> Result<Vec<TenureRecord>> {
    let mut decisions = end_decisions::of(c, tenures.iter().map(|a| a.id))?;
    Ok(tenures
        .into_iter()
        .map(|appointment| TenureRecord {
            end_decision: decisions
                .remove(&appointment.id)
                .filter(|_| appointment.ends_on.is_some()),
            appointment,
        })
        .collect())
}

pub fn get(store: &Store, caller: &Caller, id: AppointmentId) -> Result<TenureRecord> {
    store.read(|c| {
        let a = visible(c, caller, id)?;
        Ok(with_decisions(c, vec![a])?.remove(0))
    })
}

/// The tenures matching `filter`, cut to the caller's area.
pub fn list(
    store: &Store,
    caller: &Caller,
    filter: AppointmentFilter,
    window: Window,
) -> Result<Vec<TenureRecord>> {
    let filter = AppointmentFilter {
        area: caller.area(),
        ..filter
    };
    store.read(|c| {
        let tenures = stored::list(c, &filter, window)?;
        with_decisions(c, tenures)
    })
}

/// What kind of seat it is; a seat that does not exist (or, for an organisation, that
/// the caller may not know of) breaks `appointment_seat`.
fn seat_kind(c: &mut Db, caller: &Caller, seat: Seat) -> Result<SeatKind> {
    Ok(match seat {
        Seat::Unit(u) => {
            SeatKind::Unit(referenced(units::find(c, u)?, Rule::AppointmentSeat, "unit", u)?.level)
        }
        Seat::PartyOrg(o) => SeatKind::PartyOrg(
            referenced(
                lookup::org(c, caller, o)?,
                Rule::AppointmentSeat,
                "party organisation",
                o,
            )?
            .kind,
        ),
    })
}

/// The checks an election would run for `person` standing for `post` at `seat` on `day`
/// (rules 7 and 11): a tenure entered by hand is held to them as an elected one is.
fn eligibility_checks(
    c: &mut Db,
    person: &Person,
    post: Post,
    seat: Seat,
    day: NaiveDate,
) -> Result<Vec<Check>> {
    Ok(match (eligibility::standing_for(post), seat) {
        (Ok(Standing::VillageHead), Seat::Unit(village)) => head_checks(c, person, village, day)?,
        (Ok(Standing::CellSecretary), Seat::PartyOrg(cell)) => {
            secretary_checks(c, person, cell, day)?
        }
        _ => Vec::new(),
    })
}

/// Records a tenure: the person exists, the post fits its seat and basis, a tenure entered
/// by hand (no `source`: an elected one passed these when it was elected) meets the rules
/// of eligibility, and nobody else holds the post on any of its days (a conflict).
pub(crate) fn start(
    c: &mut Db,
    caller: &Caller,
    new: NewAppointment,
    source: Option<Source>,
) -> Result<Appointment> {
    let validity = Validity::new(new.starts_on, new.ends_on)?;
    let person = referenced(
        lookup::person(c, caller, new.person_id)?,
        Rule::AppointmentPersonExists,
        "person",
        new.person_id,
    )?;
    seat_fits(new.post, seat_kind(c, caller, new.seat)?)?;
    basis_allowed(new.post, new.basis).into_result()?;
    if source.is_none() {
        let checks = eligibility_checks(c, &person, new.post, new.seat, new.starts_on)?;
        failures(&checks).into_result()?;
    }
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
    caller.write(store, |c| {
        caller.require_writer()?;
        if let Seat::Unit(unit) = new.seat {
            caller.require_unit(c, unit)?;
        }
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

/// Ends a tenure at a seat in the caller's area. Nothing is deleted. A village head's
/// resignation or removal carries the commune's decision (rule 10), kept beside the
/// tenure with a warning when it came after its 5 working days.
pub fn end(
    store: &Store,
    caller: &Caller,
    id: AppointmentId,
    (ends_on, reason): (NaiveDate, EndReason),
    decision: Option<EndDecision>,
) -> Result<TenureRecord> {
    caller.write(store, |c| {
        caller.require_writer()?;
        let before = visible(c, caller, id)?;
        let holidays = match &decision {
            Some(d) => holidays::after(c, d.asked_on)?,
            None => Holidays::default(),
        };
        let deadline =
            removal::judge((before.post, reason), ends_on, decision.as_ref(), &holidays)?;
        let appointment = end_in(c, caller, &before, ends_on, reason)?;
        let end_decision = match decision {
            Some(decision) => {
                let kept = KeptDecision {
                    decision,
                    warning: deadline.filter(|d| !d.passed).map(|d| d.detail),
                };
                end_decisions::insert(c, id, &kept)?;
                audit::append(
                    c,
                    caller.actor(),
                    Change::created("appointment.end_decision", "appointment", id.get(), &kept),
                )?;
                Some(kept)
            }
            None => None,
        };
        Ok(TenureRecord {
            appointment,
            end_decision,
        })
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
