//! `/api/v1/party-orgs`: cells and committees. Signed-in roles read; admins write any,
//! officers those whose unit is in their area.

use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use dantin_domain::party_org::PartyOrgKind;
use dantin_domain::{PartyOrgId, UnitId};
use dantin_usecases::clock::today;
use dantin_usecases::party_orgs::{self, NewPartyOrg, PartyOrg, PartyOrgFilter, PartyOrgPatch};
use dantin_usecases::Store;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::auth::AuthUser;
use crate::db::run;
use crate::error::{ApiError, AuthErrors, CommonErrors, NotFoundError, StaleError, WriteErrors};
use crate::extract::Json;
use crate::known::KnownAt;
use crate::pagination::{self, Page};
use crate::{double_option, etag, input};

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": 16, "name": "Chi bộ thôn Khe Tâm", "kind": "cell", "parent_id": 12, "unit_id": 10, "valid_from": "2000-01-01", "valid_to": null}))]
pub struct PartyOrgOut {
    pub id: PartyOrgId,
    pub name: String,
    pub kind: PartyOrgKind,
    /// The superior committee.
    pub parent_id: Option<PartyOrgId>,
    /// The unit it belongs to: a village cell names its village.
    pub unit_id: Option<UnitId>,
    /// First day in force.
    pub valid_from: NaiveDate,
    /// First day no longer in force (its unit ended, or an act ended it); absent while in
    /// force.
    pub valid_to: Option<NaiveDate>,
}

impl From<PartyOrg> for PartyOrgOut {
    fn from(o: PartyOrg) -> Self {
        Self {
            id: o.id,
            name: o.name,
            kind: o.kind,
            parent_id: o.parent_id,
            unit_id: o.unit_id,
            valid_from: o.valid_from,
            valid_to: o.valid_to,
        }
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Chi bộ thôn Khe Tâm", "kind": "cell", "parent_id": 12, "unit_id": 10}))]
pub struct NewPartyOrgIn {
    #[validate(length(min = 1, max = 200))]
    #[serde(deserialize_with = "input::name")]
    pub name: String,
    pub kind: PartyOrgKind,
    pub parent_id: Option<PartyOrgId>,
    /// Required when an officer creates it: the unit decides whose area it is in.
    pub unit_id: Option<UnitId>,
    /// Its first day (a committee of a commune created by a reorganisation: the act's
    /// day); absent: its unit's first day, or today without a unit.
    #[serde(default, deserialize_with = "input::day_opt")]
    #[schema(value_type = Option<NaiveDate>)]
    pub valid_from: Option<NaiveDate>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Chi bộ thôn Khe Tâm"}))]
pub struct PartyOrgPatchIn {
    #[validate(length(min = 1, max = 200))]
    #[serde(default, deserialize_with = "input::name_opt")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "double_option::deserialize")]
    #[schema(value_type = Option<PartyOrgId>)]
    pub parent_id: Option<Option<PartyOrgId>>,
    #[serde(default, deserialize_with = "double_option::deserialize")]
    #[schema(value_type = Option<UnitId>)]
    pub unit_id: Option<Option<UnitId>>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PartyOrgListQuery {
    /// Only the organisations directly under this one.
    pub parent: Option<PartyOrgId>,
    /// Only the organisations of this unit.
    pub unit: Option<UnitId>,
    pub kind: Option<PartyOrgKind>,
    /// The organisations in force on this day, as they were then: their name, superior
    /// and unit that day (default: today in Vietnam).
    #[serde(default, deserialize_with = "input::day_opt")]
    #[param(example = "2020-02-05")]
    pub on: Option<NaiveDate>,
    /// Page size, 1 to 500 (default 50).
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// List party organisations
#[utoipa::path(
    operation_id = "listPartyOrgs",
    tag = "party-orgs",
    params(PartyOrgListQuery, KnownAt),
    security(("bearer" = [])),
    responses((status = 200, description = "One page of organisations", body = Page<PartyOrgOut>), AuthErrors, CommonErrors)
)]
#[get("/party-orgs")]
pub async fn list(
    req: HttpRequest,
    user: AuthUser,
    store: web::Data<Store>,
    q: web::Query<PartyOrgListQuery>,
    known: web::Query<KnownAt>,
) -> Result<HttpResponse, ApiError> {
    let store = known.view(&store);
    let q = q.into_inner();
    let filter = PartyOrgFilter {
        parent_id: q.parent,
        unit_id: q.unit,
        kind: q.kind,
        on: Some(q.on.unwrap_or_else(today)),
        ..Default::default()
    };
    pagination::list(
        &req,
        store,
        (q.limit, q.cursor),
        move |s, w| party_orgs::list(s, &user.caller, filter, w),
        |o| o.id.get(),
        PartyOrgOut::from,
    )
    .await
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PartyOrgGetQuery {
    /// The organisation as it was on this day: its name, superior and unit then. Absent:
    /// today, or, for one out of force today, its last version. A day outside its life
    /// answers 404 `not_in_force` with its days.
    #[serde(default, deserialize_with = "input::day_opt")]
    #[param(example = "2020-02-05")]
    pub on: Option<NaiveDate>,
}

/// Get a party organisation
///
/// An organisation keeps its id; its name, superior and unit are versions in time (a cell
/// follows its village to the committee of the village's new commune).
#[utoipa::path(
    operation_id = "getPartyOrg",
    tag = "party-orgs",
    params(("id" = i64, Path, description = "The organisation's id"), PartyOrgGetQuery, KnownAt),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The organisation", body = PartyOrgOut, headers(("ETag" = String))),
        (status = 304, description = "Not modified since the ETag in If-None-Match"),
        AuthErrors, NotFoundError, CommonErrors
    )
)]
#[get("/party-orgs/{id}")]
pub async fn get(
    req: HttpRequest,
    user: AuthUser,
    store: web::Data<Store>,
    id: web::Path<PartyOrgId>,
    q: web::Query<PartyOrgGetQuery>,
    known: web::Query<KnownAt>,
) -> Result<HttpResponse, ApiError> {
    let store = known.view(&store);
    let id = id.into_inner();
    let on = q.into_inner().on;
    let org = run(store, move |s| party_orgs::get(s, &user.caller, id, on)).await?;
    Ok(etag::respond(&req, org.version, &PartyOrgOut::from(org)))
}

/// Create a party organisation
#[utoipa::path(
    operation_id = "createPartyOrg",
    tag = "party-orgs",
    request_body = NewPartyOrgIn,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = PartyOrgOut, headers(("Location" = String), ("ETag" = String))),
        AuthErrors, WriteErrors, CommonErrors
    )
)]
#[post("/party-orgs")]
pub async fn create(
    user: AuthUser,
    store: web::Data<Store>,
    body: Json<NewPartyOrgIn>,
) -> Result<HttpResponse, ApiError> {
    let b = body.0;
    let caller = user.keeping(created);
    let org = run(store, move |s| {
        let new = NewPartyOrg {
            name: b.name,
            kind: b.kind,
            parent_id: b.parent_id,
            unit_id: b.unit_id,
            valid_from: b.valid_from,
        };
        party_orgs::create(s, &caller, new)
    })
    .await?;
    Ok(created(org))
}

/// Change a party organisation
///
/// Send `If-Match` with the ETag you read (412 if it changed meanwhile).
#[utoipa::path(
    operation_id = "updatePartyOrg",
    tag = "party-orgs",
    params(
        ("id" = i64, Path, description = "The organisation's id"),
        ("If-Match" = Option<String>, Header, description = "The ETag the change is based on")
    ),
    request_body = PartyOrgPatchIn,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The changed organisation", body = PartyOrgOut, headers(("ETag" = String))),
        AuthErrors, NotFoundError, StaleError, WriteErrors, CommonErrors
    )
)]
#[patch("/party-orgs/{id}")]
pub async fn update(
    req: HttpRequest,
    user: AuthUser,
    store: web::Data<Store>,
    id: web::Path<PartyOrgId>,
    body: Json<PartyOrgPatchIn>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let expected = etag::if_match(&req)?;
    let b = body.0;
    let org = run(store, move |s| {
        let patch = PartyOrgPatch {
            name: b.name,
            parent_id: b.parent_id,
            unit_id: b.unit_id,
        };
        party_orgs::update(s, &user.caller, id, patch, expected)
    })
    .await?;
    Ok(etag::respond(&req, org.version, &PartyOrgOut::from(org)))
}

/// 201 with the new record, its ETag, and where to read it.
fn created(org: PartyOrg) -> HttpResponse {
    etag::created(
        format!("/api/v1/party-orgs/{}", org.id),
        org.version,
        &PartyOrgOut::from(org),
    )
}
