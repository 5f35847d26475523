//! Cell meetings (rules 24-25) and the upper-level cadres who attended them (rule 26): an
//! officer of the cell's area records each meeting from its minute.

use chrono::NaiveDate;
use dantin_domain::cell_meeting::{check_cell, check_meeting, Meeting};
use dantin_domain::{CellMeetingId, PartyOrgId, PersonId, Rule, RuleViolation, Violations};
use dantin_persistence::audit::{self, Change};
use dantin_persistence::cadre_assignments::{self, AssignmentFilter};
use dantin_persistence::cell_meetings as stored;
use dantin_persistence::party_orgs::{self, PartyOrg};
use dantin_persistence::{Db, Store, Window};

pub use dantin_persistence::cell_meetings::{CellMeetingFilter, CellMeetingRecord};

use crate::caller::Caller;
use crate::error::{Error, Record, Result};
use crate::lookup::{self, referenced};

/// The cell a meeting or an assignment names, in the caller's area and in force on `day`
/// (rules `cell_exists`, `is_a_cell`, `cell_in_force`).
pub(crate) fn cell_for(
    c: &mut Db,
    caller: &Caller,
    id: PartyOrgId,
    day: NaiveDate,
) -> Result<PartyOrg> {
    let cell = referenced(
        lookup::org(c, caller, id)?,
        Rule::CellExists,
        "party organisation",
        id,
    )?;
    check_cell(cell.kind)?;
    if party_orgs::find_on(c, id, day)?.is_none() {
        return Err(RuleViolation::new(
            Rule::CellInForce,
            format!("{} is not in force on {day}", cell.name),
        )
        .into());
    }
    Ok(cell)
}

/// Rule `cadre_exists`: each attending cadre is a person the caller may know of, or a
/// cadre assigned to this cell on the meeting's day (an upper level's cadre, whom the
/// assignment made known to the cell).
fn check_cadres(
    c: &mut Db,
    caller: &Caller,
    cell: PartyOrgId,
    day: NaiveDate,
    cadres: &[PersonId],
) -> Result<()> {
    let assigned: Vec<PersonId> = cadre_assignments::list(
        c,
        &AssignmentFilter {
            cell_id: Some(cell),
            on: Some(day),
            ..Default::default()
        },
        Window::ALL,
    )?
    .into_iter()
    .map(|a| a.person_id)
    .collect();
    let mut v = Violations::default();
    for &person in cadres {
        let known = assigned.contains(&person) || lookup::person(c, caller, person)?.is_some();
        v.check(known, Rule::CadreExists, || {
            format!("no person has id {person}")
        });
    }
    Ok(v.into_result()?)
}

#[derive(Debug, Clone)]
pub struct NewMeeting {
    pub cell_id: PartyOrgId,
    pub held_on: NaiveDate,
    pub meeting: Meeting,
}

/// Records a meeting of a cell in the caller's area, refusing an impossible minute with
/// every rule it breaks.
pub fn record(store: &Store, caller: &Caller, new: NewMeeting) -> Result<CellMeetingRecord> {
    caller.write(store, |c| record_in(c, caller, new))
}

pub(crate) fn record_in(c: &mut Db, caller: &Caller, new: NewMeeting) -> Result<CellMeetingRecord> {
    caller.require_writer()?;
    let cell = cell_for(c, caller, new.cell_id, new.held_on)?;
    check_meeting(&new.meeting)?;
    check_cadres(c, caller, cell.id, new.held_on, &new.meeting.cadres)?;
    let stored = stored::insert(c, cell.id, new.held_on, &new.meeting)?;
    audit::append(
        c,
        caller.actor(),
        Change::created(
            "cell_meeting.record",
            "cell_meeting",
            stored.id.get(),
            &stored,
        ),
    )?;
    Ok(stored)
}

pub fn get(store: &Store, caller: &Caller, id: CellMeetingId) -> Result<CellMeetingRecord> {
    store.read(|c| {
        if let Some(m) = stored::find(c, id)? {
            if lookup::org(c, caller, m.cell_id)?.is_some() {
                return Ok(m);
            }
        }
        Err(Error::NotFound(Record::CellMeeting))
    })
}

/// The meetings matching `filter`, cut to the caller's area.
pub fn list(
    store: &Store,
    caller: &Caller,
    filter: CellMeetingFilter,
    window: Window,
) -> Result<Vec<CellMeetingRecord>> {
    let filter = CellMeetingFilter {
        area: caller.area(),
        ..filter
    };
    Ok(store.read(|c| stored::list(c, &filter, window))?)
}
