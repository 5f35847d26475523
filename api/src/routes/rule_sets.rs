//! `/api/v1/rule-sets/{province_id}`: the rules a province may set (DOMAIN.md rules marked
//! configurable). Signed-in roles read; admins change.

use actix_web::{get, put, web, HttpRequest, HttpResponse};
use dantin_domain::rule_set::RuleSet;
use dantin_domain::UnitId;
use dantin_usecases::rule_sets::{self, ProvinceRules};
use dantin_usecases::Store;
use serde::Serialize;
use utoipa::ToSchema;
use validator::Validate;

use crate::auth::AuthUser;
use crate::db::run;
use crate::error::{ApiError, AuthErrors, CommonErrors, NotFoundError, StaleError, WriteErrors};
use crate::etag;
use crate::extract::Json;

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
    pub version: i32,
    pub rules: RuleSet,
}

impl From<ProvinceRules> for RuleSetOut {
    fn from(r: ProvinceRules) -> Self {
        Self {
            province_id: r.province_id,
            version: r.version,
            rules: r.rules,
        }
    }
}

/// The body of a change: a whole rule set.
#[derive(Debug, serde::Deserialize, ToSchema)]
#[serde(transparent)]
pub struct RuleSetIn(pub RuleSet);

impl Validate for RuleSetIn {
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        Ok(())
    }
}

/// Get a province's rules
#[utoipa::path(
    operation_id = "getRuleSet",
    tag = "rules",
    params(("province_id" = i64, Path, description = "The province's unit id")),
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
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let r = run(store, move |s| rule_sets::get(s, id)).await?;
    Ok(etag::respond(&req, r.version, &RuleSetOut::from(r)))
}

/// Change a province's rules
///
/// Replaces the whole rule set; send `If-Match` with the ETag you read. Admin only.
/// Decisions already recorded keep the arithmetic they were made with.
#[utoipa::path(
    operation_id = "putRuleSet",
    tag = "rules",
    params(
        ("province_id" = i64, Path, description = "The province's unit id"),
        ("If-Match" = Option<String>, Header, description = "The ETag the change is based on")
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
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let expected = etag::if_match(&req)?;
    let rules = body.0 .0;
    let r = run(store, move |s| {
        rule_sets::put(s, &user.caller, id, rules, expected)
    })
    .await?;
    Ok(etag::respond(&req, r.version, &RuleSetOut::from(r)))
}
