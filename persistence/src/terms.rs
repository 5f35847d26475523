//! Terms: a province's calendar of village head elections and cell congresses.

use chrono::{NaiveDate, NaiveDateTime};
use dantin_domain::term::check_term;
use dantin_domain::RuleViolation;
use diesel::prelude::*;
use serde::Serialize;

use crate::audit::{self, Actor, Change};
use crate::db::Db;
use crate::error::{StoreError, StoreResult};
use crate::schema::terms;
use crate::{units, version};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Serialize)]
#[diesel(table_name = terms)]
pub struct Term {
    pub id: i64,
    pub label: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub scope_unit_id: i64,
    pub unified_model: bool,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone)]
pub struct NewTerm {
    pub label: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub scope_unit_id: i64,
    pub unified_model: bool,
}

#[derive(Debug, Clone, Default)]
pub struct TermFilter {
    pub scope_unit_id: Option<i64>,
    /// Terms running on this day.
    pub on: Option<NaiveDate>,
    pub after_id: Option<i64>,
    pub limit: i64,
}

pub fn get(c: &mut Db, id: i64) -> StoreResult<Term> {
    terms::table
        .find(id)
        .select(Term::as_select())
        .first(c)
        .optional()?
        .ok_or_else(|| StoreError::not_found("term", id))
}

pub fn list(c: &mut Db, f: &TermFilter) -> StoreResult<Vec<Term>> {
    let mut q = terms::table
        .select(Term::as_select())
        .order(terms::id)
        .limit(f.limit)
        .into_boxed();
    if let Some(s) = f.scope_unit_id {
        q = q.filter(terms::scope_unit_id.eq(s));
    }
    if let Some(on) = f.on {
        q = q
            .filter(terms::starts_on.le(on))
            .filter(terms::ends_on.ge(on));
    }
    if let Some(after) = f.after_id {
        q = q.filter(terms::id.gt(after));
    }
    Ok(q.load(c)?)
}

pub fn create(c: &mut Db, actor: &Actor, new: NewTerm) -> StoreResult<Term> {
    let scope = units::get(c, new.scope_unit_id).map_err(|_| {
        RuleViolation::new(
            "term_scope_exists",
            format!("no unit has id {}", new.scope_unit_id),
        )
    })?;
    check_term(new.starts_on, new.ends_on, scope.level)?;
    let taken = terms::table
        .filter(terms::scope_unit_id.eq(new.scope_unit_id))
        .filter(terms::label.eq(&new.label))
        .count()
        .get_result::<i64>(c)?
        > 0;
    if taken {
        return Err(StoreError::Conflict {
            code: "term_label_taken",
            detail: format!("{} already has a term labelled `{}`", scope.name, new.label),
        });
    }
    let term: Term = diesel::insert_into(terms::table)
        .values((
            terms::label.eq(&new.label),
            terms::starts_on.eq(new.starts_on),
            terms::ends_on.eq(new.ends_on),
            terms::scope_unit_id.eq(new.scope_unit_id),
            terms::unified_model.eq(new.unified_model),
            terms::created_at.eq(version::now()),
        ))
        .returning(terms::all_columns)
        .get_result(c)?;
    audit::append(
        c,
        actor,
        Change::<(), _> {
            action: "term.create",
            entity_type: "term",
            entity_id: Some(term.id),
            before: None,
            after: Some(&term),
        },
    )?;
    Ok(term)
}
