//! `/api/v1/units`: the administrative map, public to read.

use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use dantin_domain::unification::NotUnifiedReason;
use dantin_domain::unit::{UnitKind, UnitLevel};
use dantin_persistence::units::{
    self, ImportRow, ImportSummary, NewUnit, Unit, UnitFilter, UnitPatch,
};
use dantin_persistence::{unification, RowError, Store};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::auth::AuthUser;
use crate::db::run;
use crate::error::{
    ApiError, AuthErrors, CommonErrors, Kind, NotFoundError, ProblemItem, RuleError, StaleError,
    WriteErrors,
};
use crate::export::{self, Format, EXPORT_PAGE};
use crate::extract::{body_bytes, is_json, parse_json, Json, IMPORT_LIMIT};
use crate::pagination::{self, today, Page, Pager};
use crate::{double_option, etag};

/// A unit as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 4, "code": null, "name": "Huyện Ba Chẽ", "level": "district", "kind": "huyen",
    "parent_id": 1, "valid_from": "2000-01-01", "valid_to": null
}))]
pub struct UnitOut {
    /// Stable forever.
    pub id: i64,
    /// The official code, where one exists; unique among the units in force on any day.
    pub code: Option<String>,
    pub name: String,
    pub level: UnitLevel,
    pub kind: UnitKind,
    pub parent_id: Option<i64>,
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
    pub code: Option<String>,
    #[validate(length(min = 1, max = 200))]
    pub name: String,
    pub level: UnitLevel,
    pub kind: UnitKind,
    /// Required for every level but province.
    pub parent_id: Option<i64>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Thôn Khe Tâm", "valid_to": "2026-07-01"}))]
pub struct UnitPatchIn {
    #[validate(length(min = 1, max = 32))]
    pub code: Option<String>,
    #[validate(length(min = 1, max = 200))]
    pub name: Option<String>,
    pub kind: Option<UnitKind>,
    pub valid_from: Option<NaiveDate>,
    /// A date ends the unit; `null` reopens it.
    #[serde(default, deserialize_with = "double_option::deserialize")]
    #[schema(value_type = Option<NaiveDate>)]
    pub valid_to: Option<Option<NaiveDate>>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnitListQuery {
    /// Only the direct children of this unit.
    pub parent: Option<i64>,
    pub level: Option<UnitLevel>,
    /// Name search, ignoring case and diacritics, from the start of any word:
    /// "ba che" finds "Huyện Ba Chẽ".
    pub q: Option<String>,
    /// The units in force on this day (default: today in Vietnam).
    pub on: Option<NaiveDate>,
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
    params(UnitListQuery),
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
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    let pager = Pager::new(q.limit, q.cursor.as_deref())?;
    let filter = UnitFilter {
        parent_id: q.parent,
        level: q.level,
        q: q.q,
        on: Some(q.on.unwrap_or_else(today)),
        after_id: pager.after_id,
        limit: pager.fetch(),
    };
    match export::format_of(&req) {
        Format::Json => {
            let rows = run(store, move |s| s.read(|c| units::list(c, &filter))).await?;
            Ok(pagination::respond(
                &req,
                pager,
                rows,
                |u| u.id,
                UnitOut::from,
            ))
        }
        format => Ok(export::stream(store, format, move |s, after| {
            let f = UnitFilter {
                after_id: after,
                limit: EXPORT_PAGE as i64,
                ..filter.clone()
            };
            let rows = s.read(|c| units::list(c, &f))?;
            let next = export::next_after(&rows, |u| u.id);
            Ok((rows.into_iter().map(UnitOut::from).collect(), next))
        })),
    }
}

/// Get a unit
///
/// Public. Answers `ETag`; a matching `If-None-Match` gets 304.
#[utoipa::path(
    operation_id = "getUnit",
    tag = "units",
    params(("id" = i64, Path, description = "The unit's id")),
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
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let unit = run(store, move |s| s.read(|c| units::get(c, id))).await?;
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
    user.require_writer()?;
    let b = body.0;
    let unit = run(store, move |s| {
        match b.parent_id {
            Some(parent) => s.read(|c| user.require_reach_if_exists(c, parent))?,
            None => user.require_admin()?,
        }
        let new = NewUnit {
            code: b.code,
            name: b.name,
            level: b.level,
            kind: b.kind,
            parent_id: b.parent_id,
            valid_from: b.valid_from,
            valid_to: b.valid_to,
        };
        s.write(|c| units::create(c, &user.actor(), new))
            .map_err(ApiError::from)
    })
    .await?;
    Ok(etag::created(
        format!("/api/v1/units/{}", unit.id),
        unit.version,
        &UnitOut::from(unit),
    ))
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
    id: web::Path<i64>,
    body: Json<UnitPatchIn>,
) -> Result<HttpResponse, ApiError> {
    user.require_writer()?;
    let id = id.into_inner();
    let expected = etag::if_match(&req)?;
    let b = body.0;
    let unit = run(store, move |s| {
        s.read(|c| {
            units::get(c, id)?;
            user.require_reach(c, id)
        })?;
        let patch = UnitPatch {
            code: b.code,
            name: b.name,
            kind: b.kind,
            valid_from: b.valid_from,
            valid_to: b.valid_to,
        };
        s.write(|c| units::update(c, &user.actor(), id, patch, expected))
            .map_err(ApiError::from)
    })
    .await?;
    Ok(etag::respond(&req, unit.version, &UnitOut::from(unit)))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportRowIn {
    #[validate(length(min = 1, max = 32))]
    pub code: String,
    #[validate(length(min = 1, max = 200))]
    pub name: String,
    /// `province`, `district`, `commune` or `village`.
    pub level: String,
    /// A unit kind, e.g. `tinh`, `huyen`, `xa`, `thon`.
    pub kind: String,
    /// The parent's code: another row, or a unit in force on `valid_from`.
    pub parent_code: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "valid_from": "2025-07-01",
    "units": [
        {"code": "22", "name": "Tỉnh Quảng Ninh", "level": "province", "kind": "tinh"},
        {"code": "22-001", "name": "Phường Hồng Gai", "level": "commune", "kind": "phuong", "parent_code": "22"}
    ]
}))]
pub struct ImportIn {
    pub valid_from: NaiveDate,
    #[validate(nested)]
    pub units: Vec<ImportRowIn>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// With a CSV body: the day the units come into force.
    pub valid_from: Option<NaiveDate>,
}

/// What an import created.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"created": 2, "provinces": 1, "districts": 0, "communes": 1, "villages": 0}))]
pub struct ImportOut {
    pub created: usize,
    pub provinces: usize,
    pub districts: usize,
    pub communes: usize,
    pub villages: usize,
}

impl From<ImportSummary> for ImportOut {
    fn from(s: ImportSummary) -> Self {
        Self {
            created: s.created,
            provinces: s.provinces,
            districts: s.districts,
            communes: s.communes,
            villages: s.villages,
        }
    }
}

fn row_error(index: usize, rule: &'static str, detail: String) -> RowError {
    RowError {
        index,
        rule,
        detail,
    }
}

/// Reads each row's level and kind; the rows that cannot be read are refused with their
/// reasons, and the rest still get checked so that one answer lists every bad row.
fn parse_rows(rows: Vec<ImportRowIn>) -> (Vec<ImportRow>, Vec<RowError>) {
    let mut errors = Vec::new();
    let mut parsed = Vec::with_capacity(rows.len());
    for (i, r) in rows.into_iter().enumerate() {
        let level = r
            .level
            .parse::<UnitLevel>()
            .map_err(|e| row_error(i, "level", e.to_string()));
        let kind = r
            .kind
            .parse::<UnitKind>()
            .map_err(|e| row_error(i, "kind", e.to_string()));
        match (level, kind) {
            (Ok(level), Ok(kind)) => parsed.push(ImportRow {
                index: i,
                code: r.code,
                name: r.name,
                level,
                kind,
                parent_code: r.parent_code.filter(|p| !p.is_empty()),
            }),
            (level, kind) => errors.extend(level.err().into_iter().chain(kind.err())),
        }
    }
    (parsed, errors)
}

/// Reads CSV rows; every row whose fields fail validation is listed, not just the first.
fn parse_csv(bytes: &[u8]) -> Result<Vec<ImportRowIn>, ApiError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let mut rows = Vec::new();
    let mut invalid = Vec::new();
    for (i, record) in reader.deserialize::<ImportRowIn>().enumerate() {
        let row = record.map_err(|e| {
            ApiError::new(Kind::BadRequest, format!("CSV row {i} cannot be read: {e}"))
        })?;
        match row.validate() {
            Ok(()) => rows.push(row),
            Err(e) => {
                invalid.extend(
                    ApiError::from(e)
                        .errors
                        .into_iter()
                        .map(|item| ProblemItem {
                            index: Some(i),
                            ..item
                        }),
                )
            }
        }
    }
    if invalid.is_empty() {
        Ok(rows)
    } else {
        Err(ApiError::new(
            Kind::ValidationFailed,
            format!("{} field(s) are invalid", invalid.len()),
        )
        .with_errors(invalid))
    }
}

/// Import units in bulk
///
/// Creates every row or none, in any order, parents resolved by code; takes a whole
/// country (~110,000 units) in one request. JSON as below, or CSV (`Content-Type:
/// text/csv`, columns `code,name,level,kind,parent_code`, with `?valid_from=`). A refusal
/// (422) lists every bad row by its 0-based index and the rule it broke. Admin only.
#[utoipa::path(
    operation_id = "importUnits",
    tag = "units",
    params(ImportQuery),
    request_body(content(
        (ImportIn = "application/json"),
        (String = "text/csv", example = "code,name,level,kind,parent_code\n22,Tỉnh Quảng Ninh,province,tinh,\n")
    )),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Everything was created", body = ImportOut),
        AuthErrors, WriteErrors, CommonErrors
    )
)]
#[post("/units/import")]
pub async fn import(
    req: HttpRequest,
    user: AuthUser,
    store: web::Data<Store>,
    query: web::Query<ImportQuery>,
    mut payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    user.require_admin()?;
    let is_csv = req
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().to_ascii_lowercase().starts_with("text/csv"));
    if !is_csv && !is_json(&req) {
        return Err(ApiError::new(
            Kind::UnsupportedMediaType,
            "send the units as application/json or text/csv",
        ));
    }
    let bytes = body_bytes(&req, &mut payload, IMPORT_LIMIT).await?;
    let (valid_from, rows) = if is_csv {
        let valid_from = query.valid_from.ok_or_else(|| {
            ApiError::invalid_parameter("a CSV import needs ?valid_from=YYYY-MM-DD")
        })?;
        (valid_from, parse_csv(&bytes)?)
    } else {
        let body: ImportIn = parse_json(&bytes)?;
        (body.valid_from, body.units)
    };
    let (rows, refused) = parse_rows(rows);
    let summary = run(store, move |s| {
        s.write(|c| units::import(c, &user.actor(), valid_from, &rows, refused))
    })
    .await?;
    Ok(HttpResponse::Created().json(ImportOut::from(summary)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatusQuery {
    /// The day (default: today in Vietnam).
    pub on: Option<NaiveDate>,
}

/// A village's standing under the unified model on a day.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "village_id": 10, "on": "2020-02-05", "cell_id": 16, "head_person_id": 4,
    "secretary_person_id": 4, "unified": true, "pending_approval": false,
    "head_vacant_since": null, "secretary_vacant_since": null, "election_due_by": null, "reason": null
}))]
pub struct UnifiedStatusOut {
    pub village_id: i64,
    pub on: NaiveDate,
    /// The village's Party cell, if it has one.
    pub cell_id: Option<i64>,
    pub head_person_id: Option<i64>,
    /// The secretary in office, or elected and awaiting approval.
    pub secretary_person_id: Option<i64>,
    /// One person is the recognised head and the secretary.
    pub unified: bool,
    /// Unified, but the secretary's approval is still awaited.
    pub pending_approval: bool,
    /// With no head on the day: since when the post has been vacant.
    pub head_vacant_since: Option<NaiveDate>,
    /// With no secretary in office on the day: since when the post has been vacant.
    pub secretary_vacant_since: Option<NaiveDate>,
    /// With an interim head: the day by which an election is due (6 months, or 60 days
    /// after a removal).
    pub election_due_by: Option<NaiveDate>,
    /// Why not unified: `no_head`, `head_removed`, `interim_head`, `head_not_party_member`,
    /// `head_probationary`, `no_secretary`, `congress_chose_another`.
    pub reason: Option<NotUnifiedReason>,
}

/// Get a village's unified status
///
/// Whether one person holds both posts of the village on `on` ("Dân tin – Đảng cử"),
/// and if not, why. Public: it shows person ids, nothing personal.
#[utoipa::path(
    operation_id = "getUnifiedStatus",
    tag = "units",
    params(("id" = i64, Path, description = "The village's id"), StatusQuery),
    security(),
    responses(
        (status = 200, description = "The status", body = UnifiedStatusOut),
        NotFoundError, RuleError, CommonErrors
    )
)]
#[get("/units/{id}/unified-status")]
pub async fn unified_status(
    store: web::Data<Store>,
    id: web::Path<i64>,
    q: web::Query<StatusQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let on = q.on.unwrap_or_else(today);
    let v = run(store, move |s| {
        s.read(|c| unification::village_on(c, id, on))
    })
    .await?;
    Ok(HttpResponse::Ok().json(UnifiedStatusOut {
        village_id: v.unit.id,
        on,
        cell_id: v.org_id,
        head_person_id: v.head_person_id,
        secretary_person_id: v.secretary_person_id,
        unified: v.status.unified,
        pending_approval: v.status.pending_approval,
        head_vacant_since: v.head_vacant_since,
        secretary_vacant_since: v.secretary_vacant_since,
        election_due_by: v.election_due_by,
        reason: v.status.reason,
    }))
}
