//! `/api/v1/units`: the administrative map, public to read.

use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use dantin_domain::unit::{UnitKind, UnitLevel};
use dantin_domain::UnitId;
use dantin_usecases::clock::today;
use dantin_usecases::units::{self, NewUnit, Unit, UnitFilter, UnitPatch};
use dantin_usecases::{Store, Window};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::auth::AuthUser;
use crate::db::run;
use crate::error::{ApiError, AuthErrors, CommonErrors, NotFoundError, StaleError, WriteErrors};
use crate::export::{self, Format, EXPORT_PAGE};
use crate::extract::Json;
use crate::known::KnownAt;
use crate::pagination::{self, Page, Pager};
use crate::{etag, input};

/// A unit as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 4, "code": null, "name": "Huyện Ba Chẽ", "level": "district", "kind": "huyen",
    "parent_id": 1, "valid_from": "2000-01-01", "valid_to": null
}))]
pub struct UnitOut {
    /// Stable forever.
    pub id: UnitId,
    /// The official code, where one exists; unique among the units in force on any day.
    pub code: Option<String>,
    pub name: String,
    pub level: UnitLevel,
    pub kind: UnitKind,
    pub parent_id: Option<UnitId>,
    /// First day in force.
    pub valid_from: NaiveDate,
    /// First day no longer in force; absent while in force.
    pub valid_to: Option<NaiveDate>,
}

impl From<Unit> for UnitOut {
    fn from(u: Unit) -> Self {
        Self {
            id: u.id,
            code: u.code,
            name: u.name,
            level: u.level,
            kind: u.kind,
            parent_id: u.parent_id,
            valid_from: u.valid_from,
            valid_to: u.valid_to,
        }
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "name": "Thôn Khe Tâm", "level": "village", "kind": "thon", "parent_id": 7, "valid_from": "2000-01-01"
}))]
pub struct NewUnitIn {
    #[validate(length(min = 1, max = 32))]
    #[serde(default, deserialize_with = "input::name_opt")]
    pub code: Option<String>,
    #[validate(length(min = 1, max = 200))]
    #[serde(deserialize_with = "input::name")]
    pub name: String,
    pub level: UnitLevel,
    /// The slug (`thi_xa`) or the Vietnamese word, with or without diacritics, in any case
    /// (`Thị xã`, `thi xa`, `thành phố trung ương`); when absent, read from the name's
    /// leading words (`Phường Hồng Hà` is a `phuong`). Answered as the slug.
    #[serde(default, deserialize_with = "input::kind_opt")]
    #[schema(value_type = Option<String>, example = "thôn")]
    pub kind: Option<UnitKind>,
    /// Required for every level but province.
    pub parent_id: Option<UnitId>,
    #[serde(deserialize_with = "input::day")]
    pub valid_from: NaiveDate,
    #[serde(default, deserialize_with = "input::day_opt")]
    pub valid_to: Option<NaiveDate>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Thôn Khe Tâm", "valid_to": "2026-07-01"}))]
pub struct UnitPatchIn {
    #[validate(length(min = 1, max = 32))]
    #[serde(default, deserialize_with = "input::name_opt")]
    pub code: Option<String>,
    #[validate(length(min = 1, max = 200))]
    #[serde(default, deserialize_with = "input::name_opt")]
    pub name: Option<String>,
    /// The slug or the Vietnamese word, as on create.
    #[serde(default, deserialize_with = "input::kind_opt")]
    #[schema(value_type = Option<String>, example = "phường")]
    pub kind: Option<UnitKind>,
    #[serde(default, deserialize_with = "input::day_opt")]
    pub valid_from: Option<NaiveDate>,
    /// A date ends the unit; `null` reopens it.
    #[serde(default, deserialize_with = "input::day_patch")]
    #[schema(value_type = Option<NaiveDate>)]
    pub valid_to: Option<Option<NaiveDate>>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnitListQuery {
    /// Only the direct children of this unit, on the map of `map`.
    pub parent: Option<UnitId>,
    pub level: Option<UnitLevel>,
    /// The unit that had this official code on `on` (codes are reused: the 2025 reform
    /// gave old codes to new units).
    #[param(example = "22")]
    pub code: Option<String>,
    /// Name search, ignoring case and diacritics, from the start of any word:
    /// "ba che" finds "Huyện Ba Chẽ".
    pub q: Option<String>,
    /// The units in force on this day, as they were then (default: today in Vietnam).
    #[serde(default, deserialize_with = "input::day_opt")]
    #[param(example = "2020-02-05")]
    pub on: Option<NaiveDate>,
    /// The day whose map `parent` is cut on (default: `on`): `parent=<a province of
    /// today>&map=2025-07-01&on=2020-02-05` lists the units under it today as they were
    /// in 2020.
    #[serde(default, deserialize_with = "input::day_opt")]
    #[param(example = "2025-07-01")]
    pub map: Option<NaiveDate>,
    /// Page size, 1 to 500 (default 50).
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// List units
///
/// The units in force on `on`, filtered by parent, level and name. Public.
/// `Accept: text/csv` or `application/x-ndjson` streams every matching unit instead of a
/// page.
#[utoipa::path(
    operation_id = "listUnits",
    tag = "units",
    params(UnitListQuery, KnownAt),
    security(),
    responses(
        (status = 200, description = "One page of units (or every unit, as CSV or NDJSON)",
            content(
                (Page<UnitOut> = "application/json"),
                (String = "text/csv", example = "id,code,name,level,kind,parent_id,valid_from,valid_to\n8,,Huyện Ba Chẽ,district,huyen,1,2000-01-01,\n"),
                (String = "application/x-ndjson")
            )),
        CommonErrors
    )
)]
#[get("/units")]
pub async fn list(
    req: HttpRequest,
    store: web::Data<Store>,
    q: web::Query<UnitListQuery>,
    known: web::Query<KnownAt>,
) -> Result<HttpResponse, ApiError> {
    let store = known.view(&store);
    let q = q.into_inner();
    let filter = UnitFilter {
        parent_id: q.parent,
        map: q.map,
        level: q.level,
        code: q.code,
        q: q.q,
        on: q.on.unwrap_or_else(today),
    };
    // A bad page is refused whatever the format, though the streamed ones ignore it.
    Pager::new(q.limit, q.cursor.as_deref())?;
    match export::format_of(&req) {
        Format::Json => {
            pagination::list(
                &req,
                store,
                (q.limit, q.cursor),
                move |s, w| units::list(s, &filter, w),
                |u| u.id.get(),
                UnitOut::from,
            )
            .await
        }
        format => Ok(export::stream(store, format, move |s, after| {
            let window = Window {
                after,
                limit: EXPORT_PAGE as i64,
            };
            let rows = units::list(s, &filter, window)?;
            let next = export::next_after(&rows, |u| u.id.get());
            Ok((rows.into_iter().map(UnitOut::from).collect(), next))
        })),
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnitGetQuery {
    /// The unit as it was on this day: its code, name, kind and parent then. Absent: today
    /// in Vietnam, or, for a unit out of force today, its last version. A day outside its
    /// life answers 404 `not_in_force` with its days.
    #[serde(default, deserialize_with = "input::day_opt")]
    #[param(example = "2020-02-05")]
    pub on: Option<NaiveDate>,
}

/// Get a unit
///
/// Public. A unit keeps its id forever; its code, name, kind and parent are versions in
/// time, and `on` picks one. Answers `ETag`; a matching `If-None-Match` gets 304.
#[utoipa::path(
    operation_id = "getUnit",
    tag = "units",
    params(("id" = i64, Path, description = "The unit's id"), UnitGetQuery, KnownAt),
    security(),
    responses(
        (status = 200, description = "The unit", body = UnitOut, headers(("ETag" = String))),
        (status = 304, description = "Not modified since the ETag in If-None-Match"),
        NotFoundError, CommonErrors
    )
)]
#[get("/units/{id}")]
pub async fn get(
    req: HttpRequest,
    store: web::Data<Store>,
    id: web::Path<UnitId>,
    q: web::Query<UnitGetQuery>,
    known: web::Query<KnownAt>,
) -> Result<HttpResponse, ApiError> {
    let store = known.view(&store);
    let id = id.into_inner();
    let on = q.into_inner().on;
    let unit = run(store, move |s| units::get(s, id, on)).await?;
    Ok(etag::respond(&req, unit.version, &UnitOut::from(unit)))
}

/// Create a unit
///
/// An officer creates units only under a unit in its area; only an admin creates provinces.
#[utoipa::path(
    operation_id = "createUnit",
    tag = "units",
    request_body = NewUnitIn,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = UnitOut, headers(("Location" = String), ("ETag" = String))),
        AuthErrors, WriteErrors, CommonErrors
    )
)]
#[post("/units")]
pub async fn create(
    user: AuthUser,
    store: web::Data<Store>,
    body: Json<NewUnitIn>,
) -> Result<HttpResponse, ApiError> {
    let b = body.0;
    let caller = user.keeping(created);
    let unit = run(store, move |s| {
        let new = NewUnit {
            code: b.code,
            name: b.name,
            level: b.level,
            kind: b.kind,
            parent_id: b.parent_id,
            valid_from: b.valid_from,
            valid_to: b.valid_to,
        };
        units::create(s, &caller, new)
    })
    .await?;
    Ok(created(unit))
}

/// Change a unit
///
/// Renames, re-codes, re-kinds or ends a unit. Send `If-Match` with the ETag you read to
/// be sure nobody changed it meanwhile (412 if they did). Moving a unit is a
/// reorganisation, not a change.
#[utoipa::path(
    operation_id = "updateUnit",
    tag = "units",
    params(
        ("id" = i64, Path, description = "The unit's id"),
        ("If-Match" = Option<String>, Header, description = "The ETag the change is based on")
    ),
    request_body = UnitPatchIn,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The changed unit", body = UnitOut, headers(("ETag" = String))),
        AuthErrors, NotFoundError, StaleError, WriteErrors, CommonErrors
    )
)]
#[patch("/units/{id}")]
pub async fn update(
    req: HttpRequest,
    user: AuthUser,
    store: web::Data<Store>,
    id: web::Path<UnitId>,
    body: Json<UnitPatchIn>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let expected = etag::if_match(&req)?;
    let b = body.0;
    let unit = run(store, move |s| {
        let patch = UnitPatch {
            code: b.code,
            name: b.name,
            kind: b.kind,
            valid_from: b.valid_from,
            valid_to: b.valid_to,
        };
        units::update(s, &user.caller, id, patch, expected)
    })
    .await?;
    Ok(etag::respond(&req, unit.version, &UnitOut::from(unit)))
}

/// 201 with the new record, its ETag, and where to read it.
fn created(unit: Unit) -> HttpResponse {
    etag::created(
        format!("/api/v1/units/{}", unit.id),
        unit.version,
        &UnitOut::from(unit),
    )
}
