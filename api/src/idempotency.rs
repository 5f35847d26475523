//! `Idempotency-Key` on creates: a `POST` retried with the same key (by the same account,
//! with the same path and body) gets the first answer back instead of creating twice.
//!
//! The first request reserves the key before its handler runs, so a concurrent retry is
//! refused (409) rather than let through. A request that fails frees its key: it changed
//! nothing, and may be sent again. Keys are remembered for 24 hours.

use actix_web::body::{to_bytes, BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage, HttpResponse};
use dantin_usecases::idempotency::{self, Answer, Reservation};
use dantin_usecases::Store;
use sha2::{Digest, Sha256};

use crate::auth::TokenKeys;
use crate::db::run;
use crate::error::ApiError;
use crate::extract::{body_bytes, IMPORT_LIMIT};
use crate::problem::Kind;

const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");
/// Set on an answer that is a replay of the first one.
const REPLAYED: HeaderName = HeaderName::from_static("idempotent-replayed");
/// Keys are 1 to 255 visible ASCII characters (a UUID, say).
pub const KEY_PATTERN: &str = "^[!-~]{1,255}$";

/// The operations that take a key: every `POST` of the API but signing in.
pub fn takes_key(method: &Method, path: &str) -> bool {
    method == Method::POST && path.starts_with("/api/v1/") && path != "/api/v1/auth/token"
}

fn parse_key(value: &HeaderValue) -> Result<String, ApiError> {
    value
        .to_str()
        .ok()
        .filter(|k| (1..=255).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_graphic()))
        .map(str::to_owned)
        .ok_or_else(|| {
            ApiError::invalid_parameter("Idempotency-Key must be 1 to 255 visible ASCII characters")
        })
}

fn fingerprint(req: &ServiceRequest, body: &[u8]) -> String {
    let mut hash = Sha256::new();
    for part in [req.method().as_str(), req.path(), req.query_string()] {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    hash.update(body);
    format!("{:x}", hash.finalize())
}

fn replay(answer: Answer) -> HttpResponse {
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::OK);
    let mut res = HttpResponse::build(status);
    res.insert_header((REPLAYED, "true"));
    let kept = [
        (header::CONTENT_TYPE, answer.content_type),
        (header::LOCATION, answer.location),
        (header::ETAG, answer.etag),
    ];
    for (name, value) in kept {
        if let Some(value) = value {
            res.insert_header((name, value));
        }
    }
    res.body(answer.body)
}

fn header_text(res: &HttpResponse<impl MessageBody>, name: HeaderName) -> Option<String> {
    res.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// The middleware: passes everything through but a keyed create by a signed-in account.
pub async fn idempotent(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let keyed = req
        .headers()
        .get(IDEMPOTENCY_KEY)
        .filter(|_| takes_key(req.method(), req.path()))
        .cloned();
    let account = req
        .app_data::<web::Data<TokenKeys>>()
        .and_then(|keys| keys.account(req.request()));
    let (Some(value), Some(account), Some(store)) =
        (keyed, account, req.app_data::<web::Data<Store>>().cloned())
    else {
        // Without a key there is nothing to remember; without a valid token the handler
        // answers 401 anyway.
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let key = match parse_key(&value) {
        Ok(key) => key,
        Err(e) => return Ok(req.error_response(e)),
    };
    let mut payload = req.take_payload();
    let body = match body_bytes(req.request(), &mut payload, IMPORT_LIMIT).await {
        Ok(body) => body.freeze(),
        Err(e) => return Ok(req.error_response(e)),
    };
    let print = fingerprint(&req, &body);
    req.set_payload(body.into());

    let now = chrono::Utc::now().naive_utc();
    let reserved = {
        let key = key.clone();
        run(store.clone(), move |s| {
            idempotency::reserve(s, account, &key, &print, now)
        })
        .await
    };
    let refusal = match reserved {
        Ok(Reservation::Reserved) => None,
        Ok(Reservation::Replay(answer)) => return Ok(req.into_response(replay(answer))),
        Ok(Reservation::InFlight) => Some(ApiError {
            code: Some("idempotency_key_in_flight"),
            ..ApiError::new(
                Kind::Conflict,
                "the first request with this Idempotency-Key has not finished; retry later",
            )
        }),
        Ok(Reservation::Mismatch) => Some(ApiError {
            code: Some("idempotency_key_reused"),
            ..ApiError::new(
                Kind::ValidationFailed,
                "this Idempotency-Key was used for a different request",
            )
        }),
        Err(e) => Some(e),
    };
    if let Some(e) = refusal {
        return Ok(req.error_response(e));
    }

    let release = |store: web::Data<Store>, key: String| async move {
        let freed = run(store, move |s| idempotency::release(s, account, &key)).await;
        if let Err(e) = freed {
            log::error!("could not free an idempotency key: {e}");
        }
    };
    let res = match next.call(req).await {
        Ok(res) => res,
        Err(e) => {
            release(store, key).await;
            return Err(e);
        }
    };
    if !res.status().is_success() {
        release(store, key).await;
        return Ok(res.map_into_boxed_body());
    }
    let (req, res) = res.into_parts();
    let mut answer = Answer {
        status: res.status().as_u16(),
        content_type: header_text(&res, header::CONTENT_TYPE),
        location: header_text(&res, header::LOCATION),
        etag: header_text(&res, header::ETAG),
        body: String::new(),
    };
    let (res, body) = res.into_parts();
    let body = to_bytes(body)
        .await
        .map_err(|e| ApiError::internal(format!("reading an answer to keep: {}", e.into())))?;
    answer.body = String::from_utf8_lossy(&body).into_owned();
    let kept = run(store, move |s| {
        idempotency::complete(s, account, &key, &answer)
    })
    .await;
    if let Err(e) = kept {
        log::error!("could not keep the answer to an idempotent request: {e}");
    }
    Ok(ServiceResponse::new(req, res.set_body(BoxBody::new(body))))
}
