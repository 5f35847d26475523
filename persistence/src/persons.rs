//! Persons as stored. Their date of birth, ethnicity, ID number and address are personal
//! data: this module stores them, the API decides who sees them.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use dantin_domain::person::{status_on, Gender, PartyStatus, StatusChange};
use dantin_domain::search::search_keys;
use dantin_domain::{PartyOrgId, PersonId, UnitId};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::{on_backend, Db};
use crate::error::StoreResult;
use crate::schema::{party_status_changes, person_search_keys, persons};
use crate::scope::{sql, Scope};
use crate::version;
use crate::window::Window;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Serialize)]
#[diesel(table_name = persons)]
pub struct Person {
    pub id: PersonId,
    pub full_name: String,
    pub gender: Gender,
    pub birth_date: NaiveDate,
    pub residence_unit_id: UnitId,
    pub party_status: PartyStatus,
    pub party_org_id: Option<PartyOrgId>,
    pub ethnicity: Option<String>,
    pub id_number: Option<String>,
    pub address: Option<String>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A person's fields as written.
#[derive(Debug, Clone)]
pub struct PersonFields {
    pub full_name: String,
    pub gender: Gender,
    pub birth_date: NaiveDate,
    pub residence_unit_id: UnitId,
    pub party_status: PartyStatus,
    pub party_org_id: Option<PartyOrgId>,
    pub ethnicity: Option<String>,
    pub id_number: Option<String>,
    pub address: Option<String>,
}

impl From<&Person> for PersonFields {
    fn from(p: &Person) -> Self {
        Self {
            full_name: p.full_name.clone(),
            gender: p.gender,
            birth_date: p.birth_date,
            residence_unit_id: p.residence_unit_id,
            party_status: p.party_status,
            party_org_id: p.party_org_id,
            ethnicity: p.ethnicity.clone(),
            id_number: p.id_number.clone(),
            address: p.address.clone(),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct PersonFilter {
    /// Persons living in this unit or anywhere under it.
    pub within_unit: Option<UnitId>,
    pub party_status: Option<PartyStatus>,
    pub party_org_id: Option<PartyOrgId>,
    /// An officer's area: only the persons living under it.
    pub area: Option<UnitId>,
}

pub fn find(c: &mut Db, id: PersonId) -> StoreResult<Option<Person>> {
    Ok(persons::table
        .find(id.get())
        .select(Person::as_select())
        .first(c)
        .optional()?)
}

pub fn list(c: &mut Db, f: &PersonFilter, w: Window) -> StoreResult<Vec<Person>> {
    let mut q = persons::table
        .select(Person::as_select())
        .filter(persons::id.gt(w.after_id()))
        .order(persons::id)
        .limit(w.limit)
        .into_boxed();
    for root in [f.within_unit, f.area].into_iter().flatten() {
        q = q.filter(sql(Scope::Subtree(root).sql("persons.residence_unit_id")));
    }
    if let Some(s) = f.party_status {
        q = q.filter(persons::party_status.eq(s.as_str()));
    }
    if let Some(o) = f.party_org_id {
        q = q.filter(persons::party_org_id.eq(o.get()));
    }
    Ok(q.load(c)?)
}

/// Replaces the person's name search keys (see `dantin_domain::search`).
fn write_search_keys(c: &mut Db, person_id: PersonId, name: &str) -> StoreResult<()> {
    diesel::delete(
        person_search_keys::table.filter(person_search_keys::person_id.eq(person_id.get())),
    )
    .execute(c)?;
    let rows: Vec<_> = search_keys(name)
        .into_iter()
        .map(|k| {
            (
                person_search_keys::key.eq(k),
                person_search_keys::person_id.eq(person_id.get()),
            )
        })
        .collect();
    on_backend!(c, |c| diesel::insert_into(person_search_keys::table)
        .values(&rows)
        .execute(c))?;
    Ok(())
}

/// Gives search keys to the persons stored before names were searchable; run at start.
pub fn backfill_search_keys(c: &mut Db) -> StoreResult<usize> {
    let missing: Vec<(PersonId, String)> = persons::table
        .filter(diesel::dsl::not(persons::id.eq_any(
            person_search_keys::table.select(person_search_keys::person_id),
        )))
        .select((persons::id, persons::full_name))
        .load(c)?;
    for (id, name) in &missing {
        write_search_keys(c, *id, name)?;
    }
    Ok(missing.len())
}

pub fn insert(c: &mut Db, new: &PersonFields) -> StoreResult<Person> {
    let now = version::now();
    let person: Person = diesel::insert_into(persons::table)
        .values((
            persons::full_name.eq(&new.full_name),
            persons::gender.eq(new.gender.as_str()),
            persons::birth_date.eq(new.birth_date),
            persons::residence_unit_id.eq(new.residence_unit_id.get()),
            persons::party_status.eq(new.party_status.as_str()),
            persons::party_org_id.eq(new.party_org_id.map(PartyOrgId::get)),
            persons::ethnicity.eq(&new.ethnicity),
            persons::id_number.eq(&new.id_number),
            persons::address.eq(&new.address),
            persons::version.eq(1),
            persons::created_at.eq(now),
            persons::updated_at.eq(now),
        ))
        .returning(persons::all_columns)
        .get_result(c)?;
    write_search_keys(c, person.id, &person.full_name)?;
    Ok(person)
}

/// Writes the person's new fields at `version`.
pub fn update(
    c: &mut Db,
    before: &Person,
    next: &PersonFields,
    version: i32,
) -> StoreResult<Person> {
    let after: Person = diesel::update(persons::table.find(before.id.get()))
        .set((
            persons::full_name.eq(&next.full_name),
            persons::gender.eq(next.gender.as_str()),
            persons::birth_date.eq(next.birth_date),
            persons::residence_unit_id.eq(next.residence_unit_id.get()),
            persons::party_status.eq(next.party_status.as_str()),
            persons::party_org_id.eq(next.party_org_id.map(PartyOrgId::get)),
            persons::ethnicity.eq(&next.ethnicity),
            persons::id_number.eq(&next.id_number),
            persons::address.eq(&next.address),
            persons::version.eq(version),
            persons::updated_at.eq(version::now()),
        ))
        .returning(persons::all_columns)
        .get_result(c)?;
    if after.full_name != before.full_name {
        write_search_keys(c, after.id, &after.full_name)?;
    }
    Ok(after)
}

/// Replaces the person's party status history with `changes`.
pub fn write_status_history(
    c: &mut Db,
    person: PersonId,
    changes: &[StatusChange],
) -> StoreResult<()> {
    diesel::delete(
        party_status_changes::table.filter(party_status_changes::person_id.eq(person.get())),
    )
    .execute(c)?;
    let rows: Vec<_> = changes
        .iter()
        .map(|change| {
            (
                party_status_changes::person_id.eq(person.get()),
                party_status_changes::status.eq(change.status.as_str()),
                party_status_changes::since.eq(change.since),
            )
        })
        .collect();
    on_backend!(c, |c| diesel::insert_into(party_status_changes::table)
        .values(&rows)
        .execute(c))?;
    Ok(())
}

/// The party status histories of `persons`, each in no particular order.
pub fn status_histories(
    c: &mut Db,
    persons: impl IntoIterator<Item = PersonId>,
) -> StoreResult<HashMap<PersonId, Vec<StatusChange>>> {
    let ids: Vec<i64> = persons.into_iter().map(PersonId::get).collect();
    let mut histories: HashMap<PersonId, Vec<StatusChange>> = HashMap::new();
    for chunk in ids.chunks(1_000) {
        let rows: Vec<(PersonId, PartyStatus, Option<NaiveDate>)> = party_status_changes::table
            .filter(party_status_changes::person_id.eq_any(chunk))
            .select((
                party_status_changes::person_id,
                party_status_changes::status,
                party_status_changes::since,
            ))
            .load(c)?;
        for (person, status, since) in rows {
            histories
                .entry(person)
                .or_default()
                .push(StatusChange { status, since });
        }
    }
    Ok(histories)
}

/// Each of `persons`' party status on `day` (`dantin_domain::person::status_on`).
pub fn statuses_on(
    c: &mut Db,
    persons: impl IntoIterator<Item = PersonId>,
    day: NaiveDate,
) -> StoreResult<HashMap<PersonId, PartyStatus>> {
    Ok(status_histories(c, persons)?
        .into_iter()
        .map(|(person, history)| (person, status_on(&history, day)))
        .collect())
}
