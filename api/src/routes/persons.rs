//! `/api/v1/persons`: private. Any signed-in role reads, an officer only the persons
//! living in its area (others answer 404: their existence is not the officer's to know).

use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use dantin_domain::appointment::Post;
use dantin_domain::person::{Gender, PartyStatus};
use dantin_domain::{PartyOrgId, PersonId, UnitId};
use dantin_usecases::clock::today;
use dantin_usecases::persons::{self, NewPerson, Person, PersonFields, PersonFilter, PersonPatch};
use dantin_usecases::Store;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::check::CheckOut;
use crate::auth::AuthUser;
use crate::db::run;
use crate::error::{
    ApiError, AuthErrors, CommonErrors, NotFoundError, RuleError, StaleError, WriteErrors,
};
use crate::extract::Json;
use crate::known::KnownAt;
use crate::pagination::{self, Page};
use crate::{double_option, etag, input};

/// A person, with the personal data that only signed-in roles see.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 3, "full_name": "Lý Mạnh Thường", "gender": "male", "birth_date": "1972-03-14",
    "residence_unit_id": 10, "party_status": "official", "party_org_id": 16,
    "ethnicity": null, "id_number": null, "address": null
}))]
pub struct PersonOut {
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
}

impl From<Person> for PersonOut {
    fn from(p: Person) -> Self {
        Self {
            id: p.id,
            full_name: p.full_name,
            gender: p.gender,
            birth_date: p.birth_date,
            residence_unit_id: p.residence_unit_id,
            party_status: p.party_status,
            party_org_id: p.party_org_id,
            ethnicity: p.ethnicity,
            id_number: p.id_number,
            address: p.address,
        }
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "full_name": "Lý Mạnh Thường", "gender": "male", "birth_date": "1972-03-14",
    "residence_unit_id": 10, "party_status": "official", "party_org_id": 16
}))]
pub struct NewPersonIn {
    #[validate(length(min = 1, max = 200))]
    #[serde(deserialize_with = "input::name")]
    pub full_name: String,
    pub gender: Gender,
    #[serde(deserialize_with = "input::day")]
    pub birth_date: NaiveDate,
    pub residence_unit_id: UnitId,
    pub party_status: PartyStatus,
    /// The day the party status began (admitted on probation, or made official): before
    /// it, the person counts as having the status before (none, for a first admission).
    /// Absent: the status holds all along, as far as the registry knows.
    #[serde(default, deserialize_with = "input::day_opt")]
    #[schema(example = "2021-03-01")]
    pub party_status_since: Option<NaiveDate>,
    /// Required for Party members, absent for others.
    pub party_org_id: Option<PartyOrgId>,
    #[validate(length(min = 1, max = 100))]
    #[serde(default, deserialize_with = "input::name_opt")]
    pub ethnicity: Option<String>,
    #[validate(length(min = 9, max = 12))]
    #[serde(default, deserialize_with = "input::name_opt")]
    pub id_number: Option<String>,
    #[validate(length(min = 1, max = 500))]
    #[serde(default, deserialize_with = "input::name_opt")]
    pub address: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"party_status": "official", "party_org_id": 16}))]
pub struct PersonPatchIn {
    #[validate(length(min = 1, max = 200))]
    #[serde(default, deserialize_with = "input::name_opt")]
    pub full_name: Option<String>,
    pub gender: Option<Gender>,
    #[serde(default, deserialize_with = "input::day_opt")]
    pub birth_date: Option<NaiveDate>,
    pub residence_unit_id: Option<UnitId>,
    /// With `party_status_since`, a change of status on that day, kept beside the
    /// earlier ones (reports and checks of earlier days see the earlier status); without
    /// it, a correction that holds all along.
    pub party_status: Option<PartyStatus>,
    #[serde(default, deserialize_with = "input::day_opt")]
    #[schema(example = "2021-03-01")]
    pub party_status_since: Option<NaiveDate>,
    #[serde(default, deserialize_with = "double_option::deserialize")]
    #[schema(value_type = Option<PartyOrgId>)]
    pub party_org_id: Option<Option<PartyOrgId>>,
    #[serde(default, deserialize_with = "input::name_patch")]
    #[schema(value_type = Option<String>)]
    pub ethnicity: Option<Option<String>>,
    #[serde(default, deserialize_with = "input::name_patch")]
    #[schema(value_type = Option<String>)]
    pub id_number: Option<Option<String>>,
    #[serde(default, deserialize_with = "input::name_patch")]
    #[schema(value_type = Option<String>)]
    pub address: Option<Option<String>>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PersonListQuery {
    /// Persons living in this unit or anywhere under it.
    pub unit: Option<UnitId>,
    pub party_status: Option<PartyStatus>,
    pub party_org: Option<PartyOrgId>,
    /// Each person's party status of this day (`party_status` still filters on the
    /// latest); absent: the latest.
    #[serde(default, deserialize_with = "input::day_opt")]
    #[param(example = "2020-02-05")]
    pub on: Option<NaiveDate>,
    /// Page size, 1 to 500 (default 50).
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// List persons
///
/// Signed-in roles only; an officer sees the persons living in its area.
#[utoipa::path(
    operation_id = "listPersons",
    tag = "persons",
    params(PersonListQuery, KnownAt),
    security(("bearer" = [])),
    responses((status = 200, description = "One page of persons", body = Page<PersonOut>), AuthErrors, CommonErrors)
)]
#[get("/persons")]
pub async fn list(
    req: HttpRequest,
    user: AuthUser,
    store: web::Data<Store>,
    q: web::Query<PersonListQuery>,
    known: web::Query<KnownAt>,
) -> Result<HttpResponse, ApiError> {
    let store = known.view(&store);
    let q = q.into_inner();
    let filter = PersonFilter {
        within_unit: q.unit,
        party_status: q.party_status,
        party_org_id: q.party_org,
        ..Default::default()
    };
    let on = q.on;
    pagination::list(
        &req,
        store,
        (q.limit, q.cursor),
        move |s, w| persons::list(s, &user.caller, filter, on, w),
        |p| p.id.get(),
        PersonOut::from,
    )
    .await
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PersonGetQuery {
    /// The party status of this day (a status change takes effect on its day); absent:
    /// the latest.
    #[serde(default, deserialize_with = "input::day_opt")]
    #[param(example = "2020-02-05")]
    pub on: Option<NaiveDate>,
}

/// Get a person
#[utoipa::path(
    operation_id = "getPerson",
    tag = "persons",
    params(("id" = i64, Path, description = "The person's id"), PersonGetQuery, KnownAt),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The person", body = PersonOut, headers(("ETag" = String))),
        (status = 304, description = "Not modified since the ETag in If-None-Match"),
        AuthErrors, NotFoundError, CommonErrors
    )
)]
#[get("/persons/{id}")]
pub async fn get(
    req: HttpRequest,
    user: AuthUser,
    store: web::Data<Store>,
    id: web::Path<PersonId>,
    q: web::Query<PersonGetQuery>,
    known: web::Query<KnownAt>,
) -> Result<HttpResponse, ApiError> {
    let store = known.view(&store);
    let id = id.into_inner();
    let on = q.into_inner().on;
    let person = run(store, move |s| persons::get(s, &user.caller, id, on)).await?;
    Ok(etag::respond(
        &req,
        person.version,
        &PersonOut::from(person),
    ))
}

/// Record a person
///
/// An officer records persons living in its area.
#[utoipa::path(
    operation_id = "createPerson",
    tag = "persons",
    request_body = NewPersonIn,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = PersonOut, headers(("Location" = String), ("ETag" = String))),
        AuthErrors, WriteErrors, CommonErrors
    )
)]
#[post("/persons")]
pub async fn create(
    user: AuthUser,
    store: web::Data<Store>,
    body: Json<NewPersonIn>,
) -> Result<HttpResponse, ApiError> {
    let b = body.0;
    let caller = user.keeping(created);
    let person = run(store, move |s| {
        let new = NewPerson {
            fields: PersonFields {
                full_name: b.full_name,
                gender: b.gender,
                birth_date: b.birth_date,
                residence_unit_id: b.residence_unit_id,
                party_status: b.party_status,
                party_org_id: b.party_org_id,
                ethnicity: b.ethnicity,
                id_number: b.id_number,
                address: b.address,
            },
            party_status_since: b.party_status_since,
        };
        persons::create(s, &caller, new)
    })
    .await?;
    Ok(created(person))
}

/// Change a person
///
/// Send `If-Match` with the ETag you read (412 if the person changed meanwhile). A field
/// set to `null` is cleared; an absent field stays as it is.
#[utoipa::path(
    operation_id = "updatePerson",
    tag = "persons",
    params(
        ("id" = i64, Path, description = "The person's id"),
        ("If-Match" = Option<String>, Header, description = "The ETag the change is based on")
    ),
    request_body = PersonPatchIn,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The changed person", body = PersonOut, headers(("ETag" = String))),
        AuthErrors, NotFoundError, StaleError, WriteErrors, CommonErrors
    )
)]
#[patch("/persons/{id}")]
pub async fn update(
    req: HttpRequest,
    user: AuthUser,
    store: web::Data<Store>,
    id: web::Path<PersonId>,
    body: Json<PersonPatchIn>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let expected = etag::if_match(&req)?;
    let b = body.0;
    let person = run(store, move |s| {
        let patch = PersonPatch {
            full_name: b.full_name,
            gender: b.gender,
            birth_date: b.birth_date,
            residence_unit_id: b.residence_unit_id,
            party_status: b.party_status,
            party_status_since: b.party_status_since,
            party_org_id: b.party_org_id,
            ethnicity: b.ethnicity,
            id_number: b.id_number,
            address: b.address,
        };
        persons::update(s, &user.caller, id, patch, expected)
    })
    .await?;
    Ok(etag::respond(
        &req,
        person.version,
        &PersonOut::from(person),
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EligibilityQuery {
    /// `village_head`, `deputy_village_head`, `cell_secretary` or `cell_deputy_secretary`.
    pub post: Post,
    /// The village.
    pub unit: UnitId,
    /// The day of the election (default: today in Vietnam): the person's age and party
    /// status of that day are judged.
    #[serde(default, deserialize_with = "input::day_opt")]
    #[param(example = "2020-01-05")]
    pub on: Option<NaiveDate>,
}

/// Whether a person may stand, and why.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "eligible": false, "person_id": 3, "post": "village_head", "unit_id": 10, "on": "2020-01-05",
    "checks": super::check::examples()
}))]
pub struct EligibilityOut {
    pub eligible: bool,
    pub person_id: PersonId,
    pub post: Post,
    pub unit_id: UnitId,
    pub on: NaiveDate,
    /// Every check with its rule, result, the facts used and the legal source.
    pub checks: Vec<CheckOut>,
}

/// Check a person's eligibility
///
/// Runs the checks an election would run for this person, post, village and day: for a
/// head, age (21 on the day), residence and no head post elsewhere; for a secretary,
/// official membership of the village's cell.
#[utoipa::path(
    operation_id = "getPersonEligibility",
    tag = "persons",
    params(("id" = i64, Path, description = "The person's id"), EligibilityQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The verdict and every check", body = EligibilityOut),
        AuthErrors, NotFoundError, RuleError, CommonErrors
    )
)]
#[get("/persons/{id}/eligibility")]
pub async fn eligibility(
    user: AuthUser,
    store: web::Data<Store>,
    id: web::Path<PersonId>,
    q: web::Query<EligibilityQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let q = q.into_inner();
    let on = q.on.unwrap_or_else(today);
    let checks = run(store, move |s| {
        dantin_usecases::eligibility::for_post(s, &user.caller, id, q.post, q.unit, on)
    })
    .await?;
    Ok(HttpResponse::Ok().json(EligibilityOut {
        eligible: checks.iter().all(|c| c.passed),
        person_id: id,
        post: q.post,
        unit_id: q.unit,
        on,
        checks: checks.iter().map(CheckOut::from).collect(),
    }))
}

/// 201 with the new record, its ETag, and where to read it.
fn created(person: Person) -> HttpResponse {
    etag::created(
        format!("/api/v1/persons/{}", person.id),
        person.version,
        &PersonOut::from(person),
    )
}
