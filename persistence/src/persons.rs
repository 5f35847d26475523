//! Persons. Their date of birth, ethnicity, ID number and address are personal data:
//! this module stores them, the API decides who sees them.

use chrono::{NaiveDate, NaiveDateTime};
use dantin_domain::person::{check_person, Gender, PartyStatus};
use dantin_domain::search::search_keys;
use dantin_domain::RuleViolation;
use diesel::prelude::*;
use serde::Serialize;

use crate::audit::{self, Actor, Change};
use crate::db::{on_backend, Db};
use crate::error::{StoreError, StoreResult};
use crate::schema::{person_search_keys, persons};
use crate::{party_orgs, units, version};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Serialize)]
#[diesel(table_name = persons)]
pub struct Person {
    pub id: i64,
    pub full_name: String,
    #[diesel(deserialize_as = String)]
    pub gender: Gender,
    pub birth_date: NaiveDate,
    pub residence_unit_id: i64,
    #[diesel(deserialize_as = String)]
    pub party_status: PartyStatus,
    pub party_org_id: Option<i64>,
    pub ethnicity: Option<String>,
    pub id_number: Option<String>,
    pub address: Option<String>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone)]
pub struct NewPerson {
    pub full_name: String,
    pub gender: Gender,
    pub birth_date: NaiveDate,
    pub residence_unit_id: i64,
    pub party_status: PartyStatus,
    pub party_org_id: Option<i64>,
    pub ethnicity: Option<String>,
    pub id_number: Option<String>,
    pub address: Option<String>,
}

/// A change to a person; `None` leaves a field as it is, `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct PersonPatch {
    pub full_name: Option<String>,
    pub gender: Option<Gender>,
    pub birth_date: Option<NaiveDate>,
    pub residence_unit_id: Option<i64>,
    pub party_status: Option<PartyStatus>,
    pub party_org_id: Option<Option<i64>>,
    pub ethnicity: Option<Option<String>>,
    pub id_number: Option<Option<String>>,
    pub address: Option<Option<String>>,
}

impl PersonPatch {
    fn apply(self, p: &Person) -> NewPerson {
        NewPerson {
            full_name: self.full_name.unwrap_or_else(|| p.full_name.clone()),
            gender: self.gender.unwrap_or(p.gender),
            birth_date: self.birth_date.unwrap_or(p.birth_date),
            residence_unit_id: self.residence_unit_id.unwrap_or(p.residence_unit_id),
            party_status: self.party_status.unwrap_or(p.party_status),
            party_org_id: self.party_org_id.unwrap_or(p.party_org_id),
            ethnicity: self.ethnicity.unwrap_or_else(|| p.ethnicity.clone()),
            id_number: self.id_number.unwrap_or_else(|| p.id_number.clone()),
            address: self.address.unwrap_or_else(|| p.address.clone()),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct PersonFilter {
    /// Persons living in this unit or anywhere under it.
    pub within_unit: Option<i64>,
    pub party_status: Option<PartyStatus>,
    pub party_org_id: Option<i64>,
    pub after_id: Option<i64>,
    pub limit: i64,
}

pub fn get(c: &mut Db, id: i64) -> StoreResult<Person> {
    persons::table
        .find(id)
        .select(Person::as_select())
        .first(c)
        .optional()?
        .ok_or_else(|| StoreError::not_found("person", id))
}

/// Persons matching `f`; `reach` (a unit id) keeps only those living under it.
pub fn list(c: &mut Db, f: &PersonFilter, reach: Option<i64>) -> StoreResult<Vec<Person>> {
    let mut q = persons::table
        .select(Person::as_select())
        .order(persons::id)
        .limit(f.limit)
        .into_boxed();
    for root in [f.within_unit, reach].into_iter().flatten() {
        q = q.filter(diesel::dsl::sql::<diesel::sql_types::Bool>(
            &units::Scope::Subtree(root).sql("persons.residence_unit_id"),
        ));
    }
    if let Some(s) = f.party_status {
        q = q.filter(persons::party_status.eq(s.as_str()));
    }
    if let Some(o) = f.party_org_id {
        q = q.filter(persons::party_org_id.eq(o));
    }
    if let Some(after) = f.after_id {
        q = q.filter(persons::id.gt(after));
    }
    Ok(q.load(c)?)
}

/// Replaces the person's name search keys (see `dantin_domain::search`).
fn write_search_keys(c: &mut Db, person_id: i64, name: &str) -> StoreResult<()> {
    diesel::delete(person_search_keys::table.filter(person_search_keys::person_id.eq(person_id)))
        .execute(c)?;
    let rows: Vec<_> = search_keys(name)
        .into_iter()
        .map(|k| {
            (
                person_search_keys::key.eq(k),
                person_search_keys::person_id.eq(person_id),
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
    let missing: Vec<(i64, String)> = persons::table
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

fn check(c: &mut Db, p: &NewPerson, today: NaiveDate) -> StoreResult<()> {
    if units::get(c, p.residence_unit_id).is_err() {
        return Err(RuleViolation::new(
            "person_residence_exists",
            format!("no unit has id {}", p.residence_unit_id),
        )
        .into());
    }
    if let Some(org) = p.party_org_id {
        if party_orgs::get(c, org).is_err() {
            return Err(RuleViolation::new(
                "person_party_org_exists",
                format!("no party organisation has id {org}"),
            )
            .into());
        }
    }
    Ok(check_person(
        p.birth_date,
        p.party_status,
        p.party_org_id.is_some(),
        today,
    )?)
}

pub fn create(c: &mut Db, actor: &Actor, new: NewPerson, today: NaiveDate) -> StoreResult<Person> {
    check(c, &new, today)?;
    let now = version::now();
    let person: Person = diesel::insert_into(persons::table)
        .values((
            persons::full_name.eq(&new.full_name),
            persons::gender.eq(new.gender.as_str()),
            persons::birth_date.eq(new.birth_date),
            persons::residence_unit_id.eq(new.residence_unit_id),
            persons::party_status.eq(new.party_status.as_str()),
            persons::party_org_id.eq(new.party_org_id),
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
    audit::append(
        c,
        actor,
        Change::<(), _> {
            action: "person.create",
            entity_type: "person",
            entity_id: Some(person.id),
            before: None,
            after: Some(&person),
        },
    )?;
    Ok(person)
}

pub fn update(
    c: &mut Db,
    actor: &Actor,
    id: i64,
    patch: PersonPatch,
    if_match: Option<i32>,
    today: NaiveDate,
) -> StoreResult<Person> {
    let before = get(c, id)?;
    let version = version::next(before.version, if_match)?;
    let next = patch.apply(&before);
    check(c, &next, today)?;
    let after: Person = diesel::update(persons::table.find(id))
        .set((
            persons::full_name.eq(&next.full_name),
            persons::gender.eq(next.gender.as_str()),
            persons::birth_date.eq(next.birth_date),
            persons::residence_unit_id.eq(next.residence_unit_id),
            persons::party_status.eq(next.party_status.as_str()),
            persons::party_org_id.eq(next.party_org_id),
            persons::ethnicity.eq(&next.ethnicity),
            persons::id_number.eq(&next.id_number),
            persons::address.eq(&next.address),
            persons::version.eq(version),
            persons::updated_at.eq(version::now()),
        ))
        .returning(persons::all_columns)
        .get_result(c)?;
    if after.full_name != before.full_name {
        write_search_keys(c, id, &after.full_name)?;
    }
    audit::append(
        c,
        actor,
        Change {
            action: "person.update",
            entity_type: "person",
            entity_id: Some(id),
            before: Some(&before),
            after: Some(&after),
        },
    )?;
    Ok(after)
}
