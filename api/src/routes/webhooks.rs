//! `/api/v1/webhooks`: subscriptions to the change feed, delivered as Standard Webhooks.
//! Admins subscribe to anything; officers to their area. The secret is shown once, when
//! the subscription is made or its secret rotated.

use actix_web::{delete, get, post, web, HttpRequest, HttpResponse};
use chrono::{TimeZone, Utc};
use dantin_domain::change::ChangeType;
use dantin_domain::{Rule, RuleViolation, UnitId};
use dantin_usecases::webhooks::{self, Delivery, Subscription, Webhook};
use dantin_usecases::{Error, Store};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::auth::AuthUser;
use crate::db::run;
use crate::error::{ApiError, AuthErrors, CommonErrors, NotFoundError, WriteErrors};
use crate::etag;
use crate::extract::Json;
use crate::pagination::{self, Page};
use crate::webhooks::signature::new_secret;
use crate::webhooks::target::Targets;

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 3, "url": "https://cong.quangninh.gov.vn/hooks/dantin", "types": ["tenure.started", "tenure.ended"],
    "unit_id": 1, "owner": "admin", "created_at": "2026-12-03T09:00:00.000000Z",
    "disabled_at": null, "disabled_reason": null
}))]
pub struct WebhookOut {
    pub id: i64,
    pub url: String,
    /// The change types delivered; every type when empty.
    pub types: Vec<ChangeType>,
    /// Only changes under this unit; every change when absent.
    pub unit_id: Option<UnitId>,
    /// Who made it.
    pub owner: String,
    pub created_at: String,
    /// When deliveries stopped (the receiver answered 410 Gone), and why.
    pub disabled_at: Option<String>,
    pub disabled_reason: Option<String>,
}

impl From<&Webhook> for WebhookOut {
    fn from(w: &Webhook) -> Self {
        Self {
            id: w.id,
            url: w.url.clone(),
            types: w.types(),
            unit_id: w.unit_id.map(UnitId::from),
            owner: w.owner.clone(),
            created_at: w.created_at.clone(),
            disabled_at: w.disabled_at.clone(),
            disabled_reason: w.disabled_reason.clone(),
        }
    }
}

/// A subscription just made, with its secret: the only time it is shown.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 3, "url": "https://cong.quangninh.gov.vn/hooks/dantin", "types": [], "unit_id": null,
    "owner": "admin", "created_at": "2026-12-03T09:00:00.000000Z", "disabled_at": null,
    "disabled_reason": null, "secret": "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD1Jf4T3k6v0Y="
}))]
pub struct WebhookCreatedOut {
    #[serde(flatten)]
    pub webhook: WebhookOut,
    /// Verifies the `webhook-signature` of each delivery (Standard Webhooks, `whsec_`).
    pub secret: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"url": "https://cong.quangninh.gov.vn/hooks/dantin", "types": ["tenure.started"], "unit_id": 1}))]
pub struct NewWebhookIn {
    /// Where to POST each change: `http` or `https`, never a private or loopback address
    /// unless the operator allows its host (`DANTIN_WEBHOOK_ALLOW_HOSTS`).
    #[validate(length(min = 1, max = 2000))]
    pub url: String,
    /// The change types to deliver (default: every type).
    #[serde(default)]
    pub types: Vec<ChangeType>,
    /// Only changes under this unit (default: everywhere; an officer's area for an officer).
    pub unit_id: Option<UnitId>,
}

/// A delivery of one change to one subscription.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 77, "change_id": 41, "webhook_id_header": "chg_41", "state": "pending", "attempts": 2,
    "next_attempt_at": "2026-12-03T09:05:05.000Z", "last_attempt_at": "2026-12-03T09:00:05.000000Z",
    "last_status": 503, "last_error": "the receiver answered 503 Service Unavailable"
}))]
pub struct DeliveryOut {
    pub id: i64,
    pub change_id: i64,
    /// The `webhook-id` header it is sent with, the same on every attempt.
    pub webhook_id_header: String,
    /// `pending` (to be sent at `next_attempt_at`), `delivered` or `failed` (every attempt
    /// failed, or the receiver answered 410).
    pub state: String,
    pub attempts: i32,
    pub next_attempt_at: Option<String>,
    pub last_attempt_at: Option<String>,
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
}

fn millis(ms: i64) -> Option<String> {
    Utc.timestamp_millis_opt(ms)
        .single()
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
}

impl From<Delivery> for DeliveryOut {
    fn from(d: Delivery) -> Self {
        Self {
            id: d.id,
            change_id: d.change_id,
            webhook_id_header: format!("chg_{}", d.change_id),
            next_attempt_at: (d.state == "pending")
                .then(|| millis(d.next_attempt_at))
                .flatten(),
            state: d.state,
            attempts: d.attempts,
            last_attempt_at: d.last_attempt_at,
            last_status: d.last_status,
            last_error: d.last_error,
        }
    }
}

/// A new secret, shown once.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "secret": "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD1Jf4T3k6v0Y=",
    "previous_valid_until": "2026-12-04T09:00:00.000Z"
}))]
pub struct SecretOut {
    pub secret: String,
    /// Until when deliveries carry a signature by the secret before it too.
    pub previous_valid_until: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Page size, 1 to 500 (default 50).
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// Subscribe to the changes
///
/// Admins anywhere; officers in their area. Each change the subscription matches (types,
/// area) is POSTed to `url` once its write has committed, as
/// `{"type", "timestamp", "data"}` where `data` is the change as `GET /changes` shows it,
/// with the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers of the
/// Standard Webhooks specification (v1, HMAC-SHA256). Deliveries to one subscription go one
/// at a time, in change order. A 2xx is delivered; 410 disables the subscription; 429 and
/// 503 are retried after their `Retry-After` (seconds, at most a day); anything else
/// after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, 24 h and 24 h, then the delivery fails
/// and the next goes. The answer carries the secret, this once.
#[utoipa::path(
    operation_id = "createWebhook",
    tag = "webhooks",
    request_body = NewWebhookIn,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created, with its secret", body = WebhookCreatedOut, headers(("Location" = String))),
        AuthErrors, WriteErrors, CommonErrors
    )
)]
#[post("/webhooks")]
pub async fn create(
    user: AuthUser,
    store: web::Data<Store>,
    targets: web::Data<Targets>,
    body: Json<NewWebhookIn>,
) -> Result<HttpResponse, ApiError> {
    let b = body.0;
    targets.check(&b.url).await.map_err(|detail| {
        ApiError::from(Error::from(RuleViolation::new(
            Rule::WebhookUrlAllowed,
            detail,
        )))
    })?;
    let caller = user.keeping(made);
    let made_now = run(store, move |s| {
        let secret = new_secret();
        let sub = Subscription {
            url: b.url,
            types: b.types,
            unit: b.unit_id,
        };
        let hook = webhooks::create(s, &caller, sub, &secret, Utc::now())?;
        Ok::<_, ApiError>(created_out(&hook, secret))
    })
    .await?;
    Ok(made(made_now))
}

fn created_out(w: &Webhook, secret: String) -> WebhookCreatedOut {
    WebhookCreatedOut {
        webhook: WebhookOut::from(w),
        secret,
    }
}

/// 201 with the new subscription and its secret, and where to read it.
fn made(out: WebhookCreatedOut) -> HttpResponse {
    etag::located(format!("/api/v1/webhooks/{}", out.webhook.id), &out)
}

/// List subscriptions
///
/// Admins see every subscription; officers those of their area.
#[utoipa::path(
    operation_id = "listWebhooks",
    tag = "webhooks",
    params(ListQuery),
    security(("bearer" = [])),
    responses((status = 200, description = "One page of subscriptions", body = Page<WebhookOut>), AuthErrors, CommonErrors)
)]
#[get("/webhooks")]
pub async fn list(
    req: HttpRequest,
    user: AuthUser,
    store: web::Data<Store>,
    q: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    let caller = user.caller;
    pagination::list(
        &req,
        store,
        (q.limit, q.cursor),
        move |s, w| webhooks::list(s, &caller, w),
        |w| w.id,
        |w| WebhookOut::from(&w),
    )
    .await
}

/// Get a subscription
#[utoipa::path(
    operation_id = "getWebhook",
    tag = "webhooks",
    params(("id" = i64, Path, description = "The subscription's id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The subscription (never its secret)", body = WebhookOut), AuthErrors, NotFoundError, CommonErrors)
)]
#[get("/webhooks/{id}")]
pub async fn get(
    user: AuthUser,
    store: web::Data<Store>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let hook = run(store, move |s| webhooks::get(s, &user.caller, id)).await?;
    Ok(HttpResponse::Ok().json(WebhookOut::from(&hook)))
}

/// Delete a subscription
///
/// Its deliveries not yet made are dropped.
#[utoipa::path(
    operation_id = "deleteWebhook",
    tag = "webhooks",
    params(("id" = i64, Path, description = "The subscription's id")),
    security(("bearer" = [])),
    responses((status = 200, description = "Deleted: what it was", body = WebhookOut), AuthErrors, NotFoundError, WriteErrors, CommonErrors)
)]
#[delete("/webhooks/{id}")]
pub async fn remove(
    user: AuthUser,
    store: web::Data<Store>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let gone = run(store, move |s| webhooks::delete(s, &user.caller, id)).await?;
    Ok(HttpResponse::Ok().json(WebhookOut::from(&gone)))
}

/// Rotate a subscription's secret
///
/// The answer carries the new secret, this once. For a day, each delivery carries two
/// signatures, by the new secret and by the one before, so that the receiver can switch.
#[utoipa::path(
    operation_id = "rotateWebhookSecret",
    tag = "webhooks",
    params(("id" = i64, Path, description = "The subscription's id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The new secret", body = SecretOut), AuthErrors, NotFoundError, WriteErrors, CommonErrors)
)]
#[post("/webhooks/{id}/secret")]
pub async fn rotate(
    user: AuthUser,
    store: web::Data<Store>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let secret = new_secret();
    let kept = secret.clone();
    let hook = run(store, move |s| {
        webhooks::rotate(s, &user.caller, id, &kept, Utc::now())
    })
    .await?;
    let until = hook
        .previous_until
        .and_then(millis)
        .ok_or_else(|| ApiError::internal("a rotated secret without its overlap"))?;
    Ok(HttpResponse::Ok().json(SecretOut {
        secret,
        previous_valid_until: until,
    }))
}

/// List a subscription's deliveries
///
/// Newest first: what was sent, how often, and what came back.
#[utoipa::path(
    operation_id = "listWebhookDeliveries",
    tag = "webhooks",
    params(("id" = i64, Path, description = "The subscription's id"), ListQuery),
    security(("bearer" = [])),
    responses((status = 200, description = "One page of deliveries", body = Page<DeliveryOut>), AuthErrors, NotFoundError, CommonErrors)
)]
#[get("/webhooks/{id}/deliveries")]
pub async fn deliveries(
    req: HttpRequest,
    user: AuthUser,
    store: web::Data<Store>,
    id: web::Path<i64>,
    q: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    let (id, q) = (id.into_inner(), q.into_inner());
    let caller = user.caller;
    pagination::list(
        &req,
        store,
        (q.limit, q.cursor),
        move |s, w| webhooks::deliveries(s, &caller, id, w),
        |d| d.id,
        DeliveryOut::from,
    )
    .await
}

/// Deliver again
///
/// Sends the delivery again as soon as it is its subscription's turn, with a fresh
/// schedule, whatever came of it before; with the same `webhook-id`.
#[utoipa::path(
    operation_id = "redeliverWebhook",
    tag = "webhooks",
    params(
        ("id" = i64, Path, description = "The subscription's id"),
        ("delivery" = i64, Path, description = "The delivery's id")
    ),
    security(("bearer" = [])),
    responses((status = 202, description = "Queued", body = DeliveryOut), AuthErrors, NotFoundError, WriteErrors, CommonErrors)
)]
#[post("/webhooks/{id}/deliveries/{delivery}/redeliver")]
pub async fn redeliver(
    user: AuthUser,
    store: web::Data<Store>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, delivery) = path.into_inner();
    let queued = run(store, move |s| {
        webhooks::redeliver(s, &user.caller, id, delivery, Utc::now())
    })
    .await?;
    Ok(HttpResponse::Accepted().json(DeliveryOut::from(queued)))
}
