//! `Idempotency-Key` on creates: a `POST` retried with the same key (by the same account,
//! with the same path and body) gets the first answer back instead of creating twice.
//!
//! A key is looked up before the handler runs: an answered one is replayed. Otherwise the
//! handler's write keeps its answer in the write's own transaction, so that a key is
//! answered exactly when its write committed: a request that failed, or died in a crash,
//! left nothing and may be sent again; a retry racing the first finds the key taken
//! inside its transaction (409, then the replay). Keys are remembered for 24 hours.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage, HttpResponse};
use chrono::NaiveDateTime;
use dantin_usecases::idempotency::{self, Answer, Found};
use dantin_usecases::{Error, Store};
use sha2::{Digest, Sha256};

use crate::auth::TokenKeys;
use crate::db::run;
use crate::error::ApiError;
use crate::extract::{body_bytes, body_limit};

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
            ApiError::invalid_parameter(
                "Idempotency-Key must be 1 to 255 visible ASCII characters",
                "Idempotency-Key phải gồm 1 đến 255 ký tự ASCII nhìn thấy được.",
            )
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
    let limit = body_limit(req.path());
    let mut payload = req.take_payload();
    let body = match body_bytes(req.request(), &mut payload, limit).await {
        Ok(body) => body.freeze(),
        Err(e) => return Ok(req.error_response(e)),
    };
    let print = fingerprint(&req, &body);
    req.set_payload(body.into());

    let received = chrono::Utc::now().naive_utc();
    let found = {
        let (key, print) = (key.clone(), print.clone());
        run(store, move |s| {
            idempotency::look_up(s, account, &key, &print, received)
        })
        .await
    };
    match found {
        Ok(Found::Nothing) => {}
        Ok(Found::Replay(answer)) => return Ok(req.into_response(replay(answer))),
        Ok(Found::Mismatch) => return Ok(req.error_response(ApiError::from(Error::KeyReused))),
        Err(e) => return Ok(req.error_response(e)),
    }
    // The handler's write keeps the answer, in its own transaction (`AuthUser::keeping`).
    req.extensions_mut().insert(PendingKey {
        key,
        fingerprint: print,
        received,
    });
    Ok(next.call(req).await?.map_into_boxed_body())
}

/// A keyed request on its way to the write that will keep its answer.
#[derive(Debug, Clone)]
pub struct PendingKey {
    pub key: String,
    pub fingerprint: String,
    pub received: NaiveDateTime,
}

/// The answer a handler gives, as a retry will get it back.
pub fn answer_of(res: HttpResponse) -> Option<Answer> {
    let answer = Answer {
        status: res.status().as_u16(),
        content_type: header_text(&res, header::CONTENT_TYPE),
        location: header_text(&res, header::LOCATION),
        etag: header_text(&res, header::ETAG),
        body: String::new(),
    };
    let body = res.into_body().try_into_bytes().ok()?;
    Some(Answer {
        body: String::from_utf8_lossy(&body).into_owned(),
        ..answer
    })
}
