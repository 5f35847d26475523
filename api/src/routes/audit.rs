//! `/api/v1/audit-events`: the trail of every write, for admins and auditors.

use actix_web::{get, web, HttpRequest, HttpResponse};
use dantin_usecases::audit_trail::{self, AuditEvent, AuditFilter};
use dantin_usecases::Store;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::AuthUser;
use crate::db::run;
use crate::error::{ApiError, AuthErrors, CommonErrors};
use crate::pagination::{self, Page};

/// One write, as the trail keeps it.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 7, "occurred_at": "2020-01-05T08:00:00.000000Z", "actor": "admin",
    "action": "unit.update", "entity_type": "unit", "entity_id": 4,
    "before": {"name": "Huyện Ba Chẽ"}, "after": {"name": "Huyện Ba Chẽ"},
    "request_id": "6f1c2a9e8b7d4c3a",
    "prev_hash": "0000000000000000000000000000000000000000000000000000000000000000",
    "hash": "9b1d…"
}))]
pub struct AuditEventOut {
    pub id: i64,
    /// RFC 3339, UTC.
    pub occurred_at: String,
    /// The account that wrote (or `cli`, `demo`).
    pub actor: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<i64>,
    /// The entity before the write.
    #[schema(value_type = Option<Object>)]
    pub before: Option<serde_json::Value>,
    /// The entity after the write.
    #[schema(value_type = Option<Object>)]
    pub after: Option<serde_json::Value>,
    pub request_id: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

fn parse_stored(json: Option<String>) -> Option<serde_json::Value> {
    json.map(|j| serde_json::from_str(&j).unwrap_or(serde_json::Value::String(j)))
}

impl From<AuditEvent> for AuditEventOut {
    fn from(e: AuditEvent) -> Self {
        Self {
            id: e.id,
            occurred_at: e.occurred_at,
            actor: e.actor,
            action: e.action,
            entity_type: e.entity_type,
            entity_id: e.entity_id,
            before: parse_stored(e.before_json),
            after: parse_stored(e.after_json),
            request_id: e.request_id,
            prev_hash: e.prev_hash,
            hash: e.hash,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditListQuery {
    /// e.g. `unit`, `person`, `party_org`, `term`, `user`.
    pub entity_type: Option<String>,
    pub entity_id: Option<i64>,
    pub actor: Option<String>,
    /// e.g. `unit.create`, `unit.update` (a correction), `unit.import`,
    /// `reorganization.apply` and `person.party_status_change` (changes on their day).
    pub action: Option<String>,
    /// Page size, 1 to 500 (default 50).
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// List audit events
///
/// Oldest first. Admins and auditors only.
#[utoipa::path(
    operation_id = "listAuditEvents",
    tag = "audit",
    params(AuditListQuery),
    security(("bearer" = [])),
    responses((status = 200, description = "One page of events", body = Page<AuditEventOut>), AuthErrors, CommonErrors)
)]
#[get("/audit-events")]
pub async fn list(
    req: HttpRequest,
    user: AuthUser,
    store: web::Data<Store>,
    q: web::Query<AuditListQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    let filter = AuditFilter {
        entity_type: q.entity_type,
        entity_id: q.entity_id,
        actor: q.actor,
        action: q.action,
    };
    pagination::list(
        &req,
        store,
        (q.limit, q.cursor),
        move |s, w| audit_trail::list(s, &user.caller, &filter, w),
        |e| e.id,
        AuditEventOut::from,
    )
    .await
}

/// Whether the stored trail is intact.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"valid": true, "checked": 46, "first_broken_id": null}))]
pub struct VerifyOut {
    /// True when every event links to the one before and hashes to what it says, and the
    /// head row names the last one and keeps the tree of them all (what checkpoints sign).
    pub valid: bool,
    /// How many events were checked (up to and including the first broken one).
    pub checked: u64,
    /// The first event that was changed, removed after, or misplaced.
    pub first_broken_id: Option<i64>,
}

/// Verify the audit chain
///
/// Recomputes every event's hash from its content and its predecessor's hash. Admins and
/// auditors only.
#[utoipa::path(
    operation_id = "verifyAuditChain",
    tag = "audit",
    security(("bearer" = [])),
    responses((status = 200, description = "The verdict", body = VerifyOut), AuthErrors, CommonErrors)
)]
#[get("/audit-events/verify")]
pub async fn verify(user: AuthUser, store: web::Data<Store>) -> Result<HttpResponse, ApiError> {
    let v = run(store, move |s| audit_trail::verify(s, &user.caller)).await?;
    Ok(HttpResponse::Ok().json(VerifyOut {
        valid: v.first_broken.is_none() && v.head_matches,
        checked: v.checked,
        first_broken_id: v.first_broken,
    }))
}
