//! Cadres assigned to attend a cell's meetings (migration `cell_meetings`, rule 26): who,
//! under which post, to which cell, from when to when. A cadre appears by name and post
//! only.

use chrono::NaiveDate;
use dantin_domain::cadre::Span;
use dantin_domain::{CadreAssignmentId, PartyOrgId, PersonId, UnitId};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::Db;
use crate::error::{StoreError, StoreResult};
use crate::schema::{cadre_assignments, persons};
use crate::scope::{in_list, sql, Scope};
use crate::version;
use crate::window::Window;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assignment {
    pub id: CadreAssignmentId,
    pub person_id: PersonId,
    /// The cadre's name.
    pub name: String,
    pub cell_id: PartyOrgId,
    pub post: String,
    pub span: Span,
}

type Row = (
    CadreAssignmentId,
    PersonId,
    String,
    PartyOrgId,
    String,
    NaiveDate,
    Option<NaiveDate>,
);

fn from_row((id, person_id, name, cell_id, post, starts_on, ends_on): Row) -> Assignment {
    Assignment {
        id,
        person_id,
        name,
        cell_id,
        post,
        span: Span { starts_on, ends_on },
    }
}

macro_rules! joined {
    () => {
        cadre_assignments::table
            .inner_join(persons::table.on(persons::id.eq(cadre_assignments::person_id)))
            .select((
                cadre_assignments::id,
                cadre_assignments::person_id,
                persons::full_name,
                cadre_assignments::cell_id,
                cadre_assignments::post,
                cadre_assignments::starts_on,
                cadre_assignments::ends_on,
            ))
    };
}

/// What a new assignment records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAssignment {
    pub person_id: PersonId,
    pub cell_id: PartyOrgId,
    pub post: String,
    pub span: Span,
}

pub fn insert(c: &mut Db, new: &NewAssignment) -> StoreResult<Assignment> {
    let id: CadreAssignmentId = diesel::insert_into(cadre_assignments::table)
        .values((
            cadre_assignments::person_id.eq(new.person_id.get()),
            cadre_assignments::cell_id.eq(new.cell_id.get()),
            cadre_assignments::post.eq(&new.post),
            cadre_assignments::starts_on.eq(new.span.starts_on),
            cadre_assignments::ends_on.eq(new.span.ends_on),
            cadre_assignments::created_at.eq(version::now()),
        ))
        .returning(cadre_assignments::id)
        .get_result(c)?;
    find(c, id)?
        .ok_or_else(|| StoreError::Corrupt(format!("assignment {id} vanished while written")))
}

pub fn find(c: &mut Db, id: CadreAssignmentId) -> StoreResult<Option<Assignment>> {
    let row: Option<Row> = joined!()
        .filter(cadre_assignments::id.eq(id.get()))
        .first(c)
        .optional()?;
    Ok(row.map(from_row))
}

/// The spans of `person`'s assignments to `cell`.
pub fn spans(c: &mut Db, person: PersonId, cell: PartyOrgId) -> StoreResult<Vec<Span>> {
    let rows: Vec<(NaiveDate, Option<NaiveDate>)> = cadre_assignments::table
        .filter(cadre_assignments::person_id.eq(person.get()))
        .filter(cadre_assignments::cell_id.eq(cell.get()))
        .select((cadre_assignments::starts_on, cadre_assignments::ends_on))
        .load(c)?;
    Ok(rows
        .into_iter()
        .map(|(starts_on, ends_on)| Span { starts_on, ends_on })
        .collect())
}

#[derive(Debug, Clone, Default)]
pub struct AssignmentFilter {
    pub cell_id: Option<PartyOrgId>,
    pub person_id: Option<PersonId>,
    /// Only the assignments to cells of units under this one (latest map).
    pub unit: Option<UnitId>,
    /// Only those running on this day.
    pub on: Option<NaiveDate>,
}

/// The assignments matching `f`, in the order they were recorded.
pub fn list(c: &mut Db, f: &AssignmentFilter, w: Window) -> StoreResult<Vec<Assignment>> {
    let mut q = joined!()
        .filter(cadre_assignments::id.gt(w.after_id()))
        .order(cadre_assignments::id)
        .limit(w.limit)
        .into_boxed();
    if let Some(cell) = f.cell_id {
        q = q.filter(cadre_assignments::cell_id.eq(cell.get()));
    }
    if let Some(person) = f.person_id {
        q = q.filter(cadre_assignments::person_id.eq(person.get()));
    }
    if let Some(root) = f.unit {
        q = q.filter(sql(
            Scope::Subtree(root).orgs_sql("cadre_assignments.cell_id")
        ));
    }
    if let Some(day) = f.on {
        q = q.filter(cadre_assignments::starts_on.le(day)).filter(
            cadre_assignments::ends_on
                .is_null()
                .or(cadre_assignments::ends_on.ge(day)),
        );
    }
    Ok(q.load::<Row>(c)?.into_iter().map(from_row).collect())
}

/// The assignments to any of `cells` that run on some day from `from` to `to`.
pub fn to_cells_between(
    c: &mut Db,
    cells: &[PartyOrgId],
    (from, to): (NaiveDate, NaiveDate),
) -> StoreResult<Vec<Assignment>> {
    let mut all = Vec::new();
    for chunk in cells.chunks(10_000) {
        let rows: Vec<Row> = joined!()
            .filter(sql(in_list(
                "cadre_assignments.cell_id",
                chunk.iter().map(|c| c.get()),
            )))
            .filter(cadre_assignments::starts_on.le(to))
            .filter(
                cadre_assignments::ends_on
                    .is_null()
                    .or(cadre_assignments::ends_on.ge(from)),
            )
            .order(cadre_assignments::id)
            .load(c)?;
        all.extend(rows.into_iter().map(from_row));
    }
    Ok(all)
}
