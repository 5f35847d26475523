//! Importing tenures in bulk: a province's (or the country's) village heads and cell
//! secretaries in one transaction, all or nothing, every bad row named.
//!
//! Each row is held to every rule a single create holds a tenure to
//! (`appointments::create`), and a new holder to those of `persons::create`. The facts are
//! loaded set-wise (`dantin_persistence::appointment_import`), then the domain judges the
//! rows one by one in the file's order, each against what is stored and the rows before
//! it, as if they were created one after the other.

mod facts;
mod judge;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use dantin_domain::appointment::{Basis, Holder, Post};
use dantin_domain::person::{Gender, PartyStatus, StatusChange};
use dantin_domain::{AppointmentId, PartyOrgId, PersonId, RowViolation, UnitId};
use dantin_persistence::appointment_import::analyze;
use dantin_persistence::appointments::{self as stored, NewAppointment};
use dantin_persistence::audit::{self, Change};
use dantin_persistence::persons::{self, PersonFields};
use dantin_persistence::{Db, Store};
use serde::Serialize;

use crate::caller::Caller;
use crate::error::{Error, Result};
use facts::Facts;
use judge::{HolderKey, Judge};

/// A new person named by a row, with the fields `persons::create` takes; the residence by
/// its code on the day the tenure starts.
#[derive(Debug, Clone)]
pub struct NewHolder {
    pub full_name: String,
    pub gender: Gender,
    pub birth_date: NaiveDate,
    pub residence_unit_code: String,
    pub party_status: PartyStatus,
    pub party_status_since: Option<NaiveDate>,
    pub party_org_id: Option<PartyOrgId>,
    pub ethnicity: Option<String>,
    pub id_number: Option<String>,
    pub address: Option<String>,
}

/// One row of a bulk import: a tenure at the unit of `unit_code` on `starts_on`, or at
/// that unit's Party organisation for a Party post.
#[derive(Debug, Clone)]
pub struct ImportRow {
    /// The row's 0-based position in the input, which refusals name.
    pub index: usize,
    pub unit_code: String,
    pub post: Post,
    pub holder: Holder<PersonId, NewHolder>,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub basis: Basis,
    pub decision: String,
}

/// What an import created.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub created: usize,
    pub persons_created: usize,
    /// The tenures created, by post.
    pub by_post: BTreeMap<&'static str, usize>,
}

/// Creates every row's tenure (and every new holder once), or nothing: a refusal lists
/// every bad row, those in `unreadable` (rows that could not even be read) included.
/// Writers only; an officer's rows must lie in its area.
pub fn import(
    store: &Store,
    caller: &Caller,
    rows: &[ImportRow],
    unreadable: Vec<RowViolation>,
) -> Result<ImportSummary> {
    caller.write(store, |c| {
        caller.require_writer()?;
        import_in(c, caller, rows, unreadable)
    })
}

/// The import, inside the caller's transaction.
fn import_in(
    c: &mut Db,
    caller: &Caller,
    rows: &[ImportRow],
    unreadable: Vec<RowViolation>,
) -> Result<ImportSummary> {
    let facts = Facts::load(c, caller, rows)?;
    let mut judge = Judge::new(&facts);
    let mut errors = unreadable;
    for row in rows {
        for v in judge.row(row) {
            errors.push(RowViolation::new(row.index, v));
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.index);
        return Err(Error::Rows(errors));
    }
    store(c, caller, judge)
}

/// Stores what the rows planned, once every row passed: the new persons (with their party
/// status), then the tenures, and the import's audit event.
fn store(c: &mut Db, caller: &Caller, judge: Judge<'_, '_>) -> Result<ImportSummary> {
    let Judge {
        planned,
        new_persons,
        ..
    } = judge;
    let fields: Vec<PersonFields> = new_persons.iter().map(|(f, _)| f.clone()).collect();
    let person_ids = persons::insert_all(c, &fields)?;
    let changes: Vec<(PersonId, StatusChange)> = person_ids
        .iter()
        .zip(&new_persons)
        .map(|(id, (fields, since))| {
            let status = fields.party_status;
            (
                *id,
                StatusChange {
                    status,
                    since: *since,
                },
            )
        })
        .collect();
    persons::insert_status_changes(c, &changes)?;
    let tenures: Vec<NewAppointment> = planned
        .iter()
        .map(|p| NewAppointment {
            post: p.row.post,
            person_id: match p.holder {
                HolderKey::Recorded(id) => id,
                HolderKey::New(i) => person_ids[i],
            },
            seat: p.seat,
            validity: p.validity,
            basis: p.row.basis,
            decision: p.row.decision.clone(),
            source: None,
        })
        .collect();
    let tenure_ids = stored::insert_all(c, &tenures)?;
    let mut summary = ImportSummary {
        created: tenures.len(),
        persons_created: fields.len(),
        by_post: BTreeMap::new(),
    };
    for a in &tenures {
        *summary.by_post.entry(a.post.as_str()).or_default() += 1;
    }
    let imported = Imported {
        summary: &summary,
        persons: person_ids.iter().zip(&fields).map(person_tuple).collect(),
        appointments: tenure_ids.iter().zip(&tenures).map(tenure_tuple).collect(),
    };
    audit::append(
        c,
        caller.actor(),
        Change::<(), _> {
            action: "appointment.import",
            entity_type: "appointment",
            entity_id: None,
            before: None,
            after: Some(&imported),
        },
    )?;
    analyze(c, tenures.len() + fields.len())?;
    Ok(summary)
}

/// What the trail keeps of an import: its counts, and every record it created with all
/// its fields, compactly: each person as `[id, full_name, gender, birth_date,
/// residence_unit_id, party_status, party_org_id, ethnicity, id_number, address]`, each
/// tenure as `[id, post, person_id, unit_id, party_org_id, starts_on, ends_on, basis,
/// decision]`.
#[derive(Serialize)]
struct Imported<'a> {
    #[serde(flatten)]
    summary: &'a ImportSummary,
    persons: Vec<PersonTuple<'a>>,
    appointments: Vec<TenureTuple<'a>>,
}

type PersonTuple<'a> = (
    PersonId,
    &'a str,
    Gender,
    NaiveDate,
    UnitId,
    PartyStatus,
    Option<PartyOrgId>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
);

type TenureTuple<'a> = (
    AppointmentId,
    Post,
    PersonId,
    Option<UnitId>,
    Option<PartyOrgId>,
    NaiveDate,
    Option<NaiveDate>,
    Basis,
    &'a str,
);

fn person_tuple<'a>((id, p): (&PersonId, &'a PersonFields)) -> PersonTuple<'a> {
    (
        *id,
        p.full_name.as_str(),
        p.gender,
        p.birth_date,
        p.residence_unit_id,
        p.party_status,
        p.party_org_id,
        p.ethnicity.as_deref(),
        p.id_number.as_deref(),
        p.address.as_deref(),
    )
}

fn tenure_tuple<'a>((id, a): (&AppointmentId, &'a NewAppointment)) -> TenureTuple<'a> {
    let (unit_id, party_org_id) = a.seat.ids();
    (
        *id,
        a.post,
        a.person_id,
        unit_id,
        party_org_id,
        a.validity.from,
        a.validity.to,
        a.basis,
        a.decision.as_str(),
    )
}
