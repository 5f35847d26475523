//! `/api/v1/rule-sets/{province_id}`: the rules a province may set (DOMAIN.md rules marked
//! configurable). Signed-in roles read; admins change.

use actix_web::{get, put, web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use dantin_domain::rule_set::RuleSet;
use dantin_domain::UnitId;
use dantin_usecases::rule_sets::{self, ProvinceRules};
use dantin_usecases::Store;
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::auth::AuthUser;
use crate::db::run;
use crate::error::{ApiError, AuthErrors, CommonErrors, NotFoundError, StaleError, WriteErrors};
use crate::etag;
use crate::extract::Json;
use crate::input;

/// A province's rules; `version` 0 means the documented defaults, never changed.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "province_id": 1, "version": 0,
    "rules": {
        "head_majority_base": "all_households",
        "congress_quorum": {"numerator": 2, "denominator": 3},
        "head_term_months": 30,
        "village_unified_target_percent": 100,
        "commune_chair_target_percent": 75
    }
}))]
pub struct RuleSetOut {
    pub province_id: UnitId,
    /// Counts every change of the province's rules, on any day.
    pub version: i32,
    /// The first day of the dated rules in force; absent for the rules that hold from
    /// the beginning.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<NaiveDate>,
    pub rules: RuleSet,
}

impl From<ProvinceRules> for RuleSetOut {
    fn from(r: ProvinceRules) -> Self {
        Self {
            province_id: r.province_id,
            version: r.version,
            valid_from: r.valid_from,
            rules: r.rules,
        }
    }
}

/// The body of a change: a whole rule set.
#[derive(Debug, serde::Deserialize, ToSchema)]
#[serde(transparent)]
pub struct RuleSetIn(pub RuleSet);

#[derive(Debug, serde::Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RuleSetDay {
    /// The rules in force on this day (default: today in Vietnam): an election is judged
    /// by the rules of its day.
    #[serde(default, deserialize_with = "input::day_opt")]
    #[param(example = "2020-01-05")]
    pub on: Option<NaiveDate>,
}

#[derive(Debug, serde::Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RuleSetFrom {
    /// The first day the rules hold (until the province's next dated rules); elections
    /// before it keep the rules of their day. Absent: the rules hold from the beginning,
    /// in place of every dated version (a correction).
    #[serde(default, deserialize_with = "input::day_opt")]
    #[param(example = "2026-01-01")]
    pub from: Option<NaiveDate>,
}

impl Validate for RuleSetIn {
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        Ok(())
    }
}

/// Get a province's rules
///
/// The rules in force on `on`: a province's rules have days, as its map does.
#[utoipa::path(
    operation_id = "getRuleSet",
    tag = "rules",
    params(("province_id" = i64, Path, description = "The province's unit id"), RuleSetDay),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The rules in force", body = RuleSetOut, headers(("ETag" = String))),
        AuthErrors, NotFoundError, CommonErrors
    )
)]
#[get("/rule-sets/{province_id}")]
pub async fn get(
    req: HttpRequest,
    _user: AuthUser,
    store: web::Data<Store>,
    id: web::Path<UnitId>,
    q: web::Query<RuleSetDay>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let on = q.into_inner().on;
    let r = run(store, move |s| rule_sets::get(s, id, on)).await?;
    Ok(etag::respond(&req, r.version, &RuleSetOut::from(r)))
}

/// Change a province's rules
///
/// Replaces the whole rule set, from `from` on (a province born of a merger starts its
/// own), or without `from` for every day; send `If-Match` with the ETag you read. Admin
/// only. Elections are judged by the rules in force on their day, of the province they
/// stood in that day; decisions already recorded keep the arithmetic they were made with.
#[utoipa::path(
    operation_id = "putRuleSet",
    tag = "rules",
    params(
        ("province_id" = i64, Path, description = "The province's unit id"),
        ("If-Match" = Option<String>, Header, description = "The ETag the change is based on"),
        RuleSetFrom
    ),
    request_body = RuleSet,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The new rules", body = RuleSetOut, headers(("ETag" = String))),
        AuthErrors, NotFoundError, StaleError, WriteErrors, CommonErrors
    )
)]
#[put("/rule-sets/{province_id}")]
pub async fn put(
    req: HttpRequest,
    user: AuthUser,
    store: web::Data<Store>,
    id: web::Path<UnitId>,
    body: Json<RuleSetIn>,
    q: web::Query<RuleSetFrom>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let expected = etag::if_match(&req)?;
    let rules = body.0 .0;
    let from = q.into_inner().from;
    let r = run(store, move |s| {
        rule_sets::put(s, &user.caller, id, rules, from, expected)
    })
    .await?;
    Ok(etag::respond(&req, r.version, &RuleSetOut::from(r)))
}
