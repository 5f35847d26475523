//! Terms: a province's calendar of elections. Signed-in roles read; admins and the
//! officers of that province write. A term cannot change once created: elections refer
//! to it.

use dantin_domain::term::{check_label_free, check_term};
use dantin_domain::{Rule, TermId};
use dantin_persistence::audit::{self, Change};
use dantin_persistence::terms as stored;
use dantin_persistence::{units, Db, Store, Window};

pub use dantin_persistence::terms::{NewTerm, Term, TermFilter};

use crate::caller::Caller;
use crate::error::Record;
use crate::error::Result;
use crate::lookup::{found, referenced};

pub fn get(store: &Store, id: TermId) -> Result<Term> {
    store.read(|c| found(stored::find(c, id)?, Record::Term))
}

pub fn list(store: &Store, filter: &TermFilter, window: Window) -> Result<Vec<Term>> {
    Ok(store.read(|c| stored::list(c, filter, window))?)
}

pub fn create(store: &Store, caller: &Caller, new: NewTerm) -> Result<Term> {
    caller.write(store, |c| create_in(c, caller, new))
}

pub(crate) fn create_in(c: &mut Db, caller: &Caller, new: NewTerm) -> Result<Term> {
    caller.require_writer()?;
    caller.require_unit(c, new.scope_unit_id)?;
    let scope = referenced(
        units::find(c, new.scope_unit_id)?,
        Rule::TermScopeExists,
        "unit",
        new.scope_unit_id,
    )?;
    check_term(new.starts_on, new.ends_on, scope.level)?;
    let taken = stored::label_taken(c, scope.id, &new.label)?;
    check_label_free(taken, &scope.name, &new.label)?;
    let term = stored::insert(c, &new)?;
    audit::append(
        c,
        caller.actor(),
        Change::created("term.create", "term", term.id.get(), &term),
    )?;
    Ok(term)
}
