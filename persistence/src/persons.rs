//! Persons as stored. Their date of birth, ethnicity, ID number and address are personal
//! data: this module stores them, the API decides who sees them.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use dantin_domain::person::{status_on, Gender, PartyStatus, StatusChange};
use dantin_domain::search::search_keys;
use dantin_domain::string_enum::UnknownValue;
use dantin_domain::{PartyOrgId, PersonId, UnitId};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::{on_backend, Db};
use crate::error::{StoreError, StoreResult};
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
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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

/// Rows per INSERT: well under SQLite's 32,766 bound parameters and PostgreSQL's 65,535.
const INSERT_CHUNK: usize = 1_000;

/// Adds the name search keys (see `dantin_domain::search`) of each person.
fn insert_search_keys(c: &mut Db, persons: &[(PersonId, &str)]) -> StoreResult<()> {
    let keys: Vec<(String, i64)> = persons
        .iter()
        .flat_map(|(id, name)| search_keys(name).into_iter().map(|k| (k, id.get())))
        .collect();
    for chunk in keys.chunks(INSERT_CHUNK * 5) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|(k, id)| {
                (
                    person_search_keys::key.eq(k),
                    person_search_keys::person_id.eq(id),
                )
            })
            .collect();
        on_backend!(c, |c| diesel::insert_into(person_search_keys::table)
            .values(&rows)
            .execute(c))?;
    }
    Ok(())
}

/// Replaces the person's name search keys.
fn write_search_keys(c: &mut Db, person_id: PersonId, name: &str) -> StoreResult<()> {
    diesel::delete(
        person_search_keys::table.filter(person_search_keys::person_id.eq(person_id.get())),
    )
    .execute(c)?;
    insert_search_keys(c, &[(person_id, name)])
}

/// Gives search keys to the persons stored before names were searchable; run at start.
pub fn backfill_search_keys(c: &mut Db) -> StoreResult<usize> {
    // NOT EXISTS, an anti-join on both backends: PostgreSQL runs `NOT IN (subquery)` once
    // per person when the keys outgrow its memory for hashing, which took minutes at
    // start-up with the country's persons (`make bench`).
    let missing: Vec<(PersonId, String)> = persons::table
        .filter(diesel::dsl::not(diesel::dsl::exists(
            person_search_keys::table.filter(person_search_keys::person_id.eq(persons::id)),
        )))
        .select((persons::id, persons::full_name))
        .load(c)?;
    for (id, name) in &missing {
        write_search_keys(c, *id, name)?;
    }
    Ok(missing.len())
}

pub fn insert(c: &mut Db, new: &PersonFields) -> StoreResult<Person> {
    let id = insert_all(c, std::slice::from_ref(new))?.pop();
    id.map(|id| find(c, id))
        .transpose()?
        .flatten()
        .ok_or_else(|| StoreError::Corrupt("an inserted person is missing".to_owned()))
}

/// A person's fields as the backend's own connection reads them back.
type RawFields = (
    i64,
    String,
    String,
    NaiveDate,
    i64,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// Stores every person, in chunked multi-row inserts, with their name search keys; their
/// ids, in the order of `new`.
pub fn insert_all(c: &mut Db, new: &[PersonFields]) -> StoreResult<Vec<PersonId>> {
    let now = version::now();
    // RETURNING's order is not promised (SQLite says so): the rows are told by their
    // fields, and persons with the same fields are interchangeable.
    let mut rows_of: HashMap<&PersonFields, Vec<usize>> = HashMap::new();
    for (i, fields) in new.iter().enumerate().rev() {
        rows_of.entry(fields).or_default().push(i);
    }
    let corrupt = |e: UnknownValue| StoreError::Corrupt(e.to_string());
    let mut ids: Vec<Option<PersonId>> = vec![None; new.len()];
    for chunk in new.chunks(INSERT_CHUNK) {
        let values: Vec<_> = chunk
            .iter()
            .map(|p| {
                (
                    persons::full_name.eq(&p.full_name),
                    persons::gender.eq(p.gender.as_str()),
                    persons::birth_date.eq(p.birth_date),
                    persons::residence_unit_id.eq(p.residence_unit_id.get()),
                    persons::party_status.eq(p.party_status.as_str()),
                    persons::party_org_id.eq(p.party_org_id.map(PartyOrgId::get)),
                    persons::ethnicity.eq(&p.ethnicity),
                    persons::id_number.eq(&p.id_number),
                    persons::address.eq(&p.address),
                    persons::version.eq(1),
                    persons::created_at.eq(now),
                    persons::updated_at.eq(now),
                )
            })
            .collect();
        // The backend's own connection, which multi-row inserts need, reads plain values.
        let returned: Vec<RawFields> = on_backend!(c, |c| diesel::insert_into(persons::table)
            .values(&values)
            .returning((
                persons::id,
                persons::full_name,
                persons::gender,
                persons::birth_date,
                persons::residence_unit_id,
                persons::party_status,
                persons::party_org_id,
                persons::ethnicity,
                persons::id_number,
                persons::address,
            ))
            .get_results(c))?;
        for (
            id,
            full_name,
            gender,
            birth_date,
            residence,
            status,
            org,
            ethnicity,
            id_number,
            address,
        ) in returned
        {
            let fields = PersonFields {
                full_name,
                gender: gender.parse().map_err(corrupt)?,
                birth_date,
                residence_unit_id: UnitId(residence),
                party_status: status.parse().map_err(corrupt)?,
                party_org_id: org.map(PartyOrgId),
                ethnicity,
                id_number,
                address,
            };
            let row = rows_of.get_mut(&fields).and_then(Vec::pop).ok_or_else(|| {
                StoreError::Corrupt("an inserted person came back changed".to_owned())
            })?;
            ids[row] = Some(PersonId(id));
        }
    }
    let ids: Vec<PersonId> = ids
        .into_iter()
        .collect::<Option<_>>()
        .ok_or_else(|| StoreError::Corrupt("an insert returned fewer rows".to_owned()))?;
    let names: Vec<(PersonId, &str)> = ids
        .iter()
        .zip(new)
        .map(|(id, p)| (*id, p.full_name.as_str()))
        .collect();
    insert_search_keys(c, &names)?;
    Ok(ids)
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
    let changes: Vec<(PersonId, StatusChange)> = changes.iter().map(|c| (person, *c)).collect();
    insert_status_changes(c, &changes)
}

/// Adds each person's party status change to their history.
pub fn insert_status_changes(c: &mut Db, changes: &[(PersonId, StatusChange)]) -> StoreResult<()> {
    for chunk in changes.chunks(INSERT_CHUNK) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|(person, change)| {
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
    }
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
