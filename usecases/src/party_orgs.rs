//! Party organisations: cells and committees. Signed-in roles read; admins write any,
//! officers those whose unit is in their area.

use chrono::NaiveDate;
use dantin_domain::party_org::{check_party_org, check_superior_above, PartyOrgKind};
use dantin_domain::unit::UnitLevel;
use dantin_domain::validity::Validity;
use dantin_domain::{PartyOrgId, Rule, UnitId};
use dantin_persistence::audit::{self, Change};
use dantin_persistence::party_orgs::{self as stored, PartyOrgFields};
use dantin_persistence::scope::ancestry;
use dantin_persistence::{units, Db, Store, Window};

pub use dantin_persistence::party_orgs::{PartyOrg, PartyOrgFilter};

use crate::caller::Caller;
use crate::clock::today;
use crate::error::Record;
use crate::error::{next_version, Error, Result};
use crate::lookup::{self, found, referenced};

#[derive(Debug, Clone)]
pub struct NewPartyOrg {
    pub name: String,
    pub kind: PartyOrgKind,
    pub parent_id: Option<PartyOrgId>,
    pub unit_id: Option<UnitId>,
    /// Its first day; `None`: its unit's first day, or today without a unit.
    pub valid_from: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default)]
pub struct PartyOrgPatch {
    pub name: Option<String>,
    pub parent_id: Option<Option<PartyOrgId>>,
    pub unit_id: Option<Option<UnitId>>,
}

/// An organisation the caller may see (404 for one outside an officer's area): as it was
/// on `on` (404 `not_in_force` outside its life); without a day, as it is today, or, out
/// of force today, its last version.
pub fn get(
    store: &Store,
    caller: &Caller,
    id: PartyOrgId,
    on: Option<NaiveDate>,
) -> Result<PartyOrg> {
    store.read(|c| {
        let latest = found(lookup::org(c, caller, id)?, Record::PartyOrg)?;
        match (on, stored::find_on(c, id, on.unwrap_or_else(today))?) {
            (_, Some(then)) => Ok(then),
            (None, None) => Ok(latest),
            (Some(day), None) => Err(Error::NotInForce {
                what: Record::PartyOrg,
                day,
                life: Validity {
                    from: latest.valid_from,
                    to: latest.valid_to,
                },
            }),
        }
    })
}

/// The organisations matching `filter`, cut to the caller's area.
pub fn list(
    store: &Store,
    caller: &Caller,
    filter: PartyOrgFilter,
    window: Window,
) -> Result<Vec<PartyOrg>> {
    let filter = PartyOrgFilter {
        area: caller.area(),
        ..filter
    };
    Ok(store.read(|c| stored::list(c, &filter, window))?)
}

/// Loads the facts the placement rules need and checks them (`check_party_org`); the
/// superior is one the caller may know of, of a unit above the organisation's own.
fn check_place(c: &mut Db, caller: &Caller, org: &PartyOrgFields) -> Result<()> {
    let parent = match org.parent_id {
        None => None,
        Some(id) => Some(referenced(
            lookup::org(c, caller, id)?,
            Rule::PartyOrgParentExists,
            "party organisation",
            id,
        )?),
    };
    if let (Some(parent), Some(unit)) = (&parent, org.unit_id) {
        check_superior_above(parent.unit_id, &ancestry(c, unit)?)?;
    }
    let parent_kind = parent.map(|p| p.kind);
    let unit_level: Option<UnitLevel> = match org.unit_id {
        None => None,
        Some(id) => {
            Some(referenced(units::find(c, id)?, Rule::PartyOrgUnitExists, "unit", id)?.level)
        }
    };
    Ok(check_party_org(org.kind, parent_kind, unit_level)?)
}

pub fn create(store: &Store, caller: &Caller, new: NewPartyOrg) -> Result<PartyOrg> {
    caller.write(store, |c| create_in(c, caller, new))
}

pub(crate) fn create_in(c: &mut Db, caller: &Caller, new: NewPartyOrg) -> Result<PartyOrg> {
    caller.require_writer()?;
    caller.require_org(c, new.unit_id)?;
    let fields = PartyOrgFields {
        name: new.name,
        kind: new.kind,
        parent_id: new.parent_id,
        unit_id: new.unit_id,
    };
    check_place(c, caller, &fields)?;
    let valid_from = match (new.valid_from, new.unit_id) {
        (Some(day), _) => day,
        (None, Some(unit)) => found(units::find(c, unit)?, Record::Unit)?.valid_from,
        (None, None) => today(),
    };
    let org = stored::insert(c, &fields, valid_from)?;
    audit::append(
        c,
        caller.actor(),
        Change::created("party_org.create", "party_org", org.id.get(), &org),
    )?;
    Ok(org)
}

pub fn update(
    store: &Store,
    caller: &Caller,
    id: PartyOrgId,
    patch: PartyOrgPatch,
    if_match: Option<i32>,
) -> Result<PartyOrg> {
    caller.write(store, |c| {
        caller.require_writer()?;
        let before = found(lookup::org(c, caller, id)?, Record::PartyOrg)?;
        if let Some(unit) = patch.unit_id {
            caller.require_org(c, unit)?;
        }
        let version = next_version(before.version, if_match)?;
        let next = PartyOrgFields {
            name: patch.name.unwrap_or_else(|| before.name.clone()),
            kind: before.kind,
            parent_id: patch.parent_id.unwrap_or(before.parent_id),
            unit_id: patch.unit_id.unwrap_or(before.unit_id),
        };
        check_place(c, caller, &next)?;
        let after = stored::update(c, id, &next, version)?;
        audit::append(
            c,
            caller.actor(),
            Change::changed("party_org.update", "party_org", id.get(), &before, &after),
        )?;
        Ok(after)
    })
}
