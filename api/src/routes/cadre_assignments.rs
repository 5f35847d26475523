//! `/api/v1/cadre-assignments`: upper-level cadres assigned to attend a cell's meetings for
//! a period (rule 26, the "3+1" model). Public to read: a cadre by name and post only.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use dantin_domain::cadre::Span;
use dantin_domain::{CadreAssignmentId, PartyOrgId, PersonId, UnitId};
use dantin_usecases::cadre_assignments::{self, Assignment, AssignmentFilter, NewAssignment};
use dantin_usecases::Store;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::auth::AuthUser;
use crate::db::run;
use crate::error::{ApiError, AuthErrors, CommonErrors, NotFoundError, WriteErrors};
use crate::etag;
use crate::extract::Json;
use crate::input;
use crate::pagination::{self, Page};

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "person_id": 41, "cell_id": 16, "post": "Ủy viên Ban Thường vụ Huyện ủy",
    "starts_on": "2025-01-01", "ends_on": "2025-12-31"
}))]
pub struct NewCadreAssignmentIn {
    /// The cadre: a person the caller may know of (`cadre_exists`).
    pub person_id: PersonId,
    /// A cell of the caller's area, in force on `starts_on` (`is_a_cell`, `cell_in_force`).
    pub cell_id: PartyOrgId,
    /// The cadre's post, as the assignment names it.
    #[serde(deserialize_with = "input::name")]
    #[validate(length(min = 1, max = 200))]
    pub post: String,
    #[serde(deserialize_with = "input::day")]
    pub starts_on: NaiveDate,
    /// The last day of the assignment; absent while it runs. One assignment of a cadre
    /// to a cell at a time (`cadre_assigned_once`, 409).
    #[serde(default, deserialize_with = "input::day_opt")]
    pub ends_on: Option<NaiveDate>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 3, "person_id": 41, "name": "Hà Văn Thành", "post": "Ủy viên Ban Thường vụ Huyện ủy",
    "cell_id": 16, "starts_on": "2025-01-01", "ends_on": "2025-12-31"
}))]
pub struct CadreAssignmentOut {
    pub id: CadreAssignmentId,
    pub person_id: PersonId,
    /// The cadre's name.
    pub name: String,
    pub post: String,
    pub cell_id: PartyOrgId,
    pub starts_on: NaiveDate,
    /// The last day; absent while it runs.
    pub ends_on: Option<NaiveDate>,
}

impl From<Assignment> for CadreAssignmentOut {
    fn from(a: Assignment) -> Self {
        Self {
            id: a.id,
            person_id: a.person_id,
            name: a.name,
            post: a.post,
            cell_id: a.cell_id,
            starts_on: a.span.starts_on,
            ends_on: a.span.ends_on,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CadreAssignmentListQuery {
    pub cell: Option<PartyOrgId>,
    pub person: Option<PersonId>,
    /// The assignments to the cells of this unit's subtree.
    pub unit: Option<UnitId>,
    /// Only those running on this day.
    #[serde(default, deserialize_with = "input::day_opt")]
    #[param(example = "2025-06-01")]
    pub on: Option<NaiveDate>,
    /// Page size, 1 to 500 (default 50).
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// List cadre assignments
///
/// Public: a cadre by name and post, the cell and the period.
#[utoipa::path(
    operation_id = "listCadreAssignments",
    tag = "cells",
    params(CadreAssignmentListQuery),
    security(),
    responses((status = 200, description = "One page of assignments", body = Page<CadreAssignmentOut>), CommonErrors)
)]
#[get("/cadre-assignments")]
pub async fn list(
    req: HttpRequest,
    store: web::Data<Store>,
    q: web::Query<CadreAssignmentListQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    let filter = AssignmentFilter {
        cell_id: q.cell,
        person_id: q.person,
        unit: q.unit,
        on: q.on,
    };
    pagination::list(
        &req,
        store,
        (q.limit, q.cursor),
        move |s, w| cadre_assignments::list(s, filter, w),
        |a| a.id.get(),
        CadreAssignmentOut::from,
    )
    .await
}

/// Get a cadre assignment
#[utoipa::path(
    operation_id = "getCadreAssignment",
    tag = "cells",
    params(("id" = i64, Path, description = "The assignment's id")),
    security(),
    responses((status = 200, description = "The assignment", body = CadreAssignmentOut), NotFoundError, CommonErrors)
)]
#[get("/cadre-assignments/{id}")]
pub async fn get(
    store: web::Data<Store>,
    id: web::Path<CadreAssignmentId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let a = run(store, move |s| cadre_assignments::get(s, id)).await?;
    Ok(HttpResponse::Ok().json(CadreAssignmentOut::from(a)))
}

/// Assign a cadre to a cell
///
/// An upper-level committee member or district cadre is assigned to attend a cell's
/// meetings from `starts_on` to `ends_on`; the attendance report counts the meetings the
/// cell held meanwhile and those the cadre attended.
#[utoipa::path(
    operation_id = "createCadreAssignment",
    tag = "cells",
    request_body = NewCadreAssignmentIn,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Assigned", body = CadreAssignmentOut, headers(("Location" = String))),
        AuthErrors, WriteErrors, CommonErrors
    )
)]
#[post("/cadre-assignments")]
pub async fn create(
    user: AuthUser,
    store: web::Data<Store>,
    body: Json<NewCadreAssignmentIn>,
) -> Result<HttpResponse, ApiError> {
    let b = body.0;
    let caller = user.keeping(assigned);
    let a = run(store, move |s| {
        let new = NewAssignment {
            person_id: b.person_id,
            cell_id: b.cell_id,
            post: b.post,
            span: Span {
                starts_on: b.starts_on,
                ends_on: b.ends_on,
            },
        };
        cadre_assignments::assign(s, &caller, new)
    })
    .await?;
    Ok(assigned(a))
}

/// 201 with the assignment, and where to read it.
fn assigned(a: Assignment) -> HttpResponse {
    etag::located(
        format!("/api/v1/cadre-assignments/{}", a.id),
        &CadreAssignmentOut::from(a),
    )
}
