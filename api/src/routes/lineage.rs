//! `/api/v1/units/{id}/lineage` and `/successors`: where a unit came from and went, and
//! which units carry its territory on a day. Public.

use actix_web::{get, web, HttpResponse};
use chrono::NaiveDate;
use dantin_domain::{ReorganizationId, UnitId};
use dantin_usecases::clock::today;
use dantin_usecases::reorganizations::{self, Lineage};
use dantin_usecases::Store;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::run;
use crate::error::{ApiError, CommonErrors, NotFoundError};
use crate::input;
use crate::known::KnownAt;
use crate::routes::units::UnitOut;

/// One succession: `successor_id` carries all (`whole`) or part of `predecessor_id`'s
/// territory from `effective_on`, by the act `reorganization_id`.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "predecessor_id": 9, "successor_id": 120, "whole": true, "effective_on": "2025-07-01",
    "reorganization_id": 1, "basis": "Nghị quyết 1679/NQ-UBTVQH15"
}))]
pub struct SuccessionOut {
    pub predecessor_id: UnitId,
    pub successor_id: UnitId,
    /// All of the predecessor's territory (a merge), or a part (a split).
    pub whole: bool,
    pub effective_on: NaiveDate,
    pub reorganization_id: ReorganizationId,
    /// The legal act.
    pub basis: String,
}

/// The successions behind and ahead of a unit, transitively, nearest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct LineageOut {
    pub unit_id: UnitId,
    pub predecessors: Vec<SuccessionOut>,
    pub successors: Vec<SuccessionOut>,
}

impl LineageOut {
    fn new(unit_id: UnitId, l: Lineage) -> Self {
        let out = |links: Vec<dantin_usecases::reorganizations::Link>| {
            links
                .into_iter()
                .map(|l| SuccessionOut {
                    predecessor_id: l.predecessor,
                    successor_id: l.successor,
                    whole: l.whole,
                    effective_on: l.effective_on,
                    reorganization_id: l.reorganization_id,
                    basis: l.basis,
                })
                .collect()
        };
        Self {
            unit_id,
            predecessors: out(l.predecessors),
            successors: out(l.successors),
        }
    }
}

/// A unit's lineage
///
/// Its predecessors and successors, transitively, each with the day, the reorganisation,
/// its basis, and whether the succession is whole or partial. Public.
#[utoipa::path(
    operation_id = "getUnitLineage",
    tag = "units",
    params(("id" = i64, Path, description = "The unit's id"), KnownAt),
    security(),
    responses((status = 200, description = "The lineage", body = LineageOut), NotFoundError, CommonErrors)
)]
#[get("/units/{id}/lineage")]
pub async fn lineage(
    store: web::Data<Store>,
    id: web::Path<UnitId>,
    known: web::Query<KnownAt>,
) -> Result<HttpResponse, ApiError> {
    let store = known.view(&store);
    let id = id.into_inner();
    let l = run(store, move |s| reorganizations::lineage(s, id)).await?;
    Ok(HttpResponse::Ok().json(LineageOut::new(id, l)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SuccessorsQuery {
    /// The day (default: today in Vietnam).
    #[serde(default, deserialize_with = "input::day_opt")]
    #[param(example = "2025-07-02")]
    pub on: Option<NaiveDate>,
}

/// The units carrying a unit's territory on a day
///
/// The unit itself while it is in force; after it ended, its successors in force that day
/// (following later reorganisations too); before it began, its predecessors. Each as it
/// was that day. Public.
#[utoipa::path(
    operation_id = "getUnitSuccessors",
    tag = "units",
    params(("id" = i64, Path, description = "The unit's id"), SuccessorsQuery, KnownAt),
    security(),
    responses((status = 200, description = "The units, as they were that day", body = Vec<UnitOut>), NotFoundError, CommonErrors)
)]
#[get("/units/{id}/successors")]
pub async fn successors(
    store: web::Data<Store>,
    id: web::Path<UnitId>,
    q: web::Query<SuccessorsQuery>,
    known: web::Query<KnownAt>,
) -> Result<HttpResponse, ApiError> {
    let store = known.view(&store);
    let id = id.into_inner();
    let on = q.into_inner().on.unwrap_or_else(today);
    let units = run(store, move |s| reorganizations::carriers(s, id, on)).await?;
    let out: Vec<UnitOut> = units.into_iter().map(UnitOut::from).collect();
    Ok(HttpResponse::Ok().json(out))
}
