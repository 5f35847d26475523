//! Upper-level cadres assigned to attend a cell's meetings for a period (rule 26, the "3+1"
//! model): a writer of the cell's area assigns a person it may know of. Anyone reads the
//! assignments, which name a cadre by name and post only.

use dantin_domain::cadre::check_assignment;
use dantin_domain::{CadreAssignmentId, PersonId, Rule};
use dantin_persistence::audit::{self, Change};
use dantin_persistence::cadre_assignments as stored;
use dantin_persistence::{Db, Store, Window};

pub use dantin_persistence::cadre_assignments::{Assignment, AssignmentFilter, NewAssignment};

use crate::caller::Caller;
use crate::cell_meetings::cell_for;
use crate::error::{Record, Result};
use crate::lookup::{self, found, referenced};

/// Assigns a cadre to a cell of the caller's area from `span.starts_on` (the cell in force
/// that day) to `span.ends_on`.
pub fn assign(store: &Store, caller: &Caller, new: NewAssignment) -> Result<Assignment> {
    caller.write(store, |c| assign_in(c, caller, new))
}

pub(crate) fn assign_in(c: &mut Db, caller: &Caller, new: NewAssignment) -> Result<Assignment> {
    caller.require_writer()?;
    let cell = cell_for(c, caller, new.cell_id, new.span.starts_on)?;
    let person: PersonId = referenced(
        lookup::person(c, caller, new.person_id)?,
        Rule::CadreExists,
        "person",
        new.person_id,
    )?
    .id;
    check_assignment(new.span, &stored::spans(c, person, cell.id)?)?;
    let stored = stored::insert(c, &new)?;
    audit::append(
        c,
        caller.actor(),
        Change::created("cadre.assign", "cadre_assignment", stored.id.get(), &stored),
    )?;
    Ok(stored)
}

/// An assignment. Public.
pub fn get(store: &Store, id: CadreAssignmentId) -> Result<Assignment> {
    store.read(|c| found(stored::find(c, id)?, Record::CadreAssignment))
}

/// The assignments matching `filter`. Public.
pub fn list(store: &Store, filter: AssignmentFilter, window: Window) -> Result<Vec<Assignment>> {
    Ok(store.read(|c| stored::list(c, &filter, window))?)
}
