//! `/api/v1/holidays/{year}`: the public holidays of a year (rule 27), which deadlines in
//! working days skip. Public to read; admins keep them as the government publishes them.

use actix_web::{get, put, web, HttpResponse};
use chrono::NaiveDate;
use dantin_domain::calendar;
use dantin_domain::holiday::Holiday;
use dantin_usecases::holidays;
use dantin_usecases::Store;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::auth::AuthUser;
use crate::db::run;
use crate::error::{ApiError, AuthErrors, CommonErrors, WriteErrors};
use crate::extract::Json;
use crate::input;

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HolidayIo {
    #[serde(deserialize_with = "input::day")]
    #[schema(example = "2026-02-17")]
    pub date: NaiveDate,
    #[validate(length(min = 1, max = 100))]
    #[serde(deserialize_with = "input::name")]
    #[schema(example = "Tết Nguyên đán")]
    pub name: String,
}

/// A year's public holidays.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "year": 2026,
    "days": [{"date": "2026-01-01", "name": "Tết Dương lịch"}, {"date": "2026-02-16", "name": "Tết Nguyên đán"}]
}))]
pub struct HolidayYearOut {
    pub year: i32,
    /// In order of date.
    pub days: Vec<HolidayIo>,
}

/// The whole calendar of a year, replacing what was kept for it.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "days": [{"date": "2026-01-01", "name": "Tết Dương lịch"}, {"date": "2026-02-16", "name": "Tết Nguyên đán"}]
}))]
pub struct HolidayYearIn {
    /// At most 60: Art. 112's eleven days, those the government moves around them, and
    /// room to spare.
    #[validate(length(max = 60), nested)]
    pub days: Vec<HolidayIo>,
}

fn out(year: i32, days: Vec<Holiday>) -> HolidayYearOut {
    HolidayYearOut {
        year,
        days: days
            .into_iter()
            .map(|h| HolidayIo {
                date: h.day,
                name: h.name,
            })
            .collect(),
    }
}

/// A year the registry holds days of, else 400.
fn held_year(year: i32) -> Result<i32, ApiError> {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .and_then(|d| calendar::check_held(d).ok())
        .map(|_| year)
        .ok_or_else(|| {
            ApiError::invalid_parameter(
                "year must be from 1900 to 2199",
                "`year` phải từ 1900 đến 2199.",
            )
        })
}

/// Get a year's public holidays
///
/// Public. The days off of Bộ luật Lao động 2019 Art. 112 as kept for `year`, which the
/// deadlines of recognitions (5 working days) and approvals (15) skip. An empty list: none
/// kept for that year, so only weekends are skipped.
#[utoipa::path(
    operation_id = "getHolidays",
    tag = "rules",
    params(("year" = i32, Path, description = "The year, 1900 to 2199", example = 2026)),
    security(),
    responses(
        (status = 200, description = "The year's holidays", body = HolidayYearOut),
        CommonErrors
    )
)]
#[get("/holidays/{year}")]
pub async fn get(store: web::Data<Store>, year: web::Path<i32>) -> Result<HttpResponse, ApiError> {
    let year = held_year(year.into_inner())?;
    let days = run(store, move |s| holidays::year(s, year)).await?;
    Ok(HttpResponse::Ok().json(out(year, days)))
}

/// Set a year's public holidays
///
/// Admin only. Replaces the calendar kept for `year` with `days` (at most 60, each a day
/// of that year, once: `holiday_in_year`, `holiday_once`), as the government published
/// them, Tết's days included. Deadlines judged from then on skip them; decisions already
/// recorded keep the warning they were judged with.
#[utoipa::path(
    operation_id = "putHolidays",
    tag = "rules",
    params(("year" = i32, Path, description = "The year, 1900 to 2199", example = 2026)),
    request_body = HolidayYearIn,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The year's holidays as kept now", body = HolidayYearOut),
        AuthErrors, WriteErrors, CommonErrors
    )
)]
#[put("/holidays/{year}")]
pub async fn put(
    user: AuthUser,
    store: web::Data<Store>,
    year: web::Path<i32>,
    body: Json<HolidayYearIn>,
) -> Result<HttpResponse, ApiError> {
    let year = held_year(year.into_inner())?;
    let days = body
        .0
        .days
        .into_iter()
        .map(|h| Holiday {
            day: h.date,
            name: h.name,
        })
        .collect();
    let kept = run(store, move |s| {
        holidays::set_year(s, &user.caller, year, days)
    })
    .await?;
    Ok(HttpResponse::Ok().json(out(year, kept)))
}
