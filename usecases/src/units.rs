//! Units: read, list, create and change. Moving a unit is a reorganisation, not a change.

use chrono::NaiveDate;
use dantin_domain::unit::{self, ParentFacts, UnitKind, UnitLevel};
use dantin_domain::unit_kind;
use dantin_domain::validity::Validity;
use dantin_domain::{Rule, UnitId};
use dantin_persistence::audit::{self, Change};
use dantin_persistence::units::{self as stored, UnitFields};
use dantin_persistence::{Db, Store, Window};

pub use dantin_persistence::units::{Unit, UnitFilter};

use crate::caller::Caller;
use crate::clock::today;
use crate::error::Record;
use crate::error::{next_version, Result};
use crate::lookup::{found, referenced, unit_on};

#[derive(Debug, Clone)]
pub struct NewUnit {
    pub code: Option<String>,
    pub name: String,
    pub level: UnitLevel,
    /// Read from the name's leading words when absent (`unit_kind::kind_of`).
    pub kind: Option<UnitKind>,
    pub parent_id: Option<UnitId>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

/// A change to a unit; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct UnitPatch {
    pub code: Option<String>,
    pub name: Option<String>,
    pub kind: Option<UnitKind>,
    pub valid_from: Option<NaiveDate>,
    /// `Some(None)` reopens an ended unit.
    pub valid_to: Option<Option<NaiveDate>>,
}

/// A unit, public to read: as it was on `on`; without a day, as it is today, or, out of
/// force today, its last version (an ended unit stays readable by its id).
pub fn get(store: &Store, id: UnitId, on: Option<NaiveDate>) -> Result<Unit> {
    store.read(|c| match on {
        Some(day) => unit_on(c, id, day),
        None => match stored::find_on(c, id, today())? {
            Some(unit) => Ok(unit),
            None => found(stored::find(c, id)?, Record::Unit),
        },
    })
}

pub fn list(store: &Store, filter: &UnitFilter, window: Window) -> Result<Vec<Unit>> {
    Ok(store.read(|c| stored::list(c, filter, window))?)
}

/// The facts of a unit's parent that the unit rules need.
fn parent_facts(c: &mut Db, parent: Option<UnitId>) -> Result<Option<ParentFacts>> {
    let Some(id) = parent else { return Ok(None) };
    let parent = referenced(stored::find(c, id)?, Rule::UnitParentExists, "unit", id)?;
    Ok(Some(ParentFacts {
        level: parent.level,
        validity: parent.validity(),
    }))
}

/// Rule `unit_code_unique_on_date` against the stored units.
fn check_code_free(
    c: &mut Db,
    code: Option<&str>,
    validity: &Validity,
    except: Option<UnitId>,
) -> Result<()> {
    if let Some(code) = code {
        let others = stored::validities_with_code(c, code, except)?;
        unit::check_code_free(code, validity, &others)?;
    }
    Ok(())
}

/// Creates a unit under a parent in the caller's area; only an admin creates provinces.
pub fn create(store: &Store, caller: &Caller, new: NewUnit) -> Result<Unit> {
    caller.write(store, |c| create_in(c, caller, new))
}

pub(crate) fn create_in(c: &mut Db, caller: &Caller, new: NewUnit) -> Result<Unit> {
    caller.require_writer()?;
    match new.parent_id {
        Some(parent) => caller.require_unit(c, parent)?,
        None => caller.require_admin()?,
    }
    let validity = Validity::new(new.valid_from, new.valid_to)?;
    let parent = parent_facts(c, new.parent_id)?;
    let kind = unit_kind::kind_of(new.kind, &new.name)?;
    unit::check_unit(new.level, kind, &validity, parent.as_ref())?;
    check_code_free(c, new.code.as_deref(), &validity, None)?;
    let unit = stored::insert(
        c,
        &UnitFields {
            code: new.code,
            name: new.name,
            level: new.level,
            kind,
            parent_id: new.parent_id,
            validity,
        },
    )?;
    audit::append(
        c,
        caller.actor(),
        Change::created("unit.create", "unit", unit.id.get(), &unit),
    )?;
    Ok(unit)
}

/// Renames, re-codes, re-kinds or ends a unit in the caller's area.
pub fn update(
    store: &Store,
    caller: &Caller,
    id: UnitId,
    patch: UnitPatch,
    if_match: Option<i32>,
) -> Result<Unit> {
    caller.write(store, |c| {
        caller.require_writer()?;
        let before = found(stored::find(c, id)?, Record::Unit)?;
        caller.require_unit(c, id)?;
        let version = next_version(before.version, if_match)?;
        let next = UnitFields {
            code: patch.code.or_else(|| before.code.clone()),
            name: patch.name.unwrap_or_else(|| before.name.clone()),
            level: before.level,
            kind: patch.kind.unwrap_or(before.kind),
            parent_id: before.parent_id,
            validity: Validity::new(
                patch.valid_from.unwrap_or(before.valid_from),
                patch.valid_to.unwrap_or(before.valid_to),
            )?,
        };
        let parent = parent_facts(c, before.parent_id)?;
        unit::check_unit(next.level, next.kind, &next.validity, parent.as_ref())?;
        unit::check_children_within(&next.validity, &stored::children_validities(c, id)?)?;
        unit::check_history_within(&next.validity, &stored::held_there(c, id)?)?;
        unit::check_versions_kept(&next.validity, &stored::version_validities(c, id)?)?;
        check_code_free(c, next.code.as_deref(), &next.validity, Some(id))?;
        let after = stored::update(c, &before, &next, version)?;
        audit::append(
            c,
            caller.actor(),
            Change::changed("unit.update", "unit", id.get(), &before, &after),
        )?;
        Ok(after)
    })
}
