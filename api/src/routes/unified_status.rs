//! `/api/v1/units/{id}/unified-status`: whether a village is unified on a day. Public.

use actix_web::{get, web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use dantin_domain::unification::NotUnifiedReason;
use dantin_domain::{PartyOrgId, PersonId, UnitId};
use dantin_usecases::clock::today;
use dantin_usecases::unified_status::Standing;
use dantin_usecases::Store;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::{ApiError, CommonErrors, NotFoundError, RuleError};
use crate::input;
use crate::known::KnownAt;
use crate::read_cache::{Answer, ReadCache};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatusQuery {
    /// The day (default: today in Vietnam): the village's posts and its head's party
    /// status of that day.
    #[serde(default, deserialize_with = "input::day_opt")]
    #[param(example = "2020-02-05")]
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
    pub village_id: UnitId,
    pub on: NaiveDate,
    /// The village's Party cell, if it has one.
    pub cell_id: Option<PartyOrgId>,
    pub head_person_id: Option<PersonId>,
    /// The secretary in office, or elected and awaiting approval.
    pub secretary_person_id: Option<PersonId>,
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
/// and if not, why. Public: it shows person ids, nothing personal; with a digest `ETag`
/// (304 on `If-None-Match`).
#[utoipa::path(
    operation_id = "getUnifiedStatus",
    tag = "units",
    params(("id" = i64, Path, description = "The village's id"), StatusQuery, KnownAt),
    security(),
    responses(
        (status = 200, description = "The status", body = UnifiedStatusOut,
            headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 304, description = "Not modified since the ETag in If-None-Match"),
        NotFoundError, RuleError, CommonErrors
    )
)]
#[get("/units/{id}/unified-status")]
pub async fn unified_status(
    req: HttpRequest,
    store: web::Data<Store>,
    cache: web::Data<ReadCache>,
    id: web::Path<UnitId>,
    q: web::Query<StatusQuery>,
    known: web::Query<KnownAt>,
) -> Result<HttpResponse, ApiError> {
    let store = known.view(&store);
    let id = id.into_inner();
    let on = q.on.unwrap_or_else(today);
    let read = move |s: &Store| Ok(dantin_usecases::unified_status::of_village(s, id, on)?);
    let render = |v: Standing| {
        let out = UnifiedStatusOut {
            village_id: id,
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
        };
        let body = serde_json::to_vec(&out).map_err(|e| ApiError::internal(e.to_string()))?;
        Ok(Answer { body, link: None })
    };
    cache.answer(&req, store, read, render).await
}
