//! Terms as stored: a province's calendar of village head elections and cell congresses.

use chrono::{NaiveDate, NaiveDateTime};
use dantin_domain::{TermId, UnitId};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::Db;
use crate::error::StoreResult;
use crate::schema::terms;
use crate::version;
use crate::window::Window;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Serialize)]
#[diesel(table_name = terms)]
pub struct Term {
    pub id: TermId,
    pub label: String,
    pub starts_on: NaiveDate,
    /// The last day of the term (inclusive).
    pub ends_on: NaiveDate,
    pub scope_unit_id: UnitId,
    pub unified_model: bool,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone)]
pub struct NewTerm {
    pub label: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub scope_unit_id: UnitId,
    pub unified_model: bool,
}

#[derive(Debug, Clone, Default)]
pub struct TermFilter {
    pub scope_unit_id: Option<UnitId>,
    /// Terms running on this day.
    pub on: Option<NaiveDate>,
}

pub fn find(c: &mut Db, id: TermId) -> StoreResult<Option<Term>> {
    Ok(terms::table
        .find(id.get())
        .select(Term::as_select())
        .first(c)
        .optional()?)
}

pub fn list(c: &mut Db, f: &TermFilter, w: Window) -> StoreResult<Vec<Term>> {
    let mut q = terms::table
        .select(Term::as_select())
        .filter(terms::id.gt(w.after_id()))
        .order(terms::id)
        .limit(w.limit)
        .into_boxed();
    if let Some(s) = f.scope_unit_id {
        q = q.filter(terms::scope_unit_id.eq(s.get()));
    }
    if let Some(on) = f.on {
        q = q
            .filter(terms::starts_on.le(on))
            .filter(terms::ends_on.ge(on));
    }
    Ok(q.load(c)?)
}

/// Whether the province already has a term with this label.
pub fn label_taken(c: &mut Db, province: UnitId, label: &str) -> StoreResult<bool> {
    let n: i64 = terms::table
        .filter(terms::scope_unit_id.eq(province.get()))
        .filter(terms::label.eq(label))
        .count()
        .get_result(c)?;
    Ok(n > 0)
}

pub fn insert(c: &mut Db, new: &NewTerm) -> StoreResult<Term> {
    Ok(diesel::insert_into(terms::table)
        .values((
            terms::label.eq(&new.label),
            terms::starts_on.eq(new.starts_on),
            terms::ends_on.eq(new.ends_on),
            terms::scope_unit_id.eq(new.scope_unit_id.get()),
            terms::unified_model.eq(new.unified_model),
            terms::created_at.eq(version::now()),
        ))
        .returning(terms::all_columns)
        .get_result(c)?)
}
