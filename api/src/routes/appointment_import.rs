//! `/api/v1/appointments/import`: a province's (or the country's) officeholders in one
//! request, as JSON or CSV.

use std::collections::BTreeMap;

use actix_web::{post, web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use dantin_domain::appointment::{holder_named_once, Basis, Post};
use dantin_domain::person::{Gender, PartyStatus};
use dantin_domain::{PartyOrgId, PersonId, RowViolation};
use dantin_usecases::appointment_import::{self, ImportRow, ImportSummary, NewHolder};
use dantin_usecases::Store;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::auth::AuthUser;
use crate::db::run;
use crate::error::{ApiError, AuthErrors, CommonErrors, Failure, WriteErrors};
use crate::extract::{body_bytes, is_csv_else_json, parse_csv, parse_json, IMPORT_LIMIT};
use crate::input;
use crate::problem::Problem;
use crate::wording::Detail;

/// A new person holding the post: the fields `POST /persons` takes, the residence named
/// by its code.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "full_name": "Lý Mạnh Thường", "gender": "male", "birth_date": "1972-03-14",
    "residence_unit_code": "06982-KT", "party_status": "official", "party_org_id": 16
}))]
pub struct NewHolderIn {
    #[validate(length(min = 1, max = 200))]
    #[serde(deserialize_with = "input::name")]
    pub full_name: String,
    pub gender: Gender,
    #[serde(deserialize_with = "input::day")]
    pub birth_date: NaiveDate,
    /// The code of the unit the person lives in, as it was on the row's `starts_on`.
    #[validate(length(min = 1, max = 32))]
    #[serde(deserialize_with = "input::name")]
    pub residence_unit_code: String,
    pub party_status: PartyStatus,
    /// The day the party status began; absent: it holds all along.
    #[serde(default, deserialize_with = "input::day_opt")]
    pub party_status_since: Option<NaiveDate>,
    /// Required for Party members, absent for others.
    #[serde(default)]
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

impl From<NewHolderIn> for NewHolder {
    fn from(p: NewHolderIn) -> Self {
        Self {
            full_name: p.full_name,
            gender: p.gender,
            birth_date: p.birth_date,
            residence_unit_code: p.residence_unit_code,
            party_status: p.party_status,
            party_status_since: p.party_status_since,
            party_org_id: p.party_org_id,
            ethnicity: p.ethnicity,
            id_number: p.id_number,
            address: p.address,
        }
    }
}

/// One tenure: who holds which post of which unit, from when.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AppointmentRowIn {
    /// The unit's code on `starts_on`. A Party post (`cell_secretary`,
    /// `cell_deputy_secretary`, `commune_party_secretary`, `agency_head`) is held in that
    /// unit's Party organisation of the kind the post needs.
    #[validate(length(min = 1, max = 32))]
    #[serde(deserialize_with = "input::name")]
    pub unit_code: String,
    pub post: Post,
    /// A recorded person; give this or `person`, not both.
    #[serde(default)]
    pub person_id: Option<PersonId>,
    /// A new person, created with the import (once, when several rows give the very same
    /// fields); give this or `person_id`, not both.
    #[serde(default)]
    #[validate(nested)]
    pub person: Option<NewHolderIn>,
    #[serde(deserialize_with = "input::day")]
    pub starts_on: NaiveDate,
    /// The first day no longer held; absent while held.
    #[serde(default, deserialize_with = "input::day_opt")]
    pub ends_on: Option<NaiveDate>,
    /// `election`, `interim` (a village head appointed for a vacancy) or `designated` (a
    /// secretary named by the superior committee).
    pub basis: Basis,
    /// The decision that grounds the tenure.
    #[validate(length(min = 1, max = 200))]
    #[serde(deserialize_with = "input::name")]
    pub decision: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"rows": [
    {"unit_code": "06982-KT", "post": "village_head", "person_id": 4, "starts_on": "2025-07-01",
     "basis": "election", "decision": "Quyết định 30/QĐ-UBND"},
    {"unit_code": "06982-KT", "post": "cell_secretary", "person_id": 4, "starts_on": "2025-07-01",
     "basis": "election", "decision": "Quyết định 12-QĐ/ĐU"},
    {"unit_code": "06982-NHT", "post": "village_head", "starts_on": "2025-07-01",
     "basis": "interim", "decision": "Quyết định 31/QĐ-UBND",
     "person": {"full_name": "Hoàng Văn Mới", "gender": "male", "birth_date": "1980-05-02",
                "residence_unit_code": "06982-NHT", "party_status": "none"}}
]}))]
pub struct AppointmentImportIn {
    #[validate(nested)]
    pub rows: Vec<AppointmentRowIn>,
}

/// A CSV line: the JSON row's fields as columns, a new person's as `person.full_name`,
/// `person.gender` and so on (left empty for a recorded person).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CsvRowIn {
    #[serde(deserialize_with = "input::name")]
    unit_code: String,
    post: Post,
    #[serde(default)]
    person_id: Option<PersonId>,
    #[serde(
        rename = "person.full_name",
        default,
        deserialize_with = "input::name_opt"
    )]
    full_name: Option<String>,
    #[serde(rename = "person.gender", default)]
    gender: Option<Gender>,
    #[serde(
        rename = "person.birth_date",
        default,
        deserialize_with = "input::day_opt"
    )]
    birth_date: Option<NaiveDate>,
    #[serde(
        rename = "person.residence_unit_code",
        default,
        deserialize_with = "input::name_opt"
    )]
    residence_unit_code: Option<String>,
    #[serde(rename = "person.party_status", default)]
    party_status: Option<PartyStatus>,
    #[serde(
        rename = "person.party_status_since",
        default,
        deserialize_with = "input::day_opt"
    )]
    party_status_since: Option<NaiveDate>,
    #[serde(rename = "person.party_org_id", default)]
    party_org_id: Option<PartyOrgId>,
    #[serde(
        rename = "person.ethnicity",
        default,
        deserialize_with = "input::name_opt"
    )]
    ethnicity: Option<String>,
    #[serde(
        rename = "person.id_number",
        default,
        deserialize_with = "input::name_opt"
    )]
    id_number: Option<String>,
    #[serde(
        rename = "person.address",
        default,
        deserialize_with = "input::name_opt"
    )]
    address: Option<String>,
    #[serde(deserialize_with = "input::day")]
    starts_on: NaiveDate,
    #[serde(default, deserialize_with = "input::day_opt")]
    ends_on: Option<NaiveDate>,
    basis: Basis,
    #[serde(deserialize_with = "input::name")]
    decision: String,
}

/// A `person.*` column a new person cannot do without, left empty.
fn required<T>(value: Option<T>, column: &str, missing: &mut Vec<Failure>) -> Option<T> {
    if value.is_none() {
        missing.push(Failure {
            field: Some(column.to_owned()),
            index: None,
            rule: "required".to_owned(),
            detail: Detail::new(
                format!("a new person needs `{column}`"),
                format!("Người mới phải có cột `{column}`."),
            ),
        });
    }
    value
}

impl CsvRowIn {
    /// The row as JSON gives it: a new person when any `person.*` column is filled, whose
    /// required columns must all be.
    fn into_row(self) -> Result<AppointmentRowIn, Vec<Failure>> {
        let names_a_person = self.full_name.is_some()
            || self.gender.is_some()
            || self.birth_date.is_some()
            || self.residence_unit_code.is_some()
            || self.party_status.is_some()
            || self.party_status_since.is_some()
            || self.party_org_id.is_some()
            || self.ethnicity.is_some()
            || self.id_number.is_some()
            || self.address.is_some();
        let person = if names_a_person {
            let mut missing = Vec::new();
            let full_name = required(self.full_name, "person.full_name", &mut missing);
            let gender = required(self.gender, "person.gender", &mut missing);
            let birth_date = required(self.birth_date, "person.birth_date", &mut missing);
            let residence_unit_code = required(
                self.residence_unit_code,
                "person.residence_unit_code",
                &mut missing,
            );
            let party_status = required(self.party_status, "person.party_status", &mut missing);
            match (
                full_name,
                gender,
                birth_date,
                residence_unit_code,
                party_status,
            ) {
                (Some(full_name), Some(gender), Some(birth_date), Some(code), Some(status)) => {
                    Some(NewHolderIn {
                        full_name,
                        gender,
                        birth_date,
                        residence_unit_code: code,
                        party_status: status,
                        party_status_since: self.party_status_since,
                        party_org_id: self.party_org_id,
                        ethnicity: self.ethnicity,
                        id_number: self.id_number,
                        address: self.address,
                    })
                }
                _ => return Err(missing),
            }
        } else {
            None
        };
        Ok(AppointmentRowIn {
            unit_code: self.unit_code,
            post: self.post,
            person_id: self.person_id,
            person,
            starts_on: self.starts_on,
            ends_on: self.ends_on,
            basis: self.basis,
            decision: self.decision,
        })
    }
}

/// What an import created.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"created": 3, "persons_created": 1,
                          "by_post": {"cell_secretary": 1, "village_head": 2}}))]
pub struct AppointmentImportOut {
    /// Tenures created.
    pub created: usize,
    /// New persons created (a person given in several rows counts once).
    pub persons_created: usize,
    /// Tenures created, by post.
    pub by_post: BTreeMap<String, usize>,
}

impl From<ImportSummary> for AppointmentImportOut {
    fn from(s: ImportSummary) -> Self {
        Self {
            created: s.created,
            persons_created: s.persons_created,
            by_post: s
                .by_post
                .into_iter()
                .map(|(post, n)| (post.to_owned(), n))
                .collect(),
        }
    }
}

/// Reads each row's holder; a row naming both a recorded and a new person, or neither, is
/// refused, and the rest still get checked so that one answer lists every bad row.
fn parse_rows(rows: Vec<AppointmentRowIn>) -> (Vec<ImportRow>, Vec<RowViolation>) {
    let mut refused = Vec::new();
    let mut parsed = Vec::with_capacity(rows.len());
    for (index, r) in rows.into_iter().enumerate() {
        match holder_named_once(r.person_id, r.person.map(NewHolder::from)) {
            Ok(holder) => parsed.push(ImportRow {
                index,
                unit_code: r.unit_code,
                post: r.post,
                holder,
                starts_on: r.starts_on,
                ends_on: r.ends_on,
                basis: r.basis,
                decision: r.decision,
            }),
            Err(v) => refused.push(RowViolation::new(index, v)),
        }
    }
    (parsed, refused)
}

/// Import officeholders in bulk
///
/// Records every row's tenure or none: a province's village heads and cell secretaries
/// (or the whole country's, ~180,000 rows) in one request. Each row names its unit by
/// code as of `starts_on`, its post, and its holder: a recorded person (`person_id`) or a
/// new one (`person`, created with the import). Every row is held to the rules of `POST
/// /appointments` (seat, basis, eligibility, one holder per post, against the stored
/// tenures and the rows before it) and a new person to those of `POST /persons`; an
/// officer's rows must lie in its area. JSON as below, or CSV (`Content-Type: text/csv`)
/// with the same fields as columns, a new person's as `person.full_name`,
/// `person.gender`, ... A refusal (422 `import_rejected`) lists every bad row by its
/// 0-based index and the rule it broke.
#[utoipa::path(
    operation_id = "importAppointments",
    tag = "appointments",
    request_body(content(
        (AppointmentImportIn = "application/json"),
        (String = "text/csv", example = "unit_code,post,person_id,person.full_name,person.gender,person.birth_date,person.residence_unit_code,person.party_status,starts_on,basis,decision\n06982-KT,village_head,4,,,,,,2025-07-01,election,Quyết định 30/QĐ-UBND\n06982-NHT,village_head,,Hoàng Văn Mới,male,1980-05-02,06982-NHT,none,2025-07-01,interim,Quyết định 31/QĐ-UBND\n")
    )),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Every row's tenure was recorded", body = AppointmentImportOut),
        AuthErrors, WriteErrors, CommonErrors,
        (status = 422, description = "Nothing was recorded: every bad row by its index and the rule it broke (or, `validation_failed`, every field of the wrong form)",
         content_type = "application/problem+json", body = Problem,
         example = json!({
            "type": "urn:dantin:problem:import_rejected", "title": "The import was refused",
            "status": 422, "code": "import_rejected",
            "detail": "2 row(s) refused; nothing was imported",
            "errors": [
                {"index": 1, "rule": "appointment_unit_known", "detail": "no unit had code `06982-XX` on 2025-07-01"},
                {"index": 4, "rule": "one_holder_per_post", "detail": "the post is already held from 2025-07-01, by row 0 of this file"}
            ]
        }))
    )
)]
#[post("/appointments/import")]
pub async fn import(
    req: HttpRequest,
    user: AuthUser,
    store: web::Data<Store>,
    mut payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let is_csv = is_csv_else_json(&req)?;
    let bytes = body_bytes(&req, &mut payload, IMPORT_LIMIT).await?;
    let rows = if is_csv {
        parse_csv(&bytes, CsvRowIn::into_row)?
    } else {
        parse_json::<AppointmentImportIn>(&bytes)?.rows
    };
    let (rows, refused) = parse_rows(rows);
    let caller = user.keeping(imported);
    let summary = run(store, move |s| {
        appointment_import::import(s, &caller, &rows, refused)
    })
    .await?;
    Ok(imported(summary))
}

/// 201 with what the import created.
fn imported(summary: ImportSummary) -> HttpResponse {
    HttpResponse::Created().json(AppointmentImportOut::from(summary))
}
