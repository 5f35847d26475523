//! Persons: private. Any signed-in role reads, an officer only the persons living in its
//! area (others answer 404: their existence is not the officer's to know).

use chrono::NaiveDate;
use dantin_domain::person::{check_person, status_on, Gender, PartyStatus, StatusChange};
use dantin_domain::{PartyOrgId, PersonId, Rule, UnitId};
use dantin_persistence::audit::{self, Change};
use dantin_persistence::persons as stored;
use dantin_persistence::{units, Db, Store, Window};

pub use dantin_persistence::persons::{Person, PersonFields, PersonFilter};

use crate::caller::Caller;
use crate::clock::today;
use crate::error::Record;
use crate::error::{next_version, Result};
use crate::lookup::{self, found, referenced};

/// A new person; `party_status_since` is the day their party status began (absent: it
/// holds all along, as far as the registry knows).
#[derive(Debug, Clone)]
pub struct NewPerson {
    pub fields: PersonFields,
    pub party_status_since: Option<NaiveDate>,
}

/// A change to a person; `None` leaves a field as it is, `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct PersonPatch {
    pub full_name: Option<String>,
    pub gender: Option<Gender>,
    pub birth_date: Option<NaiveDate>,
    pub residence_unit_id: Option<UnitId>,
    pub party_status: Option<PartyStatus>,
    /// The day the status given took effect: a change on that day (the person was
    /// admitted, or became official), kept beside the earlier statuses. Absent, a status
    /// given corrects the record: it holds all along.
    pub party_status_since: Option<NaiveDate>,
    pub party_org_id: Option<Option<PartyOrgId>>,
    pub ethnicity: Option<Option<String>>,
    pub id_number: Option<Option<String>>,
    pub address: Option<Option<String>>,
}

impl PersonPatch {
    fn apply(self, p: &Person) -> PersonFields {
        let mut next = PersonFields::from(p);
        next.full_name = self.full_name.unwrap_or(next.full_name);
        next.gender = self.gender.unwrap_or(next.gender);
        next.birth_date = self.birth_date.unwrap_or(next.birth_date);
        next.residence_unit_id = self.residence_unit_id.unwrap_or(next.residence_unit_id);
        next.party_status = self.party_status.unwrap_or(next.party_status);
        next.party_org_id = self.party_org_id.unwrap_or(next.party_org_id);
        next.ethnicity = self.ethnicity.unwrap_or(next.ethnicity);
        next.id_number = self.id_number.unwrap_or(next.id_number);
        next.address = self.address.unwrap_or(next.address);
        next
    }
}

/// The person, if the caller may know of them: 404 for one living outside an officer's
/// area, as for one who does not exist.
pub(crate) fn visible(c: &mut Db, caller: &Caller, id: PersonId) -> Result<Person> {
    found(lookup::person(c, caller, id)?, Record::Person)
}

/// The person; with `on`, the party status shown is the one of that day (rules 11 and 19
/// judge that one), else the latest.
pub fn get(store: &Store, caller: &Caller, id: PersonId, on: Option<NaiveDate>) -> Result<Person> {
    store.read(|c| {
        let mut person = visible(c, caller, id)?;
        if let Some(day) = on {
            let statuses = stored::statuses_on(c, [id], day)?;
            person.party_status = statuses.get(&id).copied().unwrap_or(PartyStatus::None);
        }
        Ok(person)
    })
}
/// The persons matching `filter`, cut to those living in the caller's area; with `on`,
/// each shows the party status of that day.
pub fn list(
    store: &Store,
    caller: &Caller,
    filter: PersonFilter,
    on: Option<NaiveDate>,
    window: Window,
) -> Result<Vec<Person>> {
    let filter = PersonFilter {
        area: caller.area(),
        ..filter
    };
    store.read(|c| {
        let mut persons = stored::list(c, &filter, window)?;
        if let Some(day) = on {
            let statuses = stored::statuses_on(c, persons.iter().map(|p| p.id), day)?;
            for p in &mut persons {
                p.party_status = statuses.get(&p.id).copied().unwrap_or(PartyStatus::None);
            }
        }
        Ok(persons)
    })
}

/// The references a person's record carries exist (the organisation, in the caller's
/// area), and the person rules hold.
fn check(c: &mut Db, caller: &Caller, p: &PersonFields) -> Result<()> {
    let residence = p.residence_unit_id;
    referenced(
        units::find(c, residence)?,
        Rule::PersonResidenceExists,
        "unit",
        residence,
    )?;
    if let Some(org) = p.party_org_id {
        referenced(
            lookup::org(c, caller, org)?,
            Rule::PersonPartyOrgExists,
            "party organisation",
            org,
        )?;
    }
    Ok(check_person(
        p.birth_date,
        p.party_status,
        p.party_org_id.is_some(),
        today(),
    )?)
}

/// Records a person living in the caller's area.
pub fn create(store: &Store, caller: &Caller, new: NewPerson) -> Result<Person> {
    caller.write(store, |c| create_in(c, caller, new))
}

pub(crate) fn create_in(c: &mut Db, caller: &Caller, new: NewPerson) -> Result<Person> {
    caller.require_writer()?;
    caller.require_unit(c, new.fields.residence_unit_id)?;
    check(c, caller, &new.fields)?;
    let person = stored::insert(c, &new.fields)?;
    let change = StatusChange {
        status: person.party_status,
        since: new.party_status_since,
    };
    stored::write_status_history(c, person.id, &[change])?;
    audit::append(
        c,
        caller.actor(),
        Change::created("person.create", "person", person.id.get(), &person),
    )?;
    Ok(person)
}

pub fn update(
    store: &Store,
    caller: &Caller,
    id: PersonId,
    patch: PersonPatch,
    if_match: Option<i32>,
) -> Result<Person> {
    caller.write(store, |c| {
        caller.require_writer()?;
        let before = visible(c, caller, id)?;
        if let Some(unit) = patch.residence_unit_id {
            caller.require_unit(c, unit)?;
        }
        let version = next_version(before.version, if_match)?;
        let since = patch.party_status_since;
        let status = patch.party_status;
        let mut next = patch.apply(&before);
        let history = match (status, since) {
            // A change on its day, beside the earlier ones; the record shows today's.
            (_, Some(day)) => {
                let mut history = stored::status_histories(c, [id])?
                    .remove(&id)
                    .unwrap_or_default();
                history.retain(|change| change.since != Some(day));
                history.push(StatusChange {
                    status: next.party_status,
                    since: Some(day),
                });
                next.party_status = status_on(&history, today());
                Some(history)
            }
            // A correction: the status given holds all along.
            (Some(status), None) => Some(vec![StatusChange {
                status,
                since: None,
            }]),
            _ => None,
        };
        check(c, caller, &next)?;
        let after = stored::update(c, &before, &next, version)?;
        if let Some(history) = history {
            stored::write_status_history(c, id, &history)?;
        }
        // The trail tells a change on its day from a correction of the record.
        let action = match since {
            Some(_) => "person.party_status_change",
            None => "person.update",
        };
        audit::append(
            c,
            caller.actor(),
            Change::changed(action, "person", id.get(), &before, &after),
        )?;
        Ok(after)
    })
}
