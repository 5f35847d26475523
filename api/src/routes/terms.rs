//! `/api/v1/terms`: a province's calendar of elections. Signed-in roles read; admins and
//! the officers of that province write.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use dantin_domain::{TermId, UnitId};
use dantin_usecases::terms::{self, NewTerm, Term, TermFilter};
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

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 2, "label": "2020-2022", "starts_on": "2020-01-05", "ends_on": "2022-06-04",
    "scope_unit_id": 1, "unified_model": true
}))]
pub struct TermOut {
    pub id: TermId,
    pub label: String,
    pub starts_on: NaiveDate,
    /// The last day of the term.
    pub ends_on: NaiveDate,
    /// The province whose calendar it is.
    pub scope_unit_id: UnitId,
    /// Whether the province applies the unified model ("Dân tin – Đảng cử") this term.
    pub unified_model: bool,
}

impl From<Term> for TermOut {
    fn from(t: Term) -> Self {
        Self {
            id: t.id,
            label: t.label,
            starts_on: t.starts_on,
            ends_on: t.ends_on,
            scope_unit_id: t.scope_unit_id,
            unified_model: t.unified_model,
        }
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "label": "2020-2022", "starts_on": "2020-01-05", "ends_on": "2022-06-04",
    "scope_unit_id": 1, "unified_model": true
}))]
pub struct NewTermIn {
    #[validate(length(min = 1, max = 50))]
    #[serde(deserialize_with = "input::name")]
    pub label: String,
    #[serde(deserialize_with = "input::day")]
    pub starts_on: NaiveDate,
    #[serde(deserialize_with = "input::day")]
    pub ends_on: NaiveDate,
    pub scope_unit_id: UnitId,
    pub unified_model: bool,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TermListQuery {
    /// Only the terms of this province.
    pub scope: Option<UnitId>,
    /// Only the terms running on this day.
    #[serde(default, deserialize_with = "input::day_opt")]
    #[param(example = "2020-02-05")]
    pub on: Option<NaiveDate>,
    /// Page size, 1 to 500 (default 50).
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// List terms
#[utoipa::path(
    operation_id = "listTerms",
    tag = "terms",
    params(TermListQuery),
    security(("bearer" = [])),
    responses((status = 200, description = "One page of terms", body = Page<TermOut>), AuthErrors, CommonErrors)
)]
#[get("/terms")]
pub async fn list(
    req: HttpRequest,
    _user: AuthUser,
    store: web::Data<Store>,
    q: web::Query<TermListQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    let filter = TermFilter {
        scope_unit_id: q.scope,
        on: q.on,
    };
    pagination::list(
        &req,
        store,
        (q.limit, q.cursor),
        move |s, w| terms::list(s, &filter, w),
        |t| t.id.get(),
        TermOut::from,
    )
    .await
}

/// Get a term
#[utoipa::path(
    operation_id = "getTerm",
    tag = "terms",
    params(("id" = i64, Path, description = "The term's id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The term", body = TermOut), AuthErrors, NotFoundError, CommonErrors)
)]
#[get("/terms/{id}")]
pub async fn get(
    _user: AuthUser,
    store: web::Data<Store>,
    id: web::Path<TermId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let term = run(store, move |s| terms::get(s, id)).await?;
    Ok(HttpResponse::Ok().json(TermOut::from(term)))
}

/// Create a term
///
/// Terms cannot be changed once created: elections refer to them.
#[utoipa::path(
    operation_id = "createTerm",
    tag = "terms",
    request_body = NewTermIn,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = TermOut, headers(("Location" = String))),
        AuthErrors, WriteErrors, CommonErrors
    )
)]
#[post("/terms")]
pub async fn create(
    user: AuthUser,
    store: web::Data<Store>,
    body: Json<NewTermIn>,
) -> Result<HttpResponse, ApiError> {
    let b = body.0;
    let caller = user.keeping(created);
    let term = run(store, move |s| {
        let new = NewTerm {
            label: b.label,
            starts_on: b.starts_on,
            ends_on: b.ends_on,
            scope_unit_id: b.scope_unit_id,
            unified_model: b.unified_model,
        };
        terms::create(s, &caller, new)
    })
    .await?;
    Ok(created(term))
}

/// 201 with the new term, and where to read it.
fn created(term: Term) -> HttpResponse {
    etag::located(format!("/api/v1/terms/{}", term.id), &TermOut::from(term))
}
