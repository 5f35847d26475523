//! Records a use case needs: missing ones answer 404 when they are what was asked for,
//! and the rule they break when a request refers to them. A private record outside the
//! caller's area is missing too, so that ids cannot be probed for what lies elsewhere.

use std::fmt::Display;

use chrono::NaiveDate;
use dantin_domain::{PartyOrgId, PersonId, Rule, RuleViolation, UnitId};
use dantin_persistence::party_orgs::{self, PartyOrg};
use dantin_persistence::persons::{self, Person};
use dantin_persistence::units::{self, Unit};
use dantin_persistence::Db;

use crate::caller::Caller;
use crate::error::Record;
use crate::error::{Error, Result};

/// The record asked for, or 404 naming its kind.
pub(crate) fn found<T>(record: Option<T>, what: Record) -> Result<T> {
    record.ok_or(Error::NotFound(what))
}

/// The unit as it was on `day`: 404, or `not_in_force` with its days when it exists but
/// was not in force then.
pub(crate) fn unit_on(c: &mut Db, id: UnitId, day: NaiveDate) -> Result<Unit> {
    match units::find_on(c, id, day)? {
        Some(unit) => Ok(unit),
        None => {
            let unit = found(units::find(c, id)?, Record::Unit)?;
            Err(Error::NotInForce {
                what: Record::Unit,
                day,
                life: unit.validity(),
            })
        }
    }
}

/// The record a request refers to, or `rule` broken: "no `what` has id `id`".
pub(crate) fn referenced<T>(
    record: Option<T>,
    rule: Rule,
    what: &str,
    id: impl Display,
) -> Result<T> {
    record.ok_or_else(|| RuleViolation::missing(rule, what, id).into())
}

/// The person, if they exist and the caller may know of them (an officer knows of those
/// living in its area): a person outside it is missing, as far as the caller can tell.
pub(crate) fn person(c: &mut Db, caller: &Caller, id: PersonId) -> Result<Option<Person>> {
    match persons::find(c, id)? {
        Some(p) if caller.sees(c, p.residence_unit_id)? => Ok(Some(p)),
        _ => Ok(None),
    }
}

/// The organisation, if it exists and the caller may know of it.
pub(crate) fn org(c: &mut Db, caller: &Caller, id: PartyOrgId) -> Result<Option<PartyOrg>> {
    match party_orgs::find(c, id)? {
        Some(o) if caller.sees_org(c, o.unit_id)? => Ok(Some(o)),
        _ => Ok(None),
    }
}
