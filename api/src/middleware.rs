//! Request ids, and the finishing of every error response into a problem.

use actix_web::body::{self, BodySize, BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{HttpMessage, ResponseError};
use rand::Rng;

use crate::error::{ApiError, ProblemSource};
use crate::problem::{Kind, PROBLEM_JSON};

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The id of the request being served, from the caller's `X-Request-Id` when it is sane,
/// else fresh.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

fn incoming_request_id(req: &ServiceRequest) -> Option<String> {
    let v = req.headers().get(REQUEST_ID)?.to_str().ok()?;
    let sane = !v.is_empty()
        && v.len() <= 64
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b));
    sane.then(|| v.to_owned())
}

fn wants_vietnamese(req: &ServiceRequest) -> bool {
    req.headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .is_some_and(|first| first.trim().to_ascii_lowercase().starts_with("vi"))
}

/// Gives every request an id, and turns every error response into a problem body in the
/// caller's language that names the request id; logs the cause of server errors.
pub async fn finish(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let id = incoming_request_id(&req)
        .unwrap_or_else(|| format!("{:016x}", rand::thread_rng().gen::<u64>()));
    req.extensions_mut().insert(RequestId(id.clone()));
    let vietnamese = wants_vietnamese(&req);
    // HEAD is GET without the body (RFC 9110 §9.3.2): the GET handler answers it.
    let head = req.method() == Method::HEAD;
    if head {
        req.head_mut().method = Method::GET;
    }
    // Handlers' errors arrive here as responses already; only what fails outside a handler
    // would come as `Err`, and actix renders that after us.
    let mut res = next.call(req).await?.map_into_boxed_body();
    let status = res.status();
    if status.is_client_error() || status.is_server_error() {
        let source = res.response().extensions().get::<ProblemSource>().cloned();
        let source = source.unwrap_or_else(|| {
            // An error the framework answered by itself: give it the same shape.
            let kind = Kind::from_status(status);
            let e = ApiError::new(
                kind,
                status.canonical_reason().unwrap_or("error"),
                kind.titles().1,
            );
            e.error_response()
                .extensions()
                .get::<ProblemSource>()
                .cloned()
                .expect("set by error_response")
        });
        if let Some(cause) = &source.cause {
            log::error!("request {id} failed with {status}: {cause}");
        }
        let mut problem = if vietnamese {
            source.problem_vi
        } else {
            source.problem_en
        };
        problem.request_id = Some(id.clone());
        let body = serde_json::to_vec(&problem).expect("problem serializes");
        res = res.map_body(|head, _| {
            head.headers
                .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
            head.headers.remove(header::CONTENT_LENGTH);
            BoxBody::new(body)
        });
    }
    if let Ok(v) = HeaderValue::from_str(&id) {
        res.headers_mut().insert(REQUEST_ID, v);
    }
    // For HEAD, the connection sends no body but announces a sized body's length, as
    // the GET would. A stream's length is unknown until it is read: it is dropped
    // unread, and no length is announced.
    if head && !matches!(res.response().body().size(), BodySize::Sized(_)) {
        res = res.map_body(|_, _| BoxBody::new(body::None::new()));
    }
    Ok(res)
}
