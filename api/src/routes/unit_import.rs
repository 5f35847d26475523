//! `/api/v1/units/import`: a whole country's units in one request, as JSON or CSV.

use actix_web::{post, web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use dantin_domain::unit::UnitLevel;
use dantin_domain::unit_kind;
use dantin_domain::{RowViolation, Rule};
use dantin_usecases::unit_import::{self, ImportRow, ImportSummary};
use dantin_usecases::Store;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::auth::AuthUser;
use crate::db::run;
use crate::error::{ApiError, AuthErrors, CommonErrors, WriteErrors};
use crate::extract::{body_bytes, is_csv_else_json, parse_csv, parse_json, IMPORT_LIMIT};
use crate::input;

// Serialize only for the validator's error paths, when a reorganisation's `create`
// carries one.
#[derive(Debug, Deserialize, Serialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportRowIn {
    #[validate(length(min = 1, max = 32))]
    #[serde(deserialize_with = "input::name")]
    pub code: String,
    #[validate(length(min = 1, max = 200))]
    #[serde(deserialize_with = "input::name")]
    pub name: String,
    /// `province`, `district`, `commune` or `village`.
    pub level: String,
    /// The kind: the slug (`thi_xa`) or the Vietnamese word in any case, with or without
    /// diacritics (`Thị xã`, `thành phố trung ương`); when absent or empty, read from the
    /// name's leading words (`Phường Hồng Gai` is a `phuong`).
    #[serde(default)]
    pub kind: Option<String>,
    /// The parent's code: another row, or a unit in force on `valid_from`.
    #[serde(default, deserialize_with = "input::name_opt")]
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
    #[serde(deserialize_with = "input::day")]
    pub valid_from: NaiveDate,
    #[validate(nested)]
    pub units: Vec<ImportRowIn>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// With a CSV body: the day the units come into force.
    #[serde(default, deserialize_with = "input::day_opt")]
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

fn row_error(index: usize, rule: Rule, detail: String) -> RowViolation {
    RowViolation {
        index,
        rule,
        detail,
    }
}

/// Reads each row's level and kind; the rows that cannot be read are refused with their
/// reasons, and the rest still get checked so that one answer lists every bad row.
pub(crate) fn parse_rows(rows: Vec<ImportRowIn>) -> (Vec<ImportRow>, Vec<RowViolation>) {
    let mut errors = Vec::new();
    let mut parsed = Vec::with_capacity(rows.len());
    for (i, r) in rows.into_iter().enumerate() {
        match parse_row(i, r) {
            Ok(row) => parsed.push(row),
            Err(why) => errors.extend(why),
        }
    }
    (parsed, errors)
}

/// Reads one row's level and kind (the kind from its name when absent), or says why not.
pub(crate) fn parse_row(index: usize, r: ImportRowIn) -> Result<ImportRow, Vec<RowViolation>> {
    let level = r
        .level
        .parse::<UnitLevel>()
        .map_err(|e| row_error(index, Rule::ImportLevel, e.to_string()));
    let kind = r
        .kind
        .filter(|word| !word.is_empty())
        .map(|word| unit_kind::read_word(&word))
        .transpose()
        .and_then(|given| unit_kind::kind_of(given, &r.name))
        .map_err(|v| row_error(index, v.rule, v.detail));
    match (level, kind) {
        (Ok(level), Ok(kind)) => Ok(ImportRow {
            index,
            code: r.code,
            name: r.name,
            level,
            kind,
            parent_code: r.parent_code.filter(|p| !p.is_empty()),
        }),
        (level, kind) => Err(level.err().into_iter().chain(kind.err()).collect()),
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
    let is_csv = is_csv_else_json(&req)?;
    let bytes = body_bytes(&req, &mut payload, IMPORT_LIMIT).await?;
    let (valid_from, rows) = if is_csv {
        let valid_from = query.valid_from.ok_or_else(|| {
            ApiError::invalid_parameter(
                "a CSV import needs ?valid_from=YYYY-MM-DD",
                "Nhập dữ liệu CSV cần tham số ?valid_from=YYYY-MM-DD.",
            )
        })?;
        (valid_from, parse_csv(&bytes, Ok::<ImportRowIn, _>)?)
    } else {
        let body: ImportIn = parse_json(&bytes)?;
        (body.valid_from, body.units)
    };
    let (rows, refused) = parse_rows(rows);
    let caller = user.keeping(imported);
    let summary = run(store, move |s| {
        unit_import::import(s, &caller, valid_from, &rows, refused)
    })
    .await?;
    Ok(imported(summary))
}

/// 201 with what the import created.
fn imported(summary: ImportSummary) -> HttpResponse {
    HttpResponse::Created().json(ImportOut::from(summary))
}
